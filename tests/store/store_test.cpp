// The store: schema versions, idempotent and crash-safe writes, linking of
// duplicate events, queries and statistics.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

#include "store/store.h"
#include "store/store_fixtures.h"
#include "store/store_impl.h"
#include "support/temp_dir.h"

namespace kestrel {
namespace {

using testing::actor;
using testing::Corpus;
using testing::event;
using testing::store_doc;
using testing::open_store;
using testing::add_all;

std::int64_t scalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

void set_pragma(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

std::vector<EventRow> events_of(const EventStore& store, const EventFilter& filter = {}) {
  std::vector<EventRow> out;
  std::string error;
  EXPECT_TRUE(for_each_event(store, filter, [&](const EventRow& e) {
    out.push_back(e);
    return true;
  }, error)) << error;
  return out;
}

TEST(StoreUtil, Sha256MatchesKnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(StoreUtil, DaysRoundTripAndBounds) {
  EXPECT_EQ(store::day_number("2023-02-28"), 20230228);
  EXPECT_EQ(store::day_number("2023-02"), 20230200);
  EXPECT_EQ(store::day_number("2023"), 20230000);
  EXPECT_EQ(store::day_number("yesterday"), 0);
  EXPECT_EQ(store::day_from_days(store::days_from_day(20230228) + 1), 20230301);
  EXPECT_EQ(store::day_from_days(store::days_from_day(20240228) + 1), 20240229);
  EXPECT_EQ(store::day_from_days(store::days_from_day(20231231) + 1), 20240101);
  EXPECT_EQ(store::days_from_day(19700101), 0);
  EXPECT_EQ(parse_day_bound("2023-02", false), 20230200);
  EXPECT_EQ(parse_day_bound("2023-02", true), 20230299);
  EXPECT_EQ(parse_day_bound("2023", true), 20239999);
  EXPECT_EQ(store::outlet_of(store_doc("x", "t", "", "https://www.BBC.co.uk:443/news?id=1")), "bbc.co.uk");
}

TEST(Store, CreatesVersionedSchemaInWalMode) {
  testing::TempDir dir;
  std::string path = dir.file("k.db");
  { auto s = open_store(path); }
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), EventStore::kSchemaVersion);
  EXPECT_EQ(scalar(path, "PRAGMA application_id"), store::kApplicationId);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
  // Opening again neither fails nor changes the version.
  { auto s = open_store(path); }
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), EventStore::kSchemaVersion);
}

TEST(Store, MigratesAVersion1FileInPlaceKeepingItsRows) {
  testing::TempDir dir;
  std::string path = dir.file("k.db");
  Corpus corpus;
  {
    auto s = open_store(path);
    add_all(*s, corpus);
  }
  const std::int64_t events = scalar(path, "SELECT count(*) FROM events");
  ASSERT_GT(events, 0);
  // What a version-1 file is: the same tables without attributions.
  set_pragma(path, "DROP TABLE attributions; PRAGMA user_version = 1");
  std::string error;
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_EQ(EventStore::open(path, ro, error), nullptr);
  EXPECT_NE(error.find("needs migrating to 2"), std::string::npos) << error;
  {
    auto s = open_store(path);
    StoreCounts c;
    ASSERT_TRUE(s->counts(c, error)) << error;
    EXPECT_EQ(c.events, events);
    EXPECT_EQ(c.attributions, 0);
  }
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), 2);
  // Recoding a document of the old file fills the new table.
  StoreOptions recode;
  recode.recode = true;
  {
    auto s = open_store(path, recode);
    add_all(*s, corpus, AddOutcome::Recoded);
  }
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM attributions WHERE source = 'Nezavisimaya Gazeta' AND cites = 'Rador'"),
            1);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM events"), events);
}

TEST(Store, RefusesNewerVersionsAndOtherFiles) {
  testing::TempDir dir;
  std::string path = dir.file("k.db");
  { auto s = open_store(path); }
  set_pragma(path, "PRAGMA user_version = 99");
  std::string error;
  EXPECT_EQ(EventStore::open(path, {}, error), nullptr);
  EXPECT_NE(error.find("newer Kestrel"), std::string::npos) << error;
  EXPECT_NE(error.find("99"), std::string::npos) << error;

  std::string other = dir.file("other.db");
  set_pragma(other, "CREATE TABLE t (x)");
  error.clear();
  EXPECT_EQ(EventStore::open(other, {}, error), nullptr);
  EXPECT_NE(error.find("not a Kestrel event store"), std::string::npos) << error;

  std::string junk = dir.write("junk.db", std::string(8192, 'x'));
  error.clear();
  EXPECT_EQ(EventStore::open(junk, {}, error), nullptr);
  EXPECT_FALSE(error.empty());

  error.clear();
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_EQ(EventStore::open(dir.file("missing.db"), ro, error), nullptr);
  EXPECT_NE(error.find("no such file"), std::string::npos) << error;
}

