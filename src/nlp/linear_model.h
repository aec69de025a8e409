// Internal to the nlp stage: sparse multi-class linear models over hashed
// features, trained as averaged perceptrons.
//
// A feature is a 64-bit key (see hashing.h). Each feature carries weights for
// the few classes it was ever updated with, so a model over a hundred classes
// costs no more than one over four. Two classes:
//   LinearModelTrainer  mutable, used only while training; keeps the running
//                       sums needed for averaging.
//   LinearModel         frozen and immutable: an open-addressing table of
//                       32-bit fingerprints with 16-bit quantised weights,
//                       laid out so a lookup touches one or two cache lines.
//                       Safe to share between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/model_file.h"
#include "nlp/large_array.h"

namespace kestrel::nlp {

class LinearModel {
 public:
  std::uint32_t num_classes() const { return num_classes_; }
  std::size_t num_features() const { return features_; }
  std::size_t num_weights() const { return num_weights_; }

  // scores[c] += weight(key, c) for every key in the model; unknown keys are
  // ignored. `scores` must hold num_classes() floats.
  void add_scores(const std::uint64_t* keys, std::size_t n, float* scores) const noexcept;

  void write(ByteWriter& out) const;
  // Reads what write() wrote. Checks every index, so a corrupt table is
  // refused here rather than read out of bounds later.
  bool read(ByteReader& in, std::string& error);

  bool operator==(const LinearModel& other) const;

 private:
  friend class LinearModelTrainer;
  struct Slot {
    std::uint32_t fingerprint;  // 0 = empty
    std::uint32_t start;        // weights of this slot: [start, next slot's start)
  };
  struct Weight {
    std::uint16_t cls;
    std::int16_t value;  // times scale_
  };
  // In memory, a feature's weights never straddle a cache line they need
  // not: a run of at most a line's worth sits within one line, a longer run
  // starts at a line. The gaps are filled with zero weights of class 0,
  // which add nothing and count for the slot before them; the file holds
  // the table without them (write() strips them, read() puts them back).
  // With at most 256 classes, the weights are kept in three bytes each
  // instead (compact_weights(): bytes_ instead of weights_), laid out the
  // same way.
  void pad_weights();
  bool compact_weights();
  // The table as the file holds it (without the padding).
  void unpadded(std::vector<Slot>& slots, std::vector<Weight>& weights) const;

  std::uint32_t num_classes_ = 0;
  std::uint64_t capacity_ = 0;  // slots in the table
  std::size_t features_ = 0;
  std::size_t num_weights_ = 0;  // without the padding
  bool padded_ = false;
  bool compact_ = false;
  float scale_ = 1.0f;
  LargeArray<Slot> slots_;  // capacity_ + 1 entries; the last is a sentinel
  LargeArray<Weight> weights_;
  LargeArray<std::uint8_t> bytes_;  // compact_: weights in three bytes each
};

class LinearModelTrainer {
 public:
  explicit LinearModelTrainer(std::uint32_t num_classes);

  std::uint32_t num_classes() const { return num_classes_; }
  std::size_t num_features() const { return used_; }

  // Current (not averaged) weights.
  void add_scores(const std::uint64_t* keys, std::size_t n, float* scores) const;
  // weight(key, cls) += delta for every key.
  void update(const std::uint64_t* keys, std::size_t n, std::uint32_t cls, float delta);
  // Advances the averaging clock; call once per training decision.
  void tick() { ++step_; }

  // Averaged weights, quantised; weights whose magnitude is below
  // `min_weight` are dropped.
  LinearModel freeze(float min_weight) const;

 private:
  // Weights of one feature live in a contiguous run of the arenas; a run
  // that fills up moves to the end with twice the room.
  struct Row {
    std::uint32_t offset = 0;
    std::uint16_t size = 0;
    std::uint16_t capacity = 0;
  };
  struct Hot {  // read when scoring
    std::uint32_t cls;
    float weight;
  };
  struct Cold {  // read when averaging
    double total;        // sum of the weight over all steps up to `last`
    std::uint64_t last;  // step of the last change
  };
  std::uint32_t find(std::uint64_t key) const;  // row index + 1, or 0
  std::uint32_t find_or_insert(std::uint64_t key);
  void grow();

  std::uint32_t num_classes_;
  std::vector<std::uint64_t> keys_;  // 0 = empty slot
  std::vector<std::uint32_t> rows_of_;  // per slot: row index + 1
  std::size_t used_ = 0;
  std::vector<Row> rows_;
  std::vector<Hot> hot_;
  std::vector<Cold> cold_;
  std::uint64_t step_ = 1;
};

}  // namespace kestrel::nlp
