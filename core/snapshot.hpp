#pragma once
// Snapshots (SPEC §2): frozen copies of the map, one SQLite file each in the
// workspace's snapshots/ folder, made with VACUUM INTO. A snapshot carries
// the method its ratings were made with, so it renders and compares as it
// was even after the workspace's method has changed.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "date.hpp"
#include "workspace.hpp"

namespace riskmap {

struct SnapshotInfo {
  std::string name;
  std::string date;        // the date the map is frozen at (--today), YYYY-MM-DD
  std::string created_at;  // when it was taken, ISO 8601 UTC
  std::string author;
  std::string note;
  std::int64_t sequence = 0;  // order of creation within the workspace, from 1
  std::string method_name;
  std::int64_t assets = 0, scenarios = 0, controls = 0, stakeholders = 0, actions = 0;
};

// The folder holding a workspace's snapshots.
std::filesystem::path snapshot_folder(const Workspace& workspace);
std::filesystem::path snapshot_folder(const std::filesystem::path& workspace_dir);
// The file of the snapshot `name`, whether it exists or not.
std::filesystem::path snapshot_file(const Workspace& workspace, std::string_view name);

// Checks a snapshot name: letters, digits, '.', '_' and '-', not "live"
// (which names the live map in `riskmap diff`). Throws ValueError.
void check_snapshot_name(std::string_view name);

// Freezes the live map as `name`. Must run outside a transaction (VACUUM INTO
// cannot run inside one; it reads the map as one transaction would). Refuses
// (Conflict) a name in use. The file appears whole or not at all.
SnapshotInfo create_snapshot(Workspace& workspace, const std::string& name, const Date& date,
                             const std::string& author, const std::string& note,
                             std::vector<std::string>* warnings = nullptr);

// Every snapshot, oldest first (by sequence). A file of snapshots/ that is
// not a readable snapshot is passed over, with a line in `warnings`.
std::vector<SnapshotInfo> list_snapshots(const Workspace& workspace,
                                         std::vector<std::string>* warnings = nullptr);
// One snapshot; an unknown name is UnknownRef with a "did you mean".
SnapshotInfo find_snapshot(const Workspace& workspace, const std::string& name);
// The newest snapshot, or the newest created before `before` (a sequence).
std::optional<SnapshotInfo> latest_snapshot(const Workspace& workspace,
                                            std::optional<std::int64_t> before = {},
                                            std::vector<std::string>* warnings = nullptr);
void remove_snapshot(Workspace& workspace, const std::string& name);

// A snapshot opened for reading, as a workspace: the live workspace's folder
// and mission, the snapshot's records and method. A snapshot written by an
// older riskmap is migrated in a temporary copy; the file is never changed.
class SnapshotView {
 public:
  SnapshotView(const Workspace& live, const std::string& name);
  // A snapshot file anywhere (another workspace's snapshots/ folder).
  static std::unique_ptr<SnapshotView> of_file(const Workspace& live,
                                               const std::filesystem::path& file);
  ~SnapshotView();
  SnapshotView(const SnapshotView&) = delete;
  SnapshotView& operator=(const SnapshotView&) = delete;

  Workspace& workspace() { return *workspace_; }
  const SnapshotInfo& info() const { return info_; }

 private:
  SnapshotView(const Workspace& live, SnapshotInfo info, const std::filesystem::path& path,
               const std::filesystem::path& scratch);
  SnapshotInfo info_;
  std::unique_ptr<Staging> staging_;  // holds the migrated copy, if one was needed
  std::unique_ptr<Workspace> workspace_;
};

struct RestoreResult {
  std::string kept;  // the snapshot the live map was kept as before restoring
  bool method_changed = false;
};

// Replaces the live map's records (every table but the change journal) with
// the snapshot's, and the method with the snapshot's method when they differ.
// A snapshot that is damaged, or holds a record that does not read back on
// its own method, is refused (ContentError) before anything changes. The
// live map is first kept as the snapshot "before-restore-N". Must run
// outside a transaction: it runs its own write transaction, in which
// `journal` is called to record the change.
RestoreResult restore_snapshot(Workspace& workspace, const std::string& name, const Date& date,
                               const std::string& author, const std::function<void()>& journal);

}  // namespace riskmap
