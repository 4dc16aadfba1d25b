#include "skillmatch/classification/bundle.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "skillmatch/classification/atomic_file.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"
#include "csv_table.h"

namespace skillmatch::classification {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFormat = "skillmatch-bundle/1";

using text::Quoted;

// Opens one CSV file of a bundle: every field must be UTF-8, and required
// fields non-empty except the few the format lets be empty.
Result<std::unique_ptr<CsvTable>> OpenTable(std::string path,
                                            std::vector<std::string_view> required,
                                            std::vector<std::string_view> optional,
                                            Reporter* reporter) {
  CsvTableOptions options;
  options.required = std::move(required);
  options.optional = std::move(optional);
  options.required_non_empty = true;
  options.may_be_empty = {"parent_code", "weight", "rank"};
  return CsvTable::Open(std::move(path), std::move(options), reporter);
}

Result<BundleInfo> ReadInfo(const std::string& dir) {
  const std::string path = (fs::path(dir) / "bundle.json").string();
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    if (!fs::is_directory(dir)) {
      return Status::NotFound(dir + ": no such bundle folder");
    }
    return Status::NotFound(path + ": cannot open file");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::exception& e) {
    // Not only parse_error: a number too large for a double throws
    // out_of_range (found by tests/fuzz/bundle_fuzz.cc).
    return Status::DataError(InvalidJsonMessage(path, e));
  }
  if (!doc.is_object()) {
    return Status::DataError(path + ": expected a JSON object");
  }
  BundleInfo info;
  auto get_string = [&](const char* key, bool required,
                        std::string* out) -> Status {
    auto it = doc.find(key);
    if (it == doc.end()) {
      if (!required) return Status::Ok();
      return Status::DataError(path + ": missing key " + Quoted(key));
    }
    if (!it->is_string()) {
      return Status::DataError(path + ": " + Quoted(key) +
                               " must be a string");
    }
    *out = it->get<std::string>();
    if (required && out->empty()) {
      return Status::DataError(path + ": " + Quoted(key) + " is empty");
    }
    return Status::Ok();
  };
  SKILLMATCH_RETURN_IF_ERROR(get_string("format", true, &info.format));
  if (info.format != kFormat) {
    return Status::DataError(path + ": unsupported format " +
                             Quoted(info.format) + ", expected " +
                             Quoted(kFormat));
  }
  SKILLMATCH_RETURN_IF_ERROR(get_string("name", true, &info.name));
  SKILLMATCH_RETURN_IF_ERROR(get_string("version", true, &info.version));
  SKILLMATCH_RETURN_IF_ERROR(get_string("source", false, &info.source));
  SKILLMATCH_RETURN_IF_ERROR(get_string("licence", false, &info.licence));
  auto langs = doc.find("languages");
  if (langs == doc.end()) {
    return Status::DataError(path + ": missing key 'languages'");
  }
  if (!langs->is_array() || langs->empty()) {
    return Status::DataError(
        path + ": 'languages' must be a non-empty array of ISO 639-1 codes");
  }
  for (const auto& lang : *langs) {
    if (!lang.is_string() || lang.get<std::string>().size() != 2) {
      // A string is shown (cut short); anything else by its type: dump()
      // of a deeply nested value would overflow the stack.
      const std::string shown =
          lang.is_array()    ? "an array"
          : lang.is_object() ? "an object"
          : lang.is_string()
              ? "\"" + text::Excerpt(text::ToValidUtf8(lang.get<std::string>())) +
                    "\""
              : lang.dump();  // a number, a boolean or null
      return Status::DataError(path + ": 'languages' holds " + shown +
                               ", expected a two-letter ISO 639-1 code");
    }
    info.languages.push_back(lang.get<std::string>());
  }
  return info;
}

bool FileExists(const std::string& dir, const char* file) {
  return fs::exists(fs::path(dir) / file);
}

std::string PathOf(const std::string& dir, const char* file) {
  return (fs::path(dir) / file).string();
}

