package org.alexnet.pipelines.prepare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import org.alexnet.storage.Sha256;

/**
 * A dataset's identity: a hash of the inputs' fingerprint (archive listings, sizes, devkit bytes),
 * the settings and the manifest schema. Same inputs and settings, same id.
 */
final class DatasetId {
  /**
   * What the id says about how records are made, not the manifest's format: manifest schema 2 (any
   * class set) changed no byte of a 1000-class dataset, so its id stays what schema 1 gave it.
   */
  private static final int CONTENT_VERSION = 1;

  private DatasetId() {}

  static String of(String inputFingerprint, PrepareSettings settings) {
    MessageDigest sha = Sha256.newDigest();
    sha.update(("schema " + CONTENT_VERSION + "\n" + inputFingerprint + "\n").getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> e : new TreeMap<>(settings.asMap()).entrySet()) {
      sha.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return "ilsvrc2012-" + Sha256.hexDigest(sha).substring(0, 16);
  }
}
