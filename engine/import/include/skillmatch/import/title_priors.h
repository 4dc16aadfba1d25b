// The title coder's priors learned from a store: each title a person coded
// (`review set`, the server's review) or the source coded is remembered, so
// the same title, however it is written ("CHARGÉE DE CLIENTÈLE (H/F) -
// Douala" is "chargé de clientèle", classification::TitlePriors::Key), codes
// the same way in later imports and `code --db` runs.
//
//   Result<classification::TitlePriors> priors = ReadTitlePriors(store);
//   options.title_priors = &*priors;  // ImportOptions
//
// Weights (engine/import/README.md, "Priors from the store"): a person's
// decision on one offer weighs kReviewPriorWeight, an offer coded by its
// source (our code, or a foreign code through a crosswalk, not flagged for
// review) 1. The coder's own codings are never read back.
#pragma once

#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/status.h"
#include "skillmatch/store/store.h"

namespace skillmatch::engine {

// A counsellor's decision counts as this many offers coded by a source: one
// correction outweighs one source coding, and still yields to a source that
// coded the same title the other way many times (then the share, hence the
// confidence, drops and the title goes to review).
inline constexpr float kReviewPriorWeight = 3.0f;

// Builds the priors from Store::ListTitleDecisions. Errors: the store's.
[[nodiscard]] Result<classification::TitlePriors> ReadTitlePriors(Store& store);

// The same from decisions already read.
classification::TitlePriors TitlePriorsFrom(
    const std::vector<TitleDecision>& decisions);

}  // namespace skillmatch::engine
