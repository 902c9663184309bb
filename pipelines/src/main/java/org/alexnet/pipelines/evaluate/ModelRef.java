package org.alexnet.pipelines.evaluate;

import java.io.IOException;
import java.io.Serializable;
import org.alexnet.storage.Sha256;
import org.alexnet.trainer.TrainedModel;

/** Where the model comes from, small enough to ship to workers, which load it themselves. */
public record ModelRef(String checkpoint, String pretrained) implements Serializable {
  public ModelRef {
    if ((checkpoint == null) == (pretrained == null)) {
      throw new IllegalArgumentException("give either --checkpoint URI or --pretrained PATH");
    }
  }

  /** What the model is (reading a checkpoint's state only; torchvision weights are read whole). */
  public TrainedModel describe() throws IOException {
    return checkpoint != null ? TrainedModel.fromCheckpoint(checkpoint) : TrainedModel.fromPretrained(pretrained);
  }

  public String uri() {
    return checkpoint != null ? checkpoint : pretrained;
  }

  /** The model file's checksum, which names exactly what was evaluated. */
  public String sha256() throws IOException {
    return Sha256.ofFile(uri());
  }

  public static ModelRef checkpoint(String uri) {
    return new ModelRef(uri, null);
  }
}
