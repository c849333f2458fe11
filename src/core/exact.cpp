#include "provident/core/exact.hpp"

#include <stdexcept>

namespace pvd {

namespace {
Wide abs_wide(const Wide& v) { return v < 0 ? Wide(-v) : v; }
}  // namespace

Exact Exact::fraction(Wide num, Wide den) {
  if (den == 0) throw std::invalid_argument("zero denominator");
  if (den < 0) { num = -num; den = -den; }
  Exact e;
  if (num == 0) return e;
  const Wide g = boost::multiprecision::gcd(abs_wide(num), den);
  e.num_ = num / g;
  e.den_ = den / g;
  return e;
}

Exact Exact::operator+(const Exact& o) const {
  if (den_ == o.den_) return fraction(num_ + o.num_, den_);
  const Wide g = boost::multiprecision::gcd(den_, o.den_);
  return fraction(num_ * (o.den_ / g) + o.num_ * (den_ / g), (den_ / g) * o.den_);
}

Exact Exact::operator-(const Exact& o) const {
  Exact neg = o;
  neg.num_ = -neg.num_;
  return *this + neg;
}

Exact Exact::times(const Rate& r) const { return fraction(num_ * Wide(r.num()), den_ * Wide(r.den())); }

Exact Exact::divided_by(std::int64_t n) const {
  if (n <= 0) throw std::invalid_argument("divisor must be positive");
  return fraction(num_, den_ * Wide(n));
}

std::string Exact::to_yuan_string() const {
  // value in yuan = num / (den * 100), reduced to n / d.
  const bool negative = num_ < 0;
  Wide n = abs_wide(num_), d = den_ * 100;
  if (n != 0) {
    const Wide g = boost::multiprecision::gcd(n, d);
    n /= g;
    d /= g;
  }
  Wide rest = d;
  while (rest % 2 == 0) rest /= 2;
  while (rest % 5 == 0) rest /= 5;
  if (rest != 1) return std::string("fen:") + num_.str() + "/" + den_.str();
  Wide scale = 1;
  int digits = 0;
  while (scale % d != 0) { scale *= 10; ++digits; }
  const Wide v = n * (scale / d);
  std::string out = (v / scale).str();
  if (digits > 0) {
    std::string frac = (v % scale).str();
    frac.insert(frac.begin(), std::size_t(digits) - frac.size(), '0');
    out += "." + frac;
  }
  return negative && n != 0 ? "-" + out : out;
}

}  // namespace pvd
