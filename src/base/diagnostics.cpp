#include "base/diagnostics.h"

#include <iostream>

namespace kestrel {
namespace {
constexpr std::size_t kMaxKept = 10000;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) {
      out += ':' + std::to_string(d.line);
    } else if (d.has_offset) {
      out += ": byte " + std::to_string(d.offset);
    }
    out += ": ";
  }
  out += d.severity == Severity::Error ? "error: " : "warning: ";
  out += d.message;
  return out;
}

Diagnostics::Diagnostics()
    : printer_([](const Diagnostic& d) { std::cerr << "kestrel: " << format_diagnostic(d) << '\n'; }) {}

Diagnostics::Diagnostics(Printer printer) : printer_(std::move(printer)) {}

void Diagnostics::report(Diagnostic d) {
  std::lock_guard<std::mutex> lock(mutex_);
  (d.severity == Severity::Error ? errors_ : warnings_)++;
  if (printer_) printer_(d);
  if (kept_.size() < kMaxKept) kept_.push_back(std::move(d));
}

void Diagnostics::error(const std::string& file, std::uint64_t line, std::string message) {
  report({Severity::Error, file, line, 0, false, std::move(message)});
}
void Diagnostics::error_at(const std::string& file, std::uint64_t offset, std::string message) {
  report({Severity::Error, file, 0, offset, true, std::move(message)});
}
void Diagnostics::warning(const std::string& file, std::uint64_t line, std::string message) {
  report({Severity::Warning, file, line, 0, false, std::move(message)});
}
void Diagnostics::warning_at(const std::string& file, std::uint64_t offset, std::string message) {
  report({Severity::Warning, file, 0, offset, true, std::move(message)});
}

std::size_t Diagnostics::errors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return errors_;
}
std::size_t Diagnostics::warnings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return warnings_;
}
std::vector<Diagnostic> Diagnostics::messages() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return kept_;
}

}  // namespace kestrel
