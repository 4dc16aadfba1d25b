#include "skillmatch/store/store.h"

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/model/model_json.h"
#include "sqlite.h"
#include "sqlite_store.h"
#include "store_server.h"

namespace skillmatch::engine {

namespace {

using classification::BundleInfo;
using classification::LabelKind;
using classification::MatchType;
using classification::MobilityKind;
using classification::SkillKind;
using classification::SkillRelation;
using classification::Taxonomy;
using classification::TaxonomyBuilder;
using sqlite::Statement;
using sqlite::Transaction;

// Schema version 1. Each table and column is documented in engine/store/README.md;
// keep the two in step. Codes and ids are TEXT compared byte for byte.
// Timestamps are UTC text "YYYY-MM-DDTHH:MM:SSZ" (sortable as text).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE taxonomy_info (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  format     TEXT NOT NULL,
  name       TEXT NOT NULL,
  version    TEXT NOT NULL,
  languages  TEXT NOT NULL CHECK (json_valid(languages)),
  source     TEXT NOT NULL,
  licence    TEXT NOT NULL,
  loaded_at  TEXT NOT NULL
);
CREATE TABLE nodes (
  code       TEXT PRIMARY KEY,
  position   INTEGER NOT NULL UNIQUE,
  parent     TEXT REFERENCES nodes(code) DEFERRABLE INITIALLY DEFERRED,
  level      TEXT NOT NULL,
  label      TEXT NOT NULL
);
CREATE INDEX nodes_parent ON nodes(parent);
CREATE TABLE labels (
  code       TEXT NOT NULL REFERENCES nodes(code),
  position   INTEGER NOT NULL,
  lang       TEXT NOT NULL,
  label      TEXT NOT NULL,
  kind       TEXT NOT NULL
             CHECK (kind IN ('preferred', 'alternative', 'appellation')),
  PRIMARY KEY (code, position)
);
CREATE TABLE skills (
  id         TEXT PRIMARY KEY,
  position   INTEGER NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('technical', 'knowledge', 'soft'))
);
CREATE TABLE skill_labels (
  skill_id   TEXT NOT NULL REFERENCES skills(id),
  position   INTEGER NOT NULL,
  lang       TEXT NOT NULL,
  label      TEXT NOT NULL,
  preferred  INTEGER NOT NULL CHECK (preferred IN (0, 1)),
  PRIMARY KEY (skill_id, position)
);
CREATE TABLE occupation_skills (
  code       TEXT NOT NULL REFERENCES nodes(code),
  skill_id   TEXT NOT NULL REFERENCES skills(id),
  position   INTEGER NOT NULL UNIQUE,
  relation   TEXT NOT NULL CHECK (relation IN ('essential', 'optional')),
  weight     REAL CHECK (weight IS NULL OR (weight >= 0 AND weight <= 1)),
  core       INTEGER NOT NULL CHECK (core IN (0, 1)),
  PRIMARY KEY (code, skill_id)
);
CREATE INDEX occupation_skills_skill ON occupation_skills(skill_id);
CREATE TABLE mobility (
  from_code  TEXT NOT NULL REFERENCES nodes(code),
  to_code    TEXT NOT NULL REFERENCES nodes(code),
  kind       TEXT NOT NULL CHECK (kind IN ('close', 'evolution')),
  rank       INTEGER NOT NULL CHECK (rank >= 0),
  position   INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (from_code, to_code, kind)
);
CREATE INDEX mobility_to ON mobility(to_code);
CREATE TABLE crosswalk (
  code           TEXT NOT NULL REFERENCES nodes(code),
  system         TEXT NOT NULL,
  external_code  TEXT NOT NULL,
  match_type     TEXT NOT NULL
                 CHECK (match_type IN ('exact', 'close', 'broad', 'narrow')),
  external_label TEXT NOT NULL,
  position       INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (code, system, external_code)
);
CREATE INDEX crosswalk_external ON crosswalk(system, external_code);

