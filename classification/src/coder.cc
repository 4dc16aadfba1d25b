#include "skillmatch/classification/coder.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <map>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "skillmatch/classification/job_title.h"
#include "skillmatch/classification/normalize.h"

namespace skillmatch::classification {

namespace {

// A label or query after normalisation.
struct Analysed {
  std::vector<std::string> words;  // unstemmed
  std::vector<std::string> stems;
  std::string joined;  // character model input (stop words kept)
  // Replaces the word at `word_idx` by `form` (and its stem), in the
  // character model input too.
  void Replace(size_t word_idx, const std::string& form, std::string stem) {
    const std::string old = " " + words[word_idx] + " ";
    std::string padded = " " + joined + " ";
    size_t at = padded.find(old);
    if (at != std::string::npos) {
      padded.replace(at, old.size(), " " + form + " ");
      joined = padded.substr(1, padded.size() - 2);
    }
    words[word_idx] = form;
    stems[word_idx] = std::move(stem);
  }
};

// Normalizers are not thread-safe: one per thread and language.
text::Normalizer& NormalizerFor(const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<text::Normalizer>> cache;
  auto& slot = cache[lang];
  if (!slot) slot = text::Normalizer::Create(lang);
  return *slot;
}

// The part of Analyse that does not depend on the language: a text looked
// at in several languages (Code, Spot) is folded once.
std::vector<std::string> Prepare(std::string_view text, bool normalize) {
  return normalize ? text::FoldedWords(text) : text::PlainWords(text);
}

// Without normalisation, words are their own stems.
Analysed AnalysePlain(std::vector<std::string> words) {
  Analysed out;
  out.words = words;
  for (const std::string& w : out.words) {
    if (!out.joined.empty()) out.joined.push_back(' ');
    out.joined += w;
  }
  out.stems = std::move(words);
  return out;
}

// The rest of Analyse, on words from Prepare with the same `normalize`.
Analysed AnalyseWords(const std::vector<std::string>& words,
                      const std::string& lang, bool normalize) {
  if (!normalize) return AnalysePlain(words);
  text::Normalized n = NormalizerFor(lang).NormalizeWords(words);
  Analysed out;
  out.stems = std::move(n.stems);
  out.words = std::move(n.words);
  out.joined = std::move(n.text);
  return out;
}

Analysed Analyse(std::string_view text, const std::string& lang,
                 bool normalize) {
  if (!normalize) return AnalysePlain(text::PlainWords(text));
  return AnalyseWords(text::FoldedWords(text), lang, normalize);
}

// Character n-grams of " joined ", with counts: trigrams as 24-bit keys
// and, when `with_fourgrams`, 4-grams as 32-bit keys (their first byte is
// never 0, so the two kinds cannot collide).
void Trigrams(const std::string& joined, bool with_fourgrams,
              std::vector<std::pair<uint32_t, float>>* out) {
  out->clear();
  if (joined.empty()) return;
  // Reused buffers: this runs for every query and label.
  thread_local std::string padded;
  thread_local std::vector<uint32_t> keys;
  padded.assign(" ");
  padded += joined;
  padded.push_back(' ');
  keys.clear();
  auto byte = [&](size_t pos) {
    return static_cast<uint32_t>(static_cast<unsigned char>(padded[pos]));
  };
  for (size_t pos = 0; pos + 3 <= padded.size(); ++pos) {
    keys.push_back((byte(pos) << 16) | (byte(pos + 1) << 8) | byte(pos + 2));
    if (with_fourgrams && pos + 4 <= padded.size()) {
      keys.push_back((byte(pos) << 24) | (byte(pos + 1) << 16) |
                     (byte(pos + 2) << 8) | byte(pos + 3));
    }
  }
  std::sort(keys.begin(), keys.end());
  for (size_t key_idx = 0; key_idx < keys.size();) {
    size_t end = key_idx;
    while (end < keys.size() && keys[end] == keys[key_idx]) ++end;
    out->emplace_back(keys[key_idx], static_cast<float>(end - key_idx));
    key_idx = end;
  }
}

// Share of a language's labels above which a word or n-gram is "common": it
// does not bring in candidate labels (see Code).
constexpr float kCommonGramShare = 0.02f;
// ... bounded, so that large label sets keep queries fast.
constexpr size_t kMinCommonDf = 64;
constexpr size_t kMaxCommonDf = 200;
// Fewer candidates than this from the rare terms: the common ones are used.
constexpr size_t kMinCandidates = 50;
// Labels scored exactly per query and language: the best by the rare
// terms' partial score.
constexpr size_t kMaxExact = 256;

// Compressed postings: term -> (doc, value) pairs.
struct Postings {
  std::vector<uint32_t> offsets;  // term -> range
  std::vector<int32_t> docs;
  std::vector<float> values;
};

// BM25 over "profile" documents: each the words of all the labels of one
// owner (a target, or a target's group).
struct Profile {
  Postings postings;        // term -> (owner, tf summed over its labels)
  std::vector<float> idf;   // per term, over owners
  std::vector<float> len;   // per owner: stems over its labels
  float avg_len = 1;
  int32_t count = 0;        // owners with at least one word
};

}  // namespace

uint64_t NextCoderId() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

// One language's indexes over the labels in that language.
struct LangIndex {
  std::string lang;
  int32_t doc_count = 0;
  float avg_len = 1;
  std::unordered_map<std::string, uint32_t> word_ids;
  std::vector<float> word_idf;
  Postings words;  // value = term frequency
  std::vector<char> word_common;  // term found in too many labels (Build)
  std::unordered_map<uint32_t, uint32_t> gram_ids;
  std::vector<float> gram_idf;
  Postings grams;  // value = tf-idf weight / doc norm
  std::vector<char> gram_common;
  // Profiles of targets (and of their groups: an occupation's parent area),
  // one document each made of the words of all their labels.
  Profile target_profile;
  Profile group_profile;
  float unknown_gram_idf = 1;
  float unknown_word_idf = 1;
};

struct Coder::Impl {
  // Unique per coder in the process (see ScratchFor).
  const uint64_t id = NextCoderId();
  const Taxonomy* taxonomy = nullptr;
  bool occupations = true;
  CoderOptions options;
  std::vector<CoderLabel> labels;
  std::vector<float> doc_len;  // stems per label
  std::vector<LangIndex> langs;
  int32_t target_count = 0;
  std::vector<float> calibration = {0, 1, 0};  // a, b, c
  bool calibrated = false;
  std::vector<int32_t> calibration_labels;
  // Spotting: first stem -> labels (by index) with their stem sequences.
  std::unordered_map<std::string, std::vector<int32_t>> spot_by_first;
  std::vector<std::vector<std::string>> label_stems;
  std::vector<int16_t> doc_lang;  // slot in langs, -1 when not indexed
  // Forward trigram lists: doc -> (term, weight), by term.
  std::vector<uint32_t> fwd_offsets;
  std::vector<uint32_t> fwd_terms;
  std::vector<float> fwd_values;
  // Forward word lists: doc -> (term, tf), by term.
  std::vector<uint32_t> fwd_word_offsets;
  std::vector<uint32_t> fwd_word_terms;
  std::vector<float> fwd_word_tf;


