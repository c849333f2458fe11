#include "provident/id/mask.hpp"

namespace pvd::id {

std::string mask_id_number(std::string_view id) {
  if (id.size() < 11) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_card_number(std::string_view card) {
  if (card.size() < 9) return std::string(card.size(), '*');
  return std::string(card.substr(0, 4)) + " **** **** " + std::string(card.substr(card.size() - 4));
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') + std::string(phone.substr(phone.size() - 4));
}

}  // namespace pvd::id
