// Synthetic profiles and offers: see generator.h for the contract and
// engine/eval/README.md ("The sample generator") for the model.
#include "skillmatch/eval/generator.h"

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <string_view>
#include <thread>
#include <utility>

#include "skillmatch/classification/atomic_file.h"
#include "skillmatch/classification/random.h"
#include "skillmatch/model/geography.h"
#include "skillmatch/model/model_json.h"

namespace skillmatch::engine {

namespace {

using classification::MobilityKind;
using classification::NodeIndex;
using classification::SkillIndex;
using classification::SkillKind;
using classification::SkillRelation;
using classification::Taxonomy;

// ---------------------------------------------------------------------------
// Random numbers. Everything below is integer arithmetic or correctly
// rounded IEEE floating point (+, *, /, round), so a seed gives the same
// bytes with every standard library. (Compilers that fuse a * b + c into
// one FMA, as GCC does on AArch64, may move a last bit: build with
// -ffp-contract=off where files must match across architectures.) Draws
// are one per statement, since operand evaluation order is unspecified.
// The generator is classification/random.h's xoshiro256**, one per record,
// Rng(seed, stream, index), so that record i needs nothing of record i - 1.

using Rng = classification::Xoshiro256;

// Stream tags: the three independent streams of a seed.
constexpr uint64_t kProfileStream = 0x50524F46494C45ull;    // "PROFILE"
constexpr uint64_t kProtectedStream = 0x50524F54454354ull;  // "PROTECT"
constexpr uint64_t kOfferStream = 0x4F46464552ull;          // "OFFER"
// The flows over time (FlowOptions), drawn after a record's content and
// never read by it, like the protected attributes.
constexpr uint64_t kFlowStream = 0x464C4F57ull;  // "FLOW"

// Draws an index with probability proportional to its weight.
class Picker {
 public:
  Picker() = default;
  explicit Picker(const std::vector<double>& weights) {
    double total = 0;
    cumulative_.reserve(weights.size());
    for (double weight : weights) {
      total += weight;
      cumulative_.push_back(total);
    }
  }
  bool empty() const { return cumulative_.empty() || cumulative_.back() <= 0; }
  // Not to be called when empty().
  size_t Pick(Rng& rng) const {
    const double target = rng.Uniform() * cumulative_.back();
    // upper_bound skips zero-weight entries: their sum equals the previous.
    const auto it =
        std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    const auto pick = static_cast<size_t>(it - cumulative_.begin());
    return std::min(pick, cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

// ---------------------------------------------------------------------------
// Geography, languages, employers: the countries the generator knows.

// What the generator adds to a city of the geography table (region and
// coordinates come from the table).
struct CitySpec {
  const char* city;      // as in data/geography/cities.csv
  double weight;         // share of the country's records
  const char* language;  // the city's main local language, or null
  bool anglophone;       // English replaces French as the official language
};

// What the generator adds to a country of the geography table.
struct CountrySpec {
  const char* code;
  bool abroad;
  const char* currency;
  double salary_factor;  // times the reference salary table
  std::vector<CitySpec> cities;
  std::vector<const char*> languages;  // local languages, most spoken first
  std::vector<double> language_weights;
  std::vector<const char*> families;  // for employer names
  std::vector<const char*> places;    // ditto
  const char* legal_suffix;           // abroad: "SAS", "GmbH"...
};

struct City {
  std::string region;
  std::string city;
  double lat;
  double lon;
  double weight;
  const char* language;
  bool anglophone;
};

// A country as the generator draws from it: its spec joined with the
// geography table.
struct Country {
  std::string code;
  std::string name_fr;  // for "Poste basé en ..."
  bool abroad;
  const char* currency;
  double salary_factor;
  std::vector<City> cities;
  // Communities on GeneratedAsOf(): Burkina Faso, Mali and Niger left ECOWAS
  // on 2025-01-29 and remain in WAEMU; Cameroon is in CEMAC and ECCAS.
  std::vector<std::string> communities;
  std::vector<const char*> languages;
  std::vector<double> language_weights;
  std::vector<const char*> families;
  std::vector<const char*> places;
  const char* legal_suffix;
};

const std::vector<CountrySpec>& CountrySpecs() {
  // One country per paragraph reads better as data.
  // clang-format off
  static const auto* const kSpecs = new std::vector<CountrySpec>{
      {"BJ", false, "XOF", 0.90,
       {{"Cotonou", 0.40, "fon", false},
        {"Porto-Novo", 0.20, "fon", false},
        {"Parakou", 0.15, nullptr, false},
        {"Abomey-Calavi", 0.25, "fon", false}},
       {"fon", "yo"}, {0.7, 0.3},
       {"Agossou", "Dossou", "Houngbo", "Kpadonou", "Adjovi", "Zinsou",
        "Hounkpatin", "Ahouansou"},
       {"Atlantique", "Ouémé", "Mono", "Zou"}, ""},
      {"CM", false, "XAF", 1.00,
       {{"Douala", 0.32, "dua", false},
        {"Yaoundé", 0.32, "ewo", false},
        {"Bafoussam", 0.14, nullptr, false},
        {"Bamenda", 0.11, nullptr, true},
        {"Buea", 0.11, nullptr, true}},
       {"ewo", "dua", "ff"}, {0.4, 0.35, 0.25},
       {"Mbarga", "Ngono", "Fotso", "Kamga", "Ndongo", "Atangana", "Tabi",
        "Ngwa", "Ekwalla", "Nana"},
       {"Wouri", "Sanaga", "Mungo", "Mont Cameroun"}, ""},
      {"ML", false, "XOF", 0.85,
       {{"Bamako", 0.50, "bm", false},
        {"Sikasso", 0.20, "bm", false},
        {"Ségou", 0.17, "bm", false},
        {"Kayes", 0.13, nullptr, false}},
       {"bm", "ff"}, {0.8, 0.2},
       {"Traoré", "Coulibaly", "Diarra", "Keïta", "Konaté", "Sissoko",
        "Touré", "Cissé"},
       {"Djoliba", "Mandé", "Niger", "Sahel"}, ""},
      {"NE", false, "XOF", 0.80,
       {{"Niamey", 0.40, "dje", false},
        {"Zinder", 0.20, "ha", false},
        {"Maradi", 0.22, "ha", false},
        {"Tahoua", 0.18, "ha", false}},
       {"ha", "dje"}, {0.6, 0.4},
       {"Issoufou", "Moussa", "Abdou", "Maïga", "Hama", "Garba", "Souley",
        "Ibrahim"},
       {"Ténéré", "Aïr", "Sahel", "Niger"}, ""},
      {"SN", false, "XOF", 1.10,
       {{"Dakar", 0.45, "wo", false},
        {"Thiès", 0.18, "wo", false},
        {"Saint-Louis", 0.12, "wo", false},
        {"Ziguinchor", 0.10, nullptr, false},
        {"Kaolack", 0.15, "wo", false}},
       {"wo", "ff"}, {0.8, 0.2},
       {"Diop", "Ndiaye", "Fall", "Sow", "Ba", "Sarr", "Faye", "Gueye",
        "Mbaye", "Diallo"},
       {"Teranga", "Cap-Vert", "Sine-Saloum", "Sahel"}, ""},
      {"TG", false, "XOF", 0.90,
       {{"Lomé", 0.60, "ee", false},
        {"Kara", 0.20, "kbp", false},
        {"Atakpamé", 0.20, "ee", false}},
       {"ee", "kbp"}, {0.7, 0.3},
       {"Mensah", "Agbodjan", "Kodjo", "Amegah", "Lawson", "Ayivi",
        "Akakpo", "Adjavon"},
       {"Golfe", "Mono", "Plateaux", "Oti"}, ""},
      {"FR", true, "EUR", 1.00,
       {{"Paris", 0.45, "fr", false},
        {"Lyon", 0.20, "fr", false},
        {"Marseille", 0.20, "fr", false},
        {"Lille", 0.15, "fr", false}},
       {"fr"}, {1.0},
       {"Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Petit"},
       {}, "SAS"},
      {"BE", true, "EUR", 1.10,
       {{"Bruxelles", 0.50, "fr", false},
        {"Liège", 0.25, "fr", false},
        {"Anvers", 0.25, "nl", false}},
       {"fr", "nl"}, {0.6, 0.4},
       {"Peeters", "Janssens", "Maes", "Dupont", "Lambert", "Willems"},
       {}, "SRL"},
      {"ES", true, "EUR", 0.80,
       {{"Madrid", 0.40, "es", false},
        {"Barcelone", 0.35, "es", false},
        {"Almería", 0.25, "es", false}},
       {"es"}, {1.0},
       {"García", "Fernández", "López", "Martínez", "Sánchez", "Romero"},
       {}, "SL"},
      {"IT", true, "EUR", 0.85,
       {{"Milan", 0.40, "it", false},
        {"Rome", 0.35, "it", false},
        {"Foggia", 0.25, "it", false}},
       {"it"}, {1.0},
       {"Rossi", "Russo", "Ferrari", "Bianchi", "Romano", "Colombo"},
       {}, "Srl"},
      {"DE", true, "EUR", 1.15,
       {{"Berlin", 0.35, "de", false},
        {"Francfort-sur-le-Main", 0.35, "de", false},
        {"Munich", 0.30, "de", false}},
       {"de"}, {1.0},
       {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker"},
       {}, "GmbH"},
  };
  // clang-format on
  return *kSpecs;
}

// The specs joined with Geography::Embedded(): names, regions and
// coordinates of data/geography (approximate public coordinates of the main
// cities, rounded to 0.01 degree) and the communities of each country on
// GeneratedAsOf(). A spec naming a place missing from the table is a bug of
// this file, caught by the generator's tests.
const std::vector<Country>& Countries() {
  static const auto* const kCountries = [] {
    const Geography& geography = Geography::Embedded();
    auto* countries = new std::vector<Country>();
    for (const CountrySpec& spec : CountrySpecs()) {
      const GeoCountry* country = geography.FindCountry(spec.code);
      if (country == nullptr) {
        std::fprintf(stderr, "generator: %s not in data/geography\n", spec.code);
        std::abort();
      }
      Country out{spec.code, country->name_fr, spec.abroad, spec.currency,
                  spec.salary_factor, {},
                  geography.CommunitiesOf(spec.code, GeneratedAsOf()),
                  spec.languages, spec.language_weights, spec.families,
                  spec.places, spec.legal_suffix};
      for (const CitySpec& city_spec : spec.cities) {
        const GeoCity* city = geography.FindCity(spec.code, city_spec.city);
        if (city == nullptr) {
          std::fprintf(stderr, "generator: %s, %s not in data/geography\n",
                       spec.code, city_spec.city);
          std::abort();
        }
        out.cities.push_back({city->region, city->city, city->lat, city->lon,
                              city_spec.weight, city_spec.language,
                              city_spec.anglophone});
      }
      countries->push_back(std::move(out));
    }
    return countries;
  }();
  return *kCountries;
}

// A country with its pickers, built once per generator.
struct CountryTable {
  const Country* info = nullptr;
  Picker cities;
  Picker languages;
};

CountryTable MakeCountryTable(const Country& country) {
  std::vector<double> city_weights;
  for (const City& city : country.cities) city_weights.push_back(city.weight);
  return {&country, Picker(city_weights), Picker(country.language_weights)};
}

// Employer sector words; SectorPrefixes maps code prefixes to them.
constexpr std::array<const char*, 27> kSectorWords = {
    "Agro",          "Élevage",      "Pêche",        "Artisanat",
    "Finance",       "Distribution", "Alimentation", "Beauté",
    "Communication", "Imprimerie",   "BTP",          "Hôtellerie",
    "Voyages",       "Restauration", "Industries",   "Agroalimentaire",
    "Maintenance",   "Télécoms",     "Santé",        "Services",
    "Formation",     "Sécurité",     "Propreté",     "Événements",
    "Conseil",       "Informatique", "Transports"};
constexpr double kDefaultSector = 19;  // "Services"

// Values index kSectorWords; the longest matching prefix wins.
const std::vector<PrefixValue>& SectorPrefixes() {
  static const auto* const kPrefixes = new std::vector<PrefixValue>{
      {"A", 0},    {"A15", 1},  {"A16", 2},  {"B", 3},    {"C", 4},
      {"D", 5},    {"D11", 6},  {"D15", 7},  {"E", 8},    {"E13", 9},
      {"F", 10},   {"G", 11},   {"G11", 12}, {"G14", 13}, {"H", 14},
      {"H11", 15}, {"I", 16},   {"I13", 17}, {"J", 18},   {"K", 19},
      {"K13", 20}, {"K15", 21}, {"K16", 22}, {"L", 23},   {"M", 24},
      {"M18", 25}, {"N", 26},
  };
  return *kPrefixes;
}

// ---------------------------------------------------------------------------
// Tables by ISCO-08 major group (index 0..9; kUnknownMajor when the
// occupation has no isco08 crosswalk, treated as service and sales).

constexpr int kUnknownMajor = 5;

// Weights of ISCED levels 0..8 for a jobseeker of each major group, after
// the education profile of employment in the region: most agricultural,
// craft and elementary workers have primary schooling or none;
// professionals hold a bachelor's or master's degree.
constexpr std::array<std::array<double, 9>, 10> kEducationWeights = {{
    {0, 0, 5, 35, 20, 25, 13, 2, 0},   // 0 armed forces
    {0, 1, 2, 10, 7, 15, 35, 27, 3},   // 1 managers
    {0, 0, 0, 2, 3, 10, 40, 38, 7},    // 2 professionals
    {0, 1, 3, 15, 20, 35, 22, 4, 0},   // 3 technicians
    {0, 2, 10, 35, 18, 20, 14, 1, 0},  // 4 clerks
    {12, 25, 30, 20, 6, 5, 2, 0, 0},   // 5 service and sales
    {40, 30, 20, 7, 2, 1, 0, 0, 0},    // 6 agriculture
    {15, 30, 33, 15, 5, 2, 0, 0, 0},   // 7 crafts
    {12, 28, 35, 18, 5, 2, 0, 0, 0},   // 8 operators
    {35, 32, 22, 9, 2, 0, 0, 0, 0},    // 9 elementary
}};

// Minimum education an offer states: {lowest, highest, share stating one}.
struct EducationRequirement {
  int low;
  int high;
  double stated;
};
constexpr std::array<EducationRequirement, 10> kOfferEducation = {{
    {3, 4, 0.80},  // 0
    {5, 7, 0.90},  // 1
    {6, 7, 0.95},  // 2
    {4, 5, 0.90},  // 3
    {3, 4, 0.85},  // 4
    {0, 2, 0.50},  // 5
    {0, 1, 0.25},  // 6
    {1, 2, 0.50},  // 7
    {1, 3, 0.55},  // 8
    {0, 1, 0.25},  // 9
}};

// Monthly salary ranges in XOF/XAF (at parity, both 655.957 per euro) for a
// country with salary_factor 1, and in EUR for France. The low ends sit near
// the minimum wages (SMIG 40,000 to 75,000; SMIC about 1,800 gross).
struct SalaryRange {
  double low;
  double high;
};
constexpr std::array<SalaryRange, 10> kSalaryCfa = {{
    {150000, 350000},   // 0
    {400000, 1500000},  // 1
    {300000, 900000},   // 2
    {150000, 400000},   // 3
    {100000, 250000},   // 4
    {50000, 150000},    // 5
    {40000, 100000},    // 6
    {60000, 200000},    // 7
    {75000, 250000},    // 8
    {40000, 90000},     // 9
}};
constexpr std::array<SalaryRange, 10> kSalaryEur = {{
    {2000, 2800},  // 0
    {3500, 6000},  // 1
    {3000, 5000},  // 2
    {2200, 3200},  // 3
    {1800, 2400},  // 4
    {1800, 2100},  // 5
    {1800, 1950},  // 6
    {1850, 2500},  // 7
    {1850, 2400},  // 8
    {1800, 1900},  // 9
}};

// Contract weights in ContractType order: permanent, fixed term, temporary,
// seasonal, apprenticeship, internship, freelance, daily.
constexpr std::array<ContractType, 8> kContracts = {
    ContractType::kPermanent,      ContractType::kFixedTerm,
    ContractType::kTemporary,      ContractType::kSeasonal,
    ContractType::kApprenticeship, ContractType::kInternship,
    ContractType::kFreelance,      ContractType::kDaily};
constexpr std::array<double, 8> kContractsSkilled = {50, 30, 5, 1, 2, 8, 4, 0};
constexpr std::array<double, 8> kContractsTrades = {35, 25, 10, 3, 6, 3, 8, 10};
constexpr std::array<double, 8> kContractsFarm = {10, 15, 10, 30, 5, 2, 8, 20};
constexpr std::array<double, 8> kContractsElementary = {20, 20, 15, 10,
                                                        3,  1,  3,  28};

const std::array<double, 8>& ContractWeights(int major) {
  if (major >= 0 && major <= 4) return kContractsSkilled;
  if (major == 6) return kContractsFarm;
  if (major == 9) return kContractsElementary;
  return kContractsTrades;
}

// Profile experience in years: {weight, lowest, highest}.
struct ExperienceBucket {
  double weight;
  double low;
  double high;
};
constexpr std::array<ExperienceBucket, 6> kExperience = {{{15, 0, 0},
                                                          {25, 0.5, 2},
                                                          {25, 2, 5},
                                                          {20, 5, 10},
                                                          {12, 10, 20},
                                                          {3, 20, 35}}};

constexpr std::array<double, 6> kOfferExperienceYears = {0, 1, 2, 3, 5, 10};
constexpr std::array<double, 6> kOfferExperienceWeights = {30, 25, 20,
                                                           12, 10, 3};

constexpr std::array<double, 5> kRadiusKm = {5, 10, 20, 50, 100};
constexpr std::array<double, 6> kRadiusWeights = {15, 25, 25, 20, 10, 5};

constexpr std::array<const char*, 5> kAgeBands = {"15-24", "25-34", "35-44",
                                                  "45-54", "55+"};
constexpr std::array<double, 5> kAgeBandTop = {24, 34, 44, 54, 1000};

template <size_t N>
Picker MakePicker(const std::array<double, N>& weights) {
  return Picker(std::vector<double>(weights.begin(), weights.end()));
}

// ---------------------------------------------------------------------------
// Text helpers.

std::string IdOf(char prefix, uint64_t index) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%c%08" PRIu64, prefix, index + 1);
  return buffer;
}

// Day 0..364 of kDataYear (not a leap year) as YYYY-MM-DD.
std::string DateOf(int day) {
  static_assert(kDataYear % 4 != 0, "DateOf assumes a common year");
  constexpr std::array<int, 12> kMonthDays = {31, 28, 31, 30, 31, 30,
                                              31, 31, 30, 31, 30, 31};
  int month = 0;
  while (month < 11 && day >= kMonthDays[month]) day -= kMonthDays[month++];
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", kDataYear, month + 1,
                day + 1);
  return buffer;
}

// Upper case for ASCII and the Latin-1 letters French uses, plus œ: enough
// for job titles, with no locale and no table.
std::string UpperFrench(std::string_view text) {
  std::string out(text);
  for (size_t byte_idx = 0; byte_idx < out.size(); ++byte_idx) {
    auto byte = static_cast<unsigned char>(out[byte_idx]);
    if (byte >= 'a' && byte <= 'z') {
      out[byte_idx] = static_cast<char>(byte - 0x20);
    } else if (byte_idx + 1 < out.size()) {
      auto next = static_cast<unsigned char>(out[byte_idx + 1]);
      // U+00E0..U+00FE except U+00F7 (division sign): minus 0x20.
      if (byte == 0xC3 && next >= 0xA0 && next <= 0xBE && next != 0xB7) {
        out[++byte_idx] = static_cast<char>(next - 0x20);
      } else if (byte == 0xC5 && next == 0x93) {  // œ -> Œ
        out[++byte_idx] = static_cast<char>(0x92);
      }
    }
  }
  return out;
}

// "Soudure à l'arc" -> "soudure à l'arc" for use inside a sentence; names
// that start with an acronym ("HACCP", "BTP") keep their case.
std::string InSentence(const std::string& name) {
  if (name.size() >= 2 && name[0] >= 'A' && name[0] <= 'Z' &&
      !(name[1] >= 'A' && name[1] <= 'Z')) {
    std::string out = name;
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
  }
  return name;
}

// "a", "a et b", "a, b et c".
std::string FrenchList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
    if (item_idx > 0) out += item_idx + 1 == items.size() ? " et " : ", ";
    out += items[item_idx];
  }
  return out;
}

double RoundTo(double value, double step) {
  return std::round(value / step) * step;
}

double RoundCoordinate(double degrees) {
  return std::round(degrees * 100) / 100;
}

// Longest prefix of `code` in `values`; `fallback` when none matches.
double PrefixLookup(const std::vector<PrefixValue>& values,
                    const std::string& code, double fallback) {
  double found = fallback;
  size_t best = 0;
  bool any = false;
  for (const PrefixValue& entry : values) {
    if (code.compare(0, entry.prefix.size(), entry.prefix) != 0) continue;
    if (!any || entry.prefix.size() > best) {
      found = entry.value;
      best = entry.prefix.size();
      any = true;
    }
  }
  return found;
}

bool Contains(const std::vector<SkillIndex>& skills, SkillIndex skill) {
  return std::find(skills.begin(), skills.end(), skill) != skills.end();
}

std::string FormatNumber(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// ---------------------------------------------------------------------------
// Per-occupation tables, computed once in Create.

struct OccupationTable {
  NodeIndex node = classification::kNoNode;
  std::string code;
  std::string area_label;  // parent's label, used as a training field
  std::string isco08;
  int major = kUnknownMajor;
  double weight = 0;
  double female_share = 0;
  double rural_share = 0;
  std::vector<SkillIndex> essentials;  // technical and knowledge
  std::vector<SkillIndex> optionals;
  std::vector<SkillIndex> soft_essentials;
  std::vector<SkillIndex> soft_optionals;
  std::vector<int32_t> close;       // occupation table indexes
  std::vector<int32_t> neighbours;  // close, then evolution
  Picker neighbour_picker;          // close weigh twice as much
  std::vector<std::string> titles;  // French job titles
  const char* sector = "Services";  // for employer names
};

}  // namespace

struct Generator::Tables {
  const Taxonomy* taxonomy = nullptr;
  GeneratorOptions options;
  std::vector<OccupationTable> occupations;
  Picker occupation_picker;
  Picker abroad_occupation_picker;  // for international offers
  std::vector<CountryTable> home;
  Picker home_picker;
  std::vector<CountryTable> abroad;
  Picker abroad_picker;
  std::vector<std::string> licence_of_skill;  // by skill index; "" = none
  std::vector<SkillIndex> noise_pool;         // technical and knowledge
  std::vector<std::string> skill_phrase;      // French, in-sentence form
  std::array<Picker, 10> education_pickers;
  std::array<Picker, 10> contract_pickers;
  Picker experience_picker;
  Picker offer_experience_picker;
  Picker radius_picker;

