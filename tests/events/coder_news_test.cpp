// Constructions of everyday news (business, markets, appointments) that read
// like political events to a pattern coder, one per test, each on a sentence
// of its own (hand-built UD trees, hand-made mentions; the shipped patterns
// where a test is about the dictionary).
#include <gtest/gtest.h>

#include <algorithm>

#include "events/simple_actors.h"

namespace kestrel {
namespace {

using testing::Briefs;
using testing::briefs;
using testing::coder_with;
using testing::mention;
using testing::shipped_coder;
using testing::tree_doc;


TEST(EventCoderNews, GoingToWithAnInfinitiveIsAFutureNotAJourney) {
  // "The Danish firm is going to ship turbines to Poland": no visit to
  // Poland; "The Danish minister is going to Poland" is one.
  auto coder = coder_with("042 SRC [go] to TGT\n");
  Document doc = tree_doc(
      "The the DET 3 det\n"
      "Danish Danish ADJ 3 amod\n"
      "firm firm NOUN 5 nsubj\n"
      "is be AUX 5 aux\n"
      "going go VERB 0 root VerbForm=Ger\n"
      "to to PART 7 mark\n"
      "ship ship VERB 5 xcomp VerbForm=Inf\n"
      "turbines turbine NOUN 7 obj\n"
      "to to ADP 10 case\n"
      "Poland Poland PROPN 7 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_TRUE(coder->code_document(doc, {{mention(s, 1, 2, "DNKBUS", "agent"), mention(s, 9, 9, "POL")}}).empty());
  Document trip = tree_doc(
      "The the DET 3 det\n"
      "Danish Danish ADJ 3 amod\n"
      "minister minister NOUN 5 nsubj\n"
      "is be AUX 5 aux\n"
      "going go VERB 0 root VerbForm=Ger\n"
      "to to ADP 7 case\n"
      "Poland Poland PROPN 5 obl\n");
  const Sentence& t = trip.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(trip, {{mention(t, 1, 2, "DNKGOV", "agent"), mention(t, 6, 6, "POL")}})),
            Briefs{"042 DNKGOV->POL"});
}

TEST(EventCoderNews, AnAmountIsNoObject) {
  // "Japanese bond yields closed up 3%": a sum or percentage says how much,
  // it is nobody closed down; "Japan closed its ports" still codes.
  auto coder = coder_with("172 SRC [close] TGT\n");
  Document doc = tree_doc(
      "Japanese Japanese ADJ 3 amod\n"
      "bond bond NOUN 3 compound\n"
      "yields yield NOUN 4 nsubj\n"
      "closed close VERB 0 root\n"
      "up up ADP 4 compound:prt\n"
      "3 3 NUM 7 nummod\n"
      "% % SYM 4 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_TRUE(coder->code_document(doc, {{mention(s, 0, 0, "JPN")}}).empty());
  Document ports = tree_doc(
      "Japan Japan PROPN 2 nsubj\n"
      "closed close VERB 0 root\n"
      "its its PRON 4 nmod:poss\n"
      "ports port NOUN 2 obj\n");
  const Sentence& p = ports.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(ports, {{mention(p, 0, 0, "JPN")}})), Briefs{"172 JPN->-"});
}

TEST(EventCoderNews, IdiomsOfTakeSeizeNothing) {
  // The shipped patterns: "The Dutch regulator took no action against the
  // bank", "In 2010 the Belgian banker took over the reins at the insurer"
  // are no seizures; "Malian rebels took over the airport" is one.
  auto coder = shipped_coder();
  ASSERT_TRUE(coder);
  Document action = tree_doc(
      "The the DET 3 det\n"
      "Dutch Dutch ADJ 3 amod\n"
      "regulator regulator NOUN 4 nsubj\n"
      "took take VERB 0 root\n"
      "no no DET 6 det\n"
      "action action NOUN 4 obj\n"
      "from from ADP 9 case\n"
      "the the DET 9 det\n"
      "bank bank NOUN 4 obl\n");
  const Sentence& a = action.sentences[0];
  EXPECT_TRUE(coder->code_document(action, {{mention(a, 1, 2, "NLDGOV", "agent")}}).empty());
  Document reins = tree_doc(
      "the the DET 3 det\n"
      "Belgian Belgian ADJ 3 amod\n"
      "banker banker NOUN 4 nsubj\n"
      "took take VERB 0 root\n"
      "over over ADP 7 case\n"
      "the the DET 7 det\n"
      "reins rein NOUN 4 obj\n"
      "at at ADP 10 case\n"
      "the the DET 10 det\n"
      "insurer insurer NOUN 7 nmod\n");
  const Sentence& r = reins.sentences[0];
  EXPECT_TRUE(coder->code_document(reins, {{mention(r, 1, 2, "BELBUS", "agent")}}).empty());
  Document airport = tree_doc(
      "Malian Malian ADJ 2 amod\n"
      "rebels rebel NOUN 3 nsubj\n"
      "took take VERB 0 root\n"
      "over over ADP 3 compound:prt\n"
      "the the DET 6 det\n"
      "airport airport NOUN 3 obj\n");
  const Sentence& p = airport.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(airport, {{mention(p, 0, 1, "MLIREB", "agent")}})), Briefs{"192 MLIREB->-"});
}

