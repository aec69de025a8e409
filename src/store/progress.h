// A one-line progress display for long runs (`kestrel code --db`):
// documents, sentences, events, sentences per second and, when the size of
// the input is known, a bar and the time left.
//
// It draws only when enabled, which by default means stderr is a terminal,
// so logs and pipes get nothing. Redraws are rate-limited, so update() may be
// called for every document. Not thread-safe: call it from the thread that
// writes the results (the ordered `emit` side of a batch runner).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace kestrel {

class ProgressBar {
 public:
  // `total_bytes`: size of the input (input_bytes()), 0 when unknown;
  // `out`: where to draw (stderr).
  explicit ProgressBar(std::uint64_t total_bytes = 0, bool enabled = stderr_is_terminal(), std::FILE* out = stderr);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Counts one more document with its sentences, events and bytes of input
  // consumed, and redraws at most every 200 ms.
  void add(std::uint64_t documents, std::uint64_t sentences, std::uint64_t events, std::uint64_t bytes);
  // Draws the final figures and ends the line (once; also done by the
  // destructor). Does nothing when nothing was ever drawn.
  void finish();

  bool enabled() const { return enabled_; }
  // The line as it would be drawn after `elapsed_seconds`, `width` columns
  // at most (for tests and for the final summary).
  std::string render(double elapsed_seconds, std::size_t width = 100) const;

  static bool stderr_is_terminal();
  // Whether a run should show progress: stderr is a terminal, and stdout is
  // not a terminal the run is writing its results to.
  static bool wanted(bool writes_stdout);
  // Total size of files, and of every file under directories (recursively,
  // hidden entries skipped as the reader does); 0 when stdin or unknown.
  static std::uint64_t input_bytes(const std::vector<std::string>& paths);

 private:
  void draw(bool final);

  std::uint64_t total_bytes_ = 0;
  bool enabled_ = false;
  bool drawn_ = false;
  bool finished_ = false;
  std::FILE* out_ = nullptr;
  std::uint64_t documents_ = 0, sentences_ = 0, events_ = 0, bytes_ = 0;
  std::chrono::steady_clock::time_point started_, last_draw_;
};

}  // namespace kestrel
