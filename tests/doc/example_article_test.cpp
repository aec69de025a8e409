// The document layer on the bundled example article (published 2023-02-28).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "doc/doc.h"

namespace kestrel {
namespace {

const Gazetteer& shipped_gazetteer() {
  static std::unique_ptr<Gazetteer> g = [] {
    std::string error;
    auto loaded = Gazetteer::load_default(error);
    EXPECT_TRUE(loaded) << error;
    return loaded;
  }();
  return *g;
}

struct Example {
  Document doc;
  DocAnnotation ann;
};

Example read_example(const std::string& date) {
  Diagnostics diag([](const Diagnostic&) {});
  ReadOptions options;
  options.default_date = date;
  DocumentReader reader({std::string(KESTREL_SOURCE_DIR) + "/examples/000_52d312ab3d952ff2.txt"}, options, diag);
  Example ex;
  EXPECT_TRUE(reader.next(ex.doc));
  prepare_document(ex.doc);
  ex.ann = DocumentLayer(&shipped_gazetteer()).annotate(ex.doc);
  return ex;
}

const Example& example() {
  static Example ex = read_example("2023-02-28");
  return ex;
}

std::uint32_t sentence_containing(const Document& doc, std::string_view needle) {
  for (std::uint32_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    if (doc.text.substr(s.start, s.end - s.start).find(needle) != std::string::npos) return i;
  }
  ADD_FAILURE() << "no sentence contains " << needle;
  return 0;
}

std::uint32_t word_index(const Sentence& s, std::string_view form) {
  for (std::uint32_t i = 0; i < s.tokens.size(); ++i)
    if (s.tokens[i].form == form) return i;
  ADD_FAILURE() << "no word " << form;
  return 0;
}

TEST(ExampleArticle, PublicationDateFromInput) {
  EXPECT_EQ(example().ann.publication.date, "2023-02-28");
  EXPECT_EQ(example().ann.publication.source, PublicationSource::Metadata);
  EXPECT_TRUE(example().ann.warnings.empty());
}

TEST(ExampleArticle, WithoutADateItWarnsAndStillWorks) {
  Example ex = read_example("");
  EXPECT_TRUE(ex.ann.publication.date.empty());
  ASSERT_EQ(ex.ann.warnings.size(), 1u);
  EXPECT_NE(ex.ann.warnings[0].find("no publication date"), std::string::npos);
  EXPECT_FALSE(ex.ann.places.empty());
  EXPECT_FALSE(ex.ann.quotes.empty());
  std::uint32_t s = sentence_containing(ex.doc, "extended sanctions");
  EventContext ctx = event_context(ex.doc, ex.ann, s, word_index(ex.doc.sentences[s], "extended"));
  EXPECT_TRUE(ctx.date.empty());
  EXPECT_EQ(ctx.date_origin, DateOrigin::None);
}

TEST(ExampleArticle, OnMondayIsTheDayBeforePublication) {
  const Example& ex = example();
  std::uint32_t s = sentence_containing(ex.doc, "extended sanctions");
  EventContext ctx = event_context(ex.doc, ex.ann, s, word_index(ex.doc.sentences[s], "extended"));
  EXPECT_EQ(ctx.date, "2023-02-27");
  EXPECT_EQ(ctx.date_resolution, DateResolution::Day);
  EXPECT_EQ(ctx.date_origin, DateOrigin::Relative);
  // A sentence without a date of its own takes the publication date.
  std::uint32_t other = sentence_containing(ex.doc, "Before the visit");
  EventContext pub = event_context(ex.doc, ex.ann, other, 0);
  EXPECT_EQ(pub.date, "2023-02-28");
  EXPECT_EQ(pub.date_origin, DateOrigin::Publication);
}

std::optional<PlaceMention> find_place(const DocAnnotation& ann, std::string_view text) {
  for (const auto& p : ann.places)
    if (p.text.find(text) != std::string::npos) return p;
  return std::nullopt;
}

TEST(ExampleArticle, PlacesAreLocated) {
  const Example& ex = example();
  std::optional<PlaceMention> beijing = find_place(ex.ann, "Beijing");
  ASSERT_TRUE(beijing);
  EXPECT_EQ(beijing->resolved.country, "CHN");
  EXPECT_EQ(beijing->resolved.geonames_id, 1816670u);
  EXPECT_NEAR(beijing->resolved.lat, 39.9, 0.1);
  EXPECT_NEAR(beijing->resolved.lon, 116.4, 0.1);

  std::optional<PlaceMention> minsk = find_place(ex.ann, "Minsk");
  ASSERT_TRUE(minsk);
  EXPECT_EQ(minsk->resolved.country, "BLR");
  EXPECT_EQ(minsk->resolved.geonames_id, 625144u);
  EXPECT_NEAR(minsk->resolved.lat, 53.9, 0.1);
  EXPECT_NEAR(minsk->resolved.lon, 27.57, 0.1);

  std::optional<PlaceMention> airfield = find_place(ex.ann, "Matsyulishchi");
  ASSERT_TRUE(airfield);
  EXPECT_EQ(airfield->text, "Matsyulishchi military airfield");
  EXPECT_EQ(airfield->resolved.country, "BLR");
  EXPECT_EQ(airfield->resolved.kind, PlaceKind::Landmark);
  EXPECT_EQ(airfield->resolved.feature, "AIRB");
  EXPECT_EQ(airfield->resolved.level, 5);
  // Machulishchy is some 14 km south of Minsk.
  EXPECT_NEAR(airfield->resolved.lat, 53.77, 0.05);
  EXPECT_NEAR(airfield->resolved.lon, 27.58, 0.05);

  // The drone attack happened at the airfield; the talks in Beijing.
  std::uint32_t s = sentence_containing(ex.doc, "drone attack");
  EventContext ctx = event_context(ex.doc, ex.ann, s, word_index(ex.doc.sentences[s], "attack"));
  ASSERT_TRUE(ctx.location);
  EXPECT_EQ(ctx.location->name, "Machulishchy Air Base");
  EXPECT_EQ(ctx.location_origin, LocationOrigin::Sentence);
  s = sentence_containing(ex.doc, "hold a series of meetings");
  ctx = event_context(ex.doc, ex.ann, s, word_index(ex.doc.sentences[s], "hold"));
  ASSERT_TRUE(ctx.location);
  EXPECT_EQ(ctx.location->name, "Beijing");
  // The caption's and the related-article bullet's words are not places.
  for (const auto& p : ex.ann.places) {
    SegmentKind k = ex.doc.sentences[p.sentence].kind;
    EXPECT_TRUE(k == SegmentKind::Body || k == SegmentKind::Title || k == SegmentKind::Dateline) << p.text;
  }
}

TEST(ExampleArticle, TyshkevichQuotesAreHis) {
  const Example& ex = example();
  int direct = 0;
  for (const Quote& q : ex.ann.quotes) {
    if (q.kind != QuoteKind::Direct) continue;
    ++direct;
    EXPECT_EQ(q.speaker.name, "Ihor Tyshkevich") << q.text;
  }
  EXPECT_EQ(direct, 3);
  auto quote_starting = [&](std::string_view prefix) -> std::optional<Quote> {
    for (const Quote& q : ex.ann.quotes)
      if (q.text.starts_with(prefix)) return q;
    return std::nullopt;
  };
  std::optional<Quote> telegram = quote_starting("China has decided");
  ASSERT_TRUE(telegram);
  EXPECT_EQ(telegram->speaker.text, "Political scientist Ihor Tyshkevich");
  EXPECT_EQ(telegram->speaker.link, SpeakerLink::Name);
  EXPECT_EQ(telegram->verb, "writes");
  EXPECT_EQ(ex.doc.text.substr(telegram->start, telegram->end - telegram->start), telegram->text);
  // Four sentences, with a quotation nested inside, attributed at the end.
  std::optional<Quote> long_quote = quote_starting("If the visit is successful");
  ASSERT_TRUE(long_quote);
  EXPECT_EQ(long_quote->speaker.text, "the expert");
  EXPECT_EQ(long_quote->speaker.link, SpeakerLink::Reference);
  EXPECT_GT(long_quote->last_sentence, long_quote->first_sentence);
  EXPECT_TRUE(long_quote->text.ends_with("does not care about the political regime"));
  // Indirect speech by surname resolves to the full name.
  std::optional<Quote> believes = quote_starting("if the greater openness");
  ASSERT_TRUE(believes);
  EXPECT_EQ(believes->kind, QuoteKind::Indirect);
  EXPECT_EQ(believes->speaker.name, "Ihor Tyshkevich");
}

TEST(ExampleArticle, AttributionChain) {
  const Example& ex = example();
  ASSERT_FALSE(ex.ann.attributions.empty());
  const Attribution& a = ex.ann.attributions[0];
  EXPECT_EQ(a.source, "Nezavisimaya Gazeta");
  EXPECT_EQ(a.cites, "Rador");
  EXPECT_EQ(a.verb, "writes");
  EXPECT_EQ(ex.doc.text.substr(a.start, a.end - a.start), "Nezavisimaya Gazeta writes, citing Rador");
}

TEST(ExampleArticle, Summary) {
  const Example& ex = example();
  SentenceMentions mentions(ex.doc.sentences.size());
  ActorMention lukashenko;
  lukashenko.text = "Oleksandr Lukashenko";
  lukashenko.code = "BLRGOV";
  lukashenko.entity = "Alexander Lukashenko";
  lukashenko.kind = "person";
  lukashenko.country = "BLR";
  mentions[0].push_back(lukashenko);
  mentions[8].push_back(lukashenko);
  nlohmann::json events = nlohmann::json::array({{{"code", "163"}}});
  nlohmann::json j = document_summary(ex.doc, ex.ann, mentions, events);
  EXPECT_EQ(j["doc_id"], "000_52d312ab3d952ff2");
  EXPECT_EQ(j["date"], "2023-02-28");
  EXPECT_EQ(j["sources"]["attributions"][0]["source"], "Nezavisimaya Gazeta");
  ASSERT_EQ(j["actors"].size(), 1u);
  EXPECT_EQ(j["actors"][0]["mentions"], 2);
  bool beijing = false;
  for (const auto& p : j["places"])
    if (p["name"] == "Beijing") {
      beijing = true;
      EXPECT_EQ(p["geonames_id"], 1816670);
      EXPECT_EQ(p["country"], "CHN");
      EXPECT_TRUE(p["lat"].is_number());
    }
  EXPECT_TRUE(beijing);
  EXPECT_FALSE(j["quotes"].empty());
  EXPECT_EQ(j["quotes"][0]["speaker"].is_null(), false);
  EXPECT_EQ(j["events"], events);
}

// As `kestrel code` runs it: with the actor stage's mentions, which mark
// "Beijing" as China (a state, still a place) and name Tyshkevich.
TEST(ExampleArticle, WithTheActorStagesMentions) {
  Example ex = read_example("2023-02-28");
  Diagnostics diag([](const Diagnostic&) {});
  std::string error;
  auto matcher = ActorMatcher::load_default(diag, error);
  ASSERT_TRUE(matcher) << error;
  SentenceMentions mentions = matcher->match(ex.doc);
  DocAnnotation ann = DocumentLayer(&shipped_gazetteer()).annotate(ex.doc, mentions);
  for (std::string_view name : {"Beijing", "Minsk", "Matsyulishchi"}) {
    std::optional<PlaceMention> p = find_place(ann, name);
    ASSERT_TRUE(p) << name;
    EXPECT_EQ(p->resolved.country, std::string(name) == "Beijing" ? "CHN" : "BLR") << name;
    EXPECT_TRUE(p->resolved.has_coordinates()) << name;
  }
  int direct = 0;
  for (const Quote& q : ann.quotes) {
    if (q.kind != QuoteKind::Direct) continue;
    ++direct;
    EXPECT_EQ(q.speaker.entity, "blr.tyshkevich.ihar") << q.text;
    EXPECT_EQ(q.speaker.code, "BLRELI") << q.text;
    EXPECT_NE(q.speaker.name.find("Tyshkevich"), std::string::npos) << q.text;
  }
  EXPECT_EQ(direct, 3);
  std::uint32_t s = sentence_containing(ex.doc, "extended sanctions");
  EventContext ctx = event_context(ex.doc, ann, s, word_index(ex.doc.sentences[s], "extended"));
  EXPECT_EQ(ctx.date, "2023-02-27");
  EXPECT_EQ(ctx.date_origin, DateOrigin::Relative);
}

TEST(ExampleArticle, RunDateStandsInOnlyWhenGiven) {
  Example ex = read_example("");
  DocAnnotation ann = DocumentLayer(&shipped_gazetteer(), "2026-11-29").annotate(ex.doc);
  EXPECT_EQ(ann.publication.date, "2026-11-29");
  EXPECT_EQ(ann.publication.source, PublicationSource::RunDate);
  ASSERT_EQ(ann.warnings.size(), 1u);
  EXPECT_NE(ann.warnings[0].find("dated by the run date"), std::string::npos);
  std::uint32_t s = sentence_containing(ex.doc, "Before the visit");
  EventContext ctx = event_context(ex.doc, ann, s, 0);
  EXPECT_EQ(ctx.date, "2026-11-29");
  EXPECT_EQ(ctx.date_origin, DateOrigin::RunDate);
  EXPECT_EQ(event_context_json(ctx)["date_origin"], "run_date");
  // A document with a date of its own ignores the fallback.
  DocAnnotation dated = DocumentLayer(&shipped_gazetteer(), "2026-11-29").annotate(example().doc);
  EXPECT_EQ(dated.publication.date, "2023-02-28");
  EXPECT_EQ(dated.publication.source, PublicationSource::Metadata);
}

}  // namespace
}  // namespace kestrel