  const std::string& TargetCode(int32_t target) const {
    return occupations ? taxonomy->node(target).code
                       : taxonomy->skill(target).id;
  }
  void Build();
  void BuildProfile(
      const std::vector<std::vector<std::pair<int32_t, float>>>& word_lists,
      const std::vector<int32_t>& owner_of_doc, Profile* profile) const;
  void ScoreProfile(const LangIndex& index, const Profile& profile,
                    const std::vector<int32_t>& owner_of_doc,
                    const std::vector<std::pair<std::string, float>>& query,
                    std::span<const int32_t> excluded,
                    std::vector<float>* scores,
                    std::vector<int32_t>* touched) const;
  // Owner of each label in the profiles: its target, and its target's group
  // (-1 when targets have no groups).
  std::vector<int32_t> target_of_label;
  std::vector<int32_t> group_of_label;
  void Calibrate();
  std::vector<std::string> label_keys;
  // Variant groups: labels of one target with the same key. The first label
  // of a group is its representative in the profiles.
  std::vector<int32_t> variant_group;
  std::vector<char> representative;
  int32_t variant_count = 0;
  // The candidates of a text as it is (no cleaning), best first, with
  // scores only: at most `keep`.
  std::vector<CodingCandidate> Rank(std::string_view text, size_t keep,
                                    std::span<const int32_t> excluded,
                                    bool* empty_input) const;
  // Rank, then context, confidence, priors and the review flag.
  CodingResult Code(std::string_view text, int top_k,
                    std::span<const int32_t> excluded,
                    const CodingContext& context = {}) const;
  // Re-ranks `candidates` by the context's words against each candidate's
  // profile (see CoderOptions::context_weight).
  void ApplyContext(const CodingContext& context, float title_confidence,
                    std::vector<CodingCandidate>* candidates) const;
  // Fits the confidence model and the review threshold on people's codings.
  bool CalibrateOnTitles();
  float review_threshold = 0.5f;
  float Confidence(float score, float margin) const {
    if (!calibrated) return score;
    float z = calibration[0] + calibration[1] * score + calibration[2] * margin;
    return 1.0f / (1.0f + std::exp(-z));
  }
};

namespace {

// Per-thread scratch space of one coder: dense accumulators with the list of
// entries touched, so a query costs what it touches, not the index size.
struct Scratch {
  uint64_t owner = 0;  // Impl::id of the coder it serves
  std::vector<float> word_score;
  std::vector<float> gram_score;
  std::vector<int32_t> touched_docs;
  std::vector<char> doc_seen;
  std::vector<float> top3;  // target -> 3 best label scores
  std::vector<int32_t> best_label;
  std::vector<int32_t> touched_targets;
  std::vector<char> target_seen;
  std::vector<float> profile;  // target -> profile score
  std::vector<int32_t> profile_targets;
  std::vector<float> group;  // group -> profile score
  std::vector<int32_t> group_owners;
  std::vector<float> lang_score;  // one language's profile scores
  std::vector<int32_t> lang_owners;
  std::vector<float> variant_score;  // variant group -> best label score
  std::vector<int32_t> variant_doc;  // variant group -> that label, or -1
  std::vector<int32_t> touched_variants;
  std::vector<std::pair<uint32_t, float>> grams;  // buffers of one query
  std::vector<std::pair<uint32_t, float>> query_grams;
  std::vector<std::pair<uint32_t, float>> query_words;
  std::vector<uint32_t> content_grams;  // of the query's content words
  std::vector<float> word_lookup;  // term -> query weight, zero elsewhere
  std::vector<float> gram_lookup;
};

// Coders are told apart by an id, never by address: a coder built where a
// destroyed one was must not get its scratch.
Scratch& ScratchFor(uint64_t owner, size_t docs, size_t targets,
                    size_t variants) {
  thread_local std::vector<std::unique_ptr<Scratch>> pool;
  for (auto& s : pool) {
    if (s->owner == owner) return *s;
  }
  auto s = std::make_unique<Scratch>();
  s->owner = owner;
  s->word_score.assign(docs, 0);
  s->gram_score.assign(docs, 0);
  s->doc_seen.assign(docs, 0);
  s->top3.assign(targets * 3, 0);
  s->best_label.assign(targets, -1);
  s->target_seen.assign(targets, 0);
  s->profile.assign(targets, 0);
  s->group.assign(targets, 0);
  s->lang_score.assign(targets, 0);
  s->variant_score.assign(variants, 0);
  s->variant_doc.assign(variants, -1);
  if (pool.size() >= 8) pool.erase(pool.begin());
  pool.push_back(std::move(s));
  return *pool.back();
}

}  // namespace

void Coder::Impl::Build() {
  // Group labels by language.
  std::vector<std::string> lang_names = options.languages;
  if (lang_names.empty()) lang_names = taxonomy->info().languages;
  std::unordered_map<std::string, size_t> lang_slot;
  for (const std::string& l : lang_names) {
    lang_slot.emplace(l, langs.size());
    LangIndex index;
    index.lang = l;
    langs.push_back(std::move(index));
  }
  target_of_label.resize(labels.size());
  group_of_label.resize(labels.size());
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    target_of_label[doc] = labels[doc].target;
    group_of_label[doc] =
        occupations ? taxonomy->node(labels[doc].target).parent : -1;
  }
  doc_len.assign(labels.size(), 0);
  label_stems.assign(labels.size(), {});
  label_keys.assign(labels.size(), {});
  // Per language: term -> list of (doc, tf).
  std::vector<std::vector<std::vector<std::pair<int32_t, float>>>> word_lists(
      langs.size());
  std::vector<std::vector<std::vector<std::pair<int32_t, float>>>> gram_lists(
      langs.size());
  std::vector<std::pair<uint32_t, float>> grams;
  std::vector<std::vector<std::pair<uint32_t, float>>> forward(labels.size());
  std::vector<std::vector<std::pair<uint32_t, float>>> forward_words(
      labels.size());
  doc_lang.assign(labels.size(), -1);
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    auto slot = lang_slot.find(labels[doc].lang);
    if (slot == lang_slot.end()) continue;
    LangIndex& index = langs[slot->second];
    Analysed a = Analyse(labels[doc].text, labels[doc].lang, options.normalize);
    if (a.stems.empty()) continue;
    ++index.doc_count;
    doc_len[doc] = static_cast<float>(a.stems.size());
    index.avg_len += doc_len[doc];
    std::unordered_map<uint32_t, float> tf;
    for (const std::string& stem : a.stems) {
      auto [it, inserted] = index.word_ids.emplace(stem, index.word_ids.size());
      if (inserted) word_lists[slot->second].emplace_back();
      tf[it->second] += 1;
    }
    for (const auto& [term, count] : tf) {
      word_lists[slot->second][term].emplace_back(doc, count);
    }
    Trigrams(a.joined, options.fourgrams, &grams);
    for (const auto& [key, count] : grams) {
      auto [it, inserted] = index.gram_ids.emplace(key, index.gram_ids.size());
      if (inserted) gram_lists[slot->second].emplace_back();
      gram_lists[slot->second][it->second].emplace_back(doc, count);
    }
    label_stems[doc] = a.stems;
    doc_lang[doc] = static_cast<int16_t>(slot->second);

