// The continuous security improvement plan (PACS) of an EBIOS RM workspace:
// the controls of the plan (planned, in progress or done; those in place
// before it form the security baseline, those abandoned are named apart)
// by axis, with the risks they aim at and the actions implementing them,
// totals by axis and state, and one residual risk sheet per risk to
// mitigate: its initial and residual ratings and the controls and actions
// that bring it there.
#include <algorithm>

#include <fmt/format.h>

#include "action.hpp"
#include "action_plan.hpp"
#include "control.hpp"
#include "text.hpp"
#include "view.hpp"
#include "wording.hpp"

namespace riskmap {

std::optional<PacsAxis> pacs_axis(std::string_view category) {
  static constexpr std::pair<std::string_view, PacsAxis> axes[] = {
      {"governance", PacsAxis::governance},
      {"protection", PacsAxis::protection},
      {"defence", PacsAxis::defence},
      {"resilience", PacsAxis::resilience},
  };
  for (const auto& [name, axis] : axes)
    if (name == category) return axis;
  return std::nullopt;
}

const Text& pacs_axis_label(PacsAxis axis) {
  static const Text labels[] = {{"Gouvernance", "Governance"},
                                {"Protection", "Protection"},
                                {"Défense", "Defence"},
                                {"Résilience", "Resilience"}};
  return labels[static_cast<std::size_t>(axis)];
}

namespace {

constexpr std::size_t refs_shown = 10;

// "V3 Très vraisemblable", or `unset` when the value is not a position.
std::string step_text(const Scale& scale, const Value& value, Lang lang, const std::string& unset) {
  const auto* position = std::get_if<std::int64_t>(&value);
  if (!position || *position < 1 || *position > scale.size()) return unset;
  const Step& step = scale.at(static_cast<int>(*position));
  return fmt::format("{} {}", step.id, step.label.in(lang));
}

// The states of a control in the plan, in the order the totals give them.
enum class PlanState { planned, in_progress, done };
std::optional<PlanState> plan_state(std::string_view state) {
  if (state == "planned") return PlanState::planned;
  if (state == "in-progress") return PlanState::in_progress;
  if (state == "done") return PlanState::done;
  return std::nullopt;
}

// Counts and sums of a group of controls.
struct Totals {
  std::size_t count = 0, by_state[3] = {0, 0, 0};
  std::int64_t cost = 0, effort = 0;
};

}  // namespace

struct Pacs::Measure {
  std::size_t control = 0;  // in controls_
  std::optional<PacsAxis> axis;
  PlanState state = PlanState::planned;
  std::vector<std::pair<int, std::string>> scenarios;  // (-current level, ref) it aims at
  std::vector<std::string> actions;                    // implementing it
};

Pacs::Pacs(ReportContext& ctx, const std::vector<Record>& controls,
           const std::vector<PlannedAction>& plan)
    : ctx_(ctx), controls_(controls) {
  const EntityKind& ckind = control_kind();
  const std::size_t state_at = ckind.index("state"), category_at = ckind.index("category");
  std::unordered_map<std::string, std::size_t> measure_at;
  for (std::size_t i = 0; i < controls.size(); ++i) {
    const Record& c = controls[i];
    control_at_.emplace(c.ref, i);
    const std::string& state = text_of(c.values[state_at]);
    if (state == "abandoned") abandoned_.push_back(c.ref);
    const auto in_plan = plan_state(state);
    if (!in_plan) continue;
    measure_at.emplace(c.ref, measures_.size());
    measures_.push_back({i, pacs_axis(text_of(c.values[category_at])), *in_plan, {}, {}});
  }

  // The risks each control aims at (as an additional control), and the
  // residual standing of the risks to mitigate.
  const Method& method = ctx.method;
  const EntityKind& skind = scenario_kind();
  const std::size_t additional_at = skind.index("additional_controls"),
                    treatment_at = skind.index("treatment");
  for (const Record& r : ctx.map().scenarios) {
    const int level = level_at(r, Stage::current, method).value_or(0);
    for (const auto& ref : list_of(r.values[additional_at]))
      if (const auto found = measure_at.find(ref); found != measure_at.end())
        measures_[found->second].scenarios.emplace_back(-level, r.ref);
    if (text_of(r.values[treatment_at]) != "mitigate") continue;
    ++mitigated_;
    if (const auto residual = level_at(r, Stage::residual, method); !residual)
      ++residual_unrated_;
    else if (*residual > method.appetite)
      ++residual_above_;
  }
  for (Measure& m : measures_)
    std::sort(m.scenarios.begin(), m.scenarios.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : wording::ref_less(a.second, b.second);
    });

