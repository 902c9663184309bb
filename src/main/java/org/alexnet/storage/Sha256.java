package org.alexnet.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one checksum this project writes: shards, checkpoints, dataset ids. */
public final class Sha256 {
  private static final int CHUNK = 1 << 20;

  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  public static String hex(byte[] content) {
    return HexFormat.of().formatHex(newDigest().digest(content));
  }

  /** Completes {@code sha} (which resets it) and gives the hash as {@code sha256sum} prints it. */
  public static String hexDigest(MessageDigest sha) {
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Of a file's bytes as {@code sha256sum} prints it, read in a stream (files may be larger than memory). */
  public static String ofFile(String uri) throws IOException {
    MessageDigest sha = newDigest();
    byte[] chunk = new byte[CHUNK];
    try (InputStream in = Storage.open(uri)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        sha.update(chunk, 0, n);
      }
    }
    return hexDigest(sha);
  }
}
