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

  /** Everything the meter holds, as text, so a resumed epoch reports the same averages. */
  public String state() {
    StringBuilder s = new StringBuilder().append(total).append(',').append(count).append(',');
    window.forEach(v -> s.append(v).append(' '));
    return s.toString().strip();
  }

  public void restore(String state) {
    String[] parts = state.split(",", 3);
    total = Double.parseDouble(parts[0]);
    count = Long.parseLong(parts[1]);
    window.clear();
    windowSum = 0;
    for (String v : parts[2].isBlank() ? new String[0] : parts[2].split(" ")) {
      window.addLast(Double.parseDouble(v));
      windowSum += window.peekLast();
    }
  }

  public double windowAverage() {
    return window.isEmpty() ? Double.NaN : windowSum / window.size();
  }

  public double average() {
    return count == 0 ? Double.NaN : total / count;
  }
}
