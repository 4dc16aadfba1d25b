// Importers of the ROME open-data packages of France Travail (ex-Pôle
// emploi): ROME v3 ("RefRomeCsv" version 344) and ROME 4.0 (version 460).
// The files and how they fit are described in
// ../shared/data/rome-v3-v344/SOURCE.md and ../shared/data/rome-4.0-v460/
// SOURCE.md; the choices made here are explained where they are made.
//
// Both importers stream each file once (no file is held in memory), keep
// hash maps keyed by code, and do no quadratic work.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
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

constexpr char kLang[] = "fr";
constexpr char kLicence[] =
    "Licence Ouverte / Etalab (as cited by the publisher's open-data portal)";

using text::Quoted;

// Joins parts with a separator that cannot occur in codes, for hash keys.
std::string Key(std::string_view a, std::string_view b) {
  std::string key;
  key.reserve(a.size() + b.size() + 1);
  key.append(a);
  key.push_back('\x1f');
  key.append(b);
  return key;
}

// The ROME exports come from a database dump that doubles apostrophes inside
// text ("d''un"); labels keep a single one.
std::string FixApostrophes(std::string text) {
  if (text.find("''") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size(); ++pos) {
    out.push_back(text[pos]);
    if (text[pos] == '\'' && pos + 1 < text.size() && text[pos + 1] == '\'') {
      ++pos;
    }
  }
  return out;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A letter followed by `digits` digits: "M" (0), "M18" (2), "M1805" (4).
bool IsRomeCode(std::string_view code, size_t digits) {
  if (code.size() != digits + 1 || !IsUpper(code[0])) return false;
  return std::all_of(code.begin() + 1, code.end(), IsDigit);
}

// Lenient mode (a reporter): reports the problem and returns OK, so the
// caller skips the row. Strict mode: returns the problem.
Status Skip(Reporter* reporter, Status problem) {
  if (reporter == nullptr) return problem;
  reporter->Problem(problem);
  return Status::Ok();
}

// One CSV file of a ROME package (or the ESCO-ROME mapping): UTF-8 is
// checked in the columns used only, since the packages carry long free
// texts the import does not read.
Result<std::unique_ptr<CsvTable>> OpenCsv(const std::string& path,
                                          std::vector<std::string_view> required,
                                          Reporter* reporter,
                                          std::vector<std::string_view> optional = {},
                                          std::string_view header_marker = {}) {
  CsvTableOptions options;
  options.required = std::move(required);
  options.optional = std::move(optional);
  options.header_marker = header_marker;
  options.check_every_field = false;
  return CsvTable::Open(path, std::move(options), reporter);
}

// The CSV files of a ROME package folder, by table name. The publisher names
// them "unix_<table>_v<N>_utf8.csv"; the ROME v3 copy we hold renamed them
// "<n>-<table>_v<N>_utf8.csv". Both are accepted. Tables match on their exact
// name, so "referentiel_code_rome" picks up neither
// "referentiel_code_rome_riasec" nor "cr_gd_dp".
class RomeFolder {
 public:
  // Lists `dir`. The package version ("v344") is the one of its
  // referentiel_code_rome file; `expected_version` only names the file in
  // the error when there is none.
  static Result<RomeFolder> Scan(const std::string& dir,
                                 std::string_view expected_version) {
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
      return Status::NotFound(dir + ": no such ROME folder");
    }
    RomeFolder folder;
    folder.dir_ = dir;
    fs::directory_iterator it(dir, error);
    if (error) {
      return Status::IoError(dir + ": cannot list folder: " + error.message());
    }
    for (; it != fs::directory_iterator(); it.increment(error)) {
      if (error) break;
      std::string name = it->path().filename().string();
      std::string table, version;
      if (ParseName(name, &table, &version)) {
        folder.files_[table].push_back({version, name});
      }
    }
    if (error) {
      return Status::IoError(dir + ": cannot list folder: " + error.message());
    }
    for (auto& [table, files] : folder.files_) {
      std::sort(files.begin(), files.end());  // deterministic messages
    }
    auto codes = folder.files_.find("referentiel_code_rome");
    if (codes == folder.files_.end()) {
      folder.version_ = std::string(expected_version);
    } else {
      folder.version_ = codes->second.front().first;
      for (const auto& [version, name] : codes->second) {
        if (version != folder.version_) {
          return Status::DataError(dir + ": files of several ROME versions (" +
                                   folder.version_ + ", " + version +
                                   "); keep one version per folder");
        }
      }
    }
    return folder;
  }

  // Path of `table` in the package's version, or NotFound with the upstream
  // file name.
  Result<std::string> Require(std::string_view table) const {
    Result<std::optional<std::string>> path = Find(table);
    if (!path.ok()) return path.status();
    if (!path->has_value()) {
      return Status::NotFound((fs::path(dir_) / ("unix_" + std::string(table) +
                                                 "_" + version_ + "_utf8.csv"))
                                  .string() +
                              ": cannot open file");
    }
    return **path;
  }
  // Path of `table`, nullopt when absent; an error when two files hold it.
  Result<std::optional<std::string>> Find(std::string_view table) const {
    auto it = files_.find(std::string(table));
    if (it == files_.end()) return std::optional<std::string>();
    std::vector<std::string> names;
    for (const auto& [version, name] : it->second) {
      if (version == version_) names.push_back(name);
    }
    if (names.empty()) return std::optional<std::string>();
    if (names.size() > 1) {
      return Status::DataError(dir_ + ": two files hold table " +
                               Quoted(table) + ": " + names[0] + " and " +
                               names[1]);
    }
    return std::optional<std::string>((fs::path(dir_) / names[0]).string());
  }
  // Fails on the first of `tables` that is missing, before any work.
  Status RequireAll(std::initializer_list<std::string_view> tables) const {
    for (std::string_view table : tables) {
      Result<std::string> path = Require(table);
      if (!path.ok()) return path.status();
    }
    return Status::Ok();
  }
  const std::string& version() const { return version_; }

 private:
  // "unix_<table>_v<N>_utf8.csv" or "<n>-<table>_v<N>_utf8.csv".
  static bool ParseName(std::string_view name, std::string* table,
                        std::string* version) {
    constexpr std::string_view kSuffix = "_utf8.csv";
    if (name.size() <= kSuffix.size() ||
        name.substr(name.size() - kSuffix.size()) != kSuffix) {
      return false;
    }
    std::string_view stem = name.substr(0, name.size() - kSuffix.size());
    if (stem.starts_with("unix_")) {
      stem.remove_prefix(5);
    } else {
      size_t digits = 0;
      while (digits < stem.size() && IsDigit(stem[digits])) ++digits;
      if (digits == 0 || digits >= stem.size() || stem[digits] != '-') {
        return false;
      }
      stem.remove_prefix(digits + 1);
    }
    size_t at = stem.rfind("_v");
    if (at == std::string_view::npos || at == 0 || at + 2 >= stem.size()) {
      return false;
    }
    std::string_view number = stem.substr(at + 2);
    if (!std::all_of(number.begin(), number.end(), IsDigit)) return false;
    *table = std::string(stem.substr(0, at));
    *version = std::string(stem.substr(at + 1));
    return true;
  }

  std::string dir_;
  std::string version_;
  // table -> (version, file name), sorted.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>>
      files_;
};

