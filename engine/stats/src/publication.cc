#include "skillmatch/stats/publication.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "skillmatch/classification/csv.h"
#include "skillmatch/stats/cube.h"
#include "skillmatch/stats/mismatch.h"
#include "skillmatch/stats/skills_demand.h"
#include "skillmatch/stats/tension_index.h"

namespace skillmatch::engine::stats {

PublicationCell PublicationCell::Text(std::string value) {
  PublicationCell cell;
  cell.text = std::move(value);
  return cell;
}

PublicationCell PublicationCell::Number(std::optional<double> value,
                                        Quality quality) {
  PublicationCell cell;
  cell.number = value;
  cell.quality = value ? quality : Quality::kReliable;
  return cell;
}

PublicationCell PublicationCell::Suppressed(Suppression why) {
  PublicationCell cell;
  cell.suppression = why;
  return cell;
}

int Publication::ColumnIndex(std::string_view name) const {
  for (size_t idx = 0; idx < columns.size(); ++idx) {
    if (columns[idx].name == name) return static_cast<int>(idx);
  }
  return -1;
}

int64_t Publication::SuppressedCells() const {
  int64_t count = 0;
  for (const auto& row : rows) {
    for (const auto& cell : row) {
      if (cell.suppression != Suppression::kNone) ++count;
    }
  }
  return count;
}

std::optional<std::pair<int, int>> DataMonths(
    std::span<const OfferSpell> offers,
    std::span<const JobseekerSpell> jobseekers) {
  std::optional<int> first, last;
  auto see = [&](int day) {
    if (!first || day < *first) first = day;
    if (!last || day > *last) last = day;
  };
  for (const OfferSpell& offer : offers) {
    see(offer.published_day);
    if (offer.closed_day) see(*offer.closed_day);
  }
  for (const JobseekerSpell& jobseeker : jobseekers) {
    see(jobseeker.registered_day);
    if (jobseeker.exit_day) see(*jobseeker.exit_day);
  }
  if (!first) return std::nullopt;
  return std::make_pair(MonthOfDay(*first), MonthOfDay(*last));
}

namespace {

// A suppressed count makes every figure computed from it secret too.
constexpr Suppression kWithheld = Suppression::kSecondary;

std::string LabelOf(const PublicationOptions& options, const std::string& code) {
  if (code == "*") return "all";
  auto it = options.labels.find(code);
  return it == options.labels.end() ? "" : it->second;
}

bool Labelled(const PublicationOptions& options) {
  return !options.labels.empty();
}

PublicationCell Count(int64_t value) {
  return PublicationCell::Number(static_cast<double>(value));
}

// The suppression of `count` in every cell of `cube`: one published table
// (occupations x geographies, with margins) per period.
std::vector<Suppression> SuppressMeasure(const Cube& cube, const std::string& name,
                                         int64_t (*count)(const CellStats&),
                                         const DisclosureOptions& disclosure) {
  std::vector<Suppression> out(cube.cells.size(), Suppression::kNone);
  for (const Period& period : cube.periods) {
    const PublishedTable table =
        Publish(TableFromCube(cube, period, name, count), disclosure);
    for (size_t cell_idx = 0; cell_idx < cube.cells.size(); ++cell_idx) {
      const CellStats& cell = cube.cells[cell_idx];
      if (!(cell.period == period)) continue;
      const size_t row = std::lower_bound(table.row_labels.begin(),
                                          table.row_labels.end(), cell.occupation) -
                         table.row_labels.begin();
      const size_t column =
          std::lower_bound(table.column_labels.begin(), table.column_labels.end(),
                           cell.geography) -
          table.column_labels.begin();
      out[cell_idx] = table.At(row, column).suppression;
    }
  }
  return out;
}

// The jobseeker counts the cube publishes or derives figures from, with the
// suppression of each.
struct JobseekerSecrets {
  std::vector<Suppression> new_jobseekers, exits_to_work, jobseekers_end,
      jobseekers_start;
};

JobseekerSecrets Secrets(const Cube& cube, const DisclosureOptions& disclosure) {
  JobseekerSecrets s;
  s.new_jobseekers = SuppressMeasure(
      cube, "new_jobseekers", [](const CellStats& c) { return c.new_jobseekers; },
      disclosure);
  s.exits_to_work = SuppressMeasure(
      cube, "exits_to_work",
      [](const CellStats& c) {
        return c.exits(ExitReason::kEmployment) + c.exits(ExitReason::kSelfEmployment);
      }, disclosure);
  s.jobseekers_end = SuppressMeasure(
      cube, "jobseekers_end", [](const CellStats& c) { return c.jobseekers_end; },
      disclosure);
  s.jobseekers_start = SuppressMeasure(
      cube, "jobseekers_start", [](const CellStats& c) { return c.jobseekers_start; },
      disclosure);
  return s;
}

bool Secret(Suppression s) { return s != Suppression::kNone; }

// Small counts of persons (1 .. threshold - 1) that a figure rests on.
bool SmallCount(int64_t count, const DisclosureOptions& disclosure) {
  return (count > 0 || disclosure.protect_zeros) && count < disclosure.threshold;
}

CubeOptions BaseCubeOptions(const PublicationOptions& options) {
  CubeOptions cube;
  cube.occupation_level = options.breakdown.occupation;
  cube.geography_level = options.breakdown.geography;
  cube.period_kind = options.breakdown.period;
  cube.first_month = options.first_month;
  cube.last_month = options.last_month;
  cube.quality = options.disclosure.quality;
  cube.vacancy_durations = false;
  return cube;
}

// Duncan's D by (occupation, period label), from a cube by region.
using MismatchMap = std::map<std::pair<std::string, std::string>, MismatchRow>;

Result<MismatchMap> MismatchByOccupation(std::span<const OfferSpell> offers,
                                         std::span<const JobseekerSpell> jobseekers,
                                         CubeOptions cube_options,
                                         const Cube* region_cube) {
  std::optional<Cube> own;
  if (region_cube == nullptr) {
    cube_options.geography_level = GeographyLevel::kRegion;
    cube_options.vacancy_durations = false;
    Result<Cube> cube = ComputeCube(offers, jobseekers, cube_options);
    if (!cube.ok()) return cube.status();
    own = std::move(*cube);
    region_cube = &*own;
  }
  Result<MismatchTable> table = ComputeMismatch(*region_cube);
  if (!table.ok()) return table.status();
  MismatchMap out;
  for (MismatchRow& row : table->rows) {
    out[{row.occupation, row.period.Label()}] = std::move(row);
  }
  return out;
}

PublicationCell MismatchCell(const MismatchMap& mismatch, const std::string& occupation,
                             const Period& period, const DisclosureOptions& disclosure) {
  auto it = mismatch.find({occupation, period.Label()});
  if (it == mismatch.end()) return PublicationCell::Number(std::nullopt);
  if (SmallCount(it->second.jobseekers, disclosure)) {
    return PublicationCell::Suppressed(kWithheld);
  }
  return PublicationCell::Number(it->second.index, it->second.quality);
}

Publication Header(std::string name, std::string title, const PublicationOptions& options,
                   const Provenance& provenance, std::vector<Period> periods) {
  Publication p;
  p.name = std::move(name);
  p.title = std::move(title);
  p.breakdown = options.breakdown;
  p.provenance = provenance;
  p.periods = std::move(periods);
  p.threshold = options.disclosure.threshold;
  p.quality = options.disclosure.quality;
  return p;
}

std::string BreakdownText(const Breakdown& b) {
  std::string out;
  auto add = [&](std::string_view part) {
    if (!out.empty()) out += " x ";
    out += part;
  };
  if (b.occupation != OccupationLevel::kAll) add(OccupationLevelName(b.occupation));
  if (b.geography != GeographyLevel::kAll) add(GeographyLevelName(b.geography));
  if (b.geography == GeographyLevel::kAll) add("national");
  add(PeriodKindName(b.period));
  return out;
}

}  // namespace

Result<Publication> PublishCube(std::span<const OfferSpell> offers,
                                std::span<const JobseekerSpell> jobseekers,
                                const PublicationOptions& options) {
  const CubeOptions cube_options = BaseCubeOptions(options);
  Result<Cube> cube = ComputeCube(offers, jobseekers, cube_options);
  if (!cube.ok()) return cube.status();
  Result<MismatchMap> mismatch = MismatchByOccupation(
      offers, jobseekers, cube_options,
      options.breakdown.geography == GeographyLevel::kRegion ? &*cube : nullptr);
  if (!mismatch.ok()) return mismatch.status();
  const JobseekerSecrets secrets = Secrets(*cube, options.disclosure);

  Publication p = Header("cube",
                         "Flows and stocks by " + BreakdownText(options.breakdown),
                         options, cube->provenance, cube->periods);
  p.columns.push_back({"occupation", ColumnKind::kText});
  if (Labelled(options)) p.columns.push_back({"label", ColumnKind::kText});
  p.columns.push_back({"geography", ColumnKind::kText});
  p.columns.push_back({"period", ColumnKind::kText});
  for (const char* name : {"new_offers", "filled", "withdrawn", "expired", "cancelled",
                           "open_offers_end", "new_jobseekers", "exits_to_work",
                           "jobseekers_end"}) {
    p.columns.push_back({name, ColumnKind::kCount});
  }
  p.columns.push_back({"tension_ratio", ColumnKind::kRatio});
  p.columns.push_back({"outflow_rate", ColumnKind::kShare});
  p.columns.push_back({"mismatch", ColumnKind::kShare});

  for (size_t cell_idx = 0; cell_idx < cube->cells.size(); ++cell_idx) {
    const CellStats& cell = cube->cells[cell_idx];
    std::vector<PublicationCell> row;
    row.push_back(PublicationCell::Text(cell.occupation));
    if (Labelled(options)) row.push_back(PublicationCell::Text(LabelOf(options, cell.occupation)));
    row.push_back(PublicationCell::Text(cell.geography));
    row.push_back(PublicationCell::Text(cell.period.Label()));
    row.push_back(Count(cell.new_offers));
    for (CloseReason reason : {CloseReason::kFilled, CloseReason::kWithdrawn,
                               CloseReason::kExpired, CloseReason::kCancelled}) {
      row.push_back(Count(cell.closed(reason)));
    }
    row.push_back(Count(cell.open_offers_end));
    auto person_count = [&](int64_t value, Suppression s) {
      return Secret(s) ? PublicationCell::Suppressed(s) : Count(value);
    };
    row.push_back(person_count(cell.new_jobseekers, secrets.new_jobseekers[cell_idx]));
    row.push_back(person_count(cell.exits(ExitReason::kEmployment) +
                                   cell.exits(ExitReason::kSelfEmployment),
                               secrets.exits_to_work[cell_idx]));
    row.push_back(person_count(cell.jobseekers_end, secrets.jobseekers_end[cell_idx]));
    // The ratio gives new_jobseekers back from the published new_offers.
    row.push_back(Secret(secrets.new_jobseekers[cell_idx])
                      ? PublicationCell::Suppressed(kWithheld)
                      : PublicationCell::Number(cell.tension_ratio, cell.tension_quality));
    // The rate rests on the exits and on the stocks at both ends.
    const bool outflow_secret = Secret(secrets.exits_to_work[cell_idx]) ||
                                Secret(secrets.jobseekers_end[cell_idx]) ||
                                Secret(secrets.jobseekers_start[cell_idx]);
    row.push_back(outflow_secret
                      ? PublicationCell::Suppressed(kWithheld)
                      : PublicationCell::Number(cell.outflow_rate, cell.outflow_quality));
    row.push_back(MismatchCell(*mismatch, cell.occupation, cell.period, options.disclosure));
    p.rows.push_back(std::move(row));
  }
  p.notes.push_back(
      "exits_to_work: exits to employment and self-employment; jobseekers' exits for "
      "other reasons are not published: with "
      "the stocks and the entries they would let a suppressed count be recomputed");
  p.notes.push_back(
      "mismatch: Duncan's index between the regional spread of the occupation's new "
      "offers and new jobseekers in the period (0 alike, 1 disjoint)");
  return p;
}

namespace {

// Clears the components resting on suppressed jobseeker counts, so that
// neither the value nor the score gives them back.
void WithholdSecretRates(Cube& national, MismatchTable& mismatch,
                         const DisclosureOptions& disclosure) {
  const JobseekerSecrets secrets = Secrets(national, disclosure);
  for (size_t cell_idx = 0; cell_idx < national.cells.size(); ++cell_idx) {
    CellStats& cell = national.cells[cell_idx];
    if (Secret(secrets.new_jobseekers[cell_idx])) cell.tension_ratio.reset();
    if (Secret(secrets.exits_to_work[cell_idx]) ||
        Secret(secrets.jobseekers_end[cell_idx]) ||
        Secret(secrets.jobseekers_start[cell_idx])) {
      cell.outflow_rate.reset();
    }
  }
  for (MismatchRow& row : mismatch.rows) {
    if (SmallCount(row.jobseekers, disclosure)) row.index.reset();
  }
}

struct TensionInputs {
  Cube national;
  MismatchTable mismatch;
  std::vector<TensionComponents> components;
};

Result<TensionInputs> TensionInputsFor(std::span<const OfferSpell> offers,
                                       std::span<const JobseekerSpell> jobseekers,
                                       CubeOptions cube_options,
                                       const DisclosureOptions& disclosure,
                                       const TensionIndexOptions& index_options) {
  cube_options.geography_level = GeographyLevel::kAll;
  cube_options.vacancy_durations = true;
  Result<Cube> national = ComputeCube(offers, jobseekers, cube_options);
  if (!national.ok()) return national.status();
  cube_options.geography_level = GeographyLevel::kRegion;
  cube_options.vacancy_durations = false;
  Result<Cube> regional = ComputeCube(offers, jobseekers, cube_options);
  if (!regional.ok()) return regional.status();
  Result<MismatchTable> mismatch = ComputeMismatch(*regional);
  if (!mismatch.ok()) return mismatch.status();
  TensionInputs inputs{std::move(*national), std::move(*mismatch), {}};
  WithholdSecretRates(inputs.national, inputs.mismatch, disclosure);
  Result<std::vector<TensionComponents>> components =
      GatherComponents(inputs.national, inputs.mismatch, index_options);
  if (!components.ok()) return components.status();
  inputs.components = std::move(*components);
  return inputs;
}

std::string SignedFixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%+.*f", decimals, value);
  return text;
}

}  // namespace

