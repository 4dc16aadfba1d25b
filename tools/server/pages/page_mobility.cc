// Projet de mobilité (issue 17): a jobseeker's migration project toward a
// destination country, assessed by engine/mobility exactly as the JSON route
// GET /api/v1/jobseekers/{id}/mobility does (same roles, agency scope, audit
// "mobility.assess", offers of the caller's agency only): the project card
// (each rule with its source and date, or "aucune voie listée"), demand
// signals, the person's gaps, the national alternatives with their reasons
// and trainings; the printable advice sheet; the person's decision and its
// follow-up at 3 and 6 months, with the list of past decisions.
// The destination and occupation go by POST, never in a URL.
#include <algorithm>
#include <map>
#include <set>

#include "french.h"
#include "handlers.h"
#include "offer_cache.h"
#include "skillmatch/mobility/assessment.h"
#include "skillmatch/model/geography.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

constexpr size_t kMaxDetail = 500;
constexpr int kTrainingsPerAlternative = 2;

// Destinations offered in the select: those of the rule pack and the
// countries where nationals of francophone Africa most often seek work
// (a country without a published list gets "aucune voie listée").
const char* const kUsualDestinations[] = {"FR", "BE", "CA", "CH", "DE", "ES",
                                          "IT", "LU", "MA", "PT"};

const char* const kChoices[] = {"legal-route", "alternative", "training", "undecided"};
const char* const kOutcomes[] = {"employed-abroad", "employed-home", "self-employed",
                                 "in-training", "seeking", "unknown"};

std::string CountryName(const std::string& code) {
  const engine::GeoCountry* country = engine::Geography::Embedded().FindCountry(code);
  return country ? country->name_fr : code;
}

bool IsCountryCode(const std::string& code) {
  return code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) &&
         std::isupper(static_cast<unsigned char>(code[1]));
}

