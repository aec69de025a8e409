// The on-disk layout of the compiled gazetteer, shared by the compiler and
// the loader (internal to the doc stage).
//
// Model file kind "gazetteer". Format versions:
//   1  records, keys, postings, strings, features, countries, about; every
//      section is a u64 raw size followed by one zstd frame (the file is
//      committed, and compression halves it)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kestrel::gazetteer_format {

inline constexpr std::string_view kKind = "gazetteer";
inline constexpr std::uint32_t kVersion = 1;

// One place; 32 bytes so the whole table is one memcpy on load.
struct Record {
  std::uint32_t geonames_id;
  float lat;  // NaN when the place has no known point
  float lon;
  std::uint32_t population;
  std::uint32_t name_off;   // into the strings blob
  std::uint32_t admin_off;  // into the strings blob
  std::uint16_t name_len;
  std::uint8_t admin_len;
  std::uint8_t kind;        // PlaceKind
  char country[3];          // ISO alpha-3
  std::uint8_t feature;     // index into the feature-code table
};
static_assert(sizeof(Record) == 32);

// One normalized name; its places are postings[postings_off, +count).
// Sorted by (hash, key) so lookup is a binary search without touching text.
struct Key {
  std::uint64_t hash;
  std::uint32_t key_off;
  std::uint32_t postings_off;
  std::uint16_t key_len;
  std::uint16_t count;
  std::uint32_t reserved;
};
static_assert(sizeof(Key) == 24);

// Country code table: alpha-2, alpha-3, record index.
struct CountryCode {
  char alpha2[2];
  char alpha3[3];
  char reserved[3];
  std::uint32_t record;
};
static_assert(sizeof(CountryCode) == 12);

std::string compress_section(std::string_view raw);
// nullopt when the bytes are not a well-formed compressed section.
std::optional<std::string> decompress_section(std::string_view stored);

}  // namespace kestrel::gazetteer_format
