// The escaping layer of the pages: every byte of HTML the server sends is
// made here. Two ways only:
//   - a Template (compiled from our own source text) rendered with a View,
//     where every value is HTML-escaped unless it is an Html;
//   - Html::Trusted(markup), whose name says that the markup is ours (never
//     input): the one door for raw text, easy to grep for in review.
//
// Templates ("mustache"-like, no logic beyond loops and conditions):
//   {{name}}              the value, escaped (& < > in content, and " ' too
//                         in attributes; an Html value goes in as is,
//                         except inside an attribute, where it is escaped too)
//   {{#name}}..{{/name}}  a list: once per item (lookups fall back to the
//                         enclosing views); true or a non-empty text: once
//   {{?name}}..{{/name}}  once when name is true, a non-empty text or a
//                         non-empty list (no loop: a table around a list)
//   {{^name}}..{{/name}}  when name is missing, false, "" or an empty list
//   {{t:message.id}}      a message of the catalogue (messages.h), escaped;
//                         an unknown id fails the compilation
// The compiler knows where each {{..}} stands in the HTML and refuses the
// places where escaping is not enough: inside <script> or <style>, in an
// unquoted attribute, in an on* event attribute or a style attribute, and
// in a tag or attribute name. In a URL attribute (href, src, action,
// formaction, hx-get, hx-post, hx-put, hx-delete) a value must be a path of
// this site ("/..." but not "//...") or a fragment ("#..."); anything else
// ("javascript:", "https://elsewhere") is rendered as "#".
//
// Thread safety: a compiled Template is immutable; render it from any thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::pages {

class Catalogue;

// Markup safe to put on a page as is.
class Html {
 public:
  Html() = default;
  // `markup` is written by us (a constant, or made of other Html): never a
  // value that came from a request, the store or a file.
  static Html Trusted(std::string markup) { return Html(std::move(markup)); }
  // `text` escaped: safe in element content and in quoted attributes.
  static Html Text(std::string_view text);
  const std::string& str() const { return markup_; }
  bool empty() const { return markup_.empty(); }
  Html& operator+=(const Html& other) {
    markup_ += other.markup_;
    return *this;
  }

 private:
  explicit Html(std::string markup) : markup_(std::move(markup)) {}
  std::string markup_;
};

// & < > " ' as character references: safe in element content and in
// attributes quoted either way.
std::string Escape(std::string_view text);
// & < > only: element content (where quotes mean nothing), so that
// "demandeur d'emploi" stays readable in the source.
std::string EscapeText(std::string_view text);

// Whether `url` may stand in a URL attribute: a path of this site or a
// fragment.
bool SafeUrl(std::string_view url);

class View;
using List = std::vector<View>;

// The values a template reads, by name.
class View {
 public:
  View& Set(const std::string& name, std::string text);
  View& Set(const std::string& name, const char* text) {
    return Set(name, std::string(text));
  }
  View& Set(const std::string& name, Html html);
  View& Set(const std::string& name, bool flag);
  View& Set(const std::string& name, int value) {
    return Set(name, std::to_string(value));
  }
  View& Set(const std::string& name, List items);

  using Value = std::variant<std::string, Html, bool, List>;
  const Value* Find(const std::string& name) const;

 private:
  std::map<std::string, Value, std::less<>> values_;
};

class Template {
 public:
  // Compiles `source`. Errors (kInvalidArgument) name the template, the
  // line and the fault: "home.html:12: {{name}} in an unquoted attribute".
  [[nodiscard]] static Result<Template> Compile(const std::string& name,
                                                std::string_view source,
                                                const Catalogue& messages);
  Html Render(const View& view) const;
  const std::string& name() const { return name_; }

  struct Node;

 private:
  std::string name_;
  std::shared_ptr<const std::vector<Node>> nodes_;
};

}  // namespace skillmatch::pages
