// The recommendations on the frameworks in force: per framework, the
// applicable requirements nothing answers, those only partly covered through
// a mapping, and the undecided ones, named by chapter, every one of them.
#include <algorithm>

#include <fmt/format.h>

#include "compliance_text.hpp"
#include "recommendations.hpp"
#include "text.hpp"
#include "width.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

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

}  // namespace

void recommend_compliance(ReportContext& ctx, const std::string& owner,
                          std::vector<Recommendation>& out, std::vector<RequirementList>& lists) {
  const Lang lang = ctx.lang;
  const bool fr = lang == Lang::fr;
  const std::string colon = wording::colon(lang);
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
        lists.push_back(std::move(list.front()));
        at = lists.size() - 1;
      }
      out.push_back({std::move(text), owner, at});
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
        out.push_back(
            {fr ? fmt::format("Établir la déclaration d’applicabilité du référentiel {}{}"
                              "aucune de ses {} exigences n’a encore de décision "
                              "d’applicabilité.",
                              id, colon, n)
                : fmt::format("Draw up the statement of applicability of {}: none of its {} "
                              "requirements has an applicability decision yet.",
                              id, n),
             owner});
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
}

}  // namespace riskmap
