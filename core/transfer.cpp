#include "transfer.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "asset.hpp"
#include "control.hpp"
#include "csv.hpp"
#include "encoding.hpp"
#include "kinds.hpp"
#include "labels.hpp"
#include "mapping_presets.hpp"
#include "mapping_scales.hpp"
#include "method_store.hpp"
#include "output.hpp"
#include "problems.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "text.hpp"
#include "xlsx.hpp"

namespace riskmap {

OnConflict parse_on_conflict(std::string_view text) {
  if (text == "fail") return OnConflict::fail;
  if (text == "skip") return OnConflict::skip;
  if (text == "update") return OnConflict::update;
  const std::vector<std::string> names{"fail", "skip", "update"};
  throw ValueError(fmt::format("'{}' is not allowed{}; allowed: {}", text,
                               did_you_mean(text, names), quoted_list(names)));
}

namespace {

constexpr std::size_t journal_refs = 100;

// A ref written, for the journal entry: the first ones named, all counted.
void note_ref(ImportResult& result, const std::string& ref) {
  if (result.refs.size() < journal_refs) result.refs.push_back(ref);
  ++result.total_refs;
}

bool all_blank(std::vector<std::string>::const_iterator begin,
               std::vector<std::string>::const_iterator end) {
  return std::all_of(begin, end, [](const std::string& field) { return trim(field).empty(); });
}

// Writes rows of one kind: maps cells onto fields and applies --on-conflict.
class KindImporter {
 public:
  KindImporter(Workspace& workspace, const EntityKind& kind, const ImportOptions& options,
               ImportResult& result, Problems& problems)
      : workspace_(workspace),
        kind_(kind),
        options_(options),
        added_(workspace.db(), kind.name),
        store_(workspace, kind),
        result_(result),
        problems_(problems) {
    store_.set_deferred_links(true);
    store_.set_bulk(&added_);
    count_.kind = kind.plural;
  }

  using Values = std::vector<std::pair<std::size_t, Value>>;
  // Where the i-th cell is, or the ref's cell for nullopt, when a cell's
  // place is not the row's ("file.xlsx:Sheet!C12").
  using CellWhere = std::function<std::string(std::optional<std::size_t> cell)>;

  // One record; `cells` are (field index, text) pairs; `where` prefixes messages.
  void write(std::optional<std::string> ref,
             const std::vector<std::pair<std::size_t, std::string>>& cells,
             const std::string& where, const CellWhere& where_cell = {}) {
    const auto at = [&](std::optional<std::size_t> cell) {
      return where_cell ? where_cell(cell) : where;
    };
    Values values;
    bool bad = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto& [index, text] = cells[i];
      const Field& field = kind_.fields[index];
      std::string_view read = text;
      if (const auto update = update_cell(text)) {
        if (*update == Cell::keep) continue;
        read = {};  // cleared, as an empty value is where a field allows it
      }
      try {
        values.emplace_back(index, parse_value(field, read, workspace_.method()));
      } catch (const ValueError& e) {
        problems_.add(fmt::format("{}: column '{}': {}", at(i), field.name, e.what()));
        bad = true;
      }
    }
    if (ref && !ref->empty() && !is_valid_ref(*ref)) {
      problems_.add(
          fmt::format("{}: column 'ref': '{}' is not a valid ref: use letters, digits, '.', "
                      "'_' or '-'",
                      at(std::nullopt), *ref));
      return;
    }
    if (bad) return;
    write_values(std::move(ref), std::move(values), {}, where);
  }

  // One record from values read already: `given` are the fields the row
  // sets; `fresh` the values a new record takes for fields the row leaves out.
  void write_values(std::optional<std::string> ref, Values given, const Values& fresh,
                    const std::string& where) {
    Record record = kind_.empty_record();
    std::vector<bool> is_given(kind_.fields.size());
    for (auto& [index, value] : given) {
      record.values[index] = std::move(value);
      is_given[index] = true;
    }
    const auto add_fresh = [&] {
      for (const auto& [index, value] : fresh)
        if (!is_given[index]) record.values[index] = value;
    };
    store_.set_origin(where);
    try {
      if (!ref || ref->empty()) {
        record.ref = store_.next_ref();
        const std::string generated = record.ref;
        add_fresh();
        store_.insert(std::move(record));
        note(generated), ++count_.added;
        return;
      }
      record.ref = *ref;
      if (!store_.exists(*ref)) {
        add_fresh();
        store_.insert(std::move(record));
        note(*ref), ++count_.added;
      } else if (auto existing = store_.find(*ref)) {
        if (options_.on_conflict == OnConflict::fail) {
          problems_.add(
              fmt::format("{}: {} {} already exists (in the workspace or earlier in the file); "
                          "--on-conflict skip or update decides what to do with it",
                          where, kind_.name, *ref));
        } else if (options_.on_conflict == OnConflict::skip) {
          ++count_.skipped;
        } else {
          const Record before = *existing;
          for (std::size_t i = 0; i < is_given.size(); ++i) {
            if (!is_given[i]) continue;
            // A cell that repeats a derived value leaves it derived.
            if (existing->is_derived(i) && existing->values[i] == record.values[i]) continue;
            existing->values[i] = std::move(record.values[i]);
            existing->set_by_hand(i);
          }
          if (same_stored(before, *existing)) {
            ++count_.unchanged;
          } else {
            store_.update(std::move(*existing));
            note(*ref), ++count_.updated;
          }
        }
      }
    } catch (const ValueError& e) {
      problems_.add(fmt::format("{}: {}", where, e.what()));
    } catch (const UnknownRef& e) {
      problems_.add(fmt::format("{}: {}", where, e.what()));
    } catch (const Conflict& e) {
      problems_.add(fmt::format("{}: {}", where, e.what()));
    }
  }

