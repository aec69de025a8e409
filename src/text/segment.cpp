// segment_document(): the text stage's tokens and sentences.
//
// The document is cut into regions at the edges of Document::non_body spans
// (a dateline, a caption, a bullet line), each region is tokenized and split
// into sentences on its own, so no sentence crosses from body into a caption
// and every sentence takes the kind of its region.
#include <algorithm>
#include <limits>

#include "text/sentence_splitter.h"
#include "text/text.h"
#include "text/tokenizer.h"

namespace kestrel {
namespace {

using text_internal::SurfaceToken;

struct Region {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  SegmentKind kind = SegmentKind::Body;
};

// Body regions fill the gaps between the (sorted, clipped) non-body spans.
std::vector<Region> regions_of(const Document& doc, std::uint32_t size) {
  std::vector<Document::Span> spans = doc.non_body;
  std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  std::vector<Region> out;
  std::uint32_t pos = 0;
  for (const auto& s : spans) {
    std::uint32_t a = std::max(s.start, pos);
    std::uint32_t b = std::min(s.end, size);
    if (a >= b) continue;
    if (a > pos) out.push_back({pos, a, SegmentKind::Body});
    out.push_back({a, b, s.kind});
    pos = b;
  }
  if (pos < size) out.push_back({pos, size, SegmentKind::Body});
  return out;
}

std::uint8_t newlines_between(std::string_view text, std::uint32_t a, std::uint32_t b) {
  std::uint8_t n = 0;
  for (std::uint32_t i = a; i < b && n < 2; ++i)
    if (text[i] == '\n') ++n;
  return n;
}

// Tokens are built in place: they are large (nine strings) and numerous.
void add_word(std::vector<Token>& words, std::string_view text, std::uint32_t a, std::uint32_t b, bool space_after) {
  Token& t = words.emplace_back();
  t.start = a;
  t.end = b;
  t.form.assign(text.data() + a, b - a);
  t.space_after = space_after;
}

void build_sentence(std::string_view text, const std::vector<SurfaceToken>& toks, std::size_t a, std::size_t b,
                    SegmentKind kind, std::uint32_t paragraph, Sentence& s) {
  s.kind = kind;
  s.paragraph = paragraph;
  s.start = toks[a].start;
  s.end = toks[b].end;
  std::size_t words = 0;
  for (std::size_t j = a; j <= b; ++j) words += toks[j].words;
  s.tokens.reserve(words + 1);
  for (std::size_t j = a; j <= b; ++j) {
    const SurfaceToken& t = toks[j];
    bool space_after = j + 1 < toks.size() ? toks[j + 1].start > t.end : t.end < text.size();
    if (t.words == 1) {
      // EWT writes "etc." inside a sentence but "etc" + "." at its end: the
      // abbreviation's period is also the sentence's full stop.
      if (j == b && (t.flags & text_internal::kAbbreviation) && t.end - t.start > 1 && text[t.end - 1] == '.') {
        add_word(s.tokens, text, t.start, t.end - 1, false);
        add_word(s.tokens, text, t.end - 1, t.end, space_after);
      } else {
        add_word(s.tokens, text, t.start, t.end, space_after);
      }
      continue;
    }
    MultiwordToken m;
    m.first = static_cast<std::uint32_t>(s.tokens.size());
    m.last = m.first + t.words - 1;
    m.start = t.start;
    m.end = t.end;
    m.form.assign(text.data() + t.start, t.end - t.start);
    m.space_after = space_after;
    std::uint32_t from = t.start;
    for (std::uint32_t w = 0; w < t.words; ++w) {
      std::uint32_t to = w + 1 == t.words ? t.end : t.cut[w];
      add_word(s.tokens, text, from, to, w + 1 == t.words ? space_after : false);
      from = to;
    }
    s.multiword.push_back(std::move(m));
  }
}

}  // namespace

void segment_document(Document& doc) {
  if (doc.format == InputFormat::Conllu) return;
  doc.sentences.clear();
  // Offsets are 32-bit: a (pathological) text beyond 4 GiB is cut there.
  const auto size = static_cast<std::uint32_t>(
      std::min<std::size_t>(doc.text.size(), std::numeric_limits<std::uint32_t>::max()));
  if (size == 0) return;
  const std::string_view text(doc.text.data(), size);

  thread_local std::vector<SurfaceToken> toks;
  thread_local std::vector<std::uint8_t> boundary;
  toks.clear();
  const std::vector<Region> regions = regions_of(doc, size);
  std::vector<std::size_t> region_first(regions.size() + 1, 0);
  std::uint32_t prev_end = 0;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    region_first[r] = toks.size();
    const std::size_t before = toks.size();
    text_internal::tokenize(text, regions[r].start, regions[r].end, toks);
    if (toks.size() > before) {
      // The whitespace before a region's first token may lie in the previous region.
      SurfaceToken& t = toks[before];
      t.newlines_before = newlines_between(text, prev_end, t.start);
      t.space_before = before == 0 || t.start > prev_end;
      prev_end = toks.back().end;
    }
  }
  region_first[regions.size()] = toks.size();
  if (toks.empty()) return;

  text_internal::TokenStream stream;
  stream.text = text;
  stream.tokens = &toks;
  stream.wrapped = text_internal::layout_is_wrapped(text, stream.wrap_width);
  thread_local std::vector<std::uint8_t> shapes;  // reuses its capacity across documents
  stream.shapes.swap(shapes);
  text_internal::compute_shapes(stream);
  const text_internal::SentenceModel* model = text_internal::default_sentence_model();
  boundary.assign(toks.size(), 0);
  for (std::size_t r = 0; r < regions.size(); ++r)
    text_internal::split_sentences(stream, region_first[r], region_first[r + 1], model, boundary);

  // Paragraphs end at blank lines; text without any blank line that is not
  // hard-wrapped has one paragraph per line.
  bool blank_lines = false;
  for (const auto& t : toks)
    if (t.newlines_before >= 2) { blank_lines = true; break; }
  const bool line_paragraphs = !blank_lines && !stream.wrapped;

  std::uint32_t paragraph = 0;
  std::size_t region = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (i > 0 && (toks[i].newlines_before >= 2 || (line_paragraphs && toks[i].newlines_before == 1)) && i == start)
      ++paragraph;
    if (!boundary[i]) continue;
    while (region + 1 < regions.size() && region_first[region + 1] <= start) ++region;
    Sentence& s = doc.sentences.emplace_back();
    build_sentence(text, toks, start, i, regions[region].kind, paragraph, s);
    start = i + 1;
  }
  shapes.swap(stream.shapes);
}

void prepare_document(Document& doc) {
  clean_document(doc);
  segment_document(doc);
}

}  // namespace kestrel
