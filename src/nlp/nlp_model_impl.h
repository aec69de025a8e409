// Internal to the nlp stage: what an NlpModel holds, shared by the runtime
// (nlp_model.cpp) and the trainer (nlp_train.cpp).
//
// Model file (kind "nlp", version kNlpModelVersion), sections:
//   meta        u32 feature-hash version, str summary
//   tagger      Tagger::write
//   lemmatizer  Lemmatizer::write
//   morph       Morphology::write
//   senses      WordNetSenses::write (optional: parsers of feature set 2)
//   parser      Parser::write (the first parser)
//   parser.2 …  further parsers of an ensemble, if any: their trees are
//               combined by weighted arc votes and Eisner's algorithm
//   selftest    u32 count, then per sentence: u32 words, per word the form
//               and the expected "UPOS XPOS LEMMA FEATS HEAD DEPREL" line;
//               load() annotates them and refuses the model on a mismatch.
// Version history: 1 = first release; 2 = the tagger carries WordNet's parts
// of speech (nlp/wordnet.h), so version-1 files are refused: retrain.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "nlp/lemmatizer.h"
#include "nlp/morph.h"
#include "nlp/nlp.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"

namespace kestrel {

inline constexpr std::uint32_t kNlpModelVersion = 2;
inline constexpr const char* kNlpModelKind = "nlp";

struct NlpModel::Impl {
  nlp::Tagger tagger;
  nlp::Lemmatizer lemmatizer;
  nlp::Morphology morphology;
  // WordNet's semantic classes for parsers with feature set 2; empty in
  // models written before them (section "senses", optional).
  nlp::WordNetSenses senses;
  // One parser, or an ensemble whose trees are combined (Sagae & Lavie
  // 2006): each word's head by arc votes decoded with Eisner's algorithm,
  // its relation by the votes of the parsers that chose that head.
  std::vector<nlp::Parser> parsers;
  // Per parser after the first: its label index -> the first parser's.
  std::vector<std::vector<int>> label_maps;
  void link_parsers();
  struct SelfTest {
    std::vector<std::string> forms;
    std::vector<std::string> expected;  // one line per word
  };
  std::vector<SelfTest> self_tests;
  std::string summary;
};

// Lets the trainer build a model piece by piece.
struct NlpModelAccess {
  static std::unique_ptr<NlpModel> create();
  static NlpModel::Impl& impl(NlpModel& model) { return *model.impl_; }
  static const NlpModel::Impl& impl(const NlpModel& model) { return *model.impl_; }
  // The self-test line of one annotated token.
  static std::string describe(const Token& token);
};

}  // namespace kestrel
