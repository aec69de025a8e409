// The pipeline's events, actor mentions and document annotation become
// store records with nothing lost.
#include <gtest/gtest.h>

#include "actors/actors.h"
#include "doc/doc.h"
#include "events/events.h"
#include "store/store.h"
#include "store/store_fixtures.h"

namespace kestrel {
namespace {

TEST(StoreConvert, EventsAndMentionsKeepEveryField) {
  Diagnostics diag([](const Diagnostic&) {});
  auto patterns = EventPatterns::from_text("%kestrel-dict events 1\n040   SRC [meet] TGT\n", "p.txt", nullptr, diag);
  ASSERT_NE(patterns, nullptr);
  ASSERT_EQ(patterns->size(), 1u);
  Document doc = testing::store_doc("a", "Lukashenko met Xi in Beijing.", "2023-02-28");
  ASSERT_EQ(doc.sentences.size(), 1u);
  std::vector<std::vector<ActorMention>> mentions(1);
  ActorMention luka;
  luka.first = luka.last = luka.head = 0;
  luka.text = "Lukashenko";
  luka.code = "BLRGOV";
  luka.country = "BLR";
  luka.sector = "GOV";
  luka.entity = "alexander_lukashenko";
  luka.kind = "person";
  mentions[0].push_back(luka);

  Event e;
  e.sentence = 0;
  e.cameo = "040";
  e.goldstein = 1;
  e.quad_class = 1;
  e.plover_event = "CONSULT";
  EventActor src;
  src.text = "Lukashenko";
  src.code = "BLRGOV";
  src.country = "BLR";
  src.kind = "person";
  src.first = src.last = 0;
  src.start = 0;
  src.end = 10;
  src.role = "subject";
  e.source = src;
  e.modality = Modality::Future;
  e.start = 0;
  e.end = 29;
  e.trigger_start = 11;
  e.trigger_end = 14;
  e.trigger_token = 1;
  e.pattern = 0;
  e.note = "test";
  DocumentRecords r = make_records(doc, mentions, {e}, *patterns);
  ASSERT_EQ(r.actors.size(), 1u);
  EXPECT_EQ(r.actors[0].start, 0u);
  EXPECT_EQ(r.actors[0].end, 10u);
  EXPECT_EQ(r.actors[0].entity, "alexander_lukashenko");
  ASSERT_EQ(r.events.size(), 1u);
  const EventRecord& x = r.events[0];
  EXPECT_EQ(x.cameo, "040");
  EXPECT_EQ(x.modality, "future");
  EXPECT_EQ(x.pattern_code, "040");
  EXPECT_EQ(x.pattern_file, "p.txt");
  EXPECT_EQ(x.pattern_line, 2u);
  EXPECT_NE(x.pattern_text.find("meet"), std::string::npos);
  ASSERT_TRUE(x.source.has_value());
  EXPECT_EQ(x.source->role, "subject");
  EXPECT_FALSE(x.target.has_value());
  EXPECT_EQ(x.trigger_token, 1u);
  EXPECT_TRUE(x.date.empty());

  DocAnnotation ann;
  ann.publication.date = "2023-02-28";
  PlaceMention pm;
  pm.sentence = 0;
  pm.first = pm.last = 4;
  pm.text = "Beijing";
  pm.locative = true;
  pm.resolved.name = "Beijing";
  pm.resolved.country = "CHN";
  pm.resolved.geonames_id = 1816670;
  pm.resolved.lat = 39.9;
  pm.resolved.lon = 116.4;
  ann.places.push_back(pm);
  Quote q;
  q.text = "we met";
  q.speaker.name = "Xi";
  ann.quotes.push_back(q);
  Attribution a;
  a.source = "Nezavisimaya Gazeta";
  a.cites = "Rador";
  a.verb = "writes";
  a.sentence = 1;
  a.start = 321;
  a.end = 361;
  ann.attributions.push_back(a);
  add_document_layer(r, doc, ann);
  EXPECT_EQ(r.events[0].date, "2023-02-28");
  EXPECT_EQ(r.events[0].date_origin, "publication");
  ASSERT_TRUE(r.events[0].location.has_value());
  EXPECT_EQ(r.events[0].location->geonames_id, 1816670u);
  EXPECT_EQ(r.events[0].location_origin, "sentence");
  ASSERT_EQ(r.places.size(), 1u);
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_name, "Xi");
  ASSERT_EQ(r.attributions.size(), 1u);
  EXPECT_EQ(r.attributions[0].source, "Nezavisimaya Gazeta");
  EXPECT_EQ(r.attributions[0].cites, "Rador");
  EXPECT_EQ(r.attributions[0].verb, "writes");
  EXPECT_EQ(r.attributions[0].sentence, 1u);
  EXPECT_EQ(r.attributions[0].start, 321u);
  EXPECT_EQ(r.attributions[0].end, 361u);
}

}  // namespace
}  // namespace kestrel
