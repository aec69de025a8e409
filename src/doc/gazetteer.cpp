// Loading and querying the compiled gazetteer.
#include <utf8proc.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "base/model_file.h"
#include "doc/doc.h"
#include "doc/doc_internal.h"
#include "doc/gazetteer_format.h"

namespace kestrel {

namespace gf = gazetteer_format;

std::string gf::compress_section(std::string_view raw) {
  std::string out(8 + ZSTD_compressBound(raw.size()), '\0');
  std::uint64_t n = raw.size();
  std::memcpy(out.data(), &n, 8);
  std::size_t z = ZSTD_compress(out.data() + 8, out.size() - 8, raw.data(), raw.size(), 19);
  if (ZSTD_isError(z)) return {};
  out.resize(8 + z);
  return out;
}

std::optional<std::string> gf::decompress_section(std::string_view stored) {
  if (stored.size() < 8) return std::nullopt;
  std::uint64_t n = 0;
  std::memcpy(&n, stored.data(), 8);
  // A section never exceeds the 15 MB budget of the whole file by much;
  // refuse absurd sizes before allocating.
  if (n > (std::uint64_t(1) << 30)) return std::nullopt;
  std::string out(n, '\0');
  std::size_t z = ZSTD_decompress(out.data(), out.size(), stored.data() + 8, stored.size() - 8);
  if (ZSTD_isError(z) || z != n) return std::nullopt;
  return out;
}

std::string_view place_kind_name(PlaceKind k) {
  switch (k) {
    case PlaceKind::Country: return "country";
    case PlaceKind::Admin1: return "admin1";
    case PlaceKind::Region: return "region";
    case PlaceKind::City: return "city";
    case PlaceKind::Landmark: return "landmark";
  }
  return "city";
}

namespace {

std::uint8_t level_of(PlaceKind k) {
  switch (k) {
    case PlaceKind::Country: return 1;
    case PlaceKind::Admin1:
    case PlaceKind::Region: return 2;
    case PlaceKind::City: return 4;
    case PlaceKind::Landmark: return 5;
  }
  return 4;
}

// Letters that Unicode does not decompose into base + mark, so STRIPMARK
// leaves them alone, but that English text writes without the stroke.
const char* fold_letter(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x0142: return "l";   // ł
    case 0x00F8: return "o";   // ø
    case 0x0111: return "d";   // đ
    case 0x00E6: return "ae";  // æ
    case 0x0153: return "oe";  // œ
    case 0x0131: return "i";   // dotless ı
    case 0x00F0: return "d";   // ð
    case 0x00FE: return "th";  // þ
    // Apostrophes vanish: "Kramators'k" is written Kramatorsk.
    case 0x2019: case 0x2018: case 0x02BC: case 0x02BB: case 0x0060: case 0x00B4: return "";
    default: return nullptr;
  }
}

// Appends `c` to the key, turning every run of separators into one space
// and dropping apostrophes.
void push_key_char(std::string& out, char c) {
  bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
  if (c == '\'') return;
  if (alnum) {
    out.push_back(c);
  } else if (!out.empty() && out.back() != ' ') {
    out.push_back(' ');
  }
}

}  // namespace

std::string normalize_place_name(std::string_view name) {
  std::string out;
  doc_internal::normalize_place_name(name, out);
  return out;
}

