package org.alexnet.workflows.stage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.alexnet.dataset.Dataset;
import org.alexnet.pipelines.prepare.PreparePipeline;
import org.alexnet.storage.Sha256;
import org.alexnet.trainer.loop.Trainer;

/**
 * The code a worker runs, for lineage: the project's version and a SHA-256 over the classes and
 * resources of its own four modules (in jars, or class folders in a development build; names and
 * contents only, so a rebuild of the same sources names the same code).
 */
public final class CodeVersion {
  private static final String CURRENT = compute();

  private CodeVersion() {}

  public static String current() {
    return CURRENT;
  }

  private static String compute() {
    String version = CodeVersion.class.getPackage().getImplementationVersion();
    MessageDigest sha = Sha256.newDigest();
    try {
      for (Class<?> module : List.of(Dataset.class, PreparePipeline.class, Trainer.class, CodeVersion.class)) {
        digest(Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI()), sha);
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return (version == null ? "development build" : version) + " (code hash unavailable: " + e.getMessage() + ")";
    }
    return (version == null ? "development build" : version) + " sha256:"
        + Sha256.hexDigest(sha).substring(0, 16);
  }

  private static void digest(Path location, MessageDigest sha) throws IOException {
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          entry(location.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f), sha);
        }
      }
      return;
    }
    try (ZipFile jar = new ZipFile(location.toFile())) {
      List<? extends ZipEntry> entries = jar.stream().filter(e -> !e.isDirectory())
          .sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList();
      for (ZipEntry e : entries) {
        try (InputStream in = jar.getInputStream(e)) {
          entry(e.getName(), in.readAllBytes(), sha);
        }
      }
    }
  }

  /** Build metadata (manifest, Maven's properties) changes with every build, so it is left out. */
  private static void entry(String name, byte[] content, MessageDigest sha) {
    if (name.startsWith("META-INF/")) {
      return;
    }
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update(content);
  }
}
