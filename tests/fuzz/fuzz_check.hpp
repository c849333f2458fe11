// Shared helpers of the fuzz targets (tests/fuzz/). A property that does not
// hold prints what was expected and aborts, so that libFuzzer (or the replay
// driver, replay_main.cpp) reports the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define PVD_FUZZ_CHECK(cond, what)                                                                 \
  do {                                                                                             \
    if (!(cond)) ::pvd_fuzz::fail(__FILE__, __LINE__, #cond, (what));                              \
  } while (0)

namespace pvd_fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* cond, const std::string& what) {
  std::fprintf(stderr, "\n*** property violated at %s:%d: %s\n*** %s\n", file, line, cond, what.c_str());
  std::fflush(stderr);
  std::abort();
}

/// Printable excerpt of an input for messages (non-ASCII bytes as \xNN).
inline std::string show(std::string_view s, std::size_t max = 400) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && out.size() < max; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  if (out.size() >= max) out += "…";
  return out;
}

}  // namespace pvd_fuzz
