// Kestrel store stage: coded documents and events in an embedded SQLite
// database, for querying, statistics and export.
//
// Takes: a Document (text stage; its sentences, and its parse when the nlp
// stage ran) and what the later stages found in it, as plain records
// (DocumentRecords): actor mentions, events with their evidence, places and
// quotes. store/convert.cpp builds those records from the events and
// document stages' own types.
// Gives: one SQLite file (schema in docs/schema.md) holding documents keyed by
// content, their sentences and parses, actor mentions and entities, every
// coded event mention with its evidence, and deduplicated events with
// GDELT-style counts (NumMentions, NumArticles, NumSources); and reading it
// back: filtered queries (query.cpp), grouped counts (stats) and exports
// (GDELT 2.0 TSV, PLOVER JSONL, CSV, CoNLL-U; export.cpp).
//
// Durability: the file is in WAL mode; documents are written in batches, one
// transaction per batch, so a process killed at any moment keeps every batch
// it committed and nothing of the batch it was writing. Each document is
// added whole or not at all. Re-running over the same input changes nothing:
// a document whose (content hash, URL) is already stored is skipped unless
// the store was opened with `recode`, which replaces its rows.
//
// Usage and threads: one EventStore per process writes a file (SQLite locks
// the file against a second writer; it waits `busy_timeout_ms`, then fails
// with a message). add(), commit() and the readers must be called from one
// thread at a time; contains() may be called from any number of threads
// while no add() or commit() runs (it takes its own lock), so pipeline
// workers can skip documents that are already stored before coding them.
// Not copyable; hold it in the unique_ptr open() returns.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "text/text.h"

