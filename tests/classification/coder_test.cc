#include "skillmatch/classification/coder.h"

#include <gtest/gtest.h>

#include <thread>

#include "skillmatch/classification/bundle.h"

namespace skillmatch::classification {
namespace {

const std::string kSample =
    std::string(SKILLMATCH_SOURCE_DIR) + "/data/roame-sample";
const std::string kTiny =
    std::string(SKILLMATCH_SOURCE_DIR) + "/tests/fixtures/bundles/tiny";

class SampleCoder : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto tax = ReadBundle(kSample);
    ASSERT_TRUE(tax.ok()) << tax.status().message();
    tax_ = new Taxonomy(std::move(*tax));
    auto titles = Coder::ForOccupations(*tax_);
    ASSERT_TRUE(titles.ok()) << titles.status().message();
    titles_ = titles->release();
    auto skills = Coder::ForSkills(*tax_);
    ASSERT_TRUE(skills.ok()) << skills.status().message();
    skills_ = skills->release();
  }
  static void TearDownTestSuite() {
    delete skills_;
    delete titles_;
    delete tax_;
  }
  static std::string Top(const Coder& coder, const std::string& text) {
    CodingResult r = coder.Code(text, 5);
    return r.candidates.empty() ? "" : coder.TargetCode(r.candidates[0].target);
  }
  static Taxonomy* tax_;
  static Coder* titles_;
  static Coder* skills_;
};
Taxonomy* SampleCoder::tax_ = nullptr;
Coder* SampleCoder::titles_ = nullptr;
Coder* SampleCoder::skills_ = nullptr;

TEST_F(SampleCoder, CodesTitlesAsPeopleWriteThem) {
  ASSERT_NE(titles_, nullptr);
  EXPECT_EQ(Top(*titles_, "COMPTABLE (H/F)"), "M1201");
  EXPECT_EQ(Top(*titles_, "zemidjan"), "N1301");
  EXPECT_EQ(Top(*titles_, "Mobile money agent"), "C1204");
  EXPECT_EQ(Top(*titles_, "maçon urgent"), "F1701");
  EXPECT_EQ(Top(*titles_, "MACONS"), "F1701");
  // A feminine form alone, where titles give "Caissier / Caissière".
  EXPECT_EQ(Top(*titles_, "caissiere"), Top(*titles_, "caissier"));
}

TEST_F(SampleCoder, ResultsAreRankedWithCalibratedConfidence) {
  ASSERT_NE(titles_, nullptr);
  CodingResult r = titles_->Code("chauffeur de taxi", 5);
  ASSERT_EQ(r.candidates.size(), 5u);
  for (size_t rank = 0; rank < r.candidates.size(); ++rank) {
    const auto& c = r.candidates[rank];
    EXPECT_GE(c.score, 0.0f);
    EXPECT_LE(c.score, 1.0f);
    EXPECT_GE(c.confidence, 0.0f);
    EXPECT_LE(c.confidence, 1.0f);
    if (rank > 0) {
      EXPECT_GE(r.candidates[rank - 1].score, c.score);
      EXPECT_GE(r.candidates[0].confidence, c.confidence);
    }
    EXPECT_EQ(titles_->labels()[c.best_label].target, c.target);
  }
  // The model was fitted: more score and margin, more confidence.
  auto cal = titles_->calibration();
  ASSERT_EQ(cal.size(), 3u);
  EXPECT_GT(cal[1], 0.0f);
  EXPECT_FALSE(titles_->calibration_labels().empty());
}

TEST_F(SampleCoder, EmptyAndUnusableInputGiveAnExplicitEmptyResult) {
  ASSERT_NE(titles_, nullptr);
  for (const char* text : {"", "   ", "(H/F) -- urgent", "Ma\xE7on"}) {
    CodingResult r = titles_->Code(text, 5);
    EXPECT_TRUE(r.candidates.empty()) << text;
    EXPECT_TRUE(r.needs_review) << text;
    EXPECT_TRUE(r.empty_input) << text;
  }
}

