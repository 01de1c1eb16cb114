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
#include "asset.hpp"
#include "compliance_text.hpp"
#include "continuity.hpp"
#include "control.hpp"
#include "deliverable.hpp"
#include "framework.hpp"
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

struct Recommendation {
  std::string text, owner;
  std::optional<std::size_t> list = {};  // the requirements it names, in requirement_lists
};

// Requirements a recommendation names, by chapter.
struct ListedChapter {
  std::string title;
  std::size_t count = 0;
  std::string items;  // "GOUV-RISQUE (Analyse des risques), GV.OC-01"
};
struct RequirementList {
  std::string title;
  std::vector<ListedChapter> chapters;
  std::size_t number = 0;  // of its recommendation
};

// Lists name titles beside ids when most titles are this long or shorter.
constexpr std::size_t short_title = 60;

bool has_title(const Requirement& requirement) {
  return !requirement.title.empty() && requirement.title != requirement.id;
}

// Whether a framework's lists name titles: when most of them are short (a
// directive's "Analyse des risques"), not when they are sentences.
bool lists_titles(const FrameworkStanding& framework) {
  const auto short_ones =
      std::count_if(framework.rows.begin(), framework.rows.end(), [](const SoaRow& row) {
        return has_title(row.requirement) && display_width(row.requirement.title) <= short_title;
      });
  return static_cast<std::size_t>(short_ones) * 4 >= framework.rows.size() * 3;
}

