// The fiche offre's register and edit form (issue 15), and the shortlist
// stages moved on from the fiche offre.
//
// The form is read into OfferForm (the typed text, so that a form with
// errors comes back as typed). The page only converts what French typing
// adds (dates 07/12/2026, decimal commas) and turns the form into the
// offer's JSON document; the checks are those of the API's POST and PUT
// /api/v1/offers, by the same code (server::CheckOffer: OfferFromJson, the
// id rule, CheckCodes). The first problem it reports is tied to its field,
// the field is taken out of the document and the check runs again, so that
// every field in error is shown at once, each with its message. Fields the
// form does not show (salary, publication date, soft skills' levels,
// closing) are kept from the stored offer.
//
// The title is coded as the officer types (htmx: the coder's candidates as
// radio choices, as the jobseeker's occupation search box); choosing an
// occupation lists its essential then optional skills as a checklist,
// each required or wanted; a skill search adds others.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "french.h"
#include "handlers.h"
#include "offer_cache.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/model/date.h"
#include "skillmatch/model/geography.h"
#include "skillmatch/model/model_json.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

constexpr int kMaxRows = 60;  // rows of a list beyond this are not read
constexpr int kMaxSkillHits = 12;
constexpr size_t kMaxText = 20000;  // description and other free text

const char* kLicences[] = {"A1", "A", "B", "C1", "C", "D1", "D", "E", "BE", "C1E", "CE", "D1E", "DE", "F"};
const engine::ContractType kContracts[] = {
    engine::ContractType::kPermanent,      engine::ContractType::kFixedTerm,
    engine::ContractType::kTemporary,      engine::ContractType::kSeasonal,
    engine::ContractType::kApprenticeship, engine::ContractType::kInternship,
    engine::ContractType::kFreelance,      engine::ContractType::kDaily};

struct SkillChoice {
  std::string id;
  bool essential = true;
};

struct OfferForm : FieldErrors {
  std::string id;  // empty for a new offer
  std::string title, employer, occupation, description;
  std::vector<SkillChoice> skills;  // checked, in the form's order
  std::vector<LanguageRow> languages;
  std::string education, experience, country, region, city, contract, positions = "1", expires;
  std::set<std::string> licences;
};

std::string ShowNumber(double value) {
  return value == std::floor(value) ? FormatDecimal(value, 0) : FormatDecimal(value, 1);
}

// "07/12/2026" -> "2026-12-07" (a real day); anything else is returned as
// typed, for the model's reader to refuse or accept ("2026-12-07").
std::string IsoDay(const std::string& text) {
  const std::string t = Trim(text);
  if (t.size() == 10 && t[2] == '/' && t[5] == '/') {
    const std::string digits = t.substr(0, 2) + t.substr(3, 2) + t.substr(6, 4);
    if (std::all_of(digits.begin(), digits.end(), ::isdigit)) {
      auto day = engine::Date::FromCivil(std::stoi(t.substr(6, 4)), std::stoi(t.substr(3, 2)),
                                         std::stoi(t.substr(0, 2)));
      if (day) return day->ToString();
    }
  }
  return t;
}

// The JSON value of a number field: the number when the text is one (a
// decimal comma accepted), else the text itself, which the model's reader
// refuses with its own message ("expected a number ..., got \"abc\"").
nlohmann::json NumberValue(const std::string& text, bool integer) {
  std::string t = Trim(text);
  std::replace(t.begin(), t.end(), ',', '.');
  if (t.empty() || t.size() > 15) return t;
  char* end = nullptr;
  if (integer) {
    const long long value = std::strtoll(t.c_str(), &end, 10);
    if (end == t.c_str() + t.size()) return value;
    return t;
  }
  const double value = std::strtod(t.c_str(), &end);
  if (end == t.c_str() + t.size() && std::isfinite(value)) return value;
  return t;
}

