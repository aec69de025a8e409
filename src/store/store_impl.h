// Internals of the store stage shared by store.cpp, schema.cpp, query.cpp and
// export.cpp. Not part of the public API.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "store/sqlite.h"
#include "store/store.h"

namespace kestrel::store {

// PRAGMA application_id of a Kestrel store ("KEST"): tells our files from
// other SQLite databases before anything is written to them.
inline constexpr std::int32_t kApplicationId = 0x4B455354;

// Creates the schema in an empty database or migrates an older one to
// EventStore::kSchemaVersion. Refuses files of other applications and newer
// versions. Runs in its own transaction.
bool prepare_schema(sqlite3* db, bool read_only, std::string& error);

// "2023-02-28" -> 20230228, "2023-02" -> 20230200, "2023" -> 20230000; 0 if
// not a date.
std::int32_t day_number(std::string_view date);
// yyyymmdd (all parts known) <-> days since 1970-01-01.
std::int64_t days_from_day(std::int32_t day);
std::int32_t day_from_days(std::int64_t days);
// yyyymmdd -> "YYYY-MM-DD" ("YYYY-MM", "YYYY" when parts are 00); "" for 0.
std::string day_text(std::int32_t day);
// Current UTC time as "YYYY-MM-DD HH:MM:SS".
std::string utc_now();

// The outlet counted by NumSources: the document's source, else its URL's
// host, else empty (then every article is its own source).
std::string outlet_of(const Document& doc);

// zstd wrappers for the stored parses.
std::string compress(std::string_view bytes);
bool decompress(std::string_view bytes, std::size_t raw_size, std::string& out);

// Who calls what: every prepared statement the writer uses.
struct WriterStatements {
  Statement find_document, insert_document, update_document, insert_sentence, insert_parse;
  Statement find_entity, insert_entity, insert_actor_mention;
  Statement find_place, insert_place, insert_place_mention, insert_quote, insert_attribution;
  Statement find_event, find_event_undated, insert_event, insert_mention, bump_event, set_first_mention;
  Statement mention_in_document, mention_in_outlet;
  Statement mentions_of_document, delete_rows[7], recount_event, delete_empty_events;
};

}  // namespace kestrel::store

namespace kestrel {

struct EventStore::Impl {
  sqlite3* db = nullptr;
  bool read_only = false;
  std::int64_t coder_id = 0;  // 0 = none
  // Guards the connection for contains(), which pipeline workers call.
  mutable std::mutex mutex;
  mutable store::Statement contains_stmt;
  std::unique_ptr<store::WriterStatements> w;
  // Batch state.
  bool in_transaction = false;
  std::size_t batch_docs = 0;
  std::chrono::steady_clock::time_point batch_started;
  // Ids of rows that are looked up on every insert, kept in memory.
  std::unordered_map<std::string, std::int64_t> entity_ids;  // code \x1f entity \x1f name
  std::unordered_map<std::string, std::int64_t> place_ids;   // geonames \x1f name \x1f country

  ~Impl() {
    contains_stmt = store::Statement();
    w.reset();
    if (db) sqlite3_close_v2(db);
  }
};

}  // namespace kestrel