CREATE TABLE offers (
  id           TEXT PRIMARY KEY CHECK (id <> ''),
  source       TEXT NOT NULL,
  source_ref   TEXT NOT NULL,
  occupation   TEXT NOT NULL,
  country      TEXT NOT NULL,
  international INTEGER NOT NULL CHECK (international IN (0, 1)),
  published    TEXT,
  expires      TEXT,
  needs_review INTEGER NOT NULL CHECK (needs_review IN (0, 1)),
  doc          TEXT NOT NULL CHECK (json_valid(doc)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX offers_source_ref ON offers(source, source_ref)
  WHERE source_ref <> '';
CREATE INDEX offers_occupation ON offers(occupation);

CREATE TABLE profiles (
  id               TEXT PRIMARY KEY CHECK (id <> ''),
  occupation       TEXT NOT NULL,
  country          TEXT NOT NULL,
  region           TEXT NOT NULL,
  education_level  INTEGER,
  experience_years REAL,
  available_from   TEXT,
  doc              TEXT NOT NULL CHECK (json_valid(doc)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX profiles_occupation ON profiles(occupation);

CREATE TABLE match_runs (
  id       INTEGER PRIMARY KEY,
  started  TEXT NOT NULL,
  kind     TEXT NOT NULL,
  config   TEXT NOT NULL CHECK (json_valid(config)),
  notes    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE match_results (
  run_id      INTEGER NOT NULL REFERENCES match_runs(id) ON DELETE CASCADE,
  profile_id  TEXT NOT NULL REFERENCES profiles(id),
  offer_id    TEXT NOT NULL REFERENCES offers(id),
  rank        INTEGER NOT NULL CHECK (rank >= 1),
  score       REAL NOT NULL,
  explanation TEXT CHECK (explanation IS NULL OR json_valid(explanation)),
  PRIMARY KEY (run_id, profile_id, offer_id)
);
CREATE INDEX match_results_profile ON match_results(profile_id);
CREATE INDEX match_results_offer ON match_results(offer_id);

CREATE TABLE decisions (
  id          INTEGER PRIMARY KEY,
  profile_id  TEXT NOT NULL REFERENCES profiles(id),
  offer_id    TEXT NOT NULL REFERENCES offers(id),
  status      TEXT NOT NULL
              CHECK (status IN ('proposed', 'accepted', 'refused')),
  reason      TEXT NOT NULL DEFAULT '',
  counsellor  TEXT NOT NULL DEFAULT '',
  decided_at  TEXT NOT NULL
);
CREATE INDEX decisions_profile ON decisions(profile_id, decided_at);
CREATE INDEX decisions_offer ON decisions(offer_id, decided_at);
)sql";

// Schema version 2: the offer import (issue 5). Runs and their checkpoints,
// rejected rows, how each imported offer was coded (and reviewed), the keys
// of cross-source deduplication and the duplicates linked to an offer.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE import_runs (
  id           INTEGER PRIMARY KEY,
  source       TEXT NOT NULL,
  file         TEXT NOT NULL,
  file_hash    TEXT NOT NULL,
  mode         TEXT NOT NULL CHECK (mode IN ('strict', 'lenient')),
  status       TEXT NOT NULL CHECK (status IN ('running', 'done')),
  rows_done    INTEGER NOT NULL DEFAULT 0,
  inserted     INTEGER NOT NULL DEFAULT 0,
  updated      INTEGER NOT NULL DEFAULT 0,
  unchanged    INTEGER NOT NULL DEFAULT 0,
  duplicates   INTEGER NOT NULL DEFAULT 0,
  rejected     INTEGER NOT NULL DEFAULT 0,
  to_review    INTEGER NOT NULL DEFAULT 0,
  started_at   TEXT NOT NULL,
  finished_at  TEXT
);
CREATE INDEX import_runs_resume ON import_runs(source, file_hash, status);
CREATE TABLE import_rejects (
  run_id   INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
  line     INTEGER NOT NULL,
  field    TEXT NOT NULL,
  message  TEXT NOT NULL
);
CREATE INDEX import_rejects_run ON import_rejects(run_id, line);
CREATE TABLE offer_codings (
  offer_id     TEXT PRIMARY KEY REFERENCES offers(id) ON DELETE CASCADE,
  method       TEXT NOT NULL
               CHECK (method IN ('source', 'crosswalk', 'coder', 'none',
                                 'review')),
  system       TEXT NOT NULL,
  code         TEXT NOT NULL,
  match_type   TEXT NOT NULL,
  confidence   REAL,
  reviewed_by  TEXT NOT NULL DEFAULT '',
  reviewed_at  TEXT
);
CREATE TABLE offer_dedup (
  offer_id   TEXT PRIMARY KEY REFERENCES offers(id) ON DELETE CASCADE,
  source     TEXT NOT NULL,
  dedup_key  TEXT NOT NULL,
  published  TEXT
);
CREATE INDEX offer_dedup_key ON offer_dedup(dedup_key);
CREATE TABLE offer_duplicates (
  source        TEXT NOT NULL,
  source_ref    TEXT NOT NULL,
  duplicate_of  TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
  run_id        INTEGER NOT NULL,
  line          INTEGER NOT NULL,
  doc           TEXT NOT NULL CHECK (json_valid(doc)),
  linked_at     TEXT NOT NULL,
  PRIMARY KEY (source, source_ref)
);
CREATE INDEX offer_duplicates_of ON offer_duplicates(duplicate_of);
)sql";

// Schema version 7: the shortlist stage "presented to the employer" (issue
// 15). SQLite cannot change a CHECK in place: the table is rebuilt under a
// new name with every row (ids kept, so decisions keep their order), the
// old one dropped, the new one renamed and its indexes made again. Foreign
// keys stay on: the copy is checked row by row against profiles and offers,
// and no table references decisions (the DROP deletes nothing referenced).
constexpr const char* kSchemaV7Presented = R"sql(
CREATE TABLE decisions_v7 (
  id          INTEGER PRIMARY KEY,
  profile_id  TEXT NOT NULL REFERENCES profiles(id),
  offer_id    TEXT NOT NULL REFERENCES offers(id),
  status      TEXT NOT NULL
              CHECK (status IN ('proposed', 'presented', 'accepted', 'refused')),
  reason      TEXT NOT NULL DEFAULT '',
  counsellor  TEXT NOT NULL DEFAULT '',
  decided_at  TEXT NOT NULL
);
INSERT INTO decisions_v7 (id, profile_id, offer_id, status, reason,
                          counsellor, decided_at)
  SELECT id, profile_id, offer_id, status, reason, counsellor, decided_at
  FROM decisions ORDER BY id;
DROP TABLE decisions;
ALTER TABLE decisions_v7 RENAME TO decisions;
CREATE INDEX decisions_profile ON decisions(profile_id, decided_at);
CREATE INDEX decisions_offer ON decisions(offer_id, decided_at);
)sql";

// Forward only: never edit a released step, append a new one (and bump
// kStoreSchemaVersion). A step that rebuilds a table must respect foreign
// keys, which stay on during migrations (PRAGMA foreign_keys cannot change
// inside a transaction).
constexpr std::array<sqlite::Migration, 9> kMigrations = {{
    {1, kSchemaV1},
    {2, kSchemaV2},
    {3, kSchemaV3Server},  // the server's tables (store_accounts.cc)
    {4, kSchemaV4Server},  // regions, TOTP (store_accounts.cc)
    {5, kSchemaV5Mobility},  // migration counselling (store_mobility.cc)
    {6, kSchemaV6Flows},   // closing and registration dates (store_spells.cc)
    {7, kSchemaV7Presented},  // the decision stage "presented" (above)
    {8, kSchemaV8FollowUp},  // notes, next actions, assignments (store_followup.cc)
    {9, kSchemaV9TemporaryPassword},  // a password to change (store_accounts.cc)
}};
static_assert(kMigrations.back().version == kStoreSchemaVersion);

// The tables of the schema, for CountRows, in the README's order.
constexpr std::array<const char*, 19> kTables = {
    "taxonomy_info",  "nodes",         "labels",        "skills",
    "skill_labels",   "occupation_skills", "mobility",  "crosswalk",
    "offers",         "profiles",      "match_runs",    "match_results",
    "decisions",      "import_runs",   "import_rejects", "offer_codings",
    "offer_dedup",    "offer_duplicates", "registrations"};

#define STORE_NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

using text::Quoted;

// Assigns the value of a Result<T> expression to `lhs`, or returns its error.

// JSON text of a record; nlohmann throws on strings that are not UTF-8.
template <typename Record>
Result<std::string> EncodeDoc(const Record& record, const std::string& where) {
  try {
    return ToJson(record).dump();
  } catch (const nlohmann::json::exception& e) {
    return Status::DataError(where + ": cannot write as JSON: " +
                             classification::JsonErrorText(e));
  }
}

// Parses a stored document; `where` names the row ("pes.db: offer 'o1'").
Result<nlohmann::json> ParseDoc(const std::string& doc,
                                const std::string& where) {
  try {
    return nlohmann::json::parse(doc);
  } catch (const nlohmann::json::exception& e) {
    return Status::DataError(where + ": stored document: " +
                             classification::JsonErrorText(e));
  }
}

Result<Offer> DecodeOffer(const std::string& id, const std::string& doc,
                          const std::string& db_name) {
  const std::string where = db_name + ": offer " + Quoted(id);
  SKILLMATCH_ASSIGN_OR_RETURN(json, ParseDoc(doc, where));
  return OfferFromJson(json, where);
}

Result<Profile> DecodeProfile(const std::string& id, const std::string& doc,
                              const std::string& db_name) {
  const std::string where = db_name + ": profile " + Quoted(id);
  SKILLMATCH_ASSIGN_OR_RETURN(json, ParseDoc(doc, where));
  return ProfileFromJson(json, where);
}

// True if `sql` (with `id` bound to ?1) returns a row.
Result<bool> Exists(sqlite::Database& db, const char* sql,
                    const std::string& id, const std::string& context) {
  SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(db, sql, context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, id));
  return stmt.Step();
}

