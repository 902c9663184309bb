package org.alexnet.storage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A checked location: a local path (or {@code file:} URI) or {@code s3://bucket/key}. Parsing
 * rejects what would otherwise fail later with an obscure message deep inside a pipeline.
 */
public record StorageUri(String scheme, String bucket, String key, String text) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  public static StorageUri parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("empty location: give a local path or s3://bucket/prefix");
    }
    int colon = uri.indexOf(':');
    String scheme = colon > 1 ? uri.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    if (scheme.isEmpty() || (scheme.equals("file") && uri.startsWith("file:"))) {
      String path = scheme.isEmpty() ? uri : Path.of(java.net.URI.create(uri)).toString();
      return new StorageUri("file", null, null, Path.of(path).toAbsolutePath().normalize().toString());
    }
    if (!scheme.equals("s3")) {
      throw new IllegalArgumentException(String.format(
          "unsupported storage scheme '%s' in '%s': use a local path or s3://bucket/prefix", scheme, uri));
    }
    if (!uri.startsWith("s3://")) {
      throw new IllegalArgumentException("malformed S3 location '" + uri + "': expected s3://bucket/prefix");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException(String.format(
          "invalid S3 bucket name '%s' in '%s': 3-63 lowercase letters, digits, dots and hyphens", bucket, uri));
    }
    // Clients normalise '.' and '..' away before the request: such a key would read another key than it names.
    if (hasDotSegment(key)) {
      throw new IllegalArgumentException(String.format(
          "S3 location '%s' has a '.' or '..' segment: name the key itself, without them", uri));
    }
    return new StorageUri("s3", bucket, key, "s3://" + bucket + "/" + key);
  }

  public boolean isS3() {
    return scheme.equals("s3");
  }

  /** The location of {@code child} below this one (a relative path with '/' separators). */
  public String resolve(String child) {
    if (!isNameInside(child)) {
      throw new IllegalArgumentException(String.format(
          "'%s' is not a name inside %s: a child location has no '..', '.', leading '/' or scheme", child, text));
    }
    String base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    return base + "/" + child;
  }

  /**
   * The last segment of a location or '/'-separated path ({@code s3://b/x/a.tar} gives {@code a.tar}):
   * all of it without a '/', empty after a trailing one.
   */
  public static String baseName(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /**
   * Whether {@code child} is a plain relative name, so that a location built from it stays below its
   * parent: not empty, no leading '/', no scheme ({@code s3:}, {@code file:}) and no '.' or '..' segment.
   */
  public static boolean isNameInside(String child) {
    return child != null && !child.isEmpty() && !child.startsWith("/") && !SCHEME.matcher(child).lookingAt()
        && !hasDotSegment(child);
  }

  private static boolean hasDotSegment(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
