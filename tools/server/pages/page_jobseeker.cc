// The jobseeker's file: find, view, register, edit; the occupation search
// box (the coder, through htmx).
//
// The form is read into JobseekerForm (the typed text, so that a form with
// errors comes back as typed), checked field by field (each error is shown
// next to its field and listed at the top, linked to it), and only then
// turned into an engine::Profile. Fields the form does not show (protected
// attributes; coordinates while the place is unchanged) are kept.
#include <algorithm>
#include <cmath>
#include <set>

#include "followup.h"
#include "french.h"
#include "handlers.h"
#include "skillmatch/model/date.h"
#include "skillmatch/model/licence.h"
#include "skillmatch/model/model_check.h"
#include "skillmatch/model/model_json.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

constexpr int kTargetFields = 3;
constexpr int kPastFields = 3;
constexpr int kEmptySkillRows = 3;
constexpr int kMaxRows = 60;  // a form with more rows than this is refused

const char* kCommunities[] = {"ECOWAS", "WAEMU", "CEMAC", "ECCAS"};
const char* kLicences[] = {"A1", "A", "B", "C1", "C", "D1", "D", "E", "BE", "C1E", "CE", "D1E", "DE", "F"};
const engine::ContractType kContracts[] = {
    engine::ContractType::kPermanent,      engine::ContractType::kFixedTerm,
    engine::ContractType::kTemporary,      engine::ContractType::kSeasonal,
    engine::ContractType::kApprenticeship, engine::ContractType::kInternship,
    engine::ContractType::kFreelance,      engine::ContractType::kDaily};

// The soft skills of the sample taxonomy, grouped for the interview
// checklist. The taxonomy has no groups of its own (README.md, "Decisions"):
// soft skills it has and this table lacks go under "Autres".
struct SoftGroup {
  const char* message_id;
  std::vector<std::string> ids;
};
const std::vector<SoftGroup>& SoftGroups() {
  static const std::vector<SoftGroup> groups = {
      {"soft.group.method", {"S001", "S003", "S005", "S007", "S015", "S024", "S027", "S030", "S033", "S036"}},
      {"soft.group.others", {"S002", "S004", "S008", "S009", "S010", "S012", "S016", "S021", "S022", "S023", "S026", "S028", "S032", "S034"}},
      {"soft.group.self", {"S006", "S011", "S013", "S014", "S017", "S018", "S019", "S020", "S025", "S029", "S031", "S035"}},
  };
  return groups;
}

struct SkillRow {
  std::string code, level = "2";
  bool validated = false;
};
struct PastRow {
  std::string code, years;
};

struct JobseekerForm : FieldErrors {
  std::string id;
  std::vector<std::string> targets;
  std::vector<PastRow> past;
  std::vector<SkillRow> skills;
  std::set<std::string> soft;
  std::vector<LanguageRow> languages;
  std::string education, education_field, experience;
  std::string country, region, city, radius;
  bool national = false, international = false;
  std::set<std::string> communities, licences, contracts;
  std::string available;
};

// "6", "6,5", "6.5" -> 6.5; nullopt unless a finite number in [0, max].
std::optional<double> ParseNumber(const std::string& text, double max) {
  std::string t = Trim(text);
  std::replace(t.begin(), t.end(), ',', '.');
  if (t.empty() || t.size() > 12) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(value) || value < 0 || value > max) {
    return std::nullopt;
  }
  return value;
}

std::string ShowNumber(double value) {
  // 6 -> "6", 6.5 -> "6,5"
  return value == std::floor(value) ? FormatDecimal(value, 0) : FormatDecimal(value, 1);
}

// "07/12/2026" or "2026-12-07" -> the Date.
std::optional<engine::Date> ParseDay(const std::string& text) {
  const std::string t = Trim(text);
  if (t.size() == 10 && t[2] == '/' && t[5] == '/') {
    const std::string digits = t.substr(0, 2) + t.substr(3, 2) + t.substr(6, 4);
    if (!std::all_of(digits.begin(), digits.end(), ::isdigit)) return std::nullopt;
    return engine::Date::FromCivil(std::stoi(t.substr(6, 4)), std::stoi(t.substr(3, 2)),
                                   std::stoi(t.substr(0, 2)));
  }
  return engine::Date::Parse(t);
}

