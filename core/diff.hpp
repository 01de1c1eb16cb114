#pragma once
// What changed in the scenarios between two states of the map (a snapshot
// and the live map, or two snapshots): scenarios added, removed, changed
// (which fields), and how their level moved at each stage.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scenario.hpp"
#include "workspace.hpp"

namespace riskmap {

enum class ChangeKind { added, removed, changed };
std::string_view to_string(ChangeKind kind);

// A level moves up or down by position on the level scale (both methods list
// levels low to high); it appears or disappears when a stage gains or loses
// its rating.
enum class Move { none, up, down, appeared, disappeared };
std::string_view to_string(Move move);  // "", "up", "down", "rated", "unrated"

struct ScenarioChange {
  std::string ref;
  ChangeKind kind = ChangeKind::changed;
  std::string title;                // as it is in TO, or in FROM when removed
  std::string former_title;         // as it was in FROM (changed only)
  std::vector<std::string> fields;  // changed fields, in the kind's order (changed only)
  std::array<std::optional<int>, 3> from{}, to{};  // level positions by stage
  std::array<Move, 3> moves{};                     // by stage (changed only)
};

// What a comparison of the scenarios counts.
struct ScenarioCounts {
  std::size_t added = 0, removed = 0, changed = 0, unchanged = 0;
  std::array<std::size_t, 3> up{}, down{};  // level moves by stage
  // Scenarios kept that gained, or lost, a rating at a stage.
  std::array<std::size_t, 3> rated{}, unrated{};
};

struct MapDiff : ScenarioCounts {
  std::vector<ScenarioChange> changes;  // in natural ref order
};

// A record of another kind that was added, removed or changed.
struct RecordChange {
  std::string ref;
  ChangeKind kind = ChangeKind::changed;
  std::vector<std::string> fields;  // changed fields, in the kind's order (changed only)
};
struct RecordCounts {
  std::size_t added = 0, removed = 0, changed = 0;
};
using RecordVisitor = std::function<void(const RecordChange&)>;

// Every comparison reads both sides in natural ref order, a record of each
// at a time, and pairs them by ref (natural_compare breaks its ties by
// bytes, so two refs pair only when equal): a change is handed to `visit`
// as soon as it is known, in natural ref order, and the counts come at the
// end. Neither side is held in memory, nor are the changes unless the
// caller keeps them.

// Compares the records of `kind` (hand-set and derived values alike, as
// users read them) of `from` with those of `to`.
RecordCounts diff_records(Workspace& from, Workspace& to, const EntityKind& kind,
                          const RecordVisitor& visit);

// Compares the statements of applicability of `from` and `to`: a row is a
// requirement ("FRAMEWORK:ID") with its decision (fields applicable,
// justification, maturity).
RecordCounts diff_soa(Workspace& from, Workspace& to, const RecordVisitor& visit);

// Compares the scenarios of `from` with those of `to`, each rated with its
// own method.
ScenarioCounts diff_scenarios(Workspace& from, Workspace& to,
                              const std::function<void(const ScenarioChange&)>& visit);
// The same, keeping the changes (never the scenarios left unchanged).
MapDiff diff_scenarios(Workspace& from, Workspace& to);

// What a state of the map holds, as a review of it counts.
struct MapContents {
  std::size_t scenarios = 0;
  std::size_t rated = 0;    // scenarios with a likelihood and an impact at the current stage
  std::size_t unowned = 0;  // scenarios without a risk owner
  std::size_t owners = 0;   // risk owners named, each once
  std::size_t assets = 0, controls = 0;
};
MapContents map_contents(Workspace& workspace);

// A map set against an earlier state of it (the organisation's own map, as
// received): what each held, and what became of the earlier scenarios. The
// refs pair scenarios, as diff_scenarios does, whose counts these are;
// nothing but counts is kept.
struct MapComparison {
  MapContents before, after;
  std::size_t kept = 0;  // scenarios in both
  // Of those kept, by their current level: raised, lowered, rated only
  // now, no longer rated, and at the same level (or unrated in both).
  std::size_t raised = 0, lowered = 0, now_rated = 0, no_longer_rated = 0, same_level = 0;
  std::size_t dropped = 0;  // in `before` only: removed, or merged into another
  std::size_t added = 0;    // in `after` only
};
MapComparison compare_maps(Workspace& before, Workspace& after);

}  // namespace riskmap
