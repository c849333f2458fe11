/*
 * provident.h — the stable C ABI of provident, a rules engine for China's
 * housing provident fund (住房公积金, HPF) and social insurance (社会保险, SI).
 *
 * This header is the whole contract. It compiles as C99 and as C++ and has no
 * dependency beyond <stddef.h> and <stdint.h>. Link with -lprovident_c
 * (pkg-config: provident; CMake: find_package(provident CONFIG) and the
 * target provident::capi).
 *
 * ==========================================================================
 * 1. Two ways in
 * ==========================================================================
 *
 *   - JSON commands: pvd_engine_execute() takes one request of the JSON
 *     protocol (protocol.md §1: calculators, state-changing operations in
 *     store mode or, with "facts", in stateless mode, queries) and returns one
 *     response. Every operation the engine knows works through it, including
 *     operations added after this header was written, without an ABI change.
 *     The responses are byte for byte those of `provident exec`.
 *
 *   - Typed fast paths: a few pure rules as plain C calls on exact integers,
 *     without JSON and with nothing for the caller to free (ID parsing,
 *     statutory retirement, minimum contribution months, the HPF payment and
 *     adjustment windows, the HPF rate limits and the batch HPF deposit).
 *
 * ==========================================================================
 * 2. Conventions (modelled on SQLite, libgit2 and DuckDB)
 * ==========================================================================
 *
 * Names. Everything this library exports starts with pvd_ (functions, types)
 * or PVD_ (macros). The shared library exports nothing else; its SONAME is
 * libprovident_c.so.<PVD_ABI_VERSION>.
 *
 * Status. Every function that can fail returns a pvd_status: PVD_OK (0) or a
 * negative PVD_E_* code (section 3). Constructors write their result through
 * an out_* pointer and set it to NULL on failure. Destroy functions take the
 * address of the handle, accept NULL (and a NULL handle), and set the handle
 * to NULL.
 *
 * Error detail. When a call that takes an engine fails, a message describing
 * the failure (English, one line, never NULL) is available from
 * pvd_engine_errmsg(engine) on the same thread. When a call without an engine
 * fails (pvd_engine_open, pvd_id_parse), or a call is given a NULL engine, the
 * message is available from pvd_last_error() on the same thread. Messages
 * never contain a personal identifier (ID, card or phone number) in clear.
 * Successful calls leave the last message in place, except pvd_engine_execute
 * and pvd_policy_get: they set the message from the response they return
 * ("" when it is ok, else a one-line summary of its error or violations).
 *
 * Memory. Whatever the library allocates for the caller (the response of
 * pvd_engine_execute) is released with pvd_free() and with nothing else. The
 * library never keeps, frees or writes through a caller's pointer after the
 * call returns. Strings returned as `const char *` (pvd_version,
 * pvd_status_string, pvd_engine_errmsg, pvd_last_error) belong to the
 * library: never free them.
 *
 * Strings. Text is UTF-8. Inputs that may hold NUL, or that are not
 * NUL-terminated, are passed as (pointer, length); the pointer may be NULL
 * when the length is 0. Invalid UTF-8 is refused (as PVD_E_INVALID_ARGUMENT,
 * or in a JSON response as the error REQ_MALFORMED); it never crashes.
 *
 * Exact values — never floating point:
 *   money       int64_t fen (分): 123.45 yuan = 12345
 *   rate        int64_t millionths: 12% = 120000, 0.05% = 500. A rate read
 *               from policy that millionths cannot represent exactly makes
 *               the typed call fail with PVD_E_POLICY (use JSON instead).
 *   month       int32_t serial year*12 + month - 1: 2026-07 = 24318
 *               (PVD_MONTH(2026, 7)). Valid: 1400-01 … 9999-12.
 *   date        int32_t days since 1970-01-01: 2026-07-03 = 20637.
 *               Valid: 1400-01-01 (-208188) … 9999-12-31 (2932896).
 *   date-time   int64_t seconds since 1970-01-01T00:00:00 China Standard
 *               Time (UTC+08:00, no daylight saving), i.e. local wall-clock
 *               seconds: the Unix time of the moment plus 28800. Its date
 *               must be a valid date.
 *   booleans    int32_t 0 or 1 in results.
 *   A value outside these ranges is PVD_E_INVALID_ARGUMENT.
 *
 * No exception, C++ or otherwise, ever leaves a pvd_ function: every entry
 * point catches and converts to a status (PVD_E_NOMEM for memory exhaustion,
 * PVD_E_INTERNAL for anything unexpected).
 *
 * Determinism. The engine never reads the clock, the locale or the
 * environment, opens no sockets and starts no threads. Every date it needs
 * comes from the caller (as_of). One exception, SQLite's: when a store is
 * opened, the SQLite library the engine links may read SQLITE_TMPDIR or
 * TMPDIR to know where temporary files would go; the store keeps temporary
 * data in memory (temp_store = MEMORY), so it writes none there.
 *
 * ==========================================================================
 * 3. Threads
 * ==========================================================================
 *
 * The library has no global mutable state apart from per-thread error
 * messages; different engines are independent. On one engine:
 *   - the typed fast paths, calculators and stateless pvd_engine_execute
 *     calls (requests with "facts") may run concurrently from any number of
 *     threads;
 *   - store-mode pvd_engine_execute calls may also be made from several
 *     threads: the engine serialises them internally;
 *   - pvd_engine_close must not run concurrently with any other call on the
 *     same engine, and the engine must not be used after it.
 * Error messages are kept per engine and per thread (pvd_engine_errmsg) and
 * per thread (pvd_last_error): one thread never sees, or overwrites, another
 * thread's message.
 *
 * ==========================================================================
 * 4. Versions and ABI stability
 * ==========================================================================
 *
 * PVD_VERSION_* give the version of this header; pvd_version() that of the
 * library actually loaded. The ABI (this header's functions, types, struct
 * layouts and constants) is stable while PVD_ABI_VERSION (the SONAME number)
 * does not change: a later library of the same ABI version only adds
 * functions, options fields at the end of pvd_engine_options, flags and
 * status codes. Output structs are frozen: a richer answer comes as a new
 * function. The ABI is checked in CI against a recorded baseline.
 * Callers should treat any negative status they do not know as a failure.
 */
