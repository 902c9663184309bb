package org.alexnet.dataset.npy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A float array in numpy's {@code .npy} format (C order). Writes float32 ({@code <f4}); reads
 * float32, float64 and uint8, which covers the mean image and reference fixtures made by numpy.
 */
public record NpyArray(int[] shape, float[] data) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  public NpyArray {
    long count = 1;
    for (int d : shape) {
      count *= d;
    }
    if (count != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
    }
  }

  public void write(OutputStream out) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String shapeText = shape.length == 1 ? dims.substring(0, dims.length() - 1) : dims.substring(0, Math.max(0, dims.length() - 2));
    StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + shapeText + "), }");
    // numpy pads so that magic + version + length + header is a multiple of 64 and ends in '\n'.
    while ((MAGIC.length + 4 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    byte[] headerBytes = header.toString().getBytes(StandardCharsets.US_ASCII);
    out.write(MAGIC);
    out.write(new byte[] {1, 0, (byte) (headerBytes.length & 0xff), (byte) (headerBytes.length >>> 8)});
    out.write(headerBytes);
    ByteBuffer body = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    body.asFloatBuffer().put(data);
    out.write(body.array());
  }

  public static NpyArray read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("not a .npy file (bad magic)");
    }
    int major = in.readUnsignedByte();
    in.readUnsignedByte();
    byte[] lengthBytes = new byte[major == 1 ? 2 : 4];
    in.readFully(lengthBytes);
    int headerLength = (int) ByteBuffer.wrap(Arrays.copyOf(lengthBytes, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] headerBytes = new byte[headerLength];
    in.readFully(headerBytes);
    String header = new String(headerBytes, StandardCharsets.ISO_8859_1);

    String descr = group(DESCR, header, "descr");
    if (group(FORTRAN, header, "fortran_order").equals("True")) {
      throw new IOException(".npy arrays in Fortran order are not supported");
    }
    int[] shape = Arrays.stream(group(SHAPE, header, "shape").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    int count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    return new NpyArray(shape, readValues(in, descr, count));
  }

  private static float[] readValues(DataInputStream in, String descr, int count) throws IOException {
    int width = switch (descr) {
      case "<f4" -> 4;
      case "<f8" -> 8;
      case "|u1", "<u1" -> 1;
      default -> throw new IOException("unsupported .npy dtype " + descr + " (expected <f4, <f8 or |u1)");
    };
    byte[] raw = new byte[Math.multiplyExact(count, width)];
    in.readFully(raw);
    ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = switch (width) {
        case 4 -> buffer.getFloat();
        case 8 -> (float) buffer.getDouble();
        default -> buffer.get() & 0xff;
      };
    }
    return values;
  }

  private static String group(Pattern pattern, String header, String name) throws IOException {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw new IOException(".npy header has no " + name + ": " + header.trim());
    }
    return m.group(1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NpyArray" + Arrays.toString(shape);
  }
}
