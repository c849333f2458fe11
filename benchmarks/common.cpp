#include "common.hpp"

#include "provident/core/date.hpp"

namespace bench {

std::string citizen_id(std::uint64_t k, int birth_year) {
  // Birth dates over ~24 years from 1 January of birth_year, then 999
  // sequence numbers per day: unique for k < 8.7 million.
  const pvd::Date birth = pvd::Date::of(birth_year, 1, 1) + static_cast<int>(k % 8760);
  const unsigned seq = 1 + static_cast<unsigned>((k / 8760) % 999);
  const std::string d = birth.to_string();  // YYYY-MM-DD
  std::string id = "140105" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
  id += static_cast<char>('0' + seq / 100);
  id += static_cast<char>('0' + seq / 10 % 10);
  id += static_cast<char>('0' + seq % 10);
  static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * w[i];
  id += "10X98765432"[sum % 11];
  return id;
}

std::int32_t days_of(int y, int m, int d) { return pvd::Date::of(y, m, d).days(); }

std::int64_t seconds_of(int y, int m, int d, int hh, int mm, int ss) {
  return pvd::LocalDateTime::of(pvd::Date::of(y, m, d), hh, mm, ss).epoch_seconds();
}

}  // namespace bench
