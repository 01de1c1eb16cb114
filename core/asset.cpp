#include "asset.hpp"

#include "study.hpp"

#include <fmt/format.h>

#include "error.hpp"

namespace riskmap {

const Vocabulary& asset_kinds() {
  static const Vocabulary v{
      {"business-process", {"Processus métier", "Business process"}},
      {"information", {"Information", "Information"}},
      {"application", {"Application", "Application"}},
      {"server", {"Serveur", "Server"}},
      {"database", {"Base de données", "Database"}},
      {"network", {"Réseau", "Network"}},
      {"site", {"Site", "Site"}},
      {"people", {"Personnes", "People"}},
      {"supplier-service", {"Service fournisseur", "Supplier service"}},
      {"other", {"Autre", "Other"}},
  };
  return v;
}

const Vocabulary& asset_roles() {
  static const Vocabulary v{
      {"primary", {"Valeur métier", "Business value"}},
      {"supporting", {"Bien support", "Supporting asset"}},
  };
  return v;
}

const Vocabulary& exposures() {
  static const Vocabulary v{
      {"internet", {"Internet", "Internet"}},
      {"partner", {"Partenaires", "Partners"}},
      {"internal", {"Interne", "Internal"}},
      {"isolated", {"Isolé", "Isolated"}},
  };
  return v;
}

const Vocabulary& data_categories() {
  static const Vocabulary v{
      {"personal", {"Personnelles", "Personal"}},   {"health", {"Santé", "Health"}},
      {"financial", {"Financières", "Financial"}},  {"legal", {"Juridiques", "Legal"}},
      {"strategic", {"Stratégiques", "Strategic"}}, {"technical", {"Techniques", "Technical"}},
      {"public", {"Publiques", "Public"}},
  };
  return v;
}

const Vocabulary& security_criteria() {
  static const Vocabulary v{
      {"C", {"Confidentialité", "Confidentiality"}},
      {"I", {"Intégrité", "Integrity"}},
      {"A", {"Disponibilité", "Availability"}},
      {"T", {"Traçabilité", "Traceability"}},
  };
  return v;
}

namespace {

Field text(std::string name, std::string help, bool required = false) {
  Field f{std::move(name), FieldType::text};
  f.help = std::move(help);
  f.required = required;
  return f;
}

Field choice(std::string name, const Vocabulary& vocabulary, std::string help,
             std::string default_value = {}) {
  Field f{std::move(name), FieldType::choice};
  f.vocabulary = &vocabulary;
  f.help = std::move(help);
  f.default_value = std::move(default_value);
  return f;
}

// A security need: by default the highest gravity of the business value's
// retained feared events breaching that criterion.
Field need(std::string name, std::string help) {
  Field f{std::move(name), FieldType::step};
  f.axis = Axis::impact;
  f.help = std::move(help);
  f.derivable = true;
  return f;
}

Field duration(std::string name, std::string help) {
  Field f{std::move(name), FieldType::duration};
  f.help = std::move(help);
  return f;
}

EntityKind make_asset_kind() {
  EntityKind kind{"asset", "assets", "A", {}, {}, {}};
  kind.fields.push_back(text("name", "Name of the asset", true));
  kind.fields.push_back(choice("kind", asset_kinds(), "What the asset is", "other"));
  kind.fields.push_back(choice("role", asset_roles(),
                               "primary (business value) or supporting; by default primary for a "
                               "business process or information, supporting otherwise"));
  kind.fields.push_back(text("owner", "Who answers for the asset"));
  kind.fields.push_back(text("description", "What the asset is and does"));
  kind.fields.push_back(need("confidentiality", "Confidentiality need, on the impact scale"));
  kind.fields.push_back(need("integrity", "Integrity need, on the impact scale"));
  kind.fields.push_back(need("availability", "Availability need, on the impact scale"));
  kind.fields.push_back(need("traceability", "Traceability (proof) need, on the impact scale"));
  kind.fields.push_back(choice("exposure", exposures(), "Which networks can reach the asset"));
  Field data{"data", FieldType::choices};
  data.vocabulary = &data_categories();
  data.help = "Categories of data the asset holds or handles";
  kind.fields.push_back(data);
  kind.fields.push_back(duration("mtd", "Maximum tolerable downtime of a business value, e.g. 1d"));
  kind.fields.push_back(
      duration("mtdl", "Maximum tolerable data loss of a business value, e.g. 4h"));
  kind.fields.push_back(duration("rto", "Recovery time objective, e.g. 4h, 2d"));
  kind.fields.push_back(duration("rpo", "Recovery point objective (data loss), e.g. 1h"));
  kind.fields.push_back(text("bcp", "Reference in the business-continuity plan"));
  kind.fields.push_back(text("drp", "Reference in the IT disaster-recovery plan"));
  Field serves{"serves", FieldType::refs};
  serves.target = "asset";
  serves.target_condition = "role = 'primary'";
  serves.target_description = "a business value (a primary asset)";
  serves.help = "Business values (primary assets) this supporting asset serves";
  kind.fields.push_back(serves);
  Field tags{"tags", FieldType::words};
  tags.option = "tag";
  tags.help = "Free tags";
  kind.fields.push_back(tags);
  kind.deriver = asset_deriver;

  kind.complete = [](const EntityKind& self, Record& record) {
    // An import updating a record may empty the kind, which always has a value.
    if (is_unset(record.values[self.index("kind")]))
      throw ValueError(fmt::format(
          "asset {}: kind always has a value; give one (e.g. other) instead of an empty one",
          record.ref));
    auto& role = record.values[self.index("role")];
    if (std::holds_alternative<std::monostate>(role)) {
      const auto& k = std::get<std::string>(record.values[self.index("kind")]);
      role = std::string(k == "business-process" || k == "information" ? "primary" : "supporting");
    }
    if (std::get<std::string>(role) != "primary")
      for (const char* name : {"mtd", "mtdl"})
        if (!is_unset(record.values[self.index(name)]))
          throw ValueError(fmt::format(
              "asset {}: {} is for a business value (role primary); a supporting asset has rto "
              "and rpo",
              record.ref, name));
    const auto& serves_value = record.values[self.index("serves")];
    if (std::get<std::string>(role) == "primary" && !is_unset(serves_value))
      throw ValueError(
          fmt::format("asset {} is a business value (role primary): only supporting assets serve "
                      "business values",
                      record.ref));
  };
  return kind;
}

}  // namespace

const EntityKind& asset_kind() {
  static const EntityKind kind = make_asset_kind();
  return kind;
}

}  // namespace riskmap
