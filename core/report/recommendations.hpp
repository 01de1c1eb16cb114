#pragma once
// The recommendations deliverable's pieces: the organisational
// recommendations (recommendations.cpp) and those on the frameworks in
// force (recommendations_compliance.cpp), which list the requirements they
// bear on by chapter, below the table.
#include <optional>
#include <string>
#include <vector>

#include "deliverable.hpp"

namespace riskmap {

struct Recommendation {
  std::string text, owner;
  std::optional<std::size_t> list = {};  // the requirements it names, in requirement_lists
};

// Requirements a recommendation names, by chapter.
struct ListedChapter {
  std::string title;
  std::size_t count = 0;
  std::string items;  // "OP-1 « Sauvegardes », OP-1.b « Tests de restauration »"
};
struct RequirementList {
  std::string title;
  std::vector<ListedChapter> chapters;
  std::size_t number = 0;  // of its recommendation
};

// Appends to `out` the recommendations on each framework in force, proposed
// to `owner`: the applicable requirements nothing answers, those only partly
// covered through a mapping, the undecided ones. One requirement is named in
// its recommendation; more go to a list in `lists`, by chapter.
void recommend_compliance(ReportContext& ctx, const std::string& owner,
                          std::vector<Recommendation>& out, std::vector<RequirementList>& lists);

}  // namespace riskmap
