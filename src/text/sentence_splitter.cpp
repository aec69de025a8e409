#include "text/sentence_splitter.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <mutex>

#include "base/model_file.h"
#include "text/utf8.h"

namespace kestrel::text_internal {
namespace {

// Coarse classes of tokens; the classifier's main vocabulary.
enum Shape : std::uint8_t {
  kShNone,  // before the first / after the last token of a region
  kShPeriod,
  kShExcl,
  kShQuest,
  kShMultiTerm,  // "?!", "!!", ".?"
  kShEllipsis,   // "...", "…"
  kShComma,
  kShColon,
  kShSemicolon,
  kShDash,
  kShOpenQuote,
  kShCloseQuote,
  kShQuote,  // direction unknown
  kShOpenBracket,
  kShCloseBracket,
  kShBullet,
  kShEmoticon,
  kShAbbrev,   // "etc.", "Inc.", "U.S."
  kShTitle,    // "Mr.", "Dr."
  kShInitial,  // "J."
  kShUrl,
  kShNumber,
  kShCap,      // "Minsk", "I"
  kShAllCaps,  // "NATO"
  kShLower,
  kShOtherLetter,  // letters without case
  kShSymbol,
};

bool is_upper_cp(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LU ||
         utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LT;
}
bool is_lower_cp(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
}
bool is_letter_cp(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

char32_t first_cp(std::string_view s) {
  if (s.empty()) return 0;
  char32_t cp = 0;
  std::size_t len = utf8::decode(s, 0, cp);
  return len == 0 ? 0xFFFD : cp;
}

Shape shape_of(std::string_view text, const SurfaceToken& t) {
  std::string_view s = text.substr(t.start, t.end - t.start);
  if (t.flags & kEmoticon) return kShEmoticon;
  if (t.flags & kUrl) return kShUrl;
  if (t.flags & kTitle) return kShTitle;
  if (t.flags & kAbbreviation) {
    return (s.size() == 2 && is_upper_cp(static_cast<unsigned char>(s[0]))) ? kShInitial : kShAbbrev;
  }
  char32_t c = first_cp(s);
  switch (c) {
    case '.':
      if (s.size() == 1) return kShPeriod;
      return s.find_first_not_of('.') == std::string_view::npos ? kShEllipsis : kShMultiTerm;
    case '!': return s.size() == 1 ? kShExcl : kShMultiTerm;
    case '?': return s.size() == 1 ? kShQuest : kShMultiTerm;
    case 0x2026: return kShEllipsis;
    case ',': return kShComma;
    case ':': return kShColon;
    case ';': return kShSemicolon;
    case '-': case 0x2013: case 0x2014: case 0x2015: case 0x2012: return kShDash;
    case '"': case '\'': case '`': case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x00AB: case 0x00BB:
    case 0x201E:
      if (t.flags & kOpeningQuote) return kShOpenQuote;
      if (t.flags & kClosingQuote) return kShCloseQuote;
      return s.size() > 1 && is_letter_cp(first_cp(s.substr(1))) ? kShLower : kShQuote;
    case '(': case '[': case '{': return kShOpenBracket;
    case ')': case ']': case '}': return kShCloseBracket;
    case 0x2022: case 0x00B7: case 0x25AA: case 0x25BA: case 0x2023: case 0x25E6: case 0x25B6: case 0x27A4:
    case 0x25CF: case 0x25A0:
      return kShBullet;
    case '*': return s.size() == 1 ? kShBullet : kShSymbol;
    default: break;
  }
  if (c >= '0' && c <= '9') return kShNumber;
  if (is_upper_cp(c)) {
    // Capitalised if any later letter is small.
    for (std::size_t i = 1; i < s.size(); ++i) {
      unsigned char b = static_cast<unsigned char>(s[i]);
      if (b >= 'a' && b <= 'z') return kShCap;
      if (b >= 0x80) {
        char32_t cp = 0;
        if (utf8::decode(s, i, cp) && is_lower_cp(cp)) return kShCap;
      }
    }
    std::size_t letters = 0;
    for (char ch : s)
      if ((ch >= 'A' && ch <= 'Z') || static_cast<unsigned char>(ch) >= 0x80) ++letters;
    return letters >= 2 ? kShAllCaps : kShCap;
  }
  if (is_lower_cp(c)) return kShLower;
  if (is_letter_cp(c)) return kShOtherLetter;
  return kShSymbol;
}

bool is_terminal(Shape s) {
  return s == kShPeriod || s == kShExcl || s == kShQuest || s == kShMultiTerm || s == kShEllipsis;
}

// --- hashing (part of the model format: changing it needs a new model version)

constexpr std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// FNV-1a over the ASCII-lowercased bytes: word identity without allocating.
std::uint64_t hash_word(std::string_view s) {
  if (s.size() > 24) return 0x51ed270b27a4c3d1ULL;  // long tokens are only shapes
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    unsigned char b = static_cast<unsigned char>(c);
    if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b - 'A' + 'a');
    h ^= b;
    h *= 0x100000001b3ULL;
  }
  return h;
}

constexpr std::uint64_t feat(std::uint64_t id, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0, std::uint64_t d = 0) {
  return mix(mix(mix(mix(id * 0x9e3779b97f4a7c15ULL + a) ^ (b + 0x632be59bd9b4e019ULL)) ^ (c + 0x2545f4914f6cdd1dULL)) ^ (d + 0x9e3779b97f4a7c15ULL));
}

constexpr std::uint64_t kNoWord = 0x7e57ab1e5eed0001ULL;

struct View {
  Shape shape = kShNone;
  std::uint64_t word = kNoWord;
  std::uint32_t length = 0;
};

Shape shape_at(const TokenStream& st, std::size_t i) { return static_cast<Shape>(st.shapes[i]); }

View view_of(const TokenStream& st, std::ptrdiff_t i) {
  const auto& toks = *st.tokens;
  if (i < 0 || i >= static_cast<std::ptrdiff_t>(toks.size())) return {};
  const SurfaceToken& t = toks[static_cast<std::size_t>(i)];
  View v;
  v.shape = shape_at(st, static_cast<std::size_t>(i));
  v.word = hash_word(st.text.substr(t.start, t.end - t.start));
  v.length = t.end - t.start;
  return v;
}

std::uint32_t length_bucket(std::uint32_t n) { return n <= 3 ? n : n <= 5 ? 4 : n <= 8 ? 5 : 6; }

// Common words that open sentences; used by the rule-based fallback after
// abbreviations ("... Inc. The company said").
bool is_sentence_opener(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kOpeners = {
      "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "This", "A", "That", "There",
      "His", "Her", "Their", "Its", "If", "When", "After", "However", "Mr", "Ms"};
  for (auto o : kOpeners)
    if (w == o) return true;
  return false;
}

// An abbreviation's period followed by a word that practically only ever
// opens a sentence ("... the U.S. The dollar fell", "Acme Inc. It said"):
// the period is also a full stop. The model sees too few of these in
// training to override what it learned about "U.S." before capitals.
bool abbreviation_then_opener(const TokenStream& st, std::size_t i) {
  static constexpr std::array<std::string_view, 17> kStrongOpeners = {
      "The", "He", "She", "It", "They", "We", "But", "However", "This", "These", "Those", "There", "His", "Her",
      "Its", "Their", "Our"};
  static constexpr std::array<std::string_view, 6> kOpenEnded = {"P.S.", "e.g.", "i.e.", "cf.", "vs.", "viz."};
  const auto& toks = *st.tokens;
  if (shape_at(st, i) != kShAbbrev || !toks[i + 1].space_before) return false;
  const SurfaceToken& a = toks[i];
  const SurfaceToken& n = toks[i + 1];
  const std::string_view abbreviation = st.text.substr(a.start, a.end - a.start);
  const std::string_view next = st.text.substr(n.start, n.end - n.start);
  return std::find(kStrongOpeners.begin(), kStrongOpeners.end(), next) != kStrongOpeners.end() &&
         std::find(kOpenEnded.begin(), kOpenEnded.end(), abbreviation) == kOpenEnded.end();
}

// "!" or "?" after capitalised words inside a sentence and followed by a
// small letter ends a title, not the sentence ("the musical Mamma Mia! has
// joined", "the film Shall We Dance? was cut").
bool title_punctuation(const TokenStream& st, std::size_t i, std::uint32_t sentence_length) {
  const Shape s0 = shape_at(st, i);
  if ((s0 != kShExcl && s0 != kShQuest) || shape_at(st, i + 1) != kShLower || i == 0 || sentence_length < 4)
    return false;
  // At least two capitalised words: a title, not a shouted word ("WHY?") or
  // a place at the end of a question ("in Pennsylvania? and I said").
  return shape_at(st, i - 1) == kShCap && !(*st.tokens)[i].space_before &&
         (shape_at(st, i - 2) == kShCap || shape_at(st, i - 2) == kShAllCaps);
}

bool rule_boundary(const TokenStream& st, std::size_t i) {
  const auto& toks = *st.tokens;
  Shape s0 = shape_at(st, i);
  Shape s1 = shape_at(st, i + 1);
  bool next_ok = s1 == kShCap || s1 == kShAllCaps || s1 == kShNumber || s1 == kShOpenQuote || s1 == kShQuote ||
                 s1 == kShOpenBracket || s1 == kShBullet || s1 == kShOtherLetter;
  if (!next_ok || !toks[i + 1].space_before) return false;
  if (is_terminal(s0)) return s0 != kShEllipsis || s1 == kShCap;
  if ((s0 == kShCloseQuote || s0 == kShQuote || s0 == kShCloseBracket) && i > 0) {
    Shape before = shape_at(st, i - 1);
    return is_terminal(before);
  }
  if (s0 == kShAbbrev) {
    const SurfaceToken& n = toks[i + 1];
    return is_sentence_opener(st.text.substr(n.start, n.end - n.start));
  }
  return false;
}

// Length in bytes of the line around byte `pos`, without surrounding spaces.
std::uint32_t line_length(std::string_view text, std::uint32_t pos) {
  std::size_t a = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  a = (a == std::string_view::npos || pos == 0) ? 0 : a + 1;
  std::size_t b = text.find('\n', pos);
  if (b == std::string_view::npos) b = text.size();
  while (a < b && (text[a] == ' ' || text[a] == '\t')) ++a;
  while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r')) --b;
  return static_cast<std::uint32_t>(b - a);
}

bool starts_list_item(const TokenStream& st, std::size_t j) {
  const auto& toks = *st.tokens;
  Shape s = shape_at(st, j);
  if (s == kShBullet || s == kShDash) return true;
  if ((s == kShNumber || s == kShLower || s == kShCap) && toks[j].end - toks[j].start <= 3 && j + 1 < toks.size()) {
    // "1." "2)" "a)" at the start of a line.
    const SurfaceToken& n = toks[j + 1];
    if (n.space_before) return false;
    char c = st.text[n.start];
    return (c == '.' && n.end - n.start == 1 && s == kShNumber) || c == ')';
  }
  return false;
}

// "Figure 1.5" or "Table 2" opening a paragraph and followed by a capital:
// a caption's label, which ends a sentence of its own ("Figure 1.5 | Residents
// of Boxborough gather ...").
bool ends_caption_label(const TokenStream& st, std::size_t i, std::size_t first) {
  static constexpr std::array<std::string_view, 12> kLabels = {
      "Figure", "Fig.", "Table", "Chart", "Map", "Exhibit", "Graph", "Diagram", "Plate", "Photo", "Image", "Illustration"};
  const auto& toks = *st.tokens;
  if (i == first || shape_at(st, i) != kShNumber) return false;
  const SurfaceToken& label = toks[i - 1];
  if (i - 1 != first && label.newlines_before == 0) return false;
  const Shape s1 = shape_at(st, i + 1);
  if (!toks[i + 1].space_before || (s1 != kShCap && s1 != kShAllCaps && s1 != kShOpenQuote)) return false;
  const std::string_view word = st.text.substr(label.start, label.end - label.start);
  return std::find(kLabels.begin(), kLabels.end(), word) != kLabels.end();
}

}  // namespace