// Opens table `table` of `folder` (which must exist).
Result<std::unique_ptr<CsvTable>> OpenTable(
    const RomeFolder& folder, std::string_view table,
    std::vector<std::string_view> required, Reporter* reporter,
    std::vector<std::string_view> optional = {}) {
  Result<std::string> path = folder.Require(table);
  if (!path.ok()) return path.status();
  return OpenCsv(*path, std::move(required), reporter, std::move(optional));
}

// What both ROME generations share: the tree, job titles and the ESCO
// crosswalk. Holds the builder while the import runs.
class RomeImport {
 public:
  RomeImport(const RomeFolder& folder, BundleInfo info, Reporter* reporter)
      : folder_(folder), builder_(std::move(info)), reporter_(reporter) {}

  TaxonomyBuilder& builder() { return builder_; }

  // grand_domaine -> level "domain", code = letter.
  Status ReadDomains() {
    enum { kCode, kLabel };
    Result<std::unique_ptr<CsvTable>> table =
        OpenTable(folder_, "grand_domaine",
                  {"code_grand_domaine", "libelle_grand_domaine"}, reporter_);
    if (!table.ok()) return table.status();
    CsvTable& t = **table;
    while (t.Next()) {
      if (!t.NonEmpty({kCode, kLabel})) continue;
      if (!IsRomeCode(t.Field(kCode), 0)) {
        t.Report(t.Problem(kCode,
                           "expected a domain code (one capital "
                           "letter), got " +
                               Quoted(t.Field(kCode))));
        continue;
      }
      t.Report(AddNode(t, kCode, std::string(), "domain", kLabel));
    }
    return t.status();
  }

  // domaine_professionnel -> level "area", code like "M18" under "M".
  Status ReadAreas() {
    enum { kCode, kLabel };
    Result<std::unique_ptr<CsvTable>> table = OpenTable(
        folder_, "domaine_professionnel",
        {"code_domaine_professionnel", "libelle_domaine_professionnel"},
        reporter_);
    if (!table.ok()) return table.status();
    CsvTable& t = **table;
    while (t.Next()) {
      if (!t.NonEmpty({kCode, kLabel})) continue;
      if (!IsRomeCode(t.Field(kCode), 2)) {
        t.Report(t.Problem(kCode,
                           "expected a professional area code like "
                           "'M18', got " +
                               Quoted(t.Field(kCode))));
        continue;
      }
      t.Report(AddNode(t, kCode, t.Field(kCode).substr(0, 1), "area", kLabel));
    }
    return t.status();
  }

  // referentiel_code_rome -> level "occupation", code like "M1805" under
  // "M18"; its label is also the occupation's preferred "fr" label. ROME 4.0
  // names for each fiche the ROME v3 fiche it descends from
  // (code_rome_parent): kept for a "rome-v3" crosswalk row.
  Status ReadOccupations(bool with_v3_parent) {
    enum { kCode, kLabel, kV3Parent };
    std::vector<std::string_view> optional;
    if (with_v3_parent) optional.push_back("code_rome_parent");
    Result<std::unique_ptr<CsvTable>> table = OpenTable(
        folder_, "referentiel_code_rome", {"code_rome", "libelle_rome"},
        reporter_, std::move(optional));
    if (!table.ok()) return table.status();
    CsvTable& t = **table;
    occupations_path_ = t.path();
    while (t.Next()) {
      if (!t.NonEmpty({kCode, kLabel})) continue;
      if (!IsRomeCode(t.Field(kCode), 4)) {
        t.Report(t.Problem(kCode, "expected a ROME code like 'M1805', got " +
                                      Quoted(t.Field(kCode))));
        continue;
      }
      if (with_v3_parent && !t.Field(kV3Parent).empty() &&
          !IsRomeCode(t.Field(kV3Parent), 4)) {
        t.Report(t.Problem(
            kV3Parent,
            "expected a ROME code like 'M1805', got " + Quoted(t.Field(kV3Parent))));
        continue;
      }
      Status added =
          AddNode(t, kCode, t.Field(kCode).substr(0, 3), "occupation", kLabel);
      if (!added.ok()) {
        t.Report(std::move(added));
        continue;
      }
      pending_.push_back({t.Field(kCode), FixApostrophes(t.Field(kLabel)),
                          with_v3_parent ? t.Take(kV3Parent) : std::string(),
                          t.line(), t.column(kCode),
                          with_v3_parent ? t.column(kV3Parent) : 1});
    }
    return t.status();
  }

  // Resolves the tree (the builder reports nodes whose parent is missing at
  // their row), then adds the preferred labels and "rome-v3" crosswalk rows
  // collected by ReadOccupations.
  Status FinishTree() {
    SKILLMATCH_RETURN_IF_ERROR(builder_.FinishTree(reporter_));
    auto where = [&](int64_t line, int column) {
      return occupations_path_ + ":" + std::to_string(line) + ":" +
             std::to_string(column) + ": ";
    };
    for (PendingOccupation& occ : pending_) {
      // A node dropped by FinishTree was reported there, with its row.
      if (!builder_.HasNode(occ.code)) continue;
      label_keys_.insert(Key(occ.code, occ.label));
      Status added = builder_.AddLabel(occ.code, kLang, std::move(occ.label),
                                       LabelKind::kPreferred);
      if (!added.ok()) {
        SKILLMATCH_RETURN_IF_ERROR(
            Skip(reporter_, Status::DataError(where(occ.line, occ.code_column) +
                                              added.message())));
        continue;
      }
      if (occ.v3_parent.empty()) continue;
      // The v3 fiche is ours unchanged, or was split and so is broader.
      MatchType match =
          occ.v3_parent == occ.code ? MatchType::kExact : MatchType::kBroad;
      Status linked = builder_.AddCrosswalk(occ.code, "rome-v3",
                                            std::move(occ.v3_parent), match);
      if (!linked.ok()) {
        SKILLMATCH_RETURN_IF_ERROR(Skip(
            reporter_, Status::DataError(where(occ.line, occ.v3_parent_column) +
                                         linked.message())));
      }
    }
    pending_.clear();
    return Status::Ok();
  }

