// The base of every pages test (pages_test.cc, pages_admin_test.cc,
// pages_exports_test.cc, pages_account_test.cc): a running TestServer and a
// browser's requests to it. A session signs in through the login form and
// reads its CSRF token from the home page; a POST is sent as the browser
// sends a form (same origin, cookie, the hidden `csrf` field).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>
#include <string>
#include <vector>

#include "server/server_fixture.h"

namespace skillmatch::testing {

class PagesFixture : public ::testing::Test {
 protected:
  PagesFixture() = default;
  // A fixture whose server needs options of its own (PagesMobility).
  explicit PagesFixture(server::ServerOptions options) : server(std::move(options)) {}

  TestServer server;

  Session SignIn(const std::string& login, const std::string& password = kPassword) {
    Answer answer = server.Send("POST", "/connexion", server.SameOrigin(),
                                "login=" + Encode(login) + "&password=" + Encode(password),
                                "application/x-www-form-urlencoded");
    Session session;
    session.status = answer.status;
    const std::string set_cookie = answer.header("Set-Cookie");
    session.cookie = set_cookie.substr(0, set_cookie.find(';'));
    if (answer.status == 303) session.csrf = CsrfOf(Get(session, "/accueil").body);
    return session;
  }
  // The CSRF token of a page's first form ("" if none).
  static std::string CsrfOf(const std::string& page) {
    static const std::regex csrf("name=\"csrf\" value=\"([0-9a-f]{64})\"");
    std::smatch match;
    return std::regex_search(page, match, csrf) ? std::string(match[1]) : std::string();
  }
  Answer Get(const Session& session, const std::string& path) {
    httplib::Headers headers;
    if (!session.cookie.empty()) headers.emplace("Cookie", session.cookie);
    return server.Send("GET", path, headers);
  }
  // With the session's csrf field unless `csrf` is false; same origin
  // unless `headers` has an Origin.
  Answer Post(const Session& session, const std::string& path, const std::string& body,
              bool csrf = true, httplib::Headers headers = {}) {
    if (headers.find("Origin") == headers.end()) {
      for (const auto& h : server.SameOrigin()) headers.insert(h);
    }
    if (!session.cookie.empty()) headers.emplace("Cookie", session.cookie);
    std::string form = body;
    if (csrf) form += (form.empty() ? "" : "&") + std::string("csrf=") + session.csrf;
    return server.Send("POST", path, headers, form, "application/x-www-form-urlencoded");
  }
  // The stored account of `login` (a failed expectation when missing).
  engine::Account AccountOf(const std::string& login) {
    auto store = server.OpenStore();
    auto account = store->GetAccount(login);
    EXPECT_TRUE(account.ok()) << login;
    return account.ok() ? *account : engine::Account{};
  }
  // The audit trail's entries of `action`, oldest first.
  std::vector<engine::AuditEntry> AuditEntries(const std::string& action) {
    auto store = server.OpenStore();
    std::vector<engine::AuditEntry> out;
    EXPECT_TRUE(store->ForEachAudit([&](engine::AuditEntry&& e) {
                       if (e.action == action) out.push_back(e);
                       return Status::Ok();
                     }).ok());
    return out;
  }
  // Sets a column of an account's row directly in the database (the
  // store's own writes of it would end the sessions a test needs).
  void SetAccountColumn(const std::string& login, const std::string& assignment) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(server.db().c_str(), &db), SQLITE_OK);
    const std::string sql = "UPDATE accounts SET " + assignment + " WHERE login = '" + login + "'";
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
  }
  int64_t AuditCount(const std::string& action, const std::string& record) {
    int64_t n = 0;
    for (const engine::AuditEntry& e : AuditEntries(action)) n += e.record == record;
    return n;
  }
};

}  // namespace skillmatch::testing
