package org.calpe.check.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

import org.junit.jupiter.api.Test;

class PemFilesTest {

    private static void matches(String keyFile, String certFile, String password) throws Exception {
        PrivateKey key = PemFiles.privateKey(Fixtures.path(keyFile), password);
        PublicKey pub = PemFiles.certificates(Fixtures.path(certFile)).get(0).getPublicKey();
        String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] data = "calpe".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(data);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(pub);
        v.update(data);
        assertTrue(v.verify(sig), keyFile + " belongs to " + certFile);
    }

    @Test
    void everyKeyFormatOpensslWritesIsRead() throws Exception {
        matches("client-pkcs8.key", "client.crt", null);
        matches("client-pkcs8-enc.key", "client.crt", "s3cret");
        matches("client-pkcs1.key", "client.crt", null);
        matches("client-pkcs1-enc.key", "client.crt", "s3cret");
        matches("client-pkcs1-des3.key", "client.crt", "s3cret");
        matches("client-ec.key", "client-ec.crt", null);
    }

    @Test
    void wrongOrMissingPasswordIsAnError() {
        assertThrows(GeneralSecurityException.class,
                () -> PemFiles.privateKey(Fixtures.path("client-pkcs8-enc.key"), "wrong"));
        assertThrows(GeneralSecurityException.class,
                () -> PemFiles.privateKey(Fixtures.path("client-pkcs1-enc.key"), null));
        assertThrows(GeneralSecurityException.class, () -> PemFiles.privateKey(Fixtures.path("client.crt"), null));
        assertThrows(GeneralSecurityException.class, () -> PemFiles.certificates(Fixtures.path("client-pkcs1.key")));
    }

    @Test
    void bytesToKeyIsOpensslsDerivation() throws Exception {
        // openssl enc -aes-128-cbc -P -md md5 -pass pass:s3cret -S 0102030405060708 prints key=04D7471B…
        byte[] k = PemFiles.bytesToKey("s3cret".getBytes(StandardCharsets.US_ASCII),
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9}, 16);
        assertEquals("04d7471ba4a9314395a3fe2d5788e5b5", java.util.HexFormat.of().formatHex(k));
    }

    @Test
    void sslLineParsing() {
        SslSettings s = SslSettings.parse(new String[] {
            "password s3cret ca /etc/ca.pem certificate /etc/client.pem key \"/etc/client key.pem\""});
        assertEquals("s3cret", s.password().orElseThrow());
        assertEquals("/etc/ca.pem", s.ca().orElseThrow());
        assertEquals("/etc/client.pem", s.certificate().orElseThrow());
        assertEquals("/etc/client key.pem", s.key().orElseThrow());
        assertEquals(SslSettings.NONE, SslSettings.parse(null));
        assertEquals(SslSettings.NONE, SslSettings.parse(new String[0]));
        assertTrue(SslSettings.parse("password x").toString().contains("***"), "the password is not logged");
    }
}