std::size_t citation_after(const TokenStream& st, std::size_t i, std::size_t last) {
  const auto& toks = *st.tokens;
  std::size_t end = 0;
  for (std::size_t j = i + 1; j + 2 < last; j += 3) {
    const SurfaceToken& open = toks[j];
    const SurfaceToken& mark = toks[j + 1];
    const SurfaceToken& close = toks[j + 2];
    if (st.text[open.start] != '[' || open.end - open.start != 1 || open.newlines_before > 0 || mark.space_before || close.space_before ||
        st.text[close.start] != ']')
      break;
    const Shape m = shape_at(st, j + 1);
    const std::uint32_t len = mark.end - mark.start;
    if (!((m == kShNumber && len <= 3) || (m == kShLower && len == 1))) break;
    end = j + 2;
  }
  return end;
}

bool layout_is_wrapped(std::string_view text, std::uint32_t& width) {
  // Hard-wrapped text has many lines, none much longer than a terminal, most
  // of them close to the longest one.
  std::vector<std::uint32_t> lengths;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::uint32_t n = line_length(text, static_cast<std::uint32_t>(pos));
    if (n > 0) lengths.push_back(n);
    if (n > 120) return false;
    pos = nl + 1;
  }
  if (lengths.size() < 4) return false;
  std::uint32_t longest = 0;
  for (auto n : lengths) longest = std::max(longest, n);
  std::size_t near = 0;
  for (auto n : lengths)
    if (n * 10 >= longest * 6) ++near;
  if (near * 2 < lengths.size() || longest < 30) return false;
  width = longest;
  return true;
}

