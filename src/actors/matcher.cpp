// The actor matcher: compiling the dictionaries into a token trie, and
// reading one sentence into actor spans (matcher_internal.h; the document
// pass is in resolve.cpp).
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdlib>
#include <map>

#include "actors/matcher_internal.h"

namespace kestrel {
namespace actors_internal {
namespace {

// ---------------------------------------------------------------------------
// Closed word classes the reading rules consult (folded keys).

struct WordSet {
  explicit WordSet(std::initializer_list<std::string_view> words) : set(words.begin(), words.end()) {}
  bool contains(std::string_view w) const { return set.count(w) != 0; }
  std::unordered_set<std::string_view> set;
};

// Prepositions after which a place name is where something happens, not who
// does it ("talks in Beijing"). "to" and "from" are left out on purpose:
// "beneficial to Beijing", "independence from Moscow" name the government.
const WordSet kLocative{"in", "at", "near", "inside", "outside", "within", "throughout", "across", "around",
                        "into", "onto", "through", "via", "toward", "towards", "along", "beyond"};

// Between coordinated modifiers: "Belarusian and Chinese officials".
const WordSet kConnector{"and", ",", "/", "-", "or", "&"};

const WordSet kFormer{"former", "ousted", "ex", "deposed", "exiled", "toppled", "overthrown", "late", "erstwhile",
                      "disgraced", "jailed", "retired"};

const WordSet kDefinite{"the", "this", "that", "these", "those"};

const WordSet kPronoun{"he", "she", "him", "his", "her", "it", "its", "they", "them", "their"};
const WordSet kPossessivePronoun{"his", "her", "its", "their"};

// "rebels in southern Sudan"
const WordSet kDirection{"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                         "northeastern", "northwestern", "southeastern", "southwestern", "occupied"};

// "A of B" / "A in B": which prepositions tie an agent to a country.
const WordSet kOfLike{"of", "for"};
const WordSet kInLike{"in", "from", "throughout", "across", "inside", "near"};

// Between a preposition and its country: "from two American aid groups".
const WordSet kQuantifier{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
                          "some", "many", "various", "both", "all", "dozens", "hundreds", "thousands"};

// Function words: never a gap word between a country and its agent, never
// the start of an unknown name, never a plural noun.
const WordSet kFunction{
    "the", "a", "an", "this", "that", "these", "those", "of", "in", "on", "at", "to", "for", "from", "with", "by",
    "about", "against", "between", "into", "through", "during", "before", "after", "above", "below", "under",
    "over", "and", "or", "but", "nor", "so", "yet", "if", "when", "while", "as", "than", "because", "although",
    "though", "since", "until", "unless", "whether", "where", "which", "who", "whom", "whose", "what", "why",
    "how", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "said", "says", "say",
    "told", "tell", "not", "no", "n't", "it", "its", "he", "she", "they", "them", "their", "his", "her", "him",
    "we", "us", "our", "you", "your", "i", "me", "my", "there", "here", "also", "all", "some", "any", "each",
    "every", "both", "either", "neither", "other", "another", "such", "only", "own", "same", "very", "just",
    "even", "still", "already", "now", "then", "today", "yesterday", "tomorrow", "tonight", "up", "down", "out",
    "off", "again", "further", "once", "more", "most", "less", "least", "many", "much", "few", "several", "'s",
    "'", "according", "despite", "however", "meanwhile", "among", "amid", "via", "per", "within", "without",
    "toward", "towards", "upon", "onto", "across", "around", "near", "like", "unlike", "including"};

// Capitalised words that are not names: weekdays, months, and function
// words that start sentences or headlines.
const WordSet kNotName{
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "mr.", "mrs.",
    "ms.", "dr.", "god", "ok", "tv", "am", "pm", "a.m.", "p.m.", "ad", "bc", "ce"};

// Honorifics before a person's name ("Mr Tyshkevich").
const WordSet kHonorific{"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "lord", "lady",
                         "dame", "prof", "prof.", "professor", "messrs", "mme", "madame", "monsieur", "herr"};

// Particles inside names ("Osama bin Laden", "Charles de Gaulle").
const WordSet kNameParticle{"al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "da", "di", "du", "del",
                            "della", "der", "den", "van", "von", "la", "le", "dos", "das", "ul", "ud", "ben"};

// Last words of unknown names that are organisations.
const WordSet kOrgWord{
    "party", "front", "movement", "army", "union", "council", "committee", "association", "organization",
    "organisation", "agency", "ministry", "bank", "company", "corporation", "corp", "corp.", "inc", "inc.",
    "ltd", "ltd.", "group", "university", "college", "school", "institute", "foundation", "forum", "alliance",
    "league", "federation", "commission", "court", "assembly", "congress", "church", "brigade", "brigades",
    "gazeta", "gazette", "news", "times", "post", "journal", "herald", "tribune", "radio", "television", "tv",
    "network", "service", "office", "department", "authority", "forces", "force", "guard", "police", "club",
    "centre", "center", "society", "trust", "fund", "board", "bureau", "institution", "academy", "programme",
    "program", "parliament", "senate", "coalition", "bloc", "unit", "battalion", "regiment", "division",
    "command", "airlines", "airways", "group", "holdings", "telegraph", "express", "daily", "weekly",
    "magazine", "press", "media", "channel", "broadcasting", "agency", "observatory", "watch", "international"};


// The closed classes above as bits on each vocabulary word, so reading a
// token asks its word id once instead of hashing its text per class.
enum WordClass : std::uint32_t {
  kFunctionWord = 1u << 0,
  kNotNameWord = 1u << 1,
  kHonorificWord = 1u << 2,
  kNameParticleWord = 1u << 3,
  kOrgWordBit = 1u << 4,
  kLocativeWord = 1u << 5,
  kFormerWord = 1u << 6,
  kDefiniteWord = 1u << 7,
  kPronounWord = 1u << 8,
  kPossessivePronounWord = 1u << 9,
  kOfLikeWord = 1u << 10,
  kInLikeWord = 1u << 11,
  kQuantifierWord = 1u << 12,
  kDirectionWord = 1u << 13,
  kConnectorWord = 1u << 14,
  kPossessiveWord = 1u << 15,
};

const std::pair<const WordSet*, WordClass> kClassSets[] = {
    {&kFunction, kFunctionWord},       {&kNotName, kNotNameWord},
    {&kHonorific, kHonorificWord},     {&kNameParticle, kNameParticleWord},
    {&kOrgWord, kOrgWordBit},          {&kLocative, kLocativeWord},
    {&kFormer, kFormerWord},           {&kDefinite, kDefiniteWord},
    {&kPronoun, kPronounWord},         {&kPossessivePronoun, kPossessivePronounWord},
    {&kOfLike, kOfLikeWord},           {&kInLike, kInLikeWord},
    {&kQuantifier, kQuantifierWord},   {&kDirection, kDirectionWord},
    {&kConnector, kConnectorWord}};

// ---------------------------------------------------------------------------
// Plurals for agent phrases (the text may have no lemmas).

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Plural of one lowercase English noun; empty when it looks plural already.
std::string plural_of(std::string_view w) {
  static const std::pair<std::string_view, std::string_view> irregular[] = {
      {"child", "children"}, {"person", "people"}, {"thief", "thieves"}, {"wife", "wives"},
      {"life", "lives"},     {"leaf", "leaves"},   {"self", "selves"},   {"half", "halves"},
      {"staff", "staff"},    {"police", ""},       {"people", ""},       {"media", ""},
      {"personnel", ""},     {"clergy", ""},       {"militia", "militias"}, {"aircraft", ""},
      {"mujahideen", ""},    {"mujahedeen", ""},   {"taliban", ""},      {"press", "presses"},
      {"series", ""},        {"species", ""},      {"news", ""},         {"chief", "chiefs"},
      {"fish", ""},          {"youth", "youths"},  {"crew", "crews"}};
  for (const auto& [sg, pl] : irregular)
    if (w == sg) return std::string(pl);
  if (w.empty() || !std::isalpha(static_cast<unsigned char>(w.back()))) return {};
  if (ends_with(w, "man") && w != "german" && w != "roman") return std::string(w.substr(0, w.size() - 3)) + "men";
  if (ends_with(w, "men") || ends_with(w, "ies") || ends_with(w, "ren")) return {};
  if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is")) return {};
  if (ends_with(w, "ss") || ends_with(w, "us") || ends_with(w, "x") || ends_with(w, "z") || ends_with(w, "ch") ||
      ends_with(w, "sh"))
    return std::string(w) + "es";
  if (w.size() >= 2 && w.back() == 'y' && !is_vowel(w[w.size() - 2])) return std::string(w.substr(0, w.size() - 1)) + "ies";
  return std::string(w) + "s";
}

// ---------------------------------------------------------------------------
// Compiling

struct PendingPhrase {
  std::string text;
  PhraseType type;
  std::uint32_t target;
  bool exact;
  bool plural;
};

class Compiler {
 public:
  explicit Compiler(ActorMatcher::Impl& impl) : impl_(impl) {}

  void compile(const ActorDictionary& dict, Diagnostics* diag) {
    collect(dict);
    tokenize_all();
    impl_.node_phrases.clear();
    node_phrase_lists_.assign(1, {});
    impl_.edges.reserve(pending_.size() * 3);
    std::string key;
    for (const auto& p : pending_)
      if (p.type == PhraseType::Agent) {
        fold_key(p.text, key);
        agent_by_phrase_.emplace(key, p.target);
      }
    for (std::size_t p = 0; p < pending_.size(); ++p) insert(p, diag);
    for (Entity& e : impl_.entities) {
      e.role_groups.assign(e.roles.size(), kNone);
      for (std::size_t r = 0; r < e.roles.size(); ++r) {
        std::string head = title_head(e.roles[r].title);
        // Longest ending of the head that is an agent phrase.
        for (std::size_t pos = 0; pos != std::string::npos; pos = head.find(' ', pos + 1)) {
          std::string_view tail = std::string_view(head).substr(pos == 0 ? 0 : pos + 1);
          auto it = agent_by_phrase_.find(tail);
          if (it != agent_by_phrase_.end()) {
            e.role_groups[r] = impl_.agents[it->second].group;
            break;
          }
        }
      }
    }
    for (const auto& [set, bit] : kClassSets)
      for (std::string_view w : set->set) add_class(std::string(w), bit);
    add_class("'s", kPossessiveWord);
    add_class("'", kPossessiveWord);
    // Flatten the per-node lists.
    impl_.node_phrases.reserve(node_phrase_lists_.size() + 1);
    for (const auto& list : node_phrase_lists_) {
      impl_.node_phrases.push_back(static_cast<std::uint32_t>(impl_.phrase_index.size()));
      impl_.phrase_index.insert(impl_.phrase_index.end(), list.begin(), list.end());
    }
    impl_.node_phrases.push_back(static_cast<std::uint32_t>(impl_.phrase_index.size()));
    node_phrase_lists_.clear();
  }

 private:
  void add(std::string_view text, PhraseType type, std::uint32_t target, bool exact = false, bool plural = false) {
    pending_.push_back({std::string(text), type, target, exact, plural});
  }

  void collect(const ActorDictionary& dict) {
    std::string key;
    for (const std::string& w : dict.common_words()) {
      fold_key(w, key);
      common_.insert(key);
    }
    for (const ActorEntry& e : dict.entries()) {
      auto index = static_cast<std::uint32_t>(impl_.entities.size());
      Entity ent;
      ent.kind = e.kind;
      ent.id = e.kind == ActorKind::Person ? e.id : canonical_actor_code(e.id);
      ent.name = e.name;
      ent.code = e.kind == ActorKind::Person ? std::string() : ent.id;
      ent.country = e.kind == ActorKind::Country ? ent.id : canonical_actor_code(e.country);
      ent.roles = e.roles;
      for (auto& r : ent.roles) r.code = canonical_actor_code(r.code);
      ent.active = e.active;
      impl_.entity_by_id.emplace(ent.id, index);
      impl_.entities.push_back(std::move(ent));
      for (const ActorName& n : e.names) add(n.text, PhraseType::Name, index, n.exact_case);
      if (e.kind == ActorKind::Country) {
        for (const auto& a : e.adjectives) add(a, PhraseType::Adjective, index);
        for (const auto& d : e.demonyms) {
          bool is_adj = std::find(e.adjectives.begin(), e.adjectives.end(), d) != e.adjectives.end();
          add(d, PhraseType::Demonym, index, false, !is_adj && ends_with(d, "s"));
        }
        for (const auto& c : e.capitals) add(c, PhraseType::Capital, index);
        for (const auto& c : e.seats) add(c, PhraseType::Capital, index);
        for (const auto& c : e.cities) add(c, PhraseType::City, index);
      }
      if (e.kind == ActorKind::Person) {
        // Given names from canonical "Given Surname" names.
        std::string_view name = e.name;
        std::size_t sp = name.find(' ');
        if (sp != std::string_view::npos && sp > 1) {
          fold_key(name.substr(0, sp), key);
          impl_.given_names.insert(key);
        }
        for (const auto& r : e.roles) add_title_heads(r.title);
      }
    }
    std::map<std::pair<std::string, std::uint32_t>, std::uint32_t> lines;
    for (const AgentEntry& a : dict.agents()) {
      auto index = static_cast<std::uint32_t>(impl_.agents.size());
      Agent agent;
      agent.sectors = a.sectors;
      agent.group = lines.emplace(std::make_pair(a.file, a.line), static_cast<std::uint32_t>(lines.size())).first->second;
      fold_key(a.phrase, agent.phrase);
      impl_.agents.push_back(agent);
      add(a.phrase, PhraseType::Agent, index);
      std::string plural = pluralise(a.phrase);
      if (!plural.empty()) add(plural, PhraseType::Agent, index, false, true);
    }
    for (Agent& a : impl_.agents) {
      a.person_title = title_heads_.count(a.phrase) != 0;
      a.person_like = a.person_title || names_person(a.phrase);
      a.adjective_like = a.phrase.find(' ') == std::string::npos &&
                         (ends_with(a.phrase, "al") || ends_with(a.phrase, "ary") || ends_with(a.phrase, "ive") ||
                          ends_with(a.phrase, "ic"));
    }
  }

  // Whether an agent phrase names a person, from its head noun's ending
  // ("-ist", "-man", "-er", "-ent"...) and a few titles without one.
  static bool names_person(std::string_view phrase) {
    std::size_t of = phrase.find(" of ");
    if (of != std::string_view::npos) phrase = phrase.substr(0, of);
    std::size_t sp = phrase.rfind(' ');
    std::string_view head = sp == std::string_view::npos ? phrase : phrase.substr(sp + 1);
    static const WordSet bodies{"paper", "newspaper", "center", "centre", "border", "order", "headquarter",
                                "government", "movement", "parliament", "department", "management",
                                "establishment", "agreement", "settlement", "enforcement", "tower", "power",
                                "water", "cluster", "corner", "quarter", "chamber", "register", "monitor",
                                "sector", "corridor", "reactor", "contingent", "regiment", "detachment",
                                "command", "layer", "carrier", "bomber", "destroyer", "fighter jet", "computer"};
    static const WordSet people{"judge", "chief", "king", "queen", "emir", "amir", "sultan", "monarch", "general",
                                "colonel", "admiral", "sheikh", "cleric", "imam", "pope", "bishop", "archbishop",
                                "cardinal", "priest", "rabbi", "mullah", "envoy", "aide", "deputy", "attache",
                                "consul", "delegate", "diplomat", "mp", "candidate", "lieutenant", "major",
                                "captain", "sergeant", "commando", "guerrilla", "rebel", "pilot", "spy", "nurse",
                                "chancellor", "premier", "magistrate", "prosecutor", "president", "head", "boss",
                                "secretary-general", "director-general", "gen.", "lt. gen.", "col.", "maj.",
                                "capt.", "lt.", "sgt.", "adm."};
    if (bodies.contains(head)) return false;
    if (people.contains(head)) return true;
    for (std::string_view end : {"ist", "yst", "man", "woman", "person", "or", "ian", "eur", "ee", "er", "ent", "ant"})
      if (ends_with(head, end)) return true;
    return false;
  }

  // "Deputy Prime Minister of Kazakhstan" -> "deputy prime minister": the
  // office words a title starts with.
  static std::string title_head(std::string_view title) {
    std::string folded;
    fold_key(title, folded);
    std::size_t cut = folded.size();
    for (std::string_view stop : {" of ", ", ", " for ", " to ", " in ", " and ", " (", " at "}) {
      std::size_t at = folded.find(stop);
      if (at != std::string::npos) cut = std::min(cut, at);
    }
    return folded.substr(0, cut);
  }

  // The title head and its shorter endings ("prime minister", "minister").
  void add_title_heads(std::string_view title) {
    std::string head = title_head(title);
    while (!head.empty()) {
      title_heads_.insert(head);
      std::size_t sp = head.find(' ');
      if (sp == std::string::npos) break;
      head.erase(0, sp + 1);
    }
  }

  // Plural of an agent phrase: its head noun is the word before the first
  // "of"/"for"/"to"/"in" ("ministers of foreign affairs"), else the last.
  static std::string pluralise(std::string_view phrase) {
    std::vector<std::string_view> words;
    std::size_t pos = 0;
    while (pos < phrase.size()) {
      std::size_t sp = phrase.find(' ', pos);
      if (sp == std::string_view::npos) sp = phrase.size();
      words.push_back(phrase.substr(pos, sp - pos));
      pos = sp + 1;
    }
    if (words.empty()) return {};
    std::size_t head = words.size() - 1;
    for (std::size_t i = 1; i < words.size(); ++i)
      if (words[i] == "of" || words[i] == "for" || words[i] == "to" || words[i] == "in") {
        head = i - 1;
        break;
      }
    std::string pl = plural_of(words[head]);
    if (pl.empty() || pl == words[head]) return {};
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i) out += ' ';
      out += i == head ? std::string_view(pl) : words[i];
    }
    return out;
  }

