package org.alexnet.dataset.record;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
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
    Map<String, byte[]> features = new TreeMap<>();
    features.put(FeatureKeys.ENCODED, bytesFeature(r.encoded()));
    features.put(FeatureKeys.FORMAT, bytesFeature(utf8(r.format().name())));
    features.put(FeatureKeys.HEIGHT, int64Feature(r.height()));
    features.put(FeatureKeys.WIDTH, int64Feature(r.width()));
    features.put(FeatureKeys.CHANNELS, int64Feature(r.channels()));
    features.put(FeatureKeys.COLORSPACE, bytesFeature(utf8(r.colorspace())));
    features.put(FeatureKeys.LABEL, int64Feature(r.label()));
    features.put(FeatureKeys.SYNSET, bytesFeature(utf8(r.synset())));
    features.put(FeatureKeys.TEXT, bytesFeature(utf8(r.text())));
    features.put(FeatureKeys.FILENAME, bytesFeature(utf8(r.filename())));

    ByteArrayOutputStream map = new ByteArrayOutputStream(r.encoded().length + 512);
    for (Map.Entry<String, byte[]> e : features.entrySet()) {
      byte[] entry = message(out -> {
        out.writeString(1, e.getKey());
        out.writeByteArray(2, e.getValue());
      });
      writeMessageField(map, 1, entry);
    }
    return message(out -> out.writeByteArray(1, map.toByteArray()));
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

  private static byte[] bytesFeature(byte[] value) {
    byte[] list = message(out -> out.writeByteArray(1, value));
    return message(out -> out.writeByteArray(BYTES_LIST, list));
  }

  private static byte[] int64Feature(long value) {
    byte[] packed = message(out -> out.writeInt64NoTag(value));
    byte[] list = message(out -> out.writeByteArray(1, packed));
    return message(out -> out.writeByteArray(INT64_LIST, list));
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeMessageField(ByteArrayOutputStream target, int field, byte[] message) {
    byte[] framed = message(out -> out.writeByteArray(field, message));
    target.writeBytes(framed);
  }

  private interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      body.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