void compute_shapes(TokenStream& st) {
  const auto& toks = *st.tokens;
  st.shapes.resize(toks.size());
  for (std::size_t i = 0; i < toks.size(); ++i) st.shapes[i] = shape_of(st.text, toks[i]);
}

bool is_candidate(const TokenStream& st, std::size_t i) {
  Shape s0 = shape_at(st, i);
  Shape s1 = shape_at(st, i + 1);
  if (s0 == kShOpenQuote || s0 == kShOpenBracket || s0 == kShComma || s0 == kShTitle || s0 == kShBullet) return false;
  if (s1 == kShComma || s1 == kShCloseBracket || s1 == kShSemicolon || s1 == kShCloseQuote) return false;
  // Punctuation glued to the token before it belongs to its sentence ("home.").
  if (!(*st.tokens)[i + 1].space_before &&
      (is_terminal(s1) || s1 == kShColon || s1 == kShQuote || s1 == kShDash || s1 == kShSymbol))
    return false;
  if (s1 == kShLower && (s0 == kShLower || s0 == kShCap || s0 == kShAllCaps || s0 == kShNumber ||
                         s0 == kShOtherLetter || s0 == kShDash || s0 == kShColon || s0 == kShSemicolon))
    return false;
  return true;
}

void SentenceSoFar::add(const TokenStream& st, std::size_t i) {
  ++length;
  switch (shape_at(st, i)) {
    case kShOpenQuote: ++quotes; break;
    case kShCloseQuote: --quotes; break;
    case kShQuote: ++unknown; break;
    case kShOpenBracket: ++brackets; break;
    case kShCloseBracket: --brackets; break;
    default: break;
  }
}

