// skillmatch db init|info, profiles import|show|exit, offers
// import|show|close: the
// SQLite store from the command line (schema in engine/store/README.md).
#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli.h"
#include "skillmatch/model/date.h"
#include "skillmatch/model/model_check.h"
#include "skillmatch/model/model_json.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

using classification::Taxonomy;
using engine::Offer;
using engine::Profile;
using engine::Store;
using engine::StoreOptions;
using engine::UpsertOutcome;
using nlohmann::ordered_json;

constexpr const char* kDbHelp =
    "SQLite database file (created by `skillmatch db init`)";

// Opens an existing store: read-only for the commands that only look.
Result<std::unique_ptr<Store>> OpenExisting(const std::string& path,
                                            bool read_only) {
  StoreOptions options;
  options.create_if_missing = false;
  options.read_only = read_only;
  return Store::Open(path, options);
}

// --------------------------------------------------------------- db init

struct InitArgs {
  std::string db;
  std::string taxonomy = DefaultTaxonomyPath();
  bool lenient = false;
};

int RunInit(const InitArgs& args) {
  // The bundle first: a bad bundle should not leave an empty database.
  auto tax = LoadTaxonomy(args.taxonomy, args.lenient);
  if (!tax.ok()) return Fail(tax.status());
  auto store = Store::Open(args.db, StoreOptions{});
  if (!store.ok()) {
    // Here the database is our output: failing to open or create it is
    // "cannot create output" rather than a plain I/O error.
    int code = Fail(store.status());
    return store.status().code() == StatusCode::kIoError ? kExitCantCreate
                                                         : code;
  }
  Status loaded = (*store)->LoadTaxonomy(*tax);
  if (!loaded.ok()) return Fail(loaded);
  spdlog::info("{}: schema version {}, taxonomy {} {} ({} nodes, {} skills)",
               args.db, (*store)->schema_version(), tax->info().name,
               tax->info().version, tax->node_count(), tax->skill_count());
  return kExitOk;
}

// --------------------------------------------------------------- db info

