// Kestrel actors stage: the actor and agent dictionaries, and matching actors
// in tokenized (ideally parsed) sentences.
//
// Takes: dictionary files in the `actors` format (docs/dictionaries.md), and
// Documents from the text stage (optionally annotated by the nlp stage).
// Gives: an immutable ActorDictionary (countries, people with dated roles,
// organisations, armed groups and agent phrases; bad lines are reported as
// file:line and skipped), an immutable ActorMatcher compiled from it, and per
// sentence the ActorMentions it finds, coded as in docs/codes.md.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "text/text.h"

namespace kestrel {

// Dates as yyyymmdd integers; an open end is 0 (from) or 99991231 (to).
struct DateRange {
  std::int32_t from = 0;
  std::int32_t to = 99991231;
  bool contains(std::int32_t day) const { return day >= from && day <= to; }
};

// "2023-02-28" -> 20230228; 0 if not a date.
std::int32_t date_to_day(std::string_view yyyy_mm_dd);

// Agency: a state body with a name of its own (a regulator, a central bank),
// coded with its country and sector (GBRGOV...).
enum class ActorKind : std::uint8_t { Country, Person, Igo, Ngo, Group, Agency };
std::string_view actor_kind_name(ActorKind kind);

struct ActorName {
  std::string text;
  bool exact_case = false;  // written with `alias!`: only this capitalisation matches
  DateRange when;           // `former` names carry the period they were used
};

struct ActorRole {
  std::string code;  // CAMEO-style actor code, e.g. BLRGOV
  DateRange when;
  std::string title;
};

struct ActorEntry {
  ActorKind kind = ActorKind::Country;
  std::string id;    // ISO3 for countries, organisation code, or person id
  std::string name;  // canonical name
  std::vector<ActorName> names;  // canonical name first, then aliases and former names
  // Countries
  std::vector<std::string> adjectives, demonyms, capitals, seats, cities;
  // People
  std::vector<ActorRole> roles;
  std::int32_t born = 0;
  // Organisations and groups
  std::string country;  // ISO3 where based, if known
  DateRange active;
  std::vector<std::string> members;
  // Where it was defined, for messages.
  std::string file;
  std::uint32_t line = 0;
};

struct AgentEntry {
  std::vector<std::string> sectors;  // e.g. {"GOV", "MIL"}
  std::string phrase;                // lowercase, singular
  std::string file;
  std::uint32_t line = 0;
};

struct ActorCounts {
  std::size_t countries = 0, people = 0, igos = 0, ngos = 0, groups = 0, agencies = 0, agent_phrases = 0, names = 0,
              roles = 0;
};

class ActorDictionary {
 public:
  // Loads the given files (all must be `%kestrel-dict actors 1`). A file with
  // a wrong header is refused whole; bad lines are reported and skipped.
  static std::unique_ptr<ActorDictionary> load(const std::vector<std::string>& paths, Diagnostics& diag);
  // Every *.txt under the shipped data/actors directory.
  static std::vector<std::string> default_files();

  const std::vector<ActorEntry>& entries() const { return entries_; }
  const std::vector<AgentEntry>& agents() const { return agents_; }
  // Words of names that are also ordinary English words (`common` lines,
  // lowercase): a name made of them matches only in its written case.
  const std::vector<std::string>& common_words() const { return common_words_; }
  ActorCounts counts() const;
  const ActorEntry* find(std::string_view id) const;

