#pragma once
// Output longer than the screen, shown through the user's pager.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace riskmap::cli {

// The pager: $PAGER, else "less -FRX"; none when PAGER is set but empty, or
// is "cat".
std::optional<std::string> pager_command();

// Rows `text` takes on a screen `columns` wide, a longer line wrapping onto
// the next rows; colour sequences take no room.
std::size_t screen_rows(std::string_view text, std::size_t columns);

// Shows `text` through `command`, run by /bin/sh (with LESS=FRX when LESS
// is not set, so that less keeps colours and leaves short output alone).
// While the pager runs, Ctrl-C is the pager's alone. False, having shown
// nothing, when the pager could not be started.
bool show_in_pager(std::string_view text, const std::string& command);

// On a terminal, what a reading command prints is held until it ends: a
// table longer than the screen then goes through the pager, anything else
// (and a table when the pager cannot start) is printed as it is. A command
// that fails still gets what it printed out before its error.
class HeldOutput {
 public:
  HeldOutput();
  ~HeldOutput();
  HeldOutput(const HeldOutput&) = delete;
  HeldOutput& operator=(const HeldOutput&) = delete;

  // Prints what was held; through the pager when `for_people` (a table) and
  // longer than the screen.
  void finish(bool for_people);

 private:
  bool finished_ = false;
};

}  // namespace riskmap::cli