std::size_t boundary_features(const TokenStream& st, std::size_t i, const SentenceSoFar& so_far, std::uint64_t* out) {
  const auto& toks = *st.tokens;
  const auto at = static_cast<std::ptrdiff_t>(i);
  View p1 = view_of(st, at - 1), t0 = view_of(st, at), t1 = view_of(st, at + 1), t2 = view_of(st, at + 2);
  // The token before closing quotes and brackets, for `." ` and `.) `.
  View inner = p1;
  if (t0.shape == kShCloseQuote || t0.shape == kShQuote || t0.shape == kShCloseBracket) {
    std::ptrdiff_t k = at - 1;
    while (k > 0) {
      View v = view_of(st, k);
      if (v.shape != kShCloseQuote && v.shape != kShQuote && v.shape != kShCloseBracket) break;
      --k;
    }
    inner = view_of(st, k);
  }
  const bool space = toks[i + 1].space_before;
  const std::uint32_t len0 = length_bucket(t0.length);
  std::size_t n = 0;
  out[n++] = feat(1, 0);
  out[n++] = feat(2, t0.word);
  out[n++] = feat(3, t1.word);
  out[n++] = feat(4, t0.shape);
  out[n++] = feat(5, t1.shape);
  out[n++] = feat(6, p1.shape, t0.shape);
  out[n++] = feat(7, t0.shape, t1.shape);
  out[n++] = feat(8, t0.shape, t1.shape, t2.shape);
  out[n++] = feat(9, t0.word, t1.shape);
  out[n++] = feat(10, t0.shape, t1.word);
  out[n++] = feat(11, p1.word, t0.word);
  out[n++] = feat(12, p1.shape, t0.shape, t1.shape);
  out[n++] = feat(13, space, t0.shape, t1.shape);
  out[n++] = feat(14, t0.word, t1.word);
  out[n++] = feat(15, inner.shape, t0.shape, t1.shape);
  out[n++] = feat(16, inner.word, t0.shape, t1.shape);
  out[n++] = feat(17, t1.word, t2.shape);
  out[n++] = feat(18, len0, t0.shape, t1.shape);
  out[n++] = feat(19, p1.word, t0.shape, t1.shape);
  out[n++] = feat(20, t1.shape, t2.word);
  const std::uint32_t length = so_far.length;
  const std::uint32_t bucket = length_bucket(length) + (length > 12 ? 2 : length > 8 ? 1 : 0);
  out[n++] = feat(21, bucket, t0.shape, t1.shape);
  out[n++] = feat(22, bucket);
  out[n++] = feat(23, bucket, p1.shape, t0.shape, t1.shape);
  // Unclosed quotation marks or brackets since the sentence began.
  const std::uint64_t open = (so_far.quotes > 0 || (so_far.unknown & 1) ? 1 : 0) + (so_far.brackets > 0 ? 2 : 0);
  out[n++] = feat(24, open, t0.shape, t1.shape);
  return n;
}

