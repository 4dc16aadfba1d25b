#include "skillmatch/eval/evaluation.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "skillmatch/classification/random.h"

namespace skillmatch::engine {

namespace {

using classification::HashWords;

// A uniform double in [0, 1) from 53 bits of the counter-based draw.
double Uniform(uint64_t seed, uint64_t stream, uint64_t a, uint64_t b) {
  return classification::UnitDouble(HashWords(seed, stream, a, b));
}

// Streams of the seeded choices, so that they never share values.
constexpr uint64_t kStreamRandomBaseline = 101;
constexpr uint64_t kStreamTieBreak = 102;

// Scores are kept to 6 decimals: the written run then re-reads to the same
// ranking (see the header).
double Round6(double value) { return std::round(value * 1e6) / 1e6; }

// The baselines' ties (many offers of the same occupation score the same)
// are broken by a seeded jitter below any difference of their scores.
constexpr double kTieBreakJitter = 1e-4;

struct Candidate {
  size_t doc;
  double score;
};

// The k best candidates, best first; equal scores by document index.
std::vector<Candidate> Best(std::vector<Candidate> candidates, int k) {
  auto better = [](const Candidate& x, const Candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.doc < y.doc;
  };
  const size_t keep = std::min(candidates.size(), static_cast<size_t>(k));
  std::partial_sort(candidates.begin(), candidates.begin() + keep,
                    candidates.end(), better);
  candidates.resize(keep);
  return candidates;
}

// Occupation code only: the weight of the profile's target or past
// occupation equal to the offer's (first target 1, then 0.8, 0.64, ...;
// past occupations 0.5), else 0.
double OccupationCodeScore(const Profile& profile, const Offer& offer) {
  double best = 0;
  double weight = 1;
  for (const std::string& code : profile.target_occupations) {
    if (code == offer.occupation) best = std::max(best, weight);
    weight *= 0.8;
  }
  for (const PastOccupation& past : profile.past_occupations) {
    if (past.code == offer.occupation) best = std::max(best, 0.5);
  }
  return best;
}

// Skill overlap only: the weighted share of the offer's technical skills
// (essential 1, optional 0.5) that the profile declares, at any level.
double SkillOverlapScore(const std::unordered_set<std::string>& declared,
                         const Offer& offer) {
  double total = 0;
  double held = 0;
  for (const RequiredSkill& skill : offer.skills) {
    const double weight = skill.essential ? 1.0 : 0.5;
    total += weight;
    if (declared.count(skill.skill_id) > 0) held += weight;
  }
  return total > 0 ? held / total : 0;
}

std::unordered_set<std::string> DeclaredSkills(const Profile& profile) {
  std::unordered_set<std::string> ids;
  for (const SkillClaim& claim : profile.skills) ids.insert(claim.skill_id);
  return ids;
}

enum class Baseline { kRandom, kOccupationCode, kSkillOverlap };

std::string_view BaselineName(Baseline baseline) {
  switch (baseline) {
    case Baseline::kRandom:
      return "random";
    case Baseline::kOccupationCode:
      return "occupation-code";
    case Baseline::kSkillOverlap:
      return "skill-overlap";
  }
  return "";
}

// The queries of one direction as record indexes, with the pairs that pass
// the hard filters (shared by the baselines).
struct DirectionQueries {
  std::vector<std::string> ids;
  std::vector<size_t> indexes;
  // passes[query][doc]
  std::vector<std::vector<bool>> passes;
};

Status AddHits(const std::string& qid, const std::vector<Candidate>& best,
               const std::vector<std::string>& doc_ids, TrecRun* run) {
  for (const Candidate& candidate : best) {
    SKILLMATCH_RETURN_IF_ERROR(
        run->Add(qid, doc_ids[candidate.doc], Round6(candidate.score)));
  }
  return Status::Ok();
}

}  // namespace

std::string_view ToString(Direction direction) {
  return direction == Direction::kProfileToOffers ? "profiles" : "offers";
}

RelevanceJudge::RelevanceJudge(const Scorer& scorer, RelevanceRule rule)
    : scorer_(scorer), rule_(rule) {
  const classification::Taxonomy& taxonomy = scorer.taxonomy();
  for (const classification::MobilityLink& link : taxonomy.mobility()) {
    if (link.kind != classification::MobilityKind::kClose) continue;
    close_[taxonomy.node(link.from).code].insert(taxonomy.node(link.to).code);
  }
}

double RelevanceJudge::EssentialShare(const ProfileTruth& truth,
                                      const Offer& offer) {
  int essentials = 0;
  int held = 0;
  for (const RequiredSkill& skill : offer.skills) {
    if (!skill.essential) continue;
    ++essentials;
    // truth.skills is sorted (generator.h).
    if (std::binary_search(truth.skills.begin(), truth.skills.end(),
                           skill.skill_id)) {
      ++held;
    }
  }
  return essentials == 0 ? 1.0 : static_cast<double>(held) / essentials;
}

bool RelevanceJudge::IsClose(const std::string& from,
                             const std::string& to) const {
  auto it = close_.find(from);
  return it != close_.end() && it->second.count(to) > 0;
}

int RelevanceJudge::Grade(const Profile& profile, const ProfileTruth& truth,
                          const Offer& offer,
                          const OfferTruth& offer_truth) const {
  const double share = EssentialShare(truth, offer);
  const bool same = truth.occupation == offer_truth.occupation;
  int grade = 0;
  if (same && share >= rule_.enough_essentials) {
    grade = 2;
  } else if (IsClose(truth.occupation, offer_truth.occupation) ||
             share >= rule_.partial_essentials) {
    grade = 1;
  }
  // The filters cost more than the rest: only for pairs that would count.
  if (grade > 0 && scorer_.Filter(profile, offer) != FilterReason::kNone) {
    grade = 0;
  }
  return grade;
}

std::vector<size_t> SampleIndexes(size_t n, size_t count, uint64_t seed,
                                  uint64_t stream) {
  std::vector<size_t> all(n);
  for (size_t index = 0; index < n; ++index) all[index] = index;
  if (n <= count) return all;
  // Partial Fisher-Yates with our own hash: the same sample everywhere.
  for (size_t pick = 0; pick < count; ++pick) {
    const size_t other = pick + HashWords(seed, stream, pick, n) % (n - pick);
    std::swap(all[pick], all[other]);
  }
  all.resize(count);
  std::sort(all.begin(), all.end());
  return all;
}

GeneratedSample Generate(const Generator& generator, size_t profiles,
                         size_t offers) {
  GeneratedSample sample;
  sample.profiles.resize(profiles);
  sample.profile_truths.resize(profiles);
  for (size_t index = 0; index < profiles; ++index) {
    sample.profiles[index] =
        generator.GenerateProfile(index, &sample.profile_truths[index]);
  }
  sample.offers.resize(offers);
  sample.offer_truths.resize(offers);
  for (size_t index = 0; index < offers; ++index) {
    sample.offers[index] =
        generator.GenerateOffer(index, &sample.offer_truths[index]);
  }
  return sample;
}

Qrels GeneratedQrels(const RelevanceJudge& judge, const GeneratedSample& sample,
                     Direction direction, const std::vector<size_t>& queries) {
  Qrels qrels;
  const bool from_profiles = direction == Direction::kProfileToOffers;
  const size_t docs =
      from_profiles ? sample.offers.size() : sample.profiles.size();
  for (size_t query : queries) {
    for (size_t doc = 0; doc < docs; ++doc) {
      const size_t profile = from_profiles ? query : doc;
      const size_t offer = from_profiles ? doc : query;
      const int grade =
          judge.Grade(sample.profiles[profile], sample.profile_truths[profile],
                      sample.offers[offer], sample.offer_truths[offer]);
      if (grade == 0) continue;
      // Ids are unique in a generated sample, so Add cannot fail.
      Status added = from_profiles
                         ? qrels.Add(sample.profiles[profile].id,
                                     sample.offers[offer].id, grade)
                         : qrels.Add(sample.offers[offer].id,
                                     sample.profiles[profile].id, grade);
      (void)added;
    }
  }
  return qrels;
}

Qrels QrelsFromDecisions(const std::vector<Decision>& decisions) {
  std::map<std::pair<std::string, std::string>, int> last;
  for (const Decision& decision : decisions) {
    const auto key = std::make_pair(decision.profile_id, decision.offer_id);
    if (decision.status == kDecisionAccepted) {
      last[key] = 1;
    } else if (decision.status == kDecisionRefused) {
      last[key] = 0;
    } else {
      // A proposal awaiting an answer, or a candidate presented to the
      // employer awaiting theirs, says nothing yet; a later proposal does
      // not undo an answer given before it either.
    }
  }
  Qrels qrels;
  for (const auto& [pair, grade] : last) {
    Status added = qrels.Add(pair.first, pair.second, grade);
    (void)added;  // keys of a map: no duplicate
  }
  return qrels;
}

Qrels Transpose(const Qrels& qrels) {
  Qrels out;
  for (const auto& [qid, judgments] : qrels.queries()) {
    for (const auto& [docno, grade] : judgments) {
      Status added = out.Add(docno, qid, grade);
      (void)added;  // (qid, docno) pairs are unique in `qrels`
    }
  }
  return out;
}

Qrels SampleQueries(const Qrels& qrels, size_t count, uint64_t seed,
                    uint64_t stream) {
  if (qrels.queries().size() <= count) return qrels;
  std::vector<const std::pair<const std::string, Judgments>*> queries;
  for (const auto& entry : qrels.queries()) queries.push_back(&entry);
  Qrels out;
  for (size_t index : SampleIndexes(queries.size(), count, seed, stream)) {
    for (const auto& [docno, grade] : queries[index]->second) {
      Status added = out.Add(queries[index]->first, docno, grade);
      (void)added;
    }
  }
  return out;
}

Result<MatchingEvaluation> EvaluateMatching(
    const classification::Taxonomy& taxonomy, const ScoringConfig& config,
    const std::vector<Profile>& profiles, const std::vector<Offer>& offers,
    std::array<Qrels, kDirectionCount> qrels, const MatchingOptions& options) {
  if (options.top_k < 1) {
    return Status::InvalidArgument("top_k: expected at least 1, got " +
                                   std::to_string(options.top_k));
  }
  RankingOptions ranking;
  ranking.cutoffs = options.cutoffs;
  ranking.success_cutoffs = {1, 5, 10};
  // Every system is averaged over the same judged queries: one that
  // retrieves nothing for a query scores 0 there (trec_eval -c).
  ranking.complete_queries = true;
  SKILLMATCH_RETURN_IF_ERROR(ValidateRankingOptions(ranking));

  auto base = Scorer::Create(taxonomy, config);
  if (!base.ok()) return base.status();
  const Scorer& base_scorer = **base;

  std::vector<std::string> profile_ids(profiles.size());
  std::vector<std::string> offer_ids(offers.size());
  std::unordered_map<std::string, size_t> profile_index;
  std::unordered_map<std::string, size_t> offer_index;
  for (size_t index = 0; index < profiles.size(); ++index) {
    profile_ids[index] = profiles[index].id;
    profile_index.emplace(profiles[index].id, index);
  }
  for (size_t index = 0; index < offers.size(); ++index) {
    offer_ids[index] = offers[index].id;
    offer_index.emplace(offers[index].id, index);
  }

  // Queries and filters, per direction.
  std::array<DirectionQueries, kDirectionCount> directions;
  for (int dir = 0; dir < kDirectionCount; ++dir) {
    const bool from_profiles = dir == 0;
    const auto& index = from_profiles ? profile_index : offer_index;
    DirectionQueries& queries = directions[dir];
    for (const auto& [qid, judgments] : qrels[dir].queries()) {
      auto it = index.find(qid);
      if (it == index.end()) {
        return Status::DataError(std::string("judged query '") + qid +
                                 "' is not a known " +
                                 (from_profiles ? "profile" : "offer"));
      }
      queries.ids.push_back(qid);
      queries.indexes.push_back(it->second);
    }
    if (queries.ids.empty()) {
      return Status::DataError(
          std::string("no judged query from ") +
          std::string(ToString(static_cast<Direction>(dir))));
    }
    const size_t docs = from_profiles ? offers.size() : profiles.size();
    queries.passes.assign(queries.ids.size(), std::vector<bool>(docs, false));
    for (size_t query = 0; query < queries.ids.size(); ++query) {
      for (size_t doc = 0; doc < docs; ++doc) {
        const Profile& profile =
            profiles[from_profiles ? queries.indexes[query] : doc];
        const Offer& offer =
            offers[from_profiles ? doc : queries.indexes[query]];
        queries.passes[query][doc] =
            base_scorer.Filter(profile, offer) == FilterReason::kNone;
      }
    }
  }

  MatchingEvaluation out;
  out.options = options;

  auto evaluate = [&](SystemEvaluation* system) -> Status {
    for (int dir = 0; dir < kDirectionCount; ++dir) {
      system->runs[dir].set_tag(system->name);
      auto evaluation = EvaluateRanking(qrels[dir], system->runs[dir], ranking);
      if (!evaluation.ok()) return evaluation.status();
      system->evaluations[dir] = std::move(evaluation).value();
    }
    return Status::Ok();
  };

  // The engine and its ablation: the one score, with the configured weights
  // or one block's weight at 0.
  auto run_engine = [&](const std::string& name, const std::string& kind,
                        const ScoringConfig& engine_config,
                        bool keep_hits) -> Status {
    auto scorer = Scorer::Create(taxonomy, engine_config);
    if (!scorer.ok()) return scorer.status();
    SystemEvaluation system;
    system.name = name;
    system.kind = kind;
    system.weights = engine_config.weights;
    const auto offer_index_built = OfferIndex::Build(**scorer, offers);
    const auto profile_index_built = ProfileIndex::Build(**scorer, profiles);
    for (int dir = 0; dir < kDirectionCount; ++dir) {
      const DirectionQueries& queries = directions[dir];
      std::vector<std::vector<Hit>> all_hits;
      for (size_t query = 0; query < queries.ids.size(); ++query) {
        std::vector<Hit> hits =
            dir == 0 ? offer_index_built->TopK(profiles[queries.indexes[query]],
                                               options.top_k)
                     : profile_index_built->TopK(offers[queries.indexes[query]],
                                                 options.top_k);
        const auto& doc_ids = dir == 0 ? offer_ids : profile_ids;
        for (const Hit& hit : hits) {
          SKILLMATCH_RETURN_IF_ERROR(system.runs[dir].Add(
              queries.ids[query], doc_ids[hit.index], Round6(hit.score)));
        }
        if (keep_hits) all_hits.push_back(std::move(hits));
      }
      if (keep_hits) {
        out.engine_hits[dir] = std::move(all_hits);
        out.engine_queries[dir] = queries.ids;
      }
    }
    SKILLMATCH_RETURN_IF_ERROR(evaluate(&system));
    out.systems.push_back(std::move(system));
    return Status::Ok();
  };

  SKILLMATCH_RETURN_IF_ERROR(run_engine("engine", "engine", config, true));

  if (options.baselines) {
    std::vector<std::unordered_set<std::string>> declared(profiles.size());
    for (size_t index = 0; index < profiles.size(); ++index) {
      declared[index] = DeclaredSkills(profiles[index]);
    }
    for (Baseline baseline : {Baseline::kRandom, Baseline::kOccupationCode,
                              Baseline::kSkillOverlap}) {
      SystemEvaluation system;
      system.name = std::string(BaselineName(baseline));
      system.kind = "baseline";
      system.weights = config.weights;
      for (int dir = 0; dir < kDirectionCount; ++dir) {
        const bool from_profiles = dir == 0;
        const DirectionQueries& queries = directions[dir];
        const auto& doc_ids = from_profiles ? offer_ids : profile_ids;
        for (size_t query = 0; query < queries.ids.size(); ++query) {
          const size_t query_record = queries.indexes[query];
          std::vector<Candidate> candidates;
          for (size_t doc = 0; doc < doc_ids.size(); ++doc) {
            if (!queries.passes[query][doc]) continue;
            const size_t profile = from_profiles ? query_record : doc;
            const size_t offer = from_profiles ? doc : query_record;
            // Streams by direction too, so the two directions draw
            // independently.
            const uint64_t pair_a = profile * 2 + dir;
            double score = 0;
            if (baseline == Baseline::kRandom) {
              score =
                  Uniform(options.seed, kStreamRandomBaseline, pair_a, offer);
            } else {
              score =
                  baseline == Baseline::kOccupationCode
                      ? OccupationCodeScore(profiles[profile], offers[offer])
                      : SkillOverlapScore(declared[profile], offers[offer]);
              // A baseline with nothing to say retrieves nothing.
              if (score <= 0) continue;
              score += kTieBreakJitter *
                       Uniform(options.seed, kStreamTieBreak, pair_a, offer);
            }
            candidates.push_back({doc, score});
          }
          SKILLMATCH_RETURN_IF_ERROR(AddHits(
              queries.ids[query], Best(std::move(candidates), options.top_k),
              doc_ids, &system.runs[dir]));
        }
      }
      SKILLMATCH_RETURN_IF_ERROR(evaluate(&system));
      out.systems.push_back(std::move(system));
    }
  }

  if (options.ablation) {
    for (int block = 0; block < kBlockCount; ++block) {
      ScoringConfig without = config;
      without.weights[block] = 0;
      bool any = false;
      for (float weight : without.weights) any = any || weight > 0;
      if (!any) continue;  // nothing left to rank with
      SKILLMATCH_RETURN_IF_ERROR(run_engine(
          "without-" + std::string(ToString(static_cast<Block>(block))),
          "ablation", without, false));
    }
  }
  out.qrels = std::move(qrels);
  return out;
}

void WriteQrels(const Qrels& qrels, std::ostream& out) {
  for (const auto& [qid, judgments] : qrels.queries()) {
    for (const auto& [docno, grade] : judgments) {
      out << qid << " 0 " << docno << " " << grade << "\n";
    }
  }
}

void WriteRun(const TrecRun& run, std::ostream& out) {
  for (const auto& [qid, retrieved] : run.queries()) {
    std::vector<std::pair<std::string_view, double>> ranked(retrieved.begin(),
                                                            retrieved.end());
    // trec_eval's order: score descending, ties by docno descending.
    std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
      if (x.second != y.second) return x.second > y.second;
      return x.first > y.first;
    });
    char score[64];
    for (size_t rank = 0; rank < ranked.size(); ++rank) {
      std::snprintf(score, sizeof score, "%.6f", ranked[rank].second);
      out << qid << " Q0 " << ranked[rank].first << " " << rank + 1 << " "
          << score << " " << run.tag() << "\n";
    }
  }
}

}  // namespace skillmatch::engine
