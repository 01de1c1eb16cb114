# The Debian package: `cpack -G DEB` in the build folder (or the `package`
# target) turns what `cmake --install` installs into riskmap_VERSION_ARCH.deb.
# Its Depends line is worked out by dpkg-shlibdeps from the libraries the
# binary links, so it follows the build instead of a list kept by hand.
set(RISKMAP_PACKAGE_MAINTAINER "riskmap maintainers" CACHE STRING
    "The Maintainer field of the Debian package: Name <address>")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME riskmap)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${RISKMAP_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "command-line toolkit for IT risk mapping")
set(CPACK_PACKAGE_DESCRIPTION
    "riskmap keeps a local workspace of assets, risk scenarios, controls and
actions, rates them through EBIOS RM-style likelihood x impact matrices, runs
an EBIOS Risk Manager study, and renders the mission's deliverables in French
and English. Every command is scriptable, with JSON and CSV output and exit
codes scripts can rely on; it works offline.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded with dlopen when a workbook is written, so not seen by dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${Xlsxwriter_DEBIAN_PACKAGE}")
# Found on PATH when a deliverable is written as Word, slides or PDF; the
# rest of riskmap works without them.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pandoc, librsvg2-bin, libreoffice-writer-nogui")
set(CPACK_STRIP_FILES ON)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/PackageTools.cmake)
include(CPack)
