package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console of prepare, train and evaluate on a sample, as a user without a terminal gets it (stdout
 * and stderr of a JVM of its own, with the CLI's logging settings): each line once, no engine's warning.
 */
class ConsoleOutputTest {
  /** A log line's level and logger, with full logger names (the CLI shows short ones). */
  private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d (WARN|ERROR) (\\S+) - ");
  /** What a progress line says after its state: the time taken, the ETA, the speed and any message. */
  private static final Pattern PROGRESS_TAIL = Pattern.compile(" \\(\\d+:\\d\\d:\\d\\d / [^)]*\\).*$");

  @TempDir Path dir;

  @Test
  void aSampleRunPrintsEachLineOnceAndNoThirdPartyWarning() throws Exception {
    String sample = dir.resolve("sample").toString();
    CliRun made = CliRun.of("make-sample", "--out", sample, "--classes", "2", "--train-per-class", "8",
        "--val-per-class", "4", "--subset-devkit");
    assertThat(made.exitCode()).as(made.err()).isZero();
    String dataset = dir.resolve("dataset").toString();
    String checkpoints = dir.resolve("checkpoints").toString();

    List<String> prepare = console("prepare", "--train-tar", sample + "/ILSVRC2012_img_train.tar", "--val-tar",
        sample + "/ILSVRC2012_img_val.tar", "--devkit", sample + "/ILSVRC2012_devkit_t12.tar.gz", "--out", dataset,
        "--parallelism", "2", "--size", "72");
    List<String> train = console("train", dataset, "--widths", "8,16,24,16,16/32", "--crop-size", "64", "-b", "4",
        "--epochs", "1", "-j", "1", "--checkpoint-dir", checkpoints);
    List<String> evaluate = console("evaluate", "--dataset", dataset, "--checkpoint", checkpoints + "/model_best.zip",
        "--out", dir.resolve("evaluation").toString(), "--parallelism", "2");

    assertThat(prepare).anyMatch(l -> l.contains("validation 100%") && l.contains(" 8/8 img"))
        .anyMatch(l -> l.contains("train 100%") && l.contains(" 16/16 img"));
    assertThat(train).anyMatch(l -> l.contains("Epoch 0 100%") && l.contains(" 4/4 batches"))
        .anyMatch(l -> l.contains("Validation 0 100%") && l.contains(" 2/2 batches"));
    assertThat(evaluate).anyMatch(l -> l.contains("evaluate 100%") && l.contains(" 8/8 img"));
    for (List<String> lines : List.of(prepare, train, evaluate)) {
      assertThat(repeated(lines)).as("lines (or progress states) printed more than once in:%n%s", text(lines)).isEmpty();
      assertThat(lines).as("third-party warnings").noneMatch(ConsoleOutputTest::thirdPartyWarning)
          .as("SameDiff's chatter").noneMatch(l -> l.contains("Added differentiated op"))
          .as("unknown totals").noneMatch(l -> l.contains("? %") || l.contains("0/?") || l.contains(" 0/0 "));
    }
  }

  /** The command's console, from a JVM of its own run as the launcher runs it (less the launcher). */
  private List<String> console(String... args) throws IOException, InterruptedException {
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cliClasspath(), "-XX:TieredStopAtLevel=1", // short JVMs start faster on C1 alone; they print the same
        "-Dorg.slf4j.simpleLogger.showShortLogName=false",
        "-Dorg.slf4j.simpleLogger.showLogName=true", AlexNetCommand.class.getName()));
    java.addAll(Arrays.asList(args));
    Process child = new ProcessBuilder(java).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    return output.lines().toList();
  }

  /** The test classpath without test classes: theirs is the tests' logging configuration, not the CLI's. */
  private static String cliClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Lines said twice, blank ones aside; a progress line by its state alone (the time and speed after it change). */
  private static List<String> repeated(List<String> lines) {
    Map<String, Long> counts = lines.stream().filter(l -> !l.isBlank())
        .map(l -> PROGRESS_TAIL.matcher(l.replaceFirst("^\\d\\d:\\d\\d:\\d\\d ", "")).replaceFirst(""))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
  }

  private static boolean thirdPartyWarning(String line) {
    Matcher log = LOG_LINE.matcher(line);
    if (log.find()) {
      return !log.group(2).startsWith("org.alexnet.");
    }
    return line.contains("WARN"); // e.g. java.util.logging's "WARNING:", or a library printing its own
  }

  private static String text(List<String> lines) {
    return String.join(System.lineSeparator(), lines);
  }
}
