package org.alexnet.pipelines.prepare.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Decoded colours against an independent reference decoder (TwelveMonkeys ImageIO, which applies
 * Adobe CMYK/YCCK conversion) for real files: inverted CMYK or swapped channels would be off by far
 * more than the tolerance, which only absorbs different IDCT, upsampling and resampling choices.
 */
class ImagePreparerTest {
  private static final int SIZE = 64;
  private static final int GRID = 8;

  /** FFmpeg's route (YCbCr and grayscale JPEGs) and OpenCV's (CMYK JPEGs, PNG). */
  @ParameterizedTest
  @CsvSource({
      "DERIVED__coffee_cmyk_adobe.jpg, python3-skimage__coffee.png",
      "pillow-src__pil_sample_cmyk.jpg, pillow-src__pil_sample_cmyk.jpg",
      "python3-sklearn__china.jpg, python3-sklearn__china.jpg",
      "imagemagick-6-doc__wizard.jpg, imagemagick-6-doc__wizard.jpg",
      "pillow-src__hopper_gray.jpg, pillow-src__hopper_gray.jpg",
      "DERIVED__n02105855_2933_like.JPEG, DERIVED__n02105855_2933_like.JPEG",
      "python3-skimage__coffee.png, python3-skimage__coffee.png"})
  void coloursMatchAReferenceDecode(String file, String reference) throws IOException {
    byte[] bytes = read(file);
    PreparedImage prepared;
    try (ImagePreparer preparer = new ImagePreparer(SIZE, StoredCrop.CENTER)) {
      prepared = preparer.prepare(bytes, ImageHeader.parse(bytes));
    }
    assertThat(prepared.width()).isEqualTo(SIZE);
    assertThat(prepared.height()).isEqualTo(SIZE);
    double[] ours = blocks(prepared.rgb(), SIZE, SIZE);
    double[] theirs = blocks(centreSquareRgb(ImageIO.read(new ByteArrayInputStream(read(reference)))), SIZE, SIZE);
    double diff = 0;
    for (int i = 0; i < ours.length; i++) {
      diff += Math.abs(ours[i] - theirs[i]);
    }
    assertThat(diff / ours.length).as("mean absolute difference of 8x8 block colours").isLessThan(12);
  }

  @Test
  void grayscaleBecomesThreeEqualChannels() throws IOException {
    byte[] bytes = read("pillow-src__hopper_gray.jpg");
    try (ImagePreparer preparer = new ImagePreparer(SIZE, StoredCrop.CENTER)) {
      byte[] rgb = preparer.prepare(bytes, ImageHeader.parse(bytes)).rgb();
      for (int p = 0; p < rgb.length; p += 3) {
        assertThat(rgb[p]).isEqualTo(rgb[p + 1]).isEqualTo(rgb[p + 2]);
      }
    }
  }

  @Test
  void cropNoneKeepsTheAspectRatio() throws IOException {
    byte[] bytes = read("python3-sklearn__china.jpg"); // 640x427
    try (ImagePreparer preparer = new ImagePreparer(SIZE, StoredCrop.NONE)) {
      PreparedImage image = preparer.prepare(bytes, ImageHeader.parse(bytes));
      assertThat(image.height()).isEqualTo(SIZE);
      assertThat(image.width()).isEqualTo(Math.round(640 * 64 / 427f));
      assertThat(image.rgb()).hasSize(image.width() * image.height() * 3);
    }
  }

  @Test
  void largeImagesComeOutAtTheTargetSize() throws IOException {
    // 1024x768: goes through the DCT-reduced decode (1/8 for 64, 1/2 for 256); only the size is checked here
    byte[] bytes = read("pillow-src__junk_jpeg_header.jpg");
    try (ImagePreparer small = new ImagePreparer(SIZE, StoredCrop.CENTER); ImagePreparer large = new ImagePreparer(256, StoredCrop.CENTER)) {
      assertThat(small.prepare(bytes, ImageHeader.parse(bytes)).rgb()).hasSize(SIZE * SIZE * 3);
      assertThat(large.prepare(bytes, ImageHeader.parse(bytes)).rgb()).hasSize(256 * 256 * 3);
    }
  }

