#pragma once
// An import mapping: how the columns of an organisation's own spreadsheet
// (its existing risk map, exported as CSV) become the fields of one kind of
// record, how its labels and numbers land on the method's scales, defaults
// for fields, and columns kept as notes. The file is TOML (man riskmap,
// IMPORT MAPPING); it is checked whole before any row is read.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "encoding.hpp"
#include "entity.hpp"

namespace riskmap {

// How headers and labels are compared: trimmed, lowercase, without accents,
// runs of spaces and line breaks taken as one space ("  Elevé " = "ELEVE").
std::string match_key(std::string_view text);

// The items of a list cell: separated by ',', ';' or line breaks, trimmed,
// empty ones dropped.
std::vector<std::string> split_cell(std::string_view cell);

// A whole number on a client's scale 1..from, rescaled linearly onto 1..to,
// rounding halves up: 1 + floor((value - 1) * (to - 1) / (from - 1) + 1/2).
int rescale(int value, int from, int to);

struct MappedColumn {
  std::string field;     // "ref" or a field name of the kind
  std::string header;    // the client's column header, as the mapping writes it (the first)
  std::vector<std::string> others;  // other headers the column may have ({ header = [...] })
  std::size_t line = 0;  // where the mapping names it
  bool optional = false;  // the file may lack it ({ header = "...", optional = true })
};

// The scale names that a [values.NAME] or [scale.NAME] table may take besides
// a field's name: it then serves every field on that scale without a table
// of its own ([values.likelihood] for inherent, current and residual).
std::optional<Axis> scale_table_axis(std::string_view name);

// [values.NAME]: client labels (or numbers) and what they mean on our side.
struct LabelMap {
  struct Entry {
    std::string label;   // as the mapping writes it
    std::string target;  // a step id, a choice id or a ref; "" for no value
    bool given = false;  // by --map-values, over the mapping
  };
  std::string table;  // NAME: a field, or a scale for every field on it
  std::vector<Entry> entries;                           // in the mapping's order
  std::unordered_map<std::string, std::size_t> by_key;  // match_key(label) -> entry
  std::size_t line = 0;  // 0: made of --map-values alone

  // The target of a client value, or nullptr when it is not mapped.
  const std::string* find(std::string_view value) const;
  std::vector<std::string> labels() const;
  // Maps `label` to `target`, in place of what it mapped to before, as
  // --map-values does.
  void set(std::string label, std::string target);
};

// [scale.NAME]: how the client rates: whole numbers 1..from, or labels in
// the order of one of its label scales (low to high).
struct ClientScale {
  std::string table;  // NAME: a field, or a scale for every field on it
  int from = 0;  // 0: no numbers
  std::vector<std::vector<std::string>> labels;  // the label scales it may use
  std::size_t line = 0;
  // The labels' positions on our scale, once the file's labels have said
  // which label scale it uses (settle_label_scales): match_key -> position.
  std::unordered_map<std::string, int> settled;
  std::vector<std::string> chosen;  // the label scale settled, for messages
  // The file's labels when no label scale holds any of them, for messages.
  std::vector<std::string> unsettled;
};

struct Mapping {
  std::string source;  // the mapping file, for messages
  const EntityKind* kind = nullptr;
  std::optional<char> delimiter;  // none: detected from the header line
  Encoding encoding = Encoding::automatic;
  std::optional<std::string> ref_prefix;  // [refs] prefix: refs made of prefix + the cell's number
  std::size_t ref_prefix_line = 0;
  std::vector<std::string> empty;  // [file] empty: cells read as empty cells ("--", "n/a")
  bool formula_guard = false;      // [file] formula_guard: a leading "'" before =+-@ is removed
  // [file] header_row: the sheet's row number of a workbook's header, rows
  // above it being titles; none: the first row holding a value.
  std::optional<std::size_t> header_row;
  std::vector<MappedColumn> columns;  // "ref" and fields, in the mapping's order
  std::vector<MappedColumn> notes;    // columns kept as "Header: value" lines in notes
  std::map<std::string, LabelMap, std::less<>> values;     // by table name
  std::map<std::string, ClientScale, std::less<>> scales;  // by table name
  std::vector<std::pair<std::size_t, Value>> defaults;  // field index, value

  const Value* default_of(std::size_t field) const;
  // Whether a cell is one that [file] empty lists (trimmed, case and accents aside).
  bool empty_cell(std::string_view cell) const;
  // The [values] and [scale] tables a field reads: its own, else its scale's.
  const LabelMap* labels_for(const Field& field) const;
  const ClientScale* scale_for(const Field& field) const;
  ClientScale* scale_for(const Field& field);
  // Reads a client's cell for `field`: a label of its [values] table, a
  // number or a settled label of its [scale] table, else a value as riskmap
  // itself reads it (a position, an id or a label). List fields take items
  // separated by ',', ';' or line breaks. Throws ValueError saying what is
  // allowed.
  Value read(const Field& field, std::string_view cell, const Method& method) const;
  // The ref a client's ref cell gives: the cell itself, or with [refs]
  // prefix, the prefix and the cell's number ("n°3" -> R3). "" for an empty
  // cell. Throws ValueError.
  std::string read_ref(std::string_view cell) const;
};

// Reads and checks a mapping for `kind`: the tables and keys, the fields, and
// every label's target against `method`'s scales and the vocabularies.
// Errors are ContentError "source:line:column: message".
Mapping read_mapping(std::string_view text, const std::string& source, const EntityKind& kind,
                     const Method& method);

// Adds labels given on the command line, "NAME:LABEL=VALUE,LABEL=VALUE", to
// the [values.NAME] table (made when missing), each in place of the label's
// earlier target. Throws ValueError saying what is allowed.
void add_value_overrides(Mapping& mapping, std::string_view spec, const Method& method);

// Where the mapped columns are in a client file's header.
struct HeaderBinding {
  std::optional<std::size_t> ref;                           // column of the ref
  std::vector<std::pair<std::size_t, std::size_t>> fields;  // field index, column
  std::vector<std::pair<std::string, std::size_t>> notes;   // header as written, column
  std::vector<std::string> headers;                         // the file's header, trimmed
};
// Finds every mapped column in `header` (the first record of `file`, at
// `line`). A mapped column that is missing (unless optional), or that
// matches two columns, is a ContentError that lists the file's columns.
HeaderBinding bind_header(const Mapping& mapping, const std::vector<std::string>& header,
                          const std::string& file, std::size_t line);
// The same, `where` naming the header row ("file:1", "file.xlsx:Sheet!3").
HeaderBinding bind_header(const Mapping& mapping, const std::vector<std::string>& header,
                          const std::string& where);
// Whether `header` holds every column the mapping needs (its optional
// columns aside): the file is of the layout the mapping describes.
bool header_fits(const Mapping& mapping, const std::vector<std::string>& header);

}  // namespace riskmap
