package org.alexnet.trainer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the PyTorch anchor script; empty when python3-torch is not installed. */
final class TorchAnchor {
  private static final Pattern LINE = Pattern.compile(
      "batch=(\\d+) train=([0-9.]+) infer=([0-9.]+) torch=(\\S+) threads=(\\d+) blas=(\\S+)");

  /** @param blas the BLAS library PyTorch's process loaded */
  record Rate(double train, double infer, String version, int threads, String blas) {
    /**
     * Debian's python3-torch links libblas.so.3, which is netlib's reference BLAS unless OpenBLAS is
     * installed; AlexNet's fully connected layers then run several times slower than PyTorch can.
     */
    boolean referenceBlas() {
      return blas.endsWith("/blas/libblas.so.3");
    }
  }

  private TorchAnchor() {}

  static Map<Integer, Rate> run(int threads, int iterations, List<Integer> batches, Path work) throws IOException,
      InterruptedException {
    Path script = work.resolve("torch_alexnet.py");
    try (InputStream in = TorchAnchor.class.getResourceAsStream("torch_alexnet.py")) {
      Files.write(script, in.readAllBytes());
    }
    String sizes = String.join(",", batches.stream().map(String::valueOf).toList());
    Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(threads),
        Integer.toString(iterations), sizes).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      return Map.of(); // no PyTorch here: the report says so
    }
    return parse(output);
  }

  /** The rates in the script's output, by batch size. */
  static Map<Integer, Rate> parse(String output) {
    Map<Integer, Rate> rates = new HashMap<>();
    Matcher m = LINE.matcher(output);
    while (m.find()) {
      rates.put(Integer.parseInt(m.group(1)), new Rate(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
          m.group(4), Integer.parseInt(m.group(5)), m.group(6)));
    }
    return rates;
  }
}