Result<Publication> PublishTension(std::span<const OfferSpell> offers,
                                   std::span<const JobseekerSpell> jobseekers,
                                   const PublicationOptions& options) {
  if (options.breakdown.geography != GeographyLevel::kAll) {
    return Status::InvalidArgument(
        "the tension index is computed nationally (its mismatch component compares "
        "the regions): --by " +
        std::string(GeographyLevelName(options.breakdown.geography)) +
        " is not available; stats cube gives regional figures");
  }
  if (options.breakdown.occupation == OccupationLevel::kAll) {
    return Status::InvalidArgument(
        "the tension index compares occupations: --by needs occupation, area or domain");
  }
  const TensionIndexOptions index_options;
  CubeOptions cube_options = BaseCubeOptions(options);

  // The scale: the rolling 12 months ending with the window's last month.
  CubeOptions reference_options = cube_options;
  reference_options.period_kind = PeriodKind::kRolling12;
  reference_options.first_month = options.last_month - 11;
  reference_options.last_month = options.last_month;
  Result<TensionInputs> reference = TensionInputsFor(
      offers, jobseekers, reference_options, options.disclosure, index_options);
  if (!reference.ok()) return reference.status();
  Result<TensionScale> scale = BuildTensionScale(reference->components, index_options);
  if (!scale.ok()) {
    return Status::InvalidArgument("tension index over the reference " +
                                   Period::Rolling12(options.last_month).Label() + ": " +
                                   scale.status().message());
  }

  Result<TensionInputs> scored = TensionInputsFor(offers, jobseekers, cube_options,
                                                  options.disclosure, index_options);
  if (!scored.ok()) return scored.status();
  std::vector<TensionLevel> levels =
      ScoreTension(*scale, scored->components, index_options);

  Publication p = Header("tension",
                         "Composite tension index by " + BreakdownText(options.breakdown) +
                             " (levels 1 very low to 5 very high; reference " +
                             Period::Rolling12(options.last_month).Label() + ")",
                         options, scored->national.provenance, scored->national.periods);
  p.columns.push_back({"occupation", ColumnKind::kText});
  if (Labelled(options)) p.columns.push_back({"label", ColumnKind::kText});
  p.columns.push_back({"period", ColumnKind::kText});
  p.columns.push_back({"level", ColumnKind::kCount});
  p.columns.push_back({"score", ColumnKind::kScore});
  p.columns.push_back({"tension_ratio", ColumnKind::kRatio});
  p.columns.push_back({"outflow_rate", ColumnKind::kShare});
  p.columns.push_back({"unfilled_at_30", ColumnKind::kShare});
  p.columns.push_back({"mismatch", ColumnKind::kShare});
  p.columns.push_back({"explained_by", ColumnKind::kText});

  // Highest tension first within each period; no level last; then by code.
  std::vector<size_t> order(levels.size());
  for (size_t idx = 0; idx < order.size(); ++idx) order[idx] = idx;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const TensionLevel& x = levels[a];
    const TensionLevel& y = levels[b];
    if (!(x.period == y.period)) return x.period < y.period;
    if (x.score.has_value() != y.score.has_value()) return x.score.has_value();
    if (x.score && *x.score != *y.score) return *x.score > *y.score;
    return x.occupation < y.occupation;
  });
  std::map<std::pair<std::string, std::string>, const MismatchRow*> mismatch_rows;
  for (const MismatchRow& row : scored->mismatch.rows) {
    mismatch_rows[{row.occupation, row.period.Label()}] = &row;
  }
  for (size_t idx : order) {
    const TensionLevel& level = levels[idx];
    const CellStats* cell = scored->national.Find(level.occupation, "*", level.period);
    std::vector<PublicationCell> row;
    row.push_back(PublicationCell::Text(level.occupation));
    if (Labelled(options)) row.push_back(PublicationCell::Text(LabelOf(options, level.occupation)));
    row.push_back(PublicationCell::Text(level.period.Label()));
    row.push_back(PublicationCell::Number(
        level.level ? std::optional<double>(*level.level) : std::nullopt));
    row.push_back(PublicationCell::Number(level.score));
    // A component cleared by WithholdSecretRates is marked as suppressed.
    auto component = [&](std::optional<double> value, Quality quality, bool had_value) {
      if (!value && had_value) return PublicationCell::Suppressed(kWithheld);
      return PublicationCell::Number(value, quality);
    };
    if (cell != nullptr) {
      row.push_back(component(cell->tension_ratio, cell->tension_quality,
                              cell->new_jobseekers > 0));
      row.push_back(component(cell->outflow_rate, cell->outflow_quality,
                              cell->average_jobseekers > 0));
      row.push_back(PublicationCell::Number(cell->vacancy_duration.unfilled_at_30,
                                            cell->duration_quality));
    } else {
      for (int k = 0; k < 3; ++k) row.push_back(PublicationCell::Number(std::nullopt));
    }
    auto m = mismatch_rows.find({level.occupation, level.period.Label()});
    if (m == mismatch_rows.end()) {
      row.push_back(PublicationCell::Number(std::nullopt));
    } else {
      row.push_back(component(m->second->index, m->second->quality,
                              m->second->offers > 0 && m->second->jobseekers > 0));
    }
    std::string explained;
    for (Component c : level.explained_by) {
      for (const ComponentContribution& contribution : level.contributions) {
        if (contribution.component != c) continue;
        if (!explained.empty()) explained += "; ";
        explained += std::string(ComponentName(c)) + " (z " +
                     SignedFixed(contribution.z, 2) + ")";
      }
    }
    row.push_back(PublicationCell::Text(explained));
    p.rows.push_back(std::move(row));
  }
  p.notes.push_back("reference " + Period::Rolling12(options.last_month).Label() +
                    ": each component standardised across its " +
                    std::to_string(scale->occupations) + " " +
                    std::string(options.breakdown.occupation == OccupationLevel::kArea ? "areas"
                                : options.breakdown.occupation == OccupationLevel::kDomain
                                    ? "domains"
                                    : "occupations") +
                    " with a score; levels cut at its quintiles");
  p.notes.push_back(
      "components (higher = more tension): tension_ratio = new offers / new "
      "jobseekers; outflow_rate = exits to work / average stock; unfilled_at_30 "
      "= Kaplan-Meier share of offers still open 30 days after publication; mismatch "
      "= Duncan's index across regions");
  return p;
}

