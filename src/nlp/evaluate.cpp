#include "nlp/evaluate.h"

#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "base/diagnostics.h"
#include "nlp/nlp.h"

namespace kestrel {
namespace {

struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  bool operator==(const Span&) const = default;
};

struct Word {
  Span span;
  bool multiword = false;
  const Token* token = nullptr;
  long head = -1;  // index of the head word in the stream; -1 root; < -1 unknown
};

// One side of the comparison: characters without whitespace and the spans of
// tokens, sentences and words over them.
struct Stream {
  std::string chars;
  std::vector<Span> tokens;
  std::vector<Span> sentences;
  std::vector<Word> words;
};

// Appends `form` without its whitespace; returns the span it covers.
Span append_form(std::string& chars, std::string_view form) {
  Span s{chars.size(), chars.size()};
  std::size_t i = 0;
  while (i < form.size()) {
    utf8proc_int32_t cp = 0;
    auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(form.data() + i),
                                static_cast<utf8proc_ssize_t>(form.size() - i), &cp);
    if (len <= 0) {
      chars += form[i++];
      continue;
    }
    bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
                 utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
    if (!space) chars.append(form.data() + i, static_cast<std::size_t>(len));
    i += static_cast<std::size_t>(len);
  }
  s.end = chars.size();
  return s;
}

Stream build_stream(const std::vector<Document>& docs, long unknown_head) {
  Stream st;
  for (const Document& doc : docs) {
    for (const Sentence& s : doc.sentences) {
      if (s.tokens.empty()) continue;
      const std::size_t sentence_start = st.chars.size();
      const long base = static_cast<long>(st.words.size());
      std::size_t mwt = 0;
      for (std::size_t i = 0; i < s.tokens.size();) {
        if (mwt < s.multiword.size() && s.multiword[mwt].first == i && s.multiword[mwt].last >= i &&
            s.multiword[mwt].last < s.tokens.size()) {
          const MultiwordToken& m = s.multiword[mwt++];
          Span span = append_form(st.chars, m.form);
          st.tokens.push_back(span);
          for (std::size_t w = m.first; w <= m.last; ++w) st.words.push_back({span, true, &s.tokens[w], 0});
          i = m.last + 1;
        } else {
          Span span = append_form(st.chars, s.tokens[i].form);
          st.tokens.push_back(span);
          st.words.push_back({span, false, &s.tokens[i], 0});
          ++i;
        }
      }
      for (std::size_t w = static_cast<std::size_t>(base); w < st.words.size(); ++w) {
        int h = st.words[w].token->head;
        st.words[w].head = h < 0 ? unknown_head : h == 0 ? -1 : base + h - 1;
      }
      st.sentences.push_back({sentence_start, st.chars.size()});
    }
  }
  return st;
}

// Exact span matches between two sorted span lists.
EvalScore span_score(const std::vector<Span>& gold, const std::vector<Span>& system) {
  EvalScore s;
  s.gold = gold.size();
  s.system = system.size();
  std::size_t g = 0, y = 0;
  while (g < gold.size() && y < system.size()) {
    if (gold[g] == system[y]) {
      ++s.correct;
      ++g;
      ++y;
    } else if (gold[g].start < system[y].start || (gold[g].start == system[y].start && gold[g].end < system[y].end)) {
      ++g;
    } else {
      ++y;
    }
  }
  return s;
}

std::string lowercase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (len <= 0) {
      out += s[i++];
      continue;
    }
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(utf8proc_tolower(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
    i += static_cast<std::size_t>(len);
  }
  return out;
}

// Word alignment. Outside multi-word tokens words align when their spans
// are equal; a stretch where either side has multi-word tokens is aligned
// by the longest common subsequence of lowercased forms.
class Aligner {
 public:
  Aligner(const std::vector<Word>& gold, const std::vector<Word>& system)
      : gold_(gold), system_(system), gold_of_(system.size(), kUnaligned) {}

