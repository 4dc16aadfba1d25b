// The CSV files of data/geography as text, generated into the build folder
// by engine/model/CMakeLists.txt (geography_data.cc).
#pragma once

#include <string_view>

namespace skillmatch::engine::geography_data {

extern const std::string_view kCountries;
extern const std::string_view kCities;
extern const std::string_view kCommunities;
extern const std::string_view kMemberships;

}  // namespace skillmatch::engine::geography_data