namespace {

std::unique_ptr<SentenceModel> from_model_file(const ModelFile& file, const std::string& name, std::string& error) {
  auto meta = file.sections.find("meta");
  auto weights = file.sections.find("weights");
  if (meta == file.sections.end() || weights == file.sections.end()) {
    error = name + ": sentence model lacks its 'meta' or 'weights' section";
    return nullptr;
  }
  auto model = std::make_unique<SentenceModel>();
  ByteReader m(meta->second);
  model->bits = m.u32();
  model->threshold = m.f32();
  model->word_margin = m.f32();
  if (m.failed() || model->bits < 8 || model->bits > 26) {
    error = name + ": sentence model has a bad 'meta' section";
    return nullptr;
  }
  // Weights are stored sparsely: most buckets stay zero.
  ByteReader w(weights->second);
  auto index = w.array<std::uint32_t>();
  auto value = w.array<float>();
  if (w.failed() || !w.at_end() || index.size() != value.size()) {
    error = name + ": sentence model has a bad 'weights' section";
    return nullptr;
  }
  model->weights.assign(std::size_t{1} << model->bits, 0.0f);
  for (std::size_t k = 0; k < index.size(); ++k) {
    if (index[k] >= model->weights.size()) {
      error = name + ": sentence model weight index out of range";
      return nullptr;
    }
    model->weights[index[k]] = value[k];
  }
  // The sample the trainer split must split the same way now; otherwise the
  // features changed since training and the weights mean nothing.
  auto selftest = file.sections.find("selftest");
  if (selftest == file.sections.end()) {
    error = name + ": sentence model lacks its 'selftest' section";
    return nullptr;
  }
  ByteReader t(selftest->second);
  std::string sample = t.str();
  auto expected = t.array<std::uint32_t>();
  if (t.failed() || !t.at_end()) {
    error = name + ": sentence model has a bad 'selftest' section";
    return nullptr;
  }
  if (sample_boundaries(*model, sample) != expected) {
    error = name + ": sentence model fails its self-test (features changed since it was trained); retrain it";
    return nullptr;
  }
  return model;
}

}  // namespace

const char* const kSelfTestSample =
    "MINSK, Nov 28 (Reuters) - Belarus's leader met Xi Jinping on Monday. The U.S. State Department said it was "
    "\"concerned.\" Lt. Gen. John Smith arrived at 5 p.m. local time, officials said. What now? Talks resume in Jan. "
    "2024 (probably). I don't know... Nobody does!";

std::vector<std::uint32_t> sample_boundaries(const SentenceModel& model, std::string_view text) {
  std::vector<SurfaceToken> toks;
  tokenize(text, 0, static_cast<std::uint32_t>(text.size()), toks);
  TokenStream stream;
  stream.text = text;
  stream.tokens = &toks;
  compute_shapes(stream);
  std::vector<std::uint8_t> boundary;
  split_sentences(stream, 0, toks.size(), &model, boundary);
  std::vector<std::uint32_t> ends;
  for (std::size_t i = 0; i < toks.size(); ++i)
    if (boundary[i]) ends.push_back(toks[i].end);
  return ends;
}

std::unique_ptr<SentenceModel> SentenceModel::from_bytes(std::string_view bytes, const std::string& name,
                                                         std::string& error) {
  auto file = parse_model_file(bytes, name, kSentenceModelKind, kSentenceModelVersion, kSentenceModelVersion, error);
  return file ? from_model_file(*file, name, error) : nullptr;
}

std::unique_ptr<SentenceModel> SentenceModel::load(const std::string& path, std::string& error) {
  auto file = read_model_file(path, kSentenceModelKind, kSentenceModelVersion, kSentenceModelVersion, error);
  return file ? from_model_file(*file, path, error) : nullptr;
}

