// Reading documents: files, directories and stdin in text, JSONL, HTML and
// CoNLL-U. Bad input is reported and skipped, never fatal.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "nlp/nlp.h"
#include "text/text.h"
#include "text/utf8.h"

namespace kestrel {
namespace fs = std::filesystem;

namespace {

// Plain-text files larger than this are read as several documents, split at
// paragraph (or line, or space) boundaries, so memory stays bounded on
// pathological inputs such as a 200 MB file without a newline.
constexpr std::size_t kMaxDocumentBytes = 8u << 20;
constexpr std::size_t kMaxReportedBadBytes = 5;

InputFormat format_from_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".txt" || ext == ".text") return InputFormat::Text;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::Jsonl;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return InputFormat::Html;
  if (ext == ".conllu" || ext == ".conll") return InputFormat::Conllu;
  return InputFormat::Auto;
}

InputFormat sniff_format(std::string_view head) {
  std::size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (i >= head.size()) return InputFormat::Text;
  std::string_view rest = head.substr(i);
  if (rest.front() == '{') return InputFormat::Jsonl;
  if (rest.front() == '<') {
    std::string lower(rest.substr(0, 512));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.find("<html") != std::string::npos || lower.find("<!doctype html") != std::string::npos ||
        lower.find("<body") != std::string::npos || lower.find("<p") != std::string::npos ||
        lower.find("<div") != std::string::npos)
      return InputFormat::Html;
  }
  if (rest.substr(0, 9) == "# newdoc " || rest.substr(0, 10) == "# sent_id " || rest.substr(0, 2) == "1\t")
    return InputFormat::Conllu;
  return InputFormat::Text;
}

// NUL bytes do not occur in text; a few in the first block means binary.
bool looks_binary(std::string_view head) {
  return head.find('\0') != std::string_view::npos;
}

std::string_view strip_bom(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

void repair_utf8(std::string& text, const std::string& name, std::uint64_t line, std::uint64_t base,
                 Diagnostics& diag) {
  std::size_t reported = 0;
  std::size_t bad = utf8::repair(text, [&](std::size_t offset) {
    if (reported++ < kMaxReportedBadBytes) {
      if (line > 0) {
        diag.warning(name, line, "invalid UTF-8 byte at byte " + std::to_string(offset) + " of the record; replaced by '?'");
      } else {
        diag.warning_at(name, base + offset, "invalid UTF-8 byte replaced by '?'");
      }
    }
  });
  if (bad > kMaxReportedBadBytes) {
    diag.warning(name, line, std::to_string(bad) + " invalid UTF-8 bytes replaced in all (" +
                                 std::to_string(bad - kMaxReportedBadBytes) + " not listed)");
  }
}

int month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  std::string lower(name.substr(0, 3));
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < months.size(); ++i)
    if (months[i] == lower) return static_cast<int>(i) + 1;
  return 0;
}

