// The coder's argument finding, one construction per test, each on a
// sentence of its own (hand-built UD trees, hand-made mentions, inline
// patterns): coordinated country modifiers, places inside a complement,
// victims placed where they were hit, mishaps with no agent, instruments
// whose user is the agent, prepositions hung on a phrase's first modifier.
#include <gtest/gtest.h>

#include <algorithm>

#include "events/simple_actors.h"

namespace kestrel {
namespace {

using testing::Briefs;
using testing::briefs;
using testing::coder_with;
using testing::mention;
using testing::tree_doc;


ActorMention place(const Sentence& s, std::uint32_t first, std::uint32_t last, const std::string& code) {
  ActorMention m = mention(s, first, last, code, "state");
  m.place = true;
  return m;
}

TEST(EventCoderArgs, AnAttackNounAsSubjectReadsAsTheAttackItNames) {
  // "A Turkish drone strike killed three Kurdish fighters" is "killed them
  // in a drone strike" (195), not a killing by physical assault (1823).
  auto coder = coder_with(
      "1823 SRC [kill] TGT\n195 SRC [kill] TGT in air|drone strike\n195 drone [strike/n] on TGT by SRC\n");
  Document doc = tree_doc(
      "A a DET 4 det\n"
      "Turkish Turkish ADJ 4 amod\n"
      "drone drone NOUN 4 compound\n"
      "strike strike NOUN 5 nsubj\n"
      "killed kill VERB 0 root\n"
      "three three NUM 8 nummod\n"
      "Kurdish Kurdish ADJ 8 amod\n"
      "fighters fighter NOUN 5 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 1, "TUR"), mention(s, 6, 7, "SYRKRD", "agent")}})),
            Briefs{"195 TUR->SYRKRD"});
  // An actor as the subject keeps the plain pattern: "Turkish troops killed ...".
  Document troops = tree_doc(
      "Turkish Turkish ADJ 2 amod\n"
      "troops troop NOUN 3 nsubj\n"
      "killed kill VERB 0 root\n"
      "three three NUM 6 nummod\n"
      "Kurdish Kurdish ADJ 6 amod\n"
      "fighters fighter NOUN 3 obj\n");
  const Sentence& s2 = troops.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(troops, {{mention(s2, 0, 1, "TURMIL", "agent"), mention(s2, 4, 5, "SYRKRD", "agent")}})),
            Briefs{"1823 TURMIL->SYRKRD"});
}

TEST(EventCoderArgs, APrepositionalVerbTakesItsPrepositionsNounAsObject) {
  // "The EU called on Serbia to free the activists": "call_on TGT" finds
  // Serbia in the "on" oblique, and the appeal keeps the release to itself
  // (the EU frees nobody).
  auto coder = coder_with("020 SRC [call_on] TGT to *\n0841 SRC [free] activist\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "EU EU PROPN 3 nsubj\n"
      "called call VERB 0 root\n"
      "on on ADP 5 case\n"
      "Serbia Serbia PROPN 3 obl\n"
      "to to PART 7 mark\n"
      "free free VERB 3 advcl VerbForm=Inf\n"
      "the the DET 9 det\n"
      "activists activist NOUN 7 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 1, "IGOEUREEC", "igo"), mention(s, 4, 4, "SRB"),
                                               mention(s, 8, 8, "SRBOPP", "agent")}})),
            Briefs{"020 IGOEUREEC->SRB"});
}

TEST(EventCoderArgs, AskingSomeoneForSomethingIsAnAppeal) {
  // The shipped patterns: "Poland asked the US for more Patriot batteries".
  std::vector<std::string> messages;
  Diagnostics diag([&](const Diagnostic& d) { messages.push_back(format_diagnostic(d)); });
  auto coder = EventCoder::load_default(diag);
  ASSERT_TRUE(coder);
  Document doc = tree_doc(
      "Poland Poland PROPN 2 nsubj\n"
      "asked ask VERB 0 root\n"
      "Washington Washington PROPN 2 iobj\n"
      "for for ADP 7 case\n"
      "more more ADJ 7 amod\n"
      "Patriot Patriot PROPN 7 compound\n"
      "batteries battery NOUN 2 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "POL"), mention(s, 2, 2, "USAGOV", "agent")}})),
            Briefs{"020 POL->USAGOV"});
}

TEST(EventCoderArgs, AMishapDiscardDoesNotApplyToADoerWithAnActor) {
  // "Two Afghan soldiers were wounded by Pakistani fire": gunfire with its
  // shooter, not a blaze; "wounded by a fire at the Pakistani embassy" is.
  auto coder = coder_with("182 SRC [wound] TGT\n--- fire|blaze [wound] *\n");
  Document doc = tree_doc(
      "Two two NUM 3 nummod\n"
      "Afghan Afghan ADJ 3 amod\n"
      "soldiers soldier NOUN 5 nsubj:pass\n"
      "were be AUX 5 aux:pass\n"
      "wounded wound VERB 0 root VerbForm=Part|Voice=Pass\n"
      "by by ADP 8 case\n"
      "Pakistani Pakistani ADJ 8 amod\n"
      "fire fire NOUN 5 obl:agent\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 2, "AFGMIL", "agent"), mention(s, 6, 6, "PAK")}})),
            Briefs{"182 PAK->AFGMIL"});
  Document blaze = tree_doc(
      "Two two NUM 2 nummod\n"
      "workers worker NOUN 4 nsubj:pass\n"
      "were be AUX 4 aux:pass\n"
      "wounded wound VERB 0 root VerbForm=Part|Voice=Pass\n"
      "by by ADP 7 case\n"
      "a a DET 7 det\n"
      "fire fire NOUN 4 obl:agent\n"
      "at at ADP 11 case\n"
      "the the DET 11 det\n"
      "Pakistani Pakistani ADJ 11 amod\n"
      "embassy embassy NOUN 7 nmod\n");
  const Sentence& s2 = blaze.sentences[0];
  EXPECT_TRUE(coder->code_document(blaze, {{mention(s2, 9, 10, "PAKGOV", "agent")}}).empty());
}

TEST(EventCoderArgs, CoordinatedCountryModifierThatIsAMentionOfItsOwn) {
  // "French and German students marched in Rome": the parser makes
  // "German" a conjunct of "French"; the matcher covers "German students"
  // as one mention. Both countries march.
  auto coder = coder_with("141 SRC [march] in TGT\n");
  Document doc = tree_doc(
      "French French ADJ 4 amod\n"
      "and and CCONJ 3 cc\n"
      "German German ADJ 1 conj\n"
      "students student NOUN 5 nsubj\n"
      "marched march VERB 0 root\n"
      "in in ADP 7 case\n"
      "Rome Rome PROPN 5 obl\n");
  const Sentence& s = doc.sentences[0];
  ActorMention fr = mention(s, 0, 0, "FRAEDU", "agent");
  fr.head = 3;  // the matcher heads the country word on the noun it modifies
  auto events = coder->code_document(doc, {{fr, mention(s, 2, 3, "DEUEDU", "agent"), mention(s, 6, 6, "ITA")}});
  EXPECT_EQ(briefs(events), (Briefs{"141 DEUEDU->ITA", "141 FRAEDU->ITA"}));
}

