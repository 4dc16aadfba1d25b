#include "skillmatch/import/mapping_draft.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "import_readers.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/import/import_mapping.h"
#include "skillmatch/model/geography.h"

namespace skillmatch::engine {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using text::Quoted;

// Folded, every character that is not a letter or digit a blank, blanks
// collapsed: "Niveau d'études" -> "niveau d etudes", "/location/city" ->
// "location city". Letters beyond ASCII are kept as they fold.
std::string Words(std::string_view text) {
  // camelCase keys of JSON feeds are words too: "contractType".
  std::string split;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c >= 'A' && c <= 'Z' && pos > 0 && text[pos - 1] >= 'a' &&
        text[pos - 1] <= 'z') {
      split += ' ';
    }
    split += c;
  }
  const std::string folded = FoldKey(split);
  std::string out;
  bool blank = false;
  for (char c : folded) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      static_cast<unsigned char>(c) >= 0x80 || c == '+';
    if (!word) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

// Whether `phrase` occurs in `words` as whole words.
bool HasPhrase(const std::string& words, std::string_view phrase) {
  size_t at = 0;
  while ((at = words.find(phrase, at)) != std::string::npos) {
    const size_t end = at + phrase.size();
    const bool starts = at == 0 || words[at - 1] == ' ';
    const bool ends = end == words.size() || words[end] == ' ';
    if (starts && ends) return true;
    ++at;
  }
  return false;
}

// Header phrases per offer field (after Words). A leading '=' matches only
// the whole header ("lieu", "id" are too common inside other names).
// Fields starting with '-' are recognised but have no offer field.
struct FieldPhrases {
  std::string_view field;
  std::vector<std::string_view> phrases;
};

const std::vector<FieldPhrases>& Phrases() {
  static const std::vector<FieldPhrases> kPhrases = {
      {"ref",
       {"reference", "ref", "=id", "offer id", "job id", "id offre",
        "identifiant", "numero offre", "numero de l offre", "n offre",
        "reference offre", "url", "lien", "link", "job url", "offer url",
        "lien de l offre"}},
      {"title",
       {"titre", "intitule", "intitule du poste", "poste", "titre du poste",
        "title", "job title", "job", "position title", "=position", "=offre",
        "emploi", "=metier", "libelle", "libelle du poste", "nom du poste",
        "job name", "designation"}},
      {"employer",
       {"entreprise", "employeur", "societe", "company", "employer",
        "recruteur", "organisation", "organization", "structure",
        "company name", "nom de l entreprise", "hiring organization",
        "hiring organisation", "raison sociale", "annonceur", "recruiter"}},
      {"description",
       {"description", "descriptif", "description du poste",
        "job description", "details", "missions", "=mission", "texte",
        "contenu", "body"}},
      {"skills",
       {"competences", "competence", "skills", "competences requises",
        "required skills", "savoir faire"}},
      {"country", {"pays", "country", "country code", "code pays"}},
      {"region", {"region", "province", "state", "departement"}},
      {"city",
       {"ville", "city", "town", "localite", "commune", "=lieu", "=location",
        "=localisation", "lieu de travail", "job location", "work location",
        "lieu d affectation", "=place"}},
      {"contract",
       {"contrat", "type de contrat", "contract", "contract type",
        "type d emploi", "job type", "employment type", "type de poste",
        "nature du contrat", "type"}},
      {"education",
       {"niveau d etudes", "niveau d etude", "niveau etudes", "niveau etude",
        "=niveau", "diplome", "diplome requis", "education",
        "education level", "formation", "qualification", "degree",
        "niveau de formation", "niveau academique", "niveau scolaire",
        "level of education"}},
      {"experience",
       {"experience", "annees d experience", "experience requise",
        "years of experience", "experience level", "niveau d experience",
        "experience professionnelle", "seniority"}},
      {"positions",
       {"nombre de postes", "postes", "positions", "vacancies", "openings",
        "nb postes", "nombre de places", "places", "nombre"}},
      {"salary_min",
       {"salaire", "salary", "remuneration", "salaire min", "salaire minimum",
        "salary min", "minimum salary", "pay", "salaire mensuel"}},
      {"salary_max",
       {"salaire max", "salaire maximum", "salary max", "maximum salary"}},
      {"currency", {"devise", "currency", "monnaie"}},
      {"published",
       {"date de publication", "date publication", "publie le", "publication",
        "posted", "date posted", "posted on", "publication date",
        "date de l offre", "=date", "date de parution", "parution",
        "date de mise en ligne", "created", "date created", "date creation",
        "date de creation", "creation date", "date posted on"}},
      {"expires",
       {"date limite", "date limite de candidature", "deadline",
        "closing date", "date d expiration", "expire", "expires",
        "expiration", "date de cloture", "cloture", "valid through",
        "application deadline", "expiry date", "date de fin"}},
      {"licences",
       {"permis", "permis de conduire", "driving licence", "driving license",
        "licences", "licence de conduire"}},
      {"international", {"international"}},
      {"code:rome-v3", {"code rome", "rome", "code rome v3", "rome v3"}},
      {"code:isco08",
       {"isco", "code isco", "isco 08", "isco08", "cite", "code cite",
        "cite 08"}},
      {"code:taxonomy", {"code metier", "code roame"}},
      {"code:esco", {"esco", "esco uri", "code esco"}},
      {"-sector",
       {"secteur", "sector", "industry", "secteur d activite",
        "secteur activite", "secteur activite libelle", "domaine",
        "categorie", "category", "branche"}},
      {"-contact",
       {"email", "e mail", "mail", "telephone", "tel", "phone", "contact",
        "courriel"}},
  };
  return kPhrases;
}

