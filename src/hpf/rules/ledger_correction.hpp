// A correction entry of an HPF ledger (issue 18). See ledger_correction.cpp.
#pragma once

#include <span>

#include "hpf/rules/common.hpp"
#include "state/world.hpp"

namespace pvd::hpf::rules {

/// The entry a correction names: `corrects` is the store's entry_id, or (a World of facts,
/// whose entries are unnumbered) the entry's 1-based position in the account's ledger.
/// nullptr with HPF_CORRECTION_ENTRY_UNKNOWN when there is none.
const state::LedgerRecord* corrected_entry(Violations& v, std::span<const state::LedgerRecord> ledger,
                                           const std::string& corrects, const std::string& field);
/// decision: a correction corrects an original entry, not a correction (HPF_CORRECTION_OF_CORRECTION);
/// its amount is not zero (HPF_CORRECTION_ZERO); the entry's net amount (entry + its corrections +
/// this one) does not pass zero (HPF_CORRECTION_EXCEEDS_ENTRY); the balance stays ≥ 0
/// (HPF_CORRECTION_NEGATIVE_BALANCE).
bool check_correction(Violations& v, std::span<const state::LedgerRecord> ledger, const state::LedgerRecord& target,
                      const std::string& corrects, Money amount, Money balance, const std::string& field_corrects,
                      const std::string& field_amount);

}  // namespace pvd::hpf::rules
