#include <fstream>
#include <iostream>

#include "cli/commands.h"

namespace kestrel::cli {

void add_input_options(CLI::App& cmd, InputOptions& options) {
  cmd.add_option("inputs", options.paths, "Files or directories to read (recursively); - reads stdin")
      ->required();
  cmd.add_option("--input-format", options.format,
                 "Input format: auto (by extension, else by content), text, jsonl, html, conllu")
      ->capture_default_str();
  cmd.add_option("--date", options.date, "Publication date (YYYY-MM-DD) for documents that carry none");
}

bool make_read_options(const InputOptions& options, ReadOptions& out) {
  if (!parse_input_format(options.format, out.format)) {
    std::cerr << "kestrel: error: unknown --input-format '" << options.format
              << "' (expected auto, text, jsonl, html or conllu)\n";
    return false;
  }
  if (!options.date.empty()) {
    out.default_date = normalize_metadata_date(options.date);
    if (out.default_date.empty()) {
      std::cerr << "kestrel: error: --date '" << options.date << "' is not a date (use YYYY-MM-DD)\n";
      return false;
    }
  }
  return true;
}

std::ostream* open_output(const std::string& path, std::unique_ptr<std::ostream>& holder) {
  if (path == "-") return &std::cout;
  auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file) {
    std::cerr << "kestrel: error: cannot write " << path << '\n';
    return nullptr;
  }
  holder = std::move(file);
  return holder.get();
}

}  // namespace kestrel::cli