// The best field for a header and its score (0 = none): the whole header
// beats a phrase inside it, a longer phrase a shorter one.
std::pair<std::string, int> Propose(const std::string& header) {
  const std::string words = Words(header);
  // Contact details first, whatever else the header says ("Email du
  // recruteur" is no employer): they are never mapped nor shown.
  for (const FieldPhrases& entry : Phrases()) {
    if (entry.field != "-contact") continue;
    for (std::string_view phrase : entry.phrases) {
      if (HasPhrase(words, phrase)) return {"-contact", 2000};
    }
  }
  std::string best;
  int best_score = 0;
  for (const FieldPhrases& entry : Phrases()) {
    for (std::string_view phrase : entry.phrases) {
      const bool exact_only = !phrase.empty() && phrase[0] == '=';
      if (exact_only) phrase.remove_prefix(1);
      int score = 0;
      if (words == phrase) {
        score = 1000 + static_cast<int>(phrase.size());
      } else if (!exact_only && HasPhrase(words, phrase)) {
        score = 100 + static_cast<int>(phrase.size());
      }
      if (score > best_score) {
        best_score = score;
        best = std::string(entry.field);
      }
    }
  }
  return {best, best_score};
}

bool IsUnspecified(const std::string& words) {
  static const std::set<std::string> kNone = {
      "",
      "non specifie",
      "non specifiee",
      "non precise",
      "non precisee",
      "non renseigne",
      "non communique",
      "n a",
      "na",
      "nd",
      "n d",
      "aucune precision",
      "autre",
      "autres",
      "other",
      "not specified",
      "unspecified",
      "indifferent",
      "voir description",
      "see description",
      "null",
      "none",
      "nan",
      "a definir",
      "to be defined",
      "tbd",
      "selon profil",
      "negociable"};
  return kNone.count(words) > 0;
}

