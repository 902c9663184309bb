package org.alexnet.pipelines.prepare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.storage.Sha256;

/**
 * A dataset's identity: a hash of the inputs' fingerprint (archive listings, sizes, devkit bytes),
 * the settings and the manifest schema. Same inputs and settings, same id.
 */
final class DatasetId {
  private DatasetId() {}

  static String of(String inputFingerprint, PrepareSettings settings) {
    MessageDigest sha = Sha256.newDigest();
    sha.update(("schema " + Manifest.SCHEMA_VERSION + "\n" + inputFingerprint + "\n").getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> e : new TreeMap<>(settings.asMap()).entrySet()) {
      sha.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return "ilsvrc2012-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }
}
