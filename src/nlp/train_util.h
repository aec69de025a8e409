// Internal to the nlp stage: small helpers shared by the trainers.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "nlp/hashing.h"

namespace kestrel::nlp {

// Deterministic random numbers (splitmix64), the same on every platform, so
// a training run is reproducible from its seed.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  // Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  std::uint64_t state_;
};

}  // namespace kestrel::nlp