#ifndef PROVIDENT_H
#define PROVIDENT_H

#include <stddef.h>
#include <stdint.h>

/* -------------------------------------------------------------- export */

/* PVD_API marks every exported function (the one export macro). */
#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(PVD_BUILDING_LIBRARY)
#    define PVD_API __declspec(dllexport)
#  elif defined(PVD_STATIC)
#    define PVD_API
#  else
#    define PVD_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define PVD_API __attribute__((visibility("default")))
#else
#  define PVD_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* -------------------------------------------------------------- versions */

#define PVD_VERSION_MAJOR 0
#define PVD_VERSION_MINOR 1
#define PVD_VERSION_PATCH 0
#define PVD_VERSION_STRING "0.1.0"
/* MAJOR*1000000 + MINOR*1000 + PATCH, for #if comparisons. */
#define PVD_VERSION_NUMBER (PVD_VERSION_MAJOR * 1000000 + PVD_VERSION_MINOR * 1000 + PVD_VERSION_PATCH)
/* The ABI version: the SONAME number (libprovident_c.so.0). */
#define PVD_ABI_VERSION 0

/* The library's version, "MAJOR.MINOR.PATCH" (static; never NULL). */
PVD_API const char *pvd_version(void);

/* The library's ABI version; a program compiled against this header works
 * with the loaded library when pvd_abi_version() == PVD_ABI_VERSION and
 * pvd_version() is not older than PVD_VERSION_STRING. */
PVD_API int32_t pvd_abi_version(void);

/* -------------------------------------------------------------- status */

typedef int32_t pvd_status;

/* Success. */
#define PVD_OK 0
/* An argument is invalid: a NULL pointer where one is required, a value out
 * of range (a month, date or date-time outside the valid range, an unknown
 * category or flag), invalid UTF-8, an options struct of a wrong size or
 * with non-zero unknown trailing bytes, a batch row with a negative base or
 * a rate outside 0…1000000 (the message names the row and the field). */
#define PVD_E_INVALID_ARGUMENT (-1)
/* Something named does not exist: a policy that is neither a shipped profile
 * name nor an existing file. */
#define PVD_E_NOT_FOUND (-2)
/* Policy: a profile or overlay that does not load; a parameter with no value
 * in force on the date a rule reads it (POLICY_NOT_IN_FORCE); a policy rate
 * that millionths cannot represent exactly. */
#define PVD_E_POLICY (-3)
/* The store (the SQLite file) cannot be opened or used. */
#define PVD_E_STORE (-4)
/* Out of memory. Nothing was produced. */
#define PVD_E_NOMEM (-5)
/* The API was misused: a NULL engine handle, or one already closed (or not
 * an engine at all) — detected where the memory is still the library's: a
 * closed handle's memory is kept until 64 more engines have been closed. */
#define PVD_E_MISUSE (-6)
/* An unexpected internal failure (a bug; please report it with the message). */
#define PVD_E_INTERNAL (-7)

/* The name of a status ("PVD_OK", "PVD_E_POLICY", …; "PVD_E_UNKNOWN" for a
 * code this library does not know). Static; never NULL. */
