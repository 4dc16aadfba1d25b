// The Store's part of the offer import (schema migration 2): the writer with
// its prepared statements, import runs and checkpoints, review.
#include <ctime>
#include <utility>

#include <nlohmann/json.hpp>

#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/model/model_json.h"
#include "skillmatch/store/store.h"
#include "sqlite.h"
#include "sqlite_store.h"

namespace skillmatch::engine {

namespace {

using sqlite::Statement;

#define IMPORT_NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"


using text::Quoted;

}  // namespace

struct SqliteImportWriter::Impl {
  sqlite::Database* db = nullptr;
  std::string path;
  bool open = false;  // a transaction is open
  std::optional<Statement> find_ref;
  std::optional<Statement> find_duplicate;
  std::optional<Statement> find_key;
  std::optional<Statement> insert_offer;
  std::optional<Statement> update_offer;
  std::optional<Statement> put_coding;
  std::optional<Statement> put_key;
  std::optional<Statement> put_duplicate;
  std::optional<Statement> reject;
  std::optional<Statement> progress;
  std::optional<Statement> other_runs;
  std::string now;  // the time of the open transaction, ISO 8601 UTC

  // Whether another source than `source` has imported offers, so that
  // near-duplicates must be looked for. Only imports write dedup keys and
  // each runs under an import_runs row, so a store without another
  // source's run has no offer to link to: the lookup is skipped. Asked once
  // per transaction (BEGIN IMMEDIATE keeps other writers out until then).
  std::optional<std::pair<std::string, bool>> others_of;
  Result<bool> OtherSources(const std::string& source) {
    if (others_of && others_of->first == source) return others_of->second;
    Statement& stmt = *other_runs;
    SKILLMATCH_RETURN_IF_ERROR(stmt.Reset());
    SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(source));
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    others_of.emplace(source, row);
    return row;
  }

  Status Prepare(std::optional<Statement>* out, const char* sql,
                 const char* context) {
    SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(*db, sql, context));
    out->emplace(std::move(stmt));
    return Status::Ok();
  }
};

