// Internal to the nlp stage: what WordNet says a word can be.
//
// The tagger learns its words from EWT's 200k; a fifth of its errors fall on
// the 7 % of words it never saw, which it can only read from their spelling.
// WordNet (Debian's wordnet-base, read at training time and kept in the
// model) knows 150k English words and which parts of speech each has, and
// through its own detachment rules and exception lists ("shelled" <- shell,
// "mice" <- mouse) the inflected forms too. The tagger reads the result as
// a feature: a word's WordNet classes are a cheap, general ambiguity class
// for words outside the training data.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/model_file.h"

namespace kestrel::nlp {

// Reads one of WordNet's exception lists (noun.exc …: "form base [base …]"
// per line) and calls `each` with every form and its bases; false when the
// file cannot be read.
bool read_wordnet_exceptions(const std::string& path,
                             const std::function<void(const std::string& form, const std::vector<std::string>& bases)>& each);

class WordNetClasses {
 public:
  // Bits of classes().
  static constexpr std::uint8_t kNoun = 1, kVerb = 2, kAdjective = 4, kAdverb = 8;

  // Reads index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc from `dir`.
  bool load(const std::string& dir, std::string& error);
  bool empty() const { return lemmas_.empty(); }
  std::size_t size() const { return lemmas_.size() + forms_.size(); }

  // For a lower-case word: the parts of speech WordNet has for it or for a
  // base form it inflects from (low four bits), and (high four bits) 1 + the
  // part of speech most of its tagged senses have, 0 when WordNet does not
  // have the word itself.
  std::uint8_t classes(std::string_view lower) const;

  void write(ByteWriter& out) const;
  bool read(ByteReader& in, std::string& error);

 private:
  // The two maps again as open-addressing tables, for lookups (one cache
  // line a lookup instead of a bucket and a node); rebuilt by load() and
  // read(), the only places the maps change.
  struct FlatTable {
    struct Entry {
      std::uint64_t key = 0;
      std::uint8_t value = 0;
      bool used = false;
    };
    std::vector<Entry> entries;  // a power of two, at most half full
    void build(const std::unordered_map<std::uint64_t, std::uint8_t>& map);
    // The value of `key`, or 0 if absent (as the maps' users read it).
    std::uint8_t find(std::uint64_t key) const;
  };
  std::uint8_t lemma(std::string_view w) const;
  std::unordered_map<std::uint64_t, std::uint8_t> lemmas_;  // lemma -> classes (bits and dominant)
  std::unordered_map<std::uint64_t, std::uint8_t> forms_;   // irregular form -> bits of its bases
  FlatTable flat_lemmas_, flat_forms_;
};

// WordNet's semantic class (its "lexicographer file": noun.person,
// noun.location, noun.time, verb.motion, verb.communication, …) of a word's
// most frequent sense, for nouns and verbs. The parser reads them where
// words alone are too sparse to decide an attachment: "met officials in
// the capital" vs "met officials of the ministry" differ in what the noun
// is, and EWT's 200k words have seen few of the nouns news uses.
class WordNetSenses {
 public:
  // Reads index.{noun,verb} (the first synset of a lemma is its most
  // frequent sense) and data.{noun,verb} (each synset's file number).
  bool load(const std::string& dir, std::string& error);
  bool empty() const { return lemmas_.empty(); }
  std::size_t size() const { return lemmas_.size(); }

  // The class of a lemma read as the given UPOS: 1 + WordNet's file number
  // (0–44) of its most frequent sense as a noun (NOUN, and PROPN lower-cased:
  // "China" is noun.location) or a verb (VERB); 0 when WordNet does not have
  // it or the UPOS is another. (A proper noun may take a common noun's class,
  // "Bush" noun.plant; reading the capitalised senses instead was not
  // measured in time.)
  std::uint8_t sense(std::string_view lemma, std::string_view upos) const;

  void write(ByteWriter& out) const;
  bool read(ByteReader& in, std::string& error);

 private:
  struct Classes {
    std::uint8_t noun = 0, verb = 0;  // 1 + file number, 0 = none
  };
  std::unordered_map<std::uint64_t, Classes> lemmas_;  // by lower-cased lemma
};

}  // namespace kestrel::nlp