PVD_API const char *pvd_status_string(pvd_status status);

/* -------------------------------------------------------------- memory */

/* Releases memory the library allocated for the caller (a response of
 * pvd_engine_execute). NULL is accepted and ignored. */
PVD_API void pvd_free(void *p);

/* -------------------------------------------------------------- errors */

/* The message of the calling thread's last failed call without an engine
 * (pvd_engine_open, pvd_id_parse) or with a NULL engine. "" when there was
 * none. Never NULL. The string belongs to the library and stays valid until
 * the calling thread's next call into the library. */
PVD_API const char *pvd_last_error(void);

/* -------------------------------------------------------------- engine */

/* An engine: the loaded policy profiles, the default profile (with an
 * optional overlay) and the store (a SQLite file, or in memory). Opaque. */
typedef struct pvd_engine pvd_engine;

/* pvd_engine_options.flags */
/* Carry the last value of a policy parameter forward past the end of its
 * data instead of POLICY_NOT_IN_FORCE (responses say so). */
#define PVD_OPEN_LENIENT_POLICY 1u
/* Open the store read-only: state-changing requests are refused. */
#define PVD_OPEN_READONLY 2u
/* Refuse provisional policy figures (carried forward from an earlier period
 * until the period's own figure is published: 暂按上年度标准执行) with
 * POLICY_NOT_IN_FORCE instead of using them (responses name the provisional
 * figures they used in policy.provisional). */
#define PVD_OPEN_STRICT_POLICY 4u

/* Options of pvd_engine_open. Versioned by struct_size: always initialise
 * with PVD_ENGINE_OPTIONS_INIT or pvd_engine_options_init() (or set
 * struct_size = sizeof the struct and zero the rest). Later versions only
 * add members at the end. All strings are UTF-8, NUL-terminated, and only
 * read during pvd_engine_open. */
typedef struct pvd_engine_options {
  uint32_t struct_size; /* sizeof(pvd_engine_options) of the caller's header */
  const char *policy;   /* default profile: a shipped name ("taiyuan") or a
                           path to a profile file; NULL or "" = "national" */
  const char *db_path;  /* NULL: an in-memory store; else a SQLite file */
  uint32_t flags;       /* PVD_OPEN_* bits; unknown bits are refused */
  const char *overlay;  /* NULL, or a policy overlay (TOML text) applied on
                           top of the default profile */
} pvd_engine_options;

#define PVD_ENGINE_OPTIONS_INIT { (uint32_t)sizeof(pvd_engine_options), NULL, NULL, 0u, NULL }

/* The function form of PVD_ENGINE_OPTIONS_INIT, for hosts that cannot expand
 * a C macro (Java through JNA or the FFM API, Go's cgo, C#'s P/Invoke, Python's
 * ctypes). `struct_size` is the size of the caller's struct — sizeof in C,
 * the FFI's size of its declaration — so that a host built against an older
 * header is never written past its struct by a newer library (libgit2's
 * `_options_init(opts, version)` convention). Writes exactly struct_size
 * bytes: every member zero (policy, db_path and overlay NULL, flags 0; a later
 * library's appended members are zero, their defaults) and struct_size.
 * The caller owns the struct; the library keeps nothing. Returns PVD_OK, or
 * PVD_E_INVALID_ARGUMENT when options is NULL or struct_size is smaller than
 * the first published pvd_engine_options or larger than 4096 (message in
 * pvd_last_error()). */
PVD_API pvd_status pvd_engine_options_init(pvd_engine_options *options, uint32_t struct_size);

/* Opens an engine. `options` may be NULL (all defaults: "national", in-memory
 * store). On success returns PVD_OK and writes the engine to *out_engine; on
 * failure writes NULL and returns:
 *   PVD_E_INVALID_ARGUMENT  out_engine NULL; struct_size smaller than the first
 *                           published pvd_engine_options, or larger with a
 *                           non-zero byte past the members this library
 *                           knows; unknown flags; invalid UTF-8 in a string
 *   PVD_E_NOT_FOUND         policy is neither a shipped name nor a file
 *   PVD_E_POLICY            the profile or the overlay does not load
 *   PVD_E_STORE             the store cannot be opened
 *   PVD_E_NOMEM, PVD_E_INTERNAL
 * The message is in pvd_last_error(). Close the engine with pvd_engine_close. */
PVD_API pvd_status pvd_engine_open(const pvd_engine_options *options, pvd_engine **out_engine);