SqliteImportWriter::SqliteImportWriter(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

SqliteImportWriter::~SqliteImportWriter() {
  if (impl_ && impl_->open) {
    Status ignored = Rollback();
    (void)ignored;
  }
}

Result<std::unique_ptr<ImportWriter>> SqliteStore::NewImportWriter() {
  auto impl = std::make_unique<SqliteImportWriter::Impl>();
  impl->db = db_.get();
  impl->path = path_;
  SqliteImportWriter::Impl& w = *impl;
  // A large import touches the indexes of offers, offer_dedup and
  // offer_codings all over: SQLite's default 2 MiB page cache makes every
  // insert a read, and in one strict transaction spills pages to the WAL
  // again and again. 256 MiB holds the dedup-key index (written in random
  // order, 56 MiB at a million offers) and the hot pages of the others: a
  // million-row import took 89 s with 64 MiB, 47 s with this. A fixed cap:
  // memory stays flat.
  SKILLMATCH_RETURN_IF_ERROR(
      w.db->Exec("PRAGMA cache_size = -262144", "import: cache size"));
  // The "source_ref <> ''" term lets SQLite use the partial unique index.
  SKILLMATCH_RETURN_IF_ERROR(w.Prepare(
      &w.find_ref,
      "SELECT o.id, o.doc, c.method, o.occupation FROM offers AS o LEFT JOIN "
      "offer_codings AS c ON c.offer_id = o.id WHERE o.source = ?1 AND "
      "o.source_ref = ?2 AND o.source_ref <> ''",
      "import: find reference"));
  SKILLMATCH_RETURN_IF_ERROR(
      w.Prepare(&w.find_duplicate,
                "SELECT duplicate_of, doc FROM offer_duplicates WHERE "
                "source = ?1 AND source_ref = ?2",
                "import: find duplicate"));
  SKILLMATCH_RETURN_IF_ERROR(w.Prepare(
      &w.find_key,
      "SELECT offer_id FROM offer_dedup WHERE dedup_key = ?1 AND source <> ?2 "
      "AND (?3 IS NULL OR published IS NULL OR "
      "abs(julianday(published) - julianday(?3)) <= ?4) "
      "ORDER BY offer_id LIMIT 1",
      "import: find near-duplicate"));
  SKILLMATCH_RETURN_IF_ERROR(w.Prepare(
      &w.insert_offer,
      "INSERT INTO offers (id, source, source_ref, occupation, country, "
      "international, published, expires, needs_review, doc, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
      "import: insert offer"));
  SKILLMATCH_RETURN_IF_ERROR(w.Prepare(
      &w.update_offer,
      "UPDATE offers SET occupation = ?2, country = ?3, international = ?4, "
      "published = ?5, expires = ?6, needs_review = ?7, doc = ?8, "
      "updated_at = ?9 WHERE id = ?1",
      "import: update offer"));
  SKILLMATCH_RETURN_IF_ERROR(w.Prepare(
      &w.put_coding,
      "INSERT OR REPLACE INTO offer_codings (offer_id, method, system, code, "
      "match_type, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      "import: coding"));
  SKILLMATCH_RETURN_IF_ERROR(
      w.Prepare(&w.put_key,
                "INSERT OR REPLACE INTO offer_dedup (offer_id, source, "
                "dedup_key, published) VALUES (?1, ?2, ?3, ?4)",
                "import: dedup key"));
  SKILLMATCH_RETURN_IF_ERROR(w.Prepare(
      &w.put_duplicate,
      "INSERT OR REPLACE INTO offer_duplicates (source, source_ref, "
      "duplicate_of, run_id, line, doc, linked_at) VALUES (?1, ?2, ?3, ?4, "
      "?5, ?6, ?7)",
      "import: link duplicate"));
  SKILLMATCH_RETURN_IF_ERROR(
      w.Prepare(&w.reject,
                "INSERT INTO import_rejects (run_id, line, field, message) "
                "VALUES (?1, ?2, ?3, ?4)",
                "import: rejection"));
  SKILLMATCH_RETURN_IF_ERROR(w.Prepare(
      &w.progress,
      "UPDATE import_runs SET rows_done = ?2, inserted = ?3, updated = ?4, "
      "unchanged = ?5, duplicates = ?6, rejected = ?7, to_review = ?8 "
      "WHERE id = ?1",
      "import: checkpoint"));
  SKILLMATCH_RETURN_IF_ERROR(w.Prepare(
      &w.other_runs,
      "SELECT 1 FROM import_runs WHERE source <> ?1 LIMIT 1",
      "import: other sources"));
  return std::unique_ptr<ImportWriter>(new SqliteImportWriter(std::move(impl)));
}

Status SqliteImportWriter::Begin() {
  SKILLMATCH_RETURN_IF_ERROR(impl_->db->Exec("BEGIN IMMEDIATE", "import"));
  impl_->open = true;
  impl_->others_of.reset();
  // One timestamp per transaction, as strftime('now') would give per row.
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  impl_->now = text;
  return Status::Ok();
}

Status SqliteImportWriter::Commit() {
  SKILLMATCH_RETURN_IF_ERROR(impl_->db->Exec("COMMIT", "import: commit"));
  impl_->open = false;
  return Status::Ok();
}

Status SqliteImportWriter::Rollback() {
  impl_->open = false;
  return impl_->db->Exec("ROLLBACK", "import: rollback");
}

Result<int64_t> SqliteImportWriter::StartRun(const std::string& source,
                                             const std::string& file,
                                             const std::string& file_hash,
                                             bool lenient, bool resume,
                                             ImportCounts* counts) {
  sqlite::Database& db = *impl_->db;
  *counts = ImportCounts();
  if (resume && !file_hash.empty()) {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(
                  db,
                  "SELECT id, rows_done, inserted, updated, unchanged, "
                  "duplicates, rejected, to_review FROM import_runs WHERE "
                  "source = ?1 AND file_hash = ?2 AND status = 'running' AND "
                  "mode = 'lenient' ORDER BY id DESC LIMIT 1",
                  "import: find unfinished run"));
    SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(source, file_hash));
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (row) {
      counts->rows = stmt.ColumnInt64(1);
      counts->inserted = stmt.ColumnInt64(2);
      counts->updated = stmt.ColumnInt64(3);
      counts->unchanged = stmt.ColumnInt64(4);
      counts->duplicates = stmt.ColumnInt64(5);
      counts->rejected = stmt.ColumnInt64(6);
      counts->to_review = stmt.ColumnInt64(7);
      return stmt.ColumnInt64(0);
    }
  }
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                db,
                "INSERT INTO import_runs (source, file, file_hash, mode, "
                "status, started_at) VALUES (?1, ?2, ?3, ?4, "
                "'running', " IMPORT_NOW_SQL ")",
                "import: start run"));
  SKILLMATCH_RETURN_IF_ERROR(
      stmt.BindAll(source, file, file_hash, lenient ? "lenient" : "strict"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db.handle()));
}

