#pragma once
// A thin owner of one SQLite connection: statements prepared once and
// finalized by RAII, and a transaction guard that rolls back unless committed.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace riskmap {

// A database failure: carries the SQLite result code, the file and the SQL.
class DatabaseError : public Error {
 public:
  DatabaseError(int code, const std::string& message) : Error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class Database;

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t number);
  Statement& bind(int index, int number) { return bind(index, static_cast<std::int64_t>(number)); }
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  // Binds text without copying it: it must stay alive and unchanged until
  // the statement is reset. For the hot paths of bulk writes.
  Statement& bind_borrowed(int index, std::string_view text);
  // Binds a pointer that only a reader asking for `type` sees (SQLite's
  // pointer passing, for table-valued functions); it must outlive the run.
  Statement& bind_pointer(int index, void* pointer, const char* type);
  // Binds column `column` of the current row of `from` as it is (any type),
  // to copy rows between databases.
  Statement& bind_column(int index, const Statement& from, int column);

  // Advances to the next row; false when done. Throws DatabaseError.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  bool is_null(int column) const;
  bool is_integer(int column) const;        // stored as an integer (not text, not a fraction)
  std::string_view text(int column) const;  // columns are 0-based
  // The text, or none for NULL: one call to SQLite where is_null and text
  // make two, for readers of every column of many rows.
  std::optional<std::string_view> text_unless_null(int column) const;
  std::int64_t integer(int column) const;
  int column_count() const;
  std::string column_name(int column) const;

 private:
  friend class Database;
  // Compiles the first statement of `sql`; `used`: how much of it that was.
  Statement(Database& db, std::string_view sql, std::size_t* used);

  Database* owner_;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string path_;
};

class Database {
 public:
  // A private temporary database, removed when closed, for a command's own
  // scratch rows: no journal, and a 4 MB cache beyond which its pages (and
  // its sorter) go to a temporary file.
  static std::unique_ptr<Database> scratch();

  // Opens (or with `create`, creates) the file; sets foreign keys, the busy
  // timeout and the "natural_order" collation (R2 before R10).
  Database(const std::filesystem::path& path, bool create);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  // First column of the first row, for one-value queries.
  std::optional<std::int64_t> query_integer(std::string_view sql);

  int user_version();
  void set_user_version(int version);
  // The rowid of the last row this connection inserted (not by a trigger).
  std::int64_t last_insert_id();
  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() { return db_; }

  // From now on, `first_write(table)` runs before the first statement that
  // would write `table` of the main database (itself, through a trigger or
  // a foreign key's action) is compiled, once per table; `others` are never
  // handed to it. It may change the schema (add triggers to the table).
  // Statements compiled before are compiled again when next run, so none
  // escapes it. For as long as the connection is open.
  void watch_writes(std::function<void(const std::string& table)> first_write,
                    const std::vector<std::string>& others);
  bool watching_writes() const { return static_cast<bool>(first_write_); }
  // Hands `table` to first_write now, as its first write would (once).
  void settle_write(const std::string& table);

 private:
  friend class Statement;
  static int authorize(void* self, int action, const char* table, const char*,
                       const char* database, const char*);
  // Hands the tables a refused compilation met to first_write; false when
  // there were none (the refusal was not ours).
  bool settle_first_writes();

  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  std::function<void(const std::string&)> first_write_;
  std::set<std::string, std::less<>> seen_;  // tables handed to first_write, or never to be
  std::vector<std::string> pending_;         // met by the compilation under way
};

// A write transaction begins IMMEDIATE, so that concurrent writers queue on
// the busy timeout instead of failing mid-transaction; a read transaction
// begins DEFERRED, and every read in it sees the database as its first read
// did. Rolls back unless commit().
class Transaction {
 public:
  enum class Mode { write, read };
  explicit Transaction(Database& db, Mode mode = Mode::write);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace riskmap
