package org.alexnet.cli;

import java.io.PrintStream;

/**
 * Standard output without the line ND4J 1.0.0-M2.1's SameDiff prints with System.out.println for
 * every op it differentiates ("Added differentiated op ...") when a SameDiff layer first trains: no
 * logger or setting turns it off, and it happens on the training thread while others print.
 */
final class SameDiffChatterFilter extends PrintStream {
  private static final String CHATTER = "Added differentiated op ";

  private SameDiffChatterFilter(PrintStream out) {
    super(out, true);
  }

  /** Makes {@code System.out} this filter, once. */
  static void install() {
    if (!(System.out instanceof SameDiffChatterFilter)) {
      System.setOut(new SameDiffChatterFilter(System.out));
    }
  }

  @Override
  public void println(String line) {
    if (line == null || !line.startsWith(CHATTER)) {
      super.println(line);
    }
  }
}
