#include "skillmatch/classification/normalize.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "skillmatch/classification/text.h"

namespace skillmatch::text {

namespace {

bool IsWordByte(unsigned char c) {
  // ASCII letters and digits, and any byte of a non-ASCII character (after
  // folding, Latin letters are ASCII; other scripts stay as they are).
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool IsLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || c >= 0x80; }

// Suffixes that inclusive writing appends to the masculine form:
// "employe(e)", "technicien(ne)s", "vendeur·se", "conseiller.ere".
bool IsGenderSuffix(std::string_view s) {
  static const std::unordered_set<std::string_view> kSuffixes = {
      "e",   "es",  "ne",   "nes",   "se",   "ses",  "euse", "euses",
      "ere", "eres", "rice", "rices", "trice", "trices", "le", "les",
      "te",  "tes", "ive",  "ives",  "ee",   "ees",  "eure", "eures",
      "ice", "ices", "fe", "ve"};
  return kSuffixes.count(s) > 0;
}

// "h/f", "f/h", "h/f/x", "m/f", "m/w/d": letters from this set joined by
// slashes (spaces allowed around them).
bool IsGenderMarker(std::string_view s) {
  int letters = 0;
  bool expect_letter = true;
  for (char c : s) {
    if (c == ' ') continue;
    if (expect_letter) {
      if (c != 'h' && c != 'f' && c != 'x' && c != 'm' && c != 'w' && c != 'd' &&
          c != 'n') {
        return false;
      }
      ++letters;
      expect_letter = false;
    } else {
      if (c != '/' && c != '-' && c != '|') return false;
      expect_letter = true;
    }
  }
  return letters >= 2 && !expect_letter;
}

// Step 1 plus ligatures.
std::string FoldAll(std::string_view text) {
  std::string folded = Fold(text);
  std::string out;
  out.reserve(folded.size());
  for (size_t pos = 0; pos < folded.size(); ++pos) {
    unsigned char c = folded[pos];
    // œ U+0153 = C5 93, æ U+00E6 = C3 A6 (lower case after folding).
    if (c == 0xC5 && pos + 1 < folded.size() &&
        static_cast<unsigned char>(folded[pos + 1]) == 0x93) {
      out += "oe";
      ++pos;
    } else if (c == 0xC3 && pos + 1 < folded.size() &&
               static_cast<unsigned char>(folded[pos + 1]) == 0xA6) {
      out += "ae";
      ++pos;
    } else if (c == 0xE2 && pos + 2 < folded.size() &&
               static_cast<unsigned char>(folded[pos + 1]) == 0x80 &&
               (static_cast<unsigned char>(folded[pos + 2]) == 0x98 ||
                static_cast<unsigned char>(folded[pos + 2]) == 0x99)) {
      out += "'";  // typographic apostrophes ‘ ’: "d’instruments"
      pos += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// Length in bytes of an inclusive-writing separator at `pos`: '.', '·'
// (C2 B7), '•' (E2 80 A2), '⋅' (E2 8B 85); 0 if none.
size_t SeparatorLength(std::string_view s, size_t pos) {
  auto b = [&](size_t k) {
    return pos + k < s.size() ? static_cast<unsigned char>(s[pos + k]) : 0;
  };
  if (b(0) == '.') return 1;
  if (b(0) == 0xC2 && b(1) == 0xB7) return 2;
  if (b(0) == 0xE2 && b(1) == 0x80 && b(2) == 0xA2) return 3;
  if (b(0) == 0xE2 && b(1) == 0x8B && b(2) == 0x85) return 3;
  return 0;
}

// Step 2 on the folded text, before splitting into words: removes
// parenthesised and dotted gender suffixes and gender markers.
std::string StripInclusiveWriting(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    unsigned char c = s[pos];
    if (c == '(') {
      size_t close = s.find(')', pos);
      if (close != std::string_view::npos) {
        std::string_view inside = s.substr(pos + 1, close - pos - 1);
        bool attached = !out.empty() && IsLetter(out.back());
        if ((attached && IsGenderSuffix(inside)) || IsGenderMarker(inside)) {
          pos = close + 1;
          continue;
        }
      }
      out.push_back(' ');
      ++pos;
      continue;
    }
    size_t sep = SeparatorLength(s, pos);
    if (sep > 0 && !out.empty() && IsLetter(out.back())) {
      // Read the letters after the separator, possibly ".s" or "s" after.
      size_t end = pos + sep;
      while (end < s.size() && IsLetter(s[end])) ++end;
      std::string_view suffix = s.substr(pos + sep, end - pos - sep);
      if (!suffix.empty() && IsGenderSuffix(suffix)) {
        // "employe.e.s": a second separator and "s".
        size_t sep2 = SeparatorLength(s, end);
        if (sep2 > 0 && end + sep2 < s.size() && s[end + sep2] == 's' &&
            (end + sep2 + 1 == s.size() || !IsWordByte(s[end + sep2 + 1]))) {
          end += sep2 + 1;
        }
        pos = end;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
    ++pos;
  }
  return out;
}

// True for code points that belong inside words: letters, marks and
// digits of any script. Punctuation and symbols ("’", "«", "–") break words.
bool IsWordCodePoint(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  size_t pos = 0;
  while (pos < s.size()) {
    unsigned char c = s[pos];
    size_t length = 1;
    bool in_word;
    if (c < 0x80) {
      in_word = IsWordByte(c);
    } else {
      utf8proc_int32_t cp = -1;
      utf8proc_ssize_t n = utf8proc_iterate(
          reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
          static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
      length = n > 0 ? static_cast<size_t>(n) : 1;
      in_word = n > 0 && IsWordCodePoint(cp);
    }
    if (in_word) {
      word.append(s.substr(pos, length));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
    pos += length;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Drops "h f", "f h", "h f x", "m f", "m w d" sequences left by "H/F" after
// punctuation became spaces, and feminine forms whose masculine is present.
void CollapseGender(std::vector<std::string>* words) {
  std::vector<std::string> out;
  out.reserve(words->size());
  auto is_marker_letter = [](const std::string& w) {
    return w.size() == 1 && (w[0] == 'h' || w[0] == 'f' || w[0] == 'x' ||
                             w[0] == 'm' || w[0] == 'w' || w[0] == 'd');
  };
  for (size_t word_idx = 0; word_idx < words->size(); ++word_idx) {
    const std::string& w = (*words)[word_idx];
    if (is_marker_letter(w)) {
      size_t run = word_idx;
      bool has_h_or_f = false;
      while (run < words->size() && is_marker_letter((*words)[run])) {
        has_h_or_f |= (*words)[run][0] == 'h' || (*words)[run][0] == 'f' ||
                      (*words)[run][0] == 'm';
        ++run;
      }
      if (run - word_idx >= 2 && has_h_or_f) {
        word_idx = run - 1;
        continue;
      }
    }
    bool feminine_twin = false;
    for (const std::string& earlier : out) {
      if (IsFeminineOf(earlier, w) || IsFeminineOf(w, earlier)) {
        feminine_twin = true;
        break;
      }
    }
    if (!feminine_twin) out.push_back(w);
  }
  *words = std::move(out);
}

bool AllDigits(const std::string& w) {
  return std::all_of(w.begin(), w.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

struct LanguageRules {
  std::unordered_set<std::string_view> stop_words;
  std::unordered_set<std::string_view> noise;
  std::unordered_map<std::string_view, std::string_view> abbreviations;
};

const LanguageRules& RulesFor(std::string_view lang) {
  static const LanguageRules kFrench = {
      {"a", "au", "aux", "avec", "d", "de", "des", "du", "en", "et", "l", "la",
       "le", "les", "ou", "par", "pour", "sur", "dans", "un", "une", "chez",
       "s", "son", "sa", "ses", "qui", "que"},
      {"urgent", "urgente", "urgence", "recrute", "recrutent", "recrutons",
       "recrutement", "recherche", "recherchons", "cherche", "cdi", "cdd",
       "debutant", "debutants", "debutante", "debutantes", "confirme",
       "confirmes", "confirmee", "confirmees", "experimente", "experimentes",
       "experimentee", "senior", "seniors", "junior", "juniors", "stagiaire",
       "stagiaires", "stage", "apprenti", "apprentie", "apprentis", "h", "f",
       "postes", "offre", "temps", "plein", "partiel", "interim",
       "freelance", "immediat", "immediatement"},
      {{"cpt", "comptable"},      {"compta", "comptabilite"},
       {"resp", "responsable"},   {"respo", "responsable"},
       {"ass", "assistant"},      {"asst", "assistant"},
       {"tech", "technicien"},    {"techn", "technicien"},
       {"dir", "directeur"},      {"adj", "adjoint"},
       {"comm", "commercial"},    {"cial", "commercial"},
       {"dev", "developpeur"},    {"ing", "ingenieur"},
       {"chauf", "chauffeur"},    {"mecano", "mecanicien"},
       {"info", "informatique"},  {"secr", "secretaire"},
       {"gest", "gestionnaire"},  {"agt", "agent"},
       {"mkt", "marketing"},      {"admin", "administratif"},
       {"rh", "ressources humaines"}, {"pl", "poids lourd"},
       {"spl", "super poids lourd"},  {"vl", "vehicule leger"},
       {"btp", "batiment travaux publics"},
       {"prof", "professeur"},    {"instit", "instituteur"},
       {"infirm", "infirmier"}}};
  static const LanguageRules kEnglish = {
      {"a", "an", "and", "the", "of", "in", "for", "to", "with", "on", "or",
       "at", "by", "s"},
      {"urgent", "urgently", "hiring", "wanted", "needed", "senior", "junior",
       "entry", "level", "experienced", "trainee", "trainees", "intern",
       "interns", "internship", "part", "full", "time", "h", "f", "m", "w",
       "position", "vacancy", "vacancies", "job", "temporary", "permanent",
       "contract", "freelance", "years", "year", "experience", "immediate",
       "sr", "jr"},
      {{"mgr", "manager"},     {"eng", "engineer"},   {"asst", "assistant"},
       {"admin", "administrative"}, {"dev", "developer"},
       {"hr", "human resources"},   {"acct", "accountant"},
       {"tech", "technician"},  {"rep", "representative"},
       {"exec", "executive"},   {"coord", "coordinator"},
       {"supv", "supervisor"},  {"it", "information technology"}}};
  static const LanguageRules kNone;
  if (lang == "fr") return kFrench;
  if (lang == "en") return kEnglish;
  return kNone;
}

const char* StemmerName(std::string_view lang) {
  if (lang == "fr") return "french";
  if (lang == "en") return "english";
  if (lang == "es") return "spanish";
  if (lang == "pt") return "portuguese";
  if (lang == "de") return "german";
  return nullptr;
}

}  // namespace

bool IsFeminineOf(std::string_view a, std::string_view b) {
  if (a.size() < 3 || b.size() <= a.size() - 2) return false;
  auto ends = [](std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.substr(s.size() - suffix.size()) == suffix;
  };
  auto is = [&](std::string_view head, std::string_view suffix) {
    return b.size() == head.size() + suffix.size() &&
           b.substr(0, head.size()) == head && b.substr(head.size()) == suffix;
  };
  if (is(a, "e") || is(a, "ne") || is(a, "le") || is(a, "te")) return true;
  std::string_view stem3 = a.substr(0, a.size() - 3);
  std::string_view stem2 = a.substr(0, a.size() - 2);
  std::string_view stem1 = a.substr(0, a.size() - 1);
  if (ends(a, "eur")) {
    return is(stem1, "se") || is(stem3, "rice") || is(stem3, "eresse");
  }
  if (ends(a, "er")) return is(stem2, "ere");
  if (ends(a, "f")) return is(stem1, "ve");
  if (ends(a, "x")) return is(stem1, "se");
  return false;
}

std::string MasculineForm(std::string_view word) {
  auto ends = [&](std::string_view suffix) {
    return word.size() >= suffix.size() + 3 &&
           word.substr(word.size() - suffix.size()) == suffix;
  };
  auto swap = [&](size_t drop, std::string_view add) {
    return std::string(word.substr(0, word.size() - drop)) + std::string(add);
  };
  if (ends("trice")) return swap(4, "eur");  // directrice -> directeur
  if (ends("euse")) return swap(3, "r");     // vendeuse -> vendeur
  if (ends("iere")) return swap(2, "r");     // caissiere -> caissier
  if (ends("ere")) return swap(2, "r");      // bergere -> berger
  if (ends("ienne")) return swap(2, "");     // technicienne -> technicien
  if (ends("ive")) return swap(2, "f");      // sportive -> sportif
  return std::string(word);
}

std::vector<std::string> MasculineCandidates(std::string_view word) {
  std::vector<std::string> out;
  if (word.size() < 4) return out;
  auto ends = [&](std::string_view suffix) {
    return word.size() > suffix.size() + 1 &&
           word.substr(word.size() - suffix.size()) == suffix;
  };
  auto swap = [&](size_t drop, std::string_view add) {
    out.push_back(std::string(word.substr(0, word.size() - drop)) +
                  std::string(add));
  };
  if (ends("trice")) swap(4, "eur");   // directrice -> directeur
  if (ends("euse")) swap(3, "r");      // vendeuse -> vendeur
  if (ends("ere")) swap(2, "r");       // caissiere -> caissier
  if (ends("ienne")) swap(2, "");      // technicienne -> technicien
  if (ends("onne")) swap(2, "");       // maconne -> macon
  if (ends("elle")) swap(2, "");
  if (ends("ette")) swap(2, "");
  if (ends("ive")) swap(2, "f");       // sportive -> sportif
  if (ends("e")) swap(1, "");          // agente -> agent
  return out;
}

std::vector<std::string> FoldedWords(std::string_view text) {
  std::vector<std::string> words =
      SplitWords(StripInclusiveWriting(FoldAll(text)));
  CollapseGender(&words);
  return words;
}

std::vector<std::string> PlainWords(std::string_view text) {
  return SplitWords(FoldAll(text));
}

Normalizer::Normalizer(std::string lang) : lang_(std::move(lang)) {}

Normalizer::~Normalizer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::unique_ptr<Normalizer> Normalizer::Create(std::string_view lang) {
  std::unique_ptr<Normalizer> normalizer(new Normalizer(std::string(lang)));
  if (const char* name = StemmerName(lang)) {
    normalizer->stemmer_ = sb_stemmer_new(name, "UTF_8");
  }
  return normalizer;
}

std::string Normalizer::Stem(std::string_view word) {
  if (!stemmer_ || word.empty()) return std::string(word);
  const sb_symbol* stem = sb_stemmer_stem(
      stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
      static_cast<int>(word.size()));
  if (!stem) return std::string(word);  // out of memory: keep the word
  return std::string(reinterpret_cast<const char*>(stem),
                     sb_stemmer_length(stemmer_));
}

Normalized Normalizer::Normalize(std::string_view text) {
  const LanguageRules& rules = RulesFor(lang_);
  std::vector<std::string> words = FoldedWords(text);
  Normalized out;
  out.words.reserve(words.size());
  for (std::string& word : words) {
    if (AllDigits(word)) continue;
    // Ordinals and counts glued to letters: "02techniciens" is rare, "1er"
    // and "2nd" are not: drop words that start with a digit and are short.
    if (word[0] >= '0' && word[0] <= '9' && word.size() <= 4) continue;
    if (rules.noise.count(word)) continue;
    auto abbreviation = rules.abbreviations.find(word);
    if (abbreviation != rules.abbreviations.end()) {
      for (std::string& expanded : SplitWords(abbreviation->second)) {
        if (!out.text.empty()) out.text.push_back(' ');
        out.text += expanded;
        out.words.push_back(std::move(expanded));
      }
      continue;
    }
    if (lang_ == "fr") {
      // A feminine word alone ("caissière", "tisseuse") becomes its
      // masculine form, the one titles are reduced to above.
      word = MasculineForm(word);
    }
    if (!out.text.empty()) out.text.push_back(' ');
    out.text += word;
    if (rules.stop_words.count(word)) continue;
    out.words.push_back(std::move(word));
  }
  out.stems.reserve(out.words.size());
  for (const std::string& word : out.words) out.stems.push_back(Stem(word));
  return out;
}

}  // namespace skillmatch::text
