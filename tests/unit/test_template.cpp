#include <doctest/doctest.h>

#include <sstream>

#include "escape.hpp"
#include "template.hpp"

using namespace riskmap;

namespace {

std::string render(const std::string& text, const ViewData& view, const ViewStreams& streams = {}) {
  Template t("t.md", text);
  std::ostringstream out;
  t.render(view, streams, out);
  return out.str();
}

std::string error_of(const std::string& text, const ViewSchema& schema = {}) {
  try {
    Template t("fr/t.md", text);
    t.check(schema, {"rows"});
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("template") {
  TEST_CASE("values are escaped for Markdown, triple braces are not") {
    ViewData view;
    view.set("title", "a | b <script> *x*");
    CHECK(render("# {{title}}\n", view) == "# a \\| b &lt;script&gt; \\*x\\*\n");
    CHECK(render("{{{title}}}", view) == "a | b <script> *x*");
  }

  TEST_CASE("streamed sections render item by item, with the outer names in reach") {
    ViewData view;
    view.set("lang", "fr");
    int produced = 0;
    const ViewStreams streams{{"rows", [&](const auto& emit) {
                                 for (int i = 1; i <= 3; ++i) {
                                   ViewData row;
                                   row.set("ref", "R" + std::to_string(i));
                                   emit(row);
                                   ++produced;
                                 }
                               }}};
    const std::string text = "| ref |\n|---|\n{{#rows}}\n| {{ref}} {{lang}} |\n{{/rows}}\nend\n";
    CHECK(render(text, view, streams) == "| ref |\n|---|\n| R1 fr |\n| R2 fr |\n| R3 fr |\nend\n");
    CHECK(produced == 3);
  }

  TEST_CASE("a streamed section renders as the same items in a list, lines included") {
    ViewData item1, item2;
    item1.set("ref", "R1");
    item2.set("ref", "R2");
    ViewData list{ViewData::type::list};
    list.push_back(item1);
    list.push_back(item2);
    ViewData view, listed;
    view.set("yes", true);
    listed.set("yes", true);
    listed.set("rows", list);
    const ViewStreams streams{{"rows", [&](const auto& emit) {
                                 emit(item1);
                                 emit(item2);
                               }}};
    const ViewStreams none{{"rows", [](const auto&) {}}};
    const char* const texts[] = {
        " {{#rows}}{{/rows}}",  // found by the fuzzer: a blank line, dropped
        "a\n  {{#rows}} {{/rows}}  \nb\n",
        "{{#rows}}\n- {{ref}}\n{{/rows}}\nend\n",
        "x {{#rows}}{{ref}}{{/rows}}\n\t{{#rows}}\n{{/rows}} \n",
        "{{#yes}}\n{{/yes}}{{#rows}}\n{{/rows}}{{#yes}}\n{{/yes}}\n",
        "| {{#rows}}{{ref}} {{/rows}}|\r\n  {{#rows}}\r\n{{ref}}\r\n{{/rows}}\r\n",
    };
    for (const std::string text : texts) {
      CAPTURE(text);
      kainjow::mustache::mustache reference{text};
      reference.set_custom_escape([](const std::string& value) { return markdown_inline(value); });
      REQUIRE(reference.is_valid());
      CHECK(render(text, view, streams) == reference.render(listed));
      CHECK(render(text, listed) == reference.render(listed));
    }
    // A stream that yields nothing drops the lines of its tags, where an
    // empty list leaves them blank.
    CHECK(render("a\n{{#rows}}\n- {{ref}}\n{{/rows}}\nb\n", view, none) == "a\nb\n");
    CHECK(render("a\n  {{#rows}}{{ref}}{{/rows}}\nb\n", view, none) == "a\nb\n");
    CHECK(render("a\n| {{#rows}}{{ref}}{{/rows}} |\nb\n", view, none) == "a\n|  |\nb\n");
  }

  TEST_CASE("templates render as kainjow-mustache renders them, lines and blanks included") {
    ViewData item1, item2, inner;
    item1.set("ref", "R1");
    item2.set("ref", "R2 | x");
    item2.set("flag", true);
    inner.set("name", "deep");
    ViewData list{ViewData::type::list};
    list.push_back(item1);
    list.push_back(item2);
    ViewData view;
    view.set("title", "a *b*");
    view.set("rows", list);
    view.set("none", ViewData{ViewData::type::list});
    view.set("yes", true);
    view.set("no", false);
    view.set("blank", "  ");
    view.set("inner", inner);
    const char* const texts[] = {
        "{{#rows}}\n- {{ref}}\n{{/rows}}\nend\n",
        "  {{#rows}}  \n  * {{ref}}{{#flag}} (flag){{/flag}}\n  {{/rows}}\n",
        "a\n{{#no}}\nhidden\n{{/no}}\nb\n",
        "a\n{{^no}}\nshown {{title}}\n{{/no}}\n{{^none}}empty{{/none}}\n",
        "{{! a comment on its own line }}\nx\n{{! another }} y\n",
        "{{#yes}}{{blank}}{{/yes}}\nafter\r\n{{#yes}}\r\n{{{title}}} {{&title}}\r\n{{/yes}}\r\n",
        "{{inner.name}} {{#inner}}{{name}} {{title}}{{/inner}} {{missing.name}}\n",
        "{{#rows}}{{.}}{{ref}},{{/rows}}\n{{#title}}[{{.}}]{{/title}}\n",
        "{{#rows}}\n{{#yes}}\n{{ref}}\n{{/yes}}\n{{/rows}}",
        "no newline at the end {{#yes}}  {{/yes}}",
        "\n\n{{#rows}}\n\n{{/rows}}\n\n",
        "{{^rows}}\nnever\n{{/rows}}\n{{#none}}\nnever\n{{/none}}\nz",
    };
    for (const std::string text : texts) {
      CAPTURE(text);
      kainjow::mustache::mustache reference{text};
      reference.set_custom_escape([](const std::string& value) { return markdown_inline(value); });
      REQUIRE(reference.is_valid());
      CHECK(render(text, view) == reference.render(view));
    }
  }

  TEST_CASE("unknown names and broken sections are errors with the template and the line") {
    const ViewSchema schema{{"title", {}}, {"rows", {{"ref", {}}}}};
    CHECK(error_of("ok {{title}}\n{{#rows}}{{ref}}{{/rows}}", schema) == "no error");
    CHECK(error_of("line one\n{{titel}}", schema) ==
          "fr/t.md:2: unknown name 'titel' (did you mean 'title'?); allowed here: rows, title");
    CHECK(error_of("{{#rows}}\n{{nope}}\n{{/rows}}", schema)
              .find("fr/t.md:2: unknown name 'nope' in section 'rows'") == 0);
    CHECK(error_of("{{#rows}}\n\n{{/row}}", schema) ==
          "fr/t.md:3: '{{/row}}' closes section 'rows' opened on line 1");
    CHECK(error_of("a\n{{#rows}}", schema) == "fr/t.md:2: section 'rows' is never closed");
    CHECK(error_of("a\n\n{{title", schema) == "fr/t.md:3: '{{' without its closing '}}'");
    CHECK(error_of("{{> partial}}", schema).find("partials") != std::string::npos);
    // A name with an empty part between dots names nothing.
    for (const char* bad : {"x\n{{title.}}", "x\n{{.title}}", "x\n{{#rows}}{{a..b}}{{/rows}}"})
      CHECK(error_of(bad, schema).find("fr/t.md:2: '") == 0);
    CHECK(error_of("{{title.}}", schema).find("empty part between dots") != std::string::npos);
    CHECK(error_of("{{#title}}{{#rows}}{{/rows}}{{/title}}", schema)
              .find("must be at the top level") != std::string::npos);
    CHECK(error_of("\n{{^rows}}none{{/rows}}", schema)
              .find("fr/t.md:2: 'rows' is rendered item by item") == 0);
  }

  TEST_CASE("sections nest at most max_depth deep, checked before anything recurses") {
    const auto nested = [](std::size_t depth, const std::string& name) {
      std::string text;
      for (std::size_t i = 0; i < depth; ++i) text += "{{#" + name + "}}\n";
      text += "x\n";
      for (std::size_t i = 0; i < depth; ++i) text += "{{/" + name + "}}\n";
      return text;
    };
    ViewData view;
    view.set("title", "t");
    CHECK(render(nested(Template::max_depth, "title"), view) == "x\n");
    const ViewSchema schema{{"title", {}}};
    CHECK(error_of(nested(Template::max_depth, "title"), schema) == "no error");
    CHECK(error_of(nested(Template::max_depth + 1, "title"), schema) ==
          "fr/t.md:101: section 'title' is nested 101 deep; sections nest at most 100 deep");
    // Far deeper than any stack: refused just the same, by the parser.
    CHECK(error_of(nested(12'000, "a"), schema) ==
          "fr/t.md:101: section 'a' is nested 101 deep; sections nest at most 100 deep");
  }
}

TEST_SUITE("escape") {
  TEST_CASE("Markdown") {
    std::string out = "| ";
    append_markdown_inline(out, "- 1. a|b");
    append_markdown_inline(out, "12) x\r\ny\tz\x01");
    CHECK(out == "| \\- 1. a\\|b12\\) x y z");
    CHECK(markdown_inline("a | b") == "a \\| b");
    CHECK(markdown_inline("line\nbreak") == "line break");
    CHECK(markdown_inline("# title") == "\\# title");
    CHECK(markdown_inline("- item") == "\\- item");
    CHECK(markdown_inline("1. item") == "1\\. item");
    CHECK(markdown_inline("1.0") == "1.0");
    CHECK(markdown_inline("@cite $x$ ~s~ ^s^") == "\\@cite \\$x\\$ \\~s\\~ \\^s\\^");
    CHECK(markdown_inline("مرحبا 😀 é") == "مرحبا 😀 é");
    CHECK(markdown_paragraphs("one\ntwo\n\nthree") == "one\\\ntwo\n\nthree");
  }
  TEST_CASE("YAML, XML, spreadsheets") {
    CHECK(yaml_quote("a \"b\"\nc: d") == "\"a \\\"b\\\"\\nc: d\"");
    // TOML and YAML both refuse a bare DEL or control character.
    CHECK(yaml_quote("a\x7f\x01\tb") == "\"a\\u007f\\u0001\\tb\"");
    CHECK(xml_escape("<a href='x'>&</a>\x01") == "&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;");
    // (Spreadsheet formulas in CSV cells: test_csv.cpp.)
  }
  TEST_CASE("XML: characters XML 1.0 forbids, noncharacters and invalid UTF-8 never pass") {
    CHECK(xml_escape("a\tb\nc\rd") == "a\tb\nc\rd");
    CHECK(xml_escape(std::string_view("a\x01\x08\x0b\x0c\x1f\0z", 8)) == "az");
    CHECK(xml_escape("a\uFFFEb\uFFFFc") == "abc");
    CHECK(xml_escape("a\uFDD0b\uFDEFc\uFDCFd\uFDF0e") == "abc\uFDCFd\uFDF0e");
    CHECK(xml_escape("\U0001FFFE\U0001FFFF\U0010FFFE\U0010FFFFx") == "x");
    CHECK(xml_escape("\uFFFD é 😀 \u00A0") == "\uFFFD é 😀 \u00A0");
    // Invalid UTF-8 (a stray continuation byte, a cut sequence, an overlong
    // form, a surrogate) becomes U+FFFD, which XML allows.
    CHECK(xml_escape("a\x80z") == "a\uFFFDz");
    CHECK(xml_escape("a\xE2\x82") == "a\uFFFD\uFFFD");
    CHECK(xml_escape("\xC0\xBC") == "\uFFFD\uFFFD");
    CHECK(xml_escape("\xED\xA0\x80") == "\uFFFD\uFFFD\uFFFD");
    CHECK(xml_escape("\xFF<") == "\uFFFD&lt;");
  }
}
