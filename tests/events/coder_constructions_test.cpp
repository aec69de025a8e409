// General news constructions where the doer is not the parsed subject:
// victims of violence ("died in a Russian missile attack", "were wounded in
// an ambush"), peacekeepers arriving (the force provided, not a visit), an
// actor the parser hung on "today", a protest verb read as a participle
// ("Thousands of Kurds demonstrated ...") or a participle modifier with a subject of
// its own, weapons as no target; and calls for sanctions against someone;
// violence nobody is named for (the place's unidentified force), reported
// violence that cannot be coded (the reporter's accusation), a verb hung as
// an apposition, what a text says, dates in slots and passive agents
// (hand-built UD trees, hand-made mentions; the shipped patterns where a
// test is about the dictionary).
#include <gtest/gtest.h>

#include "events/simple_actors.h"

namespace kestrel {
namespace {

using testing::Briefs;
using testing::briefs;
using testing::coder_with;
using testing::mention;
using testing::shipped_coder;
using testing::tree_doc;

TEST(EventCoderConstructions, DyingInAnAttackNamesTheAttackerFromTheAttackNoun) {
  // "Two civilians died in a Russian missile attack on Kherson": "die" has
  // no agent; the actor modifying the attack noun (written "in SRC ...")
  // is the attacker, the subject the victim.
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "Two two NUM 2 nummod\n"
      "civilians civilian NOUN 3 nsubj\n"
      "died die VERB 0 root Tense=Past\n"
      "in in ADP 8 case\n"
      "a a DET 8 det\n"
      "Russian Russian ADJ 8 amod\n"
      "missile missile NOUN 8 compound\n"
      "attack attack NOUN 3 obl\n"
      "on on ADP 10 case\n"
      "Kherson Kherson PROPN 8 nmod\n");
  const Sentence& s = doc.sentences[0];
  auto events = coder->code_document(
      doc, {{mention(s, 1, 1, "UKRCVL", "agent"), mention(s, 5, 5, "RUS"), mention(s, 9, 9, "UKR")}});
  EXPECT_EQ(briefs(events), Briefs{"195 RUS->UKRCVL"});

  // Without an actor on the attack there is nobody to code it against.
  Document bare = tree_doc(
      "Two two NUM 2 nummod\n"
      "civilians civilian NOUN 3 nsubj\n"
      "died die VERB 0 root Tense=Past\n"
      "in in ADP 6 case\n"
      "an a DET 6 det\n"
      "attack attack NOUN 3 obl\n");
  const Sentence& b = bare.sentences[0];
  EXPECT_TRUE(coder->code_document(bare, {{mention(b, 1, 1, "UKRCVL", "agent")}}).empty());

