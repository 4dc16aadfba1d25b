#include "skillmatch/stats/disclosure.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace skillmatch::engine::stats {

CountTable TableFromCube(const Cube& cube, const Period& period,
                         const std::string& measure,
                         int64_t (*count)(const CellStats& cell)) {
  CountTable table;
  table.measure = measure;
  table.period = period;
  table.provenance = cube.provenance;
  std::set<std::string> rows, columns;
  for (const CellStats& cell : cube.cells) {
    if (!(cell.period == period)) continue;
    rows.insert(cell.occupation);
    columns.insert(cell.geography);
  }
  table.row_labels.assign(rows.begin(), rows.end());
  table.column_labels.assign(columns.begin(), columns.end());
  table.counts.assign(rows.size() * columns.size(), 0);
  for (const CellStats& cell : cube.cells) {
    if (!(cell.period == period)) continue;
    const size_t row =
        std::lower_bound(table.row_labels.begin(), table.row_labels.end(),
                         cell.occupation) -
        table.row_labels.begin();
    const size_t column =
        std::lower_bound(table.column_labels.begin(), table.column_labels.end(),
                         cell.geography) -
        table.column_labels.begin();
    table.counts[row * columns.size() + column] = count(cell);
  }
  return table;
}

std::string PublishedTable::Text(size_t row, size_t column) const {
  const PublishedEntry& entry = At(row, column);
  return entry.value ? std::to_string(*entry.value) : "s";
}

namespace {

// The grid with its margins and what is suppressed in it. Nodes of the
// suppression graph: line `row` is node row, column `column` is node
// rows_ + column (rows_ and columns_ count the margins).
class Grid {
 public:
  Grid(size_t rows, size_t columns)
      : rows_(rows),
        columns_(columns),
        values_(rows * columns, 0),
        marks_(rows * columns, Suppression::kNone) {}

  int64_t& value(size_t row, size_t column) {
    return values_[row * columns_ + column];
  }
  Suppression& mark(size_t row, size_t column) {
    return marks_[row * columns_ + column];
  }
  bool suppressed(size_t row, size_t column) {
    return mark(row, column) != Suppression::kNone;
  }

  // Rule a: one pass over the lines; whether anything was suppressed.
  bool CompleteLines() {
    bool changed = false;
    for (size_t row = 0; row < rows_; ++row) {
      std::vector<std::pair<size_t, size_t>> line;
      for (size_t column = 0; column < columns_; ++column)
        line.emplace_back(row, column);
      changed |= CompleteLine(line);
    }
    for (size_t column = 0; column < columns_; ++column) {
      std::vector<std::pair<size_t, size_t>> line;
      for (size_t row = 0; row < rows_; ++row) line.emplace_back(row, column);
      changed |= CompleteLine(line);
    }
    return changed;
  }

  // Rule b: protects one bridge; whether there was one.
  bool ProtectOneBridge() {
    const std::optional<std::pair<size_t, size_t>> bridge = FindBridge();
    if (!bridge) return false;
    const auto [bridge_row, bridge_column] = *bridge;
    const std::vector<bool> row_side =
        Reachable(bridge_row, *bridge);  // holds bridge_row
    const std::vector<bool> column_side =
        Reachable(rows_ + bridge_column, *bridge);
    std::optional<std::pair<size_t, size_t>> best;
    for (size_t row = 0; row < rows_; ++row) {
      if (!column_side[row]) continue;
      for (size_t column = 0; column < columns_; ++column) {
        if (!row_side[rows_ + column] || suppressed(row, column)) continue;
        if (!best || Better(row, column, best->first, best->second)) {
          best = std::make_pair(row, column);
        }
      }
    }
    assert(best && "a bridge between nodes of degree >= 2 has a complement");
    mark(best->first, best->second) = Suppression::kSecondary;
    return true;
  }

 private:
  // Positive values before zeros, then the smaller, then the first.
  bool Better(size_t row, size_t column, size_t best_row, size_t best_column) {
    const int64_t value_a = value(row, column);
    const int64_t value_b = value(best_row, best_column);
    return std::make_tuple(value_a == 0, value_a, row, column) <
           std::make_tuple(value_b == 0, value_b, best_row, best_column);
  }

  bool CompleteLine(const std::vector<std::pair<size_t, size_t>>& line) {
    int count = 0;
    for (const auto& [row, column] : line) count += suppressed(row, column);
    if (count != 1) return false;
    std::optional<std::pair<size_t, size_t>> best;
    for (const auto& [row, column] : line) {
      if (suppressed(row, column)) continue;
      if (!best || Better(row, column, best->first, best->second)) {
        best = std::make_pair(row, column);
      }
    }
    if (!best) return false;  // a line of one entry: nothing to pair with
    mark(best->first, best->second) = Suppression::kSecondary;
    return true;
  }

