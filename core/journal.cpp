#include "journal.hpp"

#include "text.hpp"

namespace riskmap {

std::vector<JournalEntry> read_journal(Database& db, const JournalQuery& query) {
  // A ref matches a whole item of the comma-joined list, never a part of one
  // (R1 does not match R10).
  auto statement = db.prepare(
      "SELECT id, at, author, command, refs FROM journal "
      "WHERE (?1 IS NULL OR ',' || refs || ',' LIKE '%,' || ?1 || ',%' ESCAPE '\\') "
      "AND (?2 IS NULL OR author = ?2) AND (?3 IS NULL OR at >= ?3) "
      "ORDER BY id DESC LIMIT ?4");
  if (query.ref) {
    std::string pattern;
    for (const char c : *query.ref) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    statement.bind(1, pattern);
  }
  if (query.author) statement.bind(2, *query.author);
  if (query.since) statement.bind(3, *query.since);
  statement.bind(4, query.limit.value_or(-1));
  std::vector<JournalEntry> entries;
  while (statement.step()) {
    JournalEntry entry{statement.integer(0),
                       std::string(statement.text(1)),
                       std::string(statement.text(2)),
                       std::string(statement.text(3)),
                       {}};
    for (const auto& ref : split_list(statement.text(4))) entry.refs.emplace_back(ref);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace riskmap
