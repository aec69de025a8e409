// Marks the parts of an article that are not its body: photo captions and
// credits, "related article" bullets, bylines and datelines. The text itself
// is never changed, so offsets stay valid; later stages skip these spans when
// coding events.
#include <array>
#include <algorithm>
#include <cctype>

#include "text/text.h"
#include "text/utf8.h"

namespace kestrel {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  return true;
}

bool contains(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

std::string_view trim(std::string_view s) {
  auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  // Non-breaking spaces (U+00A0) around lines are common in pasted articles.
  while (s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
  while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
  return s;
}

bool ends_sentence(std::string_view s) {
  while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')')) s.remove_suffix(1);
  if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99"))
    s.remove_suffix(3);
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

constexpr std::array<std::string_view, 10> kBulletMarks = {
    "\xE2\x80\xA2",  // •
    "\xC2\xB7",      // ·
    "\xE2\x96\xAA",  // ▪
    "\xE2\x96\xBA",  // ►
    "\xE2\x80\xA3",  // ‣
    "\xE2\x97\xA6",  // ◦
    "\xE2\x96\xB6",  // ▶
    "\xE2\x9E\xA4",  // ➤
    "* ",
    "> ",
};

bool is_bullet(std::string_view line) {
  for (auto mark : kBulletMarks)
    if (line.substr(0, mark.size()) == mark) return true;
  for (std::string_view p : {"Related:", "Related article", "Read more", "READ MORE", "See also:", "Also read:",
                             "Read also:", "Watch:", "WATCH:", "Listen:", "Advertisement", "ADVERTISEMENT",
                             "Follow us on", "Sign up for", "Subscribe to"})
    if (line.substr(0, p.size()) == p) return true;
  return false;
}

// Photo captions and credits: "Photo: Liu Bin / Xinhua News / Profimedia",
// "(Photo by John Doe/Getty Images)", "Image caption ...".
bool is_caption(std::string_view line) {
  if (line.size() > 400) return false;
  for (std::string_view marker : {"Photo:", "Photo :", "Photo by", "Photos:", "Photograph:", "Photograph by",
                                  "Picture:", "Pictured:", "Image:", "Image caption", "Image source", "Credit:",
                                  "Photo credit", "Photo Credit", "PHOTO:", "File photo", "FILE PHOTO", "Video:",
                                  "Getty Images", "/ AFP", "/AFP", "/ Reuters", "/Reuters", "/ AP", "/AP Photo",
                                  "AP Photo", "via Getty", "/ EPA", "/EPA", "Shutterstock", "Profimedia", "Alamy"}) {
    if (contains(line, marker)) {
      // A body sentence may mention "Getty Images"; captions rarely end a
      // full sentence, or they open with the marker.
      if (!ends_sentence(line) || line.size() < 160 || starts_with_ci(line, "photo") || starts_with_ci(line, "(photo"))
        return true;
    }
  }
  return false;
}

// "By Jane Smith", "By JANE SMITH and JOHN DOE, Reuters", "Reporting by ...".
bool is_byline(std::string_view line) {
  if (line.size() > 160) return false;
  if (starts_with_ci(line, "Reporting by") || starts_with_ci(line, "Additional reporting") ||
      starts_with_ci(line, "Writing by") || starts_with_ci(line, "Editing by") || starts_with_ci(line, "Compiled by"))
    return true;
  if (!(line.substr(0, 3) == "By " || line.substr(0, 3) == "BY ")) return false;
  if (ends_sentence(line) && line.size() > 60) return false;
  // Every word after "By" is capitalised or a connective.
  std::size_t i = 3, words = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == ',')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != ',') ++j;
    std::string_view w = line.substr(i, j - i);
    if (!w.empty()) {
      ++words;
      bool cap = std::isupper(static_cast<unsigned char>(w[0])) || static_cast<unsigned char>(w[0]) >= 0x80;
      if (!cap && w != "and" && w != "in" && w != "for" && w != "of" && w != "the" && w != "|" && w != "-")
        return false;
    }
    i = j;
  }
  return words >= 1 && words <= 12;
}

