// The wrapped members of the entities' codec (src/state/codec_members.hpp,
// which includes this at its end): a member with more to say than its type —
// allowed texts, a default, a range, nested objects, lists — decodes and
// encodes itself through one of the small wrappers below, with either reader
// (an ArgReader over a document, or a TapeReader over a tape).
#pragma once

#include "state/codec_members.hpp"

namespace pvd::state::codec {

// ------------------------------------------------------------------ wrapped members

/// The plain encoding of a member.
struct AsValue {
  template <class O, class T>
  void operator()(O& out, const char* n, const T& x) const {
    out.value(n, x);
  }
};

/// A member that decodes itself with `decode_with(reader, name, member)` and
/// encodes itself with `encode_with(document, name, member)` (plainly unless
/// given). The functions below make the ones the entities need.
template <class T, class Decode, class Encode = AsValue>
struct Coded {
  using wrapped = void;
  T& x;
  Decode decode_with;
  Encode encode_with = {};
  template <class R>
  void decode(R& r, const char* n) {
    decode_with(r, n, x);
  }
  template <class O>
  void encode(O& out, const char* n) const {
    encode_with(out, n, x);
  }
};
template <class T, class Decode>
Coded(T&, Decode) -> Coded<T, Decode>;
template <class T, class Decode, class Encode>
Coded(T&, Decode, Encode) -> Coded<T, Decode, Encode>;

/// Whether a member is an optional value.
template <class V>
concept Maybe = requires(V v) { v.has_value(); };

/// An optional member that decodes to `fallback` when absent.
template <class T>
auto or_default(T& x, std::remove_const_t<T> fallback) {
  return Coded{x, [fallback](auto& r, const char* n, auto& v) {
                 std::optional<std::remove_const_t<T>> read_value;
                 read(r, n, read_value);
                 v = read_value ? std::move(*read_value) : fallback;
               }};
}

/// A text that must be one of `allowed`: required, optional, or decoding to
/// `fallback` when absent.
template <class T>
auto one_of(T& x, Texts allowed, const char* fallback = nullptr) {
  return Coded{x, [allowed, fallback](auto& r, const char* n, auto& v) {
                 if constexpr (Maybe<std::remove_reference_t<decltype(v)>>)
                   v = r.opt_enumeration(n, allowed);
                 else
                   v = fallback ? r.opt_enumeration(n, allowed).value_or(fallback) : r.enumeration(n, allowed);
               }};
}

/// Every enumerator of a vocabulary, in order.
template <Vocab E>
inline constexpr auto all_of = [] {
  std::array<E, Vocabulary<E>::texts.size()> all{};
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<E>(i);
  return all;
}();

/// The enumerator member `n` names if it is one of `allowed`; nothing when
/// absent; any other text is REQ_BAD_VALUE listing the texts allowed.
template <Vocab E, class R>
std::optional<E> read_one_of(R& r, const char* n, std::span<const E> allowed) {
  const auto text = r.opt_string(n);
  if (!text) return std::nullopt;
  for (E a : allowed)
    if (to_text(a) == *text) return a;
  std::string list;
  for (E a : allowed) (list += list.empty() ? "" : ", ") += to_text(a);
  protocol::throw_bad_value(r.field(n), "须为以下之一：" + list, "must be one of: " + list);
}

template <class T>
struct Unwrapped {
  using type = T;
};
template <class T>
struct Unwrapped<std::optional<T>> {
  using type = T;
};

/// An enum member that must be one of `allowed` (by default every
/// enumerator): required, optional, or decoding to `fallback` when absent.
template <class T, Vocab E = typename Unwrapped<std::remove_const_t<T>>::type>
auto one_of(T& x, std::type_identity_t<std::span<const E>> allowed = all_of<E>,
            std::type_identity_t<std::optional<E>> fallback = std::nullopt) {
  return Coded{x, [allowed, fallback](auto& r, const char* n, auto& v) {
                 const std::optional<E> got = read_one_of(r, n, allowed);
                 if constexpr (Maybe<std::remove_reference_t<decltype(v)>>)
                   v = got;
                 else if (got || fallback)
                   v = got ? *got : *fallback;
                 else
                   protocol::throw_missing(r.field(n));
               }};
}

/// A person's name (at most kMaxNameChars characters; may be empty, which
/// NAME_REQUIRED judges): required, or "" when absent.
template <class T>
auto name(T& x, bool may_be_absent = false) {
  return Coded{x, [may_be_absent](auto& r, const char* n, auto& v) {
                 v = may_be_absent ? r.opt_string(n, protocol::kMaxNameChars).value_or("") : r.name(n);
               }};
}

/// An integer in [min, max]: required, optional, or `fallback` when absent.
template <class T>
auto count(T& x, std::int64_t min, std::int64_t max, std::optional<std::int64_t> fallback = std::nullopt) {
  return Coded{x, [min, max, fallback](auto& r, const char* n, auto& v) {
                 if constexpr (Maybe<std::remove_reference_t<decltype(v)>>)
                   v = r.opt_integer(n, min, max);
                 else
                   v = fallback ? r.opt_integer(n, min, max).value_or(*fallback) : r.integer(n, min, max);
               }};
}

/// An optional member written only when present (not as null).
template <class T>
auto if_present(T& x) {
  return Coded{x, [](auto& r, const char* n, auto& v) { read(r, n, v); },
               [](auto& out, const char* n, const auto& v) {
                 if (v) out.value(n, *v);
               }};
}

/// A nested object: required, or optional (null when absent).
template <class T>
auto nested(T& x) {
  return Coded{x,
               [](auto& r, const char* n, auto& v) {
                 if constexpr (Maybe<std::remove_reference_t<decltype(v)>>) {
                   if (auto sub = r.opt_object(n)) decode_members(*sub, v.emplace());
                 } else {
                   auto sub = r.object(n);
                   decode_members(sub, v);
                 }
               },
               [](auto& out, const char* n, const auto& v) {
                 if constexpr (Maybe<std::remove_cvref_t<decltype(v)>>) {
                   if (v) out.object(n, *v);
                   else out.null(n);
                 } else {
                   out.object(n, v);
                 }
               }};
}

/// Judges a decoded element of a list against those before it, naming the
/// element's path (REQ_BAD_VALUE).
template <class E>
using Check = void (*)(const std::vector<E>& before, const E& x, const std::string& path);

/// An optional array of objects, each judged by `check` (if any).
template <class T>
auto list(T& x, Check<typename std::remove_const_t<T>::value_type> check = nullptr) {
  return Coded{x,
               [check](auto& r, const char* n, auto& v) {
                 r.each(
                     n,
                     [&](auto& e, std::size_t) {
                       typename std::remove_const_t<T>::value_type element;
                       decode_members(e, element);
                       if (check) check(v, element, e.path());
                       v.push_back(std::move(element));
                     },
                     protocol::kMaxBatchRows, true);
               },
               [](auto& out, const char* n, const auto& v) { out.objects(n, v); }};
}

}  // namespace pvd::state::codec
