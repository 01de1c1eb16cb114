#include "terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace riskmap::cli {

namespace {

// A positive whole number from the environment, or nothing.
std::optional<std::size_t> positive_environment(const char* name) {
  const char* value = std::getenv(name);
  if (!value) return std::nullopt;
  const std::string_view text(value);
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number == 0) return std::nullopt;
  return number;
}

}  // namespace

bool stdout_is_terminal() {
  return ::isatty(STDOUT_FILENO) == 1;
}

std::optional<TerminalSize> terminal_size() {
  if (!stdout_is_terminal()) return std::nullopt;
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0 || size.ws_row == 0)
    return std::nullopt;
  return TerminalSize{size.ws_col, size.ws_row};
}

std::optional<std::size_t> table_width() {
  if (const auto columns = positive_environment("COLUMNS")) return columns;
  if (const auto size = terminal_size()) return size->columns;
  return std::nullopt;
}

}  // namespace riskmap::cli
