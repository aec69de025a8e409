// `kestrel stats --db FILE [filters] [--by KEY]...`: event counts, mentions and
// Goldstein sums grouped by time, dyad, actor or event type; without --by,
// an overview of the store.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/store_cli.h"

namespace kestrel::cli {
namespace {

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::vector<std::string> cells(const StatsRow& r) {
  std::vector<std::string> c = r.keys;
  for (std::string& k : c)
    if (k.empty()) k = "(undated)";
  c.push_back(std::to_string(r.events));
  c.push_back(std::to_string(r.mentions));
  c.push_back(std::to_string(r.articles));
  c.push_back(fixed(r.goldstein_sum, 1));
  c.push_back(fixed(r.goldstein_mean(), 2));
  return c;
}

bool print_grouped(std::ostream& out, const EventStore& store, const EventFilter& filter, const StatsQuery& q,
                   const std::string& format, std::string& error) {
  std::vector<StatsRow> rows;
  if (!event_stats(store, filter, q, rows, error)) return false;
  std::vector<std::string> header;
  for (StatsKey k : q.by) header.emplace_back(stats_key_name(k));
  for (const char* h : {"events", "mentions", "articles", "goldstein_sum", "goldstein_mean"}) header.emplace_back(h);
  if (format == "json") {
    for (const StatsRow& r : rows) {
      nlohmann::json j;
      for (std::size_t i = 0; i < q.by.size(); ++i) j[std::string(stats_key_name(q.by[i]))] = r.keys[i];
      j["events"] = r.events;
      j["mentions"] = r.mentions;
      j["articles"] = r.articles;
      j["goldstein_sum"] = r.goldstein_sum;
      j["goldstein_mean"] = r.goldstein_mean();
      out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    return true;
  }
  if (format == "csv") {
    write_csv_row(out, header);
    for (const StatsRow& r : rows) {
      auto c = cells(r);
      for (std::size_t i = 0; i < r.keys.size(); ++i) c[i] = r.keys[i];
      write_csv_row(out, c);
    }
    return true;
  }
  for (std::string& h : header)
    for (char& ch : h) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  std::vector<std::vector<std::string>> table;
  for (const StatsRow& r : rows) table.push_back(cells(r));
  write_table(out, header, table);
  return true;
}

}  // namespace

Action add_stats_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("stats", "Count stored events by time, dyad, actor or event type");
  struct Options {
    FilterOptions filter;
    std::vector<std::string> by;
    std::size_t top = 0;
    bool by_count = false;
    std::string format = "table";
  };
  auto opts = std::make_shared<Options>();
  add_filter_options(*cmd, opts->filter);
  cmd->add_option("--by", opts->by,
                  "Group by: day, week (its Monday), month, year, dyad, source, target, actor (either side), cameo, "
                  "root, plover, quad; repeatable (e.g. --by dyad --by month)")
      ->check(CLI::IsMember({"day", "week", "month", "year", "dyad", "source", "target", "actor", "cameo", "root",
                             "plover", "quad"}));
  cmd->add_option("--top", opts->top, "Only the N largest groups (sorted by events)");
  cmd->add_flag("--sort-count", opts->by_count, "Sort by event count, largest first (default: by the keys)");
  cmd->add_option("--format", opts->format, "Output: table, csv or json (one object per line)")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();

  return [opts] {
    EventFilter filter;
    if (!make_filter(opts->filter, filter)) return kExitFatal;
    auto store = open_store_for_reading(opts->filter.db);
    if (!store) return kExitFatal;
    std::string error;
    auto fail = [&] {
      std::cerr << "kestrel: error: " << opts->filter.db << ": " << error << '\n';
      return kExitFatal;
    };
    if (!opts->by.empty()) {
      StatsQuery q;
      for (const std::string& name : opts->by) {
        StatsKey k{};
        parse_stats_key(name, k);
        q.by.push_back(k);
      }
      q.limit = opts->top;
      q.by_count = opts->by_count || opts->top > 0;
      if (!print_grouped(std::cout, *store, filter, q, opts->format, error)) return fail();
      return kExitOk;
    }
    // Overview: what the store holds, then the largest groups of each kind.
    StoreCounts c;
    if (!store->counts(c, error)) return fail();
    std::cout << "documents " << c.documents << ", sentences " << c.sentences << ", actor mentions "
              << c.actor_mentions << " (" << c.entities << " entities), events " << c.events << " (" << c.event_mentions
              << " mentions), places " << c.places << ", quotes " << c.quotes << ", attributions "
              << c.attributions << "\n";
    const std::size_t top = opts->top ? opts->top : 10;
    const std::pair<const char*, StatsKey> sections[] = {{"by quad class", StatsKey::Quad},
                                                         {"top actors (source or target)", StatsKey::Actor},
                                                         {"top dyads (source-target)", StatsKey::Dyad},
                                                         {"top event roots (CAMEO)", StatsKey::Root},
                                                         {"top PLOVER types", StatsKey::Plover},
                                                         {"by year", StatsKey::Year}};
    for (const auto& [title, key] : sections) {
      StatsQuery q;
      q.by = {key};
      bool chronological = key == StatsKey::Quad || key == StatsKey::Year;
      q.by_count = !chronological;
      q.limit = chronological ? 0 : top;
      std::cout << "\n" << title << "\n";
      if (!print_grouped(std::cout, *store, filter, q, opts->format, error)) return fail();
    }
    return kExitOk;
  };
}

}  // namespace kestrel::cli
