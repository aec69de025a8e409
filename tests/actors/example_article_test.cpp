// The shipped dictionaries on the bundled example article (Belarus–China
// talks, 2023-02-28), the PLOVER gold actors, and `kestrel actors`.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "actors/actors.h"
#include "support/run_kestrel.h"

namespace kestrel {
namespace {

const std::string kExample = std::string(KESTREL_SOURCE_DIR) + "/examples/000_52d312ab3d952ff2.txt";
const std::string kGold = std::string(KESTREL_SOURCE_DIR) + "/../shared/data/gold/plover-gsr-dev.jsonl";

class ShippedMatcher : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diag([](const Diagnostic& d) { ADD_FAILURE() << format_diagnostic(d); });
    std::string error;
    matcher_ = ActorMatcher::load_default(diag, error).release();
    ASSERT_NE(matcher_, nullptr) << error;
  }
  static void TearDownTestSuite() { delete matcher_; }
  static inline ActorMatcher* matcher_ = nullptr;
};

struct Found {
  std::size_t sentence;
  ActorMention m;
};

std::vector<Found> example_mentions(const ActorMatcher& matcher) {
  std::ifstream in(kExample, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Document doc;
  doc.id = "example";
  doc.text = ss.str();
  doc.date = "2023-02-28";
  prepare_document(doc);
  std::vector<Found> out;
  auto ms = matcher.match(doc);
  for (std::size_t s = 0; s < ms.size(); ++s)
    for (auto& m : ms[s]) out.push_back({s, std::move(m)});
  return out;
}

std::vector<const ActorMention*> with_text(const std::vector<Found>& all, const std::string& text) {
  std::vector<const ActorMention*> out;
  for (const auto& f : all)
    if (f.m.text == text) out.push_back(&f.m);
  return out;
}

TEST_F(ShippedMatcher, ExampleArticleLukashenkoIsOneEntity) {
  auto all = example_mentions(*matcher_);
  for (std::string text : {"President Oleksandr Lukashenko", "Lukashenka", "leader of the Republic of Belarus"}) {
    auto ms = with_text(all, text);
    ASSERT_FALSE(ms.empty()) << text;
    for (const ActorMention* m : ms) {
      EXPECT_EQ(m->code, "BLRGOV") << text;
      EXPECT_EQ(m->entity, "blr.lukashenko.alexander") << text;
    }
  }
  EXPECT_EQ(with_text(all, "leader of the Republic of Belarus")[0]->resolved_by, "coreference");
  // "Before the visit, the president held a meeting": him again.
  ASSERT_FALSE(with_text(all, "president").empty());
  EXPECT_EQ(with_text(all, "president")[0]->entity, "blr.lukashenko.alexander");
}

TEST_F(ShippedMatcher, ExampleArticleChinaAndBeijing) {
  auto all = example_mentions(*matcher_);
  auto leadership = with_text(all, "Chinese leadership");
  ASSERT_EQ(leadership.size(), 1u);
  EXPECT_EQ(leadership[0]->code, "CHNGOV");
  // "in Beijing" is where the talks are; "For Beijing, a predictable
  // partner ..." and "beneficial to Beijing" name its government.
  std::size_t places = 0, actors = 0;
  for (const ActorMention* m : with_text(all, "Beijing")) {
    if (m->place) {
      ++places;
      EXPECT_EQ(m->code, "CHN");
    } else {
      ++actors;
      EXPECT_EQ(m->code, "CHNGOV");
    }
  }
  EXPECT_EQ(places, 2u);
  EXPECT_EQ(actors, 2u);
}

TEST_F(ShippedMatcher, ExampleArticleOppositionTokayevAndTheAnalyst) {
  auto all = example_mentions(*matcher_);
  auto opp = with_text(all, "representatives of the opposition");
  ASSERT_EQ(opp.size(), 1u);
  EXPECT_EQ(opp[0]->code, "BLROPP");
  EXPECT_EQ(opp[0]->resolved_by, "context");

  for (std::string text : {"Tokayev", "Kazakhstan President Kasym-Zhomart Tokayev"}) {
    auto ms = with_text(all, text);
    ASSERT_EQ(ms.size(), 1u) << text;
    EXPECT_EQ(ms[0]->code, "KAZGOV") << text;
    EXPECT_EQ(ms[0]->entity, "kaz.tokayev.kassym-jomart") << text;
  }

  auto analyst = with_text(all, "Political scientist Ihor Tyshkevich");
  ASSERT_EQ(analyst.size(), 1u);
  EXPECT_EQ(analyst[0]->code, "BLRELI");
  EXPECT_EQ(analyst[0]->kind, "person");
  EXPECT_EQ(analyst[0]->entity, "blr.tyshkevich.ihar");
  auto later = with_text(all, "Tyshkevich");
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0]->code, "BLRELI");
  // "The analyst notes": the same man.
  ASSERT_FALSE(with_text(all, "analyst").empty());
  EXPECT_EQ(with_text(all, "analyst")[0]->entity, "blr.tyshkevich.ihar");
}

