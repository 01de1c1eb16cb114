#pragma once
// The critical review of a map (SPEC §1, deliverable 1): rules run over the
// whole workspace and report findings, each with a severity, the record it
// is about, a message and a fix hint, in French or English. The rules are
// listed in review_rules.hpp; riskmap.toml's [review] turns them off,
// re-grades them and sets their thresholds.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "method.hpp"
#include "review_findings.hpp"
#include "review_rules.hpp"

namespace riskmap {

class Workspace;

struct ReviewOptions {
  Date today;
  Lang lang = Lang::fr;
  // Rules to run, by id; empty: every rule riskmap.toml leaves on. A rule
  // named here runs even when riskmap.toml turns it off.
  std::vector<std::string> rules;
};

// What was reviewed.
struct ReviewScope {
  std::size_t assets = 0, business_values = 0, supporting = 0, scenarios = 0, controls = 0,
              stakeholders = 0, actions = 0;
  // The records of an EBIOS RM study: all 0 for a map without one.
  std::size_t feared_events = 0, origins = 0, strategic = 0, paths = 0, operational = 0, steps = 0;
};

// A scenario whose recorded level (from the organisation's own map) can be
// set against the level riskmap computes at the current stage.
struct RecordedLevel {
  std::string ref, title;
  int recorded = 0;             // a level position
  std::optional<int> computed;  // none when the current stage is not rated
};

struct ReviewResult {
  ReviewScope scope;
  // In catalogue order. The rules of the study theme are not applied to a
  // map without a study (nor listed as turned off, unless they are).
  std::vector<const RuleInfo*> applied, turned_off;
  Findings findings;                    // read in finding_less order
  std::vector<RecordedLevel> recorded;  // natural ref order
};

// Reads each table once and runs the rules; never changes the workspace.
ReviewResult run_review(Workspace& workspace, const ReviewOptions& options);

// Title similarity for likely duplicates, from 0 to 1: the Dice coefficient
// of the character bigrams (as multisets) of the normalised titles (case and accents
// folded, punctuation dropped, spaces collapsed); equal normalised titles
// are 1.
std::string normalise_title(std::string_view title);
double title_similarity(std::string_view a, std::string_view b);

}  // namespace riskmap
