#pragma once
// riskmap merge: another consultant's map brought into this one, three-way,
// against the map both started from (the base). A change made on one side
// only is taken; a record both sides changed is merged field by field, a
// list item by item; a field both changed differently is a conflict, and
// nothing is written while one is left unresolved. A record both sides
// created under one ref with different content keeps its ref here and gets
// a new one on the incoming side, every reference to it rewritten.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "snapshot.hpp"
#include "tree.hpp"
#include "workspace.hpp"

namespace riskmap {

// A map merge reads: another workspace's folder, a tree of export --tree,
// a snapshot file, or the name of one of this workspace's snapshots.
struct MapSource {
  std::string name;  // as given
  MapRecords records;
  SoaDecisions soa;
  std::optional<std::filesystem::path> snapshots;  // its snapshots folder (a workspace's)
  std::unique_ptr<Workspace> workspace;            // kept open while read
  std::unique_ptr<SnapshotView> snapshot;
};

// Reads `where` (see MapSource); its method must be the live workspace's.
// Throws Error naming `option` ("OTHER", "--base") when it is none of them.
MapSource read_map_source(Workspace& live, const std::string& where,
                          std::string_view option);

// The newest snapshot of this workspace whose records equal those of a
// snapshot of `other` (a workspace with a snapshots folder): the map both
// started from. Throws Error saying to name one with --base when none is.
MapSource find_shared_base(Workspace& live, const MapSource& other);

enum class Side { ours, theirs };

// How conflicts are settled: every one to a side, or by field ("owner"),
// by record ("R7") or by record and field ("R7.owner").
struct MergeChoices {
  std::optional<Side> all;
  struct Prefer {
    std::string ref, field;  // either may be empty (any)
    Side side = Side::ours;
    bool used = false;
  };
  std::vector<Prefer> prefer;
};

// Parses --prefer's SPEC=ours|theirs; throws ValueError.
MergeChoices::Prefer parse_prefer(std::string_view text);

struct MergeConflict {
  std::string kind, ref, field;  // field empty: the record itself (removed on one side)
  std::string ours, theirs, base;  // as shown; "—" for nothing, "(removed)" for a removed record
  std::optional<Side> settled;     // by a choice
};

struct MergeRename {
  std::string kind, from, to;
  std::size_t references = 0;  // rewritten in the incoming records
};

struct MergeResult {
  std::vector<TreeChange> changes;  // what the merge writes here
  std::vector<MergeConflict> conflicts;  // every one, settled or not
  std::vector<MergeRename> renames;
  std::size_t taken = 0;  // fields or records taken from the incoming side
  bool unsettled() const;
};

// Merges `theirs` into the live workspace against `base`, inside its write
// transaction: the records, then the decisions of the statements of
// applicability, requirement by requirement, field by field. Writes nothing when a conflict is left unsettled (the result
// lists them) or a merged record is refused (ContentError).
MergeResult merge_maps(Workspace& live, const MapSource& base, MapSource theirs,
                       MergeChoices& choices, Lang lang);

}  // namespace riskmap
