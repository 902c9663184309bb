package org.alexnet.sample;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.alexnet.dataset.ilsvrc.MetaMat;
import org.alexnet.dataset.ilsvrc.Synset;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a small ILSVRC2012 look-alike, laid out exactly as the real downloads: a train tar of class
 * tars, a flat validation tar with classes shuffled, and a devkit whose ground truth is in devkit-ID
 * order. Everything is a function of the {@link SampleSpec}, so the same spec gives the same bytes.
 */
public final class SampleGenerator {
  public static final String TRAIN_TAR = "ILSVRC2012_img_train.tar";
  public static final String VAL_TAR = "ILSVRC2012_img_val.tar";
  /** WordNet's "entity", the root of the real devkit's hierarchy. */
  private static final String ROOT_WNID = "n00001740";

  private final SynsetTable synsets = SynsetTable.bundled();
  private final SampleSpec spec;
  private final LongConsumer progress;

  /** @param progress called with the number of images just finished */
  public SampleGenerator(SampleSpec spec, LongConsumer progress) {
    this.spec = spec;
    this.progress = progress;
  }

  public SampleSummary write(Path outDir) throws IOException {
    Files.createDirectories(outDir);
    List<Synset> classes = pickClasses();
    Map<String, EdgeCase> edgeCases = new TreeMap<>();
    Map<String, Integer> trainCounts = writeTrain(outDir.resolve(TRAIN_TAR), classes, edgeCases);
    List<String> validation = writeValidation(outDir.resolve(VAL_TAR), classes);
    writeDevkit(outDir.resolve(Devkit.ARCHIVE), classes, trainCounts, validation);
    return new SampleSummary(outDir.resolve(TRAIN_TAR), outDir.resolve(VAL_TAR), outDir.resolve(Devkit.ARCHIVE),
        classes.stream().map(Synset::wnid).toList(), trainCounts, validation, edgeCases);
  }

  /** A seeded choice of classes, spread over the 1000, in sorted-WNID order. */
  private List<Synset> pickClasses() {
    List<Synset> all = new ArrayList<>(synsets.classes());
    Collections.shuffle(all, new Random(spec.seed()));
    List<Synset> chosen = new ArrayList<>(all.subList(0, spec.classes()));
    chosen.sort((a, b) -> a.wnid().compareTo(b.wnid()));
    return chosen;
  }

