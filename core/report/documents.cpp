#include "documents.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <fstream>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "embedded.hpp"
#include "error.hpp"
#include "escape.hpp"
#include "process.hpp"
#include "wording.hpp"
#include "xml.hpp"
#include "zip.hpp"
#include "zip_writer.hpp"

namespace riskmap {

namespace fs = std::filesystem;

namespace {

std::string_view part(std::string_view name) {
  for (const auto& file : embedded::docx())
    if (file.path == name) return file.content;
  throw Error(fmt::format("built-in file {} is missing", name));
}

std::string replaced(std::string text, std::string_view mark, std::string_view value) {
  for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
    text.replace(at, mark.size(), value);
  return text;
}

void write_text(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw Error(fmt::format("{}: cannot write", path.string()));
}

// "file:///..." for LibreOffice's -env:UserInstallation, each byte outside
// the unreserved set percent-encoded.
std::string file_url(const fs::path& path) {
  std::string url = "file://";
  for (const char byte : path.string()) {
    const auto c = static_cast<unsigned char>(byte);
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
      url += static_cast<char>(c);
    else
      url += fmt::format("%{:02X}", c);
  }
  return url;
}

// Midnight UTC of the report's date: pandoc dates the document with it.
std::string epoch_of(const Date& date) {
  using namespace std::chrono;
  const sys_days day = year_month_day{year{date.year}, month{date.month}, std::chrono::day{date.day}};
  return std::to_string(duration_cast<seconds>(day.time_since_epoch()).count());
}

const std::string& status_word(const std::string& status, Lang lang) {
  static const std::string draft_fr = "Version provisoire", final_fr = "Version définitive",
                           draft_en = "Draft", final_en = "Final";
  if (status == "final") return lang == Lang::fr ? final_fr : final_en;
  if (status == "draft") return lang == Lang::fr ? draft_fr : draft_en;
  return status;
}

// The parts of riskmap's reference presentation, core/docx/deck/: where
// each goes in the presentation. The layouts are in the order of pandoc's
// own reference, the title slide first.
struct DeckPart {
  std::string_view name, file;
};
constexpr std::array deck_parts{
    DeckPart{"[Content_Types].xml", "content_types.xml"},
    DeckPart{"_rels/.rels", "package.rels"},
    DeckPart{"docProps/app.xml", "app.xml"},
    DeckPart{"ppt/presentation.xml", "presentation.xml"},
    DeckPart{"ppt/_rels/presentation.xml.rels", "presentation.xml.rels"},
    DeckPart{"ppt/presProps.xml", "pres_props.xml"},
    DeckPart{"ppt/viewProps.xml", "view_props.xml"},
    DeckPart{"ppt/tableStyles.xml", "table_styles.xml"},
    DeckPart{"ppt/theme/theme1.xml", "theme.xml"},
    DeckPart{"ppt/theme/theme2.xml", "theme.xml"},
    DeckPart{"ppt/slideMasters/slideMaster1.xml", "master.xml"},
    DeckPart{"ppt/slideMasters/_rels/slideMaster1.xml.rels", "master.xml.rels"},
    DeckPart{"ppt/notesMasters/notesMaster1.xml", "notes_master.xml"},
    DeckPart{"ppt/notesMasters/_rels/notesMaster1.xml.rels", "notes_master.xml.rels"},
};
constexpr std::array<std::string_view, 11> deck_layouts{
    "title", "content", "section", "two",           "comparison",    "title_only",
    "blank", "caption", "picture", "vertical_text", "vertical_title"};

// The layouts pandoc lays slides out on, by the names it looks for.
constexpr std::array<std::string_view, 7> pandoc_layouts{
    "Title Slide",          "Section Header", "Title and Content", "Two Content", "Comparison",
    "Content with Caption", "Blank"};

// The names of a presentation's slide layouts (p:cSld's name).
std::set<std::string> layout_names(const zip::Archive& archive) {
  struct Names : xml::Handler {
    std::set<std::string> names;
    void start(std::string_view name, const xml::Attributes& attributes) override {
      if (name != "cSld") return;
      if (const char* value = attributes.find("name")) names.insert(value);
    }
    void end(std::string_view) override {}
  } handler;
  for (const auto& part : archive.names())
    if (part.starts_with("ppt/slideLayouts/slideLayout") && part.ends_with(".xml"))
      xml::parse_part(archive, part, handler);
  return handler.names;
}

// The value of attribute `name` in the start tag `tag`; empty when absent.
std::string attribute(std::string_view tag, std::string_view name) {
  const std::string mark = fmt::format(" {}=\"", name);
  const auto at = tag.find(mark);
  if (at == std::string_view::npos) return {};
  const auto start = at + mark.size();
  return std::string(tag.substr(start, tag.find('"', start) - start));
}

}  // namespace

void DocumentMaker::check_programs(bool word, bool pdf) {
  if ((word || pdf) && !find_on_path("pandoc"))
    throw Error(fmt::format(
        "pandoc is needed to write {} and is not on PATH: install the Debian package pandoc "
        "(apt-get install pandoc)",
        pdf && !word ? "PDF documents (made from Word documents)" : "Word documents"));
  // pandoc turns the SVG figures into the PNG that Word and LibreOffice show.
  if ((word || pdf) && !find_on_path("rsvg-convert"))
    throw Error(
        "rsvg-convert is needed to put the figures in Word, PDF and slides documents and is not on "
        "PATH: install the Debian package librsvg2-bin (apt-get install librsvg2-bin)");
  if (pdf && !find_on_path("soffice"))
    throw Error(
        "LibreOffice (soffice) is needed to write PDF documents and is not on PATH: install the "
        "Debian package libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui)");
}

void DocumentMaker::check_reference(const fs::path& file, ReferenceKind kind) {
  const bool word = kind == ReferenceKind::word;
  const auto refuse = [&](std::string_view what) {
    throw ContentError(fmt::format(
        "{}: {}; riskmap lays its {} out on this file, in place of its own, and expects {}: "
        "replace it with one saved by {}, or remove it",
        file.string(), what, word ? "Word and PDF documents" : "slides",
        word ? "a Word document (.docx)" : "a PowerPoint presentation (.pptx)",
        word ? "Word" : "PowerPoint"));
  };
  std::optional<zip::Archive> archive;
  try {
    archive = zip::Archive::open_file(file.string(), file.string());
  } catch (const ContentError&) {
    refuse("not a zip archive, as Office documents are (or a truncated one)");
  }
  const bool is_word = archive->has("word/document.xml"),
             is_slides = archive->has("ppt/presentation.xml");
  if (word && !is_word)
    refuse(is_slides ? "a PowerPoint presentation, not a Word document"
           : archive->has("xl/workbook.xml")
               ? "an Excel workbook, not a Word document"
               : "a zip archive without a Word document's body (word/document.xml)");
  if (!word && !is_slides)
    refuse(is_word ? "a Word document, not a PowerPoint presentation"
           : archive->has("xl/workbook.xml")
               ? "an Excel workbook, not a PowerPoint presentation"
               : "a zip archive without a presentation (ppt/presentation.xml)");
  if (word && !archive->has("word/styles.xml"))
    refuse("a Word document without styles (word/styles.xml)");
  if (word) return;
  if (!archive->has("ppt/slideMasters/slideMaster1.xml"))
    refuse("a presentation without a slide master (ppt/slideMasters/slideMaster1.xml)");
  // pandoc finds the layouts by their English names, whatever the language
  // PowerPoint showed them in.
  std::set<std::string> names;
  try {
    names = layout_names(*archive);
  } catch (const ContentError&) {
    refuse("a presentation whose slide layouts cannot be read (malformed XML)");
  }
  std::vector<std::string> missing;
  for (const auto name : pandoc_layouts)
    if (!names.contains(std::string(name))) missing.push_back(fmt::format("'{}'", name));
  if (!missing.empty())
    refuse(
        fmt::format("its slide master has no layout named {} (pandoc finds layouts by these "
                    "names: rename them in PowerPoint's slide master view)",
                    join(missing, ", ")));
}

DocumentMaker::DocumentMaker(fs::path scratch, fs::path target, Lang lang, Mission mission,
                             Date today, ReferenceDocuments references)
    : scratch_(fs::absolute(scratch)),
      target_(std::move(target)),
      lang_(lang),
      mission_(std::move(mission)),
      today_(today),
      references_(std::move(references)) {}

void DocumentMaker::write_shared_files() {
  if (shared_written_) return;
  fs::create_directories(scratch_);
  write_text(scratch_ / "riskmap.lua", part("core/docx/riskmap.lua"));
  write_text(scratch_ / "slides.lua", part("core/docx/slides.lua"));
  // The words of the cover and the contents, in the document's language.
  const bool fr = lang_ == Lang::fr;
  std::string words = "riskmap-words:\n";
  const auto word = [&](const char* key, const std::string& value) {
    words += fmt::format("  {}: {}\n", key, yaml_quote(markdown_inline(value)));
  };
  word("contents", fr ? "Table des matières" : "Contents");
  word("version", "Version");
  word("status", fr ? "Statut" : "Status");
  word("date", "Date");
  word("author", fr ? "Auteur" : "Author");
  word("continued", fr ? "(suite)" : "(continued)");
  if (mission_.status && !mission_.status->empty())
    word("status-value", status_word(*mission_.status, lang_));
  word("date-value", wording::long_date(today_, lang_));
  write_text(scratch_ / "words.yaml", words);
  shared_written_ = true;
}

void DocumentMaker::docx(const std::string& title, const fs::path& source, const fs::path& output,
                         bool new_page) {
  write_shared_files();
  // pandoc runs in the Markdown's folder: every path it is given is whole.
  const fs::path markdown = fs::absolute(source);
  std::vector<std::string> options{
      "--to=docx", "--lua-filter=" + (scratch_ / "riskmap.lua").string(),
      std::string("--metadata=riskmap-new-page:") + (new_page ? "true" : "false")};
  if (references_.word) {
    // The user's reference document, as it is: the sections riskmap adds
    // take its header, footer and page set-up.
    options.push_back("--reference-doc=" + fs::absolute(*references_.word).string());
    pandoc(markdown, output, options,
           [](const zip::Archive&, const std::string& name, std::string& text) {
             if (name == "word/document.xml") text = sections_like_last(std::move(text));
           });
    return;
  }
  // The reference document: riskmap's styles, page set-up, header and
  // footer, which carry this document's title and classification.
  const fs::path reference = scratch_ / ("reference-" + output.filename().string());
  {
    const bool fr = lang_ == Lang::fr;
    const std::string lang = fr ? "fr-FR" : "en-GB";
    const std::string marking = xml_escape(mission_.classification.value_or(""));
    std::string running = title;
    if (!mission_.name.empty()) running += " — " + mission_.name;
    const auto running_part = [&](std::string_view name, const char* right) {
      std::string text(part(name));
      text = replaced(std::move(text), "@TITLE@", xml_escape(running));
      text = replaced(std::move(text), "@CLASSIFICATION@", marking);
      return replaced(std::move(text), "@RIGHT@", right);
    };
    zip::Writer zip(reference, target_ / output.filename());
    zip.add("[Content_Types].xml", part("core/docx/content_types.xml"));
    zip.add("_rels/.rels", part("core/docx/package.rels"));
    zip.add("word/document.xml", part("core/docx/document.xml"));
    zip.add("word/_rels/document.xml.rels", part("core/docx/document.xml.rels"));
    zip.add("word/styles.xml", replaced(std::string(part("core/docx/styles.xml")), "@LANG@", lang));
    zip.add("word/settings.xml",
            replaced(replaced(std::string(part("core/docx/settings.xml")), "@LANG@", lang),
                     "@DECIMAL@", fr ? "," : "."));
    // Portrait pages (text 9638 twips wide) and landscape ones (14570).
    zip.add("word/header1.xml", running_part("core/docx/header.xml", "9638"));
    zip.add("word/footer1.xml", running_part("core/docx/footer.xml", "9638"));
    zip.add("word/header2.xml", running_part("core/docx/header.xml", "14570"));
    zip.add("word/footer2.xml", running_part("core/docx/footer.xml", "14570"));
    zip.close();
  }
  options.push_back("--reference-doc=" + reference.string());
  // The landscape sections name the header and footer by the ids of the
  // reference document; pandoc renumbers them: give them pandoc's ids.
  const auto header_ids = [](const zip::Archive& archive, const std::string& name,
                             std::string& text) {
    if (name != "word/document.xml") return;
    const std::string rels = archive.read("word/_rels/document.xml.rels");
    const auto id_of = [&](std::string_view target) {
      const auto at = rels.find(fmt::format("Target=\"{}\"", target));
      const auto start = at == std::string::npos ? at : rels.rfind("<Relationship ", at);
      const auto id = start == std::string::npos ? start : rels.find("Id=\"", start);
      if (id == std::string::npos || id > rels.find('>', at))
        throw Error(fmt::format("{}: pandoc's document has no {}", archive.source(), target));
      return rels.substr(id + 4, rels.find('"', id + 4) - id - 4);
    };
    // The longer marks first: each is the start of a shorter one.
    text = replaced(std::move(text), "rIdRiskmapHeaderWide", id_of("header2.xml"));
    text = replaced(std::move(text), "rIdRiskmapFooterWide", id_of("footer2.xml"));
    text = replaced(std::move(text), "rIdRiskmapHeader", id_of("header1.xml"));
    text = replaced(std::move(text), "rIdRiskmapFooter", id_of("footer1.xml"));
  };
  pandoc(markdown, output, options, header_ids);
}

void DocumentMaker::pandoc(const fs::path& markdown, const fs::path& output,
                           std::vector<std::string> options, const PartEdit& edit) {
  const fs::path raw = scratch_ / fmt::format("pandoc-{}{}", ++count_, output.extension().string());
  const fs::path log = fs::path(raw).replace_extension(".log");
  const fs::path folder = markdown.parent_path();
  ProgramRun run;
  run.args = {"pandoc", markdown.string(),
              "--from=markdown-smart-citations-raw_html-raw_attribute-tex_math_dollars"};
  run.args.insert(run.args.end(), options.begin(), options.end());
  for (const std::string& option :
       {"--metadata-file=" + (scratch_ / "words.yaml").string(),
        "--resource-path=" + folder.string(), std::string("--fail-if-warnings"),
        "--output=" + raw.string()})
    run.args.push_back(option);
  run.directory = folder;
  run.log = log;
  // pandoc dates the document with it, so that a rerun gives the same file.
  run.environment = {{"SOURCE_DATE_EPOCH", epoch_of(today_)}};
  if (const int status = run_program(run); status != 0)
    throw Error(fmt::format("{}: pandoc could not make the document (exit {}):\n{}",
                            output.filename().string(), status, log_tail(log)));
  // Written again with fixed dates, so that a rerun gives the same file.
  const auto archive = zip::Archive::open_file(raw.string(), raw.filename().string());
  zip::Writer zip(output, target_ / output.filename());
  for (const auto& name : archive.names()) {
    std::string text = archive.read(name);
    if (edit) edit(archive, name, text);
    zip.add(name, text);
  }
  zip.close();
  fs::remove(raw);
}

void DocumentMaker::pptx(const fs::path& source, const fs::path& output) {
  write_shared_files();
  fs::path reference;
  if (references_.slides) {
    reference = fs::absolute(*references_.slides);
  } else {
    reference = scratch_ / ("reference-" + output.filename().string());
    write_slides_reference(reference, lang_, mission_.classification.value_or(""));
  }
  pandoc(fs::absolute(source), output,
         {"--to=pptx", "--reference-doc=" + reference.string(),
          "--lua-filter=" + (scratch_ / "slides.lua").string()});
}

std::vector<fs::path> DocumentMaker::pdf(const std::vector<fs::path>& documents) {
  std::vector<fs::path> out;
  if (documents.empty()) return out;
  const fs::path folder = scratch_ / "pdf";
  fs::create_directories(folder);
  const fs::path log = scratch_ / "soffice.log";
  ProgramRun run;
  // A profile of its own: a LibreOffice already open, or another riskmap
  // run, uses another one, and two processes sharing one collide.
  run.args = {"soffice",
              "-env:UserInstallation=" + file_url(scratch_ / "libreoffice-profile"),
              "--headless",
              "--norestore",
              "--nolockcheck",
              "--convert-to",
              "pdf:writer_pdf_Export",
              "--outdir",
              folder.string()};
  for (const auto& document : documents) run.args.push_back(fs::absolute(document).string());
  run.directory = scratch_;
  run.log = log;
  const int status = run_program(run);
  for (const auto& document : documents) {
    const fs::path pdf = folder / document.filename().replace_extension(".pdf");
    std::ifstream in(pdf, std::ios::binary);
    char head[5] = {};
    in.read(head, 5);
    if (!in || std::string_view(head, 5) != "%PDF-")
      throw Error(fmt::format("{}: LibreOffice could not make the PDF document (exit {}){}{}",
                              pdf.filename().string(), status, log_tail(log).empty() ? "" : ":\n",
                              log_tail(log)));
    ::chmod(pdf.c_str(), 0600);
    out.push_back(pdf);
  }
  return out;
}

void write_slides_reference(const fs::path& file, Lang lang, const std::string& classification) {
  const auto fill = [&](std::string_view name) {
    std::string text(part(fmt::format("core/docx/deck/{}", name)));
    text = replaced(std::move(text), "@LANG@", lang == Lang::fr ? "fr-FR" : "en-GB");
    text = replaced(std::move(text), "@CLASSIFICATION@", xml_escape(classification));
    // The footer's text is shown on every slide only when there is one.
    return replaced(std::move(text), "@FOOTER@", classification.empty() ? "0" : "1");
  };
  zip::Writer zip(file);
  for (const auto& [name, source] : deck_parts) zip.add(name, fill(source));
  for (std::size_t i = 0; i < deck_layouts.size(); ++i) {
    zip.add(fmt::format("ppt/slideLayouts/slideLayout{}.xml", i + 1),
            fill(fmt::format("layout_{}.xml", deck_layouts[i])));
    zip.add(fmt::format("ppt/slideLayouts/_rels/slideLayout{}.xml.rels", i + 1),
            fill("layout.xml.rels"));
  }
  zip.close();
}

std::string sections_like_last(std::string document) {
  // The last section: its header and footer references, first-page
  // setting, page size and margins (riskmap's A4 where it has none).
  std::string references, title_page;
  std::string margins = R"(<w:pgMar w:top="1247" w:right="1134" w:bottom="1247" w:left="1134" )"
                        R"(w:header="567" w:footer="567" w:gutter="0"/>)";
  long width = 11906, height = 16838;
  const auto last = document.rfind("<w:sectPr");
  const auto last_end = last == std::string::npos ? last : document.find("</w:sectPr>", last);
  const std::string_view section =
      last == std::string::npos
          ? std::string_view()
          : std::string_view(document).substr(
                last, last_end == std::string::npos ? last_end : last_end - last);
  // A reference document without a section of its own leaves riskmap's last.
  if (!section.empty() && section.find("rIdRiskmap") == std::string_view::npos) {
    for (auto at = section.find('<', 1); at != std::string_view::npos;
         at = section.find('<', at + 1)) {
      const auto close = section.find('>', at);
      if (close == std::string_view::npos) break;
      std::string tag(section.substr(at, close - at + 1));
      // These elements are empty: each is written as one.
      if (!tag.ends_with("/>")) tag.insert(tag.size() - 1, "/");
      const auto is = [&](std::string_view name) {
        return tag.starts_with(name) && (tag[name.size()] == ' ' || tag[name.size()] == '/');
      };
      if (is("<w:headerReference") || is("<w:footerReference")) {
        references += tag;
      } else if (is("<w:titlePg")) {
        title_page = tag;
      } else if (is("<w:pgMar")) {
        margins = tag;
      } else if (is("<w:pgSz")) {
        const std::string w = attribute(tag, "w:w"), h = attribute(tag, "w:h");
        const auto number = [](const std::string& text) {
          return !text.empty() && text.size() < 9 &&
                 std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        if (number(w) && number(h)) {
          width = std::stol(w);
          height = std::stol(h);
        }
      }
    }
  }
  const long narrow = std::min(width, height), tall = std::max(width, height);
  const auto written = [&](bool landscape) {
    return fmt::format("<w:sectPr>{}<w:pgSz w:w=\"{}\" w:h=\"{}\"{}/>{}{}</w:sectPr>", references,
                       landscape ? tall : narrow, landscape ? narrow : tall,
                       landscape ? " w:orient=\"landscape\"" : "", margins, title_page);
  };
  // Each section riskmap's filter wrote names riskmap's header ids.
  for (auto mark = document.find("r:id=\"rIdRiskmap"); mark != std::string::npos;
       mark = document.find("r:id=\"rIdRiskmap", mark)) {
    const auto start = document.rfind("<w:sectPr>", mark);
    const auto end = document.find("</w:sectPr>", mark);
    if (start == std::string::npos || end == std::string::npos) break;
    const bool landscape = document.find("w:orient=\"landscape\"", start) < end;
    const std::string replacement = written(landscape);
    document.replace(start, end + std::string_view("</w:sectPr>").size() - start, replacement);
    mark = start + replacement.size();
  }
  return document;
}

}  // namespace riskmap
