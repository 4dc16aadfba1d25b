#include "skillmatch/classification/normalize.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <unordered_map>
#include <unordered_set>
#include <utility>

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
  // Most text has none of the sequences below (their lead bytes are C3, C5
  // and E2): then the folded text is the answer, without a second copy.
  size_t first = 0;
  while (first < folded.size()) {
    unsigned char c = folded[first];
    if (c == 0xC3 || c == 0xC5 || c == 0xE2) break;
    ++first;
  }
  if (first == folded.size()) return folded;
  std::string out;
  out.reserve(folded.size());
  out.append(folded, 0, first);
  for (size_t pos = first; pos < folded.size(); ++pos) {
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

// True for the bytes StripInclusiveWriting may act on: '(' and the first
// byte of a separator (see SeparatorLength).
bool MayStartInclusiveWriting(unsigned char c) {
  return c == '(' || c == '.' || c == 0xC2 || c == 0xE2;
}

// Step 2 on the folded text, before splitting into words: removes
// parenthesised and dotted gender suffixes and gender markers.
std::string StripInclusiveWriting(std::string s) {
  size_t pos = 0;
  while (pos < s.size() &&
         !MayStartInclusiveWriting(static_cast<unsigned char>(s[pos]))) {
    ++pos;
  }
  if (pos == s.size()) return s;  // nothing to strip: no copy
  std::string out;
  out.reserve(s.size());
  out.append(s, 0, pos);
  while (pos < s.size()) {
    unsigned char c = s[pos];
    if (!MayStartInclusiveWriting(c)) {
      // Bytes that are neither '(' nor a separator are copied as they are:
      // the whole run of them at once.
      size_t end = pos + 1;
      while (end < s.size() &&
             !MayStartInclusiveWriting(static_cast<unsigned char>(s[end]))) {
        ++end;
      }
      out.append(s, pos, end - pos);
      pos = end;
      continue;
    }
    if (c == '(') {
      size_t close = s.find(')', pos);
      if (close != std::string_view::npos) {
        std::string_view inside =
            std::string_view(s).substr(pos + 1, close - pos - 1);
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
      std::string_view suffix =
          std::string_view(s).substr(pos + sep, end - pos - sep);
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
  words.reserve(s.size() / 6 + 1);  // about one word in 6 bytes of text
  // A word is a run of word code points: the bytes [start, pos).
  size_t start = std::string_view::npos;
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
      if (start == std::string_view::npos) start = pos;
    } else if (start != std::string_view::npos) {
      words.emplace_back(s.substr(start, pos - start));
      start = std::string_view::npos;
    }
    pos += length;
  }
  if (start != std::string_view::npos) words.emplace_back(s.substr(start));
  return words;
}

// Whether IsFeminineOf(x, y) or IsFeminineOf(y, x) may hold. Every case of
// IsFeminineOf(a, b) has a.size() >= 3, b 1 to 3 bytes longer than a, and b
// starting with a minus at most its last 3 bytes (so with a's first byte
// when a.size() >= 4): pairs without these are skipped before the call.
// When the pair may match, the shorter word is the `a` to try.
bool MayBeGenderPair(const std::string& x, const std::string& y) {
  const bool x_shorter = x.size() < y.size();
  const std::string& shorter = x_shorter ? x : y;
  const std::string& longer = x_shorter ? y : x;
  const size_t extra = longer.size() - shorter.size();
  if (extra < 1 || extra > 3 || shorter.size() < 3) return false;
  return shorter.size() == 3 || shorter[0] == longer[0];
}

// The lengths of a set of words as bit masks (bit min(size, 63)), one per
// first byte (modulo 32) and one for all: tells in constant time whether
// MayBeGenderPair(word, w) may hold for some word of the set, so that a
// text's words are not all compared with each other (most have no twin).
class GenderPairFilter {
 public:
  void Add(const std::string& w) {
    const uint64_t bit = uint64_t{1} << std::min<size_t>(w.size(), 63);
    by_first_[Bucket(w)] |= bit;
    all_ |= bit;
  }
  bool MayPair(const std::string& w) const {
    const size_t size = w.size();
    if (size < 3) return false;       // too short to be either word of a pair
    if (size + 3 >= 63) return true;  // long lengths share bit 63
    // Same first byte: 1 to 3 bytes shorter or longer.
    const uint64_t near =
        (uint64_t{0x7F} << (size - 3)) & ~(uint64_t{1} << size);
    if (by_first_[Bucket(w)] & near) return true;
    // Any first byte when the shorter word has 3 bytes.
    if (size == 3) return (all_ & uint64_t{0x70}) != 0;  // sizes 4 to 6
    return size <= 6 && (all_ & uint64_t{0x8}) != 0;     // size 3
  }

 private:
  static size_t Bucket(const std::string& w) {
    return w.empty() ? 0 : static_cast<unsigned char>(w[0]) & 31;
  }
  std::array<uint64_t, 32> by_first_{};
  uint64_t all_ = 0;
};

// Drops "h f", "f h", "h f x", "m f", "m w d" sequences left by "H/F" after
// punctuation became spaces, and feminine forms whose masculine is present.
void CollapseGender(std::vector<std::string>* words) {
  // Kept words are moved to the front, to (*words)[0, kept): a word is only
  // moved after every later look at it.
  size_t kept = 0;
  GenderPairFilter filter;  // over the kept words
  auto is_marker_letter = [](const std::string& w) {
    return w.size() == 1 && (w[0] == 'h' || w[0] == 'f' || w[0] == 'x' ||
                             w[0] == 'm' || w[0] == 'w' || w[0] == 'd');
  };
  for (size_t word_idx = 0; word_idx < words->size(); ++word_idx) {
    std::string& w = (*words)[word_idx];
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
    if (filter.MayPair(w)) {
      for (size_t earlier_idx = 0; earlier_idx < kept; ++earlier_idx) {
        const std::string& earlier = (*words)[earlier_idx];
        if (!MayBeGenderPair(earlier, w)) continue;
        // Only the shorter word can be the masculine one.
        if (earlier.size() < w.size() ? IsFeminineOf(earlier, w)
                                      : IsFeminineOf(w, earlier)) {
          feminine_twin = true;
          break;
        }
      }
    }
    if (feminine_twin) continue;
    filter.Add(w);
    if (kept != word_idx) (*words)[kept] = std::move(w);
    ++kept;
  }
  words->resize(kept);
}

bool AllDigits(const std::string& w) {
  return std::all_of(w.begin(), w.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// What steps 4-6 do with one word of a language.
struct WordRule {
  bool noise = false;
  bool stop = false;
  // Non-empty for an abbreviation: the words it stands for.
  std::vector<std::string> expansion;
};

struct LanguageRules {
  LanguageRules() = default;
  LanguageRules(
      std::initializer_list<std::string_view> stop_words,
      std::initializer_list<std::string_view> noise,
      std::initializer_list<std::pair<std::string_view, std::string_view>>
          abbreviations) {
    for (std::string_view word : stop_words) words[word].stop = true;
    for (std::string_view word : noise) words[word].noise = true;
    for (const auto& [word, expansion] : abbreviations) {
      words[word].expansion = SplitWords(expansion);
    }
  }
  // Stop words for the words that have no rule yet.
  void AddStopWords(std::initializer_list<std::string_view> stop_words) {
    for (std::string_view word : stop_words) {
      if (!words.count(word)) words[word].stop = true;
    }
  }
  // The stop words, noise words and abbreviations in one table, so that a
  // word costs one look-up. Words without a rule are not in it.
  std::unordered_map<std::string_view, WordRule> words;
  const WordRule* Find(std::string_view word) const {
    auto it = words.find(word);
    return it == words.end() ? nullptr : &it->second;
  }
};

const LanguageRules& RulesFor(std::string_view lang) {
  // Function words. A title written in one language is also looked at in
  // the others of a bilingual taxonomy, so each language also drops the
  // other's function words ("sous" read as English, "of" read as French),
  // unless it has a rule of its own for them.
  static const std::initializer_list<std::string_view> kFrenchStop =
      {"a", "au", "aux", "avec", "d", "de", "des", "du", "en", "et", "l", "la",
       "le", "les", "ou", "par", "pour", "sur", "dans", "un", "une", "chez",
       "s", "son", "sa", "ses", "qui", "que",
       // Function words of job-board titles, which must never carry a
       // match on their own ("sous", "entre", "vers").
       "sous", "entre", "vers", "selon", "hors", "sans", "contre", "apres",
       "avant", "ce", "cet", "cette", "ces", "nos", "notre", "vos", "votre",
       "leur", "leurs", "il", "elle", "nous", "vous", "on", "y", "dont", "se",
       "ne", "pas", "mon", "ma", "mes", "tout", "tous", "toute", "toutes"};
  static const std::initializer_list<std::string_view> kEnglishStop =
      {"a", "an", "and", "the", "of", "in", "for", "to", "with", "on", "or",
       "at", "by", "s", "as", "from", "into", "per", "our", "we", "you",
       "your", "is", "are", "be", "under", "over", "within", "this", "that",
       "their", "its", "all", "via", "not"};
  static LanguageRules kFrench = {
      kFrenchStop,
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
  static LanguageRules kEnglish = {
      kEnglishStop,
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
  static const bool kForeignAdded = [] {
    kFrench.AddStopWords(kEnglishStop);
    kEnglish.AddStopWords(kFrenchStop);
    return true;
  }();
  (void)kForeignAdded;
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

namespace {

// MasculineForm in place; true when the word changed.
bool MakeMasculine(std::string* word) {
  auto ends = [&](std::string_view suffix) {
    return word->size() >= suffix.size() + 3 &&
           std::string_view(*word).substr(word->size() - suffix.size()) ==
               suffix;
  };
  auto swap = [&](size_t drop, std::string_view add) {
    word->erase(word->size() - drop);
    word->append(add);
    return true;
  };
  if (ends("trice")) return swap(4, "eur");  // directrice -> directeur
  if (ends("euse")) return swap(3, "r");     // vendeuse -> vendeur
  if (ends("iere")) return swap(2, "r");     // caissiere -> caissier
  if (ends("ere")) return swap(2, "r");      // bergere -> berger
  if (ends("ienne")) return swap(2, "");     // technicienne -> technicien
  if (ends("ive")) return swap(2, "f");      // sportive -> sportif
  return false;
}

}  // namespace

std::string MasculineForm(std::string_view word) {
  std::string form(word);
  MakeMasculine(&form);
  return form;
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

namespace {

struct StringHash {
  using is_transparent = void;  // look-ups by string_view
  size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};
template <typename Value>
using StringMap =
    std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// What steps 4-7 make of one folded word.
struct WordOutcome {
  bool dropped = false;  // a number, or noise
  // An abbreviation: the words it stands for (owned by the rules).
  const std::vector<std::string>* expansion = nullptr;
  // Otherwise: the word after step 5 (its masculine form in French), ...
  std::string form;
  // ... whether that form is a stop word (kept in Normalized::text only),
  // and its stem when it is not.
  bool stop = false;
  std::string stem;
};

}  // namespace

struct Normalizer::Memo {
  const LanguageRules* rules = nullptr;
  bool french = false;
  sb_stemmer* stemmer = nullptr;  // owned by the Normalizer; may be null
  StringMap<std::string> stems;
  StringMap<WordOutcome> words;
  WordOutcome unmemoised;  // see Outcome

  // The stem of a non-empty word; null when Snowball fails (out of
  // memory). Valid until the next call.
  const std::string* Stem(std::string_view word) {
    auto it = stems.find(word);
    if (it != stems.end()) return &it->second;
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
        static_cast<int>(word.size()));
    if (!stem) return nullptr;  // not memoised: the next call tries again
    if (stems.size() >= kMemoLimit) stems.clear();
    return &stems
                .emplace(std::string(word),
                         std::string(reinterpret_cast<const char*>(stem),
                                     sb_stemmer_length(stemmer)))
                .first->second;
  }

  // Step 7 as Normalizer::Stem does it, for a word of the output.
  std::string StemOrWord(const std::string& word) {
    const std::string* stem = stemmer && !word.empty() ? Stem(word) : nullptr;
    return stem ? *stem : word;  // no stemmer, or out of memory: the word
  }

  // Steps 4-7 on one non-empty folded word. Valid until the next call.
  const WordOutcome& Outcome(const std::string& word) {
    auto it = words.find(word);
    if (it != words.end()) return it->second;
    WordOutcome outcome;
    bool failed = false;
    // Ordinals and counts glued to letters: "02techniciens" is rare, "1er"
    // and "2nd" are not: drop words that start with a digit and are short.
    if (AllDigits(word) ||
        (word[0] >= '0' && word[0] <= '9' && word.size() <= 4)) {
      outcome.dropped = true;
    } else if (const WordRule* rule = rules->Find(word); rule && rule->noise) {
      outcome.dropped = true;
    } else if (rule && !rule->expansion.empty()) {
      outcome.expansion = &rule->expansion;
    } else {
      outcome.form = word;
      // A feminine word alone ("caissière", "tisseuse") becomes its
      // masculine form, the one titles are reduced to by FoldedWords; the
      // stop word test is on that form.
      if (french && MakeMasculine(&outcome.form)) {
        rule = rules->Find(outcome.form);
      }
      outcome.stop = rule && rule->stop;
      if (!outcome.stop) {
        const std::string* stem = stemmer ? Stem(outcome.form) : nullptr;
        failed = stemmer && !stem;
        outcome.stem = stem ? *stem : outcome.form;
      }
    }
    if (failed) {
      unmemoised = std::move(outcome);
      return unmemoised;
    }
    if (words.size() >= kMemoLimit) words.clear();
    return words.emplace(word, std::move(outcome)).first->second;
  }
};

Normalizer::Normalizer(std::string lang)
    : lang_(std::move(lang)), memo_(std::make_unique<Memo>()) {
  memo_->rules = &RulesFor(lang_);
  memo_->french = lang_ == "fr";
}

Normalizer::~Normalizer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::unique_ptr<Normalizer> Normalizer::Create(std::string_view lang) {
  std::unique_ptr<Normalizer> normalizer(new Normalizer(std::string(lang)));
  if (const char* name = StemmerName(lang)) {
    normalizer->stemmer_ = sb_stemmer_new(name, "UTF_8");
    normalizer->memo_->stemmer = normalizer->stemmer_;
  }
  return normalizer;
}

std::string Normalizer::Stem(std::string_view word) {
  if (!stemmer_ || word.empty()) return std::string(word);
  const std::string* stem = memo_->Stem(word);
  if (!stem) return std::string(word);  // out of memory: keep the word
  return *stem;
}

Normalized Normalizer::Normalize(std::string_view text) {
  return NormalizeWords(FoldedWords(text));
}

Normalized Normalizer::NormalizeWords(
    const std::vector<std::string>& folded_words) {
  Normalized out;
  out.words.reserve(folded_words.size());
  out.stems.reserve(folded_words.size());
  size_t text_size = 0;
  for (const std::string& word : folded_words) text_size += word.size() + 1;
  out.text.reserve(text_size);
  auto add_text = [&](const std::string& word) {
    if (!out.text.empty()) out.text.push_back(' ');
    out.text += word;
  };
  for (const std::string& word : folded_words) {
    if (word.empty()) continue;  // dropped, as numbers are
    const WordOutcome& outcome = memo_->Outcome(word);
    if (outcome.dropped) continue;
    if (outcome.expansion) {
      for (const std::string& expanded : *outcome.expansion) {
        add_text(expanded);
        out.words.push_back(expanded);
        out.stems.push_back(memo_->StemOrWord(expanded));
      }
      continue;
    }
    add_text(outcome.form);
    if (outcome.stop) continue;
    out.words.push_back(outcome.form);
    out.stems.push_back(outcome.stem);
  }
  return out;
}

}  // namespace skillmatch::text
