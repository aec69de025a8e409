// Loading and validating the actor dictionaries (format: docs/dictionaries.md).
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "actors/actors.h"
#include "base/model_file.h"

namespace kestrel {
namespace {

constexpr std::string_view kHeader = "%kestrel-dict actors 1";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string_view strip_comment(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == '#' && !quoted) return line.substr(0, i);
  }
  return line;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t bar = s.find('|', pos);
    std::string_view item = trim(s.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos));
    if (!item.empty()) out.emplace_back(item);
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return out;
}

// Splits "KEYWORD rest" at the first run of spaces.
std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
  s = trim(s);
  std::size_t sp = s.find_first_of(" \t");
  if (sp == std::string_view::npos) return {s, {}};
  return {s.substr(0, sp), trim(s.substr(sp))};
}

// "1994", "1994-07", "1994-07-20" -> yyyymmdd; `end` picks the last day of
// a year or month.
bool parse_date(std::string_view s, bool end, std::int32_t& out) {
  int y = 0, m = end ? 12 : 1, d = end ? 31 : 1;
  auto num = [](std::string_view v, int& o) {
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), o);
    return ec == std::errc() && p == v.data() + v.size();
  };
  if (s.size() == 4) {
    if (!num(s, y)) return false;
  } else if (s.size() == 7 && s[4] == '-') {
    if (!num(s.substr(0, 4), y) || !num(s.substr(5, 2), m)) return false;
    if (end) {
      static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      if (m < 1 || m > 12) return false;
      d = days[m - 1];
    }
  } else if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    if (!num(s.substr(0, 4), y) || !num(s.substr(5, 2), m) || !num(s.substr(8, 2), d)) return false;
  } else {
    return false;
  }
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  out = y * 10000 + m * 100 + d;
  return true;
}

// "FROM..TO" with either side optional.
bool parse_range(std::string_view s, DateRange& out, std::string& error) {
  std::size_t dots = s.find("..");
  if (dots == std::string_view::npos) {
    error = "expected a date range FROM..TO, got '" + std::string(s) + "'";
    return false;
  }
  std::string_view from = s.substr(0, dots), to = s.substr(dots + 2);
  DateRange r;
  if (!from.empty() && !parse_date(from, false, r.from)) {
    error = "bad date '" + std::string(from) + "' (use YYYY, YYYY-MM or YYYY-MM-DD)";
    return false;
  }
  if (!to.empty() && !parse_date(to, true, r.to)) {
    error = "bad date '" + std::string(to) + "' (use YYYY, YYYY-MM or YYYY-MM-DD)";
    return false;
  }
  if (r.from > r.to) {
    error = "date range '" + std::string(s) + "' ends before it starts";
    return false;
  }
  out = r;
  return true;
}

// A trailing token containing ".." is a date range: "Zaire 1971..1997".
bool split_trailing_range(std::string_view s, std::string_view& text, std::string_view& range) {
  std::size_t sp = s.find_last_of(" \t");
  std::string_view last = sp == std::string_view::npos ? s : s.substr(sp + 1);
  if (last.find("..") == std::string_view::npos) return false;
  // "Byelorussian SSR..1991-08-25": the range may be glued to the name.
  if (sp == std::string_view::npos || last.find("..") != 0) {
    std::size_t dots = s.find("..");
    std::size_t start = dots;
    while (start > 0 && (std::isdigit(static_cast<unsigned char>(s[start - 1])) || s[start - 1] == '-')) --start;
    text = trim(s.substr(0, start));
    range = s.substr(start);
    return true;
  }
  text = trim(s.substr(0, sp));
  range = last;
  return true;
}

