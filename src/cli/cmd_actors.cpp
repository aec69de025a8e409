// `kestrel actors`: the actors found in documents, one JSON line per mention;
// `kestrel eval actors`: the matcher scored against human-coded actors.
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "actors/actors.h"
#include "cli/commands.h"

namespace kestrel::cli {
namespace {

nlohmann::json mention_json(const Document& doc, std::size_t sentence, const ActorMention& m) {
  nlohmann::json j;
  j["doc_id"] = doc.id;
  j["sentence"] = sentence;
  j["segment"] = segment_kind_name(doc.sentences[sentence].kind);
  j["text"] = m.text;
  j["start"] = m.start;
  j["end"] = m.end;
  j["code"] = m.code;
  j["country"] = m.country;
  j["sector"] = m.sector;
  j["kind"] = m.kind;
  j["entity"] = {{"id", m.entity}, {"name", m.entity_name}};
  j["resolved_by"] = m.resolved_by;
  j["first"] = m.first;
  j["last"] = m.last;
  j["head"] = m.head;
  if (m.place) j["place"] = true;
  if (!m.guess.empty()) j["guess"] = m.guess;
  if (m.coreferent) j["antecedent_sentence"] = m.antecedent_sentence;
  return j;
}

}  // namespace

Action add_actors_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("actors", "Find the actors in documents: one JSON line per mention");
  struct Options {
    InputOptions input;
    std::string output = "-";
    bool no_coreference = false;
    bool no_context = false;
    bool no_unresolved = false;
    bool places = true;
    bool parse = false;
    std::string model;
  };
  auto opts = std::make_shared<Options>();
  add_input_options(*cmd, opts->input);
  cmd->add_option("-o,--output", opts->output, "Output file (- for stdout)")->capture_default_str();
  cmd->add_flag("--no-coreference", opts->no_coreference, "Do not resolve pronouns, titles and surnames");
  cmd->add_flag("--no-context", opts->no_context,
                "Do not give bare agents (\"the opposition\") the document's dominant country");
  cmd->add_flag("--no-unresolved", opts->no_unresolved, "Do not report names the dictionaries do not know");
  cmd->add_flag("--parse", opts->parse,
                "Tag and parse text, HTML and JSONL with the NLP model first, as `code` does (the matcher then uses "
                "tags and heads)");
  add_model_option(*cmd, opts->model);
  cmd->footer(
      "Each line: doc_id, sentence, segment, text, start/end (byte offsets into the document), code, country,\n"
      "sector, kind (state, person, igo, ngo, armed_group, agent, unresolved), entity {id, name}, resolved_by\n"
      "(dictionary, coreference, context, none), first/last/head (word indices), and place, guess,\n"
      "antecedent_sentence when they apply. Codes: docs/codes.md.");

  return [opts] {
    ReadOptions read;
    if (!make_read_options(opts->input, read)) return kExitFatal;
    std::unique_ptr<NlpModel> model;
    if (opts->parse || !opts->model.empty()) {
      model = load_nlp_model(opts->model, "run without --parse to match on tokens only");
      if (!model) return kExitFatal;
    }
    std::unique_ptr<std::ostream> file;
    std::ostream* out = open_output(opts->output, file);
    if (!out) return kExitFatal;
    Diagnostics diag;
    std::string error;
    auto matcher = ActorMatcher::load_default(diag, error);
    if (!matcher) {
      std::cerr << "kestrel: error: " << error << '\n';
      return kExitFatal;
    }
    MatchOptions match;
    match.coreference = !opts->no_coreference;
    match.context = !opts->no_context;
    match.unresolved = !opts->no_unresolved;
    std::size_t dictionary_errors = diag.errors();
    DocumentReader reader(opts->input.paths, read, diag);
    Document doc;
    while (reader.next(doc)) {
      if (doc.format != InputFormat::Conllu) prepare_document(doc);
      if (model && doc.format != InputFormat::Conllu) model->annotate(doc);
      if (doc.date.empty())
        diag.warning(doc.path, doc.line, "document " + doc.id + " has no date (use --date): people get their latest role");
      auto mentions = matcher->match(doc, match);
      for (std::size_t s = 0; s < mentions.size(); ++s)
        for (const ActorMention& m : mentions[s])
          *out << mention_json(doc, s, m).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    out->flush();
    return diag.errors() > dictionary_errors || dictionary_errors > 0 ? kExitInputErrors : kExitOk;
  };
}

Action add_eval_actors_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "actors", "Score actor matching on human-coded actors (PLOVER gold JSONL): country/IGO code and sector");
  struct Options {
    std::string gold;
    bool misses = false;
    bool parse = false;
    std::string model;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("--gold", opts->gold, "Gold JSONL (text, date, source/target lists of actorText, code, sector)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--misses", opts->misses, "List every gold actor that was missed");
  cmd->add_flag("--parse", opts->parse, "Tag and parse each record with the NLP model before matching, as `code` does");
  add_model_option(*cmd, opts->model);
  return [opts] {
    std::unique_ptr<NlpModel> model;
    if (opts->parse || !opts->model.empty()) {
      model = load_nlp_model(opts->model, "run without --parse to score on tokens only");
      if (!model) return kExitFatal;
    }
    Diagnostics diag;
    std::string error;
    auto t0 = std::chrono::steady_clock::now();
    auto matcher = ActorMatcher::load_default(diag, error);
    if (!matcher) {
      std::cerr << "kestrel: error: " << error << '\n';
      return kExitFatal;
    }
    double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ActorEvalOptions options;
    if (opts->misses) options.misses = &std::cout;
    if (const NlpModel* nlp = model.get()) options.annotate = [nlp](Document& doc) { nlp->annotate(doc); };
    ActorEvalResult r;
    if (!evaluate_actors(opts->gold, *matcher, options, r, diag, error)) {
      std::cerr << "kestrel: error: " << error << '\n';
      return kExitFatal;
    }
    std::printf("actors: %zu records, %zu gold actors (%zu located in the text), dictionaries loaded and compiled in %.3f s\n",
                r.records, r.gold_actors, r.located, load);
    std::printf("country/IGO code: %zu / %zu = %.1f%%\n", r.country_correct, r.gold_actors,
                100.0 * r.country_accuracy());
    std::printf("sector (where gold gives one): %zu / %zu = %.1f%%\n", r.sector_correct, r.with_sector,
                100.0 * r.sector_accuracy());
    std::printf("parse: %s\n", options.annotate ? "yes" : "no (tokens only)");
    return r.bad_lines > 0 ? kExitInputErrors : kExitOk;
  };
}

}  // namespace kestrel::cli
