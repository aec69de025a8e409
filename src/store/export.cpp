// Exports of the store: GDELT 2.0 event and mention TSV, PLOVER JSONL, CSV,
// JSONL and the stored CoNLL-U parses. Column definitions: docs/formats.md.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "store/store_impl.h"

namespace kestrel {
namespace {

using nlohmann::json;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

json or_null(const std::string& s) { return s.empty() ? json() : json(s); }

// TSV cells cannot hold tabs or line breaks; GDELT readers split on both.
std::string tsv_cell(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void write_line(std::ostream& out, const std::vector<std::string>& cells, char sep) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out << sep;
    out << (sep == ',' ? csv_cell(cells[i]) : tsv_cell(cells[i]));
  }
  out << '\n';
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

// The code's 3-letter segments.
std::vector<std::string> segments(const std::string& code) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 3 <= code.size(); i += 3) out.push_back(code.substr(i, 3));
  return out;
}

bool is_group_kind(const std::string& kind) {
  return kind == "igo" || kind == "ngo" || kind == "armed_group" || kind == "group";
}

// GDELT's ten actor columns: Code, Name, CountryCode, KnownGroupCode,
// EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
void gdelt_actor(const ActorRow& a, std::vector<std::string>& cells) {
  std::vector<std::string> types;
  std::string group;
  if (a.present()) {
    auto seg = segments(a.code);
    bool country_rooted = !a.country.empty() && !seg.empty() && seg[0] == a.country;
    if (is_group_kind(a.kind) && !seg.empty()) group = seg.back();
    if (country_rooted) {
      for (std::size_t i = 1; i < seg.size(); ++i)
        if (seg[i] != group) types.push_back(seg[i]);
    } else if (!a.sector.empty()) {
      types.push_back(a.sector);
    }
  }
  types.resize(3);
  cells.push_back(a.code);
  cells.push_back(a.present() ? upper(a.name.empty() ? a.text : a.name) : std::string());
  cells.push_back(a.country);
  cells.push_back(group);
  cells.push_back("");
  cells.push_back("");
  cells.push_back("");
  for (const std::string& t : types) cells.push_back(t);
}

// GDELT's eight geography columns: Type, FullName, CountryCode, ADM1Code,
// ADM2Code, Lat, Long, FeatureID.
void gdelt_geo(const std::optional<PlaceRow>& p, std::vector<std::string>& cells) {
  if (!p) {
    cells.insert(cells.end(), 8, std::string());
    return;
  }
  // 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
  bool us = p->country == "USA";
  int type = p->kind == "country" ? 1 : (p->kind == "admin1" || p->kind == "region") ? (us ? 2 : 5) : (us ? 3 : 4);
  cells.push_back(std::to_string(type));
  cells.push_back(p->name);
  cells.push_back(p->country);
  cells.push_back(p->admin1);
  cells.push_back("");
  cells.push_back(p->lat ? number(*p->lat) : std::string());
  cells.push_back(p->lon ? number(*p->lon) : std::string());
  cells.push_back(p->geonames_id ? std::to_string(p->geonames_id) : std::string());
}

std::string compact_timestamp(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c >= '0' && c <= '9') out += c;
  out.resize(14, '0');
  return out;
}

std::string fraction_date(std::int32_t day) {
  int y = day / 10000, m = (day / 100) % 100, d = day % 100;
  if (m == 0) return std::to_string(y) + ".0000";
  std::int32_t first = y * 10000 + 101;
  std::int64_t doy = store::days_from_day(y * 10000 + m * 100 + (d ? d : 1)) - store::days_from_day(first) + 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d.%04d", y, static_cast<int>(doy * 10000 / 365 > 9999 ? 9999 : doy * 10000 / 365));
  return buf;
}

