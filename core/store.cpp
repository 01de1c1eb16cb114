#include "store.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <type_traits>
#include <variant>

#include <fmt/format.h>
#include <sqlite3.h>

#include "date.hpp"
#include "json_text.hpp"
#include "kinds.hpp"
#include "text.hpp"
#include "text_index.hpp"

namespace riskmap {

namespace {

bool is_number_field(const Field& field) {
  return field.type == FieldType::step || field.type == FieldType::duration ||
         field.type == FieldType::number;
}

std::string allowed_choices(const Field& field) {
  std::vector<std::string> ids;
  if (field.vocabulary)
    for (const auto& choice : *field.vocabulary) ids.push_back(choice.id);
  return join(ids, ", ");
}

}  // namespace

// A statement prepared on its first use: a command that reads one record
// prepares one statement, not all that the store might run.
class LazyStatement {
 public:
  LazyStatement(Database& db, std::string sql) : db_(&db), sql_(std::move(sql)) {}
  Statement& operator*() {
    if (!statement_) statement_.emplace(db_->prepare(sql_));
    return *statement_;
  }
  Statement* operator->() { return &**this; }

 private:
  Database* db_;
  std::string sql_;
  std::optional<Statement> statement_;
};

struct RecordStore::Statements {
  LazyStatement select_all;
  LazyStatement select_one;
  LazyStatement exists;
  LazyStatement insert;
  LazyStatement update;
  LazyStatement remove;
  LazyStatement max_ref;
  LazyStatement select_keyed;  // every record in key (byte) order: no sort to run
  struct Link {                // a list field of refs
    std::size_t index;
    LazyStatement check;  // does the target exist, and fit?
    // Targets found fitting while deferred: an import removes nothing and
    // changes no other kind, so a target found once stays found.
    TextIndex fitting;
    // Lookups that missed `fitting`; past a few hundred, an import is large
    // and every fitting target is read at once (`loaded`), so that links
    // are checked without the connection, which a batch may be writing.
    std::size_t misses = 0;
    bool loaded = false;
  };
  std::vector<Link> links;
  std::vector<std::string> lists;  // per field: its list as JSON, while a write binds it
};

RecordStore::RecordStore(Workspace& workspace, const EntityKind& kind, bool derive)
    : workspace_(workspace),
      db_(workspace.db()),
      kind_(kind),
      derive_(derive && kind.deriver),
      method_(workspace.method()),
      bulk_(workspace.bulk_ratings()) {
  generated_prefix_ = workspace.ref_prefix().empty()
                          ? kind.prefix
                          : fmt::format("{}-{}-", kind.prefix, workspace.ref_prefix());
  Database& db = db_;
  // Every field is a column, in the kind's order; a list is a JSON array.
  std::string columns, placeholders, assignments;
  for (const Field& field : kind.fields) {
    columns += fmt::format(", \"{}\"", field.name);
    placeholders += ", ?";
    assignments += fmt::format("{}\"{}\" = ?", assignments.empty() ? "" : ", ", field.name);
  }
  const std::string& table = kind.name;
  sql_ = std::unique_ptr<Statements>(new Statements{
      LazyStatement(db, fmt::format("SELECT ref{} FROM {} ORDER BY ref COLLATE natural_order",
                                    columns, table)),
      LazyStatement(db, fmt::format("SELECT ref{} FROM {} WHERE ref = ?", columns, table)),
      LazyStatement(db, fmt::format("SELECT 1 FROM {} WHERE ref = ?", table)),
      LazyStatement(
          db, fmt::format("INSERT INTO {} (ref{}) VALUES (?{})", table, columns, placeholders)),
      LazyStatement(db, fmt::format("UPDATE {} SET {} WHERE ref = ?", table, assignments)),
      LazyStatement(db, fmt::format("DELETE FROM {} WHERE ref = ?", table)),
      LazyStatement(db, fmt::format("SELECT ref FROM {} WHERE ref GLOB ?", table)),
      LazyStatement(db, fmt::format("SELECT ref{} FROM {} ORDER BY ref", columns, table)),
      {},
      std::vector<std::string>(kind.fields.size())});
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const Field& field = kind.fields[i];
    if (field.type != FieldType::refs) continue;
    sql_->links.push_back(Statements::Link{
        i,
        LazyStatement(db, fmt::format("SELECT {} FROM {} WHERE ref = ?",
                                      field.target_condition.empty() ? "1" : field.target_condition,
                                      field.target)),
        {},
        0,
        false});
  }
}

