package org.alexnet.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A checkpoint's arrays (parameters and momentum) as bytes, to compare two runs bit for bit. */
public final class CheckpointArrays {
  private CheckpointArrays() {}

  public static Map<String, byte[]> of(Path checkpoint) throws IOException {
    Map<String, byte[]> arrays = new TreeMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(checkpoint))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().endsWith(".f32")) {
          arrays.put(e.getName(), zip.readAllBytes());
        }
      }
    }
    return arrays;
  }

  /** The newest checkpoint-N.zip of a run's checkpoint folder. */
  public static Path newest(Path checkpoints) throws IOException {
    try (var files = Files.list(checkpoints)) {
      return files.filter(f -> f.getFileName().toString().matches("checkpoint-\\d{9}\\.zip")).sorted()
          .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no checkpoint in " + checkpoints));
    }
  }
}
