// Tokenizer of the text stage (internal; the public entry point is
// segment_document() in text/text.h).
//
// Splits a byte range of Document::text into surface tokens following the
// UD English-EWT conventions: clitics and contractions become multi-word
// tokens ("don't" = do + n't, "Bush's" = Bush + 's, "cannot" = can + not,
// "gonna" = gon + na), hyphenated words are split except after a short list
// of prefixes ("co-workers", "e-mail"), numbers keep their internal commas,
// points, colons and date slashes, URLs, e-mail addresses and file names
// stay whole, runs of final punctuation ("?!", "...") are one token.
//
// Every token is a span of the input, and the words of a multi-word token
// are sub-spans of it (EWT words always spell their token), so nothing here
// allocates per token: the caller owns the output vector and reuses it.
//
// Whether a period after an abbreviation ends a sentence is not decided here:
// such tokens carry kAbbreviation, and the sentence splitter detaches the
// period when it puts a boundary after them (EWT writes "etc" + "." at the end
// of a sentence and "etc." inside one).
//
// Thread-safety: stateless free functions; safe to call concurrently.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kestrel::text_internal {

enum TokenFlags : std::uint8_t {
  kAbbreviation = 1,    // ends with an abbreviation's (or initial's) period
  kTitle = 2,           // "Mr.", "Dr.", "Gen.": a period that practically never ends a sentence
  kOpeningQuote = 4,    // a quote or apostrophe used as an opening quotation mark
  kClosingQuote = 8,    // a quote or apostrophe used as a closing quotation mark
  kEmoticon = 16,       // ":)", ";-)", "^_^"
  kUrl = 32,            // URL, e-mail address or file name kept whole
};

struct SurfaceToken {
  std::uint32_t start = 0;  // byte span in the tokenized text
  std::uint32_t end = 0;
  // Inner word boundaries of a multi-word token (absolute offsets): word k
  // spans [cut[k-1], cut[k]) with cut[-1] = start and cut[words-1] = end.
  std::uint32_t cut[2] = {0, 0};
  std::uint8_t words = 1;            // 1 for a plain token, 2 or 3 for a multi-word token
  std::uint8_t newlines_before = 0;  // newlines in the whitespace before it, capped at 2
  std::uint8_t flags = 0;            // TokenFlags
  bool space_before = false;         // any whitespace (or the range start) before it
};

// Appends the tokens of text[begin, end) to `out`. Whitespace is ASCII
// whitespace plus Unicode separators (Z*), including U+00A0, U+202F, U+2009,
// and the invisible U+200B and U+FEFF. newlines_before and space_before of
// the first token describe the whitespace between `begin` and the token.
void tokenize(std::string_view text, std::uint32_t begin, std::uint32_t end, std::vector<SurfaceToken>& out);

// True when `cp` separates tokens.
bool is_space(char32_t cp);

}  // namespace kestrel::text_internal
