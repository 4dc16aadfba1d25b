#include "skillmatch/model/geography.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <utility>

#include "geography_data.h"
#include "skillmatch/classification/csv.h"

namespace skillmatch::engine {

namespace {

bool IsUpperCode(std::string_view text, size_t min_size, size_t max_size) {
  if (text.size() < min_size || text.size() > max_size) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Reads one CSV text whose first row must be exactly `header`; calls
// `on_row(fields, where)` for each further row, where = "name:line".
template <typename OnRow>
Status ReadTable(const std::string& name, std::string_view text,
                 const std::vector<std::string>& header, OnRow on_row) {
  auto reader = csv::Reader::FromString(name, std::string(text));
  std::vector<std::string> fields;
  if (!reader->Next(&fields)) {
    if (!reader->status().ok()) return reader->status();
    return Status::DataError(name + ": empty, expected a header row");
  }
  if (fields != header) {
    std::string expected;
    for (const std::string& column : header) {
      expected += (expected.empty() ? "" : ",") + column;
    }
    return Status::DataError(name + ":1: expected the header " + expected);
  }
  while (reader->Next(&fields)) {
    const std::string where = name + ":" + std::to_string(reader->record_line());
    if (fields.size() != header.size()) {
      return Status::DataError(where + ": expected " +
                               std::to_string(header.size()) + " fields, got " +
                               std::to_string(fields.size()));
    }
    SKILLMATCH_RETURN_IF_ERROR(on_row(fields, where));
  }
  return reader->status();
}

Status FieldError(const std::string& where, const std::string& column,
                  const std::string& expected, const std::string& got) {
  return Status::DataError(where + ": " + column + ": expected " + expected +
                           ", got '" + got + "'");
}

Status ParseCoordinate(const std::string& where, const std::string& column,
                       const std::string& text, double bound, double* out) {
  char* end = nullptr;
  const double value = text.empty() ? NAN : std::strtod(text.c_str(), &end);
  if (!std::isfinite(value) || end != text.c_str() + text.size() ||
      std::fabs(value) > bound) {
    return FieldError(where, column,
                      "a number from " + std::to_string(static_cast<int>(-bound)) +
                          " to " + std::to_string(static_cast<int>(bound)),
                      text);
  }
  *out = value;
  return Status::Ok();
}

}  // namespace

Result<Geography> Geography::Parse(std::string_view countries_csv,
                                   std::string_view cities_csv,
                                   std::string_view communities_csv,
                                   std::string_view memberships_csv) {
  Geography geo;
  SKILLMATCH_RETURN_IF_ERROR(ReadTable(
      "countries.csv", countries_csv, {"code", "name_fr", "name_en"},
      [&](const std::vector<std::string>& row, const std::string& where) {
        if (!IsUpperCode(row[0], 2, 2)) {
          return FieldError(where, "code",
                            "a country code of two upper-case letters", row[0]);
        }
        if (geo.FindCountry(row[0]) != nullptr) {
          return FieldError(where, "code", "a country listed once", row[0]);
        }
        if (row[1].empty() || row[2].empty()) {
          return Status::DataError(where + ": expected both names");
        }
        geo.countries_.push_back({row[0], row[1], row[2]});
        return Status::Ok();
      }));
  SKILLMATCH_RETURN_IF_ERROR(ReadTable(
      "cities.csv", cities_csv, {"country", "region", "city", "lat", "lon"},
      [&](const std::vector<std::string>& row, const std::string& where) {
        if (geo.FindCountry(row[0]) == nullptr) {
          return FieldError(where, "country", "a country of countries.csv",
                            row[0]);
        }
        if (row[1].empty() || row[2].empty()) {
          return Status::DataError(where + ": expected a region and a city");
        }
        if (geo.FindCity(row[0], row[2]) != nullptr) {
          return FieldError(where, "city", "a city listed once per country",
                            row[2]);
        }
        GeoCity city{row[0], row[1], row[2], 0, 0};
        SKILLMATCH_RETURN_IF_ERROR(
            ParseCoordinate(where, "lat", row[3], 90, &city.lat));
        SKILLMATCH_RETURN_IF_ERROR(
            ParseCoordinate(where, "lon", row[4], 180, &city.lon));
        geo.cities_.push_back(std::move(city));
        return Status::Ok();
      }));
  SKILLMATCH_RETURN_IF_ERROR(ReadTable(
      "communities.csv", communities_csv,
      {"code", "code_fr", "name_en", "name_fr"},
      [&](const std::vector<std::string>& row, const std::string& where) {
        for (int column : {0, 1}) {
          if (!IsUpperCode(row[column], 2, 10)) {
            return FieldError(where, column == 0 ? "code" : "code_fr",
                              "2 to 10 upper-case letters", row[column]);
          }
          if (geo.CanonicalCommunity(row[column])) {
            return FieldError(where, column == 0 ? "code" : "code_fr",
                              "a name no other community has", row[column]);
          }
        }
        if (row[2].empty() || row[3].empty()) {
          return Status::DataError(where + ": expected both names");
        }
        geo.communities_.push_back({row[0], row[1], row[2], row[3]});
        return Status::Ok();
      }));
  SKILLMATCH_RETURN_IF_ERROR(ReadTable(
      "memberships.csv", memberships_csv,
      {"community", "country", "since", "until"},
      [&](const std::vector<std::string>& row, const std::string& where) {
        const bool known = std::any_of(
            geo.communities_.begin(), geo.communities_.end(),
            [&](const GeoCommunity& c) { return c.code == row[0]; });
        if (!known) {
          return FieldError(where, "community",
                            "a community code of communities.csv", row[0]);
        }
        if (geo.FindCountry(row[1]) == nullptr) {
          return FieldError(where, "country", "a country of countries.csv",
                            row[1]);
        }
        GeoMembership membership{row[0], row[1], Date(), std::nullopt};
        const std::optional<Date> since = Date::Parse(row[2]);
        if (!since) {
          return FieldError(where, "since",
                            "a date " + std::string(Date::kForm), row[2]);
        }
        membership.since = *since;
        if (!row[3].empty()) {
          membership.until = Date::Parse(row[3]);
          if (!membership.until || *membership.until <= *since) {
            return FieldError(where, "until",
                              "a date " + std::string(Date::kForm) +
                                  " after since, or nothing",
                              row[3]);
          }
        }
        // Periods of one country in one community must not overlap.
        for (const GeoMembership& other : geo.memberships_) {
          if (other.community != membership.community ||
              other.country != membership.country) {
            continue;
          }
          const bool before = membership.until && *membership.until <= other.since;
          const bool after = other.until && *other.until <= membership.since;
          if (!before && !after) {
            return Status::DataError(where + ": overlaps another period of " +
                                     row[1] + " in " + row[0]);
          }
        }
        geo.memberships_.push_back(std::move(membership));
        return Status::Ok();
      }));
  return geo;
}

const Geography& Geography::Embedded() {
  static const Geography* const kEmbedded = [] {
    Result<Geography> parsed =
        Parse(geography_data::kCountries, geography_data::kCities,
              geography_data::kCommunities, geography_data::kMemberships);
    if (!parsed.ok()) {
      // The files are checked by the tests; reaching this is a build of
      // broken data, not a user error.
      std::fprintf(stderr, "embedded data/geography: %s\n",
                   parsed.status().message().c_str());
      std::abort();
    }
    return new Geography(std::move(parsed).value());
  }();
  return *kEmbedded;
}

const GeoCountry* Geography::FindCountry(std::string_view code) const {
  for (const GeoCountry& country : countries_) {
    if (country.code == code) return &country;
  }
  return nullptr;
}

const GeoCity* Geography::FindCity(std::string_view country,
                                   std::string_view city) const {
  for (const GeoCity& entry : cities_) {
    if (entry.country == country && entry.city == city) return &entry;
  }
  return nullptr;
}

std::optional<std::string> Geography::CanonicalCommunity(
    std::string_view name) const {
  const std::string key = Upper(Trim(name));
  for (const GeoCommunity& community : communities_) {
    if (community.code == key || community.code_fr == key) {
      return community.code;
    }
  }
  return std::nullopt;
}

std::string Geography::CommunityNames() const {
  std::string names;
  for (const GeoCommunity& community : communities_) {
    if (!names.empty()) names += ", ";
    names += community.code;
    if (community.code_fr != community.code) names += "/" + community.code_fr;
  }
  return names;
}

bool Geography::InCommunity(std::string_view community,
                            std::string_view country, Date day) const {
  for (const GeoMembership& membership : memberships_) {
    if (membership.community == community && membership.country == country &&
        membership.since <= day &&
        (!membership.until || day < *membership.until)) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> Geography::CommunitiesOf(std::string_view country,
                                                  Date day) const {
  std::vector<std::string> out;
  for (const GeoCommunity& community : communities_) {
    if (InCommunity(community.code, country, day)) out.push_back(community.code);
  }
  return out;
}

}  // namespace skillmatch::engine
