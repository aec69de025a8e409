#include "nlp/morph.h"

#include <algorithm>
#include <map>

#include "nlp/hashing.h"
#include "nlp/tagger.h"

namespace kestrel::nlp {

std::vector<std::pair<std::string, std::string>> split_features(std::string_view feats) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos < feats.size()) {
    std::size_t bar = feats.find('|', pos);
    if (bar == std::string_view::npos) bar = feats.size();
    const std::string_view item = feats.substr(pos, bar - pos);
    const std::size_t eq = item.find('=');
    if (eq != std::string_view::npos) out.emplace_back(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
    pos = bar + 1;
  }
  return out;
}

std::string join_features(std::vector<std::pair<std::string, std::string>> feats) {
  std::sort(feats.begin(), feats.end(),
            [](const auto& a, const auto& b) { return lower_ascii(a.first) < lower_ascii(b.first); });
  std::string out;
  for (const auto& [name, value] : feats) {
    if (!out.empty()) out += '|';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::uint64_t Morphology::word_key(std::string_view form, std::string_view upos, std::string_view xpos) const {
  thread_local std::string lower;  // reused: no allocation per word
  lower_ascii(form, lower);
  return combine(combine(hash_string(lower, seed_), hash_string(upos, seed_ + 1)),
                 hash_string(xpos, seed_ + 2));
}

std::uint64_t Morphology::tag_key(std::string_view upos, std::string_view xpos) const {
  return combine(hash_string(upos, seed_ + 1), hash_string(xpos, seed_ + 2));
}

std::string_view Morphology::features(std::string_view form, std::string_view upos, std::string_view xpos) const {
  if (auto it = by_word_.find(word_key(form, upos, xpos)); it != by_word_.end()) return it->second;
  if (auto it = by_tag_.find(tag_key(upos, xpos)); it != by_tag_.end()) return it->second;
  return {};
}

Morphology Morphology::train(const std::vector<const Sentence*>& train, std::uint64_t seed) {
  Morphology m;
  m.seed_ = mix64(seed ^ 0x6d6f727068ULL);
  std::map<std::uint64_t, std::map<std::string, std::size_t>> words, tags;
  for (const Sentence* s : train)
    for (const Token& t : s->tokens) {
      if (t.upos.empty()) continue;
      ++words[m.word_key(t.form, t.upos, t.xpos)][t.feats];
      ++tags[m.tag_key(t.upos, t.xpos)][t.feats];
    }
  auto most_frequent = [](const std::map<std::string, std::size_t>& counts) {
    return std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  };
  for (const auto& [key, counts] : tags) m.by_tag_.emplace(key, most_frequent(counts));
  for (const Sentence* s : train)
    for (const Token& t : s->tokens) {
      if (t.upos.empty()) continue;
      const std::uint64_t key = m.word_key(t.form, t.upos, t.xpos);
      if (m.by_word_.count(key)) continue;
      const std::string best = most_frequent(words[key]);
      if (best != m.by_tag_[m.tag_key(t.upos, t.xpos)]) m.by_word_.emplace(key, best);
    }
  return m;
}

namespace {

bool is_subject(std::string_view rel) {
  return rel.starts_with("nsubj") || rel.starts_with("csubj") || rel == "expl";
}

std::string_view feature_value(const std::string& feats, std::string_view name) {
  std::size_t pos = 0;
  while (pos < feats.size()) {
    std::size_t bar = feats.find('|', pos);
    if (bar == std::string::npos) bar = feats.size();
    const std::string_view item(feats.data() + pos, bar - pos);
    if (item.size() > name.size() && item.starts_with(name) && item[name.size()] == '=')
      return item.substr(name.size() + 1);
    pos = bar + 1;
  }
  return {};
}

void set_feature(std::string& feats, const std::string& name, std::string_view value) {
  auto all = split_features(feats);
  bool found = false;
  for (auto& [n, v] : all)
    if (n == name) {
      v = value;
      found = true;
    }
  if (!found && !value.empty()) all.emplace_back(name, std::string(value));
  all.erase(std::remove_if(all.begin(), all.end(), [](const auto& f) { return f.second.empty(); }), all.end());
  feats = join_features(std::move(all));
}

}  // namespace

void Morphology::apply_syntax(Sentence& sentence) {
  std::vector<Token>& tokens = sentence.tokens;
  const std::size_t n = tokens.size();
  std::vector<std::vector<std::size_t>> children(n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    const int h = tokens[i].head;
    if (h >= 0 && static_cast<std::size_t>(h) <= n) children[static_cast<std::size_t>(h)].push_back(i + 1);
  }
  auto token = [&](std::size_t node) -> Token& { return tokens[node - 1]; };
  // The subject of a clause headed by `node` (1-based), or 0.
  auto subject_of = [&](std::size_t node) -> std::size_t {
    std::size_t expl = 0;
    for (std::size_t c : children[node]) {
      const std::string& rel = token(c).deprel;
      if (rel == "expl") expl = c;
      else if (is_subject(rel)) return c;
    }
    return expl;
  };

  for (std::size_t v = 1; v <= n; ++v) {
    Token& t = token(v);
    if (t.upos != "VERB" && t.upos != "AUX") continue;
    const auto head = static_cast<std::size_t>(std::max(t.head, 0));
    if (t.xpos == "VBD" || t.xpos == "VBP") {
      std::size_t subj = subject_of(v);
      if (subj == 0 && head > 0 && (t.deprel == "aux" || t.deprel == "aux:pass" || t.deprel == "cop" || t.deprel == "conj"))
        subj = subject_of(head);
      if (subj == 0) continue;
      const Token& s = token(subj);
      if (s.deprel.starts_with("csubj")) {
        set_feature(t.feats, "Number", "Sing");
        set_feature(t.feats, "Person", "3");
        continue;
      }
      std::string_view person = feature_value(s.feats, "Person");
      set_feature(t.feats, "Person", person.empty() ? std::string_view("3") : person);
      bool coordinated = false;
      for (std::size_t c : children[subj]) coordinated |= token(c).deprel == "conj";
      std::string_view number = coordinated ? std::string_view("Plur") : feature_value(s.feats, "Number");
      if (number.empty() && feature_value(s.feats, "PronType") == "Rel" && head > 0 && t.deprel.starts_with("acl"))
        number = feature_value(token(head).feats, "Number");
      if (!number.empty()) set_feature(t.feats, "Number", number);
    } else if (t.xpos == "VB" && (t.feats == "VerbForm=Inf" || t.feats == "Mood=Imp|VerbForm=Fin")) {
      bool bare = subject_of(v) == 0;
      for (std::size_t c : children[v]) {
        const std::string& rel = token(c).deprel;
        if (rel.starts_with("aux") || rel == "mark") bare = false;
      }
      bool clause = t.deprel == "root" || t.deprel == "parataxis";
      if (t.deprel == "conj" && head > 0) clause = feature_value(token(head).feats, "Mood") == "Imp";
      t.feats = bare && clause ? "Mood=Imp|VerbForm=Fin" : "VerbForm=Inf";
    } else if (t.xpos == "VBN") {
      bool passive = false, perfect = false;
      for (std::size_t c : children[v]) {
        const Token& k = token(c);
        if (k.deprel == "aux:pass" || k.deprel == "nsubj:pass") passive = true;
        if (k.deprel == "aux" && k.lemma == "have") perfect = true;
      }
      if (passive) set_feature(t.feats, "Voice", "Pass");
      else if (perfect) set_feature(t.feats, "Voice", "");
    }
  }
}

void Morphology::write(ByteWriter& out) const {
  out.u64(seed_);
  for (const auto* map : {&by_word_, &by_tag_}) {
    std::vector<std::pair<std::uint64_t, std::string>> items(map->begin(), map->end());
    std::sort(items.begin(), items.end());
    out.u64(items.size());
    for (const auto& [k, v] : items) {
      out.u64(k);
      out.str(v);
    }
  }
}

bool Morphology::read(ByteReader& in, std::string& error) {
  seed_ = in.u64();
  for (auto* map : {&by_word_, &by_tag_}) {
    const std::uint64_t n = in.u64();
    if (in.failed() || n > in.remaining() / 12) {
      error = "feature tables are truncated";
      return false;
    }
    map->clear();
    for (std::uint64_t i = 0; i < n && !in.failed(); ++i) {
      const std::uint64_t k = in.u64();
      map->emplace(k, in.str());
    }
  }
  if (in.failed()) {
    error = "feature tables are truncated";
    return false;
  }
  return true;
}

}  // namespace kestrel::nlp
