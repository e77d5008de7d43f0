# Feature "incident": the incident record core (store, SLA clocks, write-up, export/import).
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/hashchain.h ${CMAKE_CURRENT_LIST_DIR}/hashchain.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incident.h ${CMAKE_CURRENT_LIST_DIR}/incident.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentrows.h ${CMAKE_CURRENT_LIST_DIR}/incidentrows.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentstore.h ${CMAKE_CURRENT_LIST_DIR}/incidentstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentstorewrites.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentarchive.h ${CMAKE_CURRENT_LIST_DIR}/incidentarchive.cpp
    ${CMAKE_CURRENT_LIST_DIR}/slapolicy.h ${CMAKE_CURRENT_LIST_DIR}/slapolicy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/slaclock.h ${CMAKE_CURRENT_LIST_DIR}/slaclock.cpp
    ${CMAKE_CURRENT_LIST_DIR}/writeupgenerator.h ${CMAKE_CURRENT_LIST_DIR}/writeupgenerator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/blamelesscheck.h ${CMAKE_CURRENT_LIST_DIR}/blamelesscheck.cpp
)
