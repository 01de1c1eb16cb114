#include "method_kit.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "action.hpp"
#include "asset.hpp"
#include "control.hpp"
#include "ebios.hpp"
#include "kinds.hpp"
#include "store.hpp"
#include "study.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

std::string number(std::size_t n, Lang lang) {
  return wording::whole_number(static_cast<std::int64_t>(n), lang);
}

// How the kit names each kind of record; a kind it does not know goes by
// its plural.
Text kind_label(const EntityKind& kind) {
  static const std::map<std::string, Text, std::less<>> labels{
      {"asset", {"Biens (valeurs métier et biens supports)", "Assets (business values and supporting assets)"}},
      {"control", {"Mesures de sécurité", "Security controls"}},
      {"stakeholder", {"Parties prenantes de l’écosystème", "Stakeholders of the ecosystem"}},
      {"feared_event", {"Événements redoutés", "Feared events"}},
      {"origin", {"Couples source de risque / objectif visé", "Risk origin / target objective couples"}},
      {"strategic", {"Scénarios stratégiques", "Strategic scenarios"}},
      {"path", {"Chemins d’attaque", "Attack paths"}},
      {"operational", {"Scénarios opérationnels", "Operational scenarios"}},
      {"step", {"Actions élémentaires", "Elementary actions"}},
      {"scenario", {"Scénarios de risque", "Risk scenarios"}},
      {"action", {"Actions du plan", "Actions of the plan"}}};
  if (const auto it = labels.find(kind.name); it != labels.end()) return it->second;
  return {kind.plural, kind.plural};
}

bool is_study_kind(const EntityKind& kind) {
  for (const EntityKind* k : {&feared_event_kind(), &origin_kind(), &strategic_kind(), &path_kind(),
                              &operational_kind(), &step_kind()})
    if (k == &kind) return true;
  return false;
}

// "juillet – septembre 2026" / "July–September 2026": a quarter of the calendar.
std::string quarter_label(int year, unsigned first_month, Lang lang) {
  static constexpr const char* fr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                       "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static constexpr const char* en[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  const auto* names = lang == Lang::fr ? fr : en;
  return fmt::format(fmt::runtime(lang == Lang::fr ? "{} – {} {}" : "{}–{} {}"),
                     names[first_month - 1], names[first_month + 1], year);
}

// The dates of the coming year that the calendar lists: scenario reviews,
// acceptances that expire, actions that fall due. Bucket 0 is what is
// already late at the document's date; buckets 1 to 4 are the current
// quarter and the three after it.
struct Calendar {
  static constexpr std::size_t buckets = 5;
  std::array<Date, buckets> first{};  // the first day of each quarter (bucket 0 unused)
  std::array<std::vector<std::string>, buckets> reviews, acceptances, actions;

  explicit Calendar(Date today) : today_(today) {
    Date start{today.year, ((today.month - 1) / 3) * 3 + 1, 1};
    for (std::size_t q = 1; q < buckets; ++q) first[q] = add_months(start, 3 * static_cast<std::int64_t>(q - 1));
    end_ = add_months(start, 12);
  }
  // Files `ref` under the bucket of `date`; a date a year or more away is left for later.
  void place(std::array<std::vector<std::string>, buckets>& lists, const std::string& ref,
             const std::string& date) {
    if (date.empty()) return;
    Date when;
    try {
      when = Date::parse(date);
    } catch (const ValueError&) {
      return;  // the store checks dates: another program's text is not a date to plan
    }
    if (when < today_) {
      lists[0].push_back(ref);
      return;
    }
    if (!(when < end_)) return;
    std::size_t q = buckets - 1;
    while (q > 1 && when < first[q]) --q;
    lists[q].push_back(ref);
  }

 private:
  Date today_, end_;
};

// A calendar cell: the refs in natural order, cut after a few with where the rest is.
std::string cell(std::vector<std::string> refs, Lang lang, std::string_view where) {
  if (refs.empty()) return "—";
  std::sort(refs.begin(), refs.end(), wording::ref_less);
  return wording::cut_list(refs, 6, lang, where);
}

