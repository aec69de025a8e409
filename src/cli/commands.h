// The kestrel command line: one function per subcommand, registered on the
// CLI11 app by main(). Each returns an exit code (see base/diagnostics.h).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "nlp/nlp.h"
#include "text/text.h"

namespace kestrel::cli {

// A subcommand adds itself to `app` and returns the action run when it is chosen.
using Action = std::function<int()>;

Action add_version_command(CLI::App& app);
Action add_parse_command(CLI::App& app);
Action add_code_command(CLI::App& app);
Action add_train_command(CLI::App& app);
Action add_eval_command(CLI::App& app);
Action add_dict_command(CLI::App& app);
Action add_actors_command(CLI::App& app);
// Reading the event store (cli/store_cli.h has what they share).
Action add_query_command(CLI::App& app);
Action add_stats_command(CLI::App& app);
Action add_export_command(CLI::App& app);
// Adds "actors" under the existing `eval` subcommand.
Action add_eval_actors_command(CLI::App& eval);

// Options shared by every command that reads documents.
struct InputOptions {
  std::vector<std::string> paths;
  std::string format = "auto";
  std::string date;
};
void add_input_options(CLI::App& cmd, InputOptions& options);
// Validates the options into ReadOptions; false (after printing why) on a usage error.
bool make_read_options(const InputOptions& options, ReadOptions& out);

// The tagger and parser of `--model FILE` (empty = the shipped
// data/models/nlp.kmodel, found with find_data_file). On failure prints
// "kestrel: error: ..." naming the file and the problem, plus `hint` when
// the shipped model is missing, and returns nullptr. `path` receives the file
// used and `seconds` the load time, when given.
std::unique_ptr<NlpModel> load_nlp_model(const std::string& model_option, const std::string& hint = {},
                                         std::string* path = nullptr, double* seconds = nullptr);
// Adds `--model FILE` to a command.
void add_model_option(CLI::App& cmd, std::string& model);

// Opens `path` for writing ("-" = stdout, else truncated); nullptr (after
// printing "kestrel: error: cannot write PATH") on failure. `holder` owns
// the file, so it must outlive the returned stream.
std::ostream* open_output(const std::string& path, std::unique_ptr<std::ostream>& holder);

}  // namespace kestrel::cli
