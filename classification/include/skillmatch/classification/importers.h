// Importers of published classifications into a Taxonomy (then written as a
// bundle with WriteBundle). Each reads the publisher's CSV files as they are
// distributed (see ../shared/data/*/SOURCE.md) and reports problems as
// "file:line:column: message".
//
// With options.reporter null the first problem stops the import; with a
// reporter, problem rows are reported and skipped.
#pragma once

#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::classification {

struct ImportOptions {
  Reporter* reporter = nullptr;
  // Path of the official ESCO-ROME mapping CSV
  // (crosswalk-esco-rome/FR_20230607_mapping_esco_rome.csv). When set, ROME
  // importers attach it as crosswalk rows of system "esco" (job-title level
  // relations aggregated to occupations, see classification/README.md).
  std::string esco_rome_crosswalk;
  // Folders of ESCO occupation labels (esco-v1.1.1-en: occupations_en.csv;
  // esco-v1.2.x-fr: occupations_fr.csv). With the crosswalk, ROME importers
  // add their labels to the fiches the crosswalk relates them to, as job
  // titles whose source is "esco:<URI>", and the bundle's languages grow by
  // the folders' languages (see classification/README.md).
  std::vector<std::string> esco_label_dirs;
};

// ROME v3 "RefRomeCsv" folder (files "3-referentiel_code_rome_v344_utf8.csv"
// and siblings): 14 domains, 110 areas, 532 occupations, job titles,
// know-how and knowledge per occupation, typed mobility links.
[[nodiscard]] Result<Taxonomy> ImportRomeV3(const std::string& dir,
                                            const ImportOptions& options = {});

// ROME 4.0 folder ("unix_*_v460_utf8.csv"): 1,584 occupations under domains
// and areas, job titles, skills (know-how, knowledge, soft skills), core-skill
// flags, ranked mobility links; crosswalk "rome-v3" to each parent fiche.
[[nodiscard]] Result<Taxonomy> ImportRomeV4(const std::string& dir,
                                            const ImportOptions& options = {});

struct EscoSources {
  std::string en_dir;         // esco-v1.1.1-en: classification and relations
  std::string fr_dir;         // esco-v1.2.x-fr: French labels (optional)
  std::string fr_skills_dir;  // esco-skills-fr-labels-api (optional)
};

// ESCO: ISCO-08 groups (levels isco1..isco4) above ESCO occupations (level
// occupation, code = ESCO's own code such as 2512.4), skills (transversal ones
// as soft skills), essential/optional links; crosswalk "esco" (URI, exact) and
// "isco08" (unit group, broad) for every occupation.
[[nodiscard]] Result<Taxonomy> ImportEsco(const EscoSources& sources,
                                          const ImportOptions& options = {});

}  // namespace skillmatch::classification
