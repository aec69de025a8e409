#include "nlp/linear_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "nlp/hashing.h"

namespace kestrel::nlp {
namespace {

constexpr std::uint64_t nonzero_key(std::uint64_t key) { return key == 0 ? 1 : key; }
// Home slot of a key in a table of `capacity` slots (Lemire's multiply-shift
// range reduction of the key's low half; the high half is the fingerprint).
constexpr std::uint64_t home_slot(std::uint64_t key, std::uint64_t capacity) {
  return ((key & 0xffffffffULL) * capacity) >> 32;
}

constexpr std::uint32_t fingerprint_of(std::uint64_t key) {
  auto fp = static_cast<std::uint32_t>(key >> 32);
  return fp == 0 ? 1 : fp;
}

}  // namespace

// ---------------------------------------------------------------------------
// LinearModel

void LinearModel::add_scores(const std::uint64_t* keys, std::size_t n, float* scores) const noexcept {
  if (slots_.empty()) return;
  const Slot* slots = slots_.data();
  const Weight* weights = weights_.data();
  const std::uint8_t* compact = compact_ ? bytes_.data() : nullptr;  // see pad_weights()
  // A lookup is two dependent memory reads (slot, then weights) that miss
  // the cache for most features. Three sweeps over a batch let the misses
  // of different features overlap instead of queueing one after another;
  // a batch holds all of a decision's features (kMaxBatch covers the
  // largest template set), and every cache line of a feature's weights is
  // requested, not just the first.
  constexpr std::size_t kMaxBatch = 128;
  constexpr std::size_t kWeightsPerLine = 64 / sizeof(Weight);
  std::uint32_t begin[kMaxBatch];
  std::uint32_t end[kMaxBatch];
  // Sums stay integers (exact) and are scaled once per class.
  std::int32_t sums_small[256];
  std::vector<std::int32_t> sums_large;
  std::int32_t* sums = sums_small;
  if (num_classes_ > 256) {
    sums_large.assign(num_classes_, 0);
    sums = sums_large.data();
  } else {
    std::fill_n(sums, num_classes_, 0);
  }
  for (std::size_t base = 0; base < n; base += kMaxBatch) {
    const std::size_t count = std::min(n - base, kMaxBatch);
    for (std::size_t i = 0; i < count; ++i) {
      // A lookup reads its home slot, the slot after it (where its weights
      // end) and, if the home is taken by another feature, the next ones:
      // near the end of a line, the next line too.
      const Slot* home = slots + home_slot(keys[base + i], capacity_);
      __builtin_prefetch(home);
      if ((reinterpret_cast<std::uintptr_t>(home) & 63) >= 64 - 2 * sizeof(Slot)) __builtin_prefetch(home + 2);
    }
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint64_t key = keys[base + i];
      const std::uint32_t fp = fingerprint_of(key);
      std::uint64_t s = home_slot(key, capacity_);
      begin[i] = end[i] = 0;
      while (true) {
        const std::uint32_t f = slots[s].fingerprint;
        if (f == fp) {
          begin[i] = slots[s].start;
          end[i] = slots[s + 1].start;
          if (compact != nullptr) {
            for (std::uint32_t b = begin[i]; b < end[i]; b += 64) __builtin_prefetch(compact + b);
            if (begin[i] < end[i]) __builtin_prefetch(compact + end[i] - 1);
          } else {
            for (std::uint32_t w = begin[i]; w < end[i]; w += kWeightsPerLine) __builtin_prefetch(weights + w);
          }
          break;
        }
        if (f == 0) break;
        if (++s == capacity_) s = 0;
      }
    }
    if (compact != nullptr) {
      for (std::size_t i = 0; i < count; ++i) {
        const std::uint32_t m = (end[i] - begin[i]) / 3;
        const std::uint8_t* cls = compact + begin[i];
        const std::uint8_t* values = cls + m;
        for (std::uint32_t w = 0; w < m; ++w) {
          std::int16_t v;
          std::memcpy(&v, values + 2 * w, sizeof v);
          sums[cls[w]] += v;
        }
      }
    } else {
      for (std::size_t i = 0; i < count; ++i)
        for (std::uint32_t w = begin[i]; w < end[i]; ++w) sums[weights[w].cls] += weights[w].value;
    }
  }
  const float scale = scale_;
  for (std::uint32_t c = 0; c < num_classes_; ++c) scores[c] += scale * static_cast<float>(sums[c]);
}

