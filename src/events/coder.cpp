// The event coder: patterns matched on UD trees (how and why: docs/events.md).
#include <algorithm>
#include <array>
#include <initializer_list>

#include "events/events.h"
#include "events/patterns_impl.h"
#include "events/tree.h"

namespace kestrel {
namespace {

using namespace events_internal;

bool one_of(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list)
    if (w == x) return true;
  return false;
}

std::string_view root_of(std::string_view code) { return code.substr(0, 2); }

// Verbs whose object is not an actor of its own but carries the event
// ("launched an attack", "held talks", "carried out strikes"): their subject
// is the nominal trigger's agent.
bool light_verb(std::string_view l) {
  return one_of(l, {"make",    "hold",    "launch",  "stage",     "conduct",  "carry",    "mount",   "begin",
                    "start",   "continue", "resume", "undertake", "organize", "organise", "have",    "take",
                    "give",    "issue",   "deliver", "wage",      "perform",  "step",     "intensify", "unleash",
                    "pay",     "lodge",   "file",    "level",     "express",  "voice",    "extend",  "initiate",
                    "escalate", "renew",  "commit",  "orchestrate", "execute", "perpetrate"});
}

// The support verbs that perform what their noun names ("carried out /
// launched / staged / organized an attack"): one stands for another.
bool performative_verb(std::string_view l) {
  return one_of(l, {"launch",  "stage",    "conduct", "carry",     "mount",   "begin",   "start",   "continue",
                    "resume",  "undertake", "organize", "organise", "wage",   "perform", "step",    "intensify",
                    "unleash", "escalate", "renew",   "commit",    "execute", "perpetrate", "orchestrate"});
}

// Verbs of promising: their infinitive's subject is their own subject even
// when they have an object ("promised Minsk to help").
bool subject_control(std::string_view l) { return one_of(l, {"promise", "vow", "pledge", "swear", "threaten"}); }

bool future_governor(std::string_view l) {
  // "was preparing to attend" describes what is about to happen; "is
  // prepared to negotiate" (the adjective) is a declared willingness.
  return one_of(l, {"expect", "schedule", "set", "due", "likely", "poise", "slate", "go", "bound", "about", "prepare"});
}
bool intent_governor(std::string_view l) {
  return one_of(l, {"plan",  "intend", "aim",    "want",    "wish",   "hope",     "seek",   "try",
                    "attempt", "prepared", "decide", "agree", "pledge", "promise",  "vow",    "offer",
                    "propose", "consider", "ready", "willing", "determined", "eager", "resolve", "mean",
                    "vote",  "threaten", "plot", "aspire", "push", "move", "work", "strive", "need"});
}
bool ability_governor(std::string_view l) { return one_of(l, {"able", "can", "could", "may", "might", "possible"}); }
// Governors that deny their complement ("failed to reach", "refused to free").
bool negating_governor(std::string_view l) { return one_of(l, {"fail", "refuse", "decline", "neglect", "avoid", "forget"}); }
// Verbs of wanting and planning: what they govern is a declared intention.
bool desire_governor(std::string_view l) {
  return one_of(l, {"want", "wish", "plan", "intend", "aim", "seek", "hope", "desire"});
}
// Verbs that report their subject's own statement.
bool report_verb(std::string_view l) {
  return one_of(l, {"say",   "announce", "declare", "state",    "tell",   "promise", "pledge", "vow",
                    "confirm", "reiterate", "indicate", "signal", "insist", "add",    "stress", "assert",
                    "affirm", "warn",     "threaten", "write",  "note",   "reply",  "respond", "explain"});
}
// Verbs that assert a wrong by someone ("claimed that ISIL had attacked").
bool accusatory_verb(std::string_view l) { return one_of(l, {"claim", "allege", "accuse", "charge", "blame"}); }
// Words for a time: never an actor, never where something was done to.
bool time_noun(std::string_view l) {
  return one_of(l, {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weekend",
                    "day", "hour", "morning", "afternoon", "evening", "night", "month", "year", "time", "today",
                    "yesterday", "tonight", "january", "february", "march", "april", "may", "june", "july",
                    "august", "september", "october", "november", "december"});
}
// Words for the people who lead, speak for or belong to a body: "leaders
// of the opposition" are the opposition, "victims of the regime" are not
// the regime.
bool member_noun(std::string_view l) {
  return one_of(l, {"leader", "head", "chief", "member", "official", "representative", "spokesman", "spokeswoman",
                    "spokesperson", "delegation", "delegate", "envoy", "negotiator", "commander", "fighter",
                    "militant", "supporter", "activist", "chairman", "chairwoman", "director", "officer"});
}
// Verbs that put out a text: its author is their subject ("issued a
// statement", "adopted a resolution"; not "denied reports").
bool text_verb(std::string_view l) {
  return one_of(l, {"issue", "release", "publish", "send", "adopt", "pass", "sign", "write", "deliver", "present",
                    "draft", "table", "submit", "circulate", "approve", "use", "broadcast", "post", "put"});
}
// Texts that say something: what a clause on them says is their author's
// ("a statement condemning", "a resolution calling on").
bool text_noun(std::string_view l) {
  return one_of(l, {"statement", "declaration", "communique", "communiqué", "letter", "note", "message", "report",
                    "resolution", "decree", "petition", "motion", "document", "bill", "memo", "memorandum",
                    "editorial", "manifesto"});
}
// Report verbs that deny their clause ("denied that it had attacked").
bool denying_report(std::string_view l) { return one_of(l, {"deny", "refute", "dismiss"}); }

// Mishaps and natural events: what they kill or destroy was not done by
// whoever their modifiers name ("victims of the Malaysia Airlines crash").
bool incident_noun(std::string_view l) {
  return one_of(l, {"crash", "accident", "collision", "derailment", "disaster", "earthquake", "quake", "flood",
                    "flooding", "storm", "hurricane", "typhoon", "cyclone", "tornado", "landslide", "avalanche",
                    "blaze", "wildfire", "drought", "famine", "epidemic", "outbreak", "heatwave",
                    "stampede", "collapse", "malfunction", "failure", "tsunami", "eruption"});
}

// People who protest: what they destroy is a riot.
bool protester_noun(std::string_view l) {
  return one_of(l, {"protester", "protestor", "demonstrator", "rioter", "mob", "crowd", "marcher", "looter"});
}

// Weapons and other instruments that stand as the "by" agent of a passive
// ("downed by a missile fired by rebels"): whoever used them is the agent.
bool instrument_noun(std::string_view l) {
  return one_of(l, {"missile", "rocket", "bomb", "shell", "mortar", "grenade", "mine", "landmine", "drone",
                    "bullet", "shot", "device", "explosive", "car bomb", "projectile", "torpedo", "artillery",
                    "gunfire", "fire", "weapon", "gun", "rifle", "tank", "vehicle", "truck", "car", "jet",
                    "warplane", "aircraft", "plane", "helicopter"});
}

// Code roots (two digits) with their special treatments.
bool reciprocal_code(std::string_view code) {
  std::string_view r = root_of(code);
  return code == "019" || r == "03" || r == "04" || r == "05" || r == "06" || r == "19";
}
bool place_target_code(std::string_view code) {
  std::string_view r = root_of(code);
  return r == "14" || r == "15" || r == "16" || r == "17" || r == "18" || r == "19" || r == "20" ||
         code == "0813" || code == "0814";  // a curfew or a state of emergency is eased where it holds
}
bool violent_code(std::string_view code) {
  std::string_view r = root_of(code);
  return r == "18" || r == "19" || r == "20";
}
bool wrapper_code(std::string_view code) {
  std::string_view r = root_of(code);
  return r == "01" || r == "03";
}

bool strong_mention(const ActorMention& m) {
  return !m.code.empty() && (!m.country.empty() || !m.entity.empty() || m.code.rfind("---", 0) != 0);
}
bool strong_actor(const EventActor& a) {
  return !a.country.empty() || !a.entity.empty() || a.code.rfind("---", 0) != 0;
}

struct Match {
  std::uint32_t pattern = kNoId;
  int anchor = -1;
  int specificity = -1;
  std::vector<int> used;  // trigger, light verb and the tokens matched by words
  std::vector<int> src, tgt;  // argument heads, best first
  const char* src_role = "";
  const char* tgt_role = "";
  bool reciprocal = false;  // target slot left open for a coordinated subject
};

struct Candidate {
  int trigger = -1;
  Match m;
  bool dropped = false;
  bool negated = false;
  bool desire = false;  // under "wants to", "plans to", ...
  bool predicted = false;  // future only because someone expects it ("is expected to")
  int reporter = -1;    // the verb reporting this clause, if any
  int accuser = -1;     // "claimed"/"alleged" reporting this violence, if any
  Modality modality = Modality::Asserted;
  std::vector<char> region;  // the predicate's phrase (for wrapping)
  std::vector<Event> events;
};

// Scratch reused across calls on one thread.
struct Scratch {
  TreeView tree;
  std::vector<std::uint8_t> present;
  std::vector<int> region_list, queue, word_tok, tmp;
  std::vector<char> region_mark;
  std::vector<Candidate> candidates;
};

class SentenceCoder {
 public:
  SentenceCoder(const EventCoder& coder, const Document& doc, std::uint32_t index, std::span<const ActorMention> mentions,
                Scratch& scratch)
      : coder_(coder),
        idx_(coder.patterns().index()),
        doc_(doc),
        sent_(doc.sentences[index]),
        index_(index),
        mentions_(mentions),
        s_(scratch),
        t_(scratch.tree) {}

  void run(std::vector<Event>& out);

 private:
  const EventCoder& coder_;
  const EventPatterns::Index& idx_;
  const Document& doc_;
  const Sentence& sent_;
  std::uint32_t index_;
  std::span<const ActorMention> mentions_;
  int avoid_[2] = {-1, -1};  // trigger and anchor of the predicate being built
  const Compiled* cur_ = nullptr;  // the pattern being tried (for its trigger's parts)
  Scratch& s_;
  TreeView& t_;

  std::size_t u(int x) const { return static_cast<std::size_t>(x); }
  Rel rel(int x) const { return t_.rel[u(x)]; }
  int head(int x) const { return t_.head[u(x)]; }
  const std::string& lemma(int x) const { return t_.lemma[u(x)]; }

