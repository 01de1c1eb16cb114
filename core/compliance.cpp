#include "compliance.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"

namespace riskmap {

void ComplianceCounts::add(const SoaRow& row) {
  ++requirements;
  if (row.applicable == false) {
    ++not_applicable;
    return;
  }
  ++applicable;
  if (!row.applicable) ++undecided;
  switch (row.compliance) {
    case Compliance::covered:
      ++covered;
      break;
    case Compliance::partly:
      ++partly;
      break;
    case Compliance::planned:
      ++planned;
      break;
    case Compliance::uncovered:
      ++uncovered;
      break;
  }
  if (row.maturity) {
    maturity_total += *row.maturity;
    ++maturity_scored;
  }
}

std::vector<FrameworkStanding> framework_standings(Database& db) {
  std::vector<FrameworkStanding> out;
  for (FrameworkInfo& info : list_frameworks(db)) {
    FrameworkStanding standing;
    standing.info = std::move(info);
    std::map<std::string, std::size_t, std::less<>> chapter_at;
    for_each_soa_row(db, standing.info.id, [&](const SoaRow& row) {
      if (row.applicable || !row.controls.empty() || !row.via.empty()) standing.assessed = true;
      const std::string& heading = heading_of(row.requirement);
      auto [at, added] = chapter_at.try_emplace(heading, standing.chapters.size());
      if (added) standing.chapters.push_back(ChapterStanding{heading, {}, {}});
      ChapterStanding& chapter = standing.chapters[at->second];
      chapter.rows.push_back(standing.rows.size());
      chapter.counts.add(row);
      standing.counts.add(row);
      standing.rows.push_back(row);
    });
    out.push_back(std::move(standing));
  }
  return out;
}

std::vector<const FrameworkStanding*> referentials(const std::vector<FrameworkStanding>& standings,
                                                   std::span<const DeclaredReferential> declared,
                                                   std::string_view holder) {
  std::vector<const FrameworkStanding*> out;
  if (declared.empty()) {
    for (const auto& standing : standings)
      if (standing.assessed) out.push_back(&standing);
    return out;
  }
  for (const auto& referential : declared) {
    const auto found = std::find_if(standings.begin(), standings.end(),
                                    [&](const auto& s) { return s.info.id == referential.id; });
    if (found == standings.end()) {
      std::vector<std::string> held;
      held.reserve(standings.size());
      for (const auto& standing : standings) held.push_back(standing.info.id);
      throw ContentError(fmt::format(
          "{}: [mission] referentials: {} holds no framework '{}'{}; it holds: {}",
          referential.origin, holder, referential.id, did_you_mean(referential.id, held),
          held.empty() ? std::string("none") : join(held, ", ")));
    }
    out.push_back(&*found);
  }
  return out;
}

std::vector<const FrameworkStanding*> frameworks_in_force(
    const std::vector<FrameworkStanding>& standings,
    std::span<const FrameworkStanding* const> referentials) {
  std::vector<const FrameworkStanding*> out(referentials.begin(), referentials.end());
  for (const auto& standing : standings)
    if (standing.assessed && std::find(out.begin(), out.end(), &standing) == out.end())
      out.push_back(&standing);
  return out;
}

}  // namespace riskmap
