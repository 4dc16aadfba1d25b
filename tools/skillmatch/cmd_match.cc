// skillmatch match: the best offers for a jobseeker, or the best jobseekers
// for an offer, from the store, each with its explanation.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

using engine::Explanation;
using engine::Hit;

struct MatchArgs {
  std::string db;
  std::string profile;
  std::string offer;
  int top = 10;
  bool explain = false;
  std::string format = "table";
  std::string config;
  std::string today;
  bool save = false;
  std::string notes;
};

std::string Percent(float value) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << 100 * value;
  return out.str();
}

void PrintExplanation(const Explanation& e, const classification::Taxonomy& tax,
                      std::ostream& out) {
  out << "       ";
  for (const auto& b : e.blocks) {
    out << engine::ToString(b.block) << " " << Percent(b.contribution) << "/"
        << Percent(b.weight) << (b.no_data ? " (no data)" : "")
        << (b.no_requirement ? " (not asked)" : "")
        << (b.inferred ? " (inferred from the occupation)" : "") << "  ";
  }
  out << "\n";
  if (!e.closest_occupation.empty()) {
    auto node = tax.FindNode(e.closest_occupation);
    out << "       occupation: " << e.closest_occupation << " "
        << (node != classification::kNoNode ? tax.node(node).label : "")
        << ", " << engine::ToString(e.proximity_reason) << " ("
        << std::setprecision(2) << e.proximity << ")\n";
  }
  auto names = [&](const std::vector<engine::SkillMatch>& list) {
    std::string text;
    for (const auto& s : list) {
      auto skill = tax.FindSkill(s.skill_id);
      if (!text.empty()) text += "; ";
      text += skill != classification::kNoSkill ? tax.SkillName(skill, tax.main_language())
                                                : s.skill_id;
      if (!s.via.empty()) text += " (via " + s.via + ")";
      if (s.inferred) text += " *";
    }
    return text;
  };
  const bool any_inferred = std::any_of(
      e.blocks.begin(), e.blocks.end(), [](const auto& b) { return b.inferred; });
  if (!e.matched.empty()) out << "       has: " << names(e.matched) << "\n";
  if (!e.partial.empty()) out << "       partly: " << names(e.partial) << "\n";
  if (!e.missing.empty()) out << "       missing: " << names(e.missing) << "\n";
  if (any_inferred) {
    out << "       * inferred from the occupation: the offer lists no skill of "
           "that kind\n";
  }
}

