// What the fast-path tests share (test_fastpath.cpp, test_calc_kernels.cpp).
#pragma once

#include <gtest/gtest.h>

#include "fastpath/error.hpp"

namespace pvd::fastpath::testing {

/// The error `f` raises.
template <class F>
Error error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no fastpath::Error";
  return Error(Cause::argument, "", "", "", "");
}

}  // namespace pvd::fastpath::testing