bool valid_iso3(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

class Loader {
 public:
  Loader(std::vector<ActorEntry>& entries, std::vector<AgentEntry>& agents, std::vector<std::string>& common,
         Diagnostics& diag)
      : entries_(entries), agents_(agents), common_(common), diag_(diag) {}

  void load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diag_.error(path, 0, "cannot open dictionary file");
      return;
    }
    std::string line;
    std::uint32_t line_no = 0;
    bool have_entry = false;
    std::size_t entry_index = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line_no == 1) {
        if (trim(line) != kHeader) {
          diag_.error(path, 1, "not an actors dictionary: first line must be '" + std::string(kHeader) + "'; file refused");
          return;
        }
        continue;
      }
      std::string_view body = strip_comment(line);
      if (trim(body).empty()) continue;
      const bool indented = body.front() == ' ' || body.front() == '\t';
      auto [keyword, rest] = split_word(body);
      auto fail = [&](const std::string& message) { diag_.error(path, line_no, message); };
      if (!indented) {
        have_entry = false;
        if (keyword == "agent") {
          add_agent(path, line_no, rest, fail);
          continue;
        }
        if (keyword == "common") {
          auto list = split_list(rest);
          if (list.empty()) fail("common entry has no words");
          for (auto& w : list) {
            if (w.find(' ') != std::string::npos) {
              fail("common word '" + w + "' is more than one word");
              continue;
            }
            common_.push_back(std::move(w));
          }
          continue;
        }
        ActorKind kind;
        if (keyword == "country") kind = ActorKind::Country;
        else if (keyword == "person") kind = ActorKind::Person;
        else if (keyword == "igo") kind = ActorKind::Igo;
        else if (keyword == "ngo") kind = ActorKind::Ngo;
        else if (keyword == "group") kind = ActorKind::Group;
        else if (keyword == "agency") kind = ActorKind::Agency;
        else {
          fail("unknown entry keyword '" + std::string(keyword) + "'");
          continue;
        }
        auto [id, name] = split_word(rest);
        if (id.empty() || name.empty()) {
          fail(std::string(keyword) + " entry needs an id and a name");
          continue;
        }
        if (kind == ActorKind::Country && !valid_iso3(id)) {
          fail("country code '" + std::string(id) + "' is not three capital letters");
          continue;
        }
        if ((kind == ActorKind::Igo || kind == ActorKind::Ngo || kind == ActorKind::Group || kind == ActorKind::Agency) &&
            !is_valid_actor_code(id)) {
          fail("actor code '" + std::string(id) + "' is not a sequence of 3-letter segments");
          continue;
        }
        if (auto it = ids_.find(std::string(id)); it != ids_.end()) {
          fail("duplicate id '" + std::string(id) + "' (first defined at " + it->second + "); entry skipped");
          continue;
        }
        ActorEntry e;
        e.kind = kind;
        e.id = std::string(id);
        e.name = std::string(name);
        e.names.push_back({e.name, false, {}});
        e.file = path;
        e.line = line_no;
        ids_.emplace(e.id, path + ":" + std::to_string(line_no));
        entries_.push_back(std::move(e));
        entry_index = entries_.size() - 1;
        have_entry = true;
        continue;
      }
      if (!have_entry) {
        fail("attribute '" + std::string(keyword) + "' outside an entry");
        continue;
      }
      add_attribute(entries_[entry_index], keyword, rest, fail);
    }
    if (line_no == 0) diag_.error(path, 0, "empty dictionary file");
  }

 private:
  template <typename Fail>
  void add_agent(const std::string& path, std::uint32_t line_no, std::string_view rest, Fail& fail) {
    auto [sector_list, phrases] = split_word(rest);
    AgentEntry base;
    std::string_view sectors = sector_list;
    std::size_t pos = 0;
    while (pos <= sectors.size()) {
      std::size_t comma = sectors.find(',', pos);
      std::string_view s = sectors.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
      if (!valid_iso3(s)) {
        fail("agent sector '" + std::string(s) + "' is not a 3-letter code");
        return;
      }
      base.sectors.emplace_back(s);
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
    auto list = split_list(phrases);
    if (list.empty()) {
      fail("agent entry has no phrases");
      return;
    }
    for (auto& phrase : list) {
      AgentEntry a = base;
      a.phrase = std::move(phrase);
      a.file = path;
      a.line = line_no;
      agents_.push_back(std::move(a));
    }
  }

  template <typename Fail>
  void add_attribute(ActorEntry& e, std::string_view keyword, std::string_view rest, Fail& fail) {
    if (rest.empty()) {
      fail("attribute '" + std::string(keyword) + "' has no value");
      return;
    }
    const bool country = e.kind == ActorKind::Country;
    const bool person = e.kind == ActorKind::Person;
    if (keyword == "alias" || keyword == "alias!") {
      for (auto& a : split_list(rest)) e.names.push_back({std::move(a), keyword == "alias!", {}});
    } else if (keyword == "former") {
      for (auto& item : split_list(rest)) {
        std::string_view text = item, range;
        DateRange when;
        if (split_trailing_range(item, text, range)) {
          std::string error;
          if (!parse_range(range, when, error)) {
            fail(error);
            continue;
          }
        }
        if (text.empty()) {
          fail("former name is empty");
          continue;
        }
        e.names.push_back({std::string(text), false, when});
      }
    } else if (country && keyword == "adj") {
      for (auto& a : split_list(rest)) e.adjectives.push_back(std::move(a));
    } else if (country && keyword == "demonym") {
      for (auto& a : split_list(rest)) e.demonyms.push_back(std::move(a));
    } else if (country && keyword == "capital") {
      for (auto& a : split_list(rest)) e.capitals.push_back(std::move(a));
    } else if (country && keyword == "seat") {
      for (auto& a : split_list(rest)) e.seats.push_back(std::move(a));
    } else if (country && keyword == "city") {
      for (auto& a : split_list(rest)) e.cities.push_back(std::move(a));
    } else if (person && keyword == "role") {
      auto [code, tail] = split_word(rest);
      auto [range, title] = split_word(tail);
      ActorRole role;
      std::string error;
      if (!is_valid_actor_code(code)) {
        fail("role code '" + std::string(code) + "' is not a sequence of 3-letter segments");
        return;
      }
      if (!parse_range(range, role.when, error)) {
        fail(error);
        return;
      }
      role.code = std::string(code);
      role.title = std::string(title);
      e.roles.push_back(std::move(role));
    } else if (person && keyword == "born") {
      int y = 0;
      auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), y);
      if (ec != std::errc() || p != rest.data() + rest.size() || y < 1850 || y > 2030) {
        fail("bad birth year '" + std::string(rest) + "'");
        return;
      }
      e.born = y;
    } else if (!country && !person && keyword == "country") {
      if (!valid_iso3(rest)) {
        fail("country '" + std::string(rest) + "' is not an ISO 3166 alpha-3 code");
        return;
      }
      e.country = std::string(rest);
    } else if (!country && !person && keyword == "active") {
      std::string error;
      if (!parse_range(rest, e.active, error)) fail(error);
    } else if (!country && !person && keyword == "member") {
      for (auto& m : split_list(rest)) e.members.push_back(std::move(m));
    } else {
      fail("attribute '" + std::string(keyword) + "' is not valid in a " + std::string(actor_kind_name(e.kind)) +
           " entry");
    }
  }

  std::vector<ActorEntry>& entries_;
  std::vector<AgentEntry>& agents_;
  std::vector<std::string>& common_;
  Diagnostics& diag_;
  std::unordered_map<std::string, std::string> ids_;
};

}  // namespace

