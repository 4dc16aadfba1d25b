// Import benchmark: a national offer CSV generated from the embedded sample
// taxonomy (deterministic seed) imported end to end by `skillmatch import
// offers` (parse, validate, code titles and skills, dedupe, write), beside
// two baselines measured in the same run: the sqlite3 shell's own `.import`
// of the same file into a bare table (parsing and writing, nothing else),
// and the storage floor: SQLite itself copying the rows our import stored
// into an empty store of the same schema, in one transaction with the
// importer's page cache (what writing these rows costs with no parsing and
// no coding at all). Prints the hardware, the parameters, rows/s of all
// three and the ratios, the importer's CPU time and peak resident memory,
// and the quality: the share of occupations that agree with the
// generator's truth.
//
//   skillmatch_bench_import [--rows N] [--seed S] [--threads 1|2]
//                           [--lenient] [--keep DIR]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_machine.h"
#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/eval/generator.h"
#include "skillmatch/store/store.h"

namespace {

using skillmatch::bench::CpuModel;

namespace fs = std::filesystem;
using skillmatch::engine::Generator;
using skillmatch::engine::Offer;
using skillmatch::engine::OfferTruth;

std::string DayFirst(const std::optional<std::string>& iso) {
  if (!iso || iso->size() != 10) return "";
  return iso->substr(8, 2) + "/" + iso->substr(5, 2) + "/" + iso->substr(0, 4);
}

std::string Number(const std::optional<double>& value) {
  if (!value) return "";
  char out[32];
  std::snprintf(out, sizeof out, "%.0f", *value);
  return out;
}

// Runs a shell command; returns its wall time in seconds, or -1.
double Timed(const std::string& command) {
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "bench_import: failed (" << status << "): " << command << "\n";
    return -1;
  }
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t rows = 1'000'000;
  uint64_t seed = 7;
  int threads = 2;
  bool lenient = false;
  std::string keep;
  for (int arg = 1; arg < argc; ++arg) {
    const std::string name = argv[arg];
    const bool has_value = arg + 1 < argc;
    if (name == "--rows" && has_value) {
      rows = std::strtoull(argv[++arg], nullptr, 10);
    } else if (name == "--seed" && has_value) {
      seed = std::strtoull(argv[++arg], nullptr, 10);
    } else if (name == "--threads" && has_value) {
      threads = std::atoi(argv[++arg]);
    } else if (name == "--lenient") {
      lenient = true;
    } else if (name == "--keep" && has_value) {
      keep = argv[++arg];
    } else {
      std::cerr << "usage: skillmatch_bench_import [--rows N] [--seed S] "
                   "[--threads 1|2] [--lenient] [--keep DIR]\n";
      return 64;
    }
  }
  if (rows == 0 || rows > skillmatch::engine::kMaxGeneratedRecords) {
    std::cerr << "bench_import: --rows must be 1 to 10000000\n";
    return 64;
  }
  const std::string binary = std::string(SKILLMATCH_BINARY_DIR) + "/skillmatch";
  const std::string bundle = SKILLMATCH_DEFAULT_TAXONOMY;
  const std::string source_dir = fs::path(bundle).parent_path().parent_path();
  const std::string mapping =
      source_dir + "/data/import/national-csv.mapping.json";

