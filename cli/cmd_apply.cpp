// riskmap apply DIR: the workspace made equal to a tree of export --tree.
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "tree.hpp"

namespace riskmap::cli {

void add_apply_command(CLI::App& app) {
  struct State {
    std::string dir;
    bool dry_run = false;
  };
  auto state = std::make_shared<State>();
  auto* apply = app.add_subcommand(
      "apply", "Make the workspace equal to a tree that export --tree wrote, all or nothing");
  apply->add_option("dir", state->dir, "The tree's folder")->required();
  apply->add_flag("--dry-run", state->dry_run, "Print what would change, write nothing");
  on_run(apply, Access::write, [state](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    const auto changes = apply_tree(run.workspace(), state->dir);
    auto writer = run.writer(format);
    writer->begin({"kind", "ref", "change", "fields"});
    std::array<std::size_t, 3> counts{};
    for (const auto& change : changes) {
      ++counts[static_cast<std::size_t>(change.change)];
      writer->row({change.kind, change.ref, std::string(to_string(change.change)), change.fields});
      run.touched(change.ref);
    }
    writer->end();
    const std::string summary = fmt::format("{} added, {} changed, {} removed", counts[0],
                                            counts[2], counts[1]);
    if (state->dry_run || changes.empty()) {
      run.discard();
      return run.note(changes.empty() ? fmt::format("{}: the workspace is equal to the tree; "
                                                    "nothing changed",
                                                    state->dir)
                                      : fmt::format("dry run, nothing written: would apply {}",
                                                    summary));
    }
    run.note(fmt::format("applied {}: {}", state->dir, summary));
  });
}

}  // namespace riskmap::cli
