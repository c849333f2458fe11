/* capi_exec — `provident exec` over the C ABI: one JSON request per line on
 * stdin, one JSON response per line on stdout, through pvd_engine_execute.
 * Used to check that the C ABI answers byte for byte as the CLI does
 * (tests/capi/corpus_compare.py).
 *
 *   capi_exec [--policy NAME|PATH] [--db PATH] [--lenient] [--strict] [--readonly] [--overlay FILE]
 *
 * Same contract as the CLI (protocol.md §4): one output line per input line
 * (a blank line, spaces and tabs only, answers an empty line; a line whose
 * first other character is '#' is a comment, echoed unchanged), a trailing CR
 * is dropped, violations and errors are responses and a bad line never ends
 * the process; the exit status is 0 when every response is ok, 1 when one is
 * not (an error or a denial), 2 for a usage error or an engine that does not
 * open. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provident.h"

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = (char *)malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
      free(buf);
      buf = NULL;
    }
    if (buf) buf[n] = '\0';
  }
  fclose(f);
  return buf;
}

/* "--name value" or "--name=value"; advances *i past a separate value. */
static const char *option_value(int argc, char **argv, int *i, const char *name) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0) return NULL;
  if (argv[*i][n] == '=') return argv[*i] + n + 1;
  if (argv[*i][n] == '\0' && *i + 1 < argc) return argv[++*i];
  return NULL;
}

static int usage(void) {
  fprintf(stderr, "usage: capi_exec [--policy NAME|PATH] [--db PATH] [--lenient] [--strict] [--readonly] [--overlay FILE]\n");
  return 2;
}

int main(int argc, char **argv) {
  pvd_engine_options options = PVD_ENGINE_OPTIONS_INIT;
  pvd_engine *engine = NULL;
  char *overlay = NULL, *line = NULL;
  size_t cap = 0;
  ssize_t got;
  const char *v;
  pvd_status s;
  int i, all_ok = 1;

  for (i = 1; i < argc; ++i) {
    if ((v = option_value(argc, argv, &i, "--policy"))) {
      options.policy = v;
    } else if ((v = option_value(argc, argv, &i, "--db"))) {
      options.db_path = v;
    } else if ((v = option_value(argc, argv, &i, "--overlay"))) {
      overlay = read_file(v);
      if (!overlay) {
        fprintf(stderr, "capi_exec: cannot read the overlay file %s\n", v);
        return 2;
      }
      options.overlay = overlay;
    } else if (strcmp(argv[i], "--lenient") == 0) {
      options.flags |= PVD_OPEN_LENIENT_POLICY;
    } else if (strcmp(argv[i], "--strict") == 0) {
      options.flags |= PVD_OPEN_STRICT_POLICY;
    } else if (strcmp(argv[i], "--readonly") == 0) {
      options.flags |= PVD_OPEN_READONLY;
    } else {
      return usage();
    }
  }

  s = pvd_engine_open(&options, &engine);
  free(overlay);
  if (s != PVD_OK) {
    fprintf(stderr, "capi_exec: cannot open the engine: %s (%s)\n", pvd_last_error(), pvd_status_string(s));
    return 2;
  }

  while ((got = getline(&line, &cap, stdin)) != -1) {
    size_t len = (size_t)got, k;
    char *response = NULL;
    size_t response_len = 0;
    if (len > 0 && line[len - 1] == '\n') --len;
    if (len > 0 && line[len - 1] == '\r') --len;
    for (k = 0; k < len && (line[k] == ' ' || line[k] == '\t'); ++k) {
    }
    if (k == len || line[k] == '#') { /* a blank line answers an empty line; a comment is echoed */
      fwrite(line, 1, k == len ? 0 : len, stdout);
      fputc('\n', stdout);
      fflush(stdout);
      continue;
    }
    s = pvd_engine_execute(engine, line, len, &response, &response_len);
    if (s != PVD_OK) {
      fprintf(stderr, "capi_exec: no response: %s (%s)\n", pvd_engine_errmsg(engine), pvd_status_string(s));
      pvd_engine_close(&engine);
      free(line);
      return 3;
    }
    if (strncmp(response, "{\"ok\":true", 10) != 0) all_ok = 0;
    fwrite(response, 1, response_len, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    pvd_free(response);
  }
  free(line);
  pvd_engine_close(&engine);
  return all_ok ? 0 : 1;
}
