#include "tree.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "error.hpp"
#include "files.hpp"
#include "framework.hpp"
#include "kinds.hpp"
#include "problems.hpp"
#include "record_toml.hpp"
#include "store.hpp"
#include "text.hpp"
#include "toml_check.hpp"

namespace riskmap {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view soa_folder = "soa";

// The file of a folder a tree holds, by name ("R1.toml"), with its content.
using Files = std::map<std::string, std::string, NaturalRefLess>;

std::string record_header(const EntityKind& kind, const std::string& ref) {
  return fmt::format(
      "{} {}: written by riskmap export --tree, read back by riskmap apply.\n"
      "A field commented out is unset; derived values are not written.",
      kind.name, ref);
}

// A TOML basic string, on one line.
std::string toml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (byte < 0x20 || byte == 0x7f)
      out += fmt::format("\\u{:04X}", byte);
    else
      out += c;
  }
  return out + "\"";
}


// The SoA decisions of the workspace, by framework, then requirement id in
// catalogue order (with their refs).
struct FrameworkDecisions {
  std::vector<std::pair<std::string, Decision>> by_id;  // catalogue order
  std::map<std::string, std::string> ref_of;            // id -> FRAMEWORK:ID
};
std::map<std::string, FrameworkDecisions> read_decisions(Database& db) {
  std::map<std::string, FrameworkDecisions> out;
  auto rows = db.prepare(
      "SELECT r.framework, r.id, r.ref, s.applicable, s.justification, s.maturity FROM soa s "
      "JOIN requirement r ON r.ref = s.requirement ORDER BY r.framework, r.position");
  while (rows.step()) {
    Decision d;
    d.applicable = rows.integer(3) != 0;
    if (!rows.is_null(4)) d.justification = std::string(rows.text(4));
    if (!rows.is_null(5)) d.maturity = rows.integer(5);
    auto& framework = out[std::string(rows.text(0))];
    framework.by_id.emplace_back(std::string(rows.text(1)), std::move(d));
    framework.ref_of.emplace(std::string(rows.text(1)), std::string(rows.text(2)));
  }
  return out;
}

std::string soa_text(const std::string& framework, const FrameworkDecisions& decisions) {
  std::string out = fmt::format(
      "# Statement of applicability of {}: one table per requirement decided,\n"
      "# written by riskmap export --tree, read back by riskmap apply.\n",
      framework);
  for (const auto& [id, d] : decisions.by_id) {
    out += fmt::format("\n[{}]\n\napplicable = {}\n", toml_quoted(id), d.applicable ? "true" : "false");
    if (!d.justification.empty()) out += fmt::format("\njustification = {}\n", toml_quoted(d.justification));
    if (d.maturity) out += fmt::format("\nmaturity = {}\n", *d.maturity);
  }
  return out;
}

// Writes `files` into `folder`: the changed ones staged and moved into
// place together, the *.toml files not among them removed (unless
// `keep_others`: the tree's root folder holds other files too).
void write_folder(const fs::path& folder, const Files& files, TreeWriteCount& count,
                  bool keep_others = false) {
  std::error_code error;
  if (files.empty() && !fs::exists(folder, error)) return;
  fs::create_directories(folder, error);
  if (!fs::is_directory(folder))
    throw Error(fmt::format("{}: cannot create the folder: {}", folder.string(),
                            error ? error.message() : "not a folder"));
  std::vector<std::string> stale;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!keep_others && it->path().extension() == ".toml" && !files.contains(name) &&
        it->is_regular_file())
      stale.push_back(name);
  }
  std::optional<Staging> staging;
  for (const auto& [name, text] : files) {
    const fs::path target = folder / name;
    if (fs::is_regular_file(target, error) && read_file(target) == text) {
      ++count.unchanged;
      continue;
    }
    if (!staging) staging.emplace(folder);
    staging->put(name, text);
    ++count.written;
  }
  if (staging) staging->commit();
  for (const auto& name : stale) {
    if (!fs::remove(folder / name, error) && error)
      throw Error(fmt::format("{}: cannot remove: {}", (folder / name).string(), error.message()));
    ++count.removed;
  }
}

