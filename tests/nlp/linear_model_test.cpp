// Averaged perceptron weights: training, freezing, storing.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nlp/hashing.h"
#include "nlp/linear_model.h"

namespace kestrel::nlp {
namespace {

TEST(LinearModel, AveragesQuantisesAndLooksUp) {
  LinearModelTrainer trainer(3);
  const std::uint64_t a = feature(7, 1, 100), b = feature(7, 2, 200), unseen = feature(7, 3, 300);
  // Step 1: a -> class 2 (+1). Steps 2..4: nothing. Average over 4 steps.
  trainer.update(&a, 1, 2, 1.0f);
  trainer.tick();
  trainer.tick();
  trainer.tick();
  trainer.update(&b, 1, 0, -2.0f);
  trainer.tick();
  float live[3] = {0, 0, 0};
  trainer.add_scores(&a, 1, live);
  EXPECT_FLOAT_EQ(live[2], 1.0f);

  const LinearModel model = trainer.freeze(0.0f);
  EXPECT_EQ(model.num_classes(), 3u);
  EXPECT_EQ(model.num_features(), 2u);
  float scores[3] = {0, 0, 0};
  const std::uint64_t keys[] = {a, b, unseen};
  model.add_scores(keys, 3, scores);
  // a was 1 for all 4 steps after its update at step 1; b was -2 for 1 of 5.
  EXPECT_NEAR(scores[2], 4.0f / 5.0f, 1e-3);
  EXPECT_NEAR(scores[0], -2.0f / 5.0f, 1e-3);
  EXPECT_EQ(scores[1], 0.0f);
}

TEST(LinearModel, DropsSmallWeights) {
  LinearModelTrainer trainer(2);
  for (std::uint64_t f = 1; f <= 100; ++f) {
    const std::uint64_t key = feature(1, 1, f);
    trainer.update(&key, 1, f % 2, f <= 50 ? 0.5f : 3.0f);
    trainer.tick();
  }
  const LinearModel all = trainer.freeze(0.0f);
  const LinearModel big = trainer.freeze(1.0f);
  EXPECT_EQ(all.num_features(), 100u);
  EXPECT_LT(big.num_features(), 51u);
  EXPECT_GT(big.num_features(), 0u);
}

TEST(LinearModel, WriteReadRoundTripAndCorruption) {
  LinearModelTrainer trainer(5);
  for (std::uint64_t f = 0; f < 1000; ++f) {
    const std::uint64_t key = feature(3, static_cast<std::uint32_t>(f % 7), f);
    trainer.update(&key, 1, static_cast<std::uint32_t>(f % 5), 1.0f);
    trainer.tick();
  }
  const LinearModel model = trainer.freeze(0.0f);
  ByteWriter out;
  model.write(out);
  {
    ByteReader in(out.bytes());
    LinearModel copy;
    std::string error;
    ASSERT_TRUE(copy.read(in, error)) << error;
    EXPECT_TRUE(in.at_end());
    EXPECT_TRUE(copy == model);
  }
  {
    // Truncated.
    ByteReader in(std::string_view(out.bytes()).substr(0, out.bytes().size() - 3));
    LinearModel copy;
    std::string error;
    EXPECT_FALSE(copy.read(in, error));
    EXPECT_FALSE(error.empty());
  }
  {
    // A class index past the end must be refused, not read out of bounds.
    std::string bytes = out.bytes();
    bytes[bytes.size() - 4] = '\xff';
    bytes[bytes.size() - 3] = '\xff';
    ByteReader in(bytes);
    LinearModel copy;
    std::string error;
    EXPECT_FALSE(copy.read(in, error));
  }
  {
    // A table without an empty slot would make lookups loop forever.
    ByteWriter bad;
    bad.u32(2);           // classes
    bad.u64(1);           // capacity
    bad.u64(1);           // features
    bad.f32(1.0f);        // scale
    bad.u64(2);           // slots: one full, the sentinel
    bad.u32(77), bad.u32(0), bad.u32(0), bad.u32(1);
    bad.u64(1);           // weights
    bad.raw("\x01\x00\x05\x00", 4);
    ByteReader in(bad.bytes());
    LinearModel copy;
    std::string error;
    EXPECT_FALSE(copy.read(in, error));
  }
}

// Features with 1..70 weights, so that runs straddle cache lines and get
// padded in memory (linear_model.h); the file must not see the padding.
// With at most 256 classes the weights are kept in three bytes, else in four.
class PaddedTable : public testing::TestWithParam<std::uint32_t> {};

TEST_P(PaddedTable, WritesTheFileItReadAndScoresAsIt) {
  const std::uint32_t num_classes = GetParam();
  LinearModelTrainer trainer(num_classes);
  std::vector<std::uint64_t> keys;
  for (std::uint64_t f = 0; f < 700; ++f) {
    const std::uint64_t key = feature(5, 1, f);
    keys.push_back(key);
    for (std::uint32_t c = 0; c <= f % 70; ++c)
      trainer.update(&key, 1, (c * 7 + static_cast<std::uint32_t>(f)) % num_classes,
                     (c % 3 == 0 ? -1.0f : 1.0f) * static_cast<float>(1 + f % 7));
    trainer.tick();
  }
  keys.push_back(feature(5, 2, 1));  // unseen
  const LinearModel model = trainer.freeze(0.0f);
  ByteWriter out;
  model.write(out);
  ByteReader in(out.bytes());
  LinearModel copy;
  std::string error;
  ASSERT_TRUE(copy.read(in, error)) << error;
  EXPECT_TRUE(copy == model);
  EXPECT_EQ(copy.num_weights(), model.num_weights());
  ByteWriter again;
  copy.write(again);
  EXPECT_EQ(again.bytes(), out.bytes());
  // Scores match a plain reading of the file's table.
  ByteReader raw(out.bytes());
  const std::uint32_t classes = raw.u32();
  const std::uint64_t capacity = raw.u64();
  raw.u64();
  const float scale = raw.f32();
  struct Slot {
    std::uint32_t fingerprint, start;
  };
  struct Weight {
    std::uint16_t cls;
    std::int16_t value;
  };
  const std::vector<Slot> slots = raw.array<Slot>();
  const std::vector<Weight> weights = raw.array<Weight>();
  ASSERT_FALSE(raw.failed());
  for (const std::uint64_t key : keys) {
    std::vector<std::int32_t> sums(classes, 0);
    std::uint32_t fp = static_cast<std::uint32_t>(key >> 32);
    if (fp == 0) fp = 1;
    for (std::uint64_t s = ((key & 0xffffffffULL) * capacity) >> 32; slots[s].fingerprint != 0; s = (s + 1) % capacity) {
      if (slots[s].fingerprint != fp) continue;
      for (std::uint32_t w = slots[s].start; w < slots[s + 1].start; ++w) sums[weights[w].cls] += weights[w].value;
      break;
    }
    std::vector<float> expected(classes, 0.0f), got(classes, 0.0f);
    for (std::uint32_t c = 0; c < classes; ++c) expected[c] = scale * static_cast<float>(sums[c]);
    copy.add_scores(&key, 1, got.data());
    EXPECT_EQ(got, expected);
  }
  // All at once, as a decision looks them up.
  std::vector<float> all(classes, 0.0f), each(classes, 0.0f);
  copy.add_scores(keys.data(), keys.size(), all.data());
  for (const std::uint64_t key : keys) model.add_scores(&key, 1, each.data());
  for (std::uint32_t c = 0; c < classes; ++c) EXPECT_NEAR(all[c], each[c], 1e-3f * (1.0f + std::fabs(each[c])));
}

INSTANTIATE_TEST_SUITE_P(Classes, PaddedTable, testing::Values(40u, 256u, 300u));

}  // namespace
}  // namespace kestrel::nlp
