#include <algorithm>
#include <memory>
#include <span>

#include <fmt/format.h>

#include "asset.hpp"
#include "command.hpp"
#include "continuity.hpp"
#include "date.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

struct ContinuityOptions {
  bool critical = false;
  bool gaps = false;
  bool fail_on_gap = false;
};

// "no-plan", "no-rto", "rto-exceeds-mtd:A1", "rpo-exceeds-mtdl:A1".
std::string gap_text(const ContinuityGap& gap) {
  if (gap.business_value.empty()) return std::string(to_string(gap.kind));
  return fmt::format("{}:{}", to_string(gap.kind), gap.business_value);
}

Cell duration_cell(const std::optional<std::int64_t>& minutes) {
  if (!minutes) return {};
  return format_duration(*minutes);
}

Cell text_cell(const std::string& text) {
  if (text.empty()) return {};
  return text;
}

Cell level_or_null(const Scale& scale, const std::optional<int>& position, Lang lang) {
  if (!position) return {};
  return level_cell(scale, *position, lang);
}

std::vector<Cell> row_cells(const ContinuityRow& row, const Method& method, Lang lang) {
  std::vector<std::string> gaps;
  for (const auto& gap : row.gaps) gaps.push_back(gap_text(gap));
  return {row.ref,
          row.name,
          row.role,
          Flag{row.critical},
          level_or_null(method.impact, row.availability, lang),
          level_or_null(method.impact, row.integrity, lang),
          duration_cell(row.mtd),
          duration_cell(row.mtdl),
          duration_cell(row.rto),
          duration_cell(row.rpo),
          text_cell(row.bcp),
          text_cell(row.drp),
          row.serves,
          row.scenarios,
          level_or_null(method.levels, row.worst_level, lang),
          std::move(gaps)};
}

}  // namespace

void add_continuity_command(CLI::App& app) {
  auto options = std::make_shared<ContinuityOptions>();
  auto* continuity = app.add_subcommand(
      "continuity",
      "Set every asset against the continuity plans (BCP/DRP): criticality, MTD/MTDL, RTO/RPO, "
      "the scenarios breaching its availability or integrity, and the gaps");
  continuity->add_flag("--critical", options->critical, "Only critical assets");
  continuity->add_flag("--gaps", options->gaps, "Only assets with at least one gap");
  continuity->add_flag("--fail-on-gap", options->fail_on_gap,
                       "Exit with status 3 when a listed asset has a gap (after printing)");
  on_run(continuity, Access::read, [options](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    const Lang lang = run.lang();
    const auto rows = analyse_continuity(run.workspace());
    auto writer =
        run.writer(format, {"ref", "name", "role", "critical", "availability", "integrity", "mtd",
                            "mtdl", "rto", "rpo", "bcp", "drp", "worst_level", "gaps"},
                   &asset_kind());
    writer->begin({"ref", "name", "role", "critical", "availability", "integrity", "mtd", "mtdl",
                   "rto", "rpo", "bcp", "drp", "serves", "scenarios", "worst_level", "gaps"});
    std::size_t gaps = 0;
    std::vector<std::string> with_gaps;
    for (const auto& row : rows) {
      if (options->critical && !row.critical) continue;
      if (options->gaps && row.gaps.empty()) continue;
      writer->row(row_cells(row, run.method(), lang));
      if (!row.gaps.empty()) {
        gaps += row.gaps.size();
        with_gaps.push_back(row.ref);
      }
    }
    writer->end();
    if (!options->fail_on_gap || gaps == 0) return;
    constexpr std::size_t named = 10;  // assets named in the message; the rest are counted
    std::string assets = join(std::span(with_gaps).first(std::min(named, with_gaps.size())), ", ");
    if (with_gaps.size() > named) assets += fmt::format(" and {} more", with_gaps.size() - named);
    throw GateCrossed(fmt::format("--fail-on-gap: {} continuity gap{} on {}", gaps,
                                  gaps == 1 ? "" : "s", assets));
  });
}

}  // namespace riskmap::cli
