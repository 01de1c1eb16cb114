#pragma once
// Every file riskmap writes goes through a staging folder: a hidden folder
// created exclusively (mode 0700) inside the target folder, where the files
// are written (mode 0600) and from which they are moved into place at the
// end. A reader never sees half of a file, a failure leaves the targets as
// they were, and whatever an interrupted run leaves behind is in a staging
// folder that the next run removes.
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace riskmap {

std::string read_file(const std::filesystem::path& path);

// The prefix of staging folders: ".riskmap-staging-PID-XXXXXX".
inline constexpr std::string_view staging_prefix = ".riskmap-staging-";

class Staging {
 public:
  // Creates the staging folder inside `folder` (which must exist), after
  // removing the staging folders that dead processes left there.
  explicit Staging(const std::filesystem::path& folder);
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  // Removes the staging folder and whatever is still in it.
  ~Staging();

  // A new staged file (0600) that commit() moves to folder/name; writing
  // it twice under one name is refused.
  std::ostream& file(const std::string& name);
  // A new staged file (0600) holding `text`, written and closed at once:
  // for many files, which would otherwise all stay open until commit().
  void put(const std::string& name, std::string_view text);
  // The path of a new empty staged file (0600), for a writer that needs a
  // path (SQLite's VACUUM INTO); commit() moves it to folder/name.
  std::filesystem::path path(const std::string& name);
  // Moves every staged file onto its target, all or none: if one move
  // fails, the targets already replaced get their old files back.
  // `durable`: each file is synced to disk first (for riskmap.toml).
  void commit(bool durable = false);

  const std::filesystem::path& folder() const { return folder_; }
  const std::filesystem::path& staging() const { return staging_; }

 private:
  struct Entry {
    std::string name;
    std::unique_ptr<std::ofstream> stream;  // null for path() entries
  };
  std::filesystem::path folder_, staging_;
  std::vector<Entry> entries_;
  std::unordered_set<std::string> names_;  // of entries_, to refuse a name twice
  int slot_ = -1;  // in the registry the interrupt handler cleans up
};

// The file behind `-o PATH`: a symbolic link is followed to its target; a
// device or FIFO is written through as it is; anything else is staged
// beside its target and replaced whole by commit().
class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& path);
  std::ostream& stream() { return direct_ ? *direct_ : *staged_; }
  void commit(bool durable = false);

 private:
  std::filesystem::path path_;  // as the user named it, for messages
  std::string name_;
  std::unique_ptr<Staging> staging_;
  std::ostream* staged_ = nullptr;
  std::unique_ptr<std::ofstream> direct_;
};

// Writes a whole file through OutputFile.
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           bool durable = false);

// Removes the staging folders that dead processes of this user left in
// `folder` (a kill -9 leaves them). Errors are ignored: it is housekeeping.
void sweep_stale_staging(const std::filesystem::path& folder);

// Removes every live staging folder of this process. Async-signal-safe: for
// the SIGINT/SIGTERM handler, which then ends the process.
void remove_staging_now() noexcept;

}  // namespace riskmap
