// Seeded random numbers that give the same values on every platform: the one
// source of randomness of the generator, the evaluation's samples and
// baselines, the tests and the benchmarks. <random>'s engines are portable but
// its distributions are not (libstdc++ and libc++ draw differently), so
// nothing here uses them.
//
//   Mix64(x)            the splitmix64 finaliser: a bijection of 64-bit words
//                       that scatters nearby inputs.
//   HashWords(s, t, a, b)
//                       a counter-based draw: a pure function of four words,
//                       for choices that must not depend on the order in
//                       which they are made (a sample, one pair's tie-break).
//   SplitMix64(seed)    Vigna's splitmix64: one word of state, the sequence
//                       Mix64(seed + g), Mix64(seed + 2g), ... (g the golden
//                       gamma). Small and fast; good for tests and benchmarks.
//   Xoshiro256(seed, stream, index)
//                       xoshiro256** (Blackman and Vigna), 256 bits of state,
//                       for long draws. Seeded through splitmix64 from
//                       (seed, stream, index), so record i of a stream needs
//                       nothing of record i - 1 and streams never share a
//                       state in practice: a generator makes record i with
//                       Xoshiro256(seed, kMyStream, i) on any thread.
//
// Determinism: everything is integer arithmetic or correctly rounded IEEE
// double operations (+, *, no libm), so a seed gives the same values with
// every compiler and standard library. (Compilers that fuse a * b + c into
// one FMA, as GCC does on AArch64, may move a last bit of Uniform(low, high):
// build with -ffp-contract=off where files must match across architectures.)
// Draw once per statement: the order in which function arguments are
// evaluated is unspecified.
//
// The draws built on Next() (Draws<>) are the generator's: their values are
// pinned by its tests and by the evaluation figures in the READMEs, so they
// must not change.
//
// Thread safety: the generators are plain values; one thread uses one at a
// time. The free functions are pure.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace skillmatch::classification {

// The golden gamma 2^64 / phi, splitmix64's increment.
inline constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ull;

// The splitmix64 finaliser (Stafford's variant 13).
constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// One splitmix64 step from state x: Mix64(x + kGoldenGamma).
constexpr uint64_t SplitMix(uint64_t x) { return Mix64(x + kGoldenGamma); }

// A counter-based draw: a pure function of (seed, stream, a, b), nested
// splitmix64 steps. Different streams keep two uses of one seed apart.
constexpr uint64_t HashWords(uint64_t seed, uint64_t stream, uint64_t a,
                             uint64_t b) {
  return SplitMix(seed ^ SplitMix(stream ^ SplitMix(a ^ SplitMix(b))));
}

// A double in [0, 1) from the 53 high bits of `bits` (exact: a multiple of
// 2^-53).
constexpr double UnitDouble(uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// The draws shared by the generators, on top of Derived::Next().
template <typename Derived>
class Draws {
 public:
  // In [0, 1), 53 random bits.
  double Uniform() { return UnitDouble(Self().Next()); }
  double Uniform(double low, double high) {
    return low + (high - low) * Uniform();
  }
  // In [0, n); n > 0. By scaling a uniform double, not by a modulo: for the
  // n of this project (far below 2^53) the bias is below 2^-40.
  size_t Below(size_t n) {
    const auto pick = static_cast<size_t>(Uniform() * static_cast<double>(n));
    return pick < n ? pick : n - 1;
  }
  // In [low, high]; low <= high.
  int Between(int low, int high) {
    return low + static_cast<int>(Below(static_cast<size_t>(high - low + 1)));
  }
  bool Chance(double probability) { return Uniform() < probability; }
  // Approximately standard normal (Irwin-Hall, 12 uniforms), within +-6.
  // Box-Muller would need log and cos, which libm does not round the same
  // way everywhere.
  double Normal() {
    double sum = 0;
    for (int term_idx = 0; term_idx < 12; ++term_idx) sum += Uniform();
    return sum - 6.0;
  }

 private:
  Derived& Self() { return static_cast<Derived&>(*this); }
};

// splitmix64: the state advances by kGoldenGamma, the output is its Mix64.
class SplitMix64 : public Draws<SplitMix64> {
 public:
  explicit constexpr SplitMix64(uint64_t seed) : state_(seed) {}
  constexpr uint64_t Next() {
    state_ += kGoldenGamma;
    return Mix64(state_);
  }

 private:
  uint64_t state_;
};

// xoshiro256**.
class Xoshiro256 : public Draws<Xoshiro256> {
 public:
  // The state of record `index` of stream `stream` under `seed`: a key
  // Mix64(Mix64(SplitMix(seed) ^ stream) + index), then four splitmix64
  // outputs from it. Four distinct inputs to a bijection: never the all-zero
  // state xoshiro must avoid.
  constexpr Xoshiro256(uint64_t seed, uint64_t stream, uint64_t index) {
    SplitMix64 words(Mix64(Mix64(SplitMix(seed) ^ stream) + index));
    for (uint64_t& word : state_) word = words.Next();
  }

  constexpr uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

 private:
  static constexpr uint64_t Rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
  }
  std::array<uint64_t, 4> state_{};
};

}  // namespace skillmatch::classification
