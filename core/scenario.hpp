#pragma once
// Risk scenarios and their levels at the three stages (SPEC §2-§3). The level
// is always derived through the method's grid, never stored.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "entity.hpp"

namespace riskmap {

class RecordStore;

enum class Stage { inherent, current, residual };
constexpr std::array<Stage, 3> all_stages{Stage::inherent, Stage::current, Stage::residual};
std::string_view to_string(Stage stage);
Stage parse_stage(std::string_view text);  // throws ValueError
const Text& stage_label(Stage stage);
// How the documents of `method` name a stage: EBIOS RM calls the current
// stage the initial risk, in English too.
const Text& stage_label(Stage stage, const Method& method);

const EntityKind& scenario_kind();
const Vocabulary& treatments();
const Vocabulary& scenario_statuses();

// Positions of a scenario's likelihood and impact at a stage, when both are set.
struct Rating {
  int likelihood;
  int impact;
};
std::optional<Rating> rating_at(const Record& scenario, Stage stage);
// The risk level position at a stage, or nullopt when the stage is not rated.
std::optional<int> level_at(const Record& scenario, Stage stage, const Method& method);
// Every scenario of `scenarios` by level at `stage`: highest first
// (level_at through the grid of `method`), unrated last, natural ref order
// within a level; streamed, SQLite sorting, so that a long list is never
// held in memory (only the scenarios whose rating the study derives are,
// sorted apart and merged in).
void for_each_by_level(RecordStore& scenarios, Stage stage, const Method& method,
                       const std::function<void(Record&)>& visit);

}  // namespace riskmap
