package org.alexnet.distributed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The TCP sockets that processes listen on, read from Linux's /proc as {@code ss -ltnp} does. */
final class ListeningSockets {
  private static final String LISTEN = "0A";
  private static final String IPV4_LOOPBACK = "0100007F";
  private static final String IPV6_LOOPBACK = "00000000000000000000000001000000";
  private static final String IPV4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F";

  private ListeningSockets() {}

  /** @param hexAddress the kernel's hexadecimal form of the bound address */
  record Listener(long pid, String hexAddress, int port) {
    boolean loopback() {
      return hexAddress.equals(IPV4_LOOPBACK) || hexAddress.equals(IPV6_LOOPBACK)
          || hexAddress.equals(IPV4_MAPPED_LOOPBACK);
    }
  }

  /** Every TCP socket in LISTEN state that one of these processes or their descendants holds. */
  static List<Listener> of(Collection<Long> pids) throws IOException {
    List<Listener> found = new ArrayList<>();
    Set<Long> all = new HashSet<>(pids);
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> all.add(d.pid())));
    }
    for (long pid : all) {
      Set<String> inodes = socketInodes(pid);
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        List<String> lines = Files.readAllLines(Path.of(table));
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.trim().split("\\s+");
          String[] local = f[1].split(":");
          if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
            found.add(new Listener(pid, local[0], Integer.parseInt(local[1], 16)));
          }
        }
      }
    }
    return found;
  }

  private static Set<String> socketInodes(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor closed while listed
        }
      }
    }
    return inodes;
  }
}
