#include "mapping.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"
#include "toml_check.hpp"

namespace riskmap {

std::string match_key(std::string_view text) {
  const std::string folded = fold(trim(text));
  std::string key;
  key.reserve(folded.size());
  bool space = false;
  for (const char c : folded) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !key.empty()) key += ' ';
    space = false;
    key += c;
  }
  return key;
}

std::vector<std::string> split_cell(std::string_view cell) {
  std::vector<std::string> items;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= cell.size(); ++i) {
    if (i < cell.size() && cell[i] != ',' && cell[i] != ';' && cell[i] != '\n' && cell[i] != '\r')
      continue;
    const auto item = trim(cell.substr(start, i - start));
    if (!item.empty()) items.emplace_back(item);
    start = i + 1;
  }
  return items;
}

int rescale(int value, int from, int to) {
  // Twice the exact position, plus one, halved: rounds halves up in integers.
  const long numerator = 2L * (value - 1) * (to - 1) + (from - 1);
  return 1 + static_cast<int>(numerator / (2L * (from - 1)));
}

std::optional<Axis> scale_table_axis(std::string_view name) {
  if (name == "likelihood") return Axis::likelihood;
  if (name == "impact") return Axis::impact;
  if (name == "level") return Axis::level;
  return std::nullopt;
}

const std::string* LabelMap::find(std::string_view value) const {
  const auto it = by_key.find(match_key(value));
  return it == by_key.end() ? nullptr : &entries[it->second].target;
}

std::vector<std::string> LabelMap::labels() const {
  std::vector<std::string> out;
  for (const auto& entry : entries) out.push_back(entry.label);
  return out;
}

void LabelMap::set(std::string label, std::string target) {
  const std::string key = match_key(label);
  if (const auto it = by_key.find(key); it != by_key.end()) {
    entries[it->second] = {std::move(label), std::move(target), true};
    return;
  }
  by_key.emplace(key, entries.size());
  entries.push_back({std::move(label), std::move(target), true});
}

const Value* Mapping::default_of(std::size_t field) const {
  for (const auto& [index, value] : defaults)
    if (index == field) return &value;
  return nullptr;
}

bool Mapping::empty_cell(std::string_view cell) const {
  if (empty.empty()) return false;
  return std::find(empty.begin(), empty.end(), match_key(cell)) != empty.end();
}

namespace {

std::string axis_name(Axis axis) {
  switch (axis) {
    case Axis::likelihood:
      return "likelihood";
    case Axis::impact:
      return "impact";
    case Axis::level:
      break;
  }
  return "level";
}

// The table a field reads in `tables`: its own, else its scale's.
template <typename Tables>
auto table_for(Tables& tables, const Field& field) -> decltype(&tables.begin()->second) {
  if (const auto it = tables.find(field.name); it != tables.end()) return &it->second;
  if (field.type == FieldType::step)
    if (const auto it = tables.find(axis_name(field.axis)); it != tables.end()) return &it->second;
  return nullptr;
}

}  // namespace

const LabelMap* Mapping::labels_for(const Field& field) const {
  return table_for(values, field);
}

const ClientScale* Mapping::scale_for(const Field& field) const {
  return table_for(scales, field);
}

ClientScale* Mapping::scale_for(const Field& field) { return table_for(scales, field); }

