package org.alexnet.pipelines.prepare.image;

import static org.alexnet.pipelines.prepare.image.ImagePreparerTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.junit.jupiter.api.Test;

class ImageHeaderTest {
  private static final long LIMIT = 100_000_000L;

  @Test
  void readsSizesFromJpegFrameHeadersAndPngIhdr() throws IOException {
    assertThat(ImageHeader.parse(read("python3-sklearn__china.jpg"))).isEqualTo(new ImageHeader(ImageHeader.Format.JPEG, 640, 427));
    assertThat(ImageHeader.parse(read("imagemagick-6-doc__wizard.jpg")).format()).isEqualTo(ImageHeader.Format.JPEG);
    assertThat(ImageHeader.parse(read("DERIVED__n02105855_2933_like.JPEG"))).isEqualTo(new ImageHeader(ImageHeader.Format.PNG, 451, 300));
    assertThat(ImageHeader.check(read("DERIVED__coffee_cmyk_adobe.jpg"), LIMIT)).isNull();
    assertThat(ImageHeader.check(read("pillow-src__junk_jpeg_header.jpg"), LIMIT)).isNull();
  }

  @Test
  void givesEachBadFileItsReason() throws IOException {
    assertThat(ImageHeader.check(new byte[0], LIMIT).reason()).isEqualTo(QuarantineReason.EMPTY);
    assertThat(ImageHeader.check(read("pillow-src__truncated_jpeg.jpg"), LIMIT).reason()).isEqualTo(QuarantineReason.TRUNCATED);
    assertThat(ImageHeader.check(read("pillow-src__broken.png"), LIMIT).reason()).isEqualTo(QuarantineReason.CORRUPT);
    byte[] png = read("pillow-src__hopper.png");
    assertThat(ImageHeader.check(Arrays.copyOf(png, png.length - 100), LIMIT).reason()).isEqualTo(QuarantineReason.TRUNCATED);
    byte[] china = read("python3-sklearn__china.jpg");
    assertThat(ImageHeader.check(Arrays.copyOf(china, china.length / 2), LIMIT).reason()).isEqualTo(QuarantineReason.TRUNCATED);
    assertThat(ImageHeader.check("GIF89a and more bytes, enough to not be truncated........................".getBytes(), LIMIT).reason())
        .isEqualTo(QuarantineReason.NOT_AN_IMAGE);
    assertThat(ImageHeader.check(china, 640 * 427 - 1).reason()).isEqualTo(QuarantineReason.TOO_LARGE);
  }
}