Result<int64_t> CountOf(sqlite::Database& db, const std::string& table) {
  SKILLMATCH_ASSIGN_OR_RETURN(stmt,
                         Statement::Prepare(db, "SELECT count(*) FROM " + table,
                                            "count " + table));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row)
    return Status::Internal(db.name() + ": count " + table + ": no row");
  return stmt.ColumnInt64(0);
}

// Parses an enum column written by this code; anything else means the file
// was edited by hand or is damaged.
template <typename Enum>
Result<Enum> ParseColumn(std::optional<Enum> parsed, const std::string& text,
                         const std::string& where) {
  if (!parsed) {
    return Status::DataError(where + ": unknown value " + Quoted(text));
  }
  return *parsed;
}

}  // namespace

// ---------------------------------------------------------------- Open

SqliteStore::SqliteStore(std::unique_ptr<sqlite::Database> db, std::string path,
                         int schema_version)
    : db_(std::move(db)),
      path_(std::move(path)),
      schema_version_(schema_version) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path,
                                                 const StoreOptions& options) {
  if (path.empty()) {
    return Status::InvalidArgument("empty database path");
  }
  const bool in_memory = path == ":memory:";
  const bool must_exist = options.read_only || !options.create_if_missing;
  if (!in_memory && must_exist) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      return Status::NotFound(path + ": no such database");
    }
  }
  sqlite::Database::Options db_options;
  db_options.flags =
      options.read_only
          ? SQLITE_OPEN_READONLY
          : SQLITE_OPEN_READWRITE |
                (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  db_options.busy_timeout_ms = options.busy_timeout_ms;
  db_options.wal = options.wal;
  SKILLMATCH_ASSIGN_OR_RETURN(db, sqlite::Database::Open(path, db_options));
  int version = 0;
  SKILLMATCH_RETURN_IF_ERROR(
      sqlite::ApplyMigrations(db, kMigrations, options.read_only, &version));
  return std::unique_ptr<Store>(new SqliteStore(
      std::make_unique<sqlite::Database>(std::move(db)), path, version));
}

