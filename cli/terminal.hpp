#pragma once
// The terminal that standard output may be, as tables and the pager see it.
#include <cstddef>
#include <optional>

namespace riskmap::cli {

struct TerminalSize {
  std::size_t columns = 0;
  std::size_t rows = 0;
};

// The size of the terminal standard output is; nullopt when it is not one,
// or when the terminal does not say.
std::optional<TerminalSize> terminal_size();

// Whether standard output is a terminal.
bool stdout_is_terminal();

// The width tables fit in: COLUMNS when it holds a positive number, else the
// width of the terminal standard output is. None when standard output is
// not a terminal and COLUMNS is not set: what a script reads through a pipe
// or from a file is never cut.
std::optional<std::size_t> table_width();

}  // namespace riskmap::cli
