// Training of the parser (parser.h).
#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>

#include "nlp/hashing.h"
#include "nlp/parser.h"
#include "nlp/train_util.h"

namespace kestrel::nlp {

struct ParserBuilder {
  static Parser& parser_of(Parser& p) { return p; }
  static void set_labels(Parser& p, std::vector<std::string> labels, std::uint32_t root, std::uint64_t seed,
                         bool late_root) {
    p.seed_ = seed;
    p.labels_ = std::move(labels);
    p.system_ = ArcEager(static_cast<std::uint32_t>(p.labels_.size()), root, late_root);
    for (std::size_t i = 0; i < p.labels_.size(); ++i) {
      if (p.labels_[i] == "punct") p.punct_label_ = static_cast<int>(i);
      if (p.labels_[i] == "parataxis") p.parataxis_label_ = static_cast<int>(i);
    }
  }
  static void set_model(Parser& p, LinearModel model) { p.model_ = std::move(model); }
  static void set_direction(Parser& p, bool right_to_left) { p.right_to_left_ = right_to_left; }
  static void set_guided(Parser& p, bool guided) { p.guided_ = guided; }
  static void set_beam(Parser& p, int beam) { p.beam_ = beam; }
  static void set_feature_set(Parser& p, int set) { p.feature_set_ = set; }
};

namespace {

std::vector<ParserWord> words_of(const Sentence& s, const ParserGuide* guide, const WordNetSenses* senses) {
  std::vector<ParserWord> words;
  words.reserve(s.tokens.size());
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    const Token& t = s.tokens[i];
    ParserWord w;
    w.form = t.form;
    w.upos = t.upos;
    w.xpos = t.xpos;
    w.lemma = t.lemma;
    if (senses != nullptr) w.sense = senses->sense(t.lemma, t.upos);
    if (guide != nullptr && i < guide->size()) {
      w.guide_head = (*guide)[i].head;
      w.guide_label = (*guide)[i].label;
    }
    words.push_back(w);
  }
  return words;
}

// Whether the gold heads form a tree over 1..n with a single root.
bool is_tree(const std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size()) - 1;
  int roots = 0;
  for (int d = 1; d <= n; ++d) {
    const int h = heads[static_cast<std::size_t>(d)];
    if (h < 0 || h > n || h == d) return false;
    roots += h == 0;
    int k = d;
    for (int steps = 0; k != 0; ++steps) {
      if (steps > n) return false;
      k = heads[static_cast<std::size_t>(k)];
    }
  }
  return roots == 1;
}

struct Example {
  std::vector<ParserAtoms> atoms;
  std::vector<int> gold_head;   // per node, projectivised
  std::vector<int> gold_label;  // per node
};

struct Score {
  std::size_t words = 0, heads = 0, labelled = 0;
  double uas() const { return words ? 100.0 * static_cast<double>(heads) / static_cast<double>(words) : 0.0; }
  double las() const { return words ? 100.0 * static_cast<double>(labelled) / static_cast<double>(words) : 0.0; }
};

Score evaluate(const Parser& parser, const std::vector<const Sentence*>& data, const std::vector<ParserGuide>* guides,
               const WordNetSenses* senses) {
  Score score;
  Parser::Scratch scratch;
  std::vector<int> heads, labels;
  for (std::size_t index = 0; index < data.size(); ++index) {
    const Sentence* s = data[index];
    parser.parse(words_of(*s, guides ? &(*guides)[index] : nullptr, senses), heads, labels, scratch);
    for (std::size_t i = 0; i < heads.size(); ++i) {
      const Token& t = s->tokens[i];
      ++score.words;
      if (heads[i] == t.head) {
        ++score.heads;
        // Relations are compared with their subtypes.
        if (parser.labels()[static_cast<std::size_t>(labels[i])] == t.deprel) ++score.labelled;
      }
    }
  }
  return score;
}

struct BeamScratch {
  std::vector<Parser::BeamItem> beam, next;
  struct Candidate {
    Parser::BeamCandidate c;
    bool gold;
  };
  std::vector<Candidate> candidates;
  std::vector<float> scores;
  ParseState replay;
};

