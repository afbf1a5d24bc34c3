using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MultiCloud.CloudDoubles;

/// <summary>
/// A throwaway CA for the doubles' HTTPS endpoints. Its certificate is written as PEM for the providers'
/// <c>trustedCaFile</c> setting — the same setting a user of a private cloud has — so clients verify the doubles'
/// certificates in full instead of skipping verification.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 authority;

    public TestCertificateAuthority(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=MultiCloud cloud doubles test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        authority = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        Directory.CreateDirectory(folder);
        PemPath = Path.Combine(folder, "cloud-doubles-ca.pem");
        File.WriteAllText(PemPath, authority.ExportCertificatePem() + "\n");
    }

    /// <summary>The CA certificate as PEM: the value for a provider's trustedCaFile setting.</summary>
    public string PemPath { get; }

    /// <summary>A server certificate for 127.0.0.1 and localhost (and any further names), with its private key.</summary>
    public X509Certificate2 IssueServerCertificate(params string[] extraNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        foreach (var name in extraNames) names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(authority, now.AddMinutes(-5), now.AddDays(1), serial);
        // Kestrel on Linux needs the key in an exportable form it can load.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pfx), null);
    }

    public void Dispose() => authority.Dispose();
}
