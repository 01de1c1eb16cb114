#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "packed_records.hpp"

using namespace riskmap;

namespace {

Record numbered(int i) {
  Record r;
  r.ref = "R" + std::to_string(i);
  r.values.emplace_back("Scénario " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'd'));
  r.values.emplace_back(std::vector<std::string>{"A" + std::to_string(i % 13)});
  return r;
}

}  // namespace

// In memory, or past a budget of 256 KB, from the temporary file.
static void check_read_back(bool spilling) {
  CAPTURE(spilling);
  PackedRecords packed(spilling ? std::size_t{256} << 10 : PackedRecords::default_budget);
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
  CHECK(packed.spilled() == spilling);
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

TEST_CASE("packed records read back exactly as they were added, in any order") {
  check_read_back(false);
  check_read_back(true);
}

TEST_CASE("packed records past their budget: a temporary file no one else sees, read forward or not") {
  const auto dir = std::filesystem::temp_directory_path() / "riskmap-packed-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directory(dir);
  const char* former = std::getenv("TMPDIR");
  const std::string kept = former ? former : "";
  setenv("TMPDIR", dir.c_str(), 1);
  {
    PackedRecords packed(std::size_t{1} << 20);
    std::vector<Record> added;
    Record reused;
    for (int i = 0; i < 40000; ++i) {
      added.push_back(numbered(i));
      packed.add(added.back());
      if (i % 5000 == 4999) {  // reads between additions see every record so far
        packed.read(static_cast<std::size_t>(i), reused);
        CHECK(reused.values == added.back().values);
        packed.read(0, reused);
        CHECK(reused.ref == "R0");
      }
    }
    CHECK(packed.spilled());
    CHECK(std::filesystem::is_empty(dir));  // unlinked as soon as made
    // Forward with gaps (as one level of a map at a time), then backward.
    for (int pass = 0; pass < 3; ++pass)
      for (std::size_t i = static_cast<std::size_t>(pass); i < added.size(); i += 3) {
        packed.read(i, reused);
        REQUIRE(reused.ref == added[i].ref);
        REQUIRE(reused.values == added[i].values);
      }
    for (std::size_t i = added.size(); i-- > 0;) {
      packed.read(i, reused);
      REQUIRE(reused.values == added[i].values);
    }
  }
  if (former)
    setenv("TMPDIR", kept.c_str(), 1);
  else
    unsetenv("TMPDIR");
  std::filesystem::remove_all(dir);
}

TEST_CASE("packed records: a temporary folder that cannot be written is named in the error") {
  const char* former = std::getenv("TMPDIR");
  const std::string kept = former ? former : "";
  setenv("TMPDIR", "/nonexistent-riskmap-dir", 1);
  PackedRecords packed(1);
  CHECK_THROWS_WITH(packed.add(numbered(1)),
                    doctest::Contains("cannot create a temporary file in /nonexistent-riskmap-dir"));
  if (former)
    setenv("TMPDIR", kept.c_str(), 1);
  else
    unsetenv("TMPDIR");
}
