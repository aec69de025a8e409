#include <iostream>

#include "actors/actors.h"
#include "cli/commands.h"

namespace kestrel::cli {

Action add_dict_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("dict", "Inspect and validate dictionaries");
  auto* check = cmd->add_subcommand("check", "Validate dictionary files; print what they hold");
  cmd->require_subcommand(1);
  auto files = std::make_shared<std::vector<std::string>>();
  check->add_option("files", *files, "Dictionary files (default: the shipped data/actors/*.txt)");
  return [files] {
    std::vector<std::string> paths = *files;
    if (paths.empty()) paths = ActorDictionary::default_files();
    if (paths.empty()) {
      std::cerr << "kestrel: error: no dictionary files found (set KESTREL_DATA)\n";
      return kExitFatal;
    }
    Diagnostics diag;
    auto dict = ActorDictionary::load(paths, diag);
    ActorCounts c = dict->counts();
    std::cout << "actors: " << paths.size() << " files, " << c.countries << " countries, " << c.people << " people ("
              << c.roles << " roles), " << c.igos << " IGOs, " << c.ngos << " NGOs, " << c.groups
              << " armed groups, " << c.agent_phrases << " agent phrases, " << c.names << " names\n";
    std::cout << (diag.errors() ? std::to_string(diag.errors()) + " errors" : std::string("no errors")) << ", "
              << diag.warnings() << " warnings\n";
    return diag.errors() > 0 ? kExitInputErrors : kExitOk;
  };
}

}  // namespace kestrel::cli
