// Text utilities shared by readers and coders.
#pragma once

#include <cstddef>
#include <string_view>

namespace skillmatch::text {

// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates, no
// code point above U+10FFFF). On false, `*bad_offset` (if given) receives the
// byte offset of the first bad sequence.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);

// "" if `text` is well-formed UTF-8, else what is wrong, for messages:
// "invalid UTF-8 (byte 0xE9 at offset 3)" (0-based byte offset).
std::string Utf8Problem(std::string_view text);

}  // namespace skillmatch::text

#include <string>

namespace skillmatch::text {

// `text` with each byte that does not start a well-formed UTF-8 sequence
// replaced by U+FFFD (the replacement character), so that it can be shown or
// written as JSON: "caf\xE9" becomes "caf\uFFFD". Valid text is unchanged.
std::string ToValidUtf8(std::string_view text);

// Messages quote at most this many bytes of an input value: a bad 10 MB cell
// must not become a 10 MB message (nor a 10 MB row of import_rejects).
inline constexpr size_t kMaxQuotedBytes = 60;

// `text` as messages show it: whole when it holds at most `max_bytes` bytes,
// else its first bytes cut at a UTF-8 character boundary (never inside a
// sequence) and "...", `max_bytes` bytes in all. Excerpt of 100 'x' is 57
// 'x' then "...". The one helper for every message that quotes input.
std::string Excerpt(std::string_view text, size_t max_bytes = kMaxQuotedBytes);

// `text` between single quotes, for messages: Quoted("F17") is "'F17'". A
// value over kMaxQuotedBytes is cut by Excerpt: 'xxxx...'; bytes that are
// not UTF-8 are shown as U+FFFD (ToValidUtf8), so a message is always text.
std::string Quoted(std::string_view text);

// An exception message of nlohmann::json with the input it quotes cut by
// Excerpt: a parse error ends "; last read: '<token>'", and the token can be
// a whole 10 MB string. Other messages are returned unchanged.
std::string BoundedJsonMessage(std::string_view what);

// True if `text` holds a control character: a C0 control (U+0000 to U+001F,
// tab included) or DEL (U+007F). `*offset` (if given) receives the first
// one's byte offset. For labels and names, which are one line of text.
bool HasControl(std::string_view text, size_t* offset = nullptr);

// Unicode NFKD, case folding and removal of combining marks (accents):
// "Boulangère" -> "boulangere", "ÉLECTRICIEN" -> "electricien". Invalid UTF-8
// yields an empty string.
std::string Fold(std::string_view text);

}  // namespace skillmatch::text