Status SqliteStore::InTransaction(const std::function<Status()>& body) {
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::Begin(*db_, "transaction"));
  Status status = body();
  if (!status.ok()) {
    // The body's error is what the caller needs; a failed rollback has
    // rolled back anyway (see Transaction's destructor).
    Status ignored = tx.Rollback();
    (void)ignored;
    return status;
  }
  return tx.Commit();
}

// ---------------------------------------------------------------- Taxonomy

Status SqliteStore::LoadTaxonomy(const Taxonomy& taxonomy) {
  sqlite::Database& db = *db_;
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::Begin(db, "load taxonomy"));
  // Children before parents, so that the immediate foreign keys hold.
  for (const char* table :
       {"crosswalk", "mobility", "occupation_skills", "skill_labels", "skills",
        "labels", "nodes", "taxonomy_info"}) {
    SKILLMATCH_RETURN_IF_ERROR(
        db.Exec(std::string("DELETE FROM ") + table,
                std::string("load taxonomy: clear ") + table));
  }

  const BundleInfo& info = taxonomy.info();
  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(
                  db,
                  "INSERT INTO taxonomy_info (id, format, name, version, "
                  "languages, source, licence, loaded_at) VALUES "
                  "(1, ?1, ?2, ?3, ?4, ?5, ?6, " STORE_NOW_SQL ")",
                  "load taxonomy: bundle info"));
    std::string languages;
    try {
      languages = nlohmann::json(info.languages).dump();
    } catch (const nlohmann::json::exception& e) {
      return Status::DataError(path_ + ": load taxonomy: languages: " +
                               classification::JsonErrorText(e));
    }
    SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(info.format, info.name,
                                            info.version, languages,
                                            info.source, info.licence));
    SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  }

  const auto& nodes = taxonomy.nodes();
  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        node_stmt,
        Statement::Prepare(db,
                           "INSERT INTO nodes (code, position, parent, level, "
                           "label) VALUES (?1, ?2, ?3, ?4, ?5)",
                           "load taxonomy: nodes"));
    SKILLMATCH_ASSIGN_OR_RETURN(
        label_stmt,
        Statement::Prepare(db,
                           "INSERT INTO labels (code, position, lang, label, "
                           "kind) VALUES (?1, ?2, ?3, ?4, ?5)",
                           "load taxonomy: labels"));
    for (size_t node_idx = 0; node_idx < nodes.size(); ++node_idx) {
      const classification::Node& node = nodes[node_idx];
      std::optional<std::string> parent;
      if (node.parent != classification::kNoNode) {
        parent = nodes[node.parent].code;
      }
      SKILLMATCH_RETURN_IF_ERROR(node_stmt.Reset());
      SKILLMATCH_RETURN_IF_ERROR(
          node_stmt.BindAll(node.code, static_cast<int64_t>(node_idx), parent,
                            node.level, node.label));
      SKILLMATCH_RETURN_IF_ERROR(node_stmt.Run());
    }
    // Labels after all nodes: a node may come before its parent.
    for (const classification::Node& node : nodes) {
      for (size_t label_idx = 0; label_idx < node.labels.size(); ++label_idx) {
        const classification::Label& label = node.labels[label_idx];
        SKILLMATCH_RETURN_IF_ERROR(label_stmt.Reset());
        SKILLMATCH_RETURN_IF_ERROR(label_stmt.BindAll(
            node.code, static_cast<int64_t>(label_idx), label.lang, label.text,
            classification::ToString(label.kind)));
        SKILLMATCH_RETURN_IF_ERROR(label_stmt.Run());
      }
    }
  }

  const auto& skills = taxonomy.skills();
  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        skill_stmt,
        Statement::Prepare(
            db, "INSERT INTO skills (id, position, kind) VALUES (?1, ?2, ?3)",
            "load taxonomy: skills"));
    SKILLMATCH_ASSIGN_OR_RETURN(
        label_stmt,
        Statement::Prepare(db,
                           "INSERT INTO skill_labels (skill_id, position, "
                           "lang, label, preferred) VALUES "
                           "(?1, ?2, ?3, ?4, ?5)",
                           "load taxonomy: skill labels"));
    for (size_t skill_idx = 0; skill_idx < skills.size(); ++skill_idx) {
      const classification::Skill& skill = skills[skill_idx];
      SKILLMATCH_RETURN_IF_ERROR(skill_stmt.Reset());
      SKILLMATCH_RETURN_IF_ERROR(
          skill_stmt.BindAll(skill.id, static_cast<int64_t>(skill_idx),
                             classification::ToString(skill.kind)));
      SKILLMATCH_RETURN_IF_ERROR(skill_stmt.Run());
      for (size_t label_idx = 0; label_idx < skill.labels.size(); ++label_idx) {
        const classification::SkillLabel& label = skill.labels[label_idx];
        SKILLMATCH_RETURN_IF_ERROR(label_stmt.Reset());
        SKILLMATCH_RETURN_IF_ERROR(
            label_stmt.BindAll(skill.id, static_cast<int64_t>(label_idx),
                               label.lang, label.text, label.preferred));
        SKILLMATCH_RETURN_IF_ERROR(label_stmt.Run());
      }
    }
  }

  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "INSERT INTO occupation_skills (code, "
                                 "skill_id, position, relation, weight, core) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 "load taxonomy: occupation skills"));
    const auto& links = taxonomy.occupation_skills();
    for (size_t link_idx = 0; link_idx < links.size(); ++link_idx) {
      const classification::OccupationSkill& link = links[link_idx];
      std::optional<double> weight;
      if (link.weight) weight = *link.weight;  // float -> double is exact
      SKILLMATCH_RETURN_IF_ERROR(stmt.Reset());
      SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(
          nodes[link.node].code, skills[link.skill].id,
          static_cast<int64_t>(link_idx),
          classification::ToString(link.relation), weight, link.core));
      SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
    }
  }

  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "INSERT INTO mobility (from_code, to_code, "
                                 "kind, rank, position) VALUES "
                                 "(?1, ?2, ?3, ?4, ?5)",
                                 "load taxonomy: mobility"));
    const auto& links = taxonomy.mobility();
    for (size_t link_idx = 0; link_idx < links.size(); ++link_idx) {
      const classification::MobilityLink& link = links[link_idx];
      SKILLMATCH_RETURN_IF_ERROR(stmt.Reset());
      SKILLMATCH_RETURN_IF_ERROR(
          stmt.BindAll(nodes[link.from].code, nodes[link.to].code,
                       classification::ToString(link.kind), link.rank,
                       static_cast<int64_t>(link_idx)));
      SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
    }
  }

  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "INSERT INTO crosswalk (code, system, "
                                 "external_code, match_type, external_label, "
                                 "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 "load taxonomy: crosswalk"));
    const auto& entries = taxonomy.crosswalk();
    for (size_t entry_idx = 0; entry_idx < entries.size(); ++entry_idx) {
      const classification::CrosswalkEntry& entry = entries[entry_idx];
      SKILLMATCH_RETURN_IF_ERROR(stmt.Reset());
      SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(
          nodes[entry.node].code, entry.system, entry.external_code,
          classification::ToString(entry.match), entry.external_label,
          static_cast<int64_t>(entry_idx)));
      SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
    }
  }
  return tx.Commit();
}

