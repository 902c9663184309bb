package org.alexnet.cli;

import java.nio.file.Path;
import org.alexnet.workflows.temporal.EmbeddedTemporal;
import org.alexnet.workflows.temporal.TemporalTarget;
import picocli.CommandLine.Option;

/**
 * Which Temporal server to use, with the temporal CLI's environment variables. "embedded" is the
 * in-process server of {@code alexnet run}: other commands find it on this machine's loopback port.
 */
final class TemporalOptions {
  static final String EMBEDDED = "embedded";

  @Option(names = "--temporal", paramLabel = "embedded|HOST:PORT", defaultValue = "${env:TEMPORAL_ADDRESS:-embedded}",
      description = "The Temporal server: embedded (in this process for run and demo; 127.0.0.1:7233, where a running "
          + "'alexnet run' listens, for the others) or a cluster's frontend (env TEMPORAL_ADDRESS; default: ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE; default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:TEMPORAL_TLS_CERT}",
      description = "Client certificate for mTLS (env TEMPORAL_TLS_CERT).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:TEMPORAL_TLS_KEY}",
      description = "Its private key, PKCS#8 (env TEMPORAL_TLS_KEY).")
  Path tlsKey;

  @Option(names = "--tls-ca", paramLabel = "PEM", defaultValue = "${env:TEMPORAL_TLS_CA}",
      description = "CA certificate that signed the server's, when not a public one (env TEMPORAL_TLS_CA).")
  Path tlsCa;

  @Option(names = "--tls-server-name", paramLabel = "NAME", defaultValue = "${env:TEMPORAL_TLS_SERVER_NAME}",
      description = "Name to expect in the server's certificate (env TEMPORAL_TLS_SERVER_NAME).")
  String tlsServerName;

  /** The embedded server, without TLS: what the demo runs on. */
  static TemporalOptions embeddedServer() {
    TemporalOptions options = new TemporalOptions();
    options.address = EMBEDDED;
    options.namespace = "default";
    return options;
  }

  boolean embedded() {
    return EMBEDDED.equals(address);
  }

  /** The server to connect to; "embedded" names the one a running {@code alexnet run} holds on loopback. */
  TemporalTarget target() {
    return at(embedded() ? "127.0.0.1:" + EmbeddedTemporal.DEFAULT_PORT : address);
  }

  TemporalTarget at(String hostAndPort) {
    boolean tls = tlsCert != null || tlsKey != null || tlsCa != null || tlsServerName != null;
    return new TemporalTarget(hostAndPort, namespace,
        tls ? new TemporalTarget.Tls(tlsCert, tlsKey, tlsCa, tlsServerName) : null);
  }

  /** How to name this server in a command the user may type next. */
  String flag() {
    return embedded() ? "" : " --temporal " + address + (namespace.equals("default") ? "" : " --namespace " + namespace);
  }
}
