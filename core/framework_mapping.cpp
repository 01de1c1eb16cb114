#include "framework_mapping.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "text.hpp"

namespace riskmap {

std::vector<MappingSetInfo> list_mapping_sets(Database& db, std::string_view framework) {
  if (!framework.empty()) get_framework(db, framework);  // known?
  std::vector<MappingSetInfo> out;
  auto rows = db.prepare(
      "SELECT s.id, s.urn, s.name, s.source_framework, s.target_framework, s.source, "
      "(SELECT count(*) FROM requirement_mapping m WHERE m.mapping_set = s.urn) "
      "FROM mapping_set s WHERE ?1 = '' OR s.source_framework = ?1 OR s.target_framework = ?1 "
      "ORDER BY s.id COLLATE natural_order, s.urn");
  rows.bind(1, framework);
  while (rows.step()) {
    MappingSetInfo info;
    info.id = std::string(rows.text(0));
    info.urn = std::string(rows.text(1));
    info.name = rows.is_null(2) ? std::string() : std::string(rows.text(2));
    info.source_framework = std::string(rows.text(3));
    info.target_framework = std::string(rows.text(4));
    info.source = std::string(rows.text(5));
    info.mappings = static_cast<std::size_t>(rows.integer(6));
    out.push_back(std::move(info));
  }
  return out;
}

void for_each_mapping(Database& db, std::string_view framework,
                      const std::function<void(const MappingRow&)>& visit) {
  if (!framework.empty()) get_framework(db, framework);
  auto rows = db.prepare(
      "SELECT s.id, m.source, m.target, m.relationship, m.annotation "
      "FROM requirement_mapping m JOIN mapping_set s ON s.urn = m.mapping_set "
      "JOIN requirement a ON a.ref = m.source JOIN requirement b ON b.ref = m.target "
      "WHERE ?1 = '' OR a.framework = ?1 OR b.framework = ?1 "
      "ORDER BY s.id COLLATE natural_order, s.urn, a.position, b.position");
  rows.bind(1, framework);
  MappingRow row;
  while (rows.step()) {
    row.mapping_set = std::string(rows.text(0));
    row.source = std::string(rows.text(1));
    row.target = std::string(rows.text(2));
    row.relationship = std::string(rows.text(3));
    row.annotation = rows.is_null(4) ? std::string() : std::string(rows.text(4));
    visit(row);
  }
}

std::string_view cited_relationship(std::string_view stated, bool cited_is_source) {
  if (cited_is_source) return stated;
  if (stated == "subset") return "superset";
  if (stated == "superset") return "subset";
  return stated;
}

MappedCitations::MappedCitations(Database& db, std::string_view framework) {
  // The other side of each mapping touching the framework.
  struct Link {
    std::string requirement, cited, relationship;
  };
  std::vector<Link> links;
  auto mappings = db.prepare(
      "SELECT m.source, m.target, m.relationship, a.framework = ?1 "
      "FROM requirement_mapping m JOIN requirement a ON a.ref = m.source "
      "JOIN requirement b ON b.ref = m.target "
      "WHERE (a.framework = ?1) <> (b.framework = ?1)");
  mappings.bind(1, framework);
  while (mappings.step()) {
    const bool source_is_ours = mappings.integer(3) != 0;
    const std::string source(mappings.text(0)), target(mappings.text(1));
    const std::string stated(mappings.text(2));
    if (source_is_ours)
      links.push_back(Link{source, target, std::string(cited_relationship(stated, false))});
    else
      links.push_back(Link{target, source, std::string(cited_relationship(stated, true))});
  }
  if (links.empty()) return;
  // The controls citing the other sides, with their states.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>, std::less<>> citing;
  auto citations = db.prepare(
      "SELECT cr.value, cr.ref, c.state FROM control_references cr JOIN control c ON c.ref = "
      "cr.ref WHERE cr.value IN (SELECT m.target FROM requirement_mapping m JOIN requirement a "
      "ON a.ref = m.source WHERE a.framework = ?1 UNION SELECT m.source FROM requirement_mapping "
      "m JOIN requirement b ON b.ref = m.target WHERE b.framework = ?1) "
      "ORDER BY cr.ref COLLATE natural_order");
  citations.bind(1, framework);
  while (citations.step())
    citing[std::string(citations.text(0))].emplace_back(citations.text(1), citations.text(2));

  for (auto& link : links) {
    const auto found = citing.find(link.cited);
    if (found == citing.end()) continue;  // a mapping no control uses brings nothing
    MappedCoverage coverage;
    coverage.requirement = link.cited;
    coverage.relationship = link.relationship;
    coverage.full = link.relationship == "equal" || link.relationship == "superset";
    std::vector<std::string> states;
    for (const auto& [control, state] : found->second) {
      coverage.controls.push_back(control);
      states.push_back(state);
    }
    coverage.coverage = coverage_of(states);
    // Two mapping sets (one each way) may link the same pair: one entry, the stronger.
    auto& list = by_requirement_[link.requirement];
    const auto same = std::find_if(list.begin(), list.end(), [&](const MappedCoverage& m) {
      return m.requirement == coverage.requirement;
    });
    if (same == list.end())
      list.push_back(std::move(coverage));
    else if (coverage.full && !same->full)
      *same = std::move(coverage);
  }
  for (auto& [requirement, list] : by_requirement_)
    std::sort(list.begin(), list.end(), [](const MappedCoverage& a, const MappedCoverage& b) {
      return natural_compare(a.requirement, b.requirement) < 0;
    });
}

const std::vector<MappedCoverage>& MappedCitations::of(std::string_view requirement) const {
  static const std::vector<MappedCoverage> none;
  const auto found = by_requirement_.find(requirement);
  return found == by_requirement_.end() ? none : found->second;
}

}  // namespace riskmap
