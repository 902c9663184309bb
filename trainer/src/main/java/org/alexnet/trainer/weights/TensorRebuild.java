package org.alexnet.trainer.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** Turns a pickled {@code torch._utils._rebuild_tensor*} call into a dense C-order {@link Tensor}. */
final class TensorRebuild {
  private TensorRebuild() {}

  static Tensor rebuild(Object value, String key, String source) throws IOException {
    if (value instanceof Tensor tensor) {
      return tensor; // the tar format stores tensors outside the pickle
    }
    if (!(value instanceof RestrictedUnpickler.Call call)) {
      throw new IOException(source + ": entry " + key + " is not a tensor");
    }
    List<Object> args = call.args();
    if (call.function().name().equals("_rebuild_parameter")) {
      return rebuild(args.get(0), key, source);
    }
    if (!(args.get(0) instanceof TorchStorage storage)) {
      throw new IOException(source + ": tensor " + key + " has no storage");
    }
    return gather(storage, (Long) args.get(1), longs(args.get(2)), longs(args.get(3)), key, source);
  }

  /** The elements a (shape, stride, offset) view selects from a storage, in C order. */
  static Tensor gather(TorchStorage storage, long offset, long[] shape, long[] stride, String key, String source)
      throws IOException {
    ByteBuffer view = storage.view(source + ": tensor " + key);
    if (!possible(offset, shape, stride)) {
      throw new IOException(String.format("%s: tensor %s has an impossible shape %s or stride %s: the file is damaged",
          source, key, java.util.Arrays.toString(shape), java.util.Arrays.toString(stride)));
    }
    long count = 1;
    long last = offset;
    for (int d = 0; d < shape.length; d++) {
      count *= shape[d];
      last += Math.max(shape[d] - 1, 0) * stride[d];
    }
    if (count > 0 && (offset < 0 || last >= storage.elements())) {
      throw new IOException(String.format("%s: tensor %s reaches element %d of a storage of %d: the file is damaged",
          source, key, last, storage.elements()));
    }
    float[] data = new float[Math.toIntExact(count)];
    long[] index = new long[shape.length];
    for (int i = 0; i < data.length; i++) {
      long at = offset;
      for (int d = 0; d < shape.length; d++) {
        at += index[d] * stride[d];
      }
      data[i] = storage.get(view, at);
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
    return new Tensor(shape, data);
  }

  /**
   * Whether a view is one PyTorch could save: as many strides as sizes, none negative, and an element count and
   * furthest element that fit (arithmetic that wrapped around could pass the bounds check, then fill a huge array).
   */
  private static boolean possible(long offset, long[] shape, long[] stride) {
    if (shape.length != stride.length) {
      return false;
    }
    try {
      long count = 1;
      long reach = offset;
      for (int d = 0; d < shape.length; d++) {
        if (shape[d] < 0 || stride[d] < 0) {
          return false;
        }
        count = Math.multiplyExact(count, shape[d]);
        reach = Math.addExact(reach, Math.multiplyExact(Math.max(shape[d] - 1, 0), stride[d]));
      }
      return count <= Integer.MAX_VALUE;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static long[] longs(Object tuple) {
    return ((List<?>) tuple).stream().mapToLong(v -> (Long) v).toArray();
  }
}
