// soa set|list|clear|import: the statement of applicability of a framework.
#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "framework.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

// "ISO-IEC-27001-2022:A.5.1 (intersect)", one per cited requirement.
std::vector<std::string> via_text(const SoaRow& row) {
  std::vector<std::string> out;
  for (const auto& mapped : row.via)
    out.push_back(fmt::format("{} ({})", mapped.requirement, mapped.relationship));
  return out;
}

// --- soa -----------------------------------------------------------------------------

struct SetState {
  std::string framework, applicable, maturity;
  std::vector<std::string> items;
  std::optional<std::string> justification;
};

struct ListState {
  std::string framework, applicable, coverage, compliance;
};

struct ClearState {
  std::string framework;
  std::vector<std::string> items;
};

struct SoaImportState {
  std::string file, framework;
};

// Records the applicability decision of `soa set`; returns the refs written.
std::vector<std::string> decide(Run& run, const SetState& set) {
  const bool applicable =
      option_value("--applicable", [&] { return parse_applicable(set.applicable); });
  const std::string justification = set.justification.value_or("");
  if (!applicable && trim(justification).empty())
    throw UsageError("--applicable no needs --justification TEXT: an exclusion must be justified");
  auto refs = option_value("--justification", [&] {
    return set_soa(run.workspace().db(), set.framework, set.items, applicable, justification);
  });
  run.note(fmt::format("{} of {} marked {}", plural(refs.size(), "requirement"), set.framework,
                       applicable ? "applicable" : "not applicable"));
  return refs;
}

void add_soa_set_and_clear(CLI::App* group) {
  auto set = std::make_shared<SetState>();
  auto* setter = group->add_subcommand(
      "set", "Decide whether requirements of a framework apply; an exclusion is justified");
  setter->add_option("framework", set->framework, "Framework id, e.g. NIST-CSF")->required();
  setter->add_option("items", set->items, "Requirement ids, e.g. PR.AA-01")->required();
  setter->add_option("--applicable", set->applicable, "yes or no (also oui/non, true/false)");
  setter->add_option("--justification", set->justification,
                     "Why it applies or not; required with --applicable no");
  setter->add_option("--maturity", set->maturity,
                     "A maturity score on the framework's own scale (its number or its name, "
                     "e.g. 3 or Défini)");
  on_run(setter, Access::write, [set](Run& run) {
    if (set->applicable.empty() && set->maturity.empty())
      throw UsageError("soa set needs --applicable yes|no, --maturity SCORE, or both");
    std::vector<std::string> refs;
    if (!set->applicable.empty()) refs = decide(run, *set);
    if (!set->maturity.empty()) {
      const FrameworkInfo framework = get_framework(run.workspace().db(), set->framework);
      const long long score =
          option_value("--maturity", [&] { return parse_maturity(framework, set->maturity); });
      const auto rated = option_value("--maturity", [&] {
        return set_maturity(run.workspace().db(), framework.id, set->items, score);
      });
      for (const auto& ref : rated)
        if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
      std::string name;
      for (const auto& level : framework.maturity)
        if (level.score == score && !level.name.empty()) name = " (" + level.name + ")";
      run.note(fmt::format("{} of {} at maturity {}{}", plural(rated.size(), "requirement"),
                           framework.id, score, name));
    }
    run.touched(refs);
  });

  auto clear = std::make_shared<ClearState>();
  auto* clearer = group->add_subcommand("clear", "Remove the SoA decision on requirements");
  clearer->add_option("framework", clear->framework, "Framework id, e.g. NIST-CSF")->required();
  clearer->add_option("items", clear->items, "Requirement ids, e.g. PR.AA-01")->required();
  on_run(clearer, Access::write, [clear](Run& run) {
    const auto refs = clear_soa(run.workspace().db(), clear->framework, clear->items);
    run.touched(refs);
    run.note(fmt::format("{} of {} cleared{}", plural(refs.size(), "decision"), clear->framework,
                         refs.empty() ? ": none of them had one" : ""));
  });
}

