package org.alexnet.workflows.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalTest {
  @Test
  void listensOnLoopbackOnlyAndReportsATakenPortAsSuch() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0)) {
      assertThat(server.target()).startsWith("127.0.0.1:");
      try (Socket client = new Socket()) {
        client.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
      }
      // what alexnet run's fallback to another port and alexnet server's message rely on
      assertThatThrownBy(() -> EmbeddedTemporal.start(server.port())).isInstanceOf(BindException.class);
    }
  }
}
