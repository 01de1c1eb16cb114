#pragma once
// A workspace: a folder holding riskmap.toml (the mission and its method,
// edited by hand) and riskmap.db (the records).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db.hpp"
#include "files.hpp"
#include "method.hpp"
#include "review_rules.hpp"
#include "stakeholder.hpp"

namespace riskmap {

inline constexpr const char* config_file_name = "riskmap.toml";
inline constexpr const char* database_file_name = "riskmap.db";

struct Mission {
  std::string name;  // the organisation the map is for
  Lang language = Lang::fr;
  std::optional<std::string> title, author, version, status, classification;
};

struct Config {
  Mission mission;
  Method method;
  ZoneThresholds zones;   // [ecosystem]: the stakeholders' threat zones
  ReviewSettings review;  // [review]: rules turned off, re-graded, thresholds
  std::string text;       // the file as written, so edits keep the user's comments
};

// Reads and checks riskmap.toml text; errors are ContentError "source:line:column: message".
Config read_config(std::string_view text, const std::string& source);
// Reads a method from a TOML file holding a [method] table, or names a built-in.
Method load_method(const std::string& name_or_file);

// Where the workspace is: `flag` (--workspace), else `env` (RISKMAP_WORKSPACE),
// else the nearest folder upward from `start` holding riskmap.toml.
std::filesystem::path find_workspace(const std::optional<std::string>& flag,
                                     const std::optional<std::string>& env,
                                     const std::filesystem::path& start);

struct InitOptions {
  std::string method = "ebios-rm";  // a built-in name or a .toml file
  Lang language = Lang::fr;
  std::string name;  // defaults to the folder's name
  std::optional<std::string> title, author, version, status, classification;
};

class Workspace {
 public:
  // Opens an existing workspace; migrates an older database (keeping a copy).
  static std::unique_ptr<Workspace> open(const std::filesystem::path& dir);
  // Creates riskmap.toml and riskmap.db (mode 0600) in `dir`; refuses to
  // overwrite an existing workspace. `fill` runs on the new workspace; if it
  // throws, the files are removed again.
  static std::unique_ptr<Workspace> create(const std::filesystem::path& dir,
                                           const InitOptions& options,
                                           const std::function<void(Workspace&)>& fill = {});

  // Another database of this workspace's records (a snapshot's), rated with
  // `method`: same folder and settings otherwise. The database is used as it is.
  static std::unique_ptr<Workspace> over(const Workspace& live, Method method,
                                         std::unique_ptr<Database> db);

  const std::filesystem::path& dir() const { return dir_; }
  const Config& config() const { return config_; }
  const Method& method() const { return config_.method; }
  Database& db() { return *db_; }
  // The backup made when opening migrated the database, if any.
  const std::filesystem::path& migration_backup() const { return backup_; }

  // Replaces the [method] part of riskmap.toml (atomically), keeping the rest.
  void write_method(const Method& method);

 private:
  Workspace(std::filesystem::path dir, Config config, std::unique_ptr<Database> db)
      : dir_(std::move(dir)), config_(std::move(config)), db_(std::move(db)) {}
  std::filesystem::path dir_;
  Config config_;
  std::unique_ptr<Database> db_;
  std::filesystem::path backup_;
};

// Appends the journal entry of a writing command (inside its transaction).
void record_change(Database& db, const std::string& author, const std::string& command,
                   const std::vector<std::string>& refs);

}  // namespace riskmap
