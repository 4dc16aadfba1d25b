#include "skillmatch/model/model_json.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <system_error>
#include <utility>

#include "skillmatch/model/date.h"
#include "skillmatch/model/geography.h"
#include "skillmatch/model/licence.h"
#include "skillmatch/model/json_records.h"
#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::engine {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------------------
// Names and code checks

constexpr std::array<std::pair<ContractType, std::string_view>, 8>
    kContractNames = {{
        {ContractType::kPermanent, "permanent"},
        {ContractType::kFixedTerm, "fixed_term"},
        {ContractType::kTemporary, "temporary"},
        {ContractType::kSeasonal, "seasonal"},
        {ContractType::kApprenticeship, "apprenticeship"},
        {ContractType::kInternship, "internship"},
        {ContractType::kFreelance, "freelance"},
        {ContractType::kDaily, "daily"},
    }};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

bool IsCountryCode(std::string_view text) {
  return text.size() == 2 && IsUpper(text[0]) && IsUpper(text[1]);
}

bool IsCurrencyCode(std::string_view text) {
  return text.size() == 3 && IsUpper(text[0]) && IsUpper(text[1]) &&
         IsUpper(text[2]);
}

bool IsLanguageCode(std::string_view text) {
  if (text.size() != 2 && text.size() != 3) return false;
  for (char c : text) {
    if (!IsLower(c)) return false;
  }
  return true;
}

// A calendar date written YYYY-MM-DD (Date::Parse: a real day, years 0000
// to 9999). Dates are kept as text in the model, so this is the only place
// that stops "2024-02-30" from reaching the scoring.
bool IsDate(std::string_view text) { return Date::Parse(text).has_value(); }

const std::string kLicenceExpected =
    "a driving licence category (" + std::string(LicenceCategories()) + ")";

bool IsGender(std::string_view text) {
  return text == "f" || text == "m" || text == "x";
}

bool IsAgeBand(std::string_view text) {
  return text == "15-24" || text == "25-34" || text == "35-44" ||
         text == "45-54" || text == "55+";
}

bool IsAnyString(std::string_view) { return true; }

// What a string field accepts, and how the message names it.
struct StringRule {
  bool (*valid)(std::string_view);
  const char* expected;  // "expected <this>, got ..."
};

constexpr StringRule kAnyString = {IsAnyString, "a string"};
constexpr StringRule kCountryRule = {
    IsCountryCode, "a country code of two upper-case letters"};
constexpr StringRule kLanguageRule = {
    IsLanguageCode, "a language code of 2 or 3 lower-case letters"};
constexpr StringRule kCurrencyRule = {
    IsCurrencyCode, "a currency code of three upper-case letters"};
constexpr StringRule kDateRule = {IsDate, "a date (YYYY-MM-DD)"};
constexpr StringRule kGenderRule = {IsGender, "f, m or x"};
constexpr StringRule kAgeBandRule = {IsAgeBand,
                                     "15-24, 25-34, 35-44, 45-54 or 55+"};

bool IsClosingReason(std::string_view text) {
  return text == kClosingFilled || text == kClosingWithdrawn ||
         text == kClosingExpired || text == kClosingCancelled;
}

bool IsExitReason(std::string_view text) {
  return text == kExitEmployment || text == kExitTraining ||
         text == kExitSelfEmployment || text == kExitOther ||
         text == kExitUnknown;
}

constexpr StringRule kClosingReasonRule = {
    IsClosingReason, "filled, withdrawn, expired or cancelled"};
constexpr StringRule kExitReasonRule = {
    IsExitReason, "employment, training, self_employment, other or unknown"};

// ---------------------------------------------------------------------------
// Decoding

// Compact JSON of `value` (as dump() writes it), stopping soon after `out`
// holds more than `limit` bytes. Never the whole value: a bad record can be
// megabytes, or an array nested 100,000 deep, whose dump() recursion would
// overflow the stack. Each level of recursion writes a byte first, so the
// recursion is at most `limit` + 1 deep.
void DumpBounded(const json& value, size_t limit, std::string* out) {
  if (out->size() > limit) return;
  const auto dump = [](const json& scalar) {
    return scalar.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  // A string is cut before it is escaped: only its start can be shown.
  const auto string = [&](const std::string& text) {
    const size_t room = (out->size() < limit ? limit - out->size() : 0) + 4;
    *out += dump(json(text.size() > room ? text::Excerpt(text, room) : text));
  };
  if (value.is_array()) {
    out->push_back('[');
    bool first = true;
    for (const json& item : value) {
      if (out->size() > limit) return;
      if (!first) out->push_back(',');
      first = false;
      DumpBounded(item, limit, out);
    }
    out->push_back(']');
  } else if (value.is_object()) {
    out->push_back('{');
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      if (out->size() > limit) return;
      if (!first) out->push_back(',');
      first = false;
      string(key);
      out->push_back(':');
      DumpBounded(item, limit, out);
    }
    out->push_back('}');
  } else if (value.is_string()) {
    string(value.get_ref<const std::string&>());
  } else {
    *out += dump(value);
  }
}

// A JSON value as messages show it after "got": compact JSON, cut short so
// that a whole record pasted in the wrong place does not flood the log.
std::string Describe(const json& value) {
  if (value.is_number_float() && !std::isfinite(value.get<double>())) {
    const double number = value.get<double>();
    return std::isnan(number) ? "nan" : (number > 0 ? "inf" : "-inf");
  }
  std::string text;
  DumpBounded(value, text::kMaxQuotedBytes, &text);
  return text::Excerpt(text);
}

std::string IntText(long long value) { return std::to_string(value); }

