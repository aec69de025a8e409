// Loading the NLP model for the commands that tag and parse (parse, code,
// eval parse/events/actors).
#include <chrono>
#include <iostream>

#include "base/model_file.h"
#include "cli/commands.h"

namespace kestrel::cli {

std::unique_ptr<NlpModel> load_nlp_model(const std::string& model_option, const std::string& hint, std::string* path,
                                         double* seconds) {
  std::string file = model_option;
  if (file.empty()) {
    file = find_data_file("models/nlp.kmodel");
    if (file.empty()) {
      std::cerr << "kestrel: error: no NLP model: data/models/nlp.kmodel was not found (set KESTREL_DATA to the "
                   "data directory, or give one with --model FILE)"
                << (hint.empty() ? "" : "; ") << hint << '\n';
      return nullptr;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::string error;
  auto model = NlpModel::load(file, error);
  if (!model) {
    std::cerr << "kestrel: error: " << (error.empty() ? file + ": cannot load the NLP model" : error) << '\n';
    return nullptr;
  }
  if (path) *path = file;
  if (seconds) *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return model;
}

void add_model_option(CLI::App& cmd, std::string& model) {
  cmd.add_option("--model", model, "NLP model file (tagger, lemmatizer, parser); default: data/models/nlp.kmodel");
}

}  // namespace kestrel::cli