  private Map<String, Integer> writeTrain(Path trainTar, List<Synset> classes, Map<String, EdgeCase> edgeCases)
      throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Path scratch = Files.createTempFile(trainTar.getParent(), ".class-", ".tar");
    try (TarWriter outer = new TarWriter(Files.newOutputStream(trainTar))) {
      for (int c = 0; c < classes.size(); c++) {
        String wnid = classes.get(c).wnid();
        Map<String, byte[]> files = trainFiles(c, wnid, edgeCases);
        try (TarWriter inner = new TarWriter(Files.newOutputStream(scratch))) {
          for (Map.Entry<String, byte[]> f : files.entrySet()) {
            inner.add(f.getKey(), f.getValue());
          }
        }
        outer.add(wnid + ".tar", scratch);
        counts.put(wnid, files.size());
      }
    } finally {
      Files.deleteIfExists(scratch);
    }
    return counts;
  }

  /** One class's files by name: numbered like ILSVRC's (not fixed width, with gaps), plus edge cases. */
  private Map<String, byte[]> trainFiles(int design, String wnid, Map<String, EdgeCase> edgeCases) {
    SplittableRandom numbering = random("numbers", design, 0);
    int[] numbers = new int[spec.trainPerClass()];
    int next = 1 + numbering.nextInt(200);
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = next;
      next += 1 + numbering.nextInt(40);
    }
    List<byte[]> images = render(spec.trainPerClass(), i -> photo(design, random("train", design, i)));
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < numbers.length; i++) {
      files.put(wnid + "_" + numbers[i] + ".JPEG", images.get(i));
    }
    if (spec.edgeCases()) {
      EdgeCase[] cases = EdgeCase.values();
      for (int k = design; k < cases.length; k += spec.classes()) {
        BufferedImage picture = picture(design, random("edge", design, k));
        String name = wnid + "_" + (next + k) + ".JPEG";
        files.put(name, cases[k].bytes(picture));
        edgeCases.put(wnid + ".tar/" + name, cases[k]);
        progress.accept(1);
      }
    }
    return files;
  }

  /** Writes the validation tar; returns each image's WNID in file-name order. */
  private List<String> writeValidation(Path valTar, List<Synset> classes) throws IOException {
    List<Integer> designs = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      designs.addAll(Collections.nCopies(spec.valPerClass(), c));
    }
    Collections.shuffle(designs, new Random(spec.seed() * 31 + 7));
    List<byte[]> images = render(designs.size(), i -> photo(designs.get(i), random("val", designs.get(i), i)));
    List<String> wnids = new ArrayList<>();
    try (TarWriter tar = new TarWriter(Files.newOutputStream(valTar))) {
      for (int i = 0; i < images.size(); i++) {
        tar.add(String.format("ILSVRC2012_val_%08d.JPEG", i + 1), images.get(i));
        wnids.add(classes.get(designs.get(i)).wnid());
      }
    }
    return wnids;
  }

  private void writeDevkit(Path devkit, List<Synset> classes, Map<String, Integer> trainCounts, List<String> validation)
      throws IOException {
    List<Synset> table = spec.subsetDevkit() ? subsetTable(classes, trainCounts) : synsets.all().stream()
        .map(s -> s.withNumTrainImages(s.isLeaf() ? trainCounts.getOrDefault(s.wnid(), 0) : 0))
        .toList();
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    MetaMat.write(table, meta);
    Map<String, Integer> ids = new java.util.HashMap<>();
    table.forEach(s -> ids.put(s.wnid(), s.ilsvrc2012Id()));
    StringBuilder truth = new StringBuilder();
    for (String wnid : validation) {
      truth.append(ids.get(wnid)).append('\n');
    }
    GzipParameters gzip = new GzipParameters();
    gzip.setModificationTime(0);
    try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(devkit), gzip);
         TarWriter tar = new TarWriter(out)) {
      tar.add(Devkit.META_MAT, meta.toByteArray());
      tar.add(Devkit.GROUND_TRUTH, truth.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }

  /**
   * The sample's classes as leaves with IDs 1..K, in a seeded order unlike sorted-WNID order (as the
   * real devkit's), and WordNet's root above them with ID K+1.
   */
  private List<Synset> subsetTable(List<Synset> classes, Map<String, Integer> trainCounts) {
    List<Integer> ids = new ArrayList<>(IntStream.rangeClosed(1, classes.size()).boxed().toList());
    Collections.shuffle(ids, new Random(spec.seed() * 17 + 3));
    List<Synset> table = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Synset s = classes.get(c);
      table.add(new Synset(ids.get(c), s.wnid(), s.words(), s.gloss(), new int[0], 0, trainCounts.get(s.wnid())));
    }
    table.sort(java.util.Comparator.comparingInt(Synset::ilsvrc2012Id));
    Synset root = synsets.byWnid(ROOT_WNID).orElseThrow();
    table.add(new Synset(classes.size() + 1, root.wnid(), root.words(), root.gloss(),
        IntStream.rangeClosed(1, classes.size()).toArray(), 1, 0));
    return table;
  }

  private byte[] photo(int design, SplittableRandom random) {
    float quality = 0.75f + 0.20f * (float) random.nextDouble();
    return ImageFiles.jpeg(picture(design, random), quality, false);
  }

  private static BufferedImage picture(int design, SplittableRandom random) {
    Dimension size = ImageSizes.pick(random);
    return ClassPainter.paint(design, size.width, size.height, random);
  }

  /** Renders images in parallel; each has its own seeded generator, so order of work does not matter. */
  private List<byte[]> render(int count, java.util.function.IntFunction<byte[]> image) {
    return IntStream.range(0, count).parallel().mapToObj(i -> {
      byte[] bytes = image.apply(i);
      progress.accept(1);
      return bytes;
    }).toList();
  }

  private SplittableRandom random(String stream, int design, int index) {
    long mixed = spec.seed();
    for (long part : new long[] {stream.hashCode(), design, index}) {
      mixed = new SplittableRandom(mixed ^ part * 0x9E3779B97F4A7C15L).nextLong();
    }
    return new SplittableRandom(mixed);
  }
}
