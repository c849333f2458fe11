/* A C host over the provident C ABI: a flexible-employment (灵活就业) story of
 * the Taiyuan HPF app (seed 002), told through pvd_engine_execute, plus the
 * typed fast paths.
 *
 *   flex_story [--stateless] [DB_PATH]   (default: flex-story.sqlite in the current folder)
 *
 * The engine is opened on a SQLite file. A person opens a flexible account,
 * signs a bank card contract, remits, is refused a deposit change in March,
 * changes it in July, back-pays the months she skipped, seals the account
 * with the commitment text and exits.
 *
 * Store or stateless. The story runs in store mode (the engine keeps the
 * state in the SQLite file). With --stateless, or where the engine has no
 * store (STORE_ERROR), the host keeps the state itself: it sends the entities
 * as "facts" and takes the new "state" of each response into the next
 * request — the same decisions, made by the same functions (state.md). Where an operation is not in this
 * build (REQ_UNKNOWN_OP) the story says so and stops; the calculators and the
 * typed calls always run.
 *
 * Exit status: 0 when every call produced an answer, no answer was INTERNAL,
 * the March change was refused and — under the taiyuan profile — every other
 * step was accepted; 1 otherwise. */
#include <provident.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ a little JSON reading */

/* The engine's responses are compact JSON objects. These helpers find a
 * member of an object and give its raw text; enough for a host that only
 * needs a few members (a real host uses its JSON library). */

static const char *skip_string(const char *p, const char *end) { /* p at '"' */
  for (++p; p < end; ++p) {
    if (*p == '\\') ++p;
    else if (*p == '"') return p + 1;
  }
  return end;
}

static const char *skip_value(const char *p, const char *end) {
  int depth = 0;
  while (p < end) {
    char c = *p;
    if (c == '"') {
      p = skip_string(p, end);
      if (depth == 0) return p;
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') {
      if (depth == 0) return p;
      if (--depth == 0) return p + 1;
    } else if (depth == 0 && c == ',') return p;
    ++p;
  }
  return end;
}

/* Finds member `key` of the object in [obj, obj+len); writes its raw value. */
static int member(const char *obj, size_t len, const char *key, const char **val, size_t *vlen) {
  const char *p = obj, *end = obj + len;
  size_t klen = strlen(key);
  while (p < end && *p != '{') ++p;
  if (p == end) return 0;
  ++p;
  while (p < end && *p != '}') {
    const char *k, *kend, *v;
    while (p < end && (*p == ',' || *p == ' ')) ++p;
    if (p >= end || *p != '"') return 0;
    k = p + 1;
    kend = skip_string(p, end) - 1;
    p = kend + 1;
    while (p < end && (*p == ':' || *p == ' ')) ++p;
    v = p;
    p = skip_value(p, end);
    if ((size_t)(kend - k) == klen && memcmp(k, key, klen) == 0) {
      *val = v;
      *vlen = (size_t)(p - v);
      return 1;
    }
  }
  return 0;
}

/* The string member `key` of an object, copied into buf ("" when absent or not a string). */
static const char *string_member(const char *obj, size_t len, const char *key, char *buf, size_t size) {
  const char *v;
  size_t n;
  buf[0] = '\0';
  if (member(obj, len, key, &v, &n) && n >= 2 && v[0] == '"') {
    n -= 2;
    if (n >= size) n = size - 1;
    memcpy(buf, v + 1, n);
    buf[n] = '\0';
  }
  return buf;
}

/* ------------------------------------------------------------------ the host */

typedef struct host {
  pvd_engine *engine;
  int stateless;     /* 1: facts in, state out */
  char *state;       /* the state kept by the host in stateless mode ("{}" at first) */
  int failures;
  int request_no;
  int strict;        /* 1: the taiyuan profile is in use, every outcome is checked */
} host;

typedef struct answer {
  char *json; /* the whole response (pvd_free) */
  size_t len;
  int ok;
  char error[64];      /* error.code, or "" */
  char violations[256]; /* the violation codes, space-separated */
} answer;