  enum class Cell { keep, clear };
  // What a cell of an update does before it is read as a value: an empty
  // cell keeps the stored value (unless --clear-empty), "-" clears it;
  // nothing for any other cell, read as usual.
  std::optional<Cell> update_cell(std::string_view text) const {
    if (options_.on_conflict != OnConflict::update) return std::nullopt;
    const std::string_view cell = trim(text);
    if (cell == "-") return Cell::clear;
    if (cell.empty()) return options_.clear_empty ? Cell::clear : Cell::keep;
    return std::nullopt;
  }

  // Whether a row of this ref is skipped (--on-conflict skip and the ref
  // exists); counts it as skipped.
  bool skipped(const std::string& ref) {
    if (options_.on_conflict != OnConflict::skip || ref.empty() || !store_.exists(ref))
      return false;
    ++count_.skipped;
    return true;
  }

  void note(const std::string& ref) { note_ref(result_, ref); }

  // Writes the records held so far (RecordStore::set_bulk).
  void flush() { store_.flush(); }

  void finish() {
    for (auto& message : store_.check_deferred_links()) problems_.add(std::move(message));
    result_.counts.push_back(count_);
  }

 private:
  Workspace& workspace_;
  const EntityKind& kind_;
  const ImportOptions& options_;
  AddedRows added_;  // outlives the store, which may be writing through it
  RecordStore store_;
  ImportResult& result_;
  Problems& problems_;
  ImportCount count_;
};

bool is_derived(const EntityKind& kind, std::string_view column) {
  const auto sources = source_columns(kind);
  return std::find(kind.derived.begin(), kind.derived.end(), column) != kind.derived.end() ||
         std::find(sources.begin(), sources.end(), column) != sources.end();
}

// The derivable field a "FIELD_source" column speaks of.
std::optional<std::size_t> source_field(const EntityKind& kind, std::string_view column) {
  if (!column.ends_with("_source")) return std::nullopt;
  const Field* field = kind.find(column.substr(0, column.size() - 7));
  if (!field || !field->derivable) return std::nullopt;
  return kind.index(field->name);
}

// A listing gives derived values beside hand-set ones: a value its
// FIELD_source calls derived is not imported as typed.
void drop_derived(std::vector<std::pair<std::size_t, std::string>>& cells,
                  const std::vector<std::size_t>& derived) {
  for (auto& [index, text] : cells)
    if (std::find(derived.begin(), derived.end(), index) != derived.end()) text.clear();
}

std::vector<std::string> allowed_columns(const EntityKind& kind) {
  std::vector<std::string> names{"ref"};
  for (const auto& field : kind.fields) names.push_back(field.name);
  return names;
}

// A column's name in riskmap's own format: a field's name, or the header
// the documents give it in either language ("Vraisemblance initiale",
// "Current likelihood"), so that a register.xlsx the client edited reads
// back as it is.
std::string column_name(const EntityKind& kind, std::string_view header) {
  if (header == "ref" || kind.find(header) || is_derived(kind, header)) return std::string(header);
  const std::string folded = fold(header);
  const auto matches = [&](std::string_view name) {
    const Text* label = column_label(name);
    return label && (fold(label->fr) == folded || fold(label->en) == folded);
  };
  if (matches("ref")) return "ref";
  for (const Field& field : kind.fields)
    if (matches(field.name)) return field.name;
  for (const auto& name : kind.derived)
    if (matches(name)) return name;
  return std::string(header);
}

// Rows in riskmap's own format: a header naming fields, then records.
void import_rows(Workspace& workspace, RowSource& reader, const ImportOptions& options,
                 ImportResult& result, Problems& problems) {
  const EntityKind& kind = *options.kind;
  Row header;
  if (!reader.next(header) || (header.fields.size() == 1 && trim(header.fields[0]).empty()))
    throw ImportError(fmt::format("{}: {} import needs a header row naming the columns, e.g. {}",
                                  reader.empty_text(), reader.delimiter() ? "a CSV" : "an",
                                  join(allowed_columns(kind), ",")));
  if (header.broken) problems.throw_if_any<ImportError>(options.source);
  // Column positions: -1 for ref, -2 for ignored derived columns, else a field index.
  std::vector<long> columns;
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = column_name(kind, trim(header.fields[i]));
    header.fields[i] = name;
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      throw ImportError(fmt::format("{}: column '{}' appears twice in the header",
                                    reader.where(header), name));
    seen.push_back(name);
    if (name == "ref") {
      columns.push_back(-1);
    } else if (is_derived(kind, name)) {
      columns.push_back(-2);
    } else if (kind.find(name)) {
      columns.push_back(static_cast<long>(kind.index(name)));
    } else {
      const auto names = allowed_columns(kind);
      const auto unknown = std::count_if(
          header.fields.begin(), header.fields.end(), [&](const std::string& column) {
            const auto text = trim(column);
            return !text.empty() && text != "ref" && !is_derived(kind, text) && !kind.find(text);
          });
      throw ImportError(fmt::format(
          "{}: unknown column '{}' for {}{}{}; allowed: {}", reader.where(header), name,
          kind.plural, did_you_mean(name, names),
          foreign_header_hint(header.fields, static_cast<std::size_t>(unknown),
                              reader.delimiter(), workspace.method()),
          join(names, ", ")));
    }
  }
  // An update may name only the columns it changes; new records still need theirs.
  for (std::size_t i = 0; i < kind.fields.size() && options.on_conflict != OnConflict::update; ++i)
    if (kind.fields[i].required &&
        std::find(columns.begin(), columns.end(), static_cast<long>(i)) == columns.end())
      throw ImportError(fmt::format("{}: the header has no '{}' column, which {} require",
                                    reader.where(header), kind.fields[i].name, kind.plural));

