// Genre cues: is this article sport reporting? (doc.h, GenreCues)
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "base/model_file.h"
#include "doc/doc.h"

namespace kestrel {
namespace {

constexpr std::string_view kHeader = "%kestrel-dict genres 1";

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Lower-cased words of `text`; a hyphen between two word characters joins.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    std::string w;
    while (i < text.size()) {
      const char c = text[i];
      if (word_char(c)) {
        w += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        ++i;
      } else if (c == '-' && i + 1 < text.size() && word_char(text[i + 1]) && !w.empty()) {
        w += '-';
        ++i;
      } else {
        break;
      }
    }
    words.push_back(std::move(w));
  }
  return words;
}

bool cue_word_matches(const std::string& cue, bool prefix, const std::string& word) {
  return prefix ? word.starts_with(cue) : word == cue;
}

}  // namespace

std::unique_ptr<GenreCues> GenreCues::load(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read the genre cues";
    return nullptr;
  }
  auto cues = std::make_unique<GenreCues>();
  std::string line;
  std::size_t line_no = 0;
  const auto fail = [&](const std::string& why) {
    error = path + ":" + std::to_string(line_no) + ": " + why;
    return nullptr;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1) {
      if (line != kHeader) return fail("not a Kestrel genre cue file (first line must be '" + std::string(kHeader) + "')");
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream split(line);
    for (std::string col; std::getline(split, col, '\t');) cols.push_back(col);
    if (cols.size() != 3) return fail("expected genre TAB weight TAB cue");
    Cue cue;
    cue.genre = cols[0];
    const auto [end, ec] = std::from_chars(cols[1].data(), cols[1].data() + cols[1].size(), cue.weight);
    if (ec != std::errc() || end != cols[1].data() + cols[1].size() || cue.weight < 1 || cue.weight > 9)
      return fail("weight '" + cols[1] + "' is not a number from 1 to 9");
    std::istringstream ws(cols[2]);
    for (std::string w; ws >> w;) cue.words.push_back(w);
    if (cue.genre.empty() || cue.words.empty() || cue.words.size() > 3) return fail("a cue is one to three words");
    for (const std::string& w : cue.words)
      for (std::size_t k = 0; k < w.size(); ++k) {
        const char c = w[k];
        const bool star = c == '*' && k + 1 == w.size() && &w == &cue.words.back();
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || star))
          return fail("cue '" + cols[2] + "': lower-case letters, digits and hyphens only (and a final *)");
      }
    if (cue.words.back().ends_with('*')) {
      cue.prefix = true;
      cue.words.back().pop_back();
      if (cue.words.back().size() < 3) return fail("a prefix cue needs at least 3 letters");
    }
    const auto index = static_cast<std::uint32_t>(cues->cues_.size());
    if (cue.prefix && cue.words.size() == 1)
      cues->prefixes_[cue.words[0].substr(0, 3)].push_back(index);
    else
      cues->by_first_[cue.words[0]].push_back(index);
    cues->cues_.push_back(std::move(cue));
  }
  if (line_no == 0) {
    error = path + ": empty file, not a Kestrel genre cue file";
    return nullptr;
  }
  return cues;
}

std::unique_ptr<GenreCues> GenreCues::load_default(std::string& error) {
  const std::string path = find_data_file("doc/genres.txt");
  if (path.empty()) {
    error = "data/doc/genres.txt not found (set KESTREL_DATA to the data directory)";
    return nullptr;
  }
  return load(path, error);
}

GenreVerdict GenreCues::classify(const Document& doc) const {
  GenreVerdict v;
  const std::vector<std::string> words = words_of(doc.text);
  v.words = static_cast<std::uint32_t>(words.size());
  if (words.empty()) return v;
  // Weight and distinct strong cues per genre; the heaviest genre decides.
  std::unordered_map<std::string, std::pair<int, std::set<std::uint32_t>>> found;
  const auto count = [&](std::uint32_t index) {
    const Cue& c = cues_[index];
    auto& [weight, strong] = found[c.genre];
    weight += c.weight;
    if (c.weight >= 3) strong.insert(index);
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (auto it = by_first_.find(w); it != by_first_.end()) {
      for (std::uint32_t index : it->second) {
        const Cue& c = cues_[index];
        if (i + c.words.size() > words.size()) continue;
        bool match = true;
        for (std::size_t k = 1; k < c.words.size() && match; ++k)
          match = cue_word_matches(c.words[k], c.prefix && k + 1 == c.words.size(), words[i + k]);
        if (match) count(index);
      }
    }
    if (w.size() >= 3) {
      if (auto it = prefixes_.find(w.substr(0, 3)); it != prefixes_.end())
        for (std::uint32_t index : it->second)
          if (w.starts_with(cues_[index].words[0])) count(index);
    }
  }
  for (const auto& [genre, f] : found) {
    const double per_100 = 100.0 * f.first / static_cast<double>(words.size());
    if (per_100 <= v.weight_per_100) continue;
    v.weight_per_100 = per_100;
    v.strong_cues = static_cast<std::uint32_t>(f.second.size());
    v.genre = f.first >= kMinWeight && per_100 >= kMinWeightPer100 && !f.second.empty() ? genre : std::string();
  }
  return v;
}

}  // namespace kestrel