  const std::size_t action_controls_at = action_kind().index("controls");
  for (const PlannedAction& a : plan) {
    for (const auto& ref : list_of(a.record.values[action_controls_at]))
      if (const auto found = measure_at.find(ref); found != measure_at.end())
        measures_[found->second].actions.push_back(a.record.ref);
    for (const auto& ref : a.scenarios) actions_for_[ref].push_back(&a);
  }
  for (Measure& m : measures_) std::sort(m.actions.begin(), m.actions.end(), wording::ref_less);
  for (auto& [ref, actions] : actions_for_)
    std::sort(actions.begin(), actions.end(), [](const PlannedAction* a, const PlannedAction* b) {
      return wording::ref_less(a->record.ref, b->record.ref);
    });
}

Pacs::~Pacs() = default;

ViewSchema Pacs::schema() {
  const ViewSchema totals{{"label", {}}, {"count", {}}, {"planned", {}}, {"in_progress", {}},
                          {"done", {}},  {"cost", {}},  {"effort", {}}};
  const ViewSchema measure{{"ref", {}},      {"title", {}},     {"scenarios", {}},  {"owner", {}},
                           {"due", {}},      {"owner_due", {}}, {"state", {}},      {"overdue", {}},
                           {"progress", {}}, {"cost", {}},      {"action_refs", {}}};
  ViewSchema axis{{"label", {}},        {"governance", {}},   {"protection", {}},
                  {"defence", {}},      {"resilience", {}},   {"count", {}},
                  {"has_measures", {}}, {"measures", measure}};
  return ViewSchema{{"measure_count", {}},
                    {"planned_count", {}},
                    {"in_progress_count", {}},
                    {"done_count", {}},
                    {"cost", {}},
                    {"effort", {}},
                    {"axis_rows", totals},
                    {"axes", axis},
                    {"has_unplaced", {}},
                    {"unplaced", measure},
                    {"has_abandoned", {}},
                    {"abandoned", {}},
                    {"mitigated_count", {}},
                    {"has_sheets", {}},
                    {"residual_above_count", {}},
                    {"has_residual_above", {}},
                    {"residual_unrated_count", {}},
                    {"has_residual_unrated", {}}};
}

ViewSchema Pacs::sheet_schema() {
  const ViewSchema rating{{"likelihood", {}}, {"impact", {}}, {"level", {}}};
  return ViewSchema{
      {"ref", {}},
      {"title", {}},
      {"owner", {}},
      {"initial", rating},
      {"residual", rating},
      {"residual_above", {}},
      {"residual_within", {}},
      {"residual_unrated", {}},
      {"has_measures", {}},
      {"measures",
       {{"ref", {}}, {"title", {}}, {"axis", {}}, {"state", {}}, {"owner", {}}, {"due", {}}}},
      {"existing", {}},
      {"actions_text", {}}};
}