JobseekerForm FromProfile(const engine::Profile& p) {
  JobseekerForm f;
  f.id = p.id;
  f.targets = p.target_occupations;
  for (const auto& past : p.past_occupations) f.past.push_back({past.code, ShowNumber(past.years)});
  for (const auto& skill : p.skills) {
    f.skills.push_back({skill.skill_id, std::to_string(skill.level), skill.validated});
  }
  for (const auto& soft : p.soft_skills) f.soft.insert(soft.skill_id);
  for (const auto& language : p.languages) {
    f.languages.push_back({language.code, std::to_string(language.level)});
  }
  if (p.education_level) f.education = std::to_string(*p.education_level);
  f.education_field = p.education_field;
  if (p.experience_years) f.experience = ShowNumber(*p.experience_years);
  f.country = p.location.country;
  f.region = p.location.region;
  f.city = p.location.city;
  if (p.mobility.radius_km) f.radius = ShowNumber(*p.mobility.radius_km);
  f.national = p.mobility.national;
  f.international = p.mobility.international;
  f.communities.insert(p.mobility.communities.begin(), p.mobility.communities.end());
  f.licences.insert(p.driving_licences.begin(), p.driving_licences.end());
  if (p.available_from) f.available = FormatDate(*p.available_from).value_or(*p.available_from);
  for (auto contract : p.wanted_contracts) f.contracts.insert(std::string(engine::ToString(contract)));
  return f;
}

JobseekerForm FromRequest(const Form& form) {
  JobseekerForm f;
  f.id = Trim(form.Get("id"));
  for (const std::string& code : form.All("metier")) f.targets.push_back(Upper(Trim(code)));
  const auto past_codes = form.All("passe_code");
  const auto past_years = form.All("passe_annees");
  for (size_t i = 0; i < past_codes.size() && i < kMaxRows; ++i) {
    f.past.push_back({Upper(Trim(past_codes[i])), i < past_years.size() ? Trim(past_years[i]) : ""});
  }
  const auto codes = form.All("competence_code");
  const auto levels = form.All("competence_niveau");
  std::set<std::string> validated;
  for (const std::string& index : form.All("competence_valide")) validated.insert(index);
  for (size_t i = 0; i < codes.size() && i < kMaxRows; ++i) {
    f.skills.push_back({Upper(Trim(codes[i])), i < levels.size() ? levels[i] : "2",
                        validated.count(std::to_string(i)) > 0});
  }
  for (const std::string& id : form.All("savoir_etre")) f.soft.insert(id);
  f.languages = LanguagesFromForm(form, kMaxRows);
  f.education = form.Get("niveau_etudes");
  f.education_field = Trim(form.Get("domaine"));
  f.experience = Trim(form.Get("experience"));
  f.country = Upper(Trim(form.Get("pays")));
  f.region = Trim(form.Get("region"));
  f.city = Trim(form.Get("ville"));
  f.radius = Trim(form.Get("rayon"));
  f.national = form.Has("national");
  f.international = form.Has("international");
  for (const std::string& c : form.All("communaute")) f.communities.insert(c);
  for (const std::string& l : form.All("permis")) f.licences.insert(l);
  for (const std::string& c : form.All("contrat")) f.contracts.insert(c);
  f.available = Trim(form.Get("disponible"));
  return f;
}

