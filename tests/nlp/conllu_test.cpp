#include <gtest/gtest.h>

#include <sstream>

#include "nlp/nlp.h"

namespace kestrel {
namespace {

const char* kSample =
    "# newdoc id = d1\n"
    "# newpar\n"
    "# sent_id = d1-1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t3\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = d1-2\n"
    "# text = Fine.\n"
    "1\tFine\tfine\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n"
    "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n"
    "\n"
    "# newdoc id = d2\n"
    "# newpar\n"
    "# sent_id = d2-1\n"
    "# text = Yes\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    "\n";

TEST(Conllu, ReadsDocumentsSentencesAndMultiwordTokens) {
  Diagnostics diag([](const Diagnostic&) {});
  auto docs = read_conllu(kSample, "s.conllu", diag);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(diag.errors(), 0u);
  const Document& d = docs[0];
  EXPECT_EQ(d.id, "d1");
  EXPECT_EQ(d.text, "I don't know. Fine.");
  ASSERT_EQ(d.sentences.size(), 2u);
  const Sentence& s = d.sentences[0];
  ASSERT_EQ(s.tokens.size(), 5u);
  ASSERT_EQ(s.multiword.size(), 1u);
  EXPECT_EQ(s.multiword[0].form, "don't");
  EXPECT_EQ(d.text.substr(s.tokens[1].start, s.tokens[1].end - s.tokens[1].start), "do");
  EXPECT_EQ(d.text.substr(s.tokens[2].start, s.tokens[2].end - s.tokens[2].start), "n't");
  EXPECT_EQ(s.tokens[3].head, 0);
  EXPECT_EQ(s.tokens[0].feats, "Case=Nom");
  EXPECT_FALSE(s.tokens[3].space_after);
  EXPECT_EQ(docs[1].id, "d2");
}

TEST(Conllu, DocumentsWithoutAnIdAreNamedLikeTextFiles) {
  Diagnostics diag([](const Diagnostic&) {});
  const std::string data = "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n# newdoc\n1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
  auto docs = read_conllu(data, "corpus/parsed/monday.conllu", diag);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "monday");
  EXPECT_EQ(docs[1].id, "monday");
  EXPECT_EQ(docs[0].path, "corpus/parsed/monday.conllu");
  docs = read_conllu(data, "-", diag);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "stdin");
}

TEST(Conllu, WriteThenReadIsIdentity) {
  Diagnostics diag([](const Diagnostic&) {});
  auto docs = read_conllu(kSample, "s.conllu", diag);
  std::ostringstream out;
  for (const auto& d : docs) write_conllu(out, d);
  EXPECT_EQ(out.str(), kSample);
}

TEST(Conllu, MalformedSentenceIsReportedAndSkipped) {
  std::vector<std::string> messages;
  Diagnostics diag([&](const Diagnostic& d) { messages.push_back(format_diagnostic(d)); });
  auto docs = read_conllu(
      "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tcat\n\n"
      "1\tGood\tgood\tADJ\tJJ\t_\t0\troot\t_\t_\n\n"
      "1\tX\tx\tX\tX\t_\t0\troot\t_\t_\n3\tY\ty\tX\tX\t_\t1\tdep\t_\t_\n\n",
      "bad.conllu", diag);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].sentences.size(), 1u);
  EXPECT_EQ(docs[0].sentences[0].tokens[0].form, "Good");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0], "bad.conllu:2: error: CoNLL-U line has 2 columns, expected 10; sentence skipped");
  EXPECT_NE(messages[1].find("bad.conllu:7: error: word id '3' out of sequence"), std::string::npos);
}

}  // namespace
}  // namespace kestrel