namespace {

bool takes_labels(const Field& field) {
  return field.type == FieldType::step || field.type == FieldType::choice ||
         field.type == FieldType::choices || field.type == FieldType::refs;
}

std::vector<std::string> field_names(const EntityKind& kind, bool with_ref) {
  std::vector<std::string> names;
  if (with_ref) names.emplace_back("ref");
  for (const auto& field : kind.fields) names.push_back(field.name);
  return names;
}

// The field a [values.NAME] or [scale.NAME] table reads labels for: a field
// of the kind, or the first field on the scale NAME names, for its checks
// (every field on a scale shares it). nullptr when NAME is neither.
const Field* table_field(const EntityKind& kind, std::string_view name) {
  if (const Field* field = kind.find(name)) return field;
  if (const auto axis = scale_table_axis(name))
    for (const auto& field : kind.fields)
      if (field.type == FieldType::step && field.axis == *axis) return &field;
  return nullptr;
}

// The scales a kind has fields on, as [values] and [scale] tables name them.
std::vector<std::string> scale_names(const EntityKind& kind) {
  std::vector<std::string> names;
  for (const char* name : {"likelihood", "impact", "level"})
    if (!kind.find(name) && table_field(kind, name)) names.emplace_back(name);
  return names;
}

// What a [values] (or, steps_only, [scale]) table may be named: the fields
// taking labels, then the scales.
std::vector<std::string> label_table_names(const EntityKind& kind, bool steps_only) {
  std::vector<std::string> names;
  for (const auto& field : kind.fields)
    if (steps_only ? field.type == FieldType::step : takes_labels(field))
      names.push_back(field.name);
  for (auto& name : scale_names(kind)) names.push_back(std::move(name));
  return names;
}

// Words other tools and registers use for a field's column, for "did you
// mean" in [columns]: the field is suggested when the kind has it.
constexpr std::pair<std::string_view, std::string_view> column_synonyms[] = {
    {"name", "title"},
    {"title", "name"},
    {"label", "title"},
    {"label", "name"},
    {"id", "ref"},
    {"ref_id", "ref"},
    {"reference", "ref"},
    {"likelihood", "current_likelihood"},
    {"probability", "current_likelihood"},
    {"proba", "current_likelihood"},
    {"impact", "current_impact"},
    {"gravity", "current_impact"},
    {"severity", "current_impact"},
    {"level", "recorded_level"},
    {"risk", "recorded_level"},
    {"risk_level", "recorded_level"},
    {"current_level", "recorded_level"},
    {"current_risk", "recorded_level"},
    {"threats", "threat"},
    {"asset", "assets"},
    {"controls", "existing_controls"},
    {"existing_applied_controls", "existing_controls"},
    {"applied_controls", "additional_controls"},
    {"risk_owner", "owner"},
    {"responsible", "owner"},
};

// " (did you mean 'X'?)" for an unknown key of [columns]: a near spelling,
// or the field another tool's word stands for ("name" for a scenario's
// title, "residual_proba" for residual_likelihood).
std::string column_suggestion(const EntityKind& kind, std::string_view name) {
  std::string word(name);
  for (const std::string_view proba : {"probability", "proba"})
    if (const auto at = word.find(proba); at != std::string::npos) {
      word.replace(at, proba.size(), "likelihood");
      break;
    }
  if (word != name && kind.find(word)) return fmt::format(" (did you mean '{}'?)", word);
  for (const auto& [synonym, field] : column_synonyms)
    if (synonym == name && (field == "ref" || kind.find(field)))
      return fmt::format(" (did you mean '{}'?)", field);
  return did_you_mean(name, field_names(kind, true));
}

// Where a table of the mapping is: "map.toml:12", or the option that made it.
std::string where_in(const Mapping& mapping, std::size_t line) {
  return line ? fmt::format("{}:{}", mapping.source, line) : std::string("--map-values");
}

// "'x' is not a label of [values.F] (mapping.toml:12) (did you mean 'y'?); its
// labels: ...", for a value that no label and no reading on our side matched.
std::string not_mapped(const Mapping& mapping, const Field& field, std::string_view value,
                       const std::string& ours) {
  const LabelMap& labels = *mapping.labels_for(field);
  const auto names = labels.labels();
  return fmt::format("'{}' is not a label of [values.{}] ({}){}; its labels: {}; {}", value,
                     labels.table, where_in(mapping, labels.line), did_you_mean(value, names),
                     quoted_list(names), ours);
}

// What a cell off a [scale] table's label scales is not on: "a label of
// the one of its label scales that holds the file's labels", naming the scale
// the file's other labels settled, or the labels that settled none (the
// first 12).
// " (none holds any of the file's labels: 'a', 'b')", when the file's labels
// settled no label scale; the first 12 of them.
std::string unsettled_labels(const ClientScale& scale) {
  if (scale.unsettled.empty()) return {};
  constexpr std::size_t shown = 12;
  std::vector<std::string> labels(
      scale.unsettled.begin(),
      scale.unsettled.begin() + static_cast<long>(std::min(shown, scale.unsettled.size())));
  return fmt::format(" (none holds any of the file's labels: {}{})", quoted_list(labels),
                     scale.unsettled.size() > shown ? ", ..." : "");
}

std::string label_scales_text(const ClientScale& scale) {
  if (!scale.chosen.empty())
    return fmt::format("a label of its scale {}, which holds the file's other labels",
                       join(scale.chosen, " < "));
  return "a label of the one of its label scales that holds the file's labels" +
         unsettled_labels(scale);
}

// The text a TOML value gives: a string, or a whole number as digits.
std::optional<std::string> scalar_text(const toml::node& node) {
  if (node.is_string()) return node.as_string()->get();
  if (node.is_integer()) return std::to_string(node.as_integer()->get());
  return std::nullopt;
}

// The stored form of a label's target: a step id, a choice id or a ref; ""
// (no value) stays "". Throws ValueError.
std::string canonical_target(const Field& field, const std::string& target, const Method& method) {
  if (target.empty()) return {};
  switch (field.type) {
    case FieldType::step: {
      const Scale& scale = scale_of(field, method);
      return scale.at(scale.parse(target)).id;
    }
    case FieldType::choice:
      return text_of(parse_value(field, target, method));
    default:
      return parse_item(field, target);
  }
}

class MappingReader {
 public:
  MappingReader(const std::string& source, const EntityKind& kind, const Method& method)
      : check_(source), kind_(kind), method_(method) {
    mapping_.source = source;
    mapping_.kind = &kind;
  }

