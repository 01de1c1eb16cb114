# What `cmake --install` puts beside the binary: the man pages, gzipped as
# Debian wants them (gzip -9n: no name, no timestamp, so the same bytes at
# every build), and the shell completion scripts, written by the built
# riskmap itself so that they are exactly what `riskmap completion SHELL`
# prints.
find_program(GZIP gzip REQUIRED)
set(capture ${CMAKE_CURRENT_LIST_DIR}/Capture.cmake)
set(installed_outputs)

# section: 1 or 5; page: its file in man/.
function(riskmap_man_page section page)
  set(output ${PROJECT_BINARY_DIR}/man/${page}.gz)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output}
            "-DCOMMAND=${GZIP}$<SEMICOLON>-9nc$<SEMICOLON>${PROJECT_SOURCE_DIR}/man/${page}"
            -P ${capture}
    DEPENDS ${PROJECT_SOURCE_DIR}/man/${page} ${capture}
    VERBATIM)
  install(FILES ${output} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  set(installed_outputs ${installed_outputs} ${output} PARENT_SCOPE)
endfunction()

# shell: as `riskmap completion` names it; name and folder: where the shell
# looks for it under share/.
function(riskmap_completion shell name folder)
  set(output ${PROJECT_BINARY_DIR}/completions/${shell}/${name})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/completions/${shell}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output}
            "-DCOMMAND=$<TARGET_FILE:riskmap>$<SEMICOLON>completion$<SEMICOLON>${shell}"
            -P ${capture}
    DEPENDS riskmap ${capture}
    VERBATIM)
  install(FILES ${output} DESTINATION ${CMAKE_INSTALL_DATADIR}/${folder})
  set(installed_outputs ${installed_outputs} ${output} PARENT_SCOPE)
endfunction()

riskmap_man_page(1 riskmap.1)
riskmap_man_page(1 riskmap-mapping.1)
riskmap_man_page(5 riskmap.toml.5)
riskmap_completion(bash riskmap bash-completion/completions)
riskmap_completion(zsh _riskmap zsh/vendor-completions)
riskmap_completion(fish riskmap.fish fish/vendor_completions.d)
add_custom_target(installed_files ALL DEPENDS ${installed_outputs})