  std::vector<std::optional<std::size_t>> sources;  // by column
  for (const auto& name : header.fields) sources.push_back(source_field(kind, trim(name)));

  KindImporter importer(workspace, kind, options, result, problems);
  Row row;
  std::vector<std::pair<std::size_t, std::string>> cells;
  std::vector<std::size_t> cell_columns;  // the column of each cell
  std::size_t ref_column = 0;
  std::vector<std::size_t> derived;
  const KindImporter::CellWhere where_cell = [&](std::optional<std::size_t> cell) {
    return reader.where(row, cell ? cell_columns[*cell] : ref_column);
  };
  while (reader.next(row)) {
    if (row.broken) continue;  // its structural error is reported
    if (row.fields.size() == 1 && trim(row.fields[0]).empty()) continue;  // a blank line
    const std::string where = reader.where(row);
    if (row.fields.size() != columns.size()) {
      problems.add(reader.too_wide(row, columns.size()));
      continue;
    }
    cells.clear();
    cell_columns.clear();
    derived.clear();
    std::optional<std::string> ref;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == -1) {
        ref = std::string(trim(row.fields[i]));
        ref_column = i;
      } else if (columns[i] >= 0) {
        cells.emplace_back(static_cast<std::size_t>(columns[i]), std::move(row.fields[i]));
        cell_columns.push_back(i);
      } else if (sources[i] && trim(row.fields[i]) == "derived") {
        derived.push_back(*sources[i]);
      }
    }
    drop_derived(cells, derived);
    importer.write(ref, cells, where, where_cell);
  }
  importer.finish();
  for (auto& note : reader.notes()) result.notes.push_back(std::move(note));
}

void import_csv(Workspace& workspace, std::istream& in, const ImportOptions& options,
                ImportResult& result, Problems& problems) {
  // riskmap's own format, as export wrote it or a spreadsheet saved it again:
  // ',' or ';' (from the header line), with or without a BOM, formulas guarded.
  csv::Reader reader(in, options.source, '\0');
  reader.remove_formula_guards();
  reader.keep_reading(&problems);
  import_rows(workspace, reader, options, result, problems);
}

// Records that the cells of a mapped scenario import name by ref or by name
// (assets by name, controls by title), created when nothing matches. The
// refs and names are read once, then kept up to date as records are created.
class NameResolver {
 public:
  NameResolver(Workspace& workspace, const EntityKind& kind, const std::string& name_field,
               ImportResult& result)
      : kind_(kind), store_(workspace, kind), name_index_(kind.index(name_field)), result_(result) {
    auto rows =
        workspace.db().prepare(fmt::format("SELECT ref, {} FROM {}", name_field, kind.name));
    while (rows.step()) remember(std::string(rows.text(0)), std::string(rows.text(1)));
  }

