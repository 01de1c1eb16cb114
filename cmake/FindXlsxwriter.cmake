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
# riskmap loads the library with dlopen when it writes a workbook (see
# core/xlsx_writer.cpp): its SONAME is what dlopen asks for, and the Debian
# package that ships it is a dependency the package must declare itself,
# dpkg-shlibdeps seeing no link to it.
if(Xlsxwriter_FOUND AND NOT Xlsxwriter_SONAME)
  find_program(Xlsxwriter_OBJDUMP NAMES objdump)
  if(Xlsxwriter_OBJDUMP)
    execute_process(COMMAND ${Xlsxwriter_OBJDUMP} -p ${Xlsxwriter_LIBRARY}
                    OUTPUT_VARIABLE _xlsxwriter_dynamic ERROR_QUIET)
    string(REGEX MATCH "SONAME[ \t]+([^ \t\n]+)" _xlsxwriter_match "${_xlsxwriter_dynamic}")
    set(_xlsxwriter_soname "${CMAKE_MATCH_1}")
  endif()
  if(NOT _xlsxwriter_soname)
    get_filename_component(_xlsxwriter_real ${Xlsxwriter_LIBRARY} REALPATH)
    get_filename_component(_xlsxwriter_soname ${_xlsxwriter_real} NAME)
  endif()
  set(Xlsxwriter_SONAME "${_xlsxwriter_soname}" CACHE STRING "SONAME riskmap loads libxlsxwriter by")
  # Debian names a library's package after its SONAME: libxlsxwriter.so.4
  # is in libxlsxwriter4.
  string(REGEX REPLACE "^lib(.*)\\.so\\.([0-9]+).*$" "lib\\1\\2" _xlsxwriter_package "${_xlsxwriter_soname}")
  set(Xlsxwriter_DEBIAN_PACKAGE "${_xlsxwriter_package}" CACHE STRING "Debian package of libxlsxwriter")
endif()
mark_as_advanced(Xlsxwriter_INCLUDE_DIR Xlsxwriter_LIBRARY Xlsxwriter_SONAME Xlsxwriter_DEBIAN_PACKAGE)
