#include <doctest/doctest.h>

#include <sys/stat.h>

#include <array>
#include <filesystem>

#include "db.hpp"
#include "helpers.hpp"
#include "schema.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

TEST_SUITE("schema") {
  TEST_CASE("a new database gets the whole schema, and no backup") {
    TempDir dir;
    Database db(dir / "riskmap.db", true);
    CHECK(migrate(db).empty());
    CHECK(db.user_version() == schema_version());
    CHECK(db.query_integer("SELECT count(*) FROM sqlite_schema WHERE name = 'scenario'") == 1);
    CHECK(migrate(db).empty());  // nothing more to do
  }

  TEST_CASE("an older database is migrated step by step, after a backup copy") {
    TempDir dir;
    const std::array<Migration, 2> steps{
        Migration{1, "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1);"},
        Migration{2, "ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x';"}};
    {
      Database db(dir / "riskmap.db", true);
      migrate(db, std::span(steps).first(1));
      CHECK(db.user_version() == 1);
    }
    Database db(dir / "riskmap.db", false);
    const auto backup = migrate(db, steps);
    CHECK(backup == dir / "riskmap.db.bak-v1");
    CHECK(db.user_version() == 2);
    CHECK(db.query_integer("SELECT count(*) FROM t WHERE b = 'x'") == 1);
    Database old(backup, false);
    CHECK(old.user_version() == 1);
    CHECK(old.query_integer("SELECT count(*) FROM t") == 1);
  }

  TEST_CASE("a failing migration leaves the database as it was: the steps are one transaction") {
    TempDir dir;
    const std::array<Migration, 3> steps{
        Migration{1, "CREATE TABLE t (a INTEGER);"}, Migration{2, "CREATE TABLE v (a);"},
        Migration{3, "CREATE TABLE u (a); CREATE TABLE t (again);"}};
    {
      Database db(dir / "riskmap.db", true);
      migrate(db, std::span(steps).first(1));
    }
    Database db(dir / "riskmap.db", false);
    CHECK_THROWS_AS(migrate(db, steps), DatabaseError);
    CHECK(db.user_version() == 1);
    CHECK(db.query_integer("SELECT count(*) FROM sqlite_schema WHERE name IN ('u', 'v')") == 0);
  }

  TEST_CASE("the backup copy is readable by its owner only, whatever the umask") {
    TempDir dir;
    const std::array<Migration, 2> steps{Migration{1, "CREATE TABLE t (a INTEGER);"},
                                         Migration{2, "CREATE TABLE u (a);"}};
    {
      Database db(dir / "riskmap.db", true);
      migrate(db, std::span(steps).first(1));
    }
    const mode_t old_mask = ::umask(022);
    Database db(dir / "riskmap.db", false);
    const auto backup = migrate(db, steps);
    ::umask(old_mask);
    struct stat info {};
    REQUIRE(::stat(backup.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    // Nothing else is left beside it: the staging folder is gone.
    std::size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
      entries += entry.path().filename().string().starts_with(".riskmap-staging-");
    CHECK(entries == 0);
  }

  TEST_CASE("a database from a newer riskmap is refused") {
    TempDir dir;
    Database db(dir / "riskmap.db", true);
    migrate(db);
    db.set_user_version(schema_version() + 1);
    try {
      migrate(db);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("written by a newer riskmap") != std::string::npos);
    }
  }
}