  // The ref of the record `item` names: a ref (case aside), else a name
  // (case and accents aside); else a new record named `item`, with `extra`
  // set. Throws ValueError for a name several records share and for an
  // unknown item written like a generated ref ("A12"), which is more likely
  // a mistyped ref than the name of a new record.
  std::string resolve(const std::string& item,
                      const std::vector<std::pair<std::size_t, Value>>& extra,
                      const std::string& where) {
    if (exact_.contains(item)) return item;
    const std::string key = match_key(item);
    if (const auto it = by_ref_.find(key); it != by_ref_.end()) return it->second;
    if (const auto it = by_name_.find(key); it != by_name_.end()) {
      if (it->second.size() > 1)
        throw ValueError(fmt::format("'{}' is the {} of several {}: {}; write the ref", item,
                                     kind_.fields[name_index_].name, kind_.plural,
                                     join(it->second, ", ")));
      return it->second.front();
    }
    if (written_like_ref(item)) {
      std::vector<std::string> refs(exact_.begin(), exact_.end());
      throw ValueError(fmt::format(
          "unknown {} '{}'{}: it is written like a ref, so no {} is created by that name; name an "
          "existing {} by ref or {}, or write the new one's {}",
          kind_.name, item, did_you_mean(item, refs), kind_.name, kind_.name,
          kind_.fields[name_index_].name, kind_.fields[name_index_].name));
    }
    if (before_create_) before_create_();
    Record record = kind_.empty_record(store_.next_ref());
    record.values[name_index_] = item;
    for (const auto& [index, value] : extra) record.values[index] = value;
    const std::string ref = record.ref;
    store_.set_origin(where);
    store_.insert(std::move(record));
    result_.created.push_back({kind_.name, ref, item});
    note_ref(result_, ref);
    remember(ref, item);
    ++created_;
    return ref;
  }

  std::size_t created() const { return created_; }
  const EntityKind& kind() const { return kind_; }
  // Runs before a record is created: the importer writes what it holds,
  // so that undo keeps the writes in the order of the file's rows.
  void before_create(std::function<void()> run) { before_create_ = std::move(run); }

