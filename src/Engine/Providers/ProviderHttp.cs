using System;
using System.IO;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// The HTTP transport every provider's SDK or REST client is given. Besides the system's trusted roots it
    /// trusts the CA certificates in the provider's <c>trustedCaFile</c> setting (PEM), for clouds reached through
    /// a private CA: Azure Stack Hub, S3/EC2-compatible private clouds, a TLS-inspecting proxy — and the lab's API
    /// doubles. Certificates are still verified in full (chain, name, validity); nothing is ever accepted blindly.
    /// </summary>
    public static class ProviderHttp
    {
        /// <summary>Setting of every provider type: a PEM file of extra CA certificates to trust.</summary>
        public const string TrustedCaFileSetting = "trustedCaFile";

        public static HttpMessageHandler CreateHandler(ProviderSpec spec)
        {
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            if (spec.Settings.TryGetValue(TrustedCaFileSetting, out var file))
            {
                var roots = LoadCertificates(spec, file);
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || (errors == SslPolicyErrors.RemoteCertificateChainErrors && ChainsTo(certificate, roots));
            }
            return handler;
        }

        private static X509Certificate2Collection LoadCertificates(ProviderSpec spec, string file)
        {
            var path = Execution.DefaultCredentialResolver.ExpandHome(file);
            try
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(path);
                if (roots.Count == 0) throw new InvalidDataException("the file holds no PEM certificate");
                return roots;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException || e is System.Security.Cryptography.CryptographicException)
            {
                throw new MultiCloudException(ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument,
                    $"provider {spec.Name}: setting {TrustedCaFileSetting} names '{file}', which cannot be read as PEM CA certificates ({e.Message}); give a readable PEM file")
                { Target = spec.Name };
            }
        }

        private static bool ChainsTo(X509Certificate? certificate, X509Certificate2Collection roots)
        {
            if (certificate is null) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        }
    }
}