/* Closes an engine and releases everything it holds; sets *engine to NULL.
 * `engine` and `*engine` may be NULL; closing a closed engine again does
 * nothing (where its memory is still the library's, as PVD_E_MISUSE says). No other call may be running on the
 * engine; pointers it returned (pvd_engine_errmsg) become invalid. Responses
 * already returned by pvd_engine_execute stay valid until pvd_free. */
PVD_API void pvd_engine_close(pvd_engine **engine);

/* The calling thread's last failure on `engine`: the message of the most
 * recent call by this thread on this engine that returned a negative status,
 * or that returned a response which is not ok (pvd_engine_execute,
 * pvd_policy_get); "" when there was none, and "" again after such a call
 * whose response is ok. Never NULL (a NULL engine gives a fixed message).
 * A response that is not ok is summarised on one line in English from the
 * response's own (masked) messages:
 *   an error     "REQ_BAD_VALUE args.rate: <error.message_en>"
 *                ("<code>: <message_en>" when the error names no field)
 *   a denial     "denied: HPF_X (args.y): <message_en>; SI_Z (row 3): …"
 *                (every violation in order, as many as fit in 1 KiB, then
 *                "… and N more")
 * The string belongs to the engine and stays valid until this thread's next
 * call on this engine (or the engine's close). */
PVD_API const char *pvd_engine_errmsg(const pvd_engine *engine);

/* Runs one JSON request (protocol.md §1) and returns its JSON response: one
 * line, UTF-8, NUL-terminated, identical to what `provident exec` prints.
 *
 * request_json/request_len: the request; it need not be NUL-terminated, and a
 * NUL inside it is an error response (REQ_MALFORMED), as are invalid UTF-8,
 * anything but one JSON object, and duplicate keys; more than 16 MiB is
 * REQ_TOO_LARGE. request_json may be NULL only when request_len is 0.
 *
 * Returns PVD_OK whenever a response was produced — including responses whose
 * "error" is set (REQ_*, POLICY_NOT_IN_FORCE, STORE_ERROR, INTERNAL) and
 * denials that carry violations: read "ok" in the response. The response is
 * written to *out_response_json (release it with pvd_free) and its length in
 * bytes, excluding the NUL, to *out_response_len (out_response_len may be
 * NULL). Every call that produced a response sets pvd_engine_errmsg for the
 * calling thread: "" when the response is ok, else its one-line summary
 * (the error's code, field and message, or the denial's violations).
 *
 * Returns a negative status only when no response could be produced; then
 * *out_response_json is NULL (and *out_response_len 0):
 *   PVD_E_MISUSE            engine NULL, closed or not an engine (message in pvd_last_error())
 *   PVD_E_INVALID_ARGUMENT  out_response_json NULL, or request_json NULL with
 *                           a non-zero length
 *   PVD_E_NOMEM, PVD_E_INTERNAL
 *
 * Threads: see section 3 (stateless requests run concurrently; store-mode
 * requests are serialised inside the engine). */
PVD_API pvd_status pvd_engine_execute(pvd_engine *engine, const char *request_json, size_t request_len,
                                      char **out_response_json, size_t *out_response_len);

/* One policy parameter, or every parameter under a node of the dotted
 * parameter tree ("hpf.base"), in force on `date` ("YYYY-MM-DD"), with its
 * version, dates, source and verified/provisional flags: the policy.get
 * request (docs/queries.md §7) without writing JSON. `profile` is a shipped
 * profile's name, or NULL for the engine's default profile with its overlay.
 * key, date and profile are NUL-terminated UTF-8.
 *
 * Returns as pvd_engine_execute: PVD_OK with the response in
 * *out_response_json (release it with pvd_free) — read "ok"; an unknown key,
 * a bad date or profile is a response whose "error" names args.key, args.date
 * or args.profile (and pvd_engine_errmsg summarises it, as after
 * pvd_engine_execute; "" after an ok response). A NULL key, date or
 * out_response_json, or text that is not UTF-8, is PVD_E_INVALID_ARGUMENT. */
PVD_API pvd_status pvd_policy_get(pvd_engine *engine, const char *key, const char *date, const char *profile,
                                  char **out_response_json, size_t *out_response_len);

/* ==========================================================================
 * Typed fast paths. Pure calculations: no JSON, nothing to free (results go
 * to caller-provided memory), safe to call concurrently on one engine; apart
 * from pvd_id_parse they allocate nothing on success. They read the
 * engine's default policy (its profile with the overlay, if any). A NULL
 * engine is PVD_E_MISUSE; a NULL out pointer PVD_E_INVALID_ARGUMENT; a policy
 * parameter not in force on the date the rule reads it PVD_E_POLICY. Out
 * values are written only on PVD_OK.
 * ========================================================================== */

