// skillmatch export --pseudonymised: jobseekers for statisticians, without
// what identifies a person. Each row is one jobseeker:
//   pid: BLAKE2b of the id keyed with a key drawn for this export and then
//        forgotten, so two exports cannot be joined, nor a pid traced back;
//   agency, country, region (never the town or coordinates);
//   age_band, gender (as recorded for the fairness audit);
//   occupation (first target), education_level, experience_band, skills
//   (a count); no free text at all.
// Rows whose (agency, country, region, age_band, gender, occupation) group
// holds fewer than --min-count jobseekers (5) have those fields but agency
// and country written "*" (suppressed). Rows are sorted by pid, which is
// random, so their order says nothing of the ids.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>

#include "auth.h"
#include "cli.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

struct ExportArgs {
  std::string db;
  std::string out = "-";
  bool pseudonymised = false;
  int min_count = 5;
};

std::string ExperienceBand(const std::optional<double>& years) {
  if (!years) return "";
  if (*years < 2) return "0-1";
  if (*years < 5) return "2-4";
  if (*years < 10) return "5-9";
  return "10+";
}

int RunExport(const ExportArgs& args) {
  if (!args.pseudonymised) {
    return Fail(Status::InvalidArgument(
        "only --pseudonymised exports exist (personal data never leaves the "
        "store otherwise)"));
  }
  if (!server::InitCrypto()) return Fail(Status::Internal("libsodium cannot start"));
  engine::StoreOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  auto store = engine::Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto agencies = (*store)->CountByAgency(engine::AgencyRecord::kProfile);
  if (!agencies.ok()) return Fail(agencies.status());
  const std::string key = server::RandomKey();
  std::vector<std::vector<std::string>> rows;
  for (const engine::TableCount& agency : *agencies) {
    Status read = (*store)->ForEachAgencyProfile(agency.table, [&](engine::Profile&& p) {
      rows.push_back({server::KeyedHashHex(key, p.id), agency.table, p.location.country,
                      p.location.region, p.protected_attributes.age_band,
                      p.protected_attributes.gender,
                      p.target_occupations.empty() ? "" : p.target_occupations[0],
                      p.education_level ? std::to_string(*p.education_level) : "",
                      ExperienceBand(p.experience_years),
                      std::to_string(p.skills.size())});
      return Status::Ok();
    });
    if (!read.ok()) return Fail(read);
  }
  auto group = [](const std::vector<std::string>& row) {
    return row[1] + '\x1f' + row[2] + '\x1f' + row[3] + '\x1f' + row[4] + '\x1f' + row[5] +
           '\x1f' + row[6];
  };
  std::map<std::string, int> sizes;
  for (const auto& row : rows) ++sizes[group(row)];
  int suppressed = 0;
  for (auto& row : rows) {
    if (sizes[group(row)] < args.min_count) {
      for (int field : {3, 4, 5, 6}) row[field] = "*";
      ++suppressed;
    }
  }
  std::sort(rows.begin(), rows.end());
  std::ofstream file;
  if (args.out != "-") {
    file.open(args.out, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(Status::IoError(args.out + ": cannot write"));
  }
  std::ostream& out = args.out == "-" ? std::cout : file;
  csv::WriteRow(out, {"pid", "agency", "country", "region", "age_band", "gender",
                      "occupation", "education_level", "experience_band", "skills"});
  for (const auto& row : rows) csv::WriteRow(out, row);
  out.flush();
  if (!out) return Fail(Status::IoError(args.out + ": write failed"));
  std::cerr << "exported " << rows.size() << " jobseekers, " << suppressed
            << " in groups under " << args.min_count << " suppressed\n";
  return kExitOk;
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Jobseekers for statisticians: --pseudonymised (keyed-hash ids with "
                "a new key per export, regions, bands, no free text, small groups "
                "suppressed), CSV");
  cmd->add_option("--db", args->db, "Store")->required();
  cmd->add_flag("--pseudonymised", args->pseudonymised, "Required: the only kind of export");
  cmd->add_option("--out", args->out, "CSV file, - for stdout")->capture_default_str();
  cmd->add_option("--min-count", args->min_count,
                  "Smallest group shown; smaller ones are suppressed")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunExport(*args); });
}

}  // namespace skillmatch::cli