  bool id_is(int x, std::uint32_t id) const {
    const std::size_t i = u(x);
    return id != kNoId &&
           (t_.lemma_id[i] == id || t_.form_id[i] == id || t_.stem_id[i] == id || t_.stem2_id[i] == id);
  }
  bool alt_matches(const Alt& a, int x) const;
  bool word_matches(const Word& w, int x) const {
    for (const Alt& a : w.alts)
      if (alt_matches(a, x)) return true;
    return false;
  }
  bool case_matches(int x, const std::vector<std::uint32_t>& preps) const {
    for (int c : t_.kids(x)) {
      Rel r = rel(c);
      if (r != Rel::Case && r != Rel::Mark) continue;
      for (std::uint32_t p : preps)
        if (id_is(c, p)) return true;
    }
    return false;
  }
  bool case_is(int x, std::string_view word) const {
    for (int c : t_.kids(x))
      if ((rel(c) == Rel::Case || rel(c) == Rel::Mark) && lemma(c) == word) return true;
    // A preposition misattached to the phrase's first modifier ("by a
    // [surface]-to-air missile": "by" hangs on "surface").
    for (int c : t_.kids(x)) {
      if (rel(c) != Rel::Compound && rel(c) != Rel::Amod) continue;
      for (int k : t_.kids(c))
        if (rel(k) == Rel::Case && k < c && lemma(k) == word && t_.child(x, Rel::Case) < 0) return true;
    }
    return false;
  }
  void add_stems(std::size_t i);
  bool preposition_word(const Word& w) const;
  bool inside(int x, int top) const;
  bool covered_by_mention(int x) const;
  std::vector<int>& subject_tokens(int top) const;
  static constexpr int kUnwritten = -2;  // a pattern preposition the text leaves out
  bool passive(int x) const;
  bool nlp_repairs_as_verb(int x) const;
  void subjects_of(int x, std::vector<int>& out, int guard = 0) const;
  int instrument_user(int noun) const;
  int misread_subordinate_subject(int h, int x) const;
  int attack_origin(std::string_view code, int anchor) const;
  bool bound_to_own_subject(const ActorMention& m, int h) const;
  bool own_verb(int x, int anchor, int trigger, const std::vector<int>& matched) const;
  const ActorMention* event_place(const Candidate& c) const;
  std::string event_place_country(const Candidate& c) const;
  bool incident_in_sentence() const;
  void objects_of(int x, std::vector<int>& out) const;
  int raised_patient(int x) const;
  void agents_of_noun(int x, std::vector<int>& out) const;
  bool has_mention(int x) const;
  bool background(int x) const;  // a present-perfect relative clause characterising its noun
  bool topic(int x) const;       // an event noun naming a subject matter ("issues of cooperation")
  bool amount(int x) const;  // a sum, number or percentage ("closed up $2.80")
  // "the two countries", "both sides": two mentions (of different actors)
  // on one head, which stands for a pair as "X and Y" does.
  bool joint(int x) const;
  // A mention that may fill an argument: resolved, in range, and not a mere
  // place ("in Beijing") unless places are wanted.
  bool usable(const ActorMention& m, bool places = false) const {
    return !m.code.empty() && m.first <= m.last && m.last < sent_.tokens.size() && (places || !m.place);
  }
  const ActorMention* explicit_country(int h) const;
  void compute_region(int anchor, std::vector<int>& list, std::vector<char>& mark) const;
  bool purpose_clause(int x) const;
  void try_pattern(std::uint32_t p, int trigger, Match& best);
  bool fill_slot(const Slot& slot, int anchor, int trigger, const std::vector<int>& word_tok, std::vector<int>& out,
                 const char*& role) const;
  void expand_conj(int h, std::vector<int>& out) const;
  bool resolve(int h, std::vector<EventActor>& out, const char* role, int guard = 0) const;
  const ActorMention* of_phrase_body(int h) const;
  void coordinated_modifiers(int h, std::vector<EventActor>& out, std::size_t from) const;
  bool violent_noun(int x) const;
  bool peacekeepers(int x, int depth = 0) const;
  EventActor actor_from(const ActorMention& m, const char* role) const;
  int antecedent(int pron) const;
  void modality_negation(Candidate& c) const;
  void build_events(Candidate& c);
  bool locative(int x) const;
  bool own_possession(int x) const;
  bool verb_trigger(int x) const;
  void repair_hidden_verbs();
  bool same_actor(const EventActor& a, const std::vector<EventActor>& list) const;
  int accusing_verb(int x) const;
  bool complement_of(int outer, int inner) const;
  bool text_clause_of(int outer, int x) const;
  void infer_target(const Candidate& c, const std::string& code, std::uint32_t exclude_first,
                    std::uint32_t exclude_last, const std::string& source_country,
                    std::vector<EventActor>& out) const;
  void place_target(const Candidate& c, std::vector<EventActor>& out) const;
  void conditional_target(const Candidate& c, std::vector<EventActor>& out) const;
  Event make_event(const Candidate& c, const std::string& code) const;
};

bool SentenceCoder::alt_matches(const Alt& a, int x) const {
  if (id_is(x, a.head)) {
    if (!a.particle) return true;
    // "carry_out", "call_for": later parts follow within a few words and
    // hang on the verb (particle) or on one of its dependents (preposition).
    // A later part is the verb's particle ("hand the letter over") or, for a
    // preposition, the very next word ("call for", not "take part in").
    int next = x + 1;
    for (std::size_t k = 1; k < a.parts.size(); ++k) {
      bool found = false;
      for (int y = x + 1; y < t_.n && y <= x + 5; ++y) {
        if (!id_is(y, a.parts[k])) continue;
        int h = head(y);
        Rel r = rel(y);
        bool particle = h == x && (r == Rel::CompoundPrt || r == Rel::Advmod || r == Rel::Xcomp);
        bool adjacent = y == next && (h == x || (h >= 0 && head(h) == x) || (h >= 0 && h > y));
        if (particle || adjacent) {
          found = true;
          next = y + 1;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  // "cease-fire" split into "cease - fire".
  if (a.hyphen && a.parts.size() >= 2 && id_is(x, a.parts.back())) {
    int y = x;
    for (std::size_t k = a.parts.size() - 1; k-- > 0;) {
      if (y < 2 || t_.form[u(y - 1)] != "-" || sent_.tokens[u(y - 1)].start != sent_.tokens[u(y - 2)].end) return false;
      y -= 2;
      if (!id_is(y, a.parts[k])) return false;
    }
    return true;
  }
  return false;
}

// A lemmatizer error ("jailed" -> "jaile", "exercises" -> "exercis") must not
// hide a trigger: strip the regular English endings from the form and keep
// the first two results that are pattern words.
void SentenceCoder::add_stems(std::size_t i) {
  const std::string& f = t_.form[i];
  auto ends = [&](std::string_view e) { return f.size() > e.size() + 2 && f.compare(f.size() - e.size(), e.size(), e) == 0; };
  std::string cand[4];
  int nc = 0;
  auto base = [&](std::size_t cut) { return f.substr(0, f.size() - cut); };
  auto undouble = [](std::string b) {
    if (b.size() >= 3 && b[b.size() - 1] == b[b.size() - 2] && std::string_view("aeiou").find(b.back()) == std::string_view::npos)
      b.pop_back();
    return b;
  };
  if (ends("ies") || ends("ied")) {
    cand[nc++] = base(3) + "y";
  } else if (ends("ing")) {
    cand[nc++] = base(3);
    cand[nc++] = base(3) + "e";
    cand[nc++] = undouble(base(3));
  } else if (ends("ed")) {
    cand[nc++] = base(2);
    cand[nc++] = base(1);
    cand[nc++] = undouble(base(2));
  } else if (ends("es")) {
    cand[nc++] = base(1);
    cand[nc++] = base(2);
  } else if (ends("s")) {
    cand[nc++] = base(1);
  }
  // "re-examine", "co-sponsor"-less forms: the verb after a prefix.
  if (nc == 0) {
    for (std::string_view prefix : {"re-", "co-", "pre-", "counter-"})
      if (f.size() > prefix.size() + 2 && f.compare(0, prefix.size(), prefix) == 0) cand[nc++] = f.substr(prefix.size());
  }
  for (int k = 0; k < nc; ++k) {
    std::uint32_t id = idx_.id(cand[k]);
    if (id == kNoId || id == t_.form_id[i]) continue;
    if (t_.stem_id[i] == kNoId) t_.stem_id[i] = id;
    else if (t_.stem2_id[i] == kNoId && t_.stem_id[i] != id) t_.stem2_id[i] = id;
  }
}

// A pattern word that is only a preposition ("in", "with", "during").
bool SentenceCoder::preposition_word(const Word& w) const {
  for (const Alt& a : w.alts) {
    if (a.particle || a.hyphen) return false;
    bool prep = false;
    for (std::string_view p : {"in", "with", "during", "by", "under", "amid"})
      if (a.head == idx_.id(p)) prep = true;
    if (!prep) return false;
  }
  return !w.alts.empty();
}

// A word inside an actor mention's span ("government forces"), not just
// the noun a country word was headed on ("Israeli strikes").
bool SentenceCoder::covered_by_mention(int x) const {
  for (const ActorMention& m : mentions_)
    if (usable(m, true) && static_cast<int>(m.first) <= x && x <= static_cast<int>(m.last)) return true;
  return false;
}

bool SentenceCoder::inside(int x, int top) const {
  for (int guard = 0; x >= 0 && guard < 32; ++guard, x = head(x))
    if (x == top) return true;
  return false;
}

std::vector<int>& SentenceCoder::subject_tokens(int top) const {
  std::vector<int>& out = s_.tmp;
  out.clear();
  for (int x = 0; x < t_.n; ++x)
    if (x != top && rel(x) != Rel::Punct && inside(x, top)) out.push_back(x);
  out.push_back(top);
  return out;
}

// Whether x is a reduced relative that the NLP stage's repair
// (nlp::repair_reduced_relatives_with_object) makes its noun's finite verb:
// a past participle with a direct object and no auxiliary, marker, copula,
// expletive or subject, an acl of an earlier noun or pronoun that heads a
// clause.
bool SentenceCoder::nlp_repairs_as_verb(int x) const {
  if (rel(x) != Rel::Acl || !t_.verbal(x) || !t_.has(x, TreeView::kPart) || !t_.has(x, TreeView::kPast) ||
      t_.child(x, Rel::Obj) < 0)
    return false;
  const int noun = head(x);
  if (noun < 0 || noun >= x) return false;
  const Pos pn = t_.pos[u(noun)];
  const Rel rn = rel(noun);
  if ((pn != Pos::Noun && pn != Pos::Propn && pn != Pos::Pron) ||
      !(rn == Rel::Root || rn == Rel::Ccomp || rn == Rel::Parataxis))
    return false;
  for (int c : t_.kids(x)) {
    const Rel rc = rel(c);
    if (rc == Rel::Aux || rc == Rel::AuxPass || rc == Rel::Mark || rc == Rel::Cop || rc == Rel::Expl ||
        rc == Rel::Nsubj || rc == Rel::NsubjPass || rc == Rel::Csubj)
      return false;
  }
  return true;
}

bool SentenceCoder::passive(int x) const {
  for (int c : t_.kids(x))
    if (rel(c) == Rel::NsubjPass || rel(c) == Rel::AuxPass) return true;
  // A participle with a direct object is active, whatever its tag says:
  // "Kenyan police detained 40 Somalis, officials said" misread as a reduced
  // relative clause ("police [who were] detained"). The NLP stage already
  // makes such a participle the finite verb when its noun heads a clause
  // (nlp/repair.h), so only the cases it leaves are read here: a noun that
  // is an argument ("police" above), an amod, an auxiliary or marker. (In
  // trees parsed elsewhere, a root noun's -ed participle with an object is
  // made the verb by repair_hidden_verbs.)
  if ((rel(x) == Rel::Acl || rel(x) == Rel::Amod) && t_.child(x, Rel::Obj) >= 0 && !nlp_repairs_as_verb(x))
    return false;
  // An active subject beats the tagger's voice: "Mugabe today accused the
  // United States", "X on Saturday hosted Y" are tagged Voice=Pass after a
  // time word, but a clause with an nsubj and no aux:pass is active.
  if (t_.child(x, Rel::Nsubj) >= 0) return false;
  if (t_.has(x, TreeView::kPassVoice)) return true;
  Rel r = rel(x);
  bool participle = t_.has(x, TreeView::kPart) && t_.has(x, TreeView::kPast);
  if (participle && (r == Rel::Acl || r == Rel::Amod)) return true;
  // "were arrested and charged": a bare participle conjoined to a passive.
  if (participle && r == Rel::Conj && head(x) >= 0 && t_.child(x, Rel::Nsubj) < 0 && t_.child(x, Rel::Aux) < 0)
    return passive(head(x));
  return false;
}

void SentenceCoder::subjects_of(int x, std::vector<int>& out, int guard) const {
  if (guard > 8) return;
  if (passive(x)) {
    for (int c : t_.kids(x))
      if (rel(c) == Rel::OblAgent || ((rel(c) == Rel::Obl || rel(c) == Rel::Nmod) && case_is(c, "by"))) {
        // "blown up by a missile fired by rebels": the instrument's user.
        int user = has_mention(c) || !instrument_noun(lemma(c)) ? -1 : instrument_user(c);
        out.push_back(user >= 0 ? user : c);
        return;
      }
    // "killed in Israeli shelling": the attack's own agent, when a named
    // actor marks it (not "closed in a general strike").
    for (int c : t_.kids(x))
      if ((rel(c) == Rel::Obl || rel(c) == Rel::Nmod) && (case_is(c, "in") || case_is(c, "during")) && violent_noun(c)) {
        for (int k : t_.kids(c)) {
          Rel r = rel(k);
          if (r != Rel::NmodPoss && r != Rel::Amod && r != Rel::Compound && !((r == Rel::Nmod) && case_is(k, "by"))) continue;
          for (const ActorMention& m : mentions_)
            if (usable(m) && strong_mention(m) && static_cast<int>(m.first) <= k && k <= static_cast<int>(m.last)) {
              out.push_back(k);
              return;
            }
        }
      }
    return;
  }
  for (int c : t_.kids(x)) {
    if (rel(c) == Rel::Nsubj || rel(c) == Rel::Csubj) {
      if (t_.has(c, TreeView::kRelPron) && rel(x) == Rel::AclRelcl && head(x) >= 0)
        out.push_back(head(x));
      else
        out.push_back(c);
      return;
    }
  }
  // "it is willing to withdraw" parsed with an expletive "it": a pronoun
  // subject all the same (a true expletive resolves to no actor).
  for (int c : t_.kids(x))
    if (rel(c) == Rel::Expl && t_.pos[u(c)] == Pos::Pron && lemma(c) == "it") {
      out.push_back(c);
      return;
    }
  int h = head(x);
  if (h < 0) return;
  switch (rel(x)) {
    case Rel::Xcomp: {
      if (t_.nominal(h)) {
        agents_of_noun(h, out);
        return;
      }
      int o = t_.child(h, Rel::Obj);
      if (o < 0) o = t_.child(h, Rel::Iobj);
      if (o >= 0 && !subject_control(lemma(h))) {
        out.push_back(o);
        return;
      }
      if (passive(h)) {
        int np = t_.child(h, Rel::NsubjPass);
        if (np >= 0) out.push_back(np);
        return;
      }
      subjects_of(h, out, guard + 1);
      return;
    }
    case Rel::Conj:
      if (t_.verbal(h) || t_.pos[u(h)] == Pos::Adj) {
        if (passive(h) && !passive(x)) {
          int np = t_.child(h, Rel::NsubjPass);
          if (np >= 0) out.push_back(np);
          return;
        }
        subjects_of(h, out, guard + 1);
      }
      return;
    case Rel::Advcl:
      if (t_.has(x, TreeView::kGer) || t_.has(x, TreeView::kInf) || t_.has(x, TreeView::kPart) || case_is(x, "to")) {
        subjects_of(h, out, guard + 1);
        return;
      }
      // A finite clause with neither subject nor conjunction whose
      // subordinator was read as a preposition: "came as the leader
      // prepared to ...", "left after the army arrived" parsed with the
      // noun as an oblique of the main verb. That noun is the subject.
      if (t_.child(x, Rel::Mark) < 0) {
        int o = misread_subordinate_subject(h, x);
        if (o >= 0) out.push_back(o);
      }
      return;
    case Rel::AclRelcl:
      out.push_back(h);
      return;
    case Rel::Appos:
      // A finite verb the parser hung on the noun before it as an apposition
      // ("Libyan leader Gaddafi and President Zhivkov today signed a
      // treaty", the noun phrase made the root): that noun is its subject.
      if (t_.verbal(x) && !t_.has(x, TreeView::kGer) && !t_.has(x, TreeView::kInf) &&
          (t_.has(x, TreeView::kPast) || t_.has(x, TreeView::kPres)) && !t_.has(x, TreeView::kPart) &&
          t_.nominal(h) && h < x)
        out.push_back(h);
      return;
    case Rel::Acl:
      if (t_.has(x, TreeView::kGer) || t_.has(x, TreeView::kInf) || case_is(x, "to") ||
          (t_.has(x, TreeView::kPart) && !t_.has(x, TreeView::kPast)) || !passive(x)) {
        // A text that says what its clause says speaks for its author: "the
        // ministry's statement condemning", "issued a declaration demanding",
        // "adopted a resolution calling on Israel".
        if (t_.pos[u(h)] == Pos::Noun && !has_mention(h) && text_noun(lemma(h))) {
          std::size_t before = out.size();
          agents_of_noun(h, out);
          if (out.size() > before) return;
          if (head(h) >= 0 && text_clause_of(head(h), x)) {
            subjects_of(head(h), out, guard + 1);
            if (out.size() > before) return;
          }
        }
        out.push_back(h);
      }
      return;
    default:
      return;
  }
}

// The place a passive assault (CAMEO 18-20) with no agent was launched
// from: a "from" phrase on the verb naming a country or place, not an
// agent or a building ("attacked from a hospital" says where the attackers
// stood, not who they were), or -1.
int SentenceCoder::attack_origin(std::string_view code, int anchor) const {
  if (!violent_code(code) || t_.nominal(anchor) || !passive(anchor)) return -1;
  auto names_place = [&](int x) {
    for (const ActorMention& m : mentions_)
      if (usable(m, true) && !m.country.empty() && m.sector.empty() &&
          (static_cast<int>(m.head) == x || (static_cast<int>(m.first) <= x && x <= static_cast<int>(m.last))))
        return true;
    return false;
  };
  for (int k : t_.kids(anchor)) {
    if ((rel(k) != Rel::Obl && rel(k) != Rel::Nmod) || !case_is(k, "from")) continue;
    if (names_place(k)) return k;
    // "from Syrian territory", "from Lebanese soil": the country word.
    if (one_of(lemma(k), {"territory", "soil", "side", "airspace", "water", "waters", "border", "area", "region"}))
      for (int c : t_.kids(k))
        if ((rel(c) == Rel::Amod || rel(c) == Rel::Compound || rel(c) == Rel::NmodPoss) && names_place(c)) return c;
  }
  return -1;
}

// The oblique of `h` that ends right before the finite clause `x` and is
// introduced by a word that is also a subordinator ("as", "after",
// "before", "since", "until", "once"), or -1.
int SentenceCoder::misread_subordinate_subject(int h, int x) const {
  for (int c : t_.kids(h)) {
    Rel r = rel(c);
    if ((r != Rel::Obl && r != Rel::Nmod) || c >= x || !t_.nominal(c)) continue;
    bool subordinator = false;
    for (int k : t_.kids(c))
      if (rel(k) == Rel::Case && k < c && one_of(lemma(k), {"as", "after", "before", "since", "until", "once"}))
        subordinator = true;
    if (!subordinator) continue;
    // Every word from the noun to the clause belongs to the noun's phrase.
    bool adjacent = true;
    for (int y = c + 1; y < x && adjacent; ++y) {
      int z = y;
      for (int guard = 0; z >= 0 && z != c && guard < 16; ++guard) z = head(z);
      if (z != c) adjacent = false;
    }
    if (adjacent) return c;
  }
  return -1;
}

// The "by" agent of a participle on an instrument noun ("a missile
// (believed to be) fired by rebels"), or -1.
int SentenceCoder::instrument_user(int noun) const {
  for (int k : t_.kids(noun)) {
    if (rel(k) != Rel::Acl) continue;
    for (int x = k, guard = 0; x >= 0 && guard < 4; ++guard) {
      for (int a : t_.kids(x))
        if (rel(a) == Rel::OblAgent || ((rel(a) == Rel::Obl || rel(a) == Rel::Nmod) && case_is(a, "by"))) return a;
      x = t_.child(x, Rel::Xcomp);
    }
  }
  return -1;
}

// A raised patient: "sanctions are expected to be imposed", "an accord is
// likely to be signed", "talks seem to have been postponed" - a passive
// infinitive with no subject of its own takes the subject of the verb or
// adjective that governs it. -1 when there is none.
int SentenceCoder::raised_patient(int x) const {
  if (t_.child(x, Rel::NsubjPass) >= 0 || !passive(x)) return -1;
  int from = x;
  for (int guard = 0; rel(from) == Rel::Xcomp && head(from) >= 0 && guard < 4; ++guard) {
    int h = head(from);
    int s = t_.child(h, Rel::NsubjPass);
    if (s < 0) s = t_.child(h, Rel::Nsubj);
    if (s >= 0) return s;
    from = h;
  }
  return -1;
}

void SentenceCoder::objects_of(int x, std::vector<int>& out) const {
  if (t_.nominal(x)) {
    // The patient of a nominal: "release of prisoners".
    for (int c : t_.kids(x))
      if ((rel(c) == Rel::Nmod) && case_is(c, "of")) out.push_back(c);
    return;
  }
  if (passive(x)) {
    int np = t_.child(x, Rel::NsubjPass);
    if (np >= 0) {
      out.push_back(t_.has(np, TreeView::kRelPron) && rel(x) == Rel::AclRelcl && head(x) >= 0 ? head(x) : np);
      return;
    }
    Rel r = rel(x);
    if ((r == Rel::Acl || r == Rel::Amod || r == Rel::AclRelcl) && head(x) >= 0) {
      out.push_back(head(x));
      return;
    }
    if (r == Rel::Conj && head(x) >= 0) {
      int hp = t_.child(head(x), Rel::NsubjPass);
      if (hp >= 0) out.push_back(hp);
    }
    int raised = raised_patient(x);
    if (raised >= 0) out.push_back(raised);
    return;
  }
  int io = t_.child(x, Rel::Iobj);
  int o = t_.child(x, Rel::Obj);
  if (io >= 0) out.push_back(io);
  // An amount is no patient: "oil closed up $2.80", "the index closed down
  // 7.9%", "shares fell 5 points" say how much, not to whom.
  if (o >= 0 && amount(o)) return;
  if (o >= 0) {
    out.push_back(t_.has(o, TreeView::kRelPron) && rel(x) == Rel::AclRelcl && head(x) >= 0 ? head(x) : o);
    return;
  }
  if (io >= 0) return;
  if (rel(x) == Rel::AclRelcl && head(x) >= 0 && t_.child(x, Rel::Nsubj) >= 0) {
    out.push_back(head(x));  // "the town that the rebels attacked"
    return;
  }
  if (rel(x) == Rel::Conj && head(x) >= 0) {
    int ho = t_.child(head(x), Rel::Obj);  // "arrested and charged ten men"
    if (ho > x) out.push_back(ho);
  }
}

// An event noun that names the subject matter of another noun ("documents
// on issues of cooperation between the two countries", "questions of
// security", "cooperation issues") is a topic, not an event the sentence
// reports.
bool SentenceCoder::topic(int x) const {
  if (x < 0 || !t_.nominal(x)) return false;
  while (rel(x) == Rel::Conj && head(x) >= 0) x = head(x);
  const int h = head(x);
  if (h < 0 || !t_.nominal(h)) return false;
  const bool of = rel(x) == Rel::Nmod && case_is(x, "of");
  const bool compound = rel(x) == Rel::Compound && h > x;
  return (of || compound) && one_of(lemma(h), {"issue", "question", "matter", "area", "field", "sphere", "topic",
                                               "aspect", "subject", "theme", "agenda", "domain"});
}

// A relative clause in the present perfect that describes its noun as the
// doer ("the militant group that has seized parts of Iraq", "Hamas, which
// has fired thousands of rockets") characterises the actor: background the
// article repeats, not the news it reports. A clause dated by the sentence
// ("that has seized the town on Monday", "which has just attacked") is news.
// So is a habit in the simple present ("the rockets it fires at Israel",
// "Turkey, which occupies northern Cyprus"), whoever its subject.
bool SentenceCoder::background(int x) const {
  while (x >= 0 && rel(x) == Rel::Conj) x = head(x);
  if (x < 0 || rel(x) != Rel::AclRelcl) return false;
  bool perfect = false, rel_subject = false;
  for (int k : t_.kids(x)) {
    Rel r = rel(k);
    if (r == Rel::Aux && (t_.form[u(k)] == "has" || t_.form[u(k)] == "have")) perfect = true;
    if ((r == Rel::Nsubj) && t_.has(k, TreeView::kRelPron)) rel_subject = true;
    if (r == Rel::OblTmod) return false;
    if (r == Rel::Advmod && one_of(lemma(k), {"just", "recently", "now", "today", "yesterday", "tonight", "already"}))
      return false;
    if ((r == Rel::Obl || r == Rel::Nmod) && time_noun(lemma(k))) return false;
  }
  if (perfect && rel_subject && t_.has(x, TreeView::kPart)) return true;
  // A simple present with no auxiliary is a habit: "the rockets it fires at
  // Israel", "a group that attacks convoys".
  bool aux = false;
  for (int k : t_.kids(x))
    if (rel(k) == Rel::Aux || rel(k) == Rel::AuxPass || rel(k) == Rel::Cop) aux = true;
  // Verbs whose past is their present ("who quit the party") are no habit.
  if (one_of(t_.form[u(x)], {"quit", "put", "set", "cut", "hit", "let", "shut", "spread", "cast", "hurt", "split",
                              "upset", "bid", "broadcast", "forecast", "read", "beat", "cost", "burst", "thrust"}))
    return false;
  return !aux && t_.has(x, TreeView::kPres) && !t_.has(x, TreeView::kPast);
}

bool SentenceCoder::amount(int x) const {
  Pos p = t_.pos[u(x)];
  if (p == Pos::Sym) return !has_mention(x);  // "$", "%", "£" (a bare number may count people: "arrested 30")
  return one_of(lemma(x), {"%", "percent", "pct", "point", "pence", "penny", "cent"}) && t_.child(x, Rel::Nummod) >= 0;
}

bool SentenceCoder::has_mention(int x) const {
  for (const ActorMention& m : mentions_)
    if (usable(m) && (static_cast<int>(m.head) == x || (static_cast<int>(m.first) <= x && x <= static_cast<int>(m.last))))
      return true;
  return false;
}

bool SentenceCoder::joint(int x) const {
  const ActorMention* one = nullptr;
  for (const ActorMention& m : mentions_) {
    if (!usable(m) || static_cast<int>(m.head) != x) continue;
    if (one && one->code != m.code && one->first == m.first && one->last == m.last) return true;
    if (!one) one = &m;
  }
  return false;
}

// A country named right on the argument ("Iraq's adviser", "the adviser of
// Iraq"): it beats a country the matcher only guessed from the document.
const ActorMention* SentenceCoder::explicit_country(int h) const {
  for (int c : t_.kids(h)) {
    Rel r = rel(c);
    bool ok = r == Rel::NmodPoss || r == Rel::Compound || r == Rel::Amod ||
              (r == Rel::Nmod && (case_is(c, "of") || case_is(c, "from")));
    if (!ok) continue;
    for (const ActorMention& m : mentions_)
      if (usable(m, true) && !m.country.empty() && m.sector.empty() &&
          (static_cast<int>(m.head) == c || (static_cast<int>(m.first) <= c && c <= static_cast<int>(m.last))))
        return &m;
  }
  return nullptr;
}

void SentenceCoder::agents_of_noun(int x, std::vector<int>& out) const {
  for (int c : t_.kids(x)) {
    Rel r = rel(c);
    if (r == Rel::NmodPoss || r == Rel::Nsubj || r == Rel::OblAgent) out.push_back(c);
    else if ((r == Rel::Nmod || r == Rel::Obl) && case_is(c, "by")) out.push_back(c);
  }
  // "Israeli shelling", "a US air strike": an actor modifying the event noun.
  for (int c : t_.kids(x)) {
    Rel r = rel(c);
    if ((r == Rel::Amod || r == Rel::Compound) && has_mention(c)) out.push_back(c);
  }
}

bool SentenceCoder::purpose_clause(int x) const {
  for (int c : t_.kids(x))
    if (rel(c) == Rel::Mark) return one_of(lemma(c), {"to", "of", "for", "by", "in", "into", "from", "against"});
  return t_.has(x, TreeView::kInf);
}

void SentenceCoder::compute_region(int anchor, std::vector<int>& list, std::vector<char>& mark) const {
  list.clear();
  mark.assign(u(t_.n), 0);
  list.push_back(anchor);
  mark[u(anchor)] = 1;
  // The patient of a passive infinitive stands on the verb governing it.
  int raised = raised_patient(anchor);
  if (raised >= 0) {
    list.push_back(raised);
    mark[u(raised)] = 1;
  }
  for (std::size_t q = 0; q < list.size(); ++q) {
    int x = list[q];
    for (int c : t_.kids(x)) {
      Rel r = rel(c);
      if (r == Rel::Punct || r == Rel::Parataxis || r == Rel::Discourse || r == Rel::AclRelcl) continue;
      if (x == anchor && (r == Rel::Nsubj || r == Rel::Csubj || r == Rel::Conj || r == Rel::Cc)) continue;
      if (r == Rel::Advcl && !purpose_clause(c)) continue;
      if (mark[u(c)]) continue;
      mark[u(c)] = 1;
      list.push_back(c);
    }
  }
}

bool SentenceCoder::fill_slot(const Slot& slot, int anchor, int trigger, const std::vector<int>& word_tok,
                              std::vector<int>& out, const char*& role) const {
  out.clear();
  switch (slot.role) {
    case SlotRole::None:
      return true;
    case SlotRole::Subject:
      role = "subject";
      if (t_.nominal(anchor)) {
        agents_of_noun(anchor, out);
        role = "agent";
      } else {
        subjects_of(anchor, out);
        if (passive(anchor)) role = "agent";
      }
      break;
    case SlotRole::Object: {
      role = "object";
      int x = slot.of_word < 0 || word_tok[u(slot.of_word)] < 0 ? trigger : word_tok[u(slot.of_word)];
      if (x == trigger && anchor != trigger && t_.nominal(trigger)) x = anchor;
      objects_of(x, out);
      // "called on Israel to ...": a prepositional verb written with its
      // preposition ("call_on") takes that preposition's noun as object.
      if (out.empty() && x == trigger && cur_ && t_.verbal(x) && x + 1 < t_.n && rel(x + 1) == Rel::Case) {
        int noun = head(x + 1);
        if (noun >= 0 && head(noun) == x && (rel(noun) == Rel::Obl || rel(noun) == Rel::Nmod))
          for (const Alt& a : cur_->trigger)
            if (a.particle && a.parts.size() == 2 && id_is(x, a.parts[0]) && id_is(x + 1, a.parts[1])) {
              out.push_back(noun);
              break;
            }
      }
      // "said (that) Libya must hand over": no object, but a pattern word
      // stands in the verb's complement clause, whose subject is the target.
      if (out.empty() && t_.verbal(x)) {
        for (int w : word_tok) {
          if (w < 0 || rel(w) == Rel::Mark) continue;  // "that" itself says nothing of the clause
          int y = w, below = -1;
          for (int guard = 0; y >= 0 && y != x && guard < 16; ++guard) below = y, y = head(y);
          if (y == x && below >= 0 && rel(below) == Rel::Ccomp) {
            for (int k : t_.kids(below))
              if (rel(k) == Rel::Nsubj || rel(k) == Rel::NsubjPass) out.push_back(k);
            if (!out.empty()) break;
          }
        }
      }
      break;
    }
    case SlotRole::Possessor: {
      role = "agent";
      int x = slot.of_word < 0 || word_tok[u(slot.of_word)] < 0 ? trigger : word_tok[u(slot.of_word)];
      for (int c : t_.kids(x))
        if (rel(c) == Rel::NmodPoss) out.push_back(c);
      for (int c : t_.kids(x))
        if (rel(c) == Rel::Compound && has_mention(c)) out.push_back(c);
      break;
    }
    case SlotRole::Oblique: {
      role = "oblique";
      // The agent of a passive verb is its subject, not a "by" phrase of the
      // pattern ("the proposal was rejected by India" is India rejecting,
      // not a proposal by India).
      const bool passive_verb = t_.verbal(anchor) && passive(anchor);
      auto ok = [&](int c) {
        Rel r = rel(c);
        if (passive_verb && head(c) == anchor && (r == Rel::OblAgent || case_is(c, "by"))) return false;
        if (r == Rel::OblAgent) return std::find(slot.preps.begin(), slot.preps.end(), idx_.id("by")) != slot.preps.end();
        if (r != Rel::Obl && r != Rel::Nmod && r != Rel::Advcl && r != Rel::Acl) return false;
        // A word of the pattern is not its slot: "contribute up to 4,000
        // troops to a force" ("troops" parsed as a "to" oblique).
        if (std::find(word_tok.begin(), word_tok.end(), c) != word_tok.end()) return false;
        // A date is no target: "eased restrictions on Thursday" leaves the
        // "on" slot open, so a pattern without it can code the easing. (A
        // date the parser made the head of a name, "with President Bashar
        // Assad Tuesday", still holds the name.)
        if (time_noun(lemma(c)) && std::none_of(t_.kids(c).begin(), t_.kids(c).end(), [&](int k) {
              return (rel(k) == Rel::Compound || rel(k) == Rel::Flat || rel(k) == Rel::Amod) && has_mention(k);
            }))
          return false;
        return (t_.nominal(c) || t_.pos[u(c)] == Pos::Adj) && case_matches(c, slot.preps);
      };
      auto from_kids = [&](int x) {
        for (int c : t_.kids(x))
          if (ok(c) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
      };
      // Obliques of the predicate, of its words, of its object, and down its
      // chain of infinitives; not of any noun deep inside the phrase.
      from_kids(anchor);
      if (trigger != anchor) from_kids(trigger);
      for (int w : word_tok)
        if (w >= 0) from_kids(w);
      if (out.empty()) {
        for (int x = anchor, guard = 0; x >= 0 && guard < 6; ++guard) {
          for (int c : t_.kids(x))
            if (rel(c) == Rel::Obj || rel(c) == Rel::Iobj || rel(c) == Rel::NsubjPass) from_kids(c);
          int next = t_.child(x, Rel::Xcomp);
          if (next >= 0) from_kids(next);
          x = next;
        }
      }
      // "TGT [die] in SRC custody|attack": the slot stands before a word of
      // the pattern inside that phrase, so it is the actor modifying that
      // word ("died in Israeli custody", "in a Russian missile attack").
      if (out.empty() && slot.of_word >= 0 && word_tok[u(slot.of_word)] >= 0) {
        const int w = word_tok[u(slot.of_word)];
        int top = w;  // the phrase's head noun: "missile" is a compound of "attack"
        while (top != anchor && top != trigger && head(top) >= 0 && rel(top) == Rel::Compound &&
               std::find(word_tok.begin(), word_tok.end(), head(top)) != word_tok.end())
          top = head(top);
        const int h = head(top);
        const bool own_phrase = (rel(top) == Rel::Obl || rel(top) == Rel::Nmod) && case_matches(top, slot.preps) &&
                                (h == anchor || h == trigger);
        if (own_phrase)
          for (int x : {top, w})
            for (int c : t_.kids(x)) {
              Rel r = rel(c);
              if ((r == Rel::NmodPoss || r == Rel::Amod || r == Rel::Compound) && has_mention(c) &&
                  std::find(word_tok.begin(), word_tok.end(), c) == word_tok.end() &&
                  std::find(out.begin(), out.end(), c) == out.end())
                out.push_back(c);
            }
      }
      break;
    }
    case SlotRole::ClauseSubject: {
      role = "subject";
      int mark = slot.of_word < 0 ? -1 : word_tok[u(slot.of_word)];
      if (mark >= 0 && head(mark) >= 0) subjects_of(head(mark), out);
      break;
    }
    case SlotRole::BetweenFirst:
    case SlotRole::BetweenSecond: {
      role = "oblique";
      const auto between = [&](int x) { return (rel(x) == Rel::Nmod || rel(x) == Rel::Obl) && case_is(x, "between"); };
      // Not on a noun that names the circumstances ("signed amid tension
      // between X and Y", "met despite the rivalry between"): those pairs
      // are the background, not the parties.
      const auto own = [&](int x) {
        int h = head(x);
        if (h < 0 || h == anchor || h == trigger || std::find(word_tok.begin(), word_tok.end(), h) != word_tok.end())
          return true;
        for (std::string_view p : {"amid", "amidst", "despite", "after", "following", "because", "over", "during"})
          if (case_is(h, p)) return false;
        return true;
      };
      int pair = -1;
      for (int x : s_.region_list)
        if (between(x) && own(x)) {
          pair = x;
          break;
        }
      // A verb with no agent ("documents are expected to be signed, which
      // touch on cooperation between the two countries"): the pair may be
      // named in a clause its patient or its verb carries (a relative or
      // parenthetical clause), though never in its obliques or adverbial
      // clauses ("signed amid tension between X and Y").
      if (pair < 0 && !t_.nominal(anchor) && passive(anchor)) {
        std::vector<int> todo;
        // An adverbial clause whose subject is a relative pronoun is a
        // relative clause the parser hung on the verb ("..., which touch on").
        const auto relative = [&](int c) {
          int subj = t_.child(c, Rel::Nsubj);
          return rel(c) == Rel::AclRelcl || (rel(c) == Rel::Advcl && subj >= 0 && t_.has(subj, TreeView::kRelPron));
        };
        for (int v = anchor, guard = 0; v >= 0 && guard < 4; ++guard) {
          for (int c : t_.kids(v))
            if (rel(c) == Rel::Parataxis || rel(c) == Rel::NsubjPass || relative(c)) todo.push_back(c);
          if (rel(v) != Rel::Xcomp) break;
          v = head(v);
        }
        for (std::size_t q = 0; q < todo.size() && pair < 0 && q < 256; ++q) {
          if (between(todo[q])) pair = todo[q];
          for (int c : t_.kids(todo[q])) todo.push_back(c);
        }
      }
      if (pair < 0) break;
      if (slot.role == SlotRole::BetweenFirst) {
        out.push_back(pair);
      } else {
        int c = t_.child(pair, Rel::Conj);
        if (c >= 0) out.push_back(c);
        else if (joint(pair)) out.push_back(pair);  // "between the two countries"
      }
      break;
    }
  }
  return !out.empty();
}

// A verb of the pattern must be the predicate's own, not one governed by
// another verb on the way ("threatened to veto any move to impose
// sanctions" is no threat to impose them); coordinated verbs are one
// predicate ("threatened to block and impose").
bool SentenceCoder::own_verb(int x, int anchor, int trigger, const std::vector<int>& matched) const {
  if (!t_.verbal(x) || x == anchor || x == trigger) return true;
  // A "verb" in a nominal function is a tagging slip ("undertake joint
  // military exercises" with "exercises" tagged VERB): a noun.
  Rel rx = rel(x);
  if (rx == Rel::Obj || rx == Rel::Iobj || rx == Rel::Nsubj || rx == Rel::NsubjPass || rx == Rel::Obl ||
      rx == Rel::Nmod)
    return true;
  int prev = x;
  for (int y = head(x), guard = 0; y >= 0 && y != anchor && y != trigger && guard < 16; prev = y, y = head(y), ++guard)
    if (t_.verbal(y) && rel(prev) != Rel::Conj && std::find(matched.begin(), matched.end(), y) == matched.end())
      return false;
  return true;
}

void SentenceCoder::try_pattern(std::uint32_t p, int trigger, Match& best) {
  const Compiled& c = idx_.compiled[p];
  cur_ = &c;
  bool trig = false;
  for (const Alt& a : c.trigger)
    if (alt_matches(a, trigger)) trig = true;
  if (!trig) return;
  if (c.noun ? !(t_.pos[u(trigger)] == Pos::Noun || t_.pos[u(trigger)] == Pos::Propn) : !t_.verbal(trigger)) return;
  // "is going to export goods to Spain": "going to" with an infinitive is
  // the future of that verb, not a journey (the infinitive's own patterns
  // code it, with "go" as its future marker).
  if (!c.noun && lemma(trigger) == "go" && t_.form[u(trigger)] == "going")
    for (int k : t_.kids(trigger))
      if ((rel(k) == Rel::Xcomp || rel(k) == Rel::Advcl) && t_.verbal(k) && t_.has(k, TreeView::kInf) &&
          case_is(k, "to"))
        return;
  // "An Israeli air strike killed ten people": an attack noun as the subject
  // of a verb of harm reads as "killed ten people in an air strike" - the
  // pattern's words may stand in the subject, its preposition unwritten.
  int attack_subject = -1;
  if (!c.noun && !passive(trigger))
    for (int k : t_.kids(trigger))
      if (rel(k) == Rel::Nsubj && violent_noun(k) && !covered_by_mention(k)) attack_subject = k;
  // Cheap rejection: every word must occur somewhere in the sentence.
  for (const Word& w : c.words) {
    if (w.light) continue;  // any support verb may stand in for the listed ones
    if (attack_subject >= 0 && preposition_word(w)) continue;
    bool any = false;
    for (const Alt& a : w.alts)
      if (a.head < s_.present.size() && s_.present[a.head]) any = true;
    if (!any) return;
  }
  const EventPattern& pat = coder_.patterns().pattern(p);
  int anchors[2] = {-1, trigger};
  if (c.noun && head(trigger) >= 0) {
    Rel r = rel(trigger);
    int g = head(trigger);
    if ((r == Rel::Obj || r == Rel::Obl || r == Rel::NsubjPass || r == Rel::Xcomp) && t_.verbal(g)) anchors[0] = g;
    // "Sanctions are expected to be imposed": the noun is the raised patient
    // of the passive infinitive, whose verb is the one that acts on it.
    for (int y = anchors[0] >= 0 ? t_.child(anchors[0], Rel::Xcomp) : -1, guard = 0; y >= 0 && guard < 4; ++guard) {
      if (!t_.verbal(y) || raised_patient(y) != trigger) break;
      anchors[0] = y;
      y = t_.child(y, Rel::Xcomp);
    }
  }
  for (int anchor : anchors) {
    if (anchor < 0) continue;
    compute_region(anchor, s_.region_list, s_.region_mark);
    // Words: each on its own token of the phrase, preferring the side of
    // the trigger it was written on.
    std::vector<int>& word_tok = s_.word_tok;
    word_tok.assign(c.words.size(), -1);
    bool ok = true;
    // In an active main clause the words stand on the side of the trigger
    // they were written on ("held a meeting with", not "In Beijing ...
    // held"); passives and relative clauses move them ("sanctions were
    // imposed", "the sanctions it imposed").
    const bool free_order = passive(anchor) || passive(trigger) || rel(anchor) == Rel::AclRelcl ||
                            rel(trigger) == Rel::AclRelcl || rel(anchor) == Rel::Acl;
    for (std::size_t k = 0; k < c.words.size() && ok; ++k) {
      const Word& w = c.words[k];
      int found = -1;
      for (int pass = 0; pass < (free_order ? 2 : 1) && found < 0; ++pass) {
        for (int x : s_.region_list) {
          if (x == trigger) continue;
          if (pass == 0 && (x < trigger) != w.before_trigger) continue;
          if (std::find(word_tok.begin(), word_tok.end(), x) != word_tok.end()) continue;
          // The support verbs a nominal pattern lists stand for all of them:
          // "organized a drone attack" is "launched" one.
          bool support = x == anchor && anchor != trigger && w.light && performative_verb(lemma(x));
          if (!support && !own_verb(x, anchor, trigger, word_tok)) continue;
          // A place preposition of a date is not the pattern's: "welcomed at
          // the time" is no welcoming "at" a place, "insisted on Wednesday"
          // no insisting "on" anything ("gave Iraq until Friday" keeps its
          // "until").
          if (rel(x) == Rel::Case && one_of(lemma(x), {"at", "in", "on"}) && head(x) >= 0 &&
              time_noun(lemma(head(x))))
            continue;
          if (support || word_matches(w, x)) {
            found = x;
            break;
          }
        }
      }
      if (found < 0 && attack_subject >= 0 && anchor == trigger) {
        for (int x : subject_tokens(attack_subject)) {
          if (std::find(word_tok.begin(), word_tok.end(), x) != word_tok.end()) continue;
          if (word_matches(w, x)) {
            found = x;
            break;
          }
        }
        if (found < 0 && preposition_word(w)) found = kUnwritten;
      }
      if (found == -1) ok = false;
      word_tok[k] = found;
    }
    if (!ok) continue;
    // A discard naming a mishap as the doer ("--- fire|storm|... [wound] *")
    // does not apply when that doer has an actor of its own: "wounded by
    // Israeli fire", "by fire from Israeli troops" is gunfire, not a blaze.
    if (pat.discard()) {
      bool owned = false;
      for (int x : word_tok) {
        if (x < 0 || (head(x) != anchor && head(x) != trigger)) continue;
        Rel r = rel(x);
        if (!(r == Rel::Nsubj || r == Rel::OblAgent || ((r == Rel::Obl || r == Rel::Nmod) && case_is(x, "by")))) continue;
        for (int k : t_.kids(x)) {
          Rel rk = rel(k);
          if (rk != Rel::Amod && rk != Rel::Compound && rk != Rel::NmodPoss &&
              !(rk == Rel::Nmod && (case_is(k, "from") || case_is(k, "by"))))
            continue;
          for (const ActorMention& m : mentions_)
            if (usable(m) && strong_mention(m) && static_cast<int>(m.first) <= k && k <= static_cast<int>(m.last))
              owned = true;
        }
      }
      if (owned) continue;
    }
    // An unwritten preposition needs the rest of its phrase in the subject.
    if (std::find(word_tok.begin(), word_tok.end(), kUnwritten) != word_tok.end()) {
      bool in_subject = false;
      for (int w : word_tok)
        if (w >= 0 && inside(w, attack_subject)) in_subject = true;
      if (!in_subject) continue;
    }
    if (anchor != trigger && std::find(word_tok.begin(), word_tok.end(), anchor) == word_tok.end() &&
        !light_verb(lemma(anchor)))
      continue;
    Match m;
    m.pattern = p;
    m.anchor = anchor;
    m.specificity = c.specificity;
    if (!fill_slot(c.source, anchor, trigger, word_tok, m.src, m.src_role)) {
      // "rockets were fired at the town from Lebanon": a passive attack with
      // no agent comes from where it was launched (the place's country).
      int origin = c.source.role == SlotRole::Subject ? attack_origin(pat.code, anchor) : -1;
      if (origin >= 0) {
        m.src = {origin};
        m.src_role = "origin";
      } else if (c.source.role == SlotRole::Subject && violent_code(pat.code) && t_.verbal(anchor) &&
                 passive(anchor)) {
        // "ten soldiers were killed in Ukraine": nobody named at all; the
        // event takes the place's unidentified force, or is dropped.
        m.src_role = "agent";
      } else {
        continue;
      }
    }
    if (!fill_slot(c.target, anchor, trigger, word_tok, m.tgt, m.tgt_role)) {
      // "X and Y met", "signed an agreement": the coordinated subjects are
      // each other's partners.
      bool open = (c.target.role == SlotRole::Object ||
                   (c.target.role == SlotRole::Oblique &&
                    std::find(c.target.preps.begin(), c.target.preps.end(), idx_.id("with")) != c.target.preps.end()));
      // Active subjects only: "a petition backed by France and Britain" does
      // not make France and Britain back each other.
      bool coordinated = !m.src.empty() && (t_.child(m.src.front(), Rel::Conj) >= 0 || joint(m.src.front())) &&
                         !passive(anchor);
      if (!(open && coordinated && !pat.discard() && reciprocal_code(pat.code))) continue;
      m.reciprocal = true;
    }
    // Best: most words, then a discard, then the longer code, then the earlier line.
    auto rank = [&](const Match& x) {
      const EventPattern& xp = coder_.patterns().pattern(x.pattern);
      return std::array<int, 3>{x.specificity, xp.discard() ? 9 : static_cast<int>(xp.code.size()),
                                -static_cast<int>(x.pattern)};
    };
    if (best.pattern == kNoId || rank(m) > rank(best)) {
      m.used.push_back(trigger);
      if (anchor != trigger) m.used.push_back(anchor);
      for (int w : word_tok)
        if (w >= 0 && std::find(m.used.begin(), m.used.end(), w) == m.used.end()) m.used.push_back(w);
      best = std::move(m);
    }
  }
}

void SentenceCoder::expand_conj(int h, std::vector<int>& out) const {
  out.push_back(h);
  for (std::size_t i = out.size() - 1; i < out.size(); ++i)
    for (int c : t_.kids(out[i]))
      if (rel(c) == Rel::Conj && t_.nominal(c) && out.size() < 16) out.push_back(c);
  // "Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov"
  // parsed with the second name coordinated inside the first's apposition:
  // a title and its bearer are one member, the coordinated name another.
  if (t_.pos[u(h)] == Pos::Noun)
    for (int a : t_.kids(h))
      if (rel(a) == Rel::Appos && t_.pos[u(a)] == Pos::Propn)
        for (int c : t_.kids(a))
          if (rel(c) == Rel::Conj && t_.nominal(c) && out.size() < 16) out.push_back(c);
}

EventActor SentenceCoder::actor_from(const ActorMention& m, const char* role) const {
  EventActor a;
  a.text = m.text;
  a.code = m.code;
  a.country = m.country;
  a.sector = m.sector;
  a.entity = m.entity;
  a.kind = m.kind;
  a.first = m.first;
  a.last = m.last;
  a.start = sent_.tokens[m.first].start;
  a.end = sent_.tokens[m.last].end;
  a.coreferent = m.coreferent;
  a.resolved_by = m.resolved_by;
  a.role = role;
  return a;
}

// "US and British activists": the mention covers "British activists"; the
// coordinated country word before it makes a second actor of the same kind.
void SentenceCoder::coordinated_modifiers(int h, std::vector<EventActor>& out, std::size_t from) const {
  if (from >= out.size()) return;
  const EventActor found = out[from];
  auto inside = [&](int x) { return static_cast<int>(found.first) <= x && x <= static_cast<int>(found.last); };
  auto seen = [&](const std::string& country) {
    for (std::size_t i = from; i < out.size(); ++i)
      if (out[i].country == country) return true;
    return false;
  };
  for (int c : t_.kids(h)) {
    if (rel(c) != Rel::Compound && rel(c) != Rel::Amod) continue;
    if (inside(c)) {
      // The covered modifier may head the coordination: "British and US activists".
      for (int k : t_.kids(c)) {
        if (rel(k) != Rel::Conj || inside(k)) continue;
        // The conjunct may be a mention of its own with the head noun's
        // sector ("US and British activists" parsed as US <-conj- British:
        // "British activists" is GBROPP): its country counts.
        for (const ActorMention& m : mentions_)
          if ((static_cast<int>(m.head) == k || (static_cast<int>(m.first) == k && m.last > m.first)) &&
              !m.country.empty() && usable(m, true) && !seen(m.country)) {
            EventActor a = found;
            a.code = m.country + found.sector;
            a.country = m.country;
            a.text = m.text;
            a.first = a.last = static_cast<std::uint32_t>(k);
            a.start = sent_.tokens[u(k)].start;
            a.end = sent_.tokens[u(k)].end;
            out.push_back(std::move(a));
          }
      }
      continue;
    }
    bool linked = false;
    for (int k : t_.kids(c))
      if (rel(k) == Rel::Conj && inside(k)) linked = true;
    if (!linked) continue;
    for (const ActorMention& m : mentions_) {
      if (static_cast<int>(m.head) != c || m.country.empty() || m.code.size() > 3) continue;
      EventActor a = found;
      a.code = m.country + found.sector;
      a.country = m.country;
      a.text = m.text;
      a.first = a.last = static_cast<std::uint32_t>(c);
      a.start = sent_.tokens[u(c)].start;
      a.end = sent_.tokens[u(c)].end;
      out.push_back(std::move(a));
    }
  }
}

// A noun that is itself the trigger of an assault pattern ("shelling",
// "air strike"): used as the instrument-agent of a passive ("killed in
// Israeli shelling").
bool SentenceCoder::violent_noun(int x) const {
  if (!t_.nominal(x)) return false;
  for (std::uint32_t id : {t_.lemma_id[u(x)], t_.form_id[u(x)], t_.stem_id[u(x)], t_.stem2_id[u(x)]})
    if (id != kNoId && id < idx_.violent.size() && idx_.violent[id]) return true;
  return false;
}

// A peacekeeping force: "peacekeepers", "peacekeeping troops", "a
// contingent of peacekeepers", "the deployment of UN peacekeeping troops".
bool SentenceCoder::peacekeepers(int x, int depth) const {
  const auto word = [&](int k) { return one_of(lemma(k), {"peacekeeper", "peace-keeper", "peacekeepers", "peacekeeping", "peace-keeping"}); };
  if (!t_.nominal(x)) return false;
  if (word(x)) return true;
  for (int k : t_.kids(x)) {
    Rel r = rel(k);
    if ((r == Rel::Amod || r == Rel::Compound) && word(k)) return true;
    if (depth == 0 && r == Rel::Nmod && case_is(k, "of") && peacekeepers(k, 1)) return true;
  }
  return false;
}

int SentenceCoder::antecedent(int pron) const {
  int c = head(pron);
  for (int guard = 0; c >= 0 && guard < 8; ++guard) {
    Rel r = rel(c);
    if (r != Rel::Ccomp && r != Rel::Xcomp && r != Rel::Advcl && r != Rel::Conj && r != Rel::Parataxis) break;
    int p = head(c);
    if (p < 0) break;
    for (int s : t_.kids(p)) {
      if ((rel(s) == Rel::Nsubj || rel(s) == Rel::NsubjPass) && s != pron && t_.pos[u(s)] != Pos::Pron) return s;
    }
    c = p;
  }
  return -1;
}

// A plain pronoun never means its own clause's subject ("a rocket was fired
// at it": "it" is not the rocket); a coreference that says so is wrong, and
// the pronoun falls back to the reporting subject ("Israel said ...").
bool SentenceCoder::bound_to_own_subject(const ActorMention& m, int h) const {
  if (t_.pos[u(h)] != Pos::Pron || m.resolved_by != "coreference" || head(h) < 0) return false;
  std::string_view l = lemma(h);
  if (l.ends_with("self") || l.ends_with("selves")) return false;
  Rel r = rel(h);
  if (r != Rel::Obj && r != Rel::Iobj && r != Rel::Obl && r != Rel::Nmod) return false;
  int p = head(h);
  if (!t_.verbal(p)) return false;
  for (int k : t_.kids(p)) {
    if (k == h || (rel(k) != Rel::Nsubj && rel(k) != Rel::NsubjPass)) continue;
    for (const ActorMention& o : mentions_)
      if (&o != &m && o.code == m.code && static_cast<int>(o.first) <= k && k <= static_cast<int>(o.last)) return true;
  }
  return false;
}

// Actors for one argument head: a mention on the head itself, else one in
// the argument's own phrase ("the representatives of the opposition", "a
// court in Guyana"), else, for a pronoun, the subject of the clause that
// reports it ("Obama said he would ...").
// The organised body named in an "of" phrase of `h` ("of the opposition
// coalition", "of Hamas", "of the Foreign Ministry"), or nullptr: a group,
// organisation, government or sector, not a bare place or people.
const ActorMention* SentenceCoder::of_phrase_body(int h) const {
  for (int c : t_.kids(h)) {
    // (A parenthesis may split the phrase: "of the Azadliq (Freedom)
    // opposition coalition" leaves "coalition" an nmod without its "of".)
    if (rel(c) != Rel::Nmod || !(case_is(c, "of") || t_.child(c, Rel::Case) < 0)) continue;
    for (const ActorMention& m : mentions_)
      if (usable(m) && strong_mention(m) && static_cast<int>(m.first) <= c && c <= static_cast<int>(m.last) &&
          (!m.sector.empty() || !m.entity.empty()) && m.kind != "state" && m.kind != "country" &&
          m.sector != "CVL")
        return &m;
  }
  return nullptr;
}

bool SentenceCoder::resolve(int h, std::vector<EventActor>& out, const char* role, int guard) const {
  std::size_t before = out.size();
  const bool places = std::string_view(role) == "location" || std::string_view(role) == "origin";
  const ActorMention* weak = nullptr;
  for (const ActorMention& m : mentions_) {
    if (!usable(m, places)) continue;
    if (static_cast<int>(m.head) == h) {
      if (bound_to_own_subject(m, h)) continue;
      // A bare role word whose body only the document's context gave
      // ("Leaders" of "Leaders of the Azadliq opposition coalition", read as
      // the government) belongs to the body its "of" phrase names.
      const ActorMention* body =
          m.resolved_by == "context" && m.first == m.last && member_noun(lemma(h)) ? of_phrase_body(h) : nullptr;
      if (body) out.push_back(actor_from(*body, role));
      else if (strong_mention(m)) out.push_back(actor_from(m, role));
      else if (!weak) weak = &m;
    }
  }
  if (out.size() > before) {
    coordinated_modifiers(h, out, before);
    for (std::size_t i = before; i < out.size(); ++i) {
      if (out[i].resolved_by != "context") continue;
      if (const ActorMention* c = explicit_country(h)) {
        out[i].code = c->country + out[i].sector;
        out[i].country = c->country;
      }
    }
    return true;
  }
  if (!weak) {
    for (const ActorMention& m : mentions_) {
      if (!usable(m, places)) continue;
      if (static_cast<int>(m.first) <= h && h <= static_cast<int>(m.last)) {
        if (bound_to_own_subject(m, h)) continue;
        if (strong_mention(m)) {
          out.push_back(actor_from(m, role));
          return true;
        }
        if (!weak) weak = &m;
      }
    }
  }
  if (t_.pos[u(h)] == Pos::Pron && !weak && guard == 0) {
    // "themselves", "itself": the subject of their own clause.
    std::string_view l = lemma(h);
    bool reflexive = l.ends_with("self") || l.ends_with("selves");
    int a = -1;
    if (reflexive && head(h) >= 0) {
      std::vector<int> subj;
      subjects_of(head(h), subj);
      if (!subj.empty() && subj.front() != h) a = subj.front();
    }
    if (a < 0) a = antecedent(h);
    if (a >= 0) {
      std::vector<int> heads;
      expand_conj(a, heads);
      for (int x : heads) resolve(x, out, role, guard + 1);
      for (std::size_t i = before; i < out.size(); ++i) out[i].coreferent = true;
      return out.size() > before;
    }
    return false;
  }
  // A mishap is nobody's act: "killed by the Malaysia Airlines crash" has
  // no agent (its modifiers name what crashed, not who killed).
  if (!weak && t_.pos[u(h)] == Pos::Noun && incident_noun(lemma(h)) && std::string_view(role) != "location")
    return false;
  // Search the argument's phrase, nearest first.
  std::vector<std::pair<int, int>> queue{{h, 0}};
  const ActorMention* found = nullptr;
  for (std::size_t q = 0; q < queue.size() && !found; ++q) {
    auto [x, cost] = queue[q];
    if (x != h) {
      for (const ActorMention& m : mentions_) {
        if (!usable(m, places)) continue;
        if ((static_cast<int>(m.head) == x || (static_cast<int>(m.first) <= x && x <= static_cast<int>(m.last))) &&
            strong_mention(m) && (static_cast<int>(m.first) > h || static_cast<int>(m.last) < h)) {
          found = &m;
          break;
        }
      }
    }
    if (found) break;
    for (int c : t_.kids(x)) {
      Rel r = rel(c);
      int step = 0;
      if (r == Rel::Nmod || r == Rel::NmodPoss || r == Rel::Appos || r == Rel::Compound || r == Rel::Amod ||
          r == Rel::Flat || r == Rel::Fixed)
        step = 1;
      // Where a thing is ("the crash in east Ukraine") does not make the
      // place its actor; a bare agent's place does ("a court in Guyana").
      if (step && !weak && locative(c)) step = 0;
      else if (r == Rel::Obl || r == Rel::Acl)
        step = weak ? 0 : 1;  // a bare agent is not upgraded through a clause
      // Never back into the predicate whose argument this is ("a
      // resolution backed by Ghana": Ghana is not the resolution).
      if (c == avoid_[0] || c == avoid_[1]) step = 0;
      if (step == 0 || cost + step > 3) continue;
      queue.emplace_back(c, cost + step);
    }
    std::stable_sort(queue.begin() + static_cast<std::ptrdiff_t>(q) + 1, queue.end(),
                     [](const auto& a, const auto& b) { return a.second < b.second; });
  }
  if (found) {
    EventActor a = actor_from(*found, role);
    if (weak) {
      // "a court in Guyana": the country of the phrase with the sector of its head.
      if ((found->kind == "country" || found->kind == "state") && !weak->sector.empty() && !found->country.empty())
        a.code = found->country + weak->sector, a.sector = weak->sector;
      std::uint32_t first = std::min(found->first, weak->first), last = std::max(found->last, weak->last);
      a.first = first;
      a.last = last;
      a.start = sent_.tokens[first].start;
      a.end = sent_.tokens[last].end;
      a.text = doc_.text.substr(a.start, a.end - a.start);
    }
    out.push_back(std::move(a));
    return true;
  }
  if (weak) {
    out.push_back(actor_from(*weak, role));
    return true;
  }
  return false;
}

void SentenceCoder::modality_negation(Candidate& c) const {
  Modality& m = c.modality;
  bool& neg = c.negated;
  m = Modality::Asserted;
  neg = false;
  c.desire = false;
  c.predicted = false;
  c.reporter = -1;
  const int t = c.trigger, a = c.m.anchor;
  auto check = [&](int x) {
    for (int k : t_.kids(x)) {
      Rel r = rel(k);
      const std::string& l = lemma(k);
      if (r == Rel::Neg || (r == Rel::Advmod && (l == "not" || l == "never" || l == "n't" || t_.form[u(k)] == "n't")))
        neg = true;
      if (r == Rel::Det && (l == "no" || l == "neither") && x == t) neg = true;
      if (r == Rel::Aux && m == Modality::Asserted) {
        if (l == "will" || l == "shall" || l == "would" || l == "'ll") m = Modality::Future;
        else if (l == "may" || l == "might" || l == "could" || l == "can") m = Modality::Possible;
        else if (l == "must" || l == "should" || l == "ought") m = Modality::Obligation;
      }
      if (r == Rel::Amod && x == t && m == Modality::Asserted) {
        if (one_of(l, {"planned", "plan", "proposed", "propose", "scheduled", "schedule", "expected", "expect",
                       "upcoming", "possible", "potential", "future"}))
          m = Modality::Future;
      }
    }
  };
  check(t);
  if (a != t) check(a);
  // Up the chain of infinitives: "is expected to sign", "wants to attack",
  // "did not agree to cooperate", "failed to reach".
  int top = a;
  for (int x = a, guard = 0; x >= 0 && rel(x) == Rel::Xcomp && guard < 8; ++guard) {
    int h = head(x);
    if (h < 0) break;
    const std::string& l = lemma(h);
    if (m == Modality::Asserted) {
      if (future_governor(l)) m = Modality::Future, c.predicted = true;
      else if (intent_governor(l)) m = Modality::Intended;
      else if (ability_governor(l)) m = Modality::Possible;
    }
    if (desire_governor(l)) c.desire = true;
    if (negating_governor(l)) neg = !neg;
    check(h);
    x = h;
    top = h;
  }
  // "their effort to overthrow the government", "a plan to expel": what a
  // noun of intention introduces has not happened.
  if (rel(top) == Rel::Acl && head(top) >= 0 && m == Modality::Asserted &&
      one_of(lemma(head(top)), {"effort", "attempt", "bid", "plan", "campaign", "drive", "push", "move", "threat",
                                "promise", "pledge", "offer", "decision", "intention", "aim", "goal", "readiness",
                                "willingness", "proposal", "call", "demand", "request", "order", "vow", "wish"}))
    m = Modality::Intended;
  // The verb that reports this clause ("Israel announced it would free").
  {
    int x = top;
    while (x >= 0 && rel(x) == Rel::Conj && head(x) >= 0) x = head(x);
    if (x >= 0 && rel(x) == Rel::Ccomp && head(x) >= 0) c.reporter = head(x);
  }
  // Reported denials and conditions anywhere above.
  for (int x = a, guard = 0; x >= 0 && guard < 16; ++guard) {
    int h = head(x);
    if (h < 0) break;
    if (rel(x) == Rel::Ccomp && denying_report(lemma(h))) neg = true;
    if (rel(x) == Rel::Advcl) {
      for (int k : t_.kids(x))
        if (rel(k) == Rel::Mark && (lemma(k) == "if" || lemma(k) == "unless")) m = Modality::Conditional;
    }
    x = h;
  }
  for (int k : t_.kids(a))
    if (rel(k) == Rel::Mark && (lemma(k) == "if" || lemma(k) == "unless")) m = Modality::Conditional;
}

Event SentenceCoder::make_event(const Candidate& c, const std::string& code) const {
  Event e;
  e.sentence = index_;
  e.cameo = code;
  if (const CameoCode* cc = coder_.ontology().lookup(code)) {
    e.goldstein = cc->goldstein;
    e.quad_class = cc->quad_class;
    e.plover_event = cc->plover_event;
    e.plover_mode = cc->plover_mode;
    e.plover_context = cc->plover_context;
  }
  e.modality = c.modality;
  e.negated = c.negated;
  e.trigger_token = static_cast<std::uint32_t>(c.trigger);
  e.trigger_start = sent_.tokens[u(c.trigger)].start;
  e.trigger_end = sent_.tokens[u(c.trigger)].end;
  for (int x : c.m.used) e.matched_tokens.push_back(static_cast<std::uint32_t>(x));
  std::sort(e.matched_tokens.begin(), e.matched_tokens.end());
  e.pattern = c.m.pattern;
  e.pattern_code = coder_.patterns().pattern(c.m.pattern).code;
  return e;
}

// "its troops", "their forces": a phrase its own clause's actor possesses
// through a pronoun.
bool SentenceCoder::own_possession(int x) const {
  for (int k : t_.kids(x))
    if (rel(k) == Rel::NmodPoss && t_.pos[u(k)] == Pos::Pron) return true;
  return false;
}

bool SentenceCoder::locative(int x) const {
  Rel r = rel(x);
  if (r != Rel::Obl && r != Rel::Nmod) return false;
  for (int k : t_.kids(x))
    if (rel(k) == Rel::Case &&
        one_of(lemma(k), {"in", "at", "near", "inside", "across", "throughout", "outside", "around", "within"}))
      return true;
  return false;
}

// The first actor in the predicate's complement, nearest first: the target
// of a pattern that has no TGT ("expressed appreciation for China's
// assistance"). Places are not targets, except of meetings (CAMEO 04: the
// host of a summit).
void SentenceCoder::infer_target(const Candidate& c, const std::string& code, std::uint32_t exclude_first,
                                 std::uint32_t exclude_last, const std::string& source_country,
                                 std::vector<EventActor>& out) const {
  std::vector<int> list;
  std::vector<char> mark;
  compute_region(c.m.anchor, list, mark);
  const bool places = root_of(code) == "04";
  for (int x : list) {
    if (x == c.trigger || x == c.m.anchor) continue;
    // A weapon the pattern names is not the counterpart ("launched
    // artillery": "artillery" read as an army by the matcher).
    if (instrument_noun(lemma(x)) && std::find(c.m.used.begin(), c.m.used.end(), x) != c.m.used.end()) continue;
    if (!places) {
      // Where the predicate happened ("made his remarks in Doha") is no
      // target; a place deeper in the complement is part of what it is about
      // ("sorrow for the shootings in South Carolina").
      bool scene = false;
      for (int y = x; y >= 0 && y != c.m.anchor; y = head(y)) {
        int hy = head(y);
        if (locative(y) && hy >= 0 && std::find(c.m.used.begin(), c.m.used.end(), hy) != c.m.used.end()) scene = true;
      }
      if (scene) continue;
    }
    // Not the scene: a place inside what the predicate is about counts
    // ("sorrow for the shootings in South Carolina" -> USA), a place the
    // complement itself names does not ("concern for Beijing" names it as
    // an actor anyway).
    const bool deep_place = !places && idx_.compiled[c.m.pattern].target.role == SlotRole::None && t_.nominal(x) && head(x) >= 0 && locative(x) &&
                            std::find(c.m.used.begin(), c.m.used.end(), head(x)) == c.m.used.end();
    // Where the predicate moves something from or to is its counterpart
    // ("withdraw its troops from Lebanon"), unlike where it happens.
    const bool direction = t_.nominal(x) && rel(x) == Rel::Obl && head(x) >= 0 && t_.verbal(head(x)) &&
                           (head(x) == c.m.anchor || head(x) == c.trigger ||
                            std::find(c.m.used.begin(), c.m.used.end(), head(x)) != c.m.used.end()) &&
                           (case_is(x, "from") || case_is(x, "to") || case_is(x, "into"));
    for (const ActorMention& m : mentions_) {
      if (!usable(m, places || deep_place || direction) || !strong_mention(m)) continue;
      if (static_cast<int>(m.head) != x && !(static_cast<int>(m.first) <= x && x <= static_cast<int>(m.last))) continue;
      if (!(m.last < exclude_first || m.first > exclude_last)) continue;
      // The source's own forces or people are what it acts with, not its
      // counterpart ("Syria will withdraw its troops", "Israel strengthened
      // its forces in Lebanon").
      // So are unnamed troops whose country is only the document's or an
      // earlier mention's ("contribute 4,000 troops").
      if (m.kind == "agent" && !source_country.empty() && m.country == source_country &&
          (own_possession(static_cast<int>(m.head)) || (m.resolved_by != "dictionary" && m.sector.starts_with("MIL"))))
        continue;
      out.push_back(actor_from(m, "inferred"));
      return;
    }
  }
}

// The country of the place where a predicate happened: a place mention
// reached from the predicate's phrase through a locative ("in", "at",
// "near" ...) or as what an attack noun hit ("in the shelling of Kharkiv"),
// and nothing but the phrase; empty when there is none.
std::string SentenceCoder::event_place_country(const Candidate& c) const {
  const ActorMention* m = event_place(c);
  return m ? m->country : std::string();
}

const ActorMention* SentenceCoder::event_place(const Candidate& c) const {
  std::vector<int> list;
  std::vector<char> mark;
  compute_region(c.m.anchor, list, mark);
  // An attack noun as the subject ("a missile strike on Odesa killed ...")
  // is part of where it happened.
  for (int k : t_.kids(c.m.anchor))
    if (rel(k) == Rel::Nsubj && violent_noun(k) && !covered_by_mention(k))
      for (int x = 0; x < t_.n; ++x)
        if (inside(x, k)) mark[u(x)] = 1;
  for (const ActorMention& m : mentions_) {
    if (m.country.empty() || !usable(m, true)) continue;
    int x = static_cast<int>(m.head);
    if (x < 0 || x >= t_.n || !mark[u(x)]) continue;
    // A settlement named with its place ("the town of Samarra") is that
    // place; its people as an actor are another matter.
    const bool named_settlement = m.sector == "CVL" && m.resolved_by == "dictionary" &&
                                  one_of(lemma(x), {"town", "village", "hamlet", "city"}) && m.last > m.first;
    if (!m.sector.empty() && !named_settlement) continue;
    // A named place ("the Gaza Strip"), not a country adjective ("Israeli
    // shelling" says who shelled, not where).
    if (!m.place && !named_settlement && t_.pos[u(x)] != Pos::Propn) continue;
    bool through_locative = false;
    for (int y = x, guard = 0; y >= 0 && y != c.m.anchor && guard < 16; y = head(y), ++guard) {
      if (!mark[u(y)]) break;
      if (locative(y) && !violent_noun(y)) through_locative = true;
      // The place an attack hit ("killed in the shelling of Kharkiv", "a
      // strike on Odesa killed").
      int hy = head(y);
      if (rel(y) == Rel::Nmod && (case_is(y, "of") || case_is(y, "on") || case_is(y, "against")) && hy >= 0 &&
          hy != c.trigger && hy != c.m.anchor && violent_noun(hy))
        through_locative = true;
    }
    if (through_locative) return &m;
  }
  return nullptr;
}

// A mishap anywhere in the sentence ("killed in a car crash", "killed in
// Indonesia, the country closest to the earthquake") may be what killed:
// nobody is to be guessed as the attacker.
bool SentenceCoder::incident_in_sentence() const {
  for (int x = 0; x < t_.n; ++x)
    if (t_.pos[u(x)] == Pos::Noun && incident_noun(lemma(x))) return true;
  return false;
}

void SentenceCoder::place_target(const Candidate& c, std::vector<EventActor>& out) const {
  auto try_kids = [&](int x) {
    for (int k : t_.kids(x))
      if (locative(k) && resolve(k, out, "location")) return true;
    return false;
  };
  if (try_kids(c.m.anchor)) return;
  if (c.trigger != c.m.anchor && try_kids(c.trigger)) return;
  // The place of the thing hit ("bombed the camp in Somalia").
  for (int x : {c.m.anchor, c.trigger})
    for (int k : t_.kids(x))
      if ((rel(k) == Rel::Obj || rel(k) == Rel::NsubjPass) && t_.nominal(k) && !has_mention(k) && try_kids(k)) return;
}

void SentenceCoder::conditional_target(const Candidate& c, std::vector<EventActor>& out) const {
  // The condition may hang on the threatened act or on a clause inside it
  // ("threatened to stop negotiations to reduce weapons if the United
  // States goes ahead"): the nearest one in the threat's complement.
  std::vector<int> queue{c.m.anchor};
  for (std::size_t q = 0; q < queue.size() && q < 64; ++q) {
    const int x = queue[q];
    for (int k : t_.kids(x)) {
      const Rel r = rel(k);
      if (r == Rel::Advcl && (case_is(k, "if") || case_is(k, "unless"))) {
        std::vector<int> subj;
        subjects_of(k, subj);
        for (int h : subj) {
          std::vector<int> heads;
          expand_conj(h, heads);
          for (int y : heads) resolve(y, out, "conditional");
          if (!out.empty()) return;
        }
        continue;
      }
      if (x == c.m.anchor && (r == Rel::Nsubj || r == Rel::NsubjPass || r == Rel::Parataxis)) continue;
      if (r == Rel::Xcomp || r == Rel::Advcl || r == Rel::Obj || r == Rel::Ccomp || r == Rel::Acl) queue.push_back(k);
    }
  }
}

bool SentenceCoder::same_actor(const EventActor& a, const std::vector<EventActor>& list) const {
  for (const EventActor& b : list)
    if (a.code == b.code || (a.first == b.first && a.last == b.last)) return true;
  return false;
}

void SentenceCoder::build_events(Candidate& c) {
  const EventPattern& pat = coder_.patterns().pattern(c.m.pattern);
  const CodingOptions& opt = coder_.options();
  std::string code = pat.code;
  modality_negation(c);
  std::string note;
  if (c.negated) {
    std::string rejection = rejection_code(code);
    if (!rejection.empty()) {
      note = "negated: " + code + " -> " + rejection;
      code = rejection;
    } else if (!opt.keep_negated) {
      return;
    } else {
      note = "negated";
    }
  }
  // A wish is an appeal only when it is voiced: "Moscow might want Kyiv to
  // yield" is the writer's guess at a wish, no request made.
  if (root_of(code) == "02" && c.modality == Modality::Possible && desire_governor(lemma(c.trigger))) return;
  std::vector<EventActor> sources, targets;
  std::vector<int> heads;
  avoid_[0] = c.trigger;
  avoid_[1] = c.m.anchor;
  struct Reset {
    int* a;
    ~Reset() { a[0] = a[1] = -1; }
  } reset{avoid_};
  for (int h : c.m.src) {
    heads.clear();
    expand_conj(h, heads);
    for (int x : heads) resolve(x, sources, c.m.src_role);
    if (!sources.empty()) break;
  }
  for (int h : c.m.tgt) {
    heads.clear();
    expand_conj(h, heads);
    for (int x : heads) resolve(x, targets, c.m.tgt_role);
    if (!targets.empty()) break;
  }
  // A pattern that writes its target as a place ("strengthened its forces
  // in TGT", "withdraw from TGT") takes a place for it.
  if (targets.empty() && std::string_view(c.m.tgt_role) == "oblique")
    for (int h : c.m.tgt) {
      if (!t_.nominal(h) || !(locative(h) || case_is(h, "from") || case_is(h, "to") || case_is(h, "into"))) continue;
      heads.clear();
      expand_conj(h, heads);
      for (int x : heads)
        for (const ActorMention& m : mentions_)
          if (m.place && usable(m, true) && strong_mention(m) &&
              (static_cast<int>(m.head) == x || (static_cast<int>(m.first) <= x && x <= static_cast<int>(m.last)))) {
            targets.push_back(actor_from(m, "location"));
            break;
          }
      if (!targets.empty()) break;
    }
  auto reporter_actors = [&](int verb, std::vector<EventActor>& out) {
    std::vector<int> subj;
    subjects_of(verb, subj);
    for (int h : subj) {
      heads.clear();
      expand_conj(h, heads);
      for (int x : heads) resolve(x, out, "subject");
    }
  };
  auto add_note = [&](const std::string& n) { note += (note.empty() ? "" : ", ") + n; };
  // Property damaged or destroyed by protesters is a violent protest (CAMEO
  // 145: riots, vandalism), not a military or police act of coercion
  // ("rioters torched a police station").
  if ((code == "171" || code == "1712") && !c.m.src.empty() && !sources.empty() &&
      protester_noun(lemma(c.m.src.front()))) {
    add_note("by protesters: " + code + " -> 145");
    code = "145";
  }
  // "X claimed that Y attacked Z" is X accusing Y (112); "X claimed that it
  // attacked Z" is X claiming responsibility (015). Only verbs that assert a
  // wrong do this; "X said Y attacked Z" codes the attack.
  if (c.accuser >= 0 && !c.negated && place_target_code(code) && root_of(code) != "14" && root_of(code) != "15") {
    std::vector<EventActor> reporters;
    reporter_actors(c.accuser, reporters);
    if (!reporters.empty()) {
      bool self = false;
      for (const EventActor& s : sources)
        if (s.coreferent || same_actor(s, reporters)) self = true;
      add_note("reported by \"" + sent_.tokens[u(c.accuser)].form + "\": " + code + " -> " + (self ? "015" : "112"));
      code = self ? "015" : "112";
      std::vector<EventActor> new_targets = self ? targets : sources;
      for (EventActor& a : new_targets) a.role = self ? "object" : "accused";
      sources = std::move(reporters);
      targets = std::move(new_targets);
    }
  }
  // A declared intention is coded as CAMEO codes intentions: "wants to help
  // Israel" is 033, "wants to attack" is 138, "said it would free the
  // prisoners" is 0353.
  if (!c.negated && root_of(code) != "01" && root_of(code) != "03" && root_of(code) != "13") {
    bool declared = c.desire;
    // Cooperation promised, offered or announced for the future is CAMEO's
    // (and PLOVER's AGREE) expression of intent: "will provide aid", "is
    // ready to contribute troops", "agreed to re-open its borders". A mere
    // forecast ("is expected to sign") is not.
    std::string_view r = root_of(code);
    if (r >= "04" && r <= "08" && !c.predicted &&
        (c.modality == Modality::Future || c.modality == Modality::Intended))
      declared = true;
    if (!declared && c.reporter >= 0 && report_verb(lemma(c.reporter)) &&
        (c.modality == Modality::Future || c.modality == Modality::Intended) && !sources.empty()) {
      std::vector<EventActor> reporters;
      reporter_actors(c.reporter, reporters);
      declared = sources.front().coreferent || same_actor(sources.front(), reporters);
    }
    std::string intent = declared ? intent_code(code) : std::string();
    if (!intent.empty()) {
      add_note("declared intent: " + code + " -> " + intent);
      code = intent;
      if (c.modality == Modality::Asserted) c.modality = Modality::Intended;
    }
  }
  const Compiled& cp = idx_.compiled[c.m.pattern];
  // A violent or coercive act, or an inspection, done to a thing rather than
  // an actor ("demolished a building in Aleppo", "re-examine the refineries
  // in Iran") is done to the place.
  // So is yielding something up that has no owner named ("will evacuate the
  // settlements in the Gaza Strip", "postpone the demonstration in Baku").
  if (targets.empty() && (place_target_code(code) || (!c.m.tgt.empty() && root_of(code) == "09") ||
                          root_of(pat.code) == "08"))
    place_target(c, targets);
  // A threat's target is whoever its condition is about ("threatened to stop
  // the talks if the United States goes ahead").
  if (targets.empty() && root_of(code) == "13") conditional_target(c, targets);
  // No TGT in the pattern, or a TGT that names no actor ("lift embargoes on
  // sales to Iran"): the first actor of the predicate's complement.
  if (targets.empty() && (cp.target.role == SlotRole::None || !c.m.tgt.empty()) && opt.infer_targets &&
      sources.size() <= 1) {
    std::uint32_t ef = sources.empty() ? 1u : sources.front().first, el = sources.empty() ? 0u : sources.front().last;
    infer_target(c, code, ef, el, sources.empty() ? std::string() : sources.front().country, targets);
  }
  // Last: a target phrase that names no actor but where it is ("contribute troops
  // to an international force in Liberia", "delivered goods to Baghdad
  // University"): that place.
  if (targets.empty() && std::string_view(c.m.tgt_role) == "oblique" && t_.verbal(c.trigger))
    for (int h : c.m.tgt) {
      if (t_.pos[u(h)] != Pos::Noun || has_mention(h)) continue;
      for (int k : t_.kids(h))
        if ((locative(k) || rel(k) == Rel::Compound) && resolve(k, targets, "location")) break;
      if (!targets.empty()) break;
    }
  // Victims with no country of their own ("four children were killed in
  // shelling in the east of the Gaza Strip") belong to the place where they
  // were hit; a named place beats the document's dominant country.
  if (!targets.empty()) {
    std::string_view r = root_of(code);
    if (r == "17" || r == "18" || r == "19" || r == "20") {
      std::string place;
      bool looked = false;
      for (EventActor& t : targets) {
        if (t.kind != "agent" || !(t.country.empty() || t.resolved_by == "context") || t.sector.empty()) continue;
        if (!looked) place = event_place_country(c), looked = true;
        if (place.empty()) break;
        t.country = place;
        t.code = place + t.sector;
        add_note("victims placed in " + place);
      }
      // With no place to go by, a victim whose country is only the
      // document's guess does not take the country the attacker is named
      // with in the sentence: "four children were killed in Israeli tank
      // shelling", in an article mostly about Israel, are no Israeli
      // victims. The victim's country stays unknown (---CVL). Only for a
      // state's forces (a country, or its military, police, government).
      if (r != "17" && place.empty())
        for (EventActor& t : targets) {
          if (t.kind != "agent" || t.resolved_by != "context" || t.sector.empty() || t.country.empty()) continue;
          // A state's forces named by their country; armed groups, rebels
          // and militias mostly hit their own country's people ("IRA bombs
          // killed people").
          bool attackers = std::any_of(sources.begin(), sources.end(), [&](const EventActor& s) {
            return s.country == t.country && s.resolved_by == "dictionary" &&
                   (s.kind == "state" || s.kind == "country" || s.sector == "MIL" || s.sector == "GOV" ||
                    s.sector == "COP" || s.sector == "SPY");
          });
          if (!attackers) continue;
          add_note("victims' country unknown (the document's " + t.country + " is the attacker's)");
          t.country.clear();
          t.code = "---" + t.sector;
        }
    }
  }
  // Violence whose doer nobody names ("a roadside bombing near Samarra
  // killed a U.S. soldier", "ten soldiers were killed in Ukraine") is
  // CAMEO's unidentified armed force of the place where it happened (UAF):
  // the place, not the victims, says whose ground it was. Not where a
  // mishap is told of ("killed in a car crash in Madrid"), nor a hit on a
  // place or a country itself: the victims are people.
  if (sources.empty() && !targets.empty() && !c.negated && c.modality == Modality::Asserted &&
      std::any_of(targets.begin(), targets.end(),
                  [](const EventActor& t) { return t.role != "location" && (!t.sector.empty() || t.kind == "person"); })) {
    // Unnamed: no doer written ("were killed") or the attack itself as the
    // subject ("a bombing killed"); "we raided" has one.
    const bool unnamed =
        std::all_of(c.m.src.begin(), c.m.src.end(), [&](int h) { return t_.nominal(h) && violent_noun(h); });
    if (violent_code(code) && unnamed && !incident_in_sentence())
      if (const ActorMention* place = event_place(c)) {
        EventActor a = actor_from(*place, "location");
        a.code = place->country + "UAF";
        a.country = place->country;
        a.sector = "UAF";
        a.entity.clear();
        a.kind = "agent";
        a.resolved_by = "location";
        sources.push_back(std::move(a));
        add_note("unidentified attacker placed in " + place->country);
      }
  }
  // Violence a named actor reports that cannot be coded itself, done to
  // nobody else ("the US said that Iraq had attacked themselves") or
  // between nameless parties ("the Observatory said eight people were
  // killed by government forces"), is the reporter's accusation of the
  // doer (112). Violence between named actors, or done to a place, is coded
  // as such; so is a report of what is to come, or of the reporter's own
  // deed.
  if (c.accuser < 0 && !c.negated && c.modality == Modality::Asserted && c.reporter >= 0 &&
      report_verb(lemma(c.reporter)) && !sources.empty() && violent_code(code)) {
    const bool reflexive = std::all_of(targets.begin(), targets.end(), [&](const EventActor& t) {
      return t.coreferent && same_actor(t, sources);
    });
    const bool nameless = std::none_of(sources.begin(), sources.end(), strong_actor) &&
                          std::none_of(targets.begin(), targets.end(), strong_actor);
    if (reflexive || nameless) {
      std::vector<EventActor> reporters;
      reporter_actors(c.reporter, reporters);
      const bool own = std::any_of(sources.begin(), sources.end(), [&](const EventActor& s) {
        return s.coreferent || same_actor(s, reporters);
      });
      if (!reporters.empty() && strong_actor(reporters.front()) && !own) {
        add_note("reported by \"" + sent_.tokens[u(c.reporter)].form + "\": " + code + " -> 112");
        code = "112";
        targets = std::move(sources);
        for (EventActor& a : targets) a.role = "accused";
        sources = std::move(reporters);
      }
    }
  }
  // A bombing done with military heavy weapons is an attack with them:
  // "the plane was blown up by a missile fired by rebels" (194, not the
  // non-military bombing 183).
  if (root_of(code) == "18" && !t_.nominal(c.m.anchor) && passive(c.m.anchor)) {
    for (int k : t_.kids(c.m.anchor))
      if ((rel(k) == Rel::OblAgent || ((rel(k) == Rel::Obl || rel(k) == Rel::Nmod) && case_is(k, "by"))) &&
          one_of(lemma(k), {"missile", "rocket", "shell", "mortar", "artillery", "tank", "howitzer"})) {
        add_note("by heavy weapons: " + code + " -> 194");
        code = "194";
        break;
      }
  }
  // Peacekeepers who arrive somewhere are not on a visit: they are the
  // peacekeeping that is provided there (074), "UN peacekeepers arrived in
  // Mali", "the first contingent of peacekeeping troops landed in Haiti".
  if (code == "042" && !c.m.src.empty() && peacekeepers(c.m.src.front())) {
    add_note("peacekeepers arriving: 042 -> 074");
    code = "074";
  }
  // Force between protesters and those who police them is CAMEO's riot
  // (145) on the protesters' side and violent repression (175) on the
  // other: "police beat demonstrators" is 175, "rioters stoned soldiers"
  // 145; a clash is both.
  std::string converse_code;
  // Only unarmed or unspecified force: protesters firing missiles wage war
  // (194), police bombing a crowd is a bombing.
  if (!targets.empty() && !sources.empty() && !c.negated &&
      (code == "180" || code == "190" || code.rfind("182", 0) == 0)) {
    bool src_protest = !c.m.src.empty() && protester_noun(lemma(c.m.src.front()));
    bool tgt_protest = !c.m.tgt.empty() && protester_noun(lemma(c.m.tgt.front()));
    if (src_protest != tgt_protest) {
      std::string was = code;
      code = src_protest ? "145" : "175";
      add_note("force between protesters and others: " + was + " -> " + code);
      if (one_of(lemma(c.trigger), {"clash", "scuffle", "skirmish", "brawl"})) converse_code = src_protest ? "175" : "145";
    }
  }
  bool pairs = targets.empty() && sources.size() >= 2 && reciprocal_code(code) &&
               (cp.target.role == SlotRole::None || c.m.reciprocal);
  if (c.m.reciprocal && !pairs) return;
  // Cooperation needs a partner: "meeting pockets of resistance", "inviting
  // cartoonists" name nobody to cooperate with.
  if (cp.target.role != SlotRole::None && targets.empty() && !pairs) {
    std::string_view r = root_of(code);
    if (r >= "03" && r <= "08") return;
    // An appeal to someone who is no actor ("the guns Chavez wants to buy":
    // the object is a thing) is no appeal to anyone.
    if (r == "02" && cp.target.role == SlotRole::Object) return;
  }
  if (opt.require_source && sources.empty()) return;
  // The press told or spoken to is the channel, not the counterpart: "the
  // minister told the BBC", "told reporters", "told the newspaper to expect
  // cuts" is no statement to or demand of the media or journalists.
  if (!targets.empty() && one_of(lemma(c.trigger), {"tell", "say", "speak", "talk", "explain", "write", "comment"}) &&
      std::all_of(targets.begin(), targets.end(), [](const EventActor& a) {
        return a.sector.find("MED") != std::string::npos || a.sector.starts_with("JRN");
      }))
    return;
  // A statement with nobody addressed or talked about says nothing about
  // who did what to whom.
  if (opt.require_statement_target && root_of(code) == "01" && targets.empty() && !pairs) return;
  auto emit = [&](const EventActor* s, const EventActor* t) {
    // One span may be two actors ("between the two countries"), never one
    // actor with itself.
    if (s && t && ((s->first == t->first && s->last == t->last && s->code == t->code) ||
                   (s->code == t->code && t->coreferent)))
      return;
    if (opt.require_source && !(s && strong_actor(*s)) && !(t && strong_actor(*t))) return;
    Event e = make_event(c, code);
    if (s) e.source = *s;
    if (t) e.target = *t;
    e.note = note;
    if (passive(c.m.anchor) && !t_.nominal(c.m.anchor)) e.note += e.note.empty() ? "passive" : ", passive";
    std::uint32_t lo = sent_.tokens[u(c.trigger)].start, hi = sent_.tokens[u(c.trigger)].end;
    for (int x : c.m.used) {
      lo = std::min(lo, sent_.tokens[u(x)].start);
      hi = std::max(hi, sent_.tokens[u(x)].end);
    }
    for (const EventActor* a : {s, t})
      if (a && !a->coreferent) {
        lo = std::min(lo, a->start);
        hi = std::max(hi, a->end);
      }
    e.start = lo;
    e.end = hi;
    for (const Event& prev : c.events) {
      auto same = [](const std::optional<EventActor>& x, const std::optional<EventActor>& y) {
        return x.has_value() == y.has_value() && (!x || (x->code == y->code && x->first == y->first));
      };
      if (prev.cameo == e.cameo && same(prev.source, e.source) && same(prev.target, e.target)) return;
    }
    c.events.push_back(std::move(e));
  };
  // Converse events: negotiations with someone are theirs too (046), and
  // receiving a visitor means the visitor visited (043 -> 042).
  if (!pairs && !sources.empty() && !targets.empty() && !c.negated && (code == "046" || code == "043") &&
      c.m.tgt_role != std::string_view("inferred")) {
    for (const EventActor& s : sources)
      for (const EventActor& t : targets) emit(&s, &t);
    const std::string converse = code == "043" ? "042" : "046";
    std::string saved = code;
    code = converse;
    add_note("converse of " + saved);
    for (const EventActor& t : targets)
      for (const EventActor& s : sources) {
        EventActor ts = t, ss = s;
        std::swap(ts.role, ss.role);
        emit(&ts, &ss);
      }
    return;
  }
  if (pairs) {
    for (const EventActor& s : sources)
      for (const EventActor& t : sources) {
        if (&s == &t) continue;
        EventActor tt = t;
        tt.role = "coordinated";
        emit(&s, &tt);
      }
    return;
  }
  if (sources.empty() && targets.empty()) return;
  // The victim reporting the violence done to it ("at it", "its troops")
  // accuses whoever did it: "Kyiv said Russian drones struck it overnight"
  // is also Kyiv's complaint (112) against Russia. A bystander's report
  // ("medics said"), or one about a place ("Ukraine said Russia attacked
  // Kharkiv"), codes the violence alone.
  std::vector<EventActor> complainants;
  if (c.accuser < 0 && !c.negated && c.reporter >= 0 && report_verb(lemma(c.reporter)) && !sources.empty() &&
      !targets.empty()) {
    if (violent_code(code)) {
      std::vector<EventActor> reporters;
      reporter_actors(c.reporter, reporters);
      bool victim = false, perpetrator = false;
      for (const EventActor& t : targets)
        if (t.coreferent && same_actor(t, reporters)) victim = true;
      for (const EventActor& s : sources)
        if (s.coreferent || same_actor(s, reporters)) perpetrator = true;
      if (victim && !perpetrator) complainants = std::move(reporters);
    }
  }
  if (sources.empty()) {
    for (const EventActor& t : targets) emit(nullptr, &t);
  } else if (targets.empty()) {
    for (const EventActor& s : sources) emit(&s, nullptr);
  } else {
    // A joint reference filling both sides of a pair ("talks between the
    // two countries": two actors over one span) counts as the pair written
    // out, "between X and Y": the first towards the second, not both ways
    // (the converses above make negotiations mutual either way).
    const bool between_pair = cp.source.role == SlotRole::BetweenFirst && cp.target.role == SlotRole::BetweenSecond;
    for (std::size_t i = 0; i < sources.size(); ++i)
      for (std::size_t j = 0; j < targets.size(); ++j) {
        const EventActor& s = sources[i];
        const EventActor& t = targets[j];
        if (between_pair && j <= i && s.first == t.first && s.last == t.last) continue;
        emit(&s, &t);
      }
  }
  if (!converse_code.empty()) {
    code = converse_code;
    for (const EventActor& t : targets)
      for (const EventActor& s : sources) {
        EventActor ts = t, ss = s;
        std::swap(ts.role, ss.role);
        emit(&ts, &ss);
      }
  }
  if (!complainants.empty()) {
    code = "112";
    note = "complaint of the victim reporting \"" + sent_.tokens[u(c.reporter)].form + "\"";
    for (const EventActor& r : complainants)
      for (const EventActor& s : sources) {
        EventActor accused = s;
        accused.role = "accused";
        emit(&r, &accused);
      }
  }
}

// The verb whose clausal complement holds `x` when it asserts a wrong
// ("claimed that", "alleged that"), or -1.
// True when `inner` is reached from `outer` through complement clauses only
// (xcomp, ccomp, and their conjuncts): what a statement or promise says.
bool SentenceCoder::complement_of(int outer, int inner) const {
  for (int x = inner, guard = 0; x >= 0 && guard < 16; ++guard) {
    if (x == outer) return true;
    Rel r = rel(x);
    if (r == Rel::Acl && text_clause_of(outer, x)) return true;
    if (r != Rel::Xcomp && r != Rel::Ccomp && r != Rel::Conj) return false;
    x = head(x);
  }
  return false;
}

// "issued a statement condemning X", "adopted a resolution calling on Y":
// the clause `x` on the text `outer` put out is what the text says.
bool SentenceCoder::text_clause_of(int outer, int x) const {
  while (x >= 0 && rel(x) == Rel::Conj && head(x) >= 0) x = head(x);
  // A clause with a subject of its own ("reports that Brown is preparing")
  // says what its subject does, not what the text's author does.
  if (x < 0 || rel(x) != Rel::Acl || t_.child(x, Rel::Nsubj) >= 0 || t_.child(x, Rel::NsubjPass) >= 0) return false;
  const int text = head(x);
  return text >= 0 && rel(text) == Rel::Obj && head(text) == outer && t_.pos[u(text)] == Pos::Noun &&
         text_noun(lemma(text)) && text_verb(lemma(outer));
}

int SentenceCoder::accusing_verb(int x) const {
  while (x >= 0 && rel(x) == Rel::Conj && head(x) >= 0) x = head(x);
  if (x < 0 || rel(x) != Rel::Ccomp || head(x) < 0) return -1;
  int h = head(x);
  return accusatory_verb(lemma(h)) ? h : -1;
}

bool SentenceCoder::verb_trigger(int x) const {
  const std::size_t i = u(x);
  for (std::uint32_t key : {t_.lemma_id[i], t_.form_id[i], t_.stem_id[i], t_.stem2_id[i]}) {
    if (key == kNoId) continue;
    for (std::uint32_t p : idx_.by_trigger[key])
      if (!idx_.compiled[p].noun) return true;
  }
  return false;
}

// Clauses read as one noun phrase: "Xi Jinping and Oleksandr Lukashenko
// demand peace in Ukraine" (a bullet; "demand" tagged NOUN, a compound of
// "peace") and "Young Algerians blocked roads" ("blocked" an amod of
// "roads"). When an actor mention ends right before a word that patterns
// know as a verb, that word modifies a later noun, and the phrase is not an
// argument of another predicate, the word is the clause's verb: the actor
// its subject, the noun its object. A noun-tagged verb is taken only in
// titles and bullets (headline style), a participle-tagged one only as a
// past form; both only after a plural subject, a coordination or a plural
// noun ("Lukashenko demand peace" would not agree; "the government
// announced asset freezes" is left as parsed).
void SentenceCoder::repair_hidden_verbs() {
  const bool headline = sent_.kind == SegmentKind::Title || sent_.kind == SegmentKind::Bullet;
  bool changed = false;
  // "Two policemen were wounded by Taliban gunmen", "were injured in an
  // ambush": the participles of harm that the tagger reads as adjectives
  // after "be" are the passive verb.
  for (int x = 0; x < t_.n; ++x) {
    if (t_.pos[u(x)] != Pos::Adj) continue;
    static constexpr std::array<std::array<std::string_view, 2>, 4> kHarm = {
        {{"wounded", "wound"}, {"injured", "injure"}, {"hurt", "hurt"}, {"maimed", "maim"}}};
    std::string_view verb;
    for (const auto& [form, lem] : kHarm)
      if (t_.form[u(x)] == form) verb = lem;
    const int cop = verb.empty() ? -1 : t_.child(x, Rel::Cop);
    const int sub = cop < 0 ? -1 : t_.child(x, Rel::Nsubj);
    if (sub < 0 || lemma(cop) != "be") continue;
    const std::uint32_t id = idx_.id(verb);
    if (id == kNoId) continue;
    t_.lemma[u(x)] = std::string(verb);
    t_.lemma_id[u(x)] = id;
    s_.present[id] = 1;
    t_.pos[u(x)] = Pos::Verb;
    t_.feat[u(x)] = static_cast<std::uint8_t>(t_.feat[u(x)] | TreeView::kPassVoice | TreeView::kPart | TreeView::kPast);
    t_.rel[u(cop)] = Rel::AuxPass;
    t_.rel[u(sub)] = Rel::NsubjPass;
    changed = true;
  }
  for (int v = 1; v + 1 < t_.n; ++v) {
    const Rel rv = rel(v);
    const Pos pv = t_.pos[u(v)];
    const bool noun_read = headline && pv == Pos::Noun && rv == Rel::Compound;
    const bool participle_read = pv == Pos::Verb && (rv == Rel::Amod || rv == Rel::Compound) &&
                                 t_.has(v, TreeView::kPast) && t_.form[u(v)].ends_with("ed");
    if (!noun_read && !participle_read) continue;
    const int o = head(v);
    if (o <= v || !t_.nominal(o) || !verb_trigger(v)) continue;
    // A participle read as a modifier of a noun in clause position is the
    // clause's verb and the noun its object when there is a subject for it:
    // the noun's ("The United Nations on Tuesday reduced food supplies", the
    // noun with a subject and no copula), or its own ("Vietnamese-led
    // forces launched artillery fire against guerrilla camps", parsed with
    // "forces" the subject of "launched": a modifier has no subject).
    if (participle_read) {
      const int own = t_.child(v, Rel::Nsubj);
      const int sub = own >= 0 && own < v ? own : t_.child(o, Rel::Nsubj);
      const Rel ro = rel(o);
      if (sub >= 0 && sub < v && t_.child(o, Rel::Cop) < 0 &&
          (head(o) < 0 || ro == Rel::Ccomp || ro == Rel::Conj || ro == Rel::Advcl || ro == Rel::Parataxis)) {
        t_.head[u(v)] = head(o);
        t_.rel[u(v)] = head(o) < 0 ? Rel::Root : ro;
        t_.feat[u(v)] = static_cast<std::uint8_t>(t_.feat[u(v)] & ~(TreeView::kPassVoice | TreeView::kPart));
        t_.head[u(sub)] = v;
        t_.head[u(o)] = v;
        t_.rel[u(o)] = Rel::Obj;
        changed = true;
        continue;
      }
    }
    const ActorMention* sm = nullptr;
    for (const ActorMention& m : mentions_)
      if (usable(m) && strong_mention(m) && static_cast<int>(m.last) == v - 1) sm = &m;
    if (!sm) continue;
    int sh = static_cast<int>(sm->head);
    if (sh < 0 || sh >= v) continue;
    bool coordinated = false;
    while (rel(sh) == Rel::Conj && head(sh) >= 0 && head(sh) < sh) sh = head(sh), coordinated = true;
    if (t_.child(sh, Rel::Conj) >= 0) coordinated = true;
    const Pos ps = t_.pos[u(v - 1)];
    if (ps != Pos::Noun && ps != Pos::Propn) continue;
    if (!coordinated && !t_.form[u(v - 1)].ends_with("s")) continue;
    int top;
    if (t_.is_ancestor(sh, o)) top = sh;
    else if (t_.is_ancestor(o, sh)) top = o;
    else continue;
    const Rel rt = rel(top);
    if (head(top) >= 0 && rt != Rel::Appos && rt != Rel::Parataxis && rt != Rel::Dep && rt != Rel::Other) continue;
    t_.head[u(v)] = head(top);
    t_.rel[u(v)] = head(top) < 0 ? Rel::Root : Rel::Parataxis;
    t_.pos[u(v)] = Pos::Verb;
    t_.feat[u(v)] = static_cast<std::uint8_t>(t_.feat[u(v)] & ~(TreeView::kPassVoice | TreeView::kPart));
    t_.head[u(sh)] = v;
    t_.rel[u(sh)] = Rel::Nsubj;
    t_.head[u(o)] = v;
    t_.rel[u(o)] = Rel::Obj;
    changed = true;
  }
  // "Thousands of Iraqi Kurds demonstrated in Kirkuk ..., witnesses said",
  // parsed with both "Thousands" and "witnesses" subjects of "said" and
  // "demonstrated" an acl of "Thousands": a report verb has one subject,
  // so the first one's past participle is the reported clause.
  for (int x = 0; x < t_.n; ++x) {
    int s1 = -1, s2 = -1;
    for (int k : t_.kids(x)) {
      if (rel(k) != Rel::Nsubj) continue;
      if (s1 < 0) s1 = k;
      else if (s2 < 0) s2 = k;
    }
    if (s1 < 0 || s2 < 0 || !t_.verbal(x) || !(report_verb(lemma(x)) || lemma(x) == "report")) continue;
    int v = -1;
    for (int k : t_.kids(s1))
      if (rel(k) == Rel::Acl && t_.verbal(k) && k > s1 && k < s2 && t_.has(k, TreeView::kPast) &&
          t_.form[u(k)].ends_with("ed"))
        v = k;
    if (v < 0) continue;
    t_.head[u(v)] = x;
    t_.rel[u(v)] = Rel::Ccomp;
    t_.feat[u(v)] = static_cast<std::uint8_t>(t_.feat[u(v)] & ~(TreeView::kPassVoice | TreeView::kPart));
    t_.head[u(s1)] = v;
    changed = true;
  }
  // "Hundreds of students marched in Dhaka", "Thousands of Kurds
  // demonstrated in Kirkuk, witnesses said", parsed as a noun with a
  // participle modifier standing where a clause belongs (the root, a
  // reported clause, a parenthetical): people are not marched or
  // demonstrated, so a protest verb there is the clause's verb and the
  // noun its subject.
  for (int x = 1; x < t_.n; ++x) {
    if (rel(x) != Rel::Acl || !t_.verbal(x) || !t_.has(x, TreeView::kPast) || !t_.form[u(x)].ends_with("ed") ||
        !one_of(lemma(x), {"demonstrate", "protest", "march", "rally", "riot", "picket"}))
      continue;
    const int o = head(x);
    if (o < 0 || o > x || !t_.nominal(o)) continue;
    const Rel ro = rel(o);
    if (!(head(o) < 0 || ro == Rel::Ccomp || ro == Rel::Parataxis)) continue;
    bool agent = false;
    for (int k : t_.kids(x))
      if (rel(k) == Rel::OblAgent || rel(k) == Rel::Obj || (rel(k) == Rel::Obl && case_is(k, "by"))) agent = true;
    if (agent || t_.child(o, Rel::Cop) >= 0) continue;
    t_.head[u(x)] = head(o);
    t_.rel[u(x)] = head(o) < 0 ? Rel::Root : ro;
    t_.feat[u(x)] = static_cast<std::uint8_t>(t_.feat[u(x)] & ~(TreeView::kPassVoice | TreeView::kPart));
    t_.head[u(o)] = x;
    t_.rel[u(o)] = Rel::Nsubj;
    t_.link();  // the next repairs look for this verb's subject
  }
  // "Egyptian police opened fire to disperse demonstrators, security
  // sources said", parsed with "police" a bare (caseless) oblique of
  // "opened": a finite clause without a subject takes an actor noun before
  // its verb, with no preposition, as the subject.
  for (int v = 1; v < t_.n; ++v) {
    if (!t_.verbal(v)) continue;
    const Rel rv = rel(v);
    if (!(head(v) < 0 || rv == Rel::Ccomp || rv == Rel::Parataxis || rv == Rel::Root)) continue;
    bool has_subject = false;
    for (int k : t_.kids(v)) {
      const Rel rk = rel(k);
      if (rk == Rel::Nsubj || rk == Rel::NsubjPass || rk == Rel::Csubj || rk == Rel::Expl || rk == Rel::AuxPass)
        has_subject = true;
    }
    if (has_subject) continue;
    for (int k : t_.kids(v)) {
      if (k >= v) break;
      if ((rel(k) != Rel::Obl && rel(k) != Rel::OblTmod) || !t_.nominal(k) || t_.case_of(k) >= 0) continue;
      const auto actor_on = [&](int x) {
        for (const ActorMention& m : mentions_)
          if (usable(m) && strong_mention(m) && static_cast<int>(m.head) == x) return true;
        return false;
      };
      if (actor_on(k)) {
        t_.rel[u(k)] = Rel::Nsubj;
        changed = true;
        break;
      }
      // "A top U.S. official today praised Haiti", parsed with "official"
      // a modifier of "today": the actor hung on a time word before the
      // verb is the subject, the time word its own oblique.
      if (!one_of(lemma(k), {"today", "yesterday", "tonight", "tomorrow"})) continue;
      // The modifier itself names the actor, or is a noun whose own
      // modifier does ("a top U.S. official": "U.S." on "official").
      const auto named = [&](int c) {
        if (actor_on(c)) return true;
        if (!t_.nominal(c) && t_.pos[u(c)] != Pos::Adj) return false;
        for (int g : t_.kids(c))
          if ((rel(g) == Rel::Compound || rel(g) == Rel::Amod || rel(g) == Rel::NmodPoss) && actor_on(g)) return true;
        return false;
      };
      int sub = -1;
      for (int c : t_.kids(k))
        if (c < k && (rel(c) == Rel::Amod || rel(c) == Rel::Compound || rel(c) == Rel::Nmod) && named(c)) sub = c;
      if (sub < 0) continue;
      t_.head[u(sub)] = v;
      t_.rel[u(sub)] = Rel::Nsubj;
      changed = true;
      break;
    }
  }
  // "The Azerbaijani parliament threatened on Monday to break relations
  // with Russia", parsed as one noun phrase ("threatened" and "break" acl
  // of "parliament"): in a sentence rooted on a noun, a past participle
  // after it that shows an active clause (a perfect "has", an object or
  // clausal complement of its own, or a to-infinitive right after it) is
  // the main verb and the noun its subject. A bare participle ("three
  // soldiers killed in a blast") stays a reduced relative.
  if (changed) t_.link();
  for (int r = 0; r < t_.n; ++r) {
    if (head(r) >= 0 || (t_.pos[u(r)] != Pos::Noun && t_.pos[u(r)] != Pos::Propn)) continue;
    int v = -1, next = -1;
    for (int k : t_.kids(r)) {
      if (v >= 0) {
        if (next < 0 && k > v && rel(k) != Rel::Punct && rel(k) != Rel::Obl && rel(k) != Rel::Nmod) next = k;
        continue;
      }
      if (k > r && rel(k) == Rel::Acl && t_.pos[u(k)] == Pos::Verb) v = k;
    }
    if (v < 0 || !t_.has(v, TreeView::kPast) || !t_.form[u(v)].ends_with("ed") || case_is(v, "to")) continue;
    bool active = next >= 0 && rel(next) == Rel::Acl && case_is(next, "to");
    for (int k : t_.kids(v)) {
      Rel rk = rel(k);
      if ((rk == Rel::Aux && lemma(k) == "have") || rk == Rel::Obj || rk == Rel::Ccomp || rk == Rel::Xcomp ||
          (rk == Rel::Advcl && case_is(k, "to") && t_.has(k, TreeView::kInf)))
        active = true;
    }
    if (!active) break;
    std::vector<int> later;
    for (int k : t_.kids(r))
      if (k > v) later.push_back(k);
    t_.head[u(v)] = -1;
    t_.rel[u(v)] = Rel::Root;
    t_.feat[u(v)] = static_cast<std::uint8_t>(t_.feat[u(v)] & ~(TreeView::kPassVoice | TreeView::kPart));
    t_.head[u(r)] = v;
    t_.rel[u(r)] = Rel::Nsubj;
    for (int k : later) {
      if (rel(k) == Rel::Acl && case_is(k, "to")) t_.head[u(k)] = v, t_.rel[u(k)] = Rel::Xcomp;
      else if (rel(k) == Rel::Punct) t_.head[u(k)] = v;
    }
    t_.link();
    break;
  }
}

void SentenceCoder::run(std::vector<Event>& out) {
  if (!t_.build(sent_)) return;
  const auto n = u(t_.n);
  t_.lemma_id.resize(n);
  t_.form_id.resize(n);
  t_.stem_id.assign(n, kNoId);
  t_.stem2_id.assign(n, kNoId);
  if (s_.present.size() < idx_.lexicon.size()) s_.present.assign(idx_.lexicon.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    t_.lemma_id[i] = idx_.id(t_.lemma[i]);
    t_.form_id[i] = t_.form[i] == t_.lemma[i] ? t_.lemma_id[i] : idx_.id(t_.form[i]);
    if (t_.lemma_id[i] == kNoId) add_stems(i);
    for (std::uint32_t id : {t_.lemma_id[i], t_.form_id[i], t_.stem_id[i], t_.stem2_id[i]})
      if (id != kNoId) s_.present[id] = 1;
  }
  repair_hidden_verbs();
  auto& cands = s_.candidates;
  cands.clear();
  for (std::size_t i = 0; i < n; ++i) {
    Match best;
    int t = static_cast<int>(i);
    std::uint32_t keys[4] = {t_.lemma_id[i], t_.form_id[i], t_.stem_id[i], t_.stem2_id[i]};
    for (int k = 0; k < 4; ++k) {
      if (keys[k] == kNoId || std::find(keys, keys + k, keys[k]) != keys + k) continue;
      for (std::uint32_t p : idx_.by_trigger[keys[k]]) try_pattern(p, t, best);
    }
    if (best.pattern == kNoId) continue;
    Candidate c;
    c.trigger = t;
    c.m = std::move(best);
    cands.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::uint32_t id : {t_.lemma_id[i], t_.form_id[i], t_.stem_id[i], t_.stem2_id[i]})
      if (id != kNoId) s_.present[id] = 0;
  if (cands.empty()) return;
  auto rank = [&](const Candidate& c) {
    const EventPattern& p = coder_.patterns().pattern(c.m.pattern);
    return std::array<int, 3>{c.m.specificity, static_cast<int>(p.code.size()), -c.trigger};
  };
  // Violence reported by a verb that asserts a wrong: the report is the
  // event (an accusation or a claim), so the verb's own patterns stand aside.
  for (Candidate& c : cands) {
    const EventPattern& p = coder_.patterns().pattern(c.m.pattern);
    if (p.discard() || !place_target_code(p.code)) continue;
    c.accuser = accusing_verb(c.m.anchor);
    if (c.accuser < 0) continue;
    for (Candidate& r : cands)
      if (r.trigger == c.accuser) r.dropped = true;
  }
  // A trigger used as a word (or light verb) of another pattern is part of
  // that event, not an event of its own; when two use each other, the more
  // specific pattern keeps the words.
  for (Candidate& b : cands) {
    if (b.dropped) continue;
    for (const Candidate& a : cands) {
      if (&a == &b || a.dropped) continue;
      if (std::find(a.m.used.begin(), a.m.used.end(), b.trigger) == a.m.used.end()) continue;
      bool mutual = std::find(b.m.used.begin(), b.m.used.end(), a.trigger) != b.m.used.end();
      if (!mutual || rank(a) > rank(b)) {
        b.dropped = true;
        break;
      }
    }
  }
  for (Candidate& c : cands) {
    if (c.dropped) continue;
    if (background(c.m.anchor) || topic(c.trigger)) {
      c.dropped = true;
      continue;
    }
    if (coder_.patterns().pattern(c.m.pattern).discard()) {
      c.dropped = true;
      continue;
    }
    build_events(c);
    std::vector<int> list;
    compute_region(c.m.anchor, list, c.region);
  }
  // Content first: an event inside another coded predicate's phrase.
  // Wrapping: a statement or declared intention gives way to the event its
  // complement clause states ("announced it would free", "pledged to
  // expel"), and putting out a text to what the text says ("adopted a
  // resolution calling on Israel to withdraw" is the appeal); an appeal,
  // demand, accusation or threat keeps its content to itself ("urged X to
  // free Y" is not a release), and so does any event for what it is done
  // for ("offered troops to help him oust Aoun").
  for (Candidate& w : cands) {
    if (w.dropped || w.events.empty()) continue;
    for (Candidate& c : cands) {
      if (&c == &w || c.dropped || c.events.empty() || c.trigger == w.trigger) continue;
      if (c.m.anchor == w.trigger) {  // w is c's light verb
        w.dropped = true;
        break;
      }
      if (!w.region[u(c.trigger)]) continue;
      const std::string& wcode = w.events.front().cameo;
      if ((wrapper_code(wcode) || text_clause_of(w.m.anchor, c.m.anchor)) && !w.negated &&
          complement_of(w.m.anchor, c.m.anchor)) {
        w.dropped = true;
        if (root_of(wcode) == "03")
          for (Event& e : c.events)
            if (e.modality == Modality::Asserted) e.modality = Modality::Intended;
        break;
      }
      c.dropped = true;
    }
  }
  // Then elaboration: "bombarded the city, killing eight people" - the
  // participle tells more of the same act; coding it again would count one
  // attack twice.
  for (Candidate& c : cands) {
    if (c.dropped || c.events.empty()) continue;
    int a = c.m.anchor;
    if (rel(a) != Rel::Advcl || t_.child(a, Rel::Mark) >= 0 || t_.child(a, Rel::Nsubj) >= 0 ||
        !(t_.has(a, TreeView::kGer) || t_.has(a, TreeView::kPart)))
      continue;
    // Also when it hangs on the verb that reports the act ("X struck Y,
    // officials said, expanding its campaign against Y").
    int h = head(a);
    int reported = -1;
    if (h >= 0 && report_verb(lemma(h)) && rel(h) == Rel::Parataxis) reported = head(h);
    for (const Candidate& w : cands)
      if (&w != &c && !w.events.empty() &&
          (h == w.m.anchor || h == w.trigger || (reported >= 0 && (reported == w.m.anchor || reported == w.trigger)) ||
           (w.reporter >= 0 && w.reporter == h && report_verb(lemma(h))))) {
        c.dropped = true;
        break;
      }
  }
  // One event per code, source and target in a sentence ("attacked Iraq
  // and taken Mosul", reported as one accusation, is one accusation).
  const std::size_t first = out.size();
  for (Candidate& c : cands) {
    if (c.dropped) continue;
    for (Event& e : c.events) {
      bool dup = false;
      for (std::size_t k = first; k < out.size() && !dup; ++k) {
        const Event& p = out[k];
        auto code = [](const std::optional<EventActor>& a) { return a ? a->code : std::string(); };
        dup = p.cameo == e.cameo && code(p.source) == code(e.source) && code(p.target) == code(e.target);
      }
      if (!dup) out.push_back(std::move(e));
    }
  }
}

}  // namespace

std::string_view modality_name(Modality m) {
  switch (m) {
    case Modality::Asserted: return "asserted";
    case Modality::Future: return "future";
    case Modality::Intended: return "intended";
    case Modality::Possible: return "possible";
    case Modality::Obligation: return "obligation";
    case Modality::Conditional: return "conditional";
  }
  return "asserted";
}

std::string rejection_code(std::string_view code) {
  // CAMEO 12 (Reject) holds the refusals of the cooperative categories; a
  // negated cooperative code is coded as its matching refusal.
  struct Pair {
    std::string_view from, to;
  };
  static constexpr Pair kExact[] = {
      {"030", "120"},  {"031", "121"},  {"0311", "1211"}, {"0312", "1212"}, {"0313", "121"}, {"0314", "121"},
      {"032", "120"},  {"033", "122"},  {"0331", "1221"}, {"0332", "1222"}, {"0333", "1223"}, {"0334", "1224"},
      {"034", "123"},  {"0341", "1231"}, {"0342", "1232"}, {"0343", "1233"}, {"0344", "1234"}, {"035", "124"},
      {"0351", "1241"}, {"0352", "1242"}, {"0353", "1243"}, {"0354", "1244"}, {"0355", "1245"}, {"0356", "1246"},
      {"036", "125"},  {"037", "127"},  {"038", "126"},  {"039", "126"},  {"057", "127"},  {"061", "1211"},
      {"062", "1212"}, {"071", "1221"}, {"072", "1222"}, {"073", "1223"}, {"074", "1224"}, {"081", "1241"},
      {"082", "1242"}, {"083", "123"},  {"0831", "1231"}, {"0832", "1232"}, {"0833", "1233"}, {"0834", "1234"},
      {"084", "1243"}, {"0841", "1243"}, {"0842", "1243"}, {"085", "1244"}, {"086", "1245"}, {"0861", "1245"},
      {"0862", "1245"}, {"0863", "1245"}, {"087", "1246"}, {"0871", "1246"}, {"0872", "1246"}, {"0873", "1246"},
      {"0874", "1246"}};
  for (const Pair& p : kExact)
    if (p.from == code) return std::string(p.to);
  std::string_view r = root_of(code);
  if (r == "03" || r == "05") return "120";
  if (r == "06") return "121";
  if (r == "07") return "122";
  if (r == "08") return "124";
  return {};
}

std::string intent_code(std::string_view code) {
  // CAMEO 03 (express intent to cooperate) and 13 (threaten) are the
  // declared-intention forms of the material categories.
  struct Pair {
    std::string_view from, to;
  };
  static constexpr Pair kExact[] = {
      {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"071", "0331"}, {"072", "0332"},
      {"073", "0333"}, {"074", "0334"}, {"081", "0351"}, {"082", "0352"}, {"083", "034"},  {"0831", "0341"},
      {"0832", "0342"}, {"0833", "0343"}, {"0834", "0344"}, {"084", "0353"}, {"0841", "0353"}, {"0842", "0353"},
      {"085", "0354"}, {"086", "0355"}, {"0861", "0355"}, {"0862", "0355"}, {"0863", "0355"}, {"087", "0356"},
      {"0871", "0356"}, {"0872", "0356"}, {"0873", "0356"}, {"0874", "0356"}, {"161", "1313"}, {"162", "1311"},
      {"1621", "1311"}, {"1622", "1311"}, {"1623", "1311"}, {"163", "1312"}, {"172", "132"},  {"1721", "1321"},
      {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"}, {"191", "1381"}, {"192", "1382"}};
  for (const Pair& p : kExact)
    if (p.from == code) return std::string(p.to);
  std::string_view r = root_of(code);
  if (r == "04") return "036";
  if (r == "05") return "032";
  if (r == "06") return "031";
  if (r == "07") return "033";
  if (r == "08") return "035";
  if (r == "14") return "133";
  if (r == "16") return "131";
  if (r == "17") return "137";
  if (r == "18") return "1383";
  if (r == "19") return "1384";
  if (r == "20") return "1385";
  return {};
}

EventCoder::EventCoder(std::unique_ptr<CameoOntology> ontology, std::unique_ptr<EventPatterns> patterns,
                       CodingOptions options)
    : ontology_(std::move(ontology)), patterns_(std::move(patterns)), options_(options) {}
EventCoder::~EventCoder() = default;

std::unique_ptr<EventCoder> EventCoder::load_default(Diagnostics& diag, CodingOptions options) {
  std::string onto_path = CameoOntology::default_file();
  if (onto_path.empty()) {
    diag.error("data/events/cameo.tsv", 0, "CAMEO ontology not found (set KESTREL_DATA)");
    return nullptr;
  }
  auto onto = CameoOntology::load(onto_path, diag);
  if (!onto) return nullptr;
  auto files = EventPatterns::default_files();
  if (files.empty()) {
    diag.error("data/events", 0, "no patterns-*.txt files found");
    return nullptr;
  }
  auto patterns = EventPatterns::load(files, onto.get(), diag);
  return std::make_unique<EventCoder>(std::move(onto), std::move(patterns), options);
}

void EventCoder::code_sentence(const Document& doc, std::uint32_t sentence, std::span<const ActorMention> mentions,
                               std::vector<Event>& out) const {
  if (sentence >= doc.sentences.size()) return;
  const Sentence& s = doc.sentences[sentence];
  if (!options_.code_non_body && !is_codable(s.kind)) return;
  if (s.tokens.empty() || patterns_->size() == 0) return;
  thread_local Scratch scratch;
  SentenceCoder(*this, doc, sentence, mentions, scratch).run(out);
}

std::vector<Event> EventCoder::code_document(const Document& doc,
                                             const std::vector<std::vector<ActorMention>>& mentions) const {
  std::vector<Event> out;
  for (std::uint32_t i = 0; i < doc.sentences.size(); ++i) {
    std::span<const ActorMention> m;
    if (i < mentions.size()) m = mentions[i];
    code_sentence(doc, i, m, out);
  }
  return out;
}

}  // namespace kestrel
