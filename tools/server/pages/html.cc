#include "html.h"

#include <algorithm>
#include <cctype>

#include "messages.h"

namespace skillmatch::pages {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

Html Html::Text(std::string_view text) { return Html(Escape(text)); }

bool SafeUrl(std::string_view url) {
  if (url.empty()) return false;
  // No control characters or backslashes, which browsers strip or read as
  // '/' ("/\evil.org" is another site for some).
  for (unsigned char c : url) {
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  }
  if (url[0] == '#') return true;
  return url[0] == '/' && (url.size() == 1 || url[1] != '/');
}

View& View::Set(const std::string& name, std::string text) {
  values_[name] = std::move(text);
  return *this;
}
View& View::Set(const std::string& name, Html html) {
  values_[name] = std::move(html);
  return *this;
}
View& View::Set(const std::string& name, bool flag) {
  values_[name] = flag;
  return *this;
}
View& View::Set(const std::string& name, List items) {
  values_[name] = std::move(items);
  return *this;
}
const View::Value* View::Find(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

// Where a {{value}} stands.
enum class Place { kText, kAttribute, kUrl };

struct Template::Node {
  enum class Kind { kLiteral, kValue, kSection, kIf, kInverted } kind;
  std::string text;  // literal markup, or the value's / section's name
  Place place = Place::kText;
  std::vector<Node> children;
};

namespace {

using Node = Template::Node;

bool IsUrlAttribute(const std::string& name) {
  static const char* kNames[] = {"href",   "src",     "action",    "formaction",
                                 "hx-get", "hx-post", "hx-put",    "hx-delete",
                                 "poster", "cite",    "hx-patch",  "data"};
  return std::any_of(std::begin(kNames), std::end(kNames),
                     [&](const char* n) { return name == n; });
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Follows the HTML around the template's literal text, enough to tell where
// each {{..}} lands (HTML's tokenizer, cut down to what templates use).
class HtmlContext {
 public:
  enum class State {
    kData, kComment, kTagName, kInTag, kAttrName, kAfterName, kAfterEquals,
    kQuoted, kUnquoted, kRawText
  };

  void Feed(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      // "<" as the last character of content: a value right after it
      // would name a tag ("<{{v}}" with v = "img src=x onerror=...").
      after_lt_ = state_ == State::kData && c == '<' && i + 1 == text.size();
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
      switch (state_) {
        case State::kData:
          if (c == '<') {
            if (text.substr(i, 4) == "<!--") {
              state_ = State::kComment;
              i += 3;
            } else if (i + 1 < text.size() &&
                       (std::isalpha(static_cast<unsigned char>(text[i + 1])) ||
                        text[i + 1] == '/')) {
              state_ = State::kTagName;
              tag_.clear();
              closing_ = text[i + 1] == '/';
              if (closing_) ++i;
            }
          }
          break;
        case State::kComment:
          if (text.substr(i, 3) == "-->") {
            state_ = State::kData;
            i += 2;
          }
          break;
        case State::kTagName:
          if (space) state_ = State::kInTag;
          else if (c == '>') EndTag();
          else if (c != '/') tag_ += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          break;
        case State::kInTag:
        case State::kAfterName:
          if (space || c == '/') break;
          if (c == '>') EndTag();
          else if (c == '=' && state_ == State::kAfterName) state_ = State::kAfterEquals;
          else {
            state_ = State::kAttrName;
            attribute_.assign(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
          }
          break;
        case State::kAttrName:
          if (c == '=') state_ = State::kAfterEquals;
          else if (space) state_ = State::kAfterName;
          else if (c == '>') EndTag();
          else attribute_ += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          break;
        case State::kAfterEquals:
          if (space) break;
          if (c == '"' || c == '\'') {
            quote_ = c;
            state_ = State::kQuoted;
          } else if (c == '>') {
            EndTag();
          } else {
            state_ = State::kUnquoted;
          }
          break;
        case State::kQuoted:
          if (c == quote_) state_ = State::kInTag;
          break;
        case State::kUnquoted:
          if (space) state_ = State::kInTag;
          else if (c == '>') EndTag();
          break;
        case State::kRawText:
          if (c == '<' && Lower(std::string(text.substr(i, 2 + raw_tag_.size()))) ==
                              "</" + raw_tag_) {
            state_ = State::kTagName;
            tag_.clear();
            closing_ = true;
            i += 1;
          }
          break;
      }
    }
  }

  State state() const { return state_; }
  bool after_lt() const { return after_lt_; }
  const std::string& attribute() const { return attribute_; }

 private:
  void EndTag() {
    if (!closing_ && (tag_ == "script" || tag_ == "style" || tag_ == "textarea" ||
                      tag_ == "title")) {
      // textarea and title are escapable raw text: values may go there,
      // but "</textarea" in a value is escaped anyway ('<').
      if (tag_ == "textarea" || tag_ == "title") {
        state_ = State::kData;
        return;
      }
      raw_tag_ = tag_;
      state_ = State::kRawText;
      return;
    }
    state_ = State::kData;
  }

  State state_ = State::kData;
  std::string tag_;
  std::string raw_tag_;
  std::string attribute_;
  bool closing_ = false;
  bool after_lt_ = false;
  char quote_ = '"';
};

struct Parser {
  const std::string& name;
  std::string_view source;
  const Catalogue& messages;
  HtmlContext context;
  size_t pos = 0;

  int LineAt(size_t offset) const {
    return 1 + static_cast<int>(std::count(source.begin(), source.begin() + offset, '\n'));
  }
  Status Error(size_t offset, const std::string& what) const {
    return Status::InvalidArgument(name + ":" + std::to_string(LineAt(offset)) +
                                   ": " + what);
  }

  // Where a value may go here, or an error.
  Result<Place> PlaceHere(size_t offset, const std::string& tag) const {
    using S = HtmlContext::State;
    switch (context.state()) {
      case S::kData:
        if (context.after_lt()) return Error(offset, tag + " in a tag or attribute name");
        return Place::kText;
      case S::kQuoted: {
        const std::string& attr = context.attribute();
        if (attr.rfind("on", 0) == 0 || attr == "style" || attr == "srcdoc") {
          return Error(offset, tag + " in the " + attr + " attribute (script or style)");
        }
        return IsUrlAttribute(attr) ? Place::kUrl : Place::kAttribute;
      }
      case S::kAfterEquals:
      case S::kUnquoted:
        return Error(offset, tag + " in an unquoted attribute");
      case S::kRawText:
        return Error(offset, tag + " inside <script> or <style>");
      case S::kComment:
        return Error(offset, tag + " inside a comment");
      default:
        return Error(offset, tag + " in a tag or attribute name");
    }
  }

  // Parses until {{/close}} (or the end when close is empty).
  Result<std::vector<Node>> Parse(const std::string& close, size_t open_at) {
    std::vector<Node> nodes;
    while (pos < source.size()) {
      const size_t open = source.find("{{", pos);
      const size_t literal_end = open == std::string_view::npos ? source.size() : open;
      if (literal_end > pos) {
        std::string_view literal = source.substr(pos, literal_end - pos);
        context.Feed(literal);
        nodes.push_back({Node::Kind::kLiteral, std::string(literal), Place::kText, {}});
      }
      if (open == std::string_view::npos) {
        pos = source.size();
        break;
      }
      const size_t end = source.find("}}", open + 2);
      if (end == std::string_view::npos) return Error(open, "{{ without }}");
      std::string tag(source.substr(open + 2, end - open - 2));
      const std::string shown = "{{" + tag + "}}";
      pos = end + 2;
      auto valid_name = [](std::string_view n) {
        return !n.empty() && std::all_of(n.begin(), n.end(), [](unsigned char c) {
          return std::isalnum(c) || c == '_' || c == '.' || c == '-';
        });
      };
      if (tag.empty()) return Error(open, "empty {{}}");
      const char sigil = tag[0];
      if (sigil == '#' || sigil == '^' || sigil == '?') {
        std::string section = tag.substr(1);
        if (!valid_name(section)) return Error(open, "bad section name in " + shown);
        SKILLMATCH_ASSIGN_OR_RETURN(children, Parse(section, open));
        nodes.push_back({sigil == '#'   ? Node::Kind::kSection
                         : sigil == '?' ? Node::Kind::kIf
                                        : Node::Kind::kInverted,
                         section, Place::kText, std::move(children)});
      } else if (sigil == '/') {
        if (tag.substr(1) != close) {
          return Error(open, close.empty() ? shown + " closes no section"
                                           : shown + " where {{/" + close + "}} was expected");
        }
        return nodes;
      } else if (tag.rfind("t:", 0) == 0) {
        const std::string id = tag.substr(2);
        if (!messages.Has(id)) return Error(open, "no message " + id + " in the catalogue");
        SKILLMATCH_ASSIGN_OR_RETURN(place, PlaceHere(open, shown));
        if (place == Place::kUrl) return Error(open, shown + " in a URL attribute");
        nodes.push_back({Node::Kind::kLiteral,
                         place == Place::kText ? EscapeText(messages.Get(id))
                                               : Escape(messages.Get(id)),
                         Place::kText, {}});
      } else {
        if (!valid_name(tag)) return Error(open, "bad name in " + shown);
        SKILLMATCH_ASSIGN_OR_RETURN(place, PlaceHere(open, shown));
        nodes.push_back({Node::Kind::kValue, tag, place, {}});
      }
    }
    if (!close.empty()) return Error(open_at, "{{#" + close + "}} is never closed");
    return nodes;
  }
};

using Stack = std::vector<const View*>;

const View::Value* Lookup(const Stack& stack, const std::string& name) {
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (const View::Value* value = (*it)->Find(name)) return value;
  }
  return nullptr;
}

bool Truthy(const View::Value* value) {
  if (value == nullptr) return false;
  if (const bool* flag = std::get_if<bool>(value)) return *flag;
  if (const std::string* text = std::get_if<std::string>(value)) return !text->empty();
  if (const Html* html = std::get_if<Html>(value)) return !html->empty();
  return !std::get<List>(*value).empty();
}

void RenderNodes(const std::vector<Node>& nodes, Stack& stack, std::string& out) {
  for (const Node& node : nodes) {
    switch (node.kind) {
      case Node::Kind::kLiteral:
        out += node.text;
        break;
      case Node::Kind::kValue: {
        const View::Value* value = Lookup(stack, node.text);
        if (value == nullptr) break;
        const std::string* text = std::get_if<std::string>(value);
        const Html* html = std::get_if<Html>(value);
        if (text == nullptr && html == nullptr) break;
        if (node.place == Place::kText) {
          out += text ? EscapeText(*text) : html->str();
        } else {
          const std::string& raw = text ? *text : html->str();
          if (node.place == Place::kUrl && !SafeUrl(raw)) {
            out += "#";
          } else {
            out += Escape(raw);
          }
        }
        break;
      }
      case Node::Kind::kSection: {
        const View::Value* value = Lookup(stack, node.text);
        if (!Truthy(value)) break;
        if (const List* items = std::get_if<List>(value)) {
          for (const View& item : *items) {
            stack.push_back(&item);
            RenderNodes(node.children, stack, out);
            stack.pop_back();
          }
        } else {
          RenderNodes(node.children, stack, out);
        }
        break;
      }
      case Node::Kind::kIf:
        if (Truthy(Lookup(stack, node.text))) RenderNodes(node.children, stack, out);
        break;
      case Node::Kind::kInverted:
        if (!Truthy(Lookup(stack, node.text))) RenderNodes(node.children, stack, out);
        break;
    }
  }
}

}  // namespace

Result<Template> Template::Compile(const std::string& name, std::string_view source,
                                   const Catalogue& messages) {
  Parser parser{name, source, messages, {}, 0};
  SKILLMATCH_ASSIGN_OR_RETURN(nodes, parser.Parse("", 0));
  if (parser.context.state() != HtmlContext::State::kData) {
    return parser.Error(source.size(), "the template ends inside a tag or comment");
  }
  Template out;
  out.name_ = name;
  out.nodes_ = std::make_shared<const std::vector<Node>>(std::move(nodes));
  return out;
}

Html Template::Render(const View& view) const {
  std::string out;
  Stack stack{&view};
  RenderNodes(*nodes_, stack, out);
  return Html::Trusted(std::move(out));
}

}  // namespace skillmatch::pages
