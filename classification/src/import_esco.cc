// ESCO importer: the official ESCO v1.1.1 CSV export (English classification
// and the language-neutral relations), optionally with French labels, turned
// into a Taxonomy. See importers.h for the contract and ../shared/data/esco-*
// /SOURCE.md for the files.
//
// Decisions, so that readers of the bundle know what they get:
// - Tree: ISCO-08 groups (levels isco1..isco4, parent = code minus its last
//   digit) above the ESCO occupations (level occupation). An occupation's
//   parent is its broader concept from broaderRelationsOccPillar.csv (an ISCO
//   unit group or another ESCO occupation, e.g. 2512.4.1 under 2512.4); when
//   the file gives none, its iscoGroup.
// - Codes: ESCO's own `code` column (2512.4). It is unique and non-empty in
//   v1.1.1; an empty or repeated code is reported as a problem rather than
//   replaced by an invented one, since a made-up code would not be stable
//   across ESCO releases.
// - Occupation labels: preferredLabel is the node label (en) or the preferred
//   label (fr). altLabels are job titles as written in offers ("software
//   engineer", "programmer"), so they become `appellation`s, which is what
//   the job-title coder searches; they are kept as published, including the
//   one equal to the preferred label, so the appellations of a node are its
//   complete list of titles. hiddenLabels are ESCO's search aids (misspellings,
//   broader words such as "doctor") and become `alternative`s. ISCO groups'
//   altLabels (none in v1.1.1) would be `alternative`s too: group names are
//   not job titles.
// - Skills: transversal skills are `soft` (membership of
//   transversalSkillsCollection_en.csv, or reuseLevel "transversal"), except
//   language skills: ESCO marks all 346 of them transversal, but "write
//   Hungarian" or "Hungarian" is a verifiable requirement, not a behavioural
//   one, so they keep their skillType (skill/competence -> technical,
//   knowledge -> knowledge). Empty skillType (6 DigComp groups in v1.1.1) is
//   technical. altLabels and hiddenLabels are alternative skill labels.
// - Labels are trimmed of surrounding ASCII white space (v1.1.1 has about 170
//   such strays, e.g. "covid tester "); a label repeated for the same concept,
//   language and role is kept once, since the copy carries nothing.
// - French (optional): occupations_fr.csv and ISCOGroups_fr.csv of the v1.2.x
//   pack, matched by URI; skills_fr.csv of the API folder; and the pack's
//   transversal and language skill collections, which fill the French name of
//   skills the API file lacks (or add theirs as an alternative when it
//   differs). The pack's digital, green and research collections are not
//   used: some of their concepts were redefined in v1.2 ("Jboss" is "WildFly"
//   there), so their labels may not name the v1.1.1 concept.
// - Rows naming concepts that v1.1.1 does not have are skipped without a
//   problem: French rows of concepts added in v1.2 (35 occupations), repeated
//   French rows of one concept (4 in occupations_fr.csv), and the hierarchy
//   and relation rows of occupation a9e54177-... (radiation therapy
//   technician), which v1.1.1's broaderRelationsOccPillar.csv and
//   occupationSkillRelations.csv (67 rows) name but its occupations_en.csv
//   lacks. An occupation URI in the relations that is in neither file is a
//   problem.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/importers.h"
#include "skillmatch/classification/text.h"
#include "csv_table.h"