  // Tokenizes every phrase with the text stage's own tokenizer, so a phrase
  // splits exactly as the same words in an article do ("Kasym-Zhomart" ->
  // Kasym - Zhomart, "People's" -> People 's). All phrases go through as one
  // document, one paragraph each; a trailing " ;" keeps a final abbreviation
  // ("U.S.") from being read as the end of a sentence.
  void tokenize_all() {
    Document doc;
    doc.id = "actor-phrases";
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    spans.reserve(pending_.size());
    std::size_t bytes = 0;
    for (const auto& p : pending_) bytes += p.text.size() + 4;
    doc.text.reserve(bytes);
    for (auto& p : pending_) {
      std::string_view t = p.text;
      // A leading article is optional in the text; the matcher skips it.
      for (std::string_view the : {"the ", "The "})
        if (t.size() > the.size() && t.substr(0, the.size()) == the) t.remove_prefix(the.size());
      auto start = static_cast<std::uint32_t>(doc.text.size());
      doc.text.append(t);
      spans.emplace_back(start, static_cast<std::uint32_t>(doc.text.size()));
      doc.text.append(" ;\n\n");
    }
    prepare_document(doc);
    words_.assign(pending_.size(), {});
    std::size_t p = 0;
    for (const Sentence& s : doc.sentences)
      for (const Token& t : s.tokens) {
        while (p < spans.size() && t.start >= spans[p].second) ++p;
        if (p == spans.size()) break;
        if (t.start < spans[p].first) continue;
        auto& list = words_[p];
        // The sentence splitter may still have cut a final period off.
        if (t.form == "." && !list.empty() && list.back().second == t.start) {
          list.back().first += ".";
          list.back().second = t.end;
          continue;
        }
        list.emplace_back(t.form, t.end);
      }
  }

  // The agent a name ends in: its longest final run of words that is an
  // agent phrase written in lowercase ("EU foreign ministers" -> foreign
  // minister; not "European Union", whose "Union" is part of the name).
  std::uint32_t tail_agent(std::string_view name) const {
    std::string folded;
    fold_key(name, folded);
    // Folding keeps ASCII byte positions; names with other letters before
    // the tail are only checked where the bytes still line up.
    bool aligned = folded.size() == name.size();
    std::size_t pos = folded.find(' ');
    while (pos != std::string::npos) {
      bool lowercase = aligned && pos + 1 < name.size() && name[pos + 1] >= 'a' && name[pos + 1] <= 'z';
      if (lowercase) {
        auto it = agent_by_phrase_.find(std::string_view(folded).substr(pos + 1));
        if (it != agent_by_phrase_.end()) return it->second;
      }
      pos = folded.find(' ', pos + 1);
    }
    return kNone;
  }

