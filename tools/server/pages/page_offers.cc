// Recommended offers for a jobseeker (ranked, each score broken down by
// block in numbers and words, skills held / partly held / missing, the
// occupation's reason, the offers the hard filters set aside and why), the
// counsellor's decision on each, and the printable sheet.
#include <algorithm>
#include <cmath>
#include <map>

#include "french.h"
#include "handlers.h"
#include "offer_cache.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/model/model_json.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

constexpr int kTop = 10;
constexpr int kFilteredShown = 10;
constexpr size_t kMaxReason = 2000;

std::string Place(const engine::Offer& offer) {
  std::string out, last;
  for (const std::string& part : {offer.location.city, offer.location.region, offer.location.country}) {
    if (part.empty() || part == last) continue;  // "Dakar, Dakar"
    out += (out.empty() ? "" : ", ") + part;
    last = part;
  }
  return out.empty() ? T("js.none") : out;
}

// The catalogue id of a proximity reason (the engine's names are English
// phrases for logs and JSON).
std::string ReasonId(engine::ProximityReason reason) {
  using R = engine::ProximityReason;
  switch (reason) {
    case R::kSame: return "reason.same";
    case R::kCloseMobility: return "reason.close_mobility";
    case R::kEvolutionMobility: return "reason.evolution_mobility";
    case R::kSkillProfile: return "reason.skill_profile";
    case R::kSameArea: return "reason.same_area";
    case R::kSameDomain: return "reason.same_domain";
    case R::kNone: break;
  }
  return "reason.none";
}

std::string Expiry(const engine::Offer& offer) {
  return offer.expires ? T("offers.expires", {FormatDate(*offer.expires).value_or(*offer.expires)})
                       : T("offers.no_expiry");
}

std::string SkillText(const Services& s, const engine::SkillMatch& m) {
  std::string text = SkillLabel(s, m.skill_id) + " (" +
                     (m.essential ? T("offers.essential") : T("offers.optional"));
  if (m.required_level > 0) text += ", " + T("offers.level", {std::to_string(m.required_level)});
  if (!m.via.empty()) text += ", " + T("offers.via", {SkillLabel(s, m.via)});
  return text + ")";
}