 private:
  void remember(const std::string& ref, const std::string& name) {
    exact_.insert(ref);
    by_ref_.emplace(match_key(ref), ref);
    by_name_[match_key(name)].push_back(ref);
  }
  bool written_like_ref(std::string_view item) const {
    if (item.size() <= kind_.prefix.size() ||
        fold(item.substr(0, kind_.prefix.size())) != fold(kind_.prefix))
      return false;
    const auto digits = item.substr(kind_.prefix.size());
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  const EntityKind& kind_;
  RecordStore store_;
  std::size_t name_index_;
  ImportResult& result_;
  std::set<std::string, std::less<>> exact_;
  std::unordered_map<std::string, std::string> by_ref_;
  std::unordered_map<std::string, std::vector<std::string>> by_name_;
  std::size_t created_ = 0;
  std::function<void()> before_create_;
};

bool blank_row(const Row& row) {
  return all_blank(row.fields.begin(), row.fields.end());
}

// The cells that settle the label scales of a mapping (mapping_scales.hpp),
// read from `reader` at the start of the file: those of the columns of fields
// reading a [scale] table with label scales, unless a [values] label maps
// them or they are a number on the table's `from` scale. The reading that
// follows reports what is wrong with the file.
ScaleCells label_scale_cells(RowSource& reader, const Mapping& mapping) {
  ScaleCells cells;
  Row row;
  if (!reader.next(row) || row.broken) return cells;
  HeaderBinding binding;
  try {
    binding = bind_header(mapping, row.fields, reader.where(row));
  } catch (const ContentError&) {
    return cells;
  }
  struct Column {
    std::size_t at;
    const Field* field;
    const ClientScale* scale;
  };
  std::vector<Column> columns;
  for (const auto& [index, at] : binding.fields) {
    const Field& field = mapping.kind->fields[index];
    const ClientScale* scale = field.type == FieldType::step ? mapping.scale_for(field) : nullptr;
    if (scale && !scale->labels.empty()) columns.push_back({at, &field, scale});
  }
  while (!columns.empty() && reader.next(row)) {
    if (row.broken) continue;
    for (const Column& column : columns) {
      if (column.at >= row.fields.size()) continue;
      const auto cell = trim(row.fields[column.at]);
      if (cell.empty() || mapping.empty_cell(cell)) continue;
      if (const LabelMap* labels = mapping.labels_for(*column.field); labels && labels->find(cell))
        continue;
      int number = 0;
      const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
      if (column.scale->from && error == std::errc{} && end == cell.data() + cell.size() &&
          number >= 1 && number <= column.scale->from)
        continue;
      cells[column.scale->table].emplace(cell);
    }
  }
  return cells;
}

// Opens the rows of the file from its start: an import through a mapping
// reads them twice when label scales are learnt first. The reading's
// problems go to `problems`; nullptr keeps none.
using OpenRows = std::function<std::unique_ptr<RowSource>(Problems* problems)>;

// The rows of a file read through a mapping (its label scales settled),
// from the header on.
void import_mapped_rows(Workspace& workspace, RowSource& reader, const Mapping& mapping,
                        const ImportOptions& options, ImportResult& result, Problems& problems);

// A file of the organisation's own, read through a mapping: the columns
// it names, its labels and scales, defaults and notes; for scenarios, assets
// and controls named in cells are found or created.
void import_mapped(Workspace& workspace, const OpenRows& open, const ImportOptions& options,
                   ImportResult& result, Problems& problems) {
  const Mapping& mapping = *options.mapping;
  const EntityKind& kind = *options.kind;

  if (options.on_conflict != OnConflict::update)
    for (std::size_t i = 0; i < kind.fields.size(); ++i) {
      const Field& field = kind.fields[i];
      if (!field.required || mapping.default_of(i)) continue;
      const bool mapped = std::any_of(mapping.columns.begin(), mapping.columns.end(),
                                      [&](const MappedColumn& c) { return c.field == field.name; });
      if (!mapped)
        throw ImportError(fmt::format(
            "{}: {} require {}: map a column to it in [columns] ({} = \"the column's header\") "
            "or give it in [defaults]",
            mapping.source, kind.plural, field.name, field.name));
    }
  if (!has_label_scales(mapping))
    return import_mapped_rows(workspace, *open(&problems), mapping, options, result, problems);
  // The scales the file's labels are on, from its cells read ahead; then
  // the rows, from the start again.
  Mapping settled = mapping;
  for (auto& note : settle_label_scales(settled, label_scale_cells(*open(nullptr), settled),
                                        workspace.method()))
    result.notes.push_back(std::move(note));
  import_mapped_rows(workspace, *open(&problems), settled, options, result, problems);
}

// A CSV file read through a mapping: its encoding is settled first.
void import_mapped_csv(Workspace& workspace, std::istream& in, const ImportOptions& options,
                       ImportResult& result, Problems& problems) {
  const Mapping& mapping = *options.mapping;
  // Auto: a byte that is not UTF-8 may come on any line, so the whole file
  // is checked before the first row is read; so are the labels that settle
  // label scales. A pipe is kept to be read twice.
  std::istringstream kept;
  std::istream* input = &in;
  bool windows1252 = mapping.encoding == Encoding::windows1252;
  const bool read_twice = mapping.encoding == Encoding::automatic || has_label_scales(mapping);
  if (read_twice && in.tellg() == std::streampos(-1)) {
    in.clear();
    kept.str(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
    input = &kept;
  }
  if (mapping.encoding == Encoding::automatic) {
    const Utf8Scan scan = scan_utf8(*input);
    if (scan.invalid_line && !scan.bom) {
      windows1252 = true;
      result.notes.push_back(fmt::format("{} is not UTF-8 (line {}); read as Windows-1252",
                                         options.source, *scan.invalid_line));
    }
  }
  // A stream read once (a pipe, without label scales) is never sought.
  const auto start = read_twice ? input->tellg() : std::streampos(-1);
  bool opened = false;
  const OpenRows open = [&](Problems* reading) -> std::unique_ptr<RowSource> {
    if (opened) {
      input->clear();
      input->seekg(start);
    }
    opened = true;
    auto reader =
        std::make_unique<csv::Reader>(*input, options.source, mapping.delimiter.value_or('\0'));
    if (windows1252) reader->read_as_windows1252();
    if (mapping.formula_guard) reader->remove_formula_guards();
    reader->set_utf8_advice(
        fmt::format("save the file as UTF-8, or set encoding = \"windows-1252\" in [file] of {}",
                    mapping.source));
    reader->keep_reading(reading);
    return reader;
  };
  import_mapped(workspace, open, options, result, problems);
}

void import_mapped_rows(Workspace& workspace, RowSource& reader, const Mapping& mapping,
                        const ImportOptions& options, ImportResult& result, Problems& problems) {
  const EntityKind& kind = *options.kind;
  const Method& method = workspace.method();
  Row header;
  if (!reader.next(header) || blank_row(header))
    throw ImportError(fmt::format("{}: the mapping {} needs a header row naming the columns",
                                  reader.empty_text(), mapping.source));
  if (header.broken) problems.throw_if_any<ImportError>(options.source);
  const HeaderBinding binding = bind_header(mapping, header.fields, reader.where(header));
  const std::size_t width = header.fields.size();

  std::vector<bool> bound(kind.fields.size());
  for (const auto& [field, column] : binding.fields) bound[field] = true;
  KindImporter::Values fresh;  // defaults of the fields no column gives
  for (const auto& [field, value] : mapping.defaults)
    if (!bound[field]) fresh.emplace_back(field, value);
  const std::optional<std::size_t> notes_field =
      binding.notes.empty() ? std::nullopt : std::optional(kind.index("notes"));

  // Scenarios: the assets and controls their cells name.
  std::unique_ptr<NameResolver> assets, controls;
  std::map<std::size_t, std::pair<NameResolver*, KindImporter::Values>> resolved;
  if (&kind == &scenario_kind()) {
    const auto is_bound = [&](const char* name) { return bound[kind.index(name)]; };
    if (is_bound("assets")) {
      assets = std::make_unique<NameResolver>(workspace, asset_kind(), "name", result);
      resolved[kind.index("assets")] = {assets.get(), {}};
    }
    if (is_bound("existing_controls") || is_bound("additional_controls")) {
      controls = std::make_unique<NameResolver>(workspace, control_kind(), "title", result);
      const std::size_t state = control_kind().index("state");
      resolved[kind.index("existing_controls")] = {controls.get(),
                                                   {{state, std::string("existing")}}};
      resolved[kind.index("additional_controls")] = {controls.get(),
                                                     {{state, std::string("planned")}}};
    }
  }

  KindImporter importer(workspace, kind, options, result, problems);
  for (NameResolver* resolver : {assets.get(), controls.get()})
    if (resolver) resolver->before_create([&importer] { importer.flush(); });
  Row row;
  KindImporter::Values given;
  std::vector<std::string> note_lines;
  while (reader.next(row)) {
    if (row.broken) continue;      // its structural error is reported
    if (blank_row(row)) continue;  // blank lines, and rows of empty cells spreadsheets pad with
    const std::string where = reader.where(row);
    if (row.fields.size() > width &&
        !all_blank(row.fields.begin() + static_cast<long>(width), row.fields.end())) {
      problems.add(reader.too_wide(row, width));
      continue;
    }
    // Spreadsheets drop empty trailing cells: a missing cell is an empty one,
    // and so is one that [file] empty lists.
    const auto cell = [&](std::size_t column) -> std::string_view {
      if (column >= row.fields.size() || mapping.empty_cell(row.fields[column])) return {};
      return row.fields[column];
    };
    bool bad = false;
    std::string ref;
    if (binding.ref) {
      try {
        ref = mapping.read_ref(cell(*binding.ref));
      } catch (const ValueError& e) {
        problems.add(fmt::format("{}: column '{}' (ref): {}", reader.where(row, *binding.ref),
                                 binding.headers[*binding.ref], e.what()));
        bad = true;
      }
    }
    if (!bad && importer.skipped(ref)) continue;
    given.clear();
    for (const auto& [index, column] : binding.fields) {
      const Field& field = kind.fields[index];
      std::string_view read = cell(column);
      bool cleared = false;  // by the update: the mapping's default does not fill it in
      if (const auto update = importer.update_cell(read)) {
        if (*update == KindImporter::Cell::keep) continue;
        read = {}, cleared = true;
      }
      try {
        Value value;
        if (const auto it = resolved.find(index); it != resolved.end()) {
          const LabelMap* labels = mapping.labels_for(field);
          std::vector<std::string> refs;
          for (const auto& item : split_cell(read)) {
            const std::string* target = labels ? labels->find(item) : nullptr;
            std::string found =
                target ? *target : it->second.first->resolve(item, it->second.second, where);
            if (!found.empty() && std::find(refs.begin(), refs.end(), found) == refs.end())
              refs.push_back(std::move(found));
          }
          sort_list(field, refs);
          value = std::move(refs);
        } else {
          value = mapping.read(field, read, method);
        }
        if (is_unset(value) && !cleared) {
          // A label meaning no value is an empty cell: an update keeps the field.
          const auto update = importer.update_cell({});
          if (update && *update == KindImporter::Cell::keep) continue;
          if (!update)
            if (const Value* fallback = mapping.default_of(index)) value = *fallback;
        }
        given.emplace_back(index, std::move(value));
      } catch (const ValueError& e) {
        problems.add(fmt::format("{}: column '{}' ({}): {}", reader.where(row, column),
                                 binding.headers[column], field.name, e.what()));
        bad = true;
      }
    }
    if (notes_field) {
      note_lines.clear();
      for (const auto& [name, column] : binding.notes)
        if (const auto text = trim(cell(column)); !text.empty())
          note_lines.push_back(fmt::format("{}: {}", binding.headers[column], text));
      given.emplace_back(*notes_field,
                         note_lines.empty() ? Value{} : Value{join(note_lines, "\n")});
    }
    if (bad) continue;
    importer.write_values(ref.empty() ? std::nullopt : std::optional(ref), std::move(given), fresh,
                          where);
  }
  for (const NameResolver* resolver : {assets.get(), controls.get()})
    if (resolver && resolver->created())
      result.counts.push_back(ImportCount{resolver->kind().plural, resolver->created(), 0, 0});
  importer.finish();
  for (auto& note : reader.notes()) result.notes.push_back(std::move(note));
}

// The line of a byte offset, for JSON parse errors.
std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 +
         static_cast<std::size_t>(std::count(
             text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

// Builds the document of a JSON import as nlohmann does, except that a
// number which is not a whole number of 64 bits (a fraction, an exponent, or
// digits beyond the range) keeps its text as written, in a binary value of
// subtype written_number (JSON text never yields binary values): a field
// then reports it as the file has it, where a double would print another
// number. A parse error throws ImportError with the line.
constexpr std::uint64_t written_number = 1;

class ImportDocument : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
 public:
  ImportDocument(nlohmann::json& document, std::string_view text, const std::string& source)
      : json_sax_dom_parser(document), text_(text), source_(source) {}

  bool number_float(double, const std::string& written) {
    nlohmann::json::binary_t bytes(std::vector<std::uint8_t>(written.begin(), written.end()),
                                   written_number);
    return binary(bytes);
  }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
    std::string what = error.what();  // "[json.exception.parse_error.101] parse error at ..."
    what = what.substr(what.find(']') + 2);
    if (error.id == 406)  // out_of_range: a number a double cannot hold
      throw ImportError(fmt::format("{}:{}: the number {} is too large for any field", source_,
                                    line_of(text_, position), token));
    if (const auto colon = what.find(": "); colon != std::string::npos && what.starts_with("parse"))
      what = what.substr(colon + 2);
    throw ImportError(
        fmt::format("{}:{}: invalid JSON: {}", source_, line_of(text_, position), what));
  }

 private:
  std::string_view text_;
  const std::string& source_;
};

// The text of a JSON value, as a field reads it: a number as written (an
// integer's digits are its decimal text exactly, unsigned ones above the
// int64 range included), so that one out of range is reported as the file
// has it.
std::string json_text(const nlohmann::json& value, const Field& field) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_binary() && value.get_binary().subtype() == written_number) {
    const auto& bytes = value.get_binary();
    return std::string(bytes.begin(), bytes.end());
  }
  if (value.is_object() && value.contains("id") && value["id"].is_string())
    return value["id"].get<std::string>();
  if (value.is_array() && field.is_list()) {
    std::vector<std::string> items;
    for (const auto& item : value) {
      if (!item.is_string()) throw ValueError("list items must be strings");
      items.push_back(item.get<std::string>());
    }
    return join(items, ",");
  }
  throw ValueError(fmt::format("unexpected JSON {} for {}", value.type_name(), field.name));
}

