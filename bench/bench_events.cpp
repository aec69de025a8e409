// `kestrel_bench events CORPUS [--passes N]`: event coding speed given parses.
//
// Reads CORPUS (CoNLL-U with trees), finds the actors (ActorMatcher),
// and only then times EventCoder::code_document over every sentence on one
// thread, best of N passes. Parsing and actor matching are outside the timed
// part: the figure is the coder's own. The run fails when nothing is coded,
// so a broken build cannot post a figure.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "actors/actors.h"
#include "events/events.h"

int events_bench_main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  if (argc < 3) {
    std::cerr << "usage: kestrel_bench events CORPUS [--passes N]\n";
    return 2;
  }
  int passes = 5;
  for (int i = 3; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--passes") passes = std::max(1, std::atoi(argv[i + 1]));
  kestrel::Diagnostics diag([](const kestrel::Diagnostic&) {});
  auto coder = kestrel::EventCoder::load_default(diag);
  std::string error;
  auto matcher = kestrel::ActorMatcher::load_default(diag, error);
  if (!coder || !matcher) {
    std::cerr << "events: cannot load the dictionaries: " << error << '\n';
    return 1;
  }
  std::vector<kestrel::Document> docs;
  std::vector<std::vector<std::vector<kestrel::ActorMention>>> mentions;
  std::size_t sentences = 0, tokens = 0;
  auto t_prep = Clock::now();
  {
    kestrel::ReadOptions read;
    read.default_date = "2015-01-01";
    kestrel::DocumentReader reader({argv[2]}, read, diag);
    kestrel::Document doc;
    while (reader.next(doc)) {
      if (doc.format != kestrel::InputFormat::Conllu) kestrel::prepare_document(doc);
      bool parsed = false;
      for (const auto& s : doc.sentences)
        for (const auto& t : s.tokens) parsed |= t.head >= 0;
      if (!parsed) {
        std::cerr << "events: " << argv[2] << " has sentences without a parse (give CoNLL-U with trees)\n";
        return 1;
      }
      sentences += doc.sentences.size();
      for (const auto& s : doc.sentences) tokens += s.tokens.size();
      mentions.push_back(matcher->match(doc));
      docs.push_back(std::move(doc));
    }
  }
  double prep = std::chrono::duration<double>(Clock::now() - t_prep).count();
  if (sentences == 0) {
    std::cerr << "events: no sentences in " << argv[2] << '\n';
    return 1;
  }
  double best = 1e300;
  std::size_t events = 0;
  std::map<std::string, std::size_t> by_root;
  for (int pass = 0; pass < passes; ++pass) {
    events = 0;
    by_root.clear();
    auto t0 = Clock::now();
    for (std::size_t i = 0; i < docs.size(); ++i) {
      auto ev = coder->code_document(docs[i], mentions[i]);
      events += ev.size();
      for (const auto& e : ev) ++by_root[e.cameo.substr(0, 2)];
    }
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::printf("events: %zu documents, %zu sentences, %zu tokens (parses given; actors %.1f s, not timed)\n",
              docs.size(), sentences, tokens, prep);
  std::printf("events: %zu events coded; by root:", events);
  for (const auto& [root, n] : by_root) std::printf(" %s:%zu", root.c_str(), n);
  std::printf("\nevents: best of %d passes %.3f s = %.0f sentences/s, %.1f us/sentence, one thread\n", passes, best,
              sentences / best, 1e6 * best / sentences);
  return events > 0 ? 0 : 1;
}
