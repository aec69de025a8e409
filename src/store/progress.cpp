#include "store/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <filesystem>

namespace kestrel {
namespace {

// 1234567 -> "1,234,567": long runs produce numbers that are hard to read otherwise.
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string duration(double seconds) {
  if (seconds < 0) seconds = 0;
  auto s = static_cast<std::uint64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%lluh%02llum", static_cast<unsigned long long>(s / 3600),
                               static_cast<unsigned long long>(s / 60 % 60));
  else std::snprintf(buf, sizeof buf, "%llum%02llus", static_cast<unsigned long long>(s / 60),
                     static_cast<unsigned long long>(s % 60));
  return buf;
}

std::size_t terminal_width(std::FILE* out) {
  winsize ws{};
  if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  return 80;
}

}  // namespace

ProgressBar::ProgressBar(std::uint64_t total_bytes, bool enabled, std::FILE* out)
    : total_bytes_(total_bytes), enabled_(enabled), out_(out), started_(std::chrono::steady_clock::now()),
      last_draw_(started_) {}

ProgressBar::~ProgressBar() { finish(); }

bool ProgressBar::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

bool ProgressBar::wanted(bool writes_stdout) {
  return stderr_is_terminal() && !(writes_stdout && isatty(STDOUT_FILENO) == 1);
}

std::uint64_t ProgressBar::input_bytes(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const std::string& p : paths) {
    if (p == "-") return 0;
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->path().filename().string().starts_with(".")) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) total += it->file_size(ec);
      }
    } else if (fs::is_regular_file(p, ec)) {
      total += fs::file_size(p, ec);
    }
  }
  return total;
}

void ProgressBar::add(std::uint64_t documents, std::uint64_t sentences, std::uint64_t events, std::uint64_t bytes) {
  documents_ += documents;
  sentences_ += sentences;
  events_ += events;
  bytes_ += bytes;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  draw(false);
}

std::string ProgressBar::render(double elapsed, std::size_t width) const {
  std::string line = grouped(documents_) + " docs  " + grouped(sentences_) + " sent  " + grouped(events_) + " events";
  if (elapsed > 0) line += "  " + grouped(static_cast<std::uint64_t>(static_cast<double>(sentences_) / elapsed)) +
                           " sent/s";
  if (total_bytes_ > 0) {
    // Bytes of document text against bytes of input files: exact for plain
    // text, an estimate for HTML and JSONL (markup is not counted).
    double done = std::min(1.0, static_cast<double>(bytes_) / static_cast<double>(total_bytes_));
    const int cells = 20;
    int full = static_cast<int>(done * cells);
    line += "  [" + std::string(static_cast<std::size_t>(full), '#') +
            std::string(static_cast<std::size_t>(cells - full), '.') + "] " +
            std::to_string(static_cast<int>(done * 100)) + "%";
    if (done > 0 && done < 1 && elapsed > 1) line += "  ETA " + duration(elapsed * (1 - done) / done);
  }
  line += "  " + duration(elapsed);
  if (line.size() > width) line.resize(width);
  return line;
}

void ProgressBar::draw(bool final) {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::string line = render(elapsed, terminal_width(out_) - 1);
  // \r and erase-to-end-of-line: redraw in place without scrolling.
  std::fprintf(out_, "\r\033[K%s%s", line.c_str(), final ? "\n" : "");
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (finished_) return;
  finished_ = true;
  if (enabled_ && drawn_) draw(true);
}

}  // namespace kestrel
