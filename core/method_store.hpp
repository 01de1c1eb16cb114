#pragma once
// The method in force is held by the database (table `setting`), beside the
// bounds of the ratings stored against it (table `rating_bounds`, kept up to
// date by triggers, whoever writes). riskmap.toml is the file people edit;
// the database says which method the stored ratings were made with, and
// changes it only inside a writing transaction.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"
#include "entity.hpp"
#include "method.hpp"

namespace riskmap {

// A short, stable fingerprint of a method's TOML text (16 hex digits).
std::string method_hash(std::string_view method_toml);

struct StoredMethod {
  std::string toml;      // method_to_toml of the method in force
  std::string replaced;  // method_hash of the method the last change replaced, or ""
  // Which riskmap.toml the last change found (file_stamp): the same file,
  // untouched since, holding the replaced method, is one the change could
  // not rewrite; any other is an edit.
  std::string replaced_file;
};

// The method in force; none in a database that never recorded one (made
// before riskmap kept it there).
std::optional<StoredMethod> read_stored_method(Database& db);
// Records `method` as the one in force, replacing the method whose TOML
// text is `replaced_toml` ("" for none), which riskmap.toml held as
// `replaced_file` (its file_stamp). In the caller's write transaction.
void store_method(Database& db, const Method& method, std::string_view replaced_toml,
                  std::string_view replaced_file = {});

// What tells one version of a file from another without reading it: its
// inode, size and modification time to the nanosecond; "" if it is missing.
std::string file_stamp(const std::filesystem::path& path);

// Constant time: whether every rating ever written lies on `method`'s
// scales, as the bounds say. False may mean stale bounds (a rating since
// removed): ratings_off_scale then says for sure.
bool bounds_fit(Database& db, const Method& method);

// Every stored rating that is not a position on `method`'s scales (off the
// end, zero, negative, not a whole number). One scan per kind.
struct OffScale {
  // "scenario R2: current_likelihood at position 5 (V4)": the first `limit`.
  std::vector<std::string> lines;
  std::size_t count = 0;  // all of them
  // The whole-number positions off the scales, by scale.
  std::set<std::pair<Axis, std::int64_t>> positions;
};
// Remaps that would place every whole-number rating of `off` (each on the
// last step of its new scale), as --remap options naming the steps of
// `from`: "--remap likelihood:V4=P3 --remap impact:G4=I3"; "" if none can.
std::string suggested_remaps(const OffScale& off, const Method& from, const Method& to);
OffScale ratings_off_scale(Database& db, const Method& method, const Method* described_by = nullptr,
                           std::size_t limit = 20);

// Sets the bounds to the lowest and highest ratings stored: one scan per
// kind. In the caller's write transaction.
void recompute_rating_bounds(Database& db);

// Ratings written in bulk (an import): the triggers that keep the bounds
// are set aside for the caller's transaction, and the writer tells the
// ratings it writes instead; finish() widens the bounds and puts the
// triggers back. A trigger call per row costs a third of a large import.
// Left unfinished, the transaction must be rolled back (it is, on failure).
class BulkRatings {
 public:
  explicit BulkRatings(Database& db);
  BulkRatings(const BulkRatings&) = delete;
  BulkRatings& operator=(const BulkRatings&) = delete;
  ~BulkRatings();

  // A record of `kind` as written.
  void add(const EntityKind& kind, const Record& record);
  void finish();

 private:
  struct Group;
  Database& db_;
  std::vector<std::string> triggers_;  // their CREATE statements
  std::vector<Group> groups_;
  bool finished_ = false;
};

}  // namespace riskmap
