#include <algorithm>

#include "doc/doc.h"
#include "doc/doc_internal.h"

namespace kestrel {

std::string_view date_resolution_name(DateResolution r) {
  switch (r) {
    case DateResolution::None: return "none";
    case DateResolution::Year: return "year";
    case DateResolution::Month: return "month";
    case DateResolution::Week: return "week";
    case DateResolution::Day: return "day";
  }
  return "none";
}

std::string_view date_origin_name(DateOrigin o) {
  switch (o) {
    case DateOrigin::None: return "none";
    case DateOrigin::Explicit: return "explicit";
    case DateOrigin::Relative: return "relative";
    case DateOrigin::Publication: return "publication";
    case DateOrigin::RunDate: return "run_date";
  }
  return "none";
}

std::string_view publication_source_name(PublicationSource s) {
  switch (s) {
    case PublicationSource::None: return "none";
    case PublicationSource::Metadata: return "metadata";
    case PublicationSource::Dateline: return "dateline";
    case PublicationSource::RunDate: return "run_date";
  }
  return "none";
}

std::string_view date_modifier_name(DateModifier m) {
  switch (m) {
    case DateModifier::None: return "";
    case DateModifier::Start: return "start";
    case DateModifier::Mid: return "mid";
    case DateModifier::End: return "end";
    case DateModifier::Before: return "before";
    case DateModifier::After: return "after";
    case DateModifier::Approximate: return "approximate";
  }
  return "";
}

std::string_view quote_kind_name(QuoteKind k) { return k == QuoteKind::Direct ? "direct" : "indirect"; }

std::string_view speaker_link_name(SpeakerLink s) {
  switch (s) {
    case SpeakerLink::None: return "none";
    case SpeakerLink::Actor: return "actor";
    case SpeakerLink::Name: return "name";
    case SpeakerLink::Reference: return "reference";
  }
  return "none";
}

std::string_view location_origin_name(LocationOrigin o) {
  switch (o) {
    case LocationOrigin::None: return "none";
    case LocationOrigin::Sentence: return "sentence";
    case LocationOrigin::Dateline: return "dateline";
  }
  return "none";
}

namespace doc_internal {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string> lower_forms(const Sentence& s) {
  std::vector<std::string> out;
  out.reserve(s.tokens.size());
  for (const Token& t : s.tokens) {
    // ’ (U+2019) -> ' so "’s" and "'s" are one form.
    std::string f;
    f.reserve(t.form.size());
    for (std::size_t i = 0; i < t.form.size(); ++i) {
      if (t.form.compare(i, 3, "\xE2\x80\x99") == 0) {
        f.push_back('\'');
        i += 2;
      } else {
        char c = t.form[i];
        f.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

namespace {

std::uint64_t fnv_step(std::uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ULL; }
constexpr std::uint64_t kFnvSeed = 0xcbf29ce484222325ULL;

// The words of each class, in one open-addressing table keyed by the FNV-1a
// hash of the lower-cased form (the same hash LowerWords computes while it
// lower-cases, so a lookup costs one probe or two).
class ClassTable {
 public:
  ClassTable() {
    add(kDateStart, {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
                     "sept.", "oct.", "nov.", "dec.", "monday", "tuesday", "wednesday", "thursday", "friday",
                     "saturday", "sunday", "yesterday", "today", "tomorrow", "tonight", "last", "this", "next",
                     "past", "previous", "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight",
                     "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                     "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty"});
    add(kSpeechVerb,
        {"say", "says", "said", "saying", "tell", "tells", "told", "note", "notes", "noted", "believe", "believes",
         "believed", "write", "writes", "wrote", "add", "adds", "added", "state", "states", "stated", "declare",
         "declares", "declared", "announce", "announces", "announced", "claim", "claims", "claimed", "argue",
         "argues", "argued", "insist", "insists", "insisted", "warn", "warns", "warned", "explain", "explains",
         "explained", "stress", "stresses", "stressed", "emphasize", "emphasizes", "emphasized", "emphasise",
         "emphasises", "emphasised", "assert", "asserts", "asserted", "acknowledge", "acknowledges", "acknowledged",
         "admit", "admits", "admitted", "deny", "denies", "denied", "confirm", "confirms", "confirmed", "suggest",
         "suggests", "suggested", "predict", "predicts", "predicted", "think", "thinks", "thought", "recall",
         "recalls", "recalled", "continue", "continues", "continued", "ask", "asks", "asked", "urge", "urges",
         "urged", "report", "reports", "reported", "tweet", "tweets", "tweeted", "posted", "posts", "concluded",
         "concludes", "remarked", "remarks", "observed", "observes", "pointed", "points", "replied", "replies",
         "responded", "responds", "agreed", "agrees", "estimated", "estimates", "complained", "complains",
         "alleged", "alleges", "maintained", "maintains", "reiterated", "reiterates"});
    add(kDescriptor, {"analyst", "scientist", "expert", "minister", "spokesman", "spokeswoman", "spokesperson",
                      "leader", "president", "commander", "official", "journalist", "correspondent", "economist",
                      "professor", "researcher", "director", "chief", "head", "ambassador", "secretary", "mayor",
                      "governor", "lawyer", "activist", "blogger", "politician", "general", "envoy", "diplomat",
                      "senator", "chancellor", "premier", "observer", "historian", "adviser", "advisor",
                      "candidate", "deputy", "lawmaker", "chairman", "editor"});
    add(kFuture, {"will", "'ll", "shall", "upcoming", "scheduled", "plans", "planned", "expected", "going"});
    add(kAttribution, {"citing", "quoting", "according", "told", "tells", "reported", "reports"});
    add(kLandmark, {"nuclear", "power", "plant", "air", "base", "airbase", "airfield", "airport", "international",
                    "military", "steel", "steelworks", "bridge", "npp", "station"});
  }

  std::uint32_t find(std::uint64_t h, std::string_view w) const {
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t slot = h & kMask; slots_[slot].word != 0; slot = (slot + 1) & kMask)
      if (slots_[slot].tag == tag && words_[slots_[slot].word - 1] == w) return slots_[slot].bits;
    return 0;
  }

 private:
  // ~400 words in 1,024 slots of 8 bytes: the table stays in L1 and a word
  // that is in no class (most) costs one probe.
  static constexpr std::size_t kSize = 1024, kMask = kSize - 1;
  struct Slot {
    std::uint32_t tag = 0;    // high half of the hash
    std::uint16_t word = 0;   // index into words_ + 1; 0 = empty
    std::uint16_t bits = 0;
  };

  void add(std::uint32_t bit, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
      std::uint64_t h = kFnvSeed;
      for (char c : w) h = fnv_step(h, static_cast<unsigned char>(c));
      std::size_t slot = h & kMask;
      while (slots_[slot].word != 0 && words_[slots_[slot].word - 1] != w) slot = (slot + 1) & kMask;
      if (slots_[slot].word == 0) {
        words_.push_back(w);
        slots_[slot].word = static_cast<std::uint16_t>(words_.size());
        slots_[slot].tag = static_cast<std::uint32_t>(h >> 32);
      }
      slots_[slot].bits = static_cast<std::uint16_t>(slots_[slot].bits | bit);
    }
  }

  Slot slots_[kSize];
  std::vector<std::string_view> words_;
};

const ClassTable& class_table() {
  static const ClassTable table;
  return table;
}

}  // namespace

bool may_be_quote(std::string_view f);

std::uint32_t word_classes(std::string_view lower_word) {
  std::uint64_t h = kFnvSeed;
  for (char c : lower_word) h = fnv_step(h, static_cast<unsigned char>(c));
  return class_table().find(h, lower_word);
}

LowerWords::LowerWords(const Document& doc) {
  const ClassTable& table = class_table();
  // One pass over the tokens (they are large: touching them is most of the
  // cost): forms go into the buffer, which may grow, so their places are
  // kept as offsets and made views at the end.
  buffer_.reserve(doc.text.size() + 64);
  std::vector<std::uint32_t> ends;
  offsets_.reserve(doc.sentences.size() + 1);
  sentence_classes_.reserve(doc.sentences.size());
  offsets_.push_back(0);
  for (const Sentence& s : doc.sentences) {
    std::uint32_t all = 0;
    for (const Token& t : s.tokens) {
      const std::size_t begin = buffer_.size();
      std::uint64_t h = kFnvSeed;
      const std::string& f = t.form;
      const std::size_t n = f.size();
      for (std::size_t i = 0; i < n; ++i) {
        auto c = static_cast<unsigned char>(f[i]);
        // ’ (U+2019) -> ' so "’s" and "'s" are one form.
        if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(f[i + 1]) == 0x80 &&
            static_cast<unsigned char>(f[i + 2]) == 0x99) {
          c = '\'';
          i += 2;
        } else if (c >= 'A' && c <= 'Z') {
          c = static_cast<unsigned char>(c - 'A' + 'a');
        }
        buffer_.push_back(static_cast<char>(c));
        h = fnv_step(h, c);
      }
      std::string_view w(buffer_.data() + begin, buffer_.size() - begin);  // valid until the buffer grows
      std::uint32_t bits = table.find(h, w);
      if (!w.empty() && ((w[0] >= '0' && w[0] <= '9') || w.starts_with("mid-"))) bits |= kDateStart;
      if (is_capitalized(f)) bits |= kCapitalized;
      if (may_be_quote(f)) bits |= kQuoteMark;
      ends.push_back(static_cast<std::uint32_t>(buffer_.size()));
      classes_.push_back(bits);
      all |= bits;
    }
    offsets_.push_back(ends.size());
    sentence_classes_.push_back(all);
  }
  words_.reserve(ends.size());
  std::uint32_t begin = 0;
  for (std::uint32_t end : ends) {
    words_.emplace_back(buffer_.data() + begin, end - begin);
    begin = end;
  }
}

bool is_capitalized(std::string_view form) {
  if (form.empty()) return false;
  auto c = static_cast<unsigned char>(form[0]);
  if (c >= 'A' && c <= 'Z') return true;
  // Latin-1 and Latin Extended-A capitals: À-Þ (C3 80-9E), and the even
  // code points of Ā-ž that are capitals (C4/C5 xx).
  if (form.size() >= 2 && c == 0xC3) {
    auto d = static_cast<unsigned char>(form[1]);
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  if (form.size() >= 2 && (c == 0xC4 || c == 0xC5)) return (static_cast<unsigned char>(form[1]) & 1) == 0;
  return false;
}

std::string span_text(const Document& doc, const Sentence& s, std::uint32_t first, std::uint32_t last) {
  if (first >= s.tokens.size() || last >= s.tokens.size() || first > last) return {};
  std::uint32_t a = s.tokens[first].start, b = s.tokens[last].end;
  if (b > doc.text.size() || a > b) return {};
  return doc.text.substr(a, b - a);
}

// Every quotation mark starts with one of these bytes; most words are
// rejected on the first.
bool may_be_quote(std::string_view f) {
  if (f.empty()) return false;
  auto c = static_cast<unsigned char>(f[0]);
  return c == '"' || c == 0xE2 || c == 0xC2 || c == '`' || c == '\'';
}

bool is_open_quote(std::string_view f) {
  if (!may_be_quote(f)) return false;
  return f == "\"" || f == "\xE2\x80\x9C" || f == "\xC2\xAB" || f == "\xE2\x80\x9E" || f == "``";
}
bool is_close_quote(std::string_view f) {
  if (!may_be_quote(f)) return false;
  return f == "\"" || f == "\xE2\x80\x9D" || f == "\xC2\xBB" || f == "''";
}
bool is_straight_quote(std::string_view f) { return f == "\""; }

bool future_tense(Words w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::string_view f = w[i];
    if (f == "will" || f == "'ll" || f == "shall" || f == "upcoming" || f == "scheduled" ||
        f == "plans" || f == "planned" || f == "expected")
      return true;
    if (f == "going" && i + 1 < w.size() && w[i + 1] == "to") return true;
  }
  return false;
}

}  // namespace doc_internal
}  // namespace kestrel
