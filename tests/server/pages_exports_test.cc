// The exports (tools/server/pages/page_exports.cc): an offer's shortlist and
// the list of the agency's jobseekers as CSV and .xlsx, read back and
// compared with the store; the columns of each role, refusals of the roles
// without the right, another agency's offer, formula injection, the audit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

#include "pages/export.h"
#include "server/pages_fixture.h"
#include "skillmatch/model/date.h"
#include "support/shell.h"

namespace skillmatch::testing {
namespace {

const std::string kBom = "\xEF\xBB\xBF";

// A CSV as the exports write it (export.h): BOM, `;`, CRLF, quotes.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text, std::string* error) {
  std::vector<std::vector<std::string>> rows;
  if (text.rfind(kBom, 0) != 0) {
    *error = "no byte-order mark";
    return rows;
  }
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t pos = kBom.size(); pos < text.size(); ++pos) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
        field += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ';') {
      row.push_back(field);
      field.clear();
    } else if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      ++pos;
    } else if (c == '\n') {
      *error = "bare LF at byte " + std::to_string(pos);
      return rows;
    } else {
      field += c;
    }
  }
  if (!row.empty() || !field.empty()) *error = "last row without CRLF";
  return rows;
}

std::string XmlText(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += 1) {
      text.replace(pos, std::string(from).size(), to);
    }
  }
  return text;
}

// A cell of the first sheet: its type ("s" shared string, "n" number) and
// its value (the string itself for "s"), and whether it holds a formula.
struct XlsxCell {
  std::string type;
  std::string value;
  bool formula = false;
};

// The first sheet of an .xlsx (a zip), read with unzip -p: cells by
// reference ("A1").
std::map<std::string, XlsxCell> ReadXlsx(const std::string& bytes, std::string* raw_sheet) {
  TempDir dir;
  dir.Write("book.xlsx", bytes);
  Outcome strings = Shell("unzip -p " + dir.Child("book.xlsx") + " xl/sharedStrings.xml", dir);
  Outcome sheet = Shell("unzip -p " + dir.Child("book.xlsx") + " xl/worksheets/sheet1.xml", dir);
  EXPECT_EQ(sheet.code, 0) << sheet.err;
  *raw_sheet = sheet.out;
  std::vector<std::string> shared;
  static const std::regex si("<si><t(?: [^>]*)?>([^<]*)</t></si>");
  for (auto it = std::sregex_iterator(strings.out.begin(), strings.out.end(), si);
       it != std::sregex_iterator(); ++it) {
    shared.push_back(XmlText((*it)[1]));
  }
  std::map<std::string, XlsxCell> cells;
  static const std::regex cell("<c r=\"([A-Z]+[0-9]+)\"([^>]*)>(.*?)</c>");
  static const std::regex type_attr("t=\"([a-z]+)\"");
  static const std::regex value("<v>([^<]*)</v>");
  for (auto it = std::sregex_iterator(sheet.out.begin(), sheet.out.end(), cell);
       it != std::sregex_iterator(); ++it) {
    XlsxCell c;
    const std::string attrs = (*it)[2];
    const std::string inner = (*it)[3];
    std::smatch m;
    c.type = std::regex_search(attrs, m, type_attr) ? std::string(m[1]) : "n";
    c.formula = inner.find("<f") != std::string::npos;
    if (std::regex_search(inner, m, value)) c.value = m[1];
    if (c.type == "s") {
      const size_t index = std::stoul(c.value);
      c.value = index < shared.size() ? shared[index] : "?";
    }
    cells[(*it)[1]] = c;
  }
  return cells;
}

std::string ColumnName(size_t col_idx) { return std::string(1, static_cast<char>('A' + col_idx)); }

// Excel's serial number of a day (1900 date system).
std::string Serial(const std::string& iso) {
  const auto day = engine::Date::Parse(iso);
  return day ? std::to_string(day->days_since_epoch() + 25569) : "?";
}

