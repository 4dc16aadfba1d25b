// The seeded random source: known answers (so that a change to the
// arithmetic, which would move every generated file, fails here first) and
// the ranges of the draws.
#include "skillmatch/classification/random.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <vector>

namespace skillmatch::classification {
namespace {

TEST(Random, SplitMix64GivesTheReferenceSequence) {
  // The first outputs of Vigna's splitmix64.c for seed 1234567.
  SplitMix64 rng(1234567);
  const std::vector<uint64_t> expected = {
      6457827717110365317ull, 3203168211198807973ull, 9817491932198370423ull,
      4593380528125082431ull, 16408922859458223821ull};
  for (uint64_t want : expected) EXPECT_EQ(rng.Next(), want);
}

TEST(Random, MixAndSplitMixAreTheFinaliser) {
  EXPECT_EQ(Mix64(0), 0u);  // a bijection fixing 0
  EXPECT_EQ(SplitMix(1234567), SplitMix64(1234567).Next());
  static_assert(SplitMix(0) == Mix64(kGoldenGamma));
}

TEST(Random, HashWordsIsAPureFunctionOfItsWords) {
  // Values of an independent implementation (Python, 64-bit wrap-around).
  EXPECT_EQ(HashWords(1, 2, 3, 4), 5182669632855573897ull);
  EXPECT_EQ(HashWords(0, 0, 0, 0), 2391539541053276776ull);
  EXPECT_NE(HashWords(1, 2, 3, 4), HashWords(1, 2, 4, 3));
  EXPECT_NE(HashWords(1, 2, 3, 4), HashWords(1, 3, 3, 4));
}

TEST(Random, Xoshiro256StreamsAreSeededFromSeedStreamAndIndex) {
  // Values of an independent implementation of the seeding in random.h and
  // of xoshiro256** (Blackman and Vigna's xoshiro256starstar.c).
  Xoshiro256 rng(42, 7, 3);
  const std::vector<uint64_t> expected = {
      15708111145053251581ull, 12122437539651175589ull, 8541885576196504073ull,
      17450628213393391117ull};
  for (uint64_t want : expected) EXPECT_EQ(rng.Next(), want);
  Xoshiro256 first(1, 0, 0);
  EXPECT_EQ(first.Next(), 9499910150703392507ull);
  EXPECT_EQ(first.Next(), 9239870797034134660ull);
  // Another index or stream is another sequence; the same triple the same.
  EXPECT_NE(Xoshiro256(42, 7, 4).Next(), Xoshiro256(42, 7, 3).Next());
  EXPECT_NE(Xoshiro256(42, 8, 3).Next(), Xoshiro256(42, 7, 3).Next());
  EXPECT_EQ(Xoshiro256(42, 7, 3).Next(), 15708111145053251581ull);
}

TEST(Random, UnitDoubleCoversZeroToOneExcluded) {
  EXPECT_EQ(UnitDouble(0), 0.0);
  EXPECT_EQ(UnitDouble(~uint64_t{0}), 1.0 - 0x1.0p-53);
  EXPECT_EQ(UnitDouble(uint64_t{1} << 63), 0.5);
  EXPECT_EQ(UnitDouble(2047), 0.0);  // the 11 low bits are dropped
}

TEST(Random, DrawsStayInTheirRanges) {
  Xoshiro256 rng(3, 1, 0);
  std::set<int> seen;
  for (int draw_idx = 0; draw_idx < 2000; ++draw_idx) {
    const double u = rng.Uniform();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    const double v = rng.Uniform(-2.0, 3.0);
    EXPECT_GE(v, -2.0);
    EXPECT_LT(v, 3.0);
    EXPECT_LT(rng.Below(7), 7u);
    const int between = rng.Between(-1, 1);
    EXPECT_GE(between, -1);
    EXPECT_LE(between, 1);
    seen.insert(between);
    const double normal = rng.Normal();
    EXPECT_GE(normal, -6.0);
    EXPECT_LE(normal, 6.0);
  }
  EXPECT_EQ(seen, (std::set<int>{-1, 0, 1}));
  EXPECT_EQ(rng.Below(1), 0u);
  EXPECT_FALSE(rng.Chance(0.0));
  EXPECT_TRUE(rng.Chance(1.0));
}

TEST(Random, SplitMix64HasTheSameDraws) {
  SplitMix64 a(9);
  SplitMix64 b(9);
  EXPECT_EQ(a.Uniform(), UnitDouble(b.Next()));
}

}  // namespace
}  // namespace skillmatch::classification
