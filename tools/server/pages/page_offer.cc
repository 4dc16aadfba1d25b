// The fiche offre: the offer, what it asks, its shortlist with each
// jobseeker's stage, and the agency's jobseekers ranked for it with the same
// explanations as the offers of a jobseeker. Stages are the decisions'
// statuses: proposé, présenté à l'employeur, then retenu or refusé with its
// reason; each row of the shortlist has the buttons that move it on
// (POST /offres/{id}/etapes, page_offerform.cc).
#include <algorithm>
#include <map>

#include "french.h"
#include "handlers.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/model/model_json.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

constexpr int kCandidates = 10;

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

List Requirements(const Services& s, const std::vector<engine::RequiredSkill>& skills) {
  List out;
  for (const auto& r : skills) {
    std::string text = SkillLabel(s, r.skill_id) + " (" +
                       (r.essential ? T("offers.essential") : T("offers.optional"));
    if (r.min_level > 0) text += ", " + T("offers.level", {std::to_string(r.min_level)});
    View v;
    v.Set("text", text + ")");
    out.push_back(std::move(v));
  }
  return out;
}

std::string StageLabel(const std::string& status) {
  return Messages().Has("stage." + status) ? T("stage." + status) : status;
}

// The moves from a stage: proposed -> presented -> accepted or refused.
List StageMoves(const Call& call, const std::string& offer_id, const std::string& profile_id,
                const std::string& status, size_t row) {
  List moves;
  auto add = [&](std::string_view next) {
    View move;
    const std::string field = "etape-" + std::to_string(row) + "-motif";
    move.Set("action", "/offres/" + offer_id + "/etapes").Set("csrf", call.session_csrf)
        .Set("profile", profile_id).Set("status", std::string(next))
        .Set("label", T("stage.move." + std::string(next), {profile_id}))
        .Set("needs_reason", next == engine::kDecisionRefused)
        .Set("field", field).Set("reason_label", T("stage.reason", {profile_id}));
    moves.push_back(std::move(move));
  };
  if (status == engine::kDecisionProposed) {
    add(engine::kDecisionPresented);
  } else if (status == engine::kDecisionPresented) {
    add(engine::kDecisionAccepted);
    add(engine::kDecisionRefused);
  }
  return moves;
}

std::string StageStep(const std::string& status) {
  if (status == engine::kDecisionProposed) return T("stage.step_of", {"1"});
  if (status == engine::kDecisionPresented) return T("stage.step_of", {"2"});
  return T("stage.step_of", {"3"});
}

}  // namespace