  const std::string& SkillId(SkillIndex skill) const {
    return taxonomy->skill(skill).id;
  }
  Location DrawLocation(Rng& rng, const CountryTable& country,
                        const City** city_out) const;
  std::vector<ContractType> DrawContracts(Rng& rng, int major, int count,
                                          bool junior) const;
  Profile Content(uint64_t index, ProfileTruth* truth,
                  const OccupationTable** occupation) const;
  ProtectedAttributes Protected(uint64_t index,
                                const OccupationTable& occupation,
                                double experience) const;
  Offer MakeOffer(uint64_t index, OfferTruth* truth) const;
  std::string Employer(Rng& rng, const OccupationTable& occupation,
                       const Country& country) const;
};

Location Generator::Tables::DrawLocation(Rng& rng, const CountryTable& country,
                                         const City** city_out) const {
  const City& city = country.info->cities[country.cities.Pick(rng)];
  *city_out = &city;
  Location location;
  location.country = country.info->code;
  location.region = city.region;
  location.city = city.city;
  // A neighbourhood-scale spread (sigma 0.02 degree, about 2 km) so that
  // distances within a city are not all zero.
  location.lat = RoundCoordinate(city.lat + 0.02 * rng.Normal());
  location.lon = RoundCoordinate(city.lon + 0.02 * rng.Normal());
  return location;
}

std::vector<ContractType> Generator::Tables::DrawContracts(Rng& rng, int major,
                                                           int count,
                                                           bool junior) const {
  std::vector<ContractType> contracts;
  for (int draw_idx = 0; draw_idx < count; ++draw_idx) {
    ContractType type = kContracts[contract_pickers[major].Pick(rng)];
    // Internships and apprenticeships are for beginners.
    const bool training = type == ContractType::kInternship ||
                          type == ContractType::kApprenticeship;
    if (training && !junior) continue;
    if (std::find(contracts.begin(), contracts.end(), type) ==
        contracts.end()) {
      contracts.push_back(type);
    }
  }
  return contracts;
}

Profile Generator::Tables::Content(
    uint64_t index, ProfileTruth* truth,
    const OccupationTable** occupation_out) const {
  Rng rng(options.seed, kProfileStream, index);
  const OccupationTable& occupation = occupations[occupation_picker.Pick(rng)];
  *occupation_out = &occupation;
  Profile profile;
  profile.id = IdOf('P', index);

  // Where.
  const CountryTable& country = home[home_picker.Pick(rng)];
  const City* city = nullptr;
  profile.location = DrawLocation(rng, country, &city);

  // Experience and education.
  const ExperienceBucket& bucket = kExperience[experience_picker.Pick(rng)];
  const double experience = RoundTo(rng.Uniform(bucket.low, bucket.high), 0.5);
  profile.experience_years = experience;
  const int education =
      static_cast<int>(education_pickers[occupation.major].Pick(rng));
  profile.education_level = education;

  // Targets: the true occupation, sometimes miscoded as a close neighbour,
  // sometimes with a second target among its mobility links.
  const OccupationTable* declared = &occupation;
  bool miscoded = false;
  if (rng.Chance(options.miscoded_target_rate) && !occupation.close.empty()) {
    declared =
        &occupations[occupation.close[rng.Below(occupation.close.size())]];
    miscoded = true;
  }
  profile.target_occupations.push_back(declared->code);
  std::string second_target;
  if (rng.Chance(options.second_target_rate) &&
      !occupation.neighbour_picker.empty()) {
    const OccupationTable& second =
        occupations[occupation
                        .neighbours[occupation.neighbour_picker.Pick(rng)]];
    if (second.code != declared->code) {
      second_target = second.code;
      profile.target_occupations.push_back(second_target);
    }
  }

  // Past occupations: the true one, and sometimes an earlier one (a close
  // neighbour, or any occupation for a change of career).
  const OccupationTable* past = nullptr;
  if (experience >= 1) {
    if (rng.Chance(0.35) && !occupation.close.empty()) {
      past = &occupations[occupation.close[rng.Below(occupation.close.size())]];
    } else if (rng.Chance(0.10)) {
      past = &occupations[occupation_picker.Pick(rng)];
    }
    if (past == &occupation) past = nullptr;
  }
  if (experience > 0) {
    double past_years = 0;
    if (past != nullptr) {
      past_years =
          std::max(0.5, RoundTo(experience * rng.Uniform(0.2, 0.6), 0.5));
    }
    profile.past_occupations.push_back(
        {occupation.code, experience - past_years});
    if (past_years > 0) {
      profile.past_occupations.push_back({past->code, past_years});
    }
  }

  // Skills held: most essentials (gaps aside), some optionals, a few from
  // the earlier occupation.
  std::vector<SkillIndex> held;
  std::vector<SkillIndex> missing;
  for (SkillIndex skill : occupation.essentials) {
    (rng.Chance(options.essential_gap_rate) ? missing : held).push_back(skill);
  }
  const size_t min_essentials =
      std::min<size_t>(2, occupation.essentials.size());
  while (held.size() < min_essentials) {
    held.push_back(missing.front());
    missing.erase(missing.begin());
  }
  for (SkillIndex skill : occupation.optionals) {
    if (rng.Chance(options.optional_skill_rate)) held.push_back(skill);
  }
  if (past != nullptr) {
    for (SkillIndex skill : past->essentials) {
      if (rng.Chance(options.past_skill_rate) && !Contains(held, skill)) {
        held.push_back(skill);
      }
    }
  }
  // Declared: held minus the undeclared, plus noise.
  std::vector<SkillIndex> declared_skills;
  std::vector<SkillIndex> undeclared;
  for (SkillIndex skill : held) {
    (rng.Chance(options.undeclared_skill_rate) ? undeclared : declared_skills)
        .push_back(skill);
  }
  if (declared_skills.empty() && !undeclared.empty()) {
    declared_skills.push_back(undeclared.front());
    undeclared.erase(undeclared.begin());
  }
  std::vector<SkillIndex> noise;
  for (int noise_idx = 0; noise_idx < 3; ++noise_idx) {
    if (noise_pool.empty() || !rng.Chance(options.noise_skill_rate)) break;
    const SkillIndex skill = noise_pool[rng.Below(noise_pool.size())];
    // A skill of the true occupation would not be noise; skip the draw
    // rather than redraw so the number of draws stays bounded.
    if (Contains(occupation.essentials, skill) ||
        Contains(occupation.optionals, skill) || Contains(held, skill) ||
        Contains(noise, skill)) {
      continue;
    }
    noise.push_back(skill);
  }

  auto base_level = [experience] {
    if (experience < 1) return 1;
    if (experience < 3) return 2;
    if (experience < 8) return 3;
    return 4;
  }();
  const double validated_rate =
      options.validated_rate + (education >= 3 ? 0.15 : 0.0);
  for (SkillIndex skill : declared_skills) {
    const double shift = rng.Uniform();
    int level = base_level + (shift < 0.2 ? -1 : shift >= 0.85 ? 1 : 0);
    level = std::clamp(level, kMinSkillLevel, kMaxSkillLevel);
    profile.skills.push_back(
        {SkillId(skill), level, rng.Chance(validated_rate)});
  }
  for (SkillIndex skill : noise) {
    profile.skills.push_back({SkillId(skill), rng.Between(1, 2), false});
  }
  // Sorted by id: draw order would tell noise from real skills.
  std::sort(profile.skills.begin(), profile.skills.end(),
            [](const SkillClaim& a, const SkillClaim& b) {
              return a.skill_id < b.skill_id;
            });

  // Soft skills from the occupation's soft links.
  auto add_soft = [&](SkillIndex skill) {
    // One draw per statement: the order in which the operands of + are
    // evaluated is unspecified, and the bytes must not depend on it.
    int level = rng.Between(2, 3);
    if (experience >= 5 && rng.Chance(0.5)) ++level;
    profile.soft_skills.push_back({SkillId(skill), level, rng.Chance(0.05)});
  };
  for (SkillIndex skill : occupation.soft_essentials) {
    if (rng.Chance(0.8)) add_soft(skill);
  }
  for (SkillIndex skill : occupation.soft_optionals) {
    if (rng.Chance(0.5)) add_soft(skill);
  }

  // Languages: the official one (French, or English in Cameroon's
  // anglophone regions) at a level that follows schooling, local languages
  // spoken fluently, sometimes English.
  auto official_level = [&] {
    if (education == 0) return rng.Between(1, 3);
    if (education <= 2) return rng.Between(2, 4);
    if (education <= 4) return rng.Between(3, 5);
    return rng.Between(4, 6);
  };
  if (city->anglophone) {
    profile.languages.push_back({"en", official_level()});
    if (rng.Chance(0.5)) profile.languages.push_back({"fr", rng.Between(2, 4)});
  } else {
    profile.languages.push_back({"fr", official_level()});
  }
  const auto& local = country.info->languages;
  std::string first_local;
  if (city->language != nullptr && rng.Chance(0.8)) {
    first_local = city->language;
  } else {
    first_local = local[country.languages.Pick(rng)];
  }
  profile.languages.push_back({first_local, rng.Between(5, 6)});
  if (local.size() > 1 && rng.Chance(0.25)) {
    const std::string second_local = local[country.languages.Pick(rng)];
    if (second_local != first_local) {
      profile.languages.push_back({second_local, rng.Between(3, 6)});
    }
  }
  if (!city->anglophone &&
      rng.Chance(options.english_rate + (education >= 5 ? 0.15 : 0.0))) {
    profile.languages.push_back({"en", rng.Between(2, education >= 5 ? 5 : 3)});
  }

  if (education >= 3 && rng.Chance(0.7)) {
    profile.education_field = occupation.area_label;
  }

  // Mobility.
  const size_t radius = radius_picker.Pick(rng);
  if (radius < kRadiusKm.size()) profile.mobility.radius_km = kRadiusKm[radius];
  profile.mobility.national = rng.Chance(0.25);
  if (rng.Chance(0.12)) {
    for (const std::string& community : country.info->communities) {
      profile.mobility.communities.push_back(community);
    }
  }
  if (rng.Chance(0.06)) {
    profile.mobility.international = true;
    if (rng.Chance(0.5)) {
      const int wanted = rng.Between(1, 2);
      for (int country_idx = 0; country_idx < wanted; ++country_idx) {
        std::string code = abroad[abroad_picker.Pick(rng)].info->code;
        auto& countries = profile.mobility.countries;
        if (std::find(countries.begin(), countries.end(), code) ==
            countries.end()) {
          countries.push_back(std::move(code));
        }
      }
    }
  }

  // Driving licences: those the occupation's licence skills imply, plus
  // the common motorbike and car licences.
  std::vector<std::string> licences;
  for (SkillIndex skill : held) {
    if (!licence_of_skill[skill].empty()) {
      licences.push_back(licence_of_skill[skill]);
    }
  }
  if (rng.Chance(0.12)) licences.push_back("A");
  if (rng.Chance(0.05 + (education >= 5 ? 0.10 : 0.0))) licences.push_back("B");
  // Categories C, D and E are only issued to holders of B.
  for (const std::string& licence : licences) {
    if (licence == "C" || licence == "D" || licence == "E") {
      licences.push_back("B");
      break;
    }
  }
  std::sort(licences.begin(), licences.end());
  licences.erase(std::unique(licences.begin(), licences.end()), licences.end());
  profile.driving_licences = std::move(licences);

  if (rng.Chance(0.85)) profile.available_from = DateOf(rng.Between(0, 364));
  const double wanted_draw = rng.Uniform();
  const int wanted_contracts = wanted_draw < 0.30   ? 0
                               : wanted_draw < 0.75 ? 1
                                                    : 2;
  profile.wanted_contracts =
      DrawContracts(rng, occupation.major, wanted_contracts, experience < 3);

  if (truth != nullptr) {
    auto ids = [this](const std::vector<SkillIndex>& skills) {
      std::vector<std::string> out;
      out.reserve(skills.size());
      for (SkillIndex skill : skills) out.push_back(SkillId(skill));
      std::sort(out.begin(), out.end());
      return out;
    };
    truth->id = profile.id;
    truth->occupation = occupation.code;
    truth->second_target = second_target;
    truth->miscoded_target = miscoded;
    truth->past_occupation = past != nullptr ? past->code : std::string();
    truth->skills = ids(held);
    truth->undeclared_skills = ids(undeclared);
    truth->missing_essentials = ids(missing);
    truth->noise_skills = ids(noise);
  }
  return profile;
}

ProtectedAttributes Generator::Tables::Protected(
    uint64_t index, const OccupationTable& occupation,
    double experience) const {
  // The protected stream may read the content (gender shares depend on the
  // occupation, the age band on experience) but the content never reads it:
  // that is what makes twins possible.
  Rng rng(options.seed, kProtectedStream, index);
  ProtectedAttributes attributes;
  if (rng.Chance(options.other_gender_share)) {
    attributes.gender = "x";
  } else {
    attributes.gender = rng.Chance(occupation.female_share) ? "f" : "m";
  }
  std::vector<double> band_weights(kAgeBands.size(), 0.0);
  for (size_t band_idx = 0; band_idx < kAgeBands.size(); ++band_idx) {
    // Work starts at about 16: ten years of experience means 26 or more.
    if (kAgeBandTop[band_idx] >= 16 + experience) {
      band_weights[band_idx] = options.age_band_weights[band_idx];
    }
  }
  Picker bands(band_weights);
  attributes.age_band =
      bands.empty() ? kAgeBands.back() : kAgeBands[bands.Pick(rng)];
  attributes.disability = rng.Chance(options.disability_rate);
  attributes.rural = rng.Chance(occupation.rural_share);
  return attributes;
}

std::string Generator::Tables::Employer(Rng& rng,
                                        const OccupationTable& occupation,
                                        const Country& country) const {
  const auto family = [&] {
    return std::string(country.families[rng.Below(country.families.size())]);
  };
  // Domestic workers are hired by households.
  if (occupation.code.rfind("K11", 0) == 0) {
    if (country.abroad) return "Particulier employeur";
    return rng.Chance(0.5) ? "Particulier" : "Famille " + family();
  }
  const std::string sector = occupation.sector;
  if (country.abroad) {
    return family() + " " + sector + " " + country.legal_suffix;
  }
  static constexpr std::array<const char*, 5> kLegalForms = {
      "SARL", "SA", "SUARL", "GIE", "Ets"};
  switch (rng.Below(4)) {
    case 0: {
      const std::string legal = kLegalForms[rng.Below(kLegalForms.size())];
      return legal + " " + family() + " " + sector;
    }
    case 1:
      return "Ets " + family() + " et Frères";
    case 2:
      return sector + " " + country.places[rng.Below(country.places.size())] +
             " SARL";
    default: {
      std::string first = family();
      return first + " & " + family() + " " + sector;
    }
  }
}

Offer Generator::Tables::MakeOffer(uint64_t index, OfferTruth* truth) const {
  Rng rng(options.seed, kOfferStream, index);
  Offer offer;
  offer.id = IdOf('O', index);
  offer.international =
      !abroad.empty() && rng.Chance(options.international_share);
  const Picker& picker =
      offer.international ? abroad_occupation_picker : occupation_picker;
  const OccupationTable& occupation = occupations[picker.Pick(rng)];
  offer.occupation = occupation.code;
  const CountryTable& country = offer.international
                                    ? abroad[abroad_picker.Pick(rng)]
                                    : home[home_picker.Pick(rng)];
  const City* city = nullptr;
  offer.location = DrawLocation(rng, country, &city);

  const double positions_draw = rng.Uniform();
  offer.positions = positions_draw < 0.75   ? 1
                    : positions_draw < 0.95 ? rng.Between(2, 5)
                                            : rng.Between(6, 20);

  // Title, decorated as PES offers are typed.
  const std::string& base_title =
      occupation.titles[rng.Below(occupation.titles.size())];
  std::string title = base_title;
  const bool decorated = rng.Chance(options.title_decoration_rate);
  if (decorated) {
    const bool upper = rng.Chance(0.5);
    bool gender_mark = rng.Chance(0.5);
    const bool urgent = rng.Chance(0.25);
    const bool count = offer.positions > 1 && rng.Chance(0.6);
    if (!upper && !gender_mark && !urgent && !count) gender_mark = true;
    if (count) {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "%02d ", offer.positions);
      title = buffer + title;
    }
    if (upper) title = UpperFrench(title);
    if (gender_mark) title += " (H/F)";
    if (urgent) title = "URGENT - " + title;
  }
  offer.title = std::move(title);
  offer.employer = Employer(rng, occupation, *country.info);