Result<Publication> PublishDurations(std::span<const OfferSpell> offers,
                                     std::span<const JobseekerSpell> jobseekers,
                                     const PublicationOptions& options) {
  CubeOptions cube_options = BaseCubeOptions(options);
  cube_options.vacancy_durations = true;
  Result<Cube> cube = ComputeCube(offers, jobseekers, cube_options);
  if (!cube.ok()) return cube.status();
  Publication p = Header("durations",
                         "Vacancy durations (Kaplan-Meier, offers published in the period) "
                         "by " + BreakdownText(options.breakdown),
                         options, cube->provenance, cube->periods);
  p.columns.push_back({"occupation", ColumnKind::kText});
  if (Labelled(options)) p.columns.push_back({"label", ColumnKind::kText});
  p.columns.push_back({"geography", ColumnKind::kText});
  p.columns.push_back({"period", ColumnKind::kText});
  p.columns.push_back({"offers", ColumnKind::kCount});
  p.columns.push_back({"filled", ColumnKind::kCount});
  p.columns.push_back({"censored", ColumnKind::kCount});
  p.columns.push_back({"median_days", ColumnKind::kDays});
  p.columns.push_back({"unfilled_at_30", ColumnKind::kShare});
  p.columns.push_back({"unfilled_at_60", ColumnKind::kShare});
  p.columns.push_back({"unfilled_at_90", ColumnKind::kShare});
  for (const CellStats& cell : cube->cells) {
    const DurationSummary& d = cell.vacancy_duration;
    if (d.offers == 0) continue;
    std::vector<PublicationCell> row;
    row.push_back(PublicationCell::Text(cell.occupation));
    if (Labelled(options)) row.push_back(PublicationCell::Text(LabelOf(options, cell.occupation)));
    row.push_back(PublicationCell::Text(cell.geography));
    row.push_back(PublicationCell::Text(cell.period.Label()));
    row.push_back(Count(d.offers));
    row.push_back(Count(d.events));
    row.push_back(Count(d.censored));
    const Quality q = cell.duration_quality;
    row.push_back(PublicationCell::Number(
        d.median_days ? std::optional<double>(*d.median_days) : std::nullopt, q));
    row.push_back(PublicationCell::Number(d.unfilled_at_30, q));
    row.push_back(PublicationCell::Number(d.unfilled_at_60, q));
    row.push_back(PublicationCell::Number(d.unfilled_at_90, q));
    p.rows.push_back(std::move(row));
  }
  p.notes.push_back(
      "offers still open at " + FormatDay(cube->provenance.last_day) +
      " and offers closed unfilled are censored, not dropped; a median or share is "
      "empty when the curve does not reach it within the follow-up; rows with no "
      "offer published are left out");
  return p;
}

