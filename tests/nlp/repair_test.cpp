// Repairs of parses that break a rule of English grammar: a reduced relative
// (acl participle) with a direct object is the finite verb of its noun.
#include "nlp/repair.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "base/diagnostics.h"
#include "nlp/nlp.h"

namespace kestrel {
namespace {

// Words as "form/XPOS/head/deprel" (UPOS VERB for VB*, NOUN for NN*, else X).
Sentence sentence(const std::string& words) {
  Sentence s;
  std::istringstream in(words);
  std::string w;
  while (in >> w) {
    std::istringstream parts(w);
    Token t;
    std::string head;
    std::getline(parts, t.form, '/');
    std::getline(parts, t.xpos, '/');
    std::getline(parts, head, '/');
    std::getline(parts, t.deprel, '/');
    t.head = std::stoi(head);
    t.upos = t.xpos.starts_with("VB") ? "VERB" : t.xpos.starts_with("NNP") ? "PROPN" : t.xpos.starts_with("NN") ? "NOUN" : "X";
    s.tokens.push_back(t);
  }
  return s;
}

std::string tree(const Sentence& s) {
  std::string out;
  for (const Token& t : s.tokens) {
    if (!out.empty()) out += ' ';
    out += t.form + "/" + t.xpos + "/" + std::to_string(t.head) + "/" + t.deprel;
  }
  return out;
}

TEST(RepairReducedRelative, ParticipleWithObjectUnderARootNounBecomesTheVerb) {
  // "Kazakh police arrested two journalists in Almaty ." parsed as a noun phrase.
  Sentence s = sentence(
      "Kazakh/JJ/2/amod police/NN/0/root arrested/VBN/2/acl two/CD/5/nummod journalists/NNS/3/obj "
      "in/IN/7/case Almaty/NNP/3/obl ././2/punct");
  auto fixed = nlp::repair_reduced_relatives_with_object(s);
  ASSERT_EQ(fixed.size(), 1u);
  EXPECT_EQ(fixed[0], 2u);
  EXPECT_EQ(tree(s),
            "Kazakh/JJ/2/amod police/NN/3/nsubj arrested/VBD/0/root two/CD/5/nummod journalists/NNS/3/obj "
            "in/IN/7/case Almaty/NNP/3/obl ././3/punct");
}

TEST(RepairReducedRelative, ClauseDependentsOnTheLeftMoveToTheVerb) {
  // "Last week , the rebels seized the town ." with the clause hung on "rebels"
  // under "said": the time phrase and comma go to the verb, "the" stays.
  Sentence s = sentence(
      "Officials/NNS/2/nsubj said/VBD/0/root Monday/NNP/2/obl:tmod that/IN/5/mark rebels/NNS/2/ccomp "
      "seized/VBN/5/acl the/DT/8/det town/NN/6/obj ././2/punct");
  ASSERT_EQ(nlp::repair_reduced_relatives_with_object(s).size(), 1u);
  EXPECT_EQ(tree(s),
            "Officials/NNS/2/nsubj said/VBD/0/root Monday/NNP/2/obl:tmod that/IN/6/mark rebels/NNS/6/nsubj "
            "seized/VBD/2/ccomp the/DT/8/det town/NN/6/obj ././2/punct");
}

TEST(RepairReducedRelative, RealModifiersAndClausesAreLeftAlone) {
  // Passive participle without an object.
  const std::string no_object = "protesters/NNS/0/root detained/VBN/1/acl on/IN/4/case Sunday/NNP/2/obl";
  // Ditransitive passive inside an object: "He met the man given the award".
  const std::string in_object =
      "He/PRP/2/nsubj met/VBD/0/root the/DT/4/det man/NN/2/obj given/VBN/4/acl the/DT/7/det award/NN/5/obj";
  // A participle with its own auxiliary is a clause already.
  const std::string with_aux =
      "revelation/NN/0/root that/IN/5/mark Shell/NNP/5/nsubj had/VBD/5/aux inflated/VBN/1/acl reserves/NNS/5/obj";
  for (const std::string& words : {no_object, in_object, with_aux}) {
    Sentence s = sentence(words);
    const std::string before = tree(s);
    EXPECT_TRUE(nlp::repair_reduced_relatives_with_object(s).empty()) << words;
    EXPECT_EQ(tree(s), before);
  }
}

// Tags as the tagger gives them: "," and function words by XPOS.
void set_function_tags(Sentence& s) {
  for (Token& t : s.tokens) {
    if (t.xpos == "IN") t.upos = "ADP";
    if (t.xpos == "DT" || t.xpos == "WDT") t.upos = "DET";
    if (t.xpos == "PRP" || t.xpos == "WP") t.upos = "PRON";
    if (t.xpos == ",") t.upos = "PUNCT";
  }
}

TEST(RepairRelativeVerb, ANounThatCanBeAVerbAfterARelativePronounIsTheVerb) {
  const auto verbs = [](std::string_view w) { return w == "touch" || w == "call" || w == "needs"; };
  // "Documents , which touch on trade": NN after "which" and a comma.
  Sentence s = sentence("Documents/NNS/0/_ ,/,/0/_ which/WDT/0/_ touch/NN/0/_ on/IN/0/_ trade/NN/0/_");
  set_function_tags(s);
  EXPECT_EQ(nlp::repair_verbs_after_relative_pronouns(s, verbs), (std::vector<std::size_t>{3}));
  EXPECT_EQ(s.tokens[3].upos, "VERB");
  EXPECT_EQ(s.tokens[3].xpos, "VBP");
  // "the group that needs the money": NNS -> VBZ, after a noun.
  Sentence plural = sentence("the/DT/0/_ group/NN/0/_ that/WDT/0/_ needs/NNS/0/_ the/DT/0/_ money/NN/0/_");
  set_function_tags(plural);
  EXPECT_EQ(nlp::repair_verbs_after_relative_pronouns(plural, verbs), (std::vector<std::size_t>{3}));
  EXPECT_EQ(plural.tokens[3].xpos, "VBZ");
}

TEST(RepairRelativeVerb, DeterminersAndNounsThatCannotBeVerbsAreLeftAlone) {
  const auto verbs = [](std::string_view w) { return w == "side" || w == "call"; };
  // "decide which side of the conflict": "which" after a verb is a determiner.
  Sentence which_side = sentence("decide/VB/0/_ which/WDT/0/_ side/NN/0/_ of/IN/0/_ the/DT/0/_ conflict/NN/0/_");
  set_function_tags(which_side);
  EXPECT_TRUE(nlp::repair_verbs_after_relative_pronouns(which_side, verbs).empty());
  // A word WordNet has only as a noun.
  Sentence noun = sentence("reports/NNS/0/_ ,/,/0/_ which/WDT/0/_ evidence/NN/0/_ of/IN/0/_ abuse/NN/0/_");
  set_function_tags(noun);
  EXPECT_TRUE(nlp::repair_verbs_after_relative_pronouns(noun, verbs).empty());
  // The next word opens no verb argument ("which call centres").
  Sentence compound = sentence("firms/NNS/0/_ ,/,/0/_ which/WDT/0/_ call/NN/0/_ centres/NNS/0/_ run/VBP/0/_");
  set_function_tags(compound);
  EXPECT_TRUE(nlp::repair_verbs_after_relative_pronouns(compound, verbs).empty());
}

TEST(RepairSimplePast, AnEdWordBetweenASubjectAndItsObjectIsTheVerb) {
  const auto verbs = [](std::string_view w) { return w == "wounded" || w == "armed" || w == "elected"; };
  // "Guerrillas wounded two soldiers": JJ between a noun and a number.
  Sentence s = sentence("Guerrillas/NNS/0/_ wounded/JJ/0/_ two/CD/0/_ soldiers/NNS/0/_");
  EXPECT_EQ(nlp::repair_simple_pasts_after_subjects(s, verbs), (std::vector<std::size_t>{1}));
  EXPECT_EQ(s.tokens[1].upos, "VERB");
  EXPECT_EQ(s.tokens[1].xpos, "VBD");
  // A finite verb before it: the clause has its verb ("Police said armed
  // men ...": "men" follows, not a determiner, and "said" came first).
  Sentence later = sentence("Police/NNS/0/_ said/VBD/0/_ gunmen/NNS/0/_ wounded/JJ/0/_ the/DT/0/_ guard/NN/0/_");
  EXPECT_TRUE(nlp::repair_simple_pasts_after_subjects(later, verbs).empty());
  // Not followed by the start of a noun phrase ("soldiers wounded in ...").
  Sentence modifier = sentence("Soldiers/NNS/0/_ wounded/VBN/0/_ in/IN/0/_ the/DT/0/_ attack/NN/0/_");
  EXPECT_TRUE(nlp::repair_simple_pasts_after_subjects(modifier, verbs).empty());
  // Not a verb in WordNet, or not after a noun.
  Sentence adjective = sentence("Voters/NNS/0/_ talented/JJ/0/_ the/DT/0/_ show/NN/0/_");
  EXPECT_TRUE(nlp::repair_simple_pasts_after_subjects(adjective, verbs).empty());
  Sentence first = sentence("Elected/JJ/0/_ the/DT/0/_ council/NN/0/_");
  EXPECT_TRUE(nlp::repair_simple_pasts_after_subjects(first, verbs).empty());
}

TEST(RepairSimplePast, ABarePluralObjectCountsWhenAPrepositionFollows) {
  const auto verbs = [](std::string_view w) { return w == "extended" || w == "armed"; };
  // "The Union extended sanctions against Belarus": VBN before a plural noun
  // and a preposition.
  Sentence s = sentence("The/DT/0/_ Union/NNP/0/_ extended/VBN/0/_ sanctions/NNS/0/_ against/IN/0/_ Belarus/NNP/0/_");
  EXPECT_EQ(nlp::repair_simple_pasts_after_subjects(s, verbs), (std::vector<std::size_t>{2}));
  EXPECT_EQ(s.tokens[2].xpos, "VBD");
  // A bare plural without a preposition after it stays as tagged
  // ("militia armed groups" could be a noun phrase).
  Sentence plain = sentence("Militia/NN/0/_ armed/VBN/0/_ groups/NNS/0/_ ././0/_");
  EXPECT_TRUE(nlp::repair_simple_pasts_after_subjects(plain, verbs).empty());
}

}  // namespace
}  // namespace kestrel