static void answer_free(answer *a) {
  pvd_free(a->json);
  a->json = NULL;
}

/* Sends one request: op, as_of and the args object (JSON text). In
 * stateless mode a state-changing request carries the host's state as facts
 * (calculators take none). */
static answer ask_ex(host *h, const char *op, const char *as_of, const char *args, int calculator) {
  answer a;
  const char *facts = h->stateless && !calculator ? h->state : NULL;
  size_t cap = strlen(op) + strlen(as_of) + strlen(args) + (facts ? strlen(facts) : 0) + 160;
  char *request = (char *)malloc(cap);
  const char *v;
  size_t n;
  pvd_status s;

  memset(&a, 0, sizeof a);
  if (!request) {
    ++h->failures;
    return a;
  }
  ++h->request_no;
  snprintf(request, cap, "{\"op\":\"%s\",\"request_id\":\"flex-story-%03d\",\"as_of\":\"%s\",\"args\":%s%s%s}", op,
           h->request_no, as_of, args, facts ? ",\"facts\":" : "", facts ? facts : "");
  s = pvd_engine_execute(h->engine, request, strlen(request), &a.json, &a.len);
  free(request);
  if (s != PVD_OK) {
    fprintf(stderr, "%s: no answer: %s (%s)\n", op, pvd_engine_errmsg(h->engine), pvd_status_string(s));
    ++h->failures;
    return a;
  }
  a.ok = member(a.json, a.len, "ok", &v, &n) && n == 4 && memcmp(v, "true", 4) == 0;
  if (member(a.json, a.len, "error", &v, &n) && v[0] == '{') string_member(v, n, "code", a.error, sizeof a.error);
  if (member(a.json, a.len, "violations", &v, &n)) {
    /* every "code":"…" inside the violations array */
    const char *p = v, *end = v + n;
    size_t used = 0;
    while ((p = strstr(p, "\"code\":\"")) != NULL && p < end) {
      const char *q;
      p += 8;
      q = strchr(p, '"');
      if (!q || q > end) break;
      if (used + (size_t)(q - p) + 2 < sizeof a.violations) {
        if (used) a.violations[used++] = ' ';
        memcpy(a.violations + used, p, (size_t)(q - p));
        used += (size_t)(q - p);
        a.violations[used] = '\0';
      }
      p = q;
    }
  }
  if (strcmp(a.error, "INTERNAL") == 0) {
    fprintf(stderr, "%s: INTERNAL error: %s\n", op, a.json);
    ++h->failures;
  }
  /* stateless: keep the new state */
  if (h->stateless && member(a.json, a.len, "state", &v, &n) && v[0] == '{') {
    char *copy = (char *)malloc(n + 1);
    if (copy) {
      memcpy(copy, v, n);
      copy[n] = '\0';
      free(h->state);
      h->state = copy;
    }
  }
  return a;
}

static answer ask(host *h, const char *op, const char *as_of, const char *args) { return ask_ex(h, op, as_of, args, 0); }

static void say(const char *zh, const char *en, const answer *a) {
  char result[200];
  const char *v;
  size_t n;
  printf("%s / %s\n", zh, en);
  if (!a->json) return;
  if (a->ok) {
    if (member(a->json, a->len, "result", &v, &n)) {
      const int cut = n >= sizeof result;
      if (cut) n = sizeof result - 4;
      memcpy(result, v, n);
      strcpy(result + n, cut ? "..." : "");
      printf("    ok      %s\n", result);
    }
  } else if (a->error[0]) {
    printf("    error   %s\n", a->error);
  } else {
    printf("    refused %s\n", a->violations);
  }
}

/* Under the taiyuan profile every step of the story has a known outcome. */
static void expect_ok(host *h, const answer *a) {
  if (h->strict && a->json && !a->ok) {
    fprintf(stderr, "expected an accepted request, got: %s\n", a->json);
    ++h->failures;
  }
}

/* ------------------------------------------------------------------ typed fast paths */