void add_calendar(ReportContext& ctx, ViewData& view) {
  const Lang lang = ctx.lang;
  Calendar calendar(ctx.options.today);
  const EntityKind& skind = scenario_kind();
  const std::size_t review_at = skind.index("review_date"), treatment_at = skind.index("treatment"),
                    until_at = skind.index("accepted_until");
  for (const Record& r : ctx.map().scenarios) {
    calendar.place(calendar.reviews, r.ref, text_of(r.values[review_at]));
    if (text_of(r.values[treatment_at]) == "accept")
      calendar.place(calendar.acceptances, r.ref, text_of(r.values[until_at]));
  }
  const EntityKind& akind = action_kind();
  const std::size_t due_at = akind.index("due"), status_at = akind.index("status");
  RecordStore(ctx.workspace, akind).for_each([&](Record& a) {
    const std::string& status = text_of(a.values[status_at]);
    if (status != "done" && status != "cancelled")
      calendar.place(calendar.actions, a.ref, text_of(a.values[due_at]));
  });
  // Where a cut cell's other refs are: the scenario sheets give each
  // scenario's review date and acceptance, the action plan each action's due date.
  const std::string sheets = ctx.text("les fiches de scénarios", "the scenario sheets");
  const std::string plan_name = ctx.text("le plan d’actions", "the action plan");
  ViewData rows{ViewData::type::list};
  bool late = false;
  for (std::size_t q = 0; q < Calendar::buckets; ++q) {
    ViewData row;
    if (q == 0) {
      late = !calendar.reviews[0].empty() || !calendar.acceptances[0].empty() ||
             !calendar.actions[0].empty();
      if (!late) continue;
      row.set("period", fmt::format(fmt::runtime(ctx.text("En retard au {}", "Late on {}")),
                                    wording::long_date(ctx.options.today, lang)));
    } else if (q == 1) {
      // The current quarter, from the document's date to its last day.
      const Date first = calendar.first[1];
      const Date last = add_months(Date{first.year, first.month + 2, 31}, 0);
      row.set("period", fmt::format(fmt::runtime(ctx.text("Jusqu’au {}", "Until {}")),
                                    wording::long_date(last, lang)));
    } else {
      row.set("period", quarter_label(calendar.first[q].year, calendar.first[q].month, lang));
    }
    row.set("late", q == 0);
    row.set("reviews", cell(calendar.reviews[q], lang, sheets));
    row.set("acceptances", cell(calendar.acceptances[q], lang, sheets));
    row.set("actions", cell(calendar.actions[q], lang, plan_name));
    rows.push_back(row);
  }
  view.set("calendar", rows);
  view.set("has_late", late);
}

// The review as riskmap.toml sets it, and what it finds today.
void add_review(ReportContext& ctx, ViewData& view) {
  const Lang lang = ctx.lang;
  const ReviewResult& result = ctx.review();
  std::size_t study_rules = 0;
  for (const RuleInfo* rule : result.applied)
    if (rule->about_study()) ++study_rules;
  view.set("rule_count", number(result.applied.size(), lang));
  view.set("study_rule_count", number(study_rules, lang));
  view.set("has_study_rules", study_rules > 0);
  std::vector<std::string> off;
  for (const RuleInfo* rule : result.turned_off) off.emplace_back(rule->id);
  view.set("has_rules_off", !off.empty());
  view.set("rules_off", join(off, ", "));
  const std::array<std::size_t, 4>& per_severity = result.findings.per_severity();
  ViewData severities{ViewData::type::list};
  for (const Severity s : {Severity::high, Severity::medium, Severity::low, Severity::info}) {
    ViewData row;
    row.set("label", severity_label(s).in(lang));
    row.set("count", number(per_severity[static_cast<std::size_t>(s)], lang));
    severities.push_back(row);
  }
  view.set("findings", severities);
  view.set("finding_count", number(result.findings.size(), lang));
  view.set("has_findings", !result.findings.empty());
}

// The risk owners the map names, and the owner the examples list the
// scenarios of: the one holding the most, when a shell takes the name as is.
void add_owners(ReportContext& ctx, ViewData& view) {
  const Lang lang = ctx.lang;
  const std::size_t owner_at = scenario_kind().index("owner");
  std::map<std::string, std::size_t> held;
  std::size_t unowned = 0;
  for (const Record& r : ctx.map().scenarios) {
    const std::string& owner = text_of(r.values[owner_at]);
    if (trim(owner).empty())
      ++unowned;
    else
      ++held[owner];
  }
  std::vector<std::string> names;
  for (const auto& [name, count] : held) names.push_back(name);
  std::sort(names.begin(), names.end(), wording::name_less);
  std::string busiest;
  std::size_t most = 0;
  for (const std::string& name : names)
    if (held[name] > most && shell_quoted(name)) busiest = name, most = held[name];
  view.set("owner_count", number(names.size(), lang));
  view.set("has_owners", !names.empty());
  view.set("owners", wording::cut_list(names, 8, lang,
                                       ctx.text("le registre des risques", "the risk register")));
  view.set("unowned_count", number(unowned, lang));
  view.set("has_unowned", unowned > 0);
  view.set("one_unowned", unowned == 1);
  if (busiest.empty())
    view.set("example_owner", false);
  else
    view.set("example_owner", *shell_quoted(busiest));
}

}  // namespace

std::string acceptance_limit(std::int64_t months, Lang lang) {
  const bool fr = lang == Lang::fr;
  if (months == 12) return fr ? "un an" : "one year";
  if (months == 1) return fr ? "un mois" : "one month";
  return fmt::format("{}{}{}", months, fr ? wording::nbsp : " ", fr ? "mois" : "months");
}

std::string following_ref(const std::string& ref) {
  std::size_t digits = ref.size();
  while (digits > 0 && ref[digits - 1] >= '0' && ref[digits - 1] <= '9') --digits;
  if (digits == ref.size() || ref.size() - digits > 18) return ref + "-2";
  return ref.substr(0, digits) + std::to_string(std::stoll(ref.substr(digits)) + 1);
}

