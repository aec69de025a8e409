// Kestrel text stage: reading documents, cleaning, sentences and tokens.
//
// Takes: files, directories or stdin in plain text, JSONL, HTML or CoNLL-U.
// Gives: Documents whose sentences hold UD-style tokens. Every token and
// sentence keeps byte offsets into Document::text, so any later annotation
// (an actor, an event) can point back to its evidence.
//
// Document::text is the document's text as Kestrel read it: the file itself
// for plain text (invalid UTF-8 bytes replaced by '?', one byte for one byte,
// so offsets into the file stay exact), the decoded "text" field for JSONL,
// the extracted article text for HTML, and the reconstructed sentence text for
// CoNLL-U input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostics.h"

namespace kestrel {

// What a stretch of text is. Body, Title and Bullet sentences are coded for
// events (a bullet is a headline of its own: "• Xi and Lukashenko demand
// peace in Ukraine"); captions, bylines and datelines are kept (and
// exported) but not coded, so nothing silently vanishes.
enum class SegmentKind : std::uint8_t {
  Body,
  Title,     // headline / title from metadata
  Caption,   // photo caption or credit: "Photo: Liu Bin / Xinhua News"
  Bullet,    // key-point or related-article headlines: lines starting with •
  Byline,    // "By Jane Smith, Reuters"
  Dateline,  // "MINSK, Nov 28 (Reuters) -"
};
std::string_view segment_kind_name(SegmentKind kind);
bool is_codable(SegmentKind kind);

// One syntactic word (a CoNLL-U word line). Words that are part of a
// multi-word token ("do" + "n't" in "don't") share or split its span.
struct Token {
  std::uint32_t start = 0;  // byte offset into Document::text
  std::uint32_t end = 0;    // one past the last byte
  std::string form;
  bool space_after = true;
  // Filled by the nlp stage or read from CoNLL-U; "_" or empty when unknown.
  std::string lemma;
  std::string upos;
  std::string xpos;
  std::string feats;
  int head = -1;  // 0 = root, 1-based word index, -1 = not parsed
  std::string deprel;
  std::string deps;
  std::string misc;  // MISC column without SpaceAfter (kept from input)
};

// A CoNLL-U multi-word token line ("19-20 don't"): words [first, last]
// (0-based indices into Sentence::tokens) are written as one surface token.
struct MultiwordToken {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::string form;
  bool space_after = true;
  std::string misc;
};

struct Sentence {
  std::uint32_t start = 0;  // byte span in Document::text
  std::uint32_t end = 0;
  SegmentKind kind = SegmentKind::Body;
  std::uint32_t paragraph = 0;  // 0-based paragraph index in the document
  std::vector<Token> tokens;
  std::vector<MultiwordToken> multiword;
  std::vector<std::string> comments;  // CoNLL-U comments kept from input
  // Empty nodes of enhanced UD graphs ("8.1 ..."), kept verbatim from input:
  // (number of words before the node, the whole line).
  std::vector<std::pair<std::uint32_t, std::string>> empty_nodes;
  std::string id;                     // sent_id when read from CoNLL-U
};

enum class InputFormat : std::uint8_t { Auto, Text, Jsonl, Html, Conllu };
std::string_view input_format_name(InputFormat format);
// "text", "txt", "jsonl", "html", "conllu", "auto"; returns false if unknown.
bool parse_input_format(std::string_view name, InputFormat& out);

struct Document {
  std::string id;
  std::string path;  // file the document came from ("-" for stdin)
  std::uint64_t line = 0;  // 1-based line in the file for JSONL records
  InputFormat format = InputFormat::Text;
  std::string text;
  // Metadata; empty when unknown. Dates are YYYY-MM-DD.
  std::string title;
  std::string date;
  std::string url;
  std::string source;
  // Byte spans of Document::text that are not article body, with their kind
  // (captions, bullets, bylines, datelines). Filled by clean_document().
  struct Span {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    SegmentKind kind = SegmentKind::Body;
  };
  std::vector<Span> non_body;
  std::vector<Sentence> sentences;
};

// ---------------------------------------------------------------------------
// Reading

struct ReadOptions {
  InputFormat format = InputFormat::Auto;  // Auto: by file extension
  std::string default_date;                // applied where a document has none
};

// Streams documents from files, directories (recursively, in sorted order)
// and "-" (stdin). Unreadable paths, binary files and malformed records are
// reported to `diag` and skipped; the rest is delivered in order.
// The callback returns false to stop early.
class DocumentReader {
 public:
  DocumentReader(std::vector<std::string> paths, ReadOptions options, Diagnostics& diag);
  // Calls `sink` for every document. Returns the number delivered.
  template <typename Sink>
  std::size_t for_each(Sink&& sink);
  // Next document into `doc`; false at the end of all inputs.
  bool next(Document& doc);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

 private:
  struct State;
  State* state_;
};

template <typename Sink>
std::size_t DocumentReader::for_each(Sink&& sink) {
  std::size_t n = 0;
  Document doc;
  while (next(doc)) {
    ++n;
    if (!sink(doc)) break;
  }
  return n;
}

// Builds a document from raw bytes of a given format (used by the reader, the
// server and tests). `name` is used in messages. Returns false (after
// reporting) if nothing usable could be read.
bool document_from_bytes(std::string_view bytes, InputFormat format, const std::string& name,
                         Document& doc, Diagnostics& diag);

// ---------------------------------------------------------------------------
// Cleaning, sentences, tokens

// Marks captions, bullets, bylines and datelines in Document::text
// (Document::non_body). Text is never modified.
void clean_document(Document& doc);

// Splits Document::text into sentences of tokens (UD English-EWT
// conventions). Respects Document::non_body: a sentence never crosses from
// body into a caption, and non-body sentences carry their kind.
// Requires clean_document() first. Documents read from CoNLL-U are left as given.
void segment_document(Document& doc);

// Convenience: clean_document + segment_document.
void prepare_document(Document& doc);

// Normalises a metadata date ("2023-02-28T10:00Z", "20230228",
// "Tue, 28 Feb 2023 10:00:00 GMT", "February 28, 2023") to YYYY-MM-DD; empty
// if it is not a date.
std::string normalize_metadata_date(std::string_view text);

// Text normalised for matching: NFKC, curly quotes to straight quotes, dashes
// to '-', non-breaking and other spaces to ' '. Not case-folded.
std::string normalize_for_matching(std::string_view text);

}  // namespace kestrel