TEST(EventCoderArgs, PlaceInsideTheComplementIsWhatItIsAbout) {
  // A pattern without a target: the place named inside its complement is
  // the counterpart; the scene of the predicate itself is not.
  auto coder = coder_with("018 SRC [voice] grief\n");
  Document doc = tree_doc(
      "Canada Canada PROPN 2 nsubj\n"
      "voiced voice VERB 0 root\n"
      "grief grief NOUN 2 obj\n"
      "over over ADP 5 case\n"
      "floods flood NOUN 3 nmod\n"
      "in in ADP 7 case\n"
      "Bangladesh Bangladesh PROPN 5 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "CAN"), place(s, 6, 6, "BGD")}})),
            Briefs{"018 CAN->BGD"});
  // "Canada voiced grief in Ottawa": the scene, not a target.
  Document scene = tree_doc(
      "Canada Canada PROPN 2 nsubj\n"
      "voiced voice VERB 0 root\n"
      "grief grief NOUN 2 obj\n"
      "in in ADP 5 case\n"
      "Ottawa Ottawa PROPN 2 obl\n");
  const Sentence& s2 = scene.sentences[0];
  EXPECT_TRUE(coder->code_document(scene, {{mention(s2, 0, 0, "CAN"), place(s2, 4, 4, "CAN")}}).empty());
}

TEST(EventCoderArgs, VictimsWithoutACountryBelongToWhereTheyWereHit) {
  // "Three farmers were killed by Turkish drones near the village of
  // Sinjar": the farmers are Iraqi by where they died.
  auto coder = coder_with("190 SRC [kill] TGT\n");
  Document doc = tree_doc(
      "Three three NUM 2 nummod\n"
      "farmers farmer NOUN 4 nsubj:pass\n"
      "were be AUX 4 aux:pass\n"
      "killed kill VERB 0 root VerbForm=Part|Voice=Pass\n"
      "by by ADP 7 case\n"
      "Turkish Turkish ADJ 7 amod\n"
      "drones drone NOUN 4 obl:agent\n"
      "near near ADP 10 case\n"
      "the the DET 10 det\n"
      "village village NOUN 4 obl\n"
      "of of ADP 12 case\n"
      "Sinjar Sinjar PROPN 10 nmod\n");
  const Sentence& s = doc.sentences[0];
  auto events = coder->code_document(
      doc, {{mention(s, 1, 1, "---AGR", "agent"), mention(s, 5, 6, "TURMIL", "agent"), place(s, 11, 11, "IRQ")}});
  EXPECT_EQ(briefs(events), Briefs{"190 TURMIL->IRQAGR"});
  // A country adjective on the weapon is the attacker, never the victims' place.
  Document adj = tree_doc(
      "Three three NUM 2 nummod\n"
      "farmers farmer NOUN 4 nsubj:pass\n"
      "were be AUX 4 aux:pass\n"
      "killed kill VERB 0 root VerbForm=Part|Voice=Pass\n"
      "in in ADP 7 case\n"
      "Turkish Turkish ADJ 7 amod\n"
      "shelling shelling NOUN 4 obl\n");
  const Sentence& s2 = adj.sentences[0];
  auto ev2 = coder_with("190 SRC [kill] TGT in shelling\n194 SRC [shelling/n] on TGT\n")
                 ->code_document(adj, {{mention(s2, 1, 1, "---AGR", "agent"), mention(s2, 5, 5, "TUR")}});
  EXPECT_EQ(briefs(ev2), Briefs{"190 TUR->---AGR"});
}

TEST(EventCoderArgs, VictimsKnownOnlyFromContextDoNotTakeTheAttackersCountry) {
  // "Two fishermen were killed in Indian artillery fire", in an article
  // mostly about India: with no place named, the fishermen the matcher
  // gave the document's country (INDCVL, by context) are not India's own;
  // their country stays unknown. Victims named with their country ("two
  // Indian fishermen"), and attackers known from context alone, keep theirs.
  auto coder = coder_with("190 SRC [kill] TGT in fire\n194 SRC [fire/n] on TGT\n");
  Document doc = tree_doc(
      "Two two NUM 2 nummod\n"
      "fishermen fisherman NOUN 4 nsubj:pass\n"
      "were be AUX 4 aux:pass\n"
      "killed kill VERB 0 root VerbForm=Part|Voice=Pass\n"
      "in in ADP 8 case\n"
      "Indian Indian ADJ 8 amod\n"
      "artillery artillery NOUN 8 compound\n"
      "fire fire NOUN 4 obl\n");
  const Sentence& s = doc.sentences[0];
  auto by_context = [](ActorMention m) {
    m.resolved_by = "context";
    return m;
  };
  EXPECT_EQ(briefs(coder->code_document(
                doc, {{by_context(mention(s, 1, 1, "INDCVL", "agent")), mention(s, 5, 5, "IND")}})),
            Briefs{"190 IND->---CVL"});
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 1, "INDCVL", "agent"), mention(s, 5, 5, "IND")}})),
            Briefs{"190 IND->INDCVL"});
  EXPECT_EQ(briefs(coder->code_document(doc, {{by_context(mention(s, 1, 1, "INDCVL", "agent")),
                                               by_context(mention(s, 5, 5, "IND"))}})),
            Briefs{"190 IND->INDCVL"});
  // Insurgents mostly hit their own country's people: kept.
  EXPECT_EQ(briefs(coder->code_document(
                doc, {{by_context(mention(s, 1, 1, "INDCVL", "agent")), mention(s, 5, 5, "INDINS", "agent")}})),
            Briefs{"190 INDINS->INDCVL"});
}

TEST(EventCoderArgs, AMishapHasNoAgent) {
  // "Passengers were killed by the Air Zimbabwe crash": what crashed did
  // not kill anyone.
  auto coder = coder_with("190 SRC [kill] TGT\n");
  Document doc = tree_doc(
      "Passengers passenger NOUN 3 nsubj:pass\n"
      "were be AUX 3 aux:pass\n"
      "killed kill VERB 0 root VerbForm=Part|Voice=Pass\n"
      "by by ADP 8 case\n"
      "the the DET 8 det\n"
      "Air Air PROPN 7 compound\n"
      "Zimbabwe Zimbabwe PROPN 8 compound\n"
      "crash crash NOUN 3 obl:agent\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_TRUE(
      coder->code_document(doc, {{mention(s, 0, 0, "---CVL", "agent"), mention(s, 5, 6, "ZWEBUS", "agent")}})
          .empty());
}

TEST(EventCoderArgs, TheInstrumentsUserIsTheAgent) {
  // "The convoy was destroyed by a rocket fired by militants": the rocket
  // is the by-agent; whoever fired it did it. The parser also hung "by" on
  // the phrase's first modifier ("anti-tank").
  auto coder = coder_with("190 SRC [destroy] TGT\n");
  Document doc = tree_doc(
      "The the DET 3 det\n"
      "UN UN PROPN 3 compound\n"
      "convoy convoy NOUN 5 nsubj:pass\n"
      "was be AUX 5 aux:pass\n"
      "destroyed destroy VERB 0 root VerbForm=Part|Voice=Pass\n"
      "by by ADP 8 case\n"
      "an a DET 9 det\n"
      "anti-tank anti-tank ADJ 9 amod\n"
      "rocket rocket NOUN 5 obl\n"
      "fired fire VERB 9 acl VerbForm=Part|Tense=Past\n"
      "by by ADP 12 case\n"
      "militants militant NOUN 10 obl\n");
  const Sentence& s = doc.sentences[0];
  auto events =
      coder->code_document(doc, {{mention(s, 1, 1, "IGOUNO", "igo"), mention(s, 11, 11, "MLIREB", "agent")}});
  EXPECT_EQ(briefs(events), Briefs{"190 MLIREB->IGOUNO"});
}

