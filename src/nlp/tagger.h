// Internal to the nlp stage: the part-of-speech tagger.
//
// Predicts one class per word, where a class is a (UPOS, XPOS) pair seen in
// training (about a hundred in EWT). Two greedy passes of an averaged
// perceptron: the first reads the words and the tags it already chose on the
// left; the second reads the same plus the first pass's tags on the right.
// Features are hashed (hashing.h); a tag dictionary built from the training
// words gives each word its "ambiguity class" (the set of classes it was
// seen with), which is how the tagger knows about words it has not reached.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/model_file.h"
#include "nlp/linear_model.h"
#include "nlp/wordnet.h"
#include "text/text.h"

namespace kestrel::nlp {

// The classes of a tagger: (UPOS, XPOS) pairs.
struct TagSet {
  std::vector<std::string> upos;  // per class
  std::vector<std::string> xpos;  // per class
  std::size_t size() const { return upos.size(); }
  // Class id of a pair, or -1.
  int find(std::string_view u, std::string_view x) const;
  int add(std::string_view u, std::string_view x);  // find or append
  void write(ByteWriter& out) const;
  bool read(ByteReader& in, std::string& error);
};

// What training taught about one word (keyed by the hash of its lower-cased
// form).
struct WordInfo {
  std::uint32_t count = 0;
  std::uint64_t ambiguity = 0;  // hash of the sorted set of classes seen
};

// Per-word atoms the tagger features read, computed once per sentence.
struct TaggerAtoms {
  std::uint64_t form = 0;
  std::uint64_t lower = 0;
  std::uint64_t shape = 0;
  std::uint64_t prefix[3] = {};
  std::uint64_t suffix[5] = {};
  std::uint64_t ambiguity = 0;
  std::uint64_t wordnet = 0;  // WordNetClasses::classes() of the lower-cased form
  std::uint32_t flags = 0;  // kFlag*
};

inline constexpr std::uint32_t kFlagDigit = 1;
inline constexpr std::uint32_t kFlagHyphen = 2;
inline constexpr std::uint32_t kFlagUpper = 4;      // some upper-case letter
inline constexpr std::uint32_t kFlagAllUpper = 8;
inline constexpr std::uint32_t kFlagInitUpper = 16;
inline constexpr std::uint32_t kFlagFirst = 32;     // first word of the sentence
inline constexpr std::uint32_t kFlagKnown = 64;     // in the tag dictionary

// Ambiguity class of words not in the tag dictionary.
inline constexpr std::uint64_t kUnknownAmbiguity = 0x756e6b6e6f776eULL;

// Lower-cased form (ASCII letters only; other bytes kept) and word shape
// ("Xxx", "dd-dd", ...): exposed for the tests.
std::string lower_ascii(std::string_view s);
std::string word_shape(std::string_view s);
// The same into `out` (reusing its room).
void lower_ascii(std::string_view s, std::string& out);
void word_shape(std::string_view s, std::string& out);

// Maximum number of features one word can produce.
inline constexpr std::size_t kMaxTaggerFeatures = 72;

class Tagger {
 public:
  const TagSet& tags() const { return tags_; }
  const WordNetClasses& wordnet() const { return wordnet_; }
  std::uint64_t seed() const { return seed_; }

  // Computes the atoms of every word of a sentence.
  void atoms(const std::vector<std::string_view>& forms, std::vector<TaggerAtoms>& out) const;

  // Features of word i. `left` holds the classes chosen for words < i;
  // `right` (pass 2 only, else null) the first pass's classes for all words.
  // Returns the number of keys written to `out` (at most kMaxTaggerFeatures).
  std::size_t features(const std::vector<TaggerAtoms>& atoms, std::size_t i, const std::uint16_t* left,
                       const std::uint16_t* right, std::uint64_t* out) const;

  // Tags a sentence; `out` receives one class per word.
  struct Scratch {
    std::vector<TaggerAtoms> atoms;
    std::vector<std::uint16_t> first;
    std::vector<float> scores;
  };
  // `passes` = 1 stops after the first pass (for measurements).
  void tag(const std::vector<std::string_view>& forms, std::vector<std::uint16_t>& out, Scratch& scratch,
           int passes = 2) const;
  // tag() in two steps, so that many sentences can take the first before
  // any takes the second: the first pass computes the atoms and the first
  // classes; the second, from those, the final classes (`out`).
  void first_pass(const std::vector<std::string_view>& forms, std::vector<TaggerAtoms>& atoms,
                  std::vector<std::uint16_t>& first, std::vector<float>& scores) const;
  void second_pass(const std::vector<TaggerAtoms>& atoms, const std::vector<std::uint16_t>& first,
                   std::vector<std::uint16_t>& out, std::vector<float>& scores) const;

  void write(ByteWriter& out) const;
  bool read(ByteReader& in, std::string& error);

 private:
  friend struct TaggerBuilder;
  friend bool train_tagger(const std::vector<const Sentence*>&, const std::vector<const Sentence*>&,
                           const struct TaggerTrainOptions&, std::ostream&, Tagger&, std::string&, int*);
  std::uint64_t seed_ = 0;
  TagSet tags_;
  std::unordered_map<std::uint64_t, WordInfo> words_;
  WordNetClasses wordnet_;
  LinearModel pass1_;
  LinearModel pass2_;
};

// Training ------------------------------------------------------------------

struct TaggerTrainOptions {
  int epochs = 12;
  std::uint64_t seed = 1;
  float min_weight = 0.0f;  // see LinearModelTrainer::freeze
  // WordNet's parts of speech for words (nlp/wordnet.h); null or empty:
  // none, and the tagger reads every word as unknown to WordNet.
  const WordNetClasses* wordnet = nullptr;
  bool verbose = true;
};

// Trains a tagger on `train` (gold UPOS and XPOS); after each epoch it is
// scored on `dev` (if not empty) and the best epoch is kept (its number goes
// to `chosen_epoch` if given). Returns false (and sets `error`) if the data
// has no tags.
bool train_tagger(const std::vector<const Sentence*>& train, const std::vector<const Sentence*>& dev,
                  const TaggerTrainOptions& options, std::ostream& log, Tagger& out, std::string& error,
                  int* chosen_epoch = nullptr);

}  // namespace kestrel::nlp
