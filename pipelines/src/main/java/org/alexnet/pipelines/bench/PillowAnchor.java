package org.alexnet.pipelines.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the Pillow script the benchmark compares against (Debian's python3-pil, one process per core). */
final class PillowAnchor {
  static final String PYTHON = "/usr/bin/python3";
  private static final Pattern RESULT = Pattern.compile("images=(\\d+) seconds=([0-9.]+) pillow=(\\S+)");

  record Result(long images, double seconds, String pillowVersion) {
    double imagesPerSecond() {
      return images / seconds;
    }
  }

  private PillowAnchor() {}

  /** Runs in this JVM's environment, so the anchor and the pipeline share memory settings (GLIBC_TUNABLES). */
  static Result run(Path tar, int processes, Path work) throws IOException, InterruptedException {
    Path script = work.resolve("pillow_prepare.py");
    try (InputStream in = PillowAnchor.class.getResourceAsStream("pillow_prepare.py")) {
      Files.write(script, in.readAllBytes());
    }
    ProcessBuilder builder = new ProcessBuilder(List.of(PYTHON, script.toString(), tar.toString(),
        Integer.toString(processes))).redirectErrorStream(true);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("the Pillow anchor failed (is python3-pil installed? apt-get install python3-pil):\n" + output);
    }
    Matcher m = RESULT.matcher(output);
    if (!m.find()) {
      throw new IOException("unexpected output from the Pillow anchor: " + output);
    }
    return new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), m.group(3));
  }
}
