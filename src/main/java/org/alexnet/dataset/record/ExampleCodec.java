package org.alexnet.dataset.record;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes {@link ImageRecord}s as serialized {@code tf.train.Example} protos and back, straight on the
 * protobuf wire format, so neither TensorFlow nor generated classes are needed.
 *
 * <pre>
 * Example  { Features features = 1; }
 * Features { map&lt;string, Feature&gt; feature = 1; }       // entries: key = 1, value = 2
 * Feature  { oneof { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3; } }
 * BytesList { repeated bytes value = 1; }   Int64List { repeated int64 value = 1 [packed]; }
 * </pre>
 * Keys are written in sorted order, so the same record always gives the same bytes.
 */
public final class ExampleCodec {
  private static final int BYTES_LIST = 1;
  private static final int INT64_LIST = 3;

  private ExampleCodec() {}

  public static byte[] encode(ImageRecord r) {
    Map<String, Object> features = new TreeMap<>();
    features.put(FeatureKeys.ENCODED, r.encoded());
    features.put(FeatureKeys.FORMAT, utf8(r.format().name()));
    features.put(FeatureKeys.HEIGHT, (long) r.height());
    features.put(FeatureKeys.WIDTH, (long) r.width());
    features.put(FeatureKeys.CHANNELS, (long) r.channels());
    features.put(FeatureKeys.COLORSPACE, utf8(r.colorspace()));
    features.put(FeatureKeys.LABEL, (long) r.label());
    features.put(FeatureKeys.SYNSET, utf8(r.synset()));
    features.put(FeatureKeys.TEXT, utf8(r.text()));
    features.put(FeatureKeys.FILENAME, utf8(r.filename()));

    // Sizes first, then one pass into one array: the pixels are copied once, not once per nesting level.
    int mapSize = 0;
    for (Map.Entry<String, Object> e : features.entrySet()) {
      mapSize += delimitedSize(1, entrySize(e.getKey(), e.getValue()));
    }
    byte[] out = new byte[delimitedSize(1, mapSize)];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      writeDelimitedHeader(o, 1, mapSize);
      for (Map.Entry<String, Object> e : features.entrySet()) {
        writeDelimitedHeader(o, 1, entrySize(e.getKey(), e.getValue()));
        o.writeString(1, e.getKey());
        writeDelimitedHeader(o, 2, featureSize(e.getValue()));
        if (e.getValue() instanceof byte[] bytes) {
          writeDelimitedHeader(o, BYTES_LIST, CodedOutputStream.computeByteArraySize(1, bytes));
          o.writeByteArray(1, bytes);
        } else {
          long value = (Long) e.getValue();
          int packed = CodedOutputStream.computeInt64SizeNoTag(value);
          writeDelimitedHeader(o, INT64_LIST, delimitedSize(1, packed));
          writeDelimitedHeader(o, 1, packed);
          o.writeInt64NoTag(value);
        }
      }
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static int entrySize(String key, Object value) {
    return CodedOutputStream.computeStringSize(1, key) + delimitedSize(2, featureSize(value));
  }

  private static int featureSize(Object value) {
    if (value instanceof byte[] bytes) {
      return delimitedSize(BYTES_LIST, CodedOutputStream.computeByteArraySize(1, bytes));
    }
    return delimitedSize(INT64_LIST, delimitedSize(1, CodedOutputStream.computeInt64SizeNoTag((Long) value)));
  }

  /** Tag, length and body of a length-delimited field whose body has {@code bodySize} bytes. */
  private static int delimitedSize(int field, int bodySize) {
    return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(bodySize) + bodySize;
  }

  private static void writeDelimitedHeader(CodedOutputStream o, int field, int bodySize) throws IOException {
    o.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    o.writeUInt32NoTag(bodySize);
  }

  public static ImageRecord decode(byte[] serialized) {
    try {
      Map<String, Object> features = parseFeatures(serialized);
      return new ImageRecord(
          requireBytes(features, FeatureKeys.ENCODED),
          PixelFormat.parse(string(features, FeatureKeys.FORMAT)),
          (int) requireLong(features, FeatureKeys.HEIGHT),
          (int) requireLong(features, FeatureKeys.WIDTH),
          (int) requireLong(features, FeatureKeys.CHANNELS),
          string(features, FeatureKeys.COLORSPACE),
          (int) requireLong(features, FeatureKeys.LABEL),
          string(features, FeatureKeys.SYNSET),
          string(features, FeatureKeys.TEXT),
          string(features, FeatureKeys.FILENAME));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid tf.train.Example: " + e.getMessage(), e);
    }
  }

  /** Parses the feature map: each value is a byte[] (first of a bytes_list) or a Long (first of an int64_list). */
  private static Map<String, Object> parseFeatures(byte[] serialized) throws IOException {
    Map<String, Object> features = new TreeMap<>();
    CodedInputStream example = CodedInputStream.newInstance(serialized);
    example.enableAliasing(true);
    for (int tag = example.readTag(); tag != 0; tag = example.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) != 1) {
        example.skipField(tag);
        continue;
      }
      CodedInputStream map = example.readBytes().newCodedInput();
      for (int t = map.readTag(); t != 0; t = map.readTag()) {
        if (WireFormat.getTagFieldNumber(t) != 1) {
          map.skipField(t);
          continue;
        }
        CodedInputStream entry = map.readBytes().newCodedInput();
        String key = null;
        Object value = null;
        for (int et = entry.readTag(); et != 0; et = entry.readTag()) {
          switch (WireFormat.getTagFieldNumber(et)) {
            case 1 -> key = entry.readStringRequireUtf8();
            case 2 -> value = parseFeature(entry.readBytes());
            default -> entry.skipField(et);
          }
        }
        if (key != null && value != null) {
          features.put(key, value);
        }
      }
    }
    return features;
  }

  private static Object parseFeature(ByteString feature) throws IOException {
    CodedInputStream in = feature.newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == BYTES_LIST) {
        return firstBytes(in.readBytes());
      } else if (field == INT64_LIST) {
        return firstInt64(in.readBytes());
      } else {
        in.skipField(tag);
      }
    }
    return null;
  }

  private static byte[] firstBytes(ByteString list) throws IOException {
    CodedInputStream in = list.newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        return in.readByteArray();
      }
      in.skipField(tag);
    }
    return null;
  }

  /** Reads the first value of an Int64List, packed (proto3 default) or not. */
  private static Long firstInt64(ByteString list) throws IOException {
    CodedInputStream in = list.newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) != 1) {
        in.skipField(tag);
      } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        CodedInputStream packed = in.readBytes().newCodedInput();
        return packed.isAtEnd() ? null : packed.readInt64();
      } else {
        return in.readInt64();
      }
    }
    return null;
  }

  private static byte[] requireBytes(Map<String, Object> features, String key) {
    if (!(features.get(key) instanceof byte[] value)) {
      throw new IllegalArgumentException("tf.train.Example has no bytes feature '" + key + "'");
    }
    return value;
  }

  private static long requireLong(Map<String, Object> features, String key) {
    if (!(features.get(key) instanceof Long value)) {
      throw new IllegalArgumentException("tf.train.Example has no int64 feature '" + key + "'");
    }
    return value;
  }

  private static String string(Map<String, Object> features, String key) {
    return features.get(key) instanceof byte[] value ? new String(value, StandardCharsets.UTF_8) : "";
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
