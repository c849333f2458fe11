// Every pension operation, in one table (see si/ops.cpp for the members).
#include "pension/ops.hpp"

namespace pvd::pension {

void register_ops(protocol::Registry& reg) {
  using protocol::OpKind;
  const protocol::OpSpec table[] = {
      {.name = "pension.retirement", .kind = OpKind::calculator, .handler = ops::retirement, .case_unit_arg = "",
       .summary = "Statutory retirement month and age"},
      {.name = "pension.min_months", .kind = OpKind::calculator, .handler = ops::min_months, .case_unit_arg = "",
       .summary = "Minimum contribution months for a retirement month"},
      {.name = "pension.count_months", .kind = OpKind::calculator, .handler = ops::count_months, .case_unit_arg = "",
       .summary = "Contribution months counted as a set"},
      {.name = "pension.check_claim", .kind = OpKind::calculator, .handler = ops::check_claim, .case_unit_arg = "",
       .summary = "Check a pension claim on its facts"},
      // Reviewable: Jiangxi lists it in review.ops; a case still answers with the claim report.
      {.name = "pension.claim", .kind = OpKind::command, .handler = ops::claim, .reviewable = true, .case_unit_arg = "",
       .summary = "Claim a pension (养老金申领) on the person's records", .report_on_review = true},
      // issue 18: after the retirement. A centre may review a change of the account the pension is paid to.
      {.name = "pension.bank_account", .kind = OpKind::command, .handler = ops::bank_account, .reviewable = true,
       .case_unit_arg = "", .summary = "Record or change a retiree's pension bank account (001 7.1.6 银行账号)"},
      {.name = "pension.qualify", .kind = OpKind::command, .handler = ops::qualify, .case_unit_arg = "",
       .summary = "Record a retiree's annual qualification (待遇资格认证)"},
  };
  for (const auto& spec : table) reg.add(spec);
}

}  // namespace pvd::pension
