# Finds libxlsxwriter (Debian: libxlsxwriter-dev), through which riskmap
# writes the .xlsx deliverables. Asks pkg-config first when it is there,
# then looks for the header and the library themselves.
# Defines the imported target Xlsxwriter::Xlsxwriter.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_Xlsxwriter QUIET xlsxwriter)
endif()
find_path(Xlsxwriter_INCLUDE_DIR NAMES xlsxwriter.h HINTS ${PC_Xlsxwriter_INCLUDEDIR})
find_library(Xlsxwriter_LIBRARY NAMES xlsxwriter HINTS ${PC_Xlsxwriter_LIBRARY_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Xlsxwriter REQUIRED_VARS Xlsxwriter_LIBRARY Xlsxwriter_INCLUDE_DIR)
if(Xlsxwriter_FOUND AND NOT TARGET Xlsxwriter::Xlsxwriter)
  add_library(Xlsxwriter::Xlsxwriter UNKNOWN IMPORTED)
  set_target_properties(Xlsxwriter::Xlsxwriter PROPERTIES
    IMPORTED_LOCATION "${Xlsxwriter_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Xlsxwriter_INCLUDE_DIR}")
endif()
mark_as_advanced(Xlsxwriter_INCLUDE_DIR Xlsxwriter_LIBRARY)
