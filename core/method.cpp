#include "method.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "embedded.hpp"
#include "error.hpp"
#include "escape.hpp"
#include "text.hpp"
#include "toml_check.hpp"

namespace riskmap {

Lang parse_lang(std::string_view text) {
  const std::string folded = fold(trim(text));
  if (folded == "fr" || folded == "francais" || folded == "french") return Lang::fr;
  if (folded == "en" || folded == "anglais" || folded == "english") return Lang::en;
  throw ValueError(fmt::format("'{}' is not a language; allowed: 'fr', 'en'", text));
}

std::string_view to_string(Lang lang) {
  return lang == Lang::fr ? "fr" : "en";
}

int Scale::find_id(std::string_view id) const {
  for (int i = 1; i <= size(); ++i)
    if (at(i).id == id) return i;
  return 0;
}

int Scale::parse(std::string_view text) const {
  const auto value = trim(text);
  int position = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), position);
  if (ec == std::errc() && end == value.data() + value.size() && !value.empty()) {
    if (position >= 1 && position <= size()) return position;
  } else if (const int exact = find_id(value)) {
    return exact;  // an id as written needs no folding
  } else {
    const std::string folded = fold(value);
    for (int i = 1; i <= size(); ++i) {
      const Step& step = at(i);
      if (folded == fold(step.id) || folded == fold(step.label.fr) || folded == fold(step.label.en))
        return i;
    }
  }
  std::vector<std::string> names;
  for (const Step& step : steps) {
    names.push_back(step.id);
    names.push_back(step.label.fr);
    names.push_back(step.label.en);
  }
  throw ValueError(fmt::format("'{}' is not on the {} scale{}; allowed: 1 to {}, or {}", value,
                               name, did_you_mean(value, names), size(), choices()));
}

std::string Scale::choices() const {
  std::string out;
  for (const Step& step : steps)
    out += fmt::format("{}{} ({} / {})", out.empty() ? "" : ", ", step.id, step.label.fr,
                       step.label.en);
  return out;
}

