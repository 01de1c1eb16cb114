#include "app.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "files.hpp"
#include "pager.hpp"
#include "stdout.hpp"
#include "table.hpp"
#include "terminal.hpp"
#include "text.hpp"
#include "tree.hpp"
#include "user_config.hpp"
#include "version.hpp"

namespace riskmap::cli {

namespace {

struct Action {
  Access access;
  std::function<void(Run&)> run;
};

std::map<const CLI::App*, Action>& actions() {
  static std::map<const CLI::App*, Action> registry;
  return registry;
}

std::optional<std::string> environment(const char* name) {
  if (const char* value = std::getenv(name)) return std::string(value);
  return std::nullopt;
}

// The user's part of generated refs: RISKMAP_REF_PREFIX, else the user's
// own configuration file, else none. Read by writing commands only: they
// alone generate refs.
std::string ref_prefix() {
  if (const auto prefix = environment("RISKMAP_REF_PREFIX"); prefix && !prefix->empty()) {
    try {
      check_ref_prefix(*prefix);
    } catch (const ValueError& e) {
      throw UsageError(fmt::format("RISKMAP_REF_PREFIX: {}", e.what()));
    }
    return *prefix;
  }
  const auto path = user_config_path(environment("XDG_CONFIG_HOME"), environment("HOME"));
  return path ? read_user_config(*path).ref_prefix : std::string();
}

std::string shell_quote(std::string_view word) {
  if (!word.empty() && word.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~") == std::string_view::npos)
    return std::string(word);
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

const CLI::App* chosen_command(const CLI::App& app) {
  const CLI::App* command = &app;
  while (true) {
    const auto chosen = command->get_subcommands();
    if (chosen.empty()) return command;
    command = chosen.front();
  }
}

std::string command_path(const CLI::App* command) {
  std::string path = command->get_name();
  for (const CLI::App* parent = command->get_parent(); parent; parent = parent->get_parent())
    path = parent->get_name() + " " + path;
  return path;
}

// Says what was wrong in the user's words: an unknown command or option gets
// a "did you mean", where CLI11 would say "arguments were not expected".
std::string explain(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App* command = chosen_command(app);
  const auto extras = app.remaining(true);
  // A hidden command (the completion scripts' own) is not named to people.
  const auto subcommands =
      command->get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
  if (!subcommands.empty() && !extras.empty() && !extras.front().starts_with("-")) {
    std::vector<std::string> names;
    for (const auto* sub : subcommands) names.push_back(sub->get_name());
    return fmt::format("unknown command '{}'{}; allowed: {}", extras.front(),
                       did_you_mean(extras.front(), names), join(names, ", "));
  }
  for (const auto& extra : extras) {
    if (!extra.starts_with("-")) continue;
    std::vector<std::string> names;
    for (const CLI::App* c = command; c; c = c->get_parent())
      for (const auto* option : c->get_options())
        for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    const std::string word = extra.substr(0, extra.find('='));
    return fmt::format("unknown option '{}'{}", word, did_you_mean(word, names));
  }
  if (!subcommands.empty() && dynamic_cast<const CLI::RequiredError*>(&error)) {
    std::vector<std::string> names;
    for (const auto* sub : subcommands) names.push_back(sub->get_name());
    return fmt::format("'{}' needs a command: {}", command_path(command), join(names, ", "));
  }
  if (!extras.empty()) return fmt::format("unexpected argument '{}'", extras.front());
  if (const std::string what = error.what(); what.find("At Most 1 required") != std::string::npos)
    return what.substr(0, what.find(':')) + " takes one value: give it once";
  return error.what();
}

int exit_code_of_parse_error(CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
  std::cerr << "riskmap: " << explain(app, error) << "\n";
  std::cerr << "riskmap: see '" << command_path(chosen_command(app)) << " --help'\n";
  return 2;
}

// The intent a command's access declares.
Intent intent_of(Access access) {
  switch (access) {
    case Access::write:
      return Intent::write;
    case Access::import:
      return Intent::import;
    case Access::method:
      return Intent::method;
    case Access::none:
    case Access::read:
      break;
  }
  return Intent::read;
}

// Data that could not be written is a failure (exit 1), unless its reader
// went away (a closed pipe ends the command quietly). A write checks before
// its COMMIT, so that a failed command changes nothing.
void check_stdout(bool writing) {
  std::cout.flush();
  if (std::cout) return;
  const int error = stdout_error();
  if (error == EPIPE) return;
  if (writing)
    throw Error(fmt::format("standard output: cannot write: {}; nothing was changed",
                            error ? std::strerror(error) : "the write failed"));
  throw Error(fmt::format("standard output: cannot write: {}",
                          error ? std::strerror(error) : "the write failed"));
}

// Interrupted, a command ends at once: SQLite drops the uncommitted
// transaction, so the workspace stays as it was, and the files being
// written go with their staging folders.
void on_interrupt(int signal) {
  remove_staging_now();
  ::_exit(128 + signal);
}

// The top-level commands, in the order --help lists them, by the function
// that adds each group of them. Building every command's options costs
// more than the rest of a short command (CLI11 checks each option against
// its siblings), so a command line builds only the group it names; the
// other groups stay shells holding their name and description, all that
// the top level's --help and its errors show.
struct CommandGroup {
  void (*add)(CLI::App&);
  std::vector<std::pair<std::string_view, std::string_view>> commands;
};

const std::vector<CommandGroup>& command_groups() {
  static const std::vector<CommandGroup> groups = {
      {add_init_command, {{"init", "Create a workspace: riskmap.toml and riskmap.db"}}},
      {add_method_commands, {{"method", "The rating method: scales, levels, grid, appetite"}}},
      {add_asset_commands,
       {{"asset", "Business values (primary assets) and the supporting assets they rely on"}}},
      {add_scenario_commands,
       {{"scenario", "Risk scenarios, rated at the inherent, current and residual stages"}}},
      {add_control_commands,
       {{"control", "Security controls, existing or planned, and the requirements they answer"}}},
      {add_stakeholder_commands,
       {{"stakeholder",
         "Stakeholders of the ecosystem, their threat level and zone (initial and residual)"}}},
      {add_action_commands,
       {{"action",
         "The corrective action plan: actions implementing controls, with priority and "
         "lateness derived"}}},
      {add_study_commands,
       {{"feared-event",
         "Feared events of the EBIOS RM study (workshop 1): a business value, the criteria "
         "breached, the impacts and their gravity"},
        {"origin",
         "Risk origin / target objective couples, SR/OV (workshop 2), and their pertinence"},
        {"strategic",
         "Strategic scenarios (workshop 3): a couple, the feared events it leads to, its "
         "gravity"},
        {"path",
         "Attack paths of the strategic scenarios (workshop 3), through the stakeholders of "
         "the ecosystem"},
        {"operational",
         "Operational scenarios (workshop 4): an attack path in elementary actions, and its "
         "likelihood"},
        {"step",
         "Elementary actions of the operational scenarios (workshop 4): phase, antecedents, "
         "success probability, difficulty"}}},
      {add_matrix_command,
       {{"matrix", "Print the heat map: scenarios counted in each likelihood × impact cell"}}},
      {add_continuity_command,
       {{"continuity",
         "Set every asset against the continuity plans (BCP/DRP): criticality, MTD/MTDL, "
         "RTO/RPO, the scenarios breaching its availability or integrity, and the gaps"}}},
      {add_review_command,
       {{"review",
         "Review the map: run the rules over the workspace and list the findings (severity, "
         "rule, record, message, fix), highest severity first"}}},
      {add_transfer_commands,
       {{"import", "Import records from CSV, JSON or XLSX, all or nothing"},
        {"export",
         "Export records as CSV or JSON that import reads back exactly, or the whole "
         "workspace as a tree of TOML files that apply reads back"}}},
      {add_mapping_commands,
       {{"mapping",
         "Built-in import mappings, for other tools' exports and common registers (import "
         "--map NAME)"}}},
      {add_apply_command,
       {{"apply", "Make the workspace equal to a tree that export --tree wrote, all or nothing"}}},
      {add_merge_command,
       {{"merge",
         "Bring another map in (a workspace, a tree of export --tree or a snapshot), three-way "
         "against the map both started from: changes from both sides taken field by field, "
         "conflicts listed and nothing written until they are settled"}}},
      {add_report_commands,
       {{"report",
         "Render deliverables from templates: Markdown (with CSV and SVG), Excel, Word, PDF or "
         "slides (--format md,xlsx,docx,pdf,pptx)"},
        {"template", "The templates deliverables are rendered from"}}},
      {add_framework_commands,
       {{"framework",
         "Catalogs of requirements (NIST CSF, ISO 27001 Annex A...) that controls cite"}}},
      {add_soa_commands,
       {{"soa", "Statement of applicability: which requirements apply, and why"}}},
      {add_snapshot_commands,
       {{"snapshot", "Frozen copies of the map, to render and compare later (snapshots/ folder)"},
        {"diff",
         "Compare the scenarios of two states of the map: added, removed, changed, level "
         "moves"}}},
      {add_log_command,
       {{"log",
         "Show the change journal, newest first: when, who, the command, the refs touched"}}},
      {add_undo_command,
       {{"undo",
         "Revert the last writing commands (1 unless N), or those after journal entry --to, "
         "as one command; refused when another program changed their records since"}}},
      {add_completion_commands,
       {{"completion",
         "Print the completion script of a shell (bash, zsh or fish), e.g. source "
         "<(riskmap completion bash)"},
        {"__complete", "What may follow the words typed"}}},
  };
  return groups;
}

// The top-level command a command line names: its first word that is no
// global option nor an option's value. Empty when there is none (--help,
// --version alone); nullopt when the words are not plain enough to tell
// (then every command is built, and CLI11 judges as always).
std::optional<std::string> named_command(int argc, char** argv) {
  static constexpr std::string_view with_value[] = {"-w",     "--workspace", "--format",
                                                    "--lang", "--today",     "--author"};
  static constexpr std::string_view flags[] = {
      "-q", "--quiet", "-v", "--verbose", "--no-color", "--wide", "-h", "--help", "--version"};
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (!word.starts_with("-")) return std::string(word);
    if (std::find(std::begin(flags), std::end(flags), word) != std::end(flags)) continue;
    if (std::find(std::begin(with_value), std::end(with_value), word) != std::end(with_value)) {
      ++i;  // its value, whatever it looks like
      continue;
    }
    const std::string_view name = word.substr(0, word.find('='));
    if (name.size() < word.size() && name != "-w" &&
        std::find(std::begin(with_value), std::end(with_value), name) != std::end(with_value))
      continue;  // --format=json
    return std::nullopt;
  }
  return std::string();
}

struct Built {
  enum Kind { ok, drifted } kind = ok;
  std::string name;  // the command whose description drifted
};

// Adds the commands to `app`: in full the group that the command line
// names (all of them when it names none that can be told, or asks for
// completion, which walks the whole tree), the others as shells.
Built build_commands(CLI::App& app, int argc, char** argv) {
  const auto named = named_command(argc, argv);
  bool known = false;
  for (const auto& group : command_groups())
    for (const auto& [name, description] : group.commands) known = known || name == *named;
  const bool everything = !named || (!named->empty() && !known) || *named == "__complete";
  Built built;
  for (const auto& group : command_groups()) {
    bool wanted = everything;
    for (const auto& [name, description] : group.commands) wanted = wanted || name == *named;
    if (!wanted) {
      for (const auto& [name, description] : group.commands) {
        auto* shell = app.add_subcommand(std::string(name), std::string(description));
        if (name.starts_with("__")) shell->group("");  // not for people
      }
      continue;
    }
    group.add(app);
    const auto all = app.get_subcommands([](const CLI::App*) { return true; });
    for (const auto& [name, description] : group.commands) {
      const CLI::App* command = nullptr;
      for (const CLI::App* candidate : all)
        if (candidate->get_name() == name) command = candidate;
      if (!command || command->get_description() != description) {
        built.kind = Built::drifted;
        built.name = name;
      }
    }
  }
  return built;
}

}  // namespace

void on_run(CLI::App* command, Access access, std::function<void(Run&)> action) {
  actions()[command] = Action{access, std::move(action)};
}

int run(int argc, char** argv) {
  // Answered before anything else is set up: scripts ask it often.
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::cout << "riskmap " << version << "\n";
    return 0;
  }
  // Every file and folder riskmap creates, and those of the programs it
  // runs, are its user's alone: they hold the client's risk map.
  ::umask(077);
  struct sigaction interrupt {};
  interrupt.sa_handler = on_interrupt;
  sigemptyset(&interrupt.sa_mask);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &interrupt, nullptr);
  const TerminalSafeStream messages(std::cerr);  // they quote user text
  Globals globals;
  CLI::App app{"riskmap: IT risk mapping from the command line.", "riskmap"};
  app.set_version_flag("--version", std::string("riskmap ") + version);
  app.require_subcommand(1);
  app.fallthrough();
  app.option_defaults()->always_capture_default(false);
  app.add_option("-w,--workspace", globals.workspace,
                 "Workspace folder (default: $RISKMAP_WORKSPACE, else the nearest folder upward "
                 "holding riskmap.toml)");
  app.add_option("--format", globals.format,
                 "Output format: table, csv or json; for report: md, xlsx, docx, pdf, pptx, or several (md,xlsx)");
  app.add_option("--lang", globals.lang, "Language of labels and documents: fr or en");
  app.add_option("--today", globals.today, "The date to use as today, YYYY-MM-DD");
  app.add_option("--author", globals.author,
                 "Who to record in the change journal (default: the OS user)");
  app.add_flag("-q,--quiet", globals.quiet, "Print no messages, only data and errors");
  app.add_flag("-v,--verbose", globals.verbose, "Print more about what is done");
  app.add_flag("--no-color", globals.no_color, "No colours (also when NO_COLOR is set)");
  app.add_option("--csv-delimiter", globals.csv_delimiter,
                 "Delimiter of CSV output: , or ; (default: ; for French deliverables, else ,)");
  app.add_flag_callback(
      "--csv-bom", [&globals] { globals.csv_bom = true; },
      "Start CSV output with a UTF-8 byte order mark (default for French deliverables)");
  app.add_flag_callback(
      "--no-csv-bom", [&globals] { globals.csv_bom = false; }, "CSV output without a byte order mark");
  app.add_flag("--wide", globals.wide,
               "Tables as wide as their cells, never cut to the terminal's width (COLUMNS)");

