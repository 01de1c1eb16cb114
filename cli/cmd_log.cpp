// riskmap log: the change journal.
#include <charconv>
#include <memory>

#include <fmt/format.h>

#include "changes.hpp"
#include "command.hpp"
#include "journal.hpp"
#include "json_text.hpp"
#include "undo.hpp"

namespace riskmap::cli {

namespace {

struct LogState {
  std::string ref, author, since;
  std::int64_t limit = 0;
  std::optional<std::int64_t> show;
};

// log --show ENTRY: the entry, then what it changed, field by field.
void show_entry(Run& run, std::int64_t id) {
  const Format format = run.format({Format::table, Format::csv, Format::json});
  const EntryChanges changes = read_entry_changes(run.workspace().db(), run.method(), id);
  const JournalEntry& entry = changes.entry;
  if (!changes.kept)
    run.note(fmt::format(
        "journal entry {} was written before riskmap kept what each command changes: its "
        "changes are not known",
        id));
  std::ostream& out = run.out();
  if (format == Format::json) {
    out << "{\"id\": " << entry.id << ", \"at\": ";
    write_json_string(out, entry.at);
    out << ", \"author\": ";
    write_json_string(out, entry.author);
    out << ", \"command\": ";
    write_json_string(out, entry.command);
    out << ", \"kept\": " << (changes.kept ? "true" : "false") << ", \"changes\": ";
    write_record_changes(*make_json_writer(out, JsonShape::nested), changes.records);
    out << "}\n";
    return;
  }
  if (format == Format::table)
    out << fmt::format("entry {} · {} · {}\n{}\n\n", entry.id, entry.at, entry.author,
                       entry.command);
  print_record_changes(run, format, changes.records);
}

}  // namespace

void add_log_command(CLI::App& app) {
  auto state = std::make_shared<LogState>();
  auto* log = app.add_subcommand(
      "log", "Show the change journal, newest first: when, who, the command, the refs touched");
  log->add_option("ref", state->ref, "Only the entries that touched this ref");
  log->add_option("--author", state->author, "Only the entries of this author");
  log->add_option("--since", state->since, "Only the entries on or after this date, YYYY-MM-DD");
  auto* limit = log->add_option("-n,--limit", state->limit, "Only the newest N entries");
  log->add_option("--show", state->show,
                  "Show what entry ENTRY changed, record by record and field by field, "
                  "before and after")
      ->excludes(log->get_option("ref"))
      ->excludes(log->get_option("--author"))
      ->excludes(log->get_option("--since"))
      ->excludes(limit);
  on_run(log, Access::read, [state](Run& run) {
    if (state->show) return show_entry(run, *state->show);
    const Format format = run.format({Format::table, Format::csv, Format::json});
    JournalQuery query;
    if (!state->ref.empty()) query.ref = state->ref;
    if (!state->author.empty()) query.author = state->author;
    if (!state->since.empty())
      query.since = option_value("--since", [&] { return Date::parse(state->since).to_string(); });
    if (state->limit < 0)
      throw UsageError(
          fmt::format("--limit: '{}' is not allowed: a whole number, at least 0", state->limit));
    if (state->limit > 0) query.limit = state->limit;
    auto writer = run.writer(format);
    writer->begin({"id", "at", "author", "command", "refs"});
    for (auto& entry : read_journal(run.workspace().db(), query))
      writer->row({entry.id, entry.at, entry.author, entry.command, std::move(entry.refs)});
    writer->end();
  });
}

}  // namespace riskmap::cli
