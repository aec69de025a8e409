// Internal to the nlp stage: the arc-eager transition system (Nivre 2003)
// with a dynamic oracle (Goldberg & Nivre 2012) for training.
//
// Nodes are 0 (the artificial root) and the words 1..n. The root starts on
// the stack; the buffer holds 1..n. Actions:
//   SHIFT      push the first buffer word
//   REDUCE     pop the stack top (it must have a head)
//   LEFT(l)    buffer front -> stack top with label l, pop the stack top
//   RIGHT(l)   stack top -> buffer front with label l, push the buffer front
// The root takes exactly one dependent, always with the root label, and that
// word is never popped; words left without a head when the buffer runs out
// are attached to it by finish().
// With a *late root*, there is no arc from the root during the parse:
// RIGHT(root) does not exist, and finish() makes the last word left without
// a head (the one nearest the top of the stack) the root's dependent. The
// root word then need not wait until the stack is empty, which matters when
// the sentence is read from its end (the main verb comes after its objects
// and the final punctuation).
//
// Actions are numbered 0 = SHIFT, 1 = REDUCE, 2 + l = LEFT(l),
// 2 + L + l = RIGHT(l) for L labels.
#pragma once

#include <cstdint>
#include <vector>

namespace kestrel::nlp {

enum class Move : std::uint8_t { Shift, Reduce, Left, Right };

inline constexpr int kNone = -1;

class ArcEager {
 public:
  ArcEager(std::uint32_t num_labels, std::uint32_t root_label, bool late_root = false)
      : num_labels_(num_labels), root_label_(root_label), late_root_(late_root) {}
  std::uint32_t num_labels() const { return num_labels_; }
  std::uint32_t root_label() const { return root_label_; }
  bool late_root() const { return late_root_; }
  std::uint32_t num_actions() const { return 2 + 2 * num_labels_; }

  Move move_of(std::uint32_t action) const {
    if (action == 0) return Move::Shift;
    if (action == 1) return Move::Reduce;
    return action < 2 + num_labels_ ? Move::Left : Move::Right;
  }
  std::uint32_t label_of(std::uint32_t action) const {
    return action < 2 + num_labels_ ? action - 2 : action - 2 - num_labels_;
  }
  std::uint32_t action(Move move, std::uint32_t label) const {
    switch (move) {
      case Move::Shift: return 0;
      case Move::Reduce: return 1;
      case Move::Left: return 2 + label;
      case Move::Right: return 2 + num_labels_ + label;
    }
    return 0;
  }

 private:
  std::uint32_t num_labels_;
  std::uint32_t root_label_;
  bool late_root_ = false;
};

// A parser configuration plus what the features read about partial trees.
struct ParseState {
  int n = 0;                // number of words
  int buffer = 1;           // first buffer word; > n when the buffer is empty
  std::vector<int> stack;   // bottom first; stack[0] is the root (0)
  std::vector<int> head;    // per node; kNone while unattached
  std::vector<int> label;   // per node; kNone while unattached
  std::vector<int> left1, left2;    // leftmost and second-leftmost dependent
  std::vector<int> right1, right2;  // rightmost and second-rightmost dependent
  std::vector<std::uint8_t> left_count, right_count;
  std::vector<std::uint64_t> left_labels, right_labels;  // label sets (bit l % 64)
  std::vector<std::uint8_t> on_stack;

  void reset(int words);
  bool terminal() const { return buffer > n; }
  int s0() const { return stack.empty() ? kNone : stack.back(); }
  int s1() const { return stack.size() >= 2 ? stack[stack.size() - 2] : kNone; }
  int s2() const { return stack.size() >= 3 ? stack[stack.size() - 3] : kNone; }
  int b(int k) const { return buffer + k <= n ? buffer + k : kNone; }
  bool root_taken() const { return left1.empty() ? false : right1[0] != kNone; }
};

// Whether `action` may be applied now.
bool is_valid(const ArcEager& system, const ParseState& state, std::uint32_t action);
void apply(const ArcEager& system, ParseState& state, std::uint32_t action);
// Attaches every word still without a head once the buffer is empty: to the
// root's dependent, or (if the root took none) the last such word becomes
// the root's dependent and takes the others. `fallback_label(word)` picks
// the label. (The last, not the first: the words left without a head are on
// the stack, and the word nearest its top is the one that was still waiting
// for a head when the buffer ran out, usually the main verb, while those
// under it are words it should have taken as left dependents, such as the
// final punctuation of a sentence read from its end.)
template <typename LabelFn>
void finish(const ArcEager& system, ParseState& state, LabelFn fallback_label);

// Dynamic oracle: how many gold arcs that can still be built would become
// impossible by `action` (arcs of the right head but wrong label count one).
// `gold_head`/`gold_label` are per node (index 0 unused) and must form a
// projective tree.
int action_cost(const ArcEager& system, const ParseState& state, std::uint32_t action,
                const std::vector<int>& gold_head, const std::vector<int>& gold_label);
// The same split in two: the cost of the move whatever the label, and the
// extra one for a wrong label on a right arc.
int move_cost(const ArcEager& system, const ParseState& state, Move move, const std::vector<int>& gold_head);
int label_cost(const ArcEager& system, const ParseState& state, std::uint32_t action,
               const std::vector<int>& gold_head, const std::vector<int>& gold_label);

// Turns a non-projective tree into a projective one by lifting: the
// shortest non-projective arc moves to its head's head until none is left.
// Returns the number of arcs lifted.
int projectivize(std::vector<int>& heads);
// Whether the tree `heads` (index 0 unused, 1-based heads, 0 = root) is
// projective.
bool is_projective(const std::vector<int>& heads);

// ---------------------------------------------------------------------------

template <typename LabelFn>
void finish(const ArcEager& system, ParseState& state, LabelFn fallback_label) {
  int top = state.right1[0];
  if (top == kNone) {
    for (int w = state.n; w >= 1; --w) {
      if (state.head[static_cast<std::size_t>(w)] != kNone) continue;
      state.head[static_cast<std::size_t>(w)] = 0;
      state.label[static_cast<std::size_t>(w)] = static_cast<int>(system.root_label());
      state.right1[0] = top = w;
      break;
    }
  }
  for (int w = 1; w <= state.n; ++w) {
    if (state.head[static_cast<std::size_t>(w)] != kNone) continue;
    state.head[static_cast<std::size_t>(w)] = top;
    state.label[static_cast<std::size_t>(w)] = fallback_label(w);
  }
}

}  // namespace kestrel::nlp