void import_json_array(Workspace& workspace, const nlohmann::json& array, const EntityKind& kind,
                       const ImportOptions& options, const std::string& where_prefix,
                       ImportResult& result, Problems& problems) {
  if (!array.is_array())
    throw ImportError(
        fmt::format("{}: expected a JSON array of {} objects", where_prefix, kind.name));
  KindImporter importer(workspace, kind, options, result, problems);
  std::size_t index = 0;
  std::vector<std::pair<std::size_t, std::string>> cells;
  std::vector<std::size_t> derived;
  for (const auto& object : array) {
    ++index;
    std::string where = fmt::format("{}[{}]", where_prefix, index);
    if (!object.is_object()) {
      problems.add(fmt::format("{}: expected an object", where));
      continue;
    }
    std::optional<std::string> ref;
    if (auto it = object.find("ref"); it != object.end() && it->is_string()) {
      ref = it->get<std::string>();
      where += fmt::format(" ({})", *ref);
    }
    cells.clear();
    derived.clear();
    bool bad = false;
    for (const auto& [key, value] : object.items()) {
      if (const auto field = source_field(kind, key);
          field && value.is_string() && value.get<std::string>() == "derived")
        derived.push_back(*field);
      if (key == "ref" || is_derived(kind, key)) continue;
      const Field* field = kind.find(key);
      if (!field) {
        const auto names = allowed_columns(kind);
        problems.add(fmt::format("{}: unknown key '{}'{}; allowed: {}", where, key,
                                 did_you_mean(key, names), join(names, ", ")));
        bad = true;
        continue;
      }
      try {
        cells.emplace_back(kind.index(key), json_text(value, *field));
      } catch (const ValueError& e) {
        problems.add(fmt::format("{}: key '{}': {}", where, key, e.what()));
        bad = true;
      }
    }
    drop_derived(cells, derived);
    if (!bad) importer.write(ref, cells, where);
  }
  importer.finish();
}