bool valid_ymd(int y, int m, int d) { return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

std::string format_ymd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

// Normalises the date formats seen in metadata (ISO 8601 with or without a
// time, compact 20230228, RFC 2822 "Tue, 28 Feb 2023 ...", "February 28, 2023",
// "28 February 2023") to YYYY-MM-DD; empty if not recognised.
std::string normalize_metadata_date(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  int y = 0, m = 0, d = 0;
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  if (digits(0, 4, y) && s.size() >= 10 && (s[4] == '-' || s[4] == '/') && digits(5, 2, m) && s[7] == s[4] &&
      digits(8, 2, d) && valid_ymd(y, m, d))
    return format_ymd(y, m, d);
  if (digits(0, 4, y) && digits(4, 2, m) && digits(6, 2, d) && (s.size() == 8 || !std::isdigit(static_cast<unsigned char>(s[8]))) &&
      valid_ymd(y, m, d))
    return format_ymd(y, m, d);
  // Word forms: collect the first number 1-31, a month name and a 4-digit year.
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  y = m = d = 0;
  for (auto w : words) {
    if (std::isdigit(static_cast<unsigned char>(w[0]))) {
      int v = 0;
      std::size_t k = 0;
      while (k < w.size() && std::isdigit(static_cast<unsigned char>(w[k]))) v = v * 10 + (w[k++] - '0');
      if (k == 4 && y == 0) y = v;
      else if (k <= 2 && d == 0 && v >= 1 && v <= 31) d = v;
    } else if (m == 0) {
      m = month_number(w);
    }
  }
  if (valid_ymd(y, m, d)) return format_ymd(y, m, d);
  return {};
}

namespace {

// ---------------------------------------------------------------------------
// HTML

struct HtmlExtract {
  std::string text;
  std::string title;
  std::string date;
  std::vector<Document::Span> captions;
};

bool is_dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_MENU: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

std::string_view attribute(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

// Classes and ids that mark page furniture rather than the article.
bool is_furniture(const GumboElement& el) {
  std::string cls = std::string(attribute(el, "class")) + " " + std::string(attribute(el, "id"));
  std::transform(cls.begin(), cls.end(), cls.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* word : {"nav", "menu", "footer", "sidebar", "cookie", "share", "social", "related",
                           "newsletter", "advert", "promo", "breadcrumb", "comments", "subscribe"}) {
    // Match whole class tokens or token prefixes ("nav-bar"), not substrings
    // of unrelated words ("canvas").
    std::size_t pos = 0;
    const std::size_t len = std::strlen(word);
    while ((pos = cls.find(word, pos)) != std::string::npos) {
      bool starts = pos == 0 || !std::isalpha(static_cast<unsigned char>(cls[pos - 1]));
      bool ends = pos + len >= cls.size() || !std::isalpha(static_cast<unsigned char>(cls[pos + len]));
      if (starts && ends) return true;
      pos += len;
    }
  }
  return false;
}

class HtmlTextBuilder {
 public:
  explicit HtmlTextBuilder(HtmlExtract& out) : out_(out) {}

  void walk(const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      append_text(node->v.text.text);
      return;
    }
    if (node->type == GUMBO_NODE_WHITESPACE) {
      pending_space_ = true;
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    const GumboVector* children = nullptr;
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboElement& el = node->v.element;
      tag = el.tag;
      if (is_dropped(tag) || is_furniture(el)) return;
      if (tag == GUMBO_TAG_BR) {
        line_break();
        return;
      }
      children = &el.children;
    } else {
      children = &node->v.document.children;
    }
    const bool block = is_block(tag);
    const bool caption = tag == GUMBO_TAG_FIGCAPTION;
    if (block) paragraph_break();
    std::size_t caption_start = out_.text.size();
    for (unsigned i = 0; i < children->length; ++i) walk(static_cast<const GumboNode*>(children->data[i]));
    // Breaks pending before the caption were written with its first text.
    while (caption_start < out_.text.size() && (out_.text[caption_start] == '\n' || out_.text[caption_start] == ' '))
      ++caption_start;
    if (caption && out_.text.size() > caption_start) {
      out_.captions.push_back({static_cast<std::uint32_t>(caption_start), static_cast<std::uint32_t>(out_.text.size()),
                               SegmentKind::Caption});
    }
    if (block) paragraph_break();
  }

 private:
  void append_text(std::string_view t) {
    std::size_t i = 0;
    while (i < t.size()) {
      unsigned char c = static_cast<unsigned char>(t[i]);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        pending_space_ = true;
        ++i;
        continue;
      }
      if (pending_break_ > 0) {
        if (!out_.text.empty()) out_.text.append(pending_break_ >= 2 ? "\n\n" : "\n");
        pending_break_ = 0;
        pending_space_ = false;
      } else if (pending_space_ && !out_.text.empty() && out_.text.back() != '\n') {
        out_.text += ' ';
      }
      pending_space_ = false;
      std::size_t j = i;
      while (j < t.size() && !std::strchr(" \n\t\r\f", t[j])) ++j;
      out_.text.append(t.substr(i, j - i));
      i = j;
    }
  }
  void paragraph_break() { pending_break_ = 2; }
  void line_break() { pending_break_ = std::max(pending_break_, 1); }

  HtmlExtract& out_;
  int pending_break_ = 0;
  bool pending_space_ = false;
};

const GumboNode* find_element(const GumboNode* node, GumboTag tag) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return nullptr;
  if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag) return node;
  const GumboVector& children =
      node->type == GUMBO_NODE_ELEMENT ? node->v.element.children : node->v.document.children;
  for (unsigned i = 0; i < children.length; ++i) {
    if (const GumboNode* found = find_element(static_cast<const GumboNode*>(children.data[i]), tag)) return found;
  }
  return nullptr;
}

std::string node_text(const GumboNode* node) {
  std::string out;
  if (node->type == GUMBO_NODE_TEXT) return node->v.text.text;
  if (node->type != GUMBO_NODE_ELEMENT) return out;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) out += node_text(static_cast<const GumboNode*>(children.data[i]));
  return out;
}

