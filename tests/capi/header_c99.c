/* provident.h compiles as strict C99 with -Wpedantic -Werror, and its macros
 * are usable in constant expressions. */
#include "provident.h"

#include <stdio.h>

static const pvd_engine_options kOptions = PVD_ENGINE_OPTIONS_INIT;
typedef char month_macro_is_constant[PVD_MONTH(2026, 7) == 24318 ? 1 : -1];
#if PVD_VERSION_NUMBER < 1000
#error PVD_VERSION_NUMBER is not usable in #if
#endif

int main(void) {
  month_macro_is_constant check;
  (void)check;
  printf("%s %u\n", pvd_version(), (unsigned)kOptions.struct_size);
  return kOptions.struct_size == sizeof(pvd_engine_options) ? 0 : 1;
}
