package provident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Java host over the provident C ABI through JNA: the flexible-employment
 * (灵活就业) story of the Taiyuan HPF app (seed 002) that examples/c tells,
 * with the same requests and so the same figures, checked to the fen.
 *
 * <pre>
 *   java -Djna.library.path=DIR -cp jna.jar:jackson-*.jar:classes provident.FlexStory [--stateless] [DB_PATH]
 * </pre>
 *
 * The engine is opened on a SQLite file (store mode: the engine keeps the
 * state). With --stateless the host keeps it: each request carries the
 * previous response's "state" as "facts" (docs/state.md). Then the typed fast
 * paths and the batch deposit over Java arrays ({@link TypedCalls}).
 *
 * Exit status 0 when every figure and code is the expected one, 1 otherwise.
 */
public final class FlexStory {
  private static final String COMMITMENT = "本人自愿申请封存住房公积金个人账户，已知悉封存期间不能缴存，承诺所提供信息真实有效。";

  private final Engine engine;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Checks checks;
  private final boolean stateless;
  private JsonNode state;
  private int requestNo;
  private String lastRequest;

  FlexStory(Engine engine, Checks checks, boolean stateless) {
    this.engine = engine;
    this.checks = checks;
    this.stateless = stateless;
    this.state = mapper.createObjectNode();
  }

  public static void main(String[] argv) {
    boolean stateless = false;
    String db = "flex-story.sqlite";
    for (String arg : argv) {
      if (arg.equals("--stateless")) stateless = true;
      else db = arg;
    }
    // The story speaks Chinese: print UTF-8 whatever the locale (Java 17's default follows it).
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    ProvidentLibrary lib = ProvidentLibrary.load();
    Checks checks = new Checks();
    System.out.printf("provident %s (C ABI %d) through JNA, database %s, %s mode%n", lib.pvd_version(),
        lib.pvd_abi_version(), db, stateless ? "stateless" : "store");
    checks.equal("pvd_abi_version", 0, lib.pvd_abi_version());
    refusedOpen(lib, checks);

    ProvidentLibrary.EngineOptions options = ProvidentLibrary.EngineOptions.initialised(lib);
    options.policy = "taiyuan";
    options.db_path = db;
    try (Engine engine = Engine.open(lib, options)) {
      new FlexStory(engine, checks, stateless).tell();
      new TypedCalls(engine, checks).run();
    } catch (ProvidentException e) {
      checks.fail("no answer: " + e.getMessage());
    }
    System.out.println(checks.failures() == 0 ? "\ndone" : "\nFAILED (" + checks.failures() + ")");
    System.exit(checks.failures() == 0 ? 0 : 1);
  }

  /** A misspelt profile name: pvd_engine_open fails with PVD_E_NOT_FOUND, the reason in pvd_last_error(). */
  private static void refusedOpen(ProvidentLibrary lib, Checks checks) {
    ProvidentLibrary.EngineOptions options = ProvidentLibrary.EngineOptions.initialised(lib);
    options.policy = "shangai";
    try {
      Engine.open(lib, options).close();
      checks.fail("the profile 'shangai' should not open");
    } catch (ProvidentException e) {
      System.out.println("open with policy 'shangai': " + e.getMessage());
      checks.equal("status of a wrong profile name", ProvidentLibrary.PVD_E_NOT_FOUND, e.status());
    }
  }

  // ---------------------------------------------------------------- requests