  Mapping read(std::string_view text) {
    const toml::table document = parse_toml(text, check_.source());
    check_.allow_keys(document, "the mapping",
                      {"file", "columns", "values", "scale", "defaults", "refs"});
    if (const auto* file = check_.optional_table(document, "file", "the mapping")) read_file(*file);
    if (const auto* refs = check_.optional_table(document, "refs", "the mapping")) read_refs(*refs);
    const auto* columns = check_.optional_table(document, "columns", "the mapping");
    if (!columns)
      check_.fail(document.source(),
                  fmt::format("the mapping has no [columns] table: it says which column of the "
                              "file is which field, e.g. {} = \"Intitulé\"",
                              kind_.fields.front().name));
    read_columns(*columns);
    if (const auto* values = check_.optional_table(document, "values", "the mapping"))
      read_values(*values);
    if (const auto* scales = check_.optional_table(document, "scale", "the mapping"))
      read_scales(*scales);
    if (const auto* defaults = check_.optional_table(document, "defaults", "the mapping"))
      read_defaults(*defaults);
    return std::move(mapping_);
  }

 private:
  void read_file(const toml::table& file) {
    check_.allow_keys(file, "[file]",
                      {"delimiter", "encoding", "empty", "formula_guard", "header_row"});
    if (const auto* node = file.get("delimiter")) {
      const auto text = node->is_string() ? node->as_string()->get() : std::string();
      if (text == "," || text == ";" || text == "\t")
        mapping_.delimiter = text[0];
      else
        check_.fail(*node,
                    "delimiter in [file] must be \",\", \";\" or \"\\t\" (leave it out to detect "
                    "it from the header line)");
    }
    if (const auto* node = file.get("encoding")) {
      if (!node->is_string())
        check_.fail(*node, "encoding in [file] must be \"auto\", \"utf-8\" or \"windows-1252\"");
      try {
        mapping_.encoding = parse_encoding(node->as_string()->get());
      } catch (const ValueError& e) {
        check_.fail(*node, fmt::format("encoding in [file]: {}", e.what()));
      }
    }
    if (const auto* node = file.get("formula_guard")) {
      if (!node->is_boolean())
        check_.fail(*node, "formula_guard in [file] is true (the program that wrote the file put "
                           "a ' before a cell starting with =, +, -, @, a tab or a CR, and the "
                           "import removes it) or false");
      mapping_.formula_guard = node->as_boolean()->get();
    }
    if (const auto* node = file.get("header_row")) {
      // A workbook's rows are numbered as the spreadsheet shows them.
      constexpr std::int64_t last_row = 1048576;
      if (!node->is_integer() || node->as_integer()->get() < 1 ||
          node->as_integer()->get() > last_row)
        check_.fail(*node, fmt::format("header_row in [file] is the number of the sheet's row "
                                       "holding the header of an XLSX workbook, 1 to {} (the "
                                       "rows above it are titles, not read), e.g. header_row = 3",
                                       last_row));
      mapping_.header_row = static_cast<std::size_t>(node->as_integer()->get());
    }
    if (const auto* node = file.get("empty")) {
      const std::string form =
          "empty in [file] lists the cells that stand for an empty cell, e.g. [\"--\", \"n/a\"]";
      const auto* list = node->as_array();
      if (!list) check_.fail(*node, form);
      for (const auto& item : *list) {
        if (!item.is_string()) check_.fail(item, form);
        const std::string key = match_key(item.as_string()->get());
        if (key.empty())
          check_.fail(item, "empty in [file]: an empty cell is empty already; list the cells "
                            "that stand for one, e.g. \"--\"");
        mapping_.empty.push_back(key);
      }
    }
  }

