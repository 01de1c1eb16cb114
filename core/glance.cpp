#include "glance.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "db.hpp"
#include "files.hpp"
#include "snapshot.hpp"
#include "text.hpp"
#include "workspace.hpp"

namespace riskmap {

namespace fs = std::filesystem;

Glance::Glance(const std::optional<std::string>& flag, const std::optional<std::string>& env,
               const fs::path& start, const std::string& safe_workspaces) {
  try {
    fs::path dir = find_workspace(flag, env, start).dir;
    check_owner(dir, safe_workspaces);
    dir_ = std::move(dir);
  } catch (const std::exception&) {
    // No workspace to glance at: nothing to suggest from one.
  }
}

Glance::~Glance() = default;

const Config* Glance::config() {
  if (!dir_ || config_read_) return config_.get();
  config_read_ = true;
  try {
    const fs::path path = *dir_ / config_file_name;
    config_ = std::make_unique<Config>(read_config(read_file(path), path.string()));
  } catch (const std::exception&) {
    config_.reset();
  }
  return config_.get();
}

Database* Glance::database() {
  if (!dir_ || db_opened_) return db_.get();
  db_opened_ = true;
  try {
    const fs::path path = *dir_ / database_file_name;
    if (!fs::is_regular_file(path)) return nullptr;
    db_ = std::make_unique<Database>(path, false);
    // A glance never writes, and gives up on a locked database at once
    // rather than keep the shell waiting.
    db_->exec("PRAGMA query_only = ON");
    db_->exec("PRAGMA busy_timeout = 100");
    if (db_->user_version() <= 0) db_.reset();
  } catch (const std::exception&) {
    db_.reset();
  }
  return db_.get();
}

std::vector<Suggestion> Glance::refs(const EntityKind& kind) {
  std::vector<Suggestion> refs;
  Database* db = database();
  if (!db) return refs;
  const Field* label = kind.find("title");
  if (!label || label->type != FieldType::text) label = kind.find("name");
  if (label && label->type != FieldType::text) label = nullptr;
  try {
    auto rows =
        db->prepare(fmt::format("SELECT ref{} FROM {} ORDER BY ref COLLATE natural_order",
                                label ? fmt::format(", \"{}\"", label->name) : "", kind.name));
    while (rows.step()) {
      // Another program may have written anything: only a true ref is offered.
      const std::string ref(rows.text(0));
      if (!is_valid_ref(ref)) continue;
      refs.push_back({ref, label && !rows.is_null(1) ? std::string(rows.text(1)) : std::string()});
    }
  } catch (const std::exception&) {
    refs.clear();
  }
  return refs;
}

std::vector<std::string> Glance::frameworks() {
  std::vector<std::string> ids;
  Database* db = database();
  if (!db) return ids;
  try {
    auto rows = db->prepare("SELECT id FROM framework ORDER BY id");
    while (rows.step())
      if (const std::string id(rows.text(0)); is_valid_ref(id)) ids.push_back(id);
  } catch (const std::exception&) {
    ids.clear();
  }
  return ids;
}

std::vector<std::string> Glance::snapshots() {
  std::vector<std::string> names;
  if (!dir_) return names;
  std::error_code error;
  for (fs::directory_iterator entry(snapshot_folder(*dir_), error), end; !error && entry != end;
       entry.increment(error)) {
    const fs::path& path = entry->path();
    // Staging folders start with '.', which no snapshot name does.
    if (path.extension() == ".db" && is_valid_ref(path.stem().string()))
      names.push_back(path.stem().string());
  }
  std::sort(names.begin(), names.end(), NaturalLess{});
  return names;
}

}  // namespace riskmap
