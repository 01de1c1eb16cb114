#include "merge.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "files.hpp"
#include "kinds.hpp"
#include "output.hpp"
#include "problems.hpp"

namespace riskmap {

namespace fs = std::filesystem;

namespace {

void check_same_method(const Method& live, const Method& other, const std::string& where) {
  if (method_to_toml(live) == method_to_toml(other)) return;
  throw Error(fmt::format(
      "{}: its ratings are on the method {}, this workspace's on {}{}: merging them would mix "
      "two scales; apply one method to both ('riskmap method apply') first",
      where, other.name, live.name, other.name == live.name ? " (as edited here)" : ""));
}

bool is_empty(const Value& value) {
  if (is_unset(value)) return true;
  const auto* list = std::get_if<std::vector<std::string>>(&value);
  return list && list->empty();
}

bool same_value(const Value& a, const Value& b) {
  if (is_empty(a) || is_empty(b)) return is_empty(a) && is_empty(b);
  return a == b;
}

bool same_record(const EntityKind& kind, const Record& a, const Record& b) {
  for (std::size_t i = 0; i < kind.fields.size(); ++i)
    if (!same_value(a.values[i], b.values[i])) return false;
  return true;
}

bool same_records(const KindRecords& a, const KindRecords& b) {
  if (a.records.size() != b.records.size()) return false;
  for (const auto& [ref, record] : a.records) {
    const auto other = b.records.find(ref);
    if (other == b.records.end() || !same_record(*a.kind, record, other->second)) return false;
  }
  return true;
}

bool same_map(const MapRecords& a, const MapRecords& b) {
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!same_records(a[k], b[k])) return false;
  return true;
}

const Record* find_in(const KindRecords& kind, const std::string& ref) {
  const auto it = kind.records.find(ref);
  return it == kind.records.end() ? nullptr : &it->second;
}

// A field's value as the conflict list shows it.
std::string shown(const EntityKind& kind, const Record* record, std::size_t field,
                  const Method& method, Lang lang) {
  if (!record) return "(removed)";
  if (is_empty(record->values[field])) return "—";
  Record copy = *record;
  const auto cells = record_cells(kind, std::move(copy), method, lang);
  return fmt::format("\"{}\"", cell_text(cells[field + 1], ", "));
}

// The next ref free on both sides: PREFIX + (highest number + 1) for a ref
// of that shape, else REF-2, REF-3...
std::string fresh_ref(const EntityKind& kind, const std::string& ref,
                      const std::set<std::string>& taken) {
  const auto numbered = [&](const std::string& r) -> std::optional<std::uint64_t> {
    if (r.size() <= kind.prefix.size() || r.compare(0, kind.prefix.size(), kind.prefix) != 0)
      return std::nullopt;
    const std::string digits = r.substr(kind.prefix.size());
    if (digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    return std::stoull(digits);
  };
  if (numbered(ref)) {
    std::uint64_t highest = 0;
    for (const auto& r : taken)
      if (const auto n = numbered(r)) highest = std::max(highest, *n);
    return fmt::format("{}{}", kind.prefix, highest + 1);
  }
  for (int n = 2;; ++n) {
    std::string candidate = fmt::format("{}-{}", ref, n);
    if (!taken.contains(candidate)) return candidate;
  }
}

std::optional<Side> choice_for(MergeChoices& choices, const std::string& ref,
                               const std::string& field) {
  // The most precise preference wins: record and field, then record, then field.
  MergeChoices::Prefer* best = nullptr;
  int best_rank = 0;
  for (auto& prefer : choices.prefer) {
    const bool ref_ok = prefer.ref.empty() || prefer.ref == ref;
    const bool field_ok = prefer.field.empty() || prefer.field == field;
    if (!ref_ok || !field_ok) continue;
    const int rank = (prefer.ref.empty() ? 0 : 2) + (prefer.field.empty() ? 0 : 1);
    if (rank > best_rank) {
      best = &prefer;
      best_rank = rank;
    }
  }
  if (best) {
    best->used = true;
    return best->side;
  }
  return choices.all;
}

}  // namespace

bool MergeResult::unsettled() const {
  return std::any_of(conflicts.begin(), conflicts.end(),
                     [](const MergeConflict& c) { return !c.settled; });
}

MapSource read_map_source(Workspace& live, const std::string& where,
                          std::string_view option) {
  MapSource source;
  source.name = where;
  const fs::path path(where);
  std::error_code error;
  if (fs::is_directory(path, error)) {
    if (fs::is_regular_file(path / database_file_name, error)) {
      if (fs::equivalent(path, live.dir(), error))
        throw Error(fmt::format("{}: {} is this workspace; name another one", option, where));
      OpenOptions options;
      options.intent = Intent::read;
      source.workspace = Workspace::open(path, options);
      check_same_method(live.method(), source.workspace->method(), where);
      source.records = read_records(*source.workspace);
      source.soa = read_soa(source.workspace->db());
      source.snapshots = snapshot_folder(path);
      return source;
    }
    if (fs::is_regular_file(path / config_file_name, error)) {
      const fs::path config = path / config_file_name;
      check_same_method(live.method(), read_config(read_file(config), config.string()).method,
                        where);
      source.records = read_tree_records(path, live.method());
      Problems problems;
      source.soa = read_tree_soa(live.db(), path, problems);
      if (problems.count() > 0)
        throw ContentError(problems.text(fmt::format("{}: nothing merged", where)));
      return source;
    }
    throw Error(fmt::format(
        "{}: {} is not a workspace (no {}) nor a tree of export --tree (no {})", option, where,
        database_file_name, config_file_name));
  }
  if (fs::is_regular_file(path, error)) {
    source.snapshot = SnapshotView::of_file(live, path);
  } else if (where.find('/') == std::string::npos) {
    source.snapshot = std::make_unique<SnapshotView>(live, where);
  } else {
    throw Error(fmt::format("{}: {}: no such file or folder", option, where));
  }
  check_same_method(live.method(), source.snapshot->workspace().method(), where);
  source.records = read_records(source.snapshot->workspace());
  source.soa = read_soa(source.snapshot->workspace().db());
  return source;
}

MapSource find_shared_base(Workspace& live, const MapSource& other) {
  const auto none = [&](std::string_view why) {
    return Error(fmt::format(
        "--base auto: {}; name the map both sides started from with --base SNAPSHOT (a "
        "snapshot name or file, a workspace or a tree)",
        why));
  };
  if (!other.snapshots)
    throw none(fmt::format("{} is not a workspace, so it has no snapshots to share", other.name));
  std::vector<fs::path> theirs;
  std::error_code error;
  for (fs::directory_iterator it(*other.snapshots, error), end; !error && it != end;
       it.increment(error))
    if (it->path().extension() == ".db" && it->is_regular_file()) theirs.push_back(it->path());
  std::sort(theirs.begin(), theirs.end());
  std::vector<std::string> warnings;
  auto ours = list_snapshots(live, &warnings);
  std::vector<std::optional<MapRecords>> cache(theirs.size());
  for (auto it = ours.rbegin(); it != ours.rend(); ++it) {
    MapSource base = read_map_source(live, it->name, "--base");
    for (std::size_t i = 0; i < theirs.size(); ++i) {
      if (!cache[i]) {
        try {
          cache[i] = read_map_source(live, theirs[i].string(), "--base").records;
        } catch (const Error&) {
          cache[i] = MapRecords{};  // unreadable, or on another method: not shared
          continue;
        }
      }
      if (!cache[i]->empty() && same_map(base.records, *cache[i])) return base;
    }
  }
  throw none(fmt::format("no snapshot of this workspace holds the same map as one of {}'s",
                         other.name));
}

MergeChoices::Prefer parse_prefer(std::string_view text) {
  const auto equals = text.rfind('=');
  if (equals == std::string_view::npos)
    throw ValueError(fmt::format("'{}': SPEC=ours or SPEC=theirs is expected, SPEC being a "
                                 "field (owner), a ref (R7) or both (R7.owner)",
                                 text));
  MergeChoices::Prefer prefer;
  const std::string_view side = text.substr(equals + 1), spec = text.substr(0, equals);
  if (side == "ours")
    prefer.side = Side::ours;
  else if (side == "theirs")
    prefer.side = Side::theirs;
  else
    throw ValueError(fmt::format("'{}': the side is 'ours' or 'theirs', not '{}'", text, side));
  if (spec.empty()) throw ValueError(fmt::format("'{}': name a field, a ref or both", text));
  // A field name has no dot, a ref may have some (ISO27001:A.5.1).
  const auto is_field = [](std::string_view name) {
    if (name == "applicable" || name == "justification" || name == "maturity") return true;
    for (const EntityKind* kind : all_kinds())
      if (kind->find(name)) return true;
    return false;
  };
  if (is_field(spec)) {
    prefer.field = std::string(spec);
    return prefer;
  }
  if (const auto dot = spec.rfind('.');
      dot != std::string_view::npos && is_field(spec.substr(dot + 1))) {
    prefer.ref = std::string(spec.substr(0, dot));
    prefer.field = std::string(spec.substr(dot + 1));
    return prefer;
  }
  prefer.ref = std::string(spec);
  return prefer;
}

MergeResult merge_maps(Workspace& live, const MapSource& base_source, MapSource their_source,
                       MergeChoices& choices, Lang lang) {
  const Method& method = live.method();
  MergeResult result;
  const MapRecords& base = base_source.records;
  MapRecords& theirs = their_source.records;
  MapRecords ours = read_records(live);

  // Records created on both sides under one ref, with different content:
  // the incoming one takes a fresh ref, and the incoming records follow it.
  for (std::size_t k = 0; k < ours.size(); ++k) {
    const EntityKind& kind = *ours[k].kind;
    std::set<std::string> taken;
    for (const MapRecords* side : std::initializer_list<const MapRecords*>{&ours, &theirs, &base})
      for (const auto& [ref, record] : (*side)[k].records) taken.insert(ref);
    std::vector<std::pair<std::string, std::string>> renames;
    for (const auto& [ref, record] : theirs[k].records) {
      const Record* here = find_in(ours[k], ref);
      if (!here || find_in(base[k], ref) || same_record(kind, *here, record)) continue;
      std::string fresh = fresh_ref(kind, ref, taken);
      taken.insert(fresh);
      renames.emplace_back(ref, std::move(fresh));
    }
    for (const auto& [from, to] : renames) {
      auto node = theirs[k].records.extract(from);
      node.key() = to;
      node.mapped().ref = to;
      theirs[k].records.insert(std::move(node));
      MergeRename rename{kind.name, from, to, 0};
      for (KindRecords& other : theirs)
        for (auto& [ref, record] : other.records)
          for (std::size_t i = 0; i < other.kind->fields.size(); ++i) {
            const Field& field = other.kind->fields[i];
            if (field.type != FieldType::refs || field.qualified || field.target != kind.name)
              continue;
            auto* list = std::get_if<std::vector<std::string>>(&record.values[i]);
            if (!list) continue;
            for (auto& item : *list)
              if (item == from) {
                item = to;
                ++rename.references;
              }
          }
      result.renames.push_back(std::move(rename));
    }
  }

  // Three ways, record by record, field by field.
  MapRecords merged = ours;
  for (std::size_t k = 0; k < ours.size(); ++k) {
    const EntityKind& kind = *ours[k].kind;
    std::set<std::string, NaturalRefLess> refs;
    for (const MapRecords* side : std::initializer_list<const MapRecords*>{&ours, &theirs, &base})
      for (const auto& [ref, record] : (*side)[k].records) refs.insert(ref);
    for (const auto& ref : refs) {
      const Record* b = find_in(base[k], ref);
      const Record* o = find_in(ours[k], ref);
      const Record* t = find_in(theirs[k], ref);
      const auto same = [&](const Record* x, const Record* y) {
        return (!x && !y) || (x && y && same_record(kind, *x, *y));
      };
      if (same(o, t) || same(b, t)) continue;  // nothing new from there
      if (same(b, o)) {  // changed there only: taken
        ++result.taken;
        if (t)
          merged[k].records.insert_or_assign(ref, *t);
        else
          merged[k].records.erase(ref);
        continue;
      }
      if (!o || !t) {  // removed on one side, changed on the other
        MergeConflict conflict{kind.name, ref, "", o ? "(changed)" : "(removed)",
                               t ? "(changed)" : "(removed)", "", choice_for(choices, ref, "")};
        if (conflict.settled == Side::theirs) {
          ++result.taken;
          if (t)
            merged[k].records.insert_or_assign(ref, *t);
          else
            merged[k].records.erase(ref);
        }
        result.conflicts.push_back(std::move(conflict));
        continue;
      }
      // Changed on both sides (b is there: same-ref creations were renamed).
      Record record = *o;
      for (std::size_t i = 0; i < kind.fields.size(); ++i) {
        const Field& field = kind.fields[i];
        const Value& bv = b->values[i];
        const Value& ov = o->values[i];
        const Value& tv = t->values[i];
        if (same_value(ov, tv) || same_value(bv, tv)) continue;
        if (same_value(bv, ov)) {
          record.values[i] = tv;
          ++result.taken;
          continue;
        }
        if (field.is_list() && !field.ordered && !field.single) {
          // Item by item: what there added comes in, what there removed goes.
          const auto& before = list_of(bv);
          const auto& there = list_of(tv);
          std::vector<std::string> items;
          for (const auto& item : list_of(ov))
            if (std::find(there.begin(), there.end(), item) != there.end() ||
                std::find(before.begin(), before.end(), item) == before.end())
              items.push_back(item);
          for (const auto& item : there)
            if (std::find(before.begin(), before.end(), item) == before.end() &&
                std::find(items.begin(), items.end(), item) == items.end())
              items.push_back(item);
          record.values[i] = std::move(items);
          ++result.taken;
          continue;
        }
        MergeConflict conflict{kind.name,
                               ref,
                               field.name,
                               shown(kind, o, i, method, lang),
                               shown(kind, t, i, method, lang),
                               shown(kind, b, i, method, lang),
                               choice_for(choices, ref, field.name)};
        if (conflict.settled == Side::theirs) {
          record.values[i] = tv;
          ++result.taken;
        }
        result.conflicts.push_back(std::move(conflict));
      }
      merged[k].records.insert_or_assign(ref, std::move(record));
    }
  }
  // The statements of applicability: a requirement's decision, field by field.
  const SoaDecisions our_soa = read_soa(live.db());
  SoaDecisions merged_soa = our_soa;
  {
    std::set<std::string, NaturalRefLess> refs;
    for (const SoaDecisions* side :
         std::initializer_list<const SoaDecisions*>{&our_soa, &their_source.soa, &base_source.soa})
      for (const auto& [ref, d] : *side) refs.insert(ref);
    const auto find = [](const SoaDecisions& in, const std::string& ref) -> const Decision* {
      const auto it = in.find(ref);
      return it == in.end() ? nullptr : &it->second;
    };
    const auto same = [](const Decision* x, const Decision* y) {
      return (!x && !y) || (x && y && *x == *y);
    };
    const auto shown_field = [](const Decision* d, int field) -> std::string {
      if (!d) return "(removed)";
      if (field == 0) return d->applicable ? "\"applicable\"" : "\"excluded\"";
      if (field == 1) return d->justification.empty() ? "—" : "\"" + d->justification + "\"";
      return d->maturity ? fmt::format("\"{}\"", *d->maturity) : "—";
    };
    static const char* const names[] = {"applicable", "justification", "maturity"};
    for (const auto& ref : refs) {
      const Decision* b = find(base_source.soa, ref);
      const Decision* o = find(our_soa, ref);
      const Decision* t = find(their_source.soa, ref);
      if (same(o, t) || same(b, t)) continue;
      if (same(b, o) || (!o && !t)) {
        ++result.taken;
        if (t)
          merged_soa.insert_or_assign(ref, *t);
        else
          merged_soa.erase(ref);
        continue;
      }
      if (!o || !t || !b) {  // removed on one side, changed (or made) on the other
        MergeConflict conflict{"soa", ref, "", o ? "(changed)" : "(removed)",
                               t ? "(changed)" : "(removed)", "", choice_for(choices, ref, "")};
        if (!b) {
          conflict.ours = shown_field(o, 0);
          conflict.theirs = shown_field(t, 0);
          conflict.field = "applicable";
          conflict.base = "—";
          conflict.settled = choice_for(choices, ref, "applicable");
        }
        if (conflict.settled == Side::theirs) {
          ++result.taken;
          if (t)
            merged_soa.insert_or_assign(ref, *t);
          else
            merged_soa.erase(ref);
        }
        result.conflicts.push_back(std::move(conflict));
        continue;
      }
      Decision d = *o;
      const auto take = [&](int field) {
        if (field == 0) d.applicable = t->applicable;
        if (field == 1) d.justification = t->justification;
        if (field == 2) d.maturity = t->maturity;
      };
      const auto differs = [](const Decision& x, const Decision& y, int field) {
        if (field == 0) return x.applicable != y.applicable;
        if (field == 1) return x.justification != y.justification;
        return x.maturity != y.maturity;
      };
      for (int field = 0; field < 3; ++field) {
        if (!differs(*o, *t, field) || !differs(*b, *t, field)) continue;
        if (!differs(*b, *o, field)) {
          take(field);
          ++result.taken;
          continue;
        }
        MergeConflict conflict{"soa",
                               ref,
                               names[field],
                               shown_field(o, field),
                               shown_field(t, field),
                               shown_field(b, field),
                               choice_for(choices, ref, names[field])};
        if (conflict.settled == Side::theirs) {
          take(field);
          ++result.taken;
        }
        result.conflicts.push_back(std::move(conflict));
      }
      merged_soa.insert_or_assign(ref, std::move(d));
    }
  }
  if (result.unsettled()) return result;

  Problems problems;
  for (const auto& [ref, d] : merged_soa) {
    if (!d.applicable && d.justification.empty())
      problems.add(fmt::format("soa {}: the merged decision excludes it without a justification",
                               ref));
    if (!d.applicable && d.maturity)
      problems.add(fmt::format("soa {}: the merged decision excludes it but keeps a maturity", ref));
  }
  result.changes = write_records(live, std::move(merged), problems);
  if (problems.count() == 0) {
    auto soa_changes = write_soa(live.db(), merged_soa);
    result.changes.insert(result.changes.end(), soa_changes.begin(), soa_changes.end());
  }
  if (problems.count() > 0) throw ContentError(problems.text("the merged map: nothing merged"));
  return result;
}

}  // namespace riskmap
