#include "record_toml.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"
#include "toml_check.hpp"

namespace riskmap {

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// A TOML basic string; with line feeds, a multi-line one whose text starts
// on the line after the opening quotes (which TOML does not count).
std::string toml_string(std::string_view text) {
  const bool multi_line = text.find('\n') != std::string_view::npos;
  std::string out = multi_line ? "\"\"\"\n" : "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += multi_line ? "\n" : "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (byte < 0x20 || byte == 0x7f)
          out += fmt::format("\\u{:04X}", byte);
        else
          out += c;
    }
  }
  out += multi_line ? "\"\"\"" : "\"";
  return out;
}

// What a field's value is, for a comment after it: the label of a level or
// a choice, in `lang`.
std::string value_comment(const Field& field, const Value& value, const Method& method,
                          Lang lang) {
  if (field.type == FieldType::step) {
    if (const auto* position = std::get_if<std::int64_t>(&value)) {
      const Scale& scale = scale_of(field, method);
      if (*position >= 1 && *position <= scale.size())
        return scale.at(static_cast<int>(*position)).label.in(lang);
    }
    return {};
  }
  if (field.type == FieldType::choice && field.vocabulary) {
    if (const auto* id = std::get_if<std::string>(&value))
      for (const auto& choice : *field.vocabulary)
        if (choice.id == *id) return choice.label.in(lang);
  }
  return {};
}

// What a field allows, for the line of a field without a value.
std::string allowed_comment(const Field& field, const Method& method) {
  switch (field.type) {
    case FieldType::choice:
    case FieldType::choices: {
      std::vector<std::string> ids;
      for (const auto& choice : *field.vocabulary) ids.push_back(choice.id);
      return join(ids, " | ");
    }
    case FieldType::step: {
      const Scale& scale = scale_of(field, method);
      return fmt::format("{} to {}", scale.at(1).id, scale.at(scale.size()).id);
    }
    case FieldType::date:
      return "YYYY-MM-DD";
    case FieldType::duration:
      return "e.g. 4h, 2d";
    case FieldType::number:
      return fmt::format("{} to {}", field.minimum, field.maximum);
    case FieldType::refs:
    {
      std::string target = field.target;
      std::replace(target.begin(), target.end(), '_', ' ');
      return field.single ? "one " + target + " ref" : target + " refs";
    }
    default:
      return {};
  }
}

std::string toml_value(const Field& field, const Value& value, const Method& method) {
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    if (field.single) return toml_string(list->empty() ? "" : list->front());
    std::string out = "[";
    for (std::size_t i = 0; i < list->size(); ++i)
      out += (i ? ", " : "") + toml_string((*list)[i]);
    return out + "]";
  }
  if (field.type == FieldType::number)
    if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  return toml_string(value_text(field, value, method));
}

// A field named as in JSON ("review_date") or as its option ("review-date").
const Field* field_named(const EntityKind& kind, std::string_view name) {
  for (const Field& field : kind.fields) {
    if (name == field.name) return &field;
    std::string dashed = field.name;
    std::replace(dashed.begin(), dashed.end(), '_', '-');
    if (name == dashed) return &field;
  }
  return nullptr;
}

// The text parse_value reads for the value of `node`; fails on a type the
// field cannot take.
std::string value_text_of(const TomlChecker& check, const Field& field, const toml::node& node) {
  if (const auto* text = node.as_string()) return text->get();
  if (const auto* number = node.as_integer()) {
    if (field.type == FieldType::number || field.type == FieldType::step)
      return std::to_string(number->get());
    check.fail(node, fmt::format("{}: a number is not allowed here; give a text in quotes",
                                 field.name));
  }
  if (const auto* flag = node.as_boolean()) {
    if (field.type == FieldType::choice) return flag->get() ? "yes" : "no";
    check.fail(node, fmt::format("{}: true or false is not allowed here", field.name));
  }
  if (const auto* date = node.as_date()) {
    const auto& d = date->get();
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  }
  if (const auto* array = node.as_array()) {
    if (!field.is_list() || field.single)
      check.fail(node, fmt::format("{}: one value is expected here, not a list", field.name));
    std::vector<std::string> items;
    for (const auto& item : *array) {
      const auto* text = item.as_string();
      if (!text) check.fail(item, fmt::format("{}: every item of the list is a text in quotes",
                                              field.name));
      if (text->get().find(',') != std::string::npos)
        check.fail(item, fmt::format("{}: an item cannot hold a comma", field.name));
      items.push_back(text->get());
    }
    return join(items, ",");
  }
  check.fail(node, fmt::format("{}: give a text in quotes, a number or a list", field.name));
}

}  // namespace

