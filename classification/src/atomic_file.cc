#include "skillmatch/classification/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <cassert>
#include <cstdint>
#include <filesystem>
#include <utility>

namespace skillmatch::classification {

namespace fs = std::filesystem;

Result<AtomicFile> AtomicFile::Open(std::string path) {
  // The pid keeps two processes writing the same target apart; the counter
  // does the same for two files opened on one target in this process.
  static std::atomic<uint64_t> counter{0};
  std::string temp_path = path + "." + std::to_string(::getpid()) + "." +
                          std::to_string(counter++) + ".tmp";
  AtomicFile file(std::move(path), std::move(temp_path));
  if (!file.out_.is_open()) {
    return Status::IoError(file.temp_path_ + ": cannot open for writing");
  }
  return file;
}

AtomicFile::AtomicFile(std::string path, std::string temp_path)
    : path_(std::move(path)),
      temp_path_(std::move(temp_path)),
      out_(temp_path_, std::ios::binary | std::ios::trunc),
      owns_temp_(out_.is_open()) {}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      temp_path_(std::move(other.temp_path_)),
      out_(std::move(other.out_)),
      close_status_(std::move(other.close_status_)),
      owns_temp_(std::exchange(other.owns_temp_, false)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    Discard();
    path_ = std::move(other.path_);
    temp_path_ = std::move(other.temp_path_);
    out_ = std::move(other.out_);
    close_status_ = std::move(other.close_status_);
    owns_temp_ = std::exchange(other.owns_temp_, false);
  }
  return *this;
}

AtomicFile::~AtomicFile() { Discard(); }

void AtomicFile::Discard() {
  if (!owns_temp_) return;
  out_.close();
  std::error_code ignored;  // nothing better to do from a destructor
  fs::remove(temp_path_, ignored);
  owns_temp_ = false;
}

Status AtomicFile::Close() {
  if (!out_.is_open()) return close_status_;
  // close() flushes; failbit then also covers a write that failed earlier.
  out_.close();
  if (out_.fail())
    close_status_ = Status::IoError(temp_path_ + ": write failed");
  return close_status_;
}

Status AtomicFile::Commit() {
  assert(owns_temp_ && "Commit() on a moved-from or committed AtomicFile");
  SKILLMATCH_RETURN_IF_ERROR(Close());
  std::error_code error;
  fs::rename(temp_path_, path_, error);
  if (error) {
    return Status::IoError(path_ +
                           ": cannot rename from .tmp: " + error.message());
  }
  owns_temp_ = false;
  return Status::Ok();
}

}  // namespace skillmatch::classification
