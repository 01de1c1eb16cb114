#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "asset.hpp"
#include "continuity.hpp"
#include "ebios.hpp"
#include "error.hpp"
#include "files.hpp"
#include "helpers.hpp"
#include "review.hpp"
#include "scenario.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "text.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

// A record of `kind` with fields given as the command line would give them.
Record make(const EntityKind& kind, const Method& method, const std::string& ref,
            std::initializer_list<std::pair<const char*, const char*>> fields) {
  Record record = kind.empty_record(ref);
  for (const auto& [name, text] : fields)
    record.values[kind.index(name)] = parse_value(kind.fields[kind.index(name)], text, method);
  return record;
}

ReviewResult review(Workspace& ws, std::vector<std::string> rules = {}) {
  ReviewOptions options;
  options.today = Date::parse("2026-06-01");
  options.lang = Lang::en;
  options.rules = std::move(rules);
  return run_review(ws, options);
}

// The refs with a finding of `rule`, in the review's order.
std::vector<std::string> refs_of(const ReviewResult& result, std::string_view rule) {
  std::vector<std::string> refs;
  for (const auto& f : result.findings.all())
    if (f.rule->id == rule) refs.push_back(f.ref);
  return refs;
}

std::string config_error(const std::string& review_table) {
  const std::string text = "[mission]\nname = \"X\"\n\n" +
                           std::string(builtin_method_toml("simple-3x3")) + "\n" + review_table;
  try {
    read_config(text, "riskmap.toml");
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("review") {
  TEST_CASE("titles are normalised before they are compared") {
    CHECK(normalise_title("  Fuite de DONNÉES, via le portail ! ") ==
          "fuite de donnees via le portail");
    CHECK(normalise_title("") == "");
    CHECK(normalise_title("--") == "");
  }

  TEST_CASE("title similarity: equal up to case, accents and punctuation is 1") {
    CHECK(title_similarity("Fuite de données", "FUITE DE DONNEES.") == doctest::Approx(1));
    CHECK(title_similarity("a", "a") == doctest::Approx(1));
    CHECK(title_similarity("", "") == doctest::Approx(1));
    CHECK(title_similarity("a", "b") == doctest::Approx(0));
    CHECK(title_similarity("", "Fuite") == doctest::Approx(0));
  }

  TEST_CASE("title similarity: near-identical titles score high, different ones low") {
    const double near =
        title_similarity("Fuite de données via le portail", "Fuite des données via le portail");
    CHECK(near >= 0.8);
    CHECK(near < 1);
    CHECK(title_similarity("Rançongiciel sur la production", "Panne du réseau du siège") < 0.4);
    // Symmetric, and within 0..1.
    const double ab = title_similarity("Vol de portable", "Vol d'ordinateur portable");
    CHECK(ab == doctest::Approx(title_similarity("Vol d'ordinateur portable", "Vol de portable")));
    CHECK(ab > 0);
    CHECK(ab < 1);
  }

  TEST_CASE("scenario rules fire on the bad case only") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    assets.insert(make(asset_kind(), m, "A1",
                       {{"name", "Adhésions"}, {"kind", "business-process"}, {"owner", "DG"}}));
    assets.insert(
        make(asset_kind(), m, "A2",
             {{"name", "Portail"}, {"kind", "application"}, {"serves", "A1"}, {"owner", "DSI"}}));
    RecordStore scenarios(*ws, scenario_kind());
    scenarios.insert(make(scenario_kind(), m, "R1", {{"title", "Sans rien"}}));
    scenarios.insert(make(scenario_kind(), m, "R2",
                          {{"title", "Fuite"},
                           {"assets", "A2"},
                           {"current_likelihood", "V1"},
                           {"current_impact", "G2"},
                           {"owner", "RSSI"}}));
    const auto result = review(*ws);
    CHECK(refs_of(result, "scenario-unrated") == std::vector<std::string>{"R1"});
    CHECK(refs_of(result, "scenario-no-asset") == std::vector<std::string>{"R1"});
    CHECK(refs_of(result, "scenario-no-owner") == std::vector<std::string>{"R1"});
    CHECK(refs_of(result, "asset-no-owner").empty());
    CHECK(refs_of(result, "business-value-unsupported").empty());
    CHECK(refs_of(result, "supporting-asset-serves-nothing").empty());
    CHECK(result.scope.scenarios == 2);
    CHECK(result.scope.assets == 2);
    CHECK(result.scope.business_values == 1);
    // Severity highest first, then rule id, then ref.
    const auto findings = result.findings.all();
    CHECK(findings.size() == result.findings.size());
    CHECK(std::is_sorted(findings.begin(), findings.end(), finding_less));
    for (std::size_t i = 1; i < findings.size(); ++i)
      CHECK(findings[i - 1].severity >= findings[i].severity);
    // --rule keeps only the rules named.
    const auto only = review(*ws, {"scenario-no-owner"});
    REQUIRE(only.findings.size() == 1);
    CHECK(only.findings.all()[0].rule->id == "scenario-no-owner");
    CHECK(only.findings.all()[0].message == "Scenario R1 \u201cSans rien\u201d has no risk owner.");
    CHECK_THROWS_AS(review(*ws, {"scenario-no-ownr"}), ValueError);
  }

  TEST_CASE("likely duplicates: same asset set and alike titles, reported on the later one") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    for (const char* ref : {"A1", "A2"})
      assets.insert(make(asset_kind(), m, ref, {{"name", ref}, {"kind", "application"}}));
    RecordStore scenarios(*ws, scenario_kind());
    scenarios.insert(make(scenario_kind(), m, "R1",
                          {{"title", "Fuite de données via le portail"}, {"assets", "A1,A2"}}));
    scenarios.insert(make(scenario_kind(), m, "R10",
                          {{"title", "Fuite des données via le portail"}, {"assets", "A2,A1"}}));
    scenarios.insert(make(scenario_kind(), m, "R2",
                          {{"title", "Fuite de données via le portail"}, {"assets", "A1"}}));
    scenarios.insert(make(scenario_kind(), m, "R3",
                          {{"title", "Panne électrique du centre"}, {"assets", "A1,A2"}}));
    const auto result = review(*ws, {"duplicate-scenarios"});
    REQUIRE(refs_of(result, "duplicate-scenarios") == std::vector<std::string>{"R10"});
    CHECK(result.findings.all()[0].message.find("R1 \u201cFuite de donn") != std::string::npos);
  }

  TEST_CASE("likely duplicates over many sets: the first alike scenario before each one") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    for (const char* ref : {"A1", "A2", "A3", "A4"})
      assets.insert(make(asset_kind(), m, ref, {{"name", ref}, {"kind", "application"}}));
    const std::vector<std::string> sets{"A1", "A2", "A1,A2", "A2,A3", "A1,A3,A4", "A4"};
    const std::vector<std::string> titles{"Fuite de données via le portail",
                                          "Fuite des données via le portail",
                                          "FUITE DE DONNÉES, via le portail !",
                                          "Panne électrique du centre",
                                          "Panne électrique des centres",
                                          "Rançongiciel sur la production",
                                          "Vol de portable",
                                          "Vol d'ordinateur portable"};
    struct Made {
      std::string ref, set, title;
    };
    std::vector<Made> made;
    std::mt19937 random(3);
    RecordStore scenarios(*ws, scenario_kind());
    for (int i = 1; i <= 300; ++i) {
      Made s{"R" + std::to_string(i), sets[random() % sets.size()],
             titles[random() % titles.size()]};
      scenarios.insert(
          make(scenario_kind(), m, s.ref, {{"title", s.title.c_str()}, {"assets", s.set.c_str()}}));
      made.push_back(s);
    }
    // What the rule must find: in natural ref order (R2 before R10), each
    // scenario against those before it in its set, the first alike one.
    struct Expected {
      std::string ref, of;
      long long percent;
    };
    std::vector<Expected> expected;
    for (std::size_t j = 0; j < made.size(); ++j)
      for (std::size_t i = 0; i < j; ++i)
        if (const double similarity = title_similarity(made[i].title, made[j].title);
            made[i].set == made[j].set && similarity >= 0.8) {
          expected.push_back(
              {made[j].ref, made[i].ref, static_cast<long long>(similarity * 100 + 0.5)});
          break;
        }
    std::sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) {
      return natural_compare(a.ref, b.ref) < 0;
    });
    REQUIRE(expected.size() > 100);
    // Titles equal once normalised are 100% alike.
    CHECK(std::count_if(expected.begin(), expected.end(),
                        [](const Expected& e) { return e.percent == 100; }) > 10);

    const auto result = review(*ws, {"duplicate-scenarios"});
    const auto findings = result.findings.all();
    REQUIRE(findings.size() == expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
      CHECK(findings[k].ref == expected[k].ref);
      CHECK(findings[k].message.find("a duplicate of " + expected[k].of + " \u201c") !=
            std::string::npos);
      CHECK(findings[k].message.find(fmt::format("titles {}% alike", expected[k].percent)) !=
            std::string::npos);
    }
  }

  TEST_CASE("recorded levels are set against the computed ones") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore scenarios(*ws, scenario_kind());
    // V3 x G4 is high (3) in ebios-rm.
    scenarios.insert(make(scenario_kind(), m, "R1",
                          {{"title", "Juste"},
                           {"current_likelihood", "V3"},
                           {"current_impact", "G4"},
                           {"recorded_level", "high"}}));
    scenarios.insert(make(scenario_kind(), m, "R2",
                          {{"title", "Sous-estimé"},
                           {"current_likelihood", "V3"},
                           {"current_impact", "G4"},
                           {"recorded_level", "low"}}));
    scenarios.insert(
        make(scenario_kind(), m, "R3", {{"title", "Non coté"}, {"recorded_level", "2"}}));
    const auto result = review(*ws);
    CHECK(refs_of(result, "recorded-level-mismatch") == std::vector<std::string>{"R2"});
    REQUIRE(result.recorded.size() == 3);
    CHECK(result.recorded[1].recorded == 1);
    CHECK(result.recorded[1].computed == 3);
    CHECK_FALSE(result.recorded[2].computed);
  }

  TEST_CASE("[review] settings turn rules off, re-grade them and set thresholds") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    {
      RecordStore scenarios(*ws, scenario_kind());
      scenarios.insert(make(scenario_kind(), ws->method(), "R1", {{"title", "Seul"}}));
    }
    const std::string text = read_file(dir.path() / "riskmap.toml") +
                             "\n[review]\noff = [\"scenario-no-asset\"]\nowner_share = 0.6\n"
                             "[review.severity]\nscenario-no-owner = \"high\"\n";
    write_file_atomically(dir.path() / "riskmap.toml", text);
    ws.reset();
    auto reopened = Workspace::open(dir.path());
    CHECK(reopened->config().review.owner_share == doctest::Approx(0.6));
    CHECK(reopened->config().review.duplicate_similarity == doctest::Approx(0.8));
    const auto result = review(*reopened);
    CHECK(refs_of(result, "scenario-no-asset").empty());
    REQUIRE(refs_of(result, "scenario-no-owner") == std::vector<std::string>{"R1"});
    CHECK(result.findings.all().front().rule->id == "scenario-no-owner");
    CHECK(result.findings.all().front().severity == Severity::high);
    CHECK(std::find(result.turned_off.begin(), result.turned_off.end(),
                    find_rule("scenario-no-asset")) != result.turned_off.end());
    // A rule named explicitly runs even when turned off.
    CHECK(refs_of(review(*reopened, {"scenario-no-asset"}), "scenario-no-asset") ==
          std::vector<std::string>{"R1"});
  }

  TEST_CASE("the continuity rules report every gap analyse_continuity finds, one finding per gap") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    const EntityKind& k = asset_kind();
    assets.insert(
        make(k, m, "B1", {{"name", "Paie"}, {"kind", "business-process"}, {"availability", "G4"}}));
    assets.insert(make(k, m, "B2",
                       {{"name", "Adhésions"},
                        {"kind", "business-process"},
                        {"integrity", "G4"},
                        {"bcp", "PCA-2"},
                        {"mtd", "1d"},
                        {"mtdl", "4h"}}));
    assets.insert(
        make(k, m, "B3", {{"name", "Archives"}, {"kind", "information"}, {"availability", "G3"}}));
    assets.insert(make(
        k, m, "S1", {{"name", "Serveur"}, {"kind", "server"}, {"serves", "B2"}, {"drp", "PRI-1"}}));
    assets.insert(make(k, m, "S2",
                       {{"name", "Base"},
                        {"kind", "database"},
                        {"serves", "B2,B3"},
                        {"drp", "PRI-2"},
                        {"rto", "4h"}}));
    assets.insert(make(k, m, "S3", {{"name", "Réseau"}, {"kind", "network"}, {"serves", "B3"}}));
    assets.insert(
        make(k, m, "S4", {{"name", "Site"}, {"kind", "site"}, {"integrity", "G4"}, {"rto", "1d"}}));
    // Recovers in 2 days and may lose a day of data: beyond B2's 1 day and 4 hours.
    assets.insert(make(k, m, "S5",
                       {{"name", "Sauvegarde"},
                        {"kind", "server"},
                        {"serves", "B2"},
                        {"drp", "PRI-3"},
                        {"rto", "2d"},
                        {"rpo", "1d"}}));
    std::vector<std::string> plan_gaps, exceeded;
    std::size_t gaps = 0;
    for (const auto& row : analyse_continuity(*ws))
      for (const auto& gap : row.gaps) {
        ++gaps;
        (gap.kind == GapKind::no_plan || gap.kind == GapKind::no_rto ? plan_gaps : exceeded)
            .push_back(row.ref);
      }
    CHECK(plan_gaps == std::vector<std::string>{"B1", "B1", "S1", "S4"});
    CHECK(exceeded == std::vector<std::string>{"S5", "S5"});
    const auto result =
        review(*ws, {"critical-asset-no-continuity", "continuity-objective-exceeded"});
    CHECK(refs_of(result, "critical-asset-no-continuity") == plan_gaps);
    CHECK(refs_of(result, "continuity-objective-exceeded") == exceeded);
    CHECK(result.findings.size() == gaps);
    // The gaps depend on the assets alone: continuity_rows gives the same.
    std::vector<Record> records = RecordStore(*ws, asset_kind()).all();
    std::size_t from_rows = 0;
    for (const auto& row : continuity_rows(records, m)) from_rows += row.gaps.size();
    CHECK(from_rows == gaps);
    for (const auto& f : result.findings.all())
      if (f.rule->id == "continuity-objective-exceeded")
        CHECK(f.message.find("of business value B2 “Adhésions”") != std::string::npos);
  }

  TEST_CASE("stakeholder-danger-no-control: any category, initial or residual danger zone") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    const EntityKind& k = stakeholder_kind();
    RecordStore stakeholders(*ws, k);
    // Threat = dependency × penetration / (maturity × trust); danger from 2.5.
    stakeholders.insert(make(k, m, "P1",
                             {{"name", "Partenaire"},
                              {"category", "partner"},
                              {"dependency", "3"},
                              {"penetration", "3"},
                              {"maturity", "1"},
                              {"trust", "2"}}));
    stakeholders.insert(make(k, m, "P2",
                             {{"name", "Éditeur"},
                              {"category", "supplier"},
                              {"dependency", "2"},
                              {"penetration", "2"},
                              {"maturity", "2"},
                              {"trust", "2"},
                              {"residual_dependency", "4"},
                              {"residual_penetration", "4"},
                              {"residual_maturity", "2"},
                              {"residual_trust", "2"}}));
    stakeholders.insert(make(k, m, "P3",
                             {{"name", "Hébergeur"},
                              {"category", "provider"},
                              {"dependency", "2"},
                              {"penetration", "2"},
                              {"maturity", "2"},
                              {"trust", "2"}}));
    const ZoneThresholds zones;
    std::vector<std::string> exposed;
    for (const Record& p : stakeholders.all())
      if (danger_without_control(p, zones)) exposed.push_back(p.ref);
    CHECK(exposed == std::vector<std::string>{"P1", "P2"});
    CHECK(refs_of(review(*ws, {"stakeholder-danger-no-control"}),
                  "stakeholder-danger-no-control") == exposed);
  }

  TEST_CASE("acceptance-too-long: from the approval to the expiry, in calendar months") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    const EntityKind& k = scenario_kind();
    RecordStore scenarios(*ws, k);
    const auto accepted = [&](const char* ref, const char* on, const char* until) {
      scenarios.insert(make(k, m, ref,
                            {{"title", ref},
                             {"treatment", "accept"},
                             {"accepted_by", "DG"},
                             {"accepted_on", on},
                             {"accepted_until", until}}));
    };
    accepted("R1", "2026-01-31", "2027-01-31");  // exactly 12 months: allowed
    accepted("R2", "2026-01-31", "2027-02-01");  // a day more
    accepted("R3", "2026-03-31", "2027-02-28");  // 11 months, the end of February
    accepted("R4", "2026-03-31", "2027-03-31");  // 12 months
    accepted("R5", "2025-01-01", "2026-05-31");  // expired: acceptance-expired reports it
    accepted("R6", "2028-02-29", "2029-02-28");  // from a leap day, 12 months end on 28 February
    accepted("R7", "2028-02-29", "2029-03-01");
    CHECK(refs_of(review(*ws, {"acceptance-too-long"}), "acceptance-too-long") ==
          std::vector<std::string>{"R2", "R7"});
  }
  TEST_CASE("the rules of an EBIOS RM study come last, in a theme of their own") {
    const auto rules = review_rules();
    const auto first = std::find_if(rules.begin(), rules.end(),
                                    [](const RuleInfo& rule) { return rule.about_study(); });
    CHECK(std::all_of(first, rules.end(), [](const RuleInfo& rule) { return rule.about_study(); }));
    CHECK(rules.end() - first == 8);
    CHECK(to_string(Theme::study) == "ebios-rm-study");
    CHECK(theme_label(Theme::study).en == "EBIOS RM study");
  }

  TEST_CASE("the rules of a study run only on a workspace that holds one") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore(*ws, asset_kind())
        .insert(make(asset_kind(), m, "A1", {{"name", "Adhésions"}, {"role", "primary"}}));
    RecordStore(*ws, scenario_kind())
        .insert(make(scenario_kind(), m, "R1",
                     {{"title", "Panne"},
                      {"current_likelihood", "V2"},
                      {"current_impact", "G2"},
                      {"treatment", "mitigate"}}));
    const auto applied_study = [](const ReviewResult& result) {
      return std::count_if(result.applied.begin(), result.applied.end(),
                           [](const RuleInfo* rule) { return rule->about_study(); });
    };
    const auto without = review(*ws);
    CHECK(applied_study(without) == 0);
    CHECK(without.applied.size() == review_rules().size() - 8);
    CHECK(without.turned_off.empty());
    CHECK(refs_of(without, "mitigate-no-residual").empty());
    CHECK(without.scope.feared_events == 0);
    // Named with --rule, a study rule still has nothing to review.
    CHECK(review(*ws, {"mitigate-no-residual"}).findings.empty());

    RecordStore(*ws, feared_event_kind())
        .insert(make(feared_event_kind(), m, "ER1",
                     {{"business_value", "A1"}, {"criteria", "A"}, {"gravity", "G2"}}));
    const auto with = review(*ws);
    CHECK(applied_study(with) == 8);
    CHECK(refs_of(with, "mitigate-no-residual") == std::vector<std::string>{"R1"});
    CHECK(with.scope.feared_events == 1);
  }

  TEST_CASE("a risk rated by its study is rated; a rating set by hand against it needs a reason") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore(*ws, asset_kind())
        .insert(make(asset_kind(), m, "A1", {{"name", "Adhésions"}, {"role", "primary"}}));
    RecordStore(*ws, feared_event_kind())
        .insert(make(feared_event_kind(), m, "ER1",
                     {{"business_value", "A1"}, {"criteria", "C"}, {"gravity", "G4"}}));
    RecordStore(*ws, origin_kind())
        .insert(make(origin_kind(), m, "SO1",
                     {{"source", "Cybercriminel"},
                      {"motivation", "3"},
                      {"resources", "3"},
                      {"feared_events", "ER1"}}));
    RecordStore(*ws, strategic_kind())
        .insert(make(strategic_kind(), m, "SS1", {{"origin", "SO1"}, {"feared_events", "ER1"}}));
    RecordStore(*ws, path_kind()).insert(make(path_kind(), m, "CA1", {{"strategic", "SS1"}}));
    RecordStore(*ws, operational_kind())
        .insert(make(operational_kind(), m, "OS1", {{"path", "CA1"}, {"likelihood", "V3"}}));
    RecordStore scenarios(*ws, scenario_kind());
    scenarios.insert(make(scenario_kind(), m, "R1", {{"title", "Dérivé"}, {"operational", "OS1"}}));
    scenarios.insert(make(scenario_kind(), m, "R2",
                          {{"title", "Minoré"}, {"operational", "OS1"}, {"current_impact", "G2"}}));
    scenarios.insert(make(scenario_kind(), m, "R3",
                          {{"title", "Minoré, justifié"},
                           {"operational", "OS1"},
                           {"current_impact", "G2"},
                           {"justification", "Sauvegardes hors ligne"}}));
    scenarios.insert(
        make(scenario_kind(), m, "R4",
             {{"title", "Recopié"}, {"operational", "OS1"}, {"current_impact", "G4"}}));
    const auto result = review(*ws);
    CHECK(refs_of(result, "scenario-unrated").empty());
    CHECK(refs_of(result, "scenario-gravity-unjustified") == std::vector<std::string>{"R2"});
    CHECK(refs_of(result, "operational-no-exploit") == std::vector<std::string>{"OS1"});
    CHECK(refs_of(result, "feared-event-unreached").empty());
    CHECK(refs_of(result, "couple-no-strategic").empty());
    CHECK(result.scope.origins == 1);
    CHECK(result.scope.operational == 1);
    CHECK(result.scope.steps == 0);
  }

  TEST_CASE("bad [review] settings name the file, line and column") {
    CHECK(config_error("[review]\nof = []\n").starts_with("riskmap.toml:"));
    CHECK(config_error("[review]\nof = []\n").find("did you mean 'off'") != std::string::npos);
    const std::string unknown = config_error("[review]\noff = [\"asset-no-ownr\"]\n");
    CHECK(unknown.find("unknown rule 'asset-no-ownr'") != std::string::npos);
    CHECK(unknown.find("did you mean 'asset-no-owner'") != std::string::npos);
    CHECK(config_error("[review.severity]\nscenario-no-owner = \"urgent\"\n")
              .find("allowed: 'info', 'low', 'medium', 'high'") != std::string::npos);
    CHECK(config_error("[review.severity]\nscenario-no-ownr = \"high\"\n")
              .find("did you mean 'scenario-no-owner'") != std::string::npos);
    CHECK(config_error("[review]\nduplicate_similarity = 1.5\n").find("from 0 to 1") !=
          std::string::npos);
    CHECK(config_error("[review]\nowner_share = -0.1\n").find("from 0 to 1") != std::string::npos);
    CHECK(config_error("[review]\nowner_min_scenarios = 0\n").find("at least 1") !=
          std::string::npos);
    CHECK(config_error("[review]\nduplicate_similarity = 1\nowner_share = 0\n") == "no error");
    const std::string months = config_error("[review]\nmax_acceptance_months = 0\n");
    CHECK(months.starts_with("riskmap.toml:"));
    CHECK(months.find("max_acceptance_months must be a whole number of months from 1 to 1200") !=
          std::string::npos);
    CHECK(config_error("[review]\nmax_acceptance_months = 1201\n").find("from 1 to 1200") !=
          std::string::npos);
    CHECK(config_error("[review]\nmax_acceptance_months = \"12\"\n").find("from 1 to 1200") !=
          std::string::npos);
    CHECK(config_error("[review]\nmax_acceptance_months = 6\n") == "no error");
  }
}