  // The agent a name starts with: its longest opening run of words that is
  // an agent phrase ("President Suharto" -> president).
  std::uint32_t lead_agent(std::string_view name) const {
    std::string folded;
    fold_key(name, folded);
    std::size_t pos = folded.rfind(' ');
    while (pos != std::string::npos && pos > 0) {
      auto it = agent_by_phrase_.find(std::string_view(folded).substr(0, pos));
      if (it != agent_by_phrase_.end()) return it->second;
      pos = folded.rfind(' ', pos - 1);
    }
    return kNone;
  }

  void add_class(const std::string& key, std::uint32_t bit) {
    std::uint32_t id = word_id(key);
    if (impl_.word_classes.size() <= id) impl_.word_classes.resize(id + 1, 0);
    impl_.word_classes[id] |= bit;
  }

  std::uint32_t word_id(const std::string& key) {
    return impl_.words.insert(key);
  }

  void insert(std::size_t p, Diagnostics* diag) {
    const PendingPhrase& pp = pending_[p];
    const auto& words = words_[p];
    if (words.empty() || words.size() > 0xFFFF) {
      if (diag) diag->warning("", 0, "actor phrase '" + pp.text + "' has no words; skipped");
      return;
    }
    Phrase phrase;
    phrase.type = pp.type;
    phrase.target = pp.target;
    phrase.plural = pp.plural;
    phrase.lemma_ok = pp.type == PhraseType::Agent || pp.type == PhraseType::Demonym;
    phrase.words = static_cast<std::uint16_t>(words.size());
    phrase.rules = static_cast<std::uint32_t>(impl_.rules.size());
    std::string key;
    if (pp.type == PhraseType::Name && impl_.entities[pp.target].kind == ActorKind::Person)
      phrase.lead_agent = lead_agent(pp.text);
    if (pp.type == PhraseType::Name && impl_.entities[pp.target].kind != ActorKind::Person) {
      phrase.tail_agent = tail_agent(pp.text);
      if (impl_.entities[pp.target].kind == ActorKind::Group)
        for (const auto& w : words)
          if (w.first.size() >= 4 && word_shape(w.first) == kLower &&
              std::all_of(w.first.begin(), w.first.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            phrase.descriptive = true;
    }
    std::uint32_t node = 0;
    bool acronym = false, distinctive = false;
    for (const auto& [form, end] : words) {
      (void)end;
      fold_key(form, key);
      WordRule rule;
      if (!pp.exact) {
        Shape shape = word_shape(form);
        if (shape == kUpper) acronym = true;
        std::size_t letters = 0;
        for (char c : key) letters += (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
        rule.distinctive = shape == kCapital && letters >= 4 && !common_.count(key);
        distinctive = distinctive || rule.distinctive;
      }
      if (pp.exact) {
        rule.rule = CaseRule::Exact;
        rule.exact = static_cast<std::uint32_t>(impl_.exact_forms.size());
        impl_.exact_forms.push_back(form);
      } else {
        Shape shape = word_shape(form);
        rule.rule = shape == kCapital || shape == kUpper ? CaseRule::Capitalised : CaseRule::Any;
      }
      impl_.rules.push_back(rule);
      std::uint32_t id = word_id(key);
      node = impl_.edges.get_or_add(node, id, [&] {
        node_phrase_lists_.emplace_back();
        return static_cast<std::uint32_t>(node_phrase_lists_.size() - 1);
      });
    }
    phrase.miscase_ok = !pp.exact && !acronym && distinctive && pp.type != PhraseType::Agent;
    // The same phrase listed twice for one target (an alias repeating the
    // canonical name) is kept once.
    auto& list = node_phrase_lists_[node];
    for (std::uint32_t other : list) {
      const Phrase& o = impl_.phrases[other];
      if (o.type == phrase.type && o.target == phrase.target && o.plural == phrase.plural) {
        bool same_rules = true;
        same_rules = o.miscase_ok == phrase.miscase_ok;
        for (std::size_t i = 0; i < words.size() && same_rules; ++i)
          same_rules = impl_.rules[o.rules + i].rule == impl_.rules[phrase.rules + i].rule &&
                       impl_.rules[o.rules + i].rule != CaseRule::Exact;
        if (same_rules) {
          impl_.rules.resize(phrase.rules);
          return;
        }
      }
    }
    list.push_back(static_cast<std::uint32_t>(impl_.phrases.size()));
    impl_.phrases.push_back(phrase);
  }

  ActorMatcher::Impl& impl_;
  std::vector<PendingPhrase> pending_;
  std::vector<std::vector<std::pair<std::string, std::uint32_t>>> words_;
  std::vector<std::vector<std::uint32_t>> node_phrase_lists_;
  std::unordered_set<std::string> title_heads_;
  KeySet common_;  // folded `common` words
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> agent_by_phrase_;
};

// ---------------------------------------------------------------------------
// Reading a sentence

struct TokInfo {
  std::uint32_t word = kNone;
  std::uint32_t lemma = kNone;
  std::uint32_t key_off = 0, key_len = 0;
  Shape shape = kNoLetter;
  bool covered = false;  // inside a dictionary chunk
  std::uint32_t classes = 0;  // WordClass bits
};

struct Chunk {
  std::uint32_t first = 0, last = 0;
  std::uint32_t entity = kNone;     // a country, IGO, NGO or group name
  std::uint32_t entity_tail = kNone;  // the agent that name ends in ("EU foreign ministers")
  std::uint32_t capital = kNone;    // country whose capital or seat this is
  std::uint32_t city = kNone;       // country of the city
  std::uint32_t adjective = kNone;  // country of the adjective
  std::uint32_t demonym = kNone;    // country of the people noun
  bool demonym_plural = false;
  std::uint32_t agent = kNone;
  bool agent_plural = false;
  std::uint32_t people_begin = 0, people_end = 0;  // candidate people, in Reader::people_
  std::uint32_t people_title = kNone;  // a title the person's name itself starts with
  bool unknown = false;  // a capitalised name the dictionaries do not know
  bool weak = false;     // ...that is only a capitalised word opening a sentence
  bool pronoun = false;
  bool has_people() const { return people_end > people_begin; }
  bool modifier() const {
    return entity != kNone || capital != kNone || city != kNone || adjective != kNone || demonym != kNone;
  }
};

struct TrieStep {
  std::uint32_t node, j;
  bool lemma;
};

}  // namespace

// Buffers one match() call reuses from sentence to sentence.
struct SentenceScratch {
  std::vector<TokInfo> info;
  std::string keys;
  std::vector<Chunk> chunks;
  std::vector<std::uint32_t> people;
  std::vector<std::uint32_t> best;
  std::vector<TrieStep> stack;
  std::string key;
  // Organisations a name of which matched with no other organisation for
  // the same words ("Financial Services Authority"), and whether some name
  // matched two ("FSA"): the document pass reads again preferring the
  // first (`prefer`, sorted) for the second.
  std::vector<std::uint32_t> sure;
  std::vector<std::uint32_t> prefer;
  bool ambiguous = false;
};

namespace {

class Reader {
 public:
  Reader(const ActorMatcher::Impl& impl, const Document& doc, const Sentence& s, std::int32_t day,
         SentenceScratch& scratch, std::vector<RawMention>& out)
      : impl_(impl),
        doc_(doc),
        toks_(s.tokens),
        day_(day),
        out_(out),
        scratch_(scratch),
        info_(scratch.info),
        keys_(scratch.keys),
        chunks_(scratch.chunks),
        people_(scratch.people) {}

  void run() {
    n_ = static_cast<std::uint32_t>(toks_.size());
    parsed_ = n_ > 0 && toks_[0].head >= 0;
    info_.assign(n_, {});
    keys_.clear();
    std::string& key = scratch_.key;
    for (std::uint32_t i = 0; i < n_; ++i) {
      const Token& t = toks_[i];
      fold_key(t.form, key);
      TokInfo& ti = info_[i];
      ti.key_off = static_cast<std::uint32_t>(keys_.size());
      ti.key_len = static_cast<std::uint32_t>(key.size());
      keys_.append(key);
      ti.shape = word_shape(t.form);
      ti.word = impl_.words.find(key);
      if (ti.word < impl_.word_classes.size()) ti.classes = impl_.word_classes[ti.word];
      if (!t.lemma.empty() && t.lemma != "_" && t.lemma != t.form) {
        fold_key(t.lemma, key);
        ti.lemma = impl_.words.find(key);
      }
    }
    // A headline in capitals ("UKRAINE SAYS RUSSIA SHELLED KHARKIV"): every
    // word looks like a name, so only the dictionaries' names are taken.
    std::uint32_t upper = 0, other = 0;
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (toks_[i].form.size() < 2) continue;
      if (info_[i].shape == kUpper) ++upper;
      else if (info_[i].shape != kNoLetter) ++other;
    }
    capitals_ = upper >= 3 && upper >= 4 * other;
    find_chunks();
    // Unknown names are found even when they are not reported: a title
    // before one still makes a person ("Defence Minister Pierre Joxe").
    if (!capitals_) find_unknown_names();
    std::sort(chunks_.begin(), chunks_.end(), [](const Chunk& a, const Chunk& b) { return a.first < b.first; });
    read_chunks();
    find_pairs();
    apply_appositions();
  }

 private:
  std::string_view key(std::uint32_t i) const {
    return std::string_view(keys_).substr(info_[i].key_off, info_[i].key_len);
  }
  bool key_is(std::uint32_t i, std::string_view k) const { return i < n_ && key(i) == k; }
  bool attached(std::uint32_t i) const { return i > 0 && toks_[i].start == toks_[i - 1].end; }
  bool possessive_at(std::uint32_t i) const { return is(i, kPossessiveWord) && attached(i); }
  bool is(std::uint32_t t, std::uint32_t bits) const { return t < n_ && (info_[t].classes & bits) != 0; }
  // Index of the sentence's first word (after opening quotes or bullets).
  std::uint32_t first_word() const {
    std::uint32_t t = 0;
    while (t < n_ && info_[t].shape == kNoLetter) ++t;
    return t;
  }
  const std::string& upos(std::uint32_t i) const { return toks_[i].upos; }
  bool is_word(std::uint32_t i) const { return info_[i].shape != kNoLetter; }

  // Whether the text's capitalisation fits the phrase. A name written in
  // the wrong case is taken when the phrase allows it (Phrase::miscase_ok),
  // unless the writer capitalised its distinctive word and lowered an
  // ordinary one ("Hezbollah army", "Gordon brown"): that is no slip.
  bool case_ok(const Phrase& p, std::uint32_t first) const {
    bool lowered_common = false, cased_distinctive = false;
    for (std::uint32_t k = 0; k < p.words; ++k) {
      const WordRule& r = impl_.rules[p.rules + k];
      switch (r.rule) {
        case CaseRule::Any: break;
        case CaseRule::Capitalised:
          if (info_[first + k].shape != kCapital && info_[first + k].shape != kUpper) {
            if (!p.miscase_ok) return false;
            lowered_common = lowered_common || !r.distinctive;
          } else {
            cased_distinctive = cased_distinctive || r.distinctive;
          }
          if (lowered_common && cased_distinctive) return false;
          break;
        case CaseRule::Exact:
          if (toks_[first + k].form != impl_.exact_forms[r.exact]) return false;
          break;
      }
    }
    return true;
  }

  // Longest dictionary phrase at every position, left to right.
  void find_chunks() {
    chunks_.clear();
    people_.clear();
    std::vector<std::uint32_t>& best = scratch_.best;
    std::vector<TrieStep>& stack = scratch_.stack;
    std::uint32_t i = 0;
    while (i < n_) {
      if (info_[i].word == kNone && info_[i].lemma == kNone) {
        ++i;
        continue;
      }
      std::uint32_t best_len = 0;
      best.clear();
      stack.clear();
      stack.push_back({0, i, false});
      while (!stack.empty()) {
        TrieStep st = stack.back();
        stack.pop_back();
        if (st.j >= n_) continue;
        const TokInfo& ti = info_[st.j];
        for (int alt = 0; alt < 2; ++alt) {
          std::uint32_t w = alt == 0 ? ti.word : ti.lemma;
          if (w == kNone || (alt == 1 && w == ti.word)) continue;
          std::uint32_t child = impl_.edges.find(st.node, w);
          if (child == kNone) continue;
          bool via_lemma = st.lemma || alt == 1;
          std::uint32_t len = st.j - i + 1;
          for (std::uint32_t k = impl_.node_phrases[child]; k < impl_.node_phrases[child + 1]; ++k) {
            std::uint32_t pid = impl_.phrase_index[k];
            const Phrase& p = impl_.phrases[pid];
            if (via_lemma && !p.lemma_ok) continue;
            if (p.descriptive && day_ != 0 && !impl_.entities[p.target].active.contains(day_)) continue;
            // No organisation is named before it exists: in a document
            // dated 2004 "the FSA" is not the Free Syrian Army (2011).
            if (p.type == PhraseType::Name && day_ != 0 && day_ < impl_.entities[p.target].active.from) continue;
            if (!case_ok(p, i)) continue;
            if (len > best_len) {
              best_len = len;
              best.clear();
            }
            if (len == best_len) best.push_back(pid | (via_lemma ? 0x80000000u : 0));
          }
          stack.push_back({child, st.j + 1, via_lemma});
        }
      }
      if (best_len == 0) {
        ++i;
        continue;
      }
      Chunk c;
      c.first = i;
      c.last = i + best_len - 1;
      c.people_begin = c.people_end = static_cast<std::uint32_t>(people_.size());
      bool ambiguous_name = false;
      for (std::uint32_t tagged : best) {
        bool via_lemma = tagged & 0x80000000u;
        const Phrase& p = impl_.phrases[tagged & 0x7FFFFFFFu];
        switch (p.type) {
          case PhraseType::Name: {
            const Entity& e = impl_.entities[p.target];
            if (e.kind == ActorKind::Person) {
              if (std::find(people_.begin() + c.people_begin, people_.end(), p.target) == people_.end())
                people_.push_back(p.target);
              if (c.people_title == kNone) c.people_title = p.lead_agent;
            } else if (c.entity == kNone) {
              c.entity = p.target;
              c.entity_tail = p.tail_agent;
            } else if (c.entity != p.target) {
              ambiguous_name = true;
              if (better_entity(p.target, c.entity)) {
                c.entity = p.target;
                c.entity_tail = p.tail_agent;
              }
            }
            break;
          }
          case PhraseType::Adjective: c.adjective = p.target; break;
          case PhraseType::Demonym:
            c.demonym = p.target;
            c.demonym_plural = c.demonym_plural || p.plural || via_lemma;
            break;
          case PhraseType::Capital: c.capital = p.target; break;
          case PhraseType::City: if (c.city == kNone) c.city = p.target; break;
          case PhraseType::Agent:
            if (c.agent == kNone || (p.plural || via_lemma)) {
              c.agent = p.target;
              c.agent_plural = c.agent_plural || p.plural || via_lemma;
            }
            break;
        }
      }
      c.people_end = static_cast<std::uint32_t>(people_.size());
      if (c.entity != kNone) {
        if (ambiguous_name) scratch_.ambiguous = true;
        else scratch_.sure.push_back(c.entity);
      }
      // A one-word adjective-like agent right before another noun is a
      // modifier: "general election", "military products".
      if (c.agent != kNone && !c.agent_plural && !c.modifier() && !c.has_people() && c.first == c.last) {
        const Agent& a = impl_.agents[c.agent];
        bool modifier_use = false;
        // Taggers often call a noun like "official" or "militant" an
        // adjective; it only modifies when it hangs from a common noun
        // ("military products"); before a name it is a title ("British
        // militant Haroon Aswad").
        if (parsed_) {
          const int h = toks_[c.first].head;
          const bool before_name = h > 0 && static_cast<std::uint32_t>(h) <= n_ && upos(static_cast<std::uint32_t>(h - 1)) == "PROPN";
          modifier_use = upos(c.first) == "ADJ" && toks_[c.first].deprel == "amod" && !before_name;
        }
        else if (a.adjective_like && c.last + 1 < n_) {
          std::uint32_t nx = c.last + 1;
          modifier_use = info_[nx].shape == kLower && !is(nx, kFunctionWord) && !ends_with(key(nx), "ed") &&
                         !ends_with(key(nx), "ly");
        }
        if (modifier_use) c.agent = kNone;
      }
      if (c.agent == kNone && !c.modifier() && !c.has_people()) {
        ++i;
        continue;
      }
      for (std::uint32_t t = c.first; t <= c.last; ++t) info_[t].covered = true;
      chunks_.push_back(c);
      i = c.last + 1;
    }
    // Pronouns.
    for (std::uint32_t t = 0; t < n_; ++t) {
      if (info_[t].covered || !is(t, kPronounWord)) continue;
      if (parsed_ && toks_[t].deprel == "expl") continue;
      // "It is not clear", "It was the first time": a sentence opening with
      // "it" + be is usually about nothing; mid-sentence ("said it was
      // ready") it usually refers.
      if (!parsed_ && key(t) == "it" && t == first_word() &&
          (key_is(t + 1, "is") || key_is(t + 1, "was") || key_is(t + 1, "'s") || key_is(t + 1, "seems") ||
           key_is(t + 1, "appears")))
        continue;
      Chunk c;
      c.first = c.last = t;
      c.pronoun = true;
      c.people_begin = c.people_end = static_cast<std::uint32_t>(people_.size());
      info_[t].covered = true;
      chunks_.push_back(c);
    }
  }

  bool name_word(std::uint32_t t) const {
    const TokInfo& ti = info_[t];
    if (ti.covered || (ti.shape != kCapital && ti.shape != kUpper)) return false;
    if (is(t, kNotNameWord | kFunctionWord | kHonorificWord)) return false;
    if (parsed_ && upos(t) != "PROPN" && upos(t) != "NOUN" && upos(t) != "X" && upos(t) != "ADJ") return false;
    return true;
  }

  // Runs of capitalised words no dictionary phrase covers.
  void find_unknown_names() {
    std::uint32_t t = 0;
    while (t < n_) {
      if (!name_word(t)) {
        ++t;
        continue;
      }
      std::uint32_t first = t, last = t;
      std::uint32_t j = t + 1;
      while (j < n_) {
        if (name_word(j)) {
          last = j++;
          continue;
        }
        // "Zia-Ul-Haq", "bin Laden", "Movement for Democracy"
        std::string_view k = key(j);
        bool joins = false;
        if (j + 1 < n_ && !info_[j].covered && name_word(j + 1)) {
          if (k == "-" && attached(j) && attached(j + 1)) joins = true;
          else if (is(j, kNameParticleWord) && info_[j].shape == kLower) joins = true;
          else if (k == "of" || k == "for") joins = true;
        }
        if (!joins) break;
        j += 1;
      }
      t = last + 1;
      // "in Western Cambodia": a compass word is no name by itself.
      if (first == last && is(first, kDirectionWord)) continue;
      // A capitalised word opening a sentence may be any word ("Experts
      // note"); alone, it counts only as the surname of someone named
      // earlier ("Hassan added"), or when the parse says it is a name.
      std::uint32_t sentence_start = 0;
      while (sentence_start < n_ && info_[sentence_start].shape == kNoLetter) ++sentence_start;
      bool weak = first == sentence_start && last == first && !(parsed_ && upos(first) == "PROPN");
      // Headlines in capitals are not runs of names.
      if (last > first + 3) {
        bool all_upper = true;
        for (std::uint32_t k = first; k <= last && all_upper; ++k)
          all_upper = info_[k].shape == kUpper || !is_word(k);
        if (all_upper) continue;
      }
      Chunk c;
      c.first = first;
      c.last = last;
      c.unknown = true;
      c.weak = weak;
      c.people_begin = c.people_end = static_cast<std::uint32_t>(people_.size());
      for (std::uint32_t k = first; k <= last; ++k) info_[k].covered = true;
      chunks_.push_back(c);
    }
  }

  // What an unknown name looks like.
  std::string guess(const Chunk& c, bool after_title) const {
    if (after_title) return "person";
    if (c.first > 0 && is(c.first - 1, kHonorificWord)) return "person";
    if (is(c.last, kOrgWordBit)) return "organization";
    if (c.first > 0 && is(c.first - 1, kLocativeWord)) return "location";
    if (c.last > c.first && impl_.given_names.count(key(c.first))) return "person";
    return "unknown";
  }

  // ---- spans

  std::uint32_t span_head(std::uint32_t first, std::uint32_t last) const {
    if (parsed_) {
      for (std::uint32_t t = first; t <= last; ++t) {
        int h = toks_[t].head - 1;
        if (h < static_cast<int>(first) || h > static_cast<int>(last)) return t;
      }
    }
    if (last > first && is(last, kPossessiveWord)) return last - 1;
    return last;
  }

  bool plural_at(std::uint32_t t) const {
    const std::string& feats = toks_[t].feats;
    if (feats.find("Number=Plur") != std::string::npos) return true;
    if (feats.find("Number=Sing") != std::string::npos) return false;
    std::string_view k = key(t);
    if (k == "people" || k == "police" || k == "troops" || k == "forces" || k == "authorities" || k == "media" ||
        ends_with(k, "men") || k == "personnel" || k == "staff")
      return true;
    return k.size() > 3 && k.back() == 's' && !ends_with(k, "ss") && !ends_with(k, "us") && !ends_with(k, "is") &&
           info_[t].shape == kLower;
  }

  RawMention& emit(std::uint32_t first, std::uint32_t last) {
    out_.emplace_back();
    RawMention& r = out_.back();
    ActorMention& m = r.m;
    m.first = first;
    m.last = last;
    m.head = span_head(first, last);
    m.start = toks_[first].start;
    m.end = toks_[last].end;
    if (m.end > doc_.text.size() || m.start > m.end) {
      // Tokens of hand-built sentences may not point into the text.
      for (std::uint32_t t = first; t <= last; ++t) {
        if (t > first && toks_[t].start != toks_[t - 1].end) m.text += ' ';
        m.text += toks_[t].form;
      }
    } else {
      m.text = doc_.text.substr(m.start, m.end - m.start);
    }
    m.plural = plural_at(m.head);
    std::uint32_t before = first;
    while (before > 0 && is(before - 1, kFormerWord)) --before;
    if (before > 0 && is(before - 1, kDefiniteWord)) r.definite = true;
    return r;
  }

  // Between two entities one name stands for ("FSA"): the one the document
  // names by a name of its own elsewhere ("the Financial Services
  // Authority"), then one that exists at the document's date (dissolved
  // ones stay matchable for what is said about their past), then the kind
  // order (a country, an IGO, an NGO, an armed group, a state agency).
  bool better_entity(std::uint32_t a, std::uint32_t b) const {
    auto rank = [&](std::uint32_t x) {
      const Entity& e = impl_.entities[x];
      bool named = std::binary_search(scratch_.prefer.begin(), scratch_.prefer.end(), x);
      bool alive = day_ == 0 || e.active.contains(day_);
      return std::array<int, 3>{named ? 1 : 0, alive ? 1 : 0, -static_cast<int>(e.kind)};
    };
    return rank(a) > rank(b);
  }

  void set_entity(RawMention& r, std::uint32_t entity, std::uint32_t tail = kNone) {
    const Entity& e = impl_.entities[entity];
    ActorMention& m = r.m;
    m.kind = std::string(kind_name(e.kind));
    m.code = e.code;
    m.sector = code_sector(e.code);
    if (tail != kNone) {
      // "EU foreign ministers": the organisation's people in that office.
      for (const auto& s : impl_.agents[tail].sectors) m.code = join_code(m.code, s);
      m.sector = impl_.agents[tail].sectors.front();
      r.tail_agent = tail;
    }
    m.country = code_country(e.code);
    m.entity = e.id;
    m.entity_name = e.name;
    m.resolved_by = "dictionary";
  }

  // Whether the name at [first, last] is where something happens.
  bool is_place(std::uint32_t first, std::uint32_t last) const {
    if (parsed_) {
      std::uint32_t h = span_head(first, last);
      const std::string& rel = toks_[h].deprel;
      if (rel.rfind("obl", 0) != 0 && rel.rfind("nmod", 0) != 0) return false;
      for (std::uint32_t t = 0; t < n_; ++t)
        if (toks_[t].head == static_cast<int>(h) + 1 && toks_[t].deprel == "case" && is(t, kLocativeWord))
          return true;
      return false;
    }
    std::uint32_t b = first;
    // "in the capital", "in central Baghdad", "in the occupied West Bank"
    for (int skip = 0; skip < 3 && b > 0; ++skip) {
      if (is(b - 1, kLocativeWord)) return true;
      if (key(b - 1) == "the" || (info_[b - 1].shape == kLower && !is(b - 1, kFunctionWord))) {
        --b;
        continue;
      }
      break;
    }
    return false;
  }

  // True when token t may stand between a country and its agent
  // ("Lebanon's new President", "Angry French paper workers").
  bool gap_word(std::uint32_t t) const {
    if (info_[t].covered) return false;
    // "Vietnamese-led forces", "US-led coalition"
    if (key(t) == "-" && key_is(t + 1, "led") && attached(t) && attached(t + 1)) return true;
    if (key(t) == "led" && t > 0 && key(t - 1) == "-" && attached(t)) return true;
    if (parsed_) {
      const std::string& u = upos(t);
      return u == "ADJ" || u == "NOUN" || u == "NUM" || u == "PROPN";
    }
    if (info_[t].shape != kLower) return false;
    std::string_view k = key(t);
    return !is(t, kFunctionWord) && !ends_with(k, "ly");
  }

  bool chunk_is_unknown_at(std::uint32_t t) const {
    for (const Chunk& c : chunks_)
      if (c.first <= t && t <= c.last) return c.unknown;
    return false;
  }

  // ---- reading the chunks

  // Code a modifier chunk gives to an agent: ISO3 or organisation code.
  std::string modifier_code(const Chunk& c) const {
    if (c.entity != kNone) return impl_.entities[c.entity].code;
    std::uint32_t country = c.capital != kNone ? c.capital
                            : c.city != kNone  ? c.city
                            : c.adjective != kNone ? c.adjective
                                                   : c.demonym;
    return country == kNone ? std::string() : impl_.entities[country].code;
  }
  bool modifier_is_group(const Chunk& c) const {
    return c.entity != kNone && impl_.entities[c.entity].kind == ActorKind::Group;
  }

  // The agent chunk a modifier ending at chunk k leads to, allowing a
  // possessive and up to two modifier words in between; kNone if none.
  // A people noun or adjective of another country may stand in between:
  // "Bosnian Serb forces" are Bosnia's.
  std::size_t agent_after(std::size_t k) const {
    std::uint32_t t = chunks_[k].last + 1;
    if (possessive_at(t)) ++t;
    std::size_t next = k + 1;
    bool people_skipped = false;
    for (int gap = 0; gap <= 2; ++gap) {
      if (t >= n_) return kNone;
      if (next < chunks_.size() && chunks_[next].first == t) {
        const Chunk& c = chunks_[next];
        if (c.agent != kNone && !c.modifier() && !c.pronoun) return next;
        if (!people_skipped && chunks_[k].adjective != kNone && (c.demonym != kNone || c.adjective != kNone) &&
            c.entity == kNone && c.capital == kNone && c.city == kNone && c.agent == kNone) {
          people_skipped = true;
          t = c.last + 1;
          ++next;
          continue;
        }
        return kNone;
      }
      if (!gap_word(t)) return kNone;
      ++t;
    }
    return kNone;
  }

  // "of the Republic of Belarus", "in southern Sudan", "of the opposition":
  // the chunk right after chunk k's preposition (`of_like` tells which
  // kind), or kNone.
  std::size_t chunk_after_preposition(std::size_t k, bool& of_like) const {
    std::uint32_t t = chunks_[k].last + 1;
    if (t >= n_ || k + 1 >= chunks_.size()) return kNone;
    of_like = is(t, kOfLikeWord);
    if (!of_like && !is(t, kInLikeWord)) return kNone;
    std::uint32_t u = t + 1;
    if (key_is(u, "the")) ++u;
    if (is(u, kHonorificWord)) ++u;  // "a spokesman for Mr Blair"
    if (u < n_ && is(u, kQuantifierWord)) ++u;
    if (u < n_ && is(u, kDirectionWord)) ++u;
    return chunks_[k + 1].first == u ? k + 1 : kNone;
  }

  // "Belarusian and Chinese": the last chunk of a run of coordinated
  // modifiers starting at k.
  std::size_t coordinated_end(std::size_t k) const {
    std::size_t end = k;
    while (end + 1 < chunks_.size() && chunks_[end + 1].modifier() && chunks_[end + 1].agent == kNone) {
      std::uint32_t from = chunks_[end].last + 1, to = chunks_[end + 1].first;
      if (to <= from || to - from > 2) break;
      bool connectors = true;
      for (std::uint32_t t = from; t < to && connectors; ++t) connectors = is(t, kConnectorWord);
      if (!connectors) break;
      ++end;
    }
    return end;
  }

  bool former_before(std::uint32_t first) const {
    std::uint32_t b = first;
    if (b > 0 && key(b - 1) == "-" && b > 1 && key(b - 2) == "ex") return true;
    while (b > 0 && (key(b - 1) == "the" || key(b - 1) == "a")) --b;
    return b > 0 && is(b - 1, kFormerWord);
  }

  // A title followed by a person's name: "President Oleksandr Lukashenko",
  // "Defence Minister Pierre Joxe". `name` is the chunk after the title.
  bool title_takes_name(const Chunk& title, const Chunk& name) const {
    if (name.first != title.last + 1) return false;
    if (title.agent_plural) return false;
    if (name.has_people()) return true;
    if (name.unknown) {
      // "the oil company Yukos", "the newspaper La Prensa": an
      // organisation named after its description (emit_person tells).
      std::string g = guess(name, false);
      if (g == "location") return false;
      return g != "organization" || !impl_.agents[title.agent].person_like;
    }
    return false;
  }

  // Whether an unknown name after `agent` is a person's.
  bool names_a_person(const Chunk& name, std::uint32_t agent) const {
    std::string g = guess(name, false);
    if (g == "person") return true;
    if (g == "organization") return false;
    return agent == kNone || impl_.agents[agent].person_like;
  }

  // Emits a person (known or not) with an optional title agent and
  // modifier; handles a trailing "of <country>". Returns the last chunk used.
  std::size_t emit_person(std::uint32_t first, std::size_t name_k, std::uint32_t title_agent, std::string mod_code,
                          bool former) {
    const Chunk& name = chunks_[name_k];
    std::uint32_t last = name.last;
    std::size_t used = name_k;
    // "King Hassan of Morocco"
    if (name_k + 1 < chunks_.size() && key_is(last + 1, "of")) {
      std::uint32_t t = last + 2;
      if (key_is(t, "the")) ++t;
      const Chunk& c = chunks_[name_k + 1];
      if (c.first == t && (c.entity != kNone || c.capital != kNone) && c.agent == kNone &&
          agent_after(name_k + 1) == kNone) {
        if (mod_code.empty()) mod_code = modifier_code(c);
        last = c.last;
        used = name_k + 1;
      }
    }
    RawMention& r = emit(first, last);
    r.agent = title_agent != kNone ? title_agent : name.people_title;
    r.modifier_code = std::move(mod_code);
    r.former = former || former_before(first);
    r.m.plural = false;
    if (name.has_people()) {
      r.pending = Pending::People;
      r.people.assign(people_.begin() + name.people_begin, people_.begin() + name.people_end);
      r.m.kind = "person";
    } else {
      bool person = names_a_person(name, r.agent);
      r.m.entity_name = span_text(name.first, name.last);
      r.key = span_key(name.first, name.last);
      r.m.kind = person ? "person" : "agent";
      r.pending = Pending::Unknown;
      r.m.guess = person ? "person" : "organization";
      r.m.plural = false;
    }
    return used;
  }

  std::string span_text(std::uint32_t first, std::uint32_t last) const {
    std::uint32_t a = toks_[first].start, b = toks_[last].end;
    if (b <= doc_.text.size() && a <= b) return doc_.text.substr(a, b - a);
    std::string s;
    for (std::uint32_t t = first; t <= last; ++t) s += (t > first ? " " : "") + toks_[t].form;
    return s;
  }
  std::string span_key(std::uint32_t first, std::uint32_t last) const {
    std::string s;
    for (std::uint32_t t = first; t <= last; ++t) {
      if (!is_word(t)) continue;
      if (!s.empty()) s += ' ';
      s += key(t);
    }
    return s;
  }

  // An agent with a modifier's code.
  void set_compound(RawMention& r, const Chunk& mod, const Agent& agent, std::uint32_t agent_index) {
    std::string base = modifier_code(mod);
    ActorMention& m = r.m;
    r.agent = agent_index;
    r.modifier_code = base;
    if (modifier_is_group(mod)) {
      set_entity(r, mod.entity);
      m.kind = "armed_group";
      return;
    }
    std::string code = base;
    for (const auto& s : agent.sectors) code = join_code(code, s);
    m.code = code;
    m.country = code_country(code);
    m.sector = agent.sectors.empty() ? std::string() : agent.sectors.front();
    m.kind = "agent";
    m.resolved_by = "dictionary";
    if (mod.entity != kNone && impl_.entities[mod.entity].kind != ActorKind::Country) {
      m.entity = impl_.entities[mod.entity].id;
      m.entity_name = impl_.entities[mod.entity].name;
    }
  }

  // "ethnic Albanians": a people named by where they come from, who live
  // (and act) in another country the document decides.
  void make_ethnic(RawMention& r, std::uint32_t people_country, std::uint32_t agent) {
    r.pending = Pending::Ethnic;
    r.ethnic = impl_.entities[people_country].code;
    r.agent = agent;
    r.m.kind = "agent";
    r.m.entity.clear();
    r.m.entity_name.clear();
  }

  // A named entity, capital, city or adjective standing alone.
  void emit_modifier_alone(const Chunk& c, bool ethnic) {
    RawMention& r = emit(c.first, c.last);
    if (c.entity != kNone) {
      set_entity(r, c.entity, c.entity_tail);
      if (impl_.entities[c.entity].kind == ActorKind::Country) r.m.place = is_place(c.first, c.last);
      return;
    }
    std::uint32_t country = c.capital != kNone ? c.capital : c.city != kNone ? c.city : kNone;
    if (country != kNone) {
      set_entity(r, country);
      r.m.place = is_place(c.first, c.last);
      // Part of a longer name ("Real Madrid", "London Stock Exchange") or a
      // noun modifier in the parse: the place, not its government.
      bool in_name = (c.first > 0 && info_[c.first - 1].covered && chunk_is_unknown_at(c.first - 1)) ||
                     (c.last + 1 < n_ && chunk_is_unknown_at(c.last + 1));
      bool modifies_noun = in_name || (parsed_ && toks_[r.m.head].deprel == "compound");
      if (c.capital != kNone && !r.m.place && !modifies_noun) {
        // "Minsk said", "Beijing will": the capital stands for the government.
        r.m.code = join_code(r.m.code, "GOV");
        r.m.sector = "GOV";
      }
      return;
    }
    if (c.demonym != kNone && (c.demonym_plural || c.adjective == kNone)) {
      // "Palestinians", "Algerians": the people of the country.
      set_entity(r, c.demonym);
      if (c.demonym_plural) {
        r.m.code = join_code(r.m.code, "CVL");
        r.m.sector = "CVL";
        r.m.kind = "agent";
        r.m.entity.clear();
        r.m.entity_name.clear();
        r.m.plural = true;
        if (ethnic) make_ethnic(r, c.demonym, kNone);
      }
      return;
    }
    set_entity(r, c.adjective);
    r.adjectival = true;
  }

  void read_chunks() {
    std::size_t k = 0;
    while (k < chunks_.size()) {
      const Chunk& c = chunks_[k];
      if (c.pronoun) {
        k = read_pronoun(k);
        continue;
      }
      if (c.has_people() && c.entity == kNone) {
        emit_person(c.first, k, kNone, {}, false);
        ++k;
        continue;
      }
      if (c.modifier()) {
        k = read_modifiers(k);
        continue;
      }
      if (c.agent != kNone) {
        k = read_agent(k);
        continue;
      }
      if (c.unknown) {
        RawMention& r = emit(c.first, c.last);
        r.pending = Pending::Unknown;
        r.m.kind = "unresolved";
        r.m.guess = guess(c, false);
        r.m.entity_name = r.m.text;
        r.key = span_key(c.first, c.last);
        r.weak = c.weak;
        ++k;
        continue;
      }
      ++k;
    }
  }

  std::size_t read_pronoun(std::size_t k) {
    const Chunk& c = chunks_[k];
    std::string_view pk = key(c.first);
    // "its troops", "their leaders"
    if (is(c.first, kPossessivePronounWord) && k + 1 < chunks_.size()) {
      std::uint32_t t = c.last + 1;
      int gaps = 0;
      while (t < n_ && gaps < 2 && chunks_[k + 1].first != t && gap_word(t)) {
        ++t;
        ++gaps;
      }
      const Chunk& a = chunks_[k + 1];
      if (a.first == t && a.agent != kNone && !a.modifier() && !a.has_people()) {
        RawMention& r = emit(c.first, a.last);
        r.pending = Pending::PossessiveAgent;
        r.agent = a.agent;
        r.key = std::string(pk);
        r.m.plural = a.agent_plural || plural_at(a.last);
        r.m.kind = "agent";
        return k + 2;
      }
    }
    RawMention& r = emit(c.first, c.last);
    r.pending = Pending::Pronoun;
    r.key = std::string(pk);
    r.m.plural = pk == "they" || pk == "them" || pk == "their";
    return k + 1;
  }

  std::size_t read_modifiers(std::size_t k) {
    const Chunk& head = chunks_[k];
    const bool ethnic = head.first > 0 && key(head.first - 1) == "ethnic";
    // An organisation, or its office, right before a person's name: "UN
    // Secretary-General Ban Ki-moon", "Arab League Secretary-General Chedli
    // Klibi".
    if (head.entity != kNone && impl_.entities[head.entity].kind != ActorKind::Country && k + 1 < chunks_.size()) {
      const Chunk& nx = chunks_[k + 1];
      bool title_tail = head.entity_tail != kNone && impl_.agents[head.entity_tail].person_title;
      if (nx.first == head.last + 1 &&
          ((nx.has_people() && nx.entity == kNone) || (title_tail && nx.unknown && guess(nx, true) == "person"))) {
        std::size_t used =
            emit_person(head.first, k + 1, head.entity_tail, impl_.entities[head.entity].code, former_before(head.first));
        return used + 1;
      }
    }
    std::size_t end = coordinated_end(k);
    std::size_t agent_k = agent_after(end);
    if (agent_k == kNone) {
      if (end == k && head.adjective != kNone && k + 1 < chunks_.size()) {
        // "Bosnian Serbs", "Iraqi Kurds": a people living in the country of
        // the adjective.
        const Chunk& d = chunks_[k + 1];
        if (d.first == head.last + 1 && d.demonym != kNone && d.demonym_plural && d.entity == kNone &&
            d.demonym != head.adjective) {
          RawMention& r = emit(head.first, d.last);
          set_entity(r, head.adjective);
          r.m.code = join_code(r.m.code, "CVL");
          r.m.sector = "CVL";
          r.m.kind = "agent";
          r.m.entity.clear();
          r.m.entity_name.clear();
          r.m.plural = true;
          return k + 2;
        }
      }
      if (end == k && head.adjective != kNone && k + 1 < chunks_.size()) {
        // "Iraqi Kurds", "Bosnian Croats": an adjective before a capitalised
        // plural the dictionaries do not know is a people of that country.
        const Chunk& d = chunks_[k + 1];
        if (d.unknown && d.first == head.last + 1 && d.first == d.last && info_[d.first].shape == kCapital &&
            key(d.first).size() > 3 && key(d.first).back() == 's' && !ends_with(key(d.first), "ss")) {
          RawMention& r = emit(head.first, d.last);
          set_entity(r, head.adjective);
          r.m.code = join_code(r.m.code, "CVL");
          r.m.sector = "CVL";
          r.m.kind = "agent";
          r.m.entity.clear();
          r.m.entity_name.clear();
          r.m.plural = true;
          return k + 2;
        }
      }
      if (end == k && head.demonym != kNone && head.demonym_plural && head.entity == kNone) {
        // "Albanians of southern Serbia": the people of the place named.
        bool of_like = false;
        std::size_t x = chunk_after_preposition(k, of_like);
        if (x != kNone && (chunks_[x].entity != kNone || chunks_[x].city != kNone || chunks_[x].capital != kNone) &&
            agent_after(x) == kNone) {
          const Chunk& place = chunks_[x];
          RawMention& r = emit(head.first, place.last);
          std::string base = modifier_code(place);
          r.m.code = join_code(base, "CVL");
          r.m.country = code_country(r.m.code);
          r.m.sector = "CVL";
          r.m.kind = "agent";
          r.m.resolved_by = "dictionary";
          r.m.plural = true;
          r.m.head = span_head(head.first, head.last);
          return x + 1;
        }
      }
      for (std::size_t i = k; i <= end; ++i) emit_modifier_alone(chunks_[i], ethnic && i == k);
      return end + 1;
    }
    const Chunk& agent_chunk = chunks_[agent_k];
    const Agent& agent = impl_.agents[agent_chunk.agent];
    // Modifier + title + name: "Russian President Boris Yeltsin".
    if (agent_k + 1 < chunks_.size() && end == k && title_takes_name(agent_chunk, chunks_[agent_k + 1])) {
      std::size_t used = emit_person(chunks_[k].first, agent_k + 1, agent_chunk.agent, modifier_code(chunks_[k]),
                                     former_before(chunks_[k].first));
      return used + 1;
    }
    // One mention per coordinated modifier, all with the agent's sector:
    // "Belarusian and Chinese officials".
    for (std::size_t i = k; i <= end; ++i) {
      const Chunk& mod = chunks_[i];
      std::uint32_t last = i == end ? agent_chunk.last : mod.last;
      RawMention& r = emit(mod.first, last);
      if (i != end) {
        r.m.head = span_head(agent_chunk.first, agent_chunk.last);
        r.m.plural = plural_at(r.m.head);
      }
      set_compound(r, mod, agent, agent_chunk.agent);
      r.m.plural = r.m.plural || agent_chunk.agent_plural;
      r.former = former_before(mod.first);
      if (r.former && agent.person_title && code_country(r.m.code).size() == 3) {
        r.m.code = join_code(code_country(r.m.code), "ELI");
        r.m.sector = "ELI";
      }
      std::uint32_t people = mod.adjective != kNone ? mod.adjective : mod.demonym;
      if (ethnic && i == k && people != kNone && mod.entity == kNone) make_ethnic(r, people, agent_chunk.agent);
    }
    return agent_k + 1;
  }

  std::size_t read_agent(std::size_t k) {
    const Chunk& c = chunks_[k];
    const Agent& agent = impl_.agents[c.agent];
    // Title + name: "President Oleksandr Lukashenko", "Judge Alejandro Rivera".
    if (k + 1 < chunks_.size() && title_takes_name(c, chunks_[k + 1]))
      return emit_person(c.first, k + 1, c.agent, {}, former_before(c.first)) + 1;
    // Agent + named organisation or group: "the rebel Kurdistan Workers'
    // Party", "militant group Hamas": the name decides.
    if (k + 1 < chunks_.size()) {
      const Chunk& nx = chunks_[k + 1];
      if (nx.first == c.last + 1 && nx.entity != kNone && impl_.entities[nx.entity].kind != ActorKind::Country &&
          agent_after(k + 1) == kNone) {
        RawMention& r = emit(c.first, nx.last);
        set_entity(r, nx.entity, nx.entity_tail);
        return k + 2;
      }
    }
    // Agent + of/in + country, organisation or agent: "troops of Russia",
    // "the leader of the Republic of Belarus", "rebels in Darfur",
    // "the representatives of the opposition".
    bool of_like = false;
    std::size_t xk = chunk_after_preposition(k, of_like);
    if (xk != kNone && of_like) {
      // "a spokesman for Mr Blair", "supporters of former President Ben
      // Bella": the person's country (resolve.cpp reads the next mention).
      const Chunk& x = chunks_[xk];
      bool person = (x.has_people() && x.entity == kNone) ||
                    (x.agent != kNone && xk + 1 < chunks_.size() && title_takes_name(x, chunks_[xk + 1]));
      if (person) {
        RawMention& r = emit(c.first, c.last);
        r.pending = Pending::Agent;
        r.agent = c.agent;
        r.m.kind = "agent";
        r.m.plural = c.agent_plural || plural_at(r.m.head);
        r.of_next_person = true;
        return k + 1;
      }
    }
    if (xk != kNone) {
      const Chunk& x = chunks_[xk];
      if (!x.pronoun && !x.unknown && !(x.has_people() && x.entity == kNone)) {
        if (x.modifier()) {
          std::size_t inner_agent = agent_after(xk);
          if (inner_agent != kNone) {
            // "leaders of the Belarusian opposition": the inner group's
            // code; "doctors from American aid groups": the country of the
            // inner group, the outer agent's sector.
            const Chunk& ia = chunks_[inner_agent];
            RawMention& r = emit(c.first, ia.last);
            if (of_like) set_compound(r, x, impl_.agents[ia.agent], ia.agent);
            else set_compound(r, x, agent, c.agent);
            r.m.head = span_head(c.first, c.last);
            r.m.plural = plural_at(r.m.head);
            return inner_agent + 1;
          }
          if (inner_agent == kNone && (x.entity != kNone || x.capital != kNone || x.city != kNone)) {
            RawMention& r = emit(c.first, x.last);
            set_compound(r, x, agent, c.agent);
            r.m.head = span_head(c.first, c.last);
            r.m.plural = c.agent_plural || plural_at(r.m.head);
            r.former = former_before(c.first);
            return xk + 1;
          }
        } else if (x.agent != kNone && of_like && !(xk + 1 < chunks_.size() && title_takes_name(x, chunks_[xk + 1]))) {
          // "representatives of the opposition": the group they belong to;
          // its country comes from the document.
          RawMention& r = emit(c.first, x.last);
          r.pending = Pending::Agent;
          r.agent = x.agent;
          r.m.kind = "agent";
          r.m.head = span_head(c.first, c.last);
          r.m.plural = c.agent_plural || plural_at(r.m.head);
          return xk + 1;
        }
      }
    }
    RawMention& r = emit(c.first, c.last);
    r.pending = Pending::Agent;
    r.agent = c.agent;
    r.m.kind = "agent";
    r.m.plural = c.agent_plural || plural_at(r.m.head);
    r.former = former_before(c.first);
    return k + 1;
  }

  // "the two countries", "both sides", "the two leaders": a definite pair
  // that stands for the two actors the text has been about (resolve.cpp
  // picks them). It replaces what the noun alone gave ("leaders": an agent).
  void find_pairs() {
    for (std::uint32_t t = 0; t + 1 < n_; ++t) {
      std::uint32_t noun;
      if (key(t) == "two" && t > 0 && (key(t - 1) == "the" || is(t - 1, kPossessivePronounWord))) noun = t + 1;
      else if (key(t) == "both") noun = key_is(t + 1, "the") ? t + 2 : t + 1;
      else continue;
      // One describing word may stand between: "the two neighbouring countries".
      if (noun + 1 < n_ && info_[noun].shape == kLower && !is(noun, kFunctionWord) && pair_noun(key(noun)).empty() &&
          !pair_noun(key(noun + 1)).empty() && (!parsed_ || upos(noun) == "ADJ" || upos(noun) == "VERB"))
        ++noun;
      if (noun >= n_) continue;
      std::string_view kind = pair_noun(key(noun));
      if (kind.empty() || !plural_at(noun)) continue;
      if (kind == "side" && key_is(noun + 1, "of")) continue;  // "both sides of the border"
      // Only a bare noun mention inside the phrase gives way ("the two
      // leaders": the agent "leaders"); any other overlap keeps the pair out.
      std::size_t replace = out_.size(), insert_at = out_.size();
      bool blocked = false;
      std::uint32_t agent = kNone;
      for (std::size_t i = 0; i < out_.size() && !blocked; ++i) {
        const ActorMention& m = out_[i].m;
        if (m.last < t) continue;
        if (m.first > noun) {
          insert_at = std::min(insert_at, i);
          continue;
        }
        if (m.first >= t && m.last <= noun && out_[i].pending == Pending::Agent && replace == out_.size()) {
          replace = i;
          agent = out_[i].agent;
          continue;
        }
        blocked = true;
      }
      if (blocked) continue;
      if (replace < out_.size()) {
        out_.erase(out_.begin() + static_cast<std::ptrdiff_t>(replace));
        insert_at = replace;
      }
      emit(t, noun);
      RawMention r = std::move(out_.back());
      out_.pop_back();
      r.pending = Pending::Pair;
      r.pair = std::string(kind);
      r.agent = agent;
      r.m.plural = true;
      r.m.kind = "agent";
      r.m.head = span_head(t, noun);
      out_.insert(out_.begin() + static_cast<std::ptrdiff_t>(insert_at), std::move(r));
      t = noun;
    }
  }

  static std::string_view pair_noun(std::string_view k) {
    if (k == "countries" || k == "nations" || k == "states" || k == "neighbours" || k == "neighbors" ||
        k == "allies" || k == "capitals")
      return "country";
    if (k == "governments" || k == "administrations") return "government";
    if (k == "leaders" || k == "presidents" || k == "heads") return "leader";
    if (k == "sides" || k == "parties") return "side";
    return {};
  }

  // "Salaheddine Sidhoum, Algeria's leading human rights activist, ...":
  // an unknown name takes the code of the description set off after it.
  void apply_appositions() {
    for (std::size_t i = 0; i + 1 < out_.size(); ++i) {
      RawMention& r = out_[i];
      bool person = r.pending == Pending::People;
      if ((r.pending != Pending::Unknown && !person) || r.agent != kNone) continue;
      if (r.m.guess == "organization" || r.m.guess == "location") continue;
      std::uint32_t t = r.m.last + 1;
      if (!key_is(t, ",")) continue;
      ++t;
      if (t < n_ && (key(t) == "the" || key(t) == "a" || key(t) == "an")) ++t;
      const RawMention& d = out_[i + 1];
      if (person && d.m.first == t && d.tail_agent != kNone && impl_.agents[d.tail_agent].person_title) {
        // "Kofi Annan, UN secretary-general" (an organisation's office).
        r.agent = d.tail_agent;
        r.modifier_code = d.m.code;
        continue;
      }
      if (d.m.first != t || d.m.kind != "agent" || d.m.plural) continue;
      if (person) {
        // "Kofi Annan, UN secretary-general": the description is his title.
        if (d.agent == kNone || !impl_.agents[d.agent].person_title) continue;
        r.agent = d.agent;
        r.modifier_code = d.modifier_code;
        continue;
      }
      // "Yukos, the oil company": a described organisation, not a person.
      bool described_person =
          r.m.guess == "person" || (d.agent != kNone && impl_.agents[d.agent].person_title);
      if (d.pending == Pending::None) {
        r.pending = Pending::None;
        r.m.code = d.m.code;
        r.m.country = d.m.country;
        r.m.sector = d.m.sector;
        r.m.resolved_by = "dictionary";
      } else if (d.pending == Pending::Agent) {
        r.agent = d.agent;
      } else {
        continue;
      }
      r.m.kind = described_person ? "person" : "agent";
      r.m.guess = described_person ? "person" : "organization";
    }
  }

  const ActorMatcher::Impl& impl_;
  const Document& doc_;
  const std::vector<Token>& toks_;
  std::int32_t day_;
  std::vector<RawMention>& out_;
  std::uint32_t n_ = 0;
  bool parsed_ = false;
  bool capitals_ = false;  // a sentence written in capitals
  SentenceScratch& scratch_;
  std::vector<TokInfo>& info_;
  std::string& keys_;
  std::vector<Chunk>& chunks_;
  std::vector<std::uint32_t>& people_;
};

}  // namespace

// ---------------------------------------------------------------------------

void fold_key(std::string_view form, std::string& out) {
  out.clear();
  bool ascii = true;
  for (char c : form)
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) {
    out.resize(form.size());
    for (std::size_t i = 0; i < form.size(); ++i) {
      char c = form[i];
      out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    return;
  }
  std::string norm = normalize_for_matching(form);
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                                 UTF8PROC_STRIPMARK);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(norm.data()),
                                    static_cast<utf8proc_ssize_t>(norm.size()), &mapped, options);
  if (n < 0 || mapped == nullptr) {
    out = std::move(norm);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return;
  }
  out.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  std::free(mapped);
}

Shape word_shape(std::string_view form) {
  int letters = 0, upper = 0;
  bool first_upper = false;
  std::size_t i = 0;
  while (i < form.size()) {
    unsigned char c = static_cast<unsigned char>(form[i]);
    bool is_letter = false, is_upper = false;
    if (c < 0x80) {
      is_upper = c >= 'A' && c <= 'Z';
      is_letter = is_upper || (c >= 'a' && c <= 'z');
      ++i;
    } else {
      utf8proc_int32_t cp = 0;
      utf8proc_ssize_t len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(form.data() + i),
                                              static_cast<utf8proc_ssize_t>(form.size() - i), &cp);
      if (len <= 0) {
        ++i;
        continue;
      }
      auto cat = utf8proc_category(cp);
      is_upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
      is_letter = is_upper || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LO ||
                  cat == UTF8PROC_CATEGORY_LM;
      i += static_cast<std::size_t>(len);
    }
    if (!is_letter) continue;
    if (letters == 0) first_upper = is_upper;
    ++letters;
    if (is_upper) ++upper;
  }
  if (letters == 0) return kNoLetter;
  if (letters >= 2 && upper == letters) return kUpper;
  return first_upper ? kCapital : kLower;
}