Result<bool> SqliteStore::HasTaxonomy() {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt,
      Statement::Prepare(*db_, "SELECT 1 FROM taxonomy_info", "read taxonomy"));
  return stmt.Step();
}

Result<BundleInfo> SqliteStore::ReadTaxonomyInfo() {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT format, name, version, languages, "
                               "source, licence FROM taxonomy_info",
                               "read taxonomy: bundle info"));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return Status::NotFound(path_ + ": no taxonomy loaded");
  BundleInfo info;
  info.format = stmt.ColumnText(0);
  info.name = stmt.ColumnText(1);
  info.version = stmt.ColumnText(2);
  const std::string languages = stmt.ColumnText(3);
  try {
    info.languages =
        nlohmann::json::parse(languages).get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    return Status::DataError(path_ + ": taxonomy: languages " +
                             Quoted(languages) + ": " +
                             classification::JsonErrorText(e));
  }
  info.source = stmt.ColumnText(4);
  info.licence = stmt.ColumnText(5);
  return info;
}

// Rebuilds through TaxonomyBuilder, adding everything in the stored
// positions, so the derived parts (children, depths, sorted links) come out
// exactly as they were, and a hand-edited database is validated again.
Result<Taxonomy> SqliteStore::ReadTaxonomy() {
  sqlite::Database& db = *db_;
  const std::string where = path_ + ": taxonomy";
  // One read transaction: the taxonomy cannot change halfway through.
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::BeginRead(db, "read taxonomy"));

  SKILLMATCH_ASSIGN_OR_RETURN(info, ReadTaxonomyInfo());
  TaxonomyBuilder builder(std::move(info));
  // Builder messages have no location; say which row they are about.
  auto check = [&](Status status, const std::string& what) -> Status {
    if (status.ok()) return status;
    return Status::DataError(where + ": " + what + ": " + status.message());
  };

  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "SELECT code, parent, level, label FROM "
                                 "nodes ORDER BY position",
                                 "read taxonomy: nodes"));
    while (true) {
      SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      std::string code = stmt.ColumnText(0);
      const std::string what = "node " + Quoted(code);
      SKILLMATCH_RETURN_IF_ERROR(
          check(builder.AddNode(std::move(code), stmt.ColumnText(1),
                                stmt.ColumnText(2), stmt.ColumnText(3)),
                what));
    }
    SKILLMATCH_RETURN_IF_ERROR(check(builder.FinishTree(), "nodes"));
  }
  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "SELECT l.code, l.lang, l.label, l.kind FROM "
                                 "labels AS l JOIN nodes AS n ON n.code = "
                                 "l.code ORDER BY n.position, l.position",
                                 "read taxonomy: labels"));
    while (true) {
      SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      const std::string code = stmt.ColumnText(0);
      const std::string what = "label of " + Quoted(code);
      const std::string kind_text = stmt.ColumnText(3);
      SKILLMATCH_ASSIGN_OR_RETURN(
          kind, ParseColumn(classification::ParseLabelKind(kind_text),
                            kind_text, where + ": " + what));
      SKILLMATCH_RETURN_IF_ERROR(check(
          builder.AddLabel(code, stmt.ColumnText(1), stmt.ColumnText(2), kind),
          what));
    }
  }
  {
    // Stored label order has preferred labels first (the Taxonomy keeps them
    // so), hence AddSkill sees each skill's first label before any
    // AddSkillLabel.
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(
                  db,
                  "SELECT s.id, s.kind, l.lang, l.label, l.preferred FROM "
                  "skills AS s JOIN skill_labels AS l ON l.skill_id = s.id "
                  "ORDER BY s.position, l.position",
                  "read taxonomy: skills"));
    while (true) {
      SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      const std::string id = stmt.ColumnText(0);
      const std::string what = "skill " + Quoted(id);
      const std::string kind_text = stmt.ColumnText(1);
      SKILLMATCH_ASSIGN_OR_RETURN(
          kind, ParseColumn(classification::ParseSkillKind(kind_text),
                            kind_text, where + ": " + what));
      Status added = stmt.ColumnInt(4) != 0
                         ? builder.AddSkill(id, kind, stmt.ColumnText(2),
                                            stmt.ColumnText(3))
                         : builder.AddSkillLabel(id, stmt.ColumnText(2),
                                                 stmt.ColumnText(3));
      SKILLMATCH_RETURN_IF_ERROR(check(std::move(added), what));
    }
  }
  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "SELECT code, skill_id, relation, weight, "
                                 "core FROM occupation_skills ORDER BY "
                                 "position",
                                 "read taxonomy: occupation skills"));
    while (true) {
      SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      const std::string code = stmt.ColumnText(0);
      const std::string skill_id = stmt.ColumnText(1);
      const std::string what =
          "occupation skill " + Quoted(code) + " - " + Quoted(skill_id);
      const std::string relation_text = stmt.ColumnText(2);
      SKILLMATCH_ASSIGN_OR_RETURN(
          relation,
          ParseColumn(classification::ParseSkillRelation(relation_text),
                      relation_text, where + ": " + what));
      std::optional<float> weight;
      if (auto stored = stmt.ColumnOptionalDouble(3)) {
        weight = static_cast<float>(*stored);
      }
      SKILLMATCH_RETURN_IF_ERROR(
          check(builder.AddOccupationSkill(code, skill_id, relation, weight,
                                           stmt.ColumnInt(4) != 0),
                what));
    }
  }
  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "SELECT from_code, to_code, kind, rank FROM "
                                 "mobility ORDER BY position",
                                 "read taxonomy: mobility"));
    while (true) {
      SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      const std::string from = stmt.ColumnText(0);
      const std::string to = stmt.ColumnText(1);
      const std::string what = "mobility " + Quoted(from) + " -> " + Quoted(to);
      const std::string kind_text = stmt.ColumnText(2);
      SKILLMATCH_ASSIGN_OR_RETURN(
          kind, ParseColumn(classification::ParseMobilityKind(kind_text),
                            kind_text, where + ": " + what));
      SKILLMATCH_RETURN_IF_ERROR(
          check(builder.AddMobility(from, to, kind, stmt.ColumnInt(3)), what));
    }
  }
  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "SELECT code, system, external_code, "
                                 "match_type, external_label FROM crosswalk "
                                 "ORDER BY position",
                                 "read taxonomy: crosswalk"));
    while (true) {
      SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) break;
      const std::string code = stmt.ColumnText(0);
      const std::string what = "crosswalk of " + Quoted(code);
      const std::string match_text = stmt.ColumnText(3);
      SKILLMATCH_ASSIGN_OR_RETURN(
          match, ParseColumn(classification::ParseMatchType(match_text),
                             match_text, where + ": " + what));
      SKILLMATCH_RETURN_IF_ERROR(check(
          builder.AddCrosswalk(code, stmt.ColumnText(1), stmt.ColumnText(2),
                               match, stmt.ColumnText(4)),
          what));
    }
  }
  // Only reads happened; committing ends the read transaction.
  SKILLMATCH_RETURN_IF_ERROR(tx.Commit());
  Result<Taxonomy> taxonomy = std::move(builder).Build();
  if (!taxonomy.ok()) return check(taxonomy.status(), "build");
  return taxonomy;
}

