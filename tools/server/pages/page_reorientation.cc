// Réorientation (issue 15): the occupations close to a jobseeker's target
// and past occupations (the taxonomy's mobility links and the engine's
// similar occupations by skills, merged by engine/mobility Reorient), each
// with where the proposal comes from, the skills the person has for it
// (held, partly held with the level), the skills to acquire (essential
// first), the coverage in percent, the agency's open offers of it and the
// trainings of the catalogue that teach what is missing; a form to keep one
// as a new target occupation, written as the edit form writes the profile.
// The URL holds the jobseeker's id only; the occupation goes by POST.
#include <algorithm>
#include <cmath>

#include "french.h"
#include "handlers.h"
#include "skillmatch/mobility/reorientation.h"
#include "skillmatch/model/date.h"
#include "skillmatch/model/model_check.h"
#include "skillmatch/store/offer_counts.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

// As the edit form, which has three target fields: a fourth target would be
// lost at the next edit.
constexpr size_t kMaxTargets = 3;

std::string LevelText(int level) {
  return level >= engine::kMinSkillLevel && level <= engine::kMaxSkillLevel
             ? T("level." + std::to_string(level))
             : std::to_string(level);
}

std::string Kind(bool essential) { return essential ? T("offers.essential") : T("offers.optional"); }

std::string TrainingText(const mobility::Training& t) {
  std::string place;
  for (const std::string& part : {t.city, t.region}) {
    if (!part.empty() && part != place) place += (place.empty() ? "" : ", ") + part;
  }
  const std::string cost = !t.cost ? T("mob.cost.unknown")
                           : *t.cost == 0 ? T("mob.cost.free")
                                          : FormatDecimal(*t.cost, 0) + " " + t.currency;
  return T("mob.training.line", {t.title, t.provider, place.empty() ? t.country : place,
                                 FormatInteger(t.duration_hours), cost});
}

std::string Sources(const Services& s, const mobility::CloseOccupation& c) {
  std::vector<std::string> parts;
  if (c.close_link) {
    parts.push_back(c.link_rank > 0 && !c.evolution_link
                        ? T("reo.source.close_rank", {std::to_string(c.link_rank),
                                                      OccupationLabel(s, c.link_from)})
                        : T("reo.source.close", {OccupationLabel(s, c.link_from)}));
  }
  if (c.evolution_link) parts.push_back(T("reo.source.evolution", {OccupationLabel(s, c.link_from)}));
  if (c.shared_skills) {
    parts.push_back(T("reo.source.skills", {OccupationLabel(s, c.similar_from),
                                            FormatPercent(c.similarity)}));
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : " ; ") + part;
  return out;
}