    for (const std::string& stem : a.stems) {
      if (!label_keys[doc].empty()) label_keys[doc].push_back(' ');
      label_keys[doc] += stem;
    }
  }
  {
    std::map<std::pair<int32_t, std::string>, int32_t> group_of;
    variant_group.assign(labels.size(), -1);
    representative.assign(labels.size(), 0);
    for (size_t doc = 0; doc < labels.size(); ++doc) {
      auto [it, inserted] = group_of.emplace(
          std::make_pair(labels[doc].target, label_keys[doc]), variant_count);
      if (inserted) {
        ++variant_count;
        representative[doc] = 1;
      }
      variant_group[doc] = it->second;
    }
  }
  for (size_t lang_idx = 0; lang_idx < langs.size(); ++lang_idx) {
    LangIndex& index = langs[lang_idx];
    BuildProfile(word_lists[lang_idx], target_of_label, &index.target_profile);
    BuildProfile(word_lists[lang_idx], group_of_label, &index.group_profile);
    const float n = static_cast<float>(std::max(index.doc_count, 1));
    index.avg_len = index.doc_count > 0 ? (index.avg_len - 1) / n : 1;
    index.unknown_word_idf = std::log(1 + (n + 0.5f) / 0.5f);
    index.unknown_gram_idf = std::log((1 + n) / 1) + 1;
    auto flatten = [](std::vector<std::vector<std::pair<int32_t, float>>>& lists,
                      Postings* out) {
      out->offsets.assign(lists.size() + 1, 0);
      for (size_t term = 0; term < lists.size(); ++term) {
        out->offsets[term + 1] = out->offsets[term] + lists[term].size();
      }
      out->docs.reserve(out->offsets.back());
      out->values.reserve(out->offsets.back());
      for (auto& list : lists) {
        for (const auto& [doc, value] : list) {
          out->docs.push_back(doc);
          out->values.push_back(value);
        }
      }
    };
    index.word_idf.resize(word_lists[lang_idx].size());
    for (size_t term = 0; term < word_lists[lang_idx].size(); ++term) {
      float df = static_cast<float>(word_lists[lang_idx][term].size());
      index.word_idf[term] = std::log(1 + (n - df + 0.5f) / (df + 0.5f));
    }
    flatten(word_lists[lang_idx], &index.words);
    index.gram_idf.resize(gram_lists[lang_idx].size());
    for (size_t term = 0; term < gram_lists[lang_idx].size(); ++term) {
      float df = static_cast<float>(gram_lists[lang_idx][term].size());
      index.gram_idf[term] = std::log((1 + n) / (1 + df)) + 1;
    }
    // Weights tf * idf, then each document's vector scaled to unit length.
    std::vector<float> norms(labels.size(), 0);
    for (size_t term = 0; term < gram_lists[lang_idx].size(); ++term) {
      for (auto& [doc, value] : gram_lists[lang_idx][term]) {
        value *= index.gram_idf[term];
        norms[doc] += value * value;
      }
    }
    for (auto& list : gram_lists[lang_idx]) {
      for (auto& [doc, value] : list) value /= std::sqrt(norms[doc]);
    }
    // Forward lists (doc -> its trigrams or words, by term id) give the
    // exact scores of a candidate label; terms found in more than
    // kCommonGramShare of the labels are marked common (see Code).
    const size_t max_df = std::clamp<size_t>(
        static_cast<size_t>(kCommonGramShare * index.doc_count), kMinCommonDf,
        kMaxCommonDf);
    index.gram_common.assign(gram_lists[lang_idx].size(), 0);
    for (size_t term = 0; term < gram_lists[lang_idx].size(); ++term) {
      for (const auto& [doc, value] : gram_lists[lang_idx][term]) {
        forward[doc].emplace_back(static_cast<uint32_t>(term), value);
      }
      index.gram_common[term] = gram_lists[lang_idx][term].size() > max_df;
    }
    flatten(gram_lists[lang_idx], &index.grams);
    index.word_common.assign(word_lists[lang_idx].size(), 0);
    for (size_t term = 0; term < word_lists[lang_idx].size(); ++term) {
      for (const auto& [doc, tf] : word_lists[lang_idx][term]) {
        forward_words[doc].emplace_back(static_cast<uint32_t>(term), tf);
      }
      index.word_common[term] = word_lists[lang_idx][term].size() > max_df;
    }
  }
  fwd_offsets.assign(labels.size() + 1, 0);
  fwd_word_offsets.assign(labels.size() + 1, 0);
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    fwd_offsets[doc + 1] = fwd_offsets[doc] + forward[doc].size();
    for (const auto& [term, value] : forward[doc]) {
      fwd_terms.push_back(term);
      fwd_values.push_back(value);
    }
    fwd_word_offsets[doc + 1] =
        fwd_word_offsets[doc] + forward_words[doc].size();
    for (const auto& [term, tf] : forward_words[doc]) {
      fwd_word_terms.push_back(term);
      fwd_word_tf.push_back(tf);
    }
  }
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    if (!label_stems[doc].empty()) {
      spot_by_first[label_stems[doc][0]].push_back(static_cast<int32_t>(doc));
    }
  }
}

void Coder::Impl::BuildProfile(
    const std::vector<std::vector<std::pair<int32_t, float>>>& word_lists,
    const std::vector<int32_t>& owner_of_doc, Profile* profile) const {
  profile->len.assign(target_count, 0);
  std::vector<char> has_words(target_count, 0);
  profile->postings.offsets.assign(word_lists.size() + 1, 0);
  profile->idf.assign(word_lists.size(), 0);
  std::vector<std::pair<int32_t, float>> merged;
  for (size_t term = 0; term < word_lists.size(); ++term) {
    merged.clear();
    for (const auto& [doc, tf] : word_lists[term]) {
      // One title counts once, whatever its written variants.
      if (owner_of_doc[doc] >= 0 && representative[doc]) {
        merged.emplace_back(owner_of_doc[doc], tf);
      }
    }
    std::sort(merged.begin(), merged.end());
    size_t start = profile->postings.docs.size();
    for (size_t pos = 0; pos < merged.size();) {
      int32_t owner = merged[pos].first;
      float tf = 0;
      for (; pos < merged.size() && merged[pos].first == owner; ++pos) {
        tf += merged[pos].second;
      }
      profile->postings.docs.push_back(owner);
      profile->postings.values.push_back(tf);
      profile->len[owner] += tf;
      has_words[owner] = 1;
    }
    profile->postings.offsets[term + 1] = profile->postings.docs.size();
    profile->idf[term] =
        static_cast<float>(profile->postings.docs.size() - start);
  }
  profile->count = std::count(has_words.begin(), has_words.end(), 1);
  const float n = static_cast<float>(std::max(profile->count, 1));
  float total = 0;
  for (float len : profile->len) total += len;
  profile->avg_len = profile->count ? total / n : 1;
  for (float& idf : profile->idf) {
    const float df = idf;
    idf = std::log(1 + (n - df + 0.5f) / (df + 0.5f));
  }
}

