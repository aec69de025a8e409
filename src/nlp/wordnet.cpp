#include "nlp/wordnet.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <vector>

#include "nlp/hashing.h"

namespace kestrel::nlp {
namespace {

constexpr std::uint64_t kSeed = 0x5745'4e43'4c53'0001ULL;  // fixed: the table is keyed independently of any model seed

std::uint64_t key_of(std::string_view w) { return hash_string(w, kSeed); }

struct PartFile {
  const char* name;
  std::uint8_t bit;
};
constexpr std::array<PartFile, 4> kParts = {
    {{"noun", WordNetClasses::kNoun}, {"verb", WordNetClasses::kVerb}, {"adj", WordNetClasses::kAdjective}, {"adv", WordNetClasses::kAdverb}}};

// WordNet's detachment rules (morphy): ending -> replacement, per part of speech.
struct Detach {
  std::uint8_t bit;
  std::string_view ending, replacement;
};
constexpr std::array<Detach, 20> kDetach = {{{WordNetClasses::kNoun, "s", ""},
                                             {WordNetClasses::kNoun, "ses", "s"},
                                             {WordNetClasses::kNoun, "xes", "x"},
                                             {WordNetClasses::kNoun, "zes", "z"},
                                             {WordNetClasses::kNoun, "ches", "ch"},
                                             {WordNetClasses::kNoun, "shes", "sh"},
                                             {WordNetClasses::kNoun, "men", "man"},
                                             {WordNetClasses::kNoun, "ies", "y"},
                                             {WordNetClasses::kVerb, "s", ""},
                                             {WordNetClasses::kVerb, "ies", "y"},
                                             {WordNetClasses::kVerb, "es", "e"},
                                             {WordNetClasses::kVerb, "es", ""},
                                             {WordNetClasses::kVerb, "ed", "e"},
                                             {WordNetClasses::kVerb, "ed", ""},
                                             {WordNetClasses::kVerb, "ing", "e"},
                                             {WordNetClasses::kVerb, "ing", ""},
                                             {WordNetClasses::kAdjective, "er", ""},
                                             {WordNetClasses::kAdjective, "est", ""},
                                             {WordNetClasses::kAdjective, "er", "e"},
                                             {WordNetClasses::kAdjective, "est", "e"}}};

// Calls `each` with the fields of every entry line of a WordNet file (the
// licence header, lines starting with a space, is skipped). `each` returns
// nullptr, or what is wrong with the line, which becomes "path:line: …".
bool each_entry(const std::string& path, const char* file_kind,
                const std::function<const char*(std::istringstream& fields)>& each, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot read WordNet " + file_kind;
    return false;
  }
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == ' ') continue;
    std::istringstream fields(line);
    if (const char* problem = each(fields)) {
      error = path + ":" + std::to_string(line_no) + ": " + problem;
      return false;
    }
  }
  return true;
}

}  // namespace

bool read_wordnet_exceptions(const std::string& path,
                             const std::function<void(const std::string& form, const std::vector<std::string>& bases)>& each) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line, form, base;
  std::vector<std::string> bases;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    bases.clear();
    if (!(fields >> form)) continue;
    while (fields >> base) bases.push_back(base);
    each(form, bases);
  }
  return true;
}

