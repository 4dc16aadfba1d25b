// The embedded sample taxonomy (data/roame-sample) for tests, read once.
//
// SampleTaxonomy() reads the bundle with classification::ReadBundle on its
// first call and returns the same object on every later call, from any test
// of the binary; it is never freed. It is immutable, so tests may share it.
// The sample ships with the sources and its strict reading is tested in
// tests/classification/sample_bundle_test.cc: when it cannot be read, the
// reader's message is reported as a test failure and the binary aborts, as
// no test that uses the sample can run without it.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <utility>

#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::testing {

inline std::string SampleBundlePath() {
  return std::string(SKILLMATCH_SOURCE_DIR) + "/data/roame-sample";
}

inline const classification::Taxonomy& SampleTaxonomy() {
  static const classification::Taxonomy* taxonomy = [] {
    auto read = classification::ReadBundle(SampleBundlePath());
    if (!read.ok()) {
      ADD_FAILURE() << read.status().message();
      std::abort();
    }
    return new classification::Taxonomy(std::move(read).value());
  }();
  return *taxonomy;
}

}  // namespace skillmatch::testing
