#include "transfer.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "csv.hpp"
#include "kinds.hpp"
#include "output.hpp"
#include "problems.hpp"
#include "store.hpp"
#include "text.hpp"

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

// Writes rows of one kind: maps cells onto fields and applies --on-conflict.
class KindImporter {
 public:
  KindImporter(Workspace& workspace, const EntityKind& kind, const ImportOptions& options,
               ImportResult& result, Problems& problems)
      : workspace_(workspace),
        kind_(kind),
        options_(options),
        store_(workspace.db(), kind),
        result_(result),
        problems_(problems) {
    store_.set_deferred_links(true);
    count_.kind = kind.plural;
  }

  // One record; `cells` are (field index, text) pairs; `where` prefixes messages.
  void write(std::optional<std::string> ref,
             const std::vector<std::pair<std::size_t, std::string>>& cells,
             const std::string& where) {
    Record record = kind_.empty_record();
    std::vector<bool> given(kind_.fields.size());
    bool bad = false;
    for (const auto& [index, text] : cells) {
      const Field& field = kind_.fields[index];
      try {
        record.values[index] = parse_value(field, text, workspace_.method());
        given[index] = true;
      } catch (const ValueError& e) {
        problems_.add(fmt::format("{}: column '{}': {}", where, field.name, e.what()));
        bad = true;
      }
    }
    if (ref && !is_valid_ref(*ref)) {
      problems_.add(
          fmt::format("{}: column 'ref': '{}' is not a valid ref: use letters, digits, '.', "
                      "'_' or '-'",
                      where, *ref));
      return;
    }
    if (bad) return;
    store_.set_origin(where);
    try {
      if (!ref || ref->empty()) {
        record.ref = store_.next_ref();
        const std::string generated = record.ref;
        store_.insert(std::move(record));
        note(generated), ++count_.added;
        return;
      }
      record.ref = *ref;
      if (auto existing = store_.find(*ref)) {
        if (options_.on_conflict == OnConflict::fail) {
          problems_.add(
              fmt::format("{}: {} {} already exists (in the workspace or earlier in the file); "
                          "--on-conflict skip or update decides what to do with it",
                          where, kind_.name, *ref));
        } else if (options_.on_conflict == OnConflict::skip) {
          ++count_.skipped;
        } else {
          for (std::size_t i = 0; i < given.size(); ++i)
            if (given[i]) existing->values[i] = std::move(record.values[i]);
          store_.update(std::move(*existing));
          note(*ref), ++count_.updated;
        }
        return;
      }
      store_.insert(std::move(record));
      note(*ref), ++count_.added;
    } catch (const ValueError& e) {
      problems_.add(fmt::format("{}: {}", where, e.what()));
    } catch (const UnknownRef& e) {
      problems_.add(fmt::format("{}: {}", where, e.what()));
    } catch (const Conflict& e) {
      problems_.add(fmt::format("{}: {}", where, e.what()));
    }
  }

  void finish() {
    for (auto& message : store_.check_deferred_links()) problems_.add(std::move(message));
    result_.counts.push_back(count_);
  }

 private:
  void note(const std::string& ref) {
    if (result_.refs.size() < journal_refs) result_.refs.push_back(ref);
    ++result_.total_refs;
  }
  Workspace& workspace_;
  const EntityKind& kind_;
  const ImportOptions& options_;
  RecordStore store_;
  ImportResult& result_;
  Problems& problems_;
  ImportCount count_;
};

bool is_derived(const EntityKind& kind, std::string_view column) {
  return std::find(kind.derived.begin(), kind.derived.end(), column) != kind.derived.end();
}

std::vector<std::string> allowed_columns(const EntityKind& kind) {
  std::vector<std::string> names{"ref"};
  for (const auto& field : kind.fields) names.push_back(field.name);
  return names;
}

