#pragma once
// How one review writes its findings: in the review's language, for the
// rules it runs, with the severity riskmap.toml gives them. Shared by the
// rules of the map (review.cpp) and those of an EBIOS RM study
// (review_study.cpp).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "review.hpp"

namespace riskmap {

class FindingWriter {
 public:
  FindingWriter(Lang lang, const ReviewSettings& settings);

  // Whether a rule of the catalogue runs; none runs until turned on.
  bool on(std::string_view rule_id) const;
  void turn_on(const RuleInfo& rule);

  Lang lang() const { return lang_; }
  bool fr() const { return lang_ == Lang::fr; }
  template <typename... Args>
  std::string say(std::string_view fr, std::string_view en, Args&&... args) const {
    return fmt::format(fmt::runtime(this->fr() ? fr : en), std::forward<Args>(args)...);
  }
  // «\u00a0text\u00a0» in French, “text” in English.
  std::string quote(std::string_view text) const;
  // "R1 « Fuite »", or the ref alone when the record has no title or name.
  std::string named(const std::string& ref, const std::string& title) const;
  // The colon that opens an explanation: with a no-break space before it in French.
  std::string_view colon() const { return fr() ? "\u00a0: " : ": "; }
  std::string percent(double share) const;
  std::string decimal(double value) const;
  // "G3 (Grave)": a step's id and label; the position alone when off the scale.
  std::string step_text(const Scale& scale, int position) const;

  // A finding of a rule that runs (of a rule that does not, nothing).
  void add(std::string_view rule_id, std::string kind, std::string ref, std::string message,
           std::string fix);
  Findings& findings() { return findings_; }

 private:
  Lang lang_;
  const ReviewSettings& settings_;
  std::vector<bool> on_;  // by position in the catalogue
  Findings findings_;
};

}  // namespace riskmap
