// The coder, one construction per test, on hand-built UD trees with
// hand-made actor mentions and a few inline patterns.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "events/simple_actors.h"

namespace kestrel {
namespace {

using testing::Briefs;
using testing::brief;
using testing::briefs;
using testing::coder_with;
using testing::mention;
using testing::tree_doc;

std::vector<Event> code(const EventCoder& coder, const Document& doc, const std::vector<ActorMention>& mentions) {
  return coder.code_document(doc, {mentions});
}


// ---------------------------------------------------------------------------

const char* kRussiaAttackedUkraine =
    "Russia Russia PROPN 2 nsubj\n"
    "attacked attack VERB 0 root\n"
    "Ukraine Ukraine PROPN 2 obj\n"
    ". . PUNCT 2 punct\n";

TEST(EventCoder, ActiveClauseWithEvidence) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  Document doc = tree_doc(kRussiaAttackedUkraine);
  const Sentence& s = doc.sentences[0];
  auto events = code(*coder, doc, {mention(s, 0, 0, "RUS"), mention(s, 2, 2, "UKR")});
  ASSERT_EQ(briefs(events), Briefs{"190 RUS->UKR"});
  const Event& e = events[0];
  EXPECT_EQ(e.sentence, 0u);
  EXPECT_EQ(e.plover_event, "ASSAULT");
  EXPECT_EQ(e.quad_class, 4);
  EXPECT_DOUBLE_EQ(e.goldstein, -10.0);
  EXPECT_EQ(e.modality, Modality::Asserted);
  EXPECT_FALSE(e.negated);
  EXPECT_EQ(doc.text.substr(e.start, e.end - e.start), "Russia attacked Ukraine");
  EXPECT_EQ(doc.text.substr(e.trigger_start, e.trigger_end - e.trigger_start), "attacked");
  EXPECT_EQ(e.trigger_token, 1u);
  EXPECT_EQ(coder->patterns().pattern(e.pattern).line, 2u);
  EXPECT_EQ(coder->patterns().pattern(e.pattern).file, "test-patterns");
  EXPECT_EQ(e.source->role, "subject");
  EXPECT_EQ(e.target->role, "object");
}

TEST(EventCoder, JsonCarriesTheRequiredFields) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  Document doc = tree_doc(kRussiaAttackedUkraine);
  doc.id = "d1";
  const Sentence& s = doc.sentences[0];
  auto events = code(*coder, doc, {mention(s, 0, 0, "RUS"), mention(s, 2, 2, "UKR")});
  ASSERT_EQ(events.size(), 1u);
  auto j = nlohmann::json::parse(event_to_json(doc, events[0], coder->patterns()));
  for (const char* key : {"doc_id", "sentence", "date", "cameo", "plover", "goldstein", "quad_class", "source", "target",
                          "negated", "modality", "evidence", "pattern"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["doc_id"], "d1");
  EXPECT_EQ(j["date"], "2023-02-28");
  EXPECT_EQ(j["cameo"], "190");
  EXPECT_EQ(j["plover"]["event"], "ASSAULT");
  for (const char* key : {"text", "code", "country", "sector", "entity", "kind"}) EXPECT_TRUE(j["source"].contains(key)) << key;
  EXPECT_EQ(j["source"]["code"], "RUS");
  EXPECT_EQ(j["evidence"]["text"], "Russia attacked Ukraine");
  EXPECT_EQ(j["evidence"]["trigger"]["text"], "attacked");
  EXPECT_EQ(j["evidence"]["start"], 0);
  EXPECT_EQ(j["modality"], "asserted");
  EXPECT_FALSE(explain_event(doc, events[0], coder->patterns()).empty());
}

// Captions, bylines and datelines are not coded; titles and bullets
// (headlines of their own) are.
TEST(EventCoder, CaptionsBylinesAndDatelinesAreNeverCoded) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  for (SegmentKind kind : {SegmentKind::Caption, SegmentKind::Byline, SegmentKind::Dateline}) {
    Document doc = tree_doc(kRussiaAttackedUkraine, kind);
    const Sentence& s = doc.sentences[0];
    EXPECT_TRUE(code(*coder, doc, {mention(s, 0, 0, "RUS"), mention(s, 2, 2, "UKR")}).empty());
  }
  for (SegmentKind kind : {SegmentKind::Title, SegmentKind::Bullet}) {
    Document doc = tree_doc(kRussiaAttackedUkraine, kind);
    const Sentence& s = doc.sentences[0];
    EXPECT_EQ(code(*coder, doc, {mention(s, 0, 0, "RUS"), mention(s, 2, 2, "UKR")}).size(), 1u);
  }
}

TEST(EventCoder, NoActorsNoEvent) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  EXPECT_TRUE(code(*coder, tree_doc(kRussiaAttackedUkraine), {}).empty());
}

