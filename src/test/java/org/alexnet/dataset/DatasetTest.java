package org.alexnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.testing.S3TestServer;
import org.alexnet.testing.TinyDataset;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
  @TempDir Path dir;

  @Test
  void readsRecordsAcrossShardsAsTheManifestCountsThem() throws IOException {
    String root = dir.resolve("tiny").toString();
    Manifest written = TinyDataset.write(root, 7, 3, 8);
    Dataset dataset = Dataset.open(root);
    assertThat(dataset.manifest()).usingRecursiveComparison().isEqualTo(written);
    assertThat(dataset.split(Dataset.TRAIN).shards()).extracting(Manifest.Shard::records).containsExactly(3L, 2L, 2L);
    for (int i = 0; i < 7; i++) {
      assertThat(dataset.record(Dataset.TRAIN, i)).isEqualTo(TinyDataset.record(i, 8, SynsetTable.bundled().byLabel(i)));
    }
    assertThat(dataset.meanImage().shape()).containsExactly(8, 8, 3);
    Manifest.Shard first = dataset.split(Dataset.TRAIN).shards().get(0);
    assertThat(Files.size(dir.resolve("tiny").resolve(first.path()))).isEqualTo(first.bytes());
    assertThat(first.sha256()).hasSize(64);
  }

  @Test
  void readsTheRecordsOfSeveralShardsOneShardAfterAnother() throws IOException {
    String root = dir.resolve("chain").toString();
    TinyDataset.write(root, 7, 3, 8);
    Dataset dataset = Dataset.open(root);
    List<Manifest.Shard> shards = dataset.split(Dataset.TRAIN).shards();
    List<Integer> labels = new ArrayList<>();
    try (ShardRecords records = new ShardRecords(dataset, List.of(shards.get(2), shards.get(0)))) {
      for (byte[] r = records.next(); r != null; r = records.next()) {
        labels.add(ExampleCodec.decode(r).label());
      }
      assertThat(records.next()).isNull();
    }
    assertThat(labels).containsExactly(5, 6, 0, 1, 2); // shard 2 holds images 5-6, shard 0 images 0-2
    try (ShardRecords none = new ShardRecords(dataset, List.of())) {
      assertThat(none.next()).isNull();
    }
  }

  @Test
  void saysWhyALocationIsNotADataset() throws IOException {
    assertThatThrownBy(() -> Dataset.open(dir.resolve("nothing").toString()))
        .isInstanceOf(FileNotFoundException.class).hasMessageContaining("nothing is there");
    Files.writeString(Files.createDirectories(dir.resolve("partial")).resolve("train-00000-of-00001"), "",
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
    assertThatThrownBy(() -> Dataset.open(dir.resolve("partial").toString()))
        .hasMessageContaining("has no manifest.json").hasMessageContaining("run prepare again");
    String root = dir.resolve("tiny").toString();
    TinyDataset.write(root, 2, 1, 4);
    assertThatThrownBy(() -> Dataset.open(root).record(Dataset.TRAIN, 2)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> Dataset.open(root).record(Dataset.VALIDATION, 0)).hasMessageContaining("no split 'validation'");
  }

  @Test
  void worksOnS3() throws Exception {
    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("dsets");
      Storage.configure(s3.config());
      TinyDataset.write("s3://dsets/tiny", 5, 2, 6);
      Dataset dataset = Dataset.open("s3://dsets/tiny");
      assertThat(dataset.record(Dataset.TRAIN, 4).label()).isEqualTo(4);
      assertThat(dataset.root()).isEqualTo(StorageUri.parse("s3://dsets/tiny"));
    }
  }
}
