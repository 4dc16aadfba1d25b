// skillmatch stats cube|tension|durations|skills|dashboard: the labour-market
// statistics of a store (issue 16). The command reads the store's spells
// (engine/store/spells.h), picks the window and the breakdown, and prints a
// publication of engine/stats (publication.h) as a table, CSV or JSON; the
// dashboard writes one self-contained HTML page. Every figure goes through
// the publication's disclosure control: there is no option to lower it.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli.h"
#include "skillmatch/classification/atomic_file.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/stats/publication.h"
#include "skillmatch/store/spells.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

namespace stats = engine::stats;

struct StatsArgs {
  std::string command;  // cube, tension, durations, skills, dashboard
  std::string db;
  std::string from;
  std::string to;
  std::string by;
  std::string format = "table";
  std::string out;  // dashboard: the folder
  int top = 10;     // skills
};

// The breakdown a command uses when --by does not name an axis.
stats::Breakdown DefaultBreakdown(const std::string& command) {
  if (command == "cube") {
    return {stats::OccupationLevel::kOccupation, stats::GeographyLevel::kRegion,
            stats::PeriodKind::kMonth};
  }
  if (command == "tension") {
    return {stats::OccupationLevel::kOccupation, stats::GeographyLevel::kAll,
            stats::PeriodKind::kRolling12};
  }
  return {stats::OccupationLevel::kOccupation, stats::GeographyLevel::kAll,
          stats::PeriodKind::kQuarter};
}

// --by occupation|area|domain, region|country, month|quarter|rolling12,
// comma-separated, at most one of each axis. An axis not named is totalled
// (all occupations, the whole country set), except the period, which takes
// the command's default. Without --by, the command's default breakdown.
Result<stats::Breakdown> ParseBreakdown(const std::string& text,
                                        const stats::Breakdown& fallback) {
  if (text.empty()) return fallback;
  stats::Breakdown out{stats::OccupationLevel::kAll, stats::GeographyLevel::kAll,
                       fallback.period};
  std::string occupation_word, geography_word, period_word;
  std::stringstream in(text);
  std::string word;
  std::vector<std::string> words;
  while (std::getline(in, word, ',')) words.push_back(word);
  if (!text.empty() && text.back() == ',') words.push_back("");
  auto twice = [](const std::string& first, const std::string& second,
                  const char* axis) {
    return Status::InvalidArgument("--by: '" + first + "' and '" + second +
                                   "' are both " + axis + "; give one");
  };
  for (const std::string& w : words) {
    if (w == "occupation" || w == "area" || w == "domain") {
      if (!occupation_word.empty()) return twice(occupation_word, w, "occupation levels");
      occupation_word = w;
      out.occupation = w == "occupation" ? stats::OccupationLevel::kOccupation
                       : w == "area"     ? stats::OccupationLevel::kArea
                                         : stats::OccupationLevel::kDomain;
    } else if (w == "region" || w == "country") {
      if (!geography_word.empty()) return twice(geography_word, w, "geography levels");
      geography_word = w;
      out.geography =
          w == "region" ? stats::GeographyLevel::kRegion : stats::GeographyLevel::kCountry;
    } else if (w == "month" || w == "quarter" || w == "rolling12") {
      if (!period_word.empty()) return twice(period_word, w, "periods");
      period_word = w;
      out.period = w == "month"     ? stats::PeriodKind::kMonth
                   : w == "quarter" ? stats::PeriodKind::kQuarter
                                    : stats::PeriodKind::kRolling12;
    } else {
      return Status::InvalidArgument(
          "--by: unknown breakdown " + text::Quoted(w) +
          " (expected occupation, area, domain, region, country, month, quarter or "
          "rolling12, comma-separated)");
    }
  }
  return out;
}

// Labels of every taxonomy node and skill by code (French first).
std::map<std::string, std::string> Labels(const classification::Taxonomy& taxonomy) {
  std::map<std::string, std::string> labels;
  for (size_t idx = 0; idx < taxonomy.node_count(); ++idx) {
    const auto index = static_cast<classification::NodeIndex>(idx);
    labels[taxonomy.node(index).code] = taxonomy.NodeLabel(index, "fr");
  }
  for (size_t idx = 0; idx < taxonomy.skill_count(); ++idx) {
    const auto index = static_cast<classification::SkillIndex>(idx);
    labels[taxonomy.skill(index).id] = taxonomy.SkillName(index, "fr");
  }
  return labels;
}