List Skills(const Services& s, const std::vector<engine::SkillMatch>& list) {
  List out;
  for (const auto& m : list) {
    View v;
    v.Set("text", SkillText(s, m));
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

// The score of one pair explained: blocks in points and percent (the bar
// is beside the number, never alone), the occupation's reason, the skills.
Html ScoreDetail(const Services& s, const engine::Explanation& why, const std::string& caption) {
  View v;
  v.Set("blocks_caption", caption);
  List blocks;
  for (const auto& b : why.blocks) {
    View row;
    const double share = b.weight > 0 ? b.contribution / b.weight : 0;
    row.Set("name", T("block." + std::string(engine::ToString(b.block))))
        .Set("points", FormatDecimal(b.contribution * 100.0, 1))
        .Set("max", FormatDecimal(b.weight * 100.0, 1))
        .Set("share", FormatPercent(share))
        .Set("width", std::to_string(static_cast<int>(std::lround(std::clamp(share, 0.0, 1.0) * 20)) * 5));
    if (b.no_data) row.Set("note", T("offers.no_data"));
    if (b.no_requirement) row.Set("note", T("offers.no_requirement"));
    blocks.push_back(std::move(row));
  }
  v.Set("blocks", std::move(blocks));
  if (!why.closest_occupation.empty()) {
    v.Set("occupation_reason",
          T("offers.occupation",
            {T(ReasonId(why.proximity_reason)),
             OccupationLabel(s, why.closest_occupation), why.closest_occupation}));
  } else {
    v.Set("occupation_reason", T("offers.no_occupation"));
  }
  v.Set("held", Skills(s, why.matched)).Set("partial", Skills(s, why.partial))
      .Set("missing", Skills(s, why.missing));
  return Render("score_detail", v);
}

namespace {

// The most recent decision on each offer for this jobseeker.
std::map<std::string, engine::Decision> LastDecisions(const std::vector<engine::Decision>& all) {
  std::map<std::string, engine::Decision> last;
  for (const auto& d : all) last[d.offer_id] = d;  // oldest first: the last wins
  return last;
}

View OfferView(const Services& s, const Call& call, const std::string& profile_id,
               const engine::Offer& offer, const engine::Explanation& why, int rank,
               const std::map<std::string, engine::Decision>& decided) {
  View v;
  const std::string anchor = "offre-" + std::to_string(rank);
  v.Set("anchor", anchor).Set("offer_id", offer.id).Set("csrf", call.session_csrf);
  v.Set("rank_text", T("offers.rank", {std::to_string(rank)}));
  v.Set("title", offer.title).Set("employer", offer.employer).Set("place", Place(offer));
  v.Set("contract", offer.contract ? T("contract." + std::string(engine::ToString(*offer.contract)))
                                   : T("js.any_contract"));
  v.Set("expires", Expiry(offer));
  v.Set("score_text", T("offers.score", {FormatDecimal(why.score * 100.0, 0)}));
  v.Set("detail", ScoreDetail(s, why, T("offers.blocks", {offer.title})));
  auto it = decided.find(offer.id);
  if (it != decided.end()) {
    v.Set("decided", T("offers.already", {DecisionLabel(it->second.status),
                                          FormatDate(it->second.decided_at).value_or("")}));
  }
  v.Set("decide_action", "/demandeurs/" + profile_id + "/decisions");
  v.Set("decide_legend", T("offers.decide", {offer.title}));
  List choices;
  for (const char* status : {"proposed", "accepted", "refused"}) {
    View c;
    c.Set("value", status).Set("label", T(std::string("offers.choice.") + status))
        .Set("checked", false);
    choices.push_back(std::move(c));
  }
  v.Set("choices", std::move(choices));
  return v;
}

}  // namespace

Reply RecommendedOffers(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id)) return PageRefusal(*out, call);
  Result<engine::Profile> profile = call.store->GetProfile(id);
  if (!profile.ok()) return ErrorPage(call, 503, "error.store");
  // Never waits for a build (offer_cache.h): while an agency's first index
  // is being built, the page says so and asks to come back. The offers of
  // every agency in the caller's scope (a regional supervisor's region), each
  // agency's index ranked on its own and the lists merged by score, ties by
  // offer id: the API's OffersForJobseeker.
  struct Ranked {
    double score;
    std::string offer;
  };
  std::vector<Ranked> ranked;
  int64_t retry_after = 0;
  for (const std::string& agency : call.agencies) {
    server::OfferIndexCache::Lookup index = s.offer_indexes->Get(agency);
    if (!index.index) {
      retry_after = std::max(retry_after, index.retry_after_s);
      continue;
    }
    // A few more than shown: the cached index may hold offers since deleted
    // or moved to another agency, skipped below as the API does.
    for (const engine::Hit& hit : index.index->TopK(*profile, kTop + 10)) {
      ranked.push_back({hit.score, index.index->id(hit.index)});
    }
  }
  if (retry_after > 0) {
    Reply reply = ErrorPage(call, 503, "error.index_building");
    reply.headers.emplace_back("Retry-After", std::to_string(retry_after));
    return reply;
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : a.offer < b.offer;
  });
  Result<std::vector<engine::Decision>> decisions = call.store->ListDecisions({id, ""});
  if (!decisions.ok()) return ErrorPage(call, 503, "error.store");
  const auto decided = LastDecisions(*decisions);
  List offers;
  for (const Ranked& hit : ranked) {
    if (static_cast<int>(offers.size()) >= kTop) break;
    const std::string& offer_id = hit.offer;
    Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, offer_id);
    if (!agency.ok() || !server::InAgencies(call, *agency)) continue;
    Result<engine::Offer> offer = call.store->GetOffer(offer_id);
    if (!offer.ok()) continue;
    engine::Explanation why = s.scorer->Explain(*profile, *offer);
    offers.push_back(OfferView(s, call, id, *offer, why, static_cast<int>(offers.size()) + 1, decided));
  }
  // Offers of a target occupation or a close one that a hard filter sets
  // aside: the counsellor sees why (mobility, licence...) and can act on it.
  struct Filtered {
    float proximity;
    std::string id, title, why;
  };
  std::vector<Filtered> filtered;
  std::vector<classification::NodeIndex> targets;
  for (const std::string& code : profile->target_occupations) {
    auto node = s.taxonomy->FindNode(code);
    if (node != classification::kNoNode) targets.push_back(node);
  }
  Status scanned = Status::Ok();
  for (const std::string& scope_agency : call.agencies) {
    scanned = call.store->ForEachAgencyOffer(scope_agency, [&](engine::Offer&& offer) {
    engine::FilterReason reason = s.scorer->Filter(*profile, offer);
    if (reason == engine::FilterReason::kNone) return Status::Ok();
    auto node = s.taxonomy->FindNode(offer.occupation);
    float best = 0;
    for (auto target : targets) {
      if (node != classification::kNoNode) best = std::max(best, s.scorer->Proximity(target, node));
    }
    if (best >= 0.5f) {
      filtered.push_back({best, offer.id, offer.title,
                          T("filter." + std::string(engine::ToString(reason)))});
    }
    return Status::Ok();
  });
    if (!scanned.ok()) break;
  }
  if (!scanned.ok()) return ErrorPage(call, 503, "error.store");
  std::sort(filtered.begin(), filtered.end(), [](const Filtered& a, const Filtered& b) {
    return a.proximity != b.proximity ? a.proximity > b.proximity : a.id < b.id;
  });
  List filtered_rows;
  for (size_t i = 0; i < filtered.size() && i < kFilteredShown; ++i) {
    View row;
    row.Set("id", filtered[i].id).Set("title", filtered[i].title).Set("why", filtered[i].why);
    filtered_rows.push_back(std::move(row));
  }
  if (!server::Audit(call, "jobseeker.match", id).ok()) return ErrorPage(call, 503, "error.store");
  View view;
  view.Set("profile_href", "/demandeurs/" + id).Set("sheet_href", "/demandeurs/" + id + "/fiche");
  view.Set("mobility_href", "/demandeurs/" + id + "/mobilite")
      .Set("reorientation_href", "/demandeurs/" + id + "/reorientation");
  view.Set("summary", TN("offers.summary", static_cast<int64_t>(offers.size()), {std::to_string(offers.size())}));
  view.Set("offers", std::move(offers)).Set("filtered", std::move(filtered_rows));
  return PageTitled(call, T("title.offers", {id}), Render("offers", view));
}