bool IsLangKnown(const BundleInfo& info, std::string_view lang) {
  return std::find(info.languages.begin(), info.languages.end(), lang) !=
         info.languages.end();
}

std::string LangProblem(const BundleInfo& info, std::string_view lang) {
  std::string list;
  for (const std::string& l : info.languages) {
    list += (list.empty() ? "" : ", ") + l;
  }
  return "language " + Quoted(lang) + " is not one of the bundle's languages (" +
         list + ")";
}

// A label is one line of text. A control character in it (a NUL from a
// damaged export, a tab or line break pasted in) would pass into codes'
// names, CSV and table output unseen: "label: control character U+0000 at
// byte 9". OK when there is none.
Status LabelProblem(const CsvTable& table, size_t id) {
  size_t at = 0;
  if (!text::HasControl(table.Field(id), &at)) return Status::Ok();
  char code[8];
  std::snprintf(code, sizeof code, "U+%04X",
                static_cast<unsigned char>(table.Field(id)[at]));
  return table.Problem(id, std::string("label: control character ") + code +
                               " at byte " + std::to_string(at));
}

// Each Read* returns a fatal Status (strict error or unusable file).

Status ReadOccupations(const std::string& dir, TaxonomyBuilder* builder,
                       Reporter* reporter) {
  enum { kCode, kParent, kLevel, kLabel };
  SKILLMATCH_ASSIGN_OR_RETURN(opened_table, OpenTable(PathOf(dir, "occupations.csv"),
                    {"code", "parent_code", "level", "label"}, {}, reporter));
  CsvTable& table = *opened_table;
  while (table.Next()) {
    if (!IsValidCode(table.Field(kCode))) {
      if (!table.Report(table.Problem(
              kCode, "invalid code " + Quoted(table.Field(kCode)) +
                         " (contains white space)"))) {
        break;
      }
      continue;
    }
    if (!table.Field(kParent).empty() && !IsValidCode(table.Field(kParent))) {
      if (!table.Report(table.Problem(
              kParent, "invalid parent code " + Quoted(table.Field(kParent)) +
                           " (contains white space)"))) {
        break;
      }
      continue;
    }
    if (Status bad = LabelProblem(table, kLabel); !bad.ok()) {
      if (!table.Report(bad)) break;
      continue;
    }
    std::string where = table.Where(kParent);
    std::string code = table.Take(kCode);
    Status added = builder->AddNode(code, table.Take(kParent),
                                    table.Take(kLevel),
                                    table.Take(kLabel), std::move(where));
    if (!table.ReportAt(kCode, added)) break;
  }
  SKILLMATCH_RETURN_IF_ERROR(table.status());
  return builder->FinishTree(reporter);
}

Status ReadLabels(const std::string& dir, const BundleInfo& info,
                  TaxonomyBuilder* builder, Reporter* reporter) {
  if (!FileExists(dir, "labels.csv")) return Status::Ok();
  enum { kCode, kLang, kLabel, kKind, kSource };
  SKILLMATCH_ASSIGN_OR_RETURN(opened_table, OpenTable(PathOf(dir, "labels.csv"),
                    {"code", "lang", "label", "kind"}, {"source"}, reporter));
  CsvTable& table = *opened_table;
  while (table.Next()) {
    Status problem;
    std::optional<LabelKind> kind = ParseLabelKind(table.Field(kKind));
    if (!builder->HasNode(table.Field(kCode))) {
      problem = table.Problem(kCode, "unknown code " + Quoted(table.Field(kCode)));
    } else if (!IsLangKnown(info, table.Field(kLang))) {
      problem = table.Problem(kLang, LangProblem(info, table.Field(kLang)));
    } else if (!kind) {
      problem = table.Problem(
          kKind, "kind must be preferred, alternative or appellation, got " +
                     Quoted(table.Field(kKind)));
    } else {
      problem = LabelProblem(table, kLabel);
    }
    if (!problem.ok()) {
      if (!table.Report(problem)) break;
      continue;
    }
    Status added = builder->AddLabel(table.Field(kCode), table.Take(kLang),
                                     table.Take(kLabel), *kind,
                                     table.Take(kSource));
    if (!table.ReportAt(kLabel, added)) break;
  }
  return table.status();
}

