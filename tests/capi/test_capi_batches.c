/* The batch forms of the calculators through the C ABI (issue 19 (4)): each
 * row equals the JSON calculator's answer; bad rows are named by index with
 * the outputs untouched; n = 0 takes NULL arrays. One ctest test per function
 * below (capi_batch_<name>). Compiled as C99. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "provident.h"

static pvd_engine *open_policy(const char *policy) {
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  pvd_engine *e = NULL;
  pvd_status s;
  o.policy = policy;
  s = pvd_engine_open(&o, &e);
  if (s != PVD_OK) fprintf(stderr, "pvd_engine_open: %s\n", pvd_last_error());
  REQUIRE(s == PVD_OK && e != NULL);
  return e;
}

/* The response to a request (pvd_free it). */
static char *run(pvd_engine *e, const char *request) {
  char *r = NULL;
  CHECK_STATUS(pvd_engine_execute(e, request, strlen(request), &r, NULL), PVD_OK);
  REQUIRE(r != NULL);
  return r;
}

/* A money member "123.45" of a response, in fen; -1 when absent. */
static long long fen_member(const char *json, const char *key) {
  char buf[64];
  long long yuan = 0, fen = 0;
  json_string_member(json, key, buf, sizeof buf);
  if (sscanf(buf, "%lld.%lld", &yuan, &fen) != 2) return -1;
  return yuan * 100 + fen;
}

