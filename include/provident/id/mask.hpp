// Masking of personal data in messages, logs and journals (arithmetic.md §4,
// quality.md §3): ID 110105********002X, card 6222 **** **** 1234, phone
// 138****5678. A value of another shape (a phone typed as an ID number, a
// card typed as a bank code) reveals at most its last four characters, and a
// value with characters outside ASCII is replaced by one asterisk per
// character: a mask never cuts a UTF-8 sequence and never reveals more than
// its documented digits, whatever the field.
#pragma once

#include <string>
#include <string_view>

namespace pvd::id {

/// An 18- or 15-character ID number: its first 6 and last 4 characters.
std::string mask_id_number(std::string_view id);
/// A card number of 12–19 characters: its first 4 and last 4 digits.
std::string mask_card_number(std::string_view card);
/// An 11-digit mobile number: its first 3 and last 4 digits.
std::string mask_phone(std::string_view phone);
/// A personal number of unknown kind: its last 4 characters when it has 8 or
/// more, nothing otherwise.
std::string mask_number(std::string_view number);

/// Free text that echoes what a caller typed (an unknown code, a key, a
/// member name, a message): every run of 11 or of 13 and more digits (a
/// trailing X or x included) — a mobile, card or ID number — is masked with
/// mask_number. Runs of 12 digits are SI unit codes (001 5.1) and stay, as do
/// shorter ones (months, amounts, account numbers), except 12 digits right
/// after 3 letters, one word: a 2017 foreign permanent residence ID
/// (KAZ110090123105 → ***********3105). Only ASCII characters are touched, so
/// the text stays valid UTF-8. A passport number has no shape of its own: it is
/// masked where it is known to be one (the journal's `number` and `id_number`
/// members, mask_id_number), not in free text.
std::string mask_echo(std::string_view text);

}  // namespace pvd::id
