#include "nlp/arc_eager.h"

#include <cstdlib>

namespace kestrel::nlp {

void ParseState::reset(int words) {
  n = words;
  buffer = 1;
  stack.clear();
  stack.push_back(0);
  const auto size = static_cast<std::size_t>(words + 1);
  head.assign(size, kNone);
  label.assign(size, kNone);
  left1.assign(size, kNone);
  left2.assign(size, kNone);
  right1.assign(size, kNone);
  right2.assign(size, kNone);
  left_count.assign(size, 0);
  right_count.assign(size, 0);
  left_labels.assign(size, 0);
  right_labels.assign(size, 0);
  on_stack.assign(size, 0);
  on_stack[0] = 1;
}

namespace {

void add_arc(ParseState& s, int h, int d, int l) {
  s.head[d] = h;
  s.label[d] = l;
  const std::uint64_t bit = std::uint64_t{1} << (static_cast<unsigned>(l) & 63u);
  if (d < h) {
    if (s.left1[h] == kNone || d < s.left1[h]) {
      s.left2[h] = s.left1[h];
      s.left1[h] = d;
    } else if (s.left2[h] == kNone || d < s.left2[h]) {
      s.left2[h] = d;
    }
    if (s.left_count[h] < 255) ++s.left_count[h];
    s.left_labels[h] |= bit;
  } else {
    if (s.right1[h] == kNone || d > s.right1[h]) {
      s.right2[h] = s.right1[h];
      s.right1[h] = d;
    } else if (s.right2[h] == kNone || d > s.right2[h]) {
      s.right2[h] = d;
    }
    if (s.right_count[h] < 255) ++s.right_count[h];
    s.right_labels[h] |= bit;
  }
}

}  // namespace

bool is_valid(const ArcEager& system, const ParseState& s, std::uint32_t action) {
  const bool buffer = s.buffer <= s.n;
  const int top = s.stack.back();
  switch (system.move_of(action)) {
    case Move::Shift:
      return buffer;
    case Move::Reduce:
      return top != 0 && s.head[top] != kNone && s.head[top] != 0;
    case Move::Left:
      return buffer && top != 0 && s.head[top] == kNone && system.label_of(action) != system.root_label();
    case Move::Right: {
      if (!buffer) return false;
      const bool root_label = system.label_of(action) == system.root_label();
      if (top == 0) return root_label && s.right1[0] == kNone && !system.late_root();
      return !root_label;
    }
  }
  return false;
}

void apply(const ArcEager& system, ParseState& s, std::uint32_t action) {
  const int top = s.stack.back();
  switch (system.move_of(action)) {
    case Move::Shift:
      s.on_stack[static_cast<std::size_t>(s.buffer)] = 1;
      s.stack.push_back(s.buffer++);
      break;
    case Move::Reduce:
      s.on_stack[static_cast<std::size_t>(top)] = 0;
      s.stack.pop_back();
      break;
    case Move::Left:
      add_arc(s, s.buffer, top, static_cast<int>(system.label_of(action)));
      s.on_stack[static_cast<std::size_t>(top)] = 0;
      s.stack.pop_back();
      break;
    case Move::Right:
      add_arc(s, top, s.buffer, static_cast<int>(system.label_of(action)));
      s.on_stack[static_cast<std::size_t>(s.buffer)] = 1;
      s.stack.push_back(s.buffer++);
      break;
  }
}

int move_cost(const ArcEager& system, const ParseState& s, Move move, const std::vector<int>& gold_head) {
  const bool late_root = system.late_root();
  const int top = s.stack.back();
  const int front = s.buffer;
  const int n = s.n;
  // Gold dependents of `h` among the buffer words from `from` on.
  auto dependents_in_buffer = [&](int h, int from) {
    int c = 0;
    for (int k = from; k <= n; ++k) c += gold_head[static_cast<std::size_t>(k)] == h;
    return c;
  };
  // Words on the stack without a head whose gold head is `h`: only a LEFT
  // from `h` can still attach them.
  auto headless_on_stack_of = [&](int h) {
    int c = 0;
    for (int k : s.stack) c += k != 0 && s.head[static_cast<std::size_t>(k)] == kNone && gold_head[static_cast<std::size_t>(k)] == h;
    return c;
  };
  // Whether the arc gold_head(front) -> front can still be built by a RIGHT
  // from a word on the stack. (With a late root, the arc from the root is
  // built by finish() from any word left without a head.)
  auto head_on_stack = [&](int d) {
    const int h = gold_head[static_cast<std::size_t>(d)];
    if (h < 0 || !s.on_stack[static_cast<std::size_t>(h)]) return false;
    return h != 0 || (s.right1[0] == kNone && !late_root);
  };
  switch (move) {
    case Move::Shift:
      return headless_on_stack_of(front) + (head_on_stack(front) ? 1 : 0);
    case Move::Reduce:
      return dependents_in_buffer(top, front);
    case Move::Left: {
      int c = dependents_in_buffer(top, front);
      const int h = gold_head[static_cast<std::size_t>(top)];
      if (h > front || (h == 0 && late_root)) ++c;
      return c;
    }
    case Move::Right: {
      int c = headless_on_stack_of(front);
      const int h = gold_head[static_cast<std::size_t>(front)];
      if (h != top && (h > front || head_on_stack(front) || (h == 0 && late_root))) ++c;
      if (top == 0) {
        // The root takes one dependent: the gold one is lost if still ahead.
        for (int k = front + 1; k <= n; ++k)
          if (gold_head[static_cast<std::size_t>(k)] == 0) ++c;
      }
      return c;
    }
  }
  return 0;
}

int label_cost(const ArcEager& system, const ParseState& s, std::uint32_t action, const std::vector<int>& gold_head,
               const std::vector<int>& gold_label) {
  const Move move = system.move_of(action);
  if (move != Move::Left && move != Move::Right) return 0;
  const int top = s.stack.back();
  const int front = s.buffer;
  const int h = move == Move::Left ? front : top;
  const int d = move == Move::Left ? top : front;
  if (gold_head[static_cast<std::size_t>(d)] != h) return 0;
  return static_cast<int>(system.label_of(action)) != gold_label[static_cast<std::size_t>(d)] ? 1 : 0;
}

int action_cost(const ArcEager& system, const ParseState& s, std::uint32_t action, const std::vector<int>& gold_head,
                const std::vector<int>& gold_label) {
  return move_cost(system, s, system.move_of(action), gold_head) + label_cost(system, s, action, gold_head, gold_label);
}

namespace {

bool dominates(const std::vector<int>& heads, int h, int k) {
  const std::size_t limit = heads.size();
  for (std::size_t steps = 0; k > 0 && steps <= limit; ++steps) {
    if (k == h) return true;
    k = heads[static_cast<std::size_t>(k)];
  }
  return k == h;
}

bool arc_is_projective(const std::vector<int>& heads, int d) {
  const int h = heads[static_cast<std::size_t>(d)];
  const int lo = h < d ? h : d;
  const int hi = h < d ? d : h;
  for (int k = lo + 1; k < hi; ++k)
    if (!dominates(heads, h, k)) return false;
  return true;
}

}  // namespace

bool is_projective(const std::vector<int>& heads) {
  for (std::size_t d = 1; d < heads.size(); ++d)
    if (!arc_is_projective(heads, static_cast<int>(d))) return false;
  return true;
}

int projectivize(std::vector<int>& heads) {
  int lifted = 0;
  const int n = static_cast<int>(heads.size()) - 1;
  for (int round = 0; round <= n * n; ++round) {
    int best = kNone;
    int best_length = 0;
    for (int d = 1; d <= n; ++d) {
      const int h = heads[static_cast<std::size_t>(d)];
      if (h <= 0 || arc_is_projective(heads, d)) continue;
      const int length = std::abs(h - d);
      if (best == kNone || length < best_length) {
        best = d;
        best_length = length;
      }
    }
    if (best == kNone) break;
    heads[static_cast<std::size_t>(best)] = heads[static_cast<std::size_t>(heads[static_cast<std::size_t>(best)])];
    ++lifted;
  }
  return lifted;
}

}  // namespace kestrel::nlp
