// Training of the tagger (tagger.h).
#include <algorithm>
#include <map>
#include <ostream>

#include "nlp/hashing.h"
#include "nlp/tagger.h"
#include "nlp/train_util.h"

namespace kestrel::nlp {

struct TaggerBuilder {
  // Word -> class -> count, keyed by the lower-cased form's hash.
  using Counts = std::unordered_map<std::uint64_t, std::map<std::uint16_t, std::uint32_t>>;

  static std::uint64_t ambiguity_of(const std::vector<std::uint16_t>& classes) {
    std::uint64_t h = 0x616d626967ULL;
    for (std::uint16_t c : classes) h = combine(h, c);
    return h;
  }

  // The ambiguity class a word would have if one occurrence of `gold` had
  // not been in the training data: training then sees rare words the way
  // tagging sees unknown ones.
  static std::uint64_t leave_one_out(const std::map<std::uint16_t, std::uint32_t>& counts, std::uint16_t gold,
                                     bool& known) {
    std::vector<std::uint16_t> classes;
    for (const auto& [c, n] : counts)
      if (n > (c == gold ? 1u : 0u)) classes.push_back(c);
    known = !classes.empty();
    return known ? ambiguity_of(classes) : kUnknownAmbiguity;
  }
};

namespace {

struct Example {
  std::vector<TaggerAtoms> atoms;
  std::vector<std::uint16_t> gold;
};

std::vector<std::string_view> forms_of(const Sentence& s) {
  std::vector<std::string_view> forms;
  forms.reserve(s.tokens.size());
  for (const Token& t : s.tokens) forms.push_back(t.form);
  return forms;
}

struct Accuracy {
  std::size_t words = 0, upos = 0, xpos = 0, both = 0;
  double upos_pct() const { return words ? 100.0 * static_cast<double>(upos) / static_cast<double>(words) : 0.0; }
  double xpos_pct() const { return words ? 100.0 * static_cast<double>(xpos) / static_cast<double>(words) : 0.0; }
  double both_pct() const { return words ? 100.0 * static_cast<double>(both) / static_cast<double>(words) : 0.0; }
};

Accuracy evaluate(const Tagger& tagger, const std::vector<const Sentence*>& data, int passes = 2) {
  Accuracy acc;
  Tagger::Scratch scratch;
  std::vector<std::uint16_t> predicted;
  for (const Sentence* s : data) {
    tagger.tag(forms_of(*s), predicted, scratch, passes);
    for (std::size_t i = 0; i < predicted.size(); ++i) {
      const Token& t = s->tokens[i];
      const bool u = tagger.tags().upos[predicted[i]] == t.upos;
      const bool x = tagger.tags().xpos[predicted[i]] == t.xpos;
      ++acc.words;
      acc.upos += u;
      acc.xpos += x;
      acc.both += u && x;
    }
  }
  return acc;
}

}  // namespace

bool train_tagger(const std::vector<const Sentence*>& train, const std::vector<const Sentence*>& dev,
                  const TaggerTrainOptions& options, std::ostream& log, Tagger& out, std::string& error,
                  int* chosen_epoch) {
  Tagger tagger;
  tagger.seed_ = mix64(options.seed ^ 0x746167676572ULL);
  if (options.wordnet != nullptr) tagger.wordnet_ = *options.wordnet;
  TaggerBuilder::Counts counts;
  std::size_t words = 0;
  for (const Sentence* s : train) {
    for (const Token& t : s->tokens) {
      if (t.upos.empty() || t.xpos.empty()) continue;
      const auto c = static_cast<std::uint16_t>(tagger.tags_.add(t.upos, t.xpos));
      ++counts[hash_string(lower_ascii(t.form), tagger.seed_ + 1)][c];
      ++words;
    }
  }
  if (words == 0 || tagger.tags_.size() < 2) {
    error = "the training data has no UPOS/XPOS tags";
    return false;
  }
  for (const auto& [key, per_class] : counts) {
    WordInfo info;
    std::vector<std::uint16_t> classes;
    for (const auto& [c, n] : per_class) {
      info.count += n;
      classes.push_back(c);
    }
    info.ambiguity = TaggerBuilder::ambiguity_of(classes);
    tagger.words_.emplace(key, info);
  }

  // Atoms of the training sentences, computed once, with leave-one-out
  // ambiguity classes.
  std::vector<Example> examples;
  examples.reserve(train.size());
  for (const Sentence* s : train) {
    Example ex;
    tagger.atoms(forms_of(*s), ex.atoms);
    bool complete = true;
    for (std::size_t i = 0; i < s->tokens.size(); ++i) {
      const int c = tagger.tags_.find(s->tokens[i].upos, s->tokens[i].xpos);
      if (c < 0) {
        complete = false;
        break;
      }
      ex.gold.push_back(static_cast<std::uint16_t>(c));
      auto it = counts.find(ex.atoms[i].lower);
      if (it != counts.end()) {
        bool known = false;
        ex.atoms[i].ambiguity = TaggerBuilder::leave_one_out(it->second, ex.gold.back(), known);
        if (!known) ex.atoms[i].flags &= ~kFlagKnown;
      }
    }
    if (complete && !ex.gold.empty()) examples.push_back(std::move(ex));
  }

  const std::size_t classes = tagger.tags_.size();
  LinearModelTrainer pass1(static_cast<std::uint32_t>(classes));
  LinearModelTrainer pass2(static_cast<std::uint32_t>(classes));
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  Random random(options.seed);
  std::vector<float> scores(classes);
  std::vector<std::uint16_t> first, second;
  std::uint64_t keys[kMaxTaggerFeatures];
  auto predict = [&](const LinearModelTrainer& model, std::size_t k) {
    std::fill(scores.begin(), scores.end(), 0.0f);
    model.add_scores(keys, k, scores.data());
    std::size_t best = 0;
    for (std::size_t c = 1; c < classes; ++c)
      if (scores[c] > scores[best]) best = c;
    return static_cast<std::uint16_t>(best);
  };

  Tagger best;
  double best_score = -1.0;
  int best_epoch = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    random.shuffle(order);
    std::size_t seen = 0, errors1 = 0, errors2 = 0;
    for (std::size_t index : order) {
      const Example& ex = examples[index];
      const std::size_t n = ex.gold.size();
      first.assign(n, 0);
      second.assign(n, 0);
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = tagger.features(ex.atoms, i, first.data(), nullptr, keys);
        const std::uint16_t guess = predict(pass1, k);
        if (guess != ex.gold[i]) {
          pass1.update(keys, k, ex.gold[i], 1.0f);
          pass1.update(keys, k, guess, -1.0f);
          ++errors1;
        }
        pass1.tick();
        first[i] = guess;
      }
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = tagger.features(ex.atoms, i, second.data(), first.data(), keys);
        const std::uint16_t guess = predict(pass2, k);
        if (guess != ex.gold[i]) {
          pass2.update(keys, k, ex.gold[i], 1.0f);
          pass2.update(keys, k, guess, -1.0f);
          ++errors2;
        }
        pass2.tick();
        second[i] = guess;
      }
      seen += n;
    }
    tagger.pass1_ = pass1.freeze(options.min_weight);
    tagger.pass2_ = pass2.freeze(options.min_weight);
    double score = 0.0;
    std::string dev_text;
    if (!dev.empty()) {
      const Accuracy acc = evaluate(tagger, dev);
      score = acc.upos_pct() + acc.xpos_pct();
      const Accuracy first_pass = evaluate(tagger, dev, 1);
      dev_text = " dev pass 1 UPOS " + std::to_string(first_pass.upos_pct()).substr(0, 5) + "; UPOS " + std::to_string(acc.upos_pct()).substr(0, 5) + " XPOS " +
                 std::to_string(acc.xpos_pct()).substr(0, 5);
    } else {
      score = static_cast<double>(epoch);  // without dev data the last epoch wins
    }
    if (options.verbose) {
      log << "tagger epoch " << epoch << ": train errors " << errors1 << "/" << errors2 << " of " << seen
          << ", features " << pass1.num_features() << "/" << pass2.num_features() << dev_text << '\n';
      log.flush();
    }
    if (score > best_score) {
      best_score = score;
      best_epoch = epoch;
      best = tagger;
    }
  }
  if (options.verbose && !dev.empty()) log << "tagger: keeping epoch " << best_epoch << '\n';
  out = std::move(best);
  if (chosen_epoch != nullptr) *chosen_epoch = best_epoch;
  return true;
}

}  // namespace kestrel::nlp
