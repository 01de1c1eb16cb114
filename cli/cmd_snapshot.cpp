// riskmap snapshot create|list|show|restore|rm, and riskmap diff.
#include <array>
#include <functional>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "command.hpp"
#include "diff.hpp"
#include "kinds.hpp"
#include "records.hpp"
#include "snapshot.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

const std::vector<std::string> snapshot_columns{"name",      "date",     "created_at",   "author",
                                                "note",      "sequence", "method",       "assets",
                                                "scenarios", "controls", "stakeholders", "actions"};

std::vector<Cell> snapshot_cells(const SnapshotInfo& s) {
  const auto text = [](const std::string& value) -> Cell {
    if (value.empty()) return std::monostate{};
    return value;
  };
  return {s.name,       text(s.date), text(s.created_at),  text(s.author),
          text(s.note), s.sequence,   text(s.method_name), s.assets,
          s.scenarios,  s.controls,   s.stakeholders,      s.actions};
}

void check_name(const std::string& name) {
  option_value("name", [&] {
    check_snapshot_name(name);
    return 0;
  });
}

// Snapshot create and restore run outside the dispatcher's transaction
// (VACUUM INTO cannot run inside one): they journal in a transaction of
// their own, once the snapshot file is in place.
void journal(Run& run, const std::string& name) {
  run.workspace().begin_write();
  run.touched(name);
  run.record_change(run.workspace());
  run.workspace().commit();
}

void warn(Run& run, const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings) run.note(warning);
}

struct DiffState {
  std::string from, to;
  std::string kind = "scenarios";
};

// One side of a diff: "live" is the live map, anything else a snapshot.
struct Side {
  std::string name;
  std::unique_ptr<SnapshotView> snapshot;
  Workspace* workspace = nullptr;
};

Side open_side(Run& run, const std::string& name) {
  Side side{name, nullptr, &run.workspace()};
  if (name == "live") return side;
  side.snapshot = std::make_unique<SnapshotView>(run.workspace(), name);
  side.workspace = &side.snapshot->workspace();
  return side;
}

Cell level_or_null(const Method& method, const std::optional<int>& position, Lang lang) {
  if (!position) return std::monostate{};
  return level_cell(method.levels, *position, lang);
}

// The changes of a kind other than scenarios, or of the SoA: ref, change,
// fields, each printed as the comparison finds it.
void print_record_diff(Run& run, const Side& from, const Side& to, std::string_view plural,
                       const std::function<RecordCounts(const RecordVisitor&)>& compare) {
  const Format format = run.format({Format::table, Format::csv, Format::json});
  auto writer = run.writer(format);
  writer->begin({"ref", "change", "fields"});
  const RecordCounts counts = compare([&](const RecordChange& change) {
    writer->row({change.ref, std::string(to_string(change.kind)), change.fields});
  });
  writer->end();
  run.note(fmt::format("{} → {}: {} {} added, {} removed, {} changed", from.name, to.name,
                       counts.added, plural, counts.removed, counts.changed));
}

void print_diff(Run& run, const Side& from, const Side& to) {
  const Format format = run.format({Format::table, Format::csv, Format::json});
  const Lang lang = run.lang();
  std::vector<std::string> columns{"ref", "change", "title", "fields"};
  for (const Stage stage : all_stages)
    for (const char* part : {"from", "to", "move"})
      columns.push_back(fmt::format("{}_{}", to_string(stage), part));
  auto writer = run.writer(
      format, {"ref", "change", "title", "fields", "current_from", "current_to", "current_move"});
  writer->begin(columns);
  // Each change is printed as the comparison finds it (a table lays its
  // rows out at the end; CSV and JSON go out as they come).
  std::vector<Cell> cells;
  const ScenarioCounts diff =
      diff_scenarios(*from.workspace, *to.workspace, [&](const ScenarioChange& change) {
        cells = {change.ref, std::string(to_string(change.kind)), change.title, change.fields};
        for (std::size_t s = 0; s < 3; ++s) {
          cells.push_back(level_or_null(from.workspace->method(), change.from[s], lang));
          cells.push_back(level_or_null(to.workspace->method(), change.to[s], lang));
          cells.push_back(text_or_null(to_string(change.moves[s])));
        }
        writer->row(cells);
      });
  writer->end();
  constexpr std::size_t current = static_cast<std::size_t>(Stage::current);
  run.note(fmt::format(
      "{} → {}: {} added, {} removed, {} changed, {} unchanged; current level {} up, {} down",
      from.name, to.name, diff.added, diff.removed, diff.changed, diff.unchanged, diff.up[current],
      diff.down[current]));
}

}  // namespace

