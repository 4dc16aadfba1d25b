#include "skillmatch/import/offer_import.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "import_readers.h"
#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/normalize.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/model/licence.h"
#include "skillmatch/model/model_json.h"
#include "task_thread.h"

namespace skillmatch::engine {

namespace {

using classification::Coder;
using classification::CodingResult;
using classification::kNoNode;
using classification::NodeIndex;
using classification::Taxonomy;
using import::RawRecord;
using import::RawValue;
using import::RecordSource;

// Caches are cleared when they reach this many entries, so that memory stays
// bounded on files whose titles never repeat.
constexpr size_t kMaxCacheEntries = 100'000;

using text::Quoted;

bool ValidSourceName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// "%d/%m/%Y" -> "DD/MM/YYYY", for messages.
std::string DisplayFormat(const std::string& format) {
  std::string out;
  for (size_t pos = 0; pos < format.size(); ++pos) {
    if (format[pos] == '%' && pos + 1 < format.size()) {
      const char spec = format[++pos];
      out += spec == 'Y' ? "YYYY" : spec == 'm' ? "MM" : "DD";
    } else {
      out += format[pos];
    }
  }
  return out;
}

// Drops the thousands separators `sep` of `digits` ("1.500.000" -> "1500000")
// if they group it as thousands do: 1 to 3 digits, then groups of exactly 3.
// False if they do not ("1.50.000").
bool DropThousands(std::string* digits, char sep) {
  std::string out;
  size_t group = 0;  // digits since the last separator
  bool first = true;
  for (char c : *digits) {
    if (c == sep) {
      if (first ? (group == 0 || group > 3) : group != 3) return false;
      first = false;
      group = 0;
      continue;
    }
    if (c == '.' || c == ',') break;  // the decimal part: not grouped
    ++group;
  }
  if (group != 3) return false;  // the last group before the decimals
  for (char c : *digits) {
    if (c != sep) out += c;
  }
  *digits = std::move(out);
  return true;
}

// A number as exports write it (engine/import/README.md, "Amounts"):
// - spaces, no-break spaces (U+00A0, U+202F) and apostrophes separate
//   thousands: "150 000", "1'500";
// - with both '.' and ',' the last one is the decimal separator and the
//   other separates thousands: "1.500.000,50", "1,500,000.50";
// - one kind, several times, separates thousands: "1.500.000", "1,500,000";
// - one kind, once: followed by exactly three digits it separates thousands
//   ("150.000" is 150 000 as French and West African exports write it,
//   "1,500" is 1 500), unless the part before it is 0 ("0.500") or longer
//   than three digits ("1234.567"); else it is the decimal separator
//   ("150000,50", "1.5", "12.75").
// Thousands separators must group by three ("1.50.000" is unreadable).
std::optional<double> ParseAmount(std::string text) {
  std::string clean;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == ' ' || c == '\'') continue;
    if (text.compare(pos, 2, "\xC2\xA0") == 0) {
      ++pos;
      continue;
    }
    if (text.compare(pos, 3, "\xE2\x80\xAF") == 0) {
      pos += 2;
      continue;
    }
    clean += c;
  }
  if (clean.empty()) return std::nullopt;
  const size_t last_dot = clean.rfind('.');
  const size_t last_comma = clean.rfind(',');
  const auto count = [&clean](char c) {
    return std::count(clean.begin(), clean.end(), c);
  };
  if (last_dot != std::string::npos && last_comma != std::string::npos) {
    // Both: the last one is the decimal separator.
    const char decimal = last_dot > last_comma ? '.' : ',';
    const char thousands = decimal == '.' ? ',' : '.';
    if (count(decimal) != 1 || !DropThousands(&clean, thousands)) {
      return std::nullopt;
    }
    std::replace(clean.begin(), clean.end(), ',', '.');
  } else if (last_dot != std::string::npos ||
             last_comma != std::string::npos) {
    const char sep = last_dot != std::string::npos ? '.' : ',';
    const size_t at = clean.find(sep);
    if (count(sep) > 1) {
      if (!DropThousands(&clean, sep)) return std::nullopt;
    } else if (clean.size() - at - 1 == 3 && at > 0 &&
               clean.compare(0, at, "0") != 0 && DropThousands(&clean, sep)) {
      // "150.000": thousands. ("1234.567" does not group: a decimal.)
    } else if (sep == ',') {
      clean[at] = '.';
    }
  }
  char* end = nullptr;
  const double value = std::strtod(clean.c_str(), &end);
  if (end != clean.c_str() + clean.size() || !(value >= 0) || value > 1e12) {
    return std::nullopt;
  }
  return value;
}

// The first number of a text: "3-5 ans" -> 3, "2 ans" -> 2, "1,5" -> 1.5.
std::optional<double> LeadingYears(const std::string& text) {
  size_t pos = 0;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  size_t end = pos;
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') ||
                               text[end] == ',' || text[end] == '.')) {
    ++end;
  }
  if (end == pos) return std::nullopt;
  std::string number = text.substr(pos, end - pos);
  std::replace(number.begin(), number.end(), ',', '.');
  char* stop = nullptr;
  const double value = std::strtod(number.c_str(), &stop);
  if (stop != number.c_str() + number.size() || value < 0 || value > 60) {
    return std::nullopt;
  }
  // What may follow: a range, a plus, a note ("-5 ans", "+", "(min)",
  // "/an"), or a word that is a unit of years or starts a range ("ans",
  // "an(s)", "années", "years", "yrs", "3 à 5 ans", "3 to 5 years"). The
  // whole word is checked: "6 mois" is not 6 years, nor "3 ateliers".
  const std::string rest = FoldKey(text.substr(end));
  if (rest.empty() || rest[0] == '-' || rest[0] == '+' || rest[0] == '(' ||
      rest[0] == '/') {
    return value;
  }
  static constexpr std::string_view kWords[] = {
      "a", "an", "ans", "annee", "annees", "y", "yr", "yrs", "year", "years",
      "to"};
  const std::string_view word = std::string_view(rest).substr(
      0, rest.find_first_not_of("abcdefghijklmnopqrstuvwxyz"));
  if (std::find(std::begin(kWords), std::end(kWords), word) ==
      std::end(kWords)) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ParseBool(const std::string& text) {
  const std::string key = FoldKey(text);
  if (key == "1" || key == "true" || key == "oui" || key == "yes" ||
      key == "o" || key == "y" || key == "vrai") {
    return true;
  }
  if (key == "0" || key == "false" || key == "non" || key == "no" ||
      key == "n" || key == "faux") {
    return false;
  }
  return std::nullopt;
}

std::string Upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