  // referentiel_appellation: each job title becomes an "appellation" label
  // (libelle_appellation_long) of its fiche, and its short form an
  // "alternative" label unless the node already has that text. Identical
  // titles of one fiche are merged silently: the builder rejects duplicates
  // and the publisher lists a few titles twice under two code_ogr (4 times
  // in v460, never in v344). Records appellation code_ogr -> fiche for the
  // ESCO crosswalk.
  Status ReadAppellations() {
    enum { kOgr, kLong, kShort, kCode };
    Result<std::unique_ptr<CsvTable>> table =
        OpenTable(folder_, "referentiel_appellation",
                  {"code_ogr", "libelle_appellation_long",
                   "libelle_appellation_court", "code_rome"},
                  reporter_);
    if (!table.ok()) return table.status();
    CsvTable& t = **table;
    std::unordered_set<std::string> appellation_keys;
    while (t.Next()) {
      if (!t.NonEmpty({kOgr, kLong, kCode})) continue;
      const std::string& code = t.Field(kCode);
      if (!builder_.HasNode(code)) {
        t.Report(t.Problem(kCode, "unknown code " + Quoted(code)));
        continue;
      }
      if (!occupation_of_appellation_.emplace(t.Field(kOgr), code).second) {
        t.Report(t.Problem(kOgr, "duplicate appellation " + Quoted(t.Field(kOgr))));
        continue;
      }
      std::string long_label = FixApostrophes(t.Field(kLong));
      if (appellation_keys.insert(Key(code, long_label)).second) {
        label_keys_.insert(Key(code, long_label));
        Status added = builder_.AddLabel(code, kLang, std::move(long_label),
                                         LabelKind::kAppellation);
        if (!added.ok()) {
          t.Report(t.Locate(kLong, added));
          continue;
        }
      }
      std::string short_label = FixApostrophes(t.Field(kShort));
      if (short_label.empty() ||
          !label_keys_.insert(Key(code, short_label)).second) {
        continue;
      }
      Status added = builder_.AddLabel(code, kLang, std::move(short_label),
                                       LabelKind::kAlternative);
      if (!added.ok()) t.Report(t.Locate(kShort, added));
    }
    return t.status();
  }

  Status ReadEscoCrosswalk(const std::string& path);
  // ESCO occupation labels of one language (occupations_<lang>.csv in
  // `dir`) onto the fiches the crosswalk relates them to; after
  // ReadEscoCrosswalk.
  Status ReadEscoLabels(const std::string& dir, const std::string& lang);

 private:
  struct PendingOccupation {
    std::string code;
    std::string label;
    std::string v3_parent;
    int64_t line = 0;
    int code_column = 1;
    int v3_parent_column = 1;
  };

  // Adds the node of the current row; `where` lets FinishTree point at it.
  Status AddNode(CsvTable& t, size_t code_id, std::string parent,
                 std::string level, size_t label_id) {
    Status added =
        builder_.AddNode(t.Field(code_id), std::move(parent), std::move(level),
                         FixApostrophes(t.Field(label_id)), t.Where(code_id));
    return added.ok() ? added : t.Locate(code_id, added);
  }

  const RomeFolder& folder_;
  TaxonomyBuilder builder_;
  Reporter* reporter_;
  std::string occupations_path_;
  std::vector<PendingOccupation> pending_;
  // (code, text) of every label added, so that a short form repeating any
  // label of its node is not added again as an alternative.
  std::unordered_set<std::string> label_keys_;
  std::unordered_map<std::string, std::string> occupation_of_appellation_;
  // ESCO URI -> (fiche, strength 0 exact .. 3 broad), strongest first.
  std::unordered_map<std::string, std::vector<std::pair<std::string, int>>>
      esco_links_;
};

