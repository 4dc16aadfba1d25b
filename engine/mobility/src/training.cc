#include "skillmatch/mobility/training.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::mobility {

namespace {
const std::vector<std::string> kColumns = {
    "id", "provider", "title", "country", "region", "city", "duration_hours",
    "cost", "currency", "skills", "ncf_field", "ncf_level"};

bool AllDigits(const std::string& s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}
}  // namespace

Result<std::vector<Training>> ReadTrainingCatalogue(
    const std::string& path, const classification::Taxonomy* taxonomy) {
  if (!std::filesystem::exists(path)) return Status::NotFound(path + ": no such file");
  SKILLMATCH_ASSIGN_OR_RETURN(reader, csv::Reader::Open(path));
  std::vector<std::string> fields;
  if (!reader->Next(&fields)) {
    if (!reader->status().ok()) return Status::DataError(reader->status().message());
    return Status::DataError(path + ":1: empty file, expected a header row");
  }
  csv::Header header(fields);
  for (const std::string& column : kColumns) {
    if (header.Find(column) < 0)
      return Status::DataError(path + ":1: " + column + ": missing column in the header");
  }
  std::vector<Training> out;
  std::set<std::string> ids;
  while (reader->Next(&fields)) {
    const int64_t line = reader->record_line();
    auto fail = [&](const std::string& field, const std::string& message) {
      return Status::DataError(path + ":" + std::to_string(line) + ": " + field +
                               ": " + message);
    };
    if (fields.size() != header.names().size())
      return Status::DataError(path + ":" + std::to_string(line) + ": expected " +
                               std::to_string(header.names().size()) + " fields, got " +
                               std::to_string(fields.size()));
    for (size_t col = 0; col < fields.size(); ++col) {
      std::string problem = text::Utf8Problem(fields[col]);
      if (!problem.empty()) return fail(header.names()[col], problem);
    }
    auto get = [&](const char* name) { return fields[header.Find(name)]; };
    Training t;
    t.line = static_cast<int>(line);
    t.id = get("id");
    if (t.id.empty()) return fail("id", "empty");
    if (!ids.insert(t.id).second) return fail("id", "duplicate id " + text::Quoted(t.id));
    t.provider = get("provider");
    t.title = get("title");
    if (t.title.empty()) return fail("title", "empty");
    t.country = get("country");
    if (t.country.size() != 2 || !std::isupper(static_cast<unsigned char>(t.country[0])) ||
        !std::isupper(static_cast<unsigned char>(t.country[1])))
      return fail("country", "expected an ISO 3166-1 alpha-2 code, got " +
                                 text::Quoted(t.country));
    t.region = get("region");
    t.city = get("city");
    const std::string hours = get("duration_hours");
    if (hours.empty() || hours.size() > 5 ||
        !std::all_of(hours.begin(), hours.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) ||
        std::stoi(hours) == 0)
      return fail("duration_hours", "expected a whole number of hours (1 to 99999), got " +
                                        text::Quoted(hours));
    t.duration_hours = std::stoi(hours);
    const std::string cost = get("cost");
    if (!cost.empty()) {
      try {
        size_t used = 0;
        double value = std::stod(cost, &used);
        if (used != cost.size() || !(value >= 0)) throw std::invalid_argument("");
        t.cost = value;
      } catch (const std::exception&) {
        return fail("cost", "expected an amount >= 0 or nothing, got " + text::Quoted(cost));
      }
    }
    t.currency = get("currency");
    if (t.cost && *t.cost > 0 && t.currency.size() != 3)
      return fail("currency", "expected an ISO 4217 code with a cost, got " +
                                  text::Quoted(t.currency));
    std::string skills = get("skills");
    size_t start = 0;
    while (start <= skills.size()) {
      size_t end = skills.find(';', start);
      if (end == std::string::npos) end = skills.size();
      std::string id = skills.substr(start, end - start);
      if (!id.empty()) {
        if (taxonomy != nullptr && taxonomy->FindSkill(id) == classification::kNoSkill)
          return fail("skills", "unknown skill " + text::Quoted(id));
        t.skills.push_back(id);
      }
      start = end + 1;
    }
    if (t.skills.empty()) return fail("skills", "empty: a training teaches at least one skill");
    t.ncf_field = get("ncf_field");
    if (!t.ncf_field.empty() && !AllDigits(t.ncf_field, 5))
      return fail("ncf_field", "expected an NCF detailed field (5 digits), got " +
                                   text::Quoted(t.ncf_field));
    t.ncf_level = get("ncf_level");
    if (!t.ncf_level.empty() && !AllDigits(t.ncf_level, 1))
      return fail("ncf_level", "expected an NCF level (1 digit), got " +
                                   text::Quoted(t.ncf_level));
    out.push_back(std::move(t));
  }
  if (!reader->status().ok()) return Status::DataError(reader->status().message());
  return out;
}

}  // namespace skillmatch::mobility
