#include <algorithm>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "asset.hpp"
#include "records.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

struct StakeholderFilters {
  std::string category, owner, zone, asset;
};

Zone parse_zone(const std::string& text) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < zones().size(); ++i) {
    const Choice& zone = zones()[i];
    if (fold(text) == fold(zone.id) || fold(text) == fold(zone.label.fr) ||
        fold(text) == fold(zone.label.en))
      return static_cast<Zone>(i);
    ids.push_back(zone.id);
  }
  throw ValueError(fmt::format("'{}' is not a zone{}; allowed: {}", text, did_you_mean(text, ids),
                               quoted_list(ids)));
}

}  // namespace

void add_stakeholder_commands(CLI::App& app) {
  const EntityKind& kind = stakeholder_kind();
  auto filters = std::make_shared<StakeholderFilters>();
  ListSpec spec;
  spec.table_columns = {"ref",          "name",  "category", "dependency", "penetration",
                        "maturity",     "trust", "threat",   "zone",       "residual_threat",
                        "residual_zone"};
  spec.derived_columns = kind.derived;
  // The scenarios going through each stakeholder, read on the first row.
  auto through = std::make_shared<
      std::optional<std::map<std::string, std::vector<std::string>, std::less<>>>>();
  spec.derive = [through](Run& run, const Record& record, std::vector<Cell>& cells) {
    for (const Rated stage : {Rated::initial, Rated::residual}) {
      if (const auto threat = threat_level(record, stage)) {
        cells.emplace_back(Decimal{*threat});
        cells.emplace_back(
            zones()[static_cast<std::size_t>(zone_of(*threat, run.workspace().config().zones))].id);
      } else {
        cells.emplace_back();
        cells.emplace_back();
      }
    }
    if (!*through) *through = scenarios_through(run.workspace().db());
    const auto found = (*through)->find(record.ref);
    cells.emplace_back(found == (*through)->end() ? std::vector<std::string>{} : found->second);
  };
  spec.add_filters = [filters](CLI::App* list) {
    list->add_option("--category", filters->category, "Only stakeholders of this category");
    list->add_option("--owner", filters->owner, "Only stakeholders of this owner");
    list->add_option("--zone", filters->zone,
                     "Only stakeholders in this zone (initial rating): danger, control, watch or "
                     "outside");
    list->add_option("--asset", filters->asset, "Only stakeholders touching this asset");
  };
  spec.filter = [filters, &kind](Run& run) -> std::function<bool(const Record&)> {
    const StakeholderFilters wanted{
        choice_filter(run, kind, "category", filters->category, "--category"), filters->owner,
        filters->zone, filters->asset};
    if (!wanted.asset.empty()) {  // an unknown asset is a mistake, not an empty list
      RecordStore known(run.workspace(), asset_kind());
      if (!known.exists(wanted.asset)) throw known.unknown(wanted.asset);
    }
    std::optional<Zone> zone;
    if (!filters->zone.empty())
      zone = option_value("--zone", [&] { return parse_zone(filters->zone); });
    const ZoneThresholds thresholds = run.workspace().config().zones;
    return [wanted, zone, thresholds, &kind](const Record& record) {
      if (zone) {
        const auto threat = threat_level(record, Rated::initial);
        if (!threat || zone_of(*threat, thresholds) != *zone) return false;
      }
      return field_matches(kind, record, "category", wanted.category) &&
             field_matches(kind, record, "owner", wanted.owner) &&
             field_matches(kind, record, "assets", wanted.asset);
    };
  };
  spec.sort = [](Run&, std::vector<Record>& records) {
    // Most threatening first (initial rating), unrated last, then by ref.
    std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
      return threat_level(a, Rated::initial).value_or(-1) >
             threat_level(b, Rated::initial).value_or(-1);
    });
  };
  add_record_commands(app, kind,
                      "Stakeholders of the ecosystem, their threat level and zone (initial and "
                      "residual)",
                      std::move(spec));
}

}  // namespace riskmap::cli
