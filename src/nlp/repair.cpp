#include "nlp/repair.h"

#include "nlp/tagger.h"

#include <string_view>
#include <vector>

namespace kestrel::nlp {
namespace {

// Relations that make a participle a clause of its own, or passive.
bool blocks_repair(std::string_view rel) {
  return rel == "aux" || rel == "aux:pass" || rel == "mark" || rel == "cop" || rel == "expl" ||
         rel.starts_with("nsubj") || rel.starts_with("csubj");
}

// Relations of a noun that the verb can take over: the noun heads a clause
// only there. Elsewhere ("the man given the award", "a firm named Acme")
// the participle stays a modifier.
bool clause_relation(std::string_view rel) { return rel == "root" || rel == "ccomp" || rel == "parataxis"; }

// Left dependents of the noun that belong to the noun phrase; the others
// ("Last year ,", "that", "But") belong to the clause and move to the verb.
bool noun_phrase_relation(std::string_view rel) {
  return rel == "det" || rel == "det:predet" || rel == "amod" || rel == "compound" || rel == "nmod:poss" ||
         rel == "nummod" || rel == "flat" || rel == "case" || rel == "fixed" || rel == "goeswith" ||
         rel == "nmod" || rel == "nmod:npmod" || rel == "appos" || rel == "conj" || rel == "cc";
}

}  // namespace

std::vector<std::size_t> repair_verbs_after_relative_pronouns(Sentence& sentence,
                                                              const std::function<bool(std::string_view)>& can_be_verb) {
  std::vector<std::size_t> repaired;
  std::vector<Token>& t = sentence.tokens;
  for (std::size_t r = 1; r + 2 < t.size(); ++r) {
    if (t[r].xpos != "WDT" && t[r].xpos != "WP") continue;
    if (!(t[r - 1].form == "," || t[r - 1].upos == "NOUN" || t[r - 1].upos == "PROPN")) continue;
    Token& w = t[r + 1];
    if (w.upos != "NOUN" || (w.xpos != "NN" && w.xpos != "NNS")) continue;
    const std::string_view next = t[r + 2].upos;
    if (next != "ADP" && next != "DET" && next != "PRON" && next != "ADV") continue;
    if (!can_be_verb(lower_ascii(w.form))) continue;
    w.upos = "VERB";
    w.xpos = w.xpos == "NNS" ? "VBZ" : "VBP";
    repaired.push_back(r + 1);
  }
  return repaired;
}

std::vector<std::size_t> repair_simple_pasts_after_subjects(Sentence& sentence,
                                                            const std::function<bool(std::string_view)>& can_be_verb) {
  std::vector<std::size_t> repaired;
  std::vector<Token>& t = sentence.tokens;
  bool finite = false;  // a finite verb or modal so far
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string& x = t[i].xpos;
    if (x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD") {
      finite = true;
      continue;
    }
    if (finite || i == 0 || i + 1 >= t.size() || (x != "JJ" && x != "VBN")) continue;
    if (t[i - 1].upos != "NOUN" && t[i - 1].upos != "PROPN") continue;
    const std::string_view next = t[i + 1].xpos;
    // A bare plural object counts when a preposition follows it ("the
    // Union extended sanctions against Belarus").
    const bool bare_plural = next == "NNS" && i + 2 < t.size() && t[i + 2].xpos == "IN";
    if (next != "DT" && next != "CD" && next != "PRP$" && !bare_plural) continue;
    const std::string lower = lower_ascii(t[i].form);
    if (lower.size() < 4 || !lower.ends_with("ed") || !can_be_verb(lower)) continue;
    t[i].upos = "VERB";
    t[i].xpos = "VBD";
    repaired.push_back(i);
    finite = true;
  }
  return repaired;
}

std::vector<std::size_t> repair_reduced_relatives_with_object(Sentence& sentence) {
  std::vector<std::size_t> repaired;
  std::vector<Token>& tokens = sentence.tokens;
  const int n = static_cast<int>(tokens.size());
  const auto tok = [&](int node) -> Token& { return tokens[static_cast<std::size_t>(node - 1)]; };
  for (int v = 1; v <= n; ++v) {
    Token& verb = tok(v);
    if (verb.xpos != "VBN" || verb.upos != "VERB" || verb.deprel != "acl") continue;
    const int noun = verb.head;
    if (noun < 1 || noun >= v) continue;
    Token& head = tok(noun);
    if ((head.upos != "NOUN" && head.upos != "PROPN" && head.upos != "PRON") || !clause_relation(head.deprel))
      continue;
    bool object = false, blocked = false;
    for (int c = 1; c <= n; ++c) {
      if (tok(c).head != v) continue;
      if (tok(c).deprel == "obj") object = true;
      if (blocks_repair(tok(c).deprel)) blocked = true;
    }
    if (!object || blocked) continue;
    for (int c = 1; c <= n; ++c) {
      Token& t = tok(c);
      if (c == v || t.head != noun) continue;
      if (c > v || (c < noun && !noun_phrase_relation(t.deprel))) t.head = v;
    }
    verb.head = head.head;
    verb.deprel = head.deprel;
    verb.xpos = "VBD";
    head.head = v;
    head.deprel = "nsubj";
    repaired.push_back(static_cast<std::size_t>(v - 1));
  }
  return repaired;
}

}  // namespace kestrel::nlp
