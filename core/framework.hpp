#pragma once
// Frameworks: catalogs of requirements (a directive's measures, ISO 27001
// Annex A, NIST CSF...) that controls cite as FRAMEWORK:ID, and the statement
// of applicability per framework. NIST CSF 2.0 (public domain) is built in;
// catalogs under copyright are imported by their users.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"

namespace riskmap {

// Fills a new database with the built-in catalogs (a migration step).
void install_builtin_frameworks(Database& db);

struct FrameworkInfo {
  std::string id;  // "NIST-CSF"
  std::string title;
  std::string version;  // may be empty
  std::string source;   // "built-in", or the file it was imported from
  std::size_t requirements = 0;
};
std::vector<FrameworkInfo> list_frameworks(Database& db);  // by id
// Throws UnknownRef (with a suggestion) for an unknown framework.
FrameworkInfo get_framework(Database& db, std::string_view id);

struct Requirement {
  std::string framework, id, title, part, chapter;  // part, chapter may be empty
};

// What a control citing a requirement brings to it.
enum class Coverage {
  none,         // no control cites it, or only abandoned ones
  planned,      // cited by planned or in-progress controls only
  implemented,  // cited by at least one existing or done control
};
std::string_view to_string(Coverage coverage);  // "none", "planned", "implemented"

// One line of a statement of applicability.
struct SoaRow {
  Requirement requirement;
  std::optional<bool> applicable;  // not decided yet when unset
  std::string justification;
  std::vector<std::string> controls;        // refs of the controls citing it, natural order
  std::vector<std::string> control_states;  // their states, in the same order
  std::vector<std::string> scenarios;       // scenarios those controls are linked to
  Coverage coverage = Coverage::none;
};
// Every requirement of `framework` in catalog order, with its SoA decision and
// coverage; reads each table once. Throws UnknownRef for an unknown framework.
void for_each_soa_row(Database& db, std::string_view framework,
                      const std::function<void(const SoaRow&)>& visit);

}  // namespace riskmap
