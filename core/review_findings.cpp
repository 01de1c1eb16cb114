#include "review_findings.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "text.hpp"

namespace riskmap {

bool finding_less(const Finding& a, const Finding& b) {
  if (a.severity != b.severity) return a.severity > b.severity;
  if (a.rule->id != b.rule->id) return a.rule->id < b.rule->id;
  if (const int c = natural_compare(a.ref, b.ref); c != 0) return c < 0;
  if (a.ref != b.ref) return a.ref < b.ref;
  if (a.kind != b.kind) return a.kind < b.kind;
  return a.message < b.message;
}

namespace {

// A finding as one record: a fixed head, then the kind, ref, message and
// fix one after another (the fix's length is what is left).
struct Head {
  std::uint16_t rule;  // position in the catalogue
  std::uint8_t severity;
  std::uint8_t theme;
  std::uint32_t kind, ref, message;  // lengths
};

struct Packed {
  Head head;
  std::string_view kind, ref, message, fix;
};

Packed unpack(std::string_view record) {
  Packed p;
  std::memcpy(&p.head, record.data(), sizeof p.head);
  record.remove_prefix(sizeof p.head);
  p.kind = record.substr(0, p.head.kind);
  p.ref = record.substr(p.head.kind, p.head.ref);
  p.message = record.substr(p.head.kind + p.head.ref, p.head.message);
  p.fix = record.substr(std::size_t{p.head.kind} + p.head.ref + p.head.message);
  return p;
}

// Each rule's rank in the order of rule ids, by position in the catalogue.
const std::vector<std::uint16_t>& rank_by_id() {
  static const std::vector<std::uint16_t> ranks = [] {
    const auto rules = review_rules();
    std::vector<std::size_t> order(rules.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return rules[a].id < rules[b].id; });
    if (rules.size() > 256) throw std::logic_error("a finding's key holds 256 rules at most");
    std::vector<std::uint16_t> out(rules.size());
    for (std::size_t rank = 0; rank < order.size(); ++rank)
      out[order[rank]] = static_cast<std::uint16_t>(rank);
    return out;
  }();
  return ranks;
}

// finding_less over records.
bool record_less(std::string_view a, std::string_view b) {
  const Packed x = unpack(a), y = unpack(b);
  if (x.head.severity != y.head.severity) return x.head.severity > y.head.severity;
  if (x.head.rule != y.head.rule) {
    const auto& rank = rank_by_id();
    return rank[x.head.rule] < rank[y.head.rule];
  }
  if (const int c = natural_compare(x.ref, y.ref); c != 0) return c < 0;
  if (x.ref != y.ref) return x.ref < y.ref;
  if (x.kind != y.kind) return x.kind < y.kind;
  return x.message < y.message;
}

// The severity (highest first, 2 bits), the rule id (its rank, 8 bits)
// and the ref's natural key, as far as it goes: finding_less's first keys.
std::uint64_t finding_key(std::string_view record) {
  const Packed p = unpack(record);
  return std::uint64_t{3u - p.head.severity} << 62 |
         std::uint64_t{rank_by_id()[p.head.rule]} << 54 | natural_key(p.ref) >> 10;
}

std::size_t theme_of(std::string_view record) {
  Head head;
  std::memcpy(&head, record.data(), sizeof head);
  return head.theme;
}

}  // namespace

Findings::Findings(std::size_t run_bytes)
    : runs_({record_less, finding_key, theme_of, theme_count}, run_bytes) {}

void Findings::add(const Finding& finding) {
  const auto rules = review_rules();
  const auto position = static_cast<std::size_t>(finding.rule - rules.data());
  const Head head{static_cast<std::uint16_t>(position),
                  static_cast<std::uint8_t>(finding.severity),
                  static_cast<std::uint8_t>(finding.rule->theme),
                  static_cast<std::uint32_t>(finding.kind.size()),
                  static_cast<std::uint32_t>(finding.ref.size()),
                  static_cast<std::uint32_t>(finding.message.size())};
  char bytes[sizeof head];
  std::memcpy(bytes, &head, sizeof head);
  runs_.add({std::string_view(bytes, sizeof bytes), finding.kind, finding.ref, finding.message,
             finding.fix});
  ++size_;
  ++per_severity_[static_cast<std::size_t>(finding.severity)];
  if (per_rule_.empty()) per_rule_.resize(rules.size());
  ++per_rule_[position][static_cast<std::size_t>(finding.severity)];
}

std::array<std::size_t, 4> Findings::of_rule(const RuleInfo& rule) const {
  if (per_rule_.empty()) return {};
  return per_rule_[static_cast<std::size_t>(&rule - review_rules().data())];
}

namespace {

// Each record as a Finding, reused from one to the next: its strings keep
// their storage.
SortedRuns::Visit as_findings(const std::function<void(const Finding&)>& visit) {
  return [&visit, finding = Finding{}](std::string_view record) mutable {
    const Packed p = unpack(record);
    finding.rule = &review_rules()[p.head.rule];
    finding.severity = static_cast<Severity>(p.head.severity);
    finding.kind.assign(p.kind);
    finding.ref.assign(p.ref);
    finding.message.assign(p.message);
    finding.fix.assign(p.fix);
    visit(finding);
  };
}

}  // namespace

void Findings::for_each(const std::function<void(const Finding&)>& visit) const {
  runs_.for_each(as_findings(visit));
}

void Findings::for_each_by_theme(const std::function<void(const Finding&)>& visit) const {
  runs_.for_each_by_group(as_findings(visit));
}

std::vector<Finding> Findings::all() const {
  std::vector<Finding> out;
  out.reserve(size_);
  for_each([&](const Finding& finding) { out.push_back(finding); });
  return out;
}

}  // namespace riskmap