static void money(char *buf, size_t size, int64_t fen) {
  snprintf(buf, size, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

/* Offsets of n NUL-terminated strings packed into one buffer. */
static void pack(const char *const *rows, size_t n, char *data, int64_t *offsets) {
  size_t i;
  offsets[0] = 0;
  for (i = 0; i < n; ++i) {
    size_t len = strlen(rows[i]);
    memcpy(data + offsets[i], rows[i], len);
    offsets[i + 1] = offsets[i] + (int64_t)len;
  }
}

/* ------------------------------------------------------------ si_contribution */

static void test_si_contribution(void) {
  enum { N = 4 };
  static const int64_t amount[N] = {500000, 1000000, 5000000, 0};
  const int64_t month[N] = {PVD_MONTH(2025, 6), PVD_MONTH(2025, 6), PVD_MONTH(2025, 7), PVD_MONTH(2025, 6)};
  int64_t base[N], er[N], ee[N], er_t[N * 2], ee_t[N * 2];
  pvd_engine *e = open_policy("beijing");
  int wage;
  size_t i;
  for (wage = 0; wage < 2; ++wage) {
    CHECK_STATUS(pvd_si_contribution_batch(e, N, amount, month, wage ? PVD_SI_AMOUNT_IS_WAGE : 0,
                                           PVD_SI_PENSION | PVD_SI_MEDICAL, base, er, ee, er_t, ee_t),
                 PVD_OK);
    for (i = 0; i < N; ++i) {
      char req[512], amt[32];
      char *r;
      money(amt, sizeof amt, amount[i]);
      snprintf(req, sizeof req,
               "{\"op\":\"si.contribution\",\"policy\":\"beijing\",\"args\":{\"%s\":\"%s\",\"month\":\"%04d-%02d\","
               "\"types\":[\"pension\",\"medical\"]}}",
               wage ? "wage" : "base", amt, (int)(month[i] / 12), (int)(month[i] % 12 + 1));
      r = run(e, req);
      CHECK_CONTAINS(r, "\"ok\":true");
      CHECK_EQ_INT(base[i], fen_member(r, "base"));
      CHECK_EQ_INT(er[i], fen_member(r, "employer_total"));
      CHECK_EQ_INT(ee[i], fen_member(r, "employee_total"));
      CHECK_EQ_INT(er_t[2 * i] + er_t[2 * i + 1], er[i]);
      CHECK_EQ_INT(ee_t[2 * i] + ee_t[2 * i + 1], ee[i]);
      CHECK_EQ_INT(er_t[2 * i], fen_member(r, "employer")); /* the first item: pension */
      pvd_free(r);
    }
  }
  /* the Beijing 2025-06 wage of 5,000.00 is clamped to the floor 6,821.00 (tests/cases) */
  CHECK_EQ_INT(base[0], 682100);
  /* a bad row: named, nothing written */
  {
    int64_t a[3] = {100, -1, 100}, m[3] = {PVD_MONTH(2025, 6), PVD_MONTH(2025, 6), PVD_MONTH(2025, 6)};
    int64_t o1[3] = {-7, -7, -7}, o2[3] = {-7, -7, -7};
    CHECK_STATUS(pvd_si_contribution_batch(e, 3, a, m, 0, 0, NULL, o1, o2, NULL, NULL), PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "row 1");
    CHECK_CONTAINS(pvd_engine_errmsg(e), "base_fen");
    CHECK(o1[0] == -7 && o2[2] == -7);
    CHECK_STATUS(pvd_si_contribution_batch(e, 3, a, m, 0, 64, NULL, o1, o2, NULL, NULL), PVD_E_INVALID_ARGUMENT);
    CHECK_STATUS(pvd_si_contribution_batch(e, 3, a, m, 0, 0, NULL, NULL, o2, NULL, NULL), PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "out_employer_total_fen is NULL");
  }
  CHECK_STATUS(pvd_si_contribution_batch(e, 0, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL), PVD_OK);
  CHECK_STATUS(pvd_si_contribution_batch(NULL, 0, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL), PVD_E_MISUSE);
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------ hpf_interest */

static void test_hpf_interest(void) {
  enum { N = 3 };
  static const int64_t year[N] = {2026, 2026, 2025};
  static const int64_t opening[N] = {1000000, 0, 2500000};
  const int64_t offsets[N + 1] = {0, 2, 2, 3};
  const int64_t date[3] = {days_from_civil(2025, 7, 15), days_from_civil(2026, 6, 10), days_from_civil(2025, 1, 3)};
  static const int64_t amount[3] = {120000, 120000, -50000};
  int64_t interest[N], closing[N];
  pvd_engine *e = open_policy(NULL);
  CHECK_STATUS(pvd_hpf_interest_batch(e, N, year, opening, offsets, date, amount, PVD_INTEREST_POLICY, interest, closing),
               PVD_OK);
  /* tests/cases/calculators: 10,000.00 with two deposits of 1,200.00 → 166.50 */
  CHECK_EQ_INT(interest[0], 16650);
  CHECK_EQ_INT(closing[0], 1256650);
  CHECK_EQ_INT(interest[1], 0);
  {
    char *r = run(e, "{\"op\":\"hpf.interest\",\"as_of\":\"2025-07-01T00:00:00\",\"args\":{\"year\":2025,"
                     "\"opening_balance\":\"25000.00\",\"movements\":[{\"date\":\"2025-01-03\",\"amount\":\"-500.00\"}]}}");
    CHECK_EQ_INT(interest[2], fen_member(r, "interest"));
    CHECK_EQ_INT(closing[2], fen_member(r, "closing_balance"));
    pvd_free(r);
  }
  /* daily, no movements */
  CHECK_STATUS(pvd_hpf_interest_batch(e, 1, year, opening, NULL, NULL, NULL, PVD_INTEREST_DAILY, interest, NULL), PVD_OK);
  CHECK_EQ_INT(interest[0], 15208);
  /* a movement outside its row's interest year: row 2 named */
  {
    int64_t bad_date[3];
    memcpy(bad_date, date, sizeof bad_date);
    bad_date[2] = days_from_civil(2025, 7, 1);
    interest[2] = -7;
    CHECK_STATUS(pvd_hpf_interest_batch(e, N, year, opening, offsets, bad_date, amount, 0, interest, NULL),
                 PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "row 2");
    CHECK_CONTAINS(pvd_engine_errmsg(e), "movement_date");
    CHECK_EQ_INT(interest[2], -7);
  }
  CHECK_STATUS(pvd_hpf_interest_batch(e, N, year, opening, offsets, date, amount, 9, interest, NULL),
               PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_interest_batch(e, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL), PVD_OK);
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------ identifiers */

static void test_id_parse(void) {
  enum { N = 5 };
  static const char *const rows[N] = {"11010519491231002X", "11010519491231002x", "110105194912310021", "abc",
                                      "110105491231002"};
  char data[128];
  int64_t offsets[N + 1], problems[N], kind[N], birth[N], gender[N], region[N];
  const int32_t today = days_from_civil(2026, 1, 1);
  size_t i;
  pack(rows, N, data, offsets);
  CHECK_STATUS(pvd_id_parse_batch(N, data, offsets, today, PVD_ID_ACCEPT_15_DIGITS, problems, kind, birth, gender, region),
               PVD_OK);
  for (i = 0; i < N; ++i) {
    pvd_citizen_id one;
    CHECK_STATUS(pvd_id_parse(rows[i], strlen(rows[i]), today, PVD_ID_ACCEPT_15_DIGITS, &one), PVD_OK);
    CHECK_EQ_INT(problems[i], one.problems);
    CHECK_EQ_INT(birth[i], one.birth_date);
    CHECK_EQ_INT(gender[i], one.gender == 'M' ? 1 : one.gender == 'F' ? 2 : 0);
    CHECK_EQ_INT(region[i], one.problems ? 0 : atoi(one.region));
  }
  CHECK_EQ_INT(problems[0], 0);
  CHECK_EQ_INT(kind[0], 1);
  CHECK_EQ_INT(gender[0], 2);
  CHECK_EQ_INT(region[0], 110105);
  CHECK_EQ_INT(birth[0], days_from_civil(1949, 12, 31));
  CHECK_EQ_INT(problems[2], PVD_ID_CHECKSUM);
  CHECK_EQ_INT(problems[3], PVD_ID_FORMAT);
  CHECK_EQ_INT(kind[3], 0);
  /* decreasing offsets: the row named, pvd_last_error() */
  offsets[3] = 1;
  CHECK_STATUS(pvd_id_parse_batch(N, data, offsets, today, 0, problems, NULL, NULL, NULL, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "row 2");
  CHECK_CONTAINS(pvd_last_error(), "offsets");
  CHECK_STATUS(pvd_id_parse_batch(0, NULL, NULL, today, 0, NULL, NULL, NULL, NULL, NULL), PVD_OK);
  CHECK_STATUS(pvd_id_parse_batch(N, data, offsets, today, 8, problems, NULL, NULL, NULL, NULL), PVD_E_INVALID_ARGUMENT);
}

static void test_codes_and_cards(void) {
  enum { N = 4 };
  static const char *const codes[N] = {"91110000600037341L", "91110000600037341M", "", "91110000600037341"};
  static const char *const cards[N] = {"4111111111111111", "4111111111111112", "411111111111", "6222020200112233441"};
  static const char *const units[N] = {"1234567890", "123456789012", "12345", "12345678901"};
  char data[128], names[N * PVD_LOGIN_NAME_MAX];
  int64_t offsets[N + 1], valid[N], name_offsets[N + 1];
  pvd_engine *e = open_policy(NULL);
  size_t i;
  pack(codes, N, data, offsets);
  CHECK_STATUS(pvd_uscc_validate_batch(N, data, offsets, valid), PVD_OK);
  CHECK(valid[0] == 1 && valid[1] == 0 && valid[2] == 0 && valid[3] == 0);
  pack(cards, N, data, offsets);
  CHECK_STATUS(pvd_card_validate_batch(e, days_from_civil(2026, 1, 1), N, data, offsets, valid), PVD_OK);
  for (i = 0; i < N; ++i) {
    char req[256];
    char *r;
    snprintf(req, sizeof req, "{\"op\":\"card.validate\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"%s\"}}",
             cards[i]);
    r = run(e, req);
    CHECK_EQ_INT(valid[i], strstr(r, "\"ok\":true") != NULL);
    pvd_free(r);
  }
  pack(units, N, data, offsets);
  CHECK_STATUS(pvd_si_unit_login_name_batch(N, data, offsets, valid, names, name_offsets), PVD_OK);
  CHECK(valid[0] == 1 && valid[1] == 1 && valid[2] == 0 && valid[3] == 0);
  CHECK(memcmp(names + name_offsets[0], "123456789000", 12) == 0);
  CHECK(memcmp(names + name_offsets[1], "123456789012", 12) == 0);
  CHECK_EQ_INT(name_offsets[2], 24);
  CHECK_EQ_INT(name_offsets[4], 24);
  CHECK_STATUS(pvd_si_unit_login_name_batch(N, data, offsets, valid, NULL, name_offsets), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "out_data is NULL");
  CHECK_STATUS(pvd_card_validate_batch(e, days_from_civil(2026, 1, 1), 0, NULL, NULL, NULL), PVD_OK);
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------ pension */

static void test_count_months(void) {
  /* row 0: 2000-01…2000-12 and 2000-07…2001-06 (6 paid twice); row 1: none; row 2: one month */
  const int64_t offsets[4] = {0, 2, 2, 3};
  const int64_t from[3] = {PVD_MONTH(2000, 1), PVD_MONTH(2000, 7), PVD_MONTH(2010, 5)};
  const int64_t to[3] = {PVD_MONTH(2000, 12), PVD_MONTH(2001, 6), PVD_MONTH(2010, 5)};
  int64_t months[3], twice[3];
  CHECK_STATUS(pvd_pension_count_months_batch(3, offsets, from, to, months, twice), PVD_OK);
  CHECK_EQ_INT(months[0], 18);
  CHECK_EQ_INT(twice[0], 6);
  CHECK_EQ_INT(months[1], 0);
  CHECK_EQ_INT(months[2], 1);
  {
    const int64_t bad_to[3] = {PVD_MONTH(2000, 12), PVD_MONTH(2001, 6), PVD_MONTH(2010, 4)};
    months[2] = -7;
    CHECK_STATUS(pvd_pension_count_months_batch(3, offsets, from, bad_to, months, NULL), PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_last_error(), "row 2");
    CHECK_CONTAINS(pvd_last_error(), "PERIOD_INVERTED");
    CHECK_EQ_INT(months[2], -7);
  }
}

static void test_check_claim(void) {
  enum { N = 3 };
  const int64_t birth[N] = {days_from_civil(1965, 3, 10), days_from_civil(1965, 3, 10), days_from_civil(1975, 1, 1)};
  static const int64_t category[N] = {PVD_CATEGORY_M60, PVD_CATEGORY_M60, PVD_CATEGORY_F50};
  const int64_t start[N] = {days_from_civil(1985, 7, 1), days_from_civil(1985, 7, 1), days_from_civil(1995, 1, 1)};
  const int64_t retire[N] = {days_from_civil(2025, 7, 1), days_from_civil(2025, 7, 1), days_from_civil(2025, 2, 1)};
  static const int64_t work_months[N] = {480, 480, 360};
  static const int64_t contribution[N] = {400, 100, 200};
  static const int64_t arrears[N] = {0, 1, 0};
  int64_t violations[N], counted[N], min[N], earliest[N];
  pvd_engine *e = open_policy(NULL);
  size_t i;
  CHECK_STATUS(pvd_pension_check_claim_batch(e, days_from_civil(2025, 6, 1), N, birth, category, start, retire, work_months,
                                             contribution, arrears, violations, counted, min, earliest),
               PVD_OK);
  for (i = 0; i < N; ++i) {
    char req[768];
    char *r;
    const char *cat = category[i] == PVD_CATEGORY_M60 ? "M60" : "F50";
    int by, bm, bd, sy, sm, sd, ry, rm, rd;
    /* civil dates back from the serials, through the JSON of pension.check_claim's birth_date */
    static const int dates[N][9] = {{1965, 3, 10, 1985, 7, 1, 2025, 7, 1}, {1965, 3, 10, 1985, 7, 1, 2025, 7, 1},
                                    {1975, 1, 1, 1995, 1, 1, 2025, 2, 1}};
    by = dates[i][0], bm = dates[i][1], bd = dates[i][2], sy = dates[i][3], sm = dates[i][4], sd = dates[i][5];
    ry = dates[i][6], rm = dates[i][7], rd = dates[i][8];
    snprintf(req, sizeof req,
             "{\"op\":\"pension.check_claim\",\"as_of\":\"2025-06-01T09:00:00\",\"args\":{\"birth_date\":\"%04d-%02d-%02d\","
             "\"category\":\"%s\",\"work_start_date\":\"%04d-%02d-%02d\",\"retirement_date\":\"%04d-%02d-%02d\","
             "\"work_years\":{\"years\":%d,\"months\":%d},\"contribution_months\":%d,\"has_arrears\":%s}}",
             by, bm, bd, cat, sy, sm, sd, ry, rm, rd, (int)(work_months[i] / 12), (int)(work_months[i] % 12),
             (int)contribution[i], arrears[i] ? "true" : "false");
    r = run(e, req);
    CHECK_EQ_INT(violations[i] == 0, strstr(r, "\"ok\":true") != NULL);
    CHECK_EQ_INT((violations[i] & PVD_CLAIM_HAS_ARREARS) != 0, strstr(r, "PENSION_HAS_ARREARS") != NULL);
    CHECK_EQ_INT((violations[i] & PVD_CLAIM_CONTRIBUTION_SHORT) != 0, strstr(r, "PENSION_CONTRIBUTION_SHORT") != NULL);
    CHECK_EQ_INT((violations[i] & PVD_CLAIM_BEFORE_RETIREMENT_AGE) != 0,
                 strstr(r, "PENSION_BEFORE_RETIREMENT_AGE") != NULL);
    CHECK_EQ_INT(counted[i], json_int_member(r, "counted_months", -1));
    CHECK_EQ_INT(min[i], json_int_member(r, "min_months", -1));
    CHECK_EQ_INT((violations[i] & PVD_CLAIM_OTHER), 0);
    pvd_free(r);
  }
  CHECK_EQ_INT(violations[1] & PVD_CLAIM_HAS_ARREARS, PVD_CLAIM_HAS_ARREARS);
  {
    int64_t bad_cat[N] = {1, 1, 4};
    violations[0] = -7;
    CHECK_STATUS(pvd_pension_check_claim_batch(e, days_from_civil(2025, 6, 1), N, birth, bad_cat, start, retire,
                                               work_months, contribution, NULL, violations, NULL, NULL, NULL),
                 PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "row 2");
    CHECK_CONTAINS(pvd_engine_errmsg(e), "category");
    CHECK_EQ_INT(violations[0], -7);
  }
  pvd_engine_close(&e);
}

static void test_population_batches(void) {
  enum { N = 3 };
  const int64_t birth_month[N] = {PVD_MONTH(1965, 3), PVD_MONTH(1970, 12), PVD_MONTH(1980, 6)};
  static const int64_t category[N] = {PVD_CATEGORY_M60, PVD_CATEGORY_F55, PVD_CATEGORY_F50};
  const int64_t principal[N] = {100000, 0, 123456};
  const int64_t due[N] = {days_from_civil(2025, 1, 15), days_from_civil(2025, 1, 15), days_from_civil(2025, 3, 1)};
  const int64_t paid[N] = {days_from_civil(2025, 2, 14), days_from_civil(2025, 2, 14), days_from_civil(2025, 2, 1)};
  int64_t statutory[N], delay[N], earliest[N], latest[N], months[N], fee[N];
  const int32_t today = days_from_civil(2026, 1, 1);
  pvd_engine *e = open_policy(NULL);
  size_t i;
  CHECK_STATUS(pvd_pension_retirement_batch(e, today, N, birth_month, category, statutory, delay, earliest, latest), PVD_OK);
  CHECK_STATUS(pvd_pension_min_months_batch(e, N, statutory, months), PVD_OK);
  for (i = 0; i < N; ++i) {
    pvd_retirement one;
    int32_t m = 0;
    CHECK_STATUS(pvd_pension_retirement(e, today, days_from_civil((int)(birth_month[i] / 12), (int)(birth_month[i] % 12 + 1), 1),
                                        (pvd_category)category[i], &one),
                 PVD_OK);
    CHECK_EQ_INT(statutory[i], one.statutory_month);
    CHECK_EQ_INT(delay[i], one.delay_months);
    CHECK_EQ_INT(earliest[i], one.earliest_month);
    CHECK_EQ_INT(latest[i], one.latest_month);
    CHECK_STATUS(pvd_pension_min_months(e, (int32_t)statutory[i], &m), PVD_OK);
    CHECK_EQ_INT(months[i], m);
  }
  CHECK_STATUS(pvd_si_late_fee_batch(e, N, principal, due, paid, fee), PVD_OK);
  /* 30 days late at 0.05% a day on 1,000.00 → 15.00; nothing owed when paid early or on nothing */
  CHECK_EQ_INT(fee[0], 1500);
  CHECK_EQ_INT(fee[1], 0);
  CHECK_EQ_INT(fee[2], 0);
  CHECK_STATUS(pvd_pension_retirement_batch(e, today, N, birth_month, category, NULL, NULL, NULL, NULL),
               PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_si_late_fee_batch(e, N, principal, due, paid, (int64_t *)principal), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "overlaps");
  pvd_engine_close(&e);
}

int main(int argc, char **argv) {
  static const pvd_test tests[] = {
      {"si_contribution", test_si_contribution}, {"hpf_interest", test_hpf_interest},
      {"id_parse", test_id_parse},               {"codes_and_cards", test_codes_and_cards},
      {"count_months", test_count_months},       {"check_claim", test_check_claim},
      {"population", test_population_batches},
  };
  return pvd_test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