void LinearModel::unpadded(std::vector<Slot>& slots, std::vector<Weight>& weights) const {
  slots.assign(slots_.begin(), slots_.end());
  weights.clear();
  weights.reserve(num_weights_);
  if (compact_) {
    for (std::size_t s = 0; s + 1 < slots_.size(); ++s) {
      slots[s].start = static_cast<std::uint32_t>(weights.size());
      const std::uint32_t m = (slots_[s + 1].start - slots_[s].start) / 3;
      const std::uint8_t* cls = bytes_.data() + slots_[s].start;
      for (std::uint32_t w = 0; w < m; ++w) {
        std::int16_t v;
        std::memcpy(&v, cls + m + 2 * w, sizeof v);
        if (v != 0) weights.push_back(Weight{cls[w], v});
      }
    }
    if (!slots.empty()) slots.back().start = static_cast<std::uint32_t>(weights.size());
    return;
  }
  if (!padded_) {
    weights.assign(weights_.begin(), weights_.end());
    return;
  }
  // Real weights are never 0 (pad_weights() checks), so the padding is
  // exactly the zero weights.
  for (std::size_t s = 0; s + 1 < slots_.size(); ++s) {
    slots[s].start = static_cast<std::uint32_t>(weights.size());
    for (std::uint32_t w = slots_[s].start; w < slots_[s + 1].start; ++w)
      if (weights_[w].value != 0) weights.push_back(weights_[w]);
  }
  if (!slots.empty()) slots.back().start = static_cast<std::uint32_t>(weights.size());
}

void LinearModel::pad_weights() {
  padded_ = compact_ = false;
  num_weights_ = weights_.size();
  if (slots_.empty()) return;
  for (const Weight& w : weights_)
    if (w.value == 0) return;  // padding could not be told apart: leave the table as it is
  if (num_classes_ <= 256 && compact_weights()) return;
  constexpr std::size_t kPerLine = 64 / sizeof(Weight);
  static_assert(64 % sizeof(Weight) == 0);
  std::vector<Slot> slots(slots_.begin(), slots_.end());
  std::vector<Weight> weights;
  weights.reserve(weights_.size() + weights_.size() / 4 + kPerLine);
  for (std::size_t s = 0; s + 1 < slots_.size(); ++s) {
    const std::uint32_t begin = slots_[s].start;
    const std::uint32_t end = slots_[s + 1].start;
    const std::size_t n = end - begin;
    if (n > 0) {
      const std::size_t offset = weights.size() % kPerLine;
      if (n <= kPerLine ? offset + n > kPerLine : offset != 0) weights.resize(weights.size() + kPerLine - offset, Weight{0, 0});
      if (weights.size() > 0xffffffffULL - n) return;  // too big to index: leave the table as it is
    }
    slots[s].start = static_cast<std::uint32_t>(weights.size());
    weights.insert(weights.end(), weights_.begin() + begin, weights_.begin() + end);
  }
  slots.back().start = static_cast<std::uint32_t>(weights.size());
  slots_ = LargeArray<Slot>(slots.data(), slots.size());  // 64-byte aligned, so lines of weights are too
  weights_ = LargeArray<Weight>(weights.data(), weights.size());
  padded_ = true;
}

