package org.alexnet.trainer.backend;

/**
 * Turns on DL4J's oneDNN convolution, pooling and normalization helpers on the CPU backend. Two
 * switches, both read before they take effect, so call this before ND4J is first used:
 * JavaCPP must load the {@code -onednn} build of libnd4jcpu (shipped beside the plain one), and DL4J
 * must be allowed to create helpers ({@code org.eclipse.deeplearning4j.helpers.disable} defaults to
 * true in M2.1). The third piece is the {@code org.nd4j.nativeblas.Nd4jCpu} bridge class.
 */
public final class OneDnn {
  static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";
  static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";
  private static final String ONEDNN_NATIVES = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/";

  private OneDnn() {}

  /**
   * @return whether oneDNN is used: its build of ND4J is on the classpath (it is in the default CPU
   *     build) and ALEXNET_ONEDNN is not "off" (for comparing with DL4J's own kernels)
   */
  public static boolean enable() {
    if ("off".equalsIgnoreCase(System.getenv("ALEXNET_ONEDNN"))) {
      System.setProperty(HELPERS_DISABLED, "true");
      return false;
    }
    boolean present = OneDnn.class.getClassLoader().getResource(ONEDNN_NATIVES + "libjnind4jcpu.so") != null;
    if (present && System.getProperty(EXTENSION) == null) {
      System.setProperty(EXTENSION, "-onednn");
    }
    System.setProperty(HELPERS_DISABLED, "false");
    return present;
  }
}
