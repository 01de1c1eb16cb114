#include "method_store.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <map>

#include <fmt/format.h>

#include "kinds.hpp"

namespace riskmap {

namespace {

const char* axis_name(Axis axis) {
  switch (axis) {
    case Axis::likelihood:
      return "likelihood";
    case Axis::impact:
      return "impact";
    case Axis::level:
      break;
  }
  return "level";
}

// The step fields of each kind, by scale: one pair of bounds columns each,
// "<kind>_<axis>_low" and "<kind>_<axis>_high".
struct BoundsGroup {
  const EntityKind* kind;
  Axis axis;
  std::vector<const Field*> fields;
  std::string column(const char* end) const {
    return fmt::format("{}_{}_{}", kind->name, axis_name(axis), end);
  }
};

std::vector<BoundsGroup> bounds_groups() {
  std::vector<BoundsGroup> groups;
  for (const EntityKind* kind : all_kinds()) {
    std::map<int, BoundsGroup> by_axis;
    for (const Field& field : kind->fields) {
      if (field.type != FieldType::step) continue;
      auto& group =
          by_axis.try_emplace(static_cast<int>(field.axis), BoundsGroup{kind, field.axis, {}})
              .first->second;
      group.fields.push_back(&field);
    }
    for (auto& [axis, group] : by_axis) groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace

std::string method_hash(std::string_view method_toml) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a, 64 bits
  for (const char c : method_toml) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

std::optional<StoredMethod> read_stored_method(Database& db) {
  auto statement = db.prepare(
      "SELECT (SELECT value FROM setting WHERE key = 'method'), "
      "(SELECT value FROM setting WHERE key = 'method_replaced'), "
      "(SELECT value FROM setting WHERE key = 'method_replaced_file')");
  if (!statement.step() || statement.is_null(0)) return std::nullopt;
  return StoredMethod{std::string(statement.text(0)), std::string(statement.text(1)),
                      std::string(statement.text(2))};
}

void store_method(Database& db, const Method& method, std::string_view replaced_toml,
                  std::string_view replaced_file) {
  auto statement = db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)");
  statement.bind(1, "method").bind(2, method_to_toml(method)).run();
  statement.bind(1, "method_replaced")
      .bind(2, replaced_toml.empty() ? std::string() : method_hash(replaced_toml))
      .run();
  statement.bind(1, "method_replaced_file").bind(2, replaced_file).run();
}

std::string file_stamp(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return {};
  return fmt::format("{}:{}:{}.{:09}", info.st_ino, info.st_size, info.st_mtim.tv_sec,
                     info.st_mtim.tv_nsec);
}

bool bounds_fit(Database& db, const Method& method) {
  const auto groups = bounds_groups();
  std::string columns;
  for (const auto& group : groups)
    columns += fmt::format("{}{}, {}", columns.empty() ? "" : ", ", group.column("low"),
                           group.column("high"));
  auto row = db.prepare(fmt::format("SELECT {} FROM rating_bounds WHERE id = 1", columns));
  if (!row.step()) return false;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const int low = static_cast<int>(2 * i), high = low + 1;
    // Text or a fraction written by another program makes a bound that is
    // not a whole number: that cannot be said to fit.
    if (!row.is_integer(low) || !row.is_integer(high)) return false;
    if (row.integer(low) < 1 || row.integer(high) > scale_of(groups[i].axis, method).size())
      return false;
  }
  return true;
}

OffScale ratings_off_scale(Database& db, const Method& method, const Method* described_by,
                           std::size_t limit) {
  OffScale off;
  for (const EntityKind* kind : all_kinds()) {
    std::vector<const Field*> steps;
    std::string columns, condition;
    for (const Field& field : kind->fields) {
      if (field.type != FieldType::step) continue;
      steps.push_back(&field);
      columns += fmt::format(", \"{}\"", field.name);
      condition += fmt::format(
          "{0}(\"{1}\" IS NOT NULL AND (typeof(\"{1}\") <> 'integer' OR \"{1}\" < 1 OR \"{1}\" > "
          "{2}))",
          condition.empty() ? "" : " OR ", field.name, scale_of(field, method).size());
    }
    if (steps.empty()) continue;
    auto rows =
        db.prepare(fmt::format("SELECT ref{} FROM {} WHERE {} ORDER BY ref COLLATE natural_order",
                               columns, kind->name, condition));
    while (rows.step()) {
      for (std::size_t i = 0; i < steps.size(); ++i) {
        const int column = static_cast<int>(i) + 1;
        if (rows.is_null(column)) continue;
        const Scale& scale = scale_of(*steps[i], method);
        const bool whole = rows.is_integer(column);
        const std::int64_t position = whole ? rows.integer(column) : 0;
        if (whole && position >= 1 && position <= scale.size()) continue;
        if (whole) off.positions.emplace(steps[i]->axis, position);
        if (++off.count > limit) continue;
        const Scale* named = described_by ? &scale_of(*steps[i], *described_by) : nullptr;
        std::string id;
        if (named && whole && position >= 1 && position <= named->size())
          id = fmt::format(" ({})", named->at(static_cast<int>(position)).id);
        off.lines.push_back(whole ? fmt::format("{} {}: {} at position {}{}", kind->name,
                                                rows.text(0), steps[i]->name, position, id)
                                  : fmt::format("{} {}: {} is '{}', not a position", kind->name,
                                                rows.text(0), steps[i]->name, rows.text(column)));
      }
    }
  }
  return off;
}

std::string suggested_remaps(const OffScale& off, const Method& from, const Method& to) {
  std::string out;
  for (const auto& [axis, position] : off.positions) {
    const Scale& old_scale = scale_of(axis, from);
    const Scale& new_scale = scale_of(axis, to);
    if (position < 1 || position > old_scale.size() || new_scale.size() == 0) return {};
    out += fmt::format("{}--remap {}:{}={}", out.empty() ? "" : " ", axis_name(axis),
                       old_scale.at(static_cast<int>(position)).id,
                       new_scale.at(new_scale.size()).id);
  }
  return out;
}

void recompute_rating_bounds(Database& db) {
  // One scan per kind gives each field's lowest and highest rating; min()
  // and max() of several values give NULL when one of them is NULL, so each
  // bound is taken over the fields that have one.
  const auto extreme = [](const char* function, const std::vector<std::string>& values,
                          const char* empty) {
    if (values.size() == 1) return fmt::format("coalesce({}, {})", values[0], empty);
    std::string picks;
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string pick = "coalesce(" + values[i];
      for (std::size_t j = 0; j < values.size(); ++j)
        if (j != i) pick += ", " + values[j];
      picks += (i ? ", " : "") + pick + ")";
    }
    return fmt::format("coalesce({}({}), {})", function, picks, empty);
  };
  std::string assignments, sources;
  std::map<std::string, std::string> scans;  // kind -> its select list
  for (const auto& group : bounds_groups()) {
    std::vector<std::string> lows, highs;
    std::string& scan = scans[group.kind->name];
    for (const Field* field : group.fields) {
      // "seen_": not to be taken for a bounds column ("operational_likelihood").
      const std::string name = fmt::format("seen_{}_{}", group.kind->name, field->name);
      scan += fmt::format("{}min(\"{}\") AS {}_low, max(\"{}\") AS {}_high",
                          scan.empty() ? "" : ", ", field->name, name, field->name, name);
      lows.push_back(name + "_low");
      highs.push_back(name + "_high");
    }
    assignments +=
        fmt::format("{}{} = {}, {} = {}", assignments.empty() ? "" : ", ", group.column("low"),
                    extreme("min", lows, "1"), group.column("high"), extreme("max", highs, "0"));
  }
  for (const auto& [kind, scan] : scans)
    sources += fmt::format("{}(SELECT {} FROM {})", sources.empty() ? "" : ", ", scan, kind);
  db.exec(fmt::format("UPDATE rating_bounds SET {} FROM {} WHERE id = 1", assignments, sources));
}

struct BulkRatings::Group {
  BoundsGroup bounds;
  std::vector<std::size_t> fields;  // indexes in the kind
  std::int64_t low = 1, high = 0;   // of what was written: none yet
};

BulkRatings::BulkRatings(Database& db) : db_(db) {
  for (auto& bounds : bounds_groups()) {
    Group group{std::move(bounds), {}};
    for (const Field* field : group.bounds.fields)
      group.fields.push_back(static_cast<std::size_t>(field - group.bounds.kind->fields.data()));
    groups_.push_back(std::move(group));
  }
  // Every trigger on rating_bounds, as the database has it.
  auto triggers = db_.prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%rating_bounds%' "
      "ORDER BY name");
  std::vector<std::string> names;
  while (triggers.step()) {
    names.emplace_back(triggers.text(0));
    triggers_.emplace_back(triggers.text(1));
  }
  for (const auto& name : names) db_.exec(fmt::format("DROP TRIGGER \"{}\"", name));
}

BulkRatings::~BulkRatings() = default;

void BulkRatings::add(const EntityKind& kind, const Record& record) {
  for (Group& group : groups_) {
    if (group.bounds.kind != &kind) continue;
    for (const std::size_t index : group.fields) {
      const auto* position = std::get_if<std::int64_t>(&record.values[index]);
      if (!position) continue;
      if (group.low > group.high) {
        group.low = group.high = *position;
      } else {
        group.low = std::min(group.low, *position);
        group.high = std::max(group.high, *position);
      }
    }
  }
}

void BulkRatings::finish() {
  if (finished_) return;
  for (const Group& group : groups_) {
    if (group.low > group.high) continue;  // nothing written
    db_.exec(fmt::format(
        "UPDATE rating_bounds SET {0} = min({0}, {1}), {2} = max({2}, {3}) "
        "WHERE id = 1",
        group.bounds.column("low"), group.low, group.bounds.column("high"), group.high));
  }
  for (const auto& sql : triggers_) db_.exec(sql);
  finished_ = true;
}

}  // namespace riskmap
