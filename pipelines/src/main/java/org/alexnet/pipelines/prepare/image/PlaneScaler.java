package org.alexnet.pipelines.prepare.image;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BITEXACT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.ffmpeg.swscale.SwsFilter;

/**
 * Crops decoded JPEG planes and scales them to RGB in one swscale pass: full-range BT.601 (JPEG's
 * colours), a bilinear filter widened to the reduction (so it antialiases), and bit-exact arithmetic
 * so that every CPU gives the same bytes.
 */
final class PlaneScaler implements AutoCloseable {
  /** What this project is built against; part of the dataset settings, since it decides pixels. */
  static final String VERSION = "swscale 6.4 bilinear bitexact";
  /** Bit-exact only: interpolating chroma for every pixel (SWS_FULL_CHR_H_INT) cost 20% for a barely visible gain. */
  private static final int FLAGS = SWS_BILINEAR | SWS_BITEXACT;
  private static final int UNITY = 1 << 16;

  private final PointerPointer<BytePointer> source = new PointerPointer<>(4);
  private final IntPointer sourceStrides = new IntPointer(4);
  private final PointerPointer<BytePointer> target = new PointerPointer<>(1);
  private final IntPointer targetStrides = new IntPointer(1);
  private BytePointer rgb = new BytePointer(0L);
  private SwsContext context;

  /** The crop of a frame from {@link FfmpegJpeg}, as RGB. */
  PreparedImage scale(AVFrame frame, StoredCrop crop, int size) {
    AVPixFmtDescriptor format = av_pix_fmt_desc_get(frame.format());
    int xShift = format.log2_chroma_w();
    int yShift = format.log2_chroma_h();
    Cut cut = Cut.of(frame.width(), frame.height(), crop, size, 1 << Math.max(xShift, yShift));
    SwsContext reused = context;
    context = sws_getCachedContext(context, cut.width(), cut.height(), frame.format(), cut.outWidth(), cut.outHeight(),
        AV_PIX_FMT_RGB24, FLAGS, (SwsFilter) null, (SwsFilter) null, (DoublePointer) null);
    if (context == null) {
      throw new IllegalStateException("swscale cannot convert " + format.name().getString());
    }
    if (reused == null || !context.equals(reused)) {
      IntPointer bt601 = sws_getCoefficients(SWS_CS_ITU601);
      sws_setColorspaceDetails(context, bt601, 1, bt601, 1, 0, UNITY, UNITY); // JPEG YCbCr is full range
    }
    int planes = format.nb_components() == 1 ? 1 : 3;
    for (int p = 0; p < planes; p++) {
      int xs = p == 0 ? 0 : xShift;
      int ys = p == 0 ? 0 : yShift;
      long offset = (long) (cut.y() >> ys) * frame.linesize(p) + (cut.x() >> xs);
      source.put(p, frame.data(p).position(offset));
      sourceStrides.put(p, frame.linesize(p));
    }
    int bytes = cut.outWidth() * cut.outHeight() * 3;
    if (rgb.capacity() < bytes) {
      rgb.close();
      rgb = new BytePointer(bytes);
    }
    target.put(0, rgb);
    targetStrides.put(0, cut.outWidth() * 3);
    sws_scale(context, source, sourceStrides, 0, cut.height(), target, targetStrides);
    byte[] out = new byte[bytes];
    rgb.position(0).get(out);
    return new PreparedImage(out, cut.outWidth(), cut.outHeight());
  }

  @Override
  public void close() {
    if (context != null) {
      sws_freeContext(context);
    }
    rgb.close();
    source.close();
    sourceStrides.close();
    target.close();
    targetStrides.close();
  }
}
