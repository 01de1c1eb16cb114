#pragma once
// The label scales of an import mapping ([scale.NAME] labels = [...]): the
// orders in which another tool or a register may rate, low to high. Which of
// them a file uses is learnt from the labels the file holds; each label then
// lands on our scale, as ours when it is one of our labels, else by its
// order on the file's scale.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "mapping.hpp"

namespace riskmap {

// Whether some [scale] table of the mapping lists label scales: an import
// then reads the file's labels before its rows.
bool has_label_scales(const Mapping& mapping);

// The distinct cells of a file, by [scale] table name, that settle its label
// scales: those of the columns of fields reading the table that no [values]
// label maps and that are no number on its `from` scale.
using ScaleCells = std::map<std::string, std::set<std::string>, std::less<>>;

// Settles each [scale] table with label scales from the file's `cells`: the
// file's scale is the label scale holding the most of them (the shortest,
// then the first listed, among equals): every one of them when the file is
// right; a cell off it is read as ours, or is a bad row whose message names
// the scale. None holds any, and the table settles nothing (the cells are
// read as ours, or are bad rows). A label of that scale which
// is one of our labels is read as ours, the others by their order: position
// i of n is rescale(i, n, our size); if that would put two labels out of
// their order, every label is read by its order. Returns a note for each
// table where some label is read by its order, listing the correspondence.
std::vector<std::string> settle_label_scales(Mapping& mapping, const ScaleCells& cells,
                                             const Method& method);

}  // namespace riskmap
