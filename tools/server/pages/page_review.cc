// Offres à vérifier: the imported offers whose occupation awaits a person
// (the store's review queue, the agency's only), each with the coder's
// candidates for its title and their confidence; the supervisor accepts one
// or types another code. Same rules as POST /api/v1/review/{offer}.
#include "french.h"
#include "handlers.h"
#include "offer_cache.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

constexpr int kReviewShown = 50;

Reply ReviewPage(const Services& s, Call& call, const std::string& notice, int status) {
  Result<std::vector<engine::ReviewItem>> queue = call.store->ListOffersToReview("", 0);
  if (!queue.ok()) return ErrorPage(call, 503, "error.store");
  List items;
  for (const engine::ReviewItem& item : *queue) {
    if (static_cast<int>(items.size()) >= kReviewShown) break;
    Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, item.offer_id);
    if (!agency.ok() || !server::InAgencies(call, *agency)) continue;
    View v;
    const std::string anchor = "verifier-" + std::to_string(items.size() + 1);
    v.Set("anchor", anchor).Set("offer_id", item.offer_id).Set("title", item.title)
        .Set("employer", item.employer.empty() ? T("js.none") : item.employer)
        .Set("source", item.source).Set("csrf", call.session_csrf)
        .Set("action", "/verifier/" + item.offer_id)
        .Set("legend", T("review.legend", {item.offer_id}));
    v.Set("suggested", item.suggested.empty()
                           ? T("review.suggested.none")
                           : T("review.suggested", {OccupationLabel(s, item.suggested) + " (" +
                                                    item.suggested + ")"}));
    List candidates;
    classification::CodingResult coded = s.coder->Code(item.title, 3);
    bool suggested_listed = false;
    for (const auto& candidate : coded.candidates) {
      View c;
      const std::string code = s.coder->TargetCode(candidate.target);
      c.Set("code", code)
          .Set("label", s.taxonomy->NodeLabel(candidate.target, s.taxonomy->main_language()))
          .Set("confidence", T("form.confidence", {FormatPercent(candidate.confidence)}))
          .Set("checked", code == item.suggested);
      suggested_listed = suggested_listed || code == item.suggested;
      candidates.push_back(std::move(c));
    }
    if (!item.suggested.empty() && !suggested_listed) {
      View c;
      c.Set("code", item.suggested).Set("label", OccupationLabel(s, item.suggested))
          .Set("confidence", item.confidence ? T("form.confidence", {FormatPercent(*item.confidence)})
                                             : T("js.none"))
          .Set("checked", true);
      candidates.push_back(std::move(c));
    }
    v.Set("candidates", std::move(candidates));
    items.push_back(std::move(v));
  }
  View view;
  view.Set("summary", TN("review.summary", static_cast<int64_t>(items.size()), {std::to_string(items.size())}));
  view.Set("items", std::move(items));
  PageOptions options;
  options.nav = "verifier";
  options.notice = notice;
  options.status = status;
  return Page(call, "title.review", Render("review", view), options);
}

}  // namespace

Reply ReviewQueue(const Services& s, Call& call) {
  const std::string saved = call.req->get_param_value("enregistre");
  return ReviewPage(s, call, saved.empty() ? "" : T("review.saved", {saved, OccupationLabel(s, saved)}),
                    200);
}

Reply ReviewSubmit(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  std::string offer_agency;
  if (auto out = server::InScope(call, AgencyRecord::kOffer, id, &offer_agency)) {
    return PageRefusal(*out, call);
  }
  Form form = Form::Parse(*call.req);
  auto trim = [](const std::string& text) {
    const size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos) return std::string();
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
  };
  // A typed code wins over the checked candidate.
  std::string code = trim(form.Get("autre"));
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (code.empty()) code = form.Get("code");
  auto node = server::ValidId(code) ? s.taxonomy->FindNode(code) : classification::kNoNode;
  if (node == classification::kNoNode || !s.taxonomy->IsOccupation(node)) {
    return ReviewPage(s, call, T("review.bad_code", {code}), 422);
  }
  Status set = call.store->SetOfferCode(id, code, call.account->login);
  if (!set.ok()) return ErrorPage(call, 503, "error.store");
  s.offer_indexes->Invalidate(offer_agency);
  if (!server::Audit(call, "offer.review", id).ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/verifier?enregistre=" + code);
}

}  // namespace skillmatch::pages