  void read_refs(const toml::table& refs) {
    check_.allow_keys(refs, "[refs]", {"prefix"});
    if (const auto* node = refs.get("prefix")) {
      const auto prefix = node->is_string() ? node->as_string()->get() : std::string();
      if (prefix.empty() || !is_valid_ref(prefix + "1") ||
          std::any_of(prefix.begin(), prefix.end(), [](char c) { return c >= '0' && c <= '9'; }))
        check_.fail(*node, fmt::format("prefix in [refs] must be letters (and '.', '_' or '-'), "
                                       "without digits, e.g. \"{}\"",
                                       kind_.prefix));
      mapping_.ref_prefix = prefix;
      mapping_.ref_prefix_line = node->source().begin.line;
    }
  }

  // The field a key of [columns] or [defaults] names; with `scales`, a key
  // of [values] or [scale], which may also name a scale (its first field).
  const Field* field_of(const toml::key& key, const toml::node& node, std::string_view table,
                        bool with_ref, bool scales = false) const {
    const std::string name{key.str()};
    if (with_ref && name == "ref") return nullptr;
    if (const Field* field = scales ? table_field(kind_, name) : kind_.find(name)) return field;
    auto names = field_names(kind_, with_ref);
    if (scales)
      for (auto& scale : scale_names(kind_)) names.push_back(std::move(scale));
    const std::string suggestion =
        with_ref ? column_suggestion(kind_, name) : did_you_mean(name, names);
    check_.fail(key.source().begin.line ? key.source() : node.source(),
                fmt::format("unknown {} '{}' in {} for {}{}; allowed: {}",
                            scales ? "field or scale" : "field", name, table, kind_.plural,
                            suggestion, join(names, ", ")));
  }

  std::string header_of(const toml::node& node, std::string_view field) const {
    if (!node.is_string() || trim(node.as_string()->get()).empty())
      check_.fail(node, fmt::format("{} in [columns] must be the header of a column of the file, "
                                    "as a string, or {{ header = \"...\", optional = true }}, "
                                    "or {{ header = [\"...\", \"...\"] }} for a column "
                                    "named one of several ways",
                                    field));
    return std::string(trim(node.as_string()->get()));
  }

  // A column: its header, or { header = "...", optional = true } for a
  // column the file may lack, header being one name or a list of the names
  // the column may have.
  MappedColumn column_of(const toml::node& node, std::string_view field, std::size_t line) const {
    MappedColumn column{std::string(field), {}, {}, line};
    const auto* spec = node.as_table();
    if (!spec) {
      column.header = header_of(node, field);
      return column;
    }
    check_.allow_keys(*spec, fmt::format("{} in [columns]", field), {"header", "optional"});
    const auto* header = spec->get("header");
    if (!header)
      check_.fail(node, fmt::format("{} in [columns] needs header = \"the column's header\"",
                                    field));
    if (const auto* names = header->as_array()) {
      if (names->empty())
        check_.fail(*header, fmt::format("header of {} in [columns] lists the names the column "
                                         "may have: one or more",
                                         field));
      std::vector<std::string> keys;
      for (const auto& name : *names) {
        std::string text = header_of(name, field);
        const std::string key = match_key(text);
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
          check_.fail(name, fmt::format("header of {} in [columns]: '{}' is listed twice (case "
                                        "and accents aside)",
                                        field, text));
        keys.push_back(key);
        if (column.header.empty())
          column.header = std::move(text);
        else
          column.others.push_back(std::move(text));
      }
    } else {
      column.header = header_of(*header, field);
    }
    if (const auto* optional = spec->get("optional")) {
      if (!optional->is_boolean())
        check_.fail(*optional, fmt::format("optional in {} in [columns] is true or false", field));
      column.optional = optional->as_boolean()->get();
    }
    return column;
  }

  void read_columns(const toml::table& columns) {
    const bool has_notes = kind_.find("notes") && kind_.find("notes")->type == FieldType::text;
    for (const auto& [key, node] : columns) {
      const std::size_t line =
          key.source().begin.line ? key.source().begin.line : node.source().begin.line;
      if (key.str() == "notes" && has_notes) {
        // Columns kept as "Header: value" lines: one header or a list of them.
        if (const auto* list = node.as_array()) {
          for (const auto& item : *list)
            mapping_.notes.push_back(column_of(item, "notes", item.source().begin.line));
        } else {
          mapping_.notes.push_back(column_of(node, "notes", line));
        }
        continue;
      }
      field_of(key, node, "[columns]", true);
      mapping_.columns.push_back(column_of(node, key.str(), line));
    }
    // In the file's order, for messages (a TOML table has its keys sorted).
    const auto by_line = [](const MappedColumn& a, const MappedColumn& b) {
      return a.line < b.line;
    };
    std::stable_sort(mapping_.columns.begin(), mapping_.columns.end(), by_line);
    std::stable_sort(mapping_.notes.begin(), mapping_.notes.end(), by_line);
  }