void import_json(Workspace& workspace, std::istream& in, const ImportOptions& options,
                 ImportResult& result, Problems& problems) {
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (trim(text).empty()) throw ImportError(fmt::format("{}: the file is empty", options.source));
  nlohmann::json document;
  ImportDocument builder(document, text, options.source);
  nlohmann::json::sax_parse(text, &builder);
  if (document.is_object()) {
    bool names_kinds = false;
    for (const auto& [key, value] : document.items())
      for (const EntityKind* k : all_kinds()) names_kinds = names_kinds || k->plural == key;
    if (!names_kinds)
      throw ImportError(
          fmt::format("{}: expected a JSON array of {} objects, or an object whose keys are kinds "
                      "(assets, scenarios)",
                      options.source, options.kind ? options.kind->name : "record"));
    for (const auto& [key, value] : document.items()) {
      const EntityKind* kind = nullptr;
      for (const EntityKind* k : all_kinds())
        if (k->plural == key) kind = k;
      if (!kind) {
        std::vector<std::string> names;
        for (const EntityKind* k : all_kinds()) names.push_back(k->plural);
        throw ImportError(fmt::format("{}: unknown kind '{}'{}; allowed: {}", options.source, key,
                                      did_you_mean(key, names), quoted_list(names)));
      }
      if (options.kind && options.kind != kind) continue;
    }
    // Kinds in dependency order (assets before the scenarios that name them).
    for (const EntityKind* kind : all_kinds())
      if (document.contains(kind->plural) && (!options.kind || options.kind == kind))
        import_json_array(workspace, document[kind->plural], *kind, options,
                          fmt::format("{}: {}", options.source, kind->plural), result, problems);
    return;
  }
  if (!options.kind)
    throw ImportError(
        fmt::format("{}: a JSON array needs --kind to say what it holds", options.source));
  import_json_array(workspace, document, *options.kind, options, options.source, result, problems);
}

}  // namespace