bool AllLetters(const std::string& text, size_t size) {
  if (text.size() != size) return false;
  for (char c : text) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// A foreign code as sources write it, in the form the bundle's crosswalk
// keeps: ISCO-08 "8322" (from "C8322", "8322.1" or an ESCO ISCO-group URI
// ".../isco/C8322"), ROME "A1101".
std::string CanonicalCode(const std::string& system, const std::string& code) {
  std::string out = code;
  if (system == "isco08") {
    const size_t slash = out.rfind('/');
    if (slash != std::string::npos) out = out.substr(slash + 1);
    if (!out.empty() && (out[0] == 'C' || out[0] == 'c')) out = out.substr(1);
    const size_t dot = out.find('.');
    if (dot != std::string::npos) out = out.substr(0, dot);
  } else if (system == "rome-v3" || system == "rome-v4") {
    out = Upper(out);
  }
  return out;
}

std::string SystemName(const std::string& system) {
  if (system == "isco08") return "ISCO-08";
  if (system == "rome-v3") return "ROME v3";
  if (system == "esco") return "ESCO";
  if (system == "taxonomy") return "occupation";
  return system;
}

struct TitleCode {
  NodeIndex node = kNoNode;
  float confidence = 0;
  bool needs_review = true;
  std::string key;                // normalised title for deduplication
  std::vector<NodeIndex> ranked;  // top candidates, best first
  // The jobs of a title that names several (Coder::CodeSeveral:
  // "Électricien / Plombier") but for the one `node` codes the whole title
  // to.
  std::vector<OtherCoding> others;
};

// What one preparing thread keeps for itself: the coders are shared and
// const, the caches and the normaliser are not.
struct Worker {
  std::unique_ptr<text::Normalizer> normalizer;
  // A title CodeNewTitles did not see (none, when called from ImportFile):
  // coded on its own, valid until the next such title.
  TitleCode uncached_title;
  std::unordered_map<std::string, int32_t> skill_cache;    // -1: no skill
  std::unordered_map<std::string, std::string> folded;     // FoldKey memo
  // Skills spotted per sentence: descriptions are unique as a whole but
  // their sentences (boilerplate, requirements) repeat.
  std::unordered_map<std::string, std::vector<int32_t>> spotted;

  // FoldKey, remembered: employers, cities and value-map keys repeat.
  const std::string& Fold(const std::string& text) {
    auto it = folded.find(text);
    if (it != folded.end()) return it->second;
    if (folded.size() >= kMaxCacheEntries) folded.clear();
    return folded.emplace(text, FoldKey(text)).first->second;
  }
};

// The importer's long-lived threads (threads >= 2): one reads the next
// batch, one codes half of the current batch, one writes the previous one.
struct Threads {
  TaskThread reader;
  TaskThread helper;
  TaskThread writer;
};

struct Prepared {
  int64_t line = 0;
  bool rejected = false;
  std::string field;
  std::string message;
  ProblemKind kind = ProblemKind::kOther;
  std::string value;
  std::string detail;
  std::vector<RowWarning> warnings;
  std::vector<OtherCoding> other_codings;
  ImportRow row;
};

// FNV-1a 64, fed piece by piece.
struct Fnv64 {
  uint64_t hash = 1469598103934665603ull;
  void Add(std::string_view bytes) {
    for (char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
  }
};

// References that name no offer: job boards put a link text, a dash or
// "n/a" where the offer's id should be. Compared folded. A text with no
// letter or digit ("-", "...", "#") is one too.
bool IsPlaceholderRef(const std::string& ref) {
  static const std::unordered_set<std::string> kPlaceholders = {
      "",        "lien",     "link",        "url",         "n/a",
      "na",      "n.a.",     "n/d",         "nd",          "ref",
      "ref.",    "reference", "id",         "none",        "null",
      "nil",     "nan",      "0",           "x",           "xx",
      "xxx",     "aucun",    "aucune",      "non",         "non specifie",
      "non specifiee",       "non renseigne",             "voir",
      "voir lien", "voir le lien", "cliquez ici", "click here", "postuler",
      "apply",   "tbd",      "todo",        "inconnu",     "unknown"};
  const std::string folded = FoldKey(ref);
  if (kPlaceholders.count(folded) > 0) return true;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return true;
}

// Decides, in file order, under which reference each record is stored
// (engine/import/README.md, "References"):
// - a placeholder reference ("lien", "n/a", "-", empty when ref is not
//   required) never names an offer: the record is stored as
//   "<placeholder>#<12 hex digits of its content's hash>", so identical rows
//   are one offer (unchanged when seen again, in this run or a later one)
//   and different rows never replace each other, across runs too;
// - a real reference seen again in the same file with other content keeps
//   the first row under the reference and stores each other content as
//   "<ref>#L<line of its first row>": nothing is replaced silently, and a
//   re-import of the same file finds the same names (all unchanged).
// Content = the text of every mapped field but the reference, and of the
// code fields. References are remembered by a 64-bit hash (16 bytes of
// content per reference: about 50 MB of memory for a million rows; two
// references colliding, about 1 in 10^7 at that size, would only give one
// row a derived name).
class RefTracker {
 public:
  explicit RefTracker(bool ref_required) : ref_required_(ref_required) {}

  void Assign(RawRecord* record) {
    if (!record->problems.empty()) return;  // rejected anyway
    const RawValue& value = record->field(ImportField::kRef);
    const std::string& ref = value.text;
    if (ref.empty() && ref_required_) return;  // rejected as missing
    Fnv64 content;
    for (int field_idx = 0; field_idx < kImportFieldCount; ++field_idx) {
      if (field_idx == static_cast<int>(ImportField::kRef)) continue;
      const RawValue& field = record->fields[field_idx];
      // The sector came after the derived-reference format; left out when
      // absent so that references derived before it stay the same.
      if (field_idx == static_cast<int>(ImportField::kSector) &&
          !field.present) {
        continue;
      }
      content.Add(field.present ? "\x01" : "\x02");
      content.Add(field.text);
    }
    for (const RawValue& code : record->codes) {
      content.Add(code.present ? "\x01" : "\x02");
      content.Add(code.text);
    }
    if (IsPlaceholderRef(ref)) {
      char hex[17];
      std::snprintf(hex, sizeof hex, "%012llx",
                    static_cast<unsigned long long>(content.hash >> 16));
      const std::string base = ref.empty() ? std::string("noref") : ref;
      record->derived_ref = base + "#" + hex;
      record->ref_placeholder = true;
      record->ref_warning = "reference " + Quoted(ref) +
                            " is a placeholder, not an offer's id: stored as " +
                            Quoted(record->derived_ref);
      Note(ref, record->line, /*placeholder=*/true);
      return;
    }
    Fnv64 key;
    key.Add(ref);
    auto [first, inserted] = first_.try_emplace(key.hash, content.hash);
    if (inserted || first->second == content.hash) return;
    auto& others = others_[key.hash];
    int64_t line = record->line;
    bool seen = false;
    for (const auto& [hash, first_line] : others) {
      if (hash == content.hash) {
        line = first_line;
        seen = true;
        break;
      }
    }
    if (!seen) others.emplace_back(content.hash, record->line);
    record->derived_ref = ref + "#L" + std::to_string(line);
    record->ref_warning = "reference " + Quoted(ref) +
                          " seen earlier in the file with other content: "
                          "stored as " +
                          Quoted(record->derived_ref);
    Note(ref, record->line, /*placeholder=*/false);
  }

  // One line per reference stored under derived names (at most 20, then a
  // count), for the summary.
  std::vector<std::string> Warnings(const std::string& name) const {
    std::vector<std::string> out;
    constexpr size_t kShown = 20;
    for (const std::string& ref : order_) {
      if (out.size() == kShown) {
        out.push_back(name + ": ... and " +
                      std::to_string(order_.size() - kShown) +
                      " more references stored under derived names (see "
                      "the row warnings)");
        break;
      }
      const Group& group = groups_.at(ref);
      std::string lines;
      for (int64_t line : group.lines) {
        if (!lines.empty()) lines += ", ";
        lines += std::to_string(line);
      }
      if (group.rows > static_cast<int64_t>(group.lines.size())) {
        lines += " and " +
                 std::to_string(group.rows -
                                static_cast<int64_t>(group.lines.size())) +
                 " more";
      }
      if (group.placeholder) {
        out.push_back(name + ": reference " + Quoted(ref) + " on " +
                      std::to_string(group.rows) + " row" +
                      (group.rows == 1 ? "" : "s") + " (line" +
                      (group.rows == 1 ? " " : "s ") + lines +
                      ") is a placeholder: each distinct offer stored as " +
                      Quoted((ref.empty() ? std::string("noref") : ref) +
                             "#<content hash>"));
      } else {
        out.push_back(name + ": reference " + Quoted(ref) +
                      " seen again with other content (line" +
                      (group.rows == 1 ? " " : "s ") + lines +
                      "): stored as " + Quoted(ref + "#L<line>") +
                      ", the first row keeps " + Quoted(ref));
      }
    }
    return out;
  }

 private:
  struct Group {
    bool placeholder = false;
    int64_t rows = 0;
    std::vector<int64_t> lines;  // the first 10
  };
  void Note(const std::string& ref, int64_t line, bool placeholder) {
    auto [it, inserted] = groups_.try_emplace(ref);
    if (inserted) order_.push_back(ref);
    Group& group = it->second;
    group.placeholder = placeholder;
    ++group.rows;
    if (group.lines.size() < 10) group.lines.push_back(line);
  }

  bool ref_required_;
  std::unordered_map<uint64_t, uint64_t> first_;  // ref -> first content
  std::unordered_map<uint64_t, std::vector<std::pair<uint64_t, int64_t>>>
      others_;  // ref -> (other content, its first line)
  std::unordered_map<std::string, Group> groups_;
  std::vector<std::string> order_;  // groups_ in order of first derivation
};

}  // namespace

std::string_view ToString(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kOther:
      return "other";
    case ProblemKind::kRecordColumns:
      return "record_columns";
    case ProblemKind::kRecordEncoding:
      return "record_encoding";
    case ProblemKind::kRecordJson:
      return "record_json";
    case ProblemKind::kRequired:
      return "required";
    case ProblemKind::kCountry:
      return "country";
    case ProblemKind::kYesNo:
      return "yes_no";
    case ProblemKind::kContract:
      return "contract";
    case ProblemKind::kEducation:
      return "education";
    case ProblemKind::kExperience:
      return "experience";
    case ProblemKind::kPositions:
      return "positions";
    case ProblemKind::kAmount:
      return "amount";
    case ProblemKind::kSalaryRange:
      return "salary_range";
    case ProblemKind::kCurrency:
      return "currency";
    case ProblemKind::kDate:
      return "date";
    case ProblemKind::kDateOrder:
      return "date_order";
    case ProblemKind::kClosingWithoutDate:
      return "closing_without_date";
    case ProblemKind::kClosingWithoutReason:
      return "closing_without_reason";
    case ProblemKind::kClosingReason:
      return "closing_reason";
    case ProblemKind::kLicence:
      return "licence";
    case ProblemKind::kOccupationCode:
      return "occupation_code";
    case ProblemKind::kCrosswalkCode:
      return "crosswalk_code";
    case ProblemKind::kPlaceholderRef:
      return "placeholder_ref";
    case ProblemKind::kRepeatedRef:
      return "repeated_ref";
  }
  return "other";
}

