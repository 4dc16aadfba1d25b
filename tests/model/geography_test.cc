// The geography table: the embedded data/geography, community names and
// aliases, dated membership, and the reader's messages on broken files.
#include "skillmatch/model/geography.h"

#include <gtest/gtest.h>

namespace skillmatch::engine {
namespace {

Date Day(const char* text) { return *Date::Parse(text); }

TEST(Geography, EmbeddedTableIsComplete) {
  const Geography& geo = Geography::Embedded();
  ASSERT_NE(geo.FindCountry("SN"), nullptr);
  EXPECT_EQ(geo.FindCountry("SN")->name_fr, "Sénégal");
  EXPECT_EQ(geo.FindCountry("SN")->name_en, "Senegal");
  EXPECT_EQ(geo.FindCountry("XX"), nullptr);
  const GeoCity* douala = geo.FindCity("CM", "Douala");
  ASSERT_NE(douala, nullptr);
  EXPECT_EQ(douala->region, "Littoral");
  EXPECT_DOUBLE_EQ(douala->lat, 4.05);
  EXPECT_DOUBLE_EQ(douala->lon, 9.77);
  // Every member state is a country of the table with at least one city.
  for (const GeoMembership& membership : geo.memberships()) {
    bool has_city = false;
    for (const GeoCity& city : geo.cities()) {
      has_city = has_city || city.country == membership.country;
    }
    EXPECT_TRUE(has_city) << membership.country;
  }
  EXPECT_EQ(geo.communities().size(), 4u);
}

TEST(Geography, CommunityNamesFrenchAndEnglish) {
  const Geography& geo = Geography::Embedded();
  EXPECT_EQ(geo.CanonicalCommunity("ECOWAS"), "ECOWAS");
  EXPECT_EQ(geo.CanonicalCommunity("CEDEAO"), "ECOWAS");
  EXPECT_EQ(geo.CanonicalCommunity(" cedeao "), "ECOWAS");
  EXPECT_EQ(geo.CanonicalCommunity("UEMOA"), "WAEMU");
  EXPECT_EQ(geo.CanonicalCommunity("waemu"), "WAEMU");
  EXPECT_EQ(geo.CanonicalCommunity("CEMAC"), "CEMAC");
  EXPECT_EQ(geo.CanonicalCommunity("CEEAC"), "ECCAS");
  EXPECT_EQ(geo.CanonicalCommunity("ECCAS"), "ECCAS");
  EXPECT_EQ(geo.CanonicalCommunity("SADC"), std::nullopt);
  EXPECT_EQ(geo.CanonicalCommunity(""), std::nullopt);
  EXPECT_EQ(geo.CommunityNames(), "ECOWAS/CEDEAO, WAEMU/UEMOA, CEMAC, ECCAS/CEEAC");
}

TEST(Geography, MembershipIsDated) {
  const Geography& geo = Geography::Embedded();
  // Burkina Faso, Mali and Niger left ECOWAS on 29 January 2025.
  for (const char* country : {"BF", "ML", "NE"}) {
    EXPECT_TRUE(geo.InCommunity("ECOWAS", country, Day("2025-01-28"))) << country;
    EXPECT_FALSE(geo.InCommunity("ECOWAS", country, Day("2025-01-29"))) << country;
    EXPECT_TRUE(geo.InCommunity("WAEMU", country, Day("2025-01-29"))) << country;
  }
  EXPECT_TRUE(geo.InCommunity("ECOWAS", "SN", Day("2026-11-22")));
  EXPECT_FALSE(geo.InCommunity("CEDEAO", "SN", Day("2026-11-22")));  // codes only
  EXPECT_FALSE(geo.InCommunity("ECOWAS", "CM", Day("2026-11-22")));
  // Guinea-Bissau joined WAEMU in 1997; Rwanda left ECCAS in 2007 and came
  // back in 2016.
  EXPECT_FALSE(geo.InCommunity("WAEMU", "GW", Day("1996-01-01")));
  EXPECT_TRUE(geo.InCommunity("WAEMU", "GW", Day("1998-01-01")));
  EXPECT_TRUE(geo.InCommunity("ECCAS", "RW", Day("2000-01-01")));
  EXPECT_FALSE(geo.InCommunity("ECCAS", "RW", Day("2010-01-01")));
  EXPECT_TRUE(geo.InCommunity("ECCAS", "RW", Day("2020-01-01")));
  EXPECT_EQ(geo.CommunitiesOf("ML", Day("2024-06-01")),
            (std::vector<std::string>{"ECOWAS", "WAEMU"}));
  EXPECT_EQ(geo.CommunitiesOf("ML", Day("2026-01-01")),
            (std::vector<std::string>{"WAEMU"}));
  EXPECT_EQ(geo.CommunitiesOf("CM", Day("2026-01-01")),
            (std::vector<std::string>{"CEMAC", "ECCAS"}));
  EXPECT_TRUE(geo.CommunitiesOf("FR", Day("2026-01-01")).empty());
}

constexpr const char* kCountries = "code,name_fr,name_en\nSN,Sénégal,Senegal\n";
constexpr const char* kCities = "country,region,city,lat,lon\nSN,Dakar,Dakar,14.72,-17.47\n";
constexpr const char* kCommunities =
    "code,code_fr,name_en,name_fr\nECOWAS,CEDEAO,Economic Community,Communauté\n";
constexpr const char* kMemberships =
    "community,country,since,until\nECOWAS,SN,1975-05-28,\n";

std::string ParseError(const std::string& countries, const std::string& cities,
                       const std::string& communities, const std::string& memberships) {
  Result<Geography> geo = Geography::Parse(countries, cities, communities, memberships);
  return geo.ok() ? "OK" : geo.status().message();
}

TEST(Geography, ReaderNamesFileLineAndColumn) {
  EXPECT_EQ(ParseError(kCountries, kCities, kCommunities, kMemberships), "OK");
  EXPECT_EQ(ParseError("code,name\nSN,Sénégal\n", kCities, kCommunities, kMemberships),
            "countries.csv:1: expected the header code,name_fr,name_en");
  EXPECT_EQ(ParseError("code,name_fr,name_en\nsn,Sénégal,Senegal\n", kCities,
                       kCommunities, kMemberships),
            "countries.csv:2: code: expected a country code of two upper-case "
            "letters, got 'sn'");
  EXPECT_EQ(ParseError(kCountries, "country,region,city,lat,lon\nML,Bamako,Bamako,12.64,-8\n",
                       kCommunities, kMemberships),
            "cities.csv:2: country: expected a country of countries.csv, got 'ML'");
  EXPECT_EQ(ParseError(kCountries, "country,region,city,lat,lon\nSN,Dakar,Dakar,94,-17\n",
                       kCommunities, kMemberships),
            "cities.csv:2: lat: expected a number from -90 to 90, got '94'");
  EXPECT_EQ(ParseError(kCountries, kCities, kCommunities,
                       "community,country,since,until\nECOWAS,SN,1975-02-30,\n"),
            "memberships.csv:2: since: expected a date YYYY-MM-DD, got '1975-02-30'");
  EXPECT_EQ(ParseError(kCountries, kCities, kCommunities,
                       "community,country,since,until\nECOWAS,SN,2025-01-29,2025-01-29\n"),
            "memberships.csv:2: until: expected a date YYYY-MM-DD after since, or "
            "nothing, got '2025-01-29'");
  EXPECT_EQ(ParseError(kCountries, kCities, kCommunities,
                       "community,country,since,until\nCEDEAO,SN,1975-05-28,\n"),
            "memberships.csv:2: community: expected a community code of "
            "communities.csv, got 'CEDEAO'");
  EXPECT_EQ(ParseError(kCountries, kCities, kCommunities,
                       "community,country,since,until\nECOWAS,SN,1975-05-28,\n"
                       "ECOWAS,SN,2000-01-01,\n"),
            "memberships.csv:3: overlaps another period of SN in ECOWAS");
  EXPECT_EQ(ParseError(kCountries, kCities,
                       "code,code_fr,name_en,name_fr\nECOWAS,CEDEAO,a,b\nCEDEAO,X,c,d\n",
                       kMemberships),
            "communities.csv:3: code: expected a name no other community has, got "
            "'CEDEAO'");
  EXPECT_EQ(ParseError(kCountries, kCities, kCommunities,
                       "community,country,since,until\nECOWAS,SN\n"),
            "memberships.csv:2: expected 4 fields, got 2");
}

}  // namespace
}  // namespace skillmatch::engine
