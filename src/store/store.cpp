// The writer: opening a store, adding coded documents in batched
// transactions, and linking event mentions into deduplicated events.
#include <filesystem>
#include <set>
#include <sstream>

#include "nlp/nlp.h"
#include "store/store_impl.h"

namespace kestrel {
namespace {

using store::Statement;

// Column lists shared by the INSERT statements and their bind calls.
constexpr const char* kInsertMention =
    "INSERT INTO event_mentions (event_id, document_id, sentence, date, day, date_resolution, date_origin, cameo, "
    "goldstein, quad_class, plover_event, plover_mode, plover_context, "
    "source_text, source_code, source_country, source_sector, source_entity, source_name, source_kind, source_role, "
    "source_start, source_end, source_coreferent, "
    "target_text, target_code, target_country, target_sector, target_entity, target_name, target_kind, target_role, "
    "target_start, target_end, target_coreferent, "
    "negated, modality, evidence_start, evidence_end, evidence_text, trigger_start, trigger_end, trigger_token, "
    "trigger_text, pattern_code, pattern_text, pattern_file, pattern_line, note, place_id, location_origin, lead, "
    "coder_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
    "?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, "
    "?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51, ?52, ?53)";

constexpr const char* kInsertEvent =
    "INSERT INTO events (day, date, source_code, source_country, source_sector, source_entity, source_name, "
    "source_kind, target_code, target_country, target_sector, target_entity, target_name, target_kind, cameo, "
    "quad_class, goldstein, plover_event, plover_mode, plover_context, negated, place_id, is_root, num_mentions, "
    "num_articles, num_sources, first_mention_id, date_added, source_root, target_root) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, 1, 1, 1, ?24, ?25, ?26, "
    "?27)";

std::string slice(const Document& doc, std::uint32_t start, std::uint32_t end) {
  if (start > end || end > doc.text.size()) return {};
  return doc.text.substr(start, end - start);
}

std::string actor_name(const StoredActor& a) { return a.name.empty() ? a.text : a.name; }

// The code's first segment: the country the actor belongs to, or IGO, NGO,
// IMG, MNC, "---" (docs/codes.md). Dyads and --country are matched on it.
std::string_view code_root(std::string_view code) { return code.substr(0, 3); }

bool prepare_all(sqlite3* db, store::WriterStatements& w, std::string& error) {
  struct Item {
    Statement* st;
    const char* sql;
  };
  const Item items[] = {
      {&w.find_document, "SELECT id FROM documents WHERE content_hash = ?1 AND url = ?2"},
      {&w.insert_document,
       "INSERT INTO documents (content_hash, url, doc_key, date, day, title, source, outlet, path, line, format, "
       "text_bytes, sentence_count, event_count, coder_id, stored_at, coded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
       "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)"},
      {&w.update_document,
       "UPDATE documents SET doc_key = ?2, date = ?3, day = ?4, title = ?5, source = ?6, outlet = ?7, path = ?8, "
       "line = ?9, format = ?10, sentence_count = ?11, event_count = ?12, coder_id = ?13, coded_at = ?14 "
       "WHERE id = ?1"},
      {&w.insert_sentence,
       "INSERT INTO sentences (document_id, sentence, start, end, kind, paragraph, text) VALUES (?1, ?2, ?3, ?4, ?5, "
       "?6, ?7)"},
      {&w.insert_parse, "INSERT INTO parses (document_id, encoding, raw_bytes, data) VALUES (?1, ?2, ?3, ?4)"},
      {&w.find_entity, "SELECT id FROM entities WHERE code = ?1 AND entity = ?2 AND name = ?3"},
      {&w.insert_entity,
       "INSERT INTO entities (code, entity, name, kind, country, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&w.insert_actor_mention,
       "INSERT INTO actor_mentions (document_id, sentence, first_word, last_word, head_word, start, end, text, "
       "entity_id, code, country, sector, kind, resolved_by, guess, is_place, coreferent, antecedent_sentence) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"},
      {&w.find_place, "SELECT id FROM places WHERE geonames_id = ?1 AND name = ?2 AND country = ?3"},
      {&w.insert_place,
       "INSERT INTO places (geonames_id, name, country, admin1, feature, kind, level, lat, lon, population) VALUES "
       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
      {&w.insert_place_mention,
       "INSERT INTO place_mentions (document_id, sentence, first_word, last_word, start, end, text, place_id, score, "
       "candidates, locative, dateline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
      {&w.insert_quote,
       "INSERT INTO quotes (document_id, kind, start, end, first_sentence, last_sentence, text, verb, speaker_text, "
       "speaker_name, speaker_code, speaker_entity, speaker_link, speaker_sentence, speaker_start, speaker_end) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"},
      {&w.insert_attribution,
       "INSERT INTO attributions (document_id, sentence, start, end, source, cites, verb) VALUES (?1, ?2, ?3, ?4, ?5, "
       "?6, ?7)"},
      {&w.find_event,
       "SELECT id FROM events WHERE source_code = ?1 AND target_code = ?2 AND cameo = ?3 AND day BETWEEN ?4 AND ?5 "
       "AND negated = ?6 ORDER BY abs(day - ?7), id LIMIT 1"},
      {&w.find_event_undated,
       "SELECT e.id FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.document_id = ?4 AND "
       "e.source_code = ?1 AND e.target_code = ?2 AND e.cameo = ?3 AND e.day = 0 AND e.negated = ?5 LIMIT 1"},
      {&w.insert_event, kInsertEvent},
      {&w.insert_mention, kInsertMention},
      {&w.bump_event,
       "UPDATE events SET num_mentions = num_mentions + 1, num_articles = num_articles + ?2, num_sources = "
       "num_sources + ?3, is_root = max(is_root, ?4), place_id = coalesce(place_id, ?5), first_mention_id = "
       "CASE WHEN first_mention_id = 0 THEN ?6 ELSE first_mention_id END WHERE id = ?1"},
      {&w.set_first_mention, "UPDATE events SET first_mention_id = ?2 WHERE id = ?1"},
      {&w.mention_in_document, "SELECT 1 FROM event_mentions WHERE event_id = ?1 AND document_id = ?2 LIMIT 1"},
      {&w.mention_in_outlet,
       "SELECT 1 FROM event_mentions m JOIN documents d ON d.id = m.document_id WHERE m.event_id = ?1 AND "
       "d.outlet = ?2 LIMIT 1"},
      {&w.mentions_of_document, "SELECT DISTINCT event_id FROM event_mentions WHERE document_id = ?1"},
      {&w.delete_rows[0], "DELETE FROM event_mentions WHERE document_id = ?1"},
      {&w.delete_rows[1], "DELETE FROM actor_mentions WHERE document_id = ?1"},
      {&w.delete_rows[2], "DELETE FROM sentences WHERE document_id = ?1"},
      {&w.delete_rows[3], "DELETE FROM parses WHERE document_id = ?1"},
      {&w.delete_rows[4], "DELETE FROM place_mentions WHERE document_id = ?1"},
      {&w.delete_rows[5], "DELETE FROM quotes WHERE document_id = ?1"},
      {&w.delete_rows[6], "DELETE FROM attributions WHERE document_id = ?1"},
      {&w.recount_event,
       "UPDATE events SET num_mentions = (SELECT count(*) FROM event_mentions WHERE event_id = ?1), "
       "num_articles = (SELECT count(DISTINCT document_id) FROM event_mentions WHERE event_id = ?1), "
       "num_sources = (SELECT count(DISTINCT CASE WHEN d.outlet = '' THEN 'document ' || d.id ELSE d.outlet END) "
       "FROM event_mentions m JOIN documents d ON d.id = m.document_id WHERE m.event_id = ?1), "
       "is_root = coalesce((SELECT max(lead) FROM event_mentions WHERE event_id = ?1), 0), "
       "first_mention_id = coalesce((SELECT min(id) FROM event_mentions WHERE event_id = ?1), 0) WHERE id = ?1"},
      {&w.delete_empty_events, "DELETE FROM events WHERE id = ?1 AND num_mentions = 0"},
  };
  for (const Item& item : items) {
    *item.st = Statement(db, item.sql, error);
    if (!item.st->ok()) return false;
  }
  return true;
}

// Runs `st` (bound by the caller) expecting at most one row; its first column
// or 0 when there is none. -1 on error.
std::int64_t lookup_id(Statement& st, std::string& error) {
  int rc = st.step(error);
  std::int64_t id = rc == SQLITE_ROW ? st.integer(0) : rc == SQLITE_DONE ? 0 : -1;
  st.reset();
  return id;
}

}  // namespace

EventStore::EventStore() : impl_(std::make_unique<Impl>()) {}

EventStore::~EventStore() {
  std::string ignored;
  if (impl_ && impl_->in_transaction) (void)commit(ignored);
}

std::unique_ptr<EventStore> EventStore::open(const std::string& path, const StoreOptions& options,
                                             std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (options.read_only && !fs::exists(path, ec)) {
    error = path + ": no such file";
    return nullptr;
  }
  std::unique_ptr<EventStore> s(new EventStore());
  s->path_ = path;
  s->options_ = options;
  Impl& im = *s->impl_;
  im.read_only = options.read_only;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &im.db, flags, nullptr) != SQLITE_OK) {
    error = path + ": " + (im.db ? sqlite3_errmsg(im.db) : "cannot open");
    return nullptr;
  }
  sqlite3_busy_timeout(im.db, options.busy_timeout_ms);
  auto fail = [&](const std::string& what) {
    error = path + ": " + what;
    return nullptr;
  };
  std::string err;
  // A 64 MB page cache keeps the event indexes in memory during long runs.
  if (!store::exec(im.db, "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;", err)) return fail(err);
  if (!options.read_only) {
    // WAL: readers (query, export) never block the writer, and a killed
    // writer leaves every committed transaction intact. synchronous=NORMAL
    // in WAL mode syncs at checkpoints only: a commit survives the process
    // being killed, though not necessarily a power cut.
    Statement wal(im.db, "PRAGMA journal_mode = WAL", err);
    if (!wal.ok() || wal.step(err) != SQLITE_ROW) return fail(err.empty() ? "cannot read the journal mode" : err);
    std::string mode = wal.text(0);
    wal = Statement();
    if (mode != "wal") return fail("cannot switch to WAL mode (journal mode is " + mode + ")");
    // Checkpoints (which sync) every 32 MB of WAL rather than SQLite's 4 MB:
    // fewer stalls in long runs; the WAL is cut back to 64 MB afterwards.
    if (!store::exec(im.db,
                     "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 8192; "
                     "PRAGMA journal_size_limit = 67108864;",
                     err))
      return fail(err);
  }
  if (!store::prepare_schema(im.db, options.read_only, err)) return fail(err);
  im.contains_stmt = Statement(im.db, "SELECT 1 FROM documents WHERE content_hash = ?1 AND url = ?2", err);
  if (!im.contains_stmt.ok()) return fail(err);
  if (!options.read_only) {
    im.w = std::make_unique<store::WriterStatements>();
    if (!prepare_all(im.db, *im.w, err)) return fail(err);
  }
  return s;
}

std::string EventStore::content_hash(const Document& doc) { return sha256_hex(doc.text); }

bool EventStore::contains(std::string_view hash, std::string_view url) const {
  if (options_.recode) return false;
  std::lock_guard lock(impl_->mutex);
  Statement& st = impl_->contains_stmt;
  st.bind(1, hash).bind(2, url);
  std::string error;
  bool found = st.step(error) == SQLITE_ROW;
  st.reset();
  return found;
}

bool EventStore::set_coder(const CoderInfo& coder, std::string& error) {
  if (impl_->read_only) {
    error = "the store is open read-only";
    return false;
  }
  std::lock_guard lock(impl_->mutex);
  Statement ins(impl_->db,
                "INSERT OR IGNORE INTO coders (kestrel_version, model_checksum, dictionary_version, first_used) "
                "VALUES (?1, ?2, ?3, ?4)",
                error);
  if (!ins.ok()) return false;
  ins.bind(1, coder.kestrel_version).bind(2, coder.model_checksum).bind(3, coder.dictionary_version)
      .bind(4, store::utc_now());
  if (!ins.run(error)) return false;
  Statement find(impl_->db,
                 "SELECT id FROM coders WHERE kestrel_version = ?1 AND model_checksum = ?2 AND "
                 "dictionary_version = ?3",
                 error);
  if (!find.ok()) return false;
  find.bind(1, coder.kestrel_version).bind(2, coder.model_checksum).bind(3, coder.dictionary_version);
  std::int64_t id = lookup_id(find, error);
  if (id <= 0) {
    if (error.empty()) error = "coder row not found after insert";
    return false;
  }
  impl_->coder_id = id;
  return true;
}

namespace {

// One document's insert, run inside a savepoint by EventStore::add.
class DocumentWriter {
 public:
  DocumentWriter(EventStore::Impl& im, const StoreOptions& options, const Document& doc)
      : im_(im), w_(*im.w), options_(options), doc_(doc), outlet_(store::outlet_of(doc)) {}

