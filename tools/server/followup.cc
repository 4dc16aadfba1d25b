// A note's rules and the API's note routes (followup.h).
#include "followup.h"

#include <ctime>

#include "skillmatch/model/date.h"

namespace skillmatch::server {

using engine::AgencyRecord;
using nlohmann::ordered_json;

TextProblem CheckText(std::string_view text, size_t max_chars, bool optional, size_t* chars) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[pos]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                    : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || pos + length > text.size()) return TextProblem::kBadUtf8;
    uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[pos + k]);
      if ((next & 0xC0) != 0x80) return TextProblem::kBadUtf8;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMin[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
      return TextProblem::kBadUtf8;
    }
    if ((code < 0x20 && code != '\t' && code != '\n' && code != '\r') || code == 0x7F ||
        (code >= 0x80 && code < 0xA0)) {
      return TextProblem::kControl;
    }
    ++count;
    pos += length;
  }
  if (chars) *chars = count;
  if (count == 0 && !optional) return TextProblem::kEmpty;
  if (count > max_chars) return TextProblem::kTooLong;
  return TextProblem::kNone;
}

std::string CleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  const size_t begin = out.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  const size_t end = out.find_last_not_of(" \t\n");
  return out.substr(begin, end - begin + 1);
}

std::string DayOf(int64_t now) {
  return engine::Date::FromDaysSinceEpoch(static_cast<int32_t>(now / 86400)).ToString();
}

std::string TimestampOf(int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

ordered_json NoteJson(const engine::Note& note) {
  ordered_json out = {{"id", note.id},
                      {"written_at", note.written_at},
                      {"author", note.author_login},
                      {"text", note.text}};
  if (!note.action.empty()) {
    out["action"] = note.action;
    out["due"] = note.due;
    out["done_at"] = note.done_at.empty() ? ordered_json(nullptr) : ordered_json(note.done_at);
    out["done_by"] = note.done_by_login.empty() ? ordered_json(nullptr)
                                                : ordered_json(note.done_by_login);
  }
  return out;
}

Reply ListJobseekerNotes(const Services&, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = InScope(call, AgencyRecord::kProfile, id)) return *out;
  Result<std::vector<engine::Note>> notes = call.store->ListNotes(id);
  if (!notes.ok()) return StoreFailure(notes.status());
  // Reading the notes is reading the file.
  if (Status audited = Audit(call, "jobseeker.view", id); !audited.ok()) {
    return StoreFailure(audited);
  }
  ordered_json list = ordered_json::array();
  for (const engine::Note& note : *notes) list.push_back(NoteJson(note));
  Reply reply;
  reply.body = {{"jobseeker", id}, {"notes", std::move(list)}};
  return reply;
}

Reply AddJobseekerNote(const Services&, Call& call) {
  const std::string& id = call.params[0];
  std::string agency;
  if (auto out = InScope(call, AgencyRecord::kProfile, id, &agency)) return *out;
  nlohmann::json body;
  if (auto bad = ParseBody(call, &body)) return *bad;
  for (const char* field : {"text", "action", "due"}) {
    if (body.contains(field) && !body[field].is_string()) {
      return ErrorReply(422, "invalid", std::string(field) + ": expected a string", field);
    }
  }
  if (!body.contains("text")) return ErrorReply(422, "invalid", "text: required", "text");
  engine::Note note;
  note.profile_id = id;
  note.agency = agency;
  note.author = call.account->id;
  note.written_at = TimestampOf(call.now);
  note.text = CleanText(body["text"].get<std::string>());
  note.action = body.contains("action") ? CleanText(body["action"].get<std::string>()) : "";
  note.due = body.contains("due") ? body["due"].get<std::string>() : "";
  auto problem = [](TextProblem p, size_t max) -> std::string {
    switch (p) {
      case TextProblem::kEmpty: return "must not be empty";
      case TextProblem::kBadUtf8: return "invalid UTF-8";
      case TextProblem::kControl: return "control characters are not allowed";
      case TextProblem::kTooLong: return "longer than " + std::to_string(max) + " characters";
      case TextProblem::kNone: break;
    }
    return "";
  };
  size_t chars = 0;
  if (TextProblem p = CheckText(note.text, kNoteMaxChars, false, &chars); p != TextProblem::kNone) {
    return ErrorReply(422, "invalid", "text: " + problem(p, kNoteMaxChars), "text");
  }
  if (TextProblem p = CheckText(note.action, kActionMaxChars, true, &chars);
      p != TextProblem::kNone) {
    return ErrorReply(422, "invalid", "action: " + problem(p, kActionMaxChars), "action");
  }
  if (!note.action.empty() && note.due.empty()) {
    return ErrorReply(422, "invalid", "due: required with an action", "due");
  }
  if (note.action.empty() && !note.due.empty()) {
    return ErrorReply(422, "invalid", "due: only with an action", "due");
  }
  if (!note.due.empty()) {
    std::optional<engine::Date> due = engine::Date::Parse(note.due);
    if (!due || due->ToString() != note.due) {
      return ErrorReply(422, "invalid", "due: expected a date YYYY-MM-DD", "due");
    }
    if (note.due < DayOf(call.now)) {
      return ErrorReply(422, "invalid", "due: before today", "due");
    }
  }
  Result<int64_t> added = call.store->AddNote(note);
  if (!added.ok()) return StoreFailure(added.status());
  if (Status audited = Audit(call, "jobseeker.note", id); !audited.ok()) {
    return StoreFailure(audited);
  }
  Reply reply;
  reply.status = 201;
  reply.body = {{"id", *added}};
  return reply;
}

}  // namespace skillmatch::server
