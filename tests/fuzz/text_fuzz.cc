// Fuzz target: text folding and normalisation (classification/text.h,
// normalize.h): IsValidUtf8, Fold, FoldedWords, PlainWords, the French
// gender helpers, and Normalizer (fr, en, and a language without rules).
//
// Properties checked beside "no crash": Fold of invalid UTF-8 is empty;
// Fold's output is valid UTF-8; Normalize equals NormalizeWords of
// FoldedWords (the header's contract); stems and words come in pairs.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "skillmatch/classification/normalize.h"
#include "skillmatch/classification/text.h"

namespace {

void Check(bool condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "text_fuzz: %s\n", what);
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace text = skillmatch::text;
  // One normaliser per language for the whole run, as the coders keep
  // theirs: the memo is part of what is tested.
  static auto* fr = text::Normalizer::Create("fr").release();
  static auto* en = text::Normalizer::Create("en").release();
  static auto* wo = text::Normalizer::Create("wo").release();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  size_t bad = 0;
  const bool valid = text::IsValidUtf8(input, &bad);
  if (!valid) Check(bad < size, "the bad offset must lie inside the text");
  const std::string folded = text::Fold(input);
  if (!valid) Check(folded.empty(), "Fold of invalid UTF-8 must be empty");
  Check(text::IsValidUtf8(folded), "Fold must give valid UTF-8");
  (void)text::Quoted(input);

  const auto words = text::FoldedWords(input);
  (void)text::PlainWords(input);
  for (text::Normalizer* normalizer : {fr, en, wo}) {
    const text::Normalized whole = normalizer->Normalize(input);
    const text::Normalized parts = normalizer->NormalizeWords(words);
    Check(whole.words == parts.words && whole.stems == parts.stems &&
              whole.text == parts.text,
          "Normalize must equal NormalizeWords(FoldedWords)");
    Check(whole.words.size() == whole.stems.size(), "one stem per word");
  }
  for (const std::string& word : words) {
    (void)text::MasculineForm(word);
    (void)text::MasculineCandidates(word);
    (void)fr->Stem(word);
    (void)en->Stem(word);
  }
  if (words.size() >= 2) (void)text::IsFeminineOf(words[0], words[1]);
  return 0;
}
