/* The C ABI for hosts (issue 19): pvd_engine_options_init, the function form
 * of PVD_ENGINE_OPTIONS_INIT for FFI hosts, and pvd_engine_errmsg set by every
 * response (the summary of an error or a denial; "" after an ok one). One
 * ctest test per function below (capi_host_<name>). Compiled as C99. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "provident.h"

static const char *const kOk =
    "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"retirement_month\":\"2033-04\"}}";

static pvd_engine *open_default(void) {
  pvd_engine *e = NULL;
  pvd_status s = pvd_engine_open(NULL, &e);
  if (s != PVD_OK) fprintf(stderr, "pvd_engine_open: %s\n", pvd_last_error());
  REQUIRE(s == PVD_OK && e != NULL);
  return e;
}

/* Runs a request; returns the response's "ok" and frees it. */
static int run_ok(pvd_engine *e, const char *request) {
  char *r = NULL;
  int ok;
  CHECK_STATUS(pvd_engine_execute(e, request, strlen(request), &r, NULL), PVD_OK);
  REQUIRE(r != NULL);
  ok = strncmp(r, "{\"ok\":true,", 11) == 0;
  pvd_free(r);
  return ok;
}

static int starts_with(const char *s, const char *prefix) { return s && strncmp(s, prefix, strlen(prefix)) == 0; }

/* ------------------------------------------------------------ options_init */

static void test_options_init(void) {
  pvd_engine_options o;
  pvd_engine *e = NULL;
  memset(&o, 0xA5, sizeof o); /* garbage, as a host's fresh memory may hold */
  CHECK_STATUS(pvd_engine_options_init(&o, (uint32_t)sizeof o), PVD_OK);
  CHECK_EQ_INT(o.struct_size, sizeof(pvd_engine_options));
  CHECK(o.policy == NULL && o.db_path == NULL && o.overlay == NULL);
  CHECK_EQ_INT(o.flags, 0);
  {
    const pvd_engine_options macro = PVD_ENGINE_OPTIONS_INIT;
    CHECK(macro.struct_size == o.struct_size && macro.flags == o.flags && macro.policy == o.policy &&
          macro.db_path == o.db_path && macro.overlay == o.overlay);
  }
  /* the initialised struct opens an engine, as the macro's does */
  o.policy = "taiyuan";
  o.flags = PVD_OPEN_LENIENT_POLICY;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  REQUIRE(e != NULL);
  CHECK(run_ok(e, kOk));
  pvd_engine_close(&e);

  CHECK_STATUS(pvd_engine_options_init(NULL, (uint32_t)sizeof o), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "pvd_engine_options_init");
  CHECK_CONTAINS(pvd_last_error(), "options is NULL");
  /* a size smaller than the first published struct is refused, nothing written */
  memset(&o, 0xA5, sizeof o);
  CHECK_STATUS(pvd_engine_options_init(&o, 8), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "struct_size");
  CHECK(o.flags == 0xA5A5A5A5u);
  /* a longer struct (a newer header's, say) is zeroed to its end and opens */
  {
    struct {
      pvd_engine_options o;
      uint64_t later_member;
    } longer;
    memset(&longer, 0xA5, sizeof longer);
    CHECK_STATUS(pvd_engine_options_init(&longer.o, (uint32_t)sizeof longer), PVD_OK);
    CHECK_EQ_INT(longer.o.struct_size, sizeof longer);
    CHECK(longer.later_member == 0);
    CHECK_STATUS(pvd_engine_open(&longer.o, &e), PVD_OK);
    pvd_engine_close(&e);
  }
}

/* ------------------------------------------------------------ errmsg after an error response */

