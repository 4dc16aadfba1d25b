// A counsellor's follow-up of a jobseeker (issue 15): the rules a note
// obeys, shared by the pages (pages/page_notes.cc) and the JSON API
// (GET/POST /api/v1/jobseekers/{id}/notes, below). The store keeps the rows
// (engine/store, migration 8); a note is personal data: never logged, erased
// by retention.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "routes.h"

namespace skillmatch::server {

// Caps, in characters (Unicode code points): a note, its next action.
inline constexpr size_t kNoteMaxChars = 2000;
inline constexpr size_t kActionMaxChars = 200;

enum class TextProblem { kNone, kEmpty, kBadUtf8, kControl, kTooLong };

// Checks a text typed by a person: valid UTF-8, no control character but
// tab and line breaks, at most `max_chars` characters, not empty (unless
// `optional`). `*chars` receives its length in characters.
TextProblem CheckText(std::string_view text, size_t max_chars, bool optional, size_t* chars);

// The text trimmed of surrounding white space, CR LF as LF.
std::string CleanText(std::string_view text);

// "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SSZ" of the server's clock (UTC) at
// `now` (Unix seconds): notes are dated by the server's clock, which tests
// set.
std::string DayOf(int64_t now);
std::string TimestampOf(int64_t now);

// The JSON of a note (the API's shape).
nlohmann::ordered_json NoteJson(const engine::Note& note);

// The JSON body of a request, or the error reply (api.cc).
std::optional<Reply> ParseBody(const Call& call, nlohmann::json* out);

// The API's handlers (followup.cc).
Reply ListJobseekerNotes(const Services& services, Call& call);
Reply AddJobseekerNote(const Services& services, Call& call);

}  // namespace skillmatch::server
