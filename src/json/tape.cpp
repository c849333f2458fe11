#include "json/tape.hpp"

#include <algorithm>
#include <bit>

#include "json/args.hpp"
#include "json/lexer.hpp"
#include "json/value_checks.hpp"

namespace pvd::protocol {

// ------------------------------------------------------------------ reading the text

void Tape::clear() noexcept {
  nodes_.clear();
  text_ = nullptr;
  strings_.clear();
  source_ = {};
}

bool Tape::read(std::string_view text) {
  clear();
  if (text.size() > kMaxRequestBytes) return false;
  Lexer lx(text);
  lx.skip_ws();
  if (!read_value(lx, 0)) return false;
  lx.skip_ws();
  return lx.at_end();
}

bool Tape::read_value(Lexer& lx, int depth) {
  const std::size_t from = lx.offset();
  text_ = lx.text(0, 0).data();
  // Room for a value every eight bytes (an entity's document has fewer).
  nodes_.reserve(nodes_.size() + lx.remaining() / 8 + 4);
  if (!value(lx, depth)) return false;
  source_ = lx.text(from, lx.offset());  // a container's closing bracket takes the white space after it
  while (!source_.empty() && (source_.back() == ' ' || source_.back() == '\n' || source_.back() == '\r' || source_.back() == '\t'))
    source_.remove_suffix(1);
  return true;
}

bool Tape::value(Lexer& lx, int depth) {
  if (lx.at_end()) return false;
  TapeNode n;
  switch (lx.peek()) {
    case '{': return object(lx, depth);
    case '[': return array(lx, depth);
    case '"': return string_node(lx);
    case 't': if (!lx.literal("true", 4)) return false; n.kind = TapeNode::Kind::boolean; n.truth = true; break;
    case 'f': if (!lx.literal("false", 5)) return false; n.kind = TapeNode::Kind::boolean; break;
    case 'n': if (!lx.literal("null", 4)) return false; break;
    default: {
      IntegerToken t;
      if (!lx.number(t)) return false;
      n.kind = t.is_signed ? TapeNode::Kind::signed_integer : TapeNode::Kind::unsigned_integer;
      n.bits = t.is_signed ? static_cast<std::uint64_t>(t.value) : t.magnitude;
    }
  }
  n.next = static_cast<std::uint32_t>(nodes_.size() + 1);
  nodes_.push_back(n);
  return true;
}

bool Tape::string_node(Lexer& lx) {
  TapeNode n;
  n.kind = TapeNode::Kind::string;
  std::size_t from = 0, to = 0;
  if (lx.plain_string(from, to)) {
    n.in_text = true;
    n.bits = from;
    n.length = static_cast<std::uint32_t>(to - from);
  } else {
    n.bits = strings_.size();
    if (!lx.string(strings_)) return false;
    n.length = static_cast<std::uint32_t>(strings_.size() - n.bits);
  }
  n.next = static_cast<std::uint32_t>(nodes_.size() + 1);
  nodes_.push_back(n);
  return true;
}

// The strict builder refuses the 65th level (kMaxDepth open containers).
bool Tape::object(Lexer& lx, int depth) {
  if (depth >= kMaxDepth) return false;
  const auto at = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back(TapeNode{TapeNode::Kind::object});
  std::uint32_t count = 0;
  if (!lx.take('{')) return false;
  if (!lx.take('}')) {
    for (;;) {
      if (lx.at_end() || lx.peek() != '"') return false;
      if (!string_node(lx) || nodes_.back().length > kMaxKeyBytes) return false;
      lx.skip_ws();
      if (!lx.take(':')) return false;
      if (!value(lx, depth + 1)) return false;
      ++count;
      lx.skip_ws();
      if (lx.take(',')) continue;
      if (!lx.take('}')) return false;
      break;
    }
  }
  nodes_[at].count = count;
  nodes_[at].next = static_cast<std::uint32_t>(nodes_.size());
  return distinct_keys(at);
}

bool Tape::array(Lexer& lx, int depth) {
  if (depth >= kMaxDepth) return false;
  const auto at = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back(TapeNode{TapeNode::Kind::array});
  std::uint32_t count = 0;
  if (!lx.take('[')) return false;
  if (!lx.take(']')) {
    for (;;) {
      if (!value(lx, depth + 1)) return false;
      ++count;
      lx.skip_ws();
      if (lx.take(',')) continue;
      if (!lx.take(']')) return false;
      break;
    }
  }
  nodes_[at].count = count;
  nodes_[at].next = static_cast<std::uint32_t>(nodes_.size());
  return true;
}

// A duplicate key is refused (the one-pass reader gives up on it): a few keys
// are compared pairwise, up to 128 through a small hash table, more sorted —
// never quadratic, whatever the text holds.
bool Tape::distinct_keys(std::uint32_t object) {
  const std::uint32_t count = nodes_[object].count;
  if (count < 2) return true;
  keys_.clear();
  std::uint32_t k = object + 1;
  for (std::uint32_t m = 0; m < count; ++m) {
    keys_.push_back(string(nodes_[k]));
    k = nodes_[k + 1].next;
  }
  if (count <= 8) {
    for (std::size_t i = 0; i < keys_.size(); ++i)
      for (std::size_t j = i + 1; j < keys_.size(); ++j)
        if (keys_[i] == keys_[j]) return false;
    return true;
  }
  if (count <= 128) {
    constexpr std::uint32_t kSlots = 256, kEmpty = UINT32_MAX;
    std::uint32_t slot[kSlots];
    std::fill(slot, slot + kSlots, kEmpty);
    for (std::uint32_t i = 0; i < count; ++i) {
      // The length and three bytes: keys that share them are compared in full.
      const std::string_view key = keys_[i];
      std::uint32_t h = static_cast<std::uint32_t>(key.size());
      if (!key.empty())
        h = h * 131u + static_cast<unsigned char>(key[0]) * 31u + static_cast<unsigned char>(key[key.size() / 2]) * 7u +
            static_cast<unsigned char>(key.back());
      for (std::uint32_t at = h % kSlots;; at = (at + 1) % kSlots) {
        if (slot[at] == kEmpty) {
          slot[at] = i;
          break;
        }
        if (keys_[slot[at]] == keys_[i]) return false;
      }
    }
    return true;
  }
  std::sort(keys_.begin(), keys_.end());
  return std::adjacent_find(keys_.begin(), keys_.end()) == keys_.end();
}

// ------------------------------------------------------------------ values, as args.cpp decodes them

namespace {

using Kind = TapeNode::Kind;

std::string_view text_of(const TapeValue& v) {
  if (v.node().kind != Kind::string) throw TapeDeclined{};
  return v.tape->string(v.node());
}

std::string string_of(const TapeValue& v, std::size_t max_chars) {
  const std::string_view s = text_of(v);
  if (checks::too_long(s, max_chars) || checks::has_control(s)) throw TapeDeclined{};
  return std::string(s);
}

template <class T>
T decoded(const TapeValue& v) {
  auto x = T::parse(text_of(v));
  if (!x) throw TapeDeclined{};
  if constexpr (std::is_same_v<T, Money>)
    if (checks::beyond_limit(*x)) throw TapeDeclined{};
  return *x;
}

}  // namespace

std::string decode_string(const TapeValue& v, const std::string&, std::size_t max_chars) { return string_of(v, max_chars); }
YearMonth decode_month(const TapeValue& v, const std::string&) { return decoded<YearMonth>(v); }
Date decode_date(const TapeValue& v, const std::string&) { return decoded<Date>(v); }

json to_json(const TapeValue& v) {
  const TapeNode& n = v.node();
  switch (n.kind) {
    case Kind::null: return nullptr;
    case Kind::boolean: return n.truth;
    case Kind::unsigned_integer: return static_cast<json::number_unsigned_t>(n.bits);
    case Kind::signed_integer: return static_cast<json::number_integer_t>(n.bits);
    case Kind::string: return std::string(v.tape->string(n));
    case Kind::array: {
      json a = json::array();
      std::uint32_t i = v.index + 1;
      for (std::uint32_t k = 0; k < n.count; ++k, i = v.tape->node(i).next) a.push_back(to_json(TapeValue{v.tape, i}));
      return a;
    }
    case Kind::object: {
      json o = json::object();
      std::uint32_t key = v.index + 1;
      for (std::uint32_t k = 0; k < n.count; ++k, key = v.tape->node(key + 1).next)
        o[std::string(v.tape->string(v.tape->node(key)))] = to_json(TapeValue{v.tape, key + 1});
      return o;
    }
  }
  return nullptr;
}

// ------------------------------------------------------------------ the reader

namespace {
// A member name's sketch: one of 64 bits, by its length and two of its bytes.
std::uint64_t name_bit(std::string_view name) noexcept {
  if (name.empty()) return 1;
  const unsigned h = static_cast<unsigned>(name.size()) * 5u + static_cast<unsigned char>(name[0]) * 3u +
                     static_cast<unsigned char>(name.back());
  return std::uint64_t{1} << (h & 63u);
}
}  // namespace

TapeReader::TapeReader(const Tape& tape, std::uint32_t object) : tape_(&tape), object_(object) {
  const TapeNode& n = tape.node(object);
  if (n.kind != Kind::object || n.count > kMaxMembers) throw TapeDeclined{};
  count_ = n.count;
  std::uint32_t key = object + 1;
  for (std::uint32_t m = 0; m < count_; ++m, key = tape.node(key + 1).next) {
    keys_[m] = key;
    const std::uint64_t bit = name_bit(tape.string(tape.node(key)));
    names_ |= bit;
    std::uint32_t slot = static_cast<std::uint32_t>(std::countr_zero(bit));
    while (slots_[slot]) slot = (slot + 1) % kMaxMembers;  // at most 64 members in 64 slots
    slots_[slot] = static_cast<std::uint8_t>(m + 1);
  }
}

bool TapeReader::named(std::uint32_t ordinal, std::string_view name) const noexcept {
  const TapeNode& k = tape_->node(keys_[ordinal]);
  return k.length == name.size() && (name.empty() || (tape_->string(k)[0] == name[0] && tape_->string(k) == name));
}

// The member after the last found is tried first: in the order the engine
// writes them, each is found at once. In any other order (a client's JSON
// library may sort them), by the slot of its name's sketch, probing on from
// there: a lookup compares the few names that share a slot, not every member.
std::uint32_t TapeReader::find(std::string_view name, bool advance) const noexcept {
  std::uint32_t found = kNone;
  if (cursor_ < count_ && named(cursor_, name)) {
    found = cursor_;
  } else {
    const std::uint64_t bit = name_bit(name);
    if (!(names_ & bit)) return kNone;  // no member has this name's sketch
    std::uint32_t slot = static_cast<std::uint32_t>(std::countr_zero(bit));
    for (std::uint32_t probe = 0; probe < kMaxMembers && slots_[slot]; ++probe, slot = (slot + 1) % kMaxMembers)
      if (named(slots_[slot] - 1u, name)) {
        found = slots_[slot] - 1u;
        break;
      }
    if (found == kNone) return kNone;
  }
  if (advance) cursor_ = found + 1;
  return found;
}

bool TapeReader::has(std::string_view name) const {
  const std::uint32_t m = find(name, false);  // the member is read next: the cursor stays before it
  return m != kNone && tape_->node(keys_[m] + 1).kind != Kind::null;
}

std::uint32_t TapeReader::member(std::string_view name) {
  const std::uint32_t m = find(name);
  if (m == kNone) return kNone;
  read_ |= std::uint64_t{1} << m;  // present (null included): finish() accepts it
  const std::uint32_t value = keys_[m] + 1;
  return tape_->node(value).kind == Kind::null ? kNone : value;
}

const TapeValue* TapeReader::raw(std::string_view name) {
  const std::uint32_t v = member(name);
  if (v == kNone) return nullptr;
  raw_value_ = TapeValue{tape_, v};
  return &raw_value_;
}

std::string TapeReader::string(std::string_view name, std::size_t max_chars) { return need(opt_string(name, max_chars)); }

std::optional<std::string> TapeReader::opt_string(std::string_view name, std::size_t max_chars) {
  const std::uint32_t v = member(name);
  if (v == kNone) return std::nullopt;
  return string_of(TapeValue{tape_, v}, max_chars);
}

std::string TapeReader::enumeration(std::string_view name, std::initializer_list<std::string_view> allowed) {
  return need(opt_enumeration(name, allowed));
}

std::optional<std::string> TapeReader::opt_enumeration(std::string_view name, std::initializer_list<std::string_view> allowed) {
  auto s = opt_string(name);
  if (!s) return std::nullopt;
  for (auto a : allowed)
    if (a == *s) return s;
  throw TapeDeclined{};
}

bool TapeReader::boolean(std::string_view name) { return need(opt_boolean(name)); }

std::optional<bool> TapeReader::opt_boolean(std::string_view name) {
  const std::uint32_t v = member(name);
  if (v == kNone) return std::nullopt;
  const TapeNode& n = tape_->node(v);
  if (n.kind != Kind::boolean) throw TapeDeclined{};
  return n.truth;
}

std::int64_t TapeReader::integer(std::string_view name, std::int64_t min, std::int64_t max) {
  return need(opt_integer(name, min, max));
}

std::optional<std::int64_t> TapeReader::opt_integer(std::string_view name, std::int64_t min, std::int64_t max) {
  const std::uint32_t v = member(name);
  if (v == kNone) return std::nullopt;
  const TapeNode& n = tape_->node(v);
  if (n.kind == Kind::unsigned_integer && n.bits > static_cast<std::uint64_t>(INT64_MAX)) throw TapeDeclined{};
  if (n.kind != Kind::unsigned_integer && n.kind != Kind::signed_integer) throw TapeDeclined{};
  const auto x = static_cast<std::int64_t>(n.bits);
  if (x < min || x > max) throw TapeDeclined{};
  return x;
}

#define PVD_TAPE_TYPED(TYPE, NAME)                                      \
  std::optional<TYPE> TapeReader::opt_##NAME(std::string_view name) {  \
    const std::uint32_t v = member(name);                              \
    if (v == kNone) return std::nullopt;                               \
    return decoded<TYPE>(TapeValue{tape_, v});                         \
  }
PVD_TAPE_TYPED(Money, money)
PVD_TAPE_TYPED(Rate, rate)
PVD_TAPE_TYPED(YearMonth, month)
PVD_TAPE_TYPED(Date, date)
PVD_TAPE_TYPED(LocalDateTime, datetime)
#undef PVD_TAPE_TYPED

std::optional<TapeReader> TapeReader::opt_object(std::string_view name) {
  const std::uint32_t v = member(name);
  if (v == kNone) return std::nullopt;
  return TapeReader(*tape_, v);
}

std::uint32_t TapeReader::elements_of(std::string_view name, std::size_t max_items, bool optional) {
  const std::uint32_t v = member(name);
  if (v == kNone) {
    if (optional) return kNone;
    throw TapeDeclined{};
  }
  const TapeNode& n = tape_->node(v);
  if (n.kind != Kind::array || n.count > max_items) throw TapeDeclined{};
  return v;
}

void TapeReader::finish() const {
  const std::uint64_t all = count_ == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count_) - 1;
  if (read_ != all) throw TapeDeclined{};
}

}  // namespace pvd::protocol
