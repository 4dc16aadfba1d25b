// Sign in and out, the home page of each role, the assets; and the table of
// the page routes.
#include <algorithm>
#include <cstdlib>

#include "french.h"
#include "handlers.h"
#include "pages.h"
#include "skillmatch/model/date.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

constexpr int kHomeJobseekers = 50;
constexpr int kHomeDecisions = 10;
constexpr int kExpiringDays = 14;
constexpr int kIdleDays = 30;

Reply LoginPage(Call& call, int status, const std::string& error,
                const std::string& login) {
  View view;
  view.Set("login", login);
  if (!error.empty()) view.Set("error", error);
  PageOptions options;
  options.status = status;
  return Page(call, "title.login", Render("login", view), options);
}

std::string ShownDate(const std::string& iso) {
  return FormatDate(iso).value_or(iso);
}

// Counsellors and supervisors: their scope's jobseekers (the agency's, or a
// regional supervisor's region's, as the API's lists), the recent
// decisions, and the alerts.
Result<Html> CounsellorHome(const Services& s, Call& call) {
  View view;
  view.Set("csrf", call.session_csrf);
  // "Mes demandeurs" (page_notes.cc): the counsellor's own, then the
  // agency's that nobody follows; a supervisor's, its scope's.
  SKILLMATCH_ASSIGN_OR_RETURN(groups, HomeGroups(call, kHomeJobseekers));
  List idle;
  const std::string today = Today(call).ToString();
  std::optional<engine::Date> today_date = engine::Date::Parse(today);
  Html mine;
  for (const HomeGroup& group : groups) {
    List jobseekers;
    for (const auto& [id, counsellor] : group.rows) {
      SKILLMATCH_ASSIGN_OR_RETURN(profile, call.store->GetProfile(id));
      SKILLMATCH_ASSIGN_OR_RETURN(decisions, call.store->ListDecisions({id, ""}));
      View row;
      row.Set("id", id).Set("href", "/demandeurs/" + id);
      row.Set("target", profile.target_occupations.empty()
                            ? T("js.none")
                            : OccupationLabel(s, profile.target_occupations[0]));
      row.Set("region", profile.location.region.empty() ? T("js.none") : profile.location.region);
      row.Set("counsellor", counsellor);
      row.Set("last", decisions.empty() ? T("decision.none")
                                        : DecisionLabel(decisions.back().status) + " · " +
                                              ShownDate(decisions.back().decided_at));
      jobseekers.push_back(std::move(row));
      // The last proposal (any decision proposes, retains or sets aside an
      // offer for this person).
      std::string last;
      for (const engine::Decision& d : decisions) last = std::max(last, d.decided_at);
      bool recent = false;
      if (!last.empty() && today_date) {
        std::optional<engine::Date> day = engine::Date::Parse(last.substr(0, 10));
        recent = day && today_date->days_since_epoch() - day->days_since_epoch() < kIdleDays;
      }
      if (!recent) {
        View item;
        item.Set("id", id).Set("href", "/demandeurs/" + id);
        item.Set("since", last.empty() ? T("home.idle.never")
                                       : T("home.idle.since", {ShownDate(last)}));
        idle.push_back(std::move(item));
      }
    }
    View table;
    table.Set("jobseekers", std::move(jobseekers)).Set("caption", group.caption)
        .Set("none", group.none).Set("supervisor", group.supervisor);
    if (!group.title.empty()) mine += Render("home_subtitle", View().Set("title", group.title));
    mine += Render("home_mine", table);
  }
  view.Set("mine", mine);
  SKILLMATCH_ASSIGN_OR_RETURN(actions, HomeActions(call));
  view.Set("actions", actions);
  view.Set("idle", std::move(idle));

  // Recent decisions of the agency, newest first.
  SKILLMATCH_ASSIGN_OR_RETURN(all, call.store->ListDecisions({}));
  List decisions;
  for (auto it = all.rbegin(); it != all.rend() && decisions.size() < kHomeDecisions; ++it) {
    Result<std::string> in = call.store->GetAgency(AgencyRecord::kProfile, it->profile_id);
    if (!in.ok() || !server::InAgencies(call, *in)) continue;
    View row;
    row.Set("date", ShownDate(it->decided_at))
        .Set("profile", it->profile_id)
        .Set("profile_href", "/demandeurs/" + it->profile_id)
        .Set("offer", it->offer_id)
        .Set("status", DecisionLabel(it->status))
        .Set("by", it->counsellor);
    decisions.push_back(std::move(row));
  }
  view.Set("decisions", std::move(decisions));

  // Offers expiring within 14 days (not yet expired).
  List expiring;
  std::string horizon = today;
  if (today_date) {
    horizon = engine::Date::FromDaysSinceEpoch(today_date->days_since_epoch() + kExpiringDays)
                  .ToString();
  }
  std::vector<engine::Offer> soon;
  for (const std::string& agency : call.agencies) {
    SKILLMATCH_RETURN_IF_ERROR(call.store->ForEachAgencyOffer(agency, [&](engine::Offer&& offer) {
      if (offer.expires && *offer.expires >= today && *offer.expires <= horizon) {
        soon.push_back(std::move(offer));
      }
      return Status::Ok();
    }));
  }
  std::sort(soon.begin(), soon.end(), [](const engine::Offer& a, const engine::Offer& b) {
    return std::tie(*a.expires, a.id) < std::tie(*b.expires, b.id);
  });
  for (const engine::Offer& offer : soon) {
    View row;
    row.Set("id", offer.id).Set("href", "/offres/" + offer.id)
        .Set("title", offer.title).Set("employer", offer.employer)
        .Set("expires", ShownDate(*offer.expires));
    expiring.push_back(std::move(row));
  }
  view.Set("expiring", std::move(expiring));
  // The list names jobseekers: audited like the API's list.
  SKILLMATCH_RETURN_IF_ERROR(server::Audit(call, "jobseeker.list", ""));
  view.Set("new_offer", server::RoleCan(call.role, server::Capability::kOfferWrite));
  return Render("home_counsellor", view);
}

