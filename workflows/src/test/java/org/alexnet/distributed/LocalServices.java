package org.alexnet.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The services of {@code infra/local} (S3, Temporal, a Flink session cluster, workers), each its own
 * process, under a folder and on free ports of this test's own; {@link #close} stops every one.
 */
final class LocalServices implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("alexnet.root", "..")).toAbsolutePath().normalize();
  static final String BUCKET = "alexnet";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path state;
  private final Map<String, String> harnessEnvironment = new LinkedHashMap<>();
  private final int flinkPort;
  private final int temporalPort;
  private final Map<String, String> clientEnvironment = new LinkedHashMap<>();
  private boolean closed;

  private LocalServices(Path state) throws IOException {
    this.state = state;
    int[] ports = freePorts(5);
    flinkPort = ports[2];
    temporalPort = ports[1];
    harnessEnvironment.put("ALEXNET_LOCAL_DIR", state.toString());
    harnessEnvironment.put("ALEXNET_LOCAL_S3_PORT", Integer.toString(ports[0]));
    harnessEnvironment.put("ALEXNET_LOCAL_TEMPORAL_PORT", Integer.toString(temporalPort));
    harnessEnvironment.put("ALEXNET_LOCAL_FLINK_PORT", Integer.toString(flinkPort));
    harnessEnvironment.put("ALEXNET_LOCAL_FLINK_RPC_PORT", Integer.toString(ports[3]));
    harnessEnvironment.put("ALEXNET_LOCAL_FLINK_BLOB_PORT", Integer.toString(ports[4]));
    harnessEnvironment.put("ALEXNET_NO_BUILD", "1"); // Maven's package phase built what the tests run
  }

  /**
   * Starts every service under {@code state}; stops what did start if one fails, and at the JVM's
   * end if nothing closed them (the services run in process groups of their own, so an interrupted
   * build would leave them running).
   */
  static LocalServices start(Path state) throws IOException, InterruptedException {
    LocalServices services = new LocalServices(state);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        services.close();
      } catch (IOException | InterruptedException e) {
        System.err.println("could not stop the services under " + state + ": " + e.getMessage());
      }
    }, "stop-local-services"));
    try {
      services.up();
      for (String line : services.harness("env").split("\n")) {
        if (line.startsWith("export ")) {
          String[] kv = line.substring("export ".length()).split("=", 2);
          services.clientEnvironment.put(kv[0], kv[1]);
        }
      }
      services.clientEnvironment.put("ALEXNET_NO_BUILD", "1");
      return services;
    } catch (IOException | RuntimeException | InterruptedException | Error e) {
      services.close();
      throw e;
    }
  }

  /** Starts these services (all when none are named), each waited for until healthy. */
  void up(String... services) throws IOException, InterruptedException {
    harness("up", services);
  }

  void down(String... services) throws IOException, InterruptedException {
    harness("down", services);
  }

  /** Sends a signal (KILL, STOP, CONT) to a service's process group. */
  void signal(String service, String signal) throws IOException, InterruptedException {
    harness("signal", service, signal);
  }

  /** What a client of these services needs: the S3 endpoint and keys, the Temporal address. */
  Map<String, String> clientEnvironment() {
    return Map.copyOf(clientEnvironment);
  }

  String temporalAddress() {
    return "127.0.0.1:" + temporalPort;
  }

  String secretKey() {
    return clientEnvironment.get("AWS_SECRET_ACCESS_KEY");
  }

  Path logs() {
    return state.resolve("logs");
  }

  /** Where the S3 server keeps an object or prefix of the bucket: s3proxy stores each object as a file. */
  Path s3Folder() {
    return state.resolve("s3");
  }

  Path s3(String uri) {
    String prefix = "s3://" + BUCKET + "/";
    if (!uri.startsWith(prefix)) {
      throw new IllegalArgumentException(uri + " is not in s3://" + BUCKET);
    }
    return state.resolve("s3").resolve(BUCKET).resolve(uri.substring(prefix.length()));
  }

  /** The Flink cluster's jobs, as its REST API lists them. */
  List<FlinkJob> flinkJobs() throws IOException, InterruptedException {
    List<FlinkJob> jobs = new ArrayList<>();
    for (JsonNode job : flinkRest("/jobs/overview").get("jobs")) {
      jobs.add(new FlinkJob(job.get("jid").asText(), job.get("name").asText(), job.get("state").asText()));
    }
    return jobs;
  }

  JsonNode flinkRest(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + flinkPort + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  record FlinkJob(String id, String name, String state) {}

  /** The PIDs of the services that run now, by service. */
  Map<String, Long> pids() throws IOException {
    Map<String, Long> pids = new LinkedHashMap<>();
    try (var files = Files.list(state.resolve("pids"))) {
      for (Path f : files.sorted().toList()) {
        long pid = Long.parseLong(Files.readString(f).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          pids.put(f.getFileName().toString().replace(".pid", ""), pid);
        }
      }
    }
    return pids;
  }

  /** The service a process belongs to (infra/local marks each in its environment), e.g. from a worker identity. */
  Optional<String> serviceOf(long pid) {
    try {
      String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1);
      for (String variable : environ.split("\0")) {
        if (variable.startsWith("ALEXNET_LOCAL_SERVICE=")) {
          return Optional.of(variable.substring("ALEXNET_LOCAL_SERVICE=".length()));
        }
      }
    } catch (IOException gone) {
      // the process ended
    }
    return Optional.empty();
  }

  /** Stops every service this harness started, also the extra workers; once. */
  @Override
  public synchronized void close() throws IOException, InterruptedException {
    if (!closed) {
      closed = true;
      harness("down");
    }
  }

  private String harness(String command, String... services) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(ROOT.resolve("infra/local").toString(), command));
    args.addAll(List.of(services));
    ProcessBuilder builder = new ProcessBuilder(args).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().putAll(harnessEnvironment);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("infra/local " + command + " did not finish in 5 minutes");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException("infra/local " + String.join(" ", args.subList(1, args.size())) + " failed:\n" + text);
    }
    return text;
  }

  private static int[] freePorts(int count) throws IOException {
    int[] ports = new int[count];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }
}
