// « Journal d'audit » (tools/server/pages/page_audit.cc): the auditor's
// search of the audit trail and its integrity check. Each rule is tried:
// other roles and anonymous visitors, criteria never in the URL, every
// search audited with the record looked for, a login or a family that does
// not exist, days in the wrong order, paging without gap nor overlap, and a
// trail altered behind the server's back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>
#include <set>

#include "server/pages_fixture.h"

namespace skillmatch::testing {
namespace {

class PagesAudit : public PagesFixture {
 protected:
  // The first group of every match of `pattern` in `page`, in order.
  static std::vector<std::string> Captures(const std::string& page, const std::regex& pattern) {
    std::vector<std::string> out;
    for (std::sregex_iterator it(page.begin(), page.end(), pattern), end; it != end; ++it) {
      out.push_back((*it)[1].str());
    }
    return out;
  }
  // The entry numbers of a results page, in the order shown.
  static std::vector<int64_t> EntryIds(const std::string& page) {
    static const std::regex row("<tr><td class=\"nombre\">([0-9\\s\u202F\u00A0]+)</td>");
    std::vector<int64_t> out;
    for (const std::string& cell : Captures(page, row)) {
      std::string digits;
      for (char c : cell) {
        if (c >= '0' && c <= '9') digits += c;
      }
      out.push_back(std::stoll(digits));
    }
    return out;
  }
  Answer Search(const Session& session, const std::string& criteria) {
    return Post(session, "/journal", criteria);
  }
};

TEST_F(PagesAudit, OnlyAuditorsReadTheJournalAndTheCriteriaStayOutOfTheUrl) {
  for (const char* login : {"admin", "supervisor", "counsellor", "employer_relations",
                            "statistician"}) {
    Session session = SignIn(login);
    EXPECT_EQ(Get(session, "/journal").status, 403) << login;
    EXPECT_EQ(Post(session, "/journal", "dossier=" + server.dakar_profile).status, 403) << login;
    EXPECT_EQ(Post(session, "/journal/verification", "").status, 403) << login;
    EXPECT_EQ(Get(session, "/accueil").body.find("href=\"/journal\""), std::string::npos);
  }
  EXPECT_EQ(Get(Session{}, "/journal").header("Location"), "/connexion");
  Session auditor = SignIn("auditor");
  const size_t reads = AuditEntries("audit.read").size();  // the home page's
  Answer page = Get(auditor, "/journal");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<li><a href=\"/journal\" aria-current=\"page\">Journal d'audit</a>"),
            std::string::npos);
  EXPECT_NE(page.body.find("<form id=\"j-criteres\" method=\"post\" action=\"/journal#h-entrees\""),
            std::string::npos);
  // The latest entries without a search; the visit itself is audited.
  EXPECT_FALSE(EntryIds(page.body).empty());
  EXPECT_EQ(AuditEntries("audit.read").size(), reads + 1);
  // No CSRF token, no search.
  EXPECT_EQ(Post(auditor, "/journal", "dossier=x", false).status, 403);
}

