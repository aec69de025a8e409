#include <utf8proc.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "actors/actors.h"
#include "base/model_file.h"
#include "cli/commands.h"

namespace kestrel::cli {
namespace {

int check_dictionaries(const std::vector<std::string>& files) {
  std::vector<std::string> paths = files;
  if (paths.empty()) paths = ActorDictionary::default_files();
  if (paths.empty()) {
    std::cerr << "kestrel: error: no dictionary files found (set KESTREL_DATA)\n";
    return kExitFatal;
  }
  Diagnostics diag;
  auto dict = ActorDictionary::load(paths, diag);
  ActorCounts c = dict->counts();
  std::cout << "actors: " << paths.size() << " files, " << c.countries << " countries, " << c.people << " people ("
            << c.roles << " roles), " << c.igos << " IGOs, " << c.ngos << " NGOs, " << c.groups
            << " armed groups, " << c.agencies << " state agencies, " << c.agent_phrases << " agent phrases, " << c.names << " names\n";
  std::cout << (diag.errors() ? std::to_string(diag.errors()) + " errors" : std::string("no errors")) << ", "
            << diag.warnings() << " warnings\n";
  return diag.errors() > 0 ? kExitInputErrors : kExitOk;
}

// --- kestrel dict common-words --------------------------------------------
// The words of actor names that are also ordinary English words: WordNet
// lists them in lower case. The matcher takes a name written in the wrong
// case ("president obama") only when it is not made of these ("turkey").

bool ascii_alpha(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

std::string ascii_lower(std::string w) {
  for (char& c : w)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return w;
}

// Compatibility decomposition without marks, case-folded: "Pérez" -> "perez".
std::string fold(std::string_view w) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(w.data()), static_cast<utf8proc_ssize_t>(w.size()),
                              &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                             UTF8PROC_CASEFOLD));
  std::string folded = n >= 0 ? std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(n)) : std::string(w);
  std::free(out);
  return folded;
}

// Letters of a name phrase as words; keeps those written with a capital
// that are not acronyms ("Obama", not "UN").
void name_words(std::string_view phrase, std::set<std::string>& words) {
  std::size_t i = 0;
  while (i < phrase.size()) {
    std::string word;
    bool first_upper = false, any_lower = false;
    std::size_t letters = 0;
    while (i < phrase.size()) {
      utf8proc_int32_t cp = 0;
      const auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(phrase.data() + i),
                                        static_cast<utf8proc_ssize_t>(phrase.size() - i), &cp);
      if (len <= 0) {
        ++i;
        break;
      }
      const auto cat = utf8proc_category(cp);
      const bool letter = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
                          cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO;
      if (!letter) {
        i += static_cast<std::size_t>(len);
        if (!word.empty()) break;
        continue;
      }
      if (letters == 0) first_upper = cat == UTF8PROC_CATEGORY_LU;
      if (cat == UTF8PROC_CATEGORY_LL) any_lower = true;
      ++letters;
      word.append(phrase.substr(i, static_cast<std::size_t>(len)));
      i += static_cast<std::size_t>(len);
    }
    if (!word.empty() && first_upper && (letters == 1 || any_lower)) words.insert(fold(word));
  }
}

