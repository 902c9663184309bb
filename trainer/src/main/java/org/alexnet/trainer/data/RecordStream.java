package org.alexnet.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.ShardRecords;
import org.alexnet.dataset.manifest.Manifest;

/**
 * One epoch's serialized records in order: shards in a seeded order and a seeded shuffle buffer
 * (TensorFlow-style) for training; everything in stored order for evaluation. The order depends
 * only on (seed, epoch), so a resumed run sees the same sequence.
 */
final class RecordStream implements Iterator<byte[]>, AutoCloseable {
  private final ShardRecords records;
  private final Random random;
  private final int bufferSize;
  private final List<byte[]> buffer = new ArrayList<>();
  private byte[] pending;

  RecordStream(Dataset dataset, LoaderConfig config, int epoch) {
    List<Manifest.Shard> shards = new ArrayList<>(dataset.split(config.split()).shards());
    this.random = new Random(config.seed() * 1_000_003L + epoch);
    this.bufferSize = config.augment() ? config.shuffleBuffer() : 0;
    if (config.augment()) {
      Collections.shuffle(shards, random);
    }
    records = new ShardRecords(dataset, shards);
    pending = advance();
  }

  @Override
  public boolean hasNext() {
    return pending != null;
  }

  @Override
  public byte[] next() {
    if (pending == null) {
      throw new NoSuchElementException();
    }
    byte[] current = pending;
    pending = advance();
    return current;
  }

  private byte[] advance() {
    while (buffer.size() < Math.max(1, bufferSize)) {
      byte[] record = read();
      if (record == null) {
        break;
      }
      buffer.add(record);
    }
    if (buffer.isEmpty()) {
      return null;
    }
    int pick = bufferSize == 0 ? 0 : random.nextInt(buffer.size());
    byte[] chosen = buffer.get(pick);
    buffer.set(pick, buffer.get(buffer.size() - 1));
    buffer.remove(buffer.size() - 1);
    return chosen;
  }

  private byte[] read() {
    try {
      return records.next();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