namespace skillmatch::classification {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kEnglish = "en";
constexpr std::string_view kFrench = "fr";

constexpr std::string_view kLicence =
    "ESCO reuse policy (Commission Decision 2011/833/EU): reuse authorised "
    "with acknowledgement of the source";

using text::Quoted;

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
         c == '\f';
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Splits a list field (ESCO puts one label per line inside the quoted field;
// the API file separates them with '|') into trimmed, non-empty labels.
std::vector<std::string> SplitLabels(std::string_view field, char separator) {
  std::vector<std::string> labels;
  while (!field.empty()) {
    size_t end =
        separator == '\n' ? field.find_first_of("\r\n") : field.find(separator);
    std::string_view part = Trim(field.substr(0, end));
    if (!part.empty()) labels.emplace_back(part);
    if (end == std::string_view::npos) break;
    field.remove_prefix(end + 1);
  }
  return labels;
}

std::string Key(std::string_view a, std::string_view b, std::string_view c,
                std::string_view d) {
  std::string key;
  key.reserve(a.size() + b.size() + c.size() + d.size() + 3);
  key.append(a).push_back('\x1f');  // cannot occur in a code or URI
  key.append(b).push_back('\x1f');
  key.append(c).push_back('\x1f');
  key.append(d);
  return key;
}

// Where problems go. Lenient (a reporter): each is reported and the import
// goes on. Strict: the first is kept and the import stops.
class Problems {
 public:
  explicit Problems(Reporter* reporter) : reporter_(reporter) {}
  // Returns true if the import may go on.
  bool Add(Status problem) {
    if (reporter_ != nullptr) {
      reporter_->Problem(problem);
      return true;
    }
    if (first_.ok()) first_ = std::move(problem);
    return false;
  }
  const Status& first() const { return first_; }
  Reporter* reporter() const { return reporter_; }

 private:
  Reporter* reporter_;
  Status first_;
};

// One CSV file of an ESCO folder, its columns found by header name; every
// name of `columns` must be in the header. Rows with the wrong number of
// fields or invalid UTF-8 are problems (reported and skipped, or the end of
// a strict import).
Result<std::unique_ptr<CsvTable>> OpenCsv(const std::string& dir, std::string_view file,
                                          std::vector<std::string_view> columns,
                                          Problems* problems) {
  CsvTableOptions options;
  options.required = std::move(columns);
  return CsvTable::Open((fs::path(dir) / file).string(), std::move(options),
                        problems->reporter());
}

using TablePtr = std::unique_ptr<CsvTable>;

struct IscoGroup {
  std::string code;
  std::string label;
  std::vector<std::string> alt_labels;
  std::string where;  // of the code, for problems found by FinishTree
};

struct Occupation {
  std::string uri;
  std::string code;
  std::string isco_group;
  std::string label;
  std::vector<std::string> appellations;  // altLabels
  std::vector<std::string> hidden;        // hiddenLabels
  std::string where_code;
  std::string where_isco;
  // From broaderRelationsOccPillar.csv: the parent's code and where it was
  // given; empty when the file gives no (valid) broader concept.
  std::string broader_code;
  std::string where_broader;
  bool in_tree = false;  // survived FinishTree
};

bool IsIscoCode(std::string_view code) {
  if (code.empty() || code.size() > 4) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

class EscoImporter {
 public:
  EscoImporter(const EscoSources& sources, const ImportOptions& options)
      : sources_(sources),
        french_(!sources.fr_dir.empty() || !sources.fr_skills_dir.empty()),
        problems_(options.reporter),
        builder_(MakeInfo()) {}

  Result<Taxonomy> Run() && {
    SKILLMATCH_RETURN_IF_ERROR(ReadIscoGroups());
    SKILLMATCH_RETURN_IF_ERROR(ReadOccupations());
    SKILLMATCH_RETURN_IF_ERROR(ReadBroaderRelations());
    SKILLMATCH_RETURN_IF_ERROR(AddNodes());
    SKILLMATCH_RETURN_IF_ERROR(builder_.FinishTree(problems_.reporter()));
    for (Occupation& occupation : occupations_) {
      occupation.in_tree = builder_.HasNode(occupation.code);
    }
    SKILLMATCH_RETURN_IF_ERROR(AddEnglishLabels());
    if (!sources_.fr_dir.empty()) {
      SKILLMATCH_RETURN_IF_ERROR(ReadFrenchIscoGroups());
      SKILLMATCH_RETURN_IF_ERROR(ReadFrenchOccupations());
    }
    SKILLMATCH_RETURN_IF_ERROR(ReadSkills());
    if (!sources_.fr_skills_dir.empty()) {
      SKILLMATCH_RETURN_IF_ERROR(ReadFrenchSkills());
    }
    if (!sources_.fr_dir.empty()) {
      SKILLMATCH_RETURN_IF_ERROR(
          ReadFrenchSkillCollection("transversalSkillsCollection_fr.csv"));
      SKILLMATCH_RETURN_IF_ERROR(
          ReadFrenchSkillCollection("languageSkillsCollection_fr.csv"));
    }
    SKILLMATCH_RETURN_IF_ERROR(ReadRelations());
    SKILLMATCH_RETURN_IF_ERROR(AddCrosswalks());
    return std::move(builder_).Build();
  }

 private:
  BundleInfo MakeInfo() const {
    BundleInfo info;
    info.name = "esco";
    info.version = "v1.1.1";
    info.languages = {std::string(kEnglish)};
    info.source =
        "European Commission, ESCO (European Skills, Competences, "
        "Qualifications and Occupations) v1.1.1: English classification and "
        "relations, official CSV export";
    if (french_) info.languages.emplace_back(kFrench);
    if (!sources_.fr_dir.empty()) {
      info.source +=
          "; French labels of occupations, ISCO-08 groups, transversal and "
          "language skills: ESCO v1.2.x French CSV pack";
    }
    if (!sources_.fr_skills_dir.empty()) {
      info.source +=
          "; French skill labels: ESCO web-service API (about v1.2.1)";
    }
    info.licence = std::string(kLicence);
    return info;
  }

  // Turns a builder result into the import's answer: OK when the call
  // succeeded or its problem was reported (lenient), the problem when strict.
  Status Handle(const Status& result, const std::string& where) {
    if (result.ok() ||
        problems_.Add(Status::DataError(where + result.message()))) {
      return Status::Ok();
    }
    return problems_.first();
  }

  // --- English classification ---------------------------------------------

  Status ReadIscoGroups() {
    enum { kUri, kCode, kLabel, kAlt };
    Result<TablePtr> opened = OpenCsv(
        sources_.en_dir, "ISCOGroups_en.csv",
        {"conceptUri", "code", "preferredLabel", "altLabels"}, &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    isco_groups_.reserve(640);
    while (table.Next()) {
      const std::string& code = table.Field(kCode);
      std::string_view label = Trim(table.Field(kLabel));
      bool ok = true;
      if (table.Field(kUri).empty()) {
        ok = table.Report(kUri, "empty conceptUri");
      } else if (!IsIscoCode(code)) {
        ok = table.Report(
            kCode, "ISCO-08 code must be 1 to 4 digits, got " + Quoted(code));
      } else if (isco_by_code_.count(code)) {
        ok = table.Report(kCode, "duplicate ISCO-08 code " + Quoted(code));
      } else if (isco_by_uri_.count(table.Field(kUri))) {
        ok = table.Report(kUri,
                          "duplicate conceptUri " + Quoted(table.Field(kUri)));
      } else if (label.empty()) {
        ok = table.Report(kLabel, "empty preferredLabel");
      } else {
        size_t index = isco_groups_.size();
        isco_by_code_.emplace(code, index);
        isco_by_uri_.emplace(table.Field(kUri), index);
        isco_groups_.push_back(IscoGroup{code, std::string(label),
                                         SplitLabels(table.Field(kAlt), '\n'),
                                         table.Where(kCode)});
        continue;
      }
      if (!ok) break;
    }
    return table.status();
  }

  Status ReadOccupations() {
    enum { kUri, kIsco, kLabel, kAlt, kHidden, kCode };
    Result<TablePtr> opened =
        OpenCsv(sources_.en_dir, "occupations_en.csv",
                    {"conceptUri", "iscoGroup", "preferredLabel", "altLabels",
                     "hiddenLabels", "code"},
                    &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    occupations_.reserve(3100);
    occupation_by_uri_.reserve(3100);
    std::unordered_set<std::string> codes;
    while (table.Next()) {
      const std::string& uri = table.Field(kUri);
      const std::string& code = table.Field(kCode);
      const std::string& isco = table.Field(kIsco);
      std::string_view label = Trim(table.Field(kLabel));
      bool ok = true;
      if (uri.empty()) {
        ok = table.Report(kUri, "empty conceptUri");
      } else if (occupation_by_uri_.count(uri) || rejected_.count(uri)) {
        ok = table.Report(kUri, "duplicate conceptUri " + Quoted(uri));
      } else if (!IsValidCode(code)) {
        ok = table.Report(kCode, "invalid code " + Quoted(code) +
                                     " (empty or contains white space)");
        rejected_.insert(uri);
      } else if (!codes.insert(code).second) {
        ok = table.Report(kCode, "duplicate code " + Quoted(code));
        rejected_.insert(uri);
      } else if (isco.size() != 4 || !isco_by_code_.count(isco)) {
        ok = table.Report(kIsco, "unknown ISCO-08 unit group " + Quoted(isco));
        rejected_.insert(uri);
      } else if (label.empty()) {
        ok = table.Report(kLabel, "empty preferredLabel");
        rejected_.insert(uri);
      } else {
        Occupation occupation;
        occupation.uri = uri;
        occupation.code = code;
        occupation.isco_group = isco;
        occupation.label = std::string(label);
        occupation.appellations = SplitLabels(table.Field(kAlt), '\n');
        occupation.hidden = SplitLabels(table.Field(kHidden), '\n');
        occupation.where_code = table.Where(kCode);
        occupation.where_isco = table.Where(kIsco);
        occupation_by_uri_.emplace(uri, occupations_.size());
        occupations_.push_back(std::move(occupation));
        continue;
      }
      if (!ok) break;
    }
    return table.status();
  }

  Status ReadBroaderRelations() {
    enum { kType, kUri, kBroaderUri };
    Result<TablePtr> opened =
        OpenCsv(sources_.en_dir, "broaderRelationsOccPillar.csv",
                    {"conceptType", "conceptUri", "broaderUri"}, &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    while (table.Next()) {
      const std::string& uri = table.Field(kUri);
      const std::string& broader = table.Field(kBroaderUri);
      // The ISCO tree follows from the codes; its rows add nothing.
      if (isco_by_uri_.count(uri)) continue;
      auto occupation_it = occupation_by_uri_.find(uri);
      if (occupation_it == occupation_by_uri_.end()) {
        // Rejected rows were reported already. An occupation that the
        // English file lacks is a known gap of the v1.1.1 export (see the top
        // of this file): remember it so its relations are skipped too.
        if (!rejected_.count(uri)) {
          if (table.Field(kType) == "Occupation") {
            occupations_outside_export_.insert(uri);
          } else if (!table.Report(kUri, "unknown concept " + Quoted(uri))) {
            break;
          }
        }
        continue;
      }
      Occupation& occupation = occupations_[occupation_it->second];
      std::string parent;
      if (auto isco_it = isco_by_uri_.find(broader);
          isco_it != isco_by_uri_.end()) {
        parent = isco_groups_[isco_it->second].code;
      } else if (auto parent_it = occupation_by_uri_.find(broader);
                 parent_it != occupation_by_uri_.end()) {
        parent = occupations_[parent_it->second].code;
      } else if (rejected_.count(broader)) {
        // Its broader occupation was reported: keep this one under its ISCO
        // unit group, which is still right, only less precise.
        continue;
      } else {
        if (!table.Report(kBroaderUri,
                          "unknown broader concept " + Quoted(broader))) {
          break;
        }
        continue;
      }
      if (!occupation.broader_code.empty()) {
        if (!table.Report(kUri, "second broader concept for " + Quoted(uri))) {
          break;
        }
        continue;
      }
      occupation.broader_code = std::move(parent);
      occupation.where_broader = table.Where(kBroaderUri);
    }
    return table.status();
  }

  Status AddNodes() {
    static constexpr std::string_view kIscoLevels[] = {"isco1", "isco2",
                                                       "isco3", "isco4"};
    for (const IscoGroup& group : isco_groups_) {
      Status added = builder_.AddNode(
          group.code, group.code.substr(0, group.code.size() - 1),
          std::string(kIscoLevels[group.code.size() - 1]), group.label,
          group.where);
      SKILLMATCH_RETURN_IF_ERROR(Handle(added, group.where));
    }
    for (const Occupation& occupation : occupations_) {
      bool from_broader = !occupation.broader_code.empty();
      Status added = builder_.AddNode(
          occupation.code,
          from_broader ? occupation.broader_code : occupation.isco_group,
          std::string(kOccupationLevel), occupation.label,
          from_broader ? occupation.where_broader : occupation.where_isco);
      SKILLMATCH_RETURN_IF_ERROR(Handle(added, occupation.where_code));
    }
    return Status::Ok();
  }

  // Adds a node label unless the same text was given for this node, language
  // and kind of label before (appellation and alternative count as one: a
  // hidden label that is also a job title adds nothing).
  Status AddNodeLabel(const std::string& code, std::string_view lang,
                      std::string text, LabelKind kind,
                      const std::string& where) {
    std::string_view role = kind == LabelKind::kPreferred ? "p" : "a";
    if (!seen_labels_.insert(Key(code, lang, role, text)).second) {
      return Status::Ok();
    }
    Status added =
        builder_.AddLabel(code, std::string(lang), std::move(text), kind);
    return Handle(added, where);
  }

  Status AddEnglishLabels() {
    for (IscoGroup& group : isco_groups_) {
      if (!builder_.HasNode(group.code)) continue;  // dropped, reported
      for (std::string& label : group.alt_labels) {
        SKILLMATCH_RETURN_IF_ERROR(
            AddNodeLabel(group.code, kEnglish, std::move(label),
                         LabelKind::kAlternative, group.where));
      }
    }
    for (Occupation& occupation : occupations_) {
      if (!occupation.in_tree) continue;
      for (std::string& label : occupation.appellations) {
        SKILLMATCH_RETURN_IF_ERROR(
            AddNodeLabel(occupation.code, kEnglish, std::move(label),
                         LabelKind::kAppellation, occupation.where_code));
      }
      for (std::string& label : occupation.hidden) {
        SKILLMATCH_RETURN_IF_ERROR(
            AddNodeLabel(occupation.code, kEnglish, std::move(label),
                         LabelKind::kAlternative, occupation.where_code));
      }
    }
    return Status::Ok();
  }

  // --- French occupation labels -------------------------------------------

  Status ReadFrenchIscoGroups() {
    enum { kUri, kLabel, kAlt };
    Result<TablePtr> opened =
        OpenCsv(sources_.fr_dir, "ISCOGroups_fr.csv",
                    {"conceptUri", "preferredLabel", "altLabels"}, &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    std::unordered_set<std::string> seen;
    while (table.Next()) {
      auto it = isco_by_uri_.find(table.Field(kUri));
      if (it == isco_by_uri_.end() || !seen.insert(table.Field(kUri)).second) {
        continue;  // not in v1.1.1, or a repeated row (see the file comment)
      }
      const std::string& code = isco_groups_[it->second].code;
      if (!builder_.HasNode(code)) continue;  // dropped, reported
      std::string where = table.Where(kLabel);
      std::string_view label = Trim(table.Field(kLabel));
      if (!label.empty()) {
        SKILLMATCH_RETURN_IF_ERROR(AddNodeLabel(
            code, kFrench, std::string(label), LabelKind::kPreferred, where));
      }
      for (std::string& alt : SplitLabels(table.Field(kAlt), '\n')) {
        SKILLMATCH_RETURN_IF_ERROR(AddNodeLabel(
            code, kFrench, std::move(alt), LabelKind::kAlternative, where));
      }
    }
    return table.status();
  }

  Status ReadFrenchOccupations() {
    enum { kUri, kLabel, kAlt, kHidden };
    Result<TablePtr> opened = OpenCsv(
        sources_.fr_dir, "occupations_fr.csv",
        {"conceptUri", "preferredLabel", "altLabels", "hiddenLabels"},
        &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    std::unordered_set<std::string> seen;
    while (table.Next()) {
      auto it = occupation_by_uri_.find(table.Field(kUri));
      if (it == occupation_by_uri_.end() ||
          !seen.insert(table.Field(kUri)).second) {
        continue;  // not in v1.1.1, or a repeated row (see the file comment)
      }
      const Occupation& occupation = occupations_[it->second];
      if (!occupation.in_tree) continue;  // dropped, reported
      std::string where = table.Where(kLabel);
      std::string_view label = Trim(table.Field(kLabel));
      if (!label.empty()) {
        SKILLMATCH_RETURN_IF_ERROR(AddNodeLabel(occupation.code, kFrench,
                                                std::string(label),
                                                LabelKind::kPreferred, where));
      }
      for (std::string& alt : SplitLabels(table.Field(kAlt), '\n')) {
        SKILLMATCH_RETURN_IF_ERROR(
            AddNodeLabel(occupation.code, kFrench, std::move(alt),
                         LabelKind::kAppellation, table.Where(kAlt)));
      }
      for (std::string& hidden : SplitLabels(table.Field(kHidden), '\n')) {
        SKILLMATCH_RETURN_IF_ERROR(
            AddNodeLabel(occupation.code, kFrench, std::move(hidden),
                         LabelKind::kAlternative, table.Where(kHidden)));
      }
    }
    return table.status();
  }

  // --- Skills ---------------------------------------------------------------

  // Reads the URIs of an English skill collection file.
  Status ReadCollection(std::string_view file,
                        std::unordered_set<std::string>* uris) {
    Result<TablePtr> opened =
        OpenCsv(sources_.en_dir, file, {"conceptUri"}, &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    while (table.Next()) uris->insert(table.Take(0));
    return table.status();
  }

  // Adds an alternative skill label unless this skill already has it in
  // `lang`.
  Status AddSkillLabel(const std::string& uri, std::string_view lang,
                       std::string text, const std::string& where) {
    if (!seen_labels_.insert(Key(uri, lang, "s", text)).second) {
      return Status::Ok();
    }
    Status added =
        builder_.AddSkillLabel(uri, std::string(lang), std::move(text));
    return Handle(added, where);
  }

  Status ReadSkills() {
    std::unordered_set<std::string> transversal;
    std::unordered_set<std::string> language;
    SKILLMATCH_RETURN_IF_ERROR(
        ReadCollection("transversalSkillsCollection_en.csv", &transversal));
    SKILLMATCH_RETURN_IF_ERROR(
        ReadCollection("languageSkillsCollection_en.csv", &language));

    enum { kUri, kType, kReuse, kLabel, kAlt, kHidden };
    Result<TablePtr> opened =
        OpenCsv(sources_.en_dir, "skills_en.csv",
                    {"conceptUri", "skillType", "reuseLevel", "preferredLabel",
                     "altLabels", "hiddenLabels"},
                    &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    skill_kinds_.reserve(14500);
    while (table.Next()) {
      const std::string& uri = table.Field(kUri);
      const std::string& type = table.Field(kType);
      std::string_view label = Trim(table.Field(kLabel));
      SkillKind kind = SkillKind::kTechnical;
      bool ok = true;
      if (transversal.count(uri) ||
          (table.Field(kReuse) == "transversal" && !language.count(uri))) {
        kind = SkillKind::kSoft;
      } else if (type == "knowledge") {
        kind = SkillKind::kKnowledge;
      } else if (!type.empty() && type != "skill/competence") {
        ok = table.Report(kType,
                          "skillType must be skill/competence, knowledge or "
                          "empty, got " +
                              Quoted(type));
        rejected_.insert(uri);
        if (!ok) break;
        continue;
      }
      if (label.empty()) {
        rejected_.insert(uri);
        if (!table.Report(kLabel, "empty preferredLabel")) break;
        continue;
      }
      if (skill_kinds_.count(uri)) {
        if (!table.Report(kUri, "duplicate conceptUri " + Quoted(uri))) break;
        continue;
      }
      Status added = builder_.AddSkill(uri, kind, std::string(kEnglish),
                                       std::string(label));
      if (!added.ok()) {
        rejected_.insert(uri);
        if (!table.ReportAt(kUri, added)) break;
        continue;
      }
      skill_kinds_.emplace(uri, kind);
      std::string where = table.Where(kAlt);
      for (std::string& alt : SplitLabels(table.Field(kAlt), '\n')) {
        SKILLMATCH_RETURN_IF_ERROR(
            AddSkillLabel(uri, kEnglish, std::move(alt), where));
      }
      where = table.Where(kHidden);
      for (std::string& hidden : SplitLabels(table.Field(kHidden), '\n')) {
        SKILLMATCH_RETURN_IF_ERROR(
            AddSkillLabel(uri, kEnglish, std::move(hidden), where));
      }
    }
    return table.status();
  }

  // Sets the French preferred label of skill `uri`, or, when it has one that
  // differs, adds `label` as a French alternative.
  Status AddFrenchSkillName(const std::string& uri, SkillKind kind,
                            std::string label, const std::string& where) {
    auto [it, inserted] = french_skill_names_.try_emplace(uri, label);
    if (!inserted) {
      if (it->second == label) return Status::Ok();
      return AddSkillLabel(uri, kFrench, std::move(label), where);
    }
    Status added =
        builder_.AddSkill(uri, kind, std::string(kFrench), std::move(label));
    return Handle(added, where);
  }

  // A French skill file: skills_fr.csv of the API folder (alternatives
  // separated by '|') or a collection of the v1.2.x pack (one per line).
  Status ReadFrenchSkillFile(const std::string& dir, std::string_view file,
                             char separator) {
    enum { kUri, kLabel, kAlt };
    Result<TablePtr> opened = OpenCsv(
        dir, file, {"conceptUri", "preferredLabel", "altLabels"}, &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    while (table.Next()) {
      const std::string& uri = table.Field(kUri);
      auto it = skill_kinds_.find(uri);
      // Not in v1.1.1 (none in the API file, 5 in the pack's language
      // collection), or rejected and reported: nothing to label.
      if (it == skill_kinds_.end()) continue;
      std::string_view label = Trim(table.Field(kLabel));
      if (!label.empty()) {
        SKILLMATCH_RETURN_IF_ERROR(AddFrenchSkillName(
            uri, it->second, std::string(label), table.Where(kLabel)));
      }
      std::string where = table.Where(kAlt);
      for (std::string& alt : SplitLabels(table.Field(kAlt), separator)) {
        SKILLMATCH_RETURN_IF_ERROR(
            AddSkillLabel(uri, kFrench, std::move(alt), where));
      }
    }
    return table.status();
  }

  Status ReadFrenchSkills() {
    return ReadFrenchSkillFile(sources_.fr_skills_dir, "skills_fr.csv", '|');
  }

  Status ReadFrenchSkillCollection(std::string_view file) {
    return ReadFrenchSkillFile(sources_.fr_dir, file, '\n');
  }

  // --- Links ----------------------------------------------------------------

  Status ReadRelations() {
    enum { kOccupation, kRelation, kSkill };
    Result<TablePtr> opened =
        OpenCsv(sources_.en_dir, "occupationSkillRelations.csv",
                    {"occupationUri", "relationType", "skillUri"}, &problems_);
    if (!opened.ok()) return opened.status();
    CsvTable& table = **opened;
    while (table.Next()) {
      const std::string& occupation_uri = table.Field(kOccupation);
      const std::string& skill_uri = table.Field(kSkill);
      const std::string& relation_text = table.Field(kRelation);
      bool ok = true;
      auto it = occupation_by_uri_.find(occupation_uri);
      if (it == occupation_by_uri_.end()) {
        // Rejected occupations were reported; occupations outside the
        // English export are a known gap (see the top of this file).
        if (rejected_.count(occupation_uri) ||
            occupations_outside_export_.count(occupation_uri)) {
          continue;
        }
        ok = table.Report(kOccupation,
                          "unknown occupation " + Quoted(occupation_uri));
      } else if (!occupations_[it->second].in_tree ||
                 rejected_.count(skill_uri)) {
        continue;  // dropped or rejected, and reported
      } else if (!skill_kinds_.count(skill_uri)) {
        ok = table.Report(kSkill, "unknown skill " + Quoted(skill_uri));
      } else {
        std::optional<SkillRelation> relation =
            ParseSkillRelation(relation_text);
        if (!relation) {
          ok = table.Report(kRelation,
                            "relationType must be essential or optional, got " +
                                Quoted(relation_text));
        } else {
          ok = table.ReportAt(
              kSkill, builder_.AddOccupationSkill(occupations_[it->second].code,
                                                  skill_uri, *relation,
                                                  std::nullopt, false));
        }
      }
      if (!ok) break;
    }
    return table.status();
  }

  Status AddCrosswalks() {
    for (const Occupation& occupation : occupations_) {
      if (!occupation.in_tree) continue;
      const IscoGroup& group =
          isco_groups_[isco_by_code_.at(occupation.isco_group)];
      Status added =
          builder_.AddCrosswalk(occupation.code, "esco", occupation.uri,
                                MatchType::kExact, occupation.label);
      if (added.ok()) {
        // The ISCO unit group is broader than the ESCO occupation.
        added = builder_.AddCrosswalk(occupation.code, "isco08", group.code,
                                      MatchType::kBroad, group.label);
      }
      SKILLMATCH_RETURN_IF_ERROR(Handle(added, occupation.where_code));
    }
    return Status::Ok();
  }

  const EscoSources& sources_;
  const bool french_;
  Problems problems_;
  TaxonomyBuilder builder_;

  std::vector<IscoGroup> isco_groups_;
  std::unordered_map<std::string, size_t> isco_by_code_;
  std::unordered_map<std::string, size_t> isco_by_uri_;
  std::vector<Occupation> occupations_;
  std::unordered_map<std::string, size_t> occupation_by_uri_;
  // Occupations named by the hierarchy file but absent from
  // occupations_en.csv (a gap of the export, not an error).
  std::unordered_set<std::string> occupations_outside_export_;
  // URIs of occupations and skills whose row was reported and skipped: rows
  // that depend on them are skipped without a second report.
  std::unordered_set<std::string> rejected_;
  std::unordered_map<std::string, SkillKind> skill_kinds_;
  std::unordered_map<std::string, std::string> french_skill_names_;
  std::unordered_set<std::string> seen_labels_;
};

}  // namespace

Result<Taxonomy> ImportEsco(const EscoSources& sources,
                            const ImportOptions& options) {
  if (sources.en_dir.empty()) {
    return Status::InvalidArgument(
        "ESCO import needs the English folder (occupations_en.csv)");
  }
  return EscoImporter(sources, options).Run();
}

}  // namespace skillmatch::classification
