#pragma once
// Shell completion read from the command tree itself: a command or an option
// completes as soon as it is declared, with no list to keep up to date. The
// shell scripts hand the words typed so far to `riskmap __complete` and
// offer what it prints.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "glance.hpp"
#include "method.hpp"

namespace riskmap::cli {

// What the shell offers for the word under the cursor.
struct Completion {
  enum class Kind {
    words,    // the suggestions below
    files,    // the shell's own completion of file names
    folders,  // the same, folders only
  };
  Kind kind = Kind::words;
  std::vector<Suggestion> suggestions;  // already matched against the word typed
};

// `words` are those after the program's name, the last one being the word
// under the cursor (empty when a new word begins). The workspace suggestions
// come from is the one `-w` names among them, else the one commands find.
Completion complete(const CLI::App& root, std::vector<std::string> words);

// What is being completed: the value of `option` (an option or a
// positional argument declared by `owner`) typed in `command`.
struct ValueRequest {
  const CLI::App& command;
  const CLI::App& owner;
  const CLI::Option& option;
  std::string_view typed;
  Glance& workspace;
  std::optional<Lang> lang;  // --lang among the words
};
// The values that fit, those that start like `typed` (case and accents aside).
Completion complete_value(const ValueRequest& request);

// "scenario show": a command's names from the root down, without the program's.
std::string command_words(const CLI::App& command);

// Whether `candidate` starts like `typed`, case and accents aside.
bool starts_like(std::string_view candidate, std::string_view typed);

// The completion script of a shell, "" for a shell riskmap does not complete.
std::string_view completion_script(std::string_view shell);
std::vector<std::string> completion_shells();  // "bash", "fish", "zsh"

}  // namespace riskmap::cli
