// Internal to the nlp stage: 64-bit hashing of strings and feature tuples.
//
// Every feature the tagger and parser use is a 64-bit key made by mixing a
// template id with the atoms it reads (string hashes, tag ids, distances).
// The mixing below is part of the model format: a model trained with one
// seed or one mixing function is useless with another, so the seed is stored
// in the model file and kFeatureHashVersion must change if this code does.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace kestrel::nlp {

inline constexpr std::uint32_t kFeatureHashVersion = 1;

// Bijective 64-bit finaliser (multiply-xorshift); spreads every input bit
// over the whole word.
[[gnu::always_inline]] constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185ULL;
  x ^= x >> 27;
  x *= 0x81dadef4bc2dd44dULL;
  x ^= x >> 33;
  return x;
}

// Hash of a byte string: 8 bytes at a time, then the tail and the length.
inline std::uint64_t hash_string(std::string_view s, std::uint64_t seed) noexcept {
  std::uint64_t h = mix64(seed ^ 0x9e3779b97f4a7c15ULL);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t block = 0;
    std::memcpy(&block, p, 8);
    h = mix64(h ^ block) + 0x632be59bd9b4e019ULL;
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  if (n > 0) std::memcpy(&tail, p, n);
  return mix64(h ^ tail ^ (static_cast<std::uint64_t>(s.size()) << 56));
}

// The tagger and parser build dozens of keys per decision, so the functions
// below are always inlined (a call per key costs more than its arithmetic).

// Combines a running feature key with one more atom.
[[gnu::always_inline]] constexpr std::uint64_t combine(std::uint64_t h, std::uint64_t atom) noexcept {
  return mix64(h ^ (atom + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

// Feature key for template `id` (the seed makes keys model-specific).
[[gnu::always_inline]] constexpr std::uint64_t feature(std::uint64_t seed, std::uint32_t id, std::uint64_t a) noexcept {
  return combine(combine(seed, id), a);
}
[[gnu::always_inline]] constexpr std::uint64_t feature(std::uint64_t seed, std::uint32_t id, std::uint64_t a,
                                std::uint64_t b) noexcept {
  return combine(combine(combine(seed, id), a), b);
}
[[gnu::always_inline]] constexpr std::uint64_t feature(std::uint64_t seed, std::uint32_t id, std::uint64_t a,
                                std::uint64_t b, std::uint64_t c) noexcept {
  return combine(combine(combine(combine(seed, id), a), b), c);
}

}  // namespace kestrel::nlp
