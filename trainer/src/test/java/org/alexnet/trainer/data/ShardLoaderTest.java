package org.alexnet.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.testing.TinyDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a dataset whose pixel (y, x) of image i is (i, y, x), so every crop can be checked. */
class ShardLoaderTest {
  private static final int IMAGES = 23;
  private static final int SIZE = 16;
  private static final int CROP = 12;

  @TempDir static Path dir;
  static Dataset dataset;
  static InputNormalization raw;

  @BeforeAll
  static void write() throws IOException {
    TinyDataset.write(dir.resolve("tiny").toString(), IMAGES, 3, SIZE);
    dataset = Dataset.open(dir.resolve("tiny").toString());
    raw = InputNormalization.meanImage(new NpyArray(new int[] {SIZE, SIZE, 3}, new float[SIZE * SIZE * 3]), null);
  }

  @Test
  void everyImageOnceAnEpochInAnOrderThatDependsOnlyOnSeedAndEpoch() {
    List<Batch> first = all(loader(true, 3), 0, 0);
    assertThat(first).hasSize(5);
    assertThat(first.stream().flatMapToInt(b -> IntStream.of(b.labels())).sorted().toArray())
        .containsExactly(IntStream.range(0, IMAGES).toArray());
    List<Batch> again = all(loader(true, 1), 0, 0);
    for (int b = 0; b < first.size(); b++) {
      assertThat(again.get(b).labels()).containsExactly(first.get(b).labels());
      assertThat(again.get(b).features()).containsExactly(first.get(b).features());
    }
    List<Integer> epoch0 = labels(first);
    List<Integer> epoch1 = labels(all(loader(true, 3), 1, 0));
    assertThat(epoch1).isNotEqualTo(epoch0).containsExactlyInAnyOrderElementsOf(epoch0);
  }

  @Test
  void resumingMidEpochGivesTheRemainingBatches() {
    List<Batch> whole = all(loader(true, 2), 4, 0);
    List<Batch> rest = all(loader(true, 2), 4, 2);
    assertThat(rest).hasSize(whole.size() - 2);
    for (int b = 0; b < rest.size(); b++) {
      assertThat(rest.get(b).index()).isEqualTo(b + 2);
      assertThat(rest.get(b).features()).containsExactly(whole.get(b + 2).features());
    }
  }

  @Test
  void evaluationTakesCentreCropsInStoredOrder() {
    List<Batch> batches = all(loader(false, 2), 0, 0);
    int plane = CROP * CROP;
    int offset = (SIZE - CROP) / 2;
    int seen = 0;
    for (Batch b : batches) {
      for (int i = 0; i < b.size(); i++, seen++) {
        float[] f = b.features();
        int base = i * 3 * plane;
        assertThat(f[base + 5 * CROP + 7]).isEqualTo(b.labels()[i]); // channel 0 holds the image index
        assertThat(f[base + plane + 5 * CROP + 7]).isEqualTo(5 + offset); // channel 1: y
        assertThat(f[base + 2 * plane + 5 * CROP + 7]).isEqualTo(7 + offset); // channel 2: x
      }
    }
    assertThat(seen).isEqualTo(IMAGES);
  }

  @Test
  void trainingCropsStayInsideAndMirrorAboutHalfTheTime() {
    int plane = CROP * CROP;
    int mirrored = 0;
    int total = 0;
    for (int epoch = 0; epoch < 4; epoch++) {
      for (Batch b : all(loader(true, 2), epoch, 0)) {
        for (int i = 0; i < b.size(); i++, total++) {
          float[] f = b.features();
          int xs = i * 3 * plane + 2 * plane;
          float left = f[xs];
          float right = f[xs + CROP - 1];
          assertThat(Math.abs(right - left)).isEqualTo(CROP - 1);
          assertThat(Math.min(left, right)).isBetween(0f, (float) (SIZE - CROP));
          mirrored += right < left ? 1 : 0;
        }
      }
    }
    assertThat(mirrored).isBetween(total / 4, 3 * total / 4);
  }

  @Test
  void torchvisionNormalizationScalesToImageNetStatistics() {
    var pixel = new org.alexnet.dataset.record.ImageRecord(new byte[] {(byte) 255, 0, 0},
        org.alexnet.dataset.record.PixelFormat.RAW, 1, 1, 3, "RGB", 0, "n01440764", "tench", "a.JPEG");
    float[] input = new float[3];
    InputCrops.centre(pixel, 1, InputNormalization.torchvision(), input, 0);
    assertThat(input[0]).isCloseTo((1 - 0.485f) / 0.229f, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(input[2]).isCloseTo(-0.406f / 0.225f, org.assertj.core.data.Offset.offset(1e-5f));
  }

  private static ShardLoader loader(boolean augment, int workers) {
    return new ShardLoader(dataset, new LoaderConfig(Dataset.TRAIN, 5, CROP, augment, 42, 8, workers, 2, 0), raw);
  }

  private static List<Batch> all(ShardLoader loader, int epoch, long first) {
    List<Batch> batches = new ArrayList<>();
    Iterator<Batch> it = loader.epoch(epoch, first);
    it.forEachRemaining(batches::add);
    return batches;
  }

  private static List<Integer> labels(List<Batch> batches) {
    List<Integer> labels = new ArrayList<>();
    batches.forEach(b -> IntStream.of(b.labels()).forEach(labels::add));
    return labels;
  }
}
