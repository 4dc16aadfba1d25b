// skillmatch retention: anonymises the jobseekers inactive for a period.
// A jobseeker is inactive when its record was last written before the
// cut-off (today minus --inactive-days) and no decision names it since.
// Anonymising one: a new opaque id ("ANON-" and 16 random hex digits; the
// old id is the PES's file number, which names the person elsewhere) moved
// through its decisions and match results; town, coordinates, the
// education field (free text), economic communities, availability date and
// the protected attributes cleared; its notes, next actions and
// counsellor assignment erased. Kept: occupations, skills, languages,
// education level, experience, country and region, so that statistics and
// the evaluation still count it. One transaction; each one audited
// ("jobseeker.anonymise", under the new id only).
#include <chrono>
#include <ctime>
#include <iostream>
#include <sstream>

#include "audit.h"
#include "auth.h"
#include "cli.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

struct RetentionArgs {
  std::string db;
  int inactive_days = 0;
  std::string today;
  bool dry_run = false;
};

// "YYYY-MM-DD" as days since 1970; nullopt if malformed.
std::optional<std::chrono::sys_days> ParseDay(const std::string& text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  char dash1 = 0;
  char dash2 = 0;
  std::istringstream in(text);
  in >> y >> dash1 >> m >> dash2 >> d;
  if (!in || dash1 != '-' || dash2 != '-' || text.size() != 10) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                  std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

std::string Day(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd(day);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

void Anonymise(engine::Profile& p) {
  p.location.city.clear();
  p.location.lat.reset();
  p.location.lon.reset();
  p.education_field.clear();
  p.mobility.communities.clear();
  p.available_from.reset();
  p.protected_attributes = {};
}

int RunRetention(const RetentionArgs& args) {
  std::chrono::sys_days today =
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  if (!args.today.empty()) {
    auto parsed = ParseDay(args.today);
    if (!parsed) {
      return Fail(Status::InvalidArgument("--today: expected YYYY-MM-DD, got '" +
                                          args.today + "'"));
    }
    today = *parsed;
  }
  const std::string cutoff = Day(today - std::chrono::days(args.inactive_days));
  if (!server::InitCrypto()) return Fail(Status::Internal("libsodium cannot start"));
  engine::StoreOptions options;
  options.create_if_missing = false;
  auto store = engine::Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto ids = (*store)->ListInactiveProfiles(cutoff + "T00:00:00Z", "ANON-");
  if (!ids.ok()) return Fail(ids.status());
  if (args.dry_run) {
    std::cerr << ids->size() << " jobseekers inactive since before " << cutoff
              << " would be anonymised (--dry-run: nothing changed)\n";
    return kExitOk;
  }
  Status done = (*store)->InTransaction([&]() -> Status {
    for (const std::string& id : *ids) {
      const std::string anonymous = "ANON-" + server::RandomToken().substr(0, 16);
      // Notes are free text and may name the person; the counsellor's
      // assignment ends with the file's activity: both go.
      SKILLMATCH_RETURN_IF_ERROR((*store)->EraseFollowUp(id));
      SKILLMATCH_RETURN_IF_ERROR((*store)->RenameProfile(id, anonymous));
      SKILLMATCH_ASSIGN_OR_RETURN(profile, (*store)->GetProfile(anonymous));
      Anonymise(profile);
      SKILLMATCH_RETURN_IF_ERROR((*store)->UpsertProfile(profile).status());
      engine::AuditEntry entry;
      std::time_t now = std::time(nullptr);
      std::tm tm{};
      gmtime_r(&now, &tm);
      char at[32];
      std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
      entry.at = at;
      entry.actor = "cli";
      entry.action = "jobseeker.anonymise";
      entry.record = anonymous;
      entry.address = "local";
      SKILLMATCH_RETURN_IF_ERROR((*store)->AppendAudit(entry, server::AuditHash).status());
    }
    return Status::Ok();
  });
  if (!done.ok()) return Fail(done);
  std::cerr << "anonymised " << ids->size() << " jobseekers inactive since before "
            << cutoff << "\n";
  return kExitOk;
}

}  // namespace

void AddRetentionCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RetentionArgs>();
  CLI::App* cmd = app.add_subcommand(
      "retention", "Anonymise the jobseekers inactive for --inactive-days (new opaque id, "
                   "town, free text and protected attributes cleared)");
  cmd->add_option("--db", args->db, "Store")->required();
  cmd->add_option("--inactive-days", args->inactive_days,
                  "Days without a change or a decision")
      ->required()
      ->check(CLI::Range(1, 36500));
  cmd->add_option("--today", args->today, "Date the period ends, YYYY-MM-DD (default: today)");
  cmd->add_flag("--dry-run", args->dry_run, "Count, change nothing");
  cmd->callback([args, exit_code] { *exit_code = RunRetention(*args); });
}

}  // namespace skillmatch::cli
