#pragma once
// Aligned text tables for people at a terminal.
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

// ANSI escape putting text on a "#rrggbb" background, with a readable foreground.
std::string on_colour(std::string_view text, std::string_view colour);

}  // namespace riskmap::cli
