// Every message a person reads on the pages, in one catalogue per
// language, keyed by a stable id ("login.title"). French is the only
// language today (messages_fr.cc); another is one more table of the same
// ids (the test Messages.EveryLanguageHasEveryId then checks it).
//
// Authors write plain text: the catalogue applies French typography when
// it is built (FrenchTypography, french.h: no-break spaces before : ; ! ?
// and inside « »). Placeholders are {0}, {1}... filled by Format, whose
// arguments are plain text (the template escapes the result).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace skillmatch::pages {

struct Message {
  const char* id;
  const char* text;
};

class Catalogue {
 public:
  Catalogue(std::string language, const Message* messages, size_t count);
  const std::string& language() const { return language_; }
  bool Has(std::string_view id) const;
  // The text of `id`; the id itself, in brackets, when missing (a
  // programmer error that the tests catch: templates refuse unknown ids at
  // compile time, and handlers' ids are checked by Messages.*).
  const std::string& Get(std::string_view id) const;
  // Get(id) with {0}, {1}... replaced by `args`.
  std::string Format(std::string_view id, const std::vector<std::string>& args) const;
  std::vector<std::string> Ids() const;
  // Ids given more than once to the constructor (the last text wins): a
  // mistake of the catalogue's authors, which PagesMessages.NoIdTwice catches.
  const std::vector<std::string>& Duplicates() const { return duplicates_; }
  // Plural forms: Format of "<id>.one" when `count` takes the singular and
  // the catalogue has that id, else Format of `id` (the plural). French
  // puts 0 and 1 in the singular ("0 offre", "1 offre", "2 offres"); the
  // rule is the catalogue's language's (SingularFor). `args` as Format's
  // (the count itself, formatted, is usually {0}).
  std::string Plural(std::string_view id, int64_t count,
                     const std::vector<std::string>& args) const;
  // Whether `count` takes the singular in this language (French: -1 to 1;
  // English: 1 and -1 only).
  bool SingularFor(int64_t count) const;

 private:
  std::string language_;
  std::map<std::string, std::string, std::less<>> texts_;
  std::vector<std::string> duplicates_;
};

// The French catalogue (built once, thread-safe).
const Catalogue& French();

}  // namespace skillmatch::pages