  bool remove_existing(std::int64_t doc_id, std::string& error) {
    std::vector<std::int64_t> affected;
    w_.mentions_of_document.bind(1, doc_id);
    int rc;
    while ((rc = w_.mentions_of_document.step(error)) == SQLITE_ROW) affected.push_back(w_.mentions_of_document.integer(0));
    w_.mentions_of_document.reset();
    if (rc != SQLITE_DONE) return false;
    for (Statement& remove : w_.delete_rows)
      if (!remove.bind(1, doc_id).run(error)) return false;
    for (std::int64_t id : affected) {
      if (!w_.recount_event.bind(1, id).run(error)) return false;
      if (!w_.delete_empty_events.bind(1, id).run(error)) return false;
    }
    return true;
  }

  bool write_document(std::int64_t& doc_id, bool existing, const std::string& hash, std::size_t events,
                      std::string& error) {
    std::string now = store::utc_now();
    std::int64_t coder = im_.coder_id;
    if (existing) {
      Statement& st = w_.update_document;
      st.bind(1, doc_id).bind(2, doc_.id).bind(3, doc_.date).bind(4, store::day_number(doc_.date));
      st.bind(5, doc_.title).bind(6, doc_.source).bind(7, outlet_).bind(8, doc_.path);
      st.bind(9, static_cast<std::int64_t>(doc_.line)).bind(10, input_format_name(doc_.format));
      st.bind(11, static_cast<std::int64_t>(doc_.sentences.size())).bind(12, static_cast<std::int64_t>(events));
      if (coder) st.bind(13, coder); else st.bind_null(13);
      st.bind(14, now);
      return st.run(error);
    }
    Statement& st = w_.insert_document;
    st.bind(1, hash).bind(2, doc_.url).bind(3, doc_.id).bind(4, doc_.date).bind(5, store::day_number(doc_.date));
    st.bind(6, doc_.title).bind(7, doc_.source).bind(8, outlet_).bind(9, doc_.path);
    st.bind(10, static_cast<std::int64_t>(doc_.line)).bind(11, input_format_name(doc_.format));
    st.bind(12, static_cast<std::int64_t>(doc_.text.size())).bind(13, static_cast<std::int64_t>(doc_.sentences.size()));
    st.bind(14, static_cast<std::int64_t>(events));
    if (coder) st.bind(15, coder); else st.bind_null(15);
    st.bind(16, now);
    if (!st.run(error)) return false;
    doc_id = sqlite3_last_insert_rowid(im_.db);
    return true;
  }

