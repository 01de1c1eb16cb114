#include <algorithm>
#include <memory>

#include "asset.hpp"
#include "records.hpp"

namespace riskmap::cli {

namespace {

struct AssetFilters {
  std::string kind, role, owner, exposure, tag;
};

}  // namespace

void add_asset_commands(CLI::App& app) {
  const EntityKind& kind = asset_kind();
  auto filters = std::make_shared<AssetFilters>();
  ListSpec spec;
  spec.table_columns = {
      "ref",       "name",         "kind",         "role",    "owner", "confidentiality",
      "integrity", "availability", "traceability", "exposure"};
  spec.add_filters = [filters](CLI::App* list) {
    list->add_option("--kind", filters->kind, "Only assets of this kind");
    list->add_option("--role", filters->role,
                     "Only primary (business values) or supporting assets");
    list->add_option("--owner", filters->owner, "Only assets of this owner");
    list->add_option("--exposure", filters->exposure, "Only assets with this exposure");
    list->add_option("--tag", filters->tag, "Only assets with this tag");
  };
  spec.filter = [filters, &kind](Run& run) {
    const auto choice = [&](std::string_view field, const std::string& text, const char* option) {
      return choice_filter(run, kind, field, text, option);
    };
    AssetFilters wanted{choice("kind", filters->kind, "--kind"),
                        choice("role", filters->role, "--role"), filters->owner,
                        choice("exposure", filters->exposure, "--exposure"), filters->tag};
    return [wanted, &kind](const Record& record) {
      return field_matches(kind, record, "kind", wanted.kind) &&
             field_matches(kind, record, "role", wanted.role) &&
             field_matches(kind, record, "owner", wanted.owner) &&
             field_matches(kind, record, "exposure", wanted.exposure) &&
             field_matches(kind, record, "tags", wanted.tag);
    };
  };
  add_record_commands(app, kind,
                      "Business values (primary assets) and the supporting assets they rely on",
                      std::move(spec));
}

}  // namespace riskmap::cli
