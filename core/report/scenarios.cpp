// Detailed risk scenarios: one sheet per scenario, sorted like the register
// (highest current level first, then ref), with its description, the assets
// it bears on and their security needs, the risk source and threat, the
// breached criteria, its rating at the three stages (the inherent one when
// the map uses it), treatment (justification, acceptance), the controls in
// place and planned, the stakeholders it goes through, owner, status and
// next review date. Sheets are streamed one at a time.
#include <unordered_map>

#include <fmt/format.h>

#include "asset.hpp"
#include "control.hpp"
#include "deliverable.hpp"
#include "escape.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "text.hpp"
#include "view.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

// "V3 Très vraisemblable", or `unset` when the value is not a position.
std::string step_text(const Scale& scale, const Value& value, Lang lang, const std::string& unset) {
  const auto* position = std::get_if<std::int64_t>(&value);
  if (!position || *position < 1 || *position > scale.size()) return unset;
  const Step& step = scale.at(static_cast<int>(*position));
  return fmt::format("{} {}", step.id, step.label.in(lang));
}

}  // namespace

Deliverable scenarios_deliverable() {
  Deliverable d;
  d.name = "scenarios";
  d.title = {"Fiches de scénarios de risque", "Risk scenario sheets"};
  d.new_page_sections = true;  // one sheet a page
  d.schema = ViewSchema{
      {"count", {}},
      {"has_scenarios", {}},
      {"above_appetite_count", {}},
      {"has_inherent", {}},
      {"scenarios",
       {{"ref", {}},
        {"title", {}},
        {"description", {}},
        {"has_assets", {}},
        {"has_asset_descriptions", {}},
        {"notes", {}},
        {"assets",
         {{"ref", {}},
          {"name", {}},
          {"description", {}},
          {"kind", {}},
          {"confidentiality", {}},
          {"integrity", {}},
          {"availability", {}},
          {"traceability", {}}}},
        {"risk_source", {}},
        {"threat", {}},
        {"criteria", {}},
        {"stages", {{"label", {}}, {"likelihood", {}}, {"impact", {}}, {"level", {}}}},
        {"above_appetite", {}},
        {"treatment", {}},
        {"justification", {}},
        {"acceptance", {{"by", {}}, {"on", {}}, {"until", {}}, {"expired", {}}}},
        {"has_controls", {}},
        {"controls",
         {{"ref", {}}, {"title", {}}, {"role", {}}, {"state", {}}, {"owner", {}}, {"due", {}}}},
        {"stakeholders", {}},
        {"owner", {}},
        {"status", {}},
        {"review_date", {}},
        {"review_overdue", {}}}}};
  d.streamed = {"scenarios"};
  d.render = [title = d.title](ReportContext& ctx) {
    const MapData& map = ctx.map();
    const Method& method = ctx.method;
    const Lang lang = ctx.lang;
    const EntityKind& kind = scenario_kind();
    const std::size_t notes_at = kind.index("notes");
    const std::size_t title_at = kind.index("title"), description_at = kind.index("description"),
                      source_at = kind.index("risk_source"), threat_at = kind.index("threat"),
                      assets_at = kind.index("assets"), criteria_at = kind.index("criteria"),
                      owner_at = kind.index("owner"), treatment_at = kind.index("treatment"),
                      status_at = kind.index("status"), review_at = kind.index("review_date"),
                      first_step_at = kind.index("inherent_likelihood");
    const EntityKind& akind = asset_kind();
    const std::size_t name_at = akind.index("name"), asset_kind_at = akind.index("kind"),
                      asset_description_at = akind.index("description");
    const std::size_t need_at[] = {akind.index("confidentiality"), akind.index("integrity"),
                                   akind.index("availability"), akind.index("traceability")};
    const char* const need_names[] = {"confidentiality", "integrity", "availability",
                                      "traceability"};
    const std::string unrated = "—";
    const std::string today = ctx.options.today.to_string();
    const std::size_t justification_at = kind.index("justification"),
                      by_at = kind.index("accepted_by"), on_at = kind.index("accepted_on"),
                      until_at = kind.index("accepted_until"),
                      existing_at = kind.index("existing_controls"),
                      additional_at = kind.index("additional_controls"),
                      stakeholders_at = kind.index("stakeholders");

    // The controls and stakeholders the sheets name, read once.
    struct ControlText {
      std::string title, state, owner, due;
    };
    std::unordered_map<std::string, ControlText> controls;
    {
      const EntityKind& ckind = control_kind();
      const std::size_t c_title = ckind.index("title"), c_state = ckind.index("state"),
                        c_owner = ckind.index("owner"), c_due = ckind.index("due");
      RecordStore(ctx.workspace, ckind).for_each([&](Record& c) {
        controls.emplace(c.ref, ControlText{text_of(c.values[c_title]),
                                            choice_label(control_states(), c.values[c_state], lang),
                                            text_of(c.values[c_owner]), text_of(c.values[c_due])});
      });
    }
    std::unordered_map<std::string, std::string> stakeholder_names;
    {
      const EntityKind& skind = stakeholder_kind();
      const std::size_t s_name = skind.index("name");
      RecordStore(ctx.workspace, skind).for_each([&](Record& p) {
        stakeholder_names.emplace(p.ref, text_of(p.values[s_name]));
      });
    }
    const std::string in_place = ctx.text("En place", "In place"),
                      planned = ctx.text("Complémentaire", "Additional");

    std::size_t above = 0;
    for (const auto& r : map.scenarios)
      if (level_at(r, Stage::current, method).value_or(0) > method.appetite) ++above;

    ViewData view = ctx.common_view(title);
    view.set("count", std::to_string(map.scenarios.size()));
    view.set("has_scenarios", !map.scenarios.empty());
    view.set("above_appetite_count", std::to_string(above));
    // The inherent stage is shown only when the map uses it.
    std::vector<Stage> shown;
    for (const Stage stage : all_stages)
      if (stage != Stage::inherent || ctx.has_inherent()) shown.push_back(stage);
    view.set("has_inherent", ctx.has_inherent());

    const ViewStreams streams{
        {"scenarios", [&](const auto& emit) {
           ViewData sheet;  // reused from one scenario to the next: see child()
           ViewData& assets = child(sheet, "assets", ViewData::type::list);
           ViewData& stages = child(sheet, "stages", ViewData::type::list);
           ViewData& control_list = child(sheet, "controls", ViewData::type::list);
           ViewData acceptance;
           std::string criteria, names;
           for (const Record& r : map.scenarios) {
             assign(sheet, "ref", r.ref);
             assign(sheet, "title", text_of(r.values[title_at]));
             // Several lines: escaped here, rendered unescaped ({{{description}}}).
             const auto* description = std::get_if<std::string>(&r.values[description_at]);
             assign_optional(sheet, "description",
                             description ? markdown_paragraphs(*description) : std::string());

             const auto* refs = std::get_if<std::vector<std::string>>(&r.values[assets_at]);
             // The user's notes, several lines like the description.
             const auto* notes = std::get_if<std::string>(&r.values[notes_at]);
             assign_optional(sheet, "notes", notes ? markdown_paragraphs(*notes) : std::string());
             bool asset_descriptions = false;
             auto& asset_items = items(assets, refs ? refs->size() : 0);
             for (std::size_t i = 0; i < asset_items.size(); ++i) {
               const std::string& ref = (*refs)[i];
               ViewData& asset = asset_items[i];
               assign(asset, "ref", ref);
               const auto it = map.asset_at.find(ref);
               const Record* a = it == map.asset_at.end() ? nullptr : &map.assets[it->second];
               assign(asset, "name", a ? text_of(a->values[name_at]) : std::string());
               const std::string described = a ? text_of(a->values[asset_description_at]) : std::string();
               assign_optional(asset, "description", described);
               asset_descriptions = asset_descriptions || !described.empty();
               assign(
                   asset, "kind",
                   a ? choice_label(asset_kinds(), a->values[asset_kind_at], lang) : std::string());
               for (std::size_t n = 0; n < 4; ++n)
                 assign(
                     asset, need_names[n],
                     a ? step_text(method.impact, a->values[need_at[n]], lang, unrated) : unrated);
             }
             flag(sheet, "has_assets", !asset_items.empty());
             flag(sheet, "has_asset_descriptions", asset_descriptions);

             assign_optional(sheet, "risk_source", text_of(r.values[source_at]));
             assign_optional(sheet, "threat", text_of(r.values[threat_at]));
             criteria.clear();
             if (const auto* ids = std::get_if<std::vector<std::string>>(&r.values[criteria_at]))
               for (const auto& id : *ids) {
                 const Choice* choice = find_choice(security_criteria(), id);
                 if (!criteria.empty()) criteria += ", ";
                 criteria += choice ? choice->label.in(lang) : id;
               }
             assign_optional(sheet, "criteria", criteria);

             auto& stage_items = items(stages, shown.size());
             for (std::size_t i = 0; i < shown.size(); ++i) {
               const Stage stage = shown[i];
               const std::size_t at = first_step_at + 2 * static_cast<std::size_t>(stage);
               const auto level = level_at(r, stage, method);
               ViewData& s = stage_items[i];
               assign(s, "label", ctx.stage_name(stage));
               assign(s, "likelihood", step_text(method.likelihood, r.values[at], lang, unrated));
               assign(s, "impact", step_text(method.impact, r.values[at + 1], lang, unrated));
               assign(s, "level", level ? method.levels.at(*level).label.in(lang) : unrated);
             }
             flag(sheet, "above_appetite",
                  level_at(r, Stage::current, method).value_or(0) > method.appetite);

             assign_optional(sheet, "treatment",
                             choice_label(treatments(), r.values[treatment_at], lang));
             assign_optional(sheet, "justification", text_of(r.values[justification_at]));
             if (const auto by = text_of(r.values[by_at]); !by.empty()) {
               const std::string until = text_of(r.values[until_at]);
               assign(acceptance, "by", by);
               assign_optional(acceptance, "on", wording::long_date(text_of(r.values[on_at]), lang));
               assign_optional(acceptance, "until", wording::long_date(until, lang));
               flag(acceptance, "expired", !until.empty() && until < today);
               sheet.set("acceptance", acceptance);
             } else {
               flag(sheet, "acceptance", false);
             }

             const auto* existing = std::get_if<std::vector<std::string>>(&r.values[existing_at]);
             const auto* additional =
                 std::get_if<std::vector<std::string>>(&r.values[additional_at]);
             auto& control_items = items(control_list, (existing ? existing->size() : 0) +
                                                           (additional ? additional->size() : 0));
             std::size_t n = 0;
             for (const auto* list : {existing, additional}) {
               if (!list) continue;
               for (const auto& ref : *list) {
                 ViewData& c = control_items[n++];
                 const auto found = controls.find(ref);
                 const ControlText none;
                 const ControlText& text = found == controls.end() ? none : found->second;
                 assign(c, "ref", ref);
                 assign(c, "title", text.title);
                 assign(c, "role", list == existing ? in_place : planned);
                 assign(c, "state", text.state);
                 assign(c, "owner", text.owner.empty() ? unrated : text.owner);
                 assign(c, "due", text.due.empty() ? unrated : text.due);
               }
             }
             flag(sheet, "has_controls", n > 0);

             names.clear();
             if (const auto* involved =
                     std::get_if<std::vector<std::string>>(&r.values[stakeholders_at]))
               for (const auto& ref : *involved) {
                 if (!names.empty()) names += ", ";
                 const auto found = stakeholder_names.find(ref);
                 names += found == stakeholder_names.end() || found->second.empty()
                              ? ref
                              : fmt::format("{} ({})", found->second, ref);
               }
             assign_optional(sheet, "stakeholders", names);

             assign_optional(sheet, "owner", text_of(r.values[owner_at]));
             assign_optional(sheet, "status",
                             choice_label(scenario_statuses(), r.values[status_at], lang));
             const auto* review = std::get_if<std::string>(&r.values[review_at]);
             assign_optional(sheet, "review_date",
                             review ? wording::long_date(*review, lang) : std::string());
             // ISO dates compare as text.
             flag(sheet, "review_overdue", review && !review->empty() && *review < today);
             emit(sheet);
           }
         }}};
    ctx.markdown("scenarios", title, view, streams);
  };
  return d;
}

}  // namespace riskmap