// A dateline at the start of a paragraph: "MINSK, Nov 28 (Reuters) -",
// "WASHINGTON (AP) —", "BEIJING, Feb. 28 (Xinhua) --", "KYIV, Ukraine —".
// Returns the length of the dateline (including the dash), or 0.
std::size_t dateline_length(std::string_view para) {
  std::size_t i = 0, caps = 0;
  // Place name in capitals (letters, spaces, dots, apostrophes, hyphens).
  while (i < para.size()) {
    unsigned char c = static_cast<unsigned char>(para[i]);
    if (std::isupper(c)) { ++caps; ++i; continue; }
    if (c == ' ' || c == '.' || c == '\'' || c == '-') { ++i; continue; }
    if (c >= 0x80) {  // capitals with diacritics
      char32_t cp;
      std::size_t len = utf8::decode(para, i, cp);
      if (len == 0) break;
      if (cp >= 0xC0 && cp <= 0xDE) { ++caps; i += len; continue; }
      break;
    }
    break;
  }
  if (caps < 3) return 0;
  while (i > 0 && para[i - 1] == ' ') --i;
  std::string_view rest = para.substr(i);
  if (rest.empty() || (rest[0] != ',' && rest[0] != ' ' && rest[0] != '(')) return 0;
  // After the place: ", Nov 28", ", Ukraine" or "(AP)", or the dash itself;
  // anything else ("NATO and the EU met - ...") is a sentence.
  {
    std::size_t k = 0;
    while (k < rest.size() && rest[k] == ' ') ++k;
    if (k < rest.size() && rest[k] != ',' && rest[k] != '(' && rest[k] != '-' && rest.compare(k, 2, "\xE2\x80") != 0)
      return 0;
  }
  // Up to 60 bytes later there must be a dash surrounded by spaces, with no
  // sentence punctuation before it.
  std::size_t limit = std::min<std::size_t>(para.size(), i + 70);
  for (std::size_t k = i; k < limit; ++k) {
    char c = para[k];
    if (c == '.' && k + 1 < para.size() && para[k + 1] == ' ' && k > 0 && std::islower(static_cast<unsigned char>(para[k - 1])) &&
        k - i > 12) {
      // "Feb. 28" is fine; a full stop after a long lowercase run is a sentence.
    }
    if (c == '!' || c == '?' || c == '"') return 0;
    std::size_t dash_len = 0;
    if (c == '-') {
      dash_len = (k + 1 < para.size() && para[k + 1] == '-') ? 2 : 1;
    } else if (para.compare(k, 3, "\xE2\x80\x94") == 0 || para.compare(k, 3, "\xE2\x80\x93") == 0) {
      dash_len = 3;
    }
    if (dash_len > 0 && k > 0 && para[k - 1] == ' ' && k + dash_len < para.size() && para[k + dash_len] == ' ')
      return k + dash_len;
  }
  return 0;
}

}  // namespace

void clean_document(Document& doc) {
  if (doc.format == InputFormat::Conllu) return;
  const std::string_view text = doc.text;
  std::vector<Document::Span> spans = std::move(doc.non_body);
  doc.non_body.clear();
  auto covered = [&](std::size_t start) {
    for (const auto& s : spans)
      if (start >= s.start && start < s.end) return true;
    return false;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view raw = text.substr(pos, end - pos);
    std::string_view line = trim(raw);
    if (line.empty()) {
      pos = end + 1;
      continue;
    }
    const auto line_start = static_cast<std::uint32_t>(line.data() - text.data());
    const auto line_end = static_cast<std::uint32_t>(line_start + line.size());
    if (!covered(line_start)) {
      if (is_bullet(line)) {
        spans.push_back({line_start, line_end, SegmentKind::Bullet});
      } else if (is_caption(line)) {
        spans.push_back({line_start, line_end, SegmentKind::Caption});
      } else if (is_byline(line)) {
        spans.push_back({line_start, line_end, SegmentKind::Byline});
      } else {
        // Datelines open an article or a paragraph; plain-text articles often
        // put each paragraph on its own line, so every line start qualifies.
        if (std::size_t n = dateline_length(line); n > 0) {
          spans.push_back({line_start, static_cast<std::uint32_t>(line_start + n), SegmentKind::Dateline});
        }
      }
    }
    pos = end + 1;
  }
  std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  doc.non_body = std::move(spans);
}

}  // namespace kestrel