std::string FrenchDay(const std::string& iso) {
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

class PagesExports : public PagesFixture {
 protected:
  std::vector<std::string> AuditRecords(const std::string& action) {
    std::vector<std::string> records;
    for (const engine::AuditEntry& e : AuditEntries(action)) records.push_back(e.record);
    return records;
  }

  // A third jobseeker of "dakar" whose city and reason try formula
  // injection, registered earlier and gone; and decisions on the offer.
  const std::string kInjected = "=HYPERLINK(\"http://evil.example\";\"x\")";
  const std::string kCity = "@SUM(1+1)";
  std::string third = "SN-2026-009999";

  void SetUp() override {
    auto store = server.OpenStore();
    auto profile = store->GetProfile(server.dakar_profile2);
    ASSERT_TRUE(profile.ok());
    engine::Profile p = *profile;
    p.id = third;
    p.location.city = kCity;
    p.target_occupations = {"F1702"};
    p.registered = "2025-05-02";
    p.exited = "2026-01-15";
    p.exit_reason = "employment";
    ASSERT_TRUE(store->UpsertProfile(p).ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kProfile, third, "dakar").ok());
  }

  void Decide(const Session& session, const std::string& profile, const std::string& status,
              const std::string& reason = "") {
    Answer done = Post(session, "/offres/" + server.dakar_offer + "/decisions",
                       "demandeur=" + profile + "&statut=" + status +
                           (reason.empty() ? "" : "&motif=" + Encode(reason)));
    ASSERT_EQ(done.status, 303) << done.body;
  }
};

TEST(PagesExportFormats, CsvIsFrenchExcelsAndNeutralisesFormulas) {
  pages::ExportTable table;
  table.headers = {"Nom", "Valeur"};
  table.rows = {{pages::ExportCell::Text("a;b \"c\""), pages::ExportCell::Number(87.54, 1)},
                {pages::ExportCell::Text("=1+1"), pages::ExportCell::Day("2026-12-07")},
                {pages::ExportCell::Text("-2"), pages::ExportCell::Day("2026-02-30")},
                {pages::ExportCell::Text("\tx"), pages::ExportCell::Text("+x")},
                {pages::ExportCell::Text("\rx"), pages::ExportCell::Text("@x")},
                {pages::ExportCell::Text("ligne\nsuivante"), pages::ExportCell::Text("é")}};
  const std::string csv = pages::ToCsv(table);
  EXPECT_EQ(csv, kBom +
                     "Nom;Valeur\r\n"
                     "\"a;b \"\"c\"\"\";87,5\r\n"  // decimal comma, one decimal
                     "'=1+1;07/12/2026\r\n"
                     "'-2;\r\n"  // not a real day: empty
                     "'\tx;'+x\r\n"
                     "\"'\rx\";'@x\r\n"
                     "\"ligne\nsuivante\";é\r\n");
  for (const char* text : {"=", "+", "-", "@", "\t", "\r"}) {
    EXPECT_TRUE(pages::LooksLikeFormula(text + std::string("A1"))) << text;
  }
  EXPECT_FALSE(pages::LooksLikeFormula("A=1"));
  EXPECT_FALSE(pages::LooksLikeFormula(""));
}

TEST(PagesExportFormats, XlsxCellsAreTypedAndFormulaLikeTextStaysText) {
  pages::ExportTable table;
  table.sheet = "Essai";
  table.headers = {"Texte", "Nombre", "Jour"};
  table.rows = {{pages::ExportCell::Text("=1+1"), pages::ExportCell::Number(87.5, 1),
                 pages::ExportCell::Day("2026-12-07")},
                {pages::ExportCell::Text("<b>&</b>"), pages::ExportCell{},
                 pages::ExportCell::Day("2025-01-01")}};
  // The workbook's temporary files go under $TMPDIR: a folder of the test's.
  TempDir tmp;
  const char* before = std::getenv("TMPDIR");
  const std::string saved = before ? before : "";
  ::setenv("TMPDIR", tmp.path().c_str(), 1);
  Result<std::string> bytes = pages::ToXlsx(table);
  if (before) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));  // removed after
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  ASSERT_GT(bytes->size(), 4u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  std::string sheet;
  auto cells = ReadXlsx(*bytes, &sheet);
  EXPECT_EQ(cells["A1"].value, "Texte");
  EXPECT_EQ(cells["C1"].value, "Jour");
  EXPECT_EQ(cells["A2"].type, "s");
  EXPECT_EQ(cells["A2"].value, "=1+1");
  EXPECT_FALSE(cells["A2"].formula);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_EQ(cells["B2"].type, "n");
  EXPECT_EQ(cells["B2"].value, "87.5");
  EXPECT_EQ(cells["C2"].value, Serial("2026-12-07"));
  EXPECT_EQ(cells["C2"].value, "46363");  // Excel's own serial of 07/12/2026
  EXPECT_EQ(cells["A3"].value, "<b>&</b>");
  EXPECT_EQ(cells.count("B3"), 0u);
}

