#pragma once
// Continuity alignment (SPEC §1, issue: BCP/DRP): business values carry a
// maximum tolerable downtime and data loss (MTD, MTDL); supporting assets a
// recovery time and point objective (RTO, RPO) and their BCP/DRP references.
// Each asset is set against the scenarios that breach its availability or
// integrity, and the gaps are named.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "entity.hpp"

namespace riskmap {

class Workspace;

enum class GapKind {
  no_plan,           // a critical asset with neither a BCP nor a DRP reference
  no_rto,            // a critical supporting asset without an RTO (or a business value without MTD)
  rto_exceeds_mtd,   // a supporting asset recovers slower than a business value it serves tolerates
  rpo_exceeds_mtdl,  // it may lose more data than that business value tolerates
};
std::string_view to_string(
    GapKind kind);  // "no-plan", "no-rto", "rto-exceeds-mtd", "rpo-exceeds-mtdl"

struct ContinuityGap {
  GapKind kind;
  std::string business_value;          // for the *_exceeds_* gaps: the business value's ref
  std::int64_t have = 0, allowed = 0;  // minutes, for the *_exceeds_* gaps
};

struct ContinuityRow {
  std::string ref, name, role;  // role: "primary" or "supporting"
  // Critical: availability or integrity need at the top of the impact scale,
  // or (supporting) serving a critical business value.
  bool critical = false;
  std::optional<int> availability, integrity;       // need positions
  std::optional<std::int64_t> mtd, mtdl, rto, rpo;  // minutes
  std::string bcp, drp;                             // references; may be empty
  std::vector<std::string> serves;                  // business values (supporting)
  std::vector<std::string> scenarios;  // scenarios bearing on it that breach A or I, natural order
  std::optional<int> worst_level;      // highest current level among those scenarios
  std::vector<ContinuityGap> gaps;
};

// Which of `assets` (asset records) are critical: an availability or
// integrity need at the top of `method`'s impact scale or, for a supporting
// asset, serving a critical business value. One flag per asset, in order.
std::vector<bool> critical_assets(const std::vector<Record>& assets, const Method& method);

// The rows of `assets` (asset records, in the order wanted) with their
// criticality and gaps, which the assets alone decide; `scenarios` and
// `worst_level` are left empty. The review reports these very gaps, from the
// assets it has read.
std::vector<ContinuityRow> continuity_rows(const std::vector<Record>& assets, const Method& method);

// Every asset, in natural ref order, with the scenarios breaching it; reads
// each table once.
std::vector<ContinuityRow> analyse_continuity(Workspace& workspace);
// The same over records the caller holds: `assets` in natural ref order,
// and every scenario, once each in any order, through `each_scenario`.
std::vector<ContinuityRow> analyse_continuity(
    const Method& method, const std::vector<Record>& assets,
    const EachRecord& each_scenario);

}  // namespace riskmap
