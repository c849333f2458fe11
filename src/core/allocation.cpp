#include "provident/core/allocation.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "provident/core/exact.hpp"

namespace pvd {

std::vector<Money> allocate(Money total, std::span<const std::int64_t> weights) {
  Wide sum = 0;
  for (auto w : weights) {
    if (w < 0) throw std::invalid_argument("allocation weight must not be negative");
    sum += w;
  }
  if (sum == 0) throw std::invalid_argument("allocation weights must not all be zero");
  const Wide t = total.as_fen();
  const Wide sign = t < 0 ? -1 : 1;
  const Wide mag = t * sign;
  std::vector<Money> parts(weights.size());
  std::vector<std::pair<Wide, std::size_t>> rema(weights.size());
  Wide given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide p = mag * weights[i];
    const Wide q = p / sum;
    rema[i] = {p % sum, i};
    given += q;
    parts[i] = Money::fen(static_cast<std::int64_t>(q * sign));
  }
  std::stable_sort(rema.begin(), rema.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  Wide left = mag - given;
  for (std::size_t k = 0; left > 0; ++k, left -= 1)
    parts[rema[k].second] += Money::fen(static_cast<std::int64_t>(sign));
  return parts;
}

std::pair<Money, Money> split_flexible_deposit(Money total) {
  const std::int64_t f = total.as_fen();
  const std::int64_t employee = f / 2;  // toward zero
  return {Money::fen(f - employee), Money::fen(employee)};
}

}  // namespace pvd
