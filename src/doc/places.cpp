// Toponyms in the text, resolved against the gazetteer with the document as
// context.
//
// Finding: capitalized word runs looked up longest-first (up to six words,
// lower-case connectors such as "of" allowed inside: "Republic of Belarus").
// A run glued to other capitalized words ("George Washington", "Paris
// Hilton") is a name, not a place; a lone sentence-initial word must be a
// country, a division or a large town to count, since "Police" and "Nice"
// are towns too.
//
// Resolving: each reading of a name (Tripoli in Libya or Lebanon) scores a
// prior from its kind and population, then gains when its country is named
// elsewhere in the document (two passes: unambiguous names first), when a
// qualifier follows ("Paris, Texas"), and, for landmarks, when the word for
// the kind of landmark follows ("the Matsyulishchi military airfield").
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <optional>
#include <map>
#include <set>
#include <unordered_set>

#include "base/model_file.h"  // fnv1a64
#include "doc/doc.h"
#include "doc/doc_internal.h"

namespace kestrel {
namespace {

using doc_internal::is_capitalized;

constexpr std::size_t kMaxWords = 6;
constexpr std::size_t kMaxReadings = 64;  // postings are sorted by prior; the rest never win

bool is_connector(std::string_view w) {
  return w == "of" || w == "de" || w == "del" || w == "la" || w == "el" || w == "al" || w == "-" || w == "and" ||
         w == "upon" || w == "on" || w == "the" || w == "da" || w == "do" || w == "dos" || w == "das" || w == "van";
}

// Capitalized words that are towns somewhere but, standing alone, are nearly
// always ordinary words (capitalized by a sentence start or a title), names,
// or places no country stands for.
bool is_common_capital(std::string_view w) {
  static const std::unordered_set<std::string_view> words = {
      "of", "most", "police", "nice", "reading", "mobile", "said", "bath", "split", "orange", "man", "deal",
      "hope", "liberty", "independence", "progress", "union", "unity", "university", "opposition", "president",
      "minister", "government", "general", "state", "national", "central", "north", "south", "east", "west",
      "new", "white", "black", "red", "green", "christmas", "but", "if", "as", "so", "he", "she", "we", "they",
      "it", "this", "that", "there", "when", "while", "after", "before", "since", "however", "meanwhile", "also",
      "experts", "analysts", "officials", "good", "bad", "why", "how", "what", "who", "where", "some", "many",
      "more", "other", "one", "two", "three", "first", "last", "next", "only", "both", "each", "all", "any",
      "no", "yes", "mr", "mrs", "ms", "dr", "sir", "lord", "saint", "st", "innovation", "photo", "related",
      "read", "see", "watch", "video", "live", "update", "breaking", "victory", "paradise", "friendship",
      "commerce", "industry", "enterprise", "freedom", "harmony", "concord", "eden", "globe", "energy", "opportunity",
      "success", "security", "defence", "defense", "justice", "peace", "republic", "kingdom", "empire", "navy",
      "army", "march", "may", "june", "august", "april", "january", "date", "place", "time", "day", "week",
      "year", "month", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
      "tomorrow", "yesterday", "in", "on", "at", "the", "a", "an", "and", "or", "for", "to", "by", "with",
      "from", "against", "despite", "during", "under", "over", "about", "among", "between", "through", "bar",
      "page", "media", "sale", "home", "mission", "marathon", "chase", "buy", "sell", "trade", "ban", "win", "lose", "even", "says", "say", "asked", "told", "let", "much", "court",
      // Continents: places, but no country can stand for them.
      "asia", "europe", "africa", "antarctica", "oceania", "eurasia",
      // Adjectives and demonyms that are also towns somewhere.
      "english", "british", "brits", "welsh", "scottish", "irish", "french", "german", "american",
      "americans", "european", "african", "asian", "dutch", "spanish", "italian", "russian", "chinese"};
  return words.count(w) > 0;
}

// Capitalized only because they open a sentence: a place after them is not
// glued to a name ("In Beijing", but "George Washington").
bool is_function_word(std::string_view w) {
  static const std::unordered_set<std::string_view> words = {
      "in", "on", "at", "the", "a", "an", "and", "but", "or", "for", "to", "by", "with", "from", "against",
      "despite", "during", "under", "over", "about", "among", "between", "through", "if", "as", "so", "when",
      "while", "after", "before", "since", "however", "meanwhile", "also", "this", "that", "there", "it", "he",
      "she", "we", "they", "near", "outside", "inside", "across", "around", "into", "toward", "towards", "like",
      "unlike", "until", "both", "neither", "either", "even", "only", "yet", "nor", "of", "off", "via", "per"};
  return words.count(w) > 0;
}

bool is_locative(std::string_view w) {
  return w == "in" || w == "at" || w == "near" || w == "outside" || w == "inside" || w == "across" ||
         w == "around" || w == "throughout" || w == "into" || w == "towards" || w == "toward" || w == "within" ||
         w == "off" || w == "on";
}

// Words between a locative preposition and the name: "in the Belarusian
// capital of Minsk", "near the city of Bakhmut".
bool is_place_filler(std::string_view w) {
  return w == "the" || w == "city" || w == "town" || w == "village" || w == "capital" || w == "region" ||
         w == "province" || w == "district" || w == "of" || w == "northern" || w == "southern" || w == "eastern" ||
         w == "western" || w == "central" || w == "port" || w == "occupied" || w == "besieged" || w == "embattled" ||
         w == "disputed" || w == "frontline" || w == "front-line" || w == "southeastern" || w == "northeastern" ||
         w == "southwestern" || w == "northwestern" || w == "neighbouring" || w == "neighboring" || w == "nearby";
}

// Lower-case words that may continue a landmark's name ("the Zaporizhzhia
// nuclear power plant", "the Engels air base") are doc_internal::kLandmark.

// Nouns that say a name is a landmark of the given GeoNames feature.
bool landmark_noun_fits(std::string_view noun, std::string_view feature) {
  if (feature == "AIRB") return noun == "airfield" || noun == "airbase" || noun == "base" || noun == "aerodrome";
  if (feature == "AIRP") return noun == "airport";
  if (feature == "PS") return noun == "plant" || noun == "station" || noun == "npp";
  if (feature == "MFG") return noun == "plant" || noun == "steelworks" || noun == "works" || noun == "factory";
  if (feature == "BDG") return noun == "bridge";
  if (feature == "MILB") return noun == "base" || noun == "prison" || noun == "camp";
  return false;
}

struct Candidate {
  std::uint32_t sentence = 0, first = 0, last = 0;
  std::vector<std::uint32_t> readings;
  std::vector<double> prior;
  bool locative = false;
  bool dateline = false;
  bool sentence_initial = false;
  std::string qualifier_key;  // normalized word after ", " ("texas" in "Paris, Texas")
  std::optional<std::uint32_t> landmark_noun;  // word index of "airfield", ...
  std::string noun;
  bool speaks = false;  // "Jackson said": a speaker, so a person or a government
  double top = 0, z = 1;  // softmax of the priors: reading r is exp(prior[r] - top) / z likely
};

// How likely candidate `c` is to stand in `country`, from its priors alone
// (the share of its readings' softmax that lies there).
double own_share(const Gazetteer& g, const Candidate& c, std::string_view country) {
  double sum = 0;
  for (std::size_t r = 0; r < c.readings.size(); ++r)
    if (g.country(c.readings[r]) == country) sum += std::exp(c.prior[r] - c.top) / c.z;
  return sum;
}

bool is_speech_word(std::string_view w) {
  return w == "said" || w == "says" || w == "told" || w == "added" || w == "wrote" || w == "writes" ||
         w == "argued" || w == "insisted" || w == "warned" || w == "announced" || w == "tweeted";
}

double prior_of(const Gazetteer& g, std::uint32_t idx) {
  PlaceKind k = g.kind(idx);
  double pop = std::log10(static_cast<double>(g.population(idx)) + 1.0);
  switch (k) {
    case PlaceKind::Country: return 9.0;
    // A division's population is the sum of its towns', so its log grows
    // slowly: "Washington" and "New York" are the cities more often than
    // the states in the news.
    case PlaceKind::Admin1: return 4.0 + 0.2 * pop;
    case PlaceKind::Region: return 7.0;
    case PlaceKind::Landmark: return 6.0;
    case PlaceKind::City: {
      std::string_view f = g.feature(idx);
      double base = f == "PPLC" ? 4.0 : f == "PPLA" ? 2.5 : f == "PPLA2" ? 1.5 : 1.0;
      return base + 0.7 * pop;
    }
  }
  return 0;
}

}  // namespace

std::vector<PlaceMention> doc_internal::find_places(const Document& doc, const Gazetteer& g,
                                                   const SentenceMentions& mentions, const LowerWords& lower) {
  std::vector<Candidate> cands;
  std::set<std::string> surnames;
  std::string key;  // normalized name, reused
  std::vector<char> actor;  // per sentence, reused
  // Names recur within a document ("Beijing" eight times, "The" opening
  // every other sentence): a small direct-mapped cache of lookups answers
  // the repeats without touching the gazetteer's (cold) memory again.
  struct Memo {
    std::uint64_t hash = 0;
    std::uint8_t size = 0;
    char key[47] = {};
    std::span<const std::uint32_t> hits;
  };
  std::vector<Memo> memo(256);
  auto lookup = [&](std::string_view k) -> std::span<const std::uint32_t> {
    if (k.empty() || k.size() > sizeof(Memo::key)) return g.lookup_key(k);
    const std::uint64_t h = fnv1a64(k);
    Memo& m = memo[h & 255];
    if (m.size == k.size() && m.hash == h && std::memcmp(m.key, k.data(), k.size()) == 0) return m.hits;
    m.hash = h;
    m.size = static_cast<std::uint8_t>(k.size());
    std::memcpy(m.key, k.data(), k.size());
    m.hits = g.lookup_key(k);
    return m.hits;
  };
  const std::string_view text(doc.text);
  for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (s.kind == SegmentKind::Caption || s.kind == SegmentKind::Bullet || s.kind == SegmentKind::Byline) continue;
    if (!(lower.sentence_classes(si) & doc_internal::kCapitalized)) continue;
    const auto w = lower[si];
    const auto cls = lower.classes(si);
    auto capitalized = [&](std::size_t k) { return (cls[k] & doc_internal::kCapitalized) != 0; };
    // Words that the actor stage says are people or organisations (a
    // state's name, "Beijing" for China, is still a place).
    actor.assign(s.tokens.size(), 0);
    if (si < mentions.size())
      for (const ActorMention& m : mentions[si])
        if (!m.place && m.kind != "state" && m.kind != "country" && m.kind != "unresolved")
          for (std::uint32_t k = m.first; k <= m.last && k < actor.size(); ++k) actor[k] = true;
    bool parsed = std::any_of(s.tokens.begin(), s.tokens.end(), [](const Token& t) { return !t.upos.empty() && t.upos != "_"; });
    std::size_t start_of_clause = 0;  // first word after a sentence start, quote or colon
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
      const std::string& f = s.tokens[i].form;
      if (!capitalized(i)) {
        // Most words are none of these; their first byte says so.
        const auto c0 = f.empty() ? 0 : static_cast<unsigned char>(f[0]);
        if ((c0 == ':' || c0 == '-' || c0 == '(' || c0 == 0xE2 || (cls[i] & doc_internal::kQuoteMark)) &&
            (doc_internal::is_open_quote(f) || f == ":" || f == "-" || f == "\xE2\x80\x94" || f == "\xE2\x80\x93" ||
             f == "\xE2\x80\xA2" || f == "("))
          start_of_clause = i + 1;
        continue;
      }
      if (actor[i]) continue;
      // Longest run first.
      std::size_t best_last = 0;
      std::span<const std::uint32_t> best;
      for (std::size_t len = std::min(kMaxWords, s.tokens.size() - i); len >= 1; --len) {
        std::size_t last = i + len - 1;
        bool landmark = (cls[last] & doc_internal::kLandmark) != 0;
        if (!capitalized(last) && w[last] != "d.c." && !landmark) continue;
        bool ok = true;
        for (std::size_t k = i + 1; k < last && ok; ++k)
          ok = capitalized(k) || is_connector(w[k]) || s.tokens[k].form == "." ||
               (landmark && (cls[k] & doc_internal::kLandmark));
        if (!ok) continue;
        doc_internal::normalize_place_name(text.substr(s.tokens[i].start, s.tokens[last].end - s.tokens[i].start), key);
        auto hits = lookup(key);
        if (!hits.empty()) {
          best = hits;
          best_last = last;
          break;
        }
      }
      if (best.empty()) continue;
      Candidate c;
      c.sentence = si;
      c.first = static_cast<std::uint32_t>(i);
      c.last = static_cast<std::uint32_t>(best_last);
      c.dateline = s.kind == SegmentKind::Dateline;
      c.sentence_initial = i == start_of_clause;
      std::size_t next = best_last + 1;
      // Part of a longer name: "George Washington", "Jordan Peterson",
      // "Paris Saint-Germain". Skipped as a whole.
      bool glued_before = i > start_of_clause && is_capitalized(s.tokens[i - 1].form) && !c.dateline &&
                          s.tokens[i - 1].end + 1 == s.tokens[i].start && !is_function_word(w[i - 1]);
      bool glued_after = next < s.tokens.size() && is_capitalized(s.tokens[next].form) && !c.dateline &&
                         s.tokens[next].start == s.tokens[best_last].end + 1;
      bool glued_word = next < s.tokens.size() && s.tokens[next].start == s.tokens[best_last].end &&
                        (std::isalnum(static_cast<unsigned char>(s.tokens[next].form[0])) ||
                         s.tokens[next].form == "-");  // "Belarusian-Chinese", "LukashenkoPhoto"
      if (glued_before || glued_word || actor[best_last]) {
        // "Alex Ferguson": later, "Ferguson" alone is his surname too.
        if (glued_before && best_last == i) surnames.insert(f);
        i = best_last;
        continue;
      }
      if (glued_after) {
        // "Minsk Region" would have matched whole; a capitalized word after
        // a place name is a name ("Washington Post") unless the place is a
        // country or division ("Russia Today" excepted, alas).
        bool big = g.kind(best[0]) == PlaceKind::Country;
        if (!big) {
          i = best_last;
          continue;
        }
      }
      if (parsed && c.first == c.last && s.tokens[i].upos != "PROPN" && g.kind(best[0]) == PlaceKind::City) continue;
      c.speaks = next < s.tokens.size() && is_speech_word(w[next]);
      for (std::size_t k = i, steps = 0; k > 0 && steps < 5; --k, ++steps) {
        std::string_view p = w[k - 1];
        if (is_locative(p)) { c.locative = true; break; }
        if (!is_place_filler(p) && !(is_capitalized(s.tokens[k - 1].form) && steps > 0)) break;
      }
      if (next + 1 < s.tokens.size() && w[next] == "," && is_capitalized(s.tokens[next + 1].form))
        c.qualifier_key = kestrel::normalize_place_name(s.tokens[next + 1].form);
      for (std::size_t k = next; k < s.tokens.size() && k <= next + 2; ++k) {
        if (w[k] == "airfield" || w[k] == "airbase" || w[k] == "airport" || w[k] == "base" || w[k] == "plant" ||
            w[k] == "station" || w[k] == "bridge" || w[k] == "steelworks" || w[k] == "aerodrome" || w[k] == "npp") {
          c.landmark_noun = static_cast<std::uint32_t>(k);
          c.noun = w[k];
          break;
        }
        if (w[k].empty() || !std::isalpha(static_cast<unsigned char>(w[k][0])) || is_capitalized(s.tokens[k].form)) break;
      }
      std::size_t n = std::min(best.size(), kMaxReadings);
      c.readings.assign(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(n));
      for (auto r : c.readings) c.prior.push_back(prior_of(g, r));
      cands.push_back(std::move(c));
      i = best_last;
    }
  }

  // Pass 1: how likely each mention is to stand in each country, from the
  // priors alone (a softmax, so "Virginia" counts mostly for the US and
  // "Tripoli" mostly for Libya). Summed, this is the document's context.
  std::map<std::string, double> context;  // alpha-3 -> expected mentions
  std::map<std::string, double> context_admin;  // "USA:TX" -> expected mentions
  for (std::size_t ci = 0; ci < cands.size(); ++ci) {
    auto& c = cands[ci];
    c.top = *std::max_element(c.prior.begin(), c.prior.end());
    c.z = 0;
    for (double p : c.prior) c.z += std::exp(p - c.top);
    for (std::size_t r = 0; r < c.readings.size(); ++r) {
      double prob = std::exp(c.prior[r] - c.top) / c.z;
      std::string country(g.country(c.readings[r]));
      context[country] += prob;
      if (g.kind(c.readings[r]) == PlaceKind::Admin1) {
        std::string_view admin1 = g.admin1(c.readings[r]);
        if (admin1.size() > 3) context_admin[country + ":" + std::string(admin1.substr(3))] += prob;
      }
    }
  }
  if (!mentions.empty())
    for (const auto& sm : mentions)
      for (const ActorMention& m : sm)
        if (!m.country.empty()) context[m.country] += 0.5;

  // Pass 2: score every reading with the context.
  std::vector<PlaceMention> out;
  for (std::size_t ci = 0; ci < cands.size(); ++ci) {
    const auto& c = cands[ci];
    const Sentence& s = doc.sentences[c.sentence];
    double best_score = -1e9;
    std::size_t best = 0;
    std::uint32_t max_pop = 0;
    for (auto r : c.readings) max_pop = std::max(max_pop, g.population(r));
    for (std::size_t r = 0; r < c.readings.size(); ++r) {
      std::uint32_t idx = c.readings[r];
      std::string country(g.country(idx));
      double score = c.prior[r];
      // Context picks between comparable readings (Tripoli in Libya or
      // Lebanon) but does not move "London" to a Kentucky village because
      // the story is about the US: readings 50 times smaller than the
      // largest need a qualifier ("Paris, Texas").
      bool dwarfed = g.kind(idx) == PlaceKind::City &&
                     static_cast<double>(std::max<std::uint32_t>(g.population(idx), 1000)) * 50 < max_pop;
      // Other mentions vouch for a country; a mention never vouches for itself.
      double ctx = context[country] - own_share(g, c, country);
      if (ctx > 0.05 && !dwarfed) score += 4.0 * std::min(1.0, ctx) + std::min(2.0, std::max(0.0, ctx - 1.0));
      if (g.kind(idx) == PlaceKind::City && !context_admin.empty()) {
        std::string_view admin1 = g.admin1(idx);
        auto dot = admin1.find('.');
        if (dot != std::string_view::npos) {
          auto a = context_admin.find(country + ":" + std::string(admin1.substr(dot + 1)));
          if (a != context_admin.end()) score += 3.0 * std::min(1.0, a->second);
        }
      }
      if (!c.qualifier_key.empty()) {
        for (std::uint32_t q : g.lookup_key(c.qualifier_key)) {
          bool match = g.country(q) == country;
          if (match && g.kind(q) == PlaceKind::Admin1) {
            std::string_view admin1 = g.admin1(idx), q_admin1 = g.admin1(q);
            auto dot = admin1.find('.');
            match = dot != std::string_view::npos && q_admin1.size() > 3 && admin1.substr(dot + 1) == q_admin1.substr(3);
          }
          if (match) { score += 8.0; break; }
        }
      }
      if (g.kind(idx) == PlaceKind::Landmark) {
        // "Machulishchy" alone is the town; "the Machulishchy airfield" the
        // base. A landmark with no town of its name nearby ("Heathrow")
        // needs no noun.
        bool town_too = false;
        for (auto r2 : c.readings) town_too = town_too || (g.kind(r2) == PlaceKind::City && g.country(r2) == country);
        if (c.landmark_noun && landmark_noun_fits(c.noun, g.feature(idx))) score += 6.0;
        else if (town_too) score -= 6.0;
      }
      if (score > best_score) {
        best_score = score;
        best = r;
      }
    }
    std::uint32_t idx = c.readings[best];
    PlaceKind kind = g.kind(idx);
    // A lone capitalized word opening a clause, or a small town nobody
    // points to, is more likely a word or a name ("Johnson", "Welsh") than
    // a place; an acronym is an organisation ("EU", "SEC") unless it names
    // a country ("US", "UAE").
    bool strong = kind != PlaceKind::City || g.population(idx) >= 100000 || c.dateline;
    bool supported = c.locative || c.first != c.last || !c.qualifier_key.empty() ||
                     (context[std::string(g.country(idx))] - own_share(g, c, g.country(idx)) > 0.5 &&
                      g.population(idx) >= 20000);
    const std::string& form = s.tokens[c.first].form;
    bool acronym = c.first == c.last && form.size() <= 5 &&
                   std::all_of(form.begin(), form.end(), [](char ch) { return (ch >= 'A' && ch <= 'Z') || ch == '.'; });
    if (acronym && kind == PlaceKind::City && !c.dateline) continue;
    if (c.first == c.last && is_common_capital(lower[c.sentence][c.first])) continue;
    if (c.first == c.last && !c.locative && kind == PlaceKind::City && surnames.count(s.tokens[c.first].form)) continue;
    // A town that speaks is a person ("Jackson said"); a capital or country
    // that speaks is its government, and still names the place.
    if (c.speaks && !c.locative && kind == PlaceKind::City && g.feature(idx) != "PPLC") continue;
    if (c.sentence_initial && !strong && !c.locative) continue;
    if (!strong && !supported) continue;
    PlaceMention m;
    m.sentence = c.sentence;
    m.first = c.first;
    m.last = (kind == PlaceKind::Landmark && c.landmark_noun) ? *c.landmark_noun : c.last;
    m.start = s.tokens[m.first].start;
    m.end = s.tokens[m.last].end;
    m.text = doc_internal::span_text(doc, s, m.first, m.last);
    m.place = idx;
    m.resolved = g.place(idx);
    m.score = best_score;
    m.candidates = static_cast<std::uint32_t>(c.readings.size());
    m.locative = c.locative;
    m.dateline = c.dateline;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace kestrel
