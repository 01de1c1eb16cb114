#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "review_findings.hpp"

using namespace riskmap;

TEST_CASE("findings come out in finding_less order, and by theme") {
  const auto rules = review_rules();
  std::mt19937 random(7);
  const std::vector<std::string> refs{"R1", "R2", "R10", "R02", "R010", "A1",
                                      "B",  "",   "R1a", "R1 ", "R-2",  "R9999999999999999999999"};
  // In one run in memory, and in runs of 4 KB, most of them on file.
  for (const std::size_t run_bytes : {SortedRuns::default_run_bytes, std::size_t{4096}}) {
    CAPTURE(run_bytes);
    Findings findings(run_bytes);
    std::vector<Finding> expected;
    for (int i = 0; i < 3000; ++i) {
      Finding f;
      f.rule = &rules[random() % rules.size()];
      f.severity = static_cast<Severity>(random() % 4);
      f.kind = random() % 2 ? "scenario" : "asset";
      f.ref = refs[random() % refs.size()];
      f.message = "message " + std::to_string(random() % 5);
      f.fix = "fix " + std::to_string(i);  // ties keep the order they were found in
      findings.add(f);
      expected.push_back(f);
    }
    std::stable_sort(expected.begin(), expected.end(), finding_less);
    REQUIRE(findings.size() == expected.size());
    if (run_bytes == SortedRuns::default_run_bytes)
      CHECK(findings.runs_on_file() == 0);
    else
      CHECK(findings.runs_on_file() > 10);

    const auto key = [](const Finding& f) {
      return std::tuple(f.rule, f.severity, f.kind, f.ref, f.message, f.fix);
    };
    const auto read = findings.all();
    REQUIRE(read.size() == expected.size());
    for (std::size_t i = 0; i < read.size(); ++i) CHECK(key(read[i]) == key(expected[i]));

    std::stable_sort(expected.begin(), expected.end(), [](const Finding& a, const Finding& b) {
      return a.rule->theme < b.rule->theme;
    });
    std::size_t at = 0;
    findings.for_each_by_theme([&](const Finding& f) {
      REQUIRE(at < expected.size());
      CHECK(key(f) == key(expected[at++]));
    });
    CHECK(at == expected.size());

    std::array<std::size_t, 4> counts{};
    for (const auto& f : expected) ++counts[static_cast<std::size_t>(f.severity)];
    CHECK(findings.per_severity() == counts);
  }
}

TEST_CASE("findings can be added after they were read, and survive a move") {
  const auto rules = review_rules();
  Findings findings;
  CHECK(findings.empty());
  findings.add({&rules[0], Severity::low, "scenario", "R2", "b", "f"});
  CHECK(findings.all().size() == 1);
  findings.add({&rules[0], Severity::high, "scenario", "R10", "a", "f"});
  Findings moved = std::move(findings);
  const auto all = moved.all();
  REQUIRE(all.size() == 2);
  CHECK(all[0].ref == "R10");
  CHECK(all[1].ref == "R2");
}
