// Status and Result<T>: how every fallible library call reports.
//
// A Status is either OK or carries a code and a message. Messages that come
// from reading a file start with "file:line:column: " (or "file:line: " when no
// field applies), so a person can find the problem at once.
//
// Result<T> holds either a T or a non-OK Status. Library functions return
// these and never throw; exceptions raised by third-party libraries are caught
// where the data is read and turned into a Status with context.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace skillmatch {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a caller passed something unusable (a bad option value)
  kDataError,        // input data is malformed or inconsistent
  kNotFound,         // a file, code or id does not exist
  kIoError,          // reading or writing failed
  kInternal,         // a bug: an invariant did not hold
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status DataError(std::string msg) {
    return Status(StatusCode::kDataError, std::move(msg));
  }
  static Status NotFound(std::string msg) {
    return Status(StatusCode::kNotFound, std::move(msg));
  }
  static Status IoError(std::string msg) {
    return Status(StatusCode::kIoError, std::move(msg));
  }
  static Status Internal(std::string msg) {
    return Status(StatusCode::kInternal, std::move(msg));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK" or the message; for logs and error output.
  std::string ToString() const { return ok() ? std::string("OK") : message_; }

 private:
  Status(StatusCode code, std::string msg)
      : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "a Result holding no value needs an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace skillmatch

// Returns early from the enclosing function if `expr` is not OK.
#define SKILLMATCH_RETURN_IF_ERROR(expr)            \
  do {                                              \
    ::skillmatch::Status _sm_status = (expr);       \
    if (!_sm_status.ok()) return _sm_status;        \
  } while (0)

// Declares `lhs` as the value of the Result `expr`, or returns its status
// early from the enclosing function:
//   SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(db, sql, context));
#define SKILLMATCH_ASSIGN_OR_RETURN(lhs, expr)          \
  auto lhs##_result = (expr);                           \
  if (!lhs##_result.ok()) return lhs##_result.status(); \
  auto lhs = std::move(lhs##_result).value()