std::vector<std::string> gdelt_event_cells(const EventRow& e) {
  std::vector<std::string> c;
  c.reserve(61);
  c.push_back(std::to_string(e.id));
  bool dated = e.day > 0;
  c.push_back(dated ? std::to_string(e.day) : std::string());
  c.push_back(dated ? std::to_string(e.day / 100) : std::string());
  c.push_back(dated ? std::to_string(e.day / 10000) : std::string());
  c.push_back(dated ? fraction_date(e.day) : std::string());
  gdelt_actor(e.source, c);
  gdelt_actor(e.target, c);
  c.push_back(e.is_root ? "1" : "0");
  c.push_back(e.cameo);
  c.push_back(e.cameo.substr(0, 3));
  c.push_back(e.cameo.substr(0, 2));
  c.push_back(std::to_string(e.quad_class));
  c.push_back(number(e.goldstein));
  c.push_back(std::to_string(e.num_mentions));
  c.push_back(std::to_string(e.num_sources));
  c.push_back(std::to_string(e.num_articles));
  c.push_back("");  // AvgTone: Kestrel scores no tone
  gdelt_geo(std::nullopt, c);
  gdelt_geo(std::nullopt, c);
  gdelt_geo(e.place, c);
  c.push_back(compact_timestamp(e.date_added));
  c.push_back(e.first.url.empty() ? e.first.path : e.first.url);
  return c;
}

int confidence(const MentionRow& m) {
  int c = 100;
  if (m.modality != "asserted") c -= 30;
  if (m.source_coreferent || m.target_coreferent) c -= 20;
  if (m.negated) c -= 20;
  return c < 10 ? 10 : c;
}

std::vector<std::string> gdelt_mention_cells(const MentionRow& m) {
  std::vector<std::string> c;
  c.reserve(16);
  auto stamp = [](const std::string& date) { return date.empty() ? std::string() : compact_timestamp(date); };
  c.push_back(std::to_string(m.event_id));
  c.push_back(m.event_day > 0 ? stamp(store::day_text(m.event_day)) : std::string());
  c.push_back(stamp(m.doc_date.empty() ? m.coded_at : m.doc_date));
  c.push_back("1");
  c.push_back(m.outlet);
  c.push_back(m.url.empty() ? m.path : m.url);
  c.push_back(std::to_string(m.sentence + 1));
  c.push_back(m.source.present() ? std::to_string(m.source_start) : "-1");
  c.push_back(m.target.present() ? std::to_string(m.target_start) : "-1");
  c.push_back(std::to_string(m.trigger_start));
  c.push_back("1");
  c.push_back(std::to_string(confidence(m)));
  c.push_back(std::to_string(m.doc_bytes));
  c.push_back("");
  c.push_back("");
  c.push_back("");
  return c;
}

json actor_json(const ActorRow& a, const std::string& role, std::uint32_t start, std::uint32_t end, bool coreferent,
                bool with_span) {
  if (!a.present()) return nullptr;
  json j = {{"text", a.text},   {"code", a.code}, {"country", or_null(a.country)}, {"sector", or_null(a.sector)},
            {"entity", or_null(a.entity)}, {"name", or_null(a.name)}, {"kind", a.kind}};
  if (with_span) {
    j["role"] = role;
    j["start"] = start;
    j["end"] = end;
    j["coreferent"] = coreferent;
  }
  return j;
}

json place_json(const std::optional<PlaceRow>& p) {
  if (!p) return nullptr;
  json j = {{"name", p->name},      {"country", p->country}, {"admin1", or_null(p->admin1)},
            {"feature", or_null(p->feature)}, {"kind", p->kind},       {"level", p->level}};
  j["geonames_id"] = p->geonames_id ? json(p->geonames_id) : json();
  j["lat"] = p->lat ? json(*p->lat) : json();
  j["lon"] = p->lon ? json(*p->lon) : json();
  return j;
}

json plover_entity(const ActorRow& a) {
  if (!a.present()) return nullptr;
  std::string code = !a.country.empty() ? a.country : a.code.substr(0, 3);
  return {{"code", code},
          {"sector", or_null(a.sector)},
          {"entity_text", a.text},
          {"identifier_id", nullptr},
          {"identifier_text", or_null(a.name)},
          {"cameo_code", a.code},
          {"kestrel_entity", or_null(a.entity)}};
}

json plover_location(const std::optional<PlaceRow>& p) {
  if (!p) return nullptr;
  json j = {{"extracted_place", p->name}, {"resolved_place", p->name}, {"country_code", p->country},
            {"feature_code", or_null(p->feature)}, {"resolution", p->level}};
  j["geonameid"] = p->geonames_id ? json(p->geonames_id) : json();
  j["lat"] = p->lat ? json(*p->lat) : json();
  j["lon"] = p->lon ? json(*p->lon) : json();
  return j;
}

std::vector<std::string> split_contexts(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size() && !s.empty()) {
    auto semi = s.find(';', at);
    std::string part = s.substr(at, semi == std::string::npos ? std::string::npos : semi - at);
    if (!part.empty()) out.push_back(part);
    if (semi == std::string::npos) break;
    at = semi + 1;
  }
  return out;
}

