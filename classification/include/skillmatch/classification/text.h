// Text utilities shared by readers and coders.
#pragma once

#include <cstddef>
#include <string_view>

namespace skillmatch::text {

// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates, no
// code point above U+10FFFF). On false, `*bad_offset` (if given) receives the
// byte offset of the first bad sequence.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);

}  // namespace skillmatch::text

#include <string>

namespace skillmatch::text {

// `text` between single quotes, for messages: Quoted("F17") is "'F17'".
std::string Quoted(std::string_view text);

// Unicode NFKD, case folding and removal of combining marks (accents):
// "Boulangère" -> "boulangere", "ÉLECTRICIEN" -> "electricien". Invalid UTF-8
// yields an empty string.
std::string Fold(std::string_view text);

}  // namespace skillmatch::text
