// Quotations, their speakers, and the chain of attribution.
//
// Direct quotations are found by pairing quotation marks across the whole
// document, so a quotation may run over several sentences; nested marks
// (“democratization”) stay inside the outer quotation, and a paragraph that
// ends inside a quotation continues into the next one when that opens with a
// mark (the news convention for long quotations). Scare quotes of a few
// words with no speech verb next to them are not quotations.
//
// A speaker comes from the words after the closing mark (‘,” said X’ /
// ‘,” X said’), else from those before the opening one (‘X said: “’ /
// ‘X writes in his Telegram channel: “’), else from the previous sentence
// when it ends with a colon. Speakers are then named: an actor mention that
// covers the phrase, else the capitalized name in it, else ("the expert",
// "he") the nearest earlier named speaker, preferring one whose description
// shares the noun ("Political scientist Ihor Tyshkevich" for "the political
// scientist").
#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_set>

#include "doc/doc.h"
#include "doc/doc_internal.h"

namespace kestrel {
namespace {

using doc_internal::is_capitalized;

bool is_speech_verb(std::string_view lower_word) {
  return (doc_internal::word_classes(lower_word) & doc_internal::kSpeechVerb) != 0;
}

bool is_zero_that_verb(std::string_view w) {
  return w == "say" || w == "says" || w == "said" || w == "believe" || w == "believes" || w == "think" ||
         w == "thinks" || w == "argue" || w == "argues" || w == "argued" || w == "warned" || w == "warn" ||
         w == "warns" || w == "claimed" || w == "claims" || w == "insisted" || w == "insists";
}

bool starts_clause(std::string_view w) {
  return w == "the" || w == "a" || w == "an" || w == "he" || w == "she" || w == "it" || w == "they" ||
         w == "we" || w == "i" || w == "there" || w == "this" || w == "these" || w == "those" || w == "his" ||
         w == "her" || w == "their" || w == "its" || w == "our" || w == "no" || w == "all" || w == "most" ||
         w == "many";
}

bool is_pronoun(std::string_view w) { return w == "he" || w == "she"; }

bool is_plural_generic(std::string_view w) {
  return w == "they" || w == "we" || w == "experts" || w == "analysts" || w == "observers" || w == "officials" ||
         w == "sources" || w == "critics" || w == "residents" || w == "witnesses" || w == "representatives" ||
         w == "diplomats" || w == "people" || w == "some" || w == "others" || w == "many" || w == "reports" ||
         w == "media" || w == "i" || w == "you" || w == "it";
}

// Title words stripped from the front of a name: "President Lukashenko".
bool is_title(std::string_view w) {
  static const std::unordered_set<std::string_view> titles = {
      "president", "prime", "minister", "foreign", "defence", "defense", "secretary", "general", "mr", "mr.",
      "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "chancellor", "premier", "king", "queen", "prince",
      "senator", "sen.", "rep.", "governor", "gov.", "mayor", "spokesman", "spokeswoman", "spokesperson",
      "ambassador", "chairman", "colonel", "col.", "lieutenant", "lt.", "major", "captain", "commander",
      "vice", "deputy", "political", "scientist", "analyst", "expert", "professor", "prof.", "the", "a", "an",
      "and", "but", "so", "at", "in", "on", "this", "that", "former", "opposition", "leader", "pope", "sheikh",
      "emir", "state", "interior", "finance", "economy", "health", "justice", "chief", "head", "director"};
  return titles.count(w) > 0;
}

// Last words of organisation names, whose leading words are not titles:
// "the Foreign Ministry", "the Defence Ministry".
bool is_org_word(std::string_view w) {
  static const std::unordered_set<std::string_view> words = {
      "ministry", "office", "council", "committee", "agency", "service", "department", "party", "army",
      "forces", "police", "government", "parliament", "commission", "union", "bank", "court", "administration",
      "command", "staff", "guard", "embassy", "cabinet", "assembly", "secretariat", "presidency", "directorate"};
  return words.count(w) > 0;
}

// Nouns that describe a person before the name ("Political analyst Anna
// Petrova", "Kremlin spokesman Dmitry Peskov") are doc_internal::kDescriptor.

struct Pos {
  std::uint32_t s = 0, t = 0;
};

struct RawQuote {
  Pos open, close;  // the marks
  bool continued = false;  // continues the previous quotation (next paragraph)
};

struct Person {
  std::string name, description, code, entity;
  std::uint32_t pos = 0;  // where the person is introduced
};

class QuoteFinder {
 public:
  QuoteFinder(const Document& doc, const SentenceMentions& mentions, const doc_internal::LowerWords& lower)
      : doc_(doc), mentions_(mentions), lw_(lower) {
    find_described_people();
  }

