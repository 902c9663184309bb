package org.alexnet.trainer.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class TorchStateDictTest {
  static byte[] resource(String name) throws IOException {
    try (InputStream in = TorchStateDictTest.class.getResourceAsStream("/torch/" + name)) {
      return in.readAllBytes();
    }
  }

  /** Every tensor of the PyTorch-written fixture, checked against the sha256 its manifest records. */
  @Test
  void readsTheZipFormatExactly() throws Exception {
    Map<String, Tensor> state = TorchStateDict.read(resource("alexnet_tiny.pth"), "alexnet_tiny.pth");
    JsonNode manifest = new ObjectMapper().readTree(resource("manifest.json"));
    assertThat(state).hasSize(16);
    for (JsonNode t : manifest.get("tensors")) {
      Tensor tensor = state.get(t.get("key").asText());
      long[] shape = new ObjectMapper().convertValue(t.get("shape"), long[].class);
      assertThat(tensor.shape()).as(t.get("key").asText()).containsExactly(shape);
      ByteBuffer bytes = ByteBuffer.allocate(tensor.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(tensor.data());
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())))
          .isEqualTo(t.get("sha256_le_f32").asText());
    }
  }

  @Test
  void truncatedAndForeignFilesGetClearErrors() throws IOException {
    byte[] real = resource("alexnet_tiny.pth");
    assertThatThrownBy(() -> TorchStateDict.read(java.util.Arrays.copyOf(real, real.length / 2), "cut.pth"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> TorchStateDict.read("hello".getBytes(), "text.pth"))
        .hasMessageContaining("not a torch.save file");
    byte[] cutPickle = "\u0080\u0002ccollections\nOrderedDict\nq\u0000)R".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> TorchStateDict.read(zip("a/data.pkl", cutPickle), "cut-pickle.pth"))
        .hasMessageContaining("truncated");
  }

  private static byte[] zip(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
