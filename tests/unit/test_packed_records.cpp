#include <doctest/doctest.h>

#include <string>

#include "packed_records.hpp"

using namespace riskmap;

TEST_CASE("packed records read back exactly as they were added, in any order") {
  PackedRecords packed;
  std::vector<Record> added;
  for (int i = 0; i < 5000; ++i) {
    Record r;
    r.ref = "R" + std::to_string(i);
    r.derived = (i % 3 == 0) ? (std::uint64_t{1} << 5) | 1 : 0;
    r.values.emplace_back(std::monostate{});
    r.values.emplace_back("Titre « accentué » n° " + std::to_string(i));
    r.values.emplace_back(std::int64_t{i} - 2500);
    r.values.emplace_back(std::vector<std::string>{"A" + std::to_string(i % 7), "", "B"});
    r.values.emplace_back(std::vector<std::string>{});
    r.values.emplace_back(std::string());
    if (i == 4000) r.values.emplace_back(std::string(3'000'000, 'x'));  // larger than a chunk
    packed.add(r);
    added.push_back(std::move(r));
  }
  REQUIRE(packed.size() == added.size());
  Record reused;  // one Record for every read, whatever it held before
  for (std::size_t i = added.size(); i-- > 0;) {
    packed.read(i, reused);
    CHECK(reused.ref == added[i].ref);
    CHECK(reused.derived == added[i].derived);
    CHECK(reused.values == added[i].values);
  }
  CHECK(packed.at(4001).values == added[4001].values);
  CHECK(packed.at(4000).values.back() == Value(std::string(3'000'000, 'x')));
}
