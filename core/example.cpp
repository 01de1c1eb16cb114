#include "example.hpp"

#include <sstream>

#include <fmt/format.h>

#include "embedded.hpp"
#include "error.hpp"
#include "files.hpp"
#include "framework.hpp"
#include "kinds.hpp"
#include "library_import.hpp"
#include "mapping.hpp"
#include "method_store.hpp"
#include "scenario.hpp"
#include "schema.hpp"

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

ExampleOriginal::ExampleOriginal(Workspace& workspace, const std::string& author)
    : workspace_(workspace) {
  const char* csv = "examples/caisse-sociale/cartographie-dsi-2026.csv";
  const char* mapping_file = "examples/caisse-sociale/cartographie-dsi-2026.toml";
  std::error_code error;
  folder_made_ = !std::filesystem::exists(snapshot_folder(workspace), error);
  try {
    // A database of its own, made as a new workspace's is, in a staging
    // folder that goes with its contents whatever happens.
    Staging scratch(workspace.dir());
    auto db = std::make_unique<Database>(scratch.path("original.db"), false);
    migrate(*db, migrations(), false);
    {
      Transaction transaction(*db);
      store_method(*db, workspace.method(), "");
      transaction.commit();
    }
    auto original = Workspace::over(workspace, workspace.method(), std::move(db));
    {
      const Mapping mapping = read_mapping(example_file(mapping_file), mapping_file,
                                           scenario_kind(), workspace.method());
      ImportOptions options;
      options.kind = &scenario_kind();
      options.source = csv;
      options.mapping = &mapping;
      options.lang = workspace.config().mission.language;
      std::istringstream in{std::string(example_file(csv))};
      Transaction transaction(original->db());
      import_records(*original, in, options);
      transaction.commit();
    }
    const bool fr = workspace.config().mission.language == Lang::fr;
    info_ = create_snapshot(
        *original, example_original_name, Date::parse(example_original_date), author,
        fr ? "Cartographie transmise par le client" : "Risk map as the client handed it over");
  } catch (...) {
    if (folder_made_) std::filesystem::remove_all(snapshot_folder(workspace), error);
    throw;
  }
}

ExampleOriginal::~ExampleOriginal() {
  if (kept_) return;
  std::error_code error;
  if (folder_made_)
    std::filesystem::remove_all(snapshot_folder(workspace_), error);
  else
    std::filesystem::remove(snapshot_file(workspace_, info_.name), error);
}

}  // namespace riskmap
