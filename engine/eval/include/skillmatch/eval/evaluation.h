// Matching evaluation: ground truth (graded relevance) for generated data or
// from counsellors' decisions, the runs of the engine, of three baselines and
// of an ablation of each score block, and their trec_eval measures
// (ranking_metrics.h), in both directions (profile -> offers, offer ->
// profiles).
//
// Ground truth of generated data (RelevanceJudge), for a pair (profile p,
// offer o) with share s = the fraction of o's essential technical skills
// that p really holds (ProfileTruth::skills; 1 when o lists none):
//   0  the pair is removed by a hard filter (Scorer::Filter);
//   2  p's true occupation is o's occupation and s >= enough_essentials;
//   1  otherwise, when o's occupation is a "close" mobility link of p's true
//      occupation (taxonomy link from p's occupation to o's), or
//      s >= partial_essentials;
//   0  otherwise.
// The judge never reads what the scorer reads to rank (declared targets and
// skills): it reads the hidden truth, so a declared target that was miscoded,
// a noise skill or an undeclared one can mislead the engine and the
// measures show it.
//
// Every system (engine, baselines, ablations) ranks only the pairs that pass
// the hard filters, so their differences come from the ranking alone. Run
// scores are rounded to 6 decimals before they are evaluated and written, so
// that re-scoring the written files with trec_eval (or `skillmatch eval
// rank`) gives the same figures byte for byte: trec_eval breaks ties of
// equal scores by document id, in decreasing order.
//
// Determinism: every random choice (query samples, the random baseline, the
// baselines' tie-breaking) is a pure function of (seed, stream, indexes)
// through splitmix64 (HashWords, classification/random.h); nothing depends
// on the thread count or on <random>.
//
// Thread safety: the functions are reentrant; the judge is immutable and may
// be shared.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/eval/generator.h"
#include "skillmatch/model/model.h"
#include "skillmatch/eval/ranking_metrics.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/model/decision.h"

namespace skillmatch::engine {

// Which side asks: a jobseeker looking for offers, or an offer looking for
// jobseekers.
enum class Direction { kProfileToOffers = 0, kOfferToProfiles = 1 };
inline constexpr int kDirectionCount = 2;
// "profiles" (profile -> offers) and "offers" (offer -> profiles): the
// side the queries come from, as in the file names qrels.profiles.txt.
std::string_view ToString(Direction direction);

// The thresholds of the generated ground truth (see the file comment).
struct RelevanceRule {
  // Share of the offer's essential skills held for grade 2 (same
  // occupation). Default 0.7: with the generator's default gap rate (0.15 per
  // essential) most jobseekers of the occupation qualify, those with several
  // gaps do not.
  double enough_essentials = 0.7;
  // Share held for grade 1 whatever the occupation. Default 0.4.
  double partial_essentials = 0.4;
};

// Grades generated pairs from their truth. Keeps a pointer to the scorer
// (for the hard filters), which must outlive it.
class RelevanceJudge {
 public:
  RelevanceJudge(const Scorer& scorer, RelevanceRule rule = {});

  // The share of `offer`'s essential technical skills in truth.skills.
  static double EssentialShare(const ProfileTruth& truth, const Offer& offer);
  // True when the taxonomy has a "close" mobility link from occupation
  // `from` to occupation `to` (codes).
  bool IsClose(const std::string& from, const std::string& to) const;
  // 0, 1 or 2 (see the file comment).
  int Grade(const Profile& profile, const ProfileTruth& truth,
            const Offer& offer, const OfferTruth& offer_truth) const;
  const RelevanceRule& rule() const { return rule_; }