 private:
  std::vector<ActorEntry> entries_;
  std::vector<AgentEntry> agents_;
  std::vector<std::string> common_words_;
};

// ---------------------------------------------------------------------------
// Matching: ActorMatcher finds actors in a document's sentences; the event
// coder consumes what it gives (docs/codes.md documents the codes).

// One actor found in a sentence: a span of words resolved (or not) to a code.
struct ActorMention {
  std::uint32_t first = 0;  // word indices into Sentence::tokens, inclusive
  std::uint32_t last = 0;
  // The word the mention hangs on: the span's syntactic head when the
  // sentence is parsed, else its last word (before a possessive 's).
  std::uint32_t head = 0;
  std::uint32_t start = 0;  // byte span in Document::text
  std::uint32_t end = 0;
  std::string text;         // surface text of the span
  std::string code;         // full CAMEO-style code, e.g. "BLRGOV", "IGOEUREEC"; empty if unresolved
  std::string country;      // ISO3 ("XKX" for Kosovo), or empty (IGOs, unknown)
  std::string sector;       // primary sector code ("GOV") or empty
  std::string entity;       // dictionary id of the named entity (person, organisation, group, country), or empty
  std::string entity_name;  // its canonical name (for unresolved names: the name as written)
  // "state", "person", "igo", "ngo", "armed_group", "agency" (a state body
  // with a name of its own: "the Financial Services Authority"), "agent" (a generic noun
  // or title: "Russian troops", "the opposition"; also an unknown name with
  // such a noun: "the oil company Yukos"), "unresolved" (a proper name the
  // dictionaries do not know; `guess` says what it looks like).
  std::string kind;
  // How the code was decided: "dictionary" (the span's own words),
  // "coreference" (an earlier mention: pronoun, surname, "the president"),
  // "context" (the document's dominant country: "the opposition"), or
  // "none" (unresolved).
  std::string resolved_by;
  // For names no dictionary knows: "person", "organization", "location" or
  // "unknown"; empty otherwise.
  std::string guess;
  // A location rather than an actor ("in Beijing", "talks in Minsk"): it
  // carries the country but should not fill an event's source or target.
  bool place = false;
  bool plural = false;      // "officials", "they": used to resolve "they"
  bool coreferent = false;  // resolved through coreference (pronoun, title, surname)
  std::uint32_t antecedent_sentence = 0;  // where the coreferent actor was named
};

struct MatchOptions {
  // Publication date (YYYY-MM-DD) deciding which role a person holds; empty
  // = Document::date; when both are empty, the office a person held longest.
  std::string date;
  // Resolve pronouns, titles and surnames to earlier actors of the document.
  bool coreference = true;
  // Give bare agents ("the opposition", "officials") the document's
  // dominant country.
  bool context = true;
  // Report capitalised names the dictionaries do not know (kind "unresolved").
  bool unresolved = true;
};

// The actor dictionaries compiled into a frozen matcher.
//
// Lifecycle: ActorDictionary::load -> ActorMatcher::build (compiles every
// name, adjective, capital, city and agent phrase into a token trie; the
// matcher keeps its own copy of what it needs, so the dictionary may be
// destroyed afterwards) -> match() const. A built matcher is never modified:
// it is thread-safe and one instance may serve any number of threads at once.
// Not copyable; hold it in the unique_ptr build() returns.
//
// Matching reads each token's form, and its lemma, UPOS, head and relation
// when the nlp stage has filled them (better plurals, "in Beijing" told from
// "Beijing said" by the tree); without them it falls back on light rules
// (plural suffixes, a preceding preposition).
class ActorMatcher {
 public:
  // Compiles `dict`. Phrases the matcher cannot use (empty after
  // normalisation) are reported to `diag` when given.
  static std::unique_ptr<ActorMatcher> build(const ActorDictionary& dict, Diagnostics* diag = nullptr);
  // Loads the shipped data/actors/*.txt and compiles them. Dictionary
  // problems go to `diag`; nullptr (with a message in `error`) when no
  // dictionary file is found.
  static std::unique_ptr<ActorMatcher> load_default(Diagnostics& diag, std::string& error);

  ~ActorMatcher();
  ActorMatcher(const ActorMatcher&) = delete;
  ActorMatcher& operator=(const ActorMatcher&) = delete;

  // Actors of every sentence: result[i] belongs to doc.sentences[i], in text
  // order. Sentences of every kind (captions too) are matched; the event
  // coder decides which it codes.
  std::vector<std::vector<ActorMention>> match(const Document& doc, const MatchOptions& options = {}) const;

  // Sizes of the compiled form, for messages and benchmarks.
  struct Stats {
    std::size_t phrases = 0, trie_nodes = 0, words = 0;
  };
  Stats stats() const;

  struct Impl;  // opaque (matcher_internal.h)

 private:
  ActorMatcher();
  std::unique_ptr<Impl> impl_;
};

// "KOS..." (the code PLOVER and older data use for Kosovo) -> "XKX..."; any
// other code unchanged.
std::string canonical_actor_code(std::string_view code);

// The PLOVER sector a CAMEO-style sector segment corresponds to (PLOVER
// manual, "Sector Codes"): MED (media) -> JRN, HLH (health) -> MED, INS and
// SEP -> REB, IDP -> REF, HRI/ENV/DEV -> SOC, PPL -> CVL; codes both
// schemes share map to themselves; "" for segments PLOVER has no sector for
// (MOD, RAD, organisation tags).
std::string_view plover_sector(std::string_view cameo_sector);

// ---------------------------------------------------------------------------
// Evaluation against human-coded actors (PLOVER gold JSONL: "text", "date",
// and "source"/"target" lists of {actorText, code, sector}).

struct ActorEvalOptions {
  // Called on each record's document after tokenization, before matching:
  // the caller's tagger and parser (nlp stage). Empty = tokens only.
  std::function<void(Document&)> annotate;
  // Print one line per missed gold actor to this stream when set.
  std::ostream* misses = nullptr;
};

struct ActorEvalResult {
  std::size_t records = 0;
  std::size_t gold_actors = 0;      // every source/target actor
  std::size_t located = 0;          // whose text was found in the record's text
  // The mention covering most of the gold text (its first piece first, for
  // "U.S. ... negotiators") starts with the gold's country or IGO/NGO/IMG
  // code. KOS reads as XKX, and the gold's non-ISO JAP, ITL and VTN as JPN,
  // ITA and VNM.
  std::size_t country_correct = 0;
  std::size_t with_sector = 0;      // gold actors that give a sector ("***" = none)
  // ...and that mention's code carries the gold's PLOVER sector
  // (plover_sector() of any of its segments).
  std::size_t sector_correct = 0;
  std::size_t bad_lines = 0;
  double country_accuracy() const { return gold_actors ? double(country_correct) / gold_actors : 0; }
  double sector_accuracy() const { return with_sector ? double(sector_correct) / with_sector : 0; }
};

// Scores `matcher` on a gold file; false (and `error`) if it cannot be read.
// Malformed lines are counted in bad_lines and reported to `diag`.
bool evaluate_actors(const std::string& gold_path, const ActorMatcher& matcher, const ActorEvalOptions& options,
                     ActorEvalResult& result, Diagnostics& diag, std::string& error);

// True for CAMEO-style codes: 3-letter segments of A-Z (the first may be "---").
bool is_valid_actor_code(std::string_view code);

}  // namespace kestrel
