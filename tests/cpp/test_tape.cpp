// Facts read without a document (protocol.md §1.3, src/json/tape.hpp): the
// tape's reader decodes exactly what the document's reader decodes — the same
// entities from every state of the case corpus, and, for every member of
// those states replaced by a value of each kind, the same acceptance and the
// same entity — and a request whose facts it declines is answered as before.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "json/json.hpp"
#include "json/tape.hpp"
#include "provident/core/error.hpp"
#include "provident/engine.hpp"
#include "state/encode_text.hpp"
#include "state/entities.hpp"
#include "state/world.hpp"
#include "same_json.hpp"
#include "story_files.hpp"

using nlohmann::json;
using pvd::protocol::Tape;

namespace {

std::string written(const pvd::state::Facts& f) {
  std::string out;
  pvd::state::encode_text(out, f);
  return out;
}

// The facts decoded from the document, or nothing when its reader refuses them.
std::optional<pvd::state::Facts> general(const json& doc) {
  try {
    return pvd::state::decode_facts(doc);
  } catch (const pvd::RequestError&) {
    return std::nullopt;
  }
}

// Both readers accept `doc` or both refuse it, and agree on what it holds.
::testing::AssertionResult same_reading(const json& doc) {
  const std::string text = doc.dump();
  Tape tape;
  if (!tape.read(text)) return ::testing::AssertionFailure() << "the tape did not read " << text.substr(0, 200);
  pvd::state::Facts fast;
  const bool accepted = pvd::state::decode_tape(tape, fast);
  const auto slow = general(doc);
  if (accepted != slow.has_value())
    return ::testing::AssertionFailure() << (accepted ? "accepted what the document's reader refuses: " : "declined: ")
                                         << text.substr(0, 300);
  if (accepted && written(fast) != written(*slow)) return ::testing::AssertionFailure() << "read differently: " << text.substr(0, 300);
  return ::testing::AssertionSuccess();
}

// Every stateless state of the corpus (the facts of the steps that carry them).
std::vector<json> corpus_facts() {
  std::vector<json> out;
  for (const auto& param : pvd::test::story_params()) {
    if (param.store) continue;
    pvd::test::run_story(param.file, false, [&](const pvd::test::Step& step) {
      if (step.request.contains("facts") && step.request["facts"].is_object()) out.push_back(step.request["facts"]);
    });
  }
  return out;
}

// Calls fn(doc with one value replaced) for every value in doc (depth first)
// and each replacement.
void each_replacement(const json& doc, const std::function<void(const json&)>& fn) {
  static const json kinds[] = {nullptr, true, 7, -1, "x", "2026-13", "1.005", json::array(), json::object(),
                               json::array({"2026-01"}), json::object({{"k", 1}})};
  std::function<void(json&, json&)> walk = [&](json& root, json& at) {
    if (at.is_object()) {
      for (auto it = at.begin(); it != at.end(); ++it) {
        json saved = it.value();
        for (const json& k : kinds) {
          it.value() = k;
          fn(root);
        }
        it.value() = saved;
        walk(root, it.value());
      }
    } else if (at.is_array()) {
      for (auto& e : at) walk(root, e);
    }
  };
  json root = doc;
  walk(root, root);
}

}  // namespace

TEST(Tape, EveryCorpusStateReadsAsItsDocumentReads) {
  const auto all = corpus_facts();
  ASSERT_GT(all.size(), 300u);
  for (const json& f : all) {
    ASSERT_TRUE(same_reading(f));
    const std::string text = f.dump();  // the tape reads its strings in place
    Tape tape;
    ASSERT_TRUE(tape.read(text));
    pvd::state::Facts fast;
    EXPECT_TRUE(pvd::state::decode_tape(tape, fast)) << "a valid state was declined: " << f.dump().substr(0, 300);
  }
}

