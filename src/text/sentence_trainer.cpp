// Training of the sentence-boundary classifier (kept apart from the runtime
// in sentence_splitter.cpp; nothing here runs when documents are processed).
//
// The training text is rebuilt from CoNLL-U exactly as the evaluation
// rebuilds it, then tokenized by our own tokenizer: the classifier learns on
// the tokens it will see at run time, and a gap is a positive example when a
// gold sentence ends exactly there.
#include <algorithm>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "base/model_file.h"
#include "text/sentence_splitter.h"

namespace kestrel::text_internal {

std::string conllu_raw_text(std::string_view conllu, std::vector<std::uint32_t>* sentence_ends) {
  std::string out;
  bool new_doc = false, new_par = false;
  bool has_text = false;
  std::string text;
  std::string from_forms;  // fallback when a sentence has no "# text"
  bool words = false;
  std::uint32_t skip_until = 0;  // last word id covered by a multi-word token line
  auto flush = [&]() {
    if (!words) {
      has_text = false;
      return;
    }
    if (!out.empty()) out += (new_doc || new_par) ? "\n\n" : " ";
    if (has_text) {
      out += text;
    } else {
      while (!from_forms.empty() && from_forms.back() == ' ') from_forms.pop_back();
      out += from_forms;
    }
    if (sentence_ends) sentence_ends->push_back(static_cast<std::uint32_t>(out.size()));
    new_doc = new_par = has_text = words = false;
    text.clear();
    from_forms.clear();
    skip_until = 0;
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
      continue;
    }
    if (line[0] == '#') {
      if (line.substr(0, 8) == "# newdoc") new_doc = true;
      else if (line.substr(0, 8) == "# newpar") new_par = true;
      else if (line.substr(0, 9) == "# text = ") {
        text.assign(line.substr(9));
        has_text = true;
      }
      continue;
    }
    // A word line: keep the surface forms in case there is no "# text".
    std::size_t tab1 = line.find('\t');
    if (tab1 == std::string_view::npos) continue;
    std::string_view id = line.substr(0, tab1);
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    words = true;
    std::size_t tab2 = line.find('\t', tab1 + 1);
    std::string_view form = line.substr(tab1 + 1, tab2 == std::string_view::npos ? std::string_view::npos : tab2 - tab1 - 1);
    std::size_t dash = id.find('-');
    std::uint32_t first = 0, last = 0;
    for (char c : id.substr(0, dash)) first = first * 10 + static_cast<std::uint32_t>(c - '0');
    if (dash != std::string_view::npos) {
      for (char c : id.substr(dash + 1)) last = last * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (dash == std::string_view::npos && first <= skip_until) continue;  // word inside a multi-word token
    if (dash != std::string_view::npos) skip_until = last;
    from_forms += form;
    if (line.find("SpaceAfter=No") == std::string_view::npos) from_forms += ' ';
  }
  flush();
  if (!out.empty()) out += '\n';
  return out;
}

bool train_sentence_model(const std::string& train_conllu, const std::string& out_path, std::string& error) {
  std::ifstream in(train_conllu, std::ios::binary);
  if (!in) {
    error = train_conllu + ": cannot open training file";
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string data = buffer.str();
  std::vector<std::uint32_t> ends;
  const std::string text = conllu_raw_text(data, &ends);
  if (ends.size() < 10) {
    error = train_conllu + ": fewer than 10 sentences; is this CoNLL-U?";
    return false;
  }
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    error = train_conllu + ": training text larger than 4 GiB";
    return false;
  }

  std::vector<SurfaceToken> toks;
  tokenize(text, 0, static_cast<std::uint32_t>(text.size()), toks);
  TokenStream stream;
  stream.text = text;
  stream.tokens = &toks;
  compute_shapes(stream);

  constexpr std::uint32_t kBits = 18;
  constexpr unsigned kShift = 64 - kBits;
  std::vector<std::uint32_t> features;
  std::vector<std::uint32_t> offsets{0};
  std::vector<std::int8_t> labels;
  auto gold_end_at = [&](std::uint32_t offset) { return std::binary_search(ends.begin(), ends.end(), offset); };
  SentenceSoFar so_far;     // gold history: the runtime uses its own decisions
  std::size_t skip_to = 0;  // gaps inside and after a citation mark are decided before it
  for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
    bool gold = gold_end_at(toks[i].end);
    so_far.add(stream, i);
    const SentenceSoFar current = so_far;
    if (gold || toks[i + 1].newlines_before >= 2) so_far = {};
    if (toks[i + 1].newlines_before >= 2) continue;  // paragraph breaks are not learned
    if (i <= skip_to && skip_to != 0) continue;
    if (!is_candidate(stream, i)) continue;
    // As at run time, the gap before "[17]" takes the label of the gap after it.
    if (const std::size_t end = citation_after(stream, i, toks.size()); end != 0) {
      gold = gold_end_at(toks[end].end);
      skip_to = end;
    }
    std::uint64_t f[kMaxBoundaryFeatures];
    std::size_t n = boundary_features(stream, i, current, f);
    for (std::size_t k = 0; k < n; ++k) features.push_back(static_cast<std::uint32_t>(f[k] >> kShift));
    offsets.push_back(static_cast<std::uint32_t>(features.size()));
    labels.push_back(gold ? 1 : -1);
  }

