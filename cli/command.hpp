#pragma once
// What every command gets: the global options, the workspace opened as the
// command declared it needs, and the output streams.
#include <fstream>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "date.hpp"
#include "method.hpp"
#include "output.hpp"
#include "table.hpp"
#include "workspace.hpp"

namespace riskmap::cli {

enum class Access {
  none,   // no workspace (init, --version)
  read,   // opens the workspace; never changes its content
  write,  // opens it and runs in one transaction, journalled
  // Like write, for imports: they check every link they write themselves
  // (with file:line messages), so SQLite's foreign-key lookups, which would
  // repeat each check, are turned off for the transaction.
  import,
  // Like write, for method apply: it starts from the method in force even
  // when riskmap.toml holds another (the one it is about to apply).
  method,
};

enum class Format { table, csv, json };

struct Globals {
  std::optional<std::string> workspace;
  std::optional<std::string> format;
  std::optional<std::string> lang;
  std::optional<std::string> today;
  std::optional<std::string> author;
  bool quiet = false;
  bool verbose = false;
  bool no_color = false;
  bool wide = false;  // tables never cut to the terminal's width
  std::optional<std::string> csv_delimiter;  // --csv-delimiter
  std::optional<bool> csv_bom;               // --csv-bom, --no-csv-bom
  std::string command_line;  // as typed, for the change journal
};

class Run {
 public:
  Run(const Globals& globals, std::ostream& out, std::ostream& err,
      std::unique_ptr<Workspace> workspace);

  Workspace& workspace() { return *workspace_; }
  const Method& method() { return workspace_->method(); }
  Lang lang() const;  // --lang, else the workspace's language, else French
  Date today() const;
  // --format, checked against what the command can print.
  Format format(std::initializer_list<Format> allowed, Format fallback = Format::table) const;
  // How a CSV file is written: --csv-delimiter and --csv-bom/--no-csv-bom,
  // else [output] in riskmap.toml, else the default: for the deliverables
  // (`for_people`) ';' and a BOM in French, ',' without in English; for
  // export and listings, ',' without a BOM.
  CsvStyle csv_style(bool for_people, Lang lang) const;
  // --format as given, for a command whose formats are not rows (report).
  const std::optional<std::string>& format_text() const { return globals_.format; }
  bool colour() const;
  std::ostream& out() { return out_; }
  // A message for the user on stderr ("riskmap: ..."), unless --quiet.
  void note(const std::string& message);
  // Keeps the notes from now on, until release_notes() prints them: a
  // writing command's messages wait for its COMMIT.
  void hold_notes() { holding_ = true; }
  void release_notes();
  void verbose(const std::string& message);

  // Records touched by a writing command, for its journal entry.
  void touched(const std::string& ref) { touched_.push_back(ref); }
  void touched(const std::vector<std::string>& refs) {
    touched_.insert(touched_.end(), refs.begin(), refs.end());
  }
  // Who the journal records: --author, else the OS user.
  std::string author() const;
  // Appends the journal entry of this command to `workspace`'s database.
  void record_change(Workspace& workspace) const;
  // Ends a writing command without keeping its changes (--dry-run).
  void discard() { discard_ = true; }
  bool discarded() const { return discard_; }

  // Writes rows in the chosen format; `table_columns` picks the columns a
  // table shows (all when empty); the choice fields of `kind` show their
  // labels there.
  std::unique_ptr<RowWriter> writer(Format format, std::vector<std::string> table_columns = {},
                                    const EntityKind* kind = nullptr);
  // How this command draws tables: colour, language, the terminal's width
  // (none with --wide). A command that draws one prints for people, and a
  // pager may show what it prints.
  TableStyle table_style(const EntityKind* kind = nullptr);
  bool printed_tables() const { return tables_; }

  std::unique_ptr<Workspace> release_workspace() { return std::move(workspace_); }
  void adopt_workspace(std::unique_ptr<Workspace> workspace) { workspace_ = std::move(workspace); }

 private:
  const Globals& globals_;
  std::ostream& out_;
  std::ostream& err_;
  std::unique_ptr<Workspace> workspace_;
  std::vector<std::string> touched_;
  bool discard_ = false;
  bool tables_ = false;
  bool holding_ = false;
  std::vector<std::string> held_;
};

// Who the journal records: --author, else the OS user.
std::string journal_author(const Globals& globals);

// Attaches an action to a (sub)command: it runs after parsing, with the
// workspace opened as `access` says.
void on_run(CLI::App* command, Access access, std::function<void(Run&)> action);

// Reads a user value with a core parser; a bad value becomes a command-line
// error (exit 2) naming the option.
template <typename Parse>
auto option_value(std::string_view option, Parse&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const ValueError& e) {
    throw UsageError(std::string(option) + ": " + e.what());
  }
}

// Opens FILE (not "-") to read; a folder or a file that cannot be read is
// an Error naming it.
void open_input(std::ifstream& stream, const std::string& file);
// The whole content of FILE, or of stdin for "-".
std::string read_input(const std::string& file);
// "1 requirement", "3 requirements".
std::string plural(std::size_t count, std::string_view noun);
// A text cell, null when empty.
Cell text_or_null(std::string_view text);

// Command groups, one file each.
void add_init_command(CLI::App& app);
void add_method_commands(CLI::App& app);
void add_asset_commands(CLI::App& app);
void add_scenario_commands(CLI::App& app);
void add_control_commands(CLI::App& app);
void add_stakeholder_commands(CLI::App& app);
void add_action_commands(CLI::App& app);
void add_study_commands(CLI::App& app);
void add_matrix_command(CLI::App& app);
void add_continuity_command(CLI::App& app);
void add_review_command(CLI::App& app);
void add_transfer_commands(CLI::App& app);
void add_mapping_commands(CLI::App& app);
void add_apply_command(CLI::App& app);
void add_report_commands(CLI::App& app);
void add_framework_commands(CLI::App& app);
void add_soa_commands(CLI::App& app);
void add_snapshot_commands(CLI::App& app);
void add_log_command(CLI::App& app);
void add_undo_command(CLI::App& app);
void add_merge_command(CLI::App& app);
void add_completion_commands(CLI::App& app);

}  // namespace riskmap::cli
