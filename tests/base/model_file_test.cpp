#include "base/model_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace kestrel {
namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("kestrel_test_" + name)).string();
}

ModelFile sample() {
  ModelFile m;
  m.kind = "parser";
  m.version = 3;
  ByteWriter w;
  w.u32(42);
  w.str("hello");
  w.array(std::vector<float>{1.5f, -2.0f});
  m.sections["weights"] = w.take();
  m.sections["labels"] = "nsubj\nobj";
  return m;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(ModelFile, RoundTripsSections) {
  const std::string path = temp_path("roundtrip.kmodel");
  std::string error;
  ASSERT_TRUE(write_model_file(path, sample(), error)) << error;
  auto loaded = read_model_file(path, "parser", 1, 3, error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(loaded->version, 3u);
  EXPECT_EQ(loaded->sections.at("labels"), "nsubj\nobj");
  ByteReader r(loaded->sections.at("weights"));
  EXPECT_EQ(r.u32(), 42u);
  EXPECT_EQ(r.str(), "hello");
  auto floats = r.array<float>();
  ASSERT_EQ(floats.size(), 2u);
  EXPECT_FLOAT_EQ(floats[1], -2.0f);
  EXPECT_TRUE(r.at_end());
  EXPECT_FALSE(r.failed());
  std::remove(path.c_str());
}

TEST(ModelFile, RefusesWrongKindAndVersion) {
  std::string bytes;
  {
    const std::string path = temp_path("kind.kmodel");
    std::string error;
    ASSERT_TRUE(write_model_file(path, sample(), error));
    bytes = file_bytes(path);
    std::remove(path.c_str());
  }
  std::string error;
  EXPECT_FALSE(parse_model_file(bytes, "m", "tagger", 1, 3, error));
  EXPECT_NE(error.find("is a 'parser' model, expected 'tagger'"), std::string::npos) << error;
  EXPECT_FALSE(parse_model_file(bytes, "m", "parser", 4, 5, error));
  EXPECT_NE(error.find("version 3"), std::string::npos) << error;
}

TEST(ModelFile, RefusesTruncatedAndCorruptFiles) {
  const std::string path = temp_path("corrupt.kmodel");
  std::string error;
  ASSERT_TRUE(write_model_file(path, sample(), error));
  const std::string bytes = file_bytes(path);
  std::remove(path.c_str());
  // Every truncation is refused, none crashes.
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(parse_model_file(std::string_view(bytes).substr(0, n), "m", "parser", 1, 3, error)) << n;
  }
  std::string flipped = bytes;
  flipped[flipped.size() - 3] ^= 0x40;
  EXPECT_FALSE(parse_model_file(flipped, "m", "parser", 1, 3, error));
  EXPECT_NE(error.find("checksum"), std::string::npos) << error;
  EXPECT_FALSE(parse_model_file("not a model at all", "m", "parser", 1, 3, error));
  EXPECT_NE(error.find("bad magic"), std::string::npos) << error;
  EXPECT_FALSE(read_model_file(temp_path("missing.kmodel"), "parser", 1, 3, error));
}

TEST(ModelFile, CompressedFilesRoundTripAndRefuseDamage) {
  const std::string path = temp_path("compressed.kmodel");
  ModelFile m = sample();
  m.sections["big"] = std::string(100000, 'x');  // compresses to almost nothing
  m.compression_level = 3;
  std::string error;
  ASSERT_TRUE(write_model_file(path, m, error)) << error;
  const std::string bytes = file_bytes(path);
  std::remove(path.c_str());
  EXPECT_LT(bytes.size(), 10000u);
  auto loaded = parse_model_file(bytes, "m", "parser", 1, 3, error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(loaded->sections.at("big"), std::string(100000, 'x'));
  EXPECT_EQ(loaded->sections.at("labels"), "nsubj\nobj");
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(parse_model_file(std::string_view(bytes).substr(0, n), "m", "parser", 1, 3, error)) << n;
  std::string flipped = bytes;
  flipped[flipped.size() - 5] ^= 0x11;
  EXPECT_FALSE(parse_model_file(flipped, "m", "parser", 1, 3, error));
  EXPECT_NE(error.find("checksum"), std::string::npos) << error;
}

TEST(ByteReader, OverrunFailsClosed) {
  ByteReader r(std::string_view("\x05\x00\x00\x00" "ab", 6));
  EXPECT_EQ(r.str(), "");
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.u64(), 0u);
}

}  // namespace
}  // namespace kestrel
