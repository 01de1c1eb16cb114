#include "review_writer.hpp"

#include <algorithm>

#include "output.hpp"

namespace riskmap {

namespace {

std::size_t position_of(const RuleInfo* rule) {
  return static_cast<std::size_t>(rule - review_rules().data());
}

}  // namespace

FindingWriter::FindingWriter(Lang lang, const ReviewSettings& settings)
    : lang_(lang), settings_(settings), on_(review_rules().size(), false) {}

bool FindingWriter::on(std::string_view rule_id) const {
  return on_[position_of(find_rule(rule_id))];
}

void FindingWriter::turn_on(const RuleInfo& rule) {
  on_[position_of(&rule)] = true;
}

std::string FindingWriter::quote(std::string_view text) const {
  return fr() ? fmt::format("«\u00a0{}\u00a0»", text) : fmt::format("\u201c{}\u201d", text);
}

std::string FindingWriter::named(const std::string& ref, const std::string& title) const {
  return title.empty() ? ref : fmt::format("{} {}", ref, quote(title));
}

std::string FindingWriter::percent(double share) const {
  const auto value = static_cast<long long>(share * 100 + 0.5);
  return fr() ? fmt::format("{}\u00a0%", value) : fmt::format("{}%", value);
}

std::string FindingWriter::decimal(double value) const {
  std::string text = decimal_text(value);
  if (fr()) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string FindingWriter::step_text(const Scale& scale, int position) const {
  if (position < 1 || position > scale.size()) return std::to_string(position);
  const Step& step = scale.at(position);
  return fmt::format("{} ({})", step.id, step.label.in(lang_));
}

void FindingWriter::add(std::string_view rule_id, std::string kind, std::string ref,
                        std::string message, std::string fix) {
  const RuleInfo* rule = find_rule(rule_id);
  if (!on_[position_of(rule)]) return;
  findings_.add(Finding{rule, settings_.severity_of(*rule), std::move(kind), std::move(ref),
                        std::move(message), std::move(fix)});
}

}  // namespace riskmap