std::string Cefr(int level) {
  static const char* const names[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
  return level >= 1 && level <= 6 ? names[level - 1] : "";
}

std::string ChoiceLabel(const std::string& choice) { return T("mob.choice." + choice); }
std::string OutcomeLabel(const std::string& outcome) {
  return outcome.empty() ? T("mob.outcome.none") : T("mob.outcome." + outcome);
}

List Skills(const std::vector<mobility::SkillRef>& skills) {
  List out;
  for (const auto& skill : skills) {
    View v;
    v.Set("label", skill.label.empty() ? skill.id : skill.label).Set("id", skill.id);
    out.push_back(std::move(v));
  }
  return out;
}

std::string TrainingLine(const mobility::Training& t) {
  std::string place;
  for (const std::string& part : {t.city, t.region}) {
    if (!part.empty() && part != place) place += (place.empty() ? "" : ", ") + part;
  }
  std::string cost = !t.cost ? T("mob.cost.unknown")
                     : *t.cost == 0 ? T("mob.cost.free")
                                    : FormatDecimal(*t.cost, 0) + " " + t.currency;
  return T("mob.training.line", {t.title, t.provider, place.empty() ? t.country : place,
                                 FormatInteger(t.duration_hours), cost});
}

// Trainings of the catalogue that teach at least one of `missing`, those of
// the person's country first, most skills covered first.
List TrainingsFor(const Services& s, const std::vector<mobility::SkillRef>& missing,
                  const std::string& home) {
  List out;
  if (missing.empty() || s.training == nullptr) return out;
  std::set<std::string> wanted;
  for (const auto& skill : missing) wanted.insert(skill.id);
  std::vector<std::pair<int, const mobility::Training*>> found;
  for (const mobility::Training& t : *s.training) {
    int covered = 0;
    for (const std::string& skill : t.skills) covered += wanted.count(skill) ? 1 : 0;
    if (covered > 0) found.emplace_back(covered + (t.country == home ? 1000 : 0), &t);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [rank, t] : found) {
    if (static_cast<int>(out.size()) >= kTrainingsPerAlternative) break;
    View v;
    v.Set("line", TrainingLine(*t));
    out.push_back(std::move(v));
  }
  return out;
}

const mobility::Training* FindTraining(const Services& s, const std::string& id) {
  if (s.training == nullptr) return nullptr;
  for (const mobility::Training& t : *s.training)
    if (t.id == id) return &t;
  return nullptr;
}

// An assessment as the pages hold it: the engine's, and the offers that fit
// the person but belong to other agencies (not proposed), counted by agency.
struct Assessed {
  mobility::Assessment assessment;
  std::map<std::string, int> elsewhere;
};

// The assessment as the pages show it: the card, the gaps and the
// alternatives (template "mobility_result").
Html RenderAssessment(const Services& s, const Assessed& assessed) {
  const mobility::Assessment& a = assessed.assessment;
  const mobility::ProjectCard& card = a.card;
  View view;
  view.Set("card_title", T("mob.card.title", {card.occupation_label, card.occupation,
                                               card.destination_name}));
  view.Set("card_context",
           T("mob.card.context", {card.isco08.empty() ? T("js.none") : card.isco08,
                                  CountryName(card.nationality.empty() ? a.home_country
                                                                       : card.nationality),
                                  FormatDate(a.today).value_or(a.today), a.pack}));
  view.Set("listed", card.listed);
  List rules;
  for (const mobility::AppliedRule& applied : card.rules) {
    const mobility::Rule& r = applied.rule;
    View v;
    v.Set("label", r.label).Set("route", T("mob.route." + r.route))
        .Set("instrument", r.instrument)
        .Set("signed_on", FormatDate(r.signed_on).value_or(r.signed_on))
        .Set("match", T("mob.match." + applied.match))
        .Set("source", r.source).Set("source_url", r.source_url)
        .Set("conditions", r.no_labour_market_test ? T("mob.rule.no_test") : "")
        .Set("id", r.id);
    rules.push_back(std::move(v));
  }
  view.Set("rules", std::move(rules));
  List gaps;
  for (const mobility::Gap& gap : card.gaps) {
    View v;
    v.Set("what", gap.what);
    gaps.push_back(std::move(v));
  }
  view.Set("gaps", std::move(gaps));
  // Demand signals.
  view.Set("demand", TN("mob.demand", card.international_offers, {FormatInteger(card.international_offers),
                                      FormatInteger(card.international_positions),
                                      card.destination_name}));
  List offer_ids;
  for (const std::string& id : card.offer_ids) {
    View v;
    v.Set("id", id);
    offer_ids.push_back(std::move(v));
  }
  view.Set("offer_ids", std::move(offer_ids));
  // The person's gaps.
  const mobility::Distance& d = card.distance;
  view.Set("skills_held", T("mob.skills.held", {FormatInteger(static_cast<int64_t>(d.held.size())),
                                                 FormatInteger(d.essential_total)}));
  view.Set("far", d.far);
  view.Set("missing", Skills(d.missing));
  if (d.required_level > 0) {
    view.Set("language", T(d.language_ok ? "mob.language.ok" : "mob.language.short",
                           {LanguageName(d.language), Cefr(d.required_level),
                            d.held_level ? Cefr(*d.held_level) : T("mob.language.unknown")}));
    view.Set("language_ok", d.language_ok);
    view.Set("language_note", d.language_note);
  } else {
    view.Set("language", T("mob.language.none"));
    view.Set("language_ok", true);
    view.Set("language_note", "");
  }
  if (d.regulated) {
    view.Set("diploma", T("mob.diploma", {d.diploma.empty() ? T("js.none") : d.diploma,
                                          d.education_level ? std::to_string(*d.education_level)
                                                            : T("js.none"),
                                          d.education_field.empty() ? T("js.none")
                                                                    : d.education_field}));
  } else {
    view.Set("diploma", T("mob.diploma.none"));
  }
  // Alternatives: national (region, close occupation, offer, self
  // employment), then the trainings.
  List national, trainings;
  for (const mobility::Alternative& alt : a.alternatives) {
    View v;
    v.Set("kind", T("mob.kind." + alt.kind));
    std::string what;
    if (alt.kind == "region") {
      what = T("mob.alt.region", {alt.occupation_label, alt.region});
    } else if (alt.kind == "offer") {
      what = T("mob.alt.offer", {alt.title, alt.offer_id});
      v.Set("offer_href", "/offres/" + alt.offer_id);
    } else if (alt.kind == "training") {
      const mobility::Training* t = FindTraining(s, alt.training_id);
      what = t ? TrainingLine(*t) : alt.title;
    } else {
      what = alt.occupation_label.empty() ? alt.occupation
                                          : alt.occupation_label + " (" + alt.occupation + ")";
    }
    v.Set("what", what);
    std::string figures;
    if (alt.kind == "region" || alt.kind == "close-occupation") {
      figures = T("mob.alt.figures", {FormatInteger(alt.open_offers), FormatInteger(alt.jobseekers),
                                      alt.tension ? FormatDecimal(*alt.tension, 2) : T("js.none")});
    } else if (alt.kind == "offer" && alt.score) {
      figures = T("mob.alt.score", {FormatPercent(*alt.score)});
    }
    v.Set("figures", figures);
    List reasons;
    for (const std::string& reason : alt.reasons) {
      View r;
      r.Set("text", reason);
      reasons.push_back(std::move(r));
    }
    v.Set("reasons", std::move(reasons));
    if (alt.kind == "training") {
      v.Set("skills", Skills(alt.covers)).Set("skills_caption", T("mob.alt.covers"));
      v.Set("trainings", List{});
      trainings.push_back(std::move(v));
    } else {
      v.Set("skills", Skills(alt.missing)).Set("skills_caption", T("mob.alt.missing"));
      v.Set("trainings", TrainingsFor(s, alt.missing, a.home_country));
      national.push_back(std::move(v));
    }
  }
  view.Set("national_count", TN("mob.alt.count", static_cast<int64_t>(national.size()),
                               {FormatInteger(static_cast<int64_t>(national.size()))}));
  view.Set("national", std::move(national));
  if (!assessed.elsewhere.empty()) {
    int64_t total = 0;
    std::string where;
    for (const auto& [agency, count] : assessed.elsewhere) {
      total += count;
      where += (where.empty() ? "" : ", ") + agency + " (" + FormatInteger(count) + ")";
    }
    view.Set("elsewhere", TN("mob.alt.elsewhere", total, {FormatInteger(total), where}));
  }
  view.Set("training_list", std::move(trainings));
  return Render("mobility_result", view);
}

struct Project {
  std::string country;
  std::string occupation;
};

// The form's destination and occupation; a French message when invalid.
std::string ReadProject(const Form& form, Project* project) {
  project->country = form.Get("pays");
  project->occupation = form.Get("metier");
  project->occupation.erase(0, project->occupation.find_first_not_of(" \t"));
  project->occupation.erase(project->occupation.find_last_not_of(" \t") + 1);
  if (!IsCountryCode(project->country)) return T("mob.error.country");
  if (project->occupation.size() > 20) return T("mob.error.occupation");
  return "";
}

// Runs the assessment as the JSON route does; `problem` receives a French
// message for the person's input (no target, unknown occupation).
Result<Assessed> RunAssessment(const Services& s, Call& call, const engine::Profile& profile,
                               const Project& project, std::string* problem) {
  const engine::Date today = Today(call);
  auto market = s.markets->Get(*call.store, today);
  if (!market.ok()) return market.status();
  mobility::AssessOptions options;
  options.destination = project.country;
  options.occupation = project.occupation;
  options.today = today;
  // Offers proposed: the caller's agency's, the best of them, as everywhere
  // else; those of other agencies that fit too are counted, so that the
  // counsellor knows where to send the person.
  Assessed assessed;
  options.offer_visible = [&](const std::string& offer) {
    Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, offer);
    if (agency.ok() && *agency == call.account->agency) return true;
    if (agency.ok() && !agency->empty()) ++assessed.elsewhere[*agency];
    return false;
  };
  static const mobility::RulePack kNoPack;
  static const std::vector<mobility::Training> kNoTraining;
  auto assessment = mobility::Assess(profile, s.rule_pack ? *s.rule_pack : kNoPack,
                                     s.training ? *s.training : kNoTraining, *s.scorer, **market,
                                     *call.store, options);
  if (!assessment.ok()) {
    *problem = assessment.status().code() == StatusCode::kNotFound ? T("mob.error.unknown_occupation")
                                                                   : T("mob.error.no_target");
    return assessment.status();
  }
  assessed.assessment = std::move(*assessment);
  return assessed;
}