std::int32_t date_to_day(std::string_view s) {
  std::int32_t out = 0;
  return s.size() == 10 && parse_date(s, false, out) ? out : 0;
}

std::string_view actor_kind_name(ActorKind kind) {
  switch (kind) {
    case ActorKind::Country: return "country";
    case ActorKind::Person: return "person";
    case ActorKind::Igo: return "igo";
    case ActorKind::Ngo: return "ngo";
    case ActorKind::Group: return "group";
    case ActorKind::Agency: return "agency";
  }
  return "country";
}

bool is_valid_actor_code(std::string_view code) {
  if (code.empty() || code.size() % 3 != 0) return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c >= 'A' && c <= 'Z') continue;
    if (i < 3 && code.substr(0, 3) == "---") continue;
    return false;
  }
  return true;
}

std::unique_ptr<ActorDictionary> ActorDictionary::load(const std::vector<std::string>& paths, Diagnostics& diag) {
  auto dict = std::make_unique<ActorDictionary>();
  Loader loader(dict->entries_, dict->agents_, dict->common_words_, diag);
  for (const auto& p : paths) loader.load_file(p);
  return dict;
}

std::vector<std::string> ActorDictionary::default_files() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::string any = find_data_file("actors/countries.txt");
  if (any.empty()) return files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(any).parent_path(), ec))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

ActorCounts ActorDictionary::counts() const {
  ActorCounts c;
  for (const auto& e : entries_) {
    switch (e.kind) {
      case ActorKind::Country: ++c.countries; break;
      case ActorKind::Person: ++c.people; break;
      case ActorKind::Igo: ++c.igos; break;
      case ActorKind::Ngo: ++c.ngos; break;
      case ActorKind::Group: ++c.groups; break;
      case ActorKind::Agency: ++c.agencies; break;
    }
    c.names += e.names.size() + e.adjectives.size() + e.demonyms.size();
    c.roles += e.roles.size();
  }
  c.agent_phrases = agents_.size();
  return c;
}

const ActorEntry* ActorDictionary::find(std::string_view id) const {
  for (const auto& e : entries_)
    if (e.id == id) return &e;
  return nullptr;
}

}  // namespace kestrel
