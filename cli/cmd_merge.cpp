// riskmap merge OTHER: another consultant's map brought in, three-way.
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "merge.hpp"

namespace riskmap::cli {

namespace {

std::string side_name(Side side) {
  return side == Side::ours ? "ours" : "theirs";
}

}  // namespace

void add_merge_command(CLI::App& app) {
  struct State {
    std::string other, base = "auto";
    bool ours = false, theirs = false, dry_run = false;
    std::vector<std::string> prefer;
  };
  auto state = std::make_shared<State>();
  auto* merge = app.add_subcommand(
      "merge",
      "Bring another map in (a workspace, a tree of export --tree or a snapshot), three-way "
      "against the map both started from: changes from both sides taken field by field, "
      "conflicts listed and nothing written until they are settled");
  merge->add_option("other", state->other,
                    "The other map: a workspace's folder, a tree's folder, a snapshot file")
      ->required();
  merge->add_option("--base", state->base,
                    "The map both started from: a snapshot of this workspace (name or file), a "
                    "workspace or a tree; auto (the default): the newest snapshot of this "
                    "workspace whose map a snapshot of OTHER holds too");
  auto* ours = merge->add_flag("--ours", state->ours, "Settle every conflict with this side");
  merge->add_flag("--theirs", state->theirs, "Settle every conflict with the other side")
      ->excludes(ours);
  merge->add_option("--prefer", state->prefer,
                    "Settle the conflicts of a field (owner=theirs), a record (R7=ours) or "
                    "one field of one record (R7.owner=theirs); repeatable, the most precise "
                    "wins over --ours/--theirs");
  merge->add_flag("--dry-run", state->dry_run, "Print what the merge would change, write nothing");
  on_run(merge, Access::write, [state](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    Workspace& live = run.workspace();
    MergeChoices choices;
    if (state->ours) choices.all = Side::ours;
    if (state->theirs) choices.all = Side::theirs;
    for (const auto& text : state->prefer)
      choices.prefer.push_back(option_value("--prefer", [&] { return parse_prefer(text); }));
    MapSource other = read_map_source(live, state->other, "OTHER");
    MapSource base = state->base == "auto" ? find_shared_base(live, other)
                                           : read_map_source(live, state->base, "--base");
    const MergeResult result = merge_maps(live, base, std::move(other), choices, run.lang());

    for (const auto& prefer : choices.prefer)
      if (!prefer.used)
        run.note(fmt::format("--prefer {}{}{}={}: no conflict of it", prefer.ref,
                             prefer.ref.empty() || prefer.field.empty() ? "" : ".", prefer.field,
                             side_name(prefer.side)));
    if (result.unsettled()) {
      // A table would repeat the message; scripts get the rows.
      auto writer = format == Format::table ? nullptr : run.writer(format);
      if (writer) writer->begin({"kind", "ref", "field", "ours", "theirs", "base"});
      std::string lines;
      std::size_t count = 0;
      for (const auto& c : result.conflicts) {
        if (c.settled) continue;
        if (writer)
          writer->row(
              {c.kind, c.ref, text_or_null(c.field), c.ours, c.theirs, text_or_null(c.base)});
        if (++count <= 20)
          lines += c.field.empty()
                       ? fmt::format("\n  {} {}: ours {} / theirs {}", c.kind, c.ref, c.ours,
                                     c.theirs)
                       : fmt::format("\n  {}.{}: ours {} / theirs {} / base {}", c.ref, c.field,
                                     c.ours, c.theirs, c.base);
      }
      if (writer) writer->end();
      if (count > 20) lines += fmt::format("\n  ... and {} more", count - 20);
      throw Error(fmt::format(
          "{} {} not merged, so nothing was written:{}\nsettle them with --ours, --theirs or "
          "--prefer FIELD|REF|REF.FIELD=ours|theirs (or change them on one side), then merge "
          "again",
          count, count == 1 ? "conflict is" : "conflicts are", lines));
    }
    auto writer = run.writer(format);
    writer->begin({"kind", "ref", "change", "fields"});
    std::array<std::size_t, 3> counts{};
    for (const auto& change : result.changes) {
      ++counts[static_cast<std::size_t>(change.change)];
      writer->row({change.kind, change.ref, std::string(to_string(change.change)), change.fields});
      run.touched(change.ref);
    }
    writer->end();
    for (const auto& rename : result.renames)
      run.note(fmt::format(
          "{} {} was created on both sides with different content: theirs is {} here{}",
          rename.kind, rename.from, rename.to,
          rename.references == 0
              ? ""
              : fmt::format(", and the {} reference{} to it in their records follow{}",
                            rename.references, rename.references == 1 ? "" : "s",
                            rename.references == 1 ? "s" : "")));
    std::size_t settled = 0;
    for (const auto& c : result.conflicts) if (c.settled) ++settled;
    const std::string settled_text =
        settled == 0 ? "" : fmt::format("{} conflict{} settled", settled, settled == 1 ? "" : "s");
    const std::string summary =
        fmt::format("{} added, {} changed, {} removed{}{}", counts[0], counts[2], counts[1],
                    settled == 0 ? "" : "; ", settled_text);
    if (state->dry_run || result.changes.empty()) {
      run.discard();
      return run.note(result.changes.empty()
                          ? fmt::format("{} brings nothing new{}; nothing changed", state->other,
                                        settled == 0 ? "" : " (" + settled_text + ")")
                          : fmt::format("dry run, nothing written: would merge {}", summary));
    }
    run.note(fmt::format("merged {} (base {}): {}", state->other, base.name, summary));
  });
}

}  // namespace riskmap::cli
