#pragma once
// Printing what a command changed (log --show) or what undo changes back:
// one row a field, so that a table, CSV and JSON say the same.
#include <vector>

#include "command.hpp"
#include "undo.hpp"

namespace riskmap::cli {

// Rows kind, ref, change, field, before, after; a record with no field
// listed (the method) has one row with an empty field.
void write_record_changes(RowWriter& writer, const std::vector<ChangedRecord>& records);
void print_record_changes(Run& run, Format format, const std::vector<ChangedRecord>& records);

}  // namespace riskmap::cli