namespace {

bool is_colour(std::string_view text) {
  return text.size() == 7 && text[0] == '#' &&
         std::all_of(text.begin() + 1, text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

Text read_text(const TomlChecker& check, const toml::table& parent, std::string_view key,
               std::string_view where) {
  const auto& table = check.table(parent, key, where);
  const std::string inner = fmt::format("{}.{}", where, key);
  check.allow_keys(table, inner, {"fr", "en"});
  return Text{check.string(table, "fr", inner), check.string(table, "en", inner)};
}

// The node of a [[method.KEY]] table that a step problem is about.
const toml::node& node_of(const toml::table& table, StepProblem::Part part) {
  using Part = StepProblem::Part;
  const auto in = [&](const char* key, const char* lang) -> const toml::node& {
    return *table.get(key)->as_table()->get(lang);
  };
  switch (part) {
    case Part::id:
      return *table.get("id");
    case Part::label_fr:
      return in("label", "fr");
    case Part::label_en:
      return in("label", "en");
    case Part::description_fr:
      return in("description", "fr");
    case Part::description_en:
      return in("description", "en");
    case Part::colour:
      return *table.get("colour");
    case Part::step:
      break;
  }
  return table;
}

Scale read_scale(const TomlChecker& check, const toml::table& method, std::string_view key,
                 std::string name) {
  Scale scale{std::move(name), {}};
  const toml::array& steps = check.array(method, key, "[method]");
  if (steps.empty()) check.fail(steps, fmt::format("[[method.{}]] needs at least one step", key));
  for (const toml::node& node : steps) {
    if (!node.is_table()) check.fail(node, fmt::format("each [[method.{}]] must be a table", key));
    const toml::table& table = *node.as_table();
    const std::string where = fmt::format("[[method.{}]]", key);
    check.allow_keys(table, where, {"id", "label", "description", "colour"});
    Step step;
    step.id = check.string(table, "id", where);
    step.label = read_text(check, table, "label", where);
    step.description = read_text(check, table, "description", where);
    step.colour = check.string(table, "colour", where);
    if (const auto problem = step_problem(scale, step, where))
      check.fail(node_of(table, problem->part), problem->message);
    scale.steps.push_back(std::move(step));
  }
  return scale;
}

int read_level(const TomlChecker& check, const Method& method, const toml::node& node) {
  if (const auto* number = node.as_integer()) {
    const auto position = number->get();
    if (position >= 1 && position <= method.levels.size()) return static_cast<int>(position);
    check.fail(node, fmt::format("level position {} is off the scale; allowed: 1 to {}", position,
                                 method.levels.size()));
  }
  if (const auto* text = node.as_string()) {
    if (const int position = method.levels.find_id(text->get())) return position;
    std::vector<std::string> ids;
    for (const auto& level : method.levels.steps) ids.push_back(level.id);
    check.fail(node, fmt::format("unknown level '{}'{}; allowed: {}", text->get(),
                                 did_you_mean(text->get(), ids), quoted_list(ids)));
  }
  check.fail(node, "a grid cell must be a level id (a string) or a level position (a number)");
}

}  // namespace

std::optional<StepProblem> step_problem(const Scale& scale, const Step& step,
                                        std::string_view where) {
  using Part = StepProblem::Part;
  if (!is_valid_ref(step.id))
    return StepProblem{
        Part::id,
        fmt::format("'{}' is not a valid id: use letters, digits, '.', '_' or '-'", step.id)};
  if (step.id.find_first_not_of("0123456789") == std::string::npos)
    return StepProblem{
        Part::id,
        fmt::format("id '{}' is a number, which would read as a position: start it with a letter",
                    step.id)};
  if (scale.find_id(step.id) != 0)
    return StepProblem{Part::id, fmt::format("id '{}' is used twice in {}", step.id, where)};
  const std::pair<const std::string*, Part> texts[] = {
      {&step.label.fr, Part::label_fr},
      {&step.label.en, Part::label_en},
      {&step.description.fr, Part::description_fr},
      {&step.description.en, Part::description_en}};
  static const char* const names[] = {"label.fr", "label.en", "description.fr", "description.en"};
  for (std::size_t i = 0; i < std::size(texts); ++i)
    if (trim(*texts[i].first).empty())
      return StepProblem{texts[i].second, fmt::format("{}.{} is empty", where, names[i])};
  if (!is_colour(step.colour))
    return StepProblem{
        Part::colour,
        fmt::format("colour '{}' must be written #rrggbb, e.g. #cc0000", step.colour)};
  // Every name a user may type (id, French or English label, without case
  // or accents) must select one step only.
  for (const Step& other : scale.steps)
    for (const std::string* mine : {&step.id, &step.label.fr, &step.label.en})
      for (const std::string* theirs : {&other.id, &other.label.fr, &other.label.en})
        if (fold(*mine) == fold(*theirs))
          return StepProblem{
              Part::step,
              fmt::format(
                  "'{}' names both '{}' and '{}' in {}: each step needs its own id and labels",
                  *mine, other.id, step.id, where)};
  return std::nullopt;
}

Method read_method(const toml::table& document, std::string_view source) {
  const TomlChecker check{std::string(source)};
  const toml::table& table = check.table(document, "method", "the file");
  check.allow_keys(table, "[method]",
                   {"name", "appetite", "likelihood", "impact", "level", "grid"});
  Method method;
  method.name = check.optional_string(table, "name", "[method]").value_or("custom");
  method.likelihood = read_scale(check, table, "likelihood", "likelihood");
  method.impact = read_scale(check, table, "impact", "impact");
  method.levels = read_scale(check, table, "level", "level");

  const toml::table& grid = check.table(table, "grid", "[method]");
  method.grid.assign(static_cast<std::size_t>(method.likelihood.size() * method.impact.size()), 0);
  for (const auto& [key, row] : grid) {
    const int l = method.likelihood.find_id(key.str());
    if (l == 0) {
      std::vector<std::string> ids;
      for (const auto& step : method.likelihood.steps) ids.push_back(step.id);
      check.fail(key.source(),
                 fmt::format("[method.grid] row '{}' is not a likelihood id{}; allowed: {}",
                             key.str(), did_you_mean(key.str(), ids), quoted_list(ids)));
    }
    const auto* cells = row.as_array();
    if (!cells)
      check.fail(row, fmt::format("[method.grid] row '{}' must be an array of {} levels", key.str(),
                                  method.impact.size()));
    if (static_cast<int>(cells->size()) != method.impact.size())
      check.fail(row,
                 fmt::format("[method.grid] row '{}' has {} cells; the impact scale has {} steps",
                             key.str(), cells->size(), method.impact.size()));
    for (int i = 1; i <= method.impact.size(); ++i)
      method.grid[static_cast<std::size_t>((l - 1) * method.impact.size() + i - 1)] =
          read_level(check, method, *cells->get(static_cast<std::size_t>(i - 1)));
  }
  for (int l = 1; l <= method.likelihood.size(); ++l)
    if (method.level_of(l, 1) == 0)
      check.fail(grid, fmt::format("[method.grid] has no row for likelihood '{}'",
                                   method.likelihood.at(l).id));

  const std::string appetite = check.string(table, "appetite", "[method]");
  method.appetite = method.levels.find_id(appetite);
  if (method.appetite == 0) {
    std::vector<std::string> ids;
    for (const auto& level : method.levels.steps) ids.push_back(level.id);
    check.fail(*table.get("appetite"),
               fmt::format("appetite '{}' is not a level{}; allowed: {}", appetite,
                           did_you_mean(appetite, ids), quoted_list(ids)));
  }
  return method;
}

bool is_ebios_rm(const Method& method) {
  return method.name == "ebios-rm";
}

std::vector<std::string> builtin_method_names() {
  return {"ebios-rm", "iso27005", "simple-3x3"};
}

std::string_view builtin_method_toml(std::string_view name) {
  for (const auto& file : embedded::methods())
    if (file.path == fmt::format("core/methods/{}.toml", name)) return file.content;
  const auto names = builtin_method_names();
  throw ValueError(
      fmt::format("unknown method '{}'{}; allowed: {}, a .toml file or a .yaml risk matrix", name,
                  did_you_mean(name, names), quoted_list(names)));
}

std::string method_to_toml(const Method& method) {
  std::string out = fmt::format("[method]\nname = {}\nappetite = {}\n", double_quoted(method.name),
                                double_quoted(method.levels.at(method.appetite).id));
  const auto steps = [&](const Scale& scale, std::string_view key) {
    for (const Step& step : scale.steps)
      out += fmt::format(
          "\n[[method.{}]]\nid = {}\nlabel = {{ fr = {}, en = {} }}\n"
          "description = {{ fr = {}, en = {} }}\ncolour = {}\n",
          key, double_quoted(step.id), double_quoted(step.label.fr), double_quoted(step.label.en),
          double_quoted(step.description.fr), double_quoted(step.description.en),
          double_quoted(step.colour));
  };
  steps(method.likelihood, "likelihood");
  steps(method.impact, "impact");
  steps(method.levels, "level");
  out += "\n# Rows: likelihood; columns: impact, from the first step to the last.\n[method.grid]\n";
  for (int l = 1; l <= method.likelihood.size(); ++l) {
    const std::string& id = method.likelihood.at(l).id;
    out += (id.find('.') == std::string::npos ? id : double_quoted(id)) +
           " = [";  // a bare dotted key would nest
    for (int i = 1; i <= method.impact.size(); ++i)
      out += (i > 1 ? ", " : "") + double_quoted(method.levels.at(method.level_of(l, i)).id);
    out += "]\n";
  }
  return out;
}

}  // namespace riskmap
