#include "row_batch.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>

#include <fmt/format.h>
#include <sqlite3.h>

namespace riskmap {

namespace {
constexpr const char* pointer_type = "riskmap_rows";
}  // namespace

// An eponymous virtual table whose rows are those of the batch given to its
// hidden column: riskmap_rows(?).
struct RowBatch::Table {
  struct Cursor {
    sqlite3_vtab_cursor base{};
    const RowBatch* batch = nullptr;
    std::size_t position = 0;
    std::vector<std::size_t> cells;  // where the current row's cells start

    // Finds the cells of the row at `position`, in the batch's order.
    void settle() {
      if (!batch || position >= batch->rows()) return;
      const std::size_t row =
          batch->order_ == Order::key ? batch->sorted_[position] : position;
      cells.resize(batch->columns_);
      std::size_t at = batch->starts_[row];
      for (std::size_t i = 0; i < batch->columns_; ++i) {
        cells[i] = at;
        at += batch->cell_size(at);
      }
    }
  };
  static Cursor& cursor_of(sqlite3_vtab_cursor* cursor) {
    return *reinterpret_cast<Cursor*>(cursor);
  }

  static int connect(sqlite3* db, void*, int, const char* const*, sqlite3_vtab** table, char**) {
    std::string columns;
    for (std::size_t i = 0; i < max_columns; ++i) columns += fmt::format("c{}, ", i);
    const int rc =
        sqlite3_declare_vtab(db, fmt::format("CREATE TABLE x({}batch HIDDEN)", columns).c_str());
    if (rc != SQLITE_OK) return rc;
    auto* created = static_cast<sqlite3_vtab*>(sqlite3_malloc(sizeof(sqlite3_vtab)));
    if (!created) return SQLITE_NOMEM;
    std::memset(created, 0, sizeof *created);
    *table = created;
    return SQLITE_OK;
  }
  static int disconnect(sqlite3_vtab* table) {
    sqlite3_free(table);
    return SQLITE_OK;
  }
  // Usable only with its batch given.
  static int best_index(sqlite3_vtab*, sqlite3_index_info* info) {
    constexpr int batch_column = static_cast<int>(max_columns);
    for (int i = 0; i < info->nConstraint; ++i) {
      const auto& constraint = info->aConstraint[i];
      if (constraint.iColumn != batch_column || constraint.op != SQLITE_INDEX_CONSTRAINT_EQ)
        continue;
      if (!constraint.usable) return SQLITE_CONSTRAINT;
      info->aConstraintUsage[i].argvIndex = 1;
      info->aConstraintUsage[i].omit = 1;
      info->estimatedCost = 1;
      return SQLITE_OK;
    }
    return SQLITE_CONSTRAINT;
  }
  static int open(sqlite3_vtab*, sqlite3_vtab_cursor** cursor) {
    auto* opened = new (std::nothrow) Cursor;
    if (!opened) return SQLITE_NOMEM;
    *cursor = &opened->base;
    return SQLITE_OK;
  }
  static int close(sqlite3_vtab_cursor* cursor) {
    delete &cursor_of(cursor);
    return SQLITE_OK;
  }
  static int filter(sqlite3_vtab_cursor* base, int, const char*, int argc, sqlite3_value** argv) {
    Cursor& cursor = cursor_of(base);
    cursor.batch =
        argc > 0 ? static_cast<const RowBatch*>(sqlite3_value_pointer(argv[0], pointer_type))
                 : nullptr;
    cursor.position = 0;
    cursor.settle();
    return SQLITE_OK;
  }
  static int next(sqlite3_vtab_cursor* base) {
    Cursor& cursor = cursor_of(base);
    ++cursor.position;
    cursor.settle();
    return SQLITE_OK;
  }
  static int eof(sqlite3_vtab_cursor* base) {
    const Cursor& cursor = cursor_of(base);
    return !cursor.batch || cursor.position >= cursor.batch->rows();
  }
  static int column(sqlite3_vtab_cursor* base, sqlite3_context* context, int index) {
    const Cursor& cursor = cursor_of(base);
    const auto at = static_cast<std::size_t>(index);
    if (at >= cursor.batch->columns_) {
      sqlite3_result_null(context);
      return SQLITE_OK;
    }
    const RowBatch& batch = *cursor.batch;
    const std::size_t start = cursor.cells[at];
    switch (batch.cells_[start]) {
      case integer_tag: {
        std::int64_t number = 0;
        std::memcpy(&number, batch.cells_.data() + start + 1, sizeof number);
        sqlite3_result_int64(context, number);
        break;
      }
      case text_tag:
        // The batch stays as it is until the statement is reset.
        sqlite3_result_text(context, batch.cells_.data() + start + 1 + sizeof(std::uint32_t),
                            static_cast<int>(batch.text_size(start)), SQLITE_STATIC);
        break;
      default:
        sqlite3_result_null(context);
    }
    return SQLITE_OK;
  }
  static int rowid(sqlite3_vtab_cursor* base, sqlite3_int64* id) {
    *id = static_cast<sqlite3_int64>(cursor_of(base).position);
    return SQLITE_OK;
  }

