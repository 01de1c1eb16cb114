#pragma once
// What an EBIOS RM study derives (SPEC §3, §4): read once from the
// workspace, then looked up record by record. Each derivable field's column
// holds the hand-set value or nothing; these derivers give the others.
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ebios_rules.hpp"
#include "entity.hpp"

namespace riskmap {

struct StudyFacts {
  // Business value -> the highest gravity of its retained feared events,
  // per criterion C, I, A, T (0: none).
  std::map<std::string, std::array<std::int64_t, 4>, std::less<>> needs;
  std::map<std::string, std::int64_t, std::less<>> feared_gravity;       // as set
  std::map<std::string, std::int64_t, std::less<>> strategic_gravity;    // effective
  std::map<std::string, std::string, std::less<>> path_strategic;        // CA -> SS
  std::map<std::string, std::string, std::less<>> operational_path;      // OS -> CA
  // Effective likelihood of each operational scenario, on the method's scale.
  std::map<std::string, std::int64_t, std::less<>> operational_likelihood;
  // The derivation of those derived from their steps, or why it failed.
  std::map<std::string, ebios::OperationalLikelihood, std::less<>> derivations;
  std::map<std::string, std::string, std::less<>> derivation_problems;

  // A scenario naming `operational`: its strategic gravity and likelihood.
  std::optional<std::int64_t> gravity_of_operational(std::string_view operational) const;
};
// The records read_study_facts reads, as their rows hold them (nothing
// derived): for a reader that needs them as well as the facts (the
// review), so that each table is read once.
struct StudyRecords {
  std::vector<Record> feared_events, strategic, paths, operational, steps;
};
StudyFacts read_study_facts(Workspace& workspace, StudyRecords* records = nullptr);

// Whether the workspace holds any record of an EBIOS RM study.
bool holds_study(Workspace& workspace);

// The steps of an operational scenario as the rules read them.
std::vector<ebios::ElementaryAction> elementary_actions(const std::vector<Record>& steps);

Deriver asset_deriver(Workspace& workspace);        // security needs
Deriver stakeholder_deriver(Workspace& workspace);  // residual criteria, critical
Deriver origin_deriver(Workspace& workspace);       // pertinence
Deriver strategic_deriver(Workspace& workspace);    // gravity
Deriver operational_deriver(Workspace& workspace);  // likelihood
Deriver scenario_deriver(Workspace& workspace);     // current impact and likelihood
// The same, from facts already read, for a reader that needs them too.
Deriver asset_deriver_from(std::shared_ptr<const StudyFacts> facts);
Deriver scenario_deriver_from(std::shared_ptr<const StudyFacts> facts);
// A step's antecedents are steps of its own operational scenario, without a cycle.
void check_step_links(Workspace& workspace, const Record& step);

}  // namespace riskmap
