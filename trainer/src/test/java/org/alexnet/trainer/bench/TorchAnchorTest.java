package org.alexnet.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The anchor script's report, and telling a healthy PyTorch from one on the reference BLAS. */
class TorchAnchorTest {
  @Test
  void readsRatesThreadsAndTheBlasPyTorchLoaded() {
    Map<Integer, TorchAnchor.Rate> rates = TorchAnchor.parse("""
        batch=16 train=35.1 infer=141.6 torch=1.13.0a0 threads=2 blas=/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so
        batch=64 train=11.0 infer=25.7 torch=1.13.0a0 threads=2 blas=/usr/lib/x86_64-linux-gnu/blas/libblas.so.3
        """);
    assertThat(rates.get(16)).isEqualTo(new TorchAnchor.Rate(35.1, 141.6, "1.13.0a0", 2,
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"));
    assertThat(rates.get(16).referenceBlas()).isFalse();
    assertThat(rates.get(64).referenceBlas()).as("netlib's libblas3, Debian's default").isTrue();
  }

  @Test
  void noLinesNoRates() {
    assertThat(TorchAnchor.parse("ModuleNotFoundError: No module named 'torch'")).isEmpty();
  }
}
