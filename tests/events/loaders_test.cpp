// Loading and validating the CAMEO ontology and event patterns.
#include <gtest/gtest.h>

#include <algorithm>

#include "events/evaluate.h"
#include "events/events.h"
#include "events/simple_actors.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

struct Messages {
  std::vector<std::string> lines;
  Diagnostics diag{[this](const Diagnostic& d) { lines.push_back(format_diagnostic(d)); }};
  bool has(const std::string& needle) const {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(needle) != std::string::npos; });
  }
};

constexpr const char* kOntology =
    "%kestrel-dict cameo 1\n"
    "# comment\n"
    "08\t5.0\t2\tCONCEDE\t-\t-\tYield\n"
    "087\t9.0\t2\tRETREAT\t-\tmilitary\tDe-escalate militarily\n"
    "190\t-10.0\t4\tASSAULT\t-\tmilitary\tUse conventional military force\n"
    "163\t-8.0\t4\tCOERCE\trestrict\tdiplomatic\tImpose embargo, boycott, or sanctions\n"
    "010\t0.0\t1\t-\t-\t-\tMake statement\n"
    "19x\t-10.0\t4\tASSAULT\t-\t-\tbad code\n"            // line 8
    "191\tmany\t4\tASSAULT\t-\t-\tbad goldstein\n"        // line 9
    "192\t-9.5\t7\tASSAULT\t-\t-\tbad quad class\n"       // line 10
    "193\t-10.0\t4\tASSAULT\t-\n"                         // line 11: too few columns
    "190\t-10.0\t4\tASSAULT\t-\t-\tduplicate\n";          // line 12

TEST(CameoOntology, LoadsGoodLinesAndReportsBadOnesWithFileAndLine) {
  Messages m;
  auto onto = CameoOntology::from_text(kOntology, "cameo.tsv", m.diag);
  ASSERT_NE(onto, nullptr);
  EXPECT_EQ(onto->size(), 5u);
  EXPECT_TRUE(m.has("cameo.tsv:8: error")) << "bad code";
  EXPECT_TRUE(m.has("cameo.tsv:9: error")) << "bad Goldstein";
  EXPECT_TRUE(m.has("cameo.tsv:10: error")) << "bad quad class";
  EXPECT_TRUE(m.has("cameo.tsv:11: error")) << "missing columns";
  EXPECT_TRUE(m.has("cameo.tsv:12: error")) << "duplicate";
  EXPECT_EQ(m.lines.size(), 5u);
  const CameoCode* c = onto->find("163");
  ASSERT_NE(c, nullptr);
  EXPECT_DOUBLE_EQ(c->goldstein, -8.0);
  EXPECT_EQ(c->quad_class, 4);
  EXPECT_EQ(c->plover_event, "COERCE");
  EXPECT_EQ(c->plover_mode, "restrict");
  EXPECT_EQ(c->plover_context, "diplomatic");
  EXPECT_EQ(onto->find("010")->plover_event, "");  // "-" is empty
  EXPECT_EQ(onto->find("190")->label, "Use conventional military force");  // first definition wins
}

TEST(CameoOntology, UnlistedCodesTakeTheirParentsMapping) {
  Messages m;
  auto onto = CameoOntology::from_text(kOntology, "cameo.tsv", m.diag);
  EXPECT_EQ(onto->find("0874"), nullptr);
  ASSERT_NE(onto->lookup("0874"), nullptr);
  EXPECT_EQ(onto->lookup("0874")->code, "087");
  EXPECT_EQ(onto->lookup("081")->code, "08");
  EXPECT_EQ(onto->lookup("99"), nullptr);
}

TEST(CameoOntology, RefusesAFileWithoutTheHeader) {
  Messages m;
  EXPECT_EQ(CameoOntology::from_text("190\t-10\t4\tASSAULT\t-\t-\tx\n", "x.tsv", m.diag), nullptr);
  EXPECT_TRUE(m.has("x.tsv:1: error"));
}

TEST(CameoOntology, ShippedFileLoadsCleanly) {
  Messages m;
  std::string path = CameoOntology::default_file();
  ASSERT_FALSE(path.empty()) << "data/events/cameo.tsv not found";
  auto onto = CameoOntology::load(path, m.diag);
  ASSERT_NE(onto, nullptr);
  for (const auto& l : m.lines) ADD_FAILURE() << l;
  EXPECT_GE(onto->size(), 311u);  // every CAMEO event code
  EXPECT_EQ(onto->find("163")->plover_event, "COERCE");  // the 2021 move
  EXPECT_EQ(onto->find("195")->quad_class, 4);
}

