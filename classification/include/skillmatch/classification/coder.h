// Coders: free text to taxonomy codes. The title coder ranks occupations for
// a job title ("COMPTABLE (H/F)", "chauffeur poids lourd urgent"); the skill
// coder ranks skills for a skill phrase ("excel", "permis B") and spots known
// skill phrases inside a description.
//
// Both are one machinery over the labels of a taxonomy (a "document" per
// label):
//   - a word model: BM25 over normalised, stemmed words (normalize.h);
//   - a character model: TF-IDF cosine over character trigrams of the
//     normalised words, robust to typos and word forms;
//   - label score = word_weight * bm25 / bm25_of_a_perfect_match
//                   + (1 - word_weight) * cosine, in [0, 1];
//   - label part of a target's score (occupation or skill) = best label
//     score + agreement * second best + agreement^2 * third best (several
//     titles of one occupation agreeing), divided by
//     (1 + agreement + agreement^2);
//   - profile part: BM25 of the query against the target's profile (the words
//     of all its labels as one document), divided by its upper bound;
//   - target score = (1 - profile_weight) * label part
//                    + profile_weight * profile part;
//   - confidence = a logistic model of the top score and its margin over the
//     next target, fitted when the coder is built on a seeded sample of the
//     taxonomy's own labels, each coded with itself left out. So the
//     confidence is calibrated per taxonomy without any training data.
//
// Built once per taxonomy (well under a second for ROME v3); afterwards
// Code() is const and thread-safe. The taxonomy must outlive the coder.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::classification {

struct CoderOptions {
  // Weight of the word model in the label score; the character model gets
  // the rest. 1 = words only, 0 = characters only.
  float word_weight = 0.1f;
  // Character model over 4-grams as well as trigrams.
  bool fourgrams = true;
  // Weight of the second-best label of a target (and its square for the
  // third). 0 = a target scores as its best label.
  float agreement = 0.1f;
  // Weight of the target profile model: BM25 of the query against all the
  // words of all the labels of a target taken as one document, so words
  // that recur across an occupation's titles count. 0 = labels only.
  float profile_weight = 0.55f;
  // Weight of the group profile (an occupation's parent area, all its
  // occupations' labels as one document), added to the target score: the
  // hierarchy votes for the right area. 0 = off. Occupations only.
  float group_weight = 0.2f;
  // Extra weight of the query's head word (first word in French, last in
  // English) in the word and profile models: 0.5 counts it 1.5 times.
  float head_weight = 0.5f;
  // BM25 parameters (Robertson's defaults).
  float bm25_k1 = 1.2f;
  float bm25_b = 0.75f;
  // When false, labels and queries are only case- and accent-folded and
  // split into words: no gender rules, noise, abbreviations, stop words or
  // stemming. For the baselines of the evaluation.
  bool normalize = true;
  // Label languages used; empty = all languages of the taxonomy.
  std::vector<std::string> languages;
  // Codings whose top confidence is below this are flagged needs_review.
  float review_threshold = 0.5f;
  // Number of labels coded (each left out) to fit the confidence model, and
  // the seed that draws them. 0 = no calibration (confidence = score).
  int calibration_sample = 3000;
  uint64_t seed = 42;
};

struct CodingCandidate {
  int32_t target = -1;     // NodeIndex (titles) or SkillIndex (skills)
  float score = 0;         // in [0, 1]
  float confidence = 0;    // estimated probability that this is right
  int32_t best_label = -1; // document index of the best-matching label
};

struct CodingResult {
  std::vector<CodingCandidate> candidates;  // best first, ties by code
  bool needs_review = true;  // true also when there is no candidate
  bool empty_input = false;  // nothing usable left after normalisation
};

// One indexed label.
struct CoderLabel {
  int32_t target = -1;
  std::string lang;
  std::string text;
};

class Coder {
 public:
  // Occupation coder over every label (preferred, alternative, job titles)
  // of the nodes at level "occupation".
  static Result<std::unique_ptr<Coder>> ForOccupations(
      const Taxonomy& taxonomy, const CoderOptions& options = {});
  // Skill coder over every label of every skill.
  static Result<std::unique_ptr<Coder>> ForSkills(
      const Taxonomy& taxonomy, const CoderOptions& options = {});
  ~Coder();

  // Codes `text`; at most `top_k` candidates.
  CodingResult Code(std::string_view text, int top_k) const;
  // The same, ignoring the labels in `excluded` (leave-one-out evaluation:
  // a held-out title must not be found through itself).
  CodingResult CodeExcluding(std::string_view text, int top_k,
                             std::span<const int32_t> excluded) const;
  // A label's normalised words (stems) joined by spaces: labels with the same
  // key and target are the same title written differently.
  const std::string& LabelKey(int32_t label) const;

  // Spots skill phrases inside a longer text (skill coder): every label whose
  // normalised words occur in a row in the text; longest matches win where
  // they overlap. Returns skill indexes in text order, without repeats.
  std::vector<int32_t> Spot(std::string_view text) const;

  const std::vector<CoderLabel>& labels() const;
  // Labels coded to fit the confidence model; an evaluation that reports
  // calibration leaves them out.
  const std::vector<int32_t>& calibration_labels() const;
  const CoderOptions& options() const;
  // Parameters of the confidence model: p = 1 / (1 + exp(-(a + b * score +
  // c * margin))).
  std::vector<float> calibration() const;
  // Display code of a target (node code or skill id).
  const std::string& TargetCode(int32_t target) const;

 private:
  struct Impl;
  explicit Coder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace skillmatch::classification
