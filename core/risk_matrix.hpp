#pragma once
// Risk matrices from YAML library files, the format in which CISO Assistant
// publishes its libraries: one `objects.risk_matrix` of a library becomes a
// Method. riskmap reads these files as users download them; it ships none.
//
// What is read, per matrix: `ref_id` (the method's name; `name` when it has
// none), and the lists `probability` (the likelihood scale), `impact` and
// `risk` (the levels, low to high), each item with `id` (0 to n-1; list
// order when absent), `abbreviation`, `name`, `description`, `hexcolor` and
// `translations` ({lang: {name, description}}); `grid`, one row per
// probability and one cell per impact, in id order, holding risk ids.
//
// Texts: the library's `locale` (English when absent) gives the language of
// `name` and `description`; the other language comes from `translations`.
// A text missing in one language takes the other's, and a note says so.
//
// Ids: a scale keeps its abbreviations as step ids when every step has one,
// each a valid ref that is not a number and none twice (ignoring case);
// otherwise each step is named by a letter and its 1-based position: P1...
// for probability, I1... for impact, L1... for risk levels (numbers would
// read as positions on the command line).
//
// Colours: `hexcolor` in lowercase #rrggbb (#rgb doubled as in CSS); a step
// without a usable one takes a colour from green (first) to red (last) in
// equal hue steps.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "method.hpp"

namespace riskmap {

struct RiskMatrixOptions {
  // The `ref_id` of the matrix to read, when the library holds several.
  std::optional<std::string> matrix;
  // The risk appetite, which libraries do not give: a level of the
  // converted method, as its id, position or label.
  std::optional<std::string> appetite;
};

struct RiskMatrix {
  Method method;
  // One line each: texts taken from the other language, descriptions
  // missing in both, colours given by default.
  std::vector<std::string> notes;
};

// A file name ending in .yaml or .yml, in any case.
bool is_yaml_file_name(std::string_view name);

// Reads the risk matrix of a library's text; `source` names the file in
// messages. Bad content is a ContentError "source:line:column: message";
// no --matrix among several matrices, an unknown one, and a missing or
// unknown --appetite are UsageErrors listing what is allowed. A library
// without a risk matrix is refused, naming the kinds of objects it holds.
RiskMatrix read_risk_matrix(const std::string& text, const std::string& source,
                            const RiskMatrixOptions& options);

}  // namespace riskmap
