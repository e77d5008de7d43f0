# Pre-baked gcloud/aws commands (issue 7): the catalogue, validation, argv building, the runner.
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/commandspec.h
    ${CMAKE_CURRENT_LIST_DIR}/commandvalidator.h ${CMAKE_CURRENT_LIST_DIR}/commandvalidator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandcatalogue.h ${CMAKE_CURRENT_LIST_DIR}/commandcatalogue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandinvocation.h
    ${CMAKE_CURRENT_LIST_DIR}/commandbuilder.h ${CMAKE_CURRENT_LIST_DIR}/commandbuilder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/shellquote.h ${CMAKE_CURRENT_LIST_DIR}/shellquote.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandbatchfilter.h ${CMAKE_CURRENT_LIST_DIR}/commandbatchfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandoutputcapture.h ${CMAKE_CURRENT_LIST_DIR}/commandoutputcapture.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandresult.h ${CMAKE_CURRENT_LIST_DIR}/commandresult.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandjournalentries.h ${CMAKE_CURRENT_LIST_DIR}/commandjournalentries.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandrunner.h ${CMAKE_CURRENT_LIST_DIR}/commandrunner.cpp
)