int RunInfo(const std::string& db, const std::string& format) {
  auto store = OpenExisting(db, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  auto counts = (*store)->CountRows();
  if (!counts.ok()) return Fail(counts.status());
  std::optional<classification::BundleInfo> info;
  auto read = (*store)->ReadTaxonomyInfo();
  if (read.ok()) {
    info = std::move(read).value();
  } else if (read.status().code() != StatusCode::kNotFound) {
    return Fail(read.status());
  }

  if (format == "json") {
    ordered_json out;
    out["database"] = db;
    out["schema_version"] = (*store)->schema_version();
    if (info) {
      out["taxonomy"] = {{"name", info->name},
                         {"version", info->version},
                         {"languages", info->languages}};
    } else {
      out["taxonomy"] = nullptr;
    }
    ordered_json tables = ordered_json::object();
    for (const engine::TableCount& count : *counts) {
      tables[count.table] = count.rows;
    }
    out["tables"] = tables;
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "database  " << db << "\n";
  std::cout << "schema    " << (*store)->schema_version() << "\n";
  std::cout << "taxonomy  ";
  if (info) {
    std::cout << info->name << " " << info->version << "\n";
  } else {
    std::cout << "none\n";
  }
  size_t width = 0;
  for (const engine::TableCount& count : *counts) {
    width = std::max(width, count.table.size());
  }
  std::cout << "tables\n";
  for (const engine::TableCount& count : *counts) {
    std::cout << "  " << count.table
              << std::string(width - count.table.size(), ' ') << "  "
              << count.rows << "\n";
  }
  return kExitOk;
}

// --------------------------------------------------------------- import

struct ImportArgs {
  std::string db;
  std::string input;
  bool lenient = false;
};

// Reads profiles or offers from a file into the store in one transaction.
// Strict: the first bad record (malformed, or refused by the store) stops
// the import and nothing is written. Lenient: bad records are reported and
// skipped, the others are written.
template <typename Record>
int RunImport(const ImportArgs& args,
              Status (*read)(const std::string&,
                             const std::function<Status(Record&&, const std::string&)>&,
                             const std::function<void(const Status&)>&),
              Result<UpsertOutcome> (Store::*upsert)(const Record&)) {
  auto store = OpenExisting(args.db, /*read_only=*/false);
  if (!store.ok()) return Fail(store.status());
  // Codes are checked against the stored taxonomy: a record naming codes
  // the scorer does not know would match nothing, silently.
  auto taxonomy = (*store)->ReadTaxonomy();
  if (!taxonomy.ok()) return Fail(taxonomy.status());
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t rejected = 0;
  auto report = [&](const Status& problem) {
    spdlog::warn("{}", problem.message());
    ++rejected;
  };
  Status status = (*store)->InTransaction([&]() -> Status {
    return read(
        args.input,
        [&](Record&& record, const std::string& where) -> Status {
          Status checked = engine::CheckCodes(record, *taxonomy, where);
          if (!checked.ok()) {
            if (!args.lenient) return checked;
            report(checked);
            return Status::Ok();
          }
          Result<UpsertOutcome> done = ((**store).*upsert)(record);
          if (!done.ok()) {
            Status located(Status::DataError(where + ": " + done.status().message()));
            if (done.status().code() != StatusCode::kDataError) {
              return done.status();  // I/O: stop in both modes
            }
            if (!args.lenient) return located;
            report(located);  // the store wrote nothing of it
            return Status::Ok();
          }
          ++(*done == UpsertOutcome::kInserted ? inserted : updated);
          return Status::Ok();
        },
        args.lenient
            ? std::function<void(const Status&)>(report)
            : nullptr);
  });
  if (!status.ok()) {
    int code = Fail(status);
    if (status.code() == StatusCode::kDataError) {
      std::cerr << "skillmatch: nothing imported (strict mode; --lenient "
                   "skips bad records)\n";
    }
    return code;
  }
  spdlog::info("imported {}, updated {}, rejected {}", inserted, updated,
               rejected);
  return kExitOk;
}

// --------------------------------------------------------------- show

// Rows of "key  value" with the keys aligned; a key may have several lines.
class Table {
 public:
  void Add(std::string key, std::string value) {
    if (value.empty()) return;
    rows_.emplace_back(std::move(key), std::move(value));
  }
  void AddEach(const std::string& key, const std::vector<std::string>& values) {
    for (size_t value_idx = 0; value_idx < values.size(); ++value_idx) {
      rows_.emplace_back(value_idx == 0 ? key : std::string(),
                         values[value_idx]);
    }
  }
  void Print(std::ostream& out) const {
    size_t width = 0;
    for (const auto& [key, value] : rows_) width = std::max(width, key.size());
    for (const auto& [key, value] : rows_) {
      out << key << std::string(width - key.size() + 2, ' ') << value << "\n";
    }
  }

 private:
  std::vector<std::pair<std::string, std::string>> rows_;
};

std::string Join(const std::vector<std::string>& parts,
                 const std::string& separator = ", ") {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string Number(double value) { return fmt::format("{}", value); }

// Labels of codes from the stored taxonomy, when there is one.
class Names {
 public:
  explicit Names(Store& store) {
    auto has = store.HasTaxonomy();
    if (!has.ok() || !*has) return;
    auto tax = store.ReadTaxonomy();
    if (!tax.ok()) {
      spdlog::warn("{} (codes shown without labels)", tax.status().message());
      return;
    }
    tax_.emplace(std::move(tax).value());
  }
  std::string Node(const std::string& code) const {
    if (!tax_) return code;
    auto index = tax_->FindNode(code);
    if (index == classification::kNoNode) return code + "  (not in taxonomy)";
    return code + "  " + tax_->node(index).label;
  }
  std::string Skill(const std::string& id) const {
    if (!tax_) return id;
    auto index = tax_->FindSkill(id);
    if (index == classification::kNoSkill) return id + "  (not in taxonomy)";
    return id + "  " + tax_->SkillName(index, tax_->main_language());
  }

 private:
  std::optional<Taxonomy> tax_;
};

std::string Place(const engine::Location& location) {
  std::vector<std::string> parts;
  for (const std::string* part :
       {&location.city, &location.region, &location.country}) {
    if (!part->empty()) parts.push_back(*part);
  }
  std::string out = Join(parts);
  if (location.lat && location.lon) {
    out += " (" + Number(*location.lat) + ", " + Number(*location.lon) + ")";
  }
  return out;
}

std::vector<std::string> Languages(
    const std::vector<engine::LanguageLevel>& languages) {
  static constexpr const char* kCefr[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
  std::vector<std::string> out;
  for (const auto& language : languages) {
    const bool known = language.level >= 1 && language.level <= 6;
    out.push_back(
        language.code + " " +
        (known ? kCefr[language.level - 1] : std::to_string(language.level)));
  }
  return out;
}

void PrintProfile(const Profile& profile, const Names& names,
                  std::ostream& out) {
  Table table;
  table.Add("id", profile.id);
  std::vector<std::string> targets;
  for (const auto& code : profile.target_occupations) {
    targets.push_back(names.Node(code));
  }
  table.AddEach("targets", targets);
  std::vector<std::string> past;
  for (const auto& job : profile.past_occupations) {
    past.push_back(names.Node(job.code) + "  " + Number(job.years) + " y");
  }
  table.AddEach("past", past);
  for (const auto& [key, claims] :
       {std::pair{"skills", &profile.skills},
        std::pair{"soft skills", &profile.soft_skills}}) {
    std::vector<std::string> lines;
    for (const auto& claim : *claims) {
      lines.push_back(names.Skill(claim.skill_id) + "  level " +
                      std::to_string(claim.level) +
                      (claim.validated ? ", validated" : ""));
    }
    table.AddEach(key, lines);
  }
  table.Add("languages", Join(Languages(profile.languages)));
  std::string education;
  if (profile.education_level) {
    education = "ISCED " + std::to_string(*profile.education_level);
  }
  if (!profile.education_field.empty()) {
    education += (education.empty() ? "" : ", ") + profile.education_field;
  }
  table.Add("education", education);
  if (profile.experience_years) {
    table.Add("experience", Number(*profile.experience_years) + " years");
  }
  table.Add("location", Place(profile.location));
  std::vector<std::string> mobility;
  if (profile.mobility.radius_km) {
    mobility.push_back(Number(*profile.mobility.radius_km) + " km");
  }
  if (profile.mobility.national) mobility.push_back("national");
  for (const auto& community : profile.mobility.communities) {
    mobility.push_back(community);
  }
  if (profile.mobility.international) {
    mobility.push_back("international" +
                       (profile.mobility.countries.empty()
                            ? std::string()
                            : " (" + Join(profile.mobility.countries) + ")"));
  }
  table.Add("mobility", Join(mobility));
  table.Add("licences", Join(profile.driving_licences));
  table.Add("available", profile.available_from.value_or(""));
  std::vector<std::string> contracts;
  for (auto contract : profile.wanted_contracts) {
    contracts.emplace_back(engine::ToString(contract));
  }
  table.Add("contracts", Join(contracts));
  if (profile.registered || profile.exited) {
    std::string registration = profile.registered.value_or("?");
    if (profile.exited) {
      registration += " to " + *profile.exited + " (" +
                      (profile.exit_reason.empty() ? std::string("unknown")
                                                   : profile.exit_reason) +
                      ")";
    }
    table.Add("registered", registration);
  }
  table.Print(out);
}

void PrintOffer(const Offer& offer, const Names& names, std::ostream& out) {
  Table table;
  table.Add("id", offer.id);
  table.Add("source", Join({offer.source, offer.source_ref}, " "));
  table.Add("title", offer.title);
  table.Add("employer", offer.employer);
  std::string occupation = names.Node(offer.occupation);
  if (offer.coding_confidence) {
    occupation +=
        fmt::format("  (confidence {:.2f})", *offer.coding_confidence);
  }
  if (offer.needs_review) occupation += "  needs review";
  table.Add("occupation", offer.occupation.empty() ? "" : occupation);
  for (const auto& [key, skills] :
       {std::pair{"skills", &offer.skills},
        std::pair{"soft skills", &offer.soft_skills}}) {
    std::vector<std::string> lines;
    for (const auto& skill : *skills) {
      std::string line = names.Skill(skill.skill_id) + "  " +
                         (skill.essential ? "essential" : "optional");
      if (skill.min_level > 0) {
        line += ", level " + std::to_string(skill.min_level) + "+";
      }
      lines.push_back(line);
    }
    table.AddEach(key, lines);
  }
  table.Add("languages", Join(Languages(offer.languages)));
  if (offer.min_education) {
    table.Add("education",
              "ISCED " + std::to_string(*offer.min_education) + " or more");
  }
  if (offer.min_experience_years) {
    table.Add("experience",
              Number(*offer.min_experience_years) + " years or more");
  }
  table.Add("location", Place(offer.location) +
                            (offer.international ? "  international" : ""));
  std::string contract;
  if (offer.contract) contract = std::string(engine::ToString(*offer.contract));
  contract += (contract.empty() ? "" : ", ") + std::to_string(offer.positions) +
              " position(s)";
  table.Add("contract", contract);
  if (offer.salary_min || offer.salary_max) {
    std::string salary =
        offer.salary_min && offer.salary_max
            ? Number(*offer.salary_min) + "-" + Number(*offer.salary_max)
        : offer.salary_min ? "from " + Number(*offer.salary_min)
                           : "up to " + Number(*offer.salary_max);
    table.Add("salary", salary + " " + offer.salary_currency + " / month");
  }
  table.Add("published", offer.published.value_or(""));
  table.Add("expires", offer.expires.value_or(""));
  table.Add("licences", Join(offer.licences_required));
  if (offer.closed) {
    table.Add("closed", *offer.closed + " (" + offer.closing_reason +
                            (offer.hired.empty() ? "" : ", hired " + offer.hired) +
                            ")");
  }
  table.Add("description", offer.description);
  table.Print(out);
}

struct ShowArgs {
  std::string db;
  std::string id;
  std::string format = "table";
};

template <typename Record>
int RunShow(const ShowArgs& args,
            Result<Record> (Store::*get)(const std::string&),
            void (*print)(const Record&, const Names&, std::ostream&)) {
  auto store = OpenExisting(args.db, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  Result<Record> record = ((**store).*get)(args.id);
  if (!record.ok()) return Fail(record.status());
  if (args.format == "json") {
    std::cout << engine::ToJson(*record).dump(2) << "\n";
  } else {
    print(*record, Names(**store), std::cout);
  }
  return kExitOk;
}

// `profiles` or `offers`: import and show.
template <typename Record>
void AddRecordCommands(
    CLI::App& app, int* exit_code, const std::string& name,
    const std::string& description,
    Status (*read)(const std::string&,
                   const std::function<Status(Record&&, const std::string&)>&,
                   const std::function<void(const Status&)>&),
    Result<UpsertOutcome> (Store::*upsert)(const Record&),
    Result<Record> (Store::*get)(const std::string&),
    void (*print)(const Record&, const Names&, std::ostream&)) {
  CLI::App* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  {
    auto args = std::make_shared<ImportArgs>();
    CLI::App* cmd = group->add_subcommand(
        "import",
        "Add or replace " + name +
            " from records in skillmatch's own JSON format "
            "(engine/model/README.md): a JSON Lines file or a JSON array, - "
            "for stdin; in one transaction; summary on stderr." +
            (name == "offers"
                 ? " For a source file (a PES export in CSV, JSON or JSON "
                   "Lines) read through a mapping, use skillmatch import "
                   "offers --mapping."
                 : ""));
    cmd->add_option("--db", args->db, kDbHelp)->required();
    cmd->add_option("file", args->input, name + ".jsonl")->required();
    cmd->add_flag("--lenient", args->lenient,
                  "Report and skip bad records instead of importing nothing");
    cmd->callback([args, exit_code, read, upsert] {
      *exit_code = RunImport<Record>(*args, read, upsert);
    });
  }
  {
    auto args = std::make_shared<ShowArgs>();
    CLI::App* cmd = group->add_subcommand("show", "One record, by id");
    cmd->add_option("--db", args->db, kDbHelp)->required();
    cmd->add_option("id", args->id, "Record id")->required();
    cmd->add_option("--format", args->format, "table or json")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    cmd->callback([args, exit_code, get, print] {
      *exit_code = RunShow<Record>(*args, get, print);
    });
  }
}

// ----------------------------------------- offers close, profiles exit

// What `offers close` and `profiles exit` set on a stored record.
struct CloseArgs {
  std::string db;
  std::string id;
  std::string date;    // YYYY-MM-DD
  std::string reason;  // a closing or exit reason
  std::string hired;   // offers only
};

// Sets the record's fields, checks the result as the JSON codec checks a
// record (the same rules and messages, with the command as the place), and
// writes it. The codec's messages name fields; the options that set them are
// named in the help.
template <typename Record>
int RunClose(const CloseArgs& args, const std::string& command,
             void (*set)(const CloseArgs&, Record*),
             Result<Record> (*decode)(const nlohmann::json&, const std::string&),
             Result<Record> (Store::*get)(const std::string&),
             Result<UpsertOutcome> (Store::*upsert)(const Record&)) {
  if (!engine::Date::Parse(args.date)) {
    return Fail(Status::InvalidArgument("--date: expected a date " +
                                        std::string(engine::Date::kForm) +
                                        ", got '" + args.date + "'"));
  }
  auto store = OpenExisting(args.db, /*read_only=*/false);
  if (!store.ok()) return Fail(store.status());
  Result<Record> record = ((**store).*get)(args.id);
  if (!record.ok()) return Fail(record.status());
  set(args, &*record);
  Result<Record> checked = decode(
      nlohmann::json::parse(engine::ToJson(*record).dump()),
      command + " " + args.id);
  if (!checked.ok()) return Fail(checked.status());
  Result<UpsertOutcome> written = ((**store).*upsert)(*checked);
  if (!written.ok()) return Fail(written.status());
  spdlog::info("{} {}: {} on {}", command, args.id, args.reason, args.date);
  return kExitOk;
}

void SetClosing(const CloseArgs& args, Offer* offer) {
  offer->closed = args.date;
  offer->closing_reason = args.reason;
  offer->hired = args.hired;
}

void SetExit(const CloseArgs& args, Profile* profile) {
  profile->exited = args.date;
  profile->exit_reason = args.reason;
  if (!profile->registered) {
    // Kept, but a jobseeker without a registration day has no spell.
    spdlog::warn(
        "{}: no registration date (registered): the exit is kept, but the "
        "statistics cannot count this jobseeker until it is given",
        profile->id);
  }
}

void AddCloseCommands(CLI::App& app, int* exit_code) {
  {
    auto args = std::make_shared<CloseArgs>();
    CLI::App* cmd = app.get_subcommand("offers")->add_subcommand(
        "close",
        "Close a stored offer: its closing day and reason (and the jobseeker "
        "hired); replaces an earlier closing. Counted by the statistics from "
        "that day (engine/store/README.md, schema version 4)");
    cmd->add_option("--db", args->db, kDbHelp)->required();
    cmd->add_option("id", args->id, "Offer id")->required();
    cmd->add_option("--date", args->date, "Closing day, YYYY-MM-DD (closed)")
        ->required();
    cmd->add_option("--reason", args->reason,
                    "filled, withdrawn, expired or cancelled (closing_reason)")
        ->required()
        ->check(CLI::IsMember({"filled", "withdrawn", "expired", "cancelled"}));
    cmd->add_option("--hired", args->hired,
                    "Id of the jobseeker hired, with --reason filled (hired)");
    cmd->callback([args, exit_code] {
      *exit_code = RunClose<Offer>(*args, "offers close", SetClosing,
                                   engine::OfferFromJson, &Store::GetOffer,
                                   &Store::UpsertOffer);
    });
  }
  {
    auto args = std::make_shared<CloseArgs>();
    CLI::App* cmd = app.get_subcommand("profiles")->add_subcommand(
        "exit",
        "Record a jobseeker's exit from the register: day and reason; "
        "replaces an earlier exit of the same registration");
    cmd->add_option("--db", args->db, kDbHelp)->required();
    cmd->add_option("id", args->id, "Jobseeker (profile) id")->required();
    cmd->add_option("--date", args->date, "Exit day, YYYY-MM-DD (exited)")
        ->required();
    cmd->add_option("--reason", args->reason,
                    "employment, training, self_employment, other or unknown "
                    "(exit_reason)")
        ->required()
        ->check(CLI::IsMember(
            {"employment", "training", "self_employment", "other", "unknown"}));
    cmd->callback([args, exit_code] {
      *exit_code = RunClose<Profile>(*args, "profiles exit", SetExit,
                                     engine::ProfileFromJson,
                                     &Store::GetProfile, &Store::UpsertProfile);
    });
  }
}

}  // namespace

void AddDbCommands(CLI::App& app, int* exit_code) {
  CLI::App* db =
      app.add_subcommand("db", "Create, migrate and inspect the SQLite store");
  db->require_subcommand(1);
  {
    auto args = std::make_shared<InitArgs>();
    CLI::App* cmd = db->add_subcommand(
        "init",
        "Create the database or migrate it to this version's schema, and "
        "load (or replace) its taxonomy");
    cmd->add_option("--db", args->db, "SQLite database file")->required();
    cmd->add_option("--taxonomy", args->taxonomy,
                    "Taxonomy bundle folder (default: $SKILLMATCH_TAXONOMY "
                    "or the embedded sample)")
        ->capture_default_str();
    cmd->add_flag("--lenient", args->lenient,
                  "Load the bundle without its bad rows (with a warning)");
    cmd->callback([args, exit_code] { *exit_code = RunInit(*args); });
  }
  {
    auto path = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("table");
    CLI::App* cmd = db->add_subcommand(
        "info", "Schema version, taxonomy and row counts per table");
    cmd->add_option("--db", *path, kDbHelp)->required();
    cmd->add_option("--format", *format, "table or json")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    cmd->callback(
        [path, format, exit_code] { *exit_code = RunInfo(*path, *format); });
  }
  AddRecordCommands<Profile>(app, exit_code, "profiles",
                             "Jobseeker profiles in the SQLite store",
                             engine::ReadProfilesLocated, &Store::UpsertProfile,
                             &Store::GetProfile, PrintProfile);
  AddRecordCommands<Offer>(app, exit_code, "offers",
                           "Job offers in the SQLite store", engine::ReadOffersLocated,
                           &Store::UpsertOffer, &Store::GetOffer, PrintOffer);
  AddCloseCommands(app, exit_code);
}

}  // namespace skillmatch::cli
