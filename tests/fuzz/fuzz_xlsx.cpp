// A scenario import of arbitrary bytes read as an XLSX workbook, through
// minizip's memory IO: it must either import or fail with riskmap's own
// errors, never crash, hang or leak; nothing is kept between inputs (each
// runs in a transaction that rolls back). The first sheet is read as
// riskmap's own header, then every sheet from its second row on.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "error.hpp"
#include "scenario.hpp"
#include "transfer.hpp"
#include "workspace.hpp"
#include "xlsx.hpp"
#include "zip.hpp"

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
  try {
    const auto book = riskmap::xlsx::Workbook::open(riskmap::zip::Archive::open_bytes(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz.xlsx"));
    riskmap::ImportOptions options;
    options.kind = &riskmap::scenario_kind();
    options.source = "fuzz.xlsx";
    for (std::size_t sheet = 0; sheet < book.sheet_names().size() && sheet < 4; ++sheet) {
      options.sheet = sheet;
      options.header_row = sheet == 0 ? 0 : 2;
      riskmap::Transaction transaction(ws.db());
      try {
        riskmap::import_workbook(ws, book, options);
      } catch (const riskmap::Error&) {
      }
    }  // the transaction rolls back
  } catch (const riskmap::Error&) {
  }
  return 0;
}