TEST(EventCoderArgs, PreparingToActIsAForecastBeingPreparedToIsAnIntention) {
  // "The king was preparing to visit Oman": a visit about to happen (042,
  // future), not a declared intention (036).
  auto coder = coder_with("042 SRC [visit] TGT\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "king king NOUN 4 nsubj\n"
      "was be AUX 4 aux\n"
      "preparing prepare VERB 0 root VerbForm=Ger\n"
      "to to PART 6 mark\n"
      "visit visit VERB 4 xcomp VerbForm=Inf\n"
      "Oman Oman PROPN 6 obj\n");
  const Sentence& s = doc.sentences[0];
  auto events = coder->code_document(doc, {{mention(s, 0, 1, "JORGOV", "agent"), mention(s, 6, 6, "OMN")}});
  ASSERT_EQ(briefs(events), Briefs{"042 JORGOV->OMN"});
  EXPECT_EQ(events[0].modality, Modality::Future);
  // "Jordan is prepared to visit Oman": the adjective declares a willingness.
  Document adj = tree_doc(
      "Jordan Jordan PROPN 3 nsubj\n"
      "is be AUX 3 cop\n"
      "prepared prepared ADJ 0 root\n"
      "to to PART 5 mark\n"
      "visit visit VERB 3 xcomp VerbForm=Inf\n"
      "Oman Oman PROPN 5 obj\n");
  const Sentence& s2 = adj.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(adj, {{mention(s2, 0, 0, "JOR"), mention(s2, 5, 5, "OMN")}})),
            Briefs{"036 JOR->OMN"});
}

TEST(EventCoderArgs, AttendingAnEventAbroadIsAVisitToItsHost) {
  // The shipped pattern: "The premier attended the Qatar World Cup".
  std::vector<std::string> messages;
  Diagnostics diag([&](const Diagnostic& d) { messages.push_back(format_diagnostic(d)); });
  auto coder = EventCoder::load_default(diag);
  ASSERT_TRUE(coder);
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "premier premier NOUN 3 nsubj\n"
      "attended attend VERB 0 root\n"
      "the the DET 7 det\n"
      "Qatar Qatar PROPN 7 compound\n"
      "World World PROPN 7 compound\n"
      "Cup cup PROPN 3 obj\n");
  const Sentence& s = doc.sentences[0];
  ActorMention qatar = mention(s, 4, 4, "QAT");
  qatar.place = true;
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "ESPGOV", "agent"), qatar}})),
            Briefs{"042 ESPGOV->QAT"});
}

TEST(EventCoderArgs, ParticipleOnTheReportingVerbElaboratesTheReportedAct) {
  // "Kenya bombed the camp, officials said, widening its offensive against
  // the militants": one act, coded once.
  auto coder = coder_with("190 SRC [bomb] TGT\n190 SRC [widen] offensive against TGT\n");
  Document doc = tree_doc(
      "Kenya Kenya PROPN 2 nsubj\n"
      "bombed bomb VERB 0 root\n"
      "the the DET 4 det\n"
      "camp camp NOUN 2 obj\n"
      ", , PUNCT 7 punct\n"
      "officials official NOUN 7 nsubj\n"
      "said say VERB 2 parataxis\n"
      ", , PUNCT 9 punct\n"
      "widening widen VERB 7 advcl VerbForm=Ger\n"
      "its its PRON 11 nmod:poss\n"
      "offensive offensive NOUN 9 obj\n"
      "against against ADP 14 case\n"
      "the the DET 14 det\n"
      "militants militant NOUN 11 nmod\n"
      "in in ADP 16 case\n"
      "Somalia Somalia PROPN 4 nmod\n");
  const Sentence& s = doc.sentences[0];
  ActorMention somalia = mention(s, 15, 15, "SOM");
  somalia.place = true;
  auto events = coder->code_document(
      doc, {{mention(s, 0, 0, "KEN"), mention(s, 5, 5, "KENGOV", "agent"), mention(s, 13, 13, "SOMREB", "agent"),
             somalia}});
  EXPECT_EQ(briefs(events), Briefs{"190 KEN->SOM"});
}

TEST(EventCoderArgs, AThingHitIsReplacedByThePlaceItStandsIn) {
  // "Soldiers burned the mosque in Herat": no actor is hit; the place of the
  // object is the target.
  auto coder = coder_with("1712 SRC [burn] TGT\n");
  Document doc = tree_doc(
      "Iranian Iranian ADJ 2 amod\n"
      "soldiers soldier NOUN 3 nsubj\n"
      "burned burn VERB 0 root\n"
      "the the DET 5 det\n"
      "mosque mosque NOUN 3 obj\n"
      "in in ADP 7 case\n"
      "Herat Herat PROPN 5 nmod\n");
  const Sentence& s = doc.sentences[0];
  ActorMention herat = mention(s, 6, 6, "AFG");
  herat.place = true;
  auto events = coder->code_document(doc, {{mention(s, 0, 1, "IRNMIL", "agent"), herat}});
  ASSERT_EQ(briefs(events), Briefs{"1712 IRNMIL->AFG"});
  EXPECT_EQ(events[0].target->role, "location");
}

TEST(EventCoderArgs, APatternVerbMustBeThePredicatesOwn) {
  // "Peru threatened to block any move to expel Chile": "expel" belongs to
  // "move" under "block", so this is no threat to expel.
  auto coder = coder_with("1312 SRC [threaten] to expel TGT\n131 SRC [threaten] to block TGT\n");
  Document doc = tree_doc(
      "Peru Peru PROPN 2 nsubj\n"
      "threatened threaten VERB 0 root\n"
      "to to PART 4 mark\n"
      "block block VERB 2 xcomp VerbForm=Inf\n"
      "any any DET 6 det\n"
      "move move NOUN 4 obj\n"
      "to to PART 8 mark\n"
      "expel expel VERB 6 acl VerbForm=Inf\n"
      "Chile Chile PROPN 8 obj\n");
  const Sentence& s = doc.sentences[0];
  auto events = coder->code_document(doc, {{mention(s, 0, 0, "PER"), mention(s, 8, 8, "CHL")}});
  EXPECT_EQ(briefs(events), Briefs{"131 PER->CHL"});
}

TEST(EventCoderArgs, CoordinatedPassiveAgentsAreNotEachOthersPartners) {
  // "a resolution backed by Ghana and Togo": no target, and Ghana and Togo
  // do not back each other.
  auto coder = coder_with("051 SRC [back] TGT\n");
  Document doc = tree_doc(
      "a a DET 2 det\n"
      "resolution resolution NOUN 0 root\n"
      "backed back VERB 2 acl VerbForm=Part|Tense=Past\n"
      "by by ADP 5 case\n"
      "Ghana Ghana PROPN 3 obl\n"
      "and and CCONJ 7 cc\n"
      "Togo Togo PROPN 5 conj\n");
  const Sentence& s = doc.sentences[0];
  auto events = coder->code_document(doc, {{mention(s, 4, 4, "GHA"), mention(s, 6, 6, "TGO")}});
  for (const Event& e : events)
    EXPECT_FALSE(e.target && (e.target->code == "GHA" || e.target->code == "TGO")) << e.note << " " << e.target->role << " " << e.source->code;
}