  void read_values(const toml::table& values) {
    for (const auto& [key, node] : values) {
      const std::string name{key.str()};
      const Field* field = field_of(key, node, "[values]", false, true);
      if (!takes_labels(*field))
        check_.fail(
            key.source(),
            fmt::format("[values.{}]: {} takes free text; [values] maps labels for "
                        "fields on a scale, choices or refs, and for scales: {}",
                        name, name, join(label_table_names(kind_, false), ", ")));
      if (!node.is_table())
        check_.fail(node, fmt::format("[values.{}] must be a table of \"client label\" = "
                                      "\"value\"",
                                      name));
      LabelMap labels;
      labels.table = name;
      labels.line = key.source().begin.line ? key.source().begin.line : node.source().begin.line;
      // In the file's order, so that messages list the labels as written.
      std::vector<std::pair<const toml::key*, const toml::node*>> pairs;
      for (const auto& [label, target_node] : *node.as_table())
        pairs.emplace_back(&label, &target_node);
      std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
        return a.first->source().begin.line < b.first->source().begin.line;
      });
      for (const auto& [label_pointer, target_pointer] : pairs) {
        const toml::key& label = *label_pointer;
        const toml::node& target_node = *target_pointer;
        const auto target = scalar_text(target_node);
        if (!target)
          check_.fail(target_node, fmt::format("[values.{}] '{}': the value must be a string or "
                                               "a whole number",
                                               name, label.str()));
        const std::string key_text = match_key(label.str());
        if (key_text.empty())
          check_.fail(label.source(),
                      fmt::format("[values.{}]: an empty label; an empty cell takes the value of "
                                  "[defaults], if any",
                                  name));
        std::string canonical;
        try {
          canonical = canonical_target(*field, *target, method_);
        } catch (const ValueError& e) {
          check_.fail(target_node, fmt::format("[values.{}] '{}' = '{}': {}", name, label.str(),
                                               *target, e.what()));
        }
        if (const auto it = labels.by_key.find(key_text); it != labels.by_key.end()) {
          const auto& earlier = labels.entries[it->second];
          if (earlier.target != canonical)
            check_.fail(
                label.source(),
                fmt::format("[values.{}]: '{}' and '{}' are the same label once case and "
                            "accents are set aside, but map to {} and {}",
                            name, earlier.label, label.str(), shown(earlier.target),
                            shown(canonical)));
          continue;
        }
        labels.by_key.emplace(key_text, labels.entries.size());
        labels.entries.push_back({std::string(label.str()), canonical, false});
      }
      mapping_.values.emplace(name, std::move(labels));
    }
  }

  static std::string shown(const std::string& target) {
    return target.empty() ? "no value (\"\")" : target;
  }

  void read_scales(const toml::table& scales) {
    for (const auto& [key, node] : scales) {
      const std::string name{key.str()};
      const Field* field = field_of(key, node, "[scale]", false, true);
      if (field->type != FieldType::step)
        check_.fail(key.source(), fmt::format("[scale.{}]: {} is not on a scale; [scale] is for "
                                              "{}",
                                              name, name,
                                              join(label_table_names(kind_, true), ", ")));
      if (!node.is_table())
        check_.fail(node, fmt::format("[scale.{}] must be a table, e.g. from = 5", name));
      const toml::table& table = *node.as_table();
      const std::string where = fmt::format("[scale.{}]", name);
      check_.allow_keys(table, where, {"from", "labels"});
      ClientScale scale;
      scale.table = name;
      scale.line = key.source().begin.line ? key.source().begin.line : node.source().begin.line;
      const auto* from = table.get("from");
      const auto* labels = table.get("labels");
      if (!from && !labels)
        check_.fail(node, fmt::format("{} needs from = N (the client rates 1 to N) or labels = "
                                      "[\"low\", ..., \"high\"] (the client's labels in order)",
                                      where));
      if (from) {
        if (!from->is_integer() || from->as_integer()->get() < 2 ||
            from->as_integer()->get() > 100)
          check_.fail(*from, fmt::format("from in {} must be a whole number from 2 to 100: the "
                                         "client's scale is 1 to from",
                                         where));
        scale.from = static_cast<int>(from->as_integer()->get());
        scale.line = from->source().begin.line;
      }
      if (labels) read_label_scales(*labels, where, scale);
      mapping_.scales.emplace(name, std::move(scale));
    }
  }

  // labels = ["low", ..., "high"], one label scale, or a list of them.
  void read_label_scales(const toml::node& node, const std::string& where, ClientScale& scale) {
    const auto* list = node.as_array();
    const std::string form = fmt::format(
        "labels in {} is the client's labels from low to high, [\"Low\", \"Medium\", "
        "\"High\"], or a list of such scales",
        where);
    if (!list || list->empty()) check_.fail(node, form);
    if (list->front().is_array()) {
      for (const auto& item : *list) {
        if (!item.is_array()) check_.fail(item, form);
        scale.labels.push_back(label_scale(*item.as_array(), where, form));
      }
    } else {
      scale.labels.push_back(label_scale(*list, where, form));
    }
  }

  std::vector<std::string> label_scale(const toml::array& list, const std::string& where,
                                       const std::string& form) const {
    std::vector<std::string> labels;
    std::vector<std::string> keys;
    for (const auto& item : list) {
      if (!item.is_string() || match_key(item.as_string()->get()).empty()) check_.fail(item, form);
      const std::string label{trim(item.as_string()->get())};
      const std::string key = match_key(label);
      if (std::find(keys.begin(), keys.end(), key) != keys.end())
        check_.fail(item, fmt::format("labels in {}: '{}' is twice in one scale (case and "
                                      "accents aside)",
                                      where, label));
      keys.push_back(key);
      labels.push_back(label);
    }
    if (labels.size() < 2)
      check_.fail(list, fmt::format("labels in {}: a scale has two labels or more", where));
    return labels;
  }

  void read_defaults(const toml::table& defaults) {
    for (const auto& [key, node] : defaults) {
      if (key.str() == "ref")
        check_.fail(key.source(), "ref has no default: a row without a ref gets the next free ref");
      const Field* field = field_of(key, node, "[defaults]", false);
      std::string text;
      if (const auto* list = node.as_array(); list && field->is_list()) {
        std::vector<std::string> items;
        for (const auto& item : *list) {
          const auto item_text = scalar_text(item);
          if (!item_text)
            check_.fail(item, fmt::format("{} in [defaults]: items are strings", field->name));
          items.push_back(*item_text);
        }
        text = join(items, ",");
      } else if (const auto scalar = scalar_text(node)) {
        text = *scalar;
      } else {
        check_.fail(node, fmt::format("{} in [defaults] must be a string{}", field->name,
                                      field->is_list() ? " or a list of strings" : ""));
      }
      try {
        Value value = parse_value(*field, text, method_);
        if (is_unset(value))
          check_.fail(node, fmt::format("{} in [defaults] is empty", field->name));
        mapping_.defaults.emplace_back(kind_.index(field->name), std::move(value));
      } catch (const ValueError& e) {
        check_.fail(node, fmt::format("{} in [defaults]: {}", field->name, e.what()));
      }
    }
  }

  TomlChecker check_;
  const EntityKind& kind_;
  const Method& method_;
  Mapping mapping_;
};

}  // namespace

