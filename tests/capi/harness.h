/* A tiny test harness for the C-only tests of the C ABI (compiled as C99).
 * CHECK records a failure and goes on; REQUIRE stops the test. Each test is a
 * function `static void name(void)`; main() runs those named on the
 * command line (ctest registers one test per name) or all of them. */
#ifndef PVD_TEST_HARNESS_H
#define PVD_TEST_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pvd_test_failures = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++pvd_test_failures;                                            \
    }                                                                 \
  } while (0)

#define REQUIRE(cond)                                                 \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: REQUIRE failed: %s\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                        \
    }                                                                 \
  } while (0)

#define CHECK_STATUS(expr, expected)                                              \
  do {                                                                            \
    pvd_status check_status_ = (expr);                                            \
    if (check_status_ != (expected)) {                                            \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__, __LINE__, #expr, \
              pvd_status_string(check_status_), pvd_status_string(expected));     \
      ++pvd_test_failures;                                                        \
    }                                                                             \
  } while (0)

#define CHECK_EQ_INT(a, b)                                                                \
  do {                                                                                    \
    long long check_a_ = (long long)(a), check_b_ = (long long)(b);                       \
    if (check_a_ != check_b_) {                                                           \
      fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, \
              check_a_, check_b_);                                                        \
      ++pvd_test_failures;                                                                \
    }                                                                                     \
  } while (0)

#define CHECK_STR(a, b)                                                                          \
  do {                                                                                           \
    const char *check_a_ = (a), *check_b_ = (b);                                                 \
    if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {                             \
      fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a, #b, \
              check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)");                   \
      ++pvd_test_failures;                                                                       \
    }                                                                                            \
  } while (0)

#define CHECK_CONTAINS(hay, needle)                                                               \
  do {                                                                                            \
    const char *check_h_ = (hay), *check_n_ = (needle);                                           \
    if (!check_h_ || !strstr(check_h_, check_n_)) {                                               \
      fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,             \
              check_h_ ? check_h_ : "(null)", check_n_);                                          \
      ++pvd_test_failures;                                                                        \
    }                                                                                             \
  } while (0)

typedef struct pvd_test {
  const char *name;
  void (*run)(void);
} pvd_test;

static inline int pvd_test_main(int argc, char **argv, const pvd_test *tests, size_t n) {
  size_t i;
  int ran = 0, k;
  for (i = 0; i < n; ++i) {
    int selected = argc <= 1;
    for (k = 1; k < argc; ++k) selected |= strcmp(argv[k], tests[i].name) == 0;
    if (!selected) continue;
    fprintf(stderr, "[ RUN  ] %s\n", tests[i].name);
    tests[i].run();
    ++ran;
  }
  if (ran == 0 || (argc > 1 && ran != argc - 1)) {
    fprintf(stderr, "unknown test name among the arguments\n");
    return 2;
  }
  if (pvd_test_failures) {
    fprintf(stderr, "%d check(s) failed\n", pvd_test_failures);
    return 1;
  }
  fprintf(stderr, "all checks passed\n");
  return 0;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static inline int32_t days_from_civil(int y, int m, int d) {
  int era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (int32_t)(era * 146097 + doe - 719468);
}

/* Seconds since 1970-01-01T00:00:00 China Standard Time. */
static inline int64_t cst_seconds(int y, int m, int d, int hh, int mm, int ss) {
  return (int64_t)days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

/* The string value of the first member "key":"…" in a compact JSON text (the
 * engine's responses have no whitespace); "" when absent. */
static inline const char *json_string_member(const char *json, const char *key, char *buf, size_t size) {
  char pattern[128];
  const char *p, *end;
  size_t n;
  buf[0] = '\0';
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  p = json ? strstr(json, pattern) : NULL;
  if (!p) return buf;
  p += strlen(pattern);
  end = strchr(p, '"');
  if (!end) return buf;
  n = (size_t)(end - p);
  if (n >= size) n = size - 1;
  memcpy(buf, p, n);
  buf[n] = '\0';
  return buf;
}

/* The integer value of the first member "key":<int>; `fallback` when absent. */
static inline long long json_int_member(const char *json, const char *key, long long fallback) {
  char pattern[128];
  const char *p;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  p = json ? strstr(json, pattern) : NULL;
  if (!p) return fallback;
  p += strlen(pattern);
  if (*p != '-' && (*p < '0' || *p > '9')) return fallback;
  return strtoll(p, NULL, 10);
}

/* "YYYY-MM" → month serial; -1 when malformed. */
static inline int32_t month_serial(const char *text) {
  int y, m;
  if (sscanf(text, "%4d-%2d", &y, &m) != 2) return -1;
  return (int32_t)(y * 12 + m - 1);
}

#endif
