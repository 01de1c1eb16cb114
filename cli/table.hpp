#pragma once
// Aligned text tables for people at a terminal, and messages made safe for it.
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "output.hpp"

namespace riskmap::cli {

// A table of the given columns (all when empty), lists joined with ", ",
// levels shown by label, on their colour when `colour`.
std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, bool colour,
                                             std::vector<std::string> columns);

// While it lives, what `stream` prints is made safe for a terminal
// (terminal_safe): messages quote user text (values, names, file contents).
// Restores the stream's own buffer when it ends.
class TerminalSafeStream {
 public:
  explicit TerminalSafeStream(std::ostream& stream);
  ~TerminalSafeStream();
  TerminalSafeStream(const TerminalSafeStream&) = delete;
  TerminalSafeStream& operator=(const TerminalSafeStream&) = delete;

 private:
  class Buffer;
  std::ostream& stream_;
  std::unique_ptr<Buffer> buffer_;
  std::streambuf* original_ = nullptr;
};

// ANSI escape putting text on a "#rrggbb" background, with a readable foreground.
std::string on_colour(std::string_view text, std::string_view colour);

}  // namespace riskmap::cli