TEST(EventCoderArgs, AnAppealToNoActorIsNoAppeal) {
  // "the rifles Kenya wants to buy": the object of "want" is a thing.
  auto coder = coder_with("020 SRC [want] TGT to *\n");
  Document doc = tree_doc(
      "the the DET 2 det\n"
      "rifles rifle NOUN 0 root\n"
      "Kenya Kenya PROPN 4 nsubj\n"
      "wants want VERB 2 acl:relcl\n"
      "to to PART 6 mark\n"
      "buy buy VERB 4 xcomp VerbForm=Inf\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_TRUE(coder->code_document(doc, {{mention(s, 2, 2, "KEN")}}).empty());
  // "Kenya wants Uganda to withdraw" is one.
  Document doc2 = tree_doc(
      "Kenya Kenya PROPN 2 nsubj\n"
      "wants want VERB 0 root\n"
      "Uganda Uganda PROPN 2 obj\n"
      "to to PART 5 mark\n"
      "withdraw withdraw VERB 2 xcomp VerbForm=Inf\n");
  const Sentence& s2 = doc2.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc2, {{mention(s2, 0, 0, "KEN"), mention(s2, 2, 2, "UGA")}})),
            Briefs{"020 KEN->UGA"});
}

TEST(EventCoderArgs, LockingArmsIsNoArrest) {
  // The shipped patterns: "Senators from Chile and Peru locked arms".
  Diagnostics diag([](const Diagnostic&) {});
  auto coder = EventCoder::load_default(diag);
  ASSERT_TRUE(coder);
  Document doc = tree_doc(
      "Chilean Chilean ADJ 2 amod\n"
      "senators senator NOUN 3 nsubj\n"
      "locked lock VERB 0 root\n"
      "arms arm NOUN 3 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_TRUE(coder->code_document(doc, {{mention(s, 0, 1, "CHLLEG", "agent")}}).empty());
}

TEST(EventCoderArgs, ReportedObligationIsADemandOnTheClauseSubject) {
  // "Kenya said (that) Sudan must free the hostages": Kenya demands of Sudan;
  // the freeing itself is the demand's content, not an event.
  auto coder = coder_with("100 SRC [say] TGT must *\n0841 SRC [free] TGT\n");
  Document doc = tree_doc(
      "Kenya Kenya PROPN 2 nsubj\n"
      "said say VERB 0 root\n"
      "that that SCONJ 6 mark\n"
      "Sudan Sudan PROPN 6 nsubj\n"
      "must must AUX 6 aux\n"
      "free free VERB 2 ccomp\n"
      "the the DET 8 det\n"
      "hostages hostage NOUN 6 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "KEN"), mention(s, 3, 3, "SDN")}})),
            Briefs{"100 KEN->SDN"});
  // "that" alone does not reach into the clause: "Kenya told that Sudan
  // freed ..." gives no "tell TGT that" target.
  auto tell = coder_with("010 SRC [tell] TGT that *\n");
  Document doc2 = tree_doc(
      "Kenya Kenya PROPN 2 nsubj\n"
      "told tell VERB 0 root\n"
      "that that SCONJ 5 mark\n"
      "Sudan Sudan PROPN 5 nsubj\n"
      "left leave VERB 2 ccomp\n");
  const Sentence& s2 = doc2.sentences[0];
  EXPECT_TRUE(tell->code_document(doc2, {{mention(s2, 0, 0, "KEN"), mention(s2, 3, 3, "SDN")}}).empty());
}

TEST(EventCoderArgs, AParticipleWithAnObjectIsActive) {
  // "Kenyan police detained 40 Somalis, officials said" parsed with
  // "detained" as a reduced relative on "police" (tagged passive): it has an
  // object, so "police" is its subject, not its patient.
  auto coder = coder_with("173 SRC [detain] TGT\n");
  Document doc = tree_doc(
      "Kenyan Kenyan ADJ 2 amod\n"
      "police police NOUN 8 nsubj\n"
      "detained detain VERB 2 acl VerbForm=Part|Tense=Past|Voice=Pass\n"
      "40 40 NUM 5 nummod\n"
      "Somalis Somali PROPN 3 obj\n"
      ", , PUNCT 8 punct\n"
      "officials official NOUN 8 nsubj\n"
      "said say VERB 0 root\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "KENCOP", "agent"), mention(s, 4, 4, "SOM")}})),
            Briefs{"173 KENCOP->SOM"});
}

TEST(EventCoderArgs, AParticipleWithAnObjectUnderARootNounIsTheVerb) {
  // The same slip under a noun that heads the sentence, in a tree parsed
  // elsewhere (our NLP stage rewrites it before coding): the coder's own
  // repair makes "detained" the root and "police" its subject.
  auto coder = coder_with("173 SRC [detain] TGT\n");
  Document doc = tree_doc(
      "Kenyan Kenyan ADJ 2 amod\n"
      "police police NOUN 0 root\n"
      "detained detain VERB 2 acl VerbForm=Part|Tense=Past|Voice=Pass\n"
      "40 40 NUM 5 nummod\n"
      "Somalis Somali PROPN 3 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "KENCOP", "agent"), mention(s, 4, 4, "SOM")}})),
            Briefs{"173 KENCOP->SOM"});
}

TEST(EventCoderArgs, PatternVerbsInAChainAndNounsTaggedAsVerbs) {
  // "Chile and Peru agreed to hold joint exercises", "exercises" tagged
  // VERB by the tagger: "hold" is itself a pattern word, and a "verb" that
  // is an object is a noun.
  auto coder = coder_with("0312 SRC [agree] to hold joint exercise\n");
  Document doc = tree_doc(
      "Chile Chile PROPN 4 nsubj\n"
      "and and CCONJ 3 cc\n"
      "Peru Peru PROPN 1 conj\n"
      "agreed agree VERB 0 root\n"
      "to to PART 6 mark\n"
      "hold hold VERB 4 xcomp VerbForm=Inf\n"
      "joint joint ADJ 8 amod\n"
      "exercises exercise VERB 6 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "CHL"), mention(s, 2, 2, "PER")}})),
            (Briefs{"0312 CHL->PER", "0312 PER->CHL"}));
}

TEST(EventCoderArgs, AnActiveSubjectBeatsAPassiveVoiceTag) {
  // "Kenya's president yesterday praised Uganda": after a time word the
  // tagger marks "praised" Voice=Pass, but the clause has an active subject
  // and no passive auxiliary, so Kenya praises Uganda (not the reverse, nor
  // nothing).
  auto coder = coder_with("051 SRC [praise] TGT\n");
  Document doc = tree_doc(
      "Kenya Kenya PROPN 3 nmod:poss\n"
      "'s 's PART 1 case\n"
      "president president NOUN 5 nsubj\n"
      "yesterday yesterday NOUN 5 obl:unmarked\n"
      "praised praise VERB 0 root VerbForm=Part|Tense=Past|Voice=Pass\n"
      "Uganda Uganda PROPN 5 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 2, "KENGOV", "person"), mention(s, 5, 5, "UGA")}})),
            Briefs{"051 KENGOV->UGA"});
}

TEST(EventCoderArgs, ACurfewIsEasedWhereItHolds) {
  // "Israel lifted the curfew in Hebron": no actor is hit; the easing
  // (0813; RETREAT in the 2021 CAMEO->PLOVER table) is toward the place.
  auto coder = coder_with("0813 SRC [lift] curfew\n");
  Document doc = tree_doc(
      "Israel Israel PROPN 2 nsubj\n"
      "lifted lift VERB 0 root\n"
      "the the DET 4 det\n"
      "curfew curfew NOUN 2 obj\n"
      "in in ADP 6 case\n"
      "Hebron Hebron PROPN 4 nmod\n");
  const Sentence& s = doc.sentences[0];
  auto events = coder->code_document(doc, {{mention(s, 0, 0, "ISR"), place(s, 5, 5, "PSE")}});
  EXPECT_EQ(briefs(events), Briefs{"0813 ISR->PSE"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].plover_event, "RETREAT");
}

TEST(EventCoderArgs, APatternThatWritesItsTargetAsAPlaceTakesAPlace) {
  // "Turkey reinforced its troops near Syria": the pattern writes "near
  // TGT", so the place is the target; the possessed troops are Turkey's own.
  auto coder = coder_with("154 SRC [reinforce] troop near TGT\n");
  Document doc = tree_doc(
      "Turkey Turkey PROPN 2 nsubj\n"
      "reinforced reinforce VERB 0 root\n"
      "its its PRON 4 nmod:poss\n"
      "troops troops NOUN 2 obj\n"
      "near near ADP 6 case\n"
      "Syria Syria PROPN 2 obl\n");
  const Sentence& s = doc.sentences[0];
  ActorMention own = mention(s, 2, 3, "TURMIL", "agent");
  own.resolved_by = "coreference";
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "TUR"), own, place(s, 5, 5, "SYR")}})),
            Briefs{"154 TUR->SYR"});
}