void Coder::Impl::ScoreProfile(
    const LangIndex& index, const Profile& profile,
    const std::vector<int32_t>& owner_of_doc,
    const std::vector<std::pair<std::string, float>>& query,
    std::span<const int32_t> excluded, std::vector<float>* scores,
    std::vector<int32_t>* touched) const {
  const float k1 = options.bm25_k1;
  const float b = options.bm25_b;
  // Upper bound of the score (tf -> infinity), to bring it into [0, 1].
  float upper = 0;
  for (const auto& [stem, qweight] : query) {
    auto it = index.word_ids.find(stem);
    upper += qweight * (k1 + 1) *
             (it == index.word_ids.end() ? index.unknown_word_idf
                                         : profile.idf[it->second]);
  }
  for (const auto& [stem, qweight] : query) {
    auto it = index.word_ids.find(stem);
    if (it == index.word_ids.end()) continue;
    const uint32_t term = it->second;
    const float idf = qweight * profile.idf[term] / upper;
    for (uint32_t pos = profile.postings.offsets[term];
         pos < profile.postings.offsets[term + 1]; ++pos) {
      const int32_t owner = profile.postings.docs[pos];
      float tf = profile.postings.values[pos];
      float len = profile.len[owner];
      // Held-out labels leave their owner's profile, so that leave-one-out
      // stays honest.
      for (int32_t doc : excluded) {
        if (owner_of_doc[doc] != owner || labels[doc].lang != index.lang ||
            !representative[doc]) {
          continue;
        }
        const auto& stems = label_stems[doc];
        tf -= static_cast<float>(std::count(stems.begin(), stems.end(), stem));
        len -= static_cast<float>(stems.size());
      }
      if (tf <= 0) continue;
      const float norm = k1 * (1 - b + b * len / profile.avg_len);
      if ((*scores)[owner] == 0) touched->push_back(owner);
      (*scores)[owner] += idf * tf * (k1 + 1) / (tf + norm);
    }
  }
}

