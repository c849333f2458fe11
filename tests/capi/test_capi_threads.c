/* Concurrent use of one engine from several threads (provident.h §3): the
 * typed fast paths, the batch deposit and stateless/calculator
 * pvd_engine_execute calls run at once and give the single-threaded answers;
 * error messages stay per thread (pvd_engine_errmsg per engine and thread,
 * pvd_last_error per thread). Compiled as C99 with POSIX threads; ctest label
 * `threads` (the tsan preset runs it under ThreadSanitizer). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "provident.h"

enum { kThreads = 8, kIterations = 300, kRows = 1000 };

static pvd_engine *g_engine;
static const char *const kRequests[] = {
    "{\"op\":\"hpf.deposit\",\"as_of\":\"2026-07-03T10:00:00\",\"args\":{\"base\":\"2690\",\"employer_rate\":\"7%\",\"employee_rate\":\"7%\"}}",
    "{\"op\":\"pension.retirement\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"birth_date\":\"1970-06-01\",\"category\":\"M60\"}}",
    "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"retirement_month\":\"2033-04\"}}",
    "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"11010519491231002X\"}}",
    "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"110105194912310021\"}}",
    "{\"op\":\"no.such.op\"}",
    "{\"op\":\"hpf.deposit\",\"as_of\":\"2026-07-03T10:00:00\",\"explain\":true,\"args\":{\"base\":\"12345.67\",\"employer_rate\":\"12%\",\"employee_rate\":\"5%\"}}",
};
enum { kRequestCount = sizeof kRequests / sizeof kRequests[0] };
static char *g_expected[kRequestCount];

static int64_t g_base[kRows], g_er[kRows], g_ee[kRows], g_out_er[kRows], g_out_ee[kRows];
static pvd_retirement g_ret;
static int32_t g_min_months;

typedef struct worker {
  int index;
  int failures;
} worker;

#define WCHECK(w, cond)                                                                     \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      fprintf(stderr, "thread %d: %s:%d: %s\n", (w)->index, __FILE__, __LINE__, #cond);     \
      ++(w)->failures;                                                                      \
    }                                                                                       \
  } while (0)

static void *run(void *arg) {
  worker *w = (worker *)arg;
  int64_t out_er[kRows], out_ee[kRows];
  char own_message[64];
  char policy_name[64];
  int k;

  for (k = 0; k < kIterations; ++k) {
    int q = (k + w->index) % kRequestCount;
    char *r = NULL;
    size_t len = 0;
    pvd_retirement ret;
    int32_t months = 0;

    /* JSON: calculators give byte-identical responses */
    WCHECK(w, pvd_engine_execute(g_engine, kRequests[q], strlen(kRequests[q]), &r, &len) == PVD_OK);
    WCHECK(w, r != NULL && strcmp(r, g_expected[q]) == 0);
    pvd_free(r);

    /* typed */
    WCHECK(w, pvd_pension_retirement(g_engine, days_from_civil(2026, 1, 1), days_from_civil(1970, 6, 1), PVD_CATEGORY_M60,
                                     &ret) == PVD_OK);
    WCHECK(w, memcmp(&ret, &g_ret, sizeof ret) == 0);
    WCHECK(w, pvd_pension_min_months(g_engine, PVD_MONTH(2033, 4), &months) == PVD_OK && months == g_min_months);

    /* batch, each thread its own outputs */
    if (k % 10 == 0) {
      WCHECK(w, pvd_hpf_deposit_batch(g_engine, PVD_MONTH(2026, 7), kRows, g_base, g_er, g_ee, out_er, out_ee) == PVD_OK);
      WCHECK(w, memcmp(out_er, g_out_er, sizeof out_er) == 0 && memcmp(out_ee, g_out_ee, sizeof out_ee) == 0);
    }

    /* a failure of this thread: its own message, which no other thread's
     * failure on the same engine changes */
    if (k % 7 == 0) {
      int64_t bad_base[kThreads + 1];
      int64_t rates[kThreads + 1];
      int64_t o1[kThreads + 1], o2[kThreads + 1];
      int i;
      for (i = 0; i <= kThreads; ++i) {
        bad_base[i] = i == w->index ? -1 : 100;
        rates[i] = 120000;
      }
      WCHECK(w, pvd_hpf_deposit_batch(g_engine, PVD_MONTH(2026, 7), kThreads + 1, bad_base, rates, rates, o1, o2) ==
                    PVD_E_INVALID_ARGUMENT);
      snprintf(own_message, sizeof own_message, "row %d:", w->index);
      WCHECK(w, strstr(pvd_engine_errmsg(g_engine), own_message) != NULL);
    } else {
      /* this thread's response set its message (issue 19: "" when ok, a
       * summary when not), and no other thread's failure on the same engine
       * wrote into it */
      const int ok_response = strncmp(g_expected[q], "{\"ok\":true", 10) == 0;
      WCHECK(w, (pvd_engine_errmsg(g_engine)[0] == '\0') == ok_response);
      WCHECK(w, strstr(pvd_engine_errmsg(g_engine), "row ") == NULL);
    }

    /* pvd_last_error is per thread */
    if (k % 11 == 0) {
      pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
      pvd_engine *none = NULL;
      snprintf(policy_name, sizeof policy_name, "no-such-profile-of-thread-%d", w->index);
      o.policy = policy_name;
      WCHECK(w, pvd_engine_open(&o, &none) == PVD_E_NOT_FOUND && none == NULL);
    }
    WCHECK(w, k == 0 || strstr(pvd_last_error(), policy_name) != NULL);
  }
  return NULL;
}

