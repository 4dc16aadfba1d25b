// The page handlers, by screen file; the table is PageRoutes()
// (page_session.cc). Private to tools/server/pages.
#pragma once

#include "kit.h"
#include "pages.h"
#include "routes.h"
#include "skillmatch/match/scoring.h"

namespace skillmatch::pages {

using server::Call;
using server::Reply;
using server::Services;

// page_session.cc: sign in and out, the home page of each role, assets.
Reply Root(const Services& s, Call& call);
Reply LoginForm(const Services& s, Call& call);
Reply LoginSubmit(const Services& s, Call& call);
Reply LogoutSubmit(const Services& s, Call& call);
Reply Home(const Services& s, Call& call);
Reply Asset(const Services& s, Call& call);

// page_jobseeker.cc: the jobseeker's file.
Reply JobseekerSearch(const Services& s, Call& call);
Reply JobseekerView(const Services& s, Call& call);
Reply JobseekerNewForm(const Services& s, Call& call);
Reply JobseekerCreate(const Services& s, Call& call);
Reply JobseekerEditForm(const Services& s, Call& call);
Reply JobseekerUpdate(const Services& s, Call& call);
Reply OccupationSearch(const Services& s, Call& call);

// page_offers.cc: recommended offers, decisions, the printable sheet.
Reply RecommendedOffers(const Services& s, Call& call);
Reply DecisionSubmit(const Services& s, Call& call);
Reply PrintableSheet(const Services& s, Call& call);

// page_offer.cc: the fiche offre, its shortlist and recommended candidates.
Reply OfferView(const Services& s, Call& call);
Reply OfferDecisionSubmit(const Services& s, Call& call);

// page_review.cc: offres à vérifier (supervisors).
Reply ReviewQueue(const Services& s, Call& call);
Reply ReviewSubmit(const Services& s, Call& call);

// page_import.cc: upload an offer file, draft or give its mapping, import,
// the summary and the row-by-row report.
Reply ImportPage(const Services& s, Call& call);
Reply ImportSubmit(const Services& s, Call& call);
Reply ImportReport(const Services& s, Call& call);
// The import's progress page (polls the state every second) and its state
// (an htmx fragment: the progress, then the result, answered with 286 so
// that htmx stops polling).
Reply ImportJobPage(const Services& s, Call& call);
Reply ImportJobStatus(const Services& s, Call& call);

// page_stats.cc: statistiques (aggregates only): the page, the dashboard,
// the CSV export of a table.
Reply StatsPage(const Services& s, Call& call);
Reply StatsDashboard(const Services& s, Call& call);
Reply StatsExport(const Services& s, Call& call);

// Shared by the screens (page_offers.cc): the explained score of a pair;
// a decision read from a form and recorded (checks, audit), answered as an
// htmx fragment or a redirection to `back`.
Html ScoreDetail(const Services& s, const engine::Explanation& why, const std::string& caption);
Reply SaveDecision(Call& call, const std::string& profile_id, const std::string& offer_id,
                   const Form& form, const std::string& back);

// Labels shared by the screens.
std::string OccupationLabel(const Services& s, const std::string& code);
std::string SkillLabel(const Services& s, const std::string& id);
std::string DecisionLabel(const std::string& status);
std::string LanguageName(const std::string& code);

// page_mobility.cc: projet de mobilité (issue 17): assess a migration
// project, the advice sheet, the decision and its follow-up.
Reply MobilityForm(const Services& s, Call& call);
Reply MobilityAssess(const Services& s, Call& call);
Reply MobilitySheet(const Services& s, Call& call);
Reply MobilityDecide(const Services& s, Call& call);
Reply MobilityFollowUp(const Services& s, Call& call);

// page_exports.cc: exports of a shortlist and of a list of jobseekers (CSV,
// xlsx), the "Liste des demandeurs" screen.
Reply ShortlistExportCsv(const Services& s, Call& call);
Reply ShortlistExportXlsx(const Services& s, Call& call);
Reply JobseekerListForm(const Services& s, Call& call);
Reply JobseekerListSubmit(const Services& s, Call& call);
Reply JobseekerListExport(const Services& s, Call& call);
// page_reorientation.cc: réorientation: close occupations with the skills
// to acquire, the printable version, one kept as a new target occupation.
Reply ReorientationView(const Services& s, Call& call);
Reply ReorientationSheet(const Services& s, Call& call);
Reply ReorientationAddTarget(const Services& s, Call& call);
// page_offerform.cc: the fiche offre's register and edit form, its htmx
// fragments (the title's occupation candidates, the occupation's skills
// checklist, the skill search), and the shortlist's stage moves.
Reply OfferNewForm(const Services& s, Call& call);
Reply OfferCreate(const Services& s, Call& call);
Reply OfferEditForm(const Services& s, Call& call);
Reply OfferUpdate(const Services& s, Call& call);
Reply OfferOccupationChoices(const Services& s, Call& call);
Reply OfferSkillChecklist(const Services& s, Call& call);
Reply OfferSkillSearch(const Services& s, Call& call);
Reply OfferStageSubmit(const Services& s, Call& call);

// The coder's occupation candidates for a typed text (page_jobseeker.cc,
// the occupation search box; the offer form reuses it): code, label and
// "fiabilité 87 %", best first, those under 1 % left out but the first.
struct CoderCandidate {
  std::string code, label, confidence;
};
std::vector<CoderCandidate> CoderCandidates(const Services& s, const std::string& text);

// page_notes.cc: a counsellor's follow-up (issue 15): notes and next
// actions on the file, "fait", the counsellor who follows the jobseeker;
// on the accueil, the jobseekers one follows and the actions due.
Reply NoteSubmit(const Services& s, Call& call);
Reply NoteDone(const Services& s, Call& call);
Reply AssignSubmit(const Services& s, Call& call);
// The follow-up section of the file (jobseeker `id` of `agency`), and the
// notice of the file after a redirection (?enregistre=3, 4, 5; else "").
Result<Html> FollowUpSection(const Services& s, Call& call, const std::string& id,
                             const std::string& agency);
std::string FollowUpNotice(const std::string& saved);
// The accueil's "Mes demandeurs": for a counsellor, those it follows and
// then the agency's that nobody follows; for a supervisor, the agency's with
// their counsellor. Rows: (jobseeker id, counsellor's login).
struct HomeGroup {
  std::string title;    // a heading of its own, "" for the first group
  std::string caption;  // the table's
  std::string none;     // said when there are no rows
  bool supervisor = false;  // show the counsellor column
  std::vector<std::pair<std::string, std::string>> rows;
};
Result<std::vector<HomeGroup>> HomeGroups(Call& call, int64_t limit);
// The accueil's "Actions à faire": the account's next actions due today or
// overdue.
Result<Html> HomeActions(Call& call);

// page_admin.cc: administration (admins): accounts, agencies, roles.
// page_account.cc: "Mon compte", every signed-in person.
// page_audit.cc: the audit trail for auditors.
Reply AuditLog(const Services& s, Call& call);
Reply AuditLogSearch(const Services& s, Call& call);
Reply AuditLogVerify(const Services& s, Call& call);
Reply AuditLogExport(const Services& s, Call& call);
Reply AccountView(const Services& s, Call& call);
Reply AccountTotpStart(const Services& s, Call& call);
Reply AccountTotpConfirm(const Services& s, Call& call);
Reply AccountPasswordSubmit(const Services& s, Call& call);
Reply AdminIndex(const Services& s, Call& call);
Reply AdminAccounts(const Services& s, Call& call);
Reply AdminAccountNewForm(const Services& s, Call& call);
Reply AdminAccountCreate(const Services& s, Call& call);
Reply AdminAccountView(const Services& s, Call& call);
Reply AdminAccountRole(const Services& s, Call& call);
Reply AdminAccountState(const Services& s, Call& call);
Reply AdminAccountPassword(const Services& s, Call& call);
Reply AdminAccountSecondFactor(const Services& s, Call& call);
Reply AdminAgencies(const Services& s, Call& call);
Reply AdminAgencyCreate(const Services& s, Call& call);
Reply AdminAgencyView(const Services& s, Call& call);
Reply AdminAgencyUpdate(const Services& s, Call& call);
Reply AdminRoles(const Services& s, Call& call);

}  // namespace skillmatch::pages
