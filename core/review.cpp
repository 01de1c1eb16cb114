#include "review.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <unordered_map>

#include <fmt/format.h>

#include "action.hpp"
#include "asset.hpp"
#include "continuity.hpp"
#include "control.hpp"
#include "error.hpp"
#include "json_text.hpp"
#include "output.hpp"
#include "review_study.hpp"
#include "review_writer.hpp"
#include "scenario.hpp"
#include "sorted_runs.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "study.hpp"
#include "text.hpp"
#include "text_index.hpp"
#include "workspace.hpp"

namespace riskmap {

std::string normalise_title(std::string_view title) {
  const std::string folded = fold(title);
  std::string out;
  out.reserve(folded.size());
  for (const char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    // Letters and digits of any script are kept; ASCII punctuation and
    // spacing all become one space.
    const bool keep = byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

// The character bigrams of a normalised title, sorted, repeats kept.
std::vector<std::uint16_t> bigrams(std::string_view normalised) {
  std::vector<std::uint16_t> out;
  if (normalised.size() < 2) return out;
  out.reserve(normalised.size() - 1);
  for (std::size_t i = 0; i + 1 < normalised.size(); ++i)
    out.push_back(static_cast<std::uint16_t>(static_cast<unsigned char>(normalised[i]) << 8 |
                                             static_cast<unsigned char>(normalised[i + 1])));
  std::sort(out.begin(), out.end());
  return out;
}

// dice(a, b) when it is at least `threshold`, else 0 (or anything below
// `threshold`): the merge stops as soon as the items left cannot reach it,
// which most pairs of unrelated titles show early.
double dice_at_least(const std::vector<std::uint16_t>& a, const std::vector<std::uint16_t>& b,
                     double threshold) {
  if (a.empty() || b.empty()) return 0;
  const double total = static_cast<double>(a.size() + b.size());
  const double needed = threshold * total / 2;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (static_cast<double>(common + std::min(a.size() - i, b.size() - j)) < needed) return 0;
    if (a[i] == b[j])
      ++common, ++i, ++j;
    else if (a[i] < b[j])
      ++i;
    else
      ++j;
  }
  return 2.0 * static_cast<double>(common) / total;
}

double dice(const std::vector<std::uint16_t>& a, const std::vector<std::uint16_t>& b) {
  return dice_at_least(a, b, 0);
}

// A scenario for the duplicate pass, as one record: the hash of its asset
// set and the lengths of the set and of its ref, then the set, the ref and
// the title. Sorted by set (by hash first: what matters is that equal
// sets come together), then by ref in natural order.
struct Titled {
  std::uint64_t hash = 0;
  std::string_view assets, ref, title;
};

constexpr std::size_t titled_head = sizeof(std::uint64_t) + 2 * sizeof(std::uint32_t);

void add_titled(SortedRuns& runs, std::string_view assets, std::string_view ref,
                std::string_view title) {
  const std::uint64_t hash = std::hash<std::string_view>{}(assets);
  const auto assets_size = static_cast<std::uint32_t>(assets.size()),
             ref_size = static_cast<std::uint32_t>(ref.size());
  char head[titled_head];
  std::memcpy(head, &hash, sizeof hash);
  std::memcpy(head + sizeof hash, &assets_size, sizeof assets_size);
  std::memcpy(head + sizeof hash + sizeof assets_size, &ref_size, sizeof ref_size);
  runs.add({std::string_view(head, sizeof head), assets, ref, title});
}

Titled unpack_titled(std::string_view record) {
  Titled t;
  std::uint32_t assets_size, ref_size;
  std::memcpy(&t.hash, record.data(), sizeof t.hash);
  std::memcpy(&assets_size, record.data() + sizeof t.hash, sizeof assets_size);
  std::memcpy(&ref_size, record.data() + sizeof t.hash + sizeof assets_size, sizeof ref_size);
  record.remove_prefix(titled_head);
  t.assets = record.substr(0, assets_size);
  t.ref = record.substr(assets_size, ref_size);
  t.title = record.substr(std::size_t{assets_size} + ref_size);
  return t;
}

std::uint64_t titled_hash(std::string_view record) {
  std::uint64_t hash;
  std::memcpy(&hash, record.data(), sizeof hash);
  return hash;
}

bool titled_less(std::string_view a, std::string_view b) {
  const Titled x = unpack_titled(a), y = unpack_titled(b);
  if (x.hash != y.hash) return x.hash < y.hash;
  if (x.assets != y.assets) return x.assets < y.assets;
  if (const int c = natural_compare(x.ref, y.ref); c != 0) return c < 0;
  return x.ref < y.ref;
}

}  // namespace

double title_similarity(std::string_view a, std::string_view b) {
  const std::string na = normalise_title(a), nb = normalise_title(b);
  if (na == nb) return 1;
  return dice(bigrams(na), bigrams(nb));
}

namespace {

using Refs = std::vector<std::string>;

std::optional<int> position_of(const Value& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return static_cast<int>(*number);
  return std::nullopt;
}

// Runs the rules of one review over the workspace, counting what they need
// across records; the findings are written in the review's language.
class Reviewer : FindingWriter {
 public:
  Reviewer(Workspace& workspace, const ReviewOptions& options)
      : FindingWriter(options.lang, workspace.config().review),
        workspace_(workspace),
        method_(workspace.method()),
        settings_(workspace.config().review),
        options_(options),
        today_(options.today.to_string()) {
    // The rules of the study theme run only on a workspace that holds an
    // EBIOS RM study: on a map without one, those left on are not applied.
    const bool study = holds_study(workspace);
    for (const auto& rule : review_rules()) {
      const bool chosen = options.rules.empty()
                              ? !settings_.is_off(rule.id)
                              : std::find(options.rules.begin(), options.rules.end(), rule.id) !=
                                    options.rules.end();
      if (!chosen)
        result_.turned_off.push_back(&rule);
      else if (study || !rule.about_study()) {
        result_.applied.push_back(&rule);
        turn_on(rule);
      }
    }
    if (study) study_.emplace(workspace);
  }