std::string_view ToString(RowOutcome outcome) {
  switch (outcome) {
    case RowOutcome::kInserted:
      return "inserted";
    case RowOutcome::kUpdated:
      return "updated";
    case RowOutcome::kUnchanged:
      return "unchanged";
    case RowOutcome::kDuplicate:
      return "duplicate";
    case RowOutcome::kRejected:
      return "rejected";
  }
  return "rejected";
}

std::string CountsText(const ImportCounts& c) {
  return std::to_string(c.rows) + " rows: " + std::to_string(c.inserted) + " inserted, " +
         std::to_string(c.updated) + " updated, " + std::to_string(c.unchanged) +
         " unchanged, " + std::to_string(c.duplicates) + " duplicate" +
         (c.duplicates == 1 ? "" : "s") + ", " + std::to_string(c.rejected) + " rejected";
}

std::string ImportSummary::Line() const {
  const ImportCounts& c = counts;
  if (rolled_back && !dry_run) {
    return file + ": " + std::to_string(c.rows) +
           " rows: " + std::to_string(c.rejected) + " rejected, " +
           std::to_string(c.rows - c.rejected) +
           " valid; rolled back (strict mode), nothing written";
  }
  std::string out =
      file + ": " + CountsText(c) + " (" + std::to_string(c.to_review) + " to review" +
      (warned > 0 ? ", " + std::to_string(warned) + " with warnings" : "") +
      ")";
  if (resumed_rows > 0) {
    out += "; resumed after row " + std::to_string(resumed_rows);
  }
  if (rolled_back) out += "; dry run, nothing written";
  return out;
}

Result<std::string> HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open file");
  uint64_t hash = 1469598103934665603ull;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    for (std::streamsize pos = 0; pos < got; ++pos) {
      hash ^= static_cast<unsigned char>(buffer[pos]);
      hash *= 1099511628211ull;
    }
  }
  if (in.bad()) return Status::IoError(path + ": read error");
  char out[17];
  std::snprintf(out, sizeof out, "%016llx",
                static_cast<unsigned long long>(hash));
  return std::string(out);
}

struct OfferImporter::Impl {
  Store* store = nullptr;
  const Taxonomy* taxonomy = nullptr;
  ImportMapping mapping;
  ImportOptions options;
  std::shared_ptr<const Coder> titles;
  std::shared_ptr<const Coder> skills;
  std::vector<Worker> workers;  // one per preparing thread
  std::string date_formats;     // for messages: "DD/MM/YYYY or YYYY-MM-DD"
  std::vector<std::string> warnings;
  std::vector<bool> usable;  // per mapping.codes: the taxonomy knows it
  std::unique_ptr<Threads> threads;  // made by the first threaded import
  // Titles as written -> their coding, shared by the coding threads: filled
  // between batches by CodeNewTitles, only read while a batch is coded.
  std::unordered_map<std::string, TitleCode> title_codes;

  // The file being imported.
  std::string name;

  const std::string& Column(ImportField field) const {
    return mapping.field(field);
  }

  // "file:line:field: message" (or "file:line: message").
  std::string Where(int64_t line, const std::string& field) const {
    return name + ":" + std::to_string(line) + ":" +
           (field.empty() ? std::string() : field + ":");
  }

  bool Reject(Prepared* out, const std::string& field,
              const std::string& message,
              ProblemKind kind = ProblemKind::kOther,
              const std::string& value = "",
              std::string detail = "") const {
    out->rejected = true;
    out->field = field;
    out->message = Where(out->line, field) + " " + message;
    out->kind = kind;
    out->value = text::Excerpt(value, 256);
    out->detail = std::move(detail);
    return false;
  }

  void Warn(Prepared* out, const std::string& field, const std::string& value,
            const std::string& message, ProblemKind kind = ProblemKind::kOther,
            std::string detail = "") const {
    // The value cut like messages' quotes (a 10 MB cell costs a line).
    RowWarning warning;
    warning.field = field;
    warning.value = text::Excerpt(value, 256);
    warning.message = Where(out->line, field) + " " + message;
    warning.kind = kind;
    warning.detail = std::move(detail);
    out->warnings.push_back(std::move(warning));
  }

  bool IsRequired(ImportField field) const {
    return std::find(mapping.required.begin(), mapping.required.end(),
                     field) != mapping.required.end();
  }

  // A value of `field` that cannot be read: a required field rejects the
  // row (false); an optional one is left empty with a warning (true).
  bool Unreadable(Prepared* out, ImportField field, const std::string& value,
                  const std::string& message, ProblemKind kind,
                  const std::string& detail = "") const {
    if (IsRequired(field)) {
      return Reject(out, Column(field), message, kind, value, detail);
    }
    Warn(out, Column(field), value, message + "; left empty", kind, detail);
    return true;
  }

