// Versioned, checksummed binary files for models (tagger, parser, sentence
// splitter, compiled dictionaries).
//
// Layout (all integers little-endian):
//   8 bytes   magic "KESTREL\x7f"
//   4 bytes   container version (1)
//   4 bytes   length of the kind string, then the kind ("parser", ...)
//   4 bytes   kind-specific format version
//   8 bytes   payload length
//   8 bytes   FNV-1a 64 checksum of the payload
//   payload   a sequence of named sections: u32 name length, name,
//             u64 size, bytes
// Container version 2 is the same with the payload compressed: after the
// checksum (of the compressed bytes) comes the u64 size of the payload
// uncompressed, then one zstd frame.
// A file of the wrong kind, a newer version, a truncated file or one whose
// checksum fails is refused with a message naming the file; nothing crashes.
#pragma once

#include <cstdint>
#include <bit>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kestrel {

// Appends little-endian values and length-prefixed strings to a byte buffer.
class ByteWriter {
 public:
  void u8(std::uint8_t v) { bytes_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void i32(std::int32_t v) { raw(&v, sizeof v); }
  void f32(float v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    bytes_.append(s.data(), s.size());
  }
  template <typename T>
  void array(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    u64(values.size());
    raw(values.data(), values.size() * sizeof(T));
  }
  void raw(const void* data, std::size_t n) { bytes_.append(static_cast<const char*>(data), n); }
  const std::string& bytes() const { return bytes_; }
  std::string take() { return std::move(bytes_); }

 private:
  static_assert(std::endian::native == std::endian::little, "model files assume little-endian hosts");
  std::string bytes_;
};

// Bounds-checked reader over a byte buffer. Any overrun sets failed() and
// returns zeros/empty values, so decoding code checks once at the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  std::uint8_t u8() { std::uint8_t v = 0; raw(&v, 1); return v; }
  std::uint32_t u32() { std::uint32_t v = 0; raw(&v, sizeof v); return v; }
  std::uint64_t u64() { std::uint64_t v = 0; raw(&v, sizeof v); return v; }
  std::int32_t i32() { std::int32_t v = 0; raw(&v, sizeof v); return v; }
  float f32() { float v = 0; raw(&v, sizeof v); return v; }
  double f64() { double v = 0; raw(&v, sizeof v); return v; }
  std::string str() {
    std::uint32_t n = u32();
    if (failed_ || n > remaining()) { failed_ = true; return {}; }
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  template <typename T>
  std::vector<T> array() {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint64_t n = u64();
    if (failed_ || n > remaining() / sizeof(T)) { failed_ = true; return {}; }
    std::vector<T> v(n);
    raw(v.data(), n * sizeof(T));
    return v;
  }
  void raw(void* out, std::size_t n) {
    if (failed_ || n > remaining()) { failed_ = true; std::memset(out, 0, n); return; }
    std::memcpy(out, data_.data() + pos_, n);
    pos_ += n;
  }
  // Marks the data as bad (e.g. a count larger than what is left).
  void fail() { failed_ = true; }
  std::size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }
  bool failed() const { return failed_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

std::uint64_t fnv1a64(std::string_view data);

struct ModelFile {
  std::string kind;
  std::uint32_t version = 0;
  std::map<std::string, std::string> sections;  // name -> bytes
  // zstd level for write_model_file (0 = store uncompressed, container 1).
  int compression_level = 0;
};

// Writes atomically (temporary file + rename). Returns false and sets `error`.
bool write_model_file(const std::string& path, const ModelFile& model, std::string& error);

// Reads and verifies a model file. `kind` must match; the version must be in
// [min_version, max_version]. On failure returns nullopt and sets `error` to
// a message that names the file and what is wrong with it.
std::optional<ModelFile> read_model_file(const std::string& path, std::string_view kind,
                                         std::uint32_t min_version, std::uint32_t max_version,
                                         std::string& error);
// Same, from bytes already in memory (`name` is used in messages).
std::optional<ModelFile> parse_model_file(std::string_view bytes, const std::string& name,
                                          std::string_view kind, std::uint32_t min_version,
                                          std::uint32_t max_version, std::string& error);

// Locates a file shipped under data/: $KESTREL_DATA, then data/ next to the
// executable's parent directory (installed or build tree), then the source
// tree's data/. Returns the first existing path, or empty.
std::string find_data_file(std::string_view relative);

}  // namespace kestrel
