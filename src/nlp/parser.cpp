#include "nlp/parser.h"

#include <algorithm>

#include "nlp/hashing.h"
#include "nlp/tagger.h"

namespace kestrel::nlp {
namespace {

constexpr std::uint64_t kNoNode = 0x6e6f6e6f6465ULL;  // atom of a missing node
constexpr std::uint64_t kRootAtom = 0x726f6f74ULL;

std::uint64_t distance_bucket(int d) {
  if (d <= 5) return static_cast<std::uint64_t>(d);
  return d <= 10 ? 6 : 7;
}

std::uint64_t count_bucket(std::uint8_t c) { return c < 5 ? c : 5; }

}  // namespace

void Parser::atoms(const std::vector<ParserWord>& words, std::vector<ParserAtoms>& out) const {
  out.resize(words.size() + 1);
  out[0] = {kRootAtom, kRootAtom, kRootAtom, kRootAtom, kRootAtom};
  thread_local std::string lower;  // reused: no allocation per word
  for (std::size_t i = 0; i < words.size(); ++i) {
    const ParserWord& w = words[i];
    ParserAtoms& a = out[i + 1];
    lower_ascii(w.form, lower);
    a.word = hash_string(lower, seed_);
    a.upos = hash_string(w.upos, seed_ + 2);
    a.tag = combine(hash_string(w.xpos, seed_ + 1), a.upos);  // XPOS and UPOS: "IN" is ADP or SCONJ
    a.lemma = hash_string(w.lemma, seed_ + 3);
    a.word_class = w.sense != 0 ? combine(seed_ + 5, w.sense) : a.tag;
    a.guide_head = a.guide_last_dependent = kNone;
    a.guide_label = 0;
  }
  if (!guided_) return;
  const int n = static_cast<int>(words.size());
  for (int i = 0; i < n; ++i) {
    const ParserWord& w = words[static_cast<std::size_t>(i)];
    ParserAtoms& a = out[static_cast<std::size_t>(i + 1)];
    int h = w.guide_head;
    if (h < 0 || h > n) continue;
    if (right_to_left_ && h > 0) h = n + 1 - h;  // guide heads are word numbers
    a.guide_head = h;
    a.guide_label = hash_string(w.guide_label, seed_ + 4);
    ParserAtoms& head = out[static_cast<std::size_t>(h)];
    if (head.guide_last_dependent == kNone || head.guide_last_dependent < i + 1) head.guide_last_dependent = i + 1;
  }
}

int Parser::fallback_label(std::string_view upos) const { return upos == "PUNCT" ? punct_label_ : parataxis_label_; }

std::size_t Parser::features(const std::vector<ParserAtoms>& atoms, const ParseState& st, std::uint64_t* out) const {
  const auto at = [&](int x) -> const ParserAtoms* { return x == kNone ? nullptr : &atoms[static_cast<std::size_t>(x)]; };
  const auto W = [](const ParserAtoms* a) { return a ? a->word : kNoNode; };
  const auto P = [](const ParserAtoms* a) { return a ? a->tag : kNoNode; };
  const auto node = [](const std::vector<int>& v, int x) { return x == kNone ? kNone : v[static_cast<std::size_t>(x)]; };
  const auto label = [&](int x) -> std::uint64_t {
    if (x == kNone) return 0xffff;
    const int l = st.label[static_cast<std::size_t>(x)];
    return l == kNone ? 0xfffe : static_cast<std::uint64_t>(l);
  };

  const int s0 = st.s0();
  const int s1 = st.s1();
  const int n0 = st.b(0);
  const int n1 = st.b(1);
  const int n2 = st.b(2);
  const int s0h = node(st.head, s0);
  const int s0h2 = s0h > 0 ? node(st.head, s0h) : kNone;
  const int s0l = node(st.left1, s0);
  const int s0l2 = node(st.left2, s0);
  const int s0r = node(st.right1, s0);
  const int s0r2 = node(st.right2, s0);
  const int n0l = node(st.left1, n0);
  const int n0l2 = node(st.left2, n0);

  const ParserAtoms* S0 = at(s0);
  const ParserAtoms* S1 = at(s1);
  const ParserAtoms* N0 = at(n0);
  const ParserAtoms* N1 = at(n1);
  const ParserAtoms* N2 = at(n2);
  const ParserAtoms* S0h = at(s0h);
  const ParserAtoms* S0h2 = at(s0h2);
  const ParserAtoms* S0l = at(s0l);
  const ParserAtoms* S0l2 = at(s0l2);
  const ParserAtoms* S0r = at(s0r);
  const ParserAtoms* S0r2 = at(s0r2);
  const ParserAtoms* N0l = at(n0l);
  const ParserAtoms* N0l2 = at(n0l2);

  const std::uint64_t s0w = W(S0), s0p = P(S0), n0w = W(N0), n0p = P(N0);
  const std::uint64_t n1w = W(N1), n1p = P(N1), n2w = W(N2), n2p = P(N2);
  const std::uint64_t d = (s0 != kNone && n0 != kNone) ? distance_bucket(n0 - s0) : 0xff;
  const std::uint64_t s0vl = s0 != kNone ? count_bucket(st.left_count[static_cast<std::size_t>(s0)]) : 0xff;
  const std::uint64_t s0vr = s0 != kNone ? count_bucket(st.right_count[static_cast<std::size_t>(s0)]) : 0xff;
  const std::uint64_t n0vl = n0 != kNone ? count_bucket(st.left_count[static_cast<std::size_t>(n0)]) : 0xff;
  const std::uint64_t s0sl = s0 != kNone ? st.left_labels[static_cast<std::size_t>(s0)] : 0xff;
  const std::uint64_t s0sr = s0 != kNone ? st.right_labels[static_cast<std::size_t>(s0)] : 0xff;
  const std::uint64_t n0sl = n0 != kNone ? st.left_labels[static_cast<std::size_t>(n0)] : 0xff;

  const std::uint64_t s = seed_;
  std::size_t k = 0;
  // Single words.
  out[k++] = feature(s, 1, s0w);
  out[k++] = feature(s, 2, s0p);
  out[k++] = feature(s, 3, s0w, s0p);
  out[k++] = feature(s, 4, n0w);
  out[k++] = feature(s, 5, n0p);
  out[k++] = feature(s, 6, n0w, n0p);
  out[k++] = feature(s, 7, n1w);
  out[k++] = feature(s, 8, n1p);
  out[k++] = feature(s, 9, n1w, n1p);
  out[k++] = feature(s, 10, n2w);
  out[k++] = feature(s, 11, n2p);
  out[k++] = feature(s, 12, n2w, n2p);
  // Pairs.
  out[k++] = feature(s, 13, combine(s0w, s0p), n0w, n0p);
  out[k++] = feature(s, 14, s0w, s0p, n0w);
  out[k++] = feature(s, 15, s0w, n0w, n0p);
  out[k++] = feature(s, 16, s0w, s0p, n0p);
  out[k++] = feature(s, 17, s0p, n0w, n0p);
  out[k++] = feature(s, 18, s0w, n0w);
  out[k++] = feature(s, 19, s0p, n0p);
  out[k++] = feature(s, 20, n0p, n1p);
  // Triples of tags.
  out[k++] = feature(s, 21, n0p, n1p, n2p);
  out[k++] = feature(s, 22, s0p, n0p, n1p);
  out[k++] = feature(s, 23, P(S0h), s0p, n0p);
  out[k++] = feature(s, 24, s0p, P(S0l), n0p);
  out[k++] = feature(s, 25, s0p, P(S0r), n0p);
  out[k++] = feature(s, 26, s0p, n0p, P(N0l));
  // Distance.
  out[k++] = feature(s, 27, s0w, d);
  out[k++] = feature(s, 28, s0p, d);
  out[k++] = feature(s, 29, n0w, d);
  out[k++] = feature(s, 30, n0p, d);
  out[k++] = feature(s, 31, s0w, n0w, d);
  out[k++] = feature(s, 32, s0p, n0p, d);
  // Valency.
  out[k++] = feature(s, 33, s0w, s0vr);
  out[k++] = feature(s, 34, s0p, s0vr);
  out[k++] = feature(s, 35, s0w, s0vl);
  out[k++] = feature(s, 36, s0p, s0vl);
  out[k++] = feature(s, 37, n0w, n0vl);
  out[k++] = feature(s, 38, n0p, n0vl);
  // Second order.
  out[k++] = feature(s, 39, W(S0h));
  out[k++] = feature(s, 40, P(S0h));
  out[k++] = feature(s, 41, label(s0));
  out[k++] = feature(s, 42, W(S0l));
  out[k++] = feature(s, 43, P(S0l));
  out[k++] = feature(s, 44, label(s0l));
  out[k++] = feature(s, 45, W(S0r));
  out[k++] = feature(s, 46, P(S0r));
  out[k++] = feature(s, 47, label(s0r));
  out[k++] = feature(s, 48, W(N0l));
  out[k++] = feature(s, 49, P(N0l));
  out[k++] = feature(s, 50, label(n0l));
  // Third order.
  out[k++] = feature(s, 51, W(S0h2));
  out[k++] = feature(s, 52, P(S0h2));
  out[k++] = feature(s, 53, label(s0h));
  out[k++] = feature(s, 54, W(S0l2));
  out[k++] = feature(s, 55, P(S0l2));
  out[k++] = feature(s, 56, label(s0l2));
  out[k++] = feature(s, 57, W(S0r2));
  out[k++] = feature(s, 58, P(S0r2));
  out[k++] = feature(s, 59, label(s0r2));
  out[k++] = feature(s, 60, W(N0l2));
  out[k++] = feature(s, 61, P(N0l2));
  out[k++] = feature(s, 62, label(n0l2));
  out[k++] = feature(s, 63, s0p, P(S0l), P(S0l2));
  out[k++] = feature(s, 64, s0p, P(S0r), P(S0r2));
  out[k++] = feature(s, 65, s0p, P(S0h), P(S0h2));
  out[k++] = feature(s, 66, n0p, P(N0l), P(N0l2));
  // Label sets.
  out[k++] = feature(s, 67, s0w, s0sr);
  out[k++] = feature(s, 68, s0p, s0sr);
  out[k++] = feature(s, 69, s0w, s0sl);
  out[k++] = feature(s, 70, s0p, s0sl);
  out[k++] = feature(s, 71, n0w, n0sl);
  out[k++] = feature(s, 72, n0p, n0sl);
  // Beyond Zhang & Nivre: the second stack word, UPOS and the own label of
  // the stack top (whether it has a head decides REDUCE).
  out[k++] = feature(s, 73, W(S1));
  out[k++] = feature(s, 74, P(S1));
  out[k++] = feature(s, 75, W(S1), P(S1));
  out[k++] = feature(s, 76, P(S1), s0p, n0p);
  out[k++] = feature(s, 77, S0 ? S0->upos : kNoNode, N0 ? N0->upos : kNoNode);
  out[k++] = feature(s, 78, n0w, n1w);
  out[k++] = feature(s, 79, label(s0), s0p, n0p);
  out[k++] = feature(s, 80, s0w, n0p, n1p);
  // Deeper in the stack.
  const int s2 = st.s2();
  const int s1l = node(st.left1, s1);
  const int s1r = node(st.right1, s1);
  const ParserAtoms* S2 = at(s2);
  out[k++] = feature(s, 81, P(S2));
  out[k++] = feature(s, 82, P(S1), s0p);
  out[k++] = feature(s, 83, P(S2), P(S1), s0p);
  out[k++] = feature(s, 84, W(S1), s0w);
  out[k++] = feature(s, 85, P(S1), P(at(s1l)), s0p);
  out[k++] = feature(s, 86, P(S1), P(at(s1r)), s0p);
  out[k++] = feature(s, 87, P(S1), label(s1), s0p);
  out[k++] = feature(s, 88, n1p, n2p, P(at(st.b(3))));
  if (feature_set_ >= 2) {
    // Lemmas and semantic classes: which kinds of words attach to which,
    // and through which preposition (N0l is a noun's case marker by the
    // time the noun's own head is decided).
    const auto C = [](const ParserAtoms* a) { return a ? a->word_class : kNoNode; };
    const auto L = [](const ParserAtoms* a) { return a ? a->lemma : kNoNode; };
    const std::uint64_t s0c = C(S0), n0c = C(N0), n0lw = W(N0l);
    const std::uint64_t s0m = L(S0), n0m = L(N0);
    out[k++] = feature(s, 100, s0c, n0c);
    out[k++] = feature(s, 101, s0c, n0c, n0lw);
    out[k++] = feature(s, 102, s0p, n0c, n0lw);
    out[k++] = feature(s, 103, s0m, n0lw, n0c);
    out[k++] = feature(s, 104, s0c, n0c, d);
    out[k++] = feature(s, 105, combine(C(S0h), s0c), n0c, n0lw);
    out[k++] = feature(s, 106, n0c, n0lw);
    out[k++] = feature(s, 107, s0m, n0m);
    out[k++] = feature(s, 108, s0m, n0p);
    out[k++] = feature(s, 109, s0p, n0m);
    out[k++] = feature(s, 110, s0m, n0lw, n0p);
    out[k++] = feature(s, 111, s0c, label(s0), n0c);
  }
  if (guided_) {
    // Where the guide put the heads of s0 and n0, seen from the state:
    // 1 the other of the two, 2 deeper in the stack, 3 further in the
    // buffer, 4 the root, 5 already off the stack, 0 nowhere.
    const auto where = [&](int x, int other) -> std::uint64_t {
      if (x == kNone) return 0;
      const int h = atoms[static_cast<std::size_t>(x)].guide_head;
      if (h == kNone) return 0;
      if (h == other) return 1;
      if (h == 0) return 4;
      if (st.on_stack[static_cast<std::size_t>(h)]) return 2;
      if (n0 != kNone && h > n0) return 3;
      return 5;
    };
    const std::uint64_t g_s0 = where(s0, n0);
    const std::uint64_t g_n0 = where(n0, s0);
    const std::uint64_t g_label_s0 = S0 ? S0->guide_label : kNoNode;
    const std::uint64_t g_label_n0 = N0 ? N0->guide_label : kNoNode;
    // The guide gives s0 dependents still in the buffer: not time to reduce.
    const std::uint64_t pending =
        (S0 && n0 != kNone && S0->guide_last_dependent != kNone && S0->guide_last_dependent >= n0) ? 1 : 0;
    const std::uint64_t s1_n0 = (S1 && n0 != kNone && S1->guide_head == n0) ? 1 : 0;
    out[k++] = feature(s, 90, g_s0, g_n0);
    out[k++] = feature(s, 91, g_s0, g_n0, combine(s0p, n0p));
    out[k++] = feature(s, 92, g_n0, n0p, g_label_n0);
    out[k++] = feature(s, 93, g_s0, s0p, g_label_s0);
    out[k++] = feature(s, 94, pending, s0p, label(s0));
    out[k++] = feature(s, 95, s1_n0, g_s0, g_n0);
    out[k++] = feature(s, 96, g_n0 == 1 ? g_label_n0 : g_s0 == 1 ? g_label_s0 : 0, g_s0, g_n0);
    out[k++] = feature(s, 97, g_s0, g_n0, pending);
    out[k++] = feature(s, 98, g_label_n0, n0w);
  }
  return k;
}

void Parser::parse(const std::vector<ParserWord>& words, std::vector<int>& heads, std::vector<int>& labels,
                   Scratch& scratch) const {
  const int n = static_cast<int>(words.size());
  heads.assign(words.size(), 0);
  labels.assign(words.size(), 0);
  if (n == 0 || labels_.empty()) return;
  if (right_to_left_) {
    scratch.reversed.assign(words.rbegin(), words.rend());
    atoms(scratch.reversed, scratch.atoms);
  } else {
    atoms(words, scratch.atoms);
  }
  ParseState& state = scratch.state;
  state.reset(n);
  if (beam_ > 1)
    parse_beam(state, scratch.atoms, scratch);
  else
    parse_greedy(state, scratch.atoms, scratch);
  // Node w of the state is word w, or word n + 1 - w right to left.
  const auto word = [&](int w) { return right_to_left_ && w > 0 ? n + 1 - w : w; };
  finish(system_, state,
         [&](int w) { return fallback_label(words[static_cast<std::size_t>(word(w) - 1)].upos); });
  for (int w = 1; w <= n; ++w) {
    heads[static_cast<std::size_t>(word(w) - 1)] = word(state.head[static_cast<std::size_t>(w)]);
    labels[static_cast<std::size_t>(word(w) - 1)] = state.label[static_cast<std::size_t>(w)];
  }
}

void Parser::parse_greedy(ParseState& state, const std::vector<ParserAtoms>& atoms, Scratch& scratch) const {
  const std::uint32_t actions = system_.num_actions();
  scratch.scores.resize(actions);
  std::uint64_t keys[kMaxParserFeatures];
  while (!state.terminal()) {
    const std::size_t k = features(atoms, state, keys);
    std::fill(scratch.scores.begin(), scratch.scores.end(), 0.0f);
    model_.add_scores(keys, k, scratch.scores.data());
    std::uint32_t best = 0;
    bool found = false;
    for (std::uint32_t a = 0; a < actions; ++a) {
      if ((!found || scratch.scores[a] > scratch.scores[best]) && is_valid(system_, state, a)) {
        best = a;
        found = true;
      }
    }
    apply(system_, state, best);  // SHIFT is valid whenever the buffer is not empty
  }
}

void Parser::parse_beam(ParseState& state, const std::vector<ParserAtoms>& atoms, Scratch& scratch) const {
  const std::uint32_t actions = system_.num_actions();
  const std::size_t width = static_cast<std::size_t>(beam_);
  scratch.scores.resize(actions);
  std::uint64_t keys[kMaxParserFeatures];
  std::vector<BeamItem>& beam = scratch.beam;
  std::vector<BeamItem>& next = scratch.next;
  std::vector<BeamCandidate>& candidates = scratch.candidates;
  beam.resize(1);
  beam[0].state = state;
  beam[0].score = 0.0f;
  while (true) {
    candidates.clear();
    bool open = false;
    for (std::size_t i = 0; i < beam.size(); ++i) {
      const BeamItem& item = beam[i];
      if (item.state.terminal()) {
        candidates.push_back({item.score, static_cast<int>(i), -1});
        continue;
      }
      open = true;
      const std::size_t k = features(atoms, item.state, keys);
      std::fill(scratch.scores.begin(), scratch.scores.end(), 0.0f);
      model_.add_scores(keys, k, scratch.scores.data());
      for (std::uint32_t a = 0; a < actions; ++a)
        if (is_valid(system_, item.state, a))
          candidates.push_back({item.score + scratch.scores[a], static_cast<int>(i), static_cast<int>(a)});
    }
    if (!open) break;
    const std::size_t keep = std::min(width, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep), candidates.end());
    next.resize(keep);
    for (std::size_t j = 0; j < keep; ++j) {
      const BeamCandidate& c = candidates[j];
      next[j].state = beam[static_cast<std::size_t>(c.item)].state;
      next[j].score = c.score;
      if (c.action >= 0) apply(system_, next[j].state, static_cast<std::uint32_t>(c.action));
    }
    beam.swap(next);
  }
  // Complete items carried over keep their order, so the first is the best.
  state = beam[0].state;
}