TEST(Store, SameInputTwiceChangesNothing) {
  testing::TempDir dir;
  std::string path = dir.file("k.db");
  Corpus corpus;
  {
    auto s = open_store(path);
    CoderInfo coder{"0.1.0", "abc", "def"};
    std::string error;
    ASSERT_TRUE(s->set_coder(coder, error)) << error;
    add_all(*s, corpus);
  }
  auto dump = [&] {
    std::vector<std::int64_t> v;
    for (const char* t : {"documents", "sentences", "actor_mentions", "entities", "events", "event_mentions", "places",
                          "place_mentions", "quotes", "attributions", "parses", "coders"})
      v.push_back(scalar(path, std::string("SELECT count(*) FROM ") + t));
    v.push_back(scalar(path, "SELECT sum(num_mentions * 7 + num_articles * 3 + num_sources) FROM events"));
    return v;
  };
  auto before = dump();
  EXPECT_EQ(before[0], 5);
  {
    auto s = open_store(path);
    EXPECT_TRUE(s->contains(EventStore::content_hash(corpus.docs[0]), corpus.docs[0].url));
    EXPECT_FALSE(s->contains(EventStore::content_hash(corpus.docs[0]), "https://elsewhere/"));
    add_all(*s, corpus, AddOutcome::AlreadyStored);
  }
  EXPECT_EQ(dump(), before);
  // Recoding replaces rows: same counts, same event links.
  {
    StoreOptions recode;
    recode.recode = true;
    auto s = open_store(path, recode);
    EXPECT_FALSE(s->contains(EventStore::content_hash(corpus.docs[0]), corpus.docs[0].url));
    add_all(*s, corpus, AddOutcome::Recoded);
  }
  EXPECT_EQ(dump(), before);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM event_mentions m LEFT JOIN events e ON e.id = m.event_id "
                         "WHERE e.id IS NULL"), 0);
}

TEST(Store, DuplicateReportsAreMentionsOfOneEvent) {
  testing::TempDir dir;
  Corpus corpus;
  auto s = open_store(dir.file("k.db"));
  add_all(*s, corpus);
  EventFilter meetings;
  meetings.cameo = {"040"};
  auto rows = events_of(*s, meetings);
  ASSERT_EQ(rows.size(), 1u);
  const EventRow& e = rows[0];
  EXPECT_EQ(e.num_mentions, 4);   // a, b, and c twice
  EXPECT_EQ(e.num_articles, 3);   // a, b, c
  EXPECT_EQ(e.num_sources, 2);    // reuters.com (a, c) and AP (b)
  EXPECT_EQ(e.date, "2023-02-28");
  EXPECT_EQ(e.source.code, "BLRGOV");
  EXPECT_EQ(e.source.name, "Alexander Lukashenko");
  EXPECT_EQ(e.first.doc_key, "a");
  EXPECT_EQ(e.first.evidence_text, "Lukashenko met Xi Jinping in Beijing on Tuesday.");
  EXPECT_EQ(e.first.trigger_text, "met");
  ASSERT_TRUE(e.place.has_value());
  EXPECT_EQ(e.place->name, "Beijing");
  EXPECT_TRUE(e.is_root);  // coded in the lead paragraph
  // Every mention keeps its own evidence.
  std::vector<std::string> evidence;
  std::string error;
  ASSERT_TRUE(for_each_mention(*s, meetings, [&](const MentionRow& m) {
    evidence.push_back(m.doc_key + ":" + m.evidence_text);
    return true;
  }, error));
  EXPECT_EQ(evidence.size(), 4u);
  EXPECT_EQ(evidence[1], "b:Lukashenko met Xi in Beijing, officials said.");

  // Undated: linked inside one article only.
  EventFilter condemn;
  condemn.cameo = {"111"};
  rows = events_of(*s, condemn);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].num_mentions, 2);
  EXPECT_EQ(rows[0].date, "");

  // Outside the window: a new event.
  Document late = store_doc("late", "Lukashenko met Xi once more.", "2023-03-05");
  DocumentRecords r;
  r.events.push_back(event(late, 0, "040",
                           actor(late, "Lukashenko", "BLRGOV", "BLR", "GOV", "alexander_lukashenko", "", "person"),
                           actor(late, "Xi", "CHNGOV", "CHN", "GOV", "xi_jinping", "", "person"), "met", 1, 1,
                           "CONSULT"));
  AddResult added;
  ASSERT_TRUE(s->add(late, r, added, error)) << error;
  EXPECT_EQ(added.new_events, 1u);
  EXPECT_EQ(events_of(*s, meetings).size(), 2u);
}

