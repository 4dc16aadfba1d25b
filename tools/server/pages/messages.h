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

 private:
  std::string language_;
  std::map<std::string, std::string, std::less<>> texts_;
};

// The French catalogue (built once, thread-safe).
const Catalogue& French();

}  // namespace skillmatch::pages
