// Fuzz target: the taxonomy bundle loader (classification/bundle.h).
//
// A bundle is a folder, so the target keeps one in a temporary folder: the
// hand-made bundle tests/fixtures/bundles/tiny, copied there once. The
// folder is in memory (/dev/shm, unless TMPDIR names another place): on a
// disk, ext4 flushes a file truncated and rewritten when it is closed, and
// the target then spent most of its time waiting for the disk (106 exec/s). The first
// byte of the input picks one of its eight files, the rest replaces that
// file; the bundle is read strictly and leniently (with a reporter), then
// the file is put back. A bundle read strictly is written with WriteBundle
// and read again: it must give back the same taxonomy.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "skillmatch/classification/bundle.h"

namespace {

namespace classification = skillmatch::classification;
namespace fs = std::filesystem;

constexpr const char* kFiles[] = {"bundle.json",      "occupations.csv",
                                  "labels.csv",       "skills.csv",
                                  "skill_labels.csv", "occupation_skills.csv",
                                  "mobility.csv",     "crosswalk.csv"};
constexpr size_t kFileCount = sizeof(kFiles) / sizeof(kFiles[0]);

void Check(bool condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "bundle_fuzz: %s\n", what);
    abort();
  }
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  Check(out.good(), "cannot write the temporary bundle");
}

struct Folder {
  fs::path dir;      // the bundle under test
  fs::path written;  // where WriteBundle writes
  std::vector<std::string> originals;
};

const Folder& TheFolder() {
  static const Folder* folder = [] {
    auto* f = new Folder;
    fs::path base = fs::temp_directory_path();
    std::error_code error;
    if (getenv("TMPDIR") == nullptr && fs::is_directory("/dev/shm", error)) {
      base = "/dev/shm";
    }
    std::string pattern = (base / "bundle_fuzz.XXXXXX").string();
    Check(mkdtemp(pattern.data()) != nullptr, "mkdtemp failed");
    f->dir = fs::path(pattern) / "bundle";
    f->written = fs::path(pattern) / "written";
    fs::create_directories(f->dir);
    const fs::path tiny =
        fs::path(SKILLMATCH_SOURCE_DIR) / "tests/fixtures/bundles/tiny";
    for (const char* name : kFiles) {
      std::ifstream in(tiny / name, std::ios::binary);
      Check(in.good(), "cannot read tests/fixtures/bundles/tiny");
      f->originals.emplace_back(std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>());
      WriteFile(f->dir / name, f->originals.back());
    }
    // Left behind on exit on purpose: libFuzzer ends the process with
    // _exit on a crash, and the folder is small and in the temp folder.
    return f;
  }();
  return *folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const Folder& folder = TheFolder();
  const size_t file = data[0] % kFileCount;
  WriteFile(folder.dir / kFiles[file],
            std::string(reinterpret_cast<const char*>(data + 1), size - 1));

  auto strict = classification::ReadBundle(folder.dir.string());
  classification::CollectingReporter reporter;
  classification::BundleReadOptions lenient_options;
  lenient_options.reporter = &reporter;
  auto lenient =
      classification::ReadBundle(folder.dir.string(), lenient_options);
  if (strict.ok()) {
    Check(lenient.ok() && reporter.problems().empty(),
          "a bundle read strictly must read leniently without problems");
    Check(*lenient == *strict, "strict and lenient reads must agree");
    Check(classification::WriteBundle(*strict, folder.written.string()).ok(),
          "a bundle read must be writable");
    auto again = classification::ReadBundle(folder.written.string());
    if (!again.ok()) {
      fprintf(stderr, "bundle_fuzz: %s\n", again.status().message().c_str());
    }
    Check(again.ok(), "a written bundle must read back");
    Check(*again == *strict, "a written bundle must read back unchanged");
    fs::remove_all(folder.written);
  } else {
    Check(strict.status().message().rfind(folder.dir.string(), 0) == 0,
          "an error must name the bundle's folder");
  }
  WriteFile(folder.dir / kFiles[file], folder.originals[file]);
  return 0;
}
