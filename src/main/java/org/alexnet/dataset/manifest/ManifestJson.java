package org.alexnet.dataset.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/** Reads and writes {@link Manifest} JSON, refusing schema versions this code does not know. */
public final class ManifestJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ManifestJson() {}

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
    if (version != Manifest.SCHEMA_VERSION) {
      throw new IOException(String.format("%s has schema version %d; this build reads version %d: use a matching release",
          source, version, Manifest.SCHEMA_VERSION));
    }
    try {
      return MAPPER.treeToValue(tree, Manifest.class);
    } catch (JsonProcessingException e) {
      throw new IOException(source + " is a malformed manifest: " + e.getOriginalMessage(), e);
    }
  }
}