TEST_F(PagesAudit, WhoOpenedAFileAndWhatAnAccountDidAreFoundAndTheSearchIsAudited) {
  Session counsellor = SignIn("counsellor");
  ASSERT_EQ(Get(counsellor, "/demandeurs/" + server.dakar_profile).status, 200);
  Session auditor = SignIn("auditor");
  Answer found = Search(auditor, "dossier=" + Encode(server.dakar_profile));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_NE(found.body.find("<td>counsellor</td><td><code>jobseeker.view</code></td><td>" +
                            server.dakar_profile + "</td>"),
            std::string::npos)
      << found.body;
  // Only that record's entries.
  static const std::regex record_cell("<td><code>[a-z_.]+</code></td><td>([^<]*)</td>");
  const std::vector<std::string> records = Captures(found.body, record_cell);
  EXPECT_FALSE(records.empty());
  for (const std::string& record : records) EXPECT_EQ(record, server.dakar_profile);
  // The auditor's look into that file leaves its own trace on it.
  EXPECT_EQ(AuditCount("audit.read", server.dakar_profile), 1);

  // What one account did: its entries only, logins shown, not ids.
  Answer mine = Search(auditor, "compte=counsellor");
  ASSERT_EQ(mine.status, 200);
  static const std::regex actor_cell("UTC</td><td>([^<]*)</td>");
  const std::vector<std::string> cells = Captures(mine.body, actor_cell);
  EXPECT_EQ(std::set<std::string>(cells.begin(), cells.end()), std::set<std::string>{"counsellor"});
  // One family: the logins, a failed one included (before any account).
  EXPECT_NE(SignIn("counsellor", "wrong password here").status, 303);
  Answer logins = Search(auditor, "famille=login.");
  ASSERT_EQ(logins.status, 200);
  EXPECT_NE(logins.body.find("<code>login.success</code>"), std::string::npos);
  EXPECT_NE(logins.body.find("<code>login.failure</code>"), std::string::npos);
  EXPECT_EQ(logins.body.find("<code>jobseeker.view</code>"), std::string::npos);
  EXPECT_NE(logins.body.find("(avant connexion)"), std::string::npos);
}

TEST_F(PagesAudit, WrongCriteriaAreSaidBesideTheirFields) {
  Session auditor = SignIn("auditor");
  Answer unknown = Search(auditor, "compte=personne&famille=drop+table&du=31%2F13%2F2026");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("id=\"j-compte-err\" class=\"erreur-champ\">Aucun compte "
                              "«\u00A0personne\u00A0»"),
            std::string::npos)
      << unknown.body;
  EXPECT_NE(unknown.body.find("id=\"j-famille-err\""), std::string::npos);
  EXPECT_NE(unknown.body.find("id=\"j-du-err\""), std::string::npos);
  EXPECT_EQ(unknown.body.find("id=\"h-entrees\""), std::string::npos) << "no results";
  // Typed values come back, escaped; a record that is not an id (a name
  // typed) is refused, so that no free text enters the trail.
  const size_t reads = AuditEntries("audit.read").size();
  Answer order = Search(auditor, "du=07%2F12%2F2026&au=01%2F12%2F2026&dossier=%3Cb%3EAwa+Diop");
  EXPECT_EQ(order.status, 422);
  EXPECT_NE(order.body.find("id=\"j-au-err\""), std::string::npos);
  EXPECT_NE(order.body.find("id=\"j-dossier-err\""), std::string::npos);
  EXPECT_NE(order.body.find("value=\"&lt;b&gt;Awa Diop\""), std::string::npos);
  EXPECT_EQ(order.body.find("<b>"), std::string::npos);
  EXPECT_EQ(AuditEntries("audit.read").size(), reads) << "a refused search reads nothing";
  Answer bytes = Search(auditor, "compte=%C3%A9%FF%27");
  EXPECT_EQ(bytes.status, 422);
  EXPECT_NE(bytes.body.find("id=\"j-compte-err\" class=\"erreur-champ\">Un identifiant de "
                            "connexion s'écrit en minuscules"),
            std::string::npos)
      << bytes.body;
  // A day range with no entry: none found (days in jj/mm/aaaa or ISO).
  Answer past = Search(auditor, "du=01%2F01%2F2020&au=2020-01-31");
  ASSERT_EQ(past.status, 200);
  EXPECT_NE(past.body.find("Aucune entrée ne correspond à ces critères."), std::string::npos);
  EXPECT_EQ(Search(auditor, "avant=12a").status, 422);
}

