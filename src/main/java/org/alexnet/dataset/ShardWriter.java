package org.alexnet.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.tfrecord.TfRecordWriter;
import org.alexnet.storage.Sha256;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;

/** Writes one shard file of records and describes it for the manifest (records, bytes, sha256). */
public final class ShardWriter implements AutoCloseable {
  private final String name;
  private final MessageDigest sha256;
  private final CountingStream counted;
  private final TfRecordWriter writer;
  private Manifest.Shard result;

  /** @param name the shard's path relative to the dataset root, e.g. train-00000-of-00016 */
  public ShardWriter(String datasetRoot, String name) throws IOException {
    this.name = name;
    sha256 = Sha256.newDigest();
    counted = new CountingStream(new DigestOutputStream(Storage.create(StorageUri.parse(datasetRoot).resolve(name)), sha256));
    writer = new TfRecordWriter(counted);
  }

  public void write(ImageRecord record) throws IOException {
    writeEncoded(ExampleCodec.encode(record));
  }

  /** Writes a record already serialized by {@link ExampleCodec#encode}. */
  public void writeEncoded(byte[] example) throws IOException {
    writer.write(example);
  }

  /** Closes the file; the description is valid only after this. */
  @Override
  public void close() throws IOException {
    if (result == null) {
      writer.close();
      result = new Manifest.Shard(name, writer.records(), counted.count, Sha256.hexDigest(sha256));
    }
  }

  public Manifest.Shard shard() {
    if (result == null) {
      throw new IllegalStateException("shard " + name + " is still open");
    }
    return result;
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    private long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }
  }
}