TEST_F(SampleCoder, UnknownWordsAreSentToReview) {
  ASSERT_NE(titles_, nullptr);
  CodingResult r = titles_->Code("xylophoniste quantique", 3);
  EXPECT_TRUE(r.needs_review);
  EXPECT_FALSE(r.empty_input);
}

TEST_F(SampleCoder, LeaveOneOutHidesTheLabel) {
  ASSERT_NE(titles_, nullptr);
  const auto& labels = titles_->labels();
  int32_t zemidjan = -1;
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    if (labels[doc].text == "Zémidjan") zemidjan = static_cast<int32_t>(doc);
  }
  ASSERT_GE(zemidjan, 0);
  CodingResult with = titles_->Code("Zémidjan", 3);
  ASSERT_FALSE(with.candidates.empty());
  EXPECT_EQ(with.candidates[0].best_label, zemidjan);
  std::vector<int32_t> excluded = {zemidjan};
  CodingResult without = titles_->CodeExcluding("Zémidjan", 3, excluded);
  for (const auto& c : without.candidates) EXPECT_NE(c.best_label, zemidjan);
  EXPECT_LT(without.candidates.empty() ? 0.0f : without.candidates[0].score,
            with.candidates[0].score);
}


TEST_F(SampleCoder, FunctionWordsNeverCarryAMatchAlone) {
  ASSERT_NE(titles_, nullptr);
  for (const char* text : {"sous", "de la", "sous les", "of the", "and"}) {
    CodingResult r = titles_->Code(text, 5);
    EXPECT_TRUE(r.candidates.empty()) << text;
    EXPECT_TRUE(r.empty_input) << text;
  }
  // An unknown word beside a function word: no candidate is found through
  // the function word's n-grams.
  for (const auto& c : titles_->Code("sous qwzx", 5).candidates) {
    const std::string& label = titles_->labels()[c.best_label].text;
    EXPECT_EQ(label.find("sous"), std::string::npos) << label;
  }
}

TEST_F(SampleCoder, JobBoardNoiseIsCleanedBeforeCoding) {
  ASSERT_NE(titles_, nullptr);
  EXPECT_EQ(Top(*titles_, "Avis de recrutement : (12) MAÇONS - Douala"), "F1701");
  EXPECT_EQ(Top(*titles_, "Offre D'emploi: 04 Comptables (H/F) - Yaoundé"),
            Top(*titles_, "comptable"));
  CodingResult noisy = titles_->Code("URGENT Comptable à Douala, P-3", 3);
  CodingResult plain = titles_->Code("Comptable", 3);
  ASSERT_FALSE(noisy.candidates.empty());
  EXPECT_EQ(noisy.candidates[0].target, plain.candidates[0].target);
  EXPECT_FLOAT_EQ(noisy.candidates[0].confidence, plain.candidates[0].confidence);
}

TEST_F(SampleCoder, SeveralJobsGiveSeveralCodings) {
  ASSERT_NE(titles_, nullptr);
  auto codes = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const TitleCoding& t : titles_->CodeSeveral(text, 3)) {
      out.push_back(t.result.candidates.empty()
                        ? ""
                        : titles_->TargetCode(t.result.candidates[0].target));
    }
    return out;
  };
  EXPECT_EQ(codes("Maçon / Plombier"), (std::vector<std::string>{"F1701", "F1602"}));
  EXPECT_EQ(codes("Comptable et magasinier"),
            (std::vector<std::string>{Top(*titles_, "comptable"), "N1101"}));
  std::vector<TitleCoding> parts = titles_->CodeSeveral("04 Maçons / Plombiers - Douala", 3);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].title, "Maçons");
  EXPECT_EQ(parts[1].title, "Plombiers");
  // One job: one coding, the same as Code.
  std::vector<TitleCoding> one = titles_->CodeSeveral("Vendeur / Vendeuse en magasin", 3);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(titles_->TargetCode(one[0].result.candidates[0].target),
            Top(*titles_, "Vendeur / Vendeuse en magasin"));
  EXPECT_EQ(titles_->CodeSeveral("Maçon", 3).size(), 1u);
  // A part that does not code on its own keeps the title whole.
  EXPECT_EQ(titles_->CodeSeveral("Maçon et qwzx", 3).size(), 1u);
  // Parts coded to one occupation are one coding.
  EXPECT_EQ(titles_->CodeSeveral("MAÇON / Maçon", 3).size(), 1u);
}

