// The statistics dashboard: one self-contained French HTML page, built from
// the same publications as `skillmatch stats` (so the same cells are
// suppressed), with inline SVG charts each followed by its table.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "skillmatch/stats/publication.h"
#include "skillmatch/stats/vacancy_duration.h"

namespace skillmatch::engine::stats {

namespace {

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Fixed(double value, int decimals) {
  if (std::fabs(value) < 0.5 * std::pow(10.0, -decimals)) value = 0;
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// French conventions: decimal comma, a narrow no-break space before "%".
std::string Fr(double value, int decimals) {
  std::string text = Fixed(value, decimals);
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string FrDay(int day) {
  const CivilDate d = CivilFromDay(day);
  char text[16];
  std::snprintf(text, sizeof text, "%02d/%02d/%04d", d.day, d.month, d.year);
  return text;
}

// `text` cut to at most `max` bytes at a character boundary, "..." marking
// the cut.
std::string Shorten(std::string text, size_t max) {
  if (text.size() <= max) return text;
  text.resize(max - 3);
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) {
    text.pop_back();
  }
  if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0xC0) {
    text.pop_back();  // a lead byte whose continuation was cut
  }
  return text + "...";
}

const char* const kSecret =
    "<span class=\"s\" title=\"secret statistique\">s</span>";

// A publication cell as French text, with its marks.
std::string Shown(const Publication& p, const std::vector<PublicationCell>& row,
                  const std::string& column) {
  const int col = p.ColumnIndex(column);
  if (col < 0) return "";
  const PublicationCell& cell = row[col];
  if (cell.suppression != Suppression::kNone) return kSecret;
  const ColumnKind kind = p.columns[col].kind;
  std::string text;
  if (kind == ColumnKind::kText) return Escape(cell.text);
  if (!cell.number) return "<span class=\"na\">–</span>";
  switch (kind) {
    case ColumnKind::kCount:
    case ColumnKind::kDays:
      text = Fixed(*cell.number, 0);
      break;
    case ColumnKind::kRatio:
    case ColumnKind::kScore:
      text = Fr(*cell.number, 2);
      break;
    case ColumnKind::kShare:
      text = Fr(100 * *cell.number, 1) + "&#8239;%";
      break;
    case ColumnKind::kText:
      break;
  }
  if (cell.quality == Quality::kFewRecords) {
    text += "<sup class=\"q\" title=\"peu d'observations\">*</sup>";
  } else if (cell.quality == Quality::kFewEvents) {
    text += "<sup class=\"q\" title=\"peu d'offres pourvues\">**</sup>";
  }
  return text;
}

std::optional<double> Value(const Publication& p, const std::vector<PublicationCell>& row,
                            const std::string& column) {
  const int col = p.ColumnIndex(column);
  if (col < 0 || row[col].suppression != Suppression::kNone) return std::nullopt;
  return row[col].number;
}

bool IsSecret(const Publication& p, const std::vector<PublicationCell>& row,
              const std::string& column) {
  const int col = p.ColumnIndex(column);
  return col >= 0 && row[col].suppression != Suppression::kNone;
}

std::string TextOf(const Publication& p, const std::vector<PublicationCell>& row,
                   const std::string& column) {
  const int col = p.ColumnIndex(column);
  return col < 0 ? "" : row[col].text;
}

std::string Name(const PublicationOptions& options, const std::string& code) {
  auto it = options.labels.find(code);
  if (it == options.labels.end() || it->second.empty()) return code;
  return it->second + " (" + code + ")";
}

const char* kPalette[] = {"#1f5fa8", "#d9822b", "#2e8b57", "#b03a48",
                          "#7b4fa0", "#8c6d31", "#17becf", "#555555"};
const char* kLevelColour[] = {"#2c7bb6", "#abd9e9", "#e0e0a0", "#fdae61", "#d7191c"};
const char* kLevelName[] = {"très faible", "faible", "moyenne", "forte", "très forte"};

std::string SvgOpen(double width, double height, const std::string& label) {
  return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
         Fixed(width, 0) + "\" height=\"" + Fixed(height, 0) + "\" viewBox=\"0 0 " +
         Fixed(width, 0) + " " + Fixed(height, 0) + "\" role=\"img\" aria-label=\"" +
         Escape(label) + "\">\n";
}

std::string SvgText(double x, double y, const std::string& text,
                    const std::string& anchor = "start", const std::string& cls = "tick") {
  return "<text x=\"" + Fixed(x, 1) + "\" y=\"" + Fixed(y, 1) + "\" text-anchor=\"" +
         anchor + "\" class=\"" + cls + "\">" + text + "</text>\n";
}

std::string Line(double x1, double y1, double x2, double y2, const std::string& colour,
                 double width = 1) {
  return "<line x1=\"" + Fixed(x1, 1) + "\" y1=\"" + Fixed(y1, 1) + "\" x2=\"" +
         Fixed(x2, 1) + "\" y2=\"" + Fixed(y2, 1) + "\" stroke=\"" + colour +
         "\" stroke-width=\"" + Fixed(width, 1) + "\"/>\n";
}

std::string Rect(double x, double y, double w, double h, const std::string& colour,
                 const std::string& title) {
  return "<rect x=\"" + Fixed(x, 1) + "\" y=\"" + Fixed(y, 1) + "\" width=\"" +
         Fixed(std::max(0.0, w), 1) + "\" height=\"" + Fixed(h, 1) + "\" fill=\"" + colour +
         "\"><title>" + Escape(title) + "</title></rect>\n";
}

std::string Swatch(const std::string& colour) {
  return "<svg width=\"14\" height=\"10\"><rect width=\"14\" height=\"10\" fill=\"" +
         colour + "\"/></svg>";
}

std::string ComponentFr(std::string text) {
  const std::pair<const char*, const char*> names[] = {
      {"tension_ratio", "ratio de tension"},
      {"outflow_rate", "sorties vers l'emploi"},
      {"hiring_difficulty", "difficulté de recrutement"},
      {"geographic_mismatch", "inadéquation géographique"},
      {"z ", "z "}};
  for (const auto& [from, to] : names) {
    for (size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + std::string(to).size())) {
      text.replace(pos, std::string(from).size(), to);
    }
  }
  std::replace(text.begin(), text.end(), '.', ',');
  return Escape(text);
}

// The period the page sums over: the last 12 months when the window holds
// them, else the last quarter, else the last month.
PeriodKind SummaryKind(int first_month, int last_month) {
  const int months = last_month - first_month + 1;
  if (months >= 12) return PeriodKind::kRolling12;
  if (PeriodsWithin(PeriodKind::kQuarter, first_month, last_month).size() > 0) {
    return PeriodKind::kQuarter;
  }
  return PeriodKind::kMonth;
}

// Rows of `p` of its last period.
std::vector<const std::vector<PublicationCell>*> LastPeriodRows(const Publication& p) {
  std::vector<const std::vector<PublicationCell>*> out;
  if (p.periods.empty()) return out;
  const std::string last = p.periods.back().Label();
  for (const auto& row : p.rows) {
    if (TextOf(p, row, "period") == last) out.push_back(&row);
  }
  return out;
}

// --- Sections ---

std::string TensionSection(const Result<Publication>& tension,
                           const PublicationOptions& options) {
  std::string out =
      "<h2 id=\"tension\">Indice de tension par domaine professionnel</h2>\n";
  if (!tension.ok()) {
    return out + "<p class=\"box bad\">Indice non calculé : " +
           Escape(tension.status().message()) + "</p>\n";
  }
  const Publication& p = *tension;
  const auto all_rows = LastPeriodRows(p);
  std::vector<const std::vector<PublicationCell>*> rows;
  for (const auto* row : all_rows) {
    if (Value(p, *row, "level")) rows.push_back(row);
  }
  out += "<p>Sur la période " + Escape(p.periods.empty() ? "" : p.periods.back().Label()) +
         ", au niveau national. Chaque composante est centrée-réduite entre les domaines "
         "professionnels ; le score est leur moyenne ; les niveaux 1 (très faible) à 5 (très "
         "forte) coupent les scores aux quintiles des 12 derniers mois. Les composantes qui "
         "expliquent le niveau sont nommées. ";
  if (all_rows.size() > rows.size()) {
    out += std::to_string(all_rows.size() - rows.size()) +
           " domaines n'ont pas assez de composantes publiables (moins de 3) et ne sont pas "
           "classés (en fin de tableau). ";
  }
  out += "Le détail par métier : <code>skillmatch stats tension</code>.</p>\n";
  // Score bars, centred at 0.
  const double width = 760, bar = 18, left = 260, right = 60;
  const double height = 30 + bar * rows.size() + 10;
  double max_abs = 1;
  for (const auto* row : rows) {
    if (auto s = Value(p, *row, "score")) max_abs = std::max(max_abs, std::fabs(*s));
  }
  const double plot = width - left - right;
  const double zero = left + plot / 2;
  std::string svg = SvgOpen(width, height, "Score de tension par domaine professionnel");
  svg += SvgText(left, 14, "score de tension (0 = moyenne des domaines)", "start", "ctitle");
  svg += Line(zero, 20, zero, height - 8, "#888");
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    const auto& row = *rows[idx];
    const double y = 24 + bar * idx;
    const std::string code = TextOf(p, row, "occupation");
    const std::string name = Shorten(Name(options, code), 44);
    svg += SvgText(left - 6, y + 13, Escape(name), "end");
  const auto score = Value(p, row, "score");
    const auto level = Value(p, row, "level");
    if (!score || !level) {
      svg += SvgText(zero + 4, y + 13, "non classé", "start", "tick");
      continue;
    }
    const double w = plot / 2 * std::fabs(*score) / max_abs;
    const double x = *score >= 0 ? zero : zero - w;
    const int lv = static_cast<int>(*level);
    svg += Rect(x, y + 2, w, bar - 4, kLevelColour[lv - 1],
                name + " : niveau " + std::to_string(lv) + ", score " + Fr(*score, 2));
    svg += SvgText(*score >= 0 ? x + w + 4 : x - 4, y + 13, std::to_string(lv),
                   *score >= 0 ? "start" : "end", "tick");
  }
  svg += "</svg>\n";
  out += svg;
  out += "<p class=\"legend\">";
  for (int lv = 0; lv < 5; ++lv) {
    out += "<span>" + Swatch(kLevelColour[lv]) + " " + std::to_string(lv + 1) + " " +
           kLevelName[lv] + "</span> ";
  }
  out += "</p>\n";
  out += "<table><tr><th class=\"l\">domaine professionnel</th><th>niveau</th><th>score</th>"
         "<th>ratio de tension</th><th>sorties vers l'emploi</th>"
         "<th>non pourvues à 30 j</th><th>inadéquation géographique</th>"
         "<th class=\"l\">expliqué par</th></tr>\n";
  for (const auto* row : all_rows) {
    const auto level = Value(p, *row, "level");
    const std::string cls =
        level ? " class=\"lv" + std::to_string(static_cast<int>(*level)) + "\"" : "";
    out += "<tr><td class=\"l\">" + Escape(Name(options, TextOf(p, *row, "occupation"))) +
           "</td><td" + cls + ">" + Shown(p, *row, "level") + "</td><td>" +
           Shown(p, *row, "score") + "</td><td>" + Shown(p, *row, "tension_ratio") +
           "</td><td>" + Shown(p, *row, "outflow_rate") + "</td><td>" +
           Shown(p, *row, "unfilled_at_30") + "</td><td>" + Shown(p, *row, "mismatch") +
           "</td><td class=\"l\">" + ComponentFr(TextOf(p, *row, "explained_by")) +
           "</td></tr>\n";
  }
  return out + "</table>\n";
}