void Parser::write(ByteWriter& out) const {
  out.u64(seed_);
  out.u8(right_to_left_ ? 1 : 0);
  out.u8(guided_ ? 1 : 0);
  out.u32(static_cast<std::uint32_t>(labels_.size()));
  for (const std::string& l : labels_) out.str(l);
  out.u32(system_.root_label());
  model_.write(out);
  out.u32(static_cast<std::uint32_t>(beam_));
  out.u8(system_.late_root() ? 1 : 0);
  out.u8(static_cast<std::uint8_t>(feature_set_));
}

bool Parser::read(ByteReader& in, std::string& error) {
  seed_ = in.u64();
  right_to_left_ = in.u8() != 0;
  guided_ = in.u8() != 0;
  const std::uint32_t n = in.u32();
  if (in.failed() || n == 0 || n > 1000) {
    error = "parser label set is empty or invalid";
    return false;
  }
  labels_.clear();
  for (std::uint32_t i = 0; i < n; ++i) labels_.push_back(in.str());
  const std::uint32_t root = in.u32();
  if (in.failed() || root >= n) {
    error = "parser label set is truncated or has no root label";
    return false;
  }
  if (!model_.read(in, error)) {
    error = "parser: " + error;
    return false;
  }
  if (model_.num_classes() != 2 + 2 * n) {
    error = "parser weights do not match its label set";
    return false;
  }
  beam_ = 1;  // models written before beams existed end here
  if (in.remaining() > 0) {
    const std::uint32_t beam = in.u32();
    if (in.failed() || beam == 0 || beam > 256) {
      error = "parser beam width is invalid";
      return false;
    }
    beam_ = static_cast<int>(beam);
  }
  bool late_root = false;  // models written before late roots end here
  if (in.remaining() > 0) {
    const std::uint8_t late = in.u8();
    if (in.failed() || late > 1) {
      error = "parser root mode is invalid";
      return false;
    }
    late_root = late == 1;
  }
  feature_set_ = 1;  // models written before feature sets end here
  if (in.remaining() > 0) {
    const std::uint8_t set = in.u8();
    if (in.failed() || set < 1 || set > 2) {
      error = "parser feature set " + std::to_string(set) + " is unknown to this build";
      return false;
    }
    feature_set_ = set;
  }
  system_ = ArcEager(n, root, late_root);
  punct_label_ = parataxis_label_ = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (labels_[i] == "punct") punct_label_ = static_cast<int>(i);
    if (labels_[i] == "parataxis") parataxis_label_ = static_cast<int>(i);
  }
  return true;
}

}  // namespace kestrel::nlp
