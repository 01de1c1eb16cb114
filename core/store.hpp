#pragma once
// Storage of the records of one kind: a table named after the kind, keyed
// by ref, with one column per field; a list is a JSON array of strings
// (NULL when empty), sorted as it is shown. The view "<kind>_<field>"
// (ref, value) lists its items for SQL readers. Statements are prepared
// once per store.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db.hpp"
#include "entity.hpp"
#include "method_store.hpp"
#include "record_batches.hpp"
#include "undo.hpp"
#include "workspace.hpp"

namespace riskmap {

class RecordStore {
 public:
  // Records are read and written against the workspace's method in force:
  // every value read is checked (a step on its scale, a choice in its
  // vocabulary, a date a date...), and one that riskmap could not have
  // written is a ContentError naming the record and the field.
  // Derivable fields not set by hand get their derived value on reading
  // (Record::derived), unless `derive` is false: then a record is what its
  // row holds, as an export writes it.
  RecordStore(Workspace& workspace, const EntityKind& kind, bool derive = true);
  ~RecordStore();
  RecordStore(const RecordStore&) = delete;
  RecordStore& operator=(const RecordStore&) = delete;

  const EntityKind& kind() const { return kind_; }
  // Derives with `deriver` instead of making the kind's own on the first
  // read: for a reader that has already read what the derivation needs.
  void set_deriver(Deriver deriver) { deriver_ = std::move(deriver); }

  bool exists(std::string_view ref);
  std::optional<Record> find(std::string_view ref);
  // Like find, but an unknown ref is an UnknownRef error with a "did you mean".
  Record get(std::string_view ref);
  // Every record, in natural ref order, one at a time; `visit` may keep
  // (move from) the record it is given.
  void for_each(const std::function<void(Record&)>& visit);
  // Every record, in natural ref order, at once: faster than for_each for
  // a caller that keeps them all anyway.
  std::vector<Record> all();
  // Like for_each, in key (byte) order: R10 before R2. For callers to which
  // the order makes no difference; no sort to run.
  void for_each_by_key(const std::function<void(Record&)>& visit) { scan(true, visit); }
  // Every record for which the SQL condition `where` holds (all when it is
  // empty), in the order of `order_by`, an SQL ORDER BY over the kind's
  // columns, one at a time: SQLite sorts, and spills to a temporary file
  // what does not fit its cache, so no caller holds every record.
  void for_each_ordered(std::string_view where, std::string_view order_by,
                        const std::function<void(Record&)>& visit);
  std::vector<std::string> refs();

  // Every record in natural ref order, checked and derived as for_each
  // gives them, pulled one at a time: a caller steps through two stores in
  // turn (a merge-join of two workspaces) and holds one record of each.
  // Each cursor runs a statement of its own, whose sort SQLite spills to a
  // temporary file past its cache. The store must outlive its cursors.
  class Cursor {
   public:
    // Reads the next record into `record`, reusing its storage; false once
    // every record has been read.
    bool next(Record& record);

   private:
    friend class RecordStore;
    Cursor(RecordStore& store, Statement rows) : store_(&store), rows_(std::move(rows)) {}
    RecordStore* store_;
    Statement rows_;
    bool done_ = false;
  };
  Cursor cursor();

  // Checks the record and writes it. Throws ValueError for a value that is
  // not allowed, UnknownRef for a link to no record, Conflict for a ref in use.
  void insert(Record record);
  void update(Record record);
  // Refs of other records that name this one, e.g. "scenario R1 (assets)".
  std::vector<std::string> referrers(std::string_view ref);
  // Also takes the ref out of the lists of the records that name it. Many
  // refs at once cost one scan of each kind naming them, as one ref does;
  // an unknown ref among them throws UnknownRef before any is removed.
  void remove(std::string_view ref);
  void remove(const std::vector<std::string>& refs);
  // The next free generated ref: prefix + (highest number in use + 1). The
  // highest number is read once per store, then kept up to date by insert.
  std::string next_ref();

  // An error for an unknown ref of this kind, with a suggestion.
  UnknownRef unknown(std::string_view ref);
  // Refs named in list fields that are checked once all rows are written
  // (an import may name a record defined further down the file). Set for
  // imports only: a link target found once is then not looked up again.
  void set_deferred_links(bool deferred) { defer_links_ = deferred; }
  // An import's writes: the records it adds are kept for undo through
  // `added` instead of the table's trigger, and held in batches
  // (record_batches.hpp), each written at once, in key order, while the
  // next fills; what is held is written before this store reads or changes
  // the table otherwise, so that it reads as if each record had been
  // written at once. A kind whose checks read its own table (check_links)
  // writes each record at once. flush() writes everything held; a store
  // destroyed with records held drops them. Other writers of the
  // connection wait for flush() (the import flushes before it creates an
  // asset or a control a row names).
  void set_bulk(AddedRows* added, std::size_t batch_bytes = RecordBatches::batch_bytes);
  void flush();
  // Where the record being written comes from ("file:line"), kept with its
  // deferred links for messages.
  void set_origin(std::string origin) { origin_ = std::move(origin); }
  struct PendingLink {
    std::string ref, field, value, origin;
  };
  // Checks the links set aside while deferred; returns "origin: why" for each that fails.
  std::vector<std::string> check_deferred_links();

 private:
  struct Statements;
  // Holds a checked record in the batch.
  void hold(Record& record);
  // Waits for a batch being written, if any: before this store uses the
  // connection. Throws what the write threw.
  void settle();
  // Every record, in key (byte) order if `keyed`, else in natural ref order.
  void scan(bool keyed, const std::function<void(Record&)>& visit);
  void check(Record& record);
  std::optional<std::int64_t> generated_number(std::string_view ref) const;
  // What generated refs start with: "R", or "R-YB-" with a personal prefix.
  std::string generated_prefix_;
  std::string check_link(const Field& field, const std::string& value);

  void derive(Record& record);

  Workspace& workspace_;
  Database& db_;
  const EntityKind& kind_;
  bool derive_ = true;
  Deriver deriver_;  // made on the first read
  const Method& method_;
  BulkRatings* bulk_ = nullptr;  // the workspace's, during an import
  AddedRows* added_ = nullptr;              // set_bulk
  std::unique_ptr<RecordBatches> batches_;  // set_bulk, unless checks read the kind's table
  std::unique_ptr<Statements> sql_;
  bool defer_links_ = false;
  std::optional<std::int64_t> highest_number_;  // of refs written prefix + digits
  std::string origin_;
  std::vector<PendingLink> pending_;
};

// For readers that select some fields themselves: the checks RecordStore
// makes of every ref and value it reads. A value is read from column
// `column` of `row` into `value` (reusing its storage), for field `index`.
void check_stored_ref(const Database& db, const EntityKind& kind, std::string_view ref);
void read_checked_value(const Database& db, const EntityKind& kind, const Method& method,
                        std::string_view ref, std::size_t index, Statement& row, int column,
                        Value& value);

}  // namespace riskmap
