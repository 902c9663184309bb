package org.alexnet.pipelines.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.tfrecord.TfRecordReader;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import org.alexnet.sample.TarWriter;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets of any class set: a devkit of K classes, a selection of class tars, an ImageFolder tree. */
class ClassSetTest {
  /** Ten classes and a devkit of those ten only: IDs 1..10 (not in sorted-WNID order) and a root, ID 11. */
  static final SampleSpec TEN = new SampleSpec(10, 3, 2, 5, false, true);

  @TempDir static Path dir;
  static SampleSummary sample;

  @BeforeAll
  static void sample() throws IOException {
    sample = PrepareRuns.sample(dir.resolve("sample"), TEN);
  }

  @Test
  void aTenClassDevkitMakesATenClassDatasetLabelledByItsGroundTruth() throws IOException {
    Devkit devkit = Devkit.read(Files.newInputStream(sample.devkit()), "devkit");
    assertThat(devkit.synsets().all()).hasSize(11);
    Dataset dataset = PrepareRuns.run(PrepareRuns.request(sample, dir.resolve("ten").toString()), "ten").dataset();
    Manifest m = dataset.manifest();
    assertThat(m.classNames()).isEqualTo(sample.wnids()).hasSize(10).isSorted();
    for (Manifest.ClassLabel c : m.classes()) {
      assertThat(c.devkitId()).isEqualTo(devkit.synsets().byWnid(c.name()).orElseThrow().ilsvrc2012Id());
    }
    assertThat(m.classes()).extracting(Manifest.ClassLabel::devkitId).as("devkit IDs are not sorted-WNID order")
        .isNotEqualTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    for (ImageRecord r : records(dataset, Dataset.VALIDATION)) {
      int number = Integer.parseInt(r.filename().replaceAll("\\D", "").substring(4));
      String truth = sample.validationWnids().get(number - 1);
      assertThat(r.synset()).as(r.filename()).isEqualTo(truth);
      assertThat(r.label()).isEqualTo(sample.wnids().indexOf(truth));
    }
    assertThat(records(dataset, Dataset.TRAIN)).allSatisfy(r -> assertThat(r.label()).isBetween(0, 9));
  }

  /** --classes keeps three of the ten: the other class tars are never read (here they are not even tars). */
  @Test
  void aClassSelectionSkipsTheOtherClassTarsUnread() throws IOException {
    List<String> chosen = List.of(sample.wnids().get(1), sample.wnids().get(4), sample.wnids().get(8));
    Path train = dir.resolve("train-with-garbage.tar");
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(sample.trainTar()));
         TarWriter out = new TarWriter(Files.newOutputStream(train))) {
      for (TarArchiveEntry e = in.getNextTarEntry(); e != null; e = in.getNextTarEntry()) {
        byte[] content = in.readAllBytes();
        boolean keep = chosen.contains(e.getName().replace(".tar", ""));
        out.add(e.getName(), keep ? content : garbage(content.length));
      }
    }
    Path classes = dir.resolve("classes.txt");
    Files.writeString(classes, "# three of ten\n" + String.join("\n", chosen) + "\n");
    PrepareInputs inputs = new PrepareInputs(train.toString(), sample.valTar().toString(), sample.devkit().toString(),
        null, classes.toString());
    Manifest m = PrepareRuns.run(new PrepareRequest(inputs, dir.resolve("three").toString(), PrepareRuns.SMALL, false),
        "three").dataset().manifest();

    assertThat(m.classNames()).isEqualTo(chosen);
    assertThat(m.quarantine()).as("nothing of the garbage tars was read").isEmpty();
    assertThat(m.splits().get(Dataset.TRAIN).images()).isEqualTo(3L * TEN.trainPerClass());
    assertThat(m.splits().get(Dataset.VALIDATION).images()).isEqualTo(3L * TEN.valPerClass());
    Manifest.Excluded train0 = m.excluded().get(Dataset.TRAIN);
    assertThat(train0.classes()).hasSize(7).doesNotContainAnyElementsOf(chosen);
    assertThat(train0.files()).isZero();
    Manifest.Excluded val = m.excluded().get(Dataset.VALIDATION);
    assertThat(val.files()).isEqualTo(7L * TEN.valPerClass());
    assertThat(m.inputs().get(Dataset.VALIDATION).files()).as("images + quarantined + left out")
        .isEqualTo(m.splits().get(Dataset.VALIDATION).images() + val.files());

    Files.writeString(classes, "n00000001\n");
    assertThatThrownBy(() -> PreparePipeline.datasetId(new PrepareRequest(inputs, dir.resolve("x").toString(),
        PrepareRuns.SMALL, false))).hasMessageContaining("--classes names 1 class the inputs do not have: n00000001");
  }

  /** torchvision's ImageFolder layout with class names that are not WNIDs, labels from the folders. */
  @Test
  void anImageFolderTreeWithAnyClassNamesPrepares() throws Exception {
    Path root = dir.resolve("pets");
    byte[] hopper = resource("/images/pillow-src__hopper.jpg");
    byte[] china = resource("/images/python3-sklearn__china.jpg");
    for (String split : List.of("train", "val")) {
      for (int i = 0; i < 3; i++) {
        write(root.resolve(split + "/tabby cat/" + i + ".jpg"), hopper);
        write(root.resolve(split + "/dog/" + i + ".jpg"), china);
      }
    }
    PrepareInputs inputs = new PrepareInputs(root.resolve("train").toString(), root.resolve("val").toString(), null,
        null, null);
    Dataset dataset = PrepareRuns.run(new PrepareRequest(inputs, dir.resolve("pets-dataset").toString(),
        PrepareRuns.SMALL, false), "pets").dataset();
    Manifest m = dataset.manifest();
    assertThat(m.classes()).containsExactly(new Manifest.ClassLabel(0, "dog", "dog", null),
        new Manifest.ClassLabel(1, "tabby cat", "tabby cat", null));
    assertThat(m.quarantine()).isEmpty();
    for (ImageRecord r : records(dataset, Dataset.VALIDATION)) {
      assertThat(r.synset()).isEqualTo(r.label() == 0 ? "dog" : "tabby cat");
    }
    assertThat(records(dataset, Dataset.TRAIN)).hasSize(6);
  }

  /** The ILSVRC2012 path as it was: the 1000 classes of the real devkit, and the same dataset id. */
  @Test
  void theFullDevkitKeepsItsThousandClassesAndItsDatasetId() throws IOException {
    SampleSummary full = PrepareRuns.sample(dir.resolve("full"), PreparePipelineTest.SPEC);
    PrepareRequest request = PrepareRuns.request(full, dir.resolve("unused").toString());
    assertThat(PreparePipeline.datasetId(request)).isEqualTo(PreparePipelineTest.SAMPLE_ID);
  }

  private static byte[] garbage(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ClassSetTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  static List<ImageRecord> records(Dataset dataset, String split) throws IOException {
    List<ImageRecord> records = new ArrayList<>();
    for (Manifest.Shard s : dataset.split(split).shards()) {
      try (TfRecordReader reader = new TfRecordReader(Files.newInputStream(Path.of(dataset.resolve(s.path()))), s.path())) {
        for (byte[] r = reader.next(); r != null; r = reader.next()) {
          records.add(ExampleCodec.decode(r));
        }
      }
    }
    return records;
  }
}
