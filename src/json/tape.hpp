// Facts and stored documents read without a document (protocol.md §1.3): the
// text is read once into a flat tape of values, and the entities' codec reads
// its members from the tape with a TapeReader, as it reads a document with an
// ArgReader.
//
// The tape is a fast path, not a second reader of record. It accepts exactly
// what the one-pass reader accepts (the same tokens, src/json/lexer.hpp; no
// duplicate key, no key longer than kMaxKeyBytes, nesting within kMaxDepth)
// and a TapeReader decodes exactly what an ArgReader decodes, value by value
// (the same parsers and limits). On anything else — a text the one-pass reader
// would give up on, or any member an ArgReader would refuse — it declines
// (TapeDeclined), and the caller decodes the general way, through the document
// and the ArgReader, which give the same entities or the same error, word for
// word. Decision: declining instead of reproducing the errors keeps one source
// of error texts and paths; a refused request is read twice, which costs
// nothing that matters.
//
// Layer `json`.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/json.hpp"
#include "provident/core/date.hpp"
#include "provident/core/money.hpp"
#include "provident/core/rate.hpp"
#include "provident/core/year_month.hpp"

namespace pvd::protocol {

class Lexer;

/// One value on the tape. An array is followed by its elements, an object by
/// its members, each a key (a string) then the value.
struct TapeNode {
  enum class Kind : std::uint8_t { null, boolean, unsigned_integer, signed_integer, string, array, object };
  Kind kind = Kind::null;
  bool truth = false;        // a boolean's value
  bool in_text = false;      // a string's bytes are the text's own (no escapes): offset in the text read
  std::uint32_t count = 0;   // an array's elements, an object's members
  std::uint32_t next = 0;    // the index of the node after this value and all it holds
  std::uint32_t length = 0;  // a string's bytes
  std::uint64_t bits = 0;    // an integer's bits; a string's offset in the text read, or in the tape's own
};

class Tape {
 public:
  /// Reads one whole text (one value, white space around it); false where the
  /// one-pass reader would give up or refuse (the tape is then unspecified).
  /// Strings without escapes are read in place: the text must outlive the
  /// tape's use.
  bool read(std::string_view text);
  /// Reads the value at the lexer's cursor, `depth` containers deep already.
  bool read_value(Lexer& lx, int depth);

  void clear() noexcept;
  bool empty() const noexcept { return nodes_.empty(); }
  const TapeNode& node(std::uint32_t i) const noexcept { return nodes_[i]; }
  std::string_view string(const TapeNode& n) const noexcept {
    return {(n.in_text ? text_ : strings_.data()) + n.bits, n.length};
  }
  /// The text the value was read from (valid while that text is).
  std::string_view source() const noexcept { return source_; }

 private:
  bool value(Lexer& lx, int depth);
  bool object(Lexer& lx, int depth);
  bool array(Lexer& lx, int depth);
  bool string_node(Lexer& lx);
  bool distinct_keys(std::uint32_t object);

  std::vector<TapeNode> nodes_;
  const char* text_ = nullptr;  // the text read (its strings without escapes are read in place)
  std::string strings_;         // the decoded text of the strings with escapes, one after another
  std::vector<std::string_view> keys_;  // scratch: one object's keys, sorted to find a duplicate
  std::string_view source_;
};

/// A value on a tape (an element handed to each_value's function).
struct TapeValue {
  const Tape* tape;
  std::uint32_t index;
  const TapeNode& node() const noexcept { return tape->node(index); }
};

/// Thrown by a TapeReader where an ArgReader would refuse, or where the fast
/// path leaves the member to the general reader.
struct TapeDeclined {};

/// Values decoded as the ArgReader's value decoders decode them (the field is
/// not named: a value they refuse declines).
std::string decode_string(const TapeValue& v, const std::string& field, std::size_t max_chars = kMaxStringChars);
YearMonth decode_month(const TapeValue& v, const std::string& field);
Date decode_date(const TapeValue& v, const std::string& field);
/// The document the value holds (an object's members sorted, as json holds them).
json to_json(const TapeValue& v);

/// The ArgReader's interface over an object on a tape (src/json/args.hpp), for
/// the entities' codec: the same members read with the same rules, each
/// refusal a TapeDeclined. Paths are not built: no error names one here.
class TapeReader {
 public:
  /// Reads the object at node `object` (declines on any other value).
  TapeReader(const Tape& tape, std::uint32_t object);

  std::string path() const { return {}; }
  std::string field(std::string_view) const { return {}; }
  bool has(std::string_view name) const;
  const TapeValue* raw(std::string_view name);