void EdgeTable::reserve(std::size_t edges) {
  std::size_t cap = 16;
  while (cap < edges * 2) cap *= 2;
  if (cap <= keys_.size()) return;
  std::vector<std::uint64_t> old_keys = std::move(keys_);
  std::vector<std::uint32_t> old_values = std::move(values_);
  keys_.assign(cap, 0);
  values_.assign(cap, 0);
  shift_ = 64 - std::countr_zero(cap);
  for (std::size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] == 0) continue;
    std::size_t j = slot(old_keys[i]);
    while (keys_[j] != 0) j = (j + 1) & (cap - 1);
    keys_[j] = old_keys[i];
    values_[j] = old_values[i];
  }
}

std::uint32_t WordTable::insert(std::string_view word) {
  std::uint32_t id = find(word);
  if (id != kNone) return id;
  if ((starts_.size() + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(64, slots_.size() * 2));
  id = static_cast<std::uint32_t>(starts_.size());
  starts_.push_back(static_cast<std::uint32_t>(chars_.size()));
  lengths_.push_back(static_cast<std::uint32_t>(word.size()));
  chars_.append(word);
  std::size_t i = slot(word);
  while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
  slots_[i] = id + 1;
  return id;
}

void WordTable::rehash(std::size_t capacity) {
  slots_.assign(capacity, 0);
  shift_ = 64 - std::countr_zero(capacity);
  for (std::uint32_t id = 0; id < starts_.size(); ++id) {
    std::size_t i = slot(text(id));
    while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = id + 1;
  }
}

void EdgeTable::grow() { reserve(std::max<std::size_t>(16, keys_.size())); }

bool is_sector_code(std::string_view s) {
  static const WordSet sectors{"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "SEP", "UAF", "CVL",
                               "MED", "JRN", "BUS", "EDU", "HLH", "REL", "LAB", "REF", "ELI", "SPY", "CRM",
                               "ENV", "HRI", "AGR", "DEV", "PTY", "MOD", "RAD", "IDP", "PPL", "UNK"};
  return sectors.contains(s);
}

std::string join_code(std::string_view base, std::string_view sector) {
  for (std::size_t i = 0; i + 3 <= base.size(); i += 3)
    if (base.substr(i, 3) == sector) return std::string(base);
  return std::string(base) + std::string(sector);
}

std::string code_country(std::string_view code) {
  if (code.size() < 3) return {};
  std::string_view head = code.substr(0, 3);
  if (head == "IGO" || head == "NGO" || head == "IMG" || head == "MNC" || head == "---" || head == "UNO") return {};
  return std::string(head);
}

std::string code_sector(std::string_view code) {
  for (std::size_t i = 3; i + 3 <= code.size(); i += 3)
    if (is_sector_code(code.substr(i, 3))) return std::string(code.substr(i, 3));
  return {};
}

std::string_view kind_name(ActorKind kind) {
  switch (kind) {
    case ActorKind::Country: return "state";
    case ActorKind::Person: return "person";
    case ActorKind::Igo: return "igo";
    case ActorKind::Ngo: return "ngo";
    case ActorKind::Group: return "armed_group";
    case ActorKind::Agency: return "agency";
  }
  return "state";
}

void match_sentence(const ActorMatcher::Impl& impl, const Document& doc, const Sentence& sentence, std::int32_t day,
                    SentenceScratch& scratch, std::vector<RawMention>& out) {
  out.clear();
  if (sentence.tokens.empty()) return;
  Reader(impl, doc, sentence, day, scratch, out).run();
}

}  // namespace actors_internal

