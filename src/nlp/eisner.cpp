#include "nlp/eisner.h"

#include <limits>

namespace kestrel::nlp {
namespace {

// Spans over the words 1..n; [s][t] flattened as s * (n + 1) + t.
struct Chart {
  explicit Chart(int n)
      : size(static_cast<std::size_t>(n + 1)),
        complete_left(size * size, 0.0f), complete_right(size * size, 0.0f),
        incomplete_left(size * size, 0.0f), incomplete_right(size * size, 0.0f),
        split_cl(size * size, 0), split_cr(size * size, 0), split_il(size * size, 0), split_ir(size * size, 0) {}
  std::size_t at(int s, int t) const { return static_cast<std::size_t>(s) * size + static_cast<std::size_t>(t); }
  std::size_t size;
  // left: the head is t; right: the head is s.
  std::vector<float> complete_left, complete_right, incomplete_left, incomplete_right;
  std::vector<int> split_cl, split_cr, split_il, split_ir;
};

void backtrack(const Chart& c, int s, int t, bool complete, bool right, std::vector<int>& heads) {
  if (s == t) return;
  const std::size_t i = c.at(s, t);
  if (complete) {
    if (right) {
      const int r = c.split_cr[i];
      backtrack(c, s, r, false, true, heads);
      backtrack(c, r, t, true, true, heads);
    } else {
      const int r = c.split_cl[i];
      backtrack(c, s, r, true, false, heads);
      backtrack(c, r, t, false, false, heads);
    }
  } else {
    if (right) {
      heads[static_cast<std::size_t>(t)] = s;
      const int r = c.split_ir[i];
      backtrack(c, s, r, true, true, heads);
      backtrack(c, r + 1, t, true, false, heads);
    } else {
      heads[static_cast<std::size_t>(s)] = t;
      const int r = c.split_il[i];
      backtrack(c, s, r, true, true, heads);
      backtrack(c, r + 1, t, true, false, heads);
    }
  }
}

}  // namespace

void eisner(int n, const std::vector<float>& score, std::vector<int>& heads) {
  heads.assign(static_cast<std::size_t>(n + 1), -1);
  if (n <= 0) return;
  const auto arc = [&](int h, int d) { return score[static_cast<std::size_t>(h) * static_cast<std::size_t>(n + 1) + static_cast<std::size_t>(d)]; };
  constexpr float kLow = -std::numeric_limits<float>::infinity();
  Chart c(n);
  for (int k = 1; k < n; ++k) {
    for (int s = 1; s + k <= n; ++s) {
      const int t = s + k;
      const std::size_t i = c.at(s, t);
      float best = kLow;
      int split = s;
      for (int r = s; r < t; ++r) {
        const float v = c.complete_right[c.at(s, r)] + c.complete_left[c.at(r + 1, t)];
        if (v > best) best = v, split = r;
      }
      c.incomplete_left[i] = best + arc(t, s);
      c.incomplete_right[i] = best + arc(s, t);
      c.split_il[i] = c.split_ir[i] = split;
      best = kLow;
      for (int r = s; r < t; ++r) {
        const float v = c.complete_left[c.at(s, r)] + c.incomplete_left[c.at(r, t)];
        if (v > best) best = v, split = r;
      }
      c.complete_left[i] = best;
      c.split_cl[i] = split;
      best = kLow;
      for (int r = s + 1; r <= t; ++r) {
        const float v = c.incomplete_right[c.at(s, r)] + c.complete_right[c.at(r, t)];
        if (v > best) best = v, split = r;
      }
      c.complete_right[i] = best;
      c.split_cr[i] = split;
    }
  }
  // The root's one dependent r heads everything: 1..r on its left, r..n on
  // its right.
  float best = kLow;
  int root = 1;
  for (int r = 1; r <= n; ++r) {
    const float v = arc(0, r) + c.complete_left[c.at(1, r)] + c.complete_right[c.at(r, n)];
    if (v > best) best = v, root = r;
  }
  heads[static_cast<std::size_t>(root)] = 0;
  backtrack(c, 1, root, true, false, heads);
  backtrack(c, root, n, true, true, heads);
}

}  // namespace kestrel::nlp