  std::vector<Quote> run() {
    std::vector<Quote> out;
    std::vector<RawQuote> raw = pair_marks();
    in_quote_.assign(lw_.word_count(), 0);
    for (const RawQuote& q : raw) mark(q.open, q.close);
    // Direct quotations and, between them in text order, reported speech.
    std::vector<Quote> direct;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      Quote q = direct_quote(raw[i]);
      if (q.text.empty()) continue;
      if (raw[i].continued && !direct.empty()) {
        // The speaker of a long quotation is named once, usually at its end.
        Quote& prev = direct.back();
        if (prev.speaker.link == SpeakerLink::None && q.speaker.link != SpeakerLink::None) prev.speaker = q.speaker;
        if (q.speaker.link == SpeakerLink::None) q.speaker = prev.speaker;
      }
      if (!q.speaker.text.empty() || q.text.size() > 40 || count_words(q) >= 6) direct.push_back(std::move(q));
    }
    std::vector<Quote> indirect = reported_speech();
    std::merge(direct.begin(), direct.end(), indirect.begin(), indirect.end(), std::back_inserter(out),
               [](const Quote& a, const Quote& b) { return a.start < b.start; });
    // Name speakers in text order, so references find earlier names.
    for (Quote& q : out) name_speaker(q.speaker);
    // Continued quotations copied a speaker before it was named.
    for (std::size_t i = 1; i < out.size(); ++i)
      if (out[i].kind == QuoteKind::Direct && out[i].speaker.text == out[i - 1].speaker.text &&
          out[i].speaker.start == out[i - 1].speaker.start)
        out[i].speaker = out[i - 1].speaker;
    return out;
  }

 private:
  std::string_view w(std::uint32_t s, std::size_t t) const {
    auto words = lw_[s];
    return t < words.size() ? words[t] : std::string_view("");  // "": [0] reads a NUL, as with a std::string
  }
  bool inq(std::uint32_t s, std::size_t t) const { return in_quote_[lw_.word_index(s, t)] != 0; }
  bool has(std::uint32_t s, std::size_t t, std::uint32_t classes) const {
    auto c = lw_.classes(s);
    return t < c.size() && (c[t] & classes) != 0;
  }
  const Token& tok(Pos p) const { return doc_.sentences[p.s].tokens[p.t]; }

  static std::size_t count_words(const Quote& q) {
    std::size_t n = 1;
    for (char c : q.text) n += c == ' ';
    return n;
  }

  bool quotable(const Sentence& s) const {
    return s.kind == SegmentKind::Body || s.kind == SegmentKind::Title;
  }

