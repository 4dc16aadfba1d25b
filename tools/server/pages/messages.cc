#include "messages.h"

#include "french.h"

namespace skillmatch::pages {

Catalogue::Catalogue(std::string language, const Message* messages, size_t count)
    : language_(std::move(language)) {
  for (size_t i = 0; i < count; ++i) {
    if (texts_.count(messages[i].id) != 0) duplicates_.emplace_back(messages[i].id);
    texts_[messages[i].id] =
        language_ == "fr" ? FrenchTypography(messages[i].text) : messages[i].text;
  }
}

bool Catalogue::Has(std::string_view id) const { return texts_.find(id) != texts_.end(); }

const std::string& Catalogue::Get(std::string_view id) const {
  auto it = texts_.find(id);
  if (it != texts_.end()) return it->second;
  thread_local std::string missing;
  missing = "[" + std::string(id) + "]";
  return missing;
}

std::string Catalogue::Format(std::string_view id,
                              const std::vector<std::string>& args) const {
  const std::string& text = Get(id);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' &&
        text[i + 1] >= '0' && text[i + 1] <= '9') {
      const size_t arg = static_cast<size_t>(text[i + 1] - '0');
      if (arg < args.size()) out += args[arg];
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

bool Catalogue::SingularFor(int64_t count) const {
  if (language_ == "fr") return count >= -1 && count <= 1;
  return count == 1 || count == -1;
}

std::string Catalogue::Plural(std::string_view id, int64_t count,
                              const std::vector<std::string>& args) const {
  if (SingularFor(count)) {
    const std::string one = std::string(id) + ".one";
    if (Has(one)) return Format(one, args);
  }
  return Format(id, args);
}

std::vector<std::string> Catalogue::Ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, text] : texts_) ids.push_back(id);
  return ids;
}

}  // namespace skillmatch::pages
