#pragma once
// Where the map stands against the frameworks the workspace holds: which
// are assessed, which the map is aligned with, and their requirements
// counted by compliance, per chapter and in all. Derived, never stored.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "db.hpp"
#include "framework.hpp"
#include "workspace.hpp"

namespace riskmap {

// Requirements counted by where they stand. Applicable is every requirement
// the statement of applicability does not exclude, undecided ones included;
// covered + partly + planned + uncovered = applicable.
struct ComplianceCounts {
  std::size_t requirements = 0, applicable = 0, not_applicable = 0, undecided = 0;
  std::size_t covered = 0, partly = 0, planned = 0, uncovered = 0;
  // Maturity scores recorded on the applicable requirements.
  long long maturity_total = 0;
  std::size_t maturity_scored = 0;

  void add(const SoaRow& row);
};

// The requirements grouped under one heading (heading_of).
struct ChapterStanding {
  std::string heading;            // empty for requirements without one
  std::vector<std::size_t> rows;  // indices in FrameworkStanding::rows, catalog order
  ComplianceCounts counts;
};

struct FrameworkStanding {
  FrameworkInfo info;
  // Assessed: a requirement has a decision in the statement of
  // applicability, or a control cites one, directly or through a mapping.
  bool assessed = false;
  std::vector<SoaRow> rows;               // catalog order
  std::vector<ChapterStanding> chapters;  // in the order of their first requirement
  ComplianceCounts counts;
};

// Every framework the workspace holds, by id; each table read once per framework.
std::vector<FrameworkStanding> framework_standings(Database& db);

// The frameworks the map is aligned with: the `declared` ones ([mission]
// referentials, in their order) when there are any, else the assessed ones.
// A declared id the workspace does not hold is a ContentError at its place
// in riskmap.toml, listing the ids it holds (`holder` names what holds
// them: "the workspace", "snapshot 'before'").
std::vector<const FrameworkStanding*> referentials(const std::vector<FrameworkStanding>& standings,
                                                   std::span<const DeclaredReferential> declared,
                                                   std::string_view holder);

// The frameworks the compliance deliverables detail: the referentials, then
// the other assessed frameworks by id.
std::vector<const FrameworkStanding*> frameworks_in_force(
    const std::vector<FrameworkStanding>& standings,
    std::span<const FrameworkStanding* const> referentials);

}  // namespace riskmap
