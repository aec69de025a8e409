#include <iostream>

#include "cli/commands.h"
#include "nlp/evaluate.h"
#include "text/sentence_splitter.h"

namespace kestrel::cli {

Action add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", "Train models on UD treebanks");
  cmd->require_subcommand(1);
  auto* sentences = cmd->add_subcommand("sentences", "Train the sentence-boundary model (use UD English-EWT train)");
  struct Options {
    std::string train;
    std::string out;
  };
  auto opts = std::make_shared<Options>();
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
    return kExitFatal;
  };
}

// `eval events` lives in cmd_eval_events.cpp.
Action add_eval_events_command(CLI::App& eval);

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
  return [opts, tokenize, events, cmd] {
    if (tokenize->parsed()) return run_tokenize_eval(opts->gold, std::cout, opts->clean);
    for (CLI::App* sub : cmd->get_subcommands())
      if (sub->get_name() == "events") return events();
    return kExitFatal;
  };
}

}  // namespace kestrel::cli
