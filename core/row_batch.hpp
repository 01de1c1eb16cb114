#pragma once
// Rows held in memory that SQL reads as a table, riskmap_rows(?): one
// INSERT ... SELECT writes thousands of them, where a statement per row
// would cost a statement's run each. Cells are packed one after another in
// one buffer (an integer, a text or NULL), so a batch takes about the size
// of its values.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"

namespace riskmap {

class RowBatch {
 public:
  // The most columns a row may have.
  static constexpr std::size_t max_columns = 128;

  explicit RowBatch(std::size_t columns);

  // A row is `columns` cells added in turn; its first cell is its key, a text.
  void add_null();
  void add(std::int64_t number);
  void add_text(std::string_view text);

  std::size_t rows() const { return starts_.size(); }
  std::size_t bytes() const { return cells_.size(); }
  bool empty() const { return starts_.empty(); }
  // Keeps the memory, for the next rows.
  void clear();

  // The order SQL reads the rows in: as they were added, or by key (bytes,
  // as SQLite's BINARY collation orders them), the order in which a table
  // keyed by it is written page after page.
  enum class Order { added, key };
  void set_order(Order order);

  // Binds the batch to parameter `index` of a statement reading
  // riskmap_rows(?index): columns c0, c1, ... of its rows (NULL past the
  // batch's columns). The batch must not change until the statement is reset.
  void bind(Statement& statement, int index) const;

  // Makes riskmap_rows known to a connection (Database does it on opening).
  static void enable(sqlite3* db);

 private:
  struct Table;  // the virtual table reading a batch

  // A cell: a tag byte, then 8 bytes of integer, or 4 bytes of length and
  // the text.
  enum Tag : char { null_tag = 'n', integer_tag = 'i', text_tag = 't' };
  void start_cell();
  std::size_t cell_size(std::size_t at) const;
  std::uint32_t text_size(std::size_t at) const;
  std::string_view key(std::size_t row) const;

  std::size_t columns_;
  std::string cells_;
  std::vector<std::size_t> starts_;    // where each row starts
  std::size_t added_ = 0;              // cells of the row being added
  std::vector<std::uint32_t> sorted_;  // rows by key, for Order::key
  Order order_ = Order::added;
};

}  // namespace riskmap
