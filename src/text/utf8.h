// UTF-8 helpers shared inside the text stage (not part of its public API).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kestrel::utf8 {

// Decodes the code point at text[pos]; returns its length in bytes, or 0 if
// the bytes there are not valid UTF-8 (overlong, surrogate, truncated...).
inline std::size_t decode(std::string_view text, std::size_t pos, char32_t& cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  unsigned char c = s[pos];
  if (c < 0x80) { cp = c; return 1; }
  auto cont = [&](std::size_t k) { return pos + k < n && (s[pos + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) {
    if (!cont(1)) return 0;
    cp = (char32_t(c & 0x1F) << 6) | (s[pos + 1] & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    cp = (char32_t(c & 0x0F) << 12) | (char32_t(s[pos + 1] & 0x3F) << 6) | (s[pos + 2] & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    cp = (char32_t(c & 0x07) << 18) | (char32_t(s[pos + 1] & 0x3F) << 12) | (char32_t(s[pos + 2] & 0x3F) << 6) |
         (s[pos + 3] & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

// The ASCII character a typographic variant stands for when matching
// (curly quotes, primes, dashes, odd spaces), or 0.
inline char ascii_equivalent(char32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    case 0x00A0: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2007:
    case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F: case 0x3000: return ' ';
    default: return 0;
  }
}

// Replaces every byte that is not part of valid UTF-8 with '?', in place, so
// byte offsets are unchanged. Calls on_bad(offset) for each replaced byte.
template <typename OnBad>
std::size_t repair(std::string& text, OnBad&& on_bad) {
  std::size_t bad = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    if (static_cast<unsigned char>(text[i]) < 0x80) { ++i; continue; }
    char32_t cp;
    std::size_t len = decode(text, i, cp);
    if (len == 0) {
      on_bad(i);
      text[i] = '?';
      ++bad;
      ++i;
    } else {
      i += len;
    }
  }
  return bad;
}

}  // namespace kestrel::utf8
