package org.alexnet.pipelines.prepare.image;

import static org.bytedeco.opencv.global.opencv_core.setNumThreads;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.concurrent.atomic.AtomicBoolean;
import org.alexnet.util.DaemonThreads;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decodes, resizes the shorter side to SIZE with antialiasing, crops, and hands back RGB. YCbCr and
 * grayscale JPEGs (nearly all of ILSVRC) go through FFmpeg's decoder and one swscale pass; the rest
 * (PNG bytes in a .JPEG file, CMYK and Adobe YCCK, anything FFmpeg refuses) through OpenCV, CMYK with
 * the right colours. The route depends only on the file and every library ships in the build, so any
 * machine prepares the same bytes. EXIF orientation is ignored, as in ILSVRC's own tooling.
 * Not thread-safe: one per worker thread.
 */
public final class ImagePreparer implements AutoCloseable {
  static {
    setNumThreads(1); // Beam/Flink parallelism already uses every core
  }

  /**
   * Below this sigma the blur cannot change an 8-bit image, and is skipped: the 3-tap kernel's outer
   * weight w = e / (1 + 2e), e = exp(-1 / (2 sigma^2)), moves a value by at most 2 x 255 x w = 0.4,
   * which rounds away. ILSVRC's usual 500x375 to 256 needs sigma 0.23; the pass costs ~0.1 ms.
   */
  static final double IDENTITY_BLUR_SIGMA = 0.264;
  private static final AtomicBoolean LOADING = new AtomicBoolean();
  /** imdecode's flags for a reduction of 2^index: the same 1/1 to 1/8 as FFmpeg's lowres. */
  private static final int[] REDUCED_COLOR = {IMREAD_COLOR, IMREAD_REDUCED_COLOR_2, IMREAD_REDUCED_COLOR_4,
      IMREAD_REDUCED_COLOR_8};

  /** Which decoders and resampler decide the pixels: part of the dataset settings. */
  public static final String ROUTE = FfmpegJpeg.VERSION + " + " + PlaneScaler.VERSION + "; opencv 4.5.5 for the rest";

  private final int size;
  private final StoredCrop crop;
  private final FfmpegJpeg jpegDecoder = new FfmpegJpeg();
  private final PlaneScaler planeScaler = new PlaneScaler();
  private final Mat decoded = new Mat();
  private final Mat blurred = new Mat();
  private final Mat resized = new Mat();
  private final Mat rgb = new Mat();

  public ImagePreparer(int size, StoredCrop crop) {
    this.size = size;
    this.crop = crop;
  }

  /**
   * Loads the codecs' native libraries on a background thread, once per JVM, so that the first shard
   * does not wait for them: that takes ~1.7 s here, on the critical path when the first shard is.
   */
  public static void loadInBackground() {
    if (!LOADING.compareAndSet(false, true)) {
      return;
    }
    DaemonThreads.named("image-codec-loader").newThread(() -> {
      try (ImagePreparer preparer = new ImagePreparer(32, StoredCrop.CENTER)) {
        byte[] jpeg = preparer.jpeg(new PreparedImage(new byte[64 * 48 * 3], 64, 48), 90);
        preparer.prepare(jpeg, ImageHeader.parse(jpeg));
      } catch (RuntimeException | LinkageError e) {
        // The workers' own preparers meet the same problem and report it with the image it stopped.
      }
    }).start();
  }

  /** @param header the file's header, already checked by {@link ImageHeader#check} */
  public PreparedImage prepare(byte[] file, ImageHeader header) {
    int reduction = reductionLog2(Math.min(header.width(), header.height()));
    if (header.format() == ImageHeader.Format.JPEG) {
      AVFrame planes = jpegDecoder.decode(file, reduction);
      if (planes != null) {
        return planeScaler.scale(planes, crop, size);
      }
    }
    try (BytePointer bytes = new BytePointer(file); Mat encoded = new Mat(1, file.length, CV_8UC1, bytes)) {
      imdecode(encoded, REDUCED_COLOR[reduction] | IMREAD_IGNORE_ORIENTATION, decoded);
    }
    if (decoded.empty()) {
      throw new IllegalArgumentException("the decoder could not read the image data");
    }
    return resizeAndCrop(decoded);
  }

  private PreparedImage resizeAndCrop(Mat decoded) {
    Cut cut = Cut.of(decoded.cols(), decoded.rows(), crop, size, 1);
    try (Rect kept = new Rect(cut.x(), cut.y(), cut.width(), cut.height()); Mat source = decoded.apply(kept);
         Size target = new Size(cut.outWidth(), cut.outHeight())) {
      antialiasedResize(source, target);
    }
    cvtColor(resized, rgb, COLOR_BGR2RGB);
    byte[] out = new byte[rgb.cols() * rgb.rows() * 3];
    rgb.data().get(out);
    return new PreparedImage(out, rgb.cols(), rgb.rows());
  }

  /**
   * Gaussian low-pass with sigma = (1/scale - 1) / 2 (scikit-image's anti_aliasing rule), then
   * bilinear: as alias-free as area averaging for the factors left after DCT-domain reduction (at
   * most 2x), at a third of the cost of OpenCV's area resampling for non-integer factors.
   */
  private void antialiasedResize(Mat source, Size target) {
    double scale = Math.min((double) target.width() / source.cols(), (double) target.height() / source.rows());
    double sigma = (1 / scale - 1) / 2;
    if (sigma < IDENTITY_BLUR_SIGMA) {
      resize(source, resized, target, 0, 0, INTER_LINEAR);
      return;
    }
    int kernel = 2 * (int) Math.ceil(3 * sigma) + 1;
    GaussianBlur(source, blurred, new Size(kernel, kernel), sigma, sigma, BORDER_REFLECT_101);
    resize(blurred, resized, target, 0, 0, INTER_LINEAR);
  }

  /** Encodes prepared pixels as JPEG at the given quality. */
  public byte[] jpeg(PreparedImage image, int quality) {
    try (Mat pixels = new Mat(image.height(), image.width(), CV_8UC3, new BytePointer(image.rgb()));
         Mat bgr = new Mat();
         BytePointer out = new BytePointer()) {
      cvtColor(pixels, bgr, COLOR_BGR2RGB);
      imencode(".jpg", bgr, out, new IntPointer(IMWRITE_JPEG_QUALITY, quality));
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  /**
   * Lets the decoder work at 1/2, 1/4 or 1/8 scale in the DCT domain while the smaller image still
   * has SIZE pixels on its shorter side: much less work for large photos, same result quality.
   */
  private int reductionLog2(int shorter) {
    int k = 0;
    while (k < FfmpegJpeg.MAX_REDUCTION_LOG2 && shorter >= (size << (k + 1))) {
      k++;
    }
    return k;
  }

  @Override
  public void close() {
    jpegDecoder.close();
    planeScaler.close();
    decoded.close();
    blurred.close();
    resized.close();
    rgb.close();
  }
}
