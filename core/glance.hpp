#pragma once
// A glance at a workspace, for shell completion: the refs, frameworks and
// snapshots it holds and the method of its riskmap.toml. A glance only reads:
// it migrates nothing, adopts no edited method, sweeps no staging folder and
// waits for a busy database a moment at most. Whatever cannot be read (no
// workspace, another user's, a damaged file) is simply absent: completion
// must never stop someone typing.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "entity.hpp"

namespace riskmap {

class Database;
struct Config;

// A value to suggest and what it is, e.g. {"R1", "Data leak via the portal"}.
struct Suggestion {
  std::string value;
  std::string description;
};

class Glance {
 public:
  // Finds the workspace as commands do: `flag` (--workspace), else `env`
  // (RISKMAP_WORKSPACE), else the nearest folder upward from `start`;
  // another user's only when `safe_workspaces` allows it.
  Glance(const std::optional<std::string>& flag, const std::optional<std::string>& env,
         const std::filesystem::path& start, const std::string& safe_workspaces);
  ~Glance();
  Glance(const Glance&) = delete;
  Glance& operator=(const Glance&) = delete;

  // riskmap.toml as read, or null.
  const Config* config();
  // The records of `kind` in natural ref order, described by their title or name.
  std::vector<Suggestion> refs(const EntityKind& kind);
  std::vector<std::string> frameworks();
  std::vector<std::string> snapshots();

 private:
  Database* database();

  std::optional<std::filesystem::path> dir_;
  std::unique_ptr<Config> config_;
  bool config_read_ = false;
  std::unique_ptr<Database> db_;
  bool db_opened_ = false;
};

}  // namespace riskmap
