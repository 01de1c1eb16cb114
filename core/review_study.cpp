#include "review_study.hpp"

#include <algorithm>
#include <set>

#include "ebios.hpp"
#include "review_writer.hpp"
#include "scenario.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "text.hpp"
#include "workspace.hpp"

namespace riskmap {

namespace {

// The one ref of a single-ref field, "" when unset.
const std::string& ref_of(const Value& value) {
  static const std::string none;
  const auto& items = list_of(value);
  return items.empty() ? none : items.front();
}

std::optional<int> position_of(const Value& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return static_cast<int>(*number);
  return std::nullopt;
}

bool unjustified(const Value& justification) {
  return trim(text_of(justification)).empty();
}

// A feared event this grave or more must be reached by a strategic scenario.
constexpr int reached_from_gravity = 3;

}  // namespace

StudyReview::StudyReview(Workspace& workspace)
    : method_(workspace.method()),
      origins_(RecordStore(workspace, origin_kind(), false).all()),
      facts_(std::make_shared<const StudyFacts>(read_study_facts(workspace, &records_))),
      scenario_deriver_(scenario_deriver_from(facts_)) {}

void StudyReview::count(ReviewScope& scope) const {
  scope.feared_events = records_.feared_events.size();
  scope.origins = origins_.size();
  scope.strategic = records_.strategic.size();
  scope.paths = records_.paths.size();
  scope.operational = records_.operational.size();
  scope.steps = records_.steps.size();
}

void StudyReview::review_scenario(const Record& s, FindingWriter& out) const {
  static const EntityKind& kind = scenario_kind();
  static const std::size_t title_at = kind.index("title"),
                           operational_at = kind.index("operational"),
                           likelihood_at = kind.index("current_likelihood"),
                           impact_at = kind.index("current_impact"),
                           justification_at = kind.index("justification"),
                           treatment_at = kind.index("treatment"),
                           residual_likelihood_at = kind.index("residual_likelihood"),
                           residual_impact_at = kind.index("residual_impact");
  const std::string name = out.named(s.ref, text_of(s.values[title_at]));

  // A rating set by hand against the study's, with nothing to say why.
  const std::string& operational = ref_of(s.values[operational_at]);
  if (!operational.empty() && unjustified(s.values[justification_at])) {
    std::vector<std::string> gaps;
    const auto set_by_hand = [&](std::size_t at) {
      return s.is_derived(at) ? std::nullopt : position_of(s.values[at]);
    };
    if (const auto impact = set_by_hand(impact_at))
      if (const auto gravity = facts_->gravity_of_operational(operational);
          gravity && *gravity != *impact) {
        const std::string& path = facts_->operational_path.find(operational)->second;
        const std::string& strategic = facts_->path_strategic.find(path)->second;
        gaps.push_back(out.say(
            "une gravité initiale {} saisie à la main, quand son scénario stratégique {} a la "
            "gravité {}",
            "a current impact of {} set by hand, where its strategic scenario {} has a gravity of "
            "{}",
            out.step_text(method_.impact, *impact), strategic,
            out.step_text(method_.impact, static_cast<int>(*gravity))));
      }
    if (const auto likelihood = set_by_hand(likelihood_at))
      if (const auto found = facts_->operational_likelihood.find(operational);
          found != facts_->operational_likelihood.end() && found->second != *likelihood)
        gaps.push_back(out.say(
            "une vraisemblance initiale {} saisie à la main, quand son scénario opérationnel {} "
            "a la vraisemblance {}",
            "a current likelihood of {} set by hand, where its operational scenario {} has a "
            "likelihood of {}",
            out.step_text(method_.likelihood, *likelihood), operational,
            out.step_text(method_.likelihood, static_cast<int>(found->second))));
    if (!gaps.empty())
      out.add("scenario-gravity-unjustified", "scenario", s.ref,
              out.say("Le risque {} a {}, sans justification.",
                      "Risk {} has {}, with no justification.", name,
                      join(gaps, out.fr() ? " et " : " and ")),
              out.say("Justifier l’écart (--justification), ou effacer la cotation saisie pour "
                      "reprendre celle de l’étude.",
                      "Justify the gap (--justification), or clear the rating set by hand to "
                      "take the study's."));
  }

  if (text_of(s.values[treatment_at]) == "mitigate") {
    const bool no_likelihood = is_unset(s.values[residual_likelihood_at]),
               no_impact = is_unset(s.values[residual_impact_at]);
    if (no_likelihood || no_impact)
      out.add("mitigate-no-residual", "scenario", s.ref,
              no_likelihood && no_impact
                  ? out.say("Le risque {} est à réduire, mais n’a pas de cotation résiduelle.",
                            "Risk {} is to be mitigated, but has no residual rating.", name)
              : no_likelihood
                  ? out.say("Le risque {} est à réduire, mais n’a pas de vraisemblance "
                            "résiduelle.",
                            "Risk {} is to be mitigated, but has no residual likelihood.", name)
                  : out.say("Le risque {} est à réduire, mais n’a pas de gravité résiduelle.",
                            "Risk {} is to be mitigated, but has no residual impact.", name),
              out.say("Coter le risque résiduel attendu une fois les mesures complémentaires en "
                      "place (vraisemblance et gravité résiduelles).",
                      "Rate the residual risk expected once the additional controls are in "
                      "place (residual likelihood and impact)."));
  }
}

void StudyReview::review_stakeholder(const Record& p, FindingWriter& out) {
  static const EntityKind& kind = stakeholder_kind();
  static const std::size_t name_at = kind.index("name"), critical_at = kind.index("critical");
  const std::string& name = text_of(p.values[name_at]);
  stakeholders_.insert_or_assign(p.ref, Stakeholder{name, is_yes(p.values[critical_at], false)});

  const auto initial = threat_level(p, Rated::initial), residual = threat_level(p, Rated::residual);
  // Threat levels are ratios of whole numbers, each rounded once: equal
  // ratios compare equal.
  if (initial && residual && *residual > *initial)
    out.add("stakeholder-residual-above-initial", "stakeholder", p.ref,
            out.say("Le niveau de menace résiduel de la partie prenante {} ({}) dépasse son niveau "
                    "initial ({}).",
                    "The residual threat level of stakeholder {} ({}) exceeds its initial one "
                    "({}).",
                    out.named(p.ref, name), out.decimal(*residual), out.decimal(*initial)),
            out.say("Revoir la cotation résiduelle (dépendance, pénétration, maturité, "
                    "confiance){}les mesures retenues ne peuvent pas accroître la menace.",
                    "Review the residual rating (dependency, penetration, maturity, trust){}the "
                    "controls chosen cannot make the threat worse.",
                    out.colon()));
}

void StudyReview::review_records(FindingWriter& out) const {
  static const std::size_t event_description = feared_event_kind().index("description"),
                           event_gravity = feared_event_kind().index("gravity"),
                           event_retained = feared_event_kind().index("retained"),
                           event_justification = feared_event_kind().index("justification"),
                           origin_source = origin_kind().index("source"),
                           origin_objective = origin_kind().index("objective"),
                           origin_retained = origin_kind().index("retained"),
                           origin_justification = origin_kind().index("justification"),
                           strategic_origin = strategic_kind().index("origin"),
                           strategic_events = strategic_kind().index("feared_events"),
                           path_strategic = path_kind().index("strategic"),
                           path_stakeholders = path_kind().index("stakeholders"),
                           path_retained = path_kind().index("retained"),
                           path_justification = path_kind().index("justification"),
                           operational_title = operational_kind().index("title"),
                           step_operational = step_kind().index("operational"),
                           step_phase = step_kind().index("phase");
  const std::string fix_unretained =
      out.say("Dire pourquoi il est écarté (--justification), pour que l’étude en garde la trace.",
              "Say why it is set aside (--justification), so that the study keeps a record of "
              "it.");

  std::set<std::string, std::less<>> reached, started;  // feared events, couples
  for (const Record& strategic : records_.strategic) {
    started.insert(ref_of(strategic.values[strategic_origin]));
    for (const auto& event : list_of(strategic.values[strategic_events])) reached.insert(event);
  }

  for (const Record& event : records_.feared_events) {
    const std::string name = out.named(event.ref, text_of(event.values[event_description]));
    if (!is_yes(event.values[event_retained])) {
      if (unjustified(event.values[event_justification]))
        out.add("unretained-no-justification", "feared_event", event.ref,
                out.say("L’événement redouté {} est écarté sans justification.",
                        "Feared event {} is not retained, with no justification.", name),
                fix_unretained);
      continue;
    }
    const auto gravity = position_of(event.values[event_gravity]);
    if (gravity && *gravity >= reached_from_gravity && !reached.contains(event.ref))
      out.add("feared-event-unreached", "feared_event", event.ref,
              out.say("L’événement redouté {}, de gravité {}, est retenu, mais aucun scénario "
                      "stratégique n’y mène.",
                      "Feared event {}, of gravity {}, is retained, but no strategic scenario "
                      "leads to it.",
                      name, out.step_text(method_.impact, *gravity)),
              out.say("Construire le scénario stratégique qui y mène (atelier 3), ou écarter "
                      "l’événement redouté en justifiant ce choix.",
                      "Build the strategic scenario that leads to it (workshop 3), or stop "
                      "retaining the feared event and say why."));
  }

  for (const Record& origin : origins_) {
    std::string title = text_of(origin.values[origin_source]);
    if (const std::string& objective = text_of(origin.values[origin_objective]); !objective.empty())
      title += " / " + objective;
    const std::string name = out.named(origin.ref, title);
    if (!is_yes(origin.values[origin_retained])) {
      if (unjustified(origin.values[origin_justification]))
        out.add("unretained-no-justification", "origin", origin.ref,
                out.say("Le couple SR/OV {} est écarté sans justification.",
                        "SR/OV couple {} is not retained, with no justification.", name),
                fix_unretained);
      continue;
    }
    if (!started.contains(origin.ref))
      out.add(
          "couple-no-strategic", "origin", origin.ref,
          out.say("Le couple SR/OV {} est retenu, mais aucun scénario stratégique n’en part.",
                  "SR/OV couple {} is retained, but no strategic scenario starts from it.", name),
          out.say("Construire les scénarios stratégiques de ce couple (atelier 3), ou ne plus "
                  "le retenir en justifiant ce choix.",
                  "Build the strategic scenarios of this couple (workshop 3), or stop "
                  "retaining it and say why."));
  }

  for (const Record& path : records_.paths) {
    const std::string& strategic = ref_of(path.values[path_strategic]);
    if (!is_yes(path.values[path_retained])) {
      if (unjustified(path.values[path_justification]))
        out.add("unretained-no-justification", "path", path.ref,
                out.say("Le chemin d’attaque {} du scénario stratégique {} est écarté sans "
                        "justification.",
                        "Attack path {} of strategic scenario {} is not retained, with no "
                        "justification.",
                        path.ref, strategic),
                fix_unretained);
      continue;
    }
    std::vector<std::string> not_critical;
    for (const auto& ref : list_of(path.values[path_stakeholders]))
      if (const auto found = stakeholders_.find(ref);
          found != stakeholders_.end() && !found->second.critical)
        not_critical.push_back(out.named(ref, found->second.name));
    if (not_critical.empty()) continue;
    const bool one = not_critical.size() == 1;
    const std::string through = join(not_critical, out.fr() ? " et " : " and ");
    out.add("path-stakeholder-not-critical", "path", path.ref,
            one ? out.say("Le chemin d’attaque {} est retenu et passe par {}, qui n’est pas une "
                          "partie prenante critique.",
                          "Attack path {} is retained and goes through {}, which is not flagged "
                          "as a critical stakeholder.",
                          path.ref, through)
                : out.say("Le chemin d’attaque {} est retenu et passe par {}, qui ne sont pas des "
                          "parties prenantes critiques.",
                          "Attack path {} is retained and goes through {}, which are not flagged "
                          "as critical stakeholders.",
                          path.ref, through),
            one ? out.say("Vérifier la cotation de cette partie prenante (une partie prenante par "
                          "laquelle passe une attaque retenue est en principe critique), ou revoir "
                          "le chemin d’attaque.",
                          "Check the rating of this stakeholder (one that a retained attack goes "
                          "through is normally critical), or review the attack path.")
                : out.say("Vérifier la cotation de ces parties prenantes (une partie prenante par "
                          "laquelle passe une attaque retenue est en principe critique), ou revoir "
                          "le chemin d’attaque.",
                          "Check the rating of these stakeholders (one that a retained attack goes "
                          "through is normally critical), or review the attack path."));
  }

  // Operational scenarios: how many steps each has, and whether one exploits.
  std::map<std::string, std::pair<std::size_t, bool>, std::less<>> steps_of;
  for (const Record& step : records_.steps) {
    auto& [count, exploits] = steps_of[ref_of(step.values[step_operational])];
    ++count;
    exploits = exploits || text_of(step.values[step_phase]) == "exploit";
  }
  const auto& phases = attack_phases();
  const auto exploit_phase = std::find_if(
      phases.begin(), phases.end(), [](const Choice& phase) { return phase.id == "exploit"; });
  const std::string exploit = out.quote(exploit_phase->label.in(out.lang()));
  for (const Record& operational : records_.operational) {
    const auto found = steps_of.find(operational.ref);
    if (found != steps_of.end() && found->second.second) continue;
    const std::string name =
        out.named(operational.ref, text_of(operational.values[operational_title]));
    out.add("operational-no-exploit", "operational", operational.ref,
            found == steps_of.end()
                ? out.say("Le scénario opérationnel {} n’a aucune action élémentaire.",
                          "Operational scenario {} has no elementary action.", name)
                : out.say("Aucune action élémentaire du scénario opérationnel {} n’est de la phase "
                          "{}.",
                          "No elementary action of operational scenario {} is in the {} phase.",
                          name, exploit),
            out.say("Décrire l’action par laquelle l’attaquant exploite les biens visés pour "
                    "atteindre son objectif (phase {}).",
                    "Describe the action by which the attacker exploits the targeted assets to "
                    "reach its objective ({} phase).",
                    exploit));
  }
}

}  // namespace riskmap
