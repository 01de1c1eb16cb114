// The EBIOS RM study dossier: the five workshops of the method, from the
// study's records and what it derives, with the ecosystem radar, one graph
// per strategic scenario and one attack sequence per operational scenario.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "asset.hpp"
#include "control.hpp"
#include "deliverable.hpp"
#include "ebios.hpp"
#include "ebios_figures.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "study.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

// The records of one kind as read (derived values filled), by ref.
struct Kind {
  std::vector<Record> records;  // natural ref order
  std::map<std::string, std::size_t, std::less<>> at;
  const EntityKind* kind = nullptr;

  Kind(Workspace& workspace, const EntityKind& of) : records(RecordStore(workspace, of).all()), kind(&of) {
    for (std::size_t i = 0; i < records.size(); ++i) at.emplace(records[i].ref, i);
  }
  const Record* find(std::string_view ref) const {
    const auto found = at.find(ref);
    return found == at.end() ? nullptr : &records[found->second];
  }
  const Value& value(const Record& record, const char* field) const {
    return record.values[kind->index(field)];
  }
  const std::string& text(const Record& record, const char* field) const {
    return text_of(value(record, field));
  }
  const std::vector<std::string>& list(const Record& record, const char* field) const {
    static const std::vector<std::string> none;
    const auto* items = std::get_if<std::vector<std::string>>(&value(record, field));
    return items ? *items : none;
  }
  std::string ref(const Record& record, const char* field) const {
    const auto& items = list(record, field);
    return items.empty() ? std::string() : items.front();
  }
  std::optional<int> number(const Record& record, const char* field) const {
    if (const auto* n = std::get_if<std::int64_t>(&value(record, field))) return static_cast<int>(*n);
    return std::nullopt;
  }
  bool derived(const Record& record, const char* field) const {
    return record.is_derived(kind->index(field));
  }
};

std::string step_text(const Scale& scale, std::optional<int> position, Lang lang) {
  if (!position || *position < 1 || *position > scale.size()) return "—";
  const Step& step = scale.at(*position);
  return fmt::format("{} {}", step.id, step.label.in(lang));
}

std::string labels(const Vocabulary& vocabulary, const std::vector<std::string>& ids, Lang lang) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    const Choice* choice = find_choice(vocabulary, id);
    out.push_back(choice ? choice->label.in(lang) : id);
  }
  return join(out, ", ");
}

std::string number_text(std::optional<int> n) { return n ? std::to_string(*n) : "—"; }

}  // namespace