TEST_F(SampleCoder, SectorSettlesAGenericTitle) {
  ASSERT_NE(titles_, nullptr);
  CodingContext bank;
  bank.sector = "Banque, établissement de crédit";
  CodingContext insurance;
  insurance.sector = "Compagnie d'assurance";
  insurance.description = "Vous vendez nos contrats d'assurance vie et d'assurance auto.";
  // The default weight (0.2, tuned on France Travail offers) is cautious;
  // on the small sample a larger one shows the mechanism.
  CoderOptions options;
  options.context_weight = 0.6f;
  auto weighted = Coder::ForOccupations(*tax_, options);
  ASSERT_TRUE(weighted.ok());
  const Coder& coder = **weighted;
  CodingResult r_bank = coder.Code("Chargé de clientèle", 3, bank);
  CodingResult r_insurance = coder.Code("Chargé de clientèle", 3, insurance);
  ASSERT_FALSE(r_bank.candidates.empty());
  ASSERT_FALSE(r_insurance.candidates.empty());
  EXPECT_EQ(coder.TargetCode(r_bank.candidates[0].target), "C1202");
  EXPECT_EQ(coder.TargetCode(r_insurance.candidates[0].target), "C1101");
  // The insurance candidate moves up under the default weight too.
  auto rank_of = [&](const CodingResult& r, const std::string& code) {
    for (size_t rank = 0; rank < r.candidates.size(); ++rank) {
      if (titles_->TargetCode(r.candidates[rank].target) == code) return rank;
    }
    return r.candidates.size();
  };
  EXPECT_LE(rank_of(titles_->Code("Chargé de clientèle", 3, insurance), "C1101"),
            rank_of(titles_->Code("Chargé de clientèle", 3), "C1101"));
  // An empty context changes nothing.
  CodingResult plain = titles_->Code("Chargé de clientèle", 3);
  CodingResult empty = titles_->Code("Chargé de clientèle", 3, CodingContext{});
  ASSERT_EQ(plain.candidates.size(), empty.candidates.size());
  for (size_t rank = 0; rank < plain.candidates.size(); ++rank) {
    EXPECT_EQ(plain.candidates[rank].target, empty.candidates[rank].target);
    EXPECT_EQ(plain.candidates[rank].score, empty.candidates[rank].score);
  }
}

TEST(TitlePriors, RemembersDecisionsByNormalisedTitle) {
  TitlePriors priors;
  EXPECT_FALSE(priors.Find("Comptable").has_value());
  priors.Add("Chargé de clientèle (H/F)", "C1101");
  priors.Add("CHARGEE DE CLIENTELE", "C1101");
  priors.Add("chargé de clientèle - Douala", "D1401");
  priors.Add("", "D1401");               // no words: ignored
  priors.Add("Comptable", "M1201", 0);   // no weight: ignored
  EXPECT_EQ(priors.size(), 1u);
  EXPECT_EQ(TitlePriors::Key("Offre d'emploi : 02 Chargés de clientèle F/H"),
            TitlePriors::Key("chargé de clientèle"));
  EXPECT_EQ(TitlePriors::Key("CHARGÉE DE CLIENTÈLE (H/F) - Douala"),
            TitlePriors::Key("Chargé de clientèle"));
  auto d = priors.Find("Chargé(e) de clientèle");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->code, "C1101");
  EXPECT_FLOAT_EQ(d->weight, 2);
  EXPECT_FLOAT_EQ(d->share, 2.0f / 3);
  // Ties go to the first code in code order.
  TitlePriors tie;
  tie.Add("Commercial", "D1401");
  tie.Add("Commercial", "C1101");
  EXPECT_EQ(tie.Find("commercial")->code, "C1101");
}