RecordStore::~RecordStore() {
  batches_.reset();  // waits for a batch being written, before the statements go
}

namespace {

// A value as a message quotes it: short, on one line.
std::string excerpt(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 60)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  return text.size() > 60 ? out + "..." : out;
}

// Whether a list item read from the database is one riskmap could have
// written: the same rules as for an item typed by a user.
bool valid_item(const Field& field, std::string_view item) {
  switch (field.type) {
    case FieldType::choices:
      return field.vocabulary && find_choice(*field.vocabulary, item);
    case FieldType::words:
      return !item.empty() && !invalid_utf8_at(item) &&
             item.find_first_of(" \t\r\n,;\"") == std::string_view::npos;
    case FieldType::refs: {
      if (!field.qualified) return is_valid_ref(item);
      const auto colon = item.find(':');
      return colon != std::string_view::npos && is_valid_ref(item.substr(0, colon)) &&
             is_valid_ref(item.substr(colon + 1));
    }
    default:
      return false;
  }
}

[[noreturn]] void bad_stored_value(const Database& db, const EntityKind& kind, std::string_view ref,
                                   std::string_view what) {
  throw ContentError(
      fmt::format("{}: {} {}: {}", db.path().string(), kind.name, excerpt(ref), what));
}

}  // namespace

void check_stored_ref(const Database& db, const EntityKind& kind, std::string_view ref) {
  if (!is_valid_ref(ref))
    bad_stored_value(db, kind, ref, "not a valid ref (letters, digits, '.', '_' or '-')");
}

void read_checked_value(const Database& db, const EntityKind& kind, const Method& method,
                        std::string_view ref, std::size_t index, Statement& row, int column,
                        Value& value) {
  const Field& field = kind.fields[index];
  const auto fail = [&](std::string_view what) { bad_stored_value(db, kind, ref, what); };
  // As few calls to SQLite as a value needs: this runs for every field of
  // every record read.
  if (is_number_field(field)) {
    if (row.is_integer(column)) {
      const std::int64_t number = row.integer(column);
      if (field.type == FieldType::step) {
        const Scale& scale = scale_of(field, method);
        if (number < 1 || number > scale.size())
          fail(fmt::format("{} {} is off the {} scale (positions 1 to {})", field.name, number,
                           scale.name, scale.size()));
      } else if (number < field.minimum || number > field.maximum) {
        fail(fmt::format("{} {} is out of range ({} to {})", field.name, number, field.minimum,
                         field.maximum));
      }
      value = number;
    } else if (row.is_null(column)) {
      value = std::monostate{};
    } else {
      fail(fmt::format("{} '{}' is not a whole number", field.name, excerpt(row.text(column))));
    }
    return;
  }
  const std::optional<std::string_view> stored = row.text_unless_null(column);
  if (!stored) {
    if (field.is_list()) {
      if (auto* items = std::get_if<std::vector<std::string>>(&value))
        items->clear();
      else
        value.emplace<std::vector<std::string>>();
    } else {
      value = std::monostate{};
    }
    return;
  }
  const std::string_view text = *stored;
  if (field.is_list()) {
    auto* items = std::get_if<std::vector<std::string>>(&value);
    if (!items) items = &value.emplace<std::vector<std::string>>();
    items->clear();
    if (!read_json_list(text, *items))
      fail(fmt::format("{} is not a JSON array of strings: {}", field.name, excerpt(text)));
    for (const auto& item : *items)
      if (!valid_item(field, item))
        fail(fmt::format("{} holds '{}', which is not a valid item", field.name, excerpt(item)));
    return;
  }
  if (invalid_utf8_at(text)) fail(fmt::format("{} is not valid UTF-8 text", field.name));
  if (field.type == FieldType::choice &&
      !(field.vocabulary && find_choice(*field.vocabulary, text)))
    fail(fmt::format("{} '{}' is not one of: {}", field.name, excerpt(text),
                     allowed_choices(field)));
  if (field.type == FieldType::date) {
    bool valid = false;
    try {
      Date::parse(text);  // exactly YYYY-MM-DD, a real day
      valid = true;
    } catch (const ValueError&) {
    }
    if (!valid) fail(fmt::format("{} '{}' is not a date (YYYY-MM-DD)", field.name, excerpt(text)));
  }
  if (auto* kept = std::get_if<std::string>(&value))
    kept->assign(text);  // reuses its storage
  else
    value = std::string(text);
}

