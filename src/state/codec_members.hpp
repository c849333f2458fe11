// The machinery of the entities' JSON codec (state.md §1): each entity names
// its members once, in their JSON order (src/state/codec.cpp), and two
// visitors walk that list — the Decoder reads every member strictly through an
// ArgReader (a document) or a TapeReader (a tape, src/json/tape.hpp), the
// Encoder appends it to the document or the text. A plain member is coded by
// its type (money as a string with two decimals, months "YYYY-MM", dates
// "YYYY-MM-DD", flags booleans, null where an optional value is absent); a
// member with more to say (allowed texts, a default, a range, nested objects)
// is wrapped by one of the small wrappers of src/state/codec_wrapped.hpp.
#pragma once

#include <array>
#include <concepts>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "json/args.hpp"
#include "json/tape.hpp"
#include "json/writer.hpp"
#include "state/entities.hpp"
#include "state/vocabulary.hpp"

namespace pvd::state::codec {

using protocol::ArgReader;
using protocol::json;
using protocol::ojson;
using Texts = std::initializer_list<std::string_view>;

// ------------------------------------------------------------------ plain members

template <class R>
void read(R& r, const char* n, std::string& x) { x = r.string(n); }
template <class R>
void read(R& r, const char* n, std::optional<std::string>& x) { x = r.opt_string(n); }
template <class R>
void read(R& r, const char* n, Money& x) { x = r.money(n); }
template <class R>
void read(R& r, const char* n, std::optional<Money>& x) { x = r.opt_money(n); }
template <class R>
void read(R& r, const char* n, std::optional<Rate>& x) { x = r.opt_rate(n); }
template <class R>
void read(R& r, const char* n, Rate& x) { x = r.rate(n); }
template <class R>
void read(R& r, const char* n, YearMonth& x) { x = r.month(n); }
template <class R>
void read(R& r, const char* n, std::optional<YearMonth>& x) { x = r.opt_month(n); }
template <class R>
void read(R& r, const char* n, Date& x) { x = r.date(n); }
template <class R>
void read(R& r, const char* n, std::optional<Date>& x) { x = r.opt_date(n); }
template <class R>
void read(R& r, const char* n, LocalDateTime& x) { x = r.datetime(n); }
template <class R>
void read(R& r, const char* n, std::optional<LocalDateTime>& x) { x = r.opt_datetime(n); }
template <class R>
void read(R& r, const char* n, bool& x) { x = r.boolean(n); }
template <class R>
void read(R& r, const char* n, std::optional<bool>& x) { x = r.opt_boolean(n); }
/// An optional array of months.
template <class R>
void read(R& r, const char* n, std::vector<YearMonth>& x) {
  r.each_value(
      n, [&](const auto& e, const std::string& p, std::size_t) { x.push_back(protocol::decode_month(e, p)); },
      protocol::kMaxBatchRows, true);
}

inline ojson value_of(const std::string& s) { return s; }
template <Vocab E>
ojson value_of(E x) {
  return std::string(to_text(x));
}
inline ojson value_of(bool b) { return b; }
inline ojson value_of(std::int64_t i) { return i; }
template <class T>
  requires requires(const T& t) { t.to_string(); }
ojson value_of(const T& x) {
  return x.to_string();
}
template <class T>
ojson value_of(const std::optional<T>& x) {
  return x ? value_of(*x) : ojson(nullptr);
}
ojson value_of(const std::vector<YearMonth>& months);

// The same values written straight as JSON text (TextObj below): the same
// overloads as value_of, so that each member takes the same one, and the same
// bytes as value_of's document dumped.
inline void write_text(std::string& out, const std::string& s) { protocol::write_json_string(out, s); }
template <Vocab E>
void write_text(std::string& out, E x) {
  protocol::write_json_string(out, to_text(x));
}
inline void write_text(std::string& out, bool b) { out += b ? "true" : "false"; }
inline void write_text(std::string& out, std::int64_t i) { protocol::write_json_integer(out, i); }
/// A value whose text is digits and ASCII signs only ("-12.34", "2026-03",
/// "2026-03-05", "0.12"): nothing in it is escaped, so it is written between
/// its quotes in one append, without the escaping scan (a stateless response's
/// state is mostly such values).
template <class T>
concept PlainText = std::same_as<T, Money> || std::same_as<T, YearMonth> || std::same_as<T, Date> || std::same_as<T, Rate>;
/// Appends the pieces in one append when they are short (a member's name and
/// its punctuation, a plain value and its quotes: a byte or two at a time, the
/// appends were an eighth of writing a state).
inline void append_joined(std::string& out, std::initializer_list<std::string_view> pieces) {
  char buf[64];
  std::size_t n = 0;
  for (std::string_view p : pieces) n += p.size();
  if (n > sizeof buf) {
    for (std::string_view p : pieces) out.append(p);
    return;
  }
  n = 0;
  for (std::string_view p : pieces) {
    std::memcpy(buf + n, p.data(), p.size());
    n += p.size();
  }
  out.append(buf, n);
}
template <PlainText T>
void write_text(std::string& out, const T& x) {
  append_joined(out, {"\"", x.to_string(), "\""});
}
template <class T>
  requires(!PlainText<T> && requires(const T& t) { t.to_string(); })
void write_text(std::string& out, const T& x) {
  protocol::write_json_string(out, x.to_string());
}
template <class T>
void write_text(std::string& out, const std::optional<T>& x) {
  if (x) write_text(out, *x);
  else out += "null";
}
void write_text(std::string& out, const std::vector<YearMonth>& months);

// An object built member by member in the order written. The initializer-list
// form (ojson{{"k", v}, …}) makes a temporary [key, value] array per member,
// deep-copies every named array or object, and searches the keys already
// there at each insertion; an entity is encoded for every entity of every
// stateless response and every row the store writes, so it appends instead
// (the keys of each entity are distinct by construction). Same members, same
// order.
template <class T>
ojson encode_object(const T& x);

class Obj {
 public:
  explicit Obj(std::size_t members) : j_(ojson::object()) { map().reserve(members); }
  void add(const char* key, ojson v) { map().emplace_back(key, std::move(v)); }
  template <class T>
  void value(const char* key, const T& x) {
    add(key, value_of(x));
  }
  void null(const char* key) { add(key, nullptr); }
  template <class T>
  void object(const char* key, const T& x) {
    add(key, encode_object(x));
  }
  template <class T>
  void objects(const char* key, const std::vector<T>& v) {
    ojson a = ojson::array();
    a.get_ref<ojson::array_t&>().reserve(v.size());
    for (const auto& element : v) a.push_back(encode_object(element));
    add(key, std::move(a));
  }
  // Hands the object over (used once, at the end).
  ojson take() { return std::move(j_); }

