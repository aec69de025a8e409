// Runs the kestrel binary under test (KESTREL_BINARY) as a user would.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace kestrel::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// Runs kestrel with `args` (shell-quoted by the caller); stderr is folded
// into the output only when `with_stderr`.
inline RunResult run_kestrel(const std::string& args, bool with_stderr = false) {
  std::string cmd = std::string(KESTREL_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  RunResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace kestrel::testing
