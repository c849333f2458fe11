#include "provident/id/mask.hpp"

namespace pvd::id {

namespace {

bool ascii(std::string_view s) noexcept {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

/// One asterisk per code point (continuation bytes are not counted).
std::string stars(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) out.push_back('*');
  return out;
}

std::string keep(std::string_view s, std::size_t head, std::size_t tail) {
  return std::string(s.substr(0, head)) + std::string(s.size() - head - tail, '*') + std::string(s.substr(s.size() - tail));
}

bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool letter(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/// The 2017 permanent residence ID: 3 letters and 12 digits.
bool residence_2017(std::string_view id) noexcept {
  if (id.size() != 15) return false;
  for (std::size_t i = 0; i < id.size(); ++i)
    if (i < 3 ? !letter(id[i]) : !digit(id[i])) return false;
  return true;
}

}  // namespace

std::string mask_number(std::string_view number) {
  if (!ascii(number)) return stars(number);
  if (number.size() < 8) return std::string(number.size(), '*');
  return keep(number, 0, 4);
}

std::string mask_id_number(std::string_view id) {
  if (!ascii(id)) return stars(id);
  // issue 18 (6): a 2017 permanent residence ID as mask_echo masks it (its place and
  // birth date hidden); a passport number as any number (mask_number).
  if (residence_2017(id)) return mask_number(id);
  if (id.size() == 18 || id.size() == 15) return keep(id, 6, 4);
  return mask_number(id);
}

std::string mask_card_number(std::string_view card) {
  if (!ascii(card)) return stars(card);
  if (card.size() < 12 || card.size() > 19) return mask_number(card);
  return std::string(card.substr(0, 4)) + " **** **** " + std::string(card.substr(card.size() - 4));
}

std::string mask_phone(std::string_view phone) {
  if (!ascii(phone)) return stars(phone);
  if (phone.size() == 11) return keep(phone, 3, 4);
  return mask_number(phone);
}

std::string mask_echo(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (!digit(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && digit(text[j])) ++j;
    if (j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;
    const std::string_view run = text.substr(i, j - i);
    const std::size_t digits = run.size() - (run.back() == 'X' || run.back() == 'x' ? 1 : 0);
    // The 2017 permanent residence ID: 3 letters and 12 digits, one word.
    const bool residence_id = run.size() == 12 && i >= 3 && letter(text[i - 1]) && letter(text[i - 2]) && letter(text[i - 3]) &&
                              (i == 3 || !letter(text[i - 4])) && (j == text.size() || !letter(text[j]));
    if (residence_id) {
      out.resize(out.size() - 3);
      out += mask_number(text.substr(i - 3, 15));
    } else {
      out += digits == 11 || digits >= 13 ? mask_number(run) : std::string(run);
    }
    i = j;
  }
  return out;
}

}  // namespace pvd::id
