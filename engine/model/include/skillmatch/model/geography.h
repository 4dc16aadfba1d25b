// The geography the engine knows: countries (ISO 3166-1 alpha-2 code,
// French and English names), their regions and main cities, and the
// economic communities with their dated membership (Burkina Faso, Mali and
// Niger left ECOWAS on 29 January 2025 and remain in WAEMU).
//
// The facts live as CSV files in data/geography (format and sources in its
// README.md); the build embeds them, so Geography::Embedded() needs no file
// at run time and works from any directory. The scorer (community
// membership of the location filter), the JSON codec (the closed set of
// community names) and the generator (countries, cities, communities) all
// read this one table.
//
//   const Geography& geo = Geography::Embedded();
//   geo.CanonicalCommunity("cedeao");                    // "ECOWAS"
//   geo.InCommunity("ECOWAS", "ML", *Date::Parse("2024-06-01"));  // true
//   geo.InCommunity("ECOWAS", "ML", *Date::Parse("2025-06-01"));  // false
//
// A Geography is immutable and safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/model/date.h"

namespace skillmatch::engine {

struct GeoCountry {
  std::string code;  // ISO 3166-1 alpha-2: "SN"
  std::string name_fr;  // "Sénégal"
  std::string name_en;  // "Senegal"
};

struct GeoCity {
  std::string country;  // ISO code
  std::string region;   // as the country's PES writes it: "Littoral"
  std::string city;
  double lat = 0;  // degrees, WGS84, rounded to 0.01
  double lon = 0;
};

struct GeoCommunity {
  std::string code;     // canonical, stored value: "ECOWAS"
  std::string code_fr;  // French acronym, accepted as an alias: "CEDEAO"
  std::string name_en;
  std::string name_fr;
};

// One period of membership: from `since` to the day before `until`.
struct GeoMembership {
  std::string community;  // canonical code
  std::string country;
  Date since;                  // first day as a member
  std::optional<Date> until;   // first day no longer a member; none = still
};

class Geography {
 public:
  // The table embedded at build time from data/geography. Checked by the
  // tests; a broken embedded table is a build error that aborts here.
  static const Geography& Embedded();

  // Reads the four CSV texts (names prefix messages, e.g.
  // "countries.csv:12: ..."). Every row is checked: codes, dates (since
  // before until), numbers, references between files, no duplicates.
  [[nodiscard]] static Result<Geography> Parse(std::string_view countries_csv,
                                               std::string_view cities_csv,
                                               std::string_view communities_csv,
                                               std::string_view memberships_csv);

  const std::vector<GeoCountry>& countries() const { return countries_; }
  const std::vector<GeoCity>& cities() const { return cities_; }  // file order
  const std::vector<GeoCommunity>& communities() const { return communities_; }
  const std::vector<GeoMembership>& memberships() const { return memberships_; }

  // nullptr when unknown.
  const GeoCountry* FindCountry(std::string_view code) const;
  const GeoCity* FindCity(std::string_view country, std::string_view city) const;

  // The canonical code of a community named by its code or its French
  // acronym, case and surrounding blanks ignored ("cedeao " -> "ECOWAS");
  // nullopt when the name is not one of the table's.
  std::optional<std::string> CanonicalCommunity(std::string_view name) const;
  // "ECOWAS/CEDEAO, WAEMU/UEMOA, CEMAC, ECCAS/CEEAC": the accepted names,
  // for messages.
  std::string CommunityNames() const;

  // Whether `country` is a member of `community` (canonical code) on `day`.
  bool InCommunity(std::string_view community, std::string_view country,
                   Date day) const;
  // The communities `country` belongs to on `day`, in the table's order.
  std::vector<std::string> CommunitiesOf(std::string_view country,
                                         Date day) const;

 private:
  std::vector<GeoCountry> countries_;
  std::vector<GeoCity> cities_;
  std::vector<GeoCommunity> communities_;
  std::vector<GeoMembership> memberships_;
};

}  // namespace skillmatch::engine
