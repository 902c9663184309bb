package org.alexnet.pipelines.evaluate;

/** Which views of each validation image the model sees at evaluation ({@code --crops}); InputCrops cuts them. */
public enum EvalViews {
  /** The centre crop, as the trainer's -e. */
  CENTER,
  /** The paper's test: four corners and centre, plus their mirrors; softmax averaged over the ten. */
  TEN;

  public static EvalViews parse(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "center", "centre" -> CENTER;
      case "ten" -> TEN;
      default -> throw new IllegalArgumentException("--crops " + text + ": use center or ten");
    };
  }
}