  /** The args object of a request from name/value pairs (String, Number or Boolean). */
  private ObjectNode args(Object... pairs) {
    ObjectNode args = mapper.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      String name = (String) pairs[i];
      Object value = pairs[i + 1];
      if (value instanceof Boolean b) args.put(name, b);
      else if (value instanceof Integer n) args.put(name, n);
      else args.put(name, (String) value);
    }
    return args;
  }

  /** Sends one request; in stateless mode a state-changing one carries the host's state as facts. */
  private Answer ask(String op, String asOf, ObjectNode args, boolean calculator) {
    ObjectNode request = mapper.createObjectNode();
    request.put("op", op);
    request.put("request_id", String.format("java-flex-%03d", ++requestNo));
    request.put("as_of", asOf);
    request.set("args", args);
    if (stateless && !calculator) request.set("facts", state);
    lastRequest = write(request);
    Answer answer = send(lastRequest);
    if (stateless && answer.json().path("state").isObject()) state = answer.json().get("state");
    return answer;
  }

  private Answer ask(String op, String asOf, ObjectNode args) {
    return ask(op, asOf, args, false);
  }

  private Answer send(String request) {
    Answer answer = Answer.of(engine.execute(request));
    if (answer.errorCode().equals("INTERNAL")) checks.fail("INTERNAL error: " + answer.json());
    return answer;
  }

  private String write(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (IOException e) { // Debian's Jackson declares IOException here
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- what the host prints and checks

  private static void say(String zh, String en, Answer a) {
    System.out.printf("%s / %s%n", zh, en);
    if (a.ok()) {
      String result = a.result().toString();
      System.out.println("    ok      " + (result.length() > 160 ? result.substring(0, 157) + "..." : result));
    } else if (!a.errorCode().isEmpty()) {
      System.out.printf("    error   %s %s: %s%n", a.errorCode(), a.json().path("error").path("field").asText(),
          a.errorMessage());
    } else {
      for (Answer.Violation v : a.violations()) {
        System.out.printf("    refused %s (%s, %s): %s / %s%n", v.code(), v.field(), v.source(), v.message(),
            v.messageEn());
      }
    }
  }

  private void expectOk(String step, Answer a) {
    if (!a.ok()) checks.fail(step + ": expected an accepted request, got " + a.json());
  }

  private void expectRefused(String step, Answer a, List<String> codes) {
    if (a.ok() || !a.violationCodes().equals(codes)) {
      checks.fail(step + ": expected the violations " + codes + ", got " + a.json());
    }
  }

  private void expectFen(String step, Answer a, String pointer, long fen) {
    checks.equal(step + " result" + pointer + " (fen)", fen, a.ok() ? a.fen(pointer) : Long.MIN_VALUE);
  }

  // ---------------------------------------------------------------- the story

  void tell() {
    // A calculator first: the monthly deposit of a base of 2,690 yuan at 7% + 7%.
    Answer a = ask("hpf.deposit", "2026-03-02T09:00:00",
        args("base", "2690", "employer_rate", "7%", "employee_rate", "7%"), true);
    say("月缴存额试算", "Deposit calculator", a);
    expectFen("hpf.deposit", a, "/employer_part", 18800);
    expectFen("hpf.deposit", a, "/monthly_deposit", 37600);

    // 1. The flexible unit of the centre.
    a = ask("hpf.unit.register", "2026-03-02T09:00:00", args("unit_code", "F1", "name", "个人自愿缴存（市本级工行）",
        "credit_code", "91110000600037341L", "bank", "ICBC", "kind", "flexible"));
    say("登记灵活就业缴存单位", "Register the flexible unit", a);
    expectOk("hpf.unit.register", a);

    // 2. Open the account (002 一).
    a = ask("hpf.flex.open", "2026-03-02T09:30:00", args("unit_code", "F1", "name", "王五", "id_number",
        "140105199003071234", "monthly_deposit", "600.00", "phone", "13800138000"));
    say("开户", "Open a flexible account", a);
    expectFen("hpf.flex.open", a, "/monthly_deposit", 60000);
    String account = a.result().path("account_no").asText("");
    if (account.isEmpty()) {
      checks.fail("no account was opened: the story stops here");
      return;
    }
    signAndRemit(account);
    changeTheDeposit(account);
    backPaySealExit(account);
  }

  private void signAndRemit(String account) {
    // A denial lists every violated rule at once (000 一 注意): someone else's CCB card of type II.
    Answer a = ask("hpf.flex.sign", "2026-03-02T09:50:00", args("account_no", account, "account_name", "张三",
        "card_no", "6217000000123456786", "bank", "CCB", "card_class", 2));
    say("签约（他人的建行II类卡）", "Sign with someone else's type II CCB card", a);
    expectRefused("hpf.flex.sign", a, List.of("HPF_SIGN_NAME_MISMATCH", "HPF_SIGN_BANK_MISMATCH", "HPF_SIGN_CARD_CLASS"));

    // 3. Sign the card contract: the depositor's own type I ICBC card.
    a = ask("hpf.flex.sign", "2026-03-02T10:00:00", args("account_no", account, "account_name", "王五", "card_no",
        "6222020000000000018", "bank", "ICBC", "card_class", 1));
    say("签约", "Sign the bank card contract", a);
    checks.equal("card_masked", "6222 **** **** 0018", a.result().path("card_masked").asText());

    // 4. Remit March inside the window (002 三.1).
    a = ask("hpf.flex.remit", "2026-03-05T10:00:00", args("account_no", account));
    say("汇缴 2026-03", "Remit March", a);
    expectFen("remit March", a, "/amount", 60000);
    expectFen("remit March", a, "/balance", 60000);
  }

  private void changeTheDeposit(String account) {
    // 5. A deposit change in March is refused (002 三.6: July only).
    Answer a = ask("hpf.flex.adjust", "2026-03-10T10:00:00", args("account_no", account, "monthly_deposit", "800.00"));
    say("三月调整月缴存额（不在调整期）", "Change the deposit in March (outside the window)", a);
    expectRefused("the March change", a, List.of("HPF_ADJUST_OUTSIDE_WINDOW"));
    checks.equal("the March refusal's source", "002 三.6",
        a.violations().isEmpty() ? "" : a.violations().get(0).source());

    // April is remitted; May and June are skipped.
    a = ask("hpf.flex.remit", "2026-04-03T10:00:00", args("account_no", account));
    say("汇缴 2026-04", "Remit April", a);
    expectFen("remit April", a, "/balance", 120000);

    // 6. In July the change is accepted, and July is remitted at the new amount.
    a = ask("hpf.flex.adjust", "2026-07-06T10:00:00", args("account_no", account, "monthly_deposit", "800.00"));
    say("七月调整月缴存额", "Change the deposit in July", a);
    expectFen("the July change", a, "/monthly_deposit", 80000);
    a = ask("hpf.flex.remit", "2026-07-06T10:30:00", args("account_no", account));
    say("汇缴 2026-07", "Remit July", a);
    expectFen("remit July", a, "/amount", 80000);
    expectFen("remit July", a, "/balance", 200000);
    if (!stateless) retry(a);
  }

  /** A retry with the same request_id (a lost response): the journal answers it again, nothing is paid twice. */
  private void retry(Answer first) {
    Answer again = send(lastRequest);
    say("重发同一请求（request_id 相同）", "The same request again (same request_id)", again);
    checks.equal("replayed", true, again.json().path("replayed").asBoolean(false));
    checks.equal("the replayed result", first.result(), again.result());
  }

  private void backPaySealExit(String account) {
    // 7. Back-pay May and June, each at the deposit then in force (002 三.2).
    Answer a = ask("hpf.flex.back_pay", "2026-08-04T10:00:00", args("account_no", account, "end_month", "2026-06"));
    say("补缴 2026-05..06", "Back-pay May and June", a);
    expectFen("back-pay", a, "/months/0/amount", 60000);
    expectFen("back-pay", a, "/total", 120000);

    // 8. Seal with the commitment text (002 三.3).
    a = ask("hpf.seal", "2026-08-20T10:00:00", args("account_no", account, "commitment", COMMITMENT, "agreed", true));
    say("封存", "Seal the account", a);
    checks.equal("sealed_on", "2026-08-20", a.result().path("sealed_on").asText());

    // A request the engine cannot evaluate is an error, not violations: a misspelt member.
    a = ask("hpf.exit", "2027-03-01T09:00:00", args("account_no", account, "has_outstanding_loans", false));
    say("退出缴存提取（参数名拼错）", "Exit with a misspelt member", a);
    checks.equal("error of a misspelt member", "REQ_BAD_VALUE", a.errorCode());

    // 9. Exit (002 三.7): the balance, the interest of 2026 and of 2027 to date, paid out; the account closed.
    a = ask("hpf.exit", "2027-03-01T10:00:00", args("account_no", account, "has_outstanding_loan", false));
    say("退出缴存提取", "Exit and withdraw", a);
    expectFen("exit", a, "/balance", 320000);
    expectFen("exit", a, "/years/0/interest", 375);
    expectFen("exit", a, "/interest", 3179);
    expectFen("exit", a, "/payout", 323179);
  }
}
