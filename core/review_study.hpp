#pragma once
// The review rules of an EBIOS RM study (theme "study" of review_rules.cpp):
// how the study's records hold together, and the risks and stakeholders it
// rates. The review (review.cpp) runs them on a workspace that holds a
// study, handing over the scenarios and stakeholders it reads for its own
// rules, so that each table is read once.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "entity.hpp"
#include "study.hpp"

namespace riskmap {

class FindingWriter;
class Workspace;
struct Method;
struct ReviewScope;

class StudyReview {
 public:
  // Reads the study's tables, each once.
  explicit StudyReview(Workspace& workspace);

  const std::shared_ptr<const StudyFacts>& facts() const { return facts_; }
  // Gives a scenario read as its row holds it the current rating its
  // operational scenario derives (Record::derived tells which).
  const Deriver& scenario_deriver() const { return scenario_deriver_; }

  // The rules on one scenario, its derivable fields filled.
  void review_scenario(const Record& scenario, FindingWriter& out) const;
  // The rules on one stakeholder read through RecordStore (derivable fields
  // filled); keeps what the rules on attack paths need of it.
  void review_stakeholder(const Record& stakeholder, FindingWriter& out);
  // The rules on the study's own records, once every stakeholder was handed over.
  void review_records(FindingWriter& out) const;

  // Adds the study's records to the scope of the review.
  void count(ReviewScope& scope) const;

 private:
  struct Stakeholder {
    std::string name;
    bool critical = false;
  };

  const Method& method_;
  StudyRecords records_;
  std::vector<Record> origins_;
  std::shared_ptr<const StudyFacts> facts_;
  Deriver scenario_deriver_;
  std::map<std::string, Stakeholder, std::less<>> stakeholders_;
};

}  // namespace riskmap