TEST(EventCoderArgs, TheSourcesOwnTroopsAreNoInferredTarget) {
  // "Chad will pull its soldiers out of Mali": a pattern without a target;
  // "its soldiers" are what Chad acts with, and the place they leave is the
  // counterpart.
  auto coder = coder_with("0874 SRC [pull_out] soldier\n");
  Document doc = tree_doc(
      "Chad Chad PROPN 2 nsubj\n"
      "pulled pull VERB 0 root\n"
      "its its PRON 4 nmod:poss\n"
      "soldiers soldier NOUN 2 obj\n"
      "out out ADP 2 compound:prt\n"
      "from from ADP 7 case\n"
      "Mali Mali PROPN 2 obl\n");
  const Sentence& s = doc.sentences[0];
  ActorMention own = mention(s, 2, 3, "TCDMIL", "agent");
  own.resolved_by = "coreference";
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "TCD"), own, place(s, 6, 6, "MLI")}})),
            Briefs{"0874 TCD->MLI"});
}

TEST(EventCoderArgs, APatternWordIsNotItsOwnSlot) {
  // "Ghana sent up to 500 troops to Mali", "up to 500 troops" parsed as a
  // "to" oblique: the troops are the pattern's word, Mali its target.
  auto coder = coder_with("074 SRC [send] troop to TGT\n");
  Document doc = tree_doc(
      "Ghana Ghana PROPN 2 nsubj\n"
      "sent send VERB 0 root\n"
      "up up ADP 2 compound:prt\n"
      "to to ADP 6 case\n"
      "500 500 NUM 6 nummod\n"
      "troops troops NOUN 2 obl\n"
      "to to ADP 8 case\n"
      "Mali Mali PROPN 2 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "GHA"), mention(s, 5, 5, "GHAMIL", "agent"),
                                                mention(s, 7, 7, "MLI")}})),
            Briefs{"074 GHA->MLI"});
}

TEST(EventCoderArgs, PropertyDestroyedByProtestersIsAViolentProtest) {
  // "Demonstrators destroyed the party's office in Nairobi": a riot (145),
  // not the destruction of property by an armed force (1712).
  auto coder = coder_with("1712 SRC [destroy] office|building\n");
  Document doc = tree_doc(
      "Kenyan Kenyan ADJ 2 amod\n"
      "demonstrators demonstrator NOUN 3 nsubj\n"
      "destroyed destroy VERB 0 root\n"
      "the the DET 5 det\n"
      "office office NOUN 3 obj\n"
      "of of ADP 8 case\n"
      "the the DET 8 det\n"
      "government government NOUN 5 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "KENOPP", "agent"), mention(s, 7, 7, "KENGOV", "agent")}})),
            Briefs{"145 KENOPP->KENGOV"});
  // Soldiers destroying it stay 1712.
  Document army = tree_doc(
      "Kenyan Kenyan ADJ 2 amod\n"
      "soldiers soldier NOUN 3 nsubj\n"
      "destroyed destroy VERB 0 root\n"
      "the the DET 5 det\n"
      "building building NOUN 3 obj\n"
      "of of ADP 8 case\n"
      "the the DET 8 det\n"
      "opposition opposition NOUN 5 nmod\n");
  const Sentence& s2 = army.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(army, {{mention(s2, 0, 1, "KENMIL", "agent"), mention(s2, 7, 7, "KENOPP", "agent")}})),
            Briefs{"1712 KENMIL->KENOPP"});
}

TEST(EventCoderArgs, SubordinatorReadAsAPrepositionGivesTheClauseItsSubject) {
  // "Talks resumed after the Kenyan president agreed to meet Ruto", parsed
  // with "president" an oblique ("after the president") of "resumed" and
  // "agreed" a subjectless adverbial clause: the oblique is its subject.
  auto coder = coder_with("036 SRC [agree] to meet TGT\n");
  Document doc = tree_doc(
      "Talks talk NOUN 2 nsubj\n"
      "resumed resume VERB 0 root\n"
      "after after ADP 6 case\n"
      "the the DET 6 det\n"
      "Kenyan Kenyan ADJ 6 amod\n"
      "president president NOUN 2 obl\n"
      "agreed agree VERB 2 advcl Mood=Ind|Tense=Past|VerbForm=Fin\n"
      "to to PART 9 mark\n"
      "meet meet VERB 7 xcomp VerbForm=Inf\n"
      "Ruto Ruto PROPN 9 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 4, 5, "KENGOV", "agent"), mention(s, 9, 9, "KENOPP", "person")}})),
            Briefs{"036 KENGOV->KENOPP"});
  // A true oblique that is not next to the clause gives it nothing: "Talks
  // resumed after the holidays, agreed to meet Ruto" has no subject.
  Document far = tree_doc(
      "After after ADP 3 case\n"
      "the the DET 3 det\n"
      "president president NOUN 5 obl\n"
      "talks talk NOUN 5 nsubj\n"
      "resumed resume VERB 0 root\n"
      "agreed agree VERB 5 advcl Mood=Ind|Tense=Past|VerbForm=Fin\n"
      "to to PART 8 mark\n"
      "meet meet VERB 6 xcomp VerbForm=Inf\n"
      "Ruto Ruto PROPN 8 obj\n");
  const Sentence& s2 = far.sentences[0];
  EXPECT_TRUE(coder->code_document(far, {{mention(s2, 2, 2, "KENGOV", "agent"), mention(s2, 8, 8, "KENOPP", "person")}}).empty());
}

