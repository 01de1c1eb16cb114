#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "example.hpp"
#include "framework.hpp"
#include "library_import.hpp"
#include "tree.hpp"
#include "tree_mode.hpp"
#include "undo.hpp"

namespace riskmap::cli {

namespace {
struct InitState {
  std::string dir = ".";
  std::string method = "ebios-rm";
  std::string name;
  bool example = false;
  bool tree = false;
  std::vector<std::string> catalogs;
  RiskMatrixOptions risk_matrix;
};
}  // namespace

void add_init_command(CLI::App& app) {
  auto state = std::make_shared<InitState>();
  auto* init = app.add_subcommand("init", "Create a workspace: riskmap.toml and riskmap.db");
  init->add_option("dir", state->dir,
                   "Folder of the new workspace (created if missing; default: .)");
  init->add_option("--method", state->method,
                   "Rating method: ebios-rm (default), iso27005, simple-3x3, a FILE.toml, or the "
                   "risk matrix of a YAML library (FILE.yaml, FILE.yml)");
  init->add_option("--appetite", state->risk_matrix.appetite,
                   "With a YAML risk matrix (required): the highest level accepted without "
                   "treatment, as an id, position or label of its levels");
  init->add_option("--matrix", state->risk_matrix.matrix,
                   "With a YAML library holding several risk matrices: the ref_id of the one to "
                   "use");
  init->add_option("--name", state->name, "Name of the organisation (default: the folder's name)");
  init->add_flag("--example", state->example,
                 "Fill the workspace with the bundled example mission, the map its organisation "
                 "kept before the mission frozen first as the snapshot v0-client");
  init->add_flag("--tree", state->tree,
                 "Keep the records beside the database as a tree of files, one a record, for "
                 "git: a repository, a .gitignore and hooks that apply what git changes; in a "
                 "clone of such a tree, build the workspace from it");
  init->add_option("--catalog", state->catalogs,
                   "Import this catalog of requirements (as framework import does) into the "
                   "new workspace, before the example or the tree; repeatable");
  on_run(init, Access::none, [state](Run& run) {
    if (state->dir.empty())
      throw UsageError(
          "init: the folder name is empty: name the workspace's folder, or leave it out to "
          "create the workspace in the current folder");
    InitOptions options;
    options.risk_matrix = state->risk_matrix;
    options.method = option_value("--method", [&] {
      if (!is_method_file_name(state->method)) builtin_method_toml(state->method);  // known?
      return state->method;
    });
    options.language = run.lang();
    options.name = state->name;
    if (state->example) {
      if (options.method != "ebios-rm")
        throw UsageError(
            "--example: the example mission is rated with the ebios-rm method; leave out --method, "
            "then change it with 'riskmap method apply'");
      options = example_init_options(options);
    }
    options.tree = state->tree;
    // A clone of a team's tree: its riskmap.toml is there, its database not.
    const std::filesystem::path dir(state->dir);
    std::error_code error;
    const bool clone = state->tree && std::filesystem::exists(dir / config_file_name, error) &&
                       !std::filesystem::exists(dir / database_file_name, error);
    if (clone && state->example)
      throw UsageError(fmt::format(
          "--example: {} holds a tree already (its {}); init --tree builds the workspace from it",
          state->dir, config_file_name));
    options.adopt_config = clone;
    if (state->tree) require_git();
    std::size_t records = 0;
    std::string original_note;
    auto workspace = Workspace::create(state->dir, options, [&](Workspace& created) {
      if (clone && !created.config().tree)
        throw Error(fmt::format(
            "{}: it has no '[workspace] tree = true', so {} is not a tree of init --tree; "
            "add it, or copy the workspace with its database",
            (dir / config_file_name).string(), state->dir));
      if (!state->example && !state->tree && state->catalogs.empty()) return;
      // The organisation's map as it came, frozen before the consolidated
      // one is loaded; gone again if the init is rejected.
      std::optional<ExampleOriginal> original;
      if (state->example) original.emplace(created, run.author());
      created.begin_write();
      for (const auto& file : state->catalogs) {
        const std::string text = read_input(file);
        if (is_library_file(file, text)) {
          LibraryImportOptions library;
          library.file = file;
          library.language = created.config().mission.language;
          for (const auto& framework : import_library(created.db(), text, library).frameworks)
            run.touched(framework.framework);
        } else {
          CatalogOptions catalog;
          catalog.file = file;
          std::istringstream content(text);
          run.touched(import_catalog(created.db(), content, catalog).framework);
        }
      }
      if (state->example) {
        const ImportResult result = load_example(created);
        records = result.total_refs;
        run.touched(result.refs);
      }
      if (clone) {
        const auto changes = apply_tree(created, dir);
        records = changes.size();
        for (const auto& change : changes) run.touched(change.ref);
      }
      if (state->example || clone || !state->catalogs.empty()) run.record_change(created);
      if (state->tree) created.before_commit([](Workspace& w) { sync_tree(w); });
      created.commit();
      if (original) {
        original->keep();
        original_note = fmt::format(
            "; the organisation's map before the mission is snapshot {} ({} scenarios, {} assets): "
            "riskmap diff {} compares it with the map",
            original->info().name, original->info().scenarios, original->info().assets,
            original->info().name);
      }
    });
    std::vector<std::string> git_notes;
    if (state->tree) set_up_git(dir, git_notes);
    for (const auto& note : workspace->notes()) run.note(note);
    for (const auto& note : git_notes) run.note(note);
    if (clone)
      return run.note(fmt::format(
          "built the workspace in {} from its tree (method {}): {} records; git's hooks apply "
          "the tree after each pull, merge or checkout",
          state->dir, workspace->method().name, records));
    run.note(fmt::format(
        "created a workspace in {} (method {}, language {}){}{}", state->dir,
        workspace->method().name, to_string(workspace->config().mission.language),
        state->example
            ? fmt::format(", with the example mission: {} records{}", records, original_note)
            : "",
        state->tree ? "; its records are kept as a tree of files for git, beside the database"
                    : ""));
  });
}

}  // namespace riskmap::cli