// ---------------------------------------------------------------- Offers

Result<UpsertOutcome> SqliteStore::UpsertOffer(const Offer& offer) {
  sqlite::Database& db = *db_;
  const std::string context = "offer " + Quoted(offer.id);
  if (offer.id.empty()) {
    return Status::DataError(path_ + ": offer with an empty id");
  }
  SKILLMATCH_ASSIGN_OR_RETURN(doc, EncodeDoc(offer, path_ + ": " + context));
  // A savepoint inside a caller's transaction: check and write together.
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::Begin(db, context));
  if (!offer.source_ref.empty()) {
    // The unique index would refuse the row too, but without saying which
    // offer holds the reference. The "source_ref <> ''" term lets SQLite
    // use that partial index; without it every offer is a full scan.
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db,
                                 "SELECT id FROM offers WHERE source = ?1 AND "
                                 "source_ref = ?2 AND source_ref <> '' AND "
                                 "id <> ?3",
                                 context));
    SKILLMATCH_RETURN_IF_ERROR(
        stmt.BindAll(offer.source, offer.source_ref, offer.id));
    SKILLMATCH_ASSIGN_OR_RETURN(taken, stmt.Step());
    if (taken) {
      return Status::DataError(
          path_ + ": " + context + ": source " + Quoted(offer.source) +
          " reference " + Quoted(offer.source_ref) +
          " already belongs to offer " + Quoted(stmt.ColumnText(0)));
    }
  }
  SKILLMATCH_ASSIGN_OR_RETURN(
      exists,
      Exists(db, "SELECT 1 FROM offers WHERE id = ?1", offer.id, context));
  const char* sql =
      exists ? "UPDATE offers SET source = ?2, source_ref = ?3, "
               "occupation = ?4, country = ?5, international = ?6, "
               "published = ?7, expires = ?8, needs_review = ?9, doc = ?10, "
               "updated_at = " STORE_NOW_SQL " WHERE id = ?1"
             : "INSERT INTO offers (id, source, source_ref, occupation, "
               "country, international, published, expires, needs_review, "
               "doc, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
               "?7, ?8, ?9, ?10, " STORE_NOW_SQL ", " STORE_NOW_SQL ")";
  SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(db, sql, context));
  SKILLMATCH_RETURN_IF_ERROR(
      stmt.BindAll(offer.id, offer.source, offer.source_ref, offer.occupation,
                   offer.location.country, offer.international, offer.published,
                   offer.expires, offer.needs_review, doc));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  SKILLMATCH_RETURN_IF_ERROR(tx.Commit());
  return exists ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<Offer> SqliteStore::GetOffer(const std::string& id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, "SELECT doc FROM offers WHERE id = ?1",
                               "offer " + Quoted(id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, id));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return Status::NotFound(path_ + ": no offer " + Quoted(id));
  return DecodeOffer(id, stmt.ColumnText(0), path_);
}