  // An actor elsewhere in the sentence is not the attacker: "died of an
  // illness in a Russian hospital" names no attack at all.
  Document ill = tree_doc(
      "Two two NUM 2 nummod\n"
      "prisoners prisoner NOUN 3 nsubj\n"
      "died die VERB 0 root Tense=Past\n"
      "in in ADP 7 case\n"
      "a a DET 7 det\n"
      "Russian Russian ADJ 7 amod\n"
      "hospital hospital NOUN 3 obl\n");
  const Sentence& i = ill.sentences[0];
  EXPECT_TRUE(coder->code_document(ill, {{mention(i, 1, 1, "UKRCVL", "agent"), mention(i, 5, 5, "RUS")}}).empty());
}

TEST(EventCoderConstructions, ASlotBeforeAWordOfItsPhraseIsThatWordsActorModifier) {
  // "TGT [die] in SRC custody": "a detainee died in Egyptian custody" is
  // EGY, by the adjective on "custody"; a "custody" phrase hung on another
  // noun is not the predicate's own.
  auto coder = coder_with("1823 TGT [die] in SRC custody\n");
  Document doc = tree_doc(
      "A a DET 2 det\n"
      "detainee detainee NOUN 3 nsubj\n"
      "died die VERB 0 root Tense=Past\n"
      "in in ADP 6 case\n"
      "Egyptian Egyptian ADJ 6 amod\n"
      "custody custody NOUN 3 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 1, "EGYCVL", "agent"), mention(s, 4, 4, "EGY")}})),
            Briefs{"1823 EGY->EGYCVL"});
  Document other = tree_doc(
      "A a DET 2 det\n"
      "detainee detainee NOUN 3 nsubj\n"
      "died die VERB 0 root Tense=Past\n"
      "after after ADP 5 case\n"
      "months month NOUN 3 obl\n"
      "in in ADP 8 case\n"
      "Egyptian Egyptian ADJ 8 amod\n"
      "custody custody NOUN 5 nmod\n");
  const Sentence& o = other.sentences[0];
  EXPECT_TRUE(coder->code_document(other, {{mention(o, 1, 1, "EGYCVL", "agent"), mention(o, 6, 6, "EGY")}}).empty());
}

TEST(EventCoderConstructions, WoundedTaggedAsAnAdjectiveAfterBeIsThePassive) {
  // "Three soldiers were wounded by Taliban gunmen": the tagger reads
  // "wounded" as an adjective with a copula; it is the passive of "wound".
  auto coder = coder_with("182 SRC [wound] TGT\n");
  Document doc = tree_doc(
      "Three three NUM 2 nummod\n"
      "soldiers soldier NOUN 4 nsubj\n"
      "were be AUX 4 cop\n"
      "wounded wounded ADJ 0 root\n"
      "by by ADP 7 case\n"
      "Taliban Taliban PROPN 7 compound\n"
      "gunmen gunman NOUN 4 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(
                doc, {{mention(s, 1, 1, "AFGMIL", "agent"), mention(s, 5, 6, "AFGINSTAL", "group")}})),
            Briefs{"182 AFGINSTAL->AFGMIL"});
  // Other adjectives after "be" stay adjectives: "the talks were
  // pointless" is no event, and neither is "the soldiers were tired".
  auto tire = coder_with("182 SRC [tire] TGT\n");
  Document tired = tree_doc(
      "The the DET 2 det\n"
      "soldiers soldier NOUN 4 nsubj\n"
      "were be AUX 4 cop\n"
      "tired tired ADJ 0 root\n"
      "by by ADP 6 case\n"
      "Taliban Taliban PROPN 4 obl\n");
  const Sentence& t = tired.sentences[0];
  EXPECT_TRUE(
      tire->code_document(tired, {{mention(t, 1, 1, "AFGMIL", "agent"), mention(t, 5, 5, "AFGINSTAL", "group")}})
          .empty());
}

TEST(EventCoderConstructions, PeacekeepersArrivingAreProvidedPeacekeeping) {
  // "A contingent of Irish peacekeepers arrived in Lebanon": no visit (042)
  // but the provision of peacekeeping (074) to the place; a minister who
  // arrives is still on a visit, and so are plain troops.
  auto coder = coder_with("042 SRC [arrive] in TGT\n");
  Document doc = tree_doc(
      "A a DET 2 det\n"
      "contingent contingent NOUN 6 nsubj\n"
      "of of ADP 5 case\n"
      "Irish Irish ADJ 5 amod\n"
      "peacekeepers peacekeeper NOUN 2 nmod\n"
      "arrived arrive VERB 0 root\n"
      "in in ADP 8 case\n"
      "Lebanon Lebanon PROPN 6 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 3, 4, "IRLMIL", "agent"), mention(s, 7, 7, "LBN")}})),
            Briefs{"074 IRLMIL->LBN"});
  Document kept = tree_doc(
      "UN UN PROPN 3 compound\n"
      "peacekeeping peacekeeping NOUN 3 compound\n"
      "troops troops NOUN 4 nsubj\n"
      "arrived arrive VERB 0 root\n"
      "in in ADP 6 case\n"
      "Mali Mali PROPN 4 obl\n");
  const Sentence& k = kept.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(kept, {{mention(k, 0, 2, "IGOUNOMIL", "igo"), mention(k, 5, 5, "MLI")}})),
            Briefs{"074 IGOUNOMIL->MLI"});
  Document visit = tree_doc(
      "The the DET 3 det\n"
      "Irish Irish ADJ 3 amod\n"
      "minister minister NOUN 4 nsubj\n"
      "arrived arrive VERB 0 root\n"
      "in in ADP 6 case\n"
      "Lebanon Lebanon PROPN 4 obl\n");
  const Sentence& v = visit.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(visit, {{mention(v, 1, 2, "IRLGOV", "agent"), mention(v, 5, 5, "LBN")}})),
            Briefs{"042 IRLGOV->LBN"});
}

