package org.alexnet.pipelines.prepare;

import java.util.regex.Pattern;

/**
 * Archive member names that can be taken as plain file names. Nothing is ever extracted, but names
 * flow into records, logs and (for users' tools) paths, so absolute paths, parent references and
 * control characters are refused outright.
 */
final class SafeNames {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,254}");
  /** Class names are folder names people choose ("tabby cat", "Faces_easy"): printable, no separators or dot-start. */
  private static final Pattern CLASS = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}\\p{M} ._+,'()&-]{0,254}");
  /** Longer descriptions are cut here, so a hostile name cannot flood the quarantine list or the logs. */
  private static final int SHOWN_LENGTH = 120;

  private SafeNames() {}

  /** The base name of a member, or null if the name is not a plain file name. */
  static String baseName(String memberName) {
    String name = memberName.startsWith("./") ? memberName.substring(2) : memberName;
    return PLAIN.matcher(name).matches() && !name.contains("..") ? name : null;
  }

  /** The name as a class name (a class folder's, a --classes line), or null if it cannot be one. */
  static String className(String name) {
    return CLASS.matcher(name).matches() && !name.contains("..") && !name.endsWith(" ") ? name : null;
  }

  /** The name as it can be shown: control characters escaped, long names shortened. */
  static String describe(String name) {
    if (name.length() <= SHOWN_LENGTH && name.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
      return name; // every ordinary name: no copy
    }
    StringBuilder s = new StringBuilder();
    for (char c : name.toCharArray()) {
      s.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return s.length() > SHOWN_LENGTH ? s.substring(0, SHOWN_LENGTH) + "..." : s.toString();
  }
}