// The occupations of a cube publication with the most new offers, at most 6.
std::vector<std::string> TopOccupations(const Publication& p) {
  std::map<std::string, double> offers;
  for (const auto& row : p.rows) {
    offers[TextOf(p, row, "occupation")] += Value(p, row, "new_offers").value_or(0);
  }
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [code, count] : offers) ranked.push_back({-count, code});
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (size_t idx = 0; idx < ranked.size() && idx < 6; ++idx) out.push_back(ranked[idx].second);
  return out;
}

// The share of the top occupations' points whose jobseekers are suppressed.
double SecretShare(const Publication& p) {
  const std::vector<std::string> top = TopOccupations(p);
  int points = 0, secret = 0;
  for (const auto& row : p.rows) {
    if (std::find(top.begin(), top.end(), TextOf(p, row, "occupation")) == top.end()) continue;
    ++points;
    secret += IsSecret(p, row, "new_jobseekers");
  }
  return points == 0 ? 0 : static_cast<double>(secret) / points;
}

std::string TrendsSection(const Result<Publication>& cube, const PublicationOptions& options) {
  std::string out = "<h2 id=\"tendances\">Évolution par métier</h2>\n";
  if (!cube.ok()) return out + "<p class=\"box bad\">" + Escape(cube.status().message()) + "</p>\n";
  const Publication& p = *cube;
  const bool monthly = p.breakdown.period == PeriodKind::kMonth;
  const std::string unit = monthly ? "mois" : "trimestre";
  std::vector<std::pair<double, std::string>> ranked;
  for (const std::string& code : TopOccupations(p)) ranked.push_back({0, code});
  const size_t months = p.periods.size();
  out += "<p>Offres nouvelles " + Swatch(kPalette[0]) + " et demandeurs nouveaux " +
         Swatch(kPalette[1]) + " par " + unit + ", au niveau national, pour les " +
         std::to_string(ranked.size()) + " métiers ayant reçu le plus d'offres" +
         (monthly ? std::string("")
                  : std::string(" (par trimestre : par mois, plus d'un quart des effectifs de "
                                "demandeurs de ces métiers seraient sous le secret "
                                "statistique)")) +
         ". Un " + unit +
         " dont le nombre de demandeurs est sous le secret statistique est marqué « s » sous "
         "l'axe et n'est pas tracé.</p>\n<div class=\"charts\">\n";
  std::string tables;
  for (const auto& [negative, code] : ranked) {
    std::vector<std::optional<double>> offer_series(months), seeker_series(months);
    std::vector<bool> secret(months, false);
    for (const auto& row : p.rows) {
      if (TextOf(p, row, "occupation") != code) continue;
      const std::string period = TextOf(p, row, "period");
      for (size_t m = 0; m < months; ++m) {
        if (p.periods[m].Label() != period) continue;
        offer_series[m] = Value(p, row, "new_offers");
        seeker_series[m] = Value(p, row, "new_jobseekers");
        secret[m] = IsSecret(p, row, "new_jobseekers");
      }
    }
    double max = 1;
    for (size_t m = 0; m < months; ++m) {
      max = std::max({max, offer_series[m].value_or(0), seeker_series[m].value_or(0)});
    }
    max = std::ceil(max / 4) * 4;  // four whole steps on the axis
    const double w = 350, h = 200, left = 36, right = 10, top = 30, bottom = 34;
    const double pw = w - left - right, ph = h - top - bottom;
    auto x_of = [&](size_t m) {
      return left + (months <= 1 ? pw / 2 : pw * static_cast<double>(m) / (months - 1));
    };
    auto y_of = [&](double v) { return top + ph * (1 - v / max); };
    std::string name = Name(options, code);
    std::string svg = SvgOpen(w, h, "Tendance " + name);
    const std::string title = Shorten(name, 52);
    svg += SvgText(left, 14, Escape(title), "start", "ctitle");
    for (int step = 0; step <= 4; ++step) {
      const double v = max * step / 4;
      svg += Line(left, y_of(v), w - right, y_of(v), "#e3e3e3");
      svg += SvgText(left - 4, y_of(v) + 4, Fixed(v, 0), "end");
    }
    for (size_t m = 0; m < months; m += std::max<size_t>(1, months / 4)) {
      svg += SvgText(x_of(m), h - bottom + 14, p.periods[m].Label(), "middle");
    }
    for (int series = 0; series < 2; ++series) {
      const auto& values = series == 0 ? offer_series : seeker_series;
      std::string points;
      auto flush = [&] {
        if (!points.empty()) {
          svg += "<polyline fill=\"none\" stroke=\"" + std::string(kPalette[series]) +
                 "\" stroke-width=\"2\" points=\"" + points + "\"/>\n";
        }
        points.clear();
      };
      for (size_t m = 0; m < months; ++m) {
        if (!values[m]) {
          flush();
          continue;
        }
        if (!points.empty()) points += " ";
        points += Fixed(x_of(m), 1) + "," + Fixed(y_of(*values[m]), 1);
        // A dot on every point: a point between two secret ones still shows.
        svg += "<circle cx=\"" + Fixed(x_of(m), 1) + "\" cy=\"" + Fixed(y_of(*values[m]), 1) +
               "\" r=\"2\" fill=\"" + std::string(kPalette[series]) + "\"/>\n";
      }
      flush();
    }
    for (size_t m = 0; m < months; ++m) {
      if (secret[m]) svg += SvgText(x_of(m), h - bottom + 26, "s", "middle", "secret");
    }
    svg += "</svg>\n";
    out += svg;
    tables += "<table class=\"wide\"><caption>" + Escape(name) +
              "</caption><tr><th class=\"l\">" + unit + "</th>";
    for (size_t m = 0; m < months; ++m) tables += "<th>" + p.periods[m].Label() + "</th>";
    tables += "</tr>\n";
    for (const char* measure : {"new_offers", "new_jobseekers", "tension_ratio"}) {
      const std::string label = std::string(measure) == "new_offers" ? "offres nouvelles"
                                : std::string(measure) == "new_jobseekers"
                                    ? "demandeurs nouveaux"
                                    : "ratio de tension";
      tables += "<tr><th class=\"l\">" + label + "</th>";
      for (size_t m = 0; m < months; ++m) {
        std::string cell = "";
        for (const auto& row : p.rows) {
          if (TextOf(p, row, "occupation") == code &&
              TextOf(p, row, "period") == p.periods[m].Label()) {
            cell = Shown(p, row, measure);
          }
        }
        tables += "<td>" + cell + "</td>";
      }
      tables += "</tr>\n";
    }
    tables += "</table>\n";
  }
  out += "</div>\n<details><summary>Les mêmes chiffres en tableau</summary>\n" + tables +
         "</details>\n";
  return out;
}

