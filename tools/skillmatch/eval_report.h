// Presentation of `skillmatch eval matching`: the summary table printed on
// stdout and the self-contained HTML report, both drawn from report.json
// alone (so the page shows exactly the figures of the file).
//
// The HTML is one file with inline CSS and inline SVG charts (metric by k,
// ablation bars, exposure by group, score histograms), no script and no
// network access; numbers are printed with fixed decimals, so the same
// report.json gives the same page byte for byte.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace skillmatch::cli {

// The engine beside the baselines (and the ablation), both directions:
// P@10, Recall@10, nDCG@10, MRR, MAP, one line per system.
std::string SummaryTable(const nlohmann::ordered_json& report);

// The whole report as one HTML page.
std::string RenderReportHtml(const nlohmann::ordered_json& report);

}  // namespace skillmatch::cli
