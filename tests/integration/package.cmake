# The Debian package (issue 9 part 5): made by cpack from this build tree into a scratch folder,
# unpacked (or dpkg -i'd as root in CI) and both programs started from there. Label "package";
# needs dpkg-deb (skipped otherwise) and the dreamops and dreamnet-sim binaries built.
find_program(DREAMOPS_DPKG_DEB dpkg-deb)
if(DREAMOPS_DPKG_DEB)
    add_test(NAME Packaging.DebInstallsAndBothProgramsStart
        COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/package_test.sh ${CMAKE_BINARY_DIR}
                ${CMAKE_CPACK_COMMAND} ${PROJECT_VERSION})
    set_tests_properties(Packaging.DebInstallsAndBothProgramsStart PROPERTIES
        LABELS package TIMEOUT 600 SKIP_RETURN_CODE 77)
endif()