  TitleCode NewTitleCode(const std::string& title,
                         classification::CodingContext context,
                         Worker& w) const {
    TitleCode code;
    // The titles decided before in the store (title_priors.h), whatever
    // the row's own context.
    context.priors = options.title_priors;
    // The offer's occupation is the whole title's coding (for a title of
    // one job, CodeSeveral's only coding); the jobs of a title that names
    // several are recorded beside it, but for the one it was coded to.
    // Not the first job: on France Travail offers that lost 0.9 point of
    // top-1 (engine/import/README.md, "Coding").
    std::vector<classification::TitleCoding> jobs =
        titles->CodeSeveral(title, 10, context);
    CodingResult result = jobs.size() == 1
                              ? std::move(jobs.front().result)
                              : titles->Code(title, 10, context);
    for (size_t job_idx = 0; jobs.size() > 1 && job_idx < jobs.size();
         ++job_idx) {
      const CodingResult& job = jobs[job_idx].result;
      if (job.candidates.empty() ||
          (!result.candidates.empty() &&
           job.candidates.front().target == result.candidates.front().target)) {
        continue;
      }
      code.others.push_back({jobs[job_idx].title,
                             taxonomy->node(job.candidates.front().target).code,
                             job.candidates.front().confidence});
    }
    if (!result.candidates.empty()) {
      code.node = result.candidates.front().target;
      code.confidence = result.candidates.front().confidence;
      for (const auto& candidate : result.candidates) {
        code.ranked.push_back(candidate.target);
      }
    }
    // The mapping's threshold, not the coder's own: coders may be shared.
    code.needs_review =
        result.candidates.empty() || code.confidence < mapping.review_threshold;
    const text::Normalized normalized = w.normalizer->Normalize(title);
    for (const std::string& stem : normalized.stems) {
      if (!code.key.empty()) code.key += ' ';
      code.key += stem;
    }
    return code;
  }

  // Runs work(begin, end, worker) over [0, count): the second half on
  // `helper` with workers[1] while this thread does the first half with
  // workers[0]; all of it here without a helper.
  template <typename Work>
  void InHalves(size_t count, TaskThread* helper, const Work& work) {
    if (helper != nullptr && count >= 2) {
      const size_t half = count / 2;
      auto done = helper->Run([&] { work(half, count, &workers[1]); });
      work(0, half, &workers[0]);
      done.get();
    } else {
      work(0, count, &workers[0]);
    }
  }

  // Codes the titles of `batch` not coded yet, each once, on this thread
  // and `helper` (half each), before the batch's rows are prepared: offer
  // files repeat titles verbatim, and the two coding threads then share
  // one cache instead of each coding every title itself.
  void CodeNewTitles(const std::vector<RawRecord>& batch, size_t count,
                     TaskThread* helper) {
    if (title_codes.size() >= kMaxCacheEntries) title_codes.clear();
    std::vector<const std::string*> fresh;
    std::unordered_set<std::string_view> seen;
    for (size_t idx = 0; idx < count; ++idx) {
      const std::string& title = batch[idx].field(ImportField::kTitle).text;
      if (title.empty() || title_codes.count(title) > 0 ||
          !seen.insert(title).second) {
        continue;
      }
      fresh.push_back(&title);
    }
    std::vector<TitleCode> coded(fresh.size());
    InHalves(fresh.size(), helper,
             [&](size_t begin, size_t end, Worker* worker) {
               for (size_t idx = begin; idx < end; ++idx) {
                 coded[idx] = NewTitleCode(*fresh[idx], {}, *worker);
               }
             });
    for (size_t idx = 0; idx < fresh.size(); ++idx) {
      title_codes.emplace(*fresh[idx], std::move(coded[idx]));
    }
    // Then, once per title and context, the titles too unclear alone whose
    // row has a sector or a description.
    std::vector<std::pair<std::string, const RawRecord*>> unclear;
    std::unordered_set<std::string> seen_keys;
    for (size_t idx = 0; idx < count; ++idx) {
      const RawRecord& record = batch[idx];
      const std::string& title = record.field(ImportField::kTitle).text;
      if (title.empty() || !title_codes.at(title).needs_review) continue;
      std::string key = ContextKey(record);
      if (key.empty() || title_codes.count(key) > 0 ||
          !seen_keys.insert(key).second) {
        continue;
      }
      unclear.emplace_back(std::move(key), &record);
    }
    std::vector<TitleCode> recoded(unclear.size());
    InHalves(unclear.size(), helper,
             [&](size_t begin, size_t end, Worker* worker) {
               for (size_t idx = begin; idx < end; ++idx) {
                 const RawRecord& record = *unclear[idx].second;
                 recoded[idx] =
                     NewTitleCode(record.field(ImportField::kTitle).text,
                                  Context(record), *worker);
               }
             });
    for (size_t idx = 0; idx < unclear.size(); ++idx) {
      title_codes.emplace(std::move(unclear[idx].first),
                          std::move(recoded[idx]));
    }
  }

  // The coder's context of a record: its sector and description (empty
  // when the mapping maps neither).
  static classification::CodingContext Context(const RawRecord& record) {
    classification::CodingContext context;
    context.sector = record.field(ImportField::kSector).text;
    context.description = record.field(ImportField::kDescription).text;
    return context;
  }

  // The cache key of a title coded with its record's context: the title,
  // a NUL and a 64-bit hash of the context; "" when the record has none.
  static std::string ContextKey(const RawRecord& record) {
    const std::string& sector = record.field(ImportField::kSector).text;
    const std::string& description =
        record.field(ImportField::kDescription).text;
    if (sector.empty() && description.empty()) return "";
    Fnv64 hash;
    hash.Add(sector);
    hash.Add(std::string_view("\x00", 1));
    hash.Add(description);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(hash.hash));
    return record.field(ImportField::kTitle).text + '\0' + hex;
  }

  // The coding of a record's title, from the batch's shared cache: the
  // title alone, or, when the title alone is flagged for review (a generic
  // title: "Commercial", "Chargé de clientèle"), the title with the row's
  // sector and description (engine/import/README.md, "Coding").
  const TitleCode& CodeTitle(const RawRecord& record, Worker& w) const {
    const std::string& title = record.field(ImportField::kTitle).text;
    const TitleCode* alone = nullptr;
    auto shared = title_codes.find(title);
    if (shared != title_codes.end()) {
      alone = &shared->second;
    } else {
      w.uncached_title = NewTitleCode(title, {}, w);
      alone = &w.uncached_title;
    }
    if (!alone->needs_review) return *alone;
    const std::string key = ContextKey(record);
    if (key.empty()) return *alone;
    auto with_context = title_codes.find(key);
    if (with_context != title_codes.end()) return with_context->second;
    w.uncached_title = NewTitleCode(title, Context(record), w);
    return w.uncached_title;
  }

  int32_t CodeSkill(const std::string& phrase, Worker& w) const {
    auto it = w.skill_cache.find(phrase);
    if (it != w.skill_cache.end()) return it->second;
    if (w.skill_cache.size() >= kMaxCacheEntries) w.skill_cache.clear();
    CodingResult result = skills->Code(phrase, 1);
    int32_t skill = -1;
    if (!result.candidates.empty() && !result.needs_review) {
      skill = result.candidates.front().target;
    }
    w.skill_cache.emplace(phrase, skill);
    return skill;
  }

  // Looks `text` up in values.<kind>; null when absent.
  const nlohmann::json* Lookup(const std::string& kind, const std::string& text,
                               Worker& w) const {
    auto table = mapping.values.find(kind);
    if (table == mapping.values.end()) return nullptr;
    auto it = table->second.find(w.Fold(text));
    return it == table->second.end() ? nullptr : &it->second;
  }

  std::string Default(const std::string& field) const {
    auto it = mapping.defaults.find(field);
    return it == mapping.defaults.end() ? std::string() : it->second;
  }

  // Const but for `w`: two threads may prepare at once with two workers.
  bool Prepare(const RawRecord& record, Prepared* out, Worker& w) const;
  bool Occupation(const RawRecord& record, Prepared* out, Worker& w) const;
};