// The ESCO-ROME mapping of Pôle emploi (crosswalk-esco-rome/SOURCE.md)
// relates ESCO occupations (classification 1, a URI) to ROME job titles
// (classification 2, an appellation code_ogr), one SKOS relation per row.
//
// Direction. The preamble does not spell it out; the rows do:
// "gestionnaire de patrimoine financier" skos:broadMatch "Gérant / Gérante
// d'obligations", "chauffeur-livreur/chauffeuse-livreuse" skos:narrowMatch
// "Livreur / Livreuse". A row reads "the ESCO concept is a broad (narrow)
// match of the job title": broadMatch = ESCO is broader, the direction of
// our `match` column ("broad" = the external concept is broader than ours).
//
// Aggregation. Our nodes are fiches, and a fiche is broader than (or equal
// to) each of its job titles. Per (fiche, URI) we keep the strongest
// job-title relation, exact > close > narrow > broad, and state how the ESCO
// concept relates to the fiche:
//   exact, close, narrow -> "narrow": the ESCO concept is about one job
//                           title of the fiche, or less, so narrower than
//                           the fiche;
//   broad                -> "broad": the ESCO concept is broader than one
//                           job title of the fiche; it may be broader than
//                           the whole fiche or only overlap it, and "broad"
//                           is the nearest relation our format has.
// A fiche's ESCO rows come strongest first (then in file order), so its
// first row rests on the best job-title evidence.
//
// The mapping was made on "ROME V3.0", whose title list differs a little
// from any one release (22 of its 11,118 job titles are not in v344; all are
// in v460). Rows naming a title unknown to the imported release are skipped:
// reported in lenient mode, not an error in strict mode, because the file is
// right, only of another release.
Status RomeImport::ReadEscoCrosswalk(const std::string& path) {
  enum { kUri, kEscoLabel, kOgr, kRelation };
  Result<std::unique_ptr<CsvTable>> table =
      OpenCsv(path,
                  {"classification 1 ID", "classification 1 prefered label",
                   "classification 2 ID", "mapping relation"},
                  reporter_, {}, "classification 1 ID");
  if (!table.ok()) return table.status();
  CsvTable& t = **table;
  struct Entry {
    std::string code;
    std::string uri;
    int strength = 0;  // 0 exact, 1 close, 2 narrow, 3 broad
    int64_t line = 0;
  };
  std::vector<Entry> entries;
  std::unordered_map<std::string, size_t> entry_by_key;
  std::unordered_map<std::string, std::string> label_of_uri;
  while (t.Next()) {
    if (!t.NonEmpty({kUri, kOgr, kRelation})) continue;
    std::string_view relation = t.Field(kRelation);
    if (relation.starts_with("skos:")) relation.remove_prefix(5);
    int strength;
    if (relation == "exactMatch") {
      strength = 0;
    } else if (relation == "closeMatch") {
      strength = 1;
    } else if (relation == "narrowMatch") {
      strength = 2;
    } else if (relation == "broadMatch") {
      strength = 3;
    } else {
      t.Report(t.Problem(kRelation,
                         "unknown mapping relation " + Quoted(t.Field(kRelation)) +
                             " (expected skos:exactMatch, skos:closeMatch, "
                             "skos:narrowMatch or skos:broadMatch)"));
      continue;
    }
    auto occupation = occupation_of_appellation_.find(t.Field(kOgr));
    if (occupation == occupation_of_appellation_.end()) {
      if (reporter_ != nullptr) {
        reporter_->Problem(t.Problem(
            kOgr, "appellation " + Quoted(t.Field(kOgr)) + " is not in ROME " +
                      folder_.version() + "; mapping skipped"));
      }
      continue;
    }
    label_of_uri.emplace(t.Field(kUri), t.Field(kEscoLabel));
    auto [at, inserted] =
        entry_by_key.emplace(Key(occupation->second, t.Field(kUri)), entries.size());
    if (inserted) {
      entries.push_back({occupation->second, t.Field(kUri), strength, t.line()});
    } else if (strength < entries[at->second].strength) {
      entries[at->second].strength = strength;
    }
  }
  SKILLMATCH_RETURN_IF_ERROR(t.status());
  std::stable_sort(
      entries.begin(), entries.end(),
      [](const Entry& a, const Entry& b) { return a.strength < b.strength; });
  for (const Entry& entry : entries) {
    esco_links_[entry.uri].emplace_back(entry.code, entry.strength);
  }
  for (Entry& entry : entries) {
    std::string label = label_of_uri[entry.uri];
    Status added = builder_.AddCrosswalk(
        entry.code, "esco", std::move(entry.uri),
        entry.strength == 3 ? MatchType::kBroad : MatchType::kNarrow,
        std::move(label));
    if (!added.ok()) {
      SKILLMATCH_RETURN_IF_ERROR(Skip(
          reporter_, Status::DataError(path + ":" + std::to_string(entry.line) +
                                       ":" + std::to_string(t.column(kUri)) +
                                       ": " + added.message())));
    }
  }
  return Status::Ok();
}

// ESCO labels on ROME fiches. Which fiches an ESCO occupation lends its
// labels to follows from the crosswalk (aggregated as in ReadEscoCrosswalk):
// - its strongest relation is exact, close or narrow (the ESCO concept lies
//   within one job title, so within the fiche): every fiche it has that
//   relation with (usually one);
// - it has only broad relations (the ESCO concept is broader than a title):
//   the fiche only when all its titles lie in one fiche; a broader concept
//   spread over several fiches ("shop assistant") would pull titles of
//   each into the others.
// Its preferred label and alternative labels become job titles
// (`appellation`) in `lang`, with source "esco:<URI>". A label the fiche
// already has in that language is not added again.
Status RomeImport::ReadEscoLabels(const std::string& dir,
                                  const std::string& lang) {
  const std::string path = (fs::path(dir) / ("occupations_" + lang + ".csv")).string();
  enum { kUri, kPreferred, kAlternatives };
  Result<std::unique_ptr<CsvTable>> table =
      OpenCsv(path, {"conceptUri", "preferredLabel"}, reporter_, {"altLabels"});
  if (!table.ok()) return table.status();
  CsvTable& t = **table;
  while (t.Next()) {
    auto links = esco_links_.find(t.Field(kUri));
    if (links == esco_links_.end()) continue;
    const int strongest = links->second.front().second;
    std::vector<std::string> fiches;
    for (const auto& [code, strength] : links->second) {
      if (strength == strongest &&
          std::find(fiches.begin(), fiches.end(), code) == fiches.end()) {
        fiches.push_back(code);
      }
    }
    if (strongest == 3 && fiches.size() > 1) continue;
    std::vector<std::string> texts;
    auto add_text = [&](std::string_view text) {
      while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) {
        text.remove_prefix(1);
      }
      while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) {
        text.remove_suffix(1);
      }
      if (!text.empty()) texts.emplace_back(text);
    };
    add_text(t.Field(kPreferred));
    std::string_view alternatives = t.Field(kAlternatives);
    while (!alternatives.empty()) {
      size_t end = alternatives.find('\n');
      add_text(alternatives.substr(0, end));
      if (end == std::string_view::npos) break;
      alternatives.remove_prefix(end + 1);
    }
    const std::string source = "esco:" + t.Field(kUri);
    for (const std::string& code : fiches) {
      for (const std::string& text : texts) {
        // French labels are compared with ROME's own (label_keys_ holds
        // them as (code, text)); other languages by (code, lang, text).
        std::string key = lang == kLang ? Key(code, text) : Key(code, lang + "\x1f" + text);
        if (!label_keys_.insert(key).second) continue;
        Status added = builder_.AddLabel(code, lang, text,
                                         LabelKind::kAppellation, source);
        if (!added.ok()) SKILLMATCH_RETURN_IF_ERROR(Skip(reporter_, t.Locate(kPreferred, added)));
      }
    }
  }
  return t.status();
}

// Occupation-skill links as read from a liens file, and the skills they
// name, gathered before the skills are added so that labels can come from
// several tables. Skills are added in the order of their first link.
class SkillLinks {
 public:
  SkillLinks(std::string id_prefix, std::string links_path, int code_column,
             int ogr_column)
      : id_prefix_(std::move(id_prefix)),
        links_path_(std::move(links_path)),
        code_column_(code_column),
        ogr_column_(ogr_column) {}