void doc_internal::normalize_place_name(std::string_view name, std::string& out) {
  out.clear();
  out.reserve(name.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(name.data());
  const auto n = static_cast<utf8proc_ssize_t>(name.size());
  for (utf8proc_ssize_t i = 0; i < n;) {
    unsigned char c = name[static_cast<std::size_t>(i)];
    if (c < 0x80) {
      push_key_char(out, (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(bytes + i, n - i, &cp);
    if (len <= 0) {  // invalid UTF-8: a separator, so the rest still matches
      push_key_char(out, ' ');
      ++i;
      continue;
    }
    i += len;
    if (const char* f = fold_letter(cp)) {
      for (const char* p = f; *p; ++p) push_key_char(out, *p);
      continue;
    }
    // Decomposed, case-folded, marks stripped, one code point at a time into
    // a small buffer: no allocation on the lookup path.
    utf8proc_int32_t parts[8];
    int last_boundclass = 0;
    auto options = static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                                  UTF8PROC_IGNORE);
    utf8proc_ssize_t m = utf8proc_decompose_char(cp, parts, 8, options, &last_boundclass);
    if (m < 0 || m > 8) {
      push_key_char(out, ' ');
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < m; ++k) {
      utf8proc_int32_t p = parts[k];
      if (p < 0x80) {
        push_key_char(out, static_cast<char>(p));
        continue;
      }
      if (const char* f = fold_letter(p)) {
        for (const char* q = f; *q; ++q) push_key_char(out, *q);
        continue;
      }
      auto cat = utf8proc_category(p);
      bool letter_or_digit = cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LU ||
                             cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO ||
                             cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_ND;
      if (!letter_or_digit) {
        push_key_char(out, ' ');
        continue;
      }
      utf8proc_uint8_t enc[4];
      utf8proc_ssize_t el = utf8proc_encode_char(p, enc);
      out.append(reinterpret_cast<const char*>(enc), static_cast<std::size_t>(el));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
}

struct Gazetteer::Data {
  std::vector<gf::Record> records;
  std::vector<gf::Key> keys;
  std::vector<std::uint32_t> postings;
  std::vector<gf::CountryCode> countries;
  std::string strings;
  std::vector<std::string> features;
  std::string about;
  // Open-addressing table over `keys` (index + 1, 0 = empty), built on load:
  // one probe usually finds a name, where the sorted array needs seventeen.
  std::vector<std::uint32_t> table;
  std::uint64_t mask = 0;
  // Blocked Bloom filter over the keys' hashes (two bits in one 64-bit word
  // of 2^15, 256 KB; about 1.5 % false positives): most names looked up in
  // running text are no place, and the filter turns them away with one
  // memory read instead of the table's random reads.
  static constexpr std::uint64_t kBloomWords = std::uint64_t(1) << 15;
  std::vector<std::uint64_t> bloom;
  static std::uint64_t bloom_word(std::uint64_t h) { return (h >> 20) & (kBloomWords - 1); }
  static std::uint64_t bloom_bits(std::uint64_t h) {
    return (std::uint64_t(1) << ((h >> 40) & 63)) | (std::uint64_t(1) << ((h >> 50) & 63));
  }
  bool maybe(std::uint64_t h) const {
    const std::uint64_t bits = bloom_bits(h);
    return (bloom[bloom_word(h)] & bits) == bits;
  }
};

Gazetteer::Gazetteer() : data_(std::make_unique<Data>()) {}
Gazetteer::~Gazetteer() = default;

std::unique_ptr<Gazetteer> Gazetteer::from_bytes(std::string_view bytes, const std::string& name,
                                                 std::string& error) {
  auto file = parse_model_file(bytes, name, gf::kKind, gf::kVersion, gf::kVersion, error);
  if (!file) return nullptr;
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  Data& d = *g->data_;
  bool ok = true;
  std::map<std::string, std::string> raw;
  for (const auto& [sname, stored] : file->sections) {
    auto bytes_of = gf::decompress_section(stored);
    if (!bytes_of) ok = false;
    else raw[sname] = std::move(*bytes_of);
  }
  auto section = [&](const char* sname) -> std::string_view {
    auto it = raw.find(sname);
    return it == raw.end() ? std::string_view() : std::string_view(it->second);
  };
  auto read_array = [&](const char* sname, auto& out) {
    ByteReader r(section(sname));
    out = r.array<typename std::decay_t<decltype(out)>::value_type>();
    ok = ok && !r.failed() && r.at_end();
  };
  read_array("records", d.records);
  read_array("keys", d.keys);
  read_array("postings", d.postings);
  read_array("countries", d.countries);
  d.strings = std::string(section("strings"));
  d.about = std::string(section("about"));
  {
    std::string_view f = section("features");
    std::size_t pos = 0;
    while (pos < f.size()) {
      std::size_t nl = f.find('\n', pos);
      if (nl == std::string_view::npos) nl = f.size();
      d.features.emplace_back(f.substr(pos, nl - pos));
      pos = nl + 1;
    }
  }
  // Every offset is checked once here so lookups never need to.
  for (const auto& r : d.records) {
    ok = ok && std::size_t(r.name_off) + r.name_len <= d.strings.size() &&
         std::size_t(r.admin_off) + r.admin_len <= d.strings.size() && r.feature < d.features.size() &&
         r.kind <= static_cast<std::uint8_t>(PlaceKind::Landmark);
  }
  for (const auto& k : d.keys) {
    ok = ok && std::size_t(k.key_off) + k.key_len <= d.strings.size() &&
         std::size_t(k.postings_off) + k.count <= d.postings.size();
  }
  for (auto p : d.postings) ok = ok && p < d.records.size();
  for (const auto& c : d.countries) ok = ok && c.record < d.records.size();
  ok = ok && std::is_sorted(d.keys.begin(), d.keys.end(), [](const gf::Key& a, const gf::Key& b) {
         return a.hash < b.hash;
       });
  if (!ok || d.records.empty()) {
    error = name + ": gazetteer sections are inconsistent (corrupt or written by another program)";
    return nullptr;
  }
  std::size_t size = 1;
  while (size < d.keys.size() * 2) size <<= 1;
  d.table.assign(size, 0);
  d.mask = size - 1;
  for (std::uint32_t k = 0; k < d.keys.size(); ++k) {
    std::uint64_t slot = d.keys[k].hash & d.mask;
    while (d.table[slot] != 0) slot = (slot + 1) & d.mask;
    d.table[slot] = k + 1;
  }
  d.bloom.assign(Data::kBloomWords, 0);
  for (const gf::Key& k : d.keys) d.bloom[Data::bloom_word(k.hash)] |= Data::bloom_bits(k.hash);
  return g;
}

std::unique_ptr<Gazetteer> Gazetteer::load(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open gazetteer";
    return nullptr;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return from_bytes(std::move(buffer).str(), path, error);
}

std::unique_ptr<Gazetteer> Gazetteer::load_default(std::string& error) {
  std::string path = find_data_file("places/places.kgaz");
  if (path.empty()) {
    error = "data/places/places.kgaz not found (set KESTREL_DATA)";
    return nullptr;
  }
  return load(path, error);
}

std::size_t Gazetteer::size() const { return data_->records.size(); }

Place Gazetteer::place(std::uint32_t index) const {
  const gf::Record& r = data_->records.at(index);
  Place p;
  p.geonames_id = r.geonames_id;
  p.name = data_->strings.substr(r.name_off, r.name_len);
  p.lat = std::isnan(r.lat) ? std::nan("") : static_cast<double>(r.lat);
  p.lon = std::isnan(r.lon) ? std::nan("") : static_cast<double>(r.lon);
  p.country.assign(r.country, 3);
  p.admin1 = data_->strings.substr(r.admin_off, r.admin_len);
  p.feature = data_->features[r.feature];
  p.kind = static_cast<PlaceKind>(r.kind);
  p.level = level_of(p.kind);
  p.population = r.population;
  return p;
}

PlaceKind Gazetteer::kind(std::uint32_t index) const { return static_cast<PlaceKind>(data_->records[index].kind); }
std::uint32_t Gazetteer::population(std::uint32_t index) const { return data_->records[index].population; }
std::string_view Gazetteer::country(std::uint32_t index) const {
  return std::string_view(data_->records[index].country, 3);
}
std::string_view Gazetteer::admin1(std::uint32_t index) const {
  const gf::Record& r = data_->records[index];
  return std::string_view(data_->strings).substr(r.admin_off, r.admin_len);
}
std::string_view Gazetteer::feature(std::uint32_t index) const {
  return data_->features[data_->records[index].feature];
}

std::span<const std::uint32_t> Gazetteer::lookup_key(std::string_view key) const {
  const std::uint64_t h = fnv1a64(key);
  const Data& d = *data_;
  if (!d.maybe(h)) return {};
  for (std::uint64_t slot = h & d.mask; d.table[slot] != 0; slot = (slot + 1) & d.mask) {
    const gf::Key& k = d.keys[d.table[slot] - 1];
    if (k.hash == h && std::string_view(d.strings).substr(k.key_off, k.key_len) == key)
      return {d.postings.data() + k.postings_off, k.count};
  }
  return {};
}

std::span<const std::uint32_t> Gazetteer::lookup(std::string_view name) const {
  return lookup_key(normalize_place_name(name));
}

std::optional<std::uint32_t> Gazetteer::country_index(std::string_view code) const {
  for (const auto& c : data_->countries) {
    if ((code.size() == 2 && code == std::string_view(c.alpha2, 2)) ||
        (code.size() == 3 && code == std::string_view(c.alpha3, 3)))
      return c.record;
  }
  return std::nullopt;
}

std::string Gazetteer::description() const { return data_->about; }

}  // namespace kestrel
