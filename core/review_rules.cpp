#include "review_rules.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "error.hpp"
#include "text.hpp"
#include "toml_check.hpp"

namespace riskmap {

namespace {

constexpr std::array<Severity, 4> all_severities{Severity::info, Severity::low, Severity::medium,
                                                 Severity::high};

const RuleInfo rules[] = {
    {"scenario-unrated",
     Severity::medium,
     Theme::completeness,
     {"Scénario non coté", "Unrated scenario"},
     {"Scénario sans vraisemblance ou sans gravité au stade initial",
      "Scenario without likelihood or impact at the current stage"}},
    {"scenario-no-asset",
     Severity::medium,
     Theme::completeness,
     {"Scénario sans bien", "Scenario without an asset"},
     {"Scénario qui ne porte sur aucun bien", "Scenario bearing on no asset"}},
    {"scenario-no-owner",
     Severity::medium,
     Theme::completeness,
     {"Scénario sans propriétaire", "Scenario without an owner"},
     {"Scénario sans propriétaire du risque", "Scenario without a risk owner"}},
    {"asset-no-owner",
     Severity::low,
     Theme::completeness,
     {"Bien orphelin", "Unowned asset"},
     {"Bien sans responsable", "Asset without an owner"}},
    {"business-value-unsupported",
     Severity::medium,
     Theme::coverage,
     {"Valeur métier sans bien support", "Business value without a supporting asset"},
     {"Valeur métier qu’aucun bien support ne sert", "Business value no supporting asset serves"}},
    {"supporting-asset-serves-nothing",
     Severity::low,
     Theme::coverage,
     {"Bien support sans valeur métier", "Supporting asset serving nothing"},
     {"Bien support qui ne sert aucune valeur métier",
      "Supporting asset serving no business value"}},
    {"critical-asset-no-scenario",
     Severity::high,
     Theme::coverage,
     {"Bien critique sans scénario", "Critical asset without a scenario"},
     {"Bien critique (un besoin au sommet de l’échelle de gravité) sans scénario",
      "Critical asset (a need at the top of the impact scale) without a scenario"}},
    {"exposed-asset-no-scenario",
     Severity::high,
     Theme::coverage,
     {"Bien exposé sans scénario", "Exposed asset without a scenario"},
     {"Bien exposé à Internet sans scénario", "Internet-exposed asset without a scenario"}},
    {"sensitive-data-low-confidentiality",
     Severity::medium,
     Theme::coverage,
     {"Données sensibles peu protégées", "Sensitive data rated low on confidentiality"},
     {"Données personnelles ou de santé dont le besoin de confidentialité est absent ou sous les "
      "deux niveaux les plus élevés",
      "Personal or health data whose confidentiality need is missing or below the top two "
      "levels"}},
    {"residual-above-current",
     Severity::high,
     Theme::rating,
     {"Résiduel au-dessus de l’initial", "Residual above current"},
     {"Niveau, vraisemblance ou gravité résiduels au-dessus de l’initial",
      "Residual level, likelihood or impact above the current one"}},
    {"residual-lower-no-control",
     Severity::medium,
     Theme::rating,
     {"Baisse résiduelle sans mesure", "Residual drop without a control"},
     {"Cotation résiduelle plus basse que l’initiale sans mesure complémentaire",
      "Residual rating below the current one with no additional control"}},
    {"recorded-level-mismatch",
     Severity::medium,
     Theme::rating,
     {"Niveau relevé à revoir", "Recorded level to revisit"},
     {"Niveau relevé dans la cartographie de l’organisation différent du niveau recalculé",
      "Level recorded in the organisation's map differs from the recomputed level"}},
    {"above-appetite-open",
     Severity::high,
     Theme::treatment,
     {"Risque inacceptable sans décision", "Unacceptable risk without a decision"},
     {"Risque au-dessus du seuil d’acceptation sans décision de traitement",
      "Risk above the appetite with no treatment decided"}},
    {"above-appetite-acceptance-invalid",
     Severity::high,
     Theme::treatment,
     {"Risque inacceptable accepté sans formalisme", "Unacceptable risk accepted informally"},
     {"Risque au-dessus du seuil accepté sans acceptation formelle en cours de validité",
      "Risk above the appetite accepted without a formal acceptance still in force"}},
    {"acceptance-expired",
     Severity::medium,
     Theme::treatment,
     {"Acceptation échue", "Expired acceptance"},
     {"Acceptation de risque échue", "Risk acceptance expired"}},
    {"acceptance-too-long",
     Severity::medium,
     Theme::treatment,
     {"Acceptation trop longue", "Acceptance too long"},
     {"Acceptation de risque d’une durée supérieure au maximum admis (12 mois par défaut)",
      "Risk acceptance lasting longer than the maximum allowed (12 months by default)"}},
    {"planned-control-incomplete",
     Severity::medium,
     Theme::controls,
     {"Mesure prévue incomplète", "Incomplete planned control"},
     {"Mesure prévue ou en cours sans responsable ou sans échéance",
      "Planned or in-progress control without an owner or a due date"}},
    {"action-overdue",
     Severity::medium,
     Theme::controls,
     {"Action en retard", "Overdue action"},
     {"Action du plan en retard", "Overdue action of the plan"}},
    {"action-unlinked",
     Severity::medium,
     Theme::controls,
     {"Action sans rattachement", "Unlinked action"},
     {"Action du plan qui ne met en œuvre aucune mesure ou ne traite aucun scénario",
      "Action of the plan implementing no control or addressing no scenario"}},
    {"stakeholder-danger-no-control",
     Severity::high,
     Theme::ecosystem,
     {"Partie prenante dangereuse sans mesure", "Dangerous stakeholder without a control"},
     {"Partie prenante en zone de danger (initiale ou résiduelle) sans mesure",
      "Stakeholder in the danger zone (initial or residual) without a control"}},
    {"critical-asset-no-continuity",
     Severity::high,
     Theme::ecosystem,
     {"Bien critique hors continuité", "Critical asset outside continuity plans"},
     {"Bien critique sans PCA ni PRI, ou sans RTO (DMIA pour une valeur métier)",
      "Critical asset without BCP or DRP, or without RTO (MTD for a business value)"}},
    {"continuity-objective-exceeded",
     Severity::medium,
     Theme::ecosystem,
     {"Objectif de reprise dépassé", "Recovery objective exceeded"},
     {"RTO ou RPO d’un bien support au-delà de la DMIA ou de la PDMA d’une valeur métier qu’il "
      "sert",
      "RTO or RPO of a supporting asset beyond the MTD or MTDL of a business value it serves"}},
    {"review-date-passed",
     Severity::low,
     Theme::governance,
     {"Date de revue dépassée", "Review date passed"},
     {"Date de revue du scénario dépassée", "Scenario review date passed"}},
    {"duplicate-scenarios",
     Severity::low,
     Theme::governance,
     {"Scénarios en double", "Duplicate scenarios"},
     {"Scénarios probablement en double (mêmes biens, intitulés presque identiques)",
      "Likely duplicate scenarios (same assets, near-identical titles)"}},
    {"scale-step-unused",
     Severity::info,
     Theme::governance,
     {"Échelon inutilisé", "Unused scale step"},
     {"Échelon d’échelle ou niveau de risque qu’aucun scénario n’utilise",
      "Scale step or risk level no scenario uses"}},
    {"owner-concentration",
     Severity::low,
     Theme::governance,
     {"Propriété des risques concentrée", "Concentrated risk ownership"},
     {"Un même propriétaire porte la plupart des risques", "One owner holds most of the risks"}},
    // In the order of the workshops of the method.
    {"feared-event-unreached",
     Severity::high,
     Theme::study,
     {"Événement redouté non atteint", "Feared event not reached"},
     {"Événement redouté retenu, de gravité 3 ou plus, qu’aucun scénario stratégique n’atteint",
      "Retained feared event of gravity 3 or more that no strategic scenario reaches"}},
    {"couple-no-strategic",
     Severity::medium,
     Theme::study,
     {"Couple SR/OV sans scénario stratégique", "SR/OV couple without a strategic scenario"},
     {"Couple source de risque / objectif visé retenu sans scénario stratégique",
      "Retained risk origin / target objective couple without a strategic scenario"}},
    {"unretained-no-justification",
     Severity::low,
     Theme::study,
     {"Élément écarté sans justification", "Set aside without a justification"},
     {"Événement redouté, couple SR/OV ou chemin d’attaque écarté sans justification",
      "Feared event, SR/OV couple or attack path not retained, with no justification"}},
    {"stakeholder-residual-above-initial",
     Severity::high,
     Theme::study,
     {"Menace résiduelle au-dessus de l’initiale", "Residual threat above the initial one"},
     {"Partie prenante dont le niveau de menace résiduel dépasse l’initial",
      "Stakeholder whose residual threat level exceeds the initial one"}},
    {"path-stakeholder-not-critical",
     Severity::medium,
     Theme::study,
     {"Chemin par une partie prenante non critique", "Path through a non-critical stakeholder"},
     {"Chemin d’attaque retenu qui passe par une partie prenante non critique",
      "Retained attack path through a stakeholder not flagged critical"}},
    {"operational-no-exploit",
     Severity::medium,
     Theme::study,
     {"Scénario opérationnel sans exploitation", "Operational scenario without an exploit step"},
     {"Scénario opérationnel sans action élémentaire de la phase « exploiter »",
      "Operational scenario without an elementary action in the exploit phase"}},
    {"scenario-gravity-unjustified",
     Severity::medium,
     Theme::study,
     {"Cotation de l’étude remplacée sans justification",
      "Study rating overridden without a justification"},
     {"Gravité ou vraisemblance initiale d’un risque saisie à la main, autre que celle de "
      "l’étude, sans justification",
      "Current impact or likelihood of a risk set by hand, other than the study's, with no "
      "justification"}},
    {"mitigate-no-residual",
     Severity::medium,
     Theme::study,
     {"Cotation résiduelle manquante", "Residual rating missing"},
     {"Risque à réduire sans cotation résiduelle", "Risk to mitigate without a residual rating"}},
};

}  // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::low:
      return "low";
    case Severity::medium:
      return "medium";
    case Severity::high:
      return "high";
  }
  return "info";
}