// ---------------------------------------------------------------------------

ActorMatcher::ActorMatcher() = default;
ActorMatcher::~ActorMatcher() = default;

std::unique_ptr<ActorMatcher> ActorMatcher::build(const ActorDictionary& dict, Diagnostics* diag) {
  std::unique_ptr<ActorMatcher> m(new ActorMatcher());
  m->impl_ = std::make_unique<Impl>();
  actors_internal::Compiler(*m->impl_).compile(dict, diag);
  return m;
}

std::unique_ptr<ActorMatcher> ActorMatcher::load_default(Diagnostics& diag, std::string& error) {
  std::vector<std::string> files = ActorDictionary::default_files();
  if (files.empty()) {
    error = "no actor dictionaries found (data/actors/*.txt; set KESTREL_DATA)";
    return nullptr;
  }
  auto dict = ActorDictionary::load(files, diag);
  return build(*dict, &diag);
}

ActorMatcher::Stats ActorMatcher::stats() const {
  return {impl_->phrases.size(), impl_->node_phrases.empty() ? 0 : impl_->node_phrases.size() - 1,
          impl_->words.size()};
}

std::vector<std::vector<ActorMention>> ActorMatcher::match(const Document& doc, const MatchOptions& options) const {
  std::vector<std::vector<actors_internal::RawMention>> raw(doc.sentences.size());
  std::int32_t day = date_to_day(options.date.empty() ? doc.date : options.date);
  actors_internal::SentenceScratch scratch;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i)
    actors_internal::match_sentence(*impl_, doc, doc.sentences[i], day, scratch, raw[i]);
  // A name two entities share is read again, preferring the one the
  // document names unambiguously ("the Financial Services Authority (FSA)").
  if (scratch.ambiguous && !scratch.sure.empty()) {
    scratch.prefer = std::move(scratch.sure);
    std::sort(scratch.prefer.begin(), scratch.prefer.end());
    scratch.prefer.erase(std::unique(scratch.prefer.begin(), scratch.prefer.end()), scratch.prefer.end());
    scratch.sure.clear();
    for (std::size_t i = 0; i < doc.sentences.size(); ++i)
      actors_internal::match_sentence(*impl_, doc, doc.sentences[i], day, scratch, raw[i]);
  }
  return actors_internal::resolve_document(*impl_, doc, options, raw);
}

