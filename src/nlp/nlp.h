// Kestrel nlp stage: CoNLL-U, tagging, lemmatisation and dependency parsing.
//
// Takes: Documents from the text stage (tokens with byte offsets).
// Gives: the same Documents with UPOS, XPOS, lemma, features, head and
// relation filled on every token. CoNLL-U read here keeps its tokens (and,
// unless asked to re-predict, its annotation).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "text/text.h"

namespace kestrel {

// ---------------------------------------------------------------------------
// CoNLL-U

// Parses CoNLL-U text into documents, splitting on "# newdoc" comments (one
// document when there are none; its id is `name`). Document::text is rebuilt
// from the sentences' "# text" lines (or from forms and SpaceAfter=No when a
// sentence has none): sentences of a paragraph joined by one space, a blank
// line between paragraphs ("# newpar"). Token offsets point into that text.
// Malformed lines are reported with `name`:line and their sentence skipped.
std::vector<Document> read_conllu(std::string_view data, const std::string& name, Diagnostics& diag);

struct ConlluWriteOptions {
  bool write_newdoc = true;  // "# newdoc id = ..." before each document
  bool write_offsets = false;  // add TokenRange=start:end to MISC
};

// Writes one document as CoNLL-U: "# newdoc id", "# sent_id = <doc>-<n>",
// "# text", word lines with SpaceAfter=No, multi-word token lines.
void write_conllu(std::ostream& out, const Document& doc, const ConlluWriteOptions& options = {});

}  // namespace kestrel