TEST(EventCoder, PassiveWithByAgent) {
  auto coder = coder_with("163 SRC [impose] sanction|embargo on TGT\n");
  Document doc = tree_doc(
      "Sanctions sanction NOUN 3 nsubj:pass\n"
      "were be AUX 3 aux:pass\n"
      "imposed impose VERB 0 root VerbForm=Part|Voice=Pass\n"
      "on on ADP 5 case\n"
      "Belarus Belarus PROPN 3 obl\n"
      "by by ADP 8 case\n"
      "the the DET 8 det\n"
      "EU EU PROPN 3 obl:agent\n"
      ". . PUNCT 3 punct\n");
  const Sentence& s = doc.sentences[0];
  auto events = code(*coder, doc, {mention(s, 4, 4, "BLR"), mention(s, 7, 7, "IGOEUREEC", "igo")});
  ASSERT_EQ(briefs(events), Briefs{"163 IGOEUREEC->BLR"});
  EXPECT_EQ(events[0].plover_event, "COERCE");
  EXPECT_NE(events[0].note.find("passive"), std::string::npos);
}

TEST(EventCoder, ObliqueWithPreposition) {
  auto coder = coder_with("163 SRC [impose] sanction|embargo on TGT\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "EU EU PROPN 3 nsubj\n"
      "imposed impose VERB 0 root\n"
      "sanctions sanction NOUN 3 obj\n"
      "on on ADP 6 case\n"
      "Belarus Belarus PROPN 4 nmod\n");  // attached to the noun: still the predicate's phrase
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 1, 1, "IGOEUREEC", "igo"), mention(s, 5, 5, "BLR")})),
            Briefs{"163 IGOEUREEC->BLR"});
}

TEST(EventCoder, IndirectObject) {
  auto coder = coder_with("010 SRC [send] TGT letter|message\n");
  Document doc = tree_doc(
      "Russia Russia PROPN 2 nsubj\n"
      "sent send VERB 0 root\n"
      "Ukraine Ukraine PROPN 2 iobj\n"
      "a a DET 5 det\n"
      "letter letter NOUN 2 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 0, 0, "RUS"), mention(s, 2, 2, "UKR")})), Briefs{"010 RUS->UKR"});
}

TEST(EventCoder, InfinitiveOfTheSubject) {
  // "agreed to cooperate": the infinitive is a word of the agree pattern,
  // so it is one event, not two.
  auto coder = coder_with("030 SRC [agree] to cooperate with TGT\n064 SRC [cooperate] with TGT\n");
  Document doc = tree_doc(
      "Belarus Belarus PROPN 2 nsubj\n"
      "agreed agree VERB 0 root\n"
      "to to PART 4 mark\n"
      "cooperate cooperate VERB 2 xcomp\n"
      "with with ADP 6 case\n"
      "China China PROPN 4 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 0, 0, "BLR"), mention(s, 5, 5, "CHN")})), Briefs{"030 BLR->CHN"});
}

TEST(EventCoder, AppealKeepsItsContentClause) {
  // "urged Russia to free the journalist": Russia is the infinitive's
  // subject (object control), and the release is only what was urged.
  auto coder = coder_with("020 SRC [urge] TGT to *\n0841 SRC [free] TGT\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "US US PROPN 3 nsubj\n"
      "urged urge VERB 0 root\n"
      "Russia Russia PROPN 3 obj\n"
      "to to PART 6 mark\n"
      "free free VERB 3 xcomp\n"
      "the the DET 8 det\n"
      "journalist journalist NOUN 6 obj\n");
  const Sentence& s = doc.sentences[0];
  auto m = std::vector<ActorMention>{mention(s, 1, 1, "USA"), mention(s, 3, 3, "RUS"), mention(s, 7, 7, "USAJRN")};
  EXPECT_EQ(briefs(code(*coder, doc, m)), Briefs{"020 USA->RUS"});
  // Without the appeal pattern the release is coded, with Russia as its agent.
  auto bare = coder_with("0841 SRC [free] TGT\n");
  EXPECT_EQ(briefs(code(*bare, doc, m)), Briefs{"0841 RUS->USAJRN"});
}

TEST(EventCoder, StatementGivesWayToTheDeclaredIntention) {
  // "announced it would free": the announcement is not coded twice; the
  // release is Israel's declared intention (CAMEO 0353), with "it" resolved
  // to the announcer.
  auto coder = coder_with("010 SRC [announce] *\n0841 SRC [free] TGT\n");
  Document doc = tree_doc(
      "Israel Israel PROPN 2 nsubj\n"
      "announced announce VERB 0 root\n"
      "it it PRON 5 nsubj PronType=Prs\n"
      "would would AUX 5 aux\n"
      "free free VERB 2 ccomp\n"
      "the the DET 7 det\n"
      "prisoners prisoner NOUN 5 obj\n");
  const Sentence& s = doc.sentences[0];
  auto events = code(*coder, doc, {mention(s, 0, 0, "ISR"), mention(s, 6, 6, "PSECVL", "agent")});
  ASSERT_EQ(briefs(events), Briefs{"0353 ISR->PSECVL"});
  EXPECT_EQ(events[0].modality, Modality::Future);
  EXPECT_TRUE(events[0].source->coreferent);
  EXPECT_EQ(events[0].pattern_code, "0841");
}

TEST(EventCoder, ReportedSpeechCodesTheReportedEvent) {
  auto coder = coder_with("190 SRC [attack] TGT\n010 SRC [say] to TGT\n");
  Document doc = tree_doc(
      "Ukraine Ukraine PROPN 2 nsubj\n"
      "said say VERB 0 root\n"
      "Russia Russia PROPN 4 nsubj\n"
      "attacked attack VERB 2 ccomp\n"
      "Kharkiv Kharkiv PROPN 4 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 0, 0, "UKR"), mention(s, 2, 2, "RUS"), mention(s, 4, 4, "UKR")})),
            Briefs{"190 RUS->UKR"});
}

TEST(EventCoder, ClaimsOfViolenceAreAccusationsOrClaimsOfResponsibility) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  Document other = tree_doc(
      "The the DET 2 det\n"
      "US US PROPN 3 nsubj\n"
      "claimed claim VERB 0 root\n"
      "that that SCONJ 7 mark\n"
      "ISIL ISIL PROPN 7 nsubj\n"
      "had have AUX 7 aux\n"
      "attacked attack VERB 3 ccomp\n"
      "Iraq Iraq PROPN 7 obj\n");
  const Sentence& s = other.sentences[0];
  EXPECT_EQ(briefs(code(*coder, other,
                        {mention(s, 1, 1, "USA"), mention(s, 4, 4, "IMGINSISL", "group"), mention(s, 7, 7, "IRQ")})),
            Briefs{"112 USA->IMGINSISL"});
  Document self = tree_doc(
      "The the DET 2 det\n"
      "US US PROPN 3 nsubj\n"
      "claimed claim VERB 0 root\n"
      "that that SCONJ 7 mark\n"
      "it it PRON 7 nsubj PronType=Prs\n"
      "had have AUX 7 aux\n"
      "attacked attack VERB 3 ccomp\n"
      "Iraq Iraq PROPN 7 obj\n");
  const Sentence& t = self.sentences[0];
  EXPECT_EQ(briefs(code(*coder, self, {mention(t, 1, 1, "USA"), mention(t, 7, 7, "IRQ")})), Briefs{"015 USA->IRQ"});
}

TEST(EventCoder, CoordinatedActorsGiveOneEventPerPair) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  Document doc = tree_doc(
      "Russia Russia PROPN 4 nsubj\n"
      "and and CCONJ 3 cc\n"
      "Belarus Belarus PROPN 1 conj\n"
      "attacked attack VERB 0 root\n"
      "Ukraine Ukraine PROPN 4 obj\n"
      "and and CCONJ 7 cc\n"
      "Moldova Moldova PROPN 5 conj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc,
                        {mention(s, 0, 0, "RUS"), mention(s, 2, 2, "BLR"), mention(s, 4, 4, "UKR"),
                         mention(s, 6, 6, "MDA")})),
            (Briefs{"190 BLR->MDA", "190 BLR->UKR", "190 RUS->MDA", "190 RUS->UKR"}));
}

