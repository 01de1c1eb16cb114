// The evolution of the map between a snapshot and the map rendered (the live
// map or a later snapshot): counts, level moves by stage (the inherent one
// when either version uses it), the distribution of current levels before
// and after, and the scenarios added, removed and changed; as Markdown and
// as CSV.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "deliverable.hpp"
#include "diff.hpp"
#include "store.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

// How a document names a scenario's fields.
const std::map<std::string, Text, std::less<>>& field_names() {
  static const std::map<std::string, Text, std::less<>> names{
      {"title", {"intitulé", "title"}},
      {"description", {"description", "description"}},
      {"risk_source", {"source de risque", "risk source"}},
      {"threat", {"menace", "threat"}},
      {"assets", {"biens", "assets"}},
      {"criteria", {"critères", "criteria"}},
      {"inherent_likelihood", {"vraisemblance brute", "inherent likelihood"}},
      {"inherent_impact", {"gravité brute", "inherent impact"}},
      {"current_likelihood", {"vraisemblance initiale", "current likelihood"}},
      {"current_impact", {"gravité initiale", "current impact"}},
      {"residual_likelihood", {"vraisemblance résiduelle", "residual likelihood"}},
      {"residual_impact", {"gravité résiduelle", "residual impact"}},
      {"owner", {"propriétaire", "owner"}},
      {"treatment", {"traitement", "treatment"}},
      {"justification", {"justification", "justification"}},
      {"accepted_by", {"approbateur de l’acceptation", "acceptance approver"}},
      {"accepted_on", {"date d’acceptation", "acceptance date"}},
      {"accepted_until", {"échéance de l’acceptation", "acceptance expiry"}},
      {"existing_controls", {"mesures en place", "controls in place"}},
      {"additional_controls", {"mesures prévues", "planned controls"}},
      {"stakeholders", {"parties prenantes", "stakeholders"}},
      {"status", {"statut", "status"}},
      {"review_date", {"date de revue", "review date"}},
      {"recorded_level", {"niveau relevé", "recorded level"}},
      {"notes", {"notes", "notes"}},
      {"operational", {"scénario opérationnel", "operational scenario"}},
  };
  return names;
}

// EBIOS RM calls the current stage the initial risk, in English too.
std::string fields_text(const std::vector<std::string>& fields, Lang lang, const Method& method) {
  static const std::map<std::string, Text, std::less<>> initial{
      {"current_likelihood", {"vraisemblance initiale", "initial likelihood"}},
      {"current_impact", {"gravité initiale", "initial impact"}}};
  std::vector<std::string> names;
  for (const auto& field : fields) {
    const Text* name = nullptr;
    if (const auto it = initial.find(field); it != initial.end() && is_ebios_rm(method))
      name = &it->second;
    else if (const auto known = field_names().find(field); known != field_names().end())
      name = &known->second;
    names.push_back(name ? name->in(lang) : field);
  }
  return join(names, ", ");
}

const Text& move_label(Move move) {
  static const Text labels[] = {{"", ""},
                                {"hausse", "up"},
                                {"baisse", "down"},
                                {"désormais coté", "now rated"},
                                {"plus coté", "no longer rated"}};
  return labels[static_cast<int>(move)];
}

const Text& change_label(ChangeKind kind) {
  static const Text labels[] = {{"ajouté", "added"}, {"retiré", "removed"}, {"modifié", "changed"}};
  return labels[static_cast<int>(kind)];
}

std::string level_label(const Method& method, const std::optional<int>& position, Lang lang) {
  return position ? method.levels.at(*position).label.in(lang) : "—";
}

}  // namespace