std::string_view plover_sector(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> table[] = {
      {"GOV", "GOV"}, {"MIL", "MIL"}, {"COP", "COP"}, {"JUD", "JUD"}, {"LEG", "LEG"}, {"OPP", "OPP"},
      {"REB", "REB"}, {"INS", "REB"}, {"SEP", "REB"}, {"UAF", "UAF"}, {"CVL", "CVL"}, {"PPL", "CVL"},
      {"MED", "JRN"}, {"JRN", "JRN"}, {"BUS", "BUS"}, {"EDU", "EDU"}, {"HLH", "MED"}, {"REL", "REL"},
      {"LAB", "LAB"}, {"REF", "REF"}, {"IDP", "REF"}, {"ELI", "ELI"}, {"SPY", "SPY"}, {"CRM", "CRM"},
      {"AGR", "AGR"}, {"PTY", "PTY"}, {"HRI", "SOC"}, {"ENV", "SOC"}, {"DEV", "SOC"}, {"UNK", "UNK"},
      {"PRM", "PRM"}, {"PRE", "PRE"}, {"SOC", "SOC"}};
  for (const auto& [cameo, plover] : table)
    if (s == cameo) return plover;
  return {};
}

std::string canonical_actor_code(std::string_view code) {
  if (code.substr(0, 3) == "KOS") return "XKX" + std::string(code.substr(3));
  return std::string(code);
}

}  // namespace kestrel