namespace kestrel {

// ---------------------------------------------------------------------------
// What is stored per document (plain records, independent of the coder's own
// types so the store can be written and read without loading any model).

struct StoredActor {
  std::string text;     // surface text of the mention
  std::string code;     // full actor code ("BLRGOV"); never empty for a stored actor
  std::string country;  // ISO3 or empty
  std::string sector;   // primary sector or empty
  std::string entity;   // dictionary id of the named entity, or empty
  std::string name;     // the entity's canonical name, or empty
  std::string kind;     // "state", "person", "igo", "agent", ...
  std::string role;     // how the slot was filled ("subject", "object", ...)
  std::uint32_t start = 0, end = 0;  // byte span in Document::text
  bool coreferent = false;
};

// A gazetteer place as the document layer resolved it.
struct StoredPlace {
  std::uint32_t geonames_id = 0;  // 0 for places outside GeoNames
  std::string name;
  std::string country;  // ISO3
  std::string admin1;
  std::string feature;  // GeoNames feature code
  std::string kind;     // "country", "admin1", "region", "city", "landmark"
  int level = 0;        // PLOVER resolution: 1 country ... 5 landmark
  std::optional<double> lat, lon;
  std::uint32_t population = 0;
};

struct EventRecord {
  std::uint32_t sentence = 0;  // index into Document::sentences
  std::string cameo;
  double goldstein = 0;
  int quad_class = 0;
  std::string plover_event, plover_mode, plover_context;
  std::optional<StoredActor> source, target;
  bool negated = false;
  std::string modality = "asserted";
  // Evidence, as byte spans in Document::text.
  std::uint32_t start = 0, end = 0;
  std::uint32_t trigger_start = 0, trigger_end = 0;
  std::uint32_t trigger_token = 0;
  // The pattern that fired.
  std::string pattern_code, pattern_text, pattern_file;
  std::uint32_t pattern_line = 0;
  std::string note;
  // From the document layer. An empty date means the document's date.
  std::string date;  // YYYY-MM-DD, YYYY-MM or YYYY
  std::string date_resolution, date_origin;
  std::optional<StoredPlace> location;
  std::string location_origin;  // "sentence", "dateline" or empty
};

struct ActorMentionRecord {
  std::uint32_t sentence = 0;
  std::uint32_t first = 0, last = 0, head = 0;  // word indices in the sentence
  std::uint32_t start = 0, end = 0;
  std::string text, code, country, sector, entity, entity_name, kind, resolved_by, guess;
  bool place = false, coreferent = false;
  std::uint32_t antecedent_sentence = 0;
};

struct PlaceMentionRecord {
  std::uint32_t sentence = 0;
  std::uint32_t first = 0, last = 0;
  std::uint32_t start = 0, end = 0;
  std::string text;
  StoredPlace place;
  double score = 0;
  std::uint32_t candidates = 0;
  bool locative = false, dateline = false;
};

struct QuoteRecord {
  std::string kind;  // "direct" or "indirect"
  std::uint32_t start = 0, end = 0;
  std::uint32_t first_sentence = 0, last_sentence = 0;
  std::string text, verb;
  std::string speaker_text, speaker_name, speaker_code, speaker_entity, speaker_link;
  std::uint32_t speaker_sentence = 0, speaker_start = 0, speaker_end = 0;
};

// "Nezavisimaya Gazeta writes, citing Rador": who the document relays.
struct AttributionRecord {
  std::uint32_t sentence = 0;
  std::uint32_t start = 0, end = 0;
  std::string source, cites, verb;
};

struct DocumentRecords {
  std::vector<ActorMentionRecord> actors;
  std::vector<EventRecord> events;
  std::vector<PlaceMentionRecord> places;
  std::vector<QuoteRecord> quotes;
  std::vector<AttributionRecord> attributions;
};

// Which coder produced the events: stored once per distinct combination and
// referenced by every document and event mention it coded.
struct CoderInfo {
  std::string kestrel_version;
  std::string model_checksum;      // of the nlp model file, "" when none was used
  std::string dictionary_version;  // digest of every actor and event dictionary file
};

// Digest of files' names and bytes (SHA-256, first 16 hex digits), as the
// dictionary version; missing files count as empty. Sorted by name first, so
// the order they are given in does not matter.
std::string files_digest(std::vector<std::string> paths);
// A Kestrel model file's own payload checksum (hex), else the file's
// SHA-256; empty if it cannot be read.
std::string model_checksum(const std::string& path);
// SHA-256 of bytes, 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// ---------------------------------------------------------------------------
// The store

struct StoreOptions {
  bool read_only = false;  // query and export; fails if the file does not exist
  // Replace the rows of documents already stored instead of skipping them.
  bool recode = false;
  // Events of the same source, target, CAMEO code and negation whose dates
  // are at most this many days apart are one event (mentions of it).
  int dedup_window_days = 1;
  // A batch (one transaction) ends after this many documents or seconds.
  std::size_t batch_documents = 256;
  double batch_seconds = 2.0;
  // Keep each document's CoNLL-U (zstd-compressed) for `export --format conllu`.
  bool store_parses = true;
  int busy_timeout_ms = 10000;
};

enum class AddOutcome : std::uint8_t { Stored, AlreadyStored, Recoded };

struct AddResult {
  AddOutcome outcome = AddOutcome::Stored;
  std::int64_t document_id = 0;
  std::size_t events = 0;      // event mentions written
  std::size_t new_events = 0;  // of which started a new event (the others joined one)
};

struct StoreCounts {
  std::int64_t documents = 0, sentences = 0, actor_mentions = 0, entities = 0, events = 0, event_mentions = 0,
               places = 0, quotes = 0, attributions = 0;
};

class EventStore {
 public:
  // The schema version this build writes (PRAGMA user_version).
  static constexpr int kSchemaVersion = 2;

  // Opens or creates `path`, creating the schema or migrating an older one.
  // nullptr with `error` set when the file is not a Kestrel store, was
  // written by a newer Kestrel, is locked, corrupt or cannot be created.
  static std::unique_ptr<EventStore> open(const std::string& path, const StoreOptions& options,
                                          std::string& error);
  // Commits what is pending (complete documents only).
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // SHA-256 of the document's text (hex). The key of a stored document is
  // (content hash, URL), so the same article under two URLs counts as two
  // articles of an event, and the same file read twice is stored once.
  static std::string content_hash(const Document& doc);

  // True when the document is stored and would be skipped by add() (always
  // false when recoding). Thread-safe against other contains() calls.
  bool contains(std::string_view content_hash, std::string_view url) const;

  // Which coder the following add() calls record. Without it documents are
  // stored with no coder.
  [[nodiscard]] bool set_coder(const CoderInfo& coder, std::string& error);

  // Adds one document and what was found in it, inside the current batch
  // (started when needed and committed when full). `content_hash` may be
  // passed when already computed. On failure nothing of this document is
  // written, `error` says why and the batch stays usable.
  [[nodiscard]] bool add(const Document& doc, const DocumentRecords& records, AddResult& result,
                         std::string& error, std::string content_hash = {});
  // Commits the current batch. Safe to call when nothing is pending.
  [[nodiscard]] bool commit(std::string& error);

  [[nodiscard]] bool counts(StoreCounts& out, std::string& error) const;
  const std::string& path() const { return path_; }
  const StoreOptions& options() const { return options_; }

