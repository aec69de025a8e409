#include "events/tree.h"

#include "events/text_util.h"

namespace kestrel::events_internal {
namespace {

Pos map_pos(std::string_view u) {
  switch (u.size()) {
    case 3:
      if (u == "ADJ") return Pos::Adj;
      if (u == "ADP") return Pos::Adp;
      if (u == "ADV") return Pos::Adv;
      if (u == "AUX") return Pos::Aux;
      if (u == "DET") return Pos::Det;
      if (u == "NUM") return Pos::Num;
      if (u == "SYM") return Pos::Sym;
      break;
    case 4:
      if (u == "NOUN") return Pos::Noun;
      if (u == "VERB") return Pos::Verb;
      if (u == "PRON") return Pos::Pron;
      if (u == "PART") return Pos::Part;
      if (u == "CONJ") return Pos::Cconj;  // UD v1
      break;
    case 5:
      if (u == "PROPN") return Pos::Propn;
      if (u == "SCONJ") return Pos::Sconj;
      if (u == "CCONJ") return Pos::Cconj;
      if (u == "PUNCT") return Pos::Punct;
      break;
    default:
      break;
  }
  return Pos::Other;
}

// Relation before the head's part of speech is known (v1 "nmod" is fixed up after).
Rel map_rel(std::string_view d) {
  std::string_view base = d, sub;
  if (auto colon = d.find(':'); colon != std::string_view::npos) {
    base = d.substr(0, colon);
    sub = d.substr(colon + 1);
  }
  if (base == "nsubj") return sub == "pass" ? Rel::NsubjPass : Rel::Nsubj;
  if (base == "nsubjpass") return Rel::NsubjPass;
  if (base == "csubj" || base == "csubjpass") return Rel::Csubj;
  if (base == "obj" || base == "dobj") return Rel::Obj;
  if (base == "iobj") return Rel::Iobj;
  // UD 2.13+ English writes bare noun-phrase adverbials ("today", "last
  // week") as obl:unmarked and a title before a name ("President Bill
  // Clinton") as nmod:desc; read them as the tmod/npmod and compound they
  // were, so trees from either release code alike.
  if (base == "obl") {
    if (sub == "agent") return Rel::OblAgent;
    if (sub == "tmod" || sub == "npmod" || sub == "unmarked") return Rel::OblTmod;
    return Rel::Obl;
  }
  if (base == "nmod") {
    if (sub == "poss") return Rel::NmodPoss;
    if (sub == "agent") return Rel::OblAgent;
    if (sub == "tmod" || sub == "npmod" || sub == "unmarked") return Rel::OblTmod;
    if (sub == "desc") return Rel::Compound;
    return Rel::Nmod;
  }
  if (base == "case") return Rel::Case;
  if (base == "mark") return Rel::Mark;
  if (base == "aux") return sub == "pass" ? Rel::AuxPass : Rel::Aux;
  if (base == "auxpass") return Rel::AuxPass;
  if (base == "cop") return Rel::Cop;
  if (base == "advmod") return Rel::Advmod;
  if (base == "neg") return Rel::Neg;
  if (base == "amod") return Rel::Amod;
  if (base == "compound") return sub == "prt" ? Rel::CompoundPrt : Rel::Compound;
  if (base == "conj") return Rel::Conj;
  if (base == "cc") return Rel::Cc;
  if (base == "xcomp") return Rel::Xcomp;
  if (base == "ccomp") return Rel::Ccomp;
  if (base == "advcl") return Rel::Advcl;
  if (base == "acl") return sub == "relcl" ? Rel::AclRelcl : Rel::Acl;
  if (base == "appos") return Rel::Appos;
  if (base == "flat" || base == "name") return Rel::Flat;
  if (base == "fixed" || base == "mwe") return Rel::Fixed;
  if (base == "det") return sub == "poss" ? Rel::NmodPoss : Rel::Det;
  if (base == "nummod") return Rel::Nummod;
  if (base == "punct") return Rel::Punct;
  if (base == "parataxis") return Rel::Parataxis;
  if (base == "expl") return Rel::Expl;
  if (base == "discourse") return Rel::Discourse;
  if (base == "root") return Rel::Root;
  if (base == "dep") return Rel::Dep;
  return Rel::Other;
}

}  // namespace

bool TreeView::build(const Sentence& s) {
  n = static_cast<int>(s.tokens.size());
  const auto un = static_cast<std::size_t>(n);
  head.assign(un, -1);
  rel.assign(un, Rel::Other);
  pos.assign(un, Pos::Other);
  feat.assign(un, 0);
  lemma.resize(un);
  form.resize(un);
  depth.assign(un, 0);
  bool parsed = false;
  for (std::size_t i = 0; i < un; ++i) {
    const Token& t = s.tokens[i];
    if (t.head >= 0 && t.head <= n) {
      head[i] = t.head - 1;
      if (t.head > 0 || t.deprel == "root") parsed = true;
    }
    rel[i] = map_rel(t.deprel);
    pos[i] = map_pos(t.upos);
    ascii_lower_into(t.lemma.empty() || t.lemma == "_" ? std::string_view(t.form) : std::string_view(t.lemma), lemma[i]);
    ascii_lower_into(t.form, form[i]);
    std::string_view f = t.feats;
    std::uint8_t bits = 0;
    if (f.find("PronType=Rel") != std::string_view::npos) bits |= kRelPron;
    if (f.find("PronType=Prs") != std::string_view::npos) bits |= kPrsPron;
    if (f.find("VerbForm=Part") != std::string_view::npos) bits |= kPart;
    if (f.find("Tense=Past") != std::string_view::npos) bits |= kPast;
    if (f.find("VerbForm=Ger") != std::string_view::npos) bits |= kGer;
    if (f.find("VerbForm=Inf") != std::string_view::npos) bits |= kInf;
    if (f.find("Voice=Pass") != std::string_view::npos) bits |= kPassVoice;
    if (t.xpos == "VBN") bits |= kPart | kPast;
    if (t.xpos == "VBG") bits |= kGer;
    if (t.xpos == "VBZ" || t.xpos == "VBP" ||
        (f.find("Tense=Pres") != std::string_view::npos && f.find("VerbForm=Fin") != std::string_view::npos))
      bits |= kPres;
    if (t.xpos == "WDT" || t.xpos == "WP") bits |= kRelPron;
    feat[i] = bits;
  }
  if (!parsed) return false;
  // Cycles or bad heads from broken input: cut them so every walk ends.
  for (std::size_t i = 0; i < un; ++i) {
    int x = static_cast<int>(i), steps = 0;
    while (x >= 0 && steps <= n) {
      x = head[static_cast<std::size_t>(x)];
      ++steps;
    }
    if (steps > n) head[i] = -1;
  }
  for (std::size_t i = 0; i < un; ++i) {
    // UD v1 used nmod for obliques of predicates too.
    if (rel[i] == Rel::Nmod && head[i] >= 0) {
      Pos hp = pos[static_cast<std::size_t>(head[i])];
      if (hp == Pos::Verb || hp == Pos::Adj || hp == Pos::Aux) rel[i] = Rel::Obl;
    }
  }
  link();
  return true;
}

void TreeView::link() {
  const auto un = static_cast<std::size_t>(n);
  depth.assign(un, 0);
  for (std::size_t i = 0; i < un; ++i) {
    int d = 0;
    for (int x = head[i]; x >= 0 && d <= n; x = head[static_cast<std::size_t>(x)]) ++d;
    depth[i] = d;
  }
  child_begin.assign(un + 1, 0);
  for (std::size_t i = 0; i < un; ++i)
    if (head[i] >= 0) ++child_begin[static_cast<std::size_t>(head[i]) + 1];
  for (std::size_t i = 0; i < un; ++i) child_begin[i + 1] += child_begin[i];
  children.assign(static_cast<std::size_t>(child_begin[un]), 0);
  std::vector<int> fill(child_begin.begin(), child_begin.end() - 1);
  for (std::size_t i = 0; i < un; ++i)
    if (head[i] >= 0) children[static_cast<std::size_t>(fill[static_cast<std::size_t>(head[i])]++)] = static_cast<int>(i);
}

}  // namespace kestrel::events_internal