ViewData Pacs::view(Annex& annex) const {
  const Lang lang = ctx_.lang;
  const Method& method = ctx_.method;
  const EntityKind& ckind = control_kind();
  const std::size_t title_at = ckind.index("title"), owner_at = ckind.index("owner"),
                    due_at = ckind.index("due"), state_at = ckind.index("state"),
                    cost_at = ckind.index("cost"), effort_at = ckind.index("effort"),
                    progress_at = ckind.index("progress");
  const std::string today = ctx_.options.today.to_string();
  const auto number = [&](std::int64_t n) { return wording::whole_number(n, lang); };
  const auto money = [&](std::int64_t n) {
    return wording::money(n, ctx_.workspace.config().mission.currency, lang);
  };

  const auto measure_view = [&](const Measure& m) {
    const Record& c = controls_[m.control];
    ViewData row;
    row.set("ref", c.ref);
    row.set("title", text_of(c.values[title_at]));
    // The risks it aims at, highest current level first; the first ten,
    // all of them in the annex.
    std::vector<std::string> risks;
    risks.reserve(m.scenarios.size());
    for (const auto& [level, ref] : m.scenarios)
      risks.push_back(fmt::format("{} ({})", ref,
                                  level == 0 ? ctx_.text("non évalué", "not rated")
                                             : method.levels.at(-level).label.in(lang)));
    row.set("scenarios", annex.list(risks, refs_shown, c.ref,
                                    ctx_.text("Risques visés (niveau initial)",
                                              "Risks aimed at (current level)")));
    const std::string& owner = text_of(c.values[owner_at]);
    const std::string& due = text_of(c.values[due_at]);
    row.set("owner", owner);
    row.set("due", due);
    // One cell for both, so that the table fits a portrait page.
    row.set("owner_due", owner.empty() && due.empty()   ? std::string("—")
                         : owner.empty() || due.empty() ? owner + due
                                                        : fmt::format("{}, {}", owner, due));
    row.set("state", choice_label(control_states(), c.values[state_at], lang));
    // ISO dates compare as text.
    row.set("overdue", m.state != PlanState::done && !due.empty() && due < today);
    // Shown beside the state, when set: false otherwise, for {{#progress}}.
    if (const auto progress = number_of(c.values[progress_at]))
      row.set("progress", wording::percent(*progress, lang));
    else
      row.set("progress", false);
    const auto cost = number_of(c.values[cost_at]);
    row.set("cost", cost ? money(*cost) : std::string());
    row.set("action_refs", join(m.actions, ", "));
    return row;
  };
  const auto totals_view = [&](const std::string& label, const Totals& t) {
    ViewData row;
    row.set("label", label);
    row.set("count", number(static_cast<std::int64_t>(t.count)));
    row.set("planned", number(static_cast<std::int64_t>(t.by_state[0])));
    row.set("in_progress", number(static_cast<std::int64_t>(t.by_state[1])));
    row.set("done", number(static_cast<std::int64_t>(t.by_state[2])));
    row.set("cost", money(t.cost));
    row.set("effort", number(t.effort));
    return row;
  };

  // Controls and totals by axis; those on no axis last.
  Totals per_axis[pacs_axis_count + 1], all;
  ViewData lists[pacs_axis_count + 1];
  for (auto& list : lists) list = ViewData(ViewData::type::list);
  for (const Measure& m : measures_) {
    const std::size_t at = m.axis ? static_cast<std::size_t>(*m.axis) : pacs_axis_count;
    const Record& c = controls_[m.control];
    for (Totals* t : {&per_axis[at], &all}) {
      ++t->count;
      ++t->by_state[static_cast<std::size_t>(m.state)];
      t->cost += number_of(c.values[cost_at]).value_or(0);
      t->effort += number_of(c.values[effort_at]).value_or(0);
    }
    lists[at].push_back(measure_view(m));
  }
  ViewData pacs;
  ViewData axes{ViewData::type::list}, rows{ViewData::type::list};
  static const char* const names[] = {"governance", "protection", "defence", "resilience"};
  for (std::size_t i = 0; i < pacs_axis_count; ++i) {
    const std::string& label = pacs_axis_label(static_cast<PacsAxis>(i)).in(lang);
    ViewData axis;
    axis.set("label", label);
    for (std::size_t n = 0; n < pacs_axis_count; ++n) axis.set(names[n], n == i);
    axis.set("count", number(static_cast<std::int64_t>(per_axis[i].count)));
    axis.set("has_measures", per_axis[i].count > 0);
    axis.set("measures", lists[i]);
    axes.push_back(axis);
    rows.push_back(totals_view(label, per_axis[i]));
  }
  const Totals& unplaced = per_axis[pacs_axis_count];
  if (unplaced.count > 0) rows.push_back(totals_view(ctx_.text("Sans axe", "No axis"), unplaced));
  pacs.set("axes", axes);
  pacs.set("axis_rows", rows);
  pacs.set("has_unplaced", unplaced.count > 0);
  pacs.set("unplaced", lists[pacs_axis_count]);
  pacs.set("measure_count", number(static_cast<std::int64_t>(all.count)));
  pacs.set("planned_count", number(static_cast<std::int64_t>(all.by_state[0])));
  pacs.set("in_progress_count", number(static_cast<std::int64_t>(all.by_state[1])));
  pacs.set("done_count", number(static_cast<std::int64_t>(all.by_state[2])));
  pacs.set("cost", money(all.cost));
  pacs.set("effort", number(all.effort));
  pacs.set("has_abandoned", !abandoned_.empty());
  pacs.set("abandoned", join(abandoned_, ", "));
  pacs.set("mitigated_count", number(static_cast<std::int64_t>(mitigated_)));
  pacs.set("has_sheets", mitigated_ > 0);
  pacs.set("residual_above_count", number(static_cast<std::int64_t>(residual_above_)));
  pacs.set("has_residual_above", residual_above_ > 0);
  pacs.set("residual_unrated_count", number(static_cast<std::int64_t>(residual_unrated_)));
  pacs.set("has_residual_unrated", residual_unrated_ > 0);
  return pacs;
}