  @Test
  void jpegEncodingRoundTrips() throws IOException {
    byte[] bytes = read("python3-sklearn__china.jpg");
    try (ImagePreparer preparer = new ImagePreparer(SIZE, StoredCrop.CENTER)) {
      PreparedImage image = preparer.prepare(bytes, ImageHeader.parse(bytes));
      byte[] jpeg = preparer.jpeg(image, 95);
      BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
      double[] a = blocks(image.rgb(), SIZE, SIZE);
      double[] b = blocks(centreSquareRgb(back), SIZE, SIZE);
      for (int i = 0; i < a.length; i++) {
        assertThat(Math.abs(a[i] - b[i])).as("RGB order survives JPEG encoding").isLessThan(6);
      }
    }
  }

  /**
   * Noise images whose central square's reduction to SIZE needs a sigma just below and above the
   * threshold: the output always equals blur-then-resize, and above it the blur does change pixels.
   */
  @ParameterizedTest
  @CsvSource({"97, true", "101, false"})
  void theBlurIsSkippedOnlyWhereItWouldChangeNothing(int side, boolean belowThreshold) {
    double sigma = ((double) side / SIZE - 1) / 2;
    assertThat(sigma < ImagePreparer.IDENTITY_BLUR_SIGMA).isEqualTo(belowThreshold);
    int width = side + 40; // wider than high: the square is a region of the decoded image, as in ILSVRC
    byte[] noise = new byte[width * side * 3];
    new java.util.Random(side).nextBytes(noise);
    try (BytePointer pixels = new BytePointer(noise); Mat bgr = new Mat(side, width, CV_8UC3, pixels);
         Mat square = bgr.apply(new Rect(20, 0, side, side)); BytePointer png = new BytePointer();
         Mat blurred = new Mat()) {
      imencode(".png", bgr, png);
      byte[] file = new byte[(int) png.limit()];
      png.get(file);
      int kernel = 2 * (int) Math.ceil(3 * sigma) + 1;
      GaussianBlur(square, blurred, new Size(kernel, kernel), sigma, sigma, BORDER_REFLECT_101);
      byte[] reference = resizedRgb(blurred);
      try (ImagePreparer preparer = new ImagePreparer(SIZE, StoredCrop.CENTER)) {
        assertThat(preparer.prepare(file, ImageHeader.parse(file)).rgb()).isEqualTo(reference);
      }
      assertThat(resizedRgb(square)).matches(r -> java.util.Arrays.equals(r, reference) == belowThreshold,
          "equal to the blurred reference exactly when below the threshold");
    }
  }

  private static byte[] resizedRgb(Mat bgr) {
    try (Mat small = new Mat(); Mat rgb = new Mat()) {
      resize(bgr, small, new Size(SIZE, SIZE), 0, 0, INTER_LINEAR);
      cvtColor(small, rgb, COLOR_BGR2RGB);
      byte[] out = new byte[SIZE * SIZE * 3];
      rgb.data().get(out);
      return out;
    }
  }

  /** Per-channel averages over a GRID x GRID grid of blocks. */
  static double[] blocks(byte[] rgb, int width, int height) {
    double[] out = new double[GRID * GRID * 3];
    int bw = width / GRID;
    int bh = height / GRID;
    for (int y = 0; y < GRID * bh; y++) {
      for (int x = 0; x < GRID * bw; x++) {
        int cell = ((y / bh) * GRID + x / bw) * 3;
        int p = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          out[cell + c] += (rgb[p + c] & 0xff) / (double) (bw * bh);
        }
      }
    }
    return out;
  }

  /** The reference image's central square scaled to SIZE, as RGB bytes. */
  static byte[] centreSquareRgb(BufferedImage decoded) {
    BufferedImage image = asRgb(decoded);
    int side = Math.min(image.getWidth(), image.getHeight());
    BufferedImage square = image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    BufferedImage scaled = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    scaled.createGraphics().drawImage(square.getScaledInstance(SIZE, SIZE, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
    byte[] rgb = new byte[SIZE * SIZE * 3];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int v = scaled.getRGB(x, y);
        int p = (y * SIZE + x) * 3;
        rgb[p] = (byte) (v >> 16);
        rgb[p + 1] = (byte) (v >> 8);
        rgb[p + 2] = (byte) v;
      }
    }
    return rgb;
  }

  /**
   * Java2D treats one-band images as linear gray and brightens them when drawing into sRGB; the
   * samples themselves are what the file holds, so copy them.
   */
  private static BufferedImage asRgb(BufferedImage image) {
    if (image.getRaster().getNumBands() != 1) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int v = image.getRaster().getSample(x, y, 0);
        rgb.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    return rgb;
  }

  static byte[] read(String name) throws IOException {
    try (InputStream in = ImagePreparerTest.class.getResourceAsStream("/images/" + name)) {
      return in.readAllBytes();
    }
  }
}