// Checks the form and builds the profile on top of `base` (the stored file,
// or an empty one). Errors go into `f`; the result is valid when it has
// none.
engine::Profile ToProfile(const Services& s, JobseekerForm& f, const engine::Profile& base,
                          bool is_new) {
  engine::Profile p = base;
  const auto& taxonomy = *s.taxonomy;
  if (is_new) {
    if (!server::ValidId(f.id)) f.Error("f-id", T("form.error.id"));
    p.id = f.id;
  }
  p.target_occupations.clear();
  for (size_t i = 0; i < f.targets.size(); ++i) {
    const std::string& code = f.targets[i];
    if (code.empty()) continue;
    auto node = taxonomy.FindNode(code);
    if (node == classification::kNoNode || !taxonomy.IsOccupation(node)) {
      f.Error("f-metier-" + std::to_string(i + 1), T("form.error.occupation", {code}));
    } else if (std::find(p.target_occupations.begin(), p.target_occupations.end(), code) ==
               p.target_occupations.end()) {
      p.target_occupations.push_back(code);
    }
  }
  if (p.target_occupations.empty() && f.errors.empty()) {
    f.Error("f-metier-1", T("form.error.no_target"));
  }
  p.past_occupations.clear();
  for (size_t i = 0; i < f.past.size(); ++i) {
    const PastRow& row = f.past[i];
    if (row.code.empty()) continue;
    const std::string field = "f-passe-" + std::to_string(i + 1);
    auto node = taxonomy.FindNode(row.code);
    if (node == classification::kNoNode || !taxonomy.IsOccupation(node)) {
      f.Error(field + "-code", T("form.error.occupation", {row.code}));
      continue;
    }
    std::optional<double> years = row.years.empty() ? 0.0 : ParseNumber(row.years, 60);
    if (!years) {
      f.Error(field + "-code", T("form.error.years", {std::to_string(i + 1)}));
      continue;
    }
    p.past_occupations.push_back({row.code, *years});
  }
  p.skills.clear();
  for (size_t i = 0; i < f.skills.size(); ++i) {
    const SkillRow& row = f.skills[i];
    if (row.code.empty()) continue;
    auto skill = taxonomy.FindSkill(row.code);
    if (skill == classification::kNoSkill ||
        taxonomy.skills()[skill].kind == classification::SkillKind::kSoft) {
      f.Error("f-competence-" + std::to_string(i + 1) + "-code", T("form.error.skill", {row.code}));
      continue;
    }
    int level = std::clamp(std::atoi(row.level.c_str()), engine::kMinSkillLevel, engine::kMaxSkillLevel);
    p.skills.push_back({row.code, level, row.validated});
  }
  // Soft skills: the checked ones; the level a checklist cannot tell stays
  // what it was (3 for a new one: "autonome", observed in the interview).
  std::vector<engine::SkillClaim> soft;
  for (const std::string& id : f.soft) {
    auto skill = taxonomy.FindSkill(id);
    if (skill == classification::kNoSkill) continue;  // not offered by the form
    engine::SkillClaim claim{id, 3, false};
    for (const auto& old : base.soft_skills) {
      if (old.skill_id == id) claim = old;
    }
    soft.push_back(claim);
  }
  p.soft_skills = soft;
  p.languages.clear();
  for (size_t i = 0; i < f.languages.size(); ++i) {
    const LanguageRow& row = f.languages[i];
    if (row.code.empty()) continue;
    const bool valid = (row.code.size() == 2 || row.code.size() == 3) &&
                       std::all_of(row.code.begin(), row.code.end(),
                                   [](unsigned char c) { return c >= 'a' && c <= 'z'; });
    if (!valid) {
      f.Error("f-langue-" + std::to_string(i + 1) + "-code", T("form.error.language", {row.code}));
      continue;
    }
    p.languages.push_back({row.code, std::clamp(std::atoi(row.level.c_str()), 1, 6)});
  }
  p.education_level.reset();
  if (!f.education.empty()) {
    const int level = std::atoi(f.education.c_str());
    if (level >= 0 && level <= 8) p.education_level = level;
  }
  p.education_field = f.education_field;
  p.experience_years.reset();
  if (!f.experience.empty()) {
    if (auto years = ParseNumber(f.experience, 60)) {
      p.experience_years = *years;
    } else {
      f.Error("f-experience", T("form.error.number"));
    }
  }
  const bool moved = f.country != base.location.country || f.region != base.location.region ||
                     f.city != base.location.city;
  if (!f.country.empty() &&
      (f.country.size() != 2 || !std::all_of(f.country.begin(), f.country.end(), ::isupper))) {
    f.Error("f-pays", T("form.error.country"));
  }
  p.location.country = f.country;
  p.location.region = f.region;
  p.location.city = f.city;
  if (moved) {
    // Coordinates belonged to the old place.
    p.location.lat.reset();
    p.location.lon.reset();
  }
  p.mobility.radius_km.reset();
  if (!f.radius.empty()) {
    if (auto radius = ParseNumber(f.radius, 5000)) {
      p.mobility.radius_km = *radius;
    } else {
      f.Error("f-rayon", T("form.error.number"));
    }
  }
  p.mobility.national = f.national;
  p.mobility.international = f.international;
  p.mobility.communities.clear();
  for (const char* c : kCommunities) {
    if (f.communities.count(c)) p.mobility.communities.push_back(c);
  }
  p.driving_licences.clear();
  for (const char* l : kLicences) {
    if (f.licences.count(l)) p.driving_licences.push_back(l);
  }
  p.available_from.reset();
  if (!f.available.empty()) {
    if (auto day = ParseDay(f.available)) {
      p.available_from = day->ToString();
    } else {
      f.Error("f-dispo", T("form.error.date"));
    }
  }
  p.wanted_contracts.clear();
  for (auto contract : kContracts) {
    if (f.contracts.count(std::string(engine::ToString(contract)))) {
      p.wanted_contracts.push_back(contract);
    }
  }
  return p;
}

