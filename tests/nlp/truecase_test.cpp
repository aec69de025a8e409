// Sentences in capitals are read by the models in running-text case.
#include "nlp/truecase.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "nlp/nlp.h"
#include "text/text.h"

namespace kestrel {
namespace {

using Forms = std::vector<std::string_view>;

TEST(Truecase, OnlyWholeSentencesInCapitalsAreShouted) {
  EXPECT_TRUE(nlp::shouted(Forms{"UKRAINE", "SAYS", "RUSSIA", "SHELLED", "KHARKIV"}));
  EXPECT_TRUE(nlp::shouted(Forms{"US", "TO", "CUT", "AID", "-", "2", "SOURCES"}));
  // One lower-case letter anywhere: running text with acronyms.
  EXPECT_FALSE(nlp::shouted(Forms{"NATO", "and", "the", "EU", "AGREE"}));
  // Fewer than three words of two letters or more.
  EXPECT_FALSE(nlp::shouted(Forms{"BREAKING", ":", "A", "I"}));
  EXPECT_FALSE(nlp::shouted(Forms{}));
}

TEST(Truecase, CommonWordsLowerNamesCapitalisedUnknownByTheirEnding) {
  const std::set<std::string, std::less<>> common = {"says", "three", "us", "troops", "kill", "in"};
  const std::set<std::string, std::less<>> proper = {"Russia", "Gaza", "Three"};
  const nlp::CaseKnowledge knowledge{[&](std::string_view f) { return proper.count(f) != 0; },
                                     [&](std::string_view f) { return common.count(f) != 0; }};
  EXPECT_EQ(nlp::truecase(Forms{"UKRAINE", "SAYS", "RUSSIA", "SHELLED", "KHARKIV"}, knowledge),
            (std::vector<std::string>{"Ukraine", "says", "Russia", "shelled", "Kharkiv"}));
  // A common word that is also a proper noun in training stays common;
  // the first word is capitalised; digits and punctuation are left alone.
  EXPECT_EQ(nlp::truecase(Forms{"TROOPS", "KILL", "THREE", "IN", "GAZA", "-", "2"}, knowledge),
            (std::vector<std::string>{"Troops", "kill", "three", "in", "Gaza", "-", "2"}));
  EXPECT_EQ(nlp::truecase(Forms{"NATO", "CONDEMNS", "US", "BOMBING"}, knowledge),
            (std::vector<std::string>{"Nato", "condemns", "us", "bombing"}));
}

// With the shipped model, a wire headline in capitals gets a verb and its
// arguments, as it would in running text; the tokens keep their forms.
TEST(Truecase, ShippedModelParsesAHeadlineInCapitals) {
  const std::string model_path = std::string(KESTREL_SOURCE_DIR) + "/data/models/nlp.kmodel";
  if (!std::filesystem::exists(model_path)) GTEST_SKIP() << "no shipped model at " << model_path;
  std::string error;
  auto model = NlpModel::load(model_path, error);
  ASSERT_TRUE(model) << error;
  Sentence s;
  for (const char* w : {"NATO", "CONDEMNS", "NORTH", "KOREAN", "MISSILE", "TEST"}) {
    Token t;
    t.form = w;
    s.tokens.push_back(t);
  }
  model->annotate(s);
  EXPECT_EQ(s.tokens[1].form, "CONDEMNS");
  EXPECT_EQ(s.tokens[1].upos, "VERB");
  EXPECT_EQ(s.tokens[1].lemma, "condemn");
  EXPECT_EQ(s.tokens[1].head, 0);
  EXPECT_EQ(s.tokens[0].head, 2);
  EXPECT_EQ(s.tokens[0].deprel, "nsubj");
  EXPECT_EQ(s.tokens[5].head, 2);
  EXPECT_EQ(s.tokens[5].deprel, "obj");
}

}  // namespace
}  // namespace kestrel
