#include "skillmatch/eval/comparisons.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <utility>

#include "skillmatch/classification/random.h"

namespace skillmatch::engine {

PairedDifference PairedInterval(const std::vector<double>& differences) {
  // The figures of report.json are these expressions rounded: keep their
  // order of operations, or the last bits (and a rounded digit) may move.
  const double n = static_cast<double>(differences.size());
  double mean = 0;
  for (double d : differences) mean += d;
  mean = n > 0 ? mean / n : 0;
  double squares = 0;
  for (double d : differences) squares += (d - mean) * (d - mean);
  const double sd = n > 1 ? std::sqrt(squares / (n - 1)) : 0;
  const double half = n > 0 ? 1.96 * sd / std::sqrt(n) : 0;
  PairedDifference out;
  out.mean_difference = mean;
  out.ci95_low = mean - half;
  out.ci95_high = mean + half;
  out.queries = differences.size();
  return out;
}

size_t ComparisonCutoff(const std::vector<int64_t>& cutoffs) {
  size_t cut = 0;
  for (size_t idx = 0; idx < cutoffs.size(); ++idx) {
    if (cutoffs[idx] <= 10) cut = idx;
  }
  return cut;
}

std::vector<SystemComparison> CompareWithEngine(
    const MatchingEvaluation& evaluation, const std::vector<int64_t>& cutoffs) {
  std::vector<SystemComparison> out;
  if (evaluation.systems.empty() || cutoffs.empty()) return out;
  const size_t cut = ComparisonCutoff(cutoffs);
  const SystemEvaluation& engine_system = evaluation.systems.front();
  for (size_t system = 1; system < evaluation.systems.size(); ++system) {
    const SystemEvaluation& other = evaluation.systems[system];
    for (int dir = 0; dir < kDirectionCount; ++dir) {
      std::map<std::string, const QueryMetrics*> theirs;
      for (const QueryMetrics& q : other.evaluations[dir].queries) {
        theirs[q.qid] = &q;
      }
      std::vector<double> ndcg;
      std::vector<double> map;
      for (const QueryMetrics& q : engine_system.evaluations[dir].queries) {
        auto it = theirs.find(q.qid);
        if (it == theirs.end()) continue;
        ndcg.push_back(q.ndcg_cut[cut] - it->second->ndcg_cut[cut]);
        map.push_back(q.map - it->second->map);
      }
      SystemComparison comparison;
      comparison.system = other.name;
      comparison.direction = static_cast<Direction>(dir);
      comparison.ndcg_cutoff = cutoffs[cut];
      comparison.ndcg = PairedInterval(ndcg);
      comparison.map = PairedInterval(map);
      out.push_back(std::move(comparison));
    }
  }
  return out;
}

uint64_t TieBreak(uint64_t seed, uint64_t offer, uint64_t profile) {
  // Not HashWords: this combination is pinned by the figures of report.json
  // (the truth columns of the audit).
  return classification::Mix64(seed ^ (offer * classification::kGoldenGamma) ^
                               (profile + 0x632be59bd9b4e019ULL));
}

std::vector<std::vector<Hit>> TrueRelevanceRankings(
    const RelevanceJudge& judge, const std::vector<Profile>& profiles,
    const std::vector<ProfileTruth>& profile_truths,
    const std::vector<Offer>& offers,
    const std::vector<OfferTruth>& offer_truths,
    const std::vector<size_t>& audited, int top_k, uint64_t seed) {
  std::vector<std::vector<Hit>> out;
  out.reserve(audited.size());
  for (size_t offer : audited) {
    std::vector<std::pair<uint64_t, Hit>> relevant;
    for (size_t profile = 0; profile < profiles.size(); ++profile) {
      const int grade = judge.Grade(profiles[profile], profile_truths[profile],
                                    offers[offer], offer_truths[offer]);
      if (grade == 0) continue;
      relevant.push_back(
          {TieBreak(seed, offer, profile),
           {static_cast<int32_t>(profile), static_cast<float>(grade)}});
    }
    std::sort(relevant.begin(), relevant.end(),
              [](const auto& x, const auto& y) {
                if (x.second.score != y.second.score) {
                  return x.second.score > y.second.score;
                }
                return x.first < y.first;
              });
    std::vector<Hit> ranking;
    for (size_t rank = 0;
         rank < relevant.size() && rank < static_cast<size_t>(top_k); ++rank) {
      ranking.push_back(relevant[rank].second);
    }
    out.push_back(std::move(ranking));
  }
  return out;
}

ExposureAudit AuditMatchingExposure(
    const Scorer& scorer, const std::vector<Profile>& profiles,
    const std::vector<Offer>& offers, const std::vector<size_t>& audited,
    const FairnessOptions& options,
    const std::vector<ProfileTruth>& profile_truths,
    const std::vector<OfferTruth>& offer_truths, uint64_t seed) {
  ExposureAudit out;
  const auto profile_index = ProfileIndex::Build(scorer, profiles);
  const auto offer_index = OfferIndex::Build(scorer, offers);
  out.rankings.reserve(audited.size());
  for (size_t offer : audited) {
    out.rankings.push_back(profile_index->TopK(offers[offer], options.top_k));
  }
  std::vector<std::optional<float>> best_scores(profiles.size());
  for (size_t profile = 0; profile < profiles.size(); ++profile) {
    std::vector<Hit> best = offer_index->TopK(profiles[profile], 1);
    if (!best.empty()) best_scores[profile] = best[0].score;
  }
  out.audits = AuditExposure(profiles, out.rankings, best_scores, options);
  if (!profile_truths.empty()) {
    const RelevanceJudge judge(scorer);
    out.truth_audits = AuditExposure(
        profiles,
        TrueRelevanceRankings(judge, profiles, profile_truths, offers,
                              offer_truths, audited, options.top_k, seed),
        {}, options);
  }
  return out;
}

ScoreAll ScoreAgainst(const Scorer& scorer, const std::vector<Offer>& offers) {
  auto psi = std::make_shared<std::vector<SparseVector>>(offers.size());
  for (size_t offer = 0; offer < offers.size(); ++offer) {
    (*psi)[offer] = scorer.Psi(offers[offer]);
  }
  return [&scorer, &offers, psi](const Profile& profile) {
    const SparseVector phi = scorer.Phi(profile);
    std::vector<float> scores(offers.size());
    for (size_t offer = 0; offer < offers.size(); ++offer) {
      scores[offer] =
          scorer.Filter(profile, offers[offer]) == FilterReason::kNone
              ? Dot(phi, (*psi)[offer])
              : 0.0f;
    }
    return scores;
  };
}

}  // namespace skillmatch::engine
