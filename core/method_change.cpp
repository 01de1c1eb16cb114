#include "method_change.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "kinds.hpp"
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
        throw ValueError(fmt::format("'{}' is on several scales: write {}", old_step,
                                     join(on, " or ")));
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

void check_ratings_fit(Database& db, const Method& method, const std::string& config_path) {
  for (const EntityKind* kind : all_kinds()) {
    std::vector<const Field*> steps;
    std::string columns;
    for (const Field& field : kind->fields) {
      if (field.type != FieldType::step) continue;
      steps.push_back(&field);
      columns += fmt::format("{}max({})", columns.empty() ? "" : ", ", field.name);
    }
    if (steps.empty()) continue;
    auto statement = db.prepare(fmt::format("SELECT {} FROM {}", columns, kind->name));
    if (!statement.step()) continue;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const int column = static_cast<int>(i);
      const Scale& on = scale(method, steps[i]->axis);
      if (statement.is_null(column) || statement.integer(column) <= on.size()) continue;
      throw ContentError(fmt::format(
          "{}: the {} scale has {} steps, but {} ratings go up to position {} ({}): put the "
          "missing steps "
          "back, or change the method with 'riskmap method apply FILE --remap OLD=NEW'",
          config_path, on.name, on.size(), kind->name, statement.integer(column), steps[i]->name));
    }
  }
}

MethodChange apply_method(Workspace& workspace, const Method& target,
                          const std::vector<Remap>& remaps) {
  Database& db = workspace.db();
  MethodChange change;
  std::vector<std::string> off_scale;
  std::size_t off_count = 0;
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
      const Scale& old_scale = scale(workspace.method(), field.axis);
      auto off = db.prepare(
          fmt::format("SELECT ref, {0} FROM {1} WHERE {0} > ? ORDER BY ref COLLATE natural_order",
                      field.name, kind->name));
      off.bind(1, scale(target, field.axis).size());
      while (off.step()) {
        const auto position = static_cast<int>(off.integer(1));
        if (++off_count <= 20)
          off_scale.push_back(fmt::format(
              "{} {}: {} at position {}{}", kind->name, off.text(0), field.name, position,
              // After a remap the old id may no longer describe the position.
              position <= old_scale.size() ? fmt::format(" ({})", old_scale.at(position).id)
                                           : std::string()));
      }
    }
  }
  if (off_count > 0) {
    std::string message = fmt::format(
        "the new method's scales are too short for {} stored rating{}; nothing was changed. Place "
        "them with --remap OLD=NEW:",
        off_count, off_count == 1 ? "" : "s");
    for (const auto& line : off_scale) message += "\n  " + line;
    if (off_count > off_scale.size())
      message += fmt::format("\n  ... and {} more", off_count - off_scale.size());
    throw Conflict(message);
  }
  std::sort(change.records.begin(), change.records.end(), NaturalLess{});
  change.records.erase(std::unique(change.records.begin(), change.records.end()),
                       change.records.end());
  workspace.write_method(target);
  return change;
}

}  // namespace riskmap
