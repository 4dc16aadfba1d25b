// Offres à vérifier: the review queue of imported offers (the store's
// needs_review, as `skillmatch review list`), with the code the import gave,
// the coder's candidates for the title and their confidence. A supervisor
// accepts a candidate or types another occupation code (as `review set`);
// counsellors and employer-relations staff of the agency see the queue read
// only (README.md, "Decisions").
#include <algorithm>
#include <cctype>

#include "french.h"
#include "handlers.h"
#include "offer_cache.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

// A page shows this many offers; the rest wait (the count says how many).
constexpr size_t kReviewPage = 50;
constexpr int kCandidates = 5;

// Percent-encodes an offer id for the query of the redirection.
std::string QueryValue(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Trimmed(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// The queue page; `error` goes next to the code field of offer `error_offer`.
Reply ReviewQueue(const Services& s, Call& call, const std::string& notice,
                  const std::string& error_offer, const std::string& error, int status) {
  Result<std::vector<engine::ReviewItem>> items = call.store->ListOffersToReview("", 0);
  if (!items.ok()) return ErrorPage(call, 503, "error.store");
  const bool can_review = server::RoleCan(call.role, server::Capability::kReview);
  List rows;
  size_t total = 0;
  for (const engine::ReviewItem& item : *items) {
    Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, item.offer_id);
    if (!agency.ok() || *agency != call.account->agency) continue;
    ++total;
    if (rows.size() >= kReviewPage) continue;
    const std::string anchor = "verif-" + std::to_string(rows.size() + 1);
    View row;
    row.Set("anchor", anchor).Set("id", item.offer_id).Set("href", "/offres/" + item.offer_id)
        .Set("title", item.title.empty() ? T("js.none") : item.title)
        .Set("employer", item.employer.empty() ? T("js.none") : item.employer)
        .Set("source", item.source.empty() ? T("js.none") : item.source + " · " + item.source_ref)
        .Set("action", "/offres-a-verifier/" + item.offer_id)
        .Set("csrf", call.session_csrf)
        .Set("legend", T("review.legend", {item.offer_id}))
        .Set("can_review", can_review);
    if (item.suggested.empty()) {
      row.Set("suggested", T("review.no_code"));
    } else {
      std::string text = OccupationLabel(s, item.suggested) + " (" + item.suggested + ")";
      if (item.confidence) text += " · " + T("form.confidence", {FormatPercent(*item.confidence)});
      row.Set("suggested", text);
    }
    // The coder's candidates for the title: the choices offered; the code
    // the import gave is among them or added first.
    List choices;
    std::vector<std::string> seen;
    auto add = [&](const std::string& code, const std::string& confidence) {
      if (code.empty() || std::find(seen.begin(), seen.end(), code) != seen.end()) return;
      seen.push_back(code);
      View choice;
      choice.Set("value", code).Set("radio", anchor + "-c" + std::to_string(seen.size()))
          .Set("label", OccupationLabel(s, code) + " (" + code + ")")
          .Set("confidence", confidence).Set("checked", seen.size() == 1);
      choices.push_back(std::move(choice));
    };
    classification::CodingResult coded = s.coder->Code(item.title, kCandidates);
    if (!item.suggested.empty()) {
      std::string confidence = T("review.from_import");
      for (const auto& c : coded.candidates) {
        if (s.coder->TargetCode(c.target) == item.suggested) {
          confidence = T("form.confidence", {FormatPercent(c.confidence)});
        }
      }
      add(item.suggested, confidence);
    }
    for (const auto& c : coded.candidates) {
      if (c.confidence < 0.01f && !choices.empty()) continue;  // helps nobody choose
      add(s.coder->TargetCode(c.target), T("form.confidence", {FormatPercent(c.confidence)}));
    }
    row.Set("choices", std::move(choices));
    if (item.offer_id == error_offer) row.Set("error", error);
    rows.push_back(std::move(row));
  }
  View view;
  view.Set("summary", total == 0 ? T("review.empty")
                                 : T(total > rows.size() ? "review.summary.more" : "review.summary",
                                     {FormatInteger(static_cast<int64_t>(total)),
                                      FormatInteger(static_cast<int64_t>(rows.size()))}));
  view.Set("read_only", !can_review);
  view.Set("offers", std::move(rows));
  PageOptions options;
  options.nav = "verifier";
  options.notice = notice;
  options.status = status;
  return Page(call, "title.review", Render("review_queue", view), options);
}

}  // namespace

Reply ReviewList(const Services& s, Call& call) {
  std::string notice;
  if (call.req->has_param("corrige")) {
    // Only an id of this agency's offers is echoed (it is not personal, but
    // the page says nothing of other agencies' records).
    const std::string id = call.req->get_param_value("corrige");
    Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, id);
    if (agency.ok() && *agency == call.account->agency) notice = T("review.done", {id});
  }
  return ReviewQueue(s, call, notice, "", "", 200);
}

Reply ReviewSubmit(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kOffer, id)) return PageRefusal(*out, call);
  Form form = Form::Parse(*call.req);
  // A typed code wins over the chosen candidate: the supervisor typed it
  // because no candidate was right.
  std::string code = Trimmed(form.Get("autre"));
  if (code.empty()) code = Trimmed(form.Get("code"));
  if (code.empty()) return ReviewQueue(s, call, "", id, T("review.error.empty"), 422);
  if (code.size() > 64) {
    return ReviewQueue(s, call, "", id, T("review.error.unknown", {code.substr(0, 64)}), 422);
  }
  Status set = call.store->SetOfferCode(id, code, call.account->login);
  if (!set.ok()) {
    if (set.code() == StatusCode::kNotFound) {
      return ReviewQueue(s, call, "", id, T("review.error.unknown", {code}), 422);
    }
    if (set.code() == StatusCode::kDataError) {
      return ReviewQueue(s, call, "", id, T("review.error.not_occupation", {code}), 422);
    }
    return ErrorPage(call, 503, "error.store");
  }
  s.offer_indexes->Invalidate(call.account->agency);
  if (!server::Audit(call, "offer.review", id).ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/offres-a-verifier?corrige=" + QueryValue(id));
}

}  // namespace skillmatch::pages