  bool write_sentences(std::int64_t doc_id, std::string& error) {
    for (std::size_t i = 0; i < doc_.sentences.size(); ++i) {
      const Sentence& s = doc_.sentences[i];
      Statement& st = w_.insert_sentence;
      st.bind(1, doc_id).bind(2, static_cast<std::int64_t>(i)).bind(3, s.start).bind(4, s.end);
      st.bind(5, segment_kind_name(s.kind)).bind(6, s.paragraph).bind(7, slice(doc_, s.start, s.end));
      if (!st.run(error)) return false;
    }
    if (!options_.store_parses || doc_.sentences.empty()) return true;
    std::ostringstream conllu;
    ConlluWriteOptions wo;
    wo.write_offsets = true;
    write_conllu(conllu, doc_, wo);
    std::string raw = conllu.str();
    std::string packed = store::compress(raw);
    if (packed.empty() && !raw.empty()) {
      error = "cannot compress the parse";
      return false;
    }
    Statement& st = w_.insert_parse;
    st.bind(1, doc_id).bind(2, "conllu+zstd").bind(3, static_cast<std::int64_t>(raw.size())).bind_blob(4, packed);
    return st.run(error);
  }

  bool entity_id(const ActorMentionRecord& m, std::int64_t& id, std::string& error) {
    std::string key = m.code + '\x1f' + m.entity + '\x1f' + m.entity_name;
    auto it = im_.entity_ids.find(key);
    if (it != im_.entity_ids.end()) {
      id = it->second;
      return true;
    }
    w_.find_entity.bind(1, m.code).bind(2, m.entity).bind(3, m.entity_name);
    id = lookup_id(w_.find_entity, error);
    if (id < 0) return false;
    if (id == 0) {
      Statement& st = w_.insert_entity;
      st.bind(1, m.code).bind(2, m.entity).bind(3, m.entity_name).bind(4, m.kind).bind(5, m.country).bind(6, m.sector);
      if (!st.run(error)) return false;
      id = sqlite3_last_insert_rowid(im_.db);
    }
    im_.entity_ids.emplace(std::move(key), id);
    return true;
  }