// Reads the members of one JSON object at `path` ("" for the record itself,
// "location", "skills[2]"). Every getter returns the first problem found as a
// DataError "<where>: <path>.<key>: <message>". A key that is absent or null
// leaves the output untouched (the model's default), so exports that write
// null for "no data" read the same as those that leave the key out.
class ObjectReader {
 public:
  ObjectReader(const std::string& where, const json& object, std::string path)
      : where_(where), object_(object), path_(std::move(path)) {}

  std::string PathOf(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  Status Error(const std::string& path, const std::string& message) const {
    return Status::DataError(where_ + ": " + path + ": " + message);
  }

  // The member, or nullptr when absent or null.
  const json* Find(std::string_view key) const {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  // An optional string: absent, null and "" all mean "none".
  Status String(std::string_view key, std::string* out,
                const StringRule& rule = kAnyString) const {
    const json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    return StringValue(*value, PathOf(key), rule, /*required=*/false, out);
  }

  Status OptionalString(std::string_view key, std::optional<std::string>* out,
                        const StringRule& rule) const {
    std::string text;
    SKILLMATCH_RETURN_IF_ERROR(String(key, &text, rule));
    if (!text.empty()) *out = std::move(text);
    return Status::Ok();
  }

  Status RequiredString(std::string_view key, std::string* out,
                        const StringRule& rule = kAnyString) const {
    const json* value = Find(key);
    if (value == nullptr) {
      return Error(PathOf(key), "missing, expected a non-empty string");
    }
    return StringValue(*value, PathOf(key), rule, /*required=*/true, out);
  }

  Status Bool(std::string_view key, bool* out) const {
    const json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    if (!value->is_boolean()) {
      return Error(PathOf(key), "expected a boolean, got " + Describe(*value));
    }
    *out = value->get<bool>();
    return Status::Ok();
  }

  Status OptionalBool(std::string_view key, std::optional<bool>* out) const {
    const json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    bool flag = false;
    SKILLMATCH_RETURN_IF_ERROR(Bool(key, &flag));
    *out = flag;
    return Status::Ok();
  }

  // An integer from lo to hi. A whole float ("3.0") is an integer, as in
  // JSON Schema: pandas writes integer columns with gaps as floats.
  Status Int(std::string_view key, int lo, int hi, int* out) const {
    const json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    bool in_range = false;
    long long number = 0;
    if (value->is_number_unsigned()) {
      const auto unsigned_number = value->get<unsigned long long>();
      in_range = unsigned_number <= static_cast<unsigned long long>(hi) &&
                 static_cast<long long>(unsigned_number) >= lo;
      number = static_cast<long long>(unsigned_number);
    } else if (value->is_number_integer()) {
      number = value->get<long long>();
      in_range = number >= lo && number <= hi;
    } else if (value->is_number_float()) {
      const double whole = value->get<double>();
      in_range = std::trunc(whole) == whole && whole >= lo && whole <= hi;
      if (in_range) number = static_cast<long long>(whole);
    }
    if (!in_range) {
      const std::string expected =
          hi == INT_MAX
              ? "an integer >= " + IntText(lo)
              : "an integer from " + IntText(lo) + " to " + IntText(hi);
      return Error(PathOf(key),
                   "expected " + expected + ", got " + Describe(*value));
    }
    *out = static_cast<int>(number);
    return Status::Ok();
  }

  Status OptionalInt(std::string_view key, int lo, int hi,
                     std::optional<int>* out) const {
    if (Find(key) == nullptr) return Status::Ok();
    int number = 0;
    SKILLMATCH_RETURN_IF_ERROR(Int(key, lo, hi, &number));
    *out = number;
    return Status::Ok();
  }

  // A finite number from lo to hi (hi = infinity for "no upper bound").
  Status Number(std::string_view key, double lo, double hi, double* out) const {
    const json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    double number = 0;
    bool in_range = false;
    if (value->is_number()) {
      number = value->get<double>();
      in_range = std::isfinite(number) && number >= lo && number <= hi;
    }
    if (!in_range) {
      const std::string expected =
          std::isinf(hi) ? "a number >= " + IntText(std::llround(lo))
                         : "a number from " + IntText(std::llround(lo)) +
                               " to " + IntText(std::llround(hi));
      return Error(PathOf(key),
                   "expected " + expected + ", got " + Describe(*value));
    }
    *out = number;
    return Status::Ok();
  }

  Status OptionalNumber(std::string_view key, double lo, double hi,
                        std::optional<double>* out) const {
    if (Find(key) == nullptr) return Status::Ok();
    double number = 0;
    SKILLMATCH_RETURN_IF_ERROR(Number(key, lo, hi, &number));
    *out = number;
    return Status::Ok();
  }

  // An array of non-empty strings, each obeying `rule`.
  Status StringList(std::string_view key, std::vector<std::string>* out,
                    const StringRule& rule = kAnyString) const {
    const json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    const std::string path = PathOf(key);
    if (!value->is_array()) {
      return Error(path, "expected an array, got " + Describe(*value));
    }
    out->clear();
    out->reserve(value->size());
    for (size_t item_idx = 0; item_idx < value->size(); ++item_idx) {
      std::string text;
      SKILLMATCH_RETURN_IF_ERROR(StringValue((*value)[item_idx],
                                             ItemPath(path, item_idx), rule,
                                             /*required=*/true, &text));
      out->push_back(std::move(text));
    }
    return Status::Ok();
  }

  // An array of names from a closed set: each is replaced by
  // `canonical(name)`, and one it refuses (nullopt) is an error "expected
  // <expected>, got ...". A name repeated once normalised is kept once.
  template <typename Canonical>
  Status CanonicalList(std::string_view key, std::vector<std::string>* out,
                       Canonical canonical, const std::string& expected) const {
    SKILLMATCH_RETURN_IF_ERROR(StringList(key, out));
    std::vector<std::string> kept;
    kept.reserve(out->size());
    for (size_t item_idx = 0; item_idx < out->size(); ++item_idx) {
      std::optional<std::string> name = canonical((*out)[item_idx]);
      if (!name) {
        return Error(ItemPath(PathOf(key), item_idx),
                     "expected " + expected + ", got " +
                         Describe(json((*out)[item_idx])));
      }
      if (std::find(kept.begin(), kept.end(), *name) == kept.end()) {
        kept.push_back(std::move(*name));
      }
    }
    *out = std::move(kept);
    return Status::Ok();
  }

  // An array of objects; `read_item(const ObjectReader&, T*)` decodes one.
  template <typename T, typename ReadItem>
  Status ObjectList(std::string_view key, std::vector<T>* out,
                    ReadItem read_item) const {
    const json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    const std::string path = PathOf(key);
    if (!value->is_array()) {
      return Error(path, "expected an array, got " + Describe(*value));
    }
    out->clear();
    out->reserve(value->size());
    for (size_t item_idx = 0; item_idx < value->size(); ++item_idx) {
      const json& item = (*value)[item_idx];
      const std::string item_path = ItemPath(path, item_idx);
      if (!item.is_object()) {
        return Error(item_path, "expected an object, got " + Describe(item));
      }
      T decoded;
      SKILLMATCH_RETURN_IF_ERROR(
          read_item(ObjectReader(where_, item, item_path), &decoded));
      out->push_back(std::move(decoded));
    }
    return Status::Ok();
  }

  // A nested object; `read(const ObjectReader&)` decodes its members.
  template <typename Read>
  Status Object(std::string_view key, Read read) const {
    const json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    if (!value->is_object()) {
      return Error(PathOf(key), "expected an object, got " + Describe(*value));
    }
    return read(ObjectReader(where_, *value, PathOf(key)));
  }

  const std::string& path() const { return path_; }

 private:
  static std::string ItemPath(const std::string& path, size_t idx) {
    return path + "[" + std::to_string(idx) + "]";
  }

  Status StringValue(const json& value, const std::string& path,
                     const StringRule& rule, bool required,
                     std::string* out) const {
    if (!value.is_string()) {
      return Error(path, std::string("expected ") +
                             (required ? "a non-empty string" : "a string") +
                             ", got " + Describe(value));
    }
    const std::string& text = value.get_ref<const std::string&>();
    if (text.empty()) {
      if (required) {
        return Error(path, "expected a non-empty string, got \"\"");
      }
      out->clear();
      return Status::Ok();
    }
    if (!rule.valid(text)) {
      return Error(path, std::string("expected ") + rule.expected + ", got " +
                             Describe(value));
    }
    *out = text;
    return Status::Ok();
  }

  const std::string& where_;
  const json& object_;
  std::string path_;
};

// A contract name at `path`; used for a single value and for list items.
Status ContractValue(const ObjectReader& reader, const json& value,
                     const std::string& path, ContractType* out) {
  std::optional<ContractType> type;
  if (value.is_string()) type = ParseContractType(value.get<std::string>());
  if (!type) {
    return reader.Error(
        path,
        "expected a contract type (permanent, fixed_term, temporary, "
        "seasonal, apprenticeship, internship, freelance, daily), got " +
            Describe(value));
  }
  *out = *type;
  return Status::Ok();
}

Status ReadLocation(const ObjectReader& reader, Location* location) {
  SKILLMATCH_RETURN_IF_ERROR(
      reader.String("country", &location->country, kCountryRule));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("region", &location->region));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("city", &location->city));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalNumber("lat", -90, 90, &location->lat));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalNumber("lon", -180, 180, &location->lon));
  // Distances need both; half a coordinate is a broken export, not a
  // coordinate to guess.
  if (location->lat.has_value() != location->lon.has_value()) {
    return reader.Error(reader.path(),
                        std::string("expected both lat and lon or neither, "
                                    "got only ") +
                            (location->lat ? "lat" : "lon"));
  }
  return Status::Ok();
}