static int typed_calls(pvd_engine *e) {
  pvd_citizen_id id;
  pvd_retirement r;
  pvd_adjustment_window w;
  int32_t open = 0, months = 0;
  int64_t lo = 0, hi = 0;
  /* 2026-07-03 = 20637 days since 1970-01-01; 10:00 China Standard Time */
  const int64_t july3_10am = (int64_t)20637 * 86400 + 10 * 3600;
  const int64_t march10_10am = (int64_t)(20637 - 115) * 86400 + 10 * 3600;
  /* base 2690.00 yuan, rates 7% / 7% (millionths) */
  const int64_t base[3] = {269000, 500000, 1234567};
  const int64_t er[3] = {70000, 120000, 50000}, ee[3] = {70000, 120000, 80000};
  int64_t out_er[3], out_ee[3];

  printf("\n-- typed calls (no JSON) --\n");
  if (pvd_id_parse("140105199003071234", 18, 20637, 0, &id) != PVD_OK) return 1;
  printf("pvd_id_parse: problems=%u gender=%c region=%s birth_date=%d\n", (unsigned)id.problems, id.gender, id.region,
         (int)id.birth_date);
  if (pvd_pension_retirement(e, 20637, id.birth_date, id.gender == 'M' ? PVD_CATEGORY_M60 : PVD_CATEGORY_F55, &r) != PVD_OK)
    return 1;
  printf("pvd_pension_retirement (%s): statutory %d-%02d, age %d years %d months, earliest %d-%02d\n",
         id.gender == 'M' ? "M60" : "F55", PVD_MONTH_YEAR(r.statutory_month), PVD_MONTH_OF_YEAR(r.statutory_month), (int)r.age_years, (int)r.age_months,
         PVD_MONTH_YEAR(r.earliest_month), PVD_MONTH_OF_YEAR(r.earliest_month));
  if (pvd_pension_min_months(e, r.statutory_month, &months) != PVD_OK) return 1;
  printf("pvd_pension_min_months: %d\n", (int)months);
  if (pvd_hpf_payment_window(e, july3_10am, &open) != PVD_OK) return 1;
  printf("pvd_hpf_payment_window 2026-07-03 10:00: %s\n", open ? "open" : "closed");
  if (pvd_hpf_adjustment_window(e, march10_10am, 0, 0, &w) != PVD_OK) return 1;
  printf("pvd_hpf_adjustment_window 2026-03-10: %s (months mask 0x%03x)\n", w.open ? "open" : "closed",
         (unsigned)w.months_mask);
  if (pvd_hpf_rate_limits(e, 20637, &lo, &hi) != PVD_OK) return 1;
  printf("pvd_hpf_rate_limits: %lld..%lld millionths\n", (long long)lo, (long long)hi);
  if (pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 7), 3, base, er, ee, out_er, out_ee) != PVD_OK) {
    fprintf(stderr, "batch: %s\n", pvd_engine_errmsg(e));
    return 1;
  }
  printf("pvd_hpf_deposit_batch: row 0 %lld + %lld fen\n", (long long)out_er[0], (long long)out_ee[0]);
  return 0;
}

/* ------------------------------------------------------------------ main */

/* Taiyuan's windows on top of "national", for a build that does not ship the
 * taiyuan profile yet. */
static const char *const kTaiyuanWindows =
    "[[hpf.payment_window]]\nfrom = 2020-01-01\n"
    "value = { days = [1, 25], from = \"08:00\", to = \"17:00\", to_exclusive = true }\n"
    "source = \"002 三.1 注\"\nverified = true\n\n"
    "[[hpf.flex.adjust.months]]\nfrom = 2020-01-01\nvalue = [7]\nsource = \"002 三.6\"\nverified = true\n\n"
    "[[hpf.flex.adjust.per_year]]\nfrom = 2020-01-01\nvalue = 1\nsource = \"002 三.6\"\nverified = true\n";

static void go_stateless(host *h) {
  h->stateless = 1;
  free(h->state);
  h->state = (char *)malloc(3);
  if (h->state) memcpy(h->state, "{}", 3);
}

