#include "method_study.hpp"

#include <fmt/format.h>

#include "action.hpp"
#include "control.hpp"
#include "ebios.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "study.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

std::string number(std::size_t n, Lang lang) {
  return wording::whole_number(static_cast<std::int64_t>(n), lang);
}

// "5, dont 4 retenus" / "5, of which 4 retained"; "0" when there is none.
std::string count_with(std::size_t total, std::size_t part, const Text& one, const Text& many,
                       Lang lang) {
  if (total == 0) return "0";
  return fmt::format(fmt::runtime(lang == Lang::fr ? "{}, dont {} {}" : "{}, of which {} {}"),
                     number(total, lang), number(part, lang), (part > 1 ? many : one).in(lang));
}

// A grid of riskmap.toml [ebios] as table rows: the row's number, then its cells.
template <std::size_t Rows, std::size_t Columns>
ViewData grid_rows(const std::array<std::array<int, Columns>, Rows>& grid,
                   const std::function<std::string(int)>& cell_text) {
  ViewData rows{ViewData::type::list};
  for (std::size_t r = 0; r < Rows; ++r) {
    ViewData row;
    row.set("row", std::to_string(r + 1));
    ViewData cells{ViewData::type::list};
    for (const int value : grid[r]) {
      ViewData cell;
      cell.set("value", cell_text(value));
      cells.push_back(cell);
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  return rows;
}

// How many records of a kind there are, and how many of them say "yes" in `field`.
struct Tally {
  std::size_t total = 0, yes = 0;
};
Tally tally(Workspace& workspace, const EntityKind& kind, const char* field, bool derive,
            bool unset_is_yes) {
  const std::size_t at = kind.index(field);
  Tally t;
  RecordStore(workspace, kind, derive).for_each_by_key([&](Record& r) {
    ++t.total;
    if (is_yes(r.values[at], unset_is_yes)) ++t.yes;
  });
  return t;
}

}  // namespace

ViewSchema study_schema() {
  const ViewSchema grid{{"row", {}}, {"cells", {{"value", {}}}}};
  return ViewSchema{{"feared_events", {}},
                    {"existing_controls", {}},
                    {"origins", {}},
                    {"stakeholders", {}},
                    {"strategic", {}},
                    {"paths", {}},
                    {"operational", {}},
                    {"steps", {}},
                    {"likelihood_express", {}},
                    {"likelihood_standard", {}},
                    {"likelihood_advanced", {}},
                    {"likelihood_unrated", {}},
                    {"has_likelihood_unrated", {}},
                    {"risks", {}},
                    {"derived_risks", {}},
                    {"mitigated", {}},
                    {"plan_controls", {}},
                    {"actions", {}},
                    {"pertinence_default", {}},
                    {"pertinence_rows", grid},
                    {"likelihood_default", {}},
                    {"likelihood_rows", grid},
                    {"danger", {}},
                    {"control", {}}};
}

void add_study(ReportContext& ctx, ViewData& view) {
  const bool ebios_rm = is_ebios_rm(ctx.method);
  view.set("ebios_rm", ebios_rm);
  if (!ebios_rm) {
    view.set("study", false);
    return;
  }
  Workspace& workspace = ctx.workspace;
  const Lang lang = ctx.lang;
  const Text retained_one{"retenu", "retained"}, retained_many{"retenus", "retained"},
      critical{"critiques", "critical"}, critical_one{"critique", "critical"};
  ViewData study;

  // Workshop 1: feared events, and the security baseline (the controls in place).
  const Tally feared = tally(workspace, feared_event_kind(), "retained", false, true);
  study.set("feared_events",
            count_with(feared.total, feared.yes, retained_one, retained_many, lang));
  std::size_t existing = 0, planned = 0;
  {
    const std::size_t state = control_kind().index("state");
    RecordStore(workspace, control_kind()).for_each_by_key([&](Record& c) {
      const std::string& s = text_of(c.values[state]);
      if (s == "existing") ++existing;
      if (s == "planned" || s == "in-progress" || s == "done") ++planned;
    });
  }
  study.set("existing_controls", number(existing, lang));

  // Workshop 2: the SR/OV couples.
  const Tally origins = tally(workspace, origin_kind(), "retained", false, true);
  study.set("origins", count_with(origins.total, origins.yes, retained_one, retained_many, lang));

  // Workshop 3: the ecosystem (critical as derived from the threat zones),
  // strategic scenarios and their attack paths.
  const Tally stakeholders = tally(workspace, stakeholder_kind(), "critical", true, false);
  study.set("stakeholders",
            count_with(stakeholders.total, stakeholders.yes, critical_one, critical, lang));
  study.set("strategic", number(RecordStore(workspace, strategic_kind()).refs().size(), lang));
  const Tally paths = tally(workspace, path_kind(), "retained", false, true);
  study.set("paths", count_with(paths.total, paths.yes, retained_one, retained_many, lang));

  // Workshop 4: operational scenarios and how their likelihood is had. A
  // likelihood set by hand is the express method; one derived is standard
  // or advanced as the derivation found it.
  const StudyFacts facts = read_study_facts(workspace);
  const std::size_t operational = facts.operational_path.size(),
                    rated = facts.operational_likelihood.size(), derived = facts.derivations.size();
  std::size_t advanced = 0;
  for (const auto& [ref, derivation] : facts.derivations)
    if (derivation.advanced) ++advanced;
  study.set("operational", number(operational, lang));
  study.set("steps", number(RecordStore(workspace, step_kind()).refs().size(), lang));
  study.set("likelihood_express", number(rated - derived, lang));
  study.set("likelihood_standard", number(derived - advanced, lang));
  study.set("likelihood_advanced", number(advanced, lang));
  study.set("likelihood_unrated", number(operational - rated, lang));
  study.set("has_likelihood_unrated", operational > rated);

  // Workshop 5: the risks of the map drawn from the study, their treatment,
  // the plan's controls and actions.
  const EntityKind& skind = scenario_kind();
  const std::size_t named_at = skind.index("operational"),
                    likelihood_at = skind.index("current_likelihood"),
                    impact_at = skind.index("current_impact"),
                    treatment_at = skind.index("treatment");
  std::size_t from_study = 0, derived_risks = 0, mitigated = 0;
  for (const Record& r : ctx.map().scenarios) {
    if (!is_unset(r.values[named_at])) ++from_study;
    if (r.is_derived(likelihood_at) || r.is_derived(impact_at)) ++derived_risks;
    if (text_of(r.values[treatment_at]) == "mitigate") ++mitigated;
  }
  const std::size_t risks = ctx.map().scenarios.size();
  study.set("risks", fmt::format(fmt::runtime(lang == Lang::fr ? "{} sur {}" : "{} of {}"),
                                 number(from_study, lang), number(risks, lang)));
  study.set("derived_risks", number(derived_risks, lang));
  study.set("mitigated", number(mitigated, lang));
  study.set("plan_controls", number(planned, lang));
  // Cancelled actions are out of the plan: counted apart.
  std::size_t actions = 0, cancelled = 0;
  const std::size_t status_at = action_kind().index("status");
  RecordStore(workspace, action_kind()).for_each([&](Record& a) {
    ++(text_of(a.values[status_at]) == "cancelled" ? cancelled : actions);
  });
  study.set("actions", cancelled == 0 ? number(actions, lang)
                       : lang == Lang::fr
                           ? fmt::format("{} (hors {} annulée{})", number(actions, lang),
                                         number(cancelled, lang), cancelled > 1 ? "s" : "")
                           : fmt::format("{} ({} cancelled left out)", number(actions, lang),
                                         number(cancelled, lang)));

  // The grids of riskmap.toml [ebios], and the threat zones of [ecosystem].
  const EbiosGrids& grids = workspace.config().ebios;
  study.set("pertinence_default", grids.pertinence == ebios::default_pertinence_grid());
  study.set("pertinence_rows",
            grid_rows(grids.pertinence, [](int value) { return std::to_string(value); }));
  const Scale& likelihood = ctx.method.likelihood;
  study.set("likelihood_default", grids.likelihood == ebios::default_likelihood_grid());
  study.set("likelihood_rows", grid_rows(grids.likelihood, [&](int value) {
              // A position 1..4 of the guide's scale, placed on the method's.
              if (value < 1 || value > 4) return std::to_string(value);
              const int position = ebios::on_scale(value, likelihood.size());
              if (position < 1 || position > likelihood.size()) return std::to_string(value);
              return likelihood.at(position).id;
            }));
  study.set("danger", wording::decimal(workspace.config().zones.danger, lang));
  study.set("control", wording::decimal(workspace.config().zones.control, lang));
  view.set("study", study);
}

}  // namespace riskmap
