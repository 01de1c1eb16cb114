#pragma once
// The bundled example mission (examples/caisse-sociale): a fictional national
// social security fund, compiled into the binary for `riskmap init --example`.
#include <string>

#include "snapshot.hpp"
#include "transfer.hpp"
#include "workspace.hpp"

namespace riskmap {

// The mission metadata of the example, on top of the user's options.
InitOptions example_init_options(InitOptions options);
// Imports the example's records into a new workspace (caller's transaction).
ImportResult load_example(Workspace& workspace);

// The snapshot holding the map the example's organisation kept before the
// mission, and the date it was handed over.
inline constexpr const char* example_original_name = "v0-client";
inline constexpr const char* example_original_date = "2026-09-01";

// The organisation's own map (cartographie-dsi-2026.csv), read through its
// mapping as `riskmap import --map` reads it, in a scratch database of its
// own, and frozen as snapshot v0-client of `workspace`: the live map is not
// touched, so this may run inside the transaction the example is loaded in.
// The snapshot is removed again when the object goes before keep(), so
// that a rejected init leaves nothing behind (nor a snapshots/ folder it
// made).
class ExampleOriginal {
 public:
  ExampleOriginal(Workspace& workspace, const std::string& author);
  ~ExampleOriginal();
  ExampleOriginal(const ExampleOriginal&) = delete;
  ExampleOriginal& operator=(const ExampleOriginal&) = delete;

  void keep() { kept_ = true; }
  const SnapshotInfo& info() const { return info_; }

 private:
  Workspace& workspace_;
  bool folder_made_ = false;
  bool kept_ = false;
  SnapshotInfo info_;
};

}  // namespace riskmap
