// The reason an employer gives for a seal, unseal or back-pay. See reasons.cpp.
#pragma once

#include "hpf/rules/common.hpp"

namespace pvd::hpf::rules {

/// The operations an employer gives a reason for.
enum class ReasonFor { seal, unseal, back_pay };
/// The centre's list of reasons for `what` in force on `on` (hpf.seal.reasons,
/// hpf.unseal.reasons, hpf.back_pay.reasons).
const policy::ReasonList& reason_list(const Policy& p, Trace* t, Date on, ReasonFor what);
/// 003 3, 4, 6: a reason code from the list; returns the reason.
const policy::Reason* check_reason(Violations& v, const policy::ReasonList& list, const std::string& code,
                                   const std::string& field, Row row = std::nullopt, std::string_view source = {});

}  // namespace pvd::hpf::rules
