#include "skillmatch/import/import_mapping.h"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/model/date.h"

namespace skillmatch::engine {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, kImportFieldCount> kFieldNames = {
    "ref",        "title",     "employer",   "description",  "skills",
    "country",    "region",    "city",       "contract",     "education",
    "experience", "positions", "salary_min", "salary_max",   "currency",
    "published",  "expires",   "licences",   "international"};

constexpr std::array<std::string_view, 6> kValueKinds = {
    "contract", "education", "experience", "country", "region", "licences"};

constexpr std::array<std::string_view, 5> kDefaultFields = {
    "country", "currency", "contract", "international", "positions"};

using text::Quoted;

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& names,
           std::string_view name) {
  for (std::string_view known : names) {
    if (known == name) return true;
  }
  return false;
}

std::string Describe(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return Quoted(value.get<std::string>());
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    default:
      return value.dump();
  }
}

class MappingReader {
 public:
  explicit MappingReader(std::string name) : name_(std::move(name)) {}
  Status Error(const std::string& path, const std::string& message) const {
    return Status::DataError(name_ + ": " + path + ": " + message);
  }
  Status String(const json& value, const std::string& path,
                std::string* out) const {
    if (!value.is_string()) {
      return Error(path, "expected a string, got " + Describe(value));
    }
    *out = value.get<std::string>();
    return Status::Ok();
  }

 private:
  std::string name_;
};

