// Normalisation of job titles and skill phrases, shared by the coders.
//
// The pipeline, in order (each step is tested on real-looking examples in
// tests/classification/normalize_test.cc):
//   1. Unicode: NFKD, case folding, accents removed; œ -> oe, æ -> ae.
//   2. French gender and inclusive writing: "boulanger(ère)", "employé(e)s",
//      "vendeur·se", "conseiller.ère", and pairs "Boulanger / Boulangère"
//      (the second, feminine form is dropped when the masculine form is in
//      the same text); gender markers "H/F", "(h/f/x)", "F/H", "m/w/d". In
//      French, a feminine word left alone takes its masculine form
//      ("tisseuse" -> "tisseur"; see MasculineForm).
//   3. Punctuation becomes a word break; apostrophes split ("d'entretien").
//   4. Noise: numbers ("02 techniciens"), offer words ("urgent", "recrute",
//      "cdi"), seniority ("débutant", "confirmé", "senior", "part-time").
//   5. Abbreviations expanded ("cpt" -> comptable, "resp" -> responsable).
//   6. Stop words of the language dropped ("de", "la", "of", "the").
//   7. Stemming (Snowball via libstemmer, French or English) of the
//      remaining words, on the accent-free form, so that queries typed
//      without accents (common in offers written in capitals) match.
//
// Steps 1-3 do not depend on the language: FoldedWords does them, and
// Normalizer::NormalizeWords does steps 4-7 on its result, so that a text
// looked at in several languages is folded once.
//
// A Normalizer is not thread-safe (the stemmer and its memo keep state): use
// one per thread. Creating one is cheap.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"

struct sb_stemmer;

namespace skillmatch::text {

struct Normalized {
  // Words after steps 1-6, unstemmed, in text order.
  std::vector<std::string> words;
  // The same words stemmed (step 7), one per word.
  std::vector<std::string> stems;
  // The words after steps 1-5, stop words kept, joined by single spaces:
  // the input of character n-gram models, for which "agent de sécurité"
  // reads better with its "de".
  std::string text;
};

class Normalizer {
 public:
  // `lang` is an ISO 639-1 code. "fr" and "en" have rules, stop words and a
  // stemmer; other languages get steps 1-4 only (no error: a PES may label
  // occupations in Wolof or Bambara).
  static std::unique_ptr<Normalizer> Create(std::string_view lang);
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  const std::string& lang() const { return lang_; }
  // Steps 1-7. Equal to NormalizeWords(FoldedWords(text)).
  Normalized Normalize(std::string_view text);
  // Steps 4-7 on the result of FoldedWords (steps 1-3, which do not depend
  // on the language): fold a text once, then call this per language.
  Normalized NormalizeWords(const std::vector<std::string>& folded_words);
  // Stem of one folded word (step 7 only).
  std::string Stem(std::string_view word);

  // Steps 4-7 depend on the word alone, so a Normalizer memoises what they
  // make of each word, and each word's stem. Each memo is emptied when it
  // holds this many words, so that memory stays flat on endless input:
  // about 4 MiB per Normalizer when both are full (measured).
  static constexpr size_t kMemoLimit = 1 << 14;

 private:
  struct Memo;
  explicit Normalizer(std::string lang);
  std::string lang_;
  sb_stemmer* stemmer_ = nullptr;
  std::unique_ptr<Memo> memo_;
};

// Steps 1-3 only: folded words, gender forms collapsed. For tests and for
// code that wants the words without removing noise.
std::vector<std::string> FoldedWords(std::string_view text);

// Step 1 and a split into words, nothing else: the "plain" text model of
// the evaluation baselines.
std::vector<std::string> PlainWords(std::string_view text);

// The masculine form of a French word with an unambiguous feminine ending
// (-trice, -euse, -ère, -ienne, -ive): "tisseuse" -> "tisseur". Other words
// are returned as they are. Applied to every French word, labels and
// queries alike, so that an inanimate "matière" -> "matier" is harmless.
std::string MasculineForm(std::string_view word);

// Masculine forms a French feminine word may come from, most likely first:
// "caissiere" -> {"caissier"}, "vendeuse" -> {"vendeur"}, "agente" ->
// {"agent"}. Empty when the word has no feminine ending. The caller keeps
// the one its vocabulary knows.
std::vector<std::string> MasculineCandidates(std::string_view word);

// True if `b` is the French feminine form of `a` (both folded, no accents):
// agent/agente, technicien/technicienne, vendeur/vendeuse,
// directeur/directrice, boulanger/boulangere, sportif/sportive.
bool IsFeminineOf(std::string_view a, std::string_view b);

}  // namespace skillmatch::text
