#pragma once
// Changing a workspace's method (`riskmap method apply`): stored ratings are
// positions, kept as they are unless a remap moves them; a rating that would
// fall off the new scales makes the change fail, listing the records.
#include <string>
#include <vector>

#include "entity.hpp"
#include "workspace.hpp"

namespace riskmap {

struct Remap {
  Axis axis;
  int from;  // position on the old scale
  int to;    // position on the new scale
};

// Reads "OLD=NEW" (or "likelihood:OLD=NEW", "impact:OLD=NEW", "level:OLD=NEW"
// where an id is on several scales); OLD on the old method, NEW on the new. Throws ValueError.
std::vector<Remap> parse_remaps(const Method& from, const Method& to,
                                const std::vector<std::string>& specs);

struct MethodChange {
  std::size_t remapped = 0;          // ratings moved by a remap
  std::vector<std::string> records;  // refs of the records changed
};

// Runs in the workspace's write transaction (Intent::method); riskmap.toml
// is rewritten by Workspace::commit(), after the COMMIT.
MethodChange apply_method(Workspace& workspace, const Method& target,
                          const std::vector<Remap>& remaps);

}  // namespace riskmap
