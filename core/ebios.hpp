#pragma once
// The records of an EBIOS Risk Manager study (SPEC §2, §4 "EBIOS RM study"):
// feared events (workshop 1), risk origin / target objective couples
// (workshop 2), strategic scenarios and their attack paths (workshop 3),
// operational scenarios and their elementary actions (workshop 4). The
// scenarios of the map (workshop 5) name their operational scenario.
#include "entity.hpp"

namespace riskmap {

const EntityKind& feared_event_kind();  // ER1…
const EntityKind& origin_kind();        // SO1…: an SR/OV couple
const EntityKind& strategic_kind();     // SS1…
const EntityKind& path_kind();          // CA1…: an attack path of a strategic scenario
const EntityKind& operational_kind();   // OS1…
const EntityKind& step_kind();          // AE1…: an elementary action

const Vocabulary& yes_no();
const Vocabulary& impact_types();         // missions, people, property, environment, …
const Vocabulary& origin_categories();    // state-sponsored, organised-crime, …
const Vocabulary& attack_phases();        // know, enter, find, exploit
const Vocabulary& joins();                // and, or

// Whether a record's choice field says "yes" (retained, critical); an unset
// one counts as `otherwise`.
bool is_yes(const Value& value, bool otherwise = true);

}  // namespace riskmap
