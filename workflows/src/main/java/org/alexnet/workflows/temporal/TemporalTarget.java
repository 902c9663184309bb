package org.alexnet.workflows.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach a Temporal server: its address, the namespace, and TLS for a real cluster (a client
 * certificate and key, and the CA that signed the server's certificate when it is not a public one).
 *
 * @param tls null for plaintext (the embedded server, a local development server)
 */
public record TemporalTarget(String address, String namespace, Tls tls) {
  /** mTLS material as PEM files; {@code serverName} overrides the name checked in the server's certificate. */
  public record Tls(Path cert, Path key, Path ca, String serverName) {
    public Tls {
      if ((cert == null) != (key == null)) {
        throw new IllegalArgumentException("give both --tls-cert and --tls-key, or neither");
      }
    }
  }

  public TemporalTarget {
    if (address == null || !address.matches("[^\\s:]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--temporal must be embedded or HOST:PORT, e.g. 127.0.0.1:7233; got " + address);
    }
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("--namespace must not be empty");
    }
  }

  /** Connects, and checks the server answers, so that a wrong address fails in one sentence. */
  public TemporalConnection connect() throws IOException {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (tls != null) {
      options.setSslContext(sslContext());
      if (tls.serverName() != null) {
        options.setChannelInitializer(channel -> channel.overrideAuthority(tls.serverName()));
      }
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    try {
      stubs.blockingStub().withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
          .getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      stubs.shutdownNow();
      throw new IOException(String.format("no Temporal server answers at %s (%s): start one, or check --temporal "
          + "and the TLS options", address, e.getStatus().getCode()), e);
    }
    return new TemporalConnection(this, stubs,
        WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build()));
  }

  private io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext() throws IOException {
    try (InputStream cert = tls.cert() == null ? null : Files.newInputStream(tls.cert());
         InputStream key = tls.key() == null ? null : Files.newInputStream(tls.key())) {
      SimpleSslContextBuilder builder = cert == null ? SimpleSslContextBuilder.noKeyOrCertChain()
          : SimpleSslContextBuilder.forPKCS8(cert, key);
      if (tls.ca() != null) {
        builder.setTrustManager(trustManagerFor(tls.ca()).getTrustManagers()[0]);
      }
      return builder.build();
    }
  }

  private static TrustManagerFactory trustManagerFor(Path ca) throws IOException {
    try (InputStream in = Files.newInputStream(ca)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, c);
      }
      if (n == 0) {
        throw new IOException(ca + " holds no PEM certificate: give the CA certificate that signed the server's");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (GeneralSecurityException e) {
      throw new IOException(ca + " is not a usable CA certificate: " + e.getMessage(), e);
    }
  }
}
