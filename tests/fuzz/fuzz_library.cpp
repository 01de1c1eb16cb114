// A YAML library of arbitrary bytes given to `framework import`: it must
// import or fail with riskmap's own errors, never crash, hang or leak;
// nothing is kept between inputs (each runs in a transaction that rolls back).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "error.hpp"
#include "library_import.hpp"
#include "workspace.hpp"

namespace {

riskmap::Workspace& workspace() {
  static std::unique_ptr<riskmap::Workspace> ws = [] {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("riskmap-fuzz-library-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    return riskmap::Workspace::create(dir, riskmap::InitOptions{});
  }();
  return *ws;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  riskmap::Workspace& ws = workspace();
  riskmap::LibraryImportOptions options;
  options.file = "fuzz.yaml";
  options.language = size % 2 ? riskmap::Lang::fr : riskmap::Lang::en;
  riskmap::Transaction transaction(ws.db());
  try {
    riskmap::import_library(ws.db(), std::string(reinterpret_cast<const char*>(data), size),
                            options);
  } catch (const riskmap::Error&) {
  }
  return 0;  // the transaction rolls back
}
