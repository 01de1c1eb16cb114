#include "entity.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "date.hpp"
#include "error.hpp"
#include "text.hpp"

namespace riskmap {

std::size_t EntityKind::index(std::string_view field) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == field) return i;
  throw std::out_of_range(fmt::format("no field '{}' in {}", field, name));
}

const Field* EntityKind::find(std::string_view field) const {
  for (const auto& f : fields)
    if (f.name == field) return &f;
  return nullptr;
}

Record EntityKind::empty_record(std::string ref) const {
  return Record{std::move(ref), std::vector<Value>(fields.size())};
}

std::vector<std::string> source_columns(const EntityKind& kind) {
  std::vector<std::string> columns;
  for (const Field& field : kind.fields)
    if (field.derivable) columns.push_back(field.name + "_source");
  return columns;
}

const Scale& scale_of(Axis axis, const Method& method) {
  switch (axis) {
    case Axis::likelihood:
      return method.likelihood;
    case Axis::impact:
      return method.impact;
    case Axis::level:
      break;
  }
  return method.levels;
}

const Scale& scale_of(const Field& field, const Method& method) {
  return scale_of(field.axis, method);
}

const Choice* find_choice(const Vocabulary& vocabulary, std::string_view id) {
  for (const auto& choice : vocabulary)
    if (choice.id == id) return &choice;
  return nullptr;
}

bool is_unset(const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) return true;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) return list->empty();
  return false;
}

const std::string& text_of(const Value& value) {
  static const std::string none;
  const auto* text = std::get_if<std::string>(&value);
  return text ? *text : none;
}

bool is_prose(const Field& field) {
  if (field.type != FieldType::text) return false;
  for (const std::string_view name : {"description", "notes", "justification", "impact_description"})
    if (field.name == name) return true;
  return false;
}

bool same_stored(const Record& a, const Record& b) {
  for (std::size_t i = 0; i < a.values.size() && i < b.values.size(); ++i) {
    const bool a_stored = !a.is_derived(i) && !is_unset(a.values[i]),
               b_stored = !b.is_derived(i) && !is_unset(b.values[i]);
    if (a_stored != b_stored || (a_stored && a.values[i] != b.values[i])) return false;
  }
  return a.values.size() == b.values.size();
}

const std::vector<std::string>& list_of(const Value& value) {
  static const std::vector<std::string> none;
  const auto* items = std::get_if<std::vector<std::string>>(&value);
  return items ? *items : none;
}

std::optional<std::int64_t> number_of(const Value& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  return std::nullopt;
}

std::string choice_label(const Vocabulary& vocabulary, const Value& value, Lang lang) {
  const auto* id = std::get_if<std::string>(&value);
  if (!id) return {};
  const Choice* choice = find_choice(vocabulary, *id);
  return choice ? choice->label.in(lang) : *id;
}

namespace {

std::string parse_choice(const Field& field, std::string_view text) {
  // An id as written, the most common by far, needs no folding.
  for (const auto& choice : *field.vocabulary)
    if (trim(text) == choice.id) return choice.id;
  const std::string folded = fold(trim(text));
  for (const auto& choice : *field.vocabulary)
    if (folded == fold(choice.id) || folded == fold(choice.label.fr) ||
        folded == fold(choice.label.en))
      return choice.id;
  std::vector<std::string> ids;
  for (const auto& choice : *field.vocabulary) ids.push_back(choice.id);
  throw ValueError(fmt::format("'{}' is not allowed for {}{}; allowed: {}", trim(text), field.name,
                               did_you_mean(trim(text), ids), quoted_list(ids)));
}

}  // namespace

Field text_field(std::string name, std::string help, bool required) {
  Field f{std::move(name), FieldType::text};
  f.help = std::move(help);
  f.required = required;
  return f;
}

Field choice_field(std::string name, const Vocabulary& vocabulary, std::string help,
                   std::string default_value) {
  Field f{std::move(name), FieldType::choice};
  f.vocabulary = &vocabulary;
  f.help = std::move(help);
  f.default_value = std::move(default_value);
  return f;
}

Field number_field(std::string name, std::string help, std::int64_t minimum, std::int64_t maximum) {
  Field f{std::move(name), FieldType::number};
  f.help = std::move(help);
  f.minimum = minimum;
  f.maximum = maximum;
  return f;
}

Field date_field(std::string name, std::string help) {
  Field f{std::move(name), FieldType::date};
  f.help = std::move(help);
  return f;
}

Field duration_field(std::string name, std::string help) {
  Field f{std::move(name), FieldType::duration};
  f.help = std::move(help);
  return f;
}

Field refs_field(std::string name, std::string target, std::string option, std::string help) {
  Field f{std::move(name), FieldType::refs};
  f.target = std::move(target);
  f.option = std::move(option);
  f.help = std::move(help);
  return f;
}