  // Pairs quotation marks over the document's body sentences.
  std::vector<RawQuote> pair_marks() {
    std::vector<RawQuote> out;
    std::vector<Pos> stack;
    std::vector<bool> straight;
    bool carry = false;  // an unclosed quotation ended the last paragraph
    std::uint32_t paragraph = 0;
    Pos last_token{};
    bool have_last = false;
    for (std::uint32_t si = 0; si < doc_.sentences.size(); ++si) {
      const Sentence& s = doc_.sentences[si];
      if (!quotable(s) || s.tokens.empty()) continue;
      if (have_last && s.paragraph != paragraph) {
        // Paragraph break inside a quotation: close it here; it continues if
        // the next paragraph opens with a mark.
        if (!stack.empty()) {
          out.push_back({stack.front(), last_token, pending_continue_});
          pending_continue_ = false;
          stack.clear();
          straight.clear();
          carry = true;
        } else {
          carry = false;
        }
      }
      paragraph = s.paragraph;
      if (!(lw_.sentence_classes(si) & doc_internal::kQuoteMark)) {
        last_token = {si, static_cast<std::uint32_t>(s.tokens.size() - 1)};
        have_last = true;
        continue;
      }
      for (std::uint32_t t = 0; t < s.tokens.size(); ++t) {
        const std::string& f = s.tokens[t].form;
        Pos p{si, t};
        if (!has(si, t, doc_internal::kQuoteMark)) {
          last_token = p;
          have_last = true;
          continue;
        }
        bool is_straight = doc_internal::is_straight_quote(f);
        if (is_straight && !stack.empty() && straight.back()) {
          if (stack.size() == 1) out.push_back({stack.front(), p, false});
          stack.pop_back();
          straight.pop_back();
        } else if (doc_internal::is_open_quote(f)) {
          if (stack.empty() && carry && t == 0 && !out.empty()) pending_continue_ = true;
          stack.push_back(p);
          straight.push_back(is_straight);
          carry = false;
        } else if (doc_internal::is_close_quote(f) && !stack.empty()) {
          if (stack.size() == 1) {
            out.push_back({stack.front(), p, pending_continue_});
            pending_continue_ = false;
          }
          stack.pop_back();
          straight.pop_back();
        }
        last_token = p;
        have_last = true;
      }
    }
    if (!stack.empty()) out.push_back({stack.front(), last_token, pending_continue_});
    return out;
  }

  void mark(Pos open, Pos close) {
    for (std::uint32_t s = open.s; s <= close.s && s < doc_.sentences.size(); ++s) {
      const std::size_t n = doc_.sentences[s].tokens.size();
      if (n == 0) continue;
      std::uint32_t a = s == open.s ? open.t : 0;
      std::uint32_t b = s == close.s ? close.t : static_cast<std::uint32_t>(n - 1);
      for (std::uint32_t t = a; t <= b && t < n; ++t) in_quote_[lw_.word_index(s, t)] = 1;
    }
  }

  Speaker make_speaker(std::uint32_t s, std::size_t first, std::size_t last) const {
    Speaker sp;
    sp.sentence = s;
    const Sentence& sent = doc_.sentences[s];
    // Leading conjunctions and adverbs are not part of the speaker.
    while (first < last && (w(s, first) == "and" || w(s, first) == "but" || w(s, first) == "so" ||
                            w(s, first) == "also" || w(s, first) == "meanwhile"))
      ++first;
    // Nor trailing auxiliaries and adverbs ("has also said").
    while (last > first && (w(s, last) == "also" || w(s, last) == "has" || w(s, last) == "had" ||
                            w(s, last) == "have" || w(s, last) == "will" || w(s, last) == "would" ||
                            w(s, last) == "reportedly" || w(s, last) == "further" || w(s, last) == "then" ||
                            w(s, last) == "," || w(s, last) == "later" || w(s, last) == "once"))
      --last;
    sp.text = doc_internal::span_text(doc_, sent, static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last));
    sp.start = sent.tokens[first].start;
    sp.end = sent.tokens[last].end;
    return sp;
  }

  // A phrase with a verb of its own ("I am a fan as well and I", "it was")
  // is a clause, not a speaker.
  bool clause_like(std::uint32_t s, std::size_t first, std::size_t last) const {
    static const std::unordered_set<std::string_view> verbs = {
        "am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "can", "could", "should",
        "may", "might", "must", "shall", "'s", "'re", "'m", "want", "wants", "think", "know", "knew"};
    for (std::size_t k = first; k <= last; ++k)
      if (verbs.count(w(s, k))) return true;
    return false;
  }

  // The subject phrase ending just before word `verb`: back to the start of
  // the clause (punctuation, a quotation mark or the sentence start).
  std::optional<Speaker> subject_before(std::uint32_t s, std::size_t verb, std::size_t floor) const {
    if (verb == 0 || verb <= floor) return std::nullopt;
    std::size_t first = verb;
    while (first > floor) {
      std::string_view p = w(s, first - 1);
      const std::string& f = doc_.sentences[s].tokens[first - 1].form;
      if (p == "," || p == ";" || p == ":" || p == "." || p == "that" || p == "which" || p == "who" ||
          doc_internal::is_open_quote(f) || doc_internal::is_close_quote(f) || p == "\xE2\x80\x93" || p == "-")
        break;
      --first;
      if (verb - first > 10) return std::nullopt;
    }
    if (first >= verb || clause_like(s, first, verb - 1)) return std::nullopt;
    return make_speaker(s, first, verb - 1);
  }