// "GOUV-RISQUE « Analyse des risques »", or the id alone.
std::string requirement_item(const Requirement& requirement, bool with_titles, Lang lang) {
  if (!with_titles || !has_title(requirement)) return requirement.id;
  return fmt::format("{} {}", requirement.id, wording::quoted(requirement.title, lang));
}

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
    const std::string nbsp = wording::nbsp;

    std::map<std::string, std::vector<Recommendation>> groups;
    std::vector<RequirementList> requirement_lists;
    std::map<std::string, Holdings, bool (*)(const std::string&, const std::string&)> held(
        wording::name_less);

    // --- Scenarios -------------------------------------------------------------
    const EntityKind& skind = scenario_kind();
    const std::size_t s_title = skind.index("title"), s_owner = skind.index("owner"),
                      s_treatment = skind.index("treatment"), s_by = skind.index("accepted_by"),
                      s_until = skind.index("accepted_until");
    std::unordered_map<std::string, const Record*> scenario_at;
    std::vector<std::string> unowned_scenarios;
    for (const Record& r : map.scenarios) {
      scenario_at.emplace(r.ref, &r);
      const auto level = level_at(r, Stage::current, method);
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
                : fmt::format("Decide how to treat risk {}, whose current level {} is above the "
                              "risk appetite: mitigate, avoid, transfer or formally accept it.",
                              name, level_name),
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
                  : fmt::format("Formalise the acceptance of risk {}, whose current level {} is "
                                "above the risk appetite: approver, date, expiry date and "
                                "justification.",
                                name, level_name),
               proposed});
        else if (Date::parse(until) < today)
          groups["acceptances"].push_back(
              {fr ? fmt::format("Réexaminer l’acceptation du risque {}, de niveau initial {}, "
                                "échue le {}{}la renouveler formellement ou décider d’un autre "
                                "traitement.",
                                name, level_name, until, colon)
                  : fmt::format("Review the acceptance of risk {}, at current level {}, which "
                                "expired on {}: renew it formally or choose another treatment.",
                                name, level_name, until),
               proposed});
      }
    }

    // --- Controls ----------------------------------------------------------------
    const EntityKind& ckind = control_kind();
    const std::size_t c_title = ckind.index("title"), c_category = ckind.index("category"),
                      c_state = ckind.index("state"), c_owner = ckind.index("owner"),
                      c_due = ckind.index("due");
    const auto uses = control_uses(db);
    // The owner of the highest scenario a control is linked to, if any.
    const auto scenario_owner_for = [&](const std::string& control) -> std::string {
      const auto found = uses.find(control);
      if (found == uses.end()) return {};
      const Record* best = nullptr;
      int best_level = -1;
      for (const auto* list : {&found->second.additional_for, &found->second.existing_for})
        for (const auto& ref : *list) {
          const auto s = scenario_at.find(ref);
          if (s == scenario_at.end() || text_of(s->second->values[s_owner]).empty()) continue;
          const int level = level_at(*s->second, Stage::current, method).value_or(0);
          if (level > best_level) best = s->second, best_level = level;
        }
      return best ? text_of(best->values[s_owner]) : std::string();
    };
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
      std::string proposed = owner;
      if (proposed.empty()) proposed = scenario_owner_for(r.ref);
      if (proposed.empty()) proposed = ciso;
      groups["control_gaps"].push_back({text, proposed});
    });

    // --- Actions -------------------------------------------------------------------
    const EntityKind& akind = action_kind();
    const std::size_t a_title = akind.index("title"), a_owner = akind.index("owner"),
                      a_due = akind.index("due"), a_progress = akind.index("progress");
    std::vector<std::pair<std::string, Recommendation>> overdue;  // by due date
    std::vector<std::string> unowned_actions;
    RecordStore actions(ctx.workspace, akind);
    actions.for_each([&](Record& r) {
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
    const std::size_t p_name = pkind.index("name"), p_owner = pkind.index("owner"),
                      p_controls = pkind.index("controls");
    const ZoneThresholds& thresholds = ctx.workspace.config().zones;
    std::vector<std::pair<double, Recommendation>> exposed;
    RecordStore stakeholders(ctx.workspace, pkind);
    stakeholders.for_each([&](Record& r) {
      const auto initial = threat_level(r, Rated::initial);
      const auto residual = threat_level(r, Rated::residual);
      const bool danger = (initial && zone_of(*initial, thresholds) == Zone::danger) ||
                          (residual && zone_of(*residual, thresholds) == Zone::danger);
      if (!danger || !is_unset(r.values[p_controls])) return;
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
    // The requirements a recommendation bears on are listed after the table,
    // by chapter, all of them.
    for (const FrameworkStanding* framework : ctx.frameworks_in_force()) {
      const std::string& id = framework->info.id;
      const bool with_titles = lists_titles(*framework);
      std::vector<RequirementList> uncovered(1), partly(1), undecided(1);
      for (const ChapterStanding& chapter : framework->chapters) {
        std::vector<std::string> in_chapter[3];
        for (const std::size_t at : chapter.rows) {
          const SoaRow& row = framework->rows[at];
          const std::string named = requirement_item(row.requirement, with_titles, lang);
          if (!row.applicable) in_chapter[2].push_back(named);
          if (row.applicable == false) continue;
          if (row.compliance == Compliance::uncovered) in_chapter[0].push_back(named);
          if (row.compliance == Compliance::partly) in_chapter[1].push_back(named);
        }
        const std::string heading = compliance_text::heading_label(chapter.heading, lang);
        for (auto [list, at] : {std::pair{&uncovered, 0}, {&partly, 1}, {&undecided, 2}})
          if (!in_chapter[at].empty())
            list->front().chapters.push_back(
                {heading, in_chapter[at].size(), join(in_chapter[at], ", ")});
      }
      const auto count = [](const std::vector<RequirementList>& list) {
        std::size_t n = 0;
        for (const auto& chapter : list.front().chapters) n += chapter.count;
        return n;
      };
      // One requirement is named in the recommendation; more are listed below the table.
      const auto recommend = [&](std::vector<RequirementList>& list, const Text& what,
                                 std::string text) {
        std::optional<std::size_t> at;
        if (list.front().chapters.size() > 1 || list.front().chapters.front().count > 1) {
          list.front().title = fmt::format("{} — {}", id, what.in(lang));
          requirement_lists.push_back(std::move(list.front()));
          at = requirement_lists.size() - 1;
        }
        groups["requirements"].push_back({std::move(text), ciso, at});
      };
      const auto only = [](const std::vector<RequirementList>& list) {
        return list.front().chapters.front().items;
      };
      if (const std::size_t n = count(uncovered); n > 0)
        recommend(uncovered, {"exigences non couvertes", "requirements not covered"},
                  n == 1 ? (fr ? fmt::format("Couvrir par une mesure de sécurité l’exigence "
                                             "applicable {} du référentiel {}, à laquelle aucune "
                                             "mesure ne répond, ni directement ni par une table "
                                             "de correspondance.",
                                             only(uncovered), id)
                               : fmt::format("Cover with a security control the applicable "
                                             "requirement {} of {}, which no control answers, "
                                             "directly or through a mapping table.",
                                             only(uncovered), id))
                         : (fr ? fmt::format("Couvrir par des mesures de sécurité les {} "
                                             "exigences applicables du référentiel {} auxquelles "
                                             "aucune mesure ne répond, ni directement ni par une "
                                             "table de correspondance (liste par chapitre "
                                             "ci-après).",
                                             n, id)
                               : fmt::format("Cover with security controls the {} applicable "
                                             "requirements of {} that no control answers, "
                                             "directly or through a mapping table (listed by "
                                             "chapter below).",
                                             n, id)));
      if (const std::size_t n = count(partly); n > 0)
        recommend(partly, {"exigences partiellement couvertes", "requirements partly covered"},
                  n == 1
                      ? (fr ? fmt::format("Vérifier que l’exigence applicable {} du référentiel {} "
                                          "est satisfaite, ou la couvrir par une mesure qui la "
                                          "cite{}les mesures en place n’y répondent que par une "
                                          "exigence d’un autre référentiel qui ne la recoupe "
                                          "qu’en partie.",
                                          only(partly), id, colon)
                            : fmt::format("Check that the applicable requirement {} of {} is "
                                          "met, or cover it with a control that cites it: the "
                                          "controls in place answer it only through a "
                                          "requirement of another framework that overlaps it in "
                                          "part.",
                                          only(partly), id))
                      : (fr ? fmt::format("Vérifier que les {} exigences applicables du "
                                          "référentiel {} listées ci-après sont satisfaites, ou "
                                          "les couvrir par des mesures qui les citent{}les "
                                          "mesures en place n’y répondent que par une exigence "
                                          "d’un autre référentiel qui ne les recoupe qu’en "
                                          "partie.",
                                          n, id, colon)
                            : fmt::format("Check that the {} applicable requirements of {} listed "
                                          "below are met, or cover them with controls that cite "
                                          "them: the controls in place answer them only through "
                                          "a requirement of another framework that overlaps "
                                          "them in part.",
                                          n, id)));
      if (const std::size_t n = count(undecided); n > 0) {
        if (n == framework->counts.requirements)
          groups["requirements"].push_back(
              {fr ? fmt::format("Établir la déclaration d’applicabilité du référentiel {}{}"
                                "aucune de ses {} exigences n’a encore de décision "
                                "d’applicabilité.",
                                id, colon, n)
                  : fmt::format("Draw up the statement of applicability of {}: none of its {} "
                                "requirements has an applicability decision yet.",
                                id, n),
               ciso});
        else
          recommend(undecided, {"exigences à décider", "requirements to be decided"},
                    n == 1 ? (fr ? fmt::format("Statuer sur l’applicabilité de l’exigence {} du "
                                               "référentiel {}, qui reste à décider, pour "
                                               "compléter la déclaration d’applicabilité.",
                                               only(undecided), id)
                                 : fmt::format("Decide whether requirement {} of {}, still "
                                               "undecided, applies, to complete the statement "
                                               "of applicability.",
                                               only(undecided), id))
                           : (fr ? fmt::format("Statuer sur l’applicabilité des {} exigences du "
                                               "référentiel {} qui restent à décider, pour "
                                               "compléter la déclaration d’applicabilité (liste "
                                               "par chapitre ci-après).",
                                               n, id)
                                 : fmt::format("Decide whether the {} requirements of {} still "
                                               "undecided apply, to complete the statement of "
                                               "applicability (listed by chapter below).",
                                               n, id)));
      }
    }

    // --- Organisation ---------------------------------------------------------------------
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
      const std::string refs = wording::refs_text(unowned_scenarios, refs_shown, lang);
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
      const std::string refs = wording::refs_text(unowned_actions, refs_shown, lang);
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