json plover_record(const std::string& id, const std::string& date, const MentionRow& m, const ActorRow& source,
                   const ActorRow& target, const std::string& plover_event, const std::string& mode,
                   const std::string& context, int quad, const std::optional<PlaceRow>& place, json kestrel) {
  json j;
  j["id"] = id;
  j["has_event"] = true;
  j["date"] = or_null(date);
  j["time"] = nullptr;
  j["enddate"] = nullptr;
  j["endtime"] = nullptr;
  j["actor"] = plover_entity(source);
  j["recipient"] = plover_entity(target);
  j["event"] = or_null(plover_event);
  j["event_loc"] = plover_location(place);
  j["event_text"] = m.evidence_text;
  j["quad_code"] = quad;
  j["event_scale"] = nullptr;
  j["mode"] = or_null(mode);
  j["context"] = split_contexts(context);
  j["link"] = nullptr;
  j["text"] = m.sentence_text;
  j["text_info"] = {{"doc_id", m.doc_key}, {"title", or_null(m.title)}, {"url", or_null(m.url)},
                    {"source", or_null(m.outlet)}, {"sentence", m.sentence}};
  j["cite_info"] = or_null(m.url.empty() ? m.path : m.url);
  j["coder"] = m.kestrel_version.empty() ? json("kestrel") : json("kestrel " + m.kestrel_version);
  j["coded_date"] = or_null(m.coded_at.substr(0, 10));
  j["coded_time"] = or_null(m.coded_at.size() > 11 ? m.coded_at.substr(11) : std::string());
  j["comment"] = or_null(m.note);
  j["kestrel"] = std::move(kestrel);
  return j;
}

std::vector<std::string> event_csv_header() {
  return {"event_id",      "date",           "source_code",    "source_country", "source_sector", "source_entity",
          "source_name",   "target_code",    "target_country", "target_sector",  "target_entity", "target_name",
          "cameo",         "plover_event",   "plover_mode",    "plover_context", "quad_class",    "goldstein",
          "negated",       "is_root",        "num_mentions",   "num_articles",   "num_sources",   "place_name",
          "place_country", "place_lat",      "place_lon",      "doc_id",         "url",           "sentence",
          "evidence_text", "trigger_text"};
}

std::vector<std::string> place_cells(const std::optional<PlaceRow>& p) {
  if (!p) return {"", "", "", ""};
  return {p->name, p->country, p->lat ? number(*p->lat) : "", p->lon ? number(*p->lon) : ""};
}

std::vector<std::string> event_csv_cells(const EventRow& e) {
  std::vector<std::string> c = {std::to_string(e.id), e.date};
  for (const ActorRow* a : {&e.source, &e.target}) {
    c.push_back(a->code);
    c.push_back(a->country);
    c.push_back(a->sector);
    c.push_back(a->entity);
    c.push_back(a->name);
  }
  for (const std::string& s : {e.cameo, e.plover_event, e.plover_mode, e.plover_context}) c.push_back(s);
  c.push_back(std::to_string(e.quad_class));
  c.push_back(number(e.goldstein));
  c.push_back(e.negated ? "1" : "0");
  c.push_back(e.is_root ? "1" : "0");
  c.push_back(std::to_string(e.num_mentions));
  c.push_back(std::to_string(e.num_articles));
  c.push_back(std::to_string(e.num_sources));
  for (std::string& s : place_cells(e.place)) c.push_back(std::move(s));
  c.push_back(e.first.doc_key);
  c.push_back(e.first.url);
  c.push_back(std::to_string(e.first.sentence));
  c.push_back(e.first.evidence_text);
  c.push_back(e.first.trigger_text);
  return c;
}

std::vector<std::string> mention_csv_header() {
  std::vector<std::string> h = {"mention_id", "event_id", "doc_id", "url", "title", "outlet", "sentence", "date",
                                "date_resolution", "date_origin", "cameo", "goldstein", "quad_class", "plover_event",
                                "plover_mode", "plover_context"};
  for (const char* side : {"source", "target"})
    for (const char* f : {"text", "code", "country", "sector", "entity", "name", "kind", "role", "start", "end",
                          "coreferent"})
      h.push_back(std::string(side) + "_" + f);
  for (const char* f : {"negated", "modality", "evidence_start", "evidence_end", "evidence_text", "trigger_start",
                        "trigger_end", "trigger_text", "sentence_text", "pattern_code", "pattern_text", "pattern_file",
                        "pattern_line", "note", "place_name", "place_country", "place_lat", "place_lon",
                        "location_origin", "lead", "kestrel_version", "model_checksum", "dictionary_version",
                        "coded_at"})
    h.push_back(f);
  return h;
}

