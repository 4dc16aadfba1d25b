// A counsellor's follow-up of a jobseeker (issue 15): the dated notes and
// next actions on the file, "fait" to close an action, the counsellor who
// follows the person and the supervisor's (re)assignment; on the accueil,
// the jobseekers one follows and the actions due.
//
// The follow-up is one section of the file (`follow_up`), inside a wrapper
// that htmx fills again after a note or a "fait" (`#suivi-zone`), the new or
// closed note carrying data-focus so that the focus moves to it
// (skillmatch.js). Without script the forms post and come back to the file
// (Post/Redirect/Get); a note with errors comes back on a page of its own.
// A note is personal data: its text goes to the store and the page, never to
// a log or a URL.
#include <algorithm>
#include <map>

#include "followup.h"
#include "french.h"
#include "handlers.h"
#include "skillmatch/model/date.h"

namespace skillmatch::pages {

using engine::AgencyRecord;
using server::TextProblem;

namespace {

constexpr int64_t kMaxDueShown = 50;

// What was typed in the note form, and what is wrong with it.
struct NoteForm {
  std::string text, action, due;
  std::string text_error, action_error, due_error;
  bool has_errors() const {
    return !text_error.empty() || !action_error.empty() || !due_error.empty();
  }
};

// What the section shows besides the notes.
struct SectionState {
  NoteForm form;
  int64_t focus_note = 0;
  std::string notice;
  std::string assign_error;
  std::string assign_choice;
};

// "07/12/2026" or "2026-12-07".
std::optional<engine::Date> ParseDue(const std::string& text) {
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    const std::string iso = text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
    std::optional<engine::Date> day = engine::Date::Parse(iso);
    if (day && day->ToString() == iso) return day;
    return std::nullopt;
  }
  std::optional<engine::Date> day = engine::Date::Parse(text);
  if (day && day->ToString() == text) return day;
  return std::nullopt;
}

std::string ShownDate(const std::string& iso) { return FormatDate(iso).value_or(iso); }

std::string TextError(TextProblem problem, size_t chars, const char* too_long_id) {
  switch (problem) {
    case TextProblem::kEmpty: return T("notes.error.empty");
    case TextProblem::kBadUtf8: return T("notes.error.utf8");
    case TextProblem::kControl: return T("notes.error.control");
    case TextProblem::kTooLong: return T(too_long_id, {FormatInteger(static_cast<int64_t>(chars))});
    case TextProblem::kNone: break;
  }
  return "";
}

// Reads and checks the note form; `note` is filled when there is no error.
NoteForm ReadNoteForm(const Form& form, const std::string& today, engine::Note* note) {
  NoteForm f;
  f.text = form.Get("texte");
  f.action = form.Get("action");
  f.due = form.Get("echeance");
  const std::string text = server::CleanText(f.text);
  const std::string action = server::CleanText(f.action);
  const std::string due = server::CleanText(f.due);
  size_t chars = 0;
  TextProblem problem = server::CheckText(text, server::kNoteMaxChars, false, &chars);
  f.text_error = TextError(problem, chars, "notes.error.too_long");
  chars = 0;
  problem = server::CheckText(action, server::kActionMaxChars, true, &chars);
  f.action_error = TextError(problem, chars, "notes.error.action_too_long");
  std::string due_iso;
  if (due.empty()) {
    if (!action.empty() && f.action_error.empty()) f.due_error = T("notes.error.due_missing");
  } else if (action.empty()) {
    f.due_error = T("notes.error.due_without_action");
  } else if (std::optional<engine::Date> day = ParseDue(due); !day) {
    f.due_error = T("notes.error.due_format");
  } else if (day->ToString() < today) {
    f.due_error = T("notes.error.due_past");
  } else {
    due_iso = day->ToString();
  }
  // A text that is not UTF-8 is not shown back (the page must stay UTF-8).
  if (server::CheckText(f.text, SIZE_MAX, true, nullptr) == TextProblem::kBadUtf8) f.text.clear();
  if (server::CheckText(f.action, SIZE_MAX, true, nullptr) == TextProblem::kBadUtf8) f.action.clear();
  if (server::CheckText(f.due, SIZE_MAX, true, nullptr) == TextProblem::kBadUtf8) f.due.clear();
  if (!f.has_errors()) {
    note->text = text;
    note->action = action;
    note->due = due_iso;
  }
  return f;
}

// The agency's active counsellors, by login.
Result<std::vector<engine::Account>> AgencyCounsellors(Call& call, const std::string& agency) {
  SKILLMATCH_ASSIGN_OR_RETURN(accounts, call.store->ListAccounts());
  std::vector<engine::Account> out;
  for (engine::Account& a : accounts) {
    if (a.role == "counsellor" && a.agency == agency && !a.disabled) out.push_back(std::move(a));
  }
  return out;
}

Result<Html> Section(const Services&, Call& call, const std::string& id, const std::string& agency,
                     const SectionState& state) {
  const std::string base = "/demandeurs/" + id;
  const std::string today = server::DayOf(call.now);
  View view;
  view.Set("csrf", call.session_csrf)
      .Set("note_action", base + "/notes")
      .Set("done_action", base + "/notes/fait")
      .Set("assign_action", base + "/conseiller")
      .Set("notice", state.notice);
  SKILLMATCH_ASSIGN_OR_RETURN(assigned, call.store->ListAssignments({id, 0, "", 1}));
  const std::string current = assigned.empty() ? "" : assigned[0].login;
  view.Set("counsellor", assigned.empty() ? T("notes.counsellor.none")
                                          : T("notes.counsellor.since",
                                              {assigned[0].login, ShownDate(assigned[0].since)}));
  if (server::RoleCan(call.role, server::Capability::kAssign)) {
    view.Set("can_assign", true).Set("assign_error", state.assign_error);
    SKILLMATCH_ASSIGN_OR_RETURN(counsellors, AgencyCounsellors(call, agency));
    const std::string chosen = state.assign_choice.empty() ? current : state.assign_choice;
    List options;
    for (const engine::Account& a : counsellors) {
      View o;
      o.Set("login", a.login).Set("selected", a.login == chosen);
      options.push_back(std::move(o));
    }
    if (options.empty()) view.Set("no_counsellor", T("notes.assign.none", {agency}));
    view.Set("counsellors", std::move(options));
  }
  SKILLMATCH_ASSIGN_OR_RETURN(notes, call.store->ListNotes(id));
  List items;
  for (const engine::Note& n : notes) {
    View v;
    v.Set("id", std::to_string(n.id))
        .Set("written", T("notes.written", {ShownDate(n.written_at), n.author_login}))
        .Set("text", n.text)
        .Set("focus", n.id == state.focus_note)
        .Set("action", n.action.empty() ? "" : T("notes.action", {n.action}))
        .Set("due", n.due.empty() ? "" : T("notes.due", {ShownDate(n.due)}))
        .Set("open", !n.action.empty() && n.done_at.empty())
        .Set("late", !n.action.empty() && n.done_at.empty() && n.due < today)
        .Set("state", !n.action.empty() && n.done_at.empty()
                          ? (n.due < today ? T("notes.overdue") : n.due == today ? T("notes.today") : "")
                          : "")
        .Set("done", n.done_at.empty() ? ""
                                       : T("notes.done", {ShownDate(n.done_at), n.done_by_login}))
        .Set("done_label", T("notes.done.label", {n.action}));
    items.push_back(std::move(v));
  }
  view.Set("notes", std::move(items));
  const NoteForm& f = state.form;
  view.Set("text", f.text).Set("next", f.action).Set("due", f.due)
      .Set("text_error", f.text_error).Set("action_error", f.action_error)
      .Set("due_error", f.due_error);
  if (f.has_errors()) view.Set("error", T("notes.errors"));
  return Render("follow_up", view);
}

// The answer after a change or a refusal: the section for htmx, else the
// file again (success) or the section on a page of its own (errors).
Reply Answer(const Services& s, Call& call, const std::string& id, const std::string& agency,
             const SectionState& state, int status, const std::string& saved) {
  if (status == 200 && !IsHtmx(call)) {
    std::string path = "/demandeurs/" + id + "?enregistre=" + saved;
    if (state.focus_note) path += "#note-" + std::to_string(state.focus_note);
    return Redirect(path);
  }
  Result<Html> section = Section(s, call, id, agency, state);
  if (!section.ok()) return ErrorPage(call, 503, "error.store");
  // htmx swaps only 2xx answers: a refused note comes back as 200, its
  // errors in the content (as the decisions' do, page_offers.cc).
  if (IsHtmx(call)) return Fragment(*section);
  View view;
  view.Set("profile_href", "/demandeurs/" + id).Set("section", *section);
  PageOptions options;
  options.status = status;
  return PageTitled(call, T("notes.page", {id}), Render("follow_up_page", view), options);
}

}  // namespace