/* Builds a month serial from a year and a month 1–12 (no range check). */
#define PVD_MONTH(year, month) ((int32_t)((year) * 12 + (month) - 1))
#define PVD_MONTH_YEAR(serial) ((int32_t)(serial) / 12)
#define PVD_MONTH_OF_YEAR(serial) ((int32_t)(serial) % 12 + 1)

/* ---- ID numbers (公民身份号码, GB 11643-1999) ---- */

/* pvd_citizen_id.problems: what is wrong with a number (the violation codes
 * ID_FORMAT, ID_CHECKSUM, ID_BIRTH_DATE, ID_UNKNOWN_REGION of the JSON
 * protocol). ID_FORMAT is reported alone; the others may come together.
 * PVD_ID_UNKNOWN_REGION: the region is not a GB/T 2260 province-level code
 * (a residence permit of Hong Kong, Macao or Taiwan residents: not exactly
 * 810000, 820000 or 830000; a 2023 foreign permanent residence ID, starting
 * with 9: its digits 2-3 are not a mainland province). */
#define PVD_ID_FORMAT 1u
#define PVD_ID_CHECKSUM 2u
#define PVD_ID_BIRTH_DATE 4u
#define PVD_ID_UNKNOWN_REGION 8u

/* pvd_id_parse flags. */
/* Accept a 15-digit number (6 region, YYMMDD in 19yy, 3 sequence) and answer
 * with its 18-digit form, as the id.parse calculator and the pension
 * calculators do; without it a 15-digit number is PVD_ID_FORMAT, as in
 * state-changing operations. */
#define PVD_ID_ACCEPT_15_DIGITS 1u

/* A parsed ID number. The layout is frozen for this ABI version. */
typedef struct pvd_citizen_id {
  uint32_t problems;  /* 0: valid; else PVD_ID_* bits, and the members below
                         are zeroed / empty */
  int32_t birth_date; /* date (days since 1970-01-01) */
  char number[19];    /* the normalised 18 characters (upper-case X) + NUL */
  char region[7];     /* the 6-digit administrative division code + NUL (a
                         permanent residence ID: its province + "0000") */
  char gender;        /* 'M' or 'F' (odd or even sequence number) */
} pvd_citizen_id;

/* Parses and validates an ID number: 18 characters, a known region, check
 * character, a real birth date not after as_of_date; lower-case x is
 * normalised to X. The residence permits of Hong Kong, Macao and Taiwan
 * residents and the 2023 foreign permanent residence ID have the same form and
 * are accepted (the JSON id.parse also tells which it is). An
 * invalid number is an answer, not a failure: the call returns PVD_OK with
 * out->problems != 0. Needs no engine (failures: pvd_last_error()).
 * Fails with PVD_E_INVALID_ARGUMENT when number is NULL with len > 0, out is
 * NULL, as_of_date is out of range or flags has an unknown bit. */
PVD_API pvd_status pvd_id_parse(const char *number, size_t len, int32_t as_of_date, uint32_t flags,
                                pvd_citizen_id *out);

/* ---- Pension ---- */

/* Retirement categories (arithmetic.md §3.5). */
typedef int32_t pvd_category;
#define PVD_CATEGORY_M60 1 /* men; original age 60 */
#define PVD_CATEGORY_F55 2 /* women cadres; original age 55 */
#define PVD_CATEGORY_F50 3 /* women workers; original age 50 */

/* The statutory retirement of a person. Months are month serials. The layout
 * is frozen for this ABI version. */
typedef struct pvd_retirement {
  int32_t original_month;  /* birth month + original age (before the reform) */
  int32_t statutory_month; /* original_month + delay_months */
  int32_t delay_months;    /* the delay under the 2024 reform */
  int32_t age_years;       /* statutory age: years … */
  int32_t age_months;      /* … and months */
  int32_t earliest_month;  /* flexible early retirement, never before the original age */
  int32_t latest_month;    /* flexible late retirement; earliest = latest =
                              statutory_month when the person has no flexible
                              window (a statutory month before 2025-01, the
                              reform's start, or rules of as_of without one) */
} pvd_retirement;

/* Statutory retirement (the pension.retirement calculator) for a person born
 * on birth_date in `category`, under the rules in force on as_of_date.
 * PVD_E_INVALID_ARGUMENT: a date out of range, an unknown category, out NULL. */
PVD_API pvd_status pvd_pension_retirement(const pvd_engine *engine, int32_t as_of_date, int32_t birth_date,
                                          pvd_category category, pvd_retirement *out);

/* Minimum contribution months for a pension (the pension.min_months
 * calculator; arithmetic.md §3.6), keyed by the retirement month. */
PVD_API pvd_status pvd_pension_min_months(const pvd_engine *engine, int32_t retirement_month, int32_t *out_months);

