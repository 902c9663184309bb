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
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decodes (libjpeg-turbo's TurboJPEG where installed, else libjpeg-turbo and libpng inside OpenCV),
 * resizes the shorter side to SIZE with antialiasing, crops, and hands back RGB. CMYK and Adobe YCCK JPEGs come out as RGB with
 * the right colours, grayscale as three equal channels, PNG bytes in a .JPEG file as what they are.
 * EXIF orientation is ignored, as in ILSVRC's own tooling. Not thread-safe: one per worker thread.
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

  private final int size;
  private final Crop crop;
  /** libjpeg-turbo's faster decoder where installed; reduced (large) images still go to OpenCV. */
  private final TurboJpeg turbo;
  private final Mat decoded = new Mat();
  private final Mat blurred = new Mat();
  private final Mat resized = new Mat();
  private final Mat rgb = new Mat();
  /** Native copy of TurboJPEG's pixels for OpenCV, reused across images (no malloc per image). */
  private BytePointer turboPixels = new BytePointer(0L);

  public ImagePreparer(int size, Crop crop) {
    this(size, crop, true);
  }

  /** @param turboJpeg whether to use TurboJPEG when it is installed (tests check both decoders) */
  public ImagePreparer(int size, Crop crop, boolean turboJpeg) {
    this.size = size;
    this.crop = crop;
    this.turbo = turboJpeg ? TurboJpeg.createOrNull() : null;
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
      try (ImagePreparer preparer = new ImagePreparer(32, Crop.CENTER)) {
        byte[] jpeg = preparer.jpeg(new PreparedImage(new byte[64 * 48 * 3], 64, 48), 90);
        preparer.prepare(jpeg, ImageHeader.parse(jpeg));
      } catch (RuntimeException | LinkageError e) {
        // The workers' own preparers meet the same problem and report it with the image it stopped.
      }
    }).start();
  }

  /** Which JPEG decoder this preparer uses for ordinary (YCbCr, grayscale) JPEGs. */
  public String jpegDecoder() {
    return turbo != null ? "TurboJPEG (system libjpeg-turbo)" : "OpenCV (bundled libjpeg-turbo)";
  }

  /** @param header the file's header, already checked by {@link ImageHeader#check} */
  public PreparedImage prepare(byte[] file, ImageHeader header) {
    int shorter = Math.min(header.width(), header.height());
    TurboJpeg.Decoded fast = turbo != null && header.format() == ImageHeader.Format.JPEG && shorter < 2 * size
        ? turbo.decode(file) : null;
    if (fast != null) {
      int bytes = fast.width() * fast.height() * 3;
      if (turboPixels.capacity() < bytes) {
        turboPixels.close();
        turboPixels = new BytePointer(bytes);
      }
      turboPixels.position(0).put(fast.rgb(), 0, bytes);
      try (Mat rgbImage = new Mat(fast.height(), fast.width(), CV_8UC3, turboPixels)) {
        return resizeAndCrop(rgbImage, false);
      }
    }
    try (BytePointer bytes = new BytePointer(file); Mat encoded = new Mat(1, file.length, CV_8UC1, bytes)) {
      imdecode(encoded, decodeFlags(shorter) | IMREAD_IGNORE_ORIENTATION, decoded);
    }
    if (decoded.empty()) {
      throw new IllegalArgumentException("the decoder could not read the image data");
    }
    return resizeAndCrop(decoded, true);
  }

  private PreparedImage resizeAndCrop(Mat decoded, boolean bgr) {
    Mat source = decoded;
    int w = decoded.cols();
    int h = decoded.rows();
    Size target;
    if (crop == Crop.CENTER) {
      // Cropping the central square first and resizing it equals resize-then-crop, at less cost.
      int side = Math.min(w, h);
      source = decoded.apply(new Rect((w - side) / 2, (h - side) / 2, side, side));
      target = new Size(size, size);
    } else {
      double scale = (double) size / Math.min(w, h);
      target = new Size(Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
    }
    antialiasedResize(source, target);
    Mat result = resized;
    if (bgr) {
      cvtColor(resized, rgb, COLOR_BGR2RGB);
      result = rgb;
    }
    byte[] out = new byte[result.cols() * result.rows() * 3];
    result.data().get(out);
    return new PreparedImage(out, result.cols(), result.rows());
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
   * Lets libjpeg decode at 1/2, 1/4 or 1/8 scale in the DCT domain when the smaller image still has
   * at least SIZE pixels on its shorter side: much less work for large photos, same result quality.
   */
  private int decodeFlags(int shorter) {
    if (shorter >= 8 * size) {
      return IMREAD_REDUCED_COLOR_8;
    } else if (shorter >= 4 * size) {
      return IMREAD_REDUCED_COLOR_4;
    } else if (shorter >= 2 * size) {
      return IMREAD_REDUCED_COLOR_2;
    }
    return IMREAD_COLOR;
  }

  @Override
  public void close() {
    turboPixels.close();
    decoded.close();
    blurred.close();
    resized.close();
    rgb.close();
  }
}
