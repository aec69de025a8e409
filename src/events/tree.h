// A compact, normalised view of one parsed sentence for the event coder
// (internal to the events stage). UD v1 relation names (dobj, nsubjpass,
// auxpass, neg, name, nmod on predicates) are mapped to UD v2, so trees from
// older parsers code the same way as ours.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace kestrel::events_internal {

enum class Rel : std::uint8_t {
  Other, Root, Nsubj, NsubjPass, Csubj, Obj, Iobj, Obl, OblAgent, OblTmod, Nmod, NmodPoss, Case, Mark, Aux,
  AuxPass, Cop, Advmod, Neg, Amod, Compound, CompoundPrt, Conj, Cc, Xcomp, Ccomp, Advcl, Acl, AclRelcl, Appos,
  Flat, Fixed, Det, Nummod, Punct, Parataxis, Expl, Discourse, Dep
};

enum class Pos : std::uint8_t { Other, Noun, Propn, Pron, Verb, Aux, Adj, Adp, Adv, Det, Num, Part, Sconj, Cconj, Punct, Sym };

struct TreeView {
  int n = 0;
  std::vector<int> head;  // 0-based; -1 for the root or an unparsed word
  std::vector<Rel> rel;
  std::vector<Pos> pos;
  std::vector<std::string> lemma;  // lowercase
  std::vector<std::string> form;   // lowercase
  // Pattern lexicon ids (kNoId if absent): lemma, form, and up to two stems
  // of the form, used when the lemma is unknown (a lemmatizer's "jaile").
  std::vector<std::uint32_t> lemma_id, form_id, stem_id, stem2_id;
  std::vector<std::uint8_t> feat;  // bit flags below
  std::vector<int> child_begin;    // CSR children, in word order
  std::vector<int> children;
  std::vector<int> depth;          // distance from the root (for ordering)

  static constexpr std::uint8_t kRelPron = 1, kPrsPron = 2, kPart = 4, kPast = 8, kGer = 16, kInf = 32, kPassVoice = 64,
                                  kPres = 128;  // a finite present ("fires", "fire")

  // Fills the view from a sentence; false if it carries no dependency tree.
  bool build(const Sentence& s);
  // Recomputes children and depths after heads were changed.
  void link();

  struct Range {
    const int* b;
    const int* e;
    const int* begin() const { return b; }
    const int* end() const { return e; }
  };
  Range kids(int x) const {
    return {children.data() + child_begin[static_cast<std::size_t>(x)],
            children.data() + child_begin[static_cast<std::size_t>(x) + 1]};
  }
  bool nominal(int x) const {
    Pos p = pos[static_cast<std::size_t>(x)];
    return p == Pos::Noun || p == Pos::Propn || p == Pos::Pron || p == Pos::Num;
  }
  bool verbal(int x) const { return pos[static_cast<std::size_t>(x)] == Pos::Verb; }
  bool has(int x, std::uint8_t flag) const { return (feat[static_cast<std::size_t>(x)] & flag) != 0; }
  int child(int x, Rel r) const {
    for (int c : kids(x))
      if (rel[static_cast<std::size_t>(c)] == r) return c;
    return -1;
  }
  // The case or mark word of x ("on" in "on Belarus"), or -1.
  int case_of(int x) const {
    for (int c : kids(x)) {
      Rel r = rel[static_cast<std::size_t>(c)];
      if (r == Rel::Case || r == Rel::Mark) return c;
    }
    return -1;
  }
  bool is_ancestor(int a, int x) const {  // a dominates x (or a == x)
    for (int guard = 0; x >= 0 && guard <= n; ++guard) {
      if (x == a) return true;
      x = head[static_cast<std::size_t>(x)];
    }
    return false;
  }
};

}  // namespace kestrel::events_internal