TEST(Tape, EveryMemberReplacedByAnyKindOfValueReadsAsItsDocumentReads) {
  // The largest state (up to 6 kB) of the corpus for each set of kinds of entity it holds.
  const auto all = corpus_facts();
  std::map<std::string, json> by_shape;
  for (const json& f : all) {
    if (f.dump().size() > 6000) continue;  // every member replaced: the work grows with size × members
    std::string shape;
    for (const char* k : {"units", "accounts", "persons", "bills", "cases"})
      shape += f.contains(k) && !f[k].empty() ? k : "-";
    auto& kept = by_shape[shape];
    if (kept.is_null() || f.dump().size() > kept.dump().size()) kept = f;
  }
  ASSERT_GE(by_shape.size(), 4u);
  std::size_t tried = 0, refused = 0;
  for (const auto& entry : by_shape) {
    const std::string& shape = entry.first;  // a name, not a structured binding: captured below
    each_replacement(entry.second, [&](const json& doc) {
      ++tried;
      refused += general(doc) ? 0 : 1;
      EXPECT_TRUE(same_reading(doc)) << shape;
    });
  }
  EXPECT_GT(tried, 2000u);
  EXPECT_GT(refused, tried / 2);  // most replacements are refused: the refusals are compared
}

TEST(Tape, ReadsWhatTheOnePassReaderReadsAndNothingElse) {
  for (const std::string text : {R"({"a":[1,-0,18446744073709551615,-9223372036854775808,true,false,null,"\u00e9\n\"\/"]})",
                                 " { } ", "[]", R"("s")", "0"}) {
    json doc;
    Tape tape;
    ASSERT_TRUE(pvd::protocol::read_fast(text, doc)) << text;
    ASSERT_TRUE(tape.read(text)) << text;
    EXPECT_TRUE(pvd::test::same_json(pvd::protocol::to_json({&tape, 0}), doc)) << text;  // the same JSON types too
  }
  const std::string deep = std::string(64, '[') + std::string(64, ']');
  Tape tape;
  EXPECT_TRUE(tape.read(deep));
  EXPECT_FALSE(tape.read("[" + deep + "]"));  // the 65th level
  // Duplicate keys, at any number of keys (pairwise under nine, sorted above).
  EXPECT_FALSE(tape.read(R"({"a":1,"b":2,"a":3})"));
  std::string many = "{";
  for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  EXPECT_TRUE(tape.read(many + "\"k40\":0}"));
  EXPECT_FALSE(tape.read(many + "\"k17\":0}"));
  const std::vector<std::string> refused = {"1.5", "1e3", "18446744073709551616", "{\"a\":1,}", "\"\\u0000\"", "\"\xc3\x28\"",
                                            "\xef\xbb\xbf{}", "{\"" + std::string(257, 'k') + "\":1}", "[1] x"};
  for (const std::string& text : refused) {
    json doc;
    EXPECT_FALSE(tape.read(text)) << text;
    EXPECT_FALSE(pvd::protocol::read_fast(text, doc)) << text;
  }
}

// A member is found by its name in any order of the members, among names
// of one length and the same first and last bytes, escaped names included;
// an absent one is not found, and every member must be read.
TEST(Tape, AMemberIsFoundByItsNameInAnyOrder) {
  const std::vector<std::string> names = {"employer_part", "employee_part", "emplo\\u0079er_pbrt", "x", "e"};
  const std::vector<std::vector<int>> orders = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}};
  for (const auto& order : orders) {
    std::string text = "{";
    for (int i : order) text += (text.size() > 1 ? ",\"" : "\"") + names[static_cast<std::size_t>(i)] + "\":" + std::to_string(i);
    text += "}";
    Tape tape;
    ASSERT_TRUE(tape.read(text)) << text;
    pvd::protocol::TapeReader r(tape, 0);
    EXPECT_FALSE(r.has("employex_part")) << text;
    EXPECT_FALSE(r.has("")) << text;
    EXPECT_EQ(r.integer("x", 0, 9), 3) << text;
    EXPECT_EQ(r.integer("employee_part", 0, 9), 1) << text;
    EXPECT_EQ(r.integer("emplo" "yer_pbrt", 0, 9), 2) << text;
    EXPECT_EQ(r.integer("employer_part", 0, 9), 0) << text;
    EXPECT_THROW(r.finish(), pvd::protocol::TapeDeclined) << text;  // "e" is not read yet
    EXPECT_EQ(r.integer("e", 0, 9), 4) << text;
    EXPECT_NO_THROW(r.finish()) << text;
  }
}

