#include "example.hpp"

#include <sstream>

#include <fmt/format.h>

#include "embedded.hpp"
#include "error.hpp"
#include "framework.hpp"
#include "library_import.hpp"
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
  if (!options.currency) options.currency = "MAD";  // a Moroccan body: amounts in dirhams
  if (!options.organisation_article && options.language == Lang::fr)
    options.organisation_article = "la";  // « de la Caisse… »
  if (!options.classification)
    options.classification = options.language == Lang::fr ? "Diffusion restreinte" : "Restricted";
  return options;
}

namespace {

std::string_view example_file(std::string_view path) {
  for (const auto& file : embedded::examples())
    if (file.path == path) return file.content;
  throw Error(fmt::format("the example lacks {}", path));
}

}  // namespace

ImportResult load_example(Workspace& workspace) {
  ImportResult total;
  // The fictional national directive and its mapping to NIST CSF.
  for (const char* library : {"examples/caisse-sociale/directive-fictive.yaml",
                              "examples/caisse-sociale/mapping-directive-fictive-nist-csf.yaml"}) {
    LibraryImportOptions options;
    options.file = library;
    options.language = workspace.config().mission.language;
    import_library(workspace.db(), std::string(example_file(library)), options);
  }
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
  const char* soa = "examples/caisse-sociale/soa-dnf-2026.csv";
  std::istringstream decisions{std::string(example_file(soa))};
  import_soa(workspace.db(), "DNF-2026", decisions, soa);
  return total;
}

}  // namespace riskmap
