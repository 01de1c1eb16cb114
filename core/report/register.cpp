// The consolidated risk register: every scenario with its assets, source,
// threat, levels at the three stages (the inherent one when the map uses
// it), treatment and owner, highest current level first; as Markdown and
// as CSV.
#include <fmt/format.h>

#include "asset.hpp"
#include "deliverable.hpp"
#include "labels.hpp"
#include "text.hpp"
#include "view.hpp"

namespace riskmap {

namespace {

// register.xlsx: the register as the client edits it and sends it back.
// Its header names each column as the documents do ("Vraisemblance
// initiale"), which `import --kind scenarios` reads as the field it names;
// the levels are derived (an import ignores them); likelihood, impact,
// treatment and status cells offer the method's lists. A second sheet names
// the assets the refs of the register stand for.
void register_workbook(ReportContext& ctx, xlsx_out::Book& book, bool inherent) {
  const MapData& map = ctx.map();
  const EntityKind& kind = scenario_kind();
  const Method& method = ctx.method;
  xlsx_out::Sheet& sheet = book.sheet(ctx.text("Registre", "Register"));
  std::vector<std::string> columns{"ref", "title", "assets", "risk_source", "threat"};
  for (const Stage stage : all_stages) {
    if (stage == Stage::inherent && !inherent) continue;
    for (const char* part : {"likelihood", "impact", "level"})
      columns.push_back(fmt::format("{}_{}", to_string(stage), part));
  }
  for (const char* name : {"treatment", "owner", "status", "review_date", "description", "notes"})
    columns.emplace_back(name);

  const xlsx_out::Style header{"#1F3864", "#FFFFFF", true, true, true};
  const xlsx_out::Style cell{"", "", false, true, true};
  std::vector<std::size_t> widths(columns.size(), 12);
  std::vector<std::string> headers;
  for (const auto& column : columns) {
    const Text* label = column_label(column);
    headers.push_back(label ? label->in(ctx.lang) : column);
  }
  std::vector<xlsx_out::Style> level_styles;
  for (const Step& step : method.levels.steps)
    level_styles.push_back({step.colour, "", true, true, true, true});
  const auto step_label = [&](const Scale& scale, const Value& value) -> std::string {
    const auto position = number_of(value);
    return position ? scale.at(static_cast<int>(*position)).label.in(ctx.lang) : std::string();
  };
  // A scenario's cells, as texts and the level shown in each (0: none).
  std::vector<std::string> texts(columns.size());
  std::vector<int> levels(columns.size());
  const auto cells_of = [&](const Record& r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string& column = columns[c];
      std::string& text = texts[c];
      text.clear();
      levels[c] = 0;
      if (column == "ref") {
        text = r.ref;
      } else if (column.ends_with("_level")) {
        const Stage stage = column.starts_with("inherent")  ? Stage::inherent
                            : column.starts_with("current") ? Stage::current
                                                            : Stage::residual;
        if (const auto level = level_at(r, stage, method)) {
          text = method.levels.at(*level).label.in(ctx.lang);
          levels[c] = *level;
        }
      } else {
        const std::size_t at = kind.index(column);
        const Field& field = kind.fields[at];
        const Value& value = r.values[at];
        if (field.type == FieldType::step)
          text = step_label(field.axis == Axis::likelihood ? method.likelihood : method.impact,
                            value);
        else if (field.type == FieldType::choice)
          text = choice_label(*field.vocabulary, value, ctx.lang);
        else if (const auto* list = std::get_if<std::vector<std::string>>(&value))
          text = join(*list, ", ");
        else
          text = text_of(value);
      }
    }
  };
  // Widths from every row first (the rows are in memory), so that each row
  // is written at the height its wrapped text needs.
  for (const Record& r : map.scenarios) {
    cells_of(r);
    for (std::size_t c = 0; c < columns.size(); ++c)
      widths[c] = std::max(widths[c], std::min<std::size_t>(xlsx_out::characters(texts[c]) + 2, 50));
  }
  std::size_t header_lines = 1;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    sheet.column_width(c, c, static_cast<double>(widths[c]));
    header_lines = std::max(header_lines, xlsx_out::lines_in(headers[c], widths[c]));
  }
  sheet.row_height(0, xlsx_out::row_height_for(header_lines));
  for (std::size_t c = 0; c < columns.size(); ++c) sheet.text(0, c, headers[c], &header);
  std::size_t row = 0;
  for (const Record& r : map.scenarios) {
    ++row;
    cells_of(r);
    std::size_t lines = 1;
    for (std::size_t c = 0; c < columns.size(); ++c)
      lines = std::max(lines, xlsx_out::lines_in(texts[c], widths[c]));
    if (lines > 1) sheet.row_height(row, xlsx_out::row_height_for(lines));
    for (std::size_t c = 0; c < columns.size(); ++c)
      sheet.text(row, c, texts[c],
                 levels[c] ? &level_styles[static_cast<std::size_t>(levels[c] - 1)] : &cell);
  }
  sheet.freeze(1, 2);
  sheet.filter(0, 0, row, columns.size() - 1);
  sheet.print_setup(false);
  sheet.activate();