TEST(EventCoder, CoordinatedSubjectsMeetingEachOther) {
  auto coder = coder_with("040 SRC [meet] with TGT\n");
  Document doc = tree_doc(
      "Belarus Belarus PROPN 4 nsubj\n"
      "and and CCONJ 3 cc\n"
      "China China PROPN 1 conj\n"
      "met meet VERB 0 root\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 0, 0, "BLR"), mention(s, 2, 2, "CHN")})),
            (Briefs{"040 BLR->CHN", "040 CHN->BLR"}));
}

// "the two countries", "both sides": the matcher gives two mentions over
// one span (one per actor); the phrase stands for the pair as "X and Y" does.
TEST(EventCoder, AJointReferenceIsAPair) {
  auto coder = coder_with("040 SRC [meet] with TGT\n046 [talk/n] between SRC and TGT\n");
  Document met = tree_doc(
      "The the DET 3 det\n"
      "two two NUM 3 nummod\n"
      "leaders leader NOUN 4 nsubj\n"
      "met meet VERB 0 root\n");
  const Sentence& s = met.sentences[0];
  EXPECT_EQ(briefs(code(*coder, met, {mention(s, 1, 2, "BLRGOV"), mention(s, 1, 2, "CHNGOV")})),
            (Briefs{"040 BLRGOV->CHNGOV", "040 CHNGOV->BLRGOV"}));
  Document talks = tree_doc(
      "Talks talk NOUN 6 nsubj\n"
      "between between ADP 5 case\n"
      "the the DET 5 det\n"
      "two two NUM 5 nummod\n"
      "sides side NOUN 1 nmod\n"
      "resumed resume VERB 0 root\n");
  const Sentence& t = talks.sentences[0];
  EXPECT_EQ(briefs(code(*coder, talks, {mention(t, 3, 4, "ARM"), mention(t, 3, 4, "AZE")})),
            (Briefs{"046 ARM->AZE", "046 AZE->ARM"}));
  // One actor on its own is no pair.
  EXPECT_TRUE(code(*coder, talks, {mention(t, 3, 4, "ARM")}).empty());
}

