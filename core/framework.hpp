#pragma once
// Frameworks: catalogs of requirements (a directive's measures, ISO 27001
// Annex A, NIST CSF...) that controls cite as FRAMEWORK:ID, and the statement
// of applicability per framework. NIST CSF 2.0 (public domain) is built in;
// catalogs under copyright are imported by their users.
#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"

namespace riskmap {

// Fills a new database with the built-in catalogs (a migration step).
void install_builtin_frameworks(Database& db);

// A step of a framework's maturity scale ("3 Défini").
struct MaturityLevel {
  long long score = 0;
  std::string name, description;
};

struct FrameworkInfo {
  std::string id;  // "NIST-CSF"
  std::string title;
  std::string version;  // may be empty
  std::string source;   // "built-in", or the file it was imported from
  std::size_t requirements = 0;
  // From a YAML library; empty otherwise.
  std::string urn, description, language, provider, copyright;
  std::vector<MaturityLevel> maturity;  // the framework's maturity scale, lowest first
};
std::vector<FrameworkInfo> list_frameworks(Database& db);  // by id
// Throws UnknownRef (with a suggestion) for an unknown framework.
FrameworkInfo get_framework(Database& db, std::string_view id);

struct Requirement {
  std::string framework, id, title, part, chapter;  // part, chapter may be empty
  // From a YAML library; empty otherwise. `original_id` is the ref_id as the
  // library writes it when the id had to be normalised.
  std::string description = {}, annotation = {}, urn = {}, original_id = {};
};
// The heading a requirement is grouped under: its part, else its chapter.
const std::string& heading_of(const Requirement& requirement);
// The requirements of a framework in catalog order. Throws UnknownRef for an
// unknown framework.
std::vector<Requirement> list_requirements(Database& db, std::string_view framework);

// --- Importing a catalog -----------------------------------------------------

enum class CatalogFormat { csv, toml, json };
// "csv", "toml" or "json"; anything else is a ValueError listing them.
CatalogFormat parse_catalog_format(std::string_view text);
// By the file's extension (.csv, .toml, .json), else by the content's first
// character that is not a space: '{' JSON, '[' TOML, anything else CSV.
CatalogFormat detect_catalog_format(std::string_view file, std::string_view content);

// A catalog as a file gives it, checked: every requirement has a valid,
// unique id and a title.
struct Catalog {
  std::string id, title, version;         // empty when the file does not say
  std::string id_origin;                  // where the file gives the id ("file:line:column")
  std::vector<Requirement> requirements;  // in file order; `framework` left empty
  // What a YAML library says of its framework; empty otherwise.
  std::string urn, description, language, provider, copyright;
  std::vector<MaturityLevel> maturity;
};
// CSV: a header naming id, title and optionally part, chapter, in any order.
// TOML: an optional [framework] table (id, title, version) and [[requirement]]
// tables (id, title, part, chapter). JSON: an OSCAL catalog, whose groups
// give the headings (a top group the part and a nested group the chapter, or
// a single level of groups the chapter) and whose controls and their nested
// enhancements are the requirements.
// A malformed file throws ContentError at its first error ("source:line[:column]:
// ..."); bad requirements are all reported in one ContentError (the first 20,
// then a count).
Catalog read_catalog(std::istream& in, CatalogFormat format, const std::string& source);

// A framework id is a ref: letters, digits, '.', '_', '-'. Throws ValueError.
void check_framework_id(std::string_view id);

struct CatalogOptions {
  std::optional<CatalogFormat> format;  // detected when unset
  std::string file;                     // as given; "-" reads stdin. Its stem is the default id.
  // From the command line; they win over what the file says.
  std::optional<std::string> id, title, version;
  bool replace = false;  // an existing framework of that id is replaced
};
struct CatalogImport {
  std::string framework;
  std::size_t requirements = 0;                  // in the new catalog
  std::size_t added = 0, kept = 0, removed = 0;  // against the replaced one
  bool replaced = false;
};
// Imports a catalog inside the caller's transaction. The id comes from
// options.id, else the file, else the file's stem upper-cased. An existing
// id is a Conflict unless `replace`; a replacement keeps the requirements
// that stay (and the controls' citations and SoA decisions on them) and is a
// Conflict listing them when requirements that controls cite or that carry
// an SoA decision would disappear.
CatalogImport import_catalog(Database& db, std::istream& in, const CatalogOptions& options);

// Stores a checked catalog under `id` as import_catalog does (the same
// replacement rules; `origin` is what the framework records as its source,
// `source` names the file in messages).
CatalogImport store_catalog(Database& db, const std::string& id, const Catalog& catalog,
                            const std::string& origin, const std::string& source, bool replace);
// The id of the framework of that urn, if the workspace holds it.
std::optional<std::string> framework_of_urn(Database& db, std::string_view urn);

// --- Statement of applicability ------------------------------------------------

// What a control citing a requirement brings to it.
enum class Coverage {
  none,         // no control cites it, or only abandoned ones
  planned,      // cited by planned or in-progress controls only
  implemented,  // cited by at least one existing or done control
};
std::string_view to_string(Coverage coverage);   // "none", "planned", "implemented"
Coverage parse_coverage(std::string_view text);  // throws ValueError
// The coverage the citing controls in these states bring.
Coverage coverage_of(std::span<const std::string> control_states);

// yes/no, oui/non, true/false (any case, accents ignored). Throws ValueError.
bool parse_applicable(std::string_view text);

// What a control citing another framework's requirement brings to this one
// through a mapping (framework_mapping.hpp).
struct MappedCoverage {
  std::string requirement;    // the cited requirement, "ISO-IEC-27001-2022:A.5.1"
  std::string relationship;   // of the cited requirement to this one: equal, superset, subset, intersect
  bool full = false;          // equal or superset: the cited requirement holds this one whole
  std::vector<std::string> controls;  // the controls citing it, natural order
  Coverage coverage = Coverage::none;  // what they bring
};

// Where a requirement stands, all citations and mappings counted.
enum class Compliance {
  uncovered,  // nothing implemented answers it, not even in part
  planned,    // only planned controls answer it (directly or through a mapping)
  partly,     // an implemented control answers it through a partial mapping (subset, intersect)
  covered,    // an implemented control cites it, or one that holds it whole (equal, superset)
};
std::string_view to_string(Compliance compliance);   // "uncovered", "planned", "partly", "covered"
Compliance parse_compliance(std::string_view text);  // throws ValueError

// One line of a statement of applicability.
struct SoaRow {
  Requirement requirement;
  std::optional<bool> applicable;  // not decided yet when unset
  std::string justification;
  std::vector<std::string> controls;        // refs of the controls citing it, natural order
  std::vector<std::string> control_states;  // their states, in the same order
  std::vector<std::string> scenarios;       // scenarios those controls are linked to
  Coverage coverage = Coverage::none;  // what the controls citing it directly bring
  std::optional<long long> maturity;   // on the framework's maturity scale, when recorded
  std::vector<MappedCoverage> via;     // coverage through mappings, by cited requirement
  Compliance compliance = Compliance::uncovered;
};
// The standing of a requirement from its direct coverage and its mappings.
Compliance compliance_of(Coverage direct, std::span<const MappedCoverage> via);
// Every requirement of `framework` in catalog order, with its SoA decision and
// coverage; reads each table once. Throws UnknownRef for an unknown framework.
void for_each_soa_row(Database& db, std::string_view framework,
                      const std::function<void(const SoaRow&)>& visit);

// The ref (FRAMEWORK:ID) of a requirement named by its id, or by its ref.
// Throws UnknownRef with a suggestion for an unknown framework or item.
std::string requirement_ref(Database& db, std::string_view framework, std::string_view item);

// Records a decision on requirements of a framework (ids or refs). An
// exclusion needs a justification (ValueError); an empty justification is
// stored as none. Returns the refs written.
std::vector<std::string> set_soa(Database& db, std::string_view framework,
                                 std::span<const std::string> items, bool applicable,
                                 std::string_view justification);
// A maturity score read on a framework's scale: the score ("3") or its name
// ("Défini", case and accents ignored). Throws ValueError listing the scale,
// or saying the framework has none.
long long parse_maturity(const FrameworkInfo& framework, std::string_view text);
// Records a maturity score on requirements (ids or refs). A requirement
// without a decision is marked applicable; a not-applicable one is refused
// (ValueError). Returns the refs written.
std::vector<std::string> set_maturity(Database& db, std::string_view framework,
                                      std::span<const std::string> items, long long score);
// Removes the decisions; returns the refs that had one.
std::vector<std::string> clear_soa(Database& db, std::string_view framework,
                                   std::span<const std::string> items);

struct SoaImport {
  std::size_t set = 0, cleared = 0;
  std::vector<std::string> refs;  // refs written, for the journal (the first ones)
  std::size_t total_refs = 0;
};
// Reads the CSV that `soa list --format csv` writes (columns requirement,
// applicable, justification; the listing's computed columns are ignored)
// into the decisions of `framework`, inside the caller's transaction: an
// empty `applicable` clears a decision. Every bad row is reported (the first
// 20, then a count) in one ContentError, and nothing is written.
SoaImport import_soa(Database& db, std::string_view framework, std::istream& in,
                     const std::string& source);

}  // namespace riskmap