std::vector<CodingCandidate> Coder::Impl::Rank(
    std::string_view text, size_t keep, std::span<const int32_t> excluded,
    bool* empty_input) const {
  Scratch& s = ScratchFor(id, labels.size(), target_count, variant_count);
  const float k1 = options.bm25_k1;
  const float b = options.bm25_b;
  std::vector<std::pair<uint32_t, float>>& grams = s.grams;
  std::vector<std::pair<uint32_t, float>>& query_grams = s.query_grams;
  // (term, head weight * idf)
  std::vector<std::pair<uint32_t, float>>& query_words = s.query_words;
  bool any_words = false;
  // Folded once for all languages.
  const std::vector<std::string> prepared = Prepare(text, options.normalize);
  for (size_t lang_idx = 0; lang_idx < langs.size(); ++lang_idx) {
    const LangIndex& index = langs[lang_idx];
    if (index.doc_count == 0) continue;
    Analysed q = AnalyseWords(prepared, index.lang, options.normalize);
    if (q.stems.empty()) continue;
    any_words = true;
    // A feminine form the labels do not hold ("caissière" where titles say
    // "Caissier / Caissière", reduced to "caissier"): use the masculine.
    if (options.normalize && index.lang == "fr") {
      for (size_t word_idx = 0; word_idx < q.words.size(); ++word_idx) {
        if (index.word_ids.count(q.stems[word_idx])) continue;
        for (const std::string& form : text::MasculineCandidates(q.words[word_idx])) {
          std::string stem = NormalizerFor(index.lang).Stem(form);
          if (index.word_ids.count(stem)) {
            q.Replace(word_idx, form, std::move(stem));
            break;
          }
        }
      }
    }
    // Word model: BM25 over unique query stems, normalised by the score a
    // label made of exactly the query's words would get.
    // Unique stems with a weight: the head word of the title (the first in
    // French, "formateur bureautique"; the last in English, "software
    // developer") says what the job is and weighs more.
    std::vector<std::pair<std::string, float>> unique;
    const size_t head = index.lang == "en" ? q.stems.size() - 1 : 0;
    for (size_t word_idx = 0; word_idx < q.stems.size(); ++word_idx) {
      const float weight = word_idx == head ? 1 + options.head_weight : 1;
      auto it = std::find_if(unique.begin(), unique.end(), [&](const auto& u) {
        return u.first == q.stems[word_idx];
      });
      if (it == unique.end()) {
        unique.emplace_back(q.stems[word_idx], weight);
      } else {
        it->second = std::max(it->second, weight);
      }
    }
    const float qlen = static_cast<float>(q.stems.size());
    const float perfect_tf =
        (k1 + 1) / (1 + k1 * (1 - b + b * qlen / index.avg_len));
    float perfect = 0;
    query_words.clear();
    for (const auto& [stem, qweight] : unique) {
      auto it = index.word_ids.find(stem);
      const float idf = qweight * (it == index.word_ids.end()
                                       ? index.unknown_word_idf
                                       : index.word_idf[it->second]);
      perfect += idf * perfect_tf;
      if (it != index.word_ids.end()) query_words.emplace_back(it->second, idf);
    }
    std::sort(query_words.begin(), query_words.end());
    // Profiles per language; a target keeps its best language's score.
    auto merge_max = [&](std::vector<float>* into, std::vector<int32_t>* owners) {
      for (int32_t owner : s.lang_owners) {
        if ((*into)[owner] == 0) owners->push_back(owner);
        (*into)[owner] = std::max((*into)[owner], s.lang_score[owner]);
        s.lang_score[owner] = 0;
      }
      s.lang_owners.clear();
    };
    if (options.profile_weight > 0) {
      ScoreProfile(index, index.target_profile, target_of_label, unique,
                   excluded, &s.lang_score, &s.lang_owners);
      merge_max(&s.profile, &s.profile_targets);
    }
    if (options.group_weight > 0 && occupations) {
      ScoreProfile(index, index.group_profile, group_of_label, unique,
                   excluded, &s.lang_score, &s.lang_owners);
      merge_max(&s.group, &s.group_owners);
    }
    Trigrams(q.joined, options.fourgrams, &grams);
    float qnorm = 0;
    query_grams.clear();
    for (const auto& [key, count] : grams) {
      auto it = index.gram_ids.find(key);
      float weight = count * (it == index.gram_ids.end()
                                  ? index.unknown_gram_idf
                                  : index.gram_idf[it->second]);
      qnorm += weight * weight;
      if (it != index.gram_ids.end()) query_grams.emplace_back(it->second, weight);
    }
    qnorm = std::sqrt(qnorm);
    std::sort(query_grams.begin(), query_grams.end());
    // The n-grams of the query's content words: only they bring in
    // candidates, so that a function word ("sous", "de", "of") never
    // carries a match on its own; all n-grams still count in the scores.
    {
      std::string content;
      for (const std::string& word : q.words) {
        if (!content.empty()) content.push_back(' ');
        content += word;
      }
      Trigrams(content, options.fourgrams, &grams);
      s.content_grams.clear();
      for (const auto& [key, count] : grams) {
        auto it = index.gram_ids.find(key);
        if (it != index.gram_ids.end()) s.content_grams.push_back(it->second);
      }
      std::sort(s.content_grams.begin(), s.content_grams.end());
    }
    auto is_content = [&](uint32_t term) {
      return std::binary_search(s.content_grams.begin(), s.content_grams.end(),
                                term);
    };

    // Candidates: the labels that share a rare word or a rare trigram with
    // the query. Common ones ("agent", "eur") would bring in thousands of
    // labels that cannot win; they still count in the scores below. When
    // the query has nothing rare, the common terms find the candidates.
    const size_t before = s.touched_docs.size();
    // Postings add a partial score (the rare terms' part), used to keep the
    // best kMaxExact candidates when there are more.
    auto touch = [&](const Postings& postings, uint32_t term, float weight) {
      for (uint32_t pos = postings.offsets[term];
           pos < postings.offsets[term + 1]; ++pos) {
        const int32_t doc = postings.docs[pos];
        s.gram_score[doc] += weight * postings.values[pos];
        if (!s.doc_seen[doc]) {
          s.doc_seen[doc] = 1;
          s.touched_docs.push_back(doc);
        }
      }
    };
    const float word_share = options.word_weight / std::max(perfect, 1e-6f);
    const float gram_share = (1 - options.word_weight) / qnorm;
    for (const auto& [term, idf] : query_words) {
      // tf-free upper part of BM25: enough to rank candidates.
      if (!index.word_common[term]) touch(index.words, term, word_share * idf);
    }
    for (const auto& [term, weight] : query_grams) {
      if (!index.gram_common[term] && is_content(term)) {
        touch(index.grams, term, gram_share * weight);
      }
    }
    if (s.touched_docs.size() - before < kMinCandidates) {
      for (const auto& [term, idf] : query_words) {
        if (index.word_common[term]) touch(index.words, term, word_share * idf);
      }
      for (const auto& [term, weight] : query_grams) {
        if (index.gram_common[term] && is_content(term)) {
          touch(index.grams, term, gram_share * weight);
        }
      }
    }
    if (s.touched_docs.size() - before > kMaxExact) {
      auto first = s.touched_docs.begin() + before;
      std::nth_element(first, first + kMaxExact, s.touched_docs.end(),
                       [&](int32_t x, int32_t y) {
                         if (s.gram_score[x] != s.gram_score[y]) {
                           return s.gram_score[x] > s.gram_score[y];
                         }
                         return x < y;
                       });
      for (auto it = first + kMaxExact; it != s.touched_docs.end(); ++it) {
        s.gram_score[*it] = 0;
        s.doc_seen[*it] = 0;
      }
      s.touched_docs.resize(before + kMaxExact);
    }
    // Exact scores of the candidates, from their forward lists, with the
    // query's weights spread over dense arrays indexed by term.
    if (s.word_lookup.size() < index.word_idf.size()) {
      s.word_lookup.resize(index.word_idf.size(), 0);
    }
    if (s.gram_lookup.size() < index.gram_idf.size()) {
      s.gram_lookup.resize(index.gram_idf.size(), 0);
    }
    for (const auto& [term, idf] : query_words) s.word_lookup[term] = idf;
    for (const auto& [term, weight] : query_grams) s.gram_lookup[term] = weight;
    for (size_t touched_idx = before; touched_idx < s.touched_docs.size();
         ++touched_idx) {
      const int32_t doc = s.touched_docs[touched_idx];
      // Word model: BM25, normalised by the score of a label made of exactly
      // the query's words.
      float bm25 = 0;
      const float norm = k1 * (1 - b + b * doc_len[doc] / index.avg_len);
      for (uint32_t pos = fwd_word_offsets[doc]; pos < fwd_word_offsets[doc + 1];
           ++pos) {
        const float idf = s.word_lookup[fwd_word_terms[pos]];
        const float tf = fwd_word_tf[pos];
        bm25 += idf * tf * (k1 + 1) / (tf + norm);
      }
      // Character model: cosine of tf-idf trigram vectors.
      float dot = 0;
      for (uint32_t pos = fwd_offsets[doc]; pos < fwd_offsets[doc + 1]; ++pos) {
        dot += s.gram_lookup[fwd_terms[pos]] * fwd_values[pos];
      }
      s.word_score[doc] = std::min(1.0f, bm25 / perfect);
      s.gram_score[doc] = dot / qnorm;
    }
    for (const auto& [term, idf] : query_words) s.word_lookup[term] = 0;
    for (const auto& [term, weight] : query_grams) s.gram_lookup[term] = 0;
  }
  *empty_input = !any_words;
  // Label scores, aggregated per target.
  const float w = options.word_weight;
  // Variants of one title (same target, same normalised words: "boulanger",
  // "boulangère", "boulanger/boulangère") count once, by their best.
  for (int32_t doc : s.touched_docs) {
    float score = w * s.word_score[doc] + (1 - w) * s.gram_score[doc];
    s.word_score[doc] = 0;
    s.gram_score[doc] = 0;
    s.doc_seen[doc] = 0;
    if (score <= 0 ||
        std::find(excluded.begin(), excluded.end(), doc) != excluded.end()) {
      continue;
    }
    const int32_t group = variant_group[doc];
    const int32_t held = s.variant_doc[group];
    if (held < 0) {
      s.touched_variants.push_back(group);
    } else if (score < s.variant_score[group] ||
               (score == s.variant_score[group] &&
                labels[doc].text.size() >= labels[held].text.size())) {
      continue;
    }
    // Equal scores: show the plainer label ("Maçon" before "Apprenti maçon").
    s.variant_score[group] = score;
    s.variant_doc[group] = doc;
  }
  for (int32_t group : s.touched_variants) {
    const int32_t doc = s.variant_doc[group];
    const float score = s.variant_score[group];
    s.variant_doc[group] = -1;
    s.variant_score[group] = 0;
    const int32_t target = labels[doc].target;
    float* top = &s.top3[static_cast<size_t>(target) * 3];
    if (!s.target_seen[target]) {
      s.target_seen[target] = 1;
      s.touched_targets.push_back(target);
    }
    if (score > top[0]) {
      top[2] = top[1];
      top[1] = top[0];
      top[0] = score;
      s.best_label[target] = doc;
    } else if (score > top[1]) {
      top[2] = top[1];
      top[1] = score;
    } else if (score > top[2]) {
      top[2] = score;
    }
  }
  s.touched_docs.clear();
  s.touched_variants.clear();
  const float a = options.agreement;
  const float denominator = 1 + a + a * a;
  std::vector<CodingCandidate> all;
  all.reserve(s.touched_targets.size());
  const float mu = options.profile_weight;
  const float nu = options.group_weight;
  for (int32_t target : s.touched_targets) {
    float* top = &s.top3[static_cast<size_t>(target) * 3];
    CodingCandidate c;
    c.target = target;
    c.score = (1 - mu) * (top[0] + a * top[1] + a * a * top[2]) / denominator +
              mu * s.profile[target];
    if (nu > 0 && occupations) {
      NodeIndex group = taxonomy->node(target).parent;
      c.score = (c.score + (group != kNoNode ? nu * s.group[group] : 0)) / (1 + nu);
    }
    c.best_label = s.best_label[target];
    all.push_back(c);
    top[0] = top[1] = top[2] = 0;
    s.target_seen[target] = 0;
    s.best_label[target] = -1;
  }
  s.touched_targets.clear();
  for (int32_t target : s.profile_targets) s.profile[target] = 0;
  s.profile_targets.clear();
  for (int32_t group : s.group_owners) s.group[group] = 0;
  s.group_owners.clear();
  auto better = [this](const CodingCandidate& x, const CodingCandidate& y) {
    if (x.score != y.score) return x.score > y.score;
    return TargetCode(x.target) < TargetCode(y.target);
  };
  keep = std::min(all.size(), keep);
  std::partial_sort(all.begin(), all.begin() + keep, all.end(), better);
  all.resize(keep);
  return all;
}