Result<Html> FollowUpSection(const Services& s, Call& call, const std::string& id,
                             const std::string& agency) {
  return Section(s, call, id, agency, SectionState{});
}

std::string FollowUpNotice(const std::string& saved) {
  if (saved == "3") return T("notes.saved");
  if (saved == "4") return T("notes.closed");
  if (saved == "5") return T("notes.assigned");
  return "";
}

Reply NoteSubmit(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  std::string agency;
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id, &agency)) {
    return PageRefusal(*out, call);
  }
  engine::Note note;
  SectionState state;
  state.form = ReadNoteForm(Form::Parse(*call.req), server::DayOf(call.now), &note);
  if (state.form.has_errors()) return Answer(s, call, id, agency, state, 422, "");
  note.profile_id = id;
  note.agency = agency;
  note.author = call.account->id;
  note.written_at = server::TimestampOf(call.now);
  Result<int64_t> added = call.store->AddNote(note);
  if (!added.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "jobseeker.note", id).ok()) return ErrorPage(call, 503, "error.store");
  state = SectionState{};
  state.focus_note = *added;
  state.notice = T("notes.saved");
  return Answer(s, call, id, agency, state, 200, "3");
}

Reply NoteDone(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  std::string agency;
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id, &agency)) {
    return PageRefusal(*out, call);
  }
  // The note must be this jobseeker's: another's answers as a missing one.
  const std::string number = Form::Parse(*call.req).Get("note");
  int64_t note_id = 0;
  if (number.empty() || number.size() > 18 ||
      !std::all_of(number.begin(), number.end(), ::isdigit)) {
    return ErrorPage(call, 404, "error.not_found");
  }
  note_id = std::stoll(number);
  Result<engine::Note> note = call.store->GetNote(note_id);
  if (!note.ok() || note->profile_id != id) {
    if (note.ok() || note.status().code() == StatusCode::kNotFound) {
      return ErrorPage(call, 404, "error.not_found");
    }
    return ErrorPage(call, 503, "error.store");
  }
  SectionState state;
  state.focus_note = note_id;
  if (note->action.empty() || !note->done_at.empty()) {
    // Already done (by a colleague, or a second click): said, not an error
    // page.
    state.notice = T("notes.error.not_open");
    return Answer(s, call, id, agency, state, IsHtmx(call) ? 200 : 409, "4");
  }
  Status closed = call.store->CloseNoteAction(note_id, call.account->id,
                                              server::TimestampOf(call.now));
  if (!closed.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "jobseeker.note", id).ok()) return ErrorPage(call, 503, "error.store");
  state.notice = T("notes.closed");
  return Answer(s, call, id, agency, state, 200, "4");
}

