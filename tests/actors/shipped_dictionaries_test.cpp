// The dictionaries Kestrel ships: they load without a single error, and they
// hold what the actor issue requires.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "actors/actors.h"

namespace kestrel {
namespace {

class ShippedDictionaries : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = ActorDictionary::default_files();
    Diagnostics diag([](const Diagnostic& d) { messages_.push_back(format_diagnostic(d)); });
    dict_ = ActorDictionary::load(files_, diag).release();
  }
  static void TearDownTestSuite() { delete dict_; }
  static inline std::vector<std::string> files_;
  static inline std::vector<std::string> messages_;
  static inline ActorDictionary* dict_ = nullptr;
};

TEST_F(ShippedDictionaries, LoadWithoutErrors) {
  ASSERT_FALSE(files_.empty()) << "data/actors not found";
  for (const auto& m : messages_) ADD_FAILURE() << m;
}

TEST_F(ShippedDictionaries, EveryIsoCountryIsPresent) {
  const char* iso = "/usr/share/iso-codes/json/iso_3166-1.json";
  if (!std::filesystem::exists(iso)) GTEST_SKIP() << iso << " absent (Debian package iso-codes)";
  std::ifstream in(iso);
  auto j = nlohmann::json::parse(in);
  std::size_t checked = 0;
  for (const auto& c : j["3166-1"]) {
    std::string code = c["alpha_3"];
    const ActorEntry* e = dict_->find(code);
    EXPECT_TRUE(e != nullptr && e->kind == ActorKind::Country) << code << " missing";
    ++checked;
  }
  EXPECT_GE(checked, 249u);
}

TEST_F(ShippedDictionaries, PeopleHaveDatedRolesAndUniqueIds) {
  std::set<std::string> ids;
  std::size_t people = 0;
  for (const auto& e : dict_->entries()) {
    EXPECT_TRUE(ids.insert(e.id).second) << e.id;
    if (e.kind != ActorKind::Person) continue;
    ++people;
    EXPECT_FALSE(e.roles.empty()) << e.id << " (" << e.file << ":" << e.line << ") has no role";
    // An office (government, military, legislature, judiciary, intelligence)
    // may be open at one end (held before 1990, or to this day), never at
    // both: undated offices leak into the wrong years.
    for (const auto& r : e.roles) {
      std::string sector = r.code.size() >= 6 ? r.code.substr(3, 3) : "";
      if (sector == "GOV" || sector == "MIL" || sector == "LEG" || sector == "JUD" || sector == "SPY") {
        EXPECT_TRUE(r.when.from > 0 || r.when.to < 99991231) << e.id << " role " << r.code << " has no dates";
      }
    }
  }
  EXPECT_GE(people, 2000u);
}

TEST_F(ShippedDictionaries, KnownPeopleResolveByDate) {
  const ActorEntry* luk = nullptr;
  for (const auto& e : dict_->entries())
    if (e.kind == ActorKind::Person && e.name.find("Lukashenko") != std::string::npos) luk = &e;
  ASSERT_NE(luk, nullptr);
  bool has_spelling = false;
  for (const auto& n : luk->names) has_spelling |= n.text == "Lukashenka";
  EXPECT_TRUE(has_spelling);
  bool gov_2023 = false;
  for (const auto& r : luk->roles) gov_2023 |= r.code == "BLRGOV" && r.when.contains(20230228);
  EXPECT_TRUE(gov_2023);
}

TEST_F(ShippedDictionaries, OrganisationAndGroupCoverage) {
  ActorCounts c = dict_->counts();
  EXPECT_GE(c.igos + c.ngos, 150u);
  EXPECT_GE(c.groups, 100u);
  EXPECT_GE(c.agent_phrases, 400u);
  std::set<std::string> sectors;
  for (const auto& a : dict_->agents()) sectors.insert(a.sectors.begin(), a.sectors.end());
  for (const char* s : {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "CVL", "MED", "JRN", "BUS", "EDU",
                        "HLH", "REL", "LAB", "REF", "ELI", "SPY", "UAF", "CRM"})
    EXPECT_TRUE(sectors.count(s)) << "no agent phrase for sector " << s;
}

// Names that are also ordinary English words ("Turkey", "China", "Bush")
// match only in their written case; the list is generated from WordNet.
TEST_F(ShippedDictionaries, OrdinaryWordsOfNamesAreListed) {
  std::set<std::string> common(dict_->common_words().begin(), dict_->common_words().end());
  for (const char* w : {"turkey", "china", "chad", "bush", "brown", "rice", "may", "united", "states"})
    EXPECT_TRUE(common.count(w)) << w;
  for (const char* w : {"obama", "putin", "israel", "belarus", "russia"}) EXPECT_FALSE(common.count(w)) << w;
}

TEST_F(ShippedDictionaries, TheFsaIsTheBritishRegulatorBeforeTheSyrianWar) {
  // "The FSA" in 2004-5 business news is Britain's Financial Services
  // Authority; the Free Syrian Army (2011) did not exist yet.
  Diagnostics diag;
  auto matcher = ActorMatcher::build(*dict_, &diag);
  Document doc;
  doc.id = "fsa";
  doc.text = "The FSA fined the insurer on Monday.";
  doc.date = "2004-11-15";
  prepare_document(doc);
  auto ms = matcher->match(doc);
  ASSERT_FALSE(ms.empty());
  std::string code;
  for (const auto& m : ms[0])
    if (m.text == "FSA") code = m.code;
  EXPECT_EQ(code, "GBRGOVFSA");
}

}  // namespace
}  // namespace kestrel