  xlsx_out::Sheet& names = book.sheet(ctx.text("Biens", "Assets"));
  names.text(0, 0, column_label("ref")->in(ctx.lang), &header);
  names.text(0, 1, column_label("name")->in(ctx.lang), &header);
  std::size_t asset_row = 0;
  for (const Record& a : map.assets) {
    ++asset_row;
    names.text(asset_row, 0, a.ref, &cell);
    names.text(asset_row, 1, text_of(a.values[asset_kind().index("name")]), &cell);
  }
  names.column_width(0, 0, 10);
  names.column_width(1, 1, 50);
  names.freeze(1, 0);

  // The lists a cell takes, from the Method sheet; on room for the rows the
  // client adds below the register.
  const auto& lists = ctx.method_sheet();
  const xlsx_out::Sheet& method_sheet = book.sheet_named(ctx.text("Méthode", "Method"));
  const std::size_t last = row + 1000;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string& column = columns[c];
    const std::pair<std::size_t, std::size_t>* range = nullptr;
    std::vector<std::string> values;
    const auto scale_values = [&](const Scale& scale) {
      for (const Step& step : scale.steps) values.push_back(step.label.in(ctx.lang));
    };
    const auto choice_values = [&](const Vocabulary& vocabulary) {
      for (const auto& choice : vocabulary) values.push_back(choice.label.in(ctx.lang));
    };
    if (column.ends_with("_likelihood")) range = &lists.likelihood, scale_values(method.likelihood);
    else if (column.ends_with("_impact")) range = &lists.impact, scale_values(method.impact);
    else if (column == "treatment") range = &lists.treatment, choice_values(treatments());
    else if (column == "status") range = &lists.status, choice_values(scenario_statuses());
    if (range)
      sheet.allowed_values(1, last, c, values, method_sheet, lists.column, range->first,
                           range->second);
  }
}

}  // namespace