namespace {

// Candidates kept for the context to re-rank.
constexpr size_t kContextPool = 20;

// Logistic regression p = 1 / (1 + exp(-(b0 + b1 x1 + b2 x2))) by Newton's
// method with a small ridge (the fit must not blow up when the sample is
// separable). Rows are {1, x1, x2}.
std::array<double, 3> FitLogistic(const std::vector<std::array<double, 3>>& x,
                                  const std::vector<double>& y) {
  std::array<double, 3> beta = {0, 0, 0};
  const double ridge = 1e-3;
  for (int iter = 0; iter < 50; ++iter) {
    double g[3] = {0, 0, 0};
    double h[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    for (size_t row = 0; row < x.size(); ++row) {
      double z = beta[0] * x[row][0] + beta[1] * x[row][1] + beta[2] * x[row][2];
      double p = 1 / (1 + std::exp(-z));
      double wgt = p * (1 - p);
      for (int i = 0; i < 3; ++i) {
        g[i] += (y[row] - p) * x[row][i];
        for (int j = 0; j < 3; ++j) h[i][j] += wgt * x[row][i] * x[row][j];
      }
    }
    for (int i = 0; i < 3; ++i) {
      g[i] -= ridge * beta[i];
      h[i][i] += ridge;
    }
    // Solve h * step = g (3x3, Cramer's rule).
    auto det3 = [](double m[3][3]) {
      return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
             m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
             m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    };
    double d = det3(h);
    if (std::abs(d) < 1e-12) break;
    double step[3];
    for (int col = 0; col < 3; ++col) {
      double m[3][3];
      for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) m[i][j] = j == col ? g[i] : h[i][j];
      }
      step[col] = det3(m) / d;
    }
    double change = 0;
    for (int i = 0; i < 3; ++i) {
      beta[i] += step[i];
      change += std::abs(step[i]);
    }
    if (change < 1e-8) break;
  }
  return beta;
}

}  // namespace

void Coder::Impl::ApplyContext(const CodingContext& context,
                               float title_confidence,
                               std::vector<CodingCandidate>* candidates) const {
  const float weight = options.context_weight * (1 - 0.5f * title_confidence);
  if (weight <= 0 || candidates->size() < 2) return;
  Scratch& s = ScratchFor(id, labels.size(), target_count, variant_count);
  // The context's words as one query: the sector's count twice (it is
  // short and says the trade), the description's once per occurrence, at
  // most three times.
  const std::vector<std::string> sector = Prepare(context.sector, options.normalize);
  const std::vector<std::string> description =
      Prepare(context.description.substr(0, 2000), options.normalize);
  std::vector<float> context_score(candidates->size(), 0);
  for (const LangIndex& index : langs) {
    if (index.doc_count == 0) continue;
    std::map<std::string, float> weights;
    for (const std::string& stem :
         AnalyseWords(sector, index.lang, options.normalize).stems) {
      weights[stem] = std::min(weights[stem] + 2, 4.0f);
    }
    for (const std::string& stem :
         AnalyseWords(description, index.lang, options.normalize).stems) {
      weights[stem] = std::min(weights[stem] + 1, 4.0f);
    }
    if (weights.empty()) continue;
    std::vector<std::pair<std::string, float>> query(weights.begin(), weights.end());
    ScoreProfile(index, index.target_profile, target_of_label, query, {},
                 &s.lang_score, &s.lang_owners);
    for (size_t rank = 0; rank < candidates->size(); ++rank) {
      context_score[rank] =
          std::max(context_score[rank], s.lang_score[(*candidates)[rank].target]);
    }
    for (int32_t owner : s.lang_owners) s.lang_score[owner] = 0;
    s.lang_owners.clear();
  }
  const float best = *std::max_element(context_score.begin(), context_score.end());
  if (best <= 0) return;
  for (size_t rank = 0; rank < candidates->size(); ++rank) {
    auto& c = (*candidates)[rank];
    c.score = (c.score + weight * context_score[rank] / best) / (1 + weight);
  }
  std::stable_sort(candidates->begin(), candidates->end(),
                   [this](const CodingCandidate& x, const CodingCandidate& y) {
                     if (x.score != y.score) return x.score > y.score;
                     return TargetCode(x.target) < TargetCode(y.target);
                   });
}

