// Fuzz target: the import mapping parser (engine/import import_mapping.h),
// with the helpers it relies on, FoldKey and ParseDate.
//
// The input is parsed as JSON (invalid JSON is dropped: nlohmann's parser
// is not ours to fuzz) and validated by ParseMapping, whose errors must name
// the mapping. The first 64 bytes of the input are also folded as a key and
// parsed as a date with the mapping's formats (or the defaults).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "skillmatch/classification/text.h"
#include "skillmatch/import/import_mapping.h"

namespace {

void Check(bool condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "import_mapping_fuzz: %s\n", what);
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace engine = skillmatch::engine;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> formats = {"%Y-%m-%d", "%d/%m/%Y"};
  nlohmann::json json = nlohmann::json::parse(input, nullptr,
                                              /*allow_exceptions=*/false);
  if (!json.is_discarded()) {
    auto mapping = engine::ParseMapping(json, "fuzz.mapping.json");
    if (mapping.ok()) {
      Check(mapping->fields.size() == engine::kImportFieldCount,
            "a mapping has every field slot");
      if (!mapping->date_formats.empty()) formats = mapping->date_formats;
    } else {
      Check(mapping.status().message().rfind("fuzz.mapping.json", 0) == 0,
            "a mapping error must name the mapping");
    }
  }
  const std::string_view head = input.substr(0, 64);
  const std::string key = engine::FoldKey(head);
  if (skillmatch::text::IsValidUtf8(head)) {
    Check(engine::FoldKey(key) == key, "FoldKey must be idempotent");
  }
  auto date = engine::ParseDate(head, formats);
  if (date) {
    Check(date->size() == 10 && (*date)[4] == '-' && (*date)[7] == '-',
          "ParseDate must give YYYY-MM-DD");
  }
  return 0;
}
