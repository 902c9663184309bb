package org.alexnet.trainer.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.alexnet.storage.Storage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and restores training state as a zip of {@code checkpoint.json}, {@code params.f32} and
 * {@code updater.f32} (raw little-endian float32, the network's flattened parameter and updater
 * views). Uncompressed, so saving is a copy at disk speed instead of ModelSerializer's compression;
 * written atomically (beside the target and renamed, or one S3 upload), so a crash mid-write leaves
 * the previous checkpoint whole. Restoring gives bit-identical parameters and momentum.
 */
public final class Checkpoints {
  static final String STATE = "checkpoint.json";
  static final String PARAMS = "params.f32";
  static final String UPDATER = "updater.f32";
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private Checkpoints() {}

  public static void save(String uri, MultiLayerNetwork net, CheckpointState state) throws IOException {
    INDArray updater = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
    ByteBuffer params = littleEndianBytes(net.params());
    ByteBuffer momentum = updater == null || updater.length() == 0 ? null : littleEndianBytes(updater);
    Storage.writeAtomically(uri, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      stored(zip, STATE, ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state)));
      stored(zip, PARAMS, params);
      if (momentum != null) {
        stored(zip, UPDATER, momentum);
      }
      zip.finish();
    });
  }

  /** Reads only the state: what a resume needs to decide how to build the network. */
  public static CheckpointState readState(String uri) throws IOException {
    return read(uri, null);
  }

  /** Reads a checkpoint into a network built with the same shape, straight into its arrays. */
  public static CheckpointState restore(String uri, MultiLayerNetwork net) throws IOException {
    return read(uri, net);
  }

  private static CheckpointState read(String uri, MultiLayerNetwork net) throws IOException {
    CheckpointState state = null;
    boolean params = false;
    try (ZipInputStream zip = new ZipInputStream(Storage.open(uri))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(STATE)) {
          state = JSON.readValue(zip.readAllBytes(), CheckpointState.class);
          check(uri, state);
          if (net == null) {
            return state;
          }
        } else if (net != null && e.getName().equals(PARAMS)) {
          readInto(zip, e, net.params(), uri, state);
          params = true;
        } else if (net != null && e.getName().equals(UPDATER) && net.getUpdater().getStateViewArray() != null) {
          // (a network built for inference has no updater state to restore)
          readInto(zip, e, net.getUpdater().getStateViewArray(), uri, state);
        }
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException(uri + " is not a complete checkpoint: " + e.getMessage(), e);
    }
    if (state == null || (net != null && !params)) {
      throw new IOException(uri + " is not a checkpoint (no " + STATE + " or " + PARAMS + ")");
    }
    return state;
  }

  private static void check(String uri, CheckpointState state) throws IOException {
    if (state.formatVersion() != CheckpointState.FORMAT_VERSION) {
      throw new IOException(uri + " has checkpoint format " + state.formatVersion() + "; this build reads "
          + CheckpointState.FORMAT_VERSION);
    }
  }

  /** Copies an entry's float32 bytes into an array of the network, refusing a size mismatch. */
  private static void readInto(ZipInputStream zip, ZipEntry entry, INDArray target, String uri, CheckpointState state)
      throws IOException {
    long expected = target.length() * 4;
    if (entry.getSize() != expected) {
      throw new IllegalArgumentException(String.format("%s holds %,d values for %s, the network has %,d: it was "
          + "saved from another architecture (%s %s)", uri, entry.getSize() / 4, entry.getName(), target.length(),
          state == null ? "?" : state.arch(), state == null ? "?" : state.shape()));
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) expected);
    ReadableByteChannel channel = Channels.newChannel(zip);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes) < 0) {
        throw new java.io.EOFException(entry.getName() + " ends early");
      }
    }
    bytes.flip();
    float[] values = new float[(int) target.length()];
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    target.assign(Nd4j.create(values).reshape(target.shape()));
  }

  /** STORED: no compression, so size and CRC go in the header and the data is copied as is. */
  private static void stored(ZipOutputStream zip, String name, ByteBuffer data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.remaining());
    CRC32 crc = new CRC32();
    crc.update(data.duplicate());
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    WritableByteChannel channel = Channels.newChannel(zip);
    ByteBuffer remaining = data.duplicate();
    while (remaining.hasRemaining()) {
      channel.write(remaining);
    }
    zip.closeEntry();
  }

  private static ByteBuffer littleEndianBytes(INDArray array) {
    INDArray floats = array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
    INDArray contiguous = floats.isView() || floats.ordering() != 'c' ? floats.dup('c') : floats;
    ByteBuffer bytes = contiguous.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
    bytes.limit((int) (contiguous.length() * 4));
    return bytes;
  }
}
