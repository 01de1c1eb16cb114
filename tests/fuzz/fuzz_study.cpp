// The elementary actions of an operational scenario, as arbitrary CSV: an
// import either writes steps whose graph has no cycle and no antecedent in
// another operational scenario, or fails with riskmap's own errors; reading
// the operational scenarios then derives their likelihood, whatever the
// graph, without crashing, hanging or recursing without bound.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "asset.hpp"
#include "ebios.hpp"
#include "error.hpp"
#include "store.hpp"
#include "transfer.hpp"
#include "workspace.hpp"

namespace {

void import_text(riskmap::Workspace& ws, const riskmap::EntityKind& kind, const std::string& csv) {
  std::istringstream in(csv);
  riskmap::ImportOptions options;
  options.kind = &kind;
  options.format = riskmap::DataFormat::csv;
  options.source = "seed.csv";
  riskmap::import_records(ws, in, options);
}

riskmap::Workspace& workspace() {
  static std::unique_ptr<riskmap::Workspace> ws = [] {
    const auto dir =
        std::filesystem::temp_directory_path() / ("riskmap-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    auto made = riskmap::Workspace::create(dir, riskmap::InitOptions{});
    riskmap::Transaction transaction(made->db());
    import_text(*made, riskmap::asset_kind(), "ref,name,role\nA1,Valeur,primary\nA2,Serveur,supporting\n");
    import_text(*made, riskmap::origin_kind(), "ref,source\nSO1,Source\n");
    import_text(*made, riskmap::strategic_kind(), "ref,origin\nSS1,SO1\n");
    import_text(*made, riskmap::path_kind(), "ref,strategic\nCA1,SS1\n");
    import_text(*made, riskmap::operational_kind(), "ref,path\nOS1,CA1\nOS2,CA1\n");
    import_text(*made, riskmap::step_kind(),
                "ref,operational,phase,probability\nAE100,OS2,know,2\n");
    transaction.commit();
    return made;
  }();
  return *ws;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  riskmap::Workspace& ws = workspace();
  riskmap::Transaction transaction(ws.db());
  try {
    import_text(ws, riskmap::step_kind(),
                std::string(reinterpret_cast<const char*>(data), size));
    riskmap::RecordStore(ws, riskmap::operational_kind()).all();
  } catch (const riskmap::Error&) {
  }
  return 0;  // the transaction rolls back
}