  std::string string(std::string_view name, std::size_t max_chars = kMaxStringChars);
  std::optional<std::string> opt_string(std::string_view name, std::size_t max_chars = kMaxStringChars);
  std::string name(std::string_view name) { return string(name, kMaxNameChars); }
  std::string enumeration(std::string_view name, std::initializer_list<std::string_view> allowed);
  std::optional<std::string> opt_enumeration(std::string_view name, std::initializer_list<std::string_view> allowed);
  bool boolean(std::string_view name);
  std::optional<bool> opt_boolean(std::string_view name);
  std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> opt_integer(std::string_view name, std::int64_t min, std::int64_t max);
  Money money(std::string_view name) { return need(opt_money(name)); }
  std::optional<Money> opt_money(std::string_view name);
  Rate rate(std::string_view name) { return need(opt_rate(name)); }
  std::optional<Rate> opt_rate(std::string_view name);
  YearMonth month(std::string_view name) { return need(opt_month(name)); }
  std::optional<YearMonth> opt_month(std::string_view name);
  Date date(std::string_view name) { return need(opt_date(name)); }
  std::optional<Date> opt_date(std::string_view name);
  LocalDateTime datetime(std::string_view name) { return need(opt_datetime(name)); }
  std::optional<LocalDateTime> opt_datetime(std::string_view name);

  TapeReader object(std::string_view name) { return need(opt_object(name)); }
  std::optional<TapeReader> opt_object(std::string_view name);

  /// fn(reader, index) for each element of an array of objects.
  template <class F>
  std::size_t each(std::string_view name, F&& fn, std::size_t max_items = kMaxBatchRows, bool optional = false) {
    return each_value(
        name,
        [&](const TapeValue& e, const std::string&, std::size_t i) {
          TapeReader r(*tape_, e.index);
          fn(r, i);
        },
        max_items, optional);
  }
  /// fn(element, path, index) for each element of an array (the path empty).
  template <class F>
  std::size_t each_value(std::string_view name, F&& fn, std::size_t max_items = kMaxBatchRows, bool optional = false) {
    const std::uint32_t a = elements_of(name, max_items, optional);
    if (a == kNone) return 0;
    const std::string no_path;
    const TapeNode& array = tape_->node(a);
    std::uint32_t i = a + 1;
    for (std::size_t k = 0; k < array.count; ++k) {
      const TapeValue e{tape_, i};
      fn(e, no_path, k);
      i = tape_->node(i).next;
    }
    return array.count;
  }
  /// fn(key, value) for each member of the object member `name` (absent or null: none).
  template <class F>
  void each_member(std::string_view name, F&& fn) {
    const std::uint32_t o = member(name);
    if (o == kNone) return;
    if (tape_->node(o).kind != TapeNode::Kind::object) throw TapeDeclined{};
    std::uint32_t k = o + 1;
    for (std::uint32_t m = 0; m < tape_->node(o).count; ++m) {
      fn(tape_->string(tape_->node(k)), TapeValue{tape_, k + 1});
      k = tape_->node(k + 1).next;
    }
  }

  /// Declines unless every member was read.
  void finish() const;

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  static constexpr std::uint32_t kMaxMembers = 64;  // more is not an entity (theirs are under 40): declined

  template <class T>
  static T need(std::optional<T> v) {
    if (!v) throw TapeDeclined{};
    return std::move(*v);
  }
  /// The index of member `name`'s value (marked read), kNone when absent or null.
  std::uint32_t member(std::string_view name);
  /// The ordinal of member `name`, or kNone; `advance` moves the cursor past it.
  std::uint32_t find(std::string_view name, bool advance = true) const noexcept;
  /// Whether member `ordinal` is named `name`.
  bool named(std::uint32_t ordinal, std::string_view name) const noexcept;
  std::uint32_t elements_of(std::string_view name, std::size_t max_items, bool optional);

  const Tape* tape_;
  std::uint32_t object_;
  std::uint32_t count_;
  std::uint64_t read_ = 0;                // one bit a member read
  std::uint64_t names_ = 0;               // a bit per member name's sketch (name_bit): most absent members are told at once
  mutable std::uint32_t cursor_ = 0;      // the ordinal after the last found (members come in order)
  std::array<std::uint32_t, kMaxMembers> keys_{};  // each member's key node, by ordinal (count_ of them)
  std::array<std::uint8_t, kMaxMembers> slots_{};  // by name_bit's bit, probing on: a member's ordinal + 1, or 0
  TapeValue raw_value_{nullptr, 0};
};

}  // namespace pvd::protocol