namespace {

// Runs an import: `read` reads the rows, its problems gathered, and throws
// ImportError when there are any.
template <typename Read>
ImportResult run_import(Workspace& workspace, const ImportOptions& options, Read&& read) {
  // Refs are keys in text order, not in the order a file lists them, so a
  // large import writes all over the tables: a 64 MB page cache (instead of
  // SQLite's 2 MB) keeps it from re-reading pages, and caps its memory.
  workspace.db().exec("PRAGMA cache_size = -65536");
  ImportResult result;
  Problems problems;
  BulkRatings bulk(workspace.db());
  workspace.set_bulk_ratings(&bulk);
  try {
    read(result, problems);
  } catch (...) {
    workspace.set_bulk_ratings(nullptr);
    throw;
  }
  workspace.set_bulk_ratings(nullptr);
  problems.throw_if_any<ImportError>(options.source);
  bulk.finish();
  return result;
}

}  // namespace

ImportResult import_records(Workspace& workspace, std::istream& in, const ImportOptions& options) {
  return run_import(workspace, options, [&](ImportResult& result, Problems& problems) {
    if (options.mapping)
      import_mapped_csv(workspace, in, options, result, problems);
    else if (options.format == DataFormat::json)
      import_json(workspace, in, options, result, problems);
    else
      import_csv(workspace, in, options, result, problems);
  });
}

ImportResult import_workbook(Workspace& workspace, const xlsx::Workbook& book,
                             const ImportOptions& options) {
  std::size_t header_row = options.header_row;
  if (!header_row && options.mapping) header_row = options.mapping->header_row.value_or(0);
  const OpenRows open = [&](Problems* reading) -> std::unique_ptr<RowSource> {
    auto reader = std::make_unique<xlsx::SheetReader>(book, options.sheet, header_row);
    reader->keep_reading(reading);
    return reader;
  };
  return run_import(workspace, options, [&](ImportResult& result, Problems& problems) {
    if (options.mapping)
      import_mapped(workspace, open, options, result, problems);
    else
      import_rows(workspace, *open(&problems), options, result, problems);
  });
}

namespace {
void write_records(Workspace& workspace, const EntityKind& kind, RowWriter& writer, Lang lang) {
  writer.begin(record_columns(kind));
  RecordStore store(workspace, kind, false);  // hand-set values only: derived ones stay derived
  store.for_each([&](Record& record) {
    writer.row(record_cells(kind, std::move(record), workspace.method(), lang));
  });
  writer.end();
}
}  // namespace

void export_records(Workspace& workspace, const EntityKind& kind, DataFormat format,
                    std::ostream& out, Lang lang, const CsvStyle& csv) {
  if (format == DataFormat::csv && csv.bom) out << "\xEF\xBB\xBF";
  auto writer = format == DataFormat::json ? make_json_writer(out)
                                           : make_csv_writer(out, csv.delimiter);
  write_records(workspace, kind, *writer, lang);
}

void export_all_json(Workspace& workspace, std::ostream& out, Lang lang) {
  out << "{";
  bool first = true;
  for (const EntityKind* kind : all_kinds()) {
    out << (first ? "\n" : ",\n");
    first = false;
    write_json_string(out, kind->plural);
    out << ": ";
    write_records(workspace, *kind, *make_json_writer(out, JsonShape::nested), lang);
  }
  out << "\n}\n";
}

}  // namespace riskmap
