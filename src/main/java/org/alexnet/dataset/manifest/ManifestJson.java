package org.alexnet.dataset.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import org.alexnet.storage.StorageUri;

/** Reads and writes {@link Manifest} JSON, refusing schema versions this code does not know. */
public final class ManifestJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Version 1 named the 1000 ILSVRC2012 classes "synsets", with a WNID and an ILSVRC2012_ID each. */
  private static final int LEGACY_VERSION = 1;

  private ManifestJson() {}

  /** Reads a version-1 manifest as version 2: the same classes under their version-2 names. */
  private static void upgradeLegacy(ObjectNode tree) {
    ArrayNode classes = tree.putArray("classes");
    for (JsonNode s : tree.path("synsets")) {
      ObjectNode c = classes.addObject();
      c.put("label", s.path("label").asInt());
      c.put("name", s.path("wnid").asText());
      c.put("words", s.path("words").asText());
      c.put("devkit_id", s.path("ilsvrc2012_id").asInt());
    }
    tree.remove("synsets");
    tree.put("schema_version", Manifest.SCHEMA_VERSION);
  }

  public static byte[] write(Manifest manifest) {
    try {
      return MAPPER.writeValueAsBytes(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest cannot be serialized", e);
    }
  }

  /** Parses a manifest; {@code source} names it in errors. */
  public static Manifest read(byte[] json, String source) throws IOException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IOException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject() || !tree.has("schema_version")) {
      throw new IOException(source + " is not a dataset manifest (no schema_version)");
    }
    int version = tree.get("schema_version").asInt();
    if (version == LEGACY_VERSION) {
      upgradeLegacy((ObjectNode) tree);
    } else if (version != Manifest.SCHEMA_VERSION) {
      throw new IOException(String.format("%s has schema version %d; this build reads versions %d and %d: use a "
          + "matching release", source, version, LEGACY_VERSION, Manifest.SCHEMA_VERSION));
    }
    Manifest manifest;
    try {
      manifest = MAPPER.treeToValue(tree, Manifest.class);
    } catch (JsonProcessingException e) {
      throw new IOException(source + " is a malformed manifest: " + e.getOriginalMessage(), e);
    }
    checkPathsInside(manifest, source);
    return manifest;
  }

  /** Readers open shard and mean paths below the dataset: one reaching out of it would read another's files. */
  private static void checkPathsInside(Manifest manifest, String source) throws IOException {
    for (Manifest.Split split : manifest.splits().values()) {
      for (Manifest.Shard shard : split.shards()) {
        checkInside(shard.path(), "shard path", source);
      }
    }
    if (manifest.mean() != null) {
      checkInside(manifest.mean().file(), "mean file", source);
    }
  }

  private static void checkInside(String path, String what, String source) throws IOException {
    if (!StorageUri.isNameInside(path)) {
      throw new IOException(String.format("%s is a malformed manifest: %s '%s' is not a name inside the dataset "
          + "(no '..', '.', leading '/' or scheme)", source, what, path));
    }
  }
}
