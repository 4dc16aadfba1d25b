#include "skillmatch/model/model_check.h"

#include "skillmatch/classification/text.h"

namespace skillmatch::engine {

namespace {

using classification::kNoNode;
using classification::kNoSkill;
using classification::Taxonomy;
using text::Quoted;

std::string TaxonomyName(const Taxonomy& taxonomy) {
  return taxonomy.info().name + " " + taxonomy.info().version;
}

Status CheckOccupation(const std::string& code, const Taxonomy& taxonomy,
                       const std::string& where, const std::string& field) {
  classification::NodeIndex node = taxonomy.FindNode(code);
  if (node == kNoNode) {
    return Status::DataError(where + ": " + field + ": unknown occupation " + Quoted(code) +
                             " (not in taxonomy " + TaxonomyName(taxonomy) + ")");
  }
  if (!taxonomy.IsOccupation(node)) {
    return Status::DataError(where + ": " + field + ": " + Quoted(code) +
                             " is not an occupation (level " + taxonomy.node(node).level +
                             "); records are coded to occupations");
  }
  return Status::Ok();
}

template <typename List>
Status CheckSkills(const List& skills, const Taxonomy& taxonomy, const std::string& where,
                   const std::string& field) {
  for (size_t skill_idx = 0; skill_idx < skills.size(); ++skill_idx) {
    const std::string& id = skills[skill_idx].skill_id;
    if (taxonomy.FindSkill(id) == kNoSkill) {
      return Status::DataError(where + ": " + field + "[" + std::to_string(skill_idx) +
                               "].skill_id: unknown skill " + Quoted(id) +
                               " (not in taxonomy " + TaxonomyName(taxonomy) + ")");
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckCodes(const Profile& profile, const Taxonomy& taxonomy,
                  const std::string& where) {
  for (size_t occ_idx = 0; occ_idx < profile.target_occupations.size(); ++occ_idx) {
    SKILLMATCH_RETURN_IF_ERROR(
        CheckOccupation(profile.target_occupations[occ_idx], taxonomy, where,
                        "target_occupations[" + std::to_string(occ_idx) + "]"));
  }
  for (size_t occ_idx = 0; occ_idx < profile.past_occupations.size(); ++occ_idx) {
    SKILLMATCH_RETURN_IF_ERROR(
        CheckOccupation(profile.past_occupations[occ_idx].code, taxonomy, where,
                        "past_occupations[" + std::to_string(occ_idx) + "].code"));
  }
  SKILLMATCH_RETURN_IF_ERROR(CheckSkills(profile.skills, taxonomy, where, "skills"));
  return CheckSkills(profile.soft_skills, taxonomy, where, "soft_skills");
}

Status CheckCodes(const Offer& offer, const Taxonomy& taxonomy, const std::string& where) {
  if (!offer.occupation.empty()) {
    SKILLMATCH_RETURN_IF_ERROR(CheckOccupation(offer.occupation, taxonomy, where, "occupation"));
  }
  SKILLMATCH_RETURN_IF_ERROR(CheckSkills(offer.skills, taxonomy, where, "skills"));
  return CheckSkills(offer.soft_skills, taxonomy, where, "soft_skills");
}

}  // namespace skillmatch::engine
