// What every benchmark prints about the machine it ran on, and its clock:
// figures are only comparable with the hardware and the load beside them.
// Also the small pieces the scenario drivers share: the median of timings
// and the exit on a failed status.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::bench {

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// The median of timings (the upper one of an even count), 0 for none.
inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Prints a failure's message and returns exit code 70 (internal).
inline int Die(const Status& s) {
  std::fprintf(stderr, "%s\n", s.message().c_str());
  return 70;
}

// The CPU's model name from /proc/cpuinfo, or "unknown".
inline std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

// The 1-minute load average: other work on the machine shows in the figures.
inline std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one.empty() ? "unknown" : one;
}

}  // namespace skillmatch::bench
