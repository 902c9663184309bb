package org.alexnet.pipelines.prepare;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.alexnet.dataset.ShardWriter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Writes one shard with its records in their placed order. Records arrive in any order, so they are
 * spilled to a local temporary file and written back sorted by position: memory holds only the index,
 * whatever the shard's size.
 */
final class WriteShardFn extends DoFn<KV<String, Iterable<KV<Long, byte[]>>>, ShardResult> {
  private final String root;

  WriteShardFn(String root) {
    this.root = root;
  }

  @ProcessElement
  public void process(@Element KV<String, Iterable<KV<Long, byte[]>>> shard, OutputReceiver<ShardResult> out)
      throws IOException {
    Path spill = Files.createTempFile("alexnet-shard-", ".spill");
    try {
      List<Slot> slots = spill(shard.getValue(), spill);
      slots.sort(Comparator.comparingLong(Slot::position));
      try (ShardWriter writer = new ShardWriter(root, shard.getKey());
           RandomAccessFile in = new RandomAccessFile(spill.toFile(), "r")) {
        for (Slot s : slots) {
          byte[] record = new byte[s.length()];
          in.seek(s.offset());
          in.readFully(record);
          writer.writeEncoded(record);
        }
        writer.close();
        out.output(new ShardResult(shard.getKey().substring(0, shard.getKey().indexOf('-')), writer.shard()));
      }
    } finally {
      Files.deleteIfExists(spill);
    }
  }

  private static List<Slot> spill(Iterable<KV<Long, byte[]>> records, Path file) throws IOException {
    List<Slot> slots = new ArrayList<>();
    long offset = 0;
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
      for (KV<Long, byte[]> r : records) {
        out.write(r.getValue());
        slots.add(new Slot(r.getKey(), offset, r.getValue().length));
        offset += r.getValue().length;
      }
    }
    return slots;
  }

  private record Slot(long position, long offset, int length) {}
}