// A passive infinitive under "expected", "likely", "due" has no subject of
// its own: its patient is the governing verb's subject.
TEST(EventCoder, RaisedPatientOfAPassiveInfinitive) {
  auto coder = coder_with(
      "163 SRC impose|approve [sanction/n] on|against TGT\n"
      "0841 SRC [release] TGT\n");
  Document doc = tree_doc(
      "Sanctions sanction NOUN 3 nsubj:pass\n"
      "are be AUX 3 aux:pass\n"
      "expected expect VERB 0 root VerbForm=Part|Voice=Pass\n"
      "to to PART 6 mark\n"
      "be be AUX 6 aux:pass\n"
      "imposed impose VERB 3 xcomp VerbForm=Part|Voice=Pass\n"
      "on on ADP 8 case\n"
      "Iran Iran PROPN 6 obl\n"
      "by by ADP 11 case\n"
      "the the DET 11 det\n"
      "EU EU PROPN 6 obl:agent\n"
      ". . PUNCT 3 punct\n");
  const Sentence& s = doc.sentences[0];
  auto events = code(*coder, doc, {mention(s, 7, 7, "IRN"), mention(s, 10, 10, "IGOEUREEC", "igo")});
  ASSERT_EQ(briefs(events), Briefs{"163 IGOEUREEC->IRN"});
  EXPECT_EQ(events[0].modality, Modality::Future);

  Document freed = tree_doc(
      "The the DET 2 det\n"
      "hostages hostage NOUN 4 nsubj\n"
      "are be AUX 4 cop\n"
      "likely likely ADJ 0 root\n"
      "to to PART 7 mark\n"
      "be be AUX 7 aux:pass\n"
      "freed release VERB 4 xcomp VerbForm=Part|Voice=Pass\n"
      "by by ADP 9 case\n"
      "Hamas Hamas PROPN 7 obl:agent\n");
  const Sentence& f = freed.sentences[0];
  EXPECT_EQ(briefs(code(*coder, freed, {mention(f, 1, 1, "ISRCVL"), mention(f, 8, 8, "PSEREBHMS", "group")})),
            Briefs{"0841 PSEREBHMS->ISRCVL"});
}

// An agreement signed with no agent: the parties are the pair a "between"
// phrase names on the verb, or in a clause its patient or verb carries;
// never in an adverbial ("signed amid tension between X and Y").
TEST(EventCoder, AgentlessSigningTakesTheBetweenPair) {
  auto coder = coder_with("057 [sign] agreement|document between SRC and TGT\n");
  Document on_verb = tree_doc(
      "Agreements agreement NOUN 3 nsubj:pass\n"
      "were be AUX 3 aux:pass\n"
      "signed sign VERB 0 root VerbForm=Part|Voice=Pass\n"
      "between between ADP 5 case\n"
      "Russia Russia PROPN 3 obl\n"
      "and and CCONJ 7 cc\n"
      "India India PROPN 5 conj\n");
  const Sentence& v = on_verb.sentences[0];
  EXPECT_EQ(briefs(code(*coder, on_verb, {mention(v, 4, 4, "RUS"), mention(v, 6, 6, "IND")})),
            Briefs{"057 RUS->IND"});

  // "Documents were then signed, which cover trade between the two countries."
  Document in_clause = tree_doc(
      "Documents document NOUN 4 nsubj:pass\n"
      "were be AUX 4 aux:pass\n"
      "then then ADV 4 advmod\n"
      "signed sign VERB 0 root VerbForm=Part|Voice=Pass\n"
      ", , PUNCT 7 punct\n"
      "which which PRON 7 nsubj\n"
      "cover cover VERB 4 parataxis\n"
      "trade trade NOUN 7 obj\n"
      "between between ADP 12 case\n"
      "the the DET 12 det\n"
      "two two NUM 12 nummod\n"
      "countries country NOUN 8 nmod\n");
  const Sentence& c = in_clause.sentences[0];
  // "the two countries" counts as "Belarus and China": the first towards the second.
  EXPECT_EQ(briefs(code(*coder, in_clause, {mention(c, 10, 11, "BLR"), mention(c, 10, 11, "CHN")})),
            Briefs{"057 BLR->CHN"});

  // "Documents were signed amid tension between Russia and Ukraine."
  Document amid = tree_doc(
      "Documents document NOUN 3 nsubj:pass\n"
      "were be AUX 3 aux:pass\n"
      "signed sign VERB 0 root VerbForm=Part|Voice=Pass\n"
      "amid amid ADP 5 case\n"
      "tension tension NOUN 3 obl\n"
      "between between ADP 7 case\n"
      "Russia Russia PROPN 5 nmod\n"
      "and and CCONJ 9 cc\n"
      "Ukraine Ukraine PROPN 7 conj\n");
  const Sentence& a = amid.sentences[0];
  EXPECT_TRUE(code(*coder, amid, {mention(a, 6, 6, "RUS"), mention(a, 8, 8, "UKR")}).empty());
}

TEST(EventCoder, CoordinatedVerbsShareSubjectAndObject) {
  auto coder = coder_with("190 SRC [attack] TGT\n192 SRC [occupy] TGT\n");
  Document doc = tree_doc(
      "Russia Russia PROPN 2 nsubj\n"
      "attacked attack VERB 0 root\n"
      "and and CCONJ 4 cc\n"
      "occupied occupy VERB 2 conj\n"
      "Crimea Crimea PROPN 2 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 0, 0, "RUS"), mention(s, 4, 4, "UKR")})),
            (Briefs{"190 RUS->UKR", "192 RUS->UKR"}));
}

