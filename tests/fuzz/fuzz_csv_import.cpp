// A scenario import of arbitrary bytes: it must either import or fail with
// riskmap's own errors, never crash, hang or leak; nothing is kept between
// inputs (each runs in a transaction that rolls back).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "error.hpp"
#include "scenario.hpp"
#include "transfer.hpp"
#include "workspace.hpp"

namespace {

riskmap::Workspace& workspace() {
  static std::unique_ptr<riskmap::Workspace> ws = [] {
    const auto dir =
        std::filesystem::temp_directory_path() / ("riskmap-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    return riskmap::Workspace::create(dir, riskmap::InitOptions{});
  }();
  return *ws;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  riskmap::Workspace& ws = workspace();
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  riskmap::ImportOptions options;
  options.kind = &riskmap::scenario_kind();
  options.format = riskmap::DataFormat::csv;
  options.source = "fuzz.csv";
  riskmap::Transaction transaction(ws.db());
  try {
    riskmap::import_records(ws, in, options);
  } catch (const riskmap::Error&) {
  }
  return 0;  // the transaction rolls back
}
