// Dictionary gaps closed in data/events/patterns-*.txt, each tested on a
// sentence of its own (hand-built UD trees, hand-made mentions, the shipped
// patterns): a curfew eased "on Friday", the lifting of a curfew announced,
// a formula accepted for ending a dispute with someone, an offer of talks
// turned down, a protest to the UN over someone's air raids, mediation in talks,
// and homes torn down.
#include <gtest/gtest.h>

#include "events/simple_actors.h"

namespace kestrel {
namespace {

using testing::Briefs;
using testing::briefs;
using testing::mention;
using testing::shipped_coder;
using testing::tree_doc;

TEST(EventPatternGaps, ACurfewEasedOnAWeekdayIsCoded) {
  // "Kenya relaxed the curfew on Friday": the date is no target, and must
  // not take the place of one (which coded nothing).
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "Kenya Kenya PROPN 2 nsubj\n"
      "relaxed relax VERB 0 root Tense=Past\n"
      "the the DET 4 det\n"
      "curfew curfew NOUN 2 obj\n"
      "on on ADP 6 case\n"
      "Friday Friday PROPN 2 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "KEN")}})), (Briefs{"0813 KEN->-"}));
}

TEST(EventPatternGaps, AnnouncingTheLiftingOfACurfewIsEasingIt) {
  // "Nepal announced the lifting of the curfew" is no curfew imposed (1723).
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "Nepal Nepal PROPN 2 nsubj\n"
      "announced announce VERB 0 root Tense=Past\n"
      "the the DET 4 det\n"
      "lifting lifting NOUN 2 obj\n"
      "of of ADP 7 case\n"
      "the the DET 7 det\n"
      "curfew curfew NOUN 4 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "NPL")}})), (Briefs{"0813 NPL->-"}));
}

TEST(EventPatternGaps, AFormulaForEndingADisputeIsAcceptedTowardsTheOtherParty) {
  // "Norway accepted a formula for ending its fishing dispute with Iceland":
  // Iceland, named as the other party, not "its" (Norway itself, which left
  // no target and so no event).
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "Norway Norway PROPN 2 nsubj\n"
      "accepted accept VERB 0 root Tense=Past\n"
      "a a DET 4 det\n"
      "formula formula NOUN 2 obj\n"
      "for for SCONJ 6 mark\n"
      "ending end VERB 4 acl VerbForm=Ger\n"
      "its its PRON 9 nmod:poss\n"
      "fishing fishing NOUN 9 compound\n"
      "dispute dispute NOUN 6 obj\n"
      "with with ADP 11 case\n"
      "Iceland Iceland PROPN 9 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "NOR"), mention(s, 6, 6, "NOR"), mention(s, 10, 10, "ISL")}})),
            (Briefs{"037 NOR->ISL"}));
}

TEST(EventPatternGaps, TurningDownAnOfferOfTalksRejectsAMeeting) {
  // "India turned down a Pakistani offer of talks": 125, not a bare 120.
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "India India PROPN 2 nsubj\n"
      "turned turn VERB 0 root Tense=Past\n"
      "down down ADP 2 compound:prt\n"
      "a a DET 6 det\n"
      "Pakistani Pakistani ADJ 6 amod\n"
      "offer offer NOUN 2 obj\n"
      "of of ADP 8 case\n"
      "talks talk NOUN 6 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "IND"), mention(s, 4, 4, "PAK")}})),
            (Briefs{"125 IND->PAK"}));
}

TEST(EventPatternGaps, AProtestToTheUNOverAirRaidsIsAComplaintAgainstTheRaider) {
  // "Syria protested to the UN over Israeli air raids": an official
  // complaint against Israel, not a demonstration (1412) against the body
  // complained to.
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "Syria Syria PROPN 2 nsubj\n"
      "protested protest VERB 0 root Tense=Past\n"
      "to to ADP 5 case\n"
      "the the DET 5 det\n"
      "UN UN PROPN 2 obl\n"
      "over over ADP 9 case\n"
      "Israeli Israeli ADJ 9 amod\n"
      "air air NOUN 9 compound\n"
      "raids raid NOUN 2 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(
                doc, {{mention(s, 0, 0, "SYR"), mention(s, 4, 4, "IGOUNO", "igo"), mention(s, 6, 6, "ISR")}})),
            (Briefs{"114 SYR->ISR"}));
}

TEST(EventPatternGaps, MediationInTalksIsAcceptedTowardsTheMediator) {
  // "Colombia agreed to Cuban mediation in talks with the rebels": 038
  // towards Cuba, not talks (036) with the rebels.
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "Colombia Colombia PROPN 2 nsubj\n"
      "agreed agree VERB 0 root Tense=Past\n"
      "to to ADP 5 case\n"
      "Cuban Cuban ADJ 5 amod\n"
      "mediation mediation NOUN 2 obl\n"
      "in in ADP 7 case\n"
      "talks talk NOUN 2 obl\n"
      "with with ADP 10 case\n"
      "the the DET 10 det\n"
      "rebels rebel NOUN 7 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(
                doc, {{mention(s, 0, 0, "COL"), mention(s, 3, 3, "CUB"), mention(s, 9, 9, "COLREB", "agent")}})),
            (Briefs{"038 COL->CUB"}));
}

TEST(EventPatternGaps, TearingDownHomesDestroysProperty) {
  // "Israeli troops tore down Palestinian homes".
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "Israeli Israeli ADJ 2 amod\n"
      "troops troops NOUN 3 nsubj\n"
      "tore tear VERB 0 root Tense=Past\n"
      "down down ADP 3 compound:prt\n"
      "Palestinian Palestinian ADJ 6 amod\n"
      "homes home NOUN 3 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "ISRMIL", "agent"), mention(s, 4, 4, "PSE")}})),
            (Briefs{"1712 ISRMIL->PSE"}));
}

}  // namespace
}  // namespace kestrel
