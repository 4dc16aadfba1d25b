// Reading the statistics' spells out of a store (issue 16).
//
//   auto store = Store::Open("pes.db", {});
//   auto taxonomy = (*store)->ReadTaxonomy();
//   Result<StatsInput> input = LoadSpells(**store, *taxonomy, {});
//   // input->offers, input->jobseekers: the input of engine/stats.
//
// One offer spell per stored offer with a publication date (an offer the
// import linked as a duplicate of another source's is not a stored offer, so
// it counts once, as the original): from its
// publication to its closing (the offer's `closed` date and reason, or the
// day of the first `accepted` decision on it, which closes it as filled;
// engine/store/README.md, "Schema version 4"). One jobseeker spell per stored
// profile with a registration date: from registration to exit. Each spell
// carries the occupation's area (its parent node) and domain (its root) from
// `taxonomy`, the region and country of the record's location, the skill ids
// (technical, knowledge and soft) and the source. A jobseeker has one spell
// per registration (Store::ForEachRegistration): one who left and came back
// counts twice, with the profile's current occupation, place and skills.
//
// Codes of the geography levels: country = the location's ISO code ("??"
// when empty); region = "<country>/<region as written>" ("SN/Dakar"), so that
// two countries' regions of one name stay apart ("SN/?" when the region is
// empty). An occupation the taxonomy lacks keeps its code, with area and
// domain "?" (counted in StatsInput::unknown_occupations).
//
// Errors: the store's (kIoError, kDataError with the path), and kDataError
// when a stored record breaks the spells' rule (closed or exited before it
// started), naming the record: "pes.db: offer O12: closed on 2025-01-03
// before its publication on 2025-01-05".
//
// Reads the whole store into memory (about 300 bytes a spell); not
// thread-safe with other uses of the same Store (see store.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/stats/spells.h"
#include "skillmatch/store/store.h"

namespace skillmatch::engine {

struct LoadSpellsOptions {
  // The source of the PES's own records: given to offers whose `source` is
  // empty, and to every jobseeker spell. Default "pes".
  std::string own_source = "pes";
  // Only the records of this agency (the server's column agency); empty =
  // every record. Default empty.
  std::string agency;
};

struct StatsInput {
  std::vector<stats::OfferSpell> offers;          // by offer id
  std::vector<stats::JobseekerSpell> jobseekers;  // by jobseeker id
  // Records left out because they carry no start date (an offer without
  // `published`, a jobseeker without `registered`): a stock cannot be dated
  // without it. Reported so that a caller can say so beside the figures.
  int64_t offers_undated = 0;
  int64_t jobseekers_undated = 0;
  // Spells whose occupation the taxonomy lacks (area and domain "?").
  int64_t unknown_occupations = 0;
};

// The spells of every dated offer and jobseeker of `store`, area and domain
// from `taxonomy` (the store's own, ReadTaxonomy, in the usual case). Takes
// the Store by non-const reference because reading it runs statements.
[[nodiscard]] Result<StatsInput> LoadSpells(
    Store& store, const classification::Taxonomy& taxonomy,
    const LoadSpellsOptions& options);

}  // namespace skillmatch::engine
