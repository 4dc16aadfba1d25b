#include "skillmatch/import/import_report.h"

#include <cstdio>

#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::engine {

namespace {

std::string TwoDecimals(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(value));
  return text;
}

}  // namespace

ImportReportWriter::ImportReportWriter(std::ostream& out, std::string title_column,
                                       const classification::Taxonomy& taxonomy,
                                       ImportReportWording wording)
    : out_(out),
      title_column_(std::move(title_column)),
      taxonomy_(taxonomy),
      wording_(std::move(wording)) {
  csv::WriteRow(out_, {"file", "line", "outcome", "offer_id", "needs_review", "field", "message",
                       "value", "code"});
}

void ImportReportWriter::Write(const RowReport& row) {
  const std::string line = std::to_string(row.line);
  const std::string review = row.needs_review ? "1" : "0";
  const bool rejected = row.outcome == RowOutcome::kRejected;
  const std::string message =
      rejected && wording_.rejection ? wording_.rejection(row) : row.message;
  csv::WriteRow(out_, {row.file, line, std::string(ToString(row.outcome)), row.offer_id, review,
                       row.field, message, row.value,
                       rejected ? std::string(ToString(row.kind)) : ""});
  // One more line per warning: the row is kept, this value is not.
  for (const RowWarning& warning : row.warnings) {
    csv::WriteRow(out_, {row.file, line, "warning", row.offer_id, review, warning.field,
                         wording_.warning ? wording_.warning(row, warning) : warning.message,
                         warning.value, std::string(ToString(warning.kind))});
  }
  // One more line per job of a title that names several, but the one the
  // offer is coded to (offer_codings holds one coding).
  for (const OtherCoding& other : row.other_codings) {
    const classification::NodeIndex node = taxonomy_.FindNode(other.code);
    const std::string label = node == classification::kNoNode ? "" : taxonomy_.node(node).label;
    const std::string text =
        wording_.other_coding
            ? wording_.other_coding(row, other, title_column_, label)
            : row.file + ":" + line + ":" + title_column_ + ": the title also names " +
                  text::Quoted(other.title) + ": " + other.code + (label.empty() ? "" : " " + label) +
                  " (confidence " + TwoDecimals(other.confidence) + ")";
    csv::WriteRow(out_, {row.file, line, "other_coding", row.offer_id, review, title_column_, text,
                         other.title, ""});
  }
}

}  // namespace skillmatch::engine