/* ---- HPF windows ---- */

/* Whether remittance and back-pay are accepted at the moment as_of (a
 * date-time) under the engine's hpf.payment_window (Taiyuan: days 1–25,
 * 08:00 to before 17:00): *out_open = 1 or 0. */
PVD_API pvd_status pvd_hpf_payment_window(const pvd_engine *engine, int64_t as_of, int32_t *out_open);

/* The flexible-deposit adjustment window at a moment. The layout is frozen for
 * this ABI version. */
typedef struct pvd_adjustment_window {
  int32_t open;               /* 1 when an adjustment is allowed now: month_open && under_yearly_limit */
  int32_t month_open;         /* 1 when the as_of month is one of the months of hpf.flex.adjust.months */
  int32_t under_yearly_limit; /* 1 when done_this_year < per_year, or per_year is 0 */
  int32_t done_this_year;     /* adjustments counted in the calendar year of as_of */
  int32_t per_year;           /* hpf.flex.adjust.per_year (0 = unlimited) */
  uint32_t months_mask;       /* bit m-1 set: the window is open in month m (0xFFF: any month) */
} pvd_adjustment_window;

/* Whether a flexible worker's monthly deposit may be adjusted at as_of
 * (000 四; 002 三.6). last_adjust_year: the calendar year of the account's last
 * adjustment, or 0 for none; adjust_count: the adjustments made in that year
 * (≥ 0). */
PVD_API pvd_status pvd_hpf_adjustment_window(const pvd_engine *engine, int64_t as_of, int32_t last_adjust_year,
                                             int32_t adjust_count, pvd_adjustment_window *out);

/* ---- HPF deposit ---- */

/* The range of contribution rates (hpf.rate.min, hpf.rate.max) in force on
 * as_of_date, in millionths. PVD_E_POLICY when a rate is not a whole number
 * of millionths. */
PVD_API pvd_status pvd_hpf_rate_limits(const pvd_engine *engine, int32_t as_of_date, int64_t *out_min_micros,
                                       int64_t *out_max_micros);

/* The monthly HPF deposit of n rows (arithmetic.md §3.1), as the hpf.deposit
 * calculator computes it row by row:
 *   out_employer_fen[i] = round(base_fen[i] × employer_rate_micros[i] / 10⁶)
 *   out_employee_fen[i] = round(base_fen[i] × employee_rate_micros[i] / 10⁶)
 * each part rounded with hpf.deposit.rounding in force in as_of_month (a month
 * serial); the monthly deposit is their sum. Exact for every int64 base.
 *
 * Rows are checked while they are computed, a block at a time (512 rows: the
 * inputs are read from memory once): a negative base or a rate outside 0…1000000
 * fails the call with PVD_E_INVALID_ARGUMENT and pvd_engine_errmsg names the
 * first bad row and field; the outputs of a failed call are then unspecified
 * (the blocks before the bad row's may have been written).
 * The five arrays hold n elements each (they may be NULL when n is 0); the
 * outputs must not overlap the inputs or each other. An n larger than an
 * array could be, or overlapping arrays, fail the call with
 * PVD_E_INVALID_ARGUMENT before anything is read. Nothing is allocated per row. This
 * call does not enforce a city's rate range or base limits (see
 * pvd_hpf_rate_limits). */
PVD_API pvd_status pvd_hpf_deposit_batch(const pvd_engine *engine, int32_t as_of_month, size_t n,
                                         const int64_t *base_fen, const int64_t *employer_rate_micros,
                                         const int64_t *employee_rate_micros, int64_t *out_employer_fen,
                                         int64_t *out_employee_fen);

/* ---- Batch forms of the calculators (issue 19 (4)) ----
 *
 * Each runs one JSON calculator over n rows with the rules that operation
 * uses, reading the policy once per batch (or once per distinct month).
 * Common to all:
 *  - Arrays hold n elements (int64 unless said); every pointer may be NULL
 *    when n is 0; an output marked "may be NULL" is then not written.
 *  - Strings cross as one UTF-8 buffer `data` and n+1 int64 `offsets`
 *    (Arrow's string layout with 64-bit offsets): row i is the bytes
 *    data[offsets[i]] … data[offsets[i+1]-1]; offsets are ≥ 0 and
 *    non-decreasing; data holds offsets[n] bytes (NULL when that is 0).
 *    Periods and movements use the same form: row i owns the elements
 *    offsets[i] … offsets[i+1]-1 of the element arrays.
 *  - Every row is checked before any output is written: a bad row fails the
 *    call with PVD_E_INVALID_ARGUMENT, the outputs untouched, and the message
 *    (pvd_engine_errmsg, or pvd_last_error() for the calls without an engine)
 *    names the first bad row ("row 3: …") and its column. A policy value not
 *    in force where a row needs it fails with PVD_E_POLICY naming the row; the
 *    outputs of earlier rows may then be written, the rest are unspecified.
 *  - The n-element int64 outputs must not overlap the n-element inputs or
 *    each other (refused with PVD_E_INVALID_ARGUMENT where checked). */

