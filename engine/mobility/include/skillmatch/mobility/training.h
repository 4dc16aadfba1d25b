// The training catalogue a PES maintains: courses that teach skills, each
// with its field in a training nomenclature (Cameroon's NCF as the real
// example: a 5-digit "domaine détaillé" code such as "07151").
//
// Format: a CSV file (engine/mobility/README.md, "Training catalogue"):
//   id,provider,title,country,region,city,duration_hours,cost,currency,
//   skills,ncf_field,ncf_level
// skills: skill ids of the taxonomy separated by ';'. A sample generated
// from the embedded taxonomy ships in data/training/catalogue.csv.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::mobility {

struct Training {
  std::string id;
  std::string provider;
  std::string title;
  std::string country;  // ISO alpha-2
  std::string region;
  std::string city;
  int duration_hours = 0;
  std::optional<double> cost;  // in currency; none = not stated; 0 = free
  std::string currency;        // ISO 4217
  std::vector<std::string> skills;  // taught, skill ids
  std::string ncf_field;  // NCF domaine détaillé, 5 digits, or ""
  std::string ncf_level;  // NCF niveau de formation, 1 digit, or ""
  int line = 0;
  bool operator==(const Training&) const = default;
};

// Reads and checks a catalogue. With a taxonomy, every skill id must be one
// of its skills. Errors: kNotFound for a missing file; kDataError naming
// file, line and field:
//   catalogue.csv:4: skills: unknown skill 'T9999'
[[nodiscard]] Result<std::vector<Training>> ReadTrainingCatalogue(
    const std::string& path, const classification::Taxonomy* taxonomy = nullptr);

}  // namespace skillmatch::mobility
