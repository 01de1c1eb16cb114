#include "risk_matrix.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "error.hpp"
#include "library.hpp"
#include "text.hpp"
#include "yaml.hpp"

namespace riskmap {

bool is_yaml_file_name(std::string_view name) {
  const std::string folded = fold(name);
  return folded.ends_with(".yaml") || folded.ends_with(".yml");
}

namespace {

// The three lists of a matrix and the scales they become.
struct ListKind {
  const char* key;     // the list in the file
  const char* prefix;  // the letter of positional ids
  Scale Method::*scale;
};
constexpr ListKind list_kinds[] = {{"probability", "P", &Method::likelihood},
                                   {"impact", "I", &Method::impact},
                                   {"risk", "L", &Method::levels}};

constexpr std::array<Lang, 2> languages{Lang::fr, Lang::en};

std::string_view language_name(Lang lang) {
  return lang == Lang::fr ? "French" : "English";
}

std::size_t index_of(Lang lang) {
  return lang == Lang::fr ? 0 : 1;
}

// A text that says something, trimmed; nullopt for an empty one.
std::optional<std::string> filled(std::optional<std::string> text) {
  if (!text) return std::nullopt;
  const std::string_view kept = trim(*text);
  if (kept.empty()) return std::nullopt;
  return std::string(kept);
}

std::optional<long long> whole_number(std::string_view text) {
  long long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return number;
}

// "#rrggbb" of "#RRGGBB" or "#rgb"; nullopt for anything else.
std::optional<std::string> normal_colour(std::string_view text) {
  text = trim(text);
  if (text.empty() || text[0] != '#') return std::nullopt;
  const std::string_view digits = text.substr(1);
  if ((digits.size() != 6 && digits.size() != 3) ||
      !std::all_of(digits.begin(), digits.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      }))
    return std::nullopt;
  std::string out = "#";
  for (const char c : digits) {
    const char lower = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
    out += lower;
    if (digits.size() == 3) out += lower;
  }
  return out;
}

// The colour of step `position` of `count` when the file gives none: the
// hue runs from green (120 degrees) for the first to red (0) for the last,
// at saturation 65% and lightness 55%.
std::string default_colour(int position, int count) {
  const double hue = count > 1 ? 120.0 * (count - position) / (count - 1) : 120.0;
  const double saturation = 0.65, lightness = 0.55;
  const double chroma = (1 - std::abs(2 * lightness - 1)) * saturation;
  const double x = chroma * (1 - std::abs(std::fmod(hue / 60.0, 2.0) - 1));
  const double m = lightness - chroma / 2;
  double r = 0, g = 0, b = 0;
  if (hue >= 60) {
    r = x;
    g = chroma;
  } else {
    r = chroma;
    g = x;
  }
  const auto byte = [&](double value) { return static_cast<int>(std::lround((value + m) * 255)); };
  return fmt::format("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b));
}

// What a note lists, scale by scale: "likelihood P2 (name, description),
// P3 (name); level L1 (description)".
class NoteList {
 public:
  void add(const std::string& scale, const std::string& id, std::string_view field) {
    if (groups_.empty() || groups_.back().scale != scale) groups_.push_back({scale, {}});
    auto& steps = groups_.back().steps;
    if (!steps.empty() && steps.back().first == id) {
      std::string& fields = steps.back().second;
      if (!field.empty()) fields += fmt::format("{}{}", fields.empty() ? "" : ", ", field);
      return;
    }
    steps.emplace_back(id, std::string(field));
  }
  bool empty() const { return groups_.empty(); }
  std::string text() const {
    constexpr std::size_t shown = 12;
    std::size_t count = 0;
    std::string out;
    for (const Group& group : groups_) {
      for (std::size_t i = 0; i < group.steps.size(); ++i, ++count) {
        if (count >= shown) continue;
        const auto& [id, fields] = group.steps[i];
        out += fmt::format(
            "{}{}{}", i == 0 ? fmt::format("{}{} ", out.empty() ? "" : "; ", group.scale) : ", ",
            id, fields.empty() ? "" : fmt::format(" ({})", fields));
      }
    }
    if (count > shown) out += fmt::format(" and {} more", count - shown);
    return out;
  }

 private:
  struct Group {
    std::string scale;
    std::vector<std::pair<std::string, std::string>> steps;  // id, fields
  };
  std::vector<Group> groups_;
};

// One item of a list as the file gives it, before it becomes a step. (Not
// its node: assigning a YAML::Node, as sorting does, rewrites the document.)
struct Item {
  std::string at;  // "source:line:column"
  long long id = 0;
  std::optional<std::string> abbreviation;
  std::optional<std::string> hexcolor;
  // name and description: in French and English ([index_of(lang)]), and in
  // the library's locale when that is neither.
  std::array<std::optional<std::string>, 2> name, description;
  std::optional<std::string> own_name, own_description;
};

class Converter {
 public:
  Converter(const std::string& source, std::string locale)
      : source_(source), locale_(std::move(locale)) {}

  Method convert(const YAML::Node& matrix) {
    Method method;
    method.name =
        filled(yaml::text(matrix, "ref_id", source_, "the risk matrix"))
            .value_or(
                filled(yaml::text(matrix, "name", source_, "the risk matrix")).value_or("custom"));
    for (const ListKind& kind : list_kinds) read_scale(matrix, kind, method.*kind.scale);
    read_grid(matrix, method);
    return method;
  }

  std::vector<std::string> notes() const {
    std::vector<std::string> out;
    for (const Lang lang : languages) {
      const Lang other = lang == Lang::fr ? Lang::en : Lang::fr;
      const NoteList& list = from_other_[index_of(lang)];
      if (!list.empty())
        out.push_back(fmt::format("{}: no {} text for {}: the {} text stands in", source_,
                                  language_name(lang), list.text(), language_name(other)));
    }
    if (!from_own_.empty())
      out.push_back(fmt::format("{}: no French or English text for {}: the '{}' text stands in",
                                source_, from_own_.text(), locale_));
    if (!no_description_.empty())
      out.push_back(fmt::format("{}: no description for {}: the label stands in", source_,
                                no_description_.text()));
    if (!default_colour_.empty())
      out.push_back(fmt::format(
          "{}: no #rrggbb hexcolor for {}: a colour from green to red by position stands in",
          source_, default_colour_.text()));
    return out;
  }

 private:
  std::string where(const YAML::Node& node) const { return yaml::where(source_, node); }

  [[noreturn]] void fail(const YAML::Node& node, std::string_view message) const {
    throw ContentError(fmt::format("{}: {}", where(node), message));
  }

  // name or description of an item in each language it has.
  void read_texts(const YAML::Node& node, std::string_view field, std::string_view what,
                  std::array<std::optional<std::string>, 2>& texts,
                  std::optional<std::string>& own) const {
    const YAML::Node translations = yaml::member(node, "translations");
    for (const Lang lang : languages) {
      const std::string code(to_string(lang));
      texts[index_of(lang)] =
          code == locale_
              ? filled(yaml::text(node, field, source_, what))
              : filled(yaml::text(yaml::member(translations, code), field, source_,
                                  fmt::format("the '{}' translation of {}", code, what)));
    }
    if (locale_ != "fr" && locale_ != "en") own = filled(yaml::text(node, field, source_, what));
  }

  // The text in both languages, each taken from the other, then from the
  // library's own language, when missing; nullopt when there is none at all.
  std::optional<Text> resolve(const std::array<std::optional<std::string>, 2>& texts,
                              const std::optional<std::string>& own, const Scale& scale,
                              const std::string& id, std::string_view field) {
    Text out;
    for (const Lang lang : languages) {
      const Lang other = lang == Lang::fr ? Lang::en : Lang::fr;
      std::string& target = lang == Lang::fr ? out.fr : out.en;
      if (const auto& mine = texts[index_of(lang)]) {
        target = *mine;
      } else if (const auto& theirs = texts[index_of(other)]) {
        target = *theirs;
        from_other_[index_of(lang)].add(scale.name, id, field);
      } else if (own) {
        target = *own;
        if (lang == Lang::fr) from_own_.add(scale.name, id, field);
      } else {
        return std::nullopt;
      }
    }
    return out;
  }

  std::vector<Item> read_items(const YAML::Node& matrix, const ListKind& kind) const {
    const YAML::Node list = yaml::member(matrix, kind.key);
    if (!list.IsDefined() || list.IsNull())
      fail(matrix, fmt::format("the risk matrix has no '{}' list", kind.key));
    if (!list.IsSequence() || list.size() == 0)
      fail(list, fmt::format("'{}' must be a list of at least one item", kind.key));
    std::vector<Item> items;
    std::vector<bool> taken(list.size(), false);
    for (std::size_t index = 0; index < list.size(); ++index) {
      const YAML::Node node = list[index];
      if (!node.IsMap())
        fail(node,
             fmt::format("each item of '{}' must be a map (id, name, description...)", kind.key));
      const std::string what = fmt::format("a '{}' item", kind.key);
      Item item;
      item.at = where(node);
      item.id = yaml::integer(node, "id", source_, what).value_or(static_cast<long long>(index));
      if (item.id < 0 || item.id >= static_cast<long long>(list.size()))
        fail(yaml::member(node, "id"),
             fmt::format("'{}' id {} is off the list: its {} items have ids 0 to {}", kind.key,
                         item.id, list.size(), list.size() - 1));
      if (taken[static_cast<std::size_t>(item.id)])
        fail(yaml::member(node, "id").IsDefined() ? yaml::member(node, "id") : node,
             fmt::format("'{}' id {} is used twice", kind.key, item.id));
      taken[static_cast<std::size_t>(item.id)] = true;
      item.abbreviation = filled(yaml::text(node, "abbreviation", source_, what));
      item.hexcolor = filled(yaml::text(node, "hexcolor", source_, what));
      read_texts(node, "name", what, item.name, item.own_name);
      read_texts(node, "description", what, item.description, item.own_description);
      items.push_back(std::move(item));
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
    return items;
  }

  // Whether a list's abbreviations can be its steps' ids (see risk_matrix.hpp).
  static bool abbreviations_usable(const std::vector<Item>& items) {
    std::vector<std::string> seen;
    for (const Item& item : items) {
      const auto& abbreviation = item.abbreviation;
      if (!abbreviation || !is_valid_ref(*abbreviation) ||
          abbreviation->find_first_not_of("0123456789") == std::string::npos)
        return false;
      const std::string folded = fold(*abbreviation);
      if (std::find(seen.begin(), seen.end(), folded) != seen.end()) return false;
      seen.push_back(folded);
    }
    return true;
  }

  void read_scale(const YAML::Node& matrix, const ListKind& kind, Scale& scale) {
    const std::vector<Item> items = read_items(matrix, kind);
    const bool by_abbreviation = abbreviations_usable(items);
    const int count = static_cast<int>(items.size());
    for (int position = 1; position <= count; ++position) {
      const Item& item = items[static_cast<std::size_t>(position - 1)];
      Step step;
      step.id = by_abbreviation ? *item.abbreviation : fmt::format("{}{}", kind.prefix, position);
      const auto label = resolve(item.name, item.own_name, scale, step.id, "name");
      if (!label)
        throw ContentError(fmt::format(
            "{}: '{}' item {} has no name, in French, English or the library's locale '{}'",
            item.at, kind.key, item.id, locale_));
      step.label = *label;
      if (auto description =
              resolve(item.description, item.own_description, scale, step.id, "description"))
        step.description = std::move(*description);
      else {
        step.description = step.label;
        no_description_.add(scale.name, step.id, "");
      }
      if (const auto colour = item.hexcolor ? normal_colour(*item.hexcolor) : std::nullopt)
        step.colour = *colour;
      else {
        step.colour = default_colour(position, count);
        default_colour_.add(scale.name, step.id, "");
      }
      if (const auto problem = step_problem(scale, step, fmt::format("the '{}' list", kind.key)))
        throw ContentError(fmt::format("{}: {}", item.at, problem->message));
      scale.steps.push_back(std::move(step));
    }
  }

  void read_grid(const YAML::Node& matrix, Method& method) const {
    const YAML::Node grid = yaml::member(matrix, "grid");
    if (!grid.IsDefined() || grid.IsNull()) fail(matrix, "the risk matrix has no 'grid'");
    const auto rows = static_cast<std::size_t>(method.likelihood.size());
    const auto columns = static_cast<std::size_t>(method.impact.size());
    const int levels = method.levels.size();
    if (!grid.IsSequence())
      fail(grid, fmt::format("'grid' must be a list of {} rows, one per probability", rows));
    if (grid.size() != rows)
      fail(grid, fmt::format("'grid' has {} row{}; it needs {}, one per probability in id order",
                             grid.size(), grid.size() == 1 ? "" : "s", rows));
    method.grid.assign(rows * columns, 0);
    for (std::size_t r = 0; r < rows; ++r) {
      const YAML::Node row = grid[r];
      if (!row.IsSequence())
        fail(row, fmt::format("grid row {} must be a list of {} risk ids, one per impact", r + 1,
                              columns));
      if (row.size() != columns)
        fail(row, fmt::format("grid row {} has {} cell{}; it needs {}, one per impact in id order",
                              r + 1, row.size(), row.size() == 1 ? "" : "s", columns));
      for (std::size_t c = 0; c < columns; ++c) {
        const YAML::Node cell = row[c];
        const std::string text =
            yaml::scalar(cell, source_, fmt::format("grid row {}, cell {}", r + 1, c + 1));
        const auto id = whole_number(trim(text));
        if (!id || *id < 0 || *id >= levels)
          fail(cell, fmt::format("grid row {}, cell {}: '{}' is not a risk id; the 'risk' list "
                                 "has ids 0 to {}",
                                 r + 1, c + 1, text, levels - 1));
        method.grid[r * columns + c] = static_cast<int>(*id) + 1;
      }
    }
  }

  const std::string& source_;
  std::string locale_;
  std::array<NoteList, 2> from_other_;  // [index_of(lang)]: lang taken from the other
  NoteList from_own_, no_description_, default_colour_;
};

std::string matrix_ref(const YAML::Node& matrix, const std::string& source) {
  if (auto ref = filled(yaml::text(matrix, "ref_id", source, "a risk matrix"))) return *ref;
  return filled(yaml::text(matrix, "name", source, "a risk matrix")).value_or("");
}

// The matrix --matrix names, or the only one.
YAML::Node choose_matrix(const std::vector<YAML::Node>& matrices, const std::string& source,
                         const std::optional<std::string>& wanted) {
  std::vector<std::string> refs;
  for (const YAML::Node& matrix : matrices) {
    if (!matrix.IsMap())
      throw ContentError(
          fmt::format("{}: a risk matrix must be a map (ref_id, probability, "
                      "impact, risk, grid...)",
                      yaml::where(source, matrix)));
    refs.push_back(matrix_ref(matrix, source));
  }
  if (wanted) {
    for (std::size_t i = 0; i < matrices.size(); ++i)
      if (refs[i] == *wanted) return matrices[i];
    throw UsageError(fmt::format("--matrix: {} holds no risk matrix '{}'{}; it holds {}", source,
                                 *wanted, did_you_mean(*wanted, refs), quoted_list(refs)));
  }
  if (matrices.size() == 1) return matrices.front();
  throw UsageError(
      fmt::format("{} holds {} risk matrices: pick one with --matrix REF_ID, one of {}", source,
                  matrices.size(), quoted_list(refs)));
}

}  // namespace

RiskMatrix read_risk_matrix(const std::string& text, const std::string& source,
                            const RiskMatrixOptions& options) {
  const YAML::Node root = yaml::load(text, source);
  const YAML::Node objects = library_objects(root, source);
  const std::vector<YAML::Node> matrices = yaml::items(objects, "risk_matrix");
  if (matrices.empty()) {
    std::vector<std::string> kinds;
    bool framework = false;
    for (const auto& entry : objects) {
      const std::string kind = entry.first.Scalar();
      if (kind == "risk_matrix") continue;
      kinds.push_back(kind);
      framework = framework || kind == "framework" || kind.starts_with("requirement_mapping_set");
    }
    throw ContentError(fmt::format(
        "{}: this library holds no risk matrix ('objects' has {}){}", yaml::where(source, objects),
        kinds.empty() ? "nothing" : quoted_list(kinds),
        framework ? fmt::format("; import it with 'riskmap framework import {}'", source) : ""));
  }
  const YAML::Node matrix = choose_matrix(matrices, source, options.matrix);

  const std::string locale = library_locale(root, source);
  Converter converter(source, locale);
  RiskMatrix out{converter.convert(matrix), converter.notes()};

  Method& method = out.method;
  if (!options.appetite)
    throw UsageError(fmt::format(
        "--appetite: the risk matrix of {} sets no risk appetite: name the highest level accepted "
        "without treatment, one of {}",
        source, method.levels.choices()));
  try {
    method.appetite = method.levels.parse(*options.appetite);
  } catch (const ValueError& e) {
    throw UsageError(fmt::format("--appetite: {}", e.what()));
  }
  return out;
}

}  // namespace riskmap