bool LinearModel::compact_weights() {
  // Three bytes a weight: a run of m weights is m class bytes, then m
  // 16-bit values, at a byte offset (Slot::start). Padding entries are
  // added to the run before one that would straddle a line it need not: a
  // run of at most kShort weights then sits within one line, a longer one
  // starts in the first bytes of a line.
  constexpr std::size_t kShort = 20;  // 60 bytes: fits a line from offset 0..4
  const std::size_t slots = slots_.size();
  std::vector<std::uint32_t> count(slots, 0);  // entries per slot, padding included
  std::uint64_t pos = 0;
  for (std::size_t s = 0; s + 1 < slots; ++s) {
    const std::uint32_t n = slots_[s + 1].start - slots_[s].start;
    if (n > 0 && s > 0) {
      const std::uint64_t offset = pos % 64;
      if (n <= kShort ? offset + 3 * n > 64 : offset > 2) {
        const std::uint64_t pad = (64 - offset + 2) / 3;
        count[s - 1] += static_cast<std::uint32_t>(pad);
        pos += 3 * pad;
      }
    }
    count[s] += n;
    pos += 3 * std::uint64_t{n};
  }
  if (pos >= 0xffffffffULL) return false;  // too big for 32-bit offsets
  bytes_ = LargeArray<std::uint8_t>(static_cast<std::size_t>(pos));  // zeroed, 64-byte aligned
  std::uint8_t* bytes = bytes_.data();
  std::uint64_t at = 0;
  for (std::size_t s = 0; s + 1 < slots; ++s) {
    const std::uint32_t first = slots_[s].start;
    const std::uint32_t n = slots_[s + 1].start - first;  // slot s + 1 is not rewritten yet
    slots_[s].start = static_cast<std::uint32_t>(at);
    const std::uint32_t m = count[s];
    for (std::uint32_t w = 0; w < n; ++w) {
      const Weight& weight = weights_[first + w];
      bytes[at + w] = static_cast<std::uint8_t>(weight.cls);
      std::memcpy(bytes + at + m + 2 * w, &weight.value, sizeof weight.value);
    }
    at += 3 * std::uint64_t{m};  // padding entries stay zero: class 0, value 0
  }
  slots_.back().start = static_cast<std::uint32_t>(at);
  weights_ = LargeArray<Weight>();
  compact_ = true;
  return true;
}

void LinearModel::write(ByteWriter& out) const {
  std::vector<Slot> slots;
  std::vector<Weight> weights;
  unpadded(slots, weights);
  out.u32(num_classes_);
  out.u64(capacity_);
  out.u64(features_);
  out.f32(scale_);
  out.u64(slots.size());
  out.raw(slots.data(), slots.size() * sizeof(Slot));
  out.u64(weights.size());
  out.raw(weights.data(), weights.size() * sizeof(Weight));
}

bool LinearModel::read(ByteReader& in, std::string& error) {
  num_classes_ = in.u32();
  capacity_ = in.u64();
  features_ = in.u64();
  scale_ = in.f32();
  // Straight from the file's bytes into the tables: a model is tens of
  // megabytes, and every extra copy is page faults at load time.
  const auto read_array = [&in](auto& out) {
    using T = std::remove_reference_t<decltype(out[0])>;
    const std::uint64_t n = in.u64();
    if (in.failed() || n > in.remaining() / sizeof(T)) {
      in.fail();
      return;
    }
    out = std::remove_reference_t<decltype(out)>(static_cast<std::size_t>(n));
    if (n > 0) in.raw(out.data(), static_cast<std::size_t>(n) * sizeof(T));
  };
  read_array(slots_);
  read_array(weights_);
  if (in.failed()) {
    error = "linear model is truncated";
    return false;
  }
  if (num_classes_ == 0 || num_classes_ > 65535 || !std::isfinite(scale_)) {
    error = "linear model header is invalid";
    return false;
  }
  padded_ = compact_ = false;
  bytes_ = LargeArray<std::uint8_t>();
  num_weights_ = weights_.size();
  if (slots_.empty() && weights_.empty() && capacity_ == 0 && features_ == 0) return true;  // empty model
  if (capacity_ == 0 || capacity_ > 0xffffffffULL || slots_.size() != capacity_ + 1) {
    error = "linear model table size is invalid";
    return false;
  }
  std::size_t used = 0;
  for (std::size_t s = 0; s + 1 < slots_.size(); ++s) {
    if (slots_[s + 1].start < slots_[s].start) {
      error = "linear model table is not ordered";
      return false;
    }
    if (slots_[s].fingerprint != 0) {
      ++used;
    } else if (slots_[s + 1].start != slots_[s].start) {
      error = "linear model has weights in an empty slot";
      return false;
    }
  }
  if (slots_.back().start != weights_.size() || slots_[0].start != 0) {
    error = "linear model weight count does not match its table";
    return false;
  }
  // A lookup stops at an empty slot, so there must be one.
  if (used != features_ || used >= capacity_) {
    error = "linear model table is full or miscounted";
    return false;
  }
  for (const Weight& w : weights_) {
    if (w.cls >= num_classes_) {
      error = "linear model refers to a class it does not have";
      return false;
    }
  }
  pad_weights();
  return true;
}