  void run() {
    std::size_t g = 0, y = 0;
    while (g < gold_.size() && y < system_.size()) {
      if (gold_[g].multiword || system_[y].multiword) {
        std::size_t gs = 0, ys = 0;
        multiword_region(g, y, gs, ys);
        if (g > gs && y > ys) align_lcs(gs, g, ys, y);
      } else if (gold_[g].span == system_[y].span) {
        pair(g++, y++);
      } else if (gold_[g].span.start <= system_[y].span.start) {
        ++g;
      } else {
        ++y;
      }
    }
  }

  static constexpr long kUnaligned = -4;
  // Gold word aligned to each system word, or kUnaligned.
  const std::vector<long>& gold_of() const { return gold_of_; }
  const std::vector<std::pair<std::size_t, std::size_t>>& pairs() const { return pairs_; }

 private:
  const std::vector<Word>& gold_;
  const std::vector<Word>& system_;
  std::vector<long> gold_of_;
  std::vector<std::pair<std::size_t, std::size_t>> pairs_;

  void pair(std::size_t g, std::size_t y) {
    pairs_.emplace_back(g, y);
    gold_of_[y] = static_cast<long>(g);
  }

  static bool past(const std::vector<Word>& words, std::size_t i, std::size_t end) {
    return i >= words.size() || words[i].span.start >= end;
  }
  static std::size_t extend(const Word& w, std::size_t end) {
    return w.multiword && w.span.end > end ? w.span.end : end;
  }

  // Grows the smallest stretch, starting at (g, y), that contains whole
  // multi-word tokens on both sides; leaves g and y just after it.
  void multiword_region(std::size_t& g, std::size_t& y, std::size_t& gs, std::size_t& ys) const {
    std::size_t end = 0;
    if (gold_[g].multiword) {
      end = gold_[g].span.end;
      if (!system_[y].multiword && system_[y].span.start < gold_[g].span.start) ++y;
    } else {
      end = system_[y].span.end;
      if (!gold_[g].multiword && gold_[g].span.start < system_[y].span.start) ++g;
    }
    gs = g;
    ys = y;
    while (!past(gold_, g, end) || !past(system_, y, end)) {
      if (g < gold_.size() && (y >= system_.size() || gold_[g].span.start <= system_[y].span.start)) {
        end = extend(gold_[g], end);
        ++g;
      } else {
        end = extend(system_[y], end);
        ++y;
      }
    }
  }

  void align_lcs(std::size_t gs, std::size_t ge, std::size_t ys, std::size_t ye) {
    const std::size_t n = ge - gs, m = ye - ys;
    std::vector<std::string> gf(n), yf(m);
    for (std::size_t i = 0; i < n; ++i) gf[i] = lowercase(gold_[gs + i].token->form);
    for (std::size_t j = 0; j < m; ++j) yf[j] = lowercase(system_[ys + j].token->form);
    // lcs[i][j]: longest common subsequence of gf[i..] and yf[j..].
    std::vector<std::size_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        at(i, j) = gf[i] == yf[j] ? 1 + at(i + 1, j + 1) : std::max(at(i + 1, j), at(i, j + 1));
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (gf[i] == yf[j]) {
        pair(gs + i, ys + j);
        ++i;
        ++j;
      } else if (at(i, j) == at(i + 1, j)) {
        ++i;
      } else {
        ++j;
      }
    }
  }
};

std::string_view universal(std::string_view deprel) { return deprel.substr(0, deprel.find(':')); }

