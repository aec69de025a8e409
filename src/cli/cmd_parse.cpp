#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "nlp/nlp.h"

namespace kestrel::cli {

Action add_parse_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("parse", "Tokenize, tag and parse text; write CoNLL-U");
  struct Options {
    InputOptions input;
    bool tokenize_only = false;
    bool offsets = false;
    std::string output = "-";
  };
  auto opts = std::make_shared<Options>();
  add_input_options(*cmd, opts->input);
  cmd->add_flag("--tokenize-only", opts->tokenize_only, "Only split sentences and tokens (no tagging or parsing)");
  cmd->add_flag("--offsets", opts->offsets, "Add TokenRange=start:end byte offsets to the MISC column");
  cmd->add_option("-o,--output", opts->output, "Output file (- for stdout)")->capture_default_str();

  return [opts] {
    ReadOptions read;
    if (!make_read_options(opts->input, read)) return kExitFatal;
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (opts->output != "-") {
      file.open(opts->output, std::ios::binary | std::ios::trunc);
      if (!file) {
        std::cerr << "kestrel: error: cannot write " << opts->output << '\n';
        return kExitFatal;
      }
      out = &file;
    }
    if (!opts->tokenize_only) {
      std::cerr << "kestrel: error: the tagger and parser are not built yet; use --tokenize-only\n";
      return kExitFatal;
    }
    Diagnostics diag;
    DocumentReader reader(opts->input.paths, read, diag);
    ConlluWriteOptions write;
    write.write_offsets = opts->offsets;
    Document doc;
    while (reader.next(doc)) {
      if (doc.format != InputFormat::Conllu) prepare_document(doc);
      write_conllu(*out, doc, write);
    }
    out->flush();
    return diag.errors() > 0 ? kExitInputErrors : kExitOk;
  };
}

}  // namespace kestrel::cli
