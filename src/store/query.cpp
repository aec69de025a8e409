// Reading the store: filters turned into SQL over the indexed `events`
// table, event and mention rows, grouped statistics.
#include <variant>

#include "store/store_impl.h"

namespace kestrel {
namespace {

using store::Statement;
using Param = std::variant<std::int64_t, double, std::string>;

// A WHERE clause and the values of its `?` placeholders, in order.
struct Where {
  std::string sql;
  std::vector<Param> params;

  void add(const std::string& clause) { sql += (sql.empty() ? "" : " AND ") + clause; }
};

void bind_all(Statement& st, const std::vector<Param>& params, int first = 1) {
  int i = first;
  for (const Param& p : params) {
    if (const auto* n = std::get_if<std::int64_t>(&p)) st.bind(i, *n);
    else if (const auto* d = std::get_if<double>(&p)) st.bind(i, *d);
    else st.bind(i, std::get<std::string>(p));
    ++i;
  }
}

// The smallest string greater than every string starting with `prefix`
// (codes are ASCII, so bumping the last byte is enough).
std::string prefix_end(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (prefix.empty()) return "\xFF";
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

// "(a OR b OR ...)" over `values`, each clause made by `one` (which adds
// its own parameters).
template <typename One>
std::string any_of(const std::vector<std::string>& values, Where& w, One&& one) {
  std::string sql = "(";
  for (std::size_t i = 0; i < values.size(); ++i) sql += (i ? " OR " : "") + one(values[i], w);
  return sql + ")";
}

// An actor side ("source" or "target") whose code starts with `x`. The first
// three letters are matched on the indexed root column (the country or
// IGO/NGO/...), the rest as a range of codes.
std::string side_matches(const std::string& side, const std::string& x, Where& w) {
  if (x.size() < 3) {
    w.params.emplace_back(x);
    w.params.emplace_back(prefix_end(x));
    return "(e." + side + "_code >= ? AND e." + side + "_code < ?)";
  }
  w.params.emplace_back(x.substr(0, 3));
  if (x.size() == 3) return "e." + side + "_root = ?";
  w.params.emplace_back(x);
  w.params.emplace_back(prefix_end(x));
  return "(e." + side + "_root = ? AND e." + side + "_code >= ? AND e." + side + "_code < ?)";
}

std::string escape_like(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

Where build_where(const EventFilter& f) {
  Where w;
  auto sides = [&](auto&& one_side) {
    std::vector<const char*> names;
    if (f.side != ActorSide::Target) names.push_back("source");
    if (f.side != ActorSide::Source) names.push_back("target");
    std::string sql = "(";
    for (std::size_t i = 0; i < names.size(); ++i) sql += (i ? " OR " : "") + one_side(names[i]);
    return sql + ")";
  };
  if (!f.actors.empty())
    w.add(sides([&](const char* side) {
      return any_of(f.actors, w,
                    [&](const std::string& code, Where& ww) { return side_matches(side, upper(code), ww); });
    }));
  auto in_list = [&](const char* side, const char* field, const std::vector<std::string>& values, bool up) {
    std::string sql = std::string("e.") + side + "_" + field + " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      sql += i ? ", ?" : "?";
      w.params.emplace_back(up ? upper(values[i]) : values[i]);
    }
    return sql + ")";
  };
  if (!f.countries.empty()) w.add(sides([&](const char* side) { return in_list(side, "root", f.countries, true); }));
  if (!f.sectors.empty()) w.add(sides([&](const char* side) { return in_list(side, "sector", f.sectors, true); }));
  if (!f.entities.empty())
    w.add(sides([&](const char* side) {
      return any_of(f.entities, w, [&](const std::string& name, Where& ww) {
        ww.params.emplace_back(name);
        ww.params.emplace_back(name);
        std::string s(side);
        // Per mention: one event can be reported with different people
        // holding the same code. The `<> ''` term lets SQLite use the
        // partial index on entities.
        return "e.id IN (SELECT m.event_id FROM event_mentions m WHERE m." + s + "_entity <> '' AND m." + s +
               "_entity IN (SELECT ? UNION SELECT entity FROM entities WHERE name = ? COLLATE NOCASE AND "
               "entity <> ''))";
      });
    }));
  if (!f.dyad_a.empty() && !f.dyad_b.empty()) {
    std::string a = upper(f.dyad_a), b = upper(f.dyad_b);
    // One call per statement: the parameters must be pushed in the order
    // their placeholders appear.
    auto pair = [&](const std::string& from, const std::string& to) {
      std::string sql = "(" + side_matches("source", from, w);
      sql += " AND " + side_matches("target", to, w);
      return sql + ")";
    };
    std::string forward = pair(a, b);
    if (f.directed) {
      w.add(forward);
    } else {
      std::string backward = pair(b, a);
      w.add("(" + forward + " OR " + backward + ")");
    }
  }
  if (!f.cameo.empty())
    w.add(any_of(f.cameo, w, [](const std::string& code, Where& ww) {
      ww.params.emplace_back(code);
      ww.params.emplace_back(prefix_end(code));
      return std::string("(e.cameo >= ? AND e.cameo < ?)");
    }));
  if (!f.plover.empty()) {
    std::string sql = "upper(e.plover_event) IN (";
    for (std::size_t i = 0; i < f.plover.size(); ++i) {
      sql += i ? ", ?" : "?";
      w.params.emplace_back(upper(f.plover[i]));
    }
    w.add(sql + ")");
  }
  if (!f.quad_classes.empty()) {
    std::string sql = "e.quad_class IN (";
    for (std::size_t i = 0; i < f.quad_classes.size(); ++i) {
      sql += i ? ", ?" : "?";
      w.params.emplace_back(std::int64_t{f.quad_classes[i]});
    }
    w.add(sql + ")");
  }
  if (f.day_from > 0) {
    w.add("e.day >= ?");
    w.params.emplace_back(std::int64_t{f.day_from});
  }
  if (f.day_to > 0) {
    w.add("e.day <= ?");
    w.params.emplace_back(std::int64_t{f.day_to});
  }
  if (!f.places.empty())
    w.add(any_of(f.places, w, [](const std::string& name, Where& ww) {
      ww.params.emplace_back(name);
      return std::string("e.place_id IN (SELECT id FROM places WHERE name = ? COLLATE NOCASE)");
    }));
  if (!f.place_countries.empty())
    w.add(any_of(f.place_countries, w, [](const std::string& c, Where& ww) {
      ww.params.emplace_back(upper(c));
      return std::string("e.place_id IN (SELECT id FROM places WHERE country = ?)");
    }));
  if (!f.text.empty()) {
    std::string like = "%" + escape_like(f.text) + "%";
    w.params.emplace_back(like);
    w.params.emplace_back(like);
    // Correlated, so the other filters (dates, dyads) choose the events
    // first and only their mentions are searched.
    w.add(
        "EXISTS (SELECT 1 FROM event_mentions m LEFT JOIN sentences s ON s.document_id = m.document_id "
        "AND s.sentence = m.sentence WHERE m.event_id = e.id AND (m.evidence_text LIKE ? ESCAPE '\\' OR "
        "s.text LIKE ? ESCAPE '\\'))");
  }
  if (!f.include_negated) w.add("e.negated = 0");
  return w;
}

std::string limit_sql(const EventFilter& f) {
  if (f.limit == 0 && f.offset == 0) return {};
  return " LIMIT " + (f.limit ? std::to_string(f.limit) : std::string("-1")) + " OFFSET " + std::to_string(f.offset);
}

// Columns of a mention row (m), its document (d), sentence (s), place (mp)
// and coder (c), read by read_mention() from column `at` on.
constexpr const char* kMentionColumns =
    "m.id, m.event_id, m.document_id, d.doc_key, d.url, d.title, d.outlet, d.path, d.date, m.sentence, m.date, "
    "m.date_resolution, m.date_origin, m.cameo, m.goldstein, m.quad_class, m.plover_event, m.plover_mode, "
    "m.plover_context, "
    "m.source_code, m.source_country, m.source_sector, m.source_entity, m.source_name, m.source_kind, m.source_text, "
    "m.target_code, m.target_country, m.target_sector, m.target_entity, m.target_name, m.target_kind, m.target_text, "
    "m.source_role, m.target_role, m.source_start, m.source_end, m.target_start, m.target_end, m.source_coreferent, "
    "m.target_coreferent, m.negated, m.modality, m.evidence_start, m.evidence_end, m.trigger_start, m.trigger_end, "
    "m.trigger_token, m.evidence_text, m.trigger_text, s.text, m.pattern_code, m.pattern_text, m.pattern_file, "
    "m.pattern_line, m.note, m.location_origin, m.lead, d.text_bytes, c.kestrel_version, c.model_checksum, "
    "c.dictionary_version, d.coded_at, e.day, "
    "mp.id, mp.geonames_id, mp.name, mp.country, mp.admin1, mp.feature, mp.kind, mp.level, mp.lat, mp.lon";

constexpr const char* kMentionJoins =
    " LEFT JOIN documents d ON d.id = m.document_id"
    " LEFT JOIN sentences s ON s.document_id = m.document_id AND s.sentence = m.sentence"
    " LEFT JOIN coders c ON c.id = m.coder_id"
    " LEFT JOIN places mp ON mp.id = m.place_id";

std::optional<PlaceRow> read_place(const Statement& st, int at) {
  if (st.is_null(at)) return std::nullopt;
  PlaceRow p;
  p.id = st.integer(at);
  p.geonames_id = static_cast<std::uint32_t>(st.integer(at + 1));
  p.name = st.text(at + 2);
  p.country = st.text(at + 3);
  p.admin1 = st.text(at + 4);
  p.feature = st.text(at + 5);
  p.kind = st.text(at + 6);
  p.level = static_cast<int>(st.integer(at + 7));
  p.lat = st.optional_real(at + 8);
  p.lon = st.optional_real(at + 9);
  return p;
}

void read_mention(const Statement& st, int at, MentionRow& m) {
  int i = at;
  auto u32 = [&](int col) { return static_cast<std::uint32_t>(st.integer(col)); };
  m.id = st.integer(i++);
  m.event_id = st.integer(i++);
  m.document_id = st.integer(i++);
  m.doc_key = st.text(i++);
  m.url = st.text(i++);
  m.title = st.text(i++);
  m.outlet = st.text(i++);
  m.path = st.text(i++);
  m.doc_date = st.text(i++);
  m.sentence = u32(i++);
  m.date = st.text(i++);
  m.date_resolution = st.text(i++);
  m.date_origin = st.text(i++);
  m.cameo = st.text(i++);
  m.goldstein = st.real(i++);
  m.quad_class = static_cast<int>(st.integer(i++));
  m.plover_event = st.text(i++);
  m.plover_mode = st.text(i++);
  m.plover_context = st.text(i++);
  for (ActorRow* a : {&m.source, &m.target}) {
    a->code = st.text(i++);
    a->country = st.text(i++);
    a->sector = st.text(i++);
    a->entity = st.text(i++);
    a->name = st.text(i++);
    a->kind = st.text(i++);
    a->text = st.text(i++);
  }
  m.source_role = st.text(i++);
  m.target_role = st.text(i++);
  m.source_start = u32(i++);
  m.source_end = u32(i++);
  m.target_start = u32(i++);
  m.target_end = u32(i++);
  m.source_coreferent = st.integer(i++) != 0;
  m.target_coreferent = st.integer(i++) != 0;
  m.negated = st.integer(i++) != 0;
  m.modality = st.text(i++);
  m.start = u32(i++);
  m.end = u32(i++);
  m.trigger_start = u32(i++);
  m.trigger_end = u32(i++);
  m.trigger_token = u32(i++);
  m.evidence_text = st.text(i++);
  m.trigger_text = st.text(i++);
  m.sentence_text = st.text(i++);
  m.pattern_code = st.text(i++);
  m.pattern_text = st.text(i++);
  m.pattern_file = st.text(i++);
  m.pattern_line = u32(i++);
  m.note = st.text(i++);
  m.location_origin = st.text(i++);
  m.lead = st.integer(i++) != 0;
  m.doc_bytes = static_cast<std::uint64_t>(st.integer(i++));
  m.kestrel_version = st.text(i++);
  m.model_checksum = st.text(i++);
  m.dictionary_version = st.text(i++);
  m.coded_at = st.text(i++);
  m.event_day = static_cast<std::int32_t>(st.integer(i++));
  m.place = read_place(st, i);
}

constexpr const char* kEventColumns =
    "e.id, e.day, e.date, e.source_code, e.source_country, e.source_sector, e.source_entity, e.source_name, "
    "e.source_kind, e.target_code, e.target_country, e.target_sector, e.target_entity, e.target_name, e.target_kind, "
    "e.cameo, e.goldstein, e.quad_class, e.plover_event, e.plover_mode, e.plover_context, e.negated, e.is_root, "
    "e.num_mentions, e.num_articles, e.num_sources, e.date_added, "
    "p.id, p.geonames_id, p.name, p.country, p.admin1, p.feature, p.kind, p.level, p.lat, p.lon";
constexpr int kEventColumnCount = 37;

void read_event(const Statement& st, EventRow& e) {
  int i = 0;
  e.id = st.integer(i++);
  e.day = static_cast<std::int32_t>(st.integer(i++));
  e.date = st.text(i++);
  for (ActorRow* a : {&e.source, &e.target}) {
    a->code = st.text(i++);
    a->country = st.text(i++);
    a->sector = st.text(i++);
    a->entity = st.text(i++);
    a->name = st.text(i++);
    a->kind = st.text(i++);
  }
  e.cameo = st.text(i++);
  e.goldstein = st.real(i++);
  e.quad_class = static_cast<int>(st.integer(i++));
  e.plover_event = st.text(i++);
  e.plover_mode = st.text(i++);
  e.plover_context = st.text(i++);
  e.negated = st.integer(i++) != 0;
  e.is_root = st.integer(i++) != 0;
  e.num_mentions = st.integer(i++);
  e.num_articles = st.integer(i++);
  e.num_sources = st.integer(i++);
  e.date_added = st.text(i++);
  e.place = read_place(st, i);
}

bool run_rows(sqlite3* db, const std::string& sql, const std::vector<Param>& params,
              const std::function<bool(const Statement&)>& row, std::string& error) {
  Statement st(db, sql, error);
  if (!st.ok()) return false;
  bind_all(st, params);
  int rc;
  while ((rc = st.step(error)) == SQLITE_ROW)
    if (!row(st)) return true;
  return rc == SQLITE_DONE;
}

// Grouping key of an actor side: the first segment of its code (its
// country, or IGO, NGO, ...), "(none)" when there is no such actor.
std::string actor_key(const std::string& side) {
  return "CASE WHEN e." + side + "_root <> '' THEN e." + side + "_root ELSE '(none)' END";
}

std::string stats_expression(StatsKey key) {
  switch (key) {
    case StatsKey::Day: return "e.date";
    case StatsKey::Week:
      return "CASE WHEN e.day % 100 = 0 THEN e.date ELSE date(e.date, '-6 days', 'weekday 1') END";
    case StatsKey::Month: return "substr(e.date, 1, 7)";
    case StatsKey::Year: return "substr(e.date, 1, 4)";
    case StatsKey::Dyad: return actor_key("source") + " || '-' || " + actor_key("target");
    case StatsKey::Source: return actor_key("source");
    case StatsKey::Target: return actor_key("target");
    case StatsKey::Actor: return "e.actor_key";
    case StatsKey::Cameo: return "e.cameo";
    case StatsKey::Root: return "substr(e.cameo, 1, 2)";
    case StatsKey::Plover: return "CASE WHEN e.plover_event = '' THEN '(none)' ELSE e.plover_event END";
    case StatsKey::Quad: return "CAST(e.quad_class AS TEXT)";
  }
  return "''";
}

}  // namespace

bool parse_dyad(std::string_view text, EventFilter& filter, std::string& error) {
  auto dash = text.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= text.size() ||
      text.find('-', dash + 1) != std::string_view::npos) {
    error = "dyad '" + std::string(text) + "' is not of the form A-B (e.g. BLR-CHN)";
    return false;
  }
  filter.dyad_a = upper(std::string(text.substr(0, dash)));
  filter.dyad_b = upper(std::string(text.substr(dash + 1)));
  return true;
}

std::int32_t parse_day_bound(std::string_view text, bool end) {
  std::int32_t day = store::day_number(text);
  if (day == 0) return 0;
  if (!end) return day;
  if (day % 10000 == 0) return day + 9999;  // whole year
  if (day % 100 == 0) return day + 99;      // whole month (partial dates included)
  return day;
}

bool parse_stats_key(std::string_view name, StatsKey& out) {
  static const std::pair<std::string_view, StatsKey> names[] = {
      {"day", StatsKey::Day},       {"week", StatsKey::Week},     {"month", StatsKey::Month},
      {"year", StatsKey::Year},     {"dyad", StatsKey::Dyad},     {"source", StatsKey::Source},
      {"target", StatsKey::Target}, {"actor", StatsKey::Actor},   {"cameo", StatsKey::Cameo},
      {"root", StatsKey::Root},     {"plover", StatsKey::Plover}, {"quad", StatsKey::Quad}};
  for (const auto& [n, k] : names)
    if (n == name) {
      out = k;
      return true;
    }
  return false;
}

std::string_view stats_key_name(StatsKey key) {
  switch (key) {
    case StatsKey::Day: return "day";
    case StatsKey::Week: return "week";
    case StatsKey::Month: return "month";
    case StatsKey::Year: return "year";
    case StatsKey::Dyad: return "dyad";
    case StatsKey::Source: return "source";
    case StatsKey::Target: return "target";
    case StatsKey::Actor: return "actor";
    case StatsKey::Cameo: return "cameo";
    case StatsKey::Root: return "root";
    case StatsKey::Plover: return "plover";
    case StatsKey::Quad: return "quad";
  }
  return "";
}

bool for_each_event(const EventStore& store, const EventFilter& filter,
                    const std::function<bool(const EventRow&)>& sink, std::string& error) {
  Where w = build_where(filter);
  std::string sql = std::string("SELECT ") + kEventColumns + ", " + kMentionColumns +
                    " FROM events e LEFT JOIN places p ON p.id = e.place_id"
                    " LEFT JOIN event_mentions m ON m.id = e.first_mention_id" +
                    kMentionJoins + (w.sql.empty() ? "" : " WHERE " + w.sql) + " ORDER BY e.day, e.id" +
                    limit_sql(filter);
  std::lock_guard lock(store.impl().mutex);
  EventRow row;
  return run_rows(store.impl().db, sql, w.params,
                  [&](const Statement& st) {
                    read_event(st, row);
                    read_mention(st, kEventColumnCount, row.first);
                    return sink(row);
                  },
                  error);
}

bool for_each_mention(const EventStore& store, const EventFilter& filter,
                      const std::function<bool(const MentionRow&)>& sink, std::string& error) {
  Where w = build_where(filter);
  std::string sql = std::string("SELECT ") + kMentionColumns +
                    " FROM event_mentions m JOIN events e ON e.id = m.event_id" + kMentionJoins +
                    (w.sql.empty() ? "" : " WHERE " + w.sql) + " ORDER BY e.day, e.id, m.id" + limit_sql(filter);
  std::lock_guard lock(store.impl().mutex);
  MentionRow row;
  return run_rows(store.impl().db, sql, w.params,
                  [&](const Statement& st) {
                    read_mention(st, 0, row);
                    return sink(row);
                  },
                  error);
}

bool count_events(const EventStore& store, const EventFilter& filter, std::int64_t& out, std::string& error) {
  Where w = build_where(filter);
  std::string sql = "SELECT count(*) FROM events e" + (w.sql.empty() ? std::string() : " WHERE " + w.sql);
  std::lock_guard lock(store.impl().mutex);
  out = 0;
  return run_rows(store.impl().db, sql, w.params,
                  [&](const Statement& st) {
                    out = st.integer(0);
                    return false;
                  },
                  error);
}

bool event_stats(const EventStore& store, const EventFilter& filter, const StatsQuery& query,
                 std::vector<StatsRow>& out, std::string& error) {
  out.clear();
  Where w = build_where(filter);
  std::string where = w.sql.empty() ? std::string() : " WHERE " + w.sql;
  std::vector<Param> params = w.params;
  bool per_actor = false;
  for (StatsKey k : query.by) per_actor |= k == StatsKey::Actor;
  std::string from = "events e";
  if (per_actor) {
    // Each event once under its source and once under its target.
    from = "(SELECT e.*, " + actor_key("source") + " AS actor_key FROM events e" + where +
           " UNION ALL SELECT e.*, " + actor_key("target") + " AS actor_key FROM events e" +
           (where.empty() ? std::string(" WHERE ") : where + " AND ") + "e.target_code <> '') e";
    params.insert(params.end(), w.params.begin(), w.params.end());
    where.clear();
  }
  std::string select, group, order;
  for (std::size_t i = 0; i < query.by.size(); ++i) {
    select += stats_expression(query.by[i]) + " AS k" + std::to_string(i) + ", ";
    group += (i ? ", " : "") + std::string("k") + std::to_string(i);
  }
  std::string sql = "SELECT " + select +
                    "count(*), sum(e.num_mentions), sum(e.num_articles), total(e.goldstein) FROM " + from + where;
  if (!group.empty()) {
    sql += " GROUP BY " + group;
    sql += query.by_count ? " ORDER BY count(*) DESC, " + group : " ORDER BY " + group;
  }
  if (query.limit) sql += " LIMIT " + std::to_string(query.limit);
  std::lock_guard lock(store.impl().mutex);
  const int keys = static_cast<int>(query.by.size());
  return run_rows(store.impl().db, sql, params,
                  [&](const Statement& st) {
                    StatsRow r;
                    for (int i = 0; i < keys; ++i) r.keys.push_back(st.text(i));
                    r.events = st.integer(keys);
                    r.mentions = st.integer(keys + 1);
                    r.articles = st.integer(keys + 2);
                    r.goldstein_sum = st.real(keys + 3);
                    out.push_back(std::move(r));
                    return true;
                  },
                  error);
}

}  // namespace kestrel
