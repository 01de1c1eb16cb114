#include <doctest/doctest.h>

#include <sstream>

#include "action.hpp"
#include "asset.hpp"
#include "example.hpp"
#include "helpers.hpp"
#include "store.hpp"
#include "transfer.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

ImportResult import_text(Workspace& ws, const std::string& text, const EntityKind& kind,
                         OnConflict on_conflict = OnConflict::fail,
                         DataFormat format = DataFormat::csv) {
  std::istringstream in(text);
  ImportOptions options;
  options.kind = &kind;
  options.source = "in.csv";
  options.on_conflict = on_conflict;
  options.format = format;
  Transaction transaction(ws.db());
  auto result = import_records(ws, in, options);
  transaction.commit();
  return result;
}

std::string import_error(Workspace& ws, const std::string& text, const EntityKind& kind) {
  try {
    import_text(ws, text, kind);
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}

std::size_t count(Workspace& ws, const std::string& table) {
  return static_cast<std::size_t>(
      ws.db().query_integer("SELECT count(*) FROM " + table).value_or(0));
}

}  // namespace

TEST_SUITE("transfer") {
  TEST_CASE("bad rows are all reported, with line, column and value, and nothing is written") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const std::string text =
        "ref,name,kind,confidentiality,serves\n"
        "A1,Valeur,business-process,G2,\n"
        "A2,Serveur,srever,G9,\n"
        "A3,\"x\",server,,A7\n"
        "A4,only three,server\n";
    const std::string error = import_error(*ws, text, asset_kind());
    CHECK(error.find("in.csv: 4 errors; nothing was imported:") == 0);
    CHECK(
        error.find(
            "in.csv:3: column 'kind': 'srever' is not allowed for kind (did you mean 'server'?)") !=
        std::string::npos);
    CHECK(error.find("in.csv:3: column 'confidentiality': 'G9' is not on the impact scale") !=
          std::string::npos);
    CHECK(error.find("in.csv:5: 3 fields, but the header has 5 columns") != std::string::npos);
    CHECK(error.find("in.csv:4: asset A3: unknown asset 'A7' in serves") != std::string::npos);
    CHECK(count(*ws, "asset") == 0);
  }

  TEST_CASE("JSON numbers that are not whole numbers of a field are reported as written") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const auto error = [&](const std::string& cost) {
      try {
        import_text(*ws, R"([{"ref": "T1", "title": "x", "cost": )" + cost + "}]", action_kind(),
                    OnConflict::fail, DataFormat::json);
      } catch (const ContentError& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    for (const std::string cost :
         {"18446744073709551615", "9223372036854775808", "-9223372036854775809",
          "123456789012345678901234567890", "100000000000", "-1", "12.5", "1e3", "2E-5", "-0.0"}) {
      CAPTURE(cost);
      CHECK(error(cost).find("in.csv[1] (T1): column 'cost': '" + cost +
                             "' is not allowed for cost: a whole number from 0 to 99999999999") !=
            std::string::npos);
    }
    CHECK(error("1e400") == "in.csv:1: the number 1e400 is too large for any field");
    CHECK(error("99999999999") == "no error");
    CHECK(count(*ws, "action") == 1);
  }

  TEST_CASE("more than 20 bad rows: the first 20 and a count") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    std::string text = "ref,name,kind\n";
    for (int i = 1; i <= 25; ++i) text += "A" + std::to_string(i) + ",x,nope\n";
    const std::string error = import_error(*ws, text, asset_kind());
    CHECK(error.find("25 errors") != std::string::npos);
    CHECK(error.find("... and 5 more") != std::string::npos);
  }

  TEST_CASE("header problems") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    CHECK(import_error(*ws, "", asset_kind()).find("in.csv: the file is empty") == 0);
    CHECK(import_error(*ws, "ref,nmae\n", asset_kind())
              .find("in.csv:1: unknown column 'nmae' for assets (did you mean 'name'?)") == 0);
    CHECK(import_error(*ws, "ref,kind\nA1,server\n", asset_kind()).find("no 'name' column") !=
          std::string::npos);
    CHECK(import_error(*ws, "ref,name,name\n", asset_kind()).find("column 'name' appears twice") !=
          std::string::npos);
  }

  TEST_CASE("forward links inside one file, and on-conflict") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    import_text(*ws,
                "ref,name,kind,serves\nA2,Portail,application,A1\nA1,Valeur,business-process,\n",
                asset_kind());
    CHECK(count(*ws, "asset_serves") == 1);
    const std::string again = "ref,owner\nA1,DSI\nA3,\n";
    CHECK(import_error(*ws, "ref,name\nA1,x\n", asset_kind()).find("asset A1 already exists") !=
          std::string::npos);
    const auto skipped =
        import_text(*ws, "ref,name\nA1,Renamed\nA3,New\n", asset_kind(), OnConflict::skip);
    CHECK(skipped.counts[0].skipped == 1);
    CHECK(skipped.counts[0].added == 1);
    const auto updated = import_text(*ws, "ref,owner\nA1,DSI\n", asset_kind(), OnConflict::update);
    CHECK(updated.counts[0].updated == 1);
    RecordStore assets(*ws, asset_kind());
    const Record a1 = assets.get("A1");
    CHECK(std::get<std::string>(a1.values[asset_kind().index("owner")]) == "DSI");
    CHECK(std::get<std::string>(a1.values[asset_kind().index("name")]) ==
          "Valeur");  // not in the file: kept
  }

  TEST_CASE("export then import into a fresh workspace gives the same content") {
    TempDir dir;
    auto source = Workspace::create(dir / "a", InitOptions{});
    {
      Transaction transaction(source->db());
      load_example(*source);
      transaction.commit();
    }
    std::ostringstream json;
    export_all_json(*source, json, Lang::fr);
    auto target = Workspace::create(dir / "b", InitOptions{});
    {
      std::istringstream in(json.str());
      ImportOptions options;
      options.format = DataFormat::json;
      options.source = "all.json";
      Transaction transaction(target->db());
      import_records(*target, in, options);
      transaction.commit();
    }
    for (const char* table : {"asset", "asset_data", "asset_serves", "asset_tags", "scenario",
                              "scenario_assets", "scenario_criteria"}) {
      CAPTURE(table);
      const std::string sql =
          std::string(
              "SELECT group_concat(quote(ref) || '|' || quote(value), ';') FROM (SELECT * FROM ") +
          table + ")";
      if (std::string(table).find('_') != std::string::npos) {
        auto a = source->db().prepare(sql), b = target->db().prepare(sql);
        REQUIRE(a.step());
        REQUIRE(b.step());
        CHECK(a.text(0) == b.text(0));
      }
      CHECK(count(*source, table) == count(*target, table));
    }
    std::ostringstream again;
    export_all_json(*target, again, Lang::fr);
    CHECK(again.str() == json.str());
    CHECK(count(*source, "scenario") >= 20);
    CHECK(count(*source, "asset") >= 15);
  }
}