TEST(EventCoderConstructions, CallingForSanctionsAgainstSomeoneIsDisapprovalOfThem) {
  // "The bishops called for sanctions against Burma": Burma is the one
  // disapproved of (110); calling for an end to sanctions is still an
  // appeal to ease them (0254).
  auto coder = shipped_coder();
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "bishops bishop NOUN 3 nsubj\n"
      "called call VERB 0 root\n"
      "for for ADP 5 case\n"
      "sanctions sanction NOUN 3 obl\n"
      "against against ADP 7 case\n"
      "Burma Burma PROPN 5 nmod\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "GBRREL", "agent"), mention(s, 6, 6, "MMR")}})),
            Briefs{"110 GBRREL->MMR"});
  Document end = tree_doc(
      "The the DET 2 det\n"
      "bishops bishop NOUN 3 nsubj\n"
      "called call VERB 0 root\n"
      "for for ADP 6 case\n"
      "an a DET 6 det\n"
      "end end NOUN 3 obl\n"
      "to to ADP 8 case\n"
      "sanctions sanction NOUN 6 nmod\n"
      "against against ADP 10 case\n"
      "Burma Burma PROPN 8 nmod\n");
  const Sentence& e = end.sentences[0];
  auto events = coder->code_document(end, {{mention(e, 0, 1, "GBRREL", "agent"), mention(e, 9, 9, "MMR")}});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].cameo, "0254");
}

TEST(EventCoderConstructions, AnActorHungOnTodayBeforeTheVerbIsItsSubject) {
  // "A senior French official today criticised Iran", parsed with
  // "official" a modifier of "today" and "today" an oblique of the verb:
  // the official is the subject. An actor on an ordinary oblique noun
  // before the verb is not ("in the French capital, police ...").
  auto coder = coder_with("111 SRC [criticise] TGT\n");
  Document doc = tree_doc(
      "A a DET 4 det\n"
      "senior senior ADJ 4 amod\n"
      "French French ADJ 4 amod\n"
      "official official ADJ 5 amod\n"
      "today today NOUN 6 obl:unmarked\n"
      "criticised criticise VERB 0 root Tense=Past|VerbForm=Part|Voice=Pass\n"
      "Iran Iran PROPN 6 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 2, 2, "FRA"), mention(s, 6, 6, "IRN")}})),
            Briefs{"111 FRA->IRN"});
  Document place = tree_doc(
      "In in ADP 3 case\n"
      "French French ADJ 3 amod\n"
      "towns town NOUN 4 obl\n"
      "criticised criticise VERB 0 root Tense=Past|VerbForm=Part|Voice=Pass\n"
      "Iran Iran PROPN 4 obj\n");
  const Sentence& p = place.sentences[0];
  EXPECT_TRUE(coder->code_document(place, {{mention(p, 1, 1, "FRA"), mention(p, 4, 4, "IRN")}}).empty());
}

TEST(EventCoderConstructions, AProtestParticipleOnANounInAClausePlaceIsTheVerb) {
  // "Hundreds of French farmers marched in Paris, police said", parsed with
  // "Hundreds" the reported clause and "marched" its participle modifier:
  // people are not marched, so the farmers marched. With an agent
  // ("prisoners marched by guards") the participle stays a passive.
  auto coder = coder_with("140 SRC [march] in TGT\n");
  Document doc = tree_doc(
      "Hundreds hundred NOUN 10 ccomp\n"
      "of of ADP 4 case\n"
      "French French ADJ 4 amod\n"
      "farmers farmer NOUN 1 nmod\n"
      "marched march VERB 1 acl Tense=Past|VerbForm=Part|Voice=Pass\n"
      "in in ADP 7 case\n"
      "Paris Paris PROPN 5 obl\n"
      ", , PUNCT 10 punct\n"
      "police police NOUN 10 nsubj\n"
      "said say VERB 0 root Tense=Past\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 2, 3, "FRACVL", "agent"), mention(s, 6, 6, "FRA")}})),
            Briefs{"140 FRACVL->FRA"});
  Document led = tree_doc(
      "Hundreds hundred NOUN 0 root\n"
      "of of ADP 4 case\n"
      "French French ADJ 4 amod\n"
      "prisoners prisoner NOUN 1 nmod\n"
      "marched march VERB 1 acl Tense=Past|VerbForm=Part|Voice=Pass\n"
      "by by ADP 7 case\n"
      "guards guard NOUN 5 obl:agent\n"
      "in in ADP 9 case\n"
      "Paris Paris PROPN 5 obl\n");
  const Sentence& l = led.sentences[0];
  EXPECT_TRUE(coder->code_document(led, {{mention(l, 2, 3, "FRACVL", "agent"), mention(l, 8, 8, "FRA")}}).empty());
}

