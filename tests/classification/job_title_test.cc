#include "skillmatch/classification/job_title.h"

#include <gtest/gtest.h>

namespace skillmatch::text {
namespace {

using Parts = std::vector<std::string>;

TEST(CleanJobTitle, GenderMarks) {
  EXPECT_EQ(CleanJobTitle("COMPTABLE (H/F)"), "COMPTABLE");
  EXPECT_EQ(CleanJobTitle("Chargé de clientèle F/H H/F"), "Chargé de clientèle");
  EXPECT_EQ(CleanJobTitle("Security Engineer (f/m/d)"), "Security Engineer");
  EXPECT_EQ(CleanJobTitle("Développeur (h/f/x)"), "Développeur");
  EXPECT_EQ(CleanJobTitle("(H/F) Chef d'entreprise"), "Chef d'entreprise");
  EXPECT_EQ(CleanJobTitle("Vendeur ( H / F )"), "Vendeur");
  EXPECT_EQ(CleanJobTitle("Sales Manager M/F"), "Sales Manager");
  // Inclusive writing stays for the normaliser.
  EXPECT_EQ(CleanJobTitle("Employé(e) commercial(e)"), "Employé(e) commercial(e)");
}

TEST(CleanJobTitle, LeadingOfferWords) {
  EXPECT_EQ(CleanJobTitle("Offre D'emploi: Comptable"), "Comptable");
  EXPECT_EQ(CleanJobTitle("Offre D emploi: Agents De Saisie"), "Agents De Saisie");
  EXPECT_EQ(CleanJobTitle("Offre d’emploi : Chauffeur poids lourd"),
            "Chauffeur poids lourd");
  EXPECT_EQ(CleanJobTitle("Avis de recrutement - Secrétaire de direction"),
            "Secrétaire de direction");
  EXPECT_EQ(CleanJobTitle("Recrutement d'un comptable"), "comptable");
  EXPECT_EQ(CleanJobTitle("Recrutement d'Ingénieurs génie civil"),
            "Ingénieurs génie civil");
  EXPECT_EQ(CleanJobTitle("URGENT !!! Caissière"), "Caissière");
  EXPECT_EQ(CleanJobTitle("Appel à candidatures : Consultant"), "Consultant");
  EXPECT_EQ(CleanJobTitle("We are hiring: Sales Representative"),
            "Sales Representative");
  EXPECT_EQ(CleanJobTitle("Job offer - Accountant"), "Accountant");
  // A one-word offer word must be followed by a separator, a determiner or
  // a count; otherwise it is part of the title.
  EXPECT_EQ(CleanJobTitle("Recrutement et formation"), "Recrutement et formation");
  EXPECT_EQ(CleanJobTitle("Poste de comptable"), "comptable");
  EXPECT_EQ(CleanJobTitle("Recrutement"), "Recrutement");
}

TEST(CleanJobTitle, LeadingCounts) {
  EXPECT_EQ(CleanJobTitle("04 Agents De Saisie"), "Agents De Saisie");
  EXPECT_EQ(CleanJobTitle("(12) MAÇONS"), "MAÇONS");
  EXPECT_EQ(CleanJobTitle("12 x Maçons"), "Maçons");
  EXPECT_EQ(CleanJobTitle("[3] Chauffeurs"), "Chauffeurs");
  EXPECT_EQ(CleanJobTitle("Deux (02) comptables"), "comptables");
  EXPECT_EQ(CleanJobTitle("02 postes de comptable"), "comptable");
  EXPECT_EQ(CleanJobTitle("Avis de recrutement de 05 enseignants"), "enseignants");
  EXPECT_EQ(CleanJobTitle("Recrutement: 10 commerciaux terrain"),
            "commerciaux terrain");
  // A number inside the title is not a count.
  EXPECT_EQ(CleanJobTitle("Technicien niveau 2"), "Technicien niveau 2");
}

TEST(CleanJobTitle, TrailingPlaces) {
  EXPECT_EQ(CleanJobTitle("Comptable - Douala"), "Comptable");
  EXPECT_EQ(CleanJobTitle("Comptable – Yaoundé"), "Comptable");
  EXPECT_EQ(CleanJobTitle("Caissier à Yaoundé"), "Caissier");
  EXPECT_EQ(CleanJobTitle("Chauffeur basé à Douala"), "Chauffeur");
  EXPECT_EQ(CleanJobTitle("Magasinier, Dakar"), "Magasinier");
  EXPECT_EQ(CleanJobTitle("Sales Representative in Lomé"), "Sales Representative");
  EXPECT_EQ(CleanJobTitle("Commercial (Abidjan)"), "Commercial");
  EXPECT_EQ(CleanJobTitle("Commercial - Pointe Noire"), "Commercial");
  EXPECT_EQ(CleanJobTitle("Comptable - Douala, Cameroun"), "Comptable");
  EXPECT_EQ(CleanJobTitle("Conseiller en économie sociale (76)"),
            "Conseiller en économie sociale");
  // An unknown tail is kept: it may say the field ("- Informatique de
  // gestion"); a place that is the whole title stays.
  EXPECT_EQ(CleanJobTitle("Développeur PHP - Informatique de gestion"),
            "Développeur PHP - Informatique de gestion");
  EXPECT_EQ(CleanJobTitle("Douala"), "Douala");
  EXPECT_EQ(CleanJobTitle("Agent à domicile"), "Agent à domicile");
}

TEST(CleanJobTitle, TrailingGrades) {
  EXPECT_EQ(CleanJobTitle("Programme Officer, P-3"), "Programme Officer");
  EXPECT_EQ(CleanJobTitle("Administrative Assistant G5"), "Administrative Assistant");
  EXPECT_EQ(CleanJobTitle("Finance Associate (GS-6)"), "Finance Associate");
  EXPECT_EQ(CleanJobTitle("Chargé de programme NO-B"), "Chargé de programme");
  EXPECT_EQ(CleanJobTitle("Logisticien - Grade P3"), "Logisticien");
  EXPECT_EQ(CleanJobTitle("Programme Officer, P-3 - Dakar"), "Programme Officer");
  // "Chauffeur P3" is two words: a grade needs a mark or three words.
  EXPECT_EQ(CleanJobTitle("Chauffeur P3"), "Chauffeur P3");
}

TEST(CleanJobTitle, EverythingAtOnce) {
  EXPECT_EQ(CleanJobTitle("Offre D'emploi: 04 Agents De Saisie (H/F) - Douala"),
            "Agents De Saisie");
  EXPECT_EQ(CleanJobTitle("  URGENT   (12)  MAÇONS  H/F  "), "MAÇONS");
  EXPECT_EQ(CleanJobTitle(""), "");
  EXPECT_EQ(CleanJobTitle("H/F"), "H/F");  // nothing would be left
}

TEST(JobParts, SplitsOnMarksAndWords) {
  EXPECT_EQ(JobParts("Électricien / Plombier").parts,
            (Parts{"Électricien", "Plombier"}));
  EXPECT_FALSE(JobParts("Électricien / Plombier").by_word);
  EXPECT_EQ(JobParts("Électricien/Plombier").parts,
            (Parts{"Électricien", "Plombier"}));
  JobSplit et = JobParts("Chauffeur et magasinier");
  EXPECT_EQ(et.parts, (Parts{"Chauffeur", "magasinier"}));
  EXPECT_TRUE(et.by_word);
  EXPECT_EQ(JobParts("Cuisinier, serveur, plongeur").parts,
            (Parts{"Cuisinier", "serveur", "plongeur"}));
  EXPECT_EQ(JobParts("Comptable / Contrôleur de gestion").parts,
            (Parts{"Comptable", "Contrôleur de gestion"}));
  EXPECT_EQ(JobParts("Finance & Admin Officer").parts,
            (Parts{"Finance", "Admin Officer"}));
}

TEST(JobParts, GenderPairsAndSingleJobsAreNotSplit) {
  EXPECT_TRUE(JobParts("Boulanger / Boulangère").parts.empty());
  EXPECT_TRUE(JobParts("Technicien / Technicienne informatique").parts.empty());
  EXPECT_TRUE(JobParts("Comptable").parts.empty());
  EXPECT_TRUE(JobParts("Vendeur / ").parts.empty());
}

}  // namespace
}  // namespace skillmatch::text