TEST_F(SampleCoder, PriorsCodeARememberedTitleTheSameWay) {
  ASSERT_NE(titles_, nullptr);
  TitlePriors priors;
  priors.Add("Chargé de clientèle", "C1101");
  CodingContext context;
  context.priors = &priors;
  CodingResult r = titles_->Code("CHARGÉE DE CLIENTÈLE (H/F) - Douala", 3, context);
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_TRUE(r.from_prior);
  EXPECT_EQ(titles_->TargetCode(r.candidates[0].target), "C1101");
  EXPECT_FLOAT_EQ(r.candidates[0].confidence, 1);
  EXPECT_FALSE(r.needs_review);
  EXPECT_LE(r.candidates.size(), 3u);
  // Each target once.
  for (size_t rank = 1; rank < r.candidates.size(); ++rank) {
    EXPECT_NE(r.candidates[rank].target, r.candidates[0].target);
  }
  // Split decisions: the majority, flagged when its share is below the
  // review threshold.
  priors.Add("Chargé de clientèle", "C1202");
  priors.Add("Chargé de clientèle", "D1401");
  CodingResult split = titles_->Code("Chargé de clientèle", 3, context);
  EXPECT_TRUE(split.from_prior);
  EXPECT_EQ(titles_->TargetCode(split.candidates[0].target), "C1101");
  EXPECT_TRUE(split.needs_review);
  // A code the taxonomy does not have, or another title: the text decides.
  TitlePriors unknown;
  unknown.Add("Chargé de clientèle", "Z9999");
  context.priors = &unknown;
  EXPECT_FALSE(titles_->Code("Chargé de clientèle", 3, context).from_prior);
  EXPECT_FALSE(titles_->Code("Maçon", 3, context).from_prior);
}

TEST_F(SampleCoder, ConfidenceFittedOnPeoplesCodings) {
  ASSERT_NE(tax_, nullptr);
  // The sample's own job titles, written as boards write them, stand for
  // counsellors' codings.
  CoderOptions options;
  for (NodeIndex node : tax_->occupations()) {
    for (const Label& label : tax_->node(node).labels) {
      if (label.kind != LabelKind::kAppellation) continue;
      options.calibration_titles.push_back(
          {"Offre d'emploi : " + label.text + " (H/F)", tax_->node(node).code, "", ""});
    }
  }
  ASSERT_GE(options.calibration_titles.size(), 200u);
  options.target_precision = 0.95f;
  auto fitted = Coder::ForOccupations(*tax_, options);
  ASSERT_TRUE(fitted.ok()) << fitted.status().message();
  const Coder& coder = **fitted;
  EXPECT_NE(coder.review_threshold(), 0.5f);
  // On the titles it was fitted on, the unflagged codes reach the target.
  size_t kept = 0, right = 0;
  for (const auto& t : options.calibration_titles) {
    CodingResult r = coder.Code(t.title, 1);
    if (r.needs_review) continue;
    ++kept;
    right += coder.TargetCode(r.candidates[0].target) == t.code;
  }
  ASSERT_GT(kept, 0u);
  EXPECT_GE(static_cast<double>(right) / kept, 0.95);
  // Too few titles: the taxonomy's labels and the given threshold are kept.
  CoderOptions few;
  few.calibration_titles.resize(10, {"Maçon", "F1701", "", ""});
  auto unfitted = Coder::ForOccupations(*tax_, few);
  ASSERT_TRUE(unfitted.ok());
  EXPECT_EQ((*unfitted)->review_threshold(), 0.5f);
  EXPECT_EQ((*unfitted)->calibration(), titles_->calibration());
}

