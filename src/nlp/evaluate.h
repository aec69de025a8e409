// Scoring against gold CoNLL-U, after the CoNLL 2018 shared task.
//
// System and gold are aligned on their characters with whitespace removed,
// so a system that tokenizes or splits sentences differently can still be
// scored. Tokens (a multi-word token counts once), sentences and words are
// scored as spans; UPOS, XPOS, lemmas, UAS and LAS over the aligned words
// (words inside differently split multi-word tokens are aligned by the
// longest common subsequence of their forms, case-insensitively). UFeats
// compares the universal features only (the 2018 list; "Typo", "ExtPos",
// "NumForm"... are left out), in any order. LAS compares universal relations
// only ("nmod:poss" counts as "nmod"). A gold lemma "_" accepts any lemma,
// as in the official script.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace kestrel {

struct EvalScore {
  std::size_t gold = 0;     // units in the gold data
  std::size_t system = 0;   // units in the system output
  std::size_t correct = 0;  // units that match
  std::size_t aligned = 0;  // words both sides share (for tag and tree metrics)
  double precision() const { return system ? double(correct) / double(system) : 0.0; }
  double recall() const { return gold ? double(correct) / double(gold) : 0.0; }
  double f1() const { return gold + system ? 2.0 * double(correct) / double(gold + system) : 0.0; }
  // Share of aligned words that are right: the tagger's and parser's own
  // accuracy, free of tokenization errors.
  double aligned_accuracy() const { return aligned ? double(correct) / double(aligned) : 0.0; }
};

struct EvalScores {
  bool ok = false;
  std::string error;  // why scoring was impossible (texts differ)
  EvalScore tokens, sentences, words, upos, xpos, ufeats, lemmas, uas, las;
};

// Scores `system` against `gold`; the documents of each side are taken in
// order as one stream. Fails (ok = false) when the two do not spell the
// same characters once whitespace is removed.
EvalScores evaluate(const std::vector<Document>& gold, const std::vector<Document>& system);

// The raw text of a CoNLL-U file as the evaluation defines it: each
// sentence's "# text" (or its forms and SpaceAfter=No when it has none),
// sentences of a paragraph joined by one space, a blank line between
// paragraphs ("# newpar") and between documents ("# newdoc").
std::string conllu_to_raw_text(std::string_view conllu);

// Prints the scores as a table (metric, precision, recall, F1, aligned accuracy).
void print_scores(std::ostream& out, const EvalScores& scores, bool with_tags = true);

// `kestrel eval tokenize --gold FILE`: rebuilds the raw text of FILE, runs
// segment_document() on it (with clean_document() first when `clean`), scores
// tokens, sentences and words against FILE and prints them with the
// segmentation speed. Returns an exit code (kExitOk, or kExitFatal when the
// file cannot be read or scored).
int run_tokenize_eval(const std::string& gold_path, std::ostream& out, bool clean = false);

}  // namespace kestrel