// The *.toml files of a folder, by name; none when it does not exist.
Files read_folder(const fs::path& folder) {
  Files files;
  std::error_code error;
  if (!fs::is_directory(folder, error)) return files;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
    if (it->path().extension() == ".toml" && it->is_regular_file())
      files.emplace(it->path().filename().string(), read_file(it->path()));
  if (error) throw Error(fmt::format("{}: cannot read: {}", folder.string(), error.message()));
  return files;
}

std::vector<std::string> changed_fields(const EntityKind& kind, const Record& a, const Record& b) {
  std::vector<std::string> fields;
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const bool a_set = !a.is_derived(i) && !is_unset(a.values[i]),
               b_set = !b.is_derived(i) && !is_unset(b.values[i]);
    if (a_set != b_set || (a_set && a.values[i] != b.values[i]))
      fields.push_back(kind.fields[i].name);
  }
  return fields;
}

// The catalogs of requirements imported (the built-in ones aside): a tree
// names them, with the file each came from and its version, but does not
// carry them; every workspace that applies the tree imports the same files.
constexpr std::string_view catalogs_file = "catalogs.toml";

std::string catalogs_text(Database& db) {
  std::string text =
      "# The catalogs of requirements the map's workspace imported. A tree names them\n"
      "# but does not carry them: a workspace that applies it imports the same files\n"
      "# first (riskmap framework import FILE, or init --tree --catalog FILE).\n";
  for (const auto& framework : list_frameworks(db)) {
    if (framework.source == "built-in") continue;
    text += fmt::format("\n[{}]\ntitle = {}\n", toml_quoted(framework.id),
                        toml_quoted(framework.title));
    if (!framework.version.empty()) text += fmt::format("version = {}\n", toml_quoted(framework.version));
    text += fmt::format("source = {}\n",
                        toml_quoted(fs::path(framework.source).filename().string()));
  }
  return text;
}

// Every catalog the tree names must be imported here.
void check_catalogs(Database& db, const fs::path& dir, Problems& problems) {
  const fs::path path = dir / catalogs_file;
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return;
  try {
    const toml::table table = parse_toml(read_file(path), path.string());
    std::set<std::string> here;
    for (const auto& framework : list_frameworks(db)) here.insert(framework.id);
    for (const auto& [id, node] : table) {
      if (here.contains(std::string(id.str()))) continue;
      const auto* entry = node.as_table();
      const auto field = [&](std::string_view key) {
        const auto* value = entry ? entry->get(key) : nullptr;
        return value && value->is_string() ? value->as_string()->get() : std::string();
      };
      const std::string version = field("version"), source = field("source");
      const auto& at = id.source().begin;
      problems.add(fmt::format(
          "{}:{}:{}: the catalog {}{} is not imported here: import it first ('riskmap framework "
          "import {}', or init --tree --catalog)",
          path.string(), at.line, at.column, id.str(),
          version.empty() ? "" : fmt::format(" (version {})", version),
          source.empty() ? "FILE" : source));
    }
  } catch (const ContentError& e) {
    problems.add(e.what());
  }
}

// "FILE:1:1: message": for an error of a whole file.
std::string at_file(const fs::path& path, std::string_view message) {
  return fmt::format("{}:1:1: {}", path.string(), message);
}

}  // namespace

TreeWriteCount export_tree(Workspace& workspace, const fs::path& dir) {
  TreeWriteCount count;
  std::error_code error;
  fs::create_directories(dir, error);
  if (!fs::is_directory(dir))
    throw Error(fmt::format("{}: cannot create the folder: {}", dir.string(),
                            error ? error.message() : "not a folder"));
  const Method& method = workspace.method();
  const Lang lang = workspace.config().mission.language;
  // In tree mode the tree is the workspace's own folder: riskmap.toml is there already.
  if (!fs::equivalent(dir, workspace.dir(), error))
    write_folder(dir, Files{{config_file_name, read_file(workspace.dir() / config_file_name)}},
                 count, true);
  for (const EntityKind* kind : all_kinds()) {
    Files files;
    RecordStore(workspace, *kind, false).for_each_by_key([&](Record& record) {
      files.emplace(record.ref + ".toml",
                    record_to_toml(*kind, record, method, lang, record_header(*kind, record.ref)));
    });
    write_folder(dir / kind->plural, files, count);
  }
  Files soa;
  for (const auto& [framework, decisions] : read_decisions(workspace.db()))
    soa.emplace(framework + ".toml", soa_text(framework, decisions));
  write_folder(dir / soa_folder, soa, count);
  write_folder(dir, Files{{std::string(catalogs_file), catalogs_text(workspace.db())}}, count, true);
  return count;
}

