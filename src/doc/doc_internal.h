// Helpers shared by the doc stage's files (not part of its public API).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "doc/doc.h"
#include "text/text.h"

namespace kestrel::doc_internal {

// Lower-cased ASCII copy (non-ASCII bytes kept), for comparing word forms.
std::string lower(std::string_view s);

// The sentence's word forms, lower-cased, with typographic quotes and
// apostrophes folded to ASCII so rules need one spelling.
std::vector<std::string> lower_forms(const Sentence& s);

// Word classes the passes test, one bit each, found once per word (one
// probe of a small hash table) so that the passes skip most words, and most
// sentences, without comparing strings.
enum WordClass : std::uint32_t {
  kDateStart = 1u << 0,    // may open a date expression: month, weekday, "yesterday", "last", a number word, digits, "mid-..."
  kSpeechVerb = 1u << 1,   // "said", "notes", "writes", ...
  kDescriptor = 1u << 2,   // "analyst", "spokesman", ... before a name
  kFuture = 1u << 3,       // "will", "expected", "going", ... (future_tense)
  kAttribution = 1u << 4,  // "citing", "quoting", "according", "told", "tells", "reported", "reports"
  kLandmark = 1u << 5,     // "air", "base", "airfield", "plant", ... continuing a landmark's name
  kCapitalized = 1u << 6,  // is_capitalized(form)
  kQuoteMark = 1u << 7,    // may be a quotation mark (first byte)
};

// Every sentence's word forms, lower-cased as lower_forms does, with their
// classes; made once per document and shared by the passes. The forms are
// views into one buffer owned by the object (not copyable or movable).
class LowerWords {
 public:
  explicit LowerWords(const Document& doc);
  LowerWords(const LowerWords&) = delete;
  LowerWords& operator=(const LowerWords&) = delete;

  std::span<const std::string_view> operator[](std::size_t sentence) const {
    return {words_.data() + offsets_[sentence], offsets_[sentence + 1] - offsets_[sentence]};
  }
  std::span<const std::uint32_t> classes(std::size_t sentence) const {
    return {classes_.data() + offsets_[sentence], offsets_[sentence + 1] - offsets_[sentence]};
  }
  // The classes of all the sentence's words, or-ed.
  std::uint32_t sentence_classes(std::size_t sentence) const { return sentence_classes_[sentence]; }
  std::size_t size() const { return sentence_classes_.size(); }
  // Word `t` of sentence `sentence` counted over the whole document, and the
  // document's number of words: for per-word flags in one flat array.
  std::size_t word_index(std::size_t sentence, std::size_t t) const { return offsets_[sentence] + t; }
  std::size_t word_count() const { return words_.size(); }

 private:
  std::string buffer_;
  std::vector<std::string_view> words_;
  std::vector<std::uint32_t> classes_;
  std::vector<std::size_t> offsets_;  // sentence i's words are [offsets_[i], offsets_[i + 1])
  std::vector<std::uint32_t> sentence_classes_;
};
using Words = std::span<const std::string_view>;

// First letter is an upper-case letter (ASCII or a Latin capital with
// diacritics).
bool is_capitalized(std::string_view form);

// normalize_place_name into `out` (cleared first), so a caller looking up
// many names reuses one buffer.
void normalize_place_name(std::string_view name, std::string& out);

// The WordClass bits of one lower-cased word (the table LowerWords reads).
std::uint32_t word_classes(std::string_view lower_word);

// Text of words [first, last] as written in the document.
std::string span_text(const Document& doc, const Sentence& s, std::uint32_t first, std::uint32_t last);

// Opening and closing quotation marks (straight, curly, guillemets).
bool is_open_quote(std::string_view form);
bool is_close_quote(std::string_view form);
bool is_straight_quote(std::string_view form);

// True when the sentence talks about the future ("will", "is expected to",
// "next"), which moves "on Monday" forward instead of back.
bool future_tense(Words lower_forms);

// The stage's passes, run by DocumentLayer::annotate.
std::vector<TimeExpression> find_time_expressions(const Document& doc, std::uint32_t sentence,
                                                  std::string_view publication, Words lower,
                                                  std::span<const std::uint32_t> classes);
std::vector<PlaceMention> find_places(const Document& doc, const Gazetteer& g, const SentenceMentions& mentions,
                                      const LowerWords& lower);
std::vector<Quote> find_quotes(const Document& doc, const SentenceMentions& mentions, const LowerWords& lower);
std::vector<Attribution> find_attributions(const Document& doc, const LowerWords& lower);

}  // namespace kestrel::doc_internal
