package org.alexnet.workflows.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Temporal's Java test server in this process, listening on loopback only (the server binds every
 * interface by itself). It keeps workflows in memory: a run outlives it only through storage.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  /** Temporal's own default port, so that {@code alexnet status} from another terminal finds it. */
  public static final int DEFAULT_PORT = 7233;
  private static final String LOOPBACK = "127.0.0.1";

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporal(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /**
   * Starts on {@code port} (0 for any free one).
   *
   * @throws BindException when the port is taken
   */
  public static EmbeddedTemporal start(int port) throws IOException {
    // time skipping stays locked: timers and timeouts run on the wall clock, as on a real server
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder, List.of(new NonStickyWorkflowTasks()));
    try {
      return new EmbeddedTemporal(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      // Netty's native transport reports a taken port as its own IOException, not a BindException
      boolean taken = e.getMessage() != null && e.getMessage().startsWith("Failed to bind");
      throw taken ? (BindException) new BindException(e.getMessage()).initCause(e) : e;
    }
  }

  public int port() {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  /** The address clients connect to. */
  public String target() {
    return LOOPBACK + ":" + port();
  }

  @Override
  public void close() {
    server.shutdownNow();
    services.close();
  }
}
