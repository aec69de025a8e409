// Loading the CAMEO ontology (format: docs/dictionaries.md, `cameo`).
#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "base/model_file.h"
#include "events/events.h"
#include "events/text_util.h"

namespace kestrel {
namespace {

constexpr std::string_view kHeader = "%kestrel-dict cameo 1";

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t tab = line.find('\t', pos);
    out.push_back(events_internal::trim(line.substr(pos, tab == std::string_view::npos ? tab : tab - pos)));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return out;
}

bool parse_double(std::string_view s, double& out) {
  // from_chars for double is in libstdc++ 11+; strtod needs a terminated copy.
  std::string copy(s);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size();
}

// 'text', quoted for messages (built by appending: GCC 12 warns falsely on
// "'" + std::string(...)).
std::string quoted(std::string_view text) {
  std::string out = "'";
  out.append(text);
  out += '\'';
  return out;
}

std::string dash_to_empty(std::string_view s) { return s == "-" ? std::string() : std::string(s); }

bool valid_plover_name(std::string_view s) {
  if (s == "-") return true;
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == ';';
  });
}

}  // namespace

bool is_cameo_code(std::string_view code) {
  return code.size() >= 2 && code.size() <= 4 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string CameoOntology::default_file() { return find_data_file("events/cameo.tsv"); }

std::unique_ptr<CameoOntology> CameoOntology::load(const std::string& path, Diagnostics& diag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diag.error(path, 0, "cannot open the CAMEO ontology file");
    return nullptr;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return from_text(buf.str(), path, diag);
}

std::unique_ptr<CameoOntology> CameoOntology::from_text(std::string_view text, const std::string& name,
                                                        Diagnostics& diag) {
  auto onto = std::unique_ptr<CameoOntology>(new CameoOntology());
  std::uint32_t line_no = 0;
  bool header_seen = false;
  events_internal::for_each_line(text, [&](std::string_view raw) {
    ++line_no;
    if (line_no == 1) {
      header_seen = events_internal::trim(raw) == kHeader;
      return header_seen;
    }
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (events_internal::trim(line).empty() || events_internal::trim(line).front() == '#') return true;
    auto cols = split_tabs(line);
    if (cols.size() != 7) {
      diag.error(name, line_no,
                 "expected 7 tab-separated columns (code goldstein quad_class plover_event plover_mode "
                 "plover_context label), got " + std::to_string(cols.size()));
      return true;
    }
    CameoCode c;
    c.file = name;
    c.line = line_no;
    if (!is_cameo_code(cols[0])) {
      diag.error(name, line_no, quoted(cols[0]) + " is not a CAMEO code (2-4 digits)");
      return true;
    }
    c.code = std::string(cols[0]);
    if (!parse_double(cols[1], c.goldstein) || c.goldstein < -10.0 || c.goldstein > 10.0) {
      diag.error(name, line_no, "Goldstein value " + quoted(cols[1]) + " is not a number in [-10, 10]");
      return true;
    }
    auto [p, ec] = std::from_chars(cols[2].data(), cols[2].data() + cols[2].size(), c.quad_class);
    if (ec != std::errc() || p != cols[2].data() + cols[2].size() || c.quad_class < 1 || c.quad_class > 4) {
      diag.error(name, line_no, "quad class " + quoted(cols[2]) + " is not 1, 2, 3 or 4");
      return true;
    }
    for (int i = 3; i <= 5; ++i) {
      if (!valid_plover_name(cols[static_cast<std::size_t>(i)])) {
        diag.error(name, line_no, "PLOVER column " + std::to_string(i + 1) + " " + quoted(cols[static_cast<std::size_t>(i)]) +
                                      " is not a name or '-'");
        return true;
      }
    }
    c.plover_event = dash_to_empty(cols[3]);
    c.plover_mode = dash_to_empty(cols[4]);
    c.plover_context = dash_to_empty(cols[5]);
    c.label = std::string(cols[6]);
    if (c.label.empty()) {
      diag.error(name, line_no, "missing label");
      return true;
    }
    onto->codes_.push_back(std::move(c));
    return true;
  });
  if (!header_seen) {
    diag.error(name, 1, "not a CAMEO ontology file: the first line must be " + quoted(kHeader));
    return nullptr;
  }
  // Sort, then drop duplicates (the first definition wins, reported).
  std::stable_sort(onto->codes_.begin(), onto->codes_.end(),
                   [](const CameoCode& a, const CameoCode& b) { return a.code < b.code; });
  std::vector<CameoCode> unique;
  unique.reserve(onto->codes_.size());
  for (auto& c : onto->codes_) {
    if (!unique.empty() && unique.back().code == c.code) {
      diag.error(name, c.line,
                 "code " + c.code + " is already defined on line " + std::to_string(unique.back().line));
      continue;
    }
    unique.push_back(std::move(c));
  }
  onto->codes_ = std::move(unique);
  return onto;
}

const CameoCode* CameoOntology::find(std::string_view code) const {
  auto it = std::lower_bound(codes_.begin(), codes_.end(), code,
                             [](const CameoCode& c, std::string_view k) { return c.code < k; });
  return it != codes_.end() && it->code == code ? &*it : nullptr;
}

const CameoCode* CameoOntology::lookup(std::string_view code) const {
  while (code.size() >= 2) {
    if (const CameoCode* c = find(code)) return c;
    code.remove_suffix(1);
  }
  return nullptr;
}

}  // namespace kestrel