const Text& severity_label(Severity severity) {
  static const Text labels[] = {
      {"Information", "Information"}, {"Faible", "Low"}, {"Moyenne", "Medium"}, {"Élevée", "High"}};
  return labels[static_cast<int>(severity)];
}

std::vector<std::string> severity_names() {
  std::vector<std::string> names;
  for (const Severity severity : all_severities) names.emplace_back(to_string(severity));
  return names;
}

Severity parse_severity(std::string_view text) {
  const std::string folded = fold(trim(text));
  for (const Severity severity : all_severities)
    if (folded == to_string(severity) || folded == fold(severity_label(severity).fr) ||
        folded == fold(severity_label(severity).en))
      return severity;
  const auto names = severity_names();
  throw ValueError(fmt::format("'{}' is not a severity{}; allowed: {}", trim(text),
                               did_you_mean(text, names), quoted_list(names)));
}

std::string_view to_string(Theme theme) {
  static constexpr std::string_view ids[] = {
      "completeness",     "assets-coverage",      "rating-consistency",     "treatment-acceptance",
      "controls-actions", "ecosystem-continuity", "calibration-governance", "ebios-rm-study"};
  return ids[static_cast<int>(theme)];
}

const Text& theme_label(Theme theme) {
  static const Text labels[] = {
      {"Complétude", "Completeness"},
      {"Biens et couverture", "Assets and coverage"},
      {"Cohérence des cotations", "Rating consistency"},
      {"Traitement et acceptation", "Treatment and acceptance"},
      {"Mesures et actions", "Controls and actions"},
      {"Écosystème et continuité", "Ecosystem and continuity"},
      {"Étalonnage et gouvernance", "Calibration and governance"},
      {"Étude EBIOS RM", "EBIOS RM study"},
  };
  return labels[static_cast<int>(theme)];
}

