#include "snapshot.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "error.hpp"
#include "kinds.hpp"
#include "method_store.hpp"
#include "schema.hpp"
#include "store.hpp"
#include "text.hpp"
#include "toml_check.hpp"

namespace riskmap {

namespace fs = std::filesystem;

namespace {

constexpr const char* extension = ".db";

std::int64_t count_of(Database& db, std::string_view table) {
  return db.query_integer(fmt::format("SELECT count(*) FROM {}", table)).value_or(0);
}

// Snapshot facts live in the snapshot file itself, so a snapshot copied to
// another workspace's snapshots/ folder keeps them.
constexpr std::string_view info_table =
    "CREATE TABLE snapshot_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID";

std::string info_value(Database& db, std::string_view key) {
  auto statement = db.prepare("SELECT value FROM snapshot_info WHERE key = ?");
  statement.bind(1, key);
  return statement.step() ? std::string(statement.text(0)) : std::string();
}

std::int64_t info_number(Database& db, std::string_view key) {
  const std::string text = info_value(db, key);
  try {
    return text.empty() ? 0 : std::stoll(text);
  } catch (const std::exception&) {
    return 0;
  }
}

SnapshotInfo read_info(const fs::path& path) {
  Database db(path, false);
  const auto has_info = db.query_integer(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'snapshot_info'");
  if (!has_info || *has_info == 0)
    throw ContentError(fmt::format("{}: not a riskmap snapshot", path.string()));
  SnapshotInfo info;
  info.name = path.stem().string();
  info.date = info_value(db, "date");
  info.created_at = info_value(db, "created_at");
  info.author = info_value(db, "author");
  info.note = info_value(db, "note");
  info.sequence = info_number(db, "sequence");
  info.method_name = info_value(db, "method_name");
  info.assets = info_number(db, "assets");
  info.scenarios = info_number(db, "scenarios");
  info.controls = info_number(db, "controls");
  info.stakeholders = info_number(db, "stakeholders");
  info.actions = info_number(db, "actions");
  return info;
}

Method snapshot_method(Database& db, const fs::path& path) {
  const std::string text = info_value(db, "method");
  const std::string source = path.string() + " (method)";
  return read_method(parse_toml(text, source), source);
}

// The tables that make up the map: every table but the change journal (and
// what it kept of each change), the
// snapshot's own facts, and the method in force and rating bounds (which
// the restore sets itself).
std::vector<std::string> map_tables(Database& db) {
  std::vector<std::string> tables;
  auto statement = db.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "AND name NOT IN ('journal', 'journal_change', 'snapshot_info', 'setting', 'rating_bounds', 'tree_state') ORDER BY name");
  while (statement.step()) tables.emplace_back(statement.text(0));
  return tables;
}

}  // namespace

fs::path snapshot_folder(const Workspace& workspace) {
  return snapshot_folder(workspace.dir());
}

fs::path snapshot_folder(const fs::path& workspace_dir) {
  return workspace_dir / "snapshots";
}

fs::path snapshot_file(const Workspace& workspace, std::string_view name) {
  return snapshot_folder(workspace) / (std::string(name) + extension);
}

void check_snapshot_name(std::string_view name) {
  if (!is_valid_ref(name))
    throw ValueError(fmt::format(
        "'{}' is not a valid snapshot name: use ASCII letters, digits, '.', '_' or '-'", name));
  if (name == "live")
    throw ValueError("'live' names the live map in riskmap diff: choose another snapshot name");
}

std::vector<SnapshotInfo> list_snapshots(const Workspace& workspace,
                                         std::vector<std::string>* warnings) {
  std::vector<SnapshotInfo> snapshots;
  const fs::path folder = snapshot_folder(workspace);
  std::error_code error;
  if (!fs::is_directory(folder, error)) return snapshots;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const fs::path& path = entry.path();
    if (path.extension() != extension) continue;
    if (!is_valid_ref(path.stem().string())) continue;  // staging folders start with '.'
    // A file that is not a snapshot (copied in by hand, truncated, a link
    // to nothing) is passed over: the others are still listed.
    try {
      if (!entry.is_regular_file())
        throw ContentError(fmt::format("{}: not a regular file", path.string()));
      snapshots.push_back(read_info(path));
    } catch (const Error& e) {
      if (warnings) warnings->push_back(fmt::format("{}; passed over", e.what()));
    }
  }
  std::sort(snapshots.begin(), snapshots.end(), [](const auto& a, const auto& b) {
    return a.sequence != b.sequence ? a.sequence < b.sequence : NaturalLess{}(a.name, b.name);
  });
  return snapshots;
}

