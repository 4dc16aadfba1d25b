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
#include <map>
#include <memory>
#include <optional>
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
  // Replaced by the fitted one when calibration_titles are given.
  float review_threshold = 0.5f;
  // Titles are cleaned of what job boards add around them before coding
  // (job_title.h: "Offre d'emploi :", counts, gender marks, places,
  // grades). False for the baseline "title as written".
  bool clean_job_titles = true;
  // Weight of the context (sector and description, CodingContext) when it
  // re-ranks the best title candidates: score' = (score + w' * context) /
  // (1 + w'), w' = context_weight * (1 - 0.5 * the title's own top
  // confidence), so that context weighs most on an unclear title; context is
  // the BM25 of the context's words against each candidate's profile, over
  // the best candidate's. 0 = context ignored. 0.2 was best of 0.2, 0.6, 1.0
  // on the calibration split of France Travail offers (eval coding
  // --swap-splits); larger weights move the right code into the top 5 as
  // often but first less often.
  float context_weight = 0.2f;
  // Number of labels coded (each left out) to fit the confidence model, and
  // the seed that draws them. 0 = no calibration (confidence = score).
  int calibration_sample = 3000;
  uint64_t seed = 42;
  // Titles coded by people (counsellors' review decisions, offers coded by
  // a PES), as job boards write them. When given (occupation coder), the
  // confidence model is fitted on them instead of the taxonomy's own labels,
  // and review_threshold becomes the lowest threshold at which the codes
  // not flagged among them were right at least target_precision of the
  // time. Titles whose code is not an occupation of the taxonomy are
  // skipped. Fewer than 200 usable titles: the taxonomy's labels are used.
  struct CalibrationTitle {
    std::string title;
    std::string code;
    std::string sector;       // optional context, as in CodingContext
    std::string description;  // optional
  };
  std::vector<CalibrationTitle> calibration_titles;
  float target_precision = 0.9f;
};

// Title -> code decisions to remember, so that a title coded once by a
// person (a counsellor's review, a PES's coded offers) codes the same way
// next time. Titles are compared after cleaning and normalisation (French
// rules: "COMPTABLE (H/F) - Douala" and "comptable" are one title). Several
// decisions for one title are counted; the code with most weight wins (ties
// by code). Filled by the caller (from `review set` decisions, an import of
// coded offers); not thread-safe while being filled, Find is thread-safe.
class TitlePriors {
 public:
  struct Decision {
    std::string code;
    float weight = 0;  // weight of the decisions for this code
    float share = 0;   // that weight over all decisions for the title
  };
  // Records that `title` was coded `code`; `weight` > 0 (e.g. 1 per
  // decision, more for a counsellor than for an automatic coding).
  void Add(std::string_view title, std::string_view code, float weight = 1);
  // The decision for `title`, if any title with its normalised form was
  // recorded.
  std::optional<Decision> Find(std::string_view title) const;
  // Normalised titles recorded.
  size_t size() const { return by_key_.size(); }
  // The form titles are compared in (empty for a title without words).
  static std::string Key(std::string_view title);

 private:
  std::map<std::string, std::map<std::string, float>> by_key_;
};

// What is known about a title besides its text. All optional; the views
// must stay valid during the call.
struct CodingContext {
  std::string_view sector;       // employer's sector ("Banque", "BTP")
  std::string_view description;  // the offer's or the profile's text
  const TitlePriors* priors = nullptr;
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
  // The first candidate comes from TitlePriors (its confidence is the
  // decisions' share), not from the text.
  bool from_prior = false;
};

// One job of a title that names several (Coder::CodeSeveral).
struct TitleCoding {
  std::string title;  // the part of the cleaned title that names this job
  CodingResult result;
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

  // Codes `text`; at most `top_k` candidates. With a context: priors first
  // (a remembered decision for the same normalised title wins), then the
  // sector and description re-rank the title's best candidates.
  CodingResult Code(std::string_view text, int top_k) const;
  CodingResult Code(std::string_view text, int top_k,
                    const CodingContext& context) const;
  // A title that names several jobs ("Électricien / Plombier", "Chauffeur
  // et magasinier") gives one coding per job, in text order; any other
  // title gives one coding, the same as Code. A split (text::JobParts)
  // holds when every part codes without review to a different occupation,
  // and, for a split on a word ("et", "&", ","), when each part is coded
  // with more confidence than the whole title. Parts coded to the same
  // occupation are merged.
  std::vector<TitleCoding> CodeSeveral(std::string_view text, int top_k,
                                       const CodingContext& context = {}) const;
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
  // The threshold below which codings are flagged: options().review_threshold,
  // or the one fitted on options().calibration_titles.
  float review_threshold() const;
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