json ProposeContract(const std::string& value) {
  const std::string w = Words(value);
  // France Travail's contract codes (typeContrat of its offers API).
  static const std::map<std::string, std::string> kFranceTravail = {
      {"cdi", "permanent"},   {"cdd", "fixed_term"}, {"mis", "temporary"},
      {"tti", "temporary"},   {"sai", "seasonal"},   {"ddi", "fixed_term"},
      {"din", "permanent"},   {"lib", "freelance"},  {"fra", "freelance"},
      {"cce", "freelance"}};
  if (auto it = kFranceTravail.find(w); it != kFranceTravail.end()) {
    return it->second;
  }
  auto has = [&w](std::string_view phrase) { return HasPhrase(w, phrase); };
  auto contains = [&w](std::string_view part) {
    return w.find(part) != std::string::npos;
  };
  if (has("cdi") || contains("indetermin") || has("permanent") ||
      has("permanent contract")) {
    return "permanent";
  }
  if (has("cdd") || contains("determin") || has("fixed term") ||
      has("duree determinee")) {
    return "fixed_term";
  }
  if (contains("interim") || has("temporaire") || has("temporary") ||
      has("temp")) {
    return "temporary";
  }
  if (contains("saisonn") || has("seasonal")) return "seasonal";
  if (contains("apprenti") || has("alternance") || has("apprenticeship")) {
    return "apprenticeship";
  }
  if (has("stage") || has("stagiaire") || has("internship") ||
      has("intern") || has("stage pre emploi") || has("stage professionnel")) {
    return "internship";
  }
  if (has("freelance") || contains("independant") || has("consultant") ||
      contains("consultan") || has("prestation") || has("prestataire") ||
      has("contractor")) {
    return "freelance";
  }
  if (contains("journali") || has("daily") || has("journee")) return "daily";
  // Working time says nothing of the contract: not specified.
  if (IsUnspecified(w) || has("temps plein") || has("temps partiel") ||
      has("full time") || has("part time") || has("mi temps") ||
      has("plein temps")) {
    return nullptr;
  }
  return json(json::value_t::discarded);
}

json ProposeEducation(const std::string& value) {
  const std::string w = Words(value);
  auto has = [&w](std::string_view phrase) { return HasPhrase(w, phrase); };
  // "bac+3", "bac + 2", "bac 2" after Words keeps '+'.
  const std::string folded = FoldKey(value);
  for (size_t at = folded.find("bac"); at != std::string::npos;
       at = folded.find("bac", at + 1)) {
    size_t pos = at + 3;
    while (pos < folded.size() && folded[pos] == ' ') ++pos;
    if (pos < folded.size() && folded[pos] == '+') {
      ++pos;
      while (pos < folded.size() && folded[pos] == ' ') ++pos;
      if (pos < folded.size() && folded[pos] >= '0' && folded[pos] <= '9') {
        static constexpr int kIsced[] = {3, 4, 5, 6, 6, 7, 7, 7, 8, 8};
        return kIsced[folded[pos] - '0'];
      }
    }
  }
  if (IsUnspecified(w)) return nullptr;
  // "ISCED-3", "CITE 6": the level itself.
  for (std::string_view prefix : {"isced ", "cite "}) {
    if (w.size() == prefix.size() + 1 && w.rfind(prefix, 0) == 0 &&
        w.back() >= '0' && w.back() <= '8') {
      return w.back() - '0';
    }
  }
  if (has("doctorat") || has("phd") || has("doctorate") || has("doctorat phd")) {
    return 8;
  }
  if (has("master") || has("masters") || has("mba") || has("ingenieur") ||
      has("engineer") || has("dess") || has("dea") || has("msc") ||
      has("master s degree")) {
    return 7;
  }
  if (has("licence") || has("bachelor") || has("bachelors") || has("bsc") ||
      has("degree") || has("license") || has("maitrise") ||
      has("university degree")) {
    return 6;
  }
  if (has("bts") || has("dut") || has("hnd") || has("deug") || has("dts") ||
      has("brevet de technicien superieur") || has("diploma") ||
      has("higher national diploma")) {
    return 5;
  }
  if (has("baccalaureat") || has("bac") || has("high school") ||
      has("a level") || has("a levels") || has("gce a") ||
      has("gce advanced level") || has("probatoire") || has("cap") ||
      has("bep") || has("cqp")) {
    return 3;
  }
  if (has("bepc") || has("brevet") || has("o level") || has("o levels") ||
      has("gce o") || has("gce ordinary level")) {
    return 2;
  }
  if (has("cep") || has("cepe") || has("primaire") || has("primary") ||
      has("fslc")) {
    return 1;
  }
  if (has("sans diplome") || has("aucun diplome") || has("no diploma") ||
      has("no degree") || has("none required") || has("aucun")) {
    return 0;
  }
  return json(json::value_t::discarded);
}

