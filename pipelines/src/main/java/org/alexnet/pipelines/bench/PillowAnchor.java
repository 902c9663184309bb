package org.alexnet.pipelines.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
  private static final String NEEDS_PILLOW =
      "the Pillow anchor needs " + PYTHON + " with Pillow: install Debian's python3-pil (apt-get install python3-pil)"
          + " and run the benchmark again";

  record Result(long images, double seconds, String pillowVersion) {
    double imagesPerSecond() {
      return images / seconds;
    }
  }

  private PillowAnchor() {}

  /** Fails now, not after the benchmark tar is made, when Python or Pillow is missing. */
  static void requirePillow() throws IOException, InterruptedException {
    Process p = start(List.of(PYTHON, "-c", "import PIL"));
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    if (p.waitFor() != 0) {
      throw new IOException(NEEDS_PILLOW);
    }
  }

  /** Runs in this JVM's environment, so the anchor and the pipeline share memory settings (GLIBC_TUNABLES). */
  static Result run(Path tar, int processes, Path work) throws IOException, InterruptedException {
    Path script = work.resolve("pillow_prepare.py");
    try (InputStream in = PillowAnchor.class.getResourceAsStream("pillow_prepare.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p = start(List.of(PYTHON, script.toString(), tar.toString(), Integer.toString(processes)));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("the Pillow anchor failed; its output:\n" + output);
    }
    Matcher m = RESULT.matcher(output);
    if (!m.find()) {
      throw new IOException("unexpected output from the Pillow anchor: " + output);
    }
    return new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), m.group(3));
  }

  private static Process start(List<String> command) throws IOException {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(NEEDS_PILLOW, e);
    }
  }
}