namespace {

// Reads the current row as a record, checking every value as it comes: a
// database written by another program may hold anything, and a value riskmap
// could not have written stops the command with a message naming it, rather
// than reaching code that trusts it.
// Into `record`, whatever it held, reusing its strings and lists.
void read_record_into(const Database& db, const EntityKind& kind, const Method& method,
                      Statement& row, Record& record) {
  const std::string_view ref = row.text(0);
  check_stored_ref(db, kind, ref);
  record.ref.assign(ref);
  record.values.resize(kind.fields.size());
  record.derived = 0;
  for (std::size_t i = 0; i < kind.fields.size(); ++i)
    read_checked_value(db, kind, method, ref, i, row, static_cast<int>(i) + 1, record.values[i]);
}

Record read_record(const Database& db, const EntityKind& kind, const Method& method,
                   Statement& row) {
  Record record;
  read_record_into(db, kind, method, row, record);
  return record;
}

}  // namespace

void RecordStore::derive(Record& record) {
  if (!derive_) return;
  if (!deriver_) deriver_ = kind_.deriver(workspace_);
  deriver_(record);
}

bool RecordStore::exists(std::string_view ref) {
  if (batches_) {
    if (batches_->is_new(ref)) return false;
    if (batches_->may_hold(ref)) batches_->flush();  // the table answers
    batches_->settle();
  }
  Statement& statement = *sql_->exists;
  statement.bind(1, ref);
  const bool found = statement.step();
  statement.reset();
  return found;
}

std::optional<Record> RecordStore::find(std::string_view ref) {
  if (batches_ && batches_->may_hold(ref)) batches_->flush();
  settle();
  Statement& statement = *sql_->select_one;
  statement.bind(1, ref);
  if (!statement.step()) {
    statement.reset();
    return std::nullopt;
  }
  Record record = read_record(db_, kind_, method_, statement);
  statement.reset();
  derive(record);
  return record;
}

UnknownRef RecordStore::unknown(std::string_view ref) {
  const auto known = refs();
  return UnknownRef(fmt::format("unknown {} '{}'{}", kind_.name, ref, did_you_mean(ref, known)));
}

Record RecordStore::get(std::string_view ref) {
  if (auto record = find(ref)) return std::move(*record);
  throw unknown(ref);
}

void RecordStore::scan(bool keyed, const std::function<void(Record&)>& visit) {
  flush();
  Statement& rows = keyed ? *sql_->select_keyed : *sql_->select_all;
  while (rows.step()) {
    Record record = read_record(db_, kind_, method_, rows);
    derive(record);
    visit(record);
  }
  rows.reset();
}

void RecordStore::for_each(const std::function<void(Record&)>& visit) {
  scan(false, visit);
}

std::vector<Record> RecordStore::all() {
  // Read in key order, then put in natural order here: SQLite would sort
  // the whole rows, and every link table, through the natural collation.
  std::vector<Record> records;
  scan(true, [&](Record& record) { records.push_back(std::move(record)); });
  std::sort(records.begin(), records.end(),
            [](const Record& a, const Record& b) { return natural_compare(a.ref, b.ref) < 0; });
  return records;
}

