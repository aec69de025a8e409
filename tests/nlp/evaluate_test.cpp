#include "nlp/evaluate.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "nlp/nlp.h"

namespace kestrel {
namespace {

std::vector<Document> parse(std::string_view conllu) {
  Diagnostics diag([](const Diagnostic&) {});
  auto docs = read_conllu(conllu, "inline", diag);
  EXPECT_EQ(diag.errors(), 0u);
  return docs;
}

// Minimal word line: id, form, and optionally head/deprel/upos.
std::string line(int id, std::string_view form, std::string_view upos = "_", int head = 0,
                 std::string_view deprel = "_", bool space_after = true) {
  std::ostringstream out;
  out << id << '\t' << form << "\t_\t" << upos << "\t_\t_\t" << head << '\t' << deprel << "\t_\t"
      << (space_after ? "_" : "SpaceAfter=No") << '\n';
  return out.str();
}

const std::string kGold =
    "# newdoc id = d1\n# newpar\n# text = I don't know.\n"
    "1\tI\ti\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# text = Send e-mail now.\n"
    "1\tSend\tsend\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "2\te-mail\te-mail\tNOUN\tNN\t_\t1\tobj\t_\t_\n"
    "3\tnow\tnow\tADV\tRB\t_\t1\tadvmod:tmod\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n"
    "\n";

TEST(Evaluate, PerfectMatchScoresHundred) {
  auto gold = parse(kGold);
  auto system = parse(kGold);
  EvalScores s = evaluate(gold, system);
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_EQ(s.tokens.gold, 8u);  // "don't" is one token
  EXPECT_EQ(s.words.gold, 9u);
  EXPECT_EQ(s.sentences.gold, 2u);
  for (const EvalScore* e :
       {&s.tokens, &s.sentences, &s.words, &s.upos, &s.xpos, &s.ufeats, &s.lemmas, &s.uas, &s.las}) {
    EXPECT_DOUBLE_EQ(e->f1(), 1.0);
  }
}

TEST(Evaluate, SplitTokenLosesTokensButKeepsSentences) {
  auto gold = parse(kGold);
  // The system splits "e-mail" into three tokens.
  std::string sys = "# text = I don't know.\n"
                    "1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n"
                    "3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                    "5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
                    "# text = Send e-mail now.\n" +
                    line(1, "Send") + line(2, "e", "_", 0, "_", false) + line(3, "-", "_", 0, "_", false) +
                    line(4, "mail") + line(5, "now", "_", 0, "_", false) + line(6, ".") + "\n";
  EvalScores s = evaluate(gold, parse(sys));
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_EQ(s.tokens.gold, 8u);
  EXPECT_EQ(s.tokens.system, 10u);
  EXPECT_EQ(s.tokens.correct, 7u);
  EXPECT_NEAR(s.tokens.f1(), 2.0 * 7 / 18, 1e-12);
  EXPECT_DOUBLE_EQ(s.sentences.f1(), 1.0);
  EXPECT_EQ(s.words.correct, 8u);
}

TEST(Evaluate, UnsplitMultiwordTokenAlignsItsWordsByForm) {
  auto gold = parse(kGold);
  // The system keeps "don't" as a single word: the token still matches, but
  // only one of the two gold words can be aligned (none spell "don't").
  std::string sys = "# text = I don't know.\n" + line(1, "I") + line(2, "don't") + line(3, "know", "_", 0, "_", false) +
                    line(4, ".") + "\n" + "# text = Send e-mail now.\n" + line(1, "Send") + line(2, "e-mail") +
                    line(3, "now", "_", 0, "_", false) + line(4, ".") + "\n";
  EvalScores s = evaluate(gold, parse(sys));
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_DOUBLE_EQ(s.tokens.f1(), 1.0);
  EXPECT_EQ(s.words.gold, 9u);
  EXPECT_EQ(s.words.system, 8u);
  EXPECT_EQ(s.words.correct, 7u);
}

TEST(Evaluate, MergedSentenceCountsAsOneWrongSentence) {
  auto gold = parse(kGold);
  std::string sys = "# text = I don't know. Send e-mail now.\n" + line(1, "I") +
                    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" + line(2, "do") + line(3, "n't") +
                    line(4, "know", "_", 0, "_", false) + line(5, ".") + line(6, "Send") + line(7, "e-mail") +
                    line(8, "now", "_", 0, "_", false) + line(9, ".") + "\n";
  EvalScores s = evaluate(gold, parse(sys));
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_EQ(s.sentences.gold, 2u);
  EXPECT_EQ(s.sentences.system, 1u);
  EXPECT_EQ(s.sentences.correct, 0u);
  EXPECT_DOUBLE_EQ(s.tokens.f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.words.f1(), 1.0);
}

TEST(Evaluate, HeadsAndUniversalRelations) {
  auto gold = parse(kGold);
  std::string text = kGold;
  // Wrong head for "now" (2 instead of 1) and a subtype-only change for the
  // relation of "now": LAS ignores subtypes.
  auto pos = text.find("3\tnow\tnow\tADV\tRB\t_\t1\tadvmod:tmod");
  ASSERT_NE(pos, std::string::npos);
  std::string sys = text;
  sys.replace(pos, std::string("3\tnow\tnow\tADV\tRB\t_\t1\tadvmod:tmod").size(), "3\tnow\tnow\tADV\tRB\t_\t1\tadvmod");
  auto pos2 = sys.find("2\te-mail\te-mail\tNOUN\tNN\t_\t1\tobj");
  sys.replace(pos2, std::string("2\te-mail\te-mail\tNOUN\tNN\t_\t1\tobj").size(), "2\te-mail\te-mail\tNOUN\tNN\t_\t3\tobj");
  EvalScores s = evaluate(gold, parse(sys));
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_EQ(s.uas.correct, 8u);
  EXPECT_EQ(s.las.correct, 8u);
  EXPECT_EQ(s.upos.correct, 9u);
}

TEST(Evaluate, UFeatsCompareUniversalFeaturesInAnyOrder) {
  const std::string gold_text =
      "# text = He walks fast\n"
      "1\tHe\the\tPRON\tPRP\tCase=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs\t2\tnsubj\t_\t_\n"
      "2\twalks\twalk\tVERB\tVBZ\tMood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_\n"
      "3\tfast\tfast\tADV\tRB\tTypo=Yes\t2\tadvmod\t_\t_\n\n";
  const std::string system_text =
      "# text = He walks fast\n"
      // Same features in another order: right.
      "1\tHe\the\tPRON\tPRP\tPronType=Prs|Person=3|Number=Sing|Gender=Masc|Case=Nom\t2\tnsubj\t_\t_\n"
      // Tense wrong: wrong.
      "2\twalks\twalk\tVERB\tVBZ\tMood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
      // Typo is not a universal feature: "_" is right.
      "3\tfast\tfast\tADV\tRB\t_\t2\tadvmod\t_\t_\n\n";
  EvalScores s = evaluate(parse(gold_text), parse(system_text));
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_EQ(s.ufeats.aligned, 3u);
  EXPECT_EQ(s.ufeats.correct, 2u);
  EXPECT_EQ(s.upos.correct, 3u);
  std::ostringstream table;
  print_scores(table, s, true);
  EXPECT_NE(table.str().find("UFeats"), std::string::npos) << table.str();
}

TEST(Evaluate, AGoldLemmaUnderscoreAcceptsAnyLemma) {
  // EWT leaves the lemma of some goeswith and typo pieces as "_".
  const std::string gold_text = "# text = Edison@ENRON wrote\n"
                                "1\tEdison@ENRON\t_\tX\tADD\t_\t2\tnsubj\t_\t_\n"
                                "2\twrote\twrite\tVERB\tVBD\t_\t0\troot\t_\t_\n\n";
  const std::string system_text = "# text = Edison@ENRON wrote\n"
                                  "1\tEdison@ENRON\tedison@enron\tX\tADD\t_\t2\tnsubj\t_\t_\n"
                                  "2\twrote\twrote\tVERB\tVBD\t_\t0\troot\t_\t_\n\n";
  EvalScores s = evaluate(parse(gold_text), parse(system_text));
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_EQ(s.lemmas.correct, 1u);  // the "_" one; "wrote" for "write" stays wrong
}

TEST(Evaluate, DifferentTextIsAnError) {
  auto gold = parse(kGold);
  std::string sys = kGold;
  for (std::size_t pos; (pos = sys.find("now")) != std::string::npos;) sys.replace(pos, 3, "new");
  EvalScores s = evaluate(gold, parse(sys));
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.error.find("differ"), std::string::npos);
}

TEST(Evaluate, RawTextJoinsSentencesAndParagraphs) {
  std::string conllu =
      "# newdoc id = a\n# newpar\n# text = One.\n1\tOne\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# text = Two.\n1\tTwo\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# newpar\n# text = Three\n1\tThree\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# newdoc id = b\n"
      // No "# text": rebuilt from the forms, multi-word tokens once.
      "1-2\tCan't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tCa\t_\t_\t_\t_\t_\t_\t_\t_\n2\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "3\tstop\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t!\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  EXPECT_EQ(conllu_to_raw_text(conllu), "One. Two.\n\nThree\n\nCan't stop!\n");
}

std::string ud_dir() { return std::string(KESTREL_SOURCE_DIR) + "/../shared/data/ud"; }

TEST(Evaluate, EwtDevSegmentationFloors) {
  const std::string gold_path = ud_dir() + "/en_ewt-ud-dev.conllu";
  if (!std::filesystem::exists(gold_path)) {
    GTEST_SKIP() << "UD English-EWT dev not found at " << gold_path << "; quality floors not checked";
  }
  std::ifstream in(gold_path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string data = buffer.str();
  Diagnostics diag([](const Diagnostic&) {});
  auto gold = read_conllu(data, gold_path, diag);
  std::vector<Document> system(1);
  system[0].text = conllu_to_raw_text(data);
  segment_document(system[0]);
  EvalScores s = evaluate(gold, system);
  ASSERT_TRUE(s.ok) << s.error;
  std::ostringstream table;
  print_scores(table, s, false);
  EXPECT_GE(100 * s.tokens.f1(), 99.0) << table.str();
  EXPECT_GE(100 * s.sentences.f1(), 85.0) << table.str();
  EXPECT_GE(100 * s.words.f1(), 99.0) << table.str();
}

// Developer tool, not a test: KESTREL_EVAL_GOLD=file.conllu prints the scores
// and, with KESTREL_EVAL_OUT=out.conllu, writes the system's segmentation.
TEST(Evaluate, DISABLED_Tool) {
  const char* gold_path = std::getenv("KESTREL_EVAL_GOLD");
  if (!gold_path) GTEST_SKIP() << "set KESTREL_EVAL_GOLD";
  std::ostringstream out;
  EXPECT_EQ(run_tokenize_eval(gold_path, out), kExitOk);
  std::cout << out.str();
  if (const char* out_path = std::getenv("KESTREL_EVAL_OUT")) {
    std::ifstream in(gold_path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    Document doc;
    doc.id = "system";
    doc.text = conllu_to_raw_text(buffer.str());
    segment_document(doc);
    std::ofstream file(out_path);
    write_conllu(file, doc);
  }
}

}  // namespace
}  // namespace kestrel