bool ValidPointer(const std::string& text) {
  if (text.empty() || text[0] != '/') return true;  // a column or key name
  try {
    json::json_pointer pointer(text);
    (void)pointer;
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

}  // namespace

std::string_view ToString(ImportField field) {
  return kFieldNames[static_cast<int>(field)];
}

std::optional<ImportField> ParseImportField(std::string_view name) {
  for (int field_idx = 0; field_idx < kImportFieldCount; ++field_idx) {
    if (kFieldNames[field_idx] == name) {
      return static_cast<ImportField>(field_idx);
    }
  }
  return std::nullopt;
}

std::string FoldKey(std::string_view text) {
  std::string folded = text::Fold(text);
  std::string out;
  out.reserve(folded.size());
  bool blank = false;
  for (char c : folded) {
    const bool is_blank = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (is_blank) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

std::optional<std::string> ParseDate(std::string_view text,
                                     const std::vector<std::string>& formats) {
  // Trailing time parts ("2026-03-01 08:00:00", "2026-03-01T08:00Z") are
  // common in exports; the date is what we keep.
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  for (const std::string& format : formats) {
    size_t pos = 0;
    int year = -1, month = -1, day = -1;
    bool ok = true;
    for (size_t fmt_idx = 0; ok && fmt_idx < format.size(); ++fmt_idx) {
      if (format[fmt_idx] == '%' && fmt_idx + 1 < format.size()) {
        const char spec = format[++fmt_idx];
        const size_t max_digits = spec == 'Y' ? 4 : 2;
        const size_t min_digits = spec == 'Y' ? 4 : 1;
        size_t digits = 0;
        int value = 0;
        while (pos < text.size() && digits < max_digits && text[pos] >= '0' &&
               text[pos] <= '9') {
          value = value * 10 + (text[pos] - '0');
          ++pos;
          ++digits;
        }
        if (digits < min_digits) {
          ok = false;
        } else if (spec == 'Y') {
          year = value;
        } else if (spec == 'm') {
          month = value;
        } else if (spec == 'd') {
          day = value;
        } else {
          ok = false;
        }
      } else {
        ok = pos < text.size() && text[pos] == format[fmt_idx];
        ++pos;
      }
    }
    if (!ok || year < 0 || month < 0 || day < 0) continue;
    if (pos < text.size() && text[pos] != ' ' && text[pos] != 'T') continue;
    // The one calendar check of the engine (leap years included).
    const std::optional<Date> date = Date::FromCivil(year, month, day);
    if (!date) continue;
    return date->ToString();
  }
  return std::nullopt;
}

Result<ImportMapping> ParseMapping(const json& doc, const std::string& name) {
  MappingReader reader(name);
  ImportMapping mapping;
  mapping.name = name;
  if (!doc.is_object()) {
    return Status::DataError(name + ": expected a JSON object, got " +
                             Describe(doc));
  }
  for (const auto& [key, value] : doc.items()) {
    if (key == "format") {
      std::string text;
      SKILLMATCH_RETURN_IF_ERROR(reader.String(value, key, &text));
      if (text == "auto") {
        mapping.format = ImportFormat::kAuto;
      } else if (text == "csv") {
        mapping.format = ImportFormat::kCsv;
      } else if (text == "json") {
        mapping.format = ImportFormat::kJson;
      } else if (text == "jsonl") {
        mapping.format = ImportFormat::kJsonLines;
      } else {
        return reader.Error(
            key, "expected auto, csv, json or jsonl, got " + Quoted(text));
      }
    } else if (key == "encoding") {
      std::string text;
      SKILLMATCH_RETURN_IF_ERROR(reader.String(value, key, &text));
      const std::string folded = FoldKey(text);
      if (folded == "auto") {
        mapping.encoding = ImportEncoding::kAuto;
      } else if (folded == "utf-8" || folded == "utf8") {
        mapping.encoding = ImportEncoding::kUtf8;
      } else if (folded == "windows-1252" || folded == "cp1252") {
        mapping.encoding = ImportEncoding::kWindows1252;
      } else if (folded == "latin-1" || folded == "iso-8859-1" ||
                 folded == "latin1") {
        mapping.encoding = ImportEncoding::kLatin1;
      } else {
        return reader.Error(
            key, "expected auto, utf-8, windows-1252 or latin-1, got " +
                     Quoted(text));
      }
    } else if (key == "delimiter") {
      std::string text;
      SKILLMATCH_RETURN_IF_ERROR(reader.String(value, key, &text));
      if (text == "auto") {
        mapping.delimiter = 0;
      } else if (text == "\\t" || text == "tab") {
        mapping.delimiter = '\t';
      } else if (text.size() == 1 && text[0] != '"' && text[0] != '\n' &&
                 text[0] != '\r') {
        mapping.delimiter = text[0];
      } else {
        return reader.Error(
            key, "expected one character or auto, got " + Quoted(text));
      }
    } else if (key == "list_separator") {
      SKILLMATCH_RETURN_IF_ERROR(
          reader.String(value, key, &mapping.list_separator));
      if (mapping.list_separator.empty()) {
        return reader.Error(key, "expected a non-empty string");
      }
    } else if (key == "records") {
      SKILLMATCH_RETURN_IF_ERROR(
          reader.String(value, key, &mapping.records_pointer));
      if (!mapping.records_pointer.empty() &&
          (mapping.records_pointer[0] != '/' ||
           !ValidPointer(mapping.records_pointer))) {
        return reader.Error(key,
                            "expected a JSON pointer such as "
                            "'/offers', got " +
                                Quoted(mapping.records_pointer));
      }
    } else if (key == "fields") {
      if (!value.is_object()) {
        return reader.Error(key, "expected an object, got " + Describe(value));
      }
      for (const auto& [field_name, where] : value.items()) {
        const std::string path = key + "." + field_name;
        auto field = ParseImportField(field_name);
        if (!field) {
          return reader.Error(path,
                              "unknown offer field " + Quoted(field_name));
        }
        std::string text;
        SKILLMATCH_RETURN_IF_ERROR(reader.String(where, path, &text));
        if (!ValidPointer(text)) {
          return reader.Error(path, "invalid JSON pointer " + Quoted(text));
        }
        mapping.fields[static_cast<int>(*field)] = text;
      }
    } else if (key == "required") {
      if (!value.is_array()) {
        return reader.Error(key, "expected an array, got " + Describe(value));
      }
      mapping.required.clear();
      for (size_t item_idx = 0; item_idx < value.size(); ++item_idx) {
        const std::string path = key + "[" + std::to_string(item_idx) + "]";
        std::string text;
        SKILLMATCH_RETURN_IF_ERROR(reader.String(value[item_idx], path, &text));
        auto field = ParseImportField(text);
        if (!field) {
          return reader.Error(path, "unknown offer field " + Quoted(text));
        }
        mapping.required.push_back(*field);
      }
    } else if (key == "codes") {
      if (!value.is_array()) {
        return reader.Error(key, "expected an array, got " + Describe(value));
      }
      for (size_t item_idx = 0; item_idx < value.size(); ++item_idx) {
        const std::string path = key + "[" + std::to_string(item_idx) + "]";
        const json& item = value[item_idx];
        if (!item.is_object() || !item.contains("field") ||
            !item.contains("system")) {
          return reader.Error(path, "expected an object with field and system");
        }
        CodeSource code;
        SKILLMATCH_RETURN_IF_ERROR(
            reader.String(item["field"], path + ".field", &code.field));
        SKILLMATCH_RETURN_IF_ERROR(
            reader.String(item["system"], path + ".system", &code.system));
        if (code.field.empty() || !ValidPointer(code.field)) {
          return reader.Error(path + ".field",
                              "expected a column name or JSON pointer");
        }
        if (code.system.empty()) {
          return reader.Error(path + ".system", "expected a code system");
        }
        mapping.codes.push_back(std::move(code));
      }
    } else if (key == "date_formats") {
      if (!value.is_array() || value.empty()) {
        return reader.Error(
            key, "expected a non-empty array, got " + Describe(value));
      }
      mapping.date_formats.clear();
      for (size_t item_idx = 0; item_idx < value.size(); ++item_idx) {
        const std::string path = key + "[" + std::to_string(item_idx) + "]";
        std::string text;
        SKILLMATCH_RETURN_IF_ERROR(reader.String(value[item_idx], path, &text));
        if (text.find("%Y") == std::string::npos ||
            text.find("%m") == std::string::npos ||
            text.find("%d") == std::string::npos) {
          return reader.Error(path,
                              "expected a format with %Y, %m and %d, "
                              "got " +
                                  Quoted(text));
        }
        mapping.date_formats.push_back(text);
      }
    } else if (key == "values") {
      if (!value.is_object()) {
        return reader.Error(key, "expected an object, got " + Describe(value));
      }
      for (const auto& [kind, table] : value.items()) {
        const std::string path = key + "." + kind;
        if (!OneOf(kValueKinds, kind)) {
          return reader.Error(path, "unknown value map " + Quoted(kind) +
                                        " (contract, education, experience, "
                                        "country, region, licences)");
        }
        if (!table.is_object()) {
          return reader.Error(path,
                              "expected an object, got " + Describe(table));
        }
        auto& out = mapping.values[kind];
        for (const auto& [from, to] : table.items()) {
          const std::string item_path = path + "." + from;
          // "" and null say "not specified": the field is left empty, with
          // no warning ("Non spécifié", "N/A", "Temps plein" for a contract).
          if (to.is_null() || (to.is_string() && to.get<std::string>().empty())) {
            out[FoldKey(from)] = nullptr;
            continue;
          }
          const bool numeric = kind == "education" || kind == "experience";
          if (numeric ? !to.is_number() : !to.is_string()) {
            return reader.Error(item_path, std::string("expected a ") +
                                               (numeric ? "number" : "string") +
                                               ", got " + Describe(to));
          }
          if (kind == "education" && (!to.is_number_integer() ||
                                      to.get<int>() < 0 || to.get<int>() > 8)) {
            return reader.Error(
                item_path,
                "expected an ISCED level from 0 to 8, got " + Describe(to));
          }
          if (kind == "experience" && to.get<double>() < 0) {
            return reader.Error(item_path,
                                "expected years >= 0, got " + Describe(to));
          }
          out[FoldKey(from)] = to;
        }
      }
    } else if (key == "defaults") {
      if (!value.is_object()) {
        return reader.Error(key, "expected an object, got " + Describe(value));
      }
      for (const auto& [field, text] : value.items()) {
        const std::string path = key + "." + field;
        if (!OneOf(kDefaultFields, field)) {
          return reader.Error(path, "no default for " + Quoted(field) +
                                        " (country, currency, contract, "
                                        "international, positions)");
        }
        std::string out;
        SKILLMATCH_RETURN_IF_ERROR(reader.String(text, path, &out));
        mapping.defaults[field] = out;
      }
    } else if (key == "dedup_window_days") {
      if (!value.is_number_integer() || value.get<int64_t>() < 0 ||
          value.get<int64_t>() > 3660) {
        return reader.Error(
            key, "expected days from 0 to 3660, got " + Describe(value));
      }
      mapping.dedup_window_days = value.get<int>();
    } else if (key == "review_threshold") {
      if (!value.is_number() || value.get<double>() < 0 ||
          value.get<double>() > 1) {
        return reader.Error(
            key, "expected a number from 0 to 1, got " + Describe(value));
      }
      mapping.review_threshold = value.get<float>();
    } else if (key == "description" || key == "$comment" ||
               key == "to_review" ||
               key.rfind("_", 0) == 0) {
      // Free text for people; "_..." keys are comments.
    } else {
      return reader.Error(key, "unknown key");
    }
  }
  for (ImportField field : mapping.required) {
    if (mapping.field(field).empty()) {
      return reader.Error("required", "field " + Quoted(ToString(field)) +
                                          " is required but not mapped");
    }
  }
  if (mapping.field(ImportField::kRef).empty()) {
    return reader.Error("fields.ref",
                        "missing: every source must give its own reference");
  }
  if (mapping.field(ImportField::kTitle).empty() && mapping.codes.empty()) {
    return reader.Error("fields.title",
                        "missing: map the title or an occupation code");
  }
  return mapping;
}

Result<ImportMapping> ReadMappingFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open mapping file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  json doc;
  try {
    doc = json::parse(buffer.str());
  } catch (const json::exception& e) {
    return Status::DataError(classification::InvalidJsonMessage(path, e));
  }
  return ParseMapping(doc, path);
}

}  // namespace skillmatch::engine
