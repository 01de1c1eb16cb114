#pragma once
// The bundled example mission (examples/caisse-sociale): a fictional national
// social security fund, compiled into the binary for `riskmap init --example`.
#include "transfer.hpp"
#include "workspace.hpp"

namespace riskmap {

// The mission metadata of the example, on top of the user's options.
InitOptions example_init_options(InitOptions options);
// Imports the example's records into a new workspace (caller's transaction).
ImportResult load_example(Workspace& workspace);

}  // namespace riskmap