float SentenceModel::score(const TokenStream& stream, std::size_t i, const SentenceSoFar& so_far) const {
  std::uint64_t f[kMaxBoundaryFeatures];
  std::size_t n = boundary_features(stream, i, so_far, f);
  const unsigned shift = 64 - bits;
  float s = 0.0f;
  for (std::size_t k = 0; k < n; ++k) s += weights[f[k] >> shift];
  return s;
}

const SentenceModel* default_sentence_model() {
  static const std::unique_ptr<SentenceModel> model = [] {
    std::string path = find_data_file(kSentenceModelPath);
    if (path.empty()) {
      std::cerr << "kestrel: warning: sentence model data/" << kSentenceModelPath
                << " not found; splitting sentences with rules only\n";
      return std::unique_ptr<SentenceModel>();
    }
    std::string error;
    auto loaded = SentenceModel::load(path, error);
    if (!loaded) std::cerr << "kestrel: warning: " << error << "; splitting sentences with rules only\n";
    return loaded;
  }();
  return model.get();
}

void split_sentences(const TokenStream& st, std::size_t first, std::size_t last, const SentenceModel* model,
                     std::vector<std::uint8_t>& boundary) {
  const auto& toks = *st.tokens;
  if (boundary.size() < toks.size()) boundary.resize(toks.size(), 0);
  if (first >= last) return;
  SentenceSoFar so_far;
  // A citation mark after a sentence's end ("in 1805. [19] He") belongs to
  // that sentence: the decision taken before the mark moves to the gap after it.
  std::size_t carry_to = 0;
  bool carried = false;
  for (std::size_t i = first; i + 1 < last; ++i) {
    const SurfaceToken& next = toks[i + 1];
    so_far.add(st, i);
    bool decided = false;
    bool yes = false;
    if (next.newlines_before >= 2) {
      decided = yes = true;
    } else if (next.newlines_before == 1) {
      if (!st.wrapped) {
        // Each line stands alone, unless a sentence visibly runs on: a
        // small letter after a word or a comma.
        const Shape s0 = shape_at(st, i), s1 = shape_at(st, i + 1);
        const bool runs_on = s1 == kShLower && (s0 == kShLower || s0 == kShCap || s0 == kShAllCaps ||
                                                 s0 == kShNumber || s0 == kShComma || s0 == kShOtherLetter);
        decided = !runs_on;
        yes = !runs_on;
      } else if (line_length(st.text, toks[i].start) * 10 < st.wrap_width * 6 || starts_list_item(st, i + 1)) {
        // A short line ends its paragraph; a list item starts a new line.
        decided = yes = true;
      }
    }
    if (!decided && (ends_caption_label(st, i, first) || abbreviation_then_opener(st, i))) decided = yes = true;
    if (!decided && title_punctuation(st, i, so_far.length)) {
      decided = true;
      yes = false;
    }
    if (i < carry_to) {
      decided = true;  // inside the mark (no line break can be there)
      yes = false;
    } else if (i == carry_to && carry_to != 0) {
      carry_to = 0;
      if (!decided) {
        decided = true;
        yes = carried;
      }
    }
    if (!decided && is_candidate(st, i)) {
      if (model) {
        // Edited text rarely ends a sentence on a bare word inside a
        // paragraph, and a false split costs an event: ask for more evidence.
        // Closing quotes and brackets do not make a word less bare ("[Free
        // hit] All Right Now").
        std::size_t k = i;
        while (k > first && (shape_at(st, k) == kShCloseQuote || shape_at(st, k) == kShQuote ||
                             shape_at(st, k) == kShCloseBracket))
          --k;
        const Shape s0 = shape_at(st, k);
        // A lone initial opening a sentence is as weak an end as a bare word
        // ("J. Smith agreed").
        const bool bare_word = s0 == kShLower || s0 == kShCap || s0 == kShAllCaps || s0 == kShNumber ||
                               s0 == kShOtherLetter || (s0 == kShInitial && so_far.length == 1);
        yes = model->score(st, i, so_far) > model->threshold + (bare_word ? model->word_margin : 0.0f);
      } else {
        yes = rule_boundary(st, i);
      }
      if (const std::size_t end = citation_after(st, i, last); end != 0) {
        carry_to = end;
        carried = yes;
        yes = false;
      }
    }
    boundary[i] = yes ? 1 : 0;
    if (yes) so_far = {};
  }
  boundary[last - 1] = 1;
}

}  // namespace kestrel::text_internal