Status SqliteImportWriter::Progress(int64_t run_id,
                                    const ImportCounts& counts) {
  Statement& stmt = *impl_->progress;
  SKILLMATCH_RETURN_IF_ERROR(stmt.Reset());
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(
      run_id, counts.rows, counts.inserted, counts.updated, counts.unchanged,
      counts.duplicates, counts.rejected, counts.to_review));
  return stmt.Run();
}

Status SqliteImportWriter::FinishRun(int64_t run_id,
                                     const ImportCounts& counts) {
  SKILLMATCH_RETURN_IF_ERROR(Progress(run_id, counts));
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*impl_->db,
                               "UPDATE import_runs SET status = 'done', "
                               "finished_at = " IMPORT_NOW_SQL " WHERE id = ?1",
                               "import: finish run"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, run_id));
  return stmt.Run();
}

Status SqliteImportWriter::Reject(int64_t run_id, int64_t line,
                                  const std::string& field,
                                  const std::string& message) {
  Statement& stmt = *impl_->reject;
  SKILLMATCH_RETURN_IF_ERROR(stmt.Reset());
  // Messages quote input cut short (text::Quoted); this bounds the rest, so
  // that no rejected row costs more than a line of the table.
  constexpr size_t kMaxRejectBytes = 1024;
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(
      run_id, line, text::Excerpt(field, kMaxRejectBytes),
      text::Excerpt(text::ToValidUtf8(message), kMaxRejectBytes)));
  return stmt.Run();
}

Result<std::vector<std::string>> SqliteImportWriter::Rejections(
    int64_t run_id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*impl_->db,
                               "SELECT line, field, message FROM "
                               "import_rejects WHERE run_id = ?1 ORDER BY "
                               "line, rowid",
                               "import: rejections"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, run_id));
  std::vector<std::string> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(std::to_string(stmt.ColumnInt64(0)) + "\t" +
                  stmt.ColumnText(1) + "\t" + stmt.ColumnText(2));
  }
}

