// `kestrel eval parse --gold FILE [--raw]`: the tagger, lemmatizer and parser
// scored with the CoNLL 2018 definitions (nlp/evaluate.h), on the gold's own
// tokens or, with --raw, on its raw text through our segmenter.
#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "nlp/evaluate.h"
#include "nlp/nlp.h"

namespace kestrel::cli {
namespace {

// The gold documents with only what a tokenizer gives: forms, multi-word
// tokens, sentences, SpaceAfter and MISC.
std::vector<Document> tokens_only(const std::vector<Document>& gold) {
  std::vector<Document> docs = gold;
  for (Document& d : docs)
    for (Sentence& s : d.sentences) {
      s.empty_nodes.clear();
      for (Token& t : s.tokens) {
        t.lemma.clear();
        t.upos.clear();
        t.xpos.clear();
        t.feats.clear();
        t.head = -1;
        t.deprel.clear();
        t.deps.clear();
      }
    }
  return docs;
}

std::size_t count_words(const std::vector<Document>& docs) {
  std::size_t n = 0;
  for (const Document& d : docs)
    for (const Sentence& s : d.sentences) n += s.tokens.size();
  return n;
}

}  // namespace

// Registered under `eval` by add_eval_command (cmd_train.cpp).
Action add_eval_parse_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "parse", "Score the tagger, lemmatizer and parser on gold CoNLL-U: UPOS, XPOS, UFeats, lemmas, UAS, LAS");
  struct Options {
    std::string gold;
    std::string model;
    bool raw = false;
    bool clean = false;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("--gold", opts->gold, "Gold CoNLL-U file")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--raw", opts->raw,
                "Start from the gold's raw text (our sentences and tokens, aligned to the gold's) instead of its "
                "tokens");
  cmd->add_flag("--clean", opts->clean, "With --raw: run the caption/byline/dateline marker first, as `code` does");
  add_model_option(*cmd, opts->model);
  cmd->footer(
      "CoNLL 2018 shared-task definitions: punctuation counts; UFeats compares universal features only; LAS\n"
      "compares universal relations (nmod:poss = nmod). AligndAcc is the share of aligned words that are right\n"
      "(= F1 with gold tokens). The tag+parse speed is one thread, model load and tokenization excluded.");
  return [opts] {
    std::ifstream in(opts->gold, std::ios::binary);
    if (!in) {
      std::cerr << "kestrel: error: cannot read " << opts->gold << '\n';
      return kExitFatal;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string data = buffer.str();

    std::string model_path;
    double load_seconds = 0;
    auto model = load_nlp_model(opts->model, "", &model_path, &load_seconds);
    if (!model) return kExitFatal;

    Diagnostics diag;
    const std::vector<Document> gold = read_conllu(data, opts->gold, diag);
    std::vector<Document> system;
    double segment_seconds = 0;
    if (opts->raw) {
      system.resize(1);
      system[0].id = "eval";
      system[0].path = opts->gold;
      system[0].format = InputFormat::Text;
      system[0].text = conllu_to_raw_text(data);
      const auto t0 = std::chrono::steady_clock::now();
      if (opts->clean) prepare_document(system[0]);
      else segment_document(system[0]);
      segment_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } else {
      system = tokens_only(gold);
    }
    // Wall time, and this thread's CPU time: on a busy machine the second is
    // what the parser itself costs.
    const auto thread_seconds = [] {
      timespec ts{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    const double cpu0 = thread_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (Document& d : system) model->annotate(d);
    const double parse_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double parse_cpu_seconds = thread_seconds() - cpu0;

    const EvalScores scores = evaluate(gold, system);
    if (!scores.ok) {
      std::cerr << "kestrel: error: " << opts->gold << ": " << scores.error << '\n';
      return kExitFatal;
    }
    const std::size_t words = count_words(system);
    std::printf("gold: %s (%zu sentences, %zu tokens, %zu words); %s\n", opts->gold.c_str(), scores.sentences.gold,
                scores.tokens.gold, scores.words.gold,
                opts->raw ? "raw text, our segmentation" : "gold tokenization");
    std::ostringstream table;
    print_scores(table, scores, true);
    std::fputs(table.str().c_str(), stdout);
    std::printf("model: %s, loaded in %.3f s\n", model_path.c_str(), load_seconds);
    if (opts->raw)
      std::printf("segmentation: %.2f MB in %.3f s\n", static_cast<double>(system[0].text.size()) / 1e6,
                  segment_seconds);
    std::printf(
        "tag+parse: %zu words in %.3f s wall, %.3f s thread CPU = %.0f tokens/s wall, %.0f tokens/s CPU (one thread; "
        "tokens = syntactic words)\n",
        words, parse_seconds, parse_cpu_seconds, parse_seconds > 0 ? static_cast<double>(words) / parse_seconds : 0.0,
        parse_cpu_seconds > 0 ? static_cast<double>(words) / parse_cpu_seconds : 0.0);
    struct rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) == 0)
      std::printf("peak memory: %.0f MB (whole process: model, gold and system data)\n",
                  static_cast<double>(usage.ru_maxrss) / 1024.0);
    if (diag.errors() > 0) {
      std::fprintf(stderr, "kestrel: %s: %zu malformed CoNLL-U records skipped\n", opts->gold.c_str(),
                   diag.errors());
      return kExitInputErrors;
    }
    return kExitOk;
  };
}

}  // namespace kestrel::cli
