// `kestrel query --db FILE [filters]`: stored events as a table, CSV or JSON
// lines; and the filter options and output helpers `stats` and `export` share.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/store_cli.h"

namespace kestrel::cli {
namespace {

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// At most `width` characters, cut on a character boundary.
std::string clip(const std::string& s, std::size_t width) {
  if (utf8_length(s) <= width) return s;
  std::size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars > width - 1) break;
  }
  return s.substr(0, i) + "…";
}

// Counts and scores are right-aligned; codes with a leading zero ("04",
// "040"), dates and names are not.
bool numeric(const std::string& s) {
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i >= s.size() || (s[i] == '0' && i + 1 < s.size() && s[i + 1] != '.')) return false;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') digits = true;
    else if (s[i] == '.' && !dot && digits) dot = true;
    else return false;
  }
  return digits && s.back() != '.';
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string actor_cell(const ActorRow& a) { return a.present() ? a.code : "-"; }

}  // namespace

void add_filter_options(CLI::App& cmd, FilterOptions& o) {
  cmd.add_option("--db", o.db, "Event store (SQLite file written by kestrel code --db)")->capture_default_str();
  cmd.add_option("--actor", o.actors, "Actor code or code prefix (BLR, BLRGOV, IGOEUR); repeatable");
  cmd.add_option("--country", o.countries,
                 "Country the actor belongs to (ISO3: the first segment of its code), or IGO, NGO, IMG; repeatable");
  cmd.add_option("--sector", o.sectors, "Actor primary sector (GOV, MIL, REB...); repeatable");
  cmd.add_option("--entity", o.entities, "Named entity: dictionary id or canonical name (any case); repeatable");
  cmd.add_option("--side", o.side, "Which actor --actor/--country/--sector/--entity look at")
      ->check(CLI::IsMember({"either", "source", "target"}))
      ->capture_default_str();
  cmd.add_option("--dyad", o.dyad, "Dyad A-B of actor-code prefixes, usually countries (BLR-CHN, RUSMIL-UKR); "
                                   "either direction");
  cmd.add_flag("--directed", o.directed, "With --dyad: only events from A to B");
  cmd.add_option("--cameo", o.cameo, "CAMEO code or prefix (19 = root 19, 042); repeatable");
  cmd.add_option("--plover", o.plover, "PLOVER event type (CONSULT, ASSAULT...); repeatable");
  cmd.add_option("--quad", o.quad, "Quad class 1-4; repeatable")->check(CLI::Range(1, 4));
  cmd.add_option("--from", o.from, "First date (YYYY, YYYY-MM or YYYY-MM-DD)");
  cmd.add_option("--to", o.to, "Last date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive");
  cmd.add_option("--month", o.month, "One month (YYYY-MM): same as --from M --to M");
  cmd.add_option("--place", o.places, "Name of the event's place (any case); repeatable");
  cmd.add_option("--place-country", o.place_countries, "Country (ISO3) of the event's place; repeatable");
  cmd.add_option("--text", o.text, "Words in a mention's evidence or sentence (ASCII case-insensitive)");
  cmd.add_flag("--no-negated", o.no_negated, "Leave out events coded from negated predicates");
}

bool make_filter(const FilterOptions& o, EventFilter& f) {
  f.actors = o.actors;
  f.countries = o.countries;
  f.sectors = o.sectors;
  f.entities = o.entities;
  f.side = o.side == "source" ? ActorSide::Source : o.side == "target" ? ActorSide::Target : ActorSide::Either;
  if (!o.dyad.empty()) {
    std::string error;
    if (!parse_dyad(o.dyad, f, error)) {
      std::cerr << "kestrel: error: --dyad: " << error << '\n';
      return false;
    }
  }
  f.directed = o.directed;
  f.cameo = o.cameo;
  f.plover = o.plover;
  f.quad_classes = o.quad;
  auto bound = [](const std::string& text, bool end, const char* name, std::int32_t& out) {
    if (text.empty()) return true;
    out = parse_day_bound(text, end);
    if (out == 0) std::cerr << "kestrel: error: " << name << " '" << text << "' is not YYYY, YYYY-MM or YYYY-MM-DD\n";
    return out != 0;
  };
  if (!o.month.empty() && (o.month.size() != 7 || !bound(o.month, false, "--month", f.day_from) ||
                           !bound(o.month, true, "--month", f.day_to))) {
    if (o.month.size() != 7) std::cerr << "kestrel: error: --month '" << o.month << "' is not YYYY-MM\n";
    return false;
  }
  if (!bound(o.from, false, "--from", f.day_from) || !bound(o.to, true, "--to", f.day_to)) return false;
  f.places = o.places;
  f.place_countries = o.place_countries;
  f.text = o.text;
  f.include_negated = !o.no_negated;
  return true;
}

std::unique_ptr<EventStore> open_store_for_reading(const std::string& path) {
  StoreOptions options;
  options.read_only = true;
  std::string error;
  auto store = EventStore::open(path, options, error);
  if (!store) std::cerr << "kestrel: error: " << error << '\n';
  return store;
}

