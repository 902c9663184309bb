package org.alexnet.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.alexnet.dataset.Dataset;
import org.alexnet.pipelines.prepare.PreparePipeline;
import org.alexnet.trainer.loop.Trainer;

/**
 * A Flink session cluster the pipelines are submitted to: its task slots (from the JobManager's
 * REST API), and what a job must upload to it. The cluster's TaskManagers hold the heavy
 * dependencies (ND4J's natives, Flink, the AWS SDK) on their classpath; a job stages this project's
 * jars and Beam's, which must share the job's class loader: Beam's coders resolve the classes they
 * deserialise through the loader that loaded Beam.
 */
final class FlinkCluster {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Beam's SDK, runners and models; the direct runner and vendored libraries are left to the cluster. */
  private static final Pattern BEAM_JAR = Pattern.compile("beam-(?!vendor-|runners-direct-).*\\.jar");

  private FlinkCluster() {}

  /**
   * The cluster's task slots, all of them: the parallelism a job gets when none is asked for. While
   * the cluster has no TaskManager (one restarting), its configured default: the job then waits for slots.
   */
  static int slots(String master) {
    int slots = get(master, "/overview").path("slots-total").asInt(0);
    if (slots > 0) {
      return slots;
    }
    for (JsonNode entry : get(master, "/jobmanager/config")) {
      if (entry.path("key").asText().equals("parallelism.default")) {
        return Math.max(1, entry.path("value").asInt(1));
      }
    }
    return 1;
  }

  private static JsonNode get(String master, String path) {
    URI uri = URI.create("http://" + master.replaceFirst("^https?://", "") + path);
    try {
      HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
          .send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode() + " from " + uri);
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(String.format("no Flink JobManager answers at %s (%s): check --flink-master, "
          + "or start the cluster", master, e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the Flink cluster for its slots", e);
    }
  }

  /** What a job uploads: this project's jars and Beam's (not its vendored libraries, which stay on the cluster). */
  static List<String> jobJars() {
    List<String> jars = new ArrayList<>(projectJars());
    for (Path entry : classPath()) {
      if (BEAM_JAR.matcher(entry.getFileName().toString()).matches()) {
        jars.add(entry.toString());
      }
    }
    return jars;
  }

  /** The JVM's class path, with what a launcher jar's manifest adds ({@code java -jar alexnet.jar}). */
  private static List<Path> classPath() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      entries.add(path);
      if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
        try (JarFile jar = new JarFile(path.toFile())) {
          Manifest manifest = jar.getManifest();
          String more = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
          for (String relative : more == null ? new String[0] : more.trim().split("\\s+")) {
            entries.add(path.resolveSibling(relative).normalize());
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the manifest of " + path, e);
        }
      }
    }
    return entries;
  }

  /** The modules this project's pipelines' functions are in. */
  private static List<String> projectJars() {
    List<String> jars = new ArrayList<>();
    for (Class<?> module : List.of(Dataset.class, Trainer.class, PreparePipeline.class)) {
      try {
        jars.add(Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate the code of " + module, e);
      }
    }
    return jars;
  }
}
