package org.alexnet.pipelines.prepare.image;

import static org.alexnet.pipelines.prepare.image.ImagePreparerTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
}
