#include <iostream>

#include "cli/commands.h"

namespace kestrel::cli {

Action add_train_command(CLI::App& app) {
  app.add_subcommand("train", "Train models (joins when the NLP stage lands)");
  return [] {
    std::cerr << "kestrel: error: training is not available in this build yet\n";
    return kExitFatal;
  };
}

Action add_eval_command(CLI::App& app) {
  app.add_subcommand("eval", "Evaluate against gold data (joins when the NLP stage lands)");
  return [] {
    std::cerr << "kestrel: error: evaluation is not available in this build yet\n";
    return kExitFatal;
  };
}

}  // namespace kestrel::cli
