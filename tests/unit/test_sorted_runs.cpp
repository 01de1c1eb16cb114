#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "error.hpp"
#include "helpers.hpp"
#include "sorted_runs.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

// Records are "KEY|NUMBER": the order reads the key alone, so that records
// with one key are ties, which must come back in the order they were added.
std::string_view key_of(std::string_view record) {
  return record.substr(0, record.find('|'));
}
bool by_key(std::string_view a, std::string_view b) {
  return key_of(a) < key_of(b);
}
// A key as the order allows: records with a smaller first byte come first.
std::uint64_t first_byte(std::string_view record) {
  const auto key = key_of(record);
  return key.empty() ? 0 : std::uint64_t{static_cast<unsigned char>(key[0])} + 1;
}
// Three groups, by the key's first letter: ties are always in one group.
std::size_t group_by_letter(std::string_view record) {
  return record.empty() ? 0 : static_cast<unsigned char>(record[0]) % 3;
}

std::vector<std::string> read_all(SortedRuns& runs) {
  std::vector<std::string> out;
  runs.for_each([&](std::string_view record) { out.emplace_back(record); });
  return out;
}

std::vector<std::string> read_by_group(SortedRuns& runs) {
  std::vector<std::string> out;
  runs.for_each_by_group([&](std::string_view record) { out.emplace_back(record); });
  return out;
}

// $TMPDIR set for the life of a test, then put back.
class TmpdirSet {
 public:
  explicit TmpdirSet(const std::string& folder) {
    if (const char* old = std::getenv("TMPDIR")) old_ = old;
    ::setenv("TMPDIR", folder.c_str(), 1);
  }
  ~TmpdirSet() {
    if (old_)
      ::setenv("TMPDIR", old_->c_str(), 1);
    else
      ::unsetenv("TMPDIR");
  }

 private:
  std::optional<std::string> old_;
};

// The descriptors this process holds open on files in `folder`.
std::vector<int> open_files_in(const std::filesystem::path& folder) {
  std::vector<int> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    const auto target = std::filesystem::read_symlink(entry.path(), error);
    if (!error && target.parent_path() == folder)
      out.push_back(std::stoi(entry.path().filename().string()));
  }
  return out;
}

}  // namespace

TEST_SUITE("sorted runs") {
  TEST_CASE("records come back sorted, ties in the order added, over many runs on file") {
    TempDir dir;
    TmpdirSet tmpdir(dir.path().string());
    std::mt19937 random(11);
    const std::vector<std::string> keys{"", "a", "ab", "b", "ba", "c", "d", "e", "zz", "\xc3\xa9"};
    std::vector<std::string> added;
    for (int i = 0; i < 5000; ++i) {
      std::string record = keys[random() % keys.size()] + "|" + std::to_string(i);
      // Some records far larger than a run, and than a read buffer.
      if (i % 997 == 0) record += std::string(100000 + random() % 1000, 'x');
      added.push_back(record);
    }

    SortedRuns runs({by_key, first_byte, group_by_letter, 3}, 4096);
    for (const auto& record : added) runs.add({record});
    CHECK(runs.size() == added.size());
    CHECK(runs.runs_on_file() > 10);

    std::vector<std::string> expected = added;
    std::stable_sort(expected.begin(), expected.end(),
                     [](const std::string& a, const std::string& b) { return by_key(a, b); });
    CHECK(read_all(runs) == expected);
    std::stable_sort(expected.begin(), expected.end(),
                     [](const std::string& a, const std::string& b) {
                       return group_by_letter(a) < group_by_letter(b);
                     });
    CHECK(read_by_group(runs) == expected);
  }

  TEST_CASE("records split over parts, and added after a read") {
    SortedRuns runs({by_key}, 64);
    runs.add({"b", "|", "1"});
    runs.add({"a|2"});
    CHECK(read_all(runs) == std::vector<std::string>{"a|2", "b|1"});
    for (int i = 0; i < 20; ++i) runs.add({"c|", std::to_string(i), std::string(10, 'y')});
    runs.add({"a|", "3"});
    CHECK(runs.runs_on_file() > 0);
    const auto all = read_all(runs);
    REQUIRE(all.size() == 23);
    CHECK(all[0] == "a|2");
    CHECK(all[1] == "a|3");
    CHECK(all[2] == "b|1");
    CHECK(all[3] == "c|0yyyyyyyyyy");
    CHECK(all[22] == "c|19yyyyyyyyyy");
    // A moved set reads the same, file and all.
    SortedRuns moved = std::move(runs);
    CHECK(read_all(moved) == all);
  }

  TEST_CASE("the temporary file: none for one run; else unnamed, 0600, and closed at the end") {
    TempDir dir;
    TmpdirSet tmpdir(dir.path().string());
    const auto folder = std::filesystem::canonical(dir.path());
    {
      SortedRuns runs({by_key}, 1000);
      for (int i = 0; i < 50; ++i) runs.add({"k|", std::to_string(i)});
      CHECK(read_all(runs).size() == 50);
      CHECK(runs.runs_on_file() == 0);
      CHECK(open_files_in(folder).empty());
    }
    {
      SortedRuns runs({by_key}, 100);
      for (int i = 0; i < 200; ++i) runs.add({"k|", std::to_string(i)});
      CHECK(runs.runs_on_file() > 1);
      const auto open = open_files_in(folder);
      REQUIRE(open.size() == 1);
      struct stat st {};
      REQUIRE(::fstat(open[0], &st) == 0);
      CHECK((st.st_mode & 07777) == 0600);
      CHECK(st.st_nlink == 0);  // no name: nobody can open it
      CHECK(std::filesystem::is_empty(folder));
      CHECK(read_all(runs).size() == 200);
    }
    CHECK(open_files_in(folder).empty());
    CHECK(std::filesystem::is_empty(folder));
  }

  TEST_CASE("a temporary file that cannot be made stops with the folder named") {
    TempDir dir;
    const auto missing = dir.path() / "missing";
    TmpdirSet tmpdir(missing.string());
    SortedRuns runs({by_key}, 100);
    // One run's worth needs no file.
    for (int i = 0; i < 9; ++i) runs.add({"0123456789"});
    CHECK(read_all(runs).size() == 9);
    try {
      for (int i = 0; i < 9; ++i) runs.add({"0123456789"});
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()) ==
            "cannot make a temporary file in " + missing.string() + ": No such file or directory");
    }
    CHECK(!std::filesystem::exists(missing));
  }
}
