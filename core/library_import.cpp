#include "library_import.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "error.hpp"
#include "problems.hpp"
#include "text.hpp"

namespace riskmap {

bool is_library_file(std::string_view file, std::string_view content) {
  const std::string extension = fold(std::filesystem::path(file).extension().string());
  if (extension == ".yaml" || extension == ".yml") return true;
  if (extension == ".csv" || extension == ".toml" || extension == ".json") return false;
  for (const std::string_view key : {"objects:", "urn:"})
    if (content.starts_with(key) || content.find("\n" + std::string(key)) != std::string::npos)
      return true;
  return false;
}

namespace {

// The first line of a text, cut at a character boundary after about 160
// bytes: a title for a requirement that the library gives no name.
std::string title_from(std::string_view text) {
  text = trim(text.substr(0, text.find('\n')));
  constexpr std::size_t longest = 160;
  if (text.size() <= longest) return std::string(text);
  std::size_t cut = longest;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out{trim(text.substr(0, cut))};
  return out + "…";
}

std::string urn_tail(std::string_view urn) {
  const auto colon = urn.rfind(':');
  return std::string(colon == std::string_view::npos ? urn : urn.substr(colon + 1));
}

std::string heading_label(const LibraryNode& node) {
  const std::string ref{trim(node.ref_id)};
  const std::string name{trim(node.name)};
  // "A.5 Organizational controls", but "Clauses" for ref_id "core": a ref_id
  // is shown when it numbers the heading.
  const bool numbers = std::any_of(ref.begin(), ref.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (numbers && !name.empty()) return name.starts_with(ref) ? name : ref + " " + name;
  if (!name.empty()) return name;
  if (!ref.empty()) return ref;
  return title_from(node.description);
}

Catalog catalog_of(const Library& library, const LibraryFramework& framework,
                   std::vector<std::string>& notes) {
  Catalog catalog;
  catalog.title = framework.name.text.empty() ? library.name.text : framework.name.text;
  catalog.version = library.version;
  catalog.urn = framework.urn;
  catalog.description =
      framework.description.text.empty() ? library.description.text : framework.description.text;
  catalog.language = framework.name.text.empty() ? library.name.language : framework.name.language;
  catalog.provider = library.provider;
  catalog.copyright = library.copyright;
  for (const auto& score : framework.scores)
    catalog.maturity.push_back(MaturityLevel{score.score, score.name, score.description});

  std::map<std::string, std::size_t, std::less<>> by_urn;
  Problems problems;
  for (std::size_t i = 0; i < framework.nodes.size(); ++i)
    if (auto [at, added] = by_urn.emplace(framework.nodes[i].urn, i); !added)
      problems.add(fmt::format("{}: urn {} appears twice (first at {})",
                               framework.nodes[i].origin, framework.nodes[i].urn,
                               framework.nodes[at->second].origin));
  problems.throw_if_any(framework.origin);
  std::set<std::string, std::less<>> taken;
  std::size_t renamed = 0;
  for (const auto& node : framework.nodes) {
    if (!node.assessable) continue;
    // Its headings: the ancestors that are not requirements, from the top.
    std::vector<std::string> headings;
    std::string parent = node.parent_urn;
    for (std::size_t hops = 0; !parent.empty() && hops < framework.nodes.size(); ++hops) {
      const auto found = by_urn.find(parent);
      if (found == by_urn.end()) break;
      const LibraryNode& ancestor = framework.nodes[found->second];
      if (!ancestor.assessable) headings.insert(headings.begin(), heading_label(ancestor));
      parent = ancestor.parent_urn;
    }
    Requirement r;
    std::string id = normalise_ref_id(node.ref_id);
    if (id.empty()) id = normalise_ref_id(urn_tail(node.urn));
    if (id.empty()) id = "REQ";
    if (taken.contains(id)) {  // two ref_ids that read the same once normalised
      const std::string stem = id.substr(0, 60);
      for (int n = 2; taken.contains(id); ++n) id = fmt::format("{}-{}", stem, n);
      ++renamed;
    }
    taken.insert(id);
    r.id = id;
    const std::string original{trim(node.ref_id)};
    if (!original.empty() && original != id) r.original_id = original;
    r.title = !trim(node.name).empty()          ? std::string(trim(node.name))
              : !trim(node.description).empty() ? title_from(node.description)
                                                : id;
    r.description = node.description;
    r.annotation = node.annotation;
    r.urn = node.urn;
    if (headings.size() == 1) r.chapter = headings.front();
    if (headings.size() >= 2) {
      r.part = headings.front();
      r.chapter = headings.back();
    }
    catalog.requirements.push_back(std::move(r));
  }
  if (renamed > 0)
    notes.push_back(fmt::format(
        "{}: {} requirement id{} read the same as another once normalised and took a suffix "
        "(-2, -3...)",
        framework.urn, renamed, renamed == 1 ? "" : "s"));
  if (catalog.requirements.empty())
    throw ContentError(fmt::format("{}: framework {} has no assessable requirement node",
                                   framework.origin, framework.urn));
  return catalog;
}

// A library's version as a number, for comparing; nullopt when it is not one.
std::optional<long long> version_number(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 15) return std::nullopt;
  long long value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::size_t mapping_count(Database& db) {
  auto count = db.prepare("SELECT count(*) FROM requirement_mapping");
  count.step();
  return static_cast<std::size_t>(count.integer(0));
}

void import_framework(Database& db, const Library& library, const LibraryFramework& framework,
                      const LibraryImportOptions& options, const std::string& source,
                      const std::string& origin, LibraryImport& result) {
  Catalog catalog = catalog_of(library, framework, result.notes);
  const auto existing = framework_of_urn(db, framework.urn);
  std::string id;
  if (options.id) {
    id = *options.id;
    if (existing && *existing != id)
      throw Conflict(fmt::format(
          "{}: framework {} is already in the workspace as {}; import it again without --id "
          "(or with --id {}) to update it",
          source, framework.urn, *existing, *existing));
  } else if (existing) {
    id = *existing;
  } else {
    const std::string& ref = library.frameworks.size() == 1 && !library.ref_id.empty()
                                 ? library.ref_id
                                 : framework.ref_id;
    id = framework_id_from(ref);
    if (id.empty()) id = framework_id_from(urn_tail(framework.urn));
    if (!is_valid_ref(id))
      throw ValueError(fmt::format(
          "{}: no framework id can be made of ref_id '{}'; give one with --id", source, ref));
  }
  bool replace = options.replace;
  if (existing) {
    const FrameworkInfo stored = get_framework(db, id);
    const auto old_version = version_number(stored.version);
    const auto new_version = version_number(catalog.version);
    if (old_version && new_version && *new_version == *old_version && !options.replace) {
      result.unchanged.push_back(fmt::format("{} (version {})", id, stored.version));
      return;
    }
    if (old_version && new_version && *new_version < *old_version && !options.replace)
      throw Conflict(fmt::format(
          "{}: the workspace holds version {} of framework {}, newer than this file's version "
          "{}; --replace takes the file's all the same",
          source, stored.version, id, catalog.version));
    replace = true;
  }
  // A requirement urn names one requirement in the whole workspace.
  {
    std::map<std::string, std::string, std::less<>> elsewhere;
    auto others = db.prepare(
        "SELECT urn, framework FROM requirement WHERE framework <> ? AND urn IS NOT NULL");
    others.bind(1, id);
    while (others.step()) elsewhere.emplace(others.text(0), others.text(1));
    Problems clashes;
    for (const auto& r : catalog.requirements)
      if (const auto found = elsewhere.find(r.urn); found != elsewhere.end())
        clashes.add(fmt::format("{}: urn {} is already a requirement of framework {}", r.id,
                                r.urn, found->second));
    if (clashes.count() > 0)
      throw Conflict(clashes.text(fmt::format(
          "{}: framework {} names requirements by urns that another framework of the "
          "workspace holds, so nothing was imported",
          source, id)));
  }
  const std::size_t mappings_before = mapping_count(db);
  result.frameworks.push_back(store_catalog(db, id, catalog, origin, source, replace));
  if (const std::size_t after = mapping_count(db); after < mappings_before)
    result.notes.push_back(fmt::format(
        "{} mapping{} named requirements that {} no longer has and {} dropped",
        mappings_before - after, mappings_before - after == 1 ? "" : "s", id,
        mappings_before - after == 1 ? "was" : "were"));
}

void import_mapping_set(Database& db, const Library& library, const LibraryMappingSet& set,
                        const std::string& source, const std::string& origin,
                        LibraryImport& result) {
  const auto from = framework_of_urn(db, set.source_framework_urn);
  const auto to = framework_of_urn(db, set.target_framework_urn);
  if (!from || !to) {
    std::vector<std::string> missing;
    if (!from) missing.push_back(set.source_framework_urn);
    if (!to && set.target_framework_urn != set.source_framework_urn)
      missing.push_back(set.target_framework_urn);
    throw UnknownRef(fmt::format(
        "{}: mapping set {} links frameworks the workspace does not hold: {}; import {} first "
        "(riskmap framework import FILE.yaml){}",
        set.origin, set.urn, join(missing, ", "), missing.size() == 1 ? "it" : "them",
        library.dependencies.empty()
            ? std::string()
            : fmt::format("; the library depends on {}", join(library.dependencies, ", "))));
  }
  // Every requirement of both frameworks by urn, read once.
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> by_urn;
  auto requirements =
      db.prepare("SELECT urn, ref, framework FROM requirement WHERE framework IN (?1, ?2) "
                 "AND urn IS NOT NULL");
  requirements.bind(1, *from).bind(2, *to);
  while (requirements.step())
    by_urn.emplace(std::string(requirements.text(0)),
                   std::pair{std::string(requirements.text(1)), std::string(requirements.text(2))});
  Problems problems;
  const auto resolve = [&](const std::string& urn, const std::string& framework,
                           const LibraryMapping& mapping, const char* side) -> std::string {
    const auto found = by_urn.find(urn);
    if (found == by_urn.end() || found->second.second != framework) {
      problems.add(fmt::format("{}: {} requirement {} is not a requirement of framework {}",
                               mapping.origin, side, urn, framework));
      return {};
    }
    return found->second.first;
  };
  struct Link {
    std::string source, target;
    const LibraryMapping* mapping;
  };
  std::vector<Link> links;
  links.reserve(set.mappings.size());
  for (const auto& mapping : set.mappings) {
    std::string a = resolve(mapping.source_urn, *from, mapping, "source");
    std::string b = resolve(mapping.target_urn, *to, mapping, "target");
    if (!a.empty() && !b.empty()) links.push_back(Link{std::move(a), std::move(b), &mapping});
  }
  problems.throw_if_any(source);

  MappingSetImport out;
  out.urn = set.urn;
  out.id = normalise_ref_id(set.ref_id.empty() ? urn_tail(set.urn) : set.ref_id);
  out.source_framework = *from;
  out.target_framework = *to;
  auto existed = db.prepare("DELETE FROM mapping_set WHERE urn = ? RETURNING urn");
  existed.bind(1, set.urn);
  out.replaced = existed.step();
  existed.reset();
  auto insert_set = db.prepare(
      "INSERT INTO mapping_set (urn, id, name, source_framework, target_framework, source) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  insert_set.bind(1, set.urn)
      .bind(2, out.id)
      .bind(3, set.name)
      .bind(4, *from)
      .bind(5, *to)
      .bind(6, origin)
      .run();
  auto insert = db.prepare(
      "INSERT INTO requirement_mapping (mapping_set, source, target, relationship, annotation) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET relationship = excluded.relationship, "
      "annotation = excluded.annotation");
  for (const auto& link : links) {
    insert.bind(1, set.urn)
        .bind(2, link.source)
        .bind(3, link.target)
        .bind(4, to_string(link.mapping->relationship))
        .bind(5, link.mapping->annotation.empty() ? std::optional<std::string>()
                                                  : std::optional(link.mapping->annotation))
        .run();
  }
  auto count = db.prepare("SELECT count(*) FROM requirement_mapping WHERE mapping_set = ?");
  count.bind(1, set.urn);
  count.step();
  out.mappings = static_cast<std::size_t>(count.integer(0));
  result.mapping_sets.push_back(std::move(out));
}

}  // namespace

LibraryImport import_library(Database& db, const std::string& text,
                             const LibraryImportOptions& options) {
  const bool from_stdin = options.file == "-";
  const std::string source = from_stdin ? "stdin" : options.file;
  const std::string origin =
      from_stdin ? source : std::filesystem::path(options.file).filename().string();
  if (options.id) check_framework_id(*options.id);
  const Library library = read_library(text, source, options.language);
  if (library.frameworks.empty() && library.mapping_sets.empty()) {
    if (library.risk_matrices > 0)
      throw ContentError(fmt::format(
          "{}: the library holds a risk matrix, not a framework: apply it as the rating method "
          "with riskmap method apply {} --appetite LEVEL",
          source, options.file));
    throw ContentError(fmt::format(
        "{}: the library holds none of framework, risk_matrix, requirement_mapping_set (it "
        "holds: {}); nothing was imported",
        source, library_contents(library)));
  }
  if (options.id && library.frameworks.size() != 1)
    throw ValueError(fmt::format("--id names one framework, but {} holds {}", source,
                                 library.frameworks.size()));
  LibraryImport result;
  for (const auto& framework : library.frameworks)
    import_framework(db, library, framework, options, source, origin, result);
  for (const auto& set : library.mapping_sets)
    import_mapping_set(db, library, set, source, origin, result);
  if (library.risk_matrices > 0)
    result.notes.push_back(fmt::format(
        "the library's risk matrix was not applied: riskmap method apply {} --appetite LEVEL "
        "makes it the rating method",
        options.file));
  if (!library.ignored.empty())
    result.notes.push_back(fmt::format("ignored what riskmap does not use: {}",
                                       join(library.ignored, ", ")));
  return result;
}

}  // namespace riskmap
