// Access to the published reference data in ../shared/data for tests.
//
// REQUIRE_SHARED_DATA(sub) makes the current test use SharedDataPath(sub):
// when the folder is missing the test is skipped on a developer machine, and
// fails when the CI environment variable is set (CI must have the data).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace skillmatch::testing {

inline std::string SharedDataPath(const std::string& sub) {
  return std::string(SKILLMATCH_SHARED_DATA) + "/" + sub;
}

inline bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0' && std::string(ci) != "0" &&
         std::string(ci) != "false";
}

}  // namespace skillmatch::testing

#define REQUIRE_SHARED_DATA(sub)                                            \
  do {                                                                      \
    const std::string _sm_path = ::skillmatch::testing::SharedDataPath(sub); \
    if (!std::filesystem::exists(_sm_path)) {                               \
      if (::skillmatch::testing::InCi()) {                                  \
        FAIL() << "published data missing in CI: " << _sm_path;             \
      } else {                                                              \
        GTEST_SKIP() << "published data missing: " << _sm_path;             \
      }                                                                     \
    }                                                                       \
  } while (0)