OfferForm FromOffer(const engine::Offer& o) {
  OfferForm f;
  f.id = o.id;
  f.title = o.title;
  f.employer = o.employer;
  f.occupation = o.occupation;
  f.description = o.description;
  for (const auto& r : o.skills) f.skills.push_back({r.skill_id, r.essential});
  for (const auto& r : o.soft_skills) f.skills.push_back({r.skill_id, r.essential});
  for (const auto& l : o.languages) f.languages.push_back({l.code, std::to_string(l.level)});
  if (o.min_education) f.education = std::to_string(*o.min_education);
  if (o.min_experience_years) f.experience = ShowNumber(*o.min_experience_years);
  f.country = o.location.country;
  f.region = o.location.region;
  f.city = o.location.city;
  if (o.contract) f.contract = std::string(engine::ToString(*o.contract));
  f.positions = std::to_string(o.positions);
  if (o.expires) f.expires = FormatDate(*o.expires).value_or(*o.expires);
  f.licences.insert(o.licences_required.begin(), o.licences_required.end());
  return f;
}

// The skills checked in a form ("competence", each with "exigence_<id>").
std::vector<SkillChoice> SkillsFromForm(const Form& form) {
  std::vector<SkillChoice> out;
  std::set<std::string> seen;
  for (const std::string& raw : form.All("competence")) {
    const std::string id = Upper(Trim(raw));
    if (id.empty() || !seen.insert(id).second || out.size() >= kMaxRows) continue;
    out.push_back({id, form.Get("exigence_" + id) != "souhaitee"});
  }
  return out;
}

OfferForm FromRequest(const Form& form) {
  OfferForm f;
  f.title = Trim(form.Get("titre"));
  f.employer = Trim(form.Get("employeur"));
  f.occupation = Upper(Trim(form.Get("metier")));
  f.description = Trim(form.Get("description"));
  f.skills = SkillsFromForm(form);
  f.languages = LanguagesFromForm(form, kMaxRows);
  f.education = form.Get("niveau_etudes");
  f.experience = Trim(form.Get("experience"));
  f.country = Upper(Trim(form.Get("pays")));
  f.region = Trim(form.Get("region"));
  f.city = Trim(form.Get("ville"));
  f.contract = form.Get("contrat");
  f.positions = Trim(form.Get("postes"));
  f.expires = Trim(form.Get("expire"));
  for (const std::string& l : form.All("permis")) f.licences.insert(l);
  return f;
}

// The form field of a path of the model's messages ("languages[1].code").
std::string FieldOf(const std::string& path, const std::vector<size_t>& language_rows) {
  auto starts = [&](const char* prefix) { return path.rfind(prefix, 0) == 0; };
  if (starts("title")) return "f-titre";
  if (starts("employer")) return "f-employeur";
  if (starts("description")) return "f-description";
  if (starts("occupation")) return "f-metier";
  if (starts("skills") || starts("soft_skills")) return "f-competences";
  if (starts("languages")) {
    size_t index = 0;
    if (path.size() > 10 && path[9] == '[') index = std::strtoul(path.c_str() + 10, nullptr, 10);
    const size_t row = index < language_rows.size() ? language_rows[index] : 0;
    return "f-langue-" + std::to_string(row + 1) + "-code";
  }
  if (starts("min_education")) return "f-niveau";
  if (starts("min_experience_years")) return "f-experience";
  if (starts("location.country")) return "f-pays";
  if (starts("location.region")) return "f-region";
  if (starts("location")) return "f-ville";
  if (starts("contract")) return "f-contrat";
  if (starts("positions")) return "f-postes";
  if (starts("expires")) return "f-expire";
  if (starts("licences_required")) return "f-permis";
  return "";
}

// The key of the document to take out once its field is in error.
std::string KeyOf(const std::string& path) {
  const size_t end = path.find_first_of(".[");
  return path.substr(0, end);
}

// The French message for a field the model refused; the model's own words
// follow (they name the expected form).
std::string MessageFor(const std::string& field, const std::string& detail) {
  static const std::map<std::string, std::string> ids = {
      {"f-metier", "offerform.error.occupation"}, {"f-competences", "offerform.error.skills"},
      {"f-experience", "form.error.number"},       {"f-pays", "form.error.country"},
      {"f-postes", "offerform.error.positions"},   {"f-expire", "form.error.date"},
      {"f-niveau", "offerform.error.choice"},      {"f-contrat", "offerform.error.choice"},
      {"f-permis", "offerform.error.choice"}};
  auto it = ids.find(field);
  if (field.rfind("f-langue-", 0) == 0) return T("offerform.error.language", {detail});
  if (it != ids.end()) return T(it->second) + " " + T("offerform.error.detail", {detail});
  return T("offerform.error.value", {detail});
}

