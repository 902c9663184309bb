package org.alexnet.trainer.data;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.util.DaemonThreads;

/**
 * Feeds minibatches from a prepared dataset: a reader thread walks the epoch's {@link RecordStream}
 * and {@code workers} threads decode, crop, mirror and normalize, while up to {@code prefetch}
 * batches wait for the model. Each image's augmentation draws from its own generator, seeded by
 * (seed, epoch, position), so results do not depend on thread count or timing.
 */
public final class ShardLoader {
  private final Dataset dataset;
  private final LoaderConfig config;
  private final InputNormalization normalization;
  private final PcaColourNoise colour;

  public ShardLoader(Dataset dataset, LoaderConfig config, InputNormalization normalization) {
    this.dataset = dataset;
    this.config = config;
    this.normalization = normalization;
    this.colour = config.augment() && config.pcaNoise() > 0
        ? new PcaColourNoise(dataset.manifest().mean().rgbCovariance(), config.pcaNoise()) : null;
  }

  public long batchesPerEpoch() {
    long images = dataset.split(config.split()).images();
    return (images + config.batchSize() - 1) / config.batchSize();
  }

  /**
   * The batches of one epoch from batch {@code firstBatch} on (earlier ones are read but not decoded).
   * Closing the iterator (it is {@link AutoCloseable}) stops its threads before the epoch's end.
   */
  public Iterator<Batch> epoch(int epoch, long firstBatch) {
    return new Producer(epoch, firstBatch).start();
  }

  private final class Producer implements Runnable, Iterator<Batch>, AutoCloseable {
    private static final Batch END = new Batch(-1, new float[0], new int[0], 0, 0);
    private final int epoch;
    private final long firstBatch;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(config.prefetch());
    private final ExecutorService workers = Executors.newFixedThreadPool(config.workers(), DaemonThreads.named("loader"));
    private Object head;
    private Thread reader;

    Producer(int epoch, long firstBatch) {
      this.epoch = epoch;
      this.firstBatch = firstBatch;
    }

    Producer start() {
      reader = DaemonThreads.named("reader").newThread(this);
      reader.start();
      return this;
    }

    /** Stops reading: an epoch left early must not keep its threads and prefetched batches alive. */
    @Override
    public void close() {
      reader.interrupt();
      workers.shutdownNow();
      queue.clear();
    }

    @Override
    public void run() {
      try (RecordStream stream = new RecordStream(dataset, config, epoch)) {
        long position = 0;
        for (int b = 0; stream.hasNext(); b++) {
          List<byte[]> records = new ArrayList<>(config.batchSize());
          while (records.size() < config.batchSize() && stream.hasNext()) {
            records.add(stream.next());
          }
          if (b >= firstBatch) {
            queue.put(assemble(b, records, position));
          }
          position += records.size();
        }
        queue.put(END);
      } catch (Exception e) {
        queue.offer(e instanceof UncheckedIOException u ? u.getCause() : e);
      } finally {
        workers.shutdownNow();
      }
    }

    private Batch assemble(int index, List<byte[]> records, long position) throws Exception {
      int size = records.size();
      int stride = 3 * config.crop() * config.crop();
      float[] features = new float[size * stride];
      int[] labels = new int[size];
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        int slot = i;
        done.add(workers.submit(() -> {
          ImageRecord r = ExampleCodec.decode(records.get(slot));
          labels[slot] = r.label();
          if (config.augment()) {
            SplittableRandom random = new SplittableRandom(config.seed() ^ (epoch * 0x9E3779B97F4A7C15L) ^ (position + slot) * 0xBF58476D1CE4E5B9L);
            InputCrops.random(r, config.crop(), normalization, colour, random, features, slot * stride);
          } else {
            InputCrops.centre(r, config.crop(), normalization, features, slot * stride);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return new Batch(index, features, labels, size, config.crop());
    }

    @Override
    public boolean hasNext() {
      return peek() != END;
    }

    @Override
    public Batch next() {
      Object item = peek();
      if (item == END) {
        throw new NoSuchElementException();
      }
      head = null;
      return (Batch) item;
    }

    private Object peek() {
      if (head == null) {
        try {
          head = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for data", e);
        }
        if (head instanceof Throwable t) {
          throw new IllegalStateException("the data loader failed: " + t.getMessage(), t);
        }
      }
      return head;
    }
  }
}