Field ref_field(std::string name, std::string target, std::string option, std::string help,
                bool required) {
  Field f = refs_field(std::move(name), std::move(target), std::move(option), std::move(help));
  f.single = true;
  f.required = required;
  return f;
}

Field step_field(std::string name, Axis axis, std::string help) {
  Field f{std::move(name), FieldType::step};
  f.axis = axis;
  f.help = std::move(help);
  return f;
}

std::string parse_item(const Field& field, std::string_view text) {
  const auto item = trim(text);
  switch (field.type) {
    case FieldType::choices:
      return parse_choice(field, item);
    case FieldType::words:
      // A tag is one word in any script: no spaces, no commas.
      if (item.empty() || invalid_utf8_at(item) ||
          item.find_first_of(" \t\r\n,;\"") != std::string_view::npos)
        throw ValueError(fmt::format(
            "'{}' is not a valid {} item: one word, without spaces or commas", item, field.name));
      return std::string(item);
    case FieldType::refs:
      if (field.qualified) {
        const auto colon = item.find(':');
        if (colon == std::string_view::npos || !is_valid_ref(item.substr(0, colon)) ||
            !is_valid_ref(item.substr(colon + 1)))
          throw ValueError(
              fmt::format("'{}' is not a valid {} item: write FRAMEWORK:ID, e.g. NIST-CSF:PR.AA-01",
                          item, field.name));
        return std::string(item);
      }
      if (!is_valid_ref(item))
        throw ValueError(
            fmt::format("'{}' is not a valid {} ref: use letters, digits, '.', '_' or '-'", item,
                        field.target));
      return std::string(item);
    default:
      throw std::logic_error("parse_item on a field that is not a list");
  }
}

Value parse_value(const Field& field, std::string_view text, const Method& method) {
  switch (field.type) {
    case FieldType::text: {
      if (auto at = invalid_utf8_at(text))
        throw ValueError(fmt::format("{} is not valid UTF-8 (byte {})", field.name, *at + 1));
      if (trim(text).empty()) return std::monostate{};
      return std::string(text);
    }
    case FieldType::choice:
      if (trim(text).empty()) return std::monostate{};
      return parse_choice(field, text);
    case FieldType::step:
      if (trim(text).empty()) return std::monostate{};
      return static_cast<std::int64_t>(scale_of(field, method).parse(text));
    case FieldType::duration:
      if (trim(text).empty()) return std::monostate{};
      return parse_duration(trim(text));
    case FieldType::date:
      if (trim(text).empty()) return std::monostate{};
      return Date::parse(trim(text)).to_string();
    case FieldType::number: {
      const auto digits = trim(text);
      if (digits.empty()) return std::monostate{};
      std::int64_t number = 0;
      const auto [end, error] =
          std::from_chars(digits.data(), digits.data() + digits.size(), number);
      if (error != std::errc{} || end != digits.data() + digits.size() || number < field.minimum ||
          number > field.maximum)
        throw ValueError(fmt::format("'{}' is not allowed for {}: a whole number from {} to {}",
                                     digits, field.name, field.minimum, field.maximum));
      return number;
    }
    case FieldType::choices:
    case FieldType::words:
    case FieldType::refs: {
      std::vector<std::string> items;
      for (const auto& item : split_list(text)) {
        auto parsed = parse_item(field, item);
        if (std::find(items.begin(), items.end(), parsed) == items.end())
          items.push_back(std::move(parsed));
      }
      if (field.single && items.size() > 1)
        throw ValueError(fmt::format("{} takes one {} ref, not {}", field.name, field.target,
                                     join(items, ", ")));
      sort_list(field, items);
      return items;
    }
  }
  throw std::logic_error("unknown field type");
}

void sort_list(const Field& field, std::vector<std::string>& items) {
  if (field.ordered) return;
  if (field.type == FieldType::choices) {
    const auto rank = [&](const std::string& id) {
      for (std::size_t i = 0; i < field.vocabulary->size(); ++i)
        if ((*field.vocabulary)[i].id == id) return i;
      return field.vocabulary->size();
    };
    std::sort(items.begin(), items.end(),
              [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  } else {
    std::sort(items.begin(), items.end(), NaturalLess{});
  }
}

std::string value_text(const Field& field, const Value& value, const Method& method) {
  if (std::holds_alternative<std::monostate>(value)) return {};
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) return join(*list, ",");
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  const auto number = std::get<std::int64_t>(value);
  if (field.type == FieldType::step) return scale_of(field, method).at(static_cast<int>(number)).id;
  if (field.type == FieldType::duration) return format_duration(number);
  return std::to_string(number);
}

}  // namespace riskmap