  static sqlite3_module module() {
    sqlite3_module module{};
    module.xConnect = connect;
    module.xBestIndex = best_index;
    module.xDisconnect = disconnect;
    module.xOpen = open;
    module.xClose = close;
    module.xFilter = filter;
    module.xNext = next;
    module.xEof = eof;
    module.xColumn = column;
    module.xRowid = rowid;
    return module;
  }
};

RowBatch::RowBatch(std::size_t columns) : columns_(columns) {
  if (columns == 0 || columns > max_columns)
    throw Error(fmt::format("a batch of rows has 1 to {} columns, not {}", max_columns, columns));
}

void RowBatch::start_cell() {
  if (added_ == 0) starts_.push_back(cells_.size());
  added_ = (added_ + 1) % columns_;
}

void RowBatch::add_null() {
  start_cell();
  cells_ += null_tag;
}

void RowBatch::add(std::int64_t number) {
  start_cell();
  cells_ += integer_tag;
  cells_.append(reinterpret_cast<const char*>(&number), sizeof number);
}

void RowBatch::add_text(std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max())
    throw Error("a text of 4 GB or more cannot be written");
  start_cell();
  const auto size = static_cast<std::uint32_t>(text.size());
  cells_ += text_tag;
  cells_.append(reinterpret_cast<const char*>(&size), sizeof size);
  cells_ += text;
}

void RowBatch::clear() {
  cells_.clear();
  starts_.clear();
  sorted_.clear();
  added_ = 0;
  order_ = Order::added;
}

std::uint32_t RowBatch::text_size(std::size_t at) const {
  std::uint32_t size = 0;
  std::memcpy(&size, cells_.data() + at + 1, sizeof size);
  return size;
}

std::size_t RowBatch::cell_size(std::size_t at) const {
  switch (cells_[at]) {
    case integer_tag:
      return 1 + sizeof(std::int64_t);
    case text_tag:
      return 1 + sizeof(std::uint32_t) + text_size(at);
    default:
      return 1;
  }
}

std::string_view RowBatch::key(std::size_t row) const {
  const std::size_t at = starts_[row];
  if (cells_[at] != text_tag) return {};
  return std::string_view(cells_).substr(at + 1 + sizeof(std::uint32_t), text_size(at));
}

void RowBatch::set_order(Order order) {
  order_ = order;
  if (order != Order::key || sorted_.size() == rows()) return;
  if (rows() > std::numeric_limits<std::uint32_t>::max()) throw Error("too many rows in a batch");
  sorted_.resize(rows());
  for (std::size_t i = 0; i < sorted_.size(); ++i) sorted_[i] = static_cast<std::uint32_t>(i);
  // A string_view compares as unsigned bytes (char_traits<char>), as BINARY does.
  std::sort(sorted_.begin(), sorted_.end(),
            [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
}

void RowBatch::bind(Statement& statement, int index) const {
  if (added_ != 0) throw Error("a batch of rows is read with a row half added");
  statement.bind_pointer(index, const_cast<RowBatch*>(this), pointer_type);
}

void RowBatch::enable(sqlite3* db) {
  static const sqlite3_module module = Table::module();
  const int rc = sqlite3_create_module(db, pointer_type, &module, nullptr);
  if (rc != SQLITE_OK)
    throw DatabaseError(rc, fmt::format("cannot make riskmap_rows known: {}", sqlite3_errstr(rc)));
}

}  // namespace riskmap
