// Test helpers for the event coder: inline CoNLL-U documents, hand-made
// actor mentions, and a deliberately simple actor finder built from the
// shipped ActorDictionary (longest match of names, adjectives, cities,
// people with roles on the date, agent phrases joined to an adjacent
// country). It stands in for the real actor matcher in these tests only.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actors/actors.h"
#include "events/events.h"
#include "nlp/nlp.h"

namespace kestrel::testing {

inline Document conllu_doc(const std::string& conllu, const std::string& date = "2023-02-28") {
  Diagnostics diag([](const Diagnostic&) {});
  auto docs = read_conllu(conllu, "test", diag);
  if (docs.empty()) return {};
  Document d = std::move(docs.front());
  d.date = date;
  return d;
}

// A one-sentence document from a compact tree, one word per line:
// "form lemma UPOS head deprel [feats]" (head 1-based, 0 = root). Forms are
// joined with spaces, so byte offsets are easy to predict.
inline Document tree_doc(const std::string& lines, SegmentKind kind = SegmentKind::Body,
                         const std::string& date = "2023-02-28") {
  std::string conllu;
  std::string text;
  std::size_t pos = 0;
  int index = 0;
  std::vector<std::string> rows;
  while (pos < lines.size()) {
    std::size_t nl = lines.find('\n', pos);
    std::string line = lines.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? lines.size() : nl + 1;
    std::vector<std::string> f;
    std::string cur;
    for (char c : line) {
      if (c == ' ') {
        if (!cur.empty()) f.push_back(cur), cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) f.push_back(cur);
    if (f.size() < 5) continue;
    ++index;
    std::string feats = f.size() > 5 ? f[5] : "_";
    rows.push_back(std::to_string(index) + "\t" + f[0] + "\t" + f[1] + "\t" + f[2] + "\t_\t" + feats + "\t" + f[3] +
                   "\t" + f[4] + "\t_\t_");
    text += (text.empty() ? "" : " ") + f[0];
  }
  conllu = "# text = " + text + "\n";
  for (const auto& r : rows) conllu += r + "\n";
  conllu += "\n";
  Document d = conllu_doc(conllu, date);
  for (Sentence& sent : d.sentences) sent.kind = kind;
  return d;
}

// A mention over words [first, last] (0-based) with its syntactic head.
inline ActorMention mention(const Sentence& s, std::uint32_t first, std::uint32_t last, const std::string& code,
                            const std::string& kind = "country") {
  ActorMention m;
  m.first = first;
  m.last = last;
  m.head = last;
  for (std::uint32_t i = first; i <= last; ++i) {
    int h = s.tokens[i].head - 1;
    if (h < static_cast<int>(first) || h > static_cast<int>(last)) m.head = i;
  }
  for (std::uint32_t i = first; i <= last; ++i) m.text += (i > first ? " " : "") + s.tokens[i].form;
  m.start = s.tokens[first].start;
  m.end = s.tokens[last].end;
  m.resolved_by = "dictionary";
  m.code = code;
  m.country = code.size() >= 3 && code.substr(0, 3) != "---" && code.substr(0, 3) != "IGO" ? code.substr(0, 3) : "";
  m.sector = code.size() >= 6 ? code.substr(3, 3) : "";
  m.kind = kind;
  if (kind == "igo" || kind == "person" || kind == "group") m.entity = code;
  return m;
}

class SimpleActorFinder {
 public:
  explicit SimpleActorFinder(const ActorDictionary& dict) {
    for (const ActorEntry& e : dict.entries()) {
      auto add = [&](const std::string& text, bool exact, const std::string& kind, bool any_case = true) {
        Name n;
        n.words = split(text, exact);
        if (n.words.empty()) return;
        n.entry = &e;
        n.exact = exact;
        n.kind = kind;
        // Adjectives, demonyms and cities need their capital ("Pole" vs "pole").
        n.capital = !any_case && !text.empty() && text[0] >= 'A' && text[0] <= 'Z';
        names_[lower(n.words.front())].push_back(std::move(n));
      };
      std::string kind = e.kind == ActorKind::Country ? "country"
                         : e.kind == ActorKind::Person ? "person"
                         : e.kind == ActorKind::Igo    ? "igo"
                         : e.kind == ActorKind::Ngo    ? "ngo"
                                                       : "group";
      for (const ActorName& n : e.names) add(n.text, n.exact_case, kind);
      if (e.kind == ActorKind::Country) {
        for (const auto& v : e.adjectives) add(v, false, "country", false);
        for (const auto& v : e.demonyms) add(v, false, "country", false);
        for (const auto& v : e.capitals) add(v, false, "capital", false);
        for (const auto& v : e.seats) add(v, false, "capital", false);
        for (const auto& v : e.cities) add(v, false, "country", false);
      }
    }
    for (const AgentEntry& a : dict.agents()) {
      Name n;
      n.words = split(a.phrase, false);
      if (n.words.empty()) continue;
      n.agent = a.sectors.empty() ? "UNK" : a.sectors.front();
      n.kind = "agent";
      agents_[n.words.front()].push_back(std::move(n));
    }
  }

  std::vector<std::vector<ActorMention>> operator()(const Document& doc) const {
    std::vector<std::vector<ActorMention>> out;
    std::int32_t day = date_to_day(doc.date);
    for (const Sentence& s : doc.sentences) out.push_back(find(s, day));
    return out;
  }

  std::vector<ActorMention> find(const Sentence& s, std::int32_t day) const {
    std::vector<ActorMention> raw;
    const std::size_t n = s.tokens.size();
    std::vector<std::string> low(n), lemma(n);
    for (std::size_t i = 0; i < n; ++i) {
      low[i] = lower(s.tokens[i].form);
      lemma[i] = lower(s.tokens[i].lemma);
    }
    std::size_t i = 0;
    while (i < n) {
      std::size_t best_len = 0;
      const Name* best = nullptr;
      auto consider = [&](const std::map<std::string, std::vector<Name>>& table, bool use_lemma) {
        for (const std::string* key : {&low[i], &lemma[i]}) {
          auto it = table.find(*key);
          if (it == table.end()) continue;
          for (const Name& nm : it->second) {
            std::size_t len = nm.words.size();
            if (i + len > n || len <= best_len) continue;
            bool ok = true;
            for (std::size_t k = 0; k < len && ok; ++k) {
              const std::string& w = nm.words[k];
              if (nm.exact) ok = s.tokens[i + k].form == w;
              else ok = low[i + k] == w || (use_lemma && lemma[i + k] == w);
              if (ok && nm.capital && k == 0 && s.tokens[i].form[0] >= 'a' && s.tokens[i].form[0] <= 'z') ok = false;
            }
            if (ok && nm.entry && nm.entry->kind == ActorKind::Person && role_code(*nm.entry, day).empty()) ok = false;
            if (ok) {
              best_len = len;
              best = &nm;
            }
          }
        }
      };
      consider(names_, false);
      std::size_t name_len = best_len;
      consider(agents_, true);
      if (!best) {
        ++i;
        continue;
      }
      ActorMention m;
      m.first = static_cast<std::uint32_t>(i);
      m.last = static_cast<std::uint32_t>(i + best_len - 1);
      m.kind = best->kind;
      if (best->entry) {
        const ActorEntry& e = *best->entry;
        if (e.kind == ActorKind::Country) {
          m.code = e.id;
          m.country = e.id;
          m.entity = e.id;
          if (best->kind == "capital") m.code = e.id + "GOV", m.sector = "GOV";
          m.kind = "country";
        } else if (e.kind == ActorKind::Person) {
          m.code = role_code(e, day);
          m.country = m.code.substr(0, 3) == "---" ? "" : m.code.substr(0, 3);
          m.sector = m.code.size() >= 6 ? m.code.substr(3, 3) : "";
          m.entity = e.id;
        } else {
          m.code = e.id;
          m.country = e.kind == ActorKind::Igo ? "" : e.country;
          m.entity = e.id;
        }
      } else {
        m.code = "---" + best->agent;
        m.sector = best->agent;
      }
      (void)name_len;
      raw.push_back(std::move(m));
      i += best_len;
    }
    // "Ukrainian lawmakers", "Syria's rebels": a country word right before an agent.
    std::vector<ActorMention> merged;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      ActorMention m = raw[k];
      if (k + 1 < raw.size() && m.kind == "country" && raw[k + 1].kind == "agent") {
        std::uint32_t gap = raw[k + 1].first - m.last;
        bool poss = gap == 2 && (s.tokens[m.last + 1].form == "'s" || s.tokens[m.last + 1].form == "'");
        if (gap == 1 || poss) {
          ActorMention a = raw[k + 1];
          a.first = m.first;
          a.code = m.country + a.sector;
          a.country = m.country;
          a.kind = "agent";
          m = a;
          ++k;
        }
      }
      // The head: the last word whose own head lies outside the span.
      m.head = m.last;
      for (std::uint32_t w = m.first; w <= m.last; ++w) {
        int h = s.tokens[w].head - 1;
        if (h < static_cast<int>(m.first) || h > static_cast<int>(m.last)) m.head = w;
      }
      for (std::uint32_t w = m.first; w <= m.last; ++w) m.text += (w > m.first ? " " : "") + s.tokens[w].form;
      m.start = s.tokens[m.first].start;
      m.end = s.tokens[m.last].end;
      m.resolved_by = "dictionary";
      merged.push_back(std::move(m));
    }
    return merged;
  }

 private:
  struct Name {
    std::vector<std::string> words;
    const ActorEntry* entry = nullptr;
    std::string agent;  // sector for agent phrases
    std::string kind;
    bool exact = false;
    bool capital = false;
  };
  std::map<std::string, std::vector<Name>> names_, agents_;

  static std::string lower(const std::string& s) {
    std::string o = s;
    for (char& c : o)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return o;
  }
  static std::vector<std::string> split(const std::string& text, bool exact) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
      if (!cur.empty()) out.push_back(exact ? cur : lower(cur));
      cur.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == ' ') {
        flush();
      } else if (c == ',' || (c == '\'' && i + 1 < text.size() && text[i + 1] == 's')) {
        flush();
        if (c == '\'') {
          out.push_back("'s");
          ++i;
        }
      } else {
        cur += c;
      }
    }
    flush();
    return out;
  }
  static std::string role_code(const ActorEntry& e, std::int32_t day) {
    for (const ActorRole& r : e.roles)
      if (day == 0 || r.when.contains(day)) return r.code;
    return {};
  }
};

