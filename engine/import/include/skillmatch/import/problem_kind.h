// What kind of problem a rejected row or a row warning of the offer import
// is: a stable code beside the English message, so that a reader in another
// language (the French pages, tools/server/pages) words it itself from the
// kind, the field, the value and the detail, while the CLI keeps printing
// the message. Codes are stable: they are part of the contract (ToString
// gives the snake_case name; new kinds are appended, none renamed).
#pragma once

#include <string_view>

namespace skillmatch::engine {

enum class ProblemKind {
  kOther,           // none of the below (the message says what)
  kRecordColumns,   // CSV: not as many fields as the header; detail: "N"
  kRecordEncoding,  // a cell that is not valid UTF-8 in a UTF-8 file
  kRecordJson,      // a JSON record that does not parse or is not an object,
                    // or a value of the wrong JSON type
  kRequired,        // a required field is empty; detail: the field's name
  kCountry,         // not an ISO 3166 code nor a country of values.country
  kYesNo,           // not yes or no (international)
  kContract,        // an unknown contract type
  kEducation,       // not an ISCED level nor a level of values.education
  kExperience,      // not years nor a band of values.experience
  kPositions,       // not a whole number of positions from 1 to 100000
  kAmount,          // not an amount
  kSalaryRange,     // salary maximum below the minimum; detail: the minimum
  kCurrency,        // not an ISO 4217 code
  kDate,            // not a date of the mapping's formats; detail: formats
  kDateOrder,       // a date before the publication; detail: publication
  kClosingWithoutDate,    // a closing reason without a closing date
  kClosingWithoutReason,  // a closing date without a closing reason
  kClosingReason,   // an unknown closing reason
  kLicence,         // not a driving licence category; detail: the list
  kOccupationCode,  // a code unknown to the taxonomy (warning: not used)
  kCrosswalkCode,   // a foreign code unknown to the crosswalk; detail: system
  kPlaceholderRef,  // a placeholder reference; detail: the stored reference
  kRepeatedRef,     // a reference seen earlier with other content; detail:
                    // the stored reference
};

// "other", "record_columns", ..., "repeated_ref".
std::string_view ToString(ProblemKind kind);

}  // namespace skillmatch::engine