TEST(EventCoderNews, WelcomingADecisionToActIsEndorsingIt) {
  // The shipped patterns: "Exporters welcomed the Swiss central bank's
  // decision to cut rates" endorses the bank (051); it does not host it
  // (043, "welcome X to ...").
  auto coder = shipped_coder();
  ASSERT_TRUE(coder);
  Document doc = tree_doc(
      "Exporters exporter NOUN 2 nsubj\n"
      "welcomed welcome VERB 0 root\n"
      "the the DET 6 det\n"
      "Swiss Swiss ADJ 6 amod\n"
      "central central ADJ 6 amod\n"
      "bank bank NOUN 8 nmod:poss\n"
      "'s 's PART 6 case\n"
      "decision decision NOUN 2 obj\n"
      "to to PART 10 mark\n"
      "cut cut VERB 8 acl VerbForm=Inf\n"
      "rates rate NOUN 10 obj\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "CHEBUS", "agent"), mention(s, 3, 5, "CHEGOV", "agent")}})),
            Briefs{"051 CHEBUS->CHEGOV"});
}

TEST(EventCoderNews, APresentPerfectRelativeClauseOnItsDoerIsBackground) {
  // "Sudan talked to the militia that has seized ports in Darfur": the
  // clause characterises the militia, the talks are the news. Dated ("that
  // seized ... on Monday", "has seized ... on Monday") it is news itself.
  auto coder = coder_with("192 SRC [seize] TGT\n040 SRC [talk] to TGT\n");
  auto sentence = [](const std::string& tail) {
    return tree_doc(
        "Sudan Sudan PROPN 2 nsubj\n"
        "talked talk VERB 0 root\n"
        "to to ADP 5 case\n"
        "the the DET 5 det\n"
        "militia militia NOUN 2 obl\n"
        "that that PRON 8 nsubj PronType=Rel\n"
        "has have AUX 8 aux\n"
        "seized seize VERB 5 acl:relcl VerbForm=Part|Tense=Past\n"
        "ports port NOUN 8 obj\n"
        "in in ADP 11 case\n"
        "Darfur Darfur PROPN 9 nmod\n" + tail);
  };
  Document doc = sentence("");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "SDNGOV", "state"), mention(s, 4, 4, "SDNREB", "agent"),
                                               mention(s, 10, 10, "SDN")}})),
            Briefs{"040 SDNGOV->SDNREB"});
  Document dated = sentence("on on ADP 13 case\nMonday Monday PROPN 8 obl\n");
  const Sentence& d = dated.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(dated, {{mention(d, 0, 0, "SDNGOV", "state"), mention(d, 4, 4, "SDNREB", "agent"),
                                                 mention(d, 10, 10, "SDN")}})),
            (Briefs{"040 SDNGOV->SDNREB", "192 SDNREB->SDN"}));
}

TEST(EventCoderNews, ASimplePresentRelativeClauseIsAHabit) {
  // "Kenya condemned the shells the militia fires at Mandera": the firing
  // is a habit that characterises the shells (and the militia); the
  // condemnation is the news.
  auto coder = coder_with("193 SRC [fire] at TGT\n111 SRC [condemn] TGT\n");
  Document doc = tree_doc(
      "Kenya Kenya PROPN 2 nsubj\n"
      "condemned condemn VERB 0 root\n"
      "the the DET 4 det\n"
      "shells shell NOUN 2 obj\n"
      "the the DET 6 det\n"
      "militia militia NOUN 7 nsubj\n"
      "fires fire VERB 4 acl:relcl Tense=Pres|VerbForm=Fin\n"
      "at at ADP 9 case\n"
      "Mandera Mandera PROPN 7 obl\n");
  const Sentence& s = doc.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(doc, {{mention(s, 0, 0, "KEN"), mention(s, 5, 5, "SOMREB", "group"),
                                               mention(s, 8, 8, "KEN")}})),
            Briefs{"111 KEN->-"});
  // In the past it is an event of its own.
  Document past = tree_doc(
      "Kenya Kenya PROPN 2 nsubj\n"
      "condemned condemn VERB 0 root\n"
      "the the DET 4 det\n"
      "shells shell NOUN 2 obj\n"
      "the the DET 6 det\n"
      "militia militia NOUN 7 nsubj\n"
      "fired fire VERB 4 acl:relcl Tense=Past|VerbForm=Fin\n"
      "at at ADP 9 case\n"
      "Mandera Mandera PROPN 7 obl\n");
  const Sentence& p = past.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(past, {{mention(p, 0, 0, "KEN"), mention(p, 5, 5, "SOMREB", "group"),
                                                mention(p, 8, 8, "KEN")}})),
            (Briefs{"111 KEN->-", "193 SOMREB->KEN"}));
}

