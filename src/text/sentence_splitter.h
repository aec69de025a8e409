// Sentence splitting of the text stage (internal; the public entry point is
// segment_document() in text/text.h).
//
// Boundaries come from three sources, strongest first:
//   1. layout: a blank line always ends a sentence and a paragraph; a single
//      line break ends one unless the text looks hard-wrapped (lines of
//      similar length) and the break is in mid-sentence;
//   2. a learned classifier over the gaps between tokens (an averaged
//      perceptron on hashed token, shape, case and punctuation features),
//      trained on UD English-EWT train and shipped as
//      data/models/sentences.kmodel (kind "sentences");
//   3. rules (final punctuation followed by a capital, minus titles such as
//      "Mr."), used when the model file is missing.
//
// A loaded SentenceModel is immutable and may be shared by threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace kestrel::text_internal {

inline constexpr std::string_view kSentenceModelKind = "sentences";
inline constexpr std::uint32_t kSentenceModelVersion = 2;
inline constexpr std::string_view kSentenceModelPath = "models/sentences.kmodel";

// The tokens of one document and what the splitter needs to know about their
// layout. Built by segment_document().
struct TokenStream {
  std::string_view text;
  const std::vector<SurfaceToken>* tokens = nullptr;
  // True when single line breaks are wrapping inside paragraphs rather than
  // separating lines of their own (see layout_is_wrapped()).
  bool wrapped = false;
  std::uint32_t wrap_width = 0;  // longest line, in bytes, when wrapped
  // Coarse class of every token, filled by compute_shapes() before splitting.
  std::vector<std::uint8_t> shapes;
};

// Fills stream.shapes; required before the functions below.
void compute_shapes(TokenStream& stream);

// Decides whether the document's lines are hard-wrapped paragraphs.
bool layout_is_wrapped(std::string_view text, std::uint32_t& width);

// What the classifier knows of the current sentence, from its first token up
// to and including the token before the gap; kept up to date token by token.
struct SentenceSoFar {
  std::uint32_t length = 0;   // tokens
  std::int32_t quotes = 0;    // opening minus closing quotation marks
  std::int32_t unknown = 0;   // quotation marks of unknown direction
  std::int32_t brackets = 0;  // opening minus closing brackets
  void add(const TokenStream& stream, std::size_t i);
};

class SentenceModel {
 public:
  // Reads and checks a model file; null (and `error` set) if unusable.
  static std::unique_ptr<SentenceModel> load(const std::string& path, std::string& error);
  static std::unique_ptr<SentenceModel> from_bytes(std::string_view bytes, const std::string& name, std::string& error);

  // Score of a sentence boundary after tokens[i] (tokens[i + 1] must exist)
  // when `so_far` describes the current sentence up to and including
  // tokens[i]; above `threshold` means "boundary".
  float score(const TokenStream& stream, std::size_t i, const SentenceSoFar& so_far) const;

  // Model-file sections; used by the trainer.
  std::uint32_t bits = 18;        // log2 of the number of weight buckets
  float threshold = 0.0f;
  float word_margin = 0.0f;       // extra score needed after a bare word (no punctuation)
  std::vector<float> weights;
};

// The shipped model (data/models/sentences.kmodel), loaded on first use.
// Null when it is missing or unusable: a warning is then written to stderr
// once and rules are used instead.
const SentenceModel* default_sentence_model();

// Marks in `boundary` (one byte per token, set to 1 when a sentence ends
// after that token) the sentence ends among tokens [first, last) — one
// region of the document that no sentence may leave. The last token of the
// region always ends a sentence. `model` may be null (rules).
void split_sentences(const TokenStream& stream, std::size_t first, std::size_t last, const SentenceModel* model,
                     std::vector<std::uint8_t>& boundary);

// Index of the last token of the citation marks ("[17]", "[3][4]", "[a]")
// that follow tokens[i] on its line within [.., last); 0 if there are none.
std::size_t citation_after(const TokenStream& stream, std::size_t i, std::size_t last);

// Hashed features of the gap after tokens[i]; 0 entries are unused. Shared by
// the runtime and the trainer; changing it requires a new model version.
inline constexpr std::size_t kMaxBoundaryFeatures = 24;
// Whether the gap after tokens[i] is worth asking the model about.
bool is_candidate(const TokenStream& stream, std::size_t i);
std::size_t boundary_features(const TokenStream& stream, std::size_t i, const SentenceSoFar& so_far,
                              std::uint64_t* out);

// A fixed paragraph the trainer splits with the fresh model and stores in
// the model file; loading splits it again and refuses the model if the
// boundaries (byte offsets where sentences end) differ.
extern const char* const kSelfTestSample;
std::vector<std::uint32_t> sample_boundaries(const SentenceModel& model, std::string_view text);

// Trains the boundary classifier on a CoNLL-U file (use UD English-EWT
// train only) and writes the model file. Returns false and sets `error` on
// failure. Wired into the CLI as `kestrel train sentences --train X --out Y`.
bool train_sentence_model(const std::string& train_conllu, const std::string& out_path, std::string& error);

// Raw text of a CoNLL-U file as the evaluation defines it: the sentences'
// "# text" joined by one space within a paragraph, a blank line between
// paragraphs ("# newpar") and documents ("# newdoc"). `sentence_ends`
// receives the byte offset where each sentence ends in that text.
std::string conllu_raw_text(std::string_view conllu, std::vector<std::uint32_t>* sentence_ends = nullptr);

}  // namespace kestrel::text_internal
