#pragma once
// Frameworks: catalogs of requirements (a directive's measures, ISO 27001
// Annex A, NIST CSF...) that controls cite as FRAMEWORK:ID, and the statement
// of applicability per framework. NIST CSF 2.0 (public domain) is built in;
// catalogs under copyright are imported by their users.
#include "db.hpp"

namespace riskmap {

// Fills a new database with the built-in catalogs (a migration step).
void install_builtin_frameworks(Database& db);

}  // namespace riskmap
