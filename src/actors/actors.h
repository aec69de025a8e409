// Kestrel actors stage: the actor and agent dictionaries, and (as it lands)
// matching actors in parsed sentences.
//
// Takes: dictionary files in the `actors` format (docs/dictionaries.md).
// Gives: an immutable ActorDictionary: countries, people with dated roles,
// organisations, armed groups and agent phrases. Bad lines are reported as
// file:line and skipped; the rest of the file still loads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace kestrel {

// Dates as yyyymmdd integers; an open end is 0 (from) or 99991231 (to).
struct DateRange {
  std::int32_t from = 0;
  std::int32_t to = 99991231;
  bool contains(std::int32_t day) const { return day >= from && day <= to; }
};

// "2023-02-28" -> 20230228; 0 if not a date.
std::int32_t date_to_day(std::string_view yyyy_mm_dd);

enum class ActorKind : std::uint8_t { Country, Person, Igo, Ngo, Group };
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
  std::size_t countries = 0, people = 0, igos = 0, ngos = 0, groups = 0, agent_phrases = 0, names = 0,
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
  ActorCounts counts() const;
  const ActorEntry* find(std::string_view id) const;

 private:
  std::vector<ActorEntry> entries_;
  std::vector<AgentEntry> agents_;
};

// ---------------------------------------------------------------------------
// Matching (filled in by the actor matcher; consumed by the event coder)

// One actor found in a sentence: a span of words resolved (or not) to a code.
struct ActorMention {
  std::uint32_t first = 0;  // word indices into Sentence::tokens, inclusive
  std::uint32_t last = 0;
  std::uint32_t head = 0;   // the word the mention hangs on in the parse (its syntactic head)
  std::string text;         // surface text of the span
  std::string code;         // full CAMEO-style code, e.g. "BLRGOV", "IGOEUREEC"; empty if unresolved
  std::string country;      // ISO3 or empty (IGOs, unknown)
  std::string sector;       // primary sector code ("GOV") or empty
  std::string entity;       // dictionary id of a named entity (person/org/group/country), or empty
  std::string kind;         // "country", "person", "igo", "ngo", "group", "agent", "pronoun", "unresolved"
  bool coreferent = false;  // resolved through coreference (pronoun, title, surname)
  std::uint32_t antecedent_sentence = 0;  // where the coreferent actor was named
};

// True for CAMEO-style codes: 3-letter segments of A-Z (the first may be "---").
bool is_valid_actor_code(std::string_view code);

}  // namespace kestrel
