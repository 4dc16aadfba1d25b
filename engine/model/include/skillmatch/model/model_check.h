// Checks that the codes a profile or an offer names exist in a taxonomy, so
// that a record never enters the store with codes the scorer would skip
// silently (an unknown skill would just never match).
//
//   Status ok = CheckCodes(profile, taxonomy, "profiles.jsonl:12");
//   // profiles.jsonl:12: target_occupations[0]: unknown occupation 'Z9999'
//   // (not in taxonomy roame-sample 2026.11)
//
// Occupation codes must name nodes at level "occupation" (an area such as
// "F17" is refused, since offers and jobseekers are coded to occupations);
// skill ids must name skills. An empty offer occupation is allowed (an offer
// still to be coded). The first problem is returned (kDataError), with the
// field path of model_json.h.
#pragma once

#include <string>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/model/model.h"

namespace skillmatch::engine {

[[nodiscard]] Status CheckCodes(const Profile& profile,
                                const classification::Taxonomy& taxonomy,
                                const std::string& where);
[[nodiscard]] Status CheckCodes(const Offer& offer,
                                const classification::Taxonomy& taxonomy,
                                const std::string& where);

}  // namespace skillmatch::engine
