#pragma once
// The add, list, show, set and rm commands of a kind of record, built from
// its fields (core/entity.hpp), so that every kind behaves alike.
#include <functional>
#include <string>
#include <vector>

#include "command.hpp"
#include "entity.hpp"
#include "store.hpp"

namespace riskmap::cli {

struct ListSpec {
  std::vector<std::string> table_columns;    // what a table shows; CSV and JSON show all
  std::vector<std::string> derived_columns;  // computed columns after the fields
  std::function<void(Run&, const Record&, std::vector<Cell>&)> derive;
  // Adds the list command's filters; `filter` reads them once, before any
  // output, and returns what keeps a record.
  std::function<void(CLI::App*)> add_filters;
  std::function<std::function<bool(const Record&)>(Run&)> filter;
  // Orders the kept records; by default they come in natural ref order.
  std::function<void(Run&, std::vector<Record>&)> sort;
  // Or reads them from `store` in the list's order, one at a time, for a
  // kind that may hold too many records to sort in memory.
  std::function<void(Run&, RecordStore&, const std::function<void(Record&)>&)> stream;
};

// Whether `field` of `record` is `wanted` (a text or choice), or holds it (a
// list); an empty `wanted` keeps every record.
bool field_matches(const EntityKind& kind, const Record& record, std::string_view field,
                   const std::string& wanted);
// Reads a filter option's value for a choice field ("" stays "").
std::string choice_filter(Run& run, const EntityKind& kind, std::string_view field,
                          const std::string& text, const char* option);

// One record as "header  value" lines, for people (show commands); the
// choice fields of `kind` show their labels.
void show_table(Run& run, const std::vector<std::string>& columns, const std::vector<Cell>& cells,
                const EntityKind* kind = nullptr);

// `edit REF`: the record as TOML in the user's editor (record_edit.cpp).
void add_edit_command(CLI::App* group, const EntityKind& kind);

CLI::App* add_record_commands(CLI::App& app, const EntityKind& kind, const std::string& description,
                              ListSpec spec);

}  // namespace riskmap::cli
