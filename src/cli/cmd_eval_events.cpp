// `kestrel eval events --gold FILE`: the event coder scored on PLOVER gold
// JSONL (raw text through our tokenizer, parser and actor matcher) or on
// PETRARCH validation XML (its own CoNLL-U parses, our actor matcher).
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "actors/actors.h"
#include "cli/commands.h"
#include "events/evaluate.h"

namespace kestrel::cli {

// Registered under `eval` by add_eval_command (cmd_train.cpp).
Action add_eval_events_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "events",
      "Score event coding on PLOVER gold JSONL or PETRARCH validation XML: recall (type, +source, +target), "
      "precision, per category, misses and false positives");
  struct Options {
    std::string gold;
    std::string format = "auto";
    bool quiet = false;
    bool keep_negated = false;
    std::string model;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("--gold", opts->gold, "Gold file: PLOVER JSONL (.jsonl) or PETRARCH validation XML (.xml)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--gold-format", opts->format, "auto (by extension), plover or petr2")
      ->check(CLI::IsMember({"auto", "plover", "petr2"}))
      ->capture_default_str();
  cmd->add_flag("--no-list", opts->quiet, "Print the figures only, not the misses and false positives");
  add_model_option(*cmd, opts->model);
  cmd->footer(
      "PETR2: a coding counts when the CAMEO root and the source and target countries (first three letters of\n"
      "the actor codes, --- for none) match; sentences marked noevents count towards precision. PLOVER: gold\n"
      "2016 names are mapped to 2021 (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT; CAMEO\n"
      "163 counts as SANCTION); recall of event type, +source country, +target country; precision of type.");
  return [opts, cmd] {
    (void)cmd;
    std::ifstream in(opts->gold, std::ios::binary);
    if (!in) {
      std::cerr << "kestrel: error: cannot read " << opts->gold << '\n';
      return kExitFatal;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string format = opts->format;
    if (format == "auto") {
      std::string g = opts->gold;
      format = g.size() >= 4 && g.compare(g.size() - 4, 4, ".xml") == 0 ? "petr2" : "plover";
    }
    // PLOVER gold is raw text: our tagger and parser come first.
    std::unique_ptr<NlpModel> model;
    if (format == "plover") {
      model = load_nlp_model(opts->model, "PLOVER gold is raw text and needs the parser");
      if (!model) return kExitFatal;
    }
    Diagnostics diag;
    CodingOptions coding;
    auto coder = EventCoder::load_default(diag, coding);
    if (!coder) {
      std::cerr << "kestrel: error: the event dictionaries (data/events) could not be loaded\n";
      return kExitFatal;
    }
    std::string error;
    auto matcher = ActorMatcher::load_default(diag, error);
    if (!matcher) {
      std::cerr << "kestrel: error: " << error << '\n';
      return kExitFatal;
    }
    MatchOptions match;
    MentionFinder finder = [&](const Document& doc) { return matcher->match(doc, match); };
    EventEvaluation ev;
    auto t0 = std::chrono::steady_clock::now();
    if (format == "petr2") {
      // Each record is a sentence on its own: there is no document whose
      // dominant country could stand in for a bare agent's.
      match.context = false;
      auto gold = read_petr2_validation(buf.str(), opts->gold, diag);
      ev = evaluate_petr2(gold, *coder, finder);
    } else {
      auto gold = read_plover_gold(buf.str(), opts->gold, diag);
      const NlpModel* nlp = model.get();
      ev = evaluate_plover(gold, *coder, [nlp](Document& doc) { nlp->annotate(doc); }, finder);
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    print_evaluation(std::cout, ev, !opts->quiet);
    std::printf("scored in %.3f s\n", secs);
    return diag.errors() > 0 ? kExitInputErrors : kExitOk;
  };
}

}  // namespace kestrel::cli