TEST(EventCoderConstructions, AModifierWithASubjectOfItsOwnIsTheVerb) {
  // "Ethiopian troops shelled Somali positions near the border, officials
  // said", parsed with "troops" the subject of "shelled", "shelled" a
  // modifier of "positions" and "positions" the reported clause: a modifier
  // has no subject, so the participle is the verb and the noun its object.
  auto coder = coder_with("194 SRC [shell] TGT\n");
  Document doc = tree_doc(
      "Ethiopian Ethiopian ADJ 2 amod\n"
      "troops troops NOUN 3 nsubj\n"
      "shelled shell VERB 5 amod Tense=Past|VerbForm=Part|Voice=Pass\n"
      "Somali Somali ADJ 5 amod\n"
      "positions position NOUN 11 ccomp\n"
      "near near ADP 8 case\n"
      "the the DET 8 det\n"
      "border border NOUN 5 nmod\n"
      ", , PUNCT 11 punct\n"
      "officials official NOUN 11 nsubj\n"
      "said say VERB 0 root Tense=Past\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 1, "ETHMIL", "agent"), mention(s, 3, 3, "SOM")}})),
            Briefs{"194 ETHMIL->SOM"});
}

TEST(EventCoderConstructions, AWeaponThePatternNamesIsNoInferredTarget) {
  // "Syrian forces launched rockets against rebel villages": the matcher may
  // read "rockets" as an army of the document's country, but a weapon the
  // pattern names is what was launched, not at whom; the target is the
  // next actor of the complement.
  auto coder = coder_with("194 SRC [launch] rocket|artillery\n");
  Document doc = tree_doc(
      "Syrian Syrian ADJ 2 amod\n"
      "forces force NOUN 3 nsubj\n"
      "launched launch VERB 0 root\n"
      "rockets rocket NOUN 3 obj\n"
      "against against ADP 7 case\n"
      "rebel rebel NOUN 7 compound\n"
      "villages village NOUN 4 nmod\n");
  const Sentence& s = doc.sentences[0];
  auto events = coder->code_document(
      doc, {{mention(s, 0, 1, "SYRMIL", "agent"), mention(s, 3, 3, "TURMIL", "agent"), mention(s, 5, 5, "SYRREB", "agent")}});
  EXPECT_EQ(briefs(events), Briefs{"194 SYRMIL->SYRREB"});
}

TEST(EventCoderConstructions, AnEventNounNamingASubjectMatterIsNoEvent) {
  // "Officials listed issues of cooperation between Russia and India": the
  // cooperation is what the issues are about, not something that happened.
  auto coder = shipped_coder();
  const auto doc_with = [](const std::string& head_noun) {
    return tree_doc(
        "Officials official NOUN 2 nsubj\n"
        "listed list VERB 0 root Tense=Past\n" +
        head_noun +
        " NOUN 2 obj\n"
        "of of ADP 5 case\n"
        "cooperation cooperation NOUN 3 nmod\n"
        "between between ADP 7 case\n"
        "Russia Russia PROPN 5 nmod\n"
        "and and CCONJ 9 cc\n"
        "India India PROPN 7 conj\n");
  };
  for (const char* topic : {"issues issue", "questions question", "areas area"}) {
    Document doc = doc_with(topic);
    const Sentence& s = doc.sentences[0];
    EXPECT_TRUE(coder->code_document(doc, {{mention(s, 6, 6, "RUS"), mention(s, 8, 8, "IND")}}).empty()) << topic;
  }
  // The same cooperation as what was achieved is an event.
  Document results = doc_with("results result");
  const Sentence& r = results.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(results, {{mention(r, 6, 6, "RUS"), mention(r, 8, 8, "IND")}})),
            (Briefs{"050 RUS->IND"}));
}