  // Object phrase after a verb: ‘,” said Ihor Tyshkevich, a political scientist.’
  std::optional<Speaker> object_after(std::uint32_t s, std::size_t start) const {
    std::size_t n = doc_.sentences[s].tokens.size();
    std::size_t last = start;
    while (last < n) {
      std::string_view p = w(s, last);
      if (p == "," || p == "." || p == ";" || p == ":" || p == "in" || p == "on" || p == "at" || p == "who" ||
          p == "during" || p == "after" || p == "when" || p == "to" || p == "(" || p == "-" ||
          doc_internal::is_open_quote(doc_.sentences[s].tokens[last].form))
        break;
      ++last;
      if (last - start > 8) break;
    }
    if (last == start) return std::nullopt;
    return make_speaker(s, start, last - 1);
  }

  Quote direct_quote(const RawQuote& r) {
    Quote q;
    q.kind = QuoteKind::Direct;
    const Token& open = tok(r.open);
    const Token& close = tok(r.close);
    q.start = open.end;
    q.end = doc_internal::is_close_quote(close.form) && !(r.close.s == r.open.s && r.close.t == r.open.t)
                ? close.start
                : close.end;
    if (q.end <= q.start) return q;
    q.first_sentence = r.open.s;
    q.last_sentence = r.close.s;
    // Some sources space their marks: "“ Council tax payers …”".
    while (q.start < q.end && (doc_.text[q.start] == ' ' || doc_.text[q.start] == '\n')) ++q.start;
    while (q.end > q.start && (doc_.text[q.end - 1] == ' ' || doc_.text[q.end - 1] == '\n' || doc_.text[q.end - 1] == ',')) --q.end;
    if (q.end <= q.start) return q;
    q.text = doc_.text.substr(q.start, q.end - q.start);
    // After the closing mark: ‘,” the expert notes.’ / ‘,” said X.’
    {
      std::uint32_t s = r.close.s;
      std::size_t k = r.close.t + 1;
      if (w(s, k) == ",") ++k;
      std::size_t n = doc_.sentences[s].tokens.size();
      if (k < n && is_speech_verb(w(s, k))) {
        if (auto sp = object_after(s, k + 1)) {
          q.verb = w(s, k);
          q.speaker = *sp;
          return q;
        }
      }
      for (std::size_t v = k; v < n && v <= k + 8; ++v) {
        if (w(s, v) == "." || w(s, v) == ";" || doc_internal::is_open_quote(doc_.sentences[s].tokens[v].form)) break;
        if (is_speech_verb(w(s, v)) && v > k && !clause_like(s, k, v - 1)) {
          q.verb = w(s, v);
          q.speaker = make_speaker(s, k, v - 1);
          return q;
        }
      }
      // ‘“…” – the expert notes’ rarely; not handled.
    }
    // Before the opening mark: ‘X writes in his Telegram channel: “’.
    {
      std::uint32_t s = r.open.s;
      std::size_t o = r.open.t;
      for (std::size_t v = o; v-- > 0;) {
        if (inq(s, v)) break;
        if (is_speech_verb(w(s, v))) {
          if (auto sp = subject_before(s, v, 0)) {
            q.verb = w(s, v);
            q.speaker = *sp;
            return q;
          }
          // ‘said X: “’ / ‘according to X’: the phrase after the verb.
          if (auto sp = object_after(s, v + 1); sp && sp->end <= open.start) {
            q.verb = w(s, v);
            q.speaker = *sp;
            return q;
          }
        }
        if (w(s, v) == "to" && v > 0 && w(s, v - 1) == "according") {
          if (auto sp = object_after(s, v + 1)) {
            q.verb = "according to";
            q.speaker = *sp;
            return q;
          }
        }
      }
      // The previous sentence introduces it: ‘The analyst notes that …:’
      if (o == 0 && s > 0) {
        std::uint32_t ps = s - 1;
        const Sentence& prev = doc_.sentences[ps];
        if (!prev.tokens.empty() && w(ps, prev.tokens.size() - 1) == ":") {
          for (std::size_t v = 0; v < prev.tokens.size(); ++v)
            if (is_speech_verb(w(ps, v)) && !inq(ps, v)) {
              if (auto sp = subject_before(ps, v, 0)) {
                q.verb = w(ps, v);
                q.speaker = *sp;
                return q;
              }
            }
        }
      }
    }
    return q;
  }

