#include "review_findings.hpp"

#include <fmt/format.h>

#include "db.hpp"
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

// finding_less as SQL; the collation natural_order is natural_compare.
constexpr std::string_view review_order =
    "severity DESC, rule_id, ref COLLATE natural_order, ref, kind, message";

}  // namespace

Findings::Findings() {
  db_ = Database::scratch();
  db_->exec(
      "CREATE TABLE finding (rule INTEGER NOT NULL, rule_id TEXT NOT NULL, theme INTEGER NOT "
      "NULL, severity INTEGER NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL, message TEXT NOT "
      "NULL, fix TEXT NOT NULL)");
  insert_ = std::make_unique<Statement>(db_->prepare(
      "INSERT INTO finding (rule, rule_id, theme, severity, kind, ref, message, fix) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
}

Findings::~Findings() = default;
Findings::Findings(Findings&&) noexcept = default;
Findings& Findings::operator=(Findings&&) noexcept = default;

void Findings::add(const Finding& finding) {
  if (!writing_) {
    db_->exec("BEGIN");
    writing_ = true;
  }
  const auto rules = review_rules();
  const auto position = static_cast<std::size_t>(finding.rule - rules.data());
  insert_->bind(1, static_cast<std::int64_t>(position))
      .bind(2, finding.rule->id)
      .bind(3, static_cast<int>(finding.rule->theme))
      .bind(4, static_cast<int>(finding.severity))
      .bind_borrowed(5, finding.kind)
      .bind_borrowed(6, finding.ref)
      .bind_borrowed(7, finding.message)
      .bind_borrowed(8, finding.fix);
  insert_->run();
  ++size_;
  ++per_severity_[static_cast<std::size_t>(finding.severity)];
  if (per_rule_.empty()) per_rule_.resize(rules.size());
  ++per_rule_[position][static_cast<std::size_t>(finding.severity)];
}

std::array<std::size_t, 4> Findings::of_rule(const RuleInfo& rule) const {
  if (per_rule_.empty()) return {};
  return per_rule_[static_cast<std::size_t>(&rule - review_rules().data())];
}

void Findings::read(std::string_view order,
                    const std::function<void(const Finding&)>& visit) const {
  if (writing_) {
    db_->exec("COMMIT");
    writing_ = false;
  }
  auto rows = db_->prepare(fmt::format(
      "SELECT rule, severity, kind, ref, message, fix FROM finding ORDER BY {}", order));
  const auto rules = review_rules();
  Finding finding;  // reused: its strings keep their storage
  while (rows.step()) {
    finding.rule = &rules[static_cast<std::size_t>(rows.integer(0))];
    finding.severity = static_cast<Severity>(rows.integer(1));
    finding.kind.assign(rows.text(2));
    finding.ref.assign(rows.text(3));
    finding.message.assign(rows.text(4));
    finding.fix.assign(rows.text(5));
    visit(finding);
  }
}

void Findings::for_each(const std::function<void(const Finding&)>& visit) const {
  read(review_order, visit);
}

void Findings::for_each_by_theme(const std::function<void(const Finding&)>& visit) const {
  read(fmt::format("theme, {}", review_order), visit);
}

std::vector<Finding> Findings::all() const {
  std::vector<Finding> out;
  out.reserve(size_);
  for_each([&](const Finding& finding) { out.push_back(finding); });
  return out;
}

}  // namespace riskmap
