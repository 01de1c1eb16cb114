// Organisational recommendations for the management, drawn from the map: the
// governance controls; the gaps found (risks above the appetite left open or
// accepted without a valid acceptance, planned controls without owner or due
// date, overdue actions, stakeholders in the danger zone without a control,
// continuity gaps, applicable requirements without coverage, missing owners),
// each as a sentence with a proposed owner; and who holds what.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "action.hpp"
#include "annex.hpp"
#include "asset.hpp"
#include "continuity.hpp"
#include "control.hpp"
#include "deliverable.hpp"
#include "recommendations.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

constexpr std::size_t refs_shown = 10;  // refs named in one recommendation

// The groups of recommendations, in the order the deliverable shows them.
constexpr std::array<const char*, 8> group_names{"untreated_risks", "acceptances",   "control_gaps",
                                                 "overdue_actions", "stakeholders",  "continuity",
                                                 "requirements",    "accountability"};

struct Holdings {
  std::size_t scenarios = 0, scenarios_above = 0, controls = 0, controls_pending = 0, actions = 0,
              actions_overdue = 0;
};

bool pending(const std::string& state) {
  return state == "planned" || state == "in-progress";
}

}  // namespace

Deliverable recommendations_deliverable() {
  const ViewSchema item{{"number", {}}, {"text", {}}, {"owner", {}}};
  Deliverable d;
  d.name = "recommendations";
  d.title = {"Recommandations organisationnelles", "Organisational recommendations"};
  d.schema = ViewSchema{
      {"recommendation_count", {}},
      {"has_recommendations", {}},
      {"has_governance", {}},
      {"governance", {{"ref", {}}, {"title", {}}, {"state", {}}, {"owner", {}}, {"due", {}}}},
      {"has_owners", {}},
      {"owners",
       {{"name", {}},
        {"scenarios", {}},
        {"scenarios_above", {}},
        {"controls", {}},
        {"controls_pending", {}},
        {"actions", {}},
        {"actions_overdue", {}}}},
      {"has_requirement_lists", {}},
      {"requirement_lists",
       {{"number", {}},
        {"title", {}},
        {"chapters", {{"title", {}}, {"count", {}}, {"items", {}}}}}}};
  for (const char* group : group_names) {
    d.schema.names[group] = item;
    d.schema.names[std::string("has_") + group] = {};
  }
  Annex::add_schema(d.schema);
  d.render = [title = d.title](ReportContext& ctx) {
    const Lang lang = ctx.lang;
    const bool fr = lang == Lang::fr;
    const Method& method = ctx.method;
    const MapData& map = ctx.map();
    const Date& today = ctx.options.today;
    Database& db = ctx.workspace.db();
    const auto q = [&](const std::string& text) { return wording::quoted(text, lang); };
    const std::string direction = ctx.text("Direction générale", "Executive management");
    const std::string ciso = ctx.text("RSSI", "CISO");
    const std::string continuity_manager =
        ctx.text("Responsable du plan de continuité d’activité", "Business continuity manager");
    const std::string colon = wording::colon(lang);
    const std::string current = ctx.stage_word(Stage::current);  // "initial" for EBIOS RM
    const std::string nbsp = wording::nbsp;

    std::map<std::string, std::vector<Recommendation>> groups;
    std::vector<RequirementList> requirement_lists;
    std::map<std::string, Holdings, bool (*)(const std::string&, const std::string&)> held(
        wording::name_less);

    // --- Controls ----------------------------------------------------------------
    const EntityKind& ckind = control_kind();
    const std::size_t c_title = ckind.index("title"), c_category = ckind.index("category"),
                      c_state = ckind.index("state"), c_owner = ckind.index("owner"),
                      c_due = ckind.index("due");
    // Pending controls without an owner, by their index in control_gaps: the
    // owner proposed is that of the highest scenario linked to the control,
    // known once the scenarios are read (see below).
    std::unordered_map<std::string, std::size_t> unassigned;
    ViewData governance{ViewData::type::list};
    std::size_t governance_count = 0, control_count = 0;
    RecordStore controls(ctx.workspace, ckind);
    controls.for_each([&](Record& r) {
      ++control_count;
      const std::string owner = text_of(r.values[c_owner]), due = text_of(r.values[c_due]),
                        state = text_of(r.values[c_state]);
      if (!owner.empty()) {
        ++held[owner].controls;
        if (pending(state)) ++held[owner].controls_pending;
      }
      if (text_of(r.values[c_category]) == "governance") {
        ++governance_count;
        ViewData g;
        g.set("ref", r.ref);
        g.set("title", text_of(r.values[c_title]));
        g.set("state", choice_label(control_states(), r.values[c_state], lang));
        g.set("owner", owner);
        g.set("due", due);
        governance.push_back(g);
      }
      if (!pending(state) || (!owner.empty() && !due.empty())) return;
      const std::string name = fmt::format("{} {}", r.ref, q(text_of(r.values[c_title])));
      const std::string stage =
          state == "planned" ? ctx.text("prévue", "planned") : ctx.text("en cours", "in progress");
      std::string text;
      if (owner.empty() && due.empty())
        text = fr ? fmt::format(
                        "Confier la mesure {} à un responsable et lui fixer une "
                        "échéance{}elle est {} sans l’un ni l’autre.",
                        name, colon, stage)
                  : fmt::format(
                        "Assign control {} to an owner and set its due date: it is {} "
                        "with neither an owner nor a due date.",
                        name, stage);
      else if (owner.empty())
        text =
            fr ? fmt::format("Confier à un responsable désigné la mesure {}, {} pour le {}.", name,
                             stage, due)
               : fmt::format("Assign control {}, {} for {}, to a named owner.", name, stage, due);
      else
        text = fr ? fmt::format(
                        "Fixer une échéance à la mesure {}{}elle est {} sans date de "
                        "mise en œuvre.",
                        name, colon, stage)
                  : fmt::format(
                        "Set a due date for control {}: it is {} with no implementation "
                        "date.",
                        name, stage);
      if (owner.empty()) unassigned.emplace(r.ref, groups["control_gaps"].size());
      groups["control_gaps"].push_back({text, owner});
    });
    // The links of those controls only, and the scenarios they name, whose
    // owner and current level the scenarios' pass fills in (an unowned
    // scenario keeps an empty owner and is passed over).
    const auto uses = control_uses(
        db, [&](std::string_view control) { return unassigned.count(std::string(control)) > 0; });
    std::unordered_map<std::string, std::pair<std::string, int>> scenario_at;
    for (const auto& [control, use] : uses)
      for (const auto* list : {&use.additional_for, &use.existing_for})
        for (const auto& ref : *list) scenario_at.emplace(ref, std::pair(std::string(), 0));


    // --- Scenarios -------------------------------------------------------------
    const EntityKind& skind = scenario_kind();
    const std::size_t s_title = skind.index("title"), s_owner = skind.index("owner"),
                      s_treatment = skind.index("treatment"), s_by = skind.index("accepted_by"),
                      s_until = skind.index("accepted_until");
    std::vector<std::string> unowned_scenarios;
    for (const Record& r : map.scenarios) {
      const auto level = level_at(r, Stage::current, method);
      if (const auto linked = scenario_at.find(r.ref); linked != scenario_at.end())
        linked->second = {text_of(r.values[s_owner]), level.value_or(0)};
      const bool above = level.value_or(0) > method.appetite;
      const std::string owner = text_of(r.values[s_owner]);
      if (owner.empty())
        unowned_scenarios.push_back(r.ref);
      else {
        ++held[owner].scenarios;
        if (above) held[owner].scenarios_above++;
      }
      if (!above) continue;
      const std::string name = fmt::format("{} {}", r.ref, q(text_of(r.values[s_title])));
      const std::string level_name = q(method.levels.at(*level).label.in(lang));
      const std::string treatment = text_of(r.values[s_treatment]);
      if (treatment.empty() || treatment == "open") {
        groups["untreated_risks"].push_back(
            {fr ? fmt::format("Décider du traitement du risque {}, dont le niveau initial {} "
                              "dépasse le seuil d’acceptation{}le réduire, l’éviter, le "
                              "transférer ou l’accepter formellement.",
                              name, level_name, colon)
                : fmt::format("Decide how to treat risk {}, whose {} level {} is above the "
                              "risk appetite: mitigate, avoid, transfer or formally accept it.",
                              name, current, level_name),
             owner.empty() ? direction : owner});
      } else if (treatment == "accept") {
        const std::string until = text_of(r.values[s_until]);
        const std::string approver = text_of(r.values[s_by]);
        const std::string proposed = !approver.empty() ? approver
                                     : !owner.empty()  ? owner
                                                       : direction;
        if (until.empty())
          groups["acceptances"].push_back(
              {fr ? fmt::format("Formaliser l’acceptation du risque {}, de niveau initial {} "
                                "au-dessus du seuil{}approbateur, date, échéance et "
                                "justification.",
                                name, level_name, colon)
                  : fmt::format("Formalise the acceptance of risk {}, whose {} level {} is "
                                "above the risk appetite: approver, date, expiry date and "
                                "justification.",
                                name, current, level_name),
               proposed});
        else if (Date::parse(until) < today)
          groups["acceptances"].push_back(
              {fr ? fmt::format("Réexaminer l’acceptation du risque {}, de niveau initial {}, "
                                "échue le {}{}la renouveler formellement ou décider d’un autre "
                                "traitement.",
                                name, level_name, until, colon)
                  : fmt::format("Review the acceptance of risk {}, at {} level {}, which "
                                "expired on {}: renew it formally or choose another treatment.",
                                name, current, level_name, until),
               proposed});
      }
    }

    // The owner proposed for each pending control without one: that of the
    // highest scenario linked to it (additional links first, each list in
    // natural order, the first at the highest level), else the CISO.
    for (const auto& [control, index] : unassigned) {
      const std::string* best = nullptr;
      int best_level = -1;
      if (const auto found = uses.find(control); found != uses.end())
        for (const auto* list : {&found->second.additional_for, &found->second.existing_for})
          for (const auto& ref : *list) {
            const auto& [owner, level] = scenario_at.at(ref);
            if (!owner.empty() && level > best_level) best = &owner, best_level = level;
          }
      groups["control_gaps"][index].owner = best ? *best : ciso;
    }

    // --- Actions -------------------------------------------------------------------
    const EntityKind& akind = action_kind();
    const std::size_t a_title = akind.index("title"), a_owner = akind.index("owner"),
                      a_due = akind.index("due"), a_progress = akind.index("progress"),
                      a_status = akind.index("status");
    std::vector<std::pair<std::string, Recommendation>> overdue;  // by due date
    std::vector<std::string> unowned_actions;
    RecordStore actions(ctx.workspace, akind);
    actions.for_each([&](Record& r) {
      // A cancelled action is out of the plan: counted for no one, asked nothing of.
      if (text_of(r.values[a_status]) == "cancelled") return;
      const std::string owner = text_of(r.values[a_owner]);
      const bool late = is_overdue(r, today);
      if (owner.empty())
        unowned_actions.push_back(r.ref);
      else {
        ++held[owner].actions;
        if (late) ++held[owner].actions_overdue;
      }
      if (!late) return;
      const std::string name = fmt::format("{} {}", r.ref, q(text_of(r.values[a_title])));
      const std::string due = text_of(r.values[a_due]);
      const auto* progress = std::get_if<std::int64_t>(&r.values[a_progress]);
      std::string text;
      if (progress)
        text = fr ? fmt::format(
                        "Relancer l’action {}, échue le {} et avancée à {}{}l’achever ou "
                        "en replanifier l’échéance.",
                        name, due, wording::percent(*progress, lang), colon)
                  : fmt::format(
                        "Follow up action {}, due on {} and {} complete: complete it or "
                        "reschedule it.",
                        name, due, wording::percent(*progress, lang));
      else
        text = fr ? fmt::format(
                        "Relancer l’action {}, échue le {}{}l’achever ou en replanifier "
                        "l’échéance.",
                        name, due, colon)
                  : fmt::format("Follow up action {}, due on {}: complete it or reschedule it.",
                                name, due);
      overdue.emplace_back(due, Recommendation{text, owner.empty() ? ciso : owner});
    });
    std::stable_sort(overdue.begin(), overdue.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [due, recommendation] : overdue)
      groups["overdue_actions"].push_back(std::move(recommendation));

    // --- Stakeholders ----------------------------------------------------------------
    const EntityKind& pkind = stakeholder_kind();
    const std::size_t p_name = pkind.index("name"), p_owner = pkind.index("owner");
    const ZoneThresholds& thresholds = ctx.workspace.config().zones;
    std::vector<std::pair<double, Recommendation>> exposed;
    RecordStore stakeholders(ctx.workspace, pkind);
    stakeholders.for_each([&](Record& r) {
      const auto exposure = danger_without_control(r, thresholds);
      if (!exposure) return;
      const std::optional<double>& initial = exposure->initial;
      const std::optional<double>& residual = exposure->residual;
      const std::string name = fmt::format("{} {}", r.ref, q(text_of(r.values[p_name])));
      const auto threat = [&](const std::optional<double>& level) {
        return level ? wording::decimal(*level, lang) : std::string("—");
      };
      std::string levels;
      if (initial && residual && threat(initial) == threat(residual))
        levels = fmt::format("{} {}", ctx.text("menace", "threat"), threat(initial));
      else
        levels =
            fr ? fmt::format("menace initiale {}{}; résiduelle {}", threat(initial), nbsp,
                             threat(residual))
               : fmt::format("initial threat {}, residual {}", threat(initial), threat(residual));
      const std::string owner = text_of(r.values[p_owner]);
      exposed.emplace_back(
          std::max(initial.value_or(0), residual.value_or(0)),
          Recommendation{
              fr ? fmt::format("Encadrer par des mesures de sécurité la relation avec la partie "
                               "prenante {}, en zone de danger ({}) sans qu’aucune mesure ne la "
                               "couvre{}clauses contractuelles de sécurité, audit, restriction "
                               "et surveillance de ses accès.",
                               name, levels, colon)
                 : fmt::format("Put security controls on the relationship with stakeholder {}, "
                               "in the danger zone ({}) with no control covering it: security "
                               "clauses in the contract, audits, restricted and monitored "
                               "access.",
                               name, levels),
              owner.empty() ? ciso : owner});
    });
    std::stable_sort(exposed.begin(), exposed.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& [threat, recommendation] : exposed)
      groups["stakeholders"].push_back(std::move(recommendation));

    // --- Continuity ---------------------------------------------------------------------
    const auto& rows = ctx.continuity();
    std::unordered_map<std::string, const ContinuityRow*> row_at;
    for (const auto& row : rows) row_at.emplace(row.ref, &row);
    std::unordered_map<std::string, std::string> asset_owner;
    const std::size_t asset_owner_at = asset_kind().index("owner");
    for (const Record& a : map.assets)
      asset_owner.emplace(a.ref, text_of(a.values[asset_owner_at]));
    const auto asset_name = [&](const std::string& ref) {
      const auto found = row_at.find(ref);
      return found == row_at.end() || found->second->name.empty()
                 ? ref
                 : fmt::format("{} {}", ref, q(found->second->name));
    };
    for (const auto& row : rows) {
      const bool supporting = row.role == "supporting";
      const std::string name = asset_name(row.ref);
      for (const auto& gap : row.gaps) {
        std::string text;
        const std::string have = wording::duration(gap.have, lang),
                          allowed = wording::duration(gap.allowed, lang);
        switch (gap.kind) {
          case GapKind::no_plan:
            text = fr ? fmt::format(
                            "Inscrire le bien critique {} dans le plan de continuité "
                            "d’activité (PCA) ou le plan de reprise informatique (PRI).",
                            name)
                      : fmt::format(
                            "Cover critical asset {} in the business continuity plan "
                            "(BCP) or the IT disaster recovery plan (DRP).",
                            name);
            break;
          case GapKind::no_rto:
            text = supporting
                       ? (fr ? fmt::format("Fixer l’objectif de temps de reprise (RTO) du bien "
                                           "support critique {}.",
                                           name)
                             : fmt::format("Set the recovery time objective (RTO) of critical "
                                           "supporting asset {}.",
                                           name))
                       : (fr ? fmt::format("Fixer la durée maximale d’interruption admissible "
                                           "(DMIA) de la valeur métier critique {}.",
                                           name)
                             : fmt::format("Set the maximum tolerable downtime (MTD) of critical "
                                           "business value {}.",
                                           name));
            break;
          case GapKind::rto_exceeds_mtd:
          case GapKind::rpo_exceeds_mtdl: {
            // One recommendation per objective, naming every business value it fails.
            const bool rto = gap.kind == GapKind::rto_exceeds_mtd;
            if (&gap != &*std::find_if(row.gaps.begin(), row.gaps.end(),
                                       [&](const ContinuityGap& g) { return g.kind == gap.kind; }))
              continue;
            std::vector<std::string> values;
            for (const auto& g : row.gaps)
              if (g.kind == gap.kind)
                values.push_back(
                    fmt::format("{} ({})", g.business_value, wording::duration(g.allowed, lang)));
            const char* objective = rto ? "RTO" : "RPO";
            const char* limit = rto ? (fr ? "DMIA" : "MTD") : (fr ? "PDMA" : "MTDL");
            if (values.size() == 1)
              text = fr ? fmt::format(
                              "Ramener le {} du bien support {} ({}) sous la {} de la "
                              "valeur métier {} qu’il sert ({}), ou revoir cette {}.",
                              objective, name, have, limit, asset_name(gap.business_value), allowed,
                              limit)
                        : fmt::format(
                              "Bring the {} of supporting asset {} ({}) within the {} of "
                              "business value {} it serves ({}), or revisit that {}.",
                              objective, name, have, limit, asset_name(gap.business_value), allowed,
                              limit);
            else
              text = fr ? fmt::format(
                              "Ramener le {} du bien support {} ({}) sous la {} des "
                              "valeurs métier qu’il sert, ou revoir ces {}{}{}.",
                              objective, name, have, limit, limit, colon, join(values, ", "))
                        : fmt::format(
                              "Bring the {} of supporting asset {} ({}) within the {} "
                              "of the business values it serves, or revisit those {}s: "
                              "{}.",
                              objective, name, have, limit, limit, join(values, ", "));
            break;
          }
        }
        const auto owner = asset_owner.find(row.ref);
        groups["continuity"].push_back({text, owner == asset_owner.end() || owner->second.empty()
                                                  ? continuity_manager
                                                  : owner->second});
      }
    }

    // --- Frameworks ---------------------------------------------------------------------
    recommend_compliance(ctx, ciso, groups["requirements"], requirement_lists);

    // --- Organisation ---------------------------------------------------------------------
    Annex annex(lang);
    if (control_count > 0 && governance_count == 0)
      groups["accountability"].push_back(
          {fr ? fmt::format("Définir des mesures de gouvernance de la sécurité, dont la "
                            "cartographie ne compte aucune{}politique de sécurité, comité des "
                            "risques, revue périodique de la cartographie.",
                            colon)
              : std::string("Define security governance controls, of which the risk map holds "
                            "none: a security policy, a risk committee, a periodic review of the "
                            "risk map."),
           direction});
    if (!unowned_scenarios.empty()) {
      std::sort(unowned_scenarios.begin(), unowned_scenarios.end(), wording::ref_less);
      const std::string refs =
          annex.list(unowned_scenarios, refs_shown, {},
                     ctx.text("Scénarios sans propriétaire", "Scenarios without an owner"));
      groups["accountability"].push_back(
          {unowned_scenarios.size() == 1
               ? (fr ? fmt::format("Désigner un propriétaire pour le scénario de risque {}, qui "
                                   "n’en a pas.",
                                   refs)
                     : fmt::format("Appoint an owner for risk scenario {}, which has none.", refs))
               : (fr ? fmt::format("Désigner un propriétaire pour les {} scénarios de risque qui "
                                   "n’en ont pas{}{}.",
                                   unowned_scenarios.size(), colon, refs)
                     : fmt::format("Appoint an owner for the {} risk scenarios that have none: "
                                   "{}.",
                                   unowned_scenarios.size(), refs)),
           direction});
    }
    if (!unowned_actions.empty()) {
      std::sort(unowned_actions.begin(), unowned_actions.end(), wording::ref_less);
      const std::string refs =
          annex.list(unowned_actions, refs_shown, {},
                     ctx.text("Actions sans responsable", "Actions without an owner"));
      groups["accountability"].push_back(
          {unowned_actions.size() == 1
               ? (fr ? fmt::format("Confier à un responsable l’action {} du plan, qui n’en a pas.",
                                   refs)
                     : fmt::format("Assign action {} of the plan to an owner: it has none.", refs))
               : (fr ? fmt::format("Confier à un responsable les {} actions du plan qui n’en ont "
                                   "pas{}{}.",
                                   unowned_actions.size(), colon, refs)
                     : fmt::format("Assign the {} actions of the plan that have none to an "
                                   "owner: {}.",
                                   unowned_actions.size(), refs)),
           ciso});
    }

    // --- The view ---------------------------------------------------------------------------
    ViewData view = ctx.common_view(title);
    annex.set(view);
    std::size_t number = 0;
    for (const char* group : group_names) {
      ViewData list{ViewData::type::list};
      for (const Recommendation& r : groups[group]) {
        ViewData entry;
        entry.set("number", std::to_string(++number));
        if (r.list) requirement_lists[*r.list].number = number;
        entry.set("text", r.text);
        entry.set("owner", r.owner);
        list.push_back(entry);
      }
      view.set(group, list);
      view.set(std::string("has_") + group, !groups[group].empty());
    }
    view.set("recommendation_count", std::to_string(number));
    ViewData lists{ViewData::type::list};
    for (const RequirementList& list : requirement_lists) {
      ViewData l;
      l.set("number", std::to_string(list.number));
      l.set("title", list.title);
      ViewData chapters{ViewData::type::list};
      for (const ListedChapter& chapter : list.chapters) {
        ViewData c;
        c.set("title", chapter.title);
        c.set("count", std::to_string(chapter.count));
        c.set("items", chapter.items);
        chapters.push_back(c);
      }
      l.set("chapters", chapters);
      lists.push_back(l);
    }
    view.set("has_requirement_lists", !requirement_lists.empty());
    view.set("requirement_lists", lists);
    view.set("has_recommendations", number > 0);
    view.set("has_governance", governance_count > 0);
    view.set("governance", governance);
    ViewData owners{ViewData::type::list};
    for (const auto& [name, h] : held) {
      ViewData o;
      o.set("name", name);
      o.set("scenarios", std::to_string(h.scenarios));
      o.set("scenarios_above", std::to_string(h.scenarios_above));
      o.set("controls", std::to_string(h.controls));
      o.set("controls_pending", std::to_string(h.controls_pending));
      o.set("actions", std::to_string(h.actions));
      o.set("actions_overdue", std::to_string(h.actions_overdue));
      owners.push_back(o);
    }
    view.set("has_owners", !held.empty());
    view.set("owners", owners);
    ctx.markdown("recommendations", title, view);
  };
  return d;
}

}  // namespace riskmap