  const fs::path dir =
      keep.empty() ? fs::temp_directory_path() /
                         ("skillmatch-bench-import-" + std::to_string(getpid()))
                   : fs::path(keep);
  fs::create_directories(dir);
  const std::string csv_path = (dir / "offers.csv").string();
  const std::string db = (dir / "bench.db").string();
  const std::string raw_db = (dir / "raw.db").string();
  const std::string floor_db = (dir / "floor.db").string();
  for (const std::string& path : {db, raw_db, floor_db}) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  }

  std::cout << "hardware   " << CpuModel() << ", "
            << std::thread::hardware_concurrency() << " threads\n";
  std::cout << "params     rows " << rows << ", seed " << seed << ", threads "
            << threads << ", " << (lenient ? "lenient" : "strict")
            << ", mapping data/import/national-csv.mapping.json\n";

  // 1. The file: generated offers written as the national CSV (no occupation
  // code, so every title goes through the coder; skills by their names).
  auto taxonomy = skillmatch::classification::ReadBundle(bundle);
  if (!taxonomy.ok()) {
    std::cerr << taxonomy.status().message() << "\n";
    return 66;
  }
  skillmatch::engine::GeneratorOptions options;
  options.seed = seed;
  auto generator = Generator::Create(*taxonomy, options);
  if (!generator.ok()) {
    std::cerr << generator.status().message() << "\n";
    return 70;
  }
  std::vector<std::string> truth;  // occupations of the first offers
  const uint64_t truth_rows = std::min<uint64_t>(rows, 20'000);
  {
    const auto start = std::chrono::steady_clock::now();
    std::ofstream out(csv_path, std::ios::binary);
    skillmatch::csv::WriteRow(
        out,
        {"reference",    "intitule",      "employeur",   "description",
         "competences",  "pays",          "region",      "ville",
         "type_contrat", "niveau_etudes", "experience",  "nombre_postes",
         "salaire_min",  "salaire_max",   "devise",      "date_publication",
         "date_limite",  "permis",        "code_metier", "code_rome",
         "code_cite"},
        ';');
    for (uint64_t index = 0; index < rows; ++index) {
      OfferTruth offer_truth;
      const Offer offer = generator->GenerateOffer(index, &offer_truth);
      if (index < truth_rows) truth.push_back(offer_truth.occupation);
      std::string skills;
      for (const auto& skill : offer.skills) {
        const auto skill_index = taxonomy->FindSkill(skill.skill_id);
        if (skill_index == skillmatch::classification::kNoSkill) continue;
        if (!skills.empty()) skills += ";";
        skills += taxonomy->SkillName(skill_index, "fr");
      }
      std::string licences;
      for (const auto& licence : offer.licences_required) {
        licences += (licences.empty() ? "" : ";") + licence;
      }
      skillmatch::csv::WriteRow(
          out,
          {offer.id,
           offer.title,
           offer.employer,
           offer.description,
           skills,
           offer.location.country,
           offer.location.region,
           offer.location.city,
           offer.contract ? "CDD" : "",
           "",
           offer.min_experience_years
               ? Number(offer.min_experience_years) + " ans"
               : "",
           std::to_string(offer.positions),
           Number(offer.salary_min),
           Number(offer.salary_max),
           offer.salary_currency,
           DayFirst(offer.published),
           DayFirst(offer.expires),
           licences,
           "",
           "",
           ""},
          ';');
    }
    out.close();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    std::cout << "file       " << csv_path << ", "
              << fs::file_size(csv_path) / (1024 * 1024) << " MiB, written in "
              << seconds << " s\n";
  }

  // 2. sqlite3's own .import into a bare table: the floor of the cost of
  // parsing the CSV and writing the rows.
  const double raw_seconds =
      Timed("sqlite3 " + raw_db + " '.mode csv' '.separator ;' '.import " +
            csv_path + " raw' > /dev/null");
  if (raw_seconds < 0) return 70;

  // 3. Ours, end to end, as a person runs it (taxonomy read from the store,
  // coders built, the file imported).
  if (Timed(binary + " db init -q --db " + db) < 0) return 70;
  struct rusage before {};
  getrusage(RUSAGE_CHILDREN, &before);
  const double seconds = Timed(
      binary + " import offers --db " + db + " --source bench " + "--mapping " +
      mapping + " --threads " + std::to_string(threads) +
      (lenient ? " --lenient" : "") + " " + csv_path + " > " +
      (dir / "summary.txt").string() + " 2> " + (dir / "log.txt").string());
  if (seconds < 0) return 70;
  struct rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);  // the largest child: the importer
  auto cpu = [](const struct rusage& u) {
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  const double cpu_seconds = cpu(usage) - cpu(before);
  std::string summary;
  {
    std::ifstream in(dir / "summary.txt");
    std::getline(in, summary);
  }

  // 4. The storage floor: the same rows, copied by SQLite alone.
  if (Timed(binary + " db init -q --db " + floor_db) < 0) return 70;
  const double floor_seconds = Timed(
      "sqlite3 " + floor_db +
      " 'PRAGMA foreign_keys = ON' 'PRAGMA cache_size = -262144' "
      "\"ATTACH '" + db + "' AS ours\" 'BEGIN IMMEDIATE' "
      "'INSERT INTO offers SELECT * FROM ours.offers' "
      "'INSERT INTO offer_codings SELECT * FROM ours.offer_codings' "
      "'INSERT INTO offer_dedup SELECT * FROM ours.offer_dedup' 'COMMIT' "
      "> /dev/null");
  if (floor_seconds < 0) return 70;

  // 5. Quality: stored occupation against the generator's truth.
  int64_t agree = 0;
  int64_t review = 0;
  {
    skillmatch::engine::StoreOptions store_options;
    store_options.read_only = true;
    auto store = skillmatch::engine::Store::Open(db, store_options);
    if (!store.ok()) {
      std::cerr << store.status().message() << "\n";
      return 70;
    }
    for (uint64_t index = 0; index < truth_rows; ++index) {
      char id[32];
      std::snprintf(id, sizeof id, "bench:O%08llu",
                    static_cast<unsigned long long>(index + 1));
      auto offer = (*store)->GetOffer(id);
      if (!offer.ok()) continue;
      agree += offer->occupation == truth[index];
      review += offer->needs_review;
    }
  }

  std::cout << "summary    " << summary << "\n";
  std::printf("sqlite3    .import %.2f s  %10.0f rows/s\n", raw_seconds,
              rows / raw_seconds);
  std::printf(
      "skillmatch import  %.2f s  %10.0f rows/s  (%.1fx the time of "
      "sqlite3 .import)\n",
      seconds, rows / seconds, seconds / raw_seconds);
  std::printf(
      "floor      SQLite copying the stored rows %.2f s  %10.0f rows/s  "
      "(import takes %.1fx its time)\n",
      floor_seconds, rows / floor_seconds, seconds / floor_seconds);
  // CPU time is less sensitive than wall time to other work on the machine.
  std::printf("cpu        import %.2f s user+sys  %.1f us/row\n", cpu_seconds,
              1e6 * cpu_seconds / rows);
  std::printf("memory     peak RSS of the import %.0f MiB\n",
              usage.ru_maxrss / 1024.0);
  std::printf(
      "quality    occupation = truth for %.1f%% of the first %llu "
      "offers; %.1f%% flagged to review\n",
      100.0 * agree / truth_rows, static_cast<unsigned long long>(truth_rows),
      100.0 * review / truth_rows);
  if (keep.empty()) fs::remove_all(dir);
  return 0;
}
