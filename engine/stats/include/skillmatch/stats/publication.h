// Published statistics: the figures of `skillmatch stats` (and of the
// dashboard) as tables that are safe to show, rendered as text, CSV or JSON.
//
// A Publication is a plain table: named, typed columns and rows of cells.
// Every cell is a value, undefined (a rate with no denominator) or
// suppressed (disclosure control), and may carry a quality flag. It comes
// with the Provenance of its figures (window, sources, records counted) and
// the breakdown it was computed at. The builders below compute it from spells
// with the statistics core (cube.h, tension_index.h, skills_demand.h) and
// apply disclosure control to every count of persons (jobseekers), then
// withhold the rates resting on a suppressed count; the renderers only
// format. engine/stats/README.md, "Publication", gives the rules.
//
// Counts of offers are not suppressed: an offer is a public advertisement,
// not a person, and the PES publishes its offers one by one. Counts of
// jobseekers are (threshold 5 by default, with secondary suppression per
// table of one measure and one period).
//
// Thread safety: pure functions. Depends on the statistics core and
// nlohmann::json only: no store, no taxonomy, no command line (the caller
// passes code labels in a map).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "skillmatch/classification/status.h"
#include "skillmatch/stats/calendar.h"
#include "skillmatch/stats/disclosure.h"
#include "skillmatch/stats/spells.h"

namespace skillmatch::engine::stats {

enum class ColumnKind {
  kText,   // codes, labels, periods
  kCount,  // integers
  kRatio,  // a ratio such as offers per jobseeker (2 decimals in text)
  kShare,  // a proportion in [0, 1] (a percentage in text)
  kDays,   // a duration in whole days
  kScore,  // a standardised score (2 decimals in text)
};

struct PublicationColumn {
  std::string name;  // snake_case, the CSV header and the JSON key
  ColumnKind kind = ColumnKind::kText;
};

struct PublicationCell {
  std::string text;              // kText columns
  std::optional<double> number;  // the others; none: undefined or suppressed
  Suppression suppression = Suppression::kNone;
  Quality quality = Quality::kReliable;

  static PublicationCell Text(std::string value);
  static PublicationCell Number(std::optional<double> value,
                                Quality quality = Quality::kReliable);
  static PublicationCell Suppressed(Suppression why);
};

// The breakdown of a publication (`--by`).
struct Breakdown {
  OccupationLevel occupation = OccupationLevel::kOccupation;
  GeographyLevel geography = GeographyLevel::kRegion;
  PeriodKind period = PeriodKind::kMonth;
};

struct Publication {
  std::string name;   // "cube", "tension", "durations", "skills"
  std::string title;  // one line, English
  Breakdown breakdown;
  Provenance provenance;
  std::vector<Period> periods;  // the periods of the rows, chronological
  int64_t threshold = 5;        // disclosure threshold applied
  QualityOptions quality;
  std::vector<PublicationColumn> columns;
  std::vector<std::vector<PublicationCell>> rows;  // one cell per column
  std::vector<std::string> notes;                  // read with the table

  int ColumnIndex(std::string_view name) const;  // -1 when absent
  int64_t SuppressedCells() const;
};

// What every builder needs: the spells, the breakdown, the window.
struct PublicationOptions {
  Breakdown breakdown;
  int first_month = 0;  // the window, months inclusive
  int last_month = -1;
  DisclosureOptions disclosure;  // its quality options are used throughout
  // Labels of occupation codes (any level) and skill ids, for a `label`
  // column; none when empty.
  std::map<std::string, std::string> labels;
  // skills: how many skills per occupation and period (by demand share).
  int top_skills = 10;
};

// The months of the data: the first and last month holding a start or an
// end day of a spell; none when there is no spell.
std::optional<std::pair<int, int>> DataMonths(
    std::span<const OfferSpell> offers,
    std::span<const JobseekerSpell> jobseekers);

// Flows and stocks per occupation x geography x period: new offers, offers
// closed by reason, open offers at the end, new jobseekers, exits to
// employment, registered jobseekers at the end, tension ratio, outflow rate,
// and Duncan's geographic mismatch of the occupation in the period.
Result<Publication> PublishCube(std::span<const OfferSpell> offers,
                                std::span<const JobseekerSpell> jobseekers,
                                const PublicationOptions& options);

// The composite tension index (national): its scale is built on the rolling
// 12 months ending with the window's last month; every period of the
// breakdown's kind in the window is scored on it. Rows: occupation, period,
// level 1..5, score, the four components and those explaining the level.
// InvalidArgument when the breakdown has a geography level other than kAll,
// or the occupation level is kAll, or the data does not hold the reference.
Result<Publication> PublishTension(std::span<const OfferSpell> offers,
                                   std::span<const JobseekerSpell> jobseekers,
                                   const PublicationOptions& options);

// Kaplan-Meier vacancy durations per occupation x geography x period (the
// offers published in the period, followed until the window's end): offers,
// filled, censored, median, share unfilled at 30, 60, 90 days.
Result<Publication> PublishDurations(std::span<const OfferSpell> offers,
                                     std::span<const JobseekerSpell> jobseekers,
                                     const PublicationOptions& options);

// Skills in demand per occupation x period, national: the top_skills skills
// by demand share with the supply share, the gap and its trend (the change
// of the demand share since the previous period). InvalidArgument when the
// breakdown has a geography level other than kAll.
Result<Publication> PublishSkills(std::span<const OfferSpell> offers,
                                  std::span<const JobseekerSpell> jobseekers,
                                  const PublicationOptions& options);

// Renderers. Suppressed cells print "s" (text, CSV) or null with the column
// named in the row's "suppressed" list (JSON), never 0; undefined cells are
// empty (null in JSON). Quality flags: a "*" (few records) or "**" (few
// fillings) after the value in text, the row's "flags" column in CSV, its
// "quality" object in JSON. Each states the window, the periods, the sources
// and the records counted.
std::string RenderText(const Publication& publication);
void RenderCsv(const Publication& publication, std::ostream& out);
nlohmann::ordered_json RenderJson(const Publication& publication);

// The value of a cell as its text renderer shows it (without the flag).
std::string FormatCell(const PublicationColumn& column,
                       const PublicationCell& cell);

// The dashboard: a self-contained French HTML page (no script, no external
// resource) with SVG charts, each followed by its table: the tension index,
// trends per occupation, regions compared, vacancy-duration curves, skills in
// demand. Suppressed figures are marked. `options.breakdown` is not used: the
// page picks its own breakdowns (documented in the README).
Result<std::string> RenderDashboard(std::span<const OfferSpell> offers,
                                    std::span<const JobseekerSpell> jobseekers,
                                    const PublicationOptions& options);

}  // namespace skillmatch::engine::stats