void RecordStore::for_each_ordered(std::string_view where, std::string_view order_by,
                                   const std::function<void(Record&)>& visit) {
  flush();
  std::string columns;
  for (const Field& field : kind_.fields) columns += fmt::format(", \"{}\"", field.name);
  auto rows = db_.prepare(fmt::format("SELECT ref{} FROM {}{}{} ORDER BY {}", columns, kind_.name,
                                      where.empty() ? "" : " WHERE ", where, order_by));
  while (rows.step()) {
    Record record = read_record(db_, kind_, method_, rows);
    derive(record);
    visit(record);
  }
}

RecordStore::Cursor RecordStore::cursor() {
  flush();
  std::string columns;
  for (const Field& field : kind_.fields) columns += fmt::format(", \"{}\"", field.name);
  return Cursor(*this,
                db_.prepare(fmt::format("SELECT ref{} FROM {} ORDER BY ref COLLATE natural_order",
                                        columns, kind_.name)));
}

bool RecordStore::Cursor::next(Record& record) {
  if (done_) return false;
  if (!rows_.step()) {
    done_ = true;
    rows_.reset();
    return false;
  }
  read_record_into(store_->db_, store_->kind_, store_->method_, rows_, record);
  store_->derive(record);
  return true;
}

std::vector<std::string> RecordStore::refs() {
  flush();
  std::vector<std::string> out;
  auto statement =
      db_.prepare(fmt::format("SELECT ref FROM {} ORDER BY ref COLLATE natural_order", kind_.name));
  while (statement.step()) out.emplace_back(statement.text(0));
  return out;
}

std::string RecordStore::check_link(const Field& field, const std::string& value) {
  auto& link = *std::find_if(sql_->links.begin(), sql_->links.end(), [&](const auto& candidate) {
    return &kind_.fields[candidate.index] == &field;
  });
  if (defer_links_ && link.fitting.contains(value)) return {};
  settle();
  if (defer_links_ && !link.loaded && ++link.misses > 256) {
    link.loaded = true;
    auto all = db_.prepare(fmt::format(
        "SELECT ref FROM {} WHERE {}", field.target,
        field.target_condition.empty() ? "1" : fmt::format("({}) <> 0", field.target_condition)));
    while (all.step()) link.fitting.add(all.text(0));
    if (link.fitting.contains(value)) return {};
  }
  Statement& check = *link.check;
  check.bind(1, value);
  const bool found = check.step();
  const bool fits = found && check.integer(0) != 0;
  check.reset();
  if (fits) {
    if (defer_links_) link.fitting.add(value);
    return {};
  }
  if (!found && field.qualified) {
    // FRAMEWORK:ID: say whether the framework or the requirement is unknown.
    const auto colon = value.find(':');
    const std::string framework = value.substr(0, colon), id = value.substr(colon + 1);
    std::vector<std::string> frameworks, ids;
    auto all = db_.prepare("SELECT id FROM framework ORDER BY id");
    while (all.step()) frameworks.emplace_back(all.text(0));
    if (std::find(frameworks.begin(), frameworks.end(), framework) == frameworks.end())
      return fmt::format(
          "unknown framework '{}' in {}{}; known: {} (import a catalog with riskmap framework "
          "import FILE)",
          framework, field.name, did_you_mean(framework, frameworks), join(frameworks, ", "));
    auto items = db_.prepare("SELECT id FROM requirement WHERE framework = ?");
    items.bind(1, framework);
    while (items.step()) ids.emplace_back(items.text(0));
    return fmt::format("unknown requirement '{}' of framework {} in {}{}", id, framework,
                       field.name, did_you_mean(id, ids));
  }
  if (!found) {
    std::vector<std::string> known;
    auto all = db_.prepare(fmt::format("SELECT ref FROM {}", field.target));
    while (all.step()) known.emplace_back(all.text(0));
    return fmt::format("unknown {} '{}' in {}{}", field.target, value, field.name,
                       did_you_mean(value, known));
  }
  return fmt::format("{} '{}' in {} is not {}", field.target, value, field.name,
                     field.target_description);
}

