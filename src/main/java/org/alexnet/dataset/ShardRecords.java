package org.alexnet.dataset;

import java.io.IOException;
import java.util.List;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.tfrecord.TfRecordReader;
import org.alexnet.storage.Storage;

/**
 * The serialized records of several shards, one shard after another, in the order given. A shard is
 * opened when the one before it ends, so one reader is open at a time whatever the list's length.
 */
public final class ShardRecords implements AutoCloseable {
  private final Dataset dataset;
  private final List<Manifest.Shard> shards;
  private int nextShard;
  private TfRecordReader reader;

  public ShardRecords(Dataset dataset, List<Manifest.Shard> shards) {
    this.dataset = dataset;
    this.shards = List.copyOf(shards);
  }

  /** The next record's data, or null after the last shard's last record. */
  public byte[] next() throws IOException {
    while (true) {
      if (reader == null) {
        if (nextShard == shards.size()) {
          return null;
        }
        String uri = dataset.resolve(shards.get(nextShard++).path());
        reader = new TfRecordReader(Storage.open(uri), uri);
      }
      byte[] record = reader.next();
      if (record != null) {
        return record;
      }
      reader.close();
      reader = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