 private:
  ojson::object_t& map() { return j_.get_ref<ojson::object_t&>(); }
  ojson j_;
};

template <class T>
void encode_text(std::string& out, const T& x);

// The same object written straight as JSON text, appended to `out` member by
// member: what Obj builds, dumped, without the document in between (a
// stateless response's state is the bulk of it). Member names are the
// schema's ASCII identifiers, written as they are.
class TextObj {
 public:
  explicit TextObj(std::string& out) : out_(out) {}
  void add(const char* key, const ojson& v) {
    name(key);
    protocol::write_json(out_, v);
  }
  template <class T>
  void value(const char* key, const T& x) {
    name(key);
    write_text(out_, x);
  }
  void null(const char* key) {
    name(key);
    out_ += "null";
  }
  template <class T>
  void object(const char* key, const T& x) {
    name(key);
    encode_text(out_, x);
  }
  /// An array of entities, held in `v` or (pointers) where `v` points.
  template <class T>
  void objects(const char* key, const std::vector<T>& v) {
    name(key);
    out_.push_back('[');
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out_.push_back(',');
      if constexpr (std::is_pointer_v<T>) encode_text(out_, *v[i]);
      else encode_text(out_, v[i]);
    }
    out_.push_back(']');
  }

 private:
  void name(const char* key) {
    append_joined(out_, {first_ ? "\"" : ",\"", key, "\":"});
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

// ------------------------------------------------------------------ the visitors

/// A wrapped member: it decodes and encodes itself.
template <class W>
concept Wrapped = requires { typename W::wrapped; };

template <class R>
struct Decoder {
  R& r;
  template <class T>
    requires(!Wrapped<T>)
  void operator()(const char* name, T& x) {
    read(r, name, x);
  }
  template <Wrapped W>
  void operator()(const char* name, W w) {
    w.decode(r, name);
  }
};

template <class O>
struct Encoder {
  O& out;
  template <class T>
    requires(!Wrapped<T>)
  void operator()(const char* name, const T& x) {
    out.value(name, x);
  }
  template <Wrapped W>
  void operator()(const char* name, W w) {
    w.encode(out, name);
  }
};

/// Counts the members (an encoder reserves room for them).
struct Counter {
  std::size_t n = 0;
  template <class T>
  void operator()(const char*, T&&) {
    ++n;
  }
};

/// `T` is the entity `E`, read-only (encoding) or not (decoding).
template <class T, class E>
concept Of = std::same_as<std::remove_const_t<T>, E>;

/// Decodes the members of `x` from `r` (an ArgReader, or a TapeReader) and
/// refuses any other member.
template <class R, class T>
void decode_members(R& r, T& x) {
  Decoder<R> d{r};
  members(d, x);  // found by argument-dependent lookup in codec.cpp
  r.finish();
}

template <class T>
T decode_object(const json& j, const std::string& path) {
  ArgReader r(&j, path, false);
  T x;
  decode_members(r, x);
  return x;
}

/// Decodes `x` from the object at a tape's first node (protocol.md §1.3):
/// false when the tape's reader declines — a member the general reader would
/// refuse, or a check of decoded elements failing — and then the caller
/// decodes the document, which gives the same entity or the error.
template <class T>
bool decode_from_tape(const protocol::Tape& t, T& x) {
  try {
    protocol::TapeReader r(t, 0);
    decode_members(r, x);
    return true;
  } catch (const protocol::TapeDeclined&) {
    return false;
  } catch (const RequestError&) {
    return false;
  }
}

/// Appends the members of `x` to `out` (an Obj or a TextObj); an entity
/// written in another order than it is read overloads it (BillItem).
template <class O, class T>
void encode_members(O& out, const T& x) {
  Encoder<O> e{out};
  members(e, x);  // found by argument-dependent lookup in codec.cpp
}

template <class T>
ojson encode_object(const T& x) {
  static const std::size_t room = [] {
    Counter c;
    T probe;
    members(c, probe);
    return c.n;
  }();
  Obj out(room);
  encode_members(out, x);
  return out.take();
}

template <class T>
void encode_text(std::string& out, const T& x) {
  out.push_back('{');
  TextObj o(out);
  encode_members(o, x);
  out.push_back('}');
}

}  // namespace pvd::state::codec

#include "state/codec_wrapped.hpp"  // IWYU pragma: export
