#include "skillmatch/classification/normalize.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace skillmatch::text {
namespace {

using Words = std::vector<std::string>;

Words FrenchWords(const std::string& text) {
  return Normalizer::Create("fr")->Normalize(text).words;
}
Words EnglishWords(const std::string& text) {
  return Normalizer::Create("en")->Normalize(text).words;
}

TEST(Normalize, FoldsCaseAccentsAndLigatures) {
  EXPECT_EQ(FoldedWords("ÉLECTRICIEN Bâtiment"), (Words{"electricien", "batiment"}));
  EXPECT_EQ(FoldedWords("Chef de chœur"), (Words{"chef", "de", "choeur"}));
}

TEST(Normalize, GenderPairsKeepTheMasculineForm) {
  EXPECT_EQ(FoldedWords("Boulanger / Boulangère"), (Words{"boulanger"}));
  EXPECT_EQ(FoldedWords("Chauffeur / Chauffeuse de taxi"),
            (Words{"chauffeur", "de", "taxi"}));
  EXPECT_EQ(FoldedWords("Maçon-coffreur / Maçonne-coffreuse"),
            (Words{"macon", "coffreur"}));
  EXPECT_EQ(FoldedWords("Directeur / Directrice d'agence"),
            (Words{"directeur", "d", "agence"}));
  EXPECT_EQ(FoldedWords("Technicien / Technicienne VSAT"),
            (Words{"technicien", "vsat"}));
  EXPECT_EQ(FoldedWords("Accrocheur / Accrocheuse"), (Words{"accrocheur"}));
}

TEST(Normalize, InclusiveWritingSuffixes) {
  EXPECT_EQ(FoldedWords("boulanger(ère)"), (Words{"boulanger"}));
  EXPECT_EQ(FoldedWords("Employé(e) de bureau"),
            (Words{"employe", "de", "bureau"}));
  EXPECT_EQ(FoldedWords("TECHNICIEN(NE)S"), (Words{"techniciens"}));
  EXPECT_EQ(FoldedWords("vendeur·se"), (Words{"vendeur"}));
  EXPECT_EQ(FoldedWords("conseiller.ère clientèle"),
            (Words{"conseiller", "clientele"}));
  EXPECT_EQ(FoldedWords("employé.e.s"), (Words{"employe"}));
  // A parenthesis that is not a gender suffix keeps its words.
  EXPECT_EQ(FoldedWords("Agent de sécurité (vigile)"),
            (Words{"agent", "de", "securite", "vigile"}));
}

TEST(Normalize, GenderMarkers) {
  EXPECT_EQ(FoldedWords("COMPTABLE (H/F)"), (Words{"comptable"}));
  EXPECT_EQ(FoldedWords("Comptable F/H"), (Words{"comptable"}));
  EXPECT_EQ(FoldedWords("Développeur (h/f/x)"), (Words{"developpeur"}));
  EXPECT_EQ(FoldedWords("Sales manager m/w/d"), (Words{"sales", "manager"}));
}

TEST(Normalize, NoiseCountsAndSeniorityAreDropped) {
  EXPECT_EQ(FrenchWords("02 TECHNICIEN(ES) VSAT, Débutants ou Confirmés"),
            (Words{"technicien", "vsat"}));
  EXPECT_EQ(FrenchWords("chauffeur poids lourd urgent"),
            (Words{"chauffeur", "poids", "lourd"}));
  EXPECT_EQ(FrenchWords("Recrutement: 3 comptables expérimentés CDI"),
            (Words{"comptables"}));
  EXPECT_EQ(EnglishWords("Part-Time LECTURERS"), (Words{"lecturers"}));
  EXPECT_EQ(EnglishWords("Senior Software Engineer - urgent hiring"),
            (Words{"software", "engineer"}));
}

TEST(Normalize, AbbreviationsAreExpanded) {
  EXPECT_EQ(FrenchWords("Resp. cpt"), (Words{"responsable", "comptable"}));
  EXPECT_EQ(FrenchWords("Ass. de direction"), (Words{"assistant", "direction"}));
  EXPECT_EQ(FrenchWords("Chauffeur PL"), (Words{"chauffeur", "poids", "lourd"}));
  EXPECT_EQ(EnglishWords("HR mgr"), (Words{"human", "resources", "manager"}));
}

TEST(Normalize, UnicodePunctuationBreaksWords) {
  EXPECT_EQ(FoldedWords("factrice d’instruments « à vent » – bois"),
            (Words{"factrice", "d", "instruments", "a", "vent", "bois"}));
  EXPECT_EQ(FoldedWords("Привет–мир"), (Words{"привет", "мир"}));  // Cyrillic
}

TEST(Normalize, StopWordsPerLanguage) {
  EXPECT_EQ(FrenchWords("Agent d'entretien des espaces verts"),
            (Words{"agent", "entretien", "espaces", "verts"}));
  EXPECT_EQ(EnglishWords("Head of the department"), (Words{"head", "department"}));
}

TEST(Normalize, StemsMakePluralsAndFormsMeet) {
  auto fr = Normalizer::Create("fr");
  EXPECT_EQ(fr->Normalize("comptables").stems, fr->Normalize("Comptable").stems);
  EXPECT_EQ(fr->Normalize("Maçons").stems, fr->Normalize("maçon").stems);
  EXPECT_EQ(fr->Normalize("INGENIEURS").stems, fr->Normalize("Ingénieur").stems);
  auto en = Normalizer::Create("en");
  EXPECT_EQ(en->Normalize("Lecturers").stems, en->Normalize("lecturer").stems);
  EXPECT_EQ(en->Normalize("driving").stems, en->Normalize("drive").stems);
}

TEST(Normalize, OtherLanguagesPassThroughWithoutStemming) {
  auto wo = Normalizer::Create("wo");
  Normalized n = wo->Normalize("Liggéeykatu tool");
  EXPECT_EQ(n.words, (Words{"liggeeykatu", "tool"}));
  EXPECT_EQ(n.stems, n.words);
}

TEST(Normalize, EmptyAndPunctuationOnlyInputs) {
  EXPECT_TRUE(FrenchWords("").empty());
  EXPECT_TRUE(FrenchWords(" -- / ,, ").empty());
  EXPECT_TRUE(FrenchWords("Ma\xE7on").empty());  // invalid UTF-8: nothing
}

TEST(Normalize, FeminineForms) {
  EXPECT_TRUE(IsFeminineOf("agent", "agente"));
  EXPECT_TRUE(IsFeminineOf("technicien", "technicienne"));
  EXPECT_TRUE(IsFeminineOf("vendeur", "vendeuse"));
  EXPECT_TRUE(IsFeminineOf("directeur", "directrice"));
  EXPECT_TRUE(IsFeminineOf("boulanger", "boulangere"));
  EXPECT_TRUE(IsFeminineOf("sportif", "sportive"));
  EXPECT_FALSE(IsFeminineOf("technicien", "technique"));
  EXPECT_FALSE(IsFeminineOf("chef", "cheffe2"));
  EXPECT_FALSE(IsFeminineOf("vendeur", "vendeur"));
}

// Titles and description sentences that go through every step: inclusive
// writing, gender pairs and markers, noise, abbreviations, stop words,
// feminine words alone, English, other scripts.
const std::vector<std::string> kVariedTexts = {
    "COMPTABLE (H/F)",
    "Boulanger / Boulangère",
    "Employé(e)s de bureau H/F",
    "vendeur·se polyvalent·e",
    "conseiller.ère clientèle",
    "Technicien(ne) de maintenance (h/f/x)",
    "02 TECHNICIEN(ES) VSAT, Débutants ou Confirmés",
    "Resp. cpt",
    "Chauffeur PL / SPL urgent",
    "Ass. de direction, CDI temps plein",
    "caissière",
    "Tisseuse et directrice d'atelier",
    "Maçon-coffreur / Maçonne-coffreuse",
    "Chef de chœur",
    "Nous recherchons un chauffeur titulaire du permis B, maîtrisant Excel.",
    "Le poste demande : encaisser des paiements, négocier et encaisser le "
    "prix d'une course et rabattre des voyageurs et remplir un véhicule.",
    "Vous maîtrisez : langues nationales (wolof, bambara, dioula, fon, "
    "haoussa, ewondo...), Évaluer les apprentissages.",
    "Senior Software Engineer - urgent hiring",
    "HR mgr, part-time, 3 years experience",
    "Head of the department",
    "factrice d’instruments « à vent » – bois",
    "Привет–мир",
    "1er 2nd 10ans 2024",
    "",
    " -- / ,, ",
};

TEST(Normalize, NormalizeWordsOfFoldedWordsIsNormalize) {
  for (const char* lang : {"fr", "en", "wo"}) {
    auto whole = Normalizer::Create(lang);
    auto split = Normalizer::Create(lang);
    for (const std::string& text : kVariedTexts) {
      Normalized expected = whole->Normalize(text);
      Normalized got = split->NormalizeWords(FoldedWords(text));
      EXPECT_EQ(got.words, expected.words) << lang << ": " << text;
      EXPECT_EQ(got.stems, expected.stems) << lang << ": " << text;
      EXPECT_EQ(got.text, expected.text) << lang << ": " << text;
    }
  }
}

TEST(Normalize, OneFoldServesSeveralLanguages) {
  auto fr = Normalizer::Create("fr");
  auto en = Normalizer::Create("en");
  const std::vector<std::string> folded =
      FoldedWords("HR mgr / Resp. cpt (H/F)");
  EXPECT_EQ(fr->NormalizeWords(folded).words,
            (Words{"hr", "mgr", "responsable", "comptable"}));
  EXPECT_EQ(en->NormalizeWords(folded).words,
            (Words{"human", "resources", "manager", "resp", "cpt"}));
}

// `count` distinct words: `prefix`, a number in letters, "ations".
Words ManyWords(const std::string& prefix, size_t count) {
  Words words;
  for (size_t word_idx = 0; word_idx < count; ++word_idx) {
    std::string word = prefix;
    for (size_t rest = word_idx; rest > 0; rest /= 26) {
      word.push_back(static_cast<char>('a' + rest % 26));
    }
    words.push_back(word + "ations");
  }
  return words;
}

TEST(Normalize, MemoisedStemsAreTheStems) {
  const Words probe = {"comptables", "ingenieurs", "conduite",  "maconnerie",
                       "vendeur",    "driving",    "lecturers", "a"};
  auto memoised = Normalizer::Create("fr");
  Words first;
  for (const std::string& word : probe) first.push_back(memoised->Stem(word));
  Words again;
  for (const std::string& word : probe) again.push_back(memoised->Stem(word));
  EXPECT_EQ(again, first);
  EXPECT_EQ(first[0], "comptabl");
  // Past the limit the memo is emptied and refilled: same stems as a
  // Normalizer that has seen nothing else.
  const Words many = ManyWords("mot", Normalizer::kMemoLimit + 100);
  for (const std::string& word : many) memoised->Stem(word);
  Normalized sentence = memoised->Normalize("Comptables et ingénieurs");
  for (size_t word_idx = 0; word_idx < probe.size(); ++word_idx) {
    EXPECT_EQ(memoised->Stem(probe[word_idx]), first[word_idx]);
    EXPECT_EQ(Normalizer::Create("fr")->Stem(probe[word_idx]), first[word_idx]);
  }
  for (size_t word_idx = 0; word_idx < many.size(); word_idx += 997) {
    EXPECT_EQ(memoised->Stem(many[word_idx]),
              Normalizer::Create("fr")->Stem(many[word_idx]));
  }
  Normalized fresh =
      Normalizer::Create("fr")->Normalize("Comptables et ingénieurs");
  EXPECT_EQ(sentence.stems, fresh.stems);
  EXPECT_EQ(sentence.words, fresh.words);
  // Texts normalised many times, across memo resets, do not change.
  auto normalizer = Normalizer::Create("fr");
  std::vector<Normalized> cold;
  for (const std::string& text : kVariedTexts) {
    cold.push_back(normalizer->Normalize(text));
  }
  for (int round = 0; round < 3; ++round) {
    for (size_t text_idx = 0; text_idx < kVariedTexts.size(); ++text_idx) {
      Normalized warm = normalizer->Normalize(kVariedTexts[text_idx]);
      EXPECT_EQ(warm.words, cold[text_idx].words);
      EXPECT_EQ(warm.stems, cold[text_idx].stems);
      EXPECT_EQ(warm.text, cold[text_idx].text);
    }
    // New words, enough to empty the memos once more.
    normalizer->NormalizeWords(
        ManyWords(std::string("tour") + static_cast<char>('a' + round),
                  Normalizer::kMemoLimit + 1));
  }
}

// The gender pairs dropped by FoldedWords, checked against the plain
// definition (every word against every earlier kept word) on seeded random
// texts whose words often are pairs.
TEST(Normalize, GenderPairsMatchTheQuadraticDefinition) {
  std::mt19937 rng(20261122);
  const std::string letters = "aeirucstnflvx";
  const Words suffixes = {"",   "",    "e",    "ne",     "le",
                          "te", "se",  "rice", "eresse", "ere",
                          "ve", "eur", "er",   "f",      "x"};
  auto pick = [&](size_t bound) { return static_cast<size_t>(rng() % bound); };
  for (int text_idx = 0; text_idx < 3000; ++text_idx) {
    Words pool;
    for (int stem_idx = 0; stem_idx < 4; ++stem_idx) {
      // Stems of 0 to 6 letters ("eur" and "rice" are a pair), or long ones
      // (past the 63-byte lengths).
      std::string stem;
      size_t length = pick(10) == 0 ? 58 + pick(8) : pick(7);
      for (size_t pos = 0; pos < length; ++pos) {
        stem.push_back(letters[pick(letters.size())]);
      }
      for (int variant = 0; variant < 4; ++variant) {
        std::string word = stem + suffixes[pick(suffixes.size())];
        if (word.size() >= 2) pool.push_back(word);  // no H/F letters
      }
    }
    if (pool.empty()) continue;
    Words words;
    std::string text;
    for (size_t word_idx = 0, count = 1 + pick(40); word_idx < count;
         ++word_idx) {
      words.push_back(pool[pick(pool.size())]);
      text += words.back() + " ";
    }
    Words expected;
    for (const std::string& word : words) {
      bool twin = false;
      for (const std::string& earlier : expected) {
        twin =
            twin || IsFeminineOf(earlier, word) || IsFeminineOf(word, earlier);
      }
      if (!twin) expected.push_back(word);
    }
    ASSERT_EQ(FoldedWords(text), expected) << text;
  }
}

}  // namespace
}  // namespace skillmatch::text
