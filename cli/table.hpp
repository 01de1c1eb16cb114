#pragma once
// Aligned text tables for people at a terminal, and messages made safe for it.
#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "entity.hpp"
#include "output.hpp"

namespace riskmap::cli {

// How tables are drawn for people.
struct TableStyle {
  bool colour = false;  // levels on their colour
  Lang lang = Lang::fr;  // of headers and of the labels of ids
  // The columns a line may take; none: every cell whole, however wide.
  std::optional<std::size_t> width;
  // The kind of record shown, whose choice fields show their labels.
  const EntityKind* kind = nullptr;
  // Cells too long for their column wrap onto the next lines rather than
  // being cut: for tables whose long texts are what people read (findings).
  bool wrap = false;
};

// A table of the given columns (all when empty; in that order otherwise):
// headers and ids (choices, zones, severities, yes/no) in the style's
// language, lists joined with ", ", levels shown by label. Too wide for the
// style's width, a long header wraps first; then the widest columns shrink
// first, their cells cut with "…" (or wrapped), none below a few columns.
std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, const TableStyle& style,
                                             std::vector<std::string> columns);

// One record as "header  value" lines (show), its empty fields left out,
// values wrapped to the style's width under their first line; a level is
// shown as "id (label)".
void write_record(std::ostream& out, const TableStyle& style,
                  const std::vector<std::string>& columns, const std::vector<Cell>& cells);

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