bool WordNetClasses::load(const std::string& dir, std::string& error) {
  lemmas_.clear();
  forms_.clear();
  flat_lemmas_ = flat_forms_ = FlatTable{};
  // Per lemma: the parts of speech it has, and the weight of each (tagged
  // senses first, then senses), to find the dominant one.
  std::unordered_map<std::uint64_t, std::array<std::uint32_t, 4>> weights;
  for (std::size_t p = 0; p < kParts.size(); ++p) {
    const std::string path = dir + "/index." + kParts[p].name;
    std::size_t entries = 0;
    const bool read = each_entry(path, "index", [&](std::istringstream& fields) -> const char* {
      std::string lemma, pos;
      std::uint32_t synsets = 0, pointers = 0;
      fields >> lemma >> pos >> synsets >> pointers;
      std::string skip;
      for (std::uint32_t i = 0; i < pointers && fields; ++i) fields >> skip;
      std::uint32_t senses = 0, tagged = 0;
      fields >> senses >> tagged;
      if (!fields) return "not a WordNet index line";
      if (lemma.find('_') != std::string::npos) return nullptr;  // multi-word entries: the tagger sees one word at a time
      auto& w = weights[key_of(lemma)];
      w[p] = 1 + tagged * 16 + senses;
      ++entries;
      return nullptr;
    }, error);
    if (!read) return false;
    if (entries == 0) {
      error = path + ": no WordNet entries";
      return false;
    }
  }
  for (const auto& [key, w] : weights) {
    std::uint8_t bits = 0, best = 0;
    for (std::size_t p = 0; p < 4; ++p) {
      if (w[p] == 0) continue;
      bits |= kParts[p].bit;
      if (w[p] > w[best] || w[best] == 0) best = static_cast<std::uint8_t>(p);
    }
    lemmas_[key] = static_cast<std::uint8_t>(bits | ((best + 1) << 4));
  }
  // Irregular forms: a form takes the part of speech of a base WordNet has.
  for (const PartFile& part : kParts) {
    const std::string path = dir + "/" + part.name + ".exc";
    const bool read = read_wordnet_exceptions(path, [&](const std::string& form, const std::vector<std::string>& bases) {
      for (const std::string& base : bases) {
        auto it = lemmas_.find(key_of(base));
        if (it != lemmas_.end() && (it->second & part.bit)) forms_[key_of(form)] |= part.bit;
      }
    });
    if (!read) {
      error = path + ": cannot read WordNet exception list";
      return false;
    }
  }
  flat_lemmas_.build(lemmas_);
  flat_forms_.build(forms_);
  return true;
}

void WordNetClasses::FlatTable::build(const std::unordered_map<std::uint64_t, std::uint8_t>& map) {
  std::size_t size = 16;
  while (size < 2 * map.size()) size *= 2;
  entries.assign(size, Entry{});
  const std::size_t mask = size - 1;
  for (const auto& [key, value] : map) {
    std::size_t s = static_cast<std::size_t>(mix64(key)) & mask;
    while (entries[s].used) s = (s + 1) & mask;
    entries[s] = Entry{key, value, true};
  }
}

std::uint8_t WordNetClasses::FlatTable::find(std::uint64_t key) const {
  if (entries.empty()) return 0;
  const std::size_t mask = entries.size() - 1;
  for (std::size_t s = static_cast<std::size_t>(mix64(key)) & mask; entries[s].used; s = (s + 1) & mask)
    if (entries[s].key == key) return entries[s].value;
  return 0;
}

std::uint8_t WordNetClasses::lemma(std::string_view w) const { return flat_lemmas_.find(key_of(w)); }

std::uint8_t WordNetClasses::classes(std::string_view lower) const {
  if (lower.empty() || empty()) return 0;
  std::uint8_t own = lemma(lower);
  std::uint8_t bits = own & 0x0f;
  bits |= flat_forms_.find(key_of(lower));
  thread_local std::string base;  // reused: no allocation per word
  for (const Detach& d : kDetach) {
    if (lower.size() <= d.ending.size() + 1 || lower.substr(lower.size() - d.ending.size()) != d.ending) continue;
    base.assign(lower.substr(0, lower.size() - d.ending.size()));
    base += d.replacement;
    if (lemma(base) & d.bit) bits |= d.bit;
  }
  return static_cast<std::uint8_t>(bits | (own & 0xf0));
}

void WordNetClasses::write(ByteWriter& out) const {
  for (const auto* table : {&lemmas_, &forms_}) {
    // Sorted, so the same WordNet gives the same bytes.
    std::vector<std::pair<std::uint64_t, std::uint8_t>> entries(table->begin(), table->end());
    std::sort(entries.begin(), entries.end());
    out.u64(entries.size());
    for (const auto& [key, value] : entries) {
      out.u64(key);
      out.u8(value);
    }
  }
}

bool WordNetClasses::read(ByteReader& in, std::string& error) {
  flat_lemmas_ = flat_forms_ = FlatTable{};
  for (auto* table : {&lemmas_, &forms_}) {
    table->clear();
    const std::uint64_t n = in.u64();
    if (in.failed() || n > in.remaining() / 9) {
      error = "WordNet classes are truncated";
      return false;
    }
    table->reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::uint64_t key = in.u64();
      (*table)[key] = in.u8();
    }
  }
  if (in.failed()) {
    error = "WordNet classes are truncated";
    return false;
  }
  flat_lemmas_.build(lemmas_);
  flat_forms_.build(forms_);
  return true;
}

