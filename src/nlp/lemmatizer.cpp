#include "nlp/lemmatizer.h"

#include <algorithm>

#include "nlp/hashing.h"
#include "nlp/tagger.h"

namespace kestrel::nlp {

LemmaRule lemma_rule(std::string_view form, std::string_view lemma) {
  LemmaRule best;
  bool have = false;
  for (std::uint8_t lower = 0; lower <= 1; ++lower) {
    const std::string base = lower ? lower_ascii(form) : std::string(form);
    std::size_t p = 0;
    while (p < base.size() && p < lemma.size() && base[p] == lemma[p]) ++p;
    if (base.size() - p > 255) continue;
    LemmaRule rule{lower, static_cast<std::uint8_t>(base.size() - p), std::string(lemma.substr(p))};
    const auto cost = [](const LemmaRule& r) { return r.append.size() * 256 + r.strip; };
    if (!have || cost(rule) < cost(best)) {
      best = rule;
      have = true;
    }
  }
  return best;
}

bool apply_lemma_rule(const LemmaRule& rule, std::string_view form, std::string& out) {
  if (rule.strip > form.size() || (rule.strip == form.size() && rule.append.empty())) return false;
  out = rule.lower ? lower_ascii(form) : std::string(form);
  out.resize(out.size() - rule.strip);
  out += rule.append;
  return true;
}

char wordnet_pos(std::string_view xpos) {
  if (xpos.starts_with("NN") && xpos != "NNP") return 'n';
  if (xpos.starts_with("VB")) return 'v';
  if (xpos == "JJR" || xpos == "JJS") return 'a';
  if (xpos == "RBR" || xpos == "RBS") return 'r';
  return 0;
}

std::uint64_t Lemmatizer::key(std::string_view form, std::string_view tag) const {
  return combine(hash_string(form, seed_), hash_string(tag, seed_ + 1));
}

std::size_t Lemmatizer::features(std::string_view form, std::string_view upos, std::string_view xpos,
                                 std::uint64_t* out) const {
  thread_local std::string lower;  // reused: no allocation per word
  lower_ascii(form, lower);
  const std::uint64_t x = hash_string(xpos, seed_ + 2);
  const std::uint64_t u = hash_string(upos, seed_ + 3);
  std::uint64_t casing = 0;  // 0 lower, 1 capitalised, 2 all capitals, 3 other
  if (!form.empty() && form[0] >= 'A' && form[0] <= 'Z') {
    casing = std::any_of(form.begin(), form.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ? 1 : 2;
  } else if (std::any_of(form.begin(), form.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    casing = 3;
  }
  std::uint64_t suffix[5];
  for (std::size_t k = 0; k < 5; ++k) {
    const std::size_t len = std::min(lower.size(), k + 1);
    suffix[k] = hash_string(std::string_view(lower).substr(lower.size() - len), seed_ + 4);
  }
  const std::uint64_t length = std::min<std::size_t>(lower.size(), 8);
  const std::uint64_t s = seed_;
  std::size_t k = 0;
  out[k++] = feature(s, 1, x);
  for (std::uint32_t j = 0; j < 5; ++j) out[k++] = feature(s, 2 + j, x, suffix[j]);
  out[k++] = feature(s, 7, u);
  out[k++] = feature(s, 8, x, casing);
  out[k++] = feature(s, 9, x, length);
  out[k++] = feature(s, 10, suffix[2]);
  out[k++] = feature(s, 11, suffix[3]);
  out[k++] = feature(s, 12, x, suffix[1], casing);
  out[k++] = feature(s, 13, u, suffix[2]);
  return k;
}

bool Lemmatizer::common_word(std::string_view form) const {
  for (std::string_view tag : {"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "RB", "CD",
                               "IN", "DT", "PRP", "PRP$", "MD", "CC", "TO", "WDT", "WP", "WRB", "RP", "EX"})
    if (known_.count(key(form, tag)) != 0) return true;
  return false;
}

std::string Lemmatizer::lemma(std::string_view form, std::string_view upos, std::string_view xpos) const {
  if (form.empty()) return {};
  if (auto it = known_.find(key(form, xpos)); it != known_.end()) return it->second;
  thread_local std::string lower;  // reused: no allocation per word
  lower_ascii(form, lower);
  if (lower != form) {
    if (auto it = known_.find(key(lower, xpos)); it != known_.end()) return it->second;
  }
  if (const char pos = wordnet_pos(xpos); pos != 0) {
    if (auto it = irregular_.find(key(lower, std::string_view(&pos, 1))); it != irregular_.end()) return it->second;
  }
  if (rules_.empty()) return std::string(form);
  std::uint64_t keys[kMaxLemmaFeatures];
  const std::size_t k = features(form, upos, xpos, keys);
  thread_local std::vector<float> scores;  // reused: no allocation per word
  scores.assign(rules_.size(), 0.0f);
  model_.add_scores(keys, k, scores.data());
  std::string out;
  // Best rule that fits; almost always the first.
  for (std::size_t tries = 0; tries < rules_.size(); ++tries) {
    std::uint32_t best = 0;
    bool found = false;
    for (std::uint32_t r = 0; r < scores.size(); ++r) {
      if (scores[r] == -1e30f) continue;
      if (!found || scores[r] > scores[best]) {
        best = r;
        found = true;
      }
    }
    if (!found) break;
    if (apply_lemma_rule(rules_[best], form, out)) return out;
    scores[best] = -1e30f;
  }
  return std::string(form);
}

void Lemmatizer::write(ByteWriter& out) const {
  out.u64(seed_);
  auto write_map = [&](const std::unordered_map<std::uint64_t, std::string>& map) {
    std::vector<std::pair<std::uint64_t, std::string>> items(map.begin(), map.end());
    std::sort(items.begin(), items.end());
    out.u64(items.size());
    for (const auto& [k, v] : items) {
      out.u64(k);
      out.str(v);
    }
  };
  write_map(known_);
  write_map(irregular_);
  out.u32(static_cast<std::uint32_t>(rules_.size()));
  for (const LemmaRule& r : rules_) {
    out.u8(r.lower);
    out.u8(r.strip);
    out.str(r.append);
  }
  model_.write(out);
}

bool Lemmatizer::read(ByteReader& in, std::string& error) {
  seed_ = in.u64();
  auto read_map = [&](std::unordered_map<std::uint64_t, std::string>& map) {
    const std::uint64_t n = in.u64();
    if (in.failed() || n > in.remaining() / 12) return false;
    map.clear();
    map.reserve(n);
    for (std::uint64_t i = 0; i < n && !in.failed(); ++i) {
      const std::uint64_t k = in.u64();
      map.emplace(k, in.str());
    }
    return !in.failed();
  };
  if (!read_map(known_) || !read_map(irregular_)) {
    error = "lemmatizer tables are truncated";
    return false;
  }
  const std::uint32_t n = in.u32();
  if (in.failed() || n > 65535) {
    error = "lemmatizer rule list is invalid";
    return false;
  }
  rules_.clear();
  for (std::uint32_t i = 0; i < n && !in.failed(); ++i) {
    LemmaRule r;
    r.lower = in.u8();
    r.strip = in.u8();
    r.append = in.str();
    rules_.push_back(std::move(r));
  }
  if (in.failed()) {
    error = "lemmatizer rule list is truncated";
    return false;
  }
  if (!model_.read(in, error)) {
    error = "lemmatizer: " + error;
    return false;
  }
  if (!rules_.empty() && model_.num_classes() != rules_.size()) {
    error = "lemmatizer weights do not match its rules";
    return false;
  }
  return true;
}

}  // namespace kestrel::nlp