TEST(EventCoderConstructions, ViolenceNobodyIsNamedForIsTheUnidentifiedForceOfItsPlace) {
  // "Three soldiers were killed near Kandahar": no doer written; the place
  // says whose unidentified armed force it was (AFGUAF).
  auto coder = coder_with("190 SRC [kill] TGT\n");
  const auto killed = [](const std::string& tail) {
    return tree_doc(
        "Three three NUM 2 nummod\n"
        "soldiers soldier NOUN 4 nsubj:pass\n"
        "were be AUX 4 aux:pass\n"
        "killed kill VERB 0 root Tense=Past|VerbForm=Part\n"
        "near near ADP 6 case\n"
        "Kandahar Kandahar PROPN 4 obl\n" +
        tail);
  };
  Document doc = killed("");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 1, "USAMIL", "agent"), mention(s, 5, 5, "AFG")}})),
            Briefs{"190 AFGUAF->USAMIL"});

  // A mishap named as the cause is nobody's attack.
  Document crash = killed(
      "in in ADP 9 case\n"
      "a a DET 9 det\n"
      "crash crash NOUN 4 obl\n");
  const Sentence& c = crash.sentences[0];
  EXPECT_TRUE(coder->code_document(crash, {{mention(c, 1, 1, "USAMIL", "agent"), mention(c, 5, 5, "AFG")}}).empty());

  // A doer written but unknown to the dictionaries ("we") is not an
  // unidentified force.
  Document we = tree_doc(
      "We we PRON 2 nsubj\n"
      "killed kill VERB 0 root Tense=Past\n"
      "three three NUM 4 nummod\n"
      "soldiers soldier NOUN 2 obj\n"
      "near near ADP 6 case\n"
      "Kandahar Kandahar PROPN 2 obl\n");
  const Sentence& w = we.sentences[0];
  EXPECT_TRUE(coder->code_document(we, {{mention(w, 3, 3, "USAMIL", "agent"), mention(w, 5, 5, "AFG")}}).empty());
}

TEST(EventCoderConstructions, ReportedViolenceThatCannotBeCodedIsTheReportersAccusation) {
  // "The US said that Iraq had attacked themselves": nobody else suffers
  // the attack; what is left to code is the US accusing Iraq (112).
  auto coder = coder_with("190 SRC [attack] TGT\n190 SRC [attack]\n");
  const auto said = [](const std::string& object) {
    return tree_doc(
        "The the DET 2 det\n"
        "US US PROPN 3 nsubj\n"
        "said say VERB 0 root Tense=Past\n"
        "that that SCONJ 7 mark\n"
        "Iraq Iraq PROPN 7 nsubj\n"
        "had have AUX 7 aux\n"
        "attacked attack VERB 3 ccomp Tense=Past|VerbForm=Part\n" +
        object);
  };
  Document self = said("themselves themselves PRON 7 obj\n");
  const Sentence& s = self.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(self, {{mention(s, 1, 1, "USA"), mention(s, 4, 4, "IRQ")}})),
            Briefs{"112 USA->IRQ"});

  // An actor attacked: the attack itself is coded, not the report.
  Document other = said("Kuwait Kuwait PROPN 7 obj\n");
  const Sentence& o = other.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(
                other, {{mention(o, 1, 1, "USA"), mention(o, 4, 4, "IRQ"), mention(o, 7, 7, "KWT")}})),
            Briefs{"190 IRQ->KWT"});

  // The reporter's own deed is no accusation: "Iraq said it had attacked
  // itself" stays the attack, with nobody else to suffer it.
  Document own = tree_doc(
      "Iraq Iraq PROPN 2 nsubj\n"
      "said say VERB 0 root Tense=Past\n"
      "it it PRON 5 nsubj\n"
      "had have AUX 5 aux\n"
      "attacked attack VERB 2 ccomp Tense=Past|VerbForm=Part\n"
      "itself itself PRON 5 obj\n");
  const Sentence& c = own.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(own, {{mention(c, 0, 0, "IRQ")}})), Briefs{"190 IRQ->-"});
}