bool OfferImporter::Impl::Occupation(const RawRecord& record, Prepared* out,
                                     Worker& w) const {
  Offer& offer = out->row.offer;
  OfferCoding& coding = out->row.coding;
  for (size_t code_idx = 0; code_idx < mapping.codes.size(); ++code_idx) {
    const RawValue& value = record.codes[code_idx];
    if (!usable[code_idx] || !value.present || value.text.empty()) continue;
    const CodeSource& source = mapping.codes[code_idx];
    // A code we cannot use is a warning: the next code field, else the
    // title coder, gives the occupation (a code column is never required).
    if (source.system == "taxonomy") {
      const NodeIndex node = taxonomy->FindNode(value.text);
      if (node == kNoNode || !taxonomy->IsOccupation(node)) {
        Warn(out, source.field, value.text,
             "unknown occupation code " + Quoted(value.text) +
                 " (not an occupation of the taxonomy); not used",
             ProblemKind::kOccupationCode);
        continue;
      }
      coding.system = source.system;
      coding.code = value.text;
      offer.occupation = taxonomy->node(node).code;
      coding.method = "source";
      return true;
    }
    const std::string code = CanonicalCode(source.system, value.text);
    std::vector<classification::CrosswalkEntry> entries =
        taxonomy->CrosswalkTo(source.system, code);
    if (entries.empty()) {
      Warn(out, source.field, value.text,
           "unknown " + SystemName(source.system) + " code " +
               Quoted(value.text) + " (not in the taxonomy's crosswalk); not used",
           ProblemKind::kCrosswalkCode, SystemName(source.system));
      continue;
    }
    coding.system = source.system;
    coding.code = value.text;
    coding.method = "crosswalk";
    const classification::CrosswalkEntry* chosen = &entries.front();
    if (entries.size() > 1) {
      // Several of our occupations share the foreign code (ISCO-08 is
      // coarser than ROME): the title decides among them.
      chosen = nullptr;
      if (!offer.title.empty()) {
        const TitleCode& title = CodeTitle(record, w);
        for (NodeIndex node : title.ranked) {
          for (const auto& entry : entries) {
            if (entry.node == node) {
              chosen = &entry;
              break;
            }
          }
          if (chosen != nullptr) break;
        }
        offer.needs_review = chosen == nullptr || title.ranked.empty() ||
                             title.ranked.front() != chosen->node;
        if (chosen != nullptr && title.node == chosen->node) {
          offer.coding_confidence = title.confidence;
          coding.confidence = title.confidence;
        }
      } else {
        offer.needs_review = true;
      }
      if (chosen == nullptr) chosen = &entries.front();
    }
    offer.occupation = taxonomy->node(chosen->node).code;
    coding.match_type = std::string(classification::ToString(chosen->match));
    return true;
  }
  // No code: the title coder.
  coding.method = "coder";
  coding.system = "";
  if (offer.title.empty()) {
    coding.method = "none";
    offer.needs_review = true;
    return true;
  }
  const TitleCode& title = CodeTitle(record, w);
  if (title.node == kNoNode) {
    coding.method = "none";
    offer.needs_review = true;
    return true;
  }
  offer.occupation = taxonomy->node(title.node).code;
  offer.coding_confidence = title.confidence;
  offer.needs_review = title.needs_review;
  coding.confidence = title.confidence;
  out->other_codings = title.others;
  return true;
}