// Builds the offer's document on top of `base` (the stored offer, or the
// new one with its id and source), then checks it with the API's code.
// Errors go into `f`; the offer is valid when there are none.
engine::Offer ToOffer(const Services& s, OfferForm& f, const engine::Offer& base) {
  nlohmann::json doc = engine::ToJson(base);
  if (f.title.empty()) f.Error("f-titre", T("offerform.error.title"));
  if (f.occupation.empty()) f.Error("f-metier", T("offerform.error.no_occupation"));
  doc["title"] = f.title;
  doc["employer"] = f.employer;
  doc["description"] = f.description;
  doc["occupation"] = f.occupation;
  if (f.occupation != base.occupation) {
    // A person chose the code: nothing left to review, no coder's confidence.
    doc.erase("coding_confidence");
    doc["needs_review"] = false;
  }
  nlohmann::json skills = nlohmann::json::array(), soft = nlohmann::json::array();
  for (const SkillChoice& choice : f.skills) {
    int min_level = 0;
    for (const auto& old : base.skills) {
      if (old.skill_id == choice.id) min_level = old.min_level;
    }
    for (const auto& old : base.soft_skills) {
      if (old.skill_id == choice.id) min_level = old.min_level;
    }
    nlohmann::json item = {{"skill_id", choice.id}, {"essential", choice.essential}};
    if (min_level > 0) item["min_level"] = min_level;
    auto index = s.taxonomy->FindSkill(choice.id);
    const bool is_soft = index != classification::kNoSkill &&
                         s.taxonomy->skills()[index].kind == classification::SkillKind::kSoft;
    (is_soft ? soft : skills).push_back(std::move(item));
  }
  doc["skills"] = skills;
  doc["soft_skills"] = soft;
  nlohmann::json languages = nlohmann::json::array();
  std::vector<size_t> language_rows;  // document index -> form row
  for (size_t i = 0; i < f.languages.size(); ++i) {
    if (f.languages[i].code.empty()) continue;
    languages.push_back({{"code", f.languages[i].code},
                         {"level", NumberValue(f.languages[i].level, true)}});
    language_rows.push_back(i);
  }
  doc["languages"] = languages;
  doc.erase("min_education");
  if (!f.education.empty()) doc["min_education"] = NumberValue(f.education, true);
  doc.erase("min_experience_years");
  if (!f.experience.empty()) doc["min_experience_years"] = NumberValue(f.experience, false);
  nlohmann::json location = nlohmann::json::object();
  if (!f.country.empty()) location["country"] = f.country;
  if (!f.region.empty()) location["region"] = f.region;
  if (!f.city.empty()) location["city"] = f.city;
  // The coordinates of a city the geography knows (data/geography), so
  // that a jobseeker's radius can reach the offer; none for another.
  if (const engine::GeoCity* city = engine::Geography::Embedded().FindCity(f.country, f.city)) {
    location["lat"] = city->lat;
    location["lon"] = city->lon;
  }
  doc["location"] = location;
  doc.erase("contract");
  if (!f.contract.empty()) doc["contract"] = f.contract;
  doc["positions"] = NumberValue(f.positions.empty() ? "1" : f.positions, true);
  doc.erase("expires");
  if (!f.expires.empty()) doc["expires"] = IsoDay(f.expires);
  nlohmann::json licences = nlohmann::json::array();
  for (const std::string& l : f.licences) licences.push_back(l);
  doc["licences_required"] = licences;

  // The API's checks, until the document passes: each problem is tied to
  // its field and that field taken out, so every bad field is reported.
  for (int round = 0; round < 32; ++round) {
    Result<engine::Offer> checked = server::CheckOffer(s, doc, "form");
    if (checked.ok()) {
      if (f.errors.empty()) return *checked;
      break;
    }
    std::string message = checked.status().message();
    if (message.rfind("form: ", 0) == 0) message = message.substr(6);
    const size_t colon = message.find(": ");
    const std::string path = colon == std::string::npos ? "" : message.substr(0, colon);
    const std::string detail = colon == std::string::npos ? message : message.substr(colon + 2);
    std::string field = FieldOf(path, language_rows);
    const std::string key = KeyOf(path);
    if (field.empty() || !doc.contains(key) || key == "id") {
      f.Error("f-titre", T("offerform.error.value", {message}));
      break;
    }
    f.Error(field, MessageFor(field, detail));
    doc.erase(key);
  }
  return base;
}