 private:
  const Scorer& scorer_;
  RelevanceRule rule_;
  std::unordered_map<std::string, std::unordered_set<std::string>> close_;
};

// `count` distinct indexes of [0, n), drawn with seed and stream, sorted
// ascending; all of [0, n) when n <= count.
std::vector<size_t> SampleIndexes(size_t n, size_t count, uint64_t seed,
                                  uint64_t stream);

// A generated data set with its truth (Generator::GenerateProfile and
// GenerateOffer for indexes 0..n-1).
struct GeneratedSample {
  std::vector<Profile> profiles;
  std::vector<ProfileTruth> profile_truths;
  std::vector<Offer> offers;
  std::vector<OfferTruth> offer_truths;
};
GeneratedSample Generate(const Generator& generator, size_t profiles,
                         size_t offers);

// The judgments of the queries `queries` (indexes of profiles for
// kProfileToOffers, of offers for kOfferToProfiles) against every record of
// the other side: only grades > 0 are added (an unjudged document is not
// relevant, so grade-0 lines would change no measure). A query with no
// relevant document is absent.
Qrels GeneratedQrels(const RelevanceJudge& judge, const GeneratedSample& sample,
                     Direction direction, const std::vector<size_t>& queries);

// Counsellors' decisions as judgments of profile -> offers: accepted = 1,
// refused = 0, proposed = unjudged (left out). When a pair was decided more
// than once, the last decision in the list counts (ListDecisions returns
// them oldest first).
Qrels QrelsFromDecisions(const std::vector<Decision>& decisions);

// The same judgments with queries and documents swapped.
Qrels Transpose(const Qrels& qrels);

// At most `count` of the queries of `qrels` (seeded sample), all of them
// when it has no more.
Qrels SampleQueries(const Qrels& qrels, size_t count, uint64_t seed,
                    uint64_t stream);

// What EvaluateMatching runs.
struct MatchingOptions {
  // Depth of every run: the k best documents kept per query. Default 50.
  int top_k = 50;
  // Cutoffs k of P@k, Recall@k and nDCG@k (strictly increasing, each
  // <= top_k is meaningful). Default 1, 5, 10, 20, 50.
  std::vector<int64_t> cutoffs = {1, 5, 10, 20, 50};
  // Seeds the random baseline and the baselines' tie-breaking.
  uint64_t seed = 1;
  // Add the baselines (random, occupation code only, skill overlap only).
  bool baselines = true;
  // Add the ablation: the engine with each score block's weight set to 0
  // (the others renormalised by the scorer).
  bool ablation = true;
};

// One ranked system and its measures in both directions.
struct SystemEvaluation {
  // "engine", "random", "occupation-code", "skill-overlap", or
  // "without-<block>" for the ablation.
  std::string name;
  // "engine", "baseline" or "ablation".
  std::string kind;
  // Block weights as configured (before normalisation); for baselines the
  // engine's.
  std::array<float, kBlockCount> weights{};
  std::array<TrecRun, kDirectionCount> runs;
  std::array<RankingEvaluation, kDirectionCount> evaluations;
};

struct MatchingEvaluation {
  MatchingOptions options;
  // The judgments used, per direction.
  std::array<Qrels, kDirectionCount> qrels;
  // The engine first, then the baselines, then the ablation.
  std::vector<SystemEvaluation> systems;
  // The engine's top-k per query (indexes into the other side's records),
  // per direction, in the order of qrels[direction].queries(); for the
  // fairness audit.
  std::array<std::vector<std::vector<Hit>>, kDirectionCount> engine_hits;
  std::array<std::vector<std::string>, kDirectionCount> engine_queries;
};

// Runs every system on the queries of `qrels` (per direction; their ids
// must be ids of `profiles` / `offers`) and evaluates each run.
// InvalidArgument for bad options or a config the scorer refuses; DataError
// "judged query 'X' is not a known profile" for an unknown query id;
// DataError when a direction has no judged query.
[[nodiscard]] Result<MatchingEvaluation> EvaluateMatching(
    const classification::Taxonomy& taxonomy, const ScoringConfig& config,
    const std::vector<Profile>& profiles, const std::vector<Offer>& offers,
    std::array<Qrels, kDirectionCount> qrels, const MatchingOptions& options);

// TREC files: "qid 0 docno rel" lines (queries and documents in byte
// order) and "qid Q0 docno rank score tag" lines (best first, scores with 6
// decimals).
void WriteQrels(const Qrels& qrels, std::ostream& out);
void WriteRun(const TrecRun& run, std::ostream& out);

}  // namespace skillmatch::engine