// The label of a field of the form, by its id, for the error summary.
std::string FieldLabel(const std::string& field) {
  auto number = [&](const std::string& prefix) {
    const size_t end = field.find('-', prefix.size());
    return field.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
  };
  if (field == "f-id") return T("form.id");
  if (field.rfind("f-metier-", 0) == 0) return T("form.target", {number("f-metier-")});
  if (field.rfind("f-passe-", 0) == 0) return T("form.past.code", {number("f-passe-")});
  if (field.rfind("f-competence-", 0) == 0) return T("form.skill", {number("f-competence-")});
  if (field.rfind("f-langue-", 0) == 0) return T("form.language", {number("f-langue-")});
  if (field == "f-experience") return T("form.experience");
  if (field == "f-pays") return T("form.country");
  if (field == "f-rayon") return T("form.radius");
  if (field == "f-dispo") return T("form.available");
  return field;
}

Html RenderForm(const Services& s, const Call& call, const JobseekerForm& f, bool is_new) {
  const auto& taxonomy = *s.taxonomy;
  View view;
  view.Set("csrf", call.session_csrf).Set("new", is_new).Set("id", f.id);
  view.Set("action", is_new ? "/demandeurs/nouveau" : "/demandeurs/" + f.id + "/modifier");
  view.Set("cancel_href", is_new ? "/accueil" : "/demandeurs/" + f.id);
  if (!f.error_list.empty()) {
    List errors;
    for (const auto& [anchor, message] : f.error_list) {
      View e;
      e.Set("anchor", anchor).Set("message", T("form.error.item", {FieldLabel(anchor.substr(1)), message}));
      errors.push_back(std::move(e));
    }
    view.Set("errors", std::move(errors));
    view.Set("errors_title", TN("form.errors", static_cast<int64_t>(f.error_list.size()),
                                         {std::to_string(f.error_list.size())}));
  }
  view.Set("id_error", f.Of("f-id"));
  List targets;
  for (int i = 0; i < kTargetFields; ++i) {
    const std::string field = "f-metier-" + std::to_string(i + 1);
    const std::string value = i < static_cast<int>(f.targets.size()) ? f.targets[i] : "";
    View t;
    t.Set("field", field).Set("label", T("form.target", {std::to_string(i + 1)}))
        .Set("value", value).Set("error", f.Of(field))
        .Set("current", value.empty() ? "" : OccupationLabel(s, value));
    targets.push_back(std::move(t));
  }
  view.Set("targets", std::move(targets));
  List past;
  for (int i = 0; i < std::max<int>(kPastFields, f.past.size()); ++i) {
    const std::string field = "f-passe-" + std::to_string(i + 1);
    PastRow row = i < static_cast<int>(f.past.size()) ? f.past[i] : PastRow{};
    View v;
    v.Set("field", field).Set("label", T("form.past.code", {std::to_string(i + 1)}))
        .Set("code", row.code).Set("years", row.years).Set("error", f.Of(field + "-code"))
        .Set("current", row.code.empty() ? "" : OccupationLabel(s, row.code));
    past.push_back(std::move(v));
  }
  view.Set("past", std::move(past));
  List skills;
  const int skill_rows = static_cast<int>(f.skills.size()) + kEmptySkillRows;
  for (int i = 0; i < skill_rows; ++i) {
    const std::string field = "f-competence-" + std::to_string(i + 1);
    SkillRow row = i < static_cast<int>(f.skills.size()) ? f.skills[i] : SkillRow{};
    View v;
    v.Set("field", field).Set("index", std::to_string(i))
        .Set("label", T("form.skill", {std::to_string(i + 1)}))
        .Set("code", row.code).Set("validated", row.validated)
        .Set("error", f.Of(field + "-code"))
        .Set("current", row.code.empty() ? "" : SkillLabel(s, row.code))
        .Set("levels", LevelOptions("level.", 1, 4, row.level));
    skills.push_back(std::move(v));
  }
  view.Set("skills", std::move(skills));
  List skill_options;
  const std::string& lang = taxonomy.main_language();
  for (size_t i = 0; i < taxonomy.skills().size(); ++i) {
    const auto& skill = taxonomy.skills()[i];
    if (skill.kind == classification::SkillKind::kSoft) continue;
    View o;
    o.Set("id", skill.id).Set("label", taxonomy.SkillName(static_cast<classification::SkillIndex>(i), lang));
    skill_options.push_back(std::move(o));
  }
  view.Set("skill_options", std::move(skill_options));
  // Soft skills, grouped.
  List groups;
  std::set<std::string> placed;
  for (const SoftGroup& group : SoftGroups()) {
    View g;
    g.Set("name", T(group.message_id));
    List items;
    for (const std::string& id : group.ids) {
      auto skill = taxonomy.FindSkill(id);
      if (skill == classification::kNoSkill) continue;
      placed.insert(id);
      View item;
      item.Set("id", id).Set("label", taxonomy.SkillName(skill, lang)).Set("checked", f.soft.count(id) > 0);
      items.push_back(std::move(item));
    }
    g.Set("items", std::move(items));
    groups.push_back(std::move(g));
  }
  List more;
  for (size_t i = 0; i < taxonomy.skills().size(); ++i) {
    const auto& skill = taxonomy.skills()[i];
    if (skill.kind != classification::SkillKind::kSoft || placed.count(skill.id)) continue;
    View item;
    item.Set("id", skill.id)
        .Set("label", taxonomy.SkillName(static_cast<classification::SkillIndex>(i), lang))
        .Set("checked", f.soft.count(skill.id) > 0);
    more.push_back(std::move(item));
  }
  if (!more.empty()) {
    View g;
    g.Set("name", T("soft.group.more")).Set("items", std::move(more));
    groups.push_back(std::move(g));
  }
  view.Set("soft_groups", std::move(groups));
  view.Set("languages", LanguageRowsView(f.languages, f));
  view.Set("education", EducationOptions("education.none", f.education));
  view.Set("education_field", f.education_field).Set("experience", f.experience)
      .Set("experience_error", f.Of("f-experience"));
  view.Set("country", f.country).Set("country_error", f.Of("f-pays"))
      .Set("region", f.region).Set("city", f.city)
      .Set("radius", f.radius).Set("radius_error", f.Of("f-rayon"))
      .Set("national", f.national).Set("international", f.international);
  List communities;
  for (const char* c : kCommunities) {
    View v;
    v.Set("code", c).Set("label", T(std::string("community.") + c)).Set("checked", f.communities.count(c) > 0);
    communities.push_back(std::move(v));
  }
  view.Set("communities", std::move(communities));
  List licences;
  for (const char* l : kLicences) {
    View v;
    v.Set("code", l).Set("label", l).Set("checked", f.licences.count(l) > 0);
    licences.push_back(std::move(v));
  }
  view.Set("licences", std::move(licences));
  view.Set("available", f.available).Set("available_error", f.Of("f-dispo"));
  List contracts;
  for (auto contract : kContracts) {
    const std::string code(engine::ToString(contract));
    View v;
    v.Set("code", code).Set("label", T("contract." + code)).Set("checked", f.contracts.count(code) > 0);
    contracts.push_back(std::move(v));
  }
  view.Set("contracts", std::move(contracts));
  return Render("jobseeker_form", view);
}