Status ReadSkills(const std::string& dir, const BundleInfo& info,
                  TaxonomyBuilder* builder, Reporter* reporter) {
  if (!FileExists(dir, "skills.csv")) return Status::Ok();
  enum { kId, kKind, kLabel, kLang };
  SKILLMATCH_ASSIGN_OR_RETURN(opened_table, OpenTable(PathOf(dir, "skills.csv"),
                    {"skill_id", "kind", "label", "lang"}, {}, reporter));
  CsvTable& table = *opened_table;
  while (table.Next()) {
    Status problem;
    std::optional<SkillKind> kind = ParseSkillKind(table.Field(kKind));
    if (!IsValidCode(table.Field(kId))) {
      problem = table.Problem(kId, "invalid skill id " +
                                       Quoted(table.Field(kId)) +
                                       " (contains white space)");
    } else if (!kind) {
      problem = table.Problem(
          kKind, "kind must be technical, knowledge or soft, got " +
                     Quoted(table.Field(kKind)));
    } else if (!IsLangKnown(info, table.Field(kLang))) {
      problem = table.Problem(kLang, LangProblem(info, table.Field(kLang)));
    } else {
      problem = LabelProblem(table, kLabel);
    }
    if (!problem.ok()) {
      if (!table.Report(problem)) break;
      continue;
    }
    Status added = builder->AddSkill(table.Field(kId), *kind,
                                     table.Take(kLang),
                                     table.Take(kLabel));
    if (!table.ReportAt(kId, added)) break;
  }
  SKILLMATCH_RETURN_IF_ERROR(table.status());

  if (!FileExists(dir, "skill_labels.csv")) return Status::Ok();
  enum { kAltId, kAltLang, kAltLabel };
  SKILLMATCH_ASSIGN_OR_RETURN(opened_alt, OpenTable(PathOf(dir, "skill_labels.csv"),
                  {"skill_id", "lang", "label"}, {}, reporter));
  CsvTable& alt = *opened_alt;
  while (alt.Next()) {
    Status problem;
    if (!builder->HasSkill(alt.Field(kAltId))) {
      problem = alt.Problem(kAltId,
                            "unknown skill " + Quoted(alt.Field(kAltId)));
    } else if (!IsLangKnown(info, alt.Field(kAltLang))) {
      problem = alt.Problem(kAltLang, LangProblem(info, alt.Field(kAltLang)));
    } else {
      problem = LabelProblem(alt, kAltLabel);
    }
    if (!problem.ok()) {
      if (!alt.Report(problem)) break;
      continue;
    }
    Status added = builder->AddSkillLabel(
        alt.Field(kAltId), alt.Take(kAltLang), alt.Take(kAltLabel));
    if (!alt.ReportAt(kAltLabel, added)) break;
  }
  return alt.status();
}