Result<Html> OffersHome(const Services&, Call& call, const std::string& review = "") {
  View view;
  if (!review.empty()) view.Set("review", review);
  SKILLMATCH_ASSIGN_OR_RETURN(
      ids, call.store->ListScopeIds(AgencyRecord::kOffer, call.agencies, "", 50));
  List offers;
  for (const std::string& id : ids) {
    SKILLMATCH_ASSIGN_OR_RETURN(offer, call.store->GetOffer(id));
    View row;
    row.Set("id", offer.id).Set("href", "/offres/" + offer.id)
        .Set("title", offer.title).Set("employer", offer.employer)
        .Set("expires", offer.expires ? ShownDate(*offer.expires) : T("offers.no_expiry"));
    offers.push_back(std::move(row));
  }
  view.Set("offers", std::move(offers));
  // Counsellors and supervisors have the link in their own section above.
  view.Set("new_offer", server::RoleCan(call.role, server::Capability::kOfferWrite) &&
                            !server::RoleCan(call.role, server::Capability::kJobseekerRead));
  return Render("home_offers", view);
}

Result<Html> StatisticianHome(Call& call) {
  View view;
  SKILLMATCH_ASSIGN_OR_RETURN(people, call.store->CountByAgency(AgencyRecord::kProfile));
  SKILLMATCH_ASSIGN_OR_RETURN(offers, call.store->CountByAgency(AgencyRecord::kOffer));
  std::map<std::string, std::pair<int64_t, int64_t>> counts;
  for (const auto& c : people) counts[c.table].first = c.rows;
  for (const auto& c : offers) counts[c.table].second = c.rows;
  // Under 5: suppressed, as the API's /stats.
  auto shown = [](int64_t n) {
    return n < 5 ? T("home.stats.suppressed") : FormatInteger(n);
  };
  List rows;
  for (const auto& [agency, pair] : counts) {
    View row;
    row.Set("agency", agency.empty() ? T("js.none") : agency)
        .Set("jobseekers", shown(pair.first))
        .Set("offers", shown(pair.second));
    rows.push_back(std::move(row));
  }
  view.Set("rows", std::move(rows));
  return Render("home_statistician", view);
}

Result<Html> AdminHome(Call& call) {
  View view;
  SKILLMATCH_ASSIGN_OR_RETURN(accounts, call.store->ListAccounts());
  List rows;
  for (const engine::Account& a : accounts) {
    View row;
    row.Set("login", a.login)
        .Set("role", T("role." + a.role))
        .Set("agency", a.agency.empty() ? T("js.none") : a.agency)
        .Set("state", a.disabled ? T("home.disabled") : T("home.active"));
    rows.push_back(std::move(row));
  }
  view.Set("accounts", std::move(rows));
  return Render("home_admin", view);
}

