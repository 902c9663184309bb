package org.alexnet.workflows.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS options against a server that demands mutual TLS (Temporal's test server behind TLS, on loopback). */
class TemporalTargetTest {
  @TempDir Path dir;

  @Test
  void connectsWithMutualTlsAndSaysWhyNotWithout() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl makes the test certificates");
    Path serverCert = certificate("server", "alexnet-test");
    Path clientCert = certificate("client", "alexnet-client");
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))
        .sslContext(GrpcSslContexts.forServer(serverCert.toFile(), dir.resolve("server.key").toFile())
            .trustManager(clientCert.toFile()).clientAuth(ClientAuth.REQUIRE).build());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    try {
      String address = "127.0.0.1:" + ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
      TemporalTarget.Tls tls = new TemporalTarget.Tls(clientCert, dir.resolve("client.key"), serverCert, "alexnet-test");
      new TemporalTarget(address, "default", tls).connect().close();

      TemporalTarget.Tls noClientCertificate = new TemporalTarget.Tls(null, null, serverCert, "alexnet-test");
      assertThatThrownBy(() -> new TemporalTarget(address, "default", noClientCertificate).connect())
          .isInstanceOf(IOException.class).hasMessageContaining("no Temporal server answers at " + address);
      assertThatThrownBy(() -> new TemporalTarget(address, "default", null).connect())
          .hasMessageContaining("check --temporal and the TLS options");
    } finally {
      server.shutdownNow();
      services.close();
    }
    assertThatThrownBy(() -> new TemporalTarget.Tls(clientCert, null, null, null)).hasMessageContaining("--tls-key");
    assertThat(new TemporalTarget("localhost:7233", "ml", null).namespace()).isEqualTo("ml");
  }

  /** A self-signed certificate for {@code name} and its key (PKCS#8, as openssl 3 writes it). */
  private Path certificate(String file, String name) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-keyout", dir.resolve(file + ".key").toString(), "-out", dir.resolve(file + ".pem").toString(),
        "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    return dir.resolve(file + ".pem");
  }
}