TEST_F(PagesExports, ShortlistCsvAndXlsxHoldTheStoresDecisionsForACounsellor) {
  Session counsellor = SignIn("counsellor");
  ASSERT_EQ(counsellor.status, 303);
  Decide(counsellor, server.dakar_profile2, "proposed");
  Decide(counsellor, server.dakar_profile, "proposed");
  Decide(counsellor, server.dakar_profile, "refused", kInjected);
  // The fiche offre has the two buttons.
  Answer page = Get(counsellor, "/offres/" + server.dakar_offer);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/offres/" + server.dakar_offer + "/export/csv\" download>Exporter (CSV)"),
            std::string::npos);
  EXPECT_NE(page.body.find("/export/xlsx\" download>Exporter (Excel)"), std::string::npos);

  Answer csv = Get(counsellor, "/offres/" + server.dakar_offer + "/export/csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("Cache-Control"), "no-store");
  const std::string disposition = csv.header("Content-Disposition");
  EXPECT_EQ(disposition.rfind("attachment; filename=\"preselection-", 0), 0u) << disposition;
  for (const std::string& person : {server.dakar_profile, server.dakar_profile2}) {
    EXPECT_EQ(disposition.find(person), std::string::npos);
  }
  std::string error;
  auto rows = ParseCsv(csv.body, &error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Demandeur", "Étape", "Score (sur 100)",
                                                "Date de la décision", "Motif", "Par"}));
  // Each row is the person's latest decision in the store, by id.
  auto store = server.OpenStore();
  auto decisions = store->ListDecisions({"", server.dakar_offer});
  ASSERT_TRUE(decisions.ok());
  std::map<std::string, engine::Decision> last;
  for (const auto& d : *decisions) last[d.profile_id] = d;
  ASSERT_EQ(last.size(), 2u);
  size_t row_idx = 1;
  for (const auto& [id, d] : last) {
    const auto& row = rows[row_idx++];
    ASSERT_EQ(row.size(), 6u);
    EXPECT_EQ(row[0], id);
    EXPECT_EQ(row[1], d.status == "refused" ? "refusé" : "proposé");
    const double score = std::stod(std::regex_replace(row[2], std::regex(","), "."));
    EXPECT_GE(score, 0.0);
    EXPECT_LE(score, 100.0);
    EXPECT_EQ(row[3], FrenchDay(d.decided_at.substr(0, 10)));
    // A reason that would be a formula is written as text.
    EXPECT_EQ(row[4], d.reason.empty() ? "" : "'" + d.reason);
    EXPECT_EQ(row[5], d.counsellor);
  }
  EXPECT_EQ(last[server.dakar_profile].reason, kInjected);

  Answer xlsx = Get(counsellor, "/offres/" + server.dakar_offer + "/export/xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.header("Cache-Control"), "no-store");
  EXPECT_NE(xlsx.header("Content-Disposition").find(".xlsx\""), std::string::npos);
  std::string sheet;
  auto cells = ReadXlsx(xlsx.body, &sheet);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  for (size_t col_idx = 0; col_idx < rows[0].size(); ++col_idx) {
    EXPECT_EQ(cells[ColumnName(col_idx) + "1"].value, rows[0][col_idx]);
  }
  row_idx = 2;
  for (const auto& [id, d] : last) {
    const std::string n = std::to_string(row_idx++);
    EXPECT_EQ(cells["A" + n].value, id);
    EXPECT_EQ(cells["C" + n].type, "n");
    EXPECT_EQ(cells["D" + n].value, Serial(d.decided_at.substr(0, 10)));
    if (!d.reason.empty()) {
      EXPECT_EQ(cells["E" + n].type, "s");
      EXPECT_EQ(cells["E" + n].value, d.reason);  // the text itself, never a formula
      EXPECT_FALSE(cells["E" + n].formula);
    }
  }
  // Both exports audited with the offer, the format and the row count.
  EXPECT_EQ(AuditRecords("export.shortlist"),
            (std::vector<std::string>{server.dakar_offer + " format=csv rows=2",
                                      server.dakar_offer + " format=xlsx rows=2"}));
}

