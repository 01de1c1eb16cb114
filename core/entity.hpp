#pragma once
// The record model shared by every kind of entity (asset, scenario, later
// control, action...). A kind is a list of fields; the command line options,
// the import and export columns, the JSON keys and the storage columns all
// derive from that list, so a field is declared once.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "method.hpp"

namespace riskmap {

class Workspace;

enum class FieldType {
  text,      // free text
  choice,    // one id of a fixed vocabulary
  choices,   // a list of ids of a fixed vocabulary
  words,     // a list of free tags: single words in any script
  refs,      // a list of refs of another (or the same) kind
  step,      // a position on the likelihood or impact scale
  duration,  // minutes, written "4h", "2d"...
  date,      // YYYY-MM-DD
  number,    // a whole number between minimum and maximum
};

enum class Axis { likelihood, impact, level };

struct Choice {
  std::string id;
  Text label;
};
using Vocabulary = std::vector<Choice>;

struct Field {
  Field(std::string field_name, FieldType field_type)
      : name(std::move(field_name)), type(field_type) {}

  std::string name;  // snake_case: JSON key, CSV column, SQL column or link table suffix
  FieldType type;
  std::string option;                // long option without dashes; lists use the singular ("asset")
  std::vector<std::string> aliases;  // further long option names
  std::string help;
  const Vocabulary* vocabulary = nullptr;  // choice, choices
  Axis axis = Axis::likelihood;            // step
  std::string target;                      // refs: the kind the refs name, e.g. "asset"
  std::string target_condition;    // refs: SQL the target must satisfy, e.g. "role = 'primary'"
  std::string target_description;  // refs: what satisfies it, for messages
  bool required = false;           // must be given on add
  std::string default_value;       // choice: value on add when not given
  std::int64_t minimum = 0;        // number
  // The largest number a number field holds (a field may set a lower one):
  // ten million records at it add up to 10^18, below the 9.2 * 10^18 of an
  // int64, so no total over a kind's records can overflow.
  static constexpr std::int64_t largest = 99'999'999'999;
  std::int64_t maximum = largest;
  bool qualified = false;  // refs: "FRAMEWORK:ID" framework requirements, not plain refs
  bool single = false;     // refs: at most one ref, shown as a text rather than a list
  bool ordered = false;    // a list kept in the order given (a path's stakeholders)
  // Derived from other records when not set by hand: the column holds the
  // hand-set value or nothing, and reading fills in the derived one (marked
  // in Record::derived), so that writing it back stores nothing.
  bool derivable = false;

  bool is_list() const {
    return type == FieldType::choices || type == FieldType::words || type == FieldType::refs;
  }
};

// The value of one field: unset, text (text, choice, date), a number (step
// position, duration in minutes) or a list.
using Value = std::variant<std::monostate, std::string, std::int64_t, std::vector<std::string>>;
bool is_unset(const Value& value);

struct Record {
  std::string ref;
  std::vector<Value> values;  // one per field of its kind, in order
  std::uint64_t derived = 0;  // bit i: values[i] was derived on reading, not set by hand

  bool is_derived(std::size_t field) const { return (derived >> field) & 1U; }
  void set_by_hand(std::size_t field) { derived &= ~(std::uint64_t{1} << field); }
  // Gives a derivable field its derived value (nothing happens when it was set by hand).
  void derive(std::size_t field, Value value) {
    if (!is_unset(values[field]) && !is_derived(field)) return;
    values[field] = std::move(value);
    if (is_unset(values[field]))
      set_by_hand(field);
    else
      derived |= std::uint64_t{1} << field;
  }
};

// Records from a source the caller holds: called with a visitor, it gives
// it each record once (in an order of its own).
using EachRecord = std::function<void(const std::function<void(const Record&)>&)>;

// Whether a field holds prose (a description, notes, a justification): a
// text that may span lines, which the command line also reads from a file
// or from standard input.
bool is_prose(const Field& field);

// Whether two states of a record store the same values: a derived value is
// not stored, so it does not count.
bool same_stored(const Record& a, const Record& b);

// Fills the derivable fields of a record read from the store.
using Deriver = std::function<void(Record&)>;

struct EntityKind {
  std::string name;    // "asset": the command group, the SQL table, messages
  std::string plural;  // "assets": the --kind of import and export
  std::string prefix;  // "A": generated refs are A1, A2...
  std::vector<Field> fields;
  // Columns that listings add but that are computed, never stored (a
  // scenario's levels): an import accepts and ignores them.
  std::vector<std::string> derived;
  // Checks across fields and fills derived defaults; throws ValueError.
  std::function<void(const EntityKind&, Record&)> complete;
  // Checks against other records before a write (a step's antecedents
  // belong to its operational scenario and form no cycle); throws ValueError.
  std::function<void(Workspace&, const Record&)> check_links = nullptr;
  // Makes the deriver of its derivable fields, reading what it needs of the
  // workspace once; none for a kind without derivable fields.
  std::function<Deriver(Workspace&)> deriver = nullptr;

  std::size_t index(std::string_view field) const;  // throws std::out_of_range
  const Field* find(std::string_view field) const;  // nullptr when unknown
  Record empty_record(std::string ref = {}) const;
};

// The columns listings add for the derivable fields: "FIELD_source", each
// `derived` or `set` (empty when the field has no value).
std::vector<std::string> source_columns(const EntityKind& kind);

// Field builders for the kinds' declarations.
Field text_field(std::string name, std::string help, bool required = false);
Field choice_field(std::string name, const Vocabulary& vocabulary, std::string help,
                   std::string default_value = {});
Field number_field(std::string name, std::string help, std::int64_t minimum,
                   std::int64_t maximum = Field::largest);
Field date_field(std::string name, std::string help);
Field duration_field(std::string name, std::string help);
// A list of refs of `target`; `option` is the singular option name ("asset").
Field refs_field(std::string name, std::string target, std::string option, std::string help);
// One ref of `target` (stored as a list of at most one).
Field ref_field(std::string name, std::string target, std::string option, std::string help,
                bool required = false);
// A field on the likelihood or impact scale.
Field step_field(std::string name, Axis axis, std::string help);

// Reads user text into a field's value; a list field takes a comma-separated
// list. Throws ValueError saying what is allowed.
Value parse_value(const Field& field, std::string_view text, const Method& method);
// Reads one list item of a list field.
std::string parse_item(const Field& field, std::string_view text);
// The exact text of a value, as CSV and tables show it (lists joined by ',').
std::string value_text(const Field& field, const Value& value, const Method& method);
// The text of a text, choice or date value; "" when unset. The reference
// lives as long as `value`: copy it to keep it longer.
const std::string& text_of(const Value& value);
// The items of a list value; an empty list when unset. Same lifetime rule.
const std::vector<std::string>& list_of(const Value& value);
// The number of a step, duration or number value; nothing when unset.
std::optional<std::int64_t> number_of(const Value& value);
// The label of a choice value in `lang`; "" when unset.
std::string choice_label(const Vocabulary& vocabulary, const Value& value, Lang lang);

const Scale& scale_of(const Field& field, const Method& method);
const Scale& scale_of(Axis axis, const Method& method);
const Choice* find_choice(const Vocabulary& vocabulary, std::string_view id);
// Sorts a list as it is shown: vocabulary order for choices, natural otherwise.
void sort_list(const Field& field, std::vector<std::string>& items);

}  // namespace riskmap
