#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "db.hpp"

using namespace riskmap;

namespace {

// A database whose every write to a table is copied to `log` by a temporary
// trigger that first_write adds, as the journal of changes does.
struct Watched {
  std::unique_ptr<Database> db = Database::scratch();
  std::vector<std::string> first_writes;

  Watched() {
    db->exec(
        "CREATE TABLE parent (id TEXT PRIMARY KEY, name TEXT);"
        "CREATE TABLE child (id TEXT PRIMARY KEY, parent TEXT REFERENCES parent(id) "
        "ON DELETE CASCADE);"
        "CREATE TABLE counter (n INTEGER);"
        "CREATE TABLE log (tbl TEXT, what TEXT, key TEXT);"
        "INSERT INTO counter VALUES (0);"
        "CREATE TRIGGER parent_counted AFTER INSERT ON parent BEGIN "
        "UPDATE counter SET n = n + 1; END;"
        "INSERT INTO parent VALUES ('P0', 'before');"
        "INSERT INTO child VALUES ('C0', 'P0');");
  }

  void watch() {
    db->watch_writes(
        [this](const std::string& table) {
          first_writes.push_back(table);
          for (const char* what : {"INSERT", "DELETE", "UPDATE"}) {
            const std::string row = std::string(what) == "INSERT" ? "NEW" : "OLD";
            db->exec("CREATE TEMP TRIGGER log_" + table + "_" + what + " AFTER " + what +
                     " ON main." + table + " BEGIN INSERT INTO log VALUES ('" + table + "', '" +
                     what + "', " + row + ".rowid); END");
          }
        },
        {"log"});
  }

  std::vector<std::string> logged() {
    std::vector<std::string> out;
    auto rows = db->prepare("SELECT tbl || ' ' || what FROM log ORDER BY rowid");
    while (rows.step()) out.emplace_back(rows.text(0));
    return out;
  }
};

}  // namespace

TEST_SUITE("database") {
  TEST_CASE("a table's first write is settled before the statement runs, once per table") {
    Watched w;
    w.watch();
    CHECK(w.db->watching_writes());
    CHECK(w.first_writes.empty());
    w.db->prepare("UPDATE parent SET name = 'after' WHERE id = 'P0'").run();
    w.db->prepare("UPDATE parent SET name = 'again' WHERE id = 'P0'").run();
    // Reads hand nothing over.
    CHECK(w.db->query_integer("SELECT count(*) FROM child") == 1);
    CHECK(w.first_writes == std::vector<std::string>{"parent"});
    CHECK(w.logged() == std::vector<std::string>{"parent UPDATE", "parent UPDATE"});
  }

  TEST_CASE("writes through a trigger and through a foreign key's action are met too") {
    Watched w;
    w.db->exec("PRAGMA foreign_keys = ON");
    w.watch();
    w.db->prepare("INSERT INTO parent VALUES ('P1', 'new')").run();
    CHECK(w.first_writes == std::vector<std::string>{"parent", "counter"});
    w.db->prepare("DELETE FROM parent WHERE id = 'P0'").run();
    CHECK(w.first_writes == std::vector<std::string>{"parent", "counter", "child"});
    CHECK(w.db->query_integer("SELECT count(*) FROM child") == 0);
    auto logged = w.logged();
    std::sort(logged.begin(), logged.end());
    CHECK(logged == std::vector<std::string>{"child DELETE", "counter UPDATE", "parent DELETE",
                                             "parent INSERT"});
  }

  TEST_CASE("a statement compiled before watching began is compiled again under it") {
    Watched w;
    auto early = w.db->prepare("UPDATE parent SET name = ? WHERE id = 'P0'");
    w.watch();
    early.bind(1, "late").run();
    CHECK(w.first_writes == std::vector<std::string>{"parent"});
    CHECK(w.logged() == std::vector<std::string>{"parent UPDATE"});
    // Compiled again after the triggers were added, it still runs them.
    early.bind(1, "later").run();
    CHECK(w.logged() == std::vector<std::string>{"parent UPDATE", "parent UPDATE"});
  }

  TEST_CASE("several statements in one exec: each settled before it runs, blanks and comments skipped") {
    Watched w;
    w.watch();
    w.db->exec(
        "INSERT INTO child VALUES ('C1', 'P0');  -- one\n"
        "UPDATE parent SET name = 'x';\n  /* two */ DELETE FROM child WHERE id = 'C0';  \n");
    CHECK(w.first_writes == std::vector<std::string>{"child", "parent"});
    CHECK(w.logged() ==
          std::vector<std::string>{"child INSERT", "parent UPDATE", "child DELETE"});
    // An error in a later statement still names it; the earlier ones ran.
    CHECK_THROWS_WITH_AS(w.db->exec("UPDATE parent SET name = 'y'; UPDATE nowhere SET a = 1"),
                         doctest::Contains("no such table: nowhere"), DatabaseError);
    CHECK(w.db->query_integer("SELECT count(*) FROM parent WHERE name = 'y'") == 1);
  }

  TEST_CASE("tables never handed over, and the other databases, are written freely") {
    Watched w;
    w.watch();
    w.db->exec("CREATE TEMP TABLE scratch (a); INSERT INTO scratch VALUES (1)");
    w.db->prepare("INSERT INTO log VALUES ('by hand', 'x', 1)").run();
    CHECK(w.first_writes.empty());
  }
}