// FEATS as the CoNLL 2018 script compares them: universal features only,
// sorted ("_" and empty are the same).
std::string universal_feats(std::string_view feats) {
  static constexpr std::string_view kUniversal[] = {
      "PronType", "NumType", "Poss",  "Reflex", "Foreign", "Abbr",  "Gender",   "Animacy", "Number", "Case", "Definite",
      "Degree",   "VerbForm", "Mood", "Tense",  "Aspect",  "Voice", "Evident", "Polarity", "Person", "Polite"};
  std::vector<std::string_view> kept;
  while (!feats.empty()) {
    const std::size_t bar = feats.find('|');
    const std::string_view feat = feats.substr(0, bar);
    const std::string_view name = feat.substr(0, feat.find('='));
    if (std::find(std::begin(kUniversal), std::end(kUniversal), name) != std::end(kUniversal)) kept.push_back(feat);
    if (bar == std::string_view::npos) break;
    feats.remove_prefix(bar + 1);
  }
  std::sort(kept.begin(), kept.end());
  std::string out;
  for (std::string_view f : kept) {
    if (!out.empty()) out += '|';
    out += f;
  }
  return out;
}

}  // namespace

EvalScores evaluate(const std::vector<Document>& gold_docs, const std::vector<Document>& system_docs) {
  EvalScores out;
  Stream gold = build_stream(gold_docs, -2);
  Stream system = build_stream(system_docs, -3);
  if (gold.chars != system.chars) {
    std::size_t k = 0;
    while (k < gold.chars.size() && k < system.chars.size() && gold.chars[k] == system.chars[k]) ++k;
    auto around = [&](const std::string& s) {
      std::string quoted(1, '\'');
      quoted.append(s, k >= 20 ? k - 20 : 0, 40);
      quoted += '\'';
      return quoted;
    };
    out.error = "gold and system text differ at character " + std::to_string(k) + " (without whitespace): gold " +
                around(gold.chars) + ", system " + around(system.chars);
    return out;
  }
  out.ok = true;
  out.tokens = span_score(gold.tokens, system.tokens);
  out.sentences = span_score(gold.sentences, system.sentences);

  Aligner aligner(gold.words, system.words);
  aligner.run();
  auto base = [&]() {
    EvalScore s;
    s.gold = gold.words.size();
    s.system = system.words.size();
    s.aligned = aligner.pairs().size();
    return s;
  };
  out.words = base();
  out.words.correct = out.words.aligned;
  out.upos = out.xpos = out.ufeats = out.lemmas = out.uas = out.las = base();
  for (auto [g, y] : aligner.pairs()) {
    const Token& gt = *gold.words[g].token;
    const Token& yt = *system.words[y].token;
    if (gt.upos == yt.upos) ++out.upos.correct;
    if (gt.xpos == yt.xpos) ++out.xpos.correct;
    if (universal_feats(gt.feats) == universal_feats(yt.feats)) ++out.ufeats.correct;
    // As the CoNLL 2018 script: a gold lemma "_" (none given) accepts any.
    if (gt.lemma == yt.lemma || gt.lemma.empty() || gt.lemma == "_") ++out.lemmas.correct;
    const long yh = system.words[y].head;
    const long mapped = yh >= 0 ? aligner.gold_of()[static_cast<std::size_t>(yh)] : yh;
    if (mapped == gold.words[g].head && mapped >= -1) {
      ++out.uas.correct;
      if (universal(gt.deprel) == universal(yt.deprel)) ++out.las.correct;
    }
  }
  return out;
}