int write_common_words(const std::string& wordnet, const std::string& output) {
  // Lower-case single-word lemmas of WordNet's data files.
  std::set<std::string> lower, inflected;
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    const std::string path = wordnet + "/data." + pos;
    std::ifstream in(path);
    if (!in) {
      std::cerr << "kestrel: error: cannot read " << path << " (Debian package wordnet-base)\n";
      return kExitFatal;
    }
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with("  ")) continue;  // licence header
      std::istringstream fields(line);
      std::string offset, lex, ss_type, count_hex;
      if (!(fields >> offset >> lex >> ss_type >> count_hex)) continue;
      const unsigned long count = std::stoul(count_hex, nullptr, 16);
      for (unsigned long k = 0; k < count; ++k) {
        std::string lemma, lex_id;
        if (!(fields >> lemma >> lex_id)) break;
        if (auto paren = lemma.find('('); paren != std::string::npos && lemma.back() == ')') lemma.erase(paren);
        if (ascii_alpha(lemma) && lemma == ascii_lower(lemma)) lower.insert(lemma);
      }
    }
  }
  // Irregular inflections of those ("pence" -> penny, "men" -> man).
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    std::ifstream in(wordnet + "/" + pos + ".exc");
    for (std::string line; std::getline(in, line);) {
      std::istringstream fields(line);
      std::string form, base;
      if (!(fields >> form) || !ascii_alpha(form)) continue;
      while (fields >> base)
        if (lower.count(base)) {
          inflected.insert(form);
          break;
        }
    }
  }
  // Words of the shipped names (not agents: those are lower case anyway).
  Diagnostics diag;
  const auto dict = ActorDictionary::load(ActorDictionary::default_files(), diag);
  std::set<std::string> words;
  for (const ActorEntry& e : dict->entries()) {
    for (const ActorName& name : e.names) name_words(name.text, words);
    for (const auto* list : {&e.adjectives, &e.demonyms, &e.capitals, &e.seats, &e.cities})
      for (const std::string& phrase : *list) name_words(phrase, words);
  }
  const auto known = [&](const std::string& w) { return lower.count(w) > 0; };
  const auto ordinary = [&](const std::string& w) {
    if (known(w) || inflected.count(w)) return true;
    // Plurals: WordNet lists lemmas ("States" -> state).
    if (w.ends_with("ies") && known(w.substr(0, w.size() - 3) + "y")) return true;
    if (w.ends_with("es") && w.size() >= 3 && known(w.substr(0, w.size() - 2)) &&
        std::string_view("sxzh").find(w[w.size() - 3]) != std::string_view::npos)
      return true;
    return w.ends_with("s") && !w.ends_with("ss") && known(w.substr(0, w.size() - 1));
  };
  std::ostringstream text;
  text << "%kestrel-dict actors 1\n"
          "# Words of actor names that are also ordinary English words: WordNet 3.0 lists\n"
          "# them in lower case (Debian wordnet-base). A name written in the wrong case\n"
          "# (\"president obama\") is taken only when it is not made of these (\"turkey\").\n"
          "# Generated by `kestrel dict common-words`; do not edit by hand.\n";
  std::vector<std::string> row;
  std::size_t row_width = 0, common = 0;
  const auto flush = [&] {
    if (row.empty()) return;
    text << "common ";
    for (std::size_t k = 0; k < row.size(); ++k) text << (k ? " | " : "") << row[k];
    text << '\n';
    row.clear();
    row_width = 0;
  };
  for (const std::string& w : words) {
    if (!ordinary(w)) continue;
    ++common;
    if (row_width + w.size() > 90) flush();
    row.push_back(w);
    row_width += w.size() + 3;
  }
  flush();
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!(out << text.str()) || !out.flush()) {
    std::cerr << "kestrel: error: cannot write " << output << '\n';
    return kExitFatal;
  }
  std::cerr << output << ": " << common << " of " << words.size() << " name words are common English words\n";
  return kExitOk;
}

}  // namespace

Action add_dict_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("dict", "Inspect, validate and maintain dictionaries");
  cmd->require_subcommand(1);
  auto* check = cmd->add_subcommand("check", "Validate dictionary files; print what they hold");
  auto files = std::make_shared<std::vector<std::string>>();
  check->add_option("files", *files, "Dictionary files (default: the shipped data/actors/*.txt)");
  auto* common = cmd->add_subcommand(
      "common-words", "Rewrite data/actors/common-words.txt: the words of the shipped actor names that WordNet "
                      "knows in lower case (run after adding names)");
  auto wordnet = std::make_shared<std::string>("/usr/share/wordnet");
  auto output = std::make_shared<std::string>();
  common->add_option("--wordnet", *wordnet, "WordNet 3.0 database directory (Debian wordnet-base)")
      ->capture_default_str();
  common->add_option("-o,--output", *output, "File to write (default: the shipped data/actors/common-words.txt)");
  return [check, files, wordnet, output] {
    if (check->parsed()) return check_dictionaries(*files);
    std::string path = *output;
    if (path.empty()) {
      const std::string any = find_data_file("actors/countries.txt");
      if (any.empty()) {
        std::cerr << "kestrel: error: data/actors not found (set KESTREL_DATA)\n";
        return kExitFatal;
      }
      path = (std::filesystem::path(any).parent_path() / "common-words.txt").string();
    }
    return write_common_words(*wordnet, path);
  };
}

}  // namespace kestrel::cli
