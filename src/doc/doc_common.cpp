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

LowerWords lower_words(const Document& doc) {
  LowerWords out;
  out.reserve(doc.sentences.size());
  for (const Sentence& s : doc.sentences) out.push_back(lower_forms(s));
  return out;
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

bool future_tense(const std::vector<std::string>& w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string& f = w[i];
    if (f == "will" || f == "'ll" || f == "shall" || f == "upcoming" || f == "scheduled" ||
        f == "plans" || f == "planned" || f == "expected")
      return true;
    if (f == "going" && i + 1 < w.size() && w[i + 1] == "to") return true;
  }
  return false;
}

}  // namespace doc_internal
}  // namespace kestrel