TEST(EventCoderArgs, APassiveAttackWithNoAgentComesFromWhereItWasLaunched) {
  // "Rockets were fired at Israel from Lebanon": the place the attack came
  // from is its source.
  auto coder = coder_with("190 SRC [fire] at TGT\n174 SRC [expel] TGT\n190 SRC [shell] TGT\n");
  Document doc = tree_doc(
      "Rockets rocket NOUN 3 nsubj:pass\n"
      "were be AUX 3 aux:pass\n"
      "fired fire VERB 0 root VerbForm=Part|Voice=Pass\n"
      "at at ADP 5 case\n"
      "Israel Israel PROPN 3 obl\n"
      "from from ADP 7 case\n"
      "Lebanon Lebanon PROPN 3 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 4, 4, "ISR"), place(s, 6, 6, "LBN")}})),
            Briefs{"190 LBN->ISR"});
  // Only attacks: "Journalists were expelled from Syria" was not done by Syria's place.
  Document expel = tree_doc(
      "Journalists journalist NOUN 3 nsubj:pass\n"
      "were be AUX 3 aux:pass\n"
      "expelled expel VERB 0 root VerbForm=Part|Voice=Pass\n"
      "from from ADP 5 case\n"
      "Syria Syria PROPN 3 obl\n");
  const Sentence& s2 = expel.sentences[0];
  EXPECT_TRUE(coder->code_document(expel, {{mention(s2, 0, 0, "---MED", "agent"), place(s2, 4, 4, "SYR")}}).empty());
  // "Villages were shelled at dawn from Turkish territory": the country word.
  Document soil = tree_doc(
      "Kurdish Kurdish ADJ 2 amod\n"
      "villages village NOUN 4 nsubj:pass\n"
      "were be AUX 4 aux:pass\n"
      "shelled shell VERB 0 root VerbForm=Part|Voice=Pass\n"
      "from from ADP 7 case\n"
      "Turkish Turkish ADJ 7 amod\n"
      "territory territory NOUN 4 obl\n");
  const Sentence& s3 = soil.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(soil, {{mention(s3, 0, 1, "IRQKRD", "agent"), mention(s3, 5, 5, "TUR")}})),
            Briefs{"190 TUR->IRQKRD"});
}

TEST(EventCoderArgs, AVictimReportingAnAttackOnItselfAccusesTheAttacker) {
  // "Jordan said a shell was fired at it from Syria": the matcher linked
  // "it" to the shell (a weapon stands for an unknown armed force), which a
  // plain pronoun cannot mean in its own clause; it is Jordan, the
  // reporter, and the report is Jordan's complaint against Syria too.
  auto coder = coder_with("190 SRC [fire] at TGT\n");
  Document doc = tree_doc(
      "Jordan Jordan PROPN 2 nsubj\n"
      "said say VERB 0 root\n"
      "a a DET 4 det\n"
      "shell shell NOUN 6 nsubj:pass\n"
      "was be AUX 6 aux:pass\n"
      "fired fire VERB 2 ccomp VerbForm=Part|Voice=Pass\n"
      "at at ADP 8 case\n"
      "it it PRON 6 obl\n"
      "from from ADP 10 case\n"
      "Syria Syria PROPN 6 obl\n");
  const Sentence& s = doc.sentences[0];
  ActorMention it = mention(s, 7, 7, "JORUAF", "agent");
  it.resolved_by = "coreference";
  auto events = coder->code_document(
      doc, {{mention(s, 0, 0, "JOR"), mention(s, 3, 3, "JORUAF", "agent"), it, place(s, 9, 9, "SYR")}});
  EXPECT_EQ(briefs(events), (Briefs{"112 JOR->SYR", "190 SYR->JOR"}));
  // A bystander's report is no complaint: "Observers said Syrian troops fired at Jordan".
  Document obs = tree_doc(
      "Observers observer NOUN 2 nsubj\n"
      "said say VERB 0 root\n"
      "Syrian Syrian ADJ 4 amod\n"
      "troops troop NOUN 5 nsubj\n"
      "fired fire VERB 2 ccomp\n"
      "at at ADP 7 case\n"
      "Jordan Jordan PROPN 5 obl\n");
  const Sentence& s2 = obs.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(obs, {{mention(s2, 2, 3, "SYRMIL", "agent"), mention(s2, 6, 6, "JOR")}})),
            Briefs{"190 SYRMIL->JOR"});
}

TEST(EventCoderArgs, ForceBetweenProtestersAndPoliceIsRiotAndRepression) {
  // "Police clashed with demonstrators": repression (175) by the police, a
  // riot (145) by the demonstrators; "police beat demonstrators" is 175 alone.
  auto coder = coder_with("190 SRC [clash] with TGT\n182 SRC [beat] TGT\n");
  Document doc = tree_doc(
      "Zimbabwean Zimbabwean ADJ 2 amod\n"
      "police police NOUN 3 nsubj\n"
      "clashed clash VERB 0 root\n"
      "with with ADP 5 case\n"
      "demonstrators demonstrator NOUN 3 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "ZWECOP", "agent"), mention(s, 4, 4, "ZWEOPP", "agent")}})),
            (Briefs{"145 ZWEOPP->ZWECOP", "175 ZWECOP->ZWEOPP"}));
  Document beat = tree_doc(
      "Zimbabwean Zimbabwean ADJ 2 amod\n"
      "police police NOUN 3 nsubj\n"
      "beat beat VERB 0 root\n"
      "protesters protester NOUN 3 obj\n");
  const Sentence& s2 = beat.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(beat, {{mention(s2, 0, 1, "ZWECOP", "agent"), mention(s2, 3, 3, "ZWEOPP", "agent")}})),
            Briefs{"175 ZWECOP->ZWEOPP"});
}

TEST(EventCoderArgs, AWishGuessedAtIsNoAppeal) {
  // "Moscow might want Kyiv to yield": the writer's guess, no request made;
  // "Moscow wants Kyiv to yield" is an appeal.
  auto coder = coder_with("020 SRC [want] TGT to *\n");
  Document doc = tree_doc(
      "Moscow Moscow PROPN 3 nsubj\n"
      "might might AUX 3 aux\n"
      "want want VERB 0 root\n"
      "Kyiv Kyiv PROPN 3 obj\n"
      "to to PART 6 mark\n"
      "yield yield VERB 3 xcomp VerbForm=Inf\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_TRUE(coder->code_document(doc, {{mention(s, 0, 0, "RUS"), mention(s, 3, 3, "UKR")}}).empty());
  Document plain = tree_doc(
      "Moscow Moscow PROPN 2 nsubj\n"
      "wants want VERB 0 root\n"
      "Kyiv Kyiv PROPN 2 obj\n"
      "to to PART 5 mark\n"
      "yield yield VERB 2 xcomp VerbForm=Inf\n");
  const Sentence& s2 = plain.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(plain, {{mention(s2, 0, 0, "RUS"), mention(s2, 2, 2, "UKR")}})),
            Briefs{"020 RUS->UKR"});
}

