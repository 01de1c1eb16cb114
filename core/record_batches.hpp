#pragma once
// The records an import adds to one kind's table, held in batches that are
// written together (RecordStore::set_bulk). A batch is written in key
// order, so that a large import fills the table's pages one after another
// instead of all over it, by one INSERT ... SELECT (not a statement per
// record), on a thread of its own while the next batch fills: the
// connection is then that thread's alone until settle() has waited for it.
// The rows are kept for undo through AddedRows, in the order they were held.
#include <cstddef>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string_view>

#include "db.hpp"
#include "entity.hpp"
#include "row_batch.hpp"
#include "undo.hpp"

namespace riskmap {

class RecordBatches {
 public:
  // Some 16 MB of records a batch: enough that it covers a wide stretch of
  // the table's keys, little enough to leave an import's memory flat.
  static constexpr std::size_t batch_bytes = std::size_t{16} << 20;

  // Writes `kind`'s table; `bytes` a batch (tests take small ones).
  RecordBatches(Database& db, const EntityKind& kind, AddedRows& added,
                std::size_t bytes = batch_bytes);
  RecordBatches(const RecordBatches&) = delete;
  RecordBatches& operator=(const RecordBatches&) = delete;
  ~RecordBatches();  // waits for the write under way; drops what is held

  // The batch filling: a row is the ref, then each field as the table
  // stores it. held() follows each row added.
  RowBatch& rows() { return *filling_; }
  void held(std::string_view ref);

  // Whether the batch filling may hold `ref` (a ref held twice, or rarely
  // another): the table answers once flush() has written it.
  bool may_hold(std::string_view ref) const;
  // Whether `ref` is certainly in neither the table nor a batch: the table
  // held no record when the batches began and `ref` was not held since.
  bool is_new(std::string_view ref) const;

  // Starts writing the batch filling, once the write under way has ended.
  void write();
  // Waits for the write under way: before anything else uses the
  // connection. Throws what the write threw.
  void settle();
  // Writes everything held, and waits.
  void flush() {
    write();
    settle();
  }

 private:
  class Filter;
  // Writes the batch `writing_` holds, and keeps its rows for undo.
  void write_batch();

  AddedRows& added_;
  std::size_t bytes_;
  Statement insert_;  // the rows of a batch, into the table
  std::unique_ptr<RowBatch> filling_, writing_;
  std::future<void> write_;
  std::unique_ptr<Filter> holds_;  // the refs of the batch filling
  std::unique_ptr<Filter> held_;   // every ref held, when the table began empty
};

}  // namespace riskmap
