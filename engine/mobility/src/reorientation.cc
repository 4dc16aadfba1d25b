#include "skillmatch/mobility/reorientation.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace skillmatch::mobility {

namespace {

using classification::kNoNode;
using classification::MobilityKind;
using classification::NodeIndex;

struct Origin {
  NodeIndex node = kNoNode;
  float weight = 0;
};

// The person's occupations with the weights the score gives them
// (ScoringConfig::next_target_weight, past_occupation_weight); one entry
// per occupation, its highest weight.
std::vector<Origin> Origins(const engine::Profile& profile, const engine::Scorer& scorer) {
  const auto& taxonomy = scorer.taxonomy();
  const auto& config = scorer.config();
  std::vector<Origin> out;
  auto add = [&](const std::string& code, float weight) {
    const NodeIndex node = taxonomy.FindNode(code);
    if (node == kNoNode || !taxonomy.IsOccupation(node)) return;
    for (Origin& o : out) {
      if (o.node == node) {
        o.weight = std::max(o.weight, weight);
        return;
      }
    }
    out.push_back({node, weight});
  };
  float weight = 1;
  for (const std::string& code : profile.target_occupations) {
    add(code, weight);
    weight *= config.next_target_weight;
  }
  for (const auto& past : profile.past_occupations) add(past.code, config.past_occupation_weight);
  return out;
}

}  // namespace

Result<std::vector<CloseOccupation>> Reorient(const engine::Profile& profile,
                                              const engine::Scorer& scorer,
                                              const std::vector<Training>& catalogue,
                                              const ReorientOptions& options) {
  const auto& taxonomy = scorer.taxonomy();
  const std::vector<Origin> origins = Origins(profile, scorer);
  if (origins.empty()) {
    return Status::InvalidArgument("jobseeker " + profile.id +
                                   ": no target or past occupation of the taxonomy");
  }
  std::set<NodeIndex> own;
  for (const Origin& o : origins) own.insert(o.node);

  // Candidates from both sources, by node.
  std::map<NodeIndex, CloseOccupation> found;
  for (const Origin& origin : origins) {
    const std::string& origin_code = taxonomy.node(origin.node).code;
    for (const classification::MobilityLink& link : taxonomy.MobilityFrom(origin.node)) {
      if (own.count(link.to) || !taxonomy.IsOccupation(link.to)) continue;
      CloseOccupation& c = found[link.to];
      const bool better_rank =
          c.link_from.empty() || (link.rank > 0 && (c.link_rank == 0 || link.rank < c.link_rank));
      if (link.kind == MobilityKind::kClose) {
        c.close_link = true;
      } else {
        c.evolution_link = true;
      }
      if (better_rank) {
        c.link_rank = link.rank;
        c.link_from = origin_code;
      }
    }
    for (const auto& [other, value] :
         scorer.SimilarOccupations(origin.node, options.similar_per_origin, /*skills_only=*/true)) {
      if (own.count(other)) continue;
      const float similarity = scorer.OccupationSimilarity(origin.node, other);
      if (similarity < options.min_similarity) continue;
      CloseOccupation& c = found[other];
      c.shared_skills = true;
      if (similarity > c.similarity) {
        c.similarity = similarity;
        c.similar_from = origin_code;
      }
    }
  }

  // Ranked by the matching's occupation proximity, weighted per origin.
  std::vector<CloseOccupation> ranked;
  for (auto& [node, c] : found) {
    c.code = taxonomy.node(node).code;
    for (const Origin& origin : origins) {
      const float value = origin.weight * scorer.Proximity(origin.node, node);
      if (value > c.rank_value) {
        c.rank_value = value;
        c.from = taxonomy.node(origin.node).code;
      }
    }
    ranked.push_back(std::move(c));
  }
  std::sort(ranked.begin(), ranked.end(), [](const CloseOccupation& a, const CloseOccupation& b) {
    return a.rank_value != b.rank_value ? a.rank_value > b.rank_value : a.code < b.code;
  });
  if (ranked.size() > static_cast<size_t>(std::max(options.top, 0))) ranked.resize(options.top);

  // The person's skills: the best claim of each (technical and soft).
  std::unordered_map<std::string, engine::SkillClaim> claims;
  for (const auto* list : {&profile.skills, &profile.soft_skills}) {
    for (const engine::SkillClaim& claim : *list) {
      auto [it, inserted] = claims.emplace(claim.skill_id, claim);
      if (!inserted && (claim.level > it->second.level ||
                        (claim.level == it->second.level && claim.validated))) {
        it->second = claim;
      }
    }
  }
  const int held_level = std::max(options.held_level, 1);
  for (CloseOccupation& c : ranked) {
    const NodeIndex node = taxonomy.FindNode(c.code);
    double total = 0, have = 0;
    for (int pass = 0; pass < 2; ++pass) {  // essential first, then optional
      for (const classification::OccupationSkill& link : taxonomy.SkillsOf(node)) {
        const bool essential = link.relation == classification::SkillRelation::kEssential;
        if (essential != (pass == 0)) continue;
        const std::string& id = taxonomy.skill(link.skill).id;
        const double weight = link.EffectiveWeight();
        total += weight;
        auto it = claims.find(id);
        if (it == claims.end()) {
          c.to_acquire.push_back({id, essential, link.EffectiveWeight()});
          continue;
        }
        HeldSkill held{id, essential, it->second.level, it->second.validated};
        if (held.level >= held_level) {
          have += weight;
          c.held.push_back(held);
        } else {
          have += weight * std::clamp(held.level, 0, held_level) / static_cast<double>(held_level);
          c.partial.push_back(held);
        }
      }
    }
    c.coverage = total > 0 ? have / total : 0;
    std::stable_sort(c.to_acquire.begin(), c.to_acquire.end(),
                     [](const SkillToAcquire& a, const SkillToAcquire& b) {
                       if (a.essential != b.essential) return a.essential;
                       if (a.weight != b.weight) return a.weight > b.weight;
                       return a.id < b.id;
                     });
    // Trainings teaching what is missing.
    if (c.to_acquire.empty() || options.trainings <= 0) continue;
    std::map<std::string, bool> wanted;  // id -> essential
    for (const SkillToAcquire& s : c.to_acquire) wanted[s.id] = s.essential;
    struct Found {
      bool home;
      int essential, covered;
      TrainingProposal proposal;
    };
    std::vector<Found> trainings;
    for (const Training& t : catalogue) {
      Found f{t.country == profile.location.country, 0, 0, {&t, {}}};
      for (const std::string& skill : t.skills) {
        auto it = wanted.find(skill);
        if (it == wanted.end()) continue;
        f.essential += it->second ? 1 : 0;
        ++f.covered;
        f.proposal.covers.push_back(skill);
      }
      if (f.covered > 0) trainings.push_back(std::move(f));
    }
    std::sort(trainings.begin(), trainings.end(), [](const Found& a, const Found& b) {
      if (a.home != b.home) return a.home;
      if (a.essential != b.essential) return a.essential > b.essential;
      if (a.covered != b.covered) return a.covered > b.covered;
      return a.proposal.training->id < b.proposal.training->id;
    });
    for (size_t i = 0; i < trainings.size() && i < static_cast<size_t>(options.trainings); ++i) {
      c.trainings.push_back(std::move(trainings[i].proposal));
    }
  }
  return ranked;
}

}  // namespace skillmatch::mobility