// The whole screen: the form, the result (if any), the decision form and
// the past decisions.
Reply MobilityPage(const Services& s, Call& call, const engine::Profile& profile,
                   const Project& project, const Html& result, const std::string& error,
                   const std::string& notice, int status) {
  const std::string& id = profile.id;
  Result<std::vector<engine::MobilityDecision>> past = call.store->ListMobilityDecisions(id);
  if (!past.ok()) return ErrorPage(call, 503, "error.store");
  View view;
  const std::string base = "/demandeurs/" + id + "/mobilite";
  view.Set("profile_href", "/demandeurs/" + id).Set("action", base)
      .Set("sheet_action", base + "/fiche").Set("decide_action", base + "/decisions")
      .Set("follow_action", base + "/suivi").Set("csrf", call.session_csrf)
      .Set("error", error).Set("occupation", project.occupation)
      .Set("country", project.country);
  std::vector<std::string> codes;
  if (s.rule_pack) {
    for (const auto& r : s.rule_pack->rules) codes.push_back(r.destination);
    for (const auto& d : s.rule_pack->destinations) codes.push_back(d.country);
  }
  codes.insert(codes.end(), std::begin(kUsualDestinations), std::end(kUsualDestinations));
  std::vector<std::pair<std::string, std::string>> countries;  // name, code
  std::set<std::string> seen;
  for (const std::string& code : codes)
    if (IsCountryCode(code) && seen.insert(code).second) countries.emplace_back(CountryName(code), code);
  std::sort(countries.begin(), countries.end());
  List options;
  for (const auto& [name, code] : countries) {
    View v;
    v.Set("code", code).Set("name", name).Set("selected", code == project.country);
    options.push_back(std::move(v));
  }
  view.Set("countries", std::move(options));
  List targets;
  for (const std::string& code : profile.target_occupations) {
    View v;
    v.Set("code", code).Set("label", OccupationLabel(s, code));
    targets.push_back(std::move(v));
  }
  view.Set("targets", std::move(targets));
  view.Set("result", result).Set("assessed", !result.empty());
  List choices;
  for (const char* choice : kChoices) {
    View v;
    v.Set("value", choice).Set("label", ChoiceLabel(choice))
        .Set("field", std::string("m-choix-") + choice);
    choices.push_back(std::move(v));
  }
  view.Set("choices", std::move(choices));
  List decisions;
  for (const engine::MobilityDecision& d : *past) {
    View v;
    v.Set("number", std::to_string(d.id))
        .Set("date", FormatDate(d.decided_at).value_or(d.decided_at))
        .Set("destination", CountryName(d.destination))
        .Set("occupation", d.occupation.empty() ? T("js.none")
                                                : OccupationLabel(s, d.occupation) + " (" +
                                                      d.occupation + ")")
        .Set("choice", ChoiceLabel(d.choice)).Set("detail", d.detail)
        .Set("outcome_3m", OutcomeLabel(d.outcome_3m)).Set("outcome_6m", OutcomeLabel(d.outcome_6m))
        .Set("counsellor", d.counsellor)
        .Set("legend", T("mob.follow.legend", {std::to_string(d.id)}))
        .Set("field", "m-suivi-" + std::to_string(d.id));
    List outcomes;
    for (const char* outcome : kOutcomes) {
      View o;
      o.Set("value", outcome).Set("label", OutcomeLabel(outcome));
      outcomes.push_back(std::move(o));
    }
    v.Set("outcomes", std::move(outcomes));
    decisions.push_back(std::move(v));
  }
  view.Set("decisions", std::move(decisions));
  PageOptions page;
  page.notice = notice;
  page.status = status;
  return PageTitled(call, T("title.mobility", {id}), Render("mobility", view), page);
}

}  // namespace