TEST(Tape, ARequestsFactsGoOnTheTapeAndTheirErrorsAreAnsweredAsBefore) {
  Tape facts;
  const json envelope = pvd::protocol::parse_request(R"({"op":"x","facts": {"units":[]} ,"args":{}})", &facts);
  EXPECT_EQ(envelope, json::parse(R"({"op":"x","facts":{},"args":{}})"));
  EXPECT_EQ(facts.source(), R"({"units":[]})");
  // Facts that are not an object stay in the document (the envelope refuses them).
  EXPECT_EQ(pvd::protocol::parse_request(R"({"op":"x","facts":[1]})", &facts)["facts"], json::array({1}));
  EXPECT_TRUE(facts.empty());

  pvd::Engine e({.policy = "taiyuan"});
  const auto answer = [&](const std::string& facts_text, const std::string& op = "hpf.flex.remit") {
    return json::parse(e.execute(R"({"op":")" + op + R"(","request_id":"t","as_of":"2026-03-05T10:00:00","args":{"account_no":"A000001"},"facts":)" +
                                 facts_text + "}"));
  };
  // A value the tape's reader declines: the document's reader names it.
  const json bad = answer(R"({"units":[],"accounts":[{"account_no":5}]})");
  EXPECT_EQ(bad["error"]["code"], "REQ_BAD_VALUE");
  EXPECT_EQ(bad["error"]["field"], "facts.accounts[0].account_no");
  EXPECT_EQ(bad["error"]["message_en"], "Invalid value for facts.accounts[0].account_no: expected a string, got a number");
  const json unknown = answer(R"({"units":[],"acounts":[]})");
  EXPECT_EQ(unknown["error"]["field"], "facts.acounts");
  // A duplicate key in the facts is malformed before the operation is looked up, as before.
  const json dup = answer(R"({"units":[],"units":[]})", "no.such.op");
  EXPECT_EQ(dup["error"]["code"], "REQ_MALFORMED");
  EXPECT_EQ(dup["error"]["message_en"], "The request is not a well-formed JSON object: duplicate key \"units\"");
}

// The store keeps each entity's document as written straight from it
// (state::document_text): the bytes nlohmann's dump of its document writes.
TEST(Tape, EveryStoredDocumentIsWrittenAsItsDocumentDumps) {
  std::size_t entities = 0;
  const auto check = [&](const auto& list) {
    for (const auto& x : list) {
      ASSERT_EQ(pvd::state::document_text(x), pvd::state::encode(x).dump());
      ++entities;
    }
  };
  for (const json& f : corpus_facts()) {
    const pvd::state::Facts facts = pvd::state::decode_facts(f);
    check(facts.units);
    check(facts.accounts);
    check(facts.persons);
    check(facts.bills);
    check(facts.cases);
  }
  EXPECT_GT(entities, 1000u);
}

// A stateless response's state is written from the world's tables
// (encode_text(out, world)), not from a copy of its entities: the same bytes as
// the snapshot's, for every corpus state, with an entity changed and one added
// (created entities come after the facts, in the order they were made).
TEST(Tape, TheStateWrittenFromTheWorldIsItsSnapshotsText) {
  std::size_t worlds = 0;
  for (const json& f : corpus_facts()) {
    pvd::state::World w(pvd::state::decode_facts(f));
    if (const auto all = w.accounts().all(); !all.empty()) {
      pvd::state::Account& a = w.edit(*all.front());
      a.balance = a.balance + pvd::Money::fen(1);
      pvd::state::Account added = a;
      added.account_no = a.account_no + "-copy";
      w.add(std::move(added));
    }
    w.commit();
    std::string from_world;
    pvd::state::encode_text(from_world, w);
    ASSERT_EQ(from_world, written(w.snapshot()));
    ++worlds;
  }
  EXPECT_GT(worlds, 100u);
}
