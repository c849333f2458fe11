/* An outside program written against the installed provident.h alone: one
 * JSON request per line on stdin, one response per line on stdout (like
 * `provident exec`), then a typed call. Built by the install test through
 * find_package(provident CONFIG) (shared and static) and through pkg-config. */
#include <provident.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  static char line[1 << 16];
  pvd_engine_options options = PVD_ENGINE_OPTIONS_INIT;
  pvd_engine *engine = NULL;
  int32_t months = 0;

  if (pvd_abi_version() != PVD_ABI_VERSION) {
    fprintf(stderr, "ABI %d loaded, %d expected\n", (int)pvd_abi_version(), PVD_ABI_VERSION);
    return 1;
  }
  if (pvd_engine_open(&options, &engine) != PVD_OK) {
    fprintf(stderr, "open: %s\n", pvd_last_error());
    return 1;
  }
  while (fgets(line, sizeof line, stdin)) {
    size_t len = strlen(line);
    char *response = NULL;
    size_t response_len = 0;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) --len;
    if (len == 0) continue;
    if (pvd_engine_execute(engine, line, len, &response, &response_len) != PVD_OK) {
      fprintf(stderr, "execute: %s\n", pvd_engine_errmsg(engine));
      return 1;
    }
    printf("%s\n", response);
    pvd_free(response);
  }
  if (pvd_pension_min_months(engine, PVD_MONTH(2033, 4), &months) != PVD_OK || months != 204) {
    fprintf(stderr, "pvd_pension_min_months: %s (%d)\n", pvd_engine_errmsg(engine), (int)months);
    return 1;
  }
  pvd_engine_close(&engine);
  return 0;
}