std::span<const RuleInfo> review_rules() {
  return rules;
}

const RuleInfo* find_rule(std::string_view id) {
  // Every finding a review writes names its rule: found by hash rather than
  // by a walk through the catalogue.
  static const auto by_id = [] {
    std::unordered_map<std::string_view, const RuleInfo*> out;
    for (const auto& rule : rules) out.emplace(rule.id, &rule);
    return out;
  }();
  const auto found = by_id.find(id);
  return found == by_id.end() ? nullptr : found->second;
}

std::vector<std::string> review_rule_ids() {
  std::vector<std::string> ids;
  for (const auto& rule : rules) ids.emplace_back(rule.id);
  return ids;
}

Severity ReviewSettings::severity_of(const RuleInfo& rule) const {
  const auto found = severity.find(rule.id);
  return found == severity.end() ? rule.severity : found->second;
}

namespace {

// A rule id written in riskmap.toml, checked against the catalogue.
std::string rule_id(const toml::node& at, std::string_view id, std::string_view where,
                    const TomlChecker& check) {
  if (find_rule(id)) return std::string(id);
  const auto ids = review_rule_ids();
  check.fail(at, fmt::format("unknown rule '{}' in {}{}; riskmap review --rules lists them", id,
                             where, did_you_mean(id, ids)));
}

double share(const toml::table& review, std::string_view key, double fallback,
             const TomlChecker& check) {
  const toml::node* node = review.get(key);
  if (!node) return fallback;
  const auto number = node->value<double>();
  if (!node->is_number() || !number || !std::isfinite(*number) || *number < 0 || *number > 1)
    check.fail(*node,
               fmt::format("[review] {} must be a number from 0 to 1 (e.g. {})", key, fallback));
  return *number;
}

}  // namespace