namespace {

struct Column {
  const char* key;
  Text header;
};

// The string an item of the view holds under `key`, "" when none.
std::string cell_of(const ViewData& item, const char* key) {
  const ViewData* value = item.get(key);
  return value && value->is_string() ? value->string_value() : std::string();
}

// One table of the study from a list of the view: ebios-NAME.csv beside the
// Markdown and a sheet of ebios.xlsx, a row per item. `before`: the cells
// of an enclosing item that start each row.
void study_table(ReportContext& ctx, const std::string& name, const Text& sheet,
                 const std::vector<Column>& columns,
                 const std::vector<std::pair<const ViewData*, std::vector<std::string>>>& rows,
                 std::vector<std::size_t> numbers = {}) {
  std::vector<std::string> header;
  for (const Column& column : columns) header.push_back(ctx.text(column.header));
  TableOut* table = ctx.table(fmt::format("ebios-{}.csv", name), sheet, header);
  if (!table) return;
  table->numbers(std::move(numbers));
  for (const auto& [item, before] : rows) {
    std::vector<std::string> cells = before;
    for (std::size_t i = before.size(); i < columns.size(); ++i)
      cells.push_back(cell_of(*item, columns[i].key));
    table->row(cells);
  }
}

std::vector<std::pair<const ViewData*, std::vector<std::string>>> items_of(const ViewData& view,
                                                                          const char* list) {
  std::vector<std::pair<const ViewData*, std::vector<std::string>>> rows;
  if (const ViewData* found = view.get(list); found && found->is_list())
    for (const ViewData& item : found->list_value()) rows.push_back({&item, {}});
  return rows;
}

// The study's tables, as the dossier shows them, for those who work in a
// spreadsheet: feared events, risk origins, stakeholders, strategic and
// operational scenarios, risks and the security improvement plan.
void study_tables(ReportContext& ctx, const ViewData& view) {
  const Text ref{"Réf.", "Ref"};
  std::vector<std::pair<const ViewData*, std::vector<std::string>>> events;
  if (const ViewData* values = view.get("business_values"); values && values->is_list())
    for (const ViewData& value : values->list_value())
      if (const ViewData* list = value.get("events"); list && list->is_list())
        for (const ViewData& event : list->list_value())
          events.push_back({&event, {cell_of(value, "ref"), cell_of(value, "name")}});
  study_table(ctx, "feared-events", {"Événements redoutés", "Feared events"},
              {{"", {"Valeur métier", "Business value"}},
               {"", {"Nom", "Name"}},
               {"ref", ref},
               {"description", {"Événement redouté", "Feared event"}},
               {"criteria", {"Critères", "Criteria"}},
               {"impacts", {"Impacts", "Impacts"}},
               {"gravity", {"Gravité", "Gravity"}}},
              events);
  study_table(ctx, "origins", {"Sources de risque", "Risk origins"},
              {{"ref", ref},
               {"source_category", {"Source de risque", "Risk source"}},
               {"aims", {"Objectif visé", "Target objective"}},
               {"motivation", {"Motivation", "Motivation"}},
               {"resources", {"Ressources", "Resources"}},
               {"activity", {"Activité", "Activity"}},
               {"pertinence", {"Pertinence", "Pertinence"}}},
              items_of(view, "origins"), {3, 4, 5, 6});
  study_table(ctx, "stakeholders", {"Parties prenantes", "Stakeholders"},
              {{"ref", ref},
               {"name", {"Partie prenante", "Stakeholder"}},
               {"category", {"Catégorie", "Category"}},
               {"threat", {"Menace initiale", "Initial threat"}},
               {"residual_threat", {"Menace résiduelle", "Residual threat"}},
               {"critical", {"Critique", "Critical"}}},
              items_of(view, "stakeholders"));
  study_table(ctx, "strategic", {"Scénarios stratégiques", "Strategic scenarios"},
              {{"ref", ref},
               {"title", {"Scénario stratégique", "Strategic scenario"}},
               {"origin", {"Source de risque", "Risk origin"}},
               {"events", {"Événements redoutés", "Feared events"}},
               {"gravity", {"Gravité", "Gravity"}}},
              items_of(view, "strategics"));
  study_table(ctx, "operational", {"Scénarios opérationnels", "Operational scenarios"},
              {{"ref", ref},
               {"title", {"Scénario opérationnel", "Operational scenario"}},
               {"strategic", {"Scénario stratégique", "Strategic scenario"}},
               {"path", {"Chemin d’attaque", "Attack path"}},
               {"likelihood", {"Vraisemblance", "Likelihood"}}},
              items_of(view, "operationals"));
  study_table(ctx, "risks", {"Risques", "Risks"},
              {{"ref", ref},
               {"title", {"Risque", "Risk"}},
               {"operational", {"Scénario opérationnel", "Operational scenario"}},
               {"initial", {"Niveau initial", "Initial rating"}},
               {"residual", {"Niveau résiduel", "Residual rating"}},
               {"treatment", {"Traitement", "Treatment"}}},
              items_of(view, "risks"));
  study_table(ctx, "pacs", {"PACS", "Improvement plan"},
              {{"ref", ref},
               {"title", {"Mesure de sécurité", "Security control"}},
               {"axis", {"Axe", "Axis"}},
               {"state", {"État", "State"}},
               {"owner", {"Responsable", "Owner"}},
               {"due", {"Échéance", "Due"}},
               {"risks", {"Risques traités", "Risks treated"}}},
              items_of(view, "pacs"));
}

}  // namespace

