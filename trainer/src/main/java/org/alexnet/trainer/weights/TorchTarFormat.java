package org.alexnet.trainer.weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * torch.save's tar format (PyTorch <= 0.1.11, e.g. the 2017 alexnet-owt-4df8aa71.pth): members
 * {@code storages} (a count, then per storage a pickled (key, location, type), an int64 element
 * count and the raw data; then pickled views), {@code tensors} (a count, then per tensor a pickled
 * (key, storage key, type) and its int32 rank, 4 padding bytes, int64 sizes, strides and offset) and
 * {@code pickle} (the state_dict, whose tensors are persistent ids naming those keys).
 */
final class TorchTarFormat {
  private TorchTarFormat() {}

  static Map<String, Tensor> read(byte[] file, String source) throws IOException {
    Map<String, byte[]> members = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(file))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        members.put(e.getName(), tar.readAllBytes());
      }
    }
    for (String name : List.of("storages", "tensors", "pickle")) {
      if (!members.containsKey(name)) {
        throw new IOException(source + " is a tar without '" + name + "': not a torch.save file");
      }
    }
    Map<String, TorchStorage> storages = storages(ByteBuffer.wrap(members.get("storages")).order(ByteOrder.LITTLE_ENDIAN),
        source);
    Map<String, Tensor> tensors = tensors(ByteBuffer.wrap(members.get("tensors")).order(ByteOrder.LITTLE_ENDIAN),
        storages, source);
    Object root = RestrictedUnpickler.load(ByteBuffer.wrap(members.get("pickle")), id -> tensors.get(String.valueOf(id)));
    return TorchStateDict.tensors(root, source);
  }

  private static Map<String, TorchStorage> storages(ByteBuffer in, String source) throws IOException {
    Map<String, TorchStorage> storages = new HashMap<>();
    long count = (Long) RestrictedUnpickler.load(in, null);
    for (long i = 0; i < count; i++) {
      List<?> header = (List<?>) RestrictedUnpickler.load(in, null);
      TorchStorage storage = new TorchStorage(TorchStateDict.storageType(header.get(2)), null);
      storage.fill(RestrictedUnpickler.take(in, TorchStateDict.storageBytes(in.getLong(), storage),
          source + ": storage " + header.get(0)));
      storages.put(String.valueOf(header.get(0)), storage);
    }
    for (Object view : (List<?>) RestrictedUnpickler.load(in, null)) {
      List<?> v = (List<?>) view;
      TorchStorage root = storages.get(String.valueOf(v.get(1)));
      int from = Math.toIntExact((Long) v.get(2) * root.elementSize());
      byte[] all = root.view("storage view").array();
      storages.put(String.valueOf(v.get(0)), new TorchStorage(root.type(),
          java.util.Arrays.copyOfRange(all, from, from + Math.toIntExact((Long) v.get(3) * root.elementSize()))));
    }
    return storages;
  }

  private static Map<String, Tensor> tensors(ByteBuffer in, Map<String, TorchStorage> storages, String source)
      throws IOException {
    Map<String, Tensor> tensors = new HashMap<>();
    long count = (Long) RestrictedUnpickler.load(in, null);
    for (long i = 0; i < count; i++) {
      List<?> header = (List<?>) RestrictedUnpickler.load(in, null);
      int rank = in.getInt();
      in.getInt(); // the format once stored the rank as 8 bytes
      if (rank < 0 || rank > in.remaining() / 16) {
        throw new IOException(String.format("%s: tensor %s claims %d dimensions: the weights file is damaged",
            source, header.get(0), rank));
      }
      long[] shape = new long[rank];
      long[] stride = new long[rank];
      for (int d = 0; d < rank; d++) {
        shape[d] = in.getLong();
      }
      for (int d = 0; d < rank; d++) {
        stride[d] = in.getLong();
      }
      long offset = in.getLong();
      String key = String.valueOf(header.get(0));
      TorchStorage storage = storages.get(String.valueOf(header.get(1)));
      if (storage == null) {
        throw new IOException(source + ": tensor " + key + " names a storage the file does not hold");
      }
      tensors.put(key, TensorRebuild.gather(storage, offset, shape, stride, key, source));
    }
    return tensors;
  }
}