  // Averaged perceptron: w holds the current weights, u the sum of updates
  // weighted by when they happened, so the average is w - u / steps. The
  // order of the examples moves single results by a few tenths of a point, so
  // several runs over different orders are averaged.
  const std::size_t buckets = std::size_t{1} << kBits;
  std::vector<double> total(buckets, 0.0);
  constexpr int kRuns = 8;
  constexpr int kEpochs = 12;
  constexpr unsigned kSeed = 20240601;
  for (int run = 0; run < kRuns; ++run) {
    std::vector<float> w(buckets, 0.0f), u(buckets, 0.0f);
    std::vector<std::uint32_t> order(labels.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::mt19937 rng(kSeed + static_cast<unsigned>(run));
    float step = 1.0f;
    for (int epoch = 0; epoch < kEpochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      for (std::uint32_t k : order) {
        float score = 0.0f;
        for (std::uint32_t j = offsets[k]; j < offsets[k + 1]; ++j) score += w[features[j]];
        const int y = labels[k];
        if ((score > 0.0f ? 1 : -1) != y) {
          for (std::uint32_t j = offsets[k]; j < offsets[k + 1]; ++j) {
            w[features[j]] += static_cast<float>(y);
            u[features[j]] += static_cast<float>(y) * step;
          }
        }
        step += 1.0f;
      }
    }
    for (std::size_t k = 0; k < buckets; ++k) total[k] += w[k] - u[k] / step;
  }
  std::vector<std::uint32_t> index;
  std::vector<float> value;
  for (std::size_t k = 0; k < buckets; ++k) {
    const auto avg = static_cast<float>(total[k] / kRuns);
    if (avg > 1e-4f || avg < -1e-4f) {
      index.push_back(static_cast<std::uint32_t>(k));
      value.push_back(avg);
    }
  }

  ModelFile model;
  model.kind = std::string(kSentenceModelKind);
  model.version = kSentenceModelVersion;
  ByteWriter meta;
  meta.u32(kBits);
  meta.f32(0.0f);  // threshold
  // Extra evidence for a boundary after a bare word, chosen on EWT dev and
  // GUM dev (3 to 4 are best there). News almost never ends a sentence so
  // ("In August 2004 | Chinese authorities"): 6 would avoid a quarter of
  // those rare false splits in BBC news but cost EWT a few real ones.
  constexpr float kWordMargin = 4.0f;
  meta.f32(kWordMargin);
  model.sections["meta"] = meta.take();
  ByteWriter weights;
  weights.array(index);
  weights.array(value);
  model.sections["weights"] = weights.take();

  SentenceModel trained;
  trained.bits = kBits;
  trained.threshold = 0.0f;
  trained.word_margin = kWordMargin;
  trained.weights.assign(buckets, 0.0f);
  for (std::size_t k = 0; k < index.size(); ++k) trained.weights[index[k]] = value[k];
  ByteWriter selftest;
  selftest.str(kSelfTestSample);
  selftest.array(sample_boundaries(trained, kSelfTestSample));
  model.sections["selftest"] = selftest.take();
  return write_model_file(out_path, model, error);
}

}  // namespace kestrel::text_internal
