#include "example.hpp"

#include <sstream>

#include "embedded.hpp"
#include "kinds.hpp"

namespace riskmap {

InitOptions example_init_options(InitOptions options) {
  if (options.name.empty()) options.name = "Caisse Nationale de Solidarité et de Prévoyance";
  if (!options.title)
    options.title = options.language == Lang::fr
                        ? "Cartographie des risques du système d’information"
                        : "Information system risk map";
  if (!options.version) options.version = "1.0";
  if (!options.status) options.status = "draft";
  if (!options.classification)
    options.classification = options.language == Lang::fr ? "Diffusion restreinte" : "Restricted";
  return options;
}

ImportResult load_example(Workspace& workspace) {
  ImportResult total;
  for (const EntityKind* kind : all_kinds()) {
    const std::string path = "examples/caisse-sociale/" + kind->plural + ".csv";
    for (const auto& file : embedded::examples()) {
      if (file.path != path) continue;
      std::istringstream in{std::string(file.content)};
      ImportOptions options;
      options.kind = kind;
      options.source = path;
      const ImportResult result = import_records(workspace, in, options);
      total.counts.insert(total.counts.end(), result.counts.begin(), result.counts.end());
      total.total_refs += result.total_refs;
    }
  }
  return total;
}

}  // namespace riskmap
