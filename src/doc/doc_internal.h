// Helpers shared by the doc stage's files (not part of its public API).
#pragma once

#include <cstdint>
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

// lower_forms of every sentence, made once per document and shared by the
// passes.
using LowerWords = std::vector<std::vector<std::string>>;
LowerWords lower_words(const Document& doc);

// First letter is an upper-case letter (ASCII or a Latin capital with
// diacritics).
bool is_capitalized(std::string_view form);

// Text of words [first, last] as written in the document.
std::string span_text(const Document& doc, const Sentence& s, std::uint32_t first, std::uint32_t last);

// Opening and closing quotation marks (straight, curly, guillemets).
bool is_open_quote(std::string_view form);
bool is_close_quote(std::string_view form);
bool is_straight_quote(std::string_view form);

// True when the sentence talks about the future ("will", "is expected to",
// "next"), which moves "on Monday" forward instead of back.
bool future_tense(const std::vector<std::string>& lower_forms);

// The stage's passes, run by DocumentLayer::annotate.
std::vector<TimeExpression> find_time_expressions(const Document& doc, std::uint32_t sentence,
                                                  std::string_view publication, const std::vector<std::string>& lower);
std::vector<PlaceMention> find_places(const Document& doc, const Gazetteer& g, const SentenceMentions& mentions,
                                      const LowerWords& lower);
std::vector<Quote> find_quotes(const Document& doc, const SentenceMentions& mentions, const LowerWords& lower);
std::vector<Attribution> find_attributions(const Document& doc, const LowerWords& lower);

}  // namespace kestrel::doc_internal
