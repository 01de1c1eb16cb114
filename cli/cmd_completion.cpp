// `completion SHELL` prints a shell's completion script; the hidden
// `__complete -- WORD...` is what the scripts call at each TAB.
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "command.hpp"
#include "completion.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

// A value or description as one line of the protocol: no tab, no line
// break, nothing a terminal would act on.
std::string one_line(std::string_view text) {
  std::string line = terminal_safe(text);
  for (char& c : line)
    if (c == '\n' || c == '\t') c = ' ';
  return line;
}

void print(std::ostream& out, const Completion& completion) {
  switch (completion.kind) {
    case Completion::Kind::files:
      out << "files\n";
      return;
    case Completion::Kind::folders:
      out << "folders\n";
      return;
    case Completion::Kind::words:
      break;
  }
  out << "words\n";
  for (const auto& suggestion : completion.suggestions) {
    // A value a shell could not insert as it is, is not offered.
    if (suggestion.value.empty() || one_line(suggestion.value) != suggestion.value) continue;
    out << suggestion.value;
    if (!suggestion.description.empty()) out << '\t' << one_line(suggestion.description);
    out << '\n';
  }
}

}  // namespace

void add_completion_commands(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  auto* completion =
      app.add_subcommand("completion",
                         "Print the completion script of a shell (bash, zsh or fish), e.g. "
                         "source <(riskmap completion bash)");
  completion->add_option("shell", *shell, "bash, zsh or fish")->required();
  on_run(completion, Access::none, [shell](Run& run) {
    const std::string_view script = completion_script(*shell);
    if (script.empty()) {
      const auto shells = completion_shells();
      throw UsageError(
          fmt::format("completion: '{}' is not a shell riskmap completes{}; allowed: {}", *shell,
                      did_you_mean(*shell, shells), quoted_list(shells)));
    }
    run.out() << script;
  });

  auto words = std::make_shared<std::vector<std::string>>();
  auto* callback = app.add_subcommand("__complete", "What may follow the words typed");
  callback->group("");  // for the scripts, not for people
  callback->add_option("words", *words, "The words after riskmap, the last one being typed");
  const CLI::App* root = &app;
  on_run(callback, Access::none, [root, words](Run& run) {
    // Completion never stops someone typing: whatever goes wrong, it
    // suggests nothing and says nothing.
    try {
      print(run.out(), complete(*root, *words));
    } catch (const std::exception&) {
    }
  });
}

}  // namespace riskmap::cli
