package provident;

import com.sun.jna.ptr.LongByReference;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;

/**
 * The typed fast paths: plain C calls on exact integers, nothing to free —
 * dates as days since 1970-01-01 (LocalDate.toEpochDay), months as serials
 * year*12 + month - 1, money in fen and rates in millionths as Java longs.
 */
final class TypedCalls {
  private final Engine engine;
  private final ProvidentLibrary lib;
  private final Checks checks;

  TypedCalls(Engine engine, Checks checks) {
    this.engine = engine;
    this.lib = engine.library();
    this.checks = checks;
  }

  private static int serial(YearMonth m) {
    return ProvidentLibrary.month(m.getYear(), m.getMonthValue());
  }

  private static YearMonth yearMonth(int serial) {
    return YearMonth.of(serial / 12, serial % 12 + 1);
  }

  void run() {
    System.out.println("\n-- typed calls (no JSON) --");
    idNumbers();
    retirement();
    rateLimits();
    depositBatch();
    refusedBatch();
  }

  private ProvidentLibrary.CitizenId parse(String number) {
    byte[] text = number.getBytes(StandardCharsets.UTF_8);
    ProvidentLibrary.CitizenId id = new ProvidentLibrary.CitizenId();
    int status = lib.pvd_id_parse(text, new ProvidentLibrary.SizeT(text.length),
        (int) LocalDate.of(2026, 7, 3).toEpochDay(), 0, id);
    if (status != ProvidentLibrary.PVD_OK) {
      throw new ProvidentException("pvd_id_parse", status, lib.pvd_status_string(status), lib.pvd_last_error());
    }
    return id;
  }

  private void idNumbers() {
    ProvidentLibrary.CitizenId id = parse("140105199003071234");
    LocalDate birth = LocalDate.ofEpochDay(id.birth_date);
    System.out.printf("pvd_id_parse: problems=%d gender=%c region=%s birth_date=%s%n", id.problems, (char) id.gender,
        ProvidentLibrary.CitizenId.text(id.region), birth);
    checks.equal("pvd_id_parse birth date", LocalDate.of(1990, 3, 7), birth);
    checks.equal("pvd_id_parse region", "140105", ProvidentLibrary.CitizenId.text(id.region));
    // An invalid number is an answer (problems != 0), not a failure.
    ProvidentLibrary.CitizenId wrong = parse("140105199003071235");
    System.out.printf("pvd_id_parse of a wrong check character: problems=0x%x%n", wrong.problems);
    checks.equal("pvd_id_parse problems of a wrong check character", 2, wrong.problems); // PVD_ID_CHECKSUM
  }

  private void retirement() {
    ProvidentLibrary.Retirement r = new ProvidentLibrary.Retirement();
    engine.check("pvd_pension_retirement", lib.pvd_pension_retirement(engine.handle(),
        (int) LocalDate.of(2026, 7, 3).toEpochDay(), (int) LocalDate.of(1990, 3, 7).toEpochDay(),
        ProvidentLibrary.PVD_CATEGORY_M60, r));
    System.out.printf("pvd_pension_retirement (M60): statutory %s, age %d years %d months, earliest %s%n",
        yearMonth(r.statutory_month), r.age_years, r.age_months, yearMonth(r.earliest_month));
    checks.equal("statutory retirement", YearMonth.of(2053, 3), yearMonth(r.statutory_month));
  }

  private void rateLimits() {
    LongByReference min = new LongByReference();
    LongByReference max = new LongByReference();
    engine.check("pvd_hpf_rate_limits",
        lib.pvd_hpf_rate_limits(engine.handle(), (int) LocalDate.of(2026, 7, 3).toEpochDay(), min, max));
    System.out.printf("pvd_hpf_rate_limits: %d..%d millionths%n", min.getValue(), max.getValue());
    checks.equal("rate limits", "50000..120000", min.getValue() + ".." + max.getValue());
  }

  /** n rows of bases (fen) and rates (millionths) inside Taiyuan's limits, the same on every run. */
  private static long[][] rows(int n) {
    long[] base = new long[n], employer = new long[n], employee = new long[n];
    for (int i = 0; i < n; ++i) {
      base[i] = 269000 + 1733L * i % 1500000;
      employer[i] = 50000 + 10000L * (i % 8);
      employee[i] = 50000 + 10000L * ((i + 3) % 8);
    }
    return new long[][] {base, employer, employee};
  }

  private void depositBatch() {
    final int n = 100_000;
    long[][] in = rows(n);
    long[] outEmployer = new long[n], outEmployee = new long[n];
    long start = System.nanoTime();
    engine.check("pvd_hpf_deposit_batch", lib.pvd_hpf_deposit_batch(engine.handle(),
        serial(YearMonth.of(2026, 7)), new ProvidentLibrary.SizeT(n), in[0], in[1], in[2], outEmployer, outEmployee));
    long micros = (System.nanoTime() - start) / 1000;
    long total = Arrays.stream(outEmployer).sum() + Arrays.stream(outEmployee).sum();
    System.out.printf("pvd_hpf_deposit_batch: %d rows in %d µs, row 0 %d + %d fen, total %s yuan%n", n, micros,
        outEmployer[0], outEmployee[0], Answer.yuan(total));
    // 2,690 yuan at 5% + 8%: 134.50 and 215.20, each part rounded half up to the yuan (hpf.deposit.rounding).
    checks.equal("batch row 0", "13500+21500", outEmployer[0] + "+" + outEmployee[0]);
    for (int row : new int[] {0, 1, 7, 4242, n - 1}) {
      sameAsCalculator(row, in, outEmployer[row], outEmployee[row]);
    }
  }

  /** A batch row gives what the hpf.deposit calculator gives through JSON. */
  private void sameAsCalculator(int row, long[][] in, long employerFen, long employeeFen) {
    String request = String.format("{\"op\":\"hpf.deposit\",\"as_of\":\"2026-07-01T00:00:00\",\"args\":"
        + "{\"base\":\"%s\",\"employer_rate\":\"%s%%\",\"employee_rate\":\"%s%%\"}}", Answer.yuan(in[0][row]),
        percent(in[1][row]), percent(in[2][row]));
    Answer a = Answer.of(engine.execute(request));
    checks.equal("batch row " + row + " against hpf.deposit", a.fen("/employer_part") + "+" + a.fen("/employee_part"),
        employerFen + "+" + employeeFen);
  }

  /** 70000 millionths as "7" (percent). */
  private static String percent(long micros) {
    return BigDecimal.valueOf(micros, 4).stripTrailingZeros().toPlainString();
  }

  /** A negative base fails the call and names the row; the outputs are then unspecified. */
  private void refusedBatch() {
    long[] base = {269000, -1, 500000}, rate = {70000, 70000, 70000};
    long[] outEmployer = {-7, -7, -7}, outEmployee = {-7, -7, -7};
    int status = lib.pvd_hpf_deposit_batch(engine.handle(), serial(YearMonth.of(2026, 7)),
        new ProvidentLibrary.SizeT(3), base, rate, rate, outEmployer, outEmployee);
    System.out.printf("pvd_hpf_deposit_batch with a negative base: %s: %s%n", lib.pvd_status_string(status),
        engine.errmsg());
    checks.equal("status of a negative base", ProvidentLibrary.PVD_E_INVALID_ARGUMENT, status);
    checks.equal("the row named", true, engine.errmsg().contains("row 1: base_fen"));
  }
}