TEST_F(PagesExports, EmployerRelationsExportIdsAndStagesOnlyAndOtherRolesAreRefused) {
  Session counsellor = SignIn("counsellor");
  Decide(counsellor, server.dakar_profile, "refused", kInjected);
  Session relations = SignIn("employer_relations");
  ASSERT_EQ(relations.status, 303);
  Answer csv = Get(relations, "/offres/" + server.dakar_offer + "/export/csv");
  ASSERT_EQ(csv.status, 200);
  std::string error;
  auto rows = ParseCsv(csv.body, &error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Demandeur", "Étape"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{server.dakar_profile, "refusé"}));
  EXPECT_EQ(csv.body.find("HYPERLINK"), std::string::npos);  // no reason
  std::string sheet;
  auto cells = ReadXlsx(Get(relations, "/offres/" + server.dakar_offer + "/export/xlsx").body,
                        &sheet);
  EXPECT_EQ(cells["B2"].value, "refusé");
  EXPECT_EQ(cells.count("C1"), 0u);
  // No list of jobseekers for them, and no button to it.
  EXPECT_EQ(Get(relations, "/demandeurs/liste").status, 403);
  EXPECT_EQ(Post(relations, "/demandeurs/liste", "").status, 403);
  Answer list = Post(relations, "/demandeurs/liste/export", "format=csv");
  EXPECT_EQ(list.status, 403);
  EXPECT_EQ(list.body.find(server.dakar_profile), std::string::npos);
  EXPECT_EQ(Get(relations, "/accueil").body.find("/demandeurs/liste"), std::string::npos);
  // Another agency's offer: the answer of a missing one.
  for (const char* format : {"csv", "xlsx"}) {
    Answer other = Get(relations, "/offres/" + server.thies_offer + "/export/" + format);
    Answer missing = Get(relations, std::string("/offres/NO-SUCH-OFFER/export/") + format);
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(other.body, missing.body);
    EXPECT_EQ(Get(counsellor, "/offres/" + server.thies_offer + "/export/" + format).status, 404);
  }
  // Statisticians, admins, auditors: 403 on every personal export, nothing
  // of a person in the answer, nothing audited.
  for (const char* login : {"statistician", "admin", "auditor"}) {
    Session other = SignIn(login);
    ASSERT_EQ(other.status, 303) << login;
    for (const char* format : {"csv", "xlsx"}) {
      Answer refused = Get(other, "/offres/" + server.dakar_offer + "/export/" + format);
      EXPECT_EQ(refused.status, 403) << login;
      EXPECT_EQ(refused.body.find(server.dakar_profile), std::string::npos);
      Answer list = Post(other, "/demandeurs/liste/export", std::string("format=") + format);
      EXPECT_EQ(list.status, 403) << login;
      EXPECT_EQ(list.body.find(server.dakar_profile), std::string::npos);
    }
    EXPECT_EQ(Get(other, "/demandeurs/liste").status, 403) << login;
    EXPECT_EQ(Post(other, "/demandeurs/liste", "").status, 403) << login;
  }
  // Anonymous: to the login page.
  Answer anonymous = server.Send("GET", "/offres/" + server.dakar_offer + "/export/csv");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.body.find(server.dakar_profile), std::string::npos);
  // Only the two exports of employer-relations are in the audit trail.
  EXPECT_EQ(AuditRecords("export.shortlist").size(), 2u);
  EXPECT_TRUE(AuditRecords("export.jobseekers").empty());
}

// The ids of the rows of a list page, in order.
std::vector<std::string> RowIds(const std::string& page) {
  static const std::regex row("<th scope=\"row\"><a href=\"/demandeurs/([^\"]+)\">");
  std::vector<std::string> ids;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), row); it != std::sregex_iterator();
       ++it) {
    ids.push_back((*it)[1]);
  }
  return ids;
}

