// Small helpers of the store: content hashing (SHA-256), dates as integers,
// compression of stored parses, coder fingerprints.
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "store/store_impl.h"

namespace kestrel {
namespace {

// SHA-256 (FIPS 180-4). A standard digest rather than a fast private hash:
// users can check a stored document against `sha256sum` of its text.
class Sha256 {
 public:
  void update(std::string_view data) {
    for (char c : data) {
      block_[fill_++] = static_cast<std::uint8_t>(c);
      if (fill_ == 64) {
        compress_block();
        fill_ = 0;
      }
    }
    length_ += data.size();
  }
  std::array<std::uint8_t, 32> finish() {
    std::uint64_t bits = length_ * 8;
    block_[fill_++] = 0x80;
    if (fill_ > 56) {
      while (fill_ < 64) block_[fill_++] = 0;
      compress_block();
      fill_ = 0;
    }
    while (fill_ < 56) block_[fill_++] = 0;
    for (int i = 7; i >= 0; --i) block_[fill_++] = static_cast<std::uint8_t>(bits >> (8 * i));
    compress_block();
    std::array<std::uint8_t, 32> out{};
    for (int i = 0; i < 8; ++i)
      for (int b = 0; b < 4; ++b) out[i * 4 + b] = static_cast<std::uint8_t>(h_[i] >> (24 - 8 * b));
    return out;
  }

 private:
  static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void compress_block() {
    static constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = (std::uint32_t{block_[4 * i]} << 24) | (std::uint32_t{block_[4 * i + 1]} << 16) |
             (std::uint32_t{block_[4 * i + 2]} << 8) | std::uint32_t{block_[4 * i + 3]};
    for (int i = 16; i < 64; ++i) {
      std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (int i = 0; i < 64; ++i) {
      std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h_[0] += a, h_[1] += b, h_[2] += c, h_[3] += d, h_[4] += e, h_[5] += f, h_[6] += g, h_[7] += h;
  }

  std::uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::uint8_t block_[64] = {};
  std::size_t fill_ = 0;
  std::uint64_t length_ = 0;
};

std::string hex(const std::uint8_t* bytes, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  return out;
}

std::string read_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream s;
  if (ok) s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  auto d = h.finish();
  return hex(d.data(), d.size());
}

std::string files_digest(std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end());
  Sha256 h;
  for (const std::string& p : paths) {
    bool ok = false;
    std::string bytes = read_file(p, ok);
    // The file name (not its directory) goes in, so the same dictionaries
    // installed elsewhere have the same version.
    std::string name = p.substr(p.find_last_of('/') == std::string::npos ? 0 : p.find_last_of('/') + 1);
    h.update(name);
    h.update(std::string_view("\0", 1));
    h.update(std::to_string(bytes.size()));
    h.update(std::string_view("\0", 1));
    h.update(bytes);
  }
  auto d = h.finish();
  return hex(d.data(), 8);
}

std::string model_checksum(const std::string& path) {
  bool ok = false;
  std::string bytes = read_file(path, ok);
  if (!ok) return {};
  // Kestrel model header (base/model_file.h): magic, u32 container version,
  // u32 kind length + kind, u32 format version, u64 payload length, u64
  // FNV-1a checksum of the payload, which already identifies the model.
  static constexpr std::string_view kMagic("KESTREL\x7f", 8);
  if (bytes.size() >= 16 && std::string_view(bytes).substr(0, 8) == kMagic) {
    std::uint32_t kind_len = 0;
    std::memcpy(&kind_len, bytes.data() + 12, 4);
    std::size_t at = 16 + std::size_t{kind_len} + 4 + 8;
    if (kind_len < 256 && at + 8 <= bytes.size()) {
      std::uint64_t checksum = 0;
      std::memcpy(&checksum, bytes.data() + at, 8);
      std::uint8_t be[8];
      for (int i = 0; i < 8; ++i) be[i] = static_cast<std::uint8_t>(checksum >> (56 - 8 * i));
      return hex(be, 8);
    }
  }
  return sha256_hex(bytes);
}

}  // namespace kestrel

namespace kestrel::store {

std::int32_t day_number(std::string_view date) {
  auto digits = [&](std::size_t from, std::size_t n, int& out) {
    if (date.size() < from + n) return false;
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      out = out * 10 + (date[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, y) || y == 0) return 0;
  if (date.size() == 4) return y * 10000;
  if (date.size() < 7 || date[4] != '-' || !digits(5, 2, m) || m < 1 || m > 12) return 0;
  if (date.size() == 7) return y * 10000 + m * 100;
  if (date.size() < 10 || date[7] != '-' || !digits(8, 2, d) || d < 1 || d > 31) return 0;
  return y * 10000 + m * 100 + d;
}

// Days from civil dates and back: the proleptic Gregorian calendar counted
// in 400-year eras of 146097 days, with years starting in March so the leap
// day falls at the end of a year.
std::int64_t days_from_day(std::int32_t day) {
  std::int64_t y = day / 10000, m = (day / 100) % 100, d = day % 100;
  y -= m <= 2;
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::int32_t day_from_days(std::int64_t z) {
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  return static_cast<std::int32_t>(y * 10000 + m * 100 + d);
}

std::string day_text(std::int32_t day) {
  if (day <= 0) return {};
  char buf[16];
  int y = day / 10000, m = (day / 100) % 100, d = day % 100;
  if (m == 0) std::snprintf(buf, sizeof buf, "%04d", y);
  else if (d == 0) std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string outlet_of(const Document& doc) {
  if (!doc.source.empty()) return doc.source;
  std::string_view url = doc.url;
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  url = url.substr(0, url.find(':'));
  std::string host(url);
  for (char& c : host) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::string compress(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  std::size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  if (ZSTD_isError(n)) return {};
  out.resize(n);
  return out;
}

bool decompress(std::string_view bytes, std::size_t raw_size, std::string& out) {
  out.assign(raw_size, '\0');
  std::size_t n = ZSTD_decompress(out.data(), out.size(), bytes.data(), bytes.size());
  if (ZSTD_isError(n) || n != raw_size) return false;
  return true;
}

}  // namespace kestrel::store
