package org.alexnet.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.record.RecordImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {"Prints a dataset's manifest summary: splits, shards, inputs, quarantine, mean, classes.",
        "With --record N, decodes record N of a split to a PNG."})
final class InspectCommand implements Callable<Integer> {
  private static final int QUARANTINE_SHOWN = 10;
  private static final int CLASSES_SHOWN = 20;

  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Parameters(paramLabel = "URI", description = "Dataset location: a local folder or s3://bucket/prefix.")
  String uri;

  @Option(names = "--record", paramLabel = "N", description = "Decode record N (0-based, across the split's shards in order).")
  Long record;

  @Option(names = "--split", defaultValue = Dataset.TRAIN, description = "Split for --record (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--png", paramLabel = "FILE", description = "Where --record writes its PNG (default: <split>-<N>.png).")
  Path png;

  @Override
  public Integer call() throws Exception {
    storage.apply();
    Dataset dataset = Dataset.open(uri);
    PrintWriter out = spec.commandLine().getOut();
    if (record != null) {
      writeRecord(dataset, out);
    } else {
      summarize(dataset.manifest(), dataset, out);
    }
    return 0;
  }

  private void writeRecord(Dataset dataset, PrintWriter out) throws Exception {
    ImageRecord r = dataset.record(split, record);
    Path target = png != null ? png : Path.of(split + "-" + record + ".png");
    if (target.toAbsolutePath().getParent() != null) {
      Files.createDirectories(target.toAbsolutePath().getParent());
    }
    ImageIO.write(RecordImage.toImage(r), "png", target.toFile());
    out.printf("%s record %d: %s, %s %dx%dx%d, label %d %s (%s)%n", split, record, r.filename(), r.format(),
        r.width(), r.height(), r.channels(), r.label(), r.synset(), r.text());
    out.printf("Wrote %s (stored pixels, before mean subtraction)%n", target);
  }

  private static void summarize(Manifest m, Dataset dataset, PrintWriter out) {
    out.printf("Dataset %s%n  id %s, schema %d, created %s%n", dataset.root(), m.id(), m.schemaVersion(), m.createdAt());
    out.printf("  settings: %s%n", new TreeMap<>(m.settings()).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    out.printf("%n  %-12s %10s %7s %12s%n", "split", "images", "shards", "bytes");
    for (String name : dataset.splitNames()) {
      Manifest.Split s = m.splits().get(name);
      out.printf("  %-12s %,10d %7d %12s%n", name, s.images(), s.shards().size(), Bytes.human(s.bytes()));
    }
    out.printf("%n  inputs:%n");
    new TreeMap<>(m.inputs()).forEach((name, in) -> out.printf("    %-12s %s (%,d files)%n", name, in.uri(), in.files()));
    summarizeQuarantine(m, out);
    Manifest.MeanStats mean = m.mean();
    if (mean != null) {
      out.printf("%n  mean: %s over %,d training images%n", mean.file(), mean.images());
      out.printf("    RGB mean %s   std %s (0..255)%n", triple(mean.channelMean()), triple(mean.channelStd()));
    }
    summarizeClasses(m, out);
  }

  /** All classes when they are few; the first and last when they are many. */
  private static void summarizeClasses(Manifest m, PrintWriter out) {
    out.printf("%n  classes: %d; labels: %s%n", m.classes().size(), m.labelConvention());
    List<Manifest.ClassLabel> classes = m.classes();
    for (int i = 0; i < classes.size(); i++) {
      if (classes.size() > CLASSES_SHOWN && i == CLASSES_SHOWN - 3) {
        out.printf("    ... %,d more (see manifest.json)%n", classes.size() - CLASSES_SHOWN + 1);
        i = classes.size() - 3;
      }
      Manifest.ClassLabel c = classes.get(i);
      out.printf("    %4d  %-12s %s%s%n", c.label(), c.name(), c.words().equals(c.name()) ? "" : c.words(),
          c.devkitId() == null ? "" : "  [devkit ID " + c.devkitId() + "]");
    }
    new TreeMap<>(m.excluded()).forEach((split, e) -> out.printf("  left out of %s by the class selection: %d classes%s%n",
        split, e.classes().size(), e.files() == 0 ? "" : String.format(", %,d files", e.files())));
  }

  private static void summarizeQuarantine(Manifest m, PrintWriter out) {
    out.printf("%n  quarantined: %d input files%n", m.quarantine().size());
    Map<String, Long> byReason = m.quarantine().stream()
        .collect(Collectors.groupingBy(q -> q.reason().code(), TreeMap::new, Collectors.counting()));
    byReason.forEach((reason, count) -> out.printf("    %-14s %,d%n", reason, count));
    m.quarantine().stream().limit(QUARANTINE_SHOWN).forEach(q ->
        out.printf("    - %s [%s] %s: %s%n", q.file(), q.split(), q.reason().code(), q.detail()));
    if (m.quarantine().size() > QUARANTINE_SHOWN) {
      out.printf("    ... and %d more (see manifest.json)%n", m.quarantine().size() - QUARANTINE_SHOWN);
    }
  }

  private static String triple(double[] v) {
    Function<Double, String> f = d -> String.format("%.1f", d);
    return v == null ? "-" : f.apply(v[0]) + " " + f.apply(v[1]) + " " + f.apply(v[2]);
  }
}