SnapshotInfo find_snapshot(const Workspace& workspace, const std::string& name) {
  check_snapshot_name(name);
  const fs::path path = snapshot_file(workspace, name);
  std::error_code error;
  if (fs::exists(fs::symlink_status(path, error))) return read_info(path);
  std::vector<std::string> names;
  for (const auto& snapshot : list_snapshots(workspace)) names.push_back(snapshot.name);
  if (names.empty())
    throw UnknownRef(fmt::format(
        "no snapshot '{}': the workspace has no snapshot yet (riskmap snapshot create NAME)",
        name));
  throw UnknownRef(fmt::format("no snapshot '{}'{}; snapshots: {}", name, did_you_mean(name, names),
                               join(names, ", ")));
}

std::optional<SnapshotInfo> latest_snapshot(const Workspace& workspace,
                                            std::optional<std::int64_t> before,
                                            std::vector<std::string>* warnings) {
  std::optional<SnapshotInfo> latest;
  for (auto& snapshot : list_snapshots(workspace, warnings))
    if (!before || snapshot.sequence < *before) latest = std::move(snapshot);
  return latest;
}

SnapshotInfo create_snapshot(Workspace& workspace, const std::string& name, const Date& date,
                             const std::string& author, const std::string& note,
                             std::vector<std::string>* warnings) {
  check_snapshot_name(name);
  const fs::path folder = snapshot_folder(workspace);
  const fs::path path = snapshot_file(workspace, name);
  std::error_code error;
  const auto status = fs::symlink_status(path, error);
  if (fs::is_regular_file(status)) {
    const SnapshotInfo existing = read_info(path);
    throw Conflict(fmt::format(
        "snapshot '{}' exists already (taken {}): choose another name, or remove it first with "
        "riskmap snapshot rm {}",
        name, existing.created_at, name));
  }
  if (fs::exists(status))
    throw Conflict(fmt::format(
        "{} exists and is not a snapshot ({}): remove it, or choose another name", path.string(),
        fs::is_symlink(status) ? "a symbolic link" : "not a regular file"));
  std::int64_t sequence = 1;
  for (const auto& snapshot : list_snapshots(workspace, warnings))
    sequence = std::max(sequence, snapshot.sequence + 1);

  fs::create_directories(folder, error);
  if (!fs::is_directory(folder))
    throw Error(fmt::format("{}: cannot create the snapshots folder: {}", folder.string(),
                            error ? error.message() : "not a folder"));
  Staging staging(folder);
  const fs::path temporary = staging.path(name + extension);
  // VACUUM INTO reads the live map as one transaction would.
  workspace.db().prepare("VACUUM INTO ?").bind(1, std::string_view(temporary.native())).run();
  SnapshotInfo info;
  {
    Database copy(temporary, false);
    Transaction transaction(copy);
    copy.exec(info_table);
    info = SnapshotInfo{name,
                        date.to_string(),
                        utc_timestamp(),
                        author,
                        note,
                        sequence,
                        workspace.method().name,
                        count_of(copy, "asset"),
                        count_of(copy, "scenario"),
                        count_of(copy, "control"),
                        count_of(copy, "stakeholder"),
                        count_of(copy, "action")};
    auto insert = copy.prepare("INSERT INTO snapshot_info (key, value) VALUES (?, ?)");
    const std::pair<const char*, std::string> facts[] = {
        {"date", info.date},
        {"created_at", info.created_at},
        {"author", info.author},
        {"note", info.note},
        {"sequence", std::to_string(info.sequence)},
        {"method_name", info.method_name},
        {"method", method_to_toml(workspace.method())},
        {"assets", std::to_string(info.assets)},
        {"scenarios", std::to_string(info.scenarios)},
        {"controls", std::to_string(info.controls)},
        {"stakeholders", std::to_string(info.stakeholders)},
        {"actions", std::to_string(info.actions)}};
    for (const auto& [key, value] : facts) insert.bind(1, key).bind(2, value).run();
    transaction.commit();
  }
  // A hard link puts the file in place only if the name is still free, so
  // two snapshots taken at once under one name cannot overwrite each other.
  fs::create_hard_link(temporary, path, error);
  if (error)
    throw Conflict(
        error == std::errc::file_exists
            ? fmt::format("snapshot '{}' was created meanwhile: choose another name", name)
            : fmt::format("{}: cannot create: {}", path.string(), error.message()));
  return info;  // the staging folder, and the file's other name in it, go
}

void remove_snapshot(Workspace& workspace, const std::string& name) {
  find_snapshot(workspace, name);
  const fs::path path = snapshot_file(workspace, name);
  std::error_code error;
  if (!fs::remove(path, error) || error)
    throw Error(fmt::format("{}: cannot remove: {}", path.string(),
                            error ? error.message() : "already gone"));
}

SnapshotView::SnapshotView(const Workspace& live, const std::string& name)
    : SnapshotView(live, find_snapshot(live, name), snapshot_file(live, name),
                   snapshot_folder(live)) {}