// The coder's candidates for a title, as radio choices; `chosen` is kept
// (first, when the coder does not propose it).
Html OccupationChoices(const Services& s, const std::string& title, const std::string& chosen,
                       bool in_error) {
  bool found = chosen.empty();
  List items;
  for (const CoderCandidate& candidate : CoderCandidates(s, title)) {
    View item;
    item.Set("code", candidate.code).Set("label", candidate.label)
        .Set("confidence", candidate.confidence).Set("checked", candidate.code == chosen);
    found = found || candidate.code == chosen;
    items.push_back(std::move(item));
  }
  List out;
  if (!found) {
    auto node = s.taxonomy->FindNode(chosen);
    if (node != classification::kNoNode && s.taxonomy->IsOccupation(node)) {
      View current;
      current.Set("code", chosen).Set("label", OccupationLabel(s, chosen))
          .Set("confidence", T("offerform.occupation.current")).Set("checked", true);
      out.push_back(std::move(current));
    }
  }
  for (View& item : items) out.push_back(std::move(item));
  for (View& item : out) item.Set("error", in_error);
  View view;
  view.Set("items", std::move(out)).Set("asked", !Trim(title).empty());
  return Render("offer_occupation_choices", view);
}

// The skills checklist: the occupation's essential skills, then its optional
// ones, then those chosen outside it; each checked as in `chosen`.
Html SkillChecklist(const Services& s, const std::string& occupation,
                    const std::vector<SkillChoice>& chosen) {
  const auto& taxonomy = *s.taxonomy;
  std::map<std::string, bool> picked;  // id -> essential
  for (const SkillChoice& c : chosen) picked.emplace(c.id, c.essential);
  std::set<std::string> listed;
  List rows;
  auto add = [&](const std::string& id, const std::string& origin, bool default_essential) {
    if (!listed.insert(id).second) return;
    auto it = picked.find(id);
    const bool essential = it != picked.end() ? it->second : default_essential;
    View row;
    row.Set("id", id).Set("label", SkillLabel(s, id)).Set("origin", origin)
        .Set("checked", it != picked.end()).Set("essential", essential)
        .Set("requirement_label", T("offerform.skills.requirement_of", {SkillLabel(s, id)}));
    rows.push_back(std::move(row));
  };
  auto node = taxonomy.FindNode(occupation);
  if (!occupation.empty() && node != classification::kNoNode && taxonomy.IsOccupation(node)) {
    for (int pass = 0; pass < 2; ++pass) {
      const auto wanted = pass == 0 ? classification::SkillRelation::kEssential
                                    : classification::SkillRelation::kOptional;
      for (const auto& link : taxonomy.SkillsOf(node)) {
        if (link.relation != wanted) continue;
        const std::string& id = taxonomy.skills()[link.skill].id;
        add(id, T(pass == 0 ? "offerform.skills.essential" : "offerform.skills.optional"), pass == 0);
      }
    }
  }
  for (const SkillChoice& c : chosen) add(c.id, T("offerform.skills.added"), true);
  View view;
  view.Set("skills", std::move(rows));
  view.Set("caption", node != classification::kNoNode && !occupation.empty()
                          ? T("offerform.skills.caption", {OccupationLabel(s, occupation)})
                          : T("offerform.skills.caption_none"));
  return Render("offer_skill_checklist", view);
}