// A coder with the shipped CAMEO ontology and a test's own patterns; any
// diagnostic fails the test.
inline std::unique_ptr<EventCoder> coder_with(const std::string& patterns, CodingOptions options = {}) {
  std::vector<std::string> messages;
  Diagnostics diag([&](const Diagnostic& d) { messages.push_back(format_diagnostic(d)); });
  auto onto = CameoOntology::load(CameoOntology::default_file(), diag);
  auto pats = EventPatterns::from_text("%kestrel-dict events 1\n" + patterns, "test-patterns", onto.get(), diag);
  for (const auto& m : messages) ADD_FAILURE() << m;
  return std::make_unique<EventCoder>(std::move(onto), std::move(pats), options);
}

// The coder with the shipped ontology and patterns, loaded once for the
// test binary (the pattern files are read and compiled only the first
// time; the coder is immutable). A load problem fails the test that first
// asks, and every later one gets the same null.
inline std::shared_ptr<const EventCoder> shipped_coder() {
  static const std::shared_ptr<const EventCoder> coder = [] {
    std::vector<std::string> messages;
    Diagnostics diag([&](const Diagnostic& d) { messages.push_back(format_diagnostic(d)); });
    std::shared_ptr<const EventCoder> loaded = EventCoder::load_default(diag);
    for (const auto& m : messages) ADD_FAILURE() << m;
    return loaded;
  }();
  if (!coder) ADD_FAILURE() << "the shipped event coder did not load";
  return coder;
}

// "190 RUS->UKR" (a missing actor is "-").
inline std::string brief(const Event& e) {
  return e.cameo + " " + (e.source ? e.source->code : "-") + "->" + (e.target ? e.target->code : "-");
}

// Every event's brief, sorted.
inline std::vector<std::string> briefs(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(brief(e));
  std::sort(out.begin(), out.end());
  return out;
}
using Briefs = std::vector<std::string>;

}  // namespace kestrel::testing