  bool write_actors(std::int64_t doc_id, const std::vector<ActorMentionRecord>& actors, std::string& error) {
    for (const ActorMentionRecord& m : actors) {
      std::int64_t eid = 0;
      bool named = !m.code.empty() || !m.entity.empty() || !m.entity_name.empty();
      if (named && !entity_id(m, eid, error)) return false;
      Statement& st = w_.insert_actor_mention;
      st.bind(1, doc_id).bind(2, m.sentence).bind(3, m.first).bind(4, m.last).bind(5, m.head).bind(6, m.start);
      st.bind(7, m.end).bind(8, m.text);
      if (eid) st.bind(9, eid); else st.bind_null(9);
      st.bind(10, m.code).bind(11, m.country).bind(12, m.sector).bind(13, m.kind).bind(14, m.resolved_by);
      st.bind(15, m.guess).bind(16, m.place).bind(17, m.coreferent).bind(18, m.antecedent_sentence);
      if (!st.run(error)) return false;
    }
    return true;
  }

  bool place_id(const StoredPlace& p, std::int64_t& id, std::string& error) {
    std::string key = std::to_string(p.geonames_id) + '\x1f' + p.name + '\x1f' + p.country;
    auto it = im_.place_ids.find(key);
    if (it != im_.place_ids.end()) {
      id = it->second;
      return true;
    }
    w_.find_place.bind(1, static_cast<std::int64_t>(p.geonames_id)).bind(2, p.name).bind(3, p.country);
    id = lookup_id(w_.find_place, error);
    if (id < 0) return false;
    if (id == 0) {
      Statement& st = w_.insert_place;
      st.bind(1, static_cast<std::int64_t>(p.geonames_id)).bind(2, p.name).bind(3, p.country).bind(4, p.admin1);
      st.bind(5, p.feature).bind(6, p.kind).bind(7, p.level).bind(8, p.lat).bind(9, p.lon);
      st.bind(10, static_cast<std::int64_t>(p.population));
      if (!st.run(error)) return false;
      id = sqlite3_last_insert_rowid(im_.db);
    }
    im_.place_ids.emplace(std::move(key), id);
    return true;
  }