std::unique_ptr<SnapshotView> SnapshotView::of_file(const Workspace& live, const fs::path& file) {
  return std::unique_ptr<SnapshotView>(new SnapshotView(live, read_info(file), file, live.dir()));
}

SnapshotView::SnapshotView(const Workspace& live, SnapshotInfo info, const fs::path& path,
                           const fs::path& scratch)
    : info_(std::move(info)) {
  const std::string name = path.stem().string();
  auto db = std::make_unique<Database>(path, false);
  const int version = db->user_version();
  if (version > schema_version())
    throw Error(fmt::format(
        "{} was written by a newer riskmap (schema version {}; this riskmap knows up to {}): "
        "upgrade riskmap to read it",
        path.string(), version, schema_version()));
  if (version < schema_version()) {
    // Migrated in a private copy: reading a snapshot never changes it.
    db.reset();
    staging_ = std::make_unique<Staging>(scratch);
    const fs::path copy = staging_->path(name + extension);
    fs::copy_file(path, copy, fs::copy_options::overwrite_existing);
    db = std::make_unique<Database>(copy, false);
    migrate(*db, migrations(), false);
  }
  Method method = snapshot_method(*db, path);
  workspace_ = Workspace::over(live, std::move(method), std::move(db));
}

SnapshotView::~SnapshotView() {
  workspace_.reset();  // closed before its staging folder goes
}

namespace {

// A snapshot about to replace the live map must be sound: the file whole,
// and every record readable and rated on the snapshot's own method. A
// snapshot file edited or damaged since it was taken is refused.
void check_restorable(SnapshotView& snapshot) {
  Workspace& frozen = snapshot.workspace();
  auto check = frozen.db().prepare("PRAGMA quick_check");
  while (check.step())
    if (check.text(0) != "ok")
      throw ContentError(fmt::format("{}: damaged ({}); nothing was restored",
                                     frozen.db().path().string(), check.text(0)));
  for (const EntityKind* kind : all_kinds())
    RecordStore(frozen, *kind).for_each_by_key([](Record&) {});
}

}  // namespace

RestoreResult restore_snapshot(Workspace& workspace, const std::string& name, const Date& date,
                               const std::string& author, const std::function<void()>& journal) {
  SnapshotView snapshot(workspace, name);
  try {
    check_restorable(snapshot);
  } catch (const Error& e) {
    throw ContentError(fmt::format("snapshot '{}' cannot be restored: {}", name, e.what()));
  }
  RestoreResult result;
  const auto taken = list_snapshots(workspace);
  for (int n = 1; result.kept.empty(); ++n) {
    const std::string candidate = fmt::format("before-restore-{}", n);
    if (std::none_of(taken.begin(), taken.end(),
                     [&](const auto& s) { return s.name == candidate; }))
      result.kept = candidate;
  }
  Database& live = workspace.db();
  // Another writer may commit between the copy and the transaction below;
  // its change would be in neither, so the restore then gives up.
  const auto version = live.query_integer("PRAGMA data_version");
  create_snapshot(workspace, result.kept, date, author,
                  fmt::format("the map as it was before restoring {}", name));
  try {
    Database& frozen = snapshot.workspace().db();
    workspace.begin_write();
    if (live.query_integer("PRAGMA data_version") != version)
      throw Conflict(fmt::format(
          "the map changed while it was being kept before the restore; nothing was restored: run "
          "riskmap snapshot restore {} again",
          name));
    // Foreign keys are checked at commit, when every table is back.
    live.exec("PRAGMA defer_foreign_keys = ON");
    const auto tables = map_tables(live);
    for (const auto& table : tables) live.exec(fmt::format("DELETE FROM \"{}\"", table));
    for (const auto& table : tables) {
      auto rows = frozen.prepare(fmt::format("SELECT * FROM \"{}\"", table));
      const int columns = rows.column_count();
      std::string names, marks;
      for (int c = 0; c < columns; ++c) {
        names += fmt::format("{}\"{}\"", c ? ", " : "", rows.column_name(c));
        marks += c ? ", ?" : "?";
      }
      auto insert =
          live.prepare(fmt::format("INSERT INTO \"{}\" ({}) VALUES ({})", table, names, marks));
      while (rows.step()) {
        for (int c = 0; c < columns; ++c) insert.bind_column(c + 1, rows, c);
        insert.run();
      }
    }
    recompute_rating_bounds(live);
    if (journal) journal();
    // The snapshot's method comes back with its ratings, in the same
    // transaction; riskmap.toml follows after the COMMIT.
    const Method& method = snapshot.workspace().method();
    if (method_to_toml(method) != method_to_toml(workspace.method())) {
      workspace.set_method(method);
      result.method_changed = true;
    }
    workspace.commit();
  } catch (...) {
    workspace.end_read();  // rolls back what the restore had begun
    std::error_code error;
    fs::remove(snapshot_file(workspace, result.kept), error);
    throw;
  }
  return result;
}

}  // namespace riskmap