bool LinearModel::operator==(const LinearModel& other) const {
  // The tables as the file holds them (the layouts in memory may differ).
  std::vector<Slot> slots, other_slots;
  std::vector<Weight> weights, other_weights;
  unpadded(slots, weights);
  other.unpadded(other_slots, other_weights);
  const auto same_slot = [](const Slot& x, const Slot& y) { return x.fingerprint == y.fingerprint && x.start == y.start; };
  const auto same_weight = [](const Weight& x, const Weight& y) { return x.cls == y.cls && x.value == y.value; };
  return num_classes_ == other.num_classes_ && capacity_ == other.capacity_ && features_ == other.features_ &&
         scale_ == other.scale_ &&
         std::equal(slots.begin(), slots.end(), other_slots.begin(), other_slots.end(), same_slot) &&
         std::equal(weights.begin(), weights.end(), other_weights.begin(), other_weights.end(), same_weight);
}

// ---------------------------------------------------------------------------
// LinearModelTrainer

LinearModelTrainer::LinearModelTrainer(std::uint32_t num_classes)
    : num_classes_(num_classes), keys_(1 << 16, 0), rows_of_(1 << 16, 0) {}

std::uint32_t LinearModelTrainer::find(std::uint64_t key) const {
  key = nonzero_key(key);
  const std::size_t mask = keys_.size() - 1;
  std::size_t s = key & mask;
  while (keys_[s] != 0) {
    if (keys_[s] == key) return rows_of_[s];
    s = (s + 1) & mask;
  }
  return 0;
}

std::uint32_t LinearModelTrainer::find_or_insert(std::uint64_t key) {
  key = nonzero_key(key);
  if ((used_ + 1) * 2 > keys_.size()) grow();
  const std::size_t mask = keys_.size() - 1;
  std::size_t s = key & mask;
  while (keys_[s] != 0) {
    if (keys_[s] == key) return rows_of_[s];
    s = (s + 1) & mask;
  }
  keys_[s] = key;
  rows_.push_back(Row{});
  rows_of_[s] = static_cast<std::uint32_t>(rows_.size());
  ++used_;
  return rows_of_[s];
}

void LinearModelTrainer::grow() {
  std::vector<std::uint64_t> old_keys(keys_.size() * 2, 0);
  std::vector<std::uint32_t> old_rows(rows_of_.size() * 2, 0);
  old_keys.swap(keys_);
  old_rows.swap(rows_of_);
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] == 0) continue;
    std::size_t s = old_keys[i] & mask;
    while (keys_[s] != 0) s = (s + 1) & mask;
    keys_[s] = old_keys[i];
    rows_of_[s] = old_rows[i];
  }
}

void LinearModelTrainer::add_scores(const std::uint64_t* keys, std::size_t n, float* scores) const {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t r = find(keys[i]);
    if (r == 0) continue;
    const Row& row = rows_[r - 1];
    const Hot* hot = hot_.data() + row.offset;
    for (std::uint32_t j = 0; j < row.size; ++j) scores[hot[j].cls] += hot[j].weight;
  }
}

void LinearModelTrainer::update(const std::uint64_t* keys, std::size_t n, std::uint32_t cls, float delta) {
  for (std::size_t i = 0; i < n; ++i) {
    Row& row = rows_[find_or_insert(keys[i]) - 1];
    std::uint32_t j = 0;
    while (j < row.size && hot_[row.offset + j].cls != cls) ++j;
    if (j == row.size) {
      if (row.size == row.capacity) {
        const std::uint32_t capacity = row.capacity == 0 ? 2 : std::min<std::uint32_t>(2u * row.capacity, 65535u);
        const auto offset = static_cast<std::uint32_t>(hot_.size());
        hot_.resize(hot_.size() + capacity);
        cold_.resize(cold_.size() + capacity);
        std::copy_n(hot_.begin() + row.offset, row.size, hot_.begin() + offset);
        std::copy_n(cold_.begin() + row.offset, row.size, cold_.begin() + offset);
        row.offset = offset;
        row.capacity = static_cast<std::uint16_t>(capacity);
      }
      hot_[row.offset + j] = Hot{cls, 0.0f};
      cold_[row.offset + j] = Cold{0.0, step_};
      ++row.size;
    }
    Hot& hot = hot_[row.offset + j];
    Cold& cold = cold_[row.offset + j];
    cold.total += static_cast<double>(hot.weight) * static_cast<double>(step_ - cold.last);
    cold.last = step_;
    hot.weight += delta;
  }
}