Result<ImportWriteResult> SqliteImportWriter::Write(ImportRow& row,
                                                    int64_t run_id,
                                                    int64_t line,
                                                    int dedup_window_days) {
  Impl& w = *impl_;
  Offer& offer = row.offer;
  ImportWriteResult result;

  // 1. The same reference of the same source: update, or nothing to do.
  Statement& find_ref = *w.find_ref;
  SKILLMATCH_RETURN_IF_ERROR(find_ref.Reset());
  SKILLMATCH_RETURN_IF_ERROR(find_ref.BindAll(offer.source, offer.source_ref));
  SKILLMATCH_ASSIGN_OR_RETURN(found, find_ref.Step());
  bool keep_review = false;
  if (found) {
    result.offer_id = find_ref.ColumnText(0);
    const std::string stored_doc = find_ref.ColumnText(1);
    const std::string stored_method = find_ref.ColumnText(2);
    if (offer.id != result.offer_id) {
      offer.id = result.offer_id;
      row.doc.clear();
    }
    if (stored_method == "review" &&
        (row.coding.method == "coder" || row.coding.method == "none")) {
      // A person chose this code: a re-import coded by machine keeps it.
      keep_review = true;
      offer.occupation = find_ref.ColumnText(3);
      offer.needs_review = false;
      offer.coding_confidence.reset();
      try {
        auto stored = nlohmann::json::parse(stored_doc);
        if (stored.contains("coding_confidence")) {
          offer.coding_confidence = stored["coding_confidence"].get<float>();
        }
      } catch (const nlohmann::json::exception&) {
      }
      row.doc.clear();
    }
    if (row.doc.empty()) {
      Result<std::string> doc = OfferDocument(offer);
      if (!doc.ok()) {
        return Status::DataError(w.path + ": offer " + Quoted(offer.id) +
                                 ": " + doc.status().message());
      }
      row.doc = std::move(doc).value();
    }
    if (row.doc == stored_doc) {
      result.action = ImportAction::kUnchanged;
      return result;
    }
    Statement& update = *w.update_offer;
    SKILLMATCH_RETURN_IF_ERROR(update.Reset());
    SKILLMATCH_RETURN_IF_ERROR(update.BindAll(
        offer.id, offer.occupation, offer.location.country, offer.international,
        offer.published, offer.expires, offer.needs_review, row.doc, w.now));
    SKILLMATCH_RETURN_IF_ERROR(update.Run());
    result.action = ImportAction::kUpdated;
  } else {
    // 2. A row linked as a duplicate before.
    Statement& find_dup = *w.find_duplicate;
    SKILLMATCH_RETURN_IF_ERROR(find_dup.Reset());
    SKILLMATCH_RETURN_IF_ERROR(
        find_dup.BindAll(offer.source, offer.source_ref));
    SKILLMATCH_ASSIGN_OR_RETURN(linked, find_dup.Step());
    std::string original;
    if (linked) {
      original = find_dup.ColumnText(0);
      if (find_dup.ColumnText(1) == row.doc) {
        result.action = ImportAction::kUnchanged;
        result.offer_id = original;
        return result;
      }
    } else if (!row.dedup_key.empty() && dedup_window_days > 0) {
      // 3. The same job from another source.
      SKILLMATCH_ASSIGN_OR_RETURN(others, w.OtherSources(offer.source));
      if (others) {
        Statement& find_key = *w.find_key;
        SKILLMATCH_RETURN_IF_ERROR(find_key.Reset());
        SKILLMATCH_RETURN_IF_ERROR(
            find_key.BindAll(row.dedup_key, offer.source, offer.published,
                             static_cast<int64_t>(dedup_window_days)));
        SKILLMATCH_ASSIGN_OR_RETURN(near, find_key.Step());
        if (near) original = find_key.ColumnText(0);
      }
    }
    if (!original.empty()) {
      Statement& put = *w.put_duplicate;
      SKILLMATCH_RETURN_IF_ERROR(put.Reset());
      SKILLMATCH_RETURN_IF_ERROR(put.BindAll(offer.source, offer.source_ref,
                                             original, run_id, line, row.doc,
                                             w.now));
      SKILLMATCH_RETURN_IF_ERROR(put.Run());
      result.action = ImportAction::kDuplicate;
      result.offer_id = original;
      return result;
    }
    // 4. A new offer.
    Statement& insert = *w.insert_offer;
    SKILLMATCH_RETURN_IF_ERROR(insert.Reset());
    SKILLMATCH_RETURN_IF_ERROR(insert.BindAll(
        offer.id, offer.source, offer.source_ref, offer.occupation,
        offer.location.country, offer.international, offer.published,
        offer.expires, offer.needs_review, row.doc, w.now));
    SKILLMATCH_RETURN_IF_ERROR(insert.Run());
    result.action = ImportAction::kInserted;
    result.offer_id = offer.id;
  }
  if (!keep_review) {
    Statement& coding = *w.put_coding;
    SKILLMATCH_RETURN_IF_ERROR(coding.Reset());
    std::optional<double> confidence;
    if (row.coding.confidence) confidence = *row.coding.confidence;
    SKILLMATCH_RETURN_IF_ERROR(
        coding.BindAll(offer.id, row.coding.method, row.coding.system,
                       row.coding.code, row.coding.match_type, confidence));
    SKILLMATCH_RETURN_IF_ERROR(coding.Run());
  }
  if (!row.dedup_key.empty()) {
    Statement& key = *w.put_key;
    SKILLMATCH_RETURN_IF_ERROR(key.Reset());
    SKILLMATCH_RETURN_IF_ERROR(
        key.BindAll(offer.id, offer.source, row.dedup_key, offer.published));
    SKILLMATCH_RETURN_IF_ERROR(key.Run());
  }
  return result;
}