Status SqliteStore::ForEachOffer(const std::function<Status(Offer&&)>& visit) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, "SELECT id, doc FROM offers ORDER BY id",
                               "offers"));
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return Status::Ok();
    SKILLMATCH_ASSIGN_OR_RETURN(
        offer, DecodeOffer(stmt.ColumnText(0), stmt.ColumnText(1), path_));
    SKILLMATCH_RETURN_IF_ERROR(visit(std::move(offer)));
  }
}

Result<int64_t> SqliteStore::CountOffers() { return CountOf(*db_, "offers"); }

// ---------------------------------------------------------------- Profiles

Result<UpsertOutcome> SqliteStore::UpsertProfile(const Profile& profile) {
  sqlite::Database& db = *db_;
  const std::string context = "profile " + Quoted(profile.id);
  if (profile.id.empty()) {
    return Status::DataError(path_ + ": profile with an empty id");
  }
  SKILLMATCH_ASSIGN_OR_RETURN(doc, EncodeDoc(profile, path_ + ": " + context));
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::Begin(db, context));
  SKILLMATCH_ASSIGN_OR_RETURN(
      exists,
      Exists(db, "SELECT 1 FROM profiles WHERE id = ?1", profile.id, context));
  const char* sql =
      exists ? "UPDATE profiles SET occupation = ?2, country = ?3, "
               "region = ?4, education_level = ?5, experience_years = ?6, "
               "available_from = ?7, doc = ?8, updated_at = " STORE_NOW_SQL
               " WHERE id = ?1"
             : "INSERT INTO profiles (id, occupation, country, region, "
               "education_level, experience_years, available_from, doc, "
               "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
               "?8, " STORE_NOW_SQL ", " STORE_NOW_SQL ")";
  SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(db, sql, context));
  const std::string occupation = profile.target_occupations.empty()
                                     ? std::string()
                                     : profile.target_occupations.front();
  SKILLMATCH_RETURN_IF_ERROR(
      stmt.BindAll(profile.id, occupation, profile.location.country,
                   profile.location.region, profile.education_level,
                   profile.experience_years, profile.available_from, doc));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  if (profile.registered) {
    // The registrations this one would overlap give way to it; earlier
    // ones, ended by its start, are the history (store.h, Registrations).
    SKILLMATCH_ASSIGN_OR_RETURN(
        drop, Statement::Prepare(
                  db,
                  "DELETE FROM registrations WHERE profile_id = ?1 AND "
                  "(registered >= ?2 OR exited IS NULL OR exited > ?2)",
                  context + ": registrations"));
    SKILLMATCH_RETURN_IF_ERROR(drop.BindAll(profile.id, *profile.registered));
    SKILLMATCH_RETURN_IF_ERROR(drop.Run());
    SKILLMATCH_ASSIGN_OR_RETURN(
        add, Statement::Prepare(
                 db,
                 "INSERT INTO registrations (profile_id, registered, exited, "
                 "exit_reason, recorded_at) VALUES (?1, ?2, ?3, ?4, "
                 STORE_NOW_SQL ")",
                 context + ": registrations"));
    SKILLMATCH_RETURN_IF_ERROR(add.BindAll(profile.id, *profile.registered,
                                           profile.exited,
                                           profile.exit_reason));
    SKILLMATCH_RETURN_IF_ERROR(add.Run());
  }
  SKILLMATCH_RETURN_IF_ERROR(tx.Commit());
  return exists ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<Profile> SqliteStore::GetProfile(const std::string& id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, "SELECT doc FROM profiles WHERE id = ?1",
                               "profile " + Quoted(id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, id));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return Status::NotFound(path_ + ": no profile " + Quoted(id));
  return DecodeProfile(id, stmt.ColumnText(0), path_);
}

