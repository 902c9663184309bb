package org.alexnet.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.alexnet.storage.Storage;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.alexnet.trainer.optim.TorchSgd;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointsTest {
  private static final AlexNetShape SMALL = new AlexNetShape(new int[] {8, 16, 24, 16, 16}, 32, 5);
  private static final CheckpointState STATE = new CheckpointState(CheckpointState.FORMAT_VERSION, 3, 17, 250, 41.5,
      "alexnet", "8,16,24,16,16/32/5", "mean-image/std", "ilsvrc2012-abc", 7, Map.of("lr", "0.01"),
      java.util.List.of("a", "b", "c", "d", "e"));

  @TempDir Path dir;

  static MultiLayerNetwork trainedOneStep() {
    MultiLayerNetwork net = Arch.ALEXNET.build(SMALL, 224, 3, new TorchSgd(0.01, 0.9), 1e-4);
    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 224, 224);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 5);
    y.putScalar(0, 1, 1f);
    y.putScalar(1, 3, 1f);
    net.fit(x, y);
    return net;
  }

  @Test
  void restoresParametersAndMomentumBitForBit() throws IOException {
    MultiLayerNetwork net = trainedOneStep();
    String uri = dir.resolve("ckpt/checkpoint.zip").toString();
    Checkpoints.save(uri, net, STATE);

    assertThat(Checkpoints.readState(uri)).isEqualTo(STATE);
    MultiLayerNetwork fresh = Arch.ALEXNET.build(SMALL, 224, 99, new TorchSgd(0.01, 0.9), 1e-4);
    assertThat(Checkpoints.restore(uri, fresh)).isEqualTo(STATE);
    assertThat(fresh.params().equals(net.params())).isTrue();
    assertThat(fresh.getUpdater().getStateViewArray().equals(net.getUpdater().getStateViewArray())).isTrue();
    assertThat(net.getUpdater().getStateViewArray().sumNumber().doubleValue()).isNotZero();
  }

  @Test
  void aFailedWriteLeavesThePreviousCheckpoint() throws IOException {
    MultiLayerNetwork net = trainedOneStep();
    String uri = dir.resolve("checkpoint.zip").toString();
    Checkpoints.save(uri, net, STATE);
    byte[] before = Files.readAllBytes(Path.of(uri));
    assertThatThrownBy(() -> Storage.writeAtomically(uri, out -> {
      out.write(new byte[1000]);
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readAllBytes(Path.of(uri))).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("checkpoint.zip");
    }
  }

  @Test
  void tornOrForeignFilesAndOtherShapesAreRefused() throws IOException {
    MultiLayerNetwork net = trainedOneStep();
    Path file = dir.resolve("checkpoint.zip");
    Checkpoints.save(file.toString(), net, STATE);
    byte[] bytes = Files.readAllBytes(file);
    Path torn = dir.resolve("torn.zip");
    Files.write(torn, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    MultiLayerNetwork target = Arch.ALEXNET.build(SMALL, 224, 1, new TorchSgd(0.01, 0.9), 1e-4);
    assertThatThrownBy(() -> Checkpoints.restore(torn.toString(), target)).isInstanceOf(IOException.class)
        .hasMessageContaining("torn.zip");
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");
    assertThatThrownBy(() -> Checkpoints.readState(text.toString())).hasMessageContaining("not a checkpoint");
    MultiLayerNetwork other = Arch.ALEXNET.build(new AlexNetShape(new int[] {8, 16, 24, 16, 16}, 32, 6), 224, 1);
    assertThatThrownBy(() -> Checkpoints.restore(file.toString(), other)).hasMessageContaining("another architecture");
  }
}
