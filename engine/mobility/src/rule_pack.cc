#include "skillmatch/mobility/rule_pack.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "skillmatch/classification/atomic_file.h"
#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::mobility {

namespace fs = std::filesystem;
using classification::Taxonomy;

const Destination* RulePack::FindDestination(const std::string& country) const {
  for (const Destination& d : destinations) {
    if (d.country == country) return &d;
  }
  return nullptr;
}

namespace {

const std::vector<std::string> kRuleColumns = {
    "id", "destination", "nationality", "route", "instrument", "signed_on",
    "valid_from", "valid_to", "seq", "label", "occupation", "isco08",
    "mapping", "confidence", "regulated", "diploma", "no_labour_market_test",
    "source", "source_url", "legal_text_url"};
const std::vector<std::string> kDestinationColumns = {
    "country", "language", "min_level", "note", "source"};
const std::vector<std::string> kReviewColumns = {
    "rule_id", "label", "suggested", "suggested_label", "confidence",
    "alternatives"};

bool IsCountry(const std::string& s) {
  return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1]));
}

bool IsDay(const std::string& s) {
  // YYYY-MM-DD, a real day.
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)),
      d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

bool IsIsco(const std::string& s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

// "A1" .. "C2" <-> 1..6.
std::optional<int> ParseCefr(const std::string& s) {
  static const char* kNames[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
  for (int i = 0; i < 6; ++i) {
    if (s == kNames[i]) return i + 1;
  }
  return std::nullopt;
}

std::string CefrName(int level) {
  static const char* kNames[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
  return level >= 1 && level <= 6 ? kNames[level - 1] : "";
}

std::string FormatConfidence(const std::optional<float>& c) {
  if (!c) return "";
  std::ostringstream out;
  out.precision(3);
  out << std::fixed << *c;
  return out.str();
}

// Reads a CSV with a header: each record as a map column -> value. Problems
// go to `problems` as "<name>:<line>: <field>: <message>"; a file that
// cannot be read is one problem.
struct CsvRow {
  int64_t line = 0;
  std::map<std::string, std::string> cells;
  const std::string& operator[](const std::string& key) const {
    static const std::string kEmpty;
    auto it = cells.find(key);
    return it == cells.end() ? kEmpty : it->second;
  }
};

Status ReadTable(const std::string& path, const std::string& name,
                 const std::vector<std::string>& required,
                 std::vector<CsvRow>* rows) {
  if (!fs::exists(path)) return Status::NotFound(path + ": no such file");
  auto reader = csv::Reader::Open(path);
  if (!reader.ok()) return reader.status();
  std::vector<std::string> fields;
  if (!(*reader)->Next(&fields)) {
    if (!(*reader)->status().ok()) return (*reader)->status();
    return Status::DataError(name + ":1: empty file, expected a header row");
  }
  std::vector<std::string> header = fields;
  for (const std::string& column : required) {
    if (std::find(header.begin(), header.end(), column) == header.end()) {
      return Status::DataError(name + ":1: " + column +
                               ": missing column in the header");
    }
  }
  while ((*reader)->Next(&fields)) {
    CsvRow row;
    row.line = (*reader)->record_line();
    if (fields.size() != header.size()) {
      return Status::DataError(name + ":" + std::to_string(row.line) +
                               ": expected " + std::to_string(header.size()) +
                               " fields, got " + std::to_string(fields.size()));
    }
    for (size_t col = 0; col < header.size(); ++col) {
      std::string problem = text::Utf8Problem(fields[col]);
      if (!problem.empty()) {
        return Status::DataError(name + ":" + std::to_string(row.line) + ": " +
                                 header[col] + ": " + problem);
      }
      row.cells[header[col]] = fields[col];
    }
    rows->push_back(std::move(row));
  }
  if (!(*reader)->status().ok()) {
    return Status::DataError((*reader)->status().message());
  }
  return Status::Ok();
}

// Collects problems; ReadRulePack stops at the first, ValidateRulePack
// reports them all.
struct Problems {
  std::vector<std::string> list;
  void Add(const std::string& file, int64_t line, const std::string& field,
           const std::string& message) {
    list.push_back(file + ":" + std::to_string(line) + ": " + field + ": " +
                   message);
  }
};

void CheckRule(const Rule& r, const std::string& file, const Taxonomy* taxonomy,
               std::set<std::string>* ids, Problems* p) {
  const int64_t line = r.line;
  if (r.id.empty()) p->Add(file, line, "id", "empty");
  else if (!ids->insert(r.id).second)
    p->Add(file, line, "id", "duplicate id " + text::Quoted(r.id));
  if (!IsCountry(r.destination))
    p->Add(file, line, "destination",
           "expected an ISO 3166-1 alpha-2 code, got " + text::Quoted(r.destination));
  if (!r.nationality.empty() && !IsCountry(r.nationality))
    p->Add(file, line, "nationality",
           "expected an ISO 3166-1 alpha-2 code or nothing, got " +
               text::Quoted(r.nationality));
  if (r.route != kRouteAgreement && r.route != kRouteShortageList &&
      r.route != kRouteEuShortage)
    p->Add(file, line, "route",
           "unknown route " + text::Quoted(r.route) + ", expected " +
               kRouteAgreement + ", " + kRouteShortageList + " or " +
               kRouteEuShortage);
  if (!r.signed_on.empty() && !IsDay(r.signed_on))
    p->Add(file, line, "signed_on",
           "expected a date YYYY-MM-DD, got " + text::Quoted(r.signed_on));
  if (!IsDay(r.valid_from))
    p->Add(file, line, "valid_from",
           "expected a date YYYY-MM-DD, got " + text::Quoted(r.valid_from));
  if (!r.valid_to.empty()) {
    if (!IsDay(r.valid_to))
      p->Add(file, line, "valid_to",
             "expected a date YYYY-MM-DD or nothing, got " + text::Quoted(r.valid_to));
    else if (IsDay(r.valid_from) && r.valid_to < r.valid_from)
      p->Add(file, line, "valid_to",
             "ends on " + r.valid_to + ", before valid_from " + r.valid_from);
  }
  if (r.label.empty()) p->Add(file, line, "label", "empty");
  if (r.mapping != kMappingCoder && r.mapping != kMappingPerson &&
      r.mapping != kMappingReview) {
    p->Add(file, line, "mapping",
           "unknown mapping " + text::Quoted(r.mapping) +
               ", expected coder, person or review");
  } else if (r.mapping == kMappingReview && !r.occupation.empty()) {
    p->Add(file, line, "occupation",
           "a code awaiting review must be empty, got " + text::Quoted(r.occupation));
  } else if (r.mapping != kMappingReview && r.occupation.empty()) {
    p->Add(file, line, "occupation", "empty, but mapping is " + r.mapping);
  }
  if (!r.occupation.empty() && taxonomy != nullptr) {
    classification::NodeIndex node = taxonomy->FindNode(r.occupation);
    if (node == classification::kNoNode)
      p->Add(file, line, "occupation",
             "unknown code " + text::Quoted(r.occupation) + " in taxonomy " +
                 taxonomy->info().name);
    else if (!taxonomy->IsOccupation(node))
      p->Add(file, line, "occupation",
             text::Quoted(r.occupation) + " is a " + taxonomy->node(node).level +
                 ", not an occupation");
  }
  if (!r.isco08.empty() && !IsIsco(r.isco08))
    p->Add(file, line, "isco08",
           "expected an ISCO-08 unit group (4 digits), got " + text::Quoted(r.isco08));
  if (r.regulated != "" && r.regulated != "yes" && r.regulated != "no")
    p->Add(file, line, "regulated",
           "expected yes, no or nothing, got " + text::Quoted(r.regulated));
  if (r.source.empty()) p->Add(file, line, "source", "empty: every rule cites its source");
  if (r.source_url.empty()) p->Add(file, line, "source_url", "empty");
}

struct Loaded {
  RulePack pack;
  Problems problems;
  Status fatal;  // a file missing or unreadable
};

Loaded Load(const std::string& dir, const Taxonomy* taxonomy, bool stop_early) {
  Loaded out;
  if (!fs::is_directory(dir)) {
    out.fatal = Status::NotFound(dir + ": no such folder (a rule pack is a folder)");
    return out;
  }
  const std::string base = (fs::path(dir)).string();
  auto path = [&](const char* file) { return (fs::path(dir) / file).string(); };
  // pack.json
  {
    std::ifstream in(path("pack.json"));
    if (!in) {
      out.fatal = Status::NotFound(path("pack.json") + ": no such file");
      return out;
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      out.fatal = Status::DataError(classification::InvalidJsonMessage(path("pack.json"), e));
      return out;
    }
    auto str = [&](const char* key, std::string* value, bool required) {
      if (!j.is_object() || !j.contains(key)) {
        if (required) out.problems.list.push_back(path("pack.json") + ": " + key + ": missing");
        return;
      }
      if (!j[key].is_string()) {
        out.problems.list.push_back(path("pack.json") + ": " + key + ": expected a string");
        return;
      }
      *value = j[key].get<std::string>();
    };
    RulePackInfo& info = out.pack.info;
    str("format", &info.format, true);
    if (info.format != kRulePackFormat && out.problems.list.empty())
      out.problems.list.push_back(path("pack.json") + ": format: expected " +
                                  std::string(kRulePackFormat) + ", got " +
                                  text::Quoted(info.format));
    str("name", &info.name, true);
    str("version", &info.version, true);
    str("built_on", &info.built_on, false);
    str("built_from", &info.built_from, false);
    str("taxonomy", &info.taxonomy, false);
    if (j.is_object() && j.contains("gaps")) {
      if (!j["gaps"].is_array()) {
        out.problems.list.push_back(path("pack.json") + ": gaps: expected an array");
      } else {
        for (const auto& g : j["gaps"]) {
          if (!g.is_object() || !g.contains("destination") || !g.contains("what") ||
              !g["destination"].is_string() || !g["what"].is_string()) {
            out.problems.list.push_back(path("pack.json") +
                                        ": gaps: each gap needs destination and what (strings)");
            break;
          }
          Gap gap;
          gap.destination = g["destination"].get<std::string>();
          if (g.contains("nationality") && g["nationality"].is_string())
            gap.nationality = g["nationality"].get<std::string>();
          gap.what = g["what"].get<std::string>();
          info.gaps.push_back(gap);
        }
      }
    }
    if (stop_early && !out.problems.list.empty()) return out;
  }
  // rules.csv
  {
    std::vector<CsvRow> rows;
    Status read = ReadTable(path("rules.csv"), path("rules.csv"), kRuleColumns, &rows);
    if (!read.ok()) {
      if (read.code() == StatusCode::kNotFound) out.fatal = read;
      else out.problems.list.push_back(read.message());
      return out;
    }
    std::set<std::string> ids;
    for (const CsvRow& row : rows) {
      Rule r;
      r.line = static_cast<int>(row.line);
      r.id = row["id"];
      r.destination = row["destination"];
      r.nationality = row["nationality"];
      r.route = row["route"];
      r.instrument = row["instrument"];
      r.signed_on = row["signed_on"];
      r.valid_from = row["valid_from"];
      r.valid_to = row["valid_to"];
      r.label = row["label"];
      r.occupation = row["occupation"];
      r.isco08 = row["isco08"];
      r.mapping = row["mapping"];
      r.regulated = row["regulated"];
      r.diploma = row["diploma"];
      r.source = row["source"];
      r.source_url = row["source_url"];
      r.legal_text_url = row["legal_text_url"];
      const std::string file = path("rules.csv");
      try {
        size_t used = 0;
        r.seq = std::stoi(row["seq"], &used);
        if (used != row["seq"].size() || r.seq < 1) throw std::invalid_argument("");
      } catch (const std::exception&) {
        out.problems.Add(file, row.line, "seq",
                         "expected a position 1, 2, ..., got " + text::Quoted(row["seq"]));
      }
      if (!row["confidence"].empty()) {
        try {
          size_t used = 0;
          float c = std::stof(row["confidence"], &used);
          if (used != row["confidence"].size() || !(c >= 0 && c <= 1))
            throw std::invalid_argument("");
          r.confidence = c;
        } catch (const std::exception&) {
          out.problems.Add(file, row.line, "confidence",
                           "expected a number in [0, 1], got " +
                               text::Quoted(row["confidence"]));
        }
      }
      const std::string& nlmt = row["no_labour_market_test"];
      if (nlmt == "yes") r.no_labour_market_test = true;
      else if (nlmt != "" && nlmt != "no")
        out.problems.Add(file, row.line, "no_labour_market_test",
                         "expected yes, no or nothing, got " + text::Quoted(nlmt));
      CheckRule(r, file, taxonomy, &ids, &out.problems);
      if (stop_early && !out.problems.list.empty()) return out;
      out.pack.rules.push_back(std::move(r));
    }
  }
  // destinations.csv
  {
    std::vector<CsvRow> rows;
    const std::string file = path("destinations.csv");
    Status read = ReadTable(file, file, kDestinationColumns, &rows);
    if (!read.ok()) {
      if (read.code() == StatusCode::kNotFound) out.fatal = read;
      else out.problems.list.push_back(read.message());
      return out;
    }
    std::set<std::string> seen;
    for (const CsvRow& row : rows) {
      Destination d;
      d.country = row["country"];
      d.language = row["language"];
      d.note = row["note"];
      d.source = row["source"];
      if (!IsCountry(d.country))
        out.problems.Add(file, row.line, "country",
                         "expected an ISO 3166-1 alpha-2 code, got " + text::Quoted(d.country));
      else if (!seen.insert(d.country).second)
        out.problems.Add(file, row.line, "country", "duplicate destination " + d.country);
      if (!row["min_level"].empty()) {
        auto level = ParseCefr(row["min_level"]);
        if (!level)
          out.problems.Add(file, row.line, "min_level",
                           "expected a CEFR level A1..C2 or nothing, got " +
                               text::Quoted(row["min_level"]));
        else d.min_level = *level;
        if (d.language.empty())
          out.problems.Add(file, row.line, "language", "empty, but min_level is given");
        if (d.source.empty())
          out.problems.Add(file, row.line, "source", "empty: a level must cite its source");
      }
      if (stop_early && !out.problems.list.empty()) return out;
      out.pack.destinations.push_back(std::move(d));
    }
  }
  // review.csv
  {
    std::vector<CsvRow> rows;
    const std::string file = path("review.csv");
    Status read = ReadTable(file, file, kReviewColumns, &rows);
    if (!read.ok()) {
      if (read.code() == StatusCode::kNotFound) out.fatal = read;
      else out.problems.list.push_back(read.message());
      return out;
    }
    std::map<std::string, const Rule*> by_id;
    for (const Rule& r : out.pack.rules) by_id[r.id] = &r;
    for (const CsvRow& row : rows) {
      ReviewItem item;
      item.rule_id = row["rule_id"];
      item.label = row["label"];
      item.suggested = row["suggested"];
      item.suggested_label = row["suggested_label"];
      item.alternatives = row["alternatives"];
      if (!row["confidence"].empty()) {
        try {
          item.confidence = std::stof(row["confidence"]);
        } catch (const std::exception&) {
          out.problems.Add(file, row.line, "confidence",
                           "expected a number, got " + text::Quoted(row["confidence"]));
        }
      }
      auto it = by_id.find(item.rule_id);
      if (it == by_id.end())
        out.problems.Add(file, row.line, "rule_id",
                         "no rule " + text::Quoted(item.rule_id) + " in rules.csv");
      if (stop_early && !out.problems.list.empty()) return out;
      out.pack.review.push_back(std::move(item));
    }
    // Every rule awaiting review is listed: nothing waits unseen.
    std::set<std::string> listed;
    for (const ReviewItem& item : out.pack.review) listed.insert(item.rule_id);
    for (const Rule& r : out.pack.rules) {
      if (r.mapping == kMappingReview && !listed.count(r.id))
        out.problems.Add(path("rules.csv"), r.line, "mapping",
                         "rule " + text::Quoted(r.id) +
                             " awaits review but is not in review.csv");
    }
  }
  return out;
}

}  // namespace

Result<RulePack> ReadRulePack(const std::string& dir, const Taxonomy* taxonomy) {
  Loaded loaded = Load(dir, taxonomy, /*stop_early=*/true);
  if (!loaded.fatal.ok()) return loaded.fatal;
  if (!loaded.problems.list.empty())
    return Status::DataError(loaded.problems.list.front());
  return std::move(loaded.pack);
}

std::vector<std::string> ValidateRulePack(const std::string& dir,
                                          const Taxonomy* taxonomy) {
  Loaded loaded = Load(dir, taxonomy, /*stop_early=*/false);
  std::vector<std::string> problems = std::move(loaded.problems.list);
  if (!loaded.fatal.ok()) problems.push_back(loaded.fatal.message());
  return problems;
}

Status CheckPackTaxonomy(const RulePack& pack, const Taxonomy& taxonomy) {
  if (pack.info.taxonomy.empty()) return Status::Ok();
  const std::string name = pack.info.taxonomy.substr(0, pack.info.taxonomy.find(' '));
  if (name == taxonomy.info().name) return Status::Ok();
  return Status::DataError("rule pack '" + pack.info.name + "' is coded in taxonomy '" + name +
                           "', the store holds '" + taxonomy.info().name +
                           "': rebuild it with that taxonomy");
}

Status WriteRulePack(const RulePack& pack, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": cannot create folder: " + ec.message());
  auto path = [&](const char* file) { return (fs::path(dir) / file).string(); };
  {
    nlohmann::ordered_json j;
    j["format"] = pack.info.format;
    j["name"] = pack.info.name;
    j["version"] = pack.info.version;
    j["built_on"] = pack.info.built_on;
    j["built_from"] = pack.info.built_from;
    j["taxonomy"] = pack.info.taxonomy;
    j["gaps"] = nlohmann::ordered_json::array();
    for (const Gap& g : pack.info.gaps) {
      j["gaps"].push_back({{"destination", g.destination},
                           {"nationality", g.nationality},
                           {"what", g.what}});
    }
    SKILLMATCH_ASSIGN_OR_RETURN(out, classification::AtomicFile::Open(path("pack.json")));
    out.stream() << j.dump(2) << "\n";
    SKILLMATCH_RETURN_IF_ERROR(out.Commit());
  }
  {
    SKILLMATCH_ASSIGN_OR_RETURN(out, classification::AtomicFile::Open(path("rules.csv")));
    csv::WriteRow(out.stream(), kRuleColumns);
    for (const Rule& r : pack.rules) {
      csv::WriteRow(out.stream(),
                    {r.id, r.destination, r.nationality, r.route, r.instrument,
                     r.signed_on, r.valid_from, r.valid_to, std::to_string(r.seq),
                     r.label, r.occupation, r.isco08, r.mapping,
                     FormatConfidence(r.confidence), r.regulated, r.diploma,
                     r.no_labour_market_test ? "yes" : "no", r.source,
                     r.source_url, r.legal_text_url});
    }
    SKILLMATCH_RETURN_IF_ERROR(out.Commit());
  }
  {
    SKILLMATCH_ASSIGN_OR_RETURN(out, classification::AtomicFile::Open(path("destinations.csv")));
    csv::WriteRow(out.stream(), kDestinationColumns);
    for (const Destination& d : pack.destinations) {
      csv::WriteRow(out.stream(), {d.country, d.language, CefrName(d.min_level),
                                   d.note, d.source});
    }
    SKILLMATCH_RETURN_IF_ERROR(out.Commit());
  }
  {
    SKILLMATCH_ASSIGN_OR_RETURN(out, classification::AtomicFile::Open(path("review.csv")));
    csv::WriteRow(out.stream(), kReviewColumns);
    for (const ReviewItem& item : pack.review) {
      csv::WriteRow(out.stream(), {item.rule_id, item.label, item.suggested,
                                   item.suggested_label,
                                   FormatConfidence(item.confidence),
                                   item.alternatives});
    }
    SKILLMATCH_RETURN_IF_ERROR(out.Commit());
  }
  return Status::Ok();
}

namespace {

// "fr-accord-benin.csv" -> "FR".
std::string DestinationOfFile(const std::string& file_name) {
  size_t dash = file_name.find('-');
  if (dash != 2) return "";
  std::string code = file_name.substr(0, 2);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return IsCountry(code) ? code : "";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string PublisherOf(const std::string& url) {
  if (url.find("service-public") != std::string::npos)
    return "service-public.fr (DILA), Licence Ouverte";
  if (url.find("legifrance") != std::string::npos) return "Légifrance (JORF)";
  return url;
}

}  // namespace

Result<RulePack> BuildRulePack(const std::string& from, const Taxonomy& taxonomy,
                               const BuildOptions& options) {
  if (!fs::is_directory(from)) return Status::NotFound(from + ": no such folder");
  if (!IsDay(options.built_on))
    return Status::InvalidArgument("built_on: expected a date YYYY-MM-DD, got " +
                                   text::Quoted(options.built_on));
  RulePack pack;
  pack.info.name = options.name;
  pack.info.version = options.version.empty() ? options.built_on : options.version;
  pack.info.built_on = options.built_on;
  pack.info.built_from = from;
  pack.info.taxonomy = taxonomy.info().name + " " + taxonomy.info().version;

  // Confirmed mappings: label (case-insensitive) and destination -> code.
  std::map<std::string, std::string> confirmed;
  if (!options.confirmed.empty()) {
    std::vector<CsvRow> rows;
    SKILLMATCH_RETURN_IF_ERROR(ReadTable(options.confirmed, options.confirmed,
                                         {"destination", "label", "code"}, &rows));
    for (const CsvRow& row : rows) {
      classification::NodeIndex node = taxonomy.FindNode(row["code"]);
      if (node == classification::kNoNode || !taxonomy.IsOccupation(node))
        return Status::DataError(options.confirmed + ":" + std::to_string(row.line) +
                                 ": code: " + text::Quoted(row["code"]) +
                                 " is not an occupation of taxonomy " +
                                 taxonomy.info().name);
      confirmed[row["destination"] + "\t" + Lower(row["label"])] = row["code"];
    }
  }
  // Regulated professions: destination + ISCO-08 -> diploma text.
  std::map<std::string, std::string> regulated;
  if (!options.regulated.empty()) {
    std::vector<CsvRow> rows;
    SKILLMATCH_RETURN_IF_ERROR(ReadTable(options.regulated, options.regulated,
                                         {"destination", "isco08", "diploma", "source"},
                                         &rows));
    for (const CsvRow& row : rows) {
      if (!IsIsco(row["isco08"]))
        return Status::DataError(options.regulated + ":" + std::to_string(row.line) +
                                 ": isco08: expected 4 digits, got " +
                                 text::Quoted(row["isco08"]));
      regulated[row["destination"] + "\t" + row["isco08"]] = row["diploma"];
    }
  }
  if (!options.destinations.empty()) {
    std::vector<CsvRow> rows;
    SKILLMATCH_RETURN_IF_ERROR(ReadTable(options.destinations, options.destinations,
                                         kDestinationColumns, &rows));
    for (const CsvRow& row : rows) {
      Destination d;
      d.country = row["country"];
      d.language = row["language"];
      d.note = row["note"];
      d.source = row["source"];
      if (!row["min_level"].empty()) {
        auto level = ParseCefr(row["min_level"]);
        if (!level)
          return Status::DataError(options.destinations + ":" + std::to_string(row.line) +
                                   ": min_level: expected A1..C2, got " +
                                   text::Quoted(row["min_level"]));
        d.min_level = *level;
      }
      pack.destinations.push_back(d);
    }
  }

  SKILLMATCH_ASSIGN_OR_RETURN(coder, classification::Coder::ForOccupations(taxonomy));

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(from)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    const std::string destination = DestinationOfFile(name);
    std::vector<CsvRow> rows;
    if (name.find("status") != std::string::npos) {
      // The documentation table: lists known but not captured become gaps.
      SKILLMATCH_RETURN_IF_ERROR(ReadTable(
          file.string(), file.string(),
          {"country", "agreement_found", "agreement", "status_note",
           "announced_list_size", "captured_rows"},
          &rows));
      for (const CsvRow& row : rows) {
        if (row["agreement_found"] != "yes") {
          pack.info.gaps.push_back(
              {destination, row["country"],
               "no bilateral agreement with an occupation list found for this "
               "nationality; the general shortage list (métiers en tension) "
               "applies but is not in the pack"});
        } else if (row["captured_rows"] == "0") {
          pack.info.gaps.push_back(
              {destination, row["country"],
               row["agreement"] + ": list not captured (" +
                   row["announced_list_size"] + " occupations announced). " +
                   row["status_note"]});
        } else if (!row["announced_list_size"].empty() &&
                   std::isdigit(static_cast<unsigned char>(row["announced_list_size"][0])) &&
                   row["announced_list_size"].rfind(row["captured_rows"], 0) != 0) {
          pack.info.gaps.push_back(
              {destination, row["country"],
               "list captured with " + row["captured_rows"] + " rows, announced: " +
                   row["announced_list_size"]});
        }
      }
      continue;
    }
    if (destination.empty())
      return Status::DataError(file.string() +
                               ": cannot tell the destination: the file name must "
                               "start with its ISO code and '-' (fr-accord-...)");
    SKILLMATCH_RETURN_IF_ERROR(ReadTable(
        file.string(), file.string(),
        {"country", "agreement", "date", "seq", "label_as_published", "source_url",
         "legal_text_url"},
        &rows));
    for (const CsvRow& row : rows) {
      auto where = [&](const char* field) {
        return file.string() + ":" + std::to_string(row.line) + ": " + field + ": ";
      };
      Rule r;
      r.destination = destination;
      r.nationality = row["country"];
      if (!IsCountry(r.nationality))
        return Status::DataError(where("country") + "expected an ISO code, got " +
                                 text::Quoted(r.nationality));
      r.route = kRouteAgreement;
      r.instrument = row["agreement"];
      r.signed_on = row["date"];
      if (!IsDay(r.signed_on))
        return Status::DataError(where("date") + "expected a date YYYY-MM-DD, got " +
                                 text::Quoted(r.signed_on));
      // The lists give the signature date only; the rule counts from it
      // (entry into force is not in the published files, see the README).
      r.valid_from = r.signed_on;
      try {
        r.seq = std::stoi(row["seq"]);
      } catch (const std::exception&) {
        return Status::DataError(where("seq") + "expected a number, got " +
                                 text::Quoted(row["seq"]));
      }
      char id[64];
      std::snprintf(id, sizeof id, "%s-%s-agreement-%03d", destination.c_str(),
                    r.nationality.c_str(), r.seq);
      r.id = id;
      r.label = row["label_as_published"];
      if (r.label.empty()) return Status::DataError(where("label_as_published") + "empty");
      r.no_labour_market_test = true;  // stated after each list (SOURCE.md)
      r.source_url = row["source_url"];
      r.legal_text_url = row["legal_text_url"];
      r.source = PublisherOf(r.source_url);
      auto known = confirmed.find(destination + "\t" + Lower(r.label));
      classification::CodingResult coding = coder->Code(r.label, 3);
      if (known != confirmed.end()) {
        r.occupation = known->second;
        r.mapping = kMappingPerson;
      } else if (!coding.candidates.empty() && !coding.needs_review &&
                 coding.candidates[0].confidence >= options.min_confidence) {
        r.occupation = coder->TargetCode(coding.candidates[0].target);
        r.mapping = kMappingCoder;
        r.confidence = coding.candidates[0].confidence;
      } else {
        r.mapping = kMappingReview;
        ReviewItem item;
        item.rule_id = r.id;
        item.label = r.label;
        if (!coding.candidates.empty()) {
          item.suggested = coder->TargetCode(coding.candidates[0].target);
          item.suggested_label = taxonomy.node(coding.candidates[0].target).label;
          item.confidence = coding.candidates[0].confidence;
          for (size_t idx = 1; idx < coding.candidates.size(); ++idx) {
            if (!item.alternatives.empty()) item.alternatives += "|";
            item.alternatives += coder->TargetCode(coding.candidates[idx].target);
          }
        }
        pack.review.push_back(item);
      }
      if (!r.occupation.empty()) {
        classification::NodeIndex node = taxonomy.FindNode(r.occupation);
        auto isco = taxonomy.CrosswalkFrom(node, "isco08");
        if (!isco.empty()) r.isco08 = isco.front().external_code;
        auto reg = regulated.find(destination + "\t" + r.isco08);
        if (!r.isco08.empty() && reg != regulated.end()) {
          r.regulated = "yes";
          r.diploma = reg->second;
        }
      }
      pack.rules.push_back(std::move(r));
    }
  }
  return pack;
}

}  // namespace skillmatch::mobility