bool OfferImporter::Impl::Prepare(const RawRecord& record, Prepared* out,
                                  Worker& w) const {
  out->line = record.line;
  if (!record.problems.empty()) {
    const import::RecordProblem& problem = record.problems.front();
    return Reject(out, problem.field, problem.message, problem.kind, "",
                  problem.detail);
  }
  auto text = [&](ImportField field) -> const std::string& {
    return record.field(field).text;
  };
  for (ImportField field : mapping.required) {
    if (text(field).empty() && Default(std::string(ToString(field))).empty()) {
      return Reject(
          out, Column(field),
          "missing value (" + std::string(ToString(field)) + " is required)",
          ProblemKind::kRequired, "", std::string(ToString(field)));
    }
  }
  Offer& offer = out->row.offer;
  offer.source = options.source;
  offer.source_ref = text(ImportField::kRef);
  if (!record.derived_ref.empty()) {
    offer.source_ref = record.derived_ref;
    Warn(out, Column(ImportField::kRef), text(ImportField::kRef),
         record.ref_warning,
         record.ref_placeholder ? ProblemKind::kPlaceholderRef
                                : ProblemKind::kRepeatedRef,
         record.derived_ref);
    out->warnings.back().reference = true;
  }
  offer.id = options.source + ":" + offer.source_ref;
  offer.title = text(ImportField::kTitle);
  offer.employer = text(ImportField::kEmployer);
  offer.description = text(ImportField::kDescription);

  // A value of a value map that is null ("" or null in the mapping) means
  // "not specified": the field stays empty, without a warning.
  auto unspecified = [](const nlohmann::json* mapped) {
    return mapped != nullptr && mapped->is_null();
  };

  // Where.
  {
    std::string country = text(ImportField::kCountry);
    if (country.empty()) country = Default("country");
    if (!country.empty()) {
      const auto* mapped = Lookup("country", country, w);
      if (unspecified(mapped)) {
        country.clear();
      } else if (mapped != nullptr) {
        country = mapped->get<std::string>();
      } else {
        country = Upper(country);
      }
      if (!country.empty() && !AllLetters(country, 2)) {
        if (!Unreadable(out, ImportField::kCountry,
                        text(ImportField::kCountry),
                        "expected an ISO 3166 country code or a country of "
                        "values.country, got " +
                            Quoted(text(ImportField::kCountry)),
                        ProblemKind::kCountry)) {
          return false;
        }
        country.clear();
      }
    }
    offer.location.country = country;
    offer.location.city = text(ImportField::kCity);
    offer.location.region = text(ImportField::kRegion);
    if (offer.location.region.empty() && !offer.location.city.empty()) {
      const auto* region = Lookup("region", offer.location.city, w);
      if (region != nullptr && !region->is_null()) {
        offer.location.region = region->get<std::string>();
      }
    }
  }
  {
    std::string international = text(ImportField::kInternational);
    if (international.empty()) international = Default("international");
    if (!international.empty()) {
      auto value = ParseBool(international);
      if (value) {
        offer.international = *value;
      } else if (!Unreadable(
                     out, ImportField::kInternational, international,
                     "expected yes or no (oui/non, true/false, 1/0), got " +
                         Quoted(international),
                     ProblemKind::kYesNo)) {
        return false;
      }
    }
  }
  // The job.
  {
    std::string contract = text(ImportField::kContract);
    if (contract.empty()) contract = Default("contract");
    const auto* mapped =
        contract.empty() ? nullptr : Lookup("contract", contract, w);
    if (!contract.empty() && !unspecified(mapped)) {
      std::string name = contract;
      if (mapped != nullptr) name = mapped->get<std::string>();
      auto type = ParseContractType(name);
      if (!type) {
        std::string folded = FoldKey(name);
        std::replace(folded.begin(), folded.end(), ' ', '_');
        type = ParseContractType(folded);
      }
      if (type) {
        offer.contract = *type;
      } else if (!Unreadable(out, ImportField::kContract, contract,
                             "unknown contract type " + Quoted(contract) +
                                 " (add it to values.contract)",
                             ProblemKind::kContract)) {
        return false;
      }
    }
  }
  if (const std::string& education = text(ImportField::kEducation);
      !education.empty()) {
    const auto* mapped = Lookup("education", education, w);
    if (unspecified(mapped)) {
      // not specified
    } else if (mapped != nullptr) {
      offer.min_education = mapped->get<int>();
    } else if (education.size() == 1 && education[0] >= '0' &&
               education[0] <= '8') {
      offer.min_education = education[0] - '0';
    } else if (!Unreadable(out, ImportField::kEducation, education,
                           "expected an ISCED level (0-8) or a level of "
                           "values.education, got " +
                               Quoted(education),
                           ProblemKind::kEducation)) {
      return false;
    }
  }
  if (const std::string& experience = text(ImportField::kExperience);
      !experience.empty()) {
    const auto* mapped = Lookup("experience", experience, w);
    if (unspecified(mapped)) {
      // not specified
    } else if (mapped != nullptr) {
      offer.min_experience_years = mapped->get<double>();
    } else if (auto years = LeadingYears(experience)) {
      offer.min_experience_years = *years;
    } else if (!Unreadable(out, ImportField::kExperience, experience,
                           "expected years or a band of values.experience, "
                           "got " +
                               Quoted(experience),
                           ProblemKind::kExperience)) {
      return false;
    }
  }
  {
    std::string positions = text(ImportField::kPositions);
    if (positions.empty()) positions = Default("positions");
    if (!positions.empty()) {
      auto value = ParseAmount(positions);
      if (!value || *value < 1 || *value > 100000 ||
          *value != static_cast<double>(static_cast<int>(*value))) {
        if (!Unreadable(out, ImportField::kPositions, positions,
                        "expected a whole number of positions from 1 to "
                        "100000, got " +
                            Quoted(positions),
                        ProblemKind::kPositions)) {
          return false;
        }
      } else {
        offer.positions = static_cast<int>(*value);
      }
    }
  }
  for (ImportField field : {ImportField::kSalaryMin, ImportField::kSalaryMax}) {
    const std::string& amount = text(field);
    if (amount.empty()) continue;
    auto value = ParseAmount(amount);
    if (!value) {
      if (!Unreadable(out, field, amount,
                      "expected an amount, got " + Quoted(amount),
                      ProblemKind::kAmount)) {
        return false;
      }
      continue;
    }
    (field == ImportField::kSalaryMin ? offer.salary_min : offer.salary_max) =
        *value;
  }
  if (offer.salary_min && offer.salary_max &&
      *offer.salary_min > *offer.salary_max) {
    if (!Unreadable(out, ImportField::kSalaryMax, text(ImportField::kSalaryMax),
                    "expected an amount >= salary_min (" +
                        text(ImportField::kSalaryMin) + "), got " +
                        Quoted(text(ImportField::kSalaryMax)),
                    ProblemKind::kSalaryRange, text(ImportField::kSalaryMin))) {
      return false;
    }
    offer.salary_max.reset();
  }
  {
    std::string currency = text(ImportField::kCurrency);
    if (currency.empty() && (offer.salary_min || offer.salary_max)) {
      currency = Default("currency");
    }
    if (!currency.empty()) {
      const std::string& key = w.Fold(currency);
      if (key == "fcfa" || key == "f cfa" || key == "cfa") {
        // Both CFA francs are written "FCFA"; the country tells which.
        const std::string& country = offer.location.country;
        currency = country == "CM" || country == "GA" || country == "CG" ||
                           country == "TD" || country == "CF" || country == "GQ"
                       ? "XAF"
                       : "XOF";
      } else if (key == "€" || key == "euro" || key == "euros") {
        currency = "EUR";
      }
      currency = Upper(currency);
      if (AllLetters(currency, 3)) {
        offer.salary_currency = currency;
      } else if (!Unreadable(out, ImportField::kCurrency,
                             text(ImportField::kCurrency),
                             "expected an ISO 4217 currency code, got " +
                                 Quoted(text(ImportField::kCurrency)),
                             ProblemKind::kCurrency)) {
        return false;
      }
    }
  }
  for (ImportField field : {ImportField::kPublished, ImportField::kExpires}) {
    const std::string& date = text(field);
    if (date.empty()) continue;
    auto parsed = ParseDate(date, mapping.date_formats);
    if (!parsed) {
      if (!Unreadable(
              out, field, date,
              "expected a date (" + date_formats + "), got " + Quoted(date),
              ProblemKind::kDate, date_formats)) {
        return false;
      }
      continue;
    }
    (field == ImportField::kPublished ? offer.published : offer.expires) =
        *parsed;
  }
  if (offer.published && offer.expires && *offer.expires < *offer.published) {
    if (!Unreadable(out, ImportField::kExpires, text(ImportField::kExpires),
                    "expected a date on or after the publication (" +
                        *offer.published + "), got " +
                        Quoted(text(ImportField::kExpires)),
                    ProblemKind::kDateOrder, *offer.published)) {
      return false;
    }
    offer.expires.reset();
  }
  // When and why the offer closed (issue 16): the model's rules, worded
  // for the source's columns. A default reason applies to a row with a
  // closing day only: an open offer has none.
  if (const std::string& closed = text(ImportField::kClosed); !closed.empty()) {
    auto parsed = ParseDate(closed, mapping.date_formats);
    if (!parsed) {
      return Reject(out, Column(ImportField::kClosed),
                    "expected a date (" + date_formats + "), got " +
                        Quoted(closed),
                    ProblemKind::kDate, closed, date_formats);
    }
    if (offer.published && *parsed < *offer.published) {
      return Reject(out, Column(ImportField::kClosed),
                    "expected a date on or after the publication (" +
                        *offer.published + "), got " + Quoted(closed),
                    ProblemKind::kDateOrder, closed, *offer.published);
    }
    offer.closed = *parsed;
  }
  {
    std::string reason = text(ImportField::kClosingReason);
    if (!reason.empty() && !offer.closed) {
      return Reject(out, Column(ImportField::kClosingReason),
                    "a closing reason without a closing date (closed), got " +
                        Quoted(reason),
                    ProblemKind::kClosingWithoutDate, reason);
    }
    if (reason.empty() && offer.closed) reason = Default("closing_reason");
    if (offer.closed && reason.empty()) {
      return Reject(out, Column(ImportField::kClosed),
                    "a closing date without a closing reason (map "
                    "closing_reason or give defaults.closing_reason)",
                    ProblemKind::kClosingWithoutReason, text(ImportField::kClosed));
    }
    if (!reason.empty()) {
      std::string name = reason;
      if (const auto* mapped = Lookup("closing_reason", reason, w)) {
        name = mapped->get<std::string>();
      }
      name = FoldKey(name);
      if (name != kClosingFilled && name != kClosingWithdrawn &&
          name != kClosingExpired && name != kClosingCancelled) {
        return Reject(out, Column(ImportField::kClosingReason),
                      "unknown closing reason " + Quoted(reason) +
                          " (filled, withdrawn, expired, cancelled; or add it "
                          "to values.closing_reason)",
                      ProblemKind::kClosingReason, reason);
      }
      offer.closing_reason = name;
    }
  }
  for (const std::string& item : record.field(ImportField::kLicences).items) {
    std::string licence = item;
    const auto* mapped = Lookup("licences", item, w);
    if (unspecified(mapped)) continue;
    if (mapped != nullptr) licence = mapped->get<std::string>();
    licence = Upper(licence);
    if (licence.rfind("PERMIS ", 0) == 0) licence = licence.substr(7);
    // The closed set and the normalisation of the JSON codec (licence.h).
    std::optional<std::string> category = NormalizeLicence(licence);
    if (!category) {
      if (!Unreadable(out, ImportField::kLicences, item,
                      "expected a driving licence category (" +
                          std::string(LicenceCategories()) + "), got " +
                          Quoted(item),
                      ProblemKind::kLicence, std::string(LicenceCategories()))) {
        return false;
      }
      continue;
    }
    licence = std::move(*category);
    if (std::find(offer.licences_required.begin(),
                  offer.licences_required.end(),
                  licence) == offer.licences_required.end()) {
      offer.licences_required.push_back(licence);
    }
  }
  if (!Occupation(record, out, w)) return false;

  // Skills: those named in the skills field are required; those spotted in
  // the description are a plus.
  std::unordered_set<int32_t> seen;
  auto add_skill = [&](int32_t skill, bool essential) {
    if (skill < 0 || !seen.insert(skill).second) return;
    const classification::Skill& info = taxonomy->skill(skill);
    RequiredSkill required{info.id, essential, 0};
    (info.kind == classification::SkillKind::kSoft ? offer.soft_skills
                                                   : offer.skills)
        .push_back(std::move(required));
  };
  for (const std::string& phrase : record.field(ImportField::kSkills).items) {
    add_skill(CodeSkill(phrase, w), true);
  }
  if (!offer.description.empty()) {
    // Skill phrases do not run across sentences, so spotting each sentence
    // (cached) finds what spotting the whole text would.
    const std::string& text = offer.description;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = start;
      while (end < text.size() && text[end] != '\n' &&
             !((text[end] == '.' || text[end] == '!' || text[end] == '?') &&
               (end + 1 == text.size() || text[end + 1] == ' '))) {
        ++end;
      }
      const std::string sentence = text.substr(start, end - start);
      start = end + 1;
      if (sentence.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto it = w.spotted.find(sentence);
      if (it == w.spotted.end()) {
        if (w.spotted.size() >= kMaxCacheEntries) w.spotted.clear();
        it = w.spotted.emplace(sentence, skills->Spot(sentence)).first;
      }
      for (int32_t skill : it->second) add_skill(skill, false);
    }
  }

  // Cross-source deduplication key.
  if (!offer.employer.empty() && !offer.title.empty()) {
    const std::string& employer = w.Fold(offer.employer);
    const std::string& title_key = CodeTitle(record, w).key;
    if (!employer.empty() && !title_key.empty()) {
      out->row.dedup_key =
          employer + "|" + title_key + "|" + w.Fold(offer.location.city);
    }
  }
  Result<std::string> doc = OfferDocument(offer);
  if (!doc.ok()) return Reject(out, "", doc.status().message());
  out->row.doc = std::move(doc).value();
  return true;
}