Deliverable ebios_deliverable() {
  Deliverable d;
  d.name = "ebios";
  d.title = {"Étude EBIOS Risk Manager", "EBIOS Risk Manager study"};
  d.workbook = true;  // the study's tables, a sheet each
  const ViewSchema none{};
  d.schema = ViewSchema{
      {"counts",
       {{"business_values", {}}, {"feared_events", {}}, {"origins", {}}, {"retained_origins", {}},
        {"strategics", {}}, {"paths", {}}, {"operationals", {}}, {"steps", {}}, {"risks", {}}}},
      {"has_business_values", {}},
      {"business_values",
       {{"ref", {}},
        {"name", {}},
        {"needs", {}},
        {"events",
         {{"ref", {}}, {"description", {}}, {"criteria", {}}, {"impacts", {}}, {"gravity", {}}}}}},
      {"has_unretained_events", {}},
      {"unretained_events", {{"ref", {}}, {"description", {}}, {"justification", {}}}},
      {"has_baseline", {}},
      {"baseline",
       {{"id", {}}, {"title", {}}, {"applicable", {}}, {"covered", {}}, {"partly", {}},
        {"planned", {}}, {"uncovered", {}}, {"undecided", {}}, {"requirements", {}},
        {"not_applicable", {}}}},
      {"has_gaps", {}},
      {"gaps", {{"ref", {}}, {"title", {}}, {"justification", {}}}},
      {"has_origins", {}},
      {"origins",
       {{"ref", {}}, {"source_category", {}}, {"aims", {}}, {"motivation", {}},
        {"resources", {}}, {"activity", {}}, {"pertinence", {}}}},
      {"has_unretained_origins", {}},
      {"unretained_origins",
       {{"ref", {}}, {"source", {}}, {"objective", {}}, {"justification", {}}}},
      {"has_set_pertinence", {}},
      {"set_pertinence", {{"ref", {}}, {"pertinence", {}}, {"justification", {}}}},
      {"has_stakeholders", {}},
      {"stakeholders",
       {{"ref", {}}, {"name", {}}, {"category", {}}, {"threat", {}}, {"residual_threat", {}},
        {"critical", {}}}},
      {"critical_count", {}},
      {"radar", {}},
      {"radar_residual", {}},
      {"has_strategics", {}},
      {"strategics",
       {{"ref", {}},
        {"title", {}},
        {"origin", {}},
        {"events", {}},
        {"gravity", {}},
        {"gravity_note", {}},
        {"svg", {}},
        {"paths",
         {{"ref", {}}, {"through", {}}, {"description", {}}, {"retained", {}}}}}},
      {"has_operationals", {}},
      {"operationals",
       {{"ref", {}},
        {"title", {}},
        {"path", {}},
        {"strategic", {}},
        {"likelihood", {}},
        {"likelihood_note", {}},
        {"description", {}},
        {"svg", {}},
        {"has_steps", {}},
        {"steps",
         {{"ref", {}}, {"phase", {}}, {"description", {}}, {"after", {}}, {"probability", {}},
          {"difficulty", {}}, {"cumulative", {}}}}}},
      {"has_risks", {}},
      {"risks",
       {{"ref", {}}, {"title", {}}, {"operational", {}}, {"initial", {}}, {"residual", {}},
        {"treatment", {}}}},
      {"has_pacs", {}},
      {"pacs",
       {{"ref", {}}, {"title", {}}, {"axis", {}}, {"state", {}}, {"owner", {}}, {"due", {}},
        {"risks", {}}}}};
  d.render = [title = d.title](ReportContext& ctx) {
    const Lang lang = ctx.lang;
    const Method& method = ctx.method;
    Workspace& ws = ctx.workspace;
    const auto yes_no_text = [&](bool yes) {
      return std::string(ctx.text(yes ? "Oui" : "Non", yes ? "Yes" : "No"));
    };

    const Kind assets(ws, asset_kind()), events(ws, feared_event_kind()), origins(ws, origin_kind()),
        strategics(ws, strategic_kind()), paths(ws, path_kind()),
        operationals(ws, operational_kind()), steps(ws, step_kind()),
        stakeholders(ws, stakeholder_kind()), controls(ws, control_kind());
    const StudyFacts facts = read_study_facts(ws);
    const auto name_of = [&](const Kind& kind, const std::string& ref, const char* field) {
      const Record* r = kind.find(ref);
      return r ? kind.text(*r, field) : std::string();
    };
    const auto refs_named = [&](const Kind& kind, const std::vector<std::string>& refs,
                                const char* field) {
      std::vector<std::string> out;
      for (const auto& ref : refs) {
        const std::string name = name_of(kind, ref, field);
        out.push_back(name.empty() ? ref : fmt::format("{} {}", ref, name));
      }
      return join(out, " ; ");
    };

    ViewData view = ctx.common_view(title);

    // Workshop 1: business values, their feared events, their needs.
    ViewData values{ViewData::type::list}, unretained_events{ViewData::type::list};
    std::map<std::string, std::vector<const Record*>, std::less<>> events_of;
    for (const Record& e : events.records) {
      if (!is_yes(events.value(e, "retained"))) {
        ViewData row;
        row.set("ref", e.ref);
        row.set("description", events.text(e, "description"));
        row.set("justification", events.text(e, "justification"));
        unretained_events.push_back(row);
        continue;
      }
      events_of[events.ref(e, "business_value")].push_back(&e);
    }
    std::size_t business_values = 0;
    for (const Record& a : assets.records) {
      if (assets.text(a, "role") != "primary") continue;
      const auto found = events_of.find(a.ref);
      if (found == events_of.end()) continue;
      ++business_values;
      std::vector<std::string> needs;
      static const char* const need_fields[] = {"confidentiality", "integrity", "availability",
                                                "traceability"};
      for (std::size_t c = 0; c < 4; ++c)
        if (const auto level = assets.number(a, need_fields[c]))
          needs.push_back(fmt::format("{}{}{}", security_criteria()[c].label.in(lang),
                                      wording::colon(lang), method.impact.at(*level).id));
      ViewData list{ViewData::type::list};
      for (const Record* e : found->second) {
        ViewData row;
        row.set("ref", e->ref);
        row.set("description", events.text(*e, "description"));
        row.set("criteria", labels(security_criteria(), events.list(*e, "criteria"), lang));
        std::string impacts = labels(impact_types(), events.list(*e, "impacts"), lang);
        if (const auto& words = events.text(*e, "impact_description"); !words.empty())
          impacts += (impacts.empty() ? "" : " — ") + words;
        row.set("impacts", impacts);
        row.set("gravity", step_text(method.impact, events.number(*e, "gravity"), lang));
        list.push_back(row);
      }
      ViewData value;
      value.set("ref", a.ref);
      value.set("name", assets.text(a, "name"));
      value.set("needs", join(needs, ", "));
      value.set("events", list);
      values.push_back(value);
    }
    view.set("has_business_values", business_values > 0);
    view.set("business_values", values);
    view.set("has_unretained_events", !unretained_events.is_empty_list());
    view.set("unretained_events", unretained_events);

    // The security baseline: the frameworks in force and their exclusions.
    ViewData baseline{ViewData::type::list}, gaps{ViewData::type::list};
    for (const FrameworkStanding* f : ctx.frameworks_in_force()) {
      ViewData row;
      row.set("id", f->info.id);
      row.set("title", f->info.title);
      // Counts as phrases that agree with them: "aucune exclue", "1 exclue",
      // "3 exclues"; "none excluded", "3 excluded".
      const auto counted = [&](std::size_t n, std::string_view fr_one, std::string_view fr_many,
                               std::string_view en) {
        if (lang == Lang::fr)
          return n == 0 ? fmt::format("aucune {}", fr_one)
                        : fmt::format("{} {}", n, n == 1 ? fr_one : fr_many);
        return n == 0 ? fmt::format("none {}", en) : fmt::format("{} {}", n, en);
      };
      row.set("applicable", std::to_string(f->counts.applicable));
      row.set("covered", counted(f->counts.covered, "couverte", "couvertes", "covered"));
      row.set("partly", counted(f->counts.partly, "partiellement couverte",
                                "partiellement couvertes", "partly covered"));
      row.set("planned", counted(f->counts.planned, "prévue", "prévues", "planned"));
      row.set("uncovered", counted(f->counts.uncovered, "non couverte", "non couvertes",
                                   "uncovered"));
      row.set("undecided", counted(f->counts.undecided, "sans décision d’applicabilité",
                                   "sans décision d’applicabilité",
                                   "without an applicability decision"));
      row.set("requirements", lang == Lang::fr
                                  ? fmt::format("{} exigence{}", f->counts.requirements,
                                                f->counts.requirements > 1 ? "s" : "")
                                  : fmt::format("{} requirement{}", f->counts.requirements,
                                                f->counts.requirements == 1 ? "" : "s"));
      row.set("not_applicable", counted(f->counts.not_applicable, "exclue", "exclues",
                                        "excluded"));
      baseline.push_back(row);
      for (const SoaRow& r : f->rows)
        if (r.applicable == false) {
          ViewData gap;
          gap.set("ref", fmt::format("{}:{}", r.requirement.framework, r.requirement.id));
          gap.set("title", r.requirement.title);
          gap.set("justification", r.justification);
          gaps.push_back(gap);
        }
    }
    view.set("has_baseline", !baseline.is_empty_list());
    view.set("baseline", baseline);
    view.set("has_gaps", !gaps.is_empty_list());
    view.set("gaps", gaps);

    // Workshop 2: the SR/OV couples.
    ViewData retained{ViewData::type::list}, unretained{ViewData::type::list},
        set_pertinence{ViewData::type::list};
    std::size_t retained_origins = 0;
    for (const Record& o : origins.records) {
      ViewData row;
      row.set("ref", o.ref);
      row.set("source", origins.text(o, "source"));
      row.set("source_category",
              fmt::format("{} ({})", origins.text(o, "source"),
                          choice_label(origin_categories(), origins.value(o, "category"), lang)));
      row.set("objective", origins.text(o, "objective"));
      row.set("category", choice_label(origin_categories(), origins.value(o, "category"), lang));
      row.set("motivation", number_text(origins.number(o, "motivation")));
      row.set("resources", number_text(origins.number(o, "resources")));
      row.set("activity", number_text(origins.number(o, "activity")));
      row.set("pertinence", number_text(origins.number(o, "pertinence")));
      row.set("events", join(origins.list(o, "feared_events"), ", "));
      row.set("aims", origins.list(o, "feared_events").empty()
                          ? origins.text(o, "objective")
                          : fmt::format("{} ({})", origins.text(o, "objective"),
                                        join(origins.list(o, "feared_events"), ", ")));
      row.set("justification", origins.text(o, "justification"));
      if (!is_yes(origins.value(o, "retained"))) {
        unretained.push_back(row);
        continue;
      }
      ++retained_origins;
      retained.push_back(row);
      if (origins.number(o, "pertinence") && !origins.derived(o, "pertinence"))
        set_pertinence.push_back(row);
    }
    view.set("has_origins", retained_origins > 0);
    view.set("origins", retained);
    view.set("has_unretained_origins", !unretained.is_empty_list());
    view.set("unretained_origins", unretained);
    view.set("has_set_pertinence", !set_pertinence.is_empty_list());
    view.set("set_pertinence", set_pertinence);

    // Workshop 3: the ecosystem, strategic scenarios and their paths.
    const ZoneThresholds& thresholds = ws.config().zones;
    std::vector<RadarStakeholder> initial, residual;
    ViewData ecosystem{ViewData::type::list};
    std::size_t critical = 0;
    for (const Record& p : stakeholders.records) {
      const bool is_critical = is_yes(stakeholders.value(p, "critical"), false);
      critical += is_critical;
      ViewData row;
      row.set("ref", p.ref);
      row.set("name", stakeholders.text(p, "name"));
      row.set("category",
              choice_label(stakeholder_categories(), stakeholders.value(p, "category"), lang));
      const auto threat = threat_level(p, Rated::initial);
      const auto after = threat_level(p, Rated::residual);
      const auto zone_text = [&](std::optional<double> t) {
        return t ? zones()[static_cast<std::size_t>(zone_of(*t, thresholds))].label.in(lang)
                 : std::string("—");
      };
      const auto rated = [&](std::optional<double> t) {
        return t ? fmt::format("{} — {}", wording::decimal(*t, lang), zone_text(t))
                 : std::string("—");
      };
      row.set("threat", rated(threat));
      row.set("residual_threat", rated(after));
      row.set("critical", yes_no_text(is_critical) +
                              (stakeholders.derived(p, "critical")
                                   ? std::string()
                                   : std::string(ctx.text(" (saisi)", " (set)"))));
      ecosystem.push_back(row);
      for (const Rated stage : {Rated::initial, Rated::residual}) {
        const auto level = threat_level(p, stage);
        if (!level) continue;
        const std::size_t first =
            stakeholder_kind().index(stage == Rated::initial ? "dependency" : "residual_dependency");
        const auto n = [&](std::size_t i) {
          return static_cast<int>(std::get<std::int64_t>(p.values[first + i]));
        };
        RadarStakeholder dot{p.ref, stakeholders.text(p, "name"),
                             stakeholders.text(p, "category"), *level, n(0) * n(1), n(2) * n(3),
                             is_critical};
        (stage == Rated::initial ? initial : residual).push_back(std::move(dot));
      }
    }
    view.set("has_stakeholders", !ecosystem.is_empty_list());
    view.set("stakeholders", ecosystem);
    view.set("critical_count", std::to_string(critical));
    view.set("radar", "ebios-radar.svg");
    view.set("radar_residual", "ebios-radar-residual.svg");

    std::map<std::string, std::vector<const Record*>, std::less<>> paths_of;
    for (const Record& p : paths.records) paths_of[paths.ref(p, "strategic")].push_back(&p);
    ViewData strategic_rows{ViewData::type::list};
    std::vector<std::pair<std::string, StrategicGraph>> graphs;
    for (const Record& s : strategics.records) {
      const std::string origin = strategics.ref(s, "origin");
      const Record* couple = origins.find(origin);
      const std::string couple_text =
          couple ? fmt::format("{} — {}", origins.text(*couple, "source"),
                               origins.text(*couple, "objective"))
                 : std::string();
      StrategicGraph graph;
      graph.ref = s.ref;
      graph.title = strategics.text(s, "title");
      graph.origin = {origin, couple_text};
      graph.gravity = step_text(method.impact, strategics.number(s, "gravity"), lang);
      std::vector<std::string> values_seen;
      for (const auto& e : strategics.list(s, "feared_events")) {
        const Record* event = events.find(e);
        graph.feared_events.push_back({e, event ? events.text(*event, "description") : ""});
        const std::string value = event ? events.ref(*event, "business_value") : "";
        if (value.empty() ||
            std::find(values_seen.begin(), values_seen.end(), value) != values_seen.end())
          continue;
        values_seen.push_back(value);
        GraphNode node{value, name_of(assets, value, "name")};
        if (graph.business_value.ref.empty())
          graph.business_value = node;
        else
          graph.other_business_values.push_back(node);
      }
      ViewData path_rows{ViewData::type::list};
      for (const Record* p : paths_of[s.ref]) {
        StrategicPath path{p->ref, {}, is_yes(paths.value(*p, "retained"))};
        for (const auto& ref : paths.list(*p, "stakeholders"))
          path.stakeholders.push_back({ref, name_of(stakeholders, ref, "name")});
        graph.paths.push_back(path);
        ViewData row;
        row.set("ref", p->ref);
        const std::string through = refs_named(stakeholders, paths.list(*p, "stakeholders"), "name");
        row.set("through", through.empty() ? std::string(ctx.text("attaque directe", "direct attack"))
                                           : through);
        std::string description = paths.text(*p, "description");
        if (const auto& why = paths.text(*p, "justification"); !why.empty())
          description += (description.empty() ? "" : " ") +
                         fmt::format("{}{}{}", ctx.text("Justification", "Justification"),
                                     wording::colon(lang), why);
        row.set("description", description);
        row.set("retained", yes_no_text(path.retained));
        path_rows.push_back(row);
      }
      ViewData row;
      row.set("ref", s.ref);
      row.set("title", graph.title);
      row.set("origin", couple ? fmt::format("{} ({})", origin, couple_text) : origin);
      row.set("events", refs_named(events, strategics.list(s, "feared_events"), "description"));
      row.set("gravity", graph.gravity);
      row.set("gravity_note",
              strategics.derived(s, "gravity")
                  ? std::string(ctx.text("la plus élevée de ses événements redoutés",
                                         "the highest of its feared events"))
                  : fmt::format("{}{}", ctx.text("saisie", "set"),
                                strategics.text(s, "justification").empty()
                                    ? std::string()
                                    : " — " + strategics.text(s, "justification")));
      const std::string svg = fmt::format("ebios-strategic-{}.svg", s.ref);
      row.set("svg", svg);
      row.set("paths", path_rows);
      strategic_rows.push_back(row);
      graphs.emplace_back(svg, std::move(graph));
    }
    view.set("has_strategics", !strategic_rows.is_empty_list());
    view.set("strategics", strategic_rows);

    // Workshop 4: operational scenarios and their elementary actions.
    std::map<std::string, std::vector<const Record*>, std::less<>> steps_of;
    for (const Record& s : steps.records) steps_of[steps.ref(s, "operational")].push_back(&s);
    ViewData operational_rows{ViewData::type::list};
    std::vector<std::tuple<std::string, std::string, std::string, std::vector<AttackStep>>> sequences;
    for (const Record& o : operationals.records) {
      const std::string path = operationals.ref(o, "path");
      const auto derivation = facts.derivations.find(o.ref);
      const std::string likelihood =
          step_text(method.likelihood, operationals.number(o, "likelihood"), lang);
      std::string note;
      if (!operationals.number(o, "likelihood"))
        note = ctx.text("non évaluée", "not rated");
      else if (!operationals.derived(o, "likelihood"))
        note = ctx.text("saisie (méthode express)", "set (express method)");
      else if (derivation != facts.derivations.end() && derivation->second.advanced)
        note = ctx.text("dérivée de ses actions élémentaires (méthode avancée)",
                        "derived from its elementary actions (advanced method)");
      else
        note = ctx.text("dérivée de ses actions élémentaires (méthode standard)",
                        "derived from its elementary actions (standard method)");
      if (const auto problem = facts.derivation_problems.find(o.ref);
          problem != facts.derivation_problems.end())
        note += " — " + problem->second;
      std::vector<AttackStep> sequence;
      ViewData step_rows{ViewData::type::list};
      for (const Record* s : steps_of[o.ref]) {
        AttackStep step;
        step.ref = s->ref;
        step.label = steps.text(*s, "description");
        const std::string& phase = steps.text(*s, "phase");
        for (std::size_t p = 0; p < attack_phases().size(); ++p)
          if (attack_phases()[p].id == phase) step.phase = static_cast<int>(p);
        step.after = steps.list(*s, "after");
        step.all = steps.text(*s, "join") == "and";
        step.probability = steps.number(*s, "probability").value_or(0);
        step.difficulty = steps.number(*s, "difficulty");
        if (derivation != facts.derivations.end())
          if (const auto found = derivation->second.steps.find(s->ref);
              found != derivation->second.steps.end())
            step.cumulative = found->second.probability;
        ViewData row;
        row.set("ref", s->ref);
        row.set("phase", choice_label(attack_phases(), steps.value(*s, "phase"), lang));
        std::string described = step.label;
        if (const auto& used = steps.list(*s, "assets"); !used.empty())
          described += (described.empty() ? "" : " ") +
                       fmt::format("({}{}{})", ctx.text("biens supports", "supporting assets"),
                                   wording::colon(lang), join(used, ", "));
        row.set("description", described);
        const std::string joiner = step.all ? ctx.text(" ET ", " AND ") : ctx.text(" OU ", " OR ");
        row.set("after", step.after.empty() ? std::string("—") : join(step.after, joiner));
        row.set("probability", number_text(step.probability));
        row.set("difficulty", number_text(step.difficulty));
        row.set("cumulative", step.cumulative ? std::to_string(step.cumulative) : "—");
        step_rows.push_back(row);
        sequence.push_back(std::move(step));
      }
      const Record* path_record = paths.find(path);
      const std::string strategic = path_record ? paths.ref(*path_record, "strategic") : "";
      ViewData row;
      row.set("ref", o.ref);
      row.set("title", operationals.text(o, "title"));
      row.set("description", operationals.text(o, "description"));
      row.set("path", path);
      row.set("strategic", strategic);
      row.set("likelihood", likelihood);
      row.set("likelihood_note", note);
      const std::string svg = fmt::format("ebios-attack-{}.svg", o.ref);
      row.set("svg", svg);
      row.set("has_steps", !sequence.empty());
      row.set("steps", step_rows);
      operational_rows.push_back(row);
      const std::string heading = operationals.text(o, "title").empty()
                                      ? o.ref
                                      : fmt::format("{} — {}", o.ref, operationals.text(o, "title"));
      sequences.emplace_back(svg, heading, likelihood, std::move(sequence));
    }
    view.set("has_operationals", !operational_rows.is_empty_list());
    view.set("operationals", operational_rows);

    // Workshop 5: the risks from operational scenarios, initial → residual, and the PACS.
    const EntityKind& skind = scenario_kind();
    const std::size_t title_at = skind.index("title"), operational_at = skind.index("operational"),
                      treatment_at = skind.index("treatment"),
                      justification_at = skind.index("justification"),
                      additional_at = skind.index("additional_controls"),
                      likelihood_at = skind.index("current_likelihood"),
                      impact_at = skind.index("current_impact");
    const auto rating_text = [&](const Record& r, Stage stage) {
      const auto rating = rating_at(r, stage);
      if (!rating) return std::string("—");
      return fmt::format("{} × {} → {}", method.likelihood.at(rating->likelihood).id,
                         method.impact.at(rating->impact).id,
                         method.levels.at(method.level_of(rating->likelihood, rating->impact))
                             .label.in(lang));
    };
    std::vector<Record> linked;  // copies: the map's scenarios are read one at a time
    for (const Record& r : ctx.map().scenarios)
      if (const auto* named = std::get_if<std::vector<std::string>>(&r.values[operational_at]);
          named && !named->empty())
        linked.push_back(r);
    std::vector<const Record*> risks;
    for (const Record& r : linked) risks.push_back(&r);
    std::sort(risks.begin(), risks.end(),
              [](const Record* a, const Record* b) { return wording::ref_less(a->ref, b->ref); });
    ViewData risk_rows{ViewData::type::list};
    std::map<std::string, std::vector<std::string>, std::less<>> risks_of_control;
    for (const Record* r : risks) {
      ViewData row;
      row.set("ref", r->ref);
      const std::string& operational =
          std::get<std::vector<std::string>>(r->values[operational_at]).front();
      row.set("operational", operational);
      row.set("initial", rating_text(*r, Stage::current));
      row.set("residual", rating_text(*r, Stage::residual));
      row.set("treatment", choice_label(treatments(), r->values[treatment_at], lang));
      std::string note;
      if (!is_unset(r->values[likelihood_at]) && !r->is_derived(likelihood_at))
        note += ctx.text("vraisemblance saisie", "likelihood set by hand");
      if (!is_unset(r->values[impact_at]) && !r->is_derived(impact_at))
        note += (note.empty() ? "" : ", ") +
                std::string(ctx.text("gravité saisie", "impact set by hand"));
      if (!note.empty() && !text_of(r->values[justification_at]).empty())
        note += " — " + text_of(r->values[justification_at]);
      std::string described = fmt::format("{} ({})", text_of(r->values[title_at]), operational);
      if (!note.empty()) described += " — " + note;
      row.set("title", described);
      risk_rows.push_back(row);
      if (const auto* planned = std::get_if<std::vector<std::string>>(&r->values[additional_at]))
        for (const auto& control : *planned) risks_of_control[control].push_back(r->ref);
    }
    view.set("has_risks", !risk_rows.is_empty_list());
    view.set("risks", risk_rows);
    ViewData pacs{ViewData::type::list};
    // By axis (governance, protection, defence, resilience), then by ref.
    std::vector<const Record*> measures;
    for (const auto& [ref, named] : risks_of_control)
      if (const Record* c = controls.find(ref)) measures.push_back(c);
    const auto axis_rank = [&](const Record* c) {
      const std::string& category = controls.text(*c, "category");
      for (std::size_t i = 0; i < control_categories().size(); ++i)
        if (control_categories()[i].id == category) return i;
      return control_categories().size();
    };
    std::sort(measures.begin(), measures.end(), [&](const Record* a, const Record* b) {
      return axis_rank(a) != axis_rank(b) ? axis_rank(a) < axis_rank(b)
                                          : wording::ref_less(a->ref, b->ref);
    });
    for (const Record* c : measures) {
      ViewData row;
      row.set("ref", c->ref);
      row.set("title", controls.text(*c, "title"));
      row.set("axis", choice_label(control_categories(), controls.value(*c, "category"), lang));
      row.set("state", choice_label(control_states(), controls.value(*c, "state"), lang));
      row.set("owner", controls.text(*c, "owner"));
      row.set("due", controls.text(*c, "due"));
      auto named = risks_of_control[c->ref];
      std::sort(named.begin(), named.end(), wording::ref_less);
      row.set("risks", join(named, ", "));
      pacs.push_back(row);
    }
    view.set("has_pacs", !pacs.is_empty_list());
    view.set("pacs", pacs);

    ViewData counts;
    counts.set("business_values", std::to_string(business_values));
    counts.set("feared_events", std::to_string(events.records.size()));
    counts.set("origins", std::to_string(origins.records.size()));
    counts.set("retained_origins", std::to_string(retained_origins));
    counts.set("strategics", std::to_string(strategics.records.size()));
    counts.set("paths", std::to_string(paths.records.size()));
    counts.set("operationals", std::to_string(operationals.records.size()));
    counts.set("steps", std::to_string(steps.records.size()));
    counts.set("risks", std::to_string(risks.size()));
    view.set("counts", counts);
    ctx.markdown("ebios", title, view);
    study_tables(ctx, view);

    if (std::ostream* file = ctx.side_file("ebios-radar.svg"))
      *file << ecosystem_radar_svg(
          initial, thresholds, lang,
          fmt::format("{} — {}", ctx.text("Radar de l’écosystème", "Ecosystem radar"),
                      ctx.text("niveau initial", "initial rating")));
    if (std::ostream* file = ctx.side_file("ebios-radar-residual.svg"))
      *file << ecosystem_radar_svg(
          residual, thresholds, lang,
          fmt::format("{} — {}", ctx.text("Radar de l’écosystème", "Ecosystem radar"),
                      ctx.text("niveau résiduel", "residual rating")));
    for (const auto& [file_name, graph] : graphs)
      if (std::ostream* file = ctx.side_file(file_name)) *file << strategic_graph_svg(graph, lang);
    for (const auto& [file_name, heading, likelihood, sequence] : sequences)
      if (std::ostream* file = ctx.side_file(file_name))
        *file << attack_sequence_svg(heading, likelihood, sequence, lang);
  };
  return d;
}

}  // namespace riskmap
