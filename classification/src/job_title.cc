#include "skillmatch/classification/job_title.h"

#include <algorithm>
#include <initializer_list>
#include <unordered_set>

#include "skillmatch/classification/normalize.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::text {

namespace {

// A word of the raw title (split on white space) and its folded form
// without surrounding punctuation, which the rules compare.
struct Token {
  std::string raw;
  std::string key;
};

bool IsPunct(unsigned char c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == ':' ||
         c == ',' || c == '!' || c == '-' || c == '|' || c == '*' ||
         c == '.' || c == ';' || c == '"' || c == '?' || c == '#' || c == '/';
}

// Folded form for comparisons: accents and case gone, typographic
// apostrophes and dashes made ASCII, surrounding punctuation stripped.
std::string KeyOf(std::string_view raw) {
  std::string folded = Fold(raw);
  std::string out;
  out.reserve(folded.size());
  for (size_t pos = 0; pos < folded.size(); ++pos) {
    unsigned char c = folded[pos];
    // U+2018/2019 (E2 80 98/99) -> ', U+2013/2014 (E2 80 93/94) -> -
    if (c == 0xE2 && pos + 2 < folded.size() &&
        static_cast<unsigned char>(folded[pos + 1]) == 0x80) {
      unsigned char d = folded[pos + 2];
      if (d == 0x98 || d == 0x99) {
        out.push_back('\'');
        pos += 2;
        continue;
      }
      if (d == 0x93 || d == 0x94) {
        out.push_back('-');
        pos += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  size_t begin = 0, end = out.size();
  while (begin < end && IsPunct(out[begin])) ++begin;
  while (end > begin && IsPunct(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

std::vector<Token> Tokenize(std::string_view raw) {
  std::vector<Token> tokens;
  size_t pos = 0;
  while (pos < raw.size()) {
    // White space: ASCII, and the no-break space U+00A0 (C2 A0).
    auto space_at = [&](size_t at) -> size_t {
      unsigned char c = raw[at];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
      if (c == 0xC2 && at + 1 < raw.size() &&
          static_cast<unsigned char>(raw[at + 1]) == 0xA0) {
        return 2;
      }
      return 0;
    };
    if (size_t n = space_at(pos)) {
      pos += n;
      continue;
    }
    size_t end = pos;
    while (end < raw.size() && space_at(end) == 0) ++end;
    Token t;
    t.raw = std::string(raw.substr(pos, end - pos));
    t.key = KeyOf(t.raw);
    tokens.push_back(std::move(t));
    pos = end;
  }
  return tokens;
}

std::string Join(const std::vector<Token>& tokens, size_t begin, size_t end) {
  std::string out;
  for (size_t idx = begin; idx < end; ++idx) {
    if (!out.empty()) out.push_back(' ');
    out += tokens[idx].raw;
  }
  return out;
}

// A token of punctuation only ("-", "–", ":", "|").
bool IsSeparator(const Token& t) { return t.key.empty(); }

bool AllDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "h/f", "f/h", "h/f/x", "m/w/d", "f/m/d", "m/f": single letters joined by
// "/" (or "-", "|"), at least two, one of them h or f.
bool IsGenderMark(std::string_view key) {
  int letters = 0;
  bool h_or_f = false;
  bool expect_letter = true;
  for (char c : key) {
    if (expect_letter) {
      if (std::string_view("hfmwdxn").find(c) == std::string_view::npos) {
        return false;
      }
      h_or_f |= c == 'h' || c == 'f';
      ++letters;
      expect_letter = false;
    } else {
      if (c != '/' && c != '|') return false;
      expect_letter = true;
    }
  }
  return letters >= 2 && h_or_f && !expect_letter;
}

bool IsNumberWord(std::string_view key) {
  static const std::unordered_set<std::string_view> kNumbers = {
      "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
      "onze", "douze", "quinze", "vingt", "trente", "cinquante", "cent",
      "plusieurs", "two", "three", "four", "five", "ten", "several"};
  return kNumbers.count(key) > 0;
}

bool IsDeterminer(std::string_view key) {
  return key == "un" || key == "une" || key == "des" || key == "de" ||
         key == "du" || key == "d'un" || key == "d'une" || key == "a" ||
         key == "an" || key == "the" || key == "le" || key == "la" ||
         key == "les" || key == "l'";
}

// A count: "04", "(12)", "[3]", "12x", "x12".
bool IsCount(const Token& t) {
  std::string_view k = t.key;
  if (!k.empty() && k.front() == 'x') k.remove_prefix(1);
  if (!k.empty() && k.back() == 'x') k.remove_suffix(1);
  return AllDigits(k) && k.size() <= 4;
}

// Leading offer phrases, as folded words.
const std::vector<std::vector<std::string_view>>& OfferPhrases() {
  static const std::vector<std::vector<std::string_view>> kPhrases = {
      {"avis", "de", "vacance", "de", "poste"},
      {"avis", "d'appel", "a", "candidatures"},
      {"avis", "de", "recrutement"},
      {"appel", "a", "candidatures"},
      {"appel", "a", "candidature"},
      {"vacance", "de", "poste"},
      {"offres", "d'emploi"},
      {"offre", "d'emploi"},
      {"offre", "d", "emploi"},   // the apostrophe lost: "Offre D emploi"
      {"offres", "d", "emploi"},
      {"offre", "d'emplois"},
      {"offre", "de", "poste"},
      {"we", "are", "hiring"},
      {"we're", "hiring"},
      {"nous", "recrutons"},
      {"on", "recrute"},
      {"job", "offer"},
      {"job", "opening"},
      {"tres", "urgent"},
      {"recrutement"},
      {"recrute"},
      {"urgent"},
      {"urgente"},
      {"urgence"},
      {"offre"},
      {"annonce"},
      {"job"},
      {"poste"},
      {"vacancy"},
      {"hiring"},
      {"recruiting"},
  };
  return kPhrases;
}

// Phrases that are offer words whatever follows; the one-word ones above
// ("poste", "job", "recrutement") only when a separator, a determiner or a
// count follows: "Recrutement d'un comptable", not "Recrutement" alone.
bool IsStrongPhrase(const std::vector<std::string_view>& phrase) {
  return phrase.size() > 1 || phrase[0] == "urgent" || phrase[0] == "urgente" ||
         phrase[0] == "urgence";
}

// Removes a leading "d'" or "l'" glued to the next word: "d'Ingénieur".
void StripElision(Token* t) {
  for (std::string_view apostrophe : {"'", "\u2019"}) {
    for (std::string_view letter : {"d", "D", "l", "L"}) {
      std::string prefix = std::string(letter) + std::string(apostrophe);
      if (t->raw.size() > prefix.size() && t->raw.compare(0, prefix.size(), prefix) == 0) {
        t->raw.erase(0, prefix.size());
        t->key = KeyOf(t->raw);
        return;
      }
    }
  }
}

// Places: capitals and large towns of francophone Africa, of France, and
// country names, folded. Multi-word names have their words joined by "-".
const std::unordered_set<std::string_view>& Places() {
  static const std::unordered_set<std::string_view> kPlaces = {
      // Cameroon
      "douala", "yaounde", "bafoussam", "garoua", "bamenda", "maroua",
      "ngaoundere", "bertoua", "kribi", "limbe", "buea", "ebolowa", "kumba",
      "edea", "nkongsamba", "dschang", "foumban", "cameroun", "cameroon",
      // Senegal
      "dakar", "thies", "saint-louis", "ziguinchor", "kaolack", "touba",
      "mbour", "rufisque", "senegal",
      // Benin, Togo
      "cotonou", "porto-novo", "parakou", "abomey-calavi", "bohicon", "benin",
      "lome", "kara", "sokode", "togo",
      // Mali, Niger, Burkina Faso
      "bamako", "sikasso", "segou", "kayes", "mopti", "mali", "niamey",
      "zinder", "maradi", "agadez", "niger", "ouagadougou", "bobo-dioulasso",
      "burkina", "burkina-faso",
      // Côte d'Ivoire, Guinea, Gabon, Congo, DRC, Chad, CAR, Madagascar
      "abidjan", "bouake", "yamoussoukro", "san-pedro", "cote-d'ivoire",
      "conakry", "guinee", "libreville", "port-gentil", "gabon",
      "brazzaville", "pointe-noire", "congo", "kinshasa", "lubumbashi",
      "rdc", "ndjamena", "n'djamena", "tchad", "bangui", "antananarivo",
      "madagascar", "nouakchott", "mauritanie",
      // France (large towns) and Maghreb
      "paris", "lyon", "marseille", "toulouse", "lille", "bordeaux", "nantes",
      "strasbourg", "montpellier", "rennes", "nice", "grenoble", "france",
      "casablanca", "rabat", "tunis", "alger",
      // Regions and wider places
      "afrique", "africa", "idf", "ile-de-france", "remote", "teletravail"};
  return kPlaces;
}

// Joins keys [begin, end) with "-": "pointe noire" and "pointe-noire" alike.
std::string PlaceKey(const std::vector<Token>& tokens, size_t begin, size_t end) {
  std::string key;
  for (size_t idx = begin; idx < end; ++idx) {
    if (!key.empty()) key.push_back('-');
    key += tokens[idx].key;
  }
  return key;
}

// A French department in parentheses: "(76)", "(2A)", "(971)".
bool IsDepartment(const Token& t) {
  if (t.raw.size() < 4 || t.raw.front() != '(' || t.raw.back() != ')') {
    return false;
  }
  std::string_view k = t.key;
  return (AllDigits(k) && k.size() <= 3) || k == "2a" || k == "2b";
}

// "p-3", "p3", "g5", "gs-6", "no-b", "fs-4", "d-1", "sb-3".
bool IsGrade(std::string_view key) {
  size_t letters = 0;
  while (letters < key.size() && key[letters] >= 'a' && key[letters] <= 'z') {
    ++letters;
  }
  std::string_view series = key.substr(0, letters);
  std::string_view rest = key.substr(letters);
  if (!rest.empty() && rest.front() == '-') rest.remove_prefix(1);
  if (rest.size() != 1) return false;
  static const std::unordered_set<std::string_view> kSeries = {
      "p", "d", "g", "gs", "fs", "sb", "ns", "no", "l", "ung"};
  if (!kSeries.count(series)) return false;
  if (series == "no") return rest[0] >= 'a' && rest[0] <= 'd';
  return rest[0] >= '1' && rest[0] <= '9';
}

bool IsPlaceLead(const Token& t) {
  return t.key == "a" || t.key == "au" || t.key == "in" || t.key == "at" ||
         t.key == "sur" || t.key == "base" || t.key == "basee" ||
         t.key == "based";
}

// Trailing places and grades; true when something was removed.
bool StripTail(std::vector<Token>* tokens) {
  if (tokens->size() < 2) return false;
  auto& t = *tokens;
  const Token& last = t.back();
  if (IsDepartment(last)) {
    t.pop_back();
    return true;
  }
  // A grade after a separator, a comma, "Grade"/"Niveau", or in parentheses.
  if (IsGrade(last.key)) {
    const Token& before = t[t.size() - 2];
    const bool marked = IsSeparator(before) || before.raw.back() == ',' ||
                        last.raw.front() == '(' || before.key == "grade" ||
                        before.key == "niveau" || before.key == "level" ||
                        t.size() >= 3;
    if (marked) {
      t.pop_back();
      if (t.back().key == "grade" || t.back().key == "niveau" ||
          t.back().key == "level") {
        if (t.size() > 1) t.pop_back();
      }
      return true;
    }
  }
  // A place of one or two words, introduced by a separator, a comma, a
  // preposition ("à", "in"), or in parentheses.
  for (size_t words = 1; words <= 2 && words < t.size(); ++words) {
    const size_t begin = t.size() - words;
    if (!Places().count(PlaceKey(t, begin, t.size()))) continue;
    const Token& before = t[begin - 1];
    const bool marked = IsSeparator(before) || before.raw.back() == ',' ||
                        before.raw.back() == '-' || IsPlaceLead(before) ||
                        t[begin].raw.front() == '(';
    if (!marked) continue;
    t.resize(begin);
    while (t.size() > 1 && IsPlaceLead(t.back())) t.pop_back();
    return true;
  }
  return false;
}

// Drops separator tokens at both ends and punctuation left at the edges.
void Trim(std::vector<Token>* tokens) {
  while (!tokens->empty() && IsSeparator(tokens->back())) tokens->pop_back();
  size_t first = 0;
  while (first < tokens->size() && IsSeparator((*tokens)[first])) ++first;
  tokens->erase(tokens->begin(), tokens->begin() + first);
  if (tokens->empty()) return;
  std::string& tail = tokens->back().raw;
  while (!tail.empty() && (tail.back() == ',' || tail.back() == ':' ||
                           tail.back() == '-' || tail.back() == ';' ||
                           tail.back() == '|')) {
    tail.pop_back();
  }
  std::string& head = tokens->front().raw;
  size_t cut = 0;
  while (cut < head.size() && (head[cut] == ':' || head[cut] == '-' ||
                               head[cut] == ',' || head[cut] == '|')) {
    ++cut;
  }
  head.erase(0, cut);
}

}  // namespace

std::string CleanJobTitle(std::string_view raw) {
  std::vector<Token> tokens = Tokenize(raw);
  const std::string as_written = Join(tokens, 0, tokens.size());
  // 1. Gender marks, also spaced out: "( H / F )".
  {
    std::vector<Token> kept;
    for (size_t idx = 0; idx < tokens.size(); ++idx) {
      if (IsGenderMark(tokens[idx].key)) continue;
      // "H / F" as three tokens.
      if (idx + 2 < tokens.size() && tokens[idx + 1].key.empty() &&
          tokens[idx + 1].raw.find('/') != std::string::npos &&
          IsGenderMark(tokens[idx].key + "/" + tokens[idx + 2].key)) {
        idx += 2;
        continue;
      }
      kept.push_back(std::move(tokens[idx]));
    }
    tokens = std::move(kept);
  }
  Trim(&tokens);
  // 2 and 3. Offer words, counts and determiners at the start, in any order.
  for (bool changed = true; changed && tokens.size() > 1;) {
    changed = false;
    for (const auto& phrase : OfferPhrases()) {
      if (phrase.size() >= tokens.size()) continue;
      bool match = true;
      for (size_t word = 0; word < phrase.size() && match; ++word) {
        match = tokens[word].key == phrase[word];
      }
      if (!match) continue;
      const Token& last = tokens[phrase.size() - 1];
      const Token& next = tokens[phrase.size()];
      const bool followed = IsSeparator(next) || IsDeterminer(next.key) ||
                            IsCount(next) || IsNumberWord(next.key) ||
                            next.key.rfind("d'", 0) == 0 ||
                            (!last.raw.empty() && (last.raw.back() == ':' ||
                                                   last.raw.back() == '!' ||
                                                   last.raw.back() == ','));
      if (!IsStrongPhrase(phrase) && !followed) continue;
      tokens.erase(tokens.begin(), tokens.begin() + phrase.size());
      changed = true;
      break;
    }
    if (changed) {
      Trim(&tokens);
      continue;
    }
    if (tokens.size() > 1 &&
        (IsCount(tokens[0]) || IsNumberWord(tokens[0].key) ||
         IsDeterminer(tokens[0].key) || tokens[0].key == "x")) {
      tokens.erase(tokens.begin());
      changed = true;
    } else if (tokens.size() > 2 &&
               (tokens[0].key == "postes" || tokens[0].key == "poste" ||
                tokens[0].key == "positions") &&
               (tokens[1].key == "de" || tokens[1].key == "d'" ||
                tokens[1].key == "of")) {
      tokens.erase(tokens.begin(), tokens.begin() + 2);
      changed = true;
    } else if (tokens.size() > 1 &&
               (tokens[0].key.rfind("d'", 0) == 0 || tokens[0].key.rfind("l'", 0) == 0) &&
               tokens[0].key.size() > 2) {
      // "d'Ingénieur" left by "Recrutement d'Ingénieur".
      StripElision(&tokens[0]);
      changed = true;
    } else if (tokens.size() > 2 && (tokens[0].key == "postes" ||
                                     tokens[0].key == "poste") &&
               tokens[1].key.rfind("d'", 0) == 0) {
      tokens.erase(tokens.begin());
      changed = true;
    }
    Trim(&tokens);
  }
  // 4 and 5. Places and grades at the end.
  while (StripTail(&tokens)) Trim(&tokens);
  std::string cleaned = Join(tokens, 0, tokens.size());
  if (cleaned.empty()) return as_written;
  return cleaned;
}

JobSplit JobParts(std::string_view cleaned) {
  JobSplit split;
  // Split points: marks anywhere ("Électricien/Plombier"), words as tokens.
  std::vector<std::pair<std::string, bool>> parts;  // text, after a word split
  std::string current;
  bool current_by_word = false;
  auto flush = [&](bool by_word) {
    parts.emplace_back(current, current_by_word);
    current.clear();
    current_by_word = by_word;
  };
  for (const Token& t : Tokenize(cleaned)) {
    if (t.key == "et" || t.key == "and" || t.key == "ou" || t.key == "or" ||
        t.raw == "&" || t.raw == "+") {
      flush(t.raw != "+");
      continue;
    }
    std::string piece;
    for (size_t pos = 0; pos < t.raw.size(); ++pos) {
      const char c = t.raw[pos];
      if (c == '/' || c == '|' || c == ';' ||
          (c == ',' && pos + 1 == t.raw.size())) {
        if (!piece.empty()) {
          if (!current.empty()) current.push_back(' ');
          current += piece;
          piece.clear();
        }
        flush(c == ',');
        continue;
      }
      piece.push_back(c);
    }
    if (!piece.empty()) {
      if (!current.empty()) current.push_back(' ');
      current += piece;
    }
  }
  flush(false);
  // Empty parts (", ," or a trailing "/") go; a part that is the feminine
  // twin of the one before joins it.
  std::vector<std::pair<std::string, bool>> kept;
  for (auto& [text, by_word] : parts) {
    std::vector<Token> words = Tokenize(text);
    if (words.empty() || words[0].key.empty()) continue;
    if (!kept.empty()) {
      std::vector<Token> before = Tokenize(kept.back().first);
      const std::string& a = before[0].key;
      const std::string& b = words[0].key;
      if (IsFeminineOf(a, b) || IsFeminineOf(b, a)) {
        kept.back().first += " / " + text;
        continue;
      }
    }
    kept.emplace_back(std::move(text), by_word);
  }
  if (kept.size() < 2) return split;
  for (auto& [text, by_word] : kept) {
    split.by_word |= by_word;
    split.parts.push_back(std::move(text));
  }
  return split;
}

}  // namespace skillmatch::text
