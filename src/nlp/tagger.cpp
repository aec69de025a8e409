#include "nlp/tagger.h"

#include <algorithm>

#include "nlp/hashing.h"

namespace kestrel::nlp {
namespace {

// Atom values for positions before the first and after the last word.
constexpr std::uint64_t kBeforeAtom = 0x5b4f5d3c532f3eULL;
constexpr std::uint64_t kAfterAtom = 0x3c2f533e5b455dULL;

TaggerAtoms padding_atoms(std::uint64_t value) {
  TaggerAtoms a;
  a.form = a.lower = a.shape = a.ambiguity = value;
  for (auto& p : a.prefix) p = value;
  for (auto& s : a.suffix) s = value;
  return a;
}

const TaggerAtoms kBefore = padding_atoms(kBeforeAtom);
const TaggerAtoms kAfter = padding_atoms(kAfterAtom);

}  // namespace

int TagSet::find(std::string_view u, std::string_view x) const {
  for (std::size_t i = 0; i < upos.size(); ++i)
    if (upos[i] == u && xpos[i] == x) return static_cast<int>(i);
  return -1;
}

int TagSet::add(std::string_view u, std::string_view x) {
  int found = find(u, x);
  if (found >= 0) return found;
  upos.emplace_back(u);
  xpos.emplace_back(x);
  return static_cast<int>(upos.size() - 1);
}

void TagSet::write(ByteWriter& out) const {
  out.u32(static_cast<std::uint32_t>(upos.size()));
  for (std::size_t i = 0; i < upos.size(); ++i) {
    out.str(upos[i]);
    out.str(xpos[i]);
  }
}

bool TagSet::read(ByteReader& in, std::string& error) {
  const std::uint32_t n = in.u32();
  if (in.failed() || n == 0 || n > 4096) {
    error = "tag set is empty or invalid";
    return false;
  }
  upos.clear();
  xpos.clear();
  for (std::uint32_t i = 0; i < n && !in.failed(); ++i) {
    upos.push_back(in.str());
    xpos.push_back(in.str());
  }
  if (in.failed()) {
    error = "tag set is truncated";
    return false;
  }
  return true;
}

void lower_ascii(std::string_view s, std::string& out) {
  out.assign(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

std::string lower_ascii(std::string_view s) {
  std::string out;
  lower_ascii(s, out);
  return out;
}

std::string word_shape(std::string_view s) {
  std::string out;
  word_shape(s, out);
  return out;
}

void word_shape(std::string_view s, std::string& out) {
  out.clear();
  char last = 0;
  int run = 0;
  for (unsigned char c : s) {
    char k;
    if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (c >= 0x80) k = (c >= 0xc0) ? 'u' : 0;  // one 'u' per non-ASCII character
    else k = static_cast<char>(c);
    if (k == 0) continue;
    run = (k == last) ? run + 1 : 1;
    last = k;
    if (run <= 2) out.push_back(k);
  }
}

void Tagger::atoms(const std::vector<std::string_view>& forms, std::vector<TaggerAtoms>& out) const {
  out.resize(forms.size());
  std::string lower, shape;  // reused: no allocation per word
  for (std::size_t i = 0; i < forms.size(); ++i) {
    const std::string_view form = forms[i];
    TaggerAtoms& a = out[i];
    lower_ascii(form, lower);
    word_shape(form, shape);
    a.form = hash_string(form, seed_);
    a.lower = hash_string(lower, seed_ + 1);
    a.shape = hash_string(shape, seed_ + 2);
    for (std::size_t k = 0; k < 3; ++k)
      a.prefix[k] = hash_string(std::string_view(lower).substr(0, k + 1), seed_ + 3 + k);
    for (std::size_t k = 0; k < 5; ++k) {
      const std::size_t len = std::min(lower.size(), k + 1);
      a.suffix[k] = hash_string(std::string_view(lower).substr(lower.size() - len), seed_ + 8 + k);
    }
    std::uint32_t flags = 0;
    bool all_upper = !form.empty();
    bool letters = false;
    for (unsigned char c : form) {
      if (c >= '0' && c <= '9') flags |= kFlagDigit;
      if (c == '-') flags |= kFlagHyphen;
      if (c >= 'A' && c <= 'Z') flags |= kFlagUpper, letters = true;
      if (c >= 'a' && c <= 'z') all_upper = false, letters = true;
    }
    if (all_upper && letters) flags |= kFlagAllUpper;
    if (!form.empty() && form[0] >= 'A' && form[0] <= 'Z') flags |= kFlagInitUpper;
    if (i == 0) flags |= kFlagFirst;
    a.wordnet = wordnet_.classes(lower);
    auto it = words_.find(a.lower);
    if (it != words_.end()) {
      flags |= kFlagKnown;
      a.ambiguity = it->second.ambiguity;
    } else {
      a.ambiguity = kUnknownAmbiguity;
    }
    a.flags = flags;
  }
}

std::size_t Tagger::features(const std::vector<TaggerAtoms>& atoms, std::size_t i, const std::uint16_t* left,
                             const std::uint16_t* right, std::uint64_t* out) const {
  const std::size_t n = atoms.size();
  const auto at = [&](std::ptrdiff_t k) -> const TaggerAtoms& {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
    if (j < 0) return kBefore;
    if (j >= static_cast<std::ptrdiff_t>(n)) return kAfter;
    return atoms[static_cast<std::size_t>(j)];
  };
  const std::uint64_t before_tag = tags_.size();
  const std::uint64_t after_tag = tags_.size() + 1;
  const std::uint64_t t1 = i >= 1 ? left[i - 1] : before_tag;
  const std::uint64_t t2 = i >= 2 ? left[i - 2] : before_tag;
  const TaggerAtoms& w = atoms[i];
  const TaggerAtoms& p1 = at(-1);
  const TaggerAtoms& p2 = at(-2);
  const TaggerAtoms& n1 = at(1);
  const TaggerAtoms& n2 = at(2);
  const std::uint64_t s = seed_;
  std::uint64_t capitals = 0;  // share of capitalised words, in quarters
  {
    std::size_t upper = 0;
    for (const TaggerAtoms& a : atoms) upper += (a.flags & kFlagInitUpper) != 0;
    capitals = (4 * upper) / std::max<std::size_t>(n, 1);
  }
  std::size_t k = 0;
  // Word identity only for words in the tag dictionary: training sees its
  // rare words (left out, see tagger_train.cpp) as tagging sees unknown
  // ones, so it learns to tag them from their spelling and context.
  const bool known = (w.flags & kFlagKnown) != 0;
  const std::uint64_t lower = known ? w.lower : kUnknownAmbiguity;
  out[k++] = feature(s, 0, 0);
  if (known) out[k++] = feature(s, 1, w.form);
  out[k++] = feature(s, 2, lower);
  for (std::uint32_t j = 0; j < 5; ++j) out[k++] = feature(s, 3 + j, w.suffix[j]);
  for (std::uint32_t j = 0; j < 3; ++j) out[k++] = feature(s, 8 + j, w.prefix[j]);
  out[k++] = feature(s, 11, w.shape);
  out[k++] = feature(s, 12, w.flags);
  out[k++] = feature(s, 13, w.ambiguity);
  out[k++] = feature(s, 14, p1.lower);
  out[k++] = feature(s, 15, n1.lower);
  out[k++] = feature(s, 16, p2.lower);
  out[k++] = feature(s, 17, n2.lower);
  out[k++] = feature(s, 18, t1);
  out[k++] = feature(s, 19, t2, t1);
  out[k++] = feature(s, 20, t1, lower);
  out[k++] = feature(s, 21, n1.ambiguity);
  out[k++] = feature(s, 22, n2.ambiguity);
  out[k++] = feature(s, 23, n1.ambiguity, n2.ambiguity);
  out[k++] = feature(s, 24, p1.suffix[2]);
  out[k++] = feature(s, 25, n1.suffix[2]);
  out[k++] = feature(s, 26, p1.lower, lower);
  out[k++] = feature(s, 27, lower, n1.lower);
  out[k++] = feature(s, 28, t1, n1.ambiguity);
  out[k++] = feature(s, 29, p1.shape, w.shape);
  out[k++] = feature(s, 30, n1.shape);
  out[k++] = feature(s, 31, t1, w.suffix[2]);
  out[k++] = feature(s, 32, w.ambiguity, n1.ambiguity);
  out[k++] = feature(s, 33, t1, w.ambiguity);
  out[k++] = feature(s, 34, p1.lower, n1.lower);
  out[k++] = feature(s, 35, w.flags, w.suffix[2]);
  out[k++] = feature(s, 36, t2, p1.lower);
  out[k++] = feature(s, 50, n1.suffix[1]);
  out[k++] = feature(s, 51, n1.lower, n2.lower);
  out[k++] = feature(s, 52, t1, n1.lower);
  out[k++] = feature(s, 54, w.prefix[0], w.flags);
  out[k++] = feature(s, 57, p1.lower, w.suffix[2]);
  out[k++] = feature(s, 58, lower, n1.ambiguity);
  out[k++] = feature(s, 59, n1.flags);
  out[k++] = feature(s, 60, p1.flags, w.flags);
  out[k++] = feature(s, 61, capitals, w.flags & (kFlagInitUpper | kFlagFirst | kFlagKnown));
  // What WordNet says the word and its neighbours can be.
  out[k++] = feature(s, 62, w.wordnet);
  out[k++] = feature(s, 63, w.wordnet, w.suffix[1]);
  out[k++] = feature(s, 64, w.wordnet, t1);
  out[k++] = feature(s, 65, w.wordnet, n1.wordnet);
  out[k++] = feature(s, 66, p1.wordnet, w.wordnet, w.flags & kFlagKnown);
  if (right != nullptr) {
    const std::uint64_t r1 = i + 1 < n ? right[i + 1] : after_tag;
    const std::uint64_t r2 = i + 2 < n ? right[i + 2] : after_tag;
    out[k++] = feature(s, 40, r1);
    out[k++] = feature(s, 41, r2);
    out[k++] = feature(s, 42, r1, r2);
    out[k++] = feature(s, 43, t1, r1);
    out[k++] = feature(s, 44, lower, r1);
    out[k++] = feature(s, 45, r1, n1.lower);
    out[k++] = feature(s, 46, w.suffix[2], r1);
    out[k++] = feature(s, 47, w.ambiguity, r1);
    out[k++] = feature(s, 48, t1, w.ambiguity, r1);
  }
  return k;
}

namespace {

std::uint16_t best_class(const float* scores, std::size_t n) {
  std::size_t best = 0;
  for (std::size_t c = 1; c < n; ++c)
    if (scores[c] > scores[best]) best = c;
  return static_cast<std::uint16_t>(best);
}

}  // namespace

void Tagger::tag(const std::vector<std::string_view>& forms, std::vector<std::uint16_t>& out, Scratch& scratch,
                 int passes) const {
  first_pass(forms, scratch.atoms, scratch.first, scratch.scores);
  if (passes < 2) {
    out = scratch.first;
    return;
  }
  second_pass(scratch.atoms, scratch.first, out, scratch.scores);
}

void Tagger::first_pass(const std::vector<std::string_view>& forms, std::vector<TaggerAtoms>& atoms_out,
                        std::vector<std::uint16_t>& first, std::vector<float>& scores) const {
  const std::size_t n = forms.size();
  const std::size_t classes = tags_.size();
  first.assign(n, 0);
  if (n == 0 || classes == 0) return;
  atoms(forms, atoms_out);
  scores.resize(classes);
  std::uint64_t keys[kMaxTaggerFeatures];
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = features(atoms_out, i, first.data(), nullptr, keys);
    std::fill(scores.begin(), scores.end(), 0.0f);
    pass1_.add_scores(keys, k, scores.data());
    first[i] = best_class(scores.data(), classes);
  }
}

void Tagger::second_pass(const std::vector<TaggerAtoms>& atoms, const std::vector<std::uint16_t>& first,
                         std::vector<std::uint16_t>& out, std::vector<float>& scores) const {
  const std::size_t n = first.size();
  const std::size_t classes = tags_.size();
  out.assign(n, 0);
  if (n == 0 || classes == 0) return;
  scores.resize(classes);
  std::uint64_t keys[kMaxTaggerFeatures];
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = features(atoms, i, out.data(), first.data(), keys);
    std::fill(scores.begin(), scores.end(), 0.0f);
    pass2_.add_scores(keys, k, scores.data());
    out[i] = best_class(scores.data(), classes);
  }
}

void Tagger::write(ByteWriter& out) const {
  out.u64(seed_);
  tags_.write(out);
  std::vector<std::pair<std::uint64_t, WordInfo>> words(words_.begin(), words_.end());
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  out.u64(words.size());
  for (const auto& [key, info] : words) {
    out.u64(key);
    out.u32(info.count);
    out.u64(info.ambiguity);
  }
  wordnet_.write(out);
  pass1_.write(out);
  pass2_.write(out);
}

bool Tagger::read(ByteReader& in, std::string& error) {
  seed_ = in.u64();
  if (!tags_.read(in, error)) return false;
  const std::uint64_t n = in.u64();
  if (in.failed() || n > in.remaining() / 20) {
    error = "tagger word list is truncated";
    return false;
  }
  words_.clear();
  words_.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::uint64_t key = in.u64();
    WordInfo info;
    info.count = in.u32();
    info.ambiguity = in.u64();
    words_.emplace(key, info);
  }
  if (!wordnet_.read(in, error)) {
    error = "tagger: " + error;
    return false;
  }
  if (!pass1_.read(in, error) || !pass2_.read(in, error)) {
    error = "tagger: " + error;
    return false;
  }
  if (pass1_.num_classes() != tags_.size() || pass2_.num_classes() != tags_.size()) {
    error = "tagger weights do not match its tag set";
    return false;
  }
  return true;
}

}  // namespace kestrel::nlp
