#pragma once
// The figures of the EBIOS RM study dossier, as SVG documents: the ecosystem
// radar (workshop 3), the graph of a strategic scenario (workshop 3) and the
// attack sequence of an operational scenario (workshop 4). They are drawn
// from plain values, so that they read no database; the same values always
// give the same bytes. User text is escaped, and shortened with "…" where it
// would not fit its place.
#include <optional>
#include <string>
#include <vector>

#include "method.hpp"       // Lang, Text
#include "stakeholder.hpp"  // ZoneThresholds, zone_of, zones(), stakeholder_categories()

namespace riskmap {

// --- The ecosystem radar -------------------------------------------------------

struct RadarStakeholder {
  std::string ref, name;
  std::string category;  // id of stakeholder_categories(); any other id counts as "other"
  double threat = 0;     // (dependency × penetration) / (maturity × trust)
  int exposure = 0;      // dependency × penetration, 1..16
  int reliability = 0;   // maturity × trust, 1..16
  bool critical = false;
};

// The ecosystem radar as the EBIOS RM method draws it: one sector per
// stakeholder category present (in the vocabulary's order, labelled in lang),
// a dot per stakeholder placed at a distance from the centre that grows as
// the threat decreases (the most threatening near the centre: the danger zone
// is the inner disc, then the control and watch rings, outside on the rim),
// with rings at the zone thresholds (each zone named with its range). Within
// a zone the distance follows the threat on a logarithmic scale; threats
// beyond the scale (1/16 to 16, or the thresholds when they lie further) are
// clamped to its ends. Dot size tells the exposure, dot colour the
// reliability (four bands); critical stakeholders have a thick outline and
// their ref in bold. Dots in a sector spread so that neither they nor their
// refs overlap (the same input gives the same places). A legend explains
// distance, size and colour, and a key gives each ref's name.
std::string ecosystem_radar_svg(const std::vector<RadarStakeholder>& stakeholders,
                                const ZoneThresholds& zones, Lang lang, const std::string& title);

// --- The graph of a strategic scenario -------------------------------------------

struct GraphNode {
  std::string ref, label;  // label: short text shown under the ref
};
struct StrategicPath {
  std::string ref;                      // "CA1"
  std::vector<GraphNode> stakeholders;  // in order; empty = direct attack
  bool retained = true;
};
struct StrategicGraph {
  std::string ref, title;  // "SS1", its title
  GraphNode origin;        // the risk origin / target objective couple
  std::vector<StrategicPath> paths;
  std::vector<GraphNode> feared_events;  // ER…, label = feared event text
  // The business values the feared events bear on: the first is
  // `business_value`, any further ones are `other_business_values`.
  GraphNode business_value;
  std::vector<GraphNode> other_business_values;
  std::string gravity;  // e.g. "G4 Critique", shown on the target side
};

// The risk origin (left) → the stakeholders of each path (middle columns, one
// row per path; a direct path goes straight across) → the feared events with
// the business values and the gravity (right); arrows, the path's ref on its
// first arrow; unretained paths dashed and grey.
std::string strategic_graph_svg(const StrategicGraph& graph, Lang lang);

// --- The attack sequence of an operational scenario -----------------------------

struct AttackStep {
  std::string ref, label;  // "AE1", its description (wrapped on three lines, "…" beyond)
  int phase = 0;           // 0 know, 1 enter, 2 find, 3 exploit; out of range: the nearest phase
  std::vector<std::string> after;  // antecedent refs; refs of no step are left out
  bool all = false;                // true: AND between antecedents, false: OR
  int probability = 0;             // own success probability 1..4 ("Pr 3"); 0: not shown
  std::optional<int> difficulty;   // shown when set ("Diff 2")
  int cumulative = 0;              // cumulative probability, shown small; 0: not shown
};

// The attack sequence of one operational scenario: four headed columns for the
// four phases (know, enter, find, exploit), each step a box in its phase's
// column, placed level with its antecedents where it can; an arrow from each
// antecedent to the step, and where a step has two antecedents or more the
// arrows meet at an "ET"/"AND" or "OU"/"OR" badge. `title` e.g. "OS1 — …",
// `likelihood` e.g. "V3 Très vraisemblable", shown under the title.
std::string attack_sequence_svg(const std::string& title, const std::string& likelihood,
                                const std::vector<AttackStep>& steps, Lang lang);

}  // namespace riskmap
