// The second training deck, for the risk owners and the security officer:
// how to rate a scenario on this workspace's scales and grid, how to accept
// a risk and for how long at most, how the review works and what a finding
// asks of an owner, the year's calendar, then each owner's own scenarios
// (code, title, level, findings) drawn from the map. A list cut on a slide
// says how many more there are and where they are.
#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "deliverable.hpp"
#include "method_kit.hpp"
#include "text.hpp"
#include "view.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

constexpr std::size_t scenarios_shown = 6;    // an owner's scenarios on a slide
constexpr std::size_t acceptances_shown = 6;  // acceptances in force on a slide

std::string number(std::size_t n, Lang lang) {
  return wording::whole_number(static_cast<std::int64_t>(n), lang);
}

// "Et 4 autres scénarios, dans le registre des risques" / "And 4 more
// scenarios, in the risk register"; empty when nothing is cut.
std::string more_scenarios(std::size_t total, std::size_t shown, Lang lang) {
  if (total <= shown) return {};
  const std::size_t more = total - shown;
  if (lang == Lang::fr)
    return fmt::format("Et {} autre{} scénario{}, dans le registre des risques.",
                       number(more, lang), more > 1 ? "s" : "", more > 1 ? "s" : "");
  return fmt::format("And {} more scenario{}, in the risk register.", number(more, lang),
                     more > 1 ? "s" : "");
}

ViewSchema scenario_list_schema() {
  return ViewSchema{{"ref", {}},      {"title", {}},        {"level", {}},
                    {"rated", {}},    {"above", {}},        {"findings", {}},
                    {"has_findings", {}}, {"one_finding", {}}};
}

}  // namespace