CodingResult Coder::Impl::Code(std::string_view text, int top_k,
                               std::span<const int32_t> excluded,
                               const CodingContext& context) const {
  CodingResult result;
  std::string cleaned;
  if (options.clean_job_titles && occupations) {
    cleaned = text::CleanJobTitle(text);
    text = cleaned;
  }
  const bool with_context =
      occupations && options.context_weight > 0 &&
      (!context.sector.empty() || !context.description.empty());
  // One more than asked, for the margin of the last candidate shown.
  const size_t wanted = static_cast<size_t>(std::max(top_k, 1)) + 1;
  std::vector<CodingCandidate> all =
      Rank(text, with_context ? std::max(wanted, kContextPool) : wanted,
           excluded, &result.empty_input);
  auto set_confidences = [&] {
    for (size_t rank = 0; rank < all.size(); ++rank) {
      float best_other = rank == 0 ? (all.size() > 1 ? all[1].score : 0)
                                   : all[0].score;
      all[rank].confidence =
          Confidence(all[rank].score, all[rank].score - best_other);
    }
  };
  set_confidences();
  if (with_context && !all.empty()) {
    ApplyContext(context, all[0].confidence, &all);
    set_confidences();
  }
  if (all.size() > static_cast<size_t>(top_k)) all.resize(std::max(top_k, 0));
  result.candidates = std::move(all);
  result.needs_review = result.candidates.empty() ||
                        result.candidates[0].confidence < review_threshold;
  if (context.priors != nullptr && occupations && top_k > 0) {
    std::optional<TitlePriors::Decision> decision = context.priors->Find(text);
    const NodeIndex node =
        decision ? taxonomy->FindNode(decision->code) : kNoNode;
    if (node != kNoNode && taxonomy->node(node).level == "occupation") {
      CodingCandidate prior;
      prior.target = node;
      prior.score = 1;
      auto& c = result.candidates;
      auto it = std::find_if(c.begin(), c.end(), [&](const CodingCandidate& x) {
        return x.target == node;
      });
      if (it != c.end()) {
        prior = *it;
        c.erase(it);
      }
      prior.confidence = decision->share;
      c.insert(c.begin(), prior);
      if (c.size() > static_cast<size_t>(top_k)) c.resize(top_k);
      result.from_prior = true;
      result.needs_review = prior.confidence < review_threshold;
    }
  }
  return result;
}

bool Coder::Impl::CalibrateOnTitles() {
  std::vector<std::array<double, 3>> x;
  std::vector<double> y;
  for (const auto& t : options.calibration_titles) {
    const NodeIndex node = taxonomy->FindNode(t.code);
    if (node == kNoNode || taxonomy->node(node).level != "occupation") continue;
    CodingContext context;
    context.sector = t.sector;
    context.description = t.description;
    CodingResult r = Code(t.title, 2, {}, context);
    if (r.candidates.empty()) {
      x.push_back({1, 0, 0});
      y.push_back(0);
      continue;
    }
    const CodingCandidate& top = r.candidates[0];
    float margin = top.score - (r.candidates.size() > 1 ? r.candidates[1].score : 0);
    x.push_back({1, top.score, margin});
    y.push_back(top.target == node ? 1 : 0);
  }
  if (x.size() < 200) return false;
  std::array<double, 3> beta = FitLogistic(x, y);
  calibration = {static_cast<float>(beta[0]), static_cast<float>(beta[1]),
                 static_cast<float>(beta[2])};
  calibrated = true;
  // The lowest threshold at which the codes at or above it were right
  // target_precision of the time.
  std::vector<std::pair<float, double>> scored;
  for (size_t row = 0; row < x.size(); ++row) {
    scored.emplace_back(Confidence(static_cast<float>(x[row][1]),
                                   static_cast<float>(x[row][2])),
                        y[row]);
  }
  std::sort(scored.begin(), scored.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  float threshold = scored.empty() ? 1.01f : scored[0].first + 1e-6f;
  double right = 0;
  for (size_t idx = 0; idx < scored.size(); ++idx) {
    right += scored[idx].second;
    const bool last_of_tie =
        idx + 1 == scored.size() || scored[idx + 1].first < scored[idx].first;
    if (last_of_tie && right / static_cast<double>(idx + 1) >= options.target_precision) {
      threshold = scored[idx].first;
    }
  }
  review_threshold = threshold;
  return true;
}

void TitlePriors::Add(std::string_view title, std::string_view code,
                      float weight) {
  if (weight <= 0 || code.empty()) return;
  std::string key = Key(title);
  if (key.empty()) return;
  by_key_[key][std::string(code)] += weight;
}

std::optional<TitlePriors::Decision> TitlePriors::Find(
    std::string_view title) const {
  if (by_key_.empty()) return std::nullopt;
  auto it = by_key_.find(Key(title));
  if (it == by_key_.end()) return std::nullopt;
  Decision best;
  float total = 0;
  for (const auto& [code, weight] : it->second) {  // by code: ties to the first
    total += weight;
    if (weight > best.weight) {
      best.code = code;
      best.weight = weight;
    }
  }
  best.share = total > 0 ? best.weight / total : 0;
  return best;
}

std::string TitlePriors::Key(std::string_view title) {
  const std::string cleaned = text::CleanJobTitle(title);
  std::vector<std::string> words = text::FoldedWords(cleaned);
  // A feminine "-ée(s)" alone ("chargée", "employées"): the masculine, as
  // the coder finds it through its vocabulary.
  for (std::string& word : words) {
    const size_t size = word.size();
    if (size > 4 && word.compare(size - 2, 2, "ee") == 0) {
      word.pop_back();
    } else if (size > 5 && word.compare(size - 3, 3, "ees") == 0) {
      word.erase(size - 2, 1);
    }
  }
  text::Normalized n = NormalizerFor("fr").NormalizeWords(words);
  std::string key;
  for (const std::string& stem : n.stems) {
    if (!key.empty()) key.push_back(' ');
    key += stem;
  }
  return key;
}

void Coder::Impl::Calibrate() {
  calibrated = false;
  std::vector<int32_t> usable;
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    if (doc_len[doc] > 0) usable.push_back(static_cast<int32_t>(doc));
  }
  if (options.calibration_sample <= 0 || usable.size() < 50) return;
  // Seeded Fisher-Yates with our own draw, so the sample is the same on
  // every platform (std::uniform_int_distribution is not portable).
  std::mt19937_64 rng(options.seed);
  const size_t sample = std::min(usable.size(),
                                 static_cast<size_t>(options.calibration_sample));
  for (size_t pick = 0; pick < sample; ++pick) {
    size_t other = pick + rng() % (usable.size() - pick);
    std::swap(usable[pick], usable[other]);
  }
  usable.resize(sample);
  std::sort(usable.begin(), usable.end());
  std::map<std::pair<int32_t, std::string>, std::vector<int32_t>> by_key;
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    by_key[{labels[doc].target, label_keys[doc]}].push_back(doc);
  }
  calibration_labels = usable;
  std::vector<std::array<double, 3>> x;
  std::vector<double> y;
  for (int32_t doc : usable) {
    // Leave out the label and its variants (same words, same target).
    std::vector<int32_t> excluded;
    for (int32_t other : by_key[{labels[doc].target, label_keys[doc]}]) {
      excluded.push_back(other);
    }
    CodingResult r = Code(labels[doc].text, 2, excluded);
    if (r.candidates.empty()) {
      x.push_back({1, 0, 0});
      y.push_back(0);
      continue;
    }
    const CodingCandidate& top = r.candidates[0];
    float margin = top.score - (r.candidates.size() > 1 ? r.candidates[1].score : 0);
    x.push_back({1, top.score, margin});
    y.push_back(top.target == labels[doc].target ? 1 : 0);
  }
  std::array<double, 3> beta = FitLogistic(x, y);
  calibration = {static_cast<float>(beta[0]), static_cast<float>(beta[1]),
                 static_cast<float>(beta[2])};
  calibrated = true;
}

