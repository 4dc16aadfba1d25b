// skillmatch batch: all jobseekers against all offers, the top k offers of
// each jobseeker, streamed in jobseeker order.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/model/model_check.h"
#include "skillmatch/model/model_json.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

struct BatchArgs {
  std::string db;
  std::string taxonomy;
  std::string profiles_file;
  std::string offers_file;
  std::string out = "-";
  std::string format = "csv";
  int top = 10;
  int threads = 2;
  bool no_progress = false;
  std::string today;
  std::string config;
  bool save = false;
  std::string notes;
  bool no_dense = false;
};

int RunBatch(const BatchArgs& args) {
  auto start = std::chrono::steady_clock::now();
  // Options and config first: a bad --today is a usage error whatever the
  // inputs.
  Result<engine::ScoringConfig> config = LoadScoringConfig(args.config, args.today);
  if (!config.ok()) return Fail(config.status());
  std::unique_ptr<engine::Store> store;
  if (!args.db.empty()) {
    engine::StoreOptions options;
    options.create_if_missing = false;
    options.read_only = !args.save;
    auto opened = engine::Store::Open(args.db, options);
    if (!opened.ok()) return Fail(opened.status());
    store = std::move(*opened);
  }
  if (!store && (args.profiles_file.empty() || args.offers_file.empty())) {
    return Fail(Status::InvalidArgument(
        "give --db, or both --profiles and --offers files"));
  }
  if (args.save && (!store || !args.profiles_file.empty() || !args.offers_file.empty())) {
    // The results refer to stored records (foreign keys).
    return Fail(Status::InvalidArgument(
        "--save keeps a run of the store's own jobseekers and offers: give --db "
        "without --profiles or --offers"));
  }
  // The taxonomy: from the store, else a bundle.
  Result<classification::Taxonomy> tax = Status::Internal("unset");
  if (store && args.taxonomy.empty()) {
    tax = store->ReadTaxonomy();
  } else {
    tax = LoadTaxonomy(args.taxonomy.empty() ? DefaultTaxonomyPath() : args.taxonomy,
                       false);
  }
  if (!tax.ok()) return Fail(tax.status());
  auto scorer = engine::Scorer::Create(*tax, *config);
  if (!scorer.ok()) return Fail(scorer.status());

  std::vector<engine::Profile> profiles;
  // Offers stream into the index: memory holds the index, not the records.
  engine::OfferIndex::Builder builder(**scorer);
  // Per offer, in index order: the skills blocks inferred from its
  // occupation (bit 0 skills, bit 1 soft skills), for the jsonl output.
  std::vector<uint8_t> inferred;
  auto keep_profile = [&](engine::Profile&& p) {
    profiles.push_back(std::move(p));
    return Status::Ok();
  };
  auto keep_offer = [&](engine::Offer&& o) {
    uint8_t mask = 0;
    for (engine::Block block : (*scorer)->InferredBlocks(o)) {
      mask |= block == engine::Block::kSkills ? 1 : 2;
    }
    inferred.push_back(mask);
    builder.Add(o);
    return Status::Ok();
  };
  // Records from files are checked against the taxonomy as `profiles|offers
  // import` checks them (the store's were checked when imported): an unknown
  // code would otherwise just never match.
  const classification::Taxonomy& taxonomy = *tax;
  Status read =
      args.profiles_file.empty()
          ? store->ForEachProfile(keep_profile)
          : engine::ReadProfilesLocated(
                args.profiles_file, [&](engine::Profile&& p, const std::string& where) {
                  SKILLMATCH_RETURN_IF_ERROR(engine::CheckCodes(p, taxonomy, where));
                  return keep_profile(std::move(p));
                });
  if (!read.ok()) return Fail(read);
  read = args.offers_file.empty()
             ? store->ForEachOffer(keep_offer)
             : engine::ReadOffersLocated(
                   args.offers_file, [&](engine::Offer&& o, const std::string& where) {
                     SKILLMATCH_RETURN_IF_ERROR(engine::CheckCodes(o, taxonomy, where));
                     return keep_offer(std::move(o));
                   });
  if (!read.ok()) return Fail(read);
  auto index = std::move(builder).Finish();
  spdlog::info("{} jobseekers x {} offers", profiles.size(), index->size());

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (args.out != "-") {
    file.open(args.out, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(Status::IoError(args.out + ": cannot write"));
    out = &file;
  }
  if (args.format == "csv") {
    csv::WriteRow(*out, {"profile_id", "rank", "offer_id", "score"});
  }
  // Workers take chunks of jobseekers; the writer emits chunks in order, so
  // the output is the same whatever the number of threads.
  constexpr size_t kChunk = 64;
  const size_t chunks = (profiles.size() + kChunk - 1) / kChunk;
  std::vector<std::string> rendered(chunks);
  std::vector<std::vector<engine::MatchResult>> results(args.save ? chunks : 0);
  std::vector<char> ready(chunks, 0);
  std::mutex mutex;
  std::condition_variable cv;
  std::atomic<size_t> next{0};
  const bool progress = !args.no_progress && isatty(STDERR_FILENO) &&
                        std::getenv("NO_COLOR") == nullptr;
  auto worker = [&] {
    for (size_t chunk = next++; chunk < chunks; chunk = next++) {
      std::ostringstream text;
      const size_t begin = chunk * kChunk;
      const size_t end = std::min(profiles.size(), (chunk + 1) * kChunk);
      // The chunk's jobseekers together: the dense path multiplies them with
      // the offers' common features tile by tile (same hits as TopK).
      engine::BatchOptions batch;
      batch.threads = 1;  // the workers are the threads
      batch.dense = !args.no_dense;
      std::vector<std::vector<engine::Hit>> chunk_hits = index->TopKBatch(
          std::span<const engine::Profile>(profiles).subspan(begin, end - begin), args.top,
          batch);
      for (size_t profile_idx = begin; profile_idx < end; ++profile_idx) {
        const engine::Profile& p = profiles[profile_idx];
        const std::vector<engine::Hit>& hits = chunk_hits[profile_idx - begin];
        for (size_t rank = 0; rank < hits.size(); ++rank) {
          const std::string& offer_id = index->id(hits[rank].index);
          char score[32];
          std::snprintf(score, sizeof(score), "%.6f", hits[rank].score);
          if (args.save) {
            results[chunk].push_back(
                {p.id, offer_id, static_cast<int>(rank + 1), hits[rank].score, ""});
          }
          if (args.format == "csv") {
            csv::WriteRow(text, {p.id, std::to_string(rank + 1), offer_id, score});
          } else {
            text << "{\"profile_id\":" << nlohmann::json(p.id).dump()
                 << ",\"rank\":" << rank + 1
                 << ",\"offer_id\":" << nlohmann::json(offer_id).dump()
                 << ",\"score\":" << score;
            // The offer listed no skill of a kind: its occupation's
            // essential skills stood in (engine/match/README.md, "Sparse
            // offers").
            const uint8_t mask = inferred[hits[rank].index];
            if (mask != 0) {
              text << ",\"inferred_from_occupation\":["
                   << ((mask & 1) ? "\"skills\"" : "") << ((mask & 3) == 3 ? "," : "")
                   << ((mask & 2) ? "\"soft_skills\"" : "") << "]";
            }
            text << "}\n";
          }
        }
      }
      std::lock_guard<std::mutex> lock(mutex);
      rendered[chunk] = text.str();
      ready[chunk] = 1;
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < args.threads; ++t) pool.emplace_back(worker);
  // Writes the chunks in order; with --save also keeps them as a match run,
  // added as they arrive (memory holds a few chunks, not the whole run).
  int64_t run_id = 0;
  auto consume = [&]() -> Status {
    Status saved = Status::Ok();
    if (args.save) {
      engine::MatchRun run;
      run.kind = engine::kRunBatch;
      run.config = (*scorer)->config().ToJson().dump();
      run.notes = args.notes;
      auto id = store->BeginMatchRun(run);
      if (id.ok()) run_id = *id;
      saved = id.status();
    }
    // Every chunk is taken even after a failure, so the workers finish.
    for (size_t chunk = 0; chunk < chunks; ++chunk) {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [&] { return ready[chunk] != 0; });
      std::string text = std::move(rendered[chunk]);
      std::vector<engine::MatchResult> lists;
      if (args.save) lists = std::move(results[chunk]);
      lock.unlock();
      *out << text;
      if (args.save && saved.ok()) saved = store->AddMatchResults(run_id, lists);
      if (progress) {
        std::fprintf(stderr, "\r%zu / %zu jobseekers",
                     std::min(profiles.size(), (chunk + 1) * kChunk), profiles.size());
      }
    }
    return saved;
  };
  // The run and all its lists in one transaction: never half saved.
  Status consumed = args.save ? store->InTransaction(consume) : consume();
  for (auto& t : pool) t.join();
  if (progress) std::fprintf(stderr, "\n");
  out->flush();
  if (!consumed.ok()) return Fail(consumed);
  if (!*out) return Fail(Status::IoError(args.out + ": write failed"));
  if (args.save) {
    std::cerr << "saved as match run " << run_id << " (skillmatch runs show --db "
              << args.db << " --run " << run_id << ")\n";
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("matched {} jobseekers x {} offers, top {}, in {:.2f} s on {} thread(s)",
               profiles.size(), index->size(), args.top, seconds, args.threads);
  return kExitOk;
}

}  // namespace

void AddBatchCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<BatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "batch",
      "All jobseekers against all offers: each jobseeker's top k offers, "
      "streamed (CSV or JSONL) in jobseeker order");
  cmd->add_option("--db", args->db, "Store with jobseekers, offers and taxonomy");
  cmd->add_option("--profiles", args->profiles_file,
                  "Jobseekers from a JSONL file instead of the store");
  cmd->add_option("--offers", args->offers_file,
                  "Offers from a JSONL file instead of the store");
  cmd->add_option("--taxonomy", args->taxonomy,
                  "Bundle (default: the store's, else the embedded sample)");
  cmd->add_option("--top", args->top)->check(CLI::Range(1, 10000))->capture_default_str();
  cmd->add_option("--out", args->out, "Output file, - for stdout")->capture_default_str();
  cmd->add_option("--format", args->format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--threads", args->threads)->check(CLI::Range(1, 256))->capture_default_str();
  cmd->add_flag("--no-progress", args->no_progress, "No progress line on stderr");
  cmd->add_flag("--no-dense", args->no_dense,
                "Score through the postings only (same output; for comparison)");
  cmd->add_option("--today", args->today, "Day of the expiry filter and of community membership, YYYY-MM-DD "
                  "(default: today's date, UTC)");
  cmd->add_option("--config", args->config, "Scoring settings (JSON, engine/match/README.md)");
  cmd->add_flag("--save", args->save,
                "Also keep the lists in the store as a match run (with --db only)");
  cmd->add_option("--notes", args->notes,
                  "Free text kept with a saved run (UTF-8)")
      ->check(Utf8Text());
  cmd->callback([args, exit_code] { *exit_code = RunBatch(*args); });
}

}  // namespace skillmatch::cli