Result<Publication> PublishSkills(std::span<const OfferSpell> offers,
                                  std::span<const JobseekerSpell> jobseekers,
                                  const PublicationOptions& options) {
  if (options.breakdown.geography != GeographyLevel::kAll) {
    return Status::InvalidArgument(
        "skills in demand are counted nationally: --by " +
        std::string(GeographyLevelName(options.breakdown.geography)) +
        " is not available");
  }
  SkillsDemandOptions skill_options;
  skill_options.occupation_level = options.breakdown.occupation;
  skill_options.period_kind = options.breakdown.period;
  skill_options.first_month = options.first_month;
  skill_options.last_month = options.last_month;
  skill_options.quality = options.disclosure.quality;
  Result<SkillsDemandTable> table = ComputeSkillsDemand(offers, jobseekers, skill_options);
  if (!table.ok()) return table.status();

  Publication p = Header("skills",
                         "Skills in demand (offers) and held (registered jobseekers) by " +
                             BreakdownText(options.breakdown),
                         options, table->provenance, table->periods);
  p.columns.push_back({"occupation", ColumnKind::kText});
  if (Labelled(options)) p.columns.push_back({"label", ColumnKind::kText});
  p.columns.push_back({"period", ColumnKind::kText});
  p.columns.push_back({"skill", ColumnKind::kText});
  if (Labelled(options)) p.columns.push_back({"skill_label", ColumnKind::kText});
  p.columns.push_back({"offers", ColumnKind::kCount});
  p.columns.push_back({"offers_asking", ColumnKind::kCount});
  p.columns.push_back({"demand_share", ColumnKind::kShare});
  p.columns.push_back({"jobseekers", ColumnKind::kCount});
  p.columns.push_back({"jobseekers_holding", ColumnKind::kCount});
  p.columns.push_back({"supply_share", ColumnKind::kShare});
  p.columns.push_back({"gap", ColumnKind::kShare});
  p.columns.push_back({"demand_trend", ColumnKind::kShare});

  // The previous period's demand share of each (occupation, skill).
  std::map<std::tuple<std::string, std::string, int>, double> demand;
  for (const SkillDemandRow& row : table->rows) {
    if (row.demand_share) demand[{row.occupation, row.skill, row.period.last_month}] = *row.demand_share;
  }
  // (occupation, period's last month) with at least one offer.
  std::set<std::pair<std::string, int>> with_offers;
  for (const SkillDemandRow& row : table->rows) {
    if (row.offers > 0) with_offers.insert({row.occupation, row.period.last_month});
  }
  std::map<int, int> previous_last_month;  // period's last month -> previous one's
  for (size_t idx = 1; idx < table->periods.size(); ++idx) {
    previous_last_month[table->periods[idx].last_month] = table->periods[idx - 1].last_month;
  }

  // Groups of (occupation, period), rows sorted by offers asking, then skill.
  const auto& rows = table->rows;
  size_t begin = 0;
  while (begin < rows.size()) {
    size_t end = begin;
    while (end < rows.size() && rows[end].occupation == rows[begin].occupation &&
           rows[end].period == rows[begin].period) {
      ++end;
    }
    std::vector<const SkillDemandRow*> group;
    for (size_t idx = begin; idx < end; ++idx) {
      if (rows[idx].offers_asking > 0) group.push_back(&rows[idx]);
    }
    std::sort(group.begin(), group.end(), [](const SkillDemandRow* a, const SkillDemandRow* b) {
      if (a->offers_asking != b->offers_asking) return a->offers_asking > b->offers_asking;
      return a->skill < b->skill;
    });
    if (group.size() > static_cast<size_t>(std::max(0, options.top_skills))) {
      group.resize(std::max(0, options.top_skills));
    }
    for (const SkillDemandRow* r : group) {
      std::vector<PublicationCell> row;
      row.push_back(PublicationCell::Text(r->occupation));
      if (Labelled(options)) row.push_back(PublicationCell::Text(LabelOf(options, r->occupation)));
      row.push_back(PublicationCell::Text(r->period.Label()));
      row.push_back(PublicationCell::Text(r->skill));
      if (Labelled(options)) row.push_back(PublicationCell::Text(LabelOf(options, r->skill)));
      row.push_back(Count(r->offers));
      row.push_back(Count(r->offers_asking));
      row.push_back(PublicationCell::Number(r->demand_share, r->quality));
      // Persons: the jobseekers counted, those holding the skill and those
      // not holding it (the complement, read from the two) under the
      // threshold are secret, with the shares that rest on them.
      const bool pool_secret = SmallCount(r->jobseekers, options.disclosure);
      const bool holding_secret =
          pool_secret || SmallCount(r->jobseekers_holding, options.disclosure) ||
          SmallCount(r->jobseekers - r->jobseekers_holding, options.disclosure);
      row.push_back(pool_secret ? PublicationCell::Suppressed(Suppression::kPrimary)
                                : Count(r->jobseekers));
      row.push_back(holding_secret
                        ? PublicationCell::Suppressed(pool_secret ? kWithheld
                                                                  : Suppression::kPrimary)
                        : Count(r->jobseekers_holding));
      row.push_back(holding_secret ? PublicationCell::Suppressed(kWithheld)
                                   : PublicationCell::Number(r->supply_share, r->quality));
      row.push_back(holding_secret ? PublicationCell::Suppressed(kWithheld)
                                   : PublicationCell::Number(r->gap, r->quality));
      std::optional<double> trend;
      auto prev = previous_last_month.find(r->period.last_month);
      if (prev != previous_last_month.end() && r->demand_share) {
        auto before = demand.find({r->occupation, r->skill, prev->second});
        trend = *r->demand_share - (before == demand.end() ? 0.0 : before->second);
        // A skill no offer asked for before has a previous share of 0; an
        // occupation with no offer before has no trend.
        if (!with_offers.contains({r->occupation, prev->second})) trend.reset();
      }
      row.push_back(PublicationCell::Number(trend, r->quality));
      p.rows.push_back(std::move(row));
    }
    begin = end;
  }
  p.notes.push_back(
      "the " + std::to_string(options.top_skills) +
      " skills most asked for per occupation and period; supply = jobseekers "
      "registered at the period's end; gap = demand_share - supply_share; "
      "demand_trend = change of demand_share since the previous period");
  return p;
}