Result<Html> AuditorHome(Call& call) {
  View view;
  SKILLMATCH_ASSIGN_OR_RETURN(head, call.store->AuditHead());
  const int64_t after = std::max<int64_t>(0, head.first - 20);
  SKILLMATCH_ASSIGN_OR_RETURN(entries, call.store->ListAudit(after, 20));
  List rows;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    View row;
    row.Set("id", FormatInteger(it->id)).Set("at", it->at).Set("actor", it->actor)
        .Set("action", it->action).Set("record", it->record);
    rows.push_back(std::move(row));
  }
  view.Set("entries", std::move(rows));
  SKILLMATCH_RETURN_IF_ERROR(server::Audit(call, "audit.read", ""));
  return Render("home_auditor", view);
}

}  // namespace

Reply Root(const Services&, Call& call) {
  return Redirect(call.account ? "/accueil" : "/connexion");
}

Reply LoginForm(const Services&, Call& call) {
  if (call.account) return Redirect("/accueil");
  return LoginPage(call, 200, "", "");
}

Reply LoginSubmit(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string login = form.Get("login");
  const std::string password = form.Get("password");
  if (login.empty() || password.empty()) {
    return LoginPage(call, 422, T("login.invalid"), login);
  }
  // The second factor's field is optional on the form: only admins and
  // supervisors enrolled in TOTP need it (the API says which is missing).
  std::optional<std::string> code;
  if (std::string typed = form.Get("code"); !typed.empty()) code = typed;
  Reply signed_in = server::SignIn(s, call, login, password, code);
  if (signed_in.status == 200) {
    // A temporary password: straight to « Mon compte », where it is changed.
    const bool temporary = call.account && call.account->password_change_required;
    Reply reply = Redirect(temporary ? "/compte" : "/accueil");
    for (const auto& header : signed_in.headers) reply.headers.push_back(header);
    return reply;
  }
  if (signed_in.status == 429) {
    std::string wait = "30";
    for (const auto& [name, value] : signed_in.headers) {
      if (name == "Retry-After") wait = value;
    }
    Reply reply = LoginPage(call, 429, TN("login.throttled", std::atoll(wait.c_str()), {wait}), login);
    reply.headers.emplace_back("Retry-After", wait);
    return reply;
  }
  if (signed_in.status == 401 || signed_in.status == 422) {
    // The typed login is shown back (it is the counsellor's own), never
    // the password.
    call.account.reset();
    return LoginPage(call, signed_in.status, T("login.bad"), login);
  }
  return ErrorPage(call, signed_in.status, "error.store");
}

Reply LogoutSubmit(const Services& s, Call& call) {
  Reply signed_out = server::SignOut(s, call);
  if (signed_out.status != 204) return ErrorPage(call, signed_out.status, "error.store");
  Reply reply = Redirect("/connexion");
  for (const auto& header : signed_out.headers) reply.headers.push_back(header);
  return reply;
}

Reply Home(const Services& s, Call& call) {
  Result<Html> content = Status::Ok();
  using server::Capability;
  if (server::RoleCan(call.role, Capability::kJobseekerRead) && !call.account->agency.empty()) {
    content = CounsellorHome(s, call);
    if (content.ok() && server::RoleCan(call.role, Capability::kReview)) {
      Result<std::vector<engine::ReviewItem>> review = call.store->ListOffersToReview("", 0);
      if (review.ok()) {
        int64_t mine = 0;
        for (const auto& item : *review) {
          Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, item.offer_id);
          if (agency.ok() && server::InAgencies(call, *agency)) ++mine;
        }
        Result<Html> offers = OffersHome(s, call, T("home.review", {FormatInteger(mine)}));
        if (offers.ok()) {
          Html both = *content;
          both += *offers;
          content = both;
        }
      }
    }
  } else if (server::RoleCan(call.role, Capability::kOfferRead) && !call.account->agency.empty()) {
    content = OffersHome(s, call);
  } else if (server::RoleCan(call.role, Capability::kStatistics)) {
    content = StatisticianHome(call);
  } else if (server::RoleCan(call.role, Capability::kAccounts)) {
    content = AdminHome(call);
  } else if (server::RoleCan(call.role, Capability::kAudit)) {
    content = AuditorHome(call);
  } else {
    return ErrorPage(call, 403, "error.forbidden");
  }
  if (!content.ok()) return ErrorPage(call, 503, "error.store");
  PageOptions options;
  options.nav = "accueil";
  options.notice = T("home.hello", {call.account->login, call.account->agency.empty()
                                                             ? T("js.none")
                                                             : call.account->agency});
  return Page(call, "title.home", *content, options);
}