// The page (or the printable sheet): every close occupation as a card.
Reply ReorientationPage(const Services& s, Call& call, const engine::Profile& profile,
                        bool print, const std::string& error, const std::string& notice,
                        int status) {
  const std::string& id = profile.id;
  static const std::vector<mobility::Training> kNoTraining;
  Result<std::vector<mobility::CloseOccupation>> close =
      mobility::Reorient(profile, *s.scorer, s.training ? *s.training : kNoTraining);
  const std::string today = Today(call).ToString();
  std::vector<std::string> codes;
  if (close.ok()) {
    for (const mobility::CloseOccupation& c : *close) codes.push_back(c.code);
  }
  // The agency's open offers, and every agency's: a counsellor weighs an
  // occupation by the whole market, not only by what his agency holds
  // today (counts, no record: the offers themselves stay in scope).
  Result<std::map<std::string, int64_t>> open =
      engine::CountOpenAgencyOffers(*call.store, call.account->agency, today, codes);
  Result<std::map<std::string, int64_t>> open_everywhere =
      engine::CountOpenOffers(*call.store, today, codes);
  if (!open.ok() || !open_everywhere.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, print ? "jobseeker.reorientation.sheet" : "jobseeker.reorientation", id)
           .ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  const std::string base = "/demandeurs/" + id + "/reorientation";
  View view;
  view.Set("profile_href", "/demandeurs/" + id).Set("offers_href", "/demandeurs/" + id + "/offres")
      .Set("sheet_href", base + "/fiche").Set("back_href", base)
      .Set("add_action", base + "/cible").Set("csrf", call.session_csrf)
      .Set("error", error).Set("print", print)
      .Set("can_add", server::RoleCan(call.role, server::Capability::kJobseekerWrite) &&
                          profile.target_occupations.size() < kMaxTargets);
  if (print) view.Set("intro", T("reo.sheet.intro", {id, FormatDay(call.now)}));
  std::string origins;
  for (const std::string& code : profile.target_occupations) {
    origins += (origins.empty() ? "" : ", ") + OccupationLabel(s, code) + " (" + code + ")";
  }
  for (const auto& past : profile.past_occupations) {
    if (std::find(profile.target_occupations.begin(), profile.target_occupations.end(),
                  past.code) != profile.target_occupations.end()) {
      continue;
    }
    origins += (origins.empty() ? "" : ", ") + OccupationLabel(s, past.code) + " (" + past.code +
               ", " + T("reo.past") + ")";
  }
  view.Set("origins", T("reo.origins", {origins.empty() ? T("js.none") : origins}));
  List cards;
  if (!close.ok()) {
    view.Set("no_occupation", true);
  } else {
    int rank = 0;
    for (const mobility::CloseOccupation& c : *close) {
      ++rank;
      View v;
      const std::string anchor = "metier-" + std::to_string(rank);
      const std::string label = OccupationLabel(s, c.code);
      v.Set("anchor", anchor).Set("code", c.code).Set("label", label)
          .Set("rank_text", T("offers.rank", {std::to_string(rank)}))
          .Set("sources", Sources(s, c))
          .Set("coverage", T("reo.coverage", {FormatPercent(c.coverage)}))
          .Set("coverage_detail",
               T("reo.coverage.detail", {FormatInteger(static_cast<int64_t>(c.held.size())),
                                         FormatInteger(static_cast<int64_t>(c.partial.size())),
                                         FormatInteger(static_cast<int64_t>(c.to_acquire.size()))}))
          .Set("width", std::to_string(static_cast<int>(std::lround(
                                           std::clamp(c.coverage, 0.0, 1.0) * 20)) * 5));
      auto count = open->find(c.code);
      const int64_t offers = count == open->end() ? 0 : count->second;
      auto all_count = open_everywhere->find(c.code);
      const int64_t all = all_count == open_everywhere->end() ? 0 : all_count->second;
      v.Set("offers", all == 0      ? T("reo.offers.none")
                      : offers == 0 ? TN("reo.offers.elsewhere", all, {FormatInteger(all)})
                                    : TN("reo.offers", offers,
                                         {FormatInteger(offers), FormatInteger(all)}));
      List held, partial, missing, trainings;
      for (const mobility::HeldSkill& h : c.held) {
        View item;
        item.Set("text", T(h.validated ? "reo.skill.held_validated" : "reo.skill.held",
                           {SkillLabel(s, h.id), Kind(h.essential), LevelText(h.level)}));
        held.push_back(std::move(item));
      }
      for (const mobility::HeldSkill& h : c.partial) {
        View item;
        item.Set("text", T("reo.skill.partial", {SkillLabel(s, h.id), Kind(h.essential),
                                                 LevelText(h.level),
                                                 LevelText(mobility::ReorientOptions{}.held_level)}));
        partial.push_back(std::move(item));
      }
      for (const mobility::SkillToAcquire& m : c.to_acquire) {
        View item;
        item.Set("text", T("reo.skill.missing", {SkillLabel(s, m.id), Kind(m.essential)}))
            .Set("essential", m.essential);
        missing.push_back(std::move(item));
      }
      for (const mobility::TrainingProposal& t : c.trainings) {
        std::string covers;
        for (const std::string& skill : t.covers) covers += (covers.empty() ? "" : ", ") + SkillLabel(s, skill);
        View item;
        item.Set("line", TrainingText(*t.training)).Set("covers", T("reo.training.covers", {covers}));
        trainings.push_back(std::move(item));
      }
      v.Set("held", std::move(held)).Set("partial", std::move(partial))
          .Set("missing", std::move(missing)).Set("trainings", std::move(trainings))
          .Set("complete", c.to_acquire.empty())
          .Set("add_label", T("reo.add.for", {label}));
      cards.push_back(std::move(v));
    }
    const auto shown = static_cast<int64_t>(cards.size());
    view.Set("count", cards.empty() ? T("reo.none")
                                    : TN("reo.count", shown, {FormatInteger(shown)}));
  }
  view.Set("cards", std::move(cards));
  PageOptions options;
  options.print = print;
  options.notice = notice;
  options.status = status;
  return PageTitled(call, T(print ? "title.reorientation_sheet" : "title.reorientation", {id}),
                    Render("reorientation", view), options);
}

}  // namespace

Reply ReorientationView(const Services& s, Call& call) {
  engine::Profile profile;
  if (auto out = LoadScopedProfile(call, &profile)) return *out;
  const std::string notice =
      call.req->get_param_value("ajoute") == "1" ? T("reo.added") : std::string();
  return ReorientationPage(s, call, profile, false, "", notice, 200);
}

Reply ReorientationSheet(const Services& s, Call& call) {
  engine::Profile profile;
  if (auto out = LoadScopedProfile(call, &profile)) return *out;
  return ReorientationPage(s, call, profile, true, "", "", 200);
}

Reply ReorientationAddTarget(const Services& s, Call& call) {
  engine::Profile profile;
  if (auto out = LoadScopedProfile(call, &profile)) return *out;
  Form form = Form::Parse(*call.req);
  const std::string code = form.Get("metier");
  std::string problem;
  const auto node = code.size() > 20 ? classification::kNoNode : s.taxonomy->FindNode(code);
  if (node == classification::kNoNode || !s.taxonomy->IsOccupation(node)) {
    problem = T("reo.error.unknown");
  } else if (std::find(profile.target_occupations.begin(), profile.target_occupations.end(),
                       code) != profile.target_occupations.end()) {
    problem = T("reo.error.already");
  } else if (profile.target_occupations.size() >= kMaxTargets) {
    problem = T("reo.error.full");
  }
  if (!problem.empty()) return ReorientationPage(s, call, profile, false, problem, "", 422);
  // Written as the edit form writes it (JobseekerUpdate): the codes checked
  // against the taxonomy, then the store's upsert.
  profile.target_occupations.push_back(code);
  if (Status codes = engine::CheckCodes(profile, *s.taxonomy, "form"); !codes.ok()) {
    return ReorientationPage(s, call, profile, false, codes.message(), "", 422);
  }
  Result<engine::UpsertOutcome> done = call.store->UpsertProfile(profile);
  if (!done.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "jobseeker.reorientation.target", profile.id).ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  return Redirect("/demandeurs/" + profile.id + "/reorientation?ajoute=1");
}

}  // namespace skillmatch::pages
