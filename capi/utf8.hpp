// UTF-8 validation of the C ABI's string inputs (provident.h §2: text is
// UTF-8; invalid UTF-8 is refused, never passed on). Decoding is utf8proc's.
#pragma once

#include <string_view>

#include <utf8proc.h>

namespace pvd::capi {

/// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or
/// code points past U+10FFFF). A NUL byte is a valid character here; callers
/// that take NUL-terminated strings never see one.
inline bool valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    if (static_cast<unsigned char>(*p) < 0x80) {  // ASCII fast path
      ++p;
      --left;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0 || cp < 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

}  // namespace pvd::capi