std::string RegionsSection(const Result<Publication>& cube, const PublicationOptions& options) {
  std::string out = "<h2 id=\"regions\">Régions comparées</h2>\n";
  if (!cube.ok()) return out + "<p class=\"box bad\">" + Escape(cube.status().message()) + "</p>\n";
  const Publication& p = *cube;
  const auto rows = LastPeriodRows(p);
  out += "<p>Tous métiers, sur la période " +
         Escape(p.periods.empty() ? "" : p.periods.back().Label()) + " : offres nouvelles " +
         Swatch(kPalette[0]) + " et demandeurs nouveaux " + Swatch(kPalette[1]) +
         " par région, avec le ratio de tension (offres par demandeur).</p>\n";
  double max = 1;
  for (const auto* row : rows) {
    max = std::max({max, Value(p, *row, "new_offers").value_or(0),
                    Value(p, *row, "new_jobseekers").value_or(0)});
  }
  const double width = 760, group = 30, left = 200, right = 90;
  const double height = 30 + group * rows.size() + 10;
  const double plot = width - left - right;
  std::string svg = SvgOpen(width, height, "Offres et demandeurs par région");
  svg += SvgText(left, 14, "nombre sur la période", "start", "ctitle");
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    const auto& row = *rows[idx];
    const double y = 24 + group * idx;
    const std::string code = TextOf(p, row, "geography");
    svg += SvgText(left - 6, y + 17, Escape(Name(options, code)), "end");
    const auto o = Value(p, row, "new_offers");
    const auto j = Value(p, row, "new_jobseekers");
    svg += Rect(left, y + 2, plot * o.value_or(0) / max, 12, kPalette[0],
                code + " : " + Fixed(o.value_or(0), 0) + " offres");
    if (j) {
      svg += Rect(left, y + 14, plot * *j / max, 12, kPalette[1],
                  code + " : " + Fixed(*j, 0) + " demandeurs");
    } else {
      svg += SvgText(left + 4, y + 25, "s (secret statistique)", "start", "secret");
    }
    const auto ratio = Value(p, row, "tension_ratio");
    svg += SvgText(width - 4, y + 17,
                   ratio ? "ratio " + Fr(*ratio, 2) : std::string("ratio s"), "end");
  }
  svg += "</svg>\n";
  out += svg;
  out += "<table><tr><th class=\"l\">région</th><th>offres nouvelles</th>"
         "<th>offres ouvertes en fin de période</th><th>demandeurs nouveaux</th>"
         "<th>sorties vers l'emploi</th><th>demandeurs inscrits en fin de période</th>"
         "<th>ratio de tension</th><th>taux de sortie vers l'emploi</th></tr>\n";
  for (const auto* row : rows) {
    out += "<tr><td class=\"l\">" + Escape(Name(options, TextOf(p, *row, "geography"))) +
           "</td>";
    for (const char* c : {"new_offers", "open_offers_end", "new_jobseekers",
                          "exits_to_work", "jobseekers_end", "tension_ratio",
                          "outflow_rate"}) {
      out += "<td>" + Shown(p, *row, c) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string DurationsSection(std::span<const OfferSpell> offers,
                             const Result<Publication>& durations,
                             const PublicationOptions& options, PeriodKind kind) {
  std::string out = "<h2 id=\"durees\">Durées de vacance des offres</h2>\n";
  if (!durations.ok()) {
    return out + "<p class=\"box bad\">" + Escape(durations.status().message()) + "</p>\n";
  }
  const Publication& p = *durations;
  const auto rows = LastPeriodRows(p);
  if (p.periods.empty()) return out + "<p>Aucune période.</p>\n";
  const Period period = p.periods.back();
  const int observation_end = p.provenance.last_day;
  // The curves of the occupations with the most offers in the period.
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto* row : rows) {
    ranked.push_back({-Value(p, *row, "offers").value_or(0), TextOf(p, *row, "occupation")});
  }
  std::sort(ranked.begin(), ranked.end());
  if (ranked.size() > 6) ranked.resize(6);
  out += "<p>Part des offres publiées sur " + Escape(period.Label()) +
         " encore non pourvues après t jours (estimateur de Kaplan-Meier, observation "
         "jusqu'au " + FrDay(observation_end) +
         " : les offres encore ouvertes ou retirées sans recrutement sont censurées, pas "
         "écartées), pour les " + std::to_string(ranked.size()) +
         " métiers ayant le plus d'offres.</p>\n";
  (void)kind;
  const double w = 760, h = 300, left = 44, right = 200, top = 24, bottom = 36;
  const double pw = w - left - right, ph = h - top - bottom;
  const int max_days = 180;
  auto x_of = [&](double d) { return left + pw * std::min(d, double(max_days)) / max_days; };
  auto y_of = [&](double s) { return top + ph * (1 - s); };
  std::string svg = SvgOpen(w, h, "Courbes de durée de vacance");
  svg += SvgText(left, 14, "part des offres non pourvues", "start", "ctitle");
  for (int step = 0; step <= 4; ++step) {
    const double s = step / 4.0;
    svg += Line(left, y_of(s), left + pw, y_of(s), "#e3e3e3");
    svg += SvgText(left - 4, y_of(s) + 4, Fixed(100 * s, 0) + "&#8239;%", "end");
  }
  for (int d = 0; d <= max_days; d += 30) {
    svg += Line(x_of(d), top, x_of(d), top + ph, d % 90 == 0 ? "#d0d0d0" : "#f0f0f0");
    svg += SvgText(x_of(d), h - bottom + 14, std::to_string(d), "middle");
  }
  svg += SvgText(left + pw / 2, h - 6, "jours depuis la publication", "middle");
  int colour = 0;
  for (const auto& [negative, code] : ranked) {
    std::vector<DurationObservation> observations;
    for (const OfferSpell& offer : offers) {
      if (OccupationCode(offer, options.breakdown.occupation) != code) continue;
      if (!period.Contains(offer.published_day)) continue;
      DurationObservation o;
      if (offer.closed_day && *offer.closed_day <= observation_end) {
        o.days = *offer.closed_day - offer.published_day;
        o.filled = offer.reason == CloseReason::kFilled;
      } else {
        o.days = observation_end - offer.published_day;
      }
      observations.push_back(o);
    }
    if (observations.empty()) continue;
    const std::vector<SurvivalStep> curve = KaplanMeier(observations);
    int last_observed = 0;
    for (const auto& o : observations) last_observed = std::max(last_observed, o.days);
    // A step curve: flat until each event time, then down.
    std::string points = Fixed(x_of(0), 1) + "," + Fixed(y_of(1), 1);
    double s = 1;
    for (const SurvivalStep& step : curve) {
      if (step.days > max_days) break;
      points += " " + Fixed(x_of(step.days), 1) + "," + Fixed(y_of(s), 1);
      s = step.survival;
      points += " " + Fixed(x_of(step.days), 1) + "," + Fixed(y_of(s), 1);
    }
    points += " " + Fixed(x_of(std::min(last_observed, max_days)), 1) + "," + Fixed(y_of(s), 1);
    const char* c = kPalette[colour % 8];
    svg += "<polyline fill=\"none\" stroke=\"" + std::string(c) +
           "\" stroke-width=\"2\" points=\"" + points + "\"><title>" +
           Escape(Name(options, code)) + "</title></polyline>\n";
    const std::string name = Shorten(Name(options, code), 30);
    svg += Rect(left + pw + 12, top + 4 + 18 * colour, 12, 10, c, Name(options, code));
    svg += SvgText(left + pw + 28, top + 13 + 18 * colour, Escape(name));
    ++colour;
  }
  svg += "</svg>\n";
  out += svg;
  out += "<table><tr><th class=\"l\">métier</th><th>offres</th><th>pourvues</th>"
         "<th>censurées</th><th>durée médiane (jours)</th><th>non pourvues à 30 j</th>"
         "<th>à 60 j</th><th>à 90 j</th></tr>\n";
  for (const auto* row : rows) {
    out += "<tr><td class=\"l\">" + Escape(Name(options, TextOf(p, *row, "occupation"))) +
           "</td>";
    for (const char* c : {"offers", "filled", "censored", "median_days", "unfilled_at_30",
                          "unfilled_at_60", "unfilled_at_90"}) {
      out += "<td>" + Shown(p, *row, c) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string SkillsSection(const Result<Publication>& skills) {
  std::string out = "<h2 id=\"competences\">Compétences demandées</h2>\n";
  if (!skills.ok()) return out + "<p class=\"box bad\">" + Escape(skills.status().message()) + "</p>\n";
  const Publication& p = *skills;
  const auto rows = LastPeriodRows(p);
  out += "<p>Tous métiers, sur la période " +
         Escape(p.periods.empty() ? "" : p.periods.back().Label()) +
         " : part des offres qui demandent la compétence " + Swatch(kPalette[0]) +
         " et part des demandeurs inscrits en fin de période qui la détiennent " +
         Swatch(kPalette[1]) + ". L'écart est la différence des deux.</p>\n";
  const double width = 760, group = 30, left = 300, right = 60;
  const double height = 40 + group * rows.size() + 10;
  const double plot = width - left - right;
  // The axis runs to the largest share rounded up to a tenth.
  double max_share = 0;
  for (const auto* row : rows) {
    max_share = std::max({max_share, Value(p, *row, "demand_share").value_or(0),
                          Value(p, *row, "supply_share").value_or(0)});
  }
  const double scale = std::max(0.1, std::ceil(max_share * 10 - 1e-9) / 10);
  std::string svg = SvgOpen(width, height, "Compétences demandées et détenues");
  svg += SvgText(left, 14, "part des offres et des demandeurs", "start", "ctitle");
  for (int step = 0; step <= 5; ++step) {
    const double share = scale * step / 5;
    const double x = left + plot * share / scale;
    svg += Line(x, 30, x, height - 8, "#e3e3e3");
    svg += SvgText(x, 27, Fr(100 * share, 0) + "&#8239;%", "middle");
  }
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    const auto& row = *rows[idx];
    const double y = 34 + group * idx;
    std::string name = TextOf(p, row, "skill_label");
    if (name.empty()) name = TextOf(p, row, "skill");
    name = Shorten(name, 46);
    svg += SvgText(left - 6, y + 17, Escape(name), "end");
    const auto d = Value(p, row, "demand_share");
    const auto s = Value(p, row, "supply_share");
    svg += Rect(left, y + 2, plot * d.value_or(0) / scale, 12, kPalette[0],
                name + " : demandée par " + Fr(100 * d.value_or(0), 1) + " % des offres");
    if (s) {
      svg += Rect(left, y + 14, plot * *s / scale, 12, kPalette[1],
                  name + " : détenue par " + Fr(100 * *s, 1) + " % des demandeurs");
    } else if (IsSecret(p, row, "supply_share")) {
      svg += SvgText(left + 4, y + 25, "s (secret statistique)", "start", "secret");
    }
  }
  svg += "</svg>\n";
  out += svg;
  out += "<table><tr><th class=\"l\">compétence</th><th>offres qui la demandent</th>"
         "<th>part des offres</th><th>demandeurs qui la détiennent</th>"
         "<th>part des demandeurs</th><th>écart (points)</th><th>évolution de la part des "
         "offres depuis la période précédente (points)</th></tr>\n";
  for (const auto* row : rows) {
    std::string name = TextOf(p, *row, "skill_label");
    name = name.empty() ? TextOf(p, *row, "skill") : name + " (" + TextOf(p, *row, "skill") + ")";
    out += "<tr><td class=\"l\">" + Escape(name) + "</td>";
    for (const char* c : {"offers_asking", "demand_share", "jobseekers_holding",
                          "supply_share", "gap", "demand_trend"}) {
      std::string shown = Shown(p, *row, c);
      // A difference of two shares is in percentage points.
      const std::string percent = "&#8239;%";
      if (std::string(c) == "gap" || std::string(c) == "demand_trend") {
        const size_t at = shown.find(percent);
        if (at != std::string::npos) shown.replace(at, percent.size(), "&#8239;pt");
      }
      out += "<td>" + shown + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string Css() {
  return R"(body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;line-height:1.45;padding:0 16px}
h1{font-size:1.6em;margin-bottom:0}h2{border-bottom:2px solid #1f5fa8;padding-bottom:3px;margin-top:2em}
table{border-collapse:collapse;margin:8px 0 16px;font-size:.85em}caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eef3f9}
td.l,th.l{text-align:left}table.wide{display:block;overflow-x:auto;max-width:100%}
.charts{display:flex;flex-wrap:wrap;gap:12px}
svg.chart{background:#fff;border:1px solid #e0e0e0;max-width:100%;height:auto}.tick{font-size:11px;fill:#444}
.ctitle{font-size:11px;font-weight:bold;fill:#222}.secret{font-size:10px;fill:#b03a48;font-weight:bold}
.legend span{margin-right:14px}.s{color:#b03a48;font-weight:bold}.na{color:#999}.q{color:#d9822b}
.lv1{background:#2c7bb6;color:#fff}.lv2{background:#abd9e9}.lv3{background:#e0e0a0}.lv4{background:#fdae61}.lv5{background:#d7191c;color:#fff}
.box{border:1px solid #ccc;border-left:5px solid #1f5fa8;padding:8px 12px;background:#f5f8fc}
.box.bad{border-left-color:#c0392b;background:#fdf3f2}nav a{margin-right:12px}
dl dt{font-weight:bold}dl dd{margin:0 0 6px 16px})";
}

}  // namespace

Result<std::string> RenderDashboard(std::span<const OfferSpell> offers,
                                    std::span<const JobseekerSpell> jobseekers,
                                    const PublicationOptions& options) {
  if (options.last_month < options.first_month) {
    return Status::InvalidArgument("the window " + FormatMonth(options.first_month) + ".." +
                                   FormatMonth(options.last_month) + " is empty");
  }
  const PeriodKind summary = SummaryKind(options.first_month, options.last_month);

  PublicationOptions tension_options = options;
  tension_options.breakdown = {OccupationLevel::kArea, GeographyLevel::kAll,
                               PeriodKind::kRolling12};
  tension_options.first_month = std::max(options.first_month, options.last_month - 11);
  if (options.last_month - options.first_month + 1 < 12) {
    tension_options.breakdown.period = summary;
  }
  const Result<Publication> tension = PublishTension(offers, jobseekers, tension_options);

  PublicationOptions trend_options = options;
  trend_options.breakdown = {OccupationLevel::kOccupation, GeographyLevel::kAll,
                             PeriodKind::kMonth};
  Result<Publication> trends = PublishCube(offers, jobseekers, trend_options);
  // Monthly counts of jobseekers per occupation are often under the
  // threshold: a chart mostly secret says nothing, quarters then.
  if (trends.ok() && SecretShare(*trends) > 0.25 &&
      !PeriodsWithin(PeriodKind::kQuarter, options.first_month, options.last_month).empty()) {
    trend_options.breakdown.period = PeriodKind::kQuarter;
    trends = PublishCube(offers, jobseekers, trend_options);
  }

  PublicationOptions region_options = options;
  region_options.breakdown = {OccupationLevel::kAll, GeographyLevel::kRegion, summary};
  const Result<Publication> regions = PublishCube(offers, jobseekers, region_options);

  PublicationOptions duration_options = options;
  duration_options.breakdown = {OccupationLevel::kOccupation, GeographyLevel::kAll, summary};
  const Result<Publication> durations = PublishDurations(offers, jobseekers, duration_options);

  PublicationOptions skill_options = options;
  skill_options.breakdown = {OccupationLevel::kAll, GeographyLevel::kAll, summary};
  skill_options.top_skills = 12;
  const Result<Publication> skills = PublishSkills(offers, jobseekers, skill_options);

  // Where the figures come from: the monthly cube covers the whole window.
  if (!trends.ok()) return trends.status();
  const Provenance& provenance = trends->provenance;
  auto sources = [](const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& s : list) out += (out.empty() ? "" : ", ") + Escape(s);
    return out.empty() ? std::string("aucune") : out;
  };
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>skillmatch : statistiques du marché du travail</title>\n<style>\n" +
      Css() + "\n</style>\n</head>\n<body>\n";
  html += "<h1>Statistiques du marché du travail</h1>\n";
  html += "<p class=\"box\">Période couverte : du " + FrDay(provenance.first_day) + " au " +
          FrDay(provenance.last_day) + " (" +
          std::to_string(options.last_month - options.first_month + 1) +
          " mois). Sources comptées : offres de " + sources(provenance.offer_sources) + " (" +
          std::to_string(provenance.offers_counted) + " offres) ; demandeurs de " +
          sources(provenance.jobseeker_sources) + " (" +
          std::to_string(provenance.jobseekers_counted) +
          " inscriptions).<br>Secret statistique : tout effectif de moins de " +
          std::to_string(options.disclosure.threshold) +
          " demandeurs est masqué (" + kSecret +
          "), ainsi que les cases qui permettraient de le recalculer et les taux qui en "
          "dépendent ; une case masquée n'est jamais un zéro. Qualité : <sup class=\"q\">*</sup> "
          "repose sur moins de " +
          std::to_string(options.disclosure.quality.min_records) +
          " observations, <sup class=\"q\">**</sup> sur moins de " +
          std::to_string(options.disclosure.quality.min_events) +
          " offres pourvues : à lire avec prudence. « – » : non défini.</p>\n";
  html += "<nav><a href=\"#tension\">Tensions</a><a href=\"#tendances\">Tendances</a>"
          "<a href=\"#regions\">Régions</a><a href=\"#durees\">Durées de vacance</a>"
          "<a href=\"#competences\">Compétences</a></nav>\n";
  html += TensionSection(tension, options);
  html += TrendsSection(trends, options);
  html += RegionsSection(regions, options);
  html += DurationsSection(offers, durations, options, summary);
  html += SkillsSection(skills);
  html += "<h2>Définitions</h2>\n<dl>"
          "<dt>Ratio de tension</dt><dd>offres nouvelles / demandeurs nouveaux du métier "
          "sur la période (première composante de l'indicateur de la DARES).</dd>"
          "<dt>Taux de sortie vers l'emploi</dt><dd>sorties vers l'emploi / stock moyen de "
          "demandeurs du métier.</dd>"
          "<dt>Durée de vacance</dt><dd>temps de la publication au recrutement, estimé par "
          "Kaplan-Meier sur les offres publiées dans la période (médiane, part non "
          "pourvue à 30, 60 et 90 jours).</dd>"
          "<dt>Inadéquation géographique</dt><dd>indice de Duncan entre la répartition "
          "régionale des offres et celle des demandeurs du métier (0 : identiques, 1 : "
          "disjointes).</dd>"
          "<dt>Indice de tension</dt><dd>moyenne des composantes centrées-réduites entre "
          "métiers sur les 12 derniers mois, en 5 niveaux (quintiles), d'après l'indicateur "
          "de tension de la DARES.</dd></dl>\n";
  html += "<p class=\"na\">Produit par skillmatch (engine/stats/README.md donne les "
          "formules).</p>\n</body>\n</html>\n";
  return html;
}

}  // namespace skillmatch::engine::stats