  bool write_document_layer(std::int64_t doc_id, const DocumentRecords& r, std::string& error) {
    for (const PlaceMentionRecord& m : r.places) {
      std::int64_t pid = 0;
      if (!place_id(m.place, pid, error)) return false;
      Statement& st = w_.insert_place_mention;
      st.bind(1, doc_id).bind(2, m.sentence).bind(3, m.first).bind(4, m.last).bind(5, m.start).bind(6, m.end);
      st.bind(7, m.text).bind(8, pid).bind(9, m.score).bind(10, m.candidates).bind(11, m.locative).bind(12, m.dateline);
      if (!st.run(error)) return false;
    }
    for (const QuoteRecord& q : r.quotes) {
      Statement& st = w_.insert_quote;
      st.bind(1, doc_id).bind(2, q.kind).bind(3, q.start).bind(4, q.end).bind(5, q.first_sentence);
      st.bind(6, q.last_sentence).bind(7, q.text).bind(8, q.verb).bind(9, q.speaker_text).bind(10, q.speaker_name);
      st.bind(11, q.speaker_code).bind(12, q.speaker_entity).bind(13, q.speaker_link).bind(14, q.speaker_sentence);
      st.bind(15, q.speaker_start).bind(16, q.speaker_end);
      if (!st.run(error)) return false;
    }
    for (const AttributionRecord& a : r.attributions) {
      Statement& st = w_.insert_attribution;
      st.bind(1, doc_id).bind(2, a.sentence).bind(3, a.start).bind(4, a.end).bind(5, a.source).bind(6, a.cites);
      st.bind(7, a.verb);
      if (!st.run(error)) return false;
    }
    return true;
  }

