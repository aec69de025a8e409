// `kestrel export --db FILE --format gdelt|gdelt-mentions|plover|csv|jsonl|conllu`.
#include <iostream>

#include "cli/commands.h"
#include "cli/store_cli.h"

namespace kestrel::cli {

Action add_export_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("export", "Write stored events as GDELT 2.0 TSV, PLOVER JSONL, CSV, JSONL, or the "
                                           "stored parses as CoNLL-U (docs/formats.md)");
  struct Options {
    FilterOptions filter;
    std::string format;
    bool mentions = false;
    bool no_header = false;
    std::string output = "-";
  };
  auto opts = std::make_shared<Options>();
  add_filter_options(*cmd, opts->filter);
  cmd->add_option("--format", opts->format,
                  "gdelt (61-column event TSV), gdelt-mentions (16-column TSV), plover (JSONL), csv, jsonl, "
                  "conllu (parses of the documents holding the selected events; all when unfiltered)")
      ->required()
      ->check(CLI::IsMember({"gdelt", "gdelt-mentions", "plover", "csv", "jsonl", "conllu"}));
  cmd->add_flag("--mentions", opts->mentions, "csv, jsonl, plover: one record per mention instead of per event");
  cmd->add_flag("--no-header", opts->no_header, "csv: no header line");
  cmd->add_option("-o,--output", opts->output, "Output file (- for stdout)")->capture_default_str();

  return [opts] {
    EventFilter filter;
    if (!make_filter(opts->filter, filter)) return kExitFatal;
    ExportOptions eo;
    parse_export_format(opts->format, eo.format);
    eo.mentions = opts->mentions;
    eo.header = !opts->no_header;
    auto store = open_store_for_reading(opts->filter.db);
    if (!store) return kExitFatal;
    std::unique_ptr<std::ostream> holder;
    std::ostream* out = open_output(opts->output, holder);
    if (!out) return kExitFatal;
    ExportResult result;
    std::string error;
    bool ok = export_events(*store, filter, eo, *out, result, error);
    out->flush();
    if (!ok || !*out) {
      std::cerr << "kestrel: error: export: " << (error.empty() ? "write failed" : error) << '\n';
      return kExitFatal;
    }
    if (opts->output != "-") std::cerr << "kestrel: wrote " << result.records << " records to " << opts->output << '\n';
    return kExitOk;
  };
}

}  // namespace kestrel::cli
