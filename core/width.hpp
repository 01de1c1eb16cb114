#pragma once
// How much room text takes in a terminal, and how to make it fit, by
// grapheme clusters (what a reader sees as one character): a combining mark
// takes no column, a wide East Asian character or an emoji takes two, and
// text is only ever cut between clusters, never inside a UTF-8 sequence nor
// between a letter and its accents.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap {

// Columns `text` takes: each grapheme cluster counts as its widest code
// point; control characters take none; an invalid byte takes one.
std::size_t display_width(std::string_view text);

// `text` itself when it fits in `width` columns; else its longest start that
// fits with "…" after it (spaces before the "…" dropped).
std::string truncate_to_width(std::string_view text, std::size_t width);

// `text` in lines of at most `width` columns: broken at spaces, which are
// dropped at the break, or after a hyphen; a word wider than a line is
// broken between grapheme clusters. A line feed in `text` starts a new line; an empty text is one
// empty line. A single cluster wider than `width` still makes a line.
std::vector<std::string> wrap_to_width(std::string_view text, std::size_t width);

// Column widths that add up to at most `room`, taking one column at a time
// from the widest column that is above its minimum, until the total fits or
// every column is at its minimum (then the total may stay above `room`).
std::vector<std::size_t> shrink_widest(std::vector<std::size_t> widths,
                                       const std::vector<std::size_t>& minimums, std::size_t room);

// Column widths that add up to at most `room`, each column above its
// minimum giving up room in proportion to how far above it it is: a wide
// column loses most, and keeps more than an equal share (a long title stays
// readable beside a shorter name). The same limits as shrink_widest.
std::vector<std::size_t> shrink_in_proportion(std::vector<std::size_t> widths,
                                              const std::vector<std::size_t>& minimums,
                                              std::size_t room);

}  // namespace riskmap
