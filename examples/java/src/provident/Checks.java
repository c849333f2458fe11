package provident;

import java.util.Objects;

/** The example's checks: each mismatch is printed and counted; the exit status is 1 if any. */
final class Checks {
  private int failures;

  void equal(String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      fail(what + ": expected " + expected + ", got " + actual);
    }
  }

  void fail(String message) {
    ++failures;
    System.err.println("FAIL " + message);
  }

  int failures() {
    return failures;
  }
}
