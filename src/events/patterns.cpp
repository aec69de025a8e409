// Loading, validating and compiling event patterns (format: docs/dictionaries.md,
// `events`; how the coder reads them: docs/events.md).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/model_file.h"
#include "events/patterns_impl.h"
#include "events/text_util.h"

namespace kestrel {
namespace {

using events_internal::Alt;
using events_internal::Compiled;
using events_internal::Slot;
using events_internal::SlotRole;
using events_internal::Word;
using Kind = PatternElement::Kind;

constexpr std::string_view kHeader = "%kestrel-dict events 1";

// Words that introduce an oblique slot ("on TGT", "against TGT").
bool is_preposition(std::string_view w) {
  static constexpr std::string_view kPreps[] = {
      "about",   "above",   "across",  "after",   "against", "along",   "amid",       "amidst",  "among",
      "amongst", "around",  "as",      "at",      "before",  "behind",  "below",      "beneath", "beside",
      "between", "beyond",  "by",      "despite", "during",  "for",     "from",       "in",      "inside",
      "into",    "near",    "of",      "off",     "on",      "onto",    "outside",    "over",    "past",
      "per",     "since",   "than",    "through", "throughout", "to",   "toward",     "towards", "under",
      "until",   "upon",    "via",     "with",    "within",  "without", "concerning", "regarding", "like",
      "unlike",  "across",  "atop",    "inside"};
  return std::find(std::begin(kPreps), std::end(kPreps), w) != std::end(kPreps);
}

// Verbs that carry a nominal event without adding to it (kept in step with
// the coder's list).
bool is_support_verb(std::string_view w) {
  static constexpr std::string_view kVerbs[] = {
      "carry_out", "launch", "stage", "conduct", "mount", "organize", "organise", "begin", "start", "continue",
      "resume", "undertake", "hold", "make", "wage", "perform", "step_up", "intensify", "unleash", "execute",
      "commit", "perpetrate", "escalate", "renew", "order", "press", "expand", "plan"};
  return std::find(std::begin(kVerbs), std::end(kVerbs), w) != std::end(kVerbs);
}

bool valid_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '\'' || c == '.' ||
         c >= 0x80;
}

// "a|b|c" -> {"a","b","c"} lowercased; false (with `error`) on an empty or odd alternative.
bool parse_alternatives(std::string_view token, std::vector<std::string>& out, std::string& error) {
  out.clear();
  std::size_t pos = 0;
  while (true) {
    std::size_t bar = token.find('|', pos);
    std::string alt = events_internal::ascii_lower(token.substr(pos, bar == std::string_view::npos ? bar : bar - pos));
    if (alt.empty()) {
      error = "empty alternative in '" + std::string(token) + "'";
      return false;
    }
    for (unsigned char c : alt) {
      if (!valid_word_char(c)) {
        error = "unexpected character '" + std::string(1, static_cast<char>(c)) + "' in '" + std::string(token) + "'";
        return false;
      }
    }
    if (alt.front() == '_' || alt.back() == '_' || alt.front() == '-' || alt.back() == '-' ||
        alt.find("__") != std::string::npos) {
      error = "malformed word '" + alt + "' in '" + std::string(token) + "'";
      return false;
    }
    out.push_back(std::move(alt));
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return true;
}

std::vector<std::string_view> split_spaces(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Parses the elements of one pattern (everything after the code).
bool parse_elements(const std::vector<std::string_view>& tokens, EventPattern& p, std::string& error) {
  int triggers = 0, sources = 0, targets = 0;
  for (std::string_view tok : tokens) {
    PatternElement e;
    if (tok == "SRC") {
      e.kind = Kind::Source;
      ++sources;
    } else if (tok == "TGT") {
      e.kind = Kind::Target;
      ++targets;
    } else if (tok == "*") {
      e.kind = Kind::Star;
    } else if (tok == "'s") {
      e.kind = Kind::Possessive;
    } else if (tok.front() == '[') {
      if (tok.back() != ']' || tok.size() < 3) {
        error = "trigger '" + std::string(tok) + "' must be one [lemma] or [lemma/n] token";
        return false;
      }
      std::string_view inner = tok.substr(1, tok.size() - 2);
      if (inner.find('[') != std::string_view::npos || inner.find(']') != std::string_view::npos) {
        error = "one trigger per pattern: '" + std::string(tok) + "'";
        return false;
      }
      if (inner.size() > 2 && inner.substr(inner.size() - 2) == "/n") {
        e.noun = true;
        inner.remove_suffix(2);
      } else if (inner.find('/') != std::string_view::npos) {
        error = "unknown trigger part of speech in '" + std::string(tok) + "' (use [lemma] or [lemma/n])";
        return false;
      }
      if (!parse_alternatives(inner, e.alternatives, error)) return false;
      e.kind = Kind::Trigger;
      ++triggers;
    } else if (tok.find('[') != std::string_view::npos || tok.find(']') != std::string_view::npos) {
      error = "malformed token '" + std::string(tok) + "' (a trigger is one whole [lemma] token)";
      return false;
    } else {
      e.kind = Kind::Word;
      if (!parse_alternatives(tok, e.alternatives, error)) return false;
    }
    p.elements.push_back(std::move(e));
  }
  if (triggers == 0) {
    error = "no trigger: mark the predicate word as [lemma] or [lemma/n]";
    return false;
  }
  if (triggers > 1) {
    error = "more than one trigger (" + std::to_string(triggers) + "); a pattern has exactly one";
    return false;
  }
  if (sources > 1 || targets > 1) {
    error = sources > 1 ? "SRC appears more than once" : "TGT appears more than once";
    return false;
  }
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const auto& e = p.elements[i];
    if (e.kind == Kind::Trigger) p.trigger = static_cast<std::uint32_t>(i);
    if (e.kind == Kind::Possessive) {
      bool after_slot = i > 0 && (p.elements[i - 1].kind == Kind::Source || p.elements[i - 1].kind == Kind::Target);
      // "TGT 's * judgment": a star may stand for the words in between.
      std::size_t next = i + 1;
      while (next < p.elements.size() && p.elements[next].kind == Kind::Star) ++next;
      bool before_word = next < p.elements.size() &&
                         (p.elements[next].kind == Kind::Word || p.elements[next].kind == Kind::Trigger);
      if (!after_slot || !before_word) {
        error = "'s must stand between SRC or TGT and the word it possesses";
        return false;
      }
    }
  }
  // "between SRC and TGT": the "and" is structure, not a word to find.
  for (std::size_t i = 2; i < p.elements.size(); ++i) {
    auto& e = p.elements[i - 1];
    if (e.kind == Kind::Word && e.alternatives.size() == 1 && e.alternatives[0] == "and" &&
        (p.elements[i - 2].kind == Kind::Source || p.elements[i - 2].kind == Kind::Target) && i >= 3 &&
        p.elements[i - 3].kind == Kind::Word && p.elements[i - 3].alternatives.size() == 1 &&
        p.elements[i - 3].alternatives[0] == "between")
      e.kind = Kind::And;
  }
  return true;
}

Alt compile_alt(std::string_view text, EventPatterns::Index& index) {
  Alt a;
  if (text.find('_') != std::string_view::npos) {
    a.particle = true;
    std::size_t pos = 0;
    while (true) {
      std::size_t u = text.find('_', pos);
      a.parts.push_back(index.intern(text.substr(pos, u == std::string_view::npos ? u : u - pos)));
      if (u == std::string_view::npos) break;
      pos = u + 1;
    }
    a.head = a.parts.front();
  } else {
    a.head = index.intern(text);
    if (text.find('-') != std::string_view::npos) {
      a.hyphen = true;
      std::size_t pos = 0;
      while (true) {
        std::size_t h = text.find('-', pos);
        a.parts.push_back(index.intern(text.substr(pos, h == std::string_view::npos ? h : h - pos)));
        if (h == std::string_view::npos) break;
        pos = h + 1;
      }
    }
  }
  return a;
}

bool all_prepositions(const PatternElement& e) {
  return e.kind == Kind::Word &&
         std::all_of(e.alternatives.begin(), e.alternatives.end(), [](const std::string& a) { return is_preposition(a); });
}

// Turns the written element sequence into what the coder checks.
Compiled compile(const EventPattern& p, EventPatterns::Index& index) {
  Compiled c;
  const auto& el = p.elements;
  const std::size_t n = el.size();
  std::vector<bool> consumed(n, false);  // prepositions that belong to a slot
  Slot slots[2];
  std::vector<int> slot_of_element(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (el[i].kind != Kind::Source && el[i].kind != Kind::Target) continue;
    Slot s;
    int k = el[i].kind == Kind::Source ? 0 : 1;
    if (i + 1 < n && el[i + 1].kind == Kind::Possessive) {
      // The possessed word is the head of the noun phrase: the last of the
      // words that follow ("TGT 's human right record").
      std::size_t j = i + 2;
      while (j < n && el[j].kind == Kind::Star) ++j;
      while (j + 1 < n && (el[j + 1].kind == Kind::Word || el[j + 1].kind == Kind::Trigger) && !all_prepositions(el[j + 1]))
        ++j;
      s.role = SlotRole::Possessor;
      s.of_word = static_cast<int>(j);  // element index for now
    } else if (i > 0 && all_prepositions(el[i - 1]) && !consumed[i - 1]) {
      consumed[i - 1] = true;
      bool between = el[i - 1].alternatives.size() == 1 && el[i - 1].alternatives[0] == "between";
      s.role = between ? SlotRole::BetweenFirst : SlotRole::Oblique;
      for (const auto& a : el[i - 1].alternatives) s.preps.push_back(index.intern(a));
      // "in SRC custody": words right after the slot name the phrase's head
      // (the last of them), which the slot's actor modifies.
      if (!between && i + 1 < n && el[i + 1].kind == Kind::Word && !all_prepositions(el[i + 1])) {
        std::size_t j = i + 1;
        while (j + 1 < n && el[j + 1].kind == Kind::Word && !all_prepositions(el[j + 1])) ++j;
        s.of_word = static_cast<int>(j);  // element index for now
      }
    } else if (i > 0 && el[i - 1].kind == Kind::And) {
      s.role = SlotRole::BetweenSecond;
    } else if (i > 0 && el[i - 1].kind == Kind::Word && el[i - 1].alternatives.size() == 1 &&
               el[i - 1].alternatives[0] == "that") {
      s.role = SlotRole::ClauseSubject;
      s.of_word = static_cast<int>(i - 1);
    } else {
      int prev = -1;
      for (int j = static_cast<int>(i) - 1; j >= 0; --j) {
        if (el[j].kind == Kind::Word || el[j].kind == Kind::Trigger) {
          prev = j;
          break;
        }
      }
      if (prev < 0) {
        s.role = SlotRole::Subject;
      } else {
        s.role = SlotRole::Object;
        s.of_word = prev;
      }
    }
    slots[k] = s;
    slot_of_element[i] = k;
  }
  // Words, and the element -> word index map for Object/Possessor anchors.
  std::vector<int> word_of_element(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (el[i].kind == Kind::Trigger) {
      for (const auto& a : el[i].alternatives) c.trigger.push_back(compile_alt(a, index));
      c.noun = el[i].noun;
    } else if (el[i].kind == Kind::Word && !consumed[i]) {
      Word w;
      w.before_trigger = i < p.trigger;
      for (const auto& a : el[i].alternatives) w.alts.push_back(compile_alt(a, index));
      // Three or more support verbs before a nominal trigger: a list of
      // light verbs, any of which will do.
      if (el[p.trigger].noun && i < p.trigger && el[i].alternatives.size() >= 3) {
        int support = 0;
        for (const auto& a : el[i].alternatives) support += is_support_verb(a);
        w.light = support * 2 > static_cast<int>(el[i].alternatives.size());
      }
      word_of_element[i] = static_cast<int>(c.words.size());
      c.words.push_back(std::move(w));
    }
  }
  for (Slot& s : slots) {
    if (s.role == SlotRole::Object || s.role == SlotRole::Possessor || s.role == SlotRole::ClauseSubject ||
        (s.role == SlotRole::Oblique && s.of_word >= 0))
      s.of_word = el[static_cast<std::size_t>(s.of_word)].kind == Kind::Trigger ? -1
                                                                                  : word_of_element[static_cast<std::size_t>(s.of_word)];
  }
  c.source = slots[0];
  c.target = slots[1];
  c.specificity = static_cast<int>(c.words.size());
  for (const Slot& s : slots)
    if (s.role == SlotRole::Oblique || s.role == SlotRole::BetweenFirst) ++c.specificity;
  return c;
}

}  // namespace

EventPatterns::EventPatterns() : index_(std::make_unique<Index>()) {}
EventPatterns::~EventPatterns() = default;

std::span<const std::uint32_t> EventPatterns::by_trigger(std::string_view lemma) const {
  std::uint32_t id = index_->id(lemma);
  if (id == events_internal::kNoId) return {};
  return index_->by_trigger[id];
}

std::size_t EventPatterns::trigger_count() const {
  return static_cast<std::size_t>(std::count_if(index_->by_trigger.begin(), index_->by_trigger.end(),
                                                [](const auto& v) { return !v.empty(); }));
}

std::vector<std::string> EventPatterns::default_files() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  std::string any = find_data_file("events/cameo.tsv");
  if (any.empty()) return out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(any).parent_path(), ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.rfind("patterns-", 0) == 0 && entry.path().extension() == ".txt")
      out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