// Beyond 200 rows the list is paged: every jobseeker on exactly one page,
// in id order, the buttons posting the criteria again; a page past the
// last shows the last; a page number that is not one is refused.
TEST_F(PagesExports, ALongListIsPagedAndEveryJobseekerIsOnOnePage) {
  {
    auto store = server.OpenStore();
    auto base = store->GetProfile(server.dakar_profile);
    ASSERT_TRUE(base.ok());
    for (int i = 0; i < 447; ++i) {  // 450 in all with the fixture's three
      engine::Profile p = *base;
      char id[32];
      std::snprintf(id, sizeof id, "SN-2026-5%05d", i);
      p.id = id;
      ASSERT_TRUE(store->UpsertProfile(p).ok());
      ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kProfile, p.id, "dakar").ok());
    }
  }
  Session counsellor = SignIn("counsellor");
  Answer first = Post(counsellor, "/demandeurs/liste", "");
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("450 demandeurs répondent aux critères."), std::string::npos);
  EXPECT_NE(first.body.find("Page 1 sur 3\u00A0: demandeurs 1 à 200."), std::string::npos);
  EXPECT_NE(first.body.find("<button type=\"submit\" form=\"l-criteres\" name=\"page\" "
                            "value=\"2\">Page suivante</button>"),
            std::string::npos);
  EXPECT_EQ(first.body.find("Page précédente"), std::string::npos);
  std::vector<std::string> seen = RowIds(first.body);
  EXPECT_EQ(seen.size(), 200u);
  Answer second = Post(counsellor, "/demandeurs/liste", "page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("Page 2 sur 3\u00A0: demandeurs 201 à 400."), std::string::npos);
  EXPECT_NE(second.body.find("value=\"1\">Page précédente</button>"), std::string::npos);
  EXPECT_NE(second.body.find("value=\"3\">Page suivante</button>"), std::string::npos);
  EXPECT_EQ(AuditRecords("jobseeker.list").back(), "rows=450 page=2");
  Answer last = Post(counsellor, "/demandeurs/liste", "page=3");
  EXPECT_NE(last.body.find("Page 3 sur 3\u00A0: demandeurs 401 à 450."), std::string::npos);
  EXPECT_EQ(last.body.find("Page suivante"), std::string::npos);
  for (const Answer* page : {&second, &last}) {
    for (const std::string& id : RowIds(page->body)) seen.push_back(id);
  }
  ASSERT_EQ(seen.size(), 450u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 450u);
  // The criteria still apply on a later page (region filter: none left).
  Answer filtered = Post(counsellor, "/demandeurs/liste", "region=Thi%C3%A8s&page=2");
  EXPECT_TRUE(RowIds(filtered.body).empty());
  // Past the last: the last; not a number: 400.
  EXPECT_EQ(RowIds(Post(counsellor, "/demandeurs/liste", "page=99").body), RowIds(last.body));
  for (const char* bad : {"page=0", "page=abc", "page=-1", "page=1e3", "page=99999999"}) {
    EXPECT_EQ(Post(counsellor, "/demandeurs/liste", bad).status, 400) << bad;
  }
}

