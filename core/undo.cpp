#include "undo.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "date.hpp"
#include "entity.hpp"
#include "kinds.hpp"
#include "output.hpp"
#include "text.hpp"

namespace riskmap {

namespace {

using Json = nlohmann::ordered_json;  // keeps the columns in the table's order

std::string name_sql(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string text_sql(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Tables of the database that are not the map: the journal itself, and the
// rating bounds, which triggers of the database keep from the records.
const std::vector<std::string>& unwatched_tables() {
  static const std::vector<std::string> names{"journal", "journal_change", "rating_bounds",
                                              "tree_state"};
  return names;
}

TableShape shape_of_table(Database& db, std::string name) {
  TableShape table{std::move(name), {}, {}};
  auto columns = db.prepare("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
  columns.bind(1, table.name);
  std::vector<std::pair<std::int64_t, std::string>> key;
  while (columns.step()) {
    table.columns.emplace_back(columns.text(0));
    if (columns.integer(1) > 0) key.emplace_back(columns.integer(1), columns.text(0));
  }
  std::sort(key.begin(), key.end());
  for (auto& [position, column] : key) table.key.push_back(std::move(column));
  if (table.key.empty()) table.key.emplace_back("rowid");
  return table;
}

// Every table of the map, the method in force included (so that undo sees a
// method change and refuses it).
std::vector<TableShape> watched_tables(Database& db) {
  std::vector<std::string> names;
  auto statement = db.prepare(
      "SELECT name FROM main.sqlite_schema WHERE type = 'table' "
      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  while (statement.step()) names.emplace_back(statement.text(0));
  std::vector<TableShape> tables;
  for (auto& name : names)
    if (std::find(unwatched_tables().begin(), unwatched_tables().end(), name) ==
        unwatched_tables().end())
      tables.push_back(shape_of_table(db, std::move(name)));
  return tables;
}

// The key of a row as kept: the value of a one-column key, else a JSON array.
std::string key_sql(const TableShape& table, std::string_view row) {
  if (table.key.size() == 1) return fmt::format("CAST({}.{} AS TEXT)", row, name_sql(table.key[0]));
  std::string out = "json_array(";
  for (std::size_t i = 0; i < table.key.size(); ++i)
    out += fmt::format("{}{}.{}", i ? ", " : "", row, name_sql(table.key[i]));
  return out + ")";
}

// A row as a JSON object. json_object takes at most 127 arguments: wider
// tables are completed with json_set, a few columns at a time.
std::string object_sql(const TableShape& table, std::string_view row) {
  constexpr std::size_t chunk = 60;
  std::string out;
  for (std::size_t start = 0; start < table.columns.size(); start += chunk) {
    const std::size_t end = std::min(table.columns.size(), start + chunk);
    std::string pairs;
    for (std::size_t i = start; i < end; ++i)
      pairs += fmt::format("{}{}, {}.{}", i > start ? ", " : "",
                           text_sql(start == 0 ? table.columns[i]
                                               : fmt::format("$.\"{}\"", table.columns[i])),
                           row, name_sql(table.columns[i]));
    out = start == 0 ? fmt::format("json_object({})", pairs)
                     : fmt::format("json_set({}, {})", out, pairs);
  }
  return out;
}

// An added row is kept as its key alone: undoing the addition needs no more.
std::string key_object_sql(const TableShape& table, std::string_view row) {
  std::string pairs;
  for (const auto& column : table.key)
    pairs += fmt::format("{}{}, {}.{}", pairs.empty() ? "" : ", ", text_sql(column), row,
                         name_sql(column));
  return fmt::format("json_object({})", pairs);
}

constexpr std::string_view trigger_prefix = "riskmap_watch_";

std::string insert_trigger(std::string_view table) {
  return fmt::format("{}{}_insert", trigger_prefix, table);
}

void create_insert_trigger(Database& db, const TableShape& table) {
  db.exec(fmt::format(
      "CREATE TEMP TRIGGER {0} AFTER INSERT ON main.{1} BEGIN "
      "INSERT INTO journal_change (tbl, key, before, after) VALUES ({2}, {3}, NULL, {4}); "
      "END",
      name_sql(insert_trigger(table.name)), name_sql(table.name), text_sql(table.name),
      key_sql(table, "NEW"), key_object_sql(table, "NEW")));
}

void create_triggers(Database& db, const TableShape& table) {
  const std::string name = name_sql(table.name);
  const std::string tag = text_sql(table.name);
  create_insert_trigger(db, table);
  db.exec(fmt::format(
      "CREATE TEMP TRIGGER {0} AFTER DELETE ON main.{1} BEGIN "
      "INSERT INTO journal_change (tbl, key, before, after) VALUES ({2}, {3}, {4}, NULL); "
      "END",
      name_sql(fmt::format("{}{}_delete", trigger_prefix, table.name)), name, tag,
      key_sql(table, "OLD"), object_sql(table, "OLD")));
  // An update keeps only the columns it changed, before and after.
  std::string differs, pairs;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const std::string column = name_sql(table.columns[i]);
    differs += fmt::format("{}OLD.{} IS NOT NEW.{}", i ? " OR " : "", column, column);
    pairs += fmt::format("{}SELECT {} AS k, OLD.{} AS o, NEW.{} AS n", i ? " UNION ALL " : "",
                         text_sql(table.columns[i]), column, column);
  }
  db.exec(fmt::format(
      "CREATE TEMP TRIGGER {0} AFTER UPDATE ON main.{1} WHEN {2} BEGIN "
      "INSERT INTO journal_change (tbl, key, before, after) "
      "SELECT {3}, {4}, json_group_object(k, o), json_group_object(k, n) FROM ({5}) "
      "WHERE o IS NOT n; "
      "END",
      name_sql(fmt::format("{}{}_update", trigger_prefix, table.name)), name, differs, tag,
      key_sql(table, "OLD"), pairs));
}

std::optional<std::string> optional_text(Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return std::string(row.text(column));
}

const EntityKind* kind_of_table(std::string_view table) {
  for (const EntityKind* kind : all_kinds())
    if (kind->name == table) return kind;
  return nullptr;
}

ShownValue shown(const EntityKind* kind, const std::string& column, const Json& value,
                 const Method& method) {
  if (value.is_null()) return std::nullopt;
  const Field* field = kind ? kind->find(column) : nullptr;
  if (field && field->is_list() && value.is_string()) {
    const Json list = Json::parse(value.get<std::string>(), nullptr, false);
    if (list.is_array()) {
      if (list.empty()) return std::nullopt;
      std::string out;
      for (const auto& item : list)
        out += (out.empty() ? "" : ", ") +
               (item.is_string() ? item.get<std::string>() : item.dump());
      return out;
    }
  }
  if (field && value.is_number_integer()) {
    const std::int64_t number = value.get<std::int64_t>();
    if (field->type == FieldType::step) {
      const Scale& scale = scale_of(*field, method);
      if (number >= 1 && number <= static_cast<std::int64_t>(scale.steps.size()))
        return scale.steps[static_cast<std::size_t>(number - 1)].id;
    }
    if (field->type == FieldType::duration) return format_duration(number);
  }
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

Json parsed(const std::optional<std::string>& text) {
  if (!text) return Json();
  Json object = Json::parse(*text, nullptr, false);
  return object.is_object() ? object : Json::object();
}

std::string shown_key(const RowChange& row) {
  if (row.key.empty() || row.key.front() != '[') return row.key;
  const Json key = Json::parse(row.key, nullptr, false);
  if (!key.is_array()) return row.key;
  std::string out;
  for (const auto& part : key)
    out += (out.empty() ? "" : " ") + (part.is_string() ? part.get<std::string>() : part.dump());
  return out;
}

// The changes of one command (or of an undo), record by record: a record
// written several times is shown once, from its first former state to its
// last new one.
std::vector<ChangedRecord> shown_changes(const std::vector<RowChange>& rows,
                                        const Method& method) {
  struct State {
    bool existed = false, exists = false;
    Json first = Json::object();  // each column's value before its first change
    Json last = Json::object();   // each column's value after its last change
    std::vector<std::string> order;
  };
  std::vector<std::pair<std::string, std::string>> order;  // (table, key) by first change
  std::map<std::pair<std::string, std::string>, State> states;
  for (const RowChange& row : rows) {
    const auto id = std::make_pair(row.table, row.key);
    auto [it, fresh] = states.try_emplace(id);
    State& state = it->second;
    if (fresh) {
      order.push_back(id);
      state.existed = row.before.has_value();
    }
    state.exists = row.after.has_value();
    const Json before = parsed(row.before), after = parsed(row.after);
    for (const auto& [column, value] : before.items())
      if (!state.first.contains(column) && !state.last.contains(column)) {
        state.first[column] = value;
        state.order.push_back(column);
      }
    if (!row.after) {
      state.last = Json::object();
    } else {
      for (const auto& [column, value] : after.items()) {
        if (!state.first.contains(column) && !state.last.contains(column)) {
          state.first[column] = nullptr;
          state.order.push_back(column);
        }
        state.last[column] = value;
      }
    }
  }
  std::vector<ChangedRecord> records;
  for (const auto& id : order) {
    const State& state = states.at(id);
    if (!state.existed && !state.exists) continue;
    const auto& [table, key] = id;
    const EntityKind* kind = kind_of_table(table);
    ChangedRecord record;
    record.kind = table;
    record.ref = shown_key({0, table, key, {}, {}});
    record.what = !state.existed  ? ChangedRecord::What::added
                  : !state.exists ? ChangedRecord::What::removed
                                  : ChangedRecord::What::changed;
    if (table != "setting")
      for (const auto& column : state.order) {
        if (column == "ref") continue;
        ChangedField field{column, std::nullopt, std::nullopt};
        if (state.existed) field.before = shown(kind, column, state.first[column], method);
        if (state.exists && state.last.contains(column))
          field.after = shown(kind, column, state.last[column], method);
        else if (state.exists)
          field.after = field.before;
        if (field.before == field.after &&
            (record.what == ChangedRecord::What::changed || !field.before))
          continue;
        record.fields.push_back(std::move(field));
      }
    if (record.what == ChangedRecord::What::changed && record.fields.empty() &&
        table != "setting")
      continue;
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<RowChange> rows_of(Database& db, std::int64_t entry) {
  auto statement = db.prepare(
      "SELECT id, tbl, key, before, after FROM journal_change WHERE entry = ? ORDER BY id");
  statement.bind(1, entry);
  std::vector<RowChange> rows;
  while (statement.step())
    rows.push_back({statement.integer(0), std::string(statement.text(1)),
                    std::string(statement.text(2)), optional_text(statement, 3),
                    optional_text(statement, 4)});
  return rows;
}

struct StoredEntry {
  JournalEntry entry;
  bool kept = false;
};

StoredEntry entry_of(Statement& statement) {
  StoredEntry stored{{statement.integer(0),
                      std::string(statement.text(1)),
                      std::string(statement.text(2)),
                      std::string(statement.text(3)),
                      {}},
                     statement.integer(5) != 0};
  for (const auto& ref : split_list(statement.text(4))) stored.entry.refs.emplace_back(ref);
  return stored;
}

constexpr std::string_view entry_columns = "id, at, author, command, refs, kept";

// A row's WHERE clause by its key; the key is parameter `parameter`.
std::string where_key(const TableShape& table, int parameter) {
  if (table.key.size() == 1) return fmt::format("{} = ?{}", name_sql(table.key[0]), parameter);
  std::string out;
  for (std::size_t i = 0; i < table.key.size(); ++i)
    out += fmt::format("{}{} = json_extract(?{}, '$[{}]')", i ? " AND " : "",
                       name_sql(table.key[i]), parameter, i);
  return out;
}

std::string path_of(std::string_view column) {
  return text_sql(fmt::format("$.\"{}\"", column));
}

const TableShape& shape_of(const std::vector<TableShape>& tables, const std::string& name) {
  for (const auto& table : tables)
    if (table.name == name) return table;
  throw Error(fmt::format(
      "the journal names a table '{}' this workspace does not have; nothing undone", name));
}

std::string quoted_value(const ShownValue& value) {
  return value ? fmt::format("\"{}\"", *value) : "nothing";
}

}  // namespace

bool watching_changes(Database& db) { return db.watching_writes(); }

void watch_changes(Database& db) {
  // Kept by a command that committed without reaching its journal entry:
  // unclaimed, or tied in advance to an entry never written.
  db.exec(
      "DELETE FROM journal_change WHERE entry IS NULL "
      "OR entry > (SELECT coalesce(max(id), 0) FROM journal)");
  if (watching_changes(db)) return;
  // A table gets its triggers just before its first write: a command pays
  // for the tables it writes, not for every table of the map (compiling
  // them all took about 4 ms, most of a one-record write).
  db.watch_writes(
      [&db](const std::string& table) { create_triggers(db, shape_of_table(db, table)); },
      unwatched_tables());
}

void claim_changes(Database& db, std::int64_t entry) {
  if (!watching_changes(db)) return;
  db.prepare("UPDATE journal_change SET entry = ? WHERE entry IS NULL").bind(1, entry).run();
  db.prepare("UPDATE journal SET kept = 1 WHERE id = ?").bind(1, entry).run();
}

std::int64_t next_entry_id(Database& db) {
  return db.query_integer("SELECT coalesce(max(id), 0) + 1 FROM journal").value_or(1);
}

AddedRows::AddedRows(Database& db, const std::string& table) : db_(db) {
  // The table's triggers are created at its first write (watch_changes):
  // now, so that the insert trigger can be set aside.
  db.settle_write(table);
  auto trigger = db.prepare("SELECT 1 FROM temp.sqlite_schema WHERE type = 'trigger' AND name = ?");
  trigger.bind(1, insert_trigger(table));
  if (!trigger.step()) return;  // not watched
  trigger.reset();
  table_ = shape_of_table(db, table);
  if (table_.key.size() != 1) throw Error(fmt::format("{}: not a table keyed by one column", table));
  db.exec(fmt::format("DROP TRIGGER temp.{}", name_sql(insert_trigger(table))));
  // What the trigger keeps (create_insert_trigger), the key as parameter 2.
  const std::string values = fmt::format("{}, CAST(?2 AS TEXT), NULL, json_object({}, ?2)",
                                         text_sql(table), text_sql(table_.key[0]));
  insert_.emplace(db.prepare(fmt::format(
      "INSERT INTO journal_change (entry, tbl, key, before, after) VALUES (?1, {})", values)));
  insert_batch_.emplace(db.prepare(fmt::format(
      "INSERT OR FAIL INTO journal_change (entry, tbl, key, before, after) "
      "SELECT ?1, {}, CAST(c0 AS TEXT), NULL, json_object({}, c0) FROM riskmap_rows(?2)",
      text_sql(table), text_sql(table_.key[0]))));
  entry_ = next_entry_id(db);
}

AddedRows::~AddedRows() {
  if (!insert_) return;
  insert_.reset();
  insert_batch_.reset();
  try {
    create_insert_trigger(db_, table_);
  } catch (const Error&) {
    // Only when the transaction is rolled back, which brings the trigger back.
  }
}

void AddedRows::keep(std::string_view key) {
  if (!insert_) return;
  insert_->bind(1, entry_).bind(2, key).run();
}

void AddedRows::keep(RowBatch& batch) {
  if (!insert_batch_) return;
  batch.set_order(RowBatch::Order::added);
  insert_batch_->bind(1, entry_);
  batch.bind(*insert_batch_, 2);
  insert_batch_->run();
}

EntryChanges read_entry_changes(Database& db, const Method& method, std::int64_t id) {
  auto statement =
      db.prepare(fmt::format("SELECT {} FROM journal WHERE id = ?", entry_columns));
  statement.bind(1, id);
  if (!statement.step())
    throw UnknownRef(
        fmt::format("journal entry {}: there is no such entry; riskmap log lists them", id));
  StoredEntry stored = entry_of(statement);
  EntryChanges changes{std::move(stored.entry), stored.kept, {}};
  changes.records = shown_changes(rows_of(db, id), method);
  return changes;
}

UndoPlan plan_undo(Database& db, const Method& method, std::optional<std::int64_t> keep,
                   std::int64_t count) {
  UndoPlan plan;
  std::vector<bool> kept;
  if (keep) {
    auto exists = db.prepare("SELECT count(*) FROM journal WHERE id = ?");
    exists.bind(1, *keep);
    exists.step();
    if (exists.integer(0) == 0)
      throw UnknownRef(
          fmt::format("--to {}: there is no such journal entry; riskmap log lists them", *keep));
  }
  auto statement = db.prepare(fmt::format(
      "SELECT {} FROM journal WHERE id > ? ORDER BY id DESC LIMIT ?", entry_columns));
  statement.bind(1, keep.value_or(0)).bind(2, keep ? std::int64_t{-1} : count);
  while (statement.step()) {
    StoredEntry stored = entry_of(statement);
    kept.push_back(stored.kept);
    plan.entries.push_back(std::move(stored.entry));
  }
  if (plan.entries.empty())
    throw Error(keep ? fmt::format("--to {}: it is the newest entry; nothing to undo", *keep)
                     : std::string("the journal is empty; nothing to undo"));
  for (std::size_t i = 0; i < plan.entries.size(); ++i) {
    const JournalEntry& entry = plan.entries[i];
    if (!kept[i])
      throw Error(fmt::format(
          "journal entry {} ({}) was written before riskmap kept what each command changes; "
          "it cannot be undone, nor anything before it; nothing undone",
          entry.id, entry.command));
    auto rows = rows_of(db, entry.id);
    for (const auto& row : rows)
      if (row.table == "setting")
        throw Error(fmt::format(
            "journal entry {} ({}) changed the method, which undo does not revert: apply the "
            "former method with 'riskmap method apply FILE'; nothing undone",
            entry.id, entry.command));
    std::reverse(rows.begin(), rows.end());
    plan.rows.insert(plan.rows.end(), std::make_move_iterator(rows.begin()),
                     std::make_move_iterator(rows.end()));
  }

  // Every record must be as the undone entries left it: a program that keeps
  // no journal (another SQLite tool) may have changed it since.
  const auto tables = watched_tables(db);
  std::map<std::string, Statement> current;
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<std::string> conflicts;
  std::size_t conflict_count = 0;
  const auto conflict = [&](std::string line) {
    if (++conflict_count <= 20) conflicts.push_back(std::move(line));
  };
  for (const RowChange& row : plan.rows) {
    if (!seen.insert({row.table, row.key}).second) continue;
    const TableShape& table = shape_of(tables, row.table);
    auto it = current.find(row.table);
    if (it == current.end())
      it = current
               .emplace(row.table,
                        db.prepare(fmt::format("SELECT {} FROM main.{} AS r WHERE {}",
                                               object_sql(table, "r"), name_sql(table.name),
                                               where_key(table, 1))))
               .first;
    Statement& read = it->second;
    read.reset();
    read.bind(1, row.key);
    const bool exists = read.step();
    const Json now = exists ? Json::parse(std::string(read.text(0)), nullptr, false) : Json();
    read.reset();
    const std::string who = fmt::format("{} {}", row.table, shown_key(row));
    if (!row.after) {
      if (exists) conflict(fmt::format("{} exists again", who));
      continue;
    }
    if (!exists) {
      conflict(fmt::format("{} has been removed", who));
      continue;
    }
    const EntityKind* kind = kind_of_table(row.table);
    const Json after = parsed(row.after);
    for (const auto& [column, value] : after.items()) {
      const Json there = now.contains(column) ? now[column] : Json();
      if (there == value) continue;
      conflict(fmt::format("{}: {} is {}, not {} as riskmap left it", who, column,
                           quoted_value(shown(kind, column, there, method)),
                           quoted_value(shown(kind, column, value, method))));
    }
  }
  if (conflict_count > 0) {
    std::string message = fmt::format(
        "{} changed since by a program that keeps no riskmap journal, so undoing would lose "
        "that change; nothing undone:",
        conflict_count == 1 ? "a record was" : "records were");
    for (const auto& line : conflicts) message += "\n  " + line;
    if (conflict_count > conflicts.size())
      message += fmt::format("\n  ... and {} more", conflict_count - conflicts.size());
    throw Conflict(message);
  }

  // What undoing shows: each row change turned around.
  std::vector<RowChange> inverse;
  inverse.reserve(plan.rows.size());
  for (const RowChange& row : plan.rows) inverse.push_back({row.id, row.table, row.key, row.after, row.before});
  plan.records = shown_changes(inverse, method);
  return plan;
}

std::vector<std::string> apply_undo(Database& db, const UndoPlan& plan) {
  // Rows come back newest first: a requirement may return before its
  // framework; the keys are checked at the COMMIT.
  db.exec("PRAGMA defer_foreign_keys = ON");
  const auto tables = watched_tables(db);
  std::map<std::string, Statement> statements;
  const auto statement = [&](const std::string& sql) -> Statement& {
    auto it = statements.find(sql);
    if (it == statements.end()) it = statements.emplace(sql, db.prepare(sql)).first;
    return it->second;
  };
  std::vector<std::string> refs;
  std::set<std::string> named;
  for (const RowChange& row : plan.rows) {
    const TableShape& table = shape_of(tables, row.table);
    const std::string name = name_sql(table.name);
    if (!row.before) {
      statement(fmt::format("DELETE FROM main.{} WHERE {}", name, where_key(table, 1)))
          .bind(1, row.key)
          .run();
    } else if (!row.after) {
      std::string columns, values;
      const Json before = parsed(row.before);
      for (const auto& [column, value] : before.items()) {
        columns += fmt::format("{}{}", columns.empty() ? "" : ", ", name_sql(column));
        values += fmt::format("{}json_extract(?1, {})", values.empty() ? "" : ", ",
                              path_of(column));
      }
      statement(fmt::format("INSERT INTO main.{} ({}) VALUES ({})", name, columns, values))
          .bind(1, *row.before)
          .run();
    } else {
      std::string assignments;
      const Json before = parsed(row.before);
      for (const auto& [column, value] : before.items())
        assignments += fmt::format("{}{} = json_extract(?1, {})",
                                   assignments.empty() ? "" : ", ", name_sql(column),
                                   path_of(column));
      if (assignments.empty()) continue;
      statement(fmt::format("UPDATE main.{} SET {} WHERE {}", name, assignments,
                            where_key(table, 2)))
          .bind(1, *row.before)
          .bind(2, row.key)
          .run();
    }
    if (kind_of_table(row.table) && refs.size() < 100 && named.insert(row.key).second)
      refs.push_back(row.key);
  }
  return refs;
}

}  // namespace riskmap
