#include "audit.h"

#include "auth.h"

namespace skillmatch::server {

std::string AuditHash(const engine::AuditEntry& entry) {
  std::string input;
  auto add = [&](const std::string& field) {
    input += std::to_string(field.size());
    input += ':';
    input += field;
    input += ';';
  };
  add(std::to_string(entry.id));
  add(entry.at);
  add(entry.actor);
  add(entry.action);
  add(entry.record);
  add(entry.address);
  add(entry.prev_hash);
  return Sha256Hex(input);
}

Result<AuditReport> VerifyAudit(engine::Store& store) {
  AuditReport report;
  int64_t expected_id = 1;
  std::string prev_hash;
  Status walked = store.ForEachAudit([&](engine::AuditEntry&& entry) {
    ++report.entries;
    const std::string name = "entry " + std::to_string(entry.id);
    if (entry.id > expected_id) {
      for (int64_t id = expected_id; id < entry.id; ++id) {
        report.problems.push_back("entry " + std::to_string(id) +
                                  ": missing (deleted)");
      }
    } else if (entry.prev_hash != prev_hash) {
      // Entry n-1 was rewritten with a fresh hash (else its own hash check
      // names it), or entry n's link was edited (then its hash fails too).
      report.problems.push_back("entry " + std::to_string(entry.id - 1) +
                                ": modified (entry " + std::to_string(entry.id) +
                                " was chained to another hash)");
    }
    if (AuditHash(entry) != entry.hash) {
      report.problems.push_back(name +
                                ": hash does not match its content (modified)");
    }
    expected_id = entry.id + 1;
    prev_hash = entry.hash;
    return Status::Ok();
  });
  if (!walked.ok()) return walked;
  SKILLMATCH_ASSIGN_OR_RETURN(head, store.AuditHead());
  if (head.first >= expected_id) {
    for (int64_t id = expected_id; id <= head.first; ++id) {
      report.problems.push_back("entry " + std::to_string(id) +
                                ": missing (deleted)");
    }
  } else if (head.first == expected_id - 1 && head.second != prev_hash) {
    report.problems.push_back("entry " + std::to_string(head.first) +
                              ": differs from the chain's recorded head "
                              "(modified)");
  } else if (head.first < expected_id - 1) {
    report.problems.push_back("entries after " + std::to_string(head.first) +
                              " were added outside the server (head is " +
                              std::to_string(head.first) + ")");
  }
  return report;
}

}  // namespace skillmatch::server