Deliverable training_owners_deliverable() {
  Deliverable d;
  d.name = "training-owners";
  d.title = {"Coter, accepter et revoir les risques", "Rating, accepting and reviewing risks"};
  d.slides = true;
  const ViewSchema scenario_list = scenario_list_schema();
  d.schema = ViewSchema{{"scenario_count", {}},
                        {"one_scenario", {}},
                        {"owner_count", {}},
                        {"one_owner", {}},
                        {"has_owners", {}},
                        {"unowned_count", {}},
                        {"has_unowned", {}},
                        {"one_unowned", {}},
                        {"unowned", scenario_list},
                        {"unowned_more", {}},
                        {"above_count", {}},
                        {"has_above", {}},
                        {"one_above", {}},
                        {"has_inherent", {}},
                        {"likelihood_first", {}},
                        {"likelihood_last", {}},
                        {"impact_first", {}},
                        {"impact_last", {}},
                        {"heatmap_svg", {}},
                        {"acceptance_limit", {}},
                        {"example_ref", {}},
                        {"example_title", {}},
                        {"example_until", {}},
                        {"accepted", {{"ref", {}}, {"title", {}}, {"until", {}}, {"expired", {}}}},
                        {"accepted_count", {}},
                        {"has_accepted", {}},
                        {"accepted_more", {}},
                        {"rule_count", {}},
                        {"finding_count", {}},
                        {"scenario_finding_count", {}},
                        {"owners",
                         {{"name", {}},
                          {"count", {}},
                          {"one", {}},
                          {"scenarios", scenario_list},
                          {"more", {}}}}};
  for (auto& [name, child] : grid_schema().names) d.schema.names[name] = child;
  d.render = [title = d.title](ReportContext& ctx) {
    const MapData& map = ctx.map();
    const Method& method = ctx.method;
    const Lang lang = ctx.lang;
    const EntityKind& kind = scenario_kind();
    const std::size_t title_at = kind.index("title"), owner_at = kind.index("owner"),
                      treatment_at = kind.index("treatment"),
                      until_at = kind.index("accepted_until");
    ViewData view = ctx.common_view(title);

    // What the review finds on each scenario.
    const ReviewResult& review = ctx.review();
    std::unordered_map<std::string, std::size_t> findings;
    std::size_t on_scenarios = 0;
    review.findings.for_each_by_theme([&](const Finding& f) {
      if (f.kind == "scenario") ++findings[f.ref], ++on_scenarios;
    });
    view.set("rule_count", number(review.applied.size(), lang));
    view.set("finding_count", number(review.findings.size(), lang));
    view.set("scenario_finding_count", number(on_scenarios, lang));

    // A scenario as an item of a list: its code with its title, its level.
    const auto item = [&](const Record& r) {
      ViewData v;
      v.set("ref", r.ref);
      v.set("title", text_of(r.values[title_at]));
      const auto level = level_at(r, Stage::current, method);
      v.set("rated", level.has_value());
      v.set("level", level ? method.levels.at(*level).label.in(lang) : std::string());
      v.set("above", level.value_or(0) > method.appetite);
      const auto it = findings.find(r.ref);
      const std::size_t n = it == findings.end() ? 0 : it->second;
      v.set("findings", number(n, lang));
      v.set("has_findings", n > 0);
      v.set("one_finding", n == 1);
      return v;
    };

    // The owners, by name; each one's scenarios highest level first.
    std::map<std::string, std::vector<std::size_t>, bool (*)(const std::string&, const std::string&)>
        owned(wording::name_less);
    // Scenarios by their index in map.scenarios, read one at a time.
    std::vector<std::size_t> unowned;
    std::size_t above = 0;
    ViewData accepted{ViewData::type::list};
    std::size_t accepted_count = 0;
    std::optional<std::size_t> example, undecided;
    std::size_t at = 0;
    for (auto it = map.scenarios.begin(); it != map.scenarios.end(); ++it, ++at) {
      const Record& r = *it;
      const std::string& owner = text_of(r.values[owner_at]);
      if (trim(owner).empty())
        unowned.push_back(at);
      else
        owned[owner].push_back(at);
      const bool is_above = level_at(r, Stage::current, method).value_or(0) > method.appetite;
      if (is_above) ++above;
      // The example acceptance: the highest risk above the appetite whose
      // treatment is not decided yet, else the lowest above it not accepted yet.
      const std::string& treatment = text_of(r.values[treatment_at]);
      const bool is_accepted = treatment == "accept";
      if (is_above && (treatment.empty() || treatment == "open") && !undecided) undecided = at;
      if (is_above && !is_accepted) example = at;
      if (!is_accepted) continue;
      if (++accepted_count > acceptances_shown) continue;
      ViewData a;
      a.set("ref", r.ref);
      a.set("title", text_of(r.values[title_at]));
      // A date field the store has checked: ISO dates compare as text.
      const std::string& until = text_of(r.values[until_at]);
      assign_optional(a, "until", wording::long_date(until, lang));
      a.set("expired", !until.empty() && until < ctx.options.today.to_string());
      accepted.push_back(a);
    }
    if (undecided) example = undecided;
    if (!example && !map.scenarios.empty()) example = 0;
    const std::optional<Record> example_record =
        example ? std::optional<Record>(map.scenarios[*example]) : std::nullopt;

    ViewData owners{ViewData::type::list};
    for (const auto& [name, records] : owned) {
      ViewData o;
      o.set("name", name);
      o.set("count", number(records.size(), lang));
      o.set("one", records.size() == 1);
      ViewData list{ViewData::type::list};
      for (std::size_t i = 0; i < records.size() && i < scenarios_shown; ++i)
        list.push_back(item(map.scenarios[records[i]]));
      o.set("scenarios", list);
      assign_optional(o, "more", more_scenarios(records.size(), scenarios_shown, lang));
      owners.push_back(o);
    }
    view.set("owners", owners);
    view.set("owner_count", number(owned.size(), lang));
    view.set("one_owner", owned.size() == 1);
    view.set("has_owners", !owned.empty());
    ViewData unowned_list{ViewData::type::list};
    for (std::size_t i = 0; i < unowned.size() && i < scenarios_shown; ++i)
      unowned_list.push_back(item(map.scenarios[unowned[i]]));
    view.set("unowned", unowned_list);
    assign_optional(view, "unowned_more", more_scenarios(unowned.size(), scenarios_shown, lang));
    view.set("unowned_count", number(unowned.size(), lang));
    view.set("has_unowned", !unowned.empty());
    view.set("one_unowned", unowned.size() == 1);

    view.set("scenario_count", number(map.scenarios.size(), lang));
    view.set("one_scenario", map.scenarios.size() == 1);
    view.set("above_count", number(above, lang));
    view.set("has_above", above > 0);
    view.set("one_above", above == 1);
    view.set("has_inherent", ctx.has_inherent());

    // Rating: the ends of the scales, the grid and the heat map.
    view.set("likelihood_first", method.likelihood.at(1).id);
    view.set("likelihood_last", method.likelihood.at(method.likelihood.size()).id);
    view.set("impact_first", method.impact.at(1).id);
    view.set("impact_last", method.impact.at(method.impact.size()).id);
    add_grid(ctx, view);
    // The heat map of the current stage: the count of each cell (each
    // owner's slide names their scenarios with their titles).
    view.set("heatmap_svg", "training-owners-heatmap.svg");
    if (std::ostream* file = ctx.side_file("training-owners-heatmap.svg"))
      *file << heat_map_svg(
          ctx, Stage::current,
          fmt::format("{} — {}", ctx.text("Carte de chaleur des risques", "Risk heat map"),
                      ctx.stage_name(Stage::current)),
          false);

    // Accepting: how long at most, the acceptances in force, an example.
    const std::int64_t months = ctx.workspace.config().review.max_acceptance_months;
    view.set("acceptance_limit", acceptance_limit(months, lang));
    view.set("example_until", add_months(ctx.options.today, months).to_string());
    assign_optional(view, "example_ref", example_record ? example_record->ref : std::string());
    view.set("example_title",
             example_record ? text_of(example_record->values[title_at]) : std::string());
    view.set("accepted", accepted);
    view.set("accepted_count", number(accepted_count, lang));
    view.set("has_accepted", accepted_count > 0);
    assign_optional(view, "accepted_more",
                    accepted_count > acceptances_shown
                        ? fmt::format(fmt::runtime(ctx.text(
                                          "Et {} autre{}, dans le registre des risques.",
                                          "And {} more, in the risk register.")),
                                      number(accepted_count - acceptances_shown, lang),
                                      lang == Lang::fr && accepted_count - acceptances_shown > 1
                                          ? "s"
                                          : "")
                        : std::string());
    ctx.markdown("training-owners", title, view);
  };
  return d;
}

}  // namespace riskmap
