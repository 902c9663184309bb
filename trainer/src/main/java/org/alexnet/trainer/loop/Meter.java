package org.alexnet.trainer.loop;

import java.util.ArrayDeque;

/** A running value with a window average (what the progress line shows) and a global average. */
public final class Meter {
  private final ArrayDeque<Double> window = new ArrayDeque<>();
  private final int size;
  private double windowSum;
  private double total;
  private long count;

  public Meter(int size) {
    this.size = size;
  }

  public void add(double value, long n) {
    window.addLast(value);
    windowSum += value;
    if (window.size() > size) {
      windowSum -= window.removeFirst();
    }
    total += value * n;
    count += n;
  }

  public double windowAverage() {
    return window.isEmpty() ? Double.NaN : windowSum / window.size();
  }

  public double average() {
    return count == 0 ? Double.NaN : total / count;
  }
}
