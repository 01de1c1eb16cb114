#include "method_change.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "kinds.hpp"
#include "method_store.hpp"
#include "text.hpp"

namespace riskmap {

namespace {
const Scale& scale(const Method& method, Axis axis) {
  return scale_of(axis, method);
}
}  // namespace

std::vector<Remap> parse_remaps(const Method& from, const Method& to,
                                const std::vector<std::string>& specs) {
  std::vector<Remap> remaps;
  for (const auto& spec : specs) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos)
      throw ValueError(fmt::format("'{}' is not a remap: write OLD=NEW, e.g. L5=V4", spec));
    std::string old_step{trim(std::string_view(spec).substr(0, equals))};
    const std::string new_step{trim(std::string_view(spec).substr(equals + 1))};
    constexpr std::pair<const char*, Axis> prefixes[] = {
        {"likelihood:", Axis::likelihood}, {"impact:", Axis::impact}, {"level:", Axis::level}};
    std::optional<Axis> axis;
    for (const auto& [prefix, a] : prefixes)
      if (old_step.starts_with(prefix))
        axis = a, old_step = old_step.substr(std::string_view(prefix).size());
    if (!axis) {
      std::vector<std::string> on;
      for (const auto& [prefix, a] : prefixes)
        if (scale(from, a).find_id(old_step)) {
          if (!axis) axis = a;
          on.push_back(fmt::format("{}{}={}", prefix, old_step, new_step));
        }
      if (on.size() > 1)
        throw ValueError(
            fmt::format("'{}' is on several scales: write {}", old_step, join(on, " or ")));
      if (on.empty()) {
        std::vector<std::string> ids;
        for (const auto& [prefix, a] : prefixes)
          for (const auto& step : scale(from, a).steps) ids.push_back(step.id);
        throw ValueError(fmt::format("'{}' is not a step of the current method{}; allowed: {}",
                                     old_step, did_you_mean(old_step, ids), quoted_list(ids)));
      }
    }
    const int old_position = scale(from, *axis).find_id(old_step);
    if (!old_position)
      throw ValueError(
          fmt::format("'{}' is not on the current {} scale", old_step, scale(from, *axis).name));
    remaps.push_back(Remap{*axis, old_position, scale(to, *axis).parse(new_step)});
  }
  return remaps;
}

MethodChange apply_method(Workspace& workspace, const Method& target,
                          const std::vector<Remap>& remaps) {
  Database& db = workspace.db();
  MethodChange change;
  for (const EntityKind* kind : all_kinds()) {
    for (const Field& field : kind->fields) {
      if (field.type != FieldType::step) continue;
      std::string cases, olds;
      for (const Remap& remap : remaps) {
        if (remap.axis != field.axis) continue;
        cases += fmt::format(" WHEN {} THEN {}", remap.from, remap.to);
        olds += fmt::format("{}{}", olds.empty() ? "" : ", ", remap.from);
      }
      if (!cases.empty()) {
        auto touched = db.prepare(
            fmt::format("SELECT ref FROM {} WHERE {} IN ({})", kind->name, field.name, olds));
        while (touched.step()) {
          change.records.push_back(fmt::format("{}", touched.text(0)));
          ++change.remapped;
        }
        db.exec(fmt::format("UPDATE {0} SET {1} = CASE {1}{2} ELSE {1} END WHERE {1} IN ({3})",
                            kind->name, field.name, cases, olds));
      }
    }
  }
  // The bounds say in constant time that every rating fits; when they do
  // not (they only widen, a remap above among the causes), a scan says.
  const bool fits = bounds_fit(db, target);
  const OffScale off = fits ? OffScale{} : ratings_off_scale(db, target, &workspace.method());
  if (off.count > 0) {
    std::string message = fmt::format(
        "the new method's scales are too short for {} stored rating{}; nothing was changed. Place "
        "them with --remap OLD=NEW:",
        off.count, off.count == 1 ? "" : "s");
    for (const auto& line : off.lines) message += "\n  " + line;
    if (off.count > off.lines.size())
      message += fmt::format("\n  ... and {} more", off.count - off.lines.size());
    // Only positions no remap has moved can be named on the old method.
    if (remaps.empty())
      if (const auto suggestion = suggested_remaps(off, workspace.method(), target);
          !suggestion.empty())
        message += "\nfor instance, each on the last step of its new scale: " + suggestion;
    throw Conflict(message);
  }
  if (!fits) recompute_rating_bounds(db);
  std::sort(change.records.begin(), change.records.end(), NaturalLess{});
  change.records.erase(std::unique(change.records.begin(), change.records.end()),
                       change.records.end());
  workspace.set_method(target);
  return change;
}

}  // namespace riskmap
