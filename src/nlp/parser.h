// Internal to the nlp stage: the dependency parser.
//
// Greedy arc-eager parsing (arc_eager.h) scored by an averaged perceptron
// over hashed feature templates in the style of Zhang & Nivre (2011): words
// and tags of the stack and buffer, heads and outermost dependents, their
// labels, distance, valency and label sets. Each action is a move and a
// label together, so the label is chosen with the attachment.
// Trained greedily with a dynamic oracle and exploration (Goldberg & Nivre
// 2012), or, with a beam, globally: a structured perceptron over whole
// action sequences with early update (Collins & Roark 2004; Zhang & Clark
// 2008), the gold sequence being the best-scoring one the dynamic oracle
// allows. A beam-trained model parses with the beam it was trained with.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/model_file.h"
#include "nlp/arc_eager.h"
#include "nlp/linear_model.h"
#include "nlp/wordnet.h"
#include "text/text.h"

namespace kestrel::nlp {

// What the parser reads about one word.
struct ParserWord {
  std::string_view form;
  std::string_view upos;
  std::string_view xpos;
  std::string_view lemma;
  // WordNet's semantic class of the lemma (WordNetSenses::sense; 0 = none).
  std::uint8_t sense = 0;
  // Another parser's opinion, read by a guided parser (Nivre & McDonald
  // 2008): the head (1-based, 0 = root, -1 = none) and relation it gave.
  int guide_head = -1;
  std::string_view guide_label;
};

// Hashed atoms of one node (index 0 is the root).
struct ParserAtoms {
  std::uint64_t word = 0;   // lower-cased form
  std::uint64_t tag = 0;    // XPOS and UPOS
  std::uint64_t upos = 0;
  std::uint64_t lemma = 0;
  std::uint64_t word_class = 0;  // the semantic class, or the tag where there is none
  // Guided parsers only, in node numbers: the guide's head, the relation it
  // gave and the guide's last dependent of this node.
  int guide_head = kNone;
  int guide_last_dependent = kNone;
  std::uint64_t guide_label = 0;
};

inline constexpr std::size_t kMaxParserFeatures = 128;

class Parser {
 public:
  Parser() : system_(1, 0) {}

  const ArcEager& system() const { return system_; }
  const std::vector<std::string>& labels() const { return labels_; }
  std::uint64_t seed() const { return seed_; }
  // Whether this parser reads sentences from their end (it parses the
  // reversed sentence; parse() maps the tree back).
  bool right_to_left() const { return right_to_left_; }
  // Whether it reads another parser's tree (ParserWord::guide_*).
  bool guided() const { return guided_; }
  // Parser states kept at each step (1 = greedy).
  int beam_width() const { return beam_; }
  // Which feature templates it reads: 1 = words, tags, tree context; 2 =
  // also lemmas and WordNet's semantic classes (ParserWord::sense).
  int feature_set() const { return feature_set_; }

  // Atoms of the root and every word (out[0] is the root).
  void atoms(const std::vector<ParserWord>& words, std::vector<ParserAtoms>& out) const;
  // Feature keys of a configuration; returns how many were written (at most
  // kMaxParserFeatures).
  std::size_t features(const std::vector<ParserAtoms>& atoms, const ParseState& state, std::uint64_t* out) const;
  // Label for a word attached by finish(): "punct" for punctuation, else
  // "parataxis" (or whatever exists).
  int fallback_label(std::string_view upos) const;

  // One partial parse in the beam.
  struct BeamItem {
    ParseState state;
    float score = 0.0f;
    bool gold = true;  // training: every action so far was allowed by the oracle
    std::vector<std::uint16_t> history;  // training: the actions taken
  };
  // An extension of a beam item: `action` applied to item `item` (-1: the
  // item is complete and carried over as it is).
  struct BeamCandidate {
    float score;
    int item;
    int action;
    bool operator<(const BeamCandidate& o) const {  // best first; ties in a fixed order
      if (score != o.score) return score > o.score;
      if (item != o.item) return item < o.item;
      return action < o.action;
    }
  };
  struct Scratch {
    std::vector<BeamCandidate> candidates;
    std::vector<ParserWord> reversed;
    std::vector<ParserAtoms> atoms;
    ParseState state;
    std::vector<float> scores;
    std::vector<BeamItem> beam, next;
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
  bool right_to_left_ = false;
  bool guided_ = false;
  int beam_ = 1;
  int feature_set_ = 1;
  std::vector<std::string> labels_;
  ArcEager system_;
  int punct_label_ = 0;
  int parataxis_label_ = 0;
  LinearModel model_;

  void parse_greedy(ParseState& state, const std::vector<ParserAtoms>& atoms, Scratch& scratch) const;
  void parse_beam(ParseState& state, const std::vector<ParserAtoms>& atoms, Scratch& scratch) const;
};

// Training ------------------------------------------------------------------

struct ParserTrainOptions {
  int epochs = 15;
  std::uint64_t seed = 1;
  // Follow the model's own (possibly wrong) actions after this many epochs,
  // with this probability, so it learns to recover from its mistakes.
  int explore_after = 1;
  double explore_probability = 0.9;
  // Above 1: train globally with a beam of this width (no exploration); the
  // model then parses with that beam.
  int beam = 1;
  bool right_to_left = false;  // parse sentences from their end
  // The root's dependent is chosen when the buffer runs out (arc_eager.h)
  // instead of by an arc from the root during the parse.
  bool late_root = false;
  // Averaged weights smaller than this are dropped: they hardly change a
  // decision and take most of the room.
  float min_weight = 1.0f;
  int feature_set = 1;  // Parser::feature_set()
  // Semantic classes for feature set 2 (ParserWord::sense); none when null.
  const WordNetSenses* senses = nullptr;
  bool verbose = true;
};

// A guide parser's tree for one sentence, per word.
struct GuideArc {
  int head = -1;
  std::string label;
};
using ParserGuide = std::vector<GuideArc>;

// Trains on `train` (whose words carry the tags the parser will see at run
// time, e.g. from a jackknifed tagger, and gold heads and relations). After
// every epoch, `dev` (with the same kind of tags) is parsed and the epoch with
// the best LAS is kept. With guides (one per sentence of `train` and `dev`,
// from a guide parser that did not see the sentence), the parser is guided.
bool train_parser(const std::vector<const Sentence*>& train, const std::vector<const Sentence*>& dev,
                  const ParserTrainOptions& options, std::ostream& log, Parser& out, std::string& error,
                  const std::vector<ParserGuide>* train_guides = nullptr,
                  const std::vector<ParserGuide>* dev_guides = nullptr);

}  // namespace kestrel::nlp
