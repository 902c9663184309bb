package org.alexnet.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.alexnet.dataset.ilsvrc.Synset;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses make-sample output back the way a consumer of the real archives would. */
class SampleGeneratorTest {
  private static final SampleSpec SPEC = new SampleSpec(3, 6, 2, 7, true, false);

  @TempDir static Path dir;
  static SampleSummary summary;
  static long progressed;

  @BeforeAll
  static void generate() throws IOException {
    AtomicLong done = new AtomicLong();
    SampleGenerator generator = new SampleGenerator(SPEC, done::addAndGet);
    summary = generator.write(dir.resolve("a"));
    progressed = done.get();
    assertThat(progressed).isEqualTo(SPEC.totalImages());
  }

  @Test
  void trainTarHoldsOneTarPerClassWithIlsvrcNames() throws IOException {
    Map<String, Map<String, byte[]>> classes = readTrain(summary.trainTar());
    assertThat(classes.keySet()).containsExactlyElementsOf(summary.wnids().stream().map(w -> w + ".tar").toList());
    assertThat(summary.wnids()).isSorted().allSatisfy(w -> assertThat(SynsetTable.bundled().label(w)).isPresent());
    int total = 0;
    for (Map.Entry<String, Map<String, byte[]>> c : classes.entrySet()) {
      String wnid = c.getKey().replace(".tar", "");
      assertThat(c.getValue().keySet()).allMatch(n -> n.matches(wnid + "_\\d+\\.JPEG"));
      assertThat(c.getValue()).hasSize(summary.trainCounts().get(wnid));
      total += c.getValue().size();
    }
    assertThat(total).isEqualTo(SPEC.classes() * SPEC.trainPerClass() + EdgeCase.values().length);
  }

  @Test
  void photosAreRealJpegsOfImageNetLikeSizes() throws IOException {
    Map<String, byte[]> first = readTrain(summary.trainTar()).values().iterator().next();
    int checked = 0;
    for (Map.Entry<String, byte[]> f : first.entrySet()) {
      if (summary.edgeCases().containsKey(summary.wnids().get(0) + ".tar/" + f.getKey())) {
        continue;
      }
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.getValue()));
      assertThat(image).as(f.getKey()).isNotNull();
      assertThat(Math.max(image.getWidth(), image.getHeight())).isBetween(250, 1024);
      checked++;
    }
    assertThat(checked).isEqualTo(SPEC.trainPerClass());
  }

  @Test
  void edgeCasesAreInTheClassTarsAndAreWhatTheyClaim() throws IOException {
    assertThat(summary.edgeCases().values()).containsExactlyInAnyOrder(EdgeCase.values());
    Map<String, Map<String, byte[]>> classes = readTrain(summary.trainTar());
    Map<EdgeCase, byte[]> bytes = new LinkedHashMap<>();
    summary.edgeCases().forEach((member, kind) -> {
      String[] parts = member.split("/");
      bytes.put(kind, classes.get(parts[0]).get(parts[1]));
    });
    assertThat(bytes.get(EdgeCase.EMPTY)).isEmpty();
    assertThat(bytes.get(EdgeCase.PNG_AS_JPEG)).startsWith(0x89, 'P', 'N', 'G');
    assertThat(ImageIO.read(new ByteArrayInputStream(bytes.get(EdgeCase.GRAYSCALE))).getRaster().getNumBands()).isEqualTo(1);
    byte[] truncated = bytes.get(EdgeCase.TRUNCATED);
    assertThat(truncated).startsWith(0xFF, 0xD8);
    assertThat(new byte[] {truncated[truncated.length - 2], truncated[truncated.length - 1]})
        .as("no end-of-image marker").isNotEqualTo(new byte[] {(byte) 0xFF, (byte) 0xD9});
    assertThat(bytes.get(EdgeCase.PROGRESSIVE)).containsSequence((byte) 0xFF, (byte) 0xC2);
    assertThat(bytes.get(EdgeCase.CMYK)).containsSequence('A', 'd', 'o', 'b', 'e');
    assertThat(bytes.get(EdgeCase.HUGE_HEADER)).containsSequence((byte) 0xFF, (byte) 0xC0, (byte) 0, (byte) 17,
        (byte) 8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF);
  }

  @Test
  void validationIsFlatShuffledAndLabelledByTheDevkit() throws IOException {
    List<String> names = members(Files.newInputStream(summary.valTar())).keySet().stream().toList();
    assertThat(names).hasSize(SPEC.classes() * SPEC.valPerClass())
        .allMatch(n -> n.matches("ILSVRC2012_val_\\d{8}\\.JPEG")).isSorted();
    Devkit devkit;
    try (InputStream in = Files.newInputStream(summary.devkit())) {
      devkit = Devkit.read(in, "devkit");
    }
    SynsetTable table = devkit.synsets();
    assertThat(table.all()).hasSize(1860);
    for (int i = 0; i < names.size(); i++) {
      assertThat(table.byLabel(devkit.validationLabel(i + 1)).wnid()).isEqualTo(summary.validationWnids().get(i));
    }
    assertThat(summary.validationWnids()).as("classes shuffled").isNotEqualTo(
        summary.validationWnids().stream().sorted().toList());
    for (Synset s : table.classes()) {
      assertThat(s.numTrainImages()).isEqualTo(summary.trainCounts().getOrDefault(s.wnid(), 0));
    }
  }

  @Test
  void sameSpecGivesTheSameBytes() throws IOException {
    SampleSummary again = new SampleGenerator(SPEC, n -> { }).write(dir.resolve("b"));
    assertThat(Files.readAllBytes(again.trainTar())).isEqualTo(Files.readAllBytes(summary.trainTar()));
    assertThat(Files.readAllBytes(again.valTar())).isEqualTo(Files.readAllBytes(summary.valTar()));
    assertThat(Files.readAllBytes(again.devkit())).isEqualTo(Files.readAllBytes(summary.devkit()));
  }

  private static Map<String, Map<String, byte[]>> readTrain(Path trainTar) throws IOException {
    Map<String, Map<String, byte[]>> classes = new LinkedHashMap<>();
    members(Files.newInputStream(trainTar)).forEach((name, bytes) -> {
      try {
        classes.put(name, members(new ByteArrayInputStream(bytes)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return classes;
  }

  private static Map<String, byte[]> members(InputStream stream) throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(stream)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        members.put(e.getName(), tar.readAllBytes());
      }
    }
    return members;
  }
}
