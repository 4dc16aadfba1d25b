// Job titles as job boards write them: what the board or the recruiter put
// around the title ("Offre d'emploi : 04 Agents De Saisie (H/F) - Douala",
// "(12) MAÇONS", "Programme Officer, P-3"), and titles that name several
// jobs ("Électricien / Plombier", "Chauffeur et magasinier").
//
// The cleaning acts on the text as written (case and accents kept, so that
// the result can be shown to a counsellor) and removes, in this order, each
// rule tested with exact expectations in tests/classification/job_title_test.cc:
//   1. gender marks: "(H/F)", "H/F", "F/H", "(h/f/x)", "(m/w/d)", "(f/m/d)",
//      "M/F", "(e)" is left to the normaliser (normalize.h);
//   2. leading offer words, repeated: "Offre d'emploi", "Offres d'emploi",
//      "Avis de recrutement", "Appel à candidatures", "Recrutement",
//      "Recrute", "On recrute", "Nous recrutons", "URGENT", "Urgence",
//      "Job", "Poste", "Vacancy", "Job offer", "Hiring", "We are hiring",
//      followed by a separator (":", "-", "!") or a determiner ("d'un",
//      "d'une", "de", "des", "un", "une", "a", "an");
//   3. leading counts: "04 Agents", "(12) MAÇONS", "12 x Maçons",
//      "Deux (02) comptables", "02 postes de comptable";
//   4. trailing places: " - Douala", " – Yaoundé", " à Douala", ", Dakar",
//      " (Abidjan)", " in Lomé", and French department numbers "(76)";
//      places are the capitals and large towns of francophone Africa and
//      France (a list in job_title.cc), or any text after " - " that is a
//      known place;
//   5. trailing grades: "P-3", "P3", "G5", "G-5", "GS-6", "NO-B", "FS-4",
//      "D-1", "SB-3", after a space, ",", "-" or in parentheses, with an
//      optional "Grade"/"Niveau" before.
// Whatever the rules remove, a non-empty title never becomes empty: when
// all of it would go, the text is kept as it was.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skillmatch::text {

// The title with job-board noise removed (rules 1-5 above), white space
// collapsed. Thread-safe, no state.
std::string CleanJobTitle(std::string_view raw);

// The jobs a cleaned title may name when it names several: split on the
// marks "/", "|", "+", ";" and the words "et", "and", "&", "ou", "or" and
// ", ". Sides that are the masculine and feminine forms of one title
// ("Boulanger / Boulangère", "Technicien / Technicienne informatique") stay
// one part. `parts` holds at least two parts in text order, or nothing when
// the title names one job. A split on a word ("et", "&", ",") is weaker
// evidence than one on a mark: "Finance & Admin Officer" and "Hygiène et
// sécurité" name one job; whether a split holds is for the coder to decide
// (Coder::CodeSeveral).
struct JobSplit {
  std::vector<std::string> parts;
  bool by_word = false;  // some split was on a word, not a mark
};
JobSplit JobParts(std::string_view cleaned);

}  // namespace skillmatch::text