void add_snapshot_commands(CLI::App& app) {
  auto* group = app.add_subcommand(
      "snapshot", "Frozen copies of the map, to render and compare later (snapshots/ folder)");
  group->require_subcommand(1);

  {
    auto name = std::make_shared<std::string>();
    auto note = std::make_shared<std::string>();
    auto* create = group->add_subcommand("create", "Freeze the map as it is now");
    create->add_option("name", *name,
                       "Snapshot name: letters, digits, '.', '_', '-' (default: the date, "
                       "YYYY-MM-DD)");
    create->add_option("--note", *note, "What the snapshot is, e.g. \"map as received\"");
    on_run(create, Access::read, [name, note](Run& run) {
      const std::string chosen = name->empty() ? run.today().to_string() : *name;
      check_name(chosen);
      run.workspace().end_read();  // VACUUM INTO reads as a transaction of its own
      std::vector<std::string> warnings;
      const SnapshotInfo info =
          create_snapshot(run.workspace(), chosen, run.today(), run.author(), *note, &warnings);
      warn(run, warnings);
      journal(run, info.name);
      run.out() << info.name << "\n";
      run.note(fmt::format("snapshot {}: {} scenarios, {} assets", info.name, info.scenarios,
                           info.assets));
    });
  }
  {
    auto* list = group->add_subcommand("list", "List the snapshots, oldest first");
    on_run(list, Access::read, [](Run& run) {
      const Format format = run.format({Format::table, Format::csv, Format::json});
      auto writer =
          run.writer(format, {"name", "date", "created_at", "author", "scenarios", "note"});
      writer->begin(snapshot_columns);
      std::vector<std::string> warnings;
      for (const auto& snapshot : list_snapshots(run.workspace(), &warnings))
        writer->row(snapshot_cells(snapshot));
      writer->end();
      warn(run, warnings);
    });
  }
  {
    auto name = std::make_shared<std::string>();
    auto* show = group->add_subcommand("show", "Show one snapshot");
    show->add_option("name", *name, "Snapshot name")->required();
    on_run(show, Access::read, [name](Run& run) {
      const Format format = run.format({Format::table, Format::csv, Format::json});
      const SnapshotInfo info = find_snapshot(run.workspace(), *name);
      const auto cells = snapshot_cells(info);
      if (format == Format::table) return show_table(run, snapshot_columns, cells);
      auto writer = format == Format::json ? make_json_writer(run.out(), JsonShape::single)
                                           : run.writer(format);
      writer->begin(snapshot_columns);
      writer->row(cells);
      writer->end();
    });
  }
  {
    auto name = std::make_shared<std::string>();
    auto* restore = group->add_subcommand(
        "restore",
        "Put the map back as a snapshot froze it (the map as it is now is kept as a snapshot "
        "first)");
    restore->add_option("name", *name, "Snapshot name")->required();
    on_run(restore, Access::read, [name](Run& run) {
      check_name(*name);
      run.workspace().end_read();  // the restore runs its own transactions
      const RestoreResult result =
          restore_snapshot(run.workspace(), *name, run.today(), run.author(), [&] {
            run.touched(*name);
            run.record_change(run.workspace());
          });
      run.note(fmt::format("restored snapshot {}{}; the map as it was is kept as snapshot {}",
                           *name, result.method_changed ? " and its method" : "", result.kept));
    });
  }
  {
    auto names = std::make_shared<std::vector<std::string>>();
    auto* rm = group->add_subcommand("rm", "Remove snapshots");
    rm->add_option("names", *names, "Snapshot names")->required();
    on_run(rm, Access::write, [names](Run& run) {
      for (const auto& name : *names) {
        check_name(name);
        find_snapshot(run.workspace(), name);
      }
      for (const auto& name : *names) {
        remove_snapshot(run.workspace(), name);
        run.touched(name);
      }
      run.note(fmt::format("removed {} snapshot{}", names->size(), names->size() == 1 ? "" : "s"));
    });
  }

  auto state = std::make_shared<DiffState>();
  auto* diff = app.add_subcommand(
      "diff",
      "Compare the scenarios of two states of the map: added, removed, changed, level moves");
  diff->add_option("from", state->from,
                   "Snapshot to compare from (default: the latest snapshot); live is the live map");
  diff->add_option("to", state->to, "Snapshot to compare to (default: live, the live map)");
  diff->add_option("--kind", state->kind,
                   "Records to compare: scenarios (default), another kind (assets, controls, "
                   "stakeholders, actions, origins, strategic-scenarios, steps...), or soa");
  on_run(diff, Access::read, [state](Run& run) {
    std::string from = state->from, to = state->to.empty() ? "live" : state->to;
    if (from.empty()) {
      std::vector<std::string> warnings;
      const auto latest = latest_snapshot(run.workspace(), {}, &warnings);
      warn(run, warnings);
      if (!latest)
        throw Error(
            "no snapshot to compare with: take one with riskmap snapshot create NAME, or name "
            "two states (riskmap diff FROM TO)");
      from = latest->name;
    }
    for (const auto* name : {&from, &to})
      if (*name != "live") check_name(*name);
    const Side before = open_side(run, from);
    const Side after = open_side(run, to);
    if (state->kind == "soa")
      return print_record_diff(run, before, after, "SoA decisions",
                               [&](const RecordVisitor& visit) {
                                 return diff_soa(*before.workspace, *after.workspace, visit);
                               });
    const EntityKind& kind =
        option_value("--kind", [&] { return std::cref(kind_named(state->kind)); });
    if (&kind == &scenario_kind())
      print_diff(run, before, after);
    else
      print_record_diff(run, before, after, kind.plural, [&](const RecordVisitor& visit) {
        return diff_records(*before.workspace, *after.workspace, kind, visit);
      });
  });
}

}  // namespace riskmap::cli