void collect_meta(const GumboNode* node, HtmlExtract& out, std::string& og_title) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
  if (node->type == GUMBO_NODE_ELEMENT) {
    const GumboElement& el = node->v.element;
    if (el.tag == GUMBO_TAG_META) {
      std::string key(attribute(el, "property"));
      if (key.empty()) key = attribute(el, "name");
      if (key.empty()) key = attribute(el, "itemprop");
      std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string_view content = attribute(el, "content");
      if (key == "og:title" || key == "twitter:title") {
        if (og_title.empty()) og_title = content;
      } else if (out.date.empty() &&
                 (key == "article:published_time" || key == "og:published_time" || key == "datepublished" ||
                  key == "date" || key == "pubdate" || key == "publishdate" || key == "dc.date.issued" ||
                  key == "dc.date" || key == "dcterms.created" || key == "sailthru.date" || key == "parsely-pub-date")) {
        out.date = normalize_metadata_date(content);
      }
    } else if (el.tag == GUMBO_TAG_TIME && out.date.empty()) {
      out.date = normalize_metadata_date(attribute(el, "datetime"));
    }
  }
  const GumboVector& children =
      node->type == GUMBO_NODE_ELEMENT ? node->v.element.children : node->v.document.children;
  for (unsigned i = 0; i < children.length; ++i) collect_meta(static_cast<const GumboNode*>(children.data[i]), out, og_title);
}

HtmlExtract extract_html(std::string_view html) {
  HtmlExtract out;
  GumboOutput* parsed = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::string og_title;
  collect_meta(parsed->document, out, og_title);
  if (const GumboNode* title = find_element(parsed->document, GUMBO_TAG_TITLE)) out.title = node_text(title);
  if (!og_title.empty()) out.title = og_title;
  // The article element, else main, else the whole body.
  const GumboNode* root = find_element(parsed->document, GUMBO_TAG_ARTICLE);
  if (!root) root = find_element(parsed->document, GUMBO_TAG_MAIN);
  if (!root) root = find_element(parsed->document, GUMBO_TAG_BODY);
  if (!root) root = parsed->document;
  HtmlTextBuilder builder(out);
  builder.walk(root);
  gumbo_destroy_output(&kGumboDefaultOptions, parsed);
  // Collapse whitespace in the title.
  std::string title;
  for (char c : out.title) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!title.empty() && title.back() != ' ') title += ' ';
    } else {
      title += c;
    }
  }
  while (!title.empty() && title.back() == ' ') title.pop_back();
  out.title = std::move(title);
  return out;
}

std::string json_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
  return {};
}

}  // namespace