  // Required skills: most essentials (always an essential licence), some
  // optionals as a plus.
  std::vector<bool> taken(occupation.essentials.size(), false);
  size_t taken_count = 0;
  for (size_t skill_idx = 0; skill_idx < occupation.essentials.size();
       ++skill_idx) {
    const SkillIndex skill = occupation.essentials[skill_idx];
    if (!licence_of_skill[skill].empty() ||
        rng.Chance(options.offer_essential_rate)) {
      taken[skill_idx] = true;
      ++taken_count;
    }
  }
  for (size_t skill_idx = 0; skill_idx < taken.size() && taken_count < 2;
       ++skill_idx) {
    if (!taken[skill_idx]) {
      taken[skill_idx] = true;
      ++taken_count;
    }
  }
  std::vector<std::string> named;  // for the description
  for (size_t skill_idx = 0; skill_idx < taken.size(); ++skill_idx) {
    if (!taken[skill_idx]) continue;
    const SkillIndex skill = occupation.essentials[skill_idx];
    const int min_level = rng.Chance(0.3) ? rng.Between(2, 3) : 0;
    offer.skills.push_back({SkillId(skill), true, min_level});
    if (!licence_of_skill[skill].empty()) {
      offer.licences_required.push_back(licence_of_skill[skill]);
    } else if (named.size() < 3) {
      named.push_back(skill_phrase[skill]);
    }
  }
  for (SkillIndex skill : occupation.optionals) {
    if (rng.Chance(options.offer_optional_rate)) {
      offer.skills.push_back({SkillId(skill), false, 0});
    }
  }
  std::sort(offer.licences_required.begin(), offer.licences_required.end());
  for (SkillIndex skill : occupation.soft_essentials) {
    if (rng.Chance(0.7)) offer.soft_skills.push_back({SkillId(skill), true, 0});
  }
  for (SkillIndex skill : occupation.soft_optionals) {
    if (rng.Chance(0.3)) {
      offer.soft_skills.push_back({SkillId(skill), false, 0});
    }
  }