  // "X notes that …", "X said on Monday that …", "according to X, …".
  std::vector<Quote> reported_speech() {
    std::vector<Quote> out;
    for (std::uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& sent = doc_.sentences[s];
      constexpr std::uint32_t kMayReport = doc_internal::kSpeechVerb | doc_internal::kAttribution;
      if (!quotable(sent) || !(lw_.sentence_classes(s) & kMayReport)) continue;
      std::size_t n = sent.tokens.size();
      for (std::size_t v = 0; v < n; ++v) {
        if (!has(s, v, kMayReport) || inq(s, v)) continue;
        std::string_view verb = w(s, v);
        std::size_t content = 0;
        std::optional<Speaker> sp;
        std::string verb_text(verb);
        if (is_speech_verb(verb) && verb != "saying" && verb != "asked" && verb != "continued") {
          // Skip a short adverbial or the addressee: "said on Monday that",
          // "told reporters that", "writes in his Telegram channel that".
          std::size_t k = v + 1;
          while (k < n && k <= v + 6 && w(s, k) != "that" && w(s, k) != "." && w(s, k) != ":" &&
                 !doc_internal::is_open_quote(sent.tokens[k].form) && !inq(s, k))
            ++k;
          if (k < n && w(s, k) == "that" && k + 1 < n) content = k + 1;
          // "Experts say the economy will shrink": no "that", but a clause
          // starts right after the verb.
          if (!content && v + 1 < n && is_zero_that_verb(verb) && starts_clause(w(s, v + 1))) content = v + 1;
          if (!content) continue;
          sp = subject_before(s, v, 0);
          if (!sp) continue;
        } else if (verb == "according" && v + 1 < n && w(s, v + 1) == "to") {
          std::size_t k = v + 2;
          while (k < n && w(s, k) != ",") ++k;
          if (k + 1 >= n || k == v + 2) continue;
          sp = make_speaker(s, v + 2, k - 1);
          content = k + 1;
          verb_text = "according to";
          // "…, according to X." puts the content first.
          if (v > 0 && w(s, v - 1) == ",") {
            std::size_t end = v - 1;
            if (end == 0) continue;
            Quote q;
            q.kind = QuoteKind::Indirect;
            q.start = sent.tokens[0].start;
            q.end = sent.tokens[end - 1].end;
            q.first_sentence = q.last_sentence = s;
            q.text = doc_.text.substr(q.start, q.end - q.start);
            q.verb = verb_text;
            std::size_t e = v + 2;
            while (e < n && w(s, e) != "." && w(s, e) != ",") ++e;
            if (e == v + 2) continue;
            q.speaker = make_speaker(s, v + 2, e - 1);
            out.push_back(std::move(q));
            continue;
          }
        } else {
          continue;
        }
        // The clause runs to the end of the sentence or to a quotation.
        std::size_t end = content;
        while (end < n && !inq(s, end)) ++end;
        while (end > content && (w(s, end - 1) == "." || w(s, end - 1) == ":" || w(s, end - 1) == ",")) --end;
        if (end <= content) continue;
        Quote q;
        q.kind = QuoteKind::Indirect;
        q.start = sent.tokens[content].start;
        q.end = sent.tokens[end - 1].end;
        q.first_sentence = q.last_sentence = s;
        q.text = doc_.text.substr(q.start, q.end - q.start);
        q.verb = verb_text;
        q.speaker = *sp;
        out.push_back(std::move(q));
        v = end;
      }
    }
    return out;
  }

