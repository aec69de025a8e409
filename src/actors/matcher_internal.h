// Inside the actor matcher (not part of the public API).
//
// matcher.cpp compiles the dictionaries into ActorMatcher::Impl and reads one
// sentence at a time into RawMentions: spans with what the sentence itself
// says about them. resolve.cpp then walks the document in order and settles
// what needs more than one sentence: which person an alias names at the
// document date, pronouns, "the president", surnames, and the country of
// bare agents ("the opposition").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actors/actors.h"

namespace kestrel::actors_internal {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// The key a word is matched by: typographic quotes and dashes made ASCII,
// NFKC, case folded, accents stripped ("Tiranë" and "TIRANE" -> "tirane",
// "’s" -> "'s"). Overwrites `out`.
void fold_key(std::string_view form, std::string& out);

enum Shape : std::uint8_t { kNoLetter, kLower, kCapital, kUpper };
// kUpper: two or more letters, all capitals ("NATO"); kCapital: the first
// letter is a capital ("Minsk", "McCain", "U.S." is kUpper).
Shape word_shape(std::string_view form);

enum class CaseRule : std::uint8_t {
  Any,          // written in lowercase in the dictionary: any case matches
  Capitalised,  // written with a capital: the text must be capitalised too
  Exact,        // from `alias!`: only this exact spelling
};

enum class PhraseType : std::uint8_t { Name, Adjective, Demonym, Capital, City, Agent };

struct Phrase {
  PhraseType type = PhraseType::Name;
  bool lemma_ok = false;  // agents and demonyms may match through a lemma ("officials" -> official)
  bool plural = false;    // a plural form (generated for agents, listed for demonyms)
  // A name with ordinary words in it ("ethnic Albanian guerrillas"): such a
  // description names the group only while the group is active.
  bool descriptive = false;
  std::uint16_t words = 0;
  // A name that may stand written in the wrong case ("President obama",
  // "help iSrael"): no acronym or `alias!` word in it, and a word of four
  // or more letters that is not an ordinary English word (the dictionary's
  // `common` list: "turkey", "bush" stay case-sensitive). A one-word name
  // must be such a word itself.
  bool miscase_ok = false;
  // Names that end in an office or body ("EU foreign ministers", "Arab
  // League secretary-general"): the agent of that ending, whose sectors
  // the mention takes; kNone for plain names.
  std::uint32_t tail_agent = 0xFFFFFFFFu;
  // People's names that start with a title ("President Suharto", "King
  // Hassan"): that title's agent, read as if it stood before the name.
  std::uint32_t lead_agent = 0xFFFFFFFFu;
  std::uint32_t target = 0;  // index into Impl::entities (Agent: into Impl::agents)
  std::uint32_t rules = 0;   // first of `words` entries in Impl::rules
};

struct WordRule {
  CaseRule rule = CaseRule::Any;
  // A capitalised word of four or more letters that is no ordinary English
  // word ("Obama", "Israel"; not "Bush", "States"): see Phrase::miscase_ok.
  bool distinctive = false;
  std::uint32_t exact = kNone;  // index into Impl::exact_forms for CaseRule::Exact
};

struct Entity {
  ActorKind kind = ActorKind::Country;
  std::string id, name;
  std::string code;     // actor code: ISO3, organisation/group code (KOS normalised to XKX)
  std::string country;  // ISO3 of the country, or where an organisation is based
  std::vector<ActorRole> roles;  // people, codes normalised
  // Per role: the Agent::group its title names ("President of Belarus" ->
  // the group of "president"), kNone when the title names none.
  std::vector<std::uint32_t> role_groups;
  DateRange active;              // organisations and groups
};

struct Agent {
  std::vector<std::string> sectors;
  std::string phrase;
  // An office one person holds ("president", "foreign minister"): found as
  // the head of some person's role title in the dictionary. Such agents
  // take a name after them ("President X") and corefer ("the president").
  bool person_title = false;
  // Names a person rather than a body ("analyst", "spokesman", "judge";
  // not "company", "newspaper"): a name after it is a person's.
  bool person_like = false;
  // A word that is also an adjective ("general", "official", "military"):
  // right before another noun it is a modifier, not an actor.
  bool adjective_like = false;
  // Phrases listed on one dictionary line are near-synonyms ("president |
  // head of state | leader"): the line's number, shared by all of them.
  std::uint32_t group = 0;
};

// Open-addressing map (node, word) -> child node of the token trie.
class EdgeTable {
 public:
  void reserve(std::size_t edges);
  // Returns the child, inserting `make()` when absent.
  template <typename Make>
  std::uint32_t get_or_add(std::uint32_t node, std::uint32_t word, Make&& make) {
    if ((size_ + 1) * 2 > keys_.size()) grow();
    std::uint64_t key = pack(node, word);
    std::size_t i = slot(key);
    while (keys_[i] != 0) {
      if (keys_[i] == key) return values_[i];
      i = (i + 1) & (keys_.size() - 1);
    }
    std::uint32_t child = make();
    keys_[i] = key;
    values_[i] = child;
    ++size_;
    return child;
  }
  std::uint32_t find(std::uint32_t node, std::uint32_t word) const {
    if (keys_.empty()) return kNone;
    std::uint64_t key = pack(node, word);
    std::size_t i = slot(key);
    while (keys_[i] != 0) {
      if (keys_[i] == key) return values_[i];
      i = (i + 1) & (keys_.size() - 1);
    }
    return kNone;
  }
  std::size_t size() const { return size_; }

