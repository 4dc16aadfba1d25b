#include "eval_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace skillmatch::cli {

namespace {

using nlohmann::ordered_json;

// Fixed decimals everywhere: the page is a pure function of the report.
std::string Fixed(double value, int decimals) {
  // No "-0.0000": a value that rounds to zero prints as zero.
  if (std::fabs(value) < 0.5 * std::pow(10.0, -decimals)) value = 0;
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Text(const ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

double Number(const ordered_json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return 0;
  return it->get<double>();
}

// The cutoff the summary shows: 10, or the largest below it.
int64_t SummaryCutoff(const ordered_json& report) {
  int64_t chosen = 0;
  for (const auto& k : report["options"]["cutoffs"]) {
    const int64_t value = k.get<int64_t>();
    if (value <= 10) chosen = value;
  }
  return chosen > 0 ? chosen : report["options"]["cutoffs"][0].get<int64_t>();
}

constexpr const char* kDirections[] = {"profiles", "offers"};
constexpr const char* kDirectionTitles[] = {"jobseeker → offers",
                                            "offer → jobseekers"};

struct Column {
  std::string title;
  std::string measure;
  bool count;
};

std::vector<Column> SummaryColumns(const ordered_json& report) {
  const std::string k = std::to_string(SummaryCutoff(report));
  return {{"P@" + k, "P_" + k, false},
          {"Recall@" + k, "recall_" + k, false},
          {"nDCG@" + k, "ndcg_cut_" + k, false},
          {"MRR", "recip_rank", false},
          {"MAP", "map", false},
          {"queries", "num_q", true}};
}

// A colour per system, fixed.
std::string SystemColour(const std::string& name) {
  if (name == "engine") return "#1f5fa8";
  if (name == "random") return "#9a9a9a";
  if (name == "occupation-code") return "#d9822b";
  if (name == "skill-overlap") return "#2e8b57";
  return "#7b4fa0";
}

// --- SVG pieces ---

struct Frame {
  double width = 340;
  double height = 220;
  double left = 44;
  double right = 12;
  double top = 24;
  double bottom = 34;
  double PlotWidth() const { return width - left - right; }
  double PlotHeight() const { return height - top - bottom; }
  double Y(double value, double max) const {
    return top + PlotHeight() * (1.0 - (max > 0 ? value / max : 0));
  }
};

std::string SvgOpen(const Frame& f, const std::string& label) {
  return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
         Fixed(f.width, 0) + "\" height=\"" + Fixed(f.height, 0) +
         "\" viewBox=\"0 0 " + Fixed(f.width, 0) + " " + Fixed(f.height, 0) +
         "\" role=\"img\" aria-label=\"" + Escape(label) + "\">\n";
}

// Horizontal grid lines and labels of the y axis from 0 to max.
std::string YAxis(const Frame& f, double max, int steps, int decimals) {
  std::string out;
  for (int step = 0; step <= steps; ++step) {
    const double value = max * step / steps;
    const double y = f.Y(value, max);
    out += "<line x1=\"" + Fixed(f.left, 1) + "\" y1=\"" + Fixed(y, 1) +
           "\" x2=\"" + Fixed(f.width - f.right, 1) + "\" y2=\"" + Fixed(y, 1) +
           "\" stroke=\"#e3e3e3\"/>\n";
    out += "<text x=\"" + Fixed(f.left - 4, 1) + "\" y=\"" + Fixed(y + 4, 1) +
           "\" text-anchor=\"end\" class=\"tick\">" + Fixed(value, decimals) +
           "</text>\n";
  }
  return out;
}

// Measure `prefix`_k by cutoff k, one line per system, for one direction.
std::string MetricByK(const ordered_json& report, const std::string& direction,
                      const std::string& prefix, const std::string& title) {
  const Frame f;
  std::vector<int64_t> cutoffs;
  for (const auto& k : report["options"]["cutoffs"]) {
    cutoffs.push_back(k.get<int64_t>());
  }
  std::string out = SvgOpen(f, title);
  out += "<text x=\"" + Fixed(f.left, 1) + "\" y=\"14\" class=\"ctitle\">" +
         Escape(title) + "</text>\n";
  out += YAxis(f, 1.0, 5, 1);
  const size_t n = cutoffs.size();
  auto x_of = [&](size_t idx) {
    return f.left + (n <= 1
                         ? f.PlotWidth() / 2
                         : f.PlotWidth() * static_cast<double>(idx) / (n - 1));
  };
  for (size_t idx = 0; idx < n; ++idx) {
    out += "<text x=\"" + Fixed(x_of(idx), 1) + "\" y=\"" +
           Fixed(f.height - f.bottom + 14, 1) +
           "\" text-anchor=\"middle\" class=\"tick\">" +
           std::to_string(cutoffs[idx]) + "</text>\n";
  }
  out += "<text x=\"" + Fixed(f.left + f.PlotWidth() / 2, 1) + "\" y=\"" +
         Fixed(f.height - 4, 1) +
         "\" text-anchor=\"middle\" class=\"tick\">k (rank cutoff)</text>\n";
  for (const auto& system : report["systems"]) {
    if (system["kind"] == "ablation") continue;
    const std::string name = system["name"].get<std::string>();
    std::string points;
    for (size_t idx = 0; idx < n; ++idx) {
      const double value =
          Number(system[direction], prefix + std::to_string(cutoffs[idx]));
      if (!points.empty()) points += " ";
      points += Fixed(x_of(idx), 1) + "," + Fixed(f.Y(value, 1.0), 1);
    }
    out += "<polyline fill=\"none\" stroke=\"" + SystemColour(name) +
           "\" stroke-width=\"2\" points=\"" + points + "\"><title>" +
           Escape(name) + "</title></polyline>\n";
  }
  out += "</svg>\n";
  return out;
}

std::string Legend(const ordered_json& report) {
  std::string out = "<p class=\"legend\">";
  for (const auto& system : report["systems"]) {
    if (system["kind"] == "ablation") continue;
    const std::string name = system["name"].get<std::string>();
    out +=
        "<span><svg width=\"14\" height=\"10\"><rect width=\"14\" "
        "height=\"10\" fill=\"" +
        SystemColour(name) + "\"/></svg> " + Escape(name) + "</span> ";
  }
  return out + "</p>\n";
}

// Horizontal bars: one row per (label, value) with value in [0, max].
std::string HorizontalBars(
    const std::string& title,
    const std::vector<std::pair<std::string, double>>& rows, double max,
    const std::vector<std::string>& colours, double reference = -1) {
  Frame f;
  f.left = 150;
  f.right = 50;
  f.top = 20;
  f.bottom = 10;
  const double row_height = 18;
  f.height = f.top + f.bottom + row_height * rows.size();
  f.width = 460;
  std::string out = SvgOpen(f, title);
  out +=
      "<text x=\"4\" y=\"12\" class=\"ctitle\">" + Escape(title) + "</text>\n";
  for (size_t row = 0; row < rows.size(); ++row) {
    const double y = f.top + row_height * row;
    const double value = std::max(0.0, rows[row].second);
    const double width =
        max > 0 ? f.PlotWidth() * std::min(value, max) / max : 0;
    out += "<text x=\"" + Fixed(f.left - 6, 1) + "\" y=\"" + Fixed(y + 13, 1) +
           "\" text-anchor=\"end\" class=\"tick\">" + Escape(rows[row].first) +
           "</text>\n";
    out += "<rect x=\"" + Fixed(f.left, 1) + "\" y=\"" + Fixed(y + 3, 1) +
           "\" width=\"" + Fixed(width, 1) + "\" height=\"" +
           Fixed(row_height - 6, 1) + "\" fill=\"" +
           colours[row % colours.size()] + "\"/>\n";
    out += "<text x=\"" + Fixed(f.left + width + 4, 1) + "\" y=\"" +
           Fixed(y + 13, 1) + "\" class=\"tick\">" +
           Fixed(rows[row].second, 3) + "</text>\n";
  }
  if (reference >= 0 && max > 0) {
    const double x = f.left + f.PlotWidth() * reference / max;
    out += "<line x1=\"" + Fixed(x, 1) + "\" y1=\"" + Fixed(f.top, 1) +
           "\" x2=\"" + Fixed(x, 1) + "\" y2=\"" +
           Fixed(f.height - f.bottom, 1) +
           "\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>\n";
  }
  out += "</svg>\n";
  return out;
}

// Exposure of each group: population share beside appearance and
// position-weighted exposure shares.
std::string ExposureChart(const ordered_json& attribute) {
  const auto& groups = attribute["groups"];
  Frame f;
  f.left = 130;
  f.right = 50;
  f.top = 20;
  f.bottom = 24;
  const bool truth = !groups.empty() && groups[0]["truth"].is_object();
  const int bars = truth ? 4 : 3;
  const double row_height = 6 + 8 * bars;
  f.width = 660;
  f.height = f.top + f.bottom + row_height * groups.size();
  double max = 0;
  for (const auto& g : groups) {
    max =
        std::max({max, Number(g, "population_share"),
                  Number(g, "appearance_share"), Number(g, "exposure_share")});
    if (truth) max = std::max(max, Number(g["truth"], "appearance_share"));
  }
  max = max > 0 ? std::min(1.0, max * 1.1) : 1.0;
  const std::string title = "share of population, of top-k slots, of exposure";
  std::string out = SvgOpen(f, title);
  out +=
      "<text x=\"4\" y=\"12\" class=\"ctitle\">" + Escape(title) + "</text>\n";
  const char* colours[] = {"#b8b8b8", "#1f5fa8", "#6aa6e0", "#e0a040"};
  const char* keys[] = {"population_share", "appearance_share",
                        "exposure_share", "truth appearance_share"};
  for (size_t row = 0; row < groups.size(); ++row) {
    const auto& g = groups[row];
    const double y = f.top + row_height * row;
    out += "<text x=\"" + Fixed(f.left - 6, 1) + "\" y=\"" + Fixed(y + 18, 1) +
           "\" text-anchor=\"end\" class=\"tick\">" +
           Escape(g["group"].get<std::string>()) + "</text>\n";
    for (int bar = 0; bar < bars; ++bar) {
      const double value = bar < 3 ? Number(g, keys[bar])
                                   : Number(g["truth"], "appearance_share");
      const double width = f.PlotWidth() * value / max;
      out += "<rect x=\"" + Fixed(f.left, 1) + "\" y=\"" +
             Fixed(y + 3 + 8 * bar, 1) + "\" width=\"" + Fixed(width, 1) +
             "\" height=\"7\" fill=\"" + colours[bar] + "\"><title>" +
             keys[bar] + " " + Fixed(value, 3) + "</title></rect>\n";
    }
    out +=
        "<text x=\"" +
        Fixed(f.left + f.PlotWidth() * Number(g, "appearance_share") / max + 4,
              1) +
        "\" y=\"" + Fixed(y + 18, 1) + "\" class=\"tick\">" +
        Fixed(Number(g, "appearance_share"), 3) + "</text>\n";
  }
  out += "<text x=\"" + Fixed(f.left, 1) + "\" y=\"" + Fixed(f.height - 6, 1) +
         "\" class=\"tick\">grey: population · dark blue: top-k slots · "
         "light blue: exposure" +
         std::string(truth ? " · orange: slots by true relevance" : "") +
         "</text>\n";
  out += "</svg>\n";
  return out;
}

// One histogram per group (share of the group's members per score bin).
std::string Histograms(const ordered_json& attribute) {
  std::string out = "<div class=\"multiples\">\n";
  for (const auto& g : attribute["groups"]) {
    const auto& histogram = g["histogram"];
    const size_t bins = histogram.size();
    const double scored = Number(g, "scored");
    double max = 0;
    for (const auto& count : histogram) {
      max = std::max(max, scored > 0 ? count.get<double>() / scored : 0);
    }
    max = max > 0 ? max : 1;
    Frame f;
    f.width = 200;
    f.height = 130;
    f.left = 30;
    f.right = 6;
    f.top = 18;
    f.bottom = 22;
    const std::string title = g["group"].get<std::string>() +
                              " (n=" + Fixed(scored, 0) + ", mean " +
                              Fixed(Number(g, "mean_score"), 3) + ")";
    out += SvgOpen(f, "score histogram " + title);
    out += "<text x=\"4\" y=\"12\" class=\"ctitle\">" + Escape(title) +
           "</text>\n";
    const double bar_width = bins > 0 ? f.PlotWidth() / bins : 0;
    for (size_t bin = 0; bin < bins; ++bin) {
      const double share =
          scored > 0 ? histogram[bin].get<double>() / scored : 0;
      const double y = f.Y(share, max);
      out += "<rect x=\"" + Fixed(f.left + bar_width * bin + 0.5, 1) +
             "\" y=\"" + Fixed(y, 1) + "\" width=\"" +
             Fixed(std::max(0.0, bar_width - 1), 1) + "\" height=\"" +
             Fixed(f.top + f.PlotHeight() - y, 1) +
             "\" fill=\"#1f5fa8\"><title>" +
             Fixed(static_cast<double>(bin) / bins, 1) + "–" +
             Fixed(static_cast<double>(bin + 1) / bins, 1) + ": " +
             Fixed(share, 3) + "</title></rect>\n";
    }
    out += "<line x1=\"" + Fixed(f.left, 1) + "\" y1=\"" +
           Fixed(f.top + f.PlotHeight(), 1) + "\" x2=\"" +
           Fixed(f.width - f.right, 1) + "\" y2=\"" +
           Fixed(f.top + f.PlotHeight(), 1) + "\" stroke=\"#888\"/>\n";
    out += "<text x=\"" + Fixed(f.left, 1) + "\" y=\"" +
           Fixed(f.height - 6, 1) + "\" class=\"tick\">0</text><text x=\"" +
           Fixed(f.width - f.right, 1) + "\" y=\"" + Fixed(f.height - 6, 1) +
           "\" text-anchor=\"end\" class=\"tick\">1</text>\n";
    out += "<text x=\"" + Fixed(f.left - 3, 1) + "\" y=\"" +
           Fixed(f.top + 8, 1) + "\" text-anchor=\"end\" class=\"tick\">" +
           Fixed(max, 2) + "</text>\n";
    out += "</svg>\n";
  }
  return out + "</div>\n";
}

std::string Css() {
  return R"(body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;line-height:1.45;padding:0 16px}
h1{font-size:1.6em;margin-bottom:0}h2{border-bottom:2px solid #1f5fa8;padding-bottom:3px;margin-top:2em}
h3{margin-bottom:.3em}.fr{color:#666;font-style:italic;margin-top:2px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:.9em}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eef3f9}
td.l,th.l{text-align:left}tr.engine td{font-weight:bold}
.flag{color:#c0392b;font-weight:bold}.ok{color:#2e8b57;font-weight:bold}.small{color:#888}
.charts{display:flex;flex-wrap:wrap;gap:12px}.multiples{display:flex;flex-wrap:wrap;gap:6px}
svg.chart{background:#fff;border:1px solid #e0e0e0}.tick{font-size:10px;fill:#444}
.ctitle{font-size:11px;font-weight:bold;fill:#222}.legend span{margin-right:14px}
.box{border:1px solid #ccc;border-left:5px solid #2e8b57;padding:8px 12px;background:#f6fbf7}
.box.bad{border-left-color:#c0392b;background:#fdf3f2}
pre{background:#f5f5f5;padding:8px;font-size:.8em;overflow-x:auto}
dl dt{font-weight:bold}dl dd{margin:0 0 6px 16px})";
}

std::string SystemsTable(const ordered_json& report,
                         const std::string& direction, bool ablation) {
  const std::vector<Column> columns = SummaryColumns(report);
  std::string out =
      "<table><tr><th class=\"l\">system</th><th class=\"l\">kind</th>";
  for (const Column& column : columns)
    out += "<th>" + Escape(column.title) + "</th>";
  out += "</tr>\n";
  for (const auto& system : report["systems"]) {
    const bool is_ablation = system["kind"] == "ablation";
    if (is_ablation != ablation && system["kind"] != "engine") continue;
    const std::string name = system["name"].get<std::string>();
    out += std::string("<tr") + (name == "engine" ? " class=\"engine\"" : "") +
           "><td class=\"l\">" + Escape(name) + "</td><td class=\"l\">" +
           Escape(system["kind"].get<std::string>()) + "</td>";
    for (const Column& column : columns) {
      const double value = Number(system[direction], column.measure);
      out +=
          "<td>" + (column.count ? Fixed(value, 0) : Fixed(value, 4)) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string ComparisonTable(const ordered_json& report) {
  const std::string k = std::to_string(SummaryCutoff(report));
  const std::string ndcg = "ndcg_cut_" + k;
  std::string out =
      "<table><tr><th class=\"l\">engine minus</th><th class=\"l\">direction"
      "</th><th>Δ nDCG@" +
      k +
      "</th><th>95% interval</th><th>Δ AP</th>"
      "<th>95% interval</th><th>queries</th></tr>\n";
  auto cells = [](const ordered_json& c) {
    const double low = Number(c, "ci95_low");
    const double high = Number(c, "ci95_high");
    // An interval that excludes 0 is marked: green when the engine is
    // ahead, red when the other system is.
    const char* mark = low > 0    ? " class=\"ok\""
                       : high < 0 ? " class=\"flag\""
                                  : "";
    return std::string("<td") + mark + ">" +
           Fixed(Number(c, "mean_difference"), 4) + "</td><td>[" +
           Fixed(low, 4) + ", " + Fixed(high, 4) + "]</td>";
  };
  for (const auto& c : report["comparisons"]) {
    const int dir = c["direction"] == "profiles" ? 0 : 1;
    out += "<tr><td class=\"l\">" + Escape(c["system"].get<std::string>()) +
           "</td><td class=\"l\">" + kDirectionTitles[dir] + "</td>" +
           cells(c[ndcg]) + cells(c["map"]) + "<td>" +
           Fixed(Number(c[ndcg], "queries"), 0) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string AblationCharts(const ordered_json& report) {
  const std::string k = std::to_string(SummaryCutoff(report));
  std::string out = "<div class=\"charts\">\n";
  for (int dir = 0; dir < 2; ++dir) {
    for (const std::string& measure :
         {std::string("ndcg_cut_") + k, std::string("map")}) {
      std::vector<std::pair<std::string, double>> rows;
      std::vector<std::string> colours;
      for (const auto& system : report["systems"]) {
        if (system["kind"] == "baseline") continue;
        rows.push_back({system["name"].get<std::string>(),
                        Number(system[kDirections[dir]], measure)});
        colours.push_back(system["kind"] == "engine" ? "#1f5fa8" : "#7b4fa0");
      }
      double max = 0;
      for (const auto& row : rows) max = std::max(max, row.second);
      out += HorizontalBars(std::string(kDirectionTitles[dir]) + ": " +
                                (measure == "map" ? "MAP" : "nDCG@" + k),
                            rows, max > 0 ? max * 1.15 : 1, colours);
    }
  }
  return out + "</div>\n";
}

std::string FairnessSection(const ordered_json& report) {
  const ordered_json& fairness = report["fairness"];
  const ordered_json& twins = report["twin_check"];
  std::string out =
      "<h2>Fairness audit</h2>\n<p class=\"fr\">Audit d'équité : "
      "exposition des groupes et contrôle par jumeaux</p>\n";
  const bool twins_ok = Number(twins, "differing") == 0;
  out += std::string("<div class=\"box") + (twins_ok ? "" : " bad") +
         "\"><b>Twin check.</b> " + Fixed(Number(twins, "profiles"), 0) +
         " jobseekers were re-generated " + Fixed(Number(twins, "twins"), 0) +
         " times in all, each time with one protected attribute (gender, age "
         "band, disability, rural) set to another value and everything else "
         "identical; each twin was scored against every offer: " +
         Fixed(Number(twins, "pairs"), 0) + " scores compared, <span class=\"" +
         (twins_ok ? "ok" : "flag") + "\">" +
         Fixed(Number(twins, "differing"), 0) +
         " differed</span> (bit for bit). " +
         (twins_ok ? "The score does not read protected attributes."
                   : "The score depends on a protected attribute.") +
         "</div>\n";
  for (const auto& example : twins["examples"]) {
    out += "<p class=\"flag\">" + Escape(example.get<std::string>()) + "</p>\n";
  }
  out += "<p>Exposure is read from " + Fixed(Number(fairness, "rankings"), 0) +
         " rankings of jobseekers (one per offer, the " +
         Fixed(Number(fairness, "top_k"), 0) +
         " best). <b>Share</b> of slots: the fraction of all top-k places held "
         "by the group; <b>exposure</b> weighs rank r by 1/log2(r+1). "
         "<b>Rate</b>: per member and per ranking; <b>ratio</b>: the rate over "
         "the reference group's (the best rate among groups of at least " +
         Fixed(Number(fairness, "min_group_size"), 0) +
         " members). Ratios below " +
         Fixed(Number(fairness, "four_fifths"), 2) +
         " are flagged (four-fifths rule). Groups differ in occupations and "
         "skills, and offers follow the labour market, so unequal exposure "
         "here is not by itself unequal treatment: the twin check above "
         "answers that question. Small groups (grey) give noisy ratios.</p>\n";
  if (fairness["truth_reference"].is_string() &&
      !fairness["truth_reference"].get<std::string>().empty()) {
    out +=
        "<p>The reference column <b>share of slots by true relevance</b> "
        "audits " +
        Escape(fairness["truth_reference"].get<std::string>()) +
        ": the share each group would get if the rankings followed "
        "qualification alone. A group whose share of slots is close to "
        "this reference is exposed as its qualifications warrant, whatever "
        "its ratio.</p>\n";
  }
  for (const auto& attribute : fairness["attributes"]) {
    const std::string name = attribute["attribute"].get<std::string>();
    out += "<h3>" + Escape(name) + "</h3>\n";
    const bool truth = !attribute["groups"].empty() &&
                       attribute["groups"][0]["truth"].is_object();
    out +=
        "<table><tr><th class=\"l\">group</th><th>members</th><th>population "
        "share</th><th>share of slots</th><th>slot rate</th><th>ratio</th>"
        "<th>share of exposure</th><th>exposure ratio</th>" +
        std::string(truth ? "<th>share of slots by true relevance</th>" : "") +
        "<th>mean best score</th></tr>\n";
    for (const auto& g : attribute["groups"]) {
      const bool small = g["small"].get<bool>();
      auto ratio = [&](const char* key, const char* flag) {
        const bool flagged = g[flag].get<bool>();
        return std::string("<td") + (flagged ? " class=\"flag\"" : "") + ">" +
               Fixed(Number(g, key), 3) + (flagged ? " ⚑" : "") + "</td>";
      };
      out +=
          std::string("<tr") + (small ? " class=\"small\"" : "") +
          "><td class=\"l\">" + Escape(g["group"].get<std::string>()) +
          (g["group"] == attribute["best_group"] ? " (reference)" : "") +
          "</td><td>" + Fixed(Number(g, "members"), 0) + "</td><td>" +
          Fixed(Number(g, "population_share"), 3) + "</td><td>" +
          Fixed(Number(g, "appearance_share"), 3) + "</td><td>" +
          Fixed(Number(g, "appearance_rate"), 4) + "</td>" +
          ratio("appearance_ratio", "appearance_flag") + "<td>" +
          Fixed(Number(g, "exposure_share"), 3) + "</td>" +
          ratio("exposure_ratio", "exposure_flag") +
          (truth ? "<td>" + Fixed(Number(g["truth"], "appearance_share"), 3) +
                       "</td>"
                 : std::string()) +
          "<td>" + Fixed(Number(g, "mean_score"), 3) + "</td></tr>\n";
    }
    out += "</table>\n<div class=\"charts\">\n" + ExposureChart(attribute) +
           "</div>\n<p>Distribution of " + Escape(Text(fairness["score"])) +
           ", by group:</p>\n" + Histograms(attribute);
  }
  return out;
}

}  // namespace

std::string SummaryTable(const ordered_json& report) {
  const std::vector<Column> columns = SummaryColumns(report);
  std::string out;
  const ordered_json& source = report["source"];
  out += "Matching evaluation (" + Text(source["kind"]) + ": " +
         Text(source["profiles"]) + " jobseekers x " + Text(source["offers"]) +
         " offers, seed " + Text(source["seed"]) + ", top " +
         Text(report["options"]["top_k"]) + ")\n";
  for (int dir = 0; dir < 2; ++dir) {
    out += std::string("\n") +
           (dir == 0 ? "jobseeker -> offers" : "offer -> jobseekers") + "\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %-22s", "system");
    out += line;
    for (const Column& column : columns) {
      std::snprintf(line, sizeof line, " %9s", column.title.c_str());
      out += line;
    }
    out += "\n";
    for (const auto& system : report["systems"]) {
      std::snprintf(line, sizeof line, "  %-22s",
                    system["name"].get<std::string>().c_str());
      out += line;
      for (const Column& column : columns) {
        const double value = Number(system[kDirections[dir]], column.measure);
        std::snprintf(
            line, sizeof line, " %9s",
            (column.count ? Fixed(value, 0) : Fixed(value, 4)).c_str());
        out += line;
      }
      out += "\n";
    }
  }
  const ordered_json& twins = report["twin_check"];
  int64_t flagged = 0;
  for (const auto& attribute : report["fairness"]["attributes"]) {
    for (const auto& g : attribute["groups"]) {
      if (!g["small"].get<bool>() && g["appearance_flag"].get<bool>())
        ++flagged;
    }
  }
  out += "\ntwin check: " + Text(twins["pairs"]) + " twin scores compared, " +
         Text(twins["differing"]) +
         " differ; groups below four-fifths of the "
         "reference's top-" +
         Text(report["fairness"]["top_k"]) +
         " rate (groups of 30 or more): " + std::to_string(flagged) + "\n";
  return out;
}

std::string RenderReportHtml(const ordered_json& report) {
  const ordered_json& source = report["source"];
  const std::string k = std::to_string(SummaryCutoff(report));
  std::string out;
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>skillmatch: matching evaluation</title>\n<style>\n" +
      Css() + "\n</style>\n</head>\n<body>\n";
  out +=
      "<h1>skillmatch — matching evaluation</h1>\n<p class=\"fr\">Évaluation "
      "de l'appariement offres – demandeurs d'emploi</p>\n";
  out += "<p>skillmatch " + Escape(Text(report["skillmatch_version"])) +
         " · data: " + Escape(Text(source["kind"])) + " · " +
         Escape(Text(source["profiles"])) + " jobseekers, " +
         Escape(Text(source["offers"])) + " offers · seed " +
         Escape(Text(source["seed"])) + " · taxonomy " +
         Escape(Text(source["taxonomy"]["name"])) + " " +
         Escape(Text(source["taxonomy"]["version"])) + "</p>\n";

  out += "<h2>What was measured</h2>\n<p class=\"fr\">Ce qui est mesuré</p>\n";
  if (source["kind"] == "generated") {
    out +=
        "<p>Synthetic jobseekers and offers from the generator, whose hidden "
        "facts (each jobseeker's true occupation and the skills really held) "
        "give the ground truth. <b>Relevance</b> of a pair: " +
        Escape(Text(source["relevance"]["rule"])) + " (enough_essentials = " +
        Fixed(Number(source["relevance"], "enough_essentials"), 2) +
        ", partial_essentials = " +
        Fixed(Number(source["relevance"], "partial_essentials"), 2) +
        "). The engine sees only what a PES record declares (targets, skills, "
        "which may be miscoded, incomplete or padded).</p>\n";
  } else {
    out += "<p>Records of the store, judged by " +
           Escape(Text(source["judgements"])) + ".</p>\n";
  }
  out +=
      "<table><tr><th class=\"l\">direction</th><th>judged queries</th>"
      "<th>grade 2</th><th>grade 1</th><th>grade 0</th></tr>\n";
  for (int dir = 0; dir < 2; ++dir) {
    const ordered_json& j = report["judgments"][kDirections[dir]];
    out += "<tr><td class=\"l\">" + std::string(kDirectionTitles[dir]) +
           "</td><td>" + Fixed(Number(j, "judged_queries"), 0) + "</td><td>" +
           Fixed(Number(j, "grade_2"), 0) + "</td><td>" +
           Fixed(Number(j, "grade_1"), 0) + "</td><td>" +
           Fixed(Number(j, "grade_0"), 0) + "</td></tr>\n";
  }
  out += "</table>\n";
  out +=
      "<dl><dt>Measures</dt><dd>As trec_eval computes them, averaged over "
      "the judged queries (a query a system retrieves nothing for counts "
      "0, trec_eval -c). P@k: relevant (grade ≥ 1) among the first k, over "
      "k. Recall@k: relevant in the first k over all relevant. nDCG@k: gain "
      "= grade, discount log2(rank+1), over the ideal ordering. MRR: mean "
      "of 1/rank of the first relevant. MAP: mean average precision over "
      "the top " +
      Escape(Text(report["options"]["top_k"])) +
      ".</dd><dt>Systems</dt><dd><b>engine</b>: the score of skillmatch; "
      "<b>random</b>: seeded random order; <b>occupation-code</b>: the "
      "offer's occupation code equals a target (1, 0.8, …) or past (0.5) "
      "occupation; <b>skill-overlap</b>: share of the offer's skills "
      "declared; <b>without-X</b>: the engine with block X's weight at 0. "
      "Every system ranks only the pairs that pass the hard filters (the "
      "same pairs for all).</dd></dl>\n";

  out +=
      "<h2>Ranking quality</h2>\n<p class=\"fr\">Qualité du classement : "
      "moteur et références</p>\n";
  for (int dir = 0; dir < 2; ++dir) {
    out += "<h3>" + std::string(kDirectionTitles[dir]) + "</h3>\n" +
           SystemsTable(report, kDirections[dir], false);
  }
  out +=
      "<h3>Engine against each system, query by query</h3>\n<p>Mean of "
      "the per-query differences (engine minus the system) over the same "
      "judged queries, with a 95% interval (mean ± 1.96 sd/√n). Green: the "
      "interval excludes 0 with the engine ahead; red: with the other "
      "system ahead.</p>\n" +
      ComparisonTable(report);
  out += "<h3>Metric by k</h3>\n" + Legend(report) + "<div class=\"charts\">\n";
  for (int dir = 0; dir < 2; ++dir) {
    const std::string title = kDirectionTitles[dir];
    out += MetricByK(report, kDirections[dir], "ndcg_cut_", title + ": nDCG@k");
    out += MetricByK(report, kDirections[dir], "P_", title + ": P@k");
    out += MetricByK(report, kDirections[dir], "recall_", title + ": Recall@k");
  }
  out += "</div>\n";

  out +=
      "<h2>Ablation: each score block switched off</h2>\n<p class=\"fr\">"
      "Ablation : chaque bloc du score retiré tour à tour</p>\n<p>Each row "
      "is the engine with one block's weight set to 0 and the others "
      "renormalised. A block whose removal lowers the measures carries "
      "information the others do not.</p>\n";
  for (int dir = 0; dir < 2; ++dir) {
    out += "<h3>" + std::string(kDirectionTitles[dir]) + "</h3>\n" +
           SystemsTable(report, kDirections[dir], true);
  }
  out += AblationCharts(report);

  out += FairnessSection(report);

  out +=
      "<h2>Configuration</h2>\n<p class=\"fr\">Paramètres</p>\n<p>Scoring "
      "configuration and options of this run (all figures are in "
      "report.json beside this page; the TREC qrels and runs are in the "
      "same folder and re-score with trec_eval or <code>skillmatch eval "
      "rank</code>; cutoff " +
      k + " is the one summarised).</p>\n<pre>" +
      Escape(report["options"].dump(2)) + "\n" +
      Escape(report["config"].dump(2)) + "</pre>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace skillmatch::cli