TEST_F(PagesAudit, OlderEntriesFollowWithoutGapNorOverlap) {
  Session counsellor = SignIn("counsellor");
  for (int i = 0; i < 130; ++i) Get(counsellor, "/demandeurs/" + server.dakar_profile);
  Session auditor = SignIn("auditor");
  Answer first = Search(auditor, "famille=jobseeker.&compte=counsellor");
  ASSERT_EQ(first.status, 200);
  std::vector<int64_t> ids = EntryIds(first.body);
  ASSERT_EQ(ids.size(), 100u);
  EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend()));
  static const std::regex older("name=\"avant\" value=\"([0-9]+)\"");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(first.body, match, older));
  EXPECT_EQ(std::stoll(match[1]), ids.back());
  Answer second = Search(auditor, "famille=jobseeker.&compte=counsellor&avant=" + match[1].str());
  ASSERT_EQ(second.status, 200);
  std::vector<int64_t> more = EntryIds(second.body);
  // Every one of the counsellor's jobseeker entries is on one page or the
  // other (130 views, and what its home page wrote).
  const std::string id = std::to_string(AccountOf("counsellor").id);
  size_t total = 0;
  auto store = server.OpenStore();
  ASSERT_TRUE(store->ForEachAudit([&](engine::AuditEntry&& e) {
                       total += e.actor == id && e.action.rfind("jobseeker.", 0) == 0;
                       return Status::Ok();
                     }).ok());
  ASSERT_GE(total, 130u);
  ASSERT_EQ(more.size(), total - 100);
  EXPECT_LT(more.front(), ids.back());
  EXPECT_FALSE(std::regex_search(second.body, match, older)) << "the last page";
}

TEST_F(PagesAudit, TheExportHoldsTheWholeSelectionAndIsAudited) {
  Session counsellor = SignIn("counsellor");
  for (int i = 0; i < 120; ++i) Get(counsellor, "/demandeurs/" + server.dakar_profile);
  Session auditor = SignIn("auditor");
  const std::string criteria = "dossier=" + Encode(server.dakar_profile) + "&famille=jobseeker.";
  Answer csv = Post(auditor, "/journal/export", criteria + "&format=csv&avant=5");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("Cache-Control"), "no-store");
  EXPECT_NE(csv.header("Content-Disposition").find("attachment; filename=\"journal-audit-"),
            std::string::npos);
  // Every entry of the selection (not one page of 100: `avant` is ignored),
  // one line each after the header, with the login and the hash.
  size_t lines = 0, views = 0;
  for (size_t at = 0; (at = csv.body.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  for (size_t at = 0; (at = csv.body.find(";counsellor;jobseeker.view;" + server.dakar_profile +
                                              ";", at)) != std::string::npos;
       ++at) {
    ++views;
  }
  EXPECT_EQ(views, 120u);
  EXPECT_EQ(lines, 1 + 120u);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF" "Entrée;Horodatage (UTC);Compte;Action;Dossier;Adresse;Empreinte\r\n",
                           0),
            0u);
  EXPECT_EQ(AuditCount("export.audit", server.dakar_profile + " format=csv rows=120"), 1);
  Answer xlsx = Post(auditor, "/journal/export", criteria + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
  // A wrong criterion or format: no file.
  EXPECT_EQ(Post(auditor, "/journal/export", "compte=personne&format=csv").status, 422);
  EXPECT_EQ(Post(auditor, "/journal/export", criteria + "&format=pdf").status, 400);
  // Other roles: no export.
  EXPECT_EQ(Post(counsellor, "/journal/export", criteria + "&format=csv").status, 403);
}

TEST_F(PagesAudit, TheIntegrityCheckNamesAnEntryAlteredBehindTheServersBack) {
  Session auditor = SignIn("auditor");
  Answer intact = Post(auditor, "/journal/verification", "");
  ASSERT_EQ(intact.status, 200);
  EXPECT_NE(intact.body.find("Journal intact"), std::string::npos) << intact.body;
  EXPECT_EQ(AuditEntries("audit.verify").size(), 1u);
  // Someone with the file rewrites an entry (the trigger dropped first).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(server.db().c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER audit_no_update; "
                         "UPDATE audit SET record = 'hidden' WHERE id = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Answer broken = Post(auditor, "/journal/verification", "");
  ASSERT_EQ(broken.status, 200);
  EXPECT_NE(broken.body.find("Journal altéré"), std::string::npos) << broken.body;
  EXPECT_NE(broken.body.find("<code>entry 2: hash does not match its content (modified)</code>"),
            std::string::npos)
      << broken.body;
}

}  // namespace
}  // namespace skillmatch::testing
