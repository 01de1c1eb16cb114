#include <doctest/doctest.h>

#include "report/method_kit.hpp"

using namespace riskmap;

TEST_SUITE("method kit") {
  TEST_CASE("the ref after a ref goes on with its number") {
    CHECK(following_ref("A28") == "A29");
    CHECK(following_ref("A-YB-9") == "A-YB-10");
    CHECK(following_ref("ER099") == "ER100");
    CHECK(following_ref("SITE") == "SITE-2");
  }

  TEST_CASE("an owner goes into a command line only as a shell reads it back") {
    CHECK(shell_quoted("Responsable exploitation") == "\"Responsable exploitation\"");
    CHECK(shell_quoted("Directeur d’agence") == "\"Directeur d’agence\"");
    CHECK(shell_quoted("O'Brien") == "\"O'Brien\"");
    for (const char* unsafe : {"a \"b\"", "$(rm -rf x)", "`id`", "a\\b", "line\nbreak", "wow!",
                               " padded", ""}) {
      CAPTURE(unsafe);
      CHECK_FALSE(shell_quoted(unsafe).has_value());
    }
  }

  TEST_CASE("an acceptance's longest run in words") {
    CHECK(acceptance_limit(12, Lang::fr) == "un an");
    CHECK(acceptance_limit(12, Lang::en) == "one year");
    CHECK(acceptance_limit(1, Lang::fr) == "un mois");
    CHECK(acceptance_limit(18, Lang::fr) == "18\u00a0mois");
    CHECK(acceptance_limit(18, Lang::en) == "18 months");
  }
}
