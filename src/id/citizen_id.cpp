#include "provident/id/citizen_id.hpp"

namespace pvd::id {

namespace {

bool all_digits(std::string_view s) noexcept {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int num(std::string_view s) noexcept {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

char id_check_char(std::string_view first17) noexcept {
  static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char checks[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[std::size_t(i)] - '0') * weights[i];
  return checks[sum % 11];
}

IdParseResult parse_citizen_id(std::string_view text, Date as_of, bool accept_15_digits) {
  IdParseResult r;
  std::string n(text);
  if (n.size() == 15) {
    if (!accept_15_digits || !all_digits(n)) {
      r.problems.push_back(IdProblem::format);
      return r;
    }
    n = n.substr(0, 6) + "19" + n.substr(6);
    n.push_back(id_check_char(n));
  }
  if (n.size() != 18 || !all_digits(std::string_view(n).substr(0, 17))) {
    r.problems.push_back(IdProblem::format);
    return r;
  }
  char& last = n[17];
  if (last == 'x') last = 'X';
  if (!(last == 'X' || (last >= '0' && last <= '9'))) {
    r.problems.push_back(IdProblem::format);
    return r;
  }
  if (id_check_char(n) != last) r.problems.push_back(IdProblem::checksum);
  const std::string_view v(n);
  auto birth = Date::try_of(num(v.substr(6, 4)), num(v.substr(10, 2)), num(v.substr(12, 2)));
  if (!birth || as_of < *birth) r.problems.push_back(IdProblem::birth_date);
  if (!r.problems.empty()) return r;
  CitizenId id;
  id.number = n;
  id.birth_date = *birth;
  id.gender = (v[16] - '0') % 2 == 1 ? Gender::male : Gender::female;
  id.region = n.substr(0, 6);
  r.id = std::move(id);
  return r;
}

}  // namespace pvd::id
