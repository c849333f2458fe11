// Exact: an exact intermediate amount in fen, a fraction of two checked 128-bit
// integers (Boost.Multiprecision). Products such as base × rate and sums such as
// Σ rate/12 × balance are kept exact and rounded once (rounding.hpp).
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <string>

#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"

namespace pvd {

/// Checked 128-bit integer: overflow throws instead of wrapping.
using Wide = boost::multiprecision::checked_int128_t;

class Exact {
 public:
  Exact() = default;                       // zero
  explicit Exact(Money m) : num_(m.as_fen()), den_(1) {}
  static Exact fraction(Wide num, Wide den);  // den > 0; reduced

  const Wide& num() const noexcept { return num_; }
  const Wide& den() const noexcept { return den_; }

  Exact operator+(const Exact& o) const;
  Exact operator-(const Exact& o) const;
  Exact& operator+=(const Exact& o) { return *this = *this + o; }
  Exact times(const Rate& r) const;
  Exact divided_by(std::int64_t n) const;

  bool operator==(const Exact& o) const { return num_ == o.num_ && den_ == o.den_; }

  /// The value in yuan as text: a finite decimal ("188.3", "-0.125") when it
  /// has one, else the fraction of fen written "fen:n/d".
  std::string to_yuan_string() const;

 private:
  Wide num_ = 0;
  Wide den_ = 1;
};

/// base × rate, exactly, in fen.
inline Exact operator*(Money base, const Rate& rate) { return Exact(base).times(rate); }

}  // namespace pvd