Mapping read_mapping(std::string_view text, const std::string& source, const EntityKind& kind,
                     const Method& method) {
  return MappingReader(source, kind, method).read(text);
}

Value Mapping::read(const Field& field, std::string_view cell, const Method& method) const {
  const auto value = trim(cell);
  if (value.empty()) return std::monostate{};
  const LabelMap* labels = labels_for(field);
  switch (field.type) {
    case FieldType::step: {
      const Scale& ours = scale_of(field, method);
      if (labels)
        if (const std::string* target = labels->find(value))
          return target->empty() ? Value{} : Value{std::int64_t{ours.find_id(*target)}};
      const ClientScale* theirs = scale_for(field);
      if (theirs && theirs->from) {
        int number = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), number);
        if (error == std::errc{} && end == value.data() + value.size() && number >= 1 &&
            number <= theirs->from)
          return static_cast<std::int64_t>(rescale(number, theirs->from, ours.size()));
      }
      if (theirs)
        if (const auto it = theirs->settled.find(match_key(value)); it != theirs->settled.end())
          return static_cast<std::int64_t>(it->second);
      if (theirs && theirs->from) {
        std::string on_scale =
            fmt::format("[scale.{}] ({}) takes a whole number from 1 to {}", theirs->table,
                        where_in(*this, theirs->line), theirs->from);
        if (!theirs->labels.empty()) on_scale += " or " + label_scales_text(*theirs);
        if (labels) throw ValueError(not_mapped(*this, field, value, on_scale));
        throw ValueError(fmt::format("'{}' is not on the client's scale: {}", value, on_scale));
      }
      try {
        return static_cast<std::int64_t>(ours.parse(value));
      } catch (const ValueError& e) {
        if (!labels && !theirs) throw;
        // "the scale A < B of [scale.T] (where), which ...", or "a label
        // scale of [scale.T] (where) that ...": where the cell is not.
        std::string on_label_scales;
        if (theirs && !theirs->chosen.empty())
          on_label_scales = fmt::format(
              "the scale {} of [scale.{}] ({}), which holds the file's other {} labels, ",
              join(theirs->chosen, " < "), theirs->table, where_in(*this, theirs->line),
              theirs->table);
        else if (theirs)
          on_label_scales = fmt::format(
              "a label scale of [scale.{}] ({}) that holds every label of the file's {} "
              "columns{}, ",
              theirs->table, where_in(*this, theirs->line), theirs->table,
              unsettled_labels(*theirs));
        const std::string on_ours = fmt::format(
            "nor on our {} scale: 1 to {} or its ids and labels (--map-values {}:'{}'=ID says "
            "what it is)",
            ours.name, ours.size(), labels ? labels->table : theirs->table, value);
        if (labels)
          throw ValueError(not_mapped(*this, field, value,
                                      (theirs ? "nor on " + on_label_scales : "") + on_ours));
        throw ValueError(fmt::format("'{}' is not on {}{}", value, on_label_scales, on_ours));
      }
    }
    case FieldType::choice:
      if (labels)
        if (const std::string* target = labels->find(value))
          return target->empty() ? Value{} : Value{*target};
      try {
        return parse_value(field, value, method);
      } catch (const ValueError& e) {
        if (!labels) throw;
        std::vector<std::string> ids;
        for (const auto& choice : *field.vocabulary) ids.push_back(choice.id);
        throw ValueError(
            not_mapped(*this, field, value, fmt::format("nor one of ours: {}", quoted_list(ids))));
      }
    case FieldType::choices:
    case FieldType::words:
    case FieldType::refs: {
      std::vector<std::string> items;
      for (const auto& item : split_cell(value)) {
        const std::string* target = labels ? labels->find(item) : nullptr;
        std::string parsed;
        try {
          parsed = target ? *target : parse_item(field, item);
        } catch (const ValueError& e) {
          if (!labels) throw;
          throw ValueError(not_mapped(*this, field, item, e.what()));
        }
        if (!parsed.empty() && std::find(items.begin(), items.end(), parsed) == items.end())
          items.push_back(std::move(parsed));
      }
      sort_list(field, items);
      return items;
    }
    default:
      return parse_value(field, value, method);
  }
}