// ---------------------------------------------------------------- Review

Result<std::vector<ImportRunInfo>> SqliteStore::ListImportRuns(const std::string& source_prefix,
                                                             int64_t limit) {
  // A prefix compared as bytes (substr), not LIKE, whose % and _ a source
  // name may hold.
  std::string sql =
      "SELECT id, source, file, mode, status, started_at, finished_at, rows_done, inserted, "
      "updated, unchanged, duplicates, rejected, to_review FROM import_runs "
      "WHERE substr(source, 1, length(?1)) = ?1 ORDER BY id DESC";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(*db_, sql, "import runs"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, source_prefix));
  std::vector<ImportRunInfo> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    ImportRunInfo run;
    run.id = stmt.ColumnInt64(0);
    run.source = stmt.ColumnText(1);
    run.file = stmt.ColumnText(2);
    run.lenient = stmt.ColumnText(3) == "lenient";
    run.done = stmt.ColumnText(4) == "done";
    run.started_at = stmt.ColumnText(5);
    run.finished_at = stmt.ColumnText(6);
    run.counts.rows = stmt.ColumnInt64(7);
    run.counts.inserted = stmt.ColumnInt64(8);
    run.counts.updated = stmt.ColumnInt64(9);
    run.counts.unchanged = stmt.ColumnInt64(10);
    run.counts.duplicates = stmt.ColumnInt64(11);
    run.counts.rejected = stmt.ColumnInt64(12);
    run.counts.to_review = stmt.ColumnInt64(13);
    out.push_back(std::move(run));
  }
}

Result<std::vector<ReviewItem>> SqliteStore::ListOffersToReview(
    const std::string& source, int64_t limit) {
  std::string sql =
      "SELECT id, source, source_ref, json_extract(doc, '$.title'), "
      "json_extract(doc, '$.employer'), occupation, "
      "json_extract(doc, '$.coding_confidence') FROM offers WHERE "
      "needs_review = 1";
  if (!source.empty()) sql += " AND source = ?1";
  sql += " ORDER BY id";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  SKILLMATCH_ASSIGN_OR_RETURN(stmt,
                          Statement::Prepare(*db_, sql, "offers to review"));
  if (!source.empty()) SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, source));
  std::vector<ReviewItem> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    ReviewItem item;
    item.offer_id = stmt.ColumnText(0);
    item.source = stmt.ColumnText(1);
    item.source_ref = stmt.ColumnText(2);
    item.title = stmt.ColumnText(3);
    item.employer = stmt.ColumnText(4);
    item.suggested = stmt.ColumnText(5);
    if (auto confidence = stmt.ColumnOptionalDouble(6)) {
      item.confidence = static_cast<float>(*confidence);
    }
    out.push_back(std::move(item));
  }
}