bool document_from_bytes(std::string_view bytes, InputFormat format, const std::string& name, Document& doc,
                         Diagnostics& diag) {
  doc = Document{};
  doc.path = name;
  doc.id = name;
  bytes = strip_bom(bytes);
  if (format == InputFormat::Auto) format = sniff_format(bytes.substr(0, 4096));
  doc.format = format;
  switch (format) {
    case InputFormat::Html: {
      std::string html(bytes);
      repair_utf8(html, name, 0, 0, diag);
      HtmlExtract extracted = extract_html(html);
      doc.text = std::move(extracted.text);
      doc.title = std::move(extracted.title);
      doc.date = std::move(extracted.date);
      doc.non_body = std::move(extracted.captions);
      if (doc.text.empty()) {
        diag.warning(name, 0, "no article text found in HTML");
      }
      return true;
    }
    case InputFormat::Jsonl: {
      diag.error(name, 0, "JSONL input holds many documents; read it with DocumentReader");
      return false;
    }
    case InputFormat::Conllu: {
      diag.error(name, 0, "CoNLL-U input may hold many documents; read it with DocumentReader or read_conllu");
      return false;
    }
    case InputFormat::Text:
    case InputFormat::Auto:
      doc.text = std::string(bytes);
      repair_utf8(doc.text, name, 0, 0, diag);
      return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// DocumentReader

struct DocumentReader::State {
  std::vector<std::string> paths;
  ReadOptions options;
  Diagnostics& diag;
  std::size_t next_path = 0;

  // Files still to read (expanded from directories), front first.
  std::deque<std::string> files;
  // Documents decoded but not yet delivered (CoNLL-U files hold many).
  std::deque<Document> ready;

  // The file being streamed (JSONL records, or parts of a large text file).
  std::unique_ptr<std::istream> owned;
  std::istream* in = nullptr;
  std::string current;
  InputFormat current_format = InputFormat::Auto;
  std::uint64_t line = 0;
  std::uint64_t offset = 0;  // bytes of a text file already delivered
  std::string carry;         // text-file bytes read but not yet delivered
  std::size_t part = 0;
  bool jsonl_any = false;
  std::size_t json_errors = 0;

  State(std::vector<std::string> p, ReadOptions o, Diagnostics& d)
      : paths(std::move(p)), options(std::move(o)), diag(d) {}

  void expand(const std::string& path) {
    if (path == "-") {
      files.push_back(path);
      return;
    }
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      diag.error(path, 0, "no such file or directory");
      return;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.filename().string().starts_with(".")) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) found.push_back(p.string());
      }
      if (ec) diag.error(path, 0, "cannot list directory: " + ec.message());
      std::sort(found.begin(), found.end());
      if (found.empty()) diag.error(path, 0, "directory holds no readable files");
      for (auto& f : found) files.push_back(std::move(f));
      return;
    }
    files.push_back(path);
  }

  bool open_next_file() {
    while (true) {
      while (files.empty()) {
        if (next_path >= paths.size()) return false;
        expand(paths[next_path++]);
      }
      current = std::move(files.front());
      files.pop_front();
      line = 0;
      offset = 0;
      part = 0;
      carry.clear();
      jsonl_any = false;
      if (current == "-") {
        in = &std::cin;
        owned.reset();
      } else {
        auto file = std::make_unique<std::ifstream>(current, std::ios::binary);
        if (!*file) {
          diag.error(current, 0, "cannot open file");
          continue;
        }
        owned = std::move(file);
        in = owned.get();
      }
      // Peek at the first block to decide format and reject binary files.
      std::string head(4096, '\0');
      in->read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<std::size_t>(in->gcount()));
      if (looks_binary(head)) {
        diag.error(current, 0, "binary file skipped");
        close();
        continue;
      }
      InputFormat fmt = options.format;
      if (fmt == InputFormat::Auto && current != "-") fmt = format_from_extension(current);
      if (fmt == InputFormat::Auto) fmt = sniff_format(head);
      current_format = fmt;
      carry = std::move(head);
      if (carry.empty() && in->eof()) {
        diag.warning(current, 0, "empty file");
        close();
        continue;
      }
      if (fmt == InputFormat::Html || fmt == InputFormat::Conllu) {
        std::string all = std::move(carry);
        carry.clear();
        std::array<char, 1 << 16> buf;
        while (in->read(buf.data(), buf.size()) || in->gcount() > 0) all.append(buf.data(), static_cast<std::size_t>(in->gcount()));
        close();
        if (looks_binary(all)) {
          diag.error(current, 0, "binary file skipped (NUL bytes)");
          continue;
        }
        if (fmt == InputFormat::Html) {
          Document doc;
          if (document_from_bytes(all, InputFormat::Html, current, doc, diag)) {
            doc.id = fs::path(current).stem().string();
            ready.push_back(std::move(doc));
          }
        } else {
          std::string text(strip_bom(all));
          repair_utf8(text, current, 0, 0, diag);
          for (auto& d : read_conllu(text, current, diag)) ready.push_back(std::move(d));
        }
        return true;
      }
      return true;  // text and JSONL stream from `in`
    }
  }

  void close() {
    owned.reset();
    in = nullptr;
  }

  // Next part of a text file, or false at its end.
  bool next_text_part(Document& doc) {
    if (!in && carry.empty()) return false;
    std::array<char, 1 << 16> buf;
    while (in && carry.size() < kMaxDocumentBytes) {
      if (!in->read(buf.data(), buf.size()) && in->gcount() == 0) {
        close();
        break;
      }
      carry.append(buf.data(), static_cast<std::size_t>(in->gcount()));
      if (carry.find('\0', carry.size() - static_cast<std::size_t>(in->gcount())) != std::string::npos) {
        diag.error(current, 0, "NUL byte in text file at byte " + std::to_string(offset + carry.size()) +
                                   "; rest of file skipped as binary");
        close();
        carry.resize(carry.find('\0'));
        break;
      }
    }
    if (carry.empty()) return false;
    std::size_t cut = carry.size();
    if (in && carry.size() >= kMaxDocumentBytes) {
      std::string_view window(carry.data(), kMaxDocumentBytes);
      std::size_t at = window.rfind("\n\n");
      if (at == std::string_view::npos || at < kMaxDocumentBytes / 2) at = window.rfind('\n');
      if (at == std::string_view::npos || at < kMaxDocumentBytes / 2) at = window.rfind(' ');
      if (at == std::string_view::npos || at < kMaxDocumentBytes / 2) {
        at = kMaxDocumentBytes;
        // Never cut inside a UTF-8 sequence.
        while (at > 0 && (static_cast<unsigned char>(carry[at]) & 0xC0) == 0x80) --at;
      } else {
        ++at;
      }
      cut = at;
      if (part == 0) {
        diag.warning(current, 0, "larger than " + std::to_string(kMaxDocumentBytes >> 20) +
                                     " MB; read as several documents split at paragraph or line breaks");
      }
    }
    doc = Document{};
    doc.path = current;
    doc.format = InputFormat::Text;
    const std::string stem = current == "-" ? std::string("stdin") : fs::path(current).stem().string();
    doc.id = (part == 0 && !in) ? stem : stem + "#" + std::to_string(part + 1);
    doc.text.assign(carry, 0, cut);
    if (offset == 0 && doc.text.starts_with("\xEF\xBB\xBF")) doc.text.replace(0, 3, "   ");
    repair_utf8(doc.text, current, 0, offset, diag);
    carry.erase(0, cut);
    offset += cut;
    ++part;
    return true;
  }

  // Next JSONL record, or false at the end of the file.
  bool next_jsonl(Document& doc) {
    std::string record;
    while (true) {
      std::string line_text;
      if (!carry.empty() || in) {
        // carry holds the peeked head; consume it line by line first.
        std::size_t nl = carry.find('\n');
        if (nl != std::string::npos) {
          line_text = carry.substr(0, nl);
          carry.erase(0, nl + 1);
        } else {
          line_text = std::move(carry);
          carry.clear();
          if (in) {
            std::string rest;
            if (std::getline(*in, rest)) {
              line_text += rest;
            } else {
              close();
            }
          }
          if (line_text.empty() && !in) return finish_jsonl();
        }
      } else {
        return finish_jsonl();
      }
      ++line;
      if (!line_text.empty() && line_text.back() == '\r') line_text.pop_back();
      if (line == 1 && line_text.starts_with("\xEF\xBB\xBF")) line_text.erase(0, 3);
      std::size_t first = line_text.find_first_not_of(" \t");
      if (first == std::string::npos) continue;
      repair_utf8(line_text, current, line, 0, diag);
      nlohmann::json j = nlohmann::json::parse(line_text, nullptr, false);
      if (j.is_discarded()) {
        diag.error(current, line, "malformed JSON record skipped");
        continue;
      }
      if (!j.is_object()) {
        diag.error(current, line, "JSON record is not an object; skipped");
        continue;
      }
      auto text = j.find("text");
      if (text == j.end() || !text->is_string()) {
        diag.error(current, line, "record has no string field \"text\"; skipped");
        continue;
      }
      doc = Document{};
      doc.path = current;
      doc.line = line;
      doc.format = InputFormat::Jsonl;
      doc.text = text->get<std::string>();
      doc.id = json_string(j, "id");
      if (doc.id.empty()) doc.id = (current == "-" ? std::string("stdin") : fs::path(current).stem().string()) + ":" + std::to_string(line);
      doc.title = json_string(j, "title");
      doc.url = json_string(j, "url");
      doc.source = json_string(j, "source");
      std::string date = json_string(j, "date");
      if (!date.empty()) {
        doc.date = normalize_metadata_date(date);
        if (doc.date.empty()) diag.warning(current, line, "unrecognised date \"" + date + "\" ignored");
      }
      jsonl_any = true;
      return true;
    }
  }

  bool finish_jsonl() {
    close();
    return false;
  }
};

DocumentReader::DocumentReader(std::vector<std::string> paths, ReadOptions options, Diagnostics& diag)
    : state_(new State(std::move(paths), std::move(options), diag)) {}

DocumentReader::~DocumentReader() { delete state_; }

bool DocumentReader::next(Document& doc) {
  State& s = *state_;
  while (true) {
    if (!s.ready.empty()) {
      doc = std::move(s.ready.front());
      s.ready.pop_front();
      if (doc.date.empty()) doc.date = s.options.default_date;
      return true;
    }
    bool got = false;
    if (s.current_format == InputFormat::Jsonl && (s.in || !s.carry.empty())) {
      got = s.next_jsonl(doc);
    } else if (s.current_format == InputFormat::Text && (s.in || !s.carry.empty())) {
      got = s.next_text_part(doc);
    }
    if (got) {
      if (doc.date.empty()) doc.date = s.options.default_date;
      return true;
    }
    s.current_format = InputFormat::Auto;
    if (!s.open_next_file()) return false;
  }
}

}  // namespace kestrel
