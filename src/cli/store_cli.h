// What `kestrel query`, `stats` and `export` share: the event filter options,
// opening a store for reading, and aligned-table / CSV output.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace kestrel::cli {

struct FilterOptions {
  std::string db = "kestrel.db";  // what `kestrel code --db kestrel.db` (the demo) writes
  std::vector<std::string> actors, countries, sectors, entities, cameo, plover, places, place_countries;
  std::vector<int> quad;
  std::string side = "either";
  std::string dyad;
  bool directed = false;
  std::string from, to, month;
  std::string text;
  bool no_negated = false;
};

// --db (required) and every filter option.
void add_filter_options(CLI::App& cmd, FilterOptions& options);
// Validates the options into a filter; false (after printing why) on a usage error.
bool make_filter(const FilterOptions& options, EventFilter& out);
// Opens the store read-only; nullptr (after printing why) on failure.
std::unique_ptr<EventStore> open_store_for_reading(const std::string& path);

// Columns padded to their widest cell (counted in UTF-8 characters);
// numeric columns right-aligned.
void write_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);

}  // namespace kestrel::cli
