#pragma once
// The database schema, as versioned SQL migrations. PRAGMA user_version holds
// the version a database is at.
#include <filesystem>
#include <span>
#include <string_view>

#include "db.hpp"

namespace riskmap {

struct Migration {
  int version;                        // the version the database is at after this step
  std::string_view sql;               // run in its own transaction
  void (*fill)(Database&) = nullptr;  // then this, in the same transaction
};

std::span<const Migration> migrations();
int schema_version();  // the newest version this riskmap knows

// Brings a database up to the newest version of `steps`, in one transaction
// taken under the write lock, so that concurrent processes migrate it once.
// A database written by a newer riskmap is refused. Before migrating an
// existing database, a copy is kept beside it as riskmap.db.bak-vN (mode
// 0600), unless `keep_backup` is false. Returns the backup path, if any.
std::filesystem::path migrate(Database& db, std::span<const Migration> steps = migrations(),
                              bool keep_backup = true);

}  // namespace riskmap
