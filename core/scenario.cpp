#include "scenario.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "asset.hpp"
#include "error.hpp"
#include "store.hpp"
#include "study.hpp"
#include "text.hpp"

namespace riskmap {

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::inherent:
      return "inherent";
    case Stage::current:
      return "current";
    case Stage::residual:
      return "residual";
  }
  return "current";
}

const Text& stage_label(Stage stage) {
  static const Text labels[] = {
      {"Brut", "Inherent"}, {"Initial", "Current"}, {"Résiduel", "Residual"}};
  return labels[static_cast<int>(stage)];
}

const Text& stage_label(Stage stage, const Method& method) {
  static const Text initial{"Initial", "Initial"};
  return stage == Stage::current && is_ebios_rm(method) ? initial : stage_label(stage);
}

Stage parse_stage(std::string_view text) {
  const std::string folded = fold(trim(text));
  for (const Stage stage : all_stages)
    if (folded == to_string(stage) || folded == fold(stage_label(stage).fr)) return stage;
  if (folded == "brut" || folded == "actuel")
    return folded == "brut" ? Stage::inherent : Stage::current;
  const std::vector<std::string> names{"inherent", "current", "residual"};
  throw ValueError(fmt::format("'{}' is not a stage{}; allowed: {}", trim(text),
                               did_you_mean(text, names), quoted_list(names)));
}

const Vocabulary& treatments() {
  static const Vocabulary v{
      {"open", {"Non décidé", "Open"}},         {"mitigate", {"Réduire", "Mitigate"}},
      {"accept", {"Accepter", "Accept"}},       {"avoid", {"Éviter", "Avoid"}},
      {"transfer", {"Transférer", "Transfer"}},
  };
  return v;
}

const Vocabulary& scenario_statuses() {
  static const Vocabulary v{
      {"draft", {"Brouillon", "Draft"}},
      {"validated", {"Validé", "Validated"}},
      {"closed", {"Clos", "Closed"}},
  };
  return v;
}

namespace {

Field field(std::string name, FieldType type, std::string help) {
  Field f{std::move(name), type};
  f.help = std::move(help);
  return f;
}

Field stage_step(Stage stage, Axis axis) {
  const std::string what = axis == Axis::likelihood ? "likelihood" : "impact";
  Field f = field(
      fmt::format("{}_{}", to_string(stage), what), FieldType::step,
      fmt::format("{} at the {} stage, on the {} scale",
                  axis == Axis::likelihood ? "Likelihood" : "Impact", to_string(stage), what));
  f.axis = axis;
  f.option = fmt::format("{}-{}", to_string(stage), what);
  if (stage == Stage::current) {
    f.aliases = {f.option};
    f.option = what;
    // An EBIOS RM risk's initial rating comes from its operational scenario.
    f.derivable = true;
    f.help += " (default for a scenario naming an operational scenario: its likelihood, and its "
              "strategic scenario's gravity)";
  }
  return f;
}

void complete_scenario(const EntityKind& kind, Record& record) {
  static const std::size_t existing = kind.index("existing_controls"),
                           additional = kind.index("additional_controls");
  if (const auto* in_place = std::get_if<std::vector<std::string>>(&record.values[existing]))
    if (const auto* planned = std::get_if<std::vector<std::string>>(&record.values[additional]))
      for (const auto& control : *in_place)
        if (std::find(planned->begin(), planned->end(), control) != planned->end())
          throw Conflict(fmt::format(
              "scenario {}: control {} is linked both as existing and as additional; a control is "
              "one or the other for a scenario",
              record.ref, control));

  // An acceptance belongs to the accept treatment: choosing another treatment
  // withdraws it. Under accept, it is whole (approver, date, expiry) or absent.
  static const std::size_t treatment = kind.index("treatment"), by = kind.index("accepted_by"),
                           on = kind.index("accepted_on"), until = kind.index("accepted_until");
  if (text_of(record.values[treatment]) != "accept") {
    for (const std::size_t i : {by, on, until}) record.values[i] = std::monostate{};
    return;
  }
  const bool any = !is_unset(record.values[by]) || !is_unset(record.values[on]) ||
                   !is_unset(record.values[until]);
  if (!any) return;
  for (const std::size_t i : {by, on, until})
    if (is_unset(record.values[i]))
      throw ValueError(fmt::format(
          "scenario {}: an acceptance needs accepted_by, accepted_on and accepted_until; {} is "
          "missing (use riskmap scenario accept {} --approver NAME --until YYYY-MM-DD "
          "--justification TEXT)",
          record.ref, kind.fields[i].name, record.ref));
  if (text_of(record.values[until]) < text_of(record.values[on]))
    throw ValueError(fmt::format("scenario {}: accepted_until {} is before accepted_on {}",
                                 record.ref, text_of(record.values[until]),
                                 text_of(record.values[on])));
}

EntityKind make_scenario_kind() {
  EntityKind kind{
      "scenario", "scenarios", "R", {}, {"inherent_level", "current_level", "residual_level"}, {}};
  Field title = field("title", FieldType::text, "Short title of the scenario");
  title.required = true;
  kind.fields.push_back(title);
  kind.fields.push_back(field("description", FieldType::text, "How the risk materialises"));
  kind.fields.push_back(
      field("risk_source", FieldType::text, "Who or what causes it (risk source)"));
  kind.fields.push_back(field("threat", FieldType::text, "The threat or attack path"));
  Field assets = field("assets", FieldType::refs, "Assets the scenario bears on");
  assets.option = "asset";
  assets.target = "asset";
  kind.fields.push_back(assets);
  Field criteria = field("criteria", FieldType::choices, "Breached security criteria");
  criteria.option = "criterion";
  criteria.aliases = {"criteria"};
  criteria.vocabulary = &security_criteria();
  kind.fields.push_back(criteria);
  for (const Stage stage : all_stages) {
    kind.fields.push_back(stage_step(stage, Axis::likelihood));
    kind.fields.push_back(stage_step(stage, Axis::impact));
  }
  kind.fields.push_back(field("owner", FieldType::text, "Risk owner"));
  Field treatment = field("treatment", FieldType::choice, "Treatment decision");
  treatment.vocabulary = &treatments();
  treatment.default_value = "open";
  kind.fields.push_back(treatment);
  kind.fields.push_back(text_field("justification", "Why this treatment was chosen"));
  kind.fields.push_back(text_field("accepted_by", "Who approved the acceptance of the risk"));
  kind.fields.push_back(date_field("accepted_on", "Date the acceptance was approved"));
  kind.fields.push_back(date_field("accepted_until", "Date the acceptance expires"));
  kind.fields.push_back(refs_field("existing_controls", "control", "existing-control",
                                   "Controls in place, behind the current rating"));
  kind.fields.push_back(refs_field("additional_controls", "control", "additional-control",
                                   "Planned controls, aiming at the residual rating"));
  kind.fields.push_back(refs_field("stakeholders", "stakeholder", "stakeholder",
                                   "Stakeholders of the ecosystem the scenario goes through"));
  Field status = field("status", FieldType::choice, "Where the scenario stands");
  status.vocabulary = &scenario_statuses();
  status.default_value = "draft";
  kind.fields.push_back(status);
  kind.fields.push_back(field("review_date", FieldType::date, "Next review date, YYYY-MM-DD"));
  // What an imported map said, kept beside what riskmap computes so that a
  // review can compare them.
  Field recorded = field("recorded_level", FieldType::step,
                         "The current level the organisation's own map recorded, on the level scale");
  recorded.axis = Axis::level;
  recorded.option = "recorded-level";
  kind.fields.push_back(recorded);
  kind.fields.push_back(field("notes", FieldType::text, "Free notes, e.g. columns kept from an imported map"));
  kind.fields.push_back(ref_field("operational", "operational", "operational",
                                  "The operational scenario of the EBIOS RM study it comes from"));
  kind.complete = complete_scenario;
  kind.deriver = scenario_deriver;
  return kind;
}

}  // namespace

