// riskmap log: the change journal.
#include <charconv>
#include <memory>

#include <fmt/format.h>

#include "command.hpp"
#include "journal.hpp"

namespace riskmap::cli {

namespace {

struct LogState {
  std::string ref, author, since;
  std::int64_t limit = 0;
};

}  // namespace

void add_log_command(CLI::App& app) {
  auto state = std::make_shared<LogState>();
  auto* log = app.add_subcommand(
      "log", "Show the change journal, newest first: when, who, the command, the refs touched");
  log->add_option("ref", state->ref, "Only the entries that touched this ref");
  log->add_option("--author", state->author, "Only the entries of this author");
  log->add_option("--since", state->since, "Only the entries on or after this date, YYYY-MM-DD");
  log->add_option("-n,--limit", state->limit, "Only the newest N entries");
  on_run(log, Access::read, [state](Run& run) {
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