Status ReadOccupationSkills(const std::string& dir, TaxonomyBuilder* builder,
                            Reporter* reporter) {
  if (!FileExists(dir, "occupation_skills.csv")) return Status::Ok();
  enum { kCode, kSkill, kRelation, kWeight, kCore };
  SKILLMATCH_ASSIGN_OR_RETURN(opened_table, OpenTable(PathOf(dir, "occupation_skills.csv"),
                    {"code", "skill_id", "relation", "weight"}, {"core"},
                    reporter));
  CsvTable& table = *opened_table;
  while (table.Next()) {
    Status problem;
    std::optional<SkillRelation> relation =
        ParseSkillRelation(table.Field(kRelation));
    std::optional<float> weight;
    const std::string& weight_text = table.Field(kWeight);
    const std::string& core_text = table.Field(kCore);
    if (!weight_text.empty()) {
      float value = 0;
      auto [end, ec] = std::from_chars(
          weight_text.data(), weight_text.data() + weight_text.size(), value);
      if (ec == std::errc() && end == weight_text.data() + weight_text.size()) {
        weight = value;
      }
    }
    if (!builder->HasNode(table.Field(kCode))) {
      problem = table.Problem(kCode, "unknown code " + Quoted(table.Field(kCode)));
    } else if (!builder->HasSkill(table.Field(kSkill))) {
      problem = table.Problem(kSkill,
                              "unknown skill " + Quoted(table.Field(kSkill)));
    } else if (!relation) {
      problem = table.Problem(kRelation,
                              "relation must be essential or optional, got " +
                                  Quoted(table.Field(kRelation)));
    } else if (!weight_text.empty() &&
               !(weight && *weight >= 0.0f && *weight <= 1.0f)) {
      problem = table.Problem(kWeight, "weight must be a number in [0,1], got " +
                                           Quoted(weight_text));
    } else if (!core_text.empty() && core_text != "0" && core_text != "1") {
      problem = table.Problem(kCore,
                              "core must be 1, 0 or empty, got " + Quoted(core_text));
    }
    if (!problem.ok()) {
      if (!table.Report(problem)) break;
      continue;
    }
    Status added = builder->AddOccupationSkill(
        table.Field(kCode), table.Field(kSkill), *relation, weight,
        core_text == "1");
    if (!table.ReportAt(kSkill, added)) break;
  }
  return table.status();
}

Status ReadMobility(const std::string& dir, TaxonomyBuilder* builder,
                    Reporter* reporter) {
  if (!FileExists(dir, "mobility.csv")) return Status::Ok();
  enum { kFrom, kTo, kKind, kRank };
  SKILLMATCH_ASSIGN_OR_RETURN(opened_table, OpenTable(PathOf(dir, "mobility.csv"),
                    {"from_code", "to_code", "kind", "rank"}, {}, reporter));
  CsvTable& table = *opened_table;
  while (table.Next()) {
    Status problem;
    std::optional<MobilityKind> kind = ParseMobilityKind(table.Field(kKind));
    int rank = 0;
    const std::string& rank_text = table.Field(kRank);
    bool rank_ok = true;
    if (!rank_text.empty()) {
      auto [end, ec] = std::from_chars(
          rank_text.data(), rank_text.data() + rank_text.size(), rank);
      rank_ok = ec == std::errc() &&
                end == rank_text.data() + rank_text.size() && rank >= 1;
    }
    if (!builder->HasNode(table.Field(kFrom))) {
      problem = table.Problem(kFrom, "unknown code " + Quoted(table.Field(kFrom)));
    } else if (!builder->HasNode(table.Field(kTo))) {
      problem = table.Problem(kTo, "unknown code " + Quoted(table.Field(kTo)));
    } else if (!kind) {
      problem = table.Problem(kKind, "kind must be close or evolution, got " +
                                         Quoted(table.Field(kKind)));
    } else if (!rank_ok) {
      problem = table.Problem(
          kRank, "rank must be a whole number >= 1 or empty, got " +
                     Quoted(rank_text));
    }
    if (!problem.ok()) {
      if (!table.Report(problem)) break;
      continue;
    }
    Status added = builder->AddMobility(table.Field(kFrom), table.Field(kTo),
                                        *kind, rank);
    if (!table.ReportAt(kTo, added)) break;
  }
  return table.status();
}

