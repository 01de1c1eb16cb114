#pragma once
// Libraries of frameworks and mappings in the YAML format that CISO
// Assistant publishes (one file a library): what riskmap reads of them.
// riskmap reads these files as users download them and ships none.
//
// A library has meta data (urn, locale, ref_id, name, version, provider,
// copyright, dependencies...) and `objects`: `framework` (a tree of
// requirement nodes: headings and assessable requirements), `risk_matrix`
// (read by risk_matrix.hpp) and `requirement_mapping_set` (links between the
// requirements of two frameworks). Other objects (threats, reference
// controls...) are reported as ignored.
#include <string>
#include <string_view>
#include <vector>

#include "method.hpp"

namespace YAML {
class Node;
}

namespace riskmap {

// The `objects` map of a parsed library file; a ContentError when `root` is
// not a library (not a map, or no map under `objects`). Every reader of
// libraries starts here.
YAML::Node library_objects(const YAML::Node& root, const std::string& source);
// The library's language as a code, the key of its translations: "fr" of
// "fr", "FR", "fr-CA" or "fr_FR"; "en" when the library does not say.
std::string library_locale(const YAML::Node& root, const std::string& source);

// A text of the library in the language it was taken in.
struct LibraryText {
  std::string text;
  std::string language;  // "fr", "en"...: the translation used, or the library's locale
};

struct LibraryScore {
  long long score = 0;
  std::string name, description;
};

struct LibraryNode {
  std::string urn, parent_urn;
  std::string ref_id;  // as the file writes it (may be empty, may hold spaces)
  std::string name, description, annotation, typical_evidence;
  int depth = 0;  // 0 when the file does not say
  bool assessable = false;
  std::string origin;  // "file:line:column"
};

struct LibraryFramework {
  std::string urn, ref_id;
  LibraryText name, description;
  std::vector<LibraryScore> scores;  // the maturity scale, lowest first; may be empty
  std::vector<LibraryNode> nodes;    // in file order
  std::string origin;
};

enum class Relationship { equal, subset, superset, intersect };
std::string_view to_string(Relationship relationship);
// Throws ValueError listing the four.
Relationship parse_relationship(std::string_view text);

struct LibraryMapping {
  std::string source_urn, target_urn;  // requirement nodes
  Relationship relationship = Relationship::intersect;
  std::string annotation;
  std::string origin;
};

struct LibraryMappingSet {
  std::string urn, ref_id, name;
  std::string source_framework_urn, target_framework_urn;
  std::vector<LibraryMapping> mappings;
  std::string origin;
};

struct Library {
  std::string urn, locale, ref_id, version, provider, copyright, packager;
  LibraryText name, description;
  std::vector<std::string> dependencies;  // urns of the libraries it builds on
  std::vector<LibraryFramework> frameworks;
  std::vector<LibraryMappingSet> mapping_sets;
  std::size_t risk_matrices = 0;
  std::vector<std::string> ignored;  // the other object kinds it holds, in file order
};

// Reads a library, taking each text in `language` when the file has a
// translation for it, else in the library's own (`locale`). Throws
// ContentError "source:line:column: what" for a file that is not YAML, not a
// library, or whose objects are malformed; every bad node of a framework or
// mapping is reported (the first 20, then a count).
Library read_library(const std::string& text, const std::string& source, Lang language);

// The object kinds a library holds, for messages: "framework, threats".
std::string library_contents(const Library& library);

// A requirement id from a library's ref_id: whitespace removed, every other
// character that a ref does not allow turned into '-' (runs of them into
// one), leading and trailing '-', '.', '_' dropped, at most 64 characters.
// Empty when nothing is left.
std::string normalise_ref_id(std::string_view ref_id);
// A framework id from a library's ref_id: normalised as above except that
// whitespace separates words like any other character a ref does not allow,
// then upper-cased ("ISO/IEC 27001:2022" -> "ISO-IEC-27001-2022").
std::string framework_id_from(std::string_view ref_id);

}  // namespace riskmap
