// Driving licence categories: one closed set and one normalisation for
// profiles (driving_licences), offers (licences_required) and the offer
// import, so that "b", " B " and "B" are the same licence everywhere and the
// scorer's licence filter compares like with like.
//
// The set is that of the national permits of ECOWAS and CEMAC countries,
// which follow the categories of the 1968 Vienna Convention on road traffic
// (A1, A, B, C1, C, D1, D and the trailer categories BE, C1E, CE, D1E, DE),
// plus E, the single trailer category of the older francophone permits
// still held by many jobseekers, and F, the permit for vehicles adapted to
// a disability issued in several francophone countries. A category outside
// this set is refused (engine/model/README.md says why: a typo such as "8"
// for "B" would otherwise make every offer requiring B unreachable).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skillmatch::engine {

// The category in canonical form (upper case, surrounding blanks removed),
// or nullopt when it is not one of kLicenceCategories.
std::optional<std::string> NormalizeLicence(std::string_view text);

// "A1, A, B, C1, C, D1, D, E, BE, C1E, CE, D1E, DE, F", for messages.
std::string_view LicenceCategories();

}  // namespace skillmatch::engine
