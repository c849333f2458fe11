/* The C ABI's test suite, compiled as C99: every entry point, NULL and misuse
 * arguments, versioned options (too small, too large), invalid UTF-8, the
 * typed fast paths against the JSON calculators. One ctest test per function
 * below (capi_<name>). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "provident.h"

/* Taiyuan's windows (policy.md §2) as an overlay on "national", so that the
 * tests do not depend on a city profile: remittance on days 1–25 from 08:00
 * to before 17:00; deposit adjustment in July, once a year. The overlay
 * replaces each key's whole timeline, so before 2020 these parameters have
 * no value (POLICY_NOT_IN_FORCE). */
static const char *const kWindowsOverlay =
    "[[hpf.payment_window]]\n"
    "from = 2020-01-01\n"
    "value = { days = [1, 25], from = \"08:00\", to = \"17:00\", to_exclusive = true }\n"
    "source = \"002 三.1 注 (test overlay)\"\n"
    "verified = true\n"
    "\n"
    "[[hpf.flex.adjust.months]]\n"
    "from = 2020-01-01\n"
    "value = [7]\n"
    "source = \"002 三.6 (test overlay)\"\n"
    "verified = true\n"
    "\n"
    "[[hpf.flex.adjust.per_year]]\n"
    "from = 2020-01-01\n"
    "value = 1\n"
    "source = \"002 三.6 (test overlay)\"\n"
    "verified = true\n";

static pvd_engine *open_engine(const char *policy, const char *overlay, uint32_t flags) {
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  pvd_engine *e = NULL;
  pvd_status s;
  o.policy = policy;
  o.overlay = overlay;
  o.flags = flags;
  s = pvd_engine_open(&o, &e);
  if (s != PVD_OK) fprintf(stderr, "pvd_engine_open: %s: %s\n", pvd_status_string(s), pvd_last_error());
  REQUIRE(s == PVD_OK && e != NULL);
  return e;
}

/* Runs a request given as a C string; returns the response (pvd_free it). */
static char *exec(pvd_engine *e, const char *request) {
  char *response = NULL;
  size_t len = 12345;
  pvd_status s = pvd_engine_execute(e, request, strlen(request), &response, &len);
  CHECK_STATUS(s, PVD_OK);
  REQUIRE(response != NULL);
  CHECK_EQ_INT(len, strlen(response));
  return response;
}

/* ------------------------------------------------------------------ version */

static void test_version(void) {
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", PVD_VERSION_MAJOR, PVD_VERSION_MINOR, PVD_VERSION_PATCH);
  CHECK_STR(pvd_version(), PVD_VERSION_STRING);
  CHECK_STR(pvd_version(), expected);
  CHECK_EQ_INT(pvd_abi_version(), PVD_ABI_VERSION);
  CHECK(PVD_VERSION_NUMBER == PVD_VERSION_MAJOR * 1000000 + PVD_VERSION_MINOR * 1000 + PVD_VERSION_PATCH);

  CHECK_STR(pvd_status_string(PVD_OK), "PVD_OK");
  CHECK_STR(pvd_status_string(PVD_E_INVALID_ARGUMENT), "PVD_E_INVALID_ARGUMENT");
  CHECK_STR(pvd_status_string(PVD_E_NOT_FOUND), "PVD_E_NOT_FOUND");
  CHECK_STR(pvd_status_string(PVD_E_POLICY), "PVD_E_POLICY");
  CHECK_STR(pvd_status_string(PVD_E_STORE), "PVD_E_STORE");
  CHECK_STR(pvd_status_string(PVD_E_NOMEM), "PVD_E_NOMEM");
  CHECK_STR(pvd_status_string(PVD_E_MISUSE), "PVD_E_MISUSE");
  CHECK_STR(pvd_status_string(PVD_E_INTERNAL), "PVD_E_INTERNAL");
  CHECK_STR(pvd_status_string(-999), "PVD_E_UNKNOWN");
  CHECK_STR(pvd_status_string(12), "PVD_E_UNKNOWN");
  /* failures are negative, distinct */
  CHECK(PVD_E_INVALID_ARGUMENT < 0 && PVD_E_NOT_FOUND < 0 && PVD_E_POLICY < 0 && PVD_E_STORE < 0 &&
        PVD_E_NOMEM < 0 && PVD_E_MISUSE < 0 && PVD_E_INTERNAL < 0);

  CHECK_EQ_INT(PVD_MONTH(2026, 7), 24318);
  CHECK_EQ_INT(PVD_MONTH_YEAR(24318), 2026);
  CHECK_EQ_INT(PVD_MONTH_OF_YEAR(24318), 7);
  CHECK_EQ_INT(days_from_civil(2026, 7, 3), 20637);
  CHECK_EQ_INT(days_from_civil(1400, 1, 1), -208188);
  CHECK_EQ_INT(days_from_civil(9999, 12, 31), 2932896);
  CHECK(pvd_last_error() != NULL);
}

/* ------------------------------------------------------------------ open / close */

static void test_open_close(void) {
  pvd_engine *e = (pvd_engine *)&e; /* garbage: must be overwritten */
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;

  /* NULL options: all defaults */
  CHECK_STATUS(pvd_engine_open(NULL, &e), PVD_OK);
  CHECK(e != NULL);
  CHECK_STR(pvd_engine_errmsg(e), "");
  pvd_engine_close(&e);
  CHECK(e == NULL);
  pvd_engine_close(&e); /* a NULL handle */
  pvd_engine_close(NULL);

  /* the INIT macro */
  CHECK_EQ_INT(o.struct_size, sizeof(pvd_engine_options));
  CHECK(o.policy == NULL && o.db_path == NULL && o.flags == 0 && o.overlay == NULL);
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  pvd_engine_close(&e);

  /* shipped profile by name; "" means national */
  o.policy = "national";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  pvd_engine_close(&e);
  o.policy = "";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  pvd_engine_close(&e);

  /* flags */
  o.policy = NULL;
  o.flags = PVD_OPEN_LENIENT_POLICY;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  pvd_engine_close(&e);

  /* NULL out_engine */
  o.flags = 0;
  CHECK_STATUS(pvd_engine_open(&o, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "pvd_engine_open");
  CHECK_CONTAINS(pvd_last_error(), "out_engine");
}

static void test_open_options_size(void) {
  pvd_engine *e = NULL;
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  struct {
    pvd_engine_options o;
    unsigned char future[24];
  } big;

  /* too small: 0, 4, one byte short */
  o.struct_size = 0;
  e = (pvd_engine *)&o;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  CHECK(e == NULL);
  CHECK_CONTAINS(pvd_last_error(), "struct_size");
  o.struct_size = 4;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  o.struct_size = (uint32_t)sizeof(pvd_engine_options) - 1;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  CHECK(e == NULL);

  /* larger (a newer header), unknown bytes zero: accepted */
  memset(&big, 0, sizeof big);
  big.o.struct_size = (uint32_t)sizeof big;
  CHECK_STATUS(pvd_engine_open(&big.o, &e), PVD_OK);
  CHECK(e != NULL);
  pvd_engine_close(&e);

  /* larger, an unknown byte not zero: refused */
  big.future[sizeof big.future - 1] = 1;
  CHECK_STATUS(pvd_engine_open(&big.o, &e), PVD_E_INVALID_ARGUMENT);
  CHECK(e == NULL);
  CHECK_CONTAINS(pvd_last_error(), "non-zero");
  big.future[sizeof big.future - 1] = 0;
  big.future[0] = 0x80;
  CHECK_STATUS(pvd_engine_open(&big.o, &e), PVD_E_INVALID_ARGUMENT);

  /* an uninitialised (huge) struct_size is refused without reading that far */
  o.struct_size = 0x7FFFFFFFu;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  o.struct_size = 0xFFFFFFFFu;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  CHECK(e == NULL);

  /* unknown flags */
  o.struct_size = (uint32_t)sizeof o;
  o.flags = 1u << 7;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "flags");
}