  // People introduced with a description, who may be referred to later by
  // it: "Political analyst Anna Petrova ... The analyst writes".
  void find_described_people() {
    for (std::uint32_t si = 0; si < doc_.sentences.size(); ++si) {
      const Sentence& s = doc_.sentences[si];
      if (!quotable(s) || !(lw_.sentence_classes(si) & doc_internal::kDescriptor)) continue;
      for (std::size_t t = 0; t + 2 < s.tokens.size(); ++t) {
        if (!has(si, t, doc_internal::kDescriptor)) continue;
        std::size_t e = t + 1;
        while (e < s.tokens.size() && is_capitalized(s.tokens[e].form) && !is_title(w(si, e))) ++e;
        if (e - (t + 1) < 2) continue;
        std::size_t d = t;
        while (d > 0 && t - d < 2 && std::isalpha(static_cast<unsigned char>(w(si, d - 1)[0])) &&
               w(si, d - 1) != "the" && w(si, d - 1) != "a" && w(si, d - 1) != "and")
          --d;
        Person p;
        p.name = doc_internal::span_text(doc_, s, static_cast<std::uint32_t>(t + 1), static_cast<std::uint32_t>(e - 1));
        p.description = doc_internal::lower(
            doc_internal::span_text(doc_, s, static_cast<std::uint32_t>(d), static_cast<std::uint32_t>(e - 1)));
        p.pos = s.tokens[d].start;
        people_.push_back(std::move(p));
        t = e - 1;
      }
    }
  }

  // The latest person introduced before byte `pos` (whose description holds
  // `noun` when given).
  const Person* person_before(std::uint32_t pos, std::string_view noun) const {
    const Person* best = nullptr;
    for (const Person& p : people_) {
      if (p.pos >= pos) continue;
      if (!noun.empty() && p.description.find(noun) == std::string::npos) continue;
      if (!best || p.pos >= best->pos) best = &p;  // on a tie, the later entry (linked to an actor)
    }
    return best;
  }

  // Fills name/code/link of a speaker whose text and span are set.
  void name_speaker(Speaker& sp) {
    if (sp.text.empty() || sp.link != SpeakerLink::None) return;
    const Sentence& sent = doc_.sentences[sp.sentence];
    std::size_t first = 0, last = 0;
    bool found = false;
    for (std::size_t t = 0; t < sent.tokens.size(); ++t) {
      if (sent.tokens[t].start == sp.start) { first = t; found = true; }
      if (found && sent.tokens[t].end == sp.end) { last = t; break; }
    }
    if (!found) return;
    // The actor stage's reading wins.
    if (sp.sentence < mentions_.size()) {
      for (const ActorMention& m : mentions_[sp.sentence]) {
        if (m.last < first || m.first > last || m.kind == "agent" || m.kind == "unresolved") continue;
        sp.code = m.code;
        sp.entity = m.entity;
        sp.name = m.entity_name.empty() ? m.text : m.entity_name;
        sp.link = SpeakerLink::Actor;
        if (m.kind == "person" || m.kind == "pronoun") remember(sp);
        return;
      }
    }
    // The last run of capitalized words, titles dropped from its front:
    // "Political scientist Ihor Tyshkevich" -> "Ihor Tyshkevich",
    // "President Volodymyr Zelensky" -> "Volodymyr Zelensky"; organisations
    // keep theirs ("the Foreign Ministry").
    std::size_t run_end = 0, run_start = 0;
    bool have = false;
    for (std::size_t t = last + 1; t-- > first;) {
      bool cap = is_capitalized(sent.tokens[t].form);
      if (cap && !have) { have = true; run_end = run_start = t; }
      else if (cap && have && run_start == t + 1) run_start = t;
      else if (have) break;
    }
    if (have && !is_org_word(w(sp.sentence, run_end))) {
      while (run_start < run_end && is_title(w(sp.sentence, run_start))) ++run_start;
      if (is_title(w(sp.sentence, run_start))) have = false;
    }
    // "Experts note", "Officials said": capitalized only because they open
    // the sentence; nobody in particular.
    if (have && run_start == run_end && is_plural_generic(w(sp.sentence, run_start))) return;
    // "He said": capitalized by the sentence start; a reference, not a name.
    if (have && run_start == run_end && is_pronoun(w(sp.sentence, run_start))) have = false;
    // "David Wyss of Standard & Poor's": the person, not the firm.
    if (have && run_start > first) {
      std::string_view before = w(sp.sentence, run_start - 1);
      if (before == "of" || before == "&" || before == "at" || before == "from") {
        std::size_t e = run_start - 1;
        while (e > first && !is_capitalized(sent.tokens[e - 1].form)) --e;
        std::size_t b = e;
        while (b > first && is_capitalized(sent.tokens[b - 1].form)) --b;
        while (b < e && is_title(w(sp.sentence, b))) ++b;
        if (e >= b + 2) {
          run_start = b;
          run_end = e - 1;
        }
      }
    }
    if (have) {
      std::string name = doc_internal::span_text(doc_, sent, static_cast<std::uint32_t>(run_start),
                                                 static_cast<std::uint32_t>(run_end));
      // A surname alone takes the full name given earlier: "Tyshkevich".
      if (run_start == run_end) {
        const Person* full = nullptr;
        for (const Person& p : people_)
          if (p.pos < sp.start && p.name.size() > name.size() && p.name.ends_with(" " + name) &&
              (!full || p.pos > full->pos))
            full = &p;
        if (full) name = full->name;
      }
      sp.name = name;
      sp.link = SpeakerLink::Name;
      remember(sp);
      return;
    }
    // "the expert", "he": the nearest earlier named speaker, preferring one
    // whose description shares the head noun.
    std::string head(w(sp.sentence, last));
    bool singular_reference =
        is_pronoun(head) || ((w(sp.sentence, first) == "the" || w(sp.sentence, first) == "this") &&
                             !is_plural_generic(head) && !head.ends_with("s"));
    if (!singular_reference) return;
    const Person* pick = is_pronoun(head) ? nullptr : person_before(sp.start, head);
    if (!pick) pick = person_before(sp.start, "");
    if (!pick) return;
    sp.name = pick->name;
    sp.code = pick->code;
    sp.entity = pick->entity;
    sp.link = SpeakerLink::Reference;
  }