  // Records a link of the current row. A pair seen before keeps its first
  // place; an essential relation wins over an optional one.
  void Add(std::string code, std::string ogr, SkillRelation relation,
           SkillKind kind, bool core, int64_t line) {
    auto [at, inserted] = link_by_pair_.emplace(Key(code, ogr), links_.size());
    if (!inserted) {
      Link& first = links_[at->second];
      if (relation == SkillRelation::kEssential) first.relation = relation;
      first.core = first.core || core;
      return;
    }
    drafts_.try_emplace(ogr, Draft{kind, {}});
    links_.push_back({std::move(code), std::move(ogr), relation, core, line});
  }

  bool Wants(const std::string& ogr) const { return drafts_.count(ogr) > 0; }
  // Gives the label (and, when known, the kind) of item `ogr` if it is linked
  // and has no label yet.
  void OfferLabel(const std::string& ogr, std::string label,
                  std::optional<SkillKind> kind) {
    auto it = drafts_.find(ogr);
    if (it == drafts_.end() || !it->second.label.empty() || label.empty()) {
      return;
    }
    it->second.label = FixApostrophes(std::move(label));
    if (kind) it->second.kind = *kind;
  }
  bool MissingLabels() const {
    return std::any_of(drafts_.begin(), drafts_.end(),
                       [](const auto& d) { return d.second.label.empty(); });
  }

  // Adds the skills and links to `builder`. `sources` names the label tables
  // for the message about an item none of them labels.
  Status AddTo(TaxonomyBuilder* builder, Reporter* reporter,
               const std::string& sources) {
    for (Link& link : links_) {
      Draft& draft = drafts_[link.ogr];
      const std::string id = id_prefix_ + link.ogr;
      auto problem = [&](int column, const std::string& message) {
        return Skip(
            reporter,
            Status::DataError(links_path_ + ":" + std::to_string(link.line) +
                              ":" + std::to_string(column) + ": " + message));
      };
      if (!draft.added) {
        if (draft.label.empty()) {
          SKILLMATCH_RETURN_IF_ERROR(
              problem(ogr_column_, "no label for item " + Quoted(link.ogr) +
                                       " in " + sources + "; link skipped"));
          continue;
        }
        Status added = builder->AddSkill(id, draft.kind, kLang, draft.label);
        if (!added.ok()) {
          SKILLMATCH_RETURN_IF_ERROR(problem(ogr_column_, added.message()));
          continue;
        }
        draft.added = true;
      }
      Status linked = builder->AddOccupationSkill(link.code, id, link.relation,
                                                  std::nullopt, link.core);
      if (!linked.ok()) {
        SKILLMATCH_RETURN_IF_ERROR(problem(code_column_, linked.message()));
      }
    }
    return Status::Ok();
  }

 private:
  struct Link {
    std::string code;
    std::string ogr;
    SkillRelation relation;
    bool core;
    int64_t line;
  };
  struct Draft {
    SkillKind kind;
    std::string label;
    bool added = false;
  };

  std::string id_prefix_;
  std::string links_path_;
  int code_column_;
  int ogr_column_;
  std::vector<Link> links_;
  std::unordered_map<std::string, size_t> link_by_pair_;
  std::unordered_map<std::string, Draft> drafts_;  // by code_ogr
};

// Reads a label table (`ogr_column`, `label_column`) into `links` for the
// items it wants; `kind` (when set) is the kind of every item of the table.
Status OfferLabels(const RomeFolder& folder, std::string_view table_name,
                   std::string_view ogr_column, std::string_view label_column,
                   std::optional<SkillKind> kind, Reporter* reporter,
                   SkillLinks* links) {
  enum { kOgr, kLabel };
  Result<std::unique_ptr<CsvTable>> table =
      OpenTable(folder, table_name, {ogr_column, label_column}, reporter);
  if (!table.ok()) return table.status();
  CsvTable& t = **table;
  while (t.Next()) {
    if (!links->Wants(t.Field(kOgr))) continue;
    links->OfferLabel(t.Field(kOgr), t.Take(kLabel), kind);
  }
  return t.status();
}

// The publisher's "item" table labels every item of every referentiel: a
// fallback for items missing from their own table. Optional.
Status OfferItemLabels(const RomeFolder& folder, Reporter* reporter,
                       SkillLinks* links) {
  if (!links->MissingLabels()) return Status::Ok();
  Result<std::optional<std::string>> path = folder.Find("item");
  if (!path.ok()) return path.status();
  if (!path->has_value()) return Status::Ok();
  return OfferLabels(folder, "item", "code_ogr", "libelle", std::nullopt,
                     reporter, links);
}

// ROME v3 skills. 4-liens_rome_referentiels links each fiche to items under
// a rubrique (15-descriptif_rubrique): 6 activités de base, 7 and 8 the
// savoirs (théoriques et procéduraux; de l'action) of the base activities,
// 9 activités spécifiques, 10 and 11 the savoirs of the specific ones (8 and
// 11 are empty in v344). Base items are what every holder of the job does:
// essential; specific ones depend on the post: optional. Activities are
// know-how (technical, labels in referentiel_activite), savoirs knowledge
// (referentiel_competence). Rubriques 1-5 (tree, code, title, appellations,
// work environments) are not skills.
//
// Only items linked to a fiche become skills (in v344: 7,462 activities of
// 8,983, 3,969 savoirs of 4,930): an unlinked item cannot contribute to
// matching, and the skill coder codes to linked items only.
Status ReadSkillsV3(const RomeFolder& folder, TaxonomyBuilder* builder,
                    Reporter* reporter) {
  enum { kCode, kOgr, kRubrique };
  Result<std::unique_ptr<CsvTable>> table =
      OpenTable(folder, "liens_rome_referentiels",
                {"code_rome", "code_ogr", "code_ref_rubrique"}, reporter);
  if (!table.ok()) return table.status();
  CsvTable& t = **table;
  SkillLinks links("rome:", t.path(), t.column(kCode), t.column(kOgr));
  while (t.Next()) {
    if (!t.NonEmpty({kCode, kOgr, kRubrique})) continue;
    const std::string& rubrique = t.Field(kRubrique);
    SkillRelation relation;
    SkillKind kind;
    if (rubrique == "6" || rubrique == "9") {
      kind = SkillKind::kTechnical;
      relation = rubrique == "6" ? SkillRelation::kEssential
                                 : SkillRelation::kOptional;
    } else if (rubrique == "7" || rubrique == "8" || rubrique == "10" ||
               rubrique == "11") {
      kind = SkillKind::kKnowledge;
      relation = rubrique == "7" || rubrique == "8" ? SkillRelation::kEssential
                                                    : SkillRelation::kOptional;
    } else if (rubrique.size() == 1 && rubrique[0] >= '1' &&
               rubrique[0] <= '5') {
      continue;  // not a skill
    } else {
      t.Report(t.Problem(kRubrique, "unknown rubrique " + Quoted(rubrique) +
                                        " (expected 1 to 11)"));
      continue;
    }
    if (!builder->HasNode(t.Field(kCode))) {
      t.Report(t.Problem(kCode, "unknown code " + Quoted(t.Field(kCode))));
      continue;
    }
    links.Add(t.Take(kCode), t.Take(kOgr), relation, kind, false, t.line());
  }
  SKILLMATCH_RETURN_IF_ERROR(t.status());
  SKILLMATCH_RETURN_IF_ERROR(
      OfferLabels(folder, "referentiel_activite", "code_ogr",
                  "libelle_activite", SkillKind::kTechnical, reporter, &links));
  SKILLMATCH_RETURN_IF_ERROR(OfferLabels(
      folder, "referentiel_competence", "code_ogr", "libelle_competence",
      SkillKind::kKnowledge, reporter, &links));
  SKILLMATCH_RETURN_IF_ERROR(OfferItemLabels(folder, reporter, &links));
  return links.AddTo(builder, reporter,
                     "referentiel_activite, referentiel_competence or item");
}

