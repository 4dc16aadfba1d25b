// What `skillmatch eval matching` reads out of an evaluation beside the
// systems' measures: the engine against every other system, paired over the
// same queries; the exposure audit of the engine's rankings, with the
// reference audit of the rankings by true relevance (generated data); and the
// scores the twin check compares. The CLI only parses arguments, loads the
// data, calls these and writes the files (engine/eval/README.md,
// "Evaluation").
//
// Determinism: no clock and no thread; the reference rankings break ties in
// a seeded order (Mix64, classification/random.h), so a seed gives the same
// figures everywhere.
//
// Thread safety: plain functions of their arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "skillmatch/eval/evaluation.h"
#include "skillmatch/eval/fairness.h"
#include "skillmatch/eval/generator.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/model/model.h"

namespace skillmatch::engine {

// The mean of paired per-query differences and its 95% interval from the
// normal approximation: mean +- 1.96 sd / sqrt(n), sd the sample standard
// deviation (n - 1). n = 0 gives zeros; n = 1 an interval of width 0.
struct PairedDifference {
  double mean_difference = 0;
  double ci95_low = 0;
  double ci95_high = 0;
  size_t queries = 0;  // n, the queries both systems were evaluated on
};
PairedDifference PairedInterval(const std::vector<double>& differences);

// The index in `cutoffs` of the nDCG@k the comparisons read: k = 10, or the
// largest cutoff below 10; 0 when every cutoff is above 10.
size_t ComparisonCutoff(const std::vector<int64_t>& cutoffs);

// The engine (evaluation.systems.front()) against one other system in one
// direction: engine minus other, per query, over the queries of the engine's
// evaluation that the other system has too. Each query's values come from
// the same judgments, so the pairing removes the spread between queries.
struct SystemComparison {
  std::string system;  // the other system's name
  Direction direction = Direction::kProfileToOffers;
  int64_t ndcg_cutoff = 0;  // the k of the nDCG@k compared
  PairedDifference ndcg;    // of nDCG@k
  PairedDifference map;     // of average precision
};

// Every other system, in the order of evaluation.systems, each in both
// directions (kProfileToOffers first). `cutoffs` are the cutoffs the
// evaluation was made with (MatchingOptions::cutoffs). Empty when the
// evaluation has no system but the engine.
std::vector<SystemComparison> CompareWithEngine(
    const MatchingEvaluation& evaluation, const std::vector<int64_t>& cutoffs);

// The seeded order of the reference rankings' ties, for the pair (offer,
// profile) of record indexes.
uint64_t TieBreak(uint64_t seed, uint64_t offer, uint64_t profile);

// For each offer of `audited` (indexes into `offers`), the jobseekers of
// `profiles` the judge grades above 0 (from the truths, index for index with
// the records), grade 2 first, then 1, ties in the TieBreak order, at most
// `top_k` of them; as hits whose score is the grade. What each group's
// exposure would be if it followed qualification alone.
std::vector<std::vector<Hit>> TrueRelevanceRankings(
    const RelevanceJudge& judge, const std::vector<Profile>& profiles,
    const std::vector<ProfileTruth>& profile_truths,
    const std::vector<Offer>& offers,
    const std::vector<OfferTruth>& offer_truths,
    const std::vector<size_t>& audited, int top_k, uint64_t seed);

// The exposure audit of the matching evaluation.
struct ExposureAudit {
  // Per audited offer, the engine's ranking of the jobseekers (the
  // options.top_k best).
  std::vector<std::vector<Hit>> rankings;
  // The audit of those rankings, with each jobseeker's best offer score as
  // the score distribution (nullopt: no offer passes the filters).
  std::vector<AttributeAudit> audits;
  // The same audit of TrueRelevanceRankings for the same offers; empty when
  // no truth was given. Its groups are the engine audit's, group for group
  // (both read the same profiles).
  std::vector<AttributeAudit> truth_audits;
};

// Ranks the jobseekers of `profiles` for every offer of `audited` (indexes
// into `offers`) with `scorer`, finds each jobseeker's best offer score, and
// audits both (AuditExposure). When `profile_truths` is not empty (generated
// data: the truths of `profiles` and `offers`, index for index), also audits
// the rankings by true relevance, TrueRelevanceRankings(a RelevanceJudge on
// `scorer`, ..., options.top_k, seed).
ExposureAudit AuditMatchingExposure(
    const Scorer& scorer, const std::vector<Profile>& profiles,
    const std::vector<Offer>& offers, const std::vector<size_t>& audited,
    const FairnessOptions& options,
    const std::vector<ProfileTruth>& profile_truths,
    const std::vector<OfferTruth>& offer_truths, uint64_t seed);

// The twin check's ScoreAll over `offers`: Scorer::Score of a profile
// against every offer (Filter, then <Phi, Psi>), with the offers' Psi
// computed once here rather than once per twin (the same products, in the
// same order, so the same bits). Keeps pointers to `scorer` and `offers`,
// which must outlive it.
ScoreAll ScoreAgainst(const Scorer& scorer, const std::vector<Offer>& offers);

}  // namespace skillmatch::engine
