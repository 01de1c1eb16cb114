#pragma once
// The findings of one review, packed in sorted runs (sorted_runs.hpp): a
// review of a million scenarios can find as many things without holding
// them in memory (beyond one run, the runs wait in a temporary file), and
// a review whose findings fit in one run sorts them in memory.
#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "review_rules.hpp"
#include "sorted_runs.hpp"

namespace riskmap {

struct Finding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::info;  // the rule's, as riskmap.toml grades it
  // What the finding is about: a kind of record ("scenario", "asset",
  // "control", "action", "stakeholder"; of a study, "feared_event",
  // "origin", "path", "operational"), a scale of the method ("likelihood",
  // "impact", "level") or "owner".
  std::string kind;
  std::string ref;
  std::string message, fix;  // in the review's language
};

// Severity highest first, then rule id, then ref in natural order (then
// kind and message, so that the order is total).
bool finding_less(const Finding& a, const Finding& b);

class Findings {
 public:
  // `run_bytes`: how much a run holds in memory (smaller in tests, to
  // exercise the temporary file).
  explicit Findings(std::size_t run_bytes = SortedRuns::default_run_bytes);

  void add(const Finding& finding);
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // How many findings of each severity, by Severity's value.
  const std::array<std::size_t, 4>& per_severity() const { return per_severity_; }
  // How many findings of each rule, of each severity.
  std::array<std::size_t, 4> of_rule(const RuleInfo& rule) const;

  // Every finding in finding_less order, one at a time (the Finding given
  // is reused from one call to the next).
  void for_each(const std::function<void(const Finding&)>& visit) const;
  // By theme (in Theme order), each theme in finding_less order.
  void for_each_by_theme(const std::function<void(const Finding&)>& visit) const;
  // All at once, in finding_less order: for small reviews and tests.
  std::vector<Finding> all() const;

  // How many runs went to the temporary file (0: the findings fit in memory).
  std::size_t runs_on_file() const { return runs_.runs_on_file(); }

 private:
  mutable SortedRuns runs_;  // reading sorts the run in memory
  std::size_t size_ = 0;
  std::array<std::size_t, 4> per_severity_{};
  std::vector<std::array<std::size_t, 4>> per_rule_;  // by position in the catalogue
};

}  // namespace riskmap