void Pacs::sheets(const std::function<void(const ViewData&)>& emit) const {
  const Lang lang = ctx_.lang;
  const Method& method = ctx_.method;
  const EntityKind& skind = scenario_kind();
  const std::size_t title_at = skind.index("title"), owner_at = skind.index("owner"),
                    treatment_at = skind.index("treatment"),
                    existing_at = skind.index("existing_controls"),
                    additional_at = skind.index("additional_controls"),
                    first_step_at = skind.index("inherent_likelihood");
  const EntityKind& ckind = control_kind();
  const std::size_t c_title = ckind.index("title"), c_category = ckind.index("category"),
                    c_state = ckind.index("state"), c_owner = ckind.index("owner"),
                    c_due = ckind.index("due");
  const EntityKind& akind = action_kind();
  const std::size_t a_title = akind.index("title"), a_status = akind.index("status"),
                    a_due = akind.index("due");
  const std::string unrated = "—";
  const std::string separator = lang == Lang::fr ? fmt::format("{}; ", wording::nbsp) : "; ";

  ViewData sheet;  // reused from one risk to the next: see view.hpp
  ViewData& measures = child(sheet, "measures", ViewData::type::list);
  std::vector<std::string> parts;
  for (const Record& r : ctx_.map().scenarios) {
    if (text_of(r.values[treatment_at]) != "mitigate") continue;
    assign(sheet, "ref", r.ref);
    assign(sheet, "title", text_of(r.values[title_at]));
    assign_optional(sheet, "owner", text_of(r.values[owner_at]));
    for (const Stage stage : {Stage::current, Stage::residual}) {
      const std::size_t at = first_step_at + 2 * static_cast<std::size_t>(stage);
      ViewData& rating =
          child(sheet, stage == Stage::current ? "initial" : "residual", ViewData::type::object);
      const auto level = level_at(r, stage, method);
      assign(rating, "likelihood", step_text(method.likelihood, r.values[at], lang, unrated));
      assign(rating, "impact", step_text(method.impact, r.values[at + 1], lang, unrated));
      assign(rating, "level", level ? method.levels.at(*level).label.in(lang) : unrated);
    }
    const auto residual = level_at(r, Stage::residual, method);
    flag(sheet, "residual_unrated", !residual);
    flag(sheet, "residual_above", residual && *residual > method.appetite);
    flag(sheet, "residual_within", residual && *residual <= method.appetite);

    // The additional controls that aim at its residual rating.
    const auto& additional = list_of(r.values[additional_at]);
    auto& rows = items(measures, additional.size());
    for (std::size_t i = 0; i < additional.size(); ++i) {
      ViewData& row = rows[i];
      assign(row, "ref", additional[i]);
      const auto found = control_at_.find(additional[i]);
      const Record* c = found == control_at_.end() ? nullptr : &controls_[found->second];
      const auto axis = c ? pacs_axis(text_of(c->values[c_category])) : std::nullopt;
      assign(row, "title", c ? text_of(c->values[c_title]) : std::string());
      assign(row, "axis",
             axis ? pacs_axis_label(*axis).in(lang) : ctx_.text("À rattacher", "To be placed"));
      assign(row, "state", c ? choice_label(control_states(), c->values[c_state], lang) : unrated);
      const std::string owner = c ? text_of(c->values[c_owner]) : std::string();
      const std::string due = c ? text_of(c->values[c_due]) : std::string();
      assign(row, "owner", owner.empty() ? unrated : owner);
      assign(row, "due", due.empty() ? unrated : due);
    }
    flag(sheet, "has_measures", !additional.empty());

    parts.clear();
    for (const auto& ref : list_of(r.values[existing_at])) {
      const auto found = control_at_.find(ref);
      const std::string title = found == control_at_.end()
                                    ? std::string()
                                    : text_of(controls_[found->second].values[c_title]);
      parts.push_back(title.empty() ? ref : fmt::format("{} {}", ref, title));
    }
    assign_optional(sheet, "existing", join(parts, separator));

    parts.clear();
    if (const auto found = actions_for_.find(r.ref); found != actions_for_.end())
      for (const PlannedAction* a : found->second) {
        const Record& action = a->record;
        const std::string& due = text_of(action.values[a_due]);
        const std::string status = choice_label(action_statuses(), action.values[a_status], lang);
        parts.push_back(fmt::format(
            "{} {} ({}{})", action.ref, text_of(action.values[a_title]), status,
            due.empty()
                ? std::string()
                : fmt::format(fmt::runtime(lang == Lang::fr ? ", échéance le {}" : ", due {}"),
                              wording::long_date(due, lang))));
      }
    assign_optional(sheet, "actions_text", join(parts, separator));
    emit(sheet);
  }
}

}  // namespace riskmap