  std::vector<std::vector<std::pair<size_t, size_t>>> Adjacency() {
    // adjacency[node] = (neighbour node, edge id = row * columns_ + column)
    std::vector<std::vector<std::pair<size_t, size_t>>> adjacency(rows_ +
                                                                  columns_);
    for (size_t row = 0; row < rows_; ++row) {
      for (size_t column = 0; column < columns_; ++column) {
        if (!suppressed(row, column)) continue;
        const size_t edge = row * columns_ + column;
        adjacency[row].emplace_back(rows_ + column, edge);
        adjacency[rows_ + column].emplace_back(row, edge);
      }
    }
    return adjacency;
  }

  // Tarjan's bridge-finding (discovery times and low links), first bridge
  // in edge order for determinism.
  std::optional<std::pair<size_t, size_t>> FindBridge() {
    const auto adjacency = Adjacency();
    const size_t nodes = adjacency.size();
    std::vector<int> discovered(nodes, -1), low(nodes, 0);
    std::vector<size_t> bridges;
    int time = 0;
    std::function<void(size_t, size_t)> visit = [&](size_t node,
                                                    size_t parent_edge) {
      discovered[node] = low[node] = time++;
      for (const auto& [next, edge] : adjacency[node]) {
        if (edge == parent_edge) continue;
        if (discovered[next] < 0) {
          visit(next, edge);
          low[node] = std::min(low[node], low[next]);
          if (low[next] > discovered[node]) bridges.push_back(edge);
        } else {
          low[node] = std::min(low[node], discovered[next]);
        }
      }
    };
    for (size_t node = 0; node < nodes; ++node) {
      if (discovered[node] < 0) visit(node, SIZE_MAX);
    }
    if (bridges.empty()) return std::nullopt;
    const size_t edge = *std::min_element(bridges.begin(), bridges.end());
    return std::make_pair(edge / columns_, edge % columns_);
  }

  // Nodes reachable from `start` over suppressed entries but `cut`.
  std::vector<bool> Reachable(size_t start, std::pair<size_t, size_t> cut) {
    const auto adjacency = Adjacency();
    const size_t cut_edge = cut.first * columns_ + cut.second;
    std::vector<bool> seen(adjacency.size(), false);
    std::vector<size_t> stack = {start};
    seen[start] = true;
    while (!stack.empty()) {
      const size_t node = stack.back();
      stack.pop_back();
      for (const auto& [next, edge] : adjacency[node]) {
        if (edge == cut_edge || seen[next]) continue;
        seen[next] = true;
        stack.push_back(next);
      }
    }
    return seen;
  }

  size_t rows_, columns_;
  std::vector<int64_t> values_;
  std::vector<Suppression> marks_;
};

}  // namespace

PublishedTable Publish(const CountTable& table,
                       const DisclosureOptions& options) {
  const size_t rows = table.row_labels.size();
  const size_t columns = table.column_labels.size();
  assert(table.counts.size() == rows * columns);
  Grid grid(rows + 1, columns + 1);
  for (size_t row = 0; row < rows; ++row) {
    for (size_t column = 0; column < columns; ++column) {
      const int64_t count = table.counts[row * columns + column];
      grid.value(row, column) = count;
      grid.value(row, columns) += count;
      grid.value(rows, column) += count;
      grid.value(rows, columns) += count;
    }
  }
  for (size_t row = 0; row <= rows; ++row) {
    for (size_t column = 0; column <= columns; ++column) {
      const int64_t value = grid.value(row, column);
      if (value < options.threshold && (value > 0 || options.protect_zeros)) {
        grid.mark(row, column) = Suppression::kPrimary;
      }
    }
  }
  // Each pass suppresses at least one more entry, so this ends.
  while (grid.CompleteLines() || grid.ProtectOneBridge()) {
  }

  PublishedTable published;
  published.measure = table.measure;
  published.period = table.period;
  published.provenance = table.provenance;
  published.row_labels = table.row_labels;
  published.column_labels = table.column_labels;
  published.entries.resize((rows + 1) * (columns + 1));
  for (size_t row = 0; row <= rows; ++row) {
    for (size_t column = 0; column <= columns; ++column) {
      PublishedEntry& entry = published.entries[row * (columns + 1) + column];
      entry.suppression = grid.mark(row, column);
      if (entry.suppression == Suppression::kNone) {
        entry.value = grid.value(row, column);
        entry.quality = *entry.value < options.quality.min_records
                            ? Quality::kFewRecords
                            : Quality::kReliable;
      } else {
        // Every suppressed entry carries the same flag: it tells nothing.
        entry.quality = Quality::kFewRecords;
      }
    }
  }
  return published;
}

}  // namespace skillmatch::engine::stats
