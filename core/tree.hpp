#pragma once
// The workspace as a tree of text files that git versions and merges:
// riskmap.toml, one TOML file per record (`assets/A1.toml`,
// `scenarios/R1.toml`... one folder per kind, named by its plural), and
// the statements of applicability (`soa/FRAMEWORK.toml`, one table per
// requirement decided). A field a line with a blank line between fields,
// so that git merges changes to two fields of one record. Only hand-set
// values are written: a derived value stays derived through a round trip.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diff.hpp"
#include "entity.hpp"
#include "problems.hpp"
#include "text.hpp"
#include "workspace.hpp"

namespace riskmap {

struct NaturalRefLess {
  bool operator()(const std::string& a, const std::string& b) const {
    const int c = natural_compare(a, b);
    return c != 0 ? c < 0 : a < b;
  }
};

struct TreeWriteCount {
  std::size_t written = 0, unchanged = 0, removed = 0;  // files
};

// Writes the tree into `dir` (created when missing). A file whose content
// is unchanged is left as it is; a record file of a record that is gone is
// removed; files riskmap does not write are left alone. Each folder's new
// files are moved into place together (Staging).
TreeWriteCount export_tree(Workspace& workspace, const std::filesystem::path& dir);

// One change apply makes: a record of a kind ("scenario"), or a decision of
// an SoA ("soa", ref FRAMEWORK:ID).
struct TreeChange {
  std::string kind, ref;
  ChangeKind change = ChangeKind::changed;
  std::vector<std::string> fields;  // changed fields (changed only)
};

// The records of a map, kind by kind (all_kinds() order), hand-set values
// only: a derived value is left unset. `origin` says where a record was
// read, for messages ("tree/scenarios/R1.toml"); empty for a database.
struct KindRecords {
  const EntityKind* kind = nullptr;
  std::map<std::string, Record, NaturalRefLess> records;
  std::map<std::string, std::string> origin;
};
using MapRecords = std::vector<KindRecords>;

// A workspace's records (its database as it is, derived values left out).
MapRecords read_records(Workspace& workspace);
// A tree's records, each read and checked against `method`, and every link
// checked to name a record of the tree; all the problems in one
// ContentError ("DIR: nothing applied"), file:line:column each.
MapRecords read_tree_records(const std::filesystem::path& dir, const Method& method);
// Makes the workspace's records equal to `records`, inside its write
// transaction: removed (last kinds first), then added and changed. A value
// or link the store refuses goes to `problems` (with the record's origin),
// and the caller writes nothing then. Returns the changes, removals first.
std::vector<TreeChange> write_records(Workspace& workspace, MapRecords records,
                                             Problems& problems);

// Makes the workspace's records and SoA decisions equal to the tree in
// `dir`, inside the workspace's write transaction: records added, changed
// and removed, decisions made, changed and cleared. Returns the changes,
// kinds in import order, refs in natural order; nothing is written when
// there are none. Every error of the tree (TOML, a value, a link to a
// record the tree does not hold) is reported as file:line:column, the
// first 20 then a count, in one ContentError, and nothing is written. The
// tree's riskmap.toml is not applied: the method and the mission stay the
// workspace's.
std::vector<TreeChange> apply_tree(Workspace& workspace, const std::filesystem::path& dir);

// A decision of a statement of applicability.
struct Decision {
  bool applicable = true;
  std::string justification;
  std::optional<long long> maturity;
  bool operator==(const Decision&) const = default;
};
// Every decision of a map, by requirement ref (FRAMEWORK:ID).
using SoaDecisions = std::map<std::string, Decision, NaturalRefLess>;
// A database's decisions.
SoaDecisions read_soa(Database& db);
// A tree's soa/*.toml files, read against the frameworks of `db`; each
// problem (file:line:column) goes to `problems`.
SoaDecisions read_tree_soa(Database& db, const std::filesystem::path& dir, Problems& problems);
// Makes `db`'s decisions equal to `wanted`; returns what changed ("soa").
std::vector<TreeChange> write_soa(Database& db, const SoaDecisions& wanted);

// Tree mode ([workspace] tree = true): the tree lives in the workspace's
// own folder. sync_tree writes it (inside the write transaction, before the
// COMMIT: if the COMMIT fails, the tree is ahead and apply brings it in) and
// records its digest; tree_is_current says whether the tree is still the
// one riskmap last wrote or applied (false after a git pull that changed it).
void sync_tree(Workspace& workspace);
bool tree_is_current(Workspace& workspace);

}  // namespace riskmap
