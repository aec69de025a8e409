// Compiled form of the event patterns, shared by the loader and the coder
// (internal to the events stage).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/events.h"

namespace kestrel::events_internal {

inline constexpr std::uint32_t kNoId = 0xFFFFFFFFu;

// One alternative of a word or trigger, as lexicon ids.
struct Alt {
  std::uint32_t head = kNoId;         // the word a token must carry: first part of "carry_out",
                                      // the whole of "cease-fire"
  std::vector<std::uint32_t> parts;   // "carry_out" -> carry, out; "cease-fire" -> cease, fire
  bool particle = false;              // written with '_': later parts are dependents nearby
  bool hyphen = false;                // written with '-': may also be split into tokens
};

enum class SlotRole : std::uint8_t {
  None,          // the pattern has no such slot
  Subject,       // before the predicate: subject (agent of a nominal trigger)
  Object,        // right after a verb: object (nsubj:pass in the passive)
  Oblique,       // after a preposition
  Possessor,     // followed by 's
  BetweenFirst,  // between SLOT and ...
  BetweenSecond, // between ... and SLOT
  ClauseSubject, // after "that": the subject of the clause it introduces
};

struct Slot {
  SlotRole role = SlotRole::None;
  std::vector<std::uint32_t> preps;  // Oblique: accepted prepositions
  int of_word = -1;                  // Object/Possessor: index into words, -1 = the trigger
};

struct Word {
  std::vector<Alt> alts;
  bool before_trigger = false;
  bool light = false;  // a list of support verbs before a nominal trigger ("carry_out|launch|stage")
};

struct Compiled {
  std::vector<Alt> trigger;
  bool noun = false;
  std::vector<Word> words;  // words to find in the predicate's phrase (slot prepositions excluded)
  Slot source, target;
  int specificity = 0;      // words + slot prepositions: "the most matched words wins"
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

}  // namespace kestrel::events_internal

namespace kestrel {

struct EventPatterns::Index {
  std::unordered_map<std::string, std::uint32_t, events_internal::StringHash, std::equal_to<>> lexicon;
  std::vector<std::vector<std::uint32_t>> by_trigger;  // lexicon id -> pattern indices
  std::vector<events_internal::Compiled> compiled;     // parallel to patterns_
  std::vector<std::uint8_t> violent;  // lexicon id -> noun trigger of an assault pattern (18-20)

  std::uint32_t id(std::string_view word) const {
    auto it = lexicon.find(word);
    return it == lexicon.end() ? events_internal::kNoId : it->second;
  }
  std::uint32_t intern(std::string_view word) {
    auto it = lexicon.find(word);
    if (it != lexicon.end()) return it->second;
    auto id = static_cast<std::uint32_t>(lexicon.size());
    lexicon.emplace(std::string(word), id);
    by_trigger.emplace_back();
    return id;
  }
};

}  // namespace kestrel
