// Statistical disclosure control of the count tables that are published.
//
// A table is a 2-D grid of counts (rows x columns, e.g. occupations x
// regions for one period) published with its row totals, column totals and
// grand total. Read as the (rows + 1) x (columns + 1) grid that includes
// the margins, each of its lines (a row with its total, a column with its
// total) is an additive relation, so:
//   1. primary suppression: any entry, margins included, counting from 1 to
//      threshold - 1 persons (threshold 5 by default; 0 too when
//      protect_zeros) is suppressed;
//   2. secondary suppression, to a fixed point:
//      a. in any line with exactly one suppressed entry, the smallest other
//         entry (positive first, then by position) is suppressed too;
//      b. when no line has exactly one, any suppressed entry whose value can
//         still be recomputed is protected: the suppressed entries are the
//         edges of a bipartite graph between the grid's lines, and an entry is
//         recomputable from the published ones exactly when its edge is a
//         bridge of that graph (it lies on no cycle). For each bridge the
//         smallest entry that closes a cycle through it is suppressed.
// At the fixed point every suppressed entry lies on a cycle of suppressed
// entries: no sum of published cells and totals gives its value.
// Limits: protects this one table only (the same counts published in another
// table, by another breakdown or period, can be combined with it); protects
// against exact recomputation, not against narrow bounds (a cell known to lie
// in 0..4 from its line); suppression is near-minimal, not optimal.
// Suppressed entries are marked, never published as 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "skillmatch/stats/cube.h"
#include "skillmatch/stats/spells.h"

namespace skillmatch::engine::stats {

struct CountTable {
  std::string measure;  // what is counted, e.g. "new_jobseekers"
  Period period;
  Provenance provenance;
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;
  std::vector<int64_t> counts;  // row-major: counts[row * columns + column]
};

// A table of `cube`'s cells of `period`: rows its occupations, columns its
// geographies, the count given by `measure` (e.g. [](const CellStats& cell)
// { return cell.new_jobseekers; }). Cells missing from the cube count 0.
CountTable TableFromCube(const Cube& cube, const Period& period,
                         const std::string& measure,
                         int64_t (*count)(const CellStats& cell));

enum class Suppression {
  kNone,
  kPrimary,    // fewer persons than the threshold
  kSecondary,  // suppressed to protect a primary one
};

struct DisclosureOptions {
  // Entries from 1 to threshold - 1 are suppressed (5: the usual rule of
  // national statistical offices for counts of persons).
  int64_t threshold = 5;
  // Suppress zeros as well (a zero tells that nobody in the cell has the
  // trait, itself a disclosure in some tables).
  bool protect_zeros = false;
  // Published entries below this carry Quality::kFewRecords.
  QualityOptions quality;
};

struct PublishedEntry {
  std::optional<int64_t> value;  // none when suppressed
  Suppression suppression = Suppression::kNone;
  Quality quality = Quality::kReliable;
};

struct PublishedTable {
  std::string measure;
  Period period;
  Provenance provenance;
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;
  // (rows + 1) x (columns + 1), row-major: row `rows` holds the column totals,
  // column `columns` the row totals, the last entry the grand total.
  std::vector<PublishedEntry> entries;

  size_t rows() const { return row_labels.size(); }
  size_t columns() const { return column_labels.size(); }
  const PublishedEntry& At(size_t row, size_t column) const {
    return entries[row * (columns() + 1) + column];
  }
  const PublishedEntry& RowTotal(size_t row) const {
    return At(row, columns());
  }
  const PublishedEntry& ColumnTotal(size_t column) const {
    return At(rows(), column);
  }
  const PublishedEntry& GrandTotal() const { return At(rows(), columns()); }
  // "12", or "s" (secret) for a suppressed entry, as INSEE prints them.
  std::string Text(size_t row, size_t column) const;
};

// The table with its margins, suppressions and quality flags. Asserts that
// counts has rows x columns entries (a programmer error otherwise).
PublishedTable Publish(const CountTable& table,
                       const DisclosureOptions& options = {});

}  // namespace skillmatch::engine::stats
