// Internal to the nlp stage: morphological features (the FEATS column).
//
// First from the word and its tags: the training data's most frequent
// features for (lower-cased form, UPOS, XPOS), else for (UPOS, XPOS). Then,
// once the sentence is parsed, the verb features that depend on syntax in
// UD English:
//   - Person and Number of finite verbs agree with their subject (for an
//     auxiliary or copula, the subject of its head);
//   - a bare VB is Mood=Imp|VerbForm=Fin when it heads a clause with no
//     subject, auxiliary or marker, else VerbForm=Inf;
//   - a past participle with a passive auxiliary or subject is Voice=Pass,
//     one with "have" as auxiliary is not.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/model_file.h"
#include "text/text.h"

namespace kestrel::nlp {

class Morphology {
 public:
  // Features of a word from its form and tags ("" when none).
  std::string_view features(std::string_view form, std::string_view upos, std::string_view xpos) const;
  // Adjusts verb features from the parse (heads, relations, lemmas and
  // features of the other words must be filled).
  static void apply_syntax(Sentence& sentence);

  void write(ByteWriter& out) const;
  bool read(ByteReader& in, std::string& error);

  // Builds the tables from gold data.
  static Morphology train(const std::vector<const Sentence*>& train, std::uint64_t seed);

 private:
  std::uint64_t word_key(std::string_view form, std::string_view upos, std::string_view xpos) const;
  std::uint64_t tag_key(std::string_view upos, std::string_view xpos) const;
  std::uint64_t seed_ = 0;
  std::unordered_map<std::uint64_t, std::string> by_word_;  // only where it differs from by_tag_
  std::unordered_map<std::uint64_t, std::string> by_tag_;
};

// "A=1|B=2" <-> sorted pairs (UD orders features by name, case-insensitively).
std::vector<std::pair<std::string, std::string>> split_features(std::string_view feats);
std::string join_features(std::vector<std::pair<std::string, std::string>> feats);

}  // namespace kestrel::nlp
