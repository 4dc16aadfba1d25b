// AtomicFile: writes a file so that its final name only ever holds complete
// content. Bytes go to a temporary file beside the target; Commit() renames
// it over the target, so a crash or an error leaves either the previous file
// or none, never a half-written one.
//
//   SKILLMATCH_ASSIGN_OR_RETURN(out, AtomicFile::Open(path));
//   out.stream() << content;
//   SKILLMATCH_RETURN_IF_ERROR(out.Commit());
//
// The temporary file is named "<path>.<pid>.<n>.tmp" (n counts the files
// opened by this process), so two writers never share one. It lives in the
// target's folder, so the rename stays on one file system and replaces the
// target atomically (POSIX rename). The destructor removes it unless Commit()
// succeeded.
//
// Not thread-safe: one thread uses an AtomicFile at a time. Movable, not
// copyable; a moved-from AtomicFile owns no file.
#pragma once

#include <fstream>
#include <ostream>
#include <string>

#include "skillmatch/classification/status.h"

namespace skillmatch::classification {

class AtomicFile {
 public:
  // Creates the temporary file for `path`; the folder must exist.
  // Errors: kIoError "<temporary path>: cannot open for writing".
  [[nodiscard]] static Result<AtomicFile> Open(std::string path);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless Commit() succeeded.
  ~AtomicFile();

  // Where to write, in binary mode. Valid until Close() or Commit().
  std::ostream& stream() { return out_; }
  // The target, and the temporary file written until Commit().
  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

  // Flushes and closes the temporary file without renaming it, for callers
  // that must see several files complete before renaming any. Calling it
  // again returns the first result.
  // Errors: kIoError "<temporary path>: write failed" when any write, the
  // flush or the close failed.
  [[nodiscard]] Status Close();

  // Close(), then renames the temporary file over the target. At most once.
  // Errors: those of Close(); kIoError "<path>: cannot rename from .tmp:
  // <reason>" when the rename fails (the target is left as it was).
  [[nodiscard]] Status Commit();

 private:
  AtomicFile(std::string path, std::string temp_path);
  // Closes and removes the temporary file if this object still owns it.
  void Discard();

  std::string path_;
  std::string temp_path_;
  std::ofstream out_;
  Status close_status_;
  // True while the temporary file exists and belongs to this object.
  bool owns_temp_ = false;
};

}  // namespace skillmatch::classification