  struct Impl;  // opaque (store_impl.h)
  Impl& impl() const { return *impl_; }

 private:
  EventStore();
  std::string path_;
  StoreOptions options_;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------
// Reading: filters, queries, statistics (query.cpp)

enum class ActorSide : std::uint8_t { Either, Source, Target };

// Every filter that is set must hold (AND); values given to one filter are
// alternatives (OR). Strings are matched case-sensitively unless noted.
struct EventFilter {
  std::vector<std::string> actors;     // actor code or code prefix ("BLR", "BLRGOV")
  // The first segment of the actor's code: the country it belongs to (ISO3),
  // or IGO, NGO, IMG, MNC (docs/codes.md).
  std::vector<std::string> countries;
  std::vector<std::string> sectors;    // actor primary sector ("GOV")
  std::vector<std::string> entities;   // entity id or canonical name (name: any case)
  ActorSide side = ActorSide::Either;  // which actor the four filters above look at
  // Dyad "A-B": each side is an actor-code prefix, usually a country
  // ("BLR-CHN", "BLRGOV-IGO"); either direction unless `directed`.
  std::string dyad_a, dyad_b;
  bool directed = false;
  std::vector<std::string> cameo;   // code or prefix ("19" = root 19, "042")
  std::vector<std::string> plover;  // PLOVER event type, any case
  std::vector<int> quad_classes;
  std::int32_t day_from = 0, day_to = 0;  // yyyymmdd, inclusive; 0 = open
  std::vector<std::string> places;           // place name, any case
  std::vector<std::string> place_countries;  // ISO3 of the event's place
  std::string text;  // substring of a mention's evidence or sentence (ASCII case-insensitive)
  bool include_negated = true;
  std::size_t limit = 0;  // 0 = no limit
  std::size_t offset = 0;
};

// Parses "A-B" into the filter's dyad; false (and `error`) if malformed.
bool parse_dyad(std::string_view text, EventFilter& filter, std::string& error);
// "2023", "2023-02", "2023-02-28" -> the first (or, with `end`, last) day
// as yyyymmdd; 0 if not a date.
std::int32_t parse_day_bound(std::string_view text, bool end);

struct ActorRow {
  std::string code, country, sector, entity, name, kind, text;
  bool present() const { return !code.empty(); }
};

struct PlaceRow {
  std::int64_t id = 0;
  std::uint32_t geonames_id = 0;
  std::string name, country, admin1, feature, kind;
  int level = 0;
  std::optional<double> lat, lon;
};

// One coded event mention with its evidence and the document it came from.
struct MentionRow {
  std::int64_t id = 0, event_id = 0, document_id = 0;
  std::string doc_key, url, title, outlet, path, doc_date;
  std::uint32_t sentence = 0;
  std::string date, date_resolution, date_origin;
  std::string cameo;
  double goldstein = 0;
  int quad_class = 0;
  std::string plover_event, plover_mode, plover_context;
  ActorRow source, target;
  std::string source_role, target_role;
  std::uint32_t source_start = 0, source_end = 0, target_start = 0, target_end = 0;
  bool source_coreferent = false, target_coreferent = false;
  bool negated = false;
  std::string modality;
  std::uint32_t start = 0, end = 0, trigger_start = 0, trigger_end = 0, trigger_token = 0;
  std::string evidence_text, trigger_text, sentence_text;
  std::string pattern_code, pattern_text, pattern_file;
  std::uint32_t pattern_line = 0;
  std::string note;
  std::optional<PlaceRow> place;
  std::string location_origin;
  bool lead = false;
  std::uint64_t doc_bytes = 0;
  std::string kestrel_version, model_checksum, dictionary_version, coded_at;
  std::int32_t event_day = 0;  // the day of the event it is a mention of
};

// One deduplicated event (GDELT's event row).
struct EventRow {
  std::int64_t id = 0;
  std::int32_t day = 0;
  std::string date;
  ActorRow source, target;
  std::string cameo;
  double goldstein = 0;
  int quad_class = 0;
  std::string plover_event, plover_mode, plover_context;
  bool negated = false, is_root = false;
  std::int64_t num_mentions = 0, num_articles = 0, num_sources = 0;
  std::optional<PlaceRow> place;
  std::string date_added;  // UTC, YYYY-MM-DD HH:MM:SS
  MentionRow first;        // the mention that started it (evidence, document)
};

// Calls `sink` for every event the filter selects, by date then id. The
// sink returns false to stop. False (and `error`) on a database error.
[[nodiscard]] bool for_each_event(const EventStore& store, const EventFilter& filter,
                                  const std::function<bool(const EventRow&)>& sink, std::string& error);
// Every mention of the selected events, by event then mention id.
[[nodiscard]] bool for_each_mention(const EventStore& store, const EventFilter& filter,
                                    const std::function<bool(const MentionRow&)>& sink, std::string& error);
// How many events the filter selects (ignoring limit and offset).
[[nodiscard]] bool count_events(const EventStore& store, const EventFilter& filter, std::int64_t& out,
                                std::string& error);

// What `kestrel stats --by` groups on.
enum class StatsKey : std::uint8_t { Day, Week, Month, Year, Dyad, Source, Target, Actor, Cameo, Root, Plover, Quad };
// "day", "week", "month", "year", "dyad", "source", "target", "actor",
// "cameo", "root", "plover", "quad"; false if unknown.
bool parse_stats_key(std::string_view name, StatsKey& out);
std::string_view stats_key_name(StatsKey key);

struct StatsRow {
  std::vector<std::string> keys;  // one per StatsKey, in the order asked
  std::int64_t events = 0, mentions = 0, articles = 0;
  double goldstein_sum = 0;
  double goldstein_mean() const { return events ? goldstein_sum / static_cast<double>(events) : 0; }
};

struct StatsQuery {
  std::vector<StatsKey> by;
  // Order: by the keys (time keys chronologically) when false, else by
  // event count, largest first.
  bool by_count = false;
  std::size_t limit = 0;  // 0 = all groups
};

// Events selected by `filter` grouped by `query.by`. Actors are grouped by
// the first segment of their code (their country, or IGO, NGO, ...);
// "actor" counts each event under both its source and its target.
[[nodiscard]] bool event_stats(const EventStore& store, const EventFilter& filter, const StatsQuery& query,
                               std::vector<StatsRow>& out, std::string& error);

// ---------------------------------------------------------------------------
// Export (export.cpp)

enum class ExportFormat : std::uint8_t { Gdelt, GdeltMentions, Plover, Csv, Jsonl, Conllu };
// "gdelt", "gdelt-mentions", "plover", "csv", "jsonl", "conllu"; false if unknown.
bool parse_export_format(std::string_view name, ExportFormat& out);

struct ExportOptions {
  ExportFormat format = ExportFormat::Gdelt;
  // csv, jsonl and plover: one row per event mention instead of per event.
  bool mentions = false;
  bool header = true;  // csv: a header line (GDELT files have none)
};

struct ExportResult {
  std::size_t records = 0;
};

// Writes the events the filter selects (for conllu: the parses of every
// stored document that has one) to `out`. Formats: docs/formats.md.
[[nodiscard]] bool export_events(const EventStore& store, const EventFilter& filter, const ExportOptions& options,
                                 std::ostream& out, ExportResult& result, std::string& error);

// One event (with its first mention as `evidence`) or one mention as a JSON
// object: the fields of `kestrel code --format jsonl` plus the store's ids
// and counts (docs/formats.md).
nlohmann::json event_row_json(const EventRow& event);
nlohmann::json mention_row_json(const MentionRow& mention);

// The GDELT 2.0 event columns, in GDELT's order (61 names).
const std::vector<std::string>& gdelt_event_columns();
// The GDELT 2.0 mentions columns (16 names).
const std::vector<std::string>& gdelt_mention_columns();

// ---------------------------------------------------------------------------
// Conversion from the pipeline's own types (convert.cpp)

struct ActorMention;   // actors/actors.h
struct Event;          // events/events.h
class EventPatterns;   // events/events.h
struct DocAnnotation;  // doc/doc.h

// The records of one coded document: its actor mentions (mentions[i] belongs
// to sentence i) and its events, with the pattern's text, file and line
// looked up in `patterns`. Event dates are left empty (= the document's).
DocumentRecords make_records(const Document& doc, const std::vector<std::vector<ActorMention>>& mentions,
                             const std::vector<Event>& events, const EventPatterns& patterns);
// Adds what the document layer found to `records`: each event's date and
// place (event_context), the document's place mentions and its quotes.
void add_document_layer(DocumentRecords& records, const Document& doc, const DocAnnotation& ann);
// The coder of a `kestrel code` run: this build's version, the checksum of
// `model_path` (the nlp model; "" when none is used) and the digest of the
// shipped actor dictionaries, CAMEO ontology and event patterns.
CoderInfo pipeline_coder_info(const std::string& model_path);

}  // namespace kestrel
