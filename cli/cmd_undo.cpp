// riskmap undo: the last writing commands reverted, as one command.
#include <memory>

#include <fmt/format.h>

#include "changes.hpp"
#include "command.hpp"
#include "undo.hpp"

namespace riskmap::cli {

void add_undo_command(CLI::App& app) {
  struct State {
    std::int64_t count = 1;
    std::optional<std::int64_t> to;
    bool dry_run = false;
  };
  auto state = std::make_shared<State>();
  auto* undo = app.add_subcommand(
      "undo",
      "Revert the last writing commands (1 unless N), or those after journal entry --to, "
      "as one command; refused when another program changed their records since");
  undo->add_option("count", state->count, "How many of the newest journal entries to revert")
      ->check(CLI::PositiveNumber);
  undo->add_option("--to", state->to,
                   "Revert every entry newer than this one (riskmap log shows their ids), "
                   "back to the state it left")
      ->excludes(undo->get_option("count"));
  undo->add_flag("--dry-run", state->dry_run, "Print what would change back, write nothing");
  on_run(undo, Access::write, [state](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    Database& db = run.workspace().db();
    const UndoPlan plan = plan_undo(db, run.method(), state->to, state->count);
    std::string ids;
    for (const auto& entry : plan.entries)
      ids += fmt::format("{}{}", ids.empty() ? "" : ", ", entry.id);
    const std::string what =
        plan.entries.size() == 1
            ? fmt::format("entry {} ({})", plan.entries.front().id, plan.entries.front().command)
            : fmt::format("{} entries ({})", plan.entries.size(), ids);
    if (state->dry_run) {
      print_record_changes(run, format, plan.records);
      run.discard();
      return run.note(fmt::format("dry run, nothing written: would undo {}", what));
    }
    run.touched(apply_undo(db, plan));
    print_record_changes(run, format, plan.records);
    run.note(fmt::format("undid {}; riskmap undo again brings it back", what));
  });
}

}  // namespace riskmap::cli
