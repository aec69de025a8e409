// Kestrel events stage: who did what to whom, coded in CAMEO and PLOVER.
//
// Takes: parsed sentences (UD trees from the nlp stage or from CoNLL-U) and,
// per sentence, the ActorMentions the actor matcher found in it.
// Gives: Events, each with its CAMEO code, Goldstein value, quad class and
// PLOVER event/mode/context, a source and a target actor, negation and
// modality, and the evidence it was coded from (sentence, byte span, trigger
// word, the pattern that fired and where that pattern was written).
//
// Lifecycle, as for every Kestrel dictionary: load (bad lines are reported as
// file:line and skipped) -> compile -> a frozen, immutable matcher. A loaded
// CameoOntology, EventPatterns or EventCoder is never modified again: every
// method is const and one object may serve any number of threads at once.
// Per-call scratch space lives on the calling thread. None of them is
// copyable; hold them in the unique_ptr the loaders return.
//
// How the coder reads a sentence (details and examples: docs/events.md):
//  * every word whose lemma is a pattern trigger is a candidate predicate;
//  * its arguments come from the tree: nsubj, obj, iobj, obl + case, passive
//    nsubj:pass + obl:agent "by", subjects and objects handed down xcomp,
//    conj and advcl chains and up from acl/acl:relcl, light verbs before
//    nominal triggers ("launch an attack on");
//  * the pattern with the most matched words wins (ties: the longer CAMEO
//    code, then the earlier pattern); a winning `---` discard codes nothing;
//  * statements and declared intentions that wrap another coded event give
//    way to it ("said it had attacked", "pledged to expel"); appeals,
//    demands and accusations keep their content clause to themselves;
//  * negated predicates code nothing, except cooperative ones, which become
//    CAMEO's matching rejection (12x) with negated = true;
//  * an event needs a source actor; coordinated actors give one event per
//    source-target pair;
//  * sentences whose kind is not codable (captions, bullets, bylines,
//    datelines) are never coded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "actors/actors.h"
#include "base/diagnostics.h"
#include "text/text.h"

namespace kestrel {

// ---------------------------------------------------------------------------
// The CAMEO ontology (data/events/cameo.tsv, header `%kestrel-dict cameo 1`)

struct CameoCode {
  std::string code;  // "0312"
  double goldstein = 0;
  int quad_class = 0;          // 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
  std::string plover_event;    // 2021 names ("AGREE", "COERCE"); empty where PLOVER has none (01, 02)
  std::string plover_mode;     // empty if none
  std::string plover_context;  // empty if none; several joined with ';'
  std::string label;
  std::string file;
  std::uint32_t line = 0;
};

class CameoOntology {
 public:
  // Refuses a file whose first line is not the cameo header (nullptr, with a
  // message); bad lines are reported and skipped.
  static std::unique_ptr<CameoOntology> load(const std::string& path, Diagnostics& diag);
  static std::unique_ptr<CameoOntology> from_text(std::string_view text, const std::string& name,
                                                  Diagnostics& diag);
  // data/events/cameo.tsv, found with find_data_file(); empty if absent.
  static std::string default_file();

  // The code's own line, or nullptr.
  const CameoCode* find(std::string_view code) const;
  // The code's own line, else its nearest listed parent ("0874" -> "087" ->
  // "08"): the CAMEO->PLOVER table gives unlisted codes their parent's mapping.
  const CameoCode* lookup(std::string_view code) const;
  std::size_t size() const { return codes_.size(); }
  const std::vector<CameoCode>& codes() const { return codes_; }

