// Counts of open offers by occupation, an agency's or every agency's, for the reorientation
// page (tools/server/pages/page_reorientation.cc): one SQL query over the
// offers of the occupations asked (index offers_occupation), no document
// decoded. Kept out of the Store interface
// (store.h) so that adding it did not change the header every library
// includes; it works on the SQLite store, the only one.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/store/store.h"

namespace skillmatch::engine {

// Occupations one call may ask about (SQLite's bound parameters).
inline constexpr size_t kMaxCountedOccupations = 500;

// The open offers of `agency` for each of `occupations` (codes), by code.
// Open on `today` (YYYY-MM-DD): not closed on or before it (the offer's
// `closed`), not expired before it (`expires`), as the matching's expiry
// filter judges.
// Occupations without an open offer are absent. kInvalidArgument for more
// than kMaxCountedOccupations occupations, kInternal for a store that is not
// the SQLite one; SQLite errors with context.
[[nodiscard]] Result<std::map<std::string, int64_t>> CountOpenAgencyOffers(
    Store& store, const std::string& agency, const std::string& today,
    const std::vector<std::string>& occupations);
// The same over the offers of every agency (and those of none): aggregates,
// no record, for the whole market a counsellor weighs an occupation by.
[[nodiscard]] Result<std::map<std::string, int64_t>> CountOpenOffers(
    Store& store, const std::string& today, const std::vector<std::string>& occupations);

}  // namespace skillmatch::engine