Status ReadLanguage(const ObjectReader& reader, LanguageLevel* language) {
  SKILLMATCH_RETURN_IF_ERROR(
      reader.RequiredString("code", &language->code, kLanguageRule));
  return reader.Int("level", 1, 6, &language->level);
}

// A skill id must appear once per record across the technical and soft
// lists: a second claim would be counted twice by the scoring, and two claims
// with different levels leave no right answer.
class SkillIdSet {
 public:
  Status Add(const ObjectReader& reader, const std::string& skill_id,
             const std::string& item_path) {
    auto [it, inserted] = seen_.emplace(skill_id, item_path);
    if (inserted) return Status::Ok();
    return reader.Error(
        item_path + ".skill_id",
        Describe(json(skill_id)) + " is already listed at " + it->second);
  }

 private:
  std::map<std::string, std::string> seen_;
};

template <typename Skill>
Status CheckUniqueSkills(const ObjectReader& reader,
                         const std::vector<Skill>& skills,
                         const std::vector<Skill>& soft_skills) {
  SkillIdSet seen;
  for (size_t skill_idx = 0; skill_idx < skills.size(); ++skill_idx) {
    SKILLMATCH_RETURN_IF_ERROR(
        seen.Add(reader, skills[skill_idx].skill_id,
                 "skills[" + std::to_string(skill_idx) + "]"));
  }
  for (size_t skill_idx = 0; skill_idx < soft_skills.size(); ++skill_idx) {
    SKILLMATCH_RETURN_IF_ERROR(
        seen.Add(reader, soft_skills[skill_idx].skill_id,
                 "soft_skills[" + std::to_string(skill_idx) + "]"));
  }
  return Status::Ok();
}

Status ReadSkillClaim(const ObjectReader& reader, SkillClaim* skill) {
  SKILLMATCH_RETURN_IF_ERROR(
      reader.RequiredString("skill_id", &skill->skill_id));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.Int("level", kMinSkillLevel, kMaxSkillLevel, &skill->level));
  return reader.Bool("validated", &skill->validated);
}

