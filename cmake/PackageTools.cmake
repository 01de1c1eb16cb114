# Read by cpack before it packages: without dpkg-shlibdeps and file, CPack
# would build a .deb that declares no dependencies at all.
if(CPACK_GENERATOR STREQUAL "DEB")
  find_program(RISKMAP_SHLIBDEPS dpkg-shlibdeps)
  find_program(RISKMAP_FILE file)
  if(NOT RISKMAP_SHLIBDEPS OR NOT RISKMAP_FILE)
    message(FATAL_ERROR "the package's dependencies are read by dpkg-shlibdeps and file: "
                        "apt-get install dpkg-dev file")
  endif()
endif()
