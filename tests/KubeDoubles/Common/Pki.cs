using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MultiCloud.KubeDoubles.Common;

/// <summary>What a certificate is for: kubeadm's certificate specs reduced to what the lab needs.</summary>
public sealed record CertSpec(string CommonName, string[] Organizations, bool Server, bool Client,
    IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> IpAddresses, TimeSpan Validity)
{
    public static CertSpec ClientOf(string cn, params string[] orgs) =>
        new(cn, orgs, false, true, Array.Empty<string>(), Array.Empty<IPAddress>(), TimeSpan.FromDays(365));
}

/// <summary>Real X.509: CAs, leaf certificates, keys in the PEM encodings kubeadm writes (PKCS#1 RSA / SEC1 EC).</summary>
public static class Pki
{
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    public sealed record KeyPair(AsymmetricAlgorithm Key, string PrivatePem)
    {
        public static KeyPair New(bool ecdsa)
        {
            if (ecdsa)
            {
                var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return new KeyPair(ec, ec.ExportECPrivateKeyPem());
            }
            var rsa = RSA.Create(2048);
            return new KeyPair(rsa, rsa.ExportRSAPrivateKeyPem());
        }
    }

    public static (X509Certificate2 Cert, KeyPair Key) NewCa(string commonName, bool ecdsa)
    {
        var key = KeyPair.New(ecdsa);
        var request = Request($"CN={commonName}", key.Key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var cert = request.CreateSelfSigned(now, now + CaValidity);
        return (cert, key);
    }

    public static (X509Certificate2 Cert, KeyPair Key) Issue(X509Certificate2 caWithKey, CertSpec spec, bool ecdsa)
    {
        var key = KeyPair.New(ecdsa);
        var subject = string.Join(", ", spec.Organizations.Select(o => "O=" + Escape(o)).Append("CN=" + Escape(spec.CommonName)));
        var request = Request(subject, key.Key);
        return (Sign(caWithKey, request, spec), key);
    }

    public static X509Certificate2 Sign(X509Certificate2 caWithKey, CertificateRequest request, CertSpec spec)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var usages = new OidCollection();
        if (spec.Server) usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        if (spec.Client) usages.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        if (spec.DnsNames.Count + spec.IpAddresses.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dns in spec.DnsNames.Distinct()) san.AddDnsName(dns);
            foreach (var ip in spec.IpAddresses.Distinct()) san.AddIpAddress(ip);
            request.CertificateExtensions.Add(san.Build());
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caWithKey, true, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var notAfter = now + spec.Validity < caWithKey.NotAfter ? now + spec.Validity : (DateTimeOffset)caWithKey.NotAfter;
        return request.Create(caWithKey.SubjectName, SignatureGenerator(caWithKey), now, notAfter, serial);
    }

    private static X509SignatureGenerator SignatureGenerator(X509Certificate2 ca) =>
        ca.GetECDsaPrivateKey() is { } ec
            ? X509SignatureGenerator.CreateForECDsa(ec)
            : X509SignatureGenerator.CreateForRSA(ca.GetRSAPrivateKey()!, RSASignaturePadding.Pkcs1);

    private static CertificateRequest Request(string subject, AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new ArgumentException("unsupported key"),
    };

    private static string Escape(string value) => value.Contains(',') || value.Contains('=') ? $"\"{value}\"" : value;

    public static string CertPem(X509Certificate2 cert) => cert.ExportCertificatePem() + "\n";

    public static X509Certificate2 LoadCertificateWithKey(string certPem, string keyPem)
    {
        var cert = X509Certificate2.CreateFromPem(certPem, keyPem);
        // Kestrel and SslStream need a key they can use from a platform store; a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public static X509Certificate2 LoadCertificateWithKeyFiles(string certFile, string keyFile) =>
        LoadCertificateWithKey(File.ReadAllText(certFile), File.ReadAllText(keyFile));

    public static X509Certificate2 LoadCertificate(string pem) => X509Certificate2.CreateFromPem(pem);

    /// <summary>kubeadm's CA pin: "sha256:" + hex SHA-256 of the certificate's DER SubjectPublicKeyInfo.</summary>
    public static string PublicKeyPin(X509Certificate2 cert) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(cert.PublicKey.ExportSubjectPublicKeyInfo()));

    public static void WriteFile(string path, string content, bool secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temp, path, true);
    }

    /// <summary>Reads PEM file pairs "name.crt"/"name.key" from a folder, as kubeadm does for its pki dir.</summary>
    public static X509Certificate2 LoadPair(string dir, string baseName) =>
        LoadCertificateWithKeyFiles(Path.Combine(dir, baseName + ".crt"), Path.Combine(dir, baseName + ".key"));

    public static void WritePair(string dir, string baseName, X509Certificate2 cert, KeyPair key)
    {
        WriteFile(Path.Combine(dir, baseName + ".crt"), CertPem(cert), secret: false);
        WriteFile(Path.Combine(dir, baseName + ".key"), key.PrivatePem + "\n", secret: true);
    }
}