Status SqliteStore::ForEachProfile(
    const std::function<Status(Profile&&)>& visit) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, "SELECT id, doc FROM profiles ORDER BY id",
                               "profiles"));
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return Status::Ok();
    SKILLMATCH_ASSIGN_OR_RETURN(
        profile, DecodeProfile(stmt.ColumnText(0), stmt.ColumnText(1), path_));
    SKILLMATCH_RETURN_IF_ERROR(visit(std::move(profile)));
  }
}

Result<int64_t> SqliteStore::CountProfiles() {
  return CountOf(*db_, "profiles");
}

// ---------------------------------------------------------------- Decisions

Result<int64_t> SqliteStore::RecordDecision(const Decision& decision) {
  // The schema's CHECK and foreign keys are the validation: one rule, in one
  // place, also enforced for other programs writing the file.
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                "INSERT INTO decisions (profile_id, offer_id, status, reason, "
                "counsellor, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                "COALESCE(NULLIF(?6, ''), " STORE_NOW_SQL "))",
                "decision for profile " + Quoted(decision.profile_id) +
                    " and offer " + Quoted(decision.offer_id)));
  SKILLMATCH_RETURN_IF_ERROR(
      stmt.BindAll(decision.profile_id, decision.offer_id, decision.status,
                   decision.reason, decision.counsellor, decision.decided_at));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Result<std::vector<Decision>> SqliteStore::ListDecisions(
    const DecisionQuery& query) {
  std::string sql =
      "SELECT id, profile_id, offer_id, status, reason, counsellor, "
      "decided_at FROM decisions WHERE 1";
  if (!query.profile_id.empty()) sql += " AND profile_id = :profile";
  if (!query.offer_id.empty()) sql += " AND offer_id = :offer";
  sql += " ORDER BY decided_at, id";
  SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(*db_, sql, "decisions"));
  if (!query.profile_id.empty()) {
    SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(":profile", query.profile_id));
  }
  if (!query.offer_id.empty()) {
    SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(":offer", query.offer_id));
  }
  std::vector<Decision> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    Decision decision;
    decision.id = stmt.ColumnInt64(0);
    decision.profile_id = stmt.ColumnText(1);
    decision.offer_id = stmt.ColumnText(2);
    decision.status = stmt.ColumnText(3);
    decision.reason = stmt.ColumnText(4);
    decision.counsellor = stmt.ColumnText(5);
    decision.decided_at = stmt.ColumnText(6);
    out.push_back(std::move(decision));
  }
}

Result<std::vector<TableCount>> SqliteStore::CountRows() {
  std::vector<TableCount> out;
  for (const char* table : kTables) {
    SKILLMATCH_ASSIGN_OR_RETURN(rows, CountOf(*db_, table));
    out.push_back(TableCount{table, rows});
  }
  return out;
}

}  // namespace skillmatch::engine

#undef STORE_NOW_SQL
