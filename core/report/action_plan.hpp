#pragma once
// The action plan's pieces: the actions in the plan's order
// (action_plan.cpp) and, for EBIOS RM, the continuous security improvement
// plan (PACS) of workshop 5 that the action plan becomes (pacs.cpp): the
// security controls of the plan under the four axes of the method guide,
// and a residual risk sheet for each risk to mitigate.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "annex.hpp"
#include "deliverable.hpp"

namespace riskmap {

struct PlannedAction {
  Record record;
  std::optional<int> priority;
  bool overdue = false;
  std::vector<std::string> scenarios;  // addressed, natural order
};

// The axes of the PACS, in the guide's order.
enum class PacsAxis { governance, protection, defence, resilience };
inline constexpr std::size_t pacs_axis_count = 4;
// The axis of a control's category (control_categories()). The categories
// were chosen to be the guide's axes, so each maps to its namesake; a
// category added later is placed here on purpose, and until it is, its
// controls are listed with those that have no category, to be placed.
std::optional<PacsAxis> pacs_axis(std::string_view category);
const Text& pacs_axis_label(PacsAxis axis);

class Pacs {
 public:
  // The controls (all of them, natural order) and the plan's actions, as
  // the action plan read them; the scenarios come from ctx.map().
  Pacs(ReportContext& ctx, const std::vector<Record>& controls,
       const std::vector<PlannedAction>& plan);
  ~Pacs();
  // The names under `pacs`, and those of a residual risk sheet.
  static ViewSchema schema();
  static ViewSchema sheet_schema();
  // The synthesis and the controls by axis.
  // Lists cut short in the document go to `annex` in full.
  ViewData view(Annex& annex) const;
  // The residual risk sheets, in register order: one per risk to mitigate.
  void sheets(const std::function<void(const ViewData&)>& emit) const;

 private:
  struct Measure;
  ReportContext& ctx_;
  const std::vector<Record>& controls_;
  std::vector<Measure> measures_;  // the controls of the plan, natural order
  std::vector<std::string> abandoned_;
  // Control ref -> index in controls_; scenario ref -> the actions addressing it.
  std::unordered_map<std::string, std::size_t> control_at_;
  std::unordered_map<std::string, std::vector<const PlannedAction*>> actions_for_;
  std::size_t mitigated_ = 0, residual_above_ = 0, residual_unrated_ = 0;
};

}  // namespace riskmap
