package org.alexnet.dataset.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleCodecTest {
  private static final ImageRecord RAW = new ImageRecord(new byte[] {1, 2, 3, 4, 5, 6}, PixelFormat.RAW, 1, 2, 3,
      "RGB", 417, "n02782093", "balloon", "n02782093_17.JPEG");

  @Test
  void roundTripsRawAndJpegRecords() {
    assertThat(ExampleCodec.decode(ExampleCodec.encode(RAW))).isEqualTo(RAW);
    ImageRecord jpeg = new ImageRecord(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, (byte) 0xFF, (byte) 0xD9},
        PixelFormat.JPEG, 256, 256, 3, "RGB", 0, "n01440764", "tench, Tinca tinca", "ILSVRC2012_val_00000001.JPEG");
    assertThat(ExampleCodec.decode(ExampleCodec.encode(jpeg))).isEqualTo(jpeg);
  }

  @Test
  void encodingIsDeterministic() {
    assertThat(ExampleCodec.encode(RAW)).isEqualTo(ExampleCodec.encode(RAW));
  }

  /** An independent protobuf parser, given TensorFlow's example.proto schema, reads our bytes. */
  @Test
  void bytesAreAValidTfTrainExample() throws Exception {
    Descriptor example = exampleDescriptor();
    DynamicMessage parsed = DynamicMessage.parseFrom(example, ExampleCodec.encode(RAW));
    Message features = (Message) parsed.getField(example.findFieldByName("features"));
    Map<String, Message> byKey = new HashMap<>();
    for (Object entry : (List<?>) features.getField(features.getDescriptorForType().findFieldByName("feature"))) {
      Message e = (Message) entry;
      byKey.put((String) e.getField(e.getDescriptorForType().findFieldByName("key")),
          (Message) e.getField(e.getDescriptorForType().findFieldByName("value")));
    }
    assertThat(byKey).containsOnlyKeys(FeatureKeys.ENCODED, FeatureKeys.FORMAT, FeatureKeys.HEIGHT, FeatureKeys.WIDTH,
        FeatureKeys.CHANNELS, FeatureKeys.COLORSPACE, FeatureKeys.LABEL, FeatureKeys.SYNSET, FeatureKeys.TEXT,
        FeatureKeys.FILENAME);
    Message label = byKey.get(FeatureKeys.LABEL);
    Message int64List = (Message) label.getField(label.getDescriptorForType().findFieldByName("int64_list"));
    assertThat(int64List.getField(int64List.getDescriptorForType().findFieldByName("value")))
        .isEqualTo(List.of(417L));
  }

  /** Writers that do not pack int64 lists (proto2 style) must still be read. */
  @Test
  void readsUnpackedInt64Lists() throws Exception {
    Descriptor example = exampleDescriptor();
    byte[] ours = ExampleCodec.encode(RAW);
    DynamicMessage parsed = DynamicMessage.parseFrom(example, ours);
    // Re-serialize through a schema whose Int64List is not packed.
    byte[] reencoded = DynamicMessage.parseFrom(exampleDescriptor(false), parsed.toByteArray()).toByteArray();
    assertThat(reencoded).isNotEqualTo(ours);
    assertThat(ExampleCodec.decode(reencoded)).isEqualTo(RAW);
  }

  @Test
  void rejectsGarbageAndMissingFeatures() {
    assertThatThrownBy(() -> ExampleCodec.decode(new byte[] {(byte) 0xFF, 0x12, 0x7F}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tf.train.Example");
    assertThatThrownBy(() -> ExampleCodec.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image/encoded");
  }

  private static Descriptor exampleDescriptor() throws Exception {
    return exampleDescriptor(true);
  }

  /** tensorflow/core/example/{example,feature}.proto, built in code. */
  private static Descriptor exampleDescriptor(boolean packed) throws Exception {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("example.proto").setPackage("tensorflow").setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("BytesList")
            .addField(field("value", 1, Type.TYPE_BYTES, Label.LABEL_REPEATED, null)))
        .addMessageType(DescriptorProto.newBuilder().setName("Int64List")
            .addField(field("value", 1, Type.TYPE_INT64, Label.LABEL_REPEATED, null).toBuilder()
                .setOptions(com.google.protobuf.DescriptorProtos.FieldOptions.newBuilder().setPacked(packed))))
        .addMessageType(DescriptorProto.newBuilder().setName("Feature")
            .addField(field("bytes_list", 1, Type.TYPE_MESSAGE, Label.LABEL_OPTIONAL, ".tensorflow.BytesList"))
            .addField(field("int64_list", 3, Type.TYPE_MESSAGE, Label.LABEL_OPTIONAL, ".tensorflow.Int64List")))
        .addMessageType(DescriptorProto.newBuilder().setName("Features")
            .addNestedType(DescriptorProto.newBuilder().setName("FeatureEntry")
                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                .addField(field("key", 1, Type.TYPE_STRING, Label.LABEL_OPTIONAL, null))
                .addField(field("value", 2, Type.TYPE_MESSAGE, Label.LABEL_OPTIONAL, ".tensorflow.Feature")))
            .addField(field("feature", 1, Type.TYPE_MESSAGE, Label.LABEL_REPEATED, ".tensorflow.Features.FeatureEntry")))
        .addMessageType(DescriptorProto.newBuilder().setName("Example")
            .addField(field("features", 1, Type.TYPE_MESSAGE, Label.LABEL_OPTIONAL, ".tensorflow.Features")))
        .build();
    return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Example");
  }

  private static FieldDescriptorProto field(String name, int number, Type type, Label label, String typeName) {
    FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
        .setType(type).setLabel(label);
    if (typeName != null) {
      f.setTypeName(typeName);
    }
    return f.build();
  }
}
