// Internal to the nlp stage: lemmas.
//
// In order of trust:
//   1. the training data's most frequent lemma for the (form, XPOS) pair,
//      then for the lower-cased form;
//   2. an irregular form from WordNet's exception lists (went -> go), for
//      inflected verbs, nouns, adjectives and adverbs;
//   3. an edit rule ("lower-case, strip 3 letters, append 'e'") chosen by an
//      averaged perceptron from the word's suffixes, shape and tags. The
//      rules are the edits seen in training.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/model_file.h"
#include "nlp/linear_model.h"
#include "text/text.h"

namespace kestrel::nlp {

// How a lemma is made from a form.
struct LemmaRule {
  std::uint8_t lower = 0;  // 1: lower-case the form first
  std::uint8_t strip = 0;  // bytes removed from the end
  std::string append;      // then appended
  bool operator==(const LemmaRule&) const = default;
};

// The rule that turns `form` into `lemma` (the shortest edit, preferring to
// keep the case).
LemmaRule lemma_rule(std::string_view form, std::string_view lemma);
// Applies a rule; false if it does not fit the form.
bool apply_lemma_rule(const LemmaRule& rule, std::string_view form, std::string& out);

inline constexpr std::size_t kMaxLemmaFeatures = 24;

class Lemmatizer {
 public:
  std::string lemma(std::string_view form, std::string_view upos, std::string_view xpos) const;
  // Whether training had this form (exact case) as a proper noun.
  bool proper_noun(std::string_view form) const {
    return known_.count(key(form, "NNP")) != 0 || known_.count(key(form, "NNPS")) != 0;
  }
  // Whether training had this form (exact case) with an open-class or
  // function-word tag other than a proper noun's.
  bool common_word(std::string_view form) const;

  // Features of the rule classifier (exposed for training and tests).
  std::size_t features(std::string_view form, std::string_view upos, std::string_view xpos,
                       std::uint64_t* out) const;

  void write(ByteWriter& out) const;
  bool read(ByteReader& in, std::string& error);

 private:
  friend struct LemmatizerBuilder;
  std::uint64_t key(std::string_view form, std::string_view tag) const;
  std::uint64_t seed_ = 0;
  std::unordered_map<std::uint64_t, std::string> known_;      // (form, XPOS) -> lemma
  std::unordered_map<std::uint64_t, std::string> irregular_;  // (lower form, WordNet part of speech) -> base
  std::vector<LemmaRule> rules_;
  LinearModel model_;
};

// WordNet's part of speech for an XPOS ('n', 'v', 'a', 'r', or 0).
char wordnet_pos(std::string_view xpos);

struct LemmatizerTrainOptions {
  int epochs = 8;
  std::uint64_t seed = 1;
  std::string wordnet_dir;  // directory with WordNet's *.exc files; empty = none
  bool verbose = true;
};

bool train_lemmatizer(const std::vector<const Sentence*>& train, const LemmatizerTrainOptions& options,
                      std::ostream& log, Lemmatizer& out, std::string& error);

}  // namespace kestrel::nlp