// ROME 4.0 skills. unix_liens_rome_referentiels links each fiche to items by
// bloc and rubrique; bloc 5 "Compétences" holds the skills, in rubriques
// (unix_descriptif_rubrique) 1 savoir-faire, 2 savoir-être professionnels,
// 3 savoirs. ROME 4.0 no longer splits base from specific items: all are
// essential. Kinds: savoirs are knowledge (labels in referentiel_savoir);
// competences (referentiel_competence) are soft when savoir-être
// professionnel or "Transverse" (e.g. organising one's work), else
// technical.
//
// Core skills: unix_coherence_item marks each fiche-item pair with
// coeur_metier = "Principale" (the fiche's key competences, 6 to 34 per
// fiche, 18,900 pairs), "Émergente" (a skill the job is taking up, 1,731) or
// nothing. "Principale" sets core; "Émergente" stays essential, not core.
//
// As in v3, only items linked to a fiche become skills.
Status ReadSkillsV4(const RomeFolder& folder, TaxonomyBuilder* builder,
                    Reporter* reporter) {
  std::unordered_set<std::string> core_pairs;
  {
    enum { kCode, kOgr, kCore };
    Result<std::unique_ptr<CsvTable>> table =
        OpenTable(folder, "coherence_item",
                  {"code_rome", "code_ogr", "coeur_metier"}, reporter);
    if (!table.ok()) return table.status();
    CsvTable& t = **table;
    while (t.Next()) {
      if (t.Field(kCore) == "Principale") core_pairs.insert(Key(t.Field(kCode), t.Field(kOgr)));
    }
    SKILLMATCH_RETURN_IF_ERROR(t.status());
  }
  enum { kCode, kBloc, kRubrique, kOgr };
  Result<std::unique_ptr<CsvTable>> table = OpenTable(
      folder, "liens_rome_referentiels",
      {"code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"}, reporter);
  if (!table.ok()) return table.status();
  CsvTable& t = **table;
  SkillLinks links("rome4:", t.path(), t.column(kCode), t.column(kOgr));
  while (t.Next()) {
    if (t.Field(kBloc) != "5") continue;  // codes, titles, contexts, ...
    if (!t.NonEmpty({kCode, kRubrique, kOgr})) continue;
    const std::string& rubrique = t.Field(kRubrique);
    SkillKind kind;
    if (rubrique == "1") {
      kind = SkillKind::kTechnical;
    } else if (rubrique == "2") {
      kind = SkillKind::kSoft;
    } else if (rubrique == "3") {
      kind = SkillKind::kKnowledge;
    } else {
      t.Report(t.Problem(kRubrique, "unknown rubrique " + Quoted(rubrique) +
                                        " in bloc 5 (expected 1, 2 or 3)"));
      continue;
    }
    if (!builder->HasNode(t.Field(kCode))) {
      t.Report(t.Problem(kCode, "unknown code " + Quoted(t.Field(kCode))));
      continue;
    }
    bool core = core_pairs.count(Key(t.Field(kCode), t.Field(kOgr))) > 0;
    links.Add(t.Take(kCode), t.Take(kOgr), SkillRelation::kEssential, kind,
              core, t.line());
  }
  SKILLMATCH_RETURN_IF_ERROR(t.status());
  {
    enum { kOgr, kLabel, kCategory, kSubCategory };
    Result<std::unique_ptr<CsvTable>> competences = OpenTable(
        folder, "referentiel_competence",
        {"code_ogr", "libelle_competence", "cat_comp", "sous_cat_comp"},
        reporter);
    if (!competences.ok()) return competences.status();
    CsvTable& c = **competences;
    while (c.Next()) {
      if (!links.Wants(c.Field(kOgr))) continue;
      bool soft = c.Field(kCategory) == "Savoir-être professionnel" ||
                  c.Field(kSubCategory) == "Transverse";
      links.OfferLabel(c.Field(kOgr), c.Take(kLabel),
                       soft ? SkillKind::kSoft : SkillKind::kTechnical);
    }
    SKILLMATCH_RETURN_IF_ERROR(c.status());
  }
  SKILLMATCH_RETURN_IF_ERROR(
      OfferLabels(folder, "referentiel_savoir", "code_ogr_savoir",
                  "libelle_savoir", SkillKind::kKnowledge, reporter, &links));
  SKILLMATCH_RETURN_IF_ERROR(OfferItemLabels(folder, reporter, &links));
  return links.AddTo(builder, reporter,
                     "referentiel_competence, referentiel_savoir or item");
}

