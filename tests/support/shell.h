// Running a command through the shell in tests, with its exit code and both
// output streams captured (the CLI tests run the skillmatch executable so).
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace skillmatch::testing {

struct Outcome {
  int code = -1;  // exit code; -1 if the process did not exit normally
  std::string out;
  std::string err;
};

// The whole content of a file ("" if it cannot be read).
inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// Runs `command` with /bin/sh, its streams captured in files of `scratch`;
// `command` may hold its own redirections of standard input.
inline Outcome Shell(const std::string& command, const TempDir& scratch) {
  const std::string full = "{ " + command + " ; } > " + scratch.Child("stdout") + " 2> " +
                           scratch.Child("stderr");
  const int status = std::system(full.c_str());
  Outcome run;
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = Slurp(scratch.Child("stdout"));
  run.err = Slurp(scratch.Child("stderr"));
  return run;
}

}  // namespace skillmatch::testing
