#pragma once
// What each writing command changed, kept for `undo` and `log --show`.
//
// While a command writes, triggers of its own connection (TEMP triggers, so
// that another program writing the database keeps nothing) copy what undo
// needs into journal_change: for a row it removed, the whole row; for a row
// it updated, the columns that changed, before and after; for a row it
// added, its key alone. The command's journal entry then claims them
// (record_change). An import keeps the rows it adds itself (AddedRows),
// in the order it adds them, as the trigger would. Undo writes the former values back, newest first, as a
// command of its own: undoing an undo brings the change back.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db.hpp"
#include "journal.hpp"
#include "method.hpp"
#include "row_batch.hpp"

namespace riskmap {

// A table undo keeps: its columns in order, and those of its primary key.
struct TableShape {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> key;
};

// Starts keeping what this connection writes (inside a write transaction;
// once per connection). Rows kept by a command that never reached its
// journal entry are dropped here.
void watch_changes(Database& db);
// Whether this connection keeps what it writes.
bool watching_changes(Database& db);
// Ties the rows kept since the command began to journal entry `entry`.
void claim_changes(Database& db, std::int64_t entry);
// The id the running command's journal entry takes (record_change writes it
// so): one more than the newest entry's.
std::int64_t next_entry_id(Database& db);

// Rows a command adds in bulk (an import): the table's insert trigger is
// set aside while they are written, and keep() writes what it would have
// kept, already tied to the command's entry (next_entry_id), so that a
// million added rows cost neither a trigger call each (and the statement
// journal a trigger makes SQLite keep per row) nor a claim. Keys are kept
// in the order the rows are added, as the trigger would. The trigger is
// back once this is destroyed. Nothing is kept when the connection does
// not watch its changes. For tables keyed by one column (records: ref).
class AddedRows {
 public:
  AddedRows(Database& db, const std::string& table);
  AddedRows(const AddedRows&) = delete;
  AddedRows& operator=(const AddedRows&) = delete;
  ~AddedRows();

  void keep(std::string_view key);
  // The rows of `batch` (riskmap_rows), keyed by its first column, in the
  // order they were added.
  void keep(RowBatch& batch);

 private:
  Database& db_;
  TableShape table_;
  std::optional<Statement> insert_, insert_batch_;  // unset when not watching
  std::int64_t entry_ = 0;
};

// One value of a row, as shown to a person: a level by its id, a duration
// as "4h", a list joined with ", "; absent (nullopt) when unset.
using ShownValue = std::optional<std::string>;

struct ChangedField {
  std::string field;
  ShownValue before, after;
};

struct ChangedRecord {
  std::string kind;  // the record's kind ("scenario"), or the table ("soa", "framework")
  std::string ref;   // its ref (a requirement's for the SoA; several keys joined with " ")
  enum class What { added, changed, removed } what = What::changed;
  std::vector<ChangedField> fields;  // added: every set field; removed: every set field
};

struct EntryChanges {
  JournalEntry entry;
  bool kept = false;  // false for an entry written before riskmap kept changes
  std::vector<ChangedRecord> records;  // in the order the command wrote them
};

// Journal entry `id` with what it changed; UnknownRef when there is none.
EntryChanges read_entry_changes(Database& db, const Method& method, std::int64_t id);

// A row as journal_change keeps it: JSON objects of column values.
struct RowChange {
  std::int64_t id = 0;
  std::string table, key;
  std::optional<std::string> before, after;  // unset: the row did not exist
};

struct UndoPlan {
  std::vector<JournalEntry> entries;  // newest first
  std::vector<RowChange> rows;        // to write back, in this order (newest first)
  std::vector<ChangedRecord> records;  // what that changes, as shown
};

// The entries newer than `keep`, or the newest `count` when `keep` is unset.
// Throws Error (nothing written) when one of them cannot be undone: written
// before riskmap kept changes, a method change, or a record changed since by
// a program that kept no journal (each such record listed).
UndoPlan plan_undo(Database& db, const Method& method, std::optional<std::int64_t> keep,
                   std::int64_t count);
// Writes the plan's former values back (inside a write transaction, watched
// like any command); returns the refs written, for the undo's own entry.
std::vector<std::string> apply_undo(Database& db, const UndoPlan& plan);

}  // namespace riskmap
