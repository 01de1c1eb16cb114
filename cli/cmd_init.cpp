#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "undo.hpp"
#include "example.hpp"

namespace riskmap::cli {

namespace {
struct InitState {
  std::string dir = ".";
  std::string method = "ebios-rm";
  std::string name;
  bool example = false;
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
                 "Fill the workspace with the bundled example mission");
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
    std::size_t records = 0;
    auto workspace = Workspace::create(state->dir, options, [&](Workspace& created) {
      if (!state->example) return;
      Transaction transaction(created.db());
      watch_changes(created.db());
      const ImportResult result = load_example(created);
      records = result.total_refs;
      run.touched(result.refs);
      run.record_change(created);
      transaction.commit();
    });
    for (const auto& note : workspace->notes()) run.note(note);
    run.note(fmt::format(
        "created a workspace in {} (method {}, language {}){}", state->dir,
        workspace->method().name, to_string(workspace->config().mission.language),
        state->example ? fmt::format(", with the example mission: {} records", records) : ""));
  });
}

}  // namespace riskmap::cli