TEST_F(SampleCoder, SameAnswersFromSeveralThreads) {
  ASSERT_NE(titles_, nullptr);
  const std::vector<std::string> queries = {
      "comptable", "infirmière", "technicien réseau", "vendeuse de pagnes",
      "soudeur", "gardien de nuit", "cuisinier", "data analyst"};
  std::vector<std::string> serial;
  for (const auto& q : queries) serial.push_back(Top(*titles_, q));
  std::vector<std::vector<std::string>> parallel(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (const auto& q : queries) parallel[t].push_back(Top(*titles_, q));
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 2; ++t) {
    for (size_t i = 0; i < parallel[t].size(); ++i) {
      EXPECT_EQ(parallel[t][i], serial[i % queries.size()]);
    }
  }
}

TEST_F(SampleCoder, SkillCoderCodesShortFormsAndSpotsPhrases) {
  ASSERT_NE(skills_, nullptr);
  EXPECT_EQ(Top(*skills_, "excel"), "T0005");
  EXPECT_EQ(Top(*skills_, "Permis B"), "T0002");
  std::vector<int32_t> found = skills_->Spot(
      "Nous recherchons un chauffeur titulaire du permis B, maîtrisant "
      "Excel.");
  std::vector<std::string> ids;
  for (int32_t skill : found) ids.push_back(tax_->skill(skill).id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "T0002"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "T0005"), ids.end());
}

// Skills spotted by the code before Spot folded a text once for all its
// languages and the normaliser memoised its words (commit feb826d): the same
// skills, in the same order (French labels first, then English ones).
TEST_F(SampleCoder, SpotFindsWhatItFoundBeforeTheMemos) {
  ASSERT_NE(skills_, nullptr);
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"Nous recherchons pour Abomey-Calavi : Chauffeur / Chauffeuse de "
       "direction.",
       {"T0183", "T0471"}},
      {"Mbaye & Sow Agroalimentaire recrute à Saint-Louis - poste : "
       "Opérateur / Opératrice de fabrication.",
       {"K0062", "T0039", "K0019"}},
      {"Le poste demande : Évaluer les risques professionnels, sensibiliser "
       "le personnel à la sécurité et analyser un accident du travail.",
       {"T0286", "T0287", "T0288"}},
      {"Le poste demande : encaisser des paiements, négocier et encaisser le "
       "prix d'une course et rabattre des voyageurs et remplir un véhicule.",
       {"T0009", "T0478", "T0485"}},
      {"Vous maîtrisez : langues nationales (wolof, bambara, dioula, fon, "
       "haoussa, ewondo...), Évaluer les apprentissages et enseigner la "
       "lecture, l'écriture et le calcul.",
       {"K0039", "T0393", "T0394", "T0401"}},
      {"Savoir-faire attendus : zootechnie et alimentation animale, surveiller "
       "la santé des animaux et repérer les maladies et aménager et nettoyer "
       "les bâtiments d'élevage.",
       {"K0010", "T0075", "T0081"}},
      {"Driving licence B required, Excel and customer service skills; HR mgr "
       "experience.",
       {"T0005", "T0002", "S004"}},
      {"Vendeur·se polyvalent·e (H/F) : encaisser des paiements et gérer un "
       "stock.",
       {"S006", "T0009", "T0010"}},
      {"Technicien(ne)s de maintenance, Resp. cpt : utiliser Excel, permis B "
       "exigé.",
       {"T0005", "T0002"}},
      {"Poste de Vendeur / Vendeuse de chaussures à pourvoir à Cotonou.", {}},
  };
  for (int round = 0; round < 2; ++round) {  // cold, then warm memos
    for (const auto& [text, expected] : cases) {
      std::vector<std::string> ids;
      for (int32_t skill : skills_->Spot(text)) {
        ids.push_back(tax_->skill(skill).id);
      }
      EXPECT_EQ(ids, expected) << text;
    }
  }
}