std::vector<std::string> mention_csv_cells(const MentionRow& m) {
  std::vector<std::string> c = {std::to_string(m.id), std::to_string(m.event_id), m.doc_key, m.url, m.title,
                                m.outlet, std::to_string(m.sentence), m.date, m.date_resolution, m.date_origin,
                                m.cameo, number(m.goldstein), std::to_string(m.quad_class), m.plover_event,
                                m.plover_mode, m.plover_context};
  auto side = [&](const ActorRow& a, const std::string& role, std::uint32_t s, std::uint32_t e, bool coref) {
    for (const std::string& v : {a.text, a.code, a.country, a.sector, a.entity, a.name, a.kind, role}) c.push_back(v);
    c.push_back(a.present() ? std::to_string(s) : "");
    c.push_back(a.present() ? std::to_string(e) : "");
    c.push_back(a.present() ? (coref ? "1" : "0") : "");
  };
  side(m.source, m.source_role, m.source_start, m.source_end, m.source_coreferent);
  side(m.target, m.target_role, m.target_start, m.target_end, m.target_coreferent);
  c.push_back(m.negated ? "1" : "0");
  c.push_back(m.modality);
  c.push_back(std::to_string(m.start));
  c.push_back(std::to_string(m.end));
  c.push_back(m.evidence_text);
  c.push_back(std::to_string(m.trigger_start));
  c.push_back(std::to_string(m.trigger_end));
  c.push_back(m.trigger_text);
  c.push_back(m.sentence_text);
  c.push_back(m.pattern_code);
  c.push_back(m.pattern_text);
  c.push_back(m.pattern_file);
  c.push_back(m.pattern_line ? std::to_string(m.pattern_line) : "");
  c.push_back(m.note);
  for (std::string& s : place_cells(m.place)) c.push_back(std::move(s));
  c.push_back(m.location_origin);
  c.push_back(m.lead ? "1" : "0");
  c.push_back(m.kestrel_version);
  c.push_back(m.model_checksum);
  c.push_back(m.dictionary_version);
  c.push_back(m.coded_at);
  return c;
}

bool has_event_filter(const EventFilter& f) {
  return !f.actors.empty() || !f.countries.empty() || !f.sectors.empty() || !f.entities.empty() ||
         !f.dyad_a.empty() || !f.cameo.empty() || !f.plover.empty() || !f.quad_classes.empty() || f.day_from ||
         f.day_to || !f.places.empty() || !f.place_countries.empty() || !f.text.empty() || !f.include_negated;
}