std::optional<std::string> shell_quoted(std::string_view name) {
  if (name.empty() || trim(name).size() != name.size()) return std::nullopt;
  for (const char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '$' ||
        c == '`' || c == '!')
      return std::nullopt;
  return fmt::format("\"{}\"", name);
}

ViewSchema kit_schema() {
  const ViewSchema calendar_row{
      {"period", {}}, {"late", {}}, {"reviews", {}}, {"acceptances", {}}, {"actions", {}}};
  return ViewSchema{{"records", {{"label", {}}, {"command", {}}, {"prefix", {}}, {"count", {}}}},
                    {"study_commands", {}},
                    {"today", {}},
                    {"year", {}},
                    {"example_due", {}},
                    {"example_until", {}},
                    {"example_owner", {}},
                    {"next_value", {}},
                    {"next_control", {}},
                    {"next_action", {}},
                    {"next_stakeholder", {}},
                    {"next_feared_event", {}},
                    {"next_origin", {}},
                    {"next_strategic", {}},
                    {"next_path", {}},
                    {"next_operational", {}},
                    {"next_step", {}},
                    {"framework_count", {}},
                    {"soa_decisions", {}},
                    {"critical_assets", {}},
                    {"continuity_gaps", {}},
                    {"owner_count", {}},
                    {"has_owners", {}},
                    {"owners", {}},
                    {"unowned_count", {}},
                    {"has_unowned", {}},
                    {"one_unowned", {}},
                    {"rule_count", {}},
                    {"study_rule_count", {}},
                    {"has_study_rules", {}},
                    {"has_rules_off", {}},
                    {"rules_off", {}},
                    {"findings", {{"label", {}}, {"count", {}}}},
                    {"finding_count", {}},
                    {"has_findings", {}},
                    {"max_acceptance_months", {}},
                    {"calendar", calendar_row},
                    {"has_late", {}}};
}

void add_kit(ReportContext& ctx, ViewData& view) {
  Workspace& workspace = ctx.workspace;
  const Lang lang = ctx.lang;
  const Date today = ctx.options.today;

  // The kinds of record, with their commands and how many the map holds;
  // those of an EBIOS RM study when the method is EBIOS RM or the map holds one.
  const bool study = is_ebios_rm(ctx.method) || holds_study(workspace);
  view.set("study_commands", study);
  ViewData records{ViewData::type::list};
  for (const EntityKind* kind : all_kinds()) {
    if (is_study_kind(*kind) && !study) continue;
    std::size_t count = 0;
    if (kind == &asset_kind())
      count = ctx.map().assets.size();
    else if (kind == &scenario_kind())
      count = ctx.map().scenarios.size();
    else
      count = RecordStore(workspace, *kind).refs().size();
    ViewData row;
    row.set("label", kind_label(*kind).in(lang));
    row.set("command", command_name(*kind));
    row.set("prefix", kind->prefix + "…");
    row.set("count", number(count, lang));
    records.push_back(row);
  }
  view.set("records", records);

  // The refs the kit's commands create, in the order they create them: a
  // business value, then the supporting asset serving it (example_asset).
  const std::string value = RecordStore(workspace, asset_kind()).next_ref();
  view.set("next_value", value);
  view.set("example_asset", following_ref(value));
  const std::pair<const char*, const EntityKind*> next[] = {
      {"next_control", &control_kind()},         {"next_action", &action_kind()},
      {"next_stakeholder", &stakeholder_kind()}, {"next_feared_event", &feared_event_kind()},
      {"next_origin", &origin_kind()},           {"next_strategic", &strategic_kind()},
      {"next_path", &path_kind()},               {"next_operational", &operational_kind()},
      {"next_step", &step_kind()}};
  for (const auto& [name, kind] : next) view.set(name, RecordStore(workspace, *kind).next_ref());

  // Dates: an action due in six months, an acceptance as long as [review] allows.
  const std::int64_t months = workspace.config().review.max_acceptance_months;
  view.set("today", today.to_string());
  view.set("year", std::to_string(today.year));
  view.set("example_due", add_months(today, 6).to_string());
  view.set("example_until", add_months(today, months).to_string());
  view.set("max_acceptance_months", std::to_string(months));

  // The statement of applicability and continuity, in figures.
  std::size_t decisions = 0;
  for (const FrameworkStanding& standing : ctx.standings())
    decisions += standing.counts.requirements - standing.counts.undecided;
  view.set("framework_count", number(ctx.standings().size(), lang));
  view.set("soa_decisions", number(decisions, lang));
  std::size_t critical = 0, gaps = 0;
  for (const ContinuityRow& row : ctx.continuity()) {
    if (row.critical) ++critical;
    gaps += row.gaps.size();
  }
  view.set("critical_assets", number(critical, lang));
  view.set("continuity_gaps", number(gaps, lang));

  add_owners(ctx, view);
  add_review(ctx, view);
  add_calendar(ctx, view);
}

}  // namespace riskmap
