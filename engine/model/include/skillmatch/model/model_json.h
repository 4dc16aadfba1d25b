// JSON and JSON Lines for profiles and offers (schemas in
// engine/model/schema/profile.schema.json and offer.schema.json).
//
// Readers report "file:line: field: message", e.g.
//   profiles.jsonl:12: skills[2].level: expected an integer from 1 to 4, got 7
// and never stop halfway through a record. Unknown keys are ignored (a PES
// may carry its own), missing optional keys leave the field empty.
// The line is that of the JSON Lines record, or for a JSON array the line
// where the element starts; field paths use 0-based indices. A key set to
// null reads as absent, and so does "" for an optional string. The layout
// and every message are specified in engine/model/README.md. All functions are
// stateless and safe to call from several threads.
#pragma once

#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/model/model.h"

namespace skillmatch::engine {

std::string_view ToString(ContractType type);  // "permanent", "fixed_term", ...
std::optional<ContractType> ParseContractType(std::string_view text);

nlohmann::ordered_json ToJson(const Profile& profile);
nlohmann::ordered_json ToJson(const Offer& offer);

// The offer as compact JSON text, byte for byte ToJson(offer).dump(), but
// written straight into one string without building a json tree (the offer
// importer stores one per row). Errors: kDataError exactly when
// ToJson(offer).dump() throws, when a string is not valid UTF-8: "cannot
// write as JSON: " and the exception's message.
[[nodiscard]] Result<std::string> OfferDocument(const Offer& offer);

// A JSON value as messages show it after "got": compact JSON, at most
// text::kMaxQuotedBytes bytes ("[1,2,3]", "{\"a\":[[[[...", "\"xx...").
// Never serialises the whole value, so neither a 10 MB value nor one nested
// 100,000 deep costs more than a few bytes of work and stack.
std::string DescribeJson(const nlohmann::json& value);

// `where` is the location prefix of messages, such as "profiles.jsonl:12".
[[nodiscard]] Result<Profile> ProfileFromJson(const nlohmann::json& json,
                                              const std::string& where);
[[nodiscard]] Result<Offer> OfferFromJson(const nlohmann::json& json,
                                          const std::string& where);

// Streams the records of a file: JSON Lines (one object per line; blank
// lines skipped) or, when the file starts with '[', one JSON array. "-" is
// standard input. `on_record` is called in file order; returning a non-OK
// status stops the read with that status. A malformed record stops the read
// with its error unless `on_error` is given, which then receives the error
// and the read goes on (lenient mode).
[[nodiscard]] Status ReadProfiles(
    const std::string& path,
    const std::function<Status(Profile&&)>& on_record,
    const std::function<void(const Status&)>& on_error = nullptr);
[[nodiscard]] Status ReadOffers(
    const std::string& path, const std::function<Status(Offer&&)>& on_record,
    const std::function<void(const Status&)>& on_error = nullptr);

// The same, reading an open stream; `name` stands for the file in messages
// ("<stdin>", "offers.jsonl"). The stream is read to its end, not closed.
[[nodiscard]] Status ReadProfiles(
    std::istream& in, const std::string& name,
    const std::function<Status(Profile&&)>& on_record,
    const std::function<void(const Status&)>& on_error = nullptr);
[[nodiscard]] Status ReadOffers(
    std::istream& in, const std::string& name,
    const std::function<Status(Offer&&)>& on_record,
    const std::function<void(const Status&)>& on_error = nullptr);

// As ReadProfiles / ReadOffers, passing each record's location with it
// ("profiles.jsonl:12", the line where the record starts), for messages
// about a well-formed record refused later (unknown codes, store rules).
[[nodiscard]] Status ReadProfilesLocated(
    const std::string& path,
    const std::function<Status(Profile&&, const std::string& where)>& on_record,
    const std::function<void(const Status&)>& on_error = nullptr);
[[nodiscard]] Status ReadOffersLocated(
    const std::string& path,
    const std::function<Status(Offer&&, const std::string& where)>& on_record,
    const std::function<void(const Status&)>& on_error = nullptr);

}  // namespace skillmatch::engine