std::vector<TreeChange> apply_tree(Workspace& workspace, const fs::path& dir) {
  std::error_code error;
  if (!fs::is_regular_file(dir / config_file_name, error))
    throw Error(fmt::format("{}: not a tree of riskmap export --tree (it has no {}); nothing "
                            "applied",
                            dir.string(), config_file_name));
  const Method& method = workspace.method();
  Problems problems;
  check_catalogs(workspace.db(), dir, problems);
  if (problems.count() > 0)
    throw ContentError(problems.text(fmt::format("{}: nothing applied", dir.string())));
  MapRecords records = read_tree_records(dir, method);
  std::vector<TreeChange> changes = write_records(workspace, std::move(records), problems);
  std::vector<TreeChange> written;

  // The SoA decisions: the tree's files, framework by framework.
  Database& db = workspace.db();
  const SoaDecisions wanted = read_tree_soa(db, dir, problems);
  if (problems.count() == 0) {
    auto soa_changes = write_soa(db, wanted);
    written.insert(written.end(), soa_changes.begin(), soa_changes.end());
  }
  if (problems.count() > 0)
    throw ContentError(problems.text(fmt::format("{}: nothing applied", dir.string())));
  changes.insert(changes.end(), written.begin(), written.end());
  std::stable_sort(changes.begin(), changes.end(), [](const TreeChange& a, const TreeChange& b) {
    const auto rank = [](const std::string& kind) {
      std::size_t at = 0;
      for (const EntityKind* k : all_kinds()) {
        if (k->name == kind) return at;
        ++at;
      }
      return at;  // soa last
    };
    if (a.kind != b.kind) return rank(a.kind) < rank(b.kind);
    return NaturalRefLess{}(a.ref, b.ref);
  });
  return changes;
}

SoaDecisions read_soa(Database& db) {
  SoaDecisions out;
  for (auto& [framework, decisions] : read_decisions(db))
    for (auto& [id, d] : decisions.by_id) out.emplace(decisions.ref_of.at(id), std::move(d));
  return out;
}

SoaDecisions read_tree_soa(Database& db, const fs::path& dir, Problems& problems) {
  SoaDecisions wanted;
  for (const auto& [name, content] : read_folder(dir / soa_folder)) {
    const std::string framework = name.substr(0, name.size() - 5);
    const fs::path path = dir / soa_folder / name;
    std::optional<FrameworkInfo> info;
    try {
      info = get_framework(db, framework);
    } catch (const Error& e) {
      problems.add(at_file(path, e.what()));
      continue;
    }
    try {
      const toml::table table = parse_toml(content, path.string());
      const TomlChecker check(path.string());
      for (const auto& [id, node] : table) {
        const auto* row = node.as_table();
        if (!row) check.fail(node, fmt::format("'{}': a table [\"ID\"] is expected", id.str()));
        check.allow_keys(*row, id.str(), {"applicable", "justification", "maturity"});
        std::string ref;
        try {
          ref = requirement_ref(db, framework, id.str());
        } catch (const Error& e) {
          check.fail(id.source(), e.what());
        }
        Decision d;
        const auto* applicable = row->get("applicable");
        if (!applicable || !applicable->is_boolean())
          check.fail(applicable ? applicable->source() : node.source(),
                     fmt::format("{}: applicable = true or false is required", id.str()));
        d.applicable = applicable->as_boolean()->get();
        if (const auto* text = row->get("justification")) {
          if (!text->is_string()) check.fail(*text, "justification: a text in quotes");
          d.justification = std::string(trim(text->as_string()->get()));
        }
        if (!d.applicable && d.justification.empty())
          check.fail(node, fmt::format("{}: a requirement excluded needs a justification",
                                       id.str()));
        if (const auto* score = row->get("maturity")) {
          try {
            if (!score->is_integer()) throw ValueError("a whole number is expected");
            if (!d.applicable) throw ValueError("a requirement excluded has no maturity");
            d.maturity = parse_maturity(*info, std::to_string(score->as_integer()->get()));
          } catch (const ValueError& e) {
            check.fail(*score, fmt::format("{}: maturity: {}", id.str(), e.what()));
          }
        }
        wanted.insert_or_assign(ref, std::move(d));
      }
    } catch (const ContentError& e) {
      problems.add(e.what());
      continue;
    }
  }
  return wanted;
}