Status SqliteStore::SetOfferCode(const std::string& offer_id,
                                 const std::string& code,
                                 const std::string& reviewer) {
  sqlite::Database& db = *db_;
  const std::string context = "review of offer " + Quoted(offer_id);
  SKILLMATCH_ASSIGN_OR_RETURN(tx, sqlite::Transaction::Begin(db, context));
  {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(db, "SELECT level FROM nodes WHERE code = ?1",
                                 context));
    SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, code));
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) {
      return Status::NotFound(path_ + ": " + context + ": no code " +
                              Quoted(code) + " in the stored taxonomy");
    }
    if (stmt.ColumnText(0) != classification::kOccupationLevel) {
      return Status::DataError(path_ + ": " + context + ": " + Quoted(code) +
                               " is not an occupation (level " +
                               stmt.ColumnText(0) + ")");
    }
  }
  SKILLMATCH_ASSIGN_OR_RETURN(offer, GetOffer(offer_id));
  offer.occupation = code;
  offer.needs_review = false;
  SKILLMATCH_ASSIGN_OR_RETURN(done, UpsertOffer(offer));
  (void)done;
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                db,
                "INSERT INTO offer_codings (offer_id, method, system, code, "
                "match_type, confidence, reviewed_by, reviewed_at) VALUES (?1, "
                "'review', 'taxonomy', ?2, '', NULL, ?3, " IMPORT_NOW_SQL ") "
                "ON CONFLICT (offer_id) DO UPDATE SET method = 'review', "
                "reviewed_by = ?3, reviewed_at = " IMPORT_NOW_SQL,
                context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(offer_id, code, reviewer));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return tx.Commit();
}

Result<std::vector<TitleDecision>> SqliteStore::ListTitleDecisions() {
  // A reviewed offer keeps the source's code in offer_codings.code: the
  // decision is the offer's occupation. A crosswalk code that maps to
  // several occupations is settled by the title coder (its confidence is
  // then kept): that is the coder's decision, not the source's, and reading
  // it back would feed the coder its own choice (a re-import of the same
  // file would then change the offer's confidence).
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt,
      Statement::Prepare(
          *db_,
          "SELECT json_extract(o.doc, '$.title') AS title, o.occupation, "
          "c.method, count(*) FROM offer_codings AS c JOIN offers AS o ON "
          "o.id = c.offer_id WHERE o.occupation <> '' AND (c.method = "
          "'review' OR (o.needs_review = 0 AND (c.method = 'source' OR "
          "(c.method = 'crosswalk' AND c.confidence IS NULL)))) GROUP BY 1, "
          "2, 3 HAVING title <> '' "
          "ORDER BY 1, 2, 3",
          "title decisions"));
  std::vector<TitleDecision> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    TitleDecision decision;
    decision.title = stmt.ColumnText(0);
    decision.code = stmt.ColumnText(1);
    decision.method = stmt.ColumnText(2);
    decision.offers = stmt.ColumnInt64(3);
    out.push_back(std::move(decision));
  }
}

Result<OfferCoding> SqliteStore::GetOfferCoding(const std::string& offer_id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT method, system, code, match_type, "
                               "confidence FROM offer_codings WHERE "
                               "offer_id = ?1",
                               "coding of offer " + Quoted(offer_id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, offer_id));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) {
    return Status::NotFound(path_ + ": no import coding for offer " +
                            Quoted(offer_id));
  }
  OfferCoding coding;
  coding.method = stmt.ColumnText(0);
  coding.system = stmt.ColumnText(1);
  coding.code = stmt.ColumnText(2);
  coding.match_type = stmt.ColumnText(3);
  if (auto confidence = stmt.ColumnOptionalDouble(4)) {
    coding.confidence = static_cast<float>(*confidence);
  }
  return coding;
}

Result<std::vector<std::string>> SqliteStore::ListDuplicates(
    const std::string& offer_id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT source, source_ref FROM "
                               "offer_duplicates WHERE duplicate_of = ?1 "
                               "ORDER BY source, source_ref",
                               "duplicates of offer " + Quoted(offer_id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, offer_id));
  std::vector<std::string> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(stmt.ColumnText(0) + ":" + stmt.ColumnText(1));
  }
}

}  // namespace skillmatch::engine

#undef IMPORT_NOW_SQL