OfferImporter::OfferImporter(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
OfferImporter::~OfferImporter() = default;

const std::vector<std::string>& OfferImporter::warnings() const {
  return impl_->warnings;
}

Result<std::unique_ptr<OfferImporter>> OfferImporter::Create(
    Store* store, const Taxonomy* taxonomy, ImportMapping mapping,
    ImportOptions options) {
  if (!ValidSourceName(options.source)) {
    return Status::InvalidArgument(
        "--source: expected a name of letters, digits, '-', '_' or '.', got " +
        Quoted(options.source));
  }
  if (options.batch_rows < 1 || options.batch_rows > 10'000'000) {
    return Status::InvalidArgument("batch_rows: expected 1 to 10000000, got " +
                                   std::to_string(options.batch_rows));
  }
  if (options.threads < 1) {
    return Status::InvalidArgument("threads: expected at least 1");
  }
  // A code system the taxonomy has no crosswalk for is skipped (a feed may
  // carry ESCO URIs and ISCO groups, a bundle only the ISCO crosswalk).
  const std::vector<std::string> systems = taxonomy->CrosswalkSystems();
  std::vector<std::string> warnings;
  std::vector<bool> usable;
  bool any_usable = false;
  for (const CodeSource& code : mapping.codes) {
    const bool known =
        code.system == "taxonomy" ||
        std::find(systems.begin(), systems.end(), code.system) != systems.end();
    usable.push_back(known);
    any_usable = any_usable || known;
    if (!known) {
      std::string list = "taxonomy";
      for (const std::string& system : systems) list += ", " + system;
      warnings.push_back(mapping.name + ": codes: the taxonomy has no " +
                         Quoted(code.system) + " crosswalk (" + list + "); " +
                         Quoted(code.field) + " is not used");
    }
  }
  if (!mapping.codes.empty() && !any_usable &&
      mapping.field(ImportField::kTitle).empty()) {
    return Status::DataError(warnings.front() +
                             ", and no title is mapped to code instead");
  }
  auto impl = std::make_unique<Impl>();
  impl->store = store;
  impl->taxonomy = taxonomy;
  impl->warnings = std::move(warnings);
  impl->usable = std::move(usable);
  impl->titles = options.title_coder;
  if (impl->titles == nullptr) {
    auto titles = Coder::ForOccupations(*taxonomy);
    if (!titles.ok()) return titles.status();
    impl->titles = std::move(*titles);
  }
  impl->skills = options.skill_coder;
  if (impl->skills == nullptr) {
    auto skills = Coder::ForSkills(*taxonomy);
    if (!skills.ok()) return skills.status();
    impl->skills = std::move(*skills);
  }
  impl->workers.resize(2);
  for (Worker& worker : impl->workers) {
    worker.normalizer = text::Normalizer::Create(taxonomy->main_language());
  }
  for (const std::string& format : mapping.date_formats) {
    if (!impl->date_formats.empty()) impl->date_formats += " or ";
    impl->date_formats += DisplayFormat(format);
  }
  impl->mapping = std::move(mapping);
  impl->options = std::move(options);
  return std::unique_ptr<OfferImporter>(new OfferImporter(std::move(impl)));
}

Status OfferImporter::ImportFile(const std::string& path,
                                 ImportSummary* summary,
                                 const std::string& name) {
  Impl& impl = *impl_;
  const ImportOptions& options = impl.options;
  impl.name = name.empty() ? path : name;
  *summary = ImportSummary();
  summary->file = impl.name;
  summary->dry_run = options.dry_run;

  auto opened = RecordSource::Open(path, impl.mapping, impl.name);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<RecordSource> source = std::move(*opened);
  summary->encoding = source->encoding();

  // Lenient runs commit batch by batch; a dry run is one transaction that is
  // rolled back, whatever the mode.
  const bool batched = options.lenient && !options.dry_run;
  std::string hash;
  if (batched) {
    auto hashed = HashFile(path);
    if (!hashed.ok()) return hashed.status();
    hash = *hashed;
  }
  auto made = impl.store->NewImportWriter();
  if (!made.ok()) return made.status();
  std::unique_ptr<ImportWriter> writer = std::move(*made);

  ImportCounts counts;
  SKILLMATCH_RETURN_IF_ERROR(writer->Begin());
  auto run = writer->StartRun(options.source, impl.name, hash, options.lenient,
                              /*resume=*/batched, &counts);
  if (!run.ok()) return run.status();
  const int64_t run_id = *run;
  summary->run_id = run_id;
  summary->resumed_rows = counts.rows;
  if (batched) SKILLMATCH_RETURN_IF_ERROR(writer->Commit());

  Status first_reject;  // strict mode: the first rejected row
  int64_t batches_committed = 0;

  int64_t last_line = 0;
  auto report_progress = [&] {
    if (!options.on_progress) return;
    ImportProgress progress;
    progress.counts = counts;
    progress.warned = summary->warned;
    progress.line = last_line;
    progress.batches_committed = batches_committed;
    options.on_progress(progress);
  };
  // Writes one prepared batch; runs on the writing thread.
  auto write_batch = [&](std::vector<Prepared>* batch) -> Status {
    if (batched) SKILLMATCH_RETURN_IF_ERROR(writer->Begin());
    for (Prepared& prepared : *batch) {
      RowReport report;
      report.file = impl.name;
      report.line = prepared.line;
      ++counts.rows;
      if (!prepared.rejected && !prepared.warnings.empty()) {
        ++summary->warned;
        report.warnings = std::move(prepared.warnings);
      }
      if (!prepared.rejected && !prepared.other_codings.empty()) {
        ++summary->several_jobs;
        report.other_codings = std::move(prepared.other_codings);
      }
      if (prepared.rejected) {
        ++counts.rejected;
        report.outcome = RowOutcome::kRejected;
        report.field = prepared.field;
        report.message = prepared.message;
        report.kind = prepared.kind;
        report.value = std::move(prepared.value);
        report.detail = std::move(prepared.detail);
        if (!options.lenient && first_reject.ok()) {
          first_reject = Status::DataError(prepared.message);
        }
        if (batched) {
          SKILLMATCH_RETURN_IF_ERROR(writer->Reject(
              run_id, prepared.line, prepared.field, prepared.message));
        }
      } else if (!first_reject.ok()) {
        // Strict and already failed: the rest is only checked.
        report.outcome = RowOutcome::kInserted;
        report.offer_id = prepared.row.offer.id;
        ++counts.inserted;
      } else {
        auto written = writer->Write(prepared.row, run_id, prepared.line,
                                     impl.mapping.dedup_window_days);
        if (!written.ok()) return written.status();
        report.offer_id = written->offer_id;
        switch (written->action) {
          case ImportAction::kInserted:
            report.outcome = RowOutcome::kInserted;
            ++counts.inserted;
            break;
          case ImportAction::kUpdated:
            report.outcome = RowOutcome::kUpdated;
            ++counts.updated;
            break;
          case ImportAction::kUnchanged:
            report.outcome = RowOutcome::kUnchanged;
            ++counts.unchanged;
            break;
          case ImportAction::kDuplicate:
            report.outcome = RowOutcome::kDuplicate;
            ++counts.duplicates;
            break;
        }
        if ((written->action == ImportAction::kInserted ||
             written->action == ImportAction::kUpdated) &&
            prepared.row.offer.needs_review) {
          report.needs_review = true;
          ++counts.to_review;
        }
      }
      if (options.on_row) options.on_row(report);
      last_line = prepared.line;
      if (options.on_progress && options.progress_rows > 0 &&
          counts.rows % options.progress_rows == 0) {
        report_progress();
      }
    }
    if (batched) {
      SKILLMATCH_RETURN_IF_ERROR(writer->Progress(run_id, counts));
      SKILLMATCH_RETURN_IF_ERROR(writer->Commit());
      ++batches_committed;
      if (options.after_commit) options.after_commit(batches_committed);
    }
    report_progress();
    return Status::Ok();
  };

  // Three stages overlap: batch k + 1 is read while batch k is coded on two
  // threads (halves of the batch, one Worker each) and batch k - 1 written.
  // With threads == 1 they run one after the other on this thread.
  int64_t to_skip = summary->resumed_rows;
  // Every record read, skipped ones too (a resumed run derives the same
  // references as an uninterrupted one).
  RefTracker refs(impl.IsRequired(ImportField::kRef));
  std::vector<RawRecord> records[2];
  // Fills records[slot] with up to batch_rows records; returns how many, and
  // sets `more` to false at the end of the file.
  bool more = true;
  auto read_batch = [&](int slot) -> size_t {
    std::vector<RawRecord>& batch = records[slot];
    size_t count = 0;
    while (static_cast<int64_t>(count) < options.batch_rows) {
      if (count == batch.size()) batch.emplace_back();
      if (!source->Next(&batch[count])) {
        more = false;
        break;
      }
      refs.Assign(&batch[count]);
      if (to_skip > 0) {
        --to_skip;
        continue;
      }
      ++count;
    }
    return count;
  };
  const bool threaded = options.threads >= 2;
  if (threaded && !impl.threads) impl.threads = std::make_unique<Threads>();
  std::vector<Prepared> reading;
  std::vector<Prepared> writing;
  JobResult<Status> pending;  // the batch being written
  Status status;
  int slot = 0;
  JobResult<size_t> next_read;
  if (threaded) {
    next_read = impl.threads->reader.Run([&] { return read_batch(0); });
  }
  while (status.ok()) {
    const size_t count = threaded ? next_read.get() : read_batch(slot);
    const bool last = !more;  // set by read_batch, seen after get()
    const std::vector<RawRecord>& batch = records[slot];
    slot = 1 - slot;
    if (threaded && !last) {
      next_read =
          impl.threads->reader.Run([&, slot] { return read_batch(slot); });
    }
    impl.CodeNewTitles(batch, count,
                       threaded ? &impl.threads->helper : nullptr);
    reading.clear();
    reading.resize(count);
    impl.InHalves(count, threaded ? &impl.threads->helper : nullptr,
                  [&](size_t begin, size_t end, Worker* worker) {
                    for (size_t idx = begin; idx < end; ++idx) {
                      impl.Prepare(batch[idx], &reading[idx], *worker);
                    }
                  });
    if (pending.valid()) status = pending.get();
    if (!status.ok() || reading.empty()) break;
    std::swap(reading, writing);
    if (threaded) {
      pending = impl.threads->writer.Run([&] { return write_batch(&writing); });
    } else {
      status = write_batch(&writing);
    }
    if (last) break;
    // Asked to stop (a server shutting down): after the batch being
    // written, whose commit keeps a lenient run resumable.
    if (options.stop && options.stop()) {
      if (pending.valid()) status = pending.get();
      if (status.ok()) {
        summary->stopped = true;
        status = Status::IoError(
            impl.name + ": import stopped after " +
            std::to_string(counts.rows) + " rows" +
            (batched ? " (committed; importing the same file again resumes)"
                     : " (rolled back, nothing written)"));
      }
      break;
    }
  }
  if (next_read.valid()) next_read.get();
  if (pending.valid()) {
    Status last = pending.get();
    if (status.ok()) status = last;
  }
  if (status.ok() && !source->status().ok()) status = source->status();
  summary->counts = counts;
  summary->warnings = refs.Warnings(impl.name);

  if (!status.ok()) {
    // A lenient run keeps its committed batches and stays resumable.
    if (!batched) {
      Status ignored = writer->Rollback();
      (void)ignored;
      summary->rolled_back = true;
    }
    return status;
  }
  if (!first_reject.ok()) {
    Status ignored = writer->Rollback();
    (void)ignored;
    summary->rolled_back = true;
    std::string message = first_reject.message();
    if (counts.rejected > 1) {
      message += " (and " + std::to_string(counts.rejected - 1) +
                 " more rejected row" + (counts.rejected > 2 ? "s" : "") + ")";
    }
    return Status::DataError(message);
  }
  if (batched) SKILLMATCH_RETURN_IF_ERROR(writer->Begin());
  SKILLMATCH_RETURN_IF_ERROR(writer->FinishRun(run_id, counts));
  if (options.dry_run) {
    summary->rolled_back = true;
    return writer->Rollback();
  }
  return writer->Commit();
}

}  // namespace skillmatch::engine
