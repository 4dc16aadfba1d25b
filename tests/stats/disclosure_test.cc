#include "skillmatch/stats/disclosure.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stats/stats_fixture.h"

namespace skillmatch::engine::stats {
namespace {

using testing::Jobseeker;
using testing::Month;

CountTable Table(size_t rows, size_t columns, std::vector<int64_t> counts) {
  CountTable table;
  table.measure = "new_jobseekers";
  table.period = Period::Month(Month("2025-01"));
  for (size_t row = 0; row < rows; ++row)
    table.row_labels.push_back("R" + std::to_string(row));
  for (size_t column = 0; column < columns; ++column)
    table.column_labels.push_back("C" + std::to_string(column));
  table.counts = std::move(counts);
  return table;
}

// The attacker's view of a published grid ((rows + 1) x (columns + 1), with
// margins): every line says "its cells sum to its total". `hidden[e]` marks
// the entries not published.
struct AttackerView {
  size_t rows = 0, columns = 0;  // with the margins
  std::vector<bool> hidden;
};

AttackerView ViewOf(const PublishedTable& table) {
  AttackerView view;
  view.rows = table.rows() + 1;
  view.columns = table.columns() + 1;
  for (const PublishedEntry& entry : table.entries)
    view.hidden.push_back(!entry.value.has_value());
  return view;
}

// Differencing by hand, as a reader would: any line with one hidden entry
// gives it (total minus the others); repeat with what was learnt. Returns the
// entries recovered.
std::vector<size_t> Differencing(AttackerView view) {
  std::vector<size_t> recovered;
  bool progress = true;
  while (progress) {
    progress = false;
    std::vector<std::vector<size_t>> lines;
    for (size_t row = 0; row < view.rows; ++row) {
      lines.emplace_back();
      for (size_t column = 0; column < view.columns; ++column)
        lines.back().push_back(row * view.columns + column);
    }
    for (size_t column = 0; column < view.columns; ++column) {
      lines.emplace_back();
      for (size_t row = 0; row < view.rows; ++row)
        lines.back().push_back(row * view.columns + column);
    }
    for (const std::vector<size_t>& line : lines) {
      std::vector<size_t> unknown;
      for (size_t entry : line)
        if (view.hidden[entry]) unknown.push_back(entry);
      if (unknown.size() == 1) {
        view.hidden[unknown[0]] = false;
        recovered.push_back(unknown[0]);
        progress = true;
      }
    }
  }
  return recovered;
}

// The exact oracle: the hidden entries are the unknowns of the linear system
// "each line sums to zero" (cells minus their total); a hidden entry is
// determined by the published ones iff its unit vector lies in the row space
// of the system restricted to the unknowns, i.e. appending it does not raise
// the rank. Gaussian elimination in doubles (coefficients 0 and +-1).
int Rank(std::vector<std::vector<double>> matrix) {
  int rank = 0;
  const size_t columns = matrix.empty() ? 0 : matrix[0].size();
  for (size_t column = 0; column < columns && rank < (int)matrix.size();
       ++column) {
    size_t pivot = rank;
    for (size_t row = rank; row < matrix.size(); ++row)
      if (std::fabs(matrix[row][column]) > std::fabs(matrix[pivot][column]))
        pivot = row;
    if (std::fabs(matrix[pivot][column]) < 1e-9) continue;
    std::swap(matrix[pivot], matrix[rank]);
    for (size_t row = 0; row < matrix.size(); ++row) {
      if (row == (size_t)rank) continue;
      const double factor = matrix[row][column] / matrix[rank][column];
      for (size_t k = column; k < columns; ++k)
        matrix[row][k] -= factor * matrix[rank][k];
    }
    ++rank;
  }
  return rank;
}

std::vector<size_t> Determined(const AttackerView& view) {
  std::vector<size_t> unknowns;
  std::vector<int> unknown_index(view.hidden.size(), -1);
  for (size_t entry = 0; entry < view.hidden.size(); ++entry) {
    if (view.hidden[entry]) {
      unknown_index[entry] = static_cast<int>(unknowns.size());
      unknowns.push_back(entry);
    }
  }
  if (unknowns.empty()) return {};
  std::vector<std::vector<double>> system;
  auto add_line = [&](const std::vector<size_t>& line, size_t total) {
    std::vector<double> equation(unknowns.size(), 0);
    for (size_t entry : line)
      if (unknown_index[entry] >= 0) equation[unknown_index[entry]] += 1;
    if (unknown_index[total] >= 0) equation[unknown_index[total]] -= 1;
    system.push_back(equation);
  };
  for (size_t row = 0; row < view.rows; ++row) {
    std::vector<size_t> line;
    for (size_t column = 0; column + 1 < view.columns; ++column)
      line.push_back(row * view.columns + column);
    add_line(line, row * view.columns + view.columns - 1);
  }
  for (size_t column = 0; column < view.columns; ++column) {
    std::vector<size_t> line;
    for (size_t row = 0; row + 1 < view.rows; ++row)
      line.push_back(row * view.columns + column);
    add_line(line, (view.rows - 1) * view.columns + column);
  }
  const int rank = Rank(system);
  std::vector<size_t> determined;
  for (size_t unknown = 0; unknown < unknowns.size(); ++unknown) {
    std::vector<std::vector<double>> extended = system;
    extended.emplace_back(unknowns.size(), 0);
    extended.back()[unknown] = 1;
    if (Rank(extended) == rank) determined.push_back(unknowns[unknown]);
  }
  return determined;
}

// New jobseekers, occupations x regions:
//          X    Y    Z   total
//   A     20    3   15     38
//   B     12   25   30     67
//   C      8   14   22     44
//   total 40   42   67    149
// Primary: A-Y (3 < 5). Rows first: row A has one suppressed entry, its
// smallest other is A-Z (15; 20 and the total 38 are larger). Then columns:
// Y has A-Y alone, smallest other C-Y (14 < 25 < 42); Z has A-Z alone,
// smallest other C-Z (22 < 30 < 67). Next pass: every line has 0 or 2. The
// four form a cycle A-Y, A-Z, C-Z, C-Y: no bridge. Published: 11 of 16.
TEST(DisclosureTest, PrimaryAndSecondaryByHand) {
  const PublishedTable table =
      Publish(Table(3, 3, {20, 3, 15, 12, 25, 30, 8, 14, 22}));
  EXPECT_EQ(table.At(0, 1).suppression, Suppression::kPrimary);
  EXPECT_EQ(table.At(0, 2).suppression, Suppression::kSecondary);
  EXPECT_EQ(table.At(2, 1).suppression, Suppression::kSecondary);
  EXPECT_EQ(table.At(2, 2).suppression, Suppression::kSecondary);
  int suppressed = 0;
  for (const PublishedEntry& entry : table.entries) {
    suppressed += entry.suppression != Suppression::kNone;
    EXPECT_EQ(entry.value.has_value(), entry.suppression == Suppression::kNone);
  }
  EXPECT_EQ(suppressed, 4);
  EXPECT_EQ(table.RowTotal(0).value, 38);
  EXPECT_EQ(table.ColumnTotal(1).value, 42);
  EXPECT_EQ(table.GrandTotal().value, 149);
  EXPECT_EQ(table.Text(0, 1), "s");  // marked, not 0
  EXPECT_EQ(table.Text(0, 0), "20");
  // Quality: 12 and 8 are published but under 20 records.
  EXPECT_EQ(table.At(1, 0).quality, Quality::kFewRecords);
  EXPECT_EQ(table.At(0, 0).quality, Quality::kReliable);
  EXPECT_EQ(table.measure, "new_jobseekers");
  EXPECT_EQ(table.period.Label(), "2025-01");

  const AttackerView view = ViewOf(table);
  EXPECT_TRUE(Differencing(view).empty());
  EXPECT_TRUE(Determined(view).empty());
}

// Nine primaries that pass the one-per-line rule but leave a bridge:
//          c0   c1   c2   c3   total
//   r0      1    2   30   40     73
//   r1      3    4    2   50     59
//   r2     60   70    1    3    134
//   r3     80   90    4    2    176
//   total 144  166   37   95    442
// Cycles r0/r1 x c0/c1 and r2/r3 x c2/c3, joined by r1-c2 (2). A reader gets
// it: r1's hidden cells sum to 59 - 50 = 9; c0's to 144 - 140 = 4, c1's to
// 166 - 160 = 6, r0's to 73 - 70 = 3, so r1-c0 + r1-c1 = 4 + 6 - 3 = 7 and
// r1-c2 = 9 - 7 = 2. The exact oracle finds it (no single-line differencing
// does). The bridge rule cuts r1-c2 out: rows reachable from c2 without it
// are r2 r3, columns reachable from r1 are c0 c1; the smallest entry
// between them is r2-c0 (60), whose suppression closes the cycle
// r1-c2-r2-c0-r1.
TEST(DisclosureTest, BridgeBetweenTwoCyclesIsClosed) {
  const std::vector<int64_t> counts = {1,  2,  30, 40, 3,  4,  2, 50,
                                       60, 70, 1,  3,  80, 90, 4, 2};
  AttackerView primaries_only;
  primaries_only.rows = 5;
  primaries_only.columns = 5;
  primaries_only.hidden.assign(25, false);
  for (size_t row = 0; row < 4; ++row)
    for (size_t column = 0; column < 4; ++column)
      primaries_only.hidden[row * 5 + column] = counts[row * 4 + column] < 5;
  EXPECT_TRUE(Differencing(primaries_only).empty());
  EXPECT_EQ(Determined(primaries_only), (std::vector<size_t>{1 * 5 + 2}));

  const PublishedTable table = Publish(Table(4, 4, counts));
  EXPECT_EQ(table.At(1, 2).suppression, Suppression::kPrimary);
  EXPECT_EQ(table.At(2, 0).suppression, Suppression::kSecondary);
  int secondary = 0;
  for (const PublishedEntry& entry : table.entries)
    secondary += entry.suppression == Suppression::kSecondary;
  EXPECT_EQ(secondary, 1);
  EXPECT_TRUE(Determined(ViewOf(table)).empty());
}

TEST(DisclosureTest, SmallTotalsAndZeros) {
  // A row of 2 + 0 + 1: both non-zero cells and the row total (3) are
  // primary; zeros are published unless protect_zeros.
  //          X    Y    Z   total
  //   A      2    0    1      3
  //   B     30   40   50    120
  //   total 32   40   51    123
  const CountTable counts = Table(2, 3, {2, 0, 1, 30, 40, 50});
  const PublishedTable table = Publish(counts);
  EXPECT_EQ(table.At(0, 0).suppression, Suppression::kPrimary);
  EXPECT_EQ(table.At(0, 2).suppression, Suppression::kPrimary);
  EXPECT_EQ(table.RowTotal(0).suppression, Suppression::kPrimary);
  EXPECT_EQ(table.At(0, 1).value, 0);
  EXPECT_TRUE(Determined(ViewOf(table)).empty());

  DisclosureOptions zeros;
  zeros.protect_zeros = true;
  const PublishedTable strict = Publish(counts, zeros);
  EXPECT_EQ(strict.At(0, 1).suppression, Suppression::kPrimary);
  EXPECT_TRUE(Determined(ViewOf(strict)).empty());

  DisclosureOptions ten;
  ten.threshold = 10;
  EXPECT_EQ(Publish(Table(1, 2, {7, 30}), ten).At(0, 0).suppression,
            Suppression::kPrimary);
}

// Seeded random tables, many small counts: every entry under the threshold is
// suppressed, the published values are the true ones, and no suppressed entry
// can be recomputed, neither by differencing nor by the exact oracle.
TEST(DisclosureTest, RandomTablesResistDifferencing) {
  uint64_t state = 7;
  auto next = [&state](uint64_t bound) {  // splitmix64
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (z ^ (z >> 31)) % bound;
  };
  int suppressed_total = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const size_t rows = 1 + next(6), columns = 1 + next(6);
    std::vector<int64_t> counts(rows * columns);
    for (int64_t& count : counts)
      count = next(3) == 0 ? next(5) : static_cast<int64_t>(next(60));
    DisclosureOptions options;
    options.protect_zeros = next(4) == 0;
    const PublishedTable table = Publish(Table(rows, columns, counts), options);
    for (size_t row = 0; row <= rows; ++row) {
      for (size_t column = 0; column <= columns; ++column) {
        int64_t truth = 0;
        // The entry's true value: its cell, or the sum its margin stands for.
        for (size_t cell_row = 0; cell_row < rows; ++cell_row)
          for (size_t cell_column = 0; cell_column < columns; ++cell_column)
            if ((row == rows || cell_row == row) &&
                (column == columns || cell_column == column))
              truth += counts[cell_row * columns + cell_column];
        const PublishedEntry& entry = table.At(row, column);
        if (truth < 5 && (truth > 0 || options.protect_zeros))
          ASSERT_EQ(entry.suppression, Suppression::kPrimary);
        if (entry.value) ASSERT_EQ(*entry.value, truth);
        suppressed_total += !entry.value;
      }
    }
    const AttackerView view = ViewOf(table);
    ASSERT_TRUE(Differencing(view).empty()) << "trial " << trial;
    ASSERT_TRUE(Determined(view).empty()) << "trial " << trial;
  }
  EXPECT_GT(suppressed_total, 300);  // the test did exercise suppression
}

TEST(DisclosureTest, TableFromACube) {
  // New jobseekers in January 2025: F1703 x SN-DK 3, N1101 x SN-TH 1.
  std::vector<JobseekerSpell> jobseekers;
  for (int n = 0; n < 3; ++n)
    jobseekers.push_back(Jobseeker("J", "F1703", "SN-DK", "2025-01-05"));
  jobseekers.push_back(Jobseeker("J", "N1101", "SN-TH", "2025-01-06"));
  CubeOptions options;
  options.first_month = Month("2025-01");
  options.last_month = Month("2025-02");
  const Cube cube = ComputeCube({}, jobseekers, options).value();
  const Period january = Period::Month(Month("2025-01"));
  const CountTable table =
      TableFromCube(cube, january, "new_jobseekers",
                    [](const CellStats& cell) { return cell.new_jobseekers; });
  EXPECT_EQ(table.row_labels, (std::vector<std::string>{"F1703", "N1101"}));
  EXPECT_EQ(table.column_labels, (std::vector<std::string>{"SN-DK", "SN-TH"}));
  EXPECT_EQ(table.counts, (std::vector<int64_t>{3, 0, 0, 1}));
  EXPECT_EQ(table.provenance.jobseekers_counted, 4);
  // Every non-zero entry is under 5: all suppressed, zeros published.
  const PublishedTable published = Publish(table);
  EXPECT_EQ(published.GrandTotal().suppression, Suppression::kPrimary);
  EXPECT_EQ(published.At(0, 1).value, 0);
  EXPECT_TRUE(Determined(ViewOf(published)).empty());
}

}  // namespace
}  // namespace skillmatch::engine::stats
