package org.alexnet.trainer.weights;

import java.io.IOException;

/** A pickle that names a global a state_dict never needs: possibly malicious, never executed. */
public final class UnsafePickleException extends IOException {
  public UnsafePickleException(String global) {
    super("the weights file refers to " + global + ", which a state_dict never needs: refusing to load it "
        + "(a pickle naming it could run code; only tensors and dicts are allowed)");
  }
}
