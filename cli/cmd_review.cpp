#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "review.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

struct ReviewCommandOptions {
  std::optional<std::string> fail_on;
  std::optional<std::string> min_severity;
  std::vector<std::string> rules;
  bool list_rules = false;
};

// A severity given on the command line; a bad one is a usage error naming the option.
Severity severity_option(std::string_view option, const std::string& text) {
  return option_value(option, [&] {
    const auto names = severity_names();
    for (const auto& name : names)
      if (text == name) return parse_severity(text);
    throw ValueError(fmt::format("'{}' is not a severity{}; allowed: {}", text,
                                 did_you_mean(text, names), quoted_list(names)));
  });
}

// Findings and rules are read in full: at a narrow terminal, their texts
// wrap rather than being cut.
std::unique_ptr<RowWriter> review_writer(Run& run, Format format,
                                         std::vector<std::string> table_columns) {
  if (format != Format::table) return run.writer(format);
  TableStyle style = run.table_style();
  style.wrap = true;
  return make_table_writer(run.out(), style, std::move(table_columns));
}

void list_rules(Run& run) {
  const Format format = run.format({Format::table, Format::csv, Format::json});
  const Lang lang = run.lang();
  const ReviewSettings& settings = run.workspace().config().review;
  auto writer =
      review_writer(run, format, {"rule", "title", "theme", "severity", "enabled", "summary"});
  writer->begin({"rule", "title", "theme", "default_severity", "severity", "enabled", "summary"});
  for (const RuleInfo& rule : review_rules())
    writer->row({std::string(rule.id), rule.title.in(lang), std::string(to_string(rule.theme)),
                 std::string(to_string(rule.severity)),
                 std::string(to_string(settings.severity_of(rule))),
                 Flag{!settings.is_off(rule.id)}, rule.summary.in(lang)});
  writer->end();
}

void review(Run& run, const ReviewCommandOptions& options) {
  const Format format = run.format({Format::table, Format::csv, Format::json});
  std::optional<Severity> fail_on, min_severity;
  if (options.fail_on) fail_on = severity_option("--fail-on", *options.fail_on);
  if (options.min_severity) min_severity = severity_option("--min-severity", *options.min_severity);
  ReviewOptions review_options;
  review_options.today = run.today();
  review_options.lang = run.lang();
  for (const auto& given : options.rules)
    for (const auto& id : split_list(given)) {
      option_value("--rule", [&] {
        if (find_rule(id)) return 0;
        const auto ids = review_rule_ids();
        throw ValueError(fmt::format("unknown rule '{}'{}; riskmap review --rules lists them", id,
                                     did_you_mean(id, ids)));
      });
      review_options.rules.push_back(id);
    }
  const ReviewResult result = run_review(run.workspace(), review_options);

  auto writer = review_writer(run, format, {"severity", "rule", "ref", "message", "fix"});
  writer->begin({"severity", "rule", "theme", "kind", "ref", "message", "fix"});
  std::size_t gated = 0;
  std::size_t by_severity[4] = {};
  // One row, rewritten for each finding: its texts keep their storage.
  std::vector<Cell> row(7, std::string());
  result.findings.for_each([&](const Finding& finding) {
    if (min_severity && finding.severity < *min_severity) return;
    const std::string_view texts[] = {to_string(finding.severity),
                                      finding.rule->id,
                                      to_string(finding.rule->theme),
                                      finding.kind,
                                      finding.ref,
                                      finding.message,
                                      finding.fix};
    for (std::size_t i = 0; i < row.size(); ++i) std::get<std::string>(row[i]).assign(texts[i]);
    writer->row(row);
    if (fail_on && finding.severity >= *fail_on) {
      ++gated;
      ++by_severity[static_cast<int>(finding.severity)];
    }
  });
  writer->end();
  if (gated == 0) return;
  std::vector<std::string> counts;
  for (int s = 3; s >= 0; --s)
    if (by_severity[s])
      counts.push_back(fmt::format("{} {}", by_severity[s], to_string(static_cast<Severity>(s))));
  throw GateCrossed(fmt::format("--fail-on {}: {} finding{} at or above {} ({})",
                                to_string(*fail_on), gated, gated == 1 ? "" : "s",
                                to_string(*fail_on), join(counts, ", ")));
}

}  // namespace

void add_review_command(CLI::App& app) {
  auto options = std::make_shared<ReviewCommandOptions>();
  auto* command = app.add_subcommand(
      "review",
      "Review the map: run the rules over the workspace and list the findings (severity, rule, "
      "record, message, fix), highest severity first");
  command->add_option("--fail-on", options->fail_on,
                      "Exit with status 3 when a listed finding is at or above this severity "
                      "(info, low, medium, high), after printing");
  command->add_option("--min-severity", options->min_severity,
                      "List only findings at or above this severity (info, low, medium, high)");
  command
      ->add_option("--rule", options->rules,
                   "Run only this rule (repeatable or comma-separated), even one riskmap.toml "
                   "turns off")
      ->allow_extra_args(false);
  command->add_flag("--rules", options->list_rules,
                    "List the rules instead: id, title, theme, default and configured "
                    "severity, whether riskmap.toml leaves them on");
  on_run(command, Access::read, [options](Run& run) {
    if (options->list_rules) {
      if (options->fail_on || options->min_severity || !options->rules.empty())
        throw UsageError(
            "--rules lists the rules: it takes no --fail-on, --min-severity or --rule");
      list_rules(run);
      return;
    }
    review(run, *options);
  });
  auto* rules = command->add_subcommand(
      "rules",
      "List the rules: id, title, theme, default and configured severity, whether riskmap.toml "
      "leaves them on");
  on_run(rules, Access::read, [](Run& run) { list_rules(run); });
}

}  // namespace riskmap::cli