void RecordStore::check(Record& record) {
  if (!is_valid_ref(record.ref))
    throw ValueError(
        fmt::format("'{}' is not a valid {} ref: use letters, digits, '.', '_' or '-', "
                    "starting with a letter or a digit",
                    record.ref, kind_.name));
  for (std::size_t i = 0; i < kind_.fields.size(); ++i) {
    const Field& field = kind_.fields[i];
    if (field.required && is_unset(record.values[i]))
      throw ValueError(fmt::format("{} {}: {} is required", kind_.name, record.ref, field.name));
    // A field with a default always has a value: an update cannot empty it.
    if (!field.default_value.empty() && is_unset(record.values[i]))
      throw ValueError(fmt::format("{} {}: {} cannot be empty (allowed: {})", kind_.name,
                                   record.ref, field.name, allowed_choices(field)));
    // A step is written on the scale of the method in force when it is
    // written, which the write lock keeps from changing meanwhile.
    if (const auto* position = std::get_if<std::int64_t>(&record.values[i]);
        position && field.type == FieldType::step) {
      const Scale& scale = scale_of(field, method_);
      if (*position < 1 || *position > scale.size())
        throw ValueError(fmt::format("{} {}: {} {} is off the {} scale (positions 1 to {})",
                                     kind_.name, record.ref, field.name, *position, scale.name,
                                     scale.size()));
    }
  }
  if (kind_.complete) kind_.complete(kind_, record);
  if (kind_.check_links) kind_.check_links(workspace_, record);
  for (const auto& link : sql_->links) {
    const Field& field = kind_.fields[link.index];
    const auto* items = std::get_if<std::vector<std::string>>(&record.values[link.index]);
    if (!items) continue;
    for (const auto& value : *items) {
      if (defer_links_ && field.target == kind_.name) {
        pending_.push_back({record.ref, field.name, value, origin_});
        continue;
      }
      if (auto problem = check_link(field, value); !problem.empty())
        throw UnknownRef(fmt::format("{} {}: {}", kind_.name, record.ref, problem));
    }
  }
}

namespace {
// Gives each field's value as a row stores it to `put` (null, a number or
// a text): NULL for a derived value, a list as JSON text kept in `lists`,
// which must outlive what `put` does with it.
template <typename Put>
void stored_values(Record& record, std::vector<std::string>& lists, const EntityKind& kind,
                   Put&& put) {
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    Value& value = record.values[i];
    if (record.is_derived(i)) {  // derived on reading: the row keeps nothing
      put(i, std::monostate{});
      continue;
    }
    if (auto* items = std::get_if<std::vector<std::string>>(&value)) {
      if (items->empty()) {
        put(i, std::monostate{});
        continue;
      }
      // Stored as shown, each item once: the row does not depend on the
      // order a file or a command gave the items in.
      sort_list(kind.fields[i], *items);
      items->erase(std::unique(items->begin(), items->end()), items->end());
      lists[i].clear();
      append_json_list(lists[i], *items);
      put(i, std::string_view(lists[i]));
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      put(i, std::string_view(*text));
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
      put(i, *number);
    } else {
      put(i, std::monostate{});
    }
  }
}

// Binds every field from parameter `first` on; `record` and `lists` must
// outlive the statement's run.
void bind_values(Statement& statement, Record& record, std::vector<std::string>& lists,
                 const EntityKind& kind, int first) {
  stored_values(record, lists, kind, [&](std::size_t i, const auto& value) {
    using Type = std::decay_t<decltype(value)>;
    const int at = first + static_cast<int>(i);
    if constexpr (std::is_same_v<Type, std::monostate>)
      statement.bind_null(at);
    else if constexpr (std::is_same_v<Type, std::string_view>)
      statement.bind_borrowed(at, value);
    else
      statement.bind(at, value);
  });
}
}  // namespace