std::vector<TreeChange> write_soa(Database& db, const SoaDecisions& wanted) {
  std::vector<TreeChange> written;
  const SoaDecisions had = read_soa(db);
  auto write = db.prepare(
      "INSERT INTO soa (requirement, applicable, justification, maturity) VALUES (?1, ?2, ?3, "
      "?4) ON CONFLICT (requirement) DO UPDATE SET applicable = excluded.applicable, "
      "justification = excluded.justification, maturity = excluded.maturity");
  auto clear = db.prepare("DELETE FROM soa WHERE requirement = ?1");
  for (const auto& [ref, d] : had)
    if (!wanted.contains(ref)) {
      clear.bind(1, ref).run();
      written.push_back({"soa", ref, ChangeKind::removed, {}});
    }
  for (const auto& [ref, d] : wanted) {
    const auto old = had.find(ref);
    if (old != had.end() && old->second == d) continue;
    std::vector<std::string> fields;
    if (old != had.end()) {
      if (old->second.applicable != d.applicable) fields.emplace_back("applicable");
      if (old->second.justification != d.justification) fields.emplace_back("justification");
      if (old->second.maturity != d.maturity) fields.emplace_back("maturity");
    }
    write.bind(1, ref).bind(2, d.applicable ? 1 : 0);
    if (d.justification.empty())
      write.bind_null(3);
    else
      write.bind(3, d.justification);
    if (d.maturity)
      write.bind(4, static_cast<std::int64_t>(*d.maturity));
    else
      write.bind_null(4);
    write.run();
    written.push_back({"soa", ref, old == had.end() ? ChangeKind::added : ChangeKind::changed,
                       std::move(fields)});
  }
  return written;
}

MapRecords read_records(Workspace& workspace) {
  MapRecords map;
  for (const EntityKind* kind : all_kinds()) {
    KindRecords k{kind, {}, {}};
    RecordStore(workspace, *kind, false).for_each_by_key([&](Record& record) {
      std::string ref = record.ref;
      k.records.emplace(std::move(ref), std::move(record));
    });
    map.push_back(std::move(k));
  }
  return map;
}

MapRecords read_tree_records(const fs::path& dir, const Method& method) {
  Problems problems;
  MapRecords tree;
  for (const EntityKind* kind : all_kinds()) {
    KindRecords k{kind, {}, {}};
    const fs::path folder = dir / kind->plural;
    for (auto& [name, text] : read_folder(folder)) {
      const fs::path path = folder / name;
      const std::string ref = name.substr(0, name.size() - 5);
      if (!is_valid_ref(ref)) {
        problems.add(at_file(path, fmt::format("'{}' is not a valid ref: a file is named by its "
                                               "record's ref (letters, digits, '.', '_', '-')",
                                               ref)));
        continue;
      }
      try {
        k.records.emplace(ref, record_from_toml(*kind, ref, text, path.string(), method));
        k.origin.emplace(ref, path.string());
      } catch (const ContentError& e) {
        problems.add(e.what());
      }
    }
    tree.push_back(std::move(k));
  }
  // A link names a record of the tree: the tree is the whole workspace.
  std::map<std::string, const KindRecords*> by_name;
  for (const KindRecords& k : tree) by_name.emplace(k.kind->name, &k);
  for (const KindRecords& k : tree)
    for (const auto& [ref, record] : k.records)
      for (std::size_t i = 0; i < k.kind->fields.size(); ++i) {
        const Field& field = k.kind->fields[i];
        if (field.type != FieldType::refs || field.qualified) continue;
        const auto target = by_name.find(field.target);
        if (target == by_name.end()) continue;
        for (const auto& item : list_of(record.values[i]))
          if (!target->second->records.contains(item))
            problems.add(fmt::format("{}: {}: {} names {} {}, which the tree does not hold "
                                     "({}/{}.toml)",
                                     k.origin.at(ref), field.name, ref, field.target, item,
                                     target->second->kind->plural, item));
      }
  if (problems.count() > 0)
    throw ContentError(problems.text(fmt::format("{}: nothing applied", dir.string())));
  return tree;
}

