package org.alexnet.trainer.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.zip.Deflater;
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

  /** What a checkpoint holds. */
  public record Loaded(CheckpointState state, float[] params, float[] updater) {}

  private Checkpoints() {}

  public static void save(String uri, MultiLayerNetwork net, CheckpointState state) throws IOException {
    INDArray updater = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
    Storage.writeAtomically(uri, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      zip.setLevel(Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry(STATE));
      zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
      write(zip, PARAMS, net.params());
      if (updater != null && updater.length() > 0) {
        write(zip, UPDATER, updater);
      }
      zip.finish();
    });
  }

  public static Loaded load(String uri) throws IOException {
    CheckpointState state = null;
    float[] params = null;
    float[] updater = null;
    try (ZipInputStream zip = new ZipInputStream(Storage.open(uri))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        switch (e.getName()) {
          case STATE -> state = JSON.readValue(zip.readAllBytes(), CheckpointState.class);
          case PARAMS -> params = floats(zip.readAllBytes());
          case UPDATER -> updater = floats(zip.readAllBytes());
          default -> { } // written by a newer version: ignore what we do not know
        }
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException(uri + " is not a complete checkpoint: " + e.getMessage(), e);
    }
    if (state == null || params == null) {
      throw new IOException(uri + " is not a checkpoint (no " + STATE + " or " + PARAMS + ")");
    }
    if (state.formatVersion() != CheckpointState.FORMAT_VERSION) {
      throw new IOException(uri + " has checkpoint format " + state.formatVersion() + "; this build reads "
          + CheckpointState.FORMAT_VERSION);
    }
    return new Loaded(state, params, updater);
  }

  /** Puts saved parameters and updater state into a network built with the same shape. */
  public static void restore(Loaded loaded, MultiLayerNetwork net) {
    if (loaded.params().length != net.numParams()) {
      throw new IllegalArgumentException(String.format("the checkpoint has %,d parameters, the network %,d: "
          + "it was saved from another architecture (%s %s)", loaded.params().length, net.numParams(),
          loaded.state().arch(), loaded.state().shape()));
    }
    net.params().assign(Nd4j.create(loaded.params()));
    if (loaded.updater() != null) {
      INDArray view = net.getUpdater().getStateViewArray();
      view.assign(Nd4j.create(loaded.updater()).reshape(view.shape()));
    }
  }

  private static void write(ZipOutputStream zip, String name, INDArray array) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    INDArray floats = array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
    ByteBuffer bytes = floats.dup('c').data().asNio().order(ByteOrder.LITTLE_ENDIAN);
    WritableByteChannel channel = Channels.newChannel(zip);
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    zip.closeEntry();
  }

  private static float[] floats(byte[] bytes) {
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