TEST(EventCoder, RelativeClauses) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  // Subject gap: "the rebels who attacked Aleppo".
  Document who = tree_doc(
      "The the DET 2 det\n"
      "army army NOUN 3 nsubj\n"
      "killed kill VERB 0 root\n"
      "the the DET 5 det\n"
      "rebels rebel NOUN 3 obj\n"
      "who who PRON 7 nsubj PronType=Rel\n"
      "attacked attack VERB 5 acl:relcl\n"
      "Aleppo Aleppo PROPN 7 obj\n");
  const Sentence& s = who.sentences[0];
  EXPECT_EQ(briefs(code(*coder, who,
                        {mention(s, 1, 1, "SYRMIL", "agent"), mention(s, 4, 4, "SYRREB", "agent"), mention(s, 7, 7, "SYR")})),
            Briefs{"190 SYRREB->SYR"});
  // Object gap: "the town that the rebels attacked".
  Document that = tree_doc(
      "Troops troop NOUN 2 nsubj\n"
      "entered enter VERB 0 root\n"
      "Aleppo Aleppo PROPN 2 obj\n"
      "that that PRON 6 obj PronType=Rel\n"
      "rebels rebel NOUN 6 nsubj\n"
      "attacked attack VERB 3 acl:relcl\n");
  const Sentence& t = that.sentences[0];
  EXPECT_EQ(briefs(code(*coder, that, {mention(t, 2, 2, "SYR"), mention(t, 4, 4, "SYRREB", "agent")})),
            Briefs{"190 SYRREB->SYR"});
}

TEST(EventCoder, ActorFoundThroughAnApposition) {
  auto coder = coder_with("042 SRC [visit] TGT\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "leader leader NOUN 6 nsubj\n"
      ", , PUNCT 4 punct\n"
      "Lukashenko Lukashenko PROPN 2 appos\n"
      ", , PUNCT 4 punct\n"
      "visited visit VERB 0 root\n"
      "Beijing Beijing PROPN 6 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 3, 3, "BLRGOV", "person"), mention(s, 6, 6, "CHNGOV")})),
            Briefs{"042 BLRGOV->CHNGOV"});
}

TEST(EventCoder, ActorInsideTheArgumentPhraseAndLightVerbNoun) {
  // "the representatives of the opposition ... organized a drone attack on
  // the airfield": the opposition is the actor; "organize" is the light verb
  // of the nominal trigger.
  auto coder = coder_with("195 SRC organize|launch|carry_out drone [attack/n] on|against TGT\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "representatives representative NOUN 6 nsubj\n"
      "of of ADP 5 case\n"
      "the the DET 5 det\n"
      "opposition opposition NOUN 2 nmod\n"
      "organized organize VERB 0 root\n"
      "a a DET 9 det\n"
      "drone drone NOUN 9 compound\n"
      "attack attack NOUN 6 obj\n"
      "on on ADP 13 case\n"
      "the the DET 13 det\n"
      "military military ADJ 13 amod\n"
      "airfield airfield NOUN 9 nmod\n");
  const Sentence& s = doc.sentences[0];
  auto events = code(*coder, doc,
                     {mention(s, 1, 1, "---GOV", "agent"), mention(s, 4, 4, "BLROPP", "agent"),
                      mention(s, 11, 12, "BLRMIL", "agent")});
  ASSERT_EQ(briefs(events), Briefs{"195 BLROPP->BLRMIL"});
  EXPECT_EQ(doc.text.substr(events[0].trigger_start, events[0].trigger_end - events[0].trigger_start), "attack");
}

TEST(EventCoder, BetweenAJointReferenceIsBetweenThePairWrittenOut) {
  // "A row between Peru and Chile" and "a row between the two neighbours"
  // (a joint reference: two mentions over one span) code the same event,
  // the first towards the second; talks (046) are mutual either way.
  auto coder = coder_with("110 [row/n] between SRC and TGT\n046 [talk/n] between SRC and TGT\n");
  auto doc = [](const std::string& noun, const std::string& between, const std::string& pair) {
    return tree_doc("The the DET 2 det\n" + noun + " NOUN 0 root\nbetween between ADP " + between + " case\n" + pair);
  };
  const std::string named = "Peru Peru PROPN 2 nmod\nand and CCONJ 6 cc\nChile Chile PROPN 4 conj\n";
  const std::string joint = "the the DET 6 det\ntwo two NUM 6 nummod\nneighbours neighbour NOUN 2 nmod\n";
  for (const std::string noun : {"row row", "talks talk"}) {
    const Briefs expected = noun == "row row" ? Briefs{"110 PER->CHL"} : Briefs{"046 CHL->PER", "046 PER->CHL"};
    Document n = doc(noun, "4", named);
    const Sentence& ns = n.sentences[0];
    EXPECT_EQ(briefs(code(*coder, n, {mention(ns, 3, 3, "PER"), mention(ns, 5, 5, "CHL")})), expected) << noun;
    Document j = doc(noun, "6", joint);
    const Sentence& js = j.sentences[0];
    EXPECT_EQ(briefs(code(*coder, j, {mention(js, 4, 5, "PER"), mention(js, 4, 5, "CHL")})), expected) << noun;
  }
}