int RunMatch(const MatchArgs& args) {
  if (args.profile.empty() == args.offer.empty()) {
    return Fail(Status::InvalidArgument("give one of --profile ID or --offer ID"));
  }
  auto config = LoadScoringConfig(args.config, args.today);
  if (!config.ok()) return Fail(config.status());
  engine::StoreOptions options;
  options.create_if_missing = false;
  options.read_only = !args.save;
  auto store = engine::Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto tax = (*store)->ReadTaxonomy();
  if (!tax.ok()) return Fail(tax.status());
  auto scorer = engine::Scorer::Create(*tax, *config);
  if (!scorer.ok()) return Fail(scorer.status());

  nlohmann::ordered_json json_hits = nlohmann::ordered_json::array();
  std::vector<engine::MatchResult> shown;  // for --save
  auto keep = [&](const std::string& profile_id, const std::string& offer_id,
                  size_t rank, float score, const Explanation& e) {
    if (args.save) {
      shown.push_back({profile_id, offer_id, static_cast<int>(rank + 1), score,
                       e.ToJson().dump()});
    }
  };
  if (!args.profile.empty()) {
    auto profile = (*store)->GetProfile(args.profile);
    if (!profile.ok()) return Fail(profile.status());
    engine::OfferIndex::Builder builder(**scorer);
    Status read = (*store)->ForEachOffer([&](engine::Offer&& o) {
      builder.Add(o);
      return Status::Ok();
    });
    if (!read.ok()) return Fail(read);
    auto index = std::move(builder).Finish();
    std::vector<Hit> hits = index->TopK(*profile, args.top);
    if (args.format == "table") {
      std::cout << "Best offers for " << profile->id << " (" << hits.size()
                << " of " << index->size() << ")\n";
    }
    for (size_t rank = 0; rank < hits.size(); ++rank) {
      // The index keeps no records: read the few shown from the store.
      auto record = (*store)->GetOffer(index->id(hits[rank].index));
      if (!record.ok()) return Fail(record.status());
      const engine::Offer& o = *record;
      Explanation e = (*scorer)->Explain(*profile, o);
      keep(profile->id, o.id, rank, hits[rank].score, e);
      if (args.format == "json") {
        nlohmann::ordered_json j = {{"rank", rank + 1},
                                    {"offer", o.id},
                                    {"title", o.title},
                                    {"occupation", o.occupation},
                                    {"score", hits[rank].score}};
        if (args.explain) j["explanation"] = e.ToJson();
        json_hits.push_back(j);
      } else {
        std::cout << std::setw(3) << rank + 1 << ". " << o.id << "  "
                  << Percent(hits[rank].score) << "%  " << o.occupation << "  "
                  << o.title << "  (" << o.location.city << " " << o.location.country
                  << ")\n";
        if (args.explain) PrintExplanation(e, *tax, std::cout);
      }
    }
  } else {
    auto offer = (*store)->GetOffer(args.offer);
    if (!offer.ok()) return Fail(offer.status());
    std::vector<engine::Profile> profiles;
    Status read = (*store)->ForEachProfile([&](engine::Profile&& p) {
      profiles.push_back(std::move(p));
      return Status::Ok();
    });
    if (!read.ok()) return Fail(read);
    auto index = engine::ProfileIndex::Build(**scorer, std::move(profiles));
    std::vector<Hit> hits = index->TopK(*offer, args.top);
    if (args.format == "table") {
      std::cout << "Best jobseekers for " << offer->id << " " << offer->title << " ("
                << hits.size() << " of " << index->profiles().size() << ")\n";
    }
    for (size_t rank = 0; rank < hits.size(); ++rank) {
      const engine::Profile& p = index->profiles()[hits[rank].index];
      Explanation e = (*scorer)->Explain(p, *offer);
      keep(p.id, offer->id, rank, hits[rank].score, e);
      if (args.format == "json") {
        nlohmann::ordered_json j = {{"rank", rank + 1},
                                    {"profile", p.id},
                                    {"score", hits[rank].score}};
        if (args.explain) j["explanation"] = e.ToJson();
        json_hits.push_back(j);
      } else {
        std::cout << std::setw(3) << rank + 1 << ". " << p.id << "  "
                  << Percent(hits[rank].score) << "%  "
                  << (p.target_occupations.empty() ? "-" : p.target_occupations[0])
                  << "  (" << p.location.city << " " << p.location.country << ")\n";
        if (args.explain) PrintExplanation(e, *tax, std::cout);
      }
    }
  }
  if (args.format == "json") std::cout << json_hits.dump(2) << "\n";
  if (args.save) {
    // The run and its list in one transaction: a run is never half saved.
    engine::MatchRun run;
    run.kind = args.profile.empty() ? engine::kRunOfferToProfiles
                                    : engine::kRunProfileToOffers;
    // The scorer's config: with the day it used, when --today was not given.
    run.config = (*scorer)->config().ToJson().dump();
    run.notes = args.notes;
    int64_t run_id = 0;
    Status saved = (*store)->InTransaction([&]() -> Status {
      SKILLMATCH_ASSIGN_OR_RETURN(id, (*store)->BeginMatchRun(run));
      run_id = id;
      return (*store)->AddMatchResults(id, shown);
    });
    if (!saved.ok()) return Fail(saved);
    std::cerr << "saved as match run " << run_id << " (skillmatch runs show --db "
              << args.db << " --run " << run_id << ")\n";
  }
  return kExitOk;
}

}  // namespace

void AddMatchCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<MatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "match",
      "Best offers for a jobseeker (--profile) or best jobseekers for an offer "
      "(--offer), from the store, with --explain for the reasons");
  cmd->add_option("--db", args->db, "Store (skillmatch db init)")->required();
  cmd->add_option("--profile", args->profile, "Jobseeker id");
  cmd->add_option("--offer", args->offer, "Offer id");
  cmd->add_option("--top", args->top)->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->add_flag("--explain", args->explain,
                "Per block contributions, occupation proximity, matched and "
                "missing skills");
  cmd->add_option("--format", args->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_option("--config", args->config, "Scoring weights and filters (JSON)");
  cmd->add_option("--today", args->today,
                  "Day of the expiry filter and of community membership, YYYY-MM-DD "
                  "(default: today's date, UTC)");
  cmd->add_flag("--save", args->save,
                "Keep the list and its explanations in the store as a match run");
  cmd->add_option("--notes", args->notes,
                  "Free text kept with a saved run (UTF-8)")
      ->check(Utf8Text());
  cmd->callback([args, exit_code] { *exit_code = RunMatch(*args); });
}

}  // namespace skillmatch::cli
