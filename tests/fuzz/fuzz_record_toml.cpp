// The TOML of `KIND edit`, as a person may save it: arbitrary bytes are read
// back as a record of each kind or refused with a ContentError, never a
// crash; a record read back writes out as TOML that reads back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "error.hpp"
#include "kinds.hpp"
#include "record_toml.hpp"
#include "workspace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const riskmap::Method method = riskmap::load_method("ebios-rm");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const riskmap::EntityKind* kind : riskmap::all_kinds()) {
    try {
      const riskmap::Record record = riskmap::record_from_toml(*kind, "X1", text, "X1.toml", method);
      const std::string again =
          riskmap::record_to_toml(*kind, record, method, riskmap::Lang::fr, "header");
      const riskmap::Record back = riskmap::record_from_toml(*kind, "X1", again, "X1.toml", method);
      if (back.values != record.values) std::abort();
    } catch (const riskmap::ContentError&) {
    }
  }
  return 0;
}
