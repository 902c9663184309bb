package org.alexnet.trainer.model;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/** The two AlexNets `-a` chooses from, with what differs between them beyond the layers. */
public enum Arch {
  /** torchvision's ("one weird trick") AlexNet: PyTorch's default init, so unit-scale inputs. */
  ALEXNET("alexnet", 224, AlexNetShape.TORCHVISION, true, new int[] {0, 3, 6, 8, 10}, new int[] {1, 4, 6}),
  /** The 2012 network: N(0, 0.01) init, so raw mean-subtracted pixels, as Caffe fed it. */
  ALEXNET_PAPER("alexnet-paper", 227, AlexNetShape.PAPER, false, new int[] {0, 4, 8, 10, 12}, new int[] {0, 3, 6});

  private final String id;
  private final int defaultCrop;
  private final AlexNetShape defaultShape;
  private final boolean unitScaleInputs;
  /** state_dict indices of the convolutions (features.N) and linear layers (classifier.N). */
  private final int[] convKeys;
  private final int[] linearKeys;

  Arch(String id, int defaultCrop, AlexNetShape defaultShape, boolean unitScaleInputs, int[] convKeys, int[] linearKeys) {
    this.id = id;
    this.defaultCrop = defaultCrop;
    this.defaultShape = defaultShape;
    this.unitScaleInputs = unitScaleInputs;
    this.convKeys = convKeys;
    this.linearKeys = linearKeys;
  }

  public static Arch of(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "-a " + id + ": unknown architecture; choose one of " + Arrays.stream(values()).map(Arch::id)
            .collect(Collectors.joining(", "))));
  }

  public String id() {
    return id;
  }

  public int defaultCrop() {
    return defaultCrop;
  }

  public AlexNetShape defaultShape() {
    return defaultShape;
  }

  /** Refuses an input size the network cannot take, saying which --crop-size it takes. */
  public void requireInput(int input) {
    switch (this) {
      case ALEXNET -> TorchvisionAlexNet.requireInput(input);
      case ALEXNET_PAPER -> PaperAlexNet.requireInput(input);
    }
  }

  /**
   * A crop for images of side {@code size}: the paper's 224-of-256 ratio, to a multiple of 8 (64 for
   * 72 pixels); 0 when none fits, or this network takes only its own.
   */
  public int cropFor(int size) {
    int crop = (int) Math.round(size * 7 / 64.0) * 8;
    return this == ALEXNET && crop >= TorchvisionAlexNet.MIN_INPUT ? crop : 0;
  }

  /** Whether inputs are also divided by the dataset's channel std, not only mean-subtracted. */
  public boolean unitScaleInputs() {
    return unitScaleInputs;
  }

  int[] convKeys() {
    return convKeys;
  }

  int[] linearKeys() {
    return linearKeys;
  }

  /** For inference and weight import: no optimizer state. */
  public MultiLayerNetwork build(AlexNetShape shape, int inputSize, long seed) {
    return build(shape, inputSize, seed, new org.nd4j.linalg.learning.config.NoOp(), 0);
  }

  /** {@code weightDecay} is added to the gradient of weights and biases, as torch.optim.SGD's, and not to the loss. */
  public MultiLayerNetwork build(AlexNetShape shape, int inputSize, long seed, IUpdater updater, double weightDecay) {
    return switch (this) {
      case ALEXNET -> TorchvisionAlexNet.build(shape, inputSize, seed, updater, weightDecay);
      case ALEXNET_PAPER -> PaperAlexNet.build(shape, inputSize, seed, updater, weightDecay);
    };
  }

  /** Index of the last linear layer, whose activations are the logits (the softmax loss follows it). */
  public static int logitsLayer(MultiLayerNetwork net) {
    return net.getnLayers() - 2;
  }
}
