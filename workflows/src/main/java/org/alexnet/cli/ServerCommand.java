package org.alexnet.cli;

import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.alexnet.workflows.temporal.EmbeddedTemporal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {"Runs a Temporal development server in this process until stopped: Temporal's Java test",
        "server, on 127.0.0.1 only. It keeps its workflows in memory; runs outlive a restart through",
        "storage (the same alexnet run command resumes them). For production, use a Temporal cluster."})
final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "" + EmbeddedTemporal.DEFAULT_PORT,
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    EmbeddedTemporal server;
    try {
      server = EmbeddedTemporal.start(port);
    } catch (BindException taken) {
      throw new IllegalArgumentException("127.0.0.1:" + port + " is taken: stop what listens there, or give --port");
    }
    var out = spec.commandLine().getOut();
    out.printf("Temporal development server on %s (in memory; Ctrl-C stops it)%n", server.target());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "ctrl-c"));
    stopped.await();
    return 0;
  }
}
