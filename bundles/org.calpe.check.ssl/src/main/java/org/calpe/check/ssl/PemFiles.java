package org.calpe.check.ssl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the PEM files keepalived's {@code SSL} block names, with the JDK only: a certificate chain, and a private
 * key in any form OpenSSL's {@code SSL_CTX_use_PrivateKey_file(…, SSL_FILETYPE_PEM)} reads: PKCS#8
 * ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2), PKCS#1 ({@code RSA PRIVATE KEY})
 * and SEC1 ({@code EC PRIVATE KEY}), the last two also in OpenSSL's legacy encryption ({@code Proc-Type: 4,ENCRYPTED},
 * {@code DEK-Info} AES-128/192/256-CBC, DES-EDE3-CBC or DES-CBC with EVP_BytesToKey/MD5).
 */
final class PemFiles {
    private PemFiles() {
    }

    /** One PEM block: its label, headers and decoded body. */
    record Block(String label, List<String> headers, byte[] der) {
    }

    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(Files.readString(file, StandardCharsets.ISO_8859_1))) {
            if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return out;
    }

    static PrivateKey privateKey(Path file, String password) throws IOException, GeneralSecurityException {
        for (Block b : blocks(Files.readString(file, StandardCharsets.ISO_8859_1))) {
            switch (b.label()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der());
                case "ENCRYPTED PRIVATE KEY":
                    return pkcs8(decryptPkcs8(b.der(), requirePassword(password, file)));
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.pkcs8FromPkcs1(legacy(b, password, file)));
                case "EC PRIVATE KEY":
                    return pkcs8(Der.pkcs8FromSec1(legacy(b, password, file)));
                default:
                    break; // EC PARAMETERS, certificates in the same file, …
            }
        }
        throw new GeneralSecurityException("no private key in " + file);
    }

    private static String requirePassword(String password, Path file) throws GeneralSecurityException {
        if (password == null) {
            throw new GeneralSecurityException("the key in " + file + " is encrypted and no password is set");
        }
        return password;
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (InvalidKeySpecException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported private key", last);
    }

    private static byte[] decryptPkcs8(byte[] der, String password) throws IOException, GeneralSecurityException {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        String alg = info.getAlgName();
        if (alg.equalsIgnoreCase("PBES2") || alg.startsWith("1.2.840.113549.1.5.13")) {
            alg = info.getAlgParameters().toString(); // e.g. PBEWithHmacSHA256AndAES_256
        }
        SecretKeyFactory f = SecretKeyFactory.getInstance(alg);
        Cipher c = Cipher.getInstance(alg);
        c.init(Cipher.DECRYPT_MODE, f.generateSecret(new PBEKeySpec(password.toCharArray())), info.getAlgParameters());
        return info.getKeySpec(c).getEncoded();
    }

    /** The DER of a traditional PEM key, decrypted if it carries OpenSSL's legacy encryption headers. */
    private static byte[] legacy(Block b, String password, Path file) throws GeneralSecurityException {
        String dek = null;
        for (String h : b.headers()) {
            if (h.startsWith("DEK-Info:")) {
                dek = h.substring("DEK-Info:".length()).trim();
            }
        }
        if (dek == null) {
            return b.der();
        }
        requirePassword(password, file);
        int comma = dek.indexOf(',');
        String cipherName = dek.substring(0, comma).trim().toUpperCase(Locale.ROOT);
        byte[] iv = HexFormat.of().parseHex(dek.substring(comma + 1).trim());
        String transformation;
        String keyAlg;
        int keyLength;
        switch (cipherName) {
            case "AES-128-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlg = "AES"; keyLength = 16; }
            case "AES-192-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlg = "AES"; keyLength = 24; }
            case "AES-256-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlg = "AES"; keyLength = 32; }
            case "DES-EDE3-CBC" -> { transformation = "DESede/CBC/PKCS5Padding"; keyAlg = "DESede"; keyLength = 24; }
            case "DES-CBC" -> { transformation = "DES/CBC/PKCS5Padding"; keyAlg = "DES"; keyLength = 8; }
            default -> throw new GeneralSecurityException("unsupported PEM encryption " + cipherName + " in " + file);
        }
        byte[] key = bytesToKey(password.getBytes(StandardCharsets.UTF_8), iv, keyLength);
        Cipher c = Cipher.getInstance(transformation);
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlg), new IvParameterSpec(iv));
        return c.doFinal(b.der());
    }

    /** OpenSSL's EVP_BytesToKey with MD5, one iteration, the first 8 IV bytes as salt. */
    static byte[] bytesToKey(byte[] password, byte[] iv, int length) throws GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] out = new byte[length];
        byte[] prev = new byte[0];
        int filled = 0;
        while (filled < length) {
            md5.update(prev);
            md5.update(password);
            md5.update(iv, 0, 8);
            prev = md5.digest();
            int n = Math.min(prev.length, length - filled);
            System.arraycopy(prev, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (!l.startsWith("-----BEGIN ") || !l.endsWith("-----")) {
                continue;
            }
            String label = l.substring(11, l.length() - 5);
            List<String> headers = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (i++; i < lines.length && !lines[i].trim().startsWith("-----END "); i++) {
                String s = lines[i].trim();
                if (s.contains(":")) {
                    headers.add(s);
                } else {
                    body.append(s);
                }
            }
            out.add(new Block(label, List.copyOf(headers), Base64.getMimeDecoder().decode(body.toString())));
        }
        return out;
    }
}