void load_text(std::string_view text, const std::string& name, const CameoOntology* ontology, Diagnostics& diag,
               std::vector<EventPattern>& patterns) {
  std::uint32_t line_no = 0;
  bool header_ok = false;
  events_internal::for_each_line(text, [&](std::string_view raw) {
    ++line_no;
    if (line_no == 1) {
      header_ok = events_internal::trim(raw) == kHeader;
      return header_ok;
    }
    std::string_view line = raw;
    std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = events_internal::trim(line);
    if (line.empty()) return true;
    auto tokens = split_spaces(line);
    EventPattern p;
    p.file = name;
    p.line = line_no;
    std::string_view code = tokens.front();
    if (code != "---" && !is_cameo_code(code)) {
      diag.error(name, line_no, "code " + std::string(code) + " is not a CAMEO code (2-4 digits) or --- (discard)");
      return true;
    }
    if (code != "---" && ontology && !ontology->find(code)) {
      diag.error(name, line_no, "CAMEO code " + std::string(code) + " is not in the ontology");
      return true;
    }
    if (tokens.size() < 2) {
      diag.error(name, line_no, "empty pattern after the code");
      return true;
    }
    if (code != "---") p.code = std::string(code);
    std::size_t rest = static_cast<std::size_t>(tokens[1].data() - line.data());
    p.text = std::string(line.substr(rest));
    std::string error;
    tokens.erase(tokens.begin());
    if (!parse_elements(tokens, p, error)) {
      diag.error(name, line_no, error + ": " + p.text);
      return true;
    }
    patterns.push_back(std::move(p));
    return true;
  });
  if (!header_ok) diag.error(name, 1, "not an events pattern file: the first line must be '" + std::string(kHeader) + "'");
}

}  // namespace