Reply FormPage(const Services& s, const Call& call, const JobseekerForm& f, bool is_new, int status) {
  PageOptions options;
  options.status = status;
  options.nav = is_new ? "inscrire" : "";
  return is_new ? Page(call, "title.new_jobseeker", RenderForm(s, call, f, true), options)
                : PageTitled(call, T("title.edit_jobseeker", {f.id}), RenderForm(s, call, f, false),
                             options);
}

std::string Mobility(const engine::MobilityPreference& m) {
  std::vector<std::string> parts;
  if (m.radius_km) parts.push_back(T("js.radius", {ShowNumber(*m.radius_km)}));
  if (m.national) parts.push_back(T("js.national"));
  for (const std::string& c : m.communities) parts.push_back(T("community." + c));
  if (m.international) parts.push_back(T("js.international"));
  if (parts.empty()) return T("js.no_mobility");
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

}  // namespace

std::string OccupationLabel(const Services& s, const std::string& code) {
  auto node = s.taxonomy->FindNode(code);
  if (node == classification::kNoNode) return code;
  return s.taxonomy->NodeLabel(node, s.taxonomy->main_language());
}

std::string SkillLabel(const Services& s, const std::string& id) {
  auto skill = s.taxonomy->FindSkill(id);
  if (skill == classification::kNoSkill) return id;
  return s.taxonomy->SkillName(skill, s.taxonomy->main_language());
}