Coder::Coder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Coder::~Coder() = default;

Result<std::unique_ptr<Coder>> Coder::ForOccupations(const Taxonomy& taxonomy,
                                                     const CoderOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->taxonomy = &taxonomy;
  impl->occupations = true;
  impl->options = options;
  impl->target_count = static_cast<int32_t>(taxonomy.node_count());
  std::unordered_set<std::string> seen;
  auto add = [&](NodeIndex node, const std::string& lang, const std::string& text) {
    std::string key = std::to_string(node) + "\x1f" + lang + "\x1f" + text;
    if (!seen.insert(key).second) return;
    impl->labels.push_back(CoderLabel{node, lang, text});
  };
  for (NodeIndex node : taxonomy.occupations()) {
    add(node, taxonomy.main_language(), taxonomy.node(node).label);
    for (const Label& label : taxonomy.node(node).labels) {
      add(node, label.lang, label.text);
    }
  }
  if (impl->labels.empty()) {
    return Status::DataError(taxonomy.info().name +
                             ": no occupation labels to code against");
  }
  impl->review_threshold = options.review_threshold;
  impl->Build();
  impl->Calibrate();
  if (!options.calibration_titles.empty()) impl->CalibrateOnTitles();
  return std::unique_ptr<Coder>(new Coder(std::move(impl)));
}

Result<std::unique_ptr<Coder>> Coder::ForSkills(const Taxonomy& taxonomy,
                                                const CoderOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->taxonomy = &taxonomy;
  impl->occupations = false;
  impl->options = options;
  impl->target_count = static_cast<int32_t>(taxonomy.skill_count());
  std::unordered_set<std::string> seen;
  for (size_t skill_idx = 0; skill_idx < taxonomy.skill_count(); ++skill_idx) {
    for (const SkillLabel& label : taxonomy.skill(skill_idx).labels) {
      std::string key =
          std::to_string(skill_idx) + "\x1f" + label.lang + "\x1f" + label.text;
      if (!seen.insert(key).second) continue;
      impl->labels.push_back(
          CoderLabel{static_cast<int32_t>(skill_idx), label.lang, label.text});
    }
  }
  if (impl->labels.empty()) {
    return Status::DataError(taxonomy.info().name + ": no skill labels to code against");
  }
  impl->review_threshold = options.review_threshold;
  impl->Build();
  impl->Calibrate();
  return std::unique_ptr<Coder>(new Coder(std::move(impl)));
}

CodingResult Coder::Code(std::string_view text, int top_k) const {
  return impl_->Code(text, top_k, {});
}

CodingResult Coder::Code(std::string_view text, int top_k,
                         const CodingContext& context) const {
  return impl_->Code(text, top_k, {}, context);
}

std::vector<TitleCoding> Coder::CodeSeveral(std::string_view text, int top_k,
                                            const CodingContext& context) const {
  const std::string cleaned = impl_->options.clean_job_titles
                                  ? text::CleanJobTitle(text)
                                  : std::string(text);
  CodingResult whole = impl_->Code(cleaned, top_k, {}, context);
  const text::JobSplit split =
      impl_->occupations ? text::JobParts(cleaned) : text::JobSplit{};
  if (split.parts.size() >= 2) {
    std::vector<TitleCoding> parts;
    std::unordered_set<int32_t> seen;
    bool holds = true;
    for (const std::string& part : split.parts) {
      CodingResult r = impl_->Code(part, top_k, {}, context);
      if (r.needs_review || r.candidates.empty()) {
        holds = false;
        break;
      }
      if (split.by_word && !whole.needs_review && !whole.candidates.empty() &&
          r.candidates[0].confidence <= whole.candidates[0].confidence) {
        holds = false;
        break;
      }
      if (!seen.insert(r.candidates[0].target).second) continue;
      parts.push_back({part, std::move(r)});
    }
    if (holds && parts.size() >= 2) return parts;
  }
  std::vector<TitleCoding> one;
  one.push_back({cleaned, std::move(whole)});
  return one;
}

CodingResult Coder::CodeExcluding(std::string_view text, int top_k,
                                  std::span<const int32_t> excluded) const {
  return impl_->Code(text, top_k, excluded);
}

const std::string& Coder::LabelKey(int32_t label) const {
  return impl_->label_keys[label];
}

std::vector<int32_t> Coder::Spot(std::string_view text) const {
  std::vector<int32_t> found;
  std::unordered_set<int32_t> seen;
  // Folded once for all languages.
  const std::vector<std::string> prepared =
      Prepare(text, impl_->options.normalize);
  for (const LangIndex& index : impl_->langs) {
    // A language without labels spots nothing.
    if (index.doc_count == 0) continue;
    Analysed a = AnalyseWords(prepared, index.lang, impl_->options.normalize);
    const auto& stems = a.stems;
    size_t pos = 0;
    while (pos < stems.size()) {
      auto it = impl_->spot_by_first.find(stems[pos]);
      size_t best_len = 0;
      int32_t best_doc = -1;
      if (it != impl_->spot_by_first.end()) {
        for (int32_t doc : it->second) {
          if (impl_->labels[doc].lang != index.lang) continue;
          const auto& phrase = impl_->label_stems[doc];
          if (phrase.size() <= best_len || pos + phrase.size() > stems.size()) {
            continue;
          }
          if (std::equal(phrase.begin(), phrase.end(), stems.begin() + pos)) {
            best_len = phrase.size();
            best_doc = doc;
          }
        }
      }
      if (best_doc >= 0) {
        int32_t target = impl_->labels[best_doc].target;
        if (seen.insert(target).second) found.push_back(target);
        pos += best_len;
      } else {
        ++pos;
      }
    }
  }
  return found;
}

const std::vector<CoderLabel>& Coder::labels() const { return impl_->labels; }
const std::vector<int32_t>& Coder::calibration_labels() const {
  return impl_->calibration_labels;
}
const CoderOptions& Coder::options() const { return impl_->options; }
float Coder::review_threshold() const { return impl_->review_threshold; }
std::vector<float> Coder::calibration() const { return impl_->calibration; }
const std::string& Coder::TargetCode(int32_t target) const {
  return impl_->TargetCode(target);
}

}  // namespace skillmatch::classification