  switch (const auto built = build_commands(app, argc, argv); built.kind) {
    case Built::ok:
      break;
    case Built::drifted:
      std::cerr << "riskmap: internal error: the command '" << built.name
                << "' is described otherwise in the table of commands (cli/app.cpp)\n";
      return 70;
  }

  globals.command_line = "riskmap";
  for (int i = 1; i < argc; ++i) globals.command_line += " " + shell_quote(argv[i]);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return exit_code_of_parse_error(app, error);
  }

  const CLI::App* command = chosen_command(app);
  const auto found = actions().find(command);
  if (found == actions().end()) {
    std::cerr << "riskmap: '" << command->get_display_name(true)
              << "' needs a subcommand; see its --help\n";
    return 2;
  }
  const Action& action = found->second;
  try {
    if (globals.today) option_value("--today", [&] { return Date::parse(*globals.today); });
    if (globals.workspace && globals.workspace->empty())
      throw UsageError("--workspace: the folder name is empty; give the workspace's folder");
    std::unique_ptr<Workspace> workspace;
    if (action.access != Access::none) {
      const auto found_workspace = find_workspace(
          globals.workspace, environment("RISKMAP_WORKSPACE"), std::filesystem::current_path());
      const auto& dir = found_workspace.dir;
      if (found_workspace.overridden && !globals.quiet)
        std::cerr << "riskmap: using the workspace " << dir.string()
                  << " that RISKMAP_WORKSPACE names, not " << found_workspace.overridden->string()
                  << " where the current folder is\n";
      OpenOptions options;
      options.intent = intent_of(action.access);
      options.author_of = [&globals] { return journal_author(globals); };
      options.command = globals.command_line;
      options.safe_workspaces = environment("RISKMAP_SAFE_WORKSPACES").value_or("");
      if (action.access != Access::read) options.ref_prefix = ref_prefix();
      workspace = Workspace::open(dir, options);
      if (globals.verbose && !globals.quiet)
        std::cerr << "riskmap: workspace "
                  << std::filesystem::absolute(dir).lexically_normal().string() << " (method "
                  << workspace->method().name << ")\n";
      if (!globals.quiet)
        for (const auto& note : workspace->notes()) std::cerr << "riskmap: " << note << "\n";
      if (workspace->config().tree) {
        // A tree that git changed (pull, merge, checkout) is brought in by
        // apply alone: any other command would work on, or overwrite, a
        // map that is no longer the team's.
        const bool applying = command->get_name() == "apply";
        if (!applying && !tree_is_current(*workspace))
          throw Error(fmt::format(
              "the tree of files in {} changed since riskmap last wrote it (a git pull, merge or "
              "checkout?): 'riskmap apply {}' brings it into the database first ('--dry-run' "
              "shows what changes); nothing done",
              dir.string(), dir.string()));
        workspace->before_commit([](Workspace& written) { sync_tree(written); });
      }
    }
    const bool writes = action.access == Access::write || action.access == Access::import ||
                        action.access == Access::method;
    Run run(globals, std::cout, std::cerr, std::move(workspace));
    if (writes) {
      // A reader that goes away (riskmap ... | true) must not kill a write
      // before it commits; what it would have read is simply dropped.
      std::signal(SIGPIPE, SIG_IGN);
      // What the command says is said once it has committed: "imported"
      // must not be read of an import whose COMMIT then failed.
      run.hold_notes();
      action.run(run);
      check_stdout(true);
      if (!run.discarded()) {
        Workspace& written = run.workspace();
        const std::size_t before = written.notes().size();
        run.record_change(written);
        written.commit();
        for (std::size_t i = before; i < written.notes().size(); ++i) run.note(written.notes()[i]);
      }
      run.release_notes();
    } else {
      // At a terminal, a table longer than the screen goes through the pager.
      std::optional<HeldOutput> held;
      if (stdout_is_terminal()) held.emplace();
      action.run(run);
      if (held) held->finish(run.printed_tables());
      check_stdout(false);
    }
    return 0;
  } catch (const GateCrossed& e) {
    if (!globals.quiet) std::cerr << "riskmap: " << e.what() << "\n";
    return 3;
  } catch (const UsageError& e) {
    std::cerr << "riskmap: " << e.what() << "\n";
    return 2;
  } catch (const ValueError& e) {
    std::cerr << "riskmap: " << e.what() << "\n";
    return 2;
  } catch (const Error& e) {
    std::cerr << "riskmap: " << e.what() << "\n";
    return 1;
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "riskmap: " << e.what() << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "riskmap: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    // A failure riskmap did not foresee is still an error, not a crash:
    // the transaction under way is rolled back as the workspace closes.
    std::cerr << "riskmap: unexpected error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace riskmap::cli
