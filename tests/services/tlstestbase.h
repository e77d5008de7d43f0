#pragma once

#include "tlscertificates.h"

#include <QSslSocket>

#include <gtest/gtest.h>

// A suite of N17 tests sharing one set of test certificates (made once per suite with openssl);
// each test is skipped when Qt has no TLS backend and fails when the certificates could not be
// made.
class TlsTestBase : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_certs = new TlsCertificates;
        s_ready = QSslSocket::supportsSsl() && s_certs->generate();
    }
    static void TearDownTestSuite()
    {
        delete s_certs;
        s_certs = nullptr;
    }
    void SetUp() override
    {
        if (!QSslSocket::supportsSsl())
            GTEST_SKIP() << "Qt has no TLS backend here";
        ASSERT_TRUE(s_ready) << s_certs->error().toStdString();
    }

    static inline TlsCertificates *s_certs = nullptr;
    static inline bool s_ready = false;
};
