// Test helpers for the store: small documents segmented by the text stage
// and hand-made event records pointing into them.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"
#include "text/text.h"

namespace kestrel::testing {

inline Document store_doc(const std::string& id, const std::string& text, const std::string& date,
                          const std::string& url = "", const std::string& source = "") {
  Document doc;
  doc.id = id;
  doc.path = id + ".txt";
  doc.text = text;
  doc.date = date;
  doc.url = url;
  doc.source = source;
  prepare_document(doc);
  return doc;
}

inline StoredActor actor(const Document& doc, const std::string& surface, const std::string& code,
                         const std::string& country, const std::string& sector = "", const std::string& entity = "",
                         const std::string& name = "", const std::string& kind = "state") {
  StoredActor a;
  a.text = surface;
  a.code = code;
  a.country = country;
  a.sector = sector;
  a.entity = entity;
  a.name = name;
  a.kind = kind;
  a.role = "subject";
  auto at = doc.text.find(surface);
  if (at != std::string::npos) {
    a.start = static_cast<std::uint32_t>(at);
    a.end = static_cast<std::uint32_t>(at + surface.size());
  }
  return a;
}

// An event in sentence `sentence` whose trigger is the first occurrence of
// `trigger` in that sentence; the evidence is the whole sentence.
inline EventRecord event(const Document& doc, std::uint32_t sentence, const std::string& cameo,
                         std::optional<StoredActor> source, std::optional<StoredActor> target,
                         const std::string& trigger, double goldstein = 0, int quad = 1,
                         const std::string& plover = "") {
  EventRecord e;
  e.sentence = sentence;
  e.cameo = cameo;
  e.goldstein = goldstein;
  e.quad_class = quad;
  e.plover_event = plover;
  e.source = std::move(source);
  e.target = std::move(target);
  const Sentence& s = doc.sentences.at(sentence);
  e.start = s.start;
  e.end = s.end;
  auto at = doc.text.find(trigger, s.start);
  if (at != std::string::npos) {
    e.trigger_start = static_cast<std::uint32_t>(at);
    e.trigger_end = static_cast<std::uint32_t>(at + trigger.size());
  }
  e.pattern_code = cameo;
  e.pattern_text = "* " + trigger + " +";
  e.pattern_file = "patterns-test.txt";
  e.pattern_line = 1;
  return e;
}

inline ActorMentionRecord mention_of(const StoredActor& a, std::uint32_t sentence) {
  ActorMentionRecord m;
  m.sentence = sentence;
  m.start = a.start;
  m.end = a.end;
  m.text = a.text;
  m.code = a.code;
  m.country = a.country;
  m.sector = a.sector;
  m.entity = a.entity;
  m.entity_name = a.name;
  m.kind = a.kind;
  m.resolved_by = "dictionary";
  return m;
}

// Three reports of one meeting (two outlets), an attack, an undated condemnation.
struct Corpus {
  std::vector<Document> docs;
  std::vector<DocumentRecords> records;

  Corpus() {
    Document a = store_doc("a", "Belarus accused China of spying. Lukashenko met Xi Jinping in Beijing on Tuesday.",
                           "2023-02-28", "https://www.reuters.com/a", "");
    Document b = store_doc("b", "Lukashenko met Xi in Beijing, officials said.", "2023-03-01",
                           "https://apnews.com/b", "AP");
    Document c = store_doc("c", "Xi and Lukashenko met. Lukashenko then met Xi again.", "2023-02-28",
                           "https://reuters.com/c", "");
    Document d = store_doc("d", "Russian troops attacked Ukraine.", "2023-04-10", "", "");
    Document e = store_doc("e", "France condemned Iran. France condemned Iran again.", "", "", "");
    auto meet = [](const Document& doc, std::uint32_t s, const std::string& luka, const std::string& xi) {
      auto src = actor(doc, luka, "BLRGOV", "BLR", "GOV", "alexander_lukashenko", "Alexander Lukashenko", "person");
      auto tgt = actor(doc, xi, "CHNGOV", "CHN", "GOV", "xi_jinping", "Xi Jinping", "person");
      EventRecord ev = event(doc, s, "040", src, tgt, "met", 1.0, 1, "CONSULT");
      StoredPlace beijing;
      beijing.geonames_id = 1816670;
      beijing.name = "Beijing";
      beijing.country = "CHN";
      beijing.kind = "city";
      beijing.level = 4;
      beijing.lat = 39.9075;
      beijing.lon = 116.39723;
      if (doc.text.find("Beijing") != std::string::npos) ev.location = beijing;
      return ev;
    };
    DocumentRecords ra, rb, rc, rd, re;
    {
      auto blr = actor(a, "Belarus", "BLR", "BLR");
      auto chn = actor(a, "China", "CHN", "CHN");
      ra.events.push_back(event(a, 0, "112", blr, chn, "accused", -2.0, 3, "ACCUSE"));
      ra.events.push_back(meet(a, 1, "Lukashenko", "Xi Jinping"));
      ra.actors = {mention_of(blr, 0), mention_of(chn, 0),
                   mention_of(*ra.events[1].source, 1), mention_of(*ra.events[1].target, 1)};
      PlaceMentionRecord pm;
      pm.sentence = 1;
      pm.text = "Beijing";
      pm.place = *ra.events[1].location;
      pm.locative = true;
      ra.places.push_back(pm);
      QuoteRecord q;
      q.kind = "indirect";
      q.text = "spying";
      q.verb = "accused";
      ra.quotes.push_back(q);
      ra.attributions.push_back({1, 0, 30, "Nezavisimaya Gazeta", "Rador", "writes"});
    }
    rb.events.push_back(meet(b, 0, "Lukashenko", "Xi"));
    rc.events.push_back(meet(c, 0, "Lukashenko", "Xi"));
    rc.events.push_back(meet(c, 1, "Lukashenko", "Xi"));
    rd.events.push_back(event(d, 0, "190", actor(d, "Russian troops", "RUSMIL", "RUS", "MIL", "", "", "agent"),
                              actor(d, "Ukraine", "UKR", "UKR"), "attacked", -10.0, 4, "ASSAULT"));
    for (std::uint32_t s = 0; s < 2; ++s)
      re.events.push_back(event(e, s, "111", actor(e, "France", "FRA", "FRA"), actor(e, "Iran", "IRN", "IRN"),
                                "condemned", -2.0, 3, "DISAPPROVE"));
    docs = {a, b, c, d, e};
    records = {ra, rb, rc, rd, re};
  }
};

inline std::unique_ptr<EventStore> open_store(const std::string& path, StoreOptions options = {}) {
  std::string error;
  auto s = EventStore::open(path, options, error);
  EXPECT_NE(s, nullptr) << error;
  return s;
}

inline void add_all(EventStore& store, const Corpus& corpus, AddOutcome expected = AddOutcome::Stored) {
  for (std::size_t i = 0; i < corpus.docs.size(); ++i) {
    AddResult r;
    std::string error;
    ASSERT_TRUE(store.add(corpus.docs[i], corpus.records[i], r, error)) << error;
    EXPECT_EQ(r.outcome, expected) << corpus.docs[i].id;
  }
  std::string error;
  ASSERT_TRUE(store.commit(error)) << error;
}

}  // namespace kestrel::testing
