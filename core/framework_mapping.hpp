#pragma once
// Mappings between the requirements of two frameworks (imported with a YAML
// library's requirement_mapping_set) and the coverage they carry: a control
// citing ISO 27001 A.5.1 counts for the directive measures A.5.1 maps to.
//
// A mapping reads "source RELATIONSHIP target". Seen from a requirement M
// and a cited requirement C on the other side, the relationship of C to M
// is the stated one when C is the source, its converse (subset <-> superset)
// when C is the target. C covers M when it is equal to it or a superset of
// it; otherwise (subset, intersect) it covers M in part.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"
#include "framework.hpp"

namespace riskmap {

struct MappingSetInfo {
  std::string id, urn, name, source_framework, target_framework, source;
  std::size_t mappings = 0;
};
// Every mapping set, or those touching `framework` when it is not empty.
std::vector<MappingSetInfo> list_mapping_sets(Database& db, std::string_view framework);

struct MappingRow {
  std::string mapping_set;  // its id
  std::string source, target, relationship, annotation;
};
// Every mapping touching `framework` (or all when empty), by mapping set,
// then source and target in catalog order. Throws UnknownRef for an unknown
// framework.
void for_each_mapping(Database& db, std::string_view framework,
                      const std::function<void(const MappingRow&)>& visit);

// The relationship of the cited requirement to the mapped one, given a
// mapping's relationship and whether the cited requirement is its source.
std::string_view cited_relationship(std::string_view stated, bool cited_is_source);

// The coverage each requirement of a framework gets through mappings, read
// in two queries: the mappings touching the framework and the controls
// citing the requirements on their other side.
class MappedCitations {
 public:
  MappedCitations(Database& db, std::string_view framework);
  // By requirement ref; empty when nothing reaches it through a mapping.
  const std::vector<MappedCoverage>& of(std::string_view requirement) const;

 private:
  std::map<std::string, std::vector<MappedCoverage>, std::less<>> by_requirement_;
};

}  // namespace riskmap