TEST(EventCoderArgs, AVerbReadAsANounInAHeadlineIsTheVerb) {
  // Bullet "Kenya and Uganda condemn attacks in Somalia": "condemn" tagged
  // NOUN as a compound of "attacks". After a coordinated subject in a
  // headline-style segment it is the clause's verb.
  auto coder = coder_with("111 SRC [condemn] TGT\n111 SRC [condemn] attack in TGT\n");
  const char* tree =
      "Kenya Kenya PROPN 0 root\n"
      "and and CCONJ 3 cc\n"
      "Uganda Uganda PROPN 1 conj\n"
      "condemn condemn NOUN 5 compound\n"
      "attacks attack NOUN 1 appos\n"
      "in in ADP 7 case\n"
      "Somalia Somalia PROPN 5 nmod\n";
  Document doc = tree_doc(tree, SegmentKind::Bullet);
  const Sentence& s = doc.sentences[0];
  std::vector<std::vector<ActorMention>> m{{mention(s, 0, 0, "KEN"), mention(s, 2, 2, "UGA"), place(s, 6, 6, "SOM")}};
  EXPECT_EQ(briefs(coder->code_document(doc, m)), (Briefs{"111 KEN->SOM", "111 UGA->SOM"}));
  // In running text the noun reading stands.
  Document body = tree_doc(tree);
  const Sentence& b = body.sentences[0];
  EXPECT_TRUE(coder->code_document(body, {{mention(b, 0, 0, "KEN"), mention(b, 2, 2, "UGA"), place(b, 6, 6, "SOM")}})
                  .empty());
  // A singular subject does not agree with a bare verb: "Kenya condemn
  // attacks" is left as parsed.
  Document single = tree_doc(
      "Kenya Kenya PROPN 0 root\n"
      "condemn condemn NOUN 3 compound\n"
      "attacks attack NOUN 1 appos\n",
      SegmentKind::Bullet);
  EXPECT_TRUE(coder->code_document(single, {{mention(single.sentences[0], 0, 0, "KEN")}}).empty());
}

TEST(EventCoderArgs, APastParticipleAfterAPluralActorIsTheVerb) {
  // "Somali pirates seized ships" parsed as one noun phrase: "seized" an
  // amod of "ships", "pirates" a compound. The plural actor is the
  // subject, the noun the object.
  auto coder = coder_with("171 SRC [seize] ship\n");
  Document doc = tree_doc(
      "Somali Somali ADJ 2 amod\n"
      "pirates pirate NOUN 4 compound\n"
      "seized seize VERB 4 amod VerbForm=Part|Tense=Past\n"
      "ships ship NOUN 0 root\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "SOMCVL", "agent")}})), Briefs{"171 SOMCVL->-"});
  // "the government announced asset freezes": a singular noun before the
  // participle leaves the phrase as parsed.
  auto freeze = coder_with("163 SRC [announce] freeze\n");
  Document one = tree_doc(
      "government government NOUN 0 root\n"
      "announced announce VERB 4 amod VerbForm=Part|Tense=Past\n"
      "asset asset NOUN 4 compound\n"
      "freezes freeze NOUN 1 appos\n");
  EXPECT_TRUE(freeze->code_document(one, {{mention(one.sentences[0], 0, 0, "CANGOV", "agent")}}).empty());
}

TEST(EventCoderArgs, VictimsOfAnAttackOnAPlaceBelongToThatPlace) {
  // "Six people were killed in Russian shelling of Kharkiv": the people
  // (no country of their own) were where the shelling hit.
  auto coder = coder_with("190 SRC [kill] TGT\n194 [shelling/n] by SRC\n");
  Document doc = tree_doc(
      "Six six NUM 2 nummod\n"
      "people people NOUN 4 nsubj:pass\n"
      "were be AUX 4 aux:pass\n"
      "killed kill VERB 0 root VerbForm=Part|Voice=Pass\n"
      "in in ADP 7 case\n"
      "Russian Russian ADJ 7 amod\n"
      "shelling shelling NOUN 4 obl\n"
      "of of ADP 9 case\n"
      "Kharkiv Kharkiv PROPN 7 nmod\n");
  const Sentence& s = doc.sentences[0];
  ActorMention people = mention(s, 1, 1, "---CVL", "agent");
  EXPECT_EQ(briefs(coder->code_document(doc, {{people, mention(s, 5, 5, "RUS"), place(s, 8, 8, "UKR")}})),
            Briefs{"190 RUS->UKRCVL"});
  // The attack as the subject: "Russian shelling on Kharkiv killed six people".
  Document subj = tree_doc(
      "Russian Russian ADJ 2 amod\n"
      "shelling shelling NOUN 5 nsubj\n"
      "on on ADP 4 case\n"
      "Kharkiv Kharkiv PROPN 2 nmod\n"
      "killed kill VERB 0 root\n"
      "six six NUM 7 nummod\n"
      "people people NOUN 5 obj\n");
  const Sentence& s2 = subj.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(subj, {{mention(s2, 0, 0, "RUS"), place(s2, 3, 3, "UKR"),
                                                mention(s2, 6, 6, "---CVL", "agent")}})),
            Briefs{"190 RUS->UKRCVL"});
}

TEST(EventCoderArgs, BlownUpByAMissileIsAHeavyWeaponsAttack) {
  // "The bridge was blown up by a rocket": an attack with heavy weapons
  // (194), not a non-military bombing (183); "by militants" stays 183.
  auto coder = coder_with("183 SRC [blow_up] TGT\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "depot depot NOUN 4 nsubj:pass\n"
      "was be AUX 4 aux:pass\n"
      "blown blow VERB 0 root VerbForm=Part|Voice=Pass\n"
      "up up ADP 4 compound:prt\n"
      "by by ADP 7 case\n"
      "rocket rocket NOUN 4 obl\n"
      "fired fire VERB 7 acl VerbForm=Part|Tense=Past\n"
      "by by ADP 10 case\n"
      "Syrians Syrians PROPN 8 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 1, "TURMIL", "agent"), mention(s, 9, 9, "SYR")}})),
            Briefs{"194 SYR->TURMIL"});
  Document men = tree_doc(
      "The the DET 2 det\n"
      "depot depot NOUN 4 nsubj:pass\n"
      "was be AUX 4 aux:pass\n"
      "blown blow VERB 0 root VerbForm=Part|Voice=Pass\n"
      "up up ADP 4 compound:prt\n"
      "by by ADP 7 case\n"
      "Syrians Syrians PROPN 4 obl\n");
  const Sentence& s2 = men.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(men, {{mention(s2, 1, 1, "TURMIL", "agent"), mention(s2, 6, 6, "SYR")}})),
            Briefs{"183 SYR->TURMIL"});
}

TEST(EventCoderArgs, AThreatsConditionInsideItsComplementNamesTheTarget) {
  // "Iran threatened to quit the talks to limit enrichment unless Europe
  // acts": the "unless" clause hangs on "limit", inside the threatened act.
  auto coder = coder_with("134 SRC [threaten] to quit talk\n");
  Document doc = tree_doc(
      "Iran Iran PROPN 2 nsubj\n"
      "threatened threaten VERB 0 root\n"
      "to to PART 4 mark\n"
      "quit quit VERB 2 xcomp\n"
      "the the DET 6 det\n"
      "talks talk NOUN 4 obj\n"
      "to to PART 8 mark\n"
      "limit limit VERB 4 advcl\n"
      "enrichment enrichment NOUN 8 obj\n"
      "unless unless SCONJ 12 mark\n"
      "Europe Europe PROPN 12 nsubj\n"
      "acts act VERB 8 advcl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "IRN"), mention(s, 10, 10, "EUR")}})),
            Briefs{"134 IRN->EUR"});
}

TEST(EventCoderArgs, WhatIsYieldedUpIsYieldedWhereItIs) {
  // "Morocco evacuated the camps in Western Sahara": a withdrawal (08) with
  // no owner named is toward the place of what is given up.
  auto coder = coder_with("0874 SRC [evacuate] camp\n");
  Document doc = tree_doc(
      "Morocco Morocco PROPN 2 nsubj\n"
      "evacuated evacuate VERB 0 root\n"
      "the the DET 4 det\n"
      "camps camp NOUN 2 obj\n"
      "in in ADP 7 case\n"
      "Western Western PROPN 7 compound\n"
      "Sahara Sahara PROPN 4 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "MAR"), place(s, 5, 6, "ESH")}})),
            Briefs{"0874 MAR->ESH"});
}

