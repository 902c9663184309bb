package org.alexnet.pipelines.prepare.image;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_BITEXACT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's mjpeg decoder (SIMD, shipped in JavaCPP's Maven artifact): YCbCr and grayscale JPEGs to
 * their planes, with no colour conversion, optionally reduced 2x, 4x or 8x in the DCT domain.
 * Bit-exact mode, so that every CPU gives the same planes. Not thread-safe: one per worker thread.
 */
final class FfmpegJpeg implements AutoCloseable {
  /** What this project is built against; part of the dataset settings, since it decides pixels. */
  static final String VERSION = "ffmpeg 5.0 mjpeg";
  /** The reductions libavcodec's lowres offers: 1/1, 1/2, 1/4, 1/8. */
  static final int MAX_REDUCTION_LOG2 = 3;
  /** avcodec.h's "abort decoding on minor error detection", which JavaCPP's preset does not map. */
  private static final int AV_EF_EXPLODE = 1 << 3;
  /** Planar formats that the colour step knows as full-range JPEG YCbCr or gray. */
  private static final Set<Integer> PLANES = Set.of(AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUVJ444P,
      AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_YUVJ411P, AV_PIX_FMT_GRAY8);

  static {
    av_log_set_level(AV_LOG_QUIET); // a bad file is reported by the fallback decoder, with its reason
  }

  /** One context per reduction: lowres is fixed when a context opens. */
  private final AVCodecContext[] contexts = new AVCodecContext[MAX_REDUCTION_LOG2 + 1];
  private final AVPacket packet = av_packet_alloc();
  private final AVFrame frame = av_frame_alloc();
  private BytePointer data = new BytePointer(0L);

  /**
   * Decodes a JPEG at 1 / 2^reductionLog2 of its size. Returns this decoder's frame (valid until the
   * next call), or null for data it cannot decode or planes other than YCbCr and gray (CMYK, RGB JPEGs).
   */
  AVFrame decode(byte[] jpeg, int reductionLog2) {
    if (!hasScan(jpeg)) {
      return null; // FFmpeg would hand back a blank frame for a header without image data
    }
    AVCodecContext context = context(reductionLog2);
    long padded = jpeg.length + (long) AV_INPUT_BUFFER_PADDING_SIZE;
    if (data.capacity() < padded) {
      data.close();
      data = new BytePointer(padded);
    }
    data.position(0).limit(padded).put(jpeg, 0, jpeg.length);
    data.position(jpeg.length).fill(0).position(0); // the decoder reads ahead into the padding
    packet.data(data).size(jpeg.length);
    av_frame_unref(frame);
    if (avcodec_send_packet(context, packet) < 0 || avcodec_receive_frame(context, frame) < 0) {
      avcodec_flush_buffers(context);
      return null;
    }
    return PLANES.contains(frame.format()) ? frame : null;
  }

  /** Whether a start-of-scan marker follows the header (0xFF 0xDA cannot occur inside coded data). */
  private static boolean hasScan(byte[] jpeg) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xDA) {
        return true;
      }
    }
    return false;
  }

  private AVCodecContext context(int reductionLog2) {
    if (contexts[reductionLog2] == null) {
      AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
      AVCodecContext context = avcodec_alloc_context3(codec);
      context.thread_count(1); // Beam/Flink parallelism already uses every core
      context.flags(context.flags() | AV_CODEC_FLAG_BITEXACT);
      context.err_recognition(AV_EF_EXPLODE); // damaged data goes to OpenCV, which judges it as it always has
      context.lowres(reductionLog2);
      if (avcodec_open2(context, codec, (AVDictionary) null) < 0) {
        throw new IllegalStateException("FFmpeg's mjpeg decoder did not open");
      }
      contexts[reductionLog2] = context;
    }
    return contexts[reductionLog2];
  }

  @Override
  public void close() {
    for (AVCodecContext context : contexts) {
      if (context != null) {
        avcodec_free_context(context);
      }
    }
    av_frame_free(frame);
    av_packet_free(packet);
    data.close();
  }
}
