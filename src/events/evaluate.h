// Scoring the event coder against gold event data (`kestrel eval events`).
//
// Two gold formats:
//  * PETRARCH validation XML (PETR2_GSR_validation.xml): sentences with
//    CoNLL-U parses and expected CAMEO codings. A coding counts when the
//    CAMEO root and the source and target countries (first three letters of
//    the actor codes, "---" when there is none) match. Sentences marked
//    noevents="True" expect nothing, so whatever is coded there counts
//    against precision.
//  * PLOVER gold JSONL (plover-gsr-dev.jsonl): raw sentences coded with
//    2016 PLOVER names, mapped here to 2021 (DEMAND->REQUEST, DISAPPROVE and
//    INVESTIGATE->ACCUSE, FIGHT->ASSAULT; SANCTION also accepts CAMEO 163,
//    which 2021 moved to COERCE, and CONCEDE accepts 0813/0814, easing a
//    curfew or a state of emergency, which 2021 moved to RETREAT). The text goes through our own tokenizer
//    and, when a model is given, our parser. The gold's few pre-ISO country
//    codes (JAP, VTN, ITL) are read as JPN, VNM, ITA.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "events/events.h"

namespace kestrel {

// Finds the actors of every sentence of a parsed document (mentions[i] for
// sentence i). The CLI passes the actor matcher; tests may pass their own.
using MentionFinder = std::function<std::vector<std::vector<ActorMention>>(const Document&)>;
// Tags and parses a prepared document in place (the CLI passes NlpModel).
using DocumentAnnotator = std::function<void(Document&)>;

struct GoldCoding {
  std::string cameo;   // PETR2: CAMEO code; PLOVER: 2021 event name
  std::vector<std::string> sources, targets;  // actor codes ("USAGOV", "---", ...)
};

struct GoldSentence {
  std::string id;
  std::string category;  // PETR2 category attribute, PLOVER gold event name
  std::string date;      // YYYY-MM-DD when known
  std::string text;
  std::string conllu;    // PETR2 parse (CoNLL-U), empty for PLOVER
  bool noevents = false;
  std::vector<GoldCoding> codings;
};

// Reads PETRARCH validation XML. Records without a usable parse are
// reported (name:line) and kept with an empty parse (they score as misses).
std::vector<GoldSentence> read_petr2_validation(std::string_view xml, const std::string& name, Diagnostics& diag);
// Reads PLOVER gold JSONL; bad lines are reported as name:line and skipped.
std::vector<GoldSentence> read_plover_gold(std::string_view jsonl, const std::string& name, Diagnostics& diag);

// The 2021 PLOVER event a 2016 gold name stands for.
std::string plover_2016_to_2021(std::string_view event);

struct EventScore {
  std::size_t gold = 0;       // gold codings (PETR2) or gold sentences (PLOVER)
  std::size_t predicted = 0;  // events coded
  std::size_t type = 0, type_source = 0, type_source_target = 0;  // gold items recovered at each level
  std::size_t correct = 0;    // predicted events that match a gold item (full level for PETR2, type for PLOVER)
  double recall_type() const { return gold ? double(type) / double(gold) : 0; }
  double recall_source() const { return gold ? double(type_source) / double(gold) : 0; }
  double recall_full() const { return gold ? double(type_source_target) / double(gold) : 0; }
  double precision() const { return predicted ? double(correct) / double(predicted) : 0; }
};

struct EventEvaluation {
  std::string format;  // "petr2" or "plover"
  EventScore total;
  std::map<std::string, EventScore> by_category;
  std::vector<std::string> misses, false_positives;  // one readable line each
  std::size_t sentences = 0, unparsed = 0;
};

// Scores the coder on PETR2 records (their own parses are used).
EventEvaluation evaluate_petr2(const std::vector<GoldSentence>& gold, const EventCoder& coder,
                               const MentionFinder& finder);
// Scores the coder on PLOVER records: text -> prepare_document ->
// annotate -> finder -> coder.
EventEvaluation evaluate_plover(const std::vector<GoldSentence>& gold, const EventCoder& coder,
                                const DocumentAnnotator& annotate, const MentionFinder& finder);

// Figures, the per-category table, then misses and false positives.
void print_evaluation(std::ostream& out, const EventEvaluation& e, bool list_errors = true);

}  // namespace kestrel
