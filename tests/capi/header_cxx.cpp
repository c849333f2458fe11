// provident.h compiles as C++ (C++11, -Wpedantic -Werror) and links with C
// linkage.
#include "provident.h"

#include <cstdio>
#include <type_traits>

static_assert(std::is_same<pvd_status, int32_t>::value, "pvd_status is int32_t");
static_assert(std::is_standard_layout<pvd_engine_options>::value, "C layout");

int main() {
  pvd_engine_options options = PVD_ENGINE_OPTIONS_INIT;
  pvd_engine* engine = nullptr;
  if (pvd_engine_open(&options, &engine) != PVD_OK) return 1;
  int32_t months = 0;
  const pvd_status s = pvd_pension_min_months(engine, PVD_MONTH(2033, 4), &months);
  pvd_engine_close(&engine);
  std::printf("%s %d\n", pvd_version(), months);
  return s == PVD_OK && months == 204 && engine == nullptr ? 0 : 1;
}
