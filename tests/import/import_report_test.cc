// The import report's one writer (skillmatch/import/import_report.h), with
// the engine's messages and with a wording of the caller's.
#include "skillmatch/import/import_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "support/sample_taxonomy.h"
#include "support/shell.h"

namespace skillmatch::engine {
namespace {

using testing::Lines;
using testing::SampleTaxonomy;

// A row kept with a warning and a title naming a second job, then a
// rejected row.
std::vector<RowReport> Rows() {
  RowReport kept;
  kept.file = "offres.csv";
  kept.line = 2;
  kept.outcome = RowOutcome::kInserted;
  kept.offer_id = "anpe:7";
  kept.needs_review = true;
  RowWarning warning;
  warning.field = "date_publication";
  warning.value = "31/13/2024";
  warning.message = "offres.csv:2:date_publication: expected a date, got '31/13/2024'; left empty";
  warning.kind = ProblemKind::kDate;
  kept.warnings.push_back(warning);
  kept.other_codings.push_back({"Plombier", "F1602", 0.875f});
  kept.other_codings.push_back({"Jongleur", "Z9999", 0.5f});
  RowReport rejected;
  rejected.file = "offres.csv";
  rejected.line = 3;
  rejected.outcome = RowOutcome::kRejected;
  rejected.field = "pays";
  rejected.value = "Wakanda";
  rejected.message = "offres.csv:3:pays: expected an ISO 3166 country code, got 'Wakanda'";
  rejected.kind = ProblemKind::kCountry;
  return {kept, rejected};
}

TEST(ImportReport, EachRowItsWarningsAndItsOtherJobsInTheEnginesWords) {
  std::ostringstream out;
  ImportReportWriter writer(out, "titre", SampleTaxonomy());
  for (const RowReport& row : Rows()) writer.Write(row);
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 6u) << out.str();
  EXPECT_EQ(lines[0], "file,line,outcome,offer_id,needs_review,field,message,value,code");
  EXPECT_EQ(lines[1], "offres.csv,2,inserted,anpe:7,1,,,,");
  EXPECT_EQ(lines[2],
            "offres.csv,2,warning,anpe:7,1,date_publication,\"offres.csv:2:date_publication: "
            "expected a date, got '31/13/2024'; left empty\",31/13/2024,date");
  EXPECT_EQ(lines[3],
            "offres.csv,2,other_coding,anpe:7,1,titre,offres.csv:2:titre: the title also names "
            "'Plombier': F1602 Plomberie et installations sanitaires (confidence 0.88),"
            "Plombier,");
  // A code the taxonomy lacks: no label, the code still said.
  EXPECT_EQ(lines[4],
            "offres.csv,2,other_coding,anpe:7,1,titre,offres.csv:2:titre: the title also names "
            "'Jongleur': Z9999 (confidence 0.50),Jongleur,");
  EXPECT_EQ(lines[5],
            "offres.csv,3,rejected,,0,pays,\"offres.csv:3:pays: expected an ISO 3166 country "
            "code, got 'Wakanda'\",Wakanda,country");
}

TEST(ImportReport, AWordingReplacesEachKindOfMessage) {
  ImportReportWording wording;
  wording.rejection = [](const RowReport& row) { return "rejet " + row.value; };
  wording.warning = [](const RowReport&, const RowWarning& w) { return "avert " + w.field; };
  wording.other_coding = [](const RowReport&, const OtherCoding& other,
                            const std::string& column, const std::string& label) {
    return "aussi " + column + " " + other.code + " [" + label + "]";
  };
  std::ostringstream out;
  ImportReportWriter writer(out, "titre", SampleTaxonomy(), wording);
  for (const RowReport& row : Rows()) writer.Write(row);
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 6u) << out.str();
  EXPECT_EQ(lines[1], "offres.csv,2,inserted,anpe:7,1,,,,");
  EXPECT_EQ(lines[2], "offres.csv,2,warning,anpe:7,1,date_publication,avert date_publication,"
                      "31/13/2024,date");
  EXPECT_EQ(lines[3], "offres.csv,2,other_coding,anpe:7,1,titre,"
                      "aussi titre F1602 [Plomberie et installations sanitaires],Plombier,");
  EXPECT_EQ(lines[4], "offres.csv,2,other_coding,anpe:7,1,titre,aussi titre Z9999 [],Jongleur,");
  EXPECT_EQ(lines[5], "offres.csv,3,rejected,,0,pays,rejet Wakanda,Wakanda,country");
}

}  // namespace
}  // namespace skillmatch::engine
