// The corrective action plan: every action by priority, then owner, then due
// date, with the controls it implements, the scenarios it addresses (and
// their current level), its progress, cost, effort and lateness; totals per
// status; one section per owner. As Markdown and as CSV. For EBIOS RM, the
// continuous security improvement plan (PACS, pacs.cpp) leads the document.
#include <algorithm>
#include <climits>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "action.hpp"
#include "action_plan.hpp"
#include "control.hpp"
#include "deliverable.hpp"
#include "store.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

Deliverable action_plan_deliverable() {
  const ViewSchema action{{"priority", {}}, {"ref", {}},     {"title", {}},    {"owner", {}},
                          {"due", {}},      {"status", {}},  {"progress", {}}, {"cost", {}},
                          {"effort", {}},   {"overdue", {}}, {"controls", {}}, {"scenarios", {}}};
  Deliverable d;
  d.name = "action-plan";
  d.title = {"Plan d’actions correctives", "Corrective action plan"};
  d.schema =
      ViewSchema{{"count", {}},
                 {"has_actions", {}},
                 {"overdue_count", {}},
                 {"has_overdue", {}},
                 {"total_cost", {}},
                 {"total_effort", {}},
                 {"status_rows", {{"label", {}}, {"count", {}}, {"cost", {}}, {"effort", {}}}},
                 {"priority_rules", {{"priority", {}}, {"level", {}}}},
                 {"unprioritised_count", {}},
                 {"has_unprioritised", {}},
                 {"actions", action},
                 {"action_links", action},
                 {"owners",
                  {{"name", {}},
                   {"named", {}},
                   {"count", {}},
                   {"overdue_count", {}},
                   {"has_overdue", {}},
                   {"cost", {}},
                   {"effort", {}},
                   {"has_owner_cancelled", {}},
                   {"owner_cancelled_count", {}},
                   {"owner_actions", action}}},
                 {"csv", {}},
                 {"pacs", Pacs::schema()},
                 {"residual_sheets", Pacs::sheet_schema()},
                 {"has_cancelled", {}},
                 {"cancelled_count", {}},
                 {"one_cancelled", {}},
                 {"cancelled_cost", {}},
                 {"cancelled_effort", {}}};
  Annex::add_schema(d.schema);
  d.streamed = {"actions", "action_links", "residual_sheets"};
  d.workbook = true;
  d.render = [generic = d.title](ReportContext& ctx) {
    const bool pacs = is_ebios_rm(ctx.method);
    const Text pacs_title{"Plan d’amélioration continue de la sécurité (PACS)",
                          "Continuous security improvement plan (PACS)"};
    const Text& title = pacs ? pacs_title : generic;
    const Lang lang = ctx.lang;
    const Method& method = ctx.method;
    const EntityKind& kind = action_kind();
    const std::size_t title_at = kind.index("title"), controls_at = kind.index("controls"),
                      owner_at = kind.index("owner"), due_at = kind.index("due"),
                      status_at = kind.index("status"), cost_at = kind.index("cost"),
                      effort_at = kind.index("effort"), progress_at = kind.index("progress");
    const std::string unrated = "—";

    // The controls' titles.
    const std::vector<Record> controls = RecordStore(ctx.workspace, control_kind()).all();
    std::unordered_map<std::string, std::string> control_title;
    const std::size_t control_title_at = control_kind().index("title");
    for (const Record& r : controls)
      control_title.emplace(r.ref, text_of(r.values[control_title_at]));

    std::vector<Record> actions = RecordStore(ctx.workspace, kind).all();
    const ActionPriorities priorities(method, actions, [&](const auto& visit) {
      ctx.map().scenarios.for_each_natural(visit);
    });
    std::vector<PlannedAction> plan;
    plan.reserve(actions.size());
    for (Record& r : actions) {
      PlannedAction a;
      a.priority = priorities.priority(r);
      a.overdue = is_overdue(r, ctx.options.today);
      const auto addressed = priorities.addressed(r);
      a.scenarios.assign(addressed.begin(), addressed.end());
      std::sort(a.scenarios.begin(), a.scenarios.end(), wording::ref_less);
      a.record = std::move(r);
      plan.push_back(std::move(a));
    }
    // Priority (none last), then owner (none last), then due date (none
    // last), then ref; actions come in natural ref order.
    const auto owner_of = [&](const PlannedAction& a) {
      return text_of(a.record.values[owner_at]);
    };
    std::stable_sort(plan.begin(), plan.end(), [&](const PlannedAction& a, const PlannedAction& b) {
      const int pa = a.priority.value_or(INT_MAX), pb = b.priority.value_or(INT_MAX);
      if (pa != pb) return pa < pb;
      const std::string oa = owner_of(a), ob = owner_of(b);
      if (oa.empty() != ob.empty()) return ob.empty();
      if (oa != ob) return wording::name_less(oa, ob);
      const std::string da = text_of(a.record.values[due_at]),
                        db = text_of(b.record.values[due_at]);
      if (da.empty() != db.empty()) return db.empty();
      return da < db;
    });

    const auto& currency = ctx.workspace.config().mission.currency;
    const auto amount = [&](const Value& v) {
      const auto n = number_of(v);
      return n ? wording::whole_number(*n, lang) : std::string();
    };
    const auto money = [&](std::int64_t n) { return wording::money(n, currency, lang); };
    const auto controls_text = [&](const Record& r) {
      std::vector<std::string> parts;
      for (const auto& ref : list_of(r.values[controls_at])) {
        const auto found = control_title.find(ref);
        parts.push_back(found == control_title.end() || found->second.empty()
                            ? ref
                            : fmt::format("{} {}", ref, found->second));
      }
      return join(parts, "; ");
    };
    const auto level_label = [&](const std::string& ref) {
      const auto level = priorities.level_of(ref);
      if (!level) return std::string(ctx.text("non évalué", "not rated"));
      return method.levels.at(*level).label.in(lang);
    };
    // The scenarios an action addresses, highest level first; a document
    // names the first ten (a widely used control may address thousands) and
    // its annex names them all, as the CSV does.
    const auto scenario_list = [&](const PlannedAction& a) {
      std::vector<std::pair<int, const std::string*>> ranked;
      for (const auto& ref : a.scenarios)
        ranked.emplace_back(-priorities.level_of(ref).value_or(0), &ref);
      std::stable_sort(ranked.begin(), ranked.end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; });
      std::vector<std::string> parts;
      parts.reserve(ranked.size());
      for (const auto& entry : ranked)
        parts.push_back(fmt::format("{} ({})", *entry.second, level_label(*entry.second)));
      return parts;
    };
    const auto is_cancelled = [&](const PlannedAction& a) {
      return text_of(a.record.values[status_at]) == "cancelled";
    };
    Annex annex(lang);
    std::unordered_map<const PlannedAction*, std::string> scenario_cells;
    const auto action_view = [&](const PlannedAction& a) {
      const Record& r = a.record;
      ViewData row;
      row.set("priority", a.priority ? std::to_string(*a.priority) : unrated);
      row.set("ref", r.ref);
      row.set("title", text_of(r.values[title_at]));
      row.set("owner", text_of(r.values[owner_at]));
      row.set("due", text_of(r.values[due_at]));
      row.set("status", choice_label(action_statuses(), r.values[status_at], lang));
      const auto progress = number_of(r.values[progress_at]);
      row.set("progress", progress ? wording::percent(*progress, lang) : std::string());
      const auto cost = number_of(r.values[cost_at]);
      row.set("cost", cost ? money(*cost) : std::string());
      row.set("effort", amount(r.values[effort_at]));
      row.set("overdue", a.overdue);
      row.set("controls", controls_text(r));
      row.set("scenarios", scenario_cells.at(&a));
      return row;
    };

    // Totals, per status in the vocabulary's order. A cost or effort is at
    // most Field::largest, which the store checks as it reads each record
    // (a larger one written in SQL stops the command), so totals fit.
    struct Sum {
      std::size_t count = 0;
      std::int64_t cost = 0, effort = 0;
      void add(const Record& r, std::size_t cost_at, std::size_t effort_at) {
        ++count;
        cost += number_of(r.values[cost_at]).value_or(0);
        effort += number_of(r.values[effort_at]).value_or(0);
      }
    };
    std::vector<Sum> per_status(action_statuses().size());
    // A cancelled action stays listed but counts in no total: it is
    // summed apart.
    Sum total, cancelled;
    std::size_t overdue = 0, unprioritised = 0;
    for (const PlannedAction& a : plan) {
      if (is_cancelled(a)) {
        cancelled.add(a.record, cost_at, effort_at);
        continue;
      }
      const std::string status = text_of(a.record.values[status_at]);
      for (std::size_t i = 0; i < action_statuses().size(); ++i)
        if (action_statuses()[i].id == status) per_status[i].add(a.record, cost_at, effort_at);
      total.add(a.record, cost_at, effort_at);
      if (a.overdue) ++overdue;
      if (!a.priority) ++unprioritised;
    }

    ViewData view = ctx.common_view(title);
    view.set("count", std::to_string(total.count));
    view.set("has_actions", !plan.empty());
    view.set("has_cancelled", cancelled.count > 0);
    view.set("cancelled_count", std::to_string(cancelled.count));
    view.set("one_cancelled", cancelled.count == 1);
    view.set("cancelled_cost", money(cancelled.cost));
    view.set("cancelled_effort", wording::whole_number(cancelled.effort, lang));
    view.set("overdue_count", std::to_string(overdue));
    view.set("has_overdue", overdue > 0);
    view.set("total_cost", money(total.cost));
    view.set("total_effort", wording::whole_number(total.effort, lang));
    ViewData status_rows{ViewData::type::list};
    for (std::size_t i = 0; i < action_statuses().size(); ++i) {
      if (per_status[i].count == 0) continue;
      ViewData row;
      row.set("label", action_statuses()[i].label.in(lang));
      row.set("count", std::to_string(per_status[i].count));
      row.set("cost", money(per_status[i].cost));
      row.set("effort", wording::whole_number(per_status[i].effort, lang));
      status_rows.push_back(row);
    }
    view.set("status_rows", status_rows);
    ViewData rules{ViewData::type::list};
    for (int p = 1; p <= method.levels.size(); ++p) {
      ViewData rule;
      rule.set("priority", std::to_string(p));
      rule.set("level", method.levels.at(method.levels.size() - p + 1).label.in(lang));
      rules.push_back(rule);
    }
    view.set("priority_rules", rules);
    view.set("unprioritised_count", std::to_string(unprioritised));
    view.set("has_unprioritised", unprioritised > 0);
    view.set("csv", "action-plan.csv");

    // For EBIOS RM, the PACS and its residual risk sheets.
    std::optional<Pacs> improvement;
    if (pacs) {
      improvement.emplace(ctx, controls, plan);
      view.set("pacs", improvement->view(annex));
    } else {
      view.set("pacs", false);
    }
    // The actions' scenarios, in the order the document shows them (after
    // the PACS), so that the annex follows the document.
    for (const PlannedAction& a : plan)
      scenario_cells.emplace(&a, annex.list(scenario_list(a), 10, a.record.ref,
                                            ctx.text("Scénarios traités (niveau initial)",
                                                     "Scenarios addressed (current level)")));
    annex.set(view);

    // One section per owner, named owners first, in name order.
    std::map<std::string, std::vector<const PlannedAction*>,
             bool (*)(const std::string&, const std::string&)>
        by_owner(wording::name_less);
    std::vector<const PlannedAction*> unowned;
    for (const PlannedAction& a : plan) {
      const std::string owner = owner_of(a);
      (owner.empty() ? unowned : by_owner[owner]).push_back(&a);
    }
    ViewData owners{ViewData::type::list};
    const auto owner_view = [&](const std::string& name,
                                const std::vector<const PlannedAction*>& held) {
      ViewData o;
      o.set("name", name);
      o.set("named", !name.empty());
      Sum sum;
      std::size_t late = 0, dropped = 0;
      ViewData list{ViewData::type::list};
      for (const PlannedAction* a : held) {
        if (is_cancelled(*a))
          ++dropped;
        else
          sum.add(a->record, cost_at, effort_at);
        if (a->overdue) ++late;
        list.push_back(action_view(*a));
      }
      o.set("count", std::to_string(sum.count));
      o.set("overdue_count", std::to_string(late));
      o.set("has_overdue", late > 0);
      o.set("cost", money(sum.cost));
      o.set("effort", wording::whole_number(sum.effort, lang));
      o.set("has_owner_cancelled", dropped > 0);
      o.set("owner_cancelled_count", std::to_string(dropped));
      o.set("owner_actions", list);
      owners.push_back(o);
    };
    for (const auto& [name, held] : by_owner) owner_view(name, held);
    if (!unowned.empty()) owner_view({}, unowned);
    view.set("owners", owners);


    const ViewStreams streams{{"actions",
                               [&](const auto& emit) {
                                 for (const PlannedAction& a : plan) emit(action_view(a));
                               }},
                              {"action_links",
                               [&](const auto& emit) {
                                 for (const PlannedAction& a : plan) emit(action_view(a));
                               }},
                              {"residual_sheets", [&](const auto& emit) {
                                 if (improvement) improvement->sheets(emit);
                               }}};
    ctx.markdown("action-plan", title, view, streams);

    if (TableOut* table = ctx.table("action-plan.csv", Text{"Plan d’action", "Action plan"},
                                        lang == Lang::fr
                            ? std::vector<std::string>{"Priorité", "Réf.", "Action",
                                                       "Mesures mises en œuvre",
                                                       "Scénarios traités", "Responsable",
                                                       "Échéance", "Statut", "Avancement (%)",
                                                       "Coût", "Charge (jours-homme)", "En retard"}
                            : std::vector<std::string>{
                                  "Priority", "Ref", "Action", "Controls implemented",
                                  "Scenarios addressed", "Owner", "Due date", "Status",
                                  "Progress (%)", "Cost", "Effort (person-days)", "Overdue"})) {
      table->numbers({0, 8, 9, 10});
      const auto number_text = [](const Value& v) {
        const auto n = number_of(v);
        return n ? std::to_string(*n) : std::string();
      };
      for (const PlannedAction& a : plan) {
        const Record& r = a.record;
        table->row({a.priority ? std::to_string(*a.priority) : std::string(), r.ref,
                           text_of(r.values[title_at]), controls_text(r),
                           join(scenario_list(a), ", "), text_of(r.values[owner_at]),
                           text_of(r.values[due_at]),
                           choice_label(action_statuses(), r.values[status_at], lang),
                           number_text(r.values[progress_at]), number_text(r.values[cost_at]),
                           number_text(r.values[effort_at]),
                           a.overdue ? ctx.text("oui", "yes") : ctx.text("non", "no")});
      }
    }
  };
  return d;
}

}  // namespace riskmap
