// `kestrel_bench store`: the event store's figures on synthetic data.
//
//   * insert throughput (documents/s, sentences/s, events/s) of EventStore::add
//     with documents shaped like news articles: 20 sentences of ~22 tagged and
//     parsed words, 25 actor mentions and 5 events each (document generation
//     is not timed);
//   * database size per 1,000 events, in total and per table (dbstat);
//   * query latency over the filled store: a dyad in one month (the figure
//     asked for), a dyad over all time, an actor prefix, a CAMEO root in a
//     month, grouped statistics, a text search.
// Every query's row count is checked against a full scan that bypasses the
// indexes, so a fast but wrong index cannot post a figure.
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "store/store.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU time of this thread (user + system), which SQLite's work runs on: on a
// shared, loaded machine it measures the store's cost where wall time also
// measures the neighbours.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Synth {
  std::mt19937_64 rng{20260101};
  std::vector<std::string> words;
  // ISO3 codes; the first ones are drawn far more often (news is skewed).
  std::vector<std::string> countries = {
      "USA", "CHN", "RUS", "UKR", "GBR", "FRA", "DEU", "ISR", "IRN", "IND", "JPN", "TUR", "SYR", "PRK", "KOR",
      "BLR", "POL", "SAU", "PAK", "AFG", "IRQ", "EGY", "BRA", "MEX", "CAN", "AUS", "ITA", "ESP", "NLD", "BEL",
      "SWE", "NOR", "FIN", "DNK", "CHE", "AUT", "HUN", "ROU", "BGR", "GRC", "SRB", "HRV", "BIH", "ALB", "MKD",
      "GEO", "ARM", "AZE", "KAZ", "UZB", "TKM", "KGZ", "TJK", "MNG", "VNM", "THA", "MMR", "KHM", "LAO", "MYS",
      "SGP", "IDN", "PHL", "NZL", "ZAF", "NGA", "KEN", "ETH", "SOM", "SDN", "SSD", "LBY", "TUN", "DZA", "MAR",
      "MLI", "NER", "TCD", "CMR", "COD", "AGO", "ZWE", "MOZ", "TZA", "UGA", "RWA", "VEN", "COL", "PER", "CHL",
      "ARG", "BOL", "ECU", "CUB", "NIC", "HND", "GTM", "SLV", "PAN", "HTI", "DOM", "JAM", "YEM", "OMN", "ARE",
      "QAT", "KWT", "BHR", "JOR", "LBN", "PSE", "CYP", "MLT", "ISL", "IRL", "PRT", "LUX", "EST", "LVA", "LTU",
      "MDA", "SVK", "SVN", "CZE", "LKA", "BGD", "NPL", "BTN", "MDV", "TWN"};
  std::vector<std::string> sectors = {"", "", "GOV", "GOV", "MIL", "REB", "OPP", "BUS", "JUD", "CVL", "MED", "LEG"};
  std::vector<std::pair<std::string, int>> cameo = {
      {"010", 3}, {"020", 3}, {"036", 3}, {"040", 3}, {"042", 2}, {"043", 2}, {"046", 2}, {"051", 1}, {"057", 1},
      {"061", 1}, {"071", 1}, {"111", 2}, {"112", 3}, {"120", 1}, {"130", 2}, {"138", 1}, {"141", 1}, {"163", 1},
      {"172", 1}, {"173", 1}, {"180", 1}, {"190", 2}, {"193", 1}, {"195", 1}};

  Synth() {
    static const char* syllables[] = {"ka", "ro", "mi", "tes", "lan", "vor", "pe", "du", "shi", "an", "el", "gor"};
    for (int i = 0; i < 3000; ++i) {
      std::string w;
      int n = 1 + i % 3;
      for (int k = 0, x = i; k <= n; ++k, x /= 12) w += syllables[(x + k * 7) % 12];
      words.push_back(w);
    }
  }
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); }
  // Zipf-like over the country list.
  const std::string& country() {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    auto i = static_cast<std::size_t>(std::pow(u, 2.5) * static_cast<double>(countries.size()));
    return countries[std::min(i, countries.size() - 1)];
  }
  std::string date() {
    // 2015-01-01 .. 2024-12-31.
    static const int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2015 + static_cast<int>(pick(10));
    int m = 1 + static_cast<int>(pick(12));
    int d = 1 + static_cast<int>(pick(static_cast<std::size_t>(days_in[m - 1])));
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
};