Reply Asset(const Services&, Call& call) {
  const auto& assets = Assets();
  auto it = assets.find(call.params[0]);
  if (it == assets.end()) {
    Reply reply;
    reply.status = 404;
    reply.content_type = "text/plain; charset=utf-8";
    reply.text = "not found";
    return reply;
  }
  const std::string_view name = it->first;
  Reply reply;
  reply.content_type = name.ends_with(".css")   ? "text/css; charset=utf-8"
                       : name.ends_with(".svg") ? "image/svg+xml"
                                                : "text/javascript; charset=utf-8";
  reply.text = std::string(it->second);
  return reply;
}

const std::vector<server::Route>& PageRoutes() {
  using C = server::Capability;
  // Fixed paths before the patterns they would match ("nouveau" is not an
  // id). `personal`: the page names a jobseeker.
  static const std::vector<server::Route> routes = {
      {"GET", "/", C::kPublic, Root, false},
      {"GET", "/assets/{name}", C::kPublic, Asset, false},
      {"GET", "/connexion", C::kPublic, LoginForm, false},
      {"POST", "/connexion", C::kPublic, LoginSubmit, false},
      // The last field: open to an account whose password is temporary.
      {"POST", "/deconnexion", C::kSignedIn, LogoutSubmit, false, true},
      {"GET", "/accueil", C::kSignedIn, Home, true},
      {"POST", "/demandeurs/recherche", C::kJobseekerRead, JobseekerSearch, true},
      {"GET", "/demandeurs/nouveau", C::kJobseekerWrite, JobseekerNewForm, true},
      {"POST", "/demandeurs/nouveau", C::kJobseekerWrite, JobseekerCreate, true},
      // page_exports.cc: before /demandeurs/{id}, which "liste" would match.
      {"GET", "/demandeurs/liste", C::kJobseekerRead, JobseekerListForm, true},
      {"GET", "/demandeurs/{id}", C::kJobseekerRead, JobseekerView, true},
      {"GET", "/demandeurs/{id}/modifier", C::kJobseekerWrite, JobseekerEditForm, true},
      {"POST", "/demandeurs/{id}/modifier", C::kJobseekerWrite, JobseekerUpdate, true},
      {"GET", "/demandeurs/{id}/offres", C::kMatchJobseeker, RecommendedOffers, true},
      {"POST", "/demandeurs/{id}/decisions", C::kDecide, DecisionSubmit, true},
      {"GET", "/demandeurs/{id}/fiche", C::kJobseekerRead, PrintableSheet, true},
      {"GET", "/offres/nouvelle", C::kOfferWrite, OfferNewForm, false},  // before /offres/{id}
      {"GET", "/offres/{id}", C::kOfferRead, OfferView, true},
      {"POST", "/offres/{id}/decisions", C::kDecide, OfferDecisionSubmit, true},
      {"GET", "/verifier", C::kReview, ReviewQueue, false},
      {"POST", "/verifier/{id}", C::kReview, ReviewSubmit, false},
      {"POST", "/metiers/recherche", C::kTaxonomy, OccupationSearch, false},
      // page_import.cc: offers carry no personal data.
      {"GET", "/import", C::kOfferWrite, ImportPage, false},
      {"POST", "/import", C::kOfferWrite, ImportSubmit, false},
      {"GET", "/import/rapports/{id}", C::kOfferWrite, ImportReport, false},
      // page_mobility.cc: the rules of GET /api/v1/jobseekers/{id}/mobility.
      {"GET", "/demandeurs/{id}/mobilite", C::kMatchJobseeker, MobilityForm, true},
      {"POST", "/demandeurs/{id}/mobilite", C::kMatchJobseeker, MobilityAssess, true},
      {"POST", "/demandeurs/{id}/mobilite/fiche", C::kMatchJobseeker, MobilitySheet, true},
      {"POST", "/demandeurs/{id}/mobilite/decisions", C::kDecide, MobilityDecide, true},
      {"POST", "/demandeurs/{id}/mobilite/suivi", C::kDecide, MobilityFollowUp, true},
      {"GET", "/statistiques", C::kStatistics, StatsPage, false},
      {"GET", "/statistiques/tableau-de-bord", C::kStatistics, StatsDashboard, false},
      {"GET", "/statistiques/export/{name}", C::kStatistics, StatsExport, false},
      // page_exports.cc: the personal exports (the list's GET is above).
      {"POST", "/demandeurs/liste", C::kJobseekerRead, JobseekerListSubmit, true},
      {"POST", "/demandeurs/liste/export", C::kJobseekerRead, JobseekerListExport, true},
      {"GET", "/offres/{id}/export/csv", C::kShortlist, ShortlistExportCsv, true},
      {"GET", "/offres/{id}/export/xlsx", C::kShortlist, ShortlistExportXlsx, true},
      {"GET", "/demandeurs/{id}/reorientation", C::kMatchJobseeker, ReorientationView, true},
      {"GET", "/demandeurs/{id}/reorientation/fiche", C::kMatchJobseeker, ReorientationSheet, true},
      {"POST", "/demandeurs/{id}/reorientation/cible", C::kJobseekerWrite, ReorientationAddTarget, true},
      // The offer form (page_offerform.cc); GET /offres/nouvelle is above.
      {"POST", "/offres/nouvelle", C::kOfferWrite, OfferCreate, false},
      {"GET", "/offres/{id}/modifier", C::kOfferWrite, OfferEditForm, false},
      {"POST", "/offres/{id}/modifier", C::kOfferWrite, OfferUpdate, false},
      {"POST", "/offres/metier", C::kOfferWrite, OfferOccupationChoices, false},
      {"POST", "/offres/competences", C::kOfferWrite, OfferSkillChecklist, false},
      {"POST", "/offres/competences/recherche", C::kOfferWrite, OfferSkillSearch, false},
      {"POST", "/offres/{id}/etapes", C::kShortlist, OfferStageSubmit, true},
      // page_notes.cc: the counsellor's follow-up (notes, next actions, who
      // follows whom). Fixed paths before the pattern.
      {"POST", "/demandeurs/{id}/notes/fait", C::kJobseekerWrite, NoteDone, true},
      {"POST", "/demandeurs/{id}/notes", C::kJobseekerWrite, NoteSubmit, true},
      {"POST", "/demandeurs/{id}/conseiller", C::kAssign, AssignSubmit, true},
      // page_import.cc: an import's progress, then its result (its author
      // and the agency's supervisors only).
      {"GET", "/import/suivi/{id}", C::kOfferWrite, ImportJobPage, false},
      {"GET", "/import/suivi/{id}/etat", C::kOfferWrite, ImportJobStatus, false},
      // page_admin.cc: accounts, agencies and roles; admins only, no
      // personal record.
      {"GET", "/administration", C::kAccounts, AdminIndex, false},
      {"GET", "/administration/comptes", C::kAccounts, AdminAccounts, false},
      {"GET", "/administration/comptes/nouveau", C::kAccounts, AdminAccountNewForm, false},
      {"POST", "/administration/comptes/nouveau", C::kAccounts, AdminAccountCreate, false},
      {"GET", "/administration/comptes/{id}", C::kAccounts, AdminAccountView, false},
      {"POST", "/administration/comptes/{id}/role", C::kAccounts, AdminAccountRole, false},
      {"POST", "/administration/comptes/{id}/etat", C::kAccounts, AdminAccountState, false},
      {"POST", "/administration/comptes/{id}/mot-de-passe", C::kAccounts, AdminAccountPassword,
       false},
      {"GET", "/administration/agences", C::kAccounts, AdminAgencies, false},
      {"POST", "/administration/agences", C::kAccounts, AdminAgencyCreate, false},
      {"GET", "/administration/agences/{name}", C::kAccounts, AdminAgencyView, false},
      {"POST", "/administration/agences/{name}", C::kAccounts, AdminAgencyUpdate, false},
      {"GET", "/administration/roles", C::kAccounts, AdminRoles, false},
      {"POST", "/administration/comptes/{id}/double-facteur", C::kAccounts,
       AdminAccountSecondFactor, false},
      // page_account.cc: one's own account, no id in the path.
      {"GET", "/compte", C::kSignedIn, AccountView, false, true},
      {"POST", "/compte/mot-de-passe", C::kSignedIn, AccountPasswordSubmit, false, true},
      {"POST", "/compte/double-facteur", C::kSignedIn, AccountTotpStart, false},
      {"POST", "/compte/double-facteur/confirmer", C::kSignedIn, AccountTotpConfirm, false},
      // page_audit.cc: the audit trail (auditors); criteria in the body.
      {"GET", "/journal", C::kAudit, AuditLog, false},
      {"POST", "/journal", C::kAudit, AuditLogSearch, false},
      {"POST", "/journal/verification", C::kAudit, AuditLogVerify, false},
      {"POST", "/journal/export", C::kAudit, AuditLogExport, false},
  };
  return routes;
}

}  // namespace skillmatch::pages
