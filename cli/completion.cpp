#include "completion.hpp"

#include <cstdlib>
#include <filesystem>
#include <set>

#include "text.hpp"

namespace riskmap::cli {

namespace {

std::optional<std::string> environment(const char* name) {
  if (const char* value = std::getenv(name)) return std::string(value);
  return std::nullopt;
}

bool takes_value(const CLI::Option& option) {
  return option.get_items_expected_max() > 0;
}

bool is_positional(const CLI::Option& option) {
  return option.get_positional() && !option.nonpositional();
}

bool hidden(const CLI::Option& option) {
  return option.get_group().empty();
}

// An option declared by `command` or, since options fall through to the
// parent commands, by one of them; with the command that declares it.
struct FoundOption {
  const CLI::Option* option = nullptr;
  const CLI::App* owner = nullptr;
};

FoundOption find_option(const CLI::App& command, std::string_view name) {
  const bool is_long = name.starts_with("--");
  const std::string bare(name.substr(is_long ? 2 : 1));
  for (const CLI::App* app = &command; app; app = app->get_parent())
    for (const CLI::Option* option : app->get_options())
      if (is_long ? option->check_lname(bare) : option->check_sname(bare)) return {option, app};
  return {};
}

const CLI::App* find_subcommand(const CLI::App& command, std::string_view name) {
  for (const CLI::App* sub : command.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->check_name(std::string(name))) return sub;
  return nullptr;
}

std::vector<const CLI::App*> visible_subcommands(const CLI::App& command) {
  return command.get_subcommands(
      [](const CLI::App* sub) { return !sub->get_group().empty() && !sub->get_disabled(); });
}

// The positional argument that the `given`-th positional word (from 0) fills.
const CLI::Option* positional_at(const CLI::App& command, std::size_t given) {
  std::size_t first = 0;
  for (const CLI::Option* option : command.get_options()) {
    if (!is_positional(*option)) continue;
    const auto count = static_cast<std::size_t>(option->get_items_expected_max());
    if (given < first + count) return option;
    first += count;
  }
  return nullptr;
}

// A help text as one short line: a shell shows it beside the word.
std::string brief(std::string_view text) {
  std::string line = terminal_safe(text.substr(0, text.find('\n')));
  if (const auto cut = line.find(" ("); cut != std::string::npos && cut > 0) line.resize(cut);
  if (const auto cut = line.find("; "); cut != std::string::npos && cut > 0) line.resize(cut);
  return line;
}

Completion option_names(const CLI::App& command, std::string_view typed) {
  Completion completion;
  std::set<std::string> seen;
  for (const CLI::App* app = &command; app; app = app->get_parent())
    for (const CLI::Option* option : app->get_options()) {
      if (is_positional(*option) || hidden(*option)) continue;
      std::vector<std::string> names;
      for (const auto& name : option->get_lnames()) names.push_back("--" + name);
      // A short name only once typed ("-w"), or for an option that has no other.
      if (names.empty() || (typed.size() == 2 && typed != "--"))
        for (const auto& name : option->get_snames()) names.push_back("-" + name);
      for (const auto& name : names)
        if (name.starts_with(typed) && seen.insert(name).second)
          completion.suggestions.push_back({name, brief(option->get_description())});
    }
  return completion;
}

// Where the words typed before the one under the cursor have led.
struct Parsed {
  const CLI::App* command = nullptr;
  std::size_t positionals = 0;  // positional words given to `command`
  bool options_ended = false;   // after "--"
  FoundOption pending;          // an option still waiting for its value
  std::optional<std::string> workspace, lang;
};

void note_value(Parsed& parsed, const CLI::Option& option, const std::string& value) {
  if (option.check_lname("workspace")) {
    // The shell has not expanded "~/" in a word still being typed.
    const auto home = environment("HOME");
    parsed.workspace = value.starts_with("~/") && home ? *home + value.substr(1) : value;
  }
  if (option.check_lname("lang")) parsed.lang = value;
}

void read_option_word(Parsed& parsed, const std::string& word) {
  if (word.starts_with("--")) {
    const auto equals = word.find('=');
    const FoundOption found = find_option(*parsed.command, word.substr(0, equals));
    if (!found.option || !takes_value(*found.option)) return;
    if (equals == std::string::npos)
      parsed.pending = found;
    else
      note_value(parsed, *found.option, word.substr(equals + 1));
    return;
  }
  // -qv: flags cluster; -wDIR: a value joined to its option.
  for (std::size_t i = 1; i < word.size(); ++i) {
    const FoundOption found = find_option(*parsed.command, std::string{'-', word[i]});
    if (!found.option || !takes_value(*found.option)) continue;
    if (i + 1 < word.size())
      note_value(parsed, *found.option, word.substr(i + 1));
    else
      parsed.pending = found;
    return;
  }
}

Parsed read_words(const CLI::App& root, const std::vector<std::string>& words) {
  Parsed parsed;
  parsed.command = &root;
  for (const std::string& word : words) {
    if (parsed.pending.option) {
      note_value(parsed, *parsed.pending.option, word);
      parsed.pending = {};
    } else if (!parsed.options_ended && word == "--") {
      parsed.options_ended = true;
    } else if (!parsed.options_ended && word.size() > 1 && word.front() == '-') {
      read_option_word(parsed, word);
    } else if (const CLI::App* sub =
                   parsed.options_ended ? nullptr : find_subcommand(*parsed.command, word)) {
      parsed.command = sub;
      parsed.positionals = 0;
    } else {
      ++parsed.positionals;
    }
  }
  return parsed;
}

}  // namespace

std::string command_words(const CLI::App& command) {
  std::string words;
  for (const CLI::App* app = &command; app && app->get_parent(); app = app->get_parent())
    words = words.empty() ? app->get_name() : app->get_name() + " " + words;
  return words;
}

bool starts_like(std::string_view candidate, std::string_view typed) {
  return fold(candidate).starts_with(fold(typed));
}

Completion complete(const CLI::App& root, std::vector<std::string> words) {
  const std::string typed = words.empty() ? std::string() : words.back();
  if (!words.empty()) words.pop_back();
  const Parsed parsed = read_words(root, words);
  Glance workspace(parsed.workspace, environment("RISKMAP_WORKSPACE"),
                   std::filesystem::current_path(),
                   environment("RISKMAP_SAFE_WORKSPACES").value_or(""));
  std::optional<Lang> lang;
  if (parsed.lang) {
    try {
      lang = parse_lang(*parsed.lang);
    } catch (const std::exception&) {
      // A --lang riskmap will refuse: descriptions in the workspace's language.
    }
  }
  const CLI::App& command = *parsed.command;
  const auto value = [&](const FoundOption& found, std::string_view value_typed) {
    return complete_value({command, *found.owner, *found.option, value_typed, workspace, lang});
  };

  if (parsed.pending.option) return value(parsed.pending, typed);
  if (!parsed.options_ended && typed.starts_with("-")) {
    if (const auto equals = typed.find('=');
        typed.starts_with("--") && equals != std::string::npos) {
      const FoundOption found = find_option(command, typed.substr(0, equals));
      if (!found.option || !takes_value(*found.option)) return {};
      return value(found, std::string_view(typed).substr(equals + 1));
    }
    return option_names(command, typed);
  }
  const auto subcommands =
      parsed.options_ended ? std::vector<const CLI::App*>() : visible_subcommands(command);
  if (!subcommands.empty()) {
    Completion completion;
    for (const CLI::App* sub : subcommands)
      if (sub->get_name().starts_with(typed))
        completion.suggestions.push_back({sub->get_name(), brief(sub->get_description())});
    return completion;
  }
  if (const CLI::Option* positional = positional_at(command, parsed.positionals)) {
    Completion completion = value({positional, &command}, typed);
    if (completion.kind != Completion::Kind::words || !completion.suggestions.empty() ||
        !typed.empty() || positional->get_required())
      return completion;
  }
  // No argument to give here, or one that may be left out: the options.
  return option_names(command, typed);
}

}  // namespace riskmap::cli
