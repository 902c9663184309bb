package org.alexnet.pipelines.prepare.image;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libjpeg-turbo's own Java binding (Debian/Ubuntu: {@code apt-get install libturbojpeg-java}), used
 * when the machine has it: it decodes JPEGs twice as fast as the libjpeg-turbo built into OpenCV's
 * JavaCPP package. It is not on Maven Central, so it is looked up at run time (ALEXNET_TURBOJPEG_JAR,
 * default /usr/share/java/turbojpeg.jar) and {@link ImagePreparer} falls back to OpenCV without it.
 */
final class TurboJpeg {
  private static final Logger LOG = LoggerFactory.getLogger(TurboJpeg.class);
  private static final String DEFAULT_JAR = "/usr/share/java/turbojpeg.jar";
  /** TJ.PF_RGB and TJ.CS_YCbCr / TJ.CS_GRAY in the binding's constants. */
  private static final int PF_RGB = 0;
  private static final int CS_YCBCR = 1;
  private static final int CS_GRAY = 2;
  private static final Handles HANDLES = load();

  private final Object decompressor;
  /** Reused for every image this decoder sees: a fresh half-megabyte array per image costs more than the copy. */
  private byte[] pixels = new byte[0];

  private record Handles(MethodHandle create, MethodHandle setSource, MethodHandle width, MethodHandle height,
      MethodHandle colorspace, MethodHandle decompress) {}

  private TurboJpeg(Object decompressor) {
    this.decompressor = decompressor;
  }

  /** A decoder for this thread, or null when the binding is not installed. */
  static TurboJpeg createOrNull() {
    if (HANDLES == null) {
      return null;
    }
    try {
      return new TurboJpeg(HANDLES.create.invoke());
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * Decodes a YCbCr or grayscale JPEG to RGB; returns null for anything else (CMYK, YCCK) and for
   * data it cannot decode, which OpenCV then tries (and reports). The pixels are this decoder's
   * buffer: valid until its next call.
   */
  Decoded decode(byte[] jpeg) {
    try {
      HANDLES.setSource.invoke(decompressor, jpeg, jpeg.length);
      int colorspace = (int) HANDLES.colorspace.invoke(decompressor);
      if (colorspace != CS_YCBCR && colorspace != CS_GRAY) {
        return null;
      }
      int width = (int) HANDLES.width.invoke(decompressor);
      int height = (int) HANDLES.height.invoke(decompressor);
      if (pixels.length < width * height * 3) {
        pixels = new byte[width * height * 3];
      }
      HANDLES.decompress.invoke(decompressor, pixels, 0, 0, width, 0, height, PF_RGB, 0);
      return new Decoded(pixels, width, height);
    } catch (Throwable e) {
      return null;
    }
  }

  /** The first width x height x 3 bytes of RGB are the image. */
  record Decoded(byte[] rgb, int width, int height) {}

  private static Handles load() {
    File jar = new File(System.getenv().getOrDefault("ALEXNET_TURBOJPEG_JAR", DEFAULT_JAR));
    if (!jar.isFile()) {
      return null;
    }
    try {
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, TurboJpeg.class.getClassLoader());
      Class<?> type = Class.forName("org.libjpegturbo.turbojpeg.TJDecompressor", true, loader);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Handles handles = new Handles(
          lookup.findConstructor(type, MethodType.methodType(void.class)),
          lookup.findVirtual(type, "setSourceImage", MethodType.methodType(void.class, byte[].class, int.class)),
          lookup.findVirtual(type, "getWidth", MethodType.methodType(int.class)),
          lookup.findVirtual(type, "getHeight", MethodType.methodType(int.class)),
          lookup.findVirtual(type, "getColorspace", MethodType.methodType(int.class)),
          lookup.findVirtual(type, "decompress", MethodType.methodType(void.class, byte[].class, int.class, int.class,
              int.class, int.class, int.class, int.class, int.class)));
      handles.create.invoke();
      LOG.info("JPEG decoding with libjpeg-turbo's TurboJPEG ({})", jar);
      return handles;
    } catch (Throwable e) {
      LOG.info("TurboJPEG at {} unusable ({}); decoding with OpenCV", jar, e.toString());
      return null;
    }
  }
}