ReviewSettings read_review_settings(const toml::table& review, const TomlChecker& check) {
  check.allow_keys(review, "[review]",
                   {"off", "severity", "duplicate_similarity", "owner_share", "owner_min_scenarios",
                    "max_acceptance_months"});
  ReviewSettings settings;
  if (const toml::node* off = review.get("off")) {
    if (!off->is_array())
      check.fail(*off, "[review] off must be an array of rule ids, e.g. [\"asset-no-owner\"]");
    for (const toml::node& item : *off->as_array()) {
      if (!item.is_string())
        check.fail(item, "[review] off must hold rule ids as strings, e.g. \"asset-no-owner\"");
      settings.off.insert(rule_id(item, item.as_string()->get(), "[review] off", check));
    }
  }
  if (const toml::table* severity = check.optional_table(review, "severity", "[review]")) {
    for (const auto& [key, node] : *severity) {
      const toml::source_region& at = key.source().begin.line ? key.source() : node.source();
      if (!find_rule(key.str())) {
        const auto ids = review_rule_ids();
        check.fail(at, fmt::format("unknown rule '{}' in [review.severity]{}; riskmap review "
                                   "--rules lists them",
                                   key.str(), did_you_mean(key.str(), ids)));
      }
      const auto names = severity_names();
      const auto* text = node.as_string();
      if (!text)
        check.fail(node, fmt::format("the severity of {} in [review.severity] must be a string; "
                                     "allowed: {}",
                                     key.str(), quoted_list(names)));
      const std::string& value = text->get();
      if (std::find(names.begin(), names.end(), value) == names.end())
        check.fail(node,
                   fmt::format("severity '{}' of {} in [review.severity] is not allowed{}; "
                               "allowed: {}",
                               value, key.str(), did_you_mean(value, names), quoted_list(names)));
      settings.severity.emplace(std::string(key.str()), parse_severity(value));
    }
  }
  settings.duplicate_similarity =
      share(review, "duplicate_similarity", settings.duplicate_similarity, check);
  settings.owner_share = share(review, "owner_share", settings.owner_share, check);
  if (const toml::node* node = review.get("owner_min_scenarios")) {
    const auto* number = node->as_integer();
    if (!number || number->get() < 1 || number->get() > 1'000'000'000)
      check.fail(*node,
                 "[review] owner_min_scenarios must be a whole number of at least 1 "
                 "(e.g. 5)");
    settings.owner_min_scenarios = number->get();
  }
  if (const toml::node* node = review.get("max_acceptance_months")) {
    const auto* number = node->as_integer();
    if (!number || number->get() < 1 || number->get() > max_acceptance_months_allowed)
      check.fail(*node, fmt::format("[review] max_acceptance_months must be a whole number of "
                                    "months from 1 to {} (e.g. 12)",
                                    max_acceptance_months_allowed));
    settings.max_acceptance_months = number->get();
  }
  return settings;
}

}  // namespace riskmap
