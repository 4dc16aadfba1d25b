// Reorientation (issue 15, "Réorientation"): occupations close to a
// jobseeker's target and past occupations, each with the skills the person
// already has for it, the skills to acquire and the trainings of the
// catalogue that teach them. engine/mobility/README.md, "Reorientation",
// gives every rule.
//
// Two sources, merged: the taxonomy's mobility links from the person's
// occupations (close and evolution, ranked: "fiche ROME") and the engine's
// similar occupations by skills (Scorer::SimilarOccupations with
// skills_only, as `skillmatch similar --skills-only`). One occupation found
// by both keeps both. The ranking is the matching's own occupation
// proximity (Scorer::Proximity) weighted as the score weighs the person's
// occupations, so the page ranks as the offers are scored.
//
// Pure: reads the profile, the scorer and the catalogue; no store, no log.
// The caller audits (the view of a person's file) and counts the offers.
#pragma once

#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/mobility/training.h"
#include "skillmatch/model/model.h"

namespace skillmatch::mobility {

struct ReorientOptions {
  // Close occupations returned, best first. Default 8: a counsellor reads
  // them with the person in one interview.
  int top = 8;
  // Occupations taken from the skill similarity of each of the person's
  // occupations. Default 10.
  int similar_per_origin = 10;
  // A similar occupation counts as "compétences communes" when its
  // occupation similarity (Scorer::OccupationSimilarity) is at least this.
  // Default 0.2: on the sample, unrelated occupations of one area stay
  // under it.
  float min_similarity = 0.2f;
  // A skill declared at this level or above is held; below, partly held.
  // Default 3 ("autonome"): an occupation is exercised on one's own.
  int held_level = 3;
  // Trainings listed per occupation. Default 2.
  int trainings = 2;
};

// A skill of the close occupation that the person declares.
struct HeldSkill {
  std::string id;
  bool essential = true;
  int level = 0;          // the person's, 1..4
  bool validated = false;
};

// A skill of the close occupation that the person does not declare.
struct SkillToAcquire {
  std::string id;
  bool essential = true;
  float weight = 1;  // the taxonomy's effective weight
};

struct TrainingProposal {
  const Training* training = nullptr;  // into the catalogue given
  std::vector<std::string> covers;     // skills to acquire it teaches
};

struct CloseOccupation {
  std::string code;
  // The ranking value: the best, over the person's occupations, of its
  // weight (targets 1, next_target_weight..., past past_occupation_weight)
  // times Scorer::Proximity.
  float rank_value = 0;
  std::string from;  // the person's occupation giving rank_value
  // Where the proposal comes from (one or more).
  bool close_link = false;      // a "close" mobility link from one of them
  bool evolution_link = false;  // an "evolution" mobility link
  int link_rank = 0;            // the best rank of those links (0: unranked)
  std::string link_from;        // the occupation the link starts from
  bool shared_skills = false;   // skill similarity >= min_similarity
  float similarity = 0;         // the best occupation similarity
  std::string similar_from;     // the occupation giving it
  // Skills of the occupation: held at held_level or above, partly held
  // (declared lower), to acquire (essential first, then by weight, then
  // id). Held and partial keep the taxonomy's order, essential first.
  std::vector<HeldSkill> held;
  std::vector<HeldSkill> partial;
  std::vector<SkillToAcquire> to_acquire;
  // Share of the occupation's skills the person has, weighted by the
  // taxonomy's effective weights: held 1, partly held level/held_level,
  // to acquire 0. In [0, 1]; 0 for an occupation without skills.
  double coverage = 0;
  // Trainings teaching at least one skill to acquire: the person's country
  // first, then most essential skills covered, most covered, by id.
  std::vector<TrainingProposal> trainings;
};

// The close occupations of `profile`, best first (ties by code). The
// person's target and past occupations are never proposed. Codes the
// taxonomy lacks are skipped. kInvalidArgument when the profile has no
// occupation the taxonomy knows (nothing to start from).
[[nodiscard]] Result<std::vector<CloseOccupation>> Reorient(
    const engine::Profile& profile, const engine::Scorer& scorer,
    const std::vector<Training>& catalogue, const ReorientOptions& options = {});

}  // namespace skillmatch::mobility