// Adds `delta` to the weights of every (features, action) pair along
// `history` from step `from` on.
void replay_update(const Parser& parser, const Example& ex, const std::vector<std::uint16_t>& history,
                   std::size_t from, float delta, LinearModelTrainer& model, ParseState& state) {
  std::uint64_t keys[kMaxParserFeatures];
  state.reset(static_cast<int>(ex.gold_head.size()) - 1);
  for (std::size_t j = 0; j < history.size(); ++j) {
    if (j >= from) {
      const std::size_t k = parser.features(ex.atoms, state, keys);
      model.update(keys, k, history[j], delta);
    }
    apply(parser.system(), state, history[j]);
  }
}

// Beam search over one training sentence with the current weights; on the
// first step where every sequence the oracle allows has fallen out of the
// beam (or at the end, if the best complete parse is wrong), the best
// allowed sequence is rewarded and the beam's best penalised, up to that
// step. Returns whether it updated.
bool beam_update(const Parser& parser, const Example& ex, std::size_t width, LinearModelTrainer& model,
                 BeamScratch& sc) {
  const ArcEager& system = parser.system();
  const std::uint32_t actions = system.num_actions();
  sc.scores.resize(actions);
  std::uint64_t keys[kMaxParserFeatures];
  auto& beam = sc.beam;
  auto& next = sc.next;
  beam.resize(1);
  beam[0].state.reset(static_cast<int>(ex.gold_head.size()) - 1);
  beam[0].score = 0.0f;
  beam[0].gold = true;
  beam[0].history.clear();
  const auto update = [&](const std::vector<std::uint16_t>& good, const std::vector<std::uint16_t>& bad) {
    std::size_t common = 0;
    while (common < good.size() && common < bad.size() && good[common] == bad[common]) ++common;
    replay_update(parser, ex, good, common, 1.0f, model, sc.replay);
    replay_update(parser, ex, bad, common, -1.0f, model, sc.replay);
  };
  std::vector<std::uint16_t> good, bad;
  while (true) {
    sc.candidates.clear();
    bool open = false;
    for (std::size_t i = 0; i < beam.size(); ++i) {
      const Parser::BeamItem& item = beam[i];
      if (item.state.terminal()) {
        sc.candidates.push_back({{item.score, static_cast<int>(i), -1}, item.gold});
        continue;
      }
      open = true;
      const std::size_t k = parser.features(ex.atoms, item.state, keys);
      std::fill(sc.scores.begin(), sc.scores.end(), 0.0f);
      model.add_scores(keys, k, sc.scores.data());
      int move_costs[4] = {1, 1, 1, 1};
      if (item.gold)
        for (Move m : {Move::Shift, Move::Reduce, Move::Left, Move::Right})
          move_costs[static_cast<int>(m)] = move_cost(system, item.state, m, ex.gold_head);
      for (std::uint32_t a = 0; a < actions; ++a) {
        if (!is_valid(system, item.state, a)) continue;
        bool gold = false;
        if (item.gold && move_costs[static_cast<int>(system.move_of(a))] == 0)
          gold = label_cost(system, item.state, a, ex.gold_head, ex.gold_label) == 0;
        sc.candidates.push_back({{item.score + sc.scores[a], static_cast<int>(i), static_cast<int>(a)}, gold});
      }
    }
    if (!open) break;
    const std::size_t keep = std::min(width, sc.candidates.size());
    std::partial_sort(sc.candidates.begin(), sc.candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                      sc.candidates.end(), [](const auto& a, const auto& b) { return a.c < b.c; });
    bool gold_kept = false;
    for (std::size_t j = 0; j < keep && !gold_kept; ++j) gold_kept = sc.candidates[j].gold;
    const auto history_of = [&](const Parser::BeamCandidate& c, std::vector<std::uint16_t>& out) {
      out = beam[static_cast<std::size_t>(c.item)].history;
      if (c.action >= 0) out.push_back(static_cast<std::uint16_t>(c.action));
    };
    if (!gold_kept) {
      const BeamScratch::Candidate* best_gold = nullptr;
      for (std::size_t j = keep; j < sc.candidates.size(); ++j)
        if (sc.candidates[j].gold && (!best_gold || sc.candidates[j].c < best_gold->c)) best_gold = &sc.candidates[j];
      if (!best_gold) return false;  // the oracle allows nothing: nothing to learn
      history_of(best_gold->c, good);
      history_of(sc.candidates[0].c, bad);
      update(good, bad);
      return true;
    }
    next.resize(keep);
    for (std::size_t j = 0; j < keep; ++j) {
      const BeamScratch::Candidate& c = sc.candidates[j];
      const Parser::BeamItem& parent = beam[static_cast<std::size_t>(c.c.item)];
      next[j].state = parent.state;
      next[j].score = c.c.score;
      next[j].gold = c.gold;
      next[j].history = parent.history;
      if (c.c.action >= 0) {
        apply(system, next[j].state, static_cast<std::uint32_t>(c.c.action));
        next[j].history.push_back(static_cast<std::uint16_t>(c.c.action));
      }
    }
    beam.swap(next);
  }
  if (beam[0].gold) return false;
  for (const Parser::BeamItem& item : beam)
    if (item.gold) {
      update(item.history, beam[0].history);
      return true;
    }
  return false;
}

