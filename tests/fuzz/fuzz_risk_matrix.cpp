// A YAML library of arbitrary bytes read as a risk matrix: it is refused
// with an Error, or it gives a method that riskmap.toml would accept as it
// is (the TOML of the converted method reads back to the same method).
#include <cstddef>
#include <cstdint>
#include <string>

#include "error.hpp"
#include "risk_matrix.hpp"
#include "toml_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  riskmap::RiskMatrixOptions options;
  options.appetite = "1";
  riskmap::Method method;
  try {
    method = riskmap::read_risk_matrix(text, "library.yaml", options).method;
  } catch (const riskmap::Error&) {
    return 0;
  }
  const std::string toml = riskmap::method_to_toml(method);
  try {
    const riskmap::Method again =
        riskmap::read_method(riskmap::parse_toml(toml, "riskmap.toml"), "riskmap.toml");
    if (riskmap::method_to_toml(again) != toml) __builtin_trap();
  } catch (const riskmap::Error&) {
    __builtin_trap();  // a converted method the method checks refuse
  }
  return 0;
}