std::string record_to_toml(const EntityKind& kind, const Record& record, const Method& method,
                           Lang lang, std::string_view header) {
  std::string out;
  for (const auto& line : lines_of(header)) out += line.empty() ? "#\n" : "# " + std::string(line) + "\n";
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const Field& field = kind.fields[i];
    const Value& value = record.values[i];
    out += '\n';
    if (is_unset(value)) {
      const std::string allowed = allowed_comment(field, method);
      out += fmt::format("# {} = {}{}\n", field.name, field.is_list() && !field.single ? "[]" : "\"\"",
                         allowed.empty() ? "" : "  # " + allowed);
      continue;
    }
    std::string comment = value_comment(field, value, method, lang);
    const bool derived = record.is_derived(i);
    if (derived)
      comment += (comment.empty() ? "" : "; ") + std::string("derived: uncomment to set it by hand");
    std::string line = fmt::format("{} = {}", field.name, toml_value(field, value, method));
    if (derived) {
      // A derived value spans one line: it is never a text.
      line = "# " + line;
    }
    if (!comment.empty()) line += "  # " + comment;
    out += line + '\n';
  }
  return out;
}

Record record_from_toml(const EntityKind& kind, const std::string& ref, std::string_view text,
                        const std::string& source, const Method& method) {
  const toml::table table = parse_toml(text, source);
  const TomlChecker check(source);
  Record record = kind.empty_record(ref);
  std::vector<bool> given(kind.fields.size(), false);
  for (const auto& [key, node] : table) {
    const Field* field = field_named(kind, key.str());
    if (!field) {
      if (key.str() == "ref")
        check.fail(key.source(), fmt::format("the ref of {} {} cannot be changed here", kind.name,
                                             ref));
      std::vector<std::string> names;
      for (const auto& f : kind.fields) names.push_back(f.name);
      check.fail(key.source(),
                 fmt::format("'{}' is not a field of {}{}; allowed: {}", key.str(), kind.name,
                             did_you_mean(key.str(), names), join(names, ", ")));
    }
    const std::size_t i = kind.index(field->name);
    if (given[i])
      check.fail(key.source(), fmt::format("{} is given twice", field->name));
    given[i] = true;
    const std::string value = value_text_of(check, *field, node);
    if (trim(value).empty()) {
      // An empty text or list: the field is emptied, as --clear does.
      continue;
    }
    try {
      record.values[i] = parse_value(*field, value, method);
    } catch (const ValueError& e) {
      check.fail(node, fmt::format("{}: {}", field->name, e.what()));
    }
  }
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const Field& field = kind.fields[i];
    if (!is_unset(record.values[i])) continue;
    if (field.required)
      throw ContentError(fmt::format("{}: {} is required; give it a value", source, field.name));
    if (!field.default_value.empty())
      throw ContentError(fmt::format("{}: {} always has a value; give one ({})", source,
                                     field.name, allowed_comment(field, method)));
  }
  return record;
}

bool is_blank_toml(std::string_view text) {
  for (const auto& line : lines_of(text)) {
    const std::string_view content = trim(line);
    if (!content.empty() && content.front() != '#') return false;
  }
  return true;
}

}  // namespace riskmap