TEST(Store, QueriesFilterByEveryField) {
  testing::TempDir dir;
  Corpus corpus;
  auto s = open_store(dir.file("k.db"));
  add_all(*s, corpus);
  auto ids = [&](EventFilter f) {
    std::vector<std::string> out;
    for (const EventRow& e : events_of(*s, f)) out.push_back(e.cameo);
    return out;
  };
  using V = std::vector<std::string>;
  EventFilter f;
  EXPECT_EQ(ids(f), (V{"111", "112", "040", "190"}));  // by date, undated (day 0) first

  std::string error;
  ASSERT_TRUE(parse_dyad("BLR-CHN", f, error));
  EXPECT_EQ(ids(f).size(), 2u);
  ASSERT_TRUE(parse_dyad("chn-blr", f, error));
  EXPECT_EQ(ids(f).size(), 2u);  // either direction
  f.directed = true;
  EXPECT_TRUE(ids(f).empty());
  ASSERT_TRUE(parse_dyad("BLRGOV-CHN", f, error));
  EXPECT_EQ(ids(f), V{"040"});
  EXPECT_FALSE(parse_dyad("BLR", f, error));

  f = {};
  f.actors = {"RUS"};
  EXPECT_EQ(ids(f), V{"190"});
  f.side = ActorSide::Target;
  EXPECT_TRUE(ids(f).empty());
  f = {};
  f.countries = {"irn"};
  EXPECT_EQ(ids(f), V{"111"});
  f = {};
  f.sectors = {"MIL"};
  EXPECT_EQ(ids(f), V{"190"});
  f = {};
  f.entities = {"xi jinping"};
  EXPECT_EQ(ids(f), V{"040"});
  f.entities = {"alexander_lukashenko"};
  EXPECT_EQ(ids(f), V{"040"});
  f = {};
  f.cameo = {"11"};
  EXPECT_EQ(ids(f), (V{"111", "112"}));
  f = {};
  f.plover = {"assault"};
  EXPECT_EQ(ids(f), V{"190"});
  f = {};
  f.quad_classes = {3, 4};
  EXPECT_EQ(ids(f).size(), 3u);
  f = {};
  f.day_from = parse_day_bound("2023-03", false);
  f.day_to = parse_day_bound("2023-04", true);
  EXPECT_EQ(ids(f), V{"190"});
  f = {};
  f.places = {"beijing"};
  EXPECT_EQ(ids(f), V{"040"});
  f = {};
  f.place_countries = {"CHN"};
  EXPECT_EQ(ids(f), V{"040"});
  f = {};
  f.text = "SPYING";
  EXPECT_EQ(ids(f), V{"112"});
  f.text = "100%_";
  EXPECT_TRUE(ids(f).empty());
  f = {};
  f.limit = 2;
  f.offset = 1;
  EXPECT_EQ(ids(f).size(), 2u);
  std::int64_t n = 0;
  ASSERT_TRUE(count_events(*s, f, n, error));
  EXPECT_EQ(n, 4);
}

TEST(Store, StatsGroupByTimeDyadAndActor) {
  testing::TempDir dir;
  Corpus corpus;
  auto s = open_store(dir.file("k.db"));
  add_all(*s, corpus);
  std::string error;
  EventFilter f;
  ASSERT_TRUE(parse_dyad("BLR-CHN", f, error));
  StatsQuery q;
  q.by = {StatsKey::Month};
  std::vector<StatsRow> rows;
  ASSERT_TRUE(event_stats(*s, f, q, rows, error)) << error;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].keys[0], "2023-02");
  EXPECT_EQ(rows[0].events, 2);
  EXPECT_EQ(rows[0].mentions, 5);
  EXPECT_DOUBLE_EQ(rows[0].goldstein_sum, -1.0);

  q.by = {StatsKey::Dyad, StatsKey::Week};
  ASSERT_TRUE(event_stats(*s, {}, q, rows, error)) << error;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].keys, (std::vector<std::string>{"BLR-CHN", "2023-02-27"}));
  EXPECT_EQ(rows[1].keys, (std::vector<std::string>{"FRA-IRN", ""}));
  EXPECT_EQ(rows[0].events, 2);

  q.by = {StatsKey::Actor};
  q.by_count = true;
  ASSERT_TRUE(event_stats(*s, {}, q, rows, error)) << error;
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0].events, 2);  // BLR and CHN: 2 events each
  std::int64_t total = 0;
  for (const StatsRow& r : rows) total += r.events;
  EXPECT_EQ(total, 8);  // 4 events, each under source and target

  q = {};
  ASSERT_TRUE(event_stats(*s, {}, q, rows, error)) << error;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].events, 4);
}