// "cooperation between the two countries" (sentence 7): Belarus and China,
// the pair the article is about (not Moscow, named last before it).
TEST_F(ShippedMatcher, ExampleArticleTheTwoCountries) {
  auto all = example_mentions(*matcher_);
  std::vector<std::string> codes;
  for (const auto& f : all)
    if (f.sentence == 7 && f.m.text == "two countries") codes.push_back(f.m.code + "/" + f.m.resolved_by);
  EXPECT_EQ(codes, (std::vector<std::string>{"BLR/coreference", "CHN/coreference"}));
}

TEST_F(ShippedMatcher, CompileIsFastEnough) {
  // Guards against an accidental blow-up; the 0.5 s budget (load + compile)
  // is measured by `kestrel_bench actors` on a quiet Release build.
  Diagnostics diag;
  auto dict = ActorDictionary::load(ActorDictionary::default_files(), diag);
  auto t0 = std::chrono::steady_clock::now();
  auto m = ActorMatcher::build(*dict, &diag);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(secs, 5.0);
  EXPECT_GT(m->stats().phrases, 15000u);
}

TEST_F(ShippedMatcher, PloverGoldActorsMeetTheFloors) {
  if (!std::filesystem::exists(kGold)) GTEST_SKIP() << kGold << " absent (../shared not checked out): gold actors not scored";
  Diagnostics diag;
  ActorEvalResult r;
  std::string error;
  ASSERT_TRUE(evaluate_actors(kGold, *matcher_, {}, r, diag, error)) << error;
  EXPECT_EQ(r.bad_lines, 0u);
  EXPECT_GE(r.gold_actors, 300u);
  EXPECT_GE(r.country_accuracy(), 0.92) << r.country_correct << " / " << r.gold_actors;
  EXPECT_GE(r.sector_accuracy(), 0.80) << r.sector_correct << " / " << r.with_sector;
}

// ---------------------------------------------------------------- the command

TEST(ActorsCommand, PrintsOneJsonLinePerMention) {
  auto [code, out] = testing::run_kestrel("actors --date 2023-02-28 " + kExample);
  EXPECT_EQ(code, 0);
  std::istringstream lines(out);
  std::string line;
  std::size_t n = 0;
  bool saw_lukashenko = false;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    ++n;
    for (const char* key : {"doc_id", "sentence", "text", "start", "end", "code", "country", "sector", "kind",
                            "entity", "resolved_by"})
      EXPECT_TRUE(j.contains(key)) << key << " missing in " << line;
    if (j["text"] == "President Oleksandr Lukashenko") {
      saw_lukashenko = true;
      EXPECT_EQ(j["code"], "BLRGOV");
      EXPECT_EQ(j["entity"]["id"], "blr.lukashenko.alexander");
      EXPECT_EQ(j["start"], 68);  // byte offsets into the file
      EXPECT_EQ(j["end"], 98);
    }
  }
  EXPECT_GT(n, 30u);
  EXPECT_TRUE(saw_lukashenko);
}

TEST(ActorsCommand, EvalActorsNeedsAGoldFile) {
  EXPECT_EQ(testing::run_kestrel("eval actors").exit_code, 2);
  EXPECT_EQ(testing::run_kestrel("eval actors --gold /nonexistent.jsonl").exit_code, 2);
  EXPECT_EQ(testing::run_kestrel("actors --help").exit_code, 0);
}

}  // namespace
}  // namespace kestrel
