package org.alexnet.util;

import java.util.concurrent.ThreadFactory;

/** Threads for background work (loaders, heartbeats, progress) that must not keep the JVM alive. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Makes daemon threads, each named {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