TEST(EventCoder, NominalEvents) {
  auto coder = coder_with("046 [talk/n] between SRC and TGT\n042 [visit/n] by SRC to TGT\n");
  Document talks = tree_doc(
      "Talks talk NOUN 6 nsubj\n"
      "between between ADP 3 case\n"
      "Belarus Belarus PROPN 1 nmod\n"
      "and and CCONJ 5 cc\n"
      "China China PROPN 3 conj\n"
      "began begin VERB 0 root\n");
  const Sentence& s = talks.sentences[0];
  // Negotiations are mutual: the converse is coded too.
  EXPECT_EQ(briefs(code(*coder, talks, {mention(s, 2, 2, "BLR"), mention(s, 4, 4, "CHN")})),
            (Briefs{"046 BLR->CHN", "046 CHN->BLR"}));
  Document visit = tree_doc(
      "A a DET 2 det\n"
      "visit visit NOUN 8 nsubj:pass\n"
      "by by ADP 4 case\n"
      "Xi Xi PROPN 2 nmod\n"
      "to to ADP 6 case\n"
      "Moscow Moscow PROPN 2 nmod\n"
      "was be AUX 8 aux:pass\n"
      "announced announce VERB 0 root\n");
  const Sentence& t = visit.sentences[0];
  EXPECT_EQ(briefs(code(*coder, visit, {mention(t, 3, 3, "CHNGOV", "person"), mention(t, 5, 5, "RUSGOV")})),
            Briefs{"042 CHNGOV->RUSGOV"});
}

TEST(EventCoder, AnySupportVerbStandsInForTheListedOnes) {
  // The 195 pattern lists launch, conduct, stage...; "organized" performs
  // the attack just the same, and the more specific pattern wins.
  auto coder = coder_with(
      "190 SRC carry_out|launch|stage|organize|mount [attack/n] on|against TGT\n"
      "195 SRC carry_out|launch|conduct|stage|mount|order|resume|continue drone|missile|air [attack/n] on|against TGT\n");
  Document doc = tree_doc(
      "They they PRON 2 nsubj\n"
      "organized organize VERB 0 root\n"
      "a a DET 5 det\n"
      "drone drone NOUN 5 compound\n"
      "attack attack NOUN 2 obj\n"
      "on on ADP 7 case\n"
      "airfield airfield NOUN 5 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 0, 0, "BLROPP", "agent"), mention(s, 6, 6, "BLRMIL", "agent")})),
            Briefs{"195 BLROPP->BLRMIL"});
  // "announced an attack" does not perform it.
  Document announced = tree_doc(
      "They they PRON 2 nsubj\n"
      "announced announce VERB 0 root\n"
      "a a DET 5 det\n"
      "drone drone NOUN 5 compound\n"
      "attack attack NOUN 2 obj\n"
      "on on ADP 7 case\n"
      "airfield airfield NOUN 5 nmod\n");
  const Sentence& t = announced.sentences[0];
  EXPECT_TRUE(code(*coder, announced, {mention(t, 0, 0, "BLROPP", "agent"), mention(t, 6, 6, "BLRMIL", "agent")}).empty());
}

