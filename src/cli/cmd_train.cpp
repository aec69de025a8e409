#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "nlp/evaluate.h"
#include "nlp/nlp.h"
#include "text/sentence_splitter.h"

namespace kestrel::cli {

Action add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "train", "Train the tagger, lemmatizer and parser (NLP model) on UD CoNLL-U; `train sentences`: the sentence model");
  cmd->require_subcommand(0, 1);
  struct Options {
    std::string train;
    std::string out;
    NlpTrainOptions nlp;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("--train", opts->nlp.train_path, "Training treebank (CoNLL-U with tags, lemmas, features, trees)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--dev", opts->nlp.dev_path, "Development treebank (CoNLL-U), to choose the epochs")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", opts->nlp.output_path, "Model file to write");
  cmd->add_option("--seed", opts->nlp.seed, "Random seed (same data, options and seed = same model)")
      ->capture_default_str();
  cmd->add_option("--tagger-epochs", opts->nlp.tagger_epochs, "Tagger training epochs")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--lemmatizer-epochs", opts->nlp.lemmatizer_epochs, "Lemmatizer training epochs")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--parser-epochs", opts->nlp.parser_epochs, "Parser training epochs")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--parser-beam", opts->nlp.parser_beam,
                  "Parser beam width: 1 = greedy; above 1 the parser is trained globally with that beam (slower to "
                  "train and to run, more accurate); kept in the model")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--parser-features", opts->nlp.parser_features,
                  "Parser feature templates: 1 = words, tags and tree context; 2 = also lemmas and WordNet's "
                  "semantic classes (needs --wordnet)")
      ->check(CLI::Range(1, 2))
      ->capture_default_str();
  cmd->add_option("--parsers", opts->nlp.parsers,
                  "Parsers to train, comma-separated: l2r or r2l, each optionally with a late root (r2l:late: the "
                  "root's dependent is chosen at the end) and a beam (l2r:b4); several make an ensemble (more "
                  "accurate, slower)")
      ->check(CLI::Validator(
          [](std::string& spec) -> std::string {
            std::size_t items = 0;
            std::size_t pos = 0;
            while (true) {
              const std::size_t comma = spec.find(',', pos);
              const std::string item = spec.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
              ++items;
              const std::string direction = item.substr(0, 3);
              std::string rest = item.size() > 3 ? item.substr(3) : std::string();
              if (rest.compare(0, 5, ":late") == 0) rest = rest.substr(5);
              const bool beam_ok = rest.empty() || (rest.size() >= 3 && rest.compare(0, 2, ":b") == 0 &&
                                                    rest.find_first_not_of("0123456789", 2) == std::string::npos);
              if ((direction != "l2r" && direction != "r2l") || !beam_ok)
                return "parser '" + item +
                       "': expected l2r or r2l, optionally with a late root and a beam (r2l:late:b4)";
              if (comma == std::string::npos) break;
              pos = comma + 1;
            }
            if (items > 8) return "between one and eight parsers, please";
            return {};
          },
          "SPEC"))
      ->capture_default_str();
  cmd->add_option("-j,--threads", opts->nlp.threads, "Parsers trained at the same time (the model does not depend on it)")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  cmd->add_option("--jackknife", opts->nlp.jackknife_folds,
                  "Folds for the parser's predicted training tags (0 or 1 = gold tags)")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  cmd->add_option("--min-weight", opts->nlp.min_weight,
                  "Leave out weights smaller than this (0 keeps all; only tiny training sets need that)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--wordnet", opts->nlp.wordnet_dir,
                  "WordNet directory (Debian wordnet-base): its *.exc irregular-form lists go into the lemmatizer, "
                  "its index files' parts of speech into the tagger (empty = none)")
      ->capture_default_str();
  cmd->footer(
      "Example: kestrel train --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu --out nlp.kmodel\n"
      "Progress goes to stderr. Exit 1 when the treebank has nothing to learn from, 2 on usage errors.");
  auto* sentences = cmd->add_subcommand("sentences", "Train the sentence-boundary model (use UD English-EWT train)");
  sentences->add_option("--train", opts->train, "Training treebank (CoNLL-U)")->required()->check(CLI::ExistingFile);
  sentences->add_option("--out", opts->out, "Model file to write")->required();
  return [opts, sentences] {
    if (sentences->parsed()) {
      std::string error;
      if (!text_internal::train_sentence_model(opts->train, opts->out, error)) {
        std::cerr << "kestrel: error: " << error << '\n';
        return kExitFatal;
      }
      std::cerr << "kestrel: wrote " << opts->out << '\n';
      return kExitOk;
    }
    NlpTrainOptions& nlp = opts->nlp;
    if (nlp.train_path.empty() || nlp.output_path.empty()) {
      std::cerr << "kestrel: error: train needs --train FILE and --out FILE (or the `sentences` subcommand); "
                   "see kestrel train --help\n";
      return kExitFatal;
    }
    {
      // Fail now, not after an hour of training, when the model cannot be written.
      std::error_code ec;
      const std::filesystem::path dir = std::filesystem::absolute(nlp.output_path, ec).parent_path();
      if (ec || !std::filesystem::is_directory(dir, ec)) {
        std::cerr << "kestrel: error: cannot write " << nlp.output_path << ": no such directory\n";
        return kExitFatal;
      }
    }
    const auto t0 = std::chrono::steady_clock::now();
    std::string error;
    if (!train_nlp_model(nlp, std::cerr, error)) {
      std::cerr << "kestrel: error: " << error << '\n';
      return kExitInputErrors;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "kestrel: wrote %s (trained in %.1f s)\n", nlp.output_path.c_str(), seconds);
    return kExitOk;
  };
}

// `eval events` lives in cmd_eval_events.cpp, `eval parse` in cmd_eval_parse.cpp.
Action add_eval_events_command(CLI::App& eval);
Action add_eval_parse_command(CLI::App& eval);

Action add_eval_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("eval", "Evaluate against gold data");
  cmd->require_subcommand(1);
  auto* tokenize = cmd->add_subcommand(
      "tokenize", "Rebuild raw text from gold CoNLL-U, segment it, and score tokens and sentences (CoNLL 2018 F1)");
  struct Options {
    std::string gold;
    bool clean = false;
  };
  auto opts = std::make_shared<Options>();
  tokenize->add_option("--gold", opts->gold, "Gold CoNLL-U file")->required()->check(CLI::ExistingFile);
  tokenize->add_flag("--clean", opts->clean, "Run the caption/byline/dateline marker first, as `code` does");
  Action events = add_eval_events_command(*cmd);
  Action parse = add_eval_parse_command(*cmd);
  return [opts, tokenize, events, parse, cmd] {
    if (tokenize->parsed()) return run_tokenize_eval(opts->gold, std::cout, opts->clean);
    for (CLI::App* sub : cmd->get_subcommands()) {
      if (sub->get_name() == "events") return events();
      if (sub->get_name() == "parse") return parse();
    }
    return kExitFatal;
  };
}

}  // namespace kestrel::cli