  // The lead paragraph: the first paragraph holding a body sentence. Events
  // coded there are GDELT's "root" events.
  std::uint32_t lead_paragraph() const {
    for (const Sentence& s : doc_.sentences)
      if (s.kind == SegmentKind::Body) return s.paragraph;
    return 0;
  }

  bool write_events(std::int64_t doc_id, const std::vector<EventRecord>& events, AddResult& result,
                    std::string& error) {
    const std::uint32_t lead_par = lead_paragraph();
    const std::string now = store::utc_now();
    for (const EventRecord& e : events) {
      const std::string& date = e.date.empty() ? doc_.date : e.date;
      const std::int32_t day = store::day_number(date);
      const StoredActor none;
      const StoredActor& src = e.source ? *e.source : none;
      const StoredActor& tgt = e.target ? *e.target : none;
      bool lead = e.sentence < doc_.sentences.size() && doc_.sentences[e.sentence].paragraph <= lead_par;
      std::int64_t place = 0;
      if (e.location && !place_id(*e.location, place, error)) return false;

      // Find the event this is a mention of.
      std::int64_t event_id = 0;
      if (day == 0) {
        // Undated: only mentions in the same article can be told to be the same event.
        Statement& st = w_.find_event_undated;
        st.bind(1, src.code).bind(2, tgt.code).bind(3, e.cameo).bind(4, doc_id).bind(5, e.negated);
        event_id = lookup_id(st, error);
      } else {
        std::int32_t lo = day, hi = day;
        if (day % 100 != 0 && options_.dedup_window_days > 0) {
          std::int64_t n = store::days_from_day(day);
          lo = store::day_from_days(n - options_.dedup_window_days);
          hi = store::day_from_days(n + options_.dedup_window_days);
        }
        Statement& st = w_.find_event;
        st.bind(1, src.code).bind(2, tgt.code).bind(3, e.cameo).bind(4, lo).bind(5, hi).bind(6, e.negated);
        st.bind(7, day);
        event_id = lookup_id(st, error);
      }
      if (event_id < 0) return false;

      bool new_article = true, new_source = true;
      const bool is_new = event_id == 0;
      if (is_new) {
        Statement& st = w_.insert_event;
        st.bind(1, day).bind(2, store::day_text(day));
        st.bind(3, src.code).bind(4, src.country).bind(5, src.sector).bind(6, src.entity).bind(7, actor_name(src));
        st.bind(8, src.kind);
        st.bind(9, tgt.code).bind(10, tgt.country).bind(11, tgt.sector).bind(12, tgt.entity).bind(13, actor_name(tgt));
        st.bind(14, tgt.kind);
        st.bind(15, e.cameo).bind(16, e.quad_class).bind(17, e.goldstein).bind(18, e.plover_event);
        st.bind(19, e.plover_mode).bind(20, e.plover_context).bind(21, e.negated);
        if (place) st.bind(22, place); else st.bind_null(22);
        st.bind(23, lead).bind(24, std::int64_t{0}).bind(25, now);
        st.bind(26, code_root(src.code)).bind(27, code_root(tgt.code));
        if (!st.run(error)) return false;
        event_id = sqlite3_last_insert_rowid(im_.db);
        ++result.new_events;
      } else {
        w_.mention_in_document.bind(1, event_id).bind(2, doc_id);
        std::int64_t seen = lookup_id(w_.mention_in_document, error);
        if (seen < 0) return false;
        new_article = seen == 0;
        new_source = new_article;
        if (new_article && !outlet_.empty()) {
          w_.mention_in_outlet.bind(1, event_id).bind(2, outlet_);
          seen = lookup_id(w_.mention_in_outlet, error);
          if (seen < 0) return false;
          new_source = seen == 0;
        }
      }

      Statement& st = w_.insert_mention;
      st.bind(1, event_id).bind(2, doc_id).bind(3, e.sentence).bind(4, store::day_text(day)).bind(5, day);
      st.bind(6, e.date_resolution).bind(7, e.date_origin).bind(8, e.cameo).bind(9, e.goldstein);
      st.bind(10, e.quad_class).bind(11, e.plover_event).bind(12, e.plover_mode).bind(13, e.plover_context);
      int at = 14;
      for (const StoredActor* a : {&src, &tgt}) {
        st.bind(at, a->text).bind(at + 1, a->code).bind(at + 2, a->country).bind(at + 3, a->sector);
        st.bind(at + 4, a->entity).bind(at + 5, a->name).bind(at + 6, a->kind).bind(at + 7, a->role);
        st.bind(at + 8, a->start).bind(at + 9, a->end).bind(at + 10, a->coreferent);
        at += 11;
      }
      st.bind(36, e.negated).bind(37, e.modality).bind(38, e.start).bind(39, e.end);
      st.bind(40, slice(doc_, e.start, e.end)).bind(41, e.trigger_start).bind(42, e.trigger_end);
      st.bind(43, e.trigger_token).bind(44, slice(doc_, e.trigger_start, e.trigger_end));
      st.bind(45, e.pattern_code).bind(46, e.pattern_text).bind(47, e.pattern_file).bind(48, e.pattern_line);
      st.bind(49, e.note);
      if (place) st.bind(50, place); else st.bind_null(50);
      st.bind(51, e.location_origin).bind(52, lead);
      if (im_.coder_id) st.bind(53, im_.coder_id); else st.bind_null(53);
      if (!st.run(error)) return false;
      std::int64_t mention_id = sqlite3_last_insert_rowid(im_.db);

      if (is_new) {
        if (!w_.set_first_mention.bind(1, event_id).bind(2, mention_id).run(error)) return false;
      } else {
        Statement& b = w_.bump_event;
        b.bind(1, event_id).bind(2, new_article ? 1 : 0).bind(3, new_source ? 1 : 0).bind(4, lead);
        if (place) b.bind(5, place); else b.bind_null(5);
        b.bind(6, mention_id);
        if (!b.run(error)) return false;
      }
      ++result.events;
    }
    return true;
  }

