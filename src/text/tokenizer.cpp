// UD English-EWT tokenization. The conventions below were read off the EWT
// training data (counts in comments are from en_ewt-ud-train); where EWT is
// inconsistent we follow its majority.
#include "text/tokenizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "text/utf8.h"

namespace kestrel::text_internal {
namespace {

enum class Cls : std::uint8_t { Space, Newline, Letter, Digit, Other };

struct Ch {
  char32_t cp = 0;
  std::uint32_t len = 1;
  Cls cls = Cls::Other;
};

constexpr std::array<Cls, 128> make_ascii_table() {
  std::array<Cls, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c == '\n') t[c] = Cls::Newline;
    else if (c < 0x20 || c == ' ' || c == 0x7f) t[c] = Cls::Space;  // controls separate tokens
    else if (c >= '0' && c <= '9') t[c] = Cls::Digit;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') t[c] = Cls::Letter;
    else t[c] = Cls::Other;
  }
  return t;
}
constexpr std::array<Cls, 128> kAscii = make_ascii_table();

Cls classify(char32_t cp) {
  if (cp < 128) return kAscii[cp];
  if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) return Cls::Newline;
  if (cp == 0x200B || cp == 0xFEFF || cp == 0x2060) return Cls::Space;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_CF:  // soft hyphen, joiners: part of the word they sit in
      return Cls::Letter;
    case UTF8PROC_CATEGORY_ND: return Cls::Digit;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC: return Cls::Space;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return Cls::Newline;
    default: return Cls::Other;
  }
}

inline Ch char_at(std::string_view text, std::uint32_t pos) {
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return Ch{c, 1, kAscii[c]};
  char32_t cp = 0;
  std::size_t len = utf8::decode(text, pos, cp);
  if (len == 0) return Ch{0xFFFD, 1, Cls::Other};
  return Ch{cp, static_cast<std::uint32_t>(len), classify(cp)};
}

inline bool is_word(Cls c) { return c == Cls::Letter || c == Cls::Digit; }
inline bool is_blank(Cls c) { return c == Cls::Space || c == Cls::Newline; }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

template <std::size_t N>
bool in_list(std::string_view word, const std::string_view (&list)[N]) {
  for (auto w : list)
    if (iequals(word, w)) return true;
  return false;
}

template <std::size_t N>
bool in_list_exact(std::string_view word, const std::string_view (&list)[N]) {
  for (auto w : list)
    if (word == w) return true;
  return false;
}

// Prefixes EWT keeps attached to the rest of a hyphenated word ("non-bondad",
// "e-mail", "co-workers"); every other hyphen between letters is split
// ("Al - Zaman", "so - called": 736 splits against 400 kept in train).
constexpr std::string_view kHyphenPrefixes[] = {
    "e", "non", "pre", "anti", "mid", "re", "post", "co", "over", "pro", "multi", "ex",
    "sub", "semi", "cross", "neo", "psycho", "socio", "arch", "counter", "intra", "inter", "un"};

// "un-", "Un-" but not "UN-backed".
bool is_hyphen_prefix(std::string_view w) {
  if (!in_list(w, kHyphenPrefixes)) return false;
  for (std::size_t i = 1; i < w.size(); ++i)
    if (w[i] >= 'A' && w[i] <= 'Z') return false;
  return true;
}

// Abbreviations whose period belongs to the token ("Dr.", "etc.").
// Titles almost never end a sentence; the others often do.
constexpr std::string_view kTitles[] = {
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Gov",
    "Sen", "Rep", "Reps", "Rev", "Fr", "Hon", "Pres", "Supt", "Det", "Insp", "Cpl", "Pvt", "Brig", "Mme", "Sens", "Drs"};
constexpr std::string_view kAbbreviations[] = {
    "Inc", "Co", "Corp", "Ltd", "Bros", "Jr", "Sr", "St", "Ave", "Blvd", "Rd", "Mt", "Ft", "Jan", "Feb", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs",
    "Fri", "Sat", "etc", "vs", "al", "approx", "dept", "Dept", "est", "ext", "fig", "Fig", "govt", "Govt", "vol",
    "Vol", "pp", "cf", "ca", "sq", "oz", "lbs", "yrs", "hrs", "mins", "Attn", "Tel", "Esq", "Univ", "Assn", "Calif",
    "Wash", "Penn", "eg", "Ph", "Sts", "PS", "ect", "Pvt",
    // References and measures in edited text: "Fig. 3", "ch. 4", "1 tsp. salt".
    "Fig", "Figs", "figs", "Ch", "ch", "Sec", "sec", "Eq", "eq", "Vols", "vols", "ed", "eds", "incl", "esp",
    "min", "hr", "yr", "wk", "tsp", "tbsp", "resp", "viz", "ibid", "cit", "seq", "orig", "misc", "Inst", "Assoc",
    "assoc", "Dist", "Div", "Bldg", "Atty"};

// Top-level domains and file extensions that keep "name.ext" whole.
constexpr std::string_view kExtensions[] = {
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "uk", "ca", "au", "de", "fr", "ru", "cn",
    "jp", "nz", "ie", "za", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "txt", "htm", "html", "php",
    "asp", "aspx", "jsp", "cfm", "jpg", "jpeg", "png", "gif", "mp3", "zip", "exe", "csv", "xml"};