static void test_errmsg_error(void) {
  pvd_engine *e = open_default();
  CHECK(!run_ok(e, "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\","
                   "\"args\":{\"retirement_month\":\"2033-13\"}}"));
  CHECK(starts_with(pvd_engine_errmsg(e), "REQ_BAD_VALUE args.retirement_month: "));
  CHECK_CONTAINS(pvd_engine_errmsg(e), "a month must be a real");

  /* an ok response clears it */
  CHECK(run_ok(e, kOk));
  CHECK_STR(pvd_engine_errmsg(e), "");

  CHECK(!run_ok(e, "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{}}"));
  CHECK_STR(pvd_engine_errmsg(e), "REQ_MISSING_FIELD args.retirement_month: Missing required field: args.retirement_month");

  /* an error without a field; the message stays one line */
  CHECK(!run_ok(e, "{\n"));
  CHECK(starts_with(pvd_engine_errmsg(e), "REQ_MALFORMED: "));
  CHECK(strchr(pvd_engine_errmsg(e), '\n') == NULL);

  CHECK(!run_ok(e, "{\"op\":\"no.such\"}"));
  CHECK(starts_with(pvd_engine_errmsg(e), "REQ_UNKNOWN_OP"));

  /* a call that produced no response keeps its own message, with the function's name */
  {
    char *r = NULL;
    CHECK_STATUS(pvd_engine_execute(e, NULL, 3, &r, NULL), PVD_E_INVALID_ARGUMENT);
    CHECK(starts_with(pvd_engine_errmsg(e), "pvd_engine_execute: "));
  }
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------ errmsg after a denial */

/* A claim (pension.check_claim) whose `count` adjustment periods all overlap. */
static char *overlapping_claim(int count) {
  static const char head[] =
      "{\"op\":\"pension.check_claim\",\"as_of\":\"2025-03-01T09:00:00\",\"args\":{\"id_number\":\"360102196501151331\","
      "\"category\":\"M60\",\"work_start_date\":\"1985-07-01\",\"retirement_date\":\"2025-02-01\","
      "\"work_years\":{\"years\":39,\"months\":7},\"contribution_periods\":[{\"from\":\"1988-01\",\"to\":\"2025-01\"}],"
      "\"has_arrears\":false,\"adjustments\":[";
  static const char entry[] = "{\"kind\":\"add\",\"from\":\"1990-01\",\"to\":\"1990-12\"}";
  char *text = malloc(sizeof head + (size_t)count * sizeof entry + 8);
  int i;
  REQUIRE(text != NULL);
  strcpy(text, head);
  for (i = 0; i < count; ++i) {
    if (i) strcat(text, ",");
    strcat(text, entry);
  }
  strcat(text, "]}}");
  return text;
}

static void test_errmsg_denial(void) {
  pvd_engine *e = open_default();
  char *claim;

  /* one violation: code, field and message */
  CHECK(!run_ok(e, "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"110101199003071235\"}}"));
  CHECK_STR(pvd_engine_errmsg(e), "denied: ID_CHECKSUM (args.number): The ID number's check character is wrong");

  /* two: both, in order */
  claim = overlapping_claim(3);
  CHECK(!run_ok(e, claim));
  free(claim);
  CHECK(starts_with(pvd_engine_errmsg(e),
                    "denied: PENSION_ADJUSTMENT_OVERLAP (args.adjustments[1]): Adjustment periods must not overlap "
                    "(entry 2 overlaps entry 1); PENSION_ADJUSTMENT_OVERLAP (args.adjustments[2]): "));
  CHECK(strstr(pvd_engine_errmsg(e), "more") == NULL);

  /* many: as many as fit, then the count of the others; no personal number */
  claim = overlapping_claim(40);
  CHECK(!run_ok(e, claim));
  free(claim);
  CHECK(starts_with(pvd_engine_errmsg(e), "denied: PENSION_ADJUSTMENT_OVERLAP (args.adjustments[1])"));
  CHECK_CONTAINS(pvd_engine_errmsg(e), " more");
  CHECK(strlen(pvd_engine_errmsg(e)) < 1024);
  CHECK(strstr(pvd_engine_errmsg(e), "196501151331") == NULL);

  CHECK(run_ok(e, kOk));
  CHECK_STR(pvd_engine_errmsg(e), "");
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------ errmsg after pvd_policy_get */

static void test_errmsg_policy_get(void) {
  pvd_engine *e = open_default();
  char *r = NULL;
  CHECK_STATUS(pvd_policy_get(e, "hpf.nope", "2024-07-01", NULL, &r, NULL), PVD_OK);
  pvd_free(r);
  CHECK(starts_with(pvd_engine_errmsg(e), "REQ_BAD_VALUE args.key: "));
  CHECK_STATUS(pvd_policy_get(e, "hpf.base.floor", "2024-07-01", "shanghai", &r, NULL), PVD_OK);
  pvd_free(r);
  CHECK_STR(pvd_engine_errmsg(e), "");
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------ describe, and every problem at once */

static void test_describe(void) {
  pvd_engine *e = open_default();
  char *r = NULL;
  static const char req[] = "{\"op\":\"describe\",\"args\":{\"op\":\"hpf.deposit\"}}";
  static const char bad[] =
      "{\"op\":\"hpf.deposit\",\"as_of\":\"2026-07-01T09:00:00\",\"args\":{\"base\":\"12.345\","
      "\"employer_rate\":\"0.12\",\"employe_rate\":\"0.12\"}}";
  CHECK_STATUS(pvd_engine_execute(e, req, strlen(req), &r, NULL), PVD_OK);
  REQUIRE(r != NULL);
  CHECK(starts_with(r, "{\"ok\":true,"));
  CHECK_CONTAINS(r, "\"base\":{\"type\":\"money\",\"required\":true");
  pvd_free(r);
  CHECK_STR(pvd_engine_errmsg(e), "");

  /* the message names every problem: the bad base, the missing rate, the misspelt one */
  CHECK(!run_ok(e, bad));
  CHECK(starts_with(pvd_engine_errmsg(e), "REQ_BAD_VALUE args.base: "));
  CHECK_CONTAINS(pvd_engine_errmsg(e), "; REQ_MISSING_FIELD args.employee_rate: Missing required field: args.employee_rate; ");
  CHECK_CONTAINS(pvd_engine_errmsg(e), "REQ_BAD_VALUE args.employe_rate: Invalid value for args.employe_rate: not a member "
                                       "of this request's schema (did you mean \"employee_rate\"?)");
  pvd_engine_close(&e);
}

int main(int argc, char **argv) {
  static const pvd_test tests[] = {
      {"options_init", test_options_init},
      {"errmsg_error", test_errmsg_error},
      {"errmsg_denial", test_errmsg_denial},
      {"errmsg_policy_get", test_errmsg_policy_get},
      {"describe", test_describe},
  };
  return pvd_test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