/* pvd_si_contribution_batch flags: the amounts are wages (clamped to the base
 * limits in force in the row's month), not bases (priced as given). */
#define PVD_SI_AMOUNT_IS_WAGE 1u
/* SI types (a mask; 0 = all five), in this order in the by-type outputs. */
#define PVD_SI_PENSION 1u
#define PVD_SI_MEDICAL 2u
#define PVD_SI_UNEMPLOYMENT 4u
#define PVD_SI_INJURY 8u
#define PVD_SI_MATERNITY 16u
#define PVD_SI_ALL_TYPES 0x1Fu

/* The si.contribution calculator per row: amount_fen[i] (0 … 10^14 fen) is a
 * base or (PVD_SI_AMOUNT_IS_WAGE) a wage, month[i] a month serial; for each
 * selected type employer = round(base × rate) and employee likewise, rates
 * and si.amount.rounding in force on day 1 of the month. Outputs, fen:
 * out_base_fen (the base priced; may be NULL), out_employer_total_fen and
 * out_employee_total_fen (the sums over the types), and optionally
 * out_employer_by_type_fen / out_employee_by_type_fen: n × T row-major, T the
 * number of types selected, columns in the order of PVD_SI_*. */
PVD_API pvd_status pvd_si_contribution_batch(const pvd_engine *engine, size_t n, const int64_t *amount_fen,
                                             const int64_t *month, uint32_t flags, uint32_t types,
                                             int64_t *out_base_fen, int64_t *out_employer_total_fen,
                                             int64_t *out_employee_total_fen, int64_t *out_employer_by_type_fen,
                                             int64_t *out_employee_by_type_fen);

/* Interest methods of pvd_hpf_interest_batch. */
#define PVD_INTEREST_POLICY 0 /* the policy's hpf.interest.method */
#define PVD_INTEREST_MONTHLY 1
#define PVD_INTEREST_DAILY 2
#define PVD_INTEREST_TWO_RATE 3

/* The hpf.interest calculator per row: the interest year ending 30 June of
 * year[i] (1991 … 9999), opening_fen[i] ≥ 0, and the row's movements
 * (movement_offsets: n+1 offsets, or NULL for none in any row; movement_date
 * day serials inside the row's interest year; movement_amount_fen deposits
 * positive, withdrawals negative). Outputs, fen: out_interest_fen and
 * out_closing_fen (opening + movements + interest; may be NULL). */
PVD_API pvd_status pvd_hpf_interest_batch(const pvd_engine *engine, size_t n, const int64_t *year,
                                          const int64_t *opening_fen, const int64_t *movement_offsets,
                                          const int64_t *movement_date, const int64_t *movement_amount_fen,
                                          int32_t method, int64_t *out_interest_fen, int64_t *out_closing_fen);

/* pvd_id_parse over n strings (the id.parse calculator without a declared
 * document type): out_problems 0 for a valid number, else PVD_ID_* bits; for
 * a valid one out_kind 1 citizen ID, 2 Hong Kong/Macao residence permit, 3
 * Taiwan residence permit, 4 2023 foreign permanent residence ID;
 * out_birth_date a day serial; out_gender 1 male, 2 female; out_region the
 * 6-digit division code as a number (all 0 for an invalid number; each may be
 * NULL). flags: PVD_ID_ACCEPT_15_DIGITS. Needs no engine. */
PVD_API pvd_status pvd_id_parse_batch(size_t n, const char *data, const int64_t *offsets, int32_t as_of_date,
                                      uint32_t flags, int64_t *out_problems, int64_t *out_kind,
                                      int64_t *out_birth_date, int64_t *out_gender, int64_t *out_region);

/* The uscc.validate calculator per row (GB 32100-2015): out_valid 1 or 0.
 * Needs no engine. */
PVD_API pvd_status pvd_uscc_validate_batch(size_t n, const char *data, const int64_t *offsets, int64_t *out_valid);

/* The card.validate calculator per row: 16–19 digits, the Luhn check when
 * card.luhn_required is true on as_of_date: out_valid 1 or 0. */
PVD_API pvd_status pvd_card_validate_batch(const pvd_engine *engine, int32_t as_of_date, size_t n, const char *data,
                                           const int64_t *offsets, int64_t *out_valid);

