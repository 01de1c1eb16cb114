#include "changes.hpp"

namespace riskmap::cli {

namespace {

std::string_view what_name(ChangedRecord::What what) {
  switch (what) {
    case ChangedRecord::What::added:
      return "added";
    case ChangedRecord::What::removed:
      return "removed";
    case ChangedRecord::What::changed:
      break;
  }
  return "changed";
}

Cell shown_cell(const ShownValue& value) {
  if (!value) return std::monostate{};
  return *value;
}

}  // namespace

void write_record_changes(RowWriter& writer, const std::vector<ChangedRecord>& records) {
  writer.begin({"kind", "ref", "change", "field", "before", "after"});
  for (const auto& record : records) {
    const std::string what(what_name(record.what));
    if (record.fields.empty())
      writer.row({record.kind, record.ref, what, std::monostate{}, std::monostate{},
                   std::monostate{}});
    for (const auto& field : record.fields)
      writer.row({record.kind, record.ref, what, field.field, shown_cell(field.before),
                   shown_cell(field.after)});
  }
  writer.end();
}

void print_record_changes(Run& run, Format format, const std::vector<ChangedRecord>& records) {
  write_record_changes(*run.writer(format), records);
}

}  // namespace riskmap::cli
