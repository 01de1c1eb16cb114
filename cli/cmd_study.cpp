// The records of an EBIOS RM study: feared events, SR/OV couples, strategic
// scenarios, attack paths, operational scenarios and their steps.
#include <algorithm>
#include <memory>

#include "ebios.hpp"
#include "records.hpp"

namespace riskmap::cli {

namespace {

// A list filter per field named: `--FIELD VALUE` keeps the records whose
// field is (or holds) the value, read as the field reads it.
void add_study_kind(CLI::App& app, const EntityKind& kind, const std::string& description,
                    std::vector<std::string> table_columns,
                    std::vector<std::pair<std::string, std::string>> filters) {
  ListSpec spec;
  spec.table_columns = std::move(table_columns);
  auto wanted = std::make_shared<std::vector<std::string>>(filters.size());
  auto shared = std::make_shared<std::vector<std::pair<std::string, std::string>>>(filters);
  spec.add_filters = [wanted, shared](CLI::App* list) {
    for (std::size_t i = 0; i < shared->size(); ++i) {
      std::string option = (*shared)[i].first;
      std::replace(option.begin(), option.end(), '_', '-');
      list->add_option("--" + option, (*wanted)[i], (*shared)[i].second);
    }
  };
  spec.filter = [wanted, shared, &kind](Run& run) -> std::function<bool(const Record&)> {
    std::vector<std::pair<std::string, std::string>> keep;
    for (std::size_t i = 0; i < shared->size(); ++i) {
      const std::string& field_name = (*shared)[i].first;
      const std::string& text = (*wanted)[i];
      if (text.empty()) continue;
      const Field& field = kind.fields[kind.index(field_name)];
      std::string value = text;
      if (field.type == FieldType::choice)
        value = choice_filter(run, kind, field_name, text, ("--" + field_name).c_str());
      keep.emplace_back(field_name, value);
    }
    return [keep, &kind](const Record& record) {
      for (const auto& [field, value] : keep)
        if (!field_matches(kind, record, field, value)) return false;
      return true;
    };
  };
  add_record_commands(app, kind, description, std::move(spec));
}

}  // namespace

void add_study_commands(CLI::App& app) {
  add_study_kind(app, feared_event_kind(),
                 "Feared events of the EBIOS RM study (workshop 1): a business value, the "
                 "criteria breached, the impacts and their gravity",
                 {"ref", "business_value", "criteria", "gravity", "retained", "description"},
                 {{"business_value", "Only feared events of this business value"},
                  {"retained", "Only retained (yes) or unretained (no) feared events"}});
  add_study_kind(app, origin_kind(),
                 "Risk origin / target objective couples, SR/OV (workshop 2), and their "
                 "pertinence",
                 {"ref", "source", "category", "motivation", "resources", "pertinence",
                  "retained", "objective"},
                 {{"category", "Only couples of this category of risk origin"},
                  {"retained", "Only retained (yes) or unretained (no) couples"}});
  add_study_kind(app, strategic_kind(),
                 "Strategic scenarios (workshop 3): a couple, the feared events it leads to, "
                 "its gravity",
                 {"ref", "title", "origin", "feared_events", "gravity"},
                 {{"origin", "Only strategic scenarios of this couple"}});
  add_study_kind(app, path_kind(),
                 "Attack paths of the strategic scenarios (workshop 3), through the "
                 "stakeholders of the ecosystem",
                 {"ref", "strategic", "stakeholders", "retained", "description"},
                 {{"strategic", "Only paths of this strategic scenario"},
                  {"retained", "Only retained (yes) or unretained (no) paths"}});
  add_study_kind(app, operational_kind(),
                 "Operational scenarios (workshop 4): an attack path in elementary actions, "
                 "and its likelihood",
                 {"ref", "path", "title", "likelihood"},
                 {{"path", "Only operational scenarios of this attack path"}});
  add_study_kind(app, step_kind(),
                 "Elementary actions of the operational scenarios (workshop 4): phase, "
                 "antecedents, success probability, difficulty",
                 {"ref", "operational", "phase", "after", "join", "probability", "difficulty",
                  "description"},
                 {{"operational", "Only steps of this operational scenario"},
                  {"phase", "Only steps of this phase: know, enter, find or exploit"}});
}

}  // namespace riskmap::cli