TEST(EventPatterns, ReportsEachBadLineAndKeepsTheRest) {
  Messages m;
  auto onto = CameoOntology::from_text(kOntology, "cameo.tsv", m.diag);
  m.lines.clear();
  auto p = EventPatterns::from_text(
      "%kestrel-dict events 1\n"
      "190 SRC [attack] TGT\n"                   // 2 ok
      "190 SRC attack TGT\n"                     // 3 no trigger
      "190 SRC [attack] [hit] TGT\n"             // 4 two triggers
      "1999 SRC [attack] TGT\n"                  // 5 not in the ontology
      "19x SRC [attack] TGT\n"                   // 6 not a code
      "190 SRC [attack] SRC\n"                   // 7 SRC twice
      "190 SRC 's TGT [attack]\n"                // 8 's before a slot
      "190 SRC [attack/v] TGT\n"                 // 9 unknown part of speech
      "163 SRC [impose] sanction|embargo on TGT  # trailing comment\n"  // 10 ok
      "--- SRC [attack] TGT in match|game\n"     // 11 ok (discard)
      "190 SRC launch|carry_out [attack/n] on TGT\n"  // 12 ok
      "087 SRC [call_for] cease-fire\n"          // 13 ok
      "087 SRC declare [cease-fire/n]\n"         // 14 ok
      "190 SRC [attack] TGT 's * base\n",        // 15 ok: a star after 's
      "p.txt", onto.get(), m.diag);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->size(), 7u);
  for (int line : {3, 4, 5, 6, 7, 8, 9}) EXPECT_TRUE(m.has("p.txt:" + std::to_string(line) + ": error")) << line;
  EXPECT_EQ(m.lines.size(), 7u);
  EXPECT_EQ(p->pattern(0).code, "190");
  EXPECT_EQ(p->pattern(0).line, 2u);
  EXPECT_EQ(p->pattern(1).text, "SRC [impose] sanction|embargo on TGT");
  EXPECT_TRUE(p->pattern(2).discard());
}

TEST(EventPatterns, IndexesTriggersByLemma) {
  Messages m;
  auto p = EventPatterns::from_text(
      "%kestrel-dict events 1\n"
      "190 SRC [attack] TGT\n"
      "190 SRC launch [attack/n] on TGT\n"
      "0256 SRC [call_for] ceasefire\n"
      "087 SRC declare [cease-fire/n]\n",
      "p.txt", nullptr, m.diag);
  EXPECT_TRUE(m.lines.empty());
  EXPECT_EQ(p->by_trigger("attack").size(), 2u);
  EXPECT_EQ(p->by_trigger("call").size(), 1u);  // a verb with its particle
  EXPECT_EQ(p->by_trigger("cease-fire").size(), 1u);
  EXPECT_EQ(p->by_trigger("fire").size(), 1u);  // "cease - fire" split by the tokenizer
  EXPECT_TRUE(p->by_trigger("launch").empty());  // light verbs are words, not triggers
}

TEST(EventPatterns, RefusesAFileWithoutTheHeader) {
  Messages m;
  auto p = EventPatterns::from_text("190 SRC [attack] TGT\n", "p.txt", nullptr, m.diag);
  EXPECT_EQ(p->size(), 0u);
  EXPECT_TRUE(m.has("p.txt:1: error"));
}

TEST(EventPatterns, FilesLoadInOrderAndMissingFilesAreReported) {
  testing::TempDir dir;
  auto a = dir.write("patterns-a.txt", "%kestrel-dict events 1\n190 SRC [attack] TGT\n");
  auto b = dir.write("patterns-b.txt", "%kestrel-dict events 1\n042 SRC [visit] TGT\n");
  Messages m;
  auto p = EventPatterns::load({a, dir.file("missing.txt"), b}, nullptr, m.diag);
  ASSERT_EQ(p->size(), 2u);
  EXPECT_EQ(p->pattern(1).code, "042");
  EXPECT_EQ(p->pattern(1).file, b);
  EXPECT_TRUE(m.has("missing.txt"));
}

TEST(EventPatterns, ShippedFilesLoadWithoutErrors) {
  Messages m;
  auto onto = CameoOntology::load(CameoOntology::default_file(), m.diag);
  ASSERT_NE(onto, nullptr);
  auto files = EventPatterns::default_files();
  ASSERT_FALSE(files.empty()) << "data/events/patterns-*.txt not found";
  auto p = EventPatterns::load(files, onto.get(), m.diag);
  for (const auto& l : m.lines) ADD_FAILURE() << l;
  EXPECT_GT(p->size(), 5000u);
  EXPECT_GT(p->trigger_count(), 500u);
}

