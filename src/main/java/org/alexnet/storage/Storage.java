package org.alexnet.storage;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One way to read and write local paths and {@code s3://} URIs, on Beam's FileSystems, so that the
 * pipelines (on every Flink worker) and the trainer see storage the same way.
 */
public final class Storage {
  private static final String OCTET_STREAM = "application/octet-stream";
  /** Gathers small writes (record framing); larger ones go straight to the file. */
  private static final int WRITE_BUFFER = 64 << 10;

  private Storage() {}

  /** Registers local and S3 file systems with this configuration, for this JVM. */
  public static void configure(StorageConfig config) {
    PipelineOptions options = PipelineOptionsFactory.create();
    applyTo(config, options);
    FileSystems.setDefaultPipelineOptions(options);
  }

  /** Copies the S3 settings into pipeline options, so that a pipeline's workers get them too. */
  public static void applyTo(StorageConfig config, PipelineOptions options) {
    S3StorageOptions s3 = options.as(S3StorageOptions.class);
    s3.setAwsRegion(Region.of(config.region()));
    if (config.endpoint() != null) {
      s3.setEndpoint(config.endpoint());
    }
    s3.setS3PathStyle(config.pathStyle());
    s3.setS3ClientFactoryClass(CompatibleS3ClientBuilderFactory.class);
    if (config.accessKey() != null) {
      s3.setAwsCredentialsProvider(
          StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey())));
    }
  }

  public static boolean exists(String uri) throws IOException {
    MatchResult result = FileSystems.match(List.of(resource(uri).toString())).get(0);
    return result.status() == MatchResult.Status.OK && !result.metadata().isEmpty();
  }

  public static long size(String uri) throws IOException {
    return metadata(uri).sizeBytes();
  }

  public static InputStream open(String uri) throws IOException {
    return Channels.newInputStream(openSeekable(uri));
  }

  /** A channel that can seek: ranged GETs on S3, so archives can be scanned without reading them whole. */
  public static SeekableByteChannel openSeekable(String uri) throws IOException {
    ResourceId id = resource(uri);
    try {
      return (SeekableByteChannel) FileSystems.open(id);
    } catch (FileNotFoundException e) {
      throw notFound(uri, e);
    } catch (IOException | RuntimeException e) {
      // S3 reports a missing key as an SDK exception of its own; say it plainly.
      if (!exists(uri)) {
        throw notFound(uri, e);
      }
      throw e;
    }
  }

  public static byte[] readAll(String uri) throws IOException {
    try (InputStream in = open(uri)) {
      return in.readAllBytes();
    }
  }

  /** Creates (or replaces) a file; local parent folders are created. */
  public static OutputStream create(String uri) throws IOException {
    StorageUri target = StorageUri.parse(uri);
    if (target.isS3()) {
      return new BufferedOutputStream(Channels.newOutputStream(FileSystems.create(resource(uri), OCTET_STREAM)), WRITE_BUFFER);
    }
    // Beam's local files pass every write through 8 KB buffers in 8 KB pieces: 24 system calls and
    // three copies for one 196 KB image record. A file channel writes each record in one call.
    Path path = Path.of(target.text());
    Files.createDirectories(path.getParent());
    return new BufferedOutputStream(Files.newOutputStream(path), WRITE_BUFFER);
  }

  /**
   * Writes a file so that readers see the old content or the new, never a torn one: an S3 PUT is
   * atomic by itself; a local file is written beside the target and renamed over it.
   */
  public static void writeAtomically(String uri, byte[] content) throws IOException {
    writeAtomically(uri, out -> out.write(content));
  }

  /** Streams content that may not fit in memory; if {@code content} fails, the target is untouched. */
  public static void writeAtomically(String uri, Content content) throws IOException {
    StorageUri target = StorageUri.parse(uri);
    // An S3 object appears only when its upload completes; a failed upload leaves the old one.
    String written = target.isS3() ? uri : target.text() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    OutputStream out = create(written);
    try {
      content.writeTo(out);
    } catch (IOException | RuntimeException e) {
      // On S3, closing would complete the upload with partial content: leave it unfinished instead.
      if (!target.isS3()) {
        out.close();
        delete(List.of(written));
      }
      throw e;
    }
    out.close();
    if (!target.isS3()) {
      FileSystems.rename(List.of(resource(written)), List.of(resource(uri)), StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /** What {@link #writeAtomically(String, Content)} writes. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Every file below a folder or key prefix, recursively, in name order. */
  public static List<StoredObject> list(String folder) throws IOException {
    StorageUri base = StorageUri.parse(folder);
    MatchResult result = FileSystems.match(base.resolve("**"), EmptyMatchTreatment.ALLOW);
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    return result.metadata().stream()
        .filter(m -> !m.resourceId().isDirectory())
        .map(m -> new StoredObject(m.resourceId().toString(), m.sizeBytes()))
        .sorted(Comparator.comparing(StoredObject::uri))
        .toList();
  }

  public static void delete(List<String> uris) throws IOException {
    List<ResourceId> ids = new ArrayList<>();
    for (String uri : uris) {
      ids.add(resource(uri));
    }
    FileSystems.delete(ids, StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  private static MatchResult.Metadata metadata(String uri) throws IOException {
    MatchResult result = FileSystems.match(List.of(resource(uri).toString())).get(0);
    if (result.status() != MatchResult.Status.OK || result.metadata().isEmpty()) {
      throw notFound(uri, null);
    }
    return result.metadata().get(0);
  }

  private static ResourceId resource(String uri) {
    return FileSystems.matchNewResource(StorageUri.parse(uri).text(), false);
  }

  private static FileNotFoundException notFound(String uri, Exception cause) {
    FileNotFoundException e = new FileNotFoundException(uri + " does not exist");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