/* The longest SI login name, in bytes. */
#define PVD_LOGIN_NAME_MAX 12u
/* The si.unit_login_name calculator per row (001 5.1): a 10-digit unit code
 * gets "00" appended, a 12-digit one is used as it is: out_valid 1 or 0, the
 * names written to out_data (capacity PVD_LOGIN_NAME_MAX × n bytes, not
 * NUL-terminated) with n+1 out_offsets (an invalid code: an empty name).
 * Needs no engine. */
PVD_API pvd_status pvd_si_unit_login_name_batch(size_t n, const char *data, const int64_t *offsets,
                                                int64_t *out_valid, char *out_data, int64_t *out_offsets);

/* The pension.count_months calculator per row (periods only): row i's paid
 * periods are from_month[j] … to_month[j] (month serials, inclusive) for j in
 * offsets[i] … offsets[i+1]-1. out_months: the months covered;
 * out_paid_twice (may be NULL): the months inside two periods or more. A
 * period ending before its start is a bad row (PERIOD_INVERTED in JSON).
 * Needs no engine. */
PVD_API pvd_status pvd_pension_count_months_batch(size_t n, const int64_t *offsets, const int64_t *from_month,
                                                  const int64_t *to_month, int64_t *out_months,
                                                  int64_t *out_paid_twice);

/* pvd_pension_check_claim_batch's violations, one bit per code. */
#define PVD_CLAIM_WORK_YEARS_SHORT 1          /* PENSION_WORK_YEARS_SHORT */
#define PVD_CLAIM_WORK_YEARS_EXCEED_SPAN 2    /* PENSION_WORK_YEARS_EXCEED_SPAN */
#define PVD_CLAIM_CONTRIBUTION_EXCEEDS_SPAN 4 /* PENSION_CONTRIBUTION_EXCEEDS_SPAN */
#define PVD_CLAIM_CONTRIBUTION_SHORT 8        /* PENSION_CONTRIBUTION_SHORT */
#define PVD_CLAIM_HAS_ARREARS 16              /* PENSION_HAS_ARREARS */
#define PVD_CLAIM_BEFORE_RETIREMENT_AGE 32    /* PENSION_BEFORE_RETIREMENT_AGE */
#define PVD_CLAIM_OTHER (INT64_C(1) << 62)    /* any other code: ask the JSON operation */

/* The pension.check_claim calculator per row, on a claim's numeric facts: a
 * birth date, category (PVD_CATEGORY_*), work_start_date and retirement_date
 * (day serials), work_months (work_years as years × 12 + months, 0 … 1211),
 * contribution_months (0 … 1200) and has_arrears (0 or 1; NULL: none) — no
 * ID number, periods, adjustments, special jobs or promotions (the JSON
 * operation takes those). as_of_date is the request's date. Outputs:
 * out_violations (0: the claim passes; else PVD_CLAIM_* bits),
 * out_counted_months, out_min_months, out_earliest_month (a month serial),
 * each but the first may be NULL. */
PVD_API pvd_status pvd_pension_check_claim_batch(const pvd_engine *engine, int32_t as_of_date, size_t n,
                                                 const int64_t *birth_date, const int64_t *category,
                                                 const int64_t *work_start_date, const int64_t *retirement_date,
                                                 const int64_t *work_months, const int64_t *contribution_months,
                                                 const int64_t *has_arrears, int64_t *out_violations,
                                                 int64_t *out_counted_months, int64_t *out_min_months,
                                                 int64_t *out_earliest_month);

/* pvd_pension_retirement for n people: birth_month serials and category
 * codes; out_statutory_month, and (each may be NULL) out_delay_months,
 * out_earliest_month, out_latest_month. */
PVD_API pvd_status pvd_pension_retirement_batch(const pvd_engine *engine, int32_t as_of_date, size_t n,
                                                const int64_t *birth_month, const int64_t *category,
                                                int64_t *out_statutory_month, int64_t *out_delay_months,
                                                int64_t *out_earliest_month, int64_t *out_latest_month);

/* pvd_pension_min_months for n retirement month serials. */
PVD_API pvd_status pvd_pension_min_months_batch(const pvd_engine *engine, size_t n, const int64_t *retirement_month,
                                                int64_t *out_months);

/* The si.late_fee calculator per row: principal_fen (0 … 10^14), due_date
 * and paid_date day serials; out_fee_fen. */
PVD_API pvd_status pvd_si_late_fee_batch(const pvd_engine *engine, size_t n, const int64_t *principal_fen,
                                         const int64_t *due_date, const int64_t *paid_date, int64_t *out_fee_fen);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PROVIDENT_H */