// Letters glued to a number split off when they are a unit or a word ("5 m",
// "10 k", "2 pm", "10 minutes": 50, 20, 12 in train); ordinals, decades and
// codes stay whole ("10th", "1990s", "83N", "3G").
constexpr std::string_view kUnits[] = {
    "m", "k", "b", "bn", "mn", "am", "pm", "mm", "cm", "km", "kg", "mg", "g", "ft", "lb", "lbs", "oz", "x", "hh",
    "f", "hz", "khz", "mhz", "ghz", "kb", "mb", "gb", "tb", "sq", "min", "mins", "hr", "hrs", "sec", "mph", "kph",
    "kw", "mw", "gw", "kwh", "ml", "yr", "yrs", "pc", "p", "t", "tn", "bbl", "c"};
bool splits_from_number(std::string_view s) {
  if (iequals(s, "th") || iequals(s, "st") || iequals(s, "nd") || iequals(s, "rd") || iequals(s, "s")) return false;
  if (s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z' && s != "M" && s != "K" && s != "B") return false;
  return s.size() >= 4 || in_list(s, kUnits);
}

// Multi-word tokens written without an apostrophe, with their cut points.
struct Fused {
  std::string_view word;
  std::uint8_t cut1, cut2;  // cut2 == 0: two words
};
constexpr Fused kFused[] = {
    {"cannot", 3, 0},  {"gonna", 3, 0},   {"wanna", 3, 0},    {"gotta", 3, 0},   {"outta", 3, 0},
    {"dunno", 2, 3},   {"dont", 2, 0},    {"didnt", 3, 0},    {"doesnt", 4, 0},  {"cant", 2, 0},
    {"wont", 2, 0},    {"couldnt", 5, 0}, {"wouldnt", 5, 0},  {"shouldnt", 6, 0}, {"isnt", 2, 0},
    {"arent", 3, 0},   {"wasnt", 3, 0},   {"werent", 4, 0},   {"havent", 4, 0},  {"hasnt", 3, 0},
    {"hadnt", 3, 0},   {"aint", 2, 0},    {"im", 1, 0},       {"ive", 1, 0},     {"thats", 4, 0},
    {"whats", 4, 0},   {"theres", 5, 0},  {"heres", 4, 0},    {"hes", 2, 0},     {"youre", 3, 0},
    {"theyre", 4, 0},  {"youll", 3, 0},   {"itll", 2, 0},     {"youve", 3, 0},   {"theyve", 4, 0},
    {"weve", 2, 0},    {"elses", 4, 0},   {"sorta", 4, 0},
};

// Finds `w` (2 to 8 ASCII letters, any case) in kFused. Called for most
// words, so it first rejects by length and first letter.
const Fused* find_fused(std::string_view w) {
  static const auto index = [] {
    // For each (length, first letter): bit set of kFused entries.
    std::array<std::array<std::uint64_t, 26>, 9> bits{};
    for (std::size_t k = 0; k < std::size(kFused); ++k)
      bits[kFused[k].word.size()][kFused[k].word[0] - 'a'] |= std::uint64_t{1} << k;
    return bits;
  }();
  static_assert(std::size(kFused) <= 64);
  char c = lower(w[0]);
  if (c < 'a' || c > 'z') return nullptr;
  std::uint64_t candidates = index[w.size()][c - 'a'];
  while (candidates) {
    int k = __builtin_ctzll(candidates);
    candidates &= candidates - 1;
    if (iequals(w, kFused[k].word)) return &kFused[k];
  }
  return nullptr;
}

// Words after which "its" is "it" + "s" rather than the possessive.
constexpr std::string_view kItsIsNext[] = {
    "not", "a", "an", "the", "really", "very", "so", "just", "all", "been", "like", "also",
    "still", "nothing", "definitely", "simply", "too", "going", "getting", "ok", "okay", "now", "always", "never"};

// Emoticons kept as one token when they stand alone.
constexpr std::string_view kEmoticons[] = {
    ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ";-)", ">:(", ":'(", "^_^", ":)", ":(", ":D", ":P", ":p", ":/", ":O",
    ":o", ":]", ":[", ":|", ":S", ";)", ";(", ";P", ";D", "=)", "=(", "=D", "^^", "<3", "(:"};

class Scanner {
 public:
  Scanner(std::string_view text, std::vector<SurfaceToken>& out) : text_(text), out_(out) {}

  void run(std::uint32_t begin, std::uint32_t end) {
    space_ = begin == 0 || preceded_by_space(begin);
    std::uint32_t pos = begin;
    while (pos < end) {
      unsigned char b = static_cast<unsigned char>(text_[pos]);
      if (b < 0x80) {
        Cls c = kAscii[b];
        if (c == Cls::Space) { space_ = true; ++pos; continue; }
        if (c == Cls::Newline) { space_ = true; note_newline(); ++pos; continue; }
      } else {
        Ch c = char_at(text_, pos);
        if (c.cls == Cls::Space) { space_ = true; pos += c.len; continue; }
        if (c.cls == Cls::Newline) { space_ = true; note_newline(); pos += c.len; continue; }
      }
      std::uint32_t chunk_end = pos;
      while (chunk_end < end) {
        unsigned char cb = static_cast<unsigned char>(text_[chunk_end]);
        if (cb < 0x80) {
          if (is_blank(kAscii[cb])) break;
          ++chunk_end;
        } else {
          Ch c = char_at(text_, chunk_end);
          if (is_blank(c.cls)) break;
          chunk_end += c.len;
        }
      }
      chunk(pos, std::min(chunk_end, end));
      pos = chunk_end;
    }
  }

 private:
  std::string_view text_;
  std::vector<SurfaceToken>& out_;
  bool space_ = true;
  std::uint8_t newlines_ = 0;
  // An opening single quote is waiting for its closing one, so "parents'"
  // reads as a closing quote rather than a plural possessive.
  bool open_single_ = false;
  std::uint32_t open_single_at_ = 0;
  std::uint32_t chunk_start_ = 0;
  std::uint32_t chunk_end_ = 0;

  bool preceded_by_space(std::uint32_t pos) const {
    for (std::uint32_t back = 1; back <= 4 && back <= pos; ++back) {
      unsigned char b = static_cast<unsigned char>(text_[pos - back]);
      if ((b & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead byte
      Ch c = char_at(text_, pos - back);
      return c.len == back && is_blank(c.cls);
    }
    return false;
  }

  void note_newline() {
    if (newlines_ < 2) ++newlines_;
    if (newlines_ >= 2) open_single_ = false;  // quotes do not run across paragraphs
  }

  std::string_view view(std::uint32_t a, std::uint32_t b) const { return text_.substr(a, b - a); }

  Ch at(std::uint32_t pos) const {
    if (pos >= chunk_end_) return Ch{0, 0, Cls::Space};
    return char_at(text_, pos);
  }

  SurfaceToken& emit(std::uint32_t a, std::uint32_t b, std::uint8_t flags = 0) {
    SurfaceToken t;
    t.start = a;
    t.end = b;
    t.flags = flags;
    t.space_before = space_;
    t.newlines_before = newlines_;
    space_ = false;
    newlines_ = 0;
    out_.push_back(t);
    return out_.back();
  }

  void emit_mwt(std::uint32_t a, std::uint32_t cut1, std::uint32_t cut2, std::uint32_t b) {
    if (cut1 <= a || cut1 >= b || (cut2 != 0 && (cut2 <= cut1 || cut2 >= b))) {
      emit(a, b);
      return;
    }
    SurfaceToken& t = emit(a, b);
    t.words = cut2 ? 3 : 2;
    t.cut[0] = cut1;
    t.cut[1] = cut2 ? cut2 : b;
  }

  // --- chunks (maximal runs without whitespace) --------------------------

  void chunk(std::uint32_t a, std::uint32_t b) {
    chunk_start_ = a;
    chunk_end_ = b;
    if (open_single_ && a > open_single_at_ + 400) open_single_ = false;
    std::uint32_t atom_a = 0, atom_b = 0;
    if (find_atomic(a, b, atom_a, atom_b)) {
      pieces(a, atom_a);
      emit(atom_a, atom_b, kUrl);
      pieces(atom_b, b);
    } else {
      pieces(a, b);
    }
  }

  // URLs, e-mail addresses and hyphenated domain names are kept whole; finds
  // one in the chunk (without surrounding brackets, quotes and final
  // punctuation). File names and plain domains are joined in word().
  bool find_atomic(std::uint32_t a, std::uint32_t b, std::uint32_t& out_a, std::uint32_t& out_b) const {
    std::string_view s = view(a, b);
    if (s.size() < 4) return false;
    std::size_t at = s.find('@');
    bool colon = s.find(':') != std::string_view::npos;
    std::size_t dot = s.rfind('.');
    if (at == std::string_view::npos && !colon && dot == std::string_view::npos) return false;

    auto closing = [](char c) {
      return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' ||
             c == '}' || c == '"' || c == '\'' || c == '>';
    };
    // Strip trailing punctuation (ASCII, or the curly closing quotes).
    auto strip_end = [&](std::size_t from, std::size_t e) {
      while (e > from) {
        if (closing(s[e - 1])) { --e; continue; }
        if (e - from >= 3 && (s.substr(e - 3, 3) == "\xE2\x80\x9D" || s.substr(e - 3, 3) == "\xE2\x80\x99")) { e -= 3; continue; }
        break;
      }
      return e;
    };

    // URL: a scheme or "www." not glued to a word before it.
    if (std::size_t i = url_start(s); i != std::string_view::npos) {
      std::size_t e = strip_end(i, s.size());
      // A URL may end in a bracket it opened itself: ".../Foo_(bar)".
      if (e < s.size() && s[e] == ')' && s.substr(i, e - i).find('(') != std::string_view::npos) ++e;
      // "<http://x.com>": stop at the closing angle bracket.
      std::size_t angle = s.find('>', i);
      if (i > 0 && s[i - 1] == '<' && angle != std::string_view::npos && angle < e) e = angle;
      if (e > i + 4) {
        out_a = a + static_cast<std::uint32_t>(i);
        out_b = a + static_cast<std::uint32_t>(e);
        return true;
      }
    }

    auto mailish = [](char c) {
      return ascii_alpha(c) || ascii_digit(c) || c == '.' || c == '_' || c == '-' || c == '%' || c == '+';
    };
    if (at == 0 && s.size() > 4) {  // "@paulhastings.com": a bare mail domain
      std::size_t e = 1;
      while (e < s.size() && (ascii_alpha(s[e]) || ascii_digit(s[e]) || s[e] == '.' || s[e] == '-')) ++e;
      while (e > 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
      std::string_view domain = s.substr(1, e - 1);
      std::size_t d = domain.rfind('.');
      if (d != std::string_view::npos && d > 0 && in_list(domain.substr(d + 1), kExtensions)) {
        out_a = a;
        out_b = a + static_cast<std::uint32_t>(e);
        return true;
      }
    }
    if (at != std::string_view::npos && at > 0 && at + 1 < s.size()) {
      char before = s[at - 1], after = s[at + 1];
      if ((ascii_alpha(before) || ascii_digit(before) || before == '.' || before == '_') &&
          (ascii_alpha(after) || ascii_digit(after))) {
        std::size_t i = at;
        while (i > 0 && mailish(s[i - 1])) --i;
        while (i < at && (s[i] == '.' || s[i] == '-')) ++i;
        std::size_t e = at + 1;
        while (e < s.size() && (ascii_alpha(s[e]) || ascii_digit(s[e]) || s[e] == '.' || s[e] == '-' || s[e] == '_')) ++e;
        while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
        if (i < at) {
          out_a = a + static_cast<std::uint32_t>(i);
          out_b = a + static_cast<std::uint32_t>(e);
          return true;
        }
      }
    }

    // Hyphenated domain names: "Get-A-Free-House.com".
    if (dot != std::string_view::npos && s.find('-') != std::string_view::npos) {
      std::size_t e = strip_end(0, s.size());
      std::string_view core = s.substr(0, e);
      std::size_t d = core.rfind('.');
      if (d != std::string_view::npos && d > 0 && d + 1 < core.size()) {
        std::string_view tld = core.substr(d + 1);
        bool web = iequals(tld, "com") || iequals(tld, "org") || iequals(tld, "net") || iequals(tld, "edu") ||
                   iequals(tld, "gov");
        bool clean = ascii_alpha(core[0]) || ascii_digit(core[0]);
        for (char c : core.substr(0, d))
          if (!(ascii_alpha(c) || ascii_digit(c) || c == '-' || c == '.')) clean = false;
        if (web && clean) {
          out_a = a;
          out_b = a + static_cast<std::uint32_t>(e);
          return true;
        }
      }
    }
    return false;
  }

  static std::size_t url_start(std::string_view s) {
    auto glued = [&](std::size_t i) { return i > 0 && (ascii_alpha(s[i - 1]) || ascii_digit(s[i - 1])); };
    std::size_t best = std::string_view::npos;
    if (std::size_t k = s.find("://"); k != std::string_view::npos) {
      std::size_t i = k;
      while (i > 0 && ascii_alpha(s[i - 1])) --i;
      std::string_view scheme = s.substr(i, k - i);
      if ((iequals(scheme, "http") || iequals(scheme, "https") || iequals(scheme, "ftp") || iequals(scheme, "file")) &&
          !glued(i))
        best = i;
    }
    for (std::string_view prefix : {std::string_view("www."), std::string_view("WWW."), std::string_view("mailto:")}) {
      std::size_t i = s.find(prefix);
      if (i != std::string_view::npos && i < best && !glued(i)) best = i;
    }
    return best;
  }

  void pieces(std::uint32_t a, std::uint32_t b) {
    std::uint32_t saved_end = chunk_end_;
    chunk_end_ = b;
    std::uint32_t p = a;
    while (p < b) {
      Ch c = char_at(text_, p);
      if (is_word(c.cls)) p = word(p);
      else p = punct(p, c);
    }
    chunk_end_ = saved_end;
  }

  // --- words ------------------------------------------------------------

  struct Run {
    std::uint32_t start = 0, end = 0;
    std::uint32_t chars = 0;
    std::uint32_t letters = 0;
    std::uint32_t lead_digits = 0;  // digits before the first non-digit
    bool all_digits() const { return chars > 0 && lead_digits == chars; }
    bool all_letters() const { return chars > 0 && letters == chars; }
  };

  Run run_at(std::uint32_t p) const {
    Run r;
    r.start = p;
    bool leading = true;
    while (p < chunk_end_) {
      Ch c = char_at(text_, p);
      if (!is_word(c.cls)) break;
      ++r.chars;
      if (c.cls == Cls::Digit) {
        if (leading) ++r.lead_digits;
      } else {
        leading = false;
        ++r.letters;
      }
      p += c.len;
    }
    r.end = p;
    return r;
  }

  // True when `p` holds a period followed by a word character.
  bool next_is_word_dot(std::uint32_t p) const {
    return p + 1 < chunk_end_ && text_[p] == '.' && is_word(char_at(text_, p + 1).cls);
  }

  // Parts of a run of small-letter words joined by single periods.
  std::uint32_t dotted_name_parts(std::uint32_t p) const {
    std::uint32_t parts = 0;
    while (true) {
      std::uint32_t e = p;
      while (e < chunk_end_ && ((text_[e] >= 'a' && text_[e] <= 'z') || ascii_digit(text_[e]) || text_[e] == '_')) ++e;
      if (e - p < 2) return parts >= 2 ? parts : 0;
      ++parts;
      if (!(e + 1 < chunk_end_ && text_[e] == '.' && text_[e + 1] >= 'a' && text_[e + 1] <= 'z')) return parts;
      p = e + 1;
    }
  }
  std::uint32_t dotted_name_end(std::uint32_t p) const {
    while (true) {
      std::uint32_t e = p;
      while (e < chunk_end_ && ((text_[e] >= 'a' && text_[e] <= 'z') || ascii_digit(text_[e]) || text_[e] == '_')) ++e;
      if (!(e + 1 < chunk_end_ && text_[e] == '.' && text_[e + 1] >= 'a' && text_[e + 1] <= 'z')) return e;
      std::uint32_t f = e + 1;
      while (f < chunk_end_ && ((text_[f] >= 'a' && text_[f] <= 'z') || ascii_digit(text_[f]) || text_[f] == '_')) ++f;
      if (f - (e + 1) < 2) return e;
      p = e + 1;
    }
  }

  static bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == '`'; }

  // Counts a sequence of digit groups joined by `sep` starting at run `first`;
  // returns the end of the last group and the groups' lengths.
  std::uint32_t digit_groups(const Run& first, char sep, std::uint32_t& groups, std::uint32_t& second_len,
                             bool& clean) const {
    groups = 1;
    second_len = 0;
    clean = true;
    std::uint32_t end = first.end;
    while (end + 1 < chunk_end_ && text_[end] == sep && ascii_digit(text_[end + 1])) {
      Run r = run_at(end + 1);
      if (!r.all_digits()) clean = false;
      ++groups;
      if (groups == 2) second_len = r.lead_digits;
      end = r.end;
      if (!clean) break;
    }
    return end;
  }

  std::uint32_t word(std::uint32_t p) {
    const std::uint32_t start = p;
    Run first = run_at(p);
    Run last = first;           // the last atom joined so far
    std::uint32_t atoms = 1;
    bool letters_only = first.all_letters();
    bool initials = first.chars == 1 && first.letters == 1;  // "U.S", "e.g", "p.m"
    bool code = false;  // a letters-and-digits code joined by hyphens
    std::uint32_t q = first.end;

    while (q < chunk_end_) {
      Ch c = char_at(text_, q);
      if (c.cls != Cls::Other) break;
      std::uint32_t after = q + c.len;
      if (after >= chunk_end_) break;
      Ch next = char_at(text_, after);
      if (!is_word(next.cls)) break;
      Run r = run_at(after);

      if (is_apostrophe(c.cp)) {
        std::string_view right = view(r.start, r.end);
        bool word_end = r.end >= chunk_end_ || !is_word(char_at(text_, r.end).cls);
        if (r.all_letters() && word_end) {
          if (iequals(right, "s")) {
            if (last.all_digits() && atoms == 1) {  // "1990's", "60's": one token
              q = r.end;
              break;
            }
            emit_mwt(start, q, 0, r.end);
            return r.end;
          }
          if (iequals(right, "t") && q - start >= 2 && lower(text_[q - 1]) == 'n') {
            emit_mwt(start, q - 1, 0, r.end);
            return r.end;
          }
          if (iequals(right, "m") || iequals(right, "re") || iequals(right, "ve") || iequals(right, "ll") ||
              iequals(right, "d")) {
            emit_mwt(start, q, 0, r.end);
            return r.end;
          }
        }
        // "O'Connell", "Shi'ite", "d'etat": one word.
        q = r.end;
        last = r;
        ++atoms;
        letters_only = letters_only && r.all_letters();
        initials = false;
        continue;
      }

      bool join = false;
      std::uint32_t join_end = r.end;
      switch (c.cp) {
        case '.':
          if (last.all_digits() && r.lead_digits > 0) {
            join = true;  // 3.5, 1.2.3
          } else if (initials && r.chars == 1 && r.letters == 1) {
            join = true;  // U.S, i.e, a.k.a
          } else if (r.all_letters() && r.chars <= 4 && !next_is_word_dot(r.end) && in_list(view(r.start, r.end), kExtensions)) {
            join = true;  // file names and domains: enrongss.xls, amazon.com
          } else if (atoms == 1 && dotted_name_parts(start) >= 3) {
            join = true;  // alt.animals.cat, comp.sources.unix
            join_end = dotted_name_end(start);
          }
          break;
        case ',':
          // 1,200 and 3,202.61: groups of exactly three digits.
          if (last.all_digits() && r.lead_digits == 3 && (atoms > 1 || last.chars <= 3))
            join = true;
          break;
        case ':':
          if (last.all_digits() && r.lead_digits >= 2) join = true;  // 5:30, 12:30:00
          break;
        case '/':
          if (last.all_digits() && atoms == 1 && r.lead_digits > 0) {
            std::uint32_t groups = 0, second = 0;
            bool clean = true;
            std::uint32_t e = digit_groups(first, '/', groups, second, clean);
            if (groups >= 3) {  // 11/28/2000
              join = true;
              join_end = e;
            } else if (last.chars <= 2 && second <= 2 && !(last.chars == 1 && second == 1)) {
              join = true;  // 9/11, 5/18; but 1/2 and 2001/02 split
            }
          }
          break;
        case '-':
          if (atoms == 1 && letters_only && r.letters > 0 && is_hyphen_prefix(view(first.start, first.end))) {
            join = true;
          } else if (last.all_digits() && atoms == 1 && r.lead_digits > 0) {
            std::uint32_t groups = 0, second = 0;
            bool clean = true;
            std::uint32_t e = digit_groups(first, '-', groups, second, clean);
            if (groups >= 3 && clean) {  // 713-853-3989, 11-20-2000
              join = true;
              join_end = e;
            } else if (groups == 2 && clean && second == 4 && (last.chars == 1 || last.chars == 3 || last.chars == 5)) {
              join = true;  // 345-9945, 3-5213, 77415-0027; ranges such as 5-10 split
            }
          } else if ((code || (last.letters > 0 && last.lead_digits == 0 && last.letters < last.chars)) &&
                     r.lead_digits > 0) {
            join = true;  // x3-9890, nmemdrft8-7-01: codes mixing letters and digits
            code = true;
          }
          break;
        case '&':
          // AT&T, PG&E, P&L
          if (letters_only && atoms == 1 && first.chars <= 4 && r.all_letters() && r.chars <= 4 &&
              (r.end >= chunk_end_ || !is_word(char_at(text_, r.end).cls)))
            join = true;
          break;
        default: break;
      }
      if (!join) break;
      q = join_end;
      if (join_end == r.end) {
        last = r;
      } else {  // several groups joined at once: the last one matters for units
        std::uint32_t k = join_end;
        while (k > start && (ascii_alpha(text_[k - 1]) || ascii_digit(text_[k - 1]) || text_[k - 1] == '_')) --k;
        last = run_at(k);
      }
      ++atoms;
      letters_only = letters_only && r.all_letters() && c.cp != '.';
      initials = initials && c.cp == '.' && r.chars == 1;
    }
    return finish_word(start, q, last, atoms, letters_only, initials);
  }

  std::uint32_t finish_word(std::uint32_t start, std::uint32_t q, const Run& last, std::uint32_t atoms, bool letters_only,
                            bool initials) {
    std::string_view w = view(start, q);

    // A caption glued to its credit line by scraping: "LukashenkoPhoto: AFP"
    // is "Lukashenko" + "Photo" + ":".
    if (letters_only && atoms == 1 && q < chunk_end_ && text_[q] == ':') {
      if (std::uint32_t cut = glued_credit_word(w)) {
        emit(start, start + cut);
        emit(start + cut, q);
        return q;
      }
    }

    // A number followed by a unit: "5pm", "$5.5m" -> number + unit.
    if (last.lead_digits > 0 && last.letters > 0) {
      std::uint32_t k = last.start + last.lead_digits;
      Run suffix = run_at(k);
      if (suffix.all_letters() && suffix.end == q && splits_from_number(view(k, q))) {
        emit(start, k);
        emit(k, q);
        return q;
      }
    }

    if (letters_only && atoms == 1 && w.size() >= 2 && w.size() <= 8) {
      if (const Fused* f = find_fused(w)) {
        emit_mwt(start, start + f->cut1, f->cut2 ? start + f->cut2 : 0, q);
        return q;
      }
      if (iequals(w, "its") && its_is_contraction(q)) {
        emit_mwt(start, start + 2, 0, q);
        return q;
      }
      if (w == "Lets") {  // "Lets go": let + s; lowercase "lets" is mostly the verb
        emit_mwt(start, start + 3, 0, q);
        return q;
      }
    }

    if (q < chunk_end_) {
      Ch c = char_at(text_, q);
      // An abbreviation keeps its period: "Dr.", "U.S.", "etc.", "J." (but "etc..." does not).
      if (c.cp == '.' && !(q + 1 < chunk_end_ && (text_[q + 1] == '.'))) {
        std::uint8_t flags = abbreviation_flags(w, initials, atoms, q + 1);
        if (flags) {
          emit(start, q + 1, flags);
          return q + 1;
        }
      }
      // Plural possessive: "parents'" = parents + ' unless a single quote is open.
      if ((c.cp == '\'' || c.cp == 0x2019) && !open_single_ && letters_only && q - start >= 2 &&
          lower(text_[q - 1]) == 's') {
        Ch after = at(q + c.len);
        if (after.len == 0 || (!is_word(after.cls) && after.cp != '\'' && after.cp != 0x2019)) {
          emit_mwt(start, q, 0, q + c.len);
          return q + c.len;
        }
      }
      if (c.cp == '!' && w == "Yahoo") {
        emit(start, q + 1);
        return q + 1;
      }
      // "US$"
      if (c.cp == '$' && letters_only && atoms == 1 && w.size() <= 3 && !w.empty() && w[0] >= 'A' && w[0] <= 'Z') {
        emit(start, q + 1);
        return q + 1;
      }
    }
    emit(start, q);
    return q;
  }

  // Where a credit word ("Photo", "Image", "Source"...) starts at the end of
  // `w` right after a small letter; 0 when it does not.
  static std::uint32_t glued_credit_word(std::string_view w) {
    static constexpr std::string_view kCredits[] = {"Photo", "Photos", "Photograph", "Image", "Images",
                                                    "Video", "Source", "Credit", "Caption", "Illustration"};
    for (std::string_view c : kCredits) {
      if (w.size() < c.size() + 2 || !w.ends_with(c)) continue;
      const char before = w[w.size() - c.size() - 1];
      if (before >= 'a' && before <= 'z') return static_cast<std::uint32_t>(w.size() - c.size());
    }
    return 0;
  }

  bool its_is_contraction(std::uint32_t q) const {
    // Look at the next word, past whitespace, within the text.
    std::uint32_t p = q;
    while (p < text_.size() && (text_[p] == ' ')) ++p;
    if (p == q) return false;
    std::uint32_t e = p;
    while (e < text_.size() && ascii_alpha(text_[e])) ++e;
    if (e == p) return false;
    std::string_view next = view(p, e);
    if (in_list(next, kItsIsNext)) return true;
    return next.size() > 4 && iequals(next.substr(next.size() - 2), "ly") && !iequals(next, "only");
  }

  std::uint8_t abbreviation_flags(std::string_view w, bool initials, std::uint32_t atoms, std::uint32_t after) const {
    if (initials) {
      // A single capital is an initial ("J. R. R. Tolkien"); a single small
      // letter is usually a list label or an abbreviation ("p. 5").
      return kAbbreviation;
    }
    if (atoms != 1) return 0;
    if (in_list_exact(w, kTitles)) return kAbbreviation | kTitle;
    if (in_list_exact(w, kAbbreviations)) return kAbbreviation;
    // Capitals: "LTD.", "INC.", "PVT."
    if (w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }) &&
        in_list(w, kAbbreviations))
      return kAbbreviation;
    if ((w == "No" || w == "no" || w == "Nos" || w == "nos") ) {
      // "No. 1": only before a number.
      std::uint32_t p = after;
      while (p < text_.size() && text_[p] == ' ') ++p;
      if (p > after && p < text_.size() && ascii_digit(text_[p])) return kAbbreviation | kTitle;
    }
    return 0;
  }

  // --- punctuation ------------------------------------------------------

  bool at_chunk_start(std::uint32_t p) const { return p == chunk_start_; }

  // The character that ends just before `p` (p > 0).
  Ch prev_char(std::uint32_t p) const {
    std::uint32_t k = p - 1;
    while (k > 0 && p - k < 4 && (static_cast<unsigned char>(text_[k]) & 0xC0) == 0x80) --k;
    return char_at(text_, k);
  }

  std::uint32_t punct(std::uint32_t p, const Ch& c) {
    const std::uint32_t b = chunk_end_;
    // Emoticons, only when they stand apart from words.
    if (c.cp < 0x80 && (at_chunk_start(p) || !is_word(prev_char(p).cls))) {
      std::string_view rest = view(p, b);
      for (auto e : kEmoticons) {
        if (rest.substr(0, e.size()) != e) continue;
        std::uint32_t end = p + static_cast<std::uint32_t>(e.size());
        if (end < b && is_word(char_at(text_, end).cls)) continue;
        // "(:" is a bracket before a colon unless it stands alone.
        if (e == "(:" && !(at_chunk_start(p) && end == b)) continue;
        emit(p, end, kEmoticon);
        return end;
      }
    }
    switch (c.cp) {
      case '.': {
        // ".doc" standing alone.
        if (p + 1 < b && ascii_alpha(text_[p + 1]) && (at_chunk_start(p) || !is_word(prev_char(p).cls))) {
          Run r = run_at(p + 1);
          if (r.all_letters() && (r.end >= b || !is_word(char_at(text_, r.end).cls)) &&
              in_list(view(r.start, r.end), kExtensions)) {
            emit(p, r.end, kUrl);
            return r.end;
          }
        }
        return terminal_run(p);
      }
      case '!': case '?': case 0x2026:
        return terminal_run(p);
      case '#':
        // Hashtags stay whole ("#audiobooks"); "# 1" does not.
        if (p + 1 < b && ascii_alpha(text_[p + 1]) && (at_chunk_start(p) || !is_word(prev_char(p).cls))) {
          Run r = run_at(p + 1);
          if (r.all_letters()) {
            emit(p, r.end);
            return r.end;
          }
        }
        return decoration(p);
      case '+':
        // "+44", "+1": a sign that belongs to the number.
        if ((at_chunk_start(p) || !is_word(prev_char(p).cls)) && p + 1 < b && ascii_digit(text_[p + 1])) {
          Run r = run_at(p + 1);
          if (r.all_digits()) {
            emit(p, r.end);
            return r.end;
          }
        }
        return decoration(p);
      case '-': case '=': case '*': case '~': case '<': case '>': case '|': case '^': case '_':
        return decoration(p);
      case '/': case '\\': case '$': {
        std::uint32_t e = p;
        while (e < b && text_[e] == static_cast<char>(c.cp)) ++e;
        emit(p, e);
        return e;
      }
      case '\'': {
        if (p + 1 < b && text_[p + 1] == '\'') {  // '' as a quotation mark
          bool opening = at_chunk_start(p);
          emit(p, p + 2, opening ? kOpeningQuote : kClosingQuote);
          return p + 2;
        }
        // "'s" standing alone ("Elena 's").
        if (p + 2 <= b && (text_[p + 1] == 's' || text_[p + 1] == 'S') && (p + 2 == b || !is_word(char_at(text_, p + 2).cls))) {
          emit(p, p + 2);
          return p + 2;
        }
        // '72, '02: an elided century.
        if (p + 2 < b + 1 && p + 2 < text_.size() && ascii_digit(text_[p + 1]) && ascii_digit(text_[p + 2]) &&
            (p + 3 >= b || !is_word(char_at(text_, p + 3).cls))) {
          emit(p, p + 3);
          return p + 3;
        }
        return single_quote(p, 1);
      }
      case 0x2018: case 0x2019: {
        // Doubled curly single quotes serve as a double quote: "‘’", "’’".
        if (p + 3 < b + 1 && p + 6 <= b && (text_.substr(p + 3, 3) == "\xE2\x80\x98" || text_.substr(p + 3, 3) == "\xE2\x80\x99")) {
          emit(p, p + 6, c.cp == 0x2018 ? kOpeningQuote : kClosingQuote);
          return p + 6;
        }
        // ’72: an elided century.
        if (c.cp == 0x2019 && p + 5 <= text_.size() && ascii_digit(text_[p + 3]) && ascii_digit(text_[p + 4]) &&
            (p + 5 >= b || !is_word(char_at(text_, p + 5).cls)) && p + 5 <= b) {
          emit(p, p + 5);
          return p + 5;
        }
        return single_quote(p, c.len);
      }
      case '`': {
        if (p + 1 < b && text_[p + 1] == '`') {
          emit(p, p + 2, kOpeningQuote);
          return p + 2;
        }
        return single_quote(p, 1);
      }
      case '"': case 0x201C: case 0x201D: case 0x00AB: case 0x00BB: case 0x201E: {
        bool opening = c.cp == 0x201C || c.cp == 0x00AB || c.cp == 0x201E ||
                       (c.cp == '"' && (at_chunk_start(p) || is_opener(prev_char(p).cp)) && p + 1 < b);
        emit(p, p + c.len, opening ? kOpeningQuote : kClosingQuote);
        return p + c.len;
      }
      default:
        emit(p, p + c.len);
        return p + c.len;
    }
  }

  static bool is_decoration(char c) {
    return c == '-' || c == '=' || c == '*' || c == '~' || c == '<' || c == '>' || c == '|' || c == '^' ||
           c == '_' || c == '+' || c == '#';
  }

  // Runs of line-drawing characters are one token ("--", "====", "---->===").
  std::uint32_t decoration(std::uint32_t p) {
    std::uint32_t e = p + 1;
    while (e < chunk_end_ && text_[e] == text_[p]) ++e;
    std::uint32_t mixed = e;
    while (mixed < chunk_end_ && is_decoration(text_[mixed])) ++mixed;
    if (mixed - p >= 3) e = mixed;  // but "<>" and "->" are two tokens
    emit(p, e);
    return e;
  }

  // Runs of final punctuation are one token: "?!", "!!!", "...", "….".
  std::uint32_t terminal_run(std::uint32_t p) {
    std::uint32_t e = p;
    while (e < chunk_end_) {
      char ch = text_[e];
      if (ch == '.' || ch == '!' || ch == '?') { ++e; continue; }
      if (text_.substr(e, 3) == "\xE2\x80\xA6" && e + 3 <= chunk_end_) { e += 3; continue; }
      break;
    }
    emit(p, e);
    return e;
  }

  static bool is_opener(char32_t cp) {
    return cp == '(' || cp == '[' || cp == '{' || cp == '"' || cp == 0x201C || cp == 0x2018 || cp == '\'';
  }

  std::uint32_t single_quote(std::uint32_t p, std::uint32_t len) {
    char32_t cp = char_at(text_, p).cp;
    bool before_word = p + len < chunk_end_ && is_word(char_at(text_, p + len).cls);
    bool opening = cp == 0x2018 ||
                   (cp != 0x2019 && before_word && (at_chunk_start(p) || is_opener(prev_char(p).cp)));
    if (cp == 0x2019 && before_word && at_chunk_start(p)) opening = true;  // ’ used as an opening quote
    if (opening) {
      open_single_ = true;
      open_single_at_ = p;
    } else {
      open_single_ = false;
    }
    emit(p, p + len, opening ? kOpeningQuote : kClosingQuote);
    return p + len;
  }
};

}  // namespace

bool is_space(char32_t cp) {
  Cls c = classify(cp);
  return c == Cls::Space || c == Cls::Newline;
}

void tokenize(std::string_view text, std::uint32_t begin, std::uint32_t end, std::vector<SurfaceToken>& out) {
  if (end > text.size()) end = static_cast<std::uint32_t>(text.size());
  if (begin >= end) return;
  Scanner scanner(text, out);
  scanner.run(begin, end);
}

}  // namespace kestrel::text_internal
