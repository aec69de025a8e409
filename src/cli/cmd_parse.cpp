// `kestrel parse`: read -> prepare -> tag, lemmatize, features, parse -> CoNLL-U.
#include <fstream>
#include <iostream>

#include "cli/batch.h"
#include "cli/commands.h"
#include "nlp/nlp.h"

namespace kestrel::cli {
namespace {

bool unset(const std::string& v) { return v.empty() || v == "_"; }

// With --keep: predict only the columns no word of the document has.
NlpAnnotateOptions missing_columns(const Document& doc) {
  NlpAnnotateOptions o;
  o.tag = o.lemmatize = o.features = o.parse = true;
  for (const Sentence& s : doc.sentences)
    for (const Token& t : s.tokens) {
      if (!unset(t.upos) || !unset(t.xpos)) o.tag = false;
      if (!unset(t.lemma)) o.lemmatize = false;
      if (!unset(t.feats)) o.features = false;
      if (t.head >= 0) o.parse = false;
    }
  return o;
}

}  // namespace

Action add_parse_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("parse", "Tokenize, tag and parse text; write CoNLL-U");
  struct Options {
    InputOptions input;
    bool tokenize_only = false;
    bool offsets = false;
    bool keep = false;
    std::string model;
    std::string output = "-";
    unsigned threads = 1;
  };
  auto opts = std::make_shared<Options>();
  add_input_options(*cmd, opts->input);
  cmd->add_flag("--tokenize-only", opts->tokenize_only,
                "Only split sentences and tokens (no tagging or parsing; needs no model)");
  cmd->add_flag("--keep", opts->keep,
                "CoNLL-U input: keep the tags, lemmas, features and tree it has; predict only the columns it lacks");
  cmd->add_flag("--offsets", opts->offsets, "Add TokenRange=start:end byte offsets to the MISC column");
  add_model_option(*cmd, opts->model);
  cmd->add_option("-j,--threads", opts->threads, "Worker threads (the output is the same for any number)")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Output file (- for stdout)")->capture_default_str();
  cmd->footer(
      "Raw text, HTML and JSONL go through the tokenizer; CoNLL-U keeps its tokens (and sentences), and its\n"
      "UPOS, XPOS, lemmas, features and tree are predicted afresh (enhanced DEPS dropped) unless --keep.");

  return [opts] {
    ReadOptions read;
    if (!make_read_options(opts->input, read)) return kExitFatal;
    std::unique_ptr<NlpModel> model;
    if (!opts->tokenize_only) {
      model = load_nlp_model(opts->model, "use --tokenize-only to split sentences and tokens only");
      if (!model) return kExitFatal;
    }
    std::unique_ptr<std::ostream> file;
    std::ostream* out = open_output(opts->output, file);
    if (!out) return kExitFatal;
    Diagnostics diag;
    DocumentReader reader(opts->input.paths, read, diag);
    ConlluWriteOptions write;
    write.write_offsets = opts->offsets;
    const NlpModel* nlp = model.get();
    const bool keep = opts->keep;
    for_each_document(
        reader, opts->threads,
        [nlp, keep](Document& doc) {
          const bool conllu = doc.format == InputFormat::Conllu;
          if (!conllu) prepare_document(doc);
          if (!nlp) return;
          const NlpAnnotateOptions what = conllu && keep ? missing_columns(doc) : NlpAnnotateOptions{};
          if (what.parse) {
            // A new tree: an enhanced graph read with the old one no longer fits it.
            for (Sentence& s : doc.sentences) {
              s.empty_nodes.clear();
              for (Token& t : s.tokens) t.deps.clear();
            }
          }
          if (what.tag || what.lemmatize || what.features || what.parse) nlp->annotate(doc, what);
        },
        [&](const Document& doc) { write_conllu(*out, doc, write); });
    out->flush();
    if (!*out) {
      std::cerr << "kestrel: error: cannot write " << (opts->output == "-" ? "stdout" : opts->output) << '\n';
      return kExitFatal;
    }
    return diag.errors() > 0 ? kExitInputErrors : kExitOk;
  };
}

}  // namespace kestrel::cli
