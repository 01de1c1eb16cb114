#pragma once
// The EBIOS RM part of the methodological kit (method_study.cpp): what the
// workspace holds for each of the five workshops, and the grids riskmap
// derives the study's ratings with. The template names and explains the
// workshops, the two cycles and the rules; this part gives it the figures.
#include "deliverable.hpp"

namespace riskmap {

// The names under `study`, a section offered only for EBIOS RM.
ViewSchema study_schema();
// Sets `ebios_rm`, and `study` to its figures for EBIOS RM (false otherwise).
// Each kind of the study is read in one pass, and what the study derives in
// one reading of its facts.
void add_study(ReportContext& ctx, ViewData& view);

}  // namespace riskmap
