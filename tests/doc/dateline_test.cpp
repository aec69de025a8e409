// Publication dates from JSONL metadata and from datelines, and the dateline
// as an event's fallback location.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "doc/doc.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

const Gazetteer* gazetteer() {
  static std::unique_ptr<Gazetteer> g = [] {
    std::string error;
    return Gazetteer::load_default(error);
  }();
  return g.get();
}

Document from_jsonl(const std::string& line) {
  testing::TempDir dir;
  Diagnostics diag([](const Diagnostic&) {});
  DocumentReader reader({dir.write("test.jsonl", line + "\n")}, {}, diag);
  Document doc;
  EXPECT_TRUE(reader.next(doc));
  prepare_document(doc);
  return doc;
}

TEST(PublicationDate, FromJsonlMetadata) {
  Document doc = from_jsonl(R"({"id": "a", "date": "2023-02-28T09:00:00Z", "text": "Talks resumed on Monday."})");
  DocAnnotation ann = DocumentLayer(gazetteer()).annotate(doc);
  EXPECT_EQ(ann.publication.date, "2023-02-28");
  EXPECT_EQ(ann.publication.source, PublicationSource::Metadata);
  ASSERT_EQ(ann.times.size(), 1u);
  EXPECT_EQ(ann.times[0].date, "2023-02-27");
}

TEST(PublicationDate, FromDatelineWithYearAndItsPlace) {
  Document doc;
  doc.id = "d";
  doc.text = "MINSK, Nov 28, 2022 (Reuters) - Police detained dozens of protesters on Sunday, a rights group said.";
  prepare_document(doc);
  Diagnostics diag([](const Diagnostic&) {});
  DocAnnotation ann = DocumentLayer(gazetteer()).annotate(doc, {}, &diag);
  EXPECT_EQ(ann.publication.date, "2022-11-28");
  EXPECT_EQ(ann.publication.source, PublicationSource::Dateline);
  EXPECT_EQ(diag.warnings(), 0u);
  ASSERT_TRUE(ann.dateline_place.has_value());
  EXPECT_EQ(ann.places[*ann.dateline_place].resolved.name, "Minsk");
  ASSERT_FALSE(ann.attributions.empty());
  EXPECT_EQ(ann.attributions[0].source, "Reuters");
  // The event's sentence names no place: the dateline's stands in.
  std::uint32_t body = 0;
  while (body < doc.sentences.size() && doc.sentences[body].kind != SegmentKind::Body) ++body;
  ASSERT_LT(body, doc.sentences.size());
  EventContext ctx = event_context(doc, ann, body, 1);
  ASSERT_TRUE(ctx.location.has_value());
  EXPECT_EQ(ctx.location->country, "BLR");
  EXPECT_EQ(ctx.location_origin, LocationOrigin::Dateline);
  EXPECT_EQ(ctx.date, "2022-11-27");  // Sunday before a Monday dateline
}

TEST(PublicationDate, NoneAnywhereWarnsOnce) {
  Document doc;
  doc.id = "n";
  doc.path = "n.txt";
  doc.text = "The ministers met in Brussels last week.";
  prepare_document(doc);
  Diagnostics diag([](const Diagnostic&) {});
  DocAnnotation ann = DocumentLayer(gazetteer()).annotate(doc, {}, &diag);
  EXPECT_EQ(diag.warnings(), 1u);
  ASSERT_EQ(ann.times.size(), 1u);
  EXPECT_TRUE(ann.times[0].date.empty());  // "last week" of an unknown date
  EventContext ctx = event_context(doc, ann, 0, 1);
  EXPECT_TRUE(ctx.date.empty());
  nlohmann::json j = event_context_json(ctx);
  EXPECT_TRUE(j["date"].is_null());
  EXPECT_EQ(j["location"]["name"], "Brussels");
}

TEST(EventContext, DateAttachedToTheTriggerWins) {
  Document doc;
  doc.id = "p";
  doc.date = "2023-02-28";
  doc.text = "On Monday the EU extended sanctions that it first imposed in 2020.";
  prepare_document(doc);
  DocAnnotation ann = DocumentLayer(gazetteer()).annotate(doc);
  ASSERT_EQ(ann.times.size(), 2u);
  // Without a parse the nearest expression wins: "imposed" takes 2020.
  const Sentence& s = doc.sentences[0];
  std::uint32_t imposed = 0;
  for (std::uint32_t i = 0; i < s.tokens.size(); ++i)
    if (s.tokens[i].form == "imposed") imposed = i;
  EXPECT_EQ(event_context(doc, ann, 0, imposed).date, "2020");
  // With a parse, "on Monday" attached to "extended" wins even when farther.
  Document parsed = doc;
  for (auto& t : parsed.sentences[0].tokens) t.head = 0;
  std::uint32_t extended = 0;
  for (std::uint32_t i = 0; i < s.tokens.size(); ++i)
    if (s.tokens[i].form == "extended") extended = i;
  parsed.sentences[0].tokens[1].head = static_cast<int>(extended) + 1;  // Monday -> extended
  EventContext ctx = event_context(parsed, ann, 0, extended);
  EXPECT_EQ(ctx.date, "2023-02-27");
  EXPECT_EQ(ctx.date_origin, DateOrigin::Relative);
}

}  // namespace
}  // namespace kestrel