std::string LanguageName(const std::string& code) {
  // The language's French name when the catalogue has it, and its code.
  return Messages().Has("lang." + code) ? T("lang." + code) + " (" + code + ")" : code;
}

std::string DecisionLabel(const std::string& status) {
  return Messages().Has("decision." + status) ? T("decision." + status) : status;
}

Reply JobseekerSearch(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string q = Upper(Trim(form.Get("q")));
  View view;
  List items;
  if (q.size() < 2) {
    view.Set("none", T("home.search.empty"));
  } else {
    // The scope's ids (the agency's, a regional supervisor's region's)
    // containing the text (ids are opaque: no names to
    // search). Read by pages of 500.
    std::string after;
    while (items.size() < 20) {
      Result<std::vector<std::string>> ids =
          call.store->ListScopeIds(AgencyRecord::kProfile, call.agencies, after, 500);
      if (!ids.ok()) return ErrorPage(call, 503, "error.store");
      for (const std::string& id : *ids) {
        if (Upper(id).find(q) == std::string::npos || items.size() >= 20) continue;
        Result<engine::Profile> p = call.store->GetProfile(id);
        if (!p.ok()) continue;
        View item;
        item.Set("id", id).Set("href", "/demandeurs/" + id)
            .Set("target", p->target_occupations.empty() ? T("js.none")
                                                         : OccupationLabel(s, p->target_occupations[0]));
        items.push_back(std::move(item));
      }
      if (ids->size() < 500) break;
      after = ids->back();
    }
    view.Set("none", T("home.search.none"));
    if (!server::Audit(call, "jobseeker.search", "").ok()) return ErrorPage(call, 503, "error.store");
  }
  view.Set("items", std::move(items));
  Html html = Render("search_results", view);
  if (IsHtmx(call)) return Fragment(html);
  PageOptions options;
  options.nav = "accueil";
  return Page(call, "home.search", html, options);
}

