#pragma once
// `framework import FILE.yaml`: a library's frameworks become catalogs and
// its mapping sets link the requirements of frameworks the workspace holds.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"
#include "framework.hpp"
#include "library.hpp"

namespace riskmap {

// A library file: by its extension (.yaml, .yml), else by its content (a
// top-level `objects:` or `urn:` line).
bool is_library_file(std::string_view file, std::string_view content);

struct LibraryImportOptions {
  std::string file;                // as given; "-" is stdin
  std::optional<std::string> id;   // the framework id, for a library of one framework
  bool replace = false;            // take the file even when the workspace holds a newer version
  Lang language = Lang::en;        // the workspace's: texts are taken in it when translated
};

struct MappingSetImport {
  std::string id, urn, source_framework, target_framework;
  std::size_t mappings = 0;
  bool replaced = false;
};

struct LibraryImport {
  std::vector<CatalogImport> frameworks;
  std::vector<std::string> unchanged;  // frameworks already imported at that version
  std::vector<MappingSetImport> mapping_sets;
  std::vector<std::string> notes;  // what was ignored, what fell away
};

// Imports inside the caller's transaction; every check runs before the first
// write that could be refused, and a refusal (ContentError, Conflict,
// UnknownRef) throws before anything is committed.
//
// Frameworks: assessable nodes become requirements, non-assessable ancestors
// their headings (the top one the part, the nearest the chapter). A
// requirement's id is its ref_id normalised (normalise_ref_id), else the last
// segment of its urn; the library's ref_id is kept as original_id. The
// framework id is options.id, else the id of the framework of that urn
// already in the workspace, else the library's ref_id made into an id
// (framework_id_from). A newer version of a framework the workspace holds
// replaces it (keeping decisions and citations that still resolve; refusing
// with the list those that would dangle); the same version changes nothing;
// an older one is a Conflict unless options.replace.
//
// Mapping sets: both frameworks must be in the workspace (or in the same
// file), else an UnknownRef naming them and the library's dependencies;
// every requirement urn must resolve, else a ContentError listing the bad
// mappings (file:line:column). A mapping set already imported is replaced.
LibraryImport import_library(Database& db, const std::string& text,
                             const LibraryImportOptions& options);

}  // namespace riskmap
