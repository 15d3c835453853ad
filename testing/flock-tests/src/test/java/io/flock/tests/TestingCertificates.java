package io.flock.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for TLS tests: a self-signed CA that issues server
 * certificates (for 127.0.0.1 and localhost) and client certificates, written as PEM files
 * (private keys as unencrypted PKCS#8), valid from an hour ago for one day.
 */
public final class TestingCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    /** A certificate and its key, as written to disk. */
    public record Issued(Path certificate, Path privateKey) {
    }

    private TestingCertificates(String name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed CA called {@code name}. */
    public static TestingCertificates authority(String name) {
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestingCertificates(name, keys, sign(builder, keys.getPrivate()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create test CA '" + name + "'", e);
        }
    }

    /** Writes this CA's certificate as PEM to {@code directory}/{@code <name>.pem}. */
    public Path writeCertificate(Path directory) {
        Path file = directory.resolve(name + ".pem");
        writePem(file, certificate);
        return file;
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    public Issued issueServer(Path directory, String fileName) {
        return issue(directory, fileName, "localhost", KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    }

    /** A client certificate for {@code commonName}. */
    public Issued issueClient(Path directory, String fileName, String commonName) {
        return issue(directory, fileName, commonName, KeyPurposeId.id_kp_clientAuth, null);
    }

    private Issued issue(Path directory, String fileName, String commonName, KeyPurposeId purpose, GeneralNames names) {
        KeyPair leafKeys = newKeys();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name), new X500Name("CN=" + commonName), leafKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            X509Certificate leaf = sign(builder, keys.getPrivate());
            Path certificateFile = directory.resolve(fileName + ".pem");
            Path keyFile = directory.resolve(fileName + "-key.pem");
            writePem(certificateFile, leaf);
            writePkcs8(keyFile, leafKeys.getPrivate());
            return new Issued(certificateFile, keyFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue test certificate '" + fileName + "'", e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }

    private static void writePem(Path file, Object object) {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePkcs8(Path file, PrivateKey key) {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
