package org.alexnet.pipelines.evaluate;

import java.io.IOException;
import java.io.Serializable;
import org.alexnet.trainer.TrainedModel;

/** Where the model comes from, small enough to ship to workers, which load it themselves. */
public record ModelRef(String checkpoint, String pretrained) implements Serializable {
  public ModelRef {
    if ((checkpoint == null) == (pretrained == null)) {
      throw new IllegalArgumentException("give either --checkpoint or --pretrained");
    }
  }

  /** What the model is (reading a checkpoint's state only; torchvision weights are read whole). */
  public TrainedModel describe() throws IOException {
    return checkpoint != null ? TrainedModel.fromCheckpoint(checkpoint) : TrainedModel.fromPretrained(pretrained);
  }

  public String uri() {
    return checkpoint != null ? checkpoint : pretrained;
  }
}