LinearModel LinearModelTrainer::freeze(float min_weight) const {
  struct Averaged {
    std::uint64_t key;
    std::uint32_t first;  // index into `values`
    std::uint32_t count;
  };
  std::vector<Averaged> features;
  std::vector<std::pair<std::uint16_t, float>> values;
  const double steps = static_cast<double>(step_);
  float max_abs = 0.0f;
  for (std::size_t s = 0; s < keys_.size(); ++s) {
    if (keys_[s] == 0) continue;
    const auto first = static_cast<std::uint32_t>(values.size());
    const Row& row = rows_[rows_of_[s] - 1];
    for (std::uint32_t j = row.offset; j < row.offset + row.size; ++j) {
      const double total =
          cold_[j].total + static_cast<double>(hot_[j].weight) * static_cast<double>(step_ - cold_[j].last);
      const auto avg = static_cast<float>(total / steps);
      if (std::fabs(avg) < min_weight || avg == 0.0f) continue;
      values.emplace_back(static_cast<std::uint16_t>(hot_[j].cls), avg);
      max_abs = std::max(max_abs, std::fabs(avg));
    }
    if (values.size() > first)
      features.push_back({keys_[s], first, static_cast<std::uint32_t>(values.size() - first)});
  }

  LinearModel model;
  model.num_classes_ = num_classes_;
  if (features.empty()) return model;
  model.scale_ = max_abs > 0.0f ? max_abs / 32767.0f : 1.0f;
  // Drop weights that quantise to zero, and features left with none.
  std::size_t kept_features = 0;
  for (Averaged& f : features) {
    std::uint32_t kept = 0;
    for (std::uint32_t i = 0; i < f.count; ++i) {
      auto q = std::lround(values[f.first + i].second / model.scale_);
      if (q != 0) values[f.first + kept++] = values[f.first + i];
    }
    f.count = kept;
    if (kept > 0) features[kept_features++] = f;
  }
  features.resize(kept_features);

  // Load factor 0.6: a miss (most lookups of unseen feature combinations)
  // then probes about three slots, all in one or two cache lines.
  const std::size_t capacity = features.size() + features.size() * 2 / 3 + 1;
  model.capacity_ = capacity;
  model.features_ = features.size();
  std::vector<std::int64_t> owner(capacity, -1);
  for (std::size_t i = 0; i < features.size(); ++i) {
    std::uint64_t s = home_slot(features[i].key, capacity);
    while (owner[s] >= 0)
      if (++s == capacity) s = 0;
    owner[s] = static_cast<std::int64_t>(i);
  }
  std::vector<LinearModel::Slot> slots(capacity + 1);
  std::vector<LinearModel::Weight> weights;
  for (std::size_t s = 0; s < capacity; ++s) {
    slots[s].start = static_cast<std::uint32_t>(weights.size());
    if (owner[s] < 0) {
      slots[s].fingerprint = 0;
      continue;
    }
    const Averaged& f = features[static_cast<std::size_t>(owner[s])];
    slots[s].fingerprint = fingerprint_of(f.key);
    std::vector<std::pair<std::uint16_t, float>> row(values.begin() + f.first,
                                                     values.begin() + f.first + f.count);
    std::sort(row.begin(), row.end());
    for (const auto& [cls, value] : row) {
      auto q = std::clamp<long>(std::lround(value / model.scale_), -32767, 32767);
      weights.push_back({cls, static_cast<std::int16_t>(q)});
    }
  }
  slots[capacity] = {0, static_cast<std::uint32_t>(weights.size())};
  model.slots_ = LargeArray<LinearModel::Slot>(slots.data(), slots.size());
  model.weights_ = LargeArray<LinearModel::Weight>(weights.data(), weights.size());
  model.pad_weights();
  return model;
}

}  // namespace kestrel::nlp
