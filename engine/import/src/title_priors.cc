#include "skillmatch/import/title_priors.h"

namespace skillmatch::engine {

classification::TitlePriors TitlePriorsFrom(
    const std::vector<TitleDecision>& decisions) {
  classification::TitlePriors priors;
  for (const TitleDecision& decision : decisions) {
    const float per_offer = decision.method == "review" ? kReviewPriorWeight : 1.0f;
    priors.Add(decision.title, decision.code,
               per_offer * static_cast<float>(decision.offers));
  }
  return priors;
}

Result<classification::TitlePriors> ReadTitlePriors(Store& store) {
  Result<std::vector<TitleDecision>> decisions = store.ListTitleDecisions();
  if (!decisions.ok()) return decisions.status();
  return TitlePriorsFrom(*decisions);
}

}  // namespace skillmatch::engine