Reply MobilityForm(const Services& s, Call& call) {
  engine::Profile profile;
  if (auto out = LoadScopedProfile(call, &profile)) return *out;
  // The page lists the person's past decisions: a view of the person.
  if (!server::Audit(call, "mobility.view", profile.id).ok()) return ErrorPage(call, 503, "error.store");
  Project project{"FR", ""};
  // The decision number a save redirected with, if it is one.
  auto number = [&](const char* name) {
    const std::string value = call.req->get_param_value(name);
    const bool digits = !value.empty() && value.size() < 12 &&
                        value.find_first_not_of("0123456789") == std::string::npos;
    return digits ? value : std::string();
  };
  std::string notice;
  if (const std::string saved = number("enregistre"); !saved.empty()) {
    notice = T("mob.recorded", {saved});
  }
  if (const std::string followed = number("suivi"); !followed.empty()) {
    notice = T("mob.followed", {followed});
  }
  return MobilityPage(s, call, profile, project, Html(), "", notice, 200);
}

// The posted project assessed for the jobseeker of the path, and the view
// audited as `action`: what the assessment page and the advice sheet share.
// A reply instead when the profile is out of reach, the form wrong (422, the
// page with the message) or the store failing.
std::optional<Reply> AssessPosted(const Services& s, Call& call, const char* action,
                                  engine::Profile* profile, Project* project,
                                  Assessed* assessment) {
  if (auto out = LoadScopedProfile(call, profile)) return *out;
  Form form = Form::Parse(*call.req);
  std::string problem = ReadProject(form, project);
  if (!problem.empty()) {
    if (project->country.size() > 2) project->country.clear();
    return MobilityPage(s, call, *profile, *project, Html(), problem, "", 422);
  }
  auto assessed = RunAssessment(s, call, *profile, *project, &problem);
  if (!assessed.ok()) {
    if (!problem.empty()) return MobilityPage(s, call, *profile, *project, Html(), problem, "", 422);
    return ErrorPage(call, 503, "error.store");
  }
  if (!server::Audit(call, action, profile->id).ok()) return ErrorPage(call, 503, "error.store");
  *assessment = std::move(*assessed);
  return std::nullopt;
}