 private:
  std::vector<CameoCode> codes_;  // sorted by code
};

// True for 2-4 digit CAMEO codes ("01", "042", "0312").
bool is_cameo_code(std::string_view code);

// ---------------------------------------------------------------------------
// Event patterns (data/events/patterns-*.txt, header `%kestrel-dict events 1`)

// One compiled pattern line. Elements keep the order they were written in.
struct PatternElement {
  enum class Kind : std::uint8_t { Trigger, Word, Source, Target, Possessive, Star, And };
  Kind kind = Kind::Word;
  // Word and Trigger: alternatives, each a lemma that may be a multi-word unit
  // ("carry_out", split at '_') or hyphenated ("cease-fire").
  std::vector<std::string> alternatives;
  bool noun = false;  // Trigger written [lemma/n]
};

struct EventPattern {
  std::string code;      // CAMEO code; empty for a `---` discard
  std::string text;      // the pattern as written (after the code)
  std::string file;
  std::uint32_t line = 0;
  std::vector<PatternElement> elements;
  std::uint32_t trigger = 0;  // index of the Trigger element
  bool discard() const { return code.empty(); }
};

class EventPatterns {
 public:
  // Loads pattern files in order. A file with a wrong header is refused whole
  // (reported); a bad line (no or two triggers, unknown code, bad token) is
  // reported as file:line and skipped. With an ontology, codes it does not
  // list are refused too.
  static std::unique_ptr<EventPatterns> load(const std::vector<std::string>& paths,
                                             const CameoOntology* ontology, Diagnostics& diag);
  // One "file" from memory (tests, the server); `name` is used in messages.
  static std::unique_ptr<EventPatterns> from_text(std::string_view text, const std::string& name,
                                                  const CameoOntology* ontology, Diagnostics& diag);
  // Every patterns-*.txt under the shipped data/events, sorted.
  static std::vector<std::string> default_files();

  std::size_t size() const { return patterns_.size(); }
  const EventPattern& pattern(std::uint32_t i) const { return patterns_[i]; }
  // Patterns whose trigger can be a word with this (lowercase) lemma.
  std::span<const std::uint32_t> by_trigger(std::string_view lemma) const;
  std::size_t trigger_count() const;

  ~EventPatterns();
  EventPatterns(const EventPatterns&) = delete;
  EventPatterns& operator=(const EventPatterns&) = delete;

  struct Index;  // opaque (patterns.cpp)
  const Index& index() const { return *index_; }

 private:
  EventPatterns();
  void build_index();
  std::vector<EventPattern> patterns_;
  std::unique_ptr<Index> index_;
};

// ---------------------------------------------------------------------------
// Coded events

enum class Modality : std::uint8_t {
  Asserted,     // happened / is happening
  Future,       // "will hold", "is expected to sign", "is scheduled to attend"
  Intended,     // "plans to", "wants to", "pledged to", "agreed to"
  Possible,     // "can help", "may allow", "could"
  Obligation,   // "must", "should"
  Conditional,  // inside an "if"/"unless" clause
};
std::string_view modality_name(Modality m);

struct EventActor {
  std::string text;     // surface text of the mention
  std::string code;     // full actor code ("BLRGOV"); never empty
  std::string country;  // ISO3, or empty (IGOs, unknown)
  std::string sector;
  std::string entity;   // dictionary id of the named entity, or empty
  std::string kind;     // "country", "person", "igo", "agent", ... (ActorMention::kind)
  std::uint32_t first = 0, last = 0;  // word indices of the mention in the sentence
  std::uint32_t start = 0, end = 0;   // its byte span in Document::text
  bool coreferent = false;  // resolved through coreference (matcher or "X said it ...")
  std::string resolved_by;  // ActorMention::resolved_by: dictionary, coreference, context, none;
                            // "location": an unidentified force placed where its violence happened
  // How the slot was filled: "subject", "object", "agent" (by-phrase,
  // possessor), "oblique" (a preposition), "inferred" (found in the
  // predicate's complement; the pattern had no target slot), "location"
  // (the place of a protest, show of force or attack), "coordinated"
  // (the other member of a coordinated subject: "X and Y met").
  std::string role;
};

struct Event {
  std::uint32_t sentence = 0;  // index into Document::sentences
  std::string cameo;
  double goldstein = 0;
  int quad_class = 0;
  std::string plover_event, plover_mode, plover_context;
  std::optional<EventActor> source, target;
  bool negated = false;  // coded from a negated predicate (as a rejection)
  Modality modality = Modality::Asserted;
  // Evidence: byte span in Document::text covering trigger, matched words and
  // actors; the trigger word's span and index.
  std::uint32_t start = 0, end = 0;
  std::uint32_t trigger_start = 0, trigger_end = 0;
  std::uint32_t trigger_token = 0;
  std::vector<std::uint32_t> matched_tokens;  // trigger and matched pattern words
  std::uint32_t pattern = 0;  // index into EventPatterns
  std::string pattern_code;   // code the pattern gave (before a negation recode)
  std::string note;           // how it was derived, for explanations ("passive", "negated: 070 -> 122")
};

struct CodingOptions {
  // Keep negated events that have no rejection code, marked negated = true
  // (with their original code). Off: "did not attack" codes nothing.
  bool keep_negated = false;
  // Code sentences whose kind is not codable (captions, bylines, datelines).
  bool code_non_body = false;
  // An event needs a source actor; and one of its actors must be more than a
  // bare agent phrase (a country, organisation or named entity).
  bool require_source = true;
  // Fill a pattern's missing target from the predicate's complement
  // ("expressed appreciation for China's assistance").
  bool infer_targets = true;
  // Code a public statement (CAMEO 01) only when someone is addressed or
  // talked about: "X issued a statement" alone says nothing of whom.
  bool require_statement_target = true;
};

class EventCoder {
 public:
  // Takes ownership of a loaded ontology and pattern set.
  EventCoder(std::unique_ptr<CameoOntology> ontology, std::unique_ptr<EventPatterns> patterns,
             CodingOptions options = {});
  // The shipped data/events files. Problems are reported to `diag`; nullptr
  // when the ontology or every pattern file is missing.
  static std::unique_ptr<EventCoder> load_default(Diagnostics& diag, CodingOptions options = {});
  ~EventCoder();
  EventCoder(const EventCoder&) = delete;
  EventCoder& operator=(const EventCoder&) = delete;

