#pragma once
// Reading the change journal: one entry per writing command (when, who, the
// command as typed, the refs it touched).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db.hpp"

namespace riskmap {

struct JournalEntry {
  std::int64_t id = 0;
  std::string at;  // ISO 8601 UTC
  std::string author;
  std::string command;
  std::vector<std::string> refs;
};

struct JournalQuery {
  std::optional<std::string> ref;     // entries that touched this ref
  std::optional<std::string> author;  // entries by this author
  std::optional<std::string> since;   // YYYY-MM-DD: entries on or after this (UTC) day
  std::optional<std::int64_t> limit;  // the newest N
};

// Entries matching `query`, newest first; reads the journal once.
std::vector<JournalEntry> read_journal(Database& db, const JournalQuery& query);

}  // namespace riskmap