void add_soa_list(CLI::App* group) {
  auto state = std::make_shared<ListState>();
  auto* list = group->add_subcommand(
      "list",
      "The statement of applicability of a framework, with the controls citing each "
      "requirement and their coverage");
  list->add_option("framework", state->framework, "Framework id, e.g. NIST-CSF")->required();
  list->add_option("--applicable", state->applicable,
                   "Only requirements decided so (yes, no) or not decided yet (undecided)");
  list->add_option("--coverage", state->coverage,
                   "Only requirements whose direct coverage is none, planned or implemented");
  list->add_option("--compliance", state->compliance,
                   "Only requirements whose standing, mappings counted, is covered, partly, "
                   "planned or uncovered");
  on_run(list, Access::read, [state](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    // std::nullopt: any; an optional holding nullopt: undecided.
    std::optional<std::optional<bool>> applicable;
    if (!state->applicable.empty())
      applicable = option_value("--applicable", [&]() -> std::optional<bool> {
        if (fold(trim(state->applicable)) == "undecided") return std::nullopt;
        try {
          return parse_applicable(state->applicable);
        } catch (const ValueError&) {
          const std::vector<std::string> names{"yes", "no", "undecided"};
          throw ValueError(fmt::format("'{}' is not allowed{}; allowed: {}", state->applicable,
                                       did_you_mean(state->applicable, names), quoted_list(names)));
        }
      });
    std::optional<Coverage> coverage;
    if (!state->coverage.empty())
      coverage = option_value("--coverage", [&] { return parse_coverage(state->coverage); });
    std::optional<Compliance> compliance;
    if (!state->compliance.empty())
      compliance =
          option_value("--compliance", [&] { return parse_compliance(state->compliance); });

    const FrameworkInfo framework = get_framework(run.workspace().db(), state->framework);
    // The table keeps the short columns first and the lists of refs last,
    // so that a narrow terminal wraps only the end of a line.
    auto writer = run.writer(format, {"requirement", "applicable", "compliance", "maturity",
                                      "title", "controls", "via"});
    writer->begin({"requirement", "title", "chapter", "applicable", "justification", "controls",
                   "control_states", "scenarios", "coverage", "via", "compliance", "maturity"});
    for_each_soa_row(run.workspace().db(), framework.id, [&](const SoaRow& row) {
      if (applicable && *applicable != row.applicable) return;
      if (coverage && *coverage != row.coverage) return;
      if (compliance && *compliance != row.compliance) return;
      writer->row({row.requirement.id, row.requirement.title, text_or_null(row.requirement.chapter),
                   row.applicable ? Cell(Flag{*row.applicable}) : Cell(),
                   text_or_null(row.justification), row.controls, row.control_states, row.scenarios,
                   std::string(to_string(row.coverage)), via_text(row),
                   std::string(to_string(row.compliance)),
                   row.maturity ? Cell(static_cast<std::int64_t>(*row.maturity)) : Cell()});
    });
    writer->end();
  });
}

void add_soa_import(CLI::App* group) {
  auto in = std::make_shared<SoaImportState>();
  auto* import = group->add_subcommand(
      "import", "Read SoA decisions from the CSV that soa list --format csv writes");
  import->add_option("file", in->file, "CSV file, or - for stdin")->required();
  import->add_option("--framework", in->framework, "Framework the decisions are about")->required();
  on_run(import, Access::write, [in](Run& run) {
    std::istringstream input(read_input(in->file));
    const std::string source = in->file == "-" ? "stdin" : in->file;
    const SoaImport result = import_soa(run.workspace().db(), in->framework, input, source);
    run.touched(result.refs);
    if (result.total_refs > result.refs.size())
      run.touched(fmt::format("(+{} more)", result.total_refs - result.refs.size()));
    run.note(fmt::format("SoA of {} imported from {}: {} set, {} cleared", in->framework, source,
                         plural(result.set, "decision"), result.cleared));
  });
}

}  // namespace

void add_soa_commands(CLI::App& app) {
  auto* group =
      app.add_subcommand("soa", "Statement of applicability: which requirements apply, and why");
  group->require_subcommand(1);
  add_soa_set_and_clear(group);
  add_soa_list(group);
  add_soa_import(group);
}

}  // namespace riskmap::cli