const EntityKind& scenario_kind() {
  static const EntityKind kind = make_scenario_kind();
  return kind;
}

std::optional<Rating> rating_at(const Record& scenario, Stage stage) {
  static const std::size_t first = scenario_kind().index("inherent_likelihood");
  const std::size_t at = first + 2 * static_cast<std::size_t>(stage);
  const auto* likelihood = std::get_if<std::int64_t>(&scenario.values[at]);
  const auto* impact = std::get_if<std::int64_t>(&scenario.values[at + 1]);
  if (!likelihood || !impact) return std::nullopt;
  return Rating{static_cast<int>(*likelihood), static_cast<int>(*impact)};
}

std::optional<int> level_at(const Record& scenario, Stage stage, const Method& method) {
  const auto rating = rating_at(scenario, stage);
  if (!rating) return std::nullopt;
  return method.level_of(rating->likelihood, rating->impact);
}

namespace {

// The order of for_each_by_level as an SQL ORDER BY over the columns.
std::string level_order(Stage stage, const Method& method) {
  const std::string likelihood = fmt::format("\"{}_likelihood\"", to_string(stage));
  const std::string impact = fmt::format("\"{}_impact\"", to_string(stage));
  // Each grid cell by its pair of positions; anything else (a stage not
  // rated) is level 0, last. The records read are checked as always.
  std::string cells;
  const int columns = method.impact.size();
  for (int l = 1; l <= method.likelihood.size(); ++l)
    for (int i = 1; i <= columns; ++i)
      cells += fmt::format(" WHEN {} THEN {}", l * (columns + 1) + i, method.level_of(l, i));
  return fmt::format(
      "CASE WHEN typeof({0}) = 'integer' AND typeof({1}) = 'integer' AND {1} BETWEEN 1 AND {2} "
      "THEN CASE {0} * {3} + {1}{4} ELSE 0 END ELSE 0 END DESC, ref COLLATE natural_order",
      likelihood, impact, columns, columns + 1, cells);
}

}  // namespace

void for_each_by_level(RecordStore& scenarios, Stage stage, const Method& method,
                       const std::function<void(Record&)>& visit) {
  const std::string order = level_order(stage, method);
  const auto before = [&](const Record& a, const Record& b) {
    const int level_a = level_at(a, stage, method).value_or(0);
    const int level_b = level_at(b, stage, method).value_or(0);
    if (level_a != level_b) return level_a > level_b;
    return natural_compare(a.ref, b.ref) < 0;
  };
  // A rating the study derives (the current stage of a scenario naming an
  // operational scenario) is not in the columns SQLite sorts by: those
  // scenarios are read apart, sorted here and merged in.
  const std::string first = fmt::format("{}_likelihood", to_string(stage));
  const bool derivable = scenario_kind().fields[scenario_kind().index(first)].derivable;
  static const std::string studied = "coalesce(\"operational\", '') <> ''";
  std::vector<Record> apart;
  if (derivable)
    scenarios.for_each_ordered(studied, order,
                               [&](Record& record) { apart.push_back(std::move(record)); });
  std::stable_sort(apart.begin(), apart.end(), before);
  std::size_t next = 0;
  scenarios.for_each_ordered(derivable ? "NOT " + studied : std::string(), order,
                             [&](Record& record) {
                               while (next < apart.size() && before(apart[next], record))
                                 visit(apart[next++]);
                               visit(record);
                             });
  while (next < apart.size()) visit(apart[next++]);
}

}  // namespace riskmap
