package org.alexnet.trainer.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A torch storage: typed little-endian bytes. In the legacy format the bytes follow the pickle that
 * refers to them, so they are filled in after the tensors that use them were read.
 */
final class TorchStorage {
  private final String type;
  private byte[] data;

  TorchStorage(String type, byte[] data) {
    this.type = type;
    this.data = data;
  }

  String type() {
    return type;
  }

  void fill(byte[] bytes) {
    this.data = bytes;
  }

  int elementSize() {
    return switch (type) {
      case "DoubleStorage", "LongStorage" -> 8;
      case "HalfStorage", "BFloat16Storage", "ShortStorage" -> 2;
      case "ByteStorage", "CharStorage", "BoolStorage" -> 1;
      default -> 4;
    };
  }

  /** Element {@code i} as a float; weights are float32, float64 and float16 are converted. */
  float get(ByteBuffer view, long i) {
    return switch (type) {
      case "FloatStorage" -> view.getFloat((int) (i * 4));
      case "DoubleStorage" -> (float) view.getDouble((int) (i * 8));
      case "HalfStorage" -> halfToFloat(view.getShort((int) (i * 2)));
      default -> throw new IllegalStateException(type);
    };
  }

  /** IEEE 754 binary16 to float (Float.float16ToFloat arrives only in Java 20). */
  static float halfToFloat(short half) {
    int sign = (half >>> 15) & 1;
    int exponent = (half >>> 10) & 0x1f;
    int mantissa = half & 0x3ff;
    float magnitude;
    if (exponent == 0) {
      magnitude = mantissa * 0x1p-24f;
    } else if (exponent == 31) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      magnitude = Float.intBitsToFloat(((exponent + 112) << 23) | (mantissa << 13));
    }
    return sign == 1 ? -magnitude : magnitude;
  }

  ByteBuffer view(String what) throws IOException {
    if (data == null) {
      throw new IOException(what + ": its storage's data is missing from the file");
    }
    if (!type.equals("FloatStorage") && !type.equals("DoubleStorage") && !type.equals("HalfStorage")) {
      throw new IOException(what + " is a " + type + ", not floating-point weights");
    }
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }

  long elements() {
    return data == null ? 0 : data.length / elementSize();
  }
}