/* Issue 15: a provisional figure (Xi'an's 2026 average wage, 2025's carried
 * forward) is used and named by default, refused under PVD_OPEN_STRICT_POLICY. */
static void test_strict_policy(void) {
  pvd_engine *e = NULL;
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  const char *req = "{\"op\":\"si.base_limits\",\"args\":{\"year\":2026}}";
  char *r;
  o.policy = "xian";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  r = exec(e, req);
  CHECK_CONTAINS(r, "\"floor\":\"4990.00\"");
  CHECK_CONTAINS(r, "\"provisional\":[{\"version\":\"si.avg_wage@2026-01-01\",\"carried_from\":\"2025-01-01\"}]");
  pvd_free(r);
  pvd_engine_close(&e);
  o.flags = PVD_OPEN_STRICT_POLICY;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  r = exec(e, req);
  CHECK_CONTAINS(r, "\"code\":\"POLICY_NOT_IN_FORCE\"");
  pvd_free(r);
  r = exec(e, "{\"op\":\"si.base_limits\",\"args\":{\"year\":2025}}");
  CHECK_CONTAINS(r, "\"cap\":\"24948.00\"");
  pvd_free(r);
  pvd_engine_close(&e);
  /* an unknown bit is still refused */
  o.flags = 64u;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
}

static void test_open_policy(void) {
  pvd_engine *e = NULL;
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  const char *path = "capi_test_bad_profile.toml";
  FILE *f;

  o.policy = "no-such-profile";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_NOT_FOUND);
  CHECK(e == NULL);
  CHECK_CONTAINS(pvd_last_error(), "no-such-profile");
  /* a misspelt name lists the shipped profiles (issue 19 (2)) */
  o.policy = "shangai";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_NOT_FOUND);
  CHECK_CONTAINS(pvd_last_error(), "shangai");
  CHECK_CONTAINS(pvd_last_error(), "the shipped profiles are");
  CHECK_CONTAINS(pvd_last_error(), "shanghai");

  /* a file that is not a profile */
  f = fopen(path, "wb");
  REQUIRE(f != NULL);
  fputs("this is = = not TOML\n", f);
  fclose(f);
  o.policy = path;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_POLICY);
  CHECK(e == NULL);
  CHECK(strlen(pvd_last_error()) > 0);
  remove(path);

  /* overlays */
  o.policy = NULL;
  o.overlay = "this is = = not TOML";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_POLICY);
  CHECK(e == NULL);
  o.overlay = "[[no.such.key]]\nfrom = 2020-01-01\nvalue = 1\nsource = \"x\"\n";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_POLICY);
  o.overlay = kWindowsOverlay;
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  CHECK(e != NULL);
  pvd_engine_close(&e);
  o.overlay = ""; /* an empty overlay changes nothing */
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  pvd_engine_close(&e);
}

static void test_open_store(void) {
  pvd_engine *e = NULL;
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  pvd_status s;
  char *r;

  /* a SQLite file in the test's working folder */
  remove("capi_test_store.sqlite");
  o.db_path = "capi_test_store.sqlite";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  REQUIRE(e != NULL);
  /* a calculator works whatever the store */
  r = exec(e, "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"retirement_month\":\"2033-04\"}}");
  CHECK_CONTAINS(r, "\"ok\":true");
  pvd_free(r);
  pvd_engine_close(&e);
  remove("capi_test_store.sqlite");
  remove("capi_test_store.sqlite-wal");
  remove("capi_test_store.sqlite-shm");

  /* a file that cannot be created: PVD_E_STORE once the store opens files */
  o.db_path = "/nonexistent-folder-of-capi-tests/x.sqlite";
  s = pvd_engine_open(&o, &e);
  CHECK(s == PVD_OK || s == PVD_E_STORE);
  if (s == PVD_E_STORE) {
    CHECK(e == NULL);
    CHECK(strlen(pvd_last_error()) > 0);
  }
  pvd_engine_close(&e);
}

static void test_open_utf8(void) {
  pvd_engine *e = NULL;
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  o.policy = "na\xfftional";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "UTF-8");
  o.policy = "\xc0\xae"; /* overlong */
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  o.policy = "\xed\xa0\x80"; /* a surrogate */
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  o.policy = NULL;
  o.db_path = "x\xfe.sqlite";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  o.db_path = NULL;
  o.overlay = "# \xe4\xb8\n";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_E_INVALID_ARGUMENT);
  CHECK(e == NULL);
  o.overlay = "# 太原 overlay: valid UTF-8 comment\n";
  CHECK_STATUS(pvd_engine_open(&o, &e), PVD_OK);
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------------ execute */

