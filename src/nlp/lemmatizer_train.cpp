// Training of the lemmatizer (lemmatizer.h).
#include <algorithm>
#include <map>
#include <ostream>

#include "nlp/hashing.h"
#include "nlp/lemmatizer.h"
#include "nlp/tagger.h"
#include "nlp/train_util.h"
#include "nlp/wordnet.h"

namespace kestrel::nlp {

struct LemmatizerBuilder {
  static bool train(const std::vector<const Sentence*>& train, const LemmatizerTrainOptions& options,
                    std::ostream& log, Lemmatizer& out, std::string& error);
};

namespace {

// Reads WordNet's exception list for one part of speech: lines of
// "inflected base [base...]". Multi-word entries are skipped.
// A form's first base (the one WordNet lists first); multi-word entries
// are left out.
void read_exceptions(const std::string& path, char pos, std::vector<std::pair<std::string, std::string>>& out,
                     std::size_t& count) {
  read_wordnet_exceptions(path, [&](const std::string& form, const std::vector<std::string>& bases) {
    if (bases.empty()) return;
    if (form.find('_') != std::string::npos || bases.front().find('_') != std::string::npos) return;
    out.emplace_back(form + '\t' + pos, bases.front());
    ++count;
  });
}

}  // namespace

bool LemmatizerBuilder::train(const std::vector<const Sentence*>& train, const LemmatizerTrainOptions& options,
                              std::ostream& log, Lemmatizer& out, std::string& error) {
  Lemmatizer lem;
  lem.seed_ = mix64(options.seed ^ 0x6c656d6d61ULL);
  // (form, XPOS) -> lemma -> count; kept in std::map so ties break the same
  // way on every run.
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::size_t>> seen;
  std::map<std::pair<std::string, std::string>, std::string> upos_of;
  for (const Sentence* s : train)
    for (const Token& t : s->tokens) {
      if (t.lemma.empty() || t.xpos.empty()) continue;
      ++seen[{t.form, t.xpos}][t.lemma];
      upos_of[{t.form, t.xpos}] = t.upos;
    }
  if (seen.empty()) {
    error = "the training data has no lemmas";
    return false;
  }

  struct Type {
    std::string form, upos, xpos;
    std::uint32_t rule;
  };
  std::vector<Type> types;
  std::map<std::tuple<std::uint8_t, std::uint8_t, std::string>, std::uint32_t> rule_ids;
  for (const auto& [key, lemmas] : seen) {
    const auto best = std::max_element(lemmas.begin(), lemmas.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    lem.known_.emplace(lem.key(key.first, key.second), best->first);
    const LemmaRule rule = lemma_rule(key.first, best->first);
    auto [it, added] = rule_ids.emplace(std::make_tuple(rule.lower, rule.strip, rule.append),
                                        static_cast<std::uint32_t>(lem.rules_.size()));
    if (added) lem.rules_.push_back(rule);
    types.push_back({key.first, upos_of[key], key.second, it->second});
  }
  if (lem.rules_.size() > 65535) {
    error = "too many lemma rules";
    return false;
  }

  std::size_t exceptions = 0;
  if (!options.wordnet_dir.empty()) {
    std::vector<std::pair<std::string, std::string>> list;
    read_exceptions(options.wordnet_dir + "/noun.exc", 'n', list, exceptions);
    read_exceptions(options.wordnet_dir + "/verb.exc", 'v', list, exceptions);
    read_exceptions(options.wordnet_dir + "/adj.exc", 'a', list, exceptions);
    read_exceptions(options.wordnet_dir + "/adv.exc", 'r', list, exceptions);
    for (const auto& [key, base] : list) {
      const std::size_t tab = key.find('\t');
      lem.irregular_.emplace(lem.key(key.substr(0, tab), key.substr(tab + 1)), base);
    }
  }

  // The rule classifier learns from word types, not tokens: what it will
  // meet are unknown words, and those look like the rare types.
  LinearModelTrainer model(static_cast<std::uint32_t>(lem.rules_.size()));
  Random random(options.seed);
  std::vector<std::size_t> order(types.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scores(lem.rules_.size());
  std::uint64_t keys[kMaxLemmaFeatures];
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    random.shuffle(order);
    std::size_t errors = 0;
    for (std::size_t index : order) {
      const Type& t = types[index];
      const std::size_t k = lem.features(t.form, t.upos, t.xpos, keys);
      std::fill(scores.begin(), scores.end(), 0.0f);
      model.add_scores(keys, k, scores.data());
      const auto guess = static_cast<std::uint32_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      if (guess != t.rule) {
        model.update(keys, k, t.rule, 1.0f);
        model.update(keys, k, guess, -1.0f);
        ++errors;
      }
      model.tick();
    }
    if (options.verbose) {
      log << "lemmatizer epoch " << epoch << ": " << errors << " errors on " << types.size() << " word types\n";
      log.flush();
    }
  }
  lem.model_ = model.freeze(0.0f);
  if (options.verbose) {
    log << "lemmatizer: " << lem.known_.size() << " known forms, " << lem.rules_.size() << " edit rules, "
        << exceptions << " WordNet exceptions\n";
  }
  out = std::move(lem);
  return true;
}

bool train_lemmatizer(const std::vector<const Sentence*>& train, const LemmatizerTrainOptions& options,
                      std::ostream& log, Lemmatizer& out, std::string& error) {
  return LemmatizerBuilder::train(train, options, log, out, error);
}

}  // namespace kestrel::nlp
