#include "mapping_scales.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "text.hpp"

namespace riskmap {

bool has_label_scales(const Mapping& mapping) {
  return std::any_of(mapping.scales.begin(), mapping.scales.end(),
                     [](const auto& entry) { return !entry.second.labels.empty(); });
}

namespace {

// Our scale a [scale] table reads onto: its field's, or the scale it names.
const Scale& our_scale(const EntityKind& kind, const std::string& table, const Method& method) {
  if (const Field* field = kind.find(table)) return scale_of(*field, method);
  return scale_of(*scale_table_axis(table), method);
}

// The position of the step of `ours` whose French or English label is
// `label` (case, accents and spacing aside), or 0.
int our_label(const Scale& ours, const std::string& label) {
  const std::string key = match_key(label);
  for (int i = 1; i <= ours.size(); ++i)
    if (match_key(ours.at(i).label.fr) == key || match_key(ours.at(i).label.en) == key) return i;
  return 0;
}

// The label scale holding the most cells, the shortest among equals, the
// first listed among those; nullptr when none holds any.
const std::vector<std::string>* file_scale(const ClientScale& scale,
                                           const std::set<std::string>& cells) {
  const std::vector<std::string>* chosen = nullptr;
  std::size_t most = 0;
  for (const auto& labels : scale.labels) {
    std::set<std::string> keys;
    for (const auto& label : labels) keys.insert(match_key(label));
    const auto held = static_cast<std::size_t>(
        std::count_if(cells.begin(), cells.end(),
                      [&](const std::string& cell) { return keys.count(match_key(cell)) > 0; }));
    if (held > most || (held == most && held > 0 && labels.size() < chosen->size())) {
      chosen = &labels;
      most = held;
    }
  }
  return chosen;
}

}  // namespace

std::vector<std::string> settle_label_scales(Mapping& mapping, const ScaleCells& cells,
                                             const Method& method) {
  std::vector<std::string> notes;
  for (auto& [name, scale] : mapping.scales) {
    scale.settled.clear();
    scale.chosen.clear();
    scale.unsettled.clear();
    const auto met = cells.find(name);
    if (scale.labels.empty() || met == cells.end() || met->second.empty()) continue;
    const std::vector<std::string>* labels = file_scale(scale, met->second);
    if (!labels) {
      scale.unsettled.assign(met->second.begin(), met->second.end());
      continue;
    }
    scale.chosen = *labels;
    const Scale& ours = our_scale(*mapping.kind, name, method);
    const int size = static_cast<int>(labels->size());
    std::vector<int> positions;
    bool by_order = false;
    for (int i = 1; i <= size; ++i) {
      const int own = our_label(ours, (*labels)[static_cast<std::size_t>(i - 1)]);
      by_order = by_order || own == 0;
      positions.push_back(own ? own : rescale(i, size, ours.size()));
    }
    if (!std::is_sorted(positions.begin(), positions.end())) {
      for (int i = 1; i <= size; ++i)
        positions[static_cast<std::size_t>(i - 1)] = rescale(i, size, ours.size());
      by_order = true;
    }
    // A label that a [values] table of the same name maps (--map-values
    // included) is read as it says, whatever its order.
    const auto values = mapping.values.find(name);
    const LabelMap* mapped = values == mapping.values.end() ? nullptr : &values->second;
    std::vector<std::string> correspondence;
    for (std::size_t i = 0; i < labels->size(); ++i) {
      const std::string& label = (*labels)[i];
      scale.settled.emplace(match_key(label), positions[i]);
      const auto entry = mapped ? mapped->by_key.find(match_key(label))
                                : std::unordered_map<std::string, std::size_t>::const_iterator();
      if (!mapped || entry == mapped->by_key.end()) {
        correspondence.push_back(fmt::format("{} = {}", label, ours.at(positions[i]).id));
        continue;
      }
      const LabelMap::Entry& given = mapped->entries[entry->second];
      correspondence.push_back(fmt::format("{} = {} ({})", label,
                                           given.target.empty() ? "no value" : given.target,
                                           given.given ? "--map-values"
                                                       : fmt::format("[values.{}]", name)));
    }
    if (by_order)
      notes.push_back(fmt::format(
          "{}: the file's labels are on the scale {} of [scale.{}] ({}:{}); those that are not "
          "labels of our {} scale are read by their order on it: {}; --map-values {}:LABEL=ID "
          "reads a label otherwise",
          name, join(*labels, " < "), name, mapping.source, scale.line, ours.name,
          join(correspondence, ", "), name));
  }
  return notes;
}

}  // namespace riskmap