std::vector<TreeChange> write_records(Workspace& workspace, MapRecords records,
                                      Problems& problems) {
  std::vector<TreeChange> changes;
  for (auto k = records.rbegin(); k != records.rend(); ++k) {
    RecordStore store(workspace, *k->kind, false);
    std::vector<std::string> gone;
    for (const auto& ref : store.refs())
      if (!k->records.contains(ref)) gone.push_back(ref);
    std::sort(gone.begin(), gone.end(), NaturalRefLess{});
    if (!gone.empty()) store.remove(gone);
    for (auto& ref : gone)
      changes.push_back({k->kind->name, std::move(ref), ChangeKind::removed, {}});
  }
  // Removals were found last kind first; the report lists kinds in import order.
  std::reverse(changes.begin(), changes.end());
  for (KindRecords& k : records) {
    RecordStore store(workspace, *k.kind, false);
    store.set_deferred_links(true);
    for (auto& [ref, record] : k.records) {
      const auto origin = k.origin.find(ref);
      const std::string where =
          origin != k.origin.end() ? origin->second : fmt::format("{} {}", k.kind->name, ref);
      store.set_origin(where);
      try {
        if (const auto stored = store.find(ref)) {
          if (same_stored(*stored, record)) continue;
          auto fields = changed_fields(*k.kind, *stored, record);
          store.update(std::move(record));
          changes.push_back({k.kind->name, ref, ChangeKind::changed, std::move(fields)});
        } else {
          store.insert(std::move(record));
          changes.push_back({k.kind->name, ref, ChangeKind::added, {}});
        }
      } catch (const ValueError& e) {
        problems.add(fmt::format("{}: {}", where, e.what()));
      } catch (const UnknownRef& e) {
        problems.add(fmt::format("{}: {}", where, e.what()));
      } catch (const Conflict& e) {
        problems.add(fmt::format("{}: {}", where, e.what()));
      }
    }
    for (auto& message : store.check_deferred_links()) problems.add(std::move(message));
  }
  return changes;
}

namespace {

// A digest of the tree's record and SoA files (names and contents): FNV-1a,
// 64 bits, files in name order. riskmap.toml is not in it: the workspace
// settles its own riskmap.toml whenever it opens.
std::string tree_stamp(const fs::path& dir) {
  std::uint64_t hash = 14695981039346656037ULL;
  const auto add = [&](std::string_view bytes) {
    for (const char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;  // a separator no UTF-8 text holds
    hash *= 1099511628211ULL;
  };
  std::vector<std::string> folders;
  for (const EntityKind* kind : all_kinds()) folders.push_back(kind->plural);
  folders.emplace_back(soa_folder);
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders)
    for (const auto& [name, text] : read_folder(dir / folder)) {
      add(folder);
      add(name);
      add(text);
    }
  return fmt::format("{:016x}", hash);
}

}  // namespace

void sync_tree(Workspace& workspace) {
  export_tree(workspace, workspace.dir());
  workspace.db()
      .prepare("INSERT INTO tree_state (id, stamp) VALUES (1, ?1) "
               "ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp")
      .bind(1, tree_stamp(workspace.dir()))
      .run();
}

bool tree_is_current(Workspace& workspace) {
  auto statement = workspace.db().prepare("SELECT stamp FROM tree_state WHERE id = 1");
  const std::string stamp = statement.step() ? std::string(statement.text(0)) : std::string();
  return stamp == tree_stamp(workspace.dir());
}

}  // namespace riskmap