Reply OfferView(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kOffer, id)) return PageRefusal(*out, call);
  Result<engine::Offer> found = call.store->GetOffer(id);
  if (!found.ok()) return ErrorPage(call, 503, "error.store");
  const engine::Offer& offer = *found;
  View view;
  view.Set("employer", offer.employer.empty() ? T("js.none") : offer.employer);
  view.Set("occupation", offer.occupation.empty()
                             ? T("js.none")
                             : OccupationLabel(s, offer.occupation) + " (" + offer.occupation + ")");
  std::vector<std::string> place;
  for (const std::string& part : {offer.location.city, offer.location.region, offer.location.country}) {
    if (!part.empty() && (place.empty() || place.back() != part)) place.push_back(part);
  }
  view.Set("place", place.empty() ? T("js.none") : Join(place));
  view.Set("contract", offer.contract ? T("contract." + std::string(engine::ToString(*offer.contract)))
                                      : T("js.any_contract"));
  view.Set("positions", FormatInteger(offer.positions));
  if (offer.salary_min && offer.salary_max) {
    view.Set("salary", T("offer.salary.range", {FormatInteger(static_cast<int64_t>(*offer.salary_min)),
                                                FormatInteger(static_cast<int64_t>(*offer.salary_max)),
                                                offer.salary_currency}));
  } else if (offer.salary_min) {
    view.Set("salary", T("offer.salary.from", {FormatInteger(static_cast<int64_t>(*offer.salary_min)),
                                               offer.salary_currency}));
  } else {
    view.Set("salary", T("offer.salary.none"));
  }
  const std::string expiry = offer.expires
                                 ? T("offers.expires", {FormatDate(*offer.expires).value_or("")})
                                 : T("offers.no_expiry");
  view.Set("dates", offer.published
                        ? T("offer.dates.value", {FormatDate(*offer.published).value_or(""), expiry})
                        : expiry);
  view.Set("skills", Requirements(s, offer.skills)).Set("soft", Requirements(s, offer.soft_skills));
  List languages;
  for (const auto& l : offer.languages) {
    View v;
    v.Set("text", T("offer.language", {LanguageName(l.code), T("cefr." + std::to_string(l.level))}));
    languages.push_back(std::move(v));
  }
  view.Set("languages", std::move(languages));
  view.Set("education", offer.min_education
                            ? T("js.education_level", {std::to_string(*offer.min_education)})
                            : T("js.none"));
  view.Set("experience", offer.min_experience_years
                             ? T("js.years", {FormatDecimal(*offer.min_experience_years, 0)})
                             : T("js.none"));
  view.Set("licences", offer.licences_required.empty() ? T("js.none") : Join(offer.licences_required));
  view.Set("description", offer.description);

  // Shortlist and candidates name persons: the roles that may see them
  // (counsellors, supervisors, employer-relations staff) only.
  const bool can_shortlist = server::RoleCan(call.role, server::Capability::kShortlist);
  const bool can_decide = server::RoleCan(call.role, server::Capability::kDecide);
  const bool can_open = server::RoleCan(call.role, server::Capability::kJobseekerRead);
  view.Set("can_shortlist", can_shortlist);
  if (can_shortlist) {
    Result<std::vector<engine::Decision>> decisions = call.store->ListDecisions({"", id});
    if (!decisions.ok()) return ErrorPage(call, 503, "error.store");
    std::map<std::string, engine::Decision> last;
    for (const auto& d : *decisions) last[d.profile_id] = d;  // oldest first
    List shortlist;
    for (const auto& [profile_id, d] : last) {
      Result<std::string> agency = call.store->GetAgency(AgencyRecord::kProfile, profile_id);
      if (!agency.ok() || !server::InAgencies(call, *agency)) continue;
      View row;
      row.Set("id", profile_id).Set("stage", StageLabel(d.status)).Set("reason", d.reason)
          .Set("date", FormatDate(d.decided_at).value_or(d.decided_at)).Set("by", d.counsellor)
          .Set("step", StageStep(d.status))
          .Set("row_id", "etape-" + std::to_string(shortlist.size() + 1))
          .Set("moves", StageMoves(call, id, profile_id, d.status, shortlist.size() + 1));
      if (can_open) row.Set("href", "/demandeurs/" + profile_id);
      shortlist.push_back(std::move(row));
    }
    view.Set("shortlist", std::move(shortlist));
    view.Set("export_csv", "/offres/" + id + "/export/csv")
        .Set("export_xlsx", "/offres/" + id + "/export/xlsx");

    std::vector<engine::Profile> profiles;
    // Every agency of the caller's scope, as the API's CandidatesForOffer.
    for (const std::string& agency : call.agencies) {
      Status read = call.store->ForEachAgencyProfile(agency, [&](engine::Profile&& p) {
        profiles.push_back(std::move(p));
        return Status::Ok();
      });
      if (!read.ok()) return ErrorPage(call, 503, "error.store");
    }
    auto index = engine::ProfileIndex::Build(*s.scorer, std::move(profiles));
    std::vector<engine::Hit> hits = index->TopK(offer, kCandidates);
    List candidates;
    for (size_t rank = 0; rank < hits.size(); ++rank) {
      const engine::Profile& p = index->profiles()[hits[rank].index];
      engine::Explanation why = s.scorer->Explain(p, offer);
      View c;
      const std::string anchor = "candidat-" + std::to_string(rank + 1);
      c.Set("anchor", anchor).Set("id", p.id).Set("csrf", call.session_csrf)
          .Set("rank_text", T("offers.rank", {std::to_string(rank + 1)}))
          .Set("score_text", T("offers.score", {FormatDecimal(why.score * 100.0, 0)}))
          .Set("detail", ScoreDetail(s, why, T("offer.candidate.blocks", {p.id})))
          .Set("can_decide", can_decide)
          .Set("decide_action", "/offres/" + id + "/decisions")
          .Set("decide_legend", T("offer.decide", {p.id}));
      if (can_open) c.Set("href", "/demandeurs/" + p.id);
      auto it = last.find(p.id);
      if (it != last.end()) c.Set("stage", StageLabel(it->second.status));
      List choices;
      for (const char* status : {"proposed", "presented", "accepted", "refused"}) {
        View choice;
        choice.Set("value", status).Set("label", T(std::string("stage.choice.") + status));
        choices.push_back(std::move(choice));
      }
      c.Set("choices", std::move(choices));
      candidates.push_back(std::move(c));
    }
    view.Set("candidates_summary",
             TN("offer.candidates.summary", static_cast<int64_t>(candidates.size()),
                {std::to_string(candidates.size())}));
    view.Set("candidates", std::move(candidates));
    if (!server::Audit(call, "offer.candidates", id).ok()) return ErrorPage(call, 503, "error.store");
  } else if (!server::Audit(call, "offer.view", id).ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  if (server::RoleCan(call.role, server::Capability::kOfferWrite)) {
    view.Set("edit_href", "/offres/" + id + "/modifier");
  }
  PageOptions options;
  const std::string saved = call.req->get_param_value("enregistre");
  if (saved == "1") options.notice = T("offerform.saved");
  if (saved == "2") options.notice = T("offerform.created", {id});
  return PageTitled(call, T("title.offer", {id, offer.title}), Render("offer_view", view), options);
}

Reply OfferDecisionSubmit(const Services&, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kOffer, id)) return PageRefusal(*out, call);
  Form form = Form::Parse(*call.req);
  return SaveDecision(call, form.Get("demandeur"), id, form, "/offres/" + id);
}

}  // namespace skillmatch::pages
