/* Prints the layout of every public struct of provident.h and the value of
 * every public constant, one fact per line. capi/abi/layout-<arch>.txt holds
 * the recorded output; the test capi_abi_layout compares the two, so that a
 * change of a size, an offset or a constant is caught even without abidiff. */
#include <stddef.h>
#include <stdio.h>

#include "provident.h"

#define ALIGNOF(T) offsetof(struct { char c; T t; }, t)
#define STRUCT(T) printf("struct %s size=%u align=%u\n", #T, (unsigned)sizeof(T), (unsigned)ALIGNOF(T))
#define MEMBER(T, m) \
  printf("  %s.%s offset=%u size=%u\n", #T, #m, (unsigned)offsetof(T, m), (unsigned)sizeof(((T *)0)->m))
#define CONST(c) printf("const %s=%lld\n", #c, (long long)(c))

int main(void) {
  STRUCT(pvd_engine_options);
  MEMBER(pvd_engine_options, struct_size);
  MEMBER(pvd_engine_options, policy);
  MEMBER(pvd_engine_options, db_path);
  MEMBER(pvd_engine_options, flags);
  MEMBER(pvd_engine_options, overlay);

  STRUCT(pvd_citizen_id);
  MEMBER(pvd_citizen_id, problems);
  MEMBER(pvd_citizen_id, birth_date);
  MEMBER(pvd_citizen_id, number);
  MEMBER(pvd_citizen_id, region);
  MEMBER(pvd_citizen_id, gender);

  STRUCT(pvd_retirement);
  MEMBER(pvd_retirement, original_month);
  MEMBER(pvd_retirement, statutory_month);
  MEMBER(pvd_retirement, delay_months);
  MEMBER(pvd_retirement, age_years);
  MEMBER(pvd_retirement, age_months);
  MEMBER(pvd_retirement, earliest_month);
  MEMBER(pvd_retirement, latest_month);

  STRUCT(pvd_adjustment_window);
  MEMBER(pvd_adjustment_window, open);
  MEMBER(pvd_adjustment_window, month_open);
  MEMBER(pvd_adjustment_window, under_yearly_limit);
  MEMBER(pvd_adjustment_window, done_this_year);
  MEMBER(pvd_adjustment_window, per_year);
  MEMBER(pvd_adjustment_window, months_mask);

  printf("type pvd_status size=%u\n", (unsigned)sizeof(pvd_status));
  printf("type pvd_category size=%u\n", (unsigned)sizeof(pvd_category));

  CONST(PVD_ABI_VERSION);
  CONST(PVD_OK);
  CONST(PVD_E_INVALID_ARGUMENT);
  CONST(PVD_E_NOT_FOUND);
  CONST(PVD_E_POLICY);
  CONST(PVD_E_STORE);
  CONST(PVD_E_NOMEM);
  CONST(PVD_E_MISUSE);
  CONST(PVD_E_INTERNAL);
  CONST(PVD_OPEN_LENIENT_POLICY);
  CONST(PVD_OPEN_READONLY);
  CONST(PVD_ID_FORMAT);
  CONST(PVD_ID_CHECKSUM);
  CONST(PVD_ID_BIRTH_DATE);
  CONST(PVD_ID_UNKNOWN_REGION);
  CONST(PVD_ID_ACCEPT_15_DIGITS);
  CONST(PVD_CATEGORY_M60);
  CONST(PVD_CATEGORY_F55);
  CONST(PVD_CATEGORY_F50);
  CONST(PVD_MONTH(2026, 7));
  return 0;
}