  ReviewResult run();

 private:
  std::string level_name(int position) const {
    return quote(method_.levels.at(position).label.in(options_.lang));
  }
  std::string step_id(const Scale& scale, int position) const {
    return position >= 1 && position <= scale.size() ? scale.at(position).id
                                                     : std::to_string(position);
  }
  // "V2 × G3 (Moyen)"
  std::string rating_text(const Rating& rating) const {
    return fmt::format("{} × {} ({})", step_id(method_.likelihood, rating.likelihood),
                       step_id(method_.impact, rating.impact),
                       method_.levels.at(method_.level_of(rating.likelihood, rating.impact))
                           .label.in(options_.lang));
  }

  void load_assets();
  void load_scenarios(Database& db, const std::function<void(const Record&)>& visit);
  void review_scenario(const Record& scenario);
  void review_assets();
  void review_controls();
  void review_actions();
  void review_stakeholders();
  void review_continuity();
  void review_duplicates();
  void review_scales();
  void review_owners();

  Workspace& workspace_;
  const Method& method_;
  const ReviewSettings& settings_;
  const ReviewOptions& options_;
  const std::string today_;  // ISO dates compare as text
  ReviewResult result_;
  std::optional<StudyReview> study_;  // when the workspace holds a study

  std::vector<Record> assets_;
  TextIndex asset_refs_;  // numbered as in assets_
  // For each asset, the assets a scenario bearing on it covers: itself, and
  // the business values it serves.
  std::vector<std::vector<std::size_t>> asset_covers_;
  std::vector<bool> asset_served_;   // a business value some supporting asset serves
  std::vector<bool> asset_covered_;  // some scenario bears on it
  // Every scenario with its asset set, for likely duplicates: grouped by set
  // once all are read; titles are normalised only in sets of two or more.
  // They wait in sorted runs (as the findings do), so that a large map's
  // titles are not all held in memory.
  std::optional<SortedRuns> titled_;
  std::string asset_set_;  // of the scenario being read, refs joined by ','
  std::vector<bool> likelihood_used_, impact_used_, level_used_;
  TextIndex owners_;                       // of scenarios
  std::vector<std::size_t> owner_counts_;  // how many scenarios each owns, by number
  TextIndex linked_controls_;              // controls some scenario is linked to
};

ReviewResult Reviewer::run() {
  Database& db = workspace_.db();
  load_assets();
  likelihood_used_.assign(static_cast<std::size_t>(method_.likelihood.size()) + 1, false);
  impact_used_.assign(static_cast<std::size_t>(method_.impact.size()) + 1, false);
  level_used_.assign(static_cast<std::size_t>(method_.levels.size()) + 1, false);
  load_scenarios(db, [&](const Record& scenario) {
    ++result_.scope.scenarios;
    review_scenario(scenario);
    if (study_) study_->review_scenario(scenario, *this);
  });
  std::sort(result_.recorded.begin(), result_.recorded.end(),
            [](const RecordedLevel& a, const RecordedLevel& b) {
              const int c = natural_compare(a.ref, b.ref);
              return c != 0 ? c < 0 : a.ref < b.ref;
            });
  review_assets();
  review_controls();
  review_actions();
  review_stakeholders();
  review_continuity();
  review_duplicates();
  review_scales();
  review_owners();
  if (study_) {
    study_->review_records(*this);
    study_->count(result_.scope);
  }
  result_.findings = std::move(findings());
  return std::move(result_);
}

void Reviewer::load_assets() {
  static const std::size_t role = asset_kind().index("role"), serves = asset_kind().index("serves");
  RecordStore store(workspace_, asset_kind());
  if (study_) store.set_deriver(asset_deriver_from(study_->facts()));
  store.for_each([&](Record& asset) {
    asset_refs_.add(asset.ref);
    assets_.push_back(std::move(asset));
  });
  asset_served_.assign(assets_.size(), false);
  asset_covered_.assign(assets_.size(), false);
  asset_covers_.resize(assets_.size());
  for (std::size_t i = 0; i < assets_.size(); ++i) {
    const Record& asset = assets_[i];
    ++result_.scope.assets;
    if (text_of(asset.values[role]) == "primary")
      ++result_.scope.business_values;
    else
      ++result_.scope.supporting;
    asset_covers_[i].push_back(i);
    for (const auto& ref : list_of(asset.values[serves]))
      if (const std::size_t found = asset_refs_.find(ref); found != TextIndex::none) {
        asset_served_[found] = true;
        asset_covers_[i].push_back(found);
      }
  }
}

// Every scenario, with the fields the rules read, in the order of the
// table's primary key (byte order of refs): unlike RecordStore::for_each,
// no natural-order sort of the scenarios, which is most of the time a
// large map takes to read. What the rules report is sorted after. A
// scenario naming an operational scenario gets the current rating the
// study derives, as RecordStore would give it.
void Reviewer::load_scenarios(Database& db, const std::function<void(const Record&)>& visit) {
  static const EntityKind& kind = scenario_kind();
  static const std::vector<std::size_t> scalars = [] {
    std::vector<std::size_t> out;
    for (const char* name :
         {"title", "inherent_likelihood", "inherent_impact", "current_likelihood", "current_impact",
          "residual_likelihood", "residual_impact", "owner", "treatment", "justification",
          "accepted_by", "accepted_on", "accepted_until", "review_date", "recorded_level",
          "operational"})
      out.push_back(kind.index(name));
    return out;
  }();
  static const std::size_t lists[] = {kind.index("assets"), kind.index("existing_controls"),
                                      kind.index("additional_controls")};
  std::string columns;
  for (const std::size_t i : scalars) columns += ", " + kind.fields[i].name;
  for (const std::size_t i : lists) columns += ", " + kind.fields[i].name;
  auto rows = db.prepare(fmt::format("SELECT ref{} FROM scenario ORDER BY ref", columns));
  // One record, reused from row to row: its strings and lists keep their
  // storage, so reading a large map does not allocate per field.
  Record record = kind.empty_record();
  while (rows.step()) {
    check_stored_ref(db, kind, rows.text(0));
    record.ref.assign(rows.text(0));
    int column = 1;
    for (const std::size_t i : scalars)
      read_checked_value(db, kind, workspace_.method(), record.ref, i, rows, column++,
                         record.values[i]);
    for (const std::size_t i : lists)
      read_checked_value(db, kind, workspace_.method(), record.ref, i, rows, column++,
                         record.values[i]);
    record.derived = 0;
    if (study_) study_->scenario_deriver()(record);
    visit(record);
  }
}

void Reviewer::review_scenario(const Record& s) {
  static const EntityKind& kind = scenario_kind();
  static const std::size_t title_at = kind.index("title"), assets_at = kind.index("assets"),
                           owner_at = kind.index("owner"), treatment_at = kind.index("treatment"),
                           by_at = kind.index("accepted_by"), on_at = kind.index("accepted_on"),
                           until_at = kind.index("accepted_until"),
                           existing_at = kind.index("existing_controls"),
                           additional_at = kind.index("additional_controls"),
                           review_at = kind.index("review_date"),
                           recorded_at = kind.index("recorded_level"),
                           likelihood_at = kind.index("current_likelihood"),
                           impact_at = kind.index("current_impact");
  const std::string& title = text_of(s.values[title_at]);
  // Written only into findings: most scenarios have none.
  const auto name = [&] { return named(s.ref, title); };
  const std::string kind_name = "scenario";

  // The controls some scenario is linked to: an action implementing one of
  // them addresses that scenario.
  if (on("action-unlinked"))
    for (const std::size_t at : {existing_at, additional_at})
      for (const auto& control : list_of(s.values[at])) linked_controls_.add(control);

  // Steps and levels in use, at every stage.
  for (const Stage stage : all_stages)
    if (const auto rating = rating_at(s, stage)) {
      likelihood_used_[static_cast<std::size_t>(rating->likelihood)] = true;
      impact_used_[static_cast<std::size_t>(rating->impact)] = true;
      level_used_[static_cast<std::size_t>(method_.level_of(rating->likelihood, rating->impact))] =
          true;
    }

  const auto current = rating_at(s, Stage::current);
  const auto current_level = level_at(s, Stage::current, method_);
  if (!current) {
    const bool no_likelihood = is_unset(s.values[likelihood_at]),
               no_impact = is_unset(s.values[impact_at]);
    add("scenario-unrated", kind_name, s.ref,
        no_likelihood && no_impact
            ? say("Le scénario {} n’est coté ni en vraisemblance ni en gravité au stade initial.",
                  "Scenario {} has neither likelihood nor impact at the current stage.", name())
        : no_likelihood ? say("Le scénario {} n’a pas de vraisemblance au stade initial.",
                              "Scenario {} has no likelihood at the current stage.", name())
                        : say("Le scénario {} n’a pas de gravité au stade initial.",
                              "Scenario {} has no impact at the current stage.", name()),
        say("Coter la vraisemblance et la gravité initiales, avec les mesures en place "
            "aujourd’hui.",
            "Rate the current likelihood and impact, with the controls in place today."));
  }

  const Refs& bears_on = list_of(s.values[assets_at]);
  if (bears_on.empty()) {
    add("scenario-no-asset", kind_name, s.ref,
        say("Le scénario {} ne porte sur aucun bien.", "Scenario {} bears on no asset.", name()),
        say("Rattacher le scénario aux valeurs métier et aux biens supports qu’il affecte.",
            "Link the scenario to the business values and supporting assets it affects."));
  } else {
    for (const auto& ref : bears_on)
      if (const std::size_t found = asset_refs_.find(ref); found != TextIndex::none)
        for (const std::size_t covered : asset_covers_[found]) asset_covered_[covered] = true;
    if (on("duplicate-scenarios")) {
      if (!titled_) titled_.emplace(SortedRuns::Order{titled_less, titled_hash});
      asset_set_.clear();
      for (const auto& ref : bears_on) {
        if (!asset_set_.empty()) asset_set_ += ',';
        asset_set_ += ref;
      }
      add_titled(*titled_, asset_set_, s.ref, title);
    }
  }

  const std::string& owner = text_of(s.values[owner_at]);
  if (owner.empty())
    add("scenario-no-owner", kind_name, s.ref,
        say("Le scénario {} n’a pas de propriétaire du risque.", "Scenario {} has no risk owner.",
            name()),
        say("Désigner la personne qui décide du traitement de ce risque et en rend compte.",
            "Name the person who decides on the treatment of this risk and answers for it."));
  else if (const std::size_t number = owners_.add(owner); number == owner_counts_.size())
    owner_counts_.push_back(1);
  else
    ++owner_counts_[number];

  // Residual against current.
  if (const auto residual = rating_at(s, Stage::residual); residual && current) {
    const int current_at = method_.level_of(current->likelihood, current->impact),
              residual_at = method_.level_of(residual->likelihood, residual->impact);
    const bool above = residual_at > current_at || residual->likelihood > current->likelihood ||
                       residual->impact > current->impact;
    const bool lower = residual_at < current_at || residual->likelihood < current->likelihood ||
                       residual->impact < current->impact;
    if (above)
      add("residual-above-current", kind_name, s.ref,
          say("Le scénario {} a une cotation résiduelle au-dessus de l’initiale{}résiduelle {}, "
              "initiale {}.",
              "Scenario {} has a residual rating above its current one{}residual {}, current {}.",
              name(), fr() ? "\u00a0: " : ": ", rating_text(*residual), rating_text(*current)),
          say("Revoir la cotation résiduelle{}un traitement ne peut pas aggraver le risque.",
              "Review the residual rating{}a treatment cannot make the risk worse.",
              fr() ? "\u00a0: " : ": "));
    if (lower && list_of(s.values[additional_at]).empty())
      add("residual-lower-no-control", kind_name, s.ref,
          say("Le scénario {} a une cotation résiduelle plus basse que l’initiale (résiduelle {}, "
              "initiale {}) sans aucune mesure complémentaire.",
              "Scenario {} has a residual rating below its current one (residual {}, current {}) "
              "with no additional control.",
              name(), rating_text(*residual), rating_text(*current)),
          say("Rattacher les mesures complémentaires qui justifient la baisse, ou ramener la "
              "cotation résiduelle à l’initiale.",
              "Link the additional controls that justify the reduction, or set the residual "
              "rating back to the current one."));
  }

  // The organisation's recorded level against the grid's.
  if (const auto recorded = position_of(s.values[recorded_at])) {
    result_.recorded.push_back({s.ref, title, *recorded, current_level});
    if (current_level && *current_level != *recorded) {
      const int gap = *recorded - *current_level;
      const int size = gap > 0 ? gap : -gap;
      add("recorded-level-mismatch", kind_name, s.ref,
          say("Le scénario {} figure au niveau {} dans la cartographie de l’organisation, mais la "
              "grille donne {}{}niveau {}estimé de {} cran{}.",
              "Scenario {} is recorded at level {} in the organisation's map, but the grid gives "
              "{}{}{}-estimated by {} level{}.",
              name(), level_name(*recorded), level_name(*current_level), fr() ? "\u00a0: " : ": ",
              gap > 0 ? (fr() ? "sur" : "over") : (fr() ? "sous-" : "under"), size,
              size > 1 ? "s" : ""),
          say("Vérifier la vraisemblance et la gravité avec le propriétaire du risque, puis "
              "retenir le niveau recalculé ou corriger la cotation.",
              "Check the likelihood and impact with the risk owner, then keep the recomputed "
              "level or correct the rating."));
    }
  }

  // Treatment and acceptance.
  const std::string& treatment = text_of(s.values[treatment_at]);
  const std::string& until = text_of(s.values[until_at]);
  const bool expired = !until.empty() && until < today_;
  if (current_level && *current_level > method_.appetite) {
    const std::string level = level_name(*current_level), appetite = level_name(method_.appetite);
    if (treatment.empty() || treatment == "open")
      add("above-appetite-open", kind_name, s.ref,
          say("Le risque {}, de niveau initial {} au-dessus du seuil d’acceptation ({}), n’a pas "
              "de décision de traitement.",
              "Risk {}, at current level {} above the risk appetite ({}), has no treatment "
              "decided.",
              name(), level, appetite),
          say("Décider de le réduire, de l’éviter, de le transférer ou de l’accepter "
              "formellement.",
              "Decide to mitigate, avoid, transfer or formally accept it."));
    else if (treatment == "accept" && (until.empty() || expired))
      add("above-appetite-acceptance-invalid", kind_name, s.ref,
          until.empty()
              ? say("Le risque {}, de niveau initial {} au-dessus du seuil d’acceptation ({}), est "
                    "accepté sans acceptation formelle.",
                    "Risk {}, at current level {} above the risk appetite ({}), is accepted with "
                    "no formal acceptance.",
                    name(), level, appetite)
              : say("Le risque {}, de niveau initial {} au-dessus du seuil d’acceptation ({}), est "
                    "accepté, mais son acceptation a échu le {}.",
                    "Risk {}, at current level {} above the risk appetite ({}), is accepted, but "
                    "its acceptance expired on {}.",
                    name(), level, appetite, until),
          say("Faire approuver l’acceptation (approbateur, date, échéance, justification) ou "
              "choisir un autre traitement.",
              "Have the acceptance approved (approver, date, expiry, justification) or choose "
              "another treatment."));
  }
  if (expired) {
    const std::string by = text_of(s.values[by_at]);
    add("acceptance-expired", kind_name, s.ref,
        by.empty() ? say("L’acceptation du risque {} a échu le {}.",
                         "The acceptance of risk {} expired on {}.", name(), until)
                   : say("L’acceptation du risque {} (approbateur{}{}) a échu le {}.",
                         "The acceptance of risk {} by {}{} expired on {}.", name(),
                         fr() ? "\u00a0: " : "", by, until),
        say("Réexaminer le risque{}renouveler l’acceptation ou décider d’un autre traitement.",
            "Review the risk: renew the acceptance or choose another treatment.",
            fr() ? "\u00a0: " : ": "));
  }

  // An acceptance may run for max_acceptance_months at most, from its
  // approval to its expiry (riskmap stores an acceptance only with both).
  const std::string& approved = text_of(s.values[on_at]);
  if (treatment == "accept" && !until.empty() && !approved.empty() && !expired &&
      Date::parse(until) > add_months(Date::parse(approved), settings_.max_acceptance_months)) {
    const std::int64_t months = settings_.max_acceptance_months;
    const std::string allowed = fr() ? fmt::format("{}\u00a0mois", months)
                                     : fmt::format("{} month{}", months, months > 1 ? "s" : "");
    add("acceptance-too-long", kind_name, s.ref,
        say("L’acceptation du risque {}, approuvée le {}, court jusqu’au {}{}elle dépasse la "
            "durée maximale de {}.",
            "The acceptance of risk {}, approved on {}, runs until {}{}it exceeds the longest "
            "allowed, {}.",
            name(), approved, until, colon(), allowed),
        say("Ramener l’échéance de l’acceptation à {} au plus après son approbation, et "
            "réexaminer le risque à cette date.",
            "Bring the acceptance's expiry within {} of its approval, and review the risk then.",
            allowed));
  }

  const std::string& review_date = text_of(s.values[review_at]);
  if (!review_date.empty() && review_date < today_)
    add("review-date-passed", kind_name, s.ref,
        say("La revue du scénario {} était prévue le {}.",
            "The review of scenario {} was due on {}.", name(), review_date),
        say("Revoir le scénario avec son propriétaire et fixer la prochaine date de revue.",
            "Review the scenario with its owner and set the next review date."));
}

void Reviewer::review_assets() {
  static const EntityKind& kind = asset_kind();
  static const std::size_t name_at = kind.index("name"), role_at = kind.index("role"),
                           owner_at = kind.index("owner"), exposure_at = kind.index("exposure"),
                           data_at = kind.index("data"), serves_at = kind.index("serves"),
                           confidentiality_at = kind.index("confidentiality");
  static const std::array<std::pair<const char*, std::array<const char*, 2>>, 4> needs{{
      {"confidentiality", {"confidentialité", "confidentiality"}},
      {"integrity", {"intégrité", "integrity"}},
      {"availability", {"disponibilité", "availability"}},
      {"traceability", {"traçabilité", "traceability"}},
  }};
  const int top = method_.impact.size();
  const std::string top_name = quote(method_.impact.at(top).label.in(options_.lang));
  // Personal or health data needs confidentiality at one of the top two steps.
  const int sensitive_floor = std::max(1, top - 1);
  const std::string kind_name = "asset";

  for (std::size_t i = 0; i < assets_.size(); ++i) {
    const Record& a = assets_[i];
    const std::string name = named(a.ref, text_of(a.values[name_at]));
    const bool primary = text_of(a.values[role_at]) == "primary";
    if (text_of(a.values[owner_at]).empty())
      add("asset-no-owner", kind_name, a.ref,
          say("Le bien {} n’a pas de responsable.", "Asset {} has no owner.", name),
          primary ? say("Désigner le responsable métier de cette valeur métier.",
                        "Name the business owner of this business value.")
                  : say("Désigner le responsable technique de ce bien support.",
                        "Name the technical owner of this supporting asset."));
    if (primary && !asset_served_[i])
      add("business-value-unsupported", kind_name, a.ref,
          say("Aucun bien support ne sert la valeur métier {}.",
              "No supporting asset serves business value {}.", name),
          say("Recenser les applications, serveurs, réseaux et prestations dont dépend cette "
              "valeur métier.",
              "List the applications, servers, networks and services this business value relies "
              "on."));
    if (!primary && list_of(a.values[serves_at]).empty())
      add("supporting-asset-serves-nothing", kind_name, a.ref,
          say("Le bien support {} ne sert aucune valeur métier.",
              "Supporting asset {} serves no business value.", name),
          say("Indiquer les valeurs métier qu’il sert, ou le retirer du périmètre s’il n’en sert "
              "aucune.",
              "Name the business values it serves, or take it out of scope if it serves none."));
    if (!asset_covered_[i]) {
      std::vector<std::string> critical;
      for (const auto& [field, label] : needs)
        if (position_of(a.values[kind.index(field)]) == top)
          critical.emplace_back(label[fr() ? 0 : 1]);
      if (!critical.empty())
        add("critical-asset-no-scenario", kind_name, a.ref,
            say("Le bien {} est critique (besoin de {} au niveau {}), mais aucun scénario ne "
                "porte sur lui.",
                "Asset {} is critical ({} need at {}), but no scenario bears on it.", name,
                join(critical, fr() ? " et " : " and "), top_name),
            say("Étudier les scénarios de risque qui menacent ce bien et les coter.",
                "Study the risk scenarios that threaten this asset and rate them."));
      if (text_of(a.values[exposure_at]) == "internet")
        add("exposed-asset-no-scenario", kind_name, a.ref,
            say("Le bien {} est exposé à Internet, mais aucun scénario ne porte sur lui.",
                "Asset {} is exposed to the internet, but no scenario bears on it.", name),
            say("Étudier les attaques venues d’Internet sur ce bien (intrusion, déni de service, "
                "fuite de données) et les coter.",
                "Study internet-borne attacks on this asset (intrusion, denial of service, data "
                "leak) and rate them."));
    }
    const Refs& data = list_of(a.values[data_at]);
    const bool personal = std::find(data.begin(), data.end(), "personal") != data.end(),
               health = std::find(data.begin(), data.end(), "health") != data.end();
    if (personal || health) {
      const auto need = position_of(a.values[confidentiality_at]);
      const std::string what = personal && health
                                   ? say("personnelles et de santé", "personal and health")
                               : personal ? say("personnelles", "personal")
                                          : say("de santé", "health");
      const std::string floor = quote(method_.impact.at(sensitive_floor).label.in(options_.lang));
      if (!need || *need < sensitive_floor)
        add("sensitive-data-low-confidentiality", kind_name, a.ref,
            need ? say("Le bien {} traite des données {} avec un besoin de confidentialité {}, "
                       "en dessous de {}.",
                       "Asset {} handles {} data with a confidentiality need of {}, below {}.",
                       name, what, quote(method_.impact.at(*need).label.in(options_.lang)), floor)
                 : say("Le bien {} traite des données {} sans besoin de confidentialité défini.",
                       "Asset {} handles {} data with no confidentiality need set.", name, what),
            say("Porter le besoin de confidentialité à {} au moins, ou justifier ce niveau.",
                "Raise the confidentiality need to {} at least, or justify this level.", floor));
    }
  }
}

void Reviewer::review_controls() {
  static const EntityKind& kind = control_kind();
  static const std::size_t title_at = kind.index("title"), state_at = kind.index("state"),
                           owner_at = kind.index("owner"), due_at = kind.index("due");
  RecordStore store(workspace_, kind);
  store.for_each([&](Record& c) {
    ++result_.scope.controls;
    const std::string state = text_of(c.values[state_at]);
    if (state != "planned" && state != "in-progress") return;
    const bool no_owner = text_of(c.values[owner_at]).empty(), no_due = is_unset(c.values[due_at]);
    if (!no_owner && !no_due) return;
    const std::string name = named(c.ref, text_of(c.values[title_at]));
    const std::string how =
        state == "planned" ? say("prévue", "planned") : say("en cours", "in progress");
    add("planned-control-incomplete", "control", c.ref,
        no_owner && no_due
            ? say("La mesure {} est {} sans responsable ni échéance.",
                  "Control {} is {} with neither an owner nor a due date.", name, how)
        : no_owner ? say("La mesure {} est {} sans responsable.", "Control {} is {} with no owner.",
                         name, how)
                   : say("La mesure {} est {} sans échéance.", "Control {} is {} with no due date.",
                         name, how),
        no_owner && no_due ? say("Désigner un responsable et fixer une échéance de mise en œuvre.",
                                 "Name an owner and set a due date for its implementation.")
        : no_owner         ? say("Désigner le responsable de sa mise en œuvre.",
                                 "Name the owner of its implementation.")
                           : say("Fixer une échéance de mise en œuvre.",
                                 "Set a due date for its implementation."));
  });
}

void Reviewer::review_actions() {
  static const EntityKind& kind = action_kind();
  static const std::size_t title_at = kind.index("title"), owner_at = kind.index("owner"),
                           due_at = kind.index("due"), status_at = kind.index("status"),
                           progress_at = kind.index("progress");
  static const std::size_t controls_at = kind.index("controls"),
                           scenarios_at = kind.index("scenarios");
  RecordStore store(workspace_, kind);
  store.for_each([&](Record& a) {
    ++result_.scope.actions;
    // An action that implements no control is not in the plan of any
    // control; one that addresses no scenario, directly or through its
    // controls, has no priority. A cancelled action is out of the plan.
    if (on("action-unlinked") && text_of(a.values[status_at]) != "cancelled") {
      const Refs& controls = list_of(a.values[controls_at]);
      const bool addresses =
          !list_of(a.values[scenarios_at]).empty() ||
          std::any_of(controls.begin(), controls.end(), [&](const std::string& control) {
            return linked_controls_.contains(control);
          });
      if (controls.empty() || !addresses) {
        const std::string name = named(a.ref, text_of(a.values[title_at]));
        add("action-unlinked", "action", a.ref,
            controls.empty() && !addresses
                ? say("L’action {} ne met en œuvre aucune mesure de sécurité et ne traite aucun "
                      "scénario de risque.",
                      "Action {} implements no security control and addresses no risk scenario.",
                      name)
            : controls.empty()
                ? say("L’action {} ne met en œuvre aucune mesure de sécurité{}elle ne figure au "
                      "plan d’aucune mesure.",
                      "Action {} implements no security control: it is in the plan of no "
                      "control.",
                      name, colon())
                : say("L’action {} ne traite aucun scénario de risque, ni directement ni par "
                      "ses mesures{}elle n’a pas de priorité.",
                      "Action {} addresses no risk scenario, directly or through its controls: "
                      "it has no priority.",
                      name, colon()),
            controls.empty()
                ? say("Rattacher l’action à la mesure de sécurité qu’elle met en œuvre "
                      "(riskmap action set {} --control M1).",
                      "Link the action to the security control it implements (riskmap action "
                      "set {} --control M1).",
                      a.ref)
                : say("Rattacher l’action aux scénarios qu’elle traite (riskmap action set {} "
                      "--scenario R1), ou ses mesures aux scénarios qu’elles réduisent.",
                      "Link the action to the scenarios it addresses (riskmap action set {} "
                      "--scenario R1), or its controls to the scenarios they reduce.",
                      a.ref));
      }
    }
    if (!is_overdue(a, options_.today)) return;
    const std::string name = named(a.ref, text_of(a.values[title_at]));
    const std::string owner = text_of(a.values[owner_at]);
    const std::string status = text_of(a.values[status_at]) == "in-progress"
                                   ? say("en cours", "in progress")
                                   : say("prévue", "planned");
    std::string progress;
    if (const auto* value = std::get_if<std::int64_t>(&a.values[progress_at]))
      progress = fr() ? fmt::format(" ({}\u00a0% réalisés)", *value)
                      : fmt::format(" ({}% complete)", *value);
    add("action-overdue", "action", a.ref,
        say("L’action {} devait être terminée le {}{}elle est encore {}{}.",
            "Action {} was due on {} and is still {}{}{}.", name, text_of(a.values[due_at]),
            fr() ? "\u00a0; " : "", status, progress),
        owner.empty()
            ? say("Désigner un responsable et replanifier l’action avec une échéance réaliste.",
                  "Name an owner and reschedule the action with a realistic due date.")
            : say("Faire le point avec son responsable ({}) et replanifier l’action avec une "
                  "échéance réaliste.",
                  "Follow up with {} and reschedule the action with a realistic due date.",
                  owner));
  });
}

void Reviewer::review_stakeholders() {
  static const EntityKind& kind = stakeholder_kind();
  static const std::size_t name_at = kind.index("name"), category_at = kind.index("category");
  RecordStore store(workspace_, kind);
  store.for_each([&](Record& p) {
    ++result_.scope.stakeholders;
    if (study_) study_->review_stakeholder(p, *this);
    // The test the recommendations apply too (stakeholder.hpp).
    const auto exposure = danger_without_control(p, workspace_.config().zones);
    if (!exposure) return;
    const std::string category = text_of(p.values[category_at]);
    const std::string who = category == "supplier"    ? say("Le fournisseur", "Supplier")
                            : category == "provider"  ? say("Le prestataire", "Provider")
                            : category == "partner"   ? say("Le partenaire", "Partner")
                            : category == "client"    ? say("Le client", "Client")
                            : category == "regulator" ? say("Le régulateur", "Regulator")
                                                      : say("La partie prenante", "Stakeholder");
    const auto threat = [&](const std::optional<double>& level) {
      return level ? decimal(*level) : std::string("—");
    };
    std::string levels;
    if (exposure->initial && exposure->residual &&
        threat(exposure->initial) == threat(exposure->residual))
      levels = say("niveau de menace {}", "threat level {}", threat(exposure->initial));
    else
      levels =
          say("niveau de menace initial {}, résiduel {}", "initial threat level {}, residual {}",
              threat(exposure->initial), threat(exposure->residual));
    const std::string name = named(p.ref, text_of(p.values[name_at]));
    add("stakeholder-danger-no-control", "stakeholder", p.ref,
        say("{} {} est en zone de danger ({}){}aucune mesure ne porte sur cette relation.",
            "{} {} is in the danger zone ({}) and no control covers it.", who, name, levels,
            fr() ? "\u00a0; " : ""),
        say("Prévoir des mesures (clauses contractuelles, audits, cloisonnement des accès) qui "
            "réduisent la dépendance ou la pénétration, ou renforcent la maturité.",
            "Plan controls (contract clauses, audits, segregated access) that lower the "
            "dependency or the penetration, or raise the maturity."));
  });
}

void Reviewer::review_continuity() {
  // The gaps of the continuity analysis (continuity.hpp), computed by the
  // same function from the assets already read (the gaps depend on the
  // assets alone): one finding per gap, so that the review and the
  // continuity deliverable count the same gaps.
  if (!on("critical-asset-no-continuity") && !on("continuity-objective-exceeded")) return;
  const std::vector<ContinuityRow> rows = continuity_rows(assets_, method_);
  std::unordered_map<std::string_view, const ContinuityRow*> by_ref;
  for (const ContinuityRow& row : rows) by_ref.emplace(row.ref, &row);
  const auto value_name = [&](const std::string& ref) {
    const auto found = by_ref.find(ref);
    return found == by_ref.end() ? ref : named(ref, found->second->name);
  };
  // As the continuity deliverable writes them: "2 jours", "4 h", "1 h 30 min".
  const auto duration = [&](std::int64_t minutes) {
    const char* nb = "\u00a0";
    const auto unit = [&](std::int64_t n, const char* fr_one, const char* fr_many,
                          const char* en_one, const char* en_many) {
      return fmt::format("{}{}{}", n, nb,
                         fr() ? (n == 1 ? fr_one : fr_many) : (n == 1 ? en_one : en_many));
    };
    constexpr std::int64_t hour = 60, day = 24 * hour, week = 7 * day;
    if (minutes > 0 && minutes % week == 0)
      return unit(minutes / week, "semaine", "semaines", "week", "weeks");
    if (minutes > 0 && minutes % day == 0)
      return unit(minutes / day, "jour", "jours", "day", "days");
    if (minutes > 0 && minutes % hour == 0) return fmt::format("{}{}h", minutes / hour, nb);
    if (minutes > hour)
      return fmt::format("{}{}h{}{}{}min", minutes / hour, nb, nb, minutes % hour, nb);
    return fmt::format("{}{}min", minutes, nb);
  };
  for (const ContinuityRow& row : rows) {
    const bool supporting = row.role == "supporting";
    const std::string name = named(row.ref, row.name);
    for (const ContinuityGap& gap : row.gaps) {
      switch (gap.kind) {
        case GapKind::no_plan:
          add("critical-asset-no-continuity", "asset", row.ref,
              say("Le bien critique {} n’est couvert ni par le PCA ni par le PRI.",
                  "Critical asset {} is covered by neither the BCP nor the DRP.", name),
              supporting
                  ? say("Inscrire le bien au PCA ou au PRI.",
                        "Put the asset in the BCP or the DRP.")
                  : say("Inscrire la valeur métier au PCA.", "Put the business value in the BCP."));
          break;
        case GapKind::no_rto:
          add("critical-asset-no-continuity", "asset", row.ref,
              supporting ? say("Le bien critique {} n’a pas de RTO.",
                               "Critical asset {} has no RTO.", name)
                         : say("Le bien critique {} n’a pas de DMIA.",
                               "Critical asset {} has no MTD.", name),
              supporting ? say("Fixer son objectif de temps de reprise (RTO).",
                               "Set its recovery time objective (RTO).")
                         : say("Fixer sa durée maximale d’interruption admissible (DMIA).",
                               "Set its maximum tolerable downtime (MTD)."));
          break;
        case GapKind::rto_exceeds_mtd:
          add("continuity-objective-exceeded", "asset", row.ref,
              say("Le RTO du bien {} ({}) dépasse la DMIA de la valeur métier {} ({}).",
                  "The RTO of asset {} ({}) exceeds the MTD of business value {} ({}).", name,
                  duration(gap.have), value_name(gap.business_value), duration(gap.allowed)),
              say("Ramener le RTO sous la DMIA (plan de reprise, redondance), ou revoir la DMIA "
                  "avec le métier.",
                  "Bring the RTO within the MTD (recovery plan, redundancy), or review the MTD "
                  "with the business."));
          break;
        case GapKind::rpo_exceeds_mtdl:
          add("continuity-objective-exceeded", "asset", row.ref,
              say("Le RPO du bien {} ({}) dépasse la PDMA de la valeur métier {} ({}).",
                  "The RPO of asset {} ({}) exceeds the MTDL of business value {} ({}).", name,
                  duration(gap.have), value_name(gap.business_value), duration(gap.allowed)),
              say("Ramener le RPO sous la PDMA (sauvegardes plus fréquentes, réplication), ou "
                  "revoir la PDMA avec le métier.",
                  "Bring the RPO within the MTDL (more frequent backups, replication), or "
                  "review the MTDL with the business."));
          break;
      }
    }
  }
}

void Reviewer::review_duplicates() {
  const double threshold = settings_.duplicate_similarity;
  // Within each asset set: for every scenario, the first one before it (in
  // ref order) whose title is alike enough. Dice >= t needs the smaller
  // bigram multiset to be at least t / (2 - t) of the larger: pairs too
  // unequal in size are skipped without comparing.
  if (!titled_) return;
  const double ratio = threshold >= 1 ? 1 : threshold / (2 - threshold);
  struct Member {
    std::string ref, title, normalised;
    std::vector<std::uint16_t> grams;
  };
  // The members of the set being read; kept from set to set (`count` of
  // them in use), so that their strings keep their storage.
  std::vector<Member> members;
  std::size_t count = 0;
  std::string set;
  const auto compare = [&] {
    if (count < 2) return;
    for (std::size_t m = 0; m < count; ++m) {
      members[m].normalised = normalise_title(members[m].title);
      members[m].grams = bigrams(members[m].normalised);
    }
    for (std::size_t j = 1; j < count; ++j) {
      for (std::size_t i = 0; i < j; ++i) {
        double similarity;
        if (members[i].normalised == members[j].normalised) {
          similarity = 1;
        } else {
          const auto small = std::min(members[i].grams.size(), members[j].grams.size()),
                     large = std::max(members[i].grams.size(), members[j].grams.size());
          if (static_cast<double>(small) < ratio * static_cast<double>(large)) continue;
          similarity = dice_at_least(members[i].grams, members[j].grams, threshold);
        }
        if (similarity < threshold) continue;
        add("duplicate-scenarios", "scenario", members[j].ref,
            say("Le scénario {} semble faire double emploi avec {}{}mêmes biens, intitulés "
                "semblables à {}.",
                "Scenario {} looks like a duplicate of {}{}same assets, titles {} alike.",
                named(members[j].ref, members[j].title), named(members[i].ref, members[i].title),
                fr() ? "\u00a0: " : ": ", percent(similarity)),
            say("Fusionner les deux scénarios, ou distinguer leurs intitulés et leurs chemins "
                "d’attaque.",
                "Merge the two scenarios, or tell them apart in their titles and attack paths."));
        break;
      }
    }
  };
  // One asset set at a time, in ref order within it.
  titled_->for_each([&](std::string_view record) {
    const Titled titled = unpack_titled(record);
    if (count > 0 && set != titled.assets) {
      compare();
      count = 0;
    }
    if (count == 0) set.assign(titled.assets);
    if (count == members.size()) members.emplace_back();
    members[count].ref.assign(titled.ref);
    members[count].title.assign(titled.title);
    ++count;
  });
  compare();
}

void Reviewer::review_scales() {
  // A miscalibrated scale shows only against ratings: not on an empty map.
  if (result_.scope.scenarios == 0) return;
  const auto unused = [&](const Scale& scale, const std::vector<bool>& used, const char* kind,
                          const char* fr_scale, const char* en_scale) {
    for (int p = 1; p <= scale.size(); ++p) {
      if (used[static_cast<std::size_t>(p)]) continue;
      const Step& step = scale.at(p);
      const std::string label = quote(step.label.in(options_.lang));
      const bool level = std::string_view(kind) == "level";
      add("scale-step-unused", kind, step.id,
          level ? say("Le niveau de risque {} {} n’est atteint par aucun scénario, à aucun stade.",
                      "Risk level {} {} is reached by no scenario, at any stage.", step.id, label)
                : say("L’échelon {} {} de l’échelle de {} n’est utilisé par aucun scénario, à "
                      "aucun stade.",
                      "Step {} {} of the {} scale is used by no scenario, at any stage.", step.id,
                      label, fr() ? fr_scale : en_scale),
          level ? say("Vérifier la grille{}un niveau qu’aucune cotation n’atteint signale une "
                      "grille mal étalonnée.",
                      "Check the grid: a level no rating reaches is a sign of a miscalibrated "
                      "grid.",
                      fr() ? "\u00a0: " : ": ")
                : say("Vérifier l’étalonnage de l’échelle{}un échelon que personne n’utilise la "
                      "rend moins discriminante.",
                      "Check the scale's calibration: a step nobody uses makes it less "
                      "discriminating.",
                      fr() ? "\u00a0: " : ": "));
    }
  };
  unused(method_.likelihood, likelihood_used_, "likelihood", "vraisemblance", "likelihood");
  unused(method_.impact, impact_used_, "impact", "gravité", "impact");
  unused(method_.levels, level_used_, "level", "", "");
}

void Reviewer::review_owners() {
  const std::size_t total = result_.scope.scenarios;
  if (total == 0 || static_cast<std::int64_t>(total) < settings_.owner_min_scenarios) return;
  for (std::size_t number = 0; number < owners_.size(); ++number) {
    const std::string owner(owners_.at(number));
    const std::size_t count = owner_counts_[number];
    const double share = static_cast<double>(count) / static_cast<double>(total);
    if (share <= settings_.owner_share) continue;
    add("owner-concentration", "owner", owner,
        say("Un même propriétaire, {}, porte {} des {} scénarios ({}).",
            "{} owns {} of the {} scenarios ({}).", quote(owner), count, total, percent(share)),
        say("Répartir la propriété des risques entre les responsables métier concernés, et ne "
            "laisser à ce propriétaire ({}) que ceux qui relèvent de son périmètre.",
            "Spread risk ownership across the business owners concerned, and leave {} the ones "
            "within their remit.",
            quote(owner)));
  }
}

}  // namespace

ReviewResult run_review(Workspace& workspace, const ReviewOptions& options) {
  for (const auto& id : options.rules)
    if (!find_rule(id)) {
      const auto ids = review_rule_ids();
      throw ValueError(fmt::format("unknown rule '{}'{}; riskmap review --rules lists them", id,
                                   did_you_mean(id, ids)));
    }
  Reviewer reviewer(workspace, options);
  return reviewer.run();
}

}  // namespace riskmap