TEST(EventCoderNews, ThePressToldIsTheChannelNotTheCounterpart) {
  // "The Greek minister told Irish radio ..." (or "Irish reporters") is no
  // statement to Ireland's media; "told the Irish envoy" is one to Ireland.
  auto coder = coder_with("010 SRC [tell] TGT\n");
  auto told = [](const std::string& who) {
    return tree_doc(
        "The the DET 3 det\n"
        "Greek Greek ADJ 3 amod\n"
        "minister minister NOUN 4 nsubj\n"
        "told tell VERB 0 root\n"
        "Irish Irish ADJ 6 amod\n" +
        who + " NOUN 4 obj\n");
  };
  Document radio = told("radio radio");
  const Sentence& r = radio.sentences[0];
  EXPECT_TRUE(coder->code_document(radio, {{mention(r, 1, 2, "GRCGOV", "agent"), mention(r, 4, 5, "IRLMED", "agent")}})
                  .empty());
  Document reporters = told("reporters reporter");
  const Sentence& j = reporters.sentences[0];
  EXPECT_TRUE(
      coder->code_document(reporters, {{mention(j, 1, 2, "GRCGOV", "agent"), mention(j, 4, 5, "IRLJRN", "agent")}})
          .empty());
  Document envoy = told("envoy envoy");
  const Sentence& e = envoy.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(envoy, {{mention(e, 1, 2, "GRCGOV", "agent"), mention(e, 4, 5, "IRLGOV", "agent")}})),
            Briefs{"010 GRCGOV->IRLGOV"});
}

TEST(EventCoderNews, MarketsCloseAndJobsAreTakenWithoutCoercion) {
  // The shipped patterns: "Japan's Nikkei index closed the session higher"
  // closes nothing.
  auto coder = shipped_coder();
  ASSERT_TRUE(coder);
  Document index = tree_doc(
      "Japan Japan PROPN 4 nmod:poss\n"
      "'s 's PART 1 case\n"
      "Nikkei Nikkei PROPN 4 compound\n"
      "index index NOUN 5 nsubj\n"
      "closed close VERB 0 root\n"
      "the the DET 7 det\n"
      "session session NOUN 5 obj\n"
      "higher higher ADV 5 advmod\n");
  const Sentence& i = index.sentences[0];
  EXPECT_TRUE(coder->code_document(index, {{mention(i, 0, 0, "JPN")}}).empty());
  // "took the job at the Bank of Norway": a job, whatever its place's name
  // ("bank" is a place taken in "took the West Bank").
  Document job = tree_doc(
      "Olsen Olsen PROPN 2 nsubj\n"
      "took take VERB 0 root\n"
      "the the DET 4 det\n"
      "job job NOUN 2 obj\n"
      "at at ADP 7 case\n"
      "the the DET 7 det\n"
      "Bank Bank PROPN 4 nmod\n"
      "of of ADP 9 case\n"
      "Norway Norway PROPN 7 nmod\n");
  const Sentence& j = job.sentences[0];
  EXPECT_TRUE(coder->code_document(job, {{mention(j, 0, 0, "NORBUS", "person"), mention(j, 6, 8, "NORBUS", "organization")}})
                  .empty());
}

TEST(EventCoderNews, StruckByAQualityIsImpressedNotHit) {
  // The shipped patterns: "The Welsh minister was struck by the scale of
  // the damage" is no attack; "struck by Israeli aircraft" is one.
  auto coder = shipped_coder();
  ASSERT_TRUE(coder);
  auto struck = [](const std::string& by) {
    return tree_doc(
        "The the DET 3 det\n"
        "Welsh Welsh ADJ 3 amod\n"
        "minister minister NOUN 5 nsubj:pass\n"
        "was be AUX 5 aux:pass\n"
        "struck strike VERB 0 root VerbForm=Part|Voice=Pass\n"
        "by by ADP 8 case\n"
        "the the DET 8 det\n" +
        by + " NOUN 5 obl:agent\n");
  };
  Document scale = struck("scale scale");
  const Sentence& s = scale.sentences[0];
  EXPECT_TRUE(coder->code_document(scale, {{mention(s, 1, 2, "GBRGOV", "agent")}}).empty());
  Document aircraft = struck("aircraft aircraft");
  const Sentence& a = aircraft.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(aircraft, {{mention(a, 1, 2, "GBRGOV", "agent"), mention(a, 7, 7, "ISRMIL", "agent")}})),
            Briefs{"190 ISRMIL->GBRGOV"});
}

