#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "db.hpp"
#include "row_batch.hpp"

using namespace riskmap;

namespace {

// Each row riskmap_rows gives, its cells as "type:value" joined with "|".
std::vector<std::string> read(Database& db, RowBatch& batch) {
  auto rows = db.prepare(
      "SELECT typeof(c0) || ':' || coalesce(c0, ''), typeof(c1) || ':' || coalesce(c1, ''), "
      "typeof(c2) || ':' || coalesce(hex(c2), ''), typeof(c3) FROM riskmap_rows(?)");
  batch.bind(rows, 1);
  std::vector<std::string> out;
  while (rows.step())
    out.push_back(std::string(rows.text(0)) + "|" + std::string(rows.text(1)) + "|" +
                  std::string(rows.text(2)) + "|" + std::string(rows.text(3)));
  return out;
}

}  // namespace

TEST_SUITE("row batch") {
  TEST_CASE("SQL reads the rows as added, or by key in byte order") {
    auto db = Database::scratch();
    RowBatch batch(3);
    batch.add_text("R2");
    batch.add(-5);
    batch.add_null();
    batch.add_text("R10");
    batch.add_text("Sécurité");
    batch.add_text(std::string("a\0b", 3));
    batch.add_text("R1");
    batch.add(std::int64_t{1} << 40);
    batch.add_text("");
    CHECK(batch.rows() == 3);
    CHECK(read(*db, batch) == std::vector<std::string>{"text:R2|integer:-5|null:|null",
                                                       "text:R10|text:Sécurité|text:610062|null",
                                                       "text:R1|integer:1099511627776|text:|null"});
    batch.set_order(RowBatch::Order::key);
    CHECK(read(*db, batch) == std::vector<std::string>{"text:R1|integer:1099511627776|text:|null",
                                                       "text:R10|text:Sécurité|text:610062|null",
                                                       "text:R2|integer:-5|null:|null"});
  }

  TEST_CASE("one statement copies the rows into a table") {
    auto db = Database::scratch();
    db->exec("CREATE TABLE t (k TEXT PRIMARY KEY, v) WITHOUT ROWID");
    RowBatch batch(2);
    for (const char* key : {"b", "é", "a", "Z"}) {
      batch.add_text(key);
      batch.add(static_cast<std::int64_t>(std::string(key).size()));
    }
    batch.set_order(RowBatch::Order::key);
    auto insert = db->prepare("INSERT INTO t SELECT c0, c1 FROM riskmap_rows(?)");
    batch.bind(insert, 1);
    insert.run();
    auto rows = db->prepare("SELECT group_concat(k || '=' || v, ' ') FROM t");
    REQUIRE(rows.step());
    CHECK(rows.text(0) == "Z=1 a=1 b=1 é=2");
  }

  TEST_CASE("an empty batch has no row; cleared, a batch starts again") {
    auto db = Database::scratch();
    RowBatch batch(1);
    CHECK(read(*db, batch).empty());
    batch.add_text("R1");
    batch.clear();
    CHECK(batch.empty());
    batch.add_text("R9");
    CHECK(read(*db, batch) == std::vector<std::string>{"text:R9|null:|null:|null"});
  }

  TEST_CASE("misuse is refused") {
    auto db = Database::scratch();
    CHECK_THROWS_AS(RowBatch(0), Error);
    CHECK_THROWS_AS(RowBatch(RowBatch::max_columns + 1), Error);
    RowBatch batch(2);
    batch.add_text("R1");
    auto rows = db->prepare("SELECT c0 FROM riskmap_rows(?)");
    CHECK_THROWS_AS(batch.bind(rows, 1), Error);  // half a row
    CHECK_THROWS_AS(db->prepare("SELECT c0 FROM riskmap_rows"), DatabaseError);  // no batch
  }
}