std::string FieldLabel(const std::string& field) {
  static const std::map<std::string, std::string> ids = {
      {"f-titre", "offerform.title"},         {"f-employeur", "offerform.employer"},
      {"f-metier", "offerform.occupation"},   {"f-competences", "offerform.skills"},
      {"f-niveau", "form.education"},         {"f-experience", "offerform.experience"},
      {"f-pays", "form.country"},             {"f-region", "form.region"},
      {"f-ville", "form.city"},               {"f-contrat", "offerform.contract"},
      {"f-postes", "offerform.positions"},    {"f-expire", "offerform.expires"},
      {"f-permis", "form.licences"},          {"f-description", "offerform.description"}};
  auto it = ids.find(field);
  if (it != ids.end()) return T(it->second);
  if (field.rfind("f-langue-", 0) == 0) {
    return T("form.language", {field.substr(9, field.find('-', 9) - 9)});
  }
  return field;
}

Html RenderForm(const Services& s, const Call& call, const OfferForm& f, bool is_new) {
  View view;
  view.Set("csrf", call.session_csrf).Set("new", is_new).Set("id", f.id);
  view.Set("action", is_new ? "/offres/nouvelle" : "/offres/" + f.id + "/modifier");
  view.Set("cancel_href", is_new ? "/accueil" : "/offres/" + f.id);
  if (!f.error_list.empty()) {
    List errors;
    for (const auto& [anchor, message] : f.error_list) {
      View e;
      e.Set("anchor", anchor).Set("message", T("form.error.item", {FieldLabel(anchor.substr(1)), message}));
      errors.push_back(std::move(e));
    }
    view.Set("errors", std::move(errors));
    const auto refused = static_cast<int64_t>(f.error_list.size());
    view.Set("errors_title", TN("offerform.errors", refused, {std::to_string(refused)}));
  }
  view.Set("title", f.title).Set("title_error", f.Of("f-titre"));
  view.Set("employer", f.employer).Set("employer_error", f.Of("f-employeur"));
  view.Set("occupation_error", f.Of("f-metier"));
  view.Set("occupations", OccupationChoices(s, f.title, f.occupation, !f.Of("f-metier").empty()));
  view.Set("skills_error", f.Of("f-competences"));
  view.Set("skills", SkillChecklist(s, f.occupation, f.skills));
  view.Set("languages", LanguageRowsView(f.languages, f));
  view.Set("education", EducationOptions("offerform.education.none", f.education))
      .Set("education_error", f.Of("f-niveau"));
  view.Set("experience", f.experience).Set("experience_error", f.Of("f-experience"));
  // Countries, regions and cities from data/geography (the embedded table).
  const engine::Geography& geo = engine::Geography::Embedded();
  List countries;
  {
    View none;
    none.Set("code", "").Set("name", T("offerform.country.none")).Set("selected", f.country.empty());
    countries.push_back(std::move(none));
  }
  bool country_listed = f.country.empty();
  for (const auto& c : geo.countries()) {
    View v;
    v.Set("code", c.code).Set("name", c.name_fr + " (" + c.code + ")").Set("selected", c.code == f.country);
    country_listed = country_listed || c.code == f.country;
    countries.push_back(std::move(v));
  }
  if (!country_listed) {
    // A code the table lacks (an imported offer's): kept, as typed.
    View v;
    v.Set("code", f.country).Set("name", f.country).Set("selected", true);
    countries.push_back(std::move(v));
  }
  view.Set("countries", std::move(countries)).Set("country_error", f.Of("f-pays"));
  List regions, cities;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& c : geo.cities()) {
    const engine::GeoCountry* country = geo.FindCountry(c.country);
    const std::string name = country ? country->name_fr : c.country;
    if (seen.insert({c.country, c.region}).second) {
      View v;
      v.Set("value", c.region).Set("label", name);
      regions.push_back(std::move(v));
    }
    View v;
    v.Set("value", c.city).Set("label", c.region + ", " + name);
    cities.push_back(std::move(v));
  }
  view.Set("regions", std::move(regions)).Set("cities", std::move(cities));
  view.Set("region", f.region).Set("region_error", f.Of("f-region"))
      .Set("city", f.city).Set("city_error", f.Of("f-ville"));
  List contracts;
  {
    View none;
    none.Set("code", "").Set("label", T("offerform.contract.none")).Set("selected", f.contract.empty());
    contracts.push_back(std::move(none));
  }
  for (auto contract : kContracts) {
    const std::string code(engine::ToString(contract));
    View v;
    v.Set("code", code).Set("label", T("contract." + code)).Set("selected", f.contract == code);
    contracts.push_back(std::move(v));
  }
  view.Set("contracts", std::move(contracts)).Set("contract_error", f.Of("f-contrat"));
  view.Set("positions", f.positions).Set("positions_error", f.Of("f-postes"));
  view.Set("expires", f.expires).Set("expires_error", f.Of("f-expire"));
  List licences;
  for (const char* l : kLicences) {
    View v;
    v.Set("code", l).Set("label", l).Set("checked", f.licences.count(l) > 0);
    licences.push_back(std::move(v));
  }
  view.Set("licences", std::move(licences)).Set("licences_error", f.Of("f-permis"));
  view.Set("description", f.description).Set("description_error", f.Of("f-description"));
  return Render("offer_form", view);
}