  // Languages.
  const int major = occupation.major;
  const bool skilled = major >= 1 && major <= 4;
  if (country.info->abroad) {
    const std::string language = city->language;
    if (language == "fr" || rng.Chance(0.6)) {
      offer.languages.push_back({language, rng.Between(2, 4)});
    }
    if (rng.Chance(0.3)) offer.languages.push_back({"en", rng.Between(2, 4)});
  } else {
    offer.languages.push_back(
        {city->anglophone ? "en" : "fr",
         skilled ? rng.Between(3, 5) : rng.Between(1, 3)});
    if (rng.Chance(0.2)) {
      const char* local =
          city->language != nullptr
              ? city->language
              : country.info->languages[country.languages.Pick(rng)];
      offer.languages.push_back({local, 3});
    }
    if (!city->anglophone &&
        rng.Chance(major >= 1 && major <= 3 ? 0.3 : 0.05)) {
      offer.languages.push_back({"en", rng.Between(2, 4)});
    }
  }

  const EducationRequirement& education = kOfferEducation[major];
  if (rng.Chance(education.stated)) {
    offer.min_education = rng.Between(education.low, education.high);
  }
  if (rng.Chance(0.75)) {
    offer.min_experience_years =
        kOfferExperienceYears[offer_experience_picker.Pick(rng)];
  }
  if (rng.Chance(0.9)) {
    ContractType contract = kContracts[contract_pickers[major].Pick(rng)];
    // EURES offers are employment contracts, not day labour or services.
    if (country.info->abroad && contract == ContractType::kDaily) {
      contract = ContractType::kTemporary;
    } else if (country.info->abroad && contract == ContractType::kFreelance) {
      contract = ContractType::kFixedTerm;
    }
    offer.contract = contract;
  }