Status ReadRequiredSkill(const ObjectReader& reader, RequiredSkill* skill) {
  SKILLMATCH_RETURN_IF_ERROR(
      reader.RequiredString("skill_id", &skill->skill_id));
  SKILLMATCH_RETURN_IF_ERROR(reader.Bool("essential", &skill->essential));
  return reader.Int("min_level", 0, kMaxSkillLevel, &skill->min_level);
}

Status ReadPastOccupation(const ObjectReader& reader,
                          PastOccupation* occupation) {
  SKILLMATCH_RETURN_IF_ERROR(reader.RequiredString("code", &occupation->code));
  return reader.Number("years", 0, HUGE_VAL, &occupation->years);
}

Status ReadProfile(const ObjectReader& reader, Profile* profile) {
  SKILLMATCH_RETURN_IF_ERROR(reader.RequiredString("id", &profile->id));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.StringList("target_occupations", &profile->target_occupations));
  SKILLMATCH_RETURN_IF_ERROR(reader.ObjectList(
      "past_occupations", &profile->past_occupations, ReadPastOccupation));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.ObjectList("skills", &profile->skills, ReadSkillClaim));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.ObjectList("soft_skills", &profile->soft_skills, ReadSkillClaim));
  SKILLMATCH_RETURN_IF_ERROR(
      CheckUniqueSkills(reader, profile->skills, profile->soft_skills));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.ObjectList("languages", &profile->languages, ReadLanguage));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalInt("education_level", 0, 8, &profile->education_level));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.String("education_field", &profile->education_field));
  SKILLMATCH_RETURN_IF_ERROR(reader.OptionalNumber(
      "experience_years", 0, HUGE_VAL, &profile->experience_years));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.Object("location", [&](const ObjectReader& location) {
        return ReadLocation(location, &profile->location);
      }));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.Object("mobility", [&](const ObjectReader& mobility) {
        MobilityPreference& pref = profile->mobility;
        SKILLMATCH_RETURN_IF_ERROR(
            mobility.OptionalNumber("radius_km", 0, HUGE_VAL, &pref.radius_km));
        SKILLMATCH_RETURN_IF_ERROR(mobility.Bool("national", &pref.national));
        const Geography& geography = Geography::Embedded();
        SKILLMATCH_RETURN_IF_ERROR(mobility.CanonicalList(
            "communities", &pref.communities,
            [&](std::string_view name) {
              return geography.CanonicalCommunity(name);
            },
            "an economic community (" + geography.CommunityNames() + ")"));
        SKILLMATCH_RETURN_IF_ERROR(
            mobility.Bool("international", &pref.international));
        return mobility.StringList("countries", &pref.countries, kCountryRule);
      }));
  SKILLMATCH_RETURN_IF_ERROR(reader.CanonicalList(
      "driving_licences", &profile->driving_licences, NormalizeLicence,
      kLicenceExpected));
  SKILLMATCH_RETURN_IF_ERROR(reader.OptionalString(
      "available_from", &profile->available_from, kDateRule));
  if (const json* contracts = reader.Find("wanted_contracts")) {
    const std::string path = reader.PathOf("wanted_contracts");
    if (!contracts->is_array()) {
      return reader.Error(path,
                          "expected an array, got " + Describe(*contracts));
    }
    for (size_t item_idx = 0; item_idx < contracts->size(); ++item_idx) {
      ContractType type;
      SKILLMATCH_RETURN_IF_ERROR(
          ContractValue(reader, (*contracts)[item_idx],
                        path + "[" + std::to_string(item_idx) + "]", &type));
      profile->wanted_contracts.push_back(type);
    }
  }
  SKILLMATCH_RETURN_IF_ERROR(reader.Object(
      "protected_attributes", [&](const ObjectReader& attributes) {
        ProtectedAttributes& out = profile->protected_attributes;
        SKILLMATCH_RETURN_IF_ERROR(
            attributes.String("gender", &out.gender, kGenderRule));
        SKILLMATCH_RETURN_IF_ERROR(
            attributes.String("age_band", &out.age_band, kAgeBandRule));
        SKILLMATCH_RETURN_IF_ERROR(
            attributes.OptionalBool("disability", &out.disability));
        return attributes.OptionalBool("rural", &out.rural);
      }));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalString("registered", &profile->registered, kDateRule));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalString("exited", &profile->exited, kDateRule));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.String("exit_reason", &profile->exit_reason, kExitReasonRule));
  // Dates are checked text (YYYY-MM-DD), so they compare as the days do.
  if (profile->registered && profile->exited &&
      *profile->exited < *profile->registered) {
    return reader.Error("exited", "expected a date on or after registered (" +
                                      *profile->registered + "), got " +
                                      Describe(*reader.Find("exited")));
  }
  if (!profile->exit_reason.empty() && !profile->exited) {
    return reader.Error("exit_reason",
                        "given without an exit date (exited), got " +
                            Describe(*reader.Find("exit_reason")));
  }
  return Status::Ok();
}