std::unique_ptr<EventPatterns> EventPatterns::load(const std::vector<std::string>& paths, const CameoOntology* ontology,
                                                   Diagnostics& diag) {
  auto set = std::unique_ptr<EventPatterns>(new EventPatterns());
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diag.error(path, 0, "cannot open pattern file");
      continue;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    load_text(buf.str(), path, ontology, diag, set->patterns_);
  }
  set->build_index();
  return set;
}

void EventPatterns::build_index() {
  for (std::uint32_t i = 0; i < patterns_.size(); ++i) {
    index_->compiled.push_back(compile(patterns_[i], *index_));
    for (const Alt& a : index_->compiled.back().trigger) {
      auto add = [&](std::uint32_t key) {
        auto& list = index_->by_trigger[key];
        if (list.empty() || list.back() != i) list.push_back(i);
      };
      add(a.head);
      // A hyphenated trigger may reach us split into tokens ("cease - fire"):
      // the last part heads the compound.
      if (a.hyphen) add(a.parts.back());
    }
  }
  index_->violent.assign(index_->lexicon.size(), 0);
  for (std::uint32_t i = 0; i < patterns_.size(); ++i) {
    const std::string& code = patterns_[i].code;
    if (!index_->compiled[i].noun || code.size() < 2) continue;
    if (code.compare(0, 2, "18") != 0 && code.compare(0, 2, "19") != 0 && code.compare(0, 2, "20") != 0) continue;
    for (const Alt& a : index_->compiled[i].trigger) index_->violent[a.hyphen ? a.parts.back() : a.head] = 1;
  }
}

std::unique_ptr<EventPatterns> EventPatterns::from_text(std::string_view text, const std::string& name,
                                                        const CameoOntology* ontology, Diagnostics& diag) {
  auto set = std::unique_ptr<EventPatterns>(new EventPatterns());
  load_text(text, name, ontology, diag, set->patterns_);
  set->build_index();
  return set;
}

}  // namespace kestrel
