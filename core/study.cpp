#include "study.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "asset.hpp"
#include "ebios.hpp"
#include "error.hpp"
#include "json_text.hpp"
#include "scenario.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "text.hpp"
#include "workspace.hpp"

namespace riskmap {

namespace {

// The one ref of a single-ref field, "" when unset.
std::string ref_of(const Value& value) {
  const auto& items = list_of(value);
  return items.empty() ? std::string() : items.front();
}

}  // namespace

std::optional<std::int64_t> StudyFacts::gravity_of_operational(std::string_view operational) const {
  const auto path = operational_path.find(operational);
  if (path == operational_path.end()) return std::nullopt;
  const auto strategic = path_strategic.find(path->second);
  if (strategic == path_strategic.end()) return std::nullopt;
  const auto gravity = strategic_gravity.find(strategic->second);
  if (gravity == strategic_gravity.end()) return std::nullopt;
  return gravity->second;
}

std::vector<ebios::ElementaryAction> elementary_actions(const std::vector<Record>& steps) {
  static const EntityKind& kind = step_kind();
  static const std::size_t after = kind.index("after"), join = kind.index("join"),
                           probability = kind.index("probability"),
                           difficulty = kind.index("difficulty");
  std::vector<ebios::ElementaryAction> actions;
  actions.reserve(steps.size());
  for (const Record& step : steps) {
    ebios::ElementaryAction action;
    action.ref = step.ref;
    action.after = list_of(step.values[after]);
    action.join = text_of(step.values[join]) == "and" ? ebios::Join::all : ebios::Join::any;
    action.probability = static_cast<int>(number_of(step.values[probability]).value_or(0));
    if (const auto d = number_of(step.values[difficulty])) action.difficulty = static_cast<int>(*d);
    actions.push_back(std::move(action));
  }
  return actions;
}

StudyFacts read_study_facts(Workspace& workspace, StudyRecords* records) {
  StudyFacts facts;
  {
    const EntityKind& kind = feared_event_kind();
    static const std::size_t value = kind.index("business_value"),
                             criteria = kind.index("criteria"), gravity = kind.index("gravity"),
                             retained = kind.index("retained");
    RecordStore(workspace, kind, false).for_each_by_key([&](Record& event) {
      if (records) records->feared_events.push_back(event);
      const auto level = number_of(event.values[gravity]);
      if (!level) return;
      facts.feared_gravity.emplace(event.ref, *level);
      const std::string asset = ref_of(event.values[value]);
      if (asset.empty() || !is_yes(event.values[retained])) return;
      auto& needs = facts.needs.try_emplace(asset, std::array<std::int64_t, 4>{}).first->second;
      for (const auto& criterion : list_of(event.values[criteria]))
        for (std::size_t c = 0; c < security_criteria().size(); ++c)
          if (security_criteria()[c].id == criterion) needs[c] = std::max(needs[c], *level);
    });
  }
  {
    const EntityKind& kind = strategic_kind();
    static const std::size_t events = kind.index("feared_events"), gravity = kind.index("gravity");
    RecordStore(workspace, kind, false).for_each_by_key([&](Record& strategic) {
      if (records) records->strategic.push_back(strategic);
      std::optional<std::int64_t> level = number_of(strategic.values[gravity]);
      if (!level)
        for (const auto& event : list_of(strategic.values[events]))
          if (const auto found = facts.feared_gravity.find(event);
              found != facts.feared_gravity.end())
            level = std::max(level.value_or(0), found->second);
      if (level) facts.strategic_gravity.emplace(strategic.ref, *level);
    });
  }
  {
    static const std::size_t strategic = path_kind().index("strategic");
    RecordStore(workspace, path_kind(), false).for_each_by_key([&](Record& path) {
      if (records) records->paths.push_back(path);
      facts.path_strategic.emplace(path.ref, ref_of(path.values[strategic]));
    });
  }
  std::map<std::string, std::vector<Record>, std::less<>> steps_of;
  {
    static const std::size_t operational = step_kind().index("operational");
    RecordStore(workspace, step_kind(), false).for_each([&](Record& step) {
      if (records) records->steps.push_back(step);
      steps_of[ref_of(step.values[operational])].push_back(std::move(step));
    });
  }
  {
    const EntityKind& kind = operational_kind();
    static const std::size_t path = kind.index("path"), likelihood = kind.index("likelihood");
    const auto& grid = workspace.config().ebios.likelihood;
    const int scale = workspace.method().likelihood.size();
    RecordStore(workspace, kind, false).for_each_by_key([&](Record& operational) {
      if (records) records->operational.push_back(operational);
      facts.operational_path.emplace(operational.ref, ref_of(operational.values[path]));
      if (const auto set = number_of(operational.values[likelihood])) {
        facts.operational_likelihood.emplace(operational.ref, *set);
        return;
      }
      const auto steps = steps_of.find(operational.ref);
      if (steps == steps_of.end()) return;  // no step yet: nothing to derive
      try {
        auto derived = ebios::operational_likelihood(elementary_actions(steps->second), grid);
        facts.operational_likelihood.emplace(operational.ref,
                                             ebios::on_scale(derived.likelihood, scale));
        facts.derivations.emplace(operational.ref, std::move(derived));
      } catch (const ValueError& e) {
        facts.derivation_problems.emplace(operational.ref, e.what());
      }
    });
  }
  return facts;
}

Deriver asset_deriver(Workspace& workspace) {
  return asset_deriver_from(std::make_shared<const StudyFacts>(read_study_facts(workspace)));
}

Deriver asset_deriver_from(std::shared_ptr<const StudyFacts> facts) {
  static const std::size_t first = asset_kind().index("confidentiality");
  return [facts = std::move(facts)](Record& asset) {
    const auto needs = facts->needs.find(asset.ref);
    if (needs == facts->needs.end()) return;
    for (std::size_t c = 0; c < 4; ++c)
      if (needs->second[c] > 0) asset.derive(first + c, needs->second[c]);
  };
}

Deriver stakeholder_deriver(Workspace& workspace) {
  static const EntityKind& kind = stakeholder_kind();
  static const std::size_t first = kind.index("dependency"),
                           residual = kind.index("residual_dependency"),
                           critical = kind.index("critical");
  const ZoneThresholds zones = workspace.config().zones;
  return [zones](Record& stakeholder) {
    // A residual criterion never set follows the initial one.
    for (std::size_t i = 0; i < 4; ++i)
      stakeholder.derive(residual + i, stakeholder.values[first + i]);
    if (const auto threat = threat_level(stakeholder, Rated::initial)) {
      const Zone zone = zone_of(*threat, zones);
      stakeholder.derive(critical, std::string(zone == Zone::danger || zone == Zone::control
                                                   ? "yes"
                                                   : "no"));
    }
  };
}

Deriver origin_deriver(Workspace& workspace) {
  static const EntityKind& kind = origin_kind();
  static const std::size_t motivation = kind.index("motivation"),
                           resources = kind.index("resources"),
                           pertinence = kind.index("pertinence");
  const ebios::PertinenceGrid grid = workspace.config().ebios.pertinence;
  return [grid](Record& origin) {
    const auto m = number_of(origin.values[motivation]);
    const auto r = number_of(origin.values[resources]);
    if (m && r)
      origin.derive(pertinence, std::int64_t{ebios::pertinence(grid, static_cast<int>(*m),
                                                               static_cast<int>(*r))});
  };
}

Deriver strategic_deriver(Workspace& workspace) {
  auto facts = std::make_shared<StudyFacts>(read_study_facts(workspace));
  static const std::size_t gravity = strategic_kind().index("gravity");
  return [facts](Record& strategic) {
    if (const auto found = facts->strategic_gravity.find(strategic.ref);
        found != facts->strategic_gravity.end())
      strategic.derive(gravity, found->second);
  };
}

Deriver operational_deriver(Workspace& workspace) {
  auto facts = std::make_shared<StudyFacts>(read_study_facts(workspace));
  static const std::size_t likelihood = operational_kind().index("likelihood");
  return [facts](Record& operational) {
    if (const auto found = facts->operational_likelihood.find(operational.ref);
        found != facts->operational_likelihood.end())
      operational.derive(likelihood, found->second);
  };
}

Deriver scenario_deriver(Workspace& workspace) {
  // Most maps hold no study: then nothing is read beyond one empty table.
  auto any = workspace.db().prepare("SELECT 1 FROM operational LIMIT 1");
  if (!any.step()) return [](Record&) {};
  return scenario_deriver_from(std::make_shared<const StudyFacts>(read_study_facts(workspace)));
}

Deriver scenario_deriver_from(std::shared_ptr<const StudyFacts> facts) {
  static const EntityKind& kind = scenario_kind();
  static const std::size_t operational = kind.index("operational"),
                           likelihood = kind.index("current_likelihood"),
                           impact = kind.index("current_impact");
  return [facts = std::move(facts)](Record& scenario) {
    const std::string named = ref_of(scenario.values[operational]);
    if (named.empty()) return;
    if (const auto gravity = facts->gravity_of_operational(named))
      scenario.derive(impact, *gravity);
    if (const auto found = facts->operational_likelihood.find(named);
        found != facts->operational_likelihood.end())
      scenario.derive(likelihood, found->second);
  };
}

bool holds_study(Workspace& workspace) {
  std::string sql = "SELECT 1 WHERE";
  const char* join = "";
  for (const EntityKind* kind : {&feared_event_kind(), &origin_kind(), &strategic_kind(),
                                 &path_kind(), &operational_kind(), &step_kind()}) {
    sql += fmt::format("{} EXISTS (SELECT 1 FROM {})", join, kind->name);
    join = " OR";
  }
  return workspace.db().prepare(sql).step();
}

void check_step_links(Workspace& workspace, const Record& step) {
  static const EntityKind& kind = step_kind();
  static const std::size_t operational = kind.index("operational"), after = kind.index("after");
  const std::string scenario = ref_of(step.values[operational]);
  const auto& antecedents = list_of(step.values[after]);
  if (scenario.empty() || antecedents.empty()) return;
  // The steps of the same operational scenario, this one as it is to be written.
  std::vector<Record> siblings;
  std::map<std::string, std::string, std::less<>> elsewhere;  // step -> its operational scenario
  RecordStore(workspace, kind, false).for_each_by_key([&](Record& other) {
    if (other.ref == step.ref) return;
    const std::string of = ref_of(other.values[operational]);
    if (of == scenario)
      siblings.push_back(std::move(other));
    else
      elsewhere.emplace(other.ref, of);
  });
  siblings.push_back(step);
  for (const auto& antecedent : antecedents)
    if (const auto found = elsewhere.find(antecedent); found != elsewhere.end())
      throw ValueError(fmt::format(
          "step {}: it follows {}, which is a step of {}, not of {}; a step follows steps of its "
          "own operational scenario",
          step.ref, antecedent, found->second, scenario));
  // Antecedents not written yet (an import names steps further down) are
  // checked as links; the cycle check runs over the steps there are.
  auto actions = elementary_actions(siblings);
  std::set<std::string> known;
  for (const auto& action : actions) known.insert(action.ref);
  for (auto& action : actions) {
    std::erase_if(action.after, [&](const std::string& ref) { return !known.contains(ref); });
    action.probability = std::clamp(action.probability, 1, 4);
    action.difficulty.reset();
  }
  try {
    ebios::operational_likelihood(actions);
  } catch (const ValueError& e) {
    throw ValueError(fmt::format("step {}: {}", step.ref, e.what()));
  }
}

}  // namespace riskmap
