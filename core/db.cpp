#include "db.hpp"

#include <sqlite3.h>

#include <algorithm>

#include <fmt/format.h>

#include "row_batch.hpp"
#include "text.hpp"

namespace riskmap {

namespace {

[[noreturn]] void fail(sqlite3* db, int code, const std::string& path, std::string_view sql) {
  std::string message = fmt::format("{}: {}", path, db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  if (!sql.empty()) message += fmt::format(" (in: {})", trim(sql.substr(0, 120)));
  throw DatabaseError(code, message);
}

int natural_collation(void*, int a_size, const void* a, int b_size, const void* b) {
  return natural_compare(
      std::string_view(static_cast<const char*>(a), static_cast<std::size_t>(a_size)),
      std::string_view(static_cast<const char*>(b), static_cast<std::size_t>(b_size)));
}

// Once, before SQLite starts. A statement that may fail halfway keeps the
// former pages it changes in a statement journal; past 64 KB (SQLite's
// default) the journal moves to a temporary file for the rest of the
// transaction, and a command writing many rows through triggers (an update
// of a large map, each row journalled for undo) then wrote each page it
// changed a second time. 16 MB in memory covers any one row's statement.
void configure_sqlite() {
  static const int done = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 16 << 20);
  static_cast<void>(done);
}

}  // namespace

Statement::Statement(Database& db, std::string_view sql) : Statement(db, sql, nullptr) {}

Statement::Statement(Database& db, std::string_view sql, std::size_t* used)
    : owner_(&db), db_(db.handle()), path_(db.path().string()) {
  for (;;) {
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt_, &tail);
    if (used) *used = tail ? static_cast<std::size_t>(tail - sql.data()) : sql.size();
    if (rc == SQLITE_OK) return;
    if (rc != SQLITE_AUTH || !owner_->settle_first_writes()) fail(db_, rc, path_, sql);
  }
}

Statement::Statement(Statement&& other) noexcept
    : owner_(other.owner_), db_(other.db_), stmt_(other.stmt_), path_(std::move(other.path_)) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
  // An empty view may hold no pointer at all, which SQLite would bind as NULL.
  const char* data = text.data() ? text.data() : "";
  const int rc =
      sqlite3_bind_text(stmt_, index, data, static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(db_, rc, path_, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bind_borrowed(int index, std::string_view text) {
  const int rc =
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(db_, rc, path_, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bind(int index, std::int64_t number) {
  const int rc = sqlite3_bind_int64(stmt_, index, number);
  if (rc != SQLITE_OK) fail(db_, rc, path_, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(db_, rc, path_, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bind_pointer(int index, void* pointer, const char* type) {
  const int rc = sqlite3_bind_pointer(stmt_, index, pointer, type, nullptr);
  if (rc != SQLITE_OK) fail(db_, rc, path_, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bind_column(int index, const Statement& from, int column) {
  const int rc = sqlite3_bind_value(stmt_, index, sqlite3_column_value(from.stmt_, column));
  if (rc != SQLITE_OK) fail(db_, rc, path_, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  // Compiled again after a change of schema, the statement met a table's
  // first write: nothing ran; it runs once that is settled.
  while (rc == SQLITE_AUTH && owner_->settle_first_writes()) {
    sqlite3_reset(stmt_);
    rc = sqlite3_step(stmt_);
  }
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string sql = sqlite3_sql(stmt_);
  sqlite3_reset(stmt_);
  fail(db_, rc, path_, sql);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

bool Statement::is_integer(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER;
}

std::string_view Statement::text(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  if (!data) return {};
  return {reinterpret_cast<const char*>(data),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<std::string_view> Statement::text_unless_null(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  if (!data) {
    // NULL, or a value that is no text at all (an empty blob).
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    return std::string_view();
  }
  return std::string_view(reinterpret_cast<const char*>(data),
                          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

int Statement::column_count() const {
  return sqlite3_column_count(stmt_);
}

std::string Statement::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name ? name : "";
}

Database::Database(const std::filesystem::path& path, bool create) : path_(path) {
  configure_sqlite();
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message =
        fmt::format("{}: cannot open database: {}", path.string(), sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw DatabaseError(rc, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 30'000);
  sqlite3_create_collation(db_, "natural_order", SQLITE_UTF8, nullptr, natural_collation);
  try {
    RowBatch::enable(db_);
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
  exec("PRAGMA foreign_keys = ON");
}

std::unique_ptr<Database> Database::scratch() {
  auto db = std::make_unique<Database>("", true);  // "": private and temporary
  db->exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -4096");
  return db;
}

Database::~Database() {
  sqlite3_close_v2(db_);
}

void Database::exec(std::string_view sql) {
  if (!first_write_) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      sqlite3_free(error);
      fail(db_, rc, path_.string(), sql);
    }
    return;
  }
  // Statement by statement, each compiled only once the ones before it ran,
  // as sqlite3_exec does, but through Statement, which settles first writes.
  while (!sql.empty()) {
    std::size_t used = 0;
    Statement statement(*this, sql, &used);
    sql.remove_prefix(used);
    if (statement.stmt_) statement.run();  // none for blanks or a comment
  }
}

Statement Database::prepare(std::string_view sql) {
  return Statement(*this, sql);
}

void Database::watch_writes(std::function<void(const std::string&)> first_write,
                            const std::vector<std::string>& others) {
  first_write_ = std::move(first_write);
  seen_.insert(others.begin(), others.end());
  // Setting an authorizer makes SQLite compile every statement again before
  // its next run, under it.
  sqlite3_set_authorizer(db_, &Database::authorize, this);
}

int Database::authorize(void* self, int action, const char* table, const char*,
                        const char* database, const char*) {
  if (action != SQLITE_INSERT && action != SQLITE_UPDATE && action != SQLITE_DELETE)
    return SQLITE_OK;
  if (!table || !database || std::string_view(database) != "main") return SQLITE_OK;
  auto& db = *static_cast<Database*>(self);
  const std::string_view name(table);
  if (name.substr(0, 7) == "sqlite_" || db.seen_.count(name)) return SQLITE_OK;
  if (std::find(db.pending_.begin(), db.pending_.end(), name) == db.pending_.end())
    db.pending_.emplace_back(name);
  return SQLITE_DENY;
}

void Database::settle_write(const std::string& table) {
  if (!first_write_ || seen_.count(table)) return;
  seen_.insert(table);
  first_write_(table);
}

bool Database::settle_first_writes() {
  if (pending_.empty()) return false;
  const std::vector<std::string> tables = std::move(pending_);
  pending_.clear();
  for (const auto& table : tables) {
    seen_.insert(table);
    first_write_(table);
  }
  return true;
}

std::optional<std::int64_t> Database::query_integer(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement.step() || statement.is_null(0)) return std::nullopt;
  return statement.integer(0);
}

int Database::user_version() {
  return static_cast<int>(query_integer("PRAGMA user_version").value_or(0));
}

std::int64_t Database::last_insert_id() {
  return sqlite3_last_insert_rowid(db_);
}

void Database::set_user_version(int version) {
  exec(fmt::format("PRAGMA user_version = {}", version));
}

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
  db_.exec(mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace riskmap