TEST(EventCoderConstructions, AFiniteVerbHungOnANounPhraseAsAnAppositionHasItAsSubject) {
  // "Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov
  // today signed a treaty", parsed with the noun phrase as the root, the
  // verb as its apposition and the second name coordinated inside the
  // first's apposition: both leaders signed, each with the other.
  auto coder = coder_with("057 SRC [sign] treaty\n");
  Document doc = tree_doc(
      "Libyan Libyan ADJ 2 amod\n"
      "leader leader NOUN 0 root\n"
      "Muammar Muammar PROPN 2 appos\n"
      "Gaddafi Gaddafi PROPN 3 flat\n"
      "and and CCONJ 7 cc\n"
      "Bulgarian Bulgarian ADJ 7 amod\n"
      "President President PROPN 3 conj\n"
      "Zhivkov Zhivkov PROPN 7 flat\n"
      "today today NOUN 10 obl:tmod\n"
      "signed sign VERB 2 appos Tense=Past|VerbForm=Fin\n"
      "a a DET 12 det\n"
      "treaty treaty NOUN 10 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 3, "LBYGOV", "agent"), mention(s, 5, 7, "BGRGOV", "agent")}})),
            (Briefs{"057 BGRGOV->LBYGOV", "057 LBYGOV->BGRGOV"}));

  // A participle in apposition is a description, not a clause: "the
  // leader, accused of signing" has no subject from it.
  Document part = tree_doc(
      "Libyan Libyan ADJ 2 amod\n"
      "leader leader NOUN 0 root\n"
      "signing sign VERB 2 appos VerbForm=Ger\n"
      "a a DET 5 det\n"
      "treaty treaty NOUN 3 obj\n");
  const Sentence& p = part.sentences[0];
  EXPECT_TRUE(coder->code_document(part, {{mention(p, 0, 1, "LBYGOV", "agent")}}).empty());
}

TEST(EventCoderConstructions, WhatATextSaysIsItsAuthorsEvent) {
  // "The ministry issued a statement condemning Ukraine": the statement's
  // clause is the ministry's condemnation, and putting out the statement
  // gives way to it.
  auto coder = coder_with("010 SRC [issue] statement\n111 SRC [condemn] TGT\n112 SRC [accuse] TGT\n");
  const auto doc_with = [](const std::string& verb, const std::string& text, const std::string& clause) {
    return tree_doc(
        "The the DET 2 det\n"
        "ministry ministry NOUN 3 nsubj\n" +
        verb + " VERB 0 root Tense=Past\n" + text + " NOUN 3 obj\n" + clause +
        " VERB 4 acl VerbForm=Ger\n"
        "Ukraine Ukraine PROPN 5 obj\n");
  };
  Document doc = doc_with("issued issue", "statement statement", "condemning condemn");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 1, "RUSGOV", "agent"), mention(s, 5, 5, "UKR")}})),
            Briefs{"111 RUSGOV->UKR"});

  // Texts someone else put out are not the subject's: "the ministry denied
  // reports accusing Ukraine" is no accusation by the ministry.
  Document denied = doc_with("denied deny", "reports report", "accusing accuse");
  const Sentence& d = denied.sentences[0];
  EXPECT_TRUE(coder->code_document(denied, {{mention(d, 1, 1, "RUSGOV", "agent"), mention(d, 5, 5, "UKR")}}).empty());
}