// --- Renderers ---

namespace {

std::string Fixed(double value, int decimals) {
  if (std::fabs(value) < 0.5 * std::pow(10.0, -decimals)) value = 0;
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Machine formats: counts and days as integers, the rest to 4 decimals.
std::string MachineNumber(ColumnKind kind, double value) {
  if (kind == ColumnKind::kCount || kind == ColumnKind::kDays) {
    return std::to_string(static_cast<int64_t>(std::llround(value)));
  }
  return Fixed(value, 4);
}

std::string QualityMark(Quality quality) {
  switch (quality) {
    case Quality::kReliable:
      return "";
    case Quality::kFewRecords:
      return "*";
    case Quality::kFewEvents:
      return "**";
  }
  return "";
}

std::string JoinSources(const std::vector<std::string>& sources) {
  if (sources.empty()) return "none";
  std::string out;
  for (const std::string& s : sources) {
    if (!out.empty()) out += " ";
    out += s;
  }
  return out;
}

std::string PeriodsText(const std::vector<Period>& periods) {
  if (periods.empty()) return "none";
  if (periods.size() == 1) return periods.front().Label();
  return std::to_string(periods.size()) + " " +
         std::string(PeriodKindName(periods.front().kind)) + " periods, " +
         periods.front().Label() + " to " + periods.back().Label();
}

std::string WindowText(const Provenance& provenance) {
  return FormatDay(provenance.first_day) + " to " + FormatDay(provenance.last_day);
}

std::string SourcesText(const Provenance& provenance) {
  return "offers: " + JoinSources(provenance.offer_sources) + " (" +
         std::to_string(provenance.offers_counted) + " counted); jobseekers: " +
         JoinSources(provenance.jobseeker_sources) + " (" +
         std::to_string(provenance.jobseekers_counted) + " counted)";
}

bool Numeric(ColumnKind kind) { return kind != ColumnKind::kText; }

}  // namespace

std::string FormatCell(const PublicationColumn& column, const PublicationCell& cell) {
  if (cell.suppression != Suppression::kNone) return "s";
  if (!Numeric(column.kind)) return cell.text;
  if (!cell.number) return "";
  const double v = *cell.number;
  switch (column.kind) {
    case ColumnKind::kCount:
    case ColumnKind::kDays:
      return std::to_string(static_cast<int64_t>(std::llround(v)));
    case ColumnKind::kRatio:
    case ColumnKind::kScore:
      return Fixed(v, 2);
    case ColumnKind::kShare:
      return Fixed(100 * v, 1) + "%";
    case ColumnKind::kText:
      break;
  }
  return "";
}

std::string RenderText(const Publication& p) {
  std::ostringstream out;
  out << p.title << "\n";
  out << "window: " << WindowText(p.provenance) << "; periods: " << PeriodsText(p.periods)
      << "\n";
  out << "sources: " << SourcesText(p.provenance) << "\n\n";
  const size_t columns = p.columns.size();
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(columns, 0);
  for (size_t col = 0; col < columns; ++col) width[col] = p.columns[col].name.size();
  for (const auto& row : p.rows) {
    std::vector<std::string> texts(columns);
    for (size_t col = 0; col < columns; ++col) {
      texts[col] = FormatCell(p.columns[col], row[col]);
      if (row[col].suppression == Suppression::kNone) texts[col] += QualityMark(row[col].quality);
      width[col] = std::max(width[col], texts[col].size());
    }
    cells.push_back(std::move(texts));
  }
  // Labels can be long: cut them at 32 bytes (at a character boundary).
  for (size_t col = 0; col < columns; ++col) {
    if (p.columns[col].name != "label" && p.columns[col].name != "skill_label") continue;
    width[col] = std::min<size_t>(width[col], 32);
    for (auto& texts : cells) {
      std::string& t = texts[col];
      if (t.size() <= 32) continue;
      size_t cut = 31;
      while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
      t = t.substr(0, cut) + "~";
    }
  }
  auto display = [](const std::string& t) {
    size_t n = 0;
    for (unsigned char c : t) n += (c & 0xC0) != 0x80;
    return n;
  };
  // Widths count characters, not bytes (labels hold accents).
  for (size_t col = 0; col < columns; ++col) {
    size_t w = p.columns[col].name.size();
    for (const auto& texts : cells) w = std::max(w, display(texts[col]));
    width[col] = w;
  }
  auto line = [&](const std::vector<std::string>& texts) {
    std::string text;
    for (size_t col = 0; col < columns; ++col) {
      const size_t pad = width[col] - display(texts[col]);
      if (col > 0) text += "  ";
      if (Numeric(p.columns[col].kind)) {
        text += std::string(pad, ' ') + texts[col];
      } else if (col + 1 < columns) {
        text += texts[col] + std::string(pad, ' ');
      } else {
        text += texts[col];
      }
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << "\n";
  };
  std::vector<std::string> header;
  for (const auto& column : p.columns) header.push_back(column.name);
  line(header);
  for (const auto& texts : cells) line(texts);
  if (p.rows.empty()) out << "(no rows)\n";
  out << "\n"
      << "s: suppressed (a count under " << p.threshold
      << " jobseekers, a count protecting one, or a figure computed from one); *: rests "
         "on fewer than "
      << p.quality.min_records << " records; **: on fewer than " << p.quality.min_events
      << " fillings; empty: undefined\n";
  for (const std::string& note : p.notes) out << note << "\n";
  return out.str();
}

void RenderCsv(const Publication& p, std::ostream& out) {
  std::vector<std::string> header;
  for (const auto& column : p.columns) header.push_back(column.name);
  for (const char* extra : {"flags", "window", "sources"}) header.push_back(extra);
  csv::WriteRow(out, header);
  const std::string window = FormatDay(p.provenance.first_day) + ".." +
                             FormatDay(p.provenance.last_day);
  const std::string sources = SourcesText(p.provenance);
  for (const auto& row : p.rows) {
    std::vector<std::string> fields;
    std::string flags;
    for (size_t col = 0; col < p.columns.size(); ++col) {
      const PublicationCell& cell = row[col];
      const PublicationColumn& column = p.columns[col];
      if (cell.suppression != Suppression::kNone) {
        fields.push_back("s");
      } else if (!Numeric(column.kind)) {
        fields.push_back(cell.text);
      } else {
        fields.push_back(cell.number ? MachineNumber(column.kind, *cell.number) : "");
        if (cell.number && cell.quality != Quality::kReliable) {
          if (!flags.empty()) flags += " ";
          flags += column.name + "=" + std::string(QualityName(cell.quality));
        }
      }
    }
    fields.push_back(flags);
    fields.push_back(window);
    fields.push_back(sources);
    csv::WriteRow(out, fields);
  }
}

nlohmann::ordered_json RenderJson(const Publication& p) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["statistics"] = p.name;
  j["title"] = p.title;
  j["breakdown"] = {{"occupation", OccupationLevelName(p.breakdown.occupation)},
                    {"geography", GeographyLevelName(p.breakdown.geography)},
                    {"period", PeriodKindName(p.breakdown.period)}};
  ordered_json periods = ordered_json::array();
  for (const Period& period : p.periods) periods.push_back(period.Label());
  j["provenance"] = {{"window", {{"first_day", FormatDay(p.provenance.first_day)},
                                 {"last_day", FormatDay(p.provenance.last_day)}}},
                     {"periods", periods},
                     {"offer_sources", p.provenance.offer_sources},
                     {"jobseeker_sources", p.provenance.jobseeker_sources},
                     {"offers_counted", p.provenance.offers_counted},
                     {"jobseekers_counted", p.provenance.jobseekers_counted}};
  j["disclosure"] = {{"threshold", p.threshold},
                     {"suppressed_cells", p.SuppressedCells()},
                     {"marking", "a suppressed figure is null and named in its row's "
                                 "\"suppressed\" list; an undefined one is null"}};
  j["quality"] = {{"min_records", p.quality.min_records},
                  {"min_events", p.quality.min_events}};
  ordered_json columns = ordered_json::array();
  for (const auto& column : p.columns) columns.push_back(column.name);
  j["columns"] = columns;
  ordered_json rows = ordered_json::array();
  for (const auto& row : p.rows) {
    ordered_json r = ordered_json::object();
    ordered_json suppressed = ordered_json::array();
    ordered_json quality = ordered_json::object();
    for (size_t col = 0; col < p.columns.size(); ++col) {
      const PublicationCell& cell = row[col];
      const PublicationColumn& column = p.columns[col];
      if (cell.suppression != Suppression::kNone) {
        r[column.name] = nullptr;
        suppressed.push_back(column.name);
      } else if (!Numeric(column.kind)) {
        r[column.name] = cell.text;
      } else if (!cell.number) {
        r[column.name] = nullptr;
      } else if (column.kind == ColumnKind::kCount || column.kind == ColumnKind::kDays) {
        r[column.name] = static_cast<int64_t>(std::llround(*cell.number));
      } else {
        r[column.name] = std::round(*cell.number * 1e4) / 1e4;
      }
      if (cell.suppression == Suppression::kNone && cell.number &&
          cell.quality != Quality::kReliable) {
        quality[column.name] = QualityName(cell.quality);
      }
    }
    r["suppressed"] = suppressed;
    r["quality"] = quality;
    rows.push_back(std::move(r));
  }
  j["rows"] = rows;
  j["notes"] = p.notes;
  return j;
}

}  // namespace skillmatch::engine::stats
