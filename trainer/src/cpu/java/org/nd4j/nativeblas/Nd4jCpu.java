package org.nd4j.nativeblas;

/**
 * Bridges a rename inside DL4J 1.0.0-M2.1: its oneDNN helpers look for this class and
 * {@code isUseMKLDNN()}, which ND4J M2.1 moved to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment#isUseONEDNN()}. Without it, DL4J
 * never uses oneDNN convolutions on CPU (3.5x slower training). Loaded by name, by DL4J only.
 *
 * <p>Delete it, with src/cpu/java and the cpu profile's build-helper plugin, once DL4J's helpers look
 * up the class ND4J ships (a release after 1.0.0-M2.1): OneDnnTest then still passes without it.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** What DL4J's BaseMKLDNNHelper calls, forwarded to ND4J's current environment. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }
  }
}
