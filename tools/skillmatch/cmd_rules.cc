// skillmatch rules build|validate|show: the migration rule pack
// (engine/mobility/README.md, "Rule pack").
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <tuple>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "skillmatch/mobility/rule_pack.h"
#include "skillmatch/model/date.h"

namespace skillmatch::cli {

std::string DefaultRulePackPath() {
  const char* env = std::getenv("SKILLMATCH_RULES");
  if (env != nullptr && *env != '\0') return env;
  return SKILLMATCH_DEFAULT_RULES;
}

namespace {

struct RulesArgs {
  std::string from;
  std::string taxonomy;
  std::string out;
  std::string confirmed;
  std::string regulated;
  std::string destinations;
  std::string today;
  std::string pack;
  std::string destination;
  std::string occupation;
  std::string nationality;
  std::string format = "table";
  float min_confidence = 0.8f;
};

int RunBuild(const RulesArgs& args) {
  std::string today = args.today.empty() ? engine::Date::Today().ToString() : args.today;
  if (!engine::Date::Parse(today))
    return Fail(Status::InvalidArgument("--today: expected a date YYYY-MM-DD, got '" +
                                        args.today + "'"));
  auto tax = LoadTaxonomy(args.taxonomy.empty() ? DefaultTaxonomyPath() : args.taxonomy, false);
  if (!tax.ok()) return Fail(tax.status());
  mobility::BuildOptions options;
  options.built_on = today;
  options.confirmed = args.confirmed;
  options.regulated = args.regulated;
  options.destinations = args.destinations;
  options.min_confidence = args.min_confidence;
  auto pack = mobility::BuildRulePack(args.from, *tax, options);
  if (!pack.ok()) return Fail(pack.status());
  Status written = mobility::WriteRulePack(*pack, args.out);
  if (!written.ok()) return Fail(written);
  std::map<std::string, int> by_mapping;
  for (const auto& r : pack->rules) by_mapping[r.mapping] += 1;
  std::cerr << "rule pack " << args.out << ": " << pack->rules.size() << " rules ("
            << by_mapping["person"] << " confirmed by a person, " << by_mapping["coder"]
            << " coded, " << by_mapping["review"] << " awaiting review in review.csv), "
            << pack->info.gaps.size() << " known gaps\n";
  return kExitOk;
}

int RunValidate(const RulesArgs& args) {
  const std::string dir = args.pack.empty() ? DefaultRulePackPath() : args.pack;
  std::optional<classification::Taxonomy> tax;
  if (!args.taxonomy.empty()) {
    auto loaded = LoadTaxonomy(args.taxonomy, false);
    if (!loaded.ok()) return Fail(loaded.status());
    tax = std::move(*loaded);
  }
  std::vector<std::string> problems =
      mobility::ValidateRulePack(dir, tax ? &*tax : nullptr);
  for (const std::string& problem : problems) std::cerr << problem << "\n";
  if (!problems.empty()) {
    // A missing pack is 66, a bad one 65.
    auto read = mobility::ReadRulePack(dir, tax ? &*tax : nullptr);
    std::cerr << "skillmatch: " << dir << ": " << problems.size() << " problem(s)\n";
    return read.ok() ? kExitDataErr : ExitFor(read.status());
  }
  auto pack = mobility::ReadRulePack(dir, tax ? &*tax : nullptr);
  if (!pack.ok()) return Fail(pack.status());
  std::cout << dir << ": valid, " << pack->rules.size() << " rules, "
            << pack->destinations.size() << " destinations, " << pack->review.size()
            << " mappings awaiting review, " << pack->info.gaps.size() << " known gaps\n";
  return kExitOk;
}

int RunShow(const RulesArgs& args) {
  const std::string dir = args.pack.empty() ? DefaultRulePackPath() : args.pack;
  auto pack = mobility::ReadRulePack(dir);
  if (!pack.ok()) return Fail(pack.status());
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  // Grouped by destination, then nationality, then occupation.
  std::vector<const mobility::Rule*> rules;
  for (const auto& r : pack->rules) {
    if (!args.destination.empty() && r.destination != args.destination) continue;
    if (!args.nationality.empty() && !r.nationality.empty() && r.nationality != args.nationality)
      continue;
    if (!args.occupation.empty() && r.occupation != args.occupation && r.isco08 != args.occupation)
      continue;
    rules.push_back(&r);
  }
  std::stable_sort(rules.begin(), rules.end(), [](const auto* x, const auto* y) {
    return std::tie(x->destination, x->nationality, x->occupation) <
           std::tie(y->destination, y->nationality, y->occupation);
  });
  if (args.format == "json") {
    for (const auto* r : rules) {
      out.push_back({{"id", r->id},
                     {"destination", r->destination},
                     {"nationality", r->nationality},
                     {"route", r->route},
                     {"label", r->label},
                     {"occupation", r->occupation},
                     {"isco08", r->isco08},
                     {"mapping", r->mapping},
                     {"valid_from", r->valid_from},
                     {"valid_to", r->valid_to},
                     {"regulated", r->regulated},
                     {"source", r->source},
                     {"source_url", r->source_url}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Rule pack " << pack->info.name << " " << pack->info.version << " (taxonomy "
            << pack->info.taxonomy << "), " << rules.size() << " of " << pack->rules.size()
            << " rules\n";
  std::string group;
  for (const auto* r : rules) {
    std::string g = r->destination + " for " + (r->nationality.empty() ? "all" : r->nationality) +
                    " nationals";
    if (g != group) {
      std::cout << "\n" << g << "\n";
      group = g;
    }
    std::cout << "  " << (r->occupation.empty() ? "(review)" : r->occupation) << "  "
              << (r->isco08.empty() ? "----" : r->isco08) << "  " << r->route << "  "
              << r->label << "  [" << r->mapping << ", from " << r->valid_from
              << (r->valid_to.empty() ? "" : " to " + r->valid_to) << ", " << r->id << "]\n";
  }
  for (const auto& gap : pack->info.gaps) {
    if (!args.destination.empty() && gap.destination != args.destination) continue;
    std::cout << "gap " << gap.destination << (gap.nationality.empty() ? "" : "/" + gap.nationality)
              << ": " << gap.what << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddRulesCommands(CLI::App& app, int* exit_code) {
  CLI::App* rules = app.add_subcommand(
      "rules", "Migration rule packs: build from published lists, validate, show");
  rules->require_subcommand(1);
  auto args = std::make_shared<RulesArgs>();

  CLI::App* build = rules->add_subcommand(
      "build", "Build a rule pack from published occupation lists "
               "(../shared/data/migration-rules)");
  build->add_option("--from", args->from, "Folder of published lists")->required();
  build->add_option("--taxonomy", args->taxonomy, "Taxonomy bundle (default: the embedded sample)");
  build->add_option("--out", args->out, "Pack folder to write")->required();
  build->add_option("--confirmed", args->confirmed,
                    "Mappings confirmed by a person: CSV destination,label,code");
  build->add_option("--regulated", args->regulated,
                    "Regulated professions: CSV destination,isco08,profession,diploma,source");
  build->add_option("--destinations", args->destinations,
                    "Language expected per destination: CSV country,language,min_level,note,source");
  build->add_option("--min-confidence", args->min_confidence,
                    "Coder confidence below which a label goes to review")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  build->add_option("--today", args->today, "Build date, YYYY-MM-DD (default: today, UTC)");
  build->callback([args, exit_code] { *exit_code = RunBuild(*args); });

  CLI::App* validate = rules->add_subcommand(
      "validate", "Check a rule pack; every problem with file, line and field");
  validate->add_option("--pack", args->pack, "Pack folder (default: $SKILLMATCH_RULES or the embedded pack)");
  validate->add_option("--taxonomy", args->taxonomy,
                       "Also check that codes are occupations of this taxonomy");
  validate->callback([args, exit_code] { *exit_code = RunValidate(*args); });

  CLI::App* show = rules->add_subcommand("show", "Rules per destination and occupation");
  show->add_option("--pack", args->pack, "Pack folder (default: $SKILLMATCH_RULES or the embedded pack)");
  show->add_option("--country", args->destination, "Destination (ISO code)");
  show->add_option("--nationality", args->nationality, "Nationality (ISO code)");
  show->add_option("--occupation", args->occupation, "Occupation code or ISCO-08 group");
  show->add_option("--format", args->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  show->callback([args, exit_code] { *exit_code = RunShow(*args); });
}

}  // namespace skillmatch::cli