 private:
  EventStore::Impl& im_;
  store::WriterStatements& w_;
  const StoreOptions& options_;
  const Document& doc_;
  std::string outlet_;
};

}  // namespace

bool EventStore::add(const Document& doc, const DocumentRecords& records, AddResult& result, std::string& error,
                     std::string hash) {
  result = AddResult{};
  if (impl_->read_only) {
    error = "the store is open read-only";
    return false;
  }
  if (hash.empty()) hash = content_hash(doc);
  Impl& im = *impl_;
  std::lock_guard lock(im.mutex);
  if (!im.in_transaction) {
    // IMMEDIATE takes the write lock now, so a second writer waits here
    // (busy timeout) instead of failing halfway through a batch.
    if (!store::exec(im.db, "BEGIN IMMEDIATE", error)) return false;
    im.in_transaction = true;
    im.batch_docs = 0;
    im.batch_started = std::chrono::steady_clock::now();
  }
  if (!store::exec(im.db, "SAVEPOINT document", error)) return false;
  auto undo = [&] {
    std::string ignored;
    store::exec(im.db, "ROLLBACK TO document; RELEASE document", ignored);
    // Cached ids may name rows that were just rolled back.
    im.entity_ids.clear();
    im.place_ids.clear();
    return false;
  };

  DocumentWriter writer(im, options_, doc);
  im.w->find_document.bind(1, hash).bind(2, doc.url);
  std::int64_t doc_id = lookup_id(im.w->find_document, error);
  if (doc_id < 0) return undo();
  const bool existing = doc_id > 0;
  if (existing && !options_.recode) {
    store::exec(im.db, "RELEASE document", error);
    result.outcome = AddOutcome::AlreadyStored;
    result.document_id = doc_id;
    return true;
  }
  if (existing && !writer.remove_existing(doc_id, error)) return undo();
  if (!writer.write_document(doc_id, existing, hash, records.events.size(), error)) return undo();
  if (!writer.write_sentences(doc_id, error)) return undo();
  if (!writer.write_actors(doc_id, records.actors, error)) return undo();
  if (!writer.write_document_layer(doc_id, records, error)) return undo();
  if (!writer.write_events(doc_id, records.events, result, error)) return undo();
  if (!store::exec(im.db, "RELEASE document", error)) return undo();
  result.outcome = existing ? AddOutcome::Recoded : AddOutcome::Stored;
  result.document_id = doc_id;

  ++im.batch_docs;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - im.batch_started).count();
  if (im.batch_docs >= options_.batch_documents || seconds >= options_.batch_seconds) {
    if (!store::exec(im.db, "COMMIT", error)) {
      std::string ignored;
      store::exec(im.db, "ROLLBACK", ignored);
      im.in_transaction = false;
      im.entity_ids.clear();
      im.place_ids.clear();
      error = "committing a batch of " + std::to_string(im.batch_docs) + " documents: " + error;
      return false;
    }
    im.in_transaction = false;
  }
  return true;
}

bool EventStore::commit(std::string& error) {
  Impl& im = *impl_;
  std::lock_guard lock(im.mutex);
  if (!im.in_transaction) return true;
  im.in_transaction = false;
  if (store::exec(im.db, "COMMIT", error)) return true;
  std::string ignored;
  store::exec(im.db, "ROLLBACK", ignored);
  im.entity_ids.clear();
  im.place_ids.clear();
  return false;
}

bool EventStore::counts(StoreCounts& out, std::string& error) const {
  std::lock_guard lock(impl_->mutex);
  struct Item {
    std::int64_t* field;
    const char* table;
  };
  const Item items[] = {{&out.documents, "documents"},     {&out.sentences, "sentences"},
                        {&out.actor_mentions, "actor_mentions"}, {&out.entities, "entities"},
                        {&out.events, "events"},           {&out.event_mentions, "event_mentions"},
                        {&out.places, "places"},           {&out.quotes, "quotes"},
                        {&out.attributions, "attributions"}};
  for (const Item& item : items) {
    Statement st(impl_->db, std::string("SELECT count(*) FROM ") + item.table, error);
    if (!st.ok() || st.step(error) != SQLITE_ROW) return false;
    *item.field = st.integer(0);
  }
  return true;
}

}  // namespace kestrel
