#include "framework.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "csv.hpp"
#include "framework_mapping.hpp"
#include "embedded.hpp"
#include "error.hpp"
#include "problems.hpp"
#include "text.hpp"
#include "toml_check.hpp"

namespace riskmap {

void install_builtin_frameworks(Database& db) {
  // NIST CSF 2.0: its 106 subcategories are the requirements; functions and
  // categories are their part and chapter headings.
  const auto file = embedded::frameworks()[0];
  std::istringstream in{std::string(file.content)};
  csv::Reader reader(in, std::string(file.path));
  csv::Row row;
  reader.next(row);  // id,kind,function_id,function,category_id,category,title,statement
  db.exec(
      "INSERT INTO framework (id, title, version, source) "
      "VALUES ('NIST-CSF', 'NIST Cybersecurity Framework', '2.0', 'built-in')");
  auto insert = db.prepare(
      "INSERT INTO requirement (ref, framework, id, title, part, chapter, position) "
      "VALUES (?, 'NIST-CSF', ?, ?, ?, ?, ?)");
  std::int64_t position = 0;
  while (reader.next(row)) {
    if (row.fields.size() != 8)
      throw ContentError(fmt::format("{}:{}: 8 columns expected", file.path, row.line));
    const auto& f = row.fields;
    if (f[1] != "subcategory") continue;
    insert.bind(1, "NIST-CSF:" + f[0])
        .bind(2, f[0])
        .bind(3, f[7])
        .bind(4, fmt::format("{} {}", f[2], f[3]))
        .bind(5, fmt::format("{} {}", f[4], f[5]))
        .bind(6, ++position)
        .run();
  }
}

namespace {

constexpr std::size_t journal_refs = 100;
constexpr std::string_view ref_rule =
    "use letters, digits, '.', '_' or '-', starting with a letter or a digit";

std::optional<std::string> nullable(std::string_view text) {
  if (trim(text).empty()) return std::nullopt;
  return std::string(text);
}

std::vector<std::string> framework_ids(Database& db) {
  std::vector<std::string> ids;
  auto all = db.prepare("SELECT id FROM framework ORDER BY id COLLATE natural_order");
  while (all.step()) ids.emplace_back(all.text(0));
  return ids;
}

std::vector<std::string> requirement_ids(Database& db, std::string_view framework) {
  std::vector<std::string> ids;
  auto all = db.prepare("SELECT id FROM requirement WHERE framework = ? ORDER BY position");
  all.bind(1, framework);
  while (all.step()) ids.emplace_back(all.text(0));
  return ids;
}

std::string read_all(std::istream& in) {
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string maturity_json(const std::vector<MaturityLevel>& levels) {
  if (levels.empty()) return {};
  nlohmann::json out = nlohmann::json::array();
  for (const auto& level : levels)
    out.push_back({{"score", level.score}, {"name", level.name}, {"description", level.description}});
  return out.dump();
}

// Another program may have written anything there: what does not read as a
// scale is no scale.
std::vector<MaturityLevel> maturity_from_json(std::string_view text) {
  std::vector<MaturityLevel> levels;
  if (text.empty()) return levels;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return levels;
  for (const auto& item : json) {
    if (!item.is_object() || !item.contains("score") || !item["score"].is_number_integer())
      return {};
    MaturityLevel level;
    level.score = item["score"].get<long long>();
    if (item.contains("name") && item["name"].is_string()) level.name = item["name"];
    if (item.contains("description") && item["description"].is_string())
      level.description = item["description"];
    levels.push_back(std::move(level));
  }
  return levels;
}

// The requirement ids of one framework, found by id or by ref.
class RequirementIndex {
 public:
  RequirementIndex(Database& db, std::string_view framework)
      : framework_(framework), ids_(requirement_ids(db, framework)) {
    for (const auto& id : ids_) known_.insert(id);
  }
  // The ref of `item`, or nullopt.
  std::optional<std::string> find(std::string_view item) const {
    const std::string prefix = framework_ + ":";
    if (item.starts_with(prefix)) item.remove_prefix(prefix.size());
    if (!known_.contains(std::string(item))) return std::nullopt;
    return prefix + std::string(item);
  }
  std::string unknown(std::string_view item) const {
    return fmt::format("unknown requirement '{}' of framework {}{}", item, framework_,
                       did_you_mean(item, ids_));
  }
  std::string ref(std::string_view item) const {
    if (auto found = find(item)) return *found;
    throw UnknownRef(unknown(item));
  }

 private:
  std::string framework_;
  std::vector<std::string> ids_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace

// --- Frameworks ----------------------------------------------------------------------

const std::string& heading_of(const Requirement& requirement) {
  return requirement.part.empty() ? requirement.chapter : requirement.part;
}

std::vector<FrameworkInfo> list_frameworks(Database& db) {
  std::vector<FrameworkInfo> out;
  auto rows = db.prepare(
      "SELECT f.id, f.title, f.version, f.source, "
      "(SELECT count(*) FROM requirement r WHERE r.framework = f.id), "
      "f.urn, f.description, f.language, f.provider, f.copyright, f.maturity "
      "FROM framework f ORDER BY f.id COLLATE natural_order");
  const auto text = [&](int column) {
    return rows.is_null(column) ? std::string() : std::string(rows.text(column));
  };
  while (rows.step()) {
    FrameworkInfo info;
    info.id = text(0);
    info.title = text(1);
    info.version = text(2);
    info.source = text(3);
    info.requirements = static_cast<std::size_t>(rows.integer(4));
    info.urn = text(5);
    info.description = text(6);
    info.language = text(7);
    info.provider = text(8);
    info.copyright = text(9);
    info.maturity = maturity_from_json(text(10));
    out.push_back(std::move(info));
  }
  return out;
}

FrameworkInfo get_framework(Database& db, std::string_view id) {
  for (auto& framework : list_frameworks(db))
    if (framework.id == id) return framework;
  const auto known = framework_ids(db);
  throw UnknownRef(fmt::format("unknown framework '{}'{}; known: {}", id, did_you_mean(id, known),
                               known.empty()
                                   ? "none (import a catalog with riskmap framework import FILE)"
                                   : join(known, ", ")));
}

std::vector<Requirement> list_requirements(Database& db, std::string_view framework) {
  const FrameworkInfo info = get_framework(db, framework);
  std::vector<Requirement> out;
  auto rows = db.prepare(
      "SELECT id, title, part, chapter, description, annotation, urn, original_id "
      "FROM requirement WHERE framework = ? ORDER BY position");
  rows.bind(1, info.id);
  const auto text = [&](int column) {
    return rows.is_null(column) ? std::string() : std::string(rows.text(column));
  };
  while (rows.step())
    out.push_back(Requirement{info.id, text(0), text(1), text(2), text(3), text(4), text(5),
                              text(6), text(7)});
  return out;
}

void check_framework_id(std::string_view id) {
  if (!is_valid_ref(id))
    throw ValueError(fmt::format("'{}' is not a valid framework id: {}", id, ref_rule));
}

// --- Reading catalogs ----------------------------------------------------------------

CatalogFormat parse_catalog_format(std::string_view text) {
  if (text == "csv") return CatalogFormat::csv;
  if (text == "toml") return CatalogFormat::toml;
  if (text == "json") return CatalogFormat::json;
  const std::vector<std::string> names{"csv", "toml", "json"};
  throw ValueError(fmt::format("'{}' is not a catalog format{}; allowed: {}", text,
                               did_you_mean(text, names), quoted_list(names)));
}

CatalogFormat detect_catalog_format(std::string_view file, std::string_view content) {
  const std::string extension = fold(std::filesystem::path(file).extension().string());
  if (extension == ".csv") return CatalogFormat::csv;
  if (extension == ".toml") return CatalogFormat::toml;
  if (extension == ".json") return CatalogFormat::json;
  const auto text = trim(content);
  if (text.starts_with('{')) return CatalogFormat::json;
  if (text.starts_with('[')) return CatalogFormat::toml;
  return CatalogFormat::csv;
}

namespace {

// A requirement as read, with where it was read, before it is checked.
struct Draft {
  Requirement requirement;
  std::string origin;   // "file:line", "file:line:column" or "file: catalog.groups[1]..."
  std::string problem;  // why it could not be read at all, when so
};

// Checks ids and titles; every problem is reported.
Catalog checked(Catalog catalog, std::vector<Draft> drafts, const std::string& source) {
  Problems problems;
  std::map<std::string, std::string> first_origin;
  for (auto& draft : drafts) {
    if (!draft.problem.empty()) {
      problems.add(fmt::format("{}: {}", draft.origin, draft.problem));
      continue;
    }
    Requirement& r = draft.requirement;
    const std::string id{trim(r.id)};
    bool bad = false;
    if (id.empty()) {
      problems.add(fmt::format("{}: the id is missing", draft.origin));
      bad = true;
    } else if (!is_valid_ref(id)) {
      problems.add(
          fmt::format("{}: '{}' is not a valid requirement id: {}", draft.origin, id, ref_rule));
      bad = true;
    } else if (auto [at, added] = first_origin.emplace(id, draft.origin); !added) {
      problems.add(fmt::format("{}: requirement id '{}' appears twice (first at {})", draft.origin,
                               id, at->second));
      bad = true;
    }
    if (trim(r.title).empty()) {
      problems.add(fmt::format("{}: requirement {}: the title is missing", draft.origin,
                               id.empty() ? "without id" : id));
      bad = true;
    }
    if (bad) continue;
    r.id = id;
    catalog.requirements.push_back(std::move(r));
  }
  problems.throw_if_any(source);
  if (catalog.requirements.empty())
    throw ContentError(fmt::format("{}: the catalog has no requirements", source));
  return catalog;
}

Catalog read_csv_catalog(const std::string& text, const std::string& source) {
  static const std::vector<std::string> allowed{"id", "title", "part", "chapter"};
  std::istringstream in(text);
  csv::Reader reader(in, source, '\0');  // as riskmap writes it, or a spreadsheet saved it again
  reader.remove_formula_guards();
  csv::Row header;
  if (!reader.next(header) || (header.fields.size() == 1 && trim(header.fields[0]).empty()))
    throw ContentError(
        fmt::format("{}: the file is empty: a catalog CSV needs a header row naming its "
                    "columns, e.g. id,title,part,chapter",
                    source));
  // The position of each column, by name.
  std::map<std::string, long> at;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name{trim(header.fields[i])};
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      throw ContentError(fmt::format("{}:{}: unknown column '{}'{}; allowed: {}", source,
                                     header.line, name, did_you_mean(name, allowed),
                                     join(allowed, ", ")));
    if (!at.emplace(name, static_cast<long>(i)).second)
      throw ContentError(
          fmt::format("{}:{}: column '{}' appears twice in the header", source, header.line, name));
  }
  for (const char* needed : {"id", "title"})
    if (!at.contains(needed))
      throw ContentError(
          fmt::format("{}:{}: the header has no '{}' column; a catalog needs id and title "
                      "(part and chapter are optional)",
                      source, header.line, needed));
  const auto cell = [&](const csv::Row& row, const char* name) {
    const auto found = at.find(name);
    return found == at.end() ? std::string() : row.fields[static_cast<std::size_t>(found->second)];
  };

  Catalog catalog;
  std::vector<Draft> drafts;
  csv::Row row;
  while (reader.next(row)) {
    if (row.fields.size() == 1 && trim(row.fields[0]).empty()) continue;  // a blank line
    const std::string origin = fmt::format("{}:{}", source, row.line);
    if (row.fields.size() != header.fields.size()) {
      drafts.push_back(Draft{{},
                             origin,
                             fmt::format("{} fields, but the header has {} columns",
                                         row.fields.size(), header.fields.size())});
      continue;
    }
    drafts.push_back(
        Draft{Requirement{
                  {}, cell(row, "id"), cell(row, "title"), cell(row, "part"), cell(row, "chapter")},
              origin,
              {}});
  }
  return checked(std::move(catalog), std::move(drafts), source);
}

std::string at_source(const std::string& source, const toml::source_region& region) {
  return fmt::format("{}:{}:{}", source, region.begin.line, region.begin.column);
}

Catalog read_toml_catalog(const std::string& text, const std::string& source) {
  const toml::table root = parse_toml(text, source);
  const TomlChecker check(source);
  check.allow_keys(root, "the catalog", {"framework", "requirement"});
  Catalog catalog;
  if (const auto* framework = check.optional_table(root, "framework", "the catalog")) {
    check.allow_keys(*framework, "[framework]", {"id", "title", "version"});
    if (auto id = check.optional_string(*framework, "id", "[framework]")) {
      catalog.id = *id;
      catalog.id_origin = at_source(source, framework->get("id")->source());
    }
    catalog.title = check.optional_string(*framework, "title", "[framework]").value_or("");
    catalog.version = check.optional_string(*framework, "version", "[framework]").value_or("");
  }
  if (!root.contains("requirement"))
    throw ContentError(
        fmt::format("{}: no [[requirement]] table: a catalog lists its requirements as "
                    "[[requirement]] tables with id and title (part and chapter optional)",
                    source));
  const toml::array& items = check.array(root, "requirement", "the catalog");
  std::vector<Draft> drafts;
  for (const toml::node& item : items) {
    if (!item.is_table()) check.fail(item, "each requirement must be a [[requirement]] table");
    const toml::table& table = *item.as_table();
    check.allow_keys(table, "[[requirement]]", {"id", "title", "part", "chapter"});
    const auto value = [&](const char* key) {
      return check.optional_string(table, key, "[[requirement]]").value_or("");
    };
    drafts.push_back(
        Draft{Requirement{{}, value("id"), value("title"), value("part"), value("chapter")},
              at_source(source, table.source()),
              {}});
  }
  return checked(std::move(catalog), std::move(drafts), source);
}

// The line of a byte offset, for JSON parse errors.
std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 +
         static_cast<std::size_t>(std::count(
             text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

class OscalReader {
 public:
  explicit OscalReader(const std::string& source) : source_(source) {}

  Catalog read(const std::string& text) {
    nlohmann::json document;
    try {
      document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      const std::string what = e.what();
      throw ContentError(fmt::format("{}:{}: invalid JSON: {}", source_, line_of(text, e.byte),
                                     what.substr(what.find(':') + 2)));
    } catch (const nlohmann::json::out_of_range& e) {  // a number no double holds, e.g. 1e400
      const std::string what = e.what();
      throw ContentError(
          fmt::format("{}: invalid JSON: {}", source_, what.substr(what.find(']') + 2)));
    }
    if (!document.is_object() || !document.contains("catalog") || !document["catalog"].is_object())
      throw ContentError(
          fmt::format("{}: not an OSCAL catalog: expected an object with a \"catalog\" object, "
                      "holding \"metadata\" (title, version) and \"groups\" of \"controls\"",
                      source_));
    const nlohmann::json& catalog = document["catalog"];
    Catalog out;
    if (const auto* metadata = member(catalog, "metadata")) {
      if (!metadata->is_object()) throw shape("catalog.metadata", "an object");
      out.title = string(*metadata, "title", "catalog.metadata");
      out.version = string(*metadata, "version", "catalog.metadata");
    }
    if (const auto* groups = array(catalog, "groups", "catalog"))
      for (std::size_t i = 0; i < groups->size(); ++i)
        group((*groups)[i], fmt::format("catalog.groups[{}]", i + 1), 0, {});
    if (const auto* controls = array(catalog, "controls", "catalog"))
      for (std::size_t i = 0; i < controls->size(); ++i)
        control((*controls)[i], fmt::format("catalog.controls[{}]", i + 1), {}, {});
    if (drafts_.empty())
      throw ContentError(
          fmt::format("{}: the catalog has no controls: an OSCAL catalog lists them in "
                      "catalog.groups[].controls",
                      source_));
    return checked(std::move(out), std::move(drafts_), source_);
  }

 private:
  ContentError shape(const std::string& path, const char* expected) const {
    return ContentError(fmt::format("{}: {} must be {}", source_, path, expected));
  }
  static const nlohmann::json* member(const nlohmann::json& object, const char* key) {
    const auto found = object.find(key);
    return found == object.end() || found->is_null() ? nullptr : &*found;
  }
  const nlohmann::json* array(const nlohmann::json& object, const char* key,
                              const std::string& path) const {
    const auto* value = member(object, key);
    if (value && !value->is_array()) throw shape(path + "." + key, "an array");
    return value;
  }
  std::string string(const nlohmann::json& object, const char* key, const std::string& path) const {
    const auto* value = member(object, key);
    if (!value) return {};
    if (!value->is_string()) throw shape(path + "." + key, "a string");
    return value->get<std::string>();
  }

  void group(const nlohmann::json& group, const std::string& path, int depth,
             const std::string& part) {
    if (!group.is_object()) throw shape(path, "an object");
    std::string title = string(group, "title", path);
    if (trim(title).empty()) title = string(group, "id", path);
    const auto* subgroups = array(group, "groups", path);
    const bool nested = subgroups && !subgroups->empty();
    // A top group with groups inside is the part; the innermost groups are chapters.
    const std::string own_part = depth == 0 && nested ? title : part;
    const std::string chapter = depth == 0 && nested ? std::string() : title;
    if (const auto* controls = array(group, "controls", path))
      for (std::size_t i = 0; i < controls->size(); ++i)
        control((*controls)[i], fmt::format("{}.controls[{}]", path, i + 1), own_part, chapter);
    if (nested)
      for (std::size_t i = 0; i < subgroups->size(); ++i)
        this->group((*subgroups)[i], fmt::format("{}.groups[{}]", path, i + 1), depth + 1,
                    own_part);
  }

  void control(const nlohmann::json& control, const std::string& path, const std::string& part,
               const std::string& chapter) {
    if (!control.is_object()) throw shape(path, "an object");
    std::string id = string(control, "id", path);
    std::string origin = fmt::format("{}: {}", source_, path);
    if (!trim(id).empty()) origin += fmt::format(" ({})", id);
    drafts_.push_back(Draft{
        Requirement{{}, id, string(control, "title", path), part, chapter}, std::move(origin), {}});
    if (const auto* enhancements = array(control, "controls", path))
      for (std::size_t i = 0; i < enhancements->size(); ++i)
        this->control((*enhancements)[i], fmt::format("{}.controls[{}]", path, i + 1), part,
                      chapter);
  }

  const std::string& source_;
  std::vector<Draft> drafts_;
};

}  // namespace

Catalog read_catalog(std::istream& in, CatalogFormat format, const std::string& source) {
  const std::string text = read_all(in);
  switch (format) {
    case CatalogFormat::toml:
      return read_toml_catalog(text, source);
    case CatalogFormat::json:
      return OscalReader(source).read(text);
    case CatalogFormat::csv:
      break;
  }
  return read_csv_catalog(text, source);
}

// --- Importing catalogs ----------------------------------------------------------------

CatalogImport import_catalog(Database& db, std::istream& in, const CatalogOptions& options) {
  const bool from_stdin = options.file == "-";
  const std::string source = from_stdin ? "stdin" : options.file;
  // What the framework records as its source: the file's name, not where it was.
  const std::string origin =
      from_stdin ? source : std::filesystem::path(options.file).filename().string();
  if (options.id) check_framework_id(*options.id);
  const std::string text = read_all(in);
  const CatalogFormat format = options.format.value_or(detect_catalog_format(options.file, text));
  std::istringstream content(text);
  Catalog catalog = read_catalog(content, format, source);

  std::string id;
  if (options.id) {
    id = *options.id;
  } else if (!catalog.id.empty()) {
    if (!is_valid_ref(catalog.id))
      throw ContentError(fmt::format("{}: '{}' is not a valid framework id: {}", catalog.id_origin,
                                     catalog.id, ref_rule));
    id = catalog.id;
  } else if (from_stdin) {
    throw ValueError(
        "a catalog read from stdin needs a framework id: give one with --id (or, in TOML, "
        "as id in its [framework] table)");
  } else {
    id = std::filesystem::path(options.file).stem().string();
    std::transform(id.begin(), id.end(), id.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    if (!is_valid_ref(id))
      throw ValueError(fmt::format(
          "the framework id '{}', taken from the file name, is not valid: {}; give one with --id",
          id, ref_rule));
  }
  const std::string title = options.title && !trim(*options.title).empty() ? *options.title
                            : !trim(catalog.title).empty()                 ? catalog.title
                                                                           : id;
  catalog.title = title;
  if (options.version) catalog.version = *options.version;
  return store_catalog(db, id, catalog, origin, source, options.replace);
}

namespace {

template <typename Statement>
void bind_library_columns(Statement& statement, const Catalog& catalog) {
  statement.bind(5, nullable(catalog.urn))
      .bind(6, nullable(catalog.description))
      .bind(7, nullable(catalog.language))
      .bind(8, nullable(catalog.provider))
      .bind(9, nullable(catalog.copyright))
      .bind(10, nullable(maturity_json(catalog.maturity)));
}

}  // namespace

std::optional<std::string> framework_of_urn(Database& db, std::string_view urn) {
  auto find = db.prepare("SELECT id FROM framework WHERE urn = ?");
  find.bind(1, urn);
  if (!find.step()) return std::nullopt;
  return std::string(find.text(0));
}

CatalogImport store_catalog(Database& db, const std::string& id, const Catalog& catalog,
                            const std::string& origin, const std::string& source, bool replace) {
  const std::string& title = catalog.title.empty() ? id : catalog.title;
  const std::string& version = catalog.version;
  if (invalid_utf8_at(title + version))
    throw ValueError("the framework's title or version is not valid UTF-8");

  CatalogImport result;
  result.framework = id;
  result.requirements = catalog.requirements.size();
  std::set<std::string, std::less<>> new_ids;
  for (const auto& r : catalog.requirements) new_ids.insert(r.id);

  const auto known = framework_ids(db);
  const bool exists = std::find(known.begin(), known.end(), id) != known.end();
  if (exists && !replace) {
    const FrameworkInfo info = get_framework(db, id);
    throw Conflict(fmt::format(
        "framework {} already exists ({}, {} requirements, from {}); --replace replaces its "
        "catalog, --id imports this one under another id",
        id, info.title, info.requirements, info.source));
  }
  std::set<std::string, std::less<>> old_ids;
  if (exists) {
    const auto ids = requirement_ids(db, id);
    old_ids.insert(ids.begin(), ids.end());
    // What would disappear must not be in use.
    std::map<std::string, std::vector<std::string>, NaturalLess> cited;
    std::map<std::string, std::string, NaturalLess> decided;
    auto citations = db.prepare(
        "SELECT r.id, cr.ref FROM control_references cr JOIN requirement r ON r.ref = cr.value "
        "WHERE r.framework = ? ORDER BY cr.ref COLLATE natural_order");
    citations.bind(1, id);
    while (citations.step())
      if (!new_ids.contains(citations.text(0)))
        cited[std::string(citations.text(0))].emplace_back(citations.text(1));
    auto decisions = db.prepare(
        "SELECT r.id, s.applicable FROM soa s JOIN requirement r ON r.ref = s.requirement "
        "WHERE r.framework = ?");
    decisions.bind(1, id);
    while (decisions.step())
      if (!new_ids.contains(decisions.text(0)))
        decided[std::string(decisions.text(0))] =
            decisions.integer(1) ? "applicable" : "not applicable";
    std::set<std::string, NaturalLess> in_use;
    for (const auto& [rid, controls] : cited) in_use.insert(rid);
    for (const auto& [rid, decision] : decided) in_use.insert(rid);
    if (!in_use.empty()) {
      Problems problems;
      for (const auto& rid : in_use) {
        std::vector<std::string> why;
        if (auto c = cited.find(rid); c != cited.end())
          why.push_back(fmt::format("cited by control{} {}", c->second.size() == 1 ? "" : "s",
                                    join(c->second, ", ")));
        if (auto d = decided.find(rid); d != decided.end())
          why.push_back(fmt::format("SoA decision: {}", d->second));
        problems.add(fmt::format("{}:{}: {}", id, rid, join(why, "; ")));
      }
      throw Conflict(problems.text(fmt::format(
          "{}: replacing framework {} would drop {} requirement{} still in use, so nothing was "
          "imported; keep them in the catalog, or first remove the citations (riskmap control "
          "set REF --remove-reference {}:ID) and the decisions (riskmap soa clear {} ID)",
          source, id, in_use.size(), in_use.size() == 1 ? "" : "s", id, id)));
    }
  }

  if (exists) {
    auto update = db.prepare(
        "UPDATE framework SET title = ?2, version = ?3, source = ?4, urn = ?5, description = ?6, "
        "language = ?7, provider = ?8, copyright = ?9, maturity = ?10 WHERE id = ?1");
    update.bind(1, id).bind(2, title).bind(3, nullable(version)).bind(4, origin);
    bind_library_columns(update, catalog);
    update.run();
    auto remove = db.prepare("DELETE FROM requirement WHERE framework = ? AND id = ?");
    for (const auto& old : old_ids)
      if (!new_ids.contains(old)) remove.bind(1, id).bind(2, old).run(), ++result.removed;
    result.replaced = true;
  } else {
    auto insert = db.prepare(
        "INSERT INTO framework (id, title, version, source, urn, description, language, "
        "provider, copyright, maturity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    insert.bind(1, id).bind(2, title).bind(3, nullable(version)).bind(4, origin);
    bind_library_columns(insert, catalog);
    insert.run();
  }
  auto insert = db.prepare(
      "INSERT INTO requirement (ref, framework, id, title, part, chapter, position, urn, "
      "original_id, description, annotation) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (ref) DO UPDATE SET "
      "title = excluded.title, part = excluded.part, chapter = excluded.chapter, "
      "position = excluded.position, urn = excluded.urn, original_id = excluded.original_id, "
      "description = excluded.description, annotation = excluded.annotation");
  std::int64_t position = 0;
  for (const auto& r : catalog.requirements) {
    insert.bind(1, id + ":" + r.id)
        .bind(2, id)
        .bind(3, r.id)
        .bind(4, r.title)
        .bind(5, nullable(r.part))
        .bind(6, nullable(r.chapter))
        .bind(7, ++position)
        .bind(8, nullable(r.urn))
        .bind(9, nullable(r.original_id))
        .bind(10, nullable(r.description))
        .bind(11, nullable(r.annotation))
        .run();
    old_ids.contains(r.id) ? ++result.kept : ++result.added;
  }
  return result;
}

// --- Statement of applicability ------------------------------------------------------------

std::string_view to_string(Coverage coverage) {
  switch (coverage) {
    case Coverage::planned:
      return "planned";
    case Coverage::implemented:
      return "implemented";
    case Coverage::none:
      break;
  }
  return "none";
}

Coverage parse_coverage(std::string_view text) {
  for (const Coverage c : {Coverage::none, Coverage::planned, Coverage::implemented})
    if (fold(trim(text)) == to_string(c)) return c;
  const std::vector<std::string> names{"none", "planned", "implemented"};
  throw ValueError(fmt::format("'{}' is not a coverage{}; allowed: {}", text,
                               did_you_mean(text, names), quoted_list(names)));
}

Coverage coverage_of(std::span<const std::string> control_states) {
  Coverage coverage = Coverage::none;
  for (const auto& state : control_states) {
    if (state == "existing" || state == "done") return Coverage::implemented;
    if (state == "planned" || state == "in-progress") coverage = Coverage::planned;
  }
  return coverage;
}

std::string_view to_string(Compliance compliance) {
  switch (compliance) {
    case Compliance::planned:
      return "planned";
    case Compliance::partly:
      return "partly";
    case Compliance::covered:
      return "covered";
    case Compliance::uncovered:
      break;
  }
  return "uncovered";
}

Compliance parse_compliance(std::string_view text) {
  for (const Compliance c :
       {Compliance::uncovered, Compliance::planned, Compliance::partly, Compliance::covered})
    if (fold(trim(text)) == to_string(c)) return c;
  const std::vector<std::string> names{"covered", "partly", "planned", "uncovered"};
  throw ValueError(fmt::format("'{}' is not a compliance standing{}; allowed: {}", text,
                               did_you_mean(text, names), quoted_list(names)));
}

Compliance compliance_of(Coverage direct, std::span<const MappedCoverage> via) {
  if (direct == Coverage::implemented) return Compliance::covered;
  bool partly = false, planned = direct == Coverage::planned;
  for (const auto& mapped : via) {
    if (mapped.coverage == Coverage::implemented) {
      if (mapped.full) return Compliance::covered;
      partly = true;
    } else if (mapped.coverage == Coverage::planned) {
      planned = true;
    }
  }
  if (partly) return Compliance::partly;
  return planned ? Compliance::planned : Compliance::uncovered;
}

bool parse_applicable(std::string_view text) {
  const std::string word = fold(trim(text));
  if (word == "yes" || word == "oui" || word == "true") return true;
  if (word == "no" || word == "non" || word == "false") return false;
  const std::vector<std::string> names{"yes", "no", "oui", "non", "true", "false"};
  throw ValueError(fmt::format("'{}' is not allowed{}; allowed: {}", text,
                               did_you_mean(text, names), quoted_list(names)));
}

void for_each_soa_row(Database& db, std::string_view framework,
                      const std::function<void(const SoaRow&)>& visit) {
  const FrameworkInfo info = get_framework(db, framework);
  // The controls citing each requirement, with their states.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>, std::less<>> citing;
  auto citations = db.prepare(
      "SELECT cr.value, cr.ref, c.state FROM control_references cr "
      "JOIN requirement r ON r.ref = cr.value JOIN control c ON c.ref = cr.ref "
      "WHERE r.framework = ? ORDER BY cr.ref COLLATE natural_order");
  citations.bind(1, info.id);
  while (citations.step())
    citing[std::string(citations.text(0))].emplace_back(citations.text(1), citations.text(2));
  // The scenarios each of those controls is linked to.
  std::map<std::string, std::vector<std::string>, std::less<>> scenarios_of;
  auto links = db.prepare(
      "SELECT value, ref FROM scenario_existing_controls WHERE value IN (SELECT cr.ref FROM "
      "control_references cr JOIN requirement r ON r.ref = cr.value WHERE r.framework = ?1) "
      "UNION SELECT value, ref FROM scenario_additional_controls WHERE value IN (SELECT cr.ref "
      "FROM control_references cr JOIN requirement r ON r.ref = cr.value WHERE r.framework = ?1)");
  links.bind(1, info.id);
  while (links.step()) scenarios_of[std::string(links.text(0))].emplace_back(links.text(1));

  const MappedCitations mapped(db, info.id);
  auto rows = db.prepare(
      "SELECT r.ref, r.id, r.title, r.part, r.chapter, s.applicable, s.justification, "
      "r.description, r.annotation, r.urn, r.original_id, s.maturity "
      "FROM requirement r LEFT JOIN soa s ON s.requirement = r.ref "
      "WHERE r.framework = ? ORDER BY r.position");
  rows.bind(1, info.id);
  const auto text = [&](int column) {
    return rows.is_null(column) ? std::string() : std::string(rows.text(column));
  };
  SoaRow row;
  while (rows.step()) {
    row.requirement = Requirement{info.id, text(1), text(2), text(3),  text(4),
                                  text(7),  text(8), text(9), text(10)};
    row.applicable = rows.is_null(5) ? std::nullopt : std::optional<bool>(rows.integer(5) != 0);
    row.justification = text(6);
    row.maturity = rows.is_null(11) ? std::nullopt : std::optional(rows.integer(11));
    row.controls.clear();
    row.control_states.clear();
    row.scenarios.clear();
    if (const auto found = citing.find(rows.text(0)); found != citing.end()) {
      std::set<std::string, NaturalLess> scenarios;
      for (const auto& [control, state] : found->second) {
        row.controls.push_back(control);
        row.control_states.push_back(state);
        if (const auto linked = scenarios_of.find(control); linked != scenarios_of.end())
          scenarios.insert(linked->second.begin(), linked->second.end());
      }
      row.scenarios.assign(scenarios.begin(), scenarios.end());
    }
    row.coverage = coverage_of(row.control_states);
    row.via = mapped.of(rows.text(0));
    row.compliance = compliance_of(row.coverage, row.via);
    visit(row);
  }
}

std::string requirement_ref(Database& db, std::string_view framework, std::string_view item) {
  const FrameworkInfo info = get_framework(db, framework);
  return RequirementIndex(db, info.id).ref(item);
}

namespace {

void check_decision(bool applicable, std::string_view justification) {
  if (auto bad = invalid_utf8_at(justification))
    throw ValueError(fmt::format("the justification is not valid UTF-8 (byte {})", *bad + 1));
  if (!applicable && trim(justification).empty())
    throw ValueError("an exclusion must be justified: say why the requirement does not apply");
}

}  // namespace

std::vector<std::string> set_soa(Database& db, std::string_view framework,
                                 std::span<const std::string> items, bool applicable,
                                 std::string_view justification) {
  const FrameworkInfo info = get_framework(db, framework);
  check_decision(applicable, justification);
  const RequirementIndex index(db, info.id);
  // An exclusion drops the maturity: it is recorded for applicable requirements only.
  auto write = db.prepare(
      "INSERT INTO soa (requirement, applicable, justification) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (requirement) DO UPDATE SET applicable = excluded.applicable, "
      "justification = excluded.justification, "
      "maturity = CASE WHEN excluded.applicable = 0 THEN NULL ELSE maturity END");
  std::vector<std::string> refs;
  for (const auto& item : items) {
    const std::string ref = index.ref(item);
    write.bind(1, ref).bind(2, applicable ? 1 : 0).bind(3, nullable(justification)).run();
    if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
  }
  return refs;
}

long long parse_maturity(const FrameworkInfo& framework, std::string_view text) {
  if (framework.maturity.empty())
    throw ValueError(fmt::format(
        "framework {} has no maturity scale (a YAML library gives one in its "
        "scores_definition)",
        framework.id));
  std::vector<std::string> names;
  for (const auto& level : framework.maturity) {
    if (trim(text) == std::to_string(level.score)) return level.score;
    if (!level.name.empty() && fold(trim(text)) == fold(level.name)) return level.score;
    names.push_back(level.name.empty() ? std::to_string(level.score)
                                       : fmt::format("{} ({})", level.score, level.name));
  }
  throw ValueError(fmt::format("'{}' is not on the maturity scale of {}; allowed: {}", text,
                               framework.id, join(names, ", ")));
}

std::vector<std::string> set_maturity(Database& db, std::string_view framework,
                                      std::span<const std::string> items, long long score) {
  const FrameworkInfo info = get_framework(db, framework);
  const RequirementIndex index(db, info.id);
  auto excluded = db.prepare("SELECT 1 FROM soa WHERE requirement = ? AND applicable = 0");
  auto write = db.prepare(
      "INSERT INTO soa (requirement, applicable, maturity) VALUES (?1, 1, ?2) "
      "ON CONFLICT (requirement) DO UPDATE SET maturity = excluded.maturity");
  std::vector<std::string> refs;
  for (const auto& item : items) {
    const std::string ref = index.ref(item);
    excluded.bind(1, ref);
    const bool not_applicable = excluded.step();
    excluded.reset();
    if (not_applicable)
      throw ValueError(fmt::format(
          "{} is marked not applicable: a maturity is recorded for applicable requirements "
          "only (riskmap soa set {} {} --applicable yes first)",
          ref, info.id, item));
    write.bind(1, ref).bind(2, static_cast<std::int64_t>(score)).run();
    if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
  }
  return refs;
}

std::vector<std::string> clear_soa(Database& db, std::string_view framework,
                                   std::span<const std::string> items) {
  const FrameworkInfo info = get_framework(db, framework);
  const RequirementIndex index(db, info.id);
  auto exists = db.prepare("SELECT 1 FROM soa WHERE requirement = ?");
  auto remove = db.prepare("DELETE FROM soa WHERE requirement = ?");
  std::vector<std::string> refs;
  for (const auto& item : items) {
    const std::string ref = index.ref(item);
    exists.bind(1, ref);
    const bool decided = exists.step();
    exists.reset();
    if (!decided) continue;
    remove.bind(1, ref).run();
    refs.push_back(ref);
  }
  return refs;
}

SoaImport import_soa(Database& db, std::string_view framework, std::istream& in,
                     const std::string& source) {
  const FrameworkInfo info = get_framework(db, framework);
  const RequirementIndex index(db, info.id);
  static const std::vector<std::string> read_columns{"requirement", "applicable", "justification",
                                                     "maturity"};
  static const std::vector<std::string> ignored_columns{
      "title", "chapter", "controls", "control_states", "scenarios", "coverage", "via",
      "compliance"};
  csv::Reader reader(in, source, '\0');  // as riskmap writes it, or a spreadsheet saved it again
  reader.remove_formula_guards();
  csv::Row header;
  if (!reader.next(header) || (header.fields.size() == 1 && trim(header.fields[0]).empty()))
    throw ContentError(
        fmt::format("{}: the file is empty: an SoA import needs a header row naming its "
                    "columns, e.g. requirement,applicable,justification",
                    source));
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name{trim(header.fields[i])};
    const bool read =
        std::find(read_columns.begin(), read_columns.end(), name) != read_columns.end();
    const bool ignored =
        std::find(ignored_columns.begin(), ignored_columns.end(), name) != ignored_columns.end();
    if (!read && !ignored) {
      std::vector<std::string> allowed = read_columns;
      allowed.insert(allowed.end(), ignored_columns.begin(), ignored_columns.end());
      throw ContentError(fmt::format("{}:{}: unknown column '{}'{}; allowed: {}", source,
                                     header.line, name, did_you_mean(name, allowed),
                                     join(allowed, ", ")));
    }
    if (!at.emplace(name, i).second)
      throw ContentError(
          fmt::format("{}:{}: column '{}' appears twice in the header", source, header.line, name));
  }
  for (const char* needed : {"requirement", "applicable"})
    if (!at.contains(needed))
      throw ContentError(fmt::format(
          "{}:{}: the header has no '{}' column; an SoA import needs requirement and applicable "
          "(justification optional)",
          source, header.line, needed));

  struct Decision {
    std::string ref;
    std::optional<bool> applicable;
    std::string justification;
    std::optional<long long> maturity;
  };
  std::vector<Decision> decisions;
  std::map<std::string, std::string> first_line;
  Problems problems;
  csv::Row row;
  while (reader.next(row)) {
    if (row.fields.size() == 1 && trim(row.fields[0]).empty()) continue;
    const std::string where = fmt::format("{}:{}", source, row.line);
    if (row.fields.size() != header.fields.size()) {
      problems.add(fmt::format("{}: {} fields, but the header has {} columns", where,
                               row.fields.size(), header.fields.size()));
      continue;
    }
    const std::string item{trim(row.fields[at["requirement"]])};
    const std::string applicable{trim(row.fields[at["applicable"]])};
    const std::string justification =
        at.contains("justification") ? row.fields[at["justification"]] : std::string();
    Decision decision;
    if (item.empty()) {
      problems.add(fmt::format("{}: column 'requirement' is empty", where));
      continue;
    }
    if (auto ref = index.find(item)) {
      decision.ref = *ref;
    } else {
      problems.add(fmt::format("{}: {}", where, index.unknown(item)));
      continue;
    }
    if (auto [first, added] = first_line.emplace(decision.ref, where); !added) {
      problems.add(fmt::format("{}: requirement {} appears twice (first at {})", where, item,
                               first->second));
      continue;
    }
    if (!applicable.empty()) {
      try {
        decision.applicable = parse_applicable(applicable);
        check_decision(*decision.applicable, justification);
      } catch (const ValueError& e) {
        problems.add(
            fmt::format("{}: requirement {}: column 'applicable': {}", where, item, e.what()));
        continue;
      }
    } else if (!trim(justification).empty()) {
      problems.add(fmt::format(
          "{}: requirement {}: a justification without a decision: say yes or no in column "
          "'applicable'",
          where, item));
      continue;
    }
    decision.justification = justification;
    if (at.contains("maturity")) {
      const std::string maturity{trim(row.fields[at["maturity"]])};
      if (!maturity.empty()) {
        if (!decision.applicable || !*decision.applicable) {
          problems.add(fmt::format(
              "{}: requirement {}: a maturity is recorded for applicable requirements only: say "
              "yes in column 'applicable'",
              where, item));
          continue;
        }
        try {
          decision.maturity = parse_maturity(info, maturity);
        } catch (const ValueError& e) {
          problems.add(fmt::format("{}: requirement {}: column 'maturity': {}", where, item,
                                   e.what()));
          continue;
        }
      }
    }
    decisions.push_back(std::move(decision));
  }
  problems.throw_if_any(source);

  SoaImport result;
  // A file without a maturity column leaves the recorded scores as they are.
  const bool maturity_column = at.contains("maturity");
  auto write = db.prepare(
      "INSERT INTO soa (requirement, applicable, justification, maturity) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (requirement) DO UPDATE SET applicable = excluded.applicable, "
      "justification = excluded.justification, maturity = CASE WHEN ?5 THEN excluded.maturity "
      "WHEN excluded.applicable = 0 THEN NULL ELSE maturity END");
  auto exists = db.prepare("SELECT 1 FROM soa WHERE requirement = ?");
  auto remove = db.prepare("DELETE FROM soa WHERE requirement = ?");
  for (const auto& decision : decisions) {
    if (decision.applicable) {
      if (decision.maturity)
        write.bind(4, static_cast<std::int64_t>(*decision.maturity));
      else
        write.bind_null(4);
      write.bind(1, decision.ref)
          .bind(2, *decision.applicable ? 1 : 0)
          .bind(3, nullable(decision.justification))
          .bind(5, maturity_column ? 1 : 0)
          .run();
      ++result.set;
    } else {
      exists.bind(1, decision.ref);
      const bool decided = exists.step();
      exists.reset();
      if (!decided) continue;
      remove.bind(1, decision.ref).run();
      ++result.cleared;
    }
    if (result.refs.size() < journal_refs) result.refs.push_back(decision.ref);
    ++result.total_refs;
  }
  return result;
}

}  // namespace riskmap