Status ReadOffer(const ObjectReader& reader, Offer* offer) {
  SKILLMATCH_RETURN_IF_ERROR(reader.RequiredString("id", &offer->id));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("source", &offer->source));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("source_ref", &offer->source_ref));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("employer", &offer->employer));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("title", &offer->title));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("description", &offer->description));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("occupation", &offer->occupation));
  if (reader.Find("coding_confidence") != nullptr) {
    double confidence = 0;
    SKILLMATCH_RETURN_IF_ERROR(
        reader.Number("coding_confidence", 0, 1, &confidence));
    offer->coding_confidence = static_cast<float>(confidence);
  }
  SKILLMATCH_RETURN_IF_ERROR(reader.Bool("needs_review", &offer->needs_review));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.ObjectList("skills", &offer->skills, ReadRequiredSkill));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.ObjectList("soft_skills", &offer->soft_skills, ReadRequiredSkill));
  SKILLMATCH_RETURN_IF_ERROR(
      CheckUniqueSkills(reader, offer->skills, offer->soft_skills));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.ObjectList("languages", &offer->languages, ReadLanguage));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalInt("min_education", 0, 8, &offer->min_education));
  SKILLMATCH_RETURN_IF_ERROR(reader.OptionalNumber(
      "min_experience_years", 0, HUGE_VAL, &offer->min_experience_years));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.Object("location", [&](const ObjectReader& location) {
        return ReadLocation(location, &offer->location);
      }));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.Bool("international", &offer->international));
  if (const json* contract = reader.Find("contract")) {
    ContractType type;
    SKILLMATCH_RETURN_IF_ERROR(
        ContractValue(reader, *contract, reader.PathOf("contract"), &type));
    offer->contract = type;
  }
  SKILLMATCH_RETURN_IF_ERROR(
      reader.Int("positions", 1, INT_MAX, &offer->positions));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalNumber("salary_min", 0, HUGE_VAL, &offer->salary_min));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalNumber("salary_max", 0, HUGE_VAL, &offer->salary_max));
  if (offer->salary_min && offer->salary_max &&
      *offer->salary_min > *offer->salary_max) {
    return reader.Error("salary_max", "expected a number >= salary_min (" +
                                          Describe(*reader.Find("salary_min")) +
                                          "), got " +
                                          Describe(*reader.Find("salary_max")));
  }
  SKILLMATCH_RETURN_IF_ERROR(
      reader.String("salary_currency", &offer->salary_currency, kCurrencyRule));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalString("published", &offer->published, kDateRule));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalString("expires", &offer->expires, kDateRule));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.CanonicalList("licences_required", &offer->licences_required,
                           NormalizeLicence, kLicenceExpected));
  SKILLMATCH_RETURN_IF_ERROR(
      reader.OptionalString("closed", &offer->closed, kDateRule));
  SKILLMATCH_RETURN_IF_ERROR(reader.String(
      "closing_reason", &offer->closing_reason, kClosingReasonRule));
  SKILLMATCH_RETURN_IF_ERROR(reader.String("hired", &offer->hired));
  if (offer->published && offer->closed && *offer->closed < *offer->published) {
    return reader.Error("closed", "expected a date on or after published (" +
                                      *offer->published + "), got " +
                                      Describe(*reader.Find("closed")));
  }
  if (!offer->closing_reason.empty() && !offer->closed) {
    return reader.Error("closing_reason",
                        "given without a closing date (closed), got " +
                            Describe(*reader.Find("closing_reason")));
  }
  if (offer->closed && offer->closing_reason.empty()) {
    return reader.Error("closing_reason",
                        "missing, expected filled, withdrawn, expired or "
                        "cancelled since closed is set");
  }
  if (!offer->hired.empty() && offer->closing_reason != kClosingFilled) {
    return reader.Error("hired", "given for an offer not closed as filled, got " +
                                     Describe(*reader.Find("hired")));
  }
  return Status::Ok();
}

template <typename T>
Result<T> Decode(const json& value, const std::string& where,
                 Status (*read)(const ObjectReader&, T*)) {
  if (!value.is_object()) {
    return Status::DataError(where + ": expected an object, got " +
                             Describe(value));
  }
  T record;
  Status status = read(ObjectReader(where, value, ""), &record);
  if (!status.ok()) return status;
  return record;
}

// ---------------------------------------------------------------------------
// Encoding

// A float such as 0.8f widened to double prints as 0.800000011920929; going
// through the float's shortest decimal form writes 0.8, which reads back to
// the same float.
double FloatForJson(float value) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  if (ec != std::errc()) return value;
  double widened = value;
  std::from_chars(buf, end, widened);
  return widened;
}