TEST(EventCoder, NominalTriggerUnderAnOrdinaryVerbHasNoBorrowedAgent) {
  // "Russia condemned the attack on Ukraine": Russia did not attack.
  auto coder = coder_with("190 SRC launch [attack/n] on TGT\n190 [attack/n] on TGT by SRC\n");
  Document doc = tree_doc(
      "Russia Russia PROPN 2 nsubj\n"
      "condemned condemn VERB 0 root\n"
      "the the DET 4 det\n"
      "attack attack NOUN 2 obj\n"
      "on on ADP 6 case\n"
      "Ukraine Ukraine PROPN 4 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_TRUE(code(*coder, doc, {mention(s, 0, 0, "RUS"), mention(s, 5, 5, "UKR")}).empty());
}

TEST(EventCoder, NegationCodesNothingOrARejection) {
  auto coder = coder_with("190 SRC [attack] TGT\n070 SRC [provide] aid to TGT\n");
  Document attack = tree_doc(
      "Russia Russia PROPN 4 nsubj\n"
      "did do AUX 4 aux\n"
      "not not PART 4 advmod\n"
      "attack attack VERB 0 root\n"
      "Ukraine Ukraine PROPN 4 obj\n");
  const Sentence& s = attack.sentences[0];
  std::vector<ActorMention> m{mention(s, 0, 0, "RUS"), mention(s, 4, 4, "UKR")};
  EXPECT_TRUE(code(*coder, attack, m).empty());
  CodingOptions keep;
  keep.keep_negated = true;
  auto keeping = coder_with("190 SRC [attack] TGT\n", keep);
  auto kept = code(*keeping, attack, m);
  ASSERT_EQ(briefs(kept), Briefs{"190 RUS->UKR"});
  EXPECT_TRUE(kept[0].negated);

  // Refusing cooperation is CAMEO's rejection: "would not provide aid" -> 122.
  Document aid = tree_doc(
      "Obama Obama PROPN 2 nsubj\n"
      "said say VERB 0 root\n"
      "he he PRON 6 nsubj PronType=Prs\n"
      "would would AUX 6 aux\n"
      "not not PART 6 advmod\n"
      "provide provide VERB 2 ccomp\n"
      "aid aid NOUN 6 obj\n"
      "to to ADP 9 case\n"
      "Israel Israel PROPN 6 obl\n");
  const Sentence& t = aid.sentences[0];
  auto events = code(*coder, aid, {mention(t, 0, 0, "USAGOV", "person"), mention(t, 8, 8, "ISR")});
  ASSERT_EQ(briefs(events), Briefs{"122 USAGOV->ISR"});
  EXPECT_TRUE(events[0].negated);
  EXPECT_EQ(events[0].plover_event, "REJECT");
  EXPECT_EQ(rejection_code("036"), "125");
  EXPECT_EQ(rejection_code("190"), "");
}

TEST(EventCoder, Modality) {
  auto coder = coder_with("057 SRC [sign] agreement with TGT\n070 SRC [help] TGT\n040 SRC [hold] meeting with TGT\n"
                          "190 SRC [attack] TGT\n");
  Document expected = tree_doc(
      "Belarus Belarus PROPN 3 nsubj:pass\n"
      "is be AUX 3 aux:pass\n"
      "expected expect VERB 0 root VerbForm=Part|Voice=Pass\n"
      "to to PART 5 mark\n"
      "sign sign VERB 3 xcomp\n"
      "an a DET 7 det\n"
      "agreement agreement NOUN 5 obj\n"
      "with with ADP 9 case\n"
      "China China PROPN 7 nmod\n");
  const Sentence& a = expected.sentences[0];
  auto e1 = code(*coder, expected, {mention(a, 0, 0, "BLR"), mention(a, 8, 8, "CHN")});
  ASSERT_EQ(briefs(e1), Briefs{"057 BLR->CHN"});
  EXPECT_EQ(e1[0].modality, Modality::Future);

  Document can = tree_doc(
      "China China PROPN 3 nsubj\n"
      "can can AUX 3 aux\n"
      "help help VERB 0 root\n"
      "Minsk Minsk PROPN 3 obj\n");
  const Sentence& b = can.sentences[0];
  auto e2 = code(*coder, can, {mention(b, 0, 0, "CHN"), mention(b, 3, 3, "BLRGOV")});
  ASSERT_EQ(e2.size(), 1u);
  EXPECT_EQ(e2[0].modality, Modality::Possible);

  // "officials of China": a bare agent takes the country of its phrase. A
  // meeting that will be held is an intention to meet (CAMEO 036).
  Document will = tree_doc(
      "Lukashenko Lukashenko PROPN 3 nsubj\n"
      "will will AUX 3 aux\n"
      "hold hold VERB 0 root\n"
      "meetings meeting NOUN 3 obj\n"
      "with with ADP 6 case\n"
      "officials official NOUN 4 nmod\n"
      "of of ADP 8 case\n"
      "China China PROPN 6 nmod\n");
  const Sentence& c = will.sentences[0];
  auto e3 = code(*coder, will,
                 {mention(c, 0, 0, "BLRGOV", "person"), mention(c, 5, 5, "---GOV", "agent"), mention(c, 7, 7, "CHN", "country")});
  ASSERT_EQ(briefs(e3), Briefs{"036 BLRGOV->CHNGOV"});
  EXPECT_EQ(e3[0].modality, Modality::Future);
  EXPECT_EQ(e3[0].pattern_code, "040");
  EXPECT_EQ(e3[0].plover_event, "AGREE");

  Document cond = tree_doc(
      "If if SCONJ 3 mark\n"
      "Russia Russia PROPN 3 nsubj\n"
      "attacks attack VERB 7 advcl\n"
      "Ukraine Ukraine PROPN 3 obj\n"
      "NATO NATO PROPN 7 nsubj\n"
      "will will AUX 7 aux\n"
      "respond respond VERB 0 root\n");
  const Sentence& d = cond.sentences[0];
  auto e4 = code(*coder, cond, {mention(d, 1, 1, "RUS"), mention(d, 3, 3, "UKR"), mention(d, 4, 4, "IGONAT", "igo")});
  ASSERT_EQ(briefs(e4), Briefs{"190 RUS->UKR"});
  EXPECT_EQ(e4[0].modality, Modality::Conditional);
}

TEST(EventCoder, DeclaredWishToAttackIsAThreat) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  Document doc = tree_doc(
      "Obama Obama PROPN 2 nsubj\n"
      "wants want VERB 0 root\n"
      "to to PART 4 mark\n"
      "attack attack VERB 2 xcomp\n"
      "Switzerland Switzerland PROPN 4 obj\n");
  const Sentence& s = doc.sentences[0];
  auto events = code(*coder, doc, {mention(s, 0, 0, "USAGOV", "person"), mention(s, 4, 4, "CHE")});
  ASSERT_EQ(briefs(events), Briefs{"1384 USAGOV->CHE"});
  EXPECT_EQ(events[0].modality, Modality::Intended);
  EXPECT_EQ(events[0].plover_event, "THREATEN");
}

TEST(EventCoder, AThreatIsAimedAtWhomItsConditionNames) {
  auto coder = coder_with("134 SRC [threaten] to stop|halt|suspend talk|negotiation\n");
  Document doc = tree_doc(
      "Russia Russia PROPN 2 nsubj\n"
      "threatened threaten VERB 0 root\n"
      "to to PART 4 mark\n"
      "stop stop VERB 2 xcomp\n"
      "talks talk NOUN 4 obj\n"
      "if if SCONJ 9 mark\n"
      "the the DET 8 det\n"
      "US US PROPN 9 nsubj\n"
      "deploys deploy VERB 4 advcl\n"
      "missiles missile NOUN 9 obj\n");
  const Sentence& s = doc.sentences[0];
  auto events = code(*coder, doc, {mention(s, 0, 0, "RUS"), mention(s, 7, 7, "USA")});
  ASSERT_EQ(briefs(events), Briefs{"134 RUS->USA"});
  EXPECT_EQ(events[0].target->role, "conditional");
}