std::string conllu_to_raw_text(std::string_view conllu) {
  std::string out;
  bool new_block = false;  // "# newdoc" or "# newpar" seen for the coming sentence
  bool has_text = false, words = false;
  std::string text, forms;
  std::size_t covered_until = 0;  // last word id inside the current multi-word token
  auto flush = [&]() {
    if (words) {
      if (!out.empty()) out += new_block ? "\n\n" : " ";
      if (!has_text) {
        while (!forms.empty() && forms.back() == ' ') forms.pop_back();
        text = forms;
      }
      out += text;
      new_block = false;
    }
    has_text = words = false;
    text.clear();
    forms.clear();
    covered_until = 0;
  };
  std::size_t pos = 0;
  while (pos < conllu.size()) {
    std::size_t nl = conllu.find('\n', pos);
    if (nl == std::string_view::npos) nl = conllu.size();
    std::string_view line = conllu.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
    } else if (line[0] == '#') {
      if (line.starts_with("# newdoc") || line.starts_with("# newpar")) new_block = true;
      else if (line.starts_with("# text = ")) {
        text.assign(line.substr(9));
        has_text = true;
      }
    } else {
      std::size_t t1 = line.find('\t');
      if (t1 == std::string_view::npos) continue;
      std::string_view id = line.substr(0, t1);
      if (id.find('.') != std::string_view::npos) continue;
      words = true;
      std::size_t t2 = line.find('\t', t1 + 1);
      std::string_view form = line.substr(t1 + 1, t2 == std::string_view::npos ? std::string_view::npos : t2 - t1 - 1);
      std::size_t dash = id.find('-');
      std::size_t first = std::strtoul(std::string(id.substr(0, dash)).c_str(), nullptr, 10);
      if (dash == std::string_view::npos && first <= covered_until) continue;
      if (dash != std::string_view::npos) covered_until = std::strtoul(std::string(id.substr(dash + 1)).c_str(), nullptr, 10);
      forms += form;
      if (line.find("SpaceAfter=No") == std::string_view::npos) forms += ' ';
    }
  }
  flush();
  if (!out.empty()) out += '\n';
  return out;
}

void print_scores(std::ostream& out, const EvalScores& s, bool with_tags) {
  out << "Metric     | Precision |    Recall |  F1 Score | AligndAcc\n";
  out << "-----------+-----------+-----------+-----------+-----------\n";
  auto row = [&](const char* name, const EvalScore& e, bool aligned) {
    char line[128];
    std::snprintf(line, sizeof line, "%-10s | %9.2f | %9.2f | %9.2f |", name, 100 * e.precision(), 100 * e.recall(),
                  100 * e.f1());
    out << line;
    if (aligned) {
      std::snprintf(line, sizeof line, " %9.2f", 100 * e.aligned_accuracy());
      out << line;
    }
    out << '\n';
  };
  row("Tokens", s.tokens, false);
  row("Sentences", s.sentences, false);
  row("Words", s.words, false);
  if (with_tags) {
    row("UPOS", s.upos, true);
    row("XPOS", s.xpos, true);
    row("UFeats", s.ufeats, true);
    row("Lemmas", s.lemmas, true);
    row("UAS", s.uas, true);
    row("LAS", s.las, true);
  }
}

int run_tokenize_eval(const std::string& gold_path, std::ostream& out, bool clean) {
  std::ifstream in(gold_path, std::ios::binary);
  if (!in) {
    out << "kestrel: error: " << gold_path << ": cannot open\n";
    return kExitFatal;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string data = buffer.str();
  Diagnostics diag([](const Diagnostic&) {});
  std::vector<Document> gold = read_conllu(data, gold_path, diag);
  if (diag.errors() > 0) out << "warning: " << diag.errors() << " malformed CoNLL-U records in " << gold_path << '\n';

  std::vector<Document> system(1);
  system[0].id = "eval";
  system[0].path = gold_path;
  system[0].format = InputFormat::Text;
  system[0].text = conllu_to_raw_text(data);
  const auto t0 = std::chrono::steady_clock::now();
  if (clean) prepare_document(system[0]);
  else segment_document(system[0]);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  EvalScores scores = evaluate(gold, system);
  if (!scores.ok) {
    out << "kestrel: error: " << gold_path << ": " << scores.error << '\n';
    return kExitFatal;
  }
  out << "gold: " << gold_path << " (" << scores.sentences.gold << " sentences, " << scores.tokens.gold
      << " tokens)\n";
  print_scores(out, scores, false);
  out << std::fixed << std::setprecision(2) << "segmented " << system[0].text.size() / 1e6 << " MB in " << seconds
      << " s (" << (seconds > 0 ? system[0].text.size() / 1e6 / seconds : 0.0) << " MB/s)\n";
  return kExitOk;
}

}  // namespace kestrel
