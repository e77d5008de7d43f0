# Environment profiles and their secrets (issue 9, items 1 and 2): the profile, its QSettings
# store and the token's keychain / environment / session-only store (QtKeychain, Debian's
# qtkeychain-qt6-dev).
find_package(Qt6Keychain REQUIRED)
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/environmentprofile.h ${CMAKE_CURRENT_LIST_DIR}/environmentprofile.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilestore.h ${CMAKE_CURRENT_LIST_DIR}/profilestore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/secretstore.h ${CMAKE_CURRENT_LIST_DIR}/secretstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/environmentprofileresolver.h
    ${CMAKE_CURRENT_LIST_DIR}/environmentprofileresolver.cpp
)
target_link_libraries(dreamops_services PRIVATE Qt6Keychain::Qt6Keychain)
