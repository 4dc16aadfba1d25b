// skillmatch mapping draft: a first mapping for an offer file, with each
// column's fill rate and values (engine/import/README.md, "Drafting a
// mapping").
#include <spdlog/fmt/fmt.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/import/import_mapping.h"
#include "skillmatch/import/mapping_draft.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

struct DraftArgs {
  std::string input;
  std::string out;
  std::string db;
  size_t samples = 3;
};

// A value as the profile shows it: one line, cut to 40 bytes.
std::string Shown(const std::string& value) {
  std::string line;
  for (char c : value) line += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return "'" + text::Excerpt(line, 40) + "'";
}

int RunDraft(const DraftArgs& args) {
  engine::DraftOptions options;
  options.samples = args.samples;
  std::optional<classification::Taxonomy> taxonomy;
  if (!args.db.empty()) {
    engine::StoreOptions store_options;
    store_options.read_only = true;
    auto store = engine::Store::Open(args.db, store_options);
    if (!store.ok()) return Fail(store.status());
    auto read = (*store)->ReadTaxonomy();
    if (!read.ok()) return Fail(read.status());
    taxonomy = std::move(*read);
    options.taxonomy = &*taxonomy;
  }
  auto draft = engine::DraftMapping(args.input, args.input, options);
  if (!draft.ok()) return Fail(draft.status());
  const std::string text = draft->mapping.dump(2) + "\n";
  // The draft must be a mapping the import reads (a bug otherwise).
  auto parsed = engine::ParseMapping(nlohmann::json::parse(text), "draft");
  if (!parsed.ok()) {
    return Fail(Status::Internal("drafted mapping is invalid: " +
                                 parsed.status().message()));
  }

  // The profile: on stdout when the mapping goes to a file, else on stderr
  // (stdout then holds the mapping alone, for a pipe).
  std::ostream& profile = args.out.empty() ? std::cerr : std::cout;
  const int64_t readable = draft->records - draft->unreadable;
  profile << args.input << ": " << draft->format;
  if (draft->format == "csv") {
    profile << ", " << draft->encoding << ", delimiter '" << draft->delimiter
            << "'";
  }
  profile << ", " << draft->records << " records (" << draft->unreadable
          << " unreadable)\n";
  for (const engine::DraftColumn& column : draft->columns) {
    const double fill =
        readable > 0 ? 100.0 * column.filled / static_cast<double>(readable)
                     : 0;
    std::string samples;
    for (size_t idx = 0; idx < column.top.size() && idx < args.samples;
         ++idx) {
      samples += (idx > 0 ? ", " : "") + Shown(column.top[idx].first);
    }
    profile << fmt::format("  {:<28} {:>5.1f}% filled, {}{} distinct  -> {}\n",
                           Shown(column.name), fill, column.distinct,
                           column.more_distinct ? "+" : "",
                           column.field.empty() ? "(" + column.note + ")"
                                                : column.field);
    if (!samples.empty()) profile << "      e.g. " << samples << "\n";
  }
  if (!draft->to_review.empty()) {
    profile << "to review (" << draft->to_review.size()
            << ", also under \"to_review\" in the mapping):\n";
    for (const std::string& line : draft->to_review) {
      profile << "  - " << line << "\n";
    }
  }
  if (args.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "skillmatch: " << args.out << ": cannot create file\n";
    return kExitCantCreate;
  }
  out << text;
  out.flush();
  if (!out) {
    std::cerr << "skillmatch: " << args.out << ": write error\n";
    return kExitIoErr;
  }
  profile << "mapping written to " << args.out << "\n"
          << "next: skillmatch import offers --db FILE --source NAME --mapping "
          << args.out << (draft->unreadable > 0 ? " --lenient" : "")
          << " --report REPORT.csv " << args.input << "\n";
  return kExitOk;
}

}  // namespace

void AddMappingCommand(CLI::App& app, int* exit_code) {
  CLI::App* group = app.add_subcommand(
      "mapping", "Mapping files of the offer import (engine/import/README.md)");
  group->require_subcommand(1);
  auto args = std::make_shared<DraftArgs>();
  CLI::App* cmd = group->add_subcommand(
      "draft",
      "Draft a mapping for an offer file (CSV, JSON, JSON Lines): detects "
      "encoding and delimiter, profiles each column (fill rate, values), "
      "proposes the offer field of each column from French and English "
      "headers and pre-maps the values of contract, education, experience, "
      "country and city columns; what it does not recognise is listed under "
      "\"to_review\". The profile goes to stdout with --out, else to stderr "
      "and the mapping to stdout.");
  // No CLI::ExistingFile: a missing file is 66 (no input), as for import.
  cmd->add_option("input", args->input, "Offer file")->required();
  cmd->add_option("--out", args->out, "Write the mapping here (JSON)");
  cmd->add_option("--db", args->db,
                  "The store the file will go to: code columns get the code "
                  "system their values are found in");
  cmd->add_option("--samples", args->samples, "Values shown per column")
      ->check(CLI::Range(size_t{0}, size_t{50}))
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunDraft(*args); });
}

}  // namespace skillmatch::cli