Reply MobilityAssess(const Services& s, Call& call) {
  engine::Profile profile;
  Project project;
  Assessed assessment;
  if (auto out = AssessPosted(s, call, "mobility.assess", &profile, &project, &assessment)) {
    return *out;
  }
  if (project.occupation.empty()) project.occupation = assessment.assessment.card.occupation;
  return MobilityPage(s, call, profile, project, RenderAssessment(s, assessment), "", "", 200);
}

Reply MobilitySheet(const Services& s, Call& call) {
  engine::Profile profile;
  Project project;
  Assessed assessment;
  if (auto out = AssessPosted(s, call, "mobility.sheet", &profile, &project, &assessment)) {
    return *out;
  }
  View view;
  view.Set("back_href", "/demandeurs/" + profile.id + "/mobilite");
  view.Set("intro", T("mob.sheet.intro", {profile.id, FormatDay(call.now)}));
  view.Set("result", RenderAssessment(s, assessment));
  PageOptions options;
  options.print = true;
  return PageTitled(call, T("title.mobility_sheet", {profile.id}), Render("mobility_sheet", view),
                    options);
}

Reply MobilityDecide(const Services& s, Call& call) {
  engine::Profile profile;
  if (auto out = LoadScopedProfile(call, &profile)) return *out;
  Form form = Form::Parse(*call.req);
  Project project;
  std::string problem = ReadProject(form, &project);
  engine::MobilityDecision d;
  d.profile_id = profile.id;
  d.destination = project.country;
  d.occupation = project.occupation.empty() && !profile.target_occupations.empty()
                     ? profile.target_occupations.front()
                     : project.occupation;
  d.choice = form.Get("choix");
  d.detail = form.Get("detail");
  d.counsellor = call.account->login;
  if (problem.empty() && std::find(std::begin(kChoices), std::end(kChoices), d.choice) == std::end(kChoices))
    problem = T("mob.error.choice");
  if (problem.empty() && d.detail.size() > kMaxDetail) problem = T("mob.error.detail");
  if (problem.empty() && !d.occupation.empty() && OccupationLabel(s, d.occupation) == d.occupation)
    problem = T("mob.error.unknown_occupation");
  if (!problem.empty()) {
    if (project.country.size() > 2) project.country.clear();
    return MobilityPage(s, call, profile, project, Html(), problem, "", 422);
  }
  Result<int64_t> recorded = call.store->RecordMobilityDecision(d);
  if (!recorded.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "mobility.decide", profile.id).ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/demandeurs/" + profile.id + "/mobilite?enregistre=" + std::to_string(*recorded));
}

Reply MobilityFollowUp(const Services& s, Call& call) {
  engine::Profile profile;
  if (auto out = LoadScopedProfile(call, &profile)) return *out;
  Form form = Form::Parse(*call.req);
  Result<std::vector<engine::MobilityDecision>> past = call.store->ListMobilityDecisions(profile.id);
  if (!past.ok()) return ErrorPage(call, 503, "error.store");
  const std::string number = form.Get("decision");
  const engine::MobilityDecision* found = nullptr;
  for (const auto& d : *past)
    if (std::to_string(d.id) == number) found = &d;
  // Another person's decision is not found, as another agency's record.
  if (found == nullptr) return ErrorPage(call, 404, "error.not_found");
  const std::string months = form.Get("mois");
  const std::string outcome = form.Get("resultat");
  std::string problem;
  if (months != "3" && months != "6") problem = T("mob.error.months");
  else if (std::find(std::begin(kOutcomes), std::end(kOutcomes), outcome) == std::end(kOutcomes))
    problem = T("mob.error.outcome");
  if (!problem.empty()) {
    Project project{found->destination, found->occupation};
    return MobilityPage(s, call, profile, project, Html(), problem, "", 422);
  }
  if (!call.store->SetMobilityFollowUp(found->id, months == "3" ? 3 : 6, outcome).ok())
    return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "mobility.follow-up", profile.id).ok())
    return ErrorPage(call, 503, "error.store");
  return Redirect("/demandeurs/" + profile.id + "/mobilite?suivi=" + number);
}

}  // namespace skillmatch::pages