TEST(EventCoderArgs, AnActiveParticipleOnANounRootIsTheMainVerb) {
  // "The Kenyan cabinet threatened on Friday to expel Uganda's envoy",
  // parsed as one noun phrase: "threatened" and "expel" both acl of
  // "cabinet". The to-infinitive after the participle shows an active
  // clause: the cabinet threatens.
  auto coder = coder_with("130 SRC [threaten] to expel TGT\n");
  const char* tree =
      "The the DET 3 det\n"
      "Kenyan Kenyan ADJ 3 amod\n"
      "cabinet cabinet NOUN 0 root\n"
      "threatened threaten VERB 3 acl VerbForm=Part|Tense=Past\n"
      "on on ADP 6 case\n"
      "Friday Friday PROPN 4 obl\n"
      "to to PART 8 mark\n"
      "expel expel VERB 3 acl VerbForm=Inf\n"
      "Uganda Uganda PROPN 11 nmod:poss\n"
      "'s 's PART 9 case\n"
      "envoy envoy NOUN 8 obj\n";
  Document doc = tree_doc(tree);
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 2, "KENGOV", "agent"), mention(s, 8, 10, "UGAGOV", "agent")}})),
            Briefs{"130 KENGOV->UGAGOV"});
  // A bare participle stays a reduced relative: "three soldiers killed in
  // a blast" says nothing of what the soldiers did.
  auto kill = coder_with("190 SRC [kill] TGT\n");
  Document bare = tree_doc(
      "three three NUM 2 nummod\n"
      "soldiers soldier NOUN 0 root\n"
      "killed kill VERB 2 acl VerbForm=Part|Tense=Past\n"
      "in in ADP 6 case\n"
      "a a DET 6 det\n"
      "blast blast NOUN 3 obl\n");
  EXPECT_TRUE(kill->code_document(bare, {{mention(bare.sentences[0], 0, 1, "KENMIL", "agent")}}).empty());
}

TEST(EventCoderArgs, ATargetPhraseWithNoActorButAPlaceTakesThePlace) {
  // "Ghana sent aid to a camp in Togo": the "to" phrase names no actor; the
  // place it names is the counterpart.
  auto coder = coder_with("070 SRC [send] aid to TGT\n");
  Document doc = tree_doc(
      "Ghana Ghana PROPN 2 nsubj\n"
      "sent send VERB 0 root\n"
      "aid aid NOUN 2 obj\n"
      "to to ADP 6 case\n"
      "a a DET 6 det\n"
      "camp camp NOUN 2 obl\n"
      "in in ADP 8 case\n"
      "Togo Togo PROPN 6 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "GHA"), place(s, 7, 7, "TGO")}})),
            Briefs{"070 GHA->TGO"});
  // "Ghana sent aid to Lome hospitals": a place as a compound of the phrase.
  Document compound = tree_doc(
      "Ghana Ghana PROPN 2 nsubj\n"
      "sent send VERB 0 root\n"
      "aid aid NOUN 2 obj\n"
      "to to ADP 6 case\n"
      "Lome Lome PROPN 6 compound\n"
      "hospitals hospital NOUN 2 obl\n");
  const Sentence& c = compound.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(compound, {{mention(c, 0, 0, "GHA"), place(c, 4, 4, "TGO")}})),
            Briefs{"070 GHA->TGO"});
}

TEST(EventCoderArgs, AParticipleWithAPurposeInfinitiveOnANounRootIsTheMainVerb) {
  // "Kenyan troops remained on alert to prevent attacks", parsed as one
  // noun phrase ("remained" acl of "troops", "prevent" its advcl): the
  // purpose clause shows an active clause.
  auto coder = coder_with("152 SRC [remain] on alert\n");
  Document doc = tree_doc(
      "Kenyan Kenyan ADJ 2 amod\n"
      "troops troops NOUN 0 root\n"
      "remained remain VERB 2 acl VerbForm=Part|Tense=Past\n"
      "on on ADP 5 case\n"
      "alert alert NOUN 3 obl\n"
      "to to PART 7 mark\n"
      "prevent prevent VERB 3 advcl VerbForm=Inf\n"
      "attacks attack NOUN 7 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "KENMIL", "agent")}})), Briefs{"152 KENMIL->-"});
}

TEST(EventCoderArgs, ANounWithASubjectButNoCopulaTakesTheParticipleBeforeItAsVerb) {
  // "Kenya on Monday expelled two diplomats" parsed with "expelled" an amod
  // of "diplomats" and "Kenya" the nsubj of that noun: a noun has no
  // subject without a copula, so the participle is the verb.
  auto coder = coder_with("161 SRC [expel] diplomat\n");
  Document doc = tree_doc(
      "Kenya Kenya PROPN 6 nsubj\n"
      "on on ADP 3 case\n"
      "Monday Monday PROPN 1 nmod\n"
      "expelled expel VERB 6 amod VerbForm=Part|Tense=Past\n"
      "two two NUM 6 nummod\n"
      "diplomats diplomat NOUN 0 root\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "KEN")}})), Briefs{"161 KEN->-"});
  // With a copula the noun is a predicate: "Kenya was the expelled party"
  // says nobody expelled anyone.
  Document cop = tree_doc(
      "Kenya Kenya PROPN 5 nsubj\n"
      "was be AUX 5 cop\n"
      "the the DET 5 det\n"
      "expelled expel VERB 5 amod VerbForm=Part|Tense=Past\n"
      "diplomats diplomat NOUN 0 root\n");
  EXPECT_TRUE(coder->code_document(cop, {{mention(cop.sentences[0], 0, 0, "KEN")}}).empty());
}

TEST(EventCoderArgs, ACaselessActorObliqueBeforeASubjectlessVerbIsItsSubject) {
  // "Kenyan police opened fire, witnesses said", parsed with "police" an
  // obl:unmarked of "opened": the clause has no subject, so the actor noun
  // before the verb is it.
  auto coder = coder_with("193 SRC [open] fire\n");
  Document doc = tree_doc(
      "Kenyan Kenyan ADJ 2 amod\n"
      "police police NOUN 3 obl:unmarked\n"
      "opened open VERB 6 ccomp\n"
      "fire fire NOUN 3 obj\n"
      "witnesses witness NOUN 6 nsubj\n"
      "said say VERB 0 root\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "KENCOP", "agent")}})), Briefs{"193 KENCOP->-"});
}

TEST(EventCoderArgs, TheFirstOfTwoSubjectsWithAParticipleIsTheReportedClause) {
  // "Kenyan students marched in Nairobi, witnesses said", parsed with both
  // "students" and "witnesses" subjects of "said" and "marched" an acl of
  // "students": the participle is the reported clause, the students march.
  auto coder = coder_with("141 SRC [march] in TGT\n");
  Document doc = tree_doc(
      "Kenyan Kenyan ADJ 2 amod\n"
      "students student NOUN 7 nsubj\n"
      "marched march VERB 2 acl VerbForm=Part|Tense=Past\n"
      "in in ADP 5 case\n"
      "Nairobi Nairobi PROPN 3 obl\n"
      "witnesses witness NOUN 7 nsubj\n"
      "said say VERB 0 root\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "KENEDU", "agent"), mention(s, 4, 4, "KEN")}})),
            Briefs{"141 KENEDU->KEN"});
}

}  // namespace
}  // namespace kestrel
