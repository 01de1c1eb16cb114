#include "compliance_text.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "control.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "text.hpp"
#include "view.hpp"
#include "wording.hpp"

namespace riskmap::compliance_text {

const Text& compliance_label(Compliance compliance) {
  static const Text labels[] = {{"Non couverte", "Not covered"},
                                {"Prévue", "Planned"},
                                {"Partiellement couverte", "Partly covered"},
                                {"Couverte", "Covered"}};
  return labels[static_cast<int>(compliance)];
}

const Text& applicable_label(const std::optional<bool>& applicable) {
  static const Text yes{"Oui", "Yes"}, no{"Non", "No"}, open{"À décider", "To be decided"};
  return !applicable ? open : *applicable ? yes : no;
}

std::string heading_label(const std::string& heading, Lang lang) {
  if (!heading.empty()) return heading;
  return lang == Lang::fr ? "Sans chapitre" : "No chapter";
}

std::string maturity_name(const FrameworkInfo& framework, long long score) {
  for (const MaturityLevel& level : framework.maturity)
    if (level.score == score) return level.name;
  return {};
}

std::string maturity_text(const FrameworkInfo& framework, long long score) {
  const std::string name = maturity_name(framework, score);
  return name.empty() ? std::to_string(score) : fmt::format("{} {}", score, name);
}

namespace {

// Natural order, then byte order, without duplicates.
std::vector<std::string> sorted_refs(std::vector<std::string> refs) {
  std::sort(refs.begin(), refs.end(), wording::ref_less);
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  return refs;
}

std::string_view primary_code(std::string_view code) {
  return code.substr(0, code.find_first_of("-_"));
}

}  // namespace

std::string language_name(std::string_view code, Lang lang) {
  struct Name {
    std::string_view code, fr, en;
  };
  static constexpr std::array<Name, 8> names{{{"fr", "le français", "French"},
                                              {"en", "l’anglais", "English"},
                                              {"ar", "l’arabe", "Arabic"},
                                              {"es", "l’espagnol", "Spanish"},
                                              {"de", "l’allemand", "German"},
                                              {"it", "l’italien", "Italian"},
                                              {"pt", "le portugais", "Portuguese"},
                                              {"nl", "le néerlandais", "Dutch"}}};
  const std::string folded = fold(primary_code(code));
  for (const Name& name : names)
    if (name.code == folded) return std::string(lang == Lang::fr ? name.fr : name.en);
  return std::string(code);
}

bool foreign_language(const FrameworkInfo& framework, Lang lang) {
  return !framework.language.empty() && fold(primary_code(framework.language)) != to_string(lang);
}

namespace {

// "2,5 (3)": the average score and how many requirements have one; "—" without.
std::string average_text(const ComplianceCounts& counts, Lang lang) {
  if (counts.maturity_scored == 0) return "—";
  return fmt::format("{} ({})",
                     wording::decimal(static_cast<double>(counts.maturity_total) /
                                          static_cast<double>(counts.maturity_scored),
                                      lang),
                     counts.maturity_scored);
}

}  // namespace

ViewData count_view(const std::string& label, const ComplianceCounts& n, Lang lang) {
  ViewData c;
  c.set("label", label);
  c.set("applicable", std::to_string(n.applicable));
  c.set("covered", std::to_string(n.covered));
  c.set("partly", std::to_string(n.partly));
  c.set("planned", std::to_string(n.planned));
  c.set("uncovered", std::to_string(n.uncovered));
  c.set("not_applicable", std::to_string(n.not_applicable));
  c.set("maturity", average_text(n, lang));
  return c;
}

ViewData framework_view(const FrameworkInfo& framework, Lang lang) {
  ViewData view;
  assign(view, "id", framework.id);
  assign(view, "title", framework.title);
  assign_optional(view, "provider", framework.provider);
  assign_optional(view, "version", framework.version);
  // A YAML library's version is the library's revision, not the edition of
  // the text ("ISO/IEC 27001:2022", library version 18).
  const bool library = !framework.urn.empty() && framework.source != "built-in";
  flag(view, "library_version", library);
  assign_optional(view, "version_text",
                  framework.version.empty() ? std::string()
                  : !library                ? fmt::format("version {}", framework.version)
                  : lang == Lang::fr
                      ? fmt::format("version {} de la bibliothèque", framework.version)
                      : fmt::format("library version {}", framework.version));
  flag(view, "foreign_language", foreign_language(framework, lang));
  assign(view, "language_name", language_name(framework.language, lang));
  return view;
}

void add_framework_schema(ViewSchema& schema) {
  for (const char* name : {"id", "title", "provider", "version", "library_version", "version_text",
                           "foreign_language", "language_name"})
    schema.names[name] = {};
}

ControlIndex::ControlIndex(ReportContext& ctx) : lang_(ctx.lang) {
  const EntityKind& kind = control_kind();
  const std::size_t title_at = kind.index("title"), state_at = kind.index("state");
  RecordStore(ctx.workspace, kind).for_each([&](Record& r) {
    controls_.emplace(r.ref, Control{text_of(r.values[title_at]), text_of(r.values[state_at]), {}});
  });
  // The links come from the scenarios the report already holds, whose
  // existing and additional controls are those of the link tables.
  const EntityKind& skind = scenario_kind();
  const std::size_t existing_at = skind.index("existing_controls"),
                    additional_at = skind.index("additional_controls");
  const Method& method = ctx.method;
  for (const Record& r : ctx.map().scenarios) {
    if (const auto level = level_at(r, Stage::current, method))
      level_label_.emplace(r.ref, method.levels.at(*level).label.in(lang_));
    for (const std::size_t at : {existing_at, additional_at})
      if (const auto* linked = std::get_if<std::vector<std::string>>(&r.values[at]))
        for (const auto& control : *linked)
          if (const auto found = controls_.find(control); found != controls_.end())
            found->second.scenarios.push_back(r.ref);
  }
  for (auto& [ref, control] : controls_) control.scenarios = sorted_refs(std::move(control.scenarios));
}

std::string ControlIndex::separator() const {
  return lang_ == Lang::fr ? fmt::format("{}; ", wording::nbsp) : "; ";
}

const ControlIndex::Control* ControlIndex::find(const std::string& ref) const {
  const auto found = controls_.find(ref);
  return found == controls_.end() ? nullptr : &found->second;
}

std::string ControlIndex::with_state(const std::string& ref) const {
  const Control* control = find(ref);
  const Choice* state = control ? find_choice(control_states(), control->state) : nullptr;
  return state ? fmt::format("{} ({})", ref, state->label.in(lang_)) : ref;
}

std::string ControlIndex::named(const std::string& ref) const {
  const Control* control = find(ref);
  const Choice* state = control ? find_choice(control_states(), control->state) : nullptr;
  std::string text =
      control && !control->title.empty() ? fmt::format("{} {}", ref, control->title) : ref;
  if (state) text += fmt::format(" ({})", state->label.in(lang_));
  return text;
}

bool ControlIndex::implemented(const std::string& ref) const {
  const Control* control = find(ref);
  return control && (control->state == "existing" || control->state == "done");
}

std::string ControlIndex::via(const SoaRow& row) const {
  std::vector<std::string> parts;
  for (const MappedCoverage& mapped : row.via) {
    std::vector<std::string> controls;
    for (const auto& ref : mapped.controls) controls.push_back(with_state(ref));
    parts.push_back(fmt::format("{} via {} ({})", join(controls, ", "), mapped.requirement,
                                mapped.relationship));
  }
  return join(parts, separator());
}

std::string ControlIndex::answers(const SoaRow& row) const {
  std::vector<std::string> parts;
  for (const auto& ref : row.controls) parts.push_back(named(ref));
  if (!row.via.empty()) parts.push_back(via(row));
  return join(parts, separator());
}

std::vector<std::string> ControlIndex::scenarios(const SoaRow& row, bool unimplemented_only) const {
  std::vector<std::string> out;
  const auto add = [&](const std::string& ref) {
    if (unimplemented_only && implemented(ref)) return;
    if (const Control* control = find(ref))
      out.insert(out.end(), control->scenarios.begin(), control->scenarios.end());
  };
  for (const auto& ref : row.controls) add(ref);
  for (const MappedCoverage& mapped : row.via)
    for (const auto& ref : mapped.controls) add(ref);
  return sorted_refs(std::move(out));
}

std::string ControlIndex::scenarios_text(const std::vector<std::string>& refs) const {
  std::vector<std::string> parts;
  for (const auto& ref : refs) {
    const auto found = level_label_.find(ref);
    parts.push_back(found == level_label_.end() ? ref : fmt::format("{} ({})", ref, found->second));
  }
  return join(parts, ", ");
}

}  // namespace riskmap::compliance_text
