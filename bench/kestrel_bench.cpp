// Throughput benchmarks for Kestrel's stages. Figures go to bench/RESULTS.md;
// bench/run.sh runs them all. Each benchmark checks its own output (token
// counts) so a fast-but-broken build cannot post a figure.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

int usage() {
  std::cerr << "usage: kestrel_bench text CORPUS.jsonl [--passes N]\n"
               "       kestrel_bench doc CORPUS.jsonl [--passes N] | places GAZETTEER|default | places-compile OUT\n"
               "       kestrel_bench code CORPUS [--passes N]   (every stage of `kestrel code`, the doc layer's share)\n"
               "       kestrel_bench actors CORPUS.jsonl [--passes N]   (dictionary load + compile; matching tokens/s)\n"
               "       kestrel_bench events CORPUS.conllu [--passes N]  (event coding sentences/s, parses given)\n"
               "       kestrel_bench store --events N [--per-doc E] [--db PATH] [--keep]  (insert rate, size, queries)\n"
               "  text: read + clean + split + tokenize plain text (the JSONL's \"text\" fields written\n"
               "        as one plain-text file per article), one thread\n";
  return 2;
}

int bench_text(const std::string& corpus, int passes) {
  namespace fs = std::filesystem;
  kestrel::Diagnostics diag;
  // Materialise the articles as plain-text files so the timed part reads
  // plain text from disk, as a user's run would.
  fs::path dir = fs::temp_directory_path() / ("kestrel_bench_text_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::size_t articles = 0, bytes = 0;
  {
    kestrel::DocumentReader reader({corpus}, {}, diag);
    kestrel::Document doc;
    while (reader.next(doc)) {
      char name[32];
      std::snprintf(name, sizeof name, "%06zu.txt", articles++);
      std::ofstream(dir / name, std::ios::binary) << doc.text;
      bytes += doc.text.size();
    }
  }
  if (articles == 0) {
    std::cerr << "no articles read from " << corpus << '\n';
    return 1;
  }
  double best = 1e300;
  std::size_t sentences = 0, tokens = 0;
  for (int pass = 0; pass < passes; ++pass) {
    sentences = tokens = 0;
    auto t0 = Clock::now();
    kestrel::DocumentReader reader({dir.string()}, {}, diag);
    kestrel::Document doc;
    while (reader.next(doc)) {
      kestrel::prepare_document(doc);
      sentences += doc.sentences.size();
      for (const auto& s : doc.sentences) tokens += s.tokens.size();
    }
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    best = std::min(best, secs);
  }
  fs::remove_all(dir);
  std::printf("text: %zu articles, %.2f MB, %zu sentences, %zu tokens\n", articles, bytes / 1e6, sentences, tokens);
  std::printf("text: best of %d passes %.3f s = %.1f MB/s, %.0f tokens/s, peak RSS %.1f MB\n", passes, best,
              bytes / 1e6 / best, tokens / best, peak_rss_mb());
  return tokens > 0 ? 0 : 1;
}

}  // namespace

// bench/doc_bench.cpp: places, doc, places-compile.
int doc_bench_main(const std::string& what, int argc, char** argv);
// bench/bench_actors.cpp: actors.
int actors_bench_main(int argc, char** argv);
// bench/bench_events.cpp: events.
int events_bench_main(int argc, char** argv);
// bench/store_bench.cpp: the event store.
int store_bench_main(int argc, char** argv);

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  std::string what = argv[1];
  int passes = 5;
  for (int i = 3; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--passes") passes = std::max(1, std::atoi(argv[i + 1]));
  if (what == "text") return bench_text(argv[2], passes);
  if (what == "doc" || what == "code" || what == "places" || what == "places-compile")
    return doc_bench_main(what, argc, argv);
  if (what == "actors") return actors_bench_main(argc, argv);
  if (what == "events") return events_bench_main(argc, argv);
  if (what == "store") return store_bench_main(argc, argv);
  return usage();
}
