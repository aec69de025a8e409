// A scratch directory for a test, removed when the test ends.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace kestrel::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("kestrel_test_" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& bytes) const {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

// ../shared next to the source tree, or empty when it is absent (a user's clone).
inline std::string shared_dir() {
  std::filesystem::path p = std::filesystem::path(KESTREL_SOURCE_DIR).parent_path() / "shared";
  return std::filesystem::is_directory(p) ? p.string() : std::string();
}

}  // namespace kestrel::testing
