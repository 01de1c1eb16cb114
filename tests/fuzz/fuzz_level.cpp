// A step or level as a user types it (position, id, label in either
// language, any case or accents), on every built-in method's scales.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "error.hpp"
#include "method.hpp"
#include "workspace.hpp"

namespace {

const std::vector<riskmap::Method>& methods() {
  static const std::vector<riskmap::Method> all = [] {
    std::vector<riskmap::Method> out;
    for (const auto& name : riskmap::builtin_method_names())
      out.push_back(riskmap::load_method(name));
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& method : methods())
    for (const auto* scale : {&method.likelihood, &method.impact, &method.levels}) {
      try {
        const int position = scale->parse(text);
        if (position < 1 || position > scale->size()) __builtin_trap();
      } catch (const riskmap::ValueError&) {
      }
    }
  return 0;
}