// A document of `sentences` sentences with tags and a tree on every word,
// and its records: `events` events and 5 actor mentions per event.
void make_document(Synth& s, std::size_t index, std::size_t sentences, std::size_t events, kestrel::Document& doc,
                   kestrel::DocumentRecords& rec) {
  doc = kestrel::Document{};
  rec = kestrel::DocumentRecords{};
  doc.id = "synthetic-" + std::to_string(index);
  doc.path = "synthetic.jsonl";
  doc.line = index + 1;
  doc.format = kestrel::InputFormat::Jsonl;
  doc.date = s.date();
  doc.url = "https://news" + std::to_string(index % 300) + ".example/story/" + std::to_string(index);
  doc.source = "outlet" + std::to_string(index % 300);
  doc.title = "Story " + std::to_string(index);
  for (std::size_t i = 0; i < sentences; ++i) {
    kestrel::Sentence sent;
    sent.start = static_cast<std::uint32_t>(doc.text.size());
    sent.paragraph = static_cast<std::uint32_t>(i / 3);
    std::size_t n = 16 + s.pick(13);
    for (std::size_t w = 0; w < n; ++w) {
      kestrel::Token t;
      t.form = s.words[s.pick(s.words.size())];
      if (w == 0) t.form[0] = static_cast<char>(t.form[0] - 'a' + 'A');
      if (w) doc.text += ' ';
      t.start = static_cast<std::uint32_t>(doc.text.size());
      doc.text += t.form;
      t.end = static_cast<std::uint32_t>(doc.text.size());
      t.lemma = t.form;
      t.upos = w % 4 == 1 ? "VERB" : "NOUN";
      t.xpos = w % 4 == 1 ? "VBD" : "NN";
      t.feats = w % 4 == 1 ? "Mood=Ind|Tense=Past|VerbForm=Fin" : "Number=Sing";
      t.head = w == 1 ? 0 : 2;
      t.deprel = w == 1 ? "root" : w == 0 ? "nsubj" : "obj";
      t.space_after = w + 1 < n;
      sent.tokens.push_back(std::move(t));
    }
    kestrel::Token dot;
    dot.form = ".";
    dot.start = static_cast<std::uint32_t>(doc.text.size());
    doc.text += '.';
    dot.end = static_cast<std::uint32_t>(doc.text.size());
    dot.lemma = ".";
    dot.upos = "PUNCT";
    dot.xpos = ".";
    dot.head = 2;
    dot.deprel = "punct";
    sent.tokens.push_back(std::move(dot));
    sent.end = static_cast<std::uint32_t>(doc.text.size());
    doc.text += i % 3 == 2 ? "\n\n" : " ";
    doc.sentences.push_back(std::move(sent));
  }
  for (std::size_t e = 0; e < events; ++e) {
    kestrel::EventRecord ev;
    ev.sentence = static_cast<std::uint32_t>(s.pick(sentences));
    const kestrel::Sentence& sent = doc.sentences[ev.sentence];
    const auto& [code, weight] = s.cameo[s.pick(s.cameo.size())];
    (void)weight;
    ev.cameo = code;
    ev.goldstein = code[0] == '1' ? -5.0 : 3.0;
    ev.quad_class = code < "06" ? 1 : code < "09" ? 2 : code < "15" ? 3 : 4;
    ev.plover_event = code < "06" ? "CONSULT" : code < "09" ? "AID" : code < "15" ? "ACCUSE" : "ASSAULT";
    for (int side = 0; side < 2; ++side) {
      kestrel::StoredActor a;
      const kestrel::Token& t = sent.tokens[side == 0 ? 0 : 2];
      a.text = t.form;
      a.start = t.start;
      a.end = t.end;
      a.country = s.country();
      a.sector = s.sectors[s.pick(s.sectors.size())];
      a.code = a.country + a.sector;
      a.kind = a.sector.empty() ? "state" : "agent";
      a.role = side == 0 ? "subject" : "object";
      if (s.pick(5) == 0) {
        a.entity = "person_" + std::to_string(s.pick(2000));
        a.name = "Person " + a.entity.substr(7);
        a.kind = "person";
      }
      if (side == 0) ev.source = a;
      else if (s.pick(8) != 0) ev.target = a;
    }
    ev.start = sent.start;
    ev.end = sent.end;
    ev.trigger_start = sent.tokens[1].start;
    ev.trigger_end = sent.tokens[1].end;
    ev.trigger_token = 1;
    ev.pattern_code = code;
    ev.pattern_text = "SRC [" + sent.tokens[1].form + "] TGT";
    ev.pattern_file = "patterns-01-10.txt";
    ev.pattern_line = static_cast<std::uint32_t>(100 + s.pick(900));
    for (const kestrel::StoredActor* a : {ev.source ? &*ev.source : nullptr, ev.target ? &*ev.target : nullptr}) {
      if (!a) continue;
      kestrel::ActorMentionRecord m;
      m.sentence = ev.sentence;
      m.first = a == &*ev.source ? 0 : 2;
      m.last = m.head = m.first;
      m.start = a->start;
      m.end = a->end;
      m.text = a->text;
      m.code = a->code;
      m.country = a->country;
      m.sector = a->sector;
      m.entity = a->entity;
      m.entity_name = a->name;
      m.kind = a->kind;
      m.resolved_by = "dictionary";
      rec.actors.push_back(std::move(m));
    }
    rec.events.push_back(std::move(ev));
  }
  // Actors outside events, as the matcher finds them in most sentences.
  while (rec.actors.size() < events * 5) {
    kestrel::ActorMentionRecord m;
    m.sentence = static_cast<std::uint32_t>(s.pick(sentences));
    const kestrel::Token& t = doc.sentences[m.sentence].tokens[3];
    m.first = m.last = m.head = 3;
    m.start = t.start;
    m.end = t.end;
    m.text = t.form;
    m.country = s.country();
    m.code = m.country;
    m.kind = "state";
    m.resolved_by = "dictionary";
    rec.actors.push_back(std::move(m));
  }
}