std::string Mapping::read_ref(std::string_view cell) const {
  const auto text = trim(cell);
  if (text.empty()) return {};
  if (!ref_prefix) {
    if (is_valid_ref(text)) return std::string(text);
    throw ValueError(fmt::format(
        "'{}' is not a valid ref: use letters, digits, '.', '_' or '-', starting with a letter "
        "or a digit; or set prefix = \"{}\" in [refs] of {} to make refs from the number in the "
        "cell ('R 12' gives {}12)",
        text, kind->prefix, source, kind->prefix));
  }
  std::vector<std::string_view> numbers;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] < '0' || text[i] > '9') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    numbers.push_back(text.substr(start, i - start));
  }
  if (numbers.size() != 1 || numbers[0].size() > 15)
    throw ValueError(
        fmt::format("'{}' {}: with prefix = \"{}\" in [refs] ({}:{}), a ref cell holds one number",
                    text, numbers.empty() ? "holds no number" : "holds several numbers",
                    *ref_prefix, source, ref_prefix_line));
  std::size_t digits = 0;
  while (digits + 1 < numbers[0].size() && numbers[0][digits] == '0') ++digits;  // R007 is R7
  return *ref_prefix + std::string(numbers[0].substr(digits));
}

namespace {

// Whether a header, as match_key gives it, is one of the names of `column`.
bool column_named(const MappedColumn& column, const std::string& key) {
  if (match_key(column.header) == key) return true;
  return std::any_of(column.others.begin(), column.others.end(),
                     [&](const std::string& other) { return match_key(other) == key; });
}

// "'Risque'", or "'Risque' (or 'Intitulé', 'Libellé')", for messages.
std::string column_names(const MappedColumn& column) {
  if (column.others.empty()) return fmt::format("'{}'", column.header);
  std::vector<std::string> others;
  for (const auto& other : column.others) others.push_back(fmt::format("'{}'", other));
  return fmt::format("'{}' (or {})", column.header, join(others, ", "));
}

}  // namespace