int main(void) {
  pthread_t threads[kThreads];
  worker workers[kThreads];
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  int i, failures = 0;

  REQUIRE(pvd_engine_open(&o, &g_engine) == PVD_OK);
  for (i = 0; i < kRequestCount; ++i) {
    size_t len;
    REQUIRE(pvd_engine_execute(g_engine, kRequests[i], strlen(kRequests[i]), &g_expected[i], &len) == PVD_OK);
  }
  for (i = 0; i < kRows; ++i) {
    g_base[i] = (int64_t)(i * 7919 % 5000000);
    g_er[i] = (int64_t)(i * 104729 % 1000001);
    g_ee[i] = (int64_t)((i * 31) % 120001);
  }
  REQUIRE(pvd_hpf_deposit_batch(g_engine, PVD_MONTH(2026, 7), kRows, g_base, g_er, g_ee, g_out_er, g_out_ee) == PVD_OK);
  REQUIRE(pvd_pension_retirement(g_engine, days_from_civil(2026, 1, 1), days_from_civil(1970, 6, 1), PVD_CATEGORY_M60,
                                 &g_ret) == PVD_OK);
  REQUIRE(pvd_pension_min_months(g_engine, PVD_MONTH(2033, 4), &g_min_months) == PVD_OK);

  for (i = 0; i < kThreads; ++i) {
    workers[i].index = i;
    workers[i].failures = 0;
    REQUIRE(pthread_create(&threads[i], NULL, run, &workers[i]) == 0);
  }
  for (i = 0; i < kThreads; ++i) {
    pthread_join(threads[i], NULL);
    failures += workers[i].failures;
  }
  /* the main thread never failed on the engine */
  CHECK_STR(pvd_engine_errmsg(g_engine), "");

  for (i = 0; i < kRequestCount; ++i) pvd_free(g_expected[i]);
  pvd_engine_close(&g_engine);
  if (failures || pvd_test_failures) {
    fprintf(stderr, "%d failure(s)\n", failures + pvd_test_failures);
    return 1;
  }
  fprintf(stderr, "%d threads x %d iterations: all answers identical, messages per thread\n", kThreads, kIterations);
  return 0;
}
