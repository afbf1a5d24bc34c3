using System.Net;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Autorest;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>KubernetesClient connections the way kubeadm makes them: from a kubeconfig file, with a bootstrap token
/// and a trusted CA, or (discovery only) without verifying the server.</summary>
public static class ClusterClient
{
    public static Kubernetes FromKubeconfig(string path)
    {
        var file = HostPaths.Path(path);
        if (!File.Exists(file))
            throw new CommandException($"failed to load admin kubeconfig: open {path}: no such file or directory");
        var kc = Kubeconfig.Read(file);
        var config = new KubernetesClientConfiguration { Host = kc.Server, SslCaCerts = new X509Certificate2Collection(Pki.LoadCertificate(kc.CaPem)) };
        if (kc.ClientCertPem != null)
        {
            config.ClientCertificateData = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(kc.ClientCertPem));
            config.ClientCertificateKeyData = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(kc.ClientKeyPem!));
        }
        config.AccessToken = kc.Token;
        return new Kubernetes(config);
    }

    public static Kubernetes WithToken(string server, string token, X509Certificate2? ca)
    {
        var config = new KubernetesClientConfiguration { Host = server, AccessToken = token };
        if (ca != null) config.SslCaCerts = new X509Certificate2Collection(ca);
        else config.SkipTlsVerify = true;
        return new Kubernetes(config);
    }

    public static Kubernetes Insecure(string server) =>
        new(new KubernetesClientConfiguration { Host = server, SkipTlsVerify = true });

    public static bool IsStatus(Exception error, HttpStatusCode code) =>
        error is HttpOperationException { Response.StatusCode: var status } && status == code;

    /// <summary>Retries a call until it succeeds or the time is up (kubeadm's API call retries).</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { return await call(); }
            catch (Exception error) when (error is HttpRequestException or HttpOperationException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                if (error is HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.UnprocessableEntity })
                    throw new CommandException($"{what}: {Describe(error)}");
                await Task.Delay(500);
            }
            catch (Exception error) when (error is HttpRequestException or HttpOperationException or TaskCanceledException)
            {
                throw new CommandException($"{what}: {Describe(error)}");
            }
        }
    }

    public static string Describe(Exception error) => error is HttpOperationException h
        ? $"{(int)h.Response.StatusCode} {h.Response.Content}"
        : error.Message;
}