Reply FormPage(const Services& s, const Call& call, const OfferForm& f, bool is_new, int status) {
  PageOptions options;
  options.status = status;
  options.nav = is_new ? "nouvelle-offre" : "";
  return is_new ? Page(call, "title.new_offer", RenderForm(s, call, f, true), options)
                : PageTitled(call, T("title.edit_offer", {f.id}), RenderForm(s, call, f, false), options);
}

// The id of a new offer: "<agency>-saisie:<AAAAMMJJ>-<n>", n the first
// number of the day not yet taken (checked inside the write transaction).
std::string DayStamp(int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[16];
  std::strftime(out, sizeof out, "%Y%m%d", &tm);
  return out;
}

bool TooLong(const OfferForm& f) {
  return f.title.size() > 500 || f.employer.size() > 500 || f.description.size() > kMaxText ||
         f.region.size() > 200 || f.city.size() > 200;
}

}  // namespace

Reply OfferNewForm(const Services& s, Call& call) {
  const OfferForm empty;
  return FormPage(s, call, empty, true, 200);
}

Reply OfferCreate(const Services& s, Call& call) {
  OfferForm f = FromRequest(Form::Parse(*call.req));
  if (TooLong(f)) f.Error("f-titre", T("offerform.error.too_long"));
  const std::string& agency = call.account->agency;
  engine::Offer base;
  base.source = agency + "-saisie";
  const std::string day = DayStamp(call.now);
  base.source_ref = day + "-1";
  base.id = base.source + ":" + base.source_ref;  // checked below, renumbered when written
  engine::Offer offer = ToOffer(s, f, base);
  if (!f.errors.empty()) return FormPage(s, call, f, true, 422);
  Status written = call.store->InTransaction([&]() -> Status {
    for (int n = 1;; ++n) {
      offer.source_ref = day + "-" + std::to_string(n);
      offer.id = offer.source + ":" + offer.source_ref;
      Result<std::string> existing = call.store->GetAgency(AgencyRecord::kOffer, offer.id);
      if (!existing.ok() && existing.status().code() == StatusCode::kNotFound) break;
      if (!existing.ok()) return existing.status();
    }
    Result<engine::UpsertOutcome> done = call.store->UpsertOffer(offer);
    if (!done.ok()) return done.status();
    return call.store->SetAgency(AgencyRecord::kOffer, offer.id, agency);
  });
  if (!written.ok()) return ErrorPage(call, 503, "error.store");
  s.offer_indexes->Invalidate(agency);
  if (!server::Audit(call, "offer.create", offer.id).ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/offres/" + offer.id + "?enregistre=2");
}

Reply OfferEditForm(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kOffer, id)) return PageRefusal(*out, call);
  Result<engine::Offer> offer = call.store->GetOffer(id);
  if (!offer.ok()) return ErrorPage(call, 503, "error.store");
  return FormPage(s, call, FromOffer(*offer), false, 200);
}