  void remember(const Speaker& sp) {
    people_.push_back({sp.name, doc_internal::lower(sp.text), sp.code, sp.entity, sp.start});
  }

  const Document& doc_;
  const SentenceMentions& mentions_;
  const doc_internal::LowerWords& lw_;
  std::vector<char> in_quote_;  // per word of the document (LowerWords::word_index)
  std::vector<Person> people_;
  bool pending_continue_ = false;
};

// The name in a phrase: its capitalized words, titles dropped.
std::string name_in(const Document& doc, const Sentence& s, std::size_t first, std::size_t last) {
  while (first <= last && !is_capitalized(s.tokens[first].form)) ++first;
  while (last > first && !is_capitalized(s.tokens[last].form)) --last;
  if (first > last || !is_capitalized(s.tokens[first].form)) return {};
  return doc_internal::span_text(doc, s, static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last));
}

}  // namespace

std::vector<Quote> doc_internal::find_quotes(const Document& doc, const SentenceMentions& mentions,
                                             const LowerWords& lower) {
  return QuoteFinder(doc, mentions, lower).run();
}

// "X writes, citing Y", "according to X", "X told Reuters", "(Reuters)".
std::vector<Attribution> doc_internal::find_attributions(const Document& doc, const LowerWords& lower) {
  std::vector<Attribution> out;
  for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    const auto w = lower[si];
    const auto cls = lower.classes(si);
    std::size_t n = w.size();
    auto capitalized_run = [&](std::size_t from) {
      std::size_t k = from;
      while (k < n && (is_capitalized(s.tokens[k].form) || ((w[k] == "of" || w[k] == "the") && k > from))) ++k;
      while (k > from && !is_capitalized(s.tokens[k - 1].form)) --k;
      return k;  // one past the run
    };
    if (s.kind == SegmentKind::Dateline) {
      for (std::size_t k = 0; k + 2 < n; ++k)
        if (w[k] == "(" && is_capitalized(s.tokens[k + 1].form)) {
          std::size_t e = capitalized_run(k + 1);
          if (e < n && w[e] == ")") {
            Attribution a;
            a.source = doc_internal::span_text(doc, s, static_cast<std::uint32_t>(k + 1), static_cast<std::uint32_t>(e - 1));
            a.verb = "dateline";
            a.sentence = si;
            a.start = s.tokens[k].start;
            a.end = s.tokens[e].end;
            out.push_back(std::move(a));
          }
        }
      continue;
    }
    if (s.kind != SegmentKind::Body && s.kind != SegmentKind::Title) continue;
    if (!(lower.sentence_classes(si) & doc_internal::kAttribution)) continue;
    for (std::size_t k = 0; k < n; ++k) {
      if (!(cls[k] & doc_internal::kAttribution)) continue;
      if ((w[k] == "citing" || w[k] == "quoting") && k + 1 < n) {
        // What is cited runs to the next punctuation: "citing Rador",
        // "citing a source in the defence ministry".
        std::size_t from = k + 1;
        std::size_t e = from;
        while (e < n && e - from < 10 && w[e] != "," && w[e] != "." && w[e] != ";" && w[e] != ":" &&
               w[e] != "that" && w[e] != "as" && w[e] != "(" && !doc_internal::is_open_quote(s.tokens[e].form))
          ++e;
        if (e == from) continue;
        Attribution a;
        a.cites = doc_internal::span_text(doc, s, static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(e - 1));
        // The relaying source is the subject of the verb before: "Nezavisimaya
        // Gazeta writes, citing".
        std::size_t v = k;
        while (v > 0 && (w[v - 1] == "," || w[v - 1] == "on" || w[v - 1] == "monday")) --v;
        if (v > 0 && is_speech_verb(w[v - 1])) {
          a.verb = w[v - 1];
          std::size_t subj_end = v - 1;
          std::size_t subj = subj_end;
          while (subj > 0 && w[subj - 1] != "," && w[subj - 1] != "." && subj_end - subj < 8) --subj;
          a.source = name_in(doc, s, subj, subj_end - 1);
          a.start = s.tokens[subj].start;
        } else {
          a.verb = w[k];
          a.start = s.tokens[k].start;
        }
        a.end = s.tokens[e - 1].end;
        a.sentence = si;
        out.push_back(std::move(a));
      } else if (w[k] == "according" && k + 2 < n && w[k + 1] == "to") {
        std::size_t from = k + 2;
        if (w[from] == "the") ++from;
        std::size_t e = capitalized_run(from);
        if (e == from) continue;
        Attribution a;
        a.source = doc_internal::span_text(doc, s, static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(e - 1));
        a.verb = "according to";
        a.sentence = si;
        a.start = s.tokens[k].start;
        a.end = s.tokens[e - 1].end;
        out.push_back(std::move(a));
      } else if ((w[k] == "told" || w[k] == "tells") && k + 1 < n && is_capitalized(s.tokens[k + 1].form)) {
        // "he told Reuters": the outlet that carried the words.
        std::size_t e = capitalized_run(k + 1);
        if (e < n && (w[e] == "that" || w[e] == "on" || w[e] == "." || w[e] == "," || w[e] == "in")) {
          Attribution a;
          a.source = doc_internal::span_text(doc, s, static_cast<std::uint32_t>(k + 1), static_cast<std::uint32_t>(e - 1));
          a.verb = w[k];
          a.sentence = si;
          a.start = s.tokens[k].start;
          a.end = s.tokens[e - 1].end;
          out.push_back(std::move(a));
        }
      } else if ((w[k] == "reported" || w[k] == "reports") && k > 0 && is_capitalized(s.tokens[k - 1].form) &&
                 (k + 1 >= n || w[k + 1] == "." || w[k + 1] == "," || w[k + 1] == "on") &&
                 !(k + 2 < n && (w[k + 2] == "citing" || w[k + 2] == "quoting"))) {
        // "…, the Interfax news agency reported." / "Reuters reported on Monday."
        std::size_t subj = k;
        while (subj > 0 && (is_capitalized(s.tokens[subj - 1].form) || w[subj - 1] == "the") && k - subj < 6) --subj;
        Attribution a;
        a.source = name_in(doc, s, subj, k - 1);
        if (a.source.empty()) continue;
        a.verb = w[k];
        a.sentence = si;
        a.start = s.tokens[subj].start;
        a.end = s.tokens[k].end;
        out.push_back(std::move(a));
      }
    }
  }
  return out;
}

}  // namespace kestrel