bool export_conllu(const EventStore& store, const EventFilter& filter, std::ostream& out, ExportResult& result,
                   std::string& error) {
  // Documents that hold a selected event; every document when nothing is filtered.
  std::vector<std::int64_t> ids;
  if (has_event_filter(filter)) {
    std::set<std::int64_t> seen;
    EventFilter f = filter;
    f.limit = f.offset = 0;
    if (!for_each_mention(store, f, [&](const MentionRow& m) {
          seen.insert(m.document_id);
          return true;
        }, error))
      return false;
    ids.assign(seen.begin(), seen.end());
  }
  std::lock_guard lock(store.impl().mutex);
  store::Statement st(store.impl().db,
                      ids.empty() && !has_event_filter(filter)
                          ? "SELECT document_id, encoding, raw_bytes, data FROM parses ORDER BY document_id"
                          : "SELECT document_id, encoding, raw_bytes, data FROM parses WHERE document_id = ?1",
                      error);
  if (!st.ok()) return false;
  std::string text;
  auto write_row = [&]() {
    std::string encoding = st.text(1);
    if (encoding != "conllu+zstd") {
      error = "document " + std::to_string(st.integer(0)) + ": unknown parse encoding '" + encoding + "'";
      return false;
    }
    if (!store::decompress(st.blob(3), static_cast<std::size_t>(st.integer(2)), text)) {
      error = "document " + std::to_string(st.integer(0)) + ": stored parse is corrupt";
      return false;
    }
    out << text;
    ++result.records;
    return true;
  };
  int rc;
  if (!has_event_filter(filter)) {
    while ((rc = st.step(error)) == SQLITE_ROW)
      if (!write_row()) return false;
    return rc == SQLITE_DONE;
  }
  for (std::int64_t id : ids) {
    st.bind(1, id);
    rc = st.step(error);
    if (rc == SQLITE_ROW && !write_row()) return false;
    st.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return false;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& gdelt_event_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"};
    for (const char* actor : {"Actor1", "Actor2"})
      for (const char* f : {"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                            "Religion2Code", "Type1Code", "Type2Code", "Type3Code"})
        c.push_back(std::string(actor) + f);
    for (const char* f : {"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                          "NumMentions", "NumSources", "NumArticles", "AvgTone"})
      c.push_back(f);
    for (const char* geo : {"Actor1Geo_", "Actor2Geo_", "ActionGeo_"})
      for (const char* f : {"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"})
        c.push_back(std::string(geo) + f);
    c.push_back("DATEADDED");
    c.push_back("SOURCEURL");
    return c;
  }();
  return columns;
}

const std::vector<std::string>& gdelt_mention_columns() {
  static const std::vector<std::string> columns = {
      "GLOBALEVENTID",    "EventTimeDate",    "MentionTimeDate",  "MentionType",     "MentionSourceName",
      "MentionIdentifier", "SentenceID",      "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
      "InRawText",        "Confidence",       "MentionDocLen",    "MentionDocTone",  "MentionDocTranslationInfo",
      "Extras"};
  return columns;
}

bool parse_export_format(std::string_view name, ExportFormat& out) {
  static const std::pair<std::string_view, ExportFormat> names[] = {
      {"gdelt", ExportFormat::Gdelt}, {"gdelt-mentions", ExportFormat::GdeltMentions},
      {"plover", ExportFormat::Plover}, {"csv", ExportFormat::Csv}, {"jsonl", ExportFormat::Jsonl},
      {"json", ExportFormat::Jsonl}, {"conllu", ExportFormat::Conllu}};
  for (const auto& [n, f] : names)
    if (n == name) {
      out = f;
      return true;
    }
  return false;
}

json mention_row_json(const MentionRow& m) {
  json j;
  j["mention_id"] = m.id;
  j["event_id"] = m.event_id;
  j["doc_id"] = m.doc_key;
  j["url"] = or_null(m.url);
  j["sentence"] = m.sentence;
  j["date"] = or_null(m.date);
  j["date_resolution"] = or_null(m.date_resolution);
  j["date_origin"] = or_null(m.date_origin);
  j["cameo"] = m.cameo;
  j["plover"] = {{"event", or_null(m.plover_event)}, {"mode", or_null(m.plover_mode)},
                 {"context", or_null(m.plover_context)}};
  j["goldstein"] = m.goldstein;
  j["quad_class"] = m.quad_class;
  j["source"] = actor_json(m.source, m.source_role, m.source_start, m.source_end, m.source_coreferent, true);
  j["target"] = actor_json(m.target, m.target_role, m.target_start, m.target_end, m.target_coreferent, true);
  j["negated"] = m.negated;
  j["modality"] = m.modality;
  j["evidence"] = {{"text", m.evidence_text},
                   {"start", m.start},
                   {"end", m.end},
                   {"trigger", {{"text", m.trigger_text}, {"start", m.trigger_start}, {"end", m.trigger_end}}}};
  if (!m.pattern_code.empty() || !m.pattern_text.empty())
    j["pattern"] = {{"code", m.pattern_code}, {"text", m.pattern_text}, {"file", m.pattern_file},
                    {"line", m.pattern_line}};
  if (!m.note.empty()) j["note"] = m.note;
  j["location"] = place_json(m.place);
  j["sentence_text"] = m.sentence_text;
  j["coder"] = {{"kestrel_version", or_null(m.kestrel_version)}, {"model_checksum", or_null(m.model_checksum)},
                {"dictionary_version", or_null(m.dictionary_version)}, {"coded_at", or_null(m.coded_at)}};
  return j;
}

json event_row_json(const EventRow& e) {
  json j;
  j["event_id"] = e.id;
  j["date"] = or_null(e.date);
  j["cameo"] = e.cameo;
  j["plover"] = {{"event", or_null(e.plover_event)}, {"mode", or_null(e.plover_mode)},
                 {"context", or_null(e.plover_context)}};
  j["goldstein"] = e.goldstein;
  j["quad_class"] = e.quad_class;
  j["source"] = actor_json(e.source, "", 0, 0, false, false);
  j["target"] = actor_json(e.target, "", 0, 0, false, false);
  j["negated"] = e.negated;
  j["is_root"] = e.is_root;
  j["num_mentions"] = e.num_mentions;
  j["num_articles"] = e.num_articles;
  j["num_sources"] = e.num_sources;
  j["location"] = place_json(e.place);
  j["date_added"] = e.date_added;
  j["first_mention"] = mention_row_json(e.first);
  return j;
}

bool export_events(const EventStore& store, const EventFilter& filter, const ExportOptions& options,
                   std::ostream& out, ExportResult& result, std::string& error) {
  result = ExportResult{};
  auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  switch (options.format) {
    case ExportFormat::Conllu: return export_conllu(store, filter, out, result, error);
    case ExportFormat::Gdelt:
      return for_each_event(store, filter, [&](const EventRow& e) {
        write_line(out, gdelt_event_cells(e), '\t');
        ++result.records;
        return static_cast<bool>(out);
      }, error);
    case ExportFormat::GdeltMentions:
      return for_each_mention(store, filter, [&](const MentionRow& m) {
        write_line(out, gdelt_mention_cells(m), '\t');
        ++result.records;
        return static_cast<bool>(out);
      }, error);
    case ExportFormat::Csv:
      if (options.mentions) {
        if (options.header) write_line(out, mention_csv_header(), ',');
        return for_each_mention(store, filter, [&](const MentionRow& m) {
          write_line(out, mention_csv_cells(m), ',');
          ++result.records;
          return static_cast<bool>(out);
        }, error);
      }
      if (options.header) write_line(out, event_csv_header(), ',');
      return for_each_event(store, filter, [&](const EventRow& e) {
        write_line(out, event_csv_cells(e), ',');
        ++result.records;
        return static_cast<bool>(out);
      }, error);
    case ExportFormat::Jsonl:
      if (options.mentions)
        return for_each_mention(store, filter, [&](const MentionRow& m) {
          out << dump(mention_row_json(m)) << '\n';
          ++result.records;
          return static_cast<bool>(out);
        }, error);
      return for_each_event(store, filter, [&](const EventRow& e) {
        out << dump(event_row_json(e)) << '\n';
        ++result.records;
        return static_cast<bool>(out);
      }, error);
    case ExportFormat::Plover:
      if (options.mentions)
        return for_each_mention(store, filter, [&](const MentionRow& m) {
          json k = {{"event_id", m.event_id}, {"mention_id", m.id}, {"cameo", m.cameo}, {"goldstein", m.goldstein},
                    {"negated", m.negated}, {"modality", m.modality},
                    {"model_checksum", or_null(m.model_checksum)},
                    {"dictionary_version", or_null(m.dictionary_version)}};
          out << dump(plover_record("kestrel-" + std::to_string(m.event_id) + "-" + std::to_string(m.id), m.date, m,
                                    m.source, m.target, m.plover_event, m.plover_mode, m.plover_context,
                                    m.quad_class, m.place, std::move(k)))
              << '\n';
          ++result.records;
          return static_cast<bool>(out);
        }, error);
      return for_each_event(store, filter, [&](const EventRow& e) {
        ActorRow source = e.source, target = e.target;
        source.text = e.first.source.text;
        target.text = e.first.target.text;
        json k = {{"event_id", e.id},
                  {"cameo", e.cameo},
                  {"goldstein", e.goldstein},
                  {"negated", e.negated},
                  {"modality", e.first.modality},
                  {"num_mentions", e.num_mentions},
                  {"num_articles", e.num_articles},
                  {"num_sources", e.num_sources},
                  {"model_checksum", or_null(e.first.model_checksum)},
                  {"dictionary_version", or_null(e.first.dictionary_version)}};
        out << dump(plover_record("kestrel-" + std::to_string(e.id), e.date, e.first, source, target, e.plover_event,
                                  e.plover_mode, e.plover_context, e.quad_class, e.place, std::move(k)))
            << '\n';
        ++result.records;
        return static_cast<bool>(out);
      }, error);
  }
  error = "unknown export format";
  return false;
}

}  // namespace kestrel