Reply AssignSubmit(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  std::string agency;
  if (auto out = server::InScope(call, AgencyRecord::kProfile, id, &agency)) {
    return PageRefusal(*out, call);
  }
  const std::string login = Form::Parse(*call.req).Get("conseiller");
  Result<engine::Account> account = call.store->GetAccount(login);
  SectionState state;
  state.assign_choice = login;
  if (login.empty() || !account.ok() || account->role != "counsellor" ||
      account->agency != agency || account->disabled) {
    if (!account.ok() && account.status().code() != StatusCode::kNotFound) {
      return ErrorPage(call, 503, "error.store");
    }
    state.assign_choice.clear();
    state.assign_error = T("notes.assign.error");
    return Answer(s, call, id, agency, state, 422, "");
  }
  Status assigned = call.store->AssignProfile(id, account->id, server::TimestampOf(call.now));
  if (!assigned.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "jobseeker.assign", id).ok()) return ErrorPage(call, 503, "error.store");
  return Answer(s, call, id, agency, state, 200, "5");
}

Result<std::vector<HomeGroup>> HomeGroups(Call& call, int64_t limit) {
  const std::string& agency = call.account->agency;
  std::vector<HomeGroup> groups;
  if (server::RoleCan(call.role, server::Capability::kAssign)) {
    // A supervisor: the jobseekers of its scope (its agency, or its
    // region's agencies, as the API's lists) and who follows each.
    HomeGroup all;
    all.supervisor = true;
    SKILLMATCH_ASSIGN_OR_RETURN(
        ids, call.store->ListScopeIds(AgencyRecord::kProfile, call.agencies, "", limit));
    std::map<std::string, std::string> by_profile;
    std::string names;
    for (const std::string& in : call.agencies) {
      SKILLMATCH_ASSIGN_OR_RETURN(assignments, call.store->ListAssignments({"", 0, in, 0}));
      for (const engine::Assignment& a : assignments) by_profile[a.profile_id] = a.login;
      names += (names.empty() ? "" : ", ") + in;
    }
    for (const std::string& id : ids) {
      auto it = by_profile.find(id);
      all.rows.emplace_back(id, it == by_profile.end() ? T("notes.counsellor.none") : it->second);
    }
    all.caption = T(call.agencies.size() > 1 ? "home.mine.agencies.caption"
                                             : "home.mine.agency.caption",
                    {names, FormatInteger(static_cast<int64_t>(ids.size()))});
    all.none = T("home.mine.none");
    groups.push_back(std::move(all));
    return groups;
  }
  HomeGroup mine;
  SKILLMATCH_ASSIGN_OR_RETURN(assigned,
                              call.store->ListAssignments({"", call.account->id, agency, limit}));
  for (const engine::Assignment& a : assigned) mine.rows.emplace_back(a.profile_id, a.login);
  mine.caption = T("home.mine.assigned.caption", {FormatInteger(static_cast<int64_t>(assigned.size()))});
  mine.none = T("home.mine.assigned.none");
  groups.push_back(std::move(mine));
  HomeGroup nobody;
  nobody.title = T("home.unassigned");
  SKILLMATCH_ASSIGN_OR_RETURN(free_ids, call.store->ListUnassignedIds(agency, limit));
  for (const std::string& id : free_ids) nobody.rows.emplace_back(id, "");
  nobody.caption = T("home.unassigned.caption", {agency, FormatInteger(static_cast<int64_t>(free_ids.size()))});
  nobody.none = T("home.mine.none");
  if (!nobody.rows.empty()) groups.push_back(std::move(nobody));
  return groups;
}

Result<Html> HomeActions(Call& call) {
  SKILLMATCH_ASSIGN_OR_RETURN(due, call.store->ListDueActions(call.account->id,
                                                             server::DayOf(call.now)));
  const std::string today = server::DayOf(call.now);
  List rows;
  for (const engine::Note& n : due) {
    if (static_cast<int64_t>(rows.size()) >= kMaxDueShown) break;
    // Only jobseekers the account may open (one moved to another agency is
    // left out).
    Result<std::string> in = call.store->GetAgency(AgencyRecord::kProfile, n.profile_id);
    if (!in.ok() || !server::InAgencies(call, *in)) continue;
    View row;
    row.Set("due", ShownDate(n.due))
        .Set("id", n.profile_id)
        .Set("href", "/demandeurs/" + n.profile_id + "#note-" + std::to_string(n.id))
        .Set("action", n.action)
        .Set("state", n.due < today ? T("notes.overdue") : T("notes.today"));
    rows.push_back(std::move(row));
  }
  View view;
  view.Set("actions", std::move(rows));
  return Render("home_follow_up", view);
}

}  // namespace skillmatch::pages