json ProposeExperience(const std::string& value) {
  const std::string w = Words(value);
  auto has = [&w](std::string_view phrase) { return HasPhrase(w, phrase); };
  if (IsUnspecified(w)) return nullptr;
  if (has("debutant") || has("debutants") || has("sans experience") ||
      has("aucune experience") || has("no experience") ||
      has("entry level") || has("junior") || has("moins d un an") ||
      has("moins de 1 an") || has("less than 1 year") ||
      has("less than one year") || has("premier emploi") ||
      has("jeune diplome") || has("graduate") || has("fresh graduate")) {
    return 0;
  }
  // The first number: years, months, or a range's lower bound.
  size_t pos = 0;
  while (pos < w.size() && !(w[pos] >= '0' && w[pos] <= '9')) ++pos;
  if (pos == w.size()) return json(json::value_t::discarded);
  // Only a few words may come before the number.
  const std::string before = w.substr(0, pos);
  static const std::set<std::string> kBefore = {
      "",          "plus de ",   "au moins ", "minimum ", "min ",
      "more than ", "at least ", "over ",     "+ ",       "+",
      "de ",       "from ",     "entre ",    "between "};
  if (kBefore.count(before) == 0) return json(json::value_t::discarded);
  size_t end = pos;
  while (end < w.size() && w[end] >= '0' && w[end] <= '9') ++end;
  const int number = std::stoi(w.substr(pos, std::min<size_t>(end - pos, 3)));
  if (number > 60) return json(json::value_t::discarded);
  std::string rest = w.substr(end);
  while (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
  if (rest.rfind("mois", 0) == 0 || rest.rfind("month", 0) == 0) {
    return std::round(number / 12.0 * 10) / 10;
  }
  static const std::vector<std::string_view> kAfter = {
      "", "an", "ans", "annee", "annees", "year", "years", "yr", "yrs", "+",
      "a", "to", "et", "ou"};
  const std::string first_word = rest.substr(0, rest.find(' '));
  if (std::find(kAfter.begin(), kAfter.end(), first_word) == kAfter.end() &&
      !(first_word[0] >= '0' && first_word[0] <= '9') &&
      first_word.rfind("+", 0) != 0) {
    return json(json::value_t::discarded);
  }
  return number;
}

const std::unordered_map<std::string, std::string>& CountryNames() {
  static const auto* kNames = [] {
    auto* names = new std::unordered_map<std::string, std::string>();
    for (const GeoCountry& country : Geography::Embedded().countries()) {
      (*names)[Words(country.name_fr)] = country.code;
      (*names)[Words(country.name_en)] = country.code;
      (*names)[Words(country.code)] = country.code;
    }
    const std::pair<const char*, const char*> kAliases[] = {
        {"ivory coast", "CI"},  {"cote divoire", "CI"},
        {"rdc", "CD"},          {"rd congo", "CD"},
        {"dr congo", "CD"},     {"congo kinshasa", "CD"},
        {"congo brazzaville", "CG"}, {"centrafrique", "CF"},
        {"rca", "CF"},          {"usa", "US"},
        {"etats unis", "US"},   {"united states", "US"},
        {"royaume uni", "GB"},  {"united kingdom", "GB"},
        {"uk", "GB"},           {"canada", "CA"},
        {"maroc", "MA"},        {"morocco", "MA"},
        {"tunisie", "TN"},      {"tunisia", "TN"},
        {"algerie", "DZ"},      {"algeria", "DZ"},
        {"suisse", "CH"},       {"switzerland", "CH"},
        {"madagascar", "MG"},   {"cameroon", "CM"},
        {"senegal", "SN"},      {"benin", "BJ"},
        {"nigeria", "NG"},      {"guinee conakry", "GN"},
        {"burkina", "BF"},      {"tchad", "TD"},
        {"gabon", "GA"},        {"djibouti", "DJ"},
        {"comores", "KM"},      {"maurice", "MU"},
        {"mauritius", "MU"},    {"belgique", "BE"}};
    for (const auto& [name, code] : kAliases) (*names)[name] = code;
    return names;
  }();
  return *kNames;
}

json ProposeCountry(const std::string& value) {
  const std::string w = Words(value);
  if (IsUnspecified(w)) return nullptr;
  auto it = CountryNames().find(w);
  if (it != CountryNames().end()) return it->second;
  return json(json::value_t::discarded);
}

// A city of the embedded geography: the whole value, else its part before
// ',', '-', '/' or '(' ("Douala, Cameroun", "Yaoundé - Centre").
const GeoCity* FindCity(const std::string& value) {
  static const auto* kCities = [] {
    auto* cities = new std::unordered_map<std::string, const GeoCity*>();
    for (const GeoCity& city : Geography::Embedded().cities()) {
      cities->emplace(Words(city.city), &city);
    }
    return cities;
  }();
  auto it = kCities->find(Words(value));
  if (it != kCities->end()) return it->second;
  const size_t cut = value.find_first_of(",-/(");
  if (cut != std::string::npos && cut > 0) {
    it = kCities->find(Words(value.substr(0, cut)));
    if (it != kCities->end()) return it->second;
  }
  return nullptr;
}

struct ColumnStats {
  int64_t filled = 0;
  std::unordered_map<std::string, int64_t> counts;
  bool more = false;
  std::vector<std::string> order;  // first seen, for stable output
};

std::string DelimiterName(char delimiter) {
  if (delimiter == '\t') return "tab";
  return std::string(1, delimiter);
}

}  // namespace

