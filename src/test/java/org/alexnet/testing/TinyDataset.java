package org.alexnet.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.ShardWriter;
import org.alexnet.dataset.ilsvrc.Synset;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.ManifestJson;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.dataset.manifest.ShardName;
import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.record.PixelFormat;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;

/**
 * Writes a small committed dataset through the contract's own writers, for tests of readers:
 * {@code images} RAW records of {@code size}x{@code size}, whose pixel (y, x) is (index, y, x) mod 256.
 */
public final class TinyDataset {
  private TinyDataset() {}

  public static Manifest write(String root, int images, int shards, int size) throws IOException {
    return write(root, images, 0, shards, size);
  }

  /** With a validation split of {@code validationImages} too (images numbered on from the train ones). */
  public static Manifest write(String root, int images, int validationImages, int shards, int size) throws IOException {
    SynsetTable table = SynsetTable.bundled();
    Map<String, Manifest.Split> splits = new java.util.TreeMap<>();
    splits.put(Dataset.TRAIN, new Manifest.Split(images, writeSplit(root, Dataset.TRAIN, 0, images, shards, size, table)));
    if (validationImages > 0) {
      splits.put(Dataset.VALIDATION, new Manifest.Split(validationImages,
          writeSplit(root, Dataset.VALIDATION, images, validationImages, shards, size, table)));
    }
    ByteArrayOutputStream mean = new ByteArrayOutputStream();
    new NpyArray(new int[] {size, size, 3}, new float[size * size * 3]).write(mean);
    Storage.writeAtomically(StorageUri.parse(root).resolve("mean.npy"), mean.toByteArray());
    Manifest manifest = new Manifest(Manifest.SCHEMA_VERSION, "tiny-" + images + "-" + validationImages, "2026-11-25T00:00:00Z",
        Map.of("size", Integer.toString(size), "encoding", "raw"),
        splits,
        Map.of(Dataset.TRAIN, new Manifest.Input("generated", images + 1L)),
        List.of(new Manifest.Quarantined("n01440764_1.JPEG", Dataset.TRAIN, QuarantineReason.EMPTY, "0 bytes")),
        new Manifest.MeanStats("mean.npy", images, new double[] {1, 2, 3}, new double[] {4, 5, 6},
            new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
        table.classLabels(), Map.of(), Manifest.SORTED_NAME_LABELS);
    Storage.writeAtomically(StorageUri.parse(root).resolve(Manifest.FILE_NAME), ManifestJson.write(manifest));
    return manifest;
  }

  private static List<Manifest.Shard> writeSplit(String root, String split, int first, int images, int shards, int size,
      SynsetTable table) throws IOException {
    List<Manifest.Shard> written = new ArrayList<>();
    int next = first;
    for (int s = 0; s < shards; s++) {
      int count = images / shards + (s < images % shards ? 1 : 0);
      try (ShardWriter writer = new ShardWriter(root, ShardName.of(split, s, shards))) {
        for (int i = 0; i < count; i++, next++) {
          writer.write(record(next, size, table.byLabel(next % 1000)));
        }
        writer.close();
        written.add(writer.shard());
      }
    }
    return written;
  }

  public static ImageRecord record(int index, int size, Synset synset) {
    byte[] pixels = new byte[size * size * 3];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int p = (y * size + x) * 3;
        pixels[p] = (byte) index;
        pixels[p + 1] = (byte) y;
        pixels[p + 2] = (byte) x;
      }
    }
    return new ImageRecord(pixels, PixelFormat.RAW, size, size, 3, "RGB", index % 1000, synset.wnid(),
        synset.words(), synset.wnid() + "_" + index + ".JPEG");
  }
}
