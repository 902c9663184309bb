package org.alexnet.options;

import java.math.BigDecimal;

/**
 * Checks of one flag's value, shared by the settings records that define the flags: each refuses in
 * one sentence that names the flag, the value given and what to give instead.
 */
public final class Flag {
  private Flag() {}

  public static void atLeast(String flag, long value, long least) {
    if (value < least) {
      throw new IllegalArgumentException(flag + " " + value + " is too small: give " + flag + " " + least + " or more");
    }
  }

  public static void within(String flag, long value, long least, long most) {
    if (value < least || value > most) {
      throw new IllegalArgumentException(
          flag + " " + value + " is out of range: give " + flag + " " + least + ".." + most);
    }
  }

  /** Also refuses NaN, which no comparison would catch. */
  public static void notNegative(String flag, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(flag + " " + text(value) + " is negative: give " + flag + " 0 or more");
    }
  }

  /** -1 as "-1", not "-1.0"; 1e-4 as "0.0001". */
  private static String text(double value) {
    return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : String.valueOf(value);
  }
}