Result<int> MonthOption(const std::string& name, const std::string& value) {
  Result<int> month = stats::ParseMonth(value);
  if (!month.ok()) return Status::InvalidArgument(name + ": " + month.status().message());
  return month;
}

int RunStats(const StatsArgs& args) {
  // Options first: a usage error never waits for the store.
  Result<stats::Breakdown> breakdown =
      ParseBreakdown(args.by, DefaultBreakdown(args.command));
  if (!breakdown.ok()) return Fail(breakdown.status());
  if ((args.command == "tension" || args.command == "skills") &&
      breakdown->geography != stats::GeographyLevel::kAll) {
    return Fail(Status::InvalidArgument(
        "--by " + std::string(stats::GeographyLevelName(breakdown->geography)) +
        ": stats " + args.command +
        " is national (the tension index compares regions in its mismatch component; "
        "skills are counted over the country); stats cube gives regional figures"));
  }
  if (args.command == "tension" && breakdown->occupation == stats::OccupationLevel::kAll) {
    return Fail(Status::InvalidArgument(
        "--by: stats tension compares occupations: name occupation, area or domain"));
  }
  std::optional<int> from, to;
  if (!args.from.empty()) {
    Result<int> month = MonthOption("--from", args.from);
    if (!month.ok()) return Fail(month.status());
    from = *month;
  }
  if (!args.to.empty()) {
    Result<int> month = MonthOption("--to", args.to);
    if (!month.ok()) return Fail(month.status());
    to = *month;
  }
  if (from && to && *from > *to) {
    return Fail(Status::InvalidArgument("--from " + args.from + " is after --to " + args.to));
  }

  engine::StoreOptions store_options;
  store_options.create_if_missing = false;
  store_options.read_only = true;
  auto store = engine::Store::Open(args.db, store_options);
  if (!store.ok()) return Fail(store.status());
  auto taxonomy = (*store)->ReadTaxonomy();
  if (!taxonomy.ok()) return Fail(taxonomy.status());
  Result<engine::StatsInput> input = engine::LoadSpells(**store, *taxonomy, {});
  if (!input.ok()) return Fail(input.status());

  const auto data = stats::DataMonths(input->offers, input->jobseekers);
  if (!data) {
    return Fail(Status::DataError(
        args.db + ": no dated offer or jobseeker to count (offers need a publication "
                  "date, jobseekers a registration date)"));
  }
  stats::PublicationOptions options;
  options.breakdown = *breakdown;
  options.last_month = to.value_or(data->second);
  // The tension index is read over the last 12 months by default (its
  // reference); the other commands cover all the data.
  // The dashboard shows the last 24 months (recent trends, two of each
  // season).
  const int default_from = args.command == "tension"     ? options.last_month - 11
                           : args.command == "dashboard" ? std::max(data->first,
                                                                    options.last_month - 23)
                                                         : data->first;
  options.first_month = from.value_or(std::min(default_from, options.last_month));
  if (options.first_month > options.last_month) {
    return Fail(Status::InvalidArgument(
        "--from " + stats::FormatMonth(options.first_month) + " is after the data's last month " +
        stats::FormatMonth(options.last_month) + " (give --to)"));
  }
  options.labels = Labels(*taxonomy);
  options.top_skills = args.top;

  std::vector<std::string> left_out;  // notes on what was not counted
  if (input->offers_undated > 0) {
    left_out.push_back("left out: " + std::to_string(input->offers_undated) +
                       " offers without a publication date");
  }
  if (input->jobseekers_undated > 0) {
    left_out.push_back("left out: " + std::to_string(input->jobseekers_undated) +
                       " jobseekers without a registration date");
  }
  if (input->unknown_occupations > 0) {
    left_out.push_back(std::to_string(input->unknown_occupations) +
                       " records coded to occupations the taxonomy lacks are counted "
                       "under their code, with area and domain '?'");
  }

  if (args.command == "dashboard") {
    Result<std::string> html =
        stats::RenderDashboard(input->offers, input->jobseekers, options);
    if (!html.ok()) return Fail(html.status());
    std::error_code error;
    std::filesystem::create_directories(args.out, error);
    if (error) return Fail(Status::IoError(args.out + ": cannot create folder: " + error.message()));
    const std::string path = (std::filesystem::path(args.out) / "dashboard.html").string();
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(Status::IoError(path + ": cannot write"));
    file << *html;
    file.flush();
    if (!file) return Fail(Status::IoError(path + ": write failed"));
    std::cout << "dashboard: " << path << "\n";
    return kExitOk;
  }

  Result<stats::Publication> publication = Status::Internal("no command");
  if (args.command == "cube") {
    publication = stats::PublishCube(input->offers, input->jobseekers, options);
  } else if (args.command == "tension") {
    publication = stats::PublishTension(input->offers, input->jobseekers, options);
  } else if (args.command == "durations") {
    publication = stats::PublishDurations(input->offers, input->jobseekers, options);
  } else {
    publication = stats::PublishSkills(input->offers, input->jobseekers, options);
  }
  if (!publication.ok()) {
    const std::string& message = publication.status().message();
    if (message.find("period lies within") != std::string::npos) {
      // The window comes from the data when not given: say what to change.
      return Fail(Status::InvalidArgument(
          message + " (give --by with a shorter period, or a wider --from/--to)"));
    }
    return Fail(publication.status());
  }
  for (const std::string& what : left_out) publication->notes.push_back(what);
  if (args.format == "json") {
    std::cout << stats::RenderJson(*publication).dump(2) << "\n";
  } else if (args.format == "csv") {
    stats::RenderCsv(*publication, std::cout);
  } else {
    std::cout << stats::RenderText(*publication);
  }
  std::cout.flush();
  if (!std::cout) return Fail(Status::IoError("stdout: write failed"));
  return kExitOk;
}

}  // namespace