Status ReadCrosswalk(const std::string& dir, TaxonomyBuilder* builder,
                     Reporter* reporter) {
  if (!FileExists(dir, "crosswalk.csv")) return Status::Ok();
  enum { kCode, kSystem, kExternal, kMatch, kExternalLabel };
  SKILLMATCH_ASSIGN_OR_RETURN(opened_table, OpenTable(PathOf(dir, "crosswalk.csv"),
                    {"code", "system", "external_code", "match"},
                    {"external_label"}, reporter));
  CsvTable& table = *opened_table;
  while (table.Next()) {
    Status problem;
    std::optional<MatchType> match = ParseMatchType(table.Field(kMatch));
    if (!builder->HasNode(table.Field(kCode))) {
      problem = table.Problem(kCode, "unknown code " + Quoted(table.Field(kCode)));
    } else if (!IsValidCode(table.Field(kSystem))) {
      problem = table.Problem(kSystem, "invalid system " +
                                           Quoted(table.Field(kSystem)) +
                                           " (contains white space)");
    } else if (!match) {
      problem = table.Problem(
          kMatch, "match must be exact, close, broad or narrow, got " +
                      Quoted(table.Field(kMatch)));
    }
    if (!problem.ok()) {
      if (!table.Report(problem)) break;
      continue;
    }
    Status added = builder->AddCrosswalk(
        table.Field(kCode), table.Take(kSystem),
        table.Take(kExternal), *match, table.Take(kExternalLabel));
    if (!table.ReportAt(kExternal, added)) break;
  }
  return table.status();
}

std::string FormatWeight(float weight) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), weight);
  return std::string(buf, end);
}

}  // namespace

Result<Taxonomy> ReadBundle(const std::string& dir,
                            const BundleReadOptions& options) {
  Result<BundleInfo> info = ReadInfo(dir);
  if (!info.ok()) return info.status();
  if (!FileExists(dir, "occupations.csv")) {
    return Status::NotFound(PathOf(dir, "occupations.csv") +
                            ": missing required file");
  }
  TaxonomyBuilder builder(*info);
  Reporter* reporter = options.reporter;
  SKILLMATCH_RETURN_IF_ERROR(ReadOccupations(dir, &builder, reporter));
  SKILLMATCH_RETURN_IF_ERROR(ReadLabels(dir, *info, &builder, reporter));
  SKILLMATCH_RETURN_IF_ERROR(ReadSkills(dir, *info, &builder, reporter));
  SKILLMATCH_RETURN_IF_ERROR(ReadOccupationSkills(dir, &builder, reporter));
  SKILLMATCH_RETURN_IF_ERROR(ReadMobility(dir, &builder, reporter));
  SKILLMATCH_RETURN_IF_ERROR(ReadCrosswalk(dir, &builder, reporter));
  return std::move(builder).Build();
}

