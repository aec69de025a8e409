// Diagnostics: how every stage reports bad input without stopping.
//
// A stage that meets a malformed record reports it here (naming the file and
// the line or byte offset) and goes on with the rest. The CLI prints each
// message as it arrives and turns "any error reported" into exit code 1.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace kestrel {

enum class Severity : std::uint8_t { Warning, Error };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;          // path, "-" for stdin, or empty
  std::uint64_t line = 0;    // 1-based; 0 if not applicable
  std::uint64_t offset = 0;  // byte offset; used when line == 0
  bool has_offset = false;
  std::string message;
};

// "file:line: error: message" / "file: byte 123: warning: message".
std::string format_diagnostic(const Diagnostic& d);

// Thread-safe collector. By default messages are also written to stderr as
// they arrive; tests install their own printer or none.
class Diagnostics {
 public:
  using Printer = std::function<void(const Diagnostic&)>;
  Diagnostics();
  explicit Diagnostics(Printer printer);

  void report(Diagnostic d);
  void error(const std::string& file, std::uint64_t line, std::string message);
  void error_at(const std::string& file, std::uint64_t offset, std::string message);
  void warning(const std::string& file, std::uint64_t line, std::string message);
  void warning_at(const std::string& file, std::uint64_t offset, std::string message);

  std::size_t errors() const;
  std::size_t warnings() const;
  // Copy of everything reported so far (kept up to a cap, to bound memory on
  // inputs with millions of bad records; counts stay exact).
  std::vector<Diagnostic> messages() const;

 private:
  mutable std::mutex mutex_;
  Printer printer_;
  std::vector<Diagnostic> kept_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;
inline constexpr int kExitFatal = 2;

}  // namespace kestrel