  offer.salary_currency = country.info->currency;
  if (rng.Chance(options.salary_rate)) {
    const bool euro = country.info->abroad;
    const SalaryRange& range = euro ? kSalaryEur[major] : kSalaryCfa[major];
    const double step = euro ? 50 : 5000;
    const double factor = country.info->salary_factor;
    const double low = std::max(
        step, RoundTo(rng.Uniform(range.low, range.high) * factor, step));
    offer.salary_min = low;
    if (rng.Chance(0.7)) {
      offer.salary_max =
          std::max(low, RoundTo(low * rng.Uniform(1.1, 1.5), step));
    }
  }

  // Published and expiring within kDataYear.
  const int open_days = rng.Between(14, 90);
  const int published = rng.Between(0, 364 - open_days);
  offer.published = DateOf(published);
  offer.expires = DateOf(published + open_days);

  // Description: a French sentence naming some required skills.
  const std::string skills_text =
      named.empty() ? InSentence(occupation.area_label) : FrenchList(named);
  const std::string where = offer.location.city;
  std::string description;
  switch (rng.Below(4)) {
    case 0:
      description = offer.employer + " recrute à " + where +
                    " - poste : " + base_title +
                    ". Compétences demandées : " + skills_text + ".";
      break;
    case 1:
      description = "Poste de " + base_title + " à pourvoir à " + where +
                    ". Vous maîtrisez : " + skills_text + ".";
      break;
    case 2:
      description = "Nous recherchons pour " + where + " : " + base_title +
                    ". Savoir-faire attendus : " + skills_text + ".";
      break;
    default:
      description = "Offre d'emploi - " + base_title + " (" + where +
                    "). Le poste demande : " + skills_text + ".";
      break;
  }
  if (offer.min_experience_years) {
    const auto years = static_cast<int>(*offer.min_experience_years);
    if (years == 0) {
      description += " Débutants acceptés.";
    } else {
      description += " Expérience exigée : " + std::to_string(years) +
                     (years == 1 ? " an minimum." : " ans minimum.");
    }
  }
  if (country.info->abroad) {
    description += " Poste basé en " + std::string(country.info->name_fr) + ".";
  }
  offer.description = std::move(description);

  char reference[64];
  if (offer.international) {
    offer.source = "eures";
    // An ESCO URI for the crosswalked ISCO group; the fragment makes it
    // unique per offer.
    const std::string isco =
        occupation.isco08.empty() ? "" : "isco/C" + occupation.isco08;
    std::snprintf(reference, sizeof reference, "#eures-s%" PRIu64 "-%08" PRIu64,
                  options.seed, index + 1);
    offer.source_ref = "http://data.europa.eu/esco/" +
                       (isco.empty() ? std::string("occupation") : isco) +
                       reference;
  } else {
    offer.source = "generator";
    std::snprintf(reference, sizeof reference, "GEN-S%" PRIu64 "-%08" PRIu64,
                  options.seed, index + 1);
    offer.source_ref = reference;
  }