TEST(EventCoder, ParticipleElaboratingAnAttackIsNotASecondEvent) {
  auto coder = coder_with("190 SRC [bombard] TGT\n1823 SRC [kill] TGT\n");
  Document doc = tree_doc(
      "Insurgents insurgent NOUN 2 nsubj\n"
      "bombarded bombard VERB 0 root\n"
      "Aleppo Aleppo PROPN 2 obj\n"
      ", , PUNCT 5 punct\n"
      "killing kill VERB 2 advcl VerbForm=Ger\n"
      "eight eight NUM 7 nummod\n"
      "civilians civilian NOUN 5 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc,
                        {mention(s, 0, 0, "SYRINS", "agent"), mention(s, 2, 2, "SYR"), mention(s, 6, 6, "SYRCVL", "agent")})),
            Briefs{"190 SYRINS->SYR"});
}

TEST(EventCoder, DiscardsAndSpecificity) {
  auto coder = coder_with(
      "190 SRC [beat] TGT\n"
      "--- SRC [beat] TGT in match|game|final\n"
      "112 SRC [accuse] TGT of *\n"
      "1124 SRC [accuse] TGT of war crime\n"
      "084 SRC [release] *\n"
      "0841 SRC [release] TGT\n");
  Document match = tree_doc(
      "Russia Russia PROPN 2 nsubj\n"
      "beat beat VERB 0 root\n"
      "Ukraine Ukraine PROPN 2 obj\n"
      "in in ADP 6 case\n"
      "the the DET 6 det\n"
      "final final NOUN 2 obl\n");
  const Sentence& s = match.sentences[0];
  EXPECT_TRUE(code(*coder, match, {mention(s, 0, 0, "RUS"), mention(s, 2, 2, "UKR")}).empty());
  Document crimes = tree_doc(
      "Russia Russia PROPN 2 nsubj\n"
      "accused accuse VERB 0 root\n"
      "Ukraine Ukraine PROPN 2 obj\n"
      "of of ADP 6 case\n"
      "war war NOUN 6 compound\n"
      "crimes crime NOUN 2 obl\n");
  const Sentence& t = crimes.sentences[0];
  EXPECT_EQ(briefs(code(*coder, crimes, {mention(t, 0, 0, "RUS"), mention(t, 2, 2, "UKR")})), Briefs{"1124 RUS->UKR"});
  Document release = tree_doc(
      "Israel Israel PROPN 2 nsubj\n"
      "released release VERB 0 root\n"
      "Abbas Abbas PROPN 2 obj\n");
  const Sentence& u = release.sentences[0];
  EXPECT_EQ(briefs(code(*coder, release, {mention(u, 0, 0, "ISR"), mention(u, 2, 2, "PSEGOV", "person")})),
            Briefs{"0841 ISR->PSEGOV"});
}

TEST(EventCoder, UdV1RelationsCodeTheSame) {
  auto coder = coder_with("163 SRC [impose] sanction on TGT\n");
  Document doc = tree_doc(
      "Sanctions sanction NOUN 3 nsubjpass\n"
      "were be AUX 3 auxpass\n"
      "imposed impose VERB 0 root\n"
      "on on ADP 5 case\n"
      "Belarus Belarus PROPN 3 nmod\n"
      "by by ADP 7 case\n"
      "EU EU PROPN 3 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 4, 4, "BLR"), mention(s, 6, 6, "IGOEUREEC", "igo")})),
            Briefs{"163 IGOEUREEC->BLR"});
}

TEST(EventCoder, LemmatizerSlipsDoNotHideTriggers) {
  auto coder = coder_with("173 SRC [jail] TGT\n");
  Document doc = tree_doc(
      "A a DET 2 det\n"
      "court court NOUN 3 nsubj\n"
      "jailed jaile VERB 0 root\n"
      "a a DET 5 det\n"
      "student student NOUN 3 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(code(*coder, doc, {mention(s, 1, 1, "TUNJUD", "agent"), mention(s, 4, 4, "NGAEDU", "agent")})),
            Briefs{"173 TUNJUD->NGAEDU"});
}

TEST(EventCoder, UnparsedSentencesCodeNothing) {
  auto coder = coder_with("190 SRC [attack] TGT\n");
  Document doc;
  doc.text = "Russia attacked Ukraine";
  Sentence s;
  for (auto [a, b, f] : {std::tuple{0u, 6u, "Russia"}, {7u, 15u, "attacked"}, {16u, 23u, "Ukraine"}}) {
    Token t;
    t.start = a;
    t.end = b;
    t.form = f;
    s.tokens.push_back(t);
  }
  s.end = 23;
  doc.sentences.push_back(s);
  EXPECT_TRUE(code(*coder, doc, {mention(doc.sentences[0], 0, 0, "RUS")}).empty());
}

}  // namespace
}  // namespace kestrel
