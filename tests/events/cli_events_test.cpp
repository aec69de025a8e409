// `kestrel code` and `kestrel eval events` end to end.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "support/run_kestrel.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

// Two sentences, the second one coded: "the European Union extended
// sanctions against the Republic of Belarus".
constexpr const char* kConllu =
    "# newdoc id = d1\n"
    "# text = Minsk was quiet.\n"
    "1\tMinsk\tMinsk\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
    "2\twas\tbe\tAUX\tVBD\t_\t3\tcop\t_\t_\n"
    "3\tquiet\tquiet\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# text = The European Union imposed sanctions on Belarus.\n"
    "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n"
    "2\tEuropean\tEuropean\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n"
    "3\tUnion\tUnion\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
    "4\timposed\timpose\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "5\tsanctions\tsanction\tNOUN\tNNS\t_\t4\tobj\t_\t_\n"
    "6\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "7\tBelarus\tBelarus\tPROPN\tNNP\t_\t4\tobl\t_\tSpaceAfter=No\n"
    "8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n";

TEST(CliEvents, JsonlIsOneEventPerLineWithEvidenceOffsets) {
  testing::TempDir dir;
  auto path = dir.write("d1.conllu", kConllu);
  auto r = testing::run_kestrel("code --format jsonl --date 2023-02-28 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<nlohmann::json> events;
  while (std::getline(lines, line)) events.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(events.size(), 1u) << r.out;
  const auto& e = events[0];
  EXPECT_EQ(e["doc_id"], "d1");
  EXPECT_EQ(e["sentence"], 1);
  EXPECT_EQ(e["date"], "2023-02-28");
  EXPECT_EQ(e["cameo"].get<std::string>().substr(0, 3), "163");
  EXPECT_EQ(e["plover"]["event"], "COERCE");
  EXPECT_EQ(e["quad_class"], 4);
  EXPECT_EQ(e["source"]["code"], "IGOEUREEC");
  EXPECT_EQ(e["target"]["country"], "BLR");
  EXPECT_EQ(e["negated"], false);
  EXPECT_EQ(e["modality"], "asserted");
  // Offsets point into the document text that CoNLL-U input rebuilds.
  std::string text = "Minsk was quiet. The European Union imposed sanctions on Belarus.";
  std::size_t start = e["evidence"]["start"], end = e["evidence"]["end"];
  ASSERT_LE(end, text.size());
  EXPECT_EQ(text.substr(start, end - start), e["evidence"]["text"].get<std::string>());
  std::size_t ts = e["evidence"]["trigger"]["start"], te = e["evidence"]["trigger"]["end"];
  // The verb or its nominal ("imposed sanctions" is coded from whichever
  // pattern is the more specific).
  std::string trigger = text.substr(ts, te - ts);
  EXPECT_TRUE(trigger == "imposed" || trigger == "sanctions") << trigger;
  EXPECT_EQ(trigger, e["evidence"]["trigger"]["text"].get<std::string>());
  EXPECT_TRUE(e["pattern"].contains("file"));
  EXPECT_TRUE(e["pattern"].contains("line"));
}

TEST(CliEvents, TextExplainsEachEventUnderItsSentence) {
  testing::TempDir dir;
  auto path = dir.write("d1.conllu", kConllu);
  auto r = testing::run_kestrel("code --date 2023-02-28 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("[0] body"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[1] body"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("trigger \""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("evidence @"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pattern 163"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# 1 event"), std::string::npos) << r.out;
}

TEST(CliEvents, TheExampleArticleIsListedSentenceBySentence) {
  // Raw text needs the NLP model (tests/cli/nlp_cli_test.cpp checks the same
  // listing with a model trained in the test).
  if (!std::filesystem::exists(std::string(KESTREL_SOURCE_DIR) + "/data/models/nlp.kmodel"))
    GTEST_SKIP() << "data/models/nlp.kmodel is not there yet: `code` refuses raw text without it";
  auto r = testing::run_kestrel("code --date 2023-02-28 " + std::string(KESTREL_SOURCE_DIR) +
                                "/examples/000_52d312ab3d952ff2.txt");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("# document 000_52d312ab3d952ff2"), std::string::npos);
  EXPECT_NE(r.out.find("[20] bullet"), std::string::npos) << r.out;
}

TEST(CliEvents, TheExampleArticlesSummitBulletIsADemandForPeace) {
  // "• Belarusian-Chinese summit: Xi Jinping and Oleksandr Lukashenko demand
  // peace in Ukraine as soon as possible": the tagger reads "demand" as a
  // noun; in a bullet after a coordinated subject it is the verb.
  if (!std::filesystem::exists(std::string(KESTREL_SOURCE_DIR) + "/data/models/nlp.kmodel"))
    GTEST_SKIP() << "data/models/nlp.kmodel is not there yet: `code` refuses raw text without it";
  auto r = testing::run_kestrel("code --format jsonl --date 2023-02-28 " + std::string(KESTREL_SOURCE_DIR) +
                                "/examples/000_52d312ab3d952ff2.txt");
  ASSERT_EQ(r.exit_code, 0);
  std::istringstream lines(r.out);
  std::string line;
  std::set<std::string> sources;
  while (std::getline(lines, line)) {
    auto e = nlohmann::json::parse(line);
    if (e["sentence_text"].get<std::string>().find("demand peace in Ukraine") == std::string::npos) continue;
    EXPECT_EQ(e["plover"]["event"], "REQUEST") << line;
    EXPECT_EQ(e["target"]["country"], "UKR") << line;
    sources.insert(e["source"]["country"].get<std::string>());
  }
  EXPECT_EQ(sources, (std::set<std::string>{"BLR", "CHN"})) << r.out;
}

TEST(CliEvents, EvalEventsOnPetr2) {
  std::string shared = testing::shared_dir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present: PETR2_GSR_validation.xml is needed";
  auto r = testing::run_kestrel("eval events --no-list --gold " + shared + "/data/petrarch/PETR2_GSR_validation.xml");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("events (petr2): 78 sentences"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("type+source+target"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace kestrel