TEST(EventCoderNews, ReceivingAThingIsNoHosting) {
  // The shipped patterns: "Nepal receives IMF support" does not host the
  // IMF; "Nepal received the IMF delegation" does.
  auto coder = shipped_coder();
  ASSERT_TRUE(coder);
  auto received = [](const std::string& what) {
    return tree_doc(
        "Nepal Nepal PROPN 2 nsubj\n"
        "received receive VERB 0 root\n"
        "the the DET 5 det\n"
        "IMF IMF PROPN 5 compound\n" +
        what + " NOUN 2 obj\n");
  };
  Document support = received("support support");
  const Sentence& s = support.sentences[0];
  EXPECT_TRUE(coder->code_document(support, {{mention(s, 0, 0, "NPL"), mention(s, 3, 3, "IGOUNOBUSIMF", "igo")}}).empty());
  Document delegation = received("delegation delegation");
  const Sentence& d = delegation.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(delegation, {{mention(d, 0, 0, "NPL"), mention(d, 3, 4, "IGOUNOBUSIMF", "igo")}})),
            (Briefs{"042 IGOUNOBUSIMF->NPL", "043 NPL->IGOUNOBUSIMF"}));
}

TEST(EventCoderNews, SwitchingSomethingOnIsNoAssault) {
  // The shipped patterns: "Danish banks turned on the security functions"
  // assault nobody; "Danish police turned on the protesters" is 182.
  auto coder = shipped_coder();
  ASSERT_TRUE(coder);
  auto turned = [](const std::string& what) {
    return tree_doc(
        "Danish Danish ADJ 2 amod\n"
        "police police NOUN 3 nsubj\n"
        "turned turn VERB 0 root\n"
        "on on ADP 3 compound:prt\n"
        "the the DET 6 det\n" +
        what + " NOUN 3 obj\n");
  };
  Document functions = turned("functions function");
  const Sentence& f = functions.sentences[0];
  EXPECT_TRUE(coder->code_document(functions, {{mention(f, 0, 1, "DNKCOP", "agent")}}).empty());
  Document protesters = turned("protesters protester");
  const Sentence& p = protesters.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(protesters, {{mention(p, 0, 1, "DNKCOP", "agent"), mention(p, 5, 5, "DNKCVL", "agent")}})),
            Briefs{"175 DNKCOP->DNKCVL"});
}

TEST(EventCoderNews, BailingOutOfADealIsNoRescue) {
  // The shipped patterns: "the Italian insurer bailed out of the bid for the
  // Spanish bank" withdraws from the bid, it aids nobody; "the Italian
  // government bailed out the Spanish bank" is 071.
  auto coder = shipped_coder();
  ASSERT_TRUE(coder);
  Document quit = tree_doc(
      "The the DET 3 det\n"
      "Italian Italian ADJ 3 amod\n"
      "insurer insurer NOUN 4 nsubj\n"
      "bailed bail VERB 0 root\n"
      "out out ADP 8 case\n"  // as the model parses it
      "of of ADP 8 case\n"
      "the the DET 8 det\n"
      "bid bid NOUN 4 obl\n"
      "for for ADP 12 case\n"
      "the the DET 12 det\n"
      "Spanish Spanish ADJ 12 amod\n"
      "bank bank NOUN 8 nmod\n");
  const Sentence& q = quit.sentences[0];
  EXPECT_TRUE(coder->code_document(quit, {{mention(q, 1, 2, "ITABUS", "agent"), mention(q, 10, 11, "ESPBUS", "agent")}}).empty());
  Document rescue = tree_doc(
      "The the DET 3 det\n"
      "Italian Italian ADJ 3 amod\n"
      "government government NOUN 4 nsubj\n"
      "bailed bail VERB 0 root\n"
      "out out ADP 4 compound:prt\n"
      "the the DET 8 det\n"
      "Spanish Spanish ADJ 8 amod\n"
      "bank bank NOUN 4 obj\n");
  const Sentence& r = rescue.sentences[0];
  EXPECT_EQ(briefs(coder->code_document(rescue, {{mention(r, 1, 2, "ITAGOV", "agent"), mention(r, 6, 7, "ESPBUS", "agent")}})),
            Briefs{"071 ITAGOV->ESPBUS"});
}

}  // namespace
}  // namespace kestrel
