// The row-by-row report of an offer import, as CSV: one writer for
// `skillmatch import offers --report FILE` and the pages' download
// (tools/server/pages/page_import.cc), so that the two cannot drift apart.
//
// Columns: file,line,outcome,offer_id,needs_review,field,message,value,code
//   - a line per row, its outcome as ToString(RowOutcome) names it; a
//     rejected row's field, message, the value refused and the kind of
//     problem (problem_kind.h) in `code`;
//   - after it, a line per warning of the row (outcome `warning`): the
//     field, the message, the value as the source wrote it, the kind;
//   - then a line per further job its title names (outcome `other_coding`):
//     the title's column, a message naming the job's code, label and
//     confidence, that part of the title as `value`; `code` empty.
// Rows are the lines whose outcome is neither `warning` nor `other_coding`.
// Messages are the engine's (English) unless an ImportReportWording words
// them (the pages' French).
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/import/offer_import.h"

namespace skillmatch::engine {

// Each function, when set, gives the message of its kind of line.
struct ImportReportWording {
  std::function<std::string(const RowReport& row)> rejection;
  std::function<std::string(const RowReport& row, const RowWarning& warning)> warning;
  // `column`: the title's; `label`: the job's occupation ("" when the
  // taxonomy lacks its code).
  std::function<std::string(const RowReport& row, const OtherCoding& other,
                            const std::string& column, const std::string& label)>
      other_coding;
};

class ImportReportWriter {
 public:
  // Writes the header line to `out`, which must outlive the writer.
  // `title_column` is the mapping's title column (or JSON pointer);
  // `taxonomy` names the other codings' occupations.
  ImportReportWriter(std::ostream& out, std::string title_column,
                     const classification::Taxonomy& taxonomy,
                     ImportReportWording wording = {});

  // The lines of one row, as above.
  void Write(const RowReport& row);

 private:
  std::ostream& out_;
  std::string title_column_;
  const classification::Taxonomy& taxonomy_;
  ImportReportWording wording_;
};

}  // namespace skillmatch::engine
