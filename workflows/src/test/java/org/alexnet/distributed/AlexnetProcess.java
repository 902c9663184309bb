package org.alexnet.distributed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** {@code ./alexnet ARGS} as a user runs it: its own process, its output in a log file. */
final class AlexnetProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final List<String> args;

  private AlexnetProcess(Process process, Path log, List<String> args) {
    this.process = process;
    this.log = log;
    this.args = args;
  }

  static AlexnetProcess start(Map<String, String> environment, Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(LocalServices.ROOT.resolve("alexnet").toString());
    command.addAll(args);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("ALEXNET_NO_BUILD", "1");
    return new AlexnetProcess(builder.start(), log, List.copyOf(args));
  }

  /** Runs to the end; fails with its output unless it exits 0 within the time. */
  static String run(Map<String, String> environment, Path log, Duration limit, List<String> args)
      throws IOException, InterruptedException {
    try (AlexnetProcess p = start(environment, log, args)) {
      int code = p.waitFor(limit);
      if (code != 0) {
        throw new AssertionError("alexnet " + String.join(" ", args) + " exited " + code + ":\n" + p.output());
      }
      return p.output();
    }
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Waits until the output holds {@code text}; false if the process ended or the time passed first. */
  boolean awaitOutput(String text, Duration limit) throws IOException, InterruptedException {
    return await(() -> {
      try {
        return output().contains(text);
      } catch (IOException e) {
        return false;
      }
    }, limit);
  }

  /** Waits while this process runs for a condition; false if the process ended or the time passed first. */
  boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (!process.isAlive()) {
        return condition.getAsBoolean();
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** The exit code, or an error with the output when it runs past the limit (it is then killed). */
  int waitFor(Duration limit) throws InterruptedException, IOException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("alexnet " + String.join(" ", args) + " ran past " + limit + ":\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
