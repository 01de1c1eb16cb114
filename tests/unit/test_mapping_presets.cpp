#include <doctest/doctest.h>

#include <sstream>

#include <fmt/format.h>

#include "error.hpp"
#include "kinds.hpp"
#include "mapping.hpp"
#include "mapping_presets.hpp"
#include "method.hpp"
#include "scenario.hpp"
#include "text.hpp"
#include "workspace.hpp"

using namespace riskmap;

namespace {

const Method& ebios_method() {
  static const Method method = load_method("ebios-rm");
  return method;
}

std::vector<std::string> names_of(const std::vector<const MappingPreset*>& presets) {
  std::vector<std::string> names;
  for (const MappingPreset* preset : presets) names.emplace_back(preset->name);
  return names;
}

const std::vector<std::string> ciso_header = {
    "ref_id",        "assets",         "threats",       "name",
    "description",   "existing_applied_controls",       "current_impact",
    "current_proba", "current_risk",   "additional_controls",
    "residual_impact", "residual_proba", "residual_risk", "treatment",
    "strength_of_knowledge"};

}  // namespace

TEST_SUITE("mapping presets") {
  TEST_CASE("every built-in mapping reads under every built-in method") {
    REQUIRE(mapping_presets().size() >= 2);
    for (const auto& method_name : builtin_method_names()) {
      const Method method = load_method(method_name);
      for (const auto& preset : mapping_presets()) {
        CAPTURE(method_name);
        CAPTURE(preset.name);
        CHECK_FALSE(preset.text.empty());
        CHECK_FALSE(preset.summary.empty());
        const Mapping mapping = read_preset(preset, method);
        CHECK(mapping.source == fmt::format("preset {}", preset.name));
        CHECK(mapping.kind == &kind_named(preset.kind));
        CHECK_FALSE(mapping.columns.empty());
      }
    }
    CHECK(find_mapping_preset("ciso-assistant") != nullptr);
    CHECK(find_mapping_preset("registre-fr") != nullptr);
    CHECK(find_mapping_preset("ciso") == nullptr);
    CHECK(mapping_preset_names() == std::vector<std::string>{"ciso-assistant", "registre-fr"});
  }

  TEST_CASE("a header says which built-in mappings read the file") {
    const Method& method = ebios_method();
    CHECK(names_of(presets_reading(ciso_header, method)) ==
          std::vector<std::string>{"ciso-assistant"});
    auto with_inherent = ciso_header;
    with_inherent.insert(with_inherent.begin() + 5, {"inherent_impact", "inherent_proba",
                                                     "inherent_level"});
    CHECK(names_of(presets_reading(with_inherent, method)) ==
          std::vector<std::string>{"ciso-assistant"});
    auto lacking = ciso_header;
    lacking.erase(lacking.begin() + 3);  // name
    CHECK(presets_reading(lacking, method).empty());

    // A French register, its columns named one of several ways.
    CHECK(names_of(presets_reading({"Réf", "Risque", "Probabilité", "Impact"}, method)) ==
          std::vector<std::string>{"registre-fr"});
    CHECK(names_of(presets_reading({"N°", "Intitulé du risque", "VRAISEMBLANCE", "Gravité",
                                    "Niveau de risque", "Responsable"},
                                   method)) == std::vector<std::string>{"registre-fr"});
    CHECK(presets_reading({"Réf", "Risque", "Probabilité"}, method).empty());
    CHECK(presets_reading({"ref", "title", "current_likelihood"}, method).empty());

    // From the file itself: a BOM, ';', Windows-1252.
    std::istringstream bom("\xEF\xBB\xBF" + join(ciso_header, ";") + "\nR.1;a;b;c\n");
    CHECK(names_of(presets_reading(bom, method)) == std::vector<std::string>{"ciso-assistant"});
    std::istringstream latin("R\xE9" "f;Risque;Probabilit\xE9;Gravit\xE9\r\n1;x;2;3\r\n");
    CHECK(names_of(presets_reading(latin, method)) == std::vector<std::string>{"registre-fr"});
    std::istringstream empty("");
    CHECK(presets_reading(empty, method).empty());
  }

  TEST_CASE("a header that is not riskmap's gets a hint towards --map") {
    const Method& method = ebios_method();
    CHECK(foreign_header_hint(ciso_header, 14, ';', method)
              .starts_with("; the header is not riskmap's but that of a file that a built-in "
                           "mapping reads: import it with --map ciso-assistant (CISO "
                           "Assistant's risk assessment export"));
    CHECK(names_of(presets_reading({"Intitulé", "Probabilité", "Gravité"}, method)) ==
          std::vector<std::string>{"registre-fr"});
    CHECK(foreign_header_hint({"Nom", "Note", "Cotation"}, 3, ';', method) ==
          "; with 3 columns riskmap does not know, the file looks like a spreadsheet of your own "
          "(';'-separated): import it through a mapping of its columns, --map FILE.toml (IMPORT "
          "MAPPING in man riskmap), as no built-in mapping reads this header (riskmap mapping "
          "list)");
    CHECK(foreign_header_hint({"Intitulé", "Probabilité"}, 2, ',', method)
              .find("spreadsheet of your own: import") != std::string::npos);
    CHECK(foreign_header_hint({"ref\ttitle\towner"}, 1, ',', method)
              .starts_with("; the file looks tab-separated"));
    CHECK(foreign_header_hint({"ref", "titel"}, 1, ',', method).empty());
  }
}
