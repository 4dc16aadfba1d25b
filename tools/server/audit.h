// The audit trail's hash chain: how an entry is hashed, how the chain is
// checked (`skillmatch audit verify`), and the one call the server uses to
// append an entry.
//
// Entry n's hash is SHA-256 over its id, time, actor, action, record,
// address and the hash of entry n-1, each field length-prefixed so that no
// two different entries give the same input. The store keeps the head (last
// id and hash) apart, so deleting the newest entries shows too. This
// detects changes made by someone who edits the file without recomputing
// every later hash and the head; it is not a signature.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/store/store.h"

namespace skillmatch::server {

std::string AuditHash(const engine::AuditEntry& entry);

struct AuditReport {
  int64_t entries = 0;
  // One line per problem, naming the entry: "entry 4: hash does not match
  // its content (modified)", "entry 7: missing (deleted)".
  std::vector<std::string> problems;
  bool ok() const { return problems.empty(); }
};

// Walks the whole chain of `store`.
[[nodiscard]] Result<AuditReport> VerifyAudit(engine::Store& store);

}  // namespace skillmatch::server