void RecordStore::insert(Record record) {
  for (std::size_t i = 0; i < kind_.fields.size(); ++i) {
    const Field& field = kind_.fields[i];
    if (!field.default_value.empty() && is_unset(record.values[i]))
      record.values[i] = field.default_value;
  }
  check(record);
  if (batches_) return hold(record);
  Statement& statement = *sql_->insert;
  statement.bind_borrowed(1, record.ref);
  bind_values(statement, record, sql_->lists, kind_, 2);
  try {
    statement.run();
  } catch (const DatabaseError& e) {
    // The ref is the key: one lookup, the insert's own.
    if (e.code() == SQLITE_CONSTRAINT_PRIMARYKEY)
      throw Conflict(fmt::format("{} {} already exists", kind_.name, record.ref));
    throw;
  }
  if (const auto number = generated_number(record.ref); number && highest_number_)
    highest_number_ = std::max(*highest_number_, *number);
  if (bulk_) bulk_->add(kind_, record);
  if (added_) added_->keep(record.ref);
}

void RecordStore::set_bulk(AddedRows* added, std::size_t batch_bytes) {
  flush();
  added_ = added;
  batches_.reset();
  if (added && !kind_.check_links)
    batches_ = std::make_unique<RecordBatches>(db_, kind_, *added, batch_bytes);
}

void RecordStore::hold(Record& record) {
  // As insert writes it: the ref is the key, then the fields.
  RowBatch& rows = batches_->rows();
  rows.add_text(record.ref);
  stored_values(record, sql_->lists, kind_, [&](std::size_t, const auto& value) {
    using Type = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Type, std::monostate>)
      rows.add_null();
    else if constexpr (std::is_same_v<Type, std::string_view>)
      rows.add_text(value);
    else
      rows.add(value);
  });
  if (const auto number = generated_number(record.ref); number && highest_number_)
    highest_number_ = std::max(*highest_number_, *number);
  if (bulk_) bulk_->add(kind_, record);
  batches_->held(record.ref);
}

void RecordStore::settle() {
  if (batches_) batches_->settle();
}

void RecordStore::flush() {
  if (batches_) batches_->flush();
}

void RecordStore::update(Record record) {
  flush();  // what it checks, and the order in which undo keeps the writes
  check(record);
  Statement& statement = *sql_->update;
  bind_values(statement, record, sql_->lists, kind_, 1);
  statement.bind(static_cast<int>(kind_.fields.size()) + 1, record.ref);
  statement.run();
  if (bulk_) bulk_->add(kind_, record);
  // Records that name this one must still find what they expect of it
  // (a supporting asset serves a business value: the value stays primary).
  for (const EntityKind* other : all_kinds()) {
    for (const Field& field : other->fields) {
      if (field.type != FieldType::refs || field.target != kind_.name ||
          field.target_condition.empty())
        continue;
      auto broken =
          db_.prepare(fmt::format("SELECT l.ref FROM {0}_{1} l JOIN {2} t ON t.ref = l.value WHERE "
                                  "l.value = ?1 AND NOT ({3}) "
                                  "ORDER BY l.ref COLLATE natural_order",
                                  other->name, field.name, kind_.name, field.target_condition));
      broken.bind(1, record.ref);
      std::vector<std::string> names;
      while (broken.step()) names.emplace_back(broken.text(0));
      if (!names.empty())
        throw ValueError(fmt::format("{} {} must stay {}: {} {} name it in {}", kind_.name,
                                     record.ref, field.target_description, other->name,
                                     join(names, ", "), field.name));
    }
  }
}

namespace {
// SQL true for the rows `r` whose list `field` holds ?1; ?2 is ?1 as a JSON
// string. instr() skips, at the speed of a byte search, the rows that
// cannot hold it: a large map's scenarios are scanned, not looked up.
std::string names_it(const Field& field) {
  return fmt::format(
      "instr(r.\"{0}\", ?2) > 0 AND EXISTS (SELECT 1 FROM json_each(r.\"{0}\") WHERE value = ?1)",
      field.name);
}
void bind_named(Statement& statement, std::string_view ref) {
  std::string quoted;
  append_json_string(quoted, ref);
  statement.bind(1, ref).bind(2, quoted);
}
}  // namespace