  if (truth != nullptr) {
    truth->id = offer.id;
    truth->occupation = occupation.code;
    truth->isco08 = occupation.isco08;
    truth->international = offer.international;
    truth->decorated_title = decorated;
  }
  return offer;
}

// ---------------------------------------------------------------------------
// Generator.

namespace {

Status CheckShare(const char* name, double value) {
  if (!(value >= 0 && value <= 1)) {  // also rejects NaN
    return Status::InvalidArgument(std::string(name) +
                                   ": expected a share from 0 to 1, got " +
                                   FormatNumber(value));
  }
  return Status::Ok();
}

Status CheckWeight(const std::string& name, double value) {
  if (!(value >= 0 && std::isfinite(value))) {
    return Status::InvalidArgument(name + ": expected a weight >= 0, got " +
                                   FormatNumber(value));
  }
  return Status::Ok();
}

Status CheckOptions(const GeneratorOptions& options) {
  const std::pair<const char*, double> shares[] = {
      {"second_target_rate", options.second_target_rate},
      {"miscoded_target_rate", options.miscoded_target_rate},
      {"essential_gap_rate", options.essential_gap_rate},
      {"optional_skill_rate", options.optional_skill_rate},
      {"past_skill_rate", options.past_skill_rate},
      {"noise_skill_rate", options.noise_skill_rate},
      {"undeclared_skill_rate", options.undeclared_skill_rate},
      {"validated_rate", options.validated_rate},
      {"english_rate", options.english_rate},
      {"other_gender_share", options.other_gender_share},
      {"disability_rate", options.disability_rate},
      {"international_share", options.international_share},
      {"offer_essential_rate", options.offer_essential_rate},
      {"offer_optional_rate", options.offer_optional_rate},
      {"title_decoration_rate", options.title_decoration_rate},
      {"salary_rate", options.salary_rate},
  };
  for (const auto& [name, value] : shares) {
    SKILLMATCH_RETURN_IF_ERROR(CheckShare(name, value));
  }
  for (const PrefixValue& entry : options.female_shares) {
    SKILLMATCH_RETURN_IF_ERROR(CheckShare("female_shares", entry.value));
  }
  for (const PrefixValue& entry : options.rural_shares) {
    SKILLMATCH_RETURN_IF_ERROR(CheckShare("rural_shares", entry.value));
  }
  for (const PrefixValue& entry : options.abroad_occupation_factors) {
    SKILLMATCH_RETURN_IF_ERROR(CheckWeight(
        "abroad_occupation_factors[" + entry.prefix + "]", entry.value));
  }
  for (const PrefixValue& entry : options.occupation_weights) {
    SKILLMATCH_RETURN_IF_ERROR(
        CheckWeight("occupation_weights[" + entry.prefix + "]", entry.value));
  }
  for (size_t major = 0; major < options.isco_major_factors.size(); ++major) {
    SKILLMATCH_RETURN_IF_ERROR(
        CheckWeight("isco_major_factors[" + std::to_string(major) + "]",
                    options.isco_major_factors[major]));
  }
  double band_total = 0;
  for (double weight : options.age_band_weights) {
    SKILLMATCH_RETURN_IF_ERROR(CheckWeight("age_band_weights", weight));
    band_total += weight;
  }
  if (band_total <= 0) {
    return Status::InvalidArgument("age_band_weights: all weights are zero");
  }
  const FlowOptions& flows = options.flows;
  if (flows.enabled) {
    if (flows.months < 1 || flows.months > 120) {
      return Status::InvalidArgument(
          "flows.months: expected 1 to 120, got " +
          std::to_string(flows.months));
    }
    if (!Date::FromCivil(flows.first_year, flows.first_month, 1) ||
        !Date::FromCivil(flows.first_year + 11, 1, 1)) {
      return Status::InvalidArgument(
          "flows.first_year, first_month: expected a month of years 1 to "
          "9988, got " + std::to_string(flows.first_year) + "-" +
          std::to_string(flows.first_month));
    }
    const std::pair<const char*, double> flow_shares[] = {
        {"flows.filled_share", flows.filled_share},
        {"flows.withdrawn_share", flows.withdrawn_share},
        {"flows.cancelled_share", flows.cancelled_share},
        {"flows.hard_to_fill_share", flows.hard_to_fill_share},
        {"flows.prior_share", flows.prior_share},
        {"flows.offers_elsewhere_in_window", flows.offers_elsewhere_in_window},
        {"flows.jobseekers_main_in_window", flows.jobseekers_main_in_window},
    };
    for (const auto& [name, value] : flow_shares) {
      SKILLMATCH_RETURN_IF_ERROR(CheckShare(name, value));
    }
    if (flows.filled_share + flows.withdrawn_share + flows.cancelled_share >
        1) {
      return Status::InvalidArgument(
          "flows: filled_share + withdrawn_share + cancelled_share above 1");
    }
    double exit_total = 0;
    for (double weight : flows.exit_weights) {
      SKILLMATCH_RETURN_IF_ERROR(CheckWeight("flows.exit_weights", weight));
      exit_total += weight;
    }
    if (exit_total <= 0) {
      return Status::InvalidArgument("flows.exit_weights: all weights are zero");
    }
    for (const auto* days : {&flows.vacancy_days, &flows.registration_days}) {
      for (const PrefixValue& entry : *days) {
        if (!(entry.value >= 1 && entry.value <= 3650)) {
          return Status::InvalidArgument(
              std::string(days == &flows.vacancy_days
                              ? "flows.vacancy_days["
                              : "flows.registration_days[") +
              entry.prefix + "]: expected days from 1 to 3650");
        }
      }
    }
    for (const auto* seasons :
         {&flows.offer_seasons, &flows.registration_seasons}) {
      for (const SeasonalPattern& pattern : *seasons) {
        for (double factor : pattern.factors) {
          SKILLMATCH_RETURN_IF_ERROR(
              CheckWeight("flows seasons[" + pattern.prefix + "]", factor));
        }
      }
    }
    for (const auto* shares :
         {&flows.offer_window_shares, &flows.jobseeker_window_shares}) {
      for (const PrefixValue& entry : *shares) {
        SKILLMATCH_RETURN_IF_ERROR(
            CheckShare("flows window shares", entry.value));
      }
    }
    for (const PrefixValue& entry : flows.self_employment_factors) {
      SKILLMATCH_RETURN_IF_ERROR(CheckWeight(
          "flows.self_employment_factors[" + entry.prefix + "]", entry.value));
    }
    for (double speed : {flows.main_region_speed, flows.other_region_speed}) {
      if (!(speed > 0 && speed <= 10)) {
        return Status::InvalidArgument(
            "flows: region speeds expected above 0 and at most 10");
      }
    }
  }
  return Status::Ok();
}

// Country tables for `weights`, checking each code against the countries
// known at home (abroad = false) or abroad.
Status MakeCountries(const std::vector<CountryWeight>& weights, bool abroad,
                     const char* name, std::vector<CountryTable>* tables,
                     Picker* picker) {
  std::vector<double> picker_weights;
  double total = 0;
  for (const CountryWeight& entry : weights) {
    SKILLMATCH_RETURN_IF_ERROR(CheckWeight(
        std::string(name) + "[" + entry.country + "]", entry.weight));
    const Country* found = nullptr;
    for (const Country& country : Countries()) {
      if (country.abroad == abroad && entry.country == country.code) {
        found = &country;
      }
    }
    if (found == nullptr) {
      return Status::InvalidArgument(
          std::string(name) + ": unknown country '" + entry.country +
          (abroad ? "', expected FR, BE, ES, IT or DE"
                  : "', expected BJ, CM, ML, NE, SN or TG"));
    }
    tables->push_back(MakeCountryTable(*found));
    picker_weights.push_back(entry.weight);
    total += entry.weight;
  }
  if (total <= 0 && (!abroad || !weights.empty())) {
    return Status::InvalidArgument(std::string(name) +
                                   ": no country with a positive weight");
  }
  *picker = Picker(picker_weights);
  return Status::Ok();
}


// ---------------------------------------------------------------- Flows

// The seasonal factors of `code` (longest prefix; all 1 when none).
std::array<double, 12> SeasonOf(const std::vector<SeasonalPattern>& patterns,
                                const std::string& code) {
  std::array<double, 12> found;
  found.fill(1.0);
  size_t best = 0;
  bool any = false;
  for (const SeasonalPattern& pattern : patterns) {
    if (code.compare(0, pattern.prefix.size(), pattern.prefix) != 0) continue;
    if (!any || pattern.prefix.size() > best) {
      found = pattern.factors;
      best = pattern.prefix.size();
      any = true;
    }
  }
  return found;
}

// A day of the window [first, first + months): a month drawn with the
// seasonal factors (and a slow growth, 1 % a month, so that trends show),
// then a day of it.
int DrawWindowDay(Rng& rng, const FlowOptions& flows,
                  const std::array<double, 12>& season) {
  double total = 0;
  std::vector<double> weights(static_cast<size_t>(flows.months));
  for (int month_idx = 0; month_idx < flows.months; ++month_idx) {
    const int calendar = (flows.first_month - 1 + month_idx) % 12;
    weights[month_idx] = season[calendar] * (1.0 + 0.01 * month_idx);
    total += weights[month_idx];
  }
  double target = rng.Uniform() * total;
  int month_idx = 0;
  while (month_idx + 1 < flows.months && target >= weights[month_idx]) {
    target -= weights[month_idx++];
  }
  const int absolute = flows.first_month - 1 + month_idx;
  const Date first = *Date::FromCivil(flows.first_year + absolute / 12,
                                      absolute % 12 + 1, 1);
  const int next_absolute = absolute + 1;
  const Date next = *Date::FromCivil(flows.first_year + next_absolute / 12,
                                     next_absolute % 12 + 1, 1);
  return first.days_since_epoch() +
         rng.Between(0, DaysBetween(first, next) - 1);
}

// A duration around `typical` days: the mean of three uniforms on
// [0, 2 typical] (Irwin-Hall: bell-shaped, mean `typical`, no libm).
int DrawDuration(Rng& rng, double typical) {
  const double sum = rng.Uniform() + rng.Uniform() + rng.Uniform();
  return static_cast<int>(typical * 2.0 * sum / 3.0);
}

struct FlowWindow {
  int first_day = 0;  // days since 1970-01-01
  int last_day = 0;
};

FlowWindow WindowOf(const FlowOptions& flows) {
  const int end_absolute = flows.first_month - 1 + flows.months;
  const Date first = *Date::FromCivil(flows.first_year, flows.first_month, 1);
  const Date after = *Date::FromCivil(flows.first_year + end_absolute / 12,
                                      end_absolute % 12 + 1, 1);
  return {first.days_since_epoch(), after.days_since_epoch() - 1};
}

std::string DayText(int day) {
  return Date::FromDaysSinceEpoch(day).ToString();
}

// Whether `location` is in its country's main region (its first city's).
bool InMainRegion(const std::vector<CountryTable>& home,
                  const std::vector<CountryTable>& abroad,
                  const Location& location) {
  for (const auto* tables : {&home, &abroad}) {
    for (const CountryTable& country : *tables) {
      if (location.country == country.info->code &&
          !country.info->cities.empty()) {
        return location.region == country.info->cities.front().region;
      }
    }
  }
  return false;
}

void AddOfferFlow(const GeneratorOptions& options, bool main_region,
                  uint64_t index, Offer* offer) {
  const FlowOptions& flows = options.flows;
  const FlowWindow window = WindowOf(flows);
  Rng rng(options.seed, kFlowStream, 2 * index + 1);
  const int open_days =
      DaysBetween(*Date::Parse(*offer->published), *Date::Parse(*offer->expires));
  const bool regional = main_region || rng.Chance(flows.offers_elsewhere_in_window);
  const bool in_window =
      rng.Chance(PrefixLookup(flows.offer_window_shares, offer->occupation, 1.0)) &&
      regional;
  const double speed =
      main_region ? flows.main_region_speed : flows.other_region_speed;
  int published = 0;
  if (in_window) {
    published =
        DrawWindowDay(rng, flows, SeasonOf(flows.offer_seasons, offer->occupation));
  } else {
    // An offer of the year before the window, closed before it starts.
    published = window.first_day - rng.Between(open_days + 91, 365 + 90);
  }
  offer->published = DayText(published);
  offer->expires = DayText(published + open_days);
  const double pick = rng.Uniform();
  int duration = 0;
  std::string_view reason;
  if (pick < flows.filled_share) {
    double typical =
        PrefixLookup(flows.vacancy_days, offer->occupation, 35) * speed;
    if (rng.Chance(flows.hard_to_fill_share)) typical *= 2.5;
    duration = DrawDuration(rng, typical);
    reason = kClosingFilled;
    if (duration > open_days + 60) {
      duration = open_days;
      reason = kClosingExpired;
    }
  } else if (pick < flows.filled_share + flows.withdrawn_share) {
    duration = rng.Between(1, 60);
    reason = kClosingWithdrawn;
  } else if (pick < flows.filled_share + flows.withdrawn_share +
                        flows.cancelled_share) {
    duration = rng.Between(0, 10);
    reason = kClosingCancelled;
  } else {
    duration = open_days;
    reason = kClosingExpired;
  }
  if (!in_window) duration = std::min(duration, window.first_day - 1 - published);
  if (published + duration <= window.last_day) {
    offer->closed = DayText(published + duration);
    offer->closing_reason = std::string(reason);
  }
}

void AddProfileFlow(const GeneratorOptions& options, bool main_region,
                    uint64_t index, Profile* profile) {
  const FlowOptions& flows = options.flows;
  const FlowWindow window = WindowOf(flows);
  Rng rng(options.seed, kFlowStream, 2 * index);
  const std::string occupation = profile->target_occupations.empty()
                                     ? std::string()
                                     : profile->target_occupations.front();
  const double speed =
      main_region ? flows.main_region_speed : flows.other_region_speed;
  const double typical =
      PrefixLookup(flows.registration_days, occupation, 240) * speed;
  // One in five is long-term unemployed: three times the typical duration.
  int duration = DrawDuration(rng, typical * (rng.Chance(0.2) ? 3.0 : 1.0));
  int registered = 0;
  const bool regional =
      !main_region || rng.Chance(flows.jobseekers_main_in_window);
  const bool in_window =
      rng.Chance(PrefixLookup(flows.jobseeker_window_shares, occupation, 1.0)) &&
      regional;
  if (!in_window) {
    // A registration that ended before the window.
    registered = window.first_day - rng.Between(31, 730);
    duration = std::min(duration, window.first_day - 1 - registered);
  } else if (rng.Chance(flows.prior_share)) {
    registered = window.first_day - rng.Between(1, 365);
  } else {
    registered = DrawWindowDay(
        rng, flows, SeasonOf(flows.registration_seasons, occupation));
  }
  profile->registered = DayText(registered);
  if (registered + duration > window.last_day) return;
  profile->exited = DayText(registered + duration);
  std::array<double, 5> weights = flows.exit_weights;
  weights[2] *= PrefixLookup(flows.self_employment_factors, occupation, 1.0);
  double total = 0;
  for (double weight : weights) total += weight;
  double target = rng.Uniform() * total;
  size_t reason = 0;
  while (reason + 1 < weights.size() && target >= weights[reason]) {
    target -= weights[reason++];
  }
  constexpr std::array<std::string_view, 5> kReasons = {
      kExitEmployment, kExitTraining, kExitSelfEmployment, kExitOther,
      kExitUnknown};
  profile->exit_reason = std::string(kReasons[reason]);
}

}  // namespace

Result<Generator> Generator::Create(const Taxonomy& taxonomy,
                                    GeneratorOptions options) {
  SKILLMATCH_RETURN_IF_ERROR(CheckOptions(options));
  auto tables = std::make_unique<Tables>();
  tables->taxonomy = &taxonomy;
  SKILLMATCH_RETURN_IF_ERROR(MakeCountries(options.countries, false,
                                           "countries", &tables->home,
                                           &tables->home_picker));
  SKILLMATCH_RETURN_IF_ERROR(MakeCountries(options.abroad_countries, true,
                                           "abroad_countries", &tables->abroad,
                                           &tables->abroad_picker));
  if (tables->abroad_picker.empty()) tables->abroad.clear();
  if (tables->abroad.empty() && options.international_share > 0) {
    return Status::InvalidArgument(
        "abroad_countries: empty, but international_share is above 0");
  }

  // Skills: licence categories, the noise pool, description phrases.
  const size_t skill_count = taxonomy.skill_count();
  tables->licence_of_skill.assign(skill_count, std::string());
  for (const LicenceSkill& licence : options.licence_skills) {
    const SkillIndex skill = taxonomy.FindSkill(licence.skill_id);
    if (skill != classification::kNoSkill) {
      tables->licence_of_skill[skill] = licence.category;
    }
  }
  tables->skill_phrase.reserve(skill_count);
  for (size_t skill_idx = 0; skill_idx < skill_count; ++skill_idx) {
    const auto skill = static_cast<SkillIndex>(skill_idx);
    if (taxonomy.skill(skill).kind != SkillKind::kSoft &&
        tables->licence_of_skill[skill].empty()) {
      tables->noise_pool.push_back(skill);
    }
    tables->skill_phrase.push_back(InSentence(taxonomy.SkillName(skill, "fr")));
  }

  // Occupations.
  const auto& nodes = taxonomy.occupations();
  std::vector<int32_t> table_of_node(taxonomy.node_count(), -1);
  for (size_t occupation_idx = 0; occupation_idx < nodes.size();
       ++occupation_idx) {
    table_of_node[nodes[occupation_idx]] = static_cast<int32_t>(occupation_idx);
  }
  const auto& languages = taxonomy.info().languages;
  const std::string_view title_lang =
      std::find(languages.begin(), languages.end(), "fr") != languages.end()
          ? std::string_view("fr")
          : std::string_view(taxonomy.main_language());
  std::vector<double> weights;
  std::vector<double> abroad_weights;
  for (NodeIndex node : nodes) {
    const classification::Node& info = taxonomy.node(node);
    OccupationTable occupation;
    occupation.node = node;
    occupation.code = info.code;
    const auto ancestors = taxonomy.Ancestors(node);
    occupation.area_label =
        ancestors.empty() ? info.label : taxonomy.node(ancestors.front()).label;
    bool has_major = false;
    for (const auto& entry : taxonomy.CrosswalkFrom(node, "isco08")) {
      occupation.isco08 = entry.external_code;
      if (!entry.external_code.empty() && entry.external_code[0] >= '0' &&
          entry.external_code[0] <= '9') {
        occupation.major = entry.external_code[0] - '0';
        has_major = true;
      }
      break;
    }
    for (const auto& link : taxonomy.SkillsOf(node)) {
      const bool soft = taxonomy.skill(link.skill).kind == SkillKind::kSoft;
      const bool essential = link.relation == SkillRelation::kEssential;
      auto& list =
          soft ? (essential ? occupation.soft_essentials
                            : occupation.soft_optionals)
               : (essential ? occupation.essentials : occupation.optionals);
      list.push_back(link.skill);
    }
    std::vector<double> neighbour_weights;
    std::vector<int32_t> evolution;
    for (const auto& link : taxonomy.MobilityFrom(node)) {
      const int32_t target = table_of_node[link.to];
      if (target < 0 || link.to == node) continue;
      (link.kind == MobilityKind::kClose ? occupation.close : evolution)
          .push_back(target);
    }
    occupation.neighbours = occupation.close;
    occupation.neighbours.insert(occupation.neighbours.end(), evolution.begin(),
                                 evolution.end());
    neighbour_weights.assign(occupation.close.size(), 2.0);
    neighbour_weights.resize(occupation.neighbours.size(), 1.0);
    occupation.neighbour_picker = Picker(neighbour_weights);
    for (const auto& label : info.labels) {
      if (label.kind == classification::LabelKind::kAppellation &&
          label.lang == title_lang) {
        occupation.titles.push_back(label.text);
      }
    }
    if (occupation.titles.empty()) occupation.titles.push_back(info.label);
    occupation.weight =
        PrefixLookup(options.occupation_weights, info.code, 1.0) *
        (has_major ? options.isco_major_factors[occupation.major] : 1.0);
    occupation.female_share =
        PrefixLookup(options.female_shares, info.code, 0.5);
    occupation.rural_share = PrefixLookup(options.rural_shares, info.code, 0.0);
    const double sector =
        PrefixLookup(SectorPrefixes(), info.code, kDefaultSector);
    occupation.sector = kSectorWords[static_cast<size_t>(sector)];
    abroad_weights.push_back(
        occupation.weight *
        PrefixLookup(options.abroad_occupation_factors, info.code, 1.0));
    weights.push_back(occupation.weight);
    tables->occupations.push_back(std::move(occupation));
  }
  tables->occupation_picker = Picker(weights);
  tables->abroad_occupation_picker = Picker(abroad_weights);
  if (tables->occupation_picker.empty()) {
    return Status::InvalidArgument(
        "occupation_weights: no occupation of the taxonomy has a positive "
        "weight");
  }
  if (!tables->abroad.empty() && tables->abroad_occupation_picker.empty() &&
      options.international_share > 0) {
    return Status::InvalidArgument(
        "abroad_occupation_factors: no occupation can be offered abroad, but "
        "international_share is above 0");
  }

  for (size_t major = 0; major < 10; ++major) {
    tables->education_pickers[major] = MakePicker(kEducationWeights[major]);
    tables->contract_pickers[major] =
        MakePicker(ContractWeights(static_cast<int>(major)));
  }
  std::vector<double> experience_weights;
  for (const ExperienceBucket& bucket : kExperience) {
    experience_weights.push_back(bucket.weight);
  }
  tables->experience_picker = Picker(experience_weights);
  tables->offer_experience_picker = MakePicker(kOfferExperienceWeights);
  tables->radius_picker = MakePicker(kRadiusWeights);
  tables->options = std::move(options);
  return Generator(std::move(tables));
}

Generator::Generator(std::unique_ptr<const Tables> tables)
    : tables_(std::move(tables)) {}
Generator::Generator(Generator&&) noexcept = default;
Generator& Generator::operator=(Generator&&) noexcept = default;
Generator::~Generator() = default;

const GeneratorOptions& Generator::options() const { return tables_->options; }

Profile Generator::GenerateProfile(uint64_t index, ProfileTruth* truth) const {
  const OccupationTable* occupation = nullptr;
  Profile profile = tables_->Content(index, truth, &occupation);
  profile.protected_attributes =
      tables_->Protected(index, *occupation, *profile.experience_years);
  if (tables_->options.flows.enabled) {
    AddProfileFlow(tables_->options,
                   InMainRegion(tables_->home, tables_->abroad, profile.location),
                   index, &profile);
  }
  return profile;
}

Profile Generator::GenerateTwin(uint64_t index,
                                const ProtectedAttributes& attributes) const {
  const OccupationTable* occupation = nullptr;
  Profile profile = tables_->Content(index, nullptr, &occupation);
  profile.protected_attributes = attributes;
  if (tables_->options.flows.enabled) {
    AddProfileFlow(tables_->options,
                   InMainRegion(tables_->home, tables_->abroad, profile.location),
                   index, &profile);
  }
  return profile;
}

Offer Generator::GenerateOffer(uint64_t index, OfferTruth* truth) const {
  Offer offer = tables_->MakeOffer(index, truth);
  if (tables_->options.flows.enabled) {
    AddOfferFlow(tables_->options,
                 InMainRegion(tables_->home, tables_->abroad, offer.location),
                 index, &offer);
  }
  return offer;
}

nlohmann::ordered_json ToJson(const ProfileTruth& truth) {
  nlohmann::ordered_json json;
  json["kind"] = "profile";
  json["id"] = truth.id;
  json["occupation"] = truth.occupation;
  json["second_target"] = truth.second_target;
  json["miscoded_target"] = truth.miscoded_target;
  json["past_occupation"] = truth.past_occupation;
  json["skills"] = truth.skills;
  json["undeclared_skills"] = truth.undeclared_skills;
  json["missing_essentials"] = truth.missing_essentials;
  json["noise_skills"] = truth.noise_skills;
  return json;
}

nlohmann::ordered_json ToJson(const OfferTruth& truth) {
  nlohmann::ordered_json json;
  json["kind"] = "offer";
  json["id"] = truth.id;
  json["occupation"] = truth.occupation;
  json["isco08"] = truth.isco08;
  json["international"] = truth.international;
  json["decorated_title"] = truth.decorated_title;
  return json;
}

// ---------------------------------------------------------------------------
// Writing.

namespace {

// One worker's share of a batch: consecutive records as text.
struct Slice {
  uint64_t begin = 0;
  uint64_t end = 0;
  std::string records;
  std::string truth;
  std::string error;
};

void FillSlice(const Generator& generator, RecordKind kind, bool with_truth,
               Slice* slice) {
  slice->records.clear();
  slice->truth.clear();
  slice->error.clear();
  try {
    for (uint64_t index = slice->begin; index < slice->end; ++index) {
      if (kind == RecordKind::kProfile) {
        ProfileTruth truth;
        const Profile profile =
            generator.GenerateProfile(index, with_truth ? &truth : nullptr);
        slice->records += ToJson(profile).dump();
        if (with_truth) slice->truth += ToJson(truth).dump() + '\n';
      } else {
        OfferTruth truth;
        const Offer offer =
            generator.GenerateOffer(index, with_truth ? &truth : nullptr);
        slice->records += ToJson(offer).dump();
        if (with_truth) slice->truth += ToJson(truth).dump() + '\n';
      }
      slice->records += '\n';
    }
  } catch (const std::exception& error) {
    // nlohmann throws on invalid UTF-8, which a validated bundle never has.
    slice->error = error.what();
  }
}

}  // namespace

Status WriteRecords(const Generator& generator, RecordKind kind, uint64_t count,
                    std::ostream& records, std::ostream* truth,
                    const WriteOptions& options) {
  const auto threads = static_cast<uint64_t>(std::max(1, options.threads));
  const uint64_t chunk = std::max<uint64_t>(1, options.chunk);
  const uint64_t per_batch = threads * chunk;
  const uint64_t batch_count = (count + per_batch - 1) / per_batch;
  // Two batches in flight: workers fill one while this thread writes the
  // other, so the disk and the generation overlap and memory stays bounded.
  std::array<std::vector<Slice>, 2> buffers;
  buffers[0].resize(threads);
  buffers[1].resize(threads);
  Status status;
  uint64_t written = 0;
  for (uint64_t batch_idx = 0; batch_idx <= batch_count; ++batch_idx) {
    std::vector<std::thread> workers;
    if (batch_idx < batch_count && status.ok()) {
      std::vector<Slice>& slices = buffers[batch_idx % 2];
      for (uint64_t thread_idx = 0; thread_idx < threads; ++thread_idx) {
        Slice& slice = slices[thread_idx];
        slice.begin =
            std::min(count, batch_idx * per_batch + thread_idx * chunk);
        slice.end = std::min(count, slice.begin + chunk);
        workers.emplace_back(FillSlice, std::cref(generator), kind,
                             truth != nullptr, &slice);
      }
    }
    if (batch_idx > 0 && status.ok()) {
      for (const Slice& slice : buffers[(batch_idx - 1) % 2]) {
        if (!slice.error.empty()) {
          status = Status::Internal("record " + std::to_string(slice.begin) +
                                    "..: cannot serialise: " + slice.error);
          break;
        }
        records.write(slice.records.data(),
                      static_cast<std::streamsize>(slice.records.size()));
        if (truth != nullptr) {
          truth->write(slice.truth.data(),
                       static_cast<std::streamsize>(slice.truth.size()));
        }
        written += slice.end - slice.begin;
      }
      if (status.ok() && !records) {
        status = Status::IoError("write failed on the records stream");
      } else if (status.ok() && truth != nullptr && !*truth) {
        status = Status::IoError("write failed on the truth stream");
      }
      if (status.ok() && options.progress) {
        options.progress(kind, written, count);
      }
    }
    for (std::thread& worker : workers) worker.join();
  }
  return status;
}

Status WriteDataset(const Generator& generator, uint64_t profiles,
                    uint64_t offers, const std::string& dir,
                    const WriteOptions& options) {
  namespace fs = std::filesystem;
  for (const auto& [name, count] :
       {std::pair<const char*, uint64_t>{"profiles", profiles},
        std::pair<const char*, uint64_t>{"offers", offers}}) {
    if (count > kMaxGeneratedRecords) {
      return Status::InvalidArgument(std::string(name) + ": expected at most " +
                                     std::to_string(kMaxGeneratedRecords) +
                                     " records, got " + std::to_string(count));
    }
  }
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    return Status::IoError(dir + ": cannot create folder: " + error.message());
  }
  // The three files are complete (closed without error) before any is
  // renamed; an early return removes the temporary files.
  std::vector<classification::AtomicFile> files;
  for (const char* name : {"profiles.jsonl", "offers.jsonl", "truth.jsonl"}) {
    Result<classification::AtomicFile> file =
        classification::AtomicFile::Open((fs::path(dir) / name).string());
    if (!file.ok()) return file.status();
    files.push_back(std::move(file).value());
  }
  auto with_path = [](const Status& status, const fs::path& path) {
    if (status.code() != StatusCode::kIoError) return status;
    return Status::IoError(path.string() + ": " + status.message());
  };
  Status status = WriteRecords(generator, RecordKind::kProfile, profiles,
                               files[0].stream(), &files[2].stream(), options);
  if (status.ok()) {
    status = WriteRecords(generator, RecordKind::kOffer, offers,
                          files[1].stream(), &files[2].stream(), options);
  }
  if (!status.ok()) return with_path(status, fs::path(dir));
  for (classification::AtomicFile& file : files) {
    SKILLMATCH_RETURN_IF_ERROR(file.Close());
  }
  for (classification::AtomicFile& file : files) {
    SKILLMATCH_RETURN_IF_ERROR(file.Commit());
  }
  return Status::Ok();
}

}  // namespace skillmatch::engine