void PutString(ordered_json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

void PutStrings(ordered_json& out, const char* key,
                const std::vector<std::string>& values) {
  if (!values.empty()) out[key] = values;
}

template <typename T>
void PutOptional(ordered_json& out, const char* key,
                 const std::optional<T>& value) {
  if (value) out[key] = *value;
}

void PutFlag(ordered_json& out, const char* key, bool value) {
  if (value) out[key] = true;
}

void PutObject(ordered_json& out, const char* key, ordered_json value) {
  if (!value.empty()) out[key] = std::move(value);
}

ordered_json LocationJson(const Location& location) {
  ordered_json out = ordered_json::object();
  PutString(out, "country", location.country);
  PutString(out, "region", location.region);
  PutString(out, "city", location.city);
  PutOptional(out, "lat", location.lat);
  PutOptional(out, "lon", location.lon);
  return out;
}

ordered_json LanguagesJson(const std::vector<LanguageLevel>& languages) {
  ordered_json out = ordered_json::array();
  for (const LanguageLevel& language : languages) {
    out.push_back({{"code", language.code}, {"level", language.level}});
  }
  return out;
}

ordered_json SkillClaimsJson(const std::vector<SkillClaim>& skills) {
  ordered_json out = ordered_json::array();
  for (const SkillClaim& skill : skills) {
    out.push_back({{"skill_id", skill.skill_id},
                   {"level", skill.level},
                   {"validated", skill.validated}});
  }
  return out;
}

ordered_json RequiredSkillsJson(const std::vector<RequiredSkill>& skills) {
  ordered_json out = ordered_json::array();
  for (const RequiredSkill& skill : skills) {
    out.push_back({{"skill_id", skill.skill_id},
                   {"essential", skill.essential},
                   {"min_level", skill.min_level}});
  }
  return out;
}

// ---------------------------------------------------------------------------
// Direct encoding

// Writes JSON text straight into one string, byte for byte as nlohmann's
// dump() (indent -1, ensure_ascii false) writes the tree ToJson builds: the
// offer importer stores one document per row, and building then dumping
// the tree took about 15% of its CPU. Keys are plain ASCII names and need
// no escaping. Strings that are not valid UTF-8 are written anyway and noted:
// the caller then falls back on dump(), which throws its own exception.
class JsonWriter {
 public:
  explicit JsonWriter(size_t reserve) { text_.reserve(reserve); }

  // The comma between members or elements; none right after '{' or '['.
  void Comma() {
    if (text_.back() != '{' && text_.back() != '[') text_.push_back(',');
  }

  void Key(std::string_view name) {
    Comma();
    text_.push_back('"');
    text_.append(name);
    text_.append("\":");
  }

  void Raw(char c) { text_.push_back(c); }

  // '"', '\\' and the control characters below 0x20 are escaped (five by
  // name, the others as \u00xx in lower-case hex); every other byte, 0x7F
  // and UTF-8 sequences included, is copied as it is.
  void String(std::string_view value) {
    text_.push_back('"');
    unsigned char all_bytes = 0;  // OR of the bytes: ASCII needs no check
    size_t run_start = 0;
    for (size_t pos = 0; pos < value.size(); ++pos) {
      const auto byte = static_cast<unsigned char>(value[pos]);
      all_bytes |= byte;
      if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
      text_.append(value.data() + run_start, pos - run_start);
      run_start = pos + 1;
      switch (byte) {
        case '"':
          text_.append("\\\"");
          break;
        case '\\':
          text_.append("\\\\");
          break;
        case '\b':
          text_.append("\\b");
          break;
        case '\f':
          text_.append("\\f");
          break;
        case '\n':
          text_.append("\\n");
          break;
        case '\r':
          text_.append("\\r");
          break;
        case '\t':
          text_.append("\\t");
          break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char escape[] = {
              '\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xF]};
          text_.append(escape, sizeof(escape));
        }
      }
    }
    text_.append(value.data() + run_start, value.size() - run_start);
    text_.push_back('"');
    if ((all_bytes & 0x80) != 0 && !text::IsValidUtf8(value)) {
      valid_utf8_ = false;
    }
  }

  void Int(long long value) {
    char buf[24];
    const char* end = std::to_chars(buf, buf + sizeof(buf), value).ptr;
    text_.append(buf, static_cast<size_t>(end - buf));
  }

  // nlohmann's own shortest round-trip form, from the function its
  // serializer calls, so that the bytes cannot drift from dump(); it lives
  // in nlohmann::detail, which a new release could move: the tests compare
  // with dump(). Not finite numbers are null, as in dump().
  void Double(double value) {
    if (!std::isfinite(value)) {
      text_.append("null");
      return;
    }
    char buf[64];  // the size of the serializer's own buffer
    const char* end = nlohmann::detail::to_chars(buf, buf + sizeof(buf), value);
    text_.append(buf, static_cast<size_t>(end - buf));
  }

  void Bool(bool value) { text_.append(value ? "true" : "false"); }

  size_t size() const { return text_.size(); }
  char back() const { return text_.back(); }
  void Truncate(size_t size) { text_.resize(size); }

  bool valid_utf8() const { return valid_utf8_; }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
  bool valid_utf8_ = true;
};

// The Put* helpers of the tree, for the writer: the same omissions.
void WriteString(JsonWriter& out, std::string_view key,
                 const std::string& value) {
  if (value.empty()) return;
  out.Key(key);
  out.String(value);
}

void WriteOptional(JsonWriter& out, std::string_view key,
                   const std::optional<double>& value) {
  if (!value) return;
  out.Key(key);
  out.Double(*value);
}

void WriteFlag(JsonWriter& out, std::string_view key, bool value) {
  if (!value) return;
  out.Key(key);
  out.Bool(true);
}

void WriteStrings(JsonWriter& out, std::string_view key,
                  const std::vector<std::string>& values) {
  if (values.empty()) return;
  out.Key(key);
  out.Raw('[');
  for (const std::string& value : values) {
    out.Comma();
    out.String(value);
  }
  out.Raw(']');
}

void WriteRequiredSkills(JsonWriter& out, std::string_view key,
                         const std::vector<RequiredSkill>& skills) {
  if (skills.empty()) return;
  out.Key(key);
  out.Raw('[');
  for (const RequiredSkill& skill : skills) {
    out.Comma();
    out.Raw('{');
    out.Key("skill_id");
    out.String(skill.skill_id);
    out.Key("essential");
    out.Bool(skill.essential);
    out.Key("min_level");
    out.Int(skill.min_level);
    out.Raw('}');
  }
  out.Raw(']');
}

void WriteLanguages(JsonWriter& out,
                    const std::vector<LanguageLevel>& languages) {
  if (languages.empty()) return;
  out.Key("languages");
  out.Raw('[');
  for (const LanguageLevel& language : languages) {
    out.Comma();
    out.Raw('{');
    out.Key("code");
    out.String(language.code);
    out.Key("level");
    out.Int(language.level);
    out.Raw('}');
  }
  out.Raw(']');
}

// Omitted when it has no member, as PutObject omits an empty object: the
// members are written, then taken back if there were none.
void WriteLocation(JsonWriter& out, const Location& location) {
  const size_t start = out.size();
  out.Key("location");
  out.Raw('{');
  WriteString(out, "country", location.country);
  WriteString(out, "region", location.region);
  WriteString(out, "city", location.city);
  WriteOptional(out, "lat", location.lat);
  WriteOptional(out, "lon", location.lon);
  if (out.back() == '{') {
    out.Truncate(start);
  } else {
    out.Raw('}');
  }
}

// ---------------------------------------------------------------------------
// Streaming

template <typename T>
using LocatedVisitor = std::function<Status(T&&, const std::string& where)>;

template <typename T>
LocatedVisitor<T> IgnoringPlace(const std::function<Status(T&&)>& on_record) {
  return [&on_record](T&& record, const std::string&) {
    return on_record(std::move(record));
  };
}

template <typename T>
Status ReadRecords(std::istream& in, const std::string& name,
                   Result<T> (*decode)(const json&, const std::string&),
                   const LocatedVisitor<T>& on_record,
                   const std::function<void(const Status&)>& on_error) {
  // JSON Lines, or one array when the first non-blank byte is '['.
  auto records = JsonRecords::Open(&in, name);
  if (!records.ok()) return records.status();
  JsonRecord item;
  while ((*records)->Next(&item)) {
    const std::string where = name + ":" + std::to_string(item.line);
    Status problem;
    if (!item.problem.empty()) {
      problem = Status::DataError(where + ": " + item.problem);
    } else {
      // CRLF files: the '\r' would parse fine as JSON blank, but dropping it
      // keeps the text handed on clean.
      if ((*records)->layout() == JsonRecords::Options::Layout::kLines &&
          !item.text.empty() && item.text.back() == '\r') {
        item.text.pop_back();
      }
      json value;
      try {
        value = json::parse(item.text);
      } catch (const json::exception& e) {
        // "name:line:column: invalid JSON: ..." (json_error.h); an array's
        // element may start mid-line, where the column is not known.
        problem = Status::DataError(classification::InvalidJsonMessage(
            name, e, item.line,
            (*records)->layout() == JsonRecords::Options::Layout::kLines));
      }
      if (problem.ok()) {
        Result<T> record = decode(value, where);
        if (record.ok()) {
          SKILLMATCH_RETURN_IF_ERROR(
              on_record(std::move(record).value(), where));
          continue;
        }
        problem = record.status();
      }
    }
    if (!on_error) return problem;
    on_error(problem);
  }
  return (*records)->status();
}

template <typename T>
Status ReadRecordsFromPath(const std::string& path,
                           Result<T> (*decode)(const json&, const std::string&),
                           const LocatedVisitor<T>& on_record,
                           const std::function<void(const Status&)>& on_error) {
  if (path == "-") {
    return ReadRecords(std::cin, "<stdin>", decode, on_record, on_error);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::IoError(path + ": is a directory, expected a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) return Status::NotFound(path + ": cannot open file");
  return ReadRecords(in, path, decode, on_record, on_error);
}

}  // namespace

std::string DescribeJson(const json& value) { return Describe(value); }

std::string_view ToString(ContractType type) {
  for (const auto& [value, name] : kContractNames) {
    if (value == type) return name;
  }
  return "unknown";
}

std::optional<ContractType> ParseContractType(std::string_view text) {
  for (const auto& [value, name] : kContractNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

ordered_json ToJson(const Profile& profile) {
  ordered_json out = ordered_json::object();
  out["id"] = profile.id;
  PutStrings(out, "target_occupations", profile.target_occupations);
  if (!profile.past_occupations.empty()) {
    ordered_json& past = out["past_occupations"] = ordered_json::array();
    for (const PastOccupation& occupation : profile.past_occupations) {
      past.push_back({{"code", occupation.code}, {"years", occupation.years}});
    }
  }
  if (!profile.skills.empty()) out["skills"] = SkillClaimsJson(profile.skills);
  if (!profile.soft_skills.empty()) {
    out["soft_skills"] = SkillClaimsJson(profile.soft_skills);
  }
  if (!profile.languages.empty()) {
    out["languages"] = LanguagesJson(profile.languages);
  }
  PutOptional(out, "education_level", profile.education_level);
  PutString(out, "education_field", profile.education_field);
  PutOptional(out, "experience_years", profile.experience_years);
  PutObject(out, "location", LocationJson(profile.location));

  const MobilityPreference& pref = profile.mobility;
  ordered_json mobility = ordered_json::object();
  PutOptional(mobility, "radius_km", pref.radius_km);
  PutFlag(mobility, "national", pref.national);
  PutStrings(mobility, "communities", pref.communities);
  PutFlag(mobility, "international", pref.international);
  PutStrings(mobility, "countries", pref.countries);
  PutObject(out, "mobility", std::move(mobility));

  PutStrings(out, "driving_licences", profile.driving_licences);
  PutOptional(out, "available_from", profile.available_from);
  if (!profile.wanted_contracts.empty()) {
    ordered_json& contracts = out["wanted_contracts"] = ordered_json::array();
    for (ContractType type : profile.wanted_contracts) {
      contracts.push_back(ToString(type));
    }
  }

  const ProtectedAttributes& attributes = profile.protected_attributes;
  ordered_json protected_json = ordered_json::object();
  PutString(protected_json, "gender", attributes.gender);
  PutString(protected_json, "age_band", attributes.age_band);
  PutOptional(protected_json, "disability", attributes.disability);
  PutOptional(protected_json, "rural", attributes.rural);
  PutObject(out, "protected_attributes", std::move(protected_json));
  PutOptional(out, "registered", profile.registered);
  PutOptional(out, "exited", profile.exited);
  PutString(out, "exit_reason", profile.exit_reason);
  return out;
}

ordered_json ToJson(const Offer& offer) {
  ordered_json out = ordered_json::object();
  out["id"] = offer.id;
  PutString(out, "source", offer.source);
  PutString(out, "source_ref", offer.source_ref);
  PutString(out, "employer", offer.employer);
  PutString(out, "title", offer.title);
  PutString(out, "description", offer.description);
  PutString(out, "occupation", offer.occupation);
  if (offer.coding_confidence) {
    out["coding_confidence"] = FloatForJson(*offer.coding_confidence);
  }
  PutFlag(out, "needs_review", offer.needs_review);
  if (!offer.skills.empty()) out["skills"] = RequiredSkillsJson(offer.skills);
  if (!offer.soft_skills.empty()) {
    out["soft_skills"] = RequiredSkillsJson(offer.soft_skills);
  }
  if (!offer.languages.empty()) {
    out["languages"] = LanguagesJson(offer.languages);
  }
  PutOptional(out, "min_education", offer.min_education);
  PutOptional(out, "min_experience_years", offer.min_experience_years);
  PutObject(out, "location", LocationJson(offer.location));
  PutFlag(out, "international", offer.international);
  if (offer.contract) out["contract"] = ToString(*offer.contract);
  // Always written: 1 is a real count, not "no data".
  out["positions"] = offer.positions;
  PutOptional(out, "salary_min", offer.salary_min);
  PutOptional(out, "salary_max", offer.salary_max);
  PutString(out, "salary_currency", offer.salary_currency);
  PutOptional(out, "published", offer.published);
  PutOptional(out, "expires", offer.expires);
  PutStrings(out, "licences_required", offer.licences_required);
  PutOptional(out, "closed", offer.closed);
  PutString(out, "closing_reason", offer.closing_reason);
  PutString(out, "hired", offer.hired);
  return out;
}

Result<std::string> OfferDocument(const Offer& offer) {
  // Field for field the order and omissions of ToJson(const Offer&).
  // Room for the free text, the lists, and ~300 bytes of keys and codes.
  JsonWriter out(320 + offer.employer.size() + offer.title.size() +
                 offer.description.size() +
                 48 * (offer.skills.size() + offer.soft_skills.size()) +
                 32 * offer.languages.size() +
                 8 * offer.licences_required.size());
  out.Raw('{');
  out.Key("id");
  out.String(offer.id);
  WriteString(out, "source", offer.source);
  WriteString(out, "source_ref", offer.source_ref);
  WriteString(out, "employer", offer.employer);
  WriteString(out, "title", offer.title);
  WriteString(out, "description", offer.description);
  WriteString(out, "occupation", offer.occupation);
  if (offer.coding_confidence) {
    out.Key("coding_confidence");
    out.Double(FloatForJson(*offer.coding_confidence));
  }
  WriteFlag(out, "needs_review", offer.needs_review);
  WriteRequiredSkills(out, "skills", offer.skills);
  WriteRequiredSkills(out, "soft_skills", offer.soft_skills);
  WriteLanguages(out, offer.languages);
  if (offer.min_education) {
    out.Key("min_education");
    out.Int(*offer.min_education);
  }
  WriteOptional(out, "min_experience_years", offer.min_experience_years);
  WriteLocation(out, offer.location);
  WriteFlag(out, "international", offer.international);
  if (offer.contract) {
    out.Key("contract");
    out.String(ToString(*offer.contract));
  }
  out.Key("positions");
  out.Int(offer.positions);
  WriteOptional(out, "salary_min", offer.salary_min);
  WriteOptional(out, "salary_max", offer.salary_max);
  WriteString(out, "salary_currency", offer.salary_currency);
  // An optional string is written when set, even to "" (as PutOptional).
  if (offer.published) {
    out.Key("published");
    out.String(*offer.published);
  }
  if (offer.expires) {
    out.Key("expires");
    out.String(*offer.expires);
  }
  WriteStrings(out, "licences_required", offer.licences_required);
  if (offer.closed) {
    out.Key("closed");
    out.String(*offer.closed);
  }
  WriteString(out, "closing_reason", offer.closing_reason);
  WriteString(out, "hired", offer.hired);
  out.Raw('}');
  // dump() refuses such text with type_error 316; let it say so itself.
  if (!out.valid_utf8()) {
    try {
      return ToJson(offer).dump();  // not reached while the two agree
    } catch (const json::exception& e) {
      return Status::DataError(std::string("cannot write as JSON: ") +
                               e.what());
    }
  }
  return out.Take();
}

Result<Profile> ProfileFromJson(const json& json_value,
                                const std::string& where) {
  return Decode<Profile>(json_value, where, ReadProfile);
}

Result<Offer> OfferFromJson(const json& json_value, const std::string& where) {
  return Decode<Offer>(json_value, where, ReadOffer);
}

Status ReadProfiles(const std::string& path,
                    const std::function<Status(Profile&&)>& on_record,
                    const std::function<void(const Status&)>& on_error) {
  return ReadRecordsFromPath<Profile>(path, ProfileFromJson, IgnoringPlace(on_record),
                                      on_error);
}

Status ReadOffers(const std::string& path,
                  const std::function<Status(Offer&&)>& on_record,
                  const std::function<void(const Status&)>& on_error) {
  return ReadRecordsFromPath<Offer>(path, OfferFromJson, IgnoringPlace(on_record),
                                    on_error);
}

Status ReadProfiles(std::istream& in, const std::string& name,
                    const std::function<Status(Profile&&)>& on_record,
                    const std::function<void(const Status&)>& on_error) {
  return ReadRecords<Profile>(in, name, ProfileFromJson, IgnoringPlace(on_record),
                              on_error);
}

Status ReadOffers(std::istream& in, const std::string& name,
                  const std::function<Status(Offer&&)>& on_record,
                  const std::function<void(const Status&)>& on_error) {
  return ReadRecords<Offer>(in, name, OfferFromJson, IgnoringPlace(on_record), on_error);
}

Status ReadProfilesLocated(const std::string& path,
                           const LocatedVisitor<Profile>& on_record,
                           const std::function<void(const Status&)>& on_error) {
  return ReadRecordsFromPath<Profile>(path, ProfileFromJson, on_record, on_error);
}

Status ReadOffersLocated(const std::string& path, const LocatedVisitor<Offer>& on_record,
                         const std::function<void(const Status&)>& on_error) {
  return ReadRecordsFromPath<Offer>(path, OfferFromJson, on_record, on_error);
}

}  // namespace skillmatch::engine
