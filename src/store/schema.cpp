// The store's schema and its migrations. docs/schema.md describes every
// table; keep the two in step.
//
// Versions (PRAGMA user_version):
//   1  documents, sentences, parses, coders, entities, actor_mentions,
//      places, place_mentions, quotes, events, event_mentions.
//   2  attributions (who a document relays: "X writes, citing Y").
// A migration is appended to kMigrations as version N+1 and must turn a
// version-N file into exactly what a fresh version-(N+1) file holds.
#include <string>
#include <vector>

#include "store/store_impl.h"

namespace kestrel::store {
namespace {

const char* const kSchemaV1 = R"sql(
CREATE TABLE coders (
  id                 INTEGER PRIMARY KEY,
  kestrel_version    TEXT NOT NULL,
  model_checksum     TEXT NOT NULL,
  dictionary_version TEXT NOT NULL,
  first_used         TEXT NOT NULL,
  UNIQUE (kestrel_version, model_checksum, dictionary_version)
);

CREATE TABLE documents (
  id             INTEGER PRIMARY KEY,
  content_hash   TEXT NOT NULL,
  url            TEXT NOT NULL,
  doc_key        TEXT NOT NULL,
  date           TEXT NOT NULL,
  day            INTEGER NOT NULL,
  title          TEXT NOT NULL,
  source         TEXT NOT NULL,
  outlet         TEXT NOT NULL,
  path           TEXT NOT NULL,
  line           INTEGER NOT NULL,
  format         TEXT NOT NULL,
  text_bytes     INTEGER NOT NULL,
  sentence_count INTEGER NOT NULL,
  event_count    INTEGER NOT NULL,
  coder_id       INTEGER REFERENCES coders(id),
  stored_at      TEXT NOT NULL,
  coded_at       TEXT NOT NULL,
  UNIQUE (content_hash, url)
);
CREATE INDEX documents_day ON documents(day);

CREATE TABLE sentences (
  document_id INTEGER NOT NULL REFERENCES documents(id),
  sentence    INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  paragraph   INTEGER NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (document_id, sentence)
) WITHOUT ROWID;

CREATE TABLE parses (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id),
  encoding    TEXT NOT NULL,
  raw_bytes   INTEGER NOT NULL,
  data        BLOB NOT NULL
);

CREATE TABLE entities (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL,
  entity  TEXT NOT NULL,
  name    TEXT NOT NULL,
  kind    TEXT NOT NULL,
  country TEXT NOT NULL,
  sector  TEXT NOT NULL,
  UNIQUE (code, entity, name)
);
CREATE INDEX entities_entity ON entities(entity) WHERE entity <> '';
CREATE INDEX entities_name ON entities(name COLLATE NOCASE) WHERE name <> '';

CREATE TABLE actor_mentions (
  id                  INTEGER PRIMARY KEY,
  document_id         INTEGER NOT NULL REFERENCES documents(id),
  sentence            INTEGER NOT NULL,
  first_word          INTEGER NOT NULL,
  last_word           INTEGER NOT NULL,
  head_word           INTEGER NOT NULL,
  start               INTEGER NOT NULL,
  end                 INTEGER NOT NULL,
  text                TEXT NOT NULL,
  entity_id           INTEGER REFERENCES entities(id),
  code                TEXT NOT NULL,
  country             TEXT NOT NULL,
  sector              TEXT NOT NULL,
  kind                TEXT NOT NULL,
  resolved_by         TEXT NOT NULL,
  guess               TEXT NOT NULL,
  is_place            INTEGER NOT NULL,
  coreferent          INTEGER NOT NULL,
  antecedent_sentence INTEGER NOT NULL
);
CREATE INDEX actor_mentions_document ON actor_mentions(document_id);
CREATE INDEX actor_mentions_entity ON actor_mentions(entity_id);

CREATE TABLE places (
  id          INTEGER PRIMARY KEY,
  geonames_id INTEGER NOT NULL,
  name        TEXT NOT NULL,
  country     TEXT NOT NULL,
  admin1      TEXT NOT NULL,
  feature     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  level       INTEGER NOT NULL,
  lat         REAL,
  lon         REAL,
  population  INTEGER NOT NULL,
  UNIQUE (geonames_id, name, country)
);
CREATE INDEX places_name ON places(name COLLATE NOCASE);
CREATE INDEX places_country ON places(country);

CREATE TABLE place_mentions (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  sentence    INTEGER NOT NULL,
  first_word  INTEGER NOT NULL,
  last_word   INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  place_id    INTEGER NOT NULL REFERENCES places(id),
  score       REAL NOT NULL,
  candidates  INTEGER NOT NULL,
  locative    INTEGER NOT NULL,
  dateline    INTEGER NOT NULL
);
CREATE INDEX place_mentions_document ON place_mentions(document_id);

CREATE TABLE quotes (
  id               INTEGER PRIMARY KEY,
  document_id      INTEGER NOT NULL REFERENCES documents(id),
  kind             TEXT NOT NULL,
  start            INTEGER NOT NULL,
  end              INTEGER NOT NULL,
  first_sentence   INTEGER NOT NULL,
  last_sentence    INTEGER NOT NULL,
  text             TEXT NOT NULL,
  verb             TEXT NOT NULL,
  speaker_text     TEXT NOT NULL,
  speaker_name     TEXT NOT NULL,
  speaker_code     TEXT NOT NULL,
  speaker_entity   TEXT NOT NULL,
  speaker_link     TEXT NOT NULL,
  speaker_sentence INTEGER NOT NULL,
  speaker_start    INTEGER NOT NULL,
  speaker_end      INTEGER NOT NULL
);
CREATE INDEX quotes_document ON quotes(document_id);

CREATE TABLE events (
  id               INTEGER PRIMARY KEY,
  day              INTEGER NOT NULL,
  date             TEXT NOT NULL,
  source_code      TEXT NOT NULL,
  source_root      TEXT NOT NULL,
  source_country   TEXT NOT NULL,
  source_sector    TEXT NOT NULL,
  source_entity    TEXT NOT NULL,
  source_name      TEXT NOT NULL,
  source_kind      TEXT NOT NULL,
  target_code      TEXT NOT NULL,
  target_root      TEXT NOT NULL,
  target_country   TEXT NOT NULL,
  target_sector    TEXT NOT NULL,
  target_entity    TEXT NOT NULL,
  target_name      TEXT NOT NULL,
  target_kind      TEXT NOT NULL,
  cameo            TEXT NOT NULL,
  quad_class       INTEGER NOT NULL,
  goldstein        REAL NOT NULL,
  plover_event     TEXT NOT NULL,
  plover_mode      TEXT NOT NULL,
  plover_context   TEXT NOT NULL,
  negated          INTEGER NOT NULL,
  place_id         INTEGER REFERENCES places(id),
  is_root          INTEGER NOT NULL,
  num_mentions     INTEGER NOT NULL,
  num_articles     INTEGER NOT NULL,
  num_sources      INTEGER NOT NULL,
  first_mention_id INTEGER NOT NULL,
  date_added       TEXT NOT NULL
);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_dyad ON events(source_root, target_root, day);
CREATE INDEX events_target ON events(target_root, day);
CREATE INDEX events_key ON events(source_code, target_code, cameo, day);
CREATE INDEX events_cameo ON events(cameo, day);

CREATE TABLE event_mentions (
  id                INTEGER PRIMARY KEY,
  event_id          INTEGER NOT NULL REFERENCES events(id),
  document_id       INTEGER NOT NULL REFERENCES documents(id),
  sentence          INTEGER NOT NULL,
  date              TEXT NOT NULL,
  day               INTEGER NOT NULL,
  date_resolution   TEXT NOT NULL,
  date_origin       TEXT NOT NULL,
  cameo             TEXT NOT NULL,
  goldstein         REAL NOT NULL,
  quad_class        INTEGER NOT NULL,
  plover_event      TEXT NOT NULL,
  plover_mode       TEXT NOT NULL,
  plover_context    TEXT NOT NULL,
  source_text       TEXT NOT NULL,
  source_code       TEXT NOT NULL,
  source_country    TEXT NOT NULL,
  source_sector     TEXT NOT NULL,
  source_entity     TEXT NOT NULL,
  source_name       TEXT NOT NULL,
  source_kind       TEXT NOT NULL,
  source_role       TEXT NOT NULL,
  source_start      INTEGER NOT NULL,
  source_end        INTEGER NOT NULL,
  source_coreferent INTEGER NOT NULL,
  target_text       TEXT NOT NULL,
  target_code       TEXT NOT NULL,
  target_country    TEXT NOT NULL,
  target_sector     TEXT NOT NULL,
  target_entity     TEXT NOT NULL,
  target_name       TEXT NOT NULL,
  target_kind       TEXT NOT NULL,
  target_role       TEXT NOT NULL,
  target_start      INTEGER NOT NULL,
  target_end        INTEGER NOT NULL,
  target_coreferent INTEGER NOT NULL,
  negated           INTEGER NOT NULL,
  modality          TEXT NOT NULL,
  evidence_start    INTEGER NOT NULL,
  evidence_end      INTEGER NOT NULL,
  evidence_text     TEXT NOT NULL,
  trigger_start     INTEGER NOT NULL,
  trigger_end       INTEGER NOT NULL,
  trigger_token     INTEGER NOT NULL,
  trigger_text      TEXT NOT NULL,
  pattern_code      TEXT NOT NULL,
  pattern_text      TEXT NOT NULL,
  pattern_file      TEXT NOT NULL,
  pattern_line      INTEGER NOT NULL,
  note              TEXT NOT NULL,
  place_id          INTEGER REFERENCES places(id),
  location_origin   TEXT NOT NULL,
  lead              INTEGER NOT NULL,
  coder_id          INTEGER REFERENCES coders(id)
);
CREATE INDEX event_mentions_event ON event_mentions(event_id, document_id);
CREATE INDEX event_mentions_document ON event_mentions(document_id);
CREATE INDEX event_mentions_source_entity ON event_mentions(source_entity) WHERE source_entity <> '';
CREATE INDEX event_mentions_target_entity ON event_mentions(target_entity) WHERE target_entity <> '';
)sql";

