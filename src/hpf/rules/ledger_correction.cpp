// Rule: a ledger correction names an original entry, keeps its sign and the balance non-negative
// Source: HPF Regs Art. 24; decision
// Codes: HPF_CORRECTION_ENTRY_UNKNOWN, HPF_CORRECTION_OF_CORRECTION, HPF_CORRECTION_ZERO, HPF_CORRECTION_EXCEEDS_ENTRY, HPF_CORRECTION_NEGATIVE_BALANCE
// Policy: -
//
// HPF Regs Art. 24: the balance is the employee's and leaves the account only on its grounds.
// The manuals name no correction screen; the store's ledger is append-only (an UPDATE or DELETE
// aborts: "write a correction"). Decision (issue 18): a wrong entry is corrected by a new entry of
// kind `correction` whose amount is the difference and whose `corrects` names the entry, so that
// the balance stays the sum of the entries.
//   - `corrects` names the entry by the store's entry_id (hpf.account.statement shows it); a World
//     of facts has unnumbered entries, and there it is the entry's 1-based position in the
//     account document's ledger (a host keeping the document whole numbers them so).
//   - A correction of a correction is refused: the original entry is corrected again, and its
//     corrections add up — one entry, one chain, never a tree.
//   - An entry is corrected at most to zero: its net amount (the entry and all its corrections)
//     never passes zero (a deposit is not turned into a withdrawal).
//   - The balance stays non-negative: money not in the account cannot be taken back by a correction.
// A corrected payment month stays paid: a correction changes an amount, not whether a month was paid.
#include "hpf/rules/ledger_correction.hpp"

#include <charconv>

#include "provident/rules/codes.hpp"

namespace pvd::hpf::rules {

namespace {

std::optional<std::int64_t> number_of(const std::string& text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1) return std::nullopt;
  return n;
}

/// The entry's name as `corrects` spells it (entry_id, or its position for unnumbered entries).
std::string name_of(std::span<const state::LedgerRecord> ledger, std::size_t i) {
  return ledger[i].entry_id ? std::to_string(*ledger[i].entry_id) : std::to_string(i + 1);
}

}  // namespace

const state::LedgerRecord* corrected_entry(Violations& v, std::span<const state::LedgerRecord> ledger,
                                           const std::string& corrects, const std::string& field) {
  if (const auto n = number_of(corrects))
    for (std::size_t i = 0; i < ledger.size(); ++i)
      if (ledger[i].entry_id ? *ledger[i].entry_id == *n : static_cast<std::int64_t>(i + 1) == *n) return &ledger[i];
  v.add(code::HPF_CORRECTION_ENTRY_UNKNOWN, field, {{"entry", corrects}});
  return nullptr;
}

bool check_correction(Violations& v, std::span<const state::LedgerRecord> ledger, const state::LedgerRecord& target,
                      const std::string& corrects, Money amount, Money balance, const std::string& field_corrects,
                      const std::string& field_amount) {
  const std::size_t before = v.size();
  if (target.entry.kind == state::LedgerKind::correction)
    v.add(code::HPF_CORRECTION_OF_CORRECTION, field_corrects, {{"entry", corrects}});
  if (amount.is_zero()) v.add(code::HPF_CORRECTION_ZERO, field_amount);
  Money net = target.entry.amount + amount;
  for (std::size_t i = 0; i < ledger.size(); ++i)
    if (ledger[i].entry.kind == state::LedgerKind::correction && ledger[i].entry.corrects == name_of(ledger, &target - ledger.data()))
      net += ledger[i].entry.amount;
  const bool crossed = target.entry.amount.is_positive() ? net.is_negative() : net.is_positive();
  if (crossed)
    v.add(code::HPF_CORRECTION_EXCEEDS_ENTRY, field_amount,
          {{"entry", corrects}, {"net", net.to_string()}, {"amount", target.entry.amount.to_string()}});
  const Money after = balance + amount;
  if (after.is_negative()) v.add(code::HPF_CORRECTION_NEGATIVE_BALANCE, field_amount, {{"balance", after.to_string()}});
  return v.size() == before;
}

}  // namespace pvd::hpf::rules
