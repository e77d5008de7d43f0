# Environment profiles and secrets (issue 9): storage and validation without a socket, S3 (no
# keychain: run as is) and S4 (a real keychain: skipped unless a Secret Service answers).
dreamops_add_test(NAME dreamops_profiles_services_tests
    TIMEOUT 60
    SOURCES
        profilestore_test.cpp
        secretstore_test.cpp
        secretkeychain_test.cpp
        profileresolver_test.cpp
    LIBS dreamops_testmain_core DreamOps::services DreamOps::resources Qt6::Test GTest::gtest)

# S4 for real: a private session bus with gnome-keyring's Secret Service, its login keyring
# unlocked with a throwaway password in a throwaway XDG_DATA_HOME, then the *Keychain* tests,
# which must not skip there (DREAMOPS_REQUIRE_KEYCHAIN=1). Needs dbus-run-session,
# gnome-keyring-daemon (scripts/deps --test) and, for the outside check, secret-tool.
find_program(DREAMOPS_DBUS_RUN_SESSION dbus-run-session)
find_program(DREAMOPS_GNOME_KEYRING_DAEMON gnome-keyring-daemon)
if(DREAMOPS_DBUS_RUN_SESSION AND DREAMOPS_GNOME_KEYRING_DAEMON)
    add_test(NAME Secrets.S4_KeychainUnderDbusRunSession
        COMMAND ${DREAMOPS_DBUS_RUN_SESSION} -- sh -c [[
            d=$(mktemp -d) || exit 1
            export HOME="$d" XDG_DATA_HOME="$d/data" XDG_RUNTIME_DIR="$d/run"
            mkdir -p -m 700 "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
            echo -n pw | "$1" --unlock --components=secrets >/dev/null
            "$2" --gtest_filter=*Keychain*
            rc=$?
            rm -rf "$d"
            exit $rc]]
            s4 ${DREAMOPS_GNOME_KEYRING_DAEMON} $<TARGET_FILE:dreamops_profiles_services_tests>)
    set_tests_properties(Secrets.S4_KeychainUnderDbusRunSession PROPERTIES
        TIMEOUT 90
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DREAMOPS_REQUIRE_KEYCHAIN=1")
endif()
