// skillmatch generate: a synthetic, realistic data set (profiles, offers and
// their ground truth) drawn from a taxonomy; see engine/eval/README.md.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli.h"
#include "skillmatch/classification/parallel.h"
#include "skillmatch/eval/generator.h"

namespace skillmatch::cli {

namespace {

struct GenerateArgs {
  std::string taxonomy = DefaultTaxonomyPath();
  // Signed, so that "--profiles -1" gets our message rather than a wrap.
  int64_t profiles = 1000;
  int64_t offers = 1000;
  uint64_t seed = 1;
  std::string out;
  int threads = 0;
  double international_share = engine::GeneratorOptions().international_share;
  bool no_progress = false;
  bool flows = false;
};

Status CheckCount(const char* option, int64_t count) {
  if (count < 1 ||
      static_cast<uint64_t>(count) > engine::kMaxGeneratedRecords) {
    return Status::InvalidArgument(
        std::string(option) + ": expected a count from 1 to " +
        std::to_string(engine::kMaxGeneratedRecords) + ", got " +
        std::to_string(count));
  }
  return Status::Ok();
}

int RunGenerate(const GenerateArgs& args) {
  for (const Status& status : {CheckCount("--profiles", args.profiles),
                               CheckCount("--offers", args.offers)}) {
    if (!status.ok()) return Fail(status);
  }
  auto tax = LoadTaxonomy(args.taxonomy, false);
  if (!tax.ok()) return Fail(tax.status());
  engine::GeneratorOptions options;
  options.seed = args.seed;
  options.international_share = args.international_share;
  options.flows.enabled = args.flows;
  auto generator = engine::Generator::Create(*tax, options);
  if (!generator.ok()) return Fail(generator.status());

  std::error_code error;
  std::filesystem::create_directories(args.out, error);
  if (error) {
    std::fprintf(stderr, "skillmatch: %s: cannot create folder: %s\n",
                 args.out.c_str(), error.message().c_str());
    return kExitCantCreate;
  }

  engine::WriteOptions write;
  write.threads = classification::ResolveThreads(args.threads);
  // A progress line on stderr, only for a person watching a terminal.
  if (!args.no_progress && isatty(STDERR_FILENO)) {
    write.progress = [](engine::RecordKind kind, uint64_t done,
                        uint64_t total) {
      std::fprintf(stderr, "\r%s %llu/%llu",
                   kind == engine::RecordKind::kProfile ? "profiles" : "offers",
                   static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total));
      if (done == total) std::fputc('\n', stderr);
      std::fflush(stderr);
    };
  }
  const auto start = std::chrono::steady_clock::now();
  Status status =
      engine::WriteDataset(*generator, static_cast<uint64_t>(args.profiles),
                           static_cast<uint64_t>(args.offers), args.out, write);
  if (!status.ok()) return Fail(status);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  spdlog::info(
      "wrote {} profiles and {} offers (seed {}) to {} in {:.2f} s "
      "on {} thread(s)",
      args.profiles, args.offers, args.seed, args.out, seconds, write.threads);
  return kExitOk;
}

}  // namespace

void AddGenerateCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "generate",
      "Write a synthetic data set: DIR/profiles.jsonl, DIR/offers.jsonl and "
      "DIR/truth.jsonl (the hidden generation facts)");
  cmd->add_option("--taxonomy", args->taxonomy, "Taxonomy bundle folder")
      ->capture_default_str();
  cmd->add_option("--profiles", args->profiles,
                  "Number of jobseeker profiles (1 to 10000000)")
      ->capture_default_str();
  cmd->add_option("--offers", args->offers,
                  "Number of job offers (1 to 10000000)")
      ->capture_default_str();
  cmd->add_option("--seed", args->seed,
                  "Random seed: the same seed writes the same files")
      ->capture_default_str();
  cmd->add_option("--out", args->out, "Output folder (created if missing)")
      ->required();
  cmd->add_option("--threads", args->threads,
                  "Worker threads; 0 = one per core (output is the same)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  cmd->add_option("--international-share", args->international_share,
                  "Share of offers located in the EU (source eures)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_flag("--flows", args->flows,
                "Also draw 24 months of flows (2025-01 to 2026-12): offers' "
                "publication and closing days and reasons, jobseekers' "
                "registration and exit days and reasons, for the "
                "labour-market statistics (engine/eval/README.md, Flows)");
  cmd->add_flag("--no-progress", args->no_progress,
                "No progress line on stderr");
  cmd->callback([args, exit_code] { *exit_code = RunGenerate(*args); });
}

}  // namespace skillmatch::cli
