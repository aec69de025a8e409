// Internal to the nlp stage: the dependency parser.
//
// Greedy arc-eager parsing (arc_eager.h) scored by an averaged perceptron
// over hashed feature templates in the style of Zhang & Nivre (2011): words
// and tags of the stack and buffer, heads and outermost dependents, their
// labels, distance, valency and label sets. Each action is a move and a
// label together, so the label is chosen with the attachment.
// Trained with a dynamic oracle and exploration (Goldberg & Nivre 2012).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/model_file.h"
#include "nlp/arc_eager.h"
#include "nlp/linear_model.h"
#include "text/text.h"

namespace kestrel::nlp {

// What the parser reads about one word.
struct ParserWord {
  std::string_view form;
  std::string_view upos;
  std::string_view xpos;
  std::string_view lemma;
};

// Hashed atoms of one node (index 0 is the root).
struct ParserAtoms {
  std::uint64_t word = 0;   // lower-cased form
  std::uint64_t tag = 0;    // XPOS
  std::uint64_t upos = 0;
  std::uint64_t lemma = 0;
};

inline constexpr std::size_t kMaxParserFeatures = 128;

class Parser {
 public:
  Parser() : system_(1, 0) {}

  const ArcEager& system() const { return system_; }
  const std::vector<std::string>& labels() const { return labels_; }
  std::uint64_t seed() const { return seed_; }

  // Atoms of the root and every word (out[0] is the root).
  void atoms(const std::vector<ParserWord>& words, std::vector<ParserAtoms>& out) const;
  // Feature keys of a configuration; returns how many were written (at most
  // kMaxParserFeatures).
  std::size_t features(const std::vector<ParserAtoms>& atoms, const ParseState& state, std::uint64_t* out) const;
  // Label for a word attached by finish(): "punct" for punctuation, else
  // "parataxis" (or whatever exists).
  int fallback_label(std::string_view upos) const;

  struct Scratch {
    std::vector<ParserAtoms> atoms;
    ParseState state;
    std::vector<float> scores;
  };
  // Parses one sentence: heads[i] (0 = root, else 1-based) and labels[i]
  // (index into labels()) for every word i.
  void parse(const std::vector<ParserWord>& words, std::vector<int>& heads, std::vector<int>& labels,
             Scratch& scratch) const;

  void write(ByteWriter& out) const;
  bool read(ByteReader& in, std::string& error);

 private:
  friend struct ParserBuilder;
  std::uint64_t seed_ = 0;
  std::vector<std::string> labels_;
  ArcEager system_;
  int punct_label_ = 0;
  int parataxis_label_ = 0;
  LinearModel model_;
};

// Training ------------------------------------------------------------------

struct ParserTrainOptions {
  int epochs = 15;
  std::uint64_t seed = 1;
  // Follow the model's own (possibly wrong) actions after this many epochs,
  // with this probability, so it learns to recover from its mistakes.
  int explore_after = 1;
  double explore_probability = 0.9;
  bool verbose = true;
};

// Trains on `train` (whose words carry the tags the parser will see at run
// time, e.g. from a jackknifed tagger, and gold heads and relations). After
// every epoch, `dev` (with the same kind of tags) is parsed and the epoch with
// the best LAS is kept.
bool train_parser(const std::vector<const Sentence*>& train, const std::vector<const Sentence*>& dev,
                  const ParserTrainOptions& options, std::ostream& log, Parser& out, std::string& error);

}  // namespace kestrel::nlp