TEST_F(PagesExports, TheListIsFilteredByPostShownAndExportedAsTheStoreHoldsIt) {
  Session counsellor = SignIn("counsellor");
  ASSERT_EQ(counsellor.status, 303);
  Decide(counsellor, server.dakar_profile2, "proposed");
  // The form, reachable from the navigation; regions of the agency offered.
  Answer home = Get(counsellor, "/accueil");
  EXPECT_NE(home.body.find("href=\"/demandeurs/liste\""), std::string::npos);
  Answer form = Get(counsellor, "/demandeurs/liste");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<option value=\"Dakar\">Dakar</option>"), std::string::npos);
  EXPECT_EQ(form.body.find(server.dakar_profile), std::string::npos);  // no list before asked
  EXPECT_NE(form.body.find("formaction=\"/demandeurs/liste/export\" name=\"format\" value=\"xlsx\""),
            std::string::npos);

  // No filter: the agency's three, never Thiès's.
  Answer all = Post(counsellor, "/demandeurs/liste", "");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("<caption id=\"l-caption\">"), std::string::npos);
  EXPECT_NE(all.body.find("<th scope=\"col\">Inscrit le</th>"), std::string::npos);
  for (const std::string& id : {server.dakar_profile, server.dakar_profile2, third}) {
    EXPECT_NE(all.body.find("<th scope=\"row\"><a href=\"/demandeurs/" + id + "\">"),
              std::string::npos) << id;
  }
  EXPECT_EQ(all.body.find(server.thies_profile), std::string::npos);
  EXPECT_EQ(AuditRecords("jobseeker.list").back(), "rows=3");

  // Filters: each one alone, then together.
  struct Case {
    std::string body;
    std::set<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"metier=F17", {server.dakar_profile, third}},
      {"metier=F1701", {server.dakar_profile}},  // any target occupation counts
      {"region=Dakar", {server.dakar_profile2, third}},
      {"inscrit_du=2026-01-01", {server.dakar_profile, server.dakar_profile2}},
      {"inscrit_au=" + Encode("31/12/2025"), {third}},
      {"inscrit_du=2026-03-16&inscrit_au=2026-03-16", {server.dakar_profile}},
      {"proposition=avec", {server.dakar_profile2}},
      {"proposition=sans", {server.dakar_profile, third}},
      {"metier=F17&region=Dakar&proposition=sans", {third}},
  };
  for (const Case& c : cases) {
    Answer shown = Post(counsellor, "/demandeurs/liste", c.body);
    ASSERT_EQ(shown.status, 200) << c.body;
    Answer csv = Post(counsellor, "/demandeurs/liste/export", c.body + "&format=csv");
    ASSERT_EQ(csv.status, 200) << c.body;
    std::string error;
    auto rows = ParseCsv(csv.body, &error);
    ASSERT_TRUE(error.empty()) << error;
    std::set<std::string> ids;
    for (size_t row_idx = 1; row_idx < rows.size(); ++row_idx) ids.insert(rows[row_idx][0]);
    EXPECT_EQ(ids, c.expected) << c.body;
    for (const std::string& id : {server.dakar_profile, server.dakar_profile2, third}) {
      EXPECT_EQ(shown.body.find("href=\"/demandeurs/" + id + "\"") != std::string::npos,
                c.expected.count(id) == 1)
          << c.body << " " << id;
    }
  }

  // The file's cells are the store's values (CSV and xlsx).
  Answer csv = Post(counsellor, "/demandeurs/liste/export", "format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Cache-Control"), "no-store");
  const std::string disposition = csv.header("Content-Disposition");
  EXPECT_EQ(disposition.rfind("attachment; filename=\"demandeurs-dakar-", 0), 0u) << disposition;
  EXPECT_EQ(disposition.find("SN-"), std::string::npos);
  std::string error;
  auto rows = ParseCsv(csv.body, &error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(rows.size(), 4u);
  ASSERT_EQ(rows[0].size(), 12u);
  EXPECT_EQ(rows[0][0], "Demandeur");
  EXPECT_EQ(rows[0][6], "Inscrit le");
  Answer xlsx = Post(counsellor, "/demandeurs/liste/export", "format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  std::string sheet;
  auto cells = ReadXlsx(xlsx.body, &sheet);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  auto store = server.OpenStore();
  for (size_t row_idx = 1; row_idx < rows.size(); ++row_idx) {
    const auto& row = rows[row_idx];
    const std::string n = std::to_string(row_idx + 1);
    auto profile = store->GetProfile(row[0]);
    ASSERT_TRUE(profile.ok()) << row[0];
    const engine::Profile& p = *profile;
    auto decisions = store->ListDecisions({p.id, ""});
    EXPECT_EQ(row[1], "dakar");
    EXPECT_EQ(row[2], p.target_occupations[0]);
    EXPECT_EQ(row[4], p.location.region);
    EXPECT_EQ(row[5], pages::LooksLikeFormula(p.location.city) ? "'" + p.location.city
                                                                : p.location.city);
    EXPECT_EQ(row[6], p.registered ? FrenchDay(*p.registered) : "");
    EXPECT_EQ(row[7], p.exited ? FrenchDay(*p.exited) : "");
    EXPECT_EQ(row[10], std::to_string(decisions->size()));
    EXPECT_EQ(row[11], decisions->empty() ? "" : FrenchDay(decisions->back().decided_at));
    EXPECT_EQ(cells["A" + n].value, p.id);
    EXPECT_EQ(cells["C" + n].value, p.target_occupations[0]);
    EXPECT_EQ(cells["F" + n].value, p.location.city);  // as typed, a string
    EXPECT_EQ(cells["F" + n].type, "s");
    EXPECT_EQ(cells["G" + n].value, p.registered ? Serial(*p.registered) : "");
    EXPECT_EQ(cells["K" + n].value, std::to_string(decisions->size()));
  }
  EXPECT_EQ(rows[3][0], third);
  EXPECT_EQ(rows[3][5], "'" + kCity);
  EXPECT_EQ(AuditRecords("export.jobseekers").size(), cases.size() + 2);
  EXPECT_EQ(AuditRecords("export.jobseekers").back(), "format=xlsx rows=3");
}

TEST_F(PagesExports, WrongFiltersAreSaidNextToTheirFieldsAndNothingGoesInTheUrl) {
  Session counsellor = SignIn("counsellor");
  Answer wrong = Post(counsellor, "/demandeurs/liste",
                      "metier=ZZ999&region=Mars&inscrit_du=31-12-2025&inscrit_au=2025-01-01");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("id=\"erreurs\""), std::string::npos);
  EXPECT_NE(wrong.body.find("<span id=\"l-metier-err\" class=\"erreur-champ\">Ce code métier"),
            std::string::npos);
  EXPECT_NE(wrong.body.find("aria-describedby=\"l-metier-aide l-metier-err\" aria-invalid=\"true\""),
            std::string::npos);
  EXPECT_NE(wrong.body.find("id=\"l-region-err\""), std::string::npos);
  EXPECT_NE(wrong.body.find("id=\"l-du-err\""), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"31-12-2025\""), std::string::npos);  // shown back
  // A valid day is shown back in French.
  Answer french = Post(counsellor, "/demandeurs/liste", "inscrit_du=2026-01-02");
  EXPECT_EQ(french.status, 200);
  EXPECT_NE(french.body.find("name=\"inscrit_du\" type=\"text\" inputmode=\"numeric\" "
                             "autocomplete=\"off\" value=\"02/01/2026\""),
            std::string::npos);
  EXPECT_EQ(wrong.body.find(server.dakar_profile), std::string::npos);
  Answer order = Post(counsellor, "/demandeurs/liste",
                      "inscrit_du=2026-02-01&inscrit_au=2026-01-01");
  EXPECT_EQ(order.status, 422);
  EXPECT_NE(order.body.find("La date de fin précède la date de début."), std::string::npos);
  // An export with a wrong filter is the page with its errors, not a file.
  Answer export_wrong = Post(counsellor, "/demandeurs/liste/export", "metier=ZZ999&format=csv");
  EXPECT_EQ(export_wrong.status, 422);
  EXPECT_EQ(export_wrong.header("Content-Disposition"), "");
  EXPECT_EQ(Post(counsellor, "/demandeurs/liste/export", "format=pdf").status, 400);
  EXPECT_TRUE(AuditRecords("export.jobseekers").empty());  // nothing went out
  // Filters in the URL are not read: the GET shows the empty form.
  Answer by_url = Get(counsellor, "/demandeurs/liste?metier=F17&proposition=sans");
  EXPECT_EQ(by_url.status, 200);
  EXPECT_EQ(by_url.body.find(server.dakar_profile), std::string::npos);
  EXPECT_EQ(by_url.body.find("value=\"F17\""), std::string::npos);
  // Another agency's counsellor exports its own jobseekers only, and
  // cannot reach Dakar's shortlist.
  Session thies = SignIn("thies");
  ASSERT_EQ(thies.status, 303);
  Answer theirs = Post(thies, "/demandeurs/liste/export", "format=csv");
  ASSERT_EQ(theirs.status, 200);
  std::string error;
  auto rows = ParseCsv(theirs.body, &error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], server.thies_profile);
  EXPECT_EQ(rows[1][1], "thies");
  EXPECT_EQ(Get(thies, "/offres/" + server.dakar_offer + "/export/xlsx").status, 404);
  // A form without the session's token is refused.
  Session forged = counsellor;
  forged.csrf = std::string(64, '0');
  EXPECT_EQ(Post(forged, "/demandeurs/liste/export", "format=csv").status, 403);
}

}  // namespace
}  // namespace skillmatch::testing
