#pragma once
// The rules of `riskmap review` as a catalogue (id, default severity, theme,
// what each checks), and the [review] settings of riskmap.toml that turn
// rules off, re-grade them and set their thresholds. Kept apart from the
// review itself so that reading riskmap.toml can check rule ids.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "method.hpp"

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace riskmap {

class TomlChecker;

// From the least to the most serious; the order is the comparison order.
enum class Severity { info, low, medium, high };
std::string_view to_string(Severity severity);
const Text& severity_label(Severity severity);
// An id ("high") or a label in either language; throws ValueError listing the ids.
Severity parse_severity(std::string_view text);
std::vector<std::string> severity_names();  // "info", "low", "medium", "high"

// The themes findings are grouped by, in the order the deliverable shows them.
enum class Theme {
  completeness,
  coverage,
  rating,
  treatment,
  controls,
  ecosystem,
  governance,
  study,  // an EBIOS RM study: its records, and the risks and stakeholders it rates
};
inline constexpr std::size_t theme_count = 8;
std::string_view to_string(Theme theme);  // "completeness", "assets-coverage", ...
const Text& theme_label(Theme theme);

struct RuleInfo {
  std::string_view id;  // stable kebab-case
  Severity severity;    // by default
  Theme theme;
  Text title;    // what documents name it by, in a few words
  Text summary;  // what the rule finds, one line

  // A rule of the study theme runs only on a workspace that holds an EBIOS RM study.
  bool about_study() const { return theme == Theme::study; }
};
// Every rule, grouped by theme, in the order riskmap(1) lists them.
std::span<const RuleInfo> review_rules();
const RuleInfo* find_rule(std::string_view id);
std::vector<std::string> review_rule_ids();

// The largest max_acceptance_months riskmap.toml may set (a hundred years).
inline constexpr std::int64_t max_acceptance_months_allowed = 1200;

// [review] of riskmap.toml.
struct ReviewSettings {
  std::set<std::string, std::less<>> off;                 // rule ids turned off
  std::map<std::string, Severity, std::less<>> severity;  // re-graded rules
  double duplicate_similarity = 0.8;     // titles at least this alike are likely duplicates
  double owner_share = 0.5;              // an owner holding more than this share of the scenarios
  std::int64_t owner_min_scenarios = 5;  // ...once the map has at least this many scenarios
  // The longest a risk acceptance may run, from its approval to its expiry:
  // the method kit's "one year at most".
  std::int64_t max_acceptance_months = 12;

  bool is_off(std::string_view rule) const { return off.find(rule) != off.end(); }
  Severity severity_of(const RuleInfo& rule) const;
};

// Reads and checks a [review] table; errors are ContentError "file:line:column: message".
ReviewSettings read_review_settings(const toml::table& review, const TomlChecker& check);

}  // namespace riskmap