  // Codes one sentence of `doc` (which must be parsed: heads and relations;
  // an unparsed sentence codes nothing). `mentions` are the actors found in
  // that sentence (ActorMention word indices refer to its tokens). Appends
  // to `out`.
  void code_sentence(const Document& doc, std::uint32_t sentence, std::span<const ActorMention> mentions,
                     std::vector<Event>& out) const;
  // Every sentence; mentions[i] belongs to sentence i (missing = none).
  std::vector<Event> code_document(const Document& doc,
                                   const std::vector<std::vector<ActorMention>>& mentions) const;

  const CameoOntology& ontology() const { return *ontology_; }
  const EventPatterns& patterns() const { return *patterns_; }
  const CodingOptions& options() const { return options_; }

 private:
  std::unique_ptr<CameoOntology> ontology_;
  std::unique_ptr<EventPatterns> patterns_;
  CodingOptions options_;
};

// The CAMEO rejection code a negated cooperative code becomes ("070" ->
// "122", "036" -> "125"), or empty when a negation codes nothing.
std::string rejection_code(std::string_view code);
// The CAMEO code for a declared intention to do `code` ("072" -> "0332"
// express intent to provide military aid, "190" -> "1384" threaten a
// conventional attack), or empty when CAMEO has none.
std::string intent_code(std::string_view code);

// ---------------------------------------------------------------------------
// Output

// One JSON object (no newline) with the fields of `kestrel code --format
// jsonl`: doc_id, sentence, date, cameo, plover {event, mode, context},
// goldstein, quad_class, source, target ({text, code, country, sector,
// entity, kind} or null), negated, modality, evidence {text, start, end,
// trigger {text, start, end}}, pattern {code, text, file, line}, sentence_text.
std::string event_to_json(const Document& doc, const Event& event, const EventPatterns& patterns);
// The same record as a JSON value, for callers that add fields (the document
// layer's event date and place: doc/doc.h).
nlohmann::json event_json(const Document& doc, const Event& event, const EventPatterns& patterns);

// A few readable lines explaining one event (for `--format text`).
std::string explain_event(const Document& doc, const Event& event, const EventPatterns& patterns);

}  // namespace kestrel
