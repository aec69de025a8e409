// Kestrel nlp stage: CoNLL-U, tagging, lemmatisation and dependency parsing.
//
// Takes: Documents from the text stage (tokens with byte offsets).
// Gives: the same Documents with UPOS, XPOS, lemma, features, head and
// relation filled on every token. CoNLL-U read here keeps its tokens (and,
// unless asked to re-predict, its annotation).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
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

// ---------------------------------------------------------------------------
// Tagging, lemmas, features and dependency parsing

// What NlpModel::annotate() predicts. Parts switched off keep what the
// tokens already hold (e.g. parse gold-tagged CoNLL-U with tag = false).
struct NlpAnnotateOptions {
  bool tag = true;        // UPOS and XPOS
  bool lemmatize = true;  // LEMMA
  bool features = true;   // FEATS
  bool parse = true;      // HEAD and DEPREL
};

// A trained tagger, lemmatizer, feature predictor and dependency parser
// (UD English-EWT conventions), loaded from a model file of kind "nlp".
//
// Immutable once loaded: every method is const and one model may serve any
// number of threads at once (per-call scratch space is per thread). Not
// copyable; hold it in the unique_ptr that load() returns.
class NlpModel {
 public:
  // Reads and checks a model file. A missing, truncated, corrupt, wrong-kind
  // or wrong-version file, or one whose self-test sentences no longer come
  // out as they did when it was trained, gives nullptr and a message in
  // `error` that names the file and the problem.
  static std::unique_ptr<NlpModel> load(const std::string& path, std::string& error);
  // Same from bytes in memory; `name` is used in messages.
  static std::unique_ptr<NlpModel> from_bytes(std::string_view bytes, const std::string& name,
                                              std::string& error);
  // The model shipped in data/models/nlp.kmodel (found with find_data_file).
  static std::unique_ptr<NlpModel> load_default(std::string& error);

  ~NlpModel();
  NlpModel(const NlpModel&) = delete;
  NlpModel& operator=(const NlpModel&) = delete;

  // Fills upos, xpos, lemma, feats, head and deprel of every token (words:
  // multi-word tokens must already be split). Never throws on odd input;
  // an empty sentence is left alone.
  void annotate(Sentence& sentence, const NlpAnnotateOptions& options = {}) const;
  void annotate(Document& document, const NlpAnnotateOptions& options = {}) const;

  // Writes the model (what train_nlp_model() does at the end).
  bool save(const std::string& path, std::string& error) const;
  // One line: what the model holds (tags, relations, features, sizes).
  std::string summary() const;

  struct Impl;  // opaque (nlp_model_impl.h)

 private:
  NlpModel();
  std::unique_ptr<Impl> impl_;
  friend struct NlpModelAccess;
};

struct NlpTrainOptions {
  std::string train_path;   // CoNLL-U with gold tags, lemmas, features and trees
  std::string dev_path;     // CoNLL-U for choosing epochs; optional
  std::string output_path;  // model file to write
  // WordNet's *.exc lists of irregular forms, built into the model; empty or
  // missing = none.
  std::string wordnet_dir = "/usr/share/wordnet";
  int tagger_epochs = 8;
  int lemmatizer_epochs = 8;
  int parser_epochs = 15;
  // Parser states kept while parsing; above 1 the parser is trained
  // globally with that beam (slower to train and to run, more accurate).
  int parser_beam = 1;
  // Parser feature templates: 1 = words, tags and tree context; 2 = also
  // lemmas and WordNet's semantic classes (needs wordnet_dir).
  int parser_features = 2;  // the shipped model's
  // The parsers to train, comma-separated: "l2r" (left to right) or "r2l"
  // (right to left), each optionally with a late root ("r2l:late", see
  // nlp/arc_eager.h) and a beam ("l2r:b4"). Several make an
  // ensemble whose trees are combined (more accurate, slower); each member
  // gets seed + its position.
  std::string parsers = "l2r,l2r,r2l";  // the shipped model's ensemble
  // Parsers trained at the same time (the result does not depend on it).
  unsigned threads = 2;
  // The parser learns from tags predicted by taggers trained on the other
  // folds, as it will see them at run time; 0 or 1 = gold tags.
  int jackknife_folds = 5;
  // Averaged perceptron weights smaller than this are left out of the model
  // (on EWT: a third of the size, the same accuracy); 0 keeps them all,
  // which only tiny training sets need.
  float min_weight = 1.0f;
  std::uint64_t seed = 1;  // same data + options + seed = same model
};

// Trains every part on `train_path` and writes `output_path`, printing
// progress to `log`. Single-threaded. Returns false and sets `error` if the
// data cannot be read or has nothing to learn from.
bool train_nlp_model(const NlpTrainOptions& options, std::ostream& log, std::string& error);

}  // namespace kestrel
