#pragma once
// Texts the compliance deliverables share (statement of applicability,
// compliance, summary, recommendations): labels, the controls answering a
// requirement, directly or through a mapping, and the scenarios they bear on.
// Catalog text (titles, headings, maturity names) is used as stored, in the
// catalog's own language.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compliance.hpp"
#include "deliverable.hpp"
#include "framework.hpp"

namespace riskmap::compliance_text {

// Couverte, Partiellement couverte, Prévue, Non couverte.
const Text& compliance_label(Compliance compliance);
// Oui, Non, À décider.
const Text& applicable_label(const std::optional<bool>& applicable);
// The heading, or "Sans chapitre" for requirements without one.
std::string heading_label(const std::string& heading, Lang lang);
// "3 Défini": the score and its name on the framework's scale, when it has one.
std::string maturity_text(const FrameworkInfo& framework, long long score);
// "Défini": the name of a score on the framework's scale; empty without one.
std::string maturity_name(const FrameworkInfo& framework, long long score);
// "le français" / "French" for a language code ("fr", "fr-FR"); the code
// itself for a language without a name here. Empty for an empty code.
std::string language_name(std::string_view code, Lang lang);
// Whether the framework's texts are in another language than the document.
bool foreign_language(const FrameworkInfo& framework, Lang lang);

// A framework as the deliverables name it: id, title, provider and version
// (false when unknown), library_version (the version is a YAML library's),
// version_text ("version 2.0", "version 18 de la bibliothèque"),
// foreign_language and language_name.
ViewData framework_view(const FrameworkInfo& framework, Lang lang);
// A row of counts: label, applicable, covered, partly, planned, uncovered,
// not_applicable, and maturity ("2,5 (3)": the average score and how many
// requirements have one; "—" without).
ViewData count_view(const std::string& label, const ComplianceCounts& counts, Lang lang);

// The names framework_view offers, added to `schema`.
void add_framework_schema(ViewSchema& schema);

// The controls and scenarios of a run, as the compliance deliverables name them.
class ControlIndex {
 public:
  explicit ControlIndex(ReportContext& ctx);

  // "M1 Politique de sécurité (Existante)".
  std::string named(const std::string& ref) const;
  // "M1 (Existante)".
  std::string with_state(const std::string& ref) const;
  // Existing or done.
  bool implemented(const std::string& ref) const;

  // The controls citing the requirement, then "M8 (Existante) via
  // NIST-CSF:PR.AA-01 (intersect)" for each mapped requirement, "; " between
  // (" ; " in French).
  std::string answers(const SoaRow& row) const;
  // "M8 (Existante), M9 (Prévue) via NIST-CSF:PR.AA-01 (intersect)", "; "
  // between (" ; " in French).
  std::string via(const SoaRow& row) const;
  // The scenarios linked (as existing or additional controls) to a control
  // answering the requirement, directly or through a mapping; with
  // `unimplemented_only`, to such a control that is not implemented.
  std::vector<std::string> scenarios(const SoaRow& row, bool unimplemented_only) const;
  // "R1 (Élevé), R4 (Moyen)": refs with their current level.
  std::string scenarios_text(const std::vector<std::string>& refs) const;

 private:
  struct Control {
    std::string title, state;
    std::vector<std::string> scenarios;  // natural order
  };
  const Control* find(const std::string& ref) const;
  std::string separator() const;  // between the items of a list that hold commas
  Lang lang_;
  std::unordered_map<std::string, Control> controls_;
  std::unordered_map<std::string, std::string> level_label_;  // scenario ref -> current level
};

}  // namespace riskmap::compliance_text