TEST(EventCoderConstructions, ADateIsNoTargetSlot) {
  // "Israel eased restrictions on Thursday": the date does not fill "on TGT"
  // (which would leave a concession with nobody to concede to, and no
  // event); the pattern without a target codes the easing.
  auto coder = coder_with("081 SRC [ease] restriction on TGT\n081 SRC [ease] restriction\n");
  Document doc = tree_doc(
      "Israel Israel PROPN 2 nsubj\n"
      "eased ease VERB 0 root Tense=Past\n"
      "restrictions restriction NOUN 2 obj\n"
      "on on ADP 5 case\n"
      "Thursday Thursday PROPN 2 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "ISR")}})), Briefs{"081 ISR->-"});
  // A place or people in the slot are its target as before.
  Document gaza = tree_doc(
      "Israel Israel PROPN 2 nsubj\n"
      "eased ease VERB 0 root Tense=Past\n"
      "restrictions restriction NOUN 2 obj\n"
      "on on ADP 5 case\n"
      "Palestinians Palestinian PROPN 2 obl\n");
  const Sentence& g = gaza.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(gaza, {{mention(g, 0, 0, "ISR"), mention(g, 4, 4, "PSECVL", "agent")}})),
            Briefs{"081 ISR->PSECVL"});
}

TEST(EventCoderConstructions, APassivesAgentIsItsSubjectNotABySlot) {
  // "The proposal was rejected by India": India rejects; the "by TGT" of
  // "rejected a proposal by TGT" is not India's own proposal.
  auto coder = coder_with("120 SRC [reject] TGT\n120 SRC [reject] proposal by|from TGT\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "proposal proposal NOUN 4 nsubj:pass\n"
      "was be AUX 4 aux:pass\n"
      "rejected reject VERB 0 root Tense=Past|VerbForm=Part|Voice=Pass\n"
      "by by ADP 6 case\n"
      "India India PROPN 4 obl:agent\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 5, 5, "IND")}})), Briefs{"120 IND->-"});
}

TEST(EventCoderConstructions, APlacePrepositionOfADateIsNoPatternWord) {
  // "The EU's move was welcomed at the time by Beijing": no welcoming "at"
  // anywhere (043, hosting); the move is welcomed (051).
  auto coder = coder_with("043 SRC [welcome] TGT at *\n051 SRC [welcome] move\n");
  Document doc = tree_doc(
      "The the DET 2 det\n"
      "EU EU PROPN 4 nmod:poss\n"
      "'s 's PART 2 case\n"
      "move move NOUN 6 nsubj:pass\n"
      "was be AUX 6 aux:pass\n"
      "welcomed welcome VERB 0 root Tense=Past|VerbForm=Part|Voice=Pass\n"
      "at at ADP 9 case\n"
      "the the DET 9 det\n"
      "time time NOUN 6 obl\n"
      "by by ADP 11 case\n"
      "Beijing Beijing PROPN 6 obl:agent\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 1, 1, "IGOEUREEC", "igo"), mention(s, 10, 10, "CHNGOV")}})),
            Briefs{"051 CHNGOV->IGOEUREEC"});
}

TEST(EventCoderConstructions, LeadersOfABodyAreThatBody) {
  // "Leaders of the opposition coalition met Aliyev": "Leaders" alone only
  // has the document's government guessed for it; its "of" phrase names the
  // body they lead. "Victims of" a body are not that body.
  auto coder = coder_with("040 SRC [meet] TGT\n");
  const auto doc_with = [](const std::string& head_noun) {
    return tree_doc(head_noun +
                    " NOUN 6 nsubj\n"
                    "of of ADP 5 case\n"
                    "the the DET 5 det\n"
                    "opposition opposition NOUN 5 compound\n"
                    "coalition coalition NOUN 1 nmod\n"
                    "met meet VERB 0 root Tense=Past\n"
                    "Aliyev Aliyev PROPN 6 obj\n");
  };
  const auto mentions = [](const Sentence& s, const std::string& guessed) {
    ActorMention role = mention(s, 0, 0, guessed, "agent");
    role.resolved_by = "context";
    return std::vector<ActorMention>{role, mention(s, 3, 4, "AZEOPP", "agent"), mention(s, 6, 6, "AZEGOV", "person")};
  };
  Document leaders = doc_with("Leaders leader");
  EXPECT_EQ(briefs(coder->code_document(leaders, {mentions(leaders.sentences[0], "AZEGOV")})),
            Briefs{"040 AZEOPP->AZEGOV"});
  Document victims = doc_with("Victims victim");
  EXPECT_EQ(briefs(coder->code_document(victims, {mentions(victims.sentences[0], "AZECVL")})),
            Briefs{"040 AZECVL->AZEGOV"});
}

}  // namespace
}  // namespace kestrel