int main(int argc, char **argv) {
  const char *db = "flex-story.sqlite";
  pvd_engine_options options = PVD_ENGINE_OPTIONS_INIT;
  host h;
  answer a;
  char account[64], args[512];
  int story = 1, i;

  memset(&h, 0, sizeof h);
  for (i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--stateless") == 0) go_stateless(&h);
    else db = argv[i];
  }
  printf("provident %s (C ABI %d), database %s, %s mode\n", pvd_version(), (int)pvd_abi_version(), db,
         h.stateless ? "stateless" : "store");
  options.db_path = db;
  options.policy = "taiyuan";
  h.strict = 1;
  if (pvd_engine_open(&options, &h.engine) != PVD_OK) {
    h.strict = 0;
    printf("(no taiyuan profile in this build: %s; using national with Taiyuan's windows)\n", pvd_last_error());
    options.policy = NULL;
    options.overlay = kTaiyuanWindows;
    if (pvd_engine_open(&options, &h.engine) != PVD_OK) {
      fprintf(stderr, "cannot open the engine: %s\n", pvd_last_error());
      return 1;
    }
  }

  /* A calculator first: the monthly deposit of a base of 2,690 yuan at 7% + 7%. */
  a = ask_ex(&h, "hpf.deposit", "2026-03-02T09:00:00", "{\"base\":\"2690\",\"employer_rate\":\"7%\",\"employee_rate\":\"7%\"}", 1);
  expect_ok(&h, &a);
  say("月缴存额试算", "Deposit calculator", &a);
  answer_free(&a);

  /* 1. The flexible unit of the centre (store mode if the engine has a store). */
  a = ask(&h, "hpf.unit.register", "2026-03-02T09:00:00",
          "{\"unit_code\":\"F1\",\"name\":\"个人自愿缴存（市本级工行）\",\"credit_code\":\"91110000600037341L\","
          "\"bank\":\"ICBC\",\"kind\":\"flexible\"}");
  if (strcmp(a.error, "STORE_ERROR") == 0) {
    printf("(the engine has no store here: the host keeps the state and sends it as facts)\n");
    answer_free(&a);
    go_stateless(&h);
    a = ask(&h, "hpf.unit.register", "2026-03-02T09:00:00",
            "{\"unit_code\":\"F1\",\"name\":\"个人自愿缴存（市本级工行）\",\"credit_code\":\"91110000600037341L\","
            "\"bank\":\"ICBC\",\"kind\":\"flexible\"}");
  }
  say("登记灵活就业缴存单位", "Register the flexible unit", &a);
  if (strcmp(a.error, "REQ_UNKNOWN_OP") == 0) {
    printf("(this build has no flexible-employment operations yet: the story stops here)\n");
    story = 0;
  } else {
    expect_ok(&h, &a);
  }
  answer_free(&a);

  if (story) {
    /* 2. Open the account (002 一). */
    a = ask(&h, "hpf.flex.open", "2026-03-02T09:30:00",
            "{\"unit_code\":\"F1\",\"name\":\"王五\",\"id_number\":\"140105199003071234\",\"monthly_deposit\":\"600.00\","
            "\"phone\":\"13800138000\"}");
    say("开户", "Open a flexible account", &a);
    expect_ok(&h, &a);
    {
      const char *v;
      size_t n;
      account[0] = '\0';
      if (a.json && member(a.json, a.len, "result", &v, &n) && v[0] == '{')
        string_member(v, n, "account_no", account, sizeof account);
    }
    answer_free(&a);
    if (!account[0]) {
      printf("(no account was opened: the story stops here)\n");
      story = 0;
    }
  }

  if (story) {
    /* 3. Sign the card contract (000 一 注意: an ICBC type I card). */
    snprintf(args, sizeof args,
             "{\"account_no\":\"%s\",\"account_name\":\"王五\",\"card_no\":\"6222020000000000018\",\"bank\":\"ICBC\","
             "\"card_class\":1}",
             account);
    a = ask(&h, "hpf.flex.sign", "2026-03-02T10:00:00", args);
    say("签约", "Sign the bank card contract", &a);
    expect_ok(&h, &a);
    answer_free(&a);

    /* 4. Remit March inside the window (002 三.1). */
    snprintf(args, sizeof args, "{\"account_no\":\"%s\"}", account);
    a = ask(&h, "hpf.flex.remit", "2026-03-05T10:00:00", args);
    say("汇缴 2026-03", "Remit March", &a);
    expect_ok(&h, &a);
    answer_free(&a);

    /* 5. A deposit change in March is refused (002 三.6: July only). */
    snprintf(args, sizeof args, "{\"account_no\":\"%s\",\"monthly_deposit\":\"800.00\"}", account);
    a = ask(&h, "hpf.flex.adjust", "2026-03-10T10:00:00", args);
    say("三月调整月缴存额（不在调整期）", "Change the deposit in March (outside the window)", &a);
    if (a.json && (a.ok || (h.strict && !strstr(a.violations, "HPF_ADJUST_OUTSIDE_WINDOW")))) {
      fprintf(stderr, "the March change should have been refused (HPF_ADJUST_OUTSIDE_WINDOW): %s\n", a.json);
      ++h.failures;
    }
    answer_free(&a);

    /* April is remitted; May and June are skipped. */
    snprintf(args, sizeof args, "{\"account_no\":\"%s\"}", account);
    a = ask(&h, "hpf.flex.remit", "2026-04-03T10:00:00", args);
    say("汇缴 2026-04", "Remit April", &a);
    expect_ok(&h, &a);
    answer_free(&a);

    /* 6. In July it is accepted, and July is remitted at the new amount. */
    snprintf(args, sizeof args, "{\"account_no\":\"%s\",\"monthly_deposit\":\"800.00\"}", account);
    a = ask(&h, "hpf.flex.adjust", "2026-07-06T10:00:00", args);
    say("七月调整月缴存额", "Change the deposit in July", &a);
    expect_ok(&h, &a);
    answer_free(&a);
    snprintf(args, sizeof args, "{\"account_no\":\"%s\"}", account);
    a = ask(&h, "hpf.flex.remit", "2026-07-06T10:30:00", args);
    say("汇缴 2026-07", "Remit July", &a);
    expect_ok(&h, &a);
    answer_free(&a);

    /* 7. Back-pay May and June, each at the deposit then in force (002 三.2). */
    snprintf(args, sizeof args, "{\"account_no\":\"%s\",\"end_month\":\"2026-06\"}", account);
    a = ask(&h, "hpf.flex.back_pay", "2026-08-04T10:00:00", args);
    say("补缴 2026-05..06", "Back-pay May and June", &a);
    expect_ok(&h, &a);
    answer_free(&a);

    /* 8. Seal with the commitment text (002 三.3) and exit (002 三.7). */
    snprintf(args, sizeof args,
             "{\"account_no\":\"%s\",\"commitment\":\"本人自愿申请封存住房公积金个人账户，已知悉封存期间不能缴存，"
             "承诺所提供信息真实有效。\",\"agreed\":true}",
             account);
    a = ask(&h, "hpf.seal", "2026-08-20T10:00:00", args);
    say("封存", "Seal the account", &a);
    expect_ok(&h, &a);
    answer_free(&a);
    snprintf(args, sizeof args, "{\"account_no\":\"%s\",\"has_outstanding_loan\":false}", account);
    a = ask(&h, "hpf.exit", "2027-03-01T10:00:00", args);
    say("退出缴存提取", "Exit and withdraw", &a);
    expect_ok(&h, &a);
    answer_free(&a);
  }

  if (typed_calls(h.engine) != 0) {
    fprintf(stderr, "a typed call failed: %s\n", pvd_engine_errmsg(h.engine));
    ++h.failures;
  }

  free(h.state);
  pvd_engine_close(&h.engine);
  printf("\n%s\n", h.failures ? "FAILED" : "done");
  return h.failures ? 1 : 0;
}
