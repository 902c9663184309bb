package org.alexnet.trainer.model;

import java.util.Map;
import org.alexnet.trainer.weights.Tensor;

/**
 * The widths of torchvision's AlexNet: five convolutions, the hidden fully connected size and the
 * classes. The standard network is 64-192-384-256-256, 4096, 1000 (61,100,840 parameters).
 */
public record AlexNetShape(int[] convWidths, int hidden, int classes) {
  public static final AlexNetShape TORCHVISION = new AlexNetShape(new int[] {64, 192, 384, 256, 256}, 4096, 1000);
  /** The 2012 network's: 96-256-384-384-256, 4096, 1000. */
  public static final AlexNetShape PAPER = new AlexNetShape(new int[] {96, 256, 384, 384, 256}, 4096, 1000);

  public AlexNetShape {
    if (convWidths.length != 5 || hidden < 1 || classes < 1) {
      throw new IllegalArgumentException("AlexNet has five convolutions, a hidden size and a class count");
    }
    convWidths = convWidths.clone();
  }

  /** The shape a state_dict of this architecture was saved with, read from its tensors' sizes. */
  public static AlexNetShape of(Map<String, Tensor> state, Arch arch) {
    int[] widths = new int[5];
    for (int i = 0; i < 5; i++) {
      widths[i] = (int) require(state, "features." + arch.convKeys()[i] + ".weight").shape()[0];
    }
    int hidden = (int) require(state, "classifier." + arch.linearKeys()[0] + ".weight").shape()[0];
    int classes = (int) require(state, "classifier." + arch.linearKeys()[2] + ".weight").shape()[0];
    return new AlexNetShape(widths, hidden, classes);
  }

  /** Parses {@link #text()}'s form, with the class count given separately when absent: "16,32,48,32,32/64". */
  public static AlexNetShape parse(String text, int classes) {
    String[] parts = text.split("/", -1);
    try {
      int[] widths = java.util.Arrays.stream(parts[0].split(",", -1)).mapToInt(w -> Integer.parseInt(w.trim())).toArray();
      if (parts.length >= 2 && parts.length <= 3 && widths.length == 5
          && java.util.Arrays.stream(widths).allMatch(w -> w > 0)) {
        return new AlexNetShape(widths, Integer.parseInt(parts[1].trim()),
            parts.length > 2 ? Integer.parseInt(parts[2].trim()) : classes);
      }
    } catch (IllegalArgumentException malformed) {
      // not a number, or a hidden size below 1: refused below with the rest
    }
    throw new IllegalArgumentException("--widths " + text + ": give five conv widths and the hidden size, all positive, "
        + "e.g. 64,192,384,256,256/4096");
  }

  /** The same widths with another class count. */
  public AlexNetShape withClasses(int count) {
    return new AlexNetShape(convWidths, hidden, count);
  }

  /** As checkpoints record it: "64,192,384,256,256/4096/1000". */
  public String text() {
    return java.util.Arrays.stream(convWidths).mapToObj(Integer::toString)
        .collect(java.util.stream.Collectors.joining(",")) + "/" + hidden + "/" + classes;
  }

  static Tensor require(Map<String, Tensor> state, String key) {
    Tensor t = state.get(key);
    if (t == null) {
      throw new IllegalArgumentException("not a torchvision AlexNet state_dict: no " + key + " (it has " + state.keySet() + ")");
    }
    return t;
  }
}
