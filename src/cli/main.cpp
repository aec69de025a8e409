#include <iostream>
#include <map>

#include "base/diagnostics.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"Kestrel: political event data from news text.\n"
               "Reads articles, finds who did what to whom, when and where, and codes it in CAMEO and PLOVER."};
  app.name("kestrel");
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Help for every subcommand");

  std::map<CLI::App*, kestrel::cli::Action> actions;
  for (auto add : {kestrel::cli::add_code_command, kestrel::cli::add_parse_command, kestrel::cli::add_train_command,
                   kestrel::cli::add_eval_command, kestrel::cli::add_dict_command,
                   kestrel::cli::add_actors_command, kestrel::cli::add_query_command,
                   kestrel::cli::add_stats_command, kestrel::cli::add_export_command,
                   kestrel::cli::add_version_command}) {
    kestrel::cli::Action action = add(app);
    actions[app.get_subcommands({}).back()] = std::move(action);
  }
  // Sub-subcommands added to an existing command; run before their parent's action.
  if (CLI::App* eval = app.get_subcommand_ptr("eval").get()) {
    kestrel::cli::Action action = kestrel::cli::add_eval_actors_command(*eval);
    actions[eval->get_subcommands({}).back()] = std::move(action);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kestrel::kExitOk : kestrel::kExitFatal;
  }
  for (CLI::App* sub : app.get_subcommands()) {
    for (CLI::App* inner : sub->get_subcommands())
      if (actions.count(inner)) sub = inner;
    auto it = actions.find(sub);
    if (it != actions.end()) {
      try {
        return it->second();
      } catch (const std::exception& e) {
        std::cerr << "kestrel: fatal: " << e.what() << '\n';
        return kestrel::kExitFatal;
      }
    }
  }
  return kestrel::kExitFatal;
}