void import_csv(Workspace& workspace, std::istream& in, const ImportOptions& options,
                ImportResult& result, Problems& problems) {
  const EntityKind& kind = *options.kind;
  csv::Reader reader(in, options.source);
  csv::Row header;
  if (!reader.next(header) || (header.fields.size() == 1 && trim(header.fields[0]).empty()))
    throw ImportError(
        fmt::format("{}: the file is empty: a CSV import needs a header row naming the "
                    "columns, e.g. {}",
                    options.source, join(allowed_columns(kind), ",")));
  // Column positions: -1 for ref, -2 for ignored derived columns, else a field index.
  std::vector<long> columns;
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name{trim(header.fields[i])};
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      throw ImportError(fmt::format("{}:{}: column '{}' appears twice in the header",
                                    options.source, header.line, name));
    seen.push_back(name);
    if (name == "ref") {
      columns.push_back(-1);
    } else if (is_derived(kind, name)) {
      columns.push_back(-2);
    } else if (kind.find(name)) {
      columns.push_back(static_cast<long>(kind.index(name)));
    } else {
      const auto names = allowed_columns(kind);
      throw ImportError(fmt::format("{}:{}: unknown column '{}' for {}{}; allowed: {}",
                                    options.source, header.line, name, kind.plural,
                                    did_you_mean(name, names), join(names, ", ")));
    }
  }
  // An update may name only the columns it changes; new records still need theirs.
  for (std::size_t i = 0; i < kind.fields.size() && options.on_conflict != OnConflict::update; ++i)
    if (kind.fields[i].required &&
        std::find(columns.begin(), columns.end(), static_cast<long>(i)) == columns.end())
      throw ImportError(fmt::format("{}:{}: the header has no '{}' column, which {} require",
                                    options.source, header.line, kind.fields[i].name, kind.plural));

  KindImporter importer(workspace, kind, options, result, problems);
  csv::Row row;
  std::vector<std::pair<std::size_t, std::string>> cells;
  while (reader.next(row)) {
    if (row.fields.size() == 1 && trim(row.fields[0]).empty()) continue;  // a blank line
    const std::string where = fmt::format("{}:{}", options.source, row.line);
    if (row.fields.size() != columns.size()) {
      problems.add(fmt::format("{}: {} fields, but the header has {} columns", where,
                               row.fields.size(), columns.size()));
      continue;
    }
    cells.clear();
    std::optional<std::string> ref;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == -1)
        ref = std::string(trim(row.fields[i]));
      else if (columns[i] >= 0)
        cells.emplace_back(static_cast<std::size_t>(columns[i]), std::move(row.fields[i]));
    }
    importer.write(ref, cells, where);
  }
  importer.finish();
}

// The line of a byte offset, for JSON parse errors.
std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 +
         static_cast<std::size_t>(std::count(
             text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

std::string json_text(const nlohmann::json& value, const Field& field) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
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
    bool bad = false;
    for (const auto& [key, value] : object.items()) {
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
    if (!bad) importer.write(ref, cells, where);
  }
  importer.finish();
}

void import_json(Workspace& workspace, std::istream& in, const ImportOptions& options,
                 ImportResult& result, Problems& problems) {
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (trim(text).empty()) throw ImportError(fmt::format("{}: the file is empty", options.source));
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ImportError(
        fmt::format("{}:{}: invalid JSON: {}", options.source, line_of(text, e.byte),
                    std::string(e.what()).substr(std::string(e.what()).find(':') + 2)));
  }
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

ImportResult import_records(Workspace& workspace, std::istream& in, const ImportOptions& options) {
  // Links between records of one file may point forward (a supporting asset
  // listed before the business value it serves): check them at commit.
  workspace.db().exec("PRAGMA defer_foreign_keys = ON");
  ImportResult result;
  Problems problems;
  if (options.format == DataFormat::json)
    import_json(workspace, in, options, result, problems);
  else
    import_csv(workspace, in, options, result, problems);
  problems.throw_if_any<ImportError>(options.source);
  return result;
}

namespace {
void write_records(Workspace& workspace, const EntityKind& kind, RowWriter& writer, Lang lang) {
  writer.begin(record_columns(kind));
  RecordStore store(workspace.db(), kind);
  store.for_each(
      [&](Record& record) { writer.row(record_cells(kind, record, workspace.method(), lang)); });
  writer.end();
}
}  // namespace

void export_records(Workspace& workspace, const EntityKind& kind, DataFormat format,
                    std::ostream& out, Lang lang) {
  auto writer = format == DataFormat::json ? make_json_writer(out) : make_csv_writer(out);
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