Deliverable evolution_deliverable() {
  const ViewSchema row{{"ref", {}},  {"title", {}}, {"renamed", {}}, {"former", {}},
                       {"from", {}}, {"to", {}},    {"move", {}},    {"fields", {}}};
  Deliverable d;
  d.name = "evolution";
  d.title = {"Évolution de la cartographie", "Evolution of the risk map"};
  d.schema = ViewSchema{
      {"from_name", {}},
      {"from_date", {}},
      {"to_live", {}},
      {"to_name", {}},
      {"to_date", {}},
      {"added_count", {}},
      {"removed_count", {}},
      {"changed_count", {}},
      {"unchanged_count", {}},
      {"any_change", {}},
      {"has_inherent", {}},
      {"stages", {{"stage", {}}, {"up", {}}, {"down", {}}, {"rated", {}}, {"unrated", {}}}},
      {"distribution", {{"level", {}}, {"before", {}}, {"after", {}}, {"difference", {}}}},
      {"has_moves", {}},
      {"has_added", {}},
      {"has_removed", {}},
      {"has_changed", {}},
      {"moves", row},
      {"added", row},
      {"removed", row},
      {"changed", row},
      {"csv", {}}};
  d.streamed = {"moves", "added", "removed", "changed"};
  d.workbook = true;
  d.render = [title = d.title](ReportContext& ctx) {
    const ReportOptions& options = ctx.options;
    Workspace& before = *options.baseline;
    const Method& old_method = before.method();
    const Method& new_method = ctx.method;
    const Lang lang = ctx.lang;
    const MapDiff diff = diff_scenarios(before, ctx.workspace);

    ViewData view = ctx.common_view(title);
    view.set("from_name", options.baseline_name);
    view.set("from_date", wording::long_date(options.baseline_date, lang));
    view.set("to_live", options.subject_name.empty());
    view.set("to_name", options.subject_name);
    view.set("to_date", options.subject_name.empty()
                            ? wording::long_date(options.today, lang)
                            : wording::long_date(options.subject_date, lang));
    const auto count = [&](std::size_t n) {
      return wording::whole_number(static_cast<std::int64_t>(n), lang);
    };
    view.set("added_count", count(diff.added));
    view.set("removed_count", count(diff.removed));
    view.set("changed_count", count(diff.changed));
    view.set("unchanged_count", count(diff.unchanged));
    view.set("any_change", !diff.changes.empty());

    // Current levels before and after, on the rendered map's level scale;
    // a position the other scale lacks counts on the nearest step. The
    // inherent stage is shown when either version uses it.
    std::vector<std::int64_t> old_counts(static_cast<std::size_t>(new_method.levels.size())),
        new_counts(old_counts.size());
    const auto place = [&](std::vector<std::int64_t>& counts, int position) {
      const int at = std::clamp(position, 1, new_method.levels.size());
      ++counts[static_cast<std::size_t>(at - 1)];
    };
    static const std::size_t inherent_at = scenario_kind().index("inherent_likelihood");
    bool inherent = ctx.has_inherent();
    std::int64_t old_unrated = 0, new_unrated = 0;
    RecordStore(before, scenario_kind()).for_each([&](Record& r) {
      if (const auto level = level_at(r, Stage::current, old_method))
        place(old_counts, *level);
      else
        ++old_unrated;
      inherent =
          inherent || !is_unset(r.values[inherent_at]) || !is_unset(r.values[inherent_at + 1]);
    });
    for (const Record& r : ctx.map().scenarios) {
      if (const auto level = level_at(r, Stage::current, new_method))
        place(new_counts, *level);
      else
        ++new_unrated;
    }
    view.set("has_inherent", inherent);

    ViewData stages{ViewData::type::list};
    for (const Stage stage : all_stages) {
      if (stage == Stage::inherent && !inherent) continue;
      const auto s = static_cast<std::size_t>(stage);
      ViewData line;
      line.set("stage", ctx.stage_name(stage));
      line.set("up", count(diff.up[s]));
      line.set("down", count(diff.down[s]));
      line.set("rated", count(diff.rated[s]));
      line.set("unrated", count(diff.unrated[s]));
      stages.push_back(line);
    }
    view.set("stages", stages);

    // Every scenario of either version in a row: the unrated ones in a
    // last row of their own, when there are some.
    ViewData distribution{ViewData::type::list};
    const auto distribution_line = [&](const std::string& level, std::int64_t old_count,
                                       std::int64_t new_count) {
      ViewData line;
      line.set("level", level);
      line.set("before", wording::whole_number(old_count, lang));
      line.set("after", wording::whole_number(new_count, lang));
      const std::int64_t difference = new_count - old_count;
      line.set("difference", difference > 0   ? "+" + wording::whole_number(difference, lang)
                             : difference < 0 ? "−" + wording::whole_number(-difference, lang)
                                              : std::string("="));
      distribution.push_back(line);
    };
    for (int p = new_method.levels.size(); p >= 1; --p) {
      const auto i = static_cast<std::size_t>(p - 1);
      distribution_line(new_method.levels.at(p).label.in(lang), old_counts[i], new_counts[i]);
    }
    if (old_unrated > 0 || new_unrated > 0)
      distribution_line(ctx.text("Non cotés", "Not rated"), old_unrated, new_unrated);
    view.set("distribution", distribution);

    constexpr auto current = static_cast<std::size_t>(Stage::current);
    bool has_moves = false, has_added = false, has_removed = false, has_changed = false;
    for (const auto& c : diff.changes) {
      has_moves = has_moves || (c.kind == ChangeKind::changed && c.moves[current] != Move::none);
      has_added = has_added || c.kind == ChangeKind::added;
      has_removed = has_removed || c.kind == ChangeKind::removed;
      has_changed = has_changed || (c.kind == ChangeKind::changed && !c.fields.empty());
    }
    view.set("has_moves", has_moves);
    view.set("has_added", has_added);
    view.set("has_removed", has_removed);
    view.set("has_changed", has_changed);
    view.set("csv", "evolution.csv");

    const auto row_of = [&](const ScenarioChange& c) {
      ViewData line;
      line.set("ref", c.ref);
      line.set("title", c.title);
      // A changed scenario's former title, when it had another.
      const bool renamed = c.kind == ChangeKind::changed && c.former_title != c.title;
      line.set("renamed", renamed);
      line.set("former", renamed ? c.former_title : std::string());
      line.set("from", level_label(old_method, c.from[current], lang));
      line.set("to", level_label(new_method, c.to[current], lang));
      line.set("move", move_label(c.moves[current]).in(lang));
      line.set("fields", fields_text(c.fields, lang, new_method));
      return line;
    };
    const auto stream = [&](auto keep) {
      return [&diff, row_of, keep](const std::function<void(const ViewData&)>& emit) {
        for (const auto& c : diff.changes)
          if (keep(c)) emit(row_of(c));
      };
    };
    const ViewStreams streams{
        {"moves", stream([](const ScenarioChange& c) {
           return c.kind == ChangeKind::changed && c.moves[current] != Move::none;
         })},
        {"added", stream([](const ScenarioChange& c) { return c.kind == ChangeKind::added; })},
        {"removed", stream([](const ScenarioChange& c) { return c.kind == ChangeKind::removed; })},
        {"changed", stream([](const ScenarioChange& c) {
           return c.kind == ChangeKind::changed && !c.fields.empty();
         })}};
    ctx.markdown("evolution", title, view, streams);

    {
      std::vector<std::string> header =
          lang == Lang::fr
              ? std::vector<std::string>{"Réf.", "Changement", "Scénario", "Champs modifiés"}
              : std::vector<std::string>{"Ref", "Change", "Scenario", "Changed fields"};
      for (const Stage stage : all_stages) {
        if (stage == Stage::inherent && !inherent) continue;
        const std::string& stage_name = ctx.stage_name(stage);
        for (const Text& part :
             {Text{"avant", "before"}, Text{"après", "after"}, Text{"évolution", "move"}})
          header.push_back(fmt::format("{} {}", stage_name, part.in(lang)));
      }
      TableOut* table = ctx.table("evolution.csv", Text{"Évolution", "Evolution"}, header);
      std::vector<std::size_t> levels;
      for (std::size_t column = 4; column < header.size(); ++column)
        if ((column - 4) % 3 != 2) levels.push_back(column);
      if (table) table->levels(std::move(levels));
      for (const auto& c : diff.changes) {
        if (!table) break;
        std::vector<std::string> cells{c.ref, change_label(c.kind).in(lang), c.title,
                                       fields_text(c.fields, lang, new_method)};
        for (std::size_t s = inherent ? 0 : 1; s < 3; ++s) {
          cells.push_back(c.kind == ChangeKind::added ? ""
                                                      : level_label(old_method, c.from[s], lang));
          cells.push_back(c.kind == ChangeKind::removed ? ""
                                                        : level_label(new_method, c.to[s], lang));
          cells.push_back(move_label(c.moves[s]).in(lang));
        }
        table->row(cells);
      }
    }
  };
  return d;
}

}  // namespace riskmap