Deliverable register_deliverable() {
  const ViewSchema level_names{
      {"rated", {}}, {"id", {}}, {"label", {}}, {"colour", {}}, {"position", {}}};
  Deliverable d;
  d.name = "register";
  d.title = {"Registre des risques", "Risk register"};
  d.schema = ViewSchema{{"count", {}},
                        {"above_appetite_count", {}},
                        {"has_inherent", {}},
                        {"csv", {}},
                        {"scenarios",
                         {{"ref", {}},
                          {"title", {}},
                          {"assets", {}},
                          {"risk_source", {}},
                          {"threat", {}},
                          {"inherent", level_names},
                          {"current", level_names},
                          {"residual", level_names},
                          {"inherent_label", {}},
                          {"current_label", {}},
                          {"residual_label", {}},
                          {"treatment", {}},
                          {"owner", {}},
                          {"status", {}},
                          {"above_appetite", {}}}}};
  d.streamed = {"scenarios"};
  d.workbook = true;
  d.render = [title = d.title](ReportContext& ctx) {
    const MapData& map = ctx.map();
    const EntityKind& kind = scenario_kind();
    const std::size_t assets_at = kind.index("assets"), treatment_at = kind.index("treatment"),
                      status_at = kind.index("status");
    const std::string unrated = "—";
    // Texts every row repeats, made once: level labels, "A1 Asset name".
    std::vector<std::string> level_label{unrated};
    for (int i = 1; i <= ctx.method.levels.size(); ++i)
      level_label.push_back(ctx.method.levels.at(i).label.in(ctx.lang));
    const auto label_at = [&](const Record& r, Stage stage) -> const std::string& {
      return level_label[static_cast<std::size_t>(level_at(r, stage, ctx.method).value_or(0))];
    };
    std::vector<std::string> asset_label;
    asset_label.reserve(map.assets.size());
    for (const Record& a : map.assets)
      asset_label.push_back(
          fmt::format("{} {}", a.ref, text_of(a.values[asset_kind().index("name")])));
    std::string assets;
    const auto asset_text = [&](const Record& r) -> const std::string& {
      assets.clear();
      for (const auto& ref : std::get<std::vector<std::string>>(r.values[assets_at])) {
        if (!assets.empty()) assets += ", ";
        const auto it = map.asset_at.find(ref);
        assets += it == map.asset_at.end() ? ref : asset_label[it->second];
      }
      return assets;
    };
    std::size_t above = 0;
    for (const auto& r : map.scenarios)
      if (level_at(r, Stage::current, ctx.method).value_or(0) > ctx.method.appetite) ++above;

    ViewData view = ctx.common_view(title);
    view.set("count", std::to_string(map.scenarios.size()));
    view.set("above_appetite_count", std::to_string(above));
    const bool inherent = ctx.has_inherent();
    view.set("has_inherent", inherent);
    view.set("csv", "register.csv");
    const ViewStreams streams{
        {"scenarios", [&](const auto& emit) {
           ViewData row;  // reused from one scenario to the next: see view.hpp
           for (const Record& r : map.scenarios) {
             assign(row, "ref", r.ref);
             assign(row, "title", text_of(r.values[kind.index("title")]));
             assign(row, "assets", asset_text(r));
             assign(row, "risk_source", text_of(r.values[kind.index("risk_source")]));
             assign(row, "threat", text_of(r.values[kind.index("threat")]));
             for (const Stage stage : all_stages) {
               const std::string_view name = to_string(stage);
               ctx.assign_level(child(row, std::string(name), ViewData::type::object),
                                ctx.method.levels, level_at(r, stage, ctx.method));
               assign(row, std::string(name) + "_label", label_at(r, stage));
             }
             assign(row, "treatment", choice_label(treatments(), r.values[treatment_at], ctx.lang));
             assign(row, "owner", text_of(r.values[kind.index("owner")]));
             assign(row, "status",
                    choice_label(scenario_statuses(), r.values[status_at], ctx.lang));
             flag(row, "above_appetite",
                  level_at(r, Stage::current, ctx.method).value_or(0) > ctx.method.appetite);
             emit(row);
           }
         }}};
    ctx.markdown("register", title, view, streams);

    if (std::ostream* csv = ctx.side_file("register.csv")) {
      if (ctx.options.csv_bom) *csv << "\xEF\xBB\xBF";
      std::vector<std::string> header{
          ctx.text("Réf.", "Ref"), ctx.text("Scénario", "Scenario"), ctx.text("Biens", "Assets"),
          ctx.text("Source de risque", "Risk source"), ctx.text("Menace", "Threat")};
      if (inherent) header.push_back(ctx.text("Niveau brut", "Inherent level"));
      header.insert(
          header.end(),
          {ctx.lang == Lang::fr ? std::string("Niveau initial")
                                : fmt::format("{} level", ctx.stage_name(Stage::current)),
           ctx.text("Niveau résiduel", "Residual level"), ctx.text("Traitement", "Treatment"),
           ctx.text("Propriétaire", "Owner"), ctx.text("Statut", "Status")});
      ctx.csv_row(*csv, header);
      std::vector<std::string> cells;
      for (const Record& r : map.scenarios) {
        cells = {r.ref, text_of(r.values[kind.index("title")]), asset_text(r),
                 text_of(r.values[kind.index("risk_source")]),
                 text_of(r.values[kind.index("threat")])};
        for (const Stage stage : all_stages)
          if (stage != Stage::inherent || inherent) cells.push_back(label_at(r, stage));
        cells.push_back(choice_label(treatments(), r.values[treatment_at], ctx.lang));
        cells.push_back(text_of(r.values[kind.index("owner")]));
        cells.push_back(choice_label(scenario_statuses(), r.values[status_at], ctx.lang));
        ctx.csv_row(*csv, cells);
      }
    }
    if (xlsx_out::Book* book = ctx.book()) register_workbook(ctx, *book, inherent);
  };
  return d;
}

}  // namespace riskmap
