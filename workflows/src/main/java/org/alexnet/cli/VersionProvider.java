package org.alexnet.cli;

import org.apache.beam.sdk.util.ReleaseInfo;
import picocli.CommandLine.IVersionProvider;

/** The product's version and the versions of the engines it runs on, without starting any of them. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = AlexNetCommand.class.getPackage().getImplementationVersion();
    return new String[] {
        "alexnet " + (version == null ? "(development build)" : version),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        "Apache Beam " + ReleaseInfo.getReleaseInfo().getVersion() + ", Flink runner for Flink 1.19",
        "Deeplearning4j/ND4J 1.0.0-M2.1, backend: " + nd4jBackend()};
  }

  private static String nd4jBackend() {
    if (present("org.nd4j.linalg.jcublas.JCublasBackend")) {
      return "CUDA (nd4j-cuda-11.6)";
    }
    return present("org.nd4j.linalg.cpu.nativecpu.CpuBackend") ? "CPU (nd4j-native)" : "none on the classpath";
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, VersionProvider.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
