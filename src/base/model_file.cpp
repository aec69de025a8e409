#include "base/model_file.h"

#include <unistd.h>
#include <zstd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kestrel {
namespace {

constexpr char kMagic[8] = {'K', 'E', 'S', 'T', 'R', 'E', 'L', '\x7f'};
constexpr std::uint32_t kContainerVersion = 1;
constexpr std::uint32_t kCompressedContainerVersion = 2;

std::string read_whole_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  if (!ok) return {};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

std::string executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().string();
}

}  // namespace

std::uint64_t fnv1a64(std::string_view data) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool write_model_file(const std::string& path, const ModelFile& model, std::string& error) {
  ByteWriter payload;
  payload.u32(static_cast<std::uint32_t>(model.sections.size()));
  for (const auto& [name, bytes] : model.sections) {
    payload.str(name);
    payload.u64(bytes.size());
    payload.raw(bytes.data(), bytes.size());
  }
  std::string stored = payload.take();
  const std::uint64_t raw_size = stored.size();
  if (model.compression_level > 0) {
    std::string packed(ZSTD_compressBound(stored.size()), '\0');
    const std::size_t z =
        ZSTD_compress(packed.data(), packed.size(), stored.data(), stored.size(), model.compression_level);
    if (ZSTD_isError(z)) {
      error = path + ": cannot compress: " + ZSTD_getErrorName(z);
      return false;
    }
    packed.resize(z);
    stored = std::move(packed);
  }
  ByteWriter file;
  file.raw(kMagic, sizeof kMagic);
  file.u32(model.compression_level > 0 ? kCompressedContainerVersion : kContainerVersion);
  file.str(model.kind);
  file.u32(model.version);
  file.u64(stored.size());
  file.u64(fnv1a64(stored));
  if (model.compression_level > 0) file.u64(raw_size);
  file.raw(stored.data(), stored.size());

  // Write to a temporary name and rename, so a crash never leaves a
  // half-written model where a good one was.
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = path + ": cannot open for writing";
      return false;
    }
    out.write(file.bytes().data(), static_cast<std::streamsize>(file.bytes().size()));
    out.flush();
    if (!out) {
      error = path + ": write failed";
      std::remove(tmp.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    error = path + ": cannot replace: " + ec.message();
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

std::optional<ModelFile> parse_model_file(std::string_view bytes, const std::string& name,
                                          std::string_view kind, std::uint32_t min_version,
                                          std::uint32_t max_version, std::string& error) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    error = name + ": not a Kestrel model file (bad magic number)";
    return std::nullopt;
  }
  ByteReader in(bytes.substr(sizeof kMagic));
  const std::uint32_t container = in.u32();
  if (in.failed() || (container != kContainerVersion && container != kCompressedContainerVersion)) {
    error = name + ": unsupported model container version " + std::to_string(container);
    return std::nullopt;
  }
  ModelFile model;
  model.kind = in.str();
  model.version = in.u32();
  const std::uint64_t size = in.u64();
  const std::uint64_t checksum = in.u64();
  const bool compressed = container == kCompressedContainerVersion;
  const std::uint64_t raw_size = compressed ? in.u64() : 0;
  if (in.failed()) {
    error = name + ": truncated model header";
    return std::nullopt;
  }
  if (model.kind != kind) {
    error = name + ": is a '" + model.kind + "' model, expected '" + std::string(kind) + "'";
    return std::nullopt;
  }
  if (model.version < min_version || model.version > max_version) {
    error = name + ": '" + model.kind + "' model format version " + std::to_string(model.version) +
            " is not supported (this Kestrel reads " + std::to_string(min_version) + ".." +
            std::to_string(max_version) + ")";
    return std::nullopt;
  }
  if (size != in.remaining()) {
    error = name + ": model file is " + (size > in.remaining() ? "truncated" : "followed by extra bytes") +
            " (payload " + std::to_string(in.remaining()) + " bytes, header says " + std::to_string(size) + ")";
    return std::nullopt;
  }
  std::string_view payload = bytes.substr(bytes.size() - size);
  if (fnv1a64(payload) != checksum) {
    error = name + ": model file is corrupt (checksum mismatch)";
    return std::nullopt;
  }
  std::string unpacked;
  if (compressed) {
    const unsigned long long frame = ZSTD_getFrameContentSize(payload.data(), payload.size());
    if (frame != raw_size || raw_size > (std::uint64_t{1} << 34)) {
      error = name + ": compressed payload does not match its header";
      return std::nullopt;
    }
    unpacked.resize(raw_size);
    const std::size_t z = ZSTD_decompress(unpacked.data(), unpacked.size(), payload.data(), payload.size());
    if (ZSTD_isError(z) || z != raw_size) {
      error = name + ": compressed payload is corrupt";
      return std::nullopt;
    }
    payload = unpacked;
  }
  ByteReader sections(payload);
  const std::uint32_t count = sections.u32();
  for (std::uint32_t i = 0; i < count && !sections.failed(); ++i) {
    std::string section_name = sections.str();
    const std::uint64_t n = sections.u64();
    if (sections.failed() || n > sections.remaining()) {
      error = name + ": malformed section table";
      return std::nullopt;
    }
    std::string data(n, '\0');
    sections.raw(data.data(), n);
    model.sections.emplace(std::move(section_name), std::move(data));
  }
  if (sections.failed() || !sections.at_end()) {
    error = name + ": malformed section table";
    return std::nullopt;
  }
  return model;
}

std::optional<ModelFile> read_model_file(const std::string& path, std::string_view kind,
                                         std::uint32_t min_version, std::uint32_t max_version,
                                         std::string& error) {
  bool ok = false;
  std::string bytes = read_whole_file(path, ok);
  if (!ok) {
    error = path + ": cannot open model file";
    return std::nullopt;
  }
  return parse_model_file(bytes, path, kind, min_version, max_version, error);
}

std::string find_data_file(std::string_view relative) {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots;
  if (const char* env = std::getenv("KESTREL_DATA"); env && *env) roots.emplace_back(env);
  if (auto dir = executable_dir(); !dir.empty()) {
    roots.push_back(fs::path(dir) / "data");
    roots.push_back(fs::path(dir).parent_path() / "data");
    roots.push_back(fs::path(dir).parent_path() / "share" / "kestrel" / "data");
  }
  roots.emplace_back(KESTREL_SOURCE_DATA_DIR);
  for (const auto& root : roots) {
    std::error_code ec;
    fs::path candidate = root / relative;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return {};
}

}  // namespace kestrel
