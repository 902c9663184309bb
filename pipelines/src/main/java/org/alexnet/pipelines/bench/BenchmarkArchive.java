package org.alexnet.pipelines.bench;

import java.awt.Dimension;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.alexnet.sample.ImageFiles;
import org.alexnet.sample.ImageSizes;
import org.alexnet.sample.TarWriter;

/**
 * A train tar of ImageNet-like photographs for benchmarks: random crops of real photos scaled to
 * ILSVRC's sizes (mostly 500x375 and 375x500) and saved as JPEG at quality 75-95, in class tars.
 */
final class BenchmarkArchive {
  static final int CLASSES = 10;

  private BenchmarkArchive() {}

  /** Child JVM entry point: PHOTOS TAR IMAGES SEED. */
  public static void main(String[] args) throws IOException {
    write(PhotoFolder.usable(Path.of(args[0])), Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
  }

  /**
   * Writes the tar, or keeps the one a previous run left in the same place with the same recipe
   * (its spec file beside it): making 30,000 JPEGs takes longer than preparing them. The tar is made
   * in a child JVM: making it left this JVM's heap grown, and the pipeline that followed in it took
   * 48.2 s where it takes 42.0 s in a fresh one (30,000 images).
   */
  static void ensure(Path photos, Path tar, int images, long seed) throws IOException, InterruptedException {
    List<Path> files = PhotoFolder.usable(photos);
    Path specFile = tar.resolveSibling(tar.getFileName() + ".spec");
    String spec = String.format("images=%d seed=%d classes=%d photos=%s%n", images, seed, CLASSES,
        files.stream().map(f -> f.getFileName().toString()).toList());
    if (Files.isRegularFile(tar) && Files.isRegularFile(specFile) && Files.readString(specFile).equals(spec)) {
      return;
    }
    Files.deleteIfExists(specFile);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        BenchmarkArchive.class.getName(), photos.toString(), tar.toString(), Integer.toString(images),
        Long.toString(seed)).inheritIO().start();
    if (child.waitFor() != 0) {
      throw new IOException("making the benchmark tar " + tar + " failed (exit status " + child.exitValue() + ")");
    }
    Files.writeString(specFile, spec);
  }

  private static void write(List<Path> photos, Path tar, int images, long seed) throws IOException {
    List<BufferedImage> sources = new ArrayList<>();
    for (Path p : photos) {
      BufferedImage image = ImageIO.read(p.toFile());
      if (image != null && Math.min(image.getWidth(), image.getHeight()) >= PhotoFolder.MIN_SIDE) {
        sources.add(image);
      }
    }
    if (sources.isEmpty()) {
      throw new IOException("no photos of at least " + PhotoFolder.MIN_SIDE + " pixels among " + photos);
    }
    List<String> wnids = SynsetTable.bundled().classes().stream().limit(CLASSES).map(s -> s.wnid()).toList();
    try (TarWriter outer = new TarWriter(Files.newOutputStream(tar))) {
      for (int c = 0; c < CLASSES; c++) {
        int first = c * images / CLASSES;
        int count = (c + 1) * images / CLASSES - first;
        String wnid = wnids.get(c);
        List<byte[]> jpegs = IntStream.range(first, first + count).parallel()
            .mapToObj(i -> photo(sources, new SplittableRandom(seed * 1_000_003 + i))).toList();
        ByteArrayOutputStream classTar = new ByteArrayOutputStream();
        try (TarWriter inner = new TarWriter(classTar)) {
          for (int i = 0; i < jpegs.size(); i++) {
            inner.add(wnid + "_" + (first + i) + ".JPEG", jpegs.get(i));
          }
        }
        outer.add(wnid + ".tar", classTar.toByteArray());
      }
    }
    // On disk before the timing starts, so the kernel's write-back does not run during it.
    try (FileChannel written = FileChannel.open(tar, StandardOpenOption.WRITE)) {
      written.force(true);
    }
  }

  private static byte[] photo(List<BufferedImage> sources, SplittableRandom random) {
    BufferedImage source = sources.get(random.nextInt(sources.size()));
    Dimension size = ImageSizes.pick(random);
    double aspect = (double) size.width / size.height;
    int cropW = Math.min(source.getWidth(), (int) (source.getHeight() * aspect));
    cropW = (int) (cropW * (0.7 + 0.3 * random.nextDouble()));
    int cropH = (int) (cropW / aspect);
    int x = random.nextInt(source.getWidth() - cropW + 1);
    int y = random.nextInt(source.getHeight() - cropH + 1);
    BufferedImage out = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(source, 0, 0, size.width, size.height, x, y, x + cropW, y + cropH, null);
    g.dispose();
    return ImageFiles.jpeg(out, 0.75f + 0.20f * (float) random.nextDouble(), false);
  }
}