// The per-thread normalisers memoise words: a thread that starts cold and
// one that has seen the texts before give the same codings to the last bit.
TEST_F(SampleCoder, SameCodingsWithColdAndWarmMemos) {
  ASSERT_NE(titles_, nullptr);
  const std::vector<std::string> texts = {"COMPTABLE (H/F)",
                                          "caissière",
                                          "Vendeur·se polyvalent·e",
                                          "Resp. cpt",
                                          "HR mgr",
                                          "Technicien(ne)s de maintenance",
                                          "Chauffeur PL / SPL",
                                          "Mobile money agent",
                                          "gardienne de nuit"};
  auto run = [&](std::vector<CodingResult>* codings,
                 std::vector<std::vector<int32_t>>* spotted) {
    for (const std::string& text : texts) {
      codings->push_back(titles_->Code(text, 10));
      codings->push_back(skills_->Code(text, 10));
      spotted->push_back(skills_->Spot(text));
    }
  };
  std::vector<CodingResult> cold, warm;
  std::vector<std::vector<int32_t>> cold_spots, warm_spots;
  std::thread fresh([&] { run(&cold, &cold_spots); });
  fresh.join();
  run(&warm, &warm_spots);
  run(&warm, &warm_spots);
  ASSERT_EQ(warm.size(), 2 * cold.size());
  for (size_t coding_idx = 0; coding_idx < warm.size(); ++coding_idx) {
    const CodingResult& a = cold[coding_idx % cold.size()];
    const CodingResult& b = warm[coding_idx];
    ASSERT_EQ(a.candidates.size(), b.candidates.size());
    for (size_t rank = 0; rank < a.candidates.size(); ++rank) {
      EXPECT_EQ(a.candidates[rank].target, b.candidates[rank].target);
      EXPECT_EQ(a.candidates[rank].best_label, b.candidates[rank].best_label);
      EXPECT_EQ(a.candidates[rank].score, b.candidates[rank].score);
      EXPECT_EQ(a.candidates[rank].confidence, b.candidates[rank].confidence);
    }
  }
  for (size_t spot_idx = 0; spot_idx < warm_spots.size(); ++spot_idx) {
    EXPECT_EQ(warm_spots[spot_idx], cold_spots[spot_idx % cold_spots.size()]);
  }
}

TEST(Coder, TiesAreBrokenByCode) {
  auto tax = ReadBundle(kTiny);
  ASSERT_TRUE(tax.ok());
  CoderOptions options;
  options.calibration_sample = 0;  // too few labels to fit anything
  auto coder = Coder::ForOccupations(*tax, options);
  ASSERT_TRUE(coder.ok());
  // "Chauffeur" is in the titles of N4101 and N4102 alike.
  CodingResult r = (*coder)->Code("chauffeur", 2);
  ASSERT_EQ(r.candidates.size(), 2u);
  if (r.candidates[0].score == r.candidates[1].score) {
    EXPECT_EQ((*coder)->TargetCode(r.candidates[0].target), "N4101");
  }
  // Without calibration, confidence is the score.
  EXPECT_FLOAT_EQ(r.candidates[0].confidence, r.candidates[0].score);
}

TEST(Coder, SameSeedSameCalibration) {
  auto tax = ReadBundle(kSample);
  ASSERT_TRUE(tax.ok());
  CoderOptions options;
  options.calibration_sample = 500;
  auto a = Coder::ForOccupations(*tax, options);
  auto b = Coder::ForOccupations(*tax, options);
  options.seed = 7;
  auto c = Coder::ForOccupations(*tax, options);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ((*a)->calibration(), (*b)->calibration());
  EXPECT_EQ((*a)->calibration_labels(), (*b)->calibration_labels());
  EXPECT_NE((*a)->calibration_labels(), (*c)->calibration_labels());
}

}  // namespace
}  // namespace skillmatch::classification
