#include "framework.hpp"

#include <sstream>

#include <fmt/format.h>

#include "csv.hpp"
#include "embedded.hpp"
#include "error.hpp"

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

}  // namespace riskmap
