// `kestrel_bench actors CORPUS.jsonl`: how fast the actor dictionaries load
// and compile, and how fast the matcher reads tokenized text (one thread).
// Only matching is timed: reading and tokenizing happen before the clock
// starts. The run checks its own output (mentions found, the same on every
// pass) so a fast-but-broken build cannot post a figure.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "actors/actors.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

}  // namespace

int actors_bench_main(int argc, char** argv) {
  if (argc < 3) return 2;
  std::string corpus = argv[2];
  int passes = 5;
  for (int i = 3; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--passes") passes = std::max(1, std::atoi(argv[i + 1]));

  kestrel::Diagnostics diag;
  // Load + compile, best of several runs (the first also warms the page cache).
  double best_load = 1e300, best_dict = 1e300;
  std::unique_ptr<kestrel::ActorMatcher> matcher;
  for (int pass = 0; pass < 3; ++pass) {
    auto t0 = Clock::now();
    auto dict = kestrel::ActorDictionary::load(kestrel::ActorDictionary::default_files(), diag);
    double dict_secs = seconds_since(t0);
    matcher = kestrel::ActorMatcher::build(*dict, &diag);
    best_load = std::min(best_load, seconds_since(t0));
    best_dict = std::min(best_dict, dict_secs);
  }
  auto stats = matcher->stats();
  std::printf("actors: load %.3f s + compile %.3f s = %.3f s (%zu phrases, %zu trie nodes, %zu words)\n", best_dict,
              best_load - best_dict, best_load, stats.phrases, stats.trie_nodes, stats.words);

  std::vector<kestrel::Document> docs;
  std::size_t tokens = 0;
  {
    kestrel::DocumentReader reader({corpus}, {}, diag);
    kestrel::Document doc;
    while (reader.next(doc)) {
      kestrel::prepare_document(doc);
      for (const auto& s : doc.sentences) tokens += s.tokens.size();
      docs.push_back(std::move(doc));
      doc = {};
    }
  }
  if (docs.empty() || tokens == 0) {
    std::cerr << "no articles read from " << corpus << '\n';
    return 1;
  }
  double best = 1e300;
  std::size_t mentions = 0, first_mentions = 0;
  for (int pass = 0; pass < passes; ++pass) {
    mentions = 0;
    auto t0 = Clock::now();
    for (const auto& doc : docs) {
      auto found = matcher->match(doc);
      for (const auto& s : found) mentions += s.size();
    }
    best = std::min(best, seconds_since(t0));
    if (pass == 0) first_mentions = mentions;
    if (mentions != first_mentions) {
      std::cerr << "actors: pass " << pass << " found " << mentions << " mentions, pass 0 found " << first_mentions
                << '\n';
      return 1;
    }
  }
  std::printf("actors: %zu articles, %zu tokens, %zu mentions\n", docs.size(), tokens, mentions);
  std::printf("actors: matching, best of %d passes %.3f s = %.0f tokens/s\n", passes, best, tokens / best);
  return mentions > 0 ? 0 : 1;
}