// ROME v3 mobility (12-rubrique_mobilite): typed "Proche" (close) or
// "Evolution". Links are unranked. Some rows restrict a link to a source or
// target job title (226 rows name a source title, 898 rows name one or the
// other); at the fiche level these repeat a fiche pair, so repeated
// (from, to, kind) triples are merged: in v344, 4,223 rows give 4,009
// distinct triples (1,785 close, 2,224 evolution). A link from a fiche to
// itself (a move between two of its titles) has no meaning at the fiche
// level and is skipped; v344 has none.
Status ReadMobilityV3(const RomeFolder& folder, TaxonomyBuilder* builder,
                      Reporter* reporter) {
  enum { kFrom, kTo, kType };
  Result<std::unique_ptr<CsvTable>> table = OpenTable(
      folder, "rubrique_mobilite",
      {"code_rome", "code_rome_cible", "libelle_type_mobilite"}, reporter);
  if (!table.ok()) return table.status();
  CsvTable& t = **table;
  std::unordered_set<std::string> seen;
  while (t.Next()) {
    if (!t.NonEmpty({kFrom, kTo, kType})) continue;
    MobilityKind kind;
    if (t.Field(kType) == "Proche") {
      kind = MobilityKind::kClose;
    } else if (t.Field(kType) == "Evolution" || t.Field(kType) == "Évolution") {
      kind = MobilityKind::kEvolution;
    } else {
      t.Report(t.Problem(kType, "unknown mobility type " + Quoted(t.Field(kType)) +
                                    " (expected Proche or Evolution)"));
      continue;
    }
    if (!builder->HasNode(t.Field(kFrom))) {
      t.Report(t.Problem(kFrom, "unknown code " + Quoted(t.Field(kFrom))));
      continue;
    }
    if (!builder->HasNode(t.Field(kTo))) {
      t.Report(t.Problem(kTo, "unknown code " + Quoted(t.Field(kTo))));
      continue;
    }
    if (t.Field(kFrom) == t.Field(kTo)) continue;
    if (!seen.insert(Key(Key(t.Field(kFrom), t.Field(kTo)), t.Field(kType))).second) continue;
    Status added = builder->AddMobility(t.Field(kFrom), t.Field(kTo), kind, 0);
    if (!added.ok()) t.Report(t.Locate(kFrom, added));
  }
  return t.status();
}

// ROME 4.0 mobility (unix_rubrique_mobilite): code_rome -> code_rome_cible
// with numero_ordre as the rank (1 = closest), 14,912 links in v460. The
// file no longer types its links (v3 said Proche or Evolution), so all are
// "close": ROME 4.0 lists the fiches one can move to with the skills one
// has. Repeated pairs keep their first row and self-links are skipped;
// v460 has neither.
Status ReadMobilityV4(const RomeFolder& folder, TaxonomyBuilder* builder,
                      Reporter* reporter) {
  enum { kFrom, kTo, kRank };
  Result<std::unique_ptr<CsvTable>> table =
      OpenTable(folder, "rubrique_mobilite",
                {"code_rome", "code_rome_cible", "numero_ordre"}, reporter);
  if (!table.ok()) return table.status();
  CsvTable& t = **table;
  std::unordered_set<std::string> seen;
  while (t.Next()) {
    if (!t.NonEmpty({kFrom, kTo})) continue;
    int rank = 0;
    const std::string& rank_text = t.Field(kRank);
    if (!rank_text.empty()) {
      auto [end, ec] = std::from_chars(
          rank_text.data(), rank_text.data() + rank_text.size(), rank);
      if (ec != std::errc() || end != rank_text.data() + rank_text.size() ||
          rank < 1) {
        t.Report(t.Problem(
            kRank, "expected a whole number >= 1, got " + Quoted(rank_text)));
        continue;
      }
    }
    if (!builder->HasNode(t.Field(kFrom))) {
      t.Report(t.Problem(kFrom, "unknown code " + Quoted(t.Field(kFrom))));
      continue;
    }
    if (!builder->HasNode(t.Field(kTo))) {
      t.Report(t.Problem(kTo, "unknown code " + Quoted(t.Field(kTo))));
      continue;
    }
    if (t.Field(kFrom) == t.Field(kTo)) continue;
    if (!seen.insert(Key(t.Field(kFrom), t.Field(kTo))).second) continue;
    Status added =
        builder->AddMobility(t.Field(kFrom), t.Field(kTo), MobilityKind::kClose, rank);
    if (!added.ok()) t.Report(t.Locate(kFrom, added));
  }
  return t.status();
}

// Checks before any work that the mapping file, when asked for, exists.
Status CheckCrosswalkPath(const std::string& path) {
  std::error_code error;
  if (!path.empty() && !fs::is_regular_file(path, error)) {
    return Status::NotFound(path + ": cannot open file");
  }
  return Status::Ok();
}

// The folders of ESCO labels and their language: the one of the
// occupations_<lang>.csv file each holds (en or fr, the first found).
std::vector<std::pair<std::string, std::string>> EscoLabelDirs(
    const ImportOptions& options) {
  std::vector<std::pair<std::string, std::string>> dirs;
  for (const std::string& dir : options.esco_label_dirs) {
    std::error_code error;
    for (const char* lang : {"en", "fr"}) {
      if (fs::is_regular_file(fs::path(dir) / ("occupations_" + std::string(lang) + ".csv"),
                              error)) {
        dirs.emplace_back(dir, lang);
        break;
      }
    }
  }
  return dirs;
}

Status CheckEscoLabelOptions(const ImportOptions& options) {
  if (options.esco_label_dirs.empty()) return Status::Ok();
  if (options.esco_rome_crosswalk.empty()) {
    return Status::InvalidArgument(
        "ESCO labels need the ESCO-ROME crosswalk (--crosswalk) to reach ROME codes");
  }
  const auto dirs = EscoLabelDirs(options);
  for (const std::string& dir : options.esco_label_dirs) {
    if (std::none_of(dirs.begin(), dirs.end(),
                     [&](const auto& d) { return d.first == dir; })) {
      return Status::NotFound(dir + ": no occupations_en.csv or occupations_fr.csv");
    }
  }
  return Status::Ok();
}

// The bundle's languages: French, then those of the ESCO labels.
std::vector<std::string> RomeLanguages(const ImportOptions& options) {
  std::vector<std::string> langs = {std::string(kLang)};
  for (const auto& [dir, lang] : EscoLabelDirs(options)) {
    if (std::find(langs.begin(), langs.end(), lang) == langs.end()) {
      langs.push_back(lang);
    }
  }
  return langs;
}

