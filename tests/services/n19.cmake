# Row N19: six slow connections on the API host must not starve the health poll (its own QNAM).
dreamops_add_test(NAME dreamops_n19_services_tests
    TIMEOUT 60
    SOURCES
        faultserver.h faultserver.cpp
        clienttestutil.h
        n19_test.cpp
    LIBS dreamops_testmain_core DreamOps::services Qt6::Network Qt6::Test GTest::gtest ZLIB::ZLIB)
