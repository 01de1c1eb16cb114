// Reading YAML libraries: ref id normalisation, translations, the shape of
// what is read, and coverage through mappings.
#include <doctest/doctest.h>

#include <string>

#include "error.hpp"
#include "framework.hpp"
#include "framework_mapping.hpp"
#include "library.hpp"

using namespace riskmap;

TEST_CASE("requirement ids: whitespace removed, other characters made '-'") {
  CHECK(normalise_ref_id("ACTIF- CLASSIF-INFO") == "ACTIF-CLASSIF-INFO");
  CHECK(normalise_ref_id(" AC- 1 ") == "AC-1");
  CHECK(normalise_ref_id("A.5.1") == "A.5.1");
  CHECK(normalise_ref_id("Art. 5(1)") == "Art.5-1");
  CHECK(normalise_ref_id("§ 12") == "12");
  CHECK(normalise_ref_id("--x--") == "x");
  CHECK(normalise_ref_id("   ") == "");
  CHECK(normalise_ref_id(std::string(100, 'a')).size() == 64);
}

TEST_CASE("framework ids: words separated, upper-cased") {
  CHECK(framework_id_from("ISO/IEC 27001:2022") == "ISO-IEC-27001-2022");
  CHECK(framework_id_from("dnssi-2023-2") == "DNSSI-2023-2");
  CHECK(framework_id_from("Loi 09-08") == "LOI-09-08");
}

TEST_CASE("a library's texts in the chosen language, else its own") {
  const std::string text = R"(urn: urn:x:library:t
locale: en
ref_id: t
name: Test
translations:
  fr:
    name: "Essai \xE9l\xE9mentaire"
objects:
  framework:
    urn: urn:x:framework:t
    name: Framework
    requirement_nodes:
    - urn: urn:x:node:h
      depth: 1
      name: Heading
      translations:
        fr:
          name: "Titre\u2019s"
    - urn: urn:x:node:a
      parent_urn: urn:x:node:h
      assessable: true
      ref_id: A 1
      name: First
      description: >
        folded
        lines
  threats:
  - urn: urn:x:threat:1
)";
  const Library fr = read_library(text, "t.yaml", Lang::fr);
  CHECK(fr.name.text == "Essai élémentaire");
  CHECK(fr.name.language == "fr");
  REQUIRE(fr.frameworks.size() == 1);
  CHECK(fr.frameworks[0].name.text == "Framework");  // no translation: its own
  CHECK(fr.frameworks[0].name.language == "en");
  REQUIRE(fr.frameworks[0].nodes.size() == 2);
  CHECK(fr.frameworks[0].nodes[0].name == "Titre’s");
  CHECK(fr.frameworks[0].nodes[1].ref_id == "A 1");
  CHECK(fr.frameworks[0].nodes[1].description == "folded lines");
  CHECK(fr.frameworks[0].nodes[1].assessable);
  CHECK(fr.ignored == std::vector<std::string>{"threats"});
  const Library en = read_library(text, "t.yaml", Lang::en);
  CHECK(en.name.text == "Test");
  CHECK(en.frameworks[0].nodes[0].name == "Heading");
}

TEST_CASE("bad libraries name the file, line and column") {
  CHECK_THROWS_WITH_AS(read_library("a: [1, 2\n", "x.yaml", Lang::en),
                       doctest::Contains("x.yaml:"), ContentError);
  CHECK_THROWS_WITH_AS(read_library("- 1\n- 2\n", "x.yaml", Lang::en),
                       doctest::Contains("not a library"), ContentError);
  CHECK_THROWS_WITH_AS(read_library("urn: x\n", "x.yaml", Lang::en),
                       doctest::Contains("no 'objects' key"), ContentError);
  const std::string bad_mapping = R"(urn: x
objects:
  requirement_mapping_set:
    urn: m
    source_framework_urn: a
    target_framework_urn: b
    requirement_mappings:
    - source_requirement_urn: a1
      target_requirement_urn: b1
      relationship: overlaps
)";
  CHECK_THROWS_WITH_AS(read_library(bad_mapping, "m.yaml", Lang::en),
                       doctest::Contains("m.yaml:8:7: relationship: 'overlaps' is not a relationship"),
                       ContentError);
}

TEST_CASE("the relationship of the cited requirement, seen from either side") {
  // "M subset C": C holds M whole.
  CHECK(cited_relationship("subset", false) == "superset");
  CHECK(cited_relationship("superset", false) == "subset");
  CHECK(cited_relationship("subset", true) == "subset");
  CHECK(cited_relationship("equal", false) == "equal");
  CHECK(cited_relationship("intersect", true) == "intersect");
}

TEST_CASE("compliance: direct coverage first, then the strongest mapping") {
  MappedCoverage full{"X:1", "equal", true, {"M1"}, Coverage::implemented};
  MappedCoverage partial{"X:2", "intersect", false, {"M2"}, Coverage::implemented};
  MappedCoverage planned{"X:3", "superset", true, {"M3"}, Coverage::planned};
  CHECK(compliance_of(Coverage::implemented, {}) == Compliance::covered);
  CHECK(compliance_of(Coverage::none, {}) == Compliance::uncovered);
  CHECK(compliance_of(Coverage::planned, {}) == Compliance::planned);
  std::vector<MappedCoverage> via{partial};
  CHECK(compliance_of(Coverage::none, via) == Compliance::partly);
  via.push_back(full);
  CHECK(compliance_of(Coverage::none, via) == Compliance::covered);
  std::vector<MappedCoverage> only_planned{planned};
  CHECK(compliance_of(Coverage::none, only_planned) == Compliance::planned);
  only_planned.push_back(partial);
  CHECK(compliance_of(Coverage::planned, only_planned) == Compliance::partly);
}
