// skillmatch taxonomy info|show|search|validate|export|import
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/importers.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::cli {

namespace {

using classification::LabelKind;
using classification::MatchType;
using classification::MobilityKind;
using classification::NodeIndex;
using classification::SkillKind;
using classification::SkillRelation;
using classification::Taxonomy;
using nlohmann::ordered_json;

// Counts of what a taxonomy holds, in a stable order for display.
ordered_json Summary(const Taxonomy& tax) {
  ordered_json out;
  const auto& info = tax.info();
  out["name"] = info.name;
  out["version"] = info.version;
  out["languages"] = info.languages;
  out["source"] = info.source;
  out["licence"] = info.licence;
  // Levels ordered by depth, then by first appearance.
  std::vector<std::pair<int, std::string>> level_order;
  std::map<std::string, size_t> level_counts;
  for (const auto& node : tax.nodes()) {
    if (level_counts[node.level]++ == 0) {
      level_order.emplace_back(node.depth, node.level);
    }
  }
  std::stable_sort(level_order.begin(), level_order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ordered_json levels = ordered_json::object();
  for (const auto& [depth, level] : level_order) {
    levels[level] = level_counts[level];
  }
  out["nodes"] = tax.node_count();
  out["levels"] = levels;
  out["labels"] = {
      {"preferred", tax.CountLabels(LabelKind::kPreferred)},
      {"alternative", tax.CountLabels(LabelKind::kAlternative)},
      {"appellation", tax.CountLabels(LabelKind::kAppellation)}};
  size_t alternative_skill_labels = 0;
  for (const auto& skill : tax.skills()) {
    for (const auto& label : skill.labels) alternative_skill_labels += !label.preferred;
  }
  out["skills"] = {{"technical", tax.CountSkills(SkillKind::kTechnical)},
                   {"knowledge", tax.CountSkills(SkillKind::kKnowledge)},
                   {"soft", tax.CountSkills(SkillKind::kSoft)},
                   {"alternative_labels", alternative_skill_labels}};
  size_t essential = 0, optional = 0, core = 0;
  for (const auto& link : tax.occupation_skills()) {
    (link.relation == SkillRelation::kEssential ? essential : optional)++;
    core += link.core;
  }
  out["occupation_skills"] = {
      {"essential", essential}, {"optional", optional}, {"core", core}};
  size_t close = 0, evolution = 0;
  for (const auto& link : tax.mobility()) {
    (link.kind == MobilityKind::kClose ? close : evolution)++;
  }
  out["mobility"] = {{"close", close}, {"evolution", evolution}};
  ordered_json crosswalk = ordered_json::object();
  for (const std::string& system : tax.CrosswalkSystems()) crosswalk[system] = 0;
  for (const auto& entry : tax.crosswalk()) {
    crosswalk[entry.system] = crosswalk[entry.system].get<size_t>() + 1;
  }
  out["crosswalk"] = crosswalk;
  return out;
}

std::string JoinCounts(const ordered_json& object) {
  std::string out;
  for (const auto& [key, value] : object.items()) {
    if (!out.empty()) out += ", ";
    out += key + " " + value.dump();
  }
  return out.empty() ? "none" : out;
}

void PrintSummaryTable(const ordered_json& s, std::ostream& out) {
  std::string langs;
  for (const auto& l : s["languages"]) {
    langs += (langs.empty() ? "" : ", ") + l.get<std::string>();
  }
  out << "bundle      " << s["name"].get<std::string>() << " "
      << s["version"].get<std::string>() << " (" << langs << ")\n";
  if (!s["source"].get<std::string>().empty()) {
    out << "source      " << s["source"].get<std::string>() << "\n";
  }
  if (!s["licence"].get<std::string>().empty()) {
    out << "licence     " << s["licence"].get<std::string>() << "\n";
  }
  out << "nodes       " << s["nodes"] << ": " << JoinCounts(s["levels"]) << "\n";
  out << "labels      " << JoinCounts(s["labels"]) << "\n";
  out << "skills      " << JoinCounts(s["skills"]) << "\n";
  out << "occ-skills  " << JoinCounts(s["occupation_skills"]) << "\n";
  out << "mobility    " << JoinCounts(s["mobility"]) << "\n";
  out << "crosswalk   " << JoinCounts(s["crosswalk"]) << "\n";
}

ordered_json NodeJson(const Taxonomy& tax, NodeIndex index,
                      const std::string& lang) {
  const auto& node = tax.node(index);
  ordered_json out;
  out["code"] = node.code;
  out["level"] = node.level;
  out["label"] = tax.NodeLabel(index, lang);
  ordered_json ancestors = ordered_json::array();
  for (NodeIndex a : tax.Ancestors(index)) {
    ancestors.push_back({{"code", tax.node(a).code},
                         {"level", tax.node(a).level},
                         {"label", tax.NodeLabel(a, lang)}});
  }
  out["ancestors"] = ancestors;
  ordered_json children = ordered_json::array();
  for (NodeIndex c : node.children) {
    children.push_back({{"code", tax.node(c).code},
                        {"label", tax.NodeLabel(c, lang)}});
  }
  out["children"] = children;
  ordered_json labels = ordered_json::array();
  for (const auto& label : node.labels) {
    labels.push_back({{"lang", label.lang},
                      {"kind", classification::ToString(label.kind)},
                      {"label", label.text}});
  }
  out["labels"] = labels;
  ordered_json skills = ordered_json::array();
  for (const auto& link : tax.SkillsOf(index)) {
    const auto& skill = tax.skill(link.skill);
    ordered_json s = {{"skill_id", skill.id},
                      {"kind", classification::ToString(skill.kind)},
                      {"label", tax.SkillName(link.skill, lang)},
                      {"relation", classification::ToString(link.relation)},
                      {"weight", link.EffectiveWeight()},
                      {"core", link.core}};
    skills.push_back(s);
  }
  out["skills"] = skills;
  ordered_json mobility = ordered_json::array();
  for (const auto& link : tax.MobilityFrom(index)) {
    mobility.push_back({{"code", tax.node(link.to).code},
                        {"label", tax.NodeLabel(link.to, lang)},
                        {"kind", classification::ToString(link.kind)},
                        {"rank", link.rank}});
  }
  out["mobility"] = mobility;
  ordered_json crosswalk = ordered_json::array();
  for (const auto& e : tax.CrosswalkFrom(index)) {
    crosswalk.push_back({{"system", e.system},
                         {"external_code", e.external_code},
                         {"match", classification::ToString(e.match)},
                         {"external_label", e.external_label}});
  }
  out["crosswalk"] = crosswalk;
  return out;
}

void PrintNodeTable(const ordered_json& n, std::ostream& out) {
  out << n["code"].get<std::string>() << "  " << n["label"].get<std::string>()
      << "  [" << n["level"].get<std::string>() << "]\n";
  for (const auto& a : n["ancestors"]) {
    out << "  in " << a["level"].get<std::string>() << " "
        << a["code"].get<std::string>() << "  " << a["label"].get<std::string>()
        << "\n";
  }
  if (!n["children"].empty()) {
    out << "children (" << n["children"].size() << ")\n";
    for (const auto& c : n["children"]) {
      out << "  " << c["code"].get<std::string>() << "  "
          << c["label"].get<std::string>() << "\n";
    }
  }
  if (!n["labels"].empty()) {
    out << "labels (" << n["labels"].size() << ")\n";
    for (const auto& l : n["labels"]) {
      out << "  " << l["lang"].get<std::string>() << "  "
          << l["kind"].get<std::string>() << "  " << l["label"].get<std::string>()
          << "\n";
    }
  }
  if (!n["skills"].empty()) {
    out << "skills (" << n["skills"].size() << ")\n";
    for (const auto& s : n["skills"]) {
      out << "  " << s["skill_id"].get<std::string>() << "  "
          << s["relation"].get<std::string>()
          << (s["core"].get<bool>() ? " core" : "") << "  "
          << s["kind"].get<std::string>() << "  " << s["label"].get<std::string>()
          << "\n";
    }
  }
  if (!n["mobility"].empty()) {
    out << "mobility (" << n["mobility"].size() << ")\n";
    for (const auto& m : n["mobility"]) {
      int rank = m["rank"].get<int>();
      out << "  " << m["kind"].get<std::string>()
          << (rank > 0 ? " #" + std::to_string(rank) : std::string()) << "  "
          << m["code"].get<std::string>() << "  " << m["label"].get<std::string>()
          << "\n";
    }
  }
  if (!n["crosswalk"].empty()) {
    out << "crosswalk (" << n["crosswalk"].size() << ")\n";
    for (const auto& e : n["crosswalk"]) {
      out << "  " << e["system"].get<std::string>() << "  "
          << e["match"].get<std::string>() << "  "
          << e["external_code"].get<std::string>() << "  "
          << e["external_label"].get<std::string>() << "\n";
    }
  }
}

Status WriteReport(const std::string& path,
                   const std::vector<std::string>& problems) {
  std::ofstream out(path);
  if (!out) return Status::IoError(path + ": cannot write report");
  for (const std::string& p : problems) out << p << "\n";
  if (!out) return Status::IoError(path + ": write failed");
  return Status::Ok();
}

struct CommonOptions {
  std::string taxonomy = DefaultTaxonomyPath();
  bool lenient = false;
  std::string format = "table";
};

void AddTaxonomyOption(CLI::App* cmd, CommonOptions* opts) {
  cmd->add_option("--taxonomy", opts->taxonomy,
                  "Taxonomy bundle folder (default: $SKILLMATCH_TAXONOMY or "
                  "the embedded sample)")
      ->capture_default_str();
  cmd->add_flag("--lenient", opts->lenient,
                "Skip bad rows with a warning instead of stopping");
}

}  // namespace

void AddTaxonomyCommand(CLI::App& app, int* exit_code) {
  CLI::App* taxonomy = app.add_subcommand(
      "taxonomy", "Inspect, validate, import and export taxonomy bundles");
  taxonomy->require_subcommand(1);

  // info
  {
    auto opts = std::make_shared<CommonOptions>();
    CLI::App* cmd = taxonomy->add_subcommand("info", "What a bundle holds");
    AddTaxonomyOption(cmd, opts.get());
    cmd->add_option("--format", opts->format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    cmd->callback([opts, exit_code] {
      auto tax = LoadTaxonomy(opts->taxonomy, opts->lenient);
      if (!tax.ok()) {
        *exit_code = Fail(tax.status());
        return;
      }
      ordered_json summary = Summary(*tax);
      if (opts->format == "json") {
        std::cout << summary.dump(2) << "\n";
      } else {
        PrintSummaryTable(summary, std::cout);
      }
    });
  }

  // show
  {
    auto opts = std::make_shared<CommonOptions>();
    auto code = std::make_shared<std::string>();
    auto lang = std::make_shared<std::string>();
    CLI::App* cmd = taxonomy->add_subcommand(
        "show", "One node: ancestors, children, labels, skills, mobility");
    cmd->add_option("code", *code, "Node code, e.g. M1805")->required();
    AddTaxonomyOption(cmd, opts.get());
    cmd->add_option("--lang", *lang, "Label language (default: main)");
    cmd->add_option("--format", opts->format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    cmd->callback([opts, code, lang, exit_code] {
      auto tax = LoadTaxonomy(opts->taxonomy, opts->lenient);
      if (!tax.ok()) {
        *exit_code = Fail(tax.status());
        return;
      }
      NodeIndex index = tax->FindNode(*code);
      if (index == classification::kNoNode) {
        *exit_code = Fail(Status::NotFound("no node with code " + text::Quoted(*code) +
                                           " in " + opts->taxonomy));
        return;
      }
      ordered_json node =
          NodeJson(*tax, index, lang->empty() ? tax->main_language() : *lang);
      if (opts->format == "json") {
        std::cout << node.dump(2) << "\n";
      } else {
        PrintNodeTable(node, std::cout);
      }
    });
  }

  // search
  {
    auto opts = std::make_shared<CommonOptions>();
    auto query = std::make_shared<std::string>();
    auto top = std::make_shared<int>(20);
    CLI::App* cmd = taxonomy->add_subcommand(
        "search",
        "Nodes whose labels contain every word of TEXT (accents and case "
        "ignored)");
    cmd->add_option("text", *query, "Words to look for")->required();
    AddTaxonomyOption(cmd, opts.get());
    cmd->add_option("--top", *top, "At most this many results")
        ->check(CLI::PositiveNumber);
    cmd->callback([opts, query, top, exit_code] {
      auto tax = LoadTaxonomy(opts->taxonomy, opts->lenient);
      if (!tax.ok()) {
        *exit_code = Fail(tax.status());
        return;
      }
      std::vector<std::string> words;
      {
        std::string folded = text::Fold(*query);
        std::string word;
        for (char c : folded + " ") {
          if (c == ' ' || c == '\t') {
            if (!word.empty()) words.push_back(word);
            word.clear();
          } else {
            word.push_back(c);
          }
        }
      }
      if (words.empty()) {
        *exit_code = Fail(Status::InvalidArgument("empty search text"));
        return;
      }
      auto matches = [&](const std::string& label) {
        std::string folded = text::Fold(label);
        return std::all_of(words.begin(), words.end(), [&](const auto& w) {
          return folded.find(w) != std::string::npos;
        });
      };
      int shown = 0;
      for (size_t node_idx = 0; node_idx < tax->node_count() && shown < *top;
           ++node_idx) {
        const auto& node = tax->node(node_idx);
        const std::string* hit = matches(node.label) ? &node.label : nullptr;
        for (const auto& label : node.labels) {
          if (hit) break;
          if (matches(label.text)) hit = &label.text;
        }
        if (!hit) continue;
        std::cout << node.code << "\t" << node.label;
        if (*hit != node.label) std::cout << "\t(" << *hit << ")";
        std::cout << "\n";
        ++shown;
      }
    });
  }

  // validate
  {
    auto opts = std::make_shared<CommonOptions>();
    auto report = std::make_shared<std::string>();
    CLI::App* cmd = taxonomy->add_subcommand(
        "validate",
        "Check a bundle; strict stops at the first problem, --lenient lists "
        "them all");
    AddTaxonomyOption(cmd, opts.get());
    cmd->add_option("--report", *report,
                    "With --lenient: write every problem to this file");
    cmd->callback([opts, report, exit_code] {
      std::vector<std::string> problems;
      auto tax = LoadTaxonomy(opts->taxonomy, opts->lenient, &problems);
      if (!report->empty()) {
        Status written = WriteReport(*report, problems);
        if (!written.ok()) {
          *exit_code = Fail(written);
          return;
        }
      }
      if (!tax.ok()) {
        *exit_code = Fail(tax.status());
        return;
      }
      if (!problems.empty()) {
        std::cout << opts->taxonomy << ": " << problems.size()
                  << " problem(s)\n";
        *exit_code = kExitDataErr;
        return;
      }
      std::cout << opts->taxonomy << ": valid (" << tax->node_count()
                << " nodes, " << tax->occupations().size() << " occupations, "
                << tax->skill_count() << " skills)\n";
    });
  }

  // export
  {
    auto opts = std::make_shared<CommonOptions>();
    auto out_dir = std::make_shared<std::string>();
    CLI::App* cmd = taxonomy->add_subcommand(
        "export",
        "Write the bundle again in canonical form (with --lenient: without "
        "its bad rows)");
    AddTaxonomyOption(cmd, opts.get());
    cmd->add_option("--out", *out_dir, "Output bundle folder")->required();
    cmd->callback([opts, out_dir, exit_code] {
      auto tax = LoadTaxonomy(opts->taxonomy, opts->lenient);
      if (!tax.ok()) {
        *exit_code = Fail(tax.status());
        return;
      }
      Status written = classification::WriteBundle(*tax, *out_dir);
      if (!written.ok()) {
        *exit_code = Fail(written);
        return;
      }
      spdlog::info("wrote {} ({} nodes)", *out_dir, tax->node_count());
    });
  }

  // import
  {
    struct ImportArgs {
      std::string from;
      std::vector<std::string> paths;
      std::string out;
      std::string crosswalk;
      std::vector<std::string> esco_labels;
      std::string report;
      bool lenient = false;
    };
    auto args = std::make_shared<ImportArgs>();
    CLI::App* cmd = taxonomy->add_subcommand(
        "import", "Turn a published classification into a bundle");
    cmd->add_option("--from", args->from, "Source kind")
        ->required()
        ->check(CLI::IsMember({"rome-v3", "rome-v4", "esco", "bundle"}));
    cmd->add_option("paths", args->paths,
                    "Source folder(s); for esco: the English folder, then "
                    "optionally the French label folders")
        ->required();
    cmd->add_option("--out", args->out, "Output bundle folder")->required();
    cmd->add_option("--crosswalk", args->crosswalk,
                    "ESCO-ROME mapping CSV to attach to a ROME import");
    cmd->add_option("--esco-labels", args->esco_labels,
                    "With --crosswalk, for a ROME import: ESCO folder(s) whose "
                    "occupation labels (occupations_en.csv, occupations_fr.csv) "
                    "become job titles of the fiches the crosswalk links them to")
        ->expected(1, -1);
    cmd->add_option("--report", args->report,
                    "With --lenient: write every skipped row to this file");
    cmd->add_flag("--lenient", args->lenient,
                  "Skip bad rows with a warning instead of stopping");
    cmd->callback([args, exit_code] {
      std::vector<std::string> problems;
      class Collect : public classification::Reporter {
       public:
        explicit Collect(std::vector<std::string>* sink) : sink_(sink) {}
        void Problem(const Status& p) override {
          spdlog::warn("{}", p.message());
          sink_->push_back(p.message());
        }

       private:
        std::vector<std::string>* sink_;
      } reporter(&problems);
      classification::ImportOptions options;
      if (args->lenient) options.reporter = &reporter;
      options.esco_rome_crosswalk = args->crosswalk;
      options.esco_label_dirs = args->esco_labels;
      if (!args->esco_labels.empty() && args->from != "rome-v3" &&
          args->from != "rome-v4") {
        *exit_code = Fail(Status::InvalidArgument(
            "--esco-labels goes with --from rome-v3 or rome-v4"));
        return;
      }
      auto one_path = [&]() -> Status {
        if (args->paths.size() != 1) {
          return Status::InvalidArgument("--from " + args->from +
                                         " takes one folder");
        }
        return Status::Ok();
      };
      Result<Taxonomy> tax = Status::Internal("unknown source kind");
      if (args->from == "esco") {
        classification::EscoSources sources;
        // Tell the folders apart by the files they hold.
        for (const std::string& path : args->paths) {
          namespace fs = std::filesystem;
          if (fs::exists(fs::path(path) / "occupations_en.csv")) {
            sources.en_dir = path;
          } else if (fs::exists(fs::path(path) / "occupations_fr.csv")) {
            sources.fr_dir = path;
          } else if (fs::exists(fs::path(path) / "skills_fr.csv")) {
            sources.fr_skills_dir = path;
          } else {
            *exit_code = Fail(Status::NotFound(
                path + ": not an ESCO folder (no occupations_en.csv, "
                       "occupations_fr.csv or skills_fr.csv)"));
            return;
          }
        }
        if (sources.en_dir.empty()) {
          *exit_code = Fail(Status::InvalidArgument(
              "--from esco needs the folder with occupations_en.csv"));
          return;
        }
        tax = classification::ImportEsco(sources, options);
      } else {
        Status usage = one_path();
        if (!usage.ok()) {
          *exit_code = Fail(usage);
          return;
        }
        if (args->from == "rome-v3") {
          tax = classification::ImportRomeV3(args->paths[0], options);
        } else if (args->from == "rome-v4") {
          tax = classification::ImportRomeV4(args->paths[0], options);
        } else {
          classification::BundleReadOptions read_options;
          if (args->lenient) read_options.reporter = &reporter;
          tax = classification::ReadBundle(args->paths[0], read_options);
        }
      }
      if (!args->report.empty()) {
        Status written = WriteReport(args->report, problems);
        if (!written.ok()) {
          *exit_code = Fail(written);
          return;
        }
      }
      if (!tax.ok()) {
        *exit_code = Fail(tax.status());
        return;
      }
      Status written = classification::WriteBundle(*tax, args->out);
      if (!written.ok()) {
        *exit_code = Fail(written);
        return;
      }
      ordered_json summary = Summary(*tax);
      PrintSummaryTable(summary, std::cout);
      if (!problems.empty()) {
        spdlog::warn("{} row(s) skipped", problems.size());
      }
      spdlog::info("wrote {}", args->out);
    });
  }
}

}  // namespace skillmatch::cli
