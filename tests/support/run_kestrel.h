// Runs the kestrel binary under test (KESTREL_BINARY) as a user would.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "support/temp_dir.h"

namespace kestrel::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// Runs the shell command `cmd` and collects its standard output.
inline RunResult run_command(const std::string& cmd) {
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

// Runs kestrel with `args` (shell-quoted by the caller); stderr is folded
// into the output only when `with_stderr`.
inline RunResult run_kestrel(const std::string& args, bool with_stderr = false) {
  return run_command(std::string(KESTREL_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

struct SplitRunResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs kestrel with `args` (shell-quoted by the caller), keeping stderr
// apart from stdout (for checking warnings without spoiling the output).
inline SplitRunResult run_kestrel_split(const std::string& args) {
  const TempDir dir;
  const std::string err_file = dir.file("stderr.txt");
  RunResult r = run_command(std::string(KESTREL_BINARY) + " " + args + " 2>" + err_file);
  std::ifstream in(err_file, std::ios::binary);
  std::ostringstream err;
  err << in.rdbuf();
  return {r.exit_code, std::move(r.out), err.str()};
}

}  // namespace kestrel::testing