Status WriteBundle(const Taxonomy& taxonomy, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": cannot create folder: " + ec.message());

  const BundleInfo& info = taxonomy.info();
  nlohmann::ordered_json doc;
  doc["format"] = info.format;
  doc["name"] = info.name;
  doc["version"] = info.version;
  doc["languages"] = info.languages;
  doc["source"] = info.source;
  doc["licence"] = info.licence;
  {
    Result<AtomicFile> out = AtomicFile::Open(PathOf(dir, "bundle.json"));
    if (!out.ok()) {
      return Status::IoError(PathOf(dir, "bundle.json") + ": cannot write");
    }
    out->stream() << doc.dump(2) << "\n";
    SKILLMATCH_RETURN_IF_ERROR(out->Commit());
  }

  const auto& nodes = taxonomy.nodes();
  std::optional<AtomicFile> out;
  auto open = [&](const char* file) {
    Result<AtomicFile> opened = AtomicFile::Open(PathOf(dir, file));
    if (!opened.ok()) {
      return Status::IoError(PathOf(dir, file) + ": cannot write");
    }
    out.emplace(std::move(opened).value());
    return Status::Ok();
  };
  auto row = [&](const std::vector<std::string>& fields) {
    csv::WriteRow(out->stream(), fields);
  };

  SKILLMATCH_RETURN_IF_ERROR(open("occupations.csv"));
  row({"code", "parent_code", "level", "label"});
  for (const Node& node : nodes) {
    row({node.code,
         node.parent == kNoNode ? std::string() : nodes[node.parent].code,
         node.level, node.label});
  }
  SKILLMATCH_RETURN_IF_ERROR(out->Commit());

  auto remove_stale = [&](const char* file) {
    fs::remove(PathOf(dir, file), ec);
  };

  bool any_labels = std::any_of(nodes.begin(), nodes.end(),
                                [](const Node& n) { return !n.labels.empty(); });
  if (any_labels) {
    SKILLMATCH_RETURN_IF_ERROR(open("labels.csv"));
    // The source column only when some label has one, so that bundles
    // without borrowed labels are written as before.
    const bool any_source = std::any_of(nodes.begin(), nodes.end(), [](const Node& n) {
      return std::any_of(n.labels.begin(), n.labels.end(),
                         [](const Label& l) { return !l.source.empty(); });
    });
    if (any_source) {
      row({"code", "lang", "label", "kind", "source"});
    } else {
      row({"code", "lang", "label", "kind"});
    }
    for (const Node& node : nodes) {
      for (const Label& label : node.labels) {
        if (any_source) {
          row({node.code, label.lang, label.text,
               std::string(ToString(label.kind)), label.source});
        } else {
          row({node.code, label.lang, label.text,
               std::string(ToString(label.kind))});
        }
      }
    }
    SKILLMATCH_RETURN_IF_ERROR(out->Commit());
  } else {
    remove_stale("labels.csv");
  }

  const auto& skills = taxonomy.skills();
  if (!skills.empty()) {
    SKILLMATCH_RETURN_IF_ERROR(open("skills.csv"));
    row({"skill_id", "kind", "label", "lang"});
    bool any_alternative = false;
    for (const Skill& skill : skills) {
      for (const SkillLabel& label : skill.labels) {
        if (!label.preferred) {
          any_alternative = true;
          continue;
        }
        row({skill.id, std::string(ToString(skill.kind)), label.text,
             label.lang});
      }
    }
    SKILLMATCH_RETURN_IF_ERROR(out->Commit());
    if (any_alternative) {
      SKILLMATCH_RETURN_IF_ERROR(open("skill_labels.csv"));
      row({"skill_id", "lang", "label"});
      for (const Skill& skill : skills) {
        for (const SkillLabel& label : skill.labels) {
          if (!label.preferred) row({skill.id, label.lang, label.text});
        }
      }
      SKILLMATCH_RETURN_IF_ERROR(out->Commit());
    } else {
      remove_stale("skill_labels.csv");
    }
  } else {
    remove_stale("skills.csv");
    remove_stale("skill_labels.csv");
  }

  if (!taxonomy.occupation_skills().empty()) {
    SKILLMATCH_RETURN_IF_ERROR(open("occupation_skills.csv"));
    row({"code", "skill_id", "relation", "weight", "core"});
    for (const OccupationSkill& link : taxonomy.occupation_skills()) {
      row({nodes[link.node].code, skills[link.skill].id,
           std::string(ToString(link.relation)),
           link.weight ? FormatWeight(*link.weight) : std::string(),
           link.core ? "1" : ""});
    }
    SKILLMATCH_RETURN_IF_ERROR(out->Commit());
  } else {
    remove_stale("occupation_skills.csv");
  }

  if (!taxonomy.mobility().empty()) {
    SKILLMATCH_RETURN_IF_ERROR(open("mobility.csv"));
    row({"from_code", "to_code", "kind", "rank"});
    for (const MobilityLink& link : taxonomy.mobility()) {
      row({nodes[link.from].code, nodes[link.to].code,
           std::string(ToString(link.kind)),
           link.rank > 0 ? std::to_string(link.rank) : std::string()});
    }
    SKILLMATCH_RETURN_IF_ERROR(out->Commit());
  } else {
    remove_stale("mobility.csv");
  }

  if (!taxonomy.crosswalk().empty()) {
    SKILLMATCH_RETURN_IF_ERROR(open("crosswalk.csv"));
    row({"code", "system", "external_code", "match", "external_label"});
    for (const CrosswalkEntry& e : taxonomy.crosswalk()) {
      row({nodes[e.node].code, e.system, e.external_code,
           std::string(ToString(e.match)), e.external_label});
    }
    SKILLMATCH_RETURN_IF_ERROR(out->Commit());
  } else {
    remove_stale("crosswalk.csv");
  }
  return Status::Ok();
}

}  // namespace skillmatch::classification