void write_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size());
  std::vector<bool> right(header.size(), true);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = utf8_length(header[c]);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) {
      width[c] = std::max(width[c], utf8_length(row[c]));
      if (!row[c].empty() && row[c] != "-" && !numeric(row[c])) right[c] = false;
    }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : std::string();
      std::string pad(width[c] - std::min(width[c], utf8_length(cell)), ' ');
      if (c + 1 == width.size() && !right[c]) pad.clear();  // no trailing blanks
      s += (c ? "  " : "") + (right[c] ? pad + cell : cell + pad);
    }
    out << s << '\n';
  };
  line(header);
  for (const auto& row : rows) line(row);
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string& s = cells[i];
    if (i) out << ',';
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
      out << s;
      continue;
    }
    out << '"';
    for (char c : s) out << (c == '"' ? "\"\"" : std::string(1, c));
    out << '"';
  }
  out << '\n';
}

Action add_query_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("query", "Find stored events by actor, dyad, code, date, place or text");
  struct Options {
    FilterOptions filter;
    std::string format = "table";
    bool mentions = false;
    std::size_t limit = 100;
    std::size_t offset = 0;
    std::string output = "-";
  };
  auto opts = std::make_shared<Options>();
  add_filter_options(*cmd, opts->filter);
  cmd->add_option("--format", opts->format, "Output: table (aligned), csv or json (one object per line)")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  cmd->add_flag("--mentions", opts->mentions, "One row per mention (every report, with its evidence)");
  cmd->add_option("--limit", opts->limit, "At most this many rows (0 = all)")->capture_default_str();
  cmd->add_option("--offset", opts->offset, "Skip this many rows first")->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Output file (- for stdout)")->capture_default_str();

  return [opts] {
    EventFilter filter;
    if (!make_filter(opts->filter, filter)) return kExitFatal;
    filter.limit = opts->limit;
    filter.offset = opts->offset;
    auto store = open_store_for_reading(opts->filter.db);
    if (!store) return kExitFatal;
    std::unique_ptr<std::ostream> holder;
    std::ostream* out = open_output(opts->output, holder);
    if (!out) return kExitFatal;
    std::string error;
    std::size_t rows_written = 0;
    bool ok = true;
    if (opts->format == "csv" || opts->format == "json") {
      ExportOptions eo;
      eo.format = opts->format == "csv" ? ExportFormat::Csv : ExportFormat::Jsonl;
      eo.mentions = opts->mentions;
      ExportResult result;
      ok = export_events(*store, filter, eo, *out, result, error);
      rows_written = result.records;
    } else if (opts->mentions) {
      std::vector<std::vector<std::string>> rows;
      ok = for_each_mention(*store, filter, [&](const MentionRow& m) {
        rows.push_back({std::to_string(m.event_id), std::to_string(m.id), m.date.empty() ? "-" : m.date, m.doc_key,
                        std::to_string(m.sentence), actor_cell(m.source), actor_cell(m.target), m.cameo,
                        m.modality + (m.negated ? ",negated" : ""), clip(m.evidence_text, 80)});
        return true;
      }, error);
      write_table(*out, {"EVENT", "MENTION", "DATE", "DOC", "SENT", "SOURCE", "TARGET", "CAMEO", "MODALITY", "EVIDENCE"},
                  rows);
      rows_written = rows.size();
    } else {
      std::vector<std::vector<std::string>> rows;
      ok = for_each_event(*store, filter, [&](const EventRow& e) {
        rows.push_back({std::to_string(e.id), e.date.empty() ? "-" : e.date, actor_cell(e.source),
                        actor_cell(e.target), e.cameo, e.plover_event.empty() ? "-" : e.plover_event,
                        std::to_string(e.quad_class), number(e.goldstein), std::to_string(e.num_mentions),
                        std::to_string(e.num_articles), std::to_string(e.num_sources),
                        e.place ? e.place->name : "-", clip(e.first.evidence_text, 70)});
        return true;
      }, error);
      write_table(*out, {"EVENT", "DATE", "SOURCE", "TARGET", "CAMEO", "PLOVER", "QUAD", "GOLDSTEIN", "MENTIONS",
                         "ARTICLES", "SOURCES", "PLACE", "EVIDENCE"},
                  rows);
      rows_written = rows.size();
    }
    out->flush();
    if (!ok) {
      std::cerr << "kestrel: error: " << opts->filter.db << ": " << error << '\n';
      return kExitFatal;
    }
    if (opts->limit && rows_written == opts->limit && !opts->mentions) {
      std::int64_t total = 0;
      EventFilter all = filter;
      all.limit = all.offset = 0;
      if (count_events(*store, all, total, error) && total > static_cast<std::int64_t>(opts->offset + rows_written))
        std::cerr << "kestrel: showing " << rows_written << " of " << total << " events (--limit 0 for all)\n";
    }
    return kExitOk;
  };
}

}  // namespace kestrel::cli
