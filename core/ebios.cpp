#include "ebios.hpp"

#include "asset.hpp"
#include "study.hpp"

namespace riskmap {

const Vocabulary& yes_no() {
  static const Vocabulary v{{"yes", {"Oui", "Yes"}}, {"no", {"Non", "No"}}};
  return v;
}

// The impact types of the method guide's workshop 1.
const Vocabulary& impact_types() {
  static const Vocabulary v{
      {"missions", {"Missions et services", "Missions and services"}},
      {"people", {"Humains", "People"}},
      {"property", {"Biens matériels", "Property"}},
      {"environment", {"Environnement", "Environment"}},
      {"governance", {"Gouvernance", "Governance"}},
      {"finances", {"Financiers", "Finances"}},
      {"legal", {"Juridiques", "Legal"}},
      {"reputation", {"Image et confiance", "Reputation and trust"}},
  };
  return v;
}

// The categories of risk origins of workshop 2.
const Vocabulary& origin_categories() {
  static const Vocabulary v{
      {"state-sponsored", {"Étatique", "State-sponsored"}},
      {"organised-crime", {"Crime organisé", "Organised crime"}},
      {"terrorist", {"Terroriste", "Terrorist"}},
      {"activist", {"Activiste idéologique", "Ideological activist"}},
      {"specialised-firm", {"Officine spécialisée", "Specialised firm"}},
      {"amateur", {"Amateur", "Amateur"}},
      {"avenger", {"Vengeur", "Avenger"}},
      {"pathological", {"Malveillant pathologique", "Pathological attacker"}},
      {"insider", {"Menace interne", "Insider"}},
      {"competitor", {"Concurrent", "Competitor"}},
      {"other", {"Autre", "Other"}},
  };
  return v;
}

// The four phases of an attack sequence, in their order.
const Vocabulary& attack_phases() {
  static const Vocabulary v{
      {"know", {"Connaître", "Know"}},
      {"enter", {"Rentrer", "Enter"}},
      {"find", {"Trouver", "Find"}},
      {"exploit", {"Exploiter", "Exploit"}},
  };
  return v;
}

const Vocabulary& joins() {
  static const Vocabulary v{{"and", {"ET", "AND"}}, {"or", {"OU", "OR"}}};
  return v;
}

bool is_yes(const Value& value, bool otherwise) {
  const std::string& text = text_of(value);
  return text.empty() ? otherwise : text == "yes";
}

namespace {

Field retained_field(const char* what) {
  return choice_field("retained", yes_no(), std::string("Whether the ") + what +
                                                " is retained for the study: yes or no",
                      "yes");
}

EntityKind make_feared_event_kind() {
  EntityKind kind{"feared_event", "feared-events", "ER", {}, {}, {}};
  Field value = ref_field("business_value", "asset", "business-value",
                          "The business value (a primary asset) the event bears on", true);
  value.target_condition = "role = 'primary'";
  value.target_description = "a business value (role primary)";
  kind.fields.push_back(value);
  kind.fields.push_back(text_field("description", "The feared event, e.g. \"Leak of members' data\""));
  Field criteria{"criteria", FieldType::choices};
  criteria.option = "criteria";
  criteria.aliases = {"criterion"};
  criteria.vocabulary = &security_criteria();
  criteria.help = "Breached security criteria";
  kind.fields.push_back(criteria);
  Field impacts{"impacts", FieldType::choices};
  impacts.option = "impacts";
  impacts.aliases = {"impact"};
  impacts.vocabulary = &impact_types();
  impacts.help = "Types of impact";
  kind.fields.push_back(impacts);
  kind.fields.push_back(text_field("impact_description", "The impacts, in words"));
  kind.fields.push_back(step_field("gravity", Axis::impact, "Gravity, on the impact scale"));
  kind.fields.push_back(retained_field("feared event"));
  kind.fields.push_back(text_field("justification", "Why it is retained or not"));
  return kind;
}

EntityKind make_origin_kind() {
  EntityKind kind{"origin", "origins", "SO", {}, {}, {}};
  kind.fields.push_back(text_field("source", "The risk origin (source de risque)", true));
  kind.fields.push_back(choice_field("category", origin_categories(),
                                     "Category of the risk origin", "other"));
  kind.fields.push_back(text_field("objective", "The target objective (objectif visé)"));
  kind.fields.push_back(number_field("motivation", "Motivation of the risk origin", 1, 4));
  kind.fields.push_back(number_field("resources", "Resources of the risk origin", 1, 4));
  kind.fields.push_back(number_field("activity", "Activity of the risk origin", 1, 4));
  kind.fields.push_back(refs_field("feared_events", "feared_event", "feared-event",
                                   "Feared events it aims at"));
  Field pertinence = number_field(
      "pertinence", "Pertinence (default: from motivation and resources)", 1, 4);
  pertinence.derivable = true;
  kind.fields.push_back(pertinence);
  kind.fields.push_back(retained_field("couple"));
  kind.fields.push_back(
      text_field("justification", "Why it is retained or not, or why its pertinence was set"));
  kind.deriver = origin_deriver;
  return kind;
}

EntityKind make_strategic_kind() {
  EntityKind kind{"strategic", "strategic-scenarios", "SS", {}, {}, {}};
  kind.fields.push_back(text_field("title", "Short title of the strategic scenario"));
  kind.fields.push_back(text_field("description", "How the risk origin reaches its objective"));
  Field origin = ref_field("origin", "origin", "origin", "The SR/OV couple (retained)", true);
  origin.target_condition = "retained = 'yes'";
  origin.target_description = "a retained couple";
  kind.fields.push_back(origin);
  kind.fields.push_back(refs_field("feared_events", "feared_event", "feared-event",
                                   "Feared events it leads to"));
  Field gravity = step_field("gravity", Axis::impact,
                             "Gravity (default: the highest of its feared events)");
  gravity.derivable = true;
  kind.fields.push_back(gravity);
  kind.fields.push_back(text_field("justification", "Why its gravity was set by hand"));
  kind.deriver = strategic_deriver;
  return kind;
}

EntityKind make_path_kind() {
  EntityKind kind{"path", "paths", "CA", {}, {}, {}};
  kind.fields.push_back(ref_field("strategic", "strategic", "strategic",
                                  "The strategic scenario it belongs to", true));
  Field through = refs_field("stakeholders", "stakeholder", "stakeholder",
                             "Stakeholders it passes through, in order (none: a direct attack)");
  through.ordered = true;
  kind.fields.push_back(through);
  kind.fields.push_back(text_field("description", "The attack path, in words"));
  kind.fields.push_back(retained_field("path"));
  kind.fields.push_back(text_field("justification", "Why it is retained or not"));
  return kind;
}

EntityKind make_operational_kind() {
  EntityKind kind{"operational", "operational-scenarios", "OS", {}, {}, {}};
  kind.fields.push_back(ref_field("path", "path", "path", "The attack path it details", true));
  kind.fields.push_back(text_field("title", "Short title of the operational scenario"));
  kind.fields.push_back(text_field("description", "The operating mode, in words"));
  Field likelihood = step_field(
      "likelihood", Axis::likelihood,
      "Likelihood given directly (express method); default: derived from its steps");
  likelihood.derivable = true;
  kind.fields.push_back(likelihood);
  kind.fields.push_back(text_field("justification", "Why its likelihood was set by hand"));
  kind.deriver = operational_deriver;
  return kind;
}

EntityKind make_step_kind() {
  EntityKind kind{"step", "steps", "AE", {}, {}, {}};
  kind.fields.push_back(ref_field("operational", "operational", "operational",
                                  "The operational scenario it is a step of", true));
  Field phase = choice_field("phase", attack_phases(), "Phase of the attack");
  phase.required = true;
  kind.fields.push_back(phase);
  kind.fields.push_back(text_field("description", "The elementary action, in words"));
  kind.fields.push_back(
      refs_field("assets", "asset", "asset", "Supporting assets it uses or attacks"));
  kind.fields.push_back(refs_field("after", "step", "after",
                                   "Antecedent steps (none: a first step)"));
  kind.fields.push_back(choice_field(
      "join", joins(), "How its antecedents combine: all needed (and) or any one (or, the default)"));
  Field probability = number_field("probability", "Success probability", 1, 4);
  probability.required = true;
  kind.fields.push_back(probability);
  kind.fields.push_back(
      number_field("difficulty", "Technical difficulty (advanced method)", 0, 4));
  kind.check_links = check_step_links;
  return kind;
}

}  // namespace

const EntityKind& feared_event_kind() {
  static const EntityKind kind = make_feared_event_kind();
  return kind;
}
const EntityKind& origin_kind() {
  static const EntityKind kind = make_origin_kind();
  return kind;
}
const EntityKind& strategic_kind() {
  static const EntityKind kind = make_strategic_kind();
  return kind;
}
const EntityKind& path_kind() {
  static const EntityKind kind = make_path_kind();
  return kind;
}
const EntityKind& operational_kind() {
  static const EntityKind kind = make_operational_kind();
  return kind;
}
const EntityKind& step_kind() {
  static const EntityKind kind = make_step_kind();
  return kind;
}

}  // namespace riskmap
