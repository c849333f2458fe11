// The operation registry. Each domain registers its operations in one
// (src/engine/operations.cpp lists the domains); the dispatcher
// (src/engine/dispatcher.cpp) never changes when an operation is added.
//
// An operation is a handler: (context, args reader, result) → fills `result`,
// `violations` and `events`. Calculators compute; commands read and change
// entities through ctx.world(); queries only read them.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/args.hpp"
#include "protocol/json.hpp"
#include "provident/core/rounding.hpp"
#include "provident/policy/policy.hpp"
#include "provident/rules/violation.hpp"
#include "state/world.hpp"

namespace pvd::protocol {

enum class OpKind { calculator, command, query };

/// "calculator", "command" or "query" (provident ops, describe).
std::string_view to_string(OpKind k) noexcept;

/// How an operation is being run.
enum class Mode { calculator, stateless, store };

class ProfileResolver {
 public:
  virtual ~ProfileResolver() = default;
  /// A loaded profile by name (a shipped name or a path); throws RequestError
  /// REQ_BAD_VALUE naming `field` when it cannot be loaded.
  virtual policy::PolicyPtr resolve(std::string_view name, const std::string& field) const = 0;
};

class OpContext {
 public:
  OpContext(const ProfileResolver& profiles, policy::PolicyPtr policy, std::optional<LocalDateTime> as_of, bool explain,
            Mode mode, state::World* world)
      : profiles_(profiles), policy_(std::move(policy)), as_of_(as_of), explain_(explain), mode_(mode), world_(world) {}

  // ------------------------------------------------------------ time
  /// The request's as_of; REQ_MISSING_FIELD when the request has none.
  LocalDateTime as_of() const;
  bool has_as_of() const noexcept { return as_of_.has_value(); }
  Date today() const { return as_of().date(); }
  YearMonth this_month() const { return as_of().year_month(); }
  /// When effects take place: the as_of of the request, or of the approval
  /// when a reviewed case is applied (rules.md §6).
  LocalDateTime effect_time() const { return effect_time_ ? *effect_time_ : as_of(); }
  void set_effect_time(LocalDateTime t) { effect_time_ = t; }

  // ------------------------------------------------------------ policy
  const policy::Policy& policy() const noexcept { return *policy_; }
  const policy::PolicyPtr& policy_ptr() const noexcept { return policy_; }
  /// Evaluate under another profile (a unit's own): responses report it.
  void use_profile(std::string_view name);
  /// The profile that units created by this request record.
  const std::string& base_profile_name() const noexcept { return base_profile_name_; }
  void set_base_profile_name(std::string n) { base_profile_name_ = std::move(n); }
  policy::Trace& trace() noexcept { return trace_; }
  const policy::Trace& trace() const noexcept { return trace_; }
  template <class T>
  const T& param(policy::Key k, Date on) {
    return policy_->get<T>(k, on, &trace_);
  }
  /// Whether `op` is listed in review.ops at as_of.
  bool reviewed(std::string_view op);

  // ------------------------------------------------------------ mode
  bool explain() const noexcept { return explain_; }
  Mode mode() const noexcept { return mode_; }
  /// The entities (commands and queries); throws for calculators.
  state::World& world() const;
  /// True while a case approval applies a reviewed operation.
  bool applying_case() const noexcept { return applying_case_; }
  void set_applying_case(bool v) noexcept { applying_case_ = v; }
  const std::string& request_id() const noexcept { return request_id_; }
  const ProfileResolver& profiles() const noexcept { return profiles_; }
  void set_request_id(std::string id) { request_id_ = std::move(id); }

 private:
  const ProfileResolver& profiles_;
  policy::PolicyPtr policy_;
  std::string base_profile_name_;
  std::optional<LocalDateTime> as_of_;
  std::optional<LocalDateTime> effect_time_;
  bool explain_;
  Mode mode_;
  state::World* world_;
  policy::Trace trace_;
  bool applying_case_ = false;
  std::string request_id_;
};

struct OpResult {
  ojson result = object_with_room(16);  // room first: see object_with_room
  Violations violations;
  ojson events = ojson::array();
  void event(ojson e) { events.push_back(std::move(e)); }
};

using Handler = std::function<void(OpContext&, ArgReader&, OpResult&)>;

struct OpSpec {
  std::string name;
  OpKind kind = OpKind::calculator;
  Handler handler;
  /// May be listed in review.ops: when it is, a direct call becomes a case.
  bool reviewable = false;
  /// The arg naming the unit a case belongs to ("unit_code"), if any.
  std::string case_unit_arg = "unit_code";
  std::string summary;
  /// When submitted for review, the response still carries the decision's
  /// result beside the case_id (pension.claim: "case_id and the claim report").
  bool report_on_review = false;
};

/// A line of a registration table: an operation that is not reviewable.
struct OpLine {
  const char* name;
  OpKind kind;
  Handler handler;
  const char* summary;
};

class Registry {
 public:
  void add(OpSpec spec);
  /// Adds each line of a table (the operations are not reviewable).
  void add_all(std::initializer_list<OpLine> lines);
  const OpSpec* find(std::string_view name) const;
  std::vector<const OpSpec*> all() const;

 private:
  std::map<std::string, OpSpec, std::less<>> ops_;
};

// ------------------------------------------------------------------ explain
/// How a money member was computed; rendered as `X_derivation` when the
/// request says "explain": true (protocol.md §1.1).
struct Derivation {
  std::optional<Money> base;
  std::optional<Rate> rate;
  std::optional<Exact> exact;
  std::optional<Rounding> rounding;
  std::vector<std::string> terms;  // a sum of other members ("employer_part", …)
  std::string note;                // anything else worth saying
  Money value;
};

/// Derivation of round(base × rate).
Derivation product(Money base, const Rate& rate, Rounding r, Money value);
/// Derivation of a sum of other members (`terms`), with an optional note.
Derivation sum_of(std::vector<std::string> terms, Money value, std::string note = {});
/// Derivation told in words only.
Derivation noted(Money value, std::string note);

/// Puts `name` = value.to_string() into `obj`, and `name_derivation` when
/// `explain`.
void put_money(ojson& obj, const std::string& name, Money value, const Derivation* d, bool explain);
ojson derivation_json(const Derivation& d);

}  // namespace pvd::protocol
