#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace kestrel::cli {
namespace {

// Until the event coder lands, `code` shows what the pipeline knows so far:
// documents, their segments and tokens.
void write_text(std::ostream& out, const Document& doc) {
  out << "# document " << doc.id << "  (" << input_format_name(doc.format) << ", " << doc.text.size() << " bytes"
      << (doc.date.empty() ? std::string(", no date") : ", date " + doc.date) << ")\n";
  if (!doc.title.empty()) out << "# title: " << doc.title << '\n';
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    out << '[' << i << "] " << segment_kind_name(s.kind) << " p" << s.paragraph << " @" << s.start << '-' << s.end
        << ": ";
    for (std::size_t t = 0; t < s.tokens.size(); ++t) out << (t ? " " : "") << s.tokens[t].form;
    out << '\n';
  }
  out << '\n';
}

void write_json(std::ostream& out, const Document& doc) {
  nlohmann::json j;
  j["doc_id"] = doc.id;
  j["path"] = doc.path;
  if (!doc.date.empty()) j["date"] = doc.date;
  if (!doc.title.empty()) j["title"] = doc.title;
  nlohmann::json sentences = nlohmann::json::array();
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    nlohmann::json tokens = nlohmann::json::array();
    for (const Token& t : s.tokens) tokens.push_back({t.form, t.start, t.end});
    sentences.push_back({{"sentence", i},
                         {"kind", segment_kind_name(s.kind)},
                         {"start", s.start},
                         {"end", s.end},
                         {"text", doc.text.substr(s.start, s.end - s.start)},
                         {"tokens", std::move(tokens)}});
  }
  j["sentences"] = std::move(sentences);
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace

Action add_code_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("code", "Code events from news articles");
  struct Options {
    InputOptions input;
    std::string format = "text";
    std::string output = "-";
  };
  auto opts = std::make_shared<Options>();
  add_input_options(*cmd, opts->input);
  cmd->add_option("--format", opts->format, "Output: text (readable) or jsonl")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
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
    Diagnostics diag;
    DocumentReader reader(opts->input.paths, read, diag);
    Document doc;
    while (reader.next(doc)) {
      if (doc.format != InputFormat::Conllu) prepare_document(doc);
      if (doc.date.empty()) diag.warning(doc.path, doc.line, "document " + doc.id + " has no date (use --date)");
      if (opts->format == "jsonl") write_json(*out, doc); else write_text(*out, doc);
    }
    out->flush();
    return diag.errors() > 0 ? kExitInputErrors : kExitOk;
  };
}

}  // namespace kestrel::cli
