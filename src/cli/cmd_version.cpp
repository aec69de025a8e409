#include <iostream>

#include "base/model_file.h"
#include "cli/commands.h"

namespace kestrel::cli {

Action add_version_command(CLI::App& app) {
  app.add_subcommand("version", "Print Kestrel's version and the data files it would use");
  return [] {
    std::cout << "kestrel " << KESTREL_VERSION << '\n';
    for (const char* file : {"models/nlp.kmodel", "models/sentences.kmodel"}) {
      std::string path = find_data_file(file);
      std::cout << "  " << file << ": " << (path.empty() ? "(not found)" : path) << '\n';
    }
    return 0;
  };
}

}  // namespace kestrel::cli
