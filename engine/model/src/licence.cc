#include "skillmatch/model/licence.h"

#include <array>

namespace skillmatch::engine {

namespace {

constexpr std::array<std::string_view, 14> kCategories = {
    "A1", "A", "B", "C1", "C", "D1", "D", "E", "BE", "C1E", "CE", "D1E", "DE", "F"};

}  // namespace

std::optional<std::string> NormalizeLicence(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  for (std::string_view category : kCategories) {
    if (category == upper) return upper;
  }
  return std::nullopt;
}

std::string_view LicenceCategories() {
  return "A1, A, B, C1, C, D1, D, E, BE, C1E, CE, D1E, DE, F";
}

}  // namespace skillmatch::engine
