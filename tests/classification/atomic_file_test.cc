#include "skillmatch/classification/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "support/temp_dir.h"

namespace skillmatch::classification {
namespace {

namespace fs = std::filesystem;
using skillmatch::testing::TempDir;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The names in `dir`, sorted.
std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicFile, TargetAppearsOnlyOnCommit) {
  TempDir dir;
  const std::string path = dir.Child("out.csv");
  Result<AtomicFile> file = AtomicFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->path(), path);
  file->stream() << "a,b\n1,2\n";
  file->stream().flush();
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::exists(file->temp_path()));
  // Beside the target, with the pid in its name.
  EXPECT_EQ(fs::path(file->temp_path()).parent_path(), fs::path(dir.path()));
  EXPECT_NE(file->temp_path().find("." + std::to_string(::getpid()) + "."),
            std::string::npos);

  Status committed = file->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(Slurp(path), "a,b\n1,2\n");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, CommitReplacesThePreviousContent) {
  TempDir dir;
  dir.Write("out.csv", "old\n");
  Result<AtomicFile> file = AtomicFile::Open(dir.Child("out.csv"));
  ASSERT_TRUE(file.ok()) << file.status().message();
  file->stream() << "new\n";
  EXPECT_EQ(Slurp(dir.Child("out.csv")), "old\n");
  ASSERT_TRUE(file->Commit().ok());
  EXPECT_EQ(Slurp(dir.Child("out.csv")), "new\n");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, DestroyedWithoutCommitKeepsThePreviousContent) {
  TempDir dir;
  dir.Write("out.csv", "old\n");
  {
    Result<AtomicFile> file = AtomicFile::Open(dir.Child("out.csv"));
    ASSERT_TRUE(file.ok()) << file.status().message();
    file->stream() << "half a ro";
    file->stream().flush();
    EXPECT_TRUE(fs::exists(file->temp_path()));
  }
  EXPECT_EQ(Slurp(dir.Child("out.csv")), "old\n");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, DestroyedWithoutCommitCreatesNothing) {
  TempDir dir;
  {
    Result<AtomicFile> file = AtomicFile::Open(dir.Child("out.csv"));
    ASSERT_TRUE(file.ok()) << file.status().message();
    file->stream() << "never committed\n";
    // Closed but not renamed: still removed.
    ASSERT_TRUE(file->Close().ok());
  }
  EXPECT_TRUE(Names(dir.path()).empty());
}

TEST(AtomicFile, CloseThenCommitRenames) {
  TempDir dir;
  Result<AtomicFile> file = AtomicFile::Open(dir.Child("out.csv"));
  ASSERT_TRUE(file.ok()) << file.status().message();
  file->stream() << "x\n";
  ASSERT_TRUE(file->Close().ok());
  EXPECT_TRUE(file->Close().ok());  // again: the same result
  EXPECT_FALSE(fs::exists(dir.Child("out.csv")));
  ASSERT_TRUE(file->Commit().ok());
  EXPECT_EQ(Slurp(dir.Child("out.csv")), "x\n");
}

TEST(AtomicFile, MovedFileOwnsTheTemporaryFile) {
  TempDir dir;
  Result<AtomicFile> opened = AtomicFile::Open(dir.Child("out.csv"));
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  std::vector<AtomicFile> files;
  files.push_back(std::move(opened).value());
  files.front().stream() << "moved\n";
  ASSERT_TRUE(files.front().Commit().ok());
  EXPECT_EQ(Slurp(dir.Child("out.csv")), "moved\n");
  files.clear();
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, TwoWritersOfOneTargetUseTwoTemporaryFiles) {
  TempDir dir;
  Result<AtomicFile> first = AtomicFile::Open(dir.Child("out.csv"));
  Result<AtomicFile> second = AtomicFile::Open(dir.Child("out.csv"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->temp_path(), second->temp_path());
  first->stream() << "first\n";
  second->stream() << "second\n";
  ASSERT_TRUE(first->Commit().ok());
  ASSERT_TRUE(second->Commit().ok());
  EXPECT_EQ(Slurp(dir.Child("out.csv")), "second\n");
}

TEST(AtomicFile, MissingFolderNamesThePath) {
  TempDir dir;
  dir.Write("plain", "a file, not a folder\n");
  // Fails for every user, root included: "plain" is not a folder.
  const std::string path = dir.Child("plain/out.csv");
  Result<AtomicFile> file = AtomicFile::Open(path);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), StatusCode::kIoError);
  const std::string& message = file.status().message();
  EXPECT_EQ(message.rfind(path + ".", 0), 0u) << message;
  EXPECT_TRUE(message.ends_with(".tmp: cannot open for writing")) << message;
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"plain"});
}

TEST(AtomicFile, FailedRenameNamesTheTargetAndKeepsIt) {
  TempDir dir;
  // A non-empty folder cannot be replaced by a file.
  const std::string path = dir.Child("out.csv");
  fs::create_directory(path);
  dir.Write("out.csv/keep", "kept\n");
  {
    Result<AtomicFile> file = AtomicFile::Open(path);
    ASSERT_TRUE(file.ok()) << file.status().message();
    file->stream() << "x\n";
    Status committed = file->Commit();
    ASSERT_FALSE(committed.ok());
    EXPECT_EQ(committed.code(), StatusCode::kIoError);
    EXPECT_EQ(
        committed.message().rfind(path + ": cannot rename from .tmp: ", 0), 0u)
        << committed.message();
  }
  EXPECT_EQ(Slurp(dir.Child("out.csv/keep")), "kept\n");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, FailedWriteIsReportedAndNothingIsRenamed) {
  TempDir dir;
  dir.Write("out.csv", "old\n");
  {
    Result<AtomicFile> file = AtomicFile::Open(dir.Child("out.csv"));
    ASSERT_TRUE(file.ok()) << file.status().message();
    file->stream() << "x\n";
    file->stream().setstate(std::ios::badbit);  // as a failed write leaves it
    Status committed = file->Commit();
    ASSERT_FALSE(committed.ok());
    EXPECT_EQ(committed.message(), file->temp_path() + ": write failed");
    // Close() after a failure repeats it.
    EXPECT_EQ(file->Close().message(), committed.message());
  }
  EXPECT_EQ(Slurp(dir.Child("out.csv")), "old\n");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.csv"});
}

}  // namespace
}  // namespace skillmatch::classification