Reply JobseekerView(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  std::string agency;
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id, &agency)) {
    return PageRefusal(*out, call);
  }
  Result<engine::Profile> profile = call.store->GetProfile(id);
  if (!profile.ok()) return ErrorPage(call, 503, "error.store");
  Result<std::vector<engine::Decision>> decisions = call.store->ListDecisions({id, ""});
  if (!decisions.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "jobseeker.view", id).ok()) return ErrorPage(call, 503, "error.store");
  const engine::Profile& p = *profile;
  View view;
  view.Set("offers_href", "/demandeurs/" + id + "/offres")
      .Set("edit_href", "/demandeurs/" + id + "/modifier")
      .Set("sheet_href", "/demandeurs/" + id + "/fiche")
      .Set("mobility_href", "/demandeurs/" + id + "/mobilite")
      .Set("reorientation_href", "/demandeurs/" + id + "/reorientation");
  List targets, past, skills, soft, languages, rows;
  for (const std::string& code : p.target_occupations) {
    View v;
    v.Set("code", code).Set("label", OccupationLabel(s, code));
    targets.push_back(std::move(v));
  }
  for (const auto& po : p.past_occupations) {
    View v;
    v.Set("code", po.code).Set("label", OccupationLabel(s, po.code))
        .Set("years", T("js.years", {ShowNumber(po.years)}));
    past.push_back(std::move(v));
  }
  for (const auto& skill : p.skills) {
    View v;
    v.Set("id", skill.skill_id).Set("label", SkillLabel(s, skill.skill_id))
        .Set("level", T("level." + std::to_string(skill.level)))
        .Set("validated", skill.validated ? T("js.validated") : T("js.declared"));
    skills.push_back(std::move(v));
  }
  for (const auto& skill : p.soft_skills) {
    View v;
    v.Set("label", SkillLabel(s, skill.skill_id));
    soft.push_back(std::move(v));
  }
  for (const auto& language : p.languages) {
    View v;
    v.Set("name", LanguageName(language.code))
        .Set("level", T("cefr." + std::to_string(language.level)));
    languages.push_back(std::move(v));
  }
  view.Set("targets", std::move(targets)).Set("past", std::move(past))
      .Set("skills", std::move(skills)).Set("soft", std::move(soft))
      .Set("languages", std::move(languages));
  view.Set("experience", p.experience_years ? T("js.years", {ShowNumber(*p.experience_years)}) : T("js.none"));
  if (p.education_level) {
    view.Set("education", p.education_field.empty()
                              ? T("js.education_level", {std::to_string(*p.education_level)})
                              : T("js.education_with_field",
                                  {std::to_string(*p.education_level), p.education_field}));
  } else {
    view.Set("education", p.education_field.empty() ? T("js.none") : p.education_field);
  }
  std::string location, last;
  for (const std::string& part : {p.location.city, p.location.region, p.location.country}) {
    if (part.empty() || part == last) continue;  // "Dakar, Dakar"
    location += (location.empty() ? "" : ", ") + part;
    last = part;
  }
  view.Set("location", location.empty() ? T("js.none") : location);
  view.Set("mobility", Mobility(p.mobility));
  std::string licences;
  for (const std::string& l : p.driving_licences) licences += (licences.empty() ? "" : ", ") + l;
  view.Set("licences", licences.empty() ? T("js.none") : licences);
  view.Set("available", p.available_from ? FormatDate(*p.available_from).value_or(*p.available_from)
                                         : T("js.none"));
  std::string contracts;
  for (auto c : p.wanted_contracts) {
    contracts += (contracts.empty() ? "" : ", ") + T("contract." + std::string(engine::ToString(c)));
  }
  view.Set("contracts", contracts.empty() ? T("js.any_contract") : contracts);
  for (const auto& d : *decisions) {
    View v;
    v.Set("date", FormatDate(d.decided_at).value_or(d.decided_at)).Set("offer", d.offer_id)
        .Set("status", DecisionLabel(d.status)).Set("reason", d.reason).Set("by", d.counsellor);
    rows.push_back(std::move(v));
  }
  view.Set("decisions", std::move(rows));
  // Notes, next actions, the counsellor (page_notes.cc).
  Result<Html> follow_up = FollowUpSection(s, call, id, agency);
  if (!follow_up.ok()) return ErrorPage(call, 503, "error.store");
  view.Set("follow_up", *follow_up);
  PageOptions options;
  const std::string saved = call.req->get_param_value("enregistre");
  if (saved == "1") options.notice = T("js.saved");
  if (saved == "2") options.notice = T("js.created");
  if (options.notice.empty()) options.notice = FollowUpNotice(saved);
  return PageTitled(call, T("title.jobseeker", {id}), Render("jobseeker_view", view), options);
}

Reply JobseekerNewForm(const Services& s, Call& call) {
  const JobseekerForm empty;
  return FormPage(s, call, empty, true, 200);
}