Reply SaveDecision(Call& call, const std::string& profile_id, const std::string& offer_id,
                   const Form& form, const std::string& back) {
  engine::Decision decision;
  decision.profile_id = profile_id;
  decision.offer_id = offer_id;
  decision.status = form.Get("statut");
  decision.reason = form.Get("motif");
  std::string problem;
  if (!engine::IsDecisionStatus(decision.status)) {
    problem = T("offers.choose");
  } else if (decision.status == engine::kDecisionRefused &&
             decision.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    problem = T("offers.reason_needed");
  } else if (decision.reason.size() > kMaxReason) {
    problem = T("offers.reason_long");
  }
  if (!problem.empty()) {
    View view;
    view.Set("class", "erreur").Set("message", problem);
    // htmx swaps 2xx answers only: the error is a 200 fragment for htmx.
    if (IsHtmx(call)) return Fragment(Render("decision_recorded", view));
    PageOptions options;
    options.status = 422;
    return Page(call, "title.error", Render("decision_recorded", view), options);
  }
  // Both records in the caller's agency (404 alike for another's).
  if (auto out = server::InScope(call, AgencyRecord::kProfile, profile_id)) {
    return PageRefusal(*out, call);
  }
  if (auto out = server::InScope(call, AgencyRecord::kOffer, offer_id)) {
    return PageRefusal(*out, call);
  }
  decision.counsellor = call.account->login;
  Result<int64_t> recorded = call.store->RecordDecision(decision);
  if (!recorded.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "decision.create", profile_id).ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  View view;
  view.Set("class", "avis").Set("message", T("offers.recorded", {DecisionLabel(decision.status)}));
  if (IsHtmx(call)) return Fragment(Render("decision_recorded", view));
  return Redirect(back);
}

Reply DecisionSubmit(const Services&, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id)) return PageRefusal(*out, call);
  Form form = Form::Parse(*call.req);
  return SaveDecision(call, id, form.Get("offre"), form, "/demandeurs/" + id + "/offres");
}

Reply PrintableSheet(const Services&, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id)) return PageRefusal(*out, call);
  Result<std::vector<engine::Decision>> decisions = call.store->ListDecisions({id, ""});
  if (!decisions.ok()) return ErrorPage(call, 503, "error.store");
  List rows;
  for (const auto& [offer_id, d] : LastDecisions(*decisions)) {
    if (d.status == engine::kDecisionRefused) continue;
    if (server::InScope(call, AgencyRecord::kOffer, offer_id)) continue;
    Result<engine::Offer> offer = call.store->GetOffer(offer_id);
    if (!offer.ok()) continue;
    View row;
    row.Set("id", offer->id).Set("title", offer->title).Set("employer", offer->employer)
        .Set("place", Place(*offer))
        .Set("expires", offer->expires ? FormatDate(*offer->expires).value_or("") : T("offers.no_expiry"))
        .Set("status", DecisionLabel(d.status));
    rows.push_back(std::move(row));
  }
  if (!server::Audit(call, "jobseeker.sheet", id).ok()) return ErrorPage(call, 503, "error.store");
  View view;
  view.Set("profile_href", "/demandeurs/" + id);
  view.Set("intro", T("sheet.intro", {id, FormatDay(call.now)}));
  view.Set("offers", std::move(rows));
  PageOptions options;
  options.print = true;
  return PageTitled(call, T("title.sheet", {id}), Render("sheet", view), options);
}

}  // namespace skillmatch::pages