static void test_execute(void) {
  pvd_engine *e = open_engine(NULL, NULL, 0);
  char *r;
  char buf[64];
  size_t len = 99;
  const char *req = "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"retirement_month\":\"2033-04\"}}";

  r = exec(e, req);
  CHECK_CONTAINS(r, "\"ok\":true");
  CHECK_CONTAINS(r, "\"months\":204");
  CHECK_CONTAINS(r, "\"op\":\"pension.min_months\"");
  CHECK(strchr(r, '\n') == NULL);
  pvd_free(r);

  /* the request need not be NUL-terminated: only `len` bytes are read */
  {
    char *copy = (char *)malloc(strlen(req) + 8);
    memcpy(copy, req, strlen(req));
    memcpy(copy + strlen(req), "garbage", 7);
    r = NULL;
    CHECK_STATUS(pvd_engine_execute(e, copy, strlen(req), &r, &len), PVD_OK);
    CHECK_CONTAINS(r, "\"months\":204");
    pvd_free(r);
    free(copy);
  }

  /* out_response_len may be NULL */
  r = NULL;
  CHECK_STATUS(pvd_engine_execute(e, req, strlen(req), &r, NULL), PVD_OK);
  CHECK_CONTAINS(r, "\"ok\":true");
  pvd_free(r);

  /* a calculator with a denial is ok:false with violations, still PVD_OK */
  r = exec(e, "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"110105194912310021\"}}");
  CHECK_CONTAINS(r, "\"ok\":false");
  CHECK_CONTAINS(r, "ID_CHECKSUM");
  pvd_free(r);

  /* errors are responses */
  r = exec(e, "{\"op\":\"no.such.op\",\"args\":{}}");
  CHECK_CONTAINS(r, "REQ_UNKNOWN_OP");
  pvd_free(r);
  r = exec(e, "not json");
  CHECK_CONTAINS(r, "REQ_MALFORMED");
  pvd_free(r);
  r = exec(e, "[1,2,3]");
  CHECK_CONTAINS(r, "REQ_MALFORMED");
  pvd_free(r);
  r = exec(e, "{\"op\":\"pension.min_months\",\"op\":\"pension.min_months\"}");
  CHECK_CONTAINS(r, "REQ_MALFORMED");
  pvd_free(r);
  r = exec(e, "{\"op\":\"hpf.deposit\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"base\":10.5,\"employer_rate\":\"7%\",\"employee_rate\":\"7%\"}}");
  CHECK_CONTAINS(r, "REQ_BAD_VALUE");
  CHECK_CONTAINS(r, "args.base");
  pvd_free(r);

  /* an empty request (NULL, 0) is a malformed request, not a failure */
  r = NULL;
  CHECK_STATUS(pvd_engine_execute(e, NULL, 0, &r, &len), PVD_OK);
  CHECK_CONTAINS(r, "REQ_MALFORMED");
  CHECK_EQ_INT(len, strlen(r));
  pvd_free(r);

  /* a NUL inside the request */
  {
    const char with_nul[] = "{\"op\":\"pension.min_months\"\0,\"args\":{}}";
    r = NULL;
    CHECK_STATUS(pvd_engine_execute(e, with_nul, sizeof with_nul - 1, &r, &len), PVD_OK);
    CHECK_CONTAINS(r, "REQ_MALFORMED");
    pvd_free(r);
  }

  /* over 16 MiB */
  {
    size_t n = 16u * 1024u * 1024u + 1u;
    char *huge = (char *)malloc(n);
    REQUIRE(huge != NULL);
    memset(huge, ' ', n);
    huge[0] = '{';
    huge[n - 1] = '}';
    r = NULL;
    CHECK_STATUS(pvd_engine_execute(e, huge, n, &r, &len), PVD_OK);
    CHECK_CONTAINS(r, "REQ_TOO_LARGE");
    pvd_free(r);
    free(huge);
  }

  /* store mode without a store (or with an unknown account): an error
   * response, never a failed call */
  r = exec(e, "{\"op\":\"hpf.flex.remit\",\"request_id\":\"r-1\",\"as_of\":\"2026-07-03T10:00:00\",\"args\":{\"account_no\":\"A0001\"}}");
  CHECK_CONTAINS(r, "\"ok\":false");
  CHECK(strstr(r, "\"error\":{") != NULL);
  pvd_free(r);

  /* explain */
  r = exec(e, "{\"op\":\"hpf.deposit\",\"as_of\":\"2026-01-01T00:00:00\",\"explain\":true,"
              "\"args\":{\"base\":\"2690\",\"employer_rate\":\"7%\",\"employee_rate\":\"7%\"}}");
  CHECK_CONTAINS(r, "employer_part_derivation");
  CHECK_STR(json_string_member(r, "employer_part", buf, sizeof buf), "188.00");
  pvd_free(r);

  pvd_free(NULL);
  pvd_engine_close(&e);
}

static void test_execute_utf8(void) {
  pvd_engine *e = open_engine(NULL, NULL, 0);
  char *r;
  /* invalid UTF-8 inside a string, overlong, surrogate, truncated */
  r = exec(e, "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"\xff\xfe\"}}");
  CHECK_CONTAINS(r, "REQ_MALFORMED");
  pvd_free(r);
  r = exec(e, "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"\xc0\xae\"}}");
  CHECK_CONTAINS(r, "REQ_MALFORMED");
  pvd_free(r);
  r = exec(e, "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"\xed\xa0\x80\"}}");
  CHECK_CONTAINS(r, "REQ_MALFORMED");
  pvd_free(r);
  r = exec(e, "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"\xe4\xb8\"}}");
  CHECK_CONTAINS(r, "REQ_MALFORMED");
  pvd_free(r);
  /* valid UTF-8 (Chinese) is fine: an ID format violation */
  r = exec(e, "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"太原\"}}");
  CHECK_CONTAINS(r, "ID_FORMAT");
  pvd_free(r);
  pvd_engine_close(&e);
}

static void test_execute_misuse(void) {
  pvd_engine *e = open_engine(NULL, NULL, 0);
  char *r = (char *)&r;
  size_t len = 77;
  const char *req = "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"retirement_month\":\"2033-04\"}}";

  CHECK_STATUS(pvd_engine_execute(NULL, req, strlen(req), &r, &len), PVD_E_MISUSE);
  CHECK(r == NULL);
  CHECK_EQ_INT(len, 0);
  CHECK_CONTAINS(pvd_last_error(), "pvd_engine_execute");
  CHECK_CONTAINS(pvd_last_error(), "NULL");

  CHECK_STATUS(pvd_engine_execute(e, req, strlen(req), NULL, &len), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "out_response_json");

  r = (char *)&r;
  CHECK_STATUS(pvd_engine_execute(e, NULL, 5, &r, &len), PVD_E_INVALID_ARGUMENT);
  CHECK(r == NULL);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "request_json");

  /* a successful typed call leaves the message in place; a response sets it
   * ("" for an ok one: test_capi_host.c has the summaries) */
  {
    int32_t months = 0;
    CHECK_STATUS(pvd_pension_min_months(e, PVD_MONTH(2033, 4), &months), PVD_OK);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "request_json");
  }
  r = exec(e, req);
  pvd_free(r);
  CHECK_STR(pvd_engine_errmsg(e), "");
  CHECK_STATUS(pvd_engine_execute(e, NULL, 5, &r, &len), PVD_E_INVALID_ARGUMENT);

  /* errmsg of NULL is a fixed message, never NULL */
  CHECK(pvd_engine_errmsg(NULL) != NULL);
  CHECK(strlen(pvd_engine_errmsg(NULL)) > 0);

  /* engines keep separate messages */
  {
    pvd_engine *e2 = open_engine(NULL, NULL, 0);
    CHECK_STR(pvd_engine_errmsg(e2), "");
    CHECK_STATUS(pvd_pension_min_months(e2, 0, NULL), PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e2), "pvd_pension_min_months");
    CHECK_CONTAINS(pvd_engine_errmsg(e), "request_json");
    pvd_engine_close(&e2);
  }
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------------ ID */

