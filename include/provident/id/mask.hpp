// Masking of personal data in messages, logs and journals (arithmetic.md §4,
// quality.md §3): ID 110105********002X, card 6222 **** **** 1234, phone
// 138****5678. Values too short to mask are replaced by asterisks entirely.
#pragma once

#include <string>
#include <string_view>

namespace pvd::id {

std::string mask_id_number(std::string_view id);
std::string mask_card_number(std::string_view card);
std::string mask_phone(std::string_view phone);

}  // namespace pvd::id
