#pragma once
// The risk method (SPEC §3): a likelihood scale, an impact scale, the risk
// levels from low to high, the grid mapping (likelihood, impact) to a level,
// and the appetite. Positions are 1-based everywhere.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace riskmap {

enum class Lang { fr, en };
Lang parse_lang(std::string_view text);  // throws ValueError
std::string_view to_string(Lang lang);

struct Text {  // one text in both languages
  std::string fr, en;
  const std::string& in(Lang lang) const { return lang == Lang::fr ? fr : en; }
};

// A step of a scale or a risk level.
struct Step {
  std::string id;
  Text label;
  Text description;
  std::string colour;  // "#rrggbb"
};

struct Scale {
  std::string name;  // "likelihood", "impact" or "level": used in messages
  std::vector<Step> steps;

  int size() const { return static_cast<int>(steps.size()); }
  const Step& at(int position) const { return steps.at(static_cast<std::size_t>(position - 1)); }
  // Reads a position ("3"), an id ("V3") or a label in either language,
  // ignoring case and accents. Throws ValueError listing what is allowed.
  int parse(std::string_view text) const;
  // Position of an exact id, or 0.
  int find_id(std::string_view id) const;
  // The steps as a message lists what is allowed: "V1 (fr / en), V2 (...)".
  std::string choices() const;
};

struct Method {
  std::string name;
  Scale likelihood{"likelihood", {}};
  Scale impact{"impact", {}};
  Scale levels{"level", {}};
  std::vector<int> grid;  // level positions, row-major: likelihood rows, impact columns
  int appetite = 0;       // a level position

  int level_of(int likelihood_position, int impact_position) const {
    return grid[static_cast<std::size_t>((likelihood_position - 1) * impact.size() +
                                         (impact_position - 1))];
  }
};

// What keeps `step` from joining `scale` after the steps already in it: an
// id that is not a valid ref, reads as a number or is taken; an empty label
// or description; a colour that is not #rrggbb; a name (id or label, without
// case or accents) that another step has. Every reader of a method (its TOML
// table, a YAML risk matrix) checks its steps here; `where` names the scale
// in the message, `part` says which field to point at.
struct StepProblem {
  enum class Part { id, label_fr, label_en, description_fr, description_en, colour, step };
  Part part;
  std::string message;
};
std::optional<StepProblem> step_problem(const Scale& scale, const Step& step,
                                        std::string_view where);

// Reads the [method] table of a parsed TOML document. `source` names the file
// in messages; errors are ContentError "source:line:column: message".
Method read_method(const toml::table& document, std::string_view source);

// Whether `method` is EBIOS Risk Manager's: the built-in ebios-rm, or a
// method file that keeps its name. Its documents then follow the method
// (workshops, initial and residual risk, the security improvement plan).
bool is_ebios_rm(const Method& method);

// Built-in methods: names and the TOML text (a [method] table) of each.
std::vector<std::string> builtin_method_names();
std::string_view builtin_method_toml(std::string_view name);  // throws ValueError
// The TOML text of a method, in the same shape as the built-in files.
std::string method_to_toml(const Method& method);

}  // namespace riskmap