HeaderBinding bind_header(const Mapping& mapping, const std::vector<std::string>& header,
                          const std::string& file, std::size_t line) {
  return bind_header(mapping, header, fmt::format("{}:{}", file, line));
}

HeaderBinding bind_header(const Mapping& mapping, const std::vector<std::string>& header,
                          const std::string& where) {
  HeaderBinding binding;
  std::vector<std::string> keys;
  for (const auto& name : header) {
    binding.headers.emplace_back(trim(name));
    keys.push_back(match_key(name));
  }
  std::vector<std::string> named;  // the file's non-empty headers, for messages
  for (const auto& name : binding.headers)
    if (!name.empty()) named.push_back(name);
  std::vector<std::string> problems;
  const auto locate = [&](const MappedColumn& column) -> std::optional<std::size_t> {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (column_named(column, keys[i])) found.push_back(i);
    if (found.size() == 1) return found[0];
    if (found.empty() && column.optional) return std::nullopt;
    if (found.empty()) {
      std::string suggestion = did_you_mean(column.header, named);
      for (std::size_t i = 0; suggestion.empty() && i < column.others.size(); ++i)
        suggestion = did_you_mean(column.others[i], named);
      problems.push_back(fmt::format("{} ({}, {}:{}) is missing{}", column_names(column),
                                     column.field, mapping.source, column.line, suggestion));
    } else {
      problems.push_back(fmt::format("{} ({}, {}:{}) is there twice (columns {} and {})",
                                     column_names(column), column.field, mapping.source,
                                     column.line, found[0] + 1, found[1] + 1));
    }
    return std::nullopt;
  };
  for (const auto& column : mapping.columns) {
    const auto at = locate(column);
    if (!at) continue;
    if (column.field == "ref")
      binding.ref = *at;
    else
      binding.fields.emplace_back(mapping.kind->index(column.field), *at);
  }
  for (const auto& column : mapping.notes)
    if (const auto at = locate(column)) binding.notes.emplace_back(column.header, *at);
  if (!problems.empty())
    throw ContentError(
        fmt::format("{}: the file's header does not match the mapping: {}; the "
                    "file's columns: {}",
                    where, join(problems, "; "), quoted_list(named)));
  return binding;
}

bool header_fits(const Mapping& mapping, const std::vector<std::string>& header) {
  std::vector<std::string> keys;
  for (const auto& name : header) keys.push_back(match_key(name));
  const auto present = [&](const MappedColumn& column) {
    return column.optional || std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
             return column_named(column, key);
           });
  };
  return std::all_of(mapping.columns.begin(), mapping.columns.end(), present) &&
         std::all_of(mapping.notes.begin(), mapping.notes.end(), present);
}

void add_value_overrides(Mapping& mapping, std::string_view spec, const Method& method) {
  const EntityKind& kind = *mapping.kind;
  const auto names = label_table_names(kind, false);
  const auto colon = spec.find(':');
  if (colon == std::string_view::npos)
    throw ValueError(fmt::format("'{}' is not NAME:LABEL=VALUE,LABEL=VALUE...; NAME is one of: {}",
                                 spec, join(names, ", ")));
  const std::string name{trim(spec.substr(0, colon))};
  const Field* field = table_field(kind, name);
  if (!field || !takes_labels(*field))
    throw ValueError(fmt::format("'{}' takes no labels for {}{}; allowed: {}", name, kind.plural,
                                 did_you_mean(name, names), join(names, ", ")));
  auto [it, added] = mapping.values.try_emplace(name);
  LabelMap& labels = it->second;
  if (added) labels.table = name;
  for (const auto& item : split_list(spec.substr(colon + 1), ',')) {
    const auto equals = item.rfind('=');
    if (equals == std::string::npos)
      throw ValueError(fmt::format("'{}' in {}: each item is LABEL=VALUE", item, name));
    std::string_view label = trim(std::string_view(item).substr(0, equals));
    if (label.size() >= 2 && label.front() == '"' && label.back() == '"')
      label = label.substr(1, label.size() - 2);  // "Très faible"=V1, quoted past the shell
    if (match_key(label).empty())
      throw ValueError(fmt::format("'{}' in {}: the label is empty", item, name));
    const std::string target{trim(std::string_view(item).substr(equals + 1))};
    try {
      labels.set(std::string(label), canonical_target(*field, target, method));
    } catch (const ValueError& e) {
      throw ValueError(fmt::format("{}:'{}'={}: {}", name, label, target, e.what()));
    }
  }
}

}  // namespace riskmap
