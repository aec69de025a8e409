#include <utf8proc.h>

#include <cstdlib>

#include "text/text.h"
#include "text/utf8.h"

namespace kestrel {

std::string_view segment_kind_name(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::Body: return "body";
    case SegmentKind::Title: return "title";
    case SegmentKind::Caption: return "caption";
    case SegmentKind::Bullet: return "bullet";
    case SegmentKind::Byline: return "byline";
    case SegmentKind::Dateline: return "dateline";
  }
  return "body";
}

bool is_codable(SegmentKind kind) {
  return kind == SegmentKind::Body || kind == SegmentKind::Title || kind == SegmentKind::Bullet;
}

std::string_view input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::Auto: return "auto";
    case InputFormat::Text: return "text";
    case InputFormat::Jsonl: return "jsonl";
    case InputFormat::Html: return "html";
    case InputFormat::Conllu: return "conllu";
  }
  return "auto";
}

bool parse_input_format(std::string_view name, InputFormat& out) {
  if (name == "auto") out = InputFormat::Auto;
  else if (name == "text" || name == "txt" || name == "plain") out = InputFormat::Text;
  else if (name == "jsonl" || name == "ndjson") out = InputFormat::Jsonl;
  else if (name == "html" || name == "htm") out = InputFormat::Html;
  else if (name == "conllu" || name == "conll") out = InputFormat::Conllu;
  else return false;
  return true;
}

std::string normalize_for_matching(std::string_view text) {
  // Map typographic variants first so NFKC sees plain ASCII where it matters.
  std::string mapped;
  mapped.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      mapped += static_cast<char>(c);
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t len = utf8::decode(text, i, cp);
    if (len == 0) {
      mapped += '?';
      ++i;
      continue;
    }
    if (char ascii = utf8::ascii_equivalent(cp)) {
      mapped += ascii;
    } else {
      mapped.append(text.substr(i, len));
    }
    i += len;
  }
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(mapped.data()),
                                    static_cast<utf8proc_ssize_t>(mapped.size()), &out,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
  if (n < 0 || out == nullptr) return mapped;
  std::string result(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

}  // namespace kestrel