std::string EscoLabelSource(const ImportOptions& options) {
  std::string out;
  for (const auto& [dir, lang] : EscoLabelDirs(options)) {
    out += "; ESCO occupation labels (" + lang + ") from " +
           fs::path(dir).filename().string() + " through the crosswalk";
  }
  return out;
}

// "v460" -> "460".
std::string VersionNumber(const std::string& version) {
  return version.size() > 1 ? version.substr(1) : version;
}

std::string CrosswalkSource(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  // bundle.json is JSON, which must be UTF-8; a file name need not be.
  if (!text::IsValidUtf8(name)) name = "mapping file";
  return "; ESCO links from the ESCO-ROME mapping of Pôle emploi (" + name +
         ")";
}

// The title and publication date of ROME 4.0's version.txt, e.g.
// "ROME 4.0 version 60 - 25M09, published 18/09/2025"; empty when the file
// is absent or unreadable (it only enriches the bundle's source sentence).
std::string VersionTitle(const std::string& dir) {
  std::ifstream in(fs::path(dir) / "version.txt", std::ios::binary);
  if (!in.is_open()) return {};
  std::string title, date, line;
  auto value_of = [&](std::string_view key, std::string* out) {
    if (!line.starts_with(key)) return;
    size_t colon = line.find(':', key.size());
    if (colon == std::string::npos) return;
    size_t begin = line.find_first_not_of(" \t", colon + 1);
    size_t end = line.find_last_not_of(" \t\r");
    if (begin == std::string::npos || end < begin) return;
    *out = line.substr(begin, end - begin + 1);
  };
  while (std::getline(in, line)) {
    value_of("Titre/commentaire", &title);
    value_of("Date de publication", &date);
  }
  if (title.empty() || !text::IsValidUtf8(title) || !text::IsValidUtf8(date)) {
    return {};
  }
  return date.empty() ? title : title + ", published " + date;
}

// The steps both ROME generations share, around their own skill and
// mobility readers.
using RomeReader = Status (*)(const RomeFolder&, TaxonomyBuilder*, Reporter*);

Result<Taxonomy> ImportRome(const RomeFolder& folder, BundleInfo info,
                            const ImportOptions& options, bool with_v3_parent,
                            RomeReader read_skills, RomeReader read_mobility) {
  info.licence = kLicence;
  Reporter* reporter = options.reporter;
  RomeImport import(folder, std::move(info), reporter);
  SKILLMATCH_RETURN_IF_ERROR(import.ReadDomains());
  SKILLMATCH_RETURN_IF_ERROR(import.ReadAreas());
  SKILLMATCH_RETURN_IF_ERROR(import.ReadOccupations(with_v3_parent));
  SKILLMATCH_RETURN_IF_ERROR(import.FinishTree());
  SKILLMATCH_RETURN_IF_ERROR(import.ReadAppellations());
  SKILLMATCH_RETURN_IF_ERROR(read_skills(folder, &import.builder(), reporter));
  SKILLMATCH_RETURN_IF_ERROR(read_mobility(folder, &import.builder(), reporter));
  if (!options.esco_rome_crosswalk.empty()) {
    SKILLMATCH_RETURN_IF_ERROR(
        import.ReadEscoCrosswalk(options.esco_rome_crosswalk));
    for (const auto& [dir, lang] : EscoLabelDirs(options)) {
      SKILLMATCH_RETURN_IF_ERROR(import.ReadEscoLabels(dir, lang));
    }
  }
  return std::move(import.builder()).Build();
}

}  // namespace

Result<Taxonomy> ImportRomeV3(const std::string& dir,
                              const ImportOptions& options) {
  Result<RomeFolder> folder = RomeFolder::Scan(dir, "v344");
  if (!folder.ok()) return folder.status();
  SKILLMATCH_RETURN_IF_ERROR(folder->RequireAll(
      {"grand_domaine", "domaine_professionnel", "referentiel_code_rome",
       "referentiel_appellation", "liens_rome_referentiels",
       "referentiel_activite", "referentiel_competence", "rubrique_mobilite"}));
  SKILLMATCH_RETURN_IF_ERROR(CheckCrosswalkPath(options.esco_rome_crosswalk));
  SKILLMATCH_RETURN_IF_ERROR(CheckEscoLabelOptions(options));
  BundleInfo info;
  info.name = "rome-v3";
  info.version = folder->version();
  info.languages = RomeLanguages(options);
  info.source =
      "France Travail (ex-Pôle emploi), ROME v3 open data (RefRomeCsv), "
      "version " +
      VersionNumber(folder->version());
  if (!options.esco_rome_crosswalk.empty()) {
    info.source += CrosswalkSource(options.esco_rome_crosswalk);
    info.source += EscoLabelSource(options);
  }
  return ImportRome(*folder, std::move(info), options, /*with_v3_parent=*/false,
                    ReadSkillsV3, ReadMobilityV3);
}

Result<Taxonomy> ImportRomeV4(const std::string& dir,
                              const ImportOptions& options) {
  Result<RomeFolder> folder = RomeFolder::Scan(dir, "v460");
  if (!folder.ok()) return folder.status();
  SKILLMATCH_RETURN_IF_ERROR(folder->RequireAll(
      {"grand_domaine", "domaine_professionnel", "referentiel_code_rome",
       "referentiel_appellation", "coherence_item", "liens_rome_referentiels",
       "referentiel_competence", "referentiel_savoir", "rubrique_mobilite"}));
  SKILLMATCH_RETURN_IF_ERROR(CheckCrosswalkPath(options.esco_rome_crosswalk));
  SKILLMATCH_RETURN_IF_ERROR(CheckEscoLabelOptions(options));
  BundleInfo info;
  info.name = "rome-v4";
  info.version = folder->version();
  info.languages = RomeLanguages(options);
  info.source =
      "France Travail (ex-Pôle emploi), ROME 4.0 open data (RefRomeCsv), "
      "version " +
      VersionNumber(folder->version());
  std::string title = VersionTitle(dir);
  if (!title.empty()) info.source += " (" + title + ")";
  if (!options.esco_rome_crosswalk.empty()) {
    info.source += CrosswalkSource(options.esco_rome_crosswalk);
    info.source += EscoLabelSource(options);
  }
  return ImportRome(*folder, std::move(info), options, /*with_v3_parent=*/true,
                    ReadSkillsV4, ReadMobilityV4);
}

}  // namespace skillmatch::classification