 private:
  static std::uint64_t pack(std::uint32_t node, std::uint32_t word) {
    return (std::uint64_t(node) + 1) << 32 | word;  // never 0, the empty marker
  }
  std::size_t slot(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void grow();
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;
  std::size_t size_ = 0;
  int shift_ = 64;
};

// Folded word -> id, looked up once or twice per token: open addressing over
// a power-of-two table (a multiply and a shift per probe, no division).
class WordTable {
 public:
  std::uint32_t find(std::string_view word) const {
    if (slots_.empty()) return kNone;
    std::size_t i = slot(word);
    while (slots_[i] != 0) {
      std::uint32_t id = slots_[i] - 1;
      if (word == text(id)) return id;
      i = (i + 1) & (slots_.size() - 1);
    }
    return kNone;
  }
  // The word's id, adding it when new.
  std::uint32_t insert(std::string_view word);
  std::size_t size() const { return starts_.size(); }
  std::string_view text(std::uint32_t id) const {
    return std::string_view(chars_).substr(starts_[id], lengths_[id]);
  }

 private:
  std::size_t slot(std::string_view word) const {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (char c : word) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void rehash(std::size_t capacity);
  std::string chars_;
  std::vector<std::uint32_t> starts_, lengths_;
  std::vector<std::uint32_t> slots_;  // id + 1; 0 = empty
  int shift_ = 64;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using KeySet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace kestrel::actors_internal

namespace kestrel {

struct ActorMatcher::Impl {
  std::vector<actors_internal::Entity> entities;
  std::vector<actors_internal::Agent> agents;
  std::vector<actors_internal::Phrase> phrases;
  std::vector<actors_internal::WordRule> rules;
  std::vector<std::string> exact_forms;
  actors_internal::WordTable words;  // folded word -> id
  std::vector<std::uint32_t> word_classes;  // word id -> closed-class bits (matcher.cpp); shorter than `words`
  // Trie: node 0 is the root; a node's phrases are
  // phrase_index[node_phrases[node] .. node_phrases[node + 1]).
  actors_internal::EdgeTable edges;
  std::vector<std::uint32_t> node_phrases;
  std::vector<std::uint32_t> phrase_index;
  // Folded first words of people's names ("oleksandr"): an unknown
  // capitalised name starting with one is guessed to be a person.
  actors_internal::KeySet given_names;
  std::unordered_map<std::string, std::uint32_t> entity_by_id;
};

}  // namespace kestrel

namespace kestrel::actors_internal {

// What one sentence says about an actor span; resolve.cpp finishes it.
enum class Pending : std::uint8_t {
  None,             // fully resolved by its own words
  People,           // a person name: which person, and which role, depends on the date and the document
  Agent,            // a generic noun or title without a country ("the opposition", "the president")
  Pronoun,          // he, she, it, they...
  PossessiveAgent,  // "its troops", "their leaders": the pronoun's actor + the agent's sector
  Unknown,          // a capitalised name the dictionaries do not know
  Ethnic,           // "ethnic Albanians": a people living in a country the document names
  Pair,             // "the two countries", "both sides": the two actors the text is about (two mentions)
};

struct RawMention {
  ActorMention m;  // span, text, head, place, plural; code etc. when Pending::None
  Pending pending = Pending::None;
  std::vector<std::uint32_t> people;  // candidate person entities (Pending::People)
  std::uint32_t agent = kNone;        // the title or agent word's agent
  // Country (ISO3) or organisation code a modifier gave ("Russian President
  // X", "Kazakhstan President X", "the president of Armenia").
  std::string modifier_code;
  bool former = false;      // "former", "ousted", "ex-" before the title or name
  bool definite = false;    // "the president", "the Belarusian leader"
  bool adjectival = false;  // a country adjective alone ("Israeli air raids")
  std::string key;          // pronoun key; unknown names: folded words separated by spaces
  std::uint32_t tail_agent = kNone;  // the agent a name ends in (Phrase::tail_agent)
  std::string ethnic;                // Pending::Ethnic: the people's own country
  std::uint32_t title_group = kNone; // people: the Agent::group of the office they are named in
  bool weak = false;  // Pending::Unknown from a sentence's first word: kept only as a surname
  bool of_next_person = false;  // Pending::Agent "spokesman for <the next mention, a person>"
  // Pending::Pair: what the two are ("country", "government", "leader",
  // "side"); `agent` keeps the noun's agent, if it is one, for a fallback.
  std::string pair;
};

// Reads one sentence into `out` (cleared first). `day` (yyyymmdd, 0 =
// unknown) is the date the document is read at; `scratch` holds buffers
// reused across the sentences of one call.
struct SentenceScratch;
void match_sentence(const ActorMatcher::Impl& impl, const Document& doc, const Sentence& sentence, std::int32_t day,
                    SentenceScratch& scratch, std::vector<RawMention>& out);

// The document pass: turns each sentence's RawMentions into ActorMentions.
std::vector<std::vector<ActorMention>> resolve_document(const ActorMatcher::Impl& impl, const Document& doc,
                                                        const MatchOptions& options,
                                                        std::vector<std::vector<RawMention>>& raw);

// Code helpers shared by both halves.
bool is_sector_code(std::string_view s);
// `base` (country or organisation code) + `sector` unless the code already
// carries that segment.
std::string join_code(std::string_view base, std::string_view sector);
// ISO3 when the code starts with a country, else "".
std::string code_country(std::string_view code);
// First sector segment of the code, else "".
std::string code_sector(std::string_view code);
std::string_view kind_name(ActorKind kind);

}  // namespace kestrel::actors_internal
