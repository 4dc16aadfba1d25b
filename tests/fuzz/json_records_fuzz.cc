// Fuzz target: the JSON record scanner (engine/model json_records.h) and the
// profile and offer readers (model_json.h).
//
// The first byte picks the scanner's options (layout: detect, array or
// lines; a pointer "" / "/data" / "/a/b"; a small or the default record
// cap); the rest is the file. Every record the scanner cuts out is parsed
// with nlohmann::json and decoded as a profile and as an offer; a decoded
// record is written back with ToJson and must decode to the same record.
// Then the whole input goes through ReadProfiles and ReadOffers in lenient
// mode, as `skillmatch profiles import --lenient` reads a file.
//
// Known, fixed on another branch (not papered over here): deep nesting in the
// model readers (the stack overflow of issue 12); tools/run-fuzz.sh caps the
// input size (-max_len) for the short CI run, see tests/README.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "skillmatch/model/json_records.h"
#include "skillmatch/model/model_json.h"

namespace {

namespace engine = skillmatch::engine;

void Check(bool condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "json_records_fuzz: %s\n", what);
    abort();
  }
}

void Decode(const std::string& text) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr,
                                               /*allow_exceptions=*/false);
  if (value.is_discarded()) return;
  auto profile = engine::ProfileFromJson(value, "fuzz:1");
  if (profile.ok()) {
    auto again = engine::ProfileFromJson(
        nlohmann::json(engine::ToJson(*profile)), "again:1");
    Check(again.ok(), "a written profile must read back");
    Check(*again == *profile, "a written profile must read back unchanged");
  } else {
    Check(profile.status().message().rfind("fuzz:1", 0) == 0,
          "a profile error must say where");
  }
  auto offer = engine::OfferFromJson(value, "fuzz:1");
  if (offer.ok()) {
    const nlohmann::ordered_json tree = engine::ToJson(*offer);
    // An offer read from JSON holds valid UTF-8, so it can be written.
    auto doc = engine::OfferDocument(*offer);
    Check(doc.ok(), "an offer read from JSON must be written as a document");
    Check(*doc == tree.dump(),
          "OfferDocument must equal ToJson(offer).dump()");
    auto again = engine::OfferFromJson(nlohmann::json(tree), "again:1");
    Check(again.ok(), "a written offer must read back");
    Check(*again == *offer, "a written offer must read back unchanged");
  } else {
    Check(offer.status().message().rfind("fuzz:1", 0) == 0,
          "an offer error must say where");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  engine::JsonRecordsOptions options;
  using Layout = engine::JsonRecordsOptions::Layout;
  static constexpr Layout kLayouts[] = {Layout::kDetect, Layout::kArray,
                                        Layout::kLines, Layout::kDetect};
  options.layout = kLayouts[data[0] & 3];
  if (options.layout == Layout::kArray) {
    static const char* kPointers[] = {"", "/data", "/a/b", ""};
    options.pointer = kPointers[(data[0] >> 2) & 3];
  }
  if (data[0] & 16) options.max_record_bytes = 64;
  {
    std::istringstream in(text);
    auto records = engine::JsonRecords::Open(&in, "fuzz", options);
    if (records.ok()) {
      engine::JsonRecord record;
      int64_t last_line = 0;
      while ((*records)->Next(&record)) {
        Check(record.line >= last_line, "record lines must not go back");
        last_line = record.line;
        if (record.problem.empty()) {
          Check(record.text.size() <= options.max_record_bytes,
                "a record must respect the cap");
          Decode(record.text);
        } else {
          Check(record.text.empty(), "a record with a problem has no text");
        }
      }
    }
  }
  auto ignore = [](const skillmatch::Status&) {};
  {
    std::istringstream in(text);
    (void)engine::ReadProfiles(
        in, "profiles.jsonl",
        [](engine::Profile&&) { return skillmatch::Status::Ok(); }, ignore);
  }
  {
    std::istringstream in(text);
    (void)engine::ReadOffers(
        in, "offers.jsonl",
        [](engine::Offer&&) { return skillmatch::Status::Ok(); }, ignore);
  }
  return 0;
}