Reply OfferUpdate(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  std::string agency;
  if (auto out = server::InScope(call, AgencyRecord::kOffer, id, &agency)) return PageRefusal(*out, call);
  Result<engine::Offer> stored = call.store->GetOffer(id);
  if (!stored.ok()) return ErrorPage(call, 503, "error.store");
  OfferForm f = FromRequest(Form::Parse(*call.req));
  f.id = id;  // the path's, whatever the form says
  if (TooLong(f)) f.Error("f-titre", T("offerform.error.too_long"));
  engine::Offer offer = ToOffer(s, f, *stored);
  if (!f.errors.empty()) return FormPage(s, call, f, false, 422);
  Result<engine::UpsertOutcome> done = call.store->UpsertOffer(offer);
  if (!done.ok()) return ErrorPage(call, 503, "error.store");
  s.offer_indexes->Invalidate(agency);
  if (!server::Audit(call, "offer.update", id).ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/offres/" + id + "?enregistre=1");
}

Reply OfferOccupationChoices(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string title = Trim(form.Get("titre"));
  if (title.size() > 500) return Fragment(Html::Trusted(""));
  return Fragment(OccupationChoices(s, title, Upper(Trim(form.Get("metier"))), false));
}

Reply OfferSkillChecklist(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  std::vector<SkillChoice> chosen = SkillsFromForm(form);
  const std::string added = Upper(Trim(call.req->get_param_value("ajout")));
  if (!added.empty() && s.taxonomy->FindSkill(added) != classification::kNoSkill &&
      std::none_of(chosen.begin(), chosen.end(), [&](const SkillChoice& c) { return c.id == added; })) {
    chosen.push_back({added, true});
  }
  return Fragment(SkillChecklist(s, Upper(Trim(form.Get("metier"))), chosen));
}

Reply OfferSkillSearch(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string q = text::Fold(Trim(form.Get("competence_q")));
  View view;
  List items;
  if (q.size() >= 2 && q.size() <= 200) {
    view.Set("asked", true);
    const auto& taxonomy = *s.taxonomy;
    const std::string& lang = taxonomy.main_language();
    for (size_t i = 0; i < taxonomy.skills().size() && items.size() < kMaxSkillHits; ++i) {
      const auto index = static_cast<classification::SkillIndex>(i);
      const std::string& name = taxonomy.SkillName(index, lang);
      if (text::Fold(name).find(q) == std::string::npos &&
          text::Fold(taxonomy.skills()[i].id).find(q) == std::string::npos) {
        continue;
      }
      View item;
      item.Set("id", taxonomy.skills()[i].id).Set("label", name)
          .Set("add_href", "/offres/competences?ajout=" + taxonomy.skills()[i].id)
          .Set("add_label", T("offerform.skills.add", {name}));
      items.push_back(std::move(item));
    }
  }
  view.Set("items", std::move(items));
  return Fragment(Render("offer_skill_hits", view));
}

// ---------------------------------------------------------------- Stages

Reply OfferStageSubmit(const Services&, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kOffer, id)) return PageRefusal(*out, call);
  Form form = Form::Parse(*call.req);
  const std::string profile_id = form.Get("demandeur");
  const std::string status = form.Get("statut");
  if (!server::RoleCan(call.role, server::Capability::kDecide)) {
    // Employer-relations staff move a shortlisted candidate on (presented,
    // then the employer's answer); proposing stays the counsellors'.
    if (status == engine::kDecisionProposed) return ErrorPage(call, 403, "error.forbidden");
    if (auto out = server::InScope(call, AgencyRecord::kProfile, profile_id)) {
      return PageRefusal(*out, call);
    }
    Result<std::vector<engine::Decision>> decisions = call.store->ListDecisions({profile_id, id});
    if (!decisions.ok()) return ErrorPage(call, 503, "error.store");
    if (decisions->empty()) return ErrorPage(call, 404, "error.not_found");
  }
  return SaveDecision(call, profile_id, id, form, "/offres/" + id + "#h-liste");
}

}  // namespace skillmatch::pages
