#pragma once
// The part of the methodological kit with which the client runs the map
// alone (method_kit.cpp): the kinds of record the workspace holds and the
// refs their commands would create next, the owners named in the map, the
// review's rules and today's findings, the dates of the coming year, and the
// names of the snapshots and backups. The template words the procedures;
// this part gives them the workspace's figures, refs and dates, so that
// every command line of the kit runs as written in this workspace.
#include "deliverable.hpp"

namespace riskmap {

// The names add_kit sets, at the top of the method kit's view.
ViewSchema kit_schema();
void add_kit(ReportContext& ctx, ViewData& view);

// How long an acceptance may run at most, [review] max_acceptance_months
// in words: "un an", "18 mois" / "one year", "18 months".
std::string acceptance_limit(std::int64_t months, Lang lang);

// The ref after `ref` in its series: "A29" gives "A30"; a ref that does
// not end in a number gets "-2".
std::string following_ref(const std::string& ref);

// A name of the map (an owner) written as one shell word in double quotes,
// when it holds nothing a shell or a code block would read otherwise;
// nothing when it does.
std::optional<std::string> shell_quoted(std::string_view name);

}  // namespace riskmap