std::string fixed2(double v) {
  std::string s = std::to_string(v);
  return s.substr(0, s.find('.') + 3);
}

}  // namespace

bool train_parser(const std::vector<const Sentence*>& train, const std::vector<const Sentence*>& dev,
                  const ParserTrainOptions& options, std::ostream& log, Parser& out, std::string& error,
                  const std::vector<ParserGuide>* train_guides, const std::vector<ParserGuide>* dev_guides) {
  if ((train_guides && train_guides->size() != train.size()) || (dev_guides && dev_guides->size() != dev.size()) ||
      (!train_guides && dev_guides)) {
    error = "parser guides do not match the sentences";
    return false;
  }
  // Labels, most frequent first.
  std::map<std::string, std::size_t> label_counts;
  for (const Sentence* s : train)
    for (const Token& t : s->tokens)
      if (!t.deprel.empty()) ++label_counts[t.deprel];
  if (label_counts.find("root") == label_counts.end()) {
    error = "the training data has no dependency relations (no 'root')";
    return false;
  }
  std::vector<std::pair<std::size_t, std::string>> by_count;
  for (const auto& [l, c] : label_counts) by_count.emplace_back(c, l);
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> labels;
  std::map<std::string, int> label_id;
  for (const auto& [c, l] : by_count) {
    label_id[l] = static_cast<int>(labels.size());
    labels.push_back(l);
  }
  Parser parser;
  ParserBuilder::set_labels(parser, labels, static_cast<std::uint32_t>(label_id["root"]),
                            mix64(options.seed ^ 0x706172736572ULL), options.late_root);
  ParserBuilder::set_direction(parser, options.right_to_left);
  ParserBuilder::set_beam(parser, std::max(1, options.beam));
  ParserBuilder::set_guided(parser, train_guides != nullptr);
  if (options.feature_set < 1 || options.feature_set > 2) {
    error = "parser feature set " + std::to_string(options.feature_set) + " is unknown";
    return false;
  }
  ParserBuilder::set_feature_set(parser, options.feature_set);
  const ArcEager& system = parser.system();

  std::vector<Example> examples;
  std::size_t skipped = 0, lifted = 0;
  for (std::size_t index = 0; index < train.size(); ++index) {
    const Sentence* s = train[index];
    const std::size_t n = s->tokens.size();
    Example ex;
    ex.gold_head.assign(n + 1, kNone);
    ex.gold_label.assign(n + 1, kNone);
    bool ok = n > 0;
    for (std::size_t i = 0; i < n && ok; ++i) {
      const Token& t = s->tokens[i];
      auto it = label_id.find(t.deprel);
      if (it == label_id.end()) {
        ok = false;
        break;
      }
      // Right to left, word i + 1 is node n - i.
      const std::size_t node = options.right_to_left ? n - i : i + 1;
      const int head = options.right_to_left && t.head > 0 ? static_cast<int>(n) + 1 - t.head : t.head;
      ex.gold_head[node] = head;
      ex.gold_label[node] = it->second;
    }
    if (!ok || !is_tree(ex.gold_head)) {
      ++skipped;
      continue;
    }
    lifted += static_cast<std::size_t>(projectivize(ex.gold_head));
    std::vector<ParserWord> words = words_of(*s, train_guides ? &(*train_guides)[index] : nullptr, options.senses);
    if (options.right_to_left) std::reverse(words.begin(), words.end());
    parser.atoms(words, ex.atoms);
    examples.push_back(std::move(ex));
  }
  if (examples.empty()) {
    error = "the training data has no usable dependency trees";
    return false;
  }
  if (options.verbose) {
    log << "parser: " << examples.size() << " trees (" << skipped << " skipped, " << lifted
        << " non-projective arcs lifted), " << labels.size() << " relations\n";
  }

  const std::uint32_t actions = system.num_actions();
  LinearModelTrainer model(actions);
  Random random(options.seed);
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scores(actions);
  std::vector<int> costs(actions);
  std::uint64_t keys[kMaxParserFeatures];
  ParseState state;
  BeamScratch beam_scratch;

  Parser best;
  double best_las = -1.0;
  int best_epoch = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    random.shuffle(order);
    std::size_t decisions = 0, errors = 0;
    const bool explore = epoch > options.explore_after;
    for (std::size_t index : order) {
      const Example& ex = examples[index];
      if (options.beam > 1) {
        ++decisions;
        if (beam_update(parser, ex, static_cast<std::size_t>(options.beam), model, beam_scratch)) ++errors;
        model.tick();
        continue;
      }
      state.reset(static_cast<int>(ex.gold_head.size()) - 1);
      while (!state.terminal()) {
        const std::size_t k = parser.features(ex.atoms, state, keys);
        std::fill(scores.begin(), scores.end(), 0.0f);
        model.add_scores(keys, k, scores.data());
        // Move-level costs once; labels add one when the head is right.
        int move_cost[4];
        for (Move m : {Move::Shift, Move::Reduce, Move::Left, Move::Right})
          move_cost[static_cast<int>(m)] = nlp::move_cost(system, state, m, ex.gold_head);
        int predicted = -1, gold = -1;
        for (std::uint32_t a = 0; a < actions; ++a) {
          if (!is_valid(system, state, a)) continue;
          const int c = move_cost[static_cast<int>(system.move_of(a))] +
                        label_cost(system, state, a, ex.gold_head, ex.gold_label);
          costs[a] = c;
          if (predicted < 0 || scores[a] > scores[static_cast<std::size_t>(predicted)]) predicted = static_cast<int>(a);
          if (c == 0 && (gold < 0 || scores[a] > scores[static_cast<std::size_t>(gold)])) gold = static_cast<int>(a);
        }
        if (gold < 0) gold = predicted;  // no zero-cost action: nothing to learn here
        ++decisions;
        if (costs[static_cast<std::size_t>(predicted)] > 0) {
          ++errors;
          model.update(keys, k, static_cast<std::uint32_t>(gold), 1.0f);
          model.update(keys, k, static_cast<std::uint32_t>(predicted), -1.0f);
        }
        model.tick();
        const bool follow_prediction = explore && random.unit() < options.explore_probability;
        apply(system, state, static_cast<std::uint32_t>(follow_prediction ? predicted : gold));
      }
    }
    ParserBuilder::set_model(parser, model.freeze(options.min_weight));
    std::string dev_text;
    double las = static_cast<double>(epoch);
    if (!dev.empty()) {
      const Score score = evaluate(parser, dev, dev_guides, options.senses);
      las = score.las();
      dev_text = ", dev UAS " + fixed2(score.uas()) + " LAS " + fixed2(score.las());
    }
    if (options.verbose) {
      ByteWriter size;
      parser.write(size);
      log << "parser epoch " << epoch << ": errors " << errors << " of " << decisions << " decisions, "
          << model.num_features() << " features, " << size.bytes().size() / 1000000 << " MB" << dev_text << '\n';
      log.flush();
    }
    if (las > best_las) {
      best_las = las;
      best_epoch = epoch;
      best = parser;
    }
  }
  if (options.verbose && !dev.empty()) log << "parser: keeping epoch " << best_epoch << '\n';
  out = std::move(best);
  return true;
}

}  // namespace kestrel::nlp
