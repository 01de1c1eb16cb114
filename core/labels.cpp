#include "labels.hpp"

#include <map>
#include <string>

#include "review_rules.hpp"
#include "stakeholder.hpp"

namespace riskmap {

namespace {

// Column names are shared across kinds and commands, and mean the same
// thing wherever they appear ("owner" is always the owner), so one name has
// one header.
const std::pair<std::string_view, Text> headers[] = {
    {"ref", {"Réf.", "Ref"}},
    {"refs", {"Réf.", "Refs"}},
    {"id", {"Id", "Id"}},
    {"name", {"Nom", "Name"}},
    {"title", {"Intitulé", "Title"}},
    {"description", {"Description", "Description"}},
    {"kind", {"Nature", "Kind"}},
    {"role", {"Rôle", "Role"}},
    {"owner", {"Propriétaire", "Owner"}},
    {"confidentiality", {"Confidentialité", "Confidentiality"}},
    {"integrity", {"Intégrité", "Integrity"}},
    {"availability", {"Disponibilité", "Availability"}},
    {"traceability", {"Traçabilité", "Traceability"}},
    {"exposure", {"Exposition", "Exposure"}},
    {"data", {"Données", "Data"}},
    {"mtd", {"DMIA", "MTD"}},
    {"mtdl", {"PDMA", "MTDL"}},
    {"rto", {"RTO", "RTO"}},
    {"rpo", {"RPO", "RPO"}},
    {"bcp", {"PCA", "BCP"}},
    {"drp", {"PRI", "DRP"}},
    {"serves", {"Valeurs métier servies", "Business values served"}},
    {"tags", {"Étiquettes", "Tags"}},
    {"risk_source", {"Source de risque", "Risk source"}},
    {"threat", {"Menace", "Threat"}},
    {"assets", {"Biens", "Assets"}},
    {"criteria", {"Critères", "Criteria"}},
    {"likelihood", {"Vraisemblance", "Likelihood"}},
    {"impact", {"Gravité", "Impact"}},
    {"level", {"Niveau", "Level"}},
    {"inherent_likelihood", {"Vraisemblance brute", "Inherent likelihood"}},
    {"inherent_impact", {"Gravité brute", "Inherent impact"}},
    {"inherent_level", {"Niveau brut", "Inherent level"}},
    {"current_likelihood", {"Vraisemblance initiale", "Current likelihood"}},
    {"current_impact", {"Gravité initiale", "Current impact"}},
    {"current_level", {"Niveau initial", "Current level"}},
    {"residual_likelihood", {"Vraisemblance résiduelle", "Residual likelihood"}},
    {"residual_impact", {"Gravité résiduelle", "Residual impact"}},
    {"residual_level", {"Niveau résiduel", "Residual level"}},
    {"recorded_level", {"Niveau relevé", "Recorded level"}},
    {"worst_level", {"Niveau le plus haut", "Highest level"}},
    {"treatment", {"Traitement", "Treatment"}},
    {"justification", {"Justification", "Justification"}},
    {"accepted_by", {"Accepté par", "Accepted by"}},
    {"accepted_on", {"Accepté le", "Accepted on"}},
    {"accepted_until", {"Accepté jusqu’au", "Accepted until"}},
    {"existing_controls", {"Mesures en place", "Existing controls"}},
    {"additional_controls", {"Mesures complémentaires", "Additional controls"}},
    {"controls", {"Mesures", "Controls"}},
    {"stakeholders", {"Parties prenantes", "Stakeholders"}},
    {"scenarios", {"Scénarios", "Scenarios"}},
    {"scenarios_existing", {"En place pour", "Existing for"}},
    {"scenarios_additional", {"Complémentaire pour", "Additional for"}},
    {"actions", {"Actions", "Actions"}},
    {"status", {"Statut", "Status"}},
    {"state", {"État", "State"}},
    {"review_date", {"Date de revue", "Review date"}},
    {"notes", {"Notes", "Notes"}},
    {"category", {"Catégorie", "Category"}},
    {"due", {"Échéance", "Due date"}},
    {"cost", {"Coût", "Cost"}},
    {"effort", {"Charge", "Effort"}},
    {"progress", {"Avancement", "Progress"}},
    {"references", {"Références", "References"}},
    {"priority", {"Priorité", "Priority"}},
    {"overdue", {"En retard", "Overdue"}},
    {"dependency", {"Dépendance", "Dependency"}},
    {"penetration", {"Pénétration", "Penetration"}},
    {"maturity", {"Maturité", "Maturity"}},
    {"trust", {"Confiance", "Trust"}},
    {"residual_dependency", {"Dépendance résiduelle", "Residual dependency"}},
    {"residual_penetration", {"Pénétration résiduelle", "Residual penetration"}},
    {"residual_maturity", {"Maturité résiduelle", "Residual maturity"}},
    {"residual_trust", {"Confiance résiduelle", "Residual trust"}},
    {"residual_threat", {"Menace résiduelle", "Residual threat"}},
    {"critical", {"Critique", "Critical"}},
    {"zone", {"Zone", "Zone"}},
    {"residual_zone", {"Zone résiduelle", "Residual zone"}},
    {"business_value", {"Valeur métier", "Business value"}},
    {"impacts", {"Impacts", "Impacts"}},
    {"impact_description", {"Description des impacts", "Impact description"}},
    {"gravity", {"Gravité", "Gravity"}},
    {"retained", {"Retenu", "Retained"}},
    {"source", {"Source", "Source"}},
    {"objective", {"Objectif visé", "Target objective"}},
    {"motivation", {"Motivation", "Motivation"}},
    {"resources", {"Ressources", "Resources"}},
    {"activity", {"Activité", "Activity"}},
    {"feared_events", {"Événements redoutés", "Feared events"}},
    {"pertinence", {"Pertinence", "Pertinence"}},
    {"origin", {"Origine", "Origin"}},
    {"strategic", {"Scénario stratégique", "Strategic scenario"}},
    {"path", {"Chemin d’attaque", "Attack path"}},
    {"operational", {"Scénario opérationnel", "Operational scenario"}},
    {"phase", {"Phase", "Phase"}},
    {"after", {"Après", "After"}},
    {"join", {"Jonction", "Join"}},
    {"probability", {"Probabilité", "Probability"}},
    {"difficulty", {"Difficulté", "Difficulty"}},
    {"severity", {"Gravité", "Severity"}},
    {"default_severity", {"Gravité par défaut", "Default severity"}},
    {"rule", {"Règle", "Rule"}},
    {"theme", {"Thème", "Theme"}},
    {"message", {"Constat", "Finding"}},
    {"fix", {"Correction proposée", "Fix"}},
    {"enabled", {"Active", "Enabled"}},
    {"summary", {"Ce que la règle relève", "What the rule finds"}},
    {"requirement", {"Exigence", "Requirement"}},
    {"requirements", {"Exigences", "Requirements"}},
    {"chapter", {"Chapitre", "Chapter"}},
    {"part", {"Partie", "Part"}},
    {"applicable", {"Applicable", "Applicable"}},
    {"control_states", {"États des mesures", "Control states"}},
    {"coverage", {"Couverture", "Coverage"}},
    {"via", {"Via", "Via"}},
    {"compliance", {"Conformité", "Compliance"}},
    {"version", {"Version", "Version"}},
    {"provider", {"Éditeur", "Provider"}},
    {"language", {"Langue", "Language"}},
    {"urn", {"URN", "URN"}},
    {"copyright", {"Droits", "Copyright"}},
    {"mapping_set", {"Jeu de correspondances", "Mapping set"}},
    {"relationship", {"Relation", "Relationship"}},
    {"target", {"Cible", "Target"}},
    {"annotation", {"Annotation", "Annotation"}},
    {"gaps", {"Écarts", "Gaps"}},
    {"date", {"Date", "Date"}},
    {"created_at", {"Créée le", "Created at"}},
    {"author", {"Auteur", "Author"}},
    {"note", {"Note", "Note"}},
    {"sequence", {"N°", "No."}},
    {"method", {"Méthode", "Method"}},
    {"at", {"Date", "At"}},
    {"command", {"Commande", "Command"}},
    {"position", {"Position", "Position"}},
    {"label", {"Libellé", "Label"}},
    {"count", {"Nombre", "Count"}},
    {"change", {"Changement", "Change"}},
    {"field", {"Champ", "Field"}},
    {"before", {"Avant", "Before"}},
    {"fields", {"Champs", "Fields"}},
    {"inherent_from", {"Niveau brut avant", "Inherent level before"}},
    {"inherent_to", {"Niveau brut après", "Inherent level after"}},
    {"inherent_move", {"Évolution du niveau brut", "Inherent level move"}},
    {"current_from", {"Niveau initial avant", "Current level before"}},
    {"current_to", {"Niveau initial après", "Current level after"}},
    {"current_move", {"Évolution du niveau initial", "Current level move"}},
    {"residual_from", {"Niveau résiduel avant", "Residual level before"}},
    {"residual_to", {"Niveau résiduel après", "Residual level after"}},
    {"residual_move", {"Évolution du niveau résiduel", "Residual level move"}},
};

constexpr std::string_view source_suffix = "_source";

// The headers above, and "FIELD_source" for each: where FIELD's value came from.
const std::map<std::string, Text, std::less<>>& all_headers() {
  static const auto all = [] {
    std::map<std::string, Text, std::less<>> map;
    for (const auto& [column, label] : headers) {
      map.emplace(std::string(column), label);
      map.emplace(std::string(column) + std::string(source_suffix),
                  Text{label.fr + " (origine)", label.en + " (source)"});
    }
    return map;
  }();
  return all;
}

const Vocabulary& severities() {
  static const auto v = [] {
    Vocabulary vocabulary;
    for (const Severity s : {Severity::info, Severity::low, Severity::medium, Severity::high})
      vocabulary.push_back({std::string(to_string(s)), severity_label(s)});
    return vocabulary;
  }();
  return v;
}

const Vocabulary& themes() {
  static const auto v = [] {
    Vocabulary vocabulary;
    for (std::size_t t = 0; t < theme_count; ++t) {
      const auto theme = static_cast<Theme>(t);
      vocabulary.push_back({std::string(to_string(theme)), theme_label(theme)});
    }
    return vocabulary;
  }();
  return v;
}

// How a derivable field got its value.
const Vocabulary& value_sources() {
  static const Vocabulary v{{"derived", {"Déduit", "Derived"}}, {"set", {"Saisi", "Set"}}};
  return v;
}

}  // namespace

const Text* column_label(std::string_view column) {
  const auto& all = all_headers();
  const auto found = all.find(column);
  return found == all.end() ? nullptr : &found->second;
}

const Vocabulary* column_vocabulary(std::string_view column) {
  if (column == "zone" || column == "residual_zone") return &zones();
  if (column == "severity" || column == "default_severity") return &severities();
  if (column == "theme") return &themes();
  if (column.ends_with(source_suffix) && column != "risk_source") return &value_sources();
  return nullptr;
}

}  // namespace riskmap