TEST(Store, FailedDocumentLeavesNothingBehindAndTheBatchGoesOn) {
  testing::TempDir dir;
  std::string path = dir.file("k.db");
  Corpus corpus;
  { auto s = open_store(path); }
  // A trigger makes one document's last insert fail, after its other rows
  // were written inside the batch.
  set_pragma(path, "CREATE TRIGGER boom BEFORE INSERT ON quotes WHEN NEW.text = 'boom' "
                   "BEGIN SELECT RAISE(ABORT, 'boom'); END;");
  auto s = open_store(path);
  AddResult r;
  std::string error;
  ASSERT_TRUE(s->add(corpus.docs[1], corpus.records[1], r, error)) << error;
  DocumentRecords bad = corpus.records[0];
  bad.quotes[0].text = "boom";
  EXPECT_FALSE(s->add(corpus.docs[0], bad, r, error));
  EXPECT_NE(error.find("boom"), std::string::npos) << error;
  ASSERT_TRUE(s->add(corpus.docs[2], corpus.records[2], r, error)) << error;
  ASSERT_TRUE(s->commit(error)) << error;
  s.reset();
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM documents"), 2);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM documents WHERE doc_key = 'a'"), 0);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM event_mentions"), 3);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM actor_mentions"), 0);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM places"), 1);  // b's Beijing, not a's rolled-back row
  EXPECT_EQ(scalar(path, "SELECT num_mentions FROM events"), 3);
}

// A writer killed with SIGKILL at random moments keeps every committed batch;
// re-running completes the work with no duplicate.
TEST(Store, KilledWriterLosesNoCommittedBatchAndResumesWithoutDuplicates) {
  testing::TempDir dir;
  std::string path = dir.file("k.db");
  const int kDocs = 3000;
  auto make = [](int i) {
    return store_doc("d" + std::to_string(i),
                     "Belarus met China " + std::to_string(i) + " times. Russia attacked Ukraine " + std::to_string(i) +
                         " times.",
                     "2023-01-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1));
  };
  auto records = [](const Document& d) {
    DocumentRecords r;
    r.events.push_back(event(d, 0, "040", actor(d, "Belarus", "BLR", "BLR"), actor(d, "China", "CHN", "CHN"), "met"));
    r.events.push_back(
        event(d, 1, "190", actor(d, "Russia", "RUS", "RUS"), actor(d, "Ukraine", "UKR", "UKR"), "attacked"));
    return r;
  };
  auto run = [&](bool die) {
    StoreOptions o;
    o.batch_documents = 50;
    std::string error;
    auto s = EventStore::open(path, o, error);
    if (!s) _exit(3);
    for (int i = 0; i < kDocs; ++i) {
      Document d = make(i);
      if (s->contains(EventStore::content_hash(d), d.url)) continue;
      AddResult r;
      if (!s->add(d, records(d), r, error)) _exit(4);
    }
    if (!s->commit(error)) _exit(5);
    if (die) _exit(0);
  };
  std::srand(7);
  int killed = 0;
  for (int round = 0; round < 6; ++round) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      run(true);
      _exit(0);
    }
    usleep(static_cast<useconds_t>(20000 + std::rand() % 150000));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed;
    // After every kill the file opens, is intact, and holds whole documents.
    EXPECT_EQ(scalar(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
    std::int64_t docs = scalar(path, "SELECT count(*) FROM documents");
    if (docs > 0) {
      EXPECT_EQ(scalar(path, "SELECT count(*) FROM event_mentions"), 2 * docs);
      EXPECT_EQ(scalar(path, "SELECT count(*) FROM sentences"), 2 * docs);
    }
  }
  EXPECT_GT(killed, 0);
  run(false);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM documents"), kDocs);
  EXPECT_EQ(scalar(path, "SELECT count(DISTINCT content_hash) FROM documents"), kDocs);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM event_mentions"), 2 * kDocs);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM (SELECT document_id, sentence, cameo FROM event_mentions "
                         "GROUP BY 1, 2, 3 HAVING count(*) > 1)"), 0);
  EXPECT_EQ(scalar(path, "SELECT sum(num_mentions) FROM events"), 2 * kDocs);
  // 28 days x 2 event kinds, window 1 day: consecutive days chain into one event.
  EXPECT_LE(scalar(path, "SELECT count(*) FROM events"), 56);
}

}  // namespace
}  // namespace kestrel
