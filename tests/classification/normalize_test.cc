#include "skillmatch/classification/normalize.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace skillmatch::text
