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
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.tfrecord.TfRecordReader;
import org.alexnet.storage.Storage;

/**
 * One epoch's serialized records in order: shards in a seeded order and a seeded shuffle buffer
 * (TensorFlow-style) for training; everything in stored order for evaluation. The order depends
 * only on (seed, epoch), so a resumed run sees the same sequence.
 */
final class RecordStream implements Iterator<byte[]>, AutoCloseable {
  private final Dataset dataset;
  private final List<Manifest.Shard> shards;
  private final Random random;
  private final int bufferSize;
  private final List<byte[]> buffer = new ArrayList<>();
  private int nextShard;
  private TfRecordReader reader;
  private byte[] pending;

  RecordStream(Dataset dataset, LoaderConfig config, int epoch) {
    this.dataset = dataset;
    this.shards = new ArrayList<>(dataset.split(config.split()).shards());
    this.random = new Random(config.seed() * 1_000_003L + epoch);
    this.bufferSize = config.augment() ? config.shuffleBuffer() : 0;
    if (config.augment()) {
      Collections.shuffle(shards, random);
    }
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
