// riskmap.toml of arbitrary bytes (the mission, the method, [ecosystem],
// [review]): it is accepted or refused with a ContentError, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "error.hpp"
#include "workspace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    riskmap::read_config(std::string_view(reinterpret_cast<const char*>(data), size),
                         "riskmap.toml");
  } catch (const riskmap::Error&) {
  }
  return 0;
}