namespace {

// Lexicographer file numbers (WordNet's lexnames(5WN)) are 0–44.
constexpr int kLastLexFile = 44;

// data.{noun,verb}: "offset lex_filenum ss_type …" per synset: offset -> file number.
bool read_lex_files(const std::string& path, std::unordered_map<std::uint32_t, std::uint8_t>& out,
                    std::string& error) {
  const bool read = each_entry(path, "data file", [&](std::istringstream& fields) -> const char* {
    std::uint32_t offset = 0;
    int lex_file = -1;
    if (!(fields >> offset >> lex_file) || lex_file < 0 || lex_file > kLastLexFile) return "not a WordNet data line";
    out[offset] = static_cast<std::uint8_t>(lex_file);
    return nullptr;
  }, error);
  if (!read) return false;
  if (out.empty()) {
    error = path + ": no WordNet synsets";
    return false;
  }
  return true;
}

}  // namespace

bool WordNetSenses::load(const std::string& dir, std::string& error) {
  lemmas_.clear();
  constexpr std::array<const char*, 2> kFiles = {"noun", "verb"};
  for (std::size_t p = 0; p < kFiles.size(); ++p) {
    std::unordered_map<std::uint32_t, std::uint8_t> lex_files;
    if (!read_lex_files(dir + "/data." + kFiles[p], lex_files, error)) return false;
    const std::string path = dir + "/index." + kFiles[p];
    const bool read = each_entry(path, "index", [&](std::istringstream& fields) -> const char* {
      std::string lemma, pos, skip;
      std::uint32_t count = 0, pointers = 0, senses = 0, tagged = 0;
      fields >> lemma >> pos >> count >> pointers;
      for (std::uint32_t i = 0; i < pointers && fields; ++i) fields >> skip;
      std::uint32_t first = 0;  // the most frequent sense comes first
      fields >> senses >> tagged >> first;
      auto it = lex_files.find(first);
      if (!fields || it == lex_files.end()) return "not a WordNet index line, or its first synset is unknown";
      if (lemma.find('_') != std::string::npos) return nullptr;  // one word at a time
      Classes& c = lemmas_[key_of(lemma)];
      (p == 0 ? c.noun : c.verb) = static_cast<std::uint8_t>(it->second + 1);
      return nullptr;
    }, error);
    if (!read) return false;
  }
  return true;
}

std::uint8_t WordNetSenses::sense(std::string_view lemma, std::string_view upos) const {
  const bool verb = upos == "VERB";
  if (!(verb || upos == "NOUN" || upos == "PROPN") || lemma.empty() || lemmas_.empty()) return 0;
  char lower[64];  // WordNet's single words are shorter
  if (lemma.size() > sizeof lower) return 0;
  for (std::size_t i = 0; i < lemma.size(); ++i) {
    const char c = lemma[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  auto it = lemmas_.find(key_of(std::string_view(lower, lemma.size())));
  if (it == lemmas_.end()) return 0;
  return verb ? it->second.verb : it->second.noun;
}

void WordNetSenses::write(ByteWriter& out) const {
  std::vector<std::pair<std::uint64_t, Classes>> entries(lemmas_.begin(), lemmas_.end());
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  out.u64(entries.size());  // sorted: the same WordNet gives the same bytes
  for (const auto& [key, c] : entries) {
    out.u64(key);
    out.u8(c.noun);
    out.u8(c.verb);
  }
}

bool WordNetSenses::read(ByteReader& in, std::string& error) {
  lemmas_.clear();
  const std::uint64_t n = in.u64();
  if (in.failed() || n > in.remaining() / 10) {
    error = "WordNet senses are truncated";
    return false;
  }
  lemmas_.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::uint64_t key = in.u64();
    Classes c;
    c.noun = in.u8();
    c.verb = in.u8();
    if (c.noun > kLastLexFile + 1 || c.verb > kLastLexFile + 1) {
      error = "WordNet senses hold an unknown semantic class";
      return false;
    }
    lemmas_[key] = c;
  }
  if (in.failed()) {
    error = "WordNet senses are truncated";
    return false;
  }
  return true;
}

}  // namespace kestrel::nlp