std::string ProposeField(const std::string& header) {
  return Propose(header).first;
}

json ProposeValue(const std::string& kind, const std::string& value) {
  if (kind == "contract") return ProposeContract(value);
  if (kind == "education") return ProposeEducation(value);
  if (kind == "experience") return ProposeExperience(value);
  if (kind == "country") return ProposeCountry(value);
  return json(json::value_t::discarded);
}

Result<MappingDraft> DraftMapping(const std::string& path,
                                  const std::string& name,
                                  const DraftOptions& options) {
  MappingDraft draft;
  import::TableInfo info;
  std::map<std::string, ColumnStats> stats;
  Status status = import::ScanTable(
      path, name, &info,
      [&](int64_t line, bool readable,
          const std::vector<std::pair<std::string, std::string>>& cells) {
        ++draft.records;
        if (!readable) {
          ++draft.unreadable;
          if (draft.unreadable_lines.size() < 20) {
            draft.unreadable_lines.push_back(line);
          }
          return;
        }
        for (const auto& [column, text] : cells) {
          ColumnStats& column_stats = stats[column];
          if (text.empty()) continue;
          ++column_stats.filled;
          auto it = column_stats.counts.find(text);
          if (it != column_stats.counts.end()) {
            ++it->second;
          } else if (column_stats.counts.size() < options.max_distinct) {
            column_stats.counts.emplace(text, 1);
            column_stats.order.push_back(text);
          } else {
            column_stats.more = true;
          }
        }
      });
  if (!status.ok()) return status;
  draft.format = info.format == ImportFormat::kCsv    ? "csv"
                 : info.format == ImportFormat::kJson ? "json"
                                                      : "jsonl";
  draft.encoding = info.encoding;
  if (info.format == ImportFormat::kCsv) {
    draft.delimiter = DelimiterName(info.delimiter);
  }
  const int64_t readable = draft.records - draft.unreadable;

  // Proposals; each field goes to its best-scoring column.
  std::vector<std::pair<std::string, int>> proposals;
  std::map<std::string, size_t> best_column;  // field -> column index
  for (size_t col = 0; col < info.columns.size(); ++col) {
    proposals.push_back(Propose(info.columns[col]));
    const auto& [field, score] = proposals.back();
    if (field.empty() || field[0] == '-') continue;
    auto [it, inserted] = best_column.try_emplace(field, col);
    if (!inserted && proposals[it->second].second < score) it->second = col;
  }
  // A lone salary column is the minimum; a "salary max" without a min too.
  for (size_t col = 0; col < info.columns.size(); ++col) {
    const ColumnStats& column_stats = stats[info.columns[col]];
    DraftColumn column;
    column.name = info.columns[col];
    column.filled = column_stats.filled;
    column.distinct = static_cast<int64_t>(column_stats.counts.size());
    column.more_distinct = column_stats.more;
    for (const std::string& value : column_stats.order) {
      column.top.emplace_back(value, column_stats.counts.at(value));
    }
    std::stable_sort(column.top.begin(), column.top.end(),
                     [](const auto& a, const auto& b) {
                       return a.second > b.second;
                     });
    const std::string& field = proposals[col].first;
    if (field == "-sector") {
      column.note = "a sector: no offer field (kept out)";
    } else if (field == "-contact") {
      // Recruiters' e-mails and phone numbers are personal data: counted,
      // never shown.
      column.note = "contact details: not imported (personal data)";
      column.top.clear();
    } else if (!field.empty() && best_column.at(field) == col) {
      column.field = field;
    } else if (!field.empty()) {
      column.note = "also looks like " + field + ", given to " +
                    Quoted(info.columns[best_column.at(field)]);
    } else {
      column.note = "no offer field recognised";
    }
    draft.columns.push_back(std::move(column));
  }
  auto column_of = [&](const std::string& field) -> const DraftColumn* {
    for (const DraftColumn& column : draft.columns) {
      if (column.field == field) return &column;
    }
    return nullptr;
  };
  // Every source needs a reference: the most distinct well-filled column
  // left, else the title (repeated titles then get derived references).
  if (column_of("ref") == nullptr) {
    DraftColumn* chosen = nullptr;
    for (DraftColumn& column : draft.columns) {
      if (!column.field.empty() || column.note.rfind("a sector", 0) == 0 ||
          column.note.rfind("contact", 0) == 0 || readable == 0) {
        continue;
      }
      const bool full = column.filled * 100 >= readable * 95;
      const bool distinct =
          column.more_distinct || column.distinct * 100 >= readable * 90;
      if (full && distinct && (chosen == nullptr ||
                               column.distinct > chosen->distinct)) {
        chosen = &column;
      }
    }
    if (chosen == nullptr) {
      for (DraftColumn& column : draft.columns) {
        if (column.field == "title") chosen = &column;
      }
      draft.to_review.push_back(
          "fields.ref: no reference column; offers are told apart by their "
          "title and content (repeated titles get derived references)");
    } else {
      draft.to_review.push_back("fields.ref: no column named as a reference; " +
                                Quoted(chosen->name) +
                                " is the most distinct one, check it");
    }
    if (chosen != nullptr && chosen->field.empty()) {
      chosen->field = "ref";
      chosen->note.clear();
    }
  }

  ordered_json mapping;
  mapping["_draft"] = "drafted by skillmatch mapping draft from " + name +
                      " (" + std::to_string(draft.records) +
                      " records); check the fields and to_review";
  mapping["format"] = draft.format;
  if (info.format == ImportFormat::kCsv) {
    mapping["encoding"] = draft.encoding;
    mapping["delimiter"] = draft.delimiter;
  }
  if (!info.records_pointer.empty()) mapping["records"] = info.records_pointer;
  ordered_json fields = ordered_json::object();
  ordered_json codes = ordered_json::array();
  // Offer fields in their usual order, then codes.
  static constexpr std::string_view kOrder[] = {
      "ref",        "title",     "employer",   "description", "skills",
      "country",    "region",    "city",       "contract",    "education",
      "experience", "positions", "salary_min", "salary_max",  "currency",
      "published",  "expires",   "licences",   "international"};
  for (std::string_view field : kOrder) {
    if (const DraftColumn* column = column_of(std::string(field))) {
      fields[std::string(field)] = column->name;
    }
  }
  for (const DraftColumn& column : draft.columns) {
    if (column.field.rfind("code:", 0) != 0) continue;
    std::string system = column.field.substr(5);
    if (options.taxonomy != nullptr && !column.top.empty()) {
      // The system whose codes cover most of the column's rows: our own
      // codes, or one of the bundle's crosswalks.
      const classification::Taxonomy& taxonomy = *options.taxonomy;
      std::vector<std::string> systems = {"taxonomy"};
      for (const std::string& other : taxonomy.CrosswalkSystems()) {
        systems.push_back(other);
      }
      int64_t best = -1;
      int64_t total = 0;
      for (const auto& [value, times] : column.top) total += times;
      for (const std::string& candidate : systems) {
        int64_t found = 0;
        for (const auto& [value, times] : column.top) {
          bool known = false;
          if (candidate == "taxonomy") {
            const auto node = taxonomy.FindNode(value);
            known = node != classification::kNoNode &&
                    taxonomy.IsOccupation(node);
          } else {
            known = !taxonomy.CrosswalkTo(candidate, value).empty();
          }
          if (known) found += times;
        }
        if (found > best) {
          best = found;
          system = candidate;
        }
      }
      draft.to_review.push_back(
          "codes: " + Quoted(column.name) + " read as " + Quoted(system) +
          " codes: " + std::to_string(best) + " of " + std::to_string(total) +
          " coded rows found in the taxonomy; the others are coded from the "
          "title, with a warning");
    }
    codes.push_back({{"field", column.name}, {"system", system}});
  }
  if (column_of("title") == nullptr && codes.empty()) {
    return Status::DataError(
        name + ": no column looks like a job title or an occupation code; "
               "write the mapping by hand (engine/import/README.md)");
  }
  mapping["fields"] = fields;
  mapping["required"] = column_of("title") != nullptr
                            ? ordered_json::array({"title"})
                            : ordered_json::array();
  if (!codes.empty()) mapping["codes"] = codes;
  // Lists in the skills column: the most frequent separator.
  if (const DraftColumn* skills = column_of("skills")) {
    std::string best = ";";
    int64_t best_count = 0;
    for (const char* separator : {";", ",", "|", "/", "\n"}) {
      int64_t count = 0;
      for (const auto& [value, times] : skills->top) {
        size_t at = 0;
        while ((at = value.find(separator, at)) != std::string::npos) {
          count += times;
          ++at;
        }
      }
      if (count > best_count) {
        best_count = count;
        best = separator;
      }
    }
    mapping["list_separator"] = best;
  }

  // Date formats that read the dates of the file, most useful first; the
  // day before the month when both could be read (francophone exports).
  {
    static const std::vector<std::string> kFormats = {
        "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d",
        "%m/%d/%Y"};
    std::vector<std::pair<int64_t, size_t>> read(kFormats.size());
    for (size_t idx = 0; idx < kFormats.size(); ++idx) read[idx] = {0, idx};
    std::vector<std::pair<std::string, std::vector<std::string>>> unread;
    for (const char* field : {"published", "expires"}) {
      const DraftColumn* column = column_of(field);
      if (column == nullptr) continue;
      std::vector<std::string> none;
      for (const auto& [value, times] : column->top) {
        bool any = false;
        for (size_t idx = 0; idx < kFormats.size(); ++idx) {
          if (ParseDate(value, {kFormats[idx]})) {
            read[idx].first += times;
            any = true;
          }
        }
        if (!any) none.push_back(value);
      }
      if (!none.empty()) unread.emplace_back(column->name, std::move(none));
    }
    std::stable_sort(read.begin(), read.end(), [](const auto& a, const auto& b) {
      return a.first > b.first;
    });
    ordered_json formats = ordered_json::array();
    bool day_first = false;
    for (const auto& [count, idx] : read) {
      if (count == 0) continue;
      if (kFormats[idx] == "%m/%d/%Y" && day_first) continue;
      if (kFormats[idx] == "%d/%m/%Y") day_first = true;
      formats.push_back(kFormats[idx]);
    }
    // Month-first only when no value reads day-first (then it is listed
    // after): "03/04/2026" stays the 3rd of April.
    if (formats.empty()) formats.push_back("%Y-%m-%d");
    mapping["date_formats"] = formats;
    for (const auto& [column, values] : unread) {
      std::string examples;
      for (size_t idx = 0; idx < values.size() && idx < 3; ++idx) {
        examples += (idx > 0 ? ", " : "") + Quoted(values[idx]);
      }
      draft.to_review.push_back(
          column + ": " + std::to_string(values.size()) +
          " distinct value(s) in no date format (" + examples +
          "): imported with the date empty and a warning");
    }
  }

  // Value maps.
  ordered_json values = ordered_json::object();
  std::map<std::string, int64_t> countries;  // inferred, with counts
  for (const char* kind : {"contract", "education", "experience", "country"}) {
    const DraftColumn* column = column_of(kind);
    if (column == nullptr) continue;
    ordered_json table = ordered_json::object();
    std::vector<std::string> unknown;
    for (const auto& [value, times] : column->top) {
      json proposed = ProposeValue(kind, value);
      if (proposed.is_discarded()) {
        unknown.push_back(value);
        continue;
      }
      if (std::string(kind) == "country" && proposed.is_string()) {
        countries[proposed.get<std::string>()] += times;
      }
      table[value] = proposed;
    }
    if (!table.empty()) values[kind] = table;
    for (const std::string& value : unknown) {
      draft.to_review.push_back(std::string("values.") + kind + ": " +
                                Quoted(value) + " (column " +
                                Quoted(column->name) +
                                ") not recognised: imported with the " + kind +
                                " empty and a warning until mapped");
    }
    if (column->more_distinct) {
      draft.to_review.push_back(
          std::string("values.") + kind + ": more than " +
          std::to_string(options.max_distinct) + " distinct values in " +
          Quoted(column->name) + "; only the first were looked at");
    }
  }
  if (const DraftColumn* city = column_of("city")) {
    ordered_json table = ordered_json::object();
    int64_t unknown = 0;
    std::string examples;
    for (const auto& [value, times] : city->top) {
      const GeoCity* found = FindCity(value);
      if (found == nullptr) {
        if (unknown < 5) {
          examples += (unknown > 0 ? ", " : "") + Quoted(value);
        }
        ++unknown;
        continue;
      }
      table[value] = found->region;
      if (column_of("country") == nullptr) countries[found->country] += times;
    }
    if (!table.empty()) values["region"] = table;
    if (unknown > 0) {
      draft.to_review.push_back(
          "values.region: " + std::to_string(unknown) +
          (city->more_distinct ? "+" : "") + " city value(s) of " +
          Quoted(city->name) + " without a known region (" + examples +
          "): imported with the region empty");
    }
  }
  if (!values.empty()) mapping["values"] = values;
  ordered_json defaults = ordered_json::object();
  if (countries.size() == 1) {
    const std::string& country = countries.begin()->first;
    defaults["country"] = country;
    static const std::set<std::string> kCfa = {"BJ", "BF", "CI", "GW", "ML",
                                               "NE", "SN", "TG", "CM", "CF",
                                               "CG", "GA", "GQ", "TD"};
    if (column_of("currency") == nullptr && column_of("salary_min") &&
        kCfa.count(country) > 0) {
      defaults["currency"] = "FCFA";
    }
  }
  if (!defaults.empty()) mapping["defaults"] = defaults;
  for (const DraftColumn& column : draft.columns) {
    if (column.field.empty()) {
      draft.to_review.push_back("column " + Quoted(column.name) + ": " +
                                column.note);
    }
  }
  if (draft.unreadable > 0) {
    std::string lines;
    for (int64_t line : draft.unreadable_lines) {
      lines += (lines.empty() ? "" : ", ") + std::to_string(line);
    }
    draft.to_review.push_back(std::to_string(draft.unreadable) +
                              " unreadable record(s) (line " + lines +
                              "): the import will reject them (with "
                              "--lenient it imports the rest; strict, the "
                              "default, imports nothing)");
  }
  mapping["to_review"] = draft.to_review;
  draft.mapping = std::move(mapping);
  return draft;
}

}  // namespace skillmatch::engine
