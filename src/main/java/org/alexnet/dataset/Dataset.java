package org.alexnet.dataset;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.ManifestJson;
import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.tfrecord.TfRecordReader;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;

/** A committed dataset (one with a manifest) at a local path or S3 prefix, opened for reading. */
public final class Dataset {
  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";

  private final StorageUri root;
  private final Manifest manifest;

  private Dataset(StorageUri root, Manifest manifest) {
    this.root = root;
    this.manifest = manifest;
  }

  /** Opens a dataset, or says plainly why the location is not one. */
  public static Dataset open(String uri) throws IOException {
    StorageUri root = StorageUri.parse(uri);
    String manifestUri = root.resolve(Manifest.FILE_NAME);
    if (!Storage.exists(manifestUri)) {
      if (Storage.list(root.text()).isEmpty()) {
        throw new FileNotFoundException(root + " is not a dataset: nothing is there; give the --out of a prepare");
      }
      throw new FileNotFoundException(root + " is not a dataset: it has no " + Manifest.FILE_NAME
          + " (the manifest is written last, so a preparation that did not finish leaves none: run prepare again)");
    }
    return new Dataset(root, ManifestJson.read(Storage.readAll(manifestUri), manifestUri));
  }

  public StorageUri root() {
    return root;
  }

  public Manifest manifest() {
    return manifest;
  }

  public String resolve(String relative) {
    return root.resolve(relative);
  }

  public NpyArray meanImage() throws IOException {
    try (InputStream in = Storage.open(resolve(manifest.mean().file()))) {
      return NpyArray.read(in);
    }
  }

  public Manifest.Split split(String name) {
    Manifest.Split split = manifest.splits().get(name);
    if (split == null) {
      throw new IllegalArgumentException("dataset " + root + " has no split '" + name + "'; it has "
          + manifest.splits().keySet());
    }
    return split;
  }

  /** Record {@code index} of a split, counting through its shards in order. */
  public ImageRecord record(String splitName, long index) throws IOException {
    Manifest.Split split = split(splitName);
    if (index < 0 || index >= split.images()) {
      throw new IllegalArgumentException(String.format("record %d is out of range: split '%s' holds %d (0..%d)",
          index, splitName, split.images(), split.images() - 1));
    }
    long remaining = index;
    for (Manifest.Shard shard : split.shards()) {
      if (remaining < shard.records()) {
        return ExampleCodec.decode(nth(shard, remaining));
      }
      remaining -= shard.records();
    }
    throw new IOException("manifest of " + root + " counts more records than its shards list");
  }

  private byte[] nth(Manifest.Shard shard, long n) throws IOException {
    String uri = resolve(shard.path());
    try (TfRecordReader reader = new TfRecordReader(Storage.open(uri), uri)) {
      byte[] data = reader.next();
      for (long i = 0; i < n && data != null; i++) {
        data = reader.next();
      }
      if (data == null) {
        throw new IOException(uri + " holds fewer records than its manifest entry (" + shard.records() + ")");
      }
      return data;
    }
  }

  public List<String> splitNames() {
    return manifest.splits().keySet().stream().sorted().toList();
  }
}