std::vector<std::string> RecordStore::referrers(std::string_view ref) {
  flush();
  std::vector<std::string> out;
  for (const EntityKind* other : all_kinds()) {
    for (const Field& field : other->fields) {
      if (field.type != FieldType::refs || field.target != kind_.name) continue;
      auto statement = db_.prepare(
          fmt::format("SELECT ref FROM {} r WHERE {} ORDER BY ref COLLATE natural_order",
                      other->name, names_it(field)));
      bind_named(statement, ref);
      while (statement.step())
        out.push_back(fmt::format("{} {} ({})", other->name, statement.text(0), field.name));
    }
  }
  return out;
}

void RecordStore::remove(std::string_view ref) {
  remove(std::vector<std::string>{std::string(ref)});
}

void RecordStore::remove(const std::vector<std::string>& refs) {
  flush();
  for (const auto& ref : refs)
    if (!exists(ref)) throw unknown(ref);
  for (const auto& ref : refs) sql_->remove->bind(1, ref).run();
  // Their own lists go with their rows; the lists of others that name them
  // are rewritten without them, one scan per such list for all the refs.
  std::string removed;
  append_json_list(removed, refs);
  const std::set<std::string, std::less<>> gone(refs.begin(), refs.end());
  std::vector<std::string> items;
  std::string json;
  for (const EntityKind* other : all_kinds()) {
    for (const Field& field : other->fields) {
      if (field.type != FieldType::refs || field.target != kind_.name) continue;
      auto naming = db_.prepare(
          refs.size() == 1
              ? fmt::format("SELECT ref, \"{}\" FROM {} r WHERE {}", field.name, other->name,
                            names_it(field))
              : fmt::format("SELECT ref, \"{0}\" FROM {1} r WHERE EXISTS (SELECT 1 FROM "
                            "json_each(r.\"{0}\") l WHERE l.value IN (SELECT value FROM "
                            "json_each(?1)))",
                            field.name, other->name));
      std::vector<std::pair<std::string, std::string>> rewritten;  // ref, list without `refs`
      if (refs.size() == 1)
        bind_named(naming, refs.front());
      else
        naming.bind(1, removed);
      while (naming.step()) {
        if (!read_json_list(naming.text(1), items)) continue;  // json_each read it: cannot happen
        std::erase_if(items, [&](const std::string& item) { return gone.contains(item); });
        json.clear();
        if (!items.empty()) append_json_list(json, items);
        rewritten.emplace_back(naming.text(0), json);
      }
      auto write = db_.prepare(
          fmt::format("UPDATE {} SET \"{}\" = ?2 WHERE ref = ?1", other->name, field.name));
      for (const auto& [naming_ref, list] : rewritten) {
        write.bind(1, naming_ref);
        if (list.empty())
          write.bind_null(2);
        else
          write.bind(2, list);
        write.run();
      }
    }
  }
}

std::optional<std::int64_t> RecordStore::generated_number(std::string_view ref) const {
  if (!ref.starts_with(generated_prefix_)) return std::nullopt;
  const auto digits = ref.substr(generated_prefix_.size());
  if (digits.empty() || digits.size() > 15 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(std::string(digits));
}

std::string RecordStore::next_ref() {
  if (!highest_number_) {
    flush();  // held records count, and hold() counts them once this is known
    Statement& statement = *sql_->max_ref;
    statement.bind(1, generated_prefix_ + "[0-9]*");
    std::int64_t highest = 0;
    while (statement.step())
      highest = std::max(highest, generated_number(statement.text(0)).value_or(0));
    statement.reset();
    highest_number_ = highest;
  }
  return fmt::format("{}{}", generated_prefix_, *highest_number_ + 1);
}

std::vector<std::string> RecordStore::check_deferred_links() {
  flush();
  std::vector<std::string> failures;
  for (auto& link : pending_) {
    const Field& field = kind_.fields[kind_.index(link.field)];
    if (auto problem = check_link(field, link.value); !problem.empty())
      failures.push_back(fmt::format("{}: {} {}: {}", link.origin, kind_.name, link.ref, problem));
  }
  pending_.clear();
  return failures;
}

}  // namespace riskmap