const char* const kSchemaV2 = R"sql(
CREATE TABLE attributions (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  sentence    INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  source      TEXT NOT NULL,
  cites       TEXT NOT NULL,
  verb        TEXT NOT NULL
);
CREATE INDEX attributions_document ON attributions(document_id);
CREATE INDEX attributions_source ON attributions(source);
)sql";

// kMigrations[i] turns a version-i file into version i+1.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> steps = {kSchemaV1, kSchemaV2};
  return steps;
}

bool pragma_int(sqlite3* db, const char* sql, std::int64_t& out, std::string& error) {
  Statement st(db, sql, error);
  if (!st.ok()) return false;
  int rc = st.step(error);
  if (rc != SQLITE_ROW) return false;
  out = st.integer(0);
  return true;
}

}  // namespace

bool prepare_schema(sqlite3* db, bool read_only, std::string& error) {
  const int latest = static_cast<int>(migrations().size());
  static_assert(EventStore::kSchemaVersion == 2, "append the migration to migrations() too");
  std::int64_t version = 0, app = 0, tables = 0;
  if (!pragma_int(db, "PRAGMA user_version", version, error) || !pragma_int(db, "PRAGMA application_id", app, error) ||
      !pragma_int(db, "SELECT count(*) FROM sqlite_schema", tables, error))
    return false;
  if (app != kApplicationId && (app != 0 || tables != 0)) {
    error = "not a Kestrel event store (a SQLite database of another application)";
    return false;
  }
  if (version > latest) {
    error = "written by a newer Kestrel (schema version " + std::to_string(version) + "; this build reads up to " +
            std::to_string(latest) + "): upgrade Kestrel to read it";
    return false;
  }
  if (version == latest) return true;
  if (read_only) {
    error = version == 0 ? std::string("empty file, not a Kestrel event store")
                         : "schema version " + std::to_string(version) + " needs migrating to " +
                               std::to_string(latest) + "; open it once for writing (e.g. kestrel code --db)";
    return false;
  }
  // BEGIN IMMEDIATE: two processes creating the same new file must not both
  // run the migrations.
  if (!exec(db, "BEGIN IMMEDIATE", error)) return false;
  std::int64_t again = 0;
  if (!pragma_int(db, "PRAGMA user_version", again, error)) {
    std::string ignored;
    exec(db, "ROLLBACK", ignored);
    return false;
  }
  for (auto v = again; v < latest; ++v) {
    if (!exec(db, migrations()[static_cast<std::size_t>(v)], error)) {
      error = "migrating the schema to version " + std::to_string(v + 1) + ": " + error;
      std::string ignored;
      exec(db, "ROLLBACK", ignored);
      return false;
    }
  }
  std::string set = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                    "; PRAGMA user_version = " + std::to_string(latest) + ";";
  if (!exec(db, set, error) || !exec(db, "COMMIT", error)) {
    std::string ignored;
    exec(db, "ROLLBACK", ignored);
    return false;
  }
  return true;
}

}  // namespace kestrel::store