static void test_id_parse(void) {
  pvd_citizen_id id;
  const int32_t today = days_from_civil(2026, 1, 1);
  pvd_status s;

  memset(&id, 0x55, sizeof id);
  CHECK_STATUS(pvd_id_parse("11010519491231002X", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, 0);
  CHECK_STR(id.number, "11010519491231002X");
  CHECK_STR(id.region, "110105");
  CHECK_EQ_INT(id.birth_date, days_from_civil(1949, 12, 31));
  CHECK_EQ_INT(id.gender, 'F');

  /* lower-case x is normalised; not NUL-terminated input */
  {
    char raw[20];
    memcpy(raw, "11010519491231002xZZ", 20);
    CHECK_STATUS(pvd_id_parse(raw, 18, today, 0, &id), PVD_OK);
    CHECK_EQ_INT(id.problems, 0);
    CHECK_STR(id.number, "11010519491231002X");
  }

  CHECK_STATUS(pvd_id_parse("140105199003071234", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, 0);
  CHECK_EQ_INT(id.gender, 'M');
  CHECK_EQ_INT(id.birth_date, days_from_civil(1990, 3, 7));

  /* a wrong check character */
  CHECK_STATUS(pvd_id_parse("140105199003071235", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_CHECKSUM);
  CHECK_STR(id.number, "");
  CHECK_EQ_INT(id.birth_date, 0);

  /* born after as_of */
  CHECK_STATUS(pvd_id_parse("140105199003071234", 18, days_from_civil(1990, 3, 6), 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_BIRTH_DATE);
  CHECK_STATUS(pvd_id_parse("140105199003071234", 18, days_from_civil(1990, 3, 7), 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, 0);

  /* format */
  CHECK_STATUS(pvd_id_parse("12345", 5, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_FORMAT);
  CHECK_STATUS(pvd_id_parse(NULL, 0, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_FORMAT);
  CHECK_STATUS(pvd_id_parse("1401051990030712\0" "4", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_FORMAT);
  CHECK_STATUS(pvd_id_parse("太原市民身份证", strlen("太原市民身份证"), today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_FORMAT);

  /* 15 digits: only with PVD_ID_ACCEPT_15_DIGITS */
  CHECK_STATUS(pvd_id_parse("110105491231002", 15, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_FORMAT);
  CHECK_STATUS(pvd_id_parse("110105491231002", 15, today, PVD_ID_ACCEPT_15_DIGITS, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, 0);
  CHECK_STR(id.number, "11010519491231002X");

  /* GB/T 2260: 00 is no province (the check character is right); 99… is a 2023 permanent residence
     ID whose province 90 is unknown; the one of hutool's tests reports its province, Jiangsu */
  CHECK_STATUS(pvd_id_parse("000105194912310024", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_UNKNOWN_REGION);
  CHECK_STATUS(pvd_id_parse("990105194912310023", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_UNKNOWN_REGION);
  CHECK_STATUS(pvd_id_parse("990105194912310024", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, PVD_ID_UNKNOWN_REGION | PVD_ID_CHECKSUM);
  CHECK_STATUS(pvd_id_parse("932682198501010017", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, 0);
  CHECK_STR(id.region, "320000");
  CHECK_EQ_INT(id.gender, 'M');
  CHECK_STATUS(pvd_id_parse("81000019980902013X", 18, today, 0, &id), PVD_OK);
  CHECK_EQ_INT(id.problems, 0);
  CHECK_STR(id.region, "810000");

  /* misuse */
  CHECK_STATUS(pvd_id_parse("140105199003071234", 18, today, 0, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "pvd_id_parse");
  CHECK_STATUS(pvd_id_parse(NULL, 18, today, 0, &id), PVD_E_INVALID_ARGUMENT);
  s = pvd_id_parse("140105199003071234", 18, today, 0x80, &id);
  CHECK_STATUS(s, PVD_E_INVALID_ARGUMENT);
  /* personal data never appears in a message */
  CHECK(strstr(pvd_last_error(), "140105") == NULL);
  CHECK_STATUS(pvd_id_parse("140105199003071234", 18, -300000, 0, &id), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_id_parse("140105199003071234", 18, 3000000, 0, &id), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_id_parse("14010519900307123\xff", 18, today, 0, &id), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_last_error(), "UTF-8");
  CHECK(strstr(pvd_last_error(), "140105") == NULL);
}

/* The typed parse answers as the id.parse calculator. */
static void test_id_parse_vs_json(void) {
  static const char *const numbers[] = {"11010519491231002X", "11010519491231002x", "140105199003071234",
                                        "110101198001010010", "440304200002290022", "110105491231002",
                                        "140105199003071235", "440304200002300022", "1234"};
  pvd_engine *e = open_engine(NULL, NULL, 0);
  size_t i;
  for (i = 0; i < sizeof numbers / sizeof numbers[0]; ++i) {
    char req[256], buf[64];
    pvd_citizen_id id;
    char *r;
    snprintf(req, sizeof req, "{\"op\":\"id.parse\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"number\":\"%s\"}}",
             numbers[i]);
    r = exec(e, req);
    CHECK_STATUS(pvd_id_parse(numbers[i], strlen(numbers[i]), days_from_civil(2026, 1, 1), PVD_ID_ACCEPT_15_DIGITS, &id),
                 PVD_OK);
    if (id.problems == 0) {
      int y, m, d;
      CHECK_CONTAINS(r, "\"ok\":true");
      CHECK_STR(json_string_member(r, "number", buf, sizeof buf), id.number);
      CHECK_STR(json_string_member(r, "region", buf, sizeof buf), id.region);
      json_string_member(r, "gender", buf, sizeof buf);
      CHECK_EQ_INT(buf[0], id.gender);
      json_string_member(r, "birth_date", buf, sizeof buf);
      REQUIRE(sscanf(buf, "%d-%d-%d", &y, &m, &d) == 3);
      CHECK_EQ_INT(id.birth_date, days_from_civil(y, m, d));
    } else {
      CHECK_CONTAINS(r, "\"ok\":false");
      CHECK((strstr(r, "ID_FORMAT") != NULL) == ((id.problems & PVD_ID_FORMAT) != 0));
      CHECK((strstr(r, "ID_CHECKSUM") != NULL) == ((id.problems & PVD_ID_CHECKSUM) != 0));
      CHECK((strstr(r, "ID_BIRTH_DATE") != NULL) == ((id.problems & PVD_ID_BIRTH_DATE) != 0));
    }
    pvd_free(r);
  }
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------------ pension */

static void test_retirement(void) {
  static const struct {
    int y, m, d;
    pvd_category cat;
    const char *name;
  } people[] = {{1965, 1, 15, PVD_CATEGORY_M60, "M60"}, {1970, 6, 1, PVD_CATEGORY_M60, "M60"},
                {1980, 12, 31, PVD_CATEGORY_M60, "M60"}, {1960, 3, 3, PVD_CATEGORY_M60, "M60"},
                {1975, 5, 5, PVD_CATEGORY_F50, "F50"}, {1972, 2, 29, PVD_CATEGORY_F55, "F55"},
                {1990, 7, 1, PVD_CATEGORY_F55, "F55"}, {1974, 11, 30, PVD_CATEGORY_F50, "F50"}};
  pvd_engine *e = open_engine(NULL, NULL, 0);
  const int32_t as_of = days_from_civil(2026, 1, 1);
  pvd_retirement ret;
  size_t i;
  int32_t months = -1;

  for (i = 0; i < sizeof people / sizeof people[0]; ++i) {
    char req[256], buf[32];
    char *r;
    snprintf(req, sizeof req,
             "{\"op\":\"pension.retirement\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"birth_date\":\"%04d-%02d-%02d\","
             "\"category\":\"%s\"}}",
             people[i].y, people[i].m, people[i].d, people[i].name);
    r = exec(e, req);
    CHECK_CONTAINS(r, "\"ok\":true");
    CHECK_STATUS(pvd_pension_retirement(e, as_of, days_from_civil(people[i].y, people[i].m, people[i].d), people[i].cat, &ret),
                 PVD_OK);
    CHECK_EQ_INT(ret.statutory_month, month_serial(json_string_member(r, "retirement_month", buf, sizeof buf)));
    CHECK_EQ_INT(ret.original_month, month_serial(json_string_member(r, "original_month", buf, sizeof buf)));
    CHECK_EQ_INT(ret.earliest_month, month_serial(json_string_member(r, "earliest_month", buf, sizeof buf)));
    CHECK_EQ_INT(ret.latest_month, month_serial(json_string_member(r, "latest_month", buf, sizeof buf)));
    CHECK_EQ_INT(ret.delay_months, json_int_member(r, "delay_months", -1));
    CHECK_EQ_INT(ret.age_years, json_int_member(r, "years", -1));
    CHECK_EQ_INT(ret.age_months, json_int_member(r, "months", -1));
    CHECK_EQ_INT(ret.statutory_month, ret.original_month + ret.delay_months);
    pvd_free(r);
  }
  /* a man born 1965-01: original 2025-01, the reform's first month, delayed 1 */
  CHECK_STATUS(pvd_pension_retirement(e, as_of, days_from_civil(1965, 1, 15), PVD_CATEGORY_M60, &ret), PVD_OK);
  CHECK_EQ_INT(ret.original_month, PVD_MONTH(2025, 1));
  CHECK_EQ_INT(ret.delay_months, 1);
  CHECK_EQ_INT(ret.statutory_month, PVD_MONTH(2025, 2));

  CHECK_STATUS(pvd_pension_min_months(e, PVD_MONTH(2033, 4), &months), PVD_OK);
  CHECK_EQ_INT(months, 204);
  CHECK_STATUS(pvd_pension_min_months(e, PVD_MONTH(2026, 1), &months), PVD_OK);
  CHECK_EQ_INT(months, 180);
  CHECK_STATUS(pvd_pension_min_months(e, PVD_MONTH(2045, 1), &months), PVD_OK);
  CHECK_EQ_INT(months, 240);
  {
    char *r = exec(e, "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"retirement_month\":\"2031-07\"}}");
    CHECK_STATUS(pvd_pension_min_months(e, PVD_MONTH(2031, 7), &months), PVD_OK);
    CHECK_EQ_INT(months, json_int_member(r, "months", -1));
    pvd_free(r);
  }

  /* misuse and ranges */
  CHECK_STATUS(pvd_pension_retirement(NULL, as_of, 0, PVD_CATEGORY_M60, &ret), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_pension_retirement");
  CHECK_STATUS(pvd_pension_retirement(e, as_of, 0, PVD_CATEGORY_M60, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_pension_retirement(e, as_of, 0, 0, &ret), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "category");
  CHECK_STATUS(pvd_pension_retirement(e, as_of, 0, 4, &ret), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_pension_retirement(e, INT32_MAX, 0, PVD_CATEGORY_M60, &ret), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_pension_retirement(e, as_of, INT32_MIN, PVD_CATEGORY_M60, &ret), PVD_E_INVALID_ARGUMENT);
  /* the retirement month must fall by 9999-12: births up to 9929-12-31 (the Python batches' limit too) */
  CHECK_STATUS(pvd_pension_retirement(e, as_of, days_from_civil(9929, 12, 31), PVD_CATEGORY_M60, &ret), PVD_OK);
  CHECK_STATUS(pvd_pension_retirement(e, as_of, days_from_civil(9930, 1, 1), PVD_CATEGORY_M60, &ret),
               PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "birth_date");
  CHECK_STATUS(pvd_pension_min_months(NULL, PVD_MONTH(2033, 4), &months), PVD_E_MISUSE);
  CHECK_STATUS(pvd_pension_min_months(e, PVD_MONTH(2033, 4), NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_pension_min_months(e, -1, &months), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_pension_min_months(e, PVD_MONTH(10000, 1), &months), PVD_E_INVALID_ARGUMENT);
  /* a month the policy does not cover */
  CHECK_STATUS(pvd_pension_min_months(e, PVD_MONTH(1500, 1), &months), PVD_E_POLICY);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "pension.min_contribution_months");
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------------ windows */

static void test_payment_window(void) {
  pvd_engine *national = open_engine(NULL, NULL, 0);
  pvd_engine *e = open_engine(NULL, kWindowsOverlay, 0);
  int32_t open = -1;

  /* national: no window */
  CHECK_STATUS(pvd_hpf_payment_window(national, cst_seconds(2026, 7, 28, 23, 0, 0), &open), PVD_OK);
  CHECK_EQ_INT(open, 1);

  CHECK_STATUS(pvd_hpf_payment_window(e, cst_seconds(2026, 7, 3, 10, 0, 0), &open), PVD_OK);
  CHECK_EQ_INT(open, 1);
  CHECK_STATUS(pvd_hpf_payment_window(e, cst_seconds(2026, 7, 26, 10, 0, 0), &open), PVD_OK);
  CHECK_EQ_INT(open, 0);
  CHECK_STATUS(pvd_hpf_payment_window(e, cst_seconds(2026, 7, 25, 16, 59, 59), &open), PVD_OK);
  CHECK_EQ_INT(open, 1);
  CHECK_STATUS(pvd_hpf_payment_window(e, cst_seconds(2026, 7, 25, 17, 0, 0), &open), PVD_OK);
  CHECK_EQ_INT(open, 0);
  CHECK_STATUS(pvd_hpf_payment_window(e, cst_seconds(2026, 7, 1, 8, 0, 0), &open), PVD_OK);
  CHECK_EQ_INT(open, 1);
  CHECK_STATUS(pvd_hpf_payment_window(e, cst_seconds(2026, 7, 1, 7, 59, 59), &open), PVD_OK);
  CHECK_EQ_INT(open, 0);

  /* before the overlay's first version: not in force */
  open = -1;
  CHECK_STATUS(pvd_hpf_payment_window(e, cst_seconds(2016, 1, 5, 10, 0, 0), &open), PVD_E_POLICY);
  CHECK_EQ_INT(open, -1);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "hpf.payment_window");

  CHECK_STATUS(pvd_hpf_payment_window(NULL, 0, &open), PVD_E_MISUSE);
  CHECK_STATUS(pvd_hpf_payment_window(e, cst_seconds(2026, 7, 3, 10, 0, 0), NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_payment_window(e, INT64_MAX, &open), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_payment_window(e, INT64_MIN, &open), PVD_E_INVALID_ARGUMENT);
  pvd_engine_close(&national);
  pvd_engine_close(&e);
}

static void test_adjustment_window(void) {
  pvd_engine *national = open_engine(NULL, NULL, 0);
  pvd_engine *e = open_engine(NULL, kWindowsOverlay, 0);
  pvd_adjustment_window w;

  CHECK_STATUS(pvd_hpf_adjustment_window(national, cst_seconds(2026, 3, 10, 9, 0, 0), 2026, 5, &w), PVD_OK);
  CHECK_EQ_INT(w.open, 1);
  CHECK_EQ_INT(w.months_mask, 0xFFF);
  CHECK_EQ_INT(w.per_year, 0);

  /* March: outside */
  CHECK_STATUS(pvd_hpf_adjustment_window(e, cst_seconds(2026, 3, 10, 9, 0, 0), 0, 0, &w), PVD_OK);
  CHECK_EQ_INT(w.open, 0);
  CHECK_EQ_INT(w.month_open, 0);
  CHECK_EQ_INT(w.under_yearly_limit, 1);
  CHECK_EQ_INT(w.months_mask, 1u << 6);
  CHECK_EQ_INT(w.per_year, 1);
  /* July, never adjusted */
  CHECK_STATUS(pvd_hpf_adjustment_window(e, cst_seconds(2026, 7, 10, 9, 0, 0), 0, 0, &w), PVD_OK);
  CHECK_EQ_INT(w.open, 1);
  CHECK_EQ_INT(w.month_open, 1);
  CHECK_EQ_INT(w.done_this_year, 0);
  /* July, already adjusted this year */
  CHECK_STATUS(pvd_hpf_adjustment_window(e, cst_seconds(2026, 7, 10, 9, 0, 0), 2026, 1, &w), PVD_OK);
  CHECK_EQ_INT(w.open, 0);
  CHECK_EQ_INT(w.under_yearly_limit, 0);
  CHECK_EQ_INT(w.done_this_year, 1);
  /* July, adjusted last year */
  CHECK_STATUS(pvd_hpf_adjustment_window(e, cst_seconds(2026, 7, 10, 9, 0, 0), 2025, 1, &w), PVD_OK);
  CHECK_EQ_INT(w.open, 1);
  CHECK_EQ_INT(w.done_this_year, 0);

  CHECK_STATUS(pvd_hpf_adjustment_window(e, cst_seconds(2016, 7, 10, 9, 0, 0), 0, 0, &w), PVD_E_POLICY);
  CHECK_STATUS(pvd_hpf_adjustment_window(NULL, 0, 0, 0, &w), PVD_E_MISUSE);
  CHECK_STATUS(pvd_hpf_adjustment_window(e, cst_seconds(2026, 7, 10, 9, 0, 0), 0, 0, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_adjustment_window(e, cst_seconds(2026, 7, 10, 9, 0, 0), -1, 0, &w), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_adjustment_window(e, cst_seconds(2026, 7, 10, 9, 0, 0), 2026, -1, &w), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_adjustment_window(e, INT64_MAX, 0, 0, &w), PVD_E_INVALID_ARGUMENT);
  pvd_engine_close(&national);
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------------ HPF deposit */

static void test_rate_limits(void) {
  pvd_engine *e = open_engine(NULL, NULL, 0);
  pvd_engine_options o = PVD_ENGINE_OPTIONS_INIT;
  pvd_engine *odd = NULL;
  int64_t lo = -1, hi = -1;
  pvd_status s;

  CHECK_STATUS(pvd_hpf_rate_limits(e, days_from_civil(2026, 1, 1), &lo, &hi), PVD_OK);
  CHECK_EQ_INT(lo, 50000);
  CHECK_EQ_INT(hi, 120000);
  CHECK_STATUS(pvd_hpf_rate_limits(NULL, 0, &lo, &hi), PVD_E_MISUSE);
  CHECK_STATUS(pvd_hpf_rate_limits(e, 0, NULL, &hi), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_rate_limits(e, 0, &lo, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_rate_limits(e, INT32_MIN, &lo, &hi), PVD_E_INVALID_ARGUMENT);

  /* a policy rate that millionths cannot represent: PVD_E_POLICY */
  o.overlay = "[[hpf.rate.min]]\nfrom = 2020-01-01\nvalue = \"0.0500001\"\nsource = \"test\"\nverified = true\n";
  s = pvd_engine_open(&o, &odd);
  if (s == PVD_OK) {
    lo = hi = -1;
    CHECK_STATUS(pvd_hpf_rate_limits(odd, days_from_civil(2026, 1, 1), &lo, &hi), PVD_E_POLICY);
    CHECK_CONTAINS(pvd_engine_errmsg(odd), "millionths");
    CHECK_EQ_INT(lo, -1);
    pvd_engine_close(&odd);
  } else {
    fprintf(stderr, "note: the loader refuses a 7-decimal rate (%s); PVD_E_POLICY path not reached\n", pvd_last_error());
    CHECK_STATUS(s, PVD_E_POLICY);
  }
  pvd_engine_close(&e);
}

static void test_deposit_batch(void) {
  enum { N = 7 };
  static const int64_t base[N] = {269000, 500000, 1234567, 0, 300050, 999999999, 1};
  static const int64_t er[N] = {70000, 120000, 50000, 120000, 75000, 123456, 1000000};
  static const int64_t ee[N] = {70000, 120000, 80000, 0, 50000, 100000, 0};
  int64_t out_er[N], out_ee[N];
  pvd_engine *e = open_engine(NULL, NULL, 0);
  size_t i;

  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), N, base, er, ee, out_er, out_ee), PVD_OK);
  /* national rounds each part half up to yuan: 2690.00 × 7% = 188.30 → 188 */
  CHECK_EQ_INT(out_er[0], 18800);
  CHECK_EQ_INT(out_ee[0], 18800);
  CHECK_EQ_INT(out_er[1], 60000);
  CHECK_EQ_INT(out_er[3], 0);
  CHECK_EQ_INT(out_ee[3], 0);

  /* row by row, as the hpf.deposit calculator says */
  for (i = 0; i < N; ++i) {
    char req[512], buf[64];
    char *r;
    snprintf(req, sizeof req,
             "{\"op\":\"hpf.deposit\",\"as_of\":\"2026-01-15T10:00:00\",\"args\":{\"base\":\"%lld.%02lld\","
             "\"employer_rate\":\"%lld.%06lld\",\"employee_rate\":\"%lld.%06lld\"}}",
             (long long)(base[i] / 100), (long long)(base[i] % 100), (long long)(er[i] / 1000000),
             (long long)(er[i] % 1000000), (long long)(ee[i] / 1000000), (long long)(ee[i] % 1000000));
    r = exec(e, req);
    CHECK_CONTAINS(r, "\"ok\":true");
    {
      long long yuan = 0, fen = 0;
      json_string_member(r, "employer_part", buf, sizeof buf);
      REQUIRE(sscanf(buf, "%lld.%lld", &yuan, &fen) == 2);
      CHECK_EQ_INT(out_er[i], yuan * 100 + fen);
      json_string_member(r, "employee_part", buf, sizeof buf);
      REQUIRE(sscanf(buf, "%lld.%lld", &yuan, &fen) == 2);
      CHECK_EQ_INT(out_ee[i], yuan * 100 + fen);
    }
    pvd_free(r);
  }

  /* exact for very large bases (the 128-bit path) */
  {
    int64_t b[2] = {INT64_C(10000000000000), INT64_MAX};
    int64_t r1[2] = {120000, 0}, r2[2] = {1000000, 1000000}, o1[2], o2[2];
    CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 2, b, r1, r2, o1, o2), PVD_OK);
    CHECK_EQ_INT(o1[0], INT64_C(1200000000000));
    CHECK_EQ_INT(o2[0], INT64_C(10000000000000));
    CHECK_EQ_INT(o1[1], 0);
  }

  /* n = 0: the arrays may be NULL */
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 0, NULL, NULL, NULL, NULL, NULL), PVD_OK);

  /* validation: the first bad row named; the outputs of a refused call are unspecified (rows are
     checked and computed a block at a time), so nothing is asserted of them */
  {
    int64_t b[4] = {100000, 100000, -1, 100000};
    int64_t r1[4] = {120000, 120000, 120000, 120000}, r2[4] = {120000, 120000, 120000, 1000001};
    int64_t o1[4] = {-7, -7, -7, -7}, o2[4] = {-7, -7, -7, -7};
    CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 4, b, r1, r2, o1, o2), PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "row 2");
    CHECK_CONTAINS(pvd_engine_errmsg(e), "base_fen");
    b[2] = 0;
    CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 4, b, r1, r2, o1, o2), PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "row 3");
    CHECK_CONTAINS(pvd_engine_errmsg(e), "employee_rate_micros");
    r2[3] = 0;
    r1[0] = -1;
    CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 4, b, r1, r2, o1, o2), PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "row 0");
    CHECK_CONTAINS(pvd_engine_errmsg(e), "employer_rate_micros");
    r1[0] = 120000;
    CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 4, b, r1, r2, o1, o2), PVD_OK);
    CHECK_EQ_INT(o1[0], 12000);
  }

  /* misuse */
  CHECK_STATUS(pvd_hpf_deposit_batch(NULL, PVD_MONTH(2026, 1), N, base, er, ee, out_er, out_ee), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_hpf_deposit_batch");
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), N, NULL, er, ee, out_er, out_ee), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), N, base, NULL, ee, out_er, out_ee), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), N, base, er, NULL, out_er, out_ee), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), N, base, er, ee, NULL, out_ee), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), N, base, er, ee, out_er, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_deposit_batch(e, -5, N, base, er, ee, out_er, out_ee), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_hpf_deposit_batch(e, INT32_MAX, N, base, er, ee, out_er, out_ee), PVD_E_INVALID_ARGUMENT);
  /* a month the policy does not cover */
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(1990, 1), N, base, er, ee, out_er, out_ee), PVD_E_POLICY);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "hpf.deposit.rounding");
  pvd_engine_close(&e);
}

