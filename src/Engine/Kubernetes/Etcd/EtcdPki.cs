using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MultiCloud.Engine.Kubernetes.Etcd
{
    /// <summary>A certificate and its private key, both PEM. The key is a secret: it goes to nodes, never to state or logs.</summary>
    public sealed record PemKeyPair(string CertificatePem, string PrivateKeyPem);

    /// <summary>What one certificate is for.</summary>
    public enum CertificateUse { Server, Peer, Client }

    /// <summary>
    /// etcd's own certificate authority and the certificates signed by it, made in process: ECDSA P-256 keys,
    /// SHA-256 signatures. The CA lives ten years, leaf certificates five (certificate renewal is a day-2 operation).
    /// </summary>
    public static class EtcdPki
    {
        public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);
        public static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(1825);

        public static PemKeyPair NewAuthority(string clusterName)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=multicloud-etcd-ca-" + clusterName + ", O=MultiCloud", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            var now = DateTimeOffset.UtcNow;
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + AuthorityLifetime);
            return new PemKeyPair(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
        }

        /// <summary>A leaf certificate signed by <paramref name="authority"/> for the names and addresses given.</summary>
        public static PemKeyPair Issue(PemKeyPair authority, string commonName, CertificateUse use, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses)
        {
            using var issuer = X509Certificate2.CreateFromPem(authority.CertificatePem, authority.PrivateKeyPem);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + commonName + ", O=MultiCloud", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            var usages = new OidCollection();
            if (use != CertificateUse.Client) usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
            usages.Add(new Oid("1.3.6.1.5.5.7.3.2"));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
            var names = new SubjectAlternativeNameBuilder();
            var any = false;
            foreach (var name in dnsNames) { names.AddDnsName(name); any = true; }
            foreach (var address in addresses) { names.AddIpAddress(address); any = true; }
            if (any) request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));

            var serial = new byte[16];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7f;
            var now = DateTimeOffset.UtcNow;
            var notAfter = now + LeafLifetime < issuer.NotAfter ? now + LeafLifetime : new DateTimeOffset(issuer.NotAfter.ToUniversalTime());
            using var certificate = request.Create(issuer, now.AddMinutes(-5), notAfter, serial);
            return new PemKeyPair(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
        }
    }
}