TEST(PloverGold, ReadsEventsAndActorsAndBadLinesAreReported) {
  Messages m;
  const std::string jsonl =
      R"({"id": "a", "date": "2000-01-01", "text": "Japan halted aid to Serbia.", "event": "SANCTION",)"
      R"( "source": [{"actorText": "Japan", "code": "JAP"}], "target": [{"actorText": "Serbia", "code": "SRB"}]})"
      "\n"
      "not json\n"
      R"({"id": "c", "text": "Vietnamese forces shelled Cambodian camps.", "event": "FIGHT",)"
      R"( "source": [{"code": "VTNMIL"}], "target": [{"code": "KHM"}, {"code": "ITL"}]})"
      "\n";
  auto gold = read_plover_gold(jsonl, "g.jsonl", m.diag);
  ASSERT_EQ(gold.size(), 2u);
  EXPECT_TRUE(m.has("g.jsonl:2")) << m.lines.size();
  EXPECT_EQ(gold[0].category, "SANCTION");
  // Pre-ISO codes in the gold are scored as the countries they stand for.
  EXPECT_EQ(gold[0].codings[0].sources, (std::vector<std::string>{"JPN"}));
  EXPECT_EQ(gold[1].codings[0].cameo, "ASSAULT");
  EXPECT_EQ(gold[1].codings[0].sources, (std::vector<std::string>{"VNMMIL"}));
  EXPECT_EQ(gold[1].codings[0].targets, (std::vector<std::string>{"KHM", "ITA"}));
}

// A 2016 gold label still accepts the codes the 2021 CAMEO->PLOVER table
// moved to another type: easing a curfew (0813, RETREAT in 2021) for CONCEDE.
TEST(PloverGold, CodesThe2021TableMovedCountForTheir2016Label) {
  Messages m;
  auto onto = CameoOntology::load(CameoOntology::default_file(), m.diag);
  auto pats = EventPatterns::from_text("%kestrel-dict events 1\n0813 SRC [lift] curfew\n", "p", onto.get(), m.diag);
  EventCoder coder(std::move(onto), std::move(pats));
  const std::string tree =
      "Israel Israel PROPN 2 nsubj\n"
      "lifted lift VERB 0 root\n"
      "the the DET 4 det\n"
      "curfew curfew NOUN 2 obj\n";
  auto gold = read_plover_gold(
      R"({"id": "a", "text": "Israel lifted the curfew", "event": "CONCEDE", "source": [{"code": "ISR"}]})"
      "\n"
      R"({"id": "b", "text": "Israel lifted the curfew", "event": "AID", "source": [{"code": "ISR"}]})"
      "\n",
      "g.jsonl", m.diag);
  ASSERT_EQ(gold.size(), 2u);
  auto annotate = [&](Document& doc) { doc = testing::tree_doc(tree); };
  auto finder = [](const Document& doc) {
    return std::vector<std::vector<ActorMention>>{{testing::mention(doc.sentences[0], 0, 0, "ISR")}};
  };
  EventEvaluation e = evaluate_plover(gold, coder, annotate, finder);
  EXPECT_EQ(e.total.gold, 2u);
  EXPECT_EQ(e.total.type_source, 1u);  // CONCEDE accepts 0813; AID does not
  EXPECT_EQ(e.total.correct, 1u);
  EXPECT_EQ(e.total.predicted, 2u);
}

// 2016 FIGHT was all of CAMEO 19: occupying territory (192, COERCE in the 2021
// table) still counts for it, but not for the 2021 label ASSAULT.
TEST(PloverGold, OccupyingTerritoryCountsForThe2016FightLabel) {
  Messages m;
  auto onto = CameoOntology::load(CameoOntology::default_file(), m.diag);
  auto pats = EventPatterns::from_text("%kestrel-dict events 1\n192 SRC [seize] TGT\n", "p", onto.get(), m.diag);
  EventCoder coder(std::move(onto), std::move(pats));
  const std::string tree =
      "Rebels rebel NOUN 2 nsubj\n"
      "seized seize VERB 0 root\n"
      "Goma Goma PROPN 2 obj\n";
  auto gold = read_plover_gold(
      R"({"id": "a", "text": "Rebels seized Goma", "event": "FIGHT", "source": [{"code": "COD"}]})"
      "\n"
      R"({"id": "b", "text": "Rebels seized Goma", "event": "ASSAULT", "source": [{"code": "COD"}]})"
      "\n",
      "g.jsonl", m.diag);
  ASSERT_EQ(gold.size(), 2u);
  auto annotate = [&](Document& doc) { doc = testing::tree_doc(tree); };
  auto finder = [](const Document& doc) {
    return std::vector<std::vector<ActorMention>>{
        {testing::mention(doc.sentences[0], 0, 0, "CODREB"), testing::mention(doc.sentences[0], 2, 2, "COD")}};
  };
  EventEvaluation e = evaluate_plover(gold, coder, annotate, finder);
  EXPECT_EQ(e.total.type_source, 1u);  // FIGHT accepts 192; ASSAULT (2021) does not
  EXPECT_EQ(e.total.correct, 1u);
}

}  // namespace
}  // namespace kestrel