std::int64_t scalar(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  std::int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  else
    std::cerr << "bench: " << sqlite3_errmsg(db) << " in " << sql << '\n';
  sqlite3_finalize(st);
  return v;
}

int usage() {
  std::cerr << "usage: kestrel_bench store [--events N] [--per-doc E] [--sentences S] [--db PATH] [--keep]\n"
               "  fills a store with N synthetic events (E per document, S sentences per document), then\n"
               "  times inserts, queries and statistics; PATH defaults to a temporary file\n";
  return 2;
}

}  // namespace

int store_bench_main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::size_t total_events = 1000000, per_doc = 5, sentences = 20;
  std::string path;
  bool keep = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--events") total_events = std::stoul(next());
    else if (a == "--per-doc") per_doc = std::max<std::size_t>(1, std::stoul(next()));
    else if (a == "--sentences") sentences = std::max<std::size_t>(4, std::stoul(next()));
    else if (a == "--db") path = next();
    else if (a == "--keep") keep = true;
    else if (a != "store") return usage();
  }
  if (path.empty()) path = (fs::temp_directory_path() / ("kestrel_bench_store_" + std::to_string(::getpid()) + ".db"));
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);

  std::string error;
  auto store = kestrel::EventStore::open(path, {}, error);
  if (!store) {
    std::cerr << "bench: " << error << '\n';
    return 1;
  }
  if (!store->set_coder({KESTREL_VERSION, "0123456789abcdef", "fedcba9876543210"}, error)) {
    std::cerr << "bench: " << error << '\n';
    return 1;
  }
  Synth synth;
  const std::size_t docs = (total_events + per_doc - 1) / per_doc;
  kestrel::Document doc;
  kestrel::DocumentRecords rec;
  double insert_seconds = 0, insert_cpu = 0;
  std::size_t events_written = 0, sentences_written = 0, new_events = 0;
  std::cout << "== store: " << docs << " documents, " << sentences << " sentences and " << per_doc
            << " events each (" << docs * per_doc << " events), one thread, " << path << "\n";
  for (std::size_t i = 0; i < docs; ++i) {
    std::size_t e = std::min(per_doc, total_events - events_written);
    make_document(synth, i, sentences, e, doc, rec);
    auto t0 = Clock::now();
    double c0 = thread_cpu_seconds();
    kestrel::AddResult r;
    if (!store->add(doc, rec, r, error)) {
      std::cerr << "bench: add: " << error << '\n';
      return 1;
    }
    insert_cpu += thread_cpu_seconds() - c0;
    insert_seconds += seconds_since(t0);
    events_written += r.events;
    new_events += r.new_events;
    sentences_written += doc.sentences.size();
    if ((i + 1) % 20000 == 0) std::cerr << "  " << i + 1 << " documents\r" << std::flush;
  }
  auto t0 = Clock::now();
  double c0 = thread_cpu_seconds();
  if (!store->commit(error)) {
    std::cerr << "bench: commit: " << error << '\n';
    return 1;
  }
  insert_cpu += thread_cpu_seconds() - c0;
  insert_seconds += seconds_since(t0);
  double load[1] = {0};
  getloadavg(load, 1);
  std::printf("insert, wall time: %.1f s; %.0f documents/s, %.0f sentences/s, %.0f events/s (load average %.1f)\n",
              insert_seconds, static_cast<double>(docs) / insert_seconds,
              static_cast<double>(sentences_written) / insert_seconds,
              static_cast<double>(events_written) / insert_seconds, load[0]);
  std::printf("insert, CPU time:  %.1f s; %.0f documents/s, %.0f sentences/s, %.0f events/s (%zu events, %zu after "
              "linking duplicates)\n",
              insert_cpu, static_cast<double>(docs) / insert_cpu, static_cast<double>(sentences_written) / insert_cpu,
              static_cast<double>(events_written) / insert_cpu, events_written, new_events);
  store.reset();

  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
  std::int64_t mentions = scalar(db, "SELECT count(*) FROM event_mentions");
  std::int64_t events = scalar(db, "SELECT count(*) FROM events");
  if (mentions != static_cast<std::int64_t>(total_events)) {
    std::cerr << "bench: " << mentions << " event mentions stored, expected " << total_events << '\n';
    return 1;
  }
  auto file_size = static_cast<double>(fs::file_size(path));
  std::printf("size: %.1f MB, %.1f KB per 1,000 event mentions (%lld events); by table (KB per 1,000 mentions):\n",
              file_size / 1e6, file_size / 1e3 / (static_cast<double>(mentions) / 1000),
              static_cast<long long>(events));
  {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT coalesce(tbl_name, name), sum(pgsize) FROM dbstat LEFT JOIN sqlite_schema USING (name) "
                       "GROUP BY 1 ORDER BY 2 DESC",
                       -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
      std::printf("  %-16s %8.1f (with its indexes)\n", reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                  static_cast<double>(sqlite3_column_int64(st, 1)) / 1e3 / (static_cast<double>(mentions) / 1000));
    sqlite3_finalize(st);
  }

  // Queries, through the public API on a fresh read-only store, as `kestrel query` runs them.
  kestrel::StoreOptions ro;
  ro.read_only = true;
  auto reader = kestrel::EventStore::open(path, ro, error);
  if (!reader) {
    std::cerr << "bench: " << error << '\n';
    return 1;
  }
  struct Case {
    std::string name;
    kestrel::EventFilter filter;
    std::string check;  // the same selection as a full scan (NOT INDEXED)
  };
  auto dyad_month = [](const char* a, const char* b, const char* month) {
    kestrel::EventFilter f;
    std::string ignored;
    kestrel::parse_dyad(std::string(a) + "-" + b, f, ignored);
    f.day_from = kestrel::parse_day_bound(month, false);
    f.day_to = kestrel::parse_day_bound(month, true);
    return f;
  };
  auto scan_dyad = [](const std::string& a, const std::string& b, const std::string& where) {
    auto side = [](const std::string& s, const std::string& x) {
      return "substr(" + s + "_code, 1, " + std::to_string(x.size()) + ") = '" + x + "'";
    };
    return "SELECT count(*) FROM events NOT INDEXED WHERE ((" + side("source", a) + " AND " + side("target", b) +
           ") OR (" + side("source", b) + " AND " + side("target", a) + "))" + where;
  };
  std::vector<Case> cases;
  cases.push_back({"dyad BLR-CHN, month 2023-02", dyad_month("BLR", "CHN", "2023-02"),
                   scan_dyad("BLR", "CHN", " AND day BETWEEN 20230200 AND 20230299")});
  cases.push_back({"dyad USA-CHN, month 2023-02", dyad_month("USA", "CHN", "2023-02"),
                   scan_dyad("USA", "CHN", " AND day BETWEEN 20230200 AND 20230299")});
  {
    kestrel::EventFilter f;
    std::string ignored;
    kestrel::parse_dyad("BLR-CHN", f, ignored);
    cases.push_back({"dyad BLR-CHN, all dates", f, scan_dyad("BLR", "CHN", "")});
  }
  {
    kestrel::EventFilter f;
    f.actors = {"RUSMIL"};
    f.side = kestrel::ActorSide::Source;
    f.day_from = 20220000;
    f.day_to = 20229999;
    cases.push_back({"source actor RUSMIL, year 2022", f,
                     "SELECT count(*) FROM events NOT INDEXED WHERE substr(source_code, 1, 6) = 'RUSMIL' AND day "
                     "BETWEEN 20220000 AND 20229999"});
  }
  {
    kestrel::EventFilter f;
    f.cameo = {"19"};
    f.day_from = 20230200;
    f.day_to = 20230299;
    cases.push_back({"CAMEO root 19, month 2023-02", f,
                     "SELECT count(*) FROM events NOT INDEXED WHERE substr(cameo, 1, 2) = '19' AND day BETWEEN "
                     "20230200 AND 20230299"});
  }
  std::printf("queries (%lld events; fresh read-only store; rows read through for_each_event as `kestrel query "
              "--limit 0` does; best and median of 7):\n",
              static_cast<long long>(events));
  bool all_ok = true;
  for (const Case& c : cases) {
    std::vector<double> times;
    std::size_t rows = 0;
    for (int rep = 0; rep < 7; ++rep) {
      rows = 0;
      auto q0 = Clock::now();
      if (!kestrel::for_each_event(*reader, c.filter, [&](const kestrel::EventRow&) {
            ++rows;
            return true;
          }, error)) {
        std::cerr << "bench: query: " << error << '\n';
        return 1;
      }
      times.push_back(seconds_since(q0) * 1000);
    }
    std::sort(times.begin(), times.end());
    auto expected = scalar(db, c.check);
    bool ok = static_cast<std::int64_t>(rows) == expected;
    all_ok &= ok;
    std::printf("  %-32s %7zu rows  %8.2f ms best, %8.2f ms median%s\n", c.name.c_str(), rows, times[0], times[3],
                ok ? "" : "  WRONG COUNT");
  }
  {
    kestrel::EventFilter f = dyad_month("BLR", "CHN", "2023-02");
    f.day_from = 20150000;
    f.day_to = 20249999;
    kestrel::StatsQuery q;
    q.by = {kestrel::StatsKey::Month};
    std::vector<kestrel::StatsRow> rows;
    std::vector<double> times;
    for (int rep = 0; rep < 7; ++rep) {
      auto q0 = Clock::now();
      if (!kestrel::event_stats(*reader, f, q, rows, error)) {
        std::cerr << "bench: stats: " << error << '\n';
        return 1;
      }
      times.push_back(seconds_since(q0) * 1000);
    }
    std::sort(times.begin(), times.end());
    std::printf("  %-32s %7zu rows  %8.2f ms best, %8.2f ms median\n", "stats --dyad BLR-CHN --by month",
                rows.size(), times[0], times[3]);
    q.by = {kestrel::StatsKey::Dyad};
    q.by_count = true;
    q.limit = 10;
    times.clear();
    for (int rep = 0; rep < 3; ++rep) {
      auto q0 = Clock::now();
      if (!kestrel::event_stats(*reader, {}, q, rows, error)) return 1;
      times.push_back(seconds_since(q0) * 1000);
    }
    std::sort(times.begin(), times.end());
    std::printf("  %-32s %7zu rows  %8.2f ms best, %8.2f ms median\n", "stats --by dyad --top 10 (all)",
                rows.size(), times[0], times[1]);
    kestrel::EventFilter t;
    t.text = "karo";
    t.day_from = 20230200;
    t.day_to = 20230299;
    times.clear();
    std::size_t n = 0;
    for (int rep = 0; rep < 3; ++rep) {
      n = 0;
      auto q0 = Clock::now();
      if (!kestrel::for_each_event(*reader, t, [&](const kestrel::EventRow&) {
            ++n;
            return true;
          }, error))
        return 1;
      times.push_back(seconds_since(q0) * 1000);
    }
    std::sort(times.begin(), times.end());
    std::printf("  %-32s %7zu rows  %8.2f ms best, %8.2f ms median\n", "--text karo --month 2023-02", n, times[0],
                times[1]);
  }
  reader.reset();
  sqlite3_close(db);
  if (!keep)
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  else
    std::printf("kept %s\n", path.c_str());
  return all_ok ? 0 : 1;
}
