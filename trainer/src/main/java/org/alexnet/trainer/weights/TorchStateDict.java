package org.alexnet.trainer.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads a PyTorch state_dict saved by {@code torch.save}: the zip format (PyTorch >= 1.6; any top
 * folder name), the legacy stream (PyTorch 0.1.12 .. 1.5, or {@code _use_new_zipfile_serialization
 * =False}) and the tar format of PyTorch <= 0.1.11 ({@link TorchTarFormat}). The pickles go through {@link RestrictedUnpickler}, so a file can only describe tensors.
 */
public final class TorchStateDict {
  /** The legacy format's first pickle: this magic number. */
  private static final java.math.BigInteger LEGACY_MAGIC = new java.math.BigInteger("1950a86a20f9469cfc6c", 16);

  private TorchStateDict() {}

  public static Map<String, Tensor> read(byte[] file, String source) throws IOException {
    if (file.length >= 4 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4) {
      return readZip(file, source);
    }
    if (file.length >= 2 && (file[0] & 0xff) == 0x80) {
      return readLegacy(file, source);
    }
    if (file.length > 262 && new String(file, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
      return TorchTarFormat.read(file, source);
    }
    throw new IOException(source + " is not a torch.save file (neither the zip nor the legacy pickle format)");
  }

  private static Map<String, Tensor> readZip(byte[] file, String source) throws IOException {
    // PyTorch writes stored entries with data descriptors, which only the central directory describes.
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(file)).get()) {
      for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new IOException(source + " is a damaged zip: " + e.getMessage(), e);
    }
    String pickleName = entries.keySet().stream().filter(n -> n.endsWith("/data.pkl") || n.equals("data.pkl"))
        .findFirst().orElseThrow(() -> new IOException(source + " has no data.pkl: not a torch.save zip"));
    String prefix = pickleName.substring(0, pickleName.length() - "data.pkl".length());
    Object root = RestrictedUnpickler.load(ByteBuffer.wrap(entries.get(pickleName)), id -> {
      List<?> pid = (List<?>) id;
      String key = String.valueOf(pid.get(2));
      byte[] data = entries.get(prefix + "data/" + key);
      return new TorchStorage(storageType(pid.get(1)), data);
    });
    return tensors(root, source);
  }

  /**
   * The legacy stream: pickles of the magic number, the protocol, sys_info, the object, then the
   * sorted storage keys, then per key an int64 element count and the raw little-endian data.
   */
  private static Map<String, Tensor> readLegacy(byte[] file, String source) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    Object magic = RestrictedUnpickler.load(in, null);
    if (!LEGACY_MAGIC.equals(magic)) {
      throw new IOException(source + " is not a torch.save file (no magic number)");
    }
    RestrictedUnpickler.load(in, null); // protocol version
    RestrictedUnpickler.load(in, null); // sys_info
    Map<String, TorchStorage> storages = new LinkedHashMap<>();
    Object root = RestrictedUnpickler.load(in, id -> {
      List<?> pid = (List<?>) id;
      return storages.computeIfAbsent(String.valueOf(pid.get(2)), k -> new TorchStorage(storageType(pid.get(1)), null));
    });
    List<?> keys = (List<?>) RestrictedUnpickler.load(in, null);
    for (Object key : keys) {
      long count = in.getLong();
      TorchStorage storage = storages.get(String.valueOf(key));
      if (storage == null) {
        throw new IOException(source + ": storage " + key + " is listed but not used");
      }
      storage.fill(RestrictedUnpickler.take(in, storageBytes(count, storage), source + ": storage " + key));
    }
    return tensors(root, source);
  }

  static Map<String, Tensor> tensors(Object root, String source) throws IOException {
    if (!(root instanceof Map<?, ?> map)) {
      throw new IOException(source + " holds a " + (root == null ? "None" : root.getClass().getSimpleName())
          + ", not a state_dict");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = e.getKey() instanceof byte[] b ? new String(b) : String.valueOf(e.getKey());
      tensors.put(key, TensorRebuild.rebuild(e.getValue(), key, source));
    }
    return tensors;
  }

  /** A storage's bytes from its element count, without overflow: counts no file could hold stay as they are. */
  static long storageBytes(long count, TorchStorage storage) {
    return count < 0 || count > Long.MAX_VALUE / 8 ? count : count * storage.elementSize();
  }

  static String storageType(Object global) {
    return global instanceof RestrictedUnpickler.Global g ? g.name() : String.valueOf(global);
  }
}