Reply JobseekerCreate(const Services& s, Call& call) {
  JobseekerForm f = FromRequest(Form::Parse(*call.req));
  engine::Profile profile = ToProfile(s, f, engine::Profile{}, true);
  if (f.errors.empty()) {
    Result<std::string> existing = call.store->GetAgency(AgencyRecord::kProfile, profile.id);
    // Said whatever the agency: the id is taken in the whole store.
    if (existing.ok()) f.Error("f-id", T("form.error.id_taken"));
  }
  if (f.errors.empty()) {
    if (Status codes = engine::CheckCodes(profile, *s.taxonomy, "form"); !codes.ok()) {
      f.Error("f-metier-1", codes.message());
    }
  }
  if (!f.errors.empty()) return FormPage(s, call, f, true, 422);
  Status written = call.store->InTransaction([&]() -> Status {
    Result<engine::UpsertOutcome> done = call.store->UpsertProfile(profile);
    if (!done.ok()) return done.status();
    SKILLMATCH_RETURN_IF_ERROR(
        call.store->SetAgency(AgencyRecord::kProfile, profile.id, call.account->agency));
    // The counsellor who registers the person follows him (a supervisor
    // assigns from the file: page_notes.cc).
    if (call.account->role != "counsellor") return Status::Ok();
    return call.store->AssignProfile(profile.id, call.account->id,
                                     server::TimestampOf(call.now));
  });
  if (!written.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "jobseeker.create", profile.id).ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  return Redirect("/demandeurs/" + profile.id + "?enregistre=2");
}

Reply JobseekerEditForm(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id)) return PageRefusal(*out, call);
  Result<engine::Profile> profile = call.store->GetProfile(id);
  if (!profile.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "jobseeker.view", id).ok()) return ErrorPage(call, 503, "error.store");
  return FormPage(s, call, FromProfile(*profile), false, 200);
}

Reply JobseekerUpdate(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id)) return PageRefusal(*out, call);
  Result<engine::Profile> stored = call.store->GetProfile(id);
  if (!stored.ok()) return ErrorPage(call, 503, "error.store");
  JobseekerForm f = FromRequest(Form::Parse(*call.req));
  f.id = id;  // the path's, whatever the form says
  engine::Profile profile = ToProfile(s, f, *stored, false);
  if (f.errors.empty()) {
    if (Status codes = engine::CheckCodes(profile, *s.taxonomy, "form"); !codes.ok()) {
      f.Error("f-metier-1", codes.message());
    }
  }
  if (!f.errors.empty()) return FormPage(s, call, f, false, 422);
  Result<engine::UpsertOutcome> done = call.store->UpsertProfile(profile);
  if (!done.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "jobseeker.update", id).ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/demandeurs/" + id + "?enregistre=1");
}

std::vector<CoderCandidate> CoderCandidates(const Services& s, const std::string& text) {
  std::vector<CoderCandidate> out;
  if (text.empty() || text.size() > 500) return out;
  classification::CodingResult result = s.coder->Code(text, 5);
  for (const auto& candidate : result.candidates) {
    // Candidates under 1 % help nobody choose.
    if (candidate.confidence < 0.01f && !out.empty()) continue;
    out.push_back({s.coder->TargetCode(candidate.target),
                   s.taxonomy->NodeLabel(candidate.target, s.taxonomy->main_language()),
                   T("form.confidence", {FormatPercent(candidate.confidence)})});
  }
  return out;
}

Reply OccupationSearch(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  std::string q = Trim(form.Get("metier_q"));
  if (q.empty()) q = Trim(form.Get("passe_q"));  // the past occupations' box
  if (q.empty()) q = Trim(form.Get("q"));
  View view;
  List items;
  if (!q.empty() && q.size() <= 500) {
    view.Set("asked", true);
    for (const CoderCandidate& candidate : CoderCandidates(s, q)) {
      View item;
      item.Set("code", candidate.code).Set("label", candidate.label)
          .Set("confidence", candidate.confidence);
      items.push_back(std::move(item));
    }
  }
  view.Set("items", std::move(items));
  return Fragment(Render("occupation_candidates", view));
}

}  // namespace skillmatch::pages