/* ------------------------------------------------------------------ misuse */

/* Every entry point that takes an engine refuses NULL with PVD_E_MISUSE and a
 * message in pvd_last_error(); every out pointer NULL is refused. */
/* pvd_policy_get: the policy.get query without JSON in (docs/queries.md §7) */
static void test_policy_get(void) {
  pvd_engine *e = open_engine(NULL, NULL, 0);
  char *r = NULL;
  size_t len = 0;

  CHECK_STATUS(pvd_policy_get(e, "hpf.base.floor", "2024-07-01", "shanghai", &r, &len), PVD_OK);
  CHECK_CONTAINS(r, "\"value\":\"2690.00\"");
  CHECK_CONTAINS(r, "\"from\":\"2024-07-01\",\"to\":\"2025-06-30\"");
  CHECK_CONTAINS(r, "\"profile\":\"shanghai\"");
  CHECK(len == strlen(r));
  pvd_free(r);

  /* a node of the parameter tree lists every parameter under it */
  CHECK_STATUS(pvd_policy_get(e, "hpf.base", "2024-07-01", "shanghai", &r, NULL), PVD_OK);
  CHECK_CONTAINS(r, "\"parameter\":\"hpf.base.floor\"");
  CHECK_CONTAINS(r, "\"parameter\":\"hpf.base.cap\"");
  pvd_free(r);

  /* a wrong key, date or profile is a response naming the field */
  CHECK_STATUS(pvd_policy_get(e, "hpf.nope", "2024-07-01", NULL, &r, NULL), PVD_OK);
  CHECK_CONTAINS(r, "\"field\":\"args.key\"");
  pvd_free(r);
  CHECK_STATUS(pvd_policy_get(e, "hpf.base.floor", "2024-13-01", NULL, &r, NULL), PVD_OK);
  CHECK_CONTAINS(r, "\"field\":\"args.date\"");
  pvd_free(r);
  CHECK_STATUS(pvd_policy_get(e, "hpf.base.floor", "2024-07-01", "shangai\"", &r, NULL), PVD_OK);
  CHECK_CONTAINS(r, "\"field\":\"args.profile\"");
  pvd_free(r);

  /* NULL arguments and text that is not UTF-8 are the caller's mistakes */
  CHECK_STATUS(pvd_policy_get(e, NULL, "2024-07-01", NULL, &r, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK(r == NULL);
  CHECK_STATUS(pvd_policy_get(e, "hpf.base.floor", NULL, NULL, &r, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_policy_get(e, "hpf.base.floor", "2024-07-01", NULL, NULL, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_STATUS(pvd_policy_get(e, "hpf\xff", "2024-07-01", NULL, &r, NULL), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "UTF-8");
  CHECK_STATUS(pvd_policy_get(NULL, "hpf.base.floor", "2024-07-01", NULL, &r, NULL), PVD_E_MISUSE);
  pvd_engine_close(&e);
}

static void test_null_engine(void) {
  int32_t i32;
  int64_t i64a, i64b;
  pvd_retirement ret;
  pvd_adjustment_window w;
  char *r = NULL;
  CHECK_STATUS(pvd_engine_execute(NULL, "{}", 2, &r, NULL), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_engine_execute");
  CHECK_STATUS(pvd_pension_retirement(NULL, 0, 0, PVD_CATEGORY_M60, &ret), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_pension_retirement");
  CHECK_STATUS(pvd_pension_min_months(NULL, PVD_MONTH(2030, 1), &i32), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_pension_min_months");
  CHECK_STATUS(pvd_hpf_payment_window(NULL, 0, &i32), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_hpf_payment_window");
  CHECK_STATUS(pvd_hpf_adjustment_window(NULL, 0, 0, 0, &w), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_hpf_adjustment_window");
  CHECK_STATUS(pvd_hpf_rate_limits(NULL, 0, &i64a, &i64b), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_hpf_rate_limits");
  CHECK_STATUS(pvd_hpf_deposit_batch(NULL, PVD_MONTH(2030, 1), 0, NULL, NULL, NULL, NULL, NULL), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "pvd_hpf_deposit_batch");
  CHECK(pvd_engine_errmsg(NULL) != NULL);
  pvd_engine_close(NULL);
  pvd_free(NULL);
}

/* Many engines opened and closed on one thread: messages stay per engine,
 * and a new engine never shows an old engine's message. */
static void test_errmsg_lifetimes(void) {
  int k;
  for (k = 0; k < 100; ++k) {
    pvd_engine *e = open_engine(NULL, NULL, 0);
    int32_t months;
    CHECK_STR(pvd_engine_errmsg(e), "");
    CHECK_STATUS(pvd_pension_min_months(e, -k - 1, &months), PVD_E_INVALID_ARGUMENT);
    CHECK_CONTAINS(pvd_engine_errmsg(e), "retirement_month");
    pvd_engine_close(&e);
  }
}

/* Issue 13: a closed handle, a handle closed twice, a foreign pointer, an n no
 * array can hold, and outputs overlapping inputs are refused where cheap. */
static void test_handle_misuse(void) {
  static const int64_t base[2] = {269000, 500000};
  static const int64_t rate[2] = {70000, 70000};
  int64_t out_er[2], out_ee[2], foreign[4] = {0, 0, 0, 0};
  pvd_engine *e = open_engine(NULL, NULL, 0);
  pvd_engine *copy = e;
  int32_t months = 0;
  char *r = NULL;
  size_t len = 0;
  const char *req = "{\"op\":\"pension.min_months\",\"as_of\":\"2026-01-01T00:00:00\",\"args\":{\"retirement_month\":\"2033-04\"}}";

  /* n larger than any array, overlapping outputs: refused before anything is read */
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), SIZE_MAX / 4, base, rate, rate, out_er, out_ee), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "n is larger than the arrays can be");
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 2, base, rate, rate, (int64_t *)base, out_ee), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "overlaps an input");
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 2, base, rate, rate, out_er, out_er + 1), PVD_E_INVALID_ARGUMENT);
  CHECK_CONTAINS(pvd_engine_errmsg(e), "the two output arrays overlap");
  CHECK_STATUS(pvd_hpf_deposit_batch(e, PVD_MONTH(2026, 1), 2, base, rate, rate, out_er, out_ee), PVD_OK);
  CHECK_EQ_INT(out_er[0], 18800);

  /* used after its close, and closed twice through a copy of the handle */
  pvd_engine_close(&e);
  CHECK(e == NULL);
  CHECK_STATUS(pvd_pension_min_months(copy, PVD_MONTH(2033, 4), &months), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "engine was closed");
  CHECK_STATUS(pvd_engine_execute(copy, req, strlen(req), &r, &len), PVD_E_MISUSE);
  CHECK(r == NULL);
  CHECK_STR(pvd_engine_errmsg(copy), "pvd_engine_errmsg: engine was closed");
  pvd_engine_close(&copy); /* nothing happens */
  CHECK(copy == NULL);

  /* a pointer to something else */
  CHECK_STATUS(pvd_pension_min_months((const pvd_engine *)foreign, PVD_MONTH(2033, 4), &months), PVD_E_MISUSE);
  CHECK_CONTAINS(pvd_last_error(), "not an engine handle");
}

int main(int argc, char **argv) {
  static const pvd_test tests[] = {
      {"version", test_version},
      {"open_close", test_open_close},
      {"open_options_size", test_open_options_size},
      {"open_policy", test_open_policy},
      {"strict_policy", test_strict_policy},
      {"open_store", test_open_store},
      {"open_utf8", test_open_utf8},
      {"execute", test_execute},
      {"execute_utf8", test_execute_utf8},
      {"execute_misuse", test_execute_misuse},
      {"id_parse", test_id_parse},
      {"id_parse_vs_json", test_id_parse_vs_json},
      {"retirement", test_retirement},
      {"payment_window", test_payment_window},
      {"adjustment_window", test_adjustment_window},
      {"rate_limits", test_rate_limits},
      {"deposit_batch", test_deposit_batch},
      {"policy_get", test_policy_get},
      {"null_engine", test_null_engine},
      {"errmsg_lifetimes", test_errmsg_lifetimes},
      {"handle_misuse", test_handle_misuse},
  };
  return pvd_test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