void AddStatsCommands(CLI::App& app, int* exit_code) {
  CLI::App* stats_cmd = app.add_subcommand(
      "stats",
      "Labour-market statistics of a store: flows and stocks, tension, vacancy "
      "durations, skills in demand, the HTML dashboard (small counts suppressed)");
  stats_cmd->require_subcommand(1);
  const std::pair<const char*, const char*> commands[] = {
      {"cube", "Flows and stocks, tension ratio, outflow rate, geographic mismatch "
               "(default --by occupation,region,month)"},
      {"tension", "The composite tension index, levels 1 to 5 with the components "
                  "explaining them (default --by occupation,rolling12, last 12 months)"},
      {"durations", "Vacancy durations (Kaplan-Meier): median, share unfilled at 30, "
                    "60, 90 days (default --by occupation,quarter)"},
      {"skills", "Skills in demand beside skills held, the gap and its trend (default "
                 "--by occupation,quarter)"},
      {"dashboard", "A self-contained HTML page (French) with charts and tables: "
                    "DIR/dashboard.html"},
  };
  for (const auto& [name, help] : commands) {
    auto args = std::make_shared<StatsArgs>();
    args->command = name;
    CLI::App* cmd = stats_cmd->add_subcommand(name, help);
    cmd->add_option("--db", args->db, "Store")->required();
    cmd->add_option("--from", args->from,
                    std::string("First month, YYYY-MM (default: ") +
                        (args->command == "tension"     ? "12 months before --to"
                         : args->command == "dashboard" ? "24 months before --to, or the data's first"
                                                        : "the data's first") +
                        ")");
    cmd->add_option("--to", args->to, "Last month, YYYY-MM (default: the data's last)");
    if (args->command == "dashboard") {
      cmd->add_option("--out", args->out, "Folder to write dashboard.html in")->required();
    } else {
      cmd->add_option("--by", args->by,
                      "Breakdown: occupation|area|domain, region|country, "
                      "month|quarter|rolling12, comma-separated");
      cmd->add_option("--format", args->format, "table, csv or json")
          ->check(CLI::IsMember({"table", "csv", "json"}))
          ->capture_default_str();
    }
    if (args->command == "skills") {
      cmd->add_option("--top", args->top, "Skills per occupation and period")
          ->check(CLI::Range(1, 1000))
          ->capture_default_str();
    }
    cmd->callback([args, exit_code] { *exit_code = RunStats(*args); });
  }
}

}  // namespace skillmatch::cli
